"""Query for the simulation family (modes "farm", "pet", "shop"; "manage" in manage_qa.py).

Farm and shop: the bot replays the planting (``farm.greedy``) or restocking (``shop.restock``)
strategy's keys, the level's proof, through the REAL game code, a press being one frame down and one
up, with the rules (:class:`farm.Farm`, :class:`shop.Shop`) following along and the game compared with
them after every press. Pet: the bot taps the care strategy's keys
(``pet.care_for``) on the world's own frames (``world().f``) in one V8 call.

Each keypoint (farm_qa.py, pet_qa.py) loads a tiny hand-made level into the build's own game (in place
of level 1, so the module's real ``start`` / ``update`` run), presses keys or lets frames pass, and
reads the level back through the module's QA hook ``Maestro.genres.simulation.qa.view``; the expected
outcome comes from the Python rules on the same level, so a check fails both when the rule is missing
and when the two rule books drift apart.
"""

from __future__ import annotations

import json
import random
from typing import Any

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, LivesReplay, Presses, presses_recorder_js,
                                     replay_agrees, replay_level_one, replay_mirrored)
from maestro.genres.simulation import farm, pet, shop
from maestro.genres.simulation.farm import Farm
from maestro.genres.simulation.pet import Pet
from maestro.genres.simulation.shop import Shop

FRAMES_PER_PRESS = 2
SETTLE_FRAMES = 120  # the 1.5 s "Level complete!" transition is 90 frames
AGREE_PRESSES = 300
AGREE_FRAMES = 1500

_JS_HELPERS = """
var __sim = {
  Q: function () { return Maestro.genres.simulation.qa; },
  view: function () { var G = __game.game; return G.world ? __sim.Q().view(G, G.world) : null; },
  out: function (st) {
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, lives: st.lives,
            last_loss: st.last_loss, view: __sim.view()};
  },
  key: function (a) { __game.press(a, true); __game.step(1); __game.press(a, false); return __sim.out(__game.step(1)); },
  keys: function (list) { var r = __sim.out(__game.state()); for (var i = 0; i < list.length; i++) r = __sim.key(list[i]); return r; },
  frames: function (n) { var r = __sim.out(__game.state()); for (var i = 0; i < n; i++) r = __sim.out(__game.step(1)); return r; },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __sim.view(); },
  // A pet level played frame by frame: taps[i] pressed for frame i alone; a row after each frame.
  agreePet: function (lv, taps, n) {
    __sim.load(lv);
    var rows = [], G = __game.game;
    for (var i = 0; i < n; i++) {
      var ks = taps[i] || [];
      ks.forEach(function (k) { __game.press(k, true); });
      __game.step(1);
      ks.forEach(function (k) { __game.press(k, false); });
      var v = __sim.view();
      rows.push([v.vals, v.cursor, v.busy, v.f, v.hour, v.age, v.stage, v.zero, G.status, G.cleared, v.won]);
      if (G.status !== 'playing' || G.cleared > 0 || v.won || v.over) break;
    }
    return rows;
  }
};
"""


def install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.simulation && Maestro.genres.simulation.qa)"):
        raise HeadlessError("the simulation module has no qa hooks")
    if not game.js("typeof __sim !== 'undefined'"):
        game.run(_JS_HELPERS)


def call(game: HeadlessGame, fn: str, *args: Any) -> Any:
    return game.js(f"__sim.{fn}({', '.join(json.dumps(a) for a in args)})")


# ---- comparing the game with the rules ------------------------------------------------------------

FARM_FIELDS = ("soil", "crop", "growth", "wet", "basket", "coins", "cx", "cy", "sel", "day", "tick", "score", "won",
               "over")
SHOP_FIELDS = ("stock", "coins", "cursor", "day", "sold", "missed", "score", "won", "over")
PET_FIELDS = ("vals", "cursor", "busy", "f", "hour", "age", "stage", "zero", "won", "over")


def differs(view: dict[str, Any] | None, s: Farm | Pet | Shop) -> str | None:
    """The first field where the game's view and the rules' state differ, in words; None if none."""
    if view is None:
        return "the game has no level running"
    for k in FARM_FIELDS if isinstance(s, Farm) else SHOP_FIELDS if isinstance(s, Shop) else PET_FIELDS:
        want = getattr(s, k)
        if view.get(k) != want:
            return f"{k} is {str(view.get(k))[:120]} in the game, {str(want)[:120]} by the rules"
    return None


# ---- the bots -------------------------------------------------------------------------------------

def _press(game: HeadlessGame, key: str) -> dict[str, Any]:
    out: dict[str, Any] = call(game, "key", key)
    return out


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Level 1 played by the mode's proof strategy on the real game; won when level 2 starts or the game
    is won."""
    if level.get("mode") == "manage":
        from maestro.genres.simulation import manage_qa

        return manage_qa.play_level_one(game, level)
    if level.get("mode") == "pet":
        return _play_pet(game, level)
    if level.get("mode") == "shop":
        return _play_shop(game, level)
    end, keys = farm.greedy(level)
    if not end.won:
        return BotResult(False, 0, "the planting strategy does not reach level 1's coin goal")
    result = replay_mirrored(
        game, install, keys, FRAMES_PER_PRESS * len(keys) + SETTLE_FRAMES, FRAMES_PER_PRESS,
        view="__sim.view()", press=_press, mirror=Farm.start(level), differs=differs,
        won=lambda n: f"reached {end.coins} of the {level['goal']} coins goal on day {end.day} of {level['days']} "
                      f"with the planting strategy's {n} key presses")
    if result.won:
        game.step(SETTLE_FRAMES)  # past the level-complete transition, into level 2
    return result


def _play_shop(game: HeadlessGame, level: dict[str, Any]) -> BotResult:
    end, keys = shop.restock(level)
    if not end.won:
        return BotResult(False, 0, "the restocking strategy does not reach level 1's money goal")
    result = replay_mirrored(
        game, install, keys, FRAMES_PER_PRESS * len(keys) + SETTLE_FRAMES, FRAMES_PER_PRESS,
        view="__sim.view()", press=_press, mirror=Shop.start(level), differs=differs,
        won=lambda n: f"reached {end.coins} of the {level['goal']} coins goal in {end.day - 1} of {level['days']} days "
                      f"with the restocking strategy's {n} key presses")
    if result.won:
        game.step(SETTLE_FRAMES)
    return result


def _play_pet(game: HeadlessGame, level: dict[str, Any]) -> BotResult:
    end, taps = pet.care_for(level)
    if not end.won:
        return BotResult(False, 0, "the care strategy does not raise level 1's pet")
    report = "(function (now, played) { var w = played || now; return {stage: w ? w.stage : null, hour: w ? w.hour : null}; })"
    return replay_level_one(
        game, install, Presses(taps=taps), end.f + SETTLE_FRAMES, report=report,
        won=lambda out: f"raised the pet to stage {level['target']} in {end.hour} in-game hours with the care "
                        f"strategy's {sum(map(len, taps.values()))} taps",
        lost=lambda out: f"the pet is at stage {out.get('stage')} after {out.get('hour')} hours, not grown up",
        steps=sum(map(len, taps.values())))


# ---- rules_agree ---------------------------------------------------------------------------------

class _FarmReplay(LivesReplay[Farm]):
    def row(self) -> list[Any]:
        return [getattr(self.rules, k) for k in FARM_FIELDS]


class _ShopReplay(LivesReplay[Shop]):
    def row(self) -> list[Any]:
        return [getattr(self.rules, k) for k in SHOP_FIELDS]


_FARM_RECORDER = presses_recorder_js("Maestro.genres.simulation.qa", ", ".join(f"v.{k}" for k in FARM_FIELDS))
_SHOP_RECORDER = presses_recorder_js("Maestro.genres.simulation.qa", ", ".join(f"v.{k}" for k in SHOP_FIELDS))


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """Random input played on ``level`` in the real simulation.js and through the Python rules, compared
    after every press (farm: arrows and Space; every plot, the purse, the basket, the day and its
    tasks; shop: the shelf, the purse, the day's sales) or every frame (pet: taps on random frames; every need, the cursor, the clock, the stage).
    None when they agree to the end, else the first difference."""
    install(game)
    if level.get("mode") == "manage":
        from maestro.genres.simulation import manage_qa

        return manage_qa.rules_agree(game, level, rng)
    if level.get("mode") == "pet":
        return _pet_agree(game, level, rng)
    if level.get("mode") == "shop":
        keys = [rng.choice(["left", "right", "right", "action", "action"]) for _ in range(AGREE_PRESSES)]
        out = game.js(f"{_SHOP_RECORDER}({json.dumps(level)}, {json.dumps(keys)})")
        return replay_agrees(out["first"], out["rows"], keys, _ShopReplay(lambda: Shop.start(level), None),
                             SHOP_FIELDS, "shop", ("reach the money goal", "reaches the money goal"))
    # Mostly Space and down / right, so that the cursor reaches the buildings and days pass.
    keys = [rng.choice(["left", "right", "right", "up", "down", "down", "action", "action", "action"])
            for _ in range(AGREE_PRESSES)]
    out = game.js(f"{_FARM_RECORDER}({json.dumps(level)}, {json.dumps(keys)})")
    return replay_agrees(out["first"], out["rows"], keys, _FarmReplay(lambda: Farm.start(level), None),
                         FARM_FIELDS, "farm", ("reach the coin goal", "reaches the coin goal"))


def _pet_agree(game: HeadlessGame, level: dict[str, Any], rng: random.Random) -> str | None:
    taps = {i: [rng.choice(["left", "right", "action", "action"])] for i in range(AGREE_FRAMES) if rng.random() < 0.12}
    rows = call(game, "agreePet", level, {str(i): k for i, k in taps.items()}, AGREE_FRAMES)
    py = Pet.start(level)
    for i in range(AGREE_FRAMES):
        if i >= len(rows):
            return f"the game stopped after {i} frames while the rules play on"
        py.step(set(taps.get(i, [])))
        js = rows[i]
        want = [getattr(py, k) for k in PET_FIELDS[:8]]
        if js[:8] != want:
            bad = next(k for k, a, b in zip(PET_FIELDS, js, want) if a != b)
            return f"frame {i + 1}: {bad} is {js[PET_FIELDS.index(bad)]} in the game, {getattr(py, bad)} by the rules"
        won_js = js[8] == "won" or bool(js[9]) or bool(js[10])
        if won_js != py.won:
            return f"frame {i + 1}: the {'rules' if py.won else 'game'} raise the pet here, the other does not"
        if (js[8] == "lost") != py.over:
            return f"frame {i + 1}: the {'rules' if py.over else 'game'} lose the pet here, the other does not"
        if py.won or py.over:
            return None
    return None


# ---- keypoints -----------------------------------------------------------------------------------

def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    if config.get("mode") == "manage":
        from maestro.genres.simulation.manage_qa import manage_checks

        return manage_checks(spec, config, levels)
    if config.get("mode") == "shop":
        from maestro.genres.simulation.shop_qa import shop_checks

        return shop_checks(spec, config, levels)
    if config.get("mode") == "pet":
        from maestro.genres.simulation.pet_qa import pet_checks

        return pet_checks(spec, config, levels)
    from maestro.genres.simulation.farm_qa import farm_checks

    return farm_checks(spec, config, levels)
