"""`maestro up` / `maestro down`: a Ray head of Maestro's own, whose agents outlive every driver.

Everything runs as subprocesses (the CLI as a user types it), on a port and MAESTRO_HOME of the
test's own, so the session's local Ray and any other Ray on the machine are left alone."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ray

REPO = Path(__file__).resolve().parents[1]

LIST_AGENTS = """
import json
import ray
from maestro.config import AGENT_KINDS
from maestro.pipeline import local_cluster
from maestro.pipeline.cluster import _use_token_auth, actor_name
_use_token_auth()
ray.init(address=local_cluster.running()["address"], namespace="maestro", log_to_driver=False)
alive = []
for kind in AGENT_KINDS:
    actor = ray.get_actor(actor_name(kind, 0), namespace="maestro")
    alive.append(ray.get(actor.ready.remote(), timeout=60))
print(json.dumps(alive))
"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def env(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("RAY_ADDRESS", "MAESTRO_RAY_ADDRESS", "RAY_AUTH_MODE")}
    env["MAESTRO_HOME"] = str(tmp_path / "home")
    return env


def _run(args: list[str], env: dict, timeout: int = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, cwd=REPO, timeout=timeout)


def test_agents_outlive_the_driver_that_used_them_and_down_ends_them(env, tmp_path):
    up = _run(["-m", "maestro.cli", "up", "--no-dashboard", "--port", str(_free_port())], env)
    try:
        assert up.returncode == 0, up.stderr.decode()[-2000:]
        state = json.loads((tmp_path / "home" / "cluster.json").read_text())
        assert "agents ready" in up.stdout.decode() and state["address"] in up.stdout.decode()

        build = _run(["-m", "maestro.cli", "build", str(REPO / "examples" / "crate_expectations.md"),
                      "--out", str(tmp_path / "data"), "--json"], env)
        assert build.returncode == 0, build.stderr.decode()[-2000:]
        record = json.loads(build.stdout)
        assert record["status"] == "published" and record["qa_status"] == "passed"
        # It joined the running cluster rather than starting a private instance.
        assert record["ray_cluster"].endswith(state["address"].split(":")[1]), record["ray_cluster"]

        # The build's driver lived a second or two and ended at once (os._exit); its outcome still
        # reaches Prometheus, because the agents record the metrics, not the driver.
        assert _published_on_metrics_port(state["metrics"], "puzzle") >= 1

        # The build's driver has exited; every agent it used is still alive for the next driver.
        listed = _run(["-c", LIST_AGENTS], env)
        assert listed.returncode == 0, listed.stderr.decode()[-2000:]
        alive = json.loads(listed.stdout.decode().strip().splitlines()[-1])
        assert set(alive) == {"orchestrator", "canvas", "sonata", "labyrinth", "codex", "builder", "query"}, alive
    finally:
        down = _run(["-m", "maestro.cli", "down"], env)
    assert down.returncode == 0 and "stopped" in down.stdout.decode()
    assert not (tmp_path / "home" / "cluster.json").exists()
    assert not _alive(state["pid"])
    again = _run(["-m", "maestro.cli", "down"], env)
    assert again.returncode == 0 and "no Maestro cluster was running" in again.stdout.decode()


def _published_on_metrics_port(url: str, genre: str, wait: float = 60.0) -> float:
    """Projects published of the genre as the node's metrics export port serves them (Ray exports
    every few seconds), parsed with prometheus_client's parser."""
    import time
    import urllib.request

    from prometheus_client.parser import text_string_to_metric_families

    deadline, total = time.monotonic() + wait, 0.0
    while time.monotonic() < deadline:
        text = urllib.request.urlopen(url, timeout=10).read().decode()
        total = sum(s.value for family in text_string_to_metric_families(text) if family.name == "ray_maestro_projects"
                    for s in family.samples
                    if s.name.endswith("_total") and s.labels.get("status") == "published"
                    and s.labels.get("genre") == genre)
        if total:
            break
        time.sleep(2)
    return total


def _alive(pid: int) -> bool:
    from maestro.pipeline.local_cluster import _alive as alive

    return alive(pid)
