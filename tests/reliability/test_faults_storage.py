"""Storage faults: a bad --out, a read-only or full disk, a missing bucket, a stopped S3 server.
Each ends in one line (StorageError, exit 3), never a traceback, and leaves nothing half-written."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from maestro.errors import StorageError
from maestro.storage import ArtifactStore

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "crate_expectations.md"


def _cli(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS" and not k.startswith("MAESTRO_")}
    return subprocess.run([sys.executable, "-m", "maestro.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={**base, **(env or {})})


def _one_line_error(done: subprocess.CompletedProcess, code: int, needle: str) -> None:
    assert done.returncode == code, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and done.stderr.count("maestro: error:") == 1, done.stderr[-2000:]
    assert needle in done.stderr


def test_out_at_a_file_fails_at_the_door(tmp_path):
    afile = tmp_path / "not-a-folder"
    afile.write_text("x")
    build = _cli("build", str(EXAMPLE), "--out", str(afile), "--quiet", cwd=tmp_path)
    _one_line_error(build, 3, "a file is in the way")
    assert afile.read_text() == "x"
    assert "ray_start" not in build.stdout and not (tmp_path / "maestro-data").exists()
    _one_line_error(_cli("catalog", "--out", str(afile / "sub"), cwd=tmp_path), 3, "a file is in the way")


def test_read_only_disk(tmpfs, tmp_path):
    ro = tmpfs("1m", read_only=True)
    with pytest.raises(StorageError, match="read-only|permission denied"):
        ArtifactStore(str(ro / "games")).check_writable()
    _one_line_error(_cli("build", str(EXAMPLE), "--out", str(ro), "--quiet", cwd=tmp_path), 3, "read-only")


def test_a_full_disk_leaves_no_partial_file(tmpfs):
    full = tmpfs("64k")
    store = ArtifactStore(str(full))
    store.check_writable()  # room for a probe
    with pytest.raises(OSError):
        store.write_bytes(store.path("cache", "ab", "big.json"), b"x" * 200_000)
    leftovers = [p for p in full.rglob("*") if p.is_file()]
    assert leftovers == [], leftovers  # no zero-byte .tmp-* file


@pytest.mark.ray
def test_a_disk_that_fills_during_a_build_is_a_storage_error_and_no_project(ray_local, tmpfs):
    from maestro.pipeline import BuildRequest, run_build

    full = tmpfs("300k")  # the probe fits; the assets and the bundle do not
    with pytest.raises(StorageError, match="no space left") as err:
        run_build(BuildRequest(text=EXAMPLE.read_text(), source_name="crate", force=True), _settings(str(full)))
    assert "\n" not in str(err.value)
    store = ArtifactStore(str(full))
    assert store.list_projects() == []
    assert [p for p in full.rglob(".tmp-*")] == [] and not list(full.rglob(".staging-*"))


def _settings(storage: str):
    from maestro.config import load_settings

    return load_settings(storage=storage, qa_browser="off")


def test_missing_bucket_and_stopped_s3_server(s3_server, tmp_path):
    env = {"AWS_ENDPOINT_URL": s3_server, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1"}
    for key, value in env.items():
        os.environ.setdefault(key, value)
    try:
        with pytest.raises(StorageError, match="missing bucket|no such bucket"):
            ArtifactStore("s3://no-such-bucket/games").check_writable()
        _one_line_error(_cli("build", str(EXAMPLE), "--out", "s3://no-such-bucket/g", "--quiet", cwd=tmp_path, env=env),
                        3, "bucket")
        # Nobody listens on this port: the server is down.
        down = {**env, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"}
        _one_line_error(_cli("catalog", "--out", "s3://games/x", cwd=tmp_path, env=down), 3, "storage")
        _one_line_error(_cli("build", str(EXAMPLE), "--out", "s3://games/x", "--quiet", cwd=tmp_path, env=down),
                        3, "does not answer")
    finally:
        for key in env:
            if os.environ.get(key) == env[key]:
                del os.environ[key]


def test_s3_server_stopped_mid_build_is_one_line_and_no_published_project(tmp_path):
    """A private S3 server (moto) that dies while the build writes its assets: exit 3, one line."""
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([os.path.join(os.path.dirname(sys.executable), "moto_server"), "-H", "127.0.0.1",
                               "-p", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    env = {"AWS_ENDPOINT_URL": url, "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
           "AWS_DEFAULT_REGION": "us-east-1", "MAESTRO_HOME": str(tmp_path / "home"), "MAESTRO_QA_BROWSER": "off"}
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url + "/moto-api/", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        urllib.request.urlopen(urllib.request.Request(url + "/games", method="PUT"), timeout=5)  # the bucket
        base = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS" and not k.startswith("MAESTRO_")}
        build = subprocess.Popen([sys.executable, "-m", "maestro.cli", "build", str(EXAMPLE), "--out", "s3://games/m",
                                  "--quiet"], cwd=tmp_path, env={**base, **env}, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 120
        while time.time() < deadline and build.poll() is None:  # until the first asset is in the cache
            listing = urllib.request.urlopen(url + "/games?prefix=m/cache/", timeout=5).read()
            if b"<Key>" in listing:
                break
            time.sleep(0.2)
        assert build.poll() is None, "the build ended before the server could be stopped"
        server.kill()
        server.wait(10)
        _out, err = build.communicate(timeout=300)
    finally:
        if server.poll() is None:
            server.kill()
    assert build.returncode == 3, err[-2000:]
    assert "Traceback" not in err and err.count("maestro: error:") == 1 and "storage" in err
