"""The minesweeper keypoints: each loads a small hand-made minefield into the build's own game (see
qa.py), plays it with the keys, F or the pointer, and compares the game with the Python rules."""

from __future__ import annotations

from typing import Any, Callable

from maestro.genres.base import Keypoint
from maestro.genres.grid_logic.minesweeper import CELL_POINTS, Minesweeper, count_at
from maestro.genres.grid_logic.qa import call, differs, install, walk
from maestro.genres.headless import HeadlessGame, checked, fail_if


def field(w: int, h: int, mines: list[tuple[int, int]], start: tuple[int, int]) -> dict[str, Any]:
    grid = [[1 if (x, y) in mines else 0 for x in range(w)] for y in range(h)]
    return {"mode": "minesweeper", "w": w, "h": h, "mines_count": len(mines), "mines": grid, "start": list(start),
            "stage": 1, "name": "QA field", "seed": 1, "index": 0}


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install)


class Play:
    """One hand-made field loaded in the game, with the Python rules following the same presses."""

    def __init__(self, game: HeadlessGame, level: dict[str, Any]) -> None:
        self.game = game
        call(game, "load", level)
        self.lives0 = game.state()["lives"]
        self.py = Minesweeper.start(level, self.lives0)

    def keys(self, ks: list[str]) -> dict[str, Any]:
        for k in ks:
            self.py.press(k)
        out: dict[str, Any] = call(self.game, "keys", ks)
        return out

    def at(self, x: int, y: int, key: str = "action") -> dict[str, Any]:
        """Walk the cursor to (x, y) and press ``key`` there."""
        return self.keys(walk(self.py.cx, self.py.cy, x, y) + [key])

    def same(self, r: dict[str, Any], what: str) -> None:
        why = differs(r["view"], self.py)
        fail_if(why is not None, f"{what}: {why}")


def _lost(r: dict[str, Any], lives0: int | None) -> bool:
    return r["status"] == "lost" or (lives0 is not None and r["lives"] is not None and r["lives"] < lives0)


def mine_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []

    @_guard
    def grid_rules(game: HeadlessGame) -> str:
        lv = field(5, 5, [(0, 0), (2, 0), (0, 2)], (4, 4))
        p = Play(game, lv)
        r = p.at(1, 1)
        fail_if(r["view"]["open"][1][1] != 1, "revealing a safe cell did not open it")
        shown = call(game, "count", 1, 1)
        fail_if(shown != 3, f"the cell touching three mines shows {shown}")
        r = p.at(3, 1)
        shown2 = call(game, "count", 3, 1)
        fail_if(shown2 != count_at(lv["mines"], 3, 1) or shown2 != 1, f"the cell touching one mine shows {shown2}")
        p.same(r, "after two reveals")
        return "a revealed cell showed how many of its eight neighbours hold a mine (3, then 1)"

    out.append(Keypoint("grid_rules", "A revealed number counts the mines among its eight neighbours", grid_rules))

    @_guard
    def first_reveal_safe(game: HeadlessGame) -> str:
        lv = field(5, 5, [(0, 0), (2, 2), (4, 4)], (2, 2))  # the cursor starts on a mine
        p = Play(game, lv)
        r = p.keys(["action"])
        v = r["view"]
        fail_if(_lost(r, p.lives0) or v["blown"], "the very first reveal blew up a mine")
        fail_if(v["open"][2][2] != 1 or v["mines"][2][2] != 0, "the first reveal did not open its cell safely")
        fail_if(sum(map(sum, v["mines"])) != 3, "the mine under the first reveal vanished instead of moving")
        p.same(r, "after the first reveal")
        moved = next((x, y) for y, row in enumerate(v["mines"]) for x, c in enumerate(row)
                     if c and not lv["mines"][y][x])
        return f"the first reveal, on a mine, opened safely: the mine moved to {moved}"

    out.append(Keypoint("first_reveal_safe", "The first reveal is always safe", first_reveal_safe))

    @_guard
    def zero_flood_fills(game: HeadlessGame) -> str:
        lv = field(7, 5, [(3, 0), (3, 2), (3, 4)], (0, 2))
        p = Play(game, lv)
        r = p.keys(["action"])
        opened = sum(map(sum, r["view"]["open"]))
        fail_if(opened != 15, f"revealing a zero opened {opened} cells, not the 15 of its region")
        fail_if(any(r["view"]["open"][y][x] for y in range(5) for x in range(3, 7)), "the flood crossed the mines")
        p.same(r, "after the flood")
        fail_if(r["view"]["score"] != 15 * CELL_POINTS, f"the flooded cells scored {r['view']['score']}")
        return "a zero cell opened its whole mine-free region (15 cells) and stopped at the numbers"

    out.append(Keypoint("zero_flood_fills", "Revealing a zero opens its neighbours, and theirs (flood fill)",
                        zero_flood_fills, mechanic="score"))

    @_guard
    def flag_blocks_reveal(game: HeadlessGame) -> str:
        lv = field(5, 5, [(1, 1), (3, 3)], (4, 0))
        p = Play(game, lv)
        p.keys(["action"])  # the first reveal, away from the mines
        r = p.at(1, 1, "flag")
        fail_if(r["view"]["flag"][1][1] != 1, "F did not flag the cell")
        r = p.keys(["action"])
        fail_if(r["view"]["open"][1][1] or r["view"]["blown"] or _lost(r, p.lives0),
                "revealing a flagged cell opened it")
        r = p.keys(["flag"])
        fail_if(r["view"]["flag"][1][1] != 0, "F again did not lift the flag")
        p.same(r, "after flagging")
        return "F flagged a mined cell, a reveal there was refused, F again lifted the flag"

    out.append(Keypoint("flag_blocks_reveal", "F flags a cell, and a flagged cell cannot be revealed",
                        flag_blocks_reveal))

    @_guard
    def mine_loses(game: HeadlessGame) -> str:
        lv = field(5, 5, [(1, 1), (3, 3), (4, 3)], (4, 0))
        p = Play(game, lv)
        p.keys(["action"])
        r = p.at(3, 3)
        fail_if(not _lost(r, p.lives0), f"revealing a mine did not lose (status {r['status']}, lives {r['lives']})")
        fail_if(r["last_loss"] != "mine", f"the loss says {r['last_loss']!r}")
        if p.lives0 is None or r["status"] == "lost":
            return "revealing a mine lost the game"
        fail_if(r["status"] != "playing" or not r["view"]["open"][3][3], "after a lost life the field did not go on")
        p.same(r, "after the mine")
        lost_all = r
        for x, y in [(1, 1), (4, 3)][: max(0, p.lives0 - 1)]:
            lost_all = p.at(x, y)
        fail_if(p.lives0 <= 3 and lost_all["status"] != "lost", "the last life lost to a mine did not end the game")
        return f"a mine cost a life ({p.lives0} -> {r['lives']}) with the blown mine left on the board; the last life ended the game"

    out.append(Keypoint("mine_loses", "Revealing a mine loses (a life, when the game has lives)", mine_loses,
                        mechanic="lives" if any(m.get("id") == "lives" for m in spec.get("mechanics") or []) else None))

    @_guard
    def all_safe_wins(game: HeadlessGame) -> str:
        lv = field(5, 5, [(4, 4), (2, 4)], (0, 0))
        p = Play(game, lv)
        r = p.keys(["action"])
        fail_if(r["cleared"] or r["status"] == "won", "the level was won with a safe cell still closed")
        r = p.at(3, 4)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"every safe cell open did not win ({r['status']})")
        return "opening the last safe cell won the level (and not a cell before)"

    out.append(Keypoint("all_safe_wins", "Revealing every cell without a mine wins the level", all_safe_wins))

    @_guard
    def pointer_plays(game: HeadlessGame) -> str:
        lv = field(5, 5, [(1, 1), (3, 3)], (4, 0))
        p = Play(game, lv)
        rect = call(game, "rect")
        c = rect["c"]

        def cell(x: int, y: int) -> tuple[int, int]:
            return rect["x"] + x * c + c // 2, rect["y"] + y * c + c // 2

        x, y = cell(4, 0)
        r = call(game, "gesture", x, y, x, y, 80, 0)
        fail_if(r["view"]["open"][0][4] != 1, "a click on a cell did not reveal it")
        x, y = cell(1, 1)
        r = call(game, "gesture", x, y, x, y, 80, 2)
        fail_if(r["view"]["flag"][1][1] != 1, "a right-click did not flag the cell")
        x, y = cell(3, 3)
        r = call(game, "gesture", x, y, x + 1, y, 700, 0)
        fail_if(r["view"]["flag"][3][3] != 1 or r["view"]["blown"], "a long press did not flag the cell")
        p.py.act("open", 4, 0)
        p.py.act("flag", 1, 1)
        p.py.act("flag", 3, 3)
        p.same(r, "after the clicks")
        return "a click revealed a cell, a right-click flagged one, a long press (touch) flagged another"

    out.append(Keypoint("pointer_plays", "Mouse / touch plays: click reveals, right-click or long press flags",
                        pointer_plays, mechanic="mouse"))
    if len(levels) > 1:
        out.append(_harder(levels))
    return out


def _harder(levels: list[dict[str, Any]]) -> Keypoint:
    def check(game: HeadlessGame) -> tuple[bool | None, str]:
        counts = [int(lv.get("mines_count") or 0) for lv in levels]
        if counts[-1] <= counts[0]:
            return False, f"the last field has no more mines than the first ({counts})"
        return True, f"the mines rise level by level ({' -> '.join(map(str, counts))})"

    return Keypoint("mines_rise", "Later fields hold more mines", check)
