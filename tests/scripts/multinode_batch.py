"""A batch on a real multi-node Ray cluster on this machine (Ray's own cluster_utils.Cluster: a
head that schedules nothing and two worker nodes, each a raylet of its own), with one worker node
removed while the batch runs. Prints one JSON line: every item's end, and what the cluster saw.

Run by tests/test_batch_multinode.py as a subprocess (a process can join only one Ray)."""

from __future__ import annotations

import json
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def main(gdd_dir: str, out: str) -> None:
    import ray
    from ray.cluster_utils import Cluster

    from maestro.batch.inputs import read_items
    from maestro.batch.run import Batch
    from maestro.config import load_settings

    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 0, "include_dashboard": False})
    workers = [cluster.add_node(num_cpus=2), cluster.add_node(num_cpus=2)]
    ray.init(address=cluster.address, namespace="maestro", log_to_driver=False, configure_logging=False)
    try:
        settings = load_settings(storage=out, timeout_seconds=120)
        items = read_items(gdd_dir, seeds=[1, 2])
        log: list[str] = []
        batch = Batch(items, settings, max_in_flight=4, log=log.append)
        removed: dict[str, object] = {}

        def remove_a_worker() -> None:
            # Once the first build has ended, take away the worker node that runs the most agents.
            try:
                while not batch.done and not removed.get("gave_up"):
                    time.sleep(0.2)
                from ray._private.state import actors  # the GCS's actor table (no dashboard needed)

                on_node: dict[str, int] = {}
                for info in actors().values():
                    if (info.get("Name") or "").startswith("maestro-") and info.get("State") == "ALIVE":
                        node = info.get("Address", {}).get("NodeID", "")
                        on_node[node] = on_node.get(node, 0) + 1
                victim = max(workers, key=lambda n: on_node.get(n.node_id, 0))
                removed["agents_on_it"] = on_node.get(victim.node_id, 0)
                removed["done_before"] = len(batch.done)
                cluster.remove_node(victim, allow_graceful=False)
                removed["at"] = time.time()
            except Exception as exc:  # said in the report, so the test shows why
                removed["error"] = f"{type(exc).__name__}: {exc}"

        killer = threading.Thread(target=remove_a_worker, daemon=True)
        killer.start()
        summary = batch.run()
        removed["gave_up"] = True
        killer.join(5)
        print(json.dumps({
            "results": [{"name": r.item.name, "seed": r.item.seed, "status": r.status, "reason": r.reason,
                         "qa": r.qa} for r in summary.results],
            "removed": {k: v for k, v in removed.items() if k != "gave_up"},
            "alive_nodes": sum(1 for n in ray.nodes() if n["Alive"]),
            "log": log[-3:],
        }), flush=True)
    finally:
        ray.shutdown()
        cluster.shutdown()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
