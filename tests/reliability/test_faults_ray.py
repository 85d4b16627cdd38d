"""Ray faults: an address where no Ray runs, an agent no node can host, and several builds started
at once on one machine. Each ends within seconds with the numbers, or all succeed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "crate_expectations.md"


def _env(**extra: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS" and not k.startswith("MAESTRO_")}
    return {**base, **extra}


def _cli(*args: str, cwd: Path, env: dict[str, str], timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maestro.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_an_address_where_no_ray_runs_fails_in_seconds(tmp_path):
    done = _cli("build", str(EXAMPLE), "--quiet", cwd=tmp_path, env=_env(MAESTRO_RAY_ADDRESS="127.0.0.1:9"),
                timeout=60)  # it used to wait for minutes, deaf to SIGTERM
    assert done.returncode == 3 and "no Ray answers at 127.0.0.1:9" in done.stderr, done.stderr[-2000:]
    assert "Traceback" not in done.stderr and not (tmp_path / "maestro-data" / "projects").exists()


def test_an_agent_no_node_can_host_fails_with_the_numbers(tmp_path):
    done = _cli("build", str(EXAMPLE), "--quiet", cwd=tmp_path,
                env=_env(MAESTRO_AGENTS__CANVAS__NUM_CPUS="64", MAESTRO_HOME=str(tmp_path / "home")))
    assert done.returncode == 3, done.stderr[-2000:]
    assert "agent 'canvas' asks 64 CPU per replica" in done.stderr and "the most any node has" in done.stderr
    assert not (tmp_path / "maestro-data" / "projects").exists()  # nothing was accepted


def test_four_builds_started_at_once_all_succeed_into_one_project_and_one_row(tmp_path):
    env = _env(MAESTRO_HOME=str(tmp_path / "home"), MAESTRO_QA_BROWSER="off")
    procs = [subprocess.Popen([sys.executable, "-m", "maestro.cli", "build", str(EXAMPLE), "--json"], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for _ in range(4)]
    deadline = time.time() + 600
    outs = [p.communicate(timeout=max(1, deadline - time.time())) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-3000:]
    records = [json.loads(out) for out, _ in outs]
    assert len({r["project_id"] for r in records}) == 1
    assert sum(1 for r in records if not r["reused"]) >= 1
    rows = [json.loads(line) for line in _cli("catalog", "--json", cwd=tmp_path, env=env).stdout.splitlines()]
    assert [r["project_id"] for r in rows] == [records[0]["project_id"]]  # one project, one row
