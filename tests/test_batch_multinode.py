"""A batch submitted through Ray's real Jobs API (JobSubmissionClient, the project shipped as the
job's working_dir with jobs/runtime_env.yaml's excludes) to a real multi-node Ray cluster (a head
and two worker nodes on this machine), one worker node removed while the job runs: the job ends,
every GDD ends published or failed with a reason in the Parquet catalog under --output, and the
agents that lived on the lost node come back on the other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pyarrow.parquet as pq
import pytest

pytestmark = pytest.mark.ray

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
GDDS = ("moss_and_meteors.md", "orbit_guard.md", "crate_expectations.md")


def test_a_job_submitted_to_a_cluster_that_loses_a_worker_node_loses_no_gdd(tmp_path):
    from maestro.batch.inputs import read_items
    from maestro.storage import ArtifactStore, Catalog

    gdds, out = tmp_path / "gdds", tmp_path / "out"
    gdds.mkdir()
    for name in GDDS:
        (gdds / name).write_text((EXAMPLES / name).read_text())
    env = {k: v for k, v in os.environ.items()
           if k not in ("RAY_ADDRESS", "RAY_API_SERVER_ADDRESS", "MAESTRO_RAY_ADDRESS")}
    env.update(MAESTRO_HOME=str(tmp_path / "home"), RAY_AUTH_MODE="disabled")
    run = subprocess.run([sys.executable, str(REPO / "tests" / "scripts" / "multinode_batch.py"), str(gdds),
                          str(out)], env=env, capture_output=True, cwd=tmp_path, timeout=900)
    lines = [line for line in run.stdout.decode().splitlines() if line.startswith("{")]
    assert run.returncode == 0 and lines, run.stderr.decode()[-4000:]
    job = json.loads(lines[-1])
    log = job["log"]

    # The node went while the job was building, not before it started or after it ended.
    assert job["removed"].get("at"), f"no worker node was removed: {job['removed']}"
    assert job["removed"]["job_status_then"] == "RUNNING", job["removed"]
    assert job["removed"]["agents_on_it"] >= 1
    assert job["removed"]["done_before"] < 2 * len(GDDS), "the node was removed after the batch had ended"
    assert job["alive_nodes"] == 2  # the head and the one worker left

    # The job ran build_batch.py to its end, and says so through the Jobs API.
    assert job["status"] == "SUCCEEDED" and job["exit_code"] == 0, (job["status"], job["message"], log[-3000:])
    assert "6 item(s): 6 published, 0 failed" in log, log[-3000:]

    # Every item has its row in the Parquet catalog under --output: published (the agents and the
    # builds that were on the lost node came back), or failed with its reason.
    items = read_items(str(gdds), seeds=[1, 2])
    table = Catalog(ArtifactStore(str(out))).read().to_pylist()
    rows = {r["project_id"]: r for r in table}
    # exactly one row per item: the builds and agent calls Ray retried after the loss added none
    assert sorted(r["project_id"] for r in table) == sorted(i.id for i in items)
    assert all(r["status"] == "published" or r["error"] for r in rows.values()), rows
    assert [r["status"] for r in rows.values()].count("published") == len(items), rows
    assert all((out / "projects" / pid / "_PUBLISHED.json").exists() for pid in rows)
    results = sorted((out / "batch").glob("results-*.parquet"))
    assert len(results) == 1 and pq.read_table(results[0]).num_rows == len(items)
