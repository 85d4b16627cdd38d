"""Enemies that switch from patrol to chase when they see the player, said in the sentence that names them
("Hounds patrol the ledges, and a hound that sees Pell nearby switches to chase her"): the enemy and the
chase are two requirements, and the full QA on the real game code reports the chase built and verified by
the "chaser_chases" keypoint (issue 11, second list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.qa import check_bundle
from maestro.gdd import parse_gdd, read_gdd_file

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "platformer_chase_quarry_watch.md"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    spec = parse_gdd(read_gdd_file(GDD), source_name="quarry_watch")
    return build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))


def _rows(files: dict[str, bytes]) -> dict[str, object]:
    report, _ = check_bundle(files, browser=False, smoke_seconds=5)
    return {r.requirement.id: r for r in report.requirements}


def test_the_enemy_and_its_chase_said_in_one_sentence_are_two_requirements():
    spec = parse_gdd(read_gdd_file(GDD), source_name="quarry_watch")
    reqs = {r.id: r for r in spec.requirements}
    assert spec.genre == "platformer" and [e.behavior for e in spec.enemies] == ["chaser"]
    hound, chase = reqs["enemy:enemy_hound"], reqs["enemy:enemies_chase"]
    assert hound.words == chase.words and "switches to chase" in chase.words
    assert chase.term == "enemies_chase"


def test_the_report_says_the_chase_on_sight_is_built_and_verified(files):
    rows = _rows(files)
    assert rows["core_loop:platformer"].status == "verified"  # the bot won level 1 on the real JS
    row = rows["enemy:enemies_chase"]
    assert (row.status, row.check) == ("verified", "chaser_chases"), row.detail


def test_a_hound_that_never_gives_chase_is_not_verified(files):
    js = files["game/game.js"].decode()
    anchor = "if (e.behavior === 'chaser' && Math.abs(ppx - e.x) < 112) {"
    assert js.count(anchor) == 1
    broken = dict(files, **{"game/game.js": js.replace(anchor, "if (false) {").encode()})
    row = _rows(broken)["enemy:enemies_chase"]
    assert row.status != "verified", row.detail
