"""The platformer bundle in a real headless Chromium: it loads from file:// without errors,
real keys move the hero, the solver's input script wins a level in the game itself, enemies
and pits cost lives, and pause / restart work."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from maestro.agents import codex
from maestro.genres.platformer import rules as pf
from tests.browser import GamePage, launch
from tests.test_levels_platformer import make_req, make_spec, replay

pytestmark = pytest.mark.browser

PALETTE = {
    "sky": "#5c94fc", "sky2": "#7fb0ff", "ground": "#c84c0c", "ground2": "#8a3008", "wall": "#a0522d",
    "accent": "#3fbf3f", "player": "#ffcc00", "player2": "#ffffff", "enemy": "#a03020", "enemy2": "#ffffff",
    "item": "#ffd700", "item2": "#fff6a0", "hazard": "#e0e0e0", "goal": "#2ecc40", "ui": "#000000",
    "ui_text": "#ffffff", "shadow": "#222222",
}
ROLES = {"player": "hero", "enemies": ["goomba"], "items": ["coin"], "hazards": ["cactus"], "goal": "flag"}

# Replays a solver proof: one maestro.step per frame, holding exactly the proof's keys.
# Returns the final state and the hero's [x, y] in subpixels after every frame.
REPLAY_JS = """([proof]) => { const m = window.maestro, trace = [];
  m.step(proof.wait || 0);
  run: for (const [d, h, k] of proof.inputs) for (let i = 0; i < k; i++) {
    m.press('left', d < 0); m.press('right', d > 0); m.press('up', !!h); m.step(1);
    const p = m.world().p; trace.push([p.x, p.y]);
    if (m.state().cleared > 0 || m.state().status !== 'playing') break run; }
  m.press('left', false); m.press('right', false); m.press('up', false);
  return [m.state(), trace]; }"""


def assert_same_trajectory(path: Path, cfg: dict, proof: dict, js_trace: list) -> None:
    """Bit-exact: the game's hero follows the Python physics frame by frame to the flag."""
    py_trace: list = []
    assert replay(levels_of(path)[0], cfg, proof, py_trace) is not None
    assert len(js_trace) == len(py_trace)
    assert js_trace == py_trace


def solvable_levels(spec, cfg, count: int) -> tuple[list[dict], list[dict]]:
    levels, proofs = [], []
    for i in range(count):
        for seed in range(50):
            level = pf.generate(make_req(i, spec), cfg, random.Random(seed * 101 + i))
            proof = pf.solve(level, cfg)
            if proof is not None:
                break
        level.update(name=f"Level {i + 1}", theme="grass", seed=seed, difficulty=1.0 + 0.5 * i, index=i)
        levels.append(level)
        proofs.append(proof)
    return levels, proofs


def write_bundle(path: Path, spec, cfg, levels) -> Path:
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels, "roles": ROLES,
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    path.mkdir(parents=True, exist_ok=True)
    for name, content in codex.bundle_files("platformer", spec.title, data).items():
        (path / name).write_bytes(content)
    return path


def levels_of(path: Path) -> list[dict]:
    text = (path / "data.js").read_text()
    return json.loads(text[text.index("=") + 1:].strip().rstrip(";"))["levels"]


def arena(cfg: dict) -> dict:
    """Hand-made: flat ground, a standing enemy at x=160, a pit from tile 24 to 27, the flag at 36."""
    width = 40
    ground = "#" * 24 + "." * 4 + "#" * 12
    rows = ["." * width] * 14 + [ground] * 3
    return {"mode": "levels", "width": width, "height": 17, "rows": rows, "start": [34, 210],
            "goal": {"x": 36, "y": 13, "slug": "flag"},
            "items": [{"x": 80, "y": 208, "slug": "coin", "points": 10}],
            "enemies": [{"x": 160, "y": 208, "slug": "goomba", "behavior": "static", "min": 160, "max": 160,
                         "speed": 0, "points": 100}],
            "hazards": [], "checkpoints": [[34, 210]], "run": cfg["run_sub"], "collect_target": 0,
            "name": "Arena", "theme": "test", "seed": 1, "difficulty": 1.0, "index": 0}


@pytest.fixture(scope="module")
def browser():
    with launch() as b:
        yield b


@pytest.fixture(scope="module")
def levels_game(tmp_path_factory):
    spec = make_spec(mechanics={"double_jump": {"jumps": 2}, "collect": {"target": 8}})
    cfg = pf.config_for(spec)
    levels, proofs = solvable_levels(spec, cfg, 2)
    # The proof covers the terrain; enemies are the player's to stomp or dodge, so the replayed
    # level has none (level 2 keeps its enemies).
    levels[0]["enemies"] = []
    return write_bundle(tmp_path_factory.mktemp("platformer"), spec, cfg, levels), proofs, cfg


@pytest.fixture(scope="module")
def runner_game(tmp_path_factory):
    spec = make_spec(mode="runner", mechanics={"double_jump": {"jumps": 2}})
    cfg = pf.config_for(spec)
    levels, proofs = solvable_levels(spec, cfg, 2)
    levels[0]["enemies"] = []
    return write_bundle(tmp_path_factory.mktemp("runner"), spec, cfg, levels), proofs, cfg


@pytest.fixture(scope="module")
def arena_game(tmp_path_factory):
    spec = make_spec()
    cfg = pf.config_for(spec)
    return write_bundle(tmp_path_factory.mktemp("arena"), spec, cfg, [arena(cfg)]), cfg


def test_loads_draws_and_real_keys_move_and_jump(browser, levels_game):
    path, _, _ = levels_game
    g = GamePage(browser, path)
    try:
        st = g.state()
        assert st["status"] == "playing" and st["genre"] == "platformer" and st["lives"] == 3
        assert g.canvas_colors() > 3
        x0, y0 = st["player"]["x"], st["player"]["y"]
        moved = g.hold("ArrowRight", 400)
        assert moved["player"]["x"] > x0 + 20 and moved["player"]["y"] == y0
        g.page.keyboard.down("Space")
        g.page.wait_for_timeout(150)
        assert g.state()["player"]["y"] < y0 - 10  # in the air
        g.page.keyboard.up("Space")
        g.page.wait_for_timeout(800)
        assert g.state()["player"]["y"] == y0  # landed again
        assert "Coin 0/8" in g.page.evaluate("window.Maestro.genres.platformer.hud(window.maestro.game, window.maestro.world())")
        assert g.errors == []
        g.page.screenshot(path="/tmp/platformer.png")
    finally:
        g.close()


def test_title_screen_names_the_controls(browser, levels_game):
    path, _, _ = levels_game
    g = GamePage(browser, path, query="?mute=1")
    try:
        assert g.state()["status"] == "title"
        help_line = g.page.evaluate("window.Maestro.genres.platformer.help(window.maestro.game)")
        assert "Up/Space jump" in help_line and "x2" in help_line
        g.page.keyboard.press("Enter")
        g.page.wait_for_function("window.maestro.state().status === 'playing'", timeout=3000)
    finally:
        g.close()


def test_solver_input_script_wins_the_level_and_next_level_starts(browser, levels_game):
    path, proofs, cfg = levels_game
    g = GamePage(browser, path)
    try:
        g.page.evaluate("window.maestro.manual(true); window.maestro.start(1)")
        st, trace = g.page.evaluate(REPLAY_JS, [proofs[0]])
        assert st["cleared"] == 1 and st["status"] == "playing" and st["lives"] == 3
        assert_same_trajectory(path, cfg, proofs[0], trace)
        st = g.page.evaluate("window.maestro.step(100)")
        assert st["level"] == 2 and st["player"]["x"] < 64
        # level 2 has walkers on patrol
        enemies = g.page.evaluate("window.maestro.world().enemies.map(e => e.x)")
        g.page.evaluate("window.maestro.step(30)")
        assert enemies and enemies != g.page.evaluate("window.maestro.world().enemies.map(e => e.x)")
        assert g.errors == []
    finally:
        g.close()


def test_runner_runs_by_itself_and_its_proof_wins(browser, runner_game):
    path, proofs, cfg = runner_game
    g = GamePage(browser, path)
    try:
        g.page.evaluate("window.maestro.manual(true); window.maestro.start(1)")
        st = g.page.evaluate(f"window.maestro.step({cfg['runner_start_freeze']})")
        x0 = st["player"]["x"]
        st = g.page.evaluate("window.maestro.step(20)")  # no key held: it runs anyway
        assert st["player"]["x"] > x0 + 20
        assert "Distance" in g.page.evaluate("window.Maestro.genres.platformer.hud(window.maestro.game, window.maestro.world())")
        g.page.evaluate("window.maestro.start(1)")
        st, trace = g.page.evaluate(REPLAY_JS, [proofs[0]])
        assert st["cleared"] == 1 and st["lives"] == 3
        assert_same_trajectory(path, cfg, proofs[0], trace)
        assert g.page.evaluate("window.maestro.step(100)")["level"] == 2
        assert g.errors == []
    finally:
        g.close()


def test_stomp_scores_side_touch_hurts(browser, arena_game):
    path, cfg = arena_game
    g = GamePage(browser, path)
    try:
        g.page.evaluate("window.maestro.manual(true); window.maestro.start(1)")
        # walk into the enemy from the side: one life lost, back at the start
        g.page.evaluate("window.maestro.press('right', true)")
        st = g.page.evaluate("""() => { const m = window.maestro;
            for (let i = 0; i < 200; i++) { const s = m.step(1); if (s.lives < 3) return s; } return m.state(); }""")
        g.page.evaluate("window.maestro.press('right', false)")
        assert st["lives"] == 2 and st["last_loss"] == "goomba" and st["player"]["x"] < 60
        assert st["score"] == 10  # the coin on the way
        # drop onto it from above: it dies, the hero bounces, score +100, no life lost
        g.page.evaluate("""() => { const w = window.maestro.world(); w.p.x = 162 * 256; w.p.y = 150 * 256; w.p.vy = 0;
                                    window.maestro.game.invuln = 0; }""")
        st = g.page.evaluate("window.maestro.step(40)")
        assert st["score"] == 110 and st["lives"] == 2
        assert g.page.evaluate("window.maestro.world().enemies[0].alive") is False
        assert g.errors == []
    finally:
        g.close()


def test_pits_take_every_life_then_game_over(browser, arena_game):
    path, _ = arena_game
    g = GamePage(browser, path)
    try:
        g.page.evaluate("window.maestro.manual(true); window.maestro.start(1)")
        # stand right of the enemy and walk into the pit, again and again
        lives = []
        for _ in range(3):
            g.page.evaluate("""() => { const w = window.maestro.world(); w.checkpoints = [[200, 210]];
                                        w.p.x = 200 * 256; w.p.y = 210 * 256; }""")
            g.page.evaluate("window.maestro.press('right', true)")
            st = g.page.evaluate("window.maestro.step(150)")
            g.page.evaluate("window.maestro.press('right', false)")
            lives.append(st["lives"])
            g.page.evaluate("window.maestro.step(100)")  # invulnerability runs out
        assert lives == [2, 1, 0]
        st = g.state()
        assert st["status"] == "lost" and st["last_loss"] == "fell"
    finally:
        g.close()


def test_pause_and_restart(browser, arena_game):
    path, _ = arena_game
    g = GamePage(browser, path)
    try:
        g.page.evaluate("window.maestro.manual(true); window.maestro.start(1)")
        g.page.evaluate("window.maestro.press('right', true)")
        st = g.page.evaluate("window.maestro.step(20)")
        x1 = st["player"]["x"]
        assert x1 > 40
        st = g.page.evaluate("window.maestro.tap('pause')")
        assert st["status"] == "paused"
        st = g.page.evaluate("window.maestro.step(30)")
        assert st["status"] == "paused" and st["player"]["x"] == x1
        st = g.page.evaluate("window.maestro.tap('pause')")
        st = g.page.evaluate("window.maestro.step(10)")
        assert st["status"] == "playing" and st["player"]["x"] > x1
        g.page.evaluate("window.maestro.press('right', false)")
        st = g.page.evaluate("window.maestro.tap('restart')")
        assert st["player"]["x"] == 34 and st["status"] == "playing"
        assert g.page.evaluate("window.maestro.world().collected") == 0
        assert g.errors == []
    finally:
        g.close()
