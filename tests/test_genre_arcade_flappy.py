"""The arcade family's one-button mode "flappy": its words, its config from a GDD, the integer rules
(gravity, the flap, the ceiling, gaps, crashes), the course generator and the search that proves a
course, and (marked browser) the game in a real Chromium with Space and the mouse. The bot, the
keypoints and the JS/Python agreement on the real JS run in test_genre_arcade.py's headless test
(parametrized over every mode) and in the conformance suite (arcade-flappy)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.gdd import parse_gdd
from maestro.genres.arcade import flappy, rules
from maestro.genres.arcade.flappy import BIRD, BIRD_X, FLAP_V, GRAVITY, GROUND, PIPE_W, START_Y, TOP
from maestro.genres.registry import REGISTRY
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
CFG: dict[str, Any] = {"lives": 3, "gaps": 0, "gap_points": 1, "max_frames": 180 * 60}


def course(index: int = 0, seed: int = 0, cfg: dict[str, Any] | None = None) -> dict[str, Any]:
    return rules.generate(LevelRequest(index=index, count=3, mode="flappy", difficulty=1.0 + 0.3 * index),
                          cfg or CFG, random.Random(seed))


def test_mode_words_pick_flappy_and_keep_the_paddle_modes() -> None:
    g = REGISTRY["arcade"]
    for text in ("A Flappy Bird clone", "a one-button game", "one button arcade", "Tap to flap through pipes",
                 "like the old helicopter game"):
        assert g.mode_for(text) == "flappy", text
    assert g.mode_for("A pong clone: first to 7 points") == "pong"
    assert g.mode_for("A brick breaker with power-ups") == "breakout"
    assert "course_wins" in g.win_checks and g.defining == "ball_bounces"


def test_the_fixture_gdd_reads_as_a_flappy_course_of_its_gaps() -> None:
    spec = parse_gdd((FIXTURES / "arcade_flappy.md").read_text(encoding="utf-8"))
    assert (spec.genre, spec.mode) == ("arcade", "flappy")
    cfg = rules.config_for(spec)
    assert cfg["mode"] == "flappy" and cfg["gaps"] == 8 and cfg["gap_points"] == 1
    assert cfg["obstacle_name"] == "Lighthouse Pillar" and cfg["flyer_name"] == "Puffin"
    lv = rules.generate(LevelRequest(index=0, count=3, mode="flappy"), cfg, random.Random(1))
    assert len(lv["pipes"]) == 8 and cfg["obstacles"] == [{"slug": "wave", "name": "Wave"}]
    assert set(lv["kinds"]) == {0}  # the GDD's one obstacle guards every gap


def test_gravity_the_flap_and_the_ceiling() -> None:
    sim = flappy.FlappySim(course(), CFG)
    for _ in range(flappy.READY):
        sim.step()
    assert (sim.y, sim.sx, sim.ready) == (START_Y, 0, 0)  # the pause: nothing moves
    sim.step()
    assert sim.vy == GRAVITY and sim.y == START_Y + GRAVITY and sim.sx == sim.speed
    sim.step({"action"})
    assert sim.vy == FLAP_V and "flap" in sim.events
    sim.y, sim.vy = TOP + 10, -40
    sim.step(set())
    assert (sim.y, sim.vy) == (TOP, 0)  # the sky holds the flyer, it doesn't kill it


def test_a_flap_ends_the_pause_at_once() -> None:
    sim = flappy.FlappySim(course(), CFG)
    sim.step({"up"})
    assert sim.ready == 0 and sim.vy == FLAP_V and sim.sx == sim.speed


def test_a_gap_scores_a_pipe_and_the_ground_cost_a_life() -> None:
    lv = course()
    (x0, top0) = lv["pipes"][0]
    sim = flappy.FlappySim(lv, CFG, lives=2)
    sim.ready, sim.y, sim.vy, sim.sx = 0, top0 + lv["gap"] // 2 - BIRD // 2, 0, x0 + PIPE_W - BIRD_X - 1
    sim.step()
    assert sim.nxt == 1 and sim.score == 1 and "gap" in sim.events
    sim = flappy.FlappySim(lv, CFG, lives=2)
    sim.ready, sim.y, sim.sx = 0, top0 - BIRD - 40, x0 - BIRD_X
    sim.step()
    assert sim.lives == 1 and "crash" in sim.events and (sim.sx, sim.ready) == (0, flappy.READY)
    sim.ready, sim.y, sim.vy = 0, GROUND - BIRD, 20
    sim.step()
    assert sim.lives == 0 and sim.status == "lost"


@pytest.mark.parametrize("index", [0, 1, 2])
def test_courses_are_deterministic_proved_and_harder_later(index: int) -> None:
    seed = next(s for s in range(20) if rules.solve(course(index, s), CFG) is not None)
    lv = course(index, seed)
    assert json.dumps(course(index, seed), sort_keys=True) == json.dumps(lv, sort_keys=True)
    proof = rules.solve(lv, CFG)
    assert proof is not None and proof["steps"] == proof["frames"] > flappy.READY
    end = flappy.replay(lv, CFG, proof["flaps"])
    assert end.status == "won" and end.lost == 0 and end.f == proof["frames"]
    assert end.score == len(lv["pipes"]) and rules.describe(lv).startswith("flappy course")
    if index:
        easier = course(index - 1, 0)
        assert lv["speed"] > easier["speed"] and lv["gap"] < easier["gap"]
        assert len(lv["pipes"]) > len(easier["pipes"])


def test_a_time_limit_shortens_the_course_to_fit() -> None:
    cfg = dict(CFG, gaps=40, max_frames=20 * 60)
    lv = course(0, 0, cfg)
    proof = rules.solve(lv, cfg)
    assert len(lv["pipes"]) < 40 and proof is not None and proof["frames"] < cfg["max_frames"]


def test_the_search_refuses_a_course_it_cannot_fly() -> None:
    lv = course()
    lv["pipes"][1][1] = TOP  # a gap at the very top straight after one at the bottom
    lv["pipes"][0][1] = GROUND - lv["gap"]
    assert rules.solve(dict(lv, gap=BIRD + 2 * 16), CFG) is None


@pytest.mark.browser
def test_space_and_the_mouse_flap_in_chromium(tmp_path: Path, browser: Any) -> None:
    from browser import GamePage
    from test_genre_arcade import _bundle

    files, _, _ = _bundle("flappy")
    for name, blob in files.items():
        (tmp_path / name).write_bytes(blob)
    g = GamePage(browser, tmp_path)
    st = g.state()
    assert st["status"] == "playing" and st["genre"] == "arcade"
    g.page.evaluate("window.maestro.manual(true)")
    g.page.keyboard.press("Space")
    g.page.evaluate("window.maestro.step(1)")
    w = g.page.evaluate("window.maestro.world()")
    assert w["ready"] == 0 and w["vy"] == FLAP_V, "Space didn't flap"
    g.page.evaluate("window.maestro.step(20)")
    box = g.page.locator("#game").bounding_box()
    assert box is not None
    g.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    g.page.evaluate("window.maestro.step(1)")
    assert g.page.evaluate("window.maestro.world().vy") == FLAP_V, "a click didn't flap"
    g.page.evaluate("window.maestro.manual(false)")
    g.page.wait_for_timeout(150)
    assert g.canvas_colors() > 3
    assert g.errors == []
    g.close()
