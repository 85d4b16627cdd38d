"""Query for the tower defense genre: a bot that plays level 1 and keypoint checks on the real JavaScript.

The bot re-runs the Labyrinth solver (``maestro.genres.tower_defense.rules.solve``), whose proof is an
input script: the key taps (arrows to move the build cursor, Z to pick the tower type, Space to build
or upgrade) at the frames where the solver's placement strategy made them. The bot presses exactly
those keys at exactly those frames of the REAL game (one V8 call, through ``__game.press`` /
``__game.step`` only) and waits for the waves to end: the simulation is integer arithmetic in both
copies of the rules, so the game plays out as the solver saw it.

Each keypoint loads a small hand-made road into the build's own game (in place of level 1, with the
build's config: its towers, enemies and money names), taps keys (or the pointer) and reads the world
through the module's QA hook ``Maestro.genres.tower_defense.qa.view``. Every room is tuned from the
config (an enemy's hit points are a tower's damage...), so a check shows one rule whatever the GDD's
numbers, and each also proves the legal move next to the rule happens.
"""

from __future__ import annotations

import json
import random
import re
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, Presses, before_time_limit, checked, fail_if,
                                     first_difference, replay_level_one, spec_mechanics)
from maestro.genres.tower_defense import rules

QA = "Maestro.genres.tower_defense.qa"
SETTLE_FRAMES = 240  # after the last wave: the 1.5 s "Level complete!" transition is 90 frames
ACTIONS = ("left", "right", "up", "down", "action", "undo")

_JS_HELPERS = """
var __td = {
  view: function () { var G = __game.game; return G.world ? Maestro.genres.tower_defense.qa.view(G, G.world) : null; },
  load: function (room) { __qa.release(); __game.game.levels[0] = room; __game.start(1); return __td.view(); },
  // n frames; taps[i] = the actions tapped on the i-th (pressed that frame, released after it), or
  // 'click:x,y' / 'button:k' for a pointer tap. Stops early when the level is won or the game ends.
  run: function (n, taps) {
    var G = __game.game, s = __game.state(), c0 = s.cleared, i;
    for (i = 0; i < n; i++) {
      var a = taps[i] || [];
      a.forEach(function (k) {
        var m = /^click:(\\d+),(\\d+)$/.exec(k), b = /^button:(\\d+)$/.exec(k);
        if (m) Maestro.genres.tower_defense.qa.click(G, G.world, +m[1], +m[2]);
        else if (b) Maestro.genres.tower_defense.qa.clickButton(G, G.world, +b[1]);
        else __game.press(k, true);
      });
      s = __game.step(1);
      a.forEach(function (k) { if (k.indexOf(':') < 0) __game.press(k, false); });
      if (s.status !== 'playing' || s.cleared !== c0) { i++; break; }
    }
    return {state: s, view: __td.view(), frames: i};
  }
};
"""

# What the bot reads of the world once level 1 is over (or the frames ran out).
_REPORT = ("function (w) { return {f: w && w.f, towers: w && w.towers.length, leaks: w && w.leaks, "
           "kills: w && w.kills}; }")


def _install(game: HeadlessGame) -> None:
    if not game.js(f"!!(window.Maestro && Maestro.genres.tower_defense && {QA} && {QA}.view)"):
        raise HeadlessError("the tower_defense module has no qa.view hook")
    if not game.js("typeof __td !== 'undefined'"):
        game.run(_JS_HELPERS)


# ---- the bot -------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Replay the solver's input script for level 1 in the real game; won when level 2 starts or the
    game is won. Bounded: the proof's frames plus the level-complete transition."""
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to hold level 1 (too few spots or money for its waves)")
    taps = proof["taps"]
    by_frame: dict[int, list[str]] = {}
    for f, key in taps:
        by_frame.setdefault(int(f), []).append(str(key))
    return replay_level_one(
        game, _install, Presses(taps=by_frame), int(proof["frames"]) + SETTLE_FRAMES,
        report=_REPORT, steps=len(taps),
        won=lambda out: f"held level 1: {len(taps)} key taps built {proof['towers']} towers and "
                        f"{proof['upgrades']} upgrades, all {proof['kills']} enemies stopped",
        lost=lambda out: f"the solver's {len(taps)} taps were played but level 1 wasn't won: the game is "
                         f"{out['state']['status']!r} at frame {out['f']} with {out['towers']} towers, {out['kills']} "
                         f"kills and {out['leaks']} enemies at the base")


# ---- keypoint rooms ---------------------------------------------------------------------------------

ROW = 5
SPOT = (4, 4)
SPOT2 = (7, 4)


def _room(config: dict[str, Any], waves: list[dict[str, Any]], money: int, *, spots: tuple[tuple[int, int], ...] = (SPOT, SPOT2),
          length: int = 14, blocked: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A straight road along row 5 from x=0 to x=length-1, build spots above it, the cursor on the first."""
    return {"mode": "path", "width": int(config.get("cols", rules.COLS)), "height": int(config.get("rows", rules.ROWS)),
            "path": [[x, ROW] for x in range(length)], "spots": [list(s) for s in spots], "blocked": blocked or [],
            "cursor": list(spots[0]), "money": int(money), "waves": waves,
            "last_spawn": 0, "duration": 0, "name": "QA road", "seed": 1, "index": 0}


def _wave(config: dict[str, Any], kind: int, count: int, at: int, gap: int, hp: int | None = None) -> dict[str, Any]:
    e = config["enemies"][kind]
    return {"at": at, "gap": gap, "count": count, "enemy": kind, "hp": int(hp if hp is not None else e["hp"]),
            "speed": int(e["speed"]), "bounty": int(e["bounty"]), "points": int(e["points"])}


def _walk_frames(config: dict[str, Any], kind: int, length: int = 14) -> int:
    """Frames an enemy of this kind takes from the spawn to the base of a straight road."""
    return -(-(length - 1) * rules.CELL // int(config["enemies"][kind]["speed"])) + 1


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


def _load(game: HeadlessGame, room: dict[str, Any]) -> dict[str, Any]:
    view: dict[str, Any] = game.js(f"__td.load({json.dumps(room)})")
    return view


def _run(game: HeadlessGame, n: int, taps: dict[int, list[str]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__td.run({int(n)}, {json.dumps({str(k): v for k, v in (taps or {}).items()})})")
    return out


def _spec_slugs(spec: dict[str, Any]) -> set[str]:
    out: set[str] = set()
    for group in ("enemies", "items", "hazards"):
        out.update(str(e["slug"]) for e in spec.get(group) or [] if e.get("slug"))
    if (spec.get("player") or {}).get("slug"):
        out.add(spec["player"]["slug"])
    return out


def _ident(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_") or "tower"


def _tower_room(config: dict[str, Any], k: int, count: int, kind: int = 0, extra: int = 0) -> dict[str, Any]:
    """A room where tower type k (built at frame 0 on the first spot) one-shots each of `count`
    enemies, spaced so it is ready for each."""
    t = config["towers"][k]
    lv = t["levels"][0]
    gap = int(lv["rate"]) + 1
    return _room(config, [_wave(config, kind, count, 2, gap, hp=int(lv["damage"]))], int(t["cost"]) + extra)


# ---- keypoints -------------------------------------------------------------------------------------


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    mech = spec_mechanics(spec)
    slugs = _spec_slugs(spec)
    towers: list[dict[str, Any]] = config["towers"]
    kinds: list[dict[str, Any]] = config["enemies"]
    money = config.get("money_name") or "Gold"
    t0, e0 = towers[0], kinds[0]
    base_mech = "lives" if "lives" in mech else ("health" if "health" in mech else None)
    out: list[Keypoint] = []

    @_checked
    def towers_stop_waves(game: HeadlessGame) -> str:
        room = _tower_room(config, 0, 3)
        v = _load(game, room)
        lives0 = game.state()["lives"]
        fail_if(v["towers"], f"the road starts with towers on it: {v['towers']}")
        r = _run(game, rules.last_spawn(room) + _walk_frames(config, 0) + 30, {0: ["action"]})
        v, st = r["view"], r["state"]
        fail_if(len(v["towers"]) != 1, f"Space on a build spot with {t0['cost']} {money} didn't build a {t0['name']}")
        fail_if(v["leaks"] or st["lives"] != lives0, f"{v['leaks']} of 3 {e0['name']}s walked past the {t0['name']} to the base")
        fail_if(v["kills"] != 3, f"the {t0['name']} stopped {v['kills']} of 3 {e0['name']}s")
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), "every enemy of the only wave was stopped but the level isn't won")
        return f"one {t0['name']} shot all 3 {e0['name']}s on the road; the wave was held and the level won"

    out.append(Keypoint("towers_stop_waves", f"A {t0['name']} placed beside the path shoots the {e0['name']}s walking it "
                        "and stops the wave", towers_stop_waves, "shoot" if "shoot" in mech else None))

    @_checked
    def leak_costs_life(game: HeadlessGame) -> str:
        room = _room(config, [_wave(config, 0, 1, 0, 10)], 0)
        _load(game, room)
        lives0 = game.state()["lives"]
        walk = _walk_frames(config, 0)
        r = _run(game, walk - 3)
        fail_if(r["state"]["lives"] != lives0, f"a life was lost before the {e0['name']} reached the base")
        fail_if(len(r["view"]["enemies"]) != 1, "the enemy left the road before reaching the base")
        r = _run(game, 6)
        st = r["state"]
        fail_if(st["lives"] != lives0 - 1, f"the {e0['name']} reached the base but lives went {lives0} -> {st['lives']}")
        fail_if(r["view"]["enemies"], "the enemy at the base wasn't removed")
        fail_if(lives0 > 1 and st["status"] != "playing", f"one enemy at the base ended the game ({st['status']})")
        return f"the {e0['name']} reached the base after {walk} frames: {lives0} -> {st['lives']} lives"

    out.append(Keypoint("leak_costs_life", f"Every {e0['name']} that reaches the base costs a life", leak_costs_life, base_mech))

    @_checked
    def kill_earns_currency(game: HeadlessGame) -> str:
        room = _tower_room(config, 0, 1)
        _load(game, room)
        score0 = game.state()["score"]
        r = _run(game, 1, {0: ["action"]})
        fail_if(r["view"]["money"] != 0, f"building didn't spend the {money} ({r['view']['money']} left)")
        r = _run(game, _walk_frames(config, 0) + 10)
        v, st = r["view"], r["state"]
        fail_if(v["kills"] != 1, "the tower didn't kill the enemy")
        fail_if(v["money"] != int(e0["bounty"]), f"killing a {e0['name']} paid {v['money']} {money}, not {e0['bounty']}")
        fail_if(st["score"] - score0 < int(e0["points"]), f"the kill added {st['score'] - score0} points, not {e0['points']}")
        return f"a kill paid {e0['bounty']} {money} and {e0['points']} points"

    out.append(Keypoint("kill_earns_currency", f"Each {e0['name']} killed earns {e0['bounty']} {money}", kill_earns_currency,
                        "currency" if "currency" in mech else ("score" if "score" in mech else None)))

    @_checked
    def build_costs_currency(game: HeadlessGame) -> str:
        cost = int(t0["cost"])
        room = _room(config, [_wave(config, 0, 1, 5000, 10)], 2 * cost - 1)
        _load(game, room)
        r = _run(game, 1, {0: ["action"]})
        fail_if(len(r["view"]["towers"]) != 1 or r["view"]["money"] != cost - 1,
                 f"building with {2 * cost - 1} {money} left {r['view']['money']} (a {t0['name']} costs {cost})")
        taps = {i: ["right"] for i in range(SPOT2[0] - SPOT[0])}
        taps[len(taps)] = ["action"]
        r = _run(game, len(taps) + 1, taps)
        v = r["view"]
        fail_if(v["cursor"] != list(SPOT2), f"the cursor didn't move to the second spot (at {v['cursor']})")
        fail_if(len(v["towers"]) != 1, f"a second {t0['name']} was built with only {cost - 1} {money}")
        fail_if(v["money"] != cost - 1, f"a refused build still changed the money ({cost - 1} -> {v['money']})")
        return f"the first {t0['name']} cost {cost}; the second was refused with {cost - 1} {money}"

    out.append(Keypoint("build_costs_currency", f"Building a {t0['name']} costs {t0['cost']} {money} and is refused "
                        "without enough", build_costs_currency, "currency" if "currency" in mech else None))

    if len(t0["levels"]) > 1:
        @_checked
        def upgrade_improves(game: HeadlessGame) -> str:
            up = int(t0["levels"][1]["cost"])
            room = _room(config, [_wave(config, 0, 1, 5000, 10)], int(t0["cost"]) + up)
            _load(game, room)
            r = _run(game, 1, {0: ["action"]})
            fail_if(not r["view"]["towers"], "the tower to upgrade wasn't built")
            before = r["view"]["towers"][0]
            r = _run(game, 2, {1: ["action"]})
            v = r["view"]
            after = v["towers"][0]
            fail_if(after[3] != 1, f"Space on a tower with {up} {money} didn't upgrade it (level {after[3] + 1})")
            fail_if(v["money"] != 0, f"the upgrade cost {up}, but {v['money']} {money} are left of {up}")
            fail_if(not (after[5] > before[5] or after[6] > before[6] or after[7] < before[7]),
                     f"the upgrade changed neither damage, range nor rate ({before[5:]} -> {after[5:]})")
            r = _run(game, 2, {1: ["action"]})
            fail_if(r["view"]["towers"][0][3] != 1, "a second upgrade went through with no money")
            return (f"upgraded for {up}: damage {before[5]} -> {after[5]}, range {before[6]} -> {after[6]}, "
                    f"reload {before[7]} -> {after[7]} frames")

        out.append(Keypoint("upgrade_improves", f"Upgrading a {t0['name']} makes it stronger", upgrade_improves, None))

    @_checked
    def waves_in_order(game: HeadlessGame) -> str:
        first = _tower_room(config, 0, 2)["waves"][0]
        second_at = first["at"] + first["gap"] + _walk_frames(config, 0) + 40
        second = dict(first, at=second_at)
        room = _room(config, [first, second], int(t0["cost"]))
        _load(game, room)
        r = _run(game, second_at - 2, {0: ["action"]})
        v, st = r["view"], r["state"]
        fail_if(v["spawned"] != 2 or v["wave"] != 1, f"before wave 2 is due, {v['spawned']} enemies spawned "
                 f"(wave {v['wave']}): waves came out of order")
        fail_if(v["kills"] != 2, f"the first wave wasn't stopped ({v['kills']} kills)")
        fail_if(st["cleared"] or v["done"], "the level was won after the first of two waves")
        r = _run(game, _walk_frames(config, 0) + first["gap"] + 40)
        v, st = r["view"], r["state"]
        fail_if(v["wave"] != 2 or v["spawned"] != 4, f"the second wave didn't come ({v['spawned']} spawned)")
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), "both waves were stopped but the level isn't won")
        return "wave 2 came after wave 1, and the level was won only after the last wave"

    out.append(Keypoint("waves_in_order", "Waves come one after another and the level is won after the last",
                        waves_in_order, "waves" if "waves" in mech else None))

    for k, e in enumerate(kinds):
        if e["slug"] not in slugs:
            continue
        out.append(Keypoint(f"enemy_{e['slug']}", f"{e['name']} walks the path ({e['hp']} HP, "
                            f"{round(e['speed'] * rules.FPS / rules.CELL, 2)} cells a second)",
                            _enemy_walks(config, k), e["slug"]))

    seen_ids: set[str] = set()
    for k, t in enumerate(towers):
        if len(towers) == 1 and t["slug"] not in slugs:
            continue
        kid = f"tower_{_ident(t['name'])}"
        kid = kid if kid not in seen_ids else f"{kid}_{k}"
        seen_ids.add(kid)
        # the type's entity is the GDD's (a tower it names, or the player's "Tower" for the first default)
        owner = t["slug"] if t["slug"] in slugs and (k == 0 or t["slug"] != towers[0]["slug"]) else None
        out.append(Keypoint(kid, f"The {t['name']} can be picked, built for {t['cost']} {money} and shoots",
                            _tower_works(config, k), owner))

    out.append(Keypoint("pointer_builds", "A tap (mouse or touch) on a build spot builds there; the tower buttons pick a type",
                        _pointer_builds(config), None))

    pickup = config.get("pickup_slug")
    if pickup and pickup in slugs:
        name = next((i.get("name") for i in spec.get("items") or [] if i.get("slug") == pickup), pickup)
        out.append(Keypoint(f"drop_{pickup}", f"Each kill drops {name} worth its {money}", _drop_shows(config, name), pickup))

    hz = {b["slug"] for lv in levels for b in lv.get("blocked") or []}
    for slug in sorted(hz & slugs):
        name = next((h.get("name") for h in spec.get("hazards") or [] if h.get("slug") == slug), slug)
        out.append(Keypoint(f"blocked_{slug}", f"{name} blocks building where it stands", _blocked_refuses(config, slug, name), slug))
    return out


def _enemy_walks(config: dict[str, Any], k: int) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    e = config["enemies"][k]

    @_checked
    def check(game: HeadlessGame) -> str:
        _load(game, _room(config, [_wave(config, k, 1, 0, 10)], 0))
        r = _run(game, 10)
        en = r["view"]["enemies"]
        fail_if(len(en) != 1, f"one {e['name']} should be on the road, there are {len(en)}")
        _id, kind, hp, d, slug = en[0]
        fail_if(slug != e["slug"], f"the enemy on the road is {slug}, not {e['slug']}")
        fail_if(hp != e["hp"], f"the {e['name']} has {hp} HP, not {e['hp']}")
        fail_if(d != 10 * int(e["speed"]), f"after 10 frames the {e['name']} walked {d} units, not {10 * int(e['speed'])}")
        return f"{e['name']} walked {d} units in 10 frames with {hp} HP"
    return check


def _tower_works(config: dict[str, Any], k: int) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    t = config["towers"][k]

    @_checked
    def check(game: HeadlessGame) -> str:
        room = _tower_room(config, k, 1)
        room["waves"][0]["at"] = 2 + k
        _load(game, room)
        taps: dict[int, list[str]] = {i: ["undo"] for i in range(k)}
        taps[k] = ["action"]
        r = _run(game, k + 1, taps)
        v = r["view"]
        fail_if(v["sel"] != k, f"{k} presses of Z didn't select the {t['name']} (selected {v['sel']})")
        fail_if(len(v["towers"]) != 1 or v["towers"][0][2] != k, f"the {t['name']} wasn't built ({v['towers']})")
        r = _run(game, _walk_frames(config, 0) + 10)
        fail_if(r["view"]["kills"] != 1, f"the {t['name']} didn't kill an enemy walking past")
        return f"the {t['name']} was picked, built and killed an enemy"
    return check


def _pointer_builds(config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    towers = config["towers"]
    k = len(towers) - 1

    @_checked
    def check(game: HeadlessGame) -> str:
        room = _room(config, [_wave(config, 0, 1, 5000, 10)], sum(int(t["cost"]) for t in towers))
        _load(game, room)
        r = _run(game, 2, {0: [f"button:{k}"], 1: [f"click:{SPOT2[0]},{SPOT2[1]}"]})
        v = r["view"]
        fail_if(v["sel"] != k, f"tapping the {towers[k]['name']} button didn't select it (selected {v['sel']})")
        fail_if(not v["towers"] or v["towers"][0][:3] != [SPOT2[0], SPOT2[1], k],
                 f"tapping a build spot didn't build the {towers[k]['name']} there ({v['towers']})")
        fail_if(v["cursor"] != list(SPOT2), "the cursor didn't follow the tap")
        r = _run(game, 1, {0: [f"click:{SPOT[0]},{SPOT[1] - 2}"]})
        fail_if(len(r["view"]["towers"]) != 1, "tapping grass (not a build spot) built a tower")
        return f"a tap picked the {towers[k]['name']} and another built it on the spot"
    return check


def _drop_shows(config: dict[str, Any], name: str) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        _load(game, _tower_room(config, 0, 1))
        r = _run(game, _walk_frames(config, 0) + 10, {0: ["action"]})
        v = r["view"]
        fail_if(v["kills"] != 1, "the tower didn't kill the enemy")
        fail_if(config.get("pickup_slug") not in v["coins"], f"the kill dropped no {name} (dropped {v['coins']})")
        return f"the kill dropped a {name}"
    return check


def _blocked_refuses(config: dict[str, Any], slug: str, name: str) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        x, y = SPOT[0] + 1, SPOT[1]
        room = _room(config, [_wave(config, 0, 1, 5000, 10)], 10 * int(config["towers"][0]["cost"]),
                     blocked=[{"x": x, "y": y, "slug": slug}])
        _load(game, room)
        r = _run(game, 2, {0: ["right"], 1: ["action"]})
        v = r["view"]
        fail_if(v["cursor"] != [x, y], f"the cursor didn't reach the {name}")
        fail_if(v["towers"], f"a tower was built on the {name}")
        r = _run(game, 2, {0: ["left"], 1: ["action"]})
        fail_if(len(r["view"]["towers"]) != 1, "the build spot next to it refused a tower too")
        return f"no tower on the {name}; the spot beside it builds"
    return check


# ---- rules agreement: one input script, the real game and rules.Sim -------------------------------

AGREE_FRAMES = 2400

_AGREE_JS = """(function (lv, downs) {
  var QA = Maestro.genres.tower_defense.qa, acts = %s;
  return __qa.onLevel(lv, function (G) {
    var rows = [], cur = {};
    function row() { var v = QA.view(G, G.world);
      return [v.f, v.money, G.lives, G.status, v.cursor[0], v.cursor[1], v.sel,
              v.towers.map(function (t) { return t.slice(0, 5); }), v.enemies.map(function (e) { return e.slice(0, 4); }),
              G.cleared, G.lastLoss || null]; }
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
})""" % json.dumps(list(ACTIONS))


def _script(rng: random.Random, frames: int) -> list[list[str]]:
    """Which keys are down on each frame: mostly taps (a frame down, then up), some held arrows
    (the cursor's repeat), Space often enough to build and upgrade, Z now and then."""
    downs: list[list[str]] = []
    while len(downs) < frames:
        r = rng.random()
        if r < 0.45:
            a, hold = rng.choice(ACTIONS[:4]), 1
        elif r < 0.55:
            a, hold = rng.choice(ACTIONS[:4]), rng.randint(2, 30)
        elif r < 0.85:
            a, hold = "action", 1
        else:
            a, hold = "undo", 1
        downs.extend([[a]] * hold)
        downs.extend([[]] * rng.randint(1, 40))
    return downs[:frames]


def _py_row(sim: rules.Sim) -> list[Any]:
    return [sim.f, sim.money, sim.lives, sim.status, sim.cursor[0], sim.cursor[1], sim.sel,
            [[t.x, t.y, t.type, t.level, t.cd] for t in sim.towers], [[e.id, e.kind, e.hp, e.d] for e in sim.enemies]]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A random key script (taps, held arrows, Space, Z) played on ``level`` in the real
    tower_defense.js and in ``rules.Sim``. Compared after every frame: the frame, money, lives,
    status, cursor, selected type, every tower (cell, type, level, cooldown) and every enemy
    (id, kind, hp, distance). None when they agree to the end, else the first difference."""
    frames = before_time_limit(game, min(AGREE_FRAMES, int(level.get("duration") or 0) + 300 or AGREE_FRAMES))
    downs = _script(rng, frames)
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(downs)})")
    first, rows = out["first"], out["rows"]
    sim = rules.Sim(level, config, first[2])
    if first[:9] != _py_row(sim):
        return f"the level starts differently: the game has {first[:9]}, the rules {_py_row(sim)}"
    prev: set[str] = set()
    for i, down in enumerate(downs):
        if i >= len(rows):
            return f"the game stopped after {i} frames while the rules play on"
        held = set(down)
        sim.step(held - prev, held)
        prev = held
        js, py = rows[i], _py_row(sim)
        won_js = bool(js[9]) or js[3] == "won"
        if (js[2], js[3] if js[3] != "won" else "playing") != (py[2], py[3] if py[3] != "won" else "playing"):
            return (f"frame {i + 1}: the game has {js[2]} lives and is {js[3]!r} (last loss {js[10]!r}), "
                    f"the rules {py[2]} lives, {py[3]!r}")
        if sim.status == "lost":
            return None
        if js[:9] != py and not (won_js and sim.status == "won"):
            return f"frame {i + 1} (keys {sorted(held)}): {first_difference(_FIELDS, js[:9], py)}"
        if won_js != (sim.status == "won"):
            return f"frame {i + 1}: " + ("the rules win the level here but the game does not" if sim.status == "won"
                                         else "the game wins the level where the rules do not")
        if won_js:
            return None
    return None


_FIELDS = ("frame", "money", "lives", "status", "cursor x", "cursor y", "selected tower", "towers", "enemies")
