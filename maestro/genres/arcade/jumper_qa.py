"""Query for the arcade family's vertical jumper "jumper": the bot and the keypoints on the real JS.

The bot replays the solver's proof (``jumper.solve``: the key held on each world frame) in the REAL
game, holding Left / Right on exactly those frames of the world's own clock: the rules are integer
arithmetic in both copies, so the climb is made as the search made it.

Each keypoint puts the hero somewhere on the build's own level 1 (``qa.set``: x, height, vy, the view's
bottom, the pause), steps the real game and reads it back; the places come from the level, so each check
shows one rule whatever the GDD's numbers.
"""

from __future__ import annotations

import random
from typing import Any, Callable

from maestro.genres.arcade import jumper
from maestro.genres.arcade.agree import AGREE_FRAMES, frames_agree, recorder_js
from maestro.genres.arcade.jumper import BREAKING, ENEMY, JUMP_V, MOVE, MOVING, PLAT_W, RUN, SOLID, SPRING, SPRING_V, U, W
from maestro.genres.arcade.probe import load as probe_load
from maestro.genres.arcade.probe import put, run
from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, Presses, before_time_limit, checked, fail_if,
                                     held_runs, replay_level_one, spec_mechanics)

SETTLE_FRAMES = 240  # past the proof: the 1.5 s "Level complete!" transition is 90 frames

# What the bot reads of the world once level 1 is over (or the frames ran out).
_REPORT = "function (w) { return {f: w && w.f, h: w && w.h}; }"


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any],
                   install: Callable[[HeadlessGame], None]) -> BotResult:
    """Hold the proof's keys on their frames of level 1; won when level 2 starts or the game is won."""
    proof = jumper.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way up level 1's platforms")
    runs = proof["runs"]
    return replay_level_one(
        game, install, Presses(hold=held_runs(runs)), int(proof["frames"]) + SETTLE_FRAMES,
        report=_REPORT, steps=len(runs),
        won=lambda out: f"level 1: climbed {proof['height']} px to the finish without a fall",
        lost=lambda out: f"the solver's {len(runs)} key runs were played but level 1 wasn't won: the game "
                         f"is {out['state']['status']!r} at frame {out['f']} at height {out['h']}")


# ---- keypoints -----------------------------------------------------------------------------------


def _clear_x(level: dict[str, Any], lo: int, hi: int) -> int:
    """A column where no enemy hovers between heights ``lo`` and ``hi``."""
    for x in range(W // 2, W + W // 2, 8 * U):
        x %= W
        if not any(jumper.overlaps(x, e[0], ENEMY + 8 * U) and lo < e[1] + ENEMY and hi > e[1]
                   for e in level.get("enemies") or []):
            return x
    return W // 2


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]],
              install: Callable[[HeadlessGame], None]) -> list[Keypoint]:
    level = levels[0]
    mech = spec_mechanics(spec)
    hero = config.get("hero_name") or "hero"
    plats, finish = level["platforms"], int(level["finish"])
    kinds = [p[2] for p in plats]

    def guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
        return checked(fn, install)

    def load(game: HeadlessGame) -> dict[str, Any]:
        return probe_load(game, level)

    def drop_on(game: HeadlessGame, i: int, x: int | None = None, land_f: int = 0) -> list[dict[str, Any]]:
        """The hero let fall from 20 px above platform i, over its middle where it is on the frame it
        comes down to it (``land_f``; or over ``x``), frame by frame until it has crossed the
        platform's top; the views of those frames."""
        p = plats[i]
        n = jumper._descent_frames(p[1] + 20 * U, 0, p[1]) or 1
        load(game)
        x = jumper.plat_x(p, land_f) + PLAT_W // 2 if x is None else x
        put(game, ready=0, x=x % W, h=p[1] + 20 * U, vy=0, cam=max(0, p[1] - 60 * U), f=max(0, land_f - (n - 1)))
        views = []
        for _ in range(20):
            v = run(game, 1)["view"]
            views.append(v)
            if v["vy"] > 0 or i in v["broken"] or v["h"] < p[1] - 40 * U:
                break
        return views

    def first(kind: int) -> int | None:
        return next((i for i, k in enumerate(kinds) if k == kind), None)

    @guard
    def bounces(game: HeadlessGame) -> str:
        i = first(SOLID)
        fail_if(i is None, "the course has no plain platform")
        assert i is not None
        v = drop_on(game, i)[-1]
        fail_if(v["vy"] != JUMP_V or v["h"] != plats[i][1],
                f"the {hero} fell onto a platform but didn't bounce (height {v['h']}, vy {v['vy']})")
        v = run(game, 10)["view"]
        fail_if(v["h"] <= plats[i][1], f"after the bounce the {hero} didn't rise")
        return f"falling onto a platform bounced the {hero} up by itself (vy {JUMP_V}), no key pressed"

    out = [Keypoint("ball_bounces", f"The {hero} bounces by itself on every platform it lands on", bounces)]

    @guard
    def steer_wraps(game: HeadlessGame) -> str:
        load(game)
        x = _clear_x(level, 0, 120 * U)
        put(game, ready=0, x=x, h=50 * U, vy=60, cam=0)
        v = run(game, 3, ("right",))["view"]
        fail_if(v["x"] != (x + 3 * RUN) % W, f"Right didn't steer the {hero} ({x} -> {v['x']})")
        put(game, x=2 * U, h=50 * U, vy=60)
        v = run(game, 2, ("left",))["view"]
        fail_if(v["x"] != (2 * U - 2 * RUN) % W, f"out on the left the {hero} didn't come in on the right (x {v['x']})")
        return f"Left / Right steered the {hero}, and out of the left side it came in on the right"

    out.append(Keypoint("steer_wraps", f"Left / Right steer the {hero}; the sides wrap", steer_wraps))

    @guard
    def view_rises(game: HeadlessGame) -> str:
        load(game)
        x = _clear_x(level, 150 * U, 260 * U)
        put(game, ready=0, x=x, h=200 * U, vy=90, cam=0)
        v1 = run(game, 1)["view"]
        fail_if(v1["cam"] <= 0, f"the {hero} rose high but the view didn't follow (bottom {v1['cam']})")
        v2 = run(game, 40)["view"]
        fail_if(v2["cam"] < v1["cam"], "the view went back down")
        return f"the view rose with the {hero} ({v1['cam'] // U} px -> {v2['cam'] // U} px) and never fell back"

    out.append(Keypoint("view_rises", "The screen scrolls up as the hero climbs, never down", view_rises))

    @guard
    def fall_costs_life(game: HeadlessGame) -> str:
        load(game)
        lives0 = game.state()["lives"]
        put(game, ready=0, x=W // 2, h=finish + 100 * U, vy=0, cam=finish + 300 * U)
        r = run(game, 1)
        st, v = r["state"], r["view"]
        fail_if(st["lives"] != lives0 - 1, f"the {hero} fell off the bottom but lives went {lives0} -> {st['lives']}")
        fail_if(lives0 > 1 and (v["h"] != 0 or v["cam"] != 0 or v["ready"] <= 0), "after the fall the climb didn't start again")
        return f"falling off the bottom cost a life ({lives0} -> {st['lives']}) and the climb started again from the floor"

    out.append(Keypoint("fall_costs_life", "Falling off the bottom of the screen costs a life", fall_costs_life,
                        "lives" if "lives" in mech else None))

    @guard
    def height_wins(game: HeadlessGame) -> str:
        load(game)
        score0 = game.state()["score"]
        x = _clear_x(level, finish - 40 * U, finish + 40 * U)
        put(game, ready=0, x=x, h=finish - 4 * U, vy=60, cam=finish - 100 * U)
        st = run(game, 3)["state"]
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), "the finish height was reached but the level isn't won")
        fail_if(st["score"] <= score0, "climbing scored nothing")
        return f"reaching the finish ({finish // U} px up) won the level; the height scored {st['score'] - score0}"

    out.append(Keypoint("height_wins", f"Climbing to the finish ({finish // U // 10} m) wins; the height scores",
                        height_wins, "score" if "score" in mech else None))

    if first(BREAKING) is not None:
        @guard
        def breaks(game: HeadlessGame) -> str:
            i = first(BREAKING)
            assert i is not None
            views = drop_on(game, i)
            v = views[-1]
            fail_if(i not in v["broken"], f"the {hero} fell onto a breaking platform but it didn't break")
            fail_if(v["vy"] > 0, "a breaking platform bounced the hero")
            return f"a breaking platform broke under the {hero}, who fell on through it"

        out.append(Keypoint("platform_breaks", "Breaking platforms break when landed on: no bounce", breaks))

    if first(MOVING) is not None:
        @guard
        def moves(game: HeadlessGame) -> str:
            i = first(MOVING)
            assert i is not None
            p = plats[i]
            far = p[3] // MOVE  # the frame it is furthest from where it starts
            v = drop_on(game, i, land_f=far)[-1]
            fail_if(v["vy"] != JUMP_V, f"the {hero} fell onto a moving platform where it had glided to but didn't bounce")
            v = drop_on(game, i, x=p[0] + PLAT_W // 2, land_f=far)[-1]
            fail_if(v["vy"] > 0, f"the {hero} bounced where the moving platform starts though it had glided away")
            return (f"a moving platform glided {p[3] // U} px from where it starts and caught the {hero} there, "
                    "not where it had been")

        out.append(Keypoint("platform_moves", "Moving platforms glide to and fro and catch the hero where they are",
                            moves))

    if first(SPRING) is not None:
        @guard
        def spring(game: HeadlessGame) -> str:
            i = first(SPRING)
            assert i is not None
            v = drop_on(game, i)[-1]
            fail_if(v["vy"] != SPRING_V, f"landing on a spring gave vy {v['vy']}, not {SPRING_V}")
            return f"a spring launched the {hero} at {SPRING_V} (a plain bounce is {JUMP_V})"

        out.append(Keypoint("spring_launches", "A spring launches the hero far higher than a bounce", spring))

    enemies = level.get("enemies") or []
    if enemies:
        ekinds = config.get("enemy_kinds") or []
        e = enemies[0]
        name = config.get("enemy_name") or "Monster"

        @guard
        def enemy_hits(game: HeadlessGame) -> str:
            load(game)
            lives0 = game.state()["lives"]
            put(game, ready=0, x=(e[0] + ENEMY // 2) % W, h=e[1] + 2 * U, vy=20, cam=max(0, e[1] - 60 * U))
            st = run(game, 1)["state"]
            fail_if(st["lives"] != lives0 - 1, f"the {hero} ran into a {name} but lives went {lives0} -> {st['lives']}")
            return f"touching a {name} cost a life"

        slug = ekinds[e[2]]["slug"] if e[2] < len(ekinds) else None
        out.append(Keypoint("enemy_costs_life", f"Touching a {name} costs a life", enemy_hits, slug or None))

    @guard
    def pointer_steers(game: HeadlessGame) -> str:
        load(game)
        x = _clear_x(level, 0, 120 * U)
        put(game, ready=0, x=x, h=50 * U, vy=60, cam=0)
        game.run("Maestro.genres.arcade.qa.pointer(__game.game, __game.game.world, 400, 140, true)")
        v = run(game, 2)["view"]
        game.run("Maestro.genres.arcade.qa.pointer(__game.game, __game.game.world, 60, 140, true)")
        v2 = run(game, 4)["view"]
        game.run("Maestro.genres.arcade.qa.release()")
        fail_if(v["x"] != (x + 2 * RUN) % W, f"a finger on the right half didn't steer right (x {x} -> {v['x']})")
        fail_if(v2["x"] != (v["x"] - 4 * RUN) % W, "a finger on the left half didn't steer left")
        return "a finger (or the mouse) on either half of the screen steered that way"

    out.append(Keypoint("pointer_plays", "A finger or the mouse on either half of the screen steers", pointer_steers))
    if len(levels) > 1:
        out.append(_harder(levels))
    return out


def _harder(levels: list[dict[str, Any]]) -> Keypoint:
    a, b = levels[0], levels[1]

    def check(game: HeadlessGame) -> tuple[bool | None, str]:
        if int(b["finish"]) <= int(a["finish"]):
            return False, f"level 2 is not higher: finish {a['finish']} -> {b['finish']}"
        try:
            st = game.start(2)
            v = game.js("Maestro.genres.arcade.qa.view(__game.game, __game.game.world)")
        except HeadlessError as exc:
            return False, f"the game threw: {exc}"
        if st["level"] != 2 or v["finish"] != int(b["finish"]):
            return False, f"level 2 plays to {v['finish']} units, not its {b['finish']}"
        moving = [sum(1 for p in lv["platforms"] if p[2] == MOVING) for lv in (a, b)]
        return True, (f"level 2 climbs higher ({int(a['finish']) // U} -> {int(b['finish']) // U} px), with "
                      f"{moving[0]} -> {moving[1]} moving platforms")

    return Keypoint("course_harder", "Later climbs are higher, with wider gaps and more moving platforms", check)


# ---- rules agreement ---------------------------------------------------------------------------------

_RECORDER = recorder_js("v.f, G.lives, G.status, v.x, v.h, v.vy, v.cam, v.ready, v.best, G.score - score0, v.broken",
                        ("left", "right"))

_FIELDS = ("frame", "lives", "status", "x", "height", "vy", "view bottom", "ready", "best height", "score", "broken")


def _script(rng: random.Random, frames: int) -> list[list[str]]:
    """Which keys are down each frame: Left or Right held for a while, now and then none."""
    downs: list[list[str]] = []
    while len(downs) < frames:
        downs.extend([[rng.choice(("left", "right"))]] * rng.randint(1, 40))
        downs.extend([[]] * rng.randint(0, 30))
    return downs[:frames]


def _py_row(sim: jumper.JumperSim) -> list[Any]:
    return [sim.f, sim.lives, sim.status, sim.x, sim.h, sim.vy, sim.cam, sim.ready, sim.best, sim.score,
            sorted(sim.broken)]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A random steering script played on ``level`` in the real jumper.js and in ``jumper.JumperSim``,
    compared after every frame (lives, status, x, height, vy, the view, the pause, the best height, the
    score, the broken platforms); None when they agree to the end, else the first difference."""
    downs = _script(rng, before_time_limit(game, AGREE_FRAMES))
    return frames_agree(game, level, downs, _RECORDER, lambda lives: jumper.JumperSim(level, config, lives),
                        lambda sim, held, new: sim.step(held), _py_row, _FIELDS)
