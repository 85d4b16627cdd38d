"""Query for the arcade family's one-button mode "flappy": the bot and the keypoints on the real JS.

The bot replays the solver's proof (``flappy.solve``: the world frames a flap is pressed on) in the
REAL game, pressing Space on exactly those frames of the world's own clock: the rules are integer
arithmetic in both copies, so the course is flown as the search flew it.

Each keypoint puts the flyer somewhere on the build's own level 1 (``qa.set``: y, vy, how far the
course has scrolled, the next gap, the ready pause), steps the real game and reads it back; the
positions come from the level, so each check shows one rule whatever the GDD's numbers.
"""

from __future__ import annotations

import random
from typing import Any, Callable

from maestro.genres.arcade import flappy
from maestro.genres.arcade.agree import AGREE_FRAMES, frames_agree, recorder_js
from maestro.genres.arcade.flappy import BIRD, BIRD_X, FLAP_V, GROUND, PIPE_W, START_Y
from maestro.genres.arcade.probe import load as probe_load
from maestro.genres.arcade.probe import put, run
from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, Presses, before_time_limit, checked, fail_if,
                                     replay_level_one, spec_mechanics)

SETTLE_FRAMES = 240  # past the proof: the 1.5 s "Level complete!" transition is 90 frames

# What the bot reads of the world once level 1 is over (or the frames ran out).
_REPORT = "function (w) { return {f: w && w.f, nxt: w && w.nxt}; }"


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any],
                   install: Callable[[HeadlessGame], None]) -> BotResult:
    """Press Space on the proof's frames of level 1; won when level 2 starts or the game is won."""
    proof = flappy.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way through level 1's gaps")
    flaps = proof["flaps"]
    return replay_level_one(
        game, install, Presses(taps={int(f): ["action"] for f in flaps}), int(proof["frames"]) + SETTLE_FRAMES,
        report=_REPORT, steps=len(flaps),
        won=lambda out: f"level 1: flew through all {proof['gaps']} gaps with {len(flaps)} flaps without a crash",
        lost=lambda out: f"the solver's {len(flaps)} flaps were pressed but level 1 wasn't won: the game is "
                         f"{out['state']['status']!r} at frame {out['f']} after {out['nxt']} gaps")


# ---- keypoints -----------------------------------------------------------------------------------


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]],
              install: Callable[[HeadlessGame], None]) -> list[Keypoint]:
    level = levels[0]
    mech = spec_mechanics(spec)
    flyer = config.get("flyer_name") or "flyer"
    pipe = config.get("obstacle_name") or "Pipe"
    pipes, gap, speed = level["pipes"], int(level["gap"]), int(level["speed"])
    first_x, first_top = int(pipes[0][0]), int(pipes[0][1])

    def guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
        return checked(fn, install)

    def load(game: HeadlessGame) -> dict[str, Any]:
        return probe_load(game, level)

    # Where the course must have scrolled for the flyer's left edge to be `dx` units past pipe 0's.
    def at_pipe(dx: int) -> int:
        return first_x + dx - BIRD_X

    @guard
    def flies(game: HeadlessGame) -> str:
        load(game)
        put(game, ready=0, y=START_Y, vy=0)
        v = run(game, 10)["view"]
        fail_if(v["y"] <= START_Y or v["vy"] <= 0, f"with no flap the {flyer} didn't fall (y {v['y']}, vy {v['vy']})")
        y0 = v["y"]
        v = run(game, 1, ("action",))["view"]
        fail_if(v["vy"] != FLAP_V, f"Space didn't flap (vy {v['vy']}, a flap is {FLAP_V})")
        v = run(game, 8)["view"]
        fail_if(v["y"] >= y0, f"after a flap the {flyer} didn't climb (y {y0} -> {v['y']})")
        v = run(game, 1, ("up",))["view"]
        fail_if(v["vy"] != FLAP_V, "Up didn't flap")
        return f"gravity pulled the {flyer} down and one button flapped it up ({y0 - v['y']} units climbed)"

    out = [Keypoint("ball_bounces", f"Gravity pulls the {flyer} down and the one button (Space / Up) flaps it up",
                    flies)]

    @guard
    def gap_scores(game: HeadlessGame) -> str:
        load(game)
        score0 = game.state()["score"]
        put(game, ready=0, y=first_top + gap // 2 - BIRD // 2, vy=0, sx=at_pipe(PIPE_W - speed // 2 - 1), nxt=0)
        r = run(game, 2)
        fail_if(r["view"]["nxt"] != 1, f"the {flyer} flew through the first gap but it wasn't passed ({r['view']['nxt']})")
        fail_if(r["state"]["score"] <= score0, "passing a gap scored nothing")
        return f"flying through a gap passed it and scored {r['state']['score'] - score0}"

    out.append(Keypoint("gap_scores", f"Flying through a gap between the {pipe}s scores", gap_scores,
                        "score" if "score" in mech else None))

    @guard
    def crash_costs_life(game: HeadlessGame) -> str:
        load(game)
        lives0 = game.state()["lives"]
        put(game, ready=0, y=max(flappy.TOP, first_top - BIRD - 4 * 16), vy=0, sx=at_pipe(PIPE_W // 2), nxt=0)
        r = run(game, 1)
        st, v = r["state"], r["view"]
        fail_if(st["lives"] != lives0 - 1, f"the {flyer} flew into a {pipe} but lives went {lives0} -> {st['lives']}")
        fail_if(lives0 > 1 and (v["sx"] != 0 or v["ready"] <= 0), "after the crash the course didn't start again")
        load(game)
        lives1 = game.state()["lives"]
        put(game, ready=0, y=GROUND - BIRD - 2, vy=60, sx=0, nxt=0)
        st = run(game, 2)["state"]
        fail_if(st["lives"] != lives1 - 1, f"the {flyer} hit the ground but lives went {lives1} -> {st['lives']}")
        return f"a {pipe} and the ground each cost a life, and the course started again"

    out.append(Keypoint("crash_costs_life", f"Hitting a {pipe} or the ground costs a life", crash_costs_life,
                        "lives" if "lives" in mech else ((config.get("obstacles") or [{}])[0].get("slug"))))

    @guard
    def course_wins(game: HeadlessGame) -> str:
        load(game)
        last = len(pipes) - 1
        lx, ltop = int(pipes[last][0]), int(pipes[last][1])
        put(game, ready=0, y=ltop + gap // 2 - BIRD // 2, vy=0, sx=lx + PIPE_W - speed // 2 - 1 - BIRD_X, nxt=last)
        st = run(game, 3)["state"]
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), "the last gap was passed but the level isn't won")
        return f"passing the last of {len(pipes)} gaps won the level"

    out.append(Keypoint("course_wins", f"Passing all {len(pipes)} gaps of the course wins the level", course_wins))

    @guard
    def tap_flaps(game: HeadlessGame) -> str:
        v0 = load(game)
        fail_if(v0["ready"] <= 0, "the course doesn't wait for the first flap")
        game.run("Maestro.genres.arcade.qa.pointer(__game.game, __game.game.world, 240, 140, true)")
        v = run(game, 1)["view"]
        game.run("Maestro.genres.arcade.qa.release()")
        fail_if(v["vy"] != FLAP_V or v["ready"] != 0, f"a tap didn't flap (vy {v['vy']}, ready {v['ready']})")
        return "a click / tap flapped and started the course"

    out.append(Keypoint("pointer_plays", "A click or a tap flaps, like Space", tap_flaps))
    if len(levels) > 1:
        out.append(_harder(levels))
    return out


def _harder(levels: list[dict[str, Any]]) -> Keypoint:
    a, b = levels[0], levels[1]

    def check(game: HeadlessGame) -> tuple[bool | None, str]:
        if not (int(b["speed"]) >= int(a["speed"]) and int(b["gap"]) <= int(a["gap"])):
            return False, f"level 2 is not harder: speed {a['speed']} -> {b['speed']}, gap {a['gap']} -> {b['gap']}"
        try:
            st = game.start(2)
            game.run("Maestro.genres.arcade.qa.set(__game.game, __game.game.world, {ready: 0})")
            game.step(1)
            v = game.js("Maestro.genres.arcade.qa.view(__game.game, __game.game.world)")
        except HeadlessError as exc:
            return False, f"the game threw: {exc}"
        if st["level"] != 2 or v["sx"] != int(b["speed"]):
            return False, f"level 2 scrolled {v['sx']} units in a frame, not its {b['speed']}"
        return True, (f"level 2 scrolls faster ({a['speed']} -> {b['speed']} units a frame) through narrower gaps "
                      f"({int(a['gap']) // 16} -> {int(b['gap']) // 16} px)")

    return Keypoint("course_harder", "Later courses scroll faster through narrower gaps", check)


# ---- rules agreement ---------------------------------------------------------------------------------

_RECORDER = recorder_js("v.f, G.lives, G.status, v.y, v.vy, v.sx, v.nxt, v.ready, G.score - score0",
                        ("action", "up"))

_FIELDS = ("frame", "lives", "status", "y", "vy", "scrolled", "gaps passed", "ready", "score")


def _script(rng: random.Random, frames: int) -> list[list[str]]:
    """Which keys are down each frame: a tap (Space or Up, now and then held) every few frames."""
    downs: list[list[str]] = []
    while len(downs) < frames:
        key = "action" if rng.random() < 0.8 else "up"
        downs.extend([[key]] * rng.choice((1, 1, 1, 2, 5)))
        downs.extend([[]] * rng.randint(8, 30))
    return downs[:frames]


def _py_row(sim: flappy.FlappySim) -> list[Any]:
    return [sim.f, sim.lives, sim.status, sim.y, sim.vy, sim.sx, sim.nxt, sim.ready, sim.score]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A random tapping script played on ``level`` in the real arcade.js and in ``flappy.FlappySim``,
    compared after every frame (lives, status, y, vy, the scroll, the gaps passed, the pause, the
    score); None when they agree to the end, else the first difference."""
    downs = _script(rng, before_time_limit(game, AGREE_FRAMES))
    return frames_agree(game, level, downs, _RECORDER, lambda lives: flappy.FlappySim(level, config, lives),
                        lambda sim, held, new: sim.step(held, new), _py_row, _FIELDS)
