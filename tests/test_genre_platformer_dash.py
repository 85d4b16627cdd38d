"""The platformer's Geometry-Dash-like course (mode "dash", issue 11): read from the GDD's own words, laid out
by dash.py, proven by the solver with the real integer physics (a crash into a block's side and a jump pad's
launch included), played the same way by platformer.js, won by the bot, and checked by the spike_kills /
block_landing / jump_pad keypoints, which fail on builds that get them wrong."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from maestro.agents.query.fidelity import judge
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.headless import HeadlessGame
from maestro.genres.platformer import dash, qa, rules
from maestro.spec.quality import Check
from test_mechanics_platformer_extras import Build, _planted

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gdds"
CRASH = "if (w.dash && p.x - x0 < P.run && G.invuln <= 0) { if (!shrink(G, w)) G.hurt('block'); return; }"


@pytest.fixture(scope="module")
def course() -> Build:
    return Build(parse_gdd(read_gdd_file(FIXTURES / "platformer_dash_prism_run.md"), source_name="dash"))


def test_the_gdds_words_ask_for_a_dash_course():
    spec = parse_gdd(read_gdd_file(FIXTURES / "platformer_dash_prism_run.md"), source_name="dash")
    assert (spec.genre, spec.mode, len(spec.levels)) == ("platformer", "dash", 3)
    assert not spec.enemies  # no stock slime on a course of spikes and blocks
    assert "block_landing" in {r.term for r in spec.requirements}
    # a runner that names Geometry Dash among the games that inspired it is no dash course
    assert not dash.wants_dash("Inspired by games like Geometry Dash or the Dinosaur Game, you run and duck.")
    assert dash.wants_dash("A one-button runner: jump on the beat over the spikes.")
    plain = parse_gdd("# Hop\n- **Genre**: Endless runner\nThe fox runs by itself. Jump the logs. 3 lives.\n",
                      source_name="x")
    assert plain.mode == "runner" and "dash" not in rules.config_for(plain)


def test_the_course_has_its_pieces_and_every_level_is_proven(course):
    cfg = course.config
    assert cfg["mode"] == "dash" and cfg["dash"]["pad_sub"] > cfg["jump_sub"] and cfg["cut_sub"] >= cfg["dash"]["pad_sub"]
    for lv in course.levels:
        assert lv["course"] == "dash" and lv["checkpoints"] == [lv["start"]]  # a loss restarts the attempt
        assert lv["pads"] >= 1 and lv["blocks"] and lv["hazards"] and not lv["enemies"]
        assert rules.solve(lv, cfg) is not None
    assert [lv["run"] for lv in course.levels] == sorted(lv["run"] for lv in course.levels)


def test_a_block_side_crashes_and_a_pad_launches_in_the_rules(course):
    cfg = course.config
    rows = ["." * 30] * 13 + ["......##" + "." * 22] + ["#" * 30] * 3
    level = {"mode": "runner", "rows": rows, "start": [2, 210], "goal": {"x": 26, "y": 13}, "hazards": [], "run": cfg["run_sub"]}
    sim = rules._Sim(level, cfg)
    st = [2 * rules.SUB, 210 * rules.SUB, 0, 1, 6, 1]
    crashed = False
    for _ in range(60):
        x0 = st[0]
        rules.physics_step(sim.grid, cfg, sim.run, st, 1, False, False)
        crashed = crashed or sim.crashed(x0, st)
    assert crashed  # ran into the block's side (row 13, columns 6-7)
    padded = dict(level, rows=rows[:13] + ["..^" + "." * 27] + rows[14:])
    sim = rules._Sim(padded, cfg)
    st, top = [2 * rules.SUB, 210 * rules.SUB, 0, 1, 6, 1], 210 * rules.SUB
    for _ in range(60):
        rules.physics_step(sim.grid, cfg, sim.run, st, 1, False, False)
        top = min(top, st[1])
    assert (210 * rules.SUB - top) // rules.SUB > 1.5 * cfg["jump_height_px"]  # no key pressed


def test_the_bot_wins_and_the_rules_agree(course):
    with HeadlessGame(course.game_js, course.data_js) as g:
        result = qa.play_level_one(g, course.levels[0], course.config)
    assert result.won, result.detail
    for lv in course.levels:
        for seed in (1, 2):
            with HeadlessGame(course.game_js, course.data_js) as g:
                assert qa.rules_agree(g, lv, course.config, random.Random(seed)) is None


def test_rules_agree_catches_a_game_without_crashes(course):
    broken = _planted(course.game_js, CRASH, "")
    found = []
    for seed in range(4):
        with HeadlessGame(broken, course.data_js) as g:
            found.append(qa.rules_agree(g, course.levels[0], course.config, random.Random(seed)))
    assert any(found), found


@pytest.mark.parametrize("kid", ["spike_kills", "block_landing", "jump_pad", "hazard_hurts", "fall_death",
                                 "end_of_track_wins"])
def test_the_keypoints_pass(course, kid):
    ok, msg = course.run(kid)
    assert ok is True, (kid, msg)


def test_a_course_whose_blocks_do_not_crash_fails_the_block_check(course):
    ok, msg = course.run("block_landing", _planted(course.game_js, CRASH, ""))
    assert ok is False and "side" in msg, msg


def test_a_loss_that_respawns_at_a_checkpoint_fails_the_spike_check(course):
    js = _planted(course.game_js, "var px = w.p.x / w.P.sub, best = w.start;",
                  "var px = w.p.x / w.P.sub, best = [w.p.x / w.P.sub - 20, w.start[1]];")
    ok, msg = course.run("spike_kills", js)
    assert ok is False and "start of the course" in msg, msg


def test_pads_that_do_not_launch_fail_the_pad_check(course):
    ok, msg = course.run("jump_pad", _planted(course.game_js, "vy = -P.pad; grounded = false;", "grounded = true;"))
    assert ok is False, msg


def test_fidelity_verifies_the_blocks_when_the_keypoint_passed(course):
    ok, msg = course.run("block_landing")
    check = Check(id="block_landing", category="keypoint", passed=ok, requirement="lands on blocks", message=msg,
                  mechanic="block_landing")
    rows = {r.requirement.term: r.status for r in judge(course.spec, [check])}
    assert rows["block_landing"] == "verified"
    failed = check.model_copy(update={"passed": False})
    assert {r.requirement.term: r.status for r in judge(course.spec, [failed])}["block_landing"] == "not_built"
