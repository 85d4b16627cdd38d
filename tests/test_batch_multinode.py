"""A batch on a real multi-node Ray cluster (a head and two worker nodes on this machine), one
worker node removed mid-batch: every GDD still ends published or failed with a reason, and the
agents that lived on the lost node come back on the other."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ray

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"


def test_a_worker_node_lost_mid_batch_loses_no_gdd(tmp_path):
    gdds = tmp_path / "gdds"
    gdds.mkdir()
    for name in ("moss_and_meteors.md", "orbit_guard.md", "crate_expectations.md"):
        (gdds / name).write_text((EXAMPLES / name).read_text())
    env = {k: v for k, v in os.environ.items() if k not in ("RAY_ADDRESS", "MAESTRO_RAY_ADDRESS")}
    env["MAESTRO_HOME"] = str(tmp_path / "home")
    run = subprocess.run([sys.executable, str(REPO / "tests" / "scripts" / "multinode_batch.py"), str(gdds),
                          str(tmp_path / "out")], env=env, capture_output=True, cwd=tmp_path, timeout=900)
    lines = [line for line in run.stdout.decode().splitlines() if line.startswith("{")]
    assert run.returncode == 0 and lines, run.stderr.decode()[-4000:]
    report = json.loads(lines[-1])
    results = report["results"]
    assert len(results) == 6  # 3 GDDs x 2 seeds
    assert all(r["status"] == "published" or r["reason"] for r in results), results
    assert report["removed"].get("at"), f"no worker node was removed: {report['removed']}"
    assert report["removed"]["agents_on_it"] >= 1
    assert report["removed"]["done_before"] < len(results), "the node was removed after the batch had ended"
    published = sum(r["status"] == "published" for r in results)
    assert published == len(results), report  # agents and builds on the lost node came back, nothing lost
