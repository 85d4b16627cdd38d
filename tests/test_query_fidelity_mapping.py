"""Which check stands for which requirement (maestro.agents.query.fidelity): a rule the reader could not map
is verified only by a passed keypoint that says the same thing, the player is failed only by a check made
for it (not by one of its moves that names it), a named character is found by name, and a bout's rounds are proved by the keypoint
that plays them. Each is shown failing where the game does not do what the check proves.

The GDDs and specs here are written for these tests."""

from __future__ import annotations

from typing import Any

import pytest

from maestro.agents.query.fidelity import judge
from maestro.agents.query.qa import bundle_of, check_bundle
from maestro.spec import Check
from maestro.spec.requirements import Requirement
from tests.test_plan_and_assembly import _build
from tests.test_query_core import patched


def _req(kind: str, summary: str, words: str, term: str | None) -> dict[str, Any]:
    return Requirement(id=f"{kind}-{summary[:12]}", kind=kind, summary=summary, words=words,
                       term=term).model_dump(mode="json")


def _kp(cid: str, requirement: str, passed: bool | None, mechanic: str | None = None) -> Check:
    return Check(id=cid, category="keypoint", passed=passed, requirement=requirement, mechanic=mechanic,
                 message="" if passed else "it did not")


SHUFFLE = "When your deck is empty, shuffle the discard pile to make a new deck."
RESHUFFLE_CHECK = "Drawing from an empty draw pile shuffles the discard pile into it"


def _card_spec(*reqs: dict[str, Any]) -> dict[str, Any]:
    return {"genre": "card", "mode": "deckbuilder", "mechanics": [{"id": "health"}],
            "player": {"slug": "zia", "name": "Zia", "kind": "player"},
            "enemies": [{"slug": "grim-warden", "name": "Grim Warden", "kind": "enemy"}],
            "requirements": list(reqs)}


def _state(spec: dict[str, Any], checks: list[Check]) -> dict[str, tuple[str, str]]:
    return {r.requirement.summary: (r.status, r.detail) for r in judge(spec, checks)}


def test_an_unmapped_rule_is_verified_by_the_passed_check_that_says_the_same_thing() -> None:
    spec = _card_spec(_req("mechanic", "reshuffle when empty", SHUFFLE, None))
    status, detail = _state(spec, [_kp("reshuffle", RESHUFFLE_CHECK, True)])["reshuffle when empty"]
    assert status == "verified" and RESHUFFLE_CHECK in detail
    # the same check failing, skipped, or only a presence check saying the same words: no proof
    for check in (_kp("reshuffle", RESHUFFLE_CHECK, False), _kp("reshuffle", RESHUFFLE_CHECK, None),
                  _kp("in_game_pile", RESHUFFLE_CHECK, True)):
        assert _state(spec, [check])["reshuffle when empty"][0] == "not_built"


def test_one_or_two_shared_words_are_not_the_same_rule() -> None:
    # "turn" and "card" are in every card check; sharing them says nothing of the rule asked for
    spec = _card_spec(_req("mechanic", "order of a turn", "Each turn a player may trade one card with a rival.", None))
    checks = [_kp("intent_shown", "Each foe shows its intent and does exactly that when the turn ends", True),
              _kp("cards_play", "Playing a card costs its energy and moves it to the discard pile", True)]
    assert _state(spec, checks)["order of a turn"][0] == "not_built"
    # nor do a structure or the presentation borrow a check by its words
    spec = _card_spec(_req("structure", "structure: deck rounds", SHUFFLE, None))
    assert _state(spec, [_kp("reshuffle", RESHUFFLE_CHECK, True)])["structure: deck rounds"][0] == "not_built"


def test_two_shared_words_do_when_the_requirement_is_named_by_the_check_but_not_by_the_genre_s_name() -> None:
    title = _kp("title_then_play", "The game opens on its title screen and Space starts it", True)
    spec = _card_spec(_req("mechanic", "Title", "Title: three options, and Start begins a run.", None))
    assert _state(spec, [title])["Title"][0] == "verified"
    # "card" names the check card_track, but every check of a card game says "card"
    track = _kp("card_track", "The Track card does what it says: Gain 1 energy. Draw 1 card.", True)
    spec = _card_spec(_req("mechanic", "draw five cards", "Draw the next five cards from the deck.", None))
    assert _state(spec, [track])["draw five cards"][0] == "not_built"


def test_a_failed_check_that_only_names_the_player_does_not_unbuild_the_player() -> None:
    spec = _card_spec(_req("player", "player: Zia", "You play Zia, a wandering duelist.", "zia"))
    there = _kp("in_game_zia", "Zia (player) is in the game", True, mechanic="zia")
    sprint = _kp("sprint_is_faster", "Holding Space makes Zia run faster", False)
    status, detail = _state(spec, [there, sprint])["player: Zia"]
    assert status == "verified" and "no check plays how it behaves" in detail
    # a check made for her that fails still fails her, whatever else passed
    own = _kp("zia_blocks", "Zia blocks the first hit", False, mechanic="zia")
    assert _state(spec, [there, sprint, own])["player: Zia"][0] == "not_built"
    # and one that names her and passes plays her
    assert _state(spec, [_kp("jump", "Pressing Up makes Zia jump", True)])["player: Zia"][0] == "verified"
    # a thing that is not the player is failed by a check that names it: collecting it is what it does
    gem = _card_spec(_req("item", "item: Gem", "Collect every Gem.", "gem"))
    gem["items"] = [{"slug": "gem", "name": "Gem", "kind": "item"}]
    collect = _kp("collect", "Collecting a Gem adds to the score", False, mechanic="collect")
    assert _state(gem, [_kp("in_game_gem", "Gem (item) is in the game", True, mechanic="gem"), collect])[
        "item: Gem"][0] == "not_built"


def test_a_named_character_the_reader_did_not_map_is_judged_by_the_game_s_own_checks() -> None:
    spec = _card_spec(_req("character", "character: Grim Warden", "The Grim Warden waits at the last gate.", None))
    foe = _kp("foe_grim-warden", "Grim Warden fights the hero: it shows its intent and acts", True,
              mechanic="grim-warden")
    assert _state(spec, [foe])["character: Grim Warden"][0] == "verified"
    failed = _kp("foe_grim-warden", "Grim Warden fights the hero", False, mechanic="grim-warden")
    assert _state(spec, [failed])["character: Grim Warden"][0] == "not_built"
    nobody = _card_spec(_req("character", "character: Old Ferryman", "The Old Ferryman sells maps.", None))
    assert _state(nobody, [foe])["character: Old Ferryman"][0] == "not_built"


BOUT_GDD = """# Reedwater Reel

Reedwater Reel is a fishing game. You are Wren, an angler on a misty lake, reeling in the old carp Gulper.

## Rules
- Press Space when the moving marker is inside the window to reel the line in.
- Stamina drains with every miss and every dodge; it recovers a little between rounds.
- Gulper telegraphs his runs: press Down to give him line.
- The catch is played in rounds.

## Winning and losing
Land Gulper before the last round ends. If your stamina runs out, the line snaps and you lose.
"""


@pytest.fixture(scope="module")
def bout() -> dict[str, bytes]:
    return bundle_of(_build(BOUT_GDD, 1))


def _rounds(files: dict[str, bytes]) -> tuple[Check, tuple[str, str]]:
    report, _ = check_bundle(files, browser=False, smoke_seconds=2)
    check = next(c for c in report.checks if c.id == "rounds_follow")
    found = [(r.status, r.detail) for r in report.requirements if r.requirement.term == "rounds"]
    assert found, [r.requirement.term for r in report.requirements]
    return check, found[0]


def test_a_bout_played_in_rounds_has_its_rounds_verified(bout: dict[str, bytes]) -> None:
    check, (status, detail) = _rounds(bout)
    assert check.passed is True and "round 2 began" in check.message
    assert status == "verified" and detail == check.requirement


def test_a_bout_whose_rounds_never_end_is_caught(bout: dict[str, bytes]) -> None:
    bad = patched(bout, "game.js", "m.rf = 0; m.round++;", "m.rf = 0;")
    check, (status, detail) = _rounds(bad)
    assert check.passed is False
    assert status == "approximated" and "its check did not pass" in detail
