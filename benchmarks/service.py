"""Service benchmark: what an API client waits for, against the real Ray Serve HTTP service on loopback.

    .venv/bin/python benchmarks/service.py [--gdd GDD] [--builds 5] [--rate 50] [--seconds 10]
                                           [--fresh 10] [--overload] [--burst 600]

The service starts in this process as tests/conftest.py's `service` fixture starts it (a private
local Ray, Serve on a free loopback port, an API token), then:

1. **first build (cold agents)**: one GDD submitted and followed to "published" (warms the agent
   actors and QA's Chromium); reported on its own.
2. **end to end (warm)**: --builds GDDs (the same GDD, each a new seed, so each a new project)
   submitted one after another and polled every 50 ms until final; submit -> published wall time,
   and the median of each stage the build itself reports (its state's `timings`).
3. **healthz (floor)**: GET /healthz at --rate for --seconds: proxy + ingress alone, no store, no
   runner hop; what the two below cost over it is theirs.
   **accept (dedup)**: POST /api/projects at --rate for --seconds, open loop, of the SAME GDD + seed
   as a published project (202, created false: no build starts, so the load stays bounded).
4. **status**: GET /api/projects/{id} of a published project at the same rate and length.
5. **overload** (--overload): --burst requests at once, far past max_ongoing + max_queued, to show
   the 503s come back quickly.
6. **accept (new project)**: --fresh new seeds at --rate (these start real builds, so last; their
   builds are then waited for, so the service is idle when it shuts down).

Open loop: request i is sent at t0 + i/rate whatever the earlier replies did (a thread pool sends
them, one requests.Session per thread); "late" is how far behind schedule the generator sent. Prints
tables; nothing is asserted. Storage and MAESTRO_HOME are temporary folders; RAY_ADDRESS is ignored,
so no user cluster is touched. Other load on the machine makes the figures noisy.
"""

from __future__ import annotations

import argparse
import math
import os
import secrets
import shutil
import socket
import statistics
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[1]
DEFAULT_GDD = REPO / "examples" / "moss_and_meteors.md"
FINAL = ("published", "failed")
STAGES = ("startup", "ray_start", "agents_ready", "parse", "plan", "assets", "assemble", "qa", "publish")  # the build's order
TARGETS = {"accept": 0.050, "status": 0.020, "e2e": 3.0}  # the targets (p99, p99, median)


def pct(values: list[float], q: float) -> float:
    """The q-th percentile by nearest rank (p99 of 500 samples is the 495th)."""
    s = sorted(values)
    return s[min(len(s) - 1, max(0, math.ceil(q / 100 * len(s)) - 1))] if s else float("nan")


class Client:
    def __init__(self, url: str, token: str) -> None:
        self.url, self.headers = url, {"Authorization": f"Bearer {token}"}
        self.local = threading.local()  # one keep-alive Session per thread: no shared connection pool

    def session(self) -> requests.Session:
        if not hasattr(self.local, "s"):
            self.local.s = requests.Session()
            self.local.s.headers.update(self.headers)
        return self.local.s

    def submit(self, gdd: str, seed: int) -> requests.Response:
        return self.session().post(f"{self.url}/api/projects", json={"gdd": gdd, "seed": seed}, timeout=30)

    def state(self, pid: str) -> requests.Response:
        return self.session().get(f"{self.url}/api/projects/{pid}", timeout=30)

    def follow(self, pid: str, timeout: float = 300.0) -> dict:
        """Poll every 50 ms until the project is final (what a simple client does)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.state(pid).json()
            if state["status"] in FINAL:
                return state
            time.sleep(0.05)
        sys.exit(f"project {pid} not final after {timeout:.0f} s: {state}")

    def build(self, gdd: str, seed: int) -> tuple[float, dict]:
        """Submit and follow to the end: (submit -> final wall seconds, final state)."""
        t0 = time.perf_counter()
        resp = self.submit(gdd, seed)
        if resp.status_code != 202:
            sys.exit(f"submit answered {resp.status_code}: {resp.text[:500]}")
        state = self.follow(resp.json()["id"])
        if state["status"] != "published":
            print(f"  note: project {state['id']} ended {state['status']}: {state.get('reason')}")
        return time.perf_counter() - t0, state


def open_loop(call, n: int, rate: float, workers: int = 128) -> dict:
    """Send call(i) for i < n at t0 + i/rate (open loop); latency from the actual send, per answer code.
    Enough threads that a slow service (1 s answers at 50/s = 50 in flight) does not hold the schedule
    back; if it still falls behind, "late max" shows it."""
    lat: dict[str, list[float]] = {}  # status code (or exception name) -> latencies
    late: list[float] = []
    lock = threading.Lock()

    def one(i: int, due: float) -> None:
        start = time.perf_counter()
        try:
            code = str(call(i).status_code)
        except requests.RequestException as exc:
            code = type(exc).__name__
        took = time.perf_counter() - start
        with lock:
            lat.setdefault(code, []).append(took)
            late.append(start - due)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        t0 = time.perf_counter() + 0.05
        for i in range(n):
            due = t0 + i / rate
            time.sleep(max(0.0, due - time.perf_counter()))
            pool.submit(one, i, due)
        elapsed = time.perf_counter() - t0
    return {"lat": lat, "late_max": max(late, default=0.0), "sent_rate": n / max(elapsed, 1e-9)}


def ms(values: list[float]) -> str:
    return (f"p50 {pct(values, 50) * 1000:7.1f} ms  p99 {pct(values, 99) * 1000:7.1f} ms  "
            f"max {max(values, default=float('nan')) * 1000:7.1f} ms")


def show(name: str, r: dict, ok: str = "202") -> list[float]:
    """One line of figures for the answers that were `ok` (all answers when none were); 503s and
    other answers counted apart. Returns the ok latencies."""
    good = r["lat"].get(ok, [])
    other = {k: len(v) for k, v in r["lat"].items() if k not in (ok, "503")}
    total = sum(len(v) for v in r["lat"].values())
    print(f"{name:22} n={total:4d} {ok}: {ms(good)}  | {ok} {len(good)}, 503 {len(r['lat'].get('503', []))}, "
          f"other {sum(other.values())}{' ' + str(other) if other else ''}  "
          f"(sent {r['sent_rate']:.1f}/s, late max {r['late_max'] * 1000:.0f} ms)")
    return good


def start_service(storage: str, token: str) -> str:
    import ray
    from ray import serve

    from maestro.service.app import bind
    from maestro.service.models import ServiceArgs

    with socket.socket() as s:  # a free loopback port, as the tests pick one
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    ray.init(address="local", num_cpus=2, include_dashboard=False, namespace="maestro", log_to_driver=False,
             configure_logging=False)
    serve.start(http_options={"host": "127.0.0.1", "port": port})
    serve.run(bind(ServiceArgs(storage=storage), env={"MAESTRO_API_TOKEN": token}), name="maestro", route_prefix="/")
    return f"http://127.0.0.1:{port}"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gdd", type=Path, default=DEFAULT_GDD)
    ap.add_argument("--builds", type=int, default=5, help="warm end-to-end builds (new seeds)")
    ap.add_argument("--rate", type=float, default=50.0, help="requests per second, open loop")
    ap.add_argument("--seconds", type=float, default=10.0, help="length of the accept and status runs")
    ap.add_argument("--fresh", type=int, default=10, help="new-project submissions at --rate (start builds)")
    ap.add_argument("--overload", action="store_true", help="also send a burst past the queue limits")
    ap.add_argument("--burst", type=int, default=600, help="requests in the overload burst, all at once")
    args = ap.parse_args()

    # Never a user's cluster or home: a private local Ray, a temporary MAESTRO_HOME and store.
    for var in ("RAY_ADDRESS", "MAESTRO_RAY_ADDRESS"):
        os.environ.pop(var, None)
    home, storage = tempfile.mkdtemp(prefix="maestro-bench-home-"), tempfile.mkdtemp(prefix="maestro-bench-svc-")
    os.environ["MAESTRO_HOME"] = home  # set before ray.init so the replicas' workers inherit it
    gdd = args.gdd.read_text(encoding="utf-8")
    token = "bench-" + secrets.token_hex(12)
    print(f"GDD: {args.gdd.name}; {os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f}); "
          f"QA with the browser pass; loopback HTTP")
    t0 = time.perf_counter()
    url = start_service(storage, token)
    print(f"service up (ray.init + serve.run): {time.perf_counter() - t0:.1f} s")
    client, rows = Client(url, token), []
    try:
        # 1. cold agents: the first build also starts the agent actors and QA's Chromium.
        cold, first = client.build(gdd, 1)
        print(f"first build (cold agents): {cold:.2f} s submit -> {first['status']} "
              f"(the build's own {first.get('build_seconds') or 0:.2f} s)")

        # 2. warm end to end, one build at a time, each a new project.
        runs = [client.build(gdd, 101 + k) for k in range(args.builds)]
        walls = [w for w, _ in runs]
        e2e = statistics.median(walls) if walls else float("nan")
        stages: dict[str, list[float]] = {}
        for _, st in runs:
            for k, v in st.get("timings", {}).items():
                stages.setdefault(k, []).append(v)
        inside = statistics.median(st.get("build_seconds") or 0 for _, st in runs) if runs else float("nan")
        print(f"end to end (warm): median {e2e:.2f} s submit -> final (runs: {', '.join(f'{w:.2f}' for w in walls)}); "
              f"statuses {[st['status'] for _, st in runs]}")
        order = sorted(stages, key=lambda k: STAGES.index(k) if k in STAGES else len(STAGES))
        print(f"  stages (median s): {', '.join(f'{k} {statistics.median(stages[k]):.2f}' for k in order)}; "
              f"the build's own total {inside:.2f} s, so {e2e - inside:.2f} s is queueing, state flushes and polling")
        rows.append(("GDD -> published with QA (warm, median)", f"{e2e:.2f} s", "<= 3 s", e2e <= TARGETS["e2e"]))

        n = max(1, int(args.rate * args.seconds))
        print(f"\nopen loop at {args.rate:.0f} req/s for {args.seconds:.0f} s ({n} requests each):")
        # 3. the floor (proxy + ingress + JSON, no store, no runner hop), then accept on the dedup path:
        # the same GDD + seed as the published first build.
        show("healthz (floor)", open_loop(lambda i: client.session().get(f"{url}/healthz", timeout=30), n,
                                          args.rate), ok="200")
        acc = show("accept (dedup)", open_loop(lambda i: client.submit(gdd, 1), n, args.rate))
        print("  (POSTs of the same GDD + seed as a published project: 202 with created false, no build starts)")
        a99 = pct(acc, 99)
        rows.append((f"accept p99 (dedup) at {args.rate:.0f}/s", f"{a99 * 1000:.1f} ms", "< 50 ms",
                     a99 < TARGETS["accept"]))

        # 4. status of a published project.
        sta = show("status", open_loop(lambda i: client.state(first["id"]), n, args.rate), ok="200")
        s99 = pct(sta, 99)
        rows.append((f"status p99 at {args.rate:.0f}/s", f"{s99 * 1000:.1f} ms", "< 20 ms", s99 < TARGETS["status"]))

        # 5. overload: everything at once, far past max_ongoing_requests + max_queued_requests (64 + 128
        # a replica); a 503 should come back fast, never hang.
        if args.overload:
            ovl = open_loop(lambda i: client.state(first["id"]), args.burst, 1e9, workers=args.burst)
            show(f"overload burst {args.burst}", ovl, ok="200")
            if ovl["lat"].get("503"):
                print(f"  503s: {len(ovl['lat']['503'])}, {ms(ovl['lat']['503'])}")
            print("  (all at once, status GETs; past 64 ongoing + 128 queued a replica should answer 503 quickly)")

        # 6. new projects: each starts a build (builds_at_once run, the rest queue), so a small batch, last.
        fresh = show("accept (new project)", open_loop(lambda i: client.submit(gdd, 10_000 + i), args.fresh, args.rate))
        f99 = pct(fresh, 99)
        rows.append((f"accept p99 (new project, n={args.fresh})", f"{f99 * 1000:.1f} ms", "< 50 ms",
                     f99 < TARGETS["accept"]))
        t1 = time.perf_counter()  # a second POST of each is the dedup path: it answers the project's id
        ends = [client.follow(client.submit(gdd, 10_000 + i).json()["id"], timeout=600)["status"]
                for i in range(args.fresh)]
        print(f"  their {args.fresh} builds all final {time.perf_counter() - t1:.1f} s after the batch "
              f"({ends.count('published')} published, {ends.count('failed')} failed)")
    finally:
        from ray import serve
        import ray

        serve.shutdown()
        ray.shutdown()
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(storage, ignore_errors=True)

    print(f"\n{'figure':44} {'measured':>10}  {'target':>8}  verdict")
    for name, value, target, met in rows:
        print(f"{name:44} {value:>10}  {target:>8}  {'met' if met else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
