"""Puzzle levels: config from the GDD's numbers, deterministic generation, a solver that proves
levels by the game's own rules and rejects broken ones."""

from __future__ import annotations

import json
import random

import pytest

from maestro.genres.puzzle import rules as puzzle
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Mechanic, Palette


def make_spec(mode: str = "sokoban", mechanics=(), items=None, hazards=(), goal=None) -> GameSpec:
    return GameSpec(
        title="Crate Keeper", slug="crate-keeper", genre="puzzle", genre_confidence=0.9, mode=mode,
        player=Entity(name="Keeper", kind="player", slug="keeper", behavior="player"),
        items=list(items if items is not None else [Entity(name="Crate", kind="item", slug="crate")]),
        hazards=[Entity(name=h, kind="hazard", slug=h) for h in hazards],
        goal=goal, mechanics=list(mechanics),
        art=ArtStyle(palette=Palette(name="test", colors={"sky": "#102030", "wall": "#806040"})),
        audio=AudioMood(),
    )


def make_req(index: int, mode: str = "sokoban", items=(), hazards=(), enemies=()) -> LevelRequest:
    return LevelRequest.model_validate({"index": index, "count": 8, "name": f"Level {index + 1}", "theme": "warehouse",
            "difficulty": 1.0 + 0.5 * index, "mode": mode, "enemies": list(enemies), "items": list(items),
            "hazards": list(hazards), "goal": None, "enemy_count": None, "item_count": None, "mechanics": {}})


SOKO = puzzle.config_for(make_spec("sokoban"))
EXIT = puzzle.config_for(make_spec("exit", items=[Entity(name="Gem", kind="item", slug="gem", points=25)]))


def level(rows, player, boxes=(), targets=(), mode="sokoban", **extra) -> dict:
    lv = {"mode": mode, "width": len(rows[0]), "height": len(rows), "rows": list(rows), "player": list(player),
          "boxes": [list(b) for b in boxes], "targets": [list(t) for t in targets], "exit": None, "keys": [],
          "doors": [], "items": [], "dangers": [], "box_slug": None}
    lv.update(extra)
    return lv


# ---- config -----------------------------------------------------------------------------------


def test_config_reads_the_gdd_numbers():
    spec = make_spec(mechanics=[
        Mechanic(id="grid_movement", params={"repeat_rate": 12, "repeat_delay": 0.3}),
        Mechanic(id="push_blocks", params={"boxes": 3}),
        Mechanic(id="undo", params={"limit": 50}),
        Mechanic(id="move_limit", params={"moves": 400}),
    ])
    cfg = puzzle.config_for(spec)
    assert cfg["mode"] == "sokoban"
    assert cfg["repeat_rate"] == 12 and cfg["repeat_delay"] == 0.3
    assert cfg["max_boxes"] == 3 and cfg["undo_limit"] == 50 and cfg["move_limit"] == 400
    assert cfg["move_time"] <= 1 / 12  # a tween never outlasts the repeat interval
    json.dumps(cfg)


def test_config_defaults_and_mode_inference():
    assert SOKO["repeat_rate"] == 8 and SOKO["move_limit"] is None and SOKO["max_boxes"] == 4
    goal = Entity(name="Exit", kind="goal", slug="exit_door")
    assert puzzle.config_for(make_spec("", items=[], goal=goal))["mode"] == "exit"
    assert puzzle.config_for(make_spec("", goal=goal))["mode"] == "sokoban"  # it has crates to push
    assert EXIT["mode"] == "exit" and EXIT["keys_doors"] is True and EXIT["item_points"] == 25


def test_item_points_and_box_sprite_come_from_the_spec():
    req = make_req(2, items=[{"slug": "crate", "points": None, "count": None}, {"slug": "gem", "points": 7, "count": 2}])
    lv = puzzle.generate(req, SOKO, random.Random(3))
    assert lv["box_slug"] == "crate"
    assert [it["slug"] for it in lv["items"]] == ["gem", "gem"] and all(it["points"] == 7 for it in lv["items"])


# ---- generation ---------------------------------------------------------------------------------


@pytest.mark.parametrize("cfg,mode", [(SOKO, "sokoban"), (EXIT, "exit")])
def test_generate_is_deterministic_and_json(cfg, mode):
    req = make_req(3, mode, items=[{"slug": "gem", "points": 5, "count": None}], hazards=[{"slug": "spikes"}])
    a = puzzle.generate(req, cfg, random.Random(42))
    b = puzzle.generate(req, cfg, random.Random(42))
    c = puzzle.generate(req, cfg, random.Random(43))
    assert a == b and a != c
    assert json.loads(json.dumps(a)) == a
    assert a["mode"] == mode and len(a["rows"]) == a["height"] and all(len(r) == a["width"] for r in a["rows"])


@pytest.mark.parametrize("cfg,mode", [(SOKO, "sokoban"), (EXIT, "exit")])
def test_generated_levels_are_solvable_by_the_game_rules(cfg, mode):
    runs = 0
    for index in range(7):
        req = make_req(index, mode, items=[{"slug": "gem", "points": 5, "count": None}], hazards=[{"slug": "spikes"}],
                       enemies=[{"slug": "ghost", "behavior": "static", "speed": None, "count": None}])
        for seed in range(4):
            lv = puzzle.generate(req, cfg, random.Random(seed * 1000 + index))
            proof = puzzle.solve(lv, cfg)
            runs += 1
            assert proof is not None, puzzle.describe(lv)
            assert proof["steps"] == len(proof["path"]) > 0
            played = puzzle.simulate(lv, proof["path"])
            assert played["won"] and played["moves"] == len(proof["path"])
            assert not puzzle.simulate(lv, proof["path"][:-1])["won"]
            # dangers never sit where the proof walks
            cells = puzzle._visited_cells(lv, proof["path"])
            assert all(d["y"] * lv["width"] + d["x"] not in cells for d in lv["dangers"])
            assert len(lv["items"]) <= cfg["max_items"] and len(lv["dangers"]) <= cfg["max_dangers"]
            if mode == "sokoban":
                assert len(lv["boxes"]) == len(lv["targets"])
                assert set(map(tuple, lv["boxes"])) != set(map(tuple, lv["targets"]))
                assert proof["pushes"] >= 1


@pytest.mark.parametrize("cfg,mode", [(SOKO, "sokoban"), (EXIT, "exit")])
def test_difficulty_rises_with_the_index(cfg, mode):
    def averages(index):
        rows = []
        for seed in range(5):
            lv = puzzle.generate(make_req(index, mode), cfg, random.Random(seed))
            rows.append((lv["width"] * lv["height"], len(lv["boxes"]), puzzle.solve(lv, cfg)["steps"]))
        return [sum(col) / len(rows) for col in zip(*rows)]

    (area0, boxes0, moves0), (area6, boxes6, moves6) = averages(0), averages(6)
    assert area6 > area0 and boxes6 > boxes0 and moves6 > moves0 * 1.5
    if mode == "sokoban":
        assert boxes0 == 1 and boxes6 == cfg["max_boxes"]


def test_describe_is_one_line():
    lv = puzzle.generate(make_req(1), SOKO, random.Random(1))
    text = puzzle.describe(lv)
    assert f"{lv['width']}x{lv['height']} sokoban" in text and "\n" not in text


# ---- the solver: accepts what the rules allow, rejects what they forbid ------------------------


def test_solver_finds_a_simple_push_and_it_replays():
    lv = level(["#######",
                "#.....#",
                "#.....#",
                "#######"], player=(1, 1), boxes=[(2, 1)], targets=[(4, 1)])
    proof = puzzle.solve(lv, SOKO)
    assert proof["path"] == ["R", "R"] and proof["pushes"] == 2


def test_solver_rejects_box_in_a_corner():
    lv = level(["######",
                "#....#",
                "#....#",
                "######"], player=(2, 2), boxes=[(1, 1)], targets=[(3, 2)])
    assert puzzle.solve(lv, SOKO) is None


def test_solver_rejects_box_on_a_wall_with_its_target_off_that_wall():
    # the box is against the top wall; its target sits in the middle of the room
    lv = level(["#######",
                "#.....#",
                "#.....#",
                "#.....#",
                "#######"], player=(1, 3), boxes=[(3, 1)], targets=[(3, 2)])
    assert puzzle.solve(lv, SOKO) is None
    # the same box with its target along the wall line is fine
    lv["targets"] = [[5, 1]]
    assert puzzle.solve(lv, SOKO) is not None


def test_solver_rejects_a_target_reachable_only_by_pulling():
    # target along the wall line but beyond a wall stub: the box can't get past it
    lv = level(["########",
                "#...#..#",
                "#......#",
                "########"], player=(1, 2), boxes=[(2, 1)], targets=[(6, 1)])
    assert puzzle.solve(lv, SOKO) is None


def test_a_box_cannot_push_another_box():
    lv = level(["########",
                "#......#",
                "########"], player=(1, 1), boxes=[(2, 1), (3, 1)], targets=[(5, 1), (6, 1)])
    assert puzzle.solve(lv, SOKO) is None
    assert puzzle.simulate(lv, ["R"])["blocked"] == 0


def test_exit_walled_off_is_rejected():
    lv = level(["#########",
                "#...#...#",
                "#...#...#",
                "#########"], player=(1, 1), mode="exit", exit=[7, 1])
    assert puzzle.solve(lv, EXIT) is None
    lv["rows"][2] = "#.......#"
    assert puzzle.solve(lv, EXIT)["steps"] == 8  # down, six steps right, up


def test_exit_behind_a_locked_door_needs_its_key():
    rows = ["#########",
            "#...#...#",
            "#.......#",
            "#...#...#",
            "#########"]
    lv = level(rows, player=(1, 1), mode="exit", exit=[7, 2], doors=[[4, 2]])
    assert puzzle.solve(lv, EXIT) is None
    lv["keys"] = [[1, 3]]
    proof = puzzle.solve(lv, EXIT)
    assert proof is not None and puzzle.simulate(lv, proof["path"])["won"]
    # the key is spent on the door: held keys = taken - opened
    assert puzzle.simulate(lv, proof["path"])["state"][2:] == (1, 1)


def test_exit_blocked_by_an_unpushable_box_is_rejected():
    # one-wide corridor: the box would have to go onto the exit, which boxes can't enter
    lv = level(["#######",
                "#.....#",
                "#######"], player=(1, 1), boxes=[(4, 1)], mode="exit", exit=[5, 1])
    assert puzzle.solve(lv, EXIT) is None
    lv["rows"] = ["#######", "#.....#", "#.....#", "#######"]
    assert puzzle.solve(lv, EXIT) is not None


def test_dangers_block_the_solver_like_walls():
    lv = level(["#####",
                "#...#",
                "#####"], player=(1, 1), mode="exit", exit=[3, 1],
               dangers=[{"x": 2, "y": 1, "slug": "spikes", "kind": "hazard"}])
    assert puzzle.solve(lv, EXIT) is None


def test_move_limit_rejects_levels_that_need_more_moves():
    lv = level(["#########",
                "#.......#",
                "#########"], player=(1, 1), mode="exit", exit=[7, 1])
    assert puzzle.solve(lv, dict(EXIT, move_limit=5)) is None
    assert puzzle.solve(lv, dict(EXIT, move_limit=6))["steps"] == 6


def test_state_cap_gives_up_instead_of_running_forever():
    lv = puzzle.generate(make_req(6), SOKO, random.Random(5))
    assert puzzle.solve(lv, dict(SOKO, state_cap=0)) is None
    assert puzzle.solve(lv, SOKO) is not None


def test_broken_level_data_is_rejected_not_raised():
    lv = level(["####", "#..#", "####"], player=(9, 9), boxes=[(2, 1)], targets=[(1, 1)])
    assert puzzle.solve(lv, SOKO) is None
    lv = level(["####", "#..#", "####"], player=(1, 1), boxes=[(2, 1)], targets=[])
    assert puzzle.solve(lv, SOKO) is None
