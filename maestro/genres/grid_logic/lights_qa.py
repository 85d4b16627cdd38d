"""The lights-out keypoints: each loads a small hand-made board into the build's own game (see
qa.py), presses lights with the keys or the pointer, and compares the game with the Python rules."""

from __future__ import annotations

from typing import Any, Callable

from maestro.genres.base import Keypoint
from maestro.genres.grid_logic.lights_out import LightsOut, toggle
from maestro.genres.grid_logic.qa import call, differs, install, walk
from maestro.genres.headless import HeadlessGame, checked, fail_if


def board(n: int, lit: list[tuple[int, int]], moves: int = 10) -> dict[str, Any]:
    b = [[1 if (x, y) in lit else 0 for x in range(n)] for y in range(n)]
    return {"mode": "lights_out", "n": n, "board": b, "par": 1, "moves": moves, "stage": 1,
            "name": "QA lights", "seed": 1, "index": 0}


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install)


def _press(game: HeadlessGame, py: LightsOut, x: int, y: int) -> dict[str, Any]:
    ks = walk(py.cx, py.cy, x, y) + ["action"]
    for k in ks:
        py.press(k)
    out: dict[str, Any] = call(game, "keys", ks)
    return out


def lights_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []

    @_guard
    def grid_rules(game: HeadlessGame) -> str:
        lv = board(5, [(0, 0), (4, 4), (2, 0)])
        call(game, "load", lv)
        py = LightsOut.start(lv)
        before = [list(r) for r in lv["board"]]
        r = _press(game, py, 2, 2)
        v = r["view"]
        flipped = sorted((x, y) for y in range(5) for x in range(5) if v["board"][y][x] != before[y][x])
        fail_if(flipped != [(1, 2), (2, 1), (2, 2), (2, 3), (3, 2)],
                f"pressing the centre toggled {flipped}, not it and its four neighbours")
        fail_if(v["moves"] != lv["moves"] - 1, "the press did not spend a move")
        mid = [list(row) for row in v["board"]]
        r = _press(game, py, 0, 4)
        corner = sorted((x, y) for y in range(5) for x in range(5) if r["view"]["board"][y][x] != mid[y][x])
        fail_if(corner != [(0, 3), (0, 4), (1, 4)], f"pressing a corner toggled {corner}, not it and its two neighbours")
        why = differs(r["view"], py)
        fail_if(why is not None, f"after two presses: {why}")
        return "a press toggled the light and its four neighbours (a plus; two at a corner) and spent a move"

    out.append(Keypoint("grid_rules", "Pressing a light toggles it and its four neighbours", grid_rules))

    @_guard
    def all_off_wins(game: HeadlessGame) -> str:
        lit = [(2, 2), (1, 2), (3, 2), (2, 1), (2, 3), (0, 0), (1, 0), (0, 1)]
        lv = board(5, lit)
        call(game, "load", lv)
        py = LightsOut.start(lv)
        r = _press(game, py, 2, 2)
        fail_if(r["cleared"] or r["status"] == "won", "the level was won with lights still on")
        r = _press(game, py, 0, 0)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"turning the last light off did not win ({r['status']})")
        return "the press that turned the last lights off won the level (not the one before)"

    out.append(Keypoint("all_off_wins", "Turning every light off wins the level", all_off_wins))

    @_guard
    def out_of_moves_loses(game: HeadlessGame) -> str:
        lv = board(5, [(2, 2), (1, 2), (3, 2), (2, 1), (2, 3)], moves=2)
        call(game, "load", lv)
        lives0 = game.state()["lives"]
        py = LightsOut.start(lv)
        r = _press(game, py, 0, 0)
        fail_if(r["status"] != "playing" or r["view"]["moves"] != 1, "a move short of the limit already ended the level")
        r = _press(game, py, 4, 4)
        lost = r["status"] == "lost" or (lives0 is not None and r["lives"] < lives0)
        fail_if(not lost, f"the last move spent with lights on did not lose (status {r['status']}, lives {r['lives']})")
        fail_if(r["last_loss"] != "out of moves", f"the loss says {r['last_loss']!r}")
        if lives0 is not None and r["status"] == "playing":
            fail_if(r["view"]["board"] != lv["board"] or r["view"]["moves"] != 2, "after a lost life the board did not start again")
        return "spending the last move with lights still on lost the level" + (
            " (a life; the board started again)" if lives0 is not None else "")

    out.append(Keypoint("out_of_moves_loses", "Running out of moves with a light still on loses", out_of_moves_loses))

    @_guard
    def pointer_plays(game: HeadlessGame) -> str:
        lv = board(5, [(0, 0), (1, 0), (0, 1)])
        call(game, "load", lv)
        rect = call(game, "rect")
        c = rect["c"]
        r = call(game, "gesture", rect["x"] + c // 2, rect["y"] + c // 2, rect["x"] + c // 2, rect["y"] + c // 2, 60, 0)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), "a tap on the corner light did not press it")
        want = [list(row) for row in lv["board"]]
        toggle(want, 0, 0)
        fail_if(any(map(any, want)), "the QA board is wrong")
        return "a tap on a light pressed it (and turned the board dark)"

    out.append(Keypoint("pointer_plays", "Mouse / touch plays: tap a light to press it", pointer_plays, mechanic="mouse"))

    @_guard
    def par_limits_moves(game: HeadlessGame) -> str:
        lv = levels[0]
        fail_if(int(lv["moves"]) < int(lv["par"]), f"level 1 allows {lv['moves']} moves, fewer than its par {lv['par']}")
        v = call(game, "load", lv)
        fail_if(v["moves"] != int(lv["moves"]), f"level 1 starts with {v['moves']} moves, not {lv['moves']}")
        return f"level 1 gives {lv['moves']} moves for a par of {lv['par']} presses"

    out.append(Keypoint("par_limits_moves", "Each board has a move limit: its fewest presses plus a little slack",
                        par_limits_moves))
    return out
