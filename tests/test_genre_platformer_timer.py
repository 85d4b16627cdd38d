"""One minute for each level, said with a word for one ("Tienes un minuto para superar cada nivel", "you
have a minute to finish each level"): the per-level time limit is read (60 s), built by the runtime's
clock, and the full QA on the real game code reports it built and verified by "time_limit_costs_life"."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.qa import check_bundle
from maestro.gdd import parse_gdd, read_gdd_file

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "platformer_timer_reloj_de_arena.md"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    spec = parse_gdd(read_gdd_file(GDD), source_name="reloj")
    return build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))


def _rows(files: dict[str, bytes]) -> dict[str, object]:
    report, _ = check_bundle(files, browser=False, smoke_seconds=5)
    return {r.requirement.id: r for r in report.requirements}


def test_a_minute_for_each_level_is_a_60_second_limit():
    spec = parse_gdd(read_gdd_file(GDD), source_name="reloj")
    assert (spec.genre, spec.time_limit, spec.time_ends_as, len(spec.levels)) == ("platformer", 60, None, 3)
    assert spec.params_of("timer") == {"direction": "down", "seconds": 60}
    assert any(r.term == "timer" and "un minuto" in r.words for r in spec.requirements)
    said = "# Hop\nGenre: Platformer\nJump to the flag. You have a minute to finish each level.\n"
    assert parse_gdd(said, source_name="x").time_limit == 60


def test_a_minute_said_in_passing_is_no_limit():
    said = "# Hop\nGenre: Platformer\nJump to the flag. Take a minute to look around: the levels are short.\n"
    assert parse_gdd(said, source_name="x").time_limit is None


def test_the_report_says_the_time_limit_is_built_and_verified(files):
    rows = _rows(files)
    assert rows["core_loop:platformer"].status == "verified"  # the bot won level 1 within the limit
    row = next(r for r in rows.values() if r.requirement.term == "timer")
    assert (row.status, row.check) == ("verified", "time_limit_costs_life"), row.detail


def test_a_clock_that_never_runs_out_is_not_verified(files):
    js = files["game/game.js"].decode()
    anchor = "if (spec.time_limit && G.time >= spec.time_limit) {"
    assert js.count(anchor) == 1
    broken = dict(files, **{"game/game.js": js.replace(anchor, "if (false) {").encode()})
    row = next(r for r in _rows(broken).values() if r.requirement.term == "timer")
    assert row.status != "verified", row.detail
