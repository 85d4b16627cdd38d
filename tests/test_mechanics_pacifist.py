"""A pacifist stealth adventure: "Nyx cannot fight" becomes the ``pacifist`` mechanic (adventure only),
the build has no attack whatever else the words say, guards still see in a cone, and the "pacifist"
keypoint shows on the real JavaScript that Space does nothing to an adjacent enemy."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.adventure import qa, rules
from maestro.genres.headless import HeadlessGame

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "mech_stealth.md"


@pytest.fixture(scope="module")
def built() -> dict:
    spec = parse_gdd(read_gdd_file(GDD), source_name="stealth")
    files = build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))
    data_js = files["game/data.js"].decode()
    data = json.loads(data_js[data_js.index("{"): data_js.rindex("}") + 1])
    return {"game_js": files["game/game.js"].decode(), "data_js": data_js, **data}


def _run(built: dict, kid: str, game_js: str | None = None) -> tuple[bool | None, str]:
    kp = next(k for k in qa.keypoints(built["spec"], built["config"], built["levels"]) if k.id == kid)
    with HeadlessGame(game_js or built["game_js"], built["data_js"]) as g:
        return kp.run(g)


def test_the_reader_finds_a_hero_who_never_fights():
    spec = parse_gdd(read_gdd_file(GDD), source_name="stealth")
    ids = {m.id for m in spec.mechanics}
    assert spec.genre == "adventure" and {"pacifist", "stealth"} <= ids and "melee" not in ids
    assert any(r.term == "pacifist" for r in spec.requirements)


def test_pacifist_wins_over_words_that_ask_for_a_sword():
    text = read_gdd_file(GDD) + "\n- A sword hangs in the hall as decoration.\n"
    spec = parse_gdd(text, source_name="stealth")
    assert spec.mechanic("melee") is None and spec.mechanic("pacifist") is not None
    assert rules.config_for(spec)["attack"] is False


def test_other_genres_read_no_pacifist():
    spec = parse_gdd("# Calm Hop\nGenre: Platformer\nJump over pits. You cannot fight.\n", source_name="x")
    assert spec.genre == "platformer" and spec.mechanic("pacifist") is None


def test_space_leaves_an_adjacent_enemy_standing_and_guards_still_see(built):
    for kid in ("pacifist", "guard_sees"):
        ok, msg = _run(built, kid)
        assert ok is True, (kid, msg)


def test_a_build_that_attacks_fails_the_pacifist_check(built):
    js = built["game_js"]
    anchor = "attack: !!c.attack,"
    assert js.count(anchor) == 1
    ok, msg = _run(built, "pacifist", js.replace(anchor, "attack: true,"))
    assert ok is False, msg


def test_a_guard_walks_its_patrol_route(built):
    ok, msg = _run(built, "patrol")
    assert ok is True, msg
    broken = built["game_js"].replace("e.ri = nxt; stepEnemyTo(e, r[nxt][0], r[nxt][1]);", "e.ri = nxt;")
    ok, msg = _run(built, "patrol", broken)
    assert ok is False, msg
