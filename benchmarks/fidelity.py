"""Fidelity benchmark: the reader and the tool's fidelity against a careful reading of real GDDs.

    .venv/bin/python benchmarks/fidelity.py [--gdds ../shared/gdds] [--only 06_grab_fruits] [--json F]
                                            [--no-build]

For every GDD with a truth file in tests/fixtures/truth/ (our own careful reading, see its README):

1. **The reader**: requirement recall (the share of the truth's requirements some requirement the
   reader listed matches) and precision (the share of the reader's requirements that match one of
   the truth's), pooled over all GDDs; and per field: the title, the player and the game family
   right. A reader's entity that matches nothing in the truth is listed: a heading, a function word
   or a control name read as a thing in the game.
2. **The build** (skipped with --no-build): each GDD is built in this process (the pipeline's own
   plan, generators, assembler and QA with its browser pass in one shared Chromium (--no-browser
   leaves it out), without Ray and without repair rounds) and the tool's self-reported fidelity is printed beside the *reading fidelity*: the
   weighted share of the truth's requirements whose ``needs`` the built game has.

Targets (issue "Fidelity that tells the truth"): recall >= 85 %, precision >= 90 %, title, player and
family >= 90 %, tool fidelity within 10 points of the reading on every GDD. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from maestro.gdd import parse_gdd, read_gdd_file  # noqa: E402
from maestro.gdd.requirements import family_of  # noqa: E402
from maestro.gdd.text import fold, plain  # noqa: E402
from maestro.gdd.truth import Truth, load, reading_fidelity  # noqa: E402
from maestro.spec import GameSpec  # noqa: E402

TRUTH = REPO / "tests" / "fixtures" / "truth"


def same_name(a: str | None, b: str | None) -> bool:
    a, b = fold(a or "").strip(" !.?"), fold(b or "").strip(" !.?")
    return bool(a and b and (a in b or b in a))


def tally(kinds: list[str], hits: list[bool]) -> dict[str, list[int]]:
    """Per kind: [hits, total]."""
    out: dict[str, list[int]] = {}
    for kind, hit in zip(kinds, hits):
        pair = out.setdefault(kind, [0, 0])
        pair[0] += hit
        pair[1] += 1
    return out


def read_scores(truth: Truth, spec: GameSpec) -> dict:
    reqs = spec.requirements
    found = [any(t.matches(r, truth.family) for r in reqs) for t in truth.requirements]
    right = [any(t.matches(r, truth.family) for t in truth.requirements) for r in reqs]
    # Maestro's own fill-ins (the genre's stock cast where the GDD names none) claim nothing of the GDD;
    # they are counted apart. Every other entity is one the reader says the GDD names.
    cast = [e for e in [*spec.enemies, *spec.items, *spec.hazards] if not e.stock]
    terms = [fold(m) for t in truth.requirements for m in t.match] + [fold(p) for p in truth.player]
    strangers = [e.name for e in cast if not any(term and (term in fold(e.name) or fold(e.name) in term) for term in terms)]
    return {
        "recall": (sum(found), len(found)),
        "precision": (sum(right), len(right)),
        # per kind: the truth's requirements found (recall) and the reader's that are right (precision)
        "recall_by_kind": tally([t.kind for t in truth.requirements], found),
        "precision_by_kind": tally([r.kind for r in reqs], right),
        "missed": [f"{t.kind}: {t.what} {t.match}" for t, ok in zip(truth.requirements, found) if not ok],
        "wrong": [f"{r.kind}: {r.summary} | {plain(r.words, 100)}" for r, ok in zip(reqs, right) if not ok],
        "title": None if truth.title is None else same_name(spec.title, truth.title),
        "player": None if not truth.player else any(same_name(spec.player.name, p) for p in truth.player),
        "family_right": family_of(spec.genre, spec.genre_note) == truth.family,
        "strangers": strangers,
        "fill_ins": [e.name for e in spec.cast() if e.stock],
    }


def build_fidelity(spec: GameSpec, chromium: object | None) -> float | None:
    from maestro.agents import orchestrator
    from maestro.agents.generators import build_bundle
    from maestro.agents.query.qa import bundle_of, check_bundle

    plan = orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1))
    report, _ = check_bundle(bundle_of(build_bundle(plan)), browser=chromium is not None, smoke_seconds=10,
                             chromium=chromium)
    return report.fidelity


def view_of(spec: GameSpec) -> str:
    from maestro.genres.registry import genre

    return genre(spec.genre).view(spec.mode)


def pct(pair: tuple[int, int]) -> str:
    return f"{pair[0] / pair[1]:.0%} ({pair[0]}/{pair[1]})" if pair[1] else "n/a"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gdds", type=Path, default=REPO.parent / "shared" / "gdds")
    ap.add_argument("--only", action="append", default=[], help="a GDD stem (repeatable)")
    ap.add_argument("--no-build", action="store_true", help="score the reader only")
    ap.add_argument("--json", type=Path, help="write every figure here")
    ap.add_argument("--no-browser", action="store_true", help="QA without its browser pass (Chromium)")
    ap.add_argument("--verbose", "-v", action="store_true",
                    help="per GDD, the truth's requirements no reader requirement matches (missed) and the reader's "
                         "that match none of the truth's (wrong), with their kinds and words")
    args = ap.parse_args()
    if not args.gdds.is_dir():
        print(f"no GDD folder at {args.gdds}; pass --gdds", file=sys.stderr)
        return 2

    with contextlib.ExitStack() as stack:
        chromium = None
        if not (args.no_build or args.no_browser):
            from maestro.agents.query.browser_pass import launch_chromium, unavailable_reason

            if unavailable_reason() is None:
                chromium = stack.enter_context(launch_chromium())
            else:
                print(f"(no browser pass: {unavailable_reason()})")
        rows = score_all(args, chromium)
    report(args, rows)
    return 0


def score_all(args: argparse.Namespace, chromium: object | None) -> list[dict]:
    rows = []
    for path in sorted(TRUTH.glob("*.yaml")):
        if args.only and path.stem not in args.only:
            continue
        truth = load(path)
        gdd = args.gdds / truth.gdd
        spec = parse_gdd(read_gdd_file(gdd), source_name=gdd.name)
        row = {"gdd": path.stem, "family": truth.family, "read_family": family_of(spec.genre, spec.genre_note),
               "genre": spec.genre, **read_scores(truth, spec)}
        if not args.no_build:
            row["tool_fidelity"] = build_fidelity(spec, chromium)
            row["reading_fidelity"] = round(reading_fidelity(truth, spec, view_of(spec)), 3)
        rows.append(row)
        print(f"  {path.stem}: recall {pct(row['recall'])}, precision {pct(row['precision'])}"
              + (f", fidelity tool {row['tool_fidelity']:.0%} / reading {row['reading_fidelity']:.0%}"
                 if "tool_fidelity" in row and row["tool_fidelity"] is not None else ""), flush=True)
        if args.verbose:
            for m in row["missed"]:
                print(f"      missed: {m}")
            for w in row["wrong"]:
                print(f"      wrong:  {w}")
            for s in row["strangers"]:
                print(f"      not a thing in this game: {s}")
            for s in row["fill_ins"]:
                print(f"      Maestro's own fill-in (no requirement): {s}")

    return rows


def report(args: argparse.Namespace, rows: list[dict]) -> None:
    def pooled(key: str) -> tuple[int, int]:
        return sum(r[key][0] for r in rows), sum(r[key][1] for r in rows)

    def share(key: str) -> tuple[int, int]:
        known = [r[key] for r in rows if r[key] is not None]
        return sum(known), len(known)

    print(f"\nReader, {len(rows)} GDDs:")
    print(f"  requirement recall     {pct(pooled('recall'))}   (target >= 85 %)")
    print(f"  requirement precision  {pct(pooled('precision'))}   (target >= 90 %)")
    for key, label in (("recall_by_kind", "recall by the truth's kind"), ("precision_by_kind", "precision by the reader's kind")):
        kinds: dict[str, list[int]] = {}
        for r in rows:
            for kind, (hit, total) in r[key].items():
                pair = kinds.setdefault(kind, [0, 0])
                pair[0] += hit
                pair[1] += total
        print(f"    {label}: " + ", ".join(f"{k} {h}/{t}" for k, (h, t) in sorted(kinds.items(), key=lambda kv: -kv[1][1])))
    print(f"  title right            {pct(share('title'))}   (target >= 90 %; GDDs that name no game left out)")
    print(f"  player right           {pct(share('player'))}   (target >= 90 %)")
    print(f"  family right           {pct(share('family_right'))}   (target >= 90 %)")
    strangers = sum(len(r["strangers"]) for r in rows)
    print(f"  entities that are no thing in the game: {strangers} "
          f"({', '.join(s for r in rows for s in r['strangers'][:2])[:300]})")
    fill_ins = sum(len(r["fill_ins"]) for r in rows)
    print(f"  Maestro's own fill-ins where the GDD names none (kept for the build, no requirement): {fill_ins}")
    built = [r for r in rows if r.get("tool_fidelity") is not None]
    if built:
        gaps = [abs(r["tool_fidelity"] - r["reading_fidelity"]) for r in built]
        print(f"\nFidelity, {len(built)} builds: tool mean {statistics.mean(r['tool_fidelity'] for r in built):.0%}, "
              f"reading mean {statistics.mean(r['reading_fidelity'] for r in built):.0%}; "
              f"within 10 points on {sum(g <= 0.10 for g in gaps)}/{len(built)}; largest gap {max(gaps):.0%}")
        print(f"  {'gdd':32} {'family':>14} {'built as':>11} {'tool':>6} {'reading':>8}")
        for r in built:
            print(f"  {r['gdd']:32} {r['family']:>14} {r['genre']:>11} {r['tool_fidelity']:>6.0%} "
                  f"{r['reading_fidelity']:>8.0%}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    raise SystemExit(main())
