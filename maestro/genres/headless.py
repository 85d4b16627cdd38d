"""Run a bundle's real game code without a browser, in embedded V8 (mini-racer).

mini-racer was chosen over quickjs bindings because it is V8 — the engine of Chromium, where the
games actually run — so "it runs headless" means the same parser and semantics as in the browser;
it is a maintained wheel on PyPI (no compiler needed) and supports per-call timeouts, which turn an
infinite loop in generated code into a reported failure instead of a hung QA worker.

The runtime (maestro/game/runtime.js) supports a headless mode: no DOM, no images, no audio, and
frames advance only when step() is called, so every run is deterministic.
"""

from __future__ import annotations

import atexit
import json
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

from py_mini_racer import MiniRacer

# The smallest browser-like global the runtime and genre modules touch when headless.
SHIM = """
var window = this; var self = this;
window.location = {search: ''};
var console = {log: function(){}, warn: function(){}, info: function(){},
               error: function(){ window.__consoleErrors.push(Array.prototype.join.call(arguments, ' ')); }};
window.__consoleErrors = [];
"""

DEFAULT_TIMEOUT_MS = 10_000  # one call into the game (a step, a load): a frame loop that never returns
# V8's heap for one game: past it a call fails with JSOOMException instead of V8 aborting the whole
# process (a bundle that allocates without bound once killed QA with no verdict).
DEFAULT_MEMORY_MB = 512

# What every genre's QA drives the game with, defined once beside __game:
#   __qa.release()            lets go of every key;
#   __qa.mask(bools)          a bit per flag (keys taken, doors open...), for compact comparisons;
#   __qa.onLevel(lv, play)    plays `play(G)` on `lv` loaded in place of level 1 and started fresh,
#                             then puts the build's own level 1 back and lets go of every key.
QA_HELPERS = """
var __qa = {
  release: function () { ['left', 'right', 'up', 'down', 'action', 'undo'].forEach(function (a) { __game.press(a, false); }); },
  mask: function (a) { var m = 0; for (var i = 0; i < a.length; i++) if (a[i]) m |= 1 << i; return m; },
  onLevel: function (lv, play) {
    var G = __game.game, keep = G.levels[0];
    __qa.release();
    G.levels[0] = lv;
    try { __game.start(1); return play(G); } finally { __qa.release(); G.levels[0] = keep; }
  }
};
"""


class HeadlessError(Exception):
    """The game code threw (or ran past its time budget) while loading or stepping."""


class HeadlessTimeout(HeadlessError):
    """The game code did not return in time: it froze (or QA's budget for the bundle ran out)."""


_budget = threading.local()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Every call into any HeadlessGame made by this thread inside the block shares one wall-clock
    deadline, so that QA of one bundle is bounded however many games its checks start."""
    before = getattr(_budget, "deadline", None)
    _budget.deadline = time.monotonic() + seconds
    try:
        yield
    finally:
        _budget.deadline = before


# A V8 context left open at interpreter exit can hang the process: close whatever is left.
_OPEN: "weakref.WeakSet[HeadlessGame]" = weakref.WeakSet()


@atexit.register
def _close_all() -> None:
    for game in list(_OPEN):
        game.close()


class HeadlessGame:
    """One bundle loaded into a fresh V8 context. Use as a context manager, or call close()."""

    def __init__(self, game_js: str, data_js: str, *, autostart: bool = True, level: int = 1,
                 timeout_ms: int = DEFAULT_TIMEOUT_MS, memory_mb: int = DEFAULT_MEMORY_MB) -> None:
        self.timeout_ms, self.memory_mb = timeout_ms, memory_mb
        self.ctx = MiniRacer()
        self.ctx.set_hard_memory_limit(memory_mb * 1024 * 1024)
        _OPEN.add(self)
        try:
            self._eval(SHIM)
            self._eval(data_js, what="data.js")
            self._eval(game_js, what="game.js")
            self._eval(
                "var __game = Maestro.createGame(window.MAESTRO_DATA, {headless: true, manual: true});"
                f"__game.boot(null, {{autostart: {json.dumps(autostart)}, level: {int(level)}}}); true;",
                what="boot",
            )
            self._eval(QA_HELPERS, what="the QA helpers")
        except Exception:
            self.close()
            raise

    # ---- plumbing ------------------------------------------------------------------------
    def _eval(self, source: str, what: str = "code") -> Any:
        timeout = self.timeout_ms
        deadline = getattr(_budget, "deadline", None)
        if deadline is not None:
            left = int((deadline - time.monotonic()) * 1000)
            if left <= 0:
                raise HeadlessTimeout(f"{what}: QA's time for this bundle ran out (the game is frozen or far too slow)")
            timeout = min(timeout, left)
        try:
            return self.ctx.eval(source, timeout=timeout)
        except Exception as exc:  # mini-racer raises JSEvalException / JSTimeoutException / JSOOMException
            text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
            kind = type(exc).__name__
            if kind == "JSTimeoutException":
                raise HeadlessTimeout(f"{what}: the game did not return within {timeout / 1000:g} s (frozen)") from exc
            if kind == "JSOOMException":
                text += f" (the game used more than {self.memory_mb} MB)"
            raise HeadlessError(f"{what}: {kind}: {text}") from exc

    def js(self, expression: str) -> Any:
        """Evaluate an expression in the game's context and return it as plain JSON data."""
        raw = self._eval(f"JSON.stringify(({expression}))", what=expression[:60])
        return None if raw is None else json.loads(raw)

    def run(self, statements: str) -> None:
        self._eval(statements + "\n;true;", what=statements[:60])

    # ---- the bundle contract ---------------------------------------------------------------
    def state(self) -> dict:
        return self.js("__game.state()")

    def step(self, frames: int = 1) -> dict:
        return self.js(f"__game.step({int(frames)})")

    def press(self, action: str, down: bool = True) -> None:
        self.run(f"__game.press({json.dumps(action)}, {json.dumps(bool(down))})")

    def tap(self, action: str) -> dict:
        return self.js(f"__game.tap({json.dumps(action)})")

    def start(self, level: int = 1) -> dict:
        return self.js(f"__game.start({int(level)})")

    def level_one(self, *, fresh: bool = False) -> dict:
        """The state once level 1 is being played: started unless it already is (``fresh``: started
        anew too once a frame has passed, for bots whose timing counts from the level's first frame,
        such as the rhythm families', whose music starts with it)."""
        st = self.state()
        if st["status"] != "playing" or st["level"] != 1 or (fresh and (st.get("frame") or 0) > 1):
            st = self.start(1)
        return st

    def errors(self) -> list[str]:
        return list(self.js("__game.errors.concat(window.__consoleErrors)") or [])

    def close(self) -> None:
        ctx, self.ctx = getattr(self, "ctx", None), None
        if ctx is not None:
            try:
                ctx.close()
            except Exception:
                pass

    def __enter__(self) -> "HeadlessGame":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---- keypoint plumbing, the same for every genre's qa.py ------------------------------------------

def fail_if(cond: bool, msg: str) -> None:
    """Fail a keypoint's check body with a reason a designer reads (``checked`` reports it)."""
    if cond:
        raise AssertionError(msg)


def checked(fn: Callable[[HeadlessGame], str | None],
            install: Callable[[HeadlessGame], None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    """A keypoint's ``run``: ``install`` the genre's QA helpers, run the check body ``fn``, which
    raises AssertionError (``fail_if``) with a designer-readable reason; a game that throws is a
    failure too. Returns the (passed, detail) the Keypoint contract wants."""
    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        try:
            install(game)
            return True, fn(game) or "ok"
        except AssertionError as exc:
            msg = str(exc)
            return False, msg[:1].upper() + msg[1:]
        except HeadlessError as exc:
            return False, f"the game threw: {exc}"
    return run


# ---- rules agreement, the same for every turn-based genre's qa.py ---------------------------------

class ReplaySide(Protocol):
    """The Python side of a rules-agreement replay: the genre's rules driven by the same presses."""

    status: str
    lives: int | None

    def row(self) -> list[Any]: ...

    def press(self, key: str) -> None: ...


def replay_agrees(first: list[Any], rows: list[list[Any]], keys: list[str], py: ReplaySide,
                  fields: tuple[str, ...], what: str, win: tuple[str, str]) -> str | None:
    """Compare the game's rows (one per press; ``fields`` state columns, then lives, status and two
    win flags) with the rules replaying the same ``keys``. None when they agree to the end, else the
    first difference in words. ``what``: the game's unit ("fight"); ``win``: its win in words, as
    "the rules ..." and "the game ..." say it (("win the fight", "wins the fight"))."""
    n = len(fields)

    def diff(js: list[Any], rules: list[Any]) -> str:
        return "; ".join(f"{name}: game {a!r}, rules {b!r}" for name, a, b in zip(fields, js, rules) if a != b)

    if first[:n] != py.row():
        return f"the {what} starts differently: {diff(first, py.row())}"
    for i, k in enumerate(keys):
        if i >= len(rows):
            return f"the game stopped after {i} presses while the rules play on"
        py.press(k)
        js = rows[i]
        where = f"press {i + 1} ({k}; recent presses {' '.join(keys[max(0, i - 5):i + 1])})"
        won = js[n + 1] == "won" or bool(js[n + 2]) or bool(js[n + 3])
        if won != (py.status == "won"):
            return f"{where}: " + (f"the rules {win[0]} here but the game does not" if py.status == "won"
                                   else f"the game {win[1]} where the rules do not")
        if won:
            return None
        if (js[n], js[n + 1]) != (py.lives, py.status):
            return f"{where}: the game has {js[n]} lives and is {js[n + 1]!r}, the rules {py.lives} lives, {py.status!r}"
        if py.status != "playing":
            return None
        if js[:n] != py.row():
            return f"{where}: {diff(js, py.row())}"
    return None
