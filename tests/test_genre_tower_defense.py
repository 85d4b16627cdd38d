"""The tower defense genre: what config_for reads from a GDD, the road generator, the simulation's rules,
the solver's proofs, and the real JavaScript (bot, keypoints, rules agreement; Chromium with real keys
and a real mouse click)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.static import load_data_js
from maestro.gdd import parse_gdd
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import genre
from maestro.genres.tower_defense import qa, rules
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Mechanic, Palette

FIXTURE = Path(__file__).parent / "fixtures" / "gdds" / "tower_defense_moss_keep.md"
CELL = rules.CELL


def hand_spec(**kw: Any) -> GameSpec:
    base: dict[str, Any] = dict(
        title="TD", slug="td", genre="tower_defense", genre_confidence=1.0, mode="path",
        player=Entity(name="Tower", kind="player", slug="tower", behavior="player"),
        enemies=[Entity(name="Slime", kind="enemy", slug="slime", behavior="walker")],
        art=ArtStyle(palette=Palette(name="t", colors={"sky": "#223344"})), audio=AudioMood(),
    )
    base.update(kw)
    return GameSpec(**base)


def road(cfg: dict[str, Any], waves: list[dict[str, Any]], money: int, length: int = 14) -> dict[str, Any]:
    """A straight road on row 5, spots at (4, 4) and (7, 4), the cursor on the first."""
    return {"mode": "path", "width": 30, "height": 14, "path": [[x, 5] for x in range(length)],
            "spots": [[4, 4], [7, 4]], "blocked": [], "cursor": [4, 4], "money": money, "waves": waves}


def wave(at: int, count: int, hp: int, speed: int = 6, gap: int = 40, bounty: int = 5, points: int = 10) -> dict[str, Any]:
    return {"at": at, "gap": gap, "count": count, "enemy": 0, "hp": hp, "speed": speed, "bounty": bounty, "points": points}


@pytest.fixture(scope="module")
def cfg() -> dict[str, Any]:
    return rules.config_for(hand_spec())


# ---- config: the GDD's own numbers ---------------------------------------------------------------

def test_the_reader_routes_the_gdd_and_config_reads_its_numbers():
    spec = parse_gdd(FIXTURE.read_text(encoding="utf-8"))
    assert spec.genre == "tower_defense" and spec.mode == "path"
    c = rules.config_for(spec)
    by = {e["slug"]: e for e in c["enemies"]}
    assert (by["goblin"]["hp"], by["wolf-rider"]["hp"], by["troll"]["hp"]) == (6, 4, 20)
    assert (by["goblin"]["bounty"], by["wolf-rider"]["bounty"], by["troll"]["bounty"]) == (5, 6, 15)
    assert by["wolf-rider"]["speed"] > by["goblin"]["speed"] > by["troll"]["speed"]
    assert c["start_money"] == 150 and c["waves_asked"] == 4 and c["lives"] == 10
    assert c["money_name"] == "Gold"


def test_tower_items_become_tower_types_with_their_numbers():
    spec = hand_spec(items=[Entity(name="Frost Turret", kind="item", slug="frost-turret",
                                   description="Cost: 70, damage 3, range 3"),
                            Entity(name="Gem", kind="item", slug="gem")])
    c = rules.config_for(spec)
    assert [t["slug"] for t in c["towers"]] == ["frost-turret"]
    t = c["towers"][0]
    assert t["cost"] == 70 and t["levels"][0]["damage"] == 3 and t["levels"][0]["range"] == 3 * CELL
    assert t["levels"][1]["damage"] > 3 and t["levels"][1]["cost"] > 0
    assert c["pickup_slug"] == "gem"


def test_default_towers_hit_as_hard_as_the_gdds_enemies_are_tough():
    tough = hand_spec(enemies=[Entity(name="Ogre", kind="enemy", slug="ogre", description="HP: 120")])
    weak, strong = rules.config_for(hand_spec()), rules.config_for(tough)
    assert strong["towers"][0]["levels"][0]["damage"] >= 10 * weak["towers"][0]["levels"][0]["damage"]


def test_money_and_waves_from_mechanics():
    spec = hand_spec(mechanics=[Mechanic(id="currency", params={"start": 300, "name": "crystals"}, source="300 crystals"),
                                Mechanic(id="waves", params={"count": 6}, source="6 waves")])
    c = rules.config_for(spec)
    assert c["start_money"] == 300 and c["money_name"] == "Crystals" and c["waves_asked"] == 6


# ---- generation -------------------------------------------------------------------------------

def _req(i: int, d: float = 1.0) -> LevelRequest:
    return LevelRequest(index=i, count=3, difficulty=d, mode="path")


@pytest.mark.parametrize("seed", range(8))
def test_the_road_runs_edge_to_edge_and_never_touches_itself(cfg, seed):
    lv = rules.generate(_req(seed % 3), cfg, random.Random(seed))
    path = [tuple(p) for p in lv["path"]]
    assert path[0][0] == 0 and path[-1][0] == lv["width"] - 1
    assert len(set(path)) == len(path)
    for (ax, ay), (bx, by) in zip(path, path[1:]):
        assert abs(ax - bx) + abs(ay - by) == 1
    index = {p: i for i, p in enumerate(path)}
    for i, (x, y) in enumerate(path):  # a neighbour on the road is the cell before or after
        for n in ((x + 1, y), (x - 1, y), (x, y + 1), (x, y - 1)):
            assert n not in index or abs(index[n] - i) == 1
    spots = {tuple(s) for s in lv["spots"]}
    assert spots and not spots & set(path)
    assert all(any(max(abs(sx - px), abs(sy - py)) == 1 for px, py in path) for sx, sy in spots)
    assert tuple(lv["cursor"]) in spots
    assert lv == rules.generate(_req(seed % 3), cfg, random.Random(seed))


def test_later_levels_have_more_waves_and_enemies(cfg):
    a, c = (rules.generate(_req(i), cfg, random.Random(5)) for i in (0, 2))
    assert len(c["waves"]) > len(a["waves"])
    assert sum(w["count"] for w in c["waves"]) > sum(w["count"] for w in a["waves"])


# ---- the solver -----------------------------------------------------------------------------------

@pytest.mark.parametrize("index", range(3))
def test_every_level_gets_a_proof_that_replays_to_a_win(cfg, index):
    for seed in range(3):
        lv = rules.generate(_req(index, 1.0 + 0.5 * index), cfg, random.Random(seed))
        proof = rules.solve(lv, cfg)
        assert proof is not None, rules.describe(lv)
        sim = rules.replay(lv, cfg, proof["taps"])
        assert sim.status == "won" and sim.leaks == 0 and sim.f == proof["steps"]
        assert sim.kills == sum(w["count"] for w in lv["waves"])
        assert rules.solve(lv, cfg) == proof  # deterministic


def test_no_proof_for_a_level_no_tower_can_hold(cfg):
    lv = road(cfg, [wave(10, 4, hp=10_000)], money=500)
    assert rules.solve(lv, cfg) is None
    assert rules.solve(dict(road(cfg, [wave(10, 1, hp=1)], 500), spots=[]), cfg) is None
    assert rules.solve(road(cfg, [wave(10, 1, hp=1)], money=0), cfg) is None  # nothing to build with


def test_taps_for_moves_picks_and_acts():
    assert rules.taps_for((4, 4), 0, 2, "build", 6, 3, 1) == ["right", "right", "up", "undo", "action"]
    assert rules.taps_for((6, 3), 1, 2, "upgrade", 6, 3, 0) == ["action"]


# ---- the rules, frame by frame -----------------------------------------------------------------------

def test_building_costs_money_and_is_refused_without_it(cfg):
    cost = cfg["towers"][0]["cost"]
    sim = rules.Sim(road(cfg, [wave(5000, 1, 1)], 2 * cost - 1), cfg)
    sim.step({"action"})
    assert sim.events == ["build"] and sim.money == cost - 1 and len(sim.towers) == 1
    for _ in range(3):
        sim.step({"right"})
    sim.step({"action"})
    assert sim.cursor == (7, 4) and sim.events == ["poor"] and sim.money == cost - 1 and len(sim.towers) == 1
    sim.step({"up"})
    sim.step({"action"})
    assert sim.events == ["nospot"]


def test_upgrades_cost_their_price_and_stop_at_the_top(cfg):
    t = cfg["towers"][0]
    ups = sum(lv["cost"] for lv in t["levels"])
    sim = rules.Sim(road(cfg, [wave(5000, 1, 1)], t["cost"] + ups), cfg)
    sim.step({"action"})
    damage = [sim.stats(sim.towers[0])["damage"]]
    for _ in range(len(t["levels"]) - 1):
        sim.step({"action"})
        assert sim.events == ["upgrade"]
        damage.append(sim.stats(sim.towers[0])["damage"])
    assert damage == sorted(damage) and damage[-1] > damage[0] and sim.money == 0
    sim.step({"action"})
    assert sim.events == ["max"]


def test_z_picks_the_next_tower_type(cfg):
    sim = rules.Sim(road(cfg, [wave(5000, 1, 1)], 1000), cfg)
    sim.step({"undo"})
    sim.step({"action"})
    assert sim.towers[0].type == 1 % len(cfg["towers"]) and sim.money == 1000 - cfg["towers"][sim.sel]["cost"]


def test_an_enemy_at_the_base_costs_a_life_and_the_last_life_loses(cfg):
    lv = road(cfg, [wave(0, 2, hp=5, speed=10, gap=30)], 0, length=6)
    sim = rules.Sim(lv, cfg, lives=2)
    frames = -(-5 * CELL // 10)
    for _ in range(frames - 1):
        sim.step()
    assert sim.lives == 2 and len(sim.enemies) == 2
    sim.step()
    assert sim.lives == 1 and sim.events == ["leak"] and len(sim.enemies) == 1 and sim.status == "playing"
    for _ in range(30):
        sim.step()
    assert sim.lives == 0 and sim.status == "lost"


def test_a_tower_shoots_the_enemy_furthest_along_and_a_kill_pays(cfg):
    t = cfg["towers"][0]["levels"][0]
    lv = road(cfg, [wave(0, 2, hp=t["damage"] * 50, speed=6, gap=20)], cfg["towers"][0]["cost"])
    sim = rules.Sim(lv, cfg)
    sim.step({"action"})
    while not sim.shots:
        sim.step()
    first, second = sim.enemies
    assert first.hp < first.maxhp and second.hp == second.maxhp  # the leader took the shot
    kill = rules.Sim(road(cfg, [wave(0, 1, hp=1, bounty=7, points=30)], cfg["towers"][0]["cost"]), cfg)
    kill.step({"action"})
    while kill.status == "playing":
        kill.step()
    assert kill.status == "won" and kill.money == 7 and kill.score == 30 and kill.leaks == 0


def test_the_level_is_won_only_after_the_last_wave(cfg):
    lv = road(cfg, [wave(0, 1, hp=1), wave(600, 1, hp=1)], cfg["towers"][0]["cost"])
    sim = rules.Sim(lv, cfg)
    sim.step({"action"})
    while sim.kills < 1:
        sim.step()
    assert not sim.enemies and sim.status == "playing" and sim.wave_now() == 1
    while sim.status == "playing":
        sim.step()
    assert sim.status == "won" and sim.kills == 2 and sim.f > 600


def test_a_held_arrow_repeats_after_a_delay_and_the_cursor_stays_on_the_grid(cfg):
    sim = rules.Sim(road(cfg, [wave(5000, 1, 1)], 0), cfg)
    held = frozenset({"left"})
    sim.step(held, held)
    assert sim.cursor == (3, 4)
    for _ in range(cfg["repeat_delay"] - 1):
        sim.step(frozenset(), held)
    assert sim.cursor == (3, 4)
    sim.step(frozenset(), held)
    assert sim.cursor == (2, 4)
    for _ in range(5 * cfg["repeat_rate"]):
        sim.step(frozenset(), held)
    assert sim.cursor == (0, 4)


# ---- the real JavaScript -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def bundle() -> dict[str, Any]:
    spec = parse_gdd(FIXTURE.read_text(encoding="utf-8"))
    plan = orchestrator.plan(spec, 3, orchestrator.project_id(spec, 3))
    files = build_bundle(plan)
    data_js = files["game/data.js"].decode("utf-8")
    data, why = load_data_js(data_js)
    assert data is not None, why
    return {"files": files, "game_js": files["game/game.js"].decode("utf-8"), "data_js": data_js, "data": data}


def test_the_bot_holds_level_one_of_the_gdds_game(bundle):
    data = bundle["data"]
    with HeadlessGame(bundle["game_js"], bundle["data_js"]) as g:
        result = qa.play_level_one(g, data["levels"][0], data["config"])
        assert g.errors() == []
    assert result.won, result.detail


def test_every_keypoint_passes_on_the_gdds_game(bundle):
    data = bundle["data"]
    kps = genre("tower_defense").keypoints(data["spec"], data["config"], data["levels"])
    ids = {kp.id for kp in kps}
    assert {"towers_stop_waves", "leak_costs_life", "kill_earns_currency", "build_costs_currency",
            "upgrade_improves", "waves_in_order", "enemy_goblin", "enemy_troll", "pointer_builds"} <= ids
    assert {kp.mechanic for kp in kps} >= {"lives", "currency", "waves", "goblin", "wolf-rider", "troll"}
    for kp in kps:
        with HeadlessGame(bundle["game_js"], bundle["data_js"]) as g:
            passed, msg = kp.run(g)
        assert passed is True, f"{kp.id}: {msg}"


@pytest.mark.parametrize("seed", range(4))
def test_js_and_python_agree_on_random_keys_on_every_level(bundle, seed):
    data = bundle["data"]
    with HeadlessGame(bundle["game_js"], bundle["data_js"]) as g:
        for i, lv in enumerate(data["levels"]):
            why = qa.rules_agree(g, lv, data["config"], random.Random(seed * 10 + i))
            assert why is None, f"level {i + 1}: {why}"
        assert g.errors() == []


def test_js_and_python_agree_on_a_leak_and_a_loss(bundle):
    cfg = bundle["data"]["config"]
    lv = dict(road(cfg, [wave(0, 12, hp=1000, speed=12, gap=15)], 0, length=10), name="leaks", seed=1)
    with HeadlessGame(bundle["game_js"], bundle["data_js"]) as g:
        assert qa.rules_agree(g, lv, cfg, random.Random(1)) is None


def test_a_keypoint_fails_when_the_game_breaks_its_rule(bundle):
    """The checks look at the game: a module whose towers never fire fails the defining one."""
    broken = bundle["game_js"].replace("best.hp -= st.damage;", "best.hp -= 0;")
    assert broken != bundle["game_js"]
    data = bundle["data"]
    kp = next(k for k in genre("tower_defense").keypoints(data["spec"], data["config"], data["levels"])
              if k.id == "towers_stop_waves")
    with HeadlessGame(broken, bundle["data_js"]) as g:
        passed, msg = kp.run(g)
    assert passed is False and "base" in msg


# ---- Chromium: real keys and a real mouse -------------------------------------------------------------

@pytest.fixture(scope="module")
def page(browser, bundle, tmp_path_factory):
    from browser import GamePage

    root = tmp_path_factory.mktemp("td")
    for name, blob in bundle["files"].items():
        if name.startswith("game/"):
            p = root / name[5:]
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_bytes(blob)
    g = GamePage(browser, root)
    yield g
    g.close()


def _world(g, expr: str):
    return g.page.evaluate(f"(() => {{ const w = window.maestro.world(); return {expr}; }})()")


@pytest.mark.browser
def test_real_keys_move_the_cursor_and_build(page):
    g = page
    g.page.evaluate("window.maestro.start(1)")
    g.page.wait_for_timeout(100)
    assert g.canvas_colors() > 8
    money = _world(g, "w.money")
    g.hold("Space", 80)
    assert _world(g, "w.towers.length") == 1 and _world(g, "w.money") < money
    cx = _world(g, "w.cx")
    g.hold("ArrowRight", 80) if cx < 29 else g.hold("ArrowLeft", 80)
    assert _world(g, "w.cx") != cx
    assert g.errors == []


@pytest.mark.browser
def test_a_mouse_click_on_a_spot_builds_there(page):
    g = page
    g.page.evaluate("window.maestro.start(1); window.maestro.manual(true); window.maestro.step(2)")
    spot = _world(g, "w.spotList[w.spotList.length - 1]")
    box = g.page.locator("canvas").bounding_box()
    assert box is not None
    x = box["x"] + (spot[0] * 16 + 8) * box["width"] / 480
    y = box["y"] + (16 + spot[1] * 16 + 8) * box["height"] / 270
    g.page.mouse.click(x, y)
    g.page.evaluate("window.maestro.step(1)")
    assert _world(g, "w.towers.map(t => [t.x, t.y])") == [spot]
    assert _world(g, "[w.cx, w.cy]") == spot
    g.page.evaluate("window.maestro.manual(false)")


@pytest.mark.browser
def test_the_solver_taps_win_level_one_in_chromium(page, bundle):
    g = page
    data = bundle["data"]
    proof = rules.solve(data["levels"][0], data["config"])
    assert proof is not None
    g.page.evaluate("window.maestro.manual(true); window.maestro.start(1)")
    st = g.page.evaluate("""([taps, max]) => { const m = window.maestro, by = {};
        taps.forEach(t => { (by[t[0]] = by[t[0]] || []).push(t[1]); });
        let s = m.state(), n = 0;
        while (s.level === 1 && s.status === 'playing' && n++ < max) {
          const w = m.world(), a = w.done ? [] : (by[w.f] || []);
          a.forEach(k => m.press(k, true)); s = m.step(1); a.forEach(k => m.press(k, false));
        }
        return s; }""", [proof["taps"], proof["frames"] + 300])
    assert st["level"] == 2 and st["status"] == "playing" and st["lives"] == data["spec"]["lives"]
    assert g.errors == []
    g.page.evaluate("window.maestro.manual(false)")
    json.dumps(st)


def test_a_tower_read_as_an_enemy_is_a_tower_and_money_is_named_after_the_drop():
    spec = hand_spec(enemies=[Entity(name="Crab", kind="enemy", slug="crab"), Entity(name="Turret", kind="enemy", slug="turret")],
                     items=[Entity(name="Shell", kind="item", slug="shell")])
    c = rules.config_for(spec)
    assert [e["slug"] for e in c["enemies"]] == ["crab"]
    # no tower among the items: the two default types, wearing the misread Turret's sprite
    assert [(t["name"], t["slug"]) for t in c["towers"]] == [("Arrow Tower", "turret"), ("Cannon", "turret")]
    items = hand_spec(enemies=spec.enemies, items=[Entity(name="Coral Turret", kind="item", slug="coral-turret")])
    assert [t["slug"] for t in rules.config_for(items)["towers"]] == ["coral-turret", "turret"]
    assert c["money_name"] == "Shells" and c["pickups"] == ["shell"]


def test_a_time_limit_keeps_every_level_inside_it():
    c = rules.config_for(hand_spec(time_limit=40))
    assert c["max_frames"] == 37 * 60
    for i in range(3):
        lv = rules.generate(_req(i), c, random.Random(i))
        proof = rules.solve(lv, c)
        assert proof is None or proof["frames"] < c["max_frames"]
        assert lv["last_spawn"] < c["max_frames"]
