"""The racing genre in a real Chromium: a bundle built like the pipeline builds it, driven with real
keys (throttle, steering, brakes, pause) and with the solver's proof, on every level's track."""

from __future__ import annotations

import random

import pytest

from tests.browser import GamePage, fresh, launch, world
from maestro.agents import codex
from maestro.genres.racing import rules
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

pytestmark = pytest.mark.browser

PALETTE = {"sky": "#1d2b1f", "ground": "#4f9a3a", "ground2": "#9a8f7a", "accent": "#ffd447", "player": "#e8453c",
           "enemy": "#3f6fd8", "enemy2": "#f08c2b", "item": "#ffd700", "hazard": "#c3423f", "goal": "#ffffff",
           "ui": "#141218", "ui_text": "#f2efe9", "shadow": "#0a090c"}


def make_spec() -> GameSpec:
    return GameSpec(
        title="Racing browser", slug="racing-browser", genre="racing", genre_confidence=0.9, mode="circuit",
        player=Entity(name="Pip", kind="player", slug="pip", behavior="player"),
        enemies=[Entity(name="Rocco", kind="enemy", slug="rocco"), Entity(name="Thistle", kind="enemy", slug="thistle")],
        items=[Entity(name="Acorn", kind="item", slug="acorn", points=10)],
        hazards=[Entity(name="Mud Puddle", kind="hazard", slug="mud-puddle")],
        art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    spec = make_spec()
    cfg = rules.config_for(spec)
    levels = []
    for index in range(3):
        req = LevelRequest(index=index, count=3, difficulty=1.0 + 0.5 * index, mode="circuit",
                           hazards=[{"slug": "mud-puddle"}], items=[{"slug": "acorn"}])
        lv = rules.generate(req, cfg, random.Random(20 + index))
        assert rules.solve(lv, cfg) is not None
        levels.append(dict(lv, name=f"Race {index + 1}", theme="park", seed=5, index=index))
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "pip", "enemies": ["rocco", "thistle"], "items": ["acorn"], "hazards": ["mud-puddle"],
                      "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    root = tmp_path_factory.mktemp("racing")
    for name, blob in codex.bundle_files("racing", spec.title, data).items():
        (root / name).write_bytes(blob)
    with launch() as b:
        g = GamePage(b, root)
        yield g, cfg, levels
        g.close()


def test_real_keys_drive_steer_and_brake(game):
    g, cfg, levels = game
    fresh(g)
    g.page.evaluate(f"window.maestro.step({levels[0]['countdown']})")  # past the 3-2-1
    g.page.keyboard.down("ArrowUp")
    g.page.evaluate("window.maestro.step(20)")
    assert world(g, "w.speed") > 20 and world(g, "w.x") > levels[0]["start"]["x"]
    g.page.keyboard.down("ArrowRight")
    g.page.evaluate("window.maestro.step(4)")
    g.page.keyboard.up("ArrowRight")
    assert world(g, "w.hd") == 4 * cfg["turn"]
    g.page.keyboard.up("ArrowUp")
    v = world(g, "w.speed")
    g.page.keyboard.down("ArrowDown")
    g.page.evaluate("window.maestro.step(2)")
    g.page.keyboard.up("ArrowDown")
    assert world(g, "w.speed") == max(0, v - 2 * cfg["brake"])
    g.page.keyboard.down("Space")  # the action key is a throttle too
    g.page.evaluate("window.maestro.step(3)")
    g.page.keyboard.up("Space")
    assert world(g, "w.speed") > max(0, v - 2 * cfg["brake"])
    assert g.errors == []


def test_the_solvers_proof_wins_race_one_with_real_presses(game):
    g, cfg, levels = game
    fresh(g)
    proof = rules.solve(levels[0], cfg)
    assert proof is not None
    masks = rules.expand(proof["inputs"])
    st = g.page.evaluate("""(masks) => { const m = window.maestro, keys = ['left', 'right', 'up', 'down'];
        let s = m.state(), n = 0;
        while (s.level === 1 && s.status === 'playing' && n < masks.length + 200) {
          const w = m.world(), k = (!w.done && w.f < masks.length) ? masks[w.f] : 0;
          keys.forEach((a, b) => m.press(a, !!(k & (1 << b))));
          s = m.step(1); n++;
        }
        return s; }""", masks)
    assert st["level"] == 2 and st["cleared"] == 1 and st["score"] >= cfg["win_points"]
    assert g.errors == []


def test_pause_freezes_and_every_track_draws(game):
    g, _, levels = game
    fresh(g)
    g.page.evaluate(f"window.maestro.step({levels[0]['countdown'] + 1})")
    g.page.evaluate("window.maestro.tap('pause')")
    g.page.evaluate("window.maestro.press('up', true)")
    g.page.evaluate("window.maestro.step(10)")
    assert g.state()["status"] == "paused" and world(g, "w.speed") == 0
    g.page.evaluate("window.maestro.press('up', false)")
    g.page.evaluate("window.maestro.tap('pause')")
    for level in range(1, len(levels) + 1):
        fresh(g, level)
        g.page.evaluate("window.maestro.step(120)")
        assert g.canvas_colors() > 5
        assert "POS" in world(g, "Maestro.genres.racing.hud(window.maestro.game, w)")
    assert g.errors == []
