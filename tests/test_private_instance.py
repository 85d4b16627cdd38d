"""The private local instance a one-shot `maestro build` starts: lean, but a whole working Ray.

It leaves out the autoscaler monitor, the log monitor and the API server (see
maestro.pipeline.cluster._lean_private_head), and the driver's first call loads no pyarrow
(cluster._arrow_serializers_on_demand); run in a subprocess, since a process joins one Ray.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.ray

REPO = Path(__file__).resolve().parents[1]

SCRIPT = r"""
import json, os, sys
import ray
from ray._private import node, parameter, utils
before = (parameter.RayParams.__init__, node.Node.start_api_server, utils.get_dashboard_dependency_error)
from maestro.config import load_settings
from maestro.pipeline.cluster import connect

seconds, which = connect(load_settings())
started = sorted(ray._private.worker._global_node.all_processes)

@ray.remote
def square(x):
    return x * x

after = (parameter.RayParams.__init__, node.Node.start_api_server, utils.get_dashboard_dependency_error)
print(json.dumps({"which": which, "processes": started, "square": ray.get(square.remote(7), timeout=60),
                  "restored": before == after, "aiohttp_imported": "aiohttp" in sys.modules,
                  "pyarrow_imported": "pyarrow" in sys.modules}))
ray.shutdown()
"""


def test_a_private_instance_starts_without_the_processes_it_never_uses(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("RAY_ADDRESS", "MAESTRO_RAY_ADDRESS")}
    env["MAESTRO_HOME"] = str(tmp_path / "home")
    run = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True, cwd=REPO, timeout=180)
    lines = [line for line in run.stdout.decode().splitlines() if line.startswith("{")]
    assert run.returncode == 0 and lines, run.stderr.decode()[-3000:]
    got = json.loads(lines[-1])
    assert got["which"] == "local"
    assert got["square"] == 49  # tasks run: the raylet, its workers and the object store are there
    assert {"gcs_server", "raylet"} <= set(got["processes"])
    assert not {"monitor", "log_monitor", "dashboard"} & set(got["processes"]), got["processes"]
    assert got["restored"], "Ray's own start-up functions were not put back after the start"
    assert not got["aiohttp_imported"], "the driver imported the dashboard's packages only to see they are there"
    assert not got["pyarrow_imported"], "the driver's first Ray call imported pyarrow (and numpy) for nothing"
