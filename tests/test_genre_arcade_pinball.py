"""The arcade family's pinball mode: its words, its config from a GDD, the integer table physics
(gravity, flippers, plunger, bumpers, the target bank, the drain), that the ball never tunnels, the
table generator and the search that proves a table, keypoints that fail when a rule is broken, and
(marked browser) the table in a real Chromium with real keys and the mouse. The bot, the keypoints and
the JS/Python agreement on the real JS also run in test_genre_arcade.py's headless test (parametrized
over every mode) and in the conformance suite (arcade-pinball)."""

from __future__ import annotations

import json
import math
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.gdd import parse_gdd
from maestro.genres.arcade import pinball, qa, rules
from maestro.genres.arcade.pinball import BALL_R, FLIP_R, PU, RESET_FRAMES, TARGET_R, VMAX, WALL_R
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
CFG: dict[str, Any] = {"lives": 3, "max_frames": 180 * 60, "target_score": 0}


def table(index: int = 0, seed: int = 0, cfg: dict[str, Any] | None = None) -> dict[str, Any]:
    return rules.generate(LevelRequest(index=index, count=3, mode="pinball", difficulty=1.0 + 0.3 * index),
                          cfg or CFG, random.Random(seed))


def in_play(lv: dict[str, Any], x: int, y: int, vx: int = 0, vy: int = 0, lives: int = 3) -> pinball.PinballSim:
    sim = pinball.PinballSim(lv, CFG, lives)
    sim.ready, sim.ball = False, [x, y, vx, vy]
    return sim


def test_mode_words_pick_pinball_and_keep_the_other_modes() -> None:
    g = REGISTRY["arcade"]
    for text in ("A pinball table with two flippers", "a pinball clone", "Keep the ball alive with the flippers",
                 "pull the plunger to launch"):
        assert g.mode_for(text) == "pinball", text
    assert g.mode_for("A Flappy Bird clone") == "flappy"
    assert g.mode_for("A pong clone: first to 7 points") == "pong"
    assert g.mode_for("A brick breaker with power-ups") == "breakout"
    assert "pinball" in g.modes and g.delivers["pinball"] == "flipper_hits"
    assert "score_wins" in g.win_checks and "last_ball_loses" in g.lose_checks
    assert g.term_for("the drain between the flippers loses the ball") == "drain_costs_ball"
    assert g.term_for("a drain in the floor of the castle") is None  # no pinball words: no claim


def test_the_fixture_gdd_reads_as_a_pinball_table_of_its_balls_and_target() -> None:
    spec = parse_gdd((FIXTURES / "arcade_pinball.md").read_text(encoding="utf-8"))
    assert (spec.genre, spec.mode, spec.lives) == ("arcade", "pinball", 4)
    cfg = rules.config_for(spec)
    assert cfg["mode"] == "pinball" and cfg["lives"] == 4 and cfg["target_score"] == 5000
    assert (cfg["ball_slug"], cfg["ball_name"], cfg["bumper_name"]) == ("pearl", "Pearl", "Sea Urchin")
    assert all(k["slug"] != "pearl" for k in cfg["target_kinds"])  # the ball is the ball, not a target
    lv = rules.generate(LevelRequest(index=0, count=3, mode="pinball"), cfg, random.Random(1))
    assert lv["target"] == 5000 and rules.describe(lv).startswith("pinball table to 5000 points")


def test_gravity_pulls_the_ball_down_the_table() -> None:
    sim = in_play(table(), 290 * PU, 100 * PU)
    sim.step()
    assert sim.ball[3] == pinball.SUB * sim.gravity and sim.ball[1] > 100 * PU


def test_the_plunger_pulls_while_held_and_launches_harder_the_longer() -> None:
    speeds: list[int] = []
    for pull in (3, 30):
        sim = pinball.PinballSim(table(), CFG)
        for _ in range(pull):
            sim.step({"action"})
        assert sim.ready and sim.pull == pull and sim.ball[3] == 0
        sim.step()
        assert not sim.ready and "launch" in sim.events and sim.ball[3] < 0
        speeds.append(-sim.ball[3])
    assert speeds[1] > speeds[0]
    for _ in range(60):
        sim.step()
    assert sim.ball[0] < pinball.LANE_WALL * PU  # out of the lane onto the table


def test_a_ball_falling_down_the_lane_rests_on_the_plunger() -> None:
    sim = in_play(table(), pinball.LANE_X * PU, 200 * PU, 0, 2000)
    for _ in range(10):
        sim.step()
    assert sim.ready and sim.ball == [pinball.LANE_X * PU, pinball.PLUNGER_Y * PU, 0, 0] and sim.lives == 3


def test_a_flipper_bats_the_ball_up_and_a_still_one_does_not() -> None:
    lv = table()
    for side, key in ((0, "left"), (1, "right")):
        fl = lv["flippers"][side]
        tx, ty = fl["tips"][0]
        nx, ny = (ty, -tx) if tx > 0 else (-ty, tx)
        n = math.isqrt(nx * nx + ny * ny)
        x = fl["x"] + tx * 6 // 10 + nx * (BALL_R + FLIP_R + PU) // n
        y = fl["y"] + ty * 6 // 10 + ny * (BALL_R + FLIP_R + PU) // n
        still = in_play(lv, x, y)
        for _ in range(4):
            still.step()
        assert still.ball[3] > -VMAX // 4
        hit = in_play(lv, x, y)
        for _ in range(4):
            hit.step({key})
        assert hit.ang[side] == pinball.FLIP_STEPS and hit.hits["flipper"] > 0
        assert hit.ball[3] < -VMAX // 3 and hit.ball[1] < y, key


def test_a_bumper_kicks_and_scores() -> None:
    lv = table()
    bx, by, br = lv["bumpers"][0]
    sim = in_play(lv, bx, by - br - BALL_R - 2 * PU, 0, PU)
    sim.step()
    assert "bumper" in sim.events and sim.score == lv["points"]["bumper"] and sim.ball[3] < -PU


def test_the_target_bank_drops_one_by_one_then_pays_its_bonus_and_stands_up() -> None:
    lv = table()
    pts = lv["points"]
    for k, (ax, ay, bx, _) in enumerate(lv["targets"]):
        sim = in_play(lv, (ax + bx) // 2, ay + TARGET_R + BALL_R + 2 * PU, 0, -PU)
        sim.up = [0] * len(lv["targets"])
        sim.up[k] = 1
        sim.step()
        assert sim.up[k] == 0 and sim.score == pts["target"] + pts["bonus"] and "bonus" in sim.events
        for _ in range(RESET_FRAMES):
            sim.step()
        assert sim.up == [1] * len(lv["targets"])
    ax, ay, bx, _ = lv["targets"][0]
    sim = in_play(lv, (ax + bx) // 2, ay + TARGET_R + BALL_R + 2 * PU, 0, -PU)
    sim.step()
    assert sim.score == pts["target"] and "bonus" not in sim.events  # one target alone is no bonus


def test_the_drain_costs_a_ball_and_the_last_one_loses() -> None:
    lv = table()
    sim = in_play(lv, pinball.MID_X * PU, 262 * PU, 0, PU, lives=2)
    for _ in range(12):
        sim.step()
    assert sim.lives == 1 and sim.ready and sim.status == "playing" and sim.lost == 1
    sim.ready, sim.ball = False, [pinball.MID_X * PU, 262 * PU, 0, PU]
    for _ in range(12):
        sim.step()
    assert sim.lives == 0 and sim.status == "lost"


def test_reaching_the_target_wins() -> None:
    lv = table()
    bx, by, br = lv["bumpers"][0]
    sim = in_play(lv, bx, by - br - BALL_R - 2 * PU, 0, PU)
    sim.score = lv["target"] - lv["points"]["bumper"]
    sim.step()
    assert sim.status == "won"


def _dist(x: int, y: int, s: tuple[int, ...] | list[int]) -> float:
    ax, ay, bx, by = s
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / l2)) if l2 else 0.0
    return math.hypot(x - ax - t * dx, y - ay - t * dy)


@pytest.mark.parametrize("index", [0, 2])
def test_the_ball_never_tunnels_through_a_wall_or_a_flipper(index: int) -> None:
    """Random flipping and launching at the steepest table's speeds: after every frame the ball is on
    the table (or falling out of the drain) and never inside a wall's or a flipper's core."""
    for trial in range(4):
        lv = table(index, trial)
        rng = random.Random(trial)
        sim = pinball.PinballSim(lv, CFG, lives=99)
        sim.target = 10 ** 9
        held: set[str] = set()
        for _ in range(1500):
            if rng.random() < 0.08:
                held ^= {rng.choice(("left", "right", "action", "left", "right"))}
            sim.step(frozenset(held))
            if sim.ready:
                continue
            x, y = sim.ball[0], sim.ball[1]
            assert 134 * PU < x < 346 * PU or y > 240 * PU, (trial, sim.f, sim.ball)
            assert y > 18 * PU, (trial, sim.f, sim.ball)
            slack = 300  # the push-out's rounding
            assert all(_dist(x, y, w) >= BALL_R + WALL_R - slack for w in sim.walls), (trial, sim.f, sim.ball)
            for i, (px, py, tips) in enumerate(sim.flips):
                t = tips[sim.ang[i]]
                assert _dist(x, y, (px, py, px + t[0], py + t[1])) >= BALL_R + FLIP_R - slack, (trial, sim.f, i)


@pytest.mark.parametrize("index", [0, 1, 2])
def test_tables_are_deterministic_proved_and_harder_later(index: int) -> None:
    lv = table(index, 3)
    assert json.dumps(table(index, 3), sort_keys=True) == json.dumps(lv, sort_keys=True)
    proof = rules.solve(lv, CFG)
    assert proof is not None and proof["steps"] == proof["frames"] > 0
    end = pinball.replay(lv, CFG, proof["inputs"])
    assert end.status == "won" and end.f == proof["frames"] and end.score >= lv["target"]
    assert all(i[1] in ("left", "right", "action") and i[2] in (0, 1) for i in proof["inputs"])
    if index:
        easier = table(index - 1, 3)
        assert lv["gravity"] > easier["gravity"] and lv["target"] > easier["target"]


def test_a_time_limit_lowers_the_target_to_fit() -> None:
    cfg = dict(CFG, max_frames=30 * 60)
    lv = table(0, 0, cfg)
    proof = rules.solve(lv, cfg)
    assert lv["target"] < table(0, 0)["target"] and proof is not None and proof["frames"] < cfg["max_frames"]


def test_the_search_refuses_a_table_it_cannot_win() -> None:
    lv = dict(table(), target=10 ** 7)
    assert rules.solve(lv, dict(CFG, max_frames=900)) is None


# ---- keypoints on the real JS, and each one failing when its rule is broken ---------------------------


def _pinball_bundle() -> tuple[str, str, dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    from test_genre_arcade import _bundle, make_spec

    files, cfg, levels = _bundle("pinball")
    spec = make_spec("pinball").model_dump(mode="json")
    return files["game.js"].decode("utf-8"), files["data.js"].decode("utf-8"), cfg, levels, spec


BREAKS = {
    # keypoint id -> (the rule in arcade.js, the same line broken)
    "bumper_kicks": ("pinballScore(G, w, w.pBumper); w.hits.bumper++;", "w.hits.bumper++;"),
    "flipper_hits": ("var svx = fdiv((t1[0] - t0[0]) * tq, PB.TQ), svy = fdiv((t1[1] - t0[1]) * tq, PB.TQ);",
                     "var svx = 0, svy = 0;"),
    "drain_costs_ball": ("if (!w.ready && w.ball[1] > PB.DRAIN_Y) {", "if (false) {"),
    "last_ball_loses": ("if (!w.ready && w.ball[1] > PB.DRAIN_Y) {", "if (false) {"),
    "target_bonus": ("pinballScore(G, w, w.pBonus); w.hits.bonus++;", "w.hits.bonus++;"),
    "plunger_launches": ("w.ball[3] = -(w.launch + w.pull * w.launchStep);", "w.ball[3] = -w.launch;"),
    "score_wins": ("if (!w.done && w.score >= w.target) { w.done = true; G.win(); }", ""),
    "ball_bounces": ("b[3] += w.gravity;", ""),
    "pointer_plays": ("else if (ptr.x < G.W / 2) h.left = true; else h.right = true;", ""),
}


def test_every_keypoint_passes_and_fails_when_its_rule_is_broken() -> None:
    game_js, data_js, cfg, levels, spec = _pinball_bundle()
    kps = {kp.id: kp for kp in qa.keypoints(spec, cfg, levels)}
    assert set(BREAKS) <= set(kps) and "table_harder" in kps
    for kp in kps.values():
        with HeadlessGame(game_js, data_js) as g:
            passed, msg = kp.run(g)
        assert passed is True, f"{kp.id}: {msg}"
    for kid, (rule, broken) in BREAKS.items():
        assert game_js.count(rule) == 1, kid
        with HeadlessGame(game_js.replace(rule, broken), data_js) as g:
            passed, msg = kps[kid].run(g)
        assert passed is False, f"{kid} passed with its rule broken: {msg}"


def test_the_bot_wins_table_one_and_the_rules_agree_on_the_real_js() -> None:
    game_js, data_js, cfg, levels, _ = _pinball_bundle()
    with HeadlessGame(game_js, data_js) as g:
        result = qa.play_level_one(g, levels[0], cfg)
        assert result.won, result.detail
    for seed in (7, 8):
        with HeadlessGame(game_js, data_js) as g:
            assert qa.rules_agree(g, levels[1], cfg, random.Random(seed)) is None
    # and a JS that plays by other rules is caught
    broken = game_js.replace("var PB = { PU: 1024, SUB: 4,", "var PB = { PU: 1024, SUB: 5,")
    with HeadlessGame(broken, data_js) as g:
        assert qa.rules_agree(g, levels[0], cfg, random.Random(7)) is not None


# ---- a real Chromium ------------------------------------------------------------------------------


@pytest.mark.browser
def test_real_keys_and_the_mouse_play_the_table_in_chromium(tmp_path: Path, browser: Any) -> None:
    from browser import GamePage
    from test_genre_arcade import _bundle

    files, _, _ = _bundle("pinball")
    for name, blob in files.items():
        (tmp_path / name).write_bytes(blob)
    g = GamePage(browser, tmp_path)
    st = g.state()
    assert st["status"] == "playing" and (st["genre"], st["mode"]) == ("arcade", "pinball")
    g.page.evaluate("window.maestro.manual(true)")
    g.page.keyboard.down("Space")
    g.page.evaluate("window.maestro.step(20)")
    assert g.page.evaluate("window.maestro.world().pull") == 20, "holding Space didn't pull the plunger"
    g.page.keyboard.up("Space")
    g.page.evaluate("window.maestro.step(1)")
    assert g.page.evaluate("window.maestro.world().ready") is False, "releasing Space didn't launch"
    g.page.keyboard.down("ArrowLeft")
    g.page.evaluate("window.maestro.step(4)")
    assert g.page.evaluate("window.maestro.world().ang") == [pinball.FLIP_STEPS, 0], "ArrowLeft didn't flip"
    g.page.keyboard.up("ArrowLeft")
    box = g.page.locator("#game").bounding_box()
    assert box is not None
    g.page.mouse.move(box["x"] + box["width"] * 0.9, box["y"] + box["height"] * 0.7)
    g.page.mouse.down()
    g.page.evaluate("window.maestro.step(4)")
    assert g.page.evaluate("window.maestro.world().ang[1]") > 0, "a press on the right half didn't flip"
    g.page.mouse.up()
    g.page.evaluate("window.maestro.step(30)")
    g.page.screenshot(path=str(tmp_path / "pinball.png"))
    g.page.evaluate("window.maestro.manual(false)")
    g.page.wait_for_timeout(150)
    assert g.canvas_colors() > 3
    assert g.errors == []
    g.close()
