"""The `maestro` command."""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from maestro.errors import MaestroError
from maestro.spec import GENRES

EPILOG = """\
examples:
  maestro build my_game.md                  build a playable game into ./maestro-data
  maestro build my_game.md --seed 7         another variation of the same game
  maestro build my_game.md --genre puzzle   force the genre instead of detecting it
  maestro build my_game.md --out /tmp/games store the build somewhere else (any fsspec URI)
  maestro spec my_game.md                   show what Maestro understood from the GDD
  maestro catalog                           list the builds made so far

The GDD is markdown or plain text (UTF-8 or latin-1), at most 256 KiB. Settings come from
MAESTRO_* environment variables or maestro.yaml: see README.md.
"""


def _genre(value: str) -> str:
    value = value.strip().lower()
    if value not in GENRES:
        raise argparse.ArgumentTypeError(f"unknown genre '{value}' (choose from: {', '.join(GENRES)})")
    return value


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="maestro", description="Turn a game design document into a playable browser game.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version="maestro 0.1.0")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build a playable game from a GDD", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Read the GDD, plan the assets, generate them on Ray, assemble and publish "
                                   "the bundle. The last line printed is the path of the playable index.html.")
    b.add_argument("gdd", help="path to the GDD (markdown or text), or - for standard input")
    b.add_argument("--out", metavar="DIR", help="storage root for the build (default: MAESTRO_STORAGE or ./maestro-data)")
    b.add_argument("--seed", type=int, help="build seed: same GDD + same seed gives a byte-identical build (default 1)")
    b.add_argument("--genre", type=_genre, help=f"force the genre: {', '.join(GENRES)}")
    b.add_argument("--force", action="store_true", help="rebuild even when this GDD and seed were built before")
    b.add_argument("--quiet", action="store_true", help="no progress display, only the summary")

    s = sub.add_parser("spec", help="print the GameSpec read from a GDD (what was understood, and what not)")
    s.add_argument("gdd", help="path to the GDD, or - for standard input")
    s.add_argument("--json", action="store_true", help="machine-readable JSON")
    s.add_argument("--genre", type=_genre, help="force the genre")

    c = sub.add_parser("catalog", help="list the builds recorded in the catalog")
    c.add_argument("--out", metavar="DIR", help="storage root (default: MAESTRO_STORAGE or ./maestro-data)")
    c.add_argument("--json", action="store_true", help="one JSON object per build")
    return p


def _read(path: str) -> tuple[str, str]:
    from maestro.gdd import read_gdd_bytes, read_gdd_file

    if path == "-":
        return read_gdd_bytes(sys.stdin.buffer.read(), "standard input"), "stdin"
    return read_gdd_file(path), Path(path).stem


def cmd_spec(args) -> int:
    from maestro.gdd import parse_gdd

    text, name = _read(args.gdd)
    spec = parse_gdd(text, genre=args.genre, source_name=name)
    if args.json:
        print(json.dumps(spec.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.table import Table

    con = Console()
    con.print(f"[bold]{spec.title}[/bold]  ({spec.slug})")
    con.print(f"genre: [cyan]{spec.genre}[/cyan] {spec.mode}  confidence {spec.genre_confidence:.2f}"
              + (f"  — GDD says '{spec.genre_source}'" if spec.genre_source else ""))
    if spec.genre_note:
        con.print(f"[yellow]{spec.genre_note}[/yellow]")
    if spec.summary:
        con.print(spec.summary)
    t = Table("what", "as read from the GDD", show_header=True)
    t.add_row("player", f"{spec.player.name} ({spec.player.behavior})")
    t.add_row("enemies", ", ".join(f"{e.name} ({e.behavior})" for e in spec.enemies) or "-")
    t.add_row("items", ", ".join(f"{e.name}" + (f" {e.points} pts" if e.points else "") for e in spec.items) or "-")
    t.add_row("hazards", ", ".join(e.name for e in spec.hazards) or "-")
    t.add_row("goal", spec.goal.name if spec.goal else "-")
    t.add_row("levels", "; ".join(f"{lv.name} ({lv.theme or '-'}, x{lv.difficulty:g})" for lv in spec.levels))
    t.add_row("mechanics", ", ".join(m.id + (f"{m.params}" if m.params else "") for m in spec.mechanics))
    t.add_row("controls", ", ".join(f"{k}: {v}" for k, v in spec.controls.items()))
    t.add_row("lives / time", f"{spec.lives} / {spec.time_limit or '-'}")
    t.add_row("art", f"{spec.art.style}, palette {spec.art.palette.name}, {spec.art.pixel_size}px")
    t.add_row("audio", f"{spec.audio.mood}, {spec.audio.tempo_bpm} bpm, {spec.audio.key} {spec.audio.scale}")
    t.add_row("win", "; ".join(spec.win_conditions))
    t.add_row("lose", "; ".join(spec.lose_conditions))
    con.print(t)
    for w in spec.warnings:
        con.print(f"[yellow]warning:[/yellow] {w}")
    if spec.notes:
        con.print(f"[bold]Not understood / not built ({len(spec.notes)}):[/bold]")
        for n in spec.notes:
            con.print(f"  - {n}", markup=False)
    return 0


def cmd_build(args) -> int:
    from maestro.config import load_settings
    from maestro.pipeline import BuildRequest, run_build
    from maestro.progress import BuildProgress

    text, name = _read(args.gdd)  # bad input fails here, before Ray starts or anything is written
    settings = load_settings(storage=args.out)
    req = BuildRequest(text=text, source_name=name, seed=args.seed, genre=args.genre, force=args.force)
    t0 = time.perf_counter()
    with BuildProgress(enabled=not args.quiet) as progress:
        result = run_build(req, settings, progress=progress.update)
        progress.done()
    print(f"{result.title} — {result.genre}, {result.levels} level(s), {result.assets} assets, "
          f"built in {time.perf_counter() - t0:.1f} s")
    spec_note = next((n for n in result.notes if n.startswith("GDD genre")), "")
    if spec_note:
        print(spec_note)
    for w in result.warnings:
        print(f"warning: {w}")
    not_built = [n for n in result.notes if not n.startswith(("reused", "GDD genre")) and "from the cache" not in n]
    if not_built:
        print(f"not understood or not built ({len(not_built)}, all kept in spec.json):")
        for n in not_built[:8]:
            print(f"  - {n}")
        if len(not_built) > 8:
            print(f"  … and {len(not_built) - 8} more")
    for n in result.notes:
        if n.startswith("reused") or "from the cache" in n:
            print(n)
    print(f"zip: {result.zip_uri}")
    print(result.index_path)
    return 0


def cmd_catalog(args) -> int:
    from maestro.config import load_settings
    from maestro.storage import ArtifactStore, Catalog

    settings = load_settings(storage=args.out)
    table = Catalog(ArtifactStore(settings.storage)).read()
    rows = table.to_pylist()
    if args.json:
        for r in rows:
            print(json.dumps(r, default=str))
        return 0
    if not rows:
        print(f"no builds yet in {settings.storage}")
        return 0
    from rich.console import Console
    from rich.table import Table

    t = Table("when", "project", "title", "genre", "status", "seconds", "assets")
    for r in rows:
        t.add_row(str(r["created_at"])[:19], r["project_id"], r["title"], r["genre"], r["status"],
                  f"{r['seconds'] or 0:.1f}", str(r["assets"] or "-"))
    Console().print(t)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return 2
    try:
        return {"build": cmd_build, "spec": cmd_spec, "catalog": cmd_catalog}[args.command](args)
    except MaestroError as exc:
        print(f"maestro: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("maestro: interrupted", file=sys.stderr)
        return 130


def run() -> None:  # pragma: no cover
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
