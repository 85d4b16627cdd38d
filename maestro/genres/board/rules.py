"""Board games (genre "board"): the rule books, the AI opponent, the level generator and the solver.

A level is one game against the computer at that level's strength. The JS module
``maestro/genres/board/board.js`` plays the very same rules and the very same AI from the same config
numbers; everything here is integer arithmetic over a flat list of cells, so the two agree move for
move (the conformance suite replays recorded presses in both and compares every cell).

The games (``config.mode``):

* ``connect_four``: 7 columns x 6 rows; a move names a column and the piece drops to the lowest free
  cell; four in a row (across, down or diagonal) wins; a full board is a draw.
* ``tic_tac_toe``: 3 x 3; a move names an empty cell; three in a row wins; a full board is a draw.
* ``othello``: 8 x 8, the four centre discs to start; a move must bracket at least one line of the
  opponent's discs between the new disc and one of the mover's, and every bracketed disc flips; a side
  with no legal move passes; when neither can move, most discs wins (equal: a draw).
* ``checkers``: 8 x 8, men on the dark squares of the first three rows; a man steps diagonally forward,
  a king either way; a capture jumps an adjacent enemy piece onto the empty square beyond and must go on
  jumping while it can; when any capture is possible a capture must be played; a man reaching the far
  row becomes a king (and its move ends); a side with no move loses. A move is ``from * cells + to``.

Cells are numbered ``y * cols + x`` (y = 0 is the top row); 0 is empty, 1 the player, 2 the AI (3 / 4
their checkers kings).

The AI (:func:`ai_move`) is a depth-limited negamax with alpha-beta pruning and a fixed integer
evaluation; it tries its moves in the level's ``order`` (a permutation drawn from the level's rng:
the deterministic tie-break; in checkers it ranks the squares a move starts from) and keeps the first
best. Depth 1 sees only its own move (it takes a
win, it does not block); depth 2 also sees the player's reply (it blocks an immediate threat).

The controls (the bot replays the solver's proof through them): in connect four left / right choose
a column; in the grid games the arrows move a cursor over the cells; action (Space / Enter) places
(in checkers: action picks a piece up, a second action puts it down where it may go).

The solver (:func:`solve`) searches the player's moves depth first, best first by a search deeper
than the AI's, replaying the AI's determined replies: its proof is the player's move list.
The AI replies ``config.think_frames`` frames after the player's move.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from maestro.spec import GameSpec, LevelRequest

MODES = ("connect_four", "tic_tac_toe", "othello", "checkers")
EMPTY, PLAYER, AI = 0, 1, 2
ONGOING, DRAW = 0, 3  # result: 0 ongoing, 1 the player won, 2 the AI won, 3 a draw
WIN = 1_000_000
INF = 10 ** 9
# The board of each game and the AI's depth at each level (the last repeats for later levels). Tic-tac-toe
# skips even depths: a search that ends on the player's reply plays it perfectly (the solver finds no
# win against depth 2, 4 or 6 whatever the tie-break), one that ends on its own move can be forked.
# ``budget``: the player moves the solver may try (a tic-tac-toe trap is found deep in a small tree).
GAMES: dict[str, dict[str, Any]] = {
    "connect_four": {"cols": 7, "rows": 6, "line": 4, "gravity": True, "depths": [1, 2, 3], "budget": 400},
    "tic_tac_toe": {"cols": 3, "rows": 3, "line": 3, "gravity": False, "depths": [1, 3], "budget": 3000},
    "othello": {"cols": 8, "rows": 8, "line": 0, "gravity": False, "depths": [1, 1, 2], "budget": 400},
    "checkers": {"cols": 8, "rows": 8, "line": 0, "gravity": False, "depths": [1, 1, 2], "budget": 40},
}
# The value of a line window holding k of one side's pieces and none of the other's.
WINDOW_VALUE = (0, 1, 8, 64, 512)
# The classic othello square weights: corners are gold, the squares next to them poison.
OTHELLO_WEIGHTS = (
    100, -20, 10, 5, 5, 10, -20, 100,
    -20, -50, -2, -2, -2, -2, -50, -20,
    10, -2, 1, 1, 1, 1, -2, 10,
    5, -2, 1, 0, 0, 1, -2, 5,
    5, -2, 1, 0, 0, 1, -2, 5,
    10, -2, 1, 1, 1, 1, -2, 10,
    -20, -50, -2, -2, -2, -2, -50, -20,
    100, -20, 10, 5, 5, 10, -20, 100,
)
DIRS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, -1), (1, -1), (-1, 1))
# Checkers: men are 1 / 2 (the player's move up the board, the AI's down), kings 3 / 4; the diagonals a
# piece may step along, in the order the moves are generated (the same order in board.js).
KING = {PLAYER: 3, AI: 4}
STEPS = {1: ((-1, -1), (1, -1)), 2: ((-1, 1), (1, 1)), 3: ((-1, -1), (1, -1), (-1, 1), (1, 1)),
         4: ((-1, -1), (1, -1), (-1, 1), (1, 1))}
MAN_VALUE, KING_VALUE, ADVANCE = 100, 160, 4
# The solver tries at most this many of the player's best moves at each turn (a long game lost deep down
# is not saved by trying the ninth-best move there; tic-tac-toe is small enough to search whole).
BRANCH = {"connect_four": 3, "othello": 3, "checkers": 2}
MAX_PLIES = 150  # the solver gives up on a game longer than this (kings can shuffle for ever)


def owner(v: int) -> int:
    """The side a cell's piece belongs to (a checkers king is its side's too); 0 when empty."""
    return 0 if v == EMPTY else (PLAYER if v % 2 == 1 else AI)


# ---- the config ------------------------------------------------------------------------------------


def _spec_text(spec: GameSpec) -> str:
    return " ".join([spec.title, spec.summary, spec.genre_source, *(m.id for m in spec.mechanics),
                     *spec.win_conditions, *spec.notes])


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The board tunables: the game (the spec's mode), its board, the AI's depth per level, the names
    of the two sides (the GDD's player and its first enemy, else "Rival") and the points."""
    mode = spec.mode if spec.mode in MODES else MODES[0]
    game = GAMES[mode]
    foe = spec.enemies[0] if spec.enemies else None
    return {
        "mode": mode,
        "cols": game["cols"], "rows": game["rows"], "line": game["line"], "gravity": game["gravity"],
        "depths": list(game["depths"]),
        "player_name": spec.player.name or "You",
        "opponent": (foe.name if foe else "") or "Rival",
        "opponent_slug": foe.slug if foe else None,
        "win_points": 100,
        "piece_points": int((foe.points if foe and foe.points else 0) or 5),
        "think_frames": 18,
        "end_frames": 75,
        "solver_budget": game["budget"],
    }


# ---- the rule book ---------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _windows(cols: int, rows: int, line: int) -> tuple[tuple[int, ...], ...]:
    """Every run of ``line`` cells in a row, column or diagonal (the lines a game is won on)."""
    out: list[tuple[int, ...]] = []
    for dx, dy in ((1, 0), (0, 1), (1, 1), (1, -1)):
        for y in range(rows):
            for x in range(cols):
                ex, ey = x + dx * (line - 1), y + dy * (line - 1)
                if 0 <= ex < cols and 0 <= ey < rows:
                    out.append(tuple((y + dy * k) * cols + x + dx * k for k in range(line)))
    return tuple(out)


@lru_cache(maxsize=16)
def _rays(cols: int, rows: int) -> tuple[tuple[tuple[int, ...], ...], ...]:
    """For each cell, the cells in each of the eight directions, nearest first (othello's lines)."""
    out = []
    for c in range(cols * rows):
        x, y = c % cols, c // cols
        rays = []
        for dx, dy in DIRS:
            ray, px, py = [], x + dx, y + dy
            while 0 <= px < cols and 0 <= py < rows:
                ray.append(py * cols + px)
                px, py = px + dx, py + dy
            if len(ray) >= 2:
                rays.append(tuple(ray))
        out.append(tuple(rays))
    return tuple(out)


@dataclass(frozen=True)
class Rules:
    """One game's rule book (the board's size and kind), shared by the match, the AI and the solver."""

    mode: str
    cols: int
    rows: int
    line: int
    gravity: bool

    @classmethod
    def of(cls, config: dict[str, Any], mode: str | None = None) -> "Rules":
        """The rules of ``mode`` (default: the config's game); the config's board numbers count only
        for the config's own game (board.js: makeRules)."""
        mode = mode or config.get("mode")
        if mode not in MODES:
            mode = MODES[0]
        g = GAMES[mode]
        src = config if config.get("mode") == mode else g
        return cls(mode, int(src.get("cols", g["cols"])), int(src.get("rows", g["rows"])),
                   int(src.get("line", g["line"])), bool(src.get("gravity", g["gravity"])))

    @property
    def size(self) -> int:
        return self.cols * self.rows

    @property
    def moves_count(self) -> int:
        """How many entries the AI's order has (columns in connect four, cells otherwise; in checkers
        the order ranks the cells a move starts from)."""
        return self.cols if self.gravity else self.size

    def initial(self) -> list[int]:
        cells = [EMPTY] * self.size
        if self.mode == "checkers":
            for c in range(self.size):
                x, y = c % self.cols, c // self.cols
                if (x + y) % 2 == 1 and y < 3:
                    cells[c] = AI
                elif (x + y) % 2 == 1 and y >= self.rows - 3:
                    cells[c] = PLAYER
        if self.mode == "othello":
            c, r = self.cols // 2, self.rows // 2
            cells[(r - 1) * self.cols + c - 1] = cells[r * self.cols + c] = AI
            cells[(r - 1) * self.cols + c] = cells[r * self.cols + c - 1] = PLAYER
        return cells

    # -- legal moves ----------------------------------------------------------------------------------
    def drop_cell(self, cells: list[int], col: int) -> int:
        """The lowest free cell of a column, -1 when it is full."""
        for y in range(self.rows - 1, -1, -1):
            if cells[y * self.cols + col] == EMPTY:
                return y * self.cols + col
        return -1

    def flips(self, cells: list[int], side: int, cell: int) -> list[int]:
        """The discs a disc of ``side`` at ``cell`` would flip (empty: not an othello move)."""
        if cells[cell] != EMPTY:
            return []
        other = 3 - side
        out: list[int] = []
        for ray in _rays(self.cols, self.rows)[cell]:
            run = 0
            for c in ray:
                v = cells[c]
                if v == other:
                    run += 1
                    continue
                if v == side and run:
                    out.extend(ray[:run])
                break
        return out

    # -- checkers: every move with its path --------------------------------------------------------------
    def _jumps(self, cells: list[int], side: int, piece: int, cell: int, path: list[int],
               taken: list[int]) -> list[tuple[list[int], list[int]]]:
        """Every complete capture sequence of ``piece`` from ``cell`` (the piece lifted off the board)."""
        found: list[tuple[list[int], list[int]]] = []
        x, y = cell % self.cols, cell // self.cols
        for dx, dy in STEPS[piece]:
            mx, my, lx, ly = x + dx, y + dy, x + 2 * dx, y + 2 * dy
            if not (0 <= lx < self.cols and 0 <= ly < self.rows):
                continue
            mid, land = my * self.cols + mx, ly * self.cols + lx
            if owner(cells[mid]) != 3 - side or mid in taken or cells[land] != EMPTY:
                continue
            route, gone = [*path, land], [*taken, mid]
            if piece == side and ly == (0 if side == PLAYER else self.rows - 1):
                found.append((route, gone))  # crowned: the move ends here
                continue
            deeper = self._jumps(cells, side, piece, land, route, gone)
            found.extend(deeper or [(route, gone)])
        return found

    def paths(self, cells: list[int], side: int) -> list[tuple[int, list[int], list[int]]]:
        """Every checkers move of ``side`` as (from, landing squares, captured squares), captures only
        when there is one; pieces in cell order, each piece's steps in ``STEPS`` order."""
        caps: list[tuple[int, list[int], list[int]]] = []
        steps: list[tuple[int, list[int], list[int]]] = []
        for c, v in enumerate(cells):
            if owner(v) != side:
                continue
            lifted = list(cells)
            lifted[c] = EMPTY
            caps.extend((c, route, gone) for route, gone in self._jumps(lifted, side, v, c, [], []))
            if caps:
                continue
            x, y = c % self.cols, c // self.cols
            for dx, dy in STEPS[v]:
                nx, ny = x + dx, y + dy
                if 0 <= nx < self.cols and 0 <= ny < self.rows and cells[ny * self.cols + nx] == EMPTY:
                    steps.append((c, [ny * self.cols + nx], []))
        return caps or steps

    def path_of(self, cells: list[int], side: int, move: int) -> tuple[int, list[int], list[int]] | None:
        """The first generated move going from ``move // size`` to ``move % size``."""
        return next((p for p in self.paths(cells, side) if p[0] * self.size + p[1][-1] == move), None)

    def ordered(self, cells: list[int], side: int, order: list[int]) -> list[int]:
        """``side``'s legal moves in the order the AI tries them: the level's order of moves (of the
        cells a checkers move starts from, then its landing square)."""
        if self.mode == "checkers":
            rank = {c: i for i, c in enumerate(order)}
            return sorted(self.legal(cells, side), key=lambda m: (rank.get(m // self.size, self.size), m % self.size))
        return [m for m in order if self.is_legal(cells, side, m)]

    def is_legal(self, cells: list[int], side: int, move: int) -> bool:
        if self.mode == "checkers":
            return move in self.legal(cells, side)
        if not 0 <= move < self.moves_count:
            return False
        if self.gravity:
            return cells[move] == EMPTY
        if self.mode == "othello":
            return bool(self.flips(cells, side, move))
        return cells[move] == EMPTY

    def legal(self, cells: list[int], side: int) -> list[int]:
        """Every legal move of ``side``, ascending."""
        if self.mode == "checkers":
            return sorted({c * self.size + route[-1] for c, route, _gone in self.paths(cells, side)})
        return [m for m in range(self.moves_count) if self.is_legal(cells, side, m)]

    # -- playing a move -------------------------------------------------------------------------------
    def play(self, cells: list[int], side: int, move: int) -> tuple[list[int], int, int, int]:
        """``side`` plays the legal ``move``: (new cells, the cell placed, who moves next, result)."""
        out = list(cells)
        if self.mode == "checkers":
            return self._play_checkers(out, side, move)
        if self.gravity:
            cell = self.drop_cell(out, move)
        else:
            cell = move
        if self.mode == "othello":
            for c in self.flips(out, side, cell):
                out[c] = side
        out[cell] = side
        nxt, result = self.after(out, side, cell)
        return out, cell, nxt, result

    def _play_checkers(self, out: list[int], side: int, move: int) -> tuple[list[int], int, int, int]:
        found = self.path_of(out, side, move)
        if found is None:
            raise ValueError(f"not a legal checkers move: {move}")
        start, route, gone = found
        piece, cell = out[start], route[-1]
        out[start] = EMPTY
        for c in gone:
            out[c] = EMPTY
        if piece == side and cell // self.cols == (0 if side == PLAYER else self.rows - 1):
            piece = KING[side]
        out[cell] = piece
        nxt, result = self.after(out, side, cell)
        return out, cell, nxt, result

    def after(self, cells: list[int], side: int, cell: int) -> tuple[int, int]:
        """Who moves next and the result once ``side`` has put a piece on ``cell``."""
        other = 3 - side
        if self.mode == "checkers":  # a side that cannot move has lost
            return (other, ONGOING) if self.paths(cells, other) else (other, side)
        if self.mode == "othello":
            if self.legal(cells, other):
                return other, ONGOING
            if self.legal(cells, side):
                return side, ONGOING  # the other side has no move: it passes
            mine, theirs = cells.count(PLAYER), cells.count(AI)
            return side, (PLAYER if mine > theirs else AI if theirs > mine else DRAW)
        if self.line_through(cells, cell):
            return other, side
        if EMPTY not in cells:
            return other, DRAW
        return other, ONGOING

    def line_through(self, cells: list[int], cell: int) -> bool:
        """Whether the piece on ``cell`` completes ``line`` in a row through it."""
        side = cells[cell]
        x0, y0 = cell % self.cols, cell // self.cols
        for dx, dy in ((1, 0), (0, 1), (1, 1), (1, -1)):
            n = 1
            for s in (1, -1):
                x, y = x0 + dx * s, y0 + dy * s
                while 0 <= x < self.cols and 0 <= y < self.rows and cells[y * self.cols + x] == side:
                    n += 1
                    x, y = x + dx * s, y + dy * s
            if n >= self.line:
                return True
        return False

    # -- the evaluation ---------------------------------------------------------------------------------
    def evaluate(self, cells: list[int], side: int) -> int:
        """The position's worth to ``side`` (an integer, higher is better)."""
        if self.mode == "checkers":
            score = 0
            for c, v in enumerate(cells):
                if not v:
                    continue
                y = c // self.cols
                worth = KING_VALUE if v > 2 else MAN_VALUE + ADVANCE * (self.rows - 1 - y if v == PLAYER else y)
                score += worth if owner(v) == side else -worth
            return score
        if self.mode == "othello":
            score = 0
            for c, v in enumerate(cells):
                if v:
                    score += OTHELLO_WEIGHTS[c] if v == side else -OTHELLO_WEIGHTS[c]
            return score
        score = 0
        for win in _windows(self.cols, self.rows, self.line):
            mine = theirs = 0
            for c in win:
                v = cells[c]
                if v == side:
                    mine += 1
                elif v:
                    theirs += 1
            if mine and not theirs:
                score += WINDOW_VALUE[mine]
            elif theirs and not mine:
                score -= WINDOW_VALUE[theirs]
        if self.gravity:  # the centre column takes part in the most lines
            mid = self.cols // 2
            for y in range(self.rows):
                v = cells[y * self.cols + mid]
                if v:
                    score += 3 if v == side else -3
        return score


# ---- the AI ------------------------------------------------------------------------------------------


def _terminal(result: int, side: int, ply: int) -> int:
    if result == DRAW:
        return 0
    return WIN - ply if result == side else -(WIN - ply)


def negamax(rules: Rules, cells: list[int], side: int, depth: int, alpha: int, beta: int, ply: int,
            order: list[int]) -> int:
    """The worth of the position to ``side`` (to move) searched ``depth`` plies deep (alpha-beta)."""
    if depth <= 0:
        return rules.evaluate(cells, side)
    best = -INF
    for m in rules.ordered(cells, side, order):
        nxt_cells, _cell, nxt, result = rules.play(cells, side, m)
        if result:
            v = _terminal(result, side, ply + 1)
        elif nxt == side:
            v = negamax(rules, nxt_cells, side, depth - 1, alpha, beta, ply + 1, order)
        else:
            v = -negamax(rules, nxt_cells, nxt, depth - 1, -beta, -alpha, ply + 1, order)
        if v > best:
            best = v
        if best > alpha:
            alpha = best
        if alpha >= beta:
            break
    return best


def ai_move(rules: Rules, cells: list[int], side: int, depth: int, order: list[int]) -> int:
    """The AI's move: the first (in ``order``) of the moves worth the most at ``depth``; -1: none."""
    best, choice = -INF, -1
    for m in rules.ordered(cells, side, order):
        nxt_cells, _cell, nxt, result = rules.play(cells, side, m)
        if result:
            v = _terminal(result, side, 1)
        elif nxt == side:
            v = negamax(rules, nxt_cells, side, depth - 1, best, INF, 1, order)
        else:
            v = -negamax(rules, nxt_cells, nxt, depth - 1, -INF, -best, 1, order)
        if v > best:
            best, choice = v, m
    return choice


# ---- a match: the board, whose turn, the cursor -----------------------------------------------------


@dataclass
class Match:
    """One game of a level as the JS plays it: the opening, then the player's presses, each answered
    by the AI when it is its turn. ``press`` is the bot's and ``rules_agree``'s model of the keys."""

    rules: Rules
    depth: int
    order: list[int]
    cells: list[int]
    turn: int
    result: int = ONGOING
    last: int = -1
    plies: int = 0
    cx: int = 0
    cy: int = 0
    history: list[int] = field(default_factory=list)
    sel: int = -1  # checkers: the piece picked up (its cell), -1 when none

    @classmethod
    def start(cls, level: dict[str, Any], config: dict[str, Any]) -> "Match":
        rules = Rules.of(config, level.get("game"))
        m = cls(rules, int(level.get("depth", 1)), [int(x) for x in level.get("order") or range(rules.moves_count)],
                rules.initial(), int(level.get("first", PLAYER)))
        m.cx, m.cy = rules.cols // 2, (0 if rules.gravity else rules.rows // 2)
        if rules.mode == "othello":
            m.cx, m.cy = rules.cols // 2 - 1, rules.rows // 2 - 1
        for mv in level.get("opening") or []:
            if m.result or not m.rules.is_legal(m.cells, m.turn, int(mv)):
                break
            m.place(int(mv))
        m.ai_turns()
        return m

    def place(self, move: int) -> None:
        self.cells, self.last, self.turn, self.result = self.rules.play(self.cells, self.turn, move)
        self.plies += 1
        self.history.append(move)

    def ai_turns(self) -> None:
        """The AI moves while it is its turn (it moves again when the player must pass)."""
        while not self.result and self.turn == AI:
            mv = ai_move(self.rules, self.cells, AI, self.depth, self.order)
            if mv < 0:
                break
            self.place(mv)

    def cursor_move(self) -> int:
        return self.cx if self.rules.gravity else self.cy * self.rules.cols + self.cx

    def press(self, key: str) -> bool:
        """One key press on the player's turn; True when it placed a piece."""
        if self.result or self.turn != PLAYER:
            return False
        r = self.rules
        if key == "left":
            self.cx = max(0, self.cx - 1)
        elif key == "right":
            self.cx = min(r.cols - 1, self.cx + 1)
        elif key == "up" and not r.gravity:
            self.cy = max(0, self.cy - 1)
        elif key == "down" and not r.gravity:
            self.cy = min(r.rows - 1, self.cy + 1)
        elif key == "action" and r.mode == "checkers":
            return self._act_checkers()
        elif key == "action":
            mv = self.cursor_move()
            if not r.is_legal(self.cells, PLAYER, mv):
                return False
            self.place(mv)
            self.ai_turns()
            return True
        return False

    def _act_checkers(self) -> bool:
        """Action in checkers: pick up a piece that can move, then put it down where it may go (a
        capture jumps along its whole path); action on the picked piece puts it back."""
        r, c = self.rules, self.cy * self.rules.cols + self.cx
        legal = r.legal(self.cells, PLAYER)
        if self.sel >= 0 and c == self.sel:
            self.sel = -1
            return False
        if self.sel >= 0 and self.sel * r.size + c in legal:
            mv, self.sel = self.sel * r.size + c, -1
            self.place(mv)
            self.ai_turns()
            return True
        if any(m // r.size == c for m in legal):
            self.sel = c
        return False

    def _walk(self, fx: int, fy: int, tx: int, ty: int) -> list[str]:
        keys = (["right"] * (tx - fx) if tx > fx else ["left"] * (fx - tx))
        return keys + (["down"] * (ty - fy) if ty > fy else ["up"] * (fy - ty))

    def keys_to(self, move: int) -> list[str]:
        """The presses that move the cursor onto ``move`` and place it (in checkers: onto the piece,
        action, onto the square it goes to, action)."""
        r = self.rules
        if r.mode == "checkers":
            a, b = move // r.size, move % r.size
            if self.sel == a:  # already picked up: straight to where it goes
                return self._walk(self.cx, self.cy, b % r.cols, b // r.cols) + ["action"]
            return [*self._walk(self.cx, self.cy, a % r.cols, a // r.cols), "action",
                    *self._walk(a % r.cols, a // r.cols, b % r.cols, b // r.cols), "action"]
        tx, ty = (move, self.cy) if r.gravity else (move % r.cols, move // r.cols)
        return self._walk(self.cx, self.cy, tx, ty) + ["action"]


# ---- the level generator and the solver ---------------------------------------------------------------


def depth_for(config: dict[str, Any], index: int) -> int:
    depths = [int(d) for d in config.get("depths") or [1]]
    return max(1, depths[min(index, len(depths) - 1)])


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One game against the AI at this level's depth: who moves first (the player on level 1), the
    AI's tie-break order, and on later levels an opening of a move or two (a small handicap), all
    from the rng. Levels the solver cannot win are retried with a fresh draw, then a shallower AI."""
    rules = Rules.of(config)
    want = depth_for(config, req.index)
    level: dict[str, Any] = {}
    for depth in range(want, 0, -1):
        for _try in range(6):
            level = _candidate(rules, req.index, depth, rng)
            if solve(level, config) is not None:
                return level
    return level


def _candidate(rules: Rules, index: int, depth: int, rng: random.Random) -> dict[str, Any]:
    order = list(range(rules.moves_count))
    rng.shuffle(order)
    if rules.gravity:  # a connect-four AI that likes the middle plays like one
        order.sort(key=lambda c: abs(2 * c - (rules.cols - 1)))
        order = _jitter(order, rng)
    # the player opens level 1, and every tic-tac-toe game (a deeper AI that opens it never loses)
    first = PLAYER if index == 0 or rules.mode == "tic_tac_toe" else rng.choice((PLAYER, AI))
    opening: list[int] = []
    if index > 0 and rules.mode != "tic_tac_toe":
        cells, side = rules.initial(), first
        for _ in range(rng.randint(0, 2)):
            legal = rules.legal(cells, side)
            if not legal:
                break
            mv = rng.choice(legal)
            cells, _c, side, result = rules.play(cells, side, mv)
            if result:
                break
            opening.append(mv)
    return {"game": rules.mode, "cols": rules.cols, "rows": rules.rows, "depth": depth, "first": first,
            "order": order, "opening": opening}


def _jitter(order: list[int], rng: random.Random) -> list[int]:
    """Swap a few neighbours of an ordered list (the tie-break differs from level to level)."""
    out = list(order)
    for i in range(len(out) - 1):
        if rng.random() < 0.35:
            out[i], out[i + 1] = out[i + 1], out[i]
    return out


def _player_order(m: Match) -> list[int]:
    """The player's candidate moves, best first by a search one ply deeper than the AI's."""
    r = m.rules
    legal = r.legal(m.cells, PLAYER)
    depth = {"othello": min(m.depth + 1, 2), "checkers": min(m.depth + 2, 3)}.get(r.mode, min(m.depth + 1, 3))
    canon = list(range(r.moves_count))
    scored = []
    for mv in legal:
        cells, _c, nxt, result = r.play(m.cells, PLAYER, mv)
        if result:
            v = _terminal(result, PLAYER, 1)
        elif nxt == PLAYER:
            v = negamax(r, cells, PLAYER, depth - 1, -INF, INF, 1, canon)
        else:
            v = -negamax(r, cells, nxt, depth - 1, -INF, INF, 1, canon)
        scored.append((-v, mv))
    scored.sort()
    return [mv for _v, mv in scored]


def _copy(m: Match) -> Match:
    return Match(m.rules, m.depth, m.order, list(m.cells), m.turn, m.result, m.last, m.plies, m.cx, m.cy,
                 list(m.history), m.sel)


def _search(m: Match, budget: list[int]) -> list[int] | None:
    """Depth-first over the player's moves (the AI's replies are determined): a winning line."""
    if m.result:
        return [] if m.result == PLAYER else None
    if m.plies > MAX_PLIES:
        return None
    for mv in _player_order(m)[:BRANCH.get(m.rules.mode, 99)]:
        if budget[0] <= 0:
            return None
        budget[0] -= 1
        child = _copy(m)
        child.place(mv)
        child.ai_turns()
        rest = _search(child, budget)
        if rest is not None:
            return [mv, *rest]
    return None


def _core(level: dict[str, Any]) -> dict[str, Any]:
    return {k: level.get(k) for k in ("game", "cols", "rows", "depth", "first", "order", "opening")}


@lru_cache(maxsize=256)
def _solve_cached(key: str) -> str | None:
    level, config = json.loads(key)
    m = Match.start(level, config)
    if m.result:
        return None
    moves = _search(m, [int(config.get("solver_budget", 400))])
    if moves is None:
        return None
    replay = Match.start(level, config)
    for mv in moves:
        replay.place(mv)
        replay.ai_turns()
    if replay.result != PLAYER:
        return None
    return json.dumps({"steps": len(moves), "moves": moves, "game": replay.history, "plies": replay.plies,
                       "discs": replay.cells.count(PLAYER)})


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A winning game against the level's AI: the player's moves (``moves``), the whole game
    (``game``, every ply including the opening and the AI's replies). None when the search finds
    none within ``config.solver_budget`` player moves tried. Deterministic (and memoised)."""
    cfg = {k: config.get(k) for k in ("mode", "cols", "rows", "line", "gravity", "solver_budget")}
    out = _solve_cached(json.dumps([_core(level), cfg], sort_keys=True))
    return None if out is None else dict(json.loads(out))


def describe(level: dict[str, Any]) -> str:
    name = {"connect_four": "connect four", "tic_tac_toe": "tic-tac-toe", "othello": "othello", "checkers": "checkers"}.get(
        str(level.get("game")), str(level.get("game")))
    first = "you move first" if level.get("first", PLAYER) == PLAYER else "the AI moves first"
    opening = f", {len(level.get('opening') or [])}-move opening" if level.get("opening") else ""
    return f"{name} {level.get('cols')}x{level.get('rows')}, AI depth {level.get('depth')}, {first}{opening}"
