"""Adventure levels: config from the GDD's numbers, deterministic generation, real solvability."""

from __future__ import annotations

import json
import random

import pytest

from maestro.genres.adventure import rules as A
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Mechanic, Palette


def make_spec(mode: str = "rooms", mechanics=(), enemies=None, lives: int = 3) -> GameSpec:
    return GameSpec(
        title="Crypt", slug="crypt", genre="adventure", genre_confidence=0.9, mode=mode, lives=lives,
        player=Entity(name="Hero", kind="player", slug="hero", behavior="player"),
        enemies=enemies if enemies is not None else [
            Entity(name="Guard", kind="enemy", slug="guard", behavior="patrol"),
            Entity(name="Ghoul", kind="enemy", slug="ghoul", behavior="chaser", speed=1.2),
        ],
        items=[Entity(name="Gem", kind="item", slug="gem", points=15)],
        hazards=[Entity(name="Spikes", kind="hazard", slug="spikes")],
        goal=Entity(name="Amulet", kind="goal", slug="amulet"),
        mechanics=[Mechanic(id=m, params=p) for m, p in mechanics],
        art=ArtStyle(palette=Palette(name="crypt", colors={"sky": "#101018", "wall": "#555566"})),
        audio=AudioMood(),
    )


def make_req(spec: GameSpec, index: int, count: int = 6) -> LevelRequest:
    return LevelRequest.model_validate({
        "index": index, "count": count, "name": f"Level {index + 1}", "theme": "crypt",
        "difficulty": 1.0 + 0.5 * index, "mode": spec.mode,
        "enemies": [{"slug": e.slug, "behavior": e.behavior, "speed": e.speed, "count": e.count} for e in spec.enemies],
        "items": [{"slug": i.slug, "points": i.points, "count": i.count} for i in spec.items],
        "hazards": [{"slug": h.slug} for h in spec.hazards],
        "goal": {"slug": spec.goal.slug} if spec.goal else None,
        "enemy_count": None, "item_count": None,
        "mechanics": {m.id: m.params for m in spec.mechanics},
    })


def hand_level(rows: list[str], **extra) -> dict:
    """A level from ASCII: '#' wall, '.' floor, 'S' start, 'E' exit, 'a'/'b' key 0/1, 'A'/'B' door 0/1,
    '^' hazard."""
    level = {"w": len(rows[0]), "h": len(rows), "mode": "rooms", "doors": [], "keys": [], "items": [],
             "potions": [], "hazards": [], "enemies": []}
    grid = []
    for y, row in enumerate(rows):
        out = ""
        for x, ch in enumerate(row):
            out += "#" if ch == "#" else "."
            if ch == "S":
                level["start"] = [x, y]
            elif ch == "E":
                level["exit"] = [x, y]
            elif ch in "ab":
                level["keys"].append({"x": x, "y": y, "key": "ab".index(ch)})
            elif ch in "AB":
                level["doors"].append({"x": x, "y": y, "key": "AB".index(ch)})
            elif ch == "^":
                level["hazards"].append({"x": x, "y": y, "slug": "spikes"})
        grid.append(out)
    level["grid"] = grid
    level.update(extra)
    return level


CFG = A.config_for(make_spec())


def plain_speed(cfg):
    return min(3.0, cfg["move_speed"] * 0.6)


def test_config_reads_the_gdd_numbers():
    spec = make_spec(mechanics=[
        ("move_speed", {"tiles_per_second": 9}), ("chase", {"radius": 4}), ("stealth", {"range": 5}),
        ("attack", {"enemy_hp": 3}), ("health", {"max": 6}), ("keys", {"count": 2}), ("fog_of_war", {"radius": 4}),
    ])
    cfg = A.config_for(spec)
    assert cfg["move_speed"] == 9
    assert cfg["chase_radius"] == 4
    assert cfg["vision"] == 5
    assert cfg["attack"] is True and cfg["enemy_hp"] == 3
    assert cfg["health"] is True and cfg["max_lives"] == 6
    assert cfg["keys"] == 2
    assert cfg["fog"] is True and cfg["fog_radius"] == 4
    assert cfg["mode"] == "rooms"
    # chasers are always slower than the player
    assert cfg["chase_speed"] < cfg["move_speed"] and cfg["max_enemy_speed"] < cfg["move_speed"]
    # the catalog's own ids and parameter names
    cat = A.config_for(make_spec(mode="maze", mechanics=[
        ("enemies_chase", {"speed": 1.0, "range": 7}), ("stealth", {"vision": 6, "cone_deg": 60}),
        ("keys_doors", {"keys": 3}), ("health", {"hp": 4}), ("sprint", {"factor": 2.0}),
        ("enemies_patrol", {"speed": 0.5})]))
    assert cat["chase_radius"] == 7 and cat["vision"] == 6 and cat["keys"] == 3 and cat["max_lives"] == 4
    assert cat["sprint"] == 2.0 and cat["enemy_speed"] == pytest.approx(plain_speed(cat) * 0.5)
    # defaults without mechanics; the player's relative speed scales the default
    plain = A.config_for(make_spec(mode="maze"))
    assert plain["attack"] is False and plain["health"] is False and plain["keys"] == 0 and plain["mode"] == "maze"
    fast = make_spec(mode="maze")
    fast.player.speed = 1.5
    assert A.config_for(fast)["move_speed"] == pytest.approx(plain["move_speed"] * 1.5)
    json.dumps(cfg)


@pytest.mark.parametrize("mode", ["maze", "rooms"])
def test_generate_is_deterministic_per_seed(mode):
    spec = make_spec(mode=mode, mechanics=[("keys", {"count": 3})])
    cfg = A.config_for(spec)
    req = make_req(spec, 2)
    a = A.generate(req, cfg, random.Random(42))
    b = A.generate(req, cfg, random.Random(42))
    c = A.generate(req, cfg, random.Random(43))
    assert json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)
    assert a["grid"] != c["grid"]


@pytest.mark.parametrize("mode", ["maze", "rooms"])
def test_levels_are_solvable_and_json(mode):
    spec = make_spec(mode=mode, mechanics=[("keys", {"count": 3}), ("health", {}), ("attack", {})])
    cfg = A.config_for(spec)
    solved = 0
    for index in range(6):
        for seed in range(5):
            level = A.generate(make_req(spec, index), cfg, random.Random(seed * 101 + index))
            assert json.loads(json.dumps(level)) == level
            proof = A.solve(level, cfg)
            if proof is None:
                continue
            solved += 1
            # the proof walks real moves: one tile at a time, no walls, doors only with their key
            held = set()
            keys = {(k["x"], k["y"]): k["key"] for k in level["keys"]}
            doors = {(d["x"], d["y"]): d["key"] for d in level["doors"]}
            path = [tuple(c) for c in proof["path"]]
            assert path[0] == tuple(level["start"]) and path[-1] == tuple(level["exit"])
            for (x0, y0), (x1, y1) in zip(path, path[1:]):
                assert abs(x1 - x0) + abs(y1 - y0) == 1
                assert level["grid"][y1][x1] == "."
                if (x1, y1) in doors:
                    assert doors[(x1, y1)] in held
                if (x1, y1) in keys:
                    held.add(keys[(x1, y1)])
            assert proof["steps"] == len(proof["moves"]) == level["par"]
            assert A.describe(level).startswith(f"{level['w']}x{level['h']} {mode}")
    assert solved >= 28  # nearly always solvable first try (the pipeline retries the rest)


@pytest.mark.parametrize("mode", ["maze", "rooms"])
def test_difficulty_rises_with_index(mode):
    spec = make_spec(mode=mode, mechanics=[("keys", {"count": 3})])
    cfg = A.config_for(spec)
    levels = [A.generate(make_req(spec, i), cfg, random.Random(7)) for i in range(6)]
    areas = [lv["w"] * lv["h"] for lv in levels]
    assert areas == sorted(areas) and areas[-1] > 2 * areas[0]
    assert (levels[0]["w"], levels[0]["h"]) == (21, 15) and (levels[-1]["w"], levels[-1]["h"]) == (41, 31)
    foes = [len(lv["enemies"]) for lv in levels]
    assert foes[-1] > foes[0] >= 1
    assert len(levels[-1]["keys"]) > len(levels[0]["keys"]) >= 1
    assert levels[-1]["par"] > levels[0]["par"]


def test_keys_open_doors_in_order():
    spec = make_spec(mode="rooms", mechanics=[("keys", {"count": 3})])
    cfg = A.config_for(spec)
    level = A.generate(make_req(spec, 4), cfg, random.Random(3))
    assert len(level["doors"]) == len(level["keys"]) >= 2
    assert A.solve(level, cfg) is not None
    # without its keys the exit cannot be reached: the doors really lock the way
    assert A.solve({**level, "keys": []}, cfg) is None


def test_solve_uses_the_key_to_open_its_door():
    level = hand_level([
        "#########",
        "#S.a#...#",
        "#...#.E.#",
        "##.###.##",
        "#...A...#",
        "#########",
    ])
    proof = A.solve(level, CFG)
    assert proof is not None and proof["keys"] == 1
    assert [3, 1] in proof["path"] and [4, 4] in proof["path"]  # fetched the key, went through the door
    assert A.solve({**level, "keys": []}, CFG) is None


def test_solve_rejects_a_walled_off_exit():
    level = hand_level([
        "#######",
        "#S....#",
        "#.....#",
        "#######",
        "#....E#",
        "#######",
    ])
    assert A.solve(level, CFG) is None


def test_solve_rejects_a_key_behind_its_own_door():
    rows = [
        "#########",
        "#S..A.a.#",
        "###.#####",
        "###B#####",
        "###E#####",
        "#########",
    ]
    level = hand_level(rows)
    # door B needs key b, which does not exist; key a is behind door A
    level["doors"] = [{"x": 4, "y": 1, "key": 0}, {"x": 3, "y": 3, "key": 0}]
    assert A.solve(level, CFG) is None
    # the same level with key a in front of door A is fine
    level["keys"] = [{"x": 2, "y": 1, "key": 0}]
    proof = A.solve(level, CFG)
    assert proof is not None and proof["keys"] == 1 and proof["moves"] == "RRDDD"


def test_solve_avoids_hazards_and_rejects_unsafe_starts():
    level = hand_level([
        "#######",
        "#S.^.E#",
        "#######",
    ])
    assert A.solve(level, CFG) is None  # the only way crosses spikes
    open_level = hand_level([
        "#######",
        "#S.^.E#",
        "#.....#",
        "#######",
    ])
    proof = A.solve(open_level, CFG)
    assert proof is not None and [3, 1] not in proof["path"]
    # a guard looking at the start (sight widens every 2 tiles, so 5 tiles reach it, 3 do not)
    room = hand_level([
        "#########",
        "#S.^...E#",
        "#.......#",
        "#.......#",
        "#########",
    ])
    guard = {"slug": "guard", "behavior": "patrol", "x": 6, "y": 3, "route": [[6, 3], [7, 3]], "speed": 2,
             "hp": 1, "points": 25}
    assert A.solve({**room, "enemies": [guard]}, {**CFG, "vision": 5}) is None
    proof = A.solve({**room, "enemies": [guard]}, {**CFG, "vision": 3})
    assert proof is not None and not {(6, 3), (7, 3), (3, 1)} & {tuple(c) for c in proof["path"]}
    # an enemy next to the start
    rat = {"slug": "rat", "behavior": "chaser", "x": 2, "y": 1, "route": [], "speed": 2, "hp": 1, "points": 25}
    assert A.solve({**open_level, "enemies": [rat]}, CFG) is None


def test_guards_never_see_the_start_and_stay_off_the_proof_path():
    spec = make_spec(mode="maze", enemies=[Entity(name="Guard", kind="enemy", slug="guard", behavior="patrol")],
                     mechanics=[("stealth", {"range": 4})])
    cfg = A.config_for(spec)
    for index in range(4):
        level = A.generate(make_req(spec, index), cfg, random.Random(index))
        proof = A.solve(level, cfg)
        assert proof is not None
        path = {tuple(c) for c in proof["path"]}
        guards = [e for e in level["enemies"] if e["behavior"] == "patrol"]
        assert guards
        for g in guards:
            assert not path & {tuple(c) for c in g["route"]}
            for route_a, route_b in zip(g["route"], g["route"][1:]):
                assert abs(route_a[0] - route_b[0]) + abs(route_a[1] - route_b[1]) == 1


def test_cone_is_blocked_by_walls():
    def seen(grid):
        return A.cone_cells(lambda x, y: grid[y][x] == "#", 7, 5, 1, 2, 1, 0, 4)

    open_room = seen(["#######", "#.....#", "#.....#", "#.....#", "#######"])
    assert set(open_room) == {(2, 2), (3, 2), (4, 1), (4, 2), (4, 3), (5, 1), (5, 2), (5, 3)}
    corner = seen(["#######", "#...#.#", "#.....#", "#.....#", "#######"])
    assert (4, 1) not in corner and (5, 1) not in corner and (5, 2) in corner
    pillar = seen(["#######", "#.....#", "#..#..#", "#.....#", "#######"])
    assert pillar == [(2, 2)]
