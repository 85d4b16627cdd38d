"""The tactics genre: its rule book (maestro.genres.tactics.rules.World: terrain costs, attacks, the
enemy AI, the controls, the turn), generator and solver, the GDD's numbers in its config, the reader
routing a GDD that names the family, and the real tactics.js agreeing with the rules (headless V8)."""

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
from maestro.genres.tactics import qa, rules
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
PALETTE = {"sky": "#1e1b24", "accent": "#f4a259", "player": "#5bc0eb", "enemy": "#fde74c", "hazard": "#c3423f",
           "goal": "#9bc53d", "ui": "#141218", "ui_text": "#f2efe9", "shadow": "#0a090c", "terrain": "#3b3355"}
PLAINS = ["........", "........", "........"]
P, E = "player", "enemy"


def make_spec(mode: str = "rout", mechanics: list[Any] | None = None) -> GameSpec:
    return GameSpec(
        title="Tactics test", slug="tactics-test", genre="tactics", genre_confidence=0.9, mode=mode,
        player=Entity(name="Aldric", kind="player", slug="aldric", behavior="player",
                      description="a veteran knight with 30 HP"),
        enemies=[Entity(name="Bandit", kind="enemy", slug="bandit", points=25),
                 Entity(name="Crossbowman", kind="enemy", slug="crossbowman"),
                 Entity(name="Ogre", kind="enemy", slug="ogre", description="a hulking brute")],
        mechanics=mechanics or [], art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


@pytest.fixture(scope="module")
def cfg() -> dict[str, Any]:
    return rules.config_for(make_spec())


def request(index: int, mode: str = "rout", count: int = 3) -> LevelRequest:
    return LevelRequest(index=index, count=count, difficulty=1.0 + 0.5 * index, mode=mode,
                        enemies=[{"slug": "bandit"}, {"slug": "crossbowman"}])


def world(grid: list[str], units: list[dict[str, Any]], cfg: dict[str, Any], **kw: Any) -> rules.World:
    return rules.World.start(qa.battle(grid, units, **kw), cfg)


def press(w: rules.World, keys: list[str]) -> list[str]:
    return [w.press(k) for k in keys]


def go(w: rules.World, x: int, y: int) -> str:
    """Cursor to (x, y), then action: what the action did."""
    press(w, rules.cursor_keys(w, (x, y)))
    return w.press("action")


# ---- config -------------------------------------------------------------------------------------

def test_config_takes_the_gdd_numbers(cfg):
    assert cfg["army"][0]["hp"] == 30  # "a veteran knight with 30 HP"
    assert cfg["foe_points"] == 25 and cfg["lead_name"] == "Aldric" and cfg["player_slug"] == "aldric"
    assert cfg["mode"] == "rout"
    assert rules.config_for(make_spec("hold"))["mode"] == "hold"
    assert cfg["foe_kinds"] == {"bandit": 0, "crossbowman": 1, "ogre": 2}  # read from their names and words
    held = make_spec("hold")
    held.win_conditions = ["Survive 6 turns until the relief column arrives"]
    assert rules.config_for(held)["hold_turns"] == 6 and cfg["hold_turns"] is None
    assert rules.generate(request(2, "hold"), rules.config_for(held), random.Random(1))["hold"] == 6
    json.dumps(cfg)  # plain JSON


def test_the_reader_routes_our_gdds_to_tactics_and_its_mode():
    iron = parse_gdd((FIXTURES / "tactics_ironvale.md").read_text(encoding="utf-8"))
    assert (iron.genre, iron.mode) == ("tactics", "rout")
    watch = parse_gdd((FIXTURES / "tactics_lastwatch.md").read_text(encoding="utf-8"))
    assert (watch.genre, watch.mode) == ("tactics", "hold")
    assert REGISTRY["tactics"].defining == "units_fight_by_turns"


# ---- the rule book ------------------------------------------------------------------------------

def test_reach_pays_terrain_costs_and_never_enters_water_rock_or_units(cfg):
    w = world(["..f.h..", "~#....."], [qa.unit(P, 0, 0, move=4), qa.unit(E, 6, 1)], cfg)
    assert w.reach(0) == {(0, 0): 0, (1, 0): 1, (2, 0): 3, (3, 0): 4, (2, 1): 4}
    w = world(PLAINS, [qa.unit(P, 0, 1, move=4), qa.unit(P, 1, 1), qa.unit(E, 7, 1)], cfg)
    reach = w.reach(0)
    assert (1, 1) not in reach and reach[(2, 1)] == 4  # around the ally, not through it


def test_damage_is_attack_less_defence_and_terrain_and_at_least_one(cfg):
    w = world([".fh.....", "........"], [qa.unit(P, 0, 1, atk=8), qa.unit(E, 0, 0, df=1), qa.unit(E, 1, 0),
                                          qa.unit(E, 2, 0, df=9)], cfg)
    a = w.units[0]
    assert [w.damage(a, w.units[i]) for i in (1, 2, 3)] == [7, 7, 1]


def test_a_unit_selects_moves_attacks_and_a_fallen_foe_is_removed(cfg):
    w = world(PLAINS, [qa.unit(P, 0, 1, atk=8), qa.unit(P, 0, 0), qa.unit(E, 4, 1, hp=8),
                       qa.unit(E, 7, 2)], cfg)
    assert go(w, 0, 1) == "select" and w.phase == "move"
    assert go(w, 3, 1) == "move" and (w.units[0].x, w.units[0].y) == (3, 1) and w.phase == "act"
    assert go(w, 7, 2) == "refused"  # out of range
    assert go(w, 4, 1) == "attack"
    assert w.units[2].hp == 0 and w.unit_at(4, 1) == -1 and w.units[0].done and w.score == 10
    assert w.turn == 1 and w.units[3].x == 7  # one unit still to act: the enemy waits


def test_moving_too_far_cancels_and_the_end_key_passes_the_turn(cfg):
    w = world(PLAINS, [qa.unit(P, 0, 1, move=2), qa.unit(E, 7, 1, move=3)], cfg)
    go(w, 0, 1)
    assert go(w, 3, 1) == "cancel" and w.sel == -1 and w.units[0].x == 0
    assert w.press(rules.END) == "end"
    assert w.turn == 2 and w.units[1].x == 4 and not w.units[0].done


def test_the_ai_kills_first_then_hits_the_weakest_then_walks_up(cfg):
    w = world(PLAINS, [qa.unit(P, 2, 1, hp=4), qa.unit(P, 4, 1, hp=3), qa.unit(E, 3, 1, atk=5)], cfg)
    assert w.enemy_choice(2) == ((3, 1), 0)  # both would fall: from where it stands, the first
    w = world(PLAINS, [qa.unit(P, 2, 1, hp=20), qa.unit(P, 4, 1, hp=9), qa.unit(E, 3, 1, atk=5)], cfg)
    assert w.enemy_choice(2)[1] == 1
    w = world(PLAINS, [qa.unit(P, 0, 1), qa.unit(E, 7, 1, move=3)], cfg)
    assert w.enemy_choice(1) == ((4, 1), -1)


def test_rout_wins_hold_wins_by_surviving_and_losing_the_army_loses(cfg):
    w = world(PLAINS, [qa.unit(P, 2, 1), qa.unit(P, 0, 0), qa.unit(E, 3, 1, hp=1)], cfg)
    go(w, 2, 1), go(w, 2, 1)
    assert go(w, 3, 1) == "attack" and w.won
    w = world(["................"], [qa.unit(P, 0, 0), qa.unit(E, 15, 0, move=2)], cfg, mode="hold", hold=2)
    w.press(rules.END)
    assert not w.won and w.turn == 2
    w.press(rules.END)
    assert w.won
    w = world(PLAINS, [qa.unit(P, 2, 1, hp=3), qa.unit(E, 3, 1, atk=9)], cfg)
    w.press(rules.END)
    assert w.lost and w.press("action") == ""


def test_waves_arrive_on_their_turn_and_keep_the_rout_from_ending_the_battle(cfg):
    wave = {**qa.unit(E, 7, 1, move=2), "arrive": 2}
    w = world(PLAINS, [qa.unit(P, 0, 1), qa.unit(E, 1, 1, hp=1), wave], cfg, mode="hold", hold=5)
    assert w.units[2].waiting and w.unit_at(7, 1) == -1 and w.side(E) == [1]
    go(w, 0, 1), go(w, 0, 1)
    assert go(w, 1, 1) == "attack" and not w.won  # a wave is still due
    assert w.turn == 2 and not w.units[2].waiting and w.unit_at(7, 1) == 2
    hold = rules.generate(request(1, "hold"), rules.config_for(make_spec("hold")), random.Random(2))
    assert [u["arrive"] for u in hold["units"] if u.get("arrive")] == [2, 3]


def test_fog_hides_only_what_is_far_from_the_army(cfg):
    w = world(PLAINS, [qa.unit(P, 0, 1), qa.unit(E, 7, 1)], cfg, fog=True, sight=5)
    assert w.visible(5, 1) and not w.visible(6, 1) and not w.visible(7, 1)
    assert world(PLAINS, [qa.unit(P, 0, 1), qa.unit(E, 7, 1)], cfg).visible(7, 1)
    spec = make_spec()
    spec.requirements = parse_gdd("# Fog\nA tactics game with fog of war and 2 levels.\n").requirements
    assert rules.config_for(spec)["fog"] is True and cfg["fog"] is False


# ---- generator and solver -----------------------------------------------------------------------

@pytest.mark.parametrize("mode", rules.MODES)
def test_levels_are_deterministic_connected_and_proven(mode):
    cfg = rules.config_for(make_spec(mode))
    for index in range(2):
        lv = rules.generate(request(index, mode), cfg, random.Random(7))
        assert lv == rules.generate(request(index, mode), cfg, random.Random(7))
        w = rules.World.start(lv, cfg)
        units = [(u.x, u.y) for u in w.units]
        assert len(set(units)) == len(units)  # (reinforcements too: each has its own tile)
        open_tiles = {(x, y) for y, row in enumerate(lv["grid"]) for x, ch in enumerate(row) if rules.TERRAIN[ch][1]}
        assert rules._connected([list(r) for r in lv["grid"]], units[0]) == open_tiles
        proof = None
        for seed in range(7, 12):
            lv = rules.generate(request(index, mode), cfg, random.Random(seed))
            proof = rules.solve(lv, cfg)
            if proof:
                break
        assert proof is not None and proof["steps"] == len(proof["keys"]) > 0
        replay = rules.World.start(lv, cfg)
        for k in proof["keys"]:
            replay.press(k)
        assert replay.won
        assert rules.solve(lv, cfg) == proof  # the same proof again
        assert "foes" in rules.describe(lv)


def test_later_levels_bring_more_foes(cfg):
    foes = [sum(u["side"] == E for u in rules.generate(request(i), cfg, random.Random(3))["units"]) for i in range(3)]
    assert foes == sorted(foes) and foes[-1] > foes[0]


# ---- the real tactics.js ------------------------------------------------------------------------

def bundle(cfg: dict[str, Any], levels: list[dict[str, Any]], lives: bool = False) -> HeadlessGame:
    spec = make_spec(mechanics=[{"id": "lives", "params": {"count": 3}}] if lives else [])
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "aldric", "enemies": ["bandit", "crossbowman"], "items": [], "hazards": [], "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    return HeadlessGame(codex.game_js("tactics"), "window.MAESTRO_DATA = " + json.dumps(data) + ";")


def proven(cfg: dict[str, Any], index: int, mode: str = "rout") -> dict[str, Any]:
    for seed in range(20, 40):
        lv = rules.generate(request(index, mode), cfg, random.Random(seed))
        if rules.solve(lv, cfg) is not None:
            return dict(lv, name=f"Field {index + 1}", seed=seed)
    raise AssertionError("no provable level")


@pytest.fixture(scope="module")
def levels(cfg) -> list[dict[str, Any]]:
    return [proven(cfg, 0), proven(cfg, 1)]


@pytest.mark.parametrize("lives", [False, True])
def test_the_javascript_agrees_with_the_rules(cfg, levels, lives):
    with bundle(cfg, levels, lives) as g:
        for seed in range(3):
            assert qa.rules_agree(g, levels[0], cfg, random.Random(seed)) is None
        assert g.errors() == []


def test_the_bot_wins_level_one_and_every_keypoint_passes(cfg, levels):
    with bundle(cfg, levels) as g:
        r = qa.play_level_one(g, levels[0], cfg)
        assert r.won, r.detail
    spec = make_spec(mechanics=[{"id": "lives", "params": {"count": 3}}, {"id": "score", "params": {}}]).model_dump(mode="json")
    kps = qa.keypoints(spec, cfg, levels)
    assert {"units_fight_by_turns", "turn_based", "rout_wins", "hold_survives", "foe_bandit", "lead_unit",
            "fog_hides", "last_life_loses", "waves", "points_for_foes"} <= {k.id for k in kps}
    for lives in (False, True):
        for kp in kps:
            with bundle(cfg, levels, lives) as g:
                ok, msg = kp.run(g)
            assert ok, f"{kp.id} (lives {lives}): {msg}"


def test_the_end_turn_key_and_a_frame_of_drawing_run_without_errors(cfg, levels):
    with bundle(cfg, levels) as g:
        g.step(5)
        g.press("undo")
        g.step(1)
        g.press("undo", False)
        st = g.step(120)
        assert st["status"] == "playing"
        assert g.js("__game.game.world.turn") == 2
        assert g.errors() == []
