"""Query for the racing genre: a bot that races level 1 and keypoint checks on the real JavaScript.

The bot re-runs the Labyrinth solver (``maestro.genres.racing.rules.solve``), whose proof is the keys
a driving controller held on every frame of a won race. The bot holds exactly those keys on exactly
those frames of the REAL game (one V8 call, through ``__game.press`` / ``__game.step`` only): the
physics is integer arithmetic in both copies of the rules, so the car drives the same line and
crosses the finish line on the same frame, ahead of every rival.

Each keypoint loads the build's own level 1 (with its config: its laps, rivals, pickups and names)
changed where a check needs it (no countdown, one lap, a rival about to finish ...), puts the car
where the rule shows through the module's QA hook ``Maestro.genres.racing.qa.place``, holds keys and
reads the race through ``qa.view``. Each also proves the legal move next to the rule happens.
"""

from __future__ import annotations

import copy
import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, Presses, before_time_limit, checked, fail_if,
                                     first_difference, replay_level_one)
from maestro.genres.racing import rules

QA = "Maestro.genres.racing.qa"
SETTLE_FRAMES = 120  # after the finish line: the 1.5 s "Level complete!" transition is 90 frames
HEADING = {(1, 0): 0, (0, 1): 64, (-1, 0): 128, (0, -1): 192}

_JS_HELPERS = """
var __rc = {
  view: function () { var G = __game.game; return G.world ? Maestro.genres.racing.qa.view(G, G.world) : null; },
  load: function (room) { __qa.release(); __game.game.levels[0] = room; __game.start(1); return __rc.view(); },
  place: function (o) { var G = __game.game; return Maestro.genres.racing.qa.place(G, G.world, o); },
  rival: function (k, s, v) { var G = __game.game; return Maestro.genres.racing.qa.rival(G, G.world, k, s, v); },
  // n frames holding the keys of `mask` (1 left, 2 right, 4 up, 8 down); stops early when the race
  // is won, a life is lost or the game ends.
  run: function (n, mask) {
    var keys = ['left', 'right', 'up', 'down'], s = __game.state(), c0 = s.cleared, l0 = s.lives, i;
    keys.forEach(function (k, b) { __game.press(k, !!(mask & (1 << b))); });
    for (i = 0; i < n; i++) {
      s = __game.step(1);
      if (s.status !== 'playing' || s.cleared !== c0 || s.lives !== l0) { i++; break; }
    }
    __qa.release();
    return {state: s, view: __rc.view(), frames: i};
  },
  // Step until the view's field `field` differs from its value now (at most n frames), keys held.
  until: function (n, mask, field) {
    var v0 = JSON.stringify(__rc.view()[field]), out = null;
    for (var i = 0; i < n; i++) { out = __rc.run(1, mask); if (JSON.stringify(out.view[field]) !== v0) break; }
    return out;
  }
};
"""

# What the bot reads of the world once level 1 is over (or the frames ran out).
_REPORT = ("function (w) { return {f: w && w.f, lap: w && w.lap, "
           "rivals: w && w.rivals.map(function (r) { return r.s; })}; }")
_MASK_KEYS = ("left", "right", "up", "down")  # a proof's key mask, bit by bit


def _install(game: HeadlessGame) -> None:
    if not game.js(f"!!(window.Maestro && Maestro.genres.racing && {QA} && {QA}.view)"):
        raise HeadlessError("the racing module has no qa.view hook")
    if not game.js("typeof __rc !== 'undefined'"):
        game.run(_JS_HELPERS)


# ---- the bot -------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Replay the solver's input script for level 1 in the real game; won when level 2 starts or the
    game is won. Bounded: the proof's frames plus the level-complete transition."""
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to win the race of level 1")
    masks = rules.expand(proof["inputs"])
    held = [[k for b, k in enumerate(_MASK_KEYS) if int(mask) & (1 << b)] for mask in masks]
    return replay_level_one(
        game, _install, Presses(hold=held), int(proof["frames"]) + SETTLE_FRAMES,
        report=_REPORT, steps=len(proof["inputs"]),
        won=lambda out: f"won the race of level 1: {proof['laps']} laps in {proof['frames']} frames, "
                        f"{proof['lead_frames']} frames ahead of the nearest rival",
        lost=lambda out: f"the solver's {len(masks)} frames of keys were played but level 1 wasn't won: the "
                         f"game is {out['state']['status']!r} at frame {out['f']} on lap {out['lap']}, rivals at "
                         f"{out['rivals']}")


# ---- keypoint helpers --------------------------------------------------------------------------------


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


def _room(level: dict[str, Any], **changes: Any) -> dict[str, Any]:
    """The build's level 1 with no countdown (and any other change a check needs)."""
    room = copy.deepcopy(level)
    room.update({"countdown": 0, "name": "QA track", "seed": 1, "index": 0})
    room.update(changes)
    return room


def _load(game: HeadlessGame, room: dict[str, Any]) -> dict[str, Any]:
    view: dict[str, Any] = game.js(f"__rc.load({json.dumps(room)})")
    return view


def _run(game: HeadlessGame, n: int, mask: int = 0) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__rc.run({int(n)}, {int(mask)})")
    return out


def _until(game: HeadlessGame, n: int, mask: int, field: str) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__rc.until({int(n)}, {int(mask)}, {json.dumps(field)})")
    return out


def _place(game: HeadlessGame, **o: int) -> dict[str, Any]:
    view: dict[str, Any] = game.js(f"__rc.place({json.dumps(o)})")
    return view


def _centre(cell: tuple[int, int] | list[int]) -> tuple[int, int]:
    return int(cell[0]) * rules.CELL + rules.CELL // 2, int(cell[1]) * rules.CELL + rules.CELL // 2


def _before(level: dict[str, Any], i: int, back: int = 2) -> dict[str, int]:
    """The car ``back`` cells before centre index i, heading along the track there."""
    c = level["center"]
    n = len(c)
    a, b = c[(i - back) % n], c[(i - back + 1) % n]
    x, y = _centre(a)
    return {"x": x, "y": y, "h": HEADING[(b[0] - a[0], b[1] - a[1])]}


def _approach(level: dict[str, Any], cell: list[int] | tuple[int, int]) -> dict[str, int]:
    """The car one cell before ``cell`` (a pickup, pad or hazard on or beside the centre line),
    heading along the track at the nearest centre cell."""
    c = level["center"]
    n = len(c)
    i = min(range(n), key=lambda j: abs(c[j][0] - cell[0]) + abs(c[j][1] - cell[1]))
    dx, dy = c[(i + 1) % n][0] - c[i][0], c[(i + 1) % n][1] - c[i][1]
    x, y = _centre((cell[0] - dx, cell[1] - dy))
    return {"x": x, "y": y, "h": HEADING[(dx, dy)]}


UP = rules.BITS["up"]


# ---- keypoints -------------------------------------------------------------------------------------


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    level = levels[0]
    mech = {str(m.get("id")) for m in spec.get("mechanics") or [] if isinstance(m, dict)}
    out = [
        Keypoint("laps_raced", f"Rivals race the track and the {config['laps']} laps are counted; finishing the last "
                 "lap first wins the race", _laps_raced(level, config)),
        Keypoint("lap_needs_checkpoints", "A lap counts only after every checkpoint has been crossed",
                 _lap_needs_checkpoints(level)),
        Keypoint("rival_first_loses", "A rival finishing the race first loses it", _rival_first_loses(level),
                 "lives" if "lives" in mech else None),
        Keypoint("offroad_slows", "Driving off the road slows the car", _offroad_slows(level, config)),
        Keypoint("position_shown", "The race position is shown and follows the race", _position_shown(level)),
    ]
    if len(level["gates"]) >= 3:
        out.insert(2, Keypoint("checkpoints_in_order", "Checkpoints must be crossed in order",
                               _checkpoints_in_order(level)))
    for k, r in enumerate(level.get("rivals") or []):
        if all(kp.mechanic != r["slug"] for kp in out):
            out.append(Keypoint(f"rival_{r['slug']}", f"{r['name']} races around the track",
                                _rival_races(level, k, r["name"]), r["slug"]))
    out.append(Keypoint("lap_scores", f"Every lap scores {config.get('lap_points', 0)} points",
                        _lap_scores(level, config), "score" if "score" in mech else None))
    if level.get("pickups"):
        out.append(Keypoint("pickup_collected", "A pickup driven over is collected once and leaves the track",
                            _pickup_once(level), "collect" if "collect" in mech else None))
    seen: set[str] = set()
    for p in level.get("pickups") or []:
        if p["slug"] not in seen:
            seen.add(p["slug"])
            out.append(Keypoint(f"pickup_{p['slug']}", f"Driving over a {p['slug']} collects it for {p['points']} points",
                                _pickup(level, p), p["slug"]))
    for z in level.get("hazards") or []:
        if z["slug"] not in seen:
            seen.add(z["slug"])
            out.append(Keypoint(f"hazard_{z['slug']}", f"Driving into a {z['slug']} slows the car",
                                _hazard(level, config, z), z["slug"]))
    if level.get("boosts"):
        out.append(Keypoint("boost_pad", f"A {config.get('boost_name') or 'boost pad'} speeds the car up",
                            _boost(level, config), config.get("boost_slug") or ("powerup" if "powerup" in mech else None)))
    return out


def _laps_raced(level: dict[str, Any], config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        room = _room(level, laps=1)
        rules.calibrate(room, config, 0, 1.0)
        proof = rules.solve(room, config)
        fail_if(proof is None, "the solver finds no way to win a one-lap race on this track")
        assert proof is not None
        masks = rules.expand(proof["inputs"])
        v = _load(game, room)
        s0 = [r[0] for r in v["rivals"]]
        fail_if(v["lap"] != 0, f"the race starts on lap {v['lap'] + 1}")
        f, end = 0, None
        while f < len(masks) + 5:
            n = 1
            while f + n < len(masks) and masks[f + n] == masks[f]:
                n += 1
            end = _run(game, n, masks[f] if f < len(masks) else 0)
            f += n
            off = [k for k, r in enumerate(end["view"]["rivals"]) if not r[2]]
            if off and not end["view"]["done"]:
                raise AssertionError(f"rival {off[0] + 1} left the road at frame {f}")
            if end["state"]["status"] != "playing" or end["state"]["cleared"] >= 1:
                break
        assert end is not None
        st, v = end["state"], end["view"]
        moved = [r[0] - a for r, a in zip(v["rivals"], s0)]
        fail_if(any(m <= 0 for m in moved), f"a rival never moved ({moved} units)")
        fail_if(v["lap"] != 1, f"the car crossed the finish line but the lap counter says {v['lap']}")
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), "the last lap was finished first but the race isn't won")
        return f"every rival raced the track ({min(moved)}+ units); one lap counted and the race won at frame {f}"
    return check


def _lap_needs_checkpoints(level: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        gates = level["gates"]
        _load(game, _room(level, rivals=[]))
        _place(game, next=1, speed=30, **_before(level, 0))
        r = _run(game, 20, UP)
        fail_if(r["view"]["lap"] != 0, "crossing the finish line without the checkpoints counted a lap")
        fail_if(r["view"]["next"] != 1, f"the next checkpoint changed to {r['view']['next']} without crossing it")
        for j in list(range(1, len(gates))) + [0]:
            _place(game, speed=30, **_before(level, gates[j]))
            r = _until(game, 40, UP, "next")
            want = (j + 1) % len(gates)
            fail_if(r["view"]["next"] != want, f"driving through checkpoint {j} didn't count it (next {r['view']['next']})")
            if j:
                fail_if(r["view"]["lap"] != 0, f"a lap was counted at checkpoint {j}")
        fail_if(r["view"]["lap"] != 1, f"after every checkpoint the finish line gave lap {r['view']['lap']}, not 1")
        return f"the finish line alone counted nothing; after all {len(gates) - 1} checkpoints it counted the lap"
    return check


def _checkpoints_in_order(level: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        gates = level["gates"]
        _load(game, _room(level, rivals=[]))
        _place(game, speed=30, **_before(level, gates[2]))
        r = _run(game, 20, UP)
        fail_if(r["view"]["next"] != 1, "checkpoint 2 counted before checkpoint 1")
        _place(game, speed=30, **_before(level, gates[1]))
        r = _until(game, 40, UP, "next")
        fail_if(r["view"]["next"] != 2, "checkpoint 1 didn't count when crossed first")
        _place(game, speed=30, **_before(level, gates[2]))
        r = _until(game, 40, UP, "next")
        fail_if(r["view"]["next"] != 3 % len(gates), "checkpoint 2 didn't count after checkpoint 1")
        return "checkpoint 2 crossed first counted nothing; 1 then 2 counted both"
    return check


def _rival_first_loses(level: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    rival = (level.get("rivals") or [{"name": "A rival"}])[0]

    @_checked
    def check(game: HeadlessGame) -> str:
        fail_if(not level.get("rivals"), "the race has no rivals")
        room = _room(level, laps=1)
        v = _load(game, room)
        lives0 = game.state()["lives"]
        finish = len(room["center"]) * rules.CELL
        speed = int(v["rivals"][0][1])
        game.js(f"__rc.rival(0, {finish - 6 * speed}, {speed})")
        r = _run(game, 3, UP)
        fail_if(r["state"]["lives"] != lives0, "a life was lost before the rival reached the line")
        r = _run(game, 6, UP)
        st = r["state"]
        fail_if(st["lives"] != lives0 - 1 and st["status"] != "lost",
                 f"{rival['name']} finished first but lives went {lives0} -> {st['lives']}")
        fail_if(rival["name"] not in str(st.get("last_loss")), f"the loss says {st.get('last_loss')!r}")
        v = r["view"]
        fail_if(lives0 > 1 and (v["lap"] != 0 or v["done"]), "after the lost race the race didn't start again")
        return f"{rival['name']} finished first: the race was lost ({lives0} -> {st['lives']} lives) and restarted"
    return check


def _offroad_slows(level: dict[str, Any], config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        top, off = int(config["max_speed"]), int(config["off_speed"])
        _load(game, _room(level, rivals=[]))
        # row 0 is never road (the track's edges stay in rows 1..h-2)
        v = _place(game, x=rules.CELL, y=rules.CELL // 2, h=0, speed=top)
        fail_if(v["on_road"], "the top row of the grid is road")
        r = _run(game, 15, UP)
        fail_if(r["view"]["on_road"], "the car reached the road")
        fail_if(r["view"]["speed"] != off, f"full throttle off the road keeps speed {r['view']['speed']}, not {off}")
        _place(game, speed=off, next=1, **_before(level, level["gates"][1], 3))
        r = _run(game, 6, UP)
        fail_if(not r["view"]["on_road"] or r["view"]["speed"] <= off,
                 f"on the road the car didn't speed up past {off} (speed {r['view']['speed']})")
        return f"off the road full throttle slows to {off}; on the road it speeds up ({r['view']['speed']})"
    return check


def _position_shown(level: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        n = len(level.get("rivals") or [])
        fail_if(n == 0, "the race has no rivals")
        _load(game, _room(level))
        for k in range(n):
            game.js(f"__rc.rival({k}, {rules.CELL * (6 + k)})")
        v = _run(game, 1)["view"]
        fail_if(v["pos"] != n + 1, f"behind every rival the position is {v['pos']}, not {n + 1}")
        fail_if(f"POS {n + 1}/{n + 1}" not in v["hud"], f"the HUD doesn't show the position: {v['hud']!r}")
        for k in range(n):
            game.js(f"__rc.rival({k}, 0)")
        v = _run(game, 1)["view"]
        fail_if(v["pos"] != 1 or f"POS 1/{n + 1}" not in v["hud"], f"ahead of every rival the HUD says {v['hud']!r}")
        return f"the HUD shows POS {n + 1}/{n + 1} behind the rivals and POS 1/{n + 1} ahead of them"
    return check


def _rival_races(level: dict[str, Any], k: int, name: str) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        v = _load(game, _room(level))
        s0, speed = v["rivals"][k][0], v["rivals"][k][1]
        r = _run(game, 60)
        s1, on = r["view"]["rivals"][k][0], r["view"]["rivals"][k][2]
        fail_if(s1 - s0 != 60 * speed, f"{name} went {s1 - s0} units in 60 frames, not {60 * speed}")
        fail_if(not on, f"{name} is off the road")
        return f"{name} raced {s1 - s0} units along the track in a second"
    return check


def _pickup(level: dict[str, Any], p: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        _load(game, _room(level, rivals=[], pickups=[p]))  # this one alone: others may lie next to it
        score0 = game.state()["score"]
        _place(game, speed=20, **_approach(level, (p["x"], p["y"])))
        r = _until(game, 30, UP, "taken")
        fail_if(r["view"]["taken"] != 1, f"driving over the {p['slug']} didn't collect it")
        gain = r["state"]["score"] - score0
        fail_if(gain != int(p["points"]), f"the {p['slug']} gave {gain} points, not {p['points']}")
        return f"the {p['slug']} was collected for {gain} points"
    return check


def _lap_scores(level: dict[str, Any], config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        _load(game, _room(level, rivals=[], pickups=[]))
        _place(game, next=0, speed=30, **_before(level, 0))
        score0 = game.state()["score"]
        r = _until(game, 40, UP, "lap")
        fail_if(r["view"]["lap"] != 1, "driving over the finish line after every checkpoint counted no lap")
        gain = r["state"]["score"] - score0
        fail_if(gain != int(config.get("lap_points", 0)), f"the lap scored {gain} points, not {config.get('lap_points')}")
        return f"the lap scored {gain} points"
    return check


def _pickup_once(level: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    p = level["pickups"][0]

    @_checked
    def check(game: HeadlessGame) -> str:
        _load(game, _room(level, rivals=[], pickups=[p]))  # this one alone: others may lie next to it
        start = _approach(level, (p["x"], p["y"]))
        _place(game, speed=20, **start)
        r = _until(game, 30, UP, "taken")
        fail_if(r["view"]["taken"] != 1, f"driving over the {p['slug']} didn't collect it")
        score = r["state"]["score"]
        _place(game, speed=20, **start)
        _until(game, 30, UP, "cell")
        r = _run(game, 2, UP)
        fail_if(r["view"]["cell"] != [p["x"], p["y"]], f"the car didn't drive over the {p['slug']}'s place again")
        fail_if(r["view"]["taken"] != 1 or r["state"]["score"] != score, f"the {p['slug']} was collected twice")
        return f"the {p['slug']} was collected once; driving over its place again gave nothing"
    return check


def _hazard(level: dict[str, Any], config: dict[str, Any], z: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        _load(game, _room(level, rivals=[], hazards=[z], boosts=[]))
        v = _place(game, speed=int(config["max_speed"]), **_approach(level, (z["x"], z["y"])))
        _until(game, 30, UP, "cell")
        r = _run(game, 1, UP)  # the surface acts on the frame after the car enters it
        fail_if(r["view"]["cell"] != [z["x"], z["y"]], f"the car didn't reach the {z['slug']} ({r['view']['cell']})")
        fail_if(r["view"]["speed"] > int(config["slow_speed"]), f"the {z['slug']} left the speed at {r['view']['speed']}")
        return f"the {z['slug']} slowed the car from {v['speed']} to {r['view']['speed']}"
    return check


def _boost(level: dict[str, Any], config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    b = level["boosts"][0]

    @_checked
    def check(game: HeadlessGame) -> str:
        _load(game, _room(level, rivals=[], boosts=[b], hazards=[]))
        _place(game, speed=20, **_approach(level, b))
        _until(game, 30, UP, "cell")
        r = _run(game, 1, UP)  # the surface acts on the frame after the car enters it
        fail_if(r["view"]["cell"] != list(b), f"the car didn't reach the boost pad ({r['view']['cell']})")
        fail_if(r["view"]["speed"] < int(config["boost_speed"]), f"the boost pad left the speed at {r['view']['speed']}")
        return f"the boost pad took the car from 20 to {r['view']['speed']}, above the top speed {config['max_speed']}"
    return check


# ---- rules agreement: one input script, the real game and rules.Sim -------------------------------

AGREE_FRAMES = 1500

_AGREE_JS = """(function (lv, masks) {
  var QA = Maestro.genres.racing.qa, keys = ['left', 'right', 'up', 'down', 'action'];
  return __qa.onLevel(lv, function (G) {
    var rows = [], lives0 = G.lives, w0 = G.world;
    function row() { var v = QA.view(G, G.world);
      return [v.f, v.x, v.y, v.h, v.speed, v.lap, v.next, v.taken, G.score, v.rivals.map(function (r) { return r[0]; }),
              G.lives, G.status, G.cleared, G.lastLoss || null]; }
    var first = row();
    for (var i = 0; i < masks.length; i++) {
      keys.forEach(function (a, b) { __game.press(a, !!(masks[i] & (1 << b))); });
      __game.step(1);
      if (G.world !== w0) { rows.push([null, null, null, null, null, null, null, null, G.score, [], G.lives, G.status, G.cleared, G.lastLoss || null]); break; }
      rows.push(row());
      if (G.cleared || G.status !== 'playing' || G.lives !== lives0) break;
    }
    return {first: first, rows: rows};
  });
})"""


def _script(rng: random.Random, frames: int) -> list[int]:
    """Which keys are held on each frame (bits: left, right, up, down, action): mostly throttle,
    with steering either way, some braking and coasting, each held for a while."""
    out: list[int] = []
    while len(out) < frames:
        r = rng.random()
        gas = 4 if rng.random() < 0.6 else (16 if rng.random() < 0.5 else 0)
        if r < 0.35:
            m = gas
        elif r < 0.55:
            m = gas | 1
        elif r < 0.75:
            m = gas | 2
        elif r < 0.85:
            m = 8 | rng.choice((0, 1, 2))
        else:
            m = rng.choice((0, 1, 2, 3, 12))
        out.extend([m] * rng.randint(3, 40))
    return out[:frames]


def _keys(m: int) -> set[str]:
    return rules.unmask(m & 15) | ({"action"} if m & 16 else set())


def _py_row(sim: rules.Sim) -> list[Any]:
    return [sim.f, sim.x, sim.y, sim.hd, sim.speed, sim.lap, sim.next, len(sim.taken), sim.score, [r[0] for r in sim.rivals]]


_FIELDS = ("frame", "x", "y", "heading", "speed", "lap", "next checkpoint", "pickups taken", "score", "rivals")


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A random key script (throttle, steering, brakes, held a while each) played on ``level`` in the
    real racing.js and in ``rules.Sim``, compared after every frame: the frame, the car's position,
    heading and speed, lap, next checkpoint, pickups taken, score and every rival's distance. None
    when they agree to the end (the race won or lost in both), else the first difference."""
    frames = before_time_limit(game, min(AGREE_FRAMES, rules.max_frames(level)))
    masks = _script(rng, frames)
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(masks)})")
    first, rows = out["first"], out["rows"]
    sim = rules.Sim(level, config)
    if first[:10] != _py_row(sim):
        return f"the race starts differently: the game has {first[:10]}, the rules {_py_row(sim)}"
    lives0 = first[10]
    for i, m in enumerate(masks):
        if i >= len(rows):
            return f"the game stopped after {i} frames while the rules race on"
        sim.step(_keys(m))
        js, py = rows[i], _py_row(sim)
        lost_js = js[10] != lives0 or js[11] == "lost"
        won_js = bool(js[12]) or js[11] == "won"
        if lost_js != (sim.status == "lost"):
            return (f"frame {i + 1}: the game has {js[10]} lives ({js[13]!r}), the rules "
                    + ("lose the race" if sim.status == "lost" else "race on"))
        if sim.status == "lost":
            return None
        if js[:10] != py:
            return f"frame {i + 1} (keys {sorted(_keys(m))}): {first_difference(_FIELDS, js[:10], py)}"
        if won_js != (sim.status == "won"):
            return f"frame {i + 1}: " + ("the rules win the race here but the game does not" if sim.status == "won"
                                         else "the game wins the race where the rules do not")
        if won_js:
            return None
    return None
