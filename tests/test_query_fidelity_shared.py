"""What every Maestro game has, asked for in a GDD's words, is verified by the shared keypoint that plays
it (maestro.agents.query.generic), and only by it: a start screen, moving left and right, a lost life
sending the player back to the start, a sprint, levels played in order, a per-level clock. Each check is
shown failing on a game that does not do what it proves.

Every GDD here is written for these tests."""

from __future__ import annotations

import pytest

from maestro.agents.query.fidelity import judge
from maestro.agents.query.qa import bundle_of, check_bundle
from maestro.gdd import parse_gdd
from maestro.spec import Check, QualityReport
from tests.test_plan_and_assembly import _build
from tests.test_query_core import patched

HOPPER_GDD = """# Tin Hopper

Tin Hopper is a 2D platformer about a tin frog who hops across rooftops collecting bolts.

## Requirements
### Must have
1. Must have a frog that moves left and right - [done]
2. Must have pits that send the player back to the beginning of the level - [done]
3. Must have levels that each show off one new trick - [done]
4. Must have a start screen

## Levels
There are 3 levels. You have 60 seconds to finish each level.
"""

RUNNER_GDD = """# Tin Dash

Tin Dash is an endless runner: the tin frog runs by itself over the rooftops and jumps over the gaps.

## Requirements
### Must have
1. Must have a frog that moves left and right
2. Must have a title screen
"""

# The same asks in Spanish: "a start screen", "moves left and right", "sends you back to the start".
SPANISH_GDD = """# Rana de Lata

Rana de Lata es un juego de plataformas 2D sobre una rana de lata.

## Mecánicas
- Debe tener una pantalla de inicio.
- El jugador se mueve a la izquierda y a la derecha.
- Si el jugador cae en un pozo, vuelve al inicio del nivel.
"""


def terms(text: str) -> dict[str, str | None]:
    spec = parse_gdd(text, source_name="shared.md")
    return {r.summary: r.term for r in spec.requirements}


def state_of(report: QualityReport, term: str) -> tuple[str, str]:
    found = [r for r in report.requirements if r.requirement.term == term]
    assert found, f"no requirement mapped to {term}: {[r.requirement.term for r in report.requirements]}"
    return found[0].status, found[0].detail


@pytest.fixture(scope="module")
def hopper() -> dict[str, bytes]:
    return bundle_of(_build(HOPPER_GDD, 1))


def test_the_reader_maps_what_every_game_has_to_the_shared_checks() -> None:
    got = terms(HOPPER_GDD)
    assert "move_left_right" in got.values()
    assert "title_then_play" in got.values()
    assert "hit_sends_back" in got.values()  # the way of losing the pit rule states
    assert got.get("obstacle: pits send back beginning level") == "fall_death"  # the pit itself
    assert "levels" in got.values()
    spanish = set(terms(SPANISH_GDD).values())
    assert {"title_then_play", "move_left_right", "hit_sends_back"} <= spanish


def test_a_game_that_does_them_has_them_verified(hopper) -> None:
    report, _ = check_bundle(hopper, browser=False, smoke_seconds=2)
    for term in ("move_left_right", "title_then_play", "hit_sends_back", "fall_death", "levels", "timer"):
        status, detail = state_of(report, term)
        assert status == "verified", f"{term}: {status}, {detail}"


def test_a_lost_life_that_leaves_the_player_where_it_was_is_caught(hopper) -> None:
    # The platformer puts the player back at the start (or a checkpoint) after a lost life: plant a respawn
    # that leaves it where it was hit.
    bad = patched(hopper, "game.js", "placePlayer(w, best);", "")
    report, _ = check_bundle(bad, browser=False, smoke_seconds=2)
    check = next(c for c in report.checks if c.id == "hit_sends_back")
    assert check.passed is False and "not back at the start" in check.message
    assert state_of(report, "hit_sends_back")[0] == "not_built"


def test_levels_that_do_not_follow_each_other_are_caught(hopper) -> None:
    bad = patched(hopper, "game.js", "startLevel(G.levelIndex + 1);", "startLevel(G.levelIndex);")
    report, _ = check_bundle(bad, browser=False, smoke_seconds=2)
    check = next(c for c in report.checks if c.id == "levels_in_order")
    assert check.passed is False and "level 2 should be playing" in check.message
    status, detail = state_of(report, "levels")
    assert status == "approximated" and "no check played them in order" in detail


def test_a_clock_that_costs_nothing_is_caught(hopper) -> None:
    bad = patched(hopper, "game.js", "if (G.hurt('time')) return;", "")
    report, _ = check_bundle(bad, browser=False, smoke_seconds=2)
    assert next(c for c in report.checks if c.id == "time_limit_costs_life").passed is False
    assert state_of(report, "timer")[0] != "verified"


def test_a_runner_cannot_walk_back_and_says_so() -> None:
    report, _ = check_bundle(bundle_of(_build(RUNNER_GDD, 1)), browser=False, smoke_seconds=2)
    status, detail = state_of(report, "move_left_right")
    assert status == "not_built" and "holding Left does not move the player back" in detail
    assert state_of(report, "title_then_play")[0] == "verified"


def test_a_platformer_without_a_sprint_key_does_not_get_its_sprint_verified() -> None:
    gdd = HOPPER_GDD + "\n## Mechanics\n- Sprint: hold a key to run faster.\n"
    spec = parse_gdd(gdd, source_name="sprint.md")
    assert any(r.term == "sprint" for r in spec.requirements)
    report, _ = check_bundle(bundle_of(_build(gdd, 1)), browser=False, smoke_seconds=2)
    status, detail = state_of(report, "sprint")
    assert status == "not_built" and "does not make the player faster" in detail


def test_a_shared_check_that_could_not_play_leaves_the_requirement_approximated() -> None:
    spec = parse_gdd(HOPPER_GDD, source_name="shared.md").model_dump(mode="json")
    skipped = Check(id="hit_sends_back", category="keypoint", passed=None, requirement="A lost life ...",
                    message="skipped: could not move the player away from the start")
    results = {r.requirement.term: r for r in judge(spec, [skipped])}
    assert results["hit_sends_back"].status == "approximated"
    assert "could not move the player" in results["hit_sends_back"].detail
    # and nothing asked for is verified without a check that passed
    assert all(r.status != "verified" for r in judge(spec, []))
