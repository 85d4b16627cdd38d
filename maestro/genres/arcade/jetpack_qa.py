"""Query for the arcade family's jetpack flyer "jetpack": the bot and the keypoints on the real JS.

The bot replays the solver's proof (``jetpack.solve``: the stretches of world frames the button is held)
in the REAL game, holding Space on exactly those frames of the world's own clock: the rules are integer
arithmetic in both copies, so the course is flown as the search flew it.

Each keypoint puts the hero somewhere on the build's own level 1 (``qa.set``: y, vy, how far the course
has scrolled, the pause), steps the real game and reads it back; the places come from the level, so each
check shows one rule whatever the GDD's numbers.
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.arcade import jetpack
from maestro.genres.arcade.jetpack import (COIN, FLOOR, HERO_H, HERO_X, LASER, MISSILE, MISSILE_H, START_Y, THRUST, TOP,
                                           U, ZAPPER)
from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessError, HeadlessGame, checked, fail_if

SETTLE_FRAMES = 240  # past the proof: the 1.5 s "Level complete!" transition is 90 frames

_BOT_JS = """(function (thrust, maxFrames) {
  var m = __game, s = m.state(), frames = 0, w, on = {}, cur = false;
  thrust.forEach(function (r) { for (var i = 0; i < r[1]; i++) on[r[0] + i] = true; });
  while (frames < maxFrames && s.level === 1 && s.status === 'playing') {
    w = m.world();
    var want = !!(w && !w.done && on[w.f]);
    if (want !== cur) { m.press('action', want); cur = want; }
    s = m.step(1); frames++;
  }
  if (cur) m.press('action', false);
  w = m.world();
  return {state: s, frames: frames, f: w ? w.f : null, sx: w ? w.sx : null};
})"""


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any],
                   install: Callable[[HeadlessGame], None]) -> BotResult:
    """Hold Space on the proof's frames of level 1; won when level 2 starts or the game is won."""
    proof = jetpack.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way through level 1's obstacles")
    thrust = proof["thrust"]
    try:
        install(game)
        st = game.level_one()
        if st["status"] != "playing":
            return BotResult(False, 0, f"level 1 doesn't start (status {st['status']!r})")
        out = game.js(f"{_BOT_JS}({json.dumps(thrust)}, {int(proof['frames']) + SETTLE_FRAMES})")
    except HeadlessError as exc:
        return BotResult(False, 0, f"the game threw: {exc}")
    end, frames = out["state"], int(out["frames"])
    if end["status"] == "won" or end["level"] >= 2:
        return BotResult(True, frames, f"level 1: flew past all {proof['obstacles']} obstacles to the end without a hit "
                         f"({proof['coins']} coins)", len(thrust))
    why = f" ({end['last_loss']})" if end.get("last_loss") else ""
    return BotResult(False, frames, f"the solver's {len(thrust)} thrusts were held but level 1 wasn't won: the game is "
                     f"{end['status']!r} at frame {out['f']}, {out['sx']} units along{why}", len(thrust))


# ---- keypoints -----------------------------------------------------------------------------------


def _mechanics(spec: dict[str, Any]) -> set[str]:
    return {str(m.get("id")) for m in spec.get("mechanics") or [] if isinstance(m, dict)}


def _mid(top: int, h: int) -> int:
    """The hero's y for its middle at the middle of a band, kept inside the field."""
    return max(TOP, min(START_Y, top + h // 2 - HERO_H // 2))


_WHAT = {ZAPPER: ("zapper_hits", "zapper"), MISSILE: ("missile_hits", "missile"), LASER: ("laser_hits", "laser")}


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]],
              install: Callable[[HeadlessGame], None]) -> list[Keypoint]:
    level = levels[0]
    mech = _mechanics(spec)
    hero = config.get("hero_name") or "hero"
    coin = config.get("coin_name") or "Coin"
    speed, length = int(level["speed"]), int(level["length"])
    kinds = config.get("obstacle_kinds") or []

    def guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
        return checked(fn, install)

    def load(game: HeadlessGame) -> dict[str, Any]:
        view: dict[str, Any] = game.js(f"__ar.load({json.dumps(level)})")
        return view

    def put(game: HeadlessGame, **o: int) -> dict[str, Any]:
        view: dict[str, Any] = game.js(f"__ar.set({json.dumps(o)})")
        return view

    def run(game: HeadlessGame, n: int, keys: tuple[str, ...] = ()) -> dict[str, Any]:
        out: dict[str, Any] = game.js(f"__ar.run({int(n)}, {json.dumps(list(keys))})")
        return out

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

AGREE_FRAMES = 2400

_AGREE_JS = """(function (lv, downs) {
  var QA = Maestro.genres.arcade.qa, acts = ['action', 'up'];
  return __qa.onLevel(lv, function (G) {
    var rows = [], cur = {}, score0 = G.score;
    function row() { var v = QA.view(G, G.world);
      return [v.f, G.lives, G.status, v.y, v.vy, v.sx, v.ready, v.taken, G.score - score0, G.cleared]; }
    var first = row();
    for (var i = 0; i < downs.length; i++) {
      var want = downs[i];
      acts.forEach(function (a) { var on = want.indexOf(a) >= 0; if (on !== !!cur[a]) { __game.press(a, on); cur[a] = on; } });
      __game.step(1);
      rows.push(row());
      if (G.cleared || G.status !== 'playing') break;
    }
    return {first: first, rows: rows};
  });
})"""

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
    frames = AGREE_FRAMES
    limit = game.js("(__game.game.spec && __game.game.spec.time_limit) || 0") or 0
    if limit:  # the runtime's clock is not the genre's rule: stay clear of it
        frames = max(0, min(frames, int(float(limit) * 60) - 5))
    downs = _script(rng, frames)
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(downs)})")
    first, rows = out["first"], out["rows"]
    sim = jetpack.JetpackSim(level, config, first[1])
    if first[:9] != _py_row(sim):
        return f"the level starts differently: {_diff(first, _py_row(sim))}"
    for i, down in enumerate(downs):
        if i >= len(rows):
            return f"the game stopped after {i} frames while the rules play on"
        sim.step(set(down))
        js, py = rows[i], _py_row(sim)
        won_js = bool(js[9]) or js[2] == "won"
        if sim.status == "lost" or js[2] == "lost":
            if (js[1], js[2]) != (py[1], py[2]):
                return f"frame {i + 1}: the game has {js[1]} lives ({js[2]!r}), the rules {py[1]} ({py[2]!r})"
            return None
        if won_js or sim.status == "won":
            if won_js != (sim.status == "won"):
                return f"frame {i + 1}: " + ("the rules win the level here but the game does not" if sim.status == "won"
                                             else "the game wins the level where the rules do not")
            return None
        if js[:9] != py:
            return f"frame {i + 1} (keys {sorted(down)}): {_diff(js, py)}"
    return None


def _diff(js: list[Any], py: list[Any]) -> str:
    for name, a, b in zip(_FIELDS, js, py):
        if a != b:
            return f"{name}: the game has {str(a)[:200]}, the rules {str(b)[:200]}"
    return "they differ"
