"""The rpg genre: its rule book (maestro.genres.rpg.rules.World: the map and the turn-based battles),
generator and solver, the GDD's numbers in its config, and the real rpg.js agreeing with the rules
(headless V8)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import codex
from maestro.gdd import parse_gdd
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY
from maestro.genres.rpg import qa, rules
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
PALETTE = {"sky": "#1e1b24", "accent": "#f4a259", "player": "#5bc0eb", "enemy": "#fde74c", "hazard": "#c3423f",
           "goal": "#9bc53d", "ui": "#141218", "ui_text": "#f2efe9", "shadow": "#0a090c", "terrain": "#3b3355"}


def make_spec(mechanics: list[Any] | None = None) -> GameSpec:
    return GameSpec(
        title="RPG test", slug="rpg-test", genre="rpg", genre_confidence=0.9, mode="battles",
        player=Entity(name="Mira", kind="player", slug="mira", behavior="player"),
        enemies=[Entity(name="Bat", kind="enemy", slug="bat"), Entity(name="Ogre", kind="enemy", slug="ogre"),
                 Entity(name="Night Lord", kind="enemy", slug="night-lord")],
        items=[Entity(name="Healing Herb", kind="item", slug="healing-herb"),
               Entity(name="Gold Ring", kind="item", slug="gold-ring", points=30)],
        mechanics=mechanics or [], art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


@pytest.fixture(scope="module")
def cfg() -> dict[str, Any]:
    return rules.config_for(make_spec())


def request(index: int, count: int = 3, difficulty: float = 1.0) -> LevelRequest:
    return LevelRequest(index=index, count=count, difficulty=difficulty, mode="battles",
                        enemies=[{"slug": "bat"}, {"slug": "ogre"}, {"slug": "night-lord"}])


def corridor(party: list[dict[str, Any]], hero: dict[str, int] | None = None, boss: bool = False) -> dict[str, Any]:
    return qa._corridor(party, hero or qa._hero(40), boss)


def in_battle(cfg: dict[str, Any], party: list[dict[str, Any]], **hero: int) -> rules.World:
    w = rules.World.start(corridor(party, qa._hero(**hero) if hero else None), cfg)
    assert w.press("right") == "battle" and w.battle is not None and (w.x, w.y) == (1, 1)
    return w


def pick(w: rules.World, choice: int) -> str:
    out = ""
    for k in rules.menu_keys(w, choice):
        out = w.press(k)
    return out


# ---- the rule book --------------------------------------------------------------------------------

def test_damage_is_integer_and_defend_halves():
    assert rules.hero_damage(6, 1) == 5 and rules.hero_damage(2, 9) == 1
    assert rules.foe_damage(12, 2, False) == 10 and rules.foe_damage(12, 2, True) == 5
    assert rules.foe_damage(5, 2, True) == 1  # 3 // 2


def test_a_round_attack_then_the_foe_replies(cfg):
    w = in_battle(cfg, [qa._foe(30, atk=5, df=1, spd=3)])
    assert pick(w, 0) == "round"
    assert w.battle is not None and w.battle.foes[0].hp == 25 and w.hero["hp"] == 37 and w.battle.round == 1


def test_speed_decides_who_acts_first(cfg):
    fast = in_battle(cfg, [qa._foe(6, atk=12, df=0, spd=9)], hp=40, atk=6, spd=5)
    pick(fast, 0)
    assert fast.battle is None and fast.hero["hp"] == 30
    slow = in_battle(cfg, [qa._foe(6, atk=12, df=0, spd=2)], hp=40, atk=6, spd=5)
    pick(slow, 0)
    assert slow.battle is None and slow.hero["hp"] == 40


def test_skill_costs_mp_and_hits_every_foe(cfg):
    w = in_battle(cfg, [qa._foe(40, df=1, pattern=["charge"]), qa._foe(40, df=1, pattern=["charge"])],
                  hp=40, mp=cfg["skill_cost"] + 1)
    assert pick(w, 1) == "round"
    assert w.battle is not None
    dmg = 6 + cfg["skill_power"] - 1
    assert [f.hp for f in w.battle.foes] == [40 - dmg, 40 - dmg] and w.hero["mp"] == 1
    assert w.press("action") == "refused" and w.battle.round == 1


def test_potion_heals_and_runs_out(cfg):
    w = in_battle(cfg, [qa._foe(30, pattern=["charge"])], hp=10, max_hp=60, potions=1)
    assert pick(w, 2) == "round" and w.hero["hp"] == 10 + cfg["potion_heal"] and w.hero["potions"] == 0
    assert w.press("action") == "refused"


def test_flee_leaves_a_normal_battle_but_not_the_boss(cfg):
    w = in_battle(cfg, [qa._foe(30)])
    assert pick(w, 4) == "fled" and w.battle is None and w.beaten == [False]
    boss = rules.World.start(corridor([qa._foe(30)], boss=True), cfg)
    boss.press("right")
    assert pick(boss, 4) == "refused" and boss.battle is not None


def test_winning_gives_xp_and_levels_up_and_the_boss_wins(cfg):
    w = in_battle(cfg, [qa._foe(1, xp=5)], hp=20, xp=cfg["xp_step"] - 1)
    pick(w, 0)
    assert w.battle is None and w.beaten == [True] and w.hero["lvl"] == 2 and w.hero["xp"] == 4
    assert w.hero["max_hp"] == 20 + cfg["hp_gain"] and w.hero["atk"] == 6 + cfg["atk_gain"] and not w.won
    boss = rules.World.start(corridor([qa._foe(1)], boss=True), cfg)
    boss.press("right")
    pick(boss, 0)
    assert boss.won


def test_the_hero_at_zero_hp_loses(cfg):
    w = in_battle(cfg, [qa._foe(40, atk=30)], hp=5)
    pick(w, 0)
    assert w.lost and w.press("action") == ""


def test_walls_block_pickups_are_taken_and_the_exit_wins(cfg):
    lv = corridor([])
    lv["encounters"] = []
    lv["pickups"] = [{"x": 2, "y": 1, "kind": "potion", "slug": None, "points": 0}]
    w = rules.World.start(lv, cfg)
    assert w.press("up") == "" and (w.x, w.y) == (1, 1)
    w.press("right")
    assert w.hero["potions"] == 2 and w.taken == [True]
    for _ in range(3):
        w.press("right")
    assert w.won


# ---- config, generator and solver -----------------------------------------------------------------

def test_config_reads_the_gdds_potion_treasure_and_health():
    spec = make_spec([{"id": "health", "params": {"hp": 44}, "source": "44 hp"}, {"id": "mana", "params": {"mp": 16}}])
    c = rules.config_for(spec)
    assert c["hero_hp"] == 44 and c["hero_mp"] == 16
    assert c["potion_name"] == "Healing Herb" and c["potion_slug"] == "healing-herb"
    assert c["treasure"] == [{"slug": "gold-ring", "name": "Gold Ring", "points": 30}]
    said = make_spec()
    said.player.description = "a lamplighter with 36 hp and 14 MP"
    assert rules.config_for(said)["hero_mp"] == 14 and rules.config_for(make_spec())["hero_mp"] == 10


def test_levels_are_deterministic_solvable_and_the_boss_guards_the_last_exit(cfg):
    for index in range(3):
        a = rules.generate(request(index), cfg, random.Random(7))
        assert a == rules.generate(request(index), cfg, random.Random(7))
        assert a["hero"]["lvl"] == 1 + index
        bosses = [e for e in a["encounters"] if e["boss"]]
        if index == 2:
            assert len(bosses) == 1 and [bosses[0]["x"], bosses[0]["y"]] == a["exit"]
            assert bosses[0]["party"][0]["slug"] == "night-lord"
        else:
            assert not bosses
    solved = [rules.solve(rules.generate(request(i), cfg, random.Random(s)), cfg) for i in range(3) for s in range(4)]
    assert sum(p is not None for p in solved) >= 9


def test_the_proof_replays_through_the_keys(cfg):
    lv = rules.generate(request(0), cfg, random.Random(3))
    proof = rules.solve(lv, cfg)
    assert proof is not None and proof["battles"] >= 1
    w = rules.World.start(lv, cfg)
    for k in proof["keys"]:
        w.press(k)
    assert w.won and w.hero["hp"] == proof["hp_left"]


def test_an_impossible_battle_has_no_proof(cfg):
    assert rules.solve(corridor([qa._foe(500, atk=60, df=20)], boss=True), cfg) is None


@pytest.mark.parametrize("name, hp, mp, lives", [("rpg_lantern_keep.md", 36, 12, False), ("rpg_tide_caves.md", 30, 10, True)])
def test_the_reader_routes_our_rpg_gdds_to_the_rpg_genre(name, hp, mp, lives):
    spec = parse_gdd((FIXTURES / name).read_text(encoding="utf-8"))
    assert spec.genre == "rpg" and spec.mode == "battles"
    assert (spec.mechanic("lives") is not None) == lives
    c = REGISTRY["rpg"].config_for(spec)
    assert c["hero_hp"] == hp and c["hero_mp"] == mp and c["potion_slug"] is not None
    assert spec.enemies and REGISTRY["rpg"].name == "rpg"


# ---- the real rpg.js ------------------------------------------------------------------------------

def bundle(cfg: dict[str, Any], levels: list[dict[str, Any]], lives: bool = False) -> HeadlessGame:
    spec = make_spec(mechanics=[{"id": "lives", "params": {"count": 3}}] if lives else [])
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "mira", "enemies": ["bat", "ogre", "night-lord"], "items": ["healing-herb", "gold-ring"],
                      "hazards": [], "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    return HeadlessGame(codex.game_js("rpg"), "window.MAESTRO_DATA = " + json.dumps(data) + ";")


def levels(cfg: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for index in range(3):
        for seed in range(40 + index * 10, 60 + index * 10):
            lv = rules.generate(request(index, difficulty=1.0 + 0.5 * index), cfg, random.Random(seed))
            if rules.solve(lv, cfg) is not None:
                break
        out.append(dict(lv, name=f"Floor {index + 1}", seed=9, index=index))
    return out


@pytest.mark.parametrize("lives", [False, True])
def test_the_javascript_agrees_with_the_rules(cfg, lives):
    lvs = levels(cfg)
    with bundle(cfg, lvs, lives) as game:
        for i, lv in enumerate(lvs):
            for seed in range(3):
                assert qa.rules_agree(game, lv, cfg, random.Random(seed * 10 + i)) is None
        assert game.errors() == []


def test_the_bot_wins_level_one_and_every_keypoint_passes(cfg):
    lvs = levels(cfg)
    with bundle(cfg, lvs) as game:
        result = qa.play_level_one(game, lvs[0], cfg)
        assert result.won, result.detail
    spec = make_spec().model_dump(mode="json")
    kps = qa.keypoints(spec, cfg, lvs)
    assert {"battle_menu", "boss_battle", "skill_mp", "level_up", "potion_heals"} <= {k.id for k in kps}
    assert set(REGISTRY["rpg"].delivers.values()) <= {k.id for k in kps}
    for kp in kps:
        with bundle(cfg, lvs) as game:
            passed, message = kp.run(game)
            assert passed is True, f"{kp.id}: {message}"


def test_the_whole_game_is_won_by_the_proofs(cfg):
    lvs = levels(cfg)
    with bundle(cfg, lvs) as game:
        for i, lv in enumerate(lvs):
            game.start(i + 1)
            proof = rules.solve(lv, cfg)
            assert proof is not None
            for k in proof["keys"]:
                game.press(k, True)
                game.step(1)
                game.press(k, False)
                st = game.step(1)
        assert st["status"] == "won"
        assert game.errors() == []
