"""Batch benchmark: how many builds per minute the batch runner gets out of a fixed number of cores,
on 1, 2 and 4 Ray nodes (ray.cluster_utils.Cluster on this machine, as tests/scripts/multinode_batch.py).

    .venv/bin/python benchmarks/batch.py [--gdds 40] [--nodes 1,2,4] [--calibrate 4] [--cores N] [--quick]

Input: examples/*.md x seeds (40 = 4 x 10, each a distinct project), built by maestro.batch.run.Batch
with the default settings (QA on, browser pass too) but the asset cache off, into a fresh temporary
store per configuration, so no configuration reuses another's assets.

1. **calibration**: --calibrate of those builds one at a time on one node with all the cores.
   CPU work of one build = the user+system CPU seconds of every process of that Ray cluster (the
   driver and all its descendants: GCS, raylets, workers, agents, Chromium; see CpuMeter) during
   them, divided by the builds; the system-wide delta is printed beside it as a cross-check.
   ideal builds/min = cores / (CPU work of one build) x 60: what the cores allow if nothing waits.
2. **throughput**: per --nodes count n, a head with num_cpus=0 (schedules nothing) and n nodes of
   cores/n cores each (Ray wants whole CPUs a node, so on 2 cores one Ray CPU is half a core and the
   nodes have 4, 2 and 1); one warm-up build (a seed outside the set: it starts the agents and QA's
   Chromium), then the --gdds builds, at most 2 per core in flight (the runner's default rule,
   applied to the cores, not to the Ray CPU units). Builds/min, its share of the ideal, the CPU
   used, and the scheduling overhead per build: the wall time the driver sees (submit -> result)
   minus the build's own record.seconds.

0. **machine**: the same pure-Python work alone and in one process per core at once (wall and CPU
   seconds): on whole, idle cores both are 1.00x; more means the cores are shared (hyperthreads,
   other guests) and no batch can reach a core limit measured one build at a time.

Each configuration runs in its own subprocess (a process joins one Ray). Prints tables, asserts
nothing (targets are printed beside the figures). RAY_ADDRESS is ignored and MAESTRO_HOME is a
temporary folder: no user cluster is touched. Other load on the machine spoils the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
MARK = "BATCH-BENCH-RESULT "
WARMUP_SEED = 100_000  # never one of the measured seeds
STAGES = ("agents_ready", "parse", "plan", "assets", "assemble", "qa", "publish")


class CpuMeter:
    """CPU seconds (user+system) of this process and every descendant while running, read with psutil
    every 0.5 s, each process from its first reading (0 if born meanwhile) to its last. Polled, not
    taken from parents' children_* times: the raylet ignores SIGCHLD (SigIgn in /proc), so the CPU of
    a worker it ends is in no one's account. Missed: what a process spends after its last reading,
    and one that lives under 0.5 s. The polling itself (~6 ms a time, in the driver) is counted.
    The system-wide delta is kept beside it as a cross-check."""

    def __init__(self) -> None:
        import threading

        import psutil  # Ray's vendored copy (ray/thirdparty_files is on sys.path once ray is imported)

        self.psutil, self.first, self.last, self.born, self.workers = psutil, {}, {}, 0, 0
        self.t0, self.stopped, self.sys0 = time.time(), threading.Event(), self._system()
        self._poll()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _system(self) -> float:
        s = self.psutil.cpu_times()
        return s.user + s.nice + s.system + s.irq + s.softirq

    def _run(self) -> None:
        while not self.stopped.wait(0.5):
            self._poll()

    def _poll(self) -> None:
        me = self.psutil.Process()
        for p in [me] + me.children(recursive=True):
            try:
                key, t = (p.pid, p.create_time()), p.cpu_times()
                if key not in self.first:  # one born in the window counts from zero
                    new = key[1] >= self.t0
                    self.first[key], self.born = (0.0 if new else t.user + t.system), self.born + new
                    # a Ray worker: titled ray::IDLE / ray::<task> once started, default_worker.py before
                    self.workers += new and (p.name().startswith("ray::") or "default_worker.py" in str(p.cmdline()))
            except (self.psutil.NoSuchProcess, self.psutil.AccessDenied):
                continue
            self.last[key] = t.user + t.system

    def stop(self) -> dict:
        self.stopped.set()
        self.thread.join()
        self._poll()
        return {"cpu_s": sum(self.last[k] - self.first[k] for k in self.last), "processes": len(self.last),
                "system_cpu_s": self._system() - self.sys0, "born": self.born, "workers": self.workers}


def child(cfg: dict) -> dict:
    """One configuration in this (fresh) process: start the cluster, warm it, run the batch."""
    import ray
    from ray.cluster_utils import Cluster

    from maestro.batch.inputs import read_items
    from maestro.batch.run import Batch
    from maestro.config import load_settings
    from maestro.storage import ArtifactStore, Catalog

    t0 = time.perf_counter()
    cluster = Cluster(initialize_head=True, head_node_args={"num_cpus": 0, "include_dashboard": False})
    for _ in range(cfg["nodes"]):
        cluster.add_node(num_cpus=cfg["logical_per_node"])
    cluster.wait_for_nodes()
    ray.init(address=cluster.address, namespace="maestro", log_to_driver=False, configure_logging=False)
    started_s = time.perf_counter() - t0
    try:
        settings = load_settings(storage=cfg["storage"], use_cache=False)
        items = read_items(str(REPO / "examples"), seeds=list(range(1, cfg["seeds"] + 1)))
        items = sorted(items, key=lambda i: (i.seed, i.name))[:cfg["count"]]  # interleave the GDDs
        warm = read_items(str(REPO / "examples"), seeds=[WARMUP_SEED])[:1]
        warm_s = Batch(warm, settings, max_in_flight=1, log=lambda _line: None).run().seconds
        meter = CpuMeter()
        stamps: list[float] = []  # when the runner logged: its first line ends the ledger look-ups
        tb = time.perf_counter()
        summary = Batch(items, settings, max_in_flight=cfg["in_flight"],
                        log=lambda _line: stamps.append(time.perf_counter())).run()
        wall = time.perf_counter() - tb
        cpu = meter.stop()
        rows = {r["project_id"]: r for r in Catalog(ArtifactStore(cfg["storage"])).read().to_pylist()}
        mine = [rows[r.item.id] for r in summary.results if r.item.id in rows]
        stages = {s: statistics.median(r[f"{s}_seconds"] or 0.0 for r in mine) for s in STAGES} if mine else {}
        # Before the first submit (the ledger look-ups) and after the last end (the results table).
        stages.update(runner_before=stamps[0] - tb, runner_after=tb + wall - stamps[-1])
        overhead = [r.seconds - rows[r.item.id]["seconds"] for r in summary.results if r.item.id in rows]
        return {"started_s": started_s, "warm_s": warm_s, "wall_s": wall, "builds": len(summary.results),
                "failed": sum(1 for r in summary.results if r.status != "published"),
                "reasons": sorted({r.reason[:100] for r in summary.results if r.reason})[:3], **cpu,
                "overhead": overhead, "inside": [r["seconds"] for r in mine], "stages": stages,
                "catalog_rows": len(mine)}
    finally:
        ray.shutdown()
        cluster.shutdown()


def run_config(cfg: dict, env: dict[str, str], timeout: float) -> dict:
    """A configuration in its own subprocess; its one result line, or exit with its stderr."""
    cfg = dict(cfg, storage=tempfile.mkdtemp(prefix="maestro-bench-batch-"))  # fresh store every time
    proc = subprocess.Popen([sys.executable, __file__, "--child", json.dumps(cfg)], env=env, cwd=cfg["storage"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)  # its own group: a timeout ends its raylets too
    deadline = time.monotonic() + timeout
    while True:  # look for a competing test run (it takes cores from the builds) while it runs
        BUSY[0] = BUSY[0] or subprocess.run(["pgrep", "-f", "[p]ytest"], capture_output=True).returncode == 0
        try:
            out, err = proc.communicate(timeout=5)
            break
        except subprocess.TimeoutExpired:
            if time.monotonic() > deadline:
                os.killpg(proc.pid, 9)
                out, err = proc.communicate()
                break
    for line in out.splitlines():
        if line.startswith(MARK):
            return json.loads(line[len(MARK):])
    sys.exit(f"configuration {cfg} failed ({proc.returncode}):\n{err[-3000:]}\n{out[-1000:]}")


NOTES = """  'linear': the cores are fixed ({cores} on one machine) and split into more, smaller nodes, so linear
  scaling means the same throughput per core: n nodes of {cores}/n cores each should match 1 node of
  {cores}. What more nodes cost (raylets, workers, actors and tasks on different nodes, objects moved
  between them) is the shortfall. Ray's num_cpus is a scheduling count, not an OS limit: every node's
  processes share the same physical cores.
  overhead = submit -> result as the driver sees it minus the build's own record.seconds (median/max);
  the ideal counts the idle cluster's background CPU during calibration as build work.
  other load = system-wide CPU minus the cluster's, as a share of the cores (near 0 %: not contended);
  new procs = processes the cluster started during the batch; new workers = those of them that were
  Ray workers (ray::*), each a fresh Python that imports Ray and Maestro before it runs anything."""
BUSY = [False]  # set once a pytest run was seen while a configuration ran


def _spin(_: int = 0) -> float:
    """A fixed piece of pure-Python work; returns the CPU seconds it took this process."""
    t0 = time.process_time()
    total = 0
    for i in range(6_000_000):
        total += i % 7
    return time.process_time() - t0


def cores_at_once(cores: int) -> tuple[float, float]:
    """How the machine's cores do when all are busy: the same work alone, then in one process per
    core at once. Returns (CPU seconds of the work when all run at once / alone, wall seconds at once /
    alone). 1.0 and 1.0 on real, idle cores; a VM whose vCPUs share physical cores (hyperthreads) or
    lose time to other guests shows more, and then no batch reaches the core limit measured one build
    at a time: that limit counts every core as a whole one."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=cores) as pool:
        list(pool.map(_spin, range(cores)))  # start the workers first
        t0 = time.perf_counter()
        alone_cpu = pool.submit(_spin).result()
        alone_wall = time.perf_counter() - t0
        t0 = time.perf_counter()
        together_cpu = statistics.mean(pool.map(_spin, range(cores)))
        together_wall = time.perf_counter() - t0
    return together_cpu / alone_cpu, together_wall / alone_wall


def med(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def other(r: dict, cores: int) -> float:
    """Share of the cores that processes outside the cluster used: a test run, a second benchmark."""
    return max(0.0, r["system_cpu_s"] - r["cpu_s"]) / (r["wall_s"] * cores)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gdds", type=int, default=40, help="builds per configuration (the examples x seeds)")
    ap.add_argument("--nodes", default="1,2,4", help="node counts to compare (comma-separated)")
    ap.add_argument("--calibrate", type=int, default=4, help="builds run one at a time to measure CPU per build")
    ap.add_argument("--cores", type=int, default=os.cpu_count() or 2,
                    help="CPUs shared out among the nodes (default: this machine's)")
    ap.add_argument("--in-flight", type=int, default=0,
                    help="max builds in flight (default: the runner's rule, 2 per core, for --cores)")
    ap.add_argument("--quick", action="store_true", help="8 GDDs, 2 calibration builds: a fast check")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(MARK + json.dumps(child(json.loads(args.child))), flush=True)
        return 0
    if args.quick:
        args.gdds, args.calibrate = min(args.gdds, 8), min(args.calibrate, 2)
    nodes = [int(n) for n in args.nodes.split(",") if n.strip()]
    # Ray wants whole CPUs per node, so count in units of 1/per_core of a core (4 nodes on 2 cores:
    # 2 units a core, nodes of 4, 2 and 1 units). num_cpus is only a scheduling count anyway.
    per_core = -(-max(nodes) // args.cores)
    if any(per_core * args.cores % n for n in nodes):
        sys.exit(f"--nodes {args.nodes}: each must divide {per_core * args.cores} (CPU units of 1/{per_core} core)")
    # The runner's default (2 per cluster CPU) would see the units, not the cores: apply it to the cores.
    in_flight = args.in_flight or max(2, 2 * args.cores)
    env = {k: v for k, v in os.environ.items() if k not in ("RAY_ADDRESS", "MAESTRO_RAY_ADDRESS", "MAESTRO_CONFIG")}
    env.update(MAESTRO_HOME=tempfile.mkdtemp(prefix="maestro-bench-home-"), MAESTRO_USE_CACHE="false",
               PYTHONPATH=str(REPO) + os.pathsep + env.get("PYTHONPATH", ""))
    n_examples = len(list((REPO / "examples").glob("*.md")))
    seeds = -(-max(args.gdds, args.calibrate) // n_examples)
    print(f"Batch benchmark: {args.gdds} GDDs ({n_examples} examples x up to {seeds} seeds, each a distinct project); "
          f"QA on (browser pass); asset cache off; a fresh store per configuration; {args.cores:g} cores shared "
          f"by the nodes; {os.cpu_count()} CPUs on this machine", flush=True)

    cpu_ratio, wall_ratio = cores_at_once(int(args.cores))
    print(f"machine: the same pure-Python work in {args.cores:g} processes at once takes {wall_ratio:.2f}x the wall "
          f"time of one alone and {cpu_ratio:.2f}x its CPU seconds (1.00x: the cores are whole and idle)", flush=True)

    # 1. Calibration: one build at a time, one node with every core.
    cal = run_config({"nodes": 1, "logical_per_node": per_core * args.cores, "count": args.calibrate,
                      "seeds": seeds, "in_flight": 1}, env, timeout=1500)
    cpu_per_build = cal["cpu_s"] / cal["builds"]
    ideal = args.cores / cpu_per_build * 60
    print(f"\ncalibration: {cal['builds']} builds one at a time on 1 node x {args.cores} cores in {cal['wall_s']:.1f} "
          f"s ({cal['wall_s'] / cal['builds']:.2f} s each, record.seconds median {med(cal['inside']):.2f} s)")
    print(f"  CPU work of one build: {cpu_per_build:.2f} CPU-s (user+system of the cluster's {cal['processes']} "
          f"processes, {cal['born']} of them new, polled with psutil)\n  system-wide: "
          f"{cal['system_cpu_s'] / cal['builds']:.2f} CPU-s/build (other load: {other(cal, args.cores):.0%} of the "
          f"cores)\n  stages (median s): " + ", ".join(f"{k} {v:.2f}" for k, v in cal["stages"].items()))
    print(f"  ideal = {args.cores:g} cores / {cpu_per_build:.2f} CPU-s x 60 = {ideal:.1f} builds/min")
    print(f"  one at a time the cores are {cal['cpu_s'] / (cal['wall_s'] * args.cores):.0%} busy "
          f"({cal['wall_s'] / cal['builds'] * args.cores / cpu_per_build:.1f}x the CPU time passes in wall time)")

    # 2. Throughput per node count.
    cols = ("nodes", "cores/node", "Ray CPUs", "builds", "failed", "wall s", "builds/min", "of ideal", "CPU-s/build",
            "cores busy", "overhead med/max s", "build med s", "warm-up s", "start s", "other load", "new procs",
            "new workers")
    print(f"\nthroughput: {args.gdds} builds after one warm-up build, at most {in_flight} in flight (QA failures "
          f"count as builds, and in 'failed')\n" + " ".join(cols) + "\n" + "-" * len(" ".join(cols)))
    rows = {}
    for n in nodes:
        r = rows[n] = run_config({"nodes": n, "logical_per_node": per_core * args.cores // n, "count": args.gdds,
                                  "seeds": seeds, "in_flight": in_flight}, env, timeout=1500)
        rate = r["builds"] / r["wall_s"] * 60
        cells = (n, f"{args.cores / n:.2f}", per_core * args.cores // n, r["builds"], r["failed"], f"{r['wall_s']:.1f}",
                 f"{rate:.2f}", f"{rate / ideal:.0%}", f"{r['cpu_s'] / r['builds']:.2f}",
                 f"{r['cpu_s'] / (r['wall_s'] * args.cores):.0%}",
                 f"{med(r['overhead']):.2f}/{max(r['overhead'] or [float('nan')]):.2f}", f"{med(r['inside']):.2f}",
                 f"{r['warm_s']:.1f}", f"{r['started_s']:.1f}", f"{other(r, args.cores):.0%}", r["born"], r["workers"])
        print(" ".join(str(c).rjust(len(h)) for c, h in zip(cells, cols)), flush=True)
        print("      stages (median s): " + ", ".join(f"{k} {v:.2f}" for k, v in r["stages"].items())
              + (f"; {r['builds'] - r['catalog_rows']} builds lack a catalog row" * (r["catalog_rows"] < r["builds"]))
              + "".join(f"\n      failed: {reason}" for reason in r["reasons"]))

    # 3. Against the targets (printed, not asserted).
    print("\ntargets (not asserted):")
    rate = {n: r["builds"] / r["wall_s"] * 60 for n, r in rows.items()}
    if 1 in rate:
        print(f"  1 node: {rate[1] / ideal:.0%} of the core limit (target >= 90 %)")
    for n in (n for n in nodes if n != 1 and 1 in rate):
        print(f"  1 -> {n} nodes: {rate[n] / rate[1]:.0%} of linear (target >= 80 %)")
    print(NOTES.format(cores=args.cores))
    if BUSY[0]:
        print("  NOTE: a pytest run was on the machine while some configurations ran: the figures are contended.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
