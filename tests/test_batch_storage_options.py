"""S3 settings reach every process that writes: a batch read from and published into a real
S3-speaking server (moto's server mode on loopback) whose endpoint and keys are only in this
driver's MAESTRO_STORAGE_OPTIONS. The Ray workers that run the builds and the agents (Canvas'
cache writes, the Builder's publish and catalog row) were started with an environment that knows
nothing of that server, as on a cluster whose nodes were set up by someone else: what they write
lands in the bucket only because the store travels to them with its options."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[1]
# Our own tiny GDD.
MARSH = "# Marsh Dash\nGenre: platformer\n\nA newt dashes over lily pads, collects 3 beetles per level and avoids storks. 2 levels.\n"
S3_VARIABLES = ("AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_S3", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY",
                "MAESTRO_STORAGE_OPTIONS", "MAESTRO_STORAGE")


def _job(args: list[str], capsys) -> tuple[int, str]:
    """jobs/build_batch.py's main() in this process, on the session's Ray: (exit code, output)."""
    sys.path.insert(0, str(REPO / "jobs"))
    try:
        import build_batch
    finally:
        sys.path.pop(0)
    rc = build_batch.main(args)
    captured = capsys.readouterr()
    return rc, captured.out + captured.err


def test_storage_options_come_from_the_environment_and_stay_out_of_reprs(monkeypatch):
    from maestro.config import load_settings
    from maestro.errors import ConfigError

    monkeypatch.setenv("MAESTRO_STORAGE_OPTIONS", '{"endpoint_url": "http://127.0.0.1:9000", "secret": "s3cr3t"}')
    settings = load_settings()
    assert settings.storage_options == {"endpoint_url": "http://127.0.0.1:9000", "secret": "s3cr3t"}
    assert "s3cr3t" not in repr(settings)
    monkeypatch.delenv("MAESTRO_STORAGE_OPTIONS")
    monkeypatch.setenv("MAESTRO_STORAGE_OPTIONS__ENDPOINT_URL", "http://127.0.0.1:9001")
    assert load_settings().storage_options == {"endpoint_url": "http://127.0.0.1:9001"}
    monkeypatch.setenv("MAESTRO_STORAGE_OPTIONS", "{not json")
    with pytest.raises(ConfigError, match="storage_options"):
        load_settings()


@pytest.mark.ray
def test_the_agents_write_into_s3_with_the_drivers_storage_options(ray_local, s3_server, monkeypatch, capsys):
    import s3fs

    ray = ray_local

    @ray.remote(num_cpus=0)
    def s3_environment() -> dict[str, str]:
        import os

        return {k: v for k, v in os.environ.items() if k in S3_VARIABLES}

    # What this test proves holds only if the workers cannot find the server by themselves.
    assert ray.get(s3_environment.remote()) == {}, "the Ray workers already know the S3 server"
    for name in S3_VARIABLES:
        monkeypatch.delenv(name, raising=False)

    s3 = s3fs.S3FileSystem(key="testing", secret="testing", client_kwargs={"endpoint_url": s3_server},
                           skip_instance_cache=True)
    s3.mkdir("opts-jam")
    s3.pipe_file("opts-jam/gdds/marsh.md", MARSH.encode())
    options = {"endpoint_url": s3_server, "key": "testing", "secret": "testing"}
    monkeypatch.setenv("MAESTRO_STORAGE_OPTIONS", json.dumps(options))  # this driver only
    monkeypatch.setenv("MAESTRO_QA_BROWSER", "off")  # QA's headless play still runs; the browser is not the point

    rc, log = _job(["--input", "s3://opts-jam/gdds/", "--output", "s3://opts-jam/out", "--seeds", "3"], capsys)
    assert rc == 0, log[-3000:]
    assert "1 item(s): 1 published, 0 failed" in log, log[-3000:]

    s3.invalidate_cache()
    markers = s3.glob("opts-jam/out/projects/*/_PUBLISHED.json")  # the Builder's publish
    assert len(markers) == 1 and json.loads(s3.cat_file(markers[0]))["title"] == "Marsh Dash"
    project = markers[0].rsplit("/", 1)[0]
    assert s3.cat_file(f"{project}/game/index.html").startswith(b"<!DOCTYPE html>")
    # The generators' asset cache (a failed cache write is only swallowed: its objects are the proof
    # that the Canvas, Sonata, Labyrinth and Codex agents wrote there too).
    assert s3.glob("opts-jam/out/cache/*/*.json")
    rows = [row for part in s3.glob("opts-jam/out/catalog/*.parquet")  # the Builder's catalog row
            for row in pq.read_table(io.BytesIO(s3.cat_file(part))).to_pylist()]
    assert [(r["title"], r["status"], r["seed"]) for r in rows] == [("Marsh Dash", "published", 3)]
    assert s3.glob("opts-jam/out/batch/*.json") and s3.glob("opts-jam/out/batch/results-*.parquet")  # the driver's
