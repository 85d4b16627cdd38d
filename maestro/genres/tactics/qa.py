"""Query for the tactics genre (grid battles, turn by turn; modes "rout" and "hold").

The bot replays the Labyrinth solver's proof (``maestro.genres.tactics.rules.solve``): every key
press of a win (cursor moves, select, move, attack or wait; the enemy's turns follow on their own)
goes to the REAL game code while a Python :class:`rules.World` follows along; after every press the
units, the cursor and the turn are compared, so a game that drifts from the rules is caught where
it drifts.

Each keypoint loads a tiny hand-made battle into the build's own game through ``__tc.load`` and
reads the result through the module's QA hooks ``Maestro.genres.tactics.qa.view`` / ``reach``; each
also shows that the action next to the rule happens (a game that ignores keys can't pass).
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, LivesReplay, checked, fail_if, presses_recorder_js,
                                     replay_agrees, replay_mirrored, spec_mechanics)
from maestro.genres.tactics import rules

SETTLE_FRAMES = 200  # after the last press: the 1.5 s "Level complete!" transition is 90 frames
FRAMES_PER_PRESS = 2

_JS_HELPERS = """
var __tc = {
  view: function () { var G = __game.game; return G.world ? Maestro.genres.tactics.qa.view(G, G.world) : null; },
  reach: function (i) { var G = __game.game; return Maestro.genres.tactics.qa.reach(G, G.world, i); },
  key: function (a) {
    __game.press(a, true); __game.step(1); __game.press(a, false); var st = __game.step(1);
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, lives: st.lives,
            last_loss: st.last_loss, view: __tc.view()};
  },
  load: function (lv, at) { __qa.release(); var G = __game.game; at = at || 0; G.levels[at] = lv; __game.start(at + 1); return __tc.view(); }
};
"""


def _install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.tactics && Maestro.genres.tactics.qa && Maestro.genres.tactics.qa.view)"):
        raise HeadlessError("the tactics module has no qa.view hook")
    if not game.js("typeof __tc !== 'undefined'"):
        game.run(_JS_HELPERS)


def _key(game: HeadlessGame, a: str) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__tc.key({json.dumps(a)})")
    return out


def _keys(game: HeadlessGame, keys: list[str]) -> dict[str, Any]:
    r: dict[str, Any] = {}
    for k in keys:
        r = _key(game, k)
    return r


def _row(w: rules.World) -> dict[str, Any]:
    return {"units": [[u.x, u.y, u.hp, u.done, u.waiting] for u in w.units], "cursor": [w.cx, w.cy], "sel": w.sel,
            "phase": w.phase, "turn": w.turn}


def _mirror_differs(view: dict[str, Any] | None, w: rules.World) -> str | None:
    """What the game shows that the rules don't (units, cursor, selection, turn), or None."""
    if view is None:
        return "the game has no battle in play"
    want = _row(w)
    for k, v in want.items():
        if view.get(k) != v:
            return f"{k} is {view.get(k)} in the game, {v} by the rules"
    return None


# ---- the bot -------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], max_frames: int | None = None) -> BotResult:
    """Replay the solver's key presses for level 1 through the real game; won when level 2 starts
    or the game is won. Bounded: 2 frames a press plus the level-complete transition."""
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to win level 1")
    keys = list(proof["keys"])
    budget = max_frames if max_frames is not None else FRAMES_PER_PRESS * len(keys) + SETTLE_FRAMES
    mirror = rules.World.start(level, config)
    return replay_mirrored(game, _install, keys, budget, FRAMES_PER_PRESS, view="__tc.view()", press=_key,
                           mirror=mirror, differs=_mirror_differs,
                           won=lambda n: f"won level 1 in {n} presses over {proof['turns']} turns "
                                         f"({proof['units_lost']} units lost)")


# ---- keypoints -----------------------------------------------------------------------------------


def unit(side: str, x: int, y: int, hp: int = 20, atk: int = 8, df: int = 0, move: int = 4, rmin: int = 1,
         rmax: int = 1, slug: str = "", cls: str = "") -> dict[str, Any]:
    return {"side": side, "slug": slug or ("player" if side == "player" else "enemy"), "cls": cls or side.title(),
            "x": x, "y": y, "hp": hp, "max_hp": hp, "atk": atk, "df": df, "move": move, "rmin": rmin, "rmax": rmax,
            "points": 10 if side == "enemy" else 0}


def battle(grid: list[str], units: list[dict[str, Any]], mode: str = "rout", hold: int = 0,
           cursor: list[int] | None = None, fog: bool = False, sight: int = rules.SIGHT) -> dict[str, Any]:
    first = next(u for u in units if u["side"] == "player")
    return {"mode": mode, "w": len(grid[0]), "h": len(grid), "grid": grid, "units": units, "hold": hold,
            "cursor": cursor or [first["x"], first["y"]], "fog": fog, "sight": sight, "name": "QA field", "seed": 1}


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


def _load(game: HeadlessGame, level: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__tc.load({json.dumps(level)}, 0)")
    return out


def _to(view: dict[str, Any], x: int, y: int) -> list[str]:
    """Cursor presses from where the cursor is to (x, y)."""
    cx, cy = view["cursor"]
    return (["right"] * (x - cx) if x > cx else ["left"] * (cx - x)) + (["down"] * (y - cy) if y > cy else ["up"] * (cy - y))


def _at(game: HeadlessGame, r: dict[str, Any], x: int, y: int) -> dict[str, Any]:
    """Cursor to (x, y), then action."""
    return _keys(game, _to(r["view"] if "view" in r else r, x, y) + ["action"])


def _order(game: HeadlessGame, start: dict[str, Any], unit_at: tuple[int, int], to: tuple[int, int],
           aim: tuple[int, int]) -> dict[str, Any]:
    """Select the unit at ``unit_at``, move it to ``to``, attack ``aim`` (its own tile: wait)."""
    r = _at(game, start, *unit_at)
    fail_if(r["view"]["phase"] != "move", f"action on the unit at {unit_at} didn't select it")
    r = _at(game, r, *to)
    fail_if(r["view"]["phase"] != "act", f"the unit didn't move to {to}")
    return _at(game, r, *aim)


PLAINS = ["........", "........", "........"]


def _core_checks(config: dict[str, Any], mech: set[str]) -> list[Keypoint]:
    out: list[Keypoint] = []

    @_checked
    def units_fight_by_turns(game: HeadlessGame) -> str:
        lv = battle(["........", "..f.....", "........"], [unit("player", 0, 1, hp=20, atk=8, move=4),
                                                            unit("enemy", 4, 0, hp=20, atk=5, move=2)])
        v = _load(game, lv)
        r = _at(game, v, 0, 1)
        fail_if(r["view"]["sel"] != 0, "action on the unit didn't select it")
        r = _at(game, r, 4, 1)  # through the forest that is 5 move points: one too many
        fail_if(r["view"]["units"][0][:2] != [0, 1], "the unit moved to a tile 5 move points away with 4")
        r = _order(game, r, (0, 1), (3, 0), (4, 0))
        units = r["view"]["units"]
        fail_if(units[0][:2] != [3, 0], f"the unit stands at {units[0][:2]}, not on the tile it was moved to (3, 0)")
        fail_if(units[1][2] != 12, f"the attack left the foe {units[1][2]} HP, not 20 - 8 = 12")
        fail_if(units[0][2] != 15 or r["view"]["turn"] != 2, "the enemy side didn't strike back on its turn "
                f"(the unit has {units[0][2]} HP, turn {r['view']['turn']})")
        return ("the unit moved 4 points (refused 5 through the forest), hit the foe for 8; "
                "then the enemy side acted and hit it for 5; turn 2")

    out.append(Keypoint("units_fight_by_turns", "Units move within their move points under terrain costs, attack, "
                        "then the enemy side acts", units_fight_by_turns))

    @_checked
    def turn_based(game: HeadlessGame) -> str:
        lv = battle(PLAINS, [unit("player", 0, 0), unit("player", 0, 2), unit("enemy", 7, 1, move=3)])
        v = _load(game, lv)
        r = _order(game, v, (0, 0), (1, 0), (1, 0))  # the first unit waits
        fail_if(r["view"]["units"][2][:2] != [7, 1] or r["view"]["turn"] != 1,
                "the enemy moved while the player's turn was still on")
        r = _key(game, rules.END)
        fail_if(r["view"]["units"][2][:2] == [7, 1], "ending the turn didn't let the enemy act")
        fail_if(r["view"]["turn"] != 2 or any(u[3] for u in r["view"]["units"][:2]), "the next turn didn't give "
                "the army back its orders")
        return (f"the enemy stood still while a unit acted; the end-turn key let it advance to "
                f"{r['view']['units'][2][:2]}; turn 2 began with every unit ready")

    out.append(Keypoint("turn_based", "Turn-based: the enemy moves only after the player's turn ends", turn_based))

    @_checked
    def terrain_costs(game: HeadlessGame) -> str:
        lv = battle(["..f.h..", "~#....."], [unit("player", 0, 0, move=4), unit("enemy", 6, 1)])
        _load(game, lv)
        got = [tuple(t) for t in game.js("__tc.reach(0)")]
        w = rules.World.start(lv, config)
        want = sorted(((x, y, c) for (x, y), c in w.reach(0).items()), key=lambda t: (t[1], t[0]))
        fail_if(got != want, f"the game lets the unit reach {got}; the rules say {want}")
        costs = {(x, y): c for x, y, c in got}
        fail_if((0, 1) in costs or (1, 1) in costs, "the unit can step into water or onto rock")
        fail_if(costs.get((2, 0)) != 3, "the forest didn't cost 2 move points")
        fail_if((4, 0) in costs, "the unit can climb a hill (3 points) with none left")
        v = _load(game, lv)
        r = _order(game, v, (0, 0), (3, 0), (3, 0))
        fail_if(r["view"]["units"][0][:2] != [3, 0], "the unit didn't move across the forest it could pay for")
        return (f"{len(got)} tiles in reach with 4 move points (the forest cost 2; water, rock and the hill beyond "
                "never), as the rules say; the unit crossed the forest")

    out.append(Keypoint("terrain_costs", "Terrain costs limit movement: forest 2, hill 3, water and rock impassable",
                        terrain_costs))

    @_checked
    def terrain_defence(game: HeadlessGame) -> str:
        lv = battle(["........", ".fh.....", "........"], [unit("player", 1, 0, atk=8), unit("player", 2, 0, atk=8),
                                                           unit("enemy", 1, 1, hp=30), unit("enemy", 2, 1, hp=30)])
        v = _load(game, lv)
        r = _order(game, v, (1, 0), (1, 0), (1, 1))
        fail_if(r["view"]["units"][2][2] != 30 - 7, f"the foe in the forest took {30 - r['view']['units'][2][2]}, not 8 - 1")
        r = _order(game, r, (2, 0), (2, 0), (2, 1))
        hit = 30 - r["view"]["units"][3][2]
        fail_if(hit != 6, f"the foe on the hill took {hit}, not 8 - 2")
        return "an 8-attack hit a foe in a forest for 7 and one on a hill for 6"

    out.append(Keypoint("terrain_defence", "Forests and hills shield the unit standing on them", terrain_defence))
    return out


def _combat_checks(mech: set[str]) -> list[Keypoint]:
    out: list[Keypoint] = []

    @_checked
    def attack_removes(game: HeadlessGame) -> str:
        lv = battle(PLAINS, [unit("player", 2, 1, atk=8), unit("enemy", 3, 1, hp=8), unit("enemy", 7, 2, move=1)])
        v = _load(game, lv)
        s0 = game.state()["score"]
        r = _order(game, v, (2, 1), (2, 1), (3, 1))
        fail_if(r["view"]["units"][1][2] != 0, f"the 8-damage blow left the 8-HP foe {r['view']['units'][1][2]} HP")
        fail_if(r["score"] - s0 != 10, f"the fallen foe gave {r['score'] - s0} points, not 10")
        r = _order(game, r, (2, 1), (3, 1), (3, 1))  # the fallen foe's tile is free to walk onto
        fail_if(r["view"]["units"][0][:2] != [3, 1], "the fallen foe still blocks its tile")
        return "the attack dealt its 8 damage; the foe at 0 HP was removed (10 points) and its tile freed"

    out.append(Keypoint("attack_removes", "An attack deals its damage; a unit at 0 HP is removed (a fallen foe adds to the score)",
                        attack_removes,
                        "melee" if "melee" in mech else None))

    @_checked
    def ai_attacks_weakest(game: HeadlessGame) -> str:
        lv = battle(PLAINS, [unit("player", 2, 1, hp=20), unit("player", 4, 1, hp=9), unit("enemy", 3, 1, atk=5, move=2)])
        _load(game, lv)
        r = _key(game, rules.END)
        hp = [u[2] for u in r["view"]["units"][:2]]
        fail_if(hp != [20, 4], f"the foe between a 20-HP and a 9-HP unit left them at {hp}, not [20, 4]")
        lv = battle(PLAINS, [unit("player", 0, 1, hp=20), unit("enemy", 5, 1, atk=5, move=4)])
        _load(game, lv)
        r = _key(game, rules.END)
        fail_if(r["view"]["units"][0][2] != 15, "a foe 4 tiles away didn't walk up and strike")
        return "the foe struck the weaker of two units in reach; another walked up and struck"

    out.append(Keypoint("ai_attacks_weakest", "The enemy AI attacks the weakest unit it can reach",
                        ai_attacks_weakest, "health" if "health" in mech else None))

    @_checked
    def rout_wins(game: HeadlessGame) -> str:
        lv = battle(PLAINS, [unit("player", 2, 1), unit("player", 0, 0), unit("enemy", 3, 1, hp=1)])
        v = _load(game, lv)
        r = _order(game, v, (2, 1), (2, 1), (3, 1))
        fail_if(not (r["status"] == "won" or r["cleared"] >= 1), f"the last foe fell but the level isn't won ({r['status']})")
        return "the last foe fell and the level was won, mid-turn"

    out.append(Keypoint("rout_wins", "Rout: defeating every enemy unit wins the level", rout_wins))

    @_checked
    def hold_survives(game: HeadlessGame) -> str:
        lv = battle(["................"], [unit("player", 0, 0), unit("enemy", 15, 0, move=2)], mode="hold", hold=2)
        _load(game, lv)
        r = _key(game, rules.END)
        fail_if(r["status"] != "playing" or r["view"]["turn"] != 2, "the battle ended after one enemy turn of two")
        r = _key(game, rules.END)
        fail_if(not (r["status"] == "won" or r["cleared"] >= 1), f"holding out 2 enemy turns didn't win ({r['status']})")
        return "after 1 enemy turn the battle went on; after 2 (the hold) it was won"

    out.append(Keypoint("hold_survives", "Hold: surviving the given number of enemy turns wins", hold_survives))
    return out


def _score_check(config: dict[str, Any]) -> Keypoint:
    win = int(config.get("win_points") or 0)

    @_checked
    def points_for_foes(game: HeadlessGame) -> str:
        lv = battle(PLAINS, [unit("player", 2, 1), unit("player", 0, 0), unit("enemy", 3, 1, hp=1),
                             unit("enemy", 2, 2, hp=1)])
        v = _load(game, lv)
        s0 = game.state()["score"]
        r = _order(game, v, (2, 1), (2, 1), (3, 1))
        fail_if(r["score"] - s0 != 10, f"defeating a 10-point foe scored {r['score'] - s0}")
        r = _order(game, r, (0, 0), (1, 2), (2, 2))
        fail_if(r["score"] - s0 != 20 + win, f"the rout scored {r['score'] - s0 - 20}, not the {win} bonus")
        return f"each fallen foe scored its 10 points and the rout {win} more"

    return Keypoint("points_for_foes", "The score counts each defeated foe's points and a bonus for the victory",
                    points_for_foes, "score")


def _waves_check() -> Keypoint:
    @_checked
    def waves(game: HeadlessGame) -> str:
        wave = {**unit("enemy", 14, 0, move=2), "arrive": 2}
        lv = battle(["................", "................"], [unit("player", 0, 0, hp=40), unit("enemy", 1, 0, hp=1),
                                                               wave], mode="hold", hold=5)
        v = _load(game, lv)
        fail_if(v["units"][2][4] is not True, "the reinforcement due on turn 2 is on the map from the start")
        r = _order(game, v, (0, 0), (0, 0), (1, 0))
        fail_if(r["status"] != "playing", "the battle was won by routing the foes on the map while a wave was still due")
        fail_if(r["view"]["turn"] != 2 or r["view"]["units"][2][4] is not False or r["view"]["units"][2][:2] != [14, 0],
                "the reinforcement didn't march onto its tile as turn 2 began")
        r = _key(game, rules.END)
        fail_if(r["view"]["units"][2][0] >= 14, "the reinforcement didn't advance on the next enemy turn")
        return ("the foes on the map were routed but the battle went on: a wave was due; it marched in as turn 2 "
                "began and advanced on the next enemy turn")

    return Keypoint("waves", "Waves: enemy reinforcements march onto the field on later turns", waves, "waves")


def _fog_check() -> Keypoint:
    @_checked
    def fog_hides(game: HeadlessGame) -> str:
        lv = battle(["..........", ".........."], [unit("player", 0, 0, move=4), unit("enemy", 8, 0, move=1),
                                                   unit("enemy", 2, 1)], fog=True, sight=5)
        v = _load(game, lv)
        fail_if(not v["fog"], "the battle has no fog of war")
        fail_if(v["seen"] != [True, False, True], f"under fog the units shown are {v['seen']}, not the army and the "
                "foe 3 steps away (the one 8 steps away hidden)")
        r = _at(game, v, 0, 0)
        r = _at(game, r, 3, 0)
        fail_if(r["view"]["seen"][1] is not True, "moving within 5 steps of the far foe didn't reveal it")
        return "under fog the foe 8 steps away was hidden, the one 3 away shown; moving closer revealed the first"

    return Keypoint("fog_hides", "Fog of war: only tiles near the army are shown; hidden foes are not drawn", fog_hides)


def _lost_check(mech: set[str]) -> Keypoint:
    @_checked
    def army_lost_loses(game: HeadlessGame) -> str:
        lv = battle(PLAINS, [unit("player", 2, 1, hp=3), unit("enemy", 3, 1, atk=9)])
        _load(game, lv)
        lives = game.state()["lives"]
        if lives is not None:
            game.run("__game.game.lives = 2;")
            r = _key(game, rules.END)
            fail_if(r["status"] != "playing" or r["lives"] != 1, f"losing the army with 2 lives left the game "
                    f"{r['status']!r} with {r['lives']} lives")
            fail_if(r["view"]["units"][0][2] != 3 or r["view"]["turn"] != 1, "the battle didn't start again")
        r = _key(game, rules.END)
        fail_if(r["status"] != "lost", f"losing every unit left the game {r['status']!r}")
        return ("losing every unit cost a life and the battle began again; on the last life the game was lost"
                if lives is not None else "losing every unit lost the game")

    # (The id every family's lose check has: fidelity reads the GDD's lose rule as proved by it.)
    return Keypoint("last_life_loses", "Lose the battle when every unit of the army (the whole squad) falls", army_lost_loses,
                    "lives" if "lives" in mech else None)


def _foe_check(slug: str, name: str, foe: dict[str, Any]) -> Keypoint:
    @_checked
    def check(game: HeadlessGame) -> str:
        e = unit("enemy", 9, 0, hp=int(foe["hp"]), atk=int(foe["atk"]), df=int(foe["df"]), move=int(foe["move"]),
                 rmin=int(foe["rmin"]), rmax=int(foe["rmax"]), slug=slug, cls=str(foe.get("cls") or name))
        lv = battle(["..........", ".........."], [unit("player", 0, 0, hp=40), e])
        _load(game, lv)
        r = _key(game, rules.END)
        x, y = r["view"]["units"][1][:2]
        fail_if(rules.dist((x, y), (0, 0)) >= 9, f"the {name} didn't advance on its turn")
        fail_if(rules.dist((x, y), (9, 0)) > int(foe["move"]), f"the {name} moved past its {foe['move']} move points")
        return f"the {name} ({foe.get('cls')}) advanced {rules.dist((x, y), (9, 0))} tiles toward the army on its turn"

    return Keypoint(f"foe_{slug}", f"{name}: fights on the enemy's side, moving and attacking on its turn",
                    check, slug)


def _lead_check(slug: str, name: str) -> Keypoint:
    @_checked
    def check(game: HeadlessGame) -> str:
        v = _load(game, battle(PLAINS, [unit("player", 0, 1, move=4, slug=slug, cls=name), unit("enemy", 7, 1)]))
        r = _order(game, v, (0, 1), (4, 1), (4, 1))
        fail_if(r["view"]["units"][0][:2] != [4, 1], f"the {name} didn't move where ordered")
        return f"the {name} was selected, moved 4 tiles and waited"

    return Keypoint("lead_unit", f"{name} leads the army: selected and moved on the map", check, slug)


def _names(spec: dict[str, Any]) -> dict[str, str]:
    return {e["slug"]: e.get("name") or e["slug"] for e in spec.get("enemies") or [] if e.get("slug")}


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    mech = spec_mechanics(spec)
    names = _names(spec)
    out = _core_checks(config, mech) + _combat_checks(mech) + [_lost_check(mech), _waves_check(), _fog_check()]
    if "score" in mech:
        out.append(_score_check(config))
    player = spec.get("player") or {}
    if player.get("slug"):
        out.append(_lead_check(str(player["slug"]), str(player.get("name") or "leader")))
    foes: dict[str, dict[str, Any]] = {}
    for lv in levels:
        for u in lv.get("units") or []:
            if u.get("side") == "enemy":
                foes.setdefault(str(u["slug"]), u)
    for slug, foe in list(foes.items())[:4]:
        out.append(_foe_check(slug, names.get(slug, slug), foe))
    return out


# ---- rules agreement: one key sequence, the real game and rules.World ------------------------------

AGREE_PRESSES = 300
_PRESSES = ("left", "right", "up", "down", "left", "right", "up", "down", "action", "action", "action", rules.END)

_AGREE_JS = presses_recorder_js("Maestro.genres.tactics.qa", "v.units, v.cursor, v.sel, v.phase, v.turn, v.score")


class _Replay(LivesReplay[rules.World]):
    """The Python side: :class:`rules.World` through its controls, plus what the game does around a
    battle: a lost army costs a life and starts the battle again when the game has lives, else loses."""

    def row(self) -> list[Any]:
        w = self.rules
        return [[[u.x, u.y, u.hp, u.done, u.waiting] for u in w.units], [w.cx, w.cy], w.sel, w.phase, w.turn, w.score]


_FIELDS = ("units [x, y, hp, done, waiting]", "cursor", "selected", "phase", "turn", "score")


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """300 random presses played on ``level`` in the real tactics.js and through :class:`rules.World`;
    compared after every press (units, cursor, selection, phase, turn, score, lives, status). None
    when they agree to the end, else the first difference."""
    _install(game)
    keys = [rng.choice(_PRESSES) for _ in range(AGREE_PRESSES)]
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(keys)})")
    first, rows = out["first"], out["rows"]
    py = _Replay(lambda: rules.World.start(level, config), first[len(_FIELDS)])
    return replay_agrees(first, rows, keys, py, _FIELDS, "battle", ("win the battle", "wins the battle"))
