"""QA benchmark: time per QA stage and the share of build time QA takes, per GDD.

    .venv/bin/python benchmarks/qa.py [GDD ...] [--no-browser]

Builds with the pure pipeline in this process (no Ray, so build and QA are timed on the same
core), then runs the Query agent on the bundle. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT = sorted((REPO / "examples").glob("*.md")) + sorted((REPO.parent / "shared" / "gdds").glob("*.md"))


def build_files(text: str, name: str) -> tuple[dict[str, bytes], float]:
    from maestro.agents import orchestrator
    from maestro.agents.generators import build_bundle
    from maestro.gdd import parse_gdd

    t = time.perf_counter()
    spec = parse_gdd(text, source_name=name)
    files = build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))
    return {p[5:]: b for p, b in files.items() if p.startswith("game/")}, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gdds", nargs="*", type=Path)
    ap.add_argument("--no-browser", action="store_true")
    args = ap.parse_args()
    from maestro.agents.query.qa import check_bundle
    from maestro.gdd import read_gdd_file

    chromium = None
    ctx = None
    if not args.no_browser:
        try:
            from maestro.agents.query.browser_pass import launch_chromium  # type: ignore[attr-defined]

            ctx = launch_chromium()
            chromium = ctx.__enter__()
        except Exception as exc:  # no browser: headless figures only
            print(f"(browser pass off: {exc})")
    stages = ["static", "smoke", "generic_keypoints", "bot", "genre_keypoints", "browser"]
    print(f"{'GDD':28} {'build s':>7} " + " ".join(f"{s[:9]:>9}" for s in stages) + f" {'QA s':>6} {'QA share':>8}  verdict")
    for path in args.gdds or DEFAULT:
        if path.name.lower() == "readme.md":
            continue
        game, build_s = build_files(read_gdd_file(path), path.stem)
        t = time.perf_counter()
        report, _ = check_bundle(game, browser=not args.no_browser and chromium is not None, chromium=chromium,
                                 smoke_seconds=20)
        qa_s = time.perf_counter() - t
        fig = report.figures
        cols = " ".join(f"{fig.get(s, 0.0):9.3f}" for s in stages)
        print(f"{path.stem[:28]:28} {build_s:7.2f} {cols} {qa_s:6.2f} {qa_s / (qa_s + build_s):8.0%}  "
              f"{'pass' if report.passed else 'FAIL'} {report.score:.0f}")
    if ctx is not None:
        ctx.__exit__(None, None, None)


if __name__ == "__main__":
    main()
