"""The grid-logic family: minesweeper (no-guess boards, a logic solver's reveals and flags as the
proof) and lights out (boards pressed from the dark grid, solved by GF(2) elimination). Its words,
its config from a GDD, the integer rules, the generators and solvers, keypoints that fail on a
broken game, and (marked browser) both games in a real Chromium with the keys and the mouse. The
bot, every keypoint and the JS/Python agreement also run in the conformance suite."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents.query.static import load_data_js
from maestro.gdd import parse_gdd
from maestro.genres.grid_logic import lights_out, minesweeper, qa, rules
from maestro.genres.grid_logic.lights_out import LightsOut, min_presses, toggle
from maestro.genres.grid_logic.minesweeper import Minesweeper, count_at, logic_solve
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
GENRE = REGISTRY["grid_logic"]


def field(w: int, h: int, mines: list[tuple[int, int]], start: tuple[int, int]) -> dict[str, Any]:
    return {"mode": "minesweeper", "w": w, "h": h, "mines_count": len(mines), "start": list(start),
            "mines": [[1 if (x, y) in mines else 0 for x in range(w)] for y in range(h)]}


def req(index: int, mode: str) -> LevelRequest:
    return LevelRequest(index=index, count=3, mode=mode, difficulty=1.0 + 0.3 * index)


# ---- words and config --------------------------------------------------------------------------

def test_the_fixture_gdds_route_to_their_modes_with_their_numbers() -> None:
    mole = parse_gdd((FIXTURES / "grid_logic_minefield_mole.md").read_text(encoding="utf-8"))
    assert (mole.genre, mole.mode) == ("grid_logic", "minesweeper")
    cfg = rules.config_for(mole)
    assert cfg["mines"] == 12 and cfg["size"] == [10, 8]
    lv = rules.generate(req(0, "minesweeper"), cfg, random.Random(3))
    assert (lv["w"], lv["h"], lv["mines_count"]) == (10, 8, 12)
    lanterns = parse_gdd((FIXTURES / "grid_logic_lantern_night.md").read_text(encoding="utf-8"))
    assert (lanterns.genre, lanterns.mode) == ("grid_logic", "lights_out")
    cfg = rules.config_for(lanterns)
    assert cfg["moves"] == 12
    for i in range(4):  # the GDD's limit holds on every board, the biggest too
        board = rules.generate(req(i, "lights_out"), cfg, random.Random(i))
        assert board["moves"] == 12 and board["par"] <= 12


def test_a_horror_game_titled_lights_out_is_no_lights_out_puzzle() -> None:
    text = ("# Lights Out\n\nLights Out is a horror escape game. The power fails in an old manor and the lights go out; "
            "reveal what happened in each room by torchlight, solve a puzzle at the fuse box and escape before dawn.\n")
    assert parse_gdd(text).genre != "grid_logic"
    text = "# Sweep\nA classic mine sweeper: reveal the cells, flag the mines, each number says how many mines touch it.\n"
    assert (parse_gdd(text).genre, parse_gdd(text).mode) == ("grid_logic", "minesweeper")
    assert GENRE.mode_for("Pressing a light toggles it and its neighbours; turn all the lights off.") == "lights_out"
    assert GENRE.mode_for("flag the mines") == "minesweeper"


# ---- minesweeper rules --------------------------------------------------------------------------

def test_numbers_flood_flags_and_the_win() -> None:
    lv = field(7, 5, [(3, 0), (3, 2), (3, 4)], (0, 2))
    g = Minesweeper.start(lv)
    assert count_at(g.mines, 2, 1) == 2 and count_at(g.mines, 0, 0) == 0
    assert g.reveal(0, 2) == "flood"
    assert sum(map(sum, g.open)) == 15 and g.score == 15 * minesweeper.CELL_POINTS and not g.won
    assert g.toggle_flag(3, 0) == "flag" and g.reveal(3, 0) == "blocked" and not g.blown
    for x, y in [(3, 1), (3, 3)] + [(x, y) for x in range(4, 7) for y in range(5)]:
        g.reveal(x, y)
    assert g.won and not g.over


def test_the_first_reveal_is_safe_and_mines_cost_lives() -> None:
    g = Minesweeper.start(field(5, 5, [(0, 0), (2, 2), (3, 4), (4, 3)], (2, 2)))  # (4, 4) stays shut
    assert g.reveal(2, 2) != "boom" and g.mines[2][2] == 0 and g.mines[0][1] == 1  # moved to the first free cell
    assert g.reveal(0, 0) == "boom" and g.over  # no lives: one mine ends it
    g = Minesweeper.start(field(5, 5, [(0, 0), (3, 4), (4, 3)], (2, 2)), lives=2)
    g.reveal(2, 2)
    assert g.reveal(0, 0) == "boom" and (g.lives, g.over, g.open[0][0]) == (1, False, 1)
    assert g.reveal(3, 4) == "boom" and (g.lives, g.over) == (0, True)


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_minefields_are_no_guess_deterministic_and_denser_later(index: int) -> None:
    lv = rules.generate(req(index, "minesweeper"), {}, random.Random(index))
    assert json.dumps(lv) == json.dumps(rules.generate(req(index, "minesweeper"), {}, random.Random(index)))
    proof = rules.solve(lv, {})
    assert proof is not None and proof["steps"] == len(proof["actions"])
    sx, sy = lv["start"]
    assert all(lv["mines"][y][x] == 0 for x in range(sx - 1, sx + 2) for y in range(sy - 1, sy + 2))
    g = Minesweeper.start(lv)  # the proof replayed by the rules: every flag on a mine, the field cleared
    for kind, x, y in proof["actions"]:
        if kind == "flag":
            assert lv["mines"][y][x] == 1
            g.toggle_flag(x, y)
        else:
            assert g.reveal(x, y) != "boom"
    assert g.won and sum(map(sum, g.flag)) == proof["flags"]
    if index:
        prev = rules.generate(req(index - 1, "minesweeper"), {}, random.Random(index))
        assert lv["mines_count"] > prev["mines_count"]


def test_the_logic_solver_refuses_a_board_that_needs_a_guess() -> None:
    # A wall of two mines over the bottom-right corner; the third mine is in (4, 3) or (4, 4), and
    # every number that sees one sees the other: a coin toss, which a no-guess board must not hold.
    assert logic_solve(field(5, 5, [(3, 2), (4, 2), (4, 4)], (1, 1))) is None
    assert logic_solve(field(5, 5, [(3, 2), (4, 2)], (1, 1))) is not None  # without it, the flood clears all


# ---- lights out rules -------------------------------------------------------------------------

def _brute_min(board: list[list[int]]) -> int:
    n = len(board)
    masks = []
    for i in range(n * n):
        b = [[0] * n for _ in range(n)]
        toggle(b, i % n, i // n)
        masks.append(sum(1 << (y * n + x) for y in range(n) for x in range(n) if b[y][x]))
    target = sum(1 << (y * n + x) for y in range(n) for x in range(n) if board[y][x])
    best = None
    for sub in range(1 << (n * n)):
        acc, k, i = 0, sub, 0
        while k:
            if k & 1:
                acc ^= masks[i]
            k >>= 1
            i += 1
        if acc == target and (best is None or bin(sub).count("1") < best):
            best = bin(sub).count("1")
    assert best is not None
    return best


def test_a_press_toggles_the_plus_and_the_limit_ends_the_board() -> None:
    grid = [[0] * 5 for _ in range(5)]
    toggle(grid, 2, 2)
    lv: dict[str, Any] = {"mode": "lights_out", "n": 5, "board": grid, "par": 1, "moves": 2}
    g = LightsOut.start(lv)
    assert g.lit() == 5
    assert g.press_at(0, 0) == "toggle" and g.lit() == 8 and g.moves == 1
    assert g.press_at(4, 4) == "out" and g.over
    g = LightsOut.start(lv)
    assert g.press_at(2, 2) == "win" and g.won and g.score == lights_out.WIN_POINTS + lights_out.MOVE_POINTS


def test_gf2_elimination_finds_the_fewest_presses() -> None:
    rng = random.Random(5)
    for _ in range(6):  # 4x4 has a 4-dimensional null space: 16 solutions to choose the fewest from
        board = [[0] * 4 for _ in range(4)]
        for _ in range(rng.randint(2, 9)):
            toggle(board, rng.randrange(4), rng.randrange(4))
        best = min_presses(board)
        assert best is not None and len(best) == _brute_min(board)
        b = [list(r) for r in board]
        for i in best:
            toggle(b, i % 4, i // 4)
        assert not any(map(any, b))
    unreachable = [[1, 0, 0, 0, 0]] + [[0] * 5 for _ in range(4)]  # 5x5: not every board can be lit out
    assert min_presses(unreachable) is None


@pytest.mark.parametrize("index", [0, 1, 2])
def test_lights_boards_grow_and_carry_par_plus_slack(index: int) -> None:
    cfg = {"mode": "lights_out"}
    lv = rules.generate(req(index, "lights_out"), cfg, random.Random(index))
    assert json.dumps(lv) == json.dumps(rules.generate(req(index, "lights_out"), cfg, random.Random(index)))
    proof = rules.solve(lv, {})
    assert proof is not None and proof["steps"] == lv["par"] == len(proof["presses"])
    assert lv["moves"] == lv["par"] + lights_out.SLACK[index] and lv["n"] == lights_out.SIZES[index]
    g = LightsOut.start(lv)
    for x, y in proof["presses"]:
        g.press_at(x, y)
    assert g.won


# ---- the real JS: keypoints fail when the rule is broken ------------------------------------------

def _files(mode: str) -> dict[str, bytes]:
    from test_genre_conformance import build

    return build("grid_logic", mode)[1]


def _bundle(mode: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    files = _files(mode)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return files, data


def _run(files: dict[str, bytes], data: dict[str, Any], kp_id: str, broken: tuple[str, str] | None = None) -> tuple[bool | None, str]:
    game_js = files["game/game.js"].decode("utf-8")
    if broken:
        assert broken[0] in game_js
        game_js = game_js.replace(broken[0], broken[1])
    kp = next(k for k in GENRE.keypoints(data["spec"], data["config"], data["levels"]) if k.id == kp_id)
    with HeadlessGame(game_js, files["game/data.js"].decode("utf-8")) as g:
        return kp.run(g)


@pytest.fixture(scope="module")
def mines_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _bundle("minesweeper")


@pytest.fixture(scope="module")
def lights_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _bundle("lights_out")


@pytest.mark.parametrize("kp_id, broken", [
    ("zero_flood_fills", ("if (countAt(m, px, py) === 0) {", "if (false) {")),
    ("first_reveal_safe", ("if (m.mines[y][x]) relocate(m, x, y);", "")),
    ("grid_rules", ("var DIRS8 = [[-1, -1], [0, -1], [1, -1], [-1, 0], [1, 0], [-1, 1], [0, 1], [1, 1]];",
                    "var DIRS8 = [[0, -1], [-1, 0], [1, 0], [0, 1]];")),
    ("flag_blocks_reveal", ("if (m.flag[y][x]) return 'blocked';", "")),
    ("all_safe_wins", ("if (safeOpen(m) === m.w * m.h - m.total) m.won = true;", "")),
])
def test_a_minesweeper_keypoint_fails_on_a_broken_rule(mines_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    files, data = mines_bundle
    assert _run(files, data, kp_id)[0] is True
    passed, message = _run(files, data, kp_id, broken)
    assert passed is False and message


@pytest.mark.parametrize("kp_id, broken", [
    ("grid_rules", ("var PLUS = [[0, 0], [-1, 0], [1, 0], [0, -1], [0, 1]];", "var PLUS = [[0, 0], [1, 0], [0, 1]];")),
    ("out_of_moves_loses", ("if (m.moves <= 0) { m.over = true; return 'out'; }", "")),
])
def test_a_lights_keypoint_fails_on_a_broken_rule(lights_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    files, data = lights_bundle
    assert _run(files, data, kp_id)[0] is True
    passed, message = _run(files, data, kp_id, broken)
    assert passed is False and message


def test_rules_agree_catches_a_drifted_score(mines_bundle: Any) -> None:
    files, data = mines_bundle
    game_js = files["game/game.js"].decode("utf-8").replace("CELL_POINTS = 10,", "CELL_POINTS = 11,")
    with HeadlessGame(game_js, files["game/data.js"].decode("utf-8")) as g:
        why = GENRE.rules_agree(g, data["levels"][0], data["config"], random.Random(0))
    assert why is not None and "score" in why


def test_the_bot_replays_the_proof_with_keys(mines_bundle: Any) -> None:
    files, data = mines_bundle
    proof = rules.solve(data["levels"][0], data["config"])
    assert proof is not None
    plan = qa.proof_keys(data["levels"][0], proof)
    assert len(plan) == proof["steps"] and all(ks[-1] in ("action", "flag") for ks in plan)
    with HeadlessGame(files["game/game.js"].decode("utf-8"), files["game/data.js"].decode("utf-8")) as g:
        result = GENRE.play_level_one(g, data["levels"][0], data["config"])
        assert result.won, result.detail
        assert g.state()["level"] == 2


# ---- in Chromium ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_both_modes_play_with_keys_and_the_mouse_in_chromium(tmp_path: Path, browser: Any) -> None:
    from browser import GamePage, click, fresh, world

    for mode in ("minesweeper", "lights_out"):
        files = _files(mode)
        out = tmp_path / mode
        for name, blob in files.items():
            (out / name).parent.mkdir(parents=True, exist_ok=True)
            (out / name).write_bytes(blob)
        g = GamePage(browser, out / "game")
        assert g.state()["genre"] == "grid_logic"
        fresh(g)
        if mode == "minesweeper":
            g.page.keyboard.press("Space")
            g.page.evaluate("window.maestro.step(2)")
            assert world(g, "w.started && w.open[w.cy][w.cx] === 1"), "Space didn't reveal the start cell"
            closed = world(g, "(() => { for (let y = 0; y < w.h; y++) for (let x = 0; x < w.w; x++) "
                              "if (!w.open[y][x]) return [x, y]; return null; })()")
            rect = g.page.evaluate("Maestro.genres.grid_logic.qa.rect(window.maestro.game, window.maestro.world())")
            px, py = rect["x"] + closed[0] * rect["c"] + rect["c"] / 2, rect["y"] + closed[1] * rect["c"] + rect["c"] / 2
            box = g.page.locator("#game").bounding_box()
            assert box is not None
            g.page.mouse.click(box["x"] + px * box["width"] / 480, box["y"] + py * box["height"] / 270, button="right")
            g.page.evaluate("window.maestro.step(2)")
            assert world(g, f"w.flag[{closed[1]}][{closed[0]}]") == 1, "a right-click didn't flag"
            g.page.keyboard.press("KeyF")
            g.page.evaluate("window.maestro.step(2)")
            assert world(g, f"w.flag[{closed[1]}][{closed[0]}]") == 0, "F didn't lift the flag under the cursor"
        else:
            before = world(g, "w.moves")
            g.page.keyboard.press("Space")
            g.page.evaluate("window.maestro.step(2)")
            assert world(g, "w.moves") == before - 1, "Space didn't press the light"
            rect = g.page.evaluate("Maestro.genres.grid_logic.qa.rect(window.maestro.game, window.maestro.world())")
            click(g, rect["x"] + rect["c"] / 2, rect["y"] + rect["c"] / 2)
            g.page.evaluate("window.maestro.step(1)")
            assert world(g, "[w.moves, w.cx, w.cy]") == [before - 2, 0, 0], "a click didn't press the corner light"
        g.page.evaluate("window.maestro.manual(false)")
        g.page.wait_for_timeout(200)
        assert g.canvas_colors() > 5
        g.page.screenshot(path=str(tmp_path / f"{mode}.png"))
        assert g.errors == []
        g.close()
