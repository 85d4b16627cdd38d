"""Grid puzzle levels (genre "puzzle"): generation, a solver, and the movement rules they share.

Two modes (``GameSpec.mode``):

* ``sokoban``: push every box onto a target. Rooms are carved, then filled by *reverse play*: boxes
  start on their targets and a random player walk pulls them away, which can only produce
  positions a forward player can undo — then :func:`solve` proves it and measures the solution.
* ``exit``: reach the exit. The room is split into chambers by walls with one gap each; a gap is
  a locked door (its key lies in an earlier chamber), a box to push through, or open. Pushable
  boxes clutter the chambers, collectibles give points.

The movement rules (the JS module ``maestro/genres/puzzle/puzzle.js`` implements the same ones, from
the same config numbers) — one key press is one move of one cell:

* walls (``#``) and the void (`` ``) block; a closed door blocks unless a key is held, then the
  key is used up, the door opens for good and the player steps onto it;
* a box is pushed when the cell beyond it is floor without a box, a closed door, an untaken key,
  the exit or a danger (boxes can't be pulled, a box can't push another box);
* stepping on a key takes it; stepping on a danger (hazard or enemy) restarts the level, so the
  solver treats dangers as walls; collectibles never block anything and only give points;
* sokoban is won when every box stands on a target, exit mode when the player reaches the exit;
* with a ``move_limit`` the level must be won within that many moves.

Level format (JSON): ``{"mode", "width", "height", "rows": ["#..#", ...] ('#' wall, '.' floor,
' ' void), "player": [x, y], "boxes": [[x, y]], "targets": [[x, y]], "exit": [x, y] | None,
"keys": [[x, y]], "doors": [[x, y]], "items": [{"x", "y", "slug", "points"}], "dangers": [{"x",
"y", "slug", "kind"}], "box_slug": str | None, "min_moves": int, "min_pushes": int}``.
"""

from __future__ import annotations

import heapq
import random
from collections import deque
from typing import Any

from maestro.spec import GameSpec, LevelRequest


MODES = ("sokoban", "exit")
# Item names that mean "the thing you push" in a sokoban GDD: they become the boxes' sprite.
BOX_WORDS = ("box", "crate", "block", "barrel", "boulder", "rock", "stone", "cube", "chest", "sack")

DIRS: dict[str, tuple[int, int]] = {"U": (0, -1), "D": (0, 1), "L": (-1, 0), "R": (1, 0)}
DIR_LIST = tuple(DIRS.items())

WALL, FLOOR, VOID = "#", ".", " "


# ---- config ----------------------------------------------------------------------------------




def _num(params: dict[str, Any] | None, keys: tuple[str, ...], default: float, lo: float, hi: float) -> float:
    for k in keys:
        v = (params or {}).get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return float(min(hi, max(lo, v)))
    return float(default)


def _is_box_like(slug: str) -> bool:
    return any(w in slug.lower() for w in BOX_WORDS)


def _mode_of(mode: str | None, has_goal: bool, box_items: bool) -> str:
    if mode in MODES:
        return mode
    return "exit" if has_goal and not box_items else "sokoban"


def config_for(spec: GameSpec) -> dict:
    """The puzzle tunables: the GDD's numbers where it gave them (mechanics), defaults otherwise."""
    grid = spec.params_of("grid_movement", "turn_based", "tile_movement")
    push = spec.params_of("push_blocks", "sokoban", "push")
    undo = spec.params_of("undo", "rewind")
    limit = spec.params_of("move_limit", "limited_moves")
    keys = spec.params_of("keys_doors", "keys", "locks")
    collect = spec.params_of("collectibles", "collect")
    mode = _mode_of(spec.mode, spec.goal is not None, any(_is_box_like(i.slug) for i in spec.items))
    repeat_rate = _num(grid, ("repeat_rate", "moves_per_second", "speed"), 8.0, 1.0, 30.0)
    move_limit = _num(limit, ("moves", "limit", "max_moves"), 0, 0, 100000)
    item_points = next((i.points for i in spec.items if i.points), None)
    return {
        "mode": mode,
        # turn-based input: a press is a move; a held key repeats after repeat_delay at repeat_rate/s
        "repeat_rate": repeat_rate,
        "repeat_delay": _num(grid, ("repeat_delay", "delay"), 0.22, 0.05, 1.0),
        "move_time": min(_num(grid, ("move_time", "tween"), 0.09, 0.0, 0.5), round(1.0 / repeat_rate, 4)),
        "undo": bool((undo or {}).get("enabled", True)),
        "undo_limit": int(_num(undo, ("limit", "max", "steps"), 1000, 1, 100000)),
        "min_boxes": 1,
        "max_boxes": int(_num(push, ("boxes", "max_boxes", "count"), 4 if mode == "sokoban" else 3, 1, 6)),
        "min_size": [8, 8] if mode == "sokoban" else [11, 8],
        "max_size": [14, 11] if mode == "sokoban" else [19, 12],
        "keys_doors": bool((keys or {}).get("enabled", True)) if (keys is not None or mode == "exit") else False,
        "max_doors": int(_num(keys, ("doors", "count", "keys"), 2, 0, 4)),
        "move_limit": int(move_limit) or None,
        "level_points": int(_num(collect, ("level_points",), 100, 0, 100000)),
        "min_level_points": 10,
        "move_penalty": 1,
        "item_points": int(item_points or _num(collect, ("points",), 10, 0, 100000)),
        "max_items": 8,
        "max_dangers": 6,
        "state_cap": 200_000,
        "tile_min": 16,
        "tile_max": 32,
    }


# ---- the board and its rules -------------------------------------------------------------------


class Board:
    """A level's static layout as flat cell indices (idx = y * width + x)."""

    def __init__(self, level: dict):
        self.w = int(level["width"])
        self.h = int(level["height"])
        rows = level["rows"]
        n = self.w * self.h
        self.floor = [False] * n
        for y, row in enumerate(rows[: self.h]):
            for x, ch in enumerate(row[: self.w]):
                self.floor[y * self.w + x] = ch == FLOOR
        self.danger = [False] * n
        for d in level.get("dangers") or []:
            self.danger[self.idx(d["x"], d["y"])] = True
        self.targets = frozenset(self.idx(*t) for t in level.get("targets") or [])
        ex = level.get("exit")
        self.exit = self.idx(*ex) if ex else -1
        self.keys = [self.idx(*k) for k in level.get("keys") or []]
        self.doors = [self.idx(*d) for d in level.get("doors") or []]
        self.key_bit = {c: 1 << i for i, c in enumerate(self.keys)}
        self.door_bit = {c: 1 << i for i, c in enumerate(self.doors)}
        self.player = self.idx(*level["player"])
        self.boxes = tuple(sorted(self.idx(*b) for b in level.get("boxes") or []))
        self.steps = {k: dy * self.w + dx for k, (dx, dy) in DIRS.items()}

    def idx(self, x: int, y: int) -> int:
        if not (0 <= x < self.w and 0 <= y < self.h):
            raise ValueError(f"cell ({x}, {y}) is outside the {self.w}x{self.h} grid")
        return int(y) * self.w + int(x)

    def xy(self, c: int) -> tuple[int, int]:
        return c % self.w, c // self.w

    def nb(self, c: int, d: str) -> int:
        """The neighbour of c in direction d, or -1 off the grid."""
        x, y = c % self.w + DIRS[d][0], c // self.w + DIRS[d][1]
        return y * self.w + x if 0 <= x < self.w and 0 <= y < self.h else -1

    def walkable(self, c: int) -> bool:
        return c >= 0 and self.floor[c] and not self.danger[c]


def move(board: Board, state: tuple, d: str) -> tuple | None:
    """One move from state (player, boxes(sorted tuple), keys_taken mask, doors_open mask).

    Returns the new state, or None when the move is blocked (or would step on a danger).
    This is the rule the JS module implements cell for cell.
    """
    p, boxes, kmask, dmask = state
    t = board.nb(p, d)
    if not board.walkable(t):
        return None
    bit = board.door_bit.get(t)
    if bit is not None and not dmask & bit:
        held = bin(kmask).count("1") - bin(dmask).count("1")
        if held <= 0:
            return None
        dmask |= bit
    elif t in boxes:
        u = board.nb(t, d)
        if not board.walkable(u) or u in boxes or u == board.exit:
            return None
        ub = board.door_bit.get(u)
        if ub is not None and not dmask & ub:
            return None
        kb = board.key_bit.get(u)
        if kb is not None and not kmask & kb:
            return None
        boxes = tuple(sorted(u if b == t else b for b in boxes))
    kb = board.key_bit.get(t)
    if kb is not None:
        kmask |= kb
    return (t, boxes, kmask, dmask)


def is_won(board: Board, mode: str, state: tuple) -> bool:
    if mode == "sokoban":
        return bool(board.targets) and set(state[1]) == set(board.targets)
    return state[0] == board.exit


def simulate(level: dict, moves: list[str] | str) -> dict:
    """Play a move list by the game's rules: {"won", "moves" (applied), "blocked" (index or None)}."""
    board = Board(level)
    mode = level.get("mode", "sokoban")
    state = (board.player, board.boxes, 0, 0)
    for i, d in enumerate(moves):
        nxt = move(board, state, d)
        if nxt is None:
            return {"won": False, "moves": i, "blocked": i, "state": state}
        state = nxt
        if is_won(board, mode, state):
            return {"won": True, "moves": i + 1, "blocked": None, "state": state}
    return {"won": False, "moves": len(moves), "blocked": None, "state": state}


# ---- solving -------------------------------------------------------------------------------------


OPPOSITE = {"U": "D", "D": "U", "L": "R", "R": "L"}


def _push_distances(board: Board) -> list[int]:
    """Fewest pushes that bring a lone box from each cell onto some target (-1: never — a dead cell).

    A reverse 'pull' search from the targets: a box reaches b from prev = b - d when the player can
    stand at prev - d to push it.
    """
    dist = [-1] * (board.w * board.h)
    todo = deque(board.targets)
    for t in board.targets:
        dist[t] = 0
    while todo:
        b = todo.popleft()
        for d in DIRS:
            prev = board.nb(b, d)
            stand = board.nb(prev, d) if prev >= 0 else -1
            if board.walkable(prev) and board.walkable(stand) and dist[prev] < 0:
                dist[prev] = dist[b] + 1
                todo.append(prev)
    return dist


def _reach(board: Board, start: int, blocked: set | frozenset | tuple) -> set[int]:
    seen = {start}
    todo = [start]
    while todo:
        c = todo.pop()
        for d in DIRS:
            n = board.nb(c, d)
            if n not in seen and board.walkable(n) and n not in blocked:
                seen.add(n)
                todo.append(n)
    return seen


def _walk(board: Board, start: int, goal: int, blocked: set | frozenset | tuple) -> list[str] | None:
    if start == goal:
        return []
    prev: dict[int, tuple[int, str]] = {start: (-1, "")}
    todo = deque([start])
    while todo:
        c = todo.popleft()
        for d in DIRS:
            n = board.nb(c, d)
            if n in prev or not board.walkable(n) or n in blocked:
                continue
            prev[n] = (c, d)
            if n == goal:
                path = []
                while n != start:
                    n, step = prev[n]
                    path.append(step)
                return path[::-1]
            todo.append(n)
    return None


def _frozen_square(board: Board, boxes: frozenset, c: int) -> bool:
    """A 2x2 block of walls/boxes holding a box that is off target can never move again."""
    x, y = board.xy(c)
    for ox in (-1, 0):
        for oy in (-1, 0):
            cells = []
            for dx in (0, 1):
                for dy in (0, 1):
                    cx, cy = x + ox + dx, y + oy + dy
                    cells.append(cy * board.w + cx if 0 <= cx < board.w and 0 <= cy < board.h else -1)
            if all(k < 0 or not board.walkable(k) or k in boxes for k in cells):
                if any(k in boxes and k not in board.targets for k in cells):
                    return True
    return False


def _solve_sokoban(board: Board, cap: int) -> list[str] | None:
    """A* over pushes (fewest pushes: the heuristic, each box's push distance to its nearest target,
    never overestimates and changes by at most one per push). A state is (boxes, the player's
    reachable region, named by its smallest cell); walking inside the region costs no search."""
    if not board.boxes or len(board.boxes) != len(board.targets):
        return None
    dist = _push_distances(board)
    if any(dist[b] < 0 for b in board.boxes):
        return None
    n = board.w * board.h
    nbrs = [[(d, board.nb(c, d)) for d in DIRS if board.walkable(board.nb(c, d))] for c in range(n)]
    targets = board.targets
    seen: set = set()
    nodes: list[tuple[int, tuple]] = [(board.player, board.boxes)]
    parents: list[tuple[int, int, int, str]] = [(-1, -1, -1, "")]  # (parent node, box cell, stand cell, dir)
    heap = [(sum(dist[b] for b in board.boxes), 0, 0)]  # (f, g, node)
    while heap:
        _f, g, nid = heapq.heappop(heap)
        player, boxes = nodes[nid]
        bset = frozenset(boxes)
        region = bytearray(n)
        region[player] = 1
        stack, low = [player], player
        while stack:
            c = stack.pop()
            for _d, m in nbrs[c]:
                if not region[m] and m not in bset:
                    region[m] = 1
                    stack.append(m)
                    if m < low:
                        low = m
        key = (boxes, low)
        if key in seen:
            continue
        seen.add(key)
        if bset == targets:
            return _replay_pushes(board, parents, nid)
        if len(seen) > cap:
            return None
        h0 = _f - g
        for b in boxes:
            for d, nb in nbrs[b]:
                stand = board.nb(b, OPPOSITE[d])
                if stand < 0 or not region[stand] or nb in bset or dist[nb] < 0:
                    continue
                nboxes = bset - {b} | {nb}
                if nb not in targets and _frozen_square(board, nboxes, nb):
                    continue
                nodes.append((b, tuple(sorted(nboxes))))
                parents.append((nid, b, stand, d))
                h = h0 - dist[b] + dist[nb]
                heapq.heappush(heap, (g + 1 + h, g + 1, len(nodes) - 1))
    return None


def _replay_pushes(board: Board, parents, nid: int) -> list[str] | None:
    pushes = []
    while parents[nid][0] >= 0:
        pushes.append(parents[nid])
        nid = parents[nid][0]
    pushes.reverse()
    player, boxes = board.player, set(board.boxes)
    moves: list[str] = []
    for _parent, b, stand, d in pushes:
        path = _walk(board, player, stand, boxes)
        if path is None:  # cannot happen: stand was in the reachable region
            return None
        moves.extend(path)
        moves.append(d)
        boxes.discard(b)
        boxes.add(board.nb(b, d))
        player = b
    return moves


def _solve_steps(board: Board, mode: str, cap: int) -> list[str] | None:
    """Breadth-first over single moves (fewest moves) — exit mode: keys, doors and boxes."""
    start = (board.player, board.boxes, 0, 0)
    if is_won(board, mode, start):
        return []
    prev: dict[tuple, tuple[tuple | None, str]] = {start: (None, "")}
    todo = deque([start])
    while todo:
        s = todo.popleft()
        for d in DIRS:
            n = move(board, s, d)
            if n is None or n in prev:
                continue
            prev[n] = (s, d)
            if is_won(board, mode, n):
                path = []
                while prev[n][0] is not None:
                    n, step = prev[n]
                    path.append(step)
                return path[::-1]
            if len(prev) > cap:
                return None
            todo.append(n)
    return None


def solve(level: dict, config: dict) -> dict | None:
    """A proof the level can be won: {"path": ["U", "R", ...], "steps", "pushes"}, or None."""
    try:
        board = Board(level)
    except (KeyError, ValueError, TypeError, IndexError):
        return None
    if not board.walkable(board.player) or any(not board.walkable(b) for b in board.boxes):
        return None
    mode = level.get("mode", config.get("mode", "sokoban"))
    cap = int(config.get("state_cap", 200_000))
    if mode == "sokoban":
        path = _solve_sokoban(board, cap)
    else:
        if board.exit < 0 or not board.walkable(board.exit):
            return None
        path = _solve_steps(board, mode, cap)
    if path is None:
        return None
    played = simulate(level, path)
    if not played["won"]:  # the search and the rules disagree: never claim a level we can't play
        return None
    limit = config.get("move_limit")
    if limit and len(path) > limit:
        return None
    return {"path": path, "steps": len(path), "pushes": _count_pushes(level, path)}


def _count_pushes(level: dict, path: list[str]) -> int:
    board = Board(level)
    state = (board.player, board.boxes, 0, 0)
    pushes = 0
    for d in path:
        nxt = move(board, state, d)
        if nxt is None:
            break
        pushes += nxt[1] != state[1]
        state = nxt
    return pushes


# ---- generation ----------------------------------------------------------------------------------


def _size(config: dict, difficulty: float) -> tuple[int, int]:
    (w0, h0), (w1, h1) = config.get("min_size", [8, 8]), config.get("max_size", [14, 11])
    k = max(0.0, difficulty - 1.0)
    return min(w1, w0 + round(k * 2.4)), min(h1, h0 + round(k * 1.4))


def _connected(cells: list[list[str]], w: int, h: int) -> bool:
    floor = [(x, y) for y in range(h) for x in range(w) if cells[y][x] == FLOOR]
    if not floor:
        return False
    seen = {floor[0]}
    todo = [floor[0]]
    while todo:
        x, y = todo.pop()
        for dx, dy in DIRS.values():
            n = (x + dx, y + dy)
            if 0 <= n[0] < w and 0 <= n[1] < h and n not in seen and cells[n[1]][n[0]] == FLOOR:
                seen.add(n)
                todo.append(n)
    return len(seen) == len(floor)


def _finish_rows(cells: list[list[str]], w: int, h: int) -> list[str]:
    """Walls that touch no floor (8-neighbourhood) become void, so rooms have a shape."""
    out = []
    for y in range(h):
        row = []
        for x in range(w):
            ch = cells[y][x]
            if ch == WALL and not any(
                0 <= x + dx < w and 0 <= y + dy < h and cells[y + dy][x + dx] == FLOOR
                for dx in (-1, 0, 1) for dy in (-1, 0, 1)
            ):
                ch = VOID
            row.append(ch)
        out.append("".join(row))
    return out


def _carve_room(rng: random.Random, w: int, h: int, density: float) -> list[list[str]]:
    cells = [[FLOOR if 0 < x < w - 1 and 0 < y < h - 1 else WALL for x in range(w)] for y in range(h)]
    # cut a corner block or two so rooms are not plain rectangles
    for _ in range(rng.randint(0, 2)):
        cw, ch = rng.randint(1, max(1, w // 4)), rng.randint(1, max(1, h // 4))
        x0 = 1 if rng.random() < 0.5 else w - 1 - cw
        y0 = 1 if rng.random() < 0.5 else h - 1 - ch
        for y in range(y0, y0 + ch):
            for x in range(x0, x0 + cw):
                cells[y][x] = WALL
    interior = (w - 2) * (h - 2)
    want = int(interior * density)
    tries = 0
    while want > 0 and tries < 400:
        tries += 1
        x, y = rng.randint(1, w - 2), rng.randint(1, h - 2)
        horiz = rng.random() < 0.5
        length = rng.randint(1, 3)
        seg = [(x + i, y) if horiz else (x, y + i) for i in range(length)]
        seg = [(sx, sy) for sx, sy in seg if 0 < sx < w - 1 and 0 < sy < h - 1 and cells[sy][sx] == FLOOR]
        if not seg:
            continue
        for sx, sy in seg:
            cells[sy][sx] = WALL
        if _connected(cells, w, h):
            want -= len(seg)
        else:
            for sx, sy in seg:
                cells[sy][sx] = FLOOR
    return cells


def _reverse_play(rng: random.Random, board: Board, targets: list[int], player: int, steps: int) -> tuple[int, tuple]:
    """Pull boxes off their targets with a random walk (the inverse of pushing)."""
    boxes = set(targets)
    p = player
    last = None
    for _ in range(steps):
        d = last if last and rng.random() < 0.55 else rng.choice("UDLR")
        n = board.nb(p, d)
        if not board.walkable(n) or n in boxes:
            last = None
            continue
        behind = board.nb(p, OPPOSITE[d])
        if behind in boxes and rng.random() < 0.7:
            boxes.discard(behind)
            boxes.add(p)
            last = d
        else:
            last = None
        p = n
    return p, tuple(sorted(boxes))


def _xy_list(board: Board, cells) -> list[list[int]]:
    return [list(board.xy(c)) for c in cells]


def _visited_cells(level: dict, path: list[str]) -> set[int]:
    """Every cell the player or a box occupies while the path is played."""
    board = Board(level)
    state = (board.player, board.boxes, 0, 0)
    seen = {state[0], *state[1]}
    for d in path:
        state = move(board, state, d) or state
        seen.add(state[0])
        seen.update(state[1])
    return seen


def _box_slug(req: LevelRequest) -> str | None:
    return next((i.slug for i in req.items if _is_box_like(i.slug)), None)


def _add_extras(level: dict, req: LevelRequest, config: dict, rng: random.Random, path: list[str]) -> None:
    """Collectibles anywhere free; dangers only off the solution's cells, so the proof still holds."""
    board = Board(level)
    used = _visited_cells(level, path)
    busy = {board.player, *board.boxes, *board.targets, *board.keys, *board.doors, board.exit}
    free = [c for c in range(board.w * board.h) if board.floor[c] and c not in busy]
    rng.shuffle(free)
    index = int(req.index)
    items = [i for i in req.items if not _is_box_like(i.slug)]
    if items:
        n = req.item_count or sum(int(i.count or 0) for i in items) or 2 + index
        n = min(int(n), int(config.get("max_items", 8)), len(free) // 3)
        for k in range(n):
            c = free.pop()
            it = items[k % len(items)]
            level["items"].append({"x": c % board.w, "y": c // board.w, "slug": it.slug,
                                   "points": int(it.points or config.get("item_points", 10))})
    kinds = [("hazard", h.slug) for h in req.hazards] + [("enemy", e.slug) for e in req.enemies]
    if kinds:
        n = req.enemy_count or 1 + index // 2
        # at least one of each kind the GDD names, so every danger is met in some level
        n = min(max(int(n), len(kinds)), int(config.get("max_dangers", 6)))
        spots = [c for c in free if c not in used]
        for k in range(min(n, len(spots))):
            c = spots[k]
            kind, slug = kinds[k % len(kinds)]
            level["dangers"].append({"x": c % board.w, "y": c // board.w, "slug": slug, "kind": kind})


def _empty_level(mode: str, w: int, h: int, rows: list[str], req: LevelRequest) -> dict:
    return {"mode": mode, "width": w, "height": h, "rows": rows, "player": [1, 1], "boxes": [], "targets": [],
            "exit": None, "keys": [], "doors": [], "items": [], "dangers": [], "box_slug": _box_slug(req),
            "min_moves": 0, "min_pushes": 0}


def _gen_sokoban(req: LevelRequest, config: dict, rng: random.Random) -> dict:
    d = float(req.difficulty)
    w, h = _size(config, d)
    n_boxes = max(int(config.get("min_boxes", 1)), min(int(config.get("max_boxes", 4)), 1 + int(d - 1.0)))
    # the minimum solution grows with difficulty: more pushes, then more boxes and bigger rooms
    want_pushes = 2 + int(3 * (d - 1.0)) + 2 * n_boxes
    cap = min(int(config.get("state_cap", 200_000)), 3_000)  # candidates only: keeps generate fast
    best: tuple[int, int, dict, list[str]] | None = None  # (score, pushes, level, path)
    for _attempt in range(6):
        cells = _carve_room(rng, w, h, 0.10 + 0.04 * min(d, 4.0))
        rows = _finish_rows(cells, w, h)
        level = _empty_level("sokoban", w, h, rows, req)
        board = Board(level)
        floor = [c for c in range(w * h) if board.floor[c]]
        # targets need room around them to be pulled off: at least 3 floor neighbours
        roomy = [c for c in floor if sum(board.walkable(board.nb(c, k)) for k in DIRS) >= 3]
        if len(roomy) < n_boxes + 2:
            continue
        for _walk_try in range(3):
            targets = rng.sample(roomy, n_boxes)
            player = rng.choice([c for c in floor if c not in targets])
            p, boxes = _reverse_play(rng, board, targets, player, 60 + 40 * n_boxes + int(30 * d))
            if len(set(boxes) & set(targets)) == len(targets):
                continue
            level["player"], level["boxes"], level["targets"] = list(board.xy(p)), _xy_list(board, boxes), _xy_list(board, targets)
            sol = solve(level, dict(config, state_cap=cap, move_limit=None))
            if sol is None:
                continue
            score = sol["pushes"] * 4 + sol["steps"]
            if best is None or score > best[0]:
                best = (score, sol["pushes"], {**level, "rows": list(rows)}, sol["path"])
            if sol["pushes"] >= want_pushes:
                break
        if best and best[1] >= want_pushes:
            break
    if best is None:  # degenerate config: an empty room with one box one push from its target
        level = _empty_level("sokoban", w, h, _finish_rows(_carve_room(rng, w, h, 0.0), w, h), req)
        level.update(player=[1, 2], boxes=[[2, 2]], targets=[[3, 2]])
        path = ["R"]
    else:
        level, path = best[2], best[3]
    level["min_moves"], level["min_pushes"] = len(path), _count_pushes(level, path)
    _add_extras(level, req, config, rng, path)
    return level


def _gen_exit(req: LevelRequest, config: dict, rng: random.Random) -> dict:
    d = float(req.difficulty)
    w, h = _size(config, d)
    chambers = max(2, min(4, 1 + int(d + 0.5), (w - 1) // 4))
    max_boxes = int(config.get("max_boxes", 3))
    doors_left = int(config.get("max_doors", 2)) if config.get("keys_doors", True) else 0
    for _attempt in range(12):
        cells = _carve_room(rng, w, h, 0.06 + 0.02 * min(d, 4.0))
        # partition walls at evenly spread columns, each with one gap
        inner = w - 2 - (chambers - 1)
        widths = [inner // chambers + (1 if i < inner % chambers else 0) for i in range(chambers)]
        xs, x = [], 1
        for cw in widths[:-1]:
            x += cw
            xs.append(x)
            x += 1
        spans = []  # (x0, x1) of each chamber's columns
        x = 1
        for cw in widths:
            spans.append((x, x + cw - 1))
            x += cw + 1
        gaps = []
        for wx in xs:
            for y in range(1, h - 1):
                cells[y][wx] = WALL
            gy = rng.randint(1, h - 2)
            cells[gy][wx] = FLOOR
            cells[gy][wx - 1] = FLOOR
            cells[gy][wx + 1] = FLOOR
            if wx + 2 < w - 1:
                cells[gy][wx + 2] = FLOOR
            gaps.append((wx, gy))
        if not _connected(cells, w, h):
            continue
        rows = _finish_rows(cells, w, h)
        level = _empty_level("exit", w, h, rows, req)
        board = Board(level)

        def chamber_cells(i: int, spans=spans, board=board) -> list[int]:  # this attempt's spans and board
            x0, x1 = spans[i]
            return [yy * w + xx for yy in range(1, h - 1) for xx in range(x0, x1 + 1) if board.floor[yy * w + xx]]

        taken: set[int] = set()
        start = rng.choice(chamber_cells(0))
        taken.add(start)
        far = [c for c in chamber_cells(chambers - 1) if c % w == spans[-1][1]] or chamber_cells(chambers - 1)
        exit_cell = rng.choice(far)
        taken.add(exit_cell)
        boxes, keys, doors = [], [], []
        n_box_gaps = 0
        for i, (wx, gy) in enumerate(gaps):
            g = gy * w + wx
            roll = rng.random()
            if doors_left > 0 and roll < 0.5:
                pool = [c for k in range(i + 1) for c in chamber_cells(k) if c not in taken and c % w != wx - 1]
                if pool:
                    kc = rng.choice(pool)
                    keys.append(kc)
                    doors.append(g)
                    taken.update((kc, g))
                    doors_left -= 1
                    continue
            if n_box_gaps < max_boxes and roll < 0.9:
                boxes.append(g)
                taken.update((g, g - 1, g + 1, g + 2))
                n_box_gaps += 1
            else:
                taken.add(g)
        extra = max(0, min(max_boxes - len(boxes), int(d) - 1 + rng.randint(0, 1)))
        pool = [c for c in range(w * h) if board.floor[c] and c not in taken and c not in {g[1] * w + g[0] + o for g in gaps for o in (-1, 0, 1, 2)}]
        rng.shuffle(pool)
        boxes.extend(pool[:extra])
        level.update(player=list(board.xy(start)), exit=list(board.xy(exit_cell)), boxes=_xy_list(board, sorted(boxes)),
                     keys=_xy_list(board, keys), doors=_xy_list(board, doors))
        sol = solve(level, dict(config, move_limit=None, state_cap=min(int(config.get("state_cap", 200_000)), 20_000)))
        if sol is None or sol["steps"] < w:
            continue
        level["min_moves"], level["min_pushes"] = sol["steps"], sol["pushes"]
        _add_extras(level, req, config, rng, sol["path"])
        return level
    return level  # the last try; the pipeline's solve rejects it and asks again


def generate(req: LevelRequest, config: dict, rng: random.Random) -> dict:
    """One level for req (index, difficulty, entities ...), deterministic for the rng's seed."""
    mode = req.mode if req.mode in MODES else config.get("mode", "sokoban")
    if mode == "exit":
        return _gen_exit(req, config, rng)
    return _gen_sokoban(req, config, rng)


def describe(level: dict) -> str:
    w, h = level.get("width"), level.get("height")
    extra = f", {len(level.get('items') or [])} items, {len(level.get('dangers') or [])} dangers"
    if level.get("mode") == "exit":
        return (f"{w}x{h} exit puzzle, {len(level.get('boxes') or [])} boxes, {len(level.get('doors') or [])} doors"
                f"{extra}, solution {level.get('min_moves')} moves")
    return (f"{w}x{h} sokoban, {len(level.get('boxes') or [])} boxes{extra}, "
            f"solution {level.get('min_moves')} moves / {level.get('min_pushes')} pushes")
