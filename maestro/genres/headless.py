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
import math
import threading
import time
import weakref
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar

from py_mini_racer import MiniRacer

from maestro.genres.base import BotResult

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
#                             then puts the build's own level 1 back and lets go of every key;
#   __qa.replay(plan, n, report)  a solver's proof pressed on level 1 by the world's own clock (the
#                             Presses of ``replay_level_one`` below).
QA_HELPERS = """
var __qa = {
  release: function () { ['left', 'right', 'up', 'down', 'action', 'undo'].forEach(function (a) { __game.press(a, false); }); },
  mask: function (a) { var m = 0; for (var i = 0; i < a.length; i++) if (a[i]) m |= 1 << i; return m; },
  onLevel: function (lv, play) {
    var G = __game.game, keep = G.levels[0];
    __qa.release();
    G.levels[0] = lv;
    try { __game.start(1); return play(G); } finally { __qa.release(); G.levels[0] = keep; }
  },
  // Steps level 1 a frame at a time, pressing the plan's keys on the world's frames (world().f), until
  // level 1 ends (won, lost, or level 2 started) or n frames have passed; nothing is pressed once the
  // world is done. The result: report(now, played)'s fields, the state and the frames stepped; `now` is
  // the world after the last step (level 2's once level 1 is won), `played` the one it was pressed on.
  replay: function (plan, n, report) {
    var m = __game, s = m.state(), frames = 0, w = null, held = {}, e = 0,
        hold = plan.hold || [], taps = plan.taps || {}, events = plan.events || [];
    while (frames < n && s.level === 1 && s.status === 'playing') {
      w = m.world();
      var live = !!(w && !w.done), want = {}, tap = live ? (taps[w.f] || []) : [];
      for (; live && e < events.length && events[e][0] <= w.f; e++) m.press(events[e][1], !!events[e][2]);
      if (live && w.f < hold.length) hold[w.f].forEach(function (k) { want[k] = true; });
      Object.keys(held).forEach(function (k) { if (!want[k]) { m.press(k, false); delete held[k]; } });
      Object.keys(want).forEach(function (k) { if (!held[k]) { m.press(k, true); held[k] = true; } });
      tap.forEach(function (k) { m.press(k, true); });
      s = m.step(1); frames++;
      tap.forEach(function (k) { m.press(k, false); });
    }
    Object.keys(held).forEach(function (k) { m.press(k, false); });
    events.forEach(function (ev) { m.press(ev[1], false); });
    var out = report(m.world(), w);
    out.state = s; out.frames = frames;
    return out;
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


def spec_mechanics(spec: dict[str, Any]) -> set[str]:
    """The mechanic ids of a bundle's spec (data.js's ``spec``), for the keypoints that prove them."""
    return {str(m.get("id")) for m in spec.get("mechanics") or [] if isinstance(m, dict)}


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


# ---- the bot, the same for every genre whose solver's proof is keys on frames ----------------------

@dataclass(frozen=True)
class Presses:
    """A solver's proof as keys on the world's own frames (``world().f``), in the shape the proof has:

    - ``hold[f]``: the keys held down on frame f, each pressed as its stretch begins and released as it
      ends, none past the list (a paddle's or a car's keys);
    - ``taps[f]``: keys pressed for frame f alone, down before its step and up after it, so a tap on
      the next frame is a new press (a flap, a build, a note);
    - ``events``: (f, key, down) in frame order, each done once the clock has reached f, several in one
      frame all in order (flippers pressed and let go)."""

    hold: list[list[str]] = field(default_factory=list)
    taps: dict[int, list[str]] = field(default_factory=dict)
    events: list[tuple[int, str, bool]] = field(default_factory=list)


def held_runs(runs: list[list[Any]]) -> list[list[str]]:
    """A proof of [frames, key] runs back to back (key '' for none) as ``Presses.hold``."""
    return [[str(key)] if key else [] for n, key in runs for _ in range(int(n))]


def replay_level_one(game: HeadlessGame, install: Callable[[HeadlessGame], None], presses: Presses,
                     max_frames: int, *, report: str, won: Callable[[dict[str, Any]], str],
                     lost: Callable[[dict[str, Any]], str], steps: int, fresh: bool = False) -> BotResult:
    """A bot's play of level 1: ``install`` the genre's QA helpers, start level 1 (``fresh``: as
    ``level_one`` says), press ``presses`` for at most ``max_frames`` in one V8 call (``__qa.replay``),
    and judge: won when level 2 starts or the game is won.

    ``report``: a JS function ``(now, played)`` of the worlds after the last step and before it (either
    may be null), whose fields the result ``out`` gets beside ``state`` and ``frames``; ``won(out)`` is
    the detail of a win, ``lost(out)`` what the game is at instead, followed by the game's last loss.
    ``steps``: the moves of the proof (the BotResult's path_steps)."""
    try:
        install(game)
        st = game.level_one(fresh=fresh)
        if st["status"] != "playing":
            return BotResult(False, 0, f"level 1 doesn't start (status {st['status']!r})")
        plan = {"hold": presses.hold, "taps": presses.taps, "events": presses.events}
        out = game.js(f"__qa.replay({json.dumps(plan)}, {int(max_frames)}, {report})")
    except HeadlessError as exc:
        return BotResult(False, 0, f"the game threw: {exc}")
    end, frames = out["state"], int(out["frames"])
    if end["status"] == "won" or end["level"] >= 2:
        return BotResult(True, frames, won(out), steps)
    why = f" ({end['last_loss']})" if end.get("last_loss") else ""
    return BotResult(False, frames, lost(out) + why, steps)


# ---- rules agreement, frame by frame (the arcade modes, tower defense, racing, rhythm) -------------

def before_time_limit(game: HeadlessGame, frames: int) -> int:
    """``frames``, cut to end 5 frames before the build's time limit when it has one: the runtime's clock
    is not the genre's rule, so an agreement script stays clear of it."""
    limit = game.js("(__game.game.spec && __game.game.spec.time_limit) || 0") or 0
    return max(0, min(frames, int(float(limit) * 60) - 5)) if limit else frames


def first_difference(fields: Sequence[str], js: Sequence[Any], py: Sequence[Any]) -> str:
    """The first of ``fields`` where the game's row and the rules' differ, in words."""
    for name, a, b in zip(fields, js, py):
        if a != b:
            return f"{name}: the game has {str(a)[:200]}, the rules {str(b)[:200]}"
    return "they differ"


# ---- the bot and the rules agreement, the same for every turn-based genre's qa.py ------------------

class Pressable(Protocol):
    """A genre's rules driven by key presses (its ``World``, ``Fight``...)."""

    def press(self, key: str) -> Any: ...


class Playable(Pressable, Protocol):
    won: bool
    lost: bool


P = TypeVar("P", bound=Pressable)
R = TypeVar("R", bound=Playable)


def replay_mirrored(game: HeadlessGame, install: Callable[[HeadlessGame], None], keys: list[str], budget: int,
                    per_press: int, *, view: str, press: Callable[[HeadlessGame, str], dict[str, Any]], mirror: P,
                    differs: Callable[[Any, P], str | None], won: Callable[[int], str]) -> BotResult:
    """A turn-based bot's play of level 1: the proof's ``keys`` pressed one by one in the real game
    (``press``: the genre's helper, ``per_press`` frames each, its state and view back) and in the
    rules' ``mirror``, the game's view (``view``, a JS expression, at the start) compared with it
    (``differs``) after every press, within ``budget`` frames. Won when level 2 starts, the game is
    won or the level cleared; ``won(presses)`` is the detail then."""
    frames = 0
    try:
        install(game)
        st = game.level_one()
        if st["status"] != "playing":
            return BotResult(False, 0, f"level 1 doesn't start (status {st['status']!r})")
        why = differs(game.js(view), mirror)
        if why:
            return BotResult(False, 0, f"level 1 starts differently from the rules: {why}")
        for n, k in enumerate(keys):
            if frames + per_press > budget:
                return BotResult(False, frames, f"ran out of frames after {n} of {len(keys)} presses", n)
            r = press(game, k)
            mirror.press(k)
            frames += per_press
            if r["status"] == "won" or r["level"] >= 2 or r["cleared"] >= 1:
                return BotResult(True, frames, won(n + 1), n + 1)
            if r["status"] != "playing":
                return BotResult(False, frames, f"press {n + 1} ({k}) ended the game: {r['status']}"
                                 + (f" ({r['last_loss']})" if r["last_loss"] else ""), n + 1)
            why = differs(r["view"], mirror)
            if why:
                return BotResult(False, frames, f"after press {n + 1} of {len(keys)} ({k}) {why}", n + 1)
        return BotResult(False, frames, f"all {len(keys)} solver presses played but level 1 wasn't won", len(keys))
    except HeadlessError as exc:
        return BotResult(False, frames, f"the game threw: {exc}")


def presses_recorder_js(qa: str, row: str) -> str:
    """The JS function ``(lv, keys)`` of a rules agreement: ``lv`` played in place of level 1, each key
    pressed for a frame and let go for one; returns ``{first, rows}``, the ``row`` fields (a JS list
    over ``v``, ``qa``'s view, and ``G``) then lives, status, cleared and the view's ``won``, before the
    first press and after each, until the level is cleared, won or the game is no longer playing."""
    return """(function (lv, keys) {
  var rows = [], QA = %s;
  return __qa.onLevel(lv, function (G) {
    function row() { var v = QA.view(G, __game.world());
      return [%s, G.lives, G.status, G.cleared, v.won]; }
    var first = row();
    for (var i = 0; i < keys.length; i++) {
      __game.press(keys[i], true); __game.step(1); __game.press(keys[i], false); __game.step(1);
      rows.push(row());
      if (G.cleared || G.status !== 'playing' || __game.world().won) break;
    }
    return {first: first, rows: rows};
  });
})""" % (qa, row)


class LivesReplay(Generic[R]):
    """The Python side of a rules agreement (a ``ReplaySide``): the genre's rules (``start()`` makes
    them afresh) through their controls, plus what the game does around a level: a lost one costs a
    life and starts again when the game has lives, else the game is lost. A genre adds ``row``."""

    def __init__(self, start: Callable[[], R], lives: int | None) -> None:
        self.start, self.lives = start, lives
        self.rules = start()
        self.status = "playing"

    def press(self, key: str) -> None:
        self.rules.press(key)
        if self.rules.won:
            self.status = "won"
        elif self.rules.lost:
            if self.lives is None or self.lives <= 1:
                self.lives = 0 if self.lives is not None else None
                self.status = "lost"
            else:
                self.lives -= 1
                self.rules = self.start()


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


# ---- a run the clock ends (GameSpec.time_ends_as): what the player sees of it, judged once -------

def clock_end_words(ends_as: str) -> str:
    """The end screen's words when the clock ends a timed run as a win ("win") or a score ("score")."""
    return "Time's up!" if ends_as == "score" else "You survived!"


def clock_shown_problem(out: dict[str, Any], limit: float, looks: Sequence[Any], ends_as: str,
                        score: Any) -> str:
    """What is wrong with the HUD clock and the end screen of a timed run that the clock ended
    ("" when nothing is): ``out["seen"]`` holds (time, HUD texts) at each of ``looks``, ``out["end"]``
    the end screen's texts. The genres' timed_run keypoints share it (shooter, platformer)."""
    for at, texts in out["seen"]:
        want = f"TIME {max(0, math.ceil(limit - float(at)))}"
        if want not in texts:
            return f"at {float(at):.2f} s the HUD shows {[x for x in texts if 'TIME' in x] or texts[:4]}, not {want!r}"
    if len(out["seen"]) != len(looks):
        return f"the HUD was looked at {len(out['seen'])} times of {len(looks)}"
    end = out["end"]
    if clock_end_words(ends_as) not in end or (ends_as == "score" and f"Final score {score}" not in end):
        return f"the end screen says {end[-4:]}, expected {clock_end_words(ends_as)!r} with the score"
    return ""


def clock_counted(out: dict[str, Any], limit: float) -> str:
    """The HUD's countdown as it was seen, for the keypoint's message."""
    return ", ".join(f"TIME {max(0, math.ceil(limit - float(a)))}" for a, _ in out["seen"])
