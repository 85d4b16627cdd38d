"""Speed of the pure parts, one core, no Ray: parsing GDDs (up to the 256 KiB limit) and
generating + proving levels per genre. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/components.py
"""

from __future__ import annotations

import random
import statistics
import time
from pathlib import Path

from maestro.agents.orchestrator import level_requests
from maestro.genres.registry import genre as genre_module
from maestro.gdd import MAX_GDD_BYTES, parse_gdd
from maestro.genres.registry import GENRE_NAMES as GENRES

REPO = Path(__file__).resolve().parents[1]


def timed(fn, runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    texts = [p.read_text() for p in sorted((REPO / "tests" / "fixtures" / "gdds").rglob("*.md"))]
    big = "\n\n".join(texts)
    while len(big.encode()) < MAX_GDD_BYTES - 4096:
        big += "\n\n" + big
    big = big.encode()[: MAX_GDD_BYTES - 16].decode("utf-8", "ignore")
    small = timed(lambda: [parse_gdd(t) for t in texts], 3)
    large = timed(lambda: parse_gdd(big), 3)
    print(f"parse: {len(texts)} fixture GDDs in {min(small) * 1000:.0f} ms "
          f"({min(small) / len(texts) * 1000:.1f} ms each); a {len(big.encode()) // 1024} KiB GDD in {min(large):.2f} s")
    print()
    print(f"{'genre':10} {'level':>5} {'generate+solve ms (median of 10 seeds)':>40}")
    for genre in GENRES:
        spec = parse_gdd(f"# Bench\nA {genre} game with 5 levels.", genre=genre)
        mod = genre_module(genre)
        cfg = mod.config_for(spec)
        for req in level_requests(spec):
            runs = []
            for seed in range(10):
                t = time.perf_counter()
                mod.solve(mod.generate_level(req, cfg, random.Random(seed)), cfg)
                runs.append((time.perf_counter() - t) * 1000)
            print(f"{genre:10} {req.index + 1:5d} {statistics.median(runs):40.1f}")


if __name__ == "__main__":
    main()
