"""Query for the arcade family's jetpack flyer "jetpack": the bot and the keypoints on the real JS.

The bot replays the solver's proof (``jetpack.solve``: the stretches of world frames the button is held)
in the REAL game, holding Space on exactly those frames of the world's own clock: the rules are integer
arithmetic in both copies, so the course is flown as the search flew it.

Each keypoint puts the hero somewhere on the build's own level 1 (``qa.set``: y, vy, how far the course
has scrolled, the pause), steps the real game and reads it back; the places come from the level, so each
check shows one rule whatever the GDD's numbers.
"""

from __future__ import annotations

import random
from typing import Any, Callable

from maestro.genres.arcade import jetpack
from maestro.genres.arcade.agree import AGREE_FRAMES, frames_agree, recorder_js
from maestro.genres.arcade.jetpack import (COIN, FLOOR, HERO_H, HERO_X, LASER, MISSILE, MISSILE_H, START_Y, THRUST, TOP,
                                           U, ZAPPER)
from maestro.genres.arcade.probe import load as probe_load
from maestro.genres.arcade.probe import put, run
from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, Presses, before_time_limit, checked, fail_if,
                                     replay_level_one, spec_mechanics)

SETTLE_FRAMES = 240  # past the proof: the 1.5 s "Level complete!" transition is 90 frames

# What the bot reads of the world once level 1 is over (or the frames ran out).
_REPORT = "function (w) { return {f: w && w.f, sx: w && w.sx}; }"


def _held(thrust: list[list[int]]) -> list[list[str]]:
    """The proof's stretches ([first frame, frames]) of Space held, as the keys down on each frame."""
    on = {int(r[0]) + i for r in thrust for i in range(int(r[1]))}
    return [["action"] if f in on else [] for f in range(max(on) + 1 if on else 0)]


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any],
                   install: Callable[[HeadlessGame], None]) -> BotResult:
    """Hold Space on the proof's frames of level 1; won when level 2 starts or the game is won."""
    proof = jetpack.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way through level 1's obstacles")
    thrust = proof["thrust"]
    return replay_level_one(
        game, install, Presses(hold=_held(thrust)), int(proof["frames"]) + SETTLE_FRAMES,
        report=_REPORT, steps=len(thrust),
        won=lambda out: f"level 1: flew past all {proof['obstacles']} obstacles to the end without a hit "
                        f"({proof['coins']} coins)",
        lost=lambda out: f"the solver's {len(thrust)} thrusts were held but level 1 wasn't won: the game is "
                         f"{out['state']['status']!r} at frame {out['f']}, {out['sx']} units along")


# ---- keypoints -----------------------------------------------------------------------------------


def _mid(top: int, h: int) -> int:
    """The hero's y for its middle at the middle of a band, kept inside the field."""
    return max(TOP, min(START_Y, top + h // 2 - HERO_H // 2))


_WHAT = {ZAPPER: ("zapper_hits", "zapper"), MISSILE: ("missile_hits", "missile"), LASER: ("laser_hits", "laser")}


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]],
              install: Callable[[HeadlessGame], None]) -> list[Keypoint]:
    level = levels[0]
    mech = spec_mechanics(spec)
    hero = config.get("hero_name") or "hero"
    coin = config.get("coin_name") or "Coin"
    speed, length = int(level["speed"]), int(level["length"])
    kinds = config.get("obstacle_kinds") or []

    def guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
        return checked(fn, install)

    def load(game: HeadlessGame) -> dict[str, Any]:
        return probe_load(game, level)

    @guard
    def thrust_rises(game: HeadlessGame) -> str:
        load(game)
        mid = (TOP + FLOOR) // 2
        put(game, ready=0, y=mid, vy=0, sx=0)
        v = run(game, 10)["view"]
        fail_if(v["y"] <= mid or v["vy"] <= 0, f"with the button up the {hero} didn't fall (y {v['y']}, vy {v['vy']})")
        y0, vy0 = v["y"], v["vy"]
        v = run(game, 1, ("action",))["view"]
        fail_if(v["vy"] != max(vy0 - THRUST, -jetpack.MAX_UP), f"Space didn't thrust (vy {vy0} -> {v['vy']})")
        v = run(game, 20, ("action",))["view"]
        fail_if(v["y"] >= y0 or v["vy"] >= 0, f"holding Space didn't fly the {hero} up (y {y0} -> {v['y']})")
        y1 = v["y"]
        v = run(game, 20, ("up",))["view"]
        fail_if(v["y"] >= y1, "holding Up didn't fly up")
        v = run(game, 200)["view"]
        fail_if(v["y"] != START_Y or v["vy"] != 0, f"let go, the {hero} didn't come down to run on the floor")
        return f"gravity pulled the {hero} down, holding Space / Up flew it up ({y0 - y1} units), let go it landed on the floor"

    out = [Keypoint("ball_bounces", f"The {hero} runs on by itself; holding the button flies it up, letting go falls",
                    thrust_rises)]

    def hit_check(o: list[int], name: str) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
        kind = o[0]
        if kind == LASER:
            sx_after, y = o[1] + speed, _mid(o[3], o[4])
        elif kind == MISSILE:
            sx_after, y = (o[1] - HERO_X) // 2, _mid(o[2], MISSILE_H)
        else:
            sx_after, y = o[1] - HERO_X, _mid(o[2], o[4])

        @guard
        def check(game: HeadlessGame) -> str:
            load(game)
            lives0 = game.state()["lives"]
            put(game, ready=0, y=y, vy=-jetpack.GRAVITY, sx=sx_after - speed)
            r = run(game, 1)
            st, v = r["state"], r["view"]
            fail_if(st["lives"] != lives0 - 1, f"the {hero} flew into a {name} but lives went {lives0} -> {st['lives']}")
            fail_if(lives0 > 1 and (v["sx"] != 0 or v["ready"] <= 0), "after the hit the run didn't start again")
            return f"a {name} cost a life and the run started again"

        return check

    for kind in (ZAPPER, MISSILE, LASER):
        o = next((ob for ob in level["obstacles"] if ob[0] == kind), None)
        if o is None:
            continue
        k = kinds[o[5]] if o[5] < len(kinds) else {}
        name = str(k.get("name") or _WHAT[kind][1])
        slug = k.get("slug") or None
        out.append(Keypoint(_WHAT[kind][0], f"Touching a {name} ({_WHAT[kind][1]}) costs a life", hit_check(o, name),
                            slug or ("lives" if "lives" in mech and kind == ZAPPER else None)))

    def clean_coin() -> list[int] | None:
        """A coin the rules take with nothing hitting the hero on that frame."""
        for c in level.get("coins") or []:
            sim = jetpack.JetpackSim(level, config)
            sim.ready, sim.y, sim.vy, sim.sx = 0, _mid(c[1], COIN), -jetpack.GRAVITY, c[0] - HERO_X - speed
            sim.step()
            if sim.lost == 0 and len(sim.taken) == 1:
                return [int(c[0]), int(c[1])]
        return None

    picked = clean_coin()
    if picked is not None:
        cx, cy = picked

        @guard
        def coin_scores(game: HeadlessGame) -> str:
            load(game)
            score0 = game.state()["score"]
            put(game, ready=0, y=_mid(cy, COIN), vy=-jetpack.GRAVITY,
                sx=cx - HERO_X - speed)
            r = run(game, 1)
            fail_if(r["view"]["taken"] != 1, f"the {hero} flew through a {coin} but didn't take it")
            fail_if(r["state"]["score"] <= score0, f"taking a {coin} scored nothing")
            return f"flying through a {coin} took it and scored {r['state']['score'] - score0}"

        out.append(Keypoint("coin_collects", f"Flying through a {coin} takes it and scores", coin_scores,
                            config.get("coin_slug") or ("score" if "score" in mech else None)))

    @guard
    def course_wins(game: HeadlessGame) -> str:
        load(game)
        put(game, ready=0, y=START_Y, vy=0, sx=length - 2 * speed)
        st = run(game, 4)["state"]
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), "the course's end was reached but the level isn't won")
        return f"reaching the end of the course ({length // U} px) won the level"

    out.append(Keypoint("course_wins", f"Reaching the end of the course ({length // U // 10} m) wins the level",
                        course_wins))

    @guard
    def press_flies(game: HeadlessGame) -> str:
        v0 = load(game)
        fail_if(v0["ready"] <= 0, "the run doesn't wait for the first press")
        game.run("Maestro.genres.arcade.qa.pointer(__game.game, __game.game.world, 240, 140, true)")
        v = run(game, 1)["view"]
        game.run("Maestro.genres.arcade.qa.release()")
        fail_if(v["vy"] != -THRUST or v["ready"] != 0, f"a press didn't fire the jetpack (vy {v['vy']}, ready {v['ready']})")
        return "a press (finger or mouse) fired the jetpack and started the run"

    out.append(Keypoint("pointer_plays", "A press (finger or mouse) flies, like Space", press_flies))
    if len(levels) > 1:
        out.append(_harder(levels))
    return out


def _harder(levels: list[dict[str, Any]]) -> Keypoint:
    a, b = levels[0], levels[1]

    def check(game: HeadlessGame) -> tuple[bool | None, str]:
        if not (int(b["speed"]) >= int(a["speed"]) and len(b["obstacles"]) > len(a["obstacles"])):
            return False, (f"level 2 is not harder: speed {a['speed']} -> {b['speed']}, "
                           f"{len(a['obstacles'])} -> {len(b['obstacles'])} obstacles")
        try:
            st = game.start(2)
            game.run("Maestro.genres.arcade.qa.set(__game.game, __game.game.world, {ready: 0})")
            game.step(1)
            v = game.js("Maestro.genres.arcade.qa.view(__game.game, __game.game.world)")
        except HeadlessError as exc:
            return False, f"the game threw: {exc}"
        if st["level"] != 2 or v["sx"] != int(b["speed"]):
            return False, f"level 2 scrolled {v['sx']} units in a frame, not its {b['speed']}"
        return True, (f"level 2 scrolls faster ({a['speed']} -> {b['speed']} units a frame) past more obstacles "
                      f"({len(a['obstacles'])} -> {len(b['obstacles'])})")

    return Keypoint("course_harder", "Later courses scroll faster past more obstacles", check)


# ---- rules agreement ---------------------------------------------------------------------------------

_RECORDER = recorder_js("v.f, G.lives, G.status, v.y, v.vy, v.sx, v.ready, v.taken, G.score - score0",
                        ("action", "up"))

_FIELDS = ("frame", "lives", "status", "y", "vy", "scrolled", "ready", "coins taken", "score")


def _script(rng: random.Random, frames: int) -> list[list[str]]:
    """Which keys are down each frame: Space (now and then Up) held for a while, then let go."""
    downs: list[list[str]] = []
    while len(downs) < frames:
        key = "action" if rng.random() < 0.8 else "up"
        downs.extend([[key]] * rng.randint(1, 30))
        downs.extend([[]] * rng.randint(1, 35))
    return downs[:frames]


def _py_row(sim: jetpack.JetpackSim) -> list[Any]:
    return [sim.f, sim.lives, sim.status, sim.y, sim.vy, sim.sx, sim.ready, len(sim.taken), sim.score]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A random thrust script played on ``level`` in the real jetpack.js and in ``jetpack.JetpackSim``,
    compared after every frame (lives, status, y, vy, the scroll, the pause, the coins, the score); None
    when they agree to the end, else the first difference."""
    downs = _script(rng, before_time_limit(game, AGREE_FRAMES))
    return frames_agree(game, level, downs, _RECORDER, lambda lives: jetpack.JetpackSim(level, config, lives),
                        lambda sim, held, new: sim.step(held), _py_row, _FIELDS)
