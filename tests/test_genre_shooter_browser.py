"""The shooter genre played in a real headless Chromium, from file://."""

from __future__ import annotations

import random

import pytest

from maestro.agents import codex
from maestro.genres.shooter import rules as S
from tests.browser import GamePage, launch
from tests.test_levels_shooter import _level, full_wall, make_req, make_spec

pytestmark = pytest.mark.browser

PALETTE = {"sky": "#05051a", "sky2": "#303060", "player": "#40c0ff", "enemy": "#ff5040", "item": "#ffe060",
           "hazard": "#c06030", "accent": "#ffd34d", "ui_text": "#ffffff", "shadow": "#000000"}

# The follower: drives the ship along the solver's path with the same actions a player presses.
FOLLOW = """([path, sf, shoot, speed]) => {
  const m = window.maestro; m.manual(true);
  const lvl = m.state().level, lives = m.state().lives, eps = speed / 120;
  let steps = 0;
  outer: for (let k = 1; k < path.length; k++) {
    for (let f = 0; f < sf; f++) {
      const w = m.world(), dx = path[k][0] - w.px, dy = path[k][1] - w.py;
      m.press('right', dx > eps); m.press('left', dx < -eps);
      m.press('down', dy > eps); m.press('up', dy < -eps);
      m.press('action', shoot);
      m.step(1); steps++;
      const s = m.state();
      if (s.level !== lvl || s.status !== 'playing' || s.lives !== lives) break outer;
    }
  }
  ['left', 'right', 'up', 'down', 'action'].forEach(a => m.press(a, false));
  const end = m.state(), kills = m.world().kills;
  for (let i = 0; i < 200 && m.state().level === lvl && m.state().status === 'playing'; i++) m.step(1);
  return {end: end, after: m.state(), steps: steps, kills: kills};
}"""


def _bundle(dir_, spec, levels):
    cfg = S.config_for(spec)
    data = {
        "spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
        "roles": {"player": spec.player.slug, "enemies": [e.slug for e in spec.enemies],
                  "items": [i.slug for i in spec.items], "hazards": [h.slug for h in spec.hazards], "goal": None},
        "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {},
    }
    dir_.mkdir(parents=True, exist_ok=True)
    for name, blob in codex.bundle_files("shooter", spec.title, data).items():
        (dir_ / name).write_bytes(blob)
    return cfg


def _solved_levels(spec, cfg, n):
    out = []
    for index in range(n):
        for attempt in range(20):
            seed = 1000 * index + attempt
            level = S.generate(make_req(spec, index, n), cfg, random.Random(seed))
            proof = S.solve(level, cfg)
            if proof is not None:
                out.append((dict(level, name=f"Sector {index + 1}", theme="space", seed=seed,
                                 difficulty=1.0 + 0.5 * index, index=index), proof))
                break
    assert len(out) == n
    return out


@pytest.fixture(scope="module")
def browser():
    with launch() as b:
        yield b


@pytest.fixture(scope="module")
def fixed_game(tmp_path_factory):
    """A fixed (Space-Invaders style) shooter: two generated sectors and a deadly wall sector."""
    spec = make_spec("fixed", {"fire_rate": 5})
    cfg = S.config_for(spec)
    solved = _solved_levels(spec, cfg, 2)
    walls = _level(cfg, [full_wall(cfg, t=1.0 + 2.5 * k) for k in range(4)])
    walls.update(name="The Wall", theme="space", seed=7, difficulty=3.0, index=2)
    assert S.solve(walls, cfg) is None
    d = tmp_path_factory.mktemp("shooter_fixed")
    _bundle(d, spec, [lv for lv, _ in solved] + [walls])
    return d, cfg, solved


@pytest.fixture(scope="module")
def dodge_game(tmp_path_factory):
    """A flappy-style scrolling game without shooting: survive the timeline."""
    spec = make_spec("scrolling", None)
    cfg = S.config_for(spec)
    solved = _solved_levels(spec, cfg, 2)
    d = tmp_path_factory.mktemp("shooter_dodge")
    _bundle(d, spec, [lv for lv, _ in solved])
    return d, cfg, solved


def test_plays_from_file_with_real_keys(browser, fixed_game):
    d, cfg, _ = fixed_game
    g = GamePage(browser, d)
    try:
        s0 = g.state()
        assert s0["status"] == "playing" and s0["genre"] == "shooter" and s0["levels"] == 3
        assert g.canvas_colors() > 3
        s1 = g.hold("ArrowRight", 400)
        assert s1["player"]["x"] > s0["player"]["x"] + 10
        s2 = g.hold("ArrowLeft", 400)
        assert s2["player"]["x"] < s1["player"]["x"] - 10
        assert s2["player"]["y"] == s0["player"]["y"]
        # Space fires: bullets appear in the world
        g.page.keyboard.down("Space")
        g.page.wait_for_timeout(250)
        shots = g.page.evaluate("window.maestro.world().pb.filter(b => b.on).length")
        g.page.keyboard.up("Space")
        assert shots >= 1
        assert g.errors == [] and g.requests and all(u.startswith("file://") for u in g.requests)
    finally:
        g.close()


def test_title_screen_names_the_controls(browser, fixed_game, dodge_game):
    for (d, _, _), help_line in ((fixed_game, "Arrows/WASD move, Space fire"), (dodge_game, "Arrows/WASD move, dodge")):
        g = GamePage(browser, d, query="?mute=1")
        try:
            assert g.state()["status"] == "title"
            assert g.page.evaluate("Maestro.genres.shooter.help(window.maestro.game)") == help_line
            g.page.keyboard.press("Space")
            g.page.wait_for_function("window.maestro.state().status === 'playing'", timeout=3000)
            assert g.errors == []
        finally:
            g.close()


def test_following_the_solver_path_wins_the_level_shooting(browser, fixed_game):
    d, cfg, solved = fixed_game
    level, proof = solved[0]
    g = GamePage(browser, d)
    try:
        out = g.page.evaluate(FOLLOW, [proof["path"], proof["step_frames"], True, cfg["player_speed"]])
        assert out["end"]["lives"] == 3, out        # the solver's path really dodges everything
        assert out["after"]["level"] == 2 and out["after"]["status"] == "playing", out
        g.page.screenshot(path="/tmp/shooter_won.png")
        assert g.errors == []
    finally:
        g.close()


def test_following_the_solver_path_survives_the_scrolling_dodge_level(browser, dodge_game):
    d, cfg, solved = dodge_game
    level, proof = solved[0]
    g = GamePage(browser, d)
    try:
        s0 = g.hold("ArrowUp", 300)
        assert s0["player"]["y"] < level["start"][1]
        g.page.evaluate("window.maestro.tap('restart')")
        st = g.state()
        assert st["player"] == {"x": level["start"][0], "y": level["start"][1]}
        out = g.page.evaluate(FOLLOW, [proof["path"], proof["step_frames"], False, cfg["player_speed"]])
        assert out["end"]["lives"] == 3, out
        # dodge-only: the level ends when its timeline does, not before
        assert out["end"]["time"] >= level["duration"] - 1.0
        assert out["after"]["level"] == 2, out
        assert g.errors == []
    finally:
        g.close()


def test_enemies_and_their_fire_follow_the_solver_model(browser, fixed_game, dodge_game):
    """What the game draws is where the solver thought it would be: same formulas, same numbers."""
    compared, shots = 0, 0
    for (d, cfg, solved) in (fixed_game, dodge_game):
        level = solved[1][0]
        g = GamePage(browser, d, query="?autostart=1&mute=1&level=2")
        try:
            g.page.evaluate("window.maestro.manual(true); window.maestro.tap('restart')")
            for _ in range(12):
                snap = g.page.evaluate("""() => { const m = window.maestro; m.step(120); const w = m.world();
                    return {t: w.t, m: w.members.filter(x => x.state === 1).map(x => [w.waves.indexOf(x.w), x.i, x.x, x.y]),
                            b: w.eb.filter(b => b.on).map(b => [b.tf, b.al, b.ac, b.x, b.y])}; }""")
                t = snap["t"]
                for wi, i, x, y in snap["m"]:
                    wave = level["waves"][wi]
                    t0, _ = S.member_window(wave, i, cfg)
                    s = t - t0
                    ex, ey = S._to_screen(S.member_along0(wave, i) + wave["speed"] * s,
                                          S.member_across(wave, i, s, cfg), cfg)
                    assert abs(ex - x) < 0.01 and abs(ey - y) < 0.01, (wi, i, t)
                    compared += 1
                scheduled = [b for w_, wave in enumerate(level["waves"]) for i in range(wave["count"])
                             for b in S.member_bullets(wave, i, cfg)]
                for tf, al, ac, _bx, _by in snap["b"]:
                    assert any(abs(tf - q[0]) < 1e-6 and abs(al - q[1]) < 1e-6 and abs(ac - q[2]) < 1e-6
                               for q in scheduled)
                    shots += 1
            assert g.errors == []
        finally:
            g.close()
    assert compared > 50 and shots > 0


def test_aiming_and_firing_destroys_enemies_for_points(browser, fixed_game):
    d, _, _ = fixed_game
    g = GamePage(browser, d)
    try:
        out = g.page.evaluate("""() => { const m = window.maestro; m.manual(true); m.press('action', true);
            const sounds = new Set();
            for (let i = 0; i < 1800 && m.world().kills < 3; i++) {
              const w = m.world(), e = w.members.find(x => x.state === 1 && !x.hazard && x.y > 20);
              const dx = e ? e.x - w.px : 0;
              m.press('right', dx > 2); m.press('left', dx < -2);
              m.step(1); sounds.add(m.game.lastSfx);
            }
            return {kills: m.world().kills, state: m.state(), sounds: [...sounds]}; }""")
        assert out["kills"] >= 3, out
        assert out["state"]["score"] >= 3 * 30          # the GDD's 30 points per asteroid
        assert "shoot" in out["sounds"] and "explode" in out["sounds"]
        assert g.errors == []
    finally:
        g.close()


def test_standing_still_in_front_of_walls_loses_every_life(browser, fixed_game):
    d, _, _ = fixed_game
    g = GamePage(browser, d, query="?autostart=1&mute=1&level=3")
    try:
        g.page.evaluate("window.maestro.manual(true)")
        assert g.state()["level"] == 3
        lives = []
        for _ in range(40):
            s = g.page.evaluate("window.maestro.step(30)")
            lives.append(s["lives"])
            if s["status"] != "playing":
                break
        assert s["status"] == "lost", lives
        assert lives[0] == 3 and 2 in lives and 1 in lives and s["lives"] == 0
        assert s["last_loss"].startswith("hit by")
        assert g.errors == []
    finally:
        g.close()


def test_enemy_bullets_and_contact_cost_a_life_then_respawn(browser, fixed_game):
    d, cfg, _ = fixed_game
    g = GamePage(browser, d)
    try:
        g.page.evaluate("window.maestro.manual(true)")
        # park a scheduled enemy bullet on the ship: it must take a life and blink the ship
        s = g.page.evaluate("""() => { const m = window.maestro, w = m.world(), b = w.eb[0];
            b.on = true; b.tf = w.t; b.al = w.py + 8; b.ac = w.px + 8;   // fixed mode: along = y, across = x
            return m.step(1); }""")
        assert s["lives"] == 2 and s["last_loss"] == "shot down"
        assert g.page.evaluate("window.maestro.game.invuln") > 0
        assert g.page.evaluate("window.maestro.world().eb.filter(b => b.on).length") == 0
        assert s["status"] == "playing"
    finally:
        g.close()


def test_pause_and_restart(browser, fixed_game):
    d, _, _ = fixed_game
    g = GamePage(browser, d)
    try:
        m = "window.maestro"
        g.page.evaluate(f"{m}.manual(true)")
        start = g.state()["player"]
        g.page.evaluate(f"{m}.press('left', true)")
        s = g.page.evaluate(f"{m}.step(30)")
        g.page.evaluate(f"{m}.press('left', false)")
        assert s["player"]["x"] < start["x"]
        t = s["time"]
        s = g.page.evaluate(f"{m}.tap('pause')")
        assert s["status"] == "paused"
        s = g.page.evaluate(f"{m}.step(60)")
        assert s["status"] == "paused" and s["time"] == t
        s = g.page.evaluate(f"{m}.tap('pause')")
        s = g.page.evaluate(f"{m}.step(10)")
        assert s["status"] == "playing" and s["time"] > t
        s = g.page.evaluate(f"{m}.tap('restart')")
        assert s["time"] == 0 and s["player"] == start and s["level"] == 1
        assert g.errors == []
    finally:
        g.close()


def test_long_play_stays_bounded_and_error_free(browser, fixed_game):
    """Two minutes of autofire and zig-zag: pools stay bounded, no errors."""
    d, _, _ = fixed_game
    g = GamePage(browser, d)
    try:
        out = g.page.evaluate("""() => { const m = window.maestro; m.manual(true);
            m.press('action', true); let maxPb = 0, maxEb = 0, maxP = 0;
            for (let i = 0; i < 7200; i++) {
              const right = Math.floor(i / 90) % 2 === 0; m.press('right', right); m.press('left', !right);
              m.step(1); const w = m.world();
              if (i % 30 === 0 && w) { maxPb = Math.max(maxPb, w.pb.length); maxEb = Math.max(maxEb, w.eb.length);
                maxP = Math.max(maxP, w.parts.length); }
              if (m.state().status !== 'playing') break;
            }
            return {s: m.state(), maxPb, maxEb, maxP}; }""")
        assert out["maxPb"] <= 96 and out["maxEb"] <= 160 and out["maxP"] <= 220
        assert out["s"]["score"] > 0
        assert g.errors == [] and g.page.evaluate("window.maestro.errors.length") == 0
    finally:
        g.close()
