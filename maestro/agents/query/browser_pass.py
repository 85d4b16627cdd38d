"""The real-browser pass: open the bundle from file:// in headless Chromium and play it briefly.

Checks that the page becomes ready with no console error, the canvas shows a picture (not one
flat colour), frames advance, the keyboard moves the game, and takes a 480x270 screenshot of the
canvas for the catalog (thumbnail.png). Without Chromium or playwright the pass is *skipped* with
the reason, never failed: the headless checks still stand.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from maestro.agents.query.watchdog import Watchdog, new_marker
from maestro.spec import Check

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]
# A bundle must never reach the network, not even this machine: every http(s)/ws request goes to a
# proxy that is not there (loopback included), whatever the page's code does and when.
OFFLINE_ARGS = ["--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]
# What a bundle may load: its own files and inline data. Anything else is refused and recorded.
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")
READY_TIMEOUT_MS = 15_000
RENDER_FRAMES = 300  # 5 s of game time, drawn
# The page must keep answering while it plays on its own for at least this long by its own clock (a
# busy loop a second or two into play froze the page after a too-brief pass had already passed it).
# The seconds are Chromium's *virtual* time: the page's clocks (Date, performance.now) and timers
# move PLAY_REAL_S on, in PLAY_CHUNK_MS steps with a real animation frame after each, so code that
# waits for the clock runs as it would in real time, but the pass does not sit idle for it.
PLAY_REAL_S = 3.0
PLAY_CHUNK_MS = 250
RESPONSIVE_MS = 2_000
# ... and the whole pass on one page is bounded: past it, the watchdog kills the page's renderer.
PASS_LIMIT_S = 45.0
STALE_TEMP_S = 600  # a QA temp folder older than this was left by a killed pass: removed at the next start
# The state a key press should change: the player, the score, the status or the level.
_CHANGED_JS = """(b) => { const a = window.maestro.state();
  return JSON.stringify(a.player) !== JSON.stringify(b.player) || a.score !== b.score
      || a.status !== b.status || a.level !== b.level; }"""
CANVAS_COLORS_JS = """() => { const c = document.getElementById('game'); if (!c) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; const s = new Set();
  for (let i = 0; i < d.length; i += 16) s.add((d[i] << 16) | (d[i+1] << 8) | d[i+2]);
  return s.size; }"""


def chromium_path() -> str | None:
    for name in (os.environ.get("MAESTRO_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def unavailable_reason() -> str | None:
    """Why the browser pass cannot run here, or None when it can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install playwright)"
    if chromium_path() is None:
        return "Chromium is not installed (apt-get install chromium, or set MAESTRO_CHROMIUM)"
    return None


@contextmanager
def launch_chromium(offline: bool = True) -> Iterator[object]:
    """Chromium for QA (``offline``: no request can leave it); a page that must speak HTTP (the
    service's web page in its test) asks for ``offline=False``."""
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("Chromium not found: install Debian's 'chromium' package or set MAESTRO_CHROMIUM")
    marker = new_marker()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, headless=True,
                                    args=CHROMIUM_ARGS + (OFFLINE_ARGS if offline else []) + [marker])
        browser._maestro_marker = marker  # type: ignore[attr-defined]  # the watchdog finds its renderers by it
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class BrowserResult:
    checks: list[Check]
    thumbnail: bytes | None = None
    seconds: float = 0.0


def _check(cid: str, passed: bool | None, requirement: str, message: str = "", critical: bool = False) -> Check:
    return Check(id=cid, category="browser", passed=passed, critical=critical, requirement=requirement, message=message)


REQUIREMENTS = {
    "browser_loads": "The game opens from disk in a browser with no error",
    "browser_draws": "The screen shows the game (not a blank canvas)",
    "browser_frames": "The game animates on its own in the browser",
    "browser_input": "The keyboard controls the game in the browser",
    "browser_audio": "Music plays and the sound effects decode once a key is pressed",
}


def skipped(reason: str) -> BrowserResult:
    return BrowserResult([_check(cid, None, req, f"skipped: {reason}") for cid, req in REQUIREMENTS.items()])


def browser_pass(files: dict[str, bytes], *, browser: object | None = None) -> BrowserResult:
    """Run the pass on the bundle's files (written to a private temp folder first)."""
    reason = unavailable_reason() if browser is None else None
    if reason:
        return skipped(reason)
    t0 = time.perf_counter()
    remove_stale_temp()
    with tempfile.TemporaryDirectory(prefix=TEMP_PREFIX) as tmp:
        folder = Path(tmp)
        for rel, data in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        try:
            if browser is not None:
                result = _play(browser, folder)
            else:
                with launch_chromium() as b:
                    result = _play(b, folder)
        except Exception as exc:  # the browser itself failed to start: say so, do not fail the build
            result = skipped(f"the browser could not run ({type(exc).__name__}: {str(exc).splitlines()[0][:200]})")
    result.seconds = time.perf_counter() - t0
    return result


TEMP_PREFIX = "maestro-qa-browser-"


def remove_stale_temp() -> list[str]:
    """Remove the temp folders of passes that were killed (their ``finally`` never ran)."""
    removed = []
    now = time.time()
    for path in Path(tempfile.gettempdir()).glob(TEMP_PREFIX + "*"):
        try:
            if now - path.stat().st_mtime > STALE_TEMP_S:
                shutil.rmtree(path, ignore_errors=True)
                removed.append(str(path))
        except OSError:
            pass
    return removed


def _play(browser, folder: Path) -> BrowserResult:
    """The pass on one page, within PASS_LIMIT_S: a page whose code never returns fails, with why."""
    with Watchdog(getattr(browser, "_maestro_marker", None), PASS_LIMIT_S) as dog:
        try:
            return _play_page(browser, folder, dog)
        except Exception as exc:  # the page stopped answering (killed by the watchdog, or crashed)
            why = (f"the page stopped responding and was stopped after {PASS_LIMIT_S:g} s (a busy loop?)" if dog.fired
                   else f"the page stopped responding: {type(exc).__name__}: {str(exc).splitlines()[0][:160]}")
            return BrowserResult([_check("browser_loads", False, REQUIREMENTS["browser_loads"], why, critical=True)]
                                 + [_check(cid, None, REQUIREMENTS[cid], "skipped: the page stopped responding")
                                    for cid in REQUIREMENTS if cid != "browser_loads"])


def _unresponsive(page, dog: Watchdog, when: str) -> str:
    """"" when the page answers within RESPONSIVE_MS; otherwise why (and its renderer is stopped, so
    that closing it does not wait for ever)."""
    try:
        page.wait_for_function("() => true", timeout=RESPONSIVE_MS, polling=100)
        return ""
    except Exception:
        dog.fire()
        return f"the page stopped responding {when} (its code did not return for {RESPONSIVE_MS / 1000:g} s)"


# True on the third call with the same token: polled on every animation frame, two frames have been
# drawn since the wait began (a predicate that is true at once would not wait for any frame).
_FRAMES_PASSED_JS = """(token) => { const w = window;
  if (w.__maestroQaToken !== token) { w.__maestroQaToken = token; w.__maestroQaFrames = 0; }
  return ++w.__maestroQaFrames > 2; }"""


def _play_on_its_own(page, dog: Watchdog, seconds: float) -> str:
    """Let the page's clock run ``seconds`` on in virtual time (see PLAY_REAL_S): "" when every step
    of it ended and the page drew frames after each; otherwise why (and its renderer is stopped).

    Chromium advances virtual time only while the page is idle, and a page busy in a loop answers
    nothing (not even playwright's timeouts, which run in the page): each step -- two frames drawn,
    then the clock moved on by one budget -- has RESPONSIVE_MS of real time, the old real-time
    bound, past which its own watchdog stops the renderer and every pending call fails at once.
    Once the last step is spent the page's clock stays paused; the rest of the pass steps frames."""
    if seconds <= 0:
        return ""
    cdp = page.context.new_cdp_session(page)
    spent: list[bool] = []
    cdp.on("Emulation.virtualTimeBudgetExpired", lambda _event: spent.append(True))
    chunks = max(1, round(seconds * 1000 / PLAY_CHUNK_MS))
    played = PLAY_REAL_S - seconds  # of the page's clock since ready, in real time before this
    for i in range(chunks + 1):
        spent.clear()
        with Watchdog(dog.marker, RESPONSIVE_MS / 1000) as step:
            try:
                page.wait_for_function(_FRAMES_PASSED_JS, arg=i, polling="raf", timeout=RESPONSIVE_MS)
                if i < chunks:
                    cdp.send("Emulation.setVirtualTimePolicy", {"policy": "advance", "budget": seconds * 1000 / chunks})
                    while not spent and not step.fired:
                        page.wait_for_timeout(2)
                done = True
            except Exception:
                done = False
        if step.fired or not done:
            dog.fire()  # stops the renderer if the step's watchdog has not, and records that the pass stopped it
            return (f"the page stopped responding {played + i * seconds / chunks:.1f} s into play"
                    f" (its code did not return for {RESPONSIVE_MS / 1000:g} s)")
    cdp.detach()
    return ""


def _play_page(browser, folder: Path, dog: Watchdog) -> BrowserResult:
    page = browser.new_page(viewport={"width": 960, "height": 600})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("request", lambda r: requests.append(r.url))

    def guard(route) -> None:  # the page's own requests: refused unless local (recorded above)
        if route.request.url.startswith(LOCAL_SCHEMES):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    page.route("**/*", guard)
    checks: list[Check] = []
    thumb: bytes | None = None
    try:
        try:  # loading has its own bound: a script that never ends at load holds even playwright's waits
            with Watchdog(dog.marker, READY_TIMEOUT_MS / 1000 + 2) as loading:
                # "commit": a page whose script never ends never fires "load"; readiness is waited for.
                page.goto((folder / "index.html").resolve().as_uri() + "?autostart=1&mute=1", wait_until="commit",
                          timeout=READY_TIMEOUT_MS)
                page.wait_for_function("window.maestro && window.maestro.ready === true", timeout=READY_TIMEOUT_MS)
            ready_at = time.perf_counter()
        except Exception:
            why = "; ".join(errors[:3]) or "window.maestro.ready never became true"
            if loading.fired:
                why = f"the page stopped responding while loading (stopped after {loading.seconds:g} s)"
            else:
                why = _unresponsive(page, dog, "while loading") or why
            checks.append(_check("browser_loads", False, REQUIREMENTS["browser_loads"],
                                 f"The game never finished loading in the browser: {why}", critical=True))
            for cid in ("browser_draws", "browser_frames", "browser_input"):
                checks.append(_check(cid, None, REQUIREMENTS[cid], "skipped: the page did not load"))
            return BrowserResult(checks)
        # Each wait below ends as soon as what it waits for happens; its limit is the old fixed wait
        # (a game that passes passes at once; one that fails still gets the whole time).
        try:  # ready means the first frame is drawn; give a slow painter up to 300 ms more
            page.wait_for_function(f"({CANVAS_COLORS_JS})() > 4", timeout=300)
        except Exception:
            pass
        colors = page.evaluate(CANVAS_COLORS_JS)
        checks.append(_check("browser_draws", colors > 4, REQUIREMENTS["browser_draws"],
                             "" if colors > 4 else f"the canvas shows only {colors} colour(s): it is blank", critical=True))
        s1 = page.evaluate("window.maestro.state()")
        try:
            page.wait_for_function("([f, t]) => { const s = window.maestro.state(); return s.frame > f || s.time > t; }",
                                   arg=[s1.get("frame") or 0, s1.get("time") or 0], timeout=400)
        except Exception:
            pass
        s2 = page.evaluate("window.maestro.state()")
        advancing = s2.get("frame", 0) > s1.get("frame", 0) or s2.get("time", 0) > s1.get("time", 0)
        checks.append(_check("browser_frames", advancing, REQUIREMENTS["browser_frames"],
                             "" if advancing else f"no frame advanced in 0.4 s (frame {s1.get('frame')})", critical=True))
        moved = False
        detail = []
        for key in ("ArrowRight", "ArrowLeft", "ArrowUp", "Space", "ArrowDown"):
            before = page.evaluate("window.maestro.state()")
            page.keyboard.down(key)
            try:
                page.wait_for_function(_CHANGED_JS, arg=before, timeout=350)
            except Exception:
                pass
            page.keyboard.up(key)
            page.wait_for_timeout(50)
            after = page.evaluate("window.maestro.state()")
            if (after.get("player") != before.get("player") or after.get("score") != before.get("score")
                    or after.get("status") != before.get("status") or after.get("level") != before.get("level")):
                moved = True
                break
            detail.append(key)
        checks.append(_check("browser_input", moved, REQUIREMENTS["browser_input"],
                             "" if moved else f"pressing {', '.join(detail)} changed nothing in the game"))
        checks.append(_audio_check(page))
        # The game plays on its own for PLAY_REAL_S of its clock from ready: then it must still answer.
        frozen = _play_on_its_own(page, dog, max(0.0, PLAY_REAL_S - (time.perf_counter() - ready_at)))
        frozen = frozen or _unresponsive(page, dog, f"{PLAY_REAL_S:g} s into play")
        if frozen:
            checks.insert(0, _check("browser_loads", False, REQUIREMENTS["browser_loads"], frozen, critical=True))
            return BrowserResult(checks)
        # Then the game plays and draws RENDER_FRAMES more frames in the browser, stepped at once
        # (step(1) updates and draws one frame): an error seconds into play, in the drawing code
        # that headless play never runs, is seen without waiting seconds of real time for it.
        try:
            page.evaluate("(n) => { const m = window.maestro; m.manual(true);"
                          " ['left','right','up','down','action'].forEach(a => m.press(a, false));"
                          " for (let i = 0; i < n; i++) m.step(1); }",
                          RENDER_FRAMES)
        except Exception as exc:  # an error thrown while stepping is a page error too
            errors.append(str(exc).splitlines()[0][:300])
        try:  # a deterministic picture: a fresh level 1, 2 s in (after the name banner), no input
            page.evaluate("() => { const m = window.maestro; m.manual(true);"
                          " ['left','right','up','down','action'].forEach(a => m.press(a, false));"
                          " m.restart(); m.step(120); }")
        except Exception:
            pass
        thumb = _canvas_png(page)
        remote = [u for u in requests if not u.startswith(LOCAL_SCHEMES)]
        # A refused request shows as a console error too: the attempt is the problem, said once.
        errors = [e for e in errors if "ERR_BLOCKED_BY_CLIENT" not in e and "ERR_PROXY" not in e]
        problems = [f"tried to reach the network: {u[:120]}" for u in remote[:3]] + list(errors[:3])
        checks.insert(0, _check("browser_loads", not problems, REQUIREMENTS["browser_loads"],
                                ("errors in the browser: " + "; ".join(problems)) if problems else "", critical=True))
        return BrowserResult(checks, thumb)
    finally:
        page.close()


def _audio_check(page) -> Check:
    """The key presses above were a user gesture, so the page may start audio: the music must be
    playing and every sound must have decoded (the bundle's sounds plus its music track)."""
    try:
        page.keyboard.press("KeyM")  # the page opened muted (mute=1); M turns the sound on, Chromium's own
        # --mute-audio keeps the machine quiet while the game plays its music
        wanted = page.evaluate("Object.keys((window.MAESTRO_DATA || {}).sounds || {}).length"
                               " + ((window.MAESTRO_DATA || {}).music ? 1 : 0)")
        page.wait_for_function("(n) => { const a = window.maestro.audio(); return a.music && a.decoded >= n; }",
                               arg=wanted, timeout=4000)  # returns as soon as it plays; slack for a loaded machine
    except Exception:
        pass
    try:
        heard = page.evaluate("window.maestro.audio()")
    except Exception as exc:
        return _check("browser_audio", False, REQUIREMENTS["browser_audio"], f"the game has no audio probe: {exc}")
    problems = []
    if not heard.get("started"):
        problems.append("audio never started")
    elif not heard.get("music"):
        problems.append("no music is playing")
    if heard.get("decoded", 0) < wanted:
        problems.append(f"{heard.get('decoded', 0)} of {wanted} sounds decoded")
    return _check("browser_audio", not problems, REQUIREMENTS["browser_audio"], "; ".join(problems))


def _canvas_png(page) -> bytes | None:
    """The canvas's own 480x270 pixels (it is drawn larger on the page); a screenshot otherwise."""
    try:
        data_url = page.evaluate("document.getElementById('game').toDataURL('image/png')")
        if isinstance(data_url, str) and data_url.startswith("data:image/png;base64,"):
            import base64

            return base64.b64decode(data_url.split(",", 1)[1])
        return page.locator("#game").screenshot(type="png", timeout=5000)
    except Exception:
        return None
