"""Bullet hell: a shooter GDD that asks for bullet patterns ("a bullet hell game", "fans of bullets") gets
the ``bullet_patterns`` mechanic, ``config["enemy_spread"]`` and enemy shots that are fans of bullets,
the same in shooter.js and in the solver's fire schedule (rules.spread_drifts); the "bullet_spread"
keypoint shows the fan on the real JavaScript, every level stays proven, and the JS and Python rules agree."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.headless import HeadlessGame
from maestro.genres.shooter import qa, rules

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "mech_bullets.md"


@pytest.fixture(scope="module")
def built() -> dict:
    spec = parse_gdd(read_gdd_file(GDD), source_name="bullets")
    files = build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))
    data_js = files["game/data.js"].decode()
    data = json.loads(data_js[data_js.index("{"): data_js.rindex("}") + 1])
    return {"game_js": files["game/game.js"].decode(), "data_js": data_js, **data}


def test_the_reader_finds_bullet_hell_for_a_shooter_only():
    spec = parse_gdd(read_gdd_file(GDD), source_name="bullets")
    assert spec.params_of("bullet_patterns") == {"spread": 3}
    assert rules.config_for(spec)["enemy_spread"] == 3
    other = parse_gdd("# Hop\nGenre: Platformer\nJump over pits. It plays like a bullet hell.\n", source_name="x")
    assert other.params_of("bullet_patterns") is None


def test_a_fan_is_symmetric_and_one_bullet_without_it():
    cfg = {"enemy_spread": 3, "enemy_bullet_speed": 100.0}
    assert rules.spread_drifts(cfg) == [-30.0, 0.0, 30.0]
    assert rules.spread_drifts({"enemy_bullet_speed": 100.0}) == [0.0]


def test_the_fan_flies_on_the_real_javascript(built):
    kp = next(k for k in qa.keypoints(built["spec"], built["config"], built["levels"]) if k.id == "bullet_spread")
    with HeadlessGame(built["game_js"], built["data_js"]) as g:
        ok, msg = kp.run(g)
    assert ok is True, msg
    broken = built["game_js"].replace("e.vac = C.drifts[d];", "e.vac = 0;")
    with HeadlessGame(broken, built["data_js"]) as g:
        ok, msg = kp.run(g)
    assert ok is False, msg


def test_levels_stay_proven_and_the_rules_agree(built):
    for level in built["levels"]:
        assert rules.solve(level, built["config"]) is not None
    assert any(w.get("fire") for lv in built["levels"] for w in lv["waves"])
    for seed in (1, 2):
        with HeadlessGame(built["game_js"], built["data_js"]) as g:
            assert qa.rules_agree(g, built["levels"][0], built["config"], random.Random(seed)) is None
    with HeadlessGame(built["game_js"], built["data_js"]) as g:
        assert qa.play_level_one(g, built["levels"][0], built["config"]).won
