"""Query for the card genre (deck-building fights, turn-based; mode "deckbuilder").

The bot replays the Labyrinth solver's proof (``maestro.genres.card.rules.solve``) through the REAL
game code as a player would: each play is left / right presses to the card, down presses to the
target, then action; each END TURN is right presses to the button, then action. A Python
:class:`rules.Fight` follows along, so every press is the one the rules call for, and after every
play the game's hand and HP are checked against the rules'. When fight 1 is won the game offers its
spoils; the bot takes the first card offered, which ends the fight.

Each keypoint loads a tiny hand-made fight into the build's own game (it replaces level 1 in
``G.levels`` and starts it, so ``card.js``'s real ``start``/``update`` run with the build's config)
whose deck is chosen so the hand is known whatever the shuffle, presses keys and reads the fight
through the module's QA hook ``Maestro.genres.card.qa.view``. Each check also proves that the
action right next to the rule *does* happen (a game that ignores keys can't pass by doing nothing).
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.card import rules
from maestro.genres.headless import (HeadlessError, HeadlessGame, LivesReplay, checked, fail_if, presses_recorder_js,
                                     replay_agrees, spec_mechanics)

SETTLE_FRAMES = 200  # after the winning play: the 1.5 s "Level complete!" transition is 90 frames
FRAMES_PER_PRESS = 2

# One press as a player makes it: down for a frame, up for a frame; what the bot and checks need
# comes back in one V8 round trip.
_JS_HELPERS = """
var __cd = {
  view: function () { var G = __game.game; return Maestro.genres.card.qa.view(G, G.world); },
  key: function (a) {
    __game.press(a, true); __game.step(1); __game.press(a, false); var st = __game.step(1);
    var G = __game.game;
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, lives: st.lives,
            last_loss: st.last_loss, view: (G.world ? __cd.view() : null)};
  },
  keys: function (list) { var r = null; for (var i = 0; i < list.length; i++) r = __cd.key(list[i]); return r; },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __cd.view(); }
};
"""


def _install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.card && Maestro.genres.card.qa && Maestro.genres.card.qa.view)"):
        raise HeadlessError("the card module has no qa.view hook")
    if not game.js("typeof __cd !== 'undefined'"):
        game.run(_JS_HELPERS)


def _key(game: HeadlessGame, a: str) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__cd.key({json.dumps(a)})")
    return out


def _keys(game: HeadlessGame, keys: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__cd.keys({json.dumps(keys)})")
    return out


def _view(game: HeadlessGame) -> dict[str, Any]:
    out: dict[str, Any] = game.js("__cd.view()")
    return out


def _mirror_differs(view: dict[str, Any], f: rules.Fight) -> str | None:
    """What the game shows that the rules don't (hand, HP, energy), or None."""
    if view["hand"] != f.hand:
        return f"the game's hand is {view['hand']}, the rules' {f.hand}"
    if view["hero"]["hp"] != f.hero.hp or view["energy"] != f.energy:
        return (f"the hero has {view['hero']['hp']} HP and {view['energy']} energy in the game, "
                f"{f.hero.hp} HP and {f.energy} energy by the rules")
    foes = [x["hp"] for x in view["foes"]]
    if foes != [b.hp for b in f.foes]:
        return f"the foes have {foes} HP in the game, {[b.hp for b in f.foes]} by the rules"
    return None


# ---- the bot -------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], max_frames: int | None = None) -> BotResult:
    """Replay the solver's plays for level 1 through the real game; won when level 2 starts or the
    game is won (a 1-level game). Bounded: 2 frames a press plus the level-complete transition."""
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to win fight 1")
    actions = [tuple(a) for a in proof["actions"]]
    mirror = rules.Fight.start(level, config)
    plan = []
    probe = mirror.copy()
    for a in actions:
        ks = rules.keys_for(probe, a)
        for k in ks:
            probe.press(k)
        plan.append(ks)
    budget = max_frames if max_frames is not None else FRAMES_PER_PRESS * sum(map(len, plan)) + SETTLE_FRAMES
    frames = 0
    try:
        _install(game)
        st = game.level_one()
        if st["status"] != "playing":
            return BotResult(False, 0, f"fight 1 doesn't start (status {st['status']!r})")
        why = _mirror_differs(_view(game), mirror)
        if why:
            return BotResult(False, 0, f"fight 1 starts differently from the rules: {why}")
        for n, (a, ks) in enumerate(zip(actions, plan)):
            if frames + FRAMES_PER_PRESS * len(ks) > budget:
                return BotResult(False, frames, f"ran out of frames after {n} of {len(actions)} actions", n)
            what = "END TURN" if a[0] == "E" else f"playing {mirror.cards[mirror.hand[int(a[1])]]['name']}"
            r = _keys(game, ks)
            for k in ks:
                mirror.press(k)
            frames += FRAMES_PER_PRESS * len(ks)
            if r["view"] and r["view"]["reward"]:  # the spoils screen: take the first card offered
                r = _key(game, "action")
                frames += FRAMES_PER_PRESS
            if r["status"] == "won" or r["level"] >= 2 or r["cleared"] >= 1:
                return BotResult(True, frames, f"won fight 1 after {n + 1} of {len(actions)} actions "
                                 f"({proof['turns']} turns)", n + 1)
            if r["status"] != "playing":
                return BotResult(False, frames, f"action {n + 1} ({what}) ended the game: {r['status']}"
                                 + (f" ({r['last_loss']})" if r["last_loss"] else ""), n + 1)
            why = _mirror_differs(r["view"], mirror)
            if why:
                return BotResult(False, frames, f"after action {n + 1} of {len(actions)} ({what}) {why}", n + 1)
        while frames < budget:
            st = game.step(10)
            frames += 10
            if st["status"] == "won" or st["level"] >= 2:
                return BotResult(True, frames, f"won fight 1 in {len(actions)} actions", len(actions))
        return BotResult(False, frames, f"all {len(actions)} solver actions played but fight 1 wasn't won", len(actions))
    except HeadlessError as exc:
        return BotResult(False, frames, f"the game threw: {exc}")


# ---- keypoints -----------------------------------------------------------------------------------


def _fight(foes: list[dict[str, Any]], deck: list[str], hero_hp: int = 60) -> dict[str, Any]:
    return {"mode": "deckbuilder", "enemies": foes, "deck": deck, "new_cards": [], "hero_hp": hero_hp,
            "shuffle_seed": 7, "boss": False, "name": "QA fight", "seed": 1, "index": 0}


def _foe(hp: int = 40, intents: list[dict[str, Any]] | None = None, slug: str = "enemy") -> dict[str, Any]:
    return {"slug": slug, "hp": hp, "points": 10, "intents": intents or [{"kind": "block", "value": 1}]}


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


def _load(game: HeadlessGame, level: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__cd.load({json.dumps(level)})")
    return out


def _select(view: dict[str, Any], index: int) -> list[str]:
    """Presses that move the selection from where it is to hand slot ``index``."""
    d = index - int(view["sel"])
    return ["right"] * d if d > 0 else ["left"] * -d


def _play(game: HeadlessGame, view: dict[str, Any], cid: str) -> dict[str, Any]:
    fail_if(cid not in view["hand"], f"the card {cid!r} isn't in the hand {view['hand']}")
    return _keys(game, _select(view, view["hand"].index(cid)) + ["action"])


def _end_turn(game: HeadlessGame, view: dict[str, Any]) -> dict[str, Any]:
    return _keys(game, _select(view, len(view["hand"])) + ["action"])


def _names(spec: dict[str, Any]) -> dict[str, str]:
    return {e["slug"]: e.get("name") or e["slug"] for group in ("enemies", "items") for e in spec.get(group) or []
            if e.get("slug")}


def _hero_dmg(config: dict[str, Any], cid: str, hero: rules.Body | None = None, foe: rules.Body | None = None) -> int:
    card = config["cards"][cid]
    return rules.attack_damage(int(card["damage"]), hero or rules.Body(1, 1), foe or rules.Body(1, 1))


def _core_checks(config: dict[str, Any], mech: set[str]) -> list[Keypoint]:
    cards = config["cards"]
    h = int(config["hand_size"])
    strike, defend = cards["strike"], cards["defend"]
    out: list[Keypoint] = []

    @_checked
    def cards_play(game: HeadlessGame) -> str:
        v = _load(game, _fight([_foe(40)], ["strike"] * (h + 1)))
        e0 = v["energy"]
        fail_if(len(v["hand"]) != h, f"the first turn drew {len(v['hand'])} cards, not {h}")
        r = _play(game, v, "strike")["view"]
        fail_if(r["energy"] != e0 - strike["cost"], f"playing {strike['name']} left {r['energy']} energy, not {e0 - strike['cost']}")
        fail_if(len(r["hand"]) != h - 1 or r["discard"] != ["strike"],
                 f"the played card didn't move from the hand to the discard pile (hand {len(r['hand'])}, discard {r['discard']})")
        fail_if(r["foes"][0]["hp"] != 40 - strike["damage"], f"{strike['name']} took {40 - r['foes'][0]['hp']} HP, not {strike['damage']}")
        while r["energy"] >= strike["cost"] and r["hand"] and r["foes"][0]["hp"] > strike["damage"]:
            r = _play(game, r, "strike")["view"]
        if not r["hand"] or r["energy"] >= strike["cost"]:
            return f"{strike['name']} cost {strike['cost']} energy, went to the discard pile and dealt {strike['damage']}"
        n, hp = len(r["hand"]), r["foes"][0]["hp"]
        r = _keys(game, _select(r, 0) + ["action"])["view"]
        fail_if(len(r["hand"]) != n or r["foes"][0]["hp"] != hp, "a card was played without the energy to pay for it")
        return (f"{strike['name']} cost {strike['cost']} energy, went to the discard pile and dealt {strike['damage']}; "
                "with no energy left the next card was refused")

    out.append(Keypoint("cards_play", "Playing a card costs its energy, moves it to the discard pile and applies its "
                        "effect (and a card you can't pay for can't be played)", cards_play))

    @_checked
    def block_absorbs(game: HeadlessGame) -> str:
        hit = defend["block"] + 3
        v = _load(game, _fight([_foe(40, [{"kind": "attack", "value": hit, "hits": 1}])], ["defend"] * (h + 1)))
        r = _play(game, v, "defend")["view"]
        fail_if(r["hero"]["block"] != defend["block"], f"{defend['name']} gave {r['hero']['block']} block, not {defend['block']}")
        r = _end_turn(game, r)["view"]
        fail_if(r["hero"]["hp"] != 60 - 3, f"a {hit}-damage hit on {defend['block']} block took {60 - r['hero']['hp']} HP, not 3")
        fail_if(r["hero"]["block"] != 0 or r["turn"] != 2, "the hero's block didn't drop away when the new turn began")
        return f"{defend['block']} block took {defend['block']} of a {hit}-damage hit and was gone the next turn"

    out.append(Keypoint("block_absorbs", "Block absorbs damage before HP and lasts one turn", block_absorbs))

    @_checked
    def intent_shown(game: HeadlessGame) -> str:
        cycle: list[dict[str, Any]] = [{"kind": "attack", "value": 7, "hits": 1}, {"kind": "block", "value": 6},
                 {"kind": "buff", "value": 2}, {"kind": "debuff", "status": "weak", "value": 2},
                 {"kind": "attack", "value": 4, "hits": 2}]
        v = _load(game, _fight([_foe(40, cycle)], ["strike"] * (h + 1)))
        done = []
        for want in cycle:
            shown = v["foes"][0]
            fail_if(shown["intent"]["kind"] != want["kind"], f"the foe showed {shown['intent']} instead of {want}")
            hp0, str0 = v["hero"]["hp"], shown["str"]
            v = _end_turn(game, v)["view"]
            foe = v["foes"][0]
            kind = want["kind"]
            if kind == "attack":
                lost = hp0 - v["hero"]["hp"]
                fail_if(lost != shown["shown"] * want["hits"], f"the foe showed {shown['shown']} x{want['hits']} "
                         f"damage but the hero lost {lost} HP")
            elif kind == "block":
                fail_if(foe["block"] != want["value"], f"the foe showed {want['value']} block but has {foe['block']}")
            elif kind == "buff":
                fail_if(foe["str"] != str0 + want["value"], f"the foe showed +{want['value']} strength, has {foe['str']}")
            else:
                fail_if(v["hero"]["weak"] != want["value"] - 1, f"the foe showed Weak {want['value']} but the hero has "
                         f"Weak {v['hero']['weak']} after the round (should be {want['value'] - 1})")
            done.append(kind)
        return "the foe did what its intent showed, turn after turn: " + ", ".join(done)

    out.append(Keypoint("intent_shown", "Each foe shows its intent (attack, block, buff, debuff) and does exactly that "
                        "when the turn ends", intent_shown, "enemies" if "enemies" in mech else None))

    @_checked
    def reshuffle(game: HeadlessGame) -> str:
        deck = ["strike", "defend"] * h
        deck = deck[: h + 1]
        v = _load(game, _fight([_foe(40)], deck))
        fail_if(len(v["draw"]) != 1 or v["discard"], f"turn 1 should leave 1 card to draw (draw {len(v['draw'])})")
        r = _end_turn(game, v)["view"]
        fail_if(len(r["hand"]) != h, f"turn 2 drew {len(r['hand'])} cards, not {h}")
        fail_if(r["shuffles"] != 1, "the discard pile wasn't shuffled into an empty draw pile")
        fail_if(len(r["draw"]) != 1 or r["discard"], f"after the reshuffle the piles are draw {len(r['draw'])}, "
                 f"discard {len(r['discard'])} (expected 1 and 0)")
        fail_if(sorted(r["hand"] + r["draw"]) != sorted(deck), "cards were lost or made up by the reshuffle")
        return f"the last card was drawn, then the {h} discarded cards were shuffled into the draw pile"

    out.append(Keypoint("reshuffle", "Drawing from an empty draw pile shuffles the discard pile into it", reshuffle))

    @_checked
    def fight_won(game: HeadlessGame) -> str:
        hp = strike["damage"]
        v = _load(game, _fight([_foe(hp), _foe(hp)], ["strike"] * (h + 1)))
        s0 = game.state()["score"]
        r = _play(game, v, "strike")
        fail_if(r["view"]["foes"][0]["hp"] != 0, "the strike didn't fell the first foe")
        fail_if(r["cleared"] or r["status"] != "playing", "the fight was won with a foe still standing")
        r = _play(game, r["view"], "strike")
        fail_if(not r["view"]["won"], "every foe is at 0 HP but the fight isn't won")
        if r["view"]["reward"]:  # a fight before the last: the spoils screen comes first
            r = _keys(game, ["right"] * len(r["view"]["reward"]["offers"]) + ["action"])  # SKIP
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), "every foe is at 0 HP but the fight isn't won")
        fail_if(r["score"] <= s0, "winning the fight gave no points")
        return f"won when the last foe fell, +{r['score'] - s0} points"

    out.append(Keypoint("fight_won", "The fight is won when every foe's HP is 0 (and not before)", fight_won,
                        "score" if "score" in mech else None))

    @_checked
    def hero_defeated(game: HeadlessGame) -> str:
        v = _load(game, _fight([_foe(40, [{"kind": "attack", "value": 12, "hits": 1}])], ["strike"] * (h + 1), hero_hp=10))
        game.run("if (__game.game.lives !== null) __game.game.lives = 1;")
        r = _end_turn(game, v)
        fail_if(r["status"] != "lost", f"the hero fell to 0 HP but the game is {r['status']!r}")
        fail_if(not r["last_loss"], "the game was lost without saying why")
        return f"at 0 HP the game was lost ({r['last_loss']})"

    out.append(Keypoint("hero_defeated", "The hero losing all HP loses", hero_defeated,
                        "health" if "health" in mech else None))
    return out


def _status_checks(config: dict[str, Any]) -> list[Keypoint]:
    cards, h = config["cards"], int(config["hand_size"])
    strike = cards["strike"]
    out: list[Keypoint] = []

    @_checked
    def strength(game: HeadlessGame) -> str:
        v = _load(game, _fight([_foe(60)], ["rage"] + ["strike"] * (h - 1)))
        r = _play(game, v, "rage")["view"]
        fail_if(r["hero"]["str"] != cards["rage"]["strength"], f"the hero has {r['hero']['str']} strength after {cards['rage']['name']}")
        r = _play(game, r, "strike")["view"]
        want = strike["damage"] + cards["rage"]["strength"]
        fail_if(60 - r["foes"][0]["hp"] != want, f"a {strike['damage']}-damage card with +{cards['rage']['strength']} "
                 f"strength dealt {60 - r['foes'][0]['hp']}, not {want}")
        return f"strength raised the hit to {want}"

    out.append(Keypoint("strength", "Strength adds to every hit the hero deals", strength))

    @_checked
    def vulnerable(game: HeadlessGame) -> str:
        bash = cards["bash"]
        v = _load(game, _fight([_foe(60)], ["bash"] + ["strike"] * (h - 1)))
        r = _play(game, v, "bash")["view"]
        fail_if(r["foes"][0]["vuln"] != bash["vuln"], f"{bash['name']} left the foe {r['foes'][0]['vuln']} Vulnerable")
        hp = r["foes"][0]["hp"]
        r = _play(game, r, "strike")["view"]
        want = strike["damage"] * 3 // 2
        fail_if(hp - r["foes"][0]["hp"] != want, f"a {strike['damage']}-damage hit on a vulnerable foe dealt "
                 f"{hp - r['foes'][0]['hp']}, not {want}")
        return f"a vulnerable foe took {want} from a {strike['damage']}-damage card"

    out.append(Keypoint("vulnerable", "A vulnerable foe takes half again as much damage", vulnerable))

    @_checked
    def weak(game: HeadlessGame) -> str:
        trip = cards["trip"]
        v = _load(game, _fight([_foe(60, [{"kind": "attack", "value": 8, "hits": 1}])], ["trip"] + ["strike"] * (h - 1)))
        fail_if(v["foes"][0]["shown"] != 8, f"the foe's attack intent shows {v['foes'][0]['shown']}, not 8")
        r = _play(game, v, "trip")["view"]
        fail_if(r["foes"][0]["weak"] != trip["weak"], f"{trip['name']} left the foe {r['foes'][0]['weak']} Weak")
        fail_if(r["foes"][0]["shown"] != 6, f"a weak foe's 8-damage intent shows {r['foes'][0]['shown']}, not 6")
        hp = r["hero"]["hp"]
        r = _end_turn(game, r)["view"]
        fail_if(hp - r["hero"]["hp"] != 6, f"a weak foe's 8-damage attack took {hp - r['hero']['hp']} HP, not 6")
        return "a weakened foe's 8-damage attack showed and dealt 6"

    out.append(Keypoint("weak", "A weak foe deals a quarter less damage (its intent shows it)", weak))
    return out


def _enemy_check(slug: str, name: str, foe: dict[str, Any], config: dict[str, Any]) -> Keypoint:
    h, strike = int(config["hand_size"]), config["cards"]["strike"]

    @_checked
    def check(game: HeadlessGame) -> str:
        v = _load(game, _fight([dict(foe, hp=max(int(foe["hp"]), 20))], ["strike"] * (h + 1)))
        f = v["foes"][0]
        fail_if(f["slug"] != slug, f"the fight's foe is {f['slug']!r}, not {name}")
        fail_if(not f["intent"].get("kind"), f"{name} shows no intent")
        r = _play(game, v, "strike")["view"]
        fail_if(f["hp"] - r["foes"][0]["hp"] != strike["damage"], f"{name} didn't take the card's damage")
        step = r["foes"][0]["step"]
        r = _end_turn(game, r)["view"]
        fail_if(r["foes"][0]["step"] != step + 1, f"{name} didn't act when the turn ended")
        return f"{name} showed its intent ({f['intent']['kind']}), took {strike['damage']} damage and acted"

    return Keypoint(f"foe_{slug}", f"{name} fights the hero: it shows its intent, takes damage from cards and acts",
                    check, slug)


def _card_check(cid: str, name: str, config: dict[str, Any]) -> Keypoint:
    h, card = int(config["hand_size"]), config["cards"][cid]

    @_checked
    def check(game: HeadlessGame) -> str:
        level = _fight([_foe(80, [{"kind": "attack", "value": 10, "hits": 1}]), _foe(80)], [cid] + ["defend"] * (h - 1))
        v = _load(game, level)
        f = rules.Fight.start(level, config)
        if card["heal"]:  # take a hit first, so the heal shows
            v = _end_turn(game, v)["view"]
            f.end_turn()
        r = _play(game, v, cid)["view"]
        f.play(f.hand.index(cid), 0)
        fail_if(r["discard"][-1:] != [cid], f"{name} didn't go to the discard pile")
        got = (r["hero"]["hp"], r["hero"]["block"], r["hero"]["str"], [(x["hp"], x["weak"], x["vuln"]) for x in r["foes"]])
        want = (f.hero.hp, f.hero.block, f.hero.strength, [(b.hp, b.weak, b.vuln) for b in f.foes])
        fail_if(got == (v["hero"]["hp"], v["hero"]["block"], v["hero"]["str"],
                         [(x["hp"], x["weak"], x["vuln"]) for x in v["foes"]]) and not card["energy"] and not card["draw"],
                 f"playing {name} changed nothing")
        fail_if(got != want, f"{name} ({card['text']}) left hero HP/block/strength and foes {got}, the rules say {want}")
        return f"{name}: {card['text']}"

    label = name if "card" in name.lower() else f"{name} card"
    return Keypoint(f"card_{card.get('slug') or cid}", f"The {label} does what it says: {card['text']}", check,
                    card.get("slug"))


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    mech = spec_mechanics(spec)
    names = _names(spec)
    out = _core_checks(config, mech) + _status_checks(config)
    if "lives" in mech:
        out.append(_lives_check(config))
    if len(levels) > 1 and [c for c in levels[0].get("spoils") or [] if c in config["cards"]]:
        out.append(_spoils_check(config, levels))
    foes: dict[str, dict[str, Any]] = {}
    for lv in levels:
        for e in lv.get("enemies") or []:
            foes.setdefault(e["slug"], e)
    for slug, foe in list(foes.items())[:4]:
        out.append(_enemy_check(slug, names.get(slug, slug), foe, config))
    own = {c for lv in levels for c in lv.get("deck") or [] if c.startswith("gdd_")}
    for cid in sorted(own)[:4]:
        card = config["cards"][cid]
        out.append(_card_check(cid, names.get(card.get("slug") or "", card["name"]), config))
    return out


def _spoils_check(config: dict[str, Any], levels: list[dict[str, Any]]) -> Keypoint:
    cards, h = config["cards"], int(config["hand_size"])
    offers = [c for c in levels[0].get("spoils") or [] if c in cards][:3]
    pick = min(range(len(offers)), key=lambda i: (int(cards[offers[i]]["cost"]), i))
    chosen = offers[pick]

    @_checked
    def spoils(game: HeadlessGame) -> str:
        fight = dict(_fight([_foe(cards["strike"]["damage"])], ["strike"] * (h + 1)), spoils=offers)
        r = _play(game, _load(game, fight), "strike")
        fail_if(not r["view"]["reward"] or r["view"]["reward"]["offers"] != offers,
                 f"winning the fight didn't offer the spoils {offers} (reward {r['view']['reward']})")
        fail_if(r["cleared"], "the fight ended before a spoil was chosen")
        r = _keys(game, ["right"] * pick + ["action"])
        for _ in range(30):
            if r["level"] >= 2:
                break
            r = game.js("(__game.step(10), {level: __game.state().level, view: __cd.view()})")
        fail_if(r["level"] < 2, "taking a spoil didn't lead on to the next fight")
        v = r["view"]
        fail_if(v["bonus"] != [chosen], f"the next fight holds the spoils {v['bonus']}, not [{chosen!r}]")
        f = rules.Fight.start(levels[1], config)
        fail_if((v["hand"], v["draw"]) != (f.hand, f.draw), "the spoil changed the next fight's draws")
        e0 = v["energy"]
        v = _keys(game, _select(v, len(v["hand"])) + ["action"])["view"]
        fail_if(v["bonus"] or chosen in v["discard"] or v["energy"] != e0 - int(cards[chosen]["cost"]) + int(cards[chosen]["energy"]),
                 f"playing the spoil didn't use it up (spoils {v['bonus']}, energy {v['energy']})")
        return f"took {cards[chosen]['name']} after fight 1; it waited beside fight 2's hand and was used up when played"

    return Keypoint("spoils", "Winning a fight offers spoils: the card taken waits beside the hand in the fights "
                    "to come and is used up when played", spoils)


def _lives_check(config: dict[str, Any]) -> Keypoint:
    h = int(config["hand_size"])

    @_checked
    def last_life_loses(game: HeadlessGame) -> str:
        level = _fight([_foe(40, [{"kind": "attack", "value": 15, "hits": 1}])], ["strike"] * (h + 1), hero_hp=10)
        v = _load(game, level)
        game.run("__game.game.lives = 2;")
        r = _end_turn(game, v)
        fail_if(r["status"] != "playing" or r["lives"] != 1, f"losing a fight with 2 lives left the game "
                 f"{r['status']!r} with {r['lives']} lives (should go on with 1)")
        fail_if(r["view"]["turn"] != 1 or r["view"]["hero"]["hp"] != 10, "the lost fight didn't start again")
        r = _end_turn(game, r["view"])
        fail_if(r["status"] != "lost", f"losing the last life left the game {r['status']!r}")
        return "a lost fight cost a life and began again; on the last life the game was lost"

    return Keypoint("last_life_loses", "Losing a fight costs a life and restarts it; losing the last life loses",
                    last_life_loses, "lives")


# ---- rules agreement: one key sequence, the real game and rules.Fight ------------------------------

AGREE_PRESSES = 240
_PRESSES = ("left", "right", "right", "up", "down", "action", "action", "action")

_AGREE_JS = presses_recorder_js("Maestro.genres.card.qa", (
    "[v.hero.hp, v.hero.block, v.hero.str, v.hero.weak, v.hero.vuln], v.energy, v.hand, v.draw, v.discard, "
    "v.foes.map(function (f) { return [f.hp, f.block, f.str, f.weak, f.vuln, f.step]; }), "
    "v.sel, v.target, v.turn, v.rng"))


class _Replay(LivesReplay[rules.Fight]):
    """The Python side: :class:`rules.Fight` through its controls, plus what the game does around a
    fight: a lost fight costs a life and starts again when the game has lives, else loses."""

    def row(self) -> list[Any]:
        f = self.rules
        h = f.hero
        return [[h.hp, h.block, h.strength, h.weak, h.vuln], f.energy, f.hand, f.draw, f.discard,
                [[b.hp, b.block, b.strength, b.weak, b.vuln, b.step] for b in f.foes], f.sel, f.target, f.turn, f.rng]


_FIELDS = ("hero [hp, block, str, weak, vuln]", "energy", "hand", "draw pile", "discard pile",
           "foes [hp, block, str, weak, vuln, intent]", "selection", "target", "turn", "shuffle state")


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """240 random presses (left, right, up, down, action) played on ``level`` in the real card.js
    and through :class:`rules.Fight` (:class:`_Replay`). Compared after every press: the hero, energy,
    hand, both piles, every foe, the selection, target, turn, shuffle state, lives and status. None
    when they agree to the end, else the first difference."""
    _install(game)
    keys = [rng.choice(_PRESSES) for _ in range(AGREE_PRESSES)]
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(keys)})")
    first, rows = out["first"], out["rows"]
    py = _Replay(lambda: rules.Fight.start(level, config), first[len(_FIELDS)])
    return replay_agrees(first, rows, keys, py, _FIELDS, "fight", ("win the fight", "wins the fight"))
