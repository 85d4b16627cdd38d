"""The adventure genre in a real headless Chromium: a bundle opened from file:// and played."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from maestro.agents import codex
from maestro.genres.adventure import rules as A
from tests.browser import GamePage, launch
from tests.test_levels_adventure import hand_level, make_req, make_spec

pytestmark = pytest.mark.browser

ROLES = {"player": "hero", "enemies": ["guard", "ghoul"], "items": ["gem"], "hazards": ["spikes"], "goal": "amulet"}
PALETTE = {"sky": "#101018", "ground": "#3a3550", "ground2": "#36314a", "wall": "#6a6a88", "accent": "#ffd34d",
           "player": "#4dd2ff", "enemy": "#ff4d4d", "item": "#ffe066", "hazard": "#ff8800", "goal": "#7dff7d",
           "ui": "#222233", "ui_text": "#ffffff", "shadow": "#000000"}

# window.maestro driven one tile per move: tap the direction, step until the move is done.
WALK = """(moves) => { const m = window.maestro, D = {R: 'right', L: 'left', U: 'up', D: 'down'};
  for (const c of moves) { const w = m.world(); m.press(D[c], true); m.step(1); m.press(D[c], false);
    let n = 0; while (n++ < 60 && m.world() === w && w.p.moving) m.step(1);
    if (m.world() !== w || m.state().status !== 'playing') break; }
  return m.state(); }"""


@pytest.fixture(scope="module")
def browser():
    with launch() as b:
        yield b


def bundle(path: Path, levels: list[dict], spec=None, config=None) -> Path:
    spec = spec or make_spec()
    cfg = config or A.config_for(spec)
    for i, lv in enumerate(levels):
        lv.setdefault("name", f"Level {i + 1}")
        lv.setdefault("theme", "crypt")
        lv.setdefault("seed", 1000 + i)
        lv.setdefault("difficulty", 1.0 + 0.5 * i)
        lv.setdefault("index", i)
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels, "roles": ROLES,
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    path.mkdir(parents=True, exist_ok=True)
    for name, content in codex.bundle_files("adventure", spec.title, data).items():
        (path / name).write_bytes(content)
    return path


def generated(spec, count: int, seed: int = 5) -> list[dict]:
    cfg = A.config_for(spec)
    out = []
    for i in range(count):
        for attempt in range(10):
            lv = A.generate(make_req(spec, i, count), cfg, random.Random(seed * 100 + i * 10 + attempt))
            if A.solve(lv, cfg):
                out.append(lv)
                break
    return out


def manual(page):
    page.evaluate("window.maestro.manual(true)")


def test_plays_with_real_keys_and_draws(browser, tmp_path):
    spec = make_spec(mode="rooms", mechanics=[("keys", {"count": 2}), ("attack", {}), ("health", {})])
    levels = generated(spec, 3)
    assert len(levels) == 3
    g = GamePage(browser, bundle(tmp_path, levels, spec))
    try:
        s0 = g.state()
        assert s0["status"] == "playing" and s0["genre"] == "adventure" and s0["levels"] == 3
        first = A.solve(levels[0], A.config_for(spec))["moves"][0]
        key = {"R": "ArrowRight", "L": "ArrowLeft", "U": "ArrowUp", "D": "ArrowDown"}[first]
        s1 = g.hold(key, 400)
        assert (s1["player"]["x"], s1["player"]["y"]) != (s0["player"]["x"], s0["player"]["y"])
        assert g.canvas_colors() > 3
        g.page.wait_for_timeout(1300)  # past the level banner
        g.page.screenshot(path="/tmp/adventure.png")
        hud = g.page.evaluate("Maestro.genres.adventure.hud(window.maestro.game, window.maestro.world())")
        assert "Keys 0/" in hud and "Gem" in hud
        assert "find the keys" in g.page.evaluate("Maestro.genres.adventure.help(window.maestro.game)")
        assert g.errors == [] and all(u.startswith("file://") for u in g.requests)
    finally:
        g.close()


def test_following_the_solver_path_wins_every_level(browser, tmp_path):
    spec = make_spec(mode="rooms", mechanics=[("keys", {"count": 3})])
    cfg = A.config_for(spec)
    levels = generated(spec, 2, seed=9)
    for lv in levels:  # enemies off: this test checks the map rules, keys and doors
        lv["enemies"], lv["hazards"] = [], []
    assert sum(len(lv["doors"]) for lv in levels) >= 2
    g = GamePage(browser, bundle(tmp_path, levels, spec, cfg))
    try:
        manual(g.page)
        st = g.page.evaluate(WALK, A.solve(levels[0], cfg)["moves"])
        assert st["score"] >= 50 * len(levels[0]["keys"])
        st = g.page.evaluate("window.maestro.step(120)")
        assert st["level"] == 2 and st["status"] == "playing" and st["cleared"] == 1
        st = g.page.evaluate(WALK, A.solve(levels[1], cfg)["moves"])
        assert st["status"] == "won"
        assert g.errors == []
    finally:
        g.close()


DOOR_ROOM = [
    "#########",
    "#S.a#...#",
    "#...#.E.#",
    "##.###.##",
    "#...A...#",
    "#########",
]


def test_door_needs_its_key(browser, tmp_path):
    g = GamePage(browser, bundle(tmp_path, [hand_level(DOOR_ROOM)]))
    try:
        manual(g.page)
        st = g.page.evaluate(WALK, "RDDDRR")  # down the corridor, into the locked door
        assert st["player"] == {"x": 3 * 16, "y": 4 * 16} and st["score"] == 0
        assert g.page.evaluate("window.maestro.world().doorOpen[0]") is False
        st = g.page.evaluate(WALK, "LUUUR")  # fetch the gold key
        assert st["player"] == {"x": 3 * 16, "y": 16} and st["score"] == 50
        st = g.page.evaluate(WALK, "LDDDRRRRUU")
        assert st["status"] == "won"
        assert g.errors == []
    finally:
        g.close()


GUARD_HALL = [
    "###########",
    "#S........#",
    "#.........#",
    "#......^..#",
    "#........E#",
    "###########",
]


def test_guard_sight_and_hazards_cost_lives_until_game_over(browser, tmp_path):
    level = hand_level(GUARD_HALL)
    # a sentry at the right end of the top row, looking left along it (turns every 1.5 s)
    level["enemies"] = [{"slug": "guard", "behavior": "patrol", "x": 9, "y": 1, "route": [[9, 1]], "speed": 2,
                         "hp": 1, "points": 25}]
    spec = make_spec()
    cfg = {**A.config_for(spec), "vision": 4, "sentry_turn": 100}
    g = GamePage(browser, bundle(tmp_path, [level], spec, cfg))
    try:
        manual(g.page)
        g.page.evaluate("(() => { const e = window.maestro.world().enemies[0]; e.face = 2; })()")
        st = g.page.evaluate(WALK, "RRRR")  # walks into the guard's sight
        assert st["lives"] == 2 and st["last_loss"] == "spotted by a guard"
        assert st["player"] == {"x": 16, "y": 16}  # sent back to the start
        g.page.evaluate("window.maestro.step(100)")  # invulnerability ends
        st = g.page.evaluate(WALK, "DDRRRRRR")  # onto the spikes at (7, 3)
        assert st["lives"] == 1 and st["last_loss"] == "hazard"
        g.page.evaluate("window.maestro.step(100)")
        st = g.page.evaluate(WALK, "DDRRRRRR")
        assert st["status"] == "lost" and st["lives"] == 0
        assert g.errors == []
    finally:
        g.close()


def test_chaser_hunts_and_attack_kills(browser, tmp_path):
    level = hand_level([
        "#############",
        "#S..........#",
        "#...........#",
        "#..........E#",
        "#############",
    ])
    level["enemies"] = [{"slug": "ghoul", "behavior": "chaser", "x": 7, "y": 1, "route": [], "speed": 3,
                         "hp": 2, "points": 25}]
    spec = make_spec(mechanics=[("attack", {"enemy_hp": 2}), ("chase", {"radius": 8})])
    g = GamePage(browser, bundle(tmp_path, [level], spec))
    try:
        manual(g.page)
        dist = "(() => { const e = window.maestro.world().enemies[0]; return Math.abs(e.cx - 1) + Math.abs(e.cy - 1); })()"
        start = g.page.evaluate(dist)  # 6, or less when frames ran before manual mode (a loaded machine)
        assert 0 < start <= 6
        g.page.evaluate("window.maestro.step(40)")
        assert g.page.evaluate(dist) < start  # it comes for the player
        # face right and swing until it drops (2 hits); it must be adjacent first
        for _ in range(120):
            near = g.page.evaluate(dist)
            if near <= 1:
                break
            g.page.evaluate("window.maestro.step(1)")
        st = g.state()
        alive = "window.maestro.world().enemies[0].alive"
        if st["lives"] == 3:
            for _ in range(4):
                g.page.evaluate("window.maestro.press('right', true); window.maestro.step(1); "
                                "window.maestro.press('right', false); window.maestro.press('action', true); "
                                "window.maestro.step(1); window.maestro.press('action', false); window.maestro.step(20)")
                if not g.page.evaluate(alive):
                    break
        # either the player struck it down, or it touched the player and cost a life
        st = g.state()
        assert (not g.page.evaluate(alive) and st["score"] == 25) or st["lives"] == 2
        assert g.errors == []
    finally:
        g.close()


def test_pause_and_restart(browser, tmp_path):
    g = GamePage(browser, bundle(tmp_path, [hand_level(DOOR_ROOM)]))
    try:
        manual(g.page)
        st = g.page.evaluate(WALK, "RR")
        assert st["player"] == {"x": 48, "y": 16} and st["score"] == 50  # picked up the key
        t = st["time"]
        st = g.page.evaluate("window.maestro.tap('pause')")
        assert st["status"] == "paused"
        st = g.page.evaluate("window.maestro.press('down', true); window.maestro.step(30)")
        assert st["status"] == "paused" and st["time"] == t and st["player"] == {"x": 48, "y": 16}
        g.page.evaluate("window.maestro.press('down', false)")
        st = g.page.evaluate("window.maestro.tap('pause')")
        assert st["status"] == "playing"
        st = g.page.evaluate("window.maestro.tap('restart')")
        assert st["player"] == {"x": 16, "y": 16} and st["time"] == 0
        keys = g.page.evaluate("window.maestro.world().keysGot")
        assert keys == 0  # the level is rebuilt: the key is back
        assert g.errors == []
    finally:
        g.close()


def test_time_limit_costs_one_life_per_timeout(browser, tmp_path):
    spec = make_spec()
    spec.time_limit = 2
    g = GamePage(browser, bundle(tmp_path, [hand_level(DOOR_ROOM)], spec))
    try:
        manual(g.page)
        g.page.evaluate(WALK, "RD")
        st = g.page.evaluate("window.maestro.step(130)")  # 2.2 s: one time-out
        assert st["lives"] == 2 and st["last_loss"] == "time" and st["player"] == {"x": 16, "y": 16}
        assert st["time"] < 1
        st = g.page.evaluate("window.maestro.step(60)")  # the clock restarted: no second loss yet
        assert st["lives"] == 2 and st["status"] == "playing"
        st = g.page.evaluate("window.maestro.step(90)")  # ...until it runs out again
        assert st["lives"] == 1
        assert g.errors == []
    finally:
        g.close()
