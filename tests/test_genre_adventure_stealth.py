"""A pacifist stealth adventure whose GDD first names stealth in an aside (its audience, "players who enjoy
stealth games") and says the rules later, the pacifism as "unable to hurt the wardens": both mechanics are
requirements quoting the rule's own sentence, and the full QA on the real game code reports them built and
verified by the "guard_sees" and "pacifist" keypoints (issue 11, second list)."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.qa import check_bundle
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.adventure import rules

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "adventure_stealth_hushed_archive.md"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    spec = parse_gdd(read_gdd_file(GDD), source_name="hushed_archive")
    return build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))


def _rows(files: dict[str, bytes]) -> dict[str, object]:
    report, _ = check_bundle(files, browser=False, smoke_seconds=5)
    return {r.requirement.id: r for r in report.requirements}


def test_stealth_is_quoted_from_its_rule_and_not_from_the_audience():
    spec = parse_gdd(read_gdd_file(GDD), source_name="hushed_archive")
    reqs = {r.id: r for r in spec.requirements}
    assert spec.genre == "adventure"
    assert "vision cone" in reqs["mechanic:stealth"].words
    assert "unable to hurt the wardens" in reqs["mechanic:pacifist"].words
    assert spec.mechanic("melee") is None and rules.config_for(spec)["attack"] is False


def test_unable_to_kill_or_disable_is_a_hero_who_never_fights():
    said = "# Vault\nGenre: Stealth adventure\nSneak past the guards to the exit. The thief is unable to kill or disable guards.\n"
    assert parse_gdd(said, source_name="x").mechanic("pacifist") is not None
    # only the adventure plays a pacifist hero; a platformer's words ask for nothing built
    hop = "# Hop\nGenre: Platformer\nJump over pits. The frog is unable to hurt enemies.\n"
    assert parse_gdd(hop, source_name="x").mechanic("pacifist") is None


def test_the_report_says_stealth_and_pacifism_are_built_and_verified(files):
    rows = _rows(files)
    assert rows["core_loop:top_down_adventure"].status == "verified"  # the bot won level 1 on the real JS
    assert (rows["mechanic:stealth"].status, rows["mechanic:stealth"].check) == ("verified", "guard_sees")
    assert (rows["mechanic:pacifist"].status, rows["mechanic:pacifist"].check) == ("verified", "pacifist")


def test_a_hero_who_attacks_is_not_verified_pacifist(files):
    js = files["game/game.js"].decode()
    anchor = "attack: !!c.attack,"
    assert js.count(anchor) == 1
    broken = dict(files, **{"game/game.js": js.replace(anchor, "attack: true,").encode()})
    row = _rows(broken)["mechanic:pacifist"]
    assert row.status != "verified", row.detail
