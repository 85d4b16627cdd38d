"""Adventure levels: top-down tile grids (maze, roguelike, dungeon crawler, stealth, escape room).

Pure and deterministic: the same ``req``, ``config`` and seeded ``rng`` give the same level.

The movement rules here are the ones ``maestro/genres/adventure/adventure.js`` plays, from the same
``config`` numbers: the player moves one tile at a time in 4 directions; walls block; door ``i``
opens only with key ``i`` (keys are picked up by stepping on them and kept); hazards hurt.
``solve`` is a breadth-first search over (cell, keys-held bitmask) with those rules.

Level format (JSON):
  w, h            size in tiles
  grid            h strings of w chars: '#' wall, '.' floor
  mode            "maze" | "rooms"
  start, exit     [x, y] cells
  doors, keys     [{"x", "y", "key": i}]  (key i opens door i; at most 4 colours)
  items           [{"x", "y", "slug", "points"}]
  potions         [{"x", "y"}]   (+1 life; only with a health mechanic)
  hazards         [{"x", "y", "slug"}]
  enemies         [{"slug", "behavior", "x", "y", "route": [[x, y], ...], "speed", "hp", "points"}]
                  patrol guards walk ``route`` back and forth (a 1-cell route = a sentry that
                  turns on the spot) and see ``config.vision`` tiles ahead (see ``cone_cells``)
  par             steps of the solver's path
"""

from __future__ import annotations

import random
from collections import deque

from maestro.spec import GameSpec, LevelRequest


MAX_KEYS = 4
DIRS = ((1, 0), (0, 1), (-1, 0), (0, -1))
MOVE_LETTER = {(1, 0): "R", (-1, 0): "L", (0, 1): "D", (0, -1): "U"}

# Mechanic ids (and parameter names) the GDD reader may use for each tunable; the first hit wins.
_SPEED_IDS = ("move_speed", "speed", "movement", "grid_movement", "smooth_movement")
_CHASE_IDS = ("enemies_chase", "chase", "chaser", "enemy_ai", "hunt")
_VISION_IDS = ("stealth", "vision", "vision_cone", "line_of_sight", "guards")
_ATTACK_IDS = ("attack", "combat", "melee", "bump_attack", "sword", "fight", "shoot")  # shoot: nearest we play
_HEALTH_IDS = ("health", "potions", "healing", "heal", "hit_points")
_KEYS_IDS = ("keys_doors", "keys", "locked_doors", "doors", "key_door")
_FOG_IDS = ("fog_of_war", "field_of_view", "fov", "darkness", "visibility")
_COLLECT_IDS = ("collect", "collectibles", "coins", "treasure", "score")


def _mech(spec: GameSpec, ids: tuple[str, ...]):
    for mid in ids:
        m = spec.mechanic(mid)
        if m is not None:
            return m
    return None


def _num(params: dict, names: tuple[str, ...], default: float) -> float:
    for n in names:
        v = params.get(n)
        if isinstance(v, (int, float)) and not isinstance(v, bool) and v > 0:
            return float(v)
    return default


def config_for(spec: GameSpec) -> dict:
    """The genre's tunables: the GDD's numbers where it gave them, defaults otherwise."""
    mode = spec.mode if spec.mode in ("maze", "rooms") else ("rooms" if (spec.enemies or spec.items) else "maze")
    move_speed = 7.0
    m = _mech(spec, _SPEED_IDS)
    if m is not None:
        move_speed = _num(m.params, ("tiles_per_second", "move_speed", "speed", "tiles", "value"), move_speed)
    elif spec.player.speed:
        move_speed = 7.0 * spec.player.speed
    move_speed = max(2.0, min(16.0, move_speed))

    chase_radius, chase_factor, patrol_factor = 6, 1.0, 1.0
    m = _mech(spec, _CHASE_IDS)
    if m is not None:
        chase_radius = int(_num(m.params, ("radius", "chase_radius", "range", "tiles", "distance"), chase_radius))
        chase_factor = _num(m.params, ("speed",), 1.0)
    m = spec.mechanic("enemies_patrol")
    if m is not None:
        patrol_factor = _num(m.params, ("speed",), 1.0)
    sprint = spec.mechanic("sprint")

    vision = 3
    m = _mech(spec, _VISION_IDS)
    if m is not None:
        vision = int(_num(m.params, ("range", "vision", "tiles", "distance", "radius", "length"), 4))
    vision = max(1, min(8, vision))

    # A pacifist hero never attacks, whatever else the GDD's words asked for.
    attack = None if _mech(spec, ("pacifist",)) is not None else _mech(spec, _ATTACK_IDS)
    enemy_hp = 1
    if attack is not None:
        enemy_hp = int(_num(attack.params, ("enemy_hp", "hp", "hits", "health"), 1))
    health = _mech(spec, _HEALTH_IDS)
    max_lives = max(spec.lives, 3)
    if health is not None:  # potions heal up to the GDD's hit points (never below the starting lives)
        max_lives = max(spec.lives, int(_num(health.params, ("max", "max_lives", "max_health", "hp", "lives"), 5)))

    keys_m = _mech(spec, _KEYS_IDS)
    max_keys = 3 if mode == "rooms" else 0
    if keys_m is not None:
        # the catalog's default is 1 key, indistinguishable from a GDD that says 1: treat 1 as
        # "keys and doors, please" and let the count grow with the level index
        asked = int(_num(keys_m.params, ("count", "keys", "max_keys", "doors"), 1))
        max_keys = asked if asked > 1 else (3 if mode == "rooms" else 2)
    max_keys = max(0, min(MAX_KEYS, max_keys))

    fog = _mech(spec, _FOG_IDS)
    collect = _mech(spec, _COLLECT_IDS)
    item_points = int(_num(collect.params, ("points", "value", "score"), 10)) if collect is not None else 10

    return {
        "mode": mode,
        "move_speed": round(move_speed, 3),           # player, tiles per second (one tile per move)
        "enemy_speed": round(min(3.0, move_speed * 0.6) * patrol_factor, 3),   # patrol / walker tiles/s
        "chase_speed": round(min(move_speed * 0.85, move_speed * 0.6 * chase_factor), 3),  # slower than the player
        "sprint": _num(sprint.params, ("factor", "speed"), 1.8) if sprint is not None else 0,  # hold Space: x faster
        "max_enemy_speed": round(move_speed * 0.85, 3),
        "chase_radius": max(2, min(20, chase_radius)),  # BFS steps through the grid
        "vision": vision,                               # guard sight, tiles ahead (cone widens every 2)
        "guard_pause": 0.5,                             # seconds a guard waits at a route end
        "sentry_turn": 1.5,                             # seconds a 1-cell guard looks each way
        "touch_radius": 0.6,                            # tiles: enemy closer than this = hurt
        "attack": attack is not None,
        "attack_cooldown": 0.25,
        "stun": 0.6,
        "enemy_hp": max(1, min(3, enemy_hp)),
        "enemy_points": 25,
        "health": health is not None,
        "max_lives": max(1, min(10, max_lives)),
        "keys": max_keys,                               # most keys/doors per level
        "key_points": 50,
        "item_points": item_points,
        "fog": fog is not None,
        "fog_radius": int(_num(fog.params, ("radius", "range", "tiles"), 5)) if fog is not None else 5,
        "loops": 0.05,                                  # maze: share of extra openings
        "min_size": [21, 15],
        "max_size": [41, 31],
        "max_enemies": 16,
        "max_items": 40,
    }


# ---- geometry shared with the JS --------------------------------------------------------------

def _spread(d: int) -> int:
    return (d - 1) // 2


def cone_cells(opaque, w: int, h: int, x: int, y: int, dx: int, dy: int, n: int) -> list[tuple[int, int]]:
    """Cells a guard at (x, y) facing (dx, dy) sees: n tiles ahead, one wider on each side every
    2 tiles, a cell seen only when the cell behind it (towards the guard) is seen and it is not
    opaque. adventure.js computes the same set."""
    out: list[tuple[int, int]] = []
    prev: dict[int, bool] = {}
    for d in range(1, n + 1):
        sp, psp = _spread(d), _spread(d - 1) if d > 1 else 0
        cur: dict[int, bool] = {}
        for s in range(-sp, sp + 1):
            if d == 1:
                parent = True
            elif abs(s) <= psp:
                parent = prev.get(s, False)
            else:
                parent = prev.get(s - (1 if s > 0 else -1), False)
            cx, cy = x + dx * d - dy * s, y + dy * d + dx * s
            ok = parent and 0 <= cx < w and 0 <= cy < h and not opaque(cx, cy)
            cur[s] = ok
            if ok:
                out.append((cx, cy))
        prev = cur
    return out


def guard_views(enemy: dict) -> list[tuple[int, int, int, int]]:
    """Every (x, y, dx, dy) a patrol guard can stand at and face."""
    route = [tuple(c) for c in enemy.get("route") or [(enemy["x"], enemy["y"])]]
    if len(route) == 1:
        x, y = route[0]
        return [(x, y, dx, dy) for dx, dy in DIRS]
    views = []
    for (ax, ay), (bx, by) in zip(route, route[1:]):
        dx, dy = bx - ax, by - ay
        views += [(ax, ay, dx, dy), (bx, by, dx, dy), (ax, ay, -dx, -dy), (bx, by, -dx, -dy)]
    return views


# ---- solver ---------------------------------------------------------------------------------

def _blocked_cells(level: dict) -> set[tuple[int, int]]:
    """Cells the solver may not enter: hazards, static enemies and every patrol route cell."""
    blocked = {(hz["x"], hz["y"]) for hz in level.get("hazards", [])}
    for e in level.get("enemies", []):
        if e.get("behavior") == "patrol":
            blocked.update(tuple(c) for c in (e.get("route") or [[e["x"], e["y"]]]))
        elif e.get("behavior") == "static":
            blocked.add((e["x"], e["y"]))
    return blocked


def solve(level: dict, config: dict) -> dict | None:
    """BFS over (cell, keys held) from start to exit, or None when the level cannot be finished.

    Also None when the start is unsafe: an enemy on or next to it, or inside a guard's sight."""
    try:
        w, h, grid = level["w"], level["h"], level["grid"]
        sx, sy = level["start"]
        ex, ey = level["exit"]
    except (KeyError, TypeError, ValueError):
        return None
    if len(grid) != h or any(len(r) != w for r in grid):
        return None

    def wall(x: int, y: int) -> bool:
        return not (0 <= x < w and 0 <= y < h) or grid[y][x] == "#"

    if wall(sx, sy) or wall(ex, ey):
        return None
    blocked = _blocked_cells(level)
    if (sx, sy) in blocked:
        return None
    vision = int(config.get("vision", 3))
    for e in level.get("enemies", []):
        if abs(e["x"] - sx) + abs(e["y"] - sy) <= 1:
            return None
        if e.get("behavior") == "patrol" and vision > 0:
            for vx, vy, dx, dy in guard_views(e):
                # doors count as transparent here: an opened door must not expose the start either
                if (sx, sy) in cone_cells(wall, w, h, vx, vy, dx, dy, vision):
                    return None

    doors = {(d["x"], d["y"]): int(d["key"]) for d in level.get("doors", [])}
    keys = {(k["x"], k["y"]): int(k["key"]) for k in level.get("keys", [])}
    start_mask = 1 << keys[(sx, sy)] if (sx, sy) in keys else 0
    start = (sx, sy, start_mask)
    prev: dict[tuple[int, int, int], tuple[int, int, int] | None] = {start: None}
    queue = deque([start])
    end = None
    while queue:
        state = queue.popleft()
        x, y, mask = state
        if (x, y) == (ex, ey):
            end = state
            break
        for dx, dy in DIRS:
            nx, ny = x + dx, y + dy
            if wall(nx, ny) or (nx, ny) in blocked:
                continue
            door = doors.get((nx, ny))
            if door is not None and not mask & (1 << door):
                continue
            nmask = mask
            k = keys.get((nx, ny))
            if k is not None:
                nmask |= 1 << k
            nxt = (nx, ny, nmask)
            if nxt not in prev:
                prev[nxt] = state
                queue.append(nxt)
    if end is None:
        return None
    path = []
    node: tuple[int, int, int] | None = end
    while node is not None:
        path.append([node[0], node[1]])
        node = prev[node]
    path.reverse()
    moves = "".join(MOVE_LETTER[(b[0] - a[0], b[1] - a[1])] for a, b in zip(path, path[1:]))
    return {"path": path, "moves": moves, "steps": len(path) - 1, "keys": bin(end[2]).count("1"),
            "states": len(prev)}


def describe(level: dict) -> str:
    enemies = level.get("enemies", [])
    kinds = sorted({e.get("behavior", "?") for e in enemies})
    return (f"{level.get('w')}x{level.get('h')} {level.get('mode', 'maze')}, {len(level.get('keys', []))} keys, "
            f"{len(enemies)} enemies ({'/'.join(kinds) or '-'}), {len(level.get('items', []))} items, "
            f"path {level.get('par', '?')} steps")


# ---- generation -----------------------------------------------------------------------------

class _Grid:
    def __init__(self, w: int, h: int):
        self.w, self.h = w, h
        self.cells = [[True] * w for _ in range(h)]  # True = wall

    def floor(self, x: int, y: int) -> bool:
        return 0 <= x < self.w and 0 <= y < self.h and not self.cells[y][x]

    def carve(self, x: int, y: int) -> None:
        if 0 < x < self.w - 1 and 0 < y < self.h - 1:
            self.cells[y][x] = False

    def rows(self) -> list[str]:
        return ["".join("#" if c else "." for c in row) for row in self.cells]

    def floors(self) -> list[tuple[int, int]]:
        return [(x, y) for y in range(self.h) for x in range(self.w) if not self.cells[y][x]]

    def neighbours(self, x: int, y: int) -> int:
        return sum(self.floor(x + dx, y + dy) for dx, dy in DIRS)

    def bfs(self, start: tuple[int, int], blocked: set = frozenset()) -> dict[tuple[int, int], int]:
        dist = {start: 0}
        q = deque([start])
        while q:
            x, y = q.popleft()
            for dx, dy in DIRS:
                n = (x + dx, y + dy)
                if n not in dist and n not in blocked and self.floor(*n):
                    dist[n] = dist[(x, y)] + 1
                    q.append(n)
        return dist

    def path(self, a: tuple[int, int], b: tuple[int, int], blocked: set = frozenset()) -> list[tuple[int, int]]:
        dist = self.bfs(b, blocked)
        if a not in dist:
            return []
        out = [a]
        while out[-1] != b:
            x, y = out[-1]
            out.append(min(((x + dx, y + dy) for dx, dy in DIRS if (x + dx, y + dy) in dist),
                           key=lambda c: dist[c]))
        return out


def _size(difficulty: float, config: dict) -> tuple[int, int]:
    (w0, h0), (w1, h1) = config.get("min_size", [21, 15]), config.get("max_size", [41, 31])
    step = max(0.0, difficulty - 1.0)
    w = min(w1, w0 + 2 * int(step * 4 + 0.5))
    h = min(h1, h0 + 2 * int(step * 3 + 0.5))
    return w | 1, h | 1


def _maze(w: int, h: int, rng: random.Random, loops: float) -> _Grid:
    g = _Grid(w, h)
    g.carve(1, 1)
    stack = [(1, 1)]
    while stack:
        x, y = stack[-1]
        options = [(dx, dy) for dx, dy in DIRS
                   if 0 < x + 2 * dx < w - 1 and 0 < y + 2 * dy < h - 1 and g.cells[y + 2 * dy][x + 2 * dx]]
        if not options:
            stack.pop()
            continue
        dx, dy = rng.choice(options)
        g.carve(x + dx, y + dy)
        g.carve(x + 2 * dx, y + 2 * dy)
        stack.append((x + 2 * dx, y + 2 * dy))
    # a few loops: knock out walls that separate two corridors
    walls = [(x, y) for y in range(1, h - 1) for x in range(1, w - 1) if g.cells[y][x] and (x + y) % 2 == 1
             and ((g.floor(x - 1, y) and g.floor(x + 1, y)) or (g.floor(x, y - 1) and g.floor(x, y + 1)))]
    rng.shuffle(walls)
    for x, y in walls[: int(len(walls) * loops)]:
        g.carve(x, y)
    return g


def _rooms(w: int, h: int, rng: random.Random, target: int, loops: bool) -> tuple[_Grid, list[tuple[int, int, int, int]]]:
    g = _Grid(w, h)
    rooms: list[tuple[int, int, int, int]] = []
    for _ in range(300):
        if len(rooms) >= target:
            break
        rw, rh = rng.randint(3, 8), rng.randint(3, 6)
        x, y = rng.randint(1, w - rw - 1), rng.randint(1, h - rh - 1)
        if any(x - 1 <= ox + ow and ox - 1 <= x + rw and y - 1 <= oy + oh and oy - 1 <= y + rh
               for ox, oy, ow, oh in rooms):
            continue
        rooms.append((x, y, rw, rh))
        for yy in range(y, y + rh):
            for xx in range(x, x + rw):
                g.carve(xx, yy)

    def centre(r):
        return r[0] + r[2] // 2, r[1] + r[3] // 2

    def corridor(a, b):
        (ax, ay), (bx, by) = centre(a), centre(b)
        if rng.random() < 0.5:
            for x in range(min(ax, bx), max(ax, bx) + 1):
                g.carve(x, ay)
            for y in range(min(ay, by), max(ay, by) + 1):
                g.carve(bx, y)
        else:
            for y in range(min(ay, by), max(ay, by) + 1):
                g.carve(ax, y)
            for x in range(min(ax, bx), max(ax, bx) + 1):
                g.carve(x, by)

    # a spanning tree (Prim, Manhattan distance between centres), then one or two loops
    linked = [0]
    while len(linked) < len(rooms):
        best = min(((i, j) for i in linked for j in range(len(rooms)) if j not in linked),
                   key=lambda p: abs(centre(rooms[p[0]])[0] - centre(rooms[p[1]])[0])
                   + abs(centre(rooms[p[0]])[1] - centre(rooms[p[1]])[1]))
        corridor(rooms[best[0]], rooms[best[1]])
        linked.append(best[1])
    for _ in range(1 if loops and len(rooms) > 5 else 0):
        a, b = rng.sample(range(len(rooms)), 2)
        corridor(rooms[a], rooms[b])
    return g, rooms


def _path_cuts(g: _Grid, path: list[tuple[int, int]]) -> list[bool]:
    """For each cell of a shortest path: does removing it cut the path's ends apart?

    A region off the path that touches it at positions lo and hi lets a walker bypass every
    path cell strictly between them; the cells no region bypasses are the cuts. One pass, O(cells)."""
    index = {c: i for i, c in enumerate(path)}
    bypass = [0] * (len(path) + 1)
    seen = set(path)
    for cell in g.floors():
        if cell in seen:
            continue
        lo, hi = len(path), -1
        seen.add(cell)
        q = deque([cell])
        while q:
            x, y = q.popleft()
            for dx, dy in DIRS:
                n = (x + dx, y + dy)
                if not g.floor(*n):
                    continue
                if n in index:
                    lo, hi = min(lo, index[n]), max(hi, index[n])
                elif n not in seen:
                    seen.add(n)
                    q.append(n)
        if hi - lo >= 2:
            bypass[lo + 1] += 1
            bypass[hi] -= 1
    cuts, run = [], 0
    for i in range(len(path)):
        run += bypass[i]
        cuts.append(run == 0 and 0 < i < len(path) - 1)
    return cuts


def _place_doors(g: _Grid, start, exit_, n: int, rng: random.Random) -> tuple[list[dict], list[dict]]:
    """Doors on cut cells of the start->exit path (in path order) and key i somewhere reachable
    with doors < i open and doors >= i shut: solvable by construction."""
    if n <= 0:
        return [], []
    path = g.path(start, exit_)
    cuts = _path_cuts(g, path)

    def straight(x, y):
        return (g.floor(x - 1, y) and g.floor(x + 1, y) and not g.floor(x, y - 1) and not g.floor(x, y + 1)) or \
               (g.floor(x, y - 1) and g.floor(x, y + 1) and not g.floor(x - 1, y) and not g.floor(x + 1, y))

    # straight corridor cells look like doorways; any 2-way cut cell will do when there are none
    candidates = [j for j in range(2, len(path) - 2) if cuts[j] and straight(*path[j])] or \
                 [j for j in range(2, len(path) - 2) if cuts[j] and g.neighbours(*path[j]) == 2]
    used: set[int] = set()
    for i in range(n):
        target = int(len(path) * (i + 1) / (n + 1))
        for j in sorted(candidates, key=lambda k: (abs(k - target), k)):
            if j not in used and all(abs(j - u) >= 3 for u in used):
                used.add(j)
                break
    order = sorted(used)
    doors = [path[j] for j in order]
    keys: list[tuple[int, int]] = []
    reached_before: set = {start}
    for i in range(len(doors)):
        region = g.bfs(start, set(doors[i:]))
        fresh = [c for c in region if c not in reached_before and c != start and c not in keys] or \
                [c for c in region if c != start and c not in keys]
        # far from the way in, so the player has to explore for it
        far = sorted(fresh, key=lambda c: (-region[c], c))
        keys.append(rng.choice(far[: max(1, len(far) // 4)]))
        reached_before = set(region)
    return ([{"x": x, "y": y, "key": i} for i, (x, y) in enumerate(doors)],
            [{"x": x, "y": y, "key": i} for i, (x, y) in enumerate(keys)])


def _cone_free(level_grid: _Grid, enemy: dict, vision: int, cell) -> bool:
    def opaque(x, y):
        return not level_grid.floor(x, y)
    return all(cell not in cone_cells(opaque, level_grid.w, level_grid.h, vx, vy, dx, dy, vision)
               for vx, vy, dx, dy in guard_views(enemy))


def generate(req: LevelRequest, config: dict, rng: random.Random) -> dict:
    difficulty = float(req.difficulty or 1.0)
    index = int(req.index)
    mode = config.get("mode") or req.mode or "maze"
    if mode not in ("maze", "rooms"):
        mode = "maze"
    w, h = _size(difficulty, config)

    if mode == "maze":
        g = _maze(w, h, rng, float(config.get("loops", 0.05)))
        start = (1, 1)
        dist = g.bfs(start)
        exit_ = max(dist, key=lambda c: (dist[c], c))
        rooms = []
    else:
        g, rooms = _rooms(w, h, rng, min(14, 4 + int((difficulty - 1) * 3) + (w * h) // 300),
                          loops=not config.get("keys"))
        sr = rooms[0]
        start = (sr[0] + sr[2] // 2, sr[1] + sr[3] // 2)
        dist = g.bfs(start)
        far_room = max(rooms[1:] or rooms, key=lambda r: dist.get((r[0] + r[2] // 2, r[1] + r[3] // 2), -1))
        exit_ = (far_room[0] + far_room[2] // 2, far_room[1] + far_room[3] // 2)
        if exit_ not in dist:  # unreachable room (should not happen): fall back to the farthest cell
            exit_ = max(dist, key=lambda c: (dist[c], c))

    n_keys = min(int(config.get("keys", 0)), index + 1 if mode == "rooms" else (index + 2) // 2)
    doors, keys = _place_doors(g, start, exit_, n_keys, rng)
    taken: set = {start, exit_} | {(d["x"], d["y"]) for d in doors} | {(k["x"], k["y"]) for k in keys}

    # the proof path (hazards and guards are kept off it, so it stays valid)
    level = {"w": w, "h": h, "grid": g.rows(), "mode": mode, "start": list(start), "exit": list(exit_),
             "doors": doors, "keys": keys, "items": [], "potions": [], "hazards": [], "enemies": []}
    proof = solve(level, config)
    path_cells = {tuple(c) for c in proof["path"]} if proof else set()
    sdist = g.bfs(start)

    free = [c for c in g.floors() if c not in taken]
    dead_ends = [c for c in free if g.neighbours(*c) == 1]

    def pick(cands, avoid_path=False, min_start=0):
        pool = [c for c in cands if c not in taken and (not avoid_path or c not in path_cells)
                and sdist.get(c, 0) >= min_start]
        if not pool:
            return None
        c = rng.choice(pool)
        taken.add(c)
        return c

    # items: dead ends first (exploring pays), then anywhere
    item_types = [t for t in req.items if t.slug]
    if item_types:
        counts = [t.count for t in item_types]
        n_items = req.item_count or (sum(c for c in counts if c) if any(counts) else 0) \
            or 4 + 2 * index + (w * h) // 250
        n_items = max(1, min(int(config.get("max_items", 40)), int(n_items)))
        for i in range(n_items):
            t = item_types[i % len(item_types)]
            c = pick(dead_ends) or pick(free)
            if c is None:
                break
            level["items"].append({"x": c[0], "y": c[1], "slug": t.slug,
                                   "points": int(t.points or config.get("item_points", 10))})
    if config.get("health"):
        for _ in range(1 + (index >= 2)):
            c = pick(dead_ends, min_start=8) or pick(free, min_start=8)
            if c:
                level["potions"].append({"x": c[0], "y": c[1]})

    # hazards: off the proof path, more with difficulty
    hazard_types = [t for t in req.hazards if t.slug]
    if hazard_types:
        for i in range(min(12, 1 + int((difficulty - 1) * 2) + (w * h) // 400)):
            c = pick(free, avoid_path=True, min_start=3)
            if c:
                level["hazards"].append({"x": c[0], "y": c[1], "slug": hazard_types[i % len(hazard_types)].slug})

    # enemies
    types = [t for t in req.enemies if t.slug]
    if types:
        if req.enemy_count is not None:
            total = int(req.enemy_count)
        else:
            counts = [t.count for t in types]
            total = sum(c for c in counts if c) if any(counts) else int(difficulty * 1.5)
            total += int(difficulty - 1) + (w * h) // 500
        total = max(0, min(int(config.get("max_enemies", 16)), total))
        vision = int(config.get("vision", 3))
        min_start = int(config.get("chase_radius", 6)) + 2
        for i in range(total):
            t = types[i % len(types)]
            behavior = t.behavior or "walker"
            if behavior not in ("patrol", "chaser", "walker", "static"):
                behavior = "chaser" if behavior == "shooter" else "walker"
            rel = float(t.speed or 1.0)
            base = config.get("chase_speed", 4.2) if behavior == "chaser" else config.get("enemy_speed", 3.0)
            speed = round(min(float(config.get("max_enemy_speed", 6.0)), base * rel), 3)
            hp = min(3, int(config.get("enemy_hp", 1)) + (1 if difficulty >= 2.5 and config.get("attack") else 0))
            enemy = {"slug": t.slug, "behavior": behavior, "x": 0, "y": 0, "route": [], "speed": speed,
                     "hp": hp, "points": int(config.get("enemy_points", 25))}
            for _attempt in range(30):
                if behavior == "patrol":
                    c = pick(free, avoid_path=True, min_start=4)
                    if c is None:
                        break
                    route = [c]
                    length = rng.randint(2, 4 + int(difficulty * 2))
                    while len(route) < length:
                        x, y = route[-1]
                        nxt = [(x + dx, y + dy) for dx, dy in DIRS if g.floor(x + dx, y + dy)
                               and (x + dx, y + dy) not in taken and (x + dx, y + dy) not in path_cells
                               and (x + dx, y + dy) not in route and sdist.get((x + dx, y + dy), 0) >= 3]
                        if not nxt:
                            break
                        # prefer going straight: routes read as beats along a corridor / room side
                        if len(route) > 1:
                            d = (route[-1][0] - route[-2][0], route[-1][1] - route[-2][1])
                            ahead = (x + d[0], y + d[1])
                            route.append(ahead if ahead in nxt and rng.random() < 0.75 else rng.choice(nxt))
                        else:
                            route.append(rng.choice(nxt))
                    enemy.update(x=c[0], y=c[1], route=[list(r) for r in route])
                    if _cone_free(g, enemy, vision, start):
                        taken.update(route)
                        break
                    taken.discard(c)
                    enemy["route"] = []
                else:
                    c = pick(free, avoid_path=behavior == "static", min_start=min_start if behavior != "static" else 3)
                    if c is None:
                        break
                    enemy.update(x=c[0], y=c[1])
                    break
            else:
                continue
            if behavior == "patrol" and not enemy["route"]:
                continue
            if enemy["x"] or enemy["y"]:
                level["enemies"].append(enemy)

    # drop anything a hazard or guard cut off (doors count as open: their keys are reachable)
    reach = g.bfs(start, _blocked_cells(level))
    level["items"] = [it for it in level["items"] if (it["x"], it["y"]) in reach]
    level["potions"] = [p for p in level["potions"] if (p["x"], p["y"]) in reach]
    level["par"] = proof["steps"] if proof else -1
    return level
