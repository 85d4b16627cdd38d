"""A batch submitted through Ray's real Jobs API to a real multi-node Ray cluster on this machine
(Ray's own cluster_utils.Cluster: a head with the dashboard's job server that schedules nothing,
and two worker nodes, each a raylet of its own), with one worker node removed while the job runs.
Prints one JSON line: the job's end (status, exit code, log tail) and what the cluster saw.

Run by tests/test_batch_multinode.py as a subprocess (a process can join only one Ray), with
RAY_AUTH_MODE=disabled in its environment: the cluster's processes (and so the job) inherit it,
and the client says the same. The cluster ends with this process (cluster.shutdown ends the
processes it started, by their pids); never `ray stop`.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
import time
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
JOB_SECONDS = 600  # the whole job, node loss included; the test's own timeout is above it


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _submit(client: Any, **kwargs: Any) -> str:
    """submit_job, waiting out the seconds in which the head's job agent is not up yet."""
    deadline = time.time() + 60
    while True:
        try:
            return client.submit_job(**kwargs)
        except RuntimeError as exc:
            if "No available agent" not in str(exc) or time.time() > deadline:
                raise
            time.sleep(2)


def main(gdd_dir: str, out: str) -> None:
    import ray
    from ray.cluster_utils import Cluster
    from ray.job_submission import JobStatus, JobSubmissionClient

    port = _free_port()
    # Ports of its own: another Ray on this machine may hold the defaults (8265, and 52365 for the
    # head's dashboard agent, through which the job server starts jobs).
    cluster = Cluster(initialize_head=True, head_node_args={
        "num_cpus": 0, "include_dashboard": True, "dashboard_host": "127.0.0.1", "dashboard_port": port,
        "dashboard_agent_listen_port": _free_port()})
    workers = [cluster.add_node(num_cpus=2), cluster.add_node(num_cpus=2)]
    # This process only watches (the GCS's actor table); the job is the driver that builds.
    ray.init(address=cluster.address, namespace="maestro", log_to_driver=False, configure_logging=False)
    try:
        client = JobSubmissionClient(f"http://127.0.0.1:{port}")
        excludes = yaml.safe_load((REPO / "jobs" / "runtime_env.yaml").read_text())["excludes"]
        submission_id = _submit(
            client,
            # The job runs the `python` its shell finds: name this interpreter (it has Maestro's needs).
            entrypoint=f"{sys.executable} jobs/build_batch.py --input {gdd_dir} --output {out} --seeds 1,2 "
                       f"--max-in-flight 4",
            runtime_env={"working_dir": str(REPO), "excludes": excludes,
                         "env_vars": {"RAY_AUTH_MODE": "disabled", "MAESTRO_TIMEOUT_SECONDS": "120"}},
            submission_id=f"maestro-multinode-{port}")
        ledger = Path(out) / "batch"
        removed: dict[str, Any] = {}

        def remove_a_worker() -> None:
            # Once the job's first build has ended (its ledger entry is written), take away the
            # worker node that runs the most agents.
            try:
                while not list(ledger.glob("*.json")):
                    if removed.get("gave_up"):
                        return
                    time.sleep(0.2)
                from ray._private.state import actors  # the GCS's actor table

                on_node: dict[str, int] = {}
                for info in actors().values():
                    if (info.get("Name") or "").startswith("maestro-") and info.get("State") == "ALIVE":
                        node = info.get("Address", {}).get("NodeID", "")
                        on_node[node] = on_node.get(node, 0) + 1
                victim = max(workers, key=lambda n: on_node.get(n.node_id, 0))
                removed["agents_on_it"] = on_node.get(victim.node_id, 0)
                removed["done_before"] = len(list(ledger.glob("*.json")))
                removed["job_status_then"] = client.get_job_status(submission_id).value
                cluster.remove_node(victim, allow_graceful=False)
                removed["at"] = time.time()
            except Exception as exc:  # said in the report, so the test shows why
                removed["error"] = f"{type(exc).__name__}: {exc}"

        killer = threading.Thread(target=remove_a_worker, daemon=True)
        killer.start()
        deadline = time.time() + JOB_SECONDS
        while client.get_job_status(submission_id) not in (JobStatus.SUCCEEDED, JobStatus.FAILED,
                                                           JobStatus.STOPPED):
            if time.time() > deadline:
                client.stop_job(submission_id)
                break
            time.sleep(1)
        removed["gave_up"] = True
        killer.join(5)
        info = client.get_job_info(submission_id)
        print(json.dumps({
            "submission_id": submission_id,
            "status": info.status.value,
            "exit_code": info.driver_exit_code,
            "message": info.message,
            "removed": {k: v for k, v in removed.items() if k != "gave_up"},
            "alive_nodes": sum(1 for n in ray.nodes() if n["Alive"]),
            "log": client.get_job_logs(submission_id)[-6000:],
        }), flush=True)
    finally:
        ray.shutdown()
        cluster.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
