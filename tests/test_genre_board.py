"""The board genre: its rule books, AI, generator and solver (Python), the JS module agreeing with
them on recorded games (headless V8), and one bundle played in a real Chromium with the mouse."""

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
from maestro.genres.board import Board
from maestro.genres.board import rules as R
from maestro.genres.board.rules import AI, DRAW, EMPTY, PLAYER, Match, Rules
from maestro.genres.headless import HeadlessGame
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"


def cfg_of(mode: str) -> dict[str, Any]:
    g = R.GAMES[mode]
    return {"mode": mode, "cols": g["cols"], "rows": g["rows"], "line": g["line"], "gravity": g["gravity"],
            "depths": list(g["depths"]), "solver_budget": g["budget"], "think_frames": 18, "end_frames": 75}


def level_of(mode: str, depth: int = 1, first: int = PLAYER, order: list[int] | None = None) -> dict[str, Any]:
    r = Rules.of(cfg_of(mode))
    return {"game": mode, "cols": r.cols, "rows": r.rows, "depth": depth, "first": first,
            "order": order if order is not None else list(range(r.moves_count)), "opening": []}


# ---- the rule books -------------------------------------------------------------------------------

def test_connect_four_drops_to_the_lowest_free_cell_and_refuses_a_full_column():
    r = Rules.of(cfg_of("connect_four"))
    cells = r.initial()
    cells, cell, nxt, result = r.play(cells, PLAYER, 3)
    assert cell == 5 * 7 + 3 and nxt == AI and result == 0
    cells, cell, _n, _r = r.play(cells, AI, 3)
    assert cell == 4 * 7 + 3
    for y in range(6):
        cells[y * 7] = PLAYER if y % 2 else AI
    assert not r.is_legal(cells, PLAYER, 0) and r.is_legal(cells, PLAYER, 1)
    assert 0 not in r.legal(cells, PLAYER)


@pytest.mark.parametrize("line", [(35, 36, 37, 38), (38, 31, 24, 17), (35, 29, 23, 17), (3, 10, 17, 24)])
def test_four_in_a_row_wins_across_down_and_on_both_diagonals(line):
    r = Rules.of(cfg_of("connect_four"))
    cells = [EMPTY] * r.size
    for c in line[:3]:
        cells[c] = PLAYER
    assert not r.line_through(cells, line[0])
    cells[line[3]] = PLAYER
    assert r.line_through(cells, line[3])
    assert r.after(cells, PLAYER, line[3]) == (AI, PLAYER)


def test_tic_tac_toe_full_board_without_a_line_is_a_draw():
    r = Rules.of(cfg_of("tic_tac_toe"))
    cells = [1, 2, 1, 1, 2, 2, 2, 1, 0]
    assert r.legal(cells, PLAYER) == [8]
    out, _cell, _nxt, result = r.play(cells, PLAYER, 8)
    assert result == DRAW and EMPTY not in out


def test_othello_opens_with_four_moves_that_flip_the_bracketed_disc():
    r = Rules.of(cfg_of("othello"))
    cells = r.initial()
    assert r.legal(cells, PLAYER) == [19, 26, 37, 44]
    assert r.flips(cells, PLAYER, 0) == []
    out, cell, nxt, result = r.play(cells, PLAYER, 19)
    assert cell == 19 and out[27] == PLAYER and out.count(PLAYER) == 4 and out.count(AI) == 1
    assert (nxt, result) == (AI, 0)


def test_othello_passes_when_a_side_has_no_move_and_ends_with_most_discs():
    r = Rules.of(cfg_of("othello"))
    cells = [PLAYER] * r.size
    cells[0], cells[1] = EMPTY, AI
    out, _cell, _nxt, result = r.play(cells, PLAYER, 0)
    assert result == PLAYER and out.count(PLAYER) == 64
    # the AI has no move on this board but the player has: the AI passes, the player moves again
    cells = [EMPTY] * r.size
    cells[0], cells[1], cells[2] = PLAYER, AI, EMPTY
    cells[10] = AI
    out, _cell, nxt, result = r.play(cells, PLAYER, 2)
    assert result == 0 and r.legal(out, AI) == [] and nxt == PLAYER and 18 in r.legal(out, PLAYER)


def test_checkers_captures_are_compulsory_jump_on_and_crown_a_man():
    r = Rules.of(cfg_of("checkers"))
    start = r.initial()
    assert start.count(PLAYER) == start.count(AI) == 12
    assert r.legal(start, PLAYER) == sorted(c * 64 + t for c, t in
                                          ((40, 33), (42, 33), (42, 35), (44, 35), (44, 37), (46, 37), (46, 39)))
    # a capture is due: the plain steps are not legal
    cells = [EMPTY] * 64
    cells[42], cells[35], cells[46], cells[1] = PLAYER, AI, PLAYER, AI
    assert r.legal(cells, PLAYER) == [42 * 64 + 28]
    out, cell, nxt, result = r.play(cells, PLAYER, 42 * 64 + 28)
    assert (cell, out[35], out[28], nxt, result) == (28, EMPTY, PLAYER, AI, 0)
    # a double jump goes on to the end, taking both pieces
    cells = [EMPTY] * 64
    cells[56], cells[49], cells[35], cells[7] = PLAYER, AI, AI, AI
    assert r.legal(cells, PLAYER) == [56 * 64 + 28]
    out, _c, _n, _r = r.play(cells, PLAYER, 56 * 64 + 28)
    assert out[49] == out[35] == EMPTY and out[28] == PLAYER
    # a man reaching the far row is crowned; the AI left without a move loses
    cells = [EMPTY] * 64
    cells[10], cells[23] = PLAYER, AI
    out, _c, _n, result = r.play(cells, PLAYER, 10 * 64 + 1)
    assert out[1] == R.KING[PLAYER] and result == 0
    cells = [EMPTY] * 64
    cells[42], cells[35] = PLAYER, AI
    assert r.play(cells, PLAYER, 42 * 64 + 28)[3] == PLAYER


def test_checkers_keys_pick_a_piece_up_and_put_it_down():
    cfg = cfg_of("checkers")
    m = Match.start(level_of("checkers"), cfg)
    mv = 42 * 64 + 33
    keys = m.keys_to(mv)
    assert keys.count("action") == 2
    for k in keys:
        m.press(k)
    assert m.history[0] == mv and m.turn == PLAYER and m.plies == 2


# ---- the AI ----------------------------------------------------------------------------------------

def test_the_ai_takes_a_win_at_depth_one_and_blocks_at_depth_two():
    r = Rules.of(cfg_of("connect_four"))
    order = list(range(7))
    threat = [EMPTY] * r.size
    for x in range(3):
        threat[35 + x] = PLAYER
    threat[28] = threat[29] = AI
    assert R.ai_move(r, threat, AI, 2, order) == 3
    own = [AI if c == PLAYER else PLAYER if c == AI else c for c in threat]
    assert R.ai_move(r, own, AI, 1, order) == 3


def test_the_ai_breaks_ties_by_the_levels_order():
    r = Rules.of(cfg_of("tic_tac_toe"))
    # depth 1 on an empty board: the centre is worth the most whatever the order
    assert R.ai_move(r, r.initial(), AI, 1, [0, 2, 6, 8, 4, 1, 3, 5, 7]) == 4
    # the player holds the centre: the four corners are worth the same, the first in order is taken
    centre = [0, 0, 0, 0, PLAYER, 0, 0, 0, 0]
    assert R.ai_move(r, centre, AI, 1, [1, 3, 5, 7, 2, 6, 0, 8, 4]) == 2
    assert R.ai_move(r, centre, AI, 1, [8, 1, 3, 5, 7, 2, 6, 0, 4]) == 8


# ---- generator and solver -----------------------------------------------------------------------------

@pytest.mark.parametrize("mode", R.MODES)
def test_every_generated_level_is_proven_and_the_proof_wins_against_the_ai(mode):
    cfg = cfg_of(mode)
    for index in range(3):
        req = LevelRequest(index=index, count=3, mode=mode, difficulty=1.0 + index)
        level = R.generate(req, cfg, random.Random(40 + index))
        assert level == R.generate(req, cfg, random.Random(40 + index)), "the generator is not deterministic"
        assert level["depth"] == R.depth_for(cfg, index)
        proof = R.solve(level, cfg)
        assert proof is not None and proof["steps"] == len(proof["moves"]) > 0
        m = Match.start(level, cfg)
        for mv in proof["moves"]:
            for key in m.keys_to(mv):
                m.press(key)
        assert m.result == PLAYER and m.history == proof["game"]
        assert mode.split("_")[0] in R.describe(level).replace("-", "_")


def test_config_names_the_sides_and_mode_for_reads_the_game():
    spec = parse_gdd((FIXTURES / "board_moss_reversi.md").read_text())
    assert (spec.genre, spec.mode) == ("board", "othello")
    cfg = R.config_for(spec)
    assert cfg["mode"] == "othello" and cfg["player_name"] == "Lantern Moth" and cfg["opponent"] == "Beetle Sage"
    b = Board()
    assert b.mode_for("a game of noughts and crosses") == "tic_tac_toe"
    assert b.mode_for("Reversi, not connect four") == "othello"
    assert b.mode_for("four in a row on a crate") == "connect_four"
    assert b.mode_for("a board game") == "connect_four"
    assert b.mode_for("English draughts against the computer") == "checkers"


# ---- the JS module against the Python rules ------------------------------------------------------------

def bundle(mode: str) -> dict[str, bytes]:
    spec = parse_gdd((FIXTURES / "board_harbor_four.md").read_text(), genre="board")
    spec.mode = mode
    files: dict[str, bytes] = build_bundle(orchestrator.plan(spec, 3, orchestrator.project_id(spec, 3)))
    return files


def built(mode: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    files = bundle(mode)
    data, why = load_data_js(files["game/data.js"].decode())
    assert data is not None, why
    return files, data


@pytest.mark.parametrize("mode", R.MODES)
def test_js_and_python_agree_on_legal_moves_and_ai_replies_over_recorded_games(mode):
    files, data = built(mode)
    cfg = data["config"]
    rng = random.Random(5)
    with HeadlessGame(files["game/game.js"].decode(), files["game/data.js"].decode()) as g:
        for depth in (1, 2):
            lv = level_of(mode, depth=depth)
            order = list(range(Rules.of(cfg).moves_count))
            rng.shuffle(order)
            lv["order"] = order
            g.run(f"__game.game.levels[0] = {json.dumps(lv)}")
            g.start(1)
            r = Rules.of(cfg)
            cells, side = r.initial(), PLAYER
            for _ply in range(60):
                s = {"cells": cells, "turn": PLAYER}
                g.js(f"Maestro.genres.board.qa.set(__game.game, __game.game.world, {json.dumps(s)})")
                for who in (PLAYER, AI):
                    js_legal = g.js(f"Maestro.genres.board.qa.legal(__game.game, __game.game.world, {who})")
                    assert js_legal == r.legal(cells, who), f"legal moves of side {who} differ on {cells}"
                js_ai = g.js("Maestro.genres.board.qa.ai(__game.game, __game.game.world)")
                assert js_ai == R.ai_move(r, cells, AI, depth, order), f"the AI's choice differs on {cells}"
                legal = r.legal(cells, side)
                if not legal:
                    break
                cells, _cell, side, result = r.play(cells, side, rng.choice(legal))
                if result:
                    break
        assert g.errors() == []


# ---- a real Chromium: the mouse places pieces --------------------------------------------------------

@pytest.mark.browser
def test_a_click_on_a_column_drops_a_piece_and_the_ai_replies_in_chromium(browser, tmp_path):
    from tests.browser import GamePage, click, fresh, world

    files = bundle("connect_four")
    for name, blob in files.items():
        if name.startswith("game/"):
            out = tmp_path / name[len("game/"):]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(blob)
    g = GamePage(browser, tmp_path)
    try:
        fresh(g)
        g.page.wait_for_timeout(100)
        assert g.canvas_colors() > 3
        L = world(g, "w.L")
        x, y = L["x0"] + 5 * L["cs"] + L["cs"] / 2, L["y0"] + L["cs"] / 2
        click(g, x, y)
        assert world(g, "w.cells[5 * 7 + 5]") == PLAYER and world(g, "w.turn") == AI
        g.page.evaluate("window.maestro.step(40)")
        assert world(g, "w.plies") == 2 and world(g, "w.turn") == PLAYER
        # keys too: Left moves the column cursor, Space drops
        g.page.evaluate("(() => { const m = window.maestro; m.press('left', true); m.step(1); m.press('left', false);"
                        " m.step(1); m.press('action', true); m.step(1); m.press('action', false); m.step(1); })()")
        assert world(g, "w.cx") == 4 and world(g, "w.plies") == 3
        assert g.errors == []
    finally:
        g.close()
