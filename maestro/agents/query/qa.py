"""The Query agent's run on one bundle: static -> smoke -> generic keypoints -> genre bot ->
genre keypoints -> browser, each stage timed, nothing allowed to crash the run.

``check_bundle`` is what the pipeline's Query actor and ``maestro check`` call. It returns the
QualityReport and the files to add to the bundle's game folder (report.json, report.html and,
when a browser ran, thumbnail.png).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from maestro.genres.headless import HeadlessError, HeadlessGame, time_budget
from maestro.agents.query.fidelity import judge
from maestro.agents.query.report import finalize, render_html
from maestro.spec import BotSummary, Check, QualityReport
from maestro.agents.query.static import static_stage

BUNDLE_OUTPUTS = ("report.json", "report.html", "thumbnail.png")


class NotABundleError(ValueError):
    """The folder has no game bundle (index.html + game.js + data.js)."""


# Wall-clock seconds the headless stages of one bundle may take beyond its smoke play's simulated
# seconds (a healthy build takes a few; the slowest family's bot and keypoints well under a minute).
HEADLESS_BUDGET_S = 90.0

def find_game_dir(path: Path) -> Path:
    """The bundle folder itself, or the game/ folder of a project folder."""
    path = Path(path)
    for candidate in (path, path / "game"):
        if (candidate / "index.html").is_file() and (candidate / "game.js").is_file() and (candidate / "data.js").is_file():
            return candidate
    raise NotABundleError(
        f"{path} is not a Maestro bundle: expected index.html, game.js and data.js in it or in its game/ folder")


def read_bundle(game_dir: Path) -> dict[str, bytes]:
    """Every file of a bundle folder (relative posix paths), without earlier QA outputs."""
    game_dir = Path(game_dir)
    files: dict[str, bytes] = {}
    for p in sorted(game_dir.rglob("*")):
        if p.is_file() and not p.name.startswith("."):
            rel = p.relative_to(game_dir).as_posix()
            if rel not in BUNDLE_OUTPUTS:
                files[rel] = p.read_bytes()
    return files


def bundle_of(files: dict[str, bytes]) -> dict[str, bytes]:
    """The game folder's files from a dict of either game-relative paths or a project's files
    (``game/...`` as BundleAssembler.finish() returns them)."""
    if "game/index.html" in files or "game/game.js" in files:
        files = {k[len("game/"):]: v for k, v in files.items() if k.startswith("game/")}
    return {k: v for k, v in files.items() if k not in BUNDLE_OUTPUTS}


def _genre_module(genre: str):
    """The registered Genre for this bundle, or (None, why) when there is none or it cannot load."""
    from maestro.genres.registry import REGISTRY

    family = REGISTRY.get(genre) if genre else None
    if family is None:
        return None, f"no {genre!r} genre is registered" if genre else "the bundle names no genre"
    return family, ""


def _bot_stage(module, why: str, genre: str, game_js: str, data_js: str, data: dict[str, Any]) -> tuple[Check, BotSummary]:
    req = "A bot finishes level 1 on the real game code"
    play = getattr(module, "play_level_one", None) if module is not None else None
    if play is None:
        reason = why or f"no bot for the {genre} genre yet"
        return (Check(id="bot_level_one", category="bot", passed=None, critical=True, requirement=req,
                      message=f"skipped: {reason}"), BotSummary(won=None, detail=reason))
    levels = data.get("levels") or []
    if not levels:
        return (Check(id="bot_level_one", category="bot", passed=False, critical=True, requirement=req,
                      message="there is no level 1 to play"), BotSummary(won=False, detail="no level"))
    t0 = time.perf_counter()
    try:
        with HeadlessGame(game_js, data_js, autostart=True) as game:
            result = play(game, levels[0], data.get("config") or {})
        won, frames, detail = bool(result.won), int(result.frames), str(result.detail or "")
    except HeadlessError as exc:
        won, frames, detail = False, 0, f"the game threw while the bot played: {exc}"
    except Exception as exc:  # a broken bot is reported, never a crashed QA
        won, frames, detail = False, 0, f"the bot itself failed: {type(exc).__name__}: {exc}"
    level_name = levels[0].get("name") if isinstance(levels[0], dict) else None
    msg = "" if won else ("The bot could not finish level 1" + (f" ('{level_name}')" if level_name else "")
                          + (f": {detail}" if detail else ""))
    return (Check(id="bot_level_one", category="bot", passed=won, critical=True, requirement=req, message=msg,
                  seconds=round(time.perf_counter() - t0, 4)), BotSummary(won=won, frames=frames, detail=detail))


def _genre_keypoints(module, why: str, genre: str, game_js: str, data_js: str, data: dict[str, Any]) -> list[Check]:
    make = getattr(module, "keypoints", None) if module is not None else None
    if make is None:
        reason = why if module is None else f"no keypoint checks for the {genre} genre yet"
        return [Check(id=f"{genre}_keypoints", category="keypoint", passed=None, requirement=
                      f"The {genre} mechanics of the design work", message=f"skipped: {reason}")]
    try:
        kps = list(make(data.get("spec") or {}, data.get("config") or {}, data.get("levels") or []))
    except Exception as exc:
        return [Check(id=f"{genre}_keypoints", category="keypoint", passed=False, requirement=
                      f"The {genre} mechanics of the design work",
                      message=f"the {genre} checks could not be prepared: {type(exc).__name__}: {exc}")]
    out = []
    for kp in kps:
        t0 = time.perf_counter()
        try:
            with HeadlessGame(game_js, data_js, autostart=True) as game:
                passed, message = kp.run(game)
            passed = None if passed is None else bool(passed)
        except HeadlessError as exc:
            passed, message = False, f"the game threw during this check: {exc}"
        except Exception as exc:
            passed, message = False, f"the check itself failed: {type(exc).__name__}: {exc}"
        if passed is False and not message:
            message = f"Not working: {kp.requirement}"
        out.append(Check(id=str(kp.id), category="keypoint", passed=passed, critical=False,
                         requirement=str(kp.requirement), message=str(message or ""), mechanic=kp.mechanic,
                         seconds=round(time.perf_counter() - t0, 4)))
    return out


def _off_event_loop(fn, *args):
    """Run fn in a worker thread when this thread runs an asyncio loop (playwright's sync API,
    an async server): mini-racer refuses timed evaluation inside one."""
    import asyncio

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return fn(*args)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="maestro-qa") as pool:
        return pool.submit(fn, *args).result()


def check_bundle(game_dir: Path | dict[str, bytes], *, browser: bool | None = None,
                 smoke_seconds: float = 30, repairs: list[str] | None = None,
                 chromium: object | None = None, own_build: bool = False) -> tuple[QualityReport, dict[str, bytes]]:
    """Check one bundle; return the report and the files to add to its game folder.

    ``browser``: True runs the browser pass (skipped with the reason when Chromium is absent),
    False skips it, None runs it when Chromium is present. ``chromium``: an already-launched
    playwright browser to reuse (tests, batch QA). ``own_build``: the build's own QA before publishing
    (a manifest mismatch is then a hard failure, not a hand edit).
    """
    files = read_bundle(find_game_dir(game_dir)) if not isinstance(game_dir, dict) else bundle_of(game_dir)
    t_all = time.perf_counter()
    if browser is False or (browser is None and chromium is None and _browser_unavailable()):
        report, checks, figures, parsed, spec = _off_event_loop(_play_stages, files, smoke_seconds, repairs, own_build)
        return _finish(report, checks, figures, parsed, spec, files, browser, chromium, t_all, None)
    # The headless stages (V8, in a worker thread: mini-racer leaves the GIL while JS runs) and the
    # browser pass (Chromium, driven from this thread, as playwright's sync API requires) at once.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="maestro-qa") as pool:
        headless = pool.submit(_play_stages, files, smoke_seconds, repairs, own_build)
        browsed = _browser_stage(files, chromium)
        report, checks, figures, parsed, spec = headless.result()
    return _finish(report, checks, figures, parsed, spec, files, browser, chromium, t_all, browsed)


def _play_stages(files: dict[str, bytes], smoke_seconds: float, repairs: list[str] | None, own_build: bool = False):
    """static -> smoke -> generic keypoints -> genre bot -> genre keypoints (no browser), all within
    one wall-clock budget (HEADLESS_BUDGET_S): a bundle that freezes or crawls fails, it cannot hang QA."""
    with time_budget(HEADLESS_BUDGET_S + smoke_seconds):
        return _stages(files, smoke_seconds, repairs, own_build)


def _stages(files: dict[str, bytes], smoke_seconds: float, repairs: list[str] | None, own_build: bool):
    from maestro.agents.query.generic import generic_keypoints
    from maestro.agents.query.smoke import smoke_play

    figures: dict[str, float] = {}
    t_all = time.perf_counter()

    t = time.perf_counter()
    checks, data = static_stage(files, own_build)
    figures["static"] = round(time.perf_counter() - t, 4)

    manifest: dict[str, Any] = {}
    try:
        manifest = json.loads(files.get("manifest.json", b"{}"))
    except ValueError:
        pass
    spec = (data or {}).get("spec") or {}
    report = QualityReport(project_id=str(manifest.get("project_id") or ((data or {}).get("maestro") or {}).get("project_id") or ""),
                           title=str(spec.get("title") or manifest.get("title") or ""),
                           genre=str(spec.get("genre") or manifest.get("genre") or ""),
                           repairs=list(repairs or []))
    game_js = files.get("game.js", b"").decode("utf-8", errors="replace")
    data_js = files.get("data.js", b"").decode("utf-8", errors="replace")
    parsed = all(c.passed for c in checks if c.id in ("code_parses", "data_parses", "files_present"))

    if parsed and data is not None:
        t = time.perf_counter()
        smoke = smoke_play(game_js, data_js, seconds=smoke_seconds)
        checks += smoke.checks
        figures["smoke"] = round(time.perf_counter() - t, 4)
        figures["smoke_frames"] = float(smoke.frames)
        booted = smoke.checks[0].passed is True

        if smoke.froze:  # every later stage would wait out its time on the same frozen code
            why = "skipped: the game froze in headless play (see runs_without_errors)"
            checks.append(Check(id="bot_level_one", category="bot", passed=None, critical=True,
                                requirement="A bot finishes level 1 on the real game code", message=why))
            report.bot = BotSummary(won=None, detail="the game froze")
        elif booted:
            t = time.perf_counter()
            checks += generic_keypoints(game_js, data_js, data)
            figures["generic_keypoints"] = round(time.perf_counter() - t, 4)

            module, why = _genre_module(report.genre)
            t = time.perf_counter()
            bot_check, report.bot = _bot_stage(module, why, report.genre, game_js, data_js, data)
            checks.append(bot_check)
            figures["bot"] = round(time.perf_counter() - t, 4)

            t = time.perf_counter()
            checks += _genre_keypoints(module, why, report.genre, game_js, data_js, data)
            figures["genre_keypoints"] = round(time.perf_counter() - t, 4)
            if (data.get("spec") or {}).get("rules"):  # the LLM path's rules modules, each by its own check
                from maestro.agents.codex import game_js as plain_game_js
                from maestro.agents.query.rules_checks import rules_checks

                t = time.perf_counter()
                checks += rules_checks(data["spec"], game_js, data_js, plain_game_js(report.genre))
                figures["rules_checks"] = round(time.perf_counter() - t, 4)
        else:
            checks.append(Check(id="bot_level_one", category="bot", passed=None, critical=True,
                                requirement="A bot finishes level 1 on the real game code",
                                message="skipped: the game does not start"))
            report.bot = BotSummary(won=None, detail="the game does not start")
    else:
        checks.append(Check(id="boots", category="headless", passed=None, critical=True,
                            requirement="The game starts", message="skipped: the code or data does not parse"))
        report.bot = BotSummary(won=None, detail="the code or data does not parse")
    figures["total"] = round(time.perf_counter() - t_all, 4)
    return report, checks, figures, parsed, spec


def _browser_unavailable() -> str | None:
    from maestro.agents.query.browser_pass import unavailable_reason

    return unavailable_reason()


def _browser_stage(files: dict[str, bytes], chromium: object | None) -> tuple[Any, float]:
    from maestro.agents.query.browser_pass import browser_pass

    t = time.perf_counter()
    return browser_pass(files, browser=chromium), round(time.perf_counter() - t, 4)


def _finish(report: QualityReport, checks: list[Check], figures: dict[str, float], parsed: bool, spec: dict[str, Any],
            files: dict[str, bytes],
            browser: bool | None, chromium: object | None, t_all: float,
            browsed: tuple[Any, float] | None) -> tuple[QualityReport, dict[str, bytes]]:
    thumbnail: bytes | None = None
    if browser is not False:
        from maestro.agents.query.browser_pass import skipped

        reason = _browser_unavailable() if chromium is None else None
        if browser is None and reason:
            result, seconds = skipped(reason), 0.0
        elif not parsed:  # what a browser made of code that does not parse is not a finding
            result, seconds = skipped("the code does not parse"), 0.0
        elif browsed is not None:
            result, seconds = browsed
        else:
            result, seconds = _browser_stage(files, chromium)
        checks += result.checks
        thumbnail = result.thumbnail
        figures["browser"] = seconds

    figures["total"] = round(time.perf_counter() - t_all, 4)
    report.checks = checks
    report.figures = figures
    report.thumbnail = "thumbnail.png" if thumbnail else None
    report.requirements = judge(spec, checks)
    if spec.get("reading"):
        from maestro.spec.reading import Reading

        report.reading = Reading.model_validate(spec["reading"])
    finalize(report)
    out = {"report.json": report.to_json().encode(), "report.html": render_html(report).encode()}
    if thumbnail:
        out["thumbnail.png"] = thumbnail
    return report, out


def write_outputs(game_dir: Path, outputs: dict[str, bytes]) -> None:
    """Write the QA files into a bundle folder (each whole, via a temp file and rename)."""
    import os
    import uuid

    game_dir = Path(game_dir)
    for name, data in outputs.items():
        tmp = game_dir / f".tmp-{uuid.uuid4().hex}"
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, game_dir / name)
