"""Build benchmark: wall time per build (Ray cold and warm), time per agent, and the speed-up of
the Ray fan-out over running the same generators one after another in one process.

    .venv/bin/python benchmarks/build.py [GDD ...] [--seeds N]

Prints a table; nothing is asserted (targets live here, not in timed tests). Storage goes to a
temporary folder and the asset cache is off, so every figure is real generation work.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GDDS = [
    REPO / "examples" / "moss_and_meteors.md",
    REPO / "examples" / "lantern_keeper.md",
    REPO / "examples" / "crate_expectations.md",
    REPO / "examples" / "orbit_guard.md",
]
SHARED = REPO.parent / "shared" / "gdds"


def sequential_build(text: str, name: str, seed: int) -> tuple[float, dict[str, float]]:
    """The same generators, one after another, in this process (no Ray). Returns the whole time
    and the time per agent (their sum is the generation stage)."""
    from maestro.agents import builder, orchestrator
    from maestro.agents.generators import AGENT_OF_KIND, generate
    from maestro.gdd import parse_gdd

    t0 = time.perf_counter()
    spec = parse_gdd(text, source_name=name)
    plan = orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed))
    per_agent: dict[str, float] = {}
    assembler = builder.BundleAssembler(plan)
    for job in plan.jobs:
        agent = AGENT_OF_KIND[job.kind]
        t = time.perf_counter()
        assembler.add(generate(job))
        per_agent[agent] = per_agent.get(agent, 0.0) + time.perf_counter() - t
    assembler.finish()
    return time.perf_counter() - t0, per_agent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gdds", nargs="*", type=Path, help="GDDs to build (default: our examples + two shared GDDs)")
    ap.add_argument("--seeds", type=int, default=2, help="warm builds per GDD (different seeds)")
    args = ap.parse_args()
    gdds = args.gdds or DEFAULT_GDDS + sorted(SHARED.glob("0[04]_*.md"))

    os.environ.pop("RAY_ADDRESS", None)
    import ray

    import maestro
    from maestro.config import load_settings
    from maestro.gdd import read_gdd_file
    from maestro.pipeline import BuildRequest, run_build

    tmp = tempfile.mkdtemp(prefix="maestro-bench-")
    # QA off here: this compares generation on Ray with generation in one process
    # (benchmarks/qa.py measures QA on its own).
    settings = load_settings(storage=tmp, use_cache=False, qa=False)

    t0 = time.perf_counter()
    ray.init(address="local", include_dashboard=False, log_to_driver=False, configure_logging=False)
    init_s = time.perf_counter() - t0
    print(f"Ray {ray.__version__}: local instance with {int(ray.cluster_resources().get('CPU', 0))} CPUs, "
          f"init {init_s:.2f} s; maestro {maestro.__version__}")
    print()
    rows = []
    for i, path in enumerate(gdds):
        text = read_gdd_file(path)
        name = path.stem
        times = []
        fanout = []
        agents: dict[str, float] = {}
        for k in range(args.seeds + (1 if i == 0 else 0)):
            t = time.perf_counter()
            res = run_build(BuildRequest(text=text, source_name=name, seed=100 + k, force=True), settings)
            times.append(time.perf_counter() - t)
            fanout.append(res.stage_seconds.get("assets", 0.0))
            for a, s in res.agent_seconds.items():
                agents[a] = agents.get(a, 0.0) + s
        cold = times[0] if i == 0 else None
        warm_times = times[1:] if i == 0 else times
        warm = sum(warm_times) / len(warm_times)
        seq, seq_agents = sequential_build(text, name, 100)
        n = len(times)
        warm_fanout = sum(fanout[1:] if i == 0 else fanout) / len(warm_times)
        rows.append((name, res.genre, res.assets, cold, warm, seq, {a: s / n for a, s in agents.items()},
                     warm_fanout, sum(seq_agents.values())))

    print(f"{'GDD':26} {'genre':10} {'assets':>6} {'cold s':>7} {'warm s':>7} {'1-proc s':>8} "
          f"{'gen Ray':>7} {'gen 1p':>7} {'fan-out':>7}  time per agent (s, summed over its tasks)")
    for name, genre, assets, cold, warm, seq, agents, gen_ray, gen_seq in rows:
        per = " ".join(f"{a}={s:.2f}" for a, s in sorted(agents.items()))
        cold_s = f"{cold:7.2f}" if cold is not None else f"{'-':>7}"
        print(f"{name[:26]:26} {genre:10} {assets:6d} {cold_s} {warm:7.2f} {seq:8.2f} "
              f"{gen_ray:7.2f} {gen_seq:7.2f} {gen_seq / max(gen_ray, 1e-9):6.2f}x  {per}")
    print()
    print("cold = first build after ray.init (actors start); warm = mean of later builds (other seeds);")
    print("1-proc = parse + the same generators one after another + assembly in one process, no Ray;")
    print("gen Ray = the asset stage on Ray (fan-out until the last asset); gen 1p = the generators' own time")
    print("one after another; fan-out = gen 1p / gen Ray. QA is off here: see benchmarks/qa.py.")
    ray.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
