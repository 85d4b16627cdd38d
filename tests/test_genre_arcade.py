"""The arcade genre: its config from a GDD's words, the integer rules (walls, bricks, paddles, the
rival, serving, lives), generation and the solver, the JS module on the same rules in headless V8, and
(marked browser) the game in a real Chromium with real keys and the mouse."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import codex
from maestro.gdd import parse_gdd
from maestro.genres.arcade import Arcade, qa, rules
from maestro.genres.arcade.rules import BALL, H, PADDLE_TOP, PONG_LEFT, PONG_THICK, TOP, U, W
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
PADDLE_MODES = ("breakout", "pong")  # the one-button mode "flappy" has its own rules tests (test_genre_arcade_flappy.py)
PALETTE = {"sky": "#0d0221", "accent": "#fee440", "player": "#00bbf9", "enemy": "#f15bb5", "item": "#00f5d4",
           "wall": "#541388", "ui_text": "#f0f0ff", "shadow": "#000000"}


def make_spec(mode: str = "breakout", **kw: Any) -> GameSpec:
    return GameSpec(
        title="Arcade test", slug="arcade-test", genre="arcade", genre_confidence=0.9, mode=mode,
        player=Entity(name="Bat", kind="player", slug="bat", behavior="player"),
        enemies=[Entity(name="Iron Block", kind="enemy", slug="iron-block", description="armored, takes 3 hits")],
        items=[Entity(name="Glass Tile", kind="item", slug="glass-tile", description="worth 15 points"),
               Entity(name="Fire Ball", kind="item", slug="fire-ball")],
        art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(), **kw,
    )


def level_for(mode: str, index: int = 0, seed: int = 0) -> tuple[dict[str, Any], dict[str, Any]]:
    cfg = rules.config_for(make_spec(mode))
    lv = rules.generate(LevelRequest(index=index, count=3, mode=mode, difficulty=1.0 + 0.3 * index), cfg,
                        random.Random(seed))
    return lv, cfg


# ---- the family and its config ------------------------------------------------------------------


def test_registered_and_modes_from_words():
    g = REGISTRY["arcade"]
    assert isinstance(g, Arcade) and g.modes == ("breakout", "pong", "flappy", "pinball", "jumper", "jetpack")
    assert g.mode_for("A pong clone: first to 7 points") == "pong"
    assert g.mode_for("Beat the opponent paddle") == "pong"
    assert g.mode_for("A brick breaker with power-ups") == "breakout"
    assert g.defining == "ball_bounces" and g.delivers == {"paddle": "paddle_returns", "pinball": "flipper_hits"}


def test_config_reads_bricks_ball_rival_and_points():
    cfg = rules.config_for(make_spec("pong", win_conditions=["First to 7 points wins"]))
    kinds = {k["slug"]: k for k in cfg["kinds"]}
    assert kinds["iron-block"]["hp"] == 3 and kinds["glass-tile"]["points"] == 15
    assert "fire-ball" not in kinds and cfg["ball_slug"] == "fire-ball"  # a ball is the ball, not a brick
    assert cfg["rival_slug"] == "iron-block" and cfg["points_to_win"] == 7 and cfg["mode"] == "pong"
    assert cfg["speedup_every"] == 0
    fast = rules.config_for(make_spec(summary="The ball speeds up after every few hits."))
    assert fast["speeds_up"] and fast["speedup_every"] > 0


def test_fixture_gdds_route_to_arcade_with_their_modes():
    orchard = parse_gdd((FIXTURES / "arcade_glass_orchard.md").read_text(encoding="utf-8"))
    duel = parse_gdd((FIXTURES / "arcade_comet_duel.md").read_text(encoding="utf-8"))
    assert (orchard.genre, orchard.mode) == ("arcade", "breakout")
    assert (duel.genre, duel.mode) == ("arcade", "pong")
    cfg = rules.config_for(orchard)
    assert {k["name"]: k["hp"] for k in cfg["kinds"]} == {"Glass Apple": 1, "Stone Pear": 3}
    assert rules.config_for(duel)["points_to_win"] == 5


# ---- the rules ----------------------------------------------------------------------------------


def test_walls_reflect_and_bricks_take_hits():
    lv, cfg = level_for("breakout")
    sim = rules.Sim(lv, cfg)
    sim.serve, sim.bx, sim.by, sim.vx, sim.vy = 0, 2 * U, 150 * U, -40, -20
    sim.step()
    assert sim.vx == 40 and sim.bx == 8 and "wall" in sim.events
    r, c = qa._low_brick(lv)
    sim.bx, sim.by = qa._under(lv, r, c)
    sim.vx, sim.vy = 0, -40
    hp = sim.bricks[r][c]
    sim.step()
    assert sim.bricks[r][c] == hp - 1 and sim.vy == 40


def test_paddle_angle_depends_on_where_the_ball_hits():
    lv, cfg = level_for("breakout")
    out = []
    for off in (-20 * U, 0, 20 * U):
        sim = rules.Sim(lv, cfg)
        sim.serve, sim.px = 0, W // 2
        sim.bx, sim.by, sim.vx, sim.vy = W // 2 + off - BALL // 2, PADDLE_TOP - BALL - 30, 0, 40
        sim.step()
        assert sim.vy < 0 and "paddle" in sim.events
        out.append(sim.vx)
    assert out[0] < 0 < out[2] and abs(out[1]) < abs(out[2])


def test_missing_the_ball_costs_a_life_and_serves_again():
    lv, cfg = level_for("breakout")
    sim = rules.Sim(lv, cfg, lives=2)
    sim.serve, sim.px, sim.bx, sim.by, sim.vx, sim.vy = 0, W // 8, W * 7 // 8, PADDLE_TOP, 0, 60
    for _ in range(30):
        sim.step()
    assert sim.lives == 1 and sim.serve > 0 and sim.status == "playing"
    sim.serve, sim.bx, sim.by, sim.vx, sim.vy = 0, W * 7 // 8, PADDLE_TOP, 0, 60
    for _ in range(30):
        sim.step()
    assert sim.lives == 0 and sim.status == "lost"


def test_pong_points_match_and_rival():
    lv, cfg = level_for("pong")
    sim = rules.Sim(lv, cfg, lives=2)
    mid = TOP + (H - TOP) // 2
    sim.serve, sim.bx, sim.by, sim.vx, sim.vy = 0, PONG_LEFT + PONG_THICK + 20, mid - BALL // 2, -40, 0
    sim.step()
    assert sim.vx > 0  # returned by the player's paddle
    sim.me = sim.to_win - 1
    sim.ay, sim.bx, sim.by, sim.vx, sim.vy = TOP + sim.plen // 2, W - 8 * U, H - 10 * U, 60, 0
    for _ in range(10):
        sim.step()
    assert sim.status == "won"
    sim = rules.Sim(lv, cfg, lives=2)
    sim.ai = sim.to_win - 1
    sim.serve, sim.py, sim.bx, sim.by, sim.vx, sim.vy = 0, TOP + sim.plen // 2, 10 * U, H - 10 * U, -60, 0
    for _ in range(10):
        sim.step()
    assert sim.lives == 1 and (sim.me, sim.ai) == (0, 0) and sim.status == "playing"


@pytest.mark.parametrize("mode", PADDLE_MODES)
def test_generation_is_deterministic_and_solved(mode):
    lv, cfg = level_for(mode, 0, 3)
    again, _ = level_for(mode, 0, 3)
    assert json.dumps(lv, sort_keys=True) == json.dumps(again, sort_keys=True)
    proof = rules.solve(lv, cfg)
    assert proof is not None and proof["steps"] > 0
    end = rules.replay(lv, cfg, proof["runs"])
    assert end.status == "won" and end.lost == 0 and end.f == proof["frames"]
    assert rules.describe(lv)


def test_solver_refuses_a_level_it_cannot_win():
    lv, cfg = level_for("breakout")
    lv = dict(lv, paddle_w=2 * U)  # a paddle far smaller than any aim
    assert rules.solve(dict(lv, speed=64, max_speed=64), dict(cfg, max_frames=600)) is None


# ---- the JS module on the same rules (headless V8) ---------------------------------------------------


def _bundle(mode: str) -> tuple[dict[str, bytes], dict[str, Any], list[dict[str, Any]]]:
    spec = make_spec(mode)
    cfg = rules.config_for(spec)
    levels = []
    for index in range(2):
        lv: dict[str, Any] = {}
        for seed in range(10 + index, 40):
            lv = rules.generate(LevelRequest(index=index, count=2, mode=mode), cfg, random.Random(seed))
            if rules.solve(lv, cfg) is not None:
                break
        levels.append(dict(lv, name=f"Court {index + 1}", seed=3, index=index))
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "bat", "enemies": ["iron-block"], "items": ["glass-tile", "fire-ball"], "hazards": [],
                      "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    return codex.bundle_files("arcade", spec.title, data), cfg, levels


@pytest.mark.parametrize("mode", rules.MODES)
def test_headless_bot_keypoints_and_agreement(mode):
    files, cfg, levels = _bundle(mode)
    game_js, data_js = files["game.js"].decode("utf-8"), files["data.js"].decode("utf-8")
    with HeadlessGame(game_js, data_js) as g:
        result = qa.play_level_one(g, levels[0], cfg)
        assert result.won, result.detail
    with HeadlessGame(game_js, data_js) as g:
        assert qa.rules_agree(g, levels[0], cfg, random.Random(5)) is None
    spec = make_spec(mode).model_dump(mode="json")
    for kp in qa.keypoints(spec, cfg, levels):
        with HeadlessGame(game_js, data_js) as g:
            passed, msg = kp.run(g)
        assert passed is True, f"{kp.id}: {msg}"


# ---- a real Chromium ------------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("mode", PADDLE_MODES)
def test_real_keys_and_mouse_in_chromium(mode, tmp_path, browser):
    from browser import GamePage

    files, cfg, levels = _bundle(mode)
    for name, blob in files.items():
        (tmp_path / name).write_bytes(blob)
    g = GamePage(browser, tmp_path)
    st = g.state()
    assert st["status"] == "playing" and st["genre"] == "arcade"
    g.page.evaluate("window.maestro.manual(true)")
    key = "ArrowDown" if mode == "pong" else "ArrowRight"
    p0 = g.state()["player"]
    g.page.keyboard.down(key)
    g.page.evaluate("window.maestro.step(10)")
    g.page.keyboard.up(key)
    assert g.state()["player"] != p0, f"{key} didn't move the paddle"
    box = g.page.locator("#game").bounding_box()
    assert box is not None
    p1 = g.state()["player"]
    g.page.mouse.move(box["x"] + 20 * box["width"] / 480, box["y"] + 40 * box["height"] / 270)
    g.page.mouse.down()
    g.page.evaluate("window.maestro.step(30)")
    g.page.mouse.up()
    assert g.state()["player"] != p1, "the paddle didn't follow the mouse"
    assert g.page.evaluate("window.maestro.world().serve") == 0, "a tap didn't serve"
    g.page.evaluate("window.maestro.manual(false)")
    g.page.wait_for_timeout(150)
    assert g.canvas_colors() > 3
    assert g.errors == []
    g.close()


def test_a_time_limit_gives_walls_that_can_be_cleared_in_time():
    cfg = rules.config_for(make_spec("breakout", time_limit=30))
    assert cfg["max_frames"] == 27 * 60
    lv = rules.generate(LevelRequest(index=0, count=3, mode="breakout"), cfg, random.Random(1))
    proof = rules.solve(lv, cfg)
    assert proof is not None and proof["frames"] < cfg["max_frames"]
