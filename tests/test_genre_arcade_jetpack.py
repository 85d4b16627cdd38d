"""The arcade family's jetpack flyer "jetpack": its words, its config from a GDD, the integer rules
(thrust and gravity, the floor and the ceiling, zappers, missiles, lasers, coins, the end), the course
generator and the search that proves a course, and (marked browser) the game in a real Chromium with
Space held. The bot, the keypoints and the JS/Python agreement on the real JS run in
test_genre_arcade.py's headless test (parametrized over every mode) and in the conformance suite
(arcade-jetpack)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.gdd import parse_gdd
from maestro.genres.arcade import jetpack, rules
from maestro.genres.arcade.jetpack import (GRAVITY, HERO_X, LASER, MAX_UP, MISSILE, READY, START_Y, THRUST, TOP, U,
                                           ZAPPER)
from maestro.genres.registry import REGISTRY
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
KINDS = [{"slug": "", "name": "Zapper", "kind": ZAPPER}, {"slug": "", "name": "Missile", "kind": MISSILE},
         {"slug": "", "name": "Laser", "kind": LASER}]
CFG: dict[str, Any] = {"lives": 3, "max_frames": 180 * 60, "obstacle_kinds": KINDS, "coin_points": 1, "length_m": 0}


def course(index: int = 0, seed: int = 0, cfg: dict[str, Any] | None = None) -> dict[str, Any]:
    return rules.generate(LevelRequest(index=index, count=3, mode="jetpack", difficulty=1.0 + 0.3 * index),
                          cfg or CFG, random.Random(seed))


def room(obstacles: list[list[int]], coins: list[list[int]] | None = None, length: int = 4000 * U) -> dict[str, Any]:
    return {"mode": "jetpack", "speed": 40, "length": length, "ready": 0, "obstacles": obstacles, "coins": coins or []}


def test_words_pick_jetpack_and_keep_the_other_modes() -> None:
    g = REGISTRY["arcade"]
    for text in ("A Jetpack Joyride clone", "a jet pack runner", "hold the button to fly, release to fall",
                 "one button: hold to fly"):
        assert g.mode_for(text) == "jetpack", text
    assert g.mode_for("a one-button game: tap to flap") == "flappy"
    assert g.mode_for("A pinball table with two flippers") == "pinball"


def test_the_fixture_gdd_reads_as_a_jetpack_course() -> None:
    spec = parse_gdd((FIXTURES / "arcade_jetpack.md").read_text(encoding="utf-8"))
    assert (spec.genre, spec.mode) == ("arcade", "jetpack")
    cfg = rules.config_for(spec)
    assert cfg["mode"] == "jetpack" and cfg["coin_points"] == 5 and cfg["hero_name"] == "Courier"
    by_name = {k["name"]: k["kind"] for k in cfg["obstacle_kinds"]}
    assert by_name.get("Furnace Laser") == LASER and ZAPPER in by_name.values()  # zappers always
    assert jetpack.kind_of("Homing Rocket") == MISSILE and jetpack.kind_of("Sparking Coil") == ZAPPER


def test_thrust_gravity_the_floor_and_the_ceiling() -> None:
    sim = jetpack.JetpackSim(room([]), CFG)
    sim.ready = READY
    for _ in range(READY - 1):
        sim.step()
    assert (sim.y, sim.sx) == (START_Y, 0)  # the pause: nothing moves
    sim.step({"action"})
    assert sim.ready == 0 and sim.vy == -THRUST and sim.y == START_Y - THRUST  # a press ends it at once
    for _ in range(40):
        sim.step({"up"})
    assert sim.vy == -MAX_UP and sim.y > TOP
    for _ in range(40):
        sim.step({"action"})
    assert (sim.y, sim.vy) == (TOP, 0)  # the ceiling holds, it doesn't hurt
    sim.step()
    assert sim.vy == GRAVITY
    for _ in range(200):
        sim.step()
    assert (sim.y, sim.vy, sim.lost) == (START_Y, 0, 0)  # back on the floor, running
    assert sim.sx == (1 + 40 + 40 + 1 + 200) * 40  # it ran on all the while, but not in the pause


def test_each_obstacle_costs_a_life_and_starts_the_run_again() -> None:
    y = 120 * U
    zap = [ZAPPER, HERO_X + 400 * U, y - 20 * U, 8 * U, 60 * U, 0]
    sim = jetpack.JetpackSim(room([zap]), CFG, lives=3)
    sim.ready, sim.y, sim.vy, sim.sx = 0, y, -GRAVITY, 400 * U - 40
    sim.step()
    assert sim.lives == 2 and "hit" in sim.events and (sim.sx, sim.y) == (0, START_Y)
    missile = [MISSILE, HERO_X + 800 * U, y, 0, 0, 0]  # at x - 2 sx: in the hero's column at sx = 400 px
    sim = jetpack.JetpackSim(room([missile]), CFG, lives=3)
    sim.ready, sim.y, sim.vy, sim.sx = 0, y - 4 * U, -GRAVITY, 400 * U - 40
    sim.step()
    assert sim.lives == 2
    laser = [LASER, 300 * U, 400 * U, y, 40 * U, 0]
    sim = jetpack.JetpackSim(room([laser]), CFG, lives=3)
    sim.ready, sim.y, sim.vy, sim.sx = 0, y, -GRAVITY, 300 * U - 40 - 40  # not firing yet
    sim.step()
    assert sim.lives == 3
    sim.step()
    sim.vy = -GRAVITY
    sim.step()
    assert sim.lives == 2  # firing now
    sim = jetpack.JetpackSim(room([laser]), CFG, lives=1)
    sim.ready, sim.y, sim.vy, sim.sx = 0, START_Y, 0, 350 * U  # firing, but the floor is below the band
    sim.step()
    assert sim.lives == 1


def test_coins_score_and_the_end_wins() -> None:
    lv = room([], coins=[[HERO_X + 200 * U, 100 * U], [HERO_X + 200 * U + 14 * U, 100 * U]], length=300 * U)
    cfg = dict(CFG, coin_points=5)
    sim = jetpack.JetpackSim(lv, cfg)
    sim.ready, sim.y, sim.vy, sim.sx = 0, 96 * U, -GRAVITY, 200 * U - 40
    sim.step()
    assert sim.score == 5 and sim.taken == {0} and "coin" in sim.events
    sim.sx = 300 * U - 40
    sim.step()
    assert sim.status == "won"


@pytest.mark.parametrize("index", [0, 1, 2])
def test_courses_are_deterministic_proved_and_harder_later(index: int) -> None:
    seed = next(s for s in range(20) if rules.solve(course(index, s), CFG) is not None)
    lv = course(index, seed)
    assert json.dumps(course(index, seed), sort_keys=True) == json.dumps(lv, sort_keys=True)
    proof = rules.solve(lv, CFG)
    assert proof is not None and proof["steps"] == proof["frames"]
    end = jetpack.replay(lv, CFG, proof["thrust"])
    assert end.status == "won" and end.lost == 0 and end.f == proof["frames"] and end.sx >= lv["length"]
    assert {o[0] for o in lv["obstacles"]} == {ZAPPER, MISSILE, LASER}
    assert rules.describe(lv).startswith("jetpack course")
    if index:
        easier = course(index - 1, 0)
        assert lv["speed"] > easier["speed"] and len(lv["obstacles"]) > len(easier["obstacles"])


def test_the_search_refuses_a_course_it_cannot_fly() -> None:
    wall = [[ZAPPER, HERO_X + 300 * U, TOP, 8 * U, 120 * U, 0], [ZAPPER, HERO_X + 300 * U, 130 * U, 8 * U, 130 * U, 0]]
    assert rules.solve(room(wall, length=600 * U), CFG) is None
    assert rules.solve(room(wall[:1], length=600 * U), CFG) is not None


@pytest.mark.browser
def test_space_held_flies_in_chromium(tmp_path: Path, browser: Any) -> None:
    from browser import GamePage
    from test_genre_arcade import _bundle

    files, _, _ = _bundle("jetpack")
    for name, blob in files.items():
        (tmp_path / name).write_bytes(blob)
    g = GamePage(browser, tmp_path)
    st = g.state()
    assert st["status"] == "playing" and st["genre"] == "arcade"
    g.page.evaluate("window.maestro.manual(true)")
    g.page.keyboard.down("Space")
    g.page.evaluate("window.maestro.step(10)")
    w = g.page.evaluate("window.maestro.world()")
    g.page.keyboard.up("Space")
    assert w["ready"] == 0 and w["vy"] < 0 and w["y"] < START_Y, "holding Space didn't fly"
    g.page.evaluate("window.maestro.manual(false)")
    g.page.wait_for_timeout(150)
    assert g.canvas_colors() > 3
    assert g.errors == []
    g.close()
