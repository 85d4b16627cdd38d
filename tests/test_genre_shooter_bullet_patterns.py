"""Bullet hell said in the same words as the shooting ("A bullet hell shooter: every moth answers with fans of
bullets, and Wick shoots back"): both are requirements of the GDD's, and the full QA on the real game code
reports the bullet patterns built and verified by the "bullet_spread" keypoint (issue 11, second list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.qa import check_bundle
from maestro.gdd import parse_gdd, read_gdd_file

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "shooter_bullet_patterns_lantern_rain.md"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    spec = parse_gdd(read_gdd_file(GDD), source_name="lantern_rain")
    return build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))


def _rows(files: dict[str, bytes]) -> dict[str, object]:
    report, _ = check_bundle(files, browser=False, smoke_seconds=5)
    return {r.requirement.id: r for r in report.requirements}


def test_shooting_and_bullet_patterns_said_in_one_sentence_are_two_requirements():
    spec = parse_gdd(read_gdd_file(GDD), source_name="lantern_rain")
    reqs = {r.id: r for r in spec.requirements}
    assert spec.genre == "shooter" and spec.params_of("bullet_patterns") == {"spread": 3}
    shoot, bullets = reqs["mechanic:shoot"], reqs["mechanic:bullet_patterns"]
    assert shoot.words == bullets.words and "fans of bullets" in bullets.words
    assert bullets.term == "bullet_patterns"


def test_the_report_says_the_bullet_patterns_are_built_and_verified(files):
    rows = _rows(files)
    assert rows["core_loop:shooter"].status == "verified"  # the bot won level 1 on the real JS
    row = rows["mechanic:bullet_patterns"]
    assert (row.status, row.check) == ("verified", "bullet_spread"), row.detail


def test_a_game_that_fires_single_bullets_is_not_verified(files):
    js = files["game/game.js"].decode()
    anchor = "e.vac = C.drifts[d];"
    assert js.count(anchor) == 1
    broken = dict(files, **{"game/game.js": js.replace(anchor, "e.vac = 0;").encode()})
    row = _rows(broken)["mechanic:bullet_patterns"]
    assert row.status != "verified", row.detail
