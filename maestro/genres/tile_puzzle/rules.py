"""Tile puzzles (genre "tile_puzzle"): the rule book, the level generator and the solver.

Two modes, each a copy of the rules ``tile_puzzle.js`` plays, in integers only, so that the JS and
the Python agree bit for bit:

``falling`` (falling blocks, Tetris-like). A 10x20 well; the seven tetrominoes (their four rotations
are a table in ``config.pieces`` that both sides read); a 7-bag randomiser: each bag of the seven is
shuffled by Fisher-Yates driven by MINSTD (``s = s * 48271 % 2147483647``, seeded by
``level.bag_seed``). One fixed step (1/60 s) does, in order: Up rotates clockwise (kicks: in place,
one column left, one column right); Left / Right move a column when pressed, and repeat while held
(after ``das`` frames, every ``arr`` frames); Space / Enter hard-drops and locks (2 points a row);
then gravity: every ``level.gravity`` frames (every 2 frames while Down is held, 1 point a row) the
piece falls a row, or locks when it cannot. A lock writes the piece, clears the full rows (the rows
above fall), scores 100 / 300 / 500 / 800 times the stage for 1-4 rows, and spawns the next piece;
clearing ``level.lines`` rows wins the level, a piece that cannot spawn tops the stack out (lost).

``match3`` (swap gems). A w x h board of ``level.colors`` kinds of gem, no line of three at the start.
Arrows move a cursor; Space / Enter picks the gem under it; then an arrow swaps it with its
neighbour that way (Space again drops the pick). A swap that makes a line of 3+ costs a move and
clears every line (10 points a gem, times the cascade step); the gems above fall and the columns
refill from the top, left column first, from a MINSTD generator seeded by ``level.refill_seed`` (the
new gem is ``s % colors``), and new lines clear again (a cascade). A swap that makes no line is
undone and costs nothing. A board left without any move is dealt anew from the same generator.
Collecting ``goal.count`` gems of kind ``goal.kind`` within ``level.moves`` moves wins; running out
of moves loses.

``mahjong`` (pair-matching solitaire) has its own rule book, deal and solver in ``mahjong.py``; this
module hands its levels there (``config_for``, ``generate``, ``solve``, ``describe``).

The solver's proofs are inputs: falling, per piece (rotations, columns) replayed as key presses
through the exact frame rules (so gravity during the presses is part of the proof); match3, the
swaps (x, y, direction); merge, the slides.

``merge`` (sliding tiles, 2048-like). A 4x4 grid of tiles kept as exponents (1 = 2, 2 = 4 ...). An
arrow slides every tile that way; two equal neighbours merge once per slide into the next tile,
scoring its value. A slide that moved anything spawns a tile in the ``s % empties``-th empty cell
(row by row), a 4 when the next ``s % 10`` is 0, else a 2 (MINSTD, ``level.spawn_seed``). A tile of
``level.target`` wins; a full grid with no merge left loses. The spawns being seeded, the solver's
beam search knows every line of play in advance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from maestro.genres.tile_puzzle import mahjong
from maestro.spec import GameSpec, LevelRequest

MODES = ("falling", "match3", "merge", "mahjong")
MODULUS = 2147483647
MULTIPLIER = 48271

WELL_W, WELL_H = 10, 20
SPAWN_X = 3
LINE_POINTS = (0, 100, 300, 500, 800)
SOFT_FRAMES = 2
KICKS = (0, -1, 1)

# The seven tetrominoes at spawn (x, y) in their n x n box: I O T S Z J L.
PIECE_NAMES = ("I", "O", "T", "S", "Z", "J", "L")
SHAPES: tuple[tuple[int, tuple[tuple[int, int], ...]], ...] = (
    (4, ((0, 1), (1, 1), (2, 1), (3, 1))),
    (0, ((1, 0), (2, 0), (1, 1), (2, 1))),  # n = 0: the O does not turn
    (3, ((1, 0), (0, 1), (1, 1), (2, 1))),
    (3, ((1, 0), (2, 0), (0, 1), (1, 1))),
    (3, ((0, 0), (1, 0), (1, 1), (2, 1))),
    (3, ((0, 0), (0, 1), (1, 1), (2, 1))),
    (3, ((2, 0), (0, 1), (1, 1), (2, 1))),
)
# Classic hues, each leaned toward one palette role so a build's pieces wear its palette.
CLASSIC = ("#3fd0e0", "#f0d040", "#b050e0", "#50d050", "#e04848", "#4870e8", "#f09030")
PIECE_ROLES = ("item", "accent", "enemy2", "item2", "enemy", "player", "goal")
TILE_HUES = ("#eee4da", "#ede0c8", "#f2b179", "#f59563", "#f67c5f", "#f65e3b", "#edcf72", "#edcc61", "#edc850",
             "#edc53f", "#edc22e", "#3c3a32")
GEM_NAMES = ("Ruby", "Sapphire", "Emerald", "Topaz", "Amethyst", "Pearl")
GEM_HUES = ("#e84848", "#4878f0", "#48d068", "#f0c838", "#b058e8", "#e8e8f0")


def rotations() -> list[list[list[list[int]]]]:
    """Each piece's four rotations (cells in its box), clockwise: (x, y) -> (n - 1 - y, x)."""
    out = []
    for n, cells in SHAPES:
        rots = [[list(c) for c in cells]]
        for _ in range(3):
            prev = rots[-1]
            rots.append([[n - 1 - y, x] for x, y in prev] if n else [list(c) for c in prev])
        out.append(rots)
    return out


PIECES = rotations()


def lcg(s: int) -> int:
    return s * MULTIPLIER % MODULUS


def seed_of(v: Any) -> int:
    return int(v or 1) % (MODULUS - 1) + 1


# ---- config ------------------------------------------------------------------------------------

def _mix(a: str, b: str | None, wa: int = 6) -> str:
    """Hex colour ``a`` leaned toward ``b`` (wa/10 of a)."""
    if not b or not b.startswith("#") or len(b) != 7:
        return a
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{(x * wa + y * (10 - wa)) // 10:02x}" for x, y in zip(ca, cb))


def _num(params: dict[str, Any] | None, keys: tuple[str, ...], default: int, lo: int, hi: int) -> int:
    for k in keys:
        v = (params or {}).get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(min(hi, max(lo, v)))
    return default


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The tunables: the mode, the piece table and colours, and the gem kinds (the GDD's items
    first, by slug and name, then the default gems), coloured from the build's palette."""
    colors = dict(spec.art.palette.colors)
    mode = spec.mode if spec.mode in MODES else MODES[0]
    kinds = [{"slug": it.slug, "name": it.name[:14]} for it in spec.items[:6]]
    for name in GEM_NAMES[len(kinds):]:
        kinds.append({"slug": "", "name": name})
    # the items the GDD itself asks for (not a default one): they name the falling pieces' kinds and
    # the merge tiles, drawn on them
    asked = {r.term for r in spec.requirements if r.kind == "item" and r.term}
    own = [it.slug for it in spec.items if it.slug in asked]
    lines = spec.params_of("lines", "line_clear", "goal")
    moves = spec.params_of("moves", "move_limit", "turns")
    out: dict[str, Any] = {
        "mode": mode,
        "well_w": WELL_W, "well_h": WELL_H, "spawn_x": SPAWN_X,
        "pieces": PIECES, "piece_names": list(PIECE_NAMES),
        "piece_colors": [_mix(c, colors.get(r)) for c, r in zip(CLASSIC, PIECE_ROLES)],
        "gravity": 36, "min_gravity": 6, "das": 12, "arr": 3,
        "lines": _num(lines, ("lines", "count", "goal"), 0, 0, 40),
        "block_slugs": (own[:7] + [""] * 7)[:7],
        "tile_slug": own[0] if own else "",
        "line_points": list(LINE_POINTS),
        "kinds": kinds,
        "gem_colors": [_mix(c, colors.get(r), 7) for c, r in zip(GEM_HUES, ("enemy", "player", "item2", "accent",
                                                                             "enemy2", "ui_text"))],
        "moves": _num(moves, ("moves", "limit", "count"), 0, 0, 60),
        "beam": 3,
        "merge_beam": 12,
        # the tiles 2, 4, 8 ... 2048 from cool to hot, each leaned toward the palette
        "tile_colors": ["#808080"] + [_mix(c, colors.get("accent"), 7) for c in TILE_HUES],
        # a tile the GDD names as the goal ("reach 2048"), as an exponent: the last level's target
        "target": _target(spec),
    }
    if mode == "mahjong":  # (only then: the other modes' builds keep their config byte for byte)
        out.update(mahjong.config_extra(spec))
    return out


def _target(spec: GameSpec) -> int:
    """The exponent of the tile the GDD's merge goal names (2048 -> 11), 0 when it names none; at
    most 2048 and at least 32."""
    params = spec.params_of("merge", "target", "goal") or {}
    v = _num(params, ("target", "tile", "value"), 0, 0, 2048)
    return max(5, v.bit_length() - 1) if v else 0


# ---- falling: the rule book -------------------------------------------------------------------

@dataclass
class Falling:
    """One falling-blocks level under the frame rules of tile_puzzle.js (module docstring)."""

    pieces: list[list[list[list[int]]]]
    w: int
    h: int
    gravity: int
    goal: int
    stage: int
    das: int
    arr: int
    spawn_x: int
    board: list[list[int]]
    rng: int
    queue: list[int] = field(default_factory=list)
    kind: int = 0
    rot: int = 0
    x: int = 0
    y: int = 0
    fall: int = 0
    das_l: int = 0
    das_r: int = 0
    lines: int = 0
    score: int = 0
    placed: int = 0
    won: bool = False
    over: bool = False

    @classmethod
    def start(cls, level: dict[str, Any], config: dict[str, Any]) -> "Falling":
        w, h = int(config.get("well_w") or WELL_W), int(config.get("well_h") or WELL_H)
        f = cls(pieces=config.get("pieces") or PIECES, w=w, h=h, gravity=max(1, int(level["gravity"])),
                goal=int(level["lines"]), stage=int(level.get("stage") or 1), das=int(config.get("das") or 12),
                arr=max(1, int(config.get("arr") or 3)), spawn_x=int(config.get("spawn_x") or SPAWN_X),
                board=[list(r) for r in level.get("board") or [[0] * w for _ in range(h)]],
                rng=seed_of(level.get("bag_seed")))
        f.spawn()
        return f

    def copy(self) -> "Falling":
        c = Falling(**{k: v for k, v in vars(self).items() if k not in ("board", "queue")},
                    board=[list(r) for r in self.board], queue=list(self.queue))
        return c

    # -- the bag
    def refill(self) -> None:
        bag = list(range(7))
        for i in range(6, 0, -1):
            self.rng = lcg(self.rng)
            j = self.rng % (i + 1)
            bag[i], bag[j] = bag[j], bag[i]
        self.queue.extend(bag)

    def spawn(self) -> None:
        if len(self.queue) < 2:
            self.refill()
        self.kind = self.queue.pop(0)
        self.rot, self.x, self.y, self.fall = 0, self.spawn_x, 0, 0
        if not self.fits(self.kind, self.rot, self.x, self.y):
            self.over = True

    # -- moving
    def cells(self, kind: int, rot: int, x: int, y: int) -> list[tuple[int, int]]:
        return [(x + cx, y + cy) for cx, cy in self.pieces[kind][rot % 4]]

    def fits(self, kind: int, rot: int, x: int, y: int) -> bool:
        for cx, cy in self.cells(kind, rot, x, y):
            if cx < 0 or cx >= self.w or cy < 0 or cy >= self.h or self.board[cy][cx]:
                return False
        return True

    def shift(self, dx: int) -> bool:
        if self.fits(self.kind, self.rot, self.x + dx, self.y):
            self.x += dx
            return True
        return False

    def rotate(self) -> bool:
        r = (self.rot + 1) % 4
        for k in KICKS:
            if self.fits(self.kind, r, self.x + k, self.y):
                self.rot, self.x = r, self.x + k
                return True
        return False

    def ghost_y(self) -> int:
        y = self.y
        while self.fits(self.kind, self.rot, self.x, y + 1):
            y += 1
        return y

    def lock(self) -> int:
        """Write the piece, clear full rows, then win or spawn the next; returns rows cleared."""
        for cx, cy in self.cells(self.kind, self.rot, self.x, self.y):
            self.board[cy][cx] = self.kind + 1
        self.placed += 1
        kept = [r for r in self.board if not all(r)]
        n = self.h - len(kept)
        self.board = [[0] * self.w for _ in range(n)] + kept
        self.lines += n
        self.score += LINE_POINTS[min(n, 4)] * self.stage
        if self.lines >= self.goal:
            self.won = True
        else:
            self.spawn()
        return n

    def frame(self, pressed: set[str], held: set[str]) -> str:
        """One fixed step; returns what happened ("rotate", "move", "drop", "lock", "clear", "")."""
        if self.won or self.over:
            return ""
        what = ""
        if "up" in pressed and self.rotate():
            what = "rotate"
        for d, dx in (("left", -1), ("right", 1)):
            attr = "das_l" if dx < 0 else "das_r"
            if d in pressed:
                setattr(self, attr, 0)
                if self.shift(dx):
                    what = what or "move"
            elif d in held:
                n = getattr(self, attr) + 1
                setattr(self, attr, n)
                if n >= self.das and (n - self.das) % self.arr == 0 and self.shift(dx):
                    what = what or "move"
            else:
                setattr(self, attr, 0)
        if "action" in pressed:
            y0 = self.y
            self.y = self.ghost_y()
            self.score += 2 * (self.y - y0)
            return "clear" if self.lock() else "drop"
        self.fall += 1
        soft = "down" in held
        if self.fall >= (min(self.gravity, SOFT_FRAMES) if soft else self.gravity):
            self.fall = 0
            if self.fits(self.kind, self.rot, self.x, self.y + 1):
                self.y += 1
                self.score += 1 if soft else 0
            else:
                return "clear" if self.lock() else "lock"
        return what

    def tap(self, action: str) -> str:
        """A key pressed for one frame and let go for one (how the bot and the checks press keys)."""
        a = self.frame({action}, {action})
        b = self.frame(set(), set())
        return a or b


# ---- falling: the generator and the solver ----------------------------------------------------

def _stage_numbers(req: LevelRequest, config: dict[str, Any]) -> tuple[int, int]:
    """(lines to clear, frames a row) for the request: more lines and faster falls each level."""
    stage = req.index + 1
    d = max(1.0, float(req.difficulty))
    lines = int(config.get("lines") or 0)
    goal = lines + 2 * req.index if lines else 4 + 3 * req.index + int(2 * (d - 1))
    base = int(config.get("gravity") or 36)
    gravity = max(int(config.get("min_gravity") or 6), base - 8 * (stage - 1) - int(6 * (d - 1)))
    return max(1, min(40, goal)), gravity


def generate_falling(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    lines, gravity = _stage_numbers(req, config)
    return {"mode": "falling", "lines": lines, "gravity": gravity, "stage": req.index + 1,
            "bag_seed": rng.randint(1, MODULUS - 2)}


# Heuristic weights (El-Tetris, times 1000): height, lines, holes, bumpiness.
W_HEIGHT, W_LINES, W_HOLES, W_BUMP = -510, 761, -357, -184


def board_value(board: list[list[int]], cleared: int) -> int:
    h = len(board)
    heights, holes = [], 0
    for x in range(len(board[0])):
        top = next((y for y in range(h) if board[y][x]), h)
        heights.append(h - top)
        holes += sum(1 for y in range(top, h) if not board[y][x])
    bump = sum(abs(a - b) for a, b in zip(heights, heights[1:]))
    return W_HEIGHT * sum(heights) + W_LINES * cleared + W_HOLES * holes + W_BUMP * bump


def _drop_value(f: Falling) -> int:
    """The best value of placing the current piece by a plain drop (the one-piece lookahead)."""
    best: int | None = None
    for r in range(1 if f.kind == 1 else 4):
        for x in range(-2, f.w):
            if not f.fits(f.kind, r, x, 0):
                continue
            y = 0
            while f.fits(f.kind, r, x, y + 1):
                y += 1
            board = [list(row) for row in f.board]
            for cx, cy in f.cells(f.kind, r, x, y):
                board[cy][cx] = 1
            kept = [row for row in board if not all(row)]
            n = f.h - len(kept)
            v = board_value([[0] * f.w for _ in range(n)] + kept, n)
            best = v if best is None or v > best else best
    return best if best is not None else -10 ** 9


def piece_keys(rot: int, dx: int) -> list[str]:
    """The presses that place a piece: rotate, then shift, then hard-drop."""
    return ["up"] * rot + (["left"] * -dx if dx < 0 else ["right"] * dx) + ["action"]


def placements(f: Falling) -> list[tuple[int, int, Falling]]:
    """Every distinct lock reachable by (rotations, shift, drop) replayed frame by frame."""
    out: list[tuple[int, int, Falling]] = []
    seen: set[tuple[Any, ...]] = set()
    for r in range(1 if f.kind == 1 else 4):
        for dx in range(-6, 7):
            g = f.copy()
            keys = piece_keys(r, dx)
            for k in keys[:-1]:
                g.tap(k)
            if g.placed != f.placed or g.over:
                continue
            g.tap(keys[-1])
            if g.placed != f.placed + 1:
                continue
            k2 = (tuple(map(tuple, g.board)), g.won, g.over)
            if k2 in seen:
                continue
            seen.add(k2)
            out.append((r, dx, g))
    return out


def solve_falling(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    f = Falling.start(level, config)
    moves: list[list[int]] = []
    limit = 6 * f.goal + 30
    while not f.won and not f.over and len(moves) < limit:
        best: tuple[int, int, int, Falling] | None = None
        for r, dx, g in placements(f):
            if g.over:
                continue
            v = 10 ** 9 if g.won else board_value(g.board, g.lines - f.lines) + _drop_value(g)
            if best is None or v > best[0]:
                best = (v, r, dx, g)
        if best is None:
            return None
        moves.append([best[1], best[2]])
        f = best[3]
    if not f.won:
        return None
    keys = sum((piece_keys(r, dx) for r, dx in moves), [])
    return {"steps": len(moves), "moves": moves, "presses": len(keys), "score": f.score}


# ---- match3: the rule book --------------------------------------------------------------------

DIRS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}


def _runs(board: list[list[int]]) -> set[tuple[int, int]]:
    """Every cell in a horizontal or vertical line of 3+ of one kind."""
    h, w = len(board), len(board[0])
    out: set[tuple[int, int]] = set()
    for y in range(h):
        x = 0
        while x < w:
            e = x
            while e + 1 < w and board[y][e + 1] == board[y][x]:
                e += 1
            if e - x >= 2 and board[y][x] >= 0:
                out.update((i, y) for i in range(x, e + 1))
            x = e + 1
    for x in range(w):
        y = 0
        while y < h:
            e = y
            while e + 1 < h and board[e + 1][x] == board[y][x]:
                e += 1
            if e - y >= 2 and board[y][x] >= 0:
                out.update((x, i) for i in range(y, e + 1))
            y = e + 1
    return out


def _line_at(board: list[list[int]], x: int, y: int) -> bool:
    """A line of 3+ through (x, y)."""
    h, w, v = len(board), len(board[0]), board[y][x]
    a = 1
    i = x - 1
    while i >= 0 and board[y][i] == v:
        a, i = a + 1, i - 1
    i = x + 1
    while i < w and board[y][i] == v:
        a, i = a + 1, i + 1
    if a >= 3:
        return True
    a = 1
    i = y - 1
    while i >= 0 and board[i][x] == v:
        a, i = a + 1, i - 1
    i = y + 1
    while i < h and board[i][x] == v:
        a, i = a + 1, i + 1
    return a >= 3


def swap_matches(board: list[list[int]], x: int, y: int, dx: int, dy: int) -> bool:
    h, w = len(board), len(board[0])
    x2, y2 = x + dx, y + dy
    if not (0 <= x2 < w and 0 <= y2 < h) or board[y][x] == board[y2][x2]:
        return False
    board[y][x], board[y2][x2] = board[y2][x2], board[y][x]
    ok = _line_at(board, x, y) or _line_at(board, x2, y2)
    board[y][x], board[y2][x2] = board[y2][x2], board[y][x]
    return ok


def valid_swaps(board: list[list[int]]) -> list[tuple[int, int, str]]:
    """Every swap that makes a line, as (x, y, "right" | "down"), row by row."""
    out = []
    for y in range(len(board)):
        for x in range(len(board[0])):
            for d in ("right", "down"):
                dx, dy = DIRS[d]
                if swap_matches(board, x, y, dx, dy):
                    out.append((x, y, d))
    return out


def deal(w: int, h: int, colors: int, rng: int) -> tuple[list[list[int]], int]:
    """A board with no line and at least one move, drawn row by row from the generator (a kind that
    would make a line takes the next kind); redealt while it has no move."""
    board: list[list[int]] = []
    for _ in range(40):
        board = [[0] * w for _ in range(h)]
        for y in range(h):
            for x in range(w):
                rng = lcg(rng)
                v = rng % colors
                for _ in range(colors):
                    if (x >= 2 and board[y][x - 1] == v and board[y][x - 2] == v) or \
                       (y >= 2 and board[y - 1][x] == v and board[y - 2][x] == v):
                        v = (v + 1) % colors
                board[y][x] = v
        if valid_swaps(board):
            break
    return board, rng


@dataclass
class Match3:
    """One match-3 level under the rules of tile_puzzle.js (module docstring)."""

    board: list[list[int]]
    colors: int
    rng: int
    moves: int
    goal_kind: int
    goal_count: int
    collected: list[int]
    cx: int = 0
    cy: int = 0
    sel: bool = False
    score: int = 0
    chain: int = 0
    won: bool = False
    over: bool = False
    deals: int = 0

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Match3":
        colors = int(level["colors"])
        goal = level["goal"]
        b = [list(r) for r in level["board"]]
        return cls(board=b, colors=colors, rng=seed_of(level.get("refill_seed")), moves=int(level["moves"]),
                   goal_kind=int(goal["kind"]), goal_count=int(goal["count"]), collected=[0] * colors,
                   cx=len(b[0]) // 2, cy=len(b) // 2)

    def copy(self) -> "Match3":
        return Match3(**{**vars(self), "board": [list(r) for r in self.board], "collected": list(self.collected)})

    def resolve(self) -> int:
        """Clear lines, let gems fall, refill, repeat; returns the cascade depth."""
        h, w = len(self.board), len(self.board[0])
        chain = 0
        while True:
            marks = _runs(self.board)
            if not marks:
                break
            chain += 1
            for x, y in marks:
                self.collected[self.board[y][x]] += 1
                self.board[y][x] = -1
            self.score += 10 * len(marks) * chain
            for x in range(w):
                col = [self.board[y][x] for y in range(h) if self.board[y][x] >= 0]
                empty = h - len(col)
                for y in range(h):
                    self.board[y][x] = col[y - empty] if y >= empty else -1
                for y in range(empty - 1, -1, -1):
                    self.rng = lcg(self.rng)
                    self.board[y][x] = self.rng % self.colors
        self.chain = chain
        return chain

    def swap(self, x: int, y: int, d: str) -> str:
        """Swap (x, y) with its neighbour ``d``: "swap" (a move made), "undone" or ""."""
        dx, dy = DIRS[d]
        h, w = len(self.board), len(self.board[0])
        x2, y2 = x + dx, y + dy
        if not (0 <= x2 < w and 0 <= y2 < h):
            return ""
        if not swap_matches(self.board, x, y, dx, dy):
            return "undone"
        b = self.board
        b[y][x], b[y2][x2] = b[y2][x2], b[y][x]
        self.moves -= 1
        self.resolve()
        if self.collected[self.goal_kind] >= self.goal_count:
            self.won = True
        elif self.moves <= 0:
            self.over = True
        elif not valid_swaps(self.board):
            self.board, self.rng = deal(w, h, self.colors, self.rng)
            self.deals += 1
        return "cascade" if self.chain > 1 else "swap"

    def press(self, action: str) -> str:
        """One key press; returns what happened ("" when nothing did)."""
        if self.won or self.over:
            return ""
        h, w = len(self.board), len(self.board[0])
        if action == "action":
            self.sel = not self.sel
            return "select"
        if action not in DIRS:
            return ""
        dx, dy = DIRS[action]
        if self.sel:
            self.sel = False
            return self.swap(self.cx, self.cy, action)
        self.cx, self.cy = min(w - 1, max(0, self.cx + dx)), min(h - 1, max(0, self.cy + dy))
        return "cursor"


# ---- match3: the generator and the solver -----------------------------------------------------

def _beam(m: Match3, width: int, stop: bool) -> tuple[list[tuple[int, int, str]], Match3]:
    """Beam search over swaps, ranked by the goal's gems then the score: (swaps, final state). With
    ``stop`` it returns as soon as a state wins, else it plays every move and returns the best."""
    beam: list[tuple[Match3, list[tuple[int, int, str]]]] = [(m, [])]
    best = beam[0]
    while True:
        nxt: list[tuple[tuple[int, int], Match3, list[tuple[int, int, str]]]] = []
        for s, path in beam:
            if s.won or s.over:
                continue
            for x, y, d in valid_swaps(s.board):
                t = s.copy()
                t.swap(x, y, d)
                p = path + [(x, y, d)]
                if stop and t.won:
                    return p, t
                nxt.append(((t.collected[t.goal_kind], t.score), t, p))
        if not nxt:
            return best[1], best[0]
        nxt.sort(key=lambda c: (-c[0][0], -c[0][1]))
        beam = [(c[1], c[2]) for c in nxt[:width]]
        best = beam[0]


def generate_match3(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A board, a refill seed, the moves, and a goal set at a share of what a search collects."""
    stage = req.index + 1
    d = max(1.0, float(req.difficulty))
    size = 7 if stage == 1 else 8
    colors = min(6, 5 + (1 if stage >= 3 or d >= 2 else 0))
    moves = int(config.get("moves") or 0) or max(10, 18 - 2 * (stage - 1))
    board, _ = deal(size, size, colors, rng.randint(1, MODULUS - 2))
    level: dict[str, Any] = {"mode": "match3", "w": size, "h": size, "colors": colors, "board": board,
                             "refill_seed": rng.randint(1, MODULUS - 2), "moves": moves, "stage": stage,
                             "goal": {"kind": req.index % colors, "count": 10 ** 6}}
    m = Match3.start(level)
    _, end = _beam(m, 1, False)
    share = min(90, 55 + 10 * stage + int(10 * (d - 1)))
    level["goal"]["count"] = max(6, end.collected[m.goal_kind] * share // 100)
    return level


def solve_match3(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    m = Match3.start(level)
    path, end = _beam(m, int(config.get("beam") or 3), True)
    if not end.won:
        return None
    return {"steps": len(path), "swaps": [list(p) for p in path], "score": end.score}


def swap_keys(m: Match3, x: int, y: int, d: str) -> list[str]:
    """The presses that make swap (x, y, d) from the cursor where it is: move, pick, swap."""
    keys = ["right"] * max(0, x - m.cx) + ["left"] * max(0, m.cx - x)
    keys += ["down"] * max(0, y - m.cy) + ["up"] * max(0, m.cy - y)
    if m.sel:
        keys = ["action"] + keys
    return keys + ["action", d]


# ---- merge (2048): the rule book --------------------------------------------------------------

def slide_row(row: list[int]) -> tuple[list[int], int]:
    """One row slid toward index 0: equal neighbours merge once (exponents), returns (row, points)."""
    tiles = [v for v in row if v]
    out: list[int] = []
    pts = 0
    i = 0
    while i < len(tiles):
        if i + 1 < len(tiles) and tiles[i] == tiles[i + 1]:
            out.append(tiles[i] + 1)
            pts += 1 << (tiles[i] + 1)
            i += 2
        else:
            out.append(tiles[i])
            i += 1
    return out + [0] * (len(row) - len(out)), pts


def slide(board: list[list[int]], d: str) -> tuple[list[list[int]], int]:
    """The board slid toward ``d`` (left / right / up / down) and the points its merges score."""
    n = len(board)
    b = [list(r) for r in board]
    pts = 0
    for i in range(n):
        if d in ("left", "right"):
            line = b[i] if d == "left" else b[i][::-1]
        else:
            col = [b[y][i] for y in range(n)]
            line = col if d == "up" else col[::-1]
        moved, p = slide_row(line)
        pts += p
        if d in ("right", "down"):
            moved = moved[::-1]
        if d in ("left", "right"):
            b[i] = moved
        else:
            for y in range(n):
                b[y][i] = moved[y]
    return b, pts


def can_move(board: list[list[int]]) -> bool:
    return any(slide(board, d)[0] != board for d in ("left", "right", "up", "down"))


def spawn_tile(board: list[list[int]], rng: int) -> int:
    """A new tile in an empty cell (row by row, the ``s % empties``-th), a 4 one time in ten; the rng after."""
    empty = [(x, y) for y in range(len(board)) for x in range(len(board)) if not board[y][x]]
    if not empty:
        return rng
    rng = lcg(rng)
    x, y = empty[rng % len(empty)]
    rng = lcg(rng)
    board[y][x] = 2 if rng % 10 == 0 else 1
    return rng


@dataclass
class Merge:
    """One 2048 level under the rules of tile_puzzle.js (module docstring)."""

    board: list[list[int]]
    rng: int
    target: int
    score: int = 0
    moves: int = 0
    won: bool = False
    over: bool = False

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Merge":
        return cls(board=[list(r) for r in level["board"]], rng=seed_of(level.get("spawn_seed")),
                   target=int(level["target"]))

    def copy(self) -> "Merge":
        return Merge([list(r) for r in self.board], self.rng, self.target, self.score, self.moves, self.won, self.over)

    def press(self, action: str) -> str:
        """An arrow slides every tile; "merge", "slide" or "" (nothing moved: no tile spawns)."""
        if self.won or self.over or action not in DIRS:
            return ""
        b, pts = slide(self.board, action)
        if b == self.board:
            return ""
        self.board, self.score, self.moves = b, self.score + pts, self.moves + 1
        self.rng = spawn_tile(self.board, self.rng)
        if max(max(r) for r in self.board) >= self.target:
            self.won = True
        elif not can_move(self.board):
            self.over = True
        return "merge" if pts else "slide"


# A snake of weights from one corner: the classic way to keep big tiles together.
SNAKE = ((15, 14, 13, 12), (8, 9, 10, 11), (7, 6, 5, 4), (0, 1, 2, 3))


def merge_value(m: Merge) -> int:
    b = m.board
    n = len(b)
    snake = sum((1 << b[y][x]) * (1 << SNAKE[y % 4][x % 4]) for y in range(n) for x in range(n) if b[y][x])
    empty = sum(1 for r in b for v in r if not v)
    return snake + empty * (1 << (max(max(r) for r in b) + 10))


def generate_merge(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    stage = req.index + 1
    size = 4
    target = int(config.get("target") or 0)
    target = max(5, min(11, target - (req.count - 1 - req.index) if target else 6 + stage))
    board = [[0] * size for _ in range(size)]
    s = seed_of(rng.randint(1, MODULUS - 2))
    s = spawn_tile(board, s)
    s = spawn_tile(board, s)
    return {"mode": "merge", "size": size, "board": board, "spawn_seed": s, "target": target, "stage": stage}


def solve_merge(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """Beam search over slides (the spawns are seeded, so every line of play is known in advance)."""
    width = int(config.get("merge_beam") or 12)
    beam: list[tuple[Merge, list[str]]] = [(Merge.start(level), [])]
    for _ in range(4000):
        nxt: dict[tuple[Any, ...], tuple[int, Merge, list[str]]] = {}
        for m, path in beam:
            for d in ("left", "up", "right", "down"):
                t = m.copy()
                if not t.press(d):
                    continue
                p = path + [d]
                if t.won:
                    return {"steps": len(p), "slides": p, "score": t.score}
                if t.over:
                    continue
                k = (tuple(map(tuple, t.board)), t.rng)
                if k not in nxt:
                    nxt[k] = (merge_value(t), t, p)
        if not nxt:
            return None
        ranked = sorted(nxt.values(), key=lambda c: -c[0])
        beam = [(c[1], c[2]) for c in ranked[:width]]
    return None


# ---- the protocol ------------------------------------------------------------------------------

def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    if config.get("mode") == "mahjong":
        return mahjong.generate(req, config, rng)
    if config.get("mode") == "match3":
        return generate_match3(req, config, rng)
    if config.get("mode") == "merge":
        return generate_merge(req, config, rng)
    return generate_falling(req, config, rng)


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    if level.get("mode") == "mahjong":
        return mahjong.solve(level, config)
    if level.get("mode") == "match3":
        return solve_match3(level, config)
    if level.get("mode") == "merge":
        return solve_merge(level, config)
    return solve_falling(level, config)


def describe(level: dict[str, Any]) -> str:
    if level.get("mode") == "mahjong":
        return mahjong.describe(level)
    if level.get("mode") == "match3":
        g = level.get("goal") or {}
        return (f"{level.get('w')}x{level.get('h')} board, {level.get('colors')} gem kinds, "
                f"{g.get('count')} of kind {g.get('kind')} in {level.get('moves')} moves")
    if level.get("mode") == "merge":
        return f"{level.get('size')}x{level.get('size')} tiles, reach {1 << int(level.get('target') or 0)}"
    return f"10x20 well, clear {level.get('lines')} lines, a row every {level.get('gravity')} frames"
