"""Minesweeper (genre "grid_logic", mode "minesweeper"): the rule book, the no-guess generator and
the logic solver whose moves are each level's proof.

The rules, integers only and the same as ``grid_logic.js`` plays them:

* a w x h grid; ``level.mines[y][x]`` is 1 under a mine. A cell's number is the count of mines
  among its eight neighbours, computed when it is shown (never stored).
* reveal (Space / Enter, a click, a tap) at the cursor: a flagged cell refuses ("blocked"), an open
  one does nothing. The very first reveal of a level is always safe: if it lands on a mine, that
  mine moves to the first mine-free cell in reading order (row by row) other than this one. A safe
  cell opens and scores 10; a zero opens its unflagged neighbours too, and so on (the flood), each
  opened cell scoring 10. A mine opens as blown: without lives the level is lost; with lives it costs
  one and play goes on with the blown mine shown (the last life lost ends the game).
* flag (F, a right-click, a long press) toggles a flag on a closed cell.
* every safe cell open wins the level.

No-guess boards: the generator (MINSTD, ``s = s * 48271 % 2147483647``) lays mines outside the 3x3
around ``level.start`` and keeps only a layout that :func:`solve` opens from that cell by logic
alone: single-cell rules (a number whose unknown neighbours must all be mines, or all safe), the
pair rule over two numbers (if B's count minus A's equals the cells B has and A lacks, those are all
mines and A's cells B lacks are all safe; a subset is one case of it), and the mine total. The proof
is that solver's sequence of reveals and flags.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from maestro.spec import LevelRequest

MODULUS = 2147483647
MULTIPLIER = 48271
CELL_POINTS = 10
# (w, h) per stage; the last repeats. Mines follow the density, or the GDD's count.
SIZES = ((9, 9), (12, 10), (15, 11), (16, 12))
MAX_W, MAX_H = 16, 12
MAX_DENSITY_PCT = 22
GEN_TRIES = 80
DIRS8 = ((-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1))
KEYS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}

Grid = list[list[int]]


def lcg(s: int) -> int:
    return s * MULTIPLIER % MODULUS


def neighbours(w: int, h: int, x: int, y: int) -> list[tuple[int, int]]:
    return [(x + dx, y + dy) for dx, dy in DIRS8 if 0 <= x + dx < w and 0 <= y + dy < h]


def count_at(mines: Grid, x: int, y: int) -> int:
    h, w = len(mines), len(mines[0])
    return sum(mines[ny][nx] for nx, ny in neighbours(w, h, x, y))


@dataclass
class Minesweeper:
    """One minesweeper level under the rules of the module docstring."""

    mines: Grid
    open: Grid
    flag: Grid
    cx: int
    cy: int
    lives: int | None = None
    started: bool = False
    blown: int = 0
    score: int = 0
    won: bool = False
    over: bool = False
    total: int = field(default=0)

    @classmethod
    def start(cls, level: dict[str, Any], lives: int | None = None) -> "Minesweeper":
        mines = [list(map(int, r)) for r in level["mines"]]
        h, w = len(mines), len(mines[0])
        sx, sy = (level.get("start") or [w // 2, h // 2])[:2]
        return cls(mines=mines, open=[[0] * w for _ in range(h)], flag=[[0] * w for _ in range(h)],
                   cx=int(sx), cy=int(sy), lives=lives, total=sum(map(sum, mines)))

    @property
    def w(self) -> int:
        return len(self.mines[0])

    @property
    def h(self) -> int:
        return len(self.mines)

    def safe_open(self) -> int:
        return sum(1 for y in range(self.h) for x in range(self.w) if self.open[y][x] and not self.mines[y][x])

    def _relocate(self, x: int, y: int) -> None:
        """The first reveal found a mine: it moves to the first free cell in reading order."""
        for ty in range(self.h):
            for tx in range(self.w):
                if not self.mines[ty][tx] and (tx, ty) != (x, y):
                    self.mines[ty][tx], self.mines[y][x] = 1, 0
                    return

    def reveal(self, x: int, y: int) -> str:
        """Reveal (x, y): "blocked" (a flag), "boom", "flood" (more than one cell), "open" or ""."""
        if self.won or self.over or self.open[y][x]:
            return ""
        if self.flag[y][x]:
            return "blocked"
        if not self.started:
            self.started = True
            if self.mines[y][x]:
                self._relocate(x, y)
        if self.mines[y][x]:
            self.open[y][x] = 1
            self.blown += 1
            if self.lives is None:
                self.over = True
            else:
                self.lives -= 1
                self.over = self.lives <= 0
            return "boom"
        opened = 0
        stack = [(x, y)]
        while stack:
            px, py = stack.pop()
            if self.open[py][px] or self.flag[py][px]:
                continue
            self.open[py][px] = 1
            opened += 1
            if count_at(self.mines, px, py) == 0:
                stack.extend((nx, ny) for nx, ny in neighbours(self.w, self.h, px, py)
                             if not self.open[ny][nx] and not self.flag[ny][nx])
        self.score += CELL_POINTS * opened
        if self.safe_open() == self.w * self.h - self.total:
            self.won = True
        return "flood" if opened > 1 else "open"

    def toggle_flag(self, x: int, y: int) -> str:
        if self.won or self.over or self.open[y][x]:
            return ""
        self.flag[y][x] ^= 1
        return "flag" if self.flag[y][x] else "unflag"

    def press(self, key: str) -> str:
        """One key: an arrow moves the cursor, "action" reveals, "flag" flags (at the cursor)."""
        if self.won or self.over:
            return ""
        if key in KEYS:
            dx, dy = KEYS[key]
            self.cx, self.cy = min(self.w - 1, max(0, self.cx + dx)), min(self.h - 1, max(0, self.cy + dy))
            return "cursor"
        if key == "action":
            return self.reveal(self.cx, self.cy)
        if key == "flag":
            return self.toggle_flag(self.cx, self.cy)
        return ""

    def act(self, kind: str, x: int, y: int) -> str:
        """A pointer action on a cell: the cursor goes there, then it reveals or flags."""
        if self.won or self.over:
            return ""
        self.cx, self.cy = x, y
        return self.toggle_flag(x, y) if kind == "flag" else self.reveal(x, y)


# ---- the logic solver (no guessing) -----------------------------------------------------------

Cell = tuple[int, int]


def _constraints(g: Minesweeper, known: set[Cell]) -> list[tuple[frozenset[Cell], int]]:
    """Every open number's unknown neighbours and how many mines are among them."""
    out = []
    for y in range(g.h):
        for x in range(g.w):
            if not g.open[y][x] or g.mines[y][x]:
                continue
            n = count_at(g.mines, x, y)
            if n == 0:
                continue
            unknown, flagged = [], 0
            for c in neighbours(g.w, g.h, x, y):
                if c in known:
                    flagged += 1
                elif not g.open[c[1]][c[0]]:
                    unknown.append(c)
            if unknown:
                out.append((frozenset(unknown), n - flagged))
    return out


def _deduce(g: Minesweeper, known: set[Cell]) -> tuple[set[Cell], set[Cell]]:
    """(safe cells, mine cells) the rules prove now: single cells first, then pairs, then the total."""
    cons = _constraints(g, known)
    safe: set[Cell] = set()
    mines: set[Cell] = set()
    for cells, k in cons:
        if k == 0:
            safe |= cells
        elif k == len(cells):
            mines |= cells
    if safe or mines:
        return safe, mines
    by_cell: dict[Cell, list[int]] = {}
    for i, (cells, _) in enumerate(cons):
        for c in cells:
            by_cell.setdefault(c, []).append(i)
    for i, (a, ka) in enumerate(cons):
        near = sorted({j for c in a for j in by_cell[c] if j != i})
        for j in near:
            b, kb = cons[j]
            if kb - ka == len(b - a):
                mines |= b - a
                safe |= a - b
    if safe or mines:
        return safe, mines
    unknown = {(x, y) for y in range(g.h) for x in range(g.w) if not g.open[y][x] and (x, y) not in known}
    left = g.total - len(known)
    if left == 0:
        return unknown, set()
    if left == len(unknown):
        return set(), unknown
    return set(), set()


def logic_solve(level: dict[str, Any]) -> list[list[Any]] | None:
    """The reveals and flags that open every safe cell from ``level.start`` by logic alone, or None
    when the board needs a guess somewhere."""
    g = Minesweeper.start(level)
    sx, sy = g.cx, g.cy
    if g.mines[sy][sx]:
        return None  # a proof must not lean on the first-reveal rescue
    actions: list[list[Any]] = [["reveal", sx, sy]]
    g.reveal(sx, sy)
    known: set[Cell] = set()
    while not g.won:
        safe, mines = _deduce(g, known)
        if not safe and not mines:
            return None
        for c in sorted(mines - known, key=lambda c: (c[1], c[0])):
            known.add(c)
            actions.append(["flag", c[0], c[1]])
        for x, y in sorted(safe, key=lambda c: (c[1], c[0])):
            if g.open[y][x]:
                continue
            if g.reveal(x, y) == "boom":
                raise AssertionError(f"the logic solver proved a mine safe at {(x, y)}")
            actions.append(["reveal", x, y])
    return actions


# ---- the generator ------------------------------------------------------------------------------

def stage_size(req: LevelRequest, config: dict[str, Any]) -> tuple[int, int, int]:
    """(w, h, mines) for the request: the GDD's grid and mine count where it gives them, else a
    bigger, denser field each level."""
    stage = req.index + 1
    size = config.get("size")
    if isinstance(size, list) and len(size) == 2:
        w, h = int(size[0]), int(size[1])
    else:
        w, h = SIZES[min(stage, len(SIZES)) - 1]
    cells = w * h
    asked = int(config.get("mines") or 0)
    d = max(1.0, float(req.difficulty))
    if asked:
        mines = asked + req.index * max(1, asked // 5)
    else:
        mines = cells * (12 + 2 * req.index + int(3 * (d - 1))) // 100
    room = cells - 9  # the start's 3x3 is kept clear
    return w, h, max(1, min(mines, cells * MAX_DENSITY_PCT // 100, room))


def lay_mines(w: int, h: int, n: int, start: Cell, s: int) -> tuple[Grid, int]:
    """``n`` mines outside the 3x3 around ``start`` (a partial Fisher-Yates on MINSTD); the rng after."""
    sx, sy = start
    free = [(x, y) for y in range(h) for x in range(w) if abs(x - sx) > 1 or abs(y - sy) > 1]
    for i in range(min(n, len(free))):
        s = lcg(s)
        j = i + s % (len(free) - i)
        free[i], free[j] = free[j], free[i]
    grid = [[0] * w for _ in range(h)]
    for x, y in free[:n]:
        grid[y][x] = 1
    return grid, s


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A no-guess board: layouts from one MINSTD stream until the logic solver clears one (the last
    layout tried when none does: the Labyrinth then asks again with another seed)."""
    w, h, n = stage_size(req, config)
    s = rng.randint(1, MODULUS - 2)
    level: dict[str, Any] = {}
    for _ in range(GEN_TRIES):
        seed = s
        s = lcg(s)
        start = (1 + s % (w - 2), 1 + lcg(s) % (h - 2))
        s = lcg(s)
        mines, s = lay_mines(w, h, n, start, s)
        level = {"mode": "minesweeper", "w": w, "h": h, "mines_count": n, "mines": mines, "start": list(start),
                 "stage": req.index + 1, "mine_seed": seed}
        if logic_solve(level) is not None:
            return level
    return level


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    actions = logic_solve(level)
    if actions is None:
        return None
    flags = sum(1 for a in actions if a[0] == "flag")
    return {"steps": len(actions), "actions": actions, "reveals": len(actions) - flags, "flags": flags}


def describe(level: dict[str, Any]) -> str:
    return (f"minesweeper {level.get('w')}x{level.get('h')}, {level.get('mines_count')} mines, no-guess from "
            f"{tuple(level.get('start') or ())}")
