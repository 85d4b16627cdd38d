"""Requirements: what a GDD asks for, read with its words and place, and judged by what was built.

The GDDs here are our own; the careful readings of the shared GDDs live in tests/fixtures/truth/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.agents.query.fidelity import judge
from maestro.gdd import parse_gdd
from maestro.gdd.truth import TruthRequirement, delivered, load
from maestro.spec import Check
from maestro.spec.requirements import Requirement, fidelity
from tests.conftest import shared_gdds

TRUTH = Path(__file__).resolve().parent / "fixtures" / "truth"

# A family no genre builds (fighting games, before theirs): read as asked, judged not built.
FIGHTING = """# Iron Fist Alley

## Gameplay
Iron Fist Alley is a one-on-one fighting game. Two fighters trade punches and kicks over three
rounds; the first to win two rounds takes the match.

## Characters
- Rook: the player's fighter, quick jabs
- Brute: the rival, heavy slams
"""

HOP = """# Pebble Hop

Pebble is a frog who jumps between lily pads.

## Enemies
- Heron: walks along the bank and eats frogs

## Items
- Firefly: 10 points each

## Controls
Arrow keys move, Space jumps.
"""


def by_kind(spec, kind):
    return [r for r in spec.requirements if r.kind == kind]


def test_requirements_carry_the_gdds_words_and_where_they_are():
    spec = parse_gdd(HOP)
    heron = next(r for r in spec.requirements if r.term == "heron")
    assert heron.kind == "enemy" and "walks along the bank" in heron.words
    assert heron.where.section == "Enemies" and heron.where.line == 6
    controls = by_kind(spec, "controls")[0]
    assert controls.where.section == "Controls" and "Space jumps" in controls.words


def test_what_maestro_invented_is_not_a_requirement():
    spec = parse_gdd(HOP)
    assert spec.goal is not None and spec.goal.name == "Flag"  # a default goal, never asked for
    assert not by_kind(spec, "goal")
    assert not by_kind(spec, "level")  # the stock level names are not the GDD's


def test_a_family_maestro_lacks_is_read_as_asked_and_judged_not_built():
    spec = parse_gdd(FIGHTING)
    loop = by_kind(spec, "core_loop")[0]
    assert loop.family == "fighting" and loop.summary == "fighting game"
    turns = next(r for r in spec.requirements if r.kind == "structure")
    assert turns.term == "rounds" and "rounds" in turns.words
    # Fighting has its genre now: the spec as the reader wrote it when none built it (the nearest genre, the
    # core loop mapped to no term). Even with every check passing, what no genre builds stays not built.
    data = spec.model_dump(mode="json")
    data["genre"], data["mode"] = "platformer", "levels"
    data["requirements"] = [{**r, "term": None} if r["kind"] == "core_loop" else r for r in data["requirements"]]
    checks = [Check(id="bot_level_one", category="bot", passed=True, critical=True, requirement="bot")]
    results = {r.requirement.id: r for r in judge(data, checks)}
    assert results[turns.id].status == "not_built"
    assert results[loop.id].status == "not_built" and "family yet" in results[loop.id].detail
    assert fidelity(list(results.values())) < 0.5


def test_a_passed_keypoint_verifies_and_a_failed_one_is_not_built():
    spec = parse_gdd(HOP)
    data = spec.model_dump(mode="json")
    heron = next(r for r in spec.requirements if r.term == "heron")
    ok = Check(id="enemy_hurts", category="keypoint", passed=True, requirement="Touching a Heron costs a life",
               mechanic="heron")
    assert {r.requirement.id: r.status for r in judge(data, [ok])}[heron.id] == "verified"
    bad = ok.model_copy(update={"passed": False, "message": "touching it did nothing"})
    result = {r.requirement.id: r for r in judge(data, [bad])}[heron.id]
    assert result.status == "not_built" and "touching it did nothing" in result.detail
    nothing = {r.requirement.id: r for r in judge(data, [])}[heron.id]
    assert nothing.status == "approximated" and "no check" in nothing.detail


def test_weights_make_the_core_loop_count_most():
    loop = Requirement(id="a", kind="core_loop", summary="platformer")
    audio = Requirement(id="b", kind="audio", summary="audio")
    assert loop.weight == 3 and audio.weight == 1
    assert Requirement(id="c", kind="audio", summary="x", defining=True).weight == 3


def test_truth_matching_and_needs():
    enemy = TruthRequirement(kind="obstacle", what="herons walk the bank", match=["heron"])
    read = Requirement(id="enemy:heron", kind="enemy", summary="enemy: Heron", words="Heron: walks along the bank")
    assert enemy.matches(read)  # enemy and obstacle are one group
    assert not enemy.matches(read.model_copy(update={"kind": "item"}))
    spec = parse_gdd(HOP)
    assert delivered({"entity": "heron", "as": "enemy"}, spec, "side")
    assert not delivered({"entity": "heron", "as": "item"}, spec, "side")
    assert not delivered({"none": "online"}, spec, "side")
    assert delivered({}, spec, "side")


def test_every_shared_gdd_has_a_valid_careful_reading(shared_dir):
    missing = [p.name for p in shared_gdds() if not (TRUTH / f"{p.stem}.yaml").is_file()]
    assert not missing, f"write a truth file (tests/fixtures/truth/README.md) for: {missing}"
    for path in sorted(TRUTH.glob("*.yaml")):
        truth = load(path)  # raises on a malformed file
        assert (shared_dir / truth.gdd).is_file(), f"{path.name} reads {truth.gdd}, which is not in {shared_dir}"
        assert path.stem == Path(truth.gdd).stem
        assert any(r.kind == "core_loop" for r in truth.requirements), f"{path.name} has no core loop"


@pytest.mark.parametrize("path", shared_gdds(), ids=lambda p: p.stem)
def test_every_shared_gdd_yields_requirements_with_a_core_loop(path, shared_dir):
    from maestro.gdd import read_gdd_file

    spec = parse_gdd(read_gdd_file(path), source_name=path.name)
    assert spec.requirements and spec.requirements[0].kind == "core_loop"
    assert len({r.id for r in spec.requirements}) == len(spec.requirements)


def _judged(spec, checks):
    return {r.requirement.kind: r for r in judge(spec.model_dump(mode="json"), checks)}


def test_controls_are_verified_only_by_real_key_presses_on_keys_the_game_binds():
    pressed = Check(id="browser_input", category="browser", passed=True, requirement="keys move the game")
    spec = parse_gdd(HOP)  # "Arrow keys move, Space jumps."
    assert _judged(spec, [pressed])["controls"].status == "verified"
    assert _judged(spec, [])["controls"].status == "approximated"  # no browser pass pressed them
    aimed = parse_gdd(HOP.replace("Arrow keys move, Space jumps.", "Arrow keys move, the mouse aims."))
    result = _judged(aimed, [pressed])["controls"]
    assert result.status == "approximated" and "does not bind the mouse" in result.detail


def test_audio_is_verified_when_the_browser_hears_music_in_the_mood_the_gdd_asked_for():
    heard = Check(id="browser_audio", category="browser", passed=True, requirement="music plays")
    spec = parse_gdd(HOP + "\n## Audio\nA calm, gentle melody plays while you hop.\n")
    assert spec.audio.source
    result = _judged(spec, [heard])["audio"]
    assert result.status == "verified" and spec.audio.mood in result.detail
    assert _judged(spec, [heard.model_copy(update={"passed": False})])["audio"].status == "approximated"


def test_setting_and_art_are_verified_only_when_the_game_draws_what_the_gdd_names():
    drawn = Check(id="browser_draws", category="browser", passed=True, requirement="the screen shows the game")
    spec = parse_gdd(HOP + "\n## Setting\nA misty forest pond at dawn.\n\n## Art\nPixel art with soft colours.\n")
    judged = _judged(spec, [drawn])
    assert {lv.scene.kind for lv in spec.levels} == {"forest"}
    assert judged["setting"].status == "verified" and "forest" in judged["setting"].detail
    assert judged["art"].status == "verified"
    assert _judged(spec, [])["setting"].status == "approximated"  # no browser drew it
    desert = spec.model_copy(update={"levels": [lv.model_copy(update={"scene": lv.scene.model_copy(
        update={"kind": "desert"})}) for lv in spec.levels]})
    result = _judged(desert, [drawn])["setting"]
    assert result.status == "approximated" and "names forest" in result.detail
