"""Ray faults: an address where no Ray runs, an agent no node can host, and several builds started
at once on one machine. Each ends within seconds with the numbers, or all succeed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "crate_expectations.md"
OTHER = REPO / "examples" / "orbit_guard.md"


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


def test_four_builds_started_at_once_all_succeed_one_project_and_one_row_per_gdd(tmp_path):
    # Three of the same GDD and one of another, into one root, each starting its own Ray.
    env = _env(MAESTRO_HOME=str(tmp_path / "home"), MAESTRO_QA_BROWSER="off")
    gdds = [EXAMPLE, EXAMPLE, EXAMPLE, OTHER]
    procs = [subprocess.Popen([sys.executable, "-m", "maestro.cli", "build", str(g), "--json"], cwd=tmp_path,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env) for g in gdds]
    deadline = time.time() + 600
    outs = [p.communicate(timeout=max(1, deadline - time.time())) for p in procs]
    for p, (_out, err) in zip(procs, outs):
        assert p.returncode == 0, err[-3000:]
    records = [json.loads(out) for out, _ in outs]
    same = {r["project_id"] for r in records[:3]}
    assert len(same) == 1 and records[3]["project_id"] not in same
    rows = [json.loads(line) for line in _cli("catalog", "--json", cwd=tmp_path, env=env).stdout.splitlines()]
    assert sorted(r["project_id"] for r in rows) == sorted({r["project_id"] for r in records})  # one row each


def test_an_agent_process_killed_mid_build_is_restarted_and_the_build_succeeds(tmp_path):
    env = _env(MAESTRO_HOME=str(tmp_path / "home"), MAESTRO_QA_BROWSER="off")
    proc = subprocess.Popen([sys.executable, "-m", "maestro.cli", "build", str(OTHER), "--json"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    killed = None
    deadline = time.time() + 120
    while killed is None and time.time() < deadline and proc.poll() is None:
        for pid in _pids_named("ray::QueryAgent"):  # the last agent a build needs: killed while it waits
            os.kill(pid, signal.SIGKILL)
            killed = pid
            break
        time.sleep(0.1)
    out, err = proc.communicate(timeout=300)
    assert killed is not None, "the agent process never appeared"
    assert proc.returncode == 0, err[-3000:]
    assert json.loads(out)["status"] == "published"


def _pids_named(title: str) -> list[int]:
    pids = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            if (entry / "cmdline").read_bytes().startswith(title.encode()):
                pids.append(int(entry.name))
        except OSError:
            pass
    return pids
