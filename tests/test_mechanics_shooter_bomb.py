"""Shooter bombs: a GDD's "3 smart bombs" becomes the ``bomb`` mechanic (count 3), ``config["bombs"]``,
a Z key that clears the screen of enemies and their bullets, and the "bomb" keypoint on the real
JavaScript. Other genres read no bomb; a shooter GDD without bombs keeps its config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.headless import HeadlessGame
from maestro.genres.shooter import qa, rules

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "mech_bomb.md"
PLAIN = """# Sky Guard
Genre: Shoot 'em up
Shoot the drones that come down in waves. 3 lives.
"""


@pytest.fixture(scope="module")
def built() -> dict:
    spec = parse_gdd(read_gdd_file(GDD), source_name="bomb")
    files = build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))
    data_js = files["game/data.js"].decode()
    data = json.loads(data_js[data_js.index("{"): data_js.rindex("}") + 1])
    return {"game_js": files["game/game.js"].decode(), "data_js": data_js, **data}


def _run(built: dict, game_js: str | None = None) -> tuple[bool | None, str]:
    kp = next(k for k in qa.keypoints(built["spec"], built["config"], built["levels"]) if k.id == "bomb")
    with HeadlessGame(game_js or built["game_js"], built["data_js"]) as g:
        return kp.run(g)


def test_the_reader_counts_the_bombs_for_a_shooter_only():
    spec = parse_gdd(read_gdd_file(GDD), source_name="bomb")
    assert spec.genre == "shooter" and spec.params_of("bomb") == {"count": 3}
    assert any(r.term == "bomb" for r in spec.requirements)
    other = parse_gdd("# Boom Hop\nGenre: Platformer\nJump over pits. You carry 3 smart bombs.\n", source_name="x")
    assert other.genre == "platformer" and other.params_of("bomb") is None


def test_bombs_are_in_the_config_only_when_asked():
    assert "bombs" not in rules.config_for(parse_gdd(PLAIN, source_name="plain"))
    assert rules.config_for(parse_gdd(read_gdd_file(GDD), source_name="bomb"))["bombs"] == 3


def test_a_bomb_clears_the_screen(built):
    ok, msg = _run(built)
    assert ok is True, msg


def test_a_bomb_that_spares_the_bullets_fails_its_check(built):
    js = built["game_js"]
    anchor = "for (var k = 0; k < W.eb.length; k++) W.eb[k].on = false;"
    assert js.count(anchor) == 1
    ok, msg = _run(built, js.replace(anchor, ""))
    assert ok is False and "bullets" in msg, msg


def test_an_endless_stock_fails_its_check(built):
    js = built["game_js"]
    anchor = "W.bombs--;"
    assert js.count(anchor) == 1
    ok, msg = _run(built, js.replace(anchor, ""))
    assert ok is False, msg
