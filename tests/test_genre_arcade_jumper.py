"""The arcade family's vertical jumper "jumper": its words, its config from a GDD, the integer rules (the
bounce, steering and the wrap, breaking, moving and spring platforms, enemies, the fall, the rising view,
the finish), the course generator and the bounce-to-bounce search that proves a course, and (marked
browser) the game in a real Chromium with the arrow keys. The bot, the keypoints and the JS/Python
agreement on the real JS run in test_genre_arcade.py's headless test (parametrized over every mode) and in
the conformance suite (arcade-jumper)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.gdd import parse_gdd
from maestro.genres.arcade import jumper, rules
from maestro.genres.arcade.jumper import (BREAKING, CAM_LINE, FLOOR, GRAVITY, HERO_H, JUMP_V, MOVING, PLAT_W, READY, RUN,
                                          SOLID, SPRING, SPRING_V, U, W)
from maestro.genres.registry import REGISTRY
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
CFG: dict[str, Any] = {"lives": 3, "max_frames": 180 * 60, "finish_m": 0,
                       "enemy_kinds": [{"slug": "moth", "name": "Moth"}]}


def course(index: int = 0, seed: int = 0, cfg: dict[str, Any] | None = None) -> dict[str, Any]:
    return rules.generate(LevelRequest(index=index, count=3, mode="jumper", difficulty=1.0 + 0.3 * index),
                          cfg or CFG, random.Random(seed))


def room(*plats: list[int], enemies: list[list[int]] | None = None, finish: int = 2000 * U) -> dict[str, Any]:
    return {"mode": "jumper", "finish": finish, "platforms": [[0, 0, FLOOR, 0], *plats], "enemies": enemies or [],
            "ready": 0}


def drop(sim: jumper.JumperSim, x: int, h: int) -> None:
    sim.ready, sim.x, sim.h, sim.vy = 0, x, h, 0


def test_words_pick_jumper_and_keep_the_other_modes() -> None:
    g = REGISTRY["arcade"]
    for text in ("A Doodle Jump clone", "a doodle-jump style game", "a vertical jumper",
                 "the hero jumps from platform to platform upwards"):
        assert g.mode_for(text) == "jumper", text
    assert g.mode_for("A Flappy Bird clone") == "flappy"
    assert g.mode_for("A platform game where you jump on platforms") == "breakout"  # platforms alone: no jumper
    assert "height_wins" in g.win_checks


def test_the_fixture_gdd_reads_as_a_jumper_climb() -> None:
    spec = parse_gdd((FIXTURES / "arcade_jumper.md").read_text(encoding="utf-8"))
    assert (spec.genre, spec.mode) == ("arcade", "jumper")
    cfg = rules.config_for(spec)
    assert cfg["mode"] == "jumper" and cfg["hero_name"] == "Steam Sprite" and cfg["lives"] == 3
    assert cfg["enemy_kinds"] and cfg["enemy_name"] == cfg["enemy_kinds"][0]["name"]
    lv = rules.generate(LevelRequest(index=0, count=3, mode="jumper"), cfg, random.Random(1))
    assert {e[2] for e in lv["enemies"]} <= set(range(len(cfg["enemy_kinds"])))


def test_the_floor_bounces_by_itself_after_the_pause() -> None:
    sim = jumper.JumperSim(room(), CFG)
    sim.ready = READY
    for _ in range(READY):
        sim.step({"right"})
    assert (sim.x, sim.h, sim.ready) == (W // 2, 0, 0)  # the pause: nothing moves
    sim.step()
    assert sim.vy == JUMP_V and sim.h == 0 and "bounce" in sim.events
    sim.step()
    assert sim.vy == JUMP_V - GRAVITY and sim.h == JUMP_V - GRAVITY


def test_a_platform_bounces_only_a_falling_hero_over_it() -> None:
    lv = room([W // 2 - PLAT_W // 2, 100 * U, SOLID, 0])
    sim = jumper.JumperSim(lv, CFG)
    drop(sim, W // 2, 100 * U + 2)
    sim.step()
    assert sim.h == 100 * U and sim.vy == JUMP_V and "bounce" in sim.events
    sim = jumper.JumperSim(lv, CFG)
    drop(sim, W // 2 + PLAT_W, 100 * U + 2)  # beside it: falls past
    sim.step()
    assert sim.vy < 0 and "bounce" not in sim.events
    sim = jumper.JumperSim(lv, CFG)
    sim.ready, sim.x, sim.h, sim.vy = 0, W // 2, 100 * U - 40, 80  # rising through it: no catch
    sim.step()
    assert sim.vy == 80 - GRAVITY and sim.h > 100 * U - 40


def test_steering_wraps_at_the_sides() -> None:
    sim = jumper.JumperSim(room(), CFG)
    sim.ready, sim.x, sim.h, sim.vy = 0, 10, 50 * U, 60
    sim.step({"left"})
    assert sim.x == (10 - RUN) % W and sim.x > W // 2
    sim.step({"right"})
    sim.step({"right"})
    assert sim.x == (10 + RUN) % W


def test_breaking_moving_and_spring_platforms() -> None:
    lv = room([100 * U, 100 * U, BREAKING, 0], [300 * U, 100 * U, SPRING, 0], [0, 200 * U, MOVING, 80 * U])
    sim = jumper.JumperSim(lv, CFG)
    drop(sim, 100 * U + PLAT_W // 2, 100 * U + 2)
    sim.step()
    assert 1 in sim.broken and sim.vy < 0 and "crack" in sim.events
    sim = jumper.JumperSim(lv, CFG)
    drop(sim, 300 * U + PLAT_W // 2, 100 * U + 2)
    sim.step()
    assert sim.vy == SPRING_V and "spring" in sim.events
    far = 80 * U // jumper.MOVE  # the frame the moving platform is furthest along
    assert jumper.plat_x(lv["platforms"][3], far) == 80 * U and jumper.plat_x(lv["platforms"][3], 2 * far) == 0
    sim = jumper.JumperSim(lv, CFG)
    drop(sim, 80 * U + PLAT_W // 2, 200 * U + 2)
    sim.f = far
    sim.step()
    assert sim.vy == JUMP_V  # caught where it had glided to
    sim = jumper.JumperSim(lv, CFG)
    drop(sim, PLAT_W // 2, 200 * U + 2)
    sim.f = far
    sim.step()
    assert sim.vy < 0  # ... and not where it started


def test_the_view_rises_and_a_fall_or_an_enemy_costs_a_life() -> None:
    lv = room(enemies=[[W // 2 - 8 * U, 300 * U, 0]])
    sim = jumper.JumperSim(lv, CFG, lives=3)
    sim.ready, sim.x, sim.h, sim.vy = 0, 40 * U, 200 * U, 90
    sim.step()
    assert sim.cam == sim.h - CAM_LINE and sim.score == sim.best // (10 * U)
    cam = sim.cam
    sim.vy = -100
    sim.step()
    assert sim.cam == cam  # never back down
    sim.h, sim.cam, sim.vy = 400 * U, 400 * U + HERO_H + 200, 0
    sim.step()
    assert sim.lives == 2 and "fall" in sim.events and (sim.h, sim.cam, sim.ready) == (0, 0, sim.ready_frames)
    sim.ready, sim.x, sim.h, sim.vy = 0, W // 2, 300 * U, 10
    sim.step()
    assert sim.lives == 1 and "enemy" in sim.events
    sim.ready, sim.x, sim.h, sim.vy = 0, W // 2, 300 * U, 10
    sim.step()
    assert sim.lives == 0 and sim.status == "lost"


def test_reaching_the_finish_wins() -> None:
    sim = jumper.JumperSim(room(finish=150 * U), CFG)
    sim.ready, sim.h, sim.vy = 0, 150 * U - 10, 60
    sim.step()
    assert sim.status == "won"


@pytest.mark.parametrize("index", [0, 1, 2])
def test_courses_are_deterministic_proved_and_higher_later(index: int) -> None:
    seed = next(s for s in range(20) if rules.solve(course(index, s), CFG) is not None)
    lv = course(index, seed)
    assert json.dumps(course(index, seed), sort_keys=True) == json.dumps(lv, sort_keys=True)
    proof = rules.solve(lv, CFG)
    assert proof is not None and proof["steps"] == proof["frames"] > READY
    end = jumper.replay(lv, CFG, proof["runs"])
    assert end.status == "won" and end.lost == 0 and end.f == proof["frames"] and end.h >= lv["finish"]
    assert rules.describe(lv).startswith("jumper climb")
    if index:
        lower = course(index - 1, 0)
        assert lv["finish"] > lower["finish"]


def test_generation_proves_most_courses() -> None:
    proved = sum(rules.solve(course(1, s), CFG) is not None for s in range(10))
    assert proved >= 8  # the Labyrinth regenerates the rest


def test_the_search_refuses_a_course_it_cannot_climb() -> None:
    lv = room([W // 2 - PLAT_W // 2, 90 * U, SOLID, 0], [W // 2 - PLAT_W // 2, 300 * U, SOLID, 0], finish=320 * U)
    assert rules.solve(lv, CFG) is None  # 210 px above the last platform: no bounce reaches it
    lv["platforms"].insert(2, [W // 2 - PLAT_W // 2, 170 * U, SOLID, 0])
    lv["platforms"].insert(3, [W // 2 - PLAT_W // 2, 240 * U, SOLID, 0])
    assert rules.solve(lv, CFG) is not None  # steps in reach: climbed


@pytest.mark.browser
def test_the_arrow_keys_steer_in_chromium(tmp_path: Path, browser: Any) -> None:
    from browser import GamePage
    from test_genre_arcade import _bundle

    files, _, _ = _bundle("jumper")
    for name, blob in files.items():
        (tmp_path / name).write_bytes(blob)
    g = GamePage(browser, tmp_path)
    st = g.state()
    assert st["status"] == "playing" and st["genre"] == "arcade"
    g.page.evaluate("window.maestro.manual(true)")
    g.page.evaluate(f"window.maestro.step({READY + 2})")
    x0 = g.page.evaluate("window.maestro.world().x")
    g.page.keyboard.down("ArrowRight")
    g.page.evaluate("window.maestro.step(5)")
    g.page.keyboard.up("ArrowRight")
    assert g.page.evaluate("window.maestro.world().x") == (x0 + 5 * RUN) % W, "ArrowRight didn't steer"
    g.page.evaluate("window.maestro.manual(false)")
    g.page.wait_for_timeout(150)
    assert g.canvas_colors() > 3
    assert g.errors == []
    g.close()
