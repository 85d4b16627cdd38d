"""Query for the grid-logic family (modes "minesweeper" and "lights_out").

The bot replays the Labyrinth solver's proof (``rules.solve``) through the REAL game code with the
keyboard, a press being one frame down and one frame up: per proof step, the arrows walk the cursor
to the cell, then Space reveals (or presses the light) or F flags. A Python copy of the rules
(:class:`minesweeper.Minesweeper` / :class:`lights_out.LightsOut`) follows along and after every step
the game's grid is checked against the rules'.

Each keypoint (mines_qa.py, lights_qa.py) loads a tiny hand-made level into the build's own game
(in place of level 1, so the module's real ``start`` / ``update`` run with the build's config),
presses keys or makes pointer gestures and reads the level back through the module's QA hook
``Maestro.genres.grid_logic.qa.view``; the expected outcome comes from the Python rules on the same
level, so a check fails both when the rule is missing and when the two rule books drift apart.
"""

from __future__ import annotations

import json
import random
from typing import Any

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.grid_logic import rules
from maestro.genres.grid_logic.lights_out import LightsOut
from maestro.genres.grid_logic.minesweeper import Minesweeper
from maestro.genres.headless import HeadlessError, HeadlessGame

SETTLE_FRAMES = 200  # after the winning step: the 1.5 s "Level complete!" transition is 90 frames
FRAMES_PER_PRESS = 2
GRACE_FRAMES = 100  # the runtime's 1.5 s grace after a lost life, during which the board waits
AGREE_PRESSES = 200

_JS_HELPERS = """
var __gl = {
  Q: function () { return Maestro.genres.grid_logic.qa; },
  view: function () { var G = __game.game; return G.world ? __gl.Q().view(G, G.world) : null; },
  out: function (st) {
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, lives: st.lives,
            last_loss: st.last_loss, view: __gl.view()};
  },
  // The board waits out the runtime's grace after a lost life.
  settle: function () { var G = __game.game, n = 0; while (G.invuln > 0 && n < %(grace)d) { __game.step(1); n++; } },
  key: function (a) {
    var st;
    if (a === 'flag') { __gl.Q().flagKey(__game.game); st = __game.step(1); st = __game.step(1); }
    else { __game.press(a, true); st = __game.step(1); __game.press(a, false); st = __game.step(1); }
    __gl.settle();
    return __gl.out(__game.state());
  },
  keys: function (list) { var r = __gl.out(__game.state()); for (var i = 0; i < list.length; i++) r = __gl.key(list[i]); return r; },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __gl.view(); },
  gesture: function (x0, y0, x1, y1, ms, button) {
    var G = __game.game, n = __gl.Q().gesture(G, G.world, x0, y0, x1, y1, ms, button), r = __gl.out(__game.state());
    for (var i = 0; i < n; i++) r = __gl.out(__game.step(1));
    __gl.settle();
    return r;
  },
  rect: function () { var G = __game.game; return __gl.Q().rect(G, G.world); },
  count: function (x, y) { var G = __game.game; return __gl.Q().count(G, G.world, x, y); },
  agree: function (lv, keys) {
    __gl.load(lv);
    var rows = [], score0 = __game.state().score, lives0 = __game.state().lives;
    for (var i = 0; i < keys.length; i++) {
      var r = __gl.key(keys[i]);
      rows.push([r.status, r.cleared, r.lives, r.score - score0, r.view]);
      if (r.status !== 'playing' || r.cleared > 0 || (r.view && (r.view.won || r.view.over))) break;
    }
    return {lives: lives0, rows: rows};
  }
};
""" % {"grace": GRACE_FRAMES}


def install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.grid_logic && Maestro.genres.grid_logic.qa)"):
        raise HeadlessError("the grid_logic module has no qa hooks")
    if not game.js("typeof __gl !== 'undefined'"):
        game.run(_JS_HELPERS)


def call(game: HeadlessGame, fn: str, *args: Any) -> Any:
    return game.js(f"__gl.{fn}({', '.join(json.dumps(a) for a in args)})")


# ---- comparing the game with the rules ------------------------------------------------------------

MINE_FIELDS = ("mines", "open", "flag", "cx", "cy", "started", "blown", "score", "won", "over")
LIGHT_FIELDS = ("board", "moves", "used", "cx", "cy", "score", "won", "over")
State = Minesweeper | LightsOut


def mirror(level: dict[str, Any], lives: int | None) -> State:
    if level.get("mode") == "lights_out":
        return LightsOut.start(level)
    return Minesweeper.start(level, lives)


def differs(view: dict[str, Any] | None, s: State) -> str | None:
    """The first field where the game's view and the rules' state differ, in words; None if none."""
    if view is None:
        return "the game has no level running"
    for k in MINE_FIELDS if isinstance(s, Minesweeper) else LIGHT_FIELDS:
        want = getattr(s, k)
        if view.get(k) != want:
            if isinstance(want, list):
                cells = [(x, y) for y, row in enumerate(want) for x, v in enumerate(row) if view[k][y][x] != v]
                return f"the {k} grids differ at cells {cells[:5]}"
            return f"{k} is {view.get(k)!r} in the game, {want!r} by the rules"
    return None


def walk(cx: int, cy: int, x: int, y: int) -> list[str]:
    """The arrows from the cursor at (cx, cy) to (x, y)."""
    return ["right"] * max(0, x - cx) + ["left"] * max(0, cx - x) + ["down"] * max(0, y - cy) + ["up"] * max(0, cy - y)


def proof_keys(level: dict[str, Any], proof: dict[str, Any]) -> list[list[str]]:
    """The proof as key presses, one list per step (walk there, then Space or F)."""
    s = mirror(level, None)
    out = []
    steps = proof["presses"] if level.get("mode") == "lights_out" else proof["actions"]
    for step in steps:
        kind, x, y = ("press", *step) if level.get("mode") == "lights_out" else step
        ks = walk(s.cx, s.cy, int(x), int(y)) + ["flag" if kind == "flag" else "action"]
        for k in ks:
            s.press(k)
        out.append(ks)
    return out


# ---- the bot -------------------------------------------------------------------------------------

def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Replay the solver's reveals and flags (or presses) for level 1 through the real game; won when
    level 2 starts or the game is won. Bounded: 2 frames a press plus the level-complete transition."""
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to win level 1")
    plan = proof_keys(level, proof)
    budget = FRAMES_PER_PRESS * sum(map(len, plan)) + SETTLE_FRAMES
    what = "light press" if level.get("mode") == "lights_out" else "step"
    frames = 0
    try:
        install(game)
        st = game.level_one()
        if st["status"] != "playing":
            return BotResult(False, 0, f"level 1 doesn't start (status {st['status']!r})")
        py = mirror(level, st["lives"])
        why = differs(call(game, "view"), py)
        if why:
            return BotResult(False, 0, f"level 1 starts differently from the rules: {why}")
        for n, ks in enumerate(plan):
            if frames + FRAMES_PER_PRESS * len(ks) > budget:
                return BotResult(False, frames, f"ran out of frames after {n} of {len(plan)} {what}s", n)
            r = call(game, "keys", ks)
            for k in ks:
                py.press(k)
            frames += FRAMES_PER_PRESS * len(ks)
            if r["status"] == "won" or r["level"] >= 2 or r["cleared"] >= 1:
                game.step(SETTLE_FRAMES)
                return BotResult(True, frames, f"won level 1 with the proof's {n + 1} {what}s "
                                 f"({sum(map(len, plan[:n + 1]))} key presses)", n + 1)
            if r["status"] != "playing":
                return BotResult(False, frames, f"{what} {n + 1} ended the game: {r['status']}"
                                 + (f" ({r['last_loss']})" if r["last_loss"] else ""), n + 1)
            why = differs(r["view"], py)
            if why:
                return BotResult(False, frames, f"after {what} {n + 1} of {len(plan)}: {why}", n + 1)
        return BotResult(False, frames, f"all {len(plan)} {what}s played but level 1 wasn't won", len(plan))
    except HeadlessError as exc:
        return BotResult(False, frames, f"the game threw: {exc}")


# ---- rules_agree ---------------------------------------------------------------------------------

def _presses(level: dict[str, Any], rng: random.Random) -> list[str]:
    """Random presses: mostly arrows, now and then Space (and F on a minefield)."""
    keys = ["left", "right", "up", "down"] * 4 + ["action"] * 3
    if level.get("mode") != "lights_out":
        keys += ["flag"] * 2
    return [rng.choice(keys) for _ in range(AGREE_PRESSES)]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """Random presses played on ``level`` in the real grid_logic.js and through the Python rules,
    compared after every press (the grids, the cursor, the moves, lives, score and the outcome).
    None when they agree to the end, else the first difference. Both play on through lost lives (a
    blown mine stays on the field; a spent lights board starts again) until the game is lost."""
    install(game)
    keys = _presses(level, rng)
    out = call(game, "agree", level, keys)
    lives0, rows = out["lives"], out["rows"]
    py = mirror(level, lives0)
    for i, k in enumerate(keys):
        if i >= len(rows):
            return f"the game stopped after {i} presses while the rules play on"
        py.press(k)
        status, cleared, lives, score, view = rows[i]
        where = f"press {i + 1} ({k}; recent presses {' '.join(keys[max(0, i - 5):i + 1])})"
        won = bool(cleared) or status == "won"
        if won or py.won:
            return None if won and py.won else \
                f"{where}: the {'rules win' if py.won else 'game wins'} the level, the other does not"
        if isinstance(py, Minesweeper) and lives != py.lives:
            return f"{where}: the game has {lives} lives, the rules {py.lives}"
        lost = status == "lost" or (isinstance(py, LightsOut) and lives != lives0)
        if py.over or lost:
            if not (py.over and lost):
                return f"{where}: the {'rules lose' if py.over else 'game loses'} the level here, the other plays on"
            if status == "lost" or not isinstance(py, LightsOut):
                return None
            # a lost life: the board starts again, in both
            py, lives0 = LightsOut.start(level), lives
            why = differs(view, py)
            if why:
                return f"{where}: after the lost life the board did not start again: {why}"
            continue
        if score != py.score:
            return f"{where}: the game scored {score}, the rules {py.score}"
        why = differs(view, py)
        if why:
            return f"{where}: {why}"
    return None


# ---- keypoints -----------------------------------------------------------------------------------

def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    if config.get("mode") == "lights_out":
        from maestro.genres.grid_logic.lights_qa import lights_checks

        return lights_checks(spec, config, levels)
    from maestro.genres.grid_logic.mines_qa import mine_checks

    return mine_checks(spec, config, levels)
