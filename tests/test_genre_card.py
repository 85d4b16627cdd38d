"""The card genre: its rule book (maestro.genres.card.rules.Fight), generator and solver, the GDD's
numbers and cards in its config, and the real card.js agreeing with the rules (headless V8)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import codex
from maestro.gdd import parse_gdd
from maestro.genres.card import qa, rules
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
PALETTE = {"sky": "#1e1b24", "accent": "#f4a259", "player": "#5bc0eb", "enemy": "#fde74c", "hazard": "#c3423f",
           "goal": "#9bc53d", "ui": "#141218", "ui_text": "#f2efe9", "shadow": "#0a090c"}


def make_spec(items: list[Entity] | None = None, mechanics: list[Any] | None = None) -> GameSpec:
    return GameSpec(
        title="Card test", slug="card-test", genre="card", genre_confidence=0.9, mode="deckbuilder",
        player=Entity(name="Wren", kind="player", slug="wren", behavior="player"),
        enemies=[Entity(name="Imp", kind="enemy", slug="imp"), Entity(name="Golem", kind="enemy", slug="golem")],
        items=items or [], mechanics=mechanics or [],
        art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


@pytest.fixture(scope="module")
def cfg() -> dict[str, Any]:
    return rules.config_for(make_spec())


def request(index: int, count: int = 3, difficulty: float = 1.0) -> LevelRequest:
    return LevelRequest(index=index, count=count, difficulty=difficulty, mode="deckbuilder",
                        enemies=[{"slug": "imp"}, {"slug": "golem"}])


def fight(cfg: dict[str, Any], foes: list[dict[str, Any]], deck: list[str], hp: int = 50) -> rules.Fight:
    return rules.Fight.start({"enemies": foes, "deck": deck, "hero_hp": hp, "shuffle_seed": 5}, cfg)


def foe(hp: int = 30, *intents: dict[str, Any]) -> dict[str, Any]:
    return {"slug": "imp", "hp": hp, "intents": list(intents) or [{"kind": "block", "value": 1}]}


# ---- the rule book --------------------------------------------------------------------------------

def test_shuffle_is_a_seeded_permutation():
    cards = [f"c{i}" for i in range(12)]
    a, s1 = rules.shuffle(cards, 12345)
    b, s2 = rules.shuffle(cards, 12345)
    assert a == b and s1 == s2 and sorted(a) == sorted(cards) and a != cards
    assert rules.shuffle(cards, 999)[0] != a


def test_damage_strength_weak_vulnerable_and_block():
    hero, target = rules.Body(50, 50, strength=2), rules.Body(30, 30)
    assert rules.attack_damage(6, hero, target) == 8
    hero.weak = 1
    assert rules.attack_damage(6, hero, target) == 6  # (6 + 2) * 3 // 4
    target.vuln = 1
    assert rules.attack_damage(6, hero, target) == 9  # 6 * 3 // 2
    target.block = 5
    assert rules.hit(target, 9) == 4 and target.block == 0 and target.hp == 26


def test_playing_a_card_costs_energy_and_goes_to_the_discard_pile(cfg):
    f = fight(cfg, [foe(30)], ["strike"] * 6)
    assert len(f.hand) == cfg["hand_size"] and f.energy == cfg["energy"]
    assert f.play(0, 0)
    assert f.energy == cfg["energy"] - 1 and f.discard == ["strike"] and f.foes[0].hp == 24
    while f.energy:
        f.play(0, 0)
    assert not f.play(0, 0), "a card with no energy to pay for it was played"


def test_block_absorbs_and_intents_cycle(cfg):
    f = fight(cfg, [foe(30, {"kind": "attack", "value": 8, "hits": 1}, {"kind": "block", "value": 6},
                        {"kind": "buff", "value": 2}, {"kind": "debuff", "status": "vuln", "value": 2})], ["defend"] * 6)
    f.play(0, 0)
    f.end_turn()
    assert f.hero.hp == 47 and f.hero.block == 0 and f.turn == 2
    f.end_turn()
    assert f.foes[0].block == 6
    f.end_turn()
    assert f.foes[0].strength == 2 and f.foes[0].block == 0
    f.end_turn()
    assert f.hero.vuln == 1
    assert rules.intent_damage(f, 0) == (8 + 2) * 3 // 2


def test_an_empty_draw_pile_reshuffles_the_discard_pile(cfg):
    deck = ["strike", "defend", "bash", "strike", "defend", "rage"]
    f = fight(cfg, [foe(60)], deck)
    assert len(f.draw) == 1
    f.end_turn()
    assert len(f.hand) == 5 and len(f.draw) == 1 and f.discard == []
    assert sorted(f.hand + f.draw) == sorted(deck)


def test_the_fight_is_won_when_every_foe_is_down_and_lost_at_zero_hp(cfg):
    f = fight(cfg, [foe(6), foe(6)], ["strike"] * 6)
    f.play(0, 0)
    assert not f.won and f.alive() == [1]
    f.play(0, 0)  # the dead target is skipped for the living one
    assert f.won
    f = fight(cfg, [foe(30, {"kind": "attack", "value": 20, "hits": 1})], ["strike"] * 6, hp=10)
    f.end_turn()
    assert f.lost and f.hero.hp == 0


def test_the_controls_select_aim_play_and_end_the_turn(cfg):
    f = fight(cfg, [foe(30), foe(30)], ["strike"] * 6)
    assert f.press("left") == "" and f.sel == 0
    f.press("down")
    assert f.target == 1
    assert f.press("action") == "play" and f.foes[1].hp == 24
    for _ in range(10):
        f.press("right")
    assert f.sel == len(f.hand)
    assert f.press("action") == "end" and f.turn == 2 and f.sel == 0


# ---- config, generator, solver --------------------------------------------------------------------

def test_config_reads_the_gdds_cards_and_health():
    from maestro.spec import Mechanic

    items = [Entity(name="Fireball Card", kind="item", slug="fireball-card"),
             Entity(name="Frost Shield Card", kind="item", slug="frost-shield-card"),
             Entity(name="Coin", kind="item", slug="coin")]
    c = rules.config_for(make_spec(items, [Mechanic(id="health", params={"hp": 72}, source="hero has 72 hp")]))
    assert c["hero_hp"] == 72
    fire, shield = c["cards"]["gdd_fireball-card"], c["cards"]["gdd_frost-shield-card"]
    assert fire["name"] == "Fireball" and fire["target"] == "all" and fire["damage"] > 0
    assert shield["block"] > 0 and "gdd_coin" not in c["cards"]
    assert c["rewards"][:2] == ["gdd_fireball-card", "gdd_frost-shield-card"]
    assert all(card["text"] and card["lines"] for card in c["cards"].values())


def test_levels_are_deterministic_solvable_and_the_deck_grows(cfg):
    decks = []
    for index in range(4):
        req = request(index, count=4, difficulty=1.0 + 0.5 * index)
        a = rules.generate(req, cfg, random.Random(index))
        assert a == rules.generate(req, cfg, random.Random(index))
        proof = rules.solve(a, cfg)
        assert proof is not None and proof["steps"] == len(proof["actions"]) and proof["hp_left"] > 0
        assert rules.describe(a)
        decks.append(a["deck"])
        assert len(a["spoils"]) == (3 if index < 3 else 0) and set(a["spoils"]) <= set(cfg["cards"])
    for before, after in zip(decks, decks[1:]):
        assert after[:len(before)] == before and len(after) == len(before) + 1


def test_the_proof_replays_through_the_keys(cfg):
    level = rules.generate(request(1, difficulty=1.5), cfg, random.Random(3))
    proof = rules.solve(level, cfg)
    assert proof is not None
    f = rules.Fight.start(level, cfg)
    for action in proof["actions"]:
        for key in rules.keys_for(f, tuple(action)):
            f.press(key)
    assert f.won


def test_an_impossible_fight_has_no_proof(cfg):
    level = {"enemies": [foe(500, {"kind": "attack", "value": 40, "hits": 1})], "deck": ["strike"] * 10,
             "hero_hp": 20, "shuffle_seed": 3}
    assert rules.solve(level, cfg) is None


@pytest.mark.parametrize("name, hp, lives", [("card_ember_vault.md", 60, False), ("card_tide_duel.md", 40, True)])
def test_the_reader_routes_our_card_gdds_to_the_card_genre(name, hp, lives):
    spec = parse_gdd((FIXTURES / name).read_text(encoding="utf-8"))
    assert spec.genre == "card" and spec.mode == "deckbuilder"
    assert (spec.mechanic("lives") is not None) == lives
    c = REGISTRY["card"].config_for(spec)
    assert c["hero_hp"] == hp and any(k.startswith("gdd_") for k in c["cards"])


def test_a_card_items_own_name_decides_its_effect():
    items = [Entity(name="Cannon Shot Card", kind="item", slug="cannon", description="Items: Cannon Shot Card, Barrel Shield Card"),
             Entity(name="Barrel Shield Card", kind="item", slug="barrel", description="Items: Cannon Shot Card, Barrel Shield Card")]
    cards = rules.config_for(make_spec(items))["cards"]
    assert cards["gdd_cannon"]["damage"] > 0 and cards["gdd_cannon"]["block"] == 0
    assert cards["gdd_barrel"]["block"] > 0 and cards["gdd_barrel"]["damage"] == 0


# ---- the real card.js -----------------------------------------------------------------------------

def bundle(cfg: dict[str, Any], levels: list[dict[str, Any]], lives: bool = False) -> HeadlessGame:
    spec = make_spec(mechanics=[{"id": "lives", "params": {"count": 3}}] if lives else [])
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "wren", "enemies": ["imp", "golem"], "items": [], "hazards": [], "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    return HeadlessGame(codex.game_js("card"), "window.MAESTRO_DATA = " + json.dumps(data) + ";")


def levels(cfg: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for index in range(3):
        lv = rules.generate(request(index, difficulty=1.0 + 0.5 * index), cfg, random.Random(40 + index))
        out.append(dict(lv, name=f"Fight {index + 1}", seed=9, index=index))
    return out


@pytest.mark.parametrize("lives", [False, True])
def test_the_javascript_agrees_with_the_rules(cfg, lives):
    lvs = levels(cfg)
    with bundle(cfg, lvs, lives) as game:
        for i, lv in enumerate(lvs):
            for seed in range(3):
                assert qa.rules_agree(game, lv, cfg, random.Random(seed * 10 + i)) is None
        assert game.errors() == []


def test_the_bot_wins_fight_one_and_every_keypoint_passes(cfg):
    lvs = levels(cfg)
    with bundle(cfg, lvs) as game:
        result = qa.play_level_one(game, lvs[0], cfg)
        assert result.won, result.detail
    spec = make_spec().model_dump(mode="json")
    for kp in qa.keypoints(spec, cfg, lvs):
        with bundle(cfg, lvs) as game:
            passed, message = kp.run(game)
            assert passed is True, f"{kp.id}: {message}"


def test_losing_without_lives_ends_the_game(cfg):
    lv = dict(rules.generate(request(0), cfg, random.Random(1)), hero_hp=5, name="Fight 1", seed=9, index=0)
    lv["enemies"] = [foe(40, {"kind": "attack", "value": 30, "hits": 1})]
    with bundle(cfg, [lv]) as game:
        game.run(qa._JS_HELPERS)
        n = game.js("__cd.view()")["hand"]
        st = game.js(f"__cd.keys({json.dumps(['right'] * len(n) + ['action'])})")
        assert st["status"] == "lost" and st["lives"] is None and "defeated" in st["last_loss"]
