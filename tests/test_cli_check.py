"""`maestro check` and the catalog questions, as a user runs them (a subprocess, no Ray)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.test_plan_and_assembly import GDD, _build

REPO = Path(__file__).resolve().parents[1]


def maestro(*args: str, cwd: Path, timeout: int = 180):
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "maestro.cli", *args], cwd=cwd, capture_output=True,
                          timeout=timeout, env=env)


@pytest.fixture(scope="module")
def project_files() -> dict[str, bytes]:
    return _build(GDD, 3)


def write(files: dict[str, bytes], root: Path) -> Path:
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return root


def test_check_passes_a_good_bundle_and_writes_the_report(project_files, tmp_path):
    project = write(project_files, tmp_path / "proj")
    out = maestro("check", str(project), "--no-browser", "--seconds", "5", cwd=tmp_path)
    text = out.stdout.decode()
    assert out.returncode == 0, text + out.stderr.decode()
    assert "QA PASSED" in text and "score 100/100" in text and "fidelity" in text and "bot" in text
    game = project / "game"
    report = json.loads((game / "report.json").read_text())
    assert report["passed"] is True and report["title"] == "Tiny Hop"
    assert "Tiny Hop" in (game / "report.html").read_text()
    assert not (game / "thumbnail.png").exists()  # --no-browser: no screenshot
    # A second run on the same folder ignores its own earlier report files.
    again = maestro("check", str(game), "--no-browser", "--json", "--seconds", "2", cwd=tmp_path)
    assert again.returncode == 0 and json.loads(again.stdout)["passed"] is True


def test_check_fails_a_broken_bundle_and_names_the_failures(project_files, tmp_path):
    files = dict(project_files)
    files["game/game.js"] = files["game/game.js"].replace(
        b"G.score = 0; G.lives = usesLives ? (spec.lives || 3) : null;", b"") + b"\n// TODO: remove the cheat\n"
    game = write(files, tmp_path / "broken") / "game"
    out = maestro("check", str(game), "--no-browser", "--seconds", "3", cwd=tmp_path)
    text = out.stdout.decode()
    assert out.returncode == 1, text
    assert "QA FAILED" in text
    assert "[restart_resets]" in text and "Restarting does not start over" in text
    assert "[no_placeholders]" in text and "TODO" in text
    assert json.loads((game / "report.json").read_text())["passed"] is False


def test_check_refuses_a_folder_that_is_not_a_bundle(tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "readme.txt").write_text("hello")
    out = maestro("check", str(tmp_path / "notes"), cwd=tmp_path)
    assert out.returncode == 2
    assert "not a Maestro bundle" in out.stderr.decode() and "index.html" in out.stderr.decode()
    assert maestro("check", str(tmp_path / "missing"), cwd=tmp_path).returncode == 2


def _catalog(root: Path) -> None:
    from maestro.spec import BuildRecord
    from maestro.storage import ArtifactStore, Catalog

    cat = Catalog(ArtifactStore(str(root)))
    t0 = datetime(2025, 1, 1, tzinfo=timezone.utc)
    rows = [
        ("hop-1", "platformer", "published", "", 10.0, 90.0, 1.0),
        ("hop-2", "platformer", "published", "", 20.0, 80.0, 0.5),
        ("hop-3", "platformer", "failed", "QA: The bot could not finish level 1", 30.0, 40.0, 0.0),
        ("crate-1", "puzzle", "published", "", 5.0, 100.0, 1.0),
    ]
    for i, (pid, genre, status, error, secs, score, fid) in enumerate(rows):
        row = {"project_id": pid, "title": pid.title(), "genre": genre, "status": status, "error": error,
               "seconds": secs, "created_at": t0 + timedelta(minutes=i),
               "qa_score": score, "qa_fidelity": fid, "qa_status": "failed" if status == "failed" else "passed"}
        cat.append(BuildRecord(**row))


def test_catalog_stats_and_failures(tmp_path):
    _catalog(tmp_path / "data")
    out = maestro("catalog", "--out", str(tmp_path / "data"), "--stats", "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr.decode()
    stats = {r["genre"]: r for r in map(json.loads, out.stdout.decode().splitlines())}
    assert stats["platformer"]["builds"] == 3 and stats["platformer"]["published"] == 2
    assert stats["platformer"]["failed"] == 1 and stats["platformer"]["mean_seconds"] == pytest.approx(20.0)
    assert stats["puzzle"]["builds"] == 1 and stats["puzzle"]["failed"] == 0
    assert stats["platformer"]["mean_qa_score"] == pytest.approx(70.0)
    assert stats["platformer"]["mean_qa_fidelity"] == pytest.approx(0.5)
    assert stats["platformer"]["qa_passed"] == 2
    table = maestro("catalog", "--out", str(tmp_path / "data"), "--stats", cwd=tmp_path).stdout.decode()
    assert "platformer" in table and "4 build(s): 3 published, 1 failed" in table

    fails = maestro("catalog", "--out", str(tmp_path / "data"), "--failures", cwd=tmp_path)
    text = fails.stdout.decode()
    assert fails.returncode == 0 and "1 failed build(s)" in text
    assert "hop-3" in text and "The bot could not finish level 1" in text and "hop-1" not in text


def test_catalog_questions_on_an_empty_catalog(tmp_path):
    out = maestro("catalog", "--out", str(tmp_path / "empty"), "--stats", cwd=tmp_path)
    assert out.returncode == 0 and "no builds yet" in out.stdout.decode()
    out = maestro("catalog", "--out", str(tmp_path / "empty"), "--failures", "--json", cwd=tmp_path)
    assert out.returncode == 0 and out.stdout.decode().strip() == ""


@pytest.mark.browser
def test_check_refuses_a_bundle_that_reaches_the_network(project_files, tmp_path):
    """A beacon from data.js, a moment after load, to a listener on this machine: QA must block it
    (nothing arrives) and fail the bundle for trying."""
    import http.server
    import threading

    from tests.conftest import require_browser

    require_browser()
    hits: list[str] = []

    class Listener(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (the stdlib's name)
            hits.append(self.path)
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_address[1]
    files = dict(project_files)
    files["game/data.js"] += (f"\nsetTimeout(function () {{ new Image().src = 'http://127.0.0.1:{port}/beacon';"
                              f" fetch('http://127.0.0.1:{port}/f').catch(function () {{}}); }}, 300);\n").encode()
    game = write(files, tmp_path / "leaky") / "game"
    try:
        out = maestro("check", str(game), "--seconds", "3", cwd=tmp_path)
    finally:
        server.shutdown()
    text = out.stdout.decode()
    assert out.returncode == 1, text + out.stderr.decode()
    assert "tried to reach the network" in text and f"127.0.0.1:{port}" in text
    assert hits == [], f"the bundle reached the listener: {hits}"
