"""Routing: which family each real GDD and brief is built as.

    .venv/bin/python benchmarks/routing.py [--family tactics] [--json F]

For the GDDs in ../shared/gdds/ (with the careful reading's family from tests/fixtures/truth/ when
there is one) and the briefs in ../shared/briefs/gamecraft/ (whose file names carry the benchmark's
own family: cardgame-, racing-, rhythm-, strategy- ...): the family the reader says the GDD asks for,
the genre and mode it is built as, and whether the two agree. Per family at the end: how many ask for
it, and how many of those are built by it. Reading only (no builds); nothing asserted.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from maestro.gdd import parse_gdd, read_gdd_file  # noqa: E402
from maestro.gdd.requirements import family_of  # noqa: E402
from maestro.gdd.truth import load  # noqa: E402

SHARED = REPO.parent / "shared"
TRUTH = REPO / "tests" / "fixtures" / "truth"


def rows() -> list[dict]:
    out = []
    sources = [("gdd", p) for p in sorted((SHARED / "gdds").glob("*.md")) if p.name.lower() != "readme.md"]
    sources += [("brief", p) for p in sorted((SHARED / "briefs" / "gamecraft").glob("*.md"))]
    for where, path in sources:
        spec = parse_gdd(read_gdd_file(path), source_name=path.stem)
        truth_file = TRUTH / f"{path.stem}.yaml"
        truth = load(truth_file).family if where == "gdd" and truth_file.exists() else None
        asked = family_of(spec.genre, spec.genre_note)
        out.append({"source": where, "name": path.stem, "label": path.stem.split("-")[0] if where == "brief" else "",
                    "asked": asked, "truth": truth, "genre": spec.genre, "mode": spec.mode,
                    "built_as_asked": asked == spec.genre})
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--family", action="append", default=[], help="list only these families (asked or built)")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()
    table = rows()
    shown = [r for r in table if not args.family or r["asked"] in args.family or r["genre"] in args.family]
    print(f"{'source':6} {'name':34} {'label':12} {'asked':14} {'careful':14} built as")
    for r in shown:
        print(f"{r['source']:6} {r['name'][:34]:34} {r['label'][:12]:12} {r['asked']:14} {r['truth'] or '-':14} "
              f"{r['genre']}/{r['mode']}{'' if r['built_as_asked'] else '  (nearest)'}")
    asked = Counter(r["asked"] for r in table)
    built = Counter(r["asked"] for r in table if r["built_as_asked"])
    print("\nper family the GDDs ask for: asked / built by that family")
    for family, n in asked.most_common():
        print(f"  {family:14} {n:3d} / {built[family]:3d}")
    truths = [r for r in table if r["truth"]]
    print(f"\nshared GDDs with a careful reading: family read right {sum(r['asked'] == r['truth'] for r in truths)}"
          f"/{len(truths)}")
    if args.json:
        args.json.write_text(json.dumps(table, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
