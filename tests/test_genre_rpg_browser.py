"""The rpg genre in a real Chromium: a bundle built like the pipeline builds it, played with real
keys (walk, bump a foe, pick from the battle menu), with the mouse (tap beside the hero to step,
tap a menu entry twice to choose it) and with the solver's proof."""

from __future__ import annotations

import os
import random

import pytest

from tests.browser import GamePage, click, fresh, launch, world
from maestro.agents import codex
from maestro.genres.rpg import qa, rules
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

pytestmark = pytest.mark.browser

PALETTE = {"sky": "#1e1b24", "accent": "#f4a259", "player": "#5bc0eb", "enemy": "#fde74c", "hazard": "#c3423f",
           "goal": "#9bc53d", "ui": "#141218", "ui_text": "#f2efe9", "shadow": "#0a090c", "terrain": "#3b3355"}


def make_spec() -> GameSpec:
    return GameSpec(
        title="RPG browser", slug="rpg-browser", genre="rpg", genre_confidence=0.9, mode="battles",
        player=Entity(name="Mira", kind="player", slug="mira", behavior="player"),
        enemies=[Entity(name="Bat", kind="enemy", slug="bat"), Entity(name="Night Lord", kind="enemy", slug="night-lord")],
        items=[Entity(name="Healing Herb", kind="item", slug="healing-herb")],
        art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    spec = make_spec()
    cfg = rules.config_for(spec)
    levels = []
    for index in range(2):
        for seed in range(30, 60):
            req = LevelRequest(index=index, count=2, difficulty=1.0 + 0.5 * index, mode="battles",
                               enemies=[{"slug": "bat"}, {"slug": "night-lord"}])
            lv = rules.generate(req, cfg, random.Random(seed))
            if rules.solve(lv, cfg) is not None:
                break
        levels.append(dict(lv, name=f"Floor {index + 1}", theme="keep", seed=5, index=index))
    # the QA corridor as a third level: a foe right beside the hero, for the key and mouse tests
    levels.append(dict(qa._corridor([qa._foe(30, pattern=["charge"], slug="bat")], qa._hero(40)), index=2))
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "mira", "enemies": ["bat", "night-lord"], "items": ["healing-herb"], "hazards": [],
                      "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    root = tmp_path_factory.mktemp("rpg")
    for name, blob in codex.bundle_files("rpg", spec.title, data).items():
        (root / name).write_bytes(blob)
    with launch() as b:
        g = GamePage(b, root)
        yield g, cfg, levels
        g.close()


def shot(g: GamePage, name: str) -> None:
    where = os.environ.get("RPG_SHOTS")
    if where:
        g.page.locator("#game").screenshot(path=os.path.join(where, name))


def test_real_keys_walk_bump_and_fight(game):
    g, cfg, _ = game
    fresh(g, 3)
    g.page.evaluate("window.maestro.manual(false)")
    g.hold("ArrowRight", 60)
    g.page.wait_for_timeout(100)
    assert world(g, "!!w.battle"), "bumping the foe with ArrowRight didn't start a battle"
    g.hold("Space", 60)
    g.page.wait_for_timeout(100)
    assert world(g, "w.battle.foes[0].hp") == 30 - (6 - 1) and world(g, "w.battle.round") == 1
    g.hold("ArrowDown", 60)
    g.page.wait_for_timeout(50)
    assert world(g, "w.battle.sel") == 1
    shot(g, "battle.png")
    assert g.canvas_colors() > 3 and g.errors == []


def test_the_mouse_steps_and_chooses(game):
    g, _, _ = game
    fresh(g, 3)
    hx, hy = 40 + 16 + 8, 24 + 16 + 8  # the hero's tile centre, on screen
    click(g, hx + 16, hy)  # beside the hero, to the right: the foe, a battle
    assert world(g, "!!w.battle")
    click(g, 8 + 6 + 40, 176 + 4 + 3 * 14 + 6)  # Defend: selected
    assert world(g, "w.battle.sel") == 3 and world(g, "w.battle.round") == 0
    click(g, 8 + 6 + 40, 176 + 4 + 3 * 14 + 6)  # tapped again: chosen
    assert world(g, "w.battle.round") == 1
    assert g.errors == []


def test_the_solvers_proof_wins_level_one_with_real_presses(game):
    g, cfg, levels = game
    fresh(g)
    shot(g, "map.png")
    proof = rules.solve(levels[0], cfg)
    assert proof is not None
    st = g.page.evaluate("""(keys) => { const m = window.maestro;
        for (const a of keys) { m.press(a, true); m.step(1); m.press(a, false); m.step(1); }
        return m.step(100); }""", proof["keys"])
    assert st["level"] == 2 and st["cleared"] == 1 and st["score"] > 0
    assert g.errors == []


def test_pause_freezes_and_every_level_draws(game):
    g, _, levels = game
    fresh(g)
    g.page.evaluate("window.maestro.tap('pause')")
    before = world(g, "[w.x, w.y]")
    g.page.evaluate("window.maestro.tap('down'); window.maestro.tap('right')")
    assert g.state()["status"] == "paused" and world(g, "[w.x, w.y]") == before
    g.page.evaluate("window.maestro.tap('pause')")
    for level in range(1, len(levels) + 1):
        fresh(g, level)
        g.page.evaluate("window.maestro.step(120)")
        assert g.canvas_colors() > 3
    assert g.errors == []
