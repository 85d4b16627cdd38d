"""Batch builds (jobs/build_batch.py): inputs from folders and Parquet tables, a bad file as a
failed row, idempotent re-runs, S3 in and out through a real S3-speaking server, and the job run
through Ray's real Jobs API (`ray job submit`) against a Maestro cluster."""

from __future__ import annotations

import io
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from maestro.batch.inputs import BatchInputError, read_items

REPO = Path(__file__).resolve().parents[1]
JOB = REPO / "jobs" / "build_batch.py"

# Our own tiny GDDs.
HOP = "# Puddle Hop\nGenre: platformer\n\nA frog hops over puddles, collects 3 flies per level and avoids herons. 2 levels.\n"
ZAP = "# Comet Zap\nGenre: shooter\n\nA ship shoots falling comets and collects crystals. Survive 2 waves.\n"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "gdds"
    (folder / "more").mkdir(parents=True)
    (folder / "hop.md").write_text(HOP)
    (folder / "more" / "zap.txt").write_text(ZAP)
    (folder / "zap_again.md").write_text(ZAP)  # the same GDD twice is one item
    (folder / "broken.md").write_bytes(PNG)
    (folder / "README.md").write_text("not a GDD: the folder's readme")
    (folder / "notes.json").write_text("{}")
    return folder


def test_a_folder_gives_one_item_per_gdd_and_seed(tmp_path):
    items = read_items(str(_folder(tmp_path)), seeds=[1, 2])
    names = sorted((i.name, i.seed) for i in items)
    assert names == [("broken", 1), ("broken", 2), ("hop", 1), ("hop", 2), ("zap", 1), ("zap", 2)]
    broken = [i for i in items if i.name == "broken"]
    assert all(i.error and "PNG" in i.error and i.text is None for i in broken)
    assert len({i.id for i in items}) == 6
    assert read_items(str(tmp_path / "gdds"), seeds=[1, 2])[0].id == items[0].id  # the same ids on a re-run


def test_a_table_gives_its_rows_with_their_seeds_and_genres(tmp_path):
    path = tmp_path / "gdds.parquet"
    pq.write_table(pa.table({"id": ["a", "b", "c", "d"], "gdd": [HOP, ZAP, None, HOP],
                             "seed": [3, None, 1, 1], "genre": [None, "shooter", None, "knitting"]}), path)
    items = {i.name: i for i in read_items(str(path))}
    assert items["a"].seed == 3 and items["a"].text == HOP and not items["a"].error
    assert items["b"].seed == 1 and items["b"].genre == "shooter"
    assert "null" in items["c"].error
    assert "unknown genre" in items["d"].error
    with pytest.raises(BatchInputError, match="no column 'text'"):
        read_items(str(path), column="text")
    with pytest.raises(BatchInputError, match="does not exist"):
        read_items(str(tmp_path / "missing"))
    (tmp_path / "x.csv").write_text("a,b")
    with pytest.raises(BatchInputError, match="neither a folder nor"):
        read_items(str(tmp_path / "x.csv"))


def _job(args: list[str], capsys) -> tuple[int, str]:
    """The job's main() in this process (on the session's Ray): (exit code, stdout + stderr)."""
    sys.path.insert(0, str(REPO / "jobs"))
    try:
        import build_batch
    finally:
        sys.path.pop(0)
    rc = build_batch.main(args)
    captured = capsys.readouterr()
    return rc, captured.out + captured.err


@pytest.mark.ray
def test_a_batch_builds_everything_once_and_a_rerun_keeps_it(ray_local, tmp_path, capsys):
    from maestro.storage import ArtifactStore, Catalog

    folder, out = _folder(tmp_path), tmp_path / "out"
    rc, log = _job(["--input", str(folder), "--output", str(out), "--max-in-flight", "2"], capsys)
    assert rc == 4, log  # the broken file fails (with its reason); everything else passed
    assert "[batch] 3 item(s): 0 kept from an earlier run, 1 unreadable, 2 to build, at most 2 at once" in log
    assert "builds/min" in log and "ETA" in log
    rows = Catalog(ArtifactStore(str(out))).read().to_pylist()
    assert sorted(r["status"] for r in rows) == ["failed", "published", "published"]
    broken = next(r for r in rows if r["status"] == "failed")
    assert "PNG" in broken["error"] and broken["title"] == "broken"
    published = [r["project_id"] for r in rows if r["status"] == "published"]
    assert all((out / "projects" / pid / "_PUBLISHED.json").exists() for pid in published)
    results = sorted((out / "batch").glob("results-*.parquet"))
    assert len(results) == 1 and pq.read_table(results[0]).num_rows == 3

    # Again: nothing is built, nothing is appended; the failure is kept (not retried).
    rc, log = _job(["--input", str(folder), "--output", str(out)], capsys)
    assert rc == 4 and "3 kept from an earlier run" in log and "0 built this run" in log
    assert "failed before" in log and "published before" in log
    assert len(Catalog(ArtifactStore(str(out))).read()) == 3

    # --retry-failed tries the failed one again (it fails again, with its reason: one more row).
    rc, log = _job(["--input", str(folder), "--output", str(out), "--retry-failed"], capsys)
    assert rc == 4 and "2 kept from an earlier run, 1 unreadable" in log
    assert len(Catalog(ArtifactStore(str(out))).read()) == 4


def test_bad_arguments_exit_2(tmp_path, capsys):
    rc, log = _job(["--input", str(tmp_path / "nope"), "--output", str(tmp_path / "out")], capsys)
    assert rc == 2 and "does not exist" in log
    rc, log = _job(["--input", str(tmp_path), "--output", str(tmp_path / "out"), "--seeds", "1,x"], capsys)
    assert rc == 2 and "--seeds" in log
    assert not (tmp_path / "out").exists()


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RAY_ADDRESS", "MAESTRO_RAY_ADDRESS", "RAY_AUTH_MODE")}
    env.update(extra)
    return env


@pytest.mark.ray
def test_s3_in_and_out_through_a_real_s3_server(s3_server, tmp_path):
    """The job as a user runs it directly (a private local Ray), reading a Parquet table from S3
    and publishing into S3: the endpoint and keys come from the usual AWS_* variables."""
    import s3fs

    s3 = s3fs.S3FileSystem(key="testing", secret="testing", client_kwargs={"endpoint_url": s3_server})
    s3.mkdir("jam")
    buf = io.BytesIO()
    pq.write_table(pa.table({"id": ["hop", "bad"], "gdd": [HOP, "\x00\x00\x00binary"]}), buf)
    s3.pipe_file("jam/in/gdds.parquet", buf.getvalue())
    env = _env(AWS_ENDPOINT_URL=s3_server, AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_DEFAULT_REGION="us-east-1", MAESTRO_HOME=str(tmp_path / "home"))
    run = subprocess.run([sys.executable, str(JOB), "--input", "s3://jam/in/gdds.parquet", "--output",
                          "s3://jam/out"], env=env, capture_output=True, cwd=tmp_path, timeout=600)
    log = run.stdout.decode()
    assert run.returncode == 4, log + run.stderr.decode()[-3000:]
    assert "hop (seed 1) published, QA passed" in log and "bad (seed 1) failed" in log
    s3.invalidate_cache()
    markers = s3.glob("jam/out/projects/*/_PUBLISHED.json")
    assert len(markers) == 1 and json.loads(s3.cat_file(markers[0]))["title"] == "Puddle Hop"
    assert len(s3.glob("jam/out/catalog/*.parquet")) == 2 and s3.glob("jam/out/batch/results-*.parquet")
    assert not s3.glob("jam/out/projects/.staging*")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.ray
def test_ray_job_submit_runs_the_batch_on_a_maestro_cluster(tmp_path):
    """`ray job submit --working-dir .` through the real Jobs API, onto `maestro up` (its own
    port and MAESTRO_HOME; ended by `maestro down`, never `ray stop`)."""
    folder, out = _folder(tmp_path), tmp_path / "out"
    (folder / "broken.md").unlink()
    env = _env(MAESTRO_HOME=str(tmp_path / "home"))
    ray_bin = str(Path(sys.executable).parent / "ray")
    up = subprocess.run([sys.executable, "-m", "maestro.cli", "up", "--port", str(_free_port())], env=env,
                        capture_output=True, cwd=REPO, timeout=240)
    try:
        assert up.returncode == 0, up.stderr.decode()[-2000:]
        dashboard = json.loads((tmp_path / "home" / "cluster.json").read_text())["dashboard"]
        for attempt in range(3):  # a loaded machine: the job agent may answer "try again later" while it starts
            submit = subprocess.run(
                [ray_bin, "job", "submit", "--address", dashboard, "--working-dir", ".", "--runtime-env",
                 "jobs/runtime_env.yaml", "--submission-id", f"maestro-test-{os.getpid()}-{attempt}", "--",
                 sys.executable, "jobs/build_batch.py", "--input", str(folder), "--output", str(out), "--seeds", "5"],
                env={**env, "RAY_AUTH_MODE": "token"}, capture_output=True, cwd=REPO, timeout=600)
            log = submit.stdout.decode() + submit.stderr.decode()
            if "No available agent to submit job" not in log:
                break
            time.sleep(5)
        assert submit.returncode == 0, log[-4000:]
        assert "2 item(s): 2 published, 0 failed" in log and "succeeded" in log
        assert len(list((out / "projects").glob("*/_PUBLISHED.json"))) == 2
    finally:
        subprocess.run([sys.executable, "-m", "maestro.cli", "down"], env=env, capture_output=True, cwd=REPO,
                       timeout=120)


def test_a_folder_never_follows_links_out_of_itself(tmp_path):
    outside = tmp_path / "secret.md"
    outside.write_text(HOP)
    folder = tmp_path / "gdds"
    folder.mkdir()
    (folder / "zap.md").write_text(ZAP)
    (folder / "link.md").symlink_to(outside)
    (folder / "inner.md").symlink_to(folder / "zap.md")  # inside: fine (the same GDD: one item)
    assert [i.name for i in read_items(str(folder))] == ["inner"]
