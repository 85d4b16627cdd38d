"""The tactics genre in a real Chromium: a bundle built like the pipeline builds it, played with real
keys (cursor, select, move, attack, Z to end the turn), with the mouse (click a unit, click a tile,
click END TURN) and with the solver's proof."""

from __future__ import annotations

import os
import random

import pytest

from tests.browser import GamePage, click, fresh, world
from maestro.agents import codex
from maestro.genres.tactics import qa, rules
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

pytestmark = pytest.mark.browser

PALETTE = {"sky": "#8fd3ff", "accent": "#f4a259", "player": "#5bc0eb", "enemy": "#c3423f", "hazard": "#c3423f",
           "goal": "#9bc53d", "ui": "#141218", "ui_text": "#f2efe9", "shadow": "#0a090c", "terrain": "#6b6b73",
           "ground": "#5aa83c"}
T, OX, OY = 20, 4, 16  # tactics.js: the tile size and the map's corner


def make_spec() -> GameSpec:
    return GameSpec(
        title="Tactics browser", slug="tactics-browser", genre="tactics", genre_confidence=0.9, mode="rout",
        player=Entity(name="Aldric", kind="player", slug="aldric", behavior="player"),
        enemies=[Entity(name="Bandit", kind="enemy", slug="bandit")],
        art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


@pytest.fixture(scope="module")
def game(browser, tmp_path_factory):
    spec = make_spec()
    cfg = rules.config_for(spec)
    levels = []
    for seed in range(30, 60):
        req = LevelRequest(index=0, count=2, difficulty=1.0, mode="rout", enemies=[{"slug": "bandit"}])
        lv = rules.generate(req, cfg, random.Random(seed))
        if rules.solve(lv, cfg) is not None:
            break
    levels.append(dict(lv, name="Field 1", seed=5))
    # a QA field as the second level: a unit and a foe two tiles apart, for the key and mouse tests
    levels.append(qa.battle(["........", "........", "........"],
                            [qa.unit("player", 1, 1, hp=40, slug="aldric"), qa.unit("enemy", 3, 1, slug="bandit"),
                             qa.unit("enemy", 7, 2, slug="bandit")]))
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "aldric", "enemies": ["bandit"], "items": [], "hazards": [], "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    root = tmp_path_factory.mktemp("tactics")
    for name, blob in codex.bundle_files("tactics", spec.title, data).items():
        (root / name).write_bytes(blob)
    g = GamePage(browser, root)
    yield g, cfg, levels
    g.close()


def shot(g: GamePage, name: str) -> None:
    where = os.environ.get("TACTICS_SHOTS")
    if where:
        g.page.locator("#game").screenshot(path=os.path.join(where, name))


def key(g: GamePage, name: str) -> None:
    g.page.keyboard.press(name)
    g.page.evaluate("window.maestro.step(1)")


def test_real_keys_select_move_attack_and_end_the_turn(game):
    g, _, _ = game
    fresh(g, 2)
    key(g, "Space")  # the cursor starts on the unit: selected
    assert world(g, "w.sel") == 0
    key(g, "ArrowRight")
    key(g, "Enter")  # moved beside the foe
    assert world(g, "[w.units[0].x, w.phase]") == [2, "act"]
    key(g, "ArrowRight")
    key(g, "Space")  # attacked: 8 damage; the enemy's turn followed (one unit: all acted)
    assert world(g, "w.units[1].hp") == 12 and world(g, "w.turn") == 2
    key(g, "KeyZ")  # Z ends the turn
    assert world(g, "w.turn") == 3
    shot(g, "keys.png")
    assert g.canvas_colors() > 3 and g.errors == []


def test_the_mouse_selects_moves_and_ends_the_turn(game):
    g, _, _ = game
    fresh(g, 2)
    click(g, OX + 1 * T + T / 2, OY + 1 * T + T / 2)  # the unit
    assert world(g, "w.sel") == 0
    click(g, OX + 1 * T + T / 2, OY + 0 * T + T / 2)  # a tile above it
    assert world(g, "[w.units[0].x, w.units[0].y, w.phase]") == [1, 0, "act"]
    click(g, OX + 1 * T + T / 2, OY + 0 * T + T / 2)  # itself: wait, and the enemy acts
    assert world(g, "w.turn") == 2
    click(g, 340 + 60, 206 + 12)  # END TURN
    assert world(g, "w.turn") == 3 and g.errors == []


def test_the_solvers_proof_wins_level_one_with_real_presses(game):
    g, cfg, levels = game
    fresh(g)
    shot(g, "field.png")
    proof = rules.solve(levels[0], cfg)
    assert proof is not None
    st = g.page.evaluate("""(keys) => { const m = window.maestro;
        for (const a of keys) { m.press(a, true); m.step(1); m.press(a, false); m.step(1); }
        return m.step(100); }""", proof["keys"])
    assert st["level"] == 2 and st["cleared"] == 1 and st["score"] > 0
    assert g.errors == []


def test_pause_freezes_the_cursor(game):
    g, _, _ = game
    fresh(g, 2)
    g.page.evaluate("window.maestro.tap('pause')")
    before = world(g, "[w.cx, w.cy]")
    g.page.evaluate("window.maestro.tap('down'); window.maestro.tap('right')")
    assert g.state()["status"] == "paused" and world(g, "[w.cx, w.cy]") == before
    g.page.evaluate("window.maestro.tap('pause')")
    assert g.errors == []
