"""Crouching and height-banded obstacles in the platformer (issue 11): read from the GDD, tuned in
config_for, placed by the generator, proved by the solver with ducks and hops, played by platformer.js
the same way as physics_step, and checked by the duck_passes_under / banded_obstacles keypoints."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from maestro.gdd import parse_gdd, read_gdd_file
from maestro.gdd.text import fold
from maestro.genres.headless import HeadlessGame
from maestro.genres.platformer import qa, rules
from maestro.genres.registry import REGISTRY
from test_mechanics_platformer_extras import PLAIN, Build, _planted

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gdds"


@pytest.fixture(scope="module")
def runner() -> Build:
    return Build(parse_gdd(read_gdd_file(FIXTURES / "mech_duck_runner.md"), source_name="duck_runner"))


@pytest.fixture(scope="module")
def levels() -> Build:
    return Build(parse_gdd(read_gdd_file(FIXTURES / "mech_duck_levels.md"), source_name="duck_levels"))


def test_the_reader_finds_crouching_and_the_bands_of_obstacles(runner):
    assert "crouch" in {m["id"] for m in runner.spec["mechanics"]}
    assert runner.config["duck"] == {"h": rules.DUCK_H}
    assert runner.config["bands"]["slugs"] == {"rock": "ground", "bat": "head", "lantern": "overhead", "mine": "ground"}
    # a jumpsquat's crouch is no crouching; a plain platformer has neither key
    assert not parse_gdd("# Hop\n- **Genre**: Platformer\nYou briefly crouch down in a jumpsquat, then jump. 2 levels.").has("crouch")
    plain = Build(parse_gdd(PLAIN, source_name="plain"))
    assert "duck" not in plain.config and "bands" not in plain.config
    # the GDD's words for banded obstacles are a rule the platformer proves with its keypoint
    term = REGISTRY["platformer"].term_for
    assert term(fold("Segundo nivel: Haberá obstáculos que se dirixirán á parte superior do xogador")) == "banded_obstacles"
    assert term(fold("Obstacles come at three heights, alone or in combination")) == "banded_obstacles"
    assert term(fold("Jump over the gaps and collect the coins")) is None


def _bat_level(cfg: dict, pair: bool) -> dict:
    rows = ["." * 40] * 14 + ["#" * 40] * 3
    hazards = [{"x": 20, "y": 13, "slug": "bat", "band": "head"}]
    if pair:
        hazards.append({"x": 20, "y": 13, "slug": "lantern", "band": "overhead_low"})
    return {"mode": "runner", "rows": rows, "width": 40, "start": [34, 210], "goal": {"x": 36, "y": 13},
            "hazards": hazards, "items": [], "enemies": [], "checkpoints": [[34, 210]], "run": cfg["run_sub"]}


def test_a_bat_under_a_lantern_is_only_passed_crouching(runner):
    cfg = runner.config
    level = _bat_level(cfg, pair=True)
    proof = rules.solve(level, cfg)
    assert proof is not None and any(h == 2 for _, h, _ in proof["inputs"])  # the proof crouches
    assert rules.solve(level, dict(cfg, duck=None)) is None  # without crouching: no way past
    sim = rules._Sim(level, cfg)
    st = [20 * rules.TS, 13 * rules.TS + (rules.TILE - rules.PLAYER_H) * rules.SUB, 0, 1, 0, 1]
    assert sim.dead(st) and not sim.dead(st, ducking=True)


def test_levels_have_banded_obstacles_alone_and_in_pairs_and_speed_up(runner):
    counts, pairs = qa_bands_counts(runner.levels[0])
    assert {"ground", "head", "overhead"} <= set(counts) and pairs >= 1
    runs = [lv["run"] for lv in runner.levels]
    assert runs == sorted(runs) and runs[0] < runs[-1]
    for lv in runner.levels:
        assert rules.solve(lv, runner.config) is not None


def qa_bands_counts(level: dict) -> tuple[dict[str, int], int]:
    from maestro.genres.platformer.qa_bands import _bands_in

    return _bands_in([dict(h, x=h["x"] * rules.TILE) for h in level["hazards"]])


@pytest.mark.parametrize("kid", ["duck_passes_under", "banded_obstacles"])
def test_the_keypoints_pass_in_a_runner(runner, kid):
    ok, msg = runner.run(kid)
    assert ok is True, (kid, msg)


def test_a_levels_game_crouches_under_its_head_high_obstacles(levels):
    ok, msg = levels.run("duck_passes_under")
    assert ok is True, msg
    assert "banded_obstacles" not in {k.id for k in qa.keypoints(levels.spec, levels.config, levels.levels)}


def test_a_crouch_that_keeps_the_full_hitbox_fails_the_duck_check(runner):
    broken = _planted(runner.game_js, "var hy = p.duck ? (p.y + P.ph - P.duckH) / sub : py", "var hy = py")
    broken = _planted(broken, "hh = p.duck ? P.duckH / sub : ph;", "hh = ph;")
    ok, msg = runner.run("duck_passes_under", broken)
    assert ok is False and "still cost a life" in msg, msg


def test_a_lantern_without_its_thread_fails_the_bands_check(runner):
    broken = _planted(runner.game_js, "if ((boxes.hanging || []).indexOf(h.band) >= 0)", "if (false)")
    ok, msg = runner.run("banded_obstacles", broken)
    assert ok is False, msg


def test_the_bot_wins_and_the_rules_agree_with_crouching(runner, levels):
    for b in (runner, levels):
        with HeadlessGame(b.game_js, b.data_js) as g:
            assert qa.play_level_one(g, b.levels[0], b.config).won
        for seed in (1, 2, 3):
            with HeadlessGame(b.game_js, b.data_js) as g:
                assert qa.rules_agree(g, b.levels[0], b.config, random.Random(seed)) is None
