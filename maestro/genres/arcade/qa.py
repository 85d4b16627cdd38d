"""Query for the arcade genre (modes "breakout" and "pong"): a bot that plays level 1 and keypoint checks
on the real JavaScript. The one-button mode "flappy", the pinball table, the vertical jumper and the
jetpack flyer have their own bot, keypoints and agreement check in ``flappy_qa.py``, ``pinball_qa.py``,
``jumper_qa.py`` and ``jetpack_qa.py``; the three entry points below hand their levels there.

The bot re-runs the Labyrinth solver (``maestro.genres.arcade.rules.solve``), whose proof is the key
held on each frame of the level (left / right or up / down, or none) as found by a paddle that meets
every ball where it lands. The bot holds exactly those keys on exactly those frames of the world's
own clock in the REAL game (one V8 call, through ``__game.press`` / ``__game.step`` only): the
simulation is integer arithmetic in both copies of the rules, so the game plays out as the solver saw.

Each keypoint puts the ball (and a paddle) somewhere in the build's own level 1 through the module's QA
hook ``Maestro.genres.arcade.qa.set``, steps the real game and reads the world back with ``qa.view``;
the positions are derived from the level and the config, so a check shows one rule whatever the GDD's
numbers.
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.arcade import flappy_qa, jetpack_qa, jumper_qa, pinball_qa, rules
from maestro.genres.arcade.agree import AGREE_FRAMES, frames_agree, recorder_js
from maestro.genres.arcade.probe import load, put, run
from maestro.genres.arcade.rules import BALL, H, PADDLE_TOP, PONG_LEFT, PONG_RIGHT, PONG_THICK, TOP, U, W
from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, Presses, before_time_limit, checked, fail_if,
                                     held_runs, replay_level_one, spec_mechanics)

QA = "Maestro.genres.arcade.qa"
# the modes whose bot, keypoints and agreement check live in a module of their own, by name
_OWN_QA: dict[str, Any] = {"flappy": flappy_qa, "pinball": pinball_qa, "jumper": jumper_qa, "jetpack": jetpack_qa}
SETTLE_FRAMES = 240  # past the proof: the 1.5 s "Level complete!" transition is 90 frames
KEYS = ("left", "right", "up", "down", "action")

_JS_HELPERS = """
var __ar = {
  view: function () { var G = __game.game; return G.world ? Maestro.genres.arcade.qa.view(G, G.world) : null; },
  set: function (o) { var G = __game.game; return Maestro.genres.arcade.qa.set(G, G.world, o); },
  load: function (room) { __qa.release(); __game.game.levels[0] = room; __game.start(1); return __ar.view(); },
  // n frames with `keys` held (released after); stops early once the level is won or the game ends.
  run: function (n, keys) {
    var s = __game.state(), c0 = s.cleared, i;
    (keys || []).forEach(function (k) { __game.press(k, true); });
    for (i = 0; i < n; i++) { s = __game.step(1); if (s.status !== 'playing' || s.cleared !== c0) { i++; break; } }
    (keys || []).forEach(function (k) { __game.press(k, false); });
    return {state: s, view: __ar.view(), frames: i};
  }
};
"""

# What the bot reads of the world once level 1 is over (or the frames ran out).
_REPORT = "function (w) { return {f: w && w.f, left: w && w.left, me: w && w.me, ai: w && w.ai}; }"


def _install(game: HeadlessGame) -> None:
    if not game.js(f"!!(window.Maestro && Maestro.genres.arcade && {QA} && {QA}.view)"):
        raise HeadlessError("the arcade module has no qa.view hook")
    if not game.js("typeof __ar !== 'undefined'"):
        game.run(_JS_HELPERS)


# ---- the bot -------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Replay the solver's held keys for level 1 in the real game; won when level 2 starts or the game
    is won. Bounded: the proof's frames plus the level-complete transition."""
    own = _OWN_QA.get(str(level.get("mode")))
    if own is not None:
        result: BotResult = own.play_level_one(game, level, config, _install)
        return result
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to win level 1 without missing the ball")
    runs = proof["runs"]
    what = (f"won the match {proof['points']}-{proof['conceded']}" if level.get("mode") == "pong"
            else f"broke all {proof['bricks']} bricks")
    return replay_level_one(
        game, _install, Presses(hold=held_runs(runs)), int(proof["frames"]) + SETTLE_FRAMES,
        report=_REPORT, steps=len(runs),
        won=lambda out: f"level 1: the paddle {what} without missing the ball",
        lost=lambda out: f"the solver's {len(runs)} key runs were played but level 1 wasn't won: the game "
                         f"is {out['state']['status']!r} at frame {out['f']} with {out['left']} bricks left, points "
                         f"{out['me']}-{out['ai']}")


# ---- keypoint plumbing -----------------------------------------------------------------------------


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


def _set(game: HeadlessGame, **o: int) -> dict[str, Any]:
    """``probe.put`` with the serve timer off unless a check sets it."""
    return put(game, **dict(o, serve=o.get("serve", 0)))


def _low_brick(level: dict[str, Any]) -> tuple[int, int]:
    """A brick with nothing below it (row, column): the ball can come at it from underneath."""
    bricks = level["bricks"]
    for r in range(len(bricks) - 1, -1, -1):
        for c, hp in enumerate(bricks[r]):
            if hp > 0 and all(bricks[rr][c] <= 0 for rr in range(r + 1, len(bricks))):
                return r, c
    raise AssertionError("the level has no brick to hit")


def _under(level: dict[str, Any], r: int, c: int) -> tuple[int, int]:
    """The ball's top-left just under brick (r, c)."""
    return (int(level["ox"]) + c * int(level["bw"]) + int(level["bw"]) // 2 - BALL // 2,
            int(level["oy"]) + (r + 1) * int(level["bh"]) + 2)


def _one_brick(level: dict[str, Any], kind: int, hp: int) -> dict[str, Any]:
    """Level 1 with a single brick (of ``kind``, ``hp`` hits) in the middle of its bottom row."""
    room: dict[str, Any] = json.loads(json.dumps(level))
    rows, cols = len(room["bricks"]), len(room["bricks"][0])
    room["bricks"] = [[0] * cols for _ in range(rows)]
    room["kinds"] = [[kind] * cols for _ in range(rows)]
    room["bricks"][rows - 1][cols // 2] = hp
    return room


# ---- breakout keypoints -----------------------------------------------------------------------------


def _breakout_keypoints(spec: dict[str, Any], config: dict[str, Any], level: dict[str, Any]) -> list[Keypoint]:
    mech = spec_mechanics(spec)
    ball = config.get("ball_name") or "Ball"
    paddle = config.get("paddle_name") or "Paddle"
    out: list[Keypoint] = []

    @_checked
    def ball_bounces(game: HeadlessGame) -> str:
        load(game, level)
        _set(game, bx=2 * U, by=150 * U, vx=-40, vy=-20)
        v = run(game, 1)["view"]
        fail_if(v["vx"] <= 0 or v["bx"] < 0, f"the {ball} went into the left wall (x {v['bx']}, moving {v['vx']})")
        r, c = _low_brick(level)
        bx, by = _under(level, r, c)
        hp0 = int(level["bricks"][r][c])
        _set(game, bx=bx, by=by, vx=0, vy=-40)
        v = run(game, 1)["view"]
        fail_if(v["bricks"][r][c] != hp0 - 1, f"the {ball} hit a brick but it still has {v['bricks'][r][c]} of {hp0} hits")
        fail_if(v["vy"] <= 0, "the ball went on through the brick instead of bouncing back")
        _set(game, px=W // 2, bx=W // 2 - BALL // 2, by=PADDLE_TOP - BALL - 30, vx=0, vy=40)
        v = run(game, 1)["view"]
        fail_if(v["vy"] >= 0, f"the {ball} fell through the {paddle}")
        return f"the {ball} bounced off the wall, off a brick (it took a hit) and off the {paddle}"

    out.append(Keypoint("ball_bounces", f"The {ball} bounces off the walls, the bricks and the {paddle}; "
                        "a brick it hits takes a hit", ball_bounces))

    @_checked
    def paddle_returns(game: HeadlessGame) -> str:
        load(game, level)
        half = int(level["paddle_w"]) // 2
        seen = []
        for side in (-1, 1):
            _set(game, px=W // 2, bx=W // 2 + side * (half * 3 // 4) - BALL // 2, by=PADDLE_TOP - BALL - 30, vx=0, vy=40)
            v = run(game, 1)["view"]
            fail_if(v["vy"] >= 0, f"the {paddle} didn't return a ball hitting its {'left' if side < 0 else 'right'} end")
            fail_if(v["vx"] * side <= 0, f"a ball hitting the {'left' if side < 0 else 'right'} end of the {paddle} "
                     f"didn't go {'left' if side < 0 else 'right'} (moving {v['vx']})")
            seen.append(v["vx"])
        return f"the {paddle} returned the {ball}, angled by where it hit (x speed {seen[0]} / {seen[1]})"

    out.append(Keypoint("paddle_returns", f"The {paddle} returns the {ball}, at an angle set by where it hits",
                        paddle_returns))

    @_checked
    def miss_costs_life(game: HeadlessGame) -> str:
        load(game, level)
        lives0 = game.state()["lives"]
        _set(game, px=W // 8, bx=W * 7 // 8, by=PADDLE_TOP, vx=0, vy=40)
        r = run(game, 30)
        st, v = r["state"], r["view"]
        fail_if(st["lives"] != lives0 - 1, f"the {ball} got past the {paddle} but lives went {lives0} -> {st['lives']}")
        fail_if(lives0 > 1 and (st["status"] != "playing" or v["serve"] <= 0 and v["vy"] == 0),
                 "after a lost ball the game didn't serve again")
        return f"missing the {ball} cost a life ({lives0} -> {st['lives']}) and a new ball was served"

    out.append(Keypoint("miss_costs_life", f"Missing the {ball} costs a life", miss_costs_life,
                        "lives" if "lives" in mech else None))

    @_checked
    def clear_wins(game: HeadlessGame) -> str:
        room = _one_brick(level, 0, 1)
        load(game, room)
        r, c = len(room["bricks"]) - 1, len(room["bricks"][0]) // 2
        bx, by = _under(room, r, c)
        score0 = game.state()["score"]
        _set(game, bx=bx, by=by, vx=0, vy=-40)
        res = run(game, 3)
        st = res["state"]
        fail_if(res["view"]["left"] != 0, f"the last brick was hit but {res['view']['left']} are left")
        fail_if(st["score"] <= score0, "breaking a brick scored nothing")
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), "every brick is broken but the level isn't won")
        return f"breaking the last brick scored {st['score'] - score0} and won the level"

    out.append(Keypoint("clear_wins", "Breaking every brick scores and wins the level", clear_wins,
                        "score" if "score" in mech else None))
    out += [_brick_kind(config, level, k, kind) for k, kind in enumerate(config["kinds"])]
    if config.get("speedup_every"):
        out.append(_speeds_up(config, level))
    out.append(_pointer_moves(config, level))
    return out


def _brick_kind(config: dict[str, Any], level: dict[str, Any], k: int, kind: dict[str, Any]) -> Keypoint:
    hp, name, points = int(kind["hp"]), str(kind["name"]), int(kind["points"])
    room = _one_brick(level, k, hp)
    extra = dict(room)
    # a second brick elsewhere keeps the level going once this one breaks
    extra["bricks"] = [row[:] for row in room["bricks"]]
    extra["bricks"][0][0] = 1

    @_checked
    def check(game: HeadlessGame) -> str:
        load(game, extra)
        r, c = len(room["bricks"]) - 1, len(room["bricks"][0]) // 2
        bx, by = _under(room, r, c)
        score0 = game.state()["score"]
        for i in range(hp):
            _set(game, bx=bx, by=by, vx=0, vy=-40)
            v = run(game, 1)["view"]
            fail_if(v["bricks"][r][c] != hp - 1 - i, f"hit {i + 1} left the {name} with {v['bricks'][r][c]} of {hp} hits")
        gained = game.state()["score"] - score0
        fail_if(gained != points, f"breaking a {name} scored {gained}, not {points}")
        return f"the {name} broke on hit {hp} and scored {points}"

    what = f"takes {hp} hits" if hp > 1 else "breaks in one hit"
    return Keypoint(f"brick_{kind['slug']}", f"A {name} brick {what} and scores {points}", check, str(kind["slug"]))


def _speeds_up(config: dict[str, Any], level: dict[str, Any]) -> Keypoint:
    every = int(config["speedup_every"])

    @_checked
    def check(game: HeadlessGame) -> str:
        load(game, level)
        s0 = int(level["speed"])
        _set(game, hits=every - 1, px=W // 2, bx=W // 2 - BALL // 2, by=PADDLE_TOP - BALL - 30, vx=0, vy=40)
        v = run(game, 1)["view"]
        fail_if(v["speed"] <= s0, f"after {every} paddle hits the ball's speed is still {v['speed']}")
        return f"after {every} paddle hits the ball sped up ({s0} -> {v['speed']})"

    return Keypoint("ball_speeds_up", f"The ball speeds up every {every} paddle hits", check)


def _pointer_moves(config: dict[str, Any], level: dict[str, Any]) -> Keypoint:
    pong = level.get("mode") == "pong"

    @_checked
    def check(game: HeadlessGame) -> str:
        v0 = load(game, level)
        if pong:
            game.run(f"{QA}.pointer(__game.game, __game.game.world, 100, {TOP // U + 20}, true)")
        else:
            game.run(f"{QA}.pointer(__game.game, __game.game.world, 440, 200, true)")
        v = run(game, 40)["view"]
        game.run(f"{QA}.release()")
        moved = (v["py"] < v0["py"]) if pong else (v["px"] > v0["px"])
        fail_if(not moved, "the paddle didn't follow the pointer")
        fail_if(v0["serve"] <= 0 or v["serve"] > 0 and v["vx"] == 0 and v["vy"] == 0,
                 "a tap didn't serve the ball")
        return "the paddle followed the pointer and a tap served the ball"

    return Keypoint("pointer_plays", "The paddle follows the mouse / a finger, and a tap serves", check)


# ---- pong keypoints ------------------------------------------------------------------------------


def _pong_keypoints(spec: dict[str, Any], config: dict[str, Any], level: dict[str, Any]) -> list[Keypoint]:
    mech = spec_mechanics(spec)
    ball = config.get("ball_name") or "Ball"
    paddle = config.get("paddle_name") or "Paddle"
    rival = config.get("rival_name") or "Rival"
    to_win = int(level["points_to_win"])
    mid = TOP + (H - TOP) // 2
    out: list[Keypoint] = []

    @_checked
    def ball_bounces(game: HeadlessGame) -> str:
        load(game, level)
        _set(game, bx=W // 2, by=TOP + 4, vx=-10, vy=-40)
        v = run(game, 1)["view"]
        fail_if(v["vy"] <= 0 or v["by"] < TOP, f"the {ball} went into the top wall (moving {v['vy']})")
        _set(game, py=mid, bx=PONG_LEFT + PONG_THICK + 20, by=mid - BALL // 2, vx=-40, vy=0)
        v = run(game, 1)["view"]
        fail_if(v["vx"] <= 0, f"the {ball} went through the {paddle}")
        score0 = game.state()["score"]
        _set(game, ay=TOP + int(level["paddle_h"]) // 2, bx=W - 8 * U, by=H - 10 * U, vx=60, vy=0, py=mid)
        r = run(game, 10)
        fail_if(r["view"]["me"] != 1 or r["state"]["score"] <= score0,
                 f"the {ball} passed the {rival} but no point was scored ({r['view']['me']})")
        return f"the {ball} bounced off the wall and the {paddle}, and passing the {rival} scored a point"

    out.append(Keypoint("ball_bounces", f"The {ball} bounces off the walls and the paddles; past the {rival} it "
                        "scores a point", ball_bounces))

    @_checked
    def paddle_returns(game: HeadlessGame) -> str:
        load(game, level)
        half = int(level["paddle_h"]) // 2
        seen = []
        for side in (-1, 1):
            _set(game, py=mid, bx=PONG_LEFT + PONG_THICK + 20, by=mid + side * (half * 3 // 4) - BALL // 2, vx=-40, vy=0)
            v = run(game, 1)["view"]
            fail_if(v["vx"] <= 0, f"the {paddle} didn't return a ball hitting its {'top' if side < 0 else 'bottom'} end")
            fail_if(v["vy"] * side <= 0, f"a ball hitting the {'top' if side < 0 else 'bottom'} of the {paddle} "
                     f"didn't go {'up' if side < 0 else 'down'}")
            seen.append(v["vy"])
        return f"the {paddle} returned the {ball}, angled by where it hit (y speed {seen[0]} / {seen[1]})"

    out.append(Keypoint("paddle_returns", f"The {paddle} returns the {ball}, at an angle set by where it hits",
                        paddle_returns))

    @_checked
    def ai_returns(game: HeadlessGame) -> str:
        load(game, level)
        _set(game, ay=mid, bx=PONG_RIGHT - BALL - 20, by=mid - BALL // 2, vx=40, vy=0)
        v = run(game, 1)["view"]
        fail_if(v["vx"] >= 0, f"the {rival} let a ball straight at it through")
        load(game, level)
        _set(game, ay=mid, bx=W // 2, by=mid - BALL // 2, vx=40, vy=0)
        _set(game, by=TOP + 30 * U)
        v0 = run(game, 1)["view"]
        v = run(game, 20)["view"]
        fail_if(v["ay"] >= v0["ay"], f"the {rival} didn't move towards the ball")
        return f"the {rival} moves to the ball and returns it"

    out.append(Keypoint("ai_returns", f"The {rival} paddle chases the ball and returns it", ai_returns,
                        config.get("rival_slug")))

    @_checked
    def miss_costs_point(game: HeadlessGame) -> str:
        load(game, level)
        _set(game, py=TOP + int(level["paddle_h"]) // 2, bx=10 * U, by=H - 10 * U, vx=-60, vy=0)
        r = run(game, 10)
        fail_if(r["view"]["ai"] != 1, f"the {ball} got past the {paddle} but the {rival} has {r['view']['ai']} points")
        fail_if(r["view"]["serve"] <= 0, "after the point the ball wasn't served again")
        return f"missing the {ball} gave the {rival} a point and the ball was served again"

    out.append(Keypoint("miss_costs_point", f"Missing the {ball} gives the {rival} a point", miss_costs_point,
                        "score" if "score" in mech else None))

    @_checked
    def match_won(game: HeadlessGame) -> str:
        load(game, level)
        _set(game, me=to_win - 1, ay=TOP + int(level["paddle_h"]) // 2, bx=W - 8 * U, by=H - 10 * U, vx=60, vy=0)
        st = run(game, 10)["state"]
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), f"the player reached {to_win} points but didn't win")
        return f"reaching {to_win} points won the match"

    out.append(Keypoint("match_won", f"The first to {to_win} points wins the match", match_won))

    @_checked
    def match_lost(game: HeadlessGame) -> str:
        load(game, level)
        lives0 = game.state()["lives"]
        _set(game, ai=to_win - 1, py=TOP + int(level["paddle_h"]) // 2, bx=10 * U, by=H - 10 * U, vx=-60, vy=0)
        r = run(game, 10)
        st, v = r["state"], r["view"]
        fail_if(st["lives"] != lives0 - 1, f"the {rival} reached {to_win} points but lives went {lives0} -> {st['lives']}")
        fail_if(lives0 > 1 and (v["me"], v["ai"]) != (0, 0), "the match wasn't started again from 0-0")
        return f"the {rival} reaching {to_win} cost a life and the match started again"

    out.append(Keypoint("match_lost", f"The {rival} reaching {to_win} points costs a life", match_lost,
                        "lives" if "lives" in mech else None))
    if config.get("speedup_every"):
        out.append(_pong_speeds_up(config, level))
    out.append(_pointer_moves(config, level))
    return out


def _pong_speeds_up(config: dict[str, Any], level: dict[str, Any]) -> Keypoint:
    every = int(config["speedup_every"])
    mid = TOP + (H - TOP) // 2

    @_checked
    def check(game: HeadlessGame) -> str:
        load(game, level)
        s0 = int(level["speed"])
        _set(game, hits=every - 1, py=mid, bx=PONG_LEFT + PONG_THICK + 20, by=mid - BALL // 2, vx=-40, vy=0)
        v = run(game, 1)["view"]
        fail_if(v["speed"] <= s0, f"after {every} returns the ball's speed is still {v['speed']}")
        return f"after {every} returns the ball sped up ({s0} -> {v['speed']})"

    return Keypoint("ball_speeds_up", f"The ball speeds up every {every} returns", check)


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    level = levels[0]
    own = _OWN_QA.get(str(level.get("mode")))
    if own is not None:
        kps: list[Keypoint] = own.keypoints(spec, config, levels, _install)
        return kps
    if level.get("mode") == "pong":
        return _pong_keypoints(spec, config, level)
    return _breakout_keypoints(spec, config, level)


# ---- rules agreement: one input script, the real game and rules.Sim -------------------------------

_RECORDER = recorder_js("v.f, G.lives, G.status, v.bx, v.by, v.vx, v.vy, v.px, v.py, v.ay, v.speed, v.serve, "
                        "v.me, v.ai, v.left, G.score - score0",
                        KEYS)

_FIELDS = ("frame", "lives", "status", "ball x", "ball y", "ball vx", "ball vy", "paddle x", "paddle y", "rival y",
           "speed", "serve", "points", "rival points", "bricks left", "score")


def _script(rng: random.Random, frames: int, pong: bool) -> list[list[str]]:
    """Which keys are down on each frame: the paddle's keys held for a while, now and then Space."""
    moves = ("up", "down") if pong else ("left", "right")
    downs: list[list[str]] = []
    while len(downs) < frames:
        r = rng.random()
        if r < 0.7:
            downs.extend([[rng.choice(moves)]] * rng.randint(1, 40))
        elif r < 0.8:
            downs.append(["action"])
        downs.extend([[]] * rng.randint(1, 30))
    return downs[:frames]


def _py_row(sim: rules.Sim) -> list[Any]:
    return [sim.f, sim.lives, sim.status, sim.bx, sim.by, sim.vx, sim.vy,
            sim.px if sim.mode == "breakout" else PONG_LEFT, sim.py if sim.mode == "pong" else 0,
            sim.ay if sim.mode == "pong" else 0, sim.speed, sim.serve, sim.me, sim.ai,
            sim.left if sim.mode == "breakout" else 0, sim.score]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A random key script (held paddle keys, Space) played on ``level`` in the real arcade.js and in
    ``rules.Sim``, compared after every frame: lives, status, the ball (position, velocity, speed),
    both paddles, the serve timer, the points, the bricks left and the score. None when they agree to
    the end, else the first difference."""
    own = _OWN_QA.get(str(level.get("mode")))
    if own is not None:
        why: str | None = own.rules_agree(game, level, config, rng)
        return why
    downs = _script(rng, before_time_limit(game, AGREE_FRAMES), level.get("mode") == "pong")
    return frames_agree(game, level, downs, _RECORDER, lambda lives: rules.Sim(level, config, lives),
                        lambda sim, held, new: sim.step(held, new), _py_row, _FIELDS)
