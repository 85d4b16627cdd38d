"""Build every GDD of a folder (default ../shared/gdds) and print one row per GDD:
genre chosen, mode, levels, assets, build time, warnings and notes.

    .venv/bin/python benchmarks/build_all.py [FOLDER_OR_FILES ...] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*", type=Path, default=[REPO.parent / "shared" / "gdds"])
    ap.add_argument("--out", help="storage root (default: a temporary folder)")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    files: list[Path] = []
    for p in args.paths:
        files += sorted(x for x in p.glob("*.md") if x.name.lower() != "readme.md") if p.is_dir() else [p]
    os.environ.pop("RAY_ADDRESS", None)
    import ray

    from maestro.config import load_settings
    from maestro.errors import MaestroError
    from maestro.gdd import read_gdd_file
    from maestro.pipeline import BuildRequest, run_build

    out = args.out or tempfile.mkdtemp(prefix="maestro-all-")
    settings = load_settings(storage=out)
    ray.init(address="local", include_dashboard=False, log_to_driver=False, configure_logging=False)
    print("| GDD | title | genre (mode) | conf | levels | assets | build s | QA | score | fidelity | bot | repairs | warnings | notes |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    failures = 0
    for f in files:
        t = time.perf_counter()
        try:
            r = run_build(BuildRequest(text=read_gdd_file(f), source_name=f.stem, seed=args.seed, force=True), settings)
        except MaestroError as exc:
            failures += 1
            print(f"| {f.name} | FAILED: {exc} |")
            continue
        import json

        spec = json.loads((Path(r.bundle_uri) / "spec.json").read_text())
        mapped = " (mapped)" if spec.get("genre_note") else ""
        qa = json.loads((Path(r.bundle_uri).parent / "report.json").read_text()) if r.qa_passed is not None else {}
        bot = qa.get("bot", {}).get("won")
        fid = "-" if r.qa_fidelity is None else f"{r.qa_fidelity:.0%}"
        failures += 0 if r.qa_passed in (True, None) else 1
        print(f"| {f.name} | {r.title} | {r.genre} ({spec['mode']}){mapped} | {spec['genre_confidence']:.2f} | "
              f"{r.levels} | {r.assets} | {time.perf_counter() - t:.1f} | "
              f"{'-' if r.qa_passed is None else ('pass' if r.qa_passed else 'FAIL')} | "
              f"{'-' if r.qa_score is None else f'{r.qa_score:.0f}'} | {fid} | "
              f"{'-' if bot is None else ('won' if bot else 'lost')} | {len(r.repairs)} | "
              f"{len(r.warnings)} | {len(spec['notes'])} |")
        for failure in r.qa_failures:
            print(f"|   | QA: {failure} |")
    print(f"\nbuilds in {out}")
    ray.shutdown()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
