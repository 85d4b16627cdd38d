"""The `maestro` command."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from maestro.errors import MaestroError
from maestro.genres.registry import GENRE_NAMES as GENRES
from maestro.version import __version__

EPILOG = """\
examples:
  maestro build my_game.md                  build a playable game into ./maestro-data
  maestro build my_game.md --seed 7         another variation of the same game
  maestro build my_game.md --genre puzzle   force the genre instead of detecting it
  maestro build my_game.md --out /tmp/games store the build somewhere else (any fsspec URI)
  maestro spec my_game.md                   show what Maestro understood from the GDD
  maestro build my_game.md --llm            also read it with a model (OPENAI_API_KEY or OPENAI_BASE_URL)
  maestro catalog                           list the builds made so far
  maestro catalog --stats                   builds, pass/fail counts and mean QA score per genre
  maestro catalog --failures                the builds that failed, and why
  maestro check path/to/game                play and check a bundle (also one edited by hand)
  maestro up                                keep Ray and the agents running: later builds take seconds
  maestro down                              stop what `maestro up` started

The GDD is markdown or plain text (UTF-8 or latin-1), at most 256 KiB. Settings come from
MAESTRO_* environment variables or maestro.yaml: see README.md.
"""


def _genre(value: str) -> str:
    value = value.strip().lower()
    if value not in GENRES:
        raise argparse.ArgumentTypeError(f"unknown genre '{value}' (choose from: {', '.join(GENRES)})")
    return value


def _seed(value: str) -> int:
    from maestro.errors import ConfigError
    from maestro.spec.plan import check_seed

    try:
        return check_seed(int(value))
    except (ValueError, ConfigError):
        raise argparse.ArgumentTypeError(f"seed must be a whole number from 0 to 2147483647, not {value!r}") from None


MAX_PLAY_SECONDS = 600.0  # as the setting qa_smoke_seconds: QA's play is bounded, a user's ask too


def _play_seconds(value: str) -> float:
    try:
        seconds = float(value)
    except ValueError:
        seconds = float("nan")
    if not 1.0 <= seconds <= MAX_PLAY_SECONDS:  # also refuses nan and inf
        raise argparse.ArgumentTypeError(f"seconds must be a number from 1 to {MAX_PLAY_SECONDS:g}, not {value!r}")
    return seconds


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="maestro", description="Turn a game design document into a playable browser game.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--version", action="version", version=f"maestro {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    b = sub.add_parser("build", help="build a playable game from a GDD", epilog=EPILOG,
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Read the GDD, plan the assets, generate them on Ray, assemble and publish "
                                   "the bundle. The last line printed is the path of the playable index.html.")
    b.add_argument("gdd", help="path to the GDD (markdown or text), or - for standard input")
    b.add_argument("--out", metavar="DIR", help="storage root for the build (default: MAESTRO_STORAGE or ./maestro-data)")
    b.add_argument("--seed", type=_seed, help="build seed: same GDD + same seed gives a byte-identical build (default 1)")
    b.add_argument("--genre", type=_genre, help=f"force the genre: {', '.join(GENRES)}")
    b.add_argument("--force", action="store_true", help="rebuild even when this GDD and seed were built before")
    b.add_argument("--quiet", action="store_true", help="no progress display, only the summary")
    b.add_argument("--json", action="store_true", help="print the build record as JSON (every field, every stage's seconds)")
    b.add_argument("--llm", action=argparse.BooleanOptionalAction, default=None,
                   help="also read the GDD with a model (OPENAI_API_KEY, or llm.base_url for a local server); the "
                        "offline reading stays the floor. Default: the llm.enabled setting (off)")

    s = sub.add_parser("spec", help="print the GameSpec read from a GDD (what was understood, and what not)")
    s.add_argument("gdd", help="path to the GDD, or - for standard input")
    s.add_argument("--json", action="store_true", help="machine-readable JSON")
    s.add_argument("--genre", type=_genre, help="force the genre")
    s.add_argument("--llm", action=argparse.BooleanOptionalAction, default=None,
                   help="also read it with the model (as maestro build --llm) and show where each part came from")

    c = sub.add_parser("catalog", help="list the builds recorded in the catalog")
    c.add_argument("--out", metavar="DIR", help="storage root (default: MAESTRO_STORAGE or ./maestro-data)")
    c.add_argument("--json", action="store_true", help="one JSON object per build (or per genre with --stats)")
    q = c.add_mutually_exclusive_group()
    q.add_argument("--stats", action="store_true", help="per genre: builds, published, failed, mean seconds, mean QA score/fidelity")
    q.add_argument("--failures", action="store_true", help="the failed builds and why they failed")

    k = sub.add_parser("check", help="run the Query agent (QA) on an existing bundle folder",
                       description="Play and check a bundle: static checks, headless play, bots and keypoints, "
                                   "and a browser pass when Chromium is present. Writes report.json, report.html "
                                   "and thumbnail.png into the bundle. Exit code 0 when it passes, 1 when it "
                                   "does not, 2 when the folder is not a bundle.")
    k.add_argument("bundle", metavar="BUNDLE_DIR", help="the game/ folder of a build, or the project folder holding it")
    k.add_argument("--no-browser", action="store_true", help="skip the real-browser pass")
    k.add_argument("--json", action="store_true", help="print the whole report as JSON")
    k.add_argument("--seconds", type=_play_seconds, default=30.0,
                   help=f"simulated seconds of headless play, 1 to {MAX_PLAY_SECONDS:g} (default 30)")

    u = sub.add_parser("up", help="start a local Ray head with Maestro's agents warm, for fast builds",
                       description="Start a Ray head on this machine (its own port and temp folder; other Ray "
                                   "instances are left alone) and wake every agent as a detached actor. Later "
                                   "`maestro build` commands join it by themselves and skip the start-up. "
                                   "`maestro down` stops it.")
    u.add_argument("--port", type=int, default=6390, help="the head's GCS port (default 6390)")
    u.add_argument("--no-dashboard", action="store_true", help="do not start the Ray dashboard (port 8265)")
    u.add_argument("--num-cpus", type=int, help="CPUs Ray may use (default: all)")
    sub.add_parser("down", help="stop the Ray head and agents that `maestro up` started")
    return p


def _read(path: str) -> tuple[str, str]:
    from maestro.gdd import MAX_GDD_BYTES, read_gdd_bytes, read_gdd_file

    if path == "-":  # never more than the limit + 1 byte: enough to say it is too large
        data = sys.stdin.buffer.read(MAX_GDD_BYTES + 1)
        if len(data) > MAX_GDD_BYTES:
            from maestro.errors import GDDError

            raise GDDError(f"standard input is larger than the limit of {MAX_GDD_BYTES // 1024} KiB.",
                           "Shorten the GDD (remove embedded images, logs or appendices) and try again.")
        return read_gdd_bytes(data, "standard input"), "stdin"
    return read_gdd_file(path), Path(path).stem


def _settings(**overrides):
    """The settings, after saying on stderr which file they came from (and what it may not set)."""
    from maestro.config import load_settings

    settings = load_settings(**overrides)
    for line in settings.provenance():
        print(line, file=sys.stderr)
    return settings


def _llm_override(flag: bool | None) -> dict | None:
    return None if flag is None else {"enabled": flag}


def read_spec(text: str, name: str, genre: str | None, settings):
    """The spec as a build reads it: offline, or with the model on top when the LLM path is on."""
    if not settings.llm.usable():
        from maestro.gdd import parse_gdd

        return parse_gdd(text, genre=genre, source_name=name)
    from maestro.llm.reader import read_with_llm
    from maestro.storage import ArtifactStore

    return read_with_llm(text, genre, name, settings.llm, ArtifactStore(settings.storage, settings.storage_options))


def cmd_spec(args) -> int:
    text, name = _read(args.gdd)
    settings = _settings(llm=_llm_override(args.llm))
    spec = read_spec(text, name, args.genre, settings)
    if args.json:
        print(json.dumps(spec.model_dump(mode="json"), indent=2, ensure_ascii=False))
        return 0
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    con = Console()
    # Every text below comes from the GDD: escaped, so "[/bold]" or "Retro [v2.0]" prints as written.
    e = escape
    con.print(f"[bold]{e(spec.title)}[/bold]  ({spec.slug})")
    con.print(f"genre: [cyan]{spec.genre}[/cyan] {spec.mode}  confidence {spec.genre_confidence:.2f}"
              + (f"  — GDD says '{e(spec.genre_source)}'" if spec.genre_source else ""))
    if spec.genre_note:
        con.print(f"[yellow]{e(spec.genre_note)}[/yellow]")
    if spec.summary:
        con.print(e(spec.summary))
    t = Table("what", "as read from the GDD", show_header=True)
    t.add_row("player", e(f"{spec.player.name} ({spec.player.behavior})"))
    t.add_row("enemies", e(", ".join(f"{x.name} ({x.behavior})" for x in spec.enemies) or "-"))
    t.add_row("items", e(", ".join(f"{x.name}" + (f" {x.points} pts" if x.points else "") for x in spec.items) or "-"))
    t.add_row("hazards", e(", ".join(x.name for x in spec.hazards) or "-"))
    t.add_row("goal", e(spec.goal.name if spec.goal else "-"))
    cast = spec.cast()
    t.add_row("looks", e(", ".join(f"{x.name}: {x.look.body if x.kind in ('player', 'enemy') else x.look.shape}"
                                   for x in cast)))
    t.add_row("levels", e("; ".join(f"{lv.name} ({lv.theme or '-'}, {lv.scene.kind} scene, x{lv.difficulty:g})"
                                    for lv in spec.levels)))
    t.add_row("mechanics", e(", ".join(m.id + (f"{m.params}" if m.params else "") for m in spec.mechanics)))
    t.add_row("controls", e(", ".join(f"{k}: {v}" for k, v in spec.controls.items())))
    t.add_row("lives / time", f"{spec.lives} / {spec.time_limit or '-'}")
    t.add_row("art", e(f"{spec.art.style}, palette {spec.art.palette.name}, {spec.art.pixel_size}px"))
    t.add_row("audio", e(f"{spec.audio.mood}, {spec.audio.tempo_bpm} bpm, {spec.audio.key} {spec.audio.scale}"))
    t.add_row("win", e("; ".join(spec.win_conditions)))
    t.add_row("lose", e("; ".join(spec.lose_conditions)))
    con.print(t)
    if spec.requirements:
        r = Table("kind", "requirement", "built as", "the GDD's words (section, line)",
                  title=f"What the GDD asks for ({len(spec.requirements)})", show_header=True)
        for req in spec.requirements:
            section = f"{req.where.section}, " if req.where.section else ""
            where = f" ({section}line {req.where.line})" if req.where.line else ""
            r.add_row(req.kind, escape(req.summary), escape(req.term or "— nothing Maestro builds"),
                      escape(req.words[:80] + where))
        con.print(r)
    if spec.reading is not None:
        con.print(e(reading_line(spec.reading)))
        for line in spec.reading.notes + spec.reading.differences:
            con.print(f"  - {line}", markup=False)
    for w in spec.warnings:
        con.print(f"[yellow]warning:[/yellow] {e(w)}")
    if spec.notes:
        con.print(f"[bold]Not understood / not built ({len(spec.notes)}):[/bold]")
        for n in spec.notes:
            con.print(f"  - {n}", markup=False)
    return 0


def cmd_build(args) -> int:
    from maestro.pipeline import BuildRequest, run_build
    from maestro.progress import BuildProgress

    text, name = _read(args.gdd)  # bad input fails here, before Ray starts or anything is written
    settings = _settings(storage=args.out, llm=_llm_override(args.llm))
    req = BuildRequest(text=text, source_name=name, seed=args.seed, genre=args.genre, force=args.force)
    try:
        with BuildProgress(enabled=not (args.quiet or args.json)) as progress:
            record = run_build(req, settings, on_event=progress.update, startup_seconds=_process_age())
        # The result first: leaving Ray (ending a private instance takes a second or two) comes after.
        print(record.model_dump_json(indent=1) if args.json else build_summary(record), flush=True)
    finally:
        _leave_ray()
    return 0 if record.status == "published" else 4


# Set by run() (the `maestro` command): the process ends right after the command.
_ENDING = False


def _leave_ray() -> None:
    """End the private local instance now: Ray's own exit hook takes about a second longer to do
    the same at interpreter exit. A driver that joined a running cluster just disconnects, and when
    the process is about to end (the `maestro` command) not even that: the cluster sees the driver
    go either way, and Ray's disconnect costs about 0.3 s of a 1-2 s build for nothing (the agents
    record the metrics, so nothing of this process's is left to send)."""
    import ray

    from maestro.pipeline.cluster import is_private_instance

    if ray.is_initialized() and (is_private_instance() or not _ENDING):
        ray.shutdown()


def _process_age() -> float | None:
    """Seconds since this process started (the interpreter and imports count as build time)."""
    try:  # Linux: the process's start in clock ticks after boot, against the uptime now
        import os

        with open("/proc/self/stat") as fh:
            started = int(fh.read().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
        with open("/proc/uptime") as fh:
            return max(0.0, float(fh.read().split()[0]) - started)
    except (OSError, ValueError, IndexError):
        return None


def reading_line(reading) -> str:
    """One line on who read the GDD (maestro.spec.reading.Reading)."""
    u = reading.usage
    return (f"read by the model {reading.model}: {', '.join(reading.from_model()) or 'nothing'}; the rest offline "
            f"({u.calls} call(s), {u.input_tokens} + {u.output_tokens} tokens"
            + (f", {u.cached_calls} from the cache" if u.cached_calls else "") + ")")


def build_summary(record) -> str:
    """What `maestro build` prints after the progress display: every line derives from the record;
    the last line is the path of the playable index.html."""
    lines = [f"{record.title} — {record.genre}, {record.levels} level(s), {record.assets} assets, "
             f"built in {record.seconds:.1f} s"]
    stages = record.stage_seconds()
    if stages:
        lines.append("time: " + ", ".join(f"{stage.replace('_', ' ')} {secs:.1f} s" for stage, secs in stages.items()))
    if record.genre_note:
        lines.append(record.genre_note)
    lines += [f"warning: {w}" for w in record.warnings]
    if record.not_understood:
        lines.append(f"not understood or not built ({len(record.not_understood)}, all kept in spec.json):")
        lines += [f"  - {n}" for n in record.not_understood[:8]]
        if len(record.not_understood) > 8:
            lines.append(f"  … and {len(record.not_understood) - 8} more")
    lines += record.build_notes
    if record.llm_model:
        lines.append(f"read by {record.llm_model}: {', '.join(record.llm_parts) or 'nothing (offline reading)'}; "
                     f"{record.llm_calls} call(s), {record.llm_input_tokens} + {record.llm_output_tokens} tokens"
                     + (f", {record.llm_cached_calls} from the cache" if record.llm_cached_calls else "")
                     + (f", ${record.llm_cost_usd:.4f}" if record.llm_cost_usd is not None else ""))
    if record.qa_headline:
        fidelity = "n/a" if record.qa_fidelity is None else f"{record.qa_fidelity:.0%}"
        lines.append(f"fidelity to your GDD {fidelity}: {record.qa_headline}")
    if record.qa_passed is not None:
        verdict = "passed" if record.qa_passed else "FAILED"
        fidelity = "n/a" if record.qa_fidelity is None else f"{record.qa_fidelity:.0%}"
        score = "?" if record.qa_score is None else f"{record.qa_score:.0f}"
        lines.append(f"QA {verdict}: score {score}/100, fidelity {fidelity}"
                     + (f", {len(record.repairs)} repair(s)" if record.repairs else ""))
        lines += [f"  repaired: {r}" for r in record.repairs]
        lines += [f"  failed: {f}" for f in record.qa_failures[:8]]
    if record.report_path:
        lines.append(f"report: {record.report_path}")
    lines.append(f"zip: {record.zip_uri}")
    lines.append(record.index_path)
    return "\n".join(lines)


def _fmt(value, spec: str = ".1f") -> str:
    return "-" if value is None else format(value, spec)


def _heal(catalog) -> None:
    """A published project always has its row: record those a stopped run left without one."""
    from maestro.storage.store import is_storage_failure, storage_problem

    try:
        healed = catalog.heal()
    except Exception as exc:  # a read-only store can still be listed
        if not is_storage_failure(exc):
            raise
        print(f"warning: could not check the catalog against the published projects: {storage_problem(exc)}",
              file=sys.stderr)
        return
    if healed:
        print(f"note: recorded {len(healed)} published build(s) that had no catalog row (a run was stopped between "
              f"publishing and recording): {', '.join(healed)}", file=sys.stderr)


def cmd_catalog(args) -> int:
    from maestro.storage import ArtifactStore, Catalog

    settings = _settings(storage=args.out)
    catalog = Catalog(ArtifactStore(settings.storage, settings.storage_options))
    _heal(catalog)
    table = catalog.read()
    for why in catalog.skipped:
        print(f"warning: skipped a catalog file that cannot be read: {why}", file=sys.stderr)
    if args.stats or args.failures:
        return _catalog_question(args, table, settings.storage)
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

    from rich.markup import escape

    t = Table("when", "project", "title", "genre", "status", "fidelity", "seconds", "assets")
    for r in rows:
        fidelity = "-" if r.get("qa_fidelity") is None else f"{r['qa_fidelity']:.0%}"
        t.add_row(str(r["created_at"])[:19], r["project_id"], escape(str(r["title"])), r["genre"], r["status"],
                  fidelity, f"{r['seconds'] or 0:.1f}", str(r["assets"] or "-"))
    Console().print(t)
    return 0


def _catalog_question(args, table, where: str) -> int:
    from maestro.storage.catalog import failures, stats

    rows = stats(table) if args.stats else failures(table)
    if args.json:
        for r in rows:
            print(json.dumps(r, default=str))
        return 0
    if not rows:
        print(f"no builds yet in {where}" if args.stats or table.num_rows == 0 else "no failed builds")
        return 0
    if args.stats:
        print(f"{'genre':<12}{'builds':>7}{'published':>10}{'failed':>7}{'mean s':>8}"
              f"{'QA passed':>10}{'mean score':>11}{'fidelity':>9}")
        for r in rows:
            fid = r.get("mean_qa_fidelity")
            print(f"{r['genre']:<12}{r['builds']:>7}{r['published']:>10}{r['failed']:>7}{_fmt(r['mean_seconds']):>8}"
                  f"{_fmt(r.get('qa_passed'), 'd'):>10}{_fmt(r.get('mean_qa_score')):>11}"
                  f"{('-' if fid is None else f'{fid:.0%}'):>9}")
        total = sum(r["builds"] for r in rows)
        print(f"{total} build(s): {sum(r['published'] for r in rows)} published, {sum(r['failed'] for r in rows)} failed")
        return 0
    print(f"{len(rows)} failed build(s):")
    for r in rows:
        score = f", QA score {r['qa_score']:.0f}" if r.get("qa_score") is not None else ""
        print(f"- {str(r['created_at'])[:19]}  {r['project_id']} ({r['genre']}{score}): {r.get('error') or 'no reason recorded'}")
    return 0


def cmd_check(args) -> int:
    from maestro.agents.query.qa import NotABundleError, check_bundle, find_game_dir, write_outputs

    try:
        game_dir = find_game_dir(Path(args.bundle))
    except NotABundleError as exc:
        print(f"maestro: error: {exc}", file=sys.stderr)
        return 2
    report, outputs = check_bundle(game_dir, browser=False if args.no_browser else None,
                                   smoke_seconds=args.seconds)
    # A Maestro project keeps its report beside game/ (the bundle stays as built); a bare bundle
    # folder someone copied out gets it inside.
    target = game_dir.parent if (game_dir.parent / "_PUBLISHED.json").is_file() else game_dir
    try:
        write_outputs(target, outputs)
        written = f"report: {target / 'report.html'}"
    except OSError as exc:  # a read-only bundle can still be checked
        written = f"(could not write the report into {target}: {exc.strerror})"
    if args.json:
        print(report.to_json(), end="")
        return 0 if report.passed else 1
    fid = "not measured" if report.fidelity is None else f"{report.fidelity:.0%}"
    if report.bot.won is None:
        bot = f"skipped ({report.bot.detail})" if report.bot.detail else "skipped"
    else:
        bot = f"{'won' if report.bot.won else 'did NOT win'} level 1 ({report.bot.frames} frames)"
    ran = [c for c in report.checks if c.passed is not None]
    print(f"{report.title or game_dir} — {report.genre}")
    if report.headline:
        print(f"fidelity to the GDD {fid}: {report.headline}")
    print(f"QA {'PASSED' if report.passed else 'FAILED'}: score {report.score:.0f}/100, fidelity {fid}, bot {bot}; "
          f"{sum(1 for c in ran if c.passed)}/{len(ran)} checks passed, "
          f"{len(report.checks) - len(ran)} skipped, {report.figures.get('total', 0):.1f} s")
    for c in report.checks:
        if c.passed is False:
            print(f"  FAILED{' (critical)' if c.critical else ''} [{c.id}] {c.message or c.requirement}")
    print(written)
    return 0 if report.passed else 1


def cmd_up(args) -> int:
    from maestro.pipeline import local_cluster
    from maestro.pipeline.cluster import agents, connect

    settings = _settings()
    if settings.ray_address:
        print(f"maestro: MAESTRO_RAY_ADDRESS is set ({settings.ray_address}): builds use that cluster, "
              "not one started here. Unset it to use `maestro up`.", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    info = local_cluster.start(port=args.port, dashboard=not args.no_dashboard, num_cpus=args.num_cpus)
    import ray

    connect(settings)
    agents(settings).ready(settings.timeout_seconds, warm=True)
    kinds = ", ".join(f"{kind} x{settings.agent(kind).replicas}" for kind in settings.agents)
    ray.shutdown()
    verb = "already running" if info.get("already") else f"started in {time.perf_counter() - t0:.1f} s"
    print(f"Maestro cluster {verb} at {info['address']} (agents ready: {kinds})")
    if info.get("dashboard"):
        print(f"Ray dashboard: {info['dashboard']}")
    if info.get("metrics"):
        print(f"Prometheus metrics (Ray's and Maestro's): {info['metrics']}")
    print("`maestro build` now joins it; `maestro down` stops it.")
    return 0


def cmd_down(args) -> int:
    from maestro.pipeline import local_cluster

    info = local_cluster.stop()
    print("no Maestro cluster was running" if info is None else f"stopped the Maestro cluster at {info['address']}")
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if not args.command:
        parser().print_help()
        return 2
    try:
        commands = {"build": cmd_build, "spec": cmd_spec, "catalog": cmd_catalog, "check": cmd_check,
                    "up": cmd_up, "down": cmd_down}
        return commands[args.command](args)
    except MaestroError as exc:
        print(f"maestro: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("maestro: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the storage failing under a command: one line and exit 3, never a traceback
        from maestro.storage.store import STORAGE_HINT, is_storage_failure, storage_problem

        if not is_storage_failure(exc):
            raise
        print(f"maestro: error: storage: {storage_problem(exc)}. {STORAGE_HINT}", file=sys.stderr)
        return 3


def run() -> None:  # pragma: no cover
    """The `maestro` command: main(), then the process ends at once (os._exit) once its output is
    flushed. Everything a command does is finished and written by then (builds are published or
    failed, the private Ray is ended); what os._exit skips is the interpreter's teardown of
    every imported module and Ray's exit hook, about 0.3-0.6 s after the result is printed."""
    global _ENDING
    _ENDING = True
    code = main()
    import logging
    import os

    if "ray" in sys.modules:
        _leave_ray()  # a private Ray any command started ends with it, never orphaned
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":  # pragma: no cover
    run()
