"""Query for the arcade family's pinball mode: the bot and the keypoints on the real JS.

The bot replays the solver's proof (``pinball.solve``: [world frame, key, down / up] for the flippers and
the plunger) in the REAL game, pressing and releasing each key on exactly its frame of the world's own
clock: the rules are integer arithmetic in both copies, so the table plays out as the search played it.

Each keypoint puts the ball somewhere on the build's own table 1 (``qa.set``: the ball, the plunger, the
targets standing, the table's points), steps the real game and reads it back; the positions come from
the level (the flippers' own angle tables, the bumpers, the targets), so each check shows one rule
whatever the table's numbers.
"""

from __future__ import annotations

import math
import random
from typing import Any, Callable

from maestro.genres.arcade import pinball
from maestro.genres.arcade.agree import AGREE_FRAMES, frames_agree, recorder_js
from maestro.genres.arcade.pinball import BALL_R, FLIP_R, PU, RESET_FRAMES, TARGET_R, VMAX
from maestro.genres.arcade.probe import load as probe_load
from maestro.genres.arcade.probe import put, run
from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, Presses, before_time_limit, checked, fail_if,
                                     replay_level_one, spec_mechanics)

SETTLE_FRAMES = 240  # past the proof: the 1.5 s "Level complete!" transition is 90 frames
QA = "Maestro.genres.arcade.qa"
KEYS = ("left", "right", "action")
FREE = (290 * PU, 100 * PU)  # right of the top bumpers, above the right slingshot: a free fall

# What the bot reads of the world once level 1 is over (or the frames ran out).
_REPORT = "function (w) { return {f: w && w.f, score: w && w.score, target: w && w.target}; }"


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any],
                   install: Callable[[HeadlessGame], None]) -> BotResult:
    """Play the proof's flipper and plunger inputs on table 1; won when level 2 starts or the game is won."""
    proof = pinball.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no flipper timing that reaches table 1's target")
    inputs = proof["inputs"]
    presses = sum(1 for i in inputs if i[2])
    return replay_level_one(
        game, install, Presses(events=[(int(f), str(k), bool(down)) for f, k, down in inputs]),
        int(proof["frames"]) + SETTLE_FRAMES, report=_REPORT, steps=presses,
        won=lambda out: f"table 1: {presses} flips and launches reached {proof['score']} of its "
                        f"{proof['target']} points, {proof['balls_lost']} balls drained",
        lost=lambda out: f"the solver's {presses} flips and launches were played but table 1 wasn't won: "
                         f"the game is {out['state']['status']!r} at frame {out['f']} with {out['score']} of "
                         f"{out['target']} points")


# ---- keypoints -----------------------------------------------------------------------------------


def _on_flipper(level: dict[str, Any], side: int) -> tuple[int, int]:
    """The ball just above flipper ``side`` (0 left, 1 right) at rest, 6/10 of the way to its tip."""
    fl = level["flippers"][side]
    tx, ty = (int(v) for v in fl["tips"][0])
    cx, cy = int(fl["x"]) + tx * 6 // 10, int(fl["y"]) + ty * 6 // 10
    nx, ny = (ty, -tx) if tx > 0 else (-ty, tx)  # the side of the flipper that faces up
    n = math.isqrt(nx * nx + ny * ny)
    gap = BALL_R + FLIP_R + PU
    return cx + nx * gap // n, cy + ny * gap // n


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]],
              install: Callable[[HeadlessGame], None]) -> list[Keypoint]:
    level = levels[0]
    mech = spec_mechanics(spec)
    ball = str(config.get("ball_name") or "Ball")
    bumper = str(config.get("bumper_name") or "Bumper")
    target_name = str(config.get("target_name") or "Drop target")
    pts = level["points"]
    bx0, by0, br0 = (int(v) for v in level["bumpers"][0])
    targets = level["targets"]
    lane_x, plunger_y, lane_wall = (int(v) for v in level["lane"])
    mid = pinball.MID_X * PU
    free = {"x": FREE[0], "y": FREE[1]}  # a spot on the table with nothing within a few frames' fall

    def guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
        return checked(fn, install)

    def load(game: HeadlessGame) -> dict[str, Any]:
        return probe_load(game, level)

    def into_bumper(game: HeadlessGame) -> None:
        put(game, ready=False, x=bx0, y=by0 - br0 - BALL_R - 2 * PU, vx=0, vy=PU)

    def into_drain(game: HeadlessGame) -> None:
        put(game, ready=False, x=mid, y=262 * PU, vx=0, vy=PU)

    out: list[Keypoint] = []

    @guard
    def ball_bounces(game: HeadlessGame) -> str:
        load(game)
        put(game, ready=False, vx=0, vy=0, **free)
        v = run(game, 10)["view"]
        fail_if(v["vy"] <= 0 or v["y"] <= FREE[1], f"the {ball} didn't roll down the table (vy {v['vy']})")
        put(game, ready=False, x=142 * PU, y=140 * PU, vx=-2 * PU, vy=0)
        v = run(game, 1)["view"]
        fail_if(v["vx"] <= 0 or v["x"] < 134 * PU, f"the {ball} went into the left wall (x {v['x']}, moving {v['vx']})")
        return f"gravity pulled the {ball} down the table and it bounced off the wall"

    out.append(Keypoint("ball_bounces", f"Gravity pulls the {ball} down the tilted table; it bounces off the walls",
                        ball_bounces))

    @guard
    def flipper_hits(game: HeadlessGame) -> str:
        seen = []
        for side, key in ((0, "left"), (1, "right")):
            x, y = _on_flipper(level, side)
            load(game)
            put(game, ready=False, x=x, y=y, vx=0, vy=0)
            idle = run(game, 4)["view"]
            fail_if(idle["vy"] < -VMAX // 4, f"the {ball} flew up off the {key} flipper without a flip")
            load(game)
            put(game, ready=False, x=x, y=y, vx=0, vy=0)
            v0 = run(game, 1, (key,))["view"]
            v = run(game, 3, (key,))["view"]
            fail_if(v["ang"][side] <= v0["ang"][side] - 1 or v["ang"][side] == 0, f"{key.title()} didn't raise the {key} flipper")
            fail_if(v["hits"]["flipper"] == 0, f"the {key} flipper swung through the {ball} without touching it")
            fail_if(v["vy"] > -VMAX // 3 or v["y"] >= y, f"the {key} flipper didn't bat the {ball} up (vy {v['vy']})")
            seen.append(-v["vy"])
        return f"each flipper batted the {ball} up the table (up at {seen[0]} / {seen[1]} units a sub-step)"

    out.append(Keypoint("flipper_hits", f"Left / Right raise the flippers, which bat the {ball} back up the table",
                        flipper_hits))

    @guard
    def bumper_kicks(game: HeadlessGame) -> str:
        load(game)
        score0 = game.js("__ar.view().score")
        into_bumper(game)
        v = run(game, 1)["view"]
        fail_if(v["hits"]["bumper"] != 1, f"the {ball} fell onto a {bumper} but didn't hit it")
        fail_if(v["score"] - score0 != int(pts["bumper"]), f"a {bumper} hit scored {v['score'] - score0}, not {pts['bumper']}")
        fail_if(v["vy"] > -PU, f"the {bumper} didn't kick the {ball} away (it moves {v['vy']} after a fall at {PU})")
        return f"the {bumper} scored {pts['bumper']} and kicked the {ball} away (up at {-v['vy']})"

    kinds = config.get("bumper_kinds") or []
    out.append(Keypoint("bumper_kicks", f"A {bumper} kicks the {ball} away and scores {pts['bumper']}", bumper_kicks,
                        str(kinds[0]["slug"]) if kinds else ("score" if "score" in mech else None)))

    @guard
    def drain_costs_ball(game: HeadlessGame) -> str:
        load(game)
        lives0 = game.state()["lives"]
        into_drain(game)
        r = run(game, 12)
        st, v = r["state"], r["view"]
        fail_if(st["lives"] != lives0 - 1, f"the {ball} fell down the drain but balls went {lives0} -> {st['lives']}")
        fail_if(not v["ready"] or v["x"] != lane_x, "after the drain the next ball wasn't on the plunger")
        return f"the drain cost a ball ({lives0} -> {st['lives']}) and the next waited on the plunger"

    def drain_or_skip(game: HeadlessGame) -> tuple[bool | None, str]:
        if int(config.get("lives", 3)) < 2:  # the last ball is last_ball_loses's to show
            return None, "the game has one ball: a drain ends it (shown by last_ball_loses)"
        return drain_costs_ball(game)

    out.append(Keypoint("drain_costs_ball", f"The {ball} down the drain between the flippers costs a ball",
                        drain_or_skip, "lives" if "lives" in mech else None))

    @guard
    def plunger_launches(game: HeadlessGame) -> str:
        v0 = load(game)
        fail_if(not v0["ready"] or v0["y"] != plunger_y, f"table 1 doesn't start with the {ball} on the plunger")
        speeds = []
        for pull in (5, 30):
            load(game)
            v = run(game, pull, ("action",))["view"]
            fail_if(not v["ready"] or v["pull"] != pull, f"holding Space for {pull} frames didn't pull the plunger ({v['pull']})")
            v = run(game, 1)["view"]
            fail_if(v["ready"] or v["vy"] >= 0, "releasing Space didn't launch the ball")
            speeds.append(-v["vy"])
        fail_if(speeds[1] <= speeds[0], f"a longer pull didn't launch harder ({speeds[0]} vs {speeds[1]})")
        v = run(game, 60)["view"]
        fail_if(v["x"] > lane_wall and v["y"] > 104 * PU, f"the launched {ball} never left the lane")
        return f"the plunger launched the {ball} out of its lane, harder the longer it was pulled ({speeds[0]} -> {speeds[1]})"

    out.append(Keypoint("plunger_launches", f"The plunger (Space held, then released) launches each {ball}",
                        plunger_launches))

    def under(k: int) -> dict[str, int]:
        ax, ay, bx, _ = (int(v) for v in targets[k])
        return {"x": (ax + bx) // 2, "y": ay + TARGET_R + BALL_R + 2 * PU, "vx": 0, "vy": -PU}

    @guard
    def target_bonus(game: HeadlessGame) -> str:
        n = len(targets)
        load(game)
        score0 = game.js("__ar.view().score")
        put(game, ready=False, **under(0))
        v = run(game, 1)["view"]
        fail_if(v["up"][0] != 0, f"the {ball} hit a {target_name} but it didn't drop")
        fail_if(v["score"] - score0 != int(pts["target"]) or v["hits"]["bonus"],
                 f"one {target_name} scored {v['score'] - score0}, not {pts['target']} (the bank isn't cleared)")
        load(game)
        put(game, ready=False, up=[0] * (n - 1) + [1], **under(n - 1))
        score0 = game.js("__ar.view().score")
        v = run(game, 1)["view"]
        gain = v["score"] - score0
        fail_if(v["hits"]["bonus"] != 1 or gain != int(pts["target"]) + int(pts["bonus"]),
                 f"dropping the last of {n} targets scored {gain}, not {pts['target']} + a {pts['bonus']} bonus")
        v = run(game, RESET_FRAMES)["view"]
        fail_if(v["up"] != [1] * n, f"the cleared bank didn't stand up again ({v['up']})")
        return f"dropping all {n} targets gave a {pts['bonus']} bonus and the bank stood up again"

    tkinds = config.get("target_kinds") or []
    out.append(Keypoint("target_bonus", f"Dropping every {target_name} of the bank gives a {pts['bonus']} bonus",
                        target_bonus, str(tkinds[0]["slug"]) if tkinds else None))

    @guard
    def score_wins(game: HeadlessGame) -> str:
        load(game)
        goal = int(level["target"])
        put(game, score=goal - int(pts["bumper"]))
        into_bumper(game)
        st = run(game, 2)["state"]
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), f"the table reached {goal} points but isn't won")
        return f"reaching the table's {goal} points won it"

    out.append(Keypoint("score_wins", f"Reaching the table's target ({level['target']} points) wins it", score_wins,
                        "score" if "score" in mech else None))

    @guard
    def last_ball_loses(game: HeadlessGame) -> str:
        load(game)
        game.run("__game.game.lives = 1")
        into_drain(game)
        st = run(game, 12)["state"]
        fail_if(st["status"] != "lost", f"the last {ball} drained but the game is {st['status']!r}")
        return f"the last {ball} down the drain lost the game"

    out.append(Keypoint("last_ball_loses", f"Draining the last {ball} loses the game", last_ball_loses))

    @guard
    def pointer_plays(game: HeadlessGame) -> str:
        load(game)
        game.run(f"{QA}.pointer(__game.game, __game.game.world, 60, 200, true)")
        v = run(game, 2)["view"]
        game.run(f"{QA}.release()")
        fail_if(v["pull"] == 0 and v["ready"], f"a press with the {ball} on the plunger didn't pull it")
        v = run(game, 2)["view"]
        fail_if(v["ready"] or v["vy"] >= 0, f"letting go didn't launch the {ball}")
        for side, x in ((1, 400), (0, 60)):
            load(game)
            put(game, ready=False, vx=0, vy=0, **free)
            game.run(f"{QA}.pointer(__game.game, __game.game.world, {x}, 200, false)")
            v = run(game, 3)["view"]
            game.run(f"{QA}.release()")
            fail_if(v["ang"][side] == 0 or v["ang"][1 - side] != 0,
                    f"a press on the {'right' if side else 'left'} half didn't raise only that flipper ({v['ang']})")
        return "a press pulled the plunger and letting go launched; each half of the screen works its flipper"

    out.append(Keypoint("pointer_plays", "A finger or the mouse: either half of the screen flips, a press launches",
                        pointer_plays))
    if len(levels) > 1:
        out.append(_harder(levels))
    return out


def _harder(levels: list[dict[str, Any]]) -> Keypoint:
    a, b = levels[0], levels[1]

    def check(game: HeadlessGame) -> tuple[bool | None, str]:
        if not (int(b["gravity"]) > int(a["gravity"]) and int(b["target"]) > int(a["target"])):
            return False, (f"table 2 is not harder: gravity {a['gravity']} -> {b['gravity']}, target "
                           f"{a['target']} -> {b['target']}")
        try:
            st = game.start(2)
            game.run(f"{QA}.set(__game.game, __game.game.world, {{ready: false, x: {FREE[0]}, y: {FREE[1]}, "
                     "vx: 0, vy: 0})")
            game.step(1)
            v = game.js(f"{QA}.view(__game.game, __game.game.world)")
        except HeadlessError as exc:
            return False, f"the game threw: {exc}"
        if st["level"] != 2 or v["vy"] != int(b["gravity"]) * pinball.SUB or v["target"] != int(b["target"]):
            return False, f"table 2 plays with gravity {v['vy'] // pinball.SUB} and target {v['target']}, not its own"
        return True, (f"table 2 is steeper (gravity {a['gravity']} -> {b['gravity']}) and asks for more "
                      f"({a['target']} -> {b['target']} points)")

    return Keypoint("table_harder", "Later tables are steeper and ask for more points", check)


# ---- rules agreement ---------------------------------------------------------------------------------

_RECORDER = recorder_js("v.f, G.lives, G.status, v.x, v.y, v.vx, v.vy, v.ready, v.pull, v.ang[0], v.ang[1], "
                        "__qa.mask(v.up), v.resetIn, v.score, v.hits.bumper, v.hits.target",
                        KEYS)

_FIELDS = ("frame", "lives", "status", "ball x", "ball y", "ball vx", "ball vy", "on the plunger", "pull",
           "left flipper", "right flipper", "targets standing", "bank reset", "points", "bumper hits", "target hits")


def _script(rng: random.Random, frames: int) -> list[list[str]]:
    """Which keys are down each frame: a plunger pull first, then flippers held a while (now and then
    both), now and then Space (a pull, when the ball is back on the plunger)."""
    downs: list[list[str]] = [["action"]] * rng.randint(3, 30)
    while len(downs) < frames:
        r = rng.random()
        if r < 0.7:
            keys = [rng.choice(("left", "right"))] if rng.random() < 0.85 else ["left", "right"]
            downs.extend([keys] * rng.randint(1, 30))
        elif r < 0.85:
            downs.extend([["action"]] * rng.randint(1, 30))
        downs.extend([[]] * rng.randint(1, 40))
    return downs[:frames]


def _py_row(sim: pinball.PinballSim) -> list[Any]:
    b = sim.ball
    mask = sum(1 << i for i, u in enumerate(sim.up) if u)
    return [sim.f, sim.lives, sim.status, b[0], b[1], b[2], b[3], sim.ready, sim.pull, sim.ang[0], sim.ang[1],
            mask, sim.reset_in, sim.score, sim.hits["bumper"], sim.hits["target"]]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A random flipper and plunger script played on ``level`` in the real arcade.js and in
    ``pinball.PinballSim``, compared after every frame (the ball, the plunger, both flippers, the
    targets, the points, the hits, lives, status); None when they agree to the end, else the first
    difference."""
    downs = _script(rng, before_time_limit(game, AGREE_FRAMES))
    return frames_agree(game, level, downs, _RECORDER, lambda lives: pinball.PinballSim(level, config, lives),
                        lambda sim, held, new: sim.step(frozenset(held)), _py_row, _FIELDS, what="table", lives="balls")
