"""The card genre in a real Chromium: a bundle built like the pipeline builds it, played with real
keys, with the mouse (tap a card, tap it again, tap END TURN) and with the solver's proof."""

from __future__ import annotations

import random

import pytest

from tests.browser import GamePage, click, fresh, launch, world
from maestro.agents import codex
from maestro.genres.card import rules
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

pytestmark = pytest.mark.browser

PALETTE = {"sky": "#1e1b24", "accent": "#f4a259", "player": "#5bc0eb", "enemy": "#fde74c", "hazard": "#c3423f",
           "goal": "#9bc53d", "ui": "#141218", "ui_text": "#f2efe9", "shadow": "#0a090c"}


def make_spec() -> GameSpec:
    return GameSpec(
        title="Card browser", slug="card-browser", genre="card", genre_confidence=0.9, mode="deckbuilder",
        player=Entity(name="Wren", kind="player", slug="wren", behavior="player"),
        enemies=[Entity(name="Imp", kind="enemy", slug="imp"), Entity(name="Golem", kind="enemy", slug="golem")],
        items=[Entity(name="Fireball Card", kind="item", slug="fireball-card")],
        art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


@pytest.fixture(scope="module")
def game(tmp_path_factory):
    spec = make_spec()
    cfg = rules.config_for(spec)
    levels = []
    for index in range(3):
        req = LevelRequest(index=index, count=3, difficulty=1.0 + 0.5 * index, mode="deckbuilder",
                           enemies=[{"slug": "imp"}, {"slug": "golem"}])
        lv = rules.generate(req, cfg, random.Random(70 + index))
        assert rules.solve(lv, cfg) is not None
        levels.append(dict(lv, name=f"Fight {index + 1}", theme="vault", seed=5, index=index))
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "wren", "enemies": ["imp", "golem"], "items": ["fireball-card"], "hazards": [],
                      "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    root = tmp_path_factory.mktemp("card")
    for name, blob in codex.bundle_files("card", spec.title, data).items():
        (root / name).write_bytes(blob)
    with launch() as b:
        g = GamePage(b, root)
        yield g, cfg, levels
        g.close()


def test_loads_draws_and_real_keys_play(game):
    g, cfg, _ = game
    st = g.state()
    assert st["status"] == "playing" and st["genre"] == "card" and st["player"] is not None
    g.page.wait_for_timeout(150)
    assert g.canvas_colors() > 3
    p0 = g.state()["player"]
    g.hold("ArrowRight", 60)
    assert g.state()["player"] != p0, "ArrowRight didn't move the selection"
    g.hold("ArrowLeft", 60)
    hand, energy = world(g, "w.hand.length"), world(g, "w.energy")
    g.hold("Space", 60)
    g.page.wait_for_timeout(50)
    played = world(g, "w.hand.length") == hand - 1 and world(g, "w.energy") < energy
    refused = world(g, "w.hand.length") == hand  # a 2-cost card with too little energy stays
    assert played or refused
    assert g.errors == []


def test_the_mouse_selects_plays_and_ends_the_turn(game):
    g, cfg, _ = game
    fresh(g)
    hand = world(g, "w.hand.length")
    assert hand == cfg["hand_size"] == 5
    x = 138 + 30  # the middle of the second of five cards (the first is selected)
    click(g, x, 182 + 60)  # tapped: selected
    assert world(g, "w.sel") == 1 and world(g, "w.hand.length") == hand
    cost = world(g, "w.cards[w.hand[1]].cost")
    if cost > cfg["energy"]:
        pytest.skip("the second card costs more than a turn's energy")
    click(g, x, 172 + 60)  # tapped again (it is raised 10 px): played
    assert world(g, "w.hand.length") == hand - 1 and world(g, "w.energy") == cfg["energy"] - cost
    click(g, 440, 248)  # END TURN
    assert world(g, "w.turn") == 2 and world(g, "w.hand.length") == cfg["hand_size"]
    assert g.errors == []


def test_the_solvers_proof_wins_fight_one_with_real_presses(game):
    g, cfg, levels = game
    fresh(g)
    proof = rules.solve(levels[0], cfg)
    assert proof is not None
    f = rules.Fight.start(levels[0], cfg)
    keys: list[str] = []
    for action in proof["actions"]:
        ks = rules.keys_for(f, tuple(action))
        for k in ks:
            f.press(k)
        keys += ks
    st = g.page.evaluate("""(keys) => { const m = window.maestro;
        for (const a of keys) { m.press(a, true); m.step(1); m.press(a, false); m.step(1); }
        return m.step(10); }""", keys)
    offers = world(g, "w.reward && w.reward.offers")
    assert st["level"] == 1 and offers == levels[0]["spoils"], "no spoils were offered after the fight"
    g.page.wait_for_timeout(50)
    n = len(offers)
    click(g, 240 - (n * 72 - 12) / 2 + 30, 92 + 40)  # the first spoil on offer, with the mouse
    st = g.page.evaluate("window.maestro.step(100)")
    assert st["level"] == 2 and st["cleared"] == 1 and st["score"] > 0
    assert world(g, "w.bonus") == offers[:1]
    assert g.errors == []


def test_pause_freezes_and_every_fight_draws(game):
    g, _, levels = game
    fresh(g)
    g.page.evaluate("window.maestro.tap('pause')")
    before = world(g, "w.sel")
    g.page.evaluate("window.maestro.tap('right')")
    assert g.state()["status"] == "paused" and world(g, "w.sel") == before
    g.page.evaluate("window.maestro.tap('pause')")
    for level in range(1, len(levels) + 1):
        fresh(g, level)
        g.page.evaluate("window.maestro.step(120)")
        assert g.canvas_colors() > 3
    assert g.errors == []
