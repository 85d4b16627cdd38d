"""The tile-puzzle genre: its rule book (falling blocks, match-3 and 2048-like merging), generator and solver, the reader
routing our own GDDs to it, and a bundle played in a real Chromium with keys and the mouse."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from maestro.agents import codex
from maestro.gdd import parse_gdd
from maestro.genres.registry import REGISTRY
from maestro.genres.tile_puzzle import rules
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Palette

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
GENRE = REGISTRY["tile_puzzle"]
PALETTE = {"sky": "#1d2b53", "sky2": "#29366f", "ground": "#5f574f", "ground2": "#3b3f54", "wall": "#8b6d4c",
           "accent": "#ffcd75", "player": "#41a6f6", "enemy": "#b13e53", "item": "#ef7d57", "hazard": "#e43b44",
           "goal": "#38b764", "ui": "#1a1c2c", "ui_text": "#f4f4f4", "shadow": "#000000"}


def make_spec(mode: str) -> GameSpec:
    return GameSpec(
        title=f"Tiles {mode}", slug=f"tiles-{mode}", genre="tile_puzzle", genre_confidence=0.9, mode=mode,
        player=Entity(name="Juno", kind="player", slug="juno", behavior="player"),
        items=[Entity(name="Amber", kind="item", slug="amber"), Entity(name="Frost", kind="item", slug="frost")],
        art=ArtStyle(palette=Palette(name="test", colors=PALETTE)), audio=AudioMood(),
    )


def levels_for(mode: str, count: int = 3, seed: int = 5) -> tuple[dict, list[dict]]:
    cfg = rules.config_for(make_spec(mode))
    out = []
    for i in range(count):
        req = LevelRequest(index=i, count=count, difficulty=1.0 + 0.5 * i, mode=mode)
        for attempt in range(12):
            lv = rules.generate(req, cfg, random.Random(seed * 100 + i * 13 + attempt))
            if rules.solve(lv, cfg) is not None:
                break
        out.append(dict(lv, name=f"Stage {i + 1}", seed=seed + i, index=i, theme="", difficulty=1.0))
    return cfg, out


# ---- falling: the rule book -----------------------------------------------------------------------

def test_the_rotation_table_turns_each_piece_back_to_its_start():
    for n, (size, cells) in enumerate(rules.SHAPES):
        rots = rules.PIECES[n]
        assert len(rots) == 4 and all(len(r) == 4 for r in rots)
        assert sorted(map(tuple, rots[0])) == sorted(cells)
        if size == 0:  # the O does not turn
            assert all(sorted(map(tuple, r)) == sorted(cells) for r in rots)
        else:
            assert len({tuple(sorted(map(tuple, r))) for r in rots}) >= 2
            assert all(0 <= x < size and 0 <= y < size for r in rots for x, y in r)


def test_the_bag_deals_every_piece_once_per_seven_and_is_seeded():
    cfg = rules.config_for(make_spec("falling"))
    f = rules.Falling.start({"lines": 99, "gravity": 60, "bag_seed": 42}, cfg)
    dealt = [f.kind]
    while len(dealt) < 21:
        f.y = f.ghost_y()
        f.lock()
        dealt.append(f.kind)
    for k in range(0, 21, 7):
        assert sorted(dealt[k:k + 7]) == list(range(7))
    g = rules.Falling.start({"lines": 99, "gravity": 60, "bag_seed": 42}, cfg)
    assert [g.kind] + g.queue[:6] == dealt[:7]
    h = rules.Falling.start({"lines": 99, "gravity": 60, "bag_seed": 43}, cfg)
    assert [h.kind] + h.queue[:13] != dealt[:14]


def _well(filled: dict[int, list[int]]) -> list[list[int]]:
    return [[8 if x in filled.get(y, []) else 0 for x in range(10)] for y in range(20)]


def _first(cfg: dict, kind: int) -> int:
    return next(s for s in range(1, 5000) if rules.Falling.start({"lines": 1, "gravity": 60, "bag_seed": s}, cfg).kind == kind)


def test_a_full_row_clears_and_the_rows_above_fall():
    cfg = rules.config_for(make_spec("falling"))
    board = _well({19: [0, 1, 2, 7, 8, 9], 18: [0]})
    f = rules.Falling.start({"lines": 5, "gravity": 60, "board": board, "bag_seed": _first(cfg, 0)}, cfg)
    assert f.tap("action") == "clear"
    assert f.lines == 1 and f.board[19] == [8] + [0] * 9 and not any(f.board[18])
    assert f.score == 100 + 2 * 18


def test_rotation_kicks_off_the_wall_and_gravity_and_soft_drop_fall():
    cfg = rules.config_for(make_spec("falling"))
    f = rules.Falling.start({"lines": 5, "gravity": 30, "bag_seed": _first(cfg, 2)}, cfg)
    f.tap("up")
    for _ in range(5):
        f.tap("left")
    assert (f.rot, f.x) == (1, -1)
    f.tap("up")
    assert (f.rot, f.x) == (2, 0)  # kicked one column right
    y0 = f.y
    for _ in range(30 - f.fall - 1):
        f.frame(set(), set())
    assert f.y == y0
    f.frame(set(), set())
    assert f.y == y0 + 1
    for _ in range(8):
        f.frame(set(), {"down"})
    assert f.y == y0 + 5


def test_held_shift_repeats_after_the_delay():
    cfg = rules.config_for(make_spec("falling"))
    f = rules.Falling.start({"lines": 5, "gravity": 600, "bag_seed": _first(cfg, 2)}, cfg)
    f.frame({"right"}, {"right"})
    assert f.x == 4
    for _ in range(cfg["das"] - 1):
        f.frame(set(), {"right"})
    assert f.x == 4
    f.frame(set(), {"right"})
    assert f.x == 5


def test_a_stack_at_the_top_loses():
    cfg = rules.config_for(make_spec("falling"))
    board = _well({y: list(range(1, 10)) for y in range(2, 20)})
    f = rules.Falling.start({"lines": 5, "gravity": 60, "board": board, "bag_seed": _first(cfg, 1)}, cfg)
    f.tap("action")
    assert f.over and not f.won


def test_falling_levels_are_proven_and_the_proof_replays_to_a_win():
    cfg, levels = levels_for("falling")
    assert [lv["lines"] for lv in levels] == sorted(lv["lines"] for lv in levels)
    assert levels[-1]["gravity"] < levels[0]["gravity"]
    for lv in levels:
        proof = rules.solve(lv, cfg)
        assert proof is not None and proof["steps"] > 0
        f = rules.Falling.start(lv, cfg)
        for r, dx in proof["moves"]:
            for k in rules.piece_keys(r, dx):
                f.tap(k)
        assert f.won and f.lines >= lv["lines"]


def test_the_same_request_and_seed_give_the_same_level():
    a = levels_for("falling", 1)[1]
    b = levels_for("falling", 1)[1]
    assert a == b
    assert levels_for("match3", 1)[1] == levels_for("match3", 1)[1]


# ---- match3: the rule book ------------------------------------------------------------------------

def test_a_dealt_board_has_no_line_and_a_move():
    for seed in range(1, 30):
        board, _ = rules.deal(8, 8, 5, seed)
        assert not rules._runs(board)
        assert rules.valid_swaps(board)
        assert all(0 <= v < 5 for row in board for v in row)


def _m3(board: list[list[int]], moves: int = 10, count: int = 99) -> rules.Match3:
    return rules.Match3.start({"board": board, "colors": 5, "refill_seed": 9, "moves": moves,
                               "goal": {"kind": 0, "count": count}})


def test_a_swap_that_makes_no_line_is_undone():
    board, _ = rules.deal(7, 7, 5, 3)
    x, y = next((x, y) for y in range(7) for x in range(6)
                if board[y][x] != board[y][x + 1] and not rules.swap_matches(board, x, y, 1, 0))
    m = _m3(board)
    assert m.swap(x, y, "right") == "undone"
    assert m.board == board and m.moves == 10


def test_a_line_clears_the_gems_fall_and_the_column_refills():
    board = [[1, 2, 3, 4, 1], [2, 3, 4, 1, 2], [0, 0, 1, 0, 3], [3, 4, 0, 3, 4], [4, 1, 3, 2, 1]]
    m = _m3(board)
    assert m.swap(2, 2, "down") in ("swap", "cascade")  # the 0 comes up: four in a row
    assert m.moves == 9
    assert all(v >= 0 for row in m.board for v in row)
    assert m.collected[0] >= 4 and m.score >= 40


def test_cascades_score_more_per_gem():
    for seed in range(1, 200):
        board, _ = rules.deal(7, 7, 5, seed)
        m = _m3(board)
        for sw in rules.valid_swaps(board):
            t = m.copy()
            t.swap(*sw)
            if t.chain >= 2:
                assert t.score > 10 * sum(t.collected)
                return
    pytest.fail("no cascade found")


def test_the_goal_wins_and_running_out_of_moves_loses():
    board, _ = rules.deal(7, 7, 5, 4)
    x, y, d = rules.valid_swaps(board)[0]
    lost = _m3(board, moves=1)
    lost.swap(x, y, d)
    assert lost.over and not lost.won
    won = _m3(board, moves=1, count=0)
    won.swap(x, y, d)
    assert won.won


def test_the_cursor_keys_make_the_swap():
    board, _ = rules.deal(7, 7, 5, 8)
    m = _m3(board)
    x, y, d = rules.valid_swaps(board)[-1]
    for k in rules.swap_keys(m, x, y, d):
        m.press(k)
    assert m.moves == 9 and not m.sel


def test_match3_levels_are_proven_and_the_proof_replays_to_a_win():
    cfg, levels = levels_for("match3")
    for lv in levels:
        proof = rules.solve(lv, cfg)
        assert proof is not None and 0 < proof["steps"] <= lv["moves"]
        m = rules.Match3.start(lv)
        for x, y, d in proof["swaps"]:
            for k in rules.swap_keys(m, x, y, d):
                m.press(k)
        assert m.won


def test_config_names_the_gems_after_the_gdd_items():
    cfg = rules.config_for(make_spec("match3"))
    assert [k["slug"] for k in cfg["kinds"][:2]] == ["amber", "frost"]
    assert len(cfg["kinds"]) == 6 and len(cfg["gem_colors"]) == 6 and len(cfg["piece_colors"]) == 7


# ---- merge: the rule book ---------------------------------------------------------------------------

def test_a_slide_merges_each_pair_once_and_scores_the_new_tiles():
    assert rules.slide_row([1, 1, 1, 1]) == ([2, 2, 0, 0], 8)
    assert rules.slide_row([2, 1, 1, 0]) == ([2, 2, 0, 0], 4)
    assert rules.slide_row([0, 3, 0, 3]) == ([4, 0, 0, 0], 16)
    board = [[1, 0, 0, 1], [0, 0, 0, 0], [2, 0, 0, 0], [2, 0, 0, 0]]
    assert rules.slide(board, "right")[0][0] == [0, 0, 0, 2]
    assert rules.slide(board, "down")[0][3] == [3, 0, 0, 1]
    assert rules.slide(board, "up")[0][0] == [1, 0, 0, 1] and rules.slide(board, "up")[0][1][0] == 3


def test_a_slide_that_moves_nothing_spawns_nothing_and_a_stuck_board_loses():
    m = rules.Merge.start({"board": [[1, 0, 0, 0], [0] * 4, [0] * 4, [0] * 4], "spawn_seed": 3, "target": 11})
    assert m.press("left") == "" and m.moves == 0
    assert m.press("right") == "slide" and sum(v > 0 for r in m.board for v in r) == 2
    stuck = rules.Merge.start({"board": [[3, 4, 3, 4], [4, 3, 4, 3], [3, 4, 3, 4], [5, 6, 5, 0]], "spawn_seed": 3,
                               "target": 11})
    stuck.press("right")
    assert stuck.over and not stuck.won


def test_merge_levels_are_proven_and_the_proof_replays_to_a_win():
    cfg, levels = levels_for("merge")
    assert [lv["target"] for lv in levels] == [7, 8, 9]
    for lv in levels:
        proof = rules.solve(lv, cfg)
        assert proof is not None
        m = rules.Merge.start(lv)
        for d in proof["slides"]:
            m.press(d)
        assert m.won and max(max(r) for r in m.board) >= lv["target"]


# ---- the reader ------------------------------------------------------------------------------------

def test_mode_words():
    assert GENRE.mode_for("A Tetris clone with falling blocks") == "falling"
    assert GENRE.mode_for("Swap gems to match three in a row, like Bejeweled") == "match3"
    assert GENRE.mode_for("A tile puzzle") == "falling"
    assert GENRE.mode_for("Slide the tiles and merge them, like 2048") == "merge"


@pytest.mark.parametrize("name,mode", [("tile_puzzle_sky_stack.md", "falling"),
                                       ("tile_puzzle_crystal_hollow.md", "match3"),
                                       ("tile_puzzle_paper_lanterns.md", "merge")])
def test_our_gdds_read_as_this_family(name, mode):
    spec = parse_gdd((FIXTURES / name).read_text(encoding="utf-8"))
    assert (spec.genre, spec.mode) == ("tile_puzzle", mode)


# ---- in a real Chromium ----------------------------------------------------------------------------

def _bundle(path: Path, mode: str) -> tuple[dict, list[dict]]:
    spec = make_spec(mode)
    cfg, levels = levels_for(mode)
    data = {"spec": spec.model_dump(mode="json"), "config": cfg, "levels": levels,
            "roles": {"player": "juno", "enemies": [], "items": ["amber", "frost"], "hazards": [], "goal": None},
            "palette": PALETTE, "atlas": None, "sounds": {}, "music": None, "backgrounds": {}}
    path.mkdir(parents=True, exist_ok=True)
    for name, blob in codex.bundle_files("tile_puzzle", spec.title, data).items():
        (path / name).write_bytes(blob)
    return cfg, levels


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["falling", "match3", "merge"])
def test_in_chromium_keys_and_the_mouse_play(browser, tmp_path, mode):
    from tests.browser import GamePage, click, fresh, world

    cfg, levels = _bundle(tmp_path / mode, mode)
    g = GamePage(browser, tmp_path / mode)
    try:
        st = g.state()
        assert st["status"] == "playing" and st["genre"] == "tile_puzzle" and st["mode"] == mode
        g.page.wait_for_timeout(150)
        assert g.canvas_colors() > 3
        if mode == "falling":
            x0 = world(g, "w.x")
            g.hold("ArrowLeft", 60)
            assert world(g, "w.x") < x0
            fresh(g)
            placed = world(g, "w.placed")
            g.page.evaluate("(() => { const m = window.maestro; m.press('action', true); m.step(1); m.press('action', false); m.step(1); })()")
            assert world(g, "w.placed") == placed + 1
            x1 = world(g, "w.x")
            click(g, 40, 150)  # a tap left of the well shifts the piece
            assert world(g, "w.x") == x1 - 1
        elif mode == "merge":
            fresh(g)
            proof = rules.solve(levels[0], cfg)
            key = {"left": "ArrowLeft", "right": "ArrowRight", "up": "ArrowUp", "down": "ArrowDown"}[proof["slides"][0]]
            g.page.keyboard.down(key)
            g.page.evaluate("window.maestro.step(1)")
            g.page.keyboard.up(key)
            g.page.evaluate("window.maestro.step(1)")
            assert world(g, "w.moves") == 1
        else:
            fresh(g)
            proof = rules.solve(levels[0], cfg)
            x, y, d = proof["swaps"][0]
            r = world(g, "Maestro.genres.tile_puzzle.qa.rect(null, w)")
            click(g, r["x"] + x * r["c"] + r["c"] // 2, r["y"] + y * r["c"] + r["c"] // 2)
            assert world(g, "[w.cx, w.cy, w.sel]") == [x, y, True]
            dx, dy = rules.DIRS[d]
            click(g, r["x"] + (x + dx) * r["c"] + r["c"] // 2, r["y"] + (y + dy) * r["c"] + r["c"] // 2)
            assert world(g, "w.moves") == levels[0]["moves"] - 1
        assert g.errors == []
    finally:
        g.close()
