"""Query for the rpg genre (a top-down map and turn-based battles with a menu; mode "battles").

The bot replays the Labyrinth solver's proof (``maestro.genres.rpg.rules.solve``): every key press
of a win (walking, bumping foes, menu moves and choices) goes to the REAL game code, while a Python
:class:`rules.World` follows along; after every press the hero's place, HP, MP and the battle are
compared, so a game that drifts from the rules is caught where it drifts.

Each keypoint loads a tiny hand-made level (a corridor: the hero, a foe or a pickup next to him,
the exit) into the build's own game through ``__rp.load`` and reads the result through the
module's QA hook ``Maestro.genres.rpg.qa.view``. Each check also shows the action next to the rule
does happen (a game that ignores keys can't pass by doing nothing).
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, LivesReplay, checked, fail_if, presses_recorder_js,
                                     replay_agrees, replay_mirrored, spec_mechanics)
from maestro.genres.rpg import rules

SETTLE_FRAMES = 200  # after the last press: the 1.5 s "Level complete!" transition is 90 frames
FRAMES_PER_PRESS = 2

_JS_HELPERS = """
var __rp = {
  view: function () { var G = __game.game; return G.world ? Maestro.genres.rpg.qa.view(G, G.world) : null; },
  key: function (a) {
    __game.press(a, true); __game.step(1); __game.press(a, false); var st = __game.step(1);
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, lives: st.lives,
            last_loss: st.last_loss, view: __rp.view()};
  },
  load: function (lv, at) { __qa.release(); var G = __game.game; at = at || 0; G.levels[at] = lv; __game.start(at + 1); return __rp.view(); }
};
"""


def _install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.rpg && Maestro.genres.rpg.qa && Maestro.genres.rpg.qa.view)"):
        raise HeadlessError("the rpg module has no qa.view hook")
    if not game.js("typeof __rp !== 'undefined'"):
        game.run(_JS_HELPERS)


def _key(game: HeadlessGame, a: str) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__rp.key({json.dumps(a)})")
    return out


def _keys(game: HeadlessGame, keys: list[str]) -> dict[str, Any]:
    r: dict[str, Any] = {}
    for k in keys:
        r = _key(game, k)
    return r


def _mirror_differs(view: dict[str, Any] | None, w: rules.World) -> str | None:
    """What the game shows that the rules don't (place, hero, battle), or None."""
    if view is None:
        return "the game has no level in play"
    if (view["x"], view["y"]) != (w.x, w.y):
        return f"the hero is at {(view['x'], view['y'])} in the game, {(w.x, w.y)} by the rules"
    if view["hero"] != w.hero:
        return f"the hero is {view['hero']} in the game, {w.hero} by the rules"
    b = view["battle"]
    if (b is None) != (w.battle is None):
        return "a battle is under way in " + ("the game" if b else "the rules") + " only"
    if b and w.battle and [f["hp"] for f in b["foes"]] != [f.hp for f in w.battle.foes]:
        return f"the foes have {[f['hp'] for f in b['foes']]} HP in the game, {[f.hp for f in w.battle.foes]} by the rules"
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
    return replay_mirrored(game, _install, keys, budget, FRAMES_PER_PRESS, view="__rp.view()", press=_key,
                           mirror=mirror, differs=_mirror_differs,
                           won=lambda n: f"won level 1 in {n} presses ({proof['battles']} battles, "
                                         f"{proof['hp_left']} HP left)")


# ---- keypoints -----------------------------------------------------------------------------------


def _hero(hp: int = 40, mp: int = 10, atk: int = 6, df: int = 2, spd: int = 5, lvl: int = 1, xp: int = 0,
          potions: int = 1, max_hp: int | None = None) -> dict[str, int]:
    return {"hp": hp, "max_hp": max_hp or hp, "mp": mp, "max_mp": mp, "atk": atk, "df": df, "spd": spd,
            "lvl": lvl, "xp": xp, "potions": potions}


def _foe(hp: int = 30, atk: int = 5, df: int = 1, spd: int = 3, pattern: list[str] | None = None,
         slug: str = "enemy", xp: int = 3) -> dict[str, Any]:
    return {"slug": slug, "hp": hp, "atk": atk, "df": df, "spd": spd, "xp": xp, "points": 10,
            "pattern": pattern or ["attack"]}


def _corridor(party: list[dict[str, Any]] | None, hero: dict[str, int], boss: bool = False,
              pickups: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """A 5-tile corridor: the hero at 1, a foe (or pickup) at 2, the exit at 5 (or under the boss at 2)."""
    encounters = [] if party is None else [{"x": 2, "y": 1, "boss": boss, "party": party}]
    return {"mode": "battles", "w": 7, "h": 3, "grid": ["#######", "#.....#", "#######"], "start": [1, 1],
            "exit": [2, 1] if boss else [5, 1], "hero": hero, "encounters": encounters, "pickups": pickups or [],
            "boss": boss, "name": "QA corridor", "seed": 1}


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


def _load(game: HeadlessGame, level: dict[str, Any], last: bool = False) -> dict[str, Any]:
    at = "__game.game.levels.length - 1" if last else "0"
    out: dict[str, Any] = game.js(f"__rp.load({json.dumps(level)}, {at})")
    return out


def _battle(game: HeadlessGame, level: dict[str, Any], last: bool = False) -> dict[str, Any]:
    """Load ``level`` and bump the foe next to the hero: the battle's first view."""
    _load(game, level, last)
    r = _key(game, "right")
    fail_if(not r["view"] or not r["view"]["battle"], "bumping into the foe didn't start a battle")
    return r


def _menu(game: HeadlessGame, view: dict[str, Any], choice: int) -> dict[str, Any]:
    """Move the cursor to menu entry ``choice`` (Attack 0 ... Flee 4) and choose it."""
    d = choice - int(view["battle"]["sel"])
    return _keys(game, (["down"] * d if d > 0 else ["up"] * -d) + ["action"])


def _names(spec: dict[str, Any]) -> dict[str, str]:
    return {e["slug"]: e.get("name") or e["slug"] for group in ("enemies", "items") for e in spec.get(group) or []
            if e.get("slug")}


def _menu_checks(config: dict[str, Any], mech: set[str]) -> list[Keypoint]:
    out: list[Keypoint] = []

    @_checked
    def battle_menu(game: HeadlessGame) -> str:
        r = _battle(game, _corridor([_foe(30, atk=5, df=1, spd=3)], _hero(40, atk=6, df=2, spd=5)))
        v = r["view"]
        fail_if((v["x"], v["y"]) != (1, 1), "bumping into the foe moved the hero onto it")
        fail_if(v["battle"]["sel"] != 0 or v["battle"]["round"] != 0, "the battle didn't open on the menu's first entry")
        r = _keys(game, ["down", "down", "up", "up"])
        fail_if(r["view"]["battle"]["sel"] != 0 or r["view"]["battle"]["round"] != 0, "moving the cursor played a turn")
        r = _key(game, "action")  # Attack
        b, hp = r["view"]["battle"], r["view"]["hero"]["hp"]
        fail_if(b["foes"][0]["hp"] != 30 - 5, f"Attack took {30 - b['foes'][0]['hp']} HP, not 6 - 1 = 5")
        fail_if(hp != 40 - 3, f"the foe's reply took {40 - hp} HP, not 5 - 2 = 3")
        fail_if(b["round"] != 1, "the round didn't end after both sides acted")
        r = _key(game, "down")
        fail_if(r["view"]["battle"]["sel"] != 1, "Down didn't move the cursor to the next entry")
        r = _key(game, "up")
        r = _menu(game, r["view"], 3)  # Defend: no damage dealt, the foe still acts
        b = r["view"]["battle"]
        fail_if(b["round"] != 2 or b["foes"][0]["hp"] != 25, "Defend didn't pass the turn to the foe")
        return "turn by turn: the menu chose Attack (5 damage), the foe replied (3), then Defend; the cursor moved freely"

    out.append(Keypoint("battle_menu", "Battles are turn-based: the hero picks an action from the menu, then the foes act",
                        battle_menu, "melee" if "melee" in mech else None))

    @_checked
    def turn_order(game: HeadlessGame) -> str:
        _battle(game, _corridor([_foe(6, atk=12, df=0, spd=9)], _hero(40, atk=6, df=2, spd=5)))
        r = _key(game, "action")
        fail_if(r["view"]["battle"] is not None, "the hero's blow didn't fell a 6-HP foe")
        fail_if(r["view"]["hero"]["hp"] != 30, f"the faster foe should strike first (10 damage), the hero has {r['view']['hero']['hp']} HP")
        _battle(game, _corridor([_foe(6, atk=12, df=0, spd=2)], _hero(40, atk=6, df=2, spd=5)))
        r = _key(game, "action")
        fail_if(r["view"]["battle"] is not None or r["view"]["hero"]["hp"] != 40,
                 "the faster hero didn't fell the slow foe before it could strike")
        return "a faster foe struck before the hero's blow; a slower one fell before striking"

    out.append(Keypoint("turn_order", "Turn order follows speed: the faster side acts first", turn_order))

    @_checked
    def defend_halves(game: HeadlessGame) -> str:
        r = _battle(game, _corridor([_foe(60, atk=12, df=0, spd=3)], _hero(60, df=2)))
        r = _key(game, "action")
        hit = 60 - r["view"]["hero"]["hp"]
        fail_if(hit != 10, f"an undefended 12-attack hit took {hit} HP, not 10")
        hp = r["view"]["hero"]["hp"]
        r = _menu(game, r["view"], 3)
        got = hp - r["view"]["hero"]["hp"]
        fail_if(got != 5, f"a defended hit took {got} HP, not half of 10")
        return "the same blow took 10 HP, and 5 while defending"

    out.append(Keypoint("defend_halves", "Defend halves the damage the hero takes that round", defend_halves))

    @_checked
    def skill_mp(game: HeadlessGame) -> str:
        cost, power = int(config["skill_cost"]), int(config["skill_power"])
        r = _battle(game, _corridor([_foe(40, df=1, pattern=["charge"]), _foe(40, df=1, pattern=["charge"])],
                                    _hero(40, mp=cost + 1, atk=6)))
        r = _menu(game, r["view"], 1)
        v = r["view"]
        want = 40 - max(1, 6 + power - 1)
        fail_if([f["hp"] for f in v["battle"]["foes"]] != [want, want], f"{config['skill_name']} left the foes at "
                 f"{[f['hp'] for f in v['battle']['foes']]} HP, not {want} each")
        fail_if(v["hero"]["mp"] != 1, f"{config['skill_name']} left {v['hero']['mp']} MP, not {cost + 1} - {cost}")
        r = _key(game, "action")
        fail_if(r["view"]["battle"]["round"] != 1 or r["view"]["hero"]["mp"] != 1, "a skill was cast without the MP for it")
        return f"{config['skill_name']} cost {cost} MP and hit both foes for {40 - want}; with 1 MP it was refused"

    out.append(Keypoint("skill_mp", "A skill costs MP, hits every foe harder, and is refused without the MP", skill_mp))

    @_checked
    def flee(game: HeadlessGame) -> str:
        r = _battle(game, _corridor([_foe(30, pattern=["charge"])], _hero(40)))
        r = _menu(game, r["view"], 4)
        v = r["view"]
        fail_if(v["battle"] is not None, "Flee didn't leave a normal battle")
        fail_if(v["beaten"] != [False] or (v["x"], v["y"]) != (1, 1), "after fleeing the foe should still stand there")
        r = _battle(game, _corridor([_foe(30, pattern=["charge"])], _hero(40), boss=True), last=True)
        r = _menu(game, r["view"], 4)
        fail_if(r["view"]["battle"] is None, "the hero fled from the boss")
        return "Flee left a normal battle (the foe stayed on the map) but was refused against the boss"

    out.append(Keypoint("flee", "Flee leaves a normal battle, never the boss's", flee))
    return out


def _outcome_checks(config: dict[str, Any], mech: set[str], potion_slug: str | None) -> list[Keypoint]:
    out: list[Keypoint] = []
    heal = int(config["potion_heal"])

    @_checked
    def potion_heals(game: HeadlessGame) -> str:
        r = _battle(game, _corridor([_foe(30, pattern=["charge"])], _hero(10, potions=1, max_hp=60)))
        r = _menu(game, r["view"], 2)
        v = r["view"]
        fail_if(v["hero"]["hp"] != 10 + heal, f"the {config['potion_name']} healed {v['hero']['hp'] - 10} HP, not {heal}")
        fail_if(v["hero"]["potions"] != 0, "the potion wasn't used up")
        r = _key(game, "action")
        fail_if(r["view"]["battle"]["round"] != 1, "a potion was drunk with none left")
        return f"the {config['potion_name']} healed {heal} HP and was used up; with none left the Item was refused"

    out.append(Keypoint("potion_heals", f"A {config['potion_name']} (Item) heals {heal} HP and is used up",
                        potion_heals, potion_slug or ("health" if "health" in mech else None)))

    @_checked
    def boss_battle(game: HeadlessGame) -> str:
        boss = _foe(14, atk=4, df=0, spd=3, pattern=["attack", "heal"], slug="boss")
        r = _battle(game, _corridor([boss], _hero(40, atk=8), boss=True), last=True)
        fail_if(not r["view"]["battle"]["boss"], "the foe on the exit isn't fought as the boss")
        r = _key(game, "action")
        fail_if(r["status"] != "playing" or r["view"]["battle"] is None, "the boss fell before its HP ran out")
        r = _key(game, "action")
        fail_if(r["status"] != "won", f"beating the boss on the last level left the game {r['status']!r}")
        return "the boss guarding the exit fought back (it healed) and beating it won the game"

    out.append(Keypoint("boss_battle", "The boss guards the last exit; beating it wins the game", boss_battle))

    @_checked
    def hero_defeated(game: HeadlessGame) -> str:
        r = _battle(game, _corridor([_foe(40, atk=30)], _hero(5)))
        game.run("if (__game.game.lives !== null) __game.game.lives = 1;")
        r = _key(game, "action")
        fail_if(r["status"] != "lost", f"the hero fell to 0 HP but the game is {r['status']!r}")
        return f"at 0 HP the game was lost ({r['last_loss']})"

    # Without lives the hero's one life is the last: this is then the game's lose rule.
    out.append(Keypoint("hero_defeated" if "lives" in mech else "last_life_loses", "The hero at 0 HP loses the game"
                        if "lives" not in mech else "The hero at 0 HP loses the battle", hero_defeated,
                        "health" if "health" in mech else None))

    @_checked
    def collect(game: HeadlessGame) -> str:
        pickups = [{"x": 2, "y": 1, "kind": "potion", "slug": potion_slug, "points": 0},
                   {"x": 3, "y": 1, "kind": "treasure", "slug": None, "points": 10}]
        _load(game, _corridor(None, _hero(20, potions=0), pickups=pickups))
        s0 = game.state()["score"]
        r = _key(game, "right")
        fail_if(r["view"]["hero"]["potions"] != 1 or r["view"]["taken"] != [True, False],
                 f"stepping on the {config['potion_name']} didn't put it in the bag")
        r = _key(game, "right")
        fail_if(r["view"]["taken"] != [True, True] or r["score"] - s0 != 10, "the treasure wasn't picked up for 10 points")
        return f"the {config['potion_name']} went into the bag and the treasure gave 10 points"

    out.append(Keypoint("collect", f"Stepping on a {config['potion_name']} puts it in the bag; treasure gives points",
                        collect, "collect" if "collect" in mech else None))

    @_checked
    def level_up(game: HeadlessGame) -> str:
        step = int(config["xp_step"])
        r = _battle(game, _corridor([_foe(1, xp=5)], _hero(20, atk=6, xp=step - 1)))
        r = _key(game, "action")
        h = r["view"]["hero"]
        fail_if(r["view"]["battle"] is not None, "the foe at 0 HP didn't end the battle")
        fail_if(h["lvl"] != 2, f"{step - 1 + 5} XP of {step} left the hero at level {h['lvl']}")
        fail_if((h["max_hp"], h["atk"]) != (20 + int(config["hp_gain"]), 6 + int(config["atk_gain"])),
                 f"levelling up gave max HP {h['max_hp']}, attack {h['atk']}")
        fail_if(r["view"]["beaten"] != [True], "the beaten foe is still on the map")
        return f"the battle's XP raised the hero to level 2 (+{config['hp_gain']} max HP, +{config['atk_gain']} attack)"

    out.append(Keypoint("level_up", "Winning battles gives XP; enough XP levels the hero up (HP, attack)", level_up))

    @_checked
    def exit_reached(game: HeadlessGame) -> str:
        _load(game, _corridor(None, _hero(20)))
        r = _keys(game, ["up", "right", "right", "right"])
        fail_if(r["cleared"] or r["view"]["x"] != 4, "the hero didn't walk the corridor tile by tile")
        r = _key(game, "right")
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), "reaching the exit didn't complete the level")
        return "the hero walked one tile a press (walls block) and the exit completed the level"

    out.append(Keypoint("exit_wins", "The hero walks the map tile by tile; the exit completes the level", exit_reached,
                        "reach_exit" if "reach_exit" in mech else None))
    return out


def _foe_check(slug: str, name: str, foe: dict[str, Any]) -> Keypoint:
    @_checked
    def check(game: HeadlessGame) -> str:
        f = dict(foe, hp=max(int(foe["hp"]), 40))
        r = _battle(game, _corridor([f], _hero(200, atk=3)))
        shown = r["view"]["battle"]["foes"][0]
        fail_if(shown["slug"] != slug, f"the battle's foe is {shown['slug']!r}, not {name}")
        seen = []
        for _ in range(len(foe["pattern"])):
            want = r["view"]["battle"]["foes"][0]["intent"]
            hp = r["view"]["hero"]["hp"]
            r = _key(game, "action")
            lost = hp - r["view"]["hero"]["hp"]
            fail_if((want in ("attack", "heavy")) != (lost > 0), f"{name} showed {want!r} but the hero lost {lost} HP")
            seen.append(want)
        return f"{name} did what it showed, round after round: {', '.join(seen)}"

    return Keypoint(f"foe_{slug}", f"{name} fights in turn-based battles and does what its pattern shows", check, slug)


def _pickup_check(slug: str, name: str, points: int) -> Keypoint:
    @_checked
    def check(game: HeadlessGame) -> str:
        _load(game, _corridor(None, _hero(20), pickups=[{"x": 2, "y": 1, "kind": "treasure", "slug": slug, "points": points}]))
        s0 = game.state()["score"]
        r = _key(game, "right")
        fail_if(r["view"]["taken"] != [True], f"stepping on the {name} didn't pick it up")
        fail_if(r["score"] - s0 != points, f"the {name} gave {r['score'] - s0} points, not {points}")
        return f"the {name} was picked up for {points} points"

    return Keypoint(f"item_{slug}", f"The {name} lies on the map and is picked up for points", check, slug)


def _lives_check() -> Keypoint:
    @_checked
    def last_life_loses(game: HeadlessGame) -> str:
        r = _battle(game, _corridor([_foe(40, atk=30)], _hero(5)))
        game.run("__game.game.lives = 2;")
        r = _key(game, "action")
        fail_if(r["status"] != "playing" or r["lives"] != 1, f"losing a battle with 2 lives left the game "
                 f"{r['status']!r} with {r['lives']} lives")
        fail_if(r["view"]["battle"] is not None or (r["view"]["x"], r["view"]["y"]) != (1, 1), "the level didn't start again")
        r = _keys(game, ["right", "action"])
        fail_if(r["status"] != "lost", f"losing the last life left the game {r['status']!r}")
        return "a lost battle cost a life and the level began again; on the last life the game was lost"

    return Keypoint("last_life_loses", "Losing a battle costs a life; the last one loses the game", last_life_loses, "lives")


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    mech = spec_mechanics(spec)
    names = _names(spec)
    out = _outcome_checks(config, mech, config.get("potion_slug")) + _menu_checks(config, mech)
    out.sort(key=lambda k: k.id != "battle_menu")  # the defining check first; then the boss battle before Flee
    if "lives" in mech:
        out.append(_lives_check())
    foes: dict[str, dict[str, Any]] = {}
    for lv in levels:
        for e in lv.get("encounters") or []:
            for f in e.get("party") or []:
                foes.setdefault(f["slug"], f)
    for slug, foe in list(foes.items())[:4]:
        out.append(_foe_check(slug, names.get(slug, slug), foe))
    for t in (config.get("treasure") or [])[:3]:
        out.append(_pickup_check(t["slug"], names.get(t["slug"], t["name"]), int(t["points"])))
    return out


# ---- rules agreement: one key sequence, the real game and rules.World ------------------------------

AGREE_PRESSES = 300
_PRESSES = ("left", "right", "up", "down", "right", "down", "action", "action")

_AGREE_JS = presses_recorder_js("Maestro.genres.rpg.qa", (
    "v.x, v.y, v.hero, v.beaten, v.taken, "
    "v.battle ? [v.battle.sel, v.battle.target, v.battle.round, "
    "v.battle.foes.map(function (f) { return [f.hp, f.step]; })] : null"))


class _Replay(LivesReplay[rules.World]):
    """The Python side: :class:`rules.World` through its controls, plus what the game does around a
    level: a lost battle costs a life and starts the level again when the game has lives, else loses."""

    def row(self) -> list[Any]:
        w, b = self.rules, self.rules.battle
        return [w.x, w.y, w.hero, w.beaten, w.taken,
                None if b is None else [b.sel, b.target, b.round, [[f.hp, f.step] for f in b.foes]]]


_FIELDS = ("x", "y", "hero", "foes beaten", "pickups taken", "battle [sel, target, round, foes]")


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """300 random presses played on ``level`` in the real rpg.js and through :class:`rules.World`;
    compared after every press (place, hero, foes beaten, pickups, the battle, lives, status). None
    when they agree to the end, else the first difference."""
    _install(game)
    keys = [rng.choice(_PRESSES) for _ in range(AGREE_PRESSES)]
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(keys)})")
    first, rows = out["first"], out["rows"]
    py = _Replay(lambda: rules.World.start(level, config), first[len(_FIELDS)])
    return replay_agrees(first, rows, keys, py, _FIELDS, "level", ("complete the level", "completes the level"))
