"""`maestro up` / `maestro down`: a Ray head on this machine that keeps Maestro's agents warm.

A one-shot `maestro build` starts a private Ray instance, wakes the agents, builds, and lets it
all go: most of its time is starting processes. `maestro up` starts a Ray head once
(``ray start --head --block`` in its own session, its own ``--temp-dir`` and port, so it never
touches another Ray on the machine) and wakes the agents as detached actors; later builds join
it and find them ready. `maestro down` ends it with SIGTERM (never ``ray stop``, which would
kill every Ray on the machine).

The head's address and pid are kept in ``~/.maestro/cluster.json`` (``MAESTRO_HOME`` moves it);
a build joins that cluster only while its process is alive, so a stale file is ignored.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from maestro.errors import MaestroError

DEFAULT_PORT = 6390
DEFAULT_DASHBOARD_PORT = 8265


class ClusterError(MaestroError):
    exit_code = 3


def state_file() -> Path:
    return Path(os.environ.get("MAESTRO_HOME") or Path.home() / ".maestro") / "cluster.json"


def _alive(pid: int) -> bool:
    """The process runs (a zombie, which a container's init may never reap, does not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def running() -> dict[str, Any] | None:
    """The cluster `maestro up` started, when its head process is still alive."""
    try:
        info = json.loads(state_file().read_text())
    except (OSError, ValueError):
        return None
    if not isinstance(info, dict) or not isinstance(info.get("pid"), int) or not _alive(info["pid"]):
        return None
    return info


def _ray_command() -> list[str]:
    beside = Path(sys.executable).parent / "ray"
    exe = str(beside) if beside.exists() else shutil.which("ray")
    if not exe:
        raise ClusterError("the `ray` command was not found.", "Install Maestro's dependencies (pip install -e .).")
    return [exe]


def start(port: int = DEFAULT_PORT, dashboard: bool = True, num_cpus: int | None = None,
          wait_seconds: float = 60.0) -> dict[str, Any]:
    """Start the head (returns at once when one is already running) and return its info."""
    found = running()
    if found:
        return {**found, "already": True}
    temp_dir = f"/tmp/maestro-ray-{os.getuid()}-{port}"  # short: Ray's socket paths have a length limit
    log = Path(temp_dir + ".log")
    cmd = _ray_command() + ["start", "--head", "--block", f"--port={port}", f"--temp-dir={temp_dir}",
                            "--disable-usage-stats", f"--include-dashboard={'true' if dashboard else 'false'}"]
    if dashboard:
        cmd.append(f"--dashboard-port={DEFAULT_DASHBOARD_PORT}")
    # Ports of its own for the node's agents: Ray's fixed defaults (the job agent's 52365) are held by
    # any other Ray already on the machine, and a job agent that cannot bind makes `ray job submit`
    # answer "No available agent" for ever. The metrics port is recorded for Prometheus.
    metrics_port = _free_port()
    cmd += [f"--dashboard-agent-listen-port={_free_port()}", f"--metrics-export-port={metrics_port}"]
    if num_cpus is not None:
        cmd.append(f"--num-cpus={num_cpus}")
    # Token auth on both sides, said explicitly (Ray enables it for a head only when it finds a token,
    # and a joining driver only when told): the head listens on the node's address, not loopback.
    _ensure_token()
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS"}
    env["RAY_AUTH_MODE"] = "token"
    with open(log, "ab") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=env, start_new_session=True)
    address = f"127.0.0.1:{port}"
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            tail = log.read_text(errors="replace").strip().splitlines()[-3:]
            raise ClusterError(f"`ray start` exited with code {proc.returncode}: {' / '.join(tail)}",
                               f"See {log}; another process may hold port {port} (try --port).")
        if (Path(temp_dir) / "session_latest").exists() and _gcs_up(port):
            break
        time.sleep(0.2)
    else:
        _terminate(proc.pid)
        raise ClusterError(f"Ray did not start within {wait_seconds:g} s.", f"See {log}.")
    info = {"pid": proc.pid, "address": address, "auth_mode": "token", "temp_dir": temp_dir, "log": str(log),
            "dashboard": f"http://127.0.0.1:{DEFAULT_DASHBOARD_PORT}" if dashboard else None,
            "metrics": f"http://127.0.0.1:{metrics_port}/metrics"}
    path = state_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(info, indent=1))
    os.replace(tmp, path)
    return info


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _ensure_token() -> None:
    from ray._private.authentication.authentication_token_setup import (_get_default_token_path,
                                                                        generate_and_save_token)

    if not _get_default_token_path().exists() and not os.environ.get("RAY_AUTH_TOKEN"):
        generate_and_save_token()


def _gcs_up(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def _terminate(pid: int, wait_seconds: float = 20.0) -> None:
    try:
        os.killpg(pid, signal.SIGTERM)  # the head and everything it started share its session
    except ProcessLookupError:
        return
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline and _alive(pid):
        time.sleep(0.2)
    if _alive(pid):
        try:
            os.killpg(pid, signal.SIGKILL)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 10  # `maestro down` returns once the head is gone, not just signalled
        while time.monotonic() < deadline and _alive(pid):
            time.sleep(0.1)


def stop() -> dict[str, Any] | None:
    """End the cluster `maestro up` started (its agents end with it). None when none was running."""
    info = running()
    if info is None:
        state_file().unlink(missing_ok=True)
        return None
    _terminate(info["pid"])
    state_file().unlink(missing_ok=True)
    return info
