"""The `maestro` command as a user runs it (a subprocess, its own Ray for the build)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "crate_expectations.md"


def maestro(*args: str, cwd: Path, stdin: bytes | None = None, timeout: int = 240):
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    return subprocess.run([sys.executable, "-m", "maestro.cli", *args], cwd=cwd, input=stdin,
                          capture_output=True, timeout=timeout, env=env)


def test_help_teaches(tmp_path):
    out = maestro("--help", cwd=tmp_path)
    assert out.returncode == 0
    text = out.stdout.decode()
    for word in ("build", "spec", "catalog", "examples:", "--seed", "256 KiB"):
        assert word in text
    build_help = maestro("build", "--help", cwd=tmp_path).stdout.decode()
    assert "--out" in build_help and "--genre" in build_help and "byte-identical" in build_help


def test_spec_json_reports_what_was_not_understood(tmp_path):
    gdd = tmp_path / "g.md"
    gdd.write_text("# Sky Pirates\nGenre: platformer. 4 lives. Collect 12 coins.\n"
                   "The game has online multiplayer and a leaderboard.\n")
    out = maestro("spec", str(gdd), "--json", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    spec = json.loads(out.stdout)
    assert spec["title"] == "Sky Pirates" and spec["genre"] == "platformer" and spec["lives"] == 4
    assert spec["notes"], "unsupported features are reported, not dropped"
    human = maestro("spec", str(gdd), cwd=tmp_path).stdout.decode()
    assert "Sky Pirates" in human and "platformer" in human


@pytest.mark.parametrize(
    "content, needle",
    [
        (None, "not found"),
        (b"", "empty"),
        (b"   \n\n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "png image"),
        (bytes(range(256)) * 8, "binary"),
        (b"# Big\n" + b"lorem ipsum dolor " * 20000, "256"),
    ],
)
def test_bad_gdd_is_refused_and_nothing_is_written(tmp_path, content, needle):
    gdd = tmp_path / "game.md"
    if content is not None:
        gdd.write_bytes(content)
    out = maestro("build", str(gdd), cwd=tmp_path)
    assert out.returncode == 2
    err = out.stderr.decode()
    assert err.startswith("maestro: error:") and needle in err.lower()
    assert len(err.strip().splitlines()) == 1, "one clear line, no traceback"
    assert not (tmp_path / "maestro-data").exists()


def test_unknown_genre_is_refused(tmp_path):
    out = maestro("build", str(EXAMPLE), "--genre", "knitting", cwd=tmp_path)
    assert out.returncode == 2
    assert "unknown genre 'knitting'" in out.stderr.decode()
    assert not (tmp_path / "maestro-data").exists()


@pytest.mark.ray
def test_build_prints_the_playable_path_last(tmp_path):
    out = maestro("build", str(EXAMPLE), "--quiet", cwd=tmp_path)
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    lines = out.stdout.decode().strip().splitlines()
    index = Path(lines[-1])
    assert index.name == "index.html" and index.is_file()
    assert index.is_relative_to(tmp_path / "maestro-data")
    assert "Crate Expectations — puzzle" in lines[0]
    catalog = maestro("catalog", "--json", cwd=tmp_path)
    rows = [json.loads(line) for line in catalog.stdout.decode().splitlines()]
    assert [r["status"] for r in rows] == ["published"]
