"""Build benchmark: what a user waits for, through the real CLI as a subprocess.

    .venv/bin/python benchmarks/build.py [GDD] [--runs 5] [--skip-cold] [--skip-warm] [--skip-fanout]

1. **cold**: `maestro build GDD --force --json` in a new process with no Ray running (a private
   local instance starts and ends with it), QA on with the browser pass; median of --runs, and
   the median of each stage the build record reports (startup = interpreter + imports).
2. **warm**: the same against a running Maestro cluster (`maestro up` first, `maestro down` after).
3. **fan-out**: the asset stage on Ray against the same generators one after another in one
   process (QA off, cache off), so the Ray fan-out's speed-up is measured, not assumed.

Prints tables; nothing is asserted (targets live here, not in timed tests). Storage goes to a
temporary folder; MAESTRO_HOME points to a temporary folder so no user cluster is touched.
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
DEFAULT_GDD = REPO / "examples" / "moss_and_meteors.md"
STAGES = ("startup", "ray_start", "agents_ready", "parse", "plan", "assets", "assemble", "qa", "publish")


def _env(home: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("RAY_ADDRESS", "MAESTRO_RAY_ADDRESS")}
    env["MAESTRO_HOME"] = home
    return env


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maestro.cli", *args], env=env, capture_output=True, cwd=REPO)


def timed_builds(gdd: Path, runs: int, env: dict[str, str], out: str) -> list[tuple[float, float, dict]]:
    """Per run: (seconds until the result was printed, seconds until the process ended, the build
    record). Every run rebuilds (--force)."""
    results = []
    for _ in range(runs):
        t0 = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "maestro.cli", "build", str(gdd), "--out", out, "--force",
                                 "--json"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=REPO)
        lines, printed = [], None
        for line in proc.stdout:  # the record is printed (indented JSON) before the process leaves Ray
            lines.append(line)
            if line == b"}\n":
                printed = time.perf_counter() - t0
        err = proc.stderr.read()
        proc.wait()
        wall = time.perf_counter() - t0
        if proc.returncode != 0:
            sys.exit(f"build failed ({proc.returncode}): {err.decode()[-2000:]}")
        results.append((printed if printed is not None else wall, wall, json.loads(b"".join(lines))))
    return results


def report(name: str, results: list[tuple[float, float, dict]]) -> None:
    printed = statistics.median(p for p, _, _ in results)
    walls = [w for _, w, _ in results]
    parts = []
    for stage in STAGES:
        values = [r.get(f"{stage}_seconds") for _, _, r in results]
        values = [v for v in values if v is not None]
        if values:
            parts.append(f"{stage} {statistics.median(values):.2f}")
    inside = statistics.median(r["seconds"] for _, _, r in results)
    print(f"{name:5} median {printed:5.2f} s until the result is printed (runs: "
          f"{', '.join(f'{p:.2f}' for p, _, _ in results)}); {statistics.median(walls):.2f} s until the process ends")
    print(f"      stages (median s): {', '.join(parts)}; the record's total {inside:.2f} s")


def sequential_build(text: str, name: str, seed: int) -> tuple[float, dict[str, float]]:
    """The same generators, one after another, in this process (no Ray)."""
    from maestro.agents import builder, orchestrator
    from maestro.agents.generators import generate
    from maestro.spec import AGENT_OF_KIND
    from maestro.gdd import parse_gdd

    t0 = time.perf_counter()
    spec = parse_gdd(text, source_name=name)
    plan = orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed))
    per_agent: dict[str, float] = {}
    assembler = builder.BundleAssembler(plan)
    for job in plan.jobs:
        t = time.perf_counter()
        assembler.add(generate(job))
        per_agent[AGENT_OF_KIND[job.kind]] = per_agent.get(AGENT_OF_KIND[job.kind], 0.0) + time.perf_counter() - t
    assembler.finish()
    return time.perf_counter() - t0, per_agent


def fanout(gdds: list[Path], seeds: int) -> None:
    import ray

    from maestro.config import load_settings
    from maestro.gdd import read_gdd_file
    from maestro.pipeline import BuildRequest, run_build

    tmp = tempfile.mkdtemp(prefix="maestro-bench-")
    settings = load_settings(storage=tmp, use_cache=False, qa=False)
    ray.init(address="local", include_dashboard=False, log_to_driver=False, configure_logging=False)
    print(f"{'GDD':26} {'genre':10} {'assets':>6} {'gen Ray':>8} {'gen 1p':>7} {'fan-out':>8}  time per agent (s, summed)")
    for path in gdds:
        text = read_gdd_file(path)
        ray_s, agents = [], {}
        for k in range(seeds):
            rec = run_build(BuildRequest(text=text, source_name=path.stem, seed=100 + k, force=True), settings)
            ray_s.append(rec.assets_seconds or 0.0)
            for a, s in rec.agent_seconds.items():
                agents[a] = agents.get(a, 0.0) + s / seeds
        _, seq_agents = sequential_build(text, path.stem, 100)
        gen_ray, gen_seq = statistics.median(ray_s), sum(seq_agents.values())
        per = " ".join(f"{a}={s:.2f}" for a, s in sorted(agents.items()))
        print(f"{path.stem[:26]:26} {rec.genre:10} {rec.assets:6d} {gen_ray:8.2f} {gen_seq:7.2f} "
              f"{gen_seq / max(gen_ray, 1e-9):7.2f}x  {per}")
    ray.shutdown()
    print("gen Ray = the asset stage on Ray (median of the seeds); gen 1p = the same generators one after "
          "another in one process; fan-out = gen 1p / gen Ray.")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gdd", nargs="?", type=Path, default=DEFAULT_GDD)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--skip-cold", action="store_true")
    ap.add_argument("--skip-warm", action="store_true")
    ap.add_argument("--skip-fanout", action="store_true")
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="maestro-bench-home-")
    env = _env(home)
    out = tempfile.mkdtemp(prefix="maestro-bench-data-")
    print(f"GDD: {args.gdd.name}; {os.cpu_count()} CPUs; {args.runs} runs each; QA with the browser pass")
    if not args.skip_cold:
        report("cold", timed_builds(args.gdd, args.runs, env, out))
    if not args.skip_warm:
        t0 = time.perf_counter()
        up = cli("up", "--no-dashboard", env=env)
        if up.returncode != 0:
            sys.exit(f"maestro up failed: {up.stderr.decode()[-2000:]}")
        print(f"maestro up: {time.perf_counter() - t0:.1f} s (once)")
        try:
            timed_builds(args.gdd, 1, env, out)  # the first build on a new cluster warms Chromium in QA
            report("warm", timed_builds(args.gdd, args.runs, env, out))
        finally:
            cli("down", env=env)
    if not args.skip_fanout:
        print()
        fanout([REPO / "examples" / n for n in ("moss_and_meteors.md", "lantern_keeper.md", "crate_expectations.md",
                                                "orbit_guard.md")], seeds=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
