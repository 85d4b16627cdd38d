"""Platformer levels: tunables from the GDD, a deterministic generator, and a solver that
proves completability with the game's own physics -- and refuses levels that cannot be won."""

from __future__ import annotations

import json
import random

import pytest

from maestro.genres.platformer import rules as pf
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Mechanic, Palette


def make_spec(mode: str = "", mechanics: dict | None = None, player_speed: float | None = None,
              coin_points: int | None = 10) -> GameSpec:
    return GameSpec(
        title="Super Jump Adventure", slug="super-jump-adventure", genre="platformer", genre_confidence=0.9,
        mode=mode,
        player=Entity(name="Hero", kind="player", slug="hero", behavior="player", speed=player_speed),
        enemies=[Entity(name="Goomba", kind="enemy", slug="goomba", behavior="walker", count=3, points=100)],
        items=[Entity(name="Coin", kind="item", slug="coin", points=coin_points)],
        hazards=[Entity(name="Cactus", kind="hazard", slug="cactus")],
        goal=Entity(name="Flag", kind="goal", slug="flag"),
        mechanics=[Mechanic(id=k, params=v) for k, v in (mechanics or {}).items()],
        art=ArtStyle(palette=Palette(name="test", colors={"sky": "#5c94fc", "ground": "#c84c0c"})),
        audio=AudioMood(),
    )


def make_req(index: int, spec: GameSpec, **over) -> LevelRequest:
    req = {
        "index": index, "count": 5, "name": f"Level {index + 1}", "theme": "grass",
        "difficulty": 1.0 + 0.5 * index, "mode": spec.mode,
        "enemies": [{"slug": "goomba", "behavior": "walker", "speed": None, "count": 3}],
        "items": [{"slug": "coin", "points": 10, "count": None}],
        "hazards": [{"slug": "cactus"}], "goal": {"slug": "flag"},
        "enemy_count": None, "item_count": None, "mechanics": {m.id: m.params for m in spec.mechanics},
    }
    req.update(over)
    return LevelRequest.model_validate(req)


def replay(level: dict, cfg: dict, proof: dict, trace: list | None = None) -> list[int] | None:
    """Run the proof's input script through the frame physics: the state [x, y, vy, ...] at the
    frame it touches the goal alive, else None. `trace` collects [x, y] (subpixels) per frame."""
    sim = pf._Sim(level, cfg)
    st = pf._start_state(level, cfg)
    prev = False
    for d, held, n in proof["inputs"]:
        for _ in range(n):
            pf.physics_step(sim.grid, cfg, sim.run, st, d, bool(held), bool(held) and not prev)
            prev = bool(held)
            if trace is not None:
                trace.append([st[0], st[1]])
            if sim.dead(st):
                return None
            if sim.won(st):
                return st
    return None


# ---- hand-made levels ---------------------------------------------------------------------

def flat_level(width: int = 30, cfg: dict | None = None, mode: str = "levels") -> dict:
    rows = ["." * width] * 14 + ["#" * width] * 3
    return {"mode": mode, "width": width, "height": 17, "rows": rows,
            "start": [34, 14 * 16 - 14], "goal": {"x": width - 3, "y": 13, "slug": "flag"},
            "items": [], "enemies": [], "hazards": [], "checkpoints": [],
            "run": (cfg or {}).get("run_sub")}


def with_gap(level: dict, x0: int, width: int) -> dict:
    rows = [r[:x0] + ("." * width if i >= 14 else r[x0:x0 + width]) + r[x0 + width:] for i, r in enumerate(level["rows"])]
    return dict(level, rows=rows)


def with_wall(level: dict, x0: int, height: int, thickness: int = 2) -> dict:
    rows = list(level["rows"])
    for r in range(14 - height, 14):
        rows[r] = rows[r][:x0] + "#" * thickness + rows[r][x0 + thickness:]
    return dict(level, rows=rows)


# ---- config ---------------------------------------------------------------------------------

def test_config_reads_the_gdd_numbers():
    base = pf.config_for(make_spec())
    assert base["mode"] == "levels" and base["jumps"] == 1
    cfg = pf.config_for(make_spec(mechanics={"double_jump": {"jumps": 3}, "collect": {"target": 10}},
                                  player_speed=1.5, coin_points=25))
    assert cfg["jumps"] == 3
    assert cfg["collect_target"] == 10
    assert cfg["item_points"] == 25
    assert cfg["enemy_points"] == 100
    assert cfg["run_speed"] == pytest.approx(base["run_speed"] * 1.5)
    # the fixed-point numbers the game runs on follow the human ones
    assert cfg["run_sub"] == pf._rnd(cfg["run_speed"] * 256 / 60)
    assert cfg["jump_sub"] == pf._rnd(cfg["jump_velocity"] * 256 / 60)
    # three jumps reach higher and further than one
    assert cfg["jump_height_px"] > 2.5 * base["jump_height_px"]
    assert cfg["jump_dist_px"] > base["jump_dist_px"]
    # a jump height given in tiles becomes the jump velocity
    high = pf.config_for(make_spec(mechanics={"jump": {"height": 5}}))
    assert 5 * 16 - 4 <= high["jump_height_px"] <= 5 * 16 + 4
    runner = pf.config_for(make_spec(mode="runner"))
    assert runner["mode"] == "runner" and runner["runner_speedup"] > 0
    assert json.loads(json.dumps(cfg)) == cfg


# ---- generator ------------------------------------------------------------------------------

@pytest.mark.parametrize("mode", ["", "runner"])
def test_generate_is_deterministic_and_json(mode):
    spec = make_spec(mode=mode)
    cfg = pf.config_for(spec)
    a = pf.generate(make_req(1, spec), cfg, random.Random(7))
    b = pf.generate(make_req(1, spec), cfg, random.Random(7))
    c = pf.generate(make_req(1, spec), cfg, random.Random(8))
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert a["rows"] != c["rows"]
    assert json.loads(json.dumps(a)) == a
    assert len(a["rows"]) == 17 and all(len(r) == a["width"] for r in a["rows"])
    assert pf.describe(a).startswith(f"{a['width']}x17")


@pytest.mark.parametrize("mode,mechanics", [("", {}), ("", {"double_jump": {"jumps": 2}}),
                                            ("runner", {}), ("runner", {"double_jump": {"jumps": 3}})])
def test_generated_levels_are_solvable_and_the_proof_replays(mode, mechanics):
    spec = make_spec(mode=mode, mechanics=mechanics)
    cfg = pf.config_for(spec)
    solved = 0
    for index in range(4):
        for seed in range(5):
            level = pf.generate(make_req(index, spec), cfg, random.Random(seed * 31 + index))
            proof = pf.solve(level, cfg)
            if proof is not None:
                solved += 1
                assert proof["steps"] > 30
                assert replay(level, cfg, proof) is not None, "the proof's inputs must reach the flag"
    assert solved >= 18  # the pipeline regenerates the rare unsolvable one


def test_difficulty_rises_with_the_level_index():
    spec = make_spec(mechanics={"double_jump": {"jumps": 2}})
    cfg = pf.config_for(spec)

    def avg(index: int, f) -> float:
        return sum(f(pf.generate(make_req(index, spec), cfg, random.Random(s))) for s in range(6)) / 6

    widths = [avg(i, lambda lv: lv["width"]) for i in range(5)]
    assert widths == sorted(widths) and widths[-1] >= widths[0] + 40
    assert avg(4, lambda lv: lv["gap_max"]) > avg(0, lambda lv: lv["gap_max"])
    danger = [avg(i, lambda lv: len(lv["hazards"]) + len(lv["enemies"])) for i in (0, 4)]
    assert danger[1] > danger[0] + 2
    runner = make_spec(mode="runner")
    rcfg = pf.config_for(runner)
    speeds = [pf.generate(make_req(i, runner), rcfg, random.Random(1))["run"] for i in range(4)]
    assert speeds == sorted(speeds) and speeds[-1] > speeds[0]


def test_collect_target_places_enough_items():
    spec = make_spec(mechanics={"collect": {"target": 15}})
    cfg = pf.config_for(spec)
    level = pf.generate(make_req(0, spec), cfg, random.Random(3))
    assert len(level["items"]) >= 15 and level["collect_target"] == 15
    assert all(it["slug"] == "coin" and it["points"] == 10 for it in level["items"])


# ---- solver rejects what cannot be played ----------------------------------------------------------

def test_solver_rejects_a_gap_wider_than_the_jump():
    cfg = pf.config_for(make_spec())
    reach_tiles = (cfg["jump_dist_px"] + cfg["player_w"]) // 16
    level = flat_level(40, cfg)
    assert pf.solve(with_gap(level, 12, 2), cfg) is not None  # control: a small gap is fine
    assert pf.solve(with_gap(level, 12, reach_tiles + 1), cfg) is None
    # the same wide gap is fine with a double jump
    cfg2 = pf.config_for(make_spec(mechanics={"double_jump": {"jumps": 2}}))
    assert pf.solve(with_gap(flat_level(40, cfg2), 12, reach_tiles + 1), cfg2) is not None


def test_solver_rejects_a_wall_higher_than_the_jump():
    cfg = pf.config_for(make_spec())
    wall = cfg["jump_height_px"] // 16 + 1
    level = flat_level(30, cfg)
    assert pf.solve(with_wall(level, 14, wall - 1), cfg) is not None
    assert pf.solve(with_wall(level, 14, wall), cfg) is None
    cfg2 = pf.config_for(make_spec(mechanics={"double_jump": {"jumps": 2}}))
    assert pf.solve(with_wall(flat_level(30, cfg2), 14, wall), cfg2) is not None


def test_solver_rejects_a_spike_field_and_a_goal_behind_a_runner():
    cfg = pf.config_for(make_spec())
    level = flat_level(40, cfg)
    short = dict(level, hazards=[{"x": 15, "y": 13, "slug": "cactus"}])
    assert pf.solve(short, cfg) is not None
    field = dict(level, hazards=[{"x": x, "y": 13, "slug": "cactus"} for x in range(12, 24)])
    assert pf.solve(field, cfg) is None
    # a runner cannot turn back: the flag left of the start is out of reach, unlike in "levels"
    behind = dict(flat_level(40, cfg), start=[20 * 16 + 2, 14 * 16 - 14], goal={"x": 4, "y": 13})
    assert pf.solve(behind, cfg) is not None
    rcfg = pf.config_for(make_spec(mode="runner"))
    assert pf.solve(dict(behind, mode="runner", run=rcfg["run_sub"]), rcfg) is None


def test_solver_rejects_broken_input():
    cfg = pf.config_for(make_spec())
    assert pf.solve({"rows": []}, cfg) is None
    no_goal = dict(flat_level(20, cfg), goal=None)
    assert pf.solve(no_goal, cfg) is None
    # start in mid air over a pit: falls to its death
    pit = dict(with_gap(flat_level(20, cfg), 0, 6), start=[20, 100])
    assert pf.solve(pit, cfg) is None
