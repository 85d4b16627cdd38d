"""Lights Out (genre "grid_logic", mode "lights_out"): the rule book, the generator and the solver.

The rules, integers only and the same as ``grid_logic.js`` plays them: an n x n grid of lights
(``level.board[y][x]`` 1 = on). Pressing a light (Space / Enter at the cursor, a click, a tap)
toggles it and its four neighbours (the plus shape; the edges cut it) and spends a move. All lights
off wins; the last of ``level.moves`` moves spent with a light still on loses (with lives, costs one
and the board starts again).

Boards are made by pressing random cells of the dark grid (MINSTD, ``s = s * 48271 % 2147483647``),
so every board is solvable; the solver is Gaussian elimination over GF(2) on the press matrix, and
of the solutions (the particular one plus every combination of the null space: two free presses on
5x5) it keeps the one with fewest presses — the level's par. The move limit is par + slack.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from maestro.spec import LevelRequest

MODULUS = 2147483647
MULTIPLIER = 48271
SIZES = (5, 5, 6, 7)  # per stage; the last repeats
SLACK = (4, 3, 3, 2)
WIN_POINTS, MOVE_POINTS = 100, 20
GEN_TRIES = 40
KEYS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
PLUS = ((0, 0), (-1, 0), (1, 0), (0, -1), (0, 1))

Grid = list[list[int]]


def lcg(s: int) -> int:
    return s * MULTIPLIER % MODULUS


def toggle(board: Grid, x: int, y: int) -> None:
    """Press (x, y): it and its four neighbours flip."""
    n = len(board)
    for dx, dy in PLUS:
        px, py = x + dx, y + dy
        if 0 <= px < n and 0 <= py < n:
            board[py][px] ^= 1


@dataclass
class LightsOut:
    """One lights-out level under the rules of the module docstring."""

    board: Grid
    moves: int
    par: int
    cx: int
    cy: int
    used: int = 0
    score: int = 0
    won: bool = False
    over: bool = False

    @classmethod
    def start(cls, level: dict[str, Any]) -> "LightsOut":
        b = [list(map(int, r)) for r in level["board"]]
        return cls(board=b, moves=int(level["moves"]), par=int(level.get("par") or 0), cx=len(b) // 2, cy=len(b) // 2)

    def lit(self) -> int:
        return sum(map(sum, self.board))

    def press_at(self, x: int, y: int) -> str:
        """Press the light at (x, y): "win", "out" (the last move spent), "toggle" or ""."""
        if self.won or self.over:
            return ""
        toggle(self.board, x, y)
        self.moves -= 1
        self.used += 1
        if self.lit() == 0:
            self.won = True
            self.score += WIN_POINTS + MOVE_POINTS * self.moves
            return "win"
        if self.moves <= 0:
            self.over = True
            return "out"
        return "toggle"

    def press(self, key: str) -> str:
        if self.won or self.over:
            return ""
        n = len(self.board)
        if key in KEYS:
            dx, dy = KEYS[key]
            self.cx, self.cy = min(n - 1, max(0, self.cx + dx)), min(n - 1, max(0, self.cy + dy))
            return "cursor"
        if key == "action":
            return self.press_at(self.cx, self.cy)
        return ""

    def act(self, kind: str, x: int, y: int) -> str:
        if self.won or self.over:
            return ""
        self.cx, self.cy = x, y
        return self.press_at(x, y) if kind != "flag" else ""


# ---- the GF(2) solver ------------------------------------------------------------------------

def _bits(board: Grid) -> int:
    n = len(board)
    return sum(1 << (y * n + x) for y in range(n) for x in range(n) if board[y][x])


def _press_mask(n: int, i: int) -> int:
    x, y = i % n, i // n
    return sum(1 << (py * n + px) for dx, dy in PLUS for px, py in [(x + dx, y + dy)] if 0 <= px < n and 0 <= py < n)


def min_presses(board: Grid) -> list[int] | None:
    """The fewest cells (indices y * n + x) whose presses turn every light off; None if none do.
    Elimination over GF(2): row r of the system is cell r's equation (which presses flip it), the
    unknowns are bits of an int, the right-hand side a separate bit."""
    n = len(board)
    size = n * n
    rows = []
    target = _bits(board)
    for r in range(size):  # the press matrix is symmetric: cell r is flipped by the presses that cover r
        rows.append([_press_mask(n, r), (target >> r) & 1])
    pivots: list[int] = []
    rank = 0
    for col in range(size):
        pr = next((r for r in range(rank, size) if rows[r][0] >> col & 1), None)
        if pr is None:
            continue
        rows[rank], rows[pr] = rows[pr], rows[rank]
        for r in range(size):
            if r != rank and rows[r][0] >> col & 1:
                rows[r][0] ^= rows[rank][0]
                rows[r][1] ^= rows[rank][1]
        pivots.append(col)
        rank += 1
    if any(rows[r][1] for r in range(rank, size)):
        return None
    free = [c for c in range(size) if c not in pivots]
    best: int | None = None
    for combo in range(1 << len(free)):
        x = 0
        for k, c in enumerate(free):
            if combo >> k & 1:
                x |= 1 << c
        for r, col in enumerate(pivots):
            bit = rows[r][1] ^ (bin(rows[r][0] & x & ~(1 << col)).count("1") & 1)
            if bit:
                x |= 1 << col
        if best is None or (bin(x).count("1"), x) < (bin(best).count("1"), best):
            best = x
    assert best is not None
    return [i for i in range(size) if best >> i & 1]


# ---- the generator and the protocol -----------------------------------------------------------

def _stage(req: LevelRequest) -> tuple[int, int]:
    i = min(req.index, len(SIZES) - 1)
    return SIZES[i], SLACK[i]


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Random presses on the dark grid (more each level) until the minimal solution is long enough."""
    n, slack = _stage(req)
    d = max(1.0, float(req.difficulty))
    want = min(n * n // 2, 4 + 2 * req.index + int(2 * (d - 1)))
    asked = int(config.get("moves") or 0)
    if asked:  # the GDD's move limit: never more presses needed than it allows
        want = max(1, min(want, asked))
    s = rng.randint(1, MODULUS - 2)
    level: dict[str, Any] = {}
    for _ in range(GEN_TRIES):
        board = [[0] * n for _ in range(n)]
        cells = list(range(n * n))
        for i in range(want):
            s = lcg(s)
            j = i + s % (len(cells) - i)
            cells[i], cells[j] = cells[j], cells[i]
            toggle(board, cells[i] % n, cells[i] // n)
        best = min_presses(board)
        par = len(best) if best is not None else 0
        limit = asked if asked else par + slack
        level = {"mode": "lights_out", "n": n, "board": board, "par": par, "moves": limit, "stage": req.index + 1}
        if par >= min(want, 3 + req.index):
            return level
    return level


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    board = [list(map(int, r)) for r in level["board"]]
    n = len(board)
    best = min_presses(board)
    if not best or len(best) > int(level["moves"]):
        return None
    return {"steps": len(best), "presses": [[i % n, i // n] for i in best]}


def describe(level: dict[str, Any]) -> str:
    lit = sum(map(sum, level.get("board") or []))
    return f"lights out {level.get('n')}x{level.get('n')}, {lit} lights on, par {level.get('par')} in {level.get('moves')} moves"
