"""The racing family's rules, generator and solver, and a build of our own kart GDD whose keypoints,
bot and JS/Python agreement are checked on the real JavaScript (headless V8)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.static import load_data_js
from maestro.gdd import parse_gdd
from maestro.genres.headless import HeadlessGame
from maestro.genres.racing import rules
from maestro.genres.registry import genre
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
PEBBLE = FIXTURES / "racing_pebble_cup.md"
NEON = FIXTURES / "racing_neon_laps.md"


def _config(path: Path = PEBBLE) -> dict[str, Any]:
    return rules.config_for(parse_gdd(path.read_text(encoding="utf-8")))


def _level(cfg: dict[str, Any], index: int = 0, seed: int = 3) -> dict[str, Any]:
    return rules.generate(LevelRequest(index=index, count=3, difficulty=1.0 + 0.5 * index), cfg, random.Random(seed))


# ---- the reader and the config -----------------------------------------------------------------------

def test_our_gdds_read_as_racing_with_their_laps_and_checkpoints():
    pebble = parse_gdd(PEBBLE.read_text(encoding="utf-8"))
    assert pebble.genre == "racing" and pebble.mode == "circuit"
    cfg = rules.config_for(pebble)
    assert cfg["laps"] == 3 and cfg["gates"] == 4  # 3 checkpoints and the finish line
    assert [r["name"] for r in cfg["rivals"]] == ["Rocco", "Thistle", "Rival"]  # the named racers first
    assert cfg["pickups"][0]["slug"] == "acorn" and cfg["boost"] is True
    neon = rules.config_for(parse_gdd(NEON.read_text(encoding="utf-8")))
    assert neon["laps"] == 5 and neon["gates"] == 5


# ---- the track -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(12))
def test_the_track_is_one_closed_loop_with_gates_on_straights(seed):
    cfg = _config()
    lv = _level(cfg, seed % 3, seed)
    c = [tuple(p) for p in lv["center"]]
    assert len(set(c)) == len(c), "the centre line crosses itself"
    for a, b in zip(c, c[1:] + c[:1]):
        assert abs(a[0] - b[0]) + abs(a[1] - b[1]) == 1, f"the loop jumps from {a} to {b}"
    assert all(1 <= x <= lv["width"] - 2 and 1 <= y <= lv["height"] - 2 for x, y in c)
    gates = lv["gates"]
    assert gates[0] == 0 and gates == sorted(set(gates)) and len(gates) == cfg["gates"]
    assert all(rules.straight(c, i, 1) for i in gates)
    road = rules.road_cells(c, lv["width"], lv["height"])
    assert all((p["x"], p["y"]) in road for p in lv["pickups"]) and all(tuple(b) in road for b in lv["boosts"])
    assert all((z["x"], z["y"]) in road for z in lv["hazards"])
    assert lv["start"]["h"] == 0 and c[1][0] == c[0][0] + 1  # the grid faces along the first straight


def test_the_same_seed_gives_the_same_race():
    cfg = _config()
    assert _level(cfg, 1, 9) == _level(cfg, 1, 9)
    assert _level(cfg, 1, 9) != _level(cfg, 1, 10)


# ---- the physics --------------------------------------------------------------------------------------

def _sim(**changes: Any) -> rules.Sim:
    cfg = _config()
    lv = dict(_level(cfg), countdown=0, **changes)
    return rules.Sim(lv, cfg)


def test_throttle_steering_and_brakes():
    sim = _sim(rivals=[])
    x0 = sim.x
    for _ in range(30):
        sim.step({"up"})
    assert sim.speed == sim.cfg["max_speed"] and sim.x > x0 and sim.hd == 0
    sim.step({"up", "right"})
    assert sim.hd == sim.cfg["turn"]
    v = sim.speed
    sim.step({"down"})
    assert sim.speed == v - sim.cfg["brake"]


def test_the_countdown_holds_everyone():
    sim = _sim()
    sim.countdown = 10
    s0 = [r[0] for r in sim.rivals]
    for _ in range(10):
        sim.step({"up"})
    assert sim.speed == 0 and [r[0] for r in sim.rivals] == s0
    sim.step({"up"})
    assert sim.speed > 0 and [r[0] for r in sim.rivals] != s0


def test_off_road_slows_to_the_off_road_speed():
    sim = _sim(rivals=[])
    sim.x, sim.y, sim.speed = rules.CELL, rules.CELL // 2, sim.cfg["max_speed"]  # row 0 is never road
    for _ in range(20):
        sim.step({"up"})
    assert sim.cell() not in sim.road and sim.speed == sim.cfg["off_speed"]


def test_a_lap_needs_every_checkpoint_in_order():
    sim = _sim(rivals=[])
    gate0 = next(iter(sim.gates[0]))
    sim._cross(gate0)
    assert (sim.lap, sim.next) == (0, 1), "the finish line counted without the checkpoints"
    if len(sim.gates) > 2:
        sim._cross(next(iter(sim.gates[2])))
        assert sim.next == 1, "checkpoint 2 counted before checkpoint 1"
    for g in list(range(1, len(sim.gates))) + [0]:
        sim._cross(next(iter(sim.gates[g])))
    assert sim.lap == 1 and sim.next == 1


def test_a_rival_finishing_first_loses_the_race():
    sim = _sim()
    sim.rivals[0][0] = sim.finish - sim.rivals[0][1]
    sim.step()
    assert sim.status == "lost" and sim.winner == 0


# ---- the solver --------------------------------------------------------------------------------------

@pytest.mark.parametrize("index", range(3))
def test_every_generated_race_is_proven_and_the_proof_replays(index):
    cfg = _config()
    for seed in range(3):
        lv = _level(cfg, index, seed)
        proof = rules.solve(lv, cfg)
        assert proof is not None, rules.describe(lv)
        sim = rules.replay(lv, cfg, proof["inputs"], rules.max_frames(lv))
        assert sim.status == "won" and sim.f == proof["steps"] and sim.lap == lv["laps"]
        assert proof["lead_frames"] > 0


def test_rivals_get_faster_with_the_level():
    cfg = _config()
    speeds = [max(r["speed"] for r in _level(cfg, i, 5)["rivals"]) * 1000 // max(1, _level(cfg, i, 5)["par"])
              for i in range(3)]
    assert speeds[0] <= speeds[1] <= speeds[2]


def test_a_time_limit_shortens_the_race_to_fit():
    cfg = dict(_config(), laps=5)
    free = _level(cfg)
    cfg["time_frames"] = free["par"] * 3 // 5 * 10 // 8  # about three of the five laps fit
    lv = _level(cfg)
    assert lv["laps"] < free["laps"] and lv["par"] * 10 <= cfg["time_frames"] * 8
    proof = rules.solve(lv, cfg)
    assert proof is not None and proof["frames"] < cfg["time_frames"]


def test_a_race_too_fast_to_win_has_no_proof():
    cfg = _config()
    lv = _level(cfg)
    for r in lv["rivals"]:
        r["speed"] = cfg["max_speed"] * 2
    assert rules.solve(lv, cfg) is None


# ---- our GDD built and played on the real JavaScript --------------------------------------------------

@pytest.fixture(scope="module")
def pebble() -> dict[str, Any]:
    spec = parse_gdd(PEBBLE.read_text(encoding="utf-8"))
    plan = orchestrator.plan(spec, 5, orchestrator.project_id(spec, 5))
    files = build_bundle(plan)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return {"game": files["game/game.js"].decode("utf-8"), "data_js": files["game/data.js"].decode("utf-8"), "data": data}


def test_the_kart_gdd_keypoints_pass_on_the_real_game(pebble):
    data = pebble["data"]
    g = genre("racing")
    kps = g.keypoints(data["spec"], data["config"], data["levels"])
    ids = {kp.id for kp in kps}
    assert {"laps_raced", "lap_needs_checkpoints", "checkpoints_in_order", "rival_first_loses", "offroad_slows",
            "position_shown", "pickup_acorn", "hazard_mud-puddle", "boost_pad"} <= ids
    assert g.defining in ids and set(g.delivers.values()) <= ids and set(g.win_checks) <= ids
    failed = []
    for kp in kps:
        with HeadlessGame(pebble["game"], pebble["data_js"]) as game:
            passed, message = kp.run(game)
        if passed is not True:
            failed.append(f"{kp.id}: {passed} {message}")
    assert not failed, "\n".join(failed)


def test_the_kart_gdd_bot_wins_and_the_rules_agree(pebble):
    data = pebble["data"]
    g = genre("racing")
    with HeadlessGame(pebble["game"], pebble["data_js"]) as game:
        result = g.play_level_one(game, data["levels"][0], data["config"])
        assert result.won, result.detail
        for i, lv in enumerate(data["levels"]):
            assert g.rules_agree(game, lv, data["config"], random.Random(40 + i)) is None
        assert game.errors() == []
