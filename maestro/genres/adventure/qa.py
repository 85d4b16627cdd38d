"""Adventure (top-down tile grid): the Query agent's bot and keypoint checks.

The bot plays level 1 with the real controls, one tile per press. It follows the solver's rules
(``maestro.genres.adventure.rules.solve``: the same BFS over cell + keys held), re-planned every tile
from where the player stands so that the next moves keep clear of moving enemies and of what the
patrol guards will see (their patrols are simulated forward: they have no randomness). Caught
anyway, the player is back at the start with keys kept and doors open, and the bot plans again.
Frames are bounded; the game's seeded RNG and a bot without one make every run the same.

Each keypoint sets one small scene up with the genre's ``qa`` hooks (adventure.js:
``Maestro.genres.adventure.qa``: move the player, clear / place enemies), then plays it with the
public press/step API and checks what the real update() did. Cells are chosen from the level's
own data (an item, key, door, exit of the built level), so a check proves that level's content
works, not a hand-made one.
"""

from __future__ import annotations

import json
import math
import random
from collections import deque
from typing import Any

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessError, HeadlessGame
from maestro.genres.adventure import rules as A

# letter -> (dx, dy, action, face index used by adventure.js: 0 right, 1 down, 2 left, 3 up)
MOVES = {"R": (1, 0, "right", 0), "D": (0, 1, "down", 1), "L": (-1, 0, "left", 2), "U": (0, -1, "up", 3)}
STEP_DIRS = [(1, 0, "R"), (0, 1, "D"), (-1, 0, "L"), (0, -1, "U")]
KEY_NAMES = ["gold", "blue", "pink", "green"]

# Page-side helpers: one tile move through the public API, and the genre's hooks.
_HELPERS = """
var __qa = (Maestro.genres.adventure && Maestro.genres.adventure.qa) || null;
function __qaW() { return __game.world(); }
function __qaCall(name, a, b, c, d) { return __qa[name](__game.game, __game.world(), a, b, c, d); }
function __qaCell() {   // the player's cell, as adventure.js playerCell() rounds it
  var p = __game.world().p;
  return {x: Math.round(p.cx + (p.tx - p.cx) * p.prog), y: Math.round(p.cy + (p.ty - p.cy) * p.prog), moving: p.moving};
}
function __qaWalk(action) {
  var w = __game.world(), n = 1;
  __game.press(action, true); __game.step(1); __game.press(action, false);
  while (n < 90 && __game.world() === w && w.p.moving && __game.game.status === 'playing') { __game.step(1); n++; }
  var c = __qaCell();
  return {x: c.x, y: c.y, frames: n, lives: __game.game.lives, status: __game.game.status,
          level: __game.game.levelIndex + 1, cleared: __game.game.cleared};
}
"""


def _helpers(game: HeadlessGame, hooks: bool = True) -> None:
    """Load the page-side helpers; the keypoints also need the genre's qa hooks (the bot does not,
    so it can play bundles built before the hooks existed)."""
    if not game.js("typeof __qaWalk === 'function'"):
        game.run(_HELPERS)
    if hooks and not game.js("!!__qa"):
        raise HeadlessError("this bundle's adventure module has no qa hooks (Maestro.genres.adventure.qa): rebuild it")


def _walk(game: HeadlessGame, letter: str) -> dict:
    return game.js(f"__qaWalk({json.dumps(MOVES[letter][2])})")


def _call(game: HeadlessGame, name: str, *args: Any) -> Any:
    return game.js(f"__qaCall({json.dumps(name)}{''.join(', ' + json.dumps(a) for a in args)})")


def _cell(game: HeadlessGame) -> tuple[int, int]:
    c = game.js("__qaCell()")
    return c["x"], c["y"]


# ---- the bot ------------------------------------------------------------------------------------

# What the bot reads each tile: its cell, keys held, moving enemies (position, target, speed as a
# share of the player's) and patrol guards (position, target, route index).
_LIVE = """(function(){ var w = __game.world(), G = __game.game, out = [], guards = [], m = 0;
  for (var i = 0; i < w.enemies.length; i++) { var e = w.enemies[i];
    if (!e.alive || e.behavior === 'static') continue;
    if (e.behavior === 'patrol') { guards.push([i, e.cx, e.cy, e.tx, e.ty, e.prog, e.moving, e.ri, e.rdir, e.wait, e.face, e.speed, e.stun]); continue; }
    var v = e.behavior === 'chaser' ? Math.max(e.speed, Math.min(w.chaseSpeed, w.maxEnemySpeed)) : e.speed;
    out.push([e.cx, e.cy, e.tx, e.ty, v / w.moveSpeed,
              Math.round(e.cx + (e.tx - e.cx) * e.prog), Math.round(e.cy + (e.ty - e.cy) * e.prog)]); }
  for (var k = 0; k < 4; k++) if (w.keysHeld[k]) m |= 1 << k;
  var c = __qaCell();
  return {x: c.x, y: c.y, mask: m, enemies: out, guards: guards, status: G.status, move: w.moveSpeed,
          doors: w.doorOpen.slice(0, 4),
          level: G.levelIndex + 1, cleared: G.cleared, lives: G.lives};
})()"""


def _dir_index(dx: int, dy: int) -> int:   # adventure.js dirIndex()
    return 0 if dx > 0 else 1 if dy > 0 else 2 if dx < 0 else 3


def _js_round(v: float) -> int:   # Math.round: halves go up
    return math.floor(v + 0.5)


class _Router:
    """Breadth-first search over (cell, keys held) with the solver's rules (maestro.genres.adventure.rules:
    walls, doors need their key, hazards / static enemies / patrol routes blocked), re-run every
    tile with the enemies as they stand: the next few cells must stay out of moving enemies' reach
    and out of what nearby guards can see from where they are about to be."""

    HORIZON = 3   # moves checked against moving enemies: the route is planned again every tile anyway
    GUARD_HORIZON = 6   # moves checked against guards' sight (simulated exactly, so it can look further)

    def __init__(self, level: dict, config: dict):
        self.w, self.h, self.grid = level["w"], level["h"], level["grid"]
        self.exit = tuple(level["exit"])
        self.doors = {(d["x"], d["y"]): int(d["key"]) for d in level.get("doors") or []}
        self.keys = {(k["x"], k["y"]): int(k["key"]) for k in level.get("keys") or []}
        self.hazards = {(hz["x"], hz["y"]) for hz in level.get("hazards") or []}
        self.blocked = set(A._blocked_cells(level))
        self.vision = int(config.get("vision", 3))
        self.routes = [[tuple(c) for c in (e.get("route") or [[e["x"], e["y"]]])] for e in level.get("enemies") or []]
        self.max_enemy_speed = float(config.get("max_enemy_speed", 6))
        self.sentry_turn = float(config.get("sentry_turn", 1.5))
        self.guard_pause = float(config.get("guard_pause", 0.5))
        self._cones: dict[tuple, list] = {}

    def _wall(self, x: int, y: int) -> bool:
        return not (0 <= x < self.w and 0 <= y < self.h) or self.grid[y][x] == "#"

    def _cone(self, vx: int, vy: int, dx: int, dy: int) -> list:
        key = (vx, vy, dx, dy)
        if key not in self._cones:   # doors count as transparent: an opened one must not surprise
            self._cones[key] = A.cone_cells(self._wall, self.w, self.h, vx, vy, dx, dy, self.vision)
        return self._cones[key]

    def sight(self, guards: list, frames: int) -> list[set]:
        """Cells each frame from now on that some patrol guard sees, playing the guards' own rules
        forward (adventure.js decide()/updateEnemies(): walk the route back and forth, pause at its
        ends, sentries turn; a guard sees from its rounded position). Guards have no randomness."""
        dt, out = 1 / 60, [set() for _ in range(frames)]
        if self.vision <= 0:
            return out
        for i, cx, cy, tx, ty, prog, moving, ri, rdir, wait, face, speed, stun in guards:
            route = self.routes[i] if i < len(self.routes) else [(cx, cy)]
            speed = min(float(speed), self.max_enemy_speed)
            for f in range(frames):
                if stun > 0:
                    stun -= dt
                else:
                    if not moving:
                        if len(route) < 2:
                            wait += dt
                            if wait >= self.sentry_turn:
                                wait, face = 0.0, (face + 1) & 3
                        elif wait > 0:
                            wait -= dt
                        else:
                            nxt = ri + rdir
                            if nxt < 0 or nxt >= len(route):
                                rdir = -rdir
                                nxt = ri + rdir
                                wait = self.guard_pause
                                face = _dir_index(route[nxt][0] - cx, route[nxt][1] - cy)
                            elif route[nxt] not in self.hazards:
                                ri = nxt
                                tx, ty = route[nxt]
                                prog, moving = 0.0, True
                                face = _dir_index(tx - cx, ty - cy)
                    if moving:
                        prog += speed * dt
                        if prog >= 1:
                            cx, cy, prog, moving = tx, ty, 0.0, False
                vx, vy = _js_round(cx + (tx - cx) * prog), _js_round(cy + (ty - cy) * prog)
                dx, dy = A.DIRS[face]
                out[f].update(self._cone(vx, vy, dx, dy))
        return out

    def _enemy_dist(self, sx: int, sy: int, mask: int) -> dict[tuple[int, int], int]:
        dist = {(sx, sy): 0}
        q = deque([(sx, sy)])
        while q:
            x, y = q.popleft()
            if dist[(x, y)] >= self.HORIZON + 3:
                continue
            for dx, dy in A.DIRS:
                n = (x + dx, y + dy)
                if n in dist or self._wall(*n) or n in self.hazards:
                    continue
                door = self.doors.get(n)
                if door is not None and not mask & (1 << door):
                    continue
                dist[n] = dist[(x, y)] + 1
                q.append(n)
        return dist

    def route(self, here: tuple[int, int], mask: int, enemies: list, seen: list | None = None,
              margin: float = 1.0) -> str | None:
        """Moves to the exit. A cell the player reaches after t <= HORIZON moves is refused when an
        enemy (ratio = its speed / the player's) could be within `margin` tiles of it by then, or
        (t < len(seen)) when a guard will be looking at it while the player is there."""
        threats = []
        for ex, ey, tx, ty, ratio, *_ in enemies:
            d1, d2 = self._enemy_dist(ex, ey, mask), self._enemy_dist(tx, ty, mask)
            threats.append(({c: min(d1.get(c, 99), d2.get(c, 99)) for c in set(d1) | set(d2)}, ratio))
        blocked = self.blocked - {here}
        start = (here[0], here[1], mask)
        prev = {start: None}
        depth = {start: 0}
        q = deque([start])
        while q:
            s = q.popleft()
            x, y, mk = s
            if (x, y) == self.exit:
                out = []
                while prev[s] is not None:
                    p = prev[s]
                    out.append(A.MOVE_LETTER[(s[0] - p[0], s[1] - p[1])])
                    s = p
                return "".join(reversed(out))
            t = depth[s] + 1
            for dx, dy in A.DIRS:
                nx, ny = x + dx, y + dy
                if self._wall(nx, ny) or (nx, ny) in blocked:
                    continue
                door = self.doors.get((nx, ny))
                if door is not None and not mk & (1 << door):
                    continue
                if seen and t < len(seen) and (nx, ny) in seen[t]:
                    continue
                if t <= self.HORIZON and any(d.get((nx, ny), 99) <= ratio * t + margin for d, ratio in threats):
                    continue
                k = self.keys.get((nx, ny))
                n = (nx, ny, mk | (1 << k) if k is not None else mk)
                if n not in prev:
                    prev[n] = s
                    depth[n] = t
                    q.append(n)
        return None

    def hide(self, here: tuple[int, int], mask: int, sight: list, fpm: int, linger: int = 40) -> str | None:
        """The first move towards the nearest cell the guards will not see for `linger` frames
        after the player gets there, every cell on the way unseen when passed ('' = stay here,
        None = no such cell within GUARD_HORIZON moves)."""
        def unseen(cell, f0, f1):
            return not any(cell in sight[f] for f in range(max(0, f0), min(len(sight), f1)))
        start = (here[0], here[1])
        prev = {start: None}
        q = deque([(start, 0)])
        while q:
            c, t = q.popleft()
            if unseen(c, t * fpm - fpm, t * fpm + linger):
                while prev[c] is not None and prev[c] != start:
                    c = prev[c]
                return "" if prev[c] is None else A.MOVE_LETTER[(c[0] - start[0], c[1] - start[1])]
            if t >= self.GUARD_HORIZON:
                continue
            for dx, dy in A.DIRS:
                n = (c[0] + dx, c[1] + dy)
                if n in prev or self._wall(*n) or n in self.blocked:
                    continue
                door = self.doors.get(n)
                if door is not None and not mask & (1 << door):
                    continue
                if not unseen(n, t * fpm, (t + 2) * fpm + 3):
                    continue
                prev[n] = c
                q.append((n, t + 1))
        return None

    def flee(self, here: tuple[int, int], mask: int, enemies: list, watched: set) -> str | None:
        """The move that puts the most distance between the player and the nearest moving enemy,
        out of the cells guards are about to see (None: staying put is best)."""
        def nearest(c):
            return min((abs(c[0] - e[0]) + abs(c[1] - e[1]) for e in enemies), default=99)
        best, best_d = None, nearest(here) if here not in watched else -1
        for dx, dy in A.DIRS:
            n = (here[0] + dx, here[1] + dy)
            if self._wall(*n) or n in self.blocked or n in watched:
                continue
            door = self.doors.get(n)
            if door is not None and not mask & (1 << door):
                continue
            if nearest(n) > best_d:
                best, best_d = A.MOVE_LETTER[(dx, dy)], nearest(n)
        return best


def play_level_one(game: HeadlessGame, level: dict, config: dict) -> BotResult:
    """Play level 1 with the real controls until level 2 starts (or the game is won).

    Each tile the bot takes the first move of the solver's route from where it stands, re-planned
    around moving enemies and guards' sight (see _Router); when they close every way it waits
    (guards move on) or backs away from a chaser, and after a long wait it takes the plain route
    (with the attack mechanic, walking into an enemy strikes it). Caught: the game sends the
    player back to the start with keys kept, and the bot plans again from there.
    Bounded frames; deterministic (the game's RNG is seeded, the bot has none)."""
    proof = A.solve(level, config)
    if not proof:
        return BotResult(False, 0, "the solver finds no route through level 1")
    _helpers(game, hooks=False)
    router = _Router(level, config)
    max_frames = max(3600, 40 * proof["steps"])
    frames, steps, stalls, waits = 0, 0, 0, 0
    best, since_best, reckless = 10 ** 6, 0, 0   # progress: the shortest plain route left so far
    attack = bool(config.get("attack"))
    lives0 = game.state()["lives"] or 0

    def result(won: bool, detail: str) -> BotResult:
        return BotResult(won, frames, detail, steps)

    st = game.state()
    if st["status"] != "playing" or st["level"] != 1:
        return result(False, f"the game did not start on level 1 (status {st['status']}, level {st['level']})")
    while frames < max_frames:
        s = game.js(_LIVE)
        lost = lives0 - (s["lives"] or 0)
        if s["level"] >= 2 or s["status"] == "won":
            return result(True, f"level 1 cleared in {steps} moves (par {proof['steps']}), {lost} lives lost")
        if s["status"] != "playing":
            return result(False, f"status {s['status']} after {steps} moves (par {proof['steps']}), {lost} lives lost")
        if s["cleared"] >= 1:   # on the exit: the next level starts after the 'complete' banner
            game.step(1)
            frames += 1
            continue
        here = (s["x"], s["y"])
        if attack and s["enemies"]:   # with the attack mechanic: strike what comes close, wait for it
            gap = min(s["enemies"], key=lambda e: abs(e[5] - here[0]) + abs(e[6] - here[1]))
            d = abs(gap[5] - here[0]) + abs(gap[6] - here[1])
            if d == 1:
                _walk(game, A.MOVE_LETTER[(gap[5] - here[0], gap[6] - here[1])])   # bump = strike
                game.step(2)
                frames, steps = frames + 3, steps + 1
                continue
            if d == 2 and (gap[0], gap[1]) != (gap[2], gap[3]) and since_best < 40:
                game.step(2)   # it is coming: let it step next to the player, then strike
                frames, since_best = frames + 2, since_best + 1
                continue
        fpm = -(-60 // int(max(1, s["move"])))   # frames per move
        sight = router.sight(s["guards"], (router.GUARD_HORIZON + 2) * fpm + 40) if s["guards"] else []
        seen = [set()] + [set().union(*sight[max(0, (t - 1) * fpm):(t + 1) * fpm + 3])
                          for t in range(1, router.GUARD_HORIZON + 1)] if sight else None
        watched = set().union(*sight[:2 * fpm + 8]) if sight else set()
        plain = router.route(here, s["mask"], [])
        if plain is not None and len(plain) < best:
            best, since_best = len(plain), 0
        since_best += 1
        if since_best > 40:   # dancing around an enemy that guards the way: go anyway, a life is cheaper
            reckless, since_best, best = 12, 0, 10 ** 6
        if reckless > 0:
            reckless -= 1
            moves = plain
        else:
            moves = None if waits > 60 else router.route(here, s["mask"], s["enemies"], seen)
        if moves is None and waits <= 60 and not reckless:
            flee = router.hide(here, s["mask"], sight, fpm) if sight else ""
            if flee is None or (flee == "" and s["enemies"]):
                flee = router.flee(here, s["mask"], s["enemies"], watched) if (s["enemies"] or here in watched) else None
            if not flee:   # nothing to run from, or a safe spot: let the enemies walk on
                waits += 1
                game.step(6)
                frames += 6
                continue
            moves = flee
        if moves is None:
            moves = plain   # waited long enough: the plain route
            waits = 0
        if not moves:
            return result(False, f"no way to the exit from {list(here)} with the keys held")
        letter = moves[0]
        target = (here[0] + MOVES[letter][0], here[1] + MOVES[letter][1])
        r = _walk(game, letter)
        frames += r["frames"]
        steps += 1
        if (r["x"], r["y"]) == here and r["status"] == "playing" and r["level"] == 1 and r["cleared"] < 1:
            stalls += 1   # bumped an enemy (attack) or something stood in the way: wait, try again
            if stalls > 60:
                return result(False, f"stuck at {list(here)}: moving {letter} to {list(target)} never succeeds")
            game.step(4)
            frames += 4
        else:
            stalls = 0
            if (r["x"], r["y"]) == target:
                waits = max(0, waits - 1)
    return result(False, f"out of frames ({max_frames}) after {steps} moves (par {proof['steps']})")


# ---- level geometry -----------------------------------------------------------------------------

def _cells(objs) -> set[tuple[int, int]]:
    return {(o["x"], o["y"]) for o in objs or []}


class _Map:
    """What a keypoint needs to know about one level: floor, and cells that hold something."""

    def __init__(self, level: dict):
        self.level = level
        self.w, self.h, self.grid = level["w"], level["h"], level["grid"]
        self.start, self.exit = tuple(level["start"]), tuple(level["exit"])
        self.doors = _cells(level.get("doors"))
        self.hazards = _cells(level.get("hazards"))
        busy = _cells(level.get("keys")) | _cells(level.get("items")) | _cells(level.get("potions"))
        for e in level.get("enemies") or []:
            busy.add((e["x"], e["y"]))
            busy.update(tuple(c) for c in e.get("route") or [])
        self.busy = busy | self.doors | self.hazards | {self.exit}

    def floor(self, x: int, y: int) -> bool:
        return 0 <= x < self.w and 0 <= y < self.h and self.grid[y][x] == "."

    def free(self, x: int, y: int) -> bool:
        """Plain floor: nothing to pick up, no door, hazard, enemy or exit on it."""
        return self.floor(x, y) and (x, y) not in self.busy

    def standable(self, x: int, y: int) -> bool:
        """Where a check may put the player or an enemy: floor with no door, hazard or exit (an item
        or key there stays put: being placed is not arriving)."""
        return self.floor(x, y) and (x, y) not in self.doors and (x, y) not in self.hazards and (x, y) != self.exit

    def walkable(self, x: int, y: int) -> bool:   # for enemies: no closed door, no hazard
        return self.floor(x, y) and (x, y) not in self.doors and (x, y) not in self.hazards

    def approach(self, target: tuple[int, int], avoid: set = frozenset()) -> tuple[tuple[int, int], str] | None:
        """A cell next to target to stand on, and the move letter from it onto target (plain
        floor first)."""
        for ok in (self.free, self.standable):
            for dx, dy, letter in STEP_DIRS:
                c = (target[0] - dx, target[1] - dy)
                if ok(*c) and c not in avoid:
                    return c, letter
        return None

    def bfs(self, src: tuple[int, int]) -> dict[tuple[int, int], int]:
        dist = {src: 0}
        q = deque([src])
        while q:
            x, y = q.popleft()
            for dx, dy, _ in STEP_DIRS:
                n = (x + dx, y + dy)
                if n not in dist and self.walkable(*n):
                    dist[n] = dist[(x, y)] + 1
                    q.append(n)
        return dist


# ---- spec helpers -----------------------------------------------------------------------------

def _mechanic(spec: dict, ids: tuple[str, ...]) -> dict | None:
    by_id = {m.get("id"): m for m in spec.get("mechanics") or []}
    return next((by_id[i] for i in ids if i in by_id), None)


def _name(spec: dict, kind: str, slug: str) -> str:
    for e in spec.get(kind) or []:
        if e.get("slug") == slug:
            return e.get("name") or slug
    return slug


def _a(name: str) -> str:
    return ("an " if name[:1].lower() in "aeiou" else "a ") + name


def _level_enemies(levels: list[dict], behavior: str | None = None) -> list[dict]:
    return [e for lv in levels for e in lv.get("enemies") or [] if behavior is None or e.get("behavior") == behavior]


def _spec_enemies(spec: dict, behavior: str) -> list[dict]:
    return [e for e in spec.get("enemies") or [] if e.get("behavior") == behavior]


def _enemy_src(enemy: dict, config: dict, x: int, y: int, behavior: str, route=None) -> dict:
    """An enemy as the level format has it, of a real type of this build, placed at (x, y)."""
    return {"slug": enemy["slug"], "behavior": behavior, "x": x, "y": y, "route": route or [[x, y]],
            "speed": enemy.get("speed") or (config.get("chase_speed", 4.2) if behavior == "chaser" else config.get("enemy_speed", 3.0)),
            "hp": enemy.get("hp") or config.get("enemy_hp", 1), "points": enemy.get("points") or config.get("enemy_points", 25)}


def _start_on(game: HeadlessGame, index: int) -> None:
    """The check's scene is level index+1 (a fresh game is on level 1), without its enemies."""
    if index > 0:
        game.start(index + 1)
    _helpers(game)
    _call(game, "clearEnemies")


def _frames_until(game: HeadlessGame, cond: str, limit: int) -> int:
    """Step one frame at a time until the JS expression cond holds; the frames taken, or -1."""
    return game.js(f"(function(){{ for (var n = 0; n < {int(limit)}; n++) {{ if ({cond}) return n; __game.step(1); }}"
                   f" return ({cond}) ? {int(limit)} : -1; }})()")


# ---- keypoints --------------------------------------------------------------------------------

def _collect(spec: dict, levels: list[dict], index: int, mech: str) -> Keypoint:
    level = levels[index]
    m = _Map(level)
    chosen = None
    for k, it in enumerate(level.get("items") or []):
        ap = m.approach((it["x"], it["y"]))
        if ap:
            chosen = (k, it, ap)
            break
    it = chosen[1] if chosen else level["items"][0]
    points = int(it.get("points", 10))
    name = _name(spec, "items", it["slug"])

    def run(game: HeadlessGame) -> tuple[bool, str]:
        if chosen is None:
            return None, f"no {name} on level {index + 1} can be walked onto from a free cell"
        k, it, (cell, letter) = chosen
        _start_on(game, index)
        _call(game, "movePlayerTo", cell[0], cell[1], MOVES[letter][3])
        before = game.state()["score"]
        r = _walk(game, letter)
        got = game.js(f"__qaW().items[{k}].got")
        gained = game.state()["score"] - before
        where = (r["x"], r["y"])
        if where != (it["x"], it["y"]):
            return False, f"stepping {letter} from {list(cell)} onto the {name} left the player at {list(where)}"
        if not got or gained != points:
            return False, f"walking onto the {name} at ({it['x']}, {it['y']}) gave {gained} points (expected {points}), picked up: {bool(got)}"
        return True, f"picked up the {name} at ({it['x']}, {it['y']}): +{gained}"

    return Keypoint("collect", f"Picking up {_a(name)} adds {points} points to the score", run, mech)


def _door_scene(level: dict):
    """(door, key, cell before the door, move letter into it, cell before the key, letter), or None."""
    m = _Map(level)
    keys = {k["key"]: k for k in level.get("keys") or []}
    for d in level.get("doors") or []:
        k = keys.get(d["key"])
        if k is None:
            continue
        front = m.approach((d["x"], d["y"]))
        at_key = m.approach((k["x"], k["y"]), avoid={front[0]} if front else set())
        if front and at_key:
            return d, k, front, at_key
    return None


def _key_pickup(levels: list[dict], index: int, config: dict, mech: str) -> Keypoint:
    scene = _door_scene(levels[index])
    pts = int(config.get("key_points", 50))

    def run(game: HeadlessGame) -> tuple[bool, str]:
        if scene is None:
            return None, f"no key on level {index + 1} can be reached from a free cell"
        _d, k, _front, (cell, letter) = scene
        _start_on(game, index)
        _call(game, "movePlayerTo", cell[0], cell[1], MOVES[letter][3])
        before = game.state()["score"]
        r = _walk(game, letter)
        held = game.js(f"__qaW().keysHeld[{k['key'] & 3}]")
        gained = game.state()["score"] - before
        if (r["x"], r["y"]) != (k["x"], k["y"]) or not held or gained != pts:
            return False, (f"stepping onto the {KEY_NAMES[k['key'] & 3]} key at ({k['x']}, {k['y']}): player at "
                           f"({r['x']}, {r['y']}), key held: {bool(held)}, +{gained} points (expected +{pts})")
        return True, f"picked up the {KEY_NAMES[k['key'] & 3]} key: held, +{gained}"

    return Keypoint("key_pickup", f"Stepping on a key picks it up (+{pts} points)", run, mech)


def _door_needs_key(levels: list[dict], index: int, mech: str) -> Keypoint:
    scene = _door_scene(levels[index])

    def run(game: HeadlessGame) -> tuple[bool, str]:
        if scene is None:
            return None, f"no locked door on level {index + 1} with its key reachable from a free cell"
        d, k, (front, into), (at_key, onto_key) = scene
        colour = KEY_NAMES[d["key"] & 3]
        _start_on(game, index)
        _call(game, "movePlayerTo", front[0], front[1], MOVES[into][3])
        for _ in range(3):   # push against it a few times: it must stay shut
            r = _walk(game, into)
        if (r["x"], r["y"]) != front or game.js(f"__qaW().doorOpen[{d['key'] & 3}]"):
            return False, f"the {colour} door at ({d['x']}, {d['y']}) let the player through without its key"
        _call(game, "movePlayerTo", at_key[0], at_key[1], MOVES[onto_key][3])
        _walk(game, onto_key)
        if not game.js(f"__qaW().keysHeld[{k['key'] & 3}]"):
            return False, f"the {colour} key at ({k['x']}, {k['y']}) was not picked up"
        _call(game, "movePlayerTo", front[0], front[1], MOVES[into][3])
        r = _walk(game, into)
        if (r["x"], r["y"]) != (d["x"], d["y"]) or not game.js(f"__qaW().doorOpen[{d['key'] & 3}]"):
            return False, f"holding the {colour} key, the player still cannot pass the {colour} door at ({d['x']}, {d['y']})"
        return True, f"the {colour} door at ({d['x']}, {d['y']}) held without the key and opened with it"

    return Keypoint("door_needs_key", "A locked door blocks the way until its key is held, then opens", run, mech)


def _start_neighbour(m: _Map) -> tuple[tuple[int, int], str] | None:
    """A cell next to the start an enemy can stand on (the letter is the move from start to it)."""
    for ok in (m.free, m.standable):
        for dx, dy, letter in STEP_DIRS:
            c = (m.start[0] + dx, m.start[1] + dy)
            if ok(*c):
                return c, letter
    return None


def _enemy_hurts(spec: dict, levels: list[dict], config: dict) -> Keypoint:
    m = _Map(levels[0])
    pool = _level_enemies(levels[:1]) or _level_enemies(levels) or spec.get("enemies") or []
    enemy = pool[0]
    name = _name(spec, "enemies", enemy["slug"])
    spot = _start_neighbour(m)

    def run(game: HeadlessGame) -> tuple[bool, str]:
        if spot is None:
            return None, "no free cell next to the start to place an enemy on"
        _start_on(game, 0)
        lives = game.state()["lives"]
        i = _call(game, "placeEnemy", _enemy_src(enemy, config, spot[0][0], spot[0][1], "static"))
        _call(game, "stepEnemy", i, m.start[0], m.start[1])   # it walks into the standing player
        n = _frames_until(game, f"__game.game.lives < {lives} || __game.game.status !== 'playing'", 120)
        st = game.state()
        if n < 0 or st["lives"] != lives - 1:
            return False, f"{_a(name)} walked onto the player and lives went {lives} -> {st['lives']}"
        if not str(st.get("last_loss") or "").startswith("caught"):
            return False, f"a life was lost, but for '{st.get('last_loss')}', not the {name}'s touch"
        return True, f"the {name}'s touch cost a life ({lives} -> {st['lives']})"

    return Keypoint("enemy_hurts", f"Touching {_a(name)} costs a life", run, enemy["slug"])


def _chaser_chases(spec: dict, levels: list[dict], config: dict, mech: str) -> Keypoint:
    chasers = _level_enemies(levels, "chaser")
    radius = int(config.get("chase_radius", 6))
    m = _Map(levels[0])
    dist = m.bfs(m.start)
    want = max(2, min(4, radius))
    spot = next((c for c, d in dist.items() if d == want), None)
    if spot is None:
        want = max([d for d in dist.values() if 2 <= d <= radius] or [0])
        spot = next((c for c, d in dist.items() if d == want), None) if want else None
    name = _name(spec, "enemies", chasers[0]["slug"]) if chasers else "enemy"

    def run(game: HeadlessGame) -> tuple[bool, str]:
        if not chasers:
            src = (mech and (_mechanic(spec, (mech,)) or {}).get("source")) or ""
            return False, ("the GDD asks for enemies that chase the player" + (f" ('{src[:80]}')" if src else "")
                           + f", but no enemy of this build chases ({', '.join(sorted({e.get('behavior', '?') for e in _level_enemies(levels)})) or 'no enemies'})")
        if spot is None:
            return None, "no cell within the chase radius of the start to place a chaser on"
        _start_on(game, 0)
        i = _call(game, "placeEnemy", _enemy_src(chasers[0], config, spot[0], spot[1], "chaser"))
        speed = max(0.5, float(game.js(f"__qaW().enemies[{i}].speed")))
        per_tile = int(60 / speed * 2) + 10
        lives = game.state()["lives"]
        seen = [spot]
        for _ in range(want - 1):
            n = _frames_until(game, f"(function(e){{ return !e.moving && (e.cx !== {seen[-1][0]} || e.cy !== {seen[-1][1]}); }})(__qaW().enemies[{i}])", per_tile)
            if n < 0:
                return False, f"{_a(name)} {want} steps from the player stood still (at {list(seen[-1])})"
            seen.append(tuple(game.js(f"[__qaW().enemies[{i}].cx, __qaW().enemies[{i}].cy]")))
            if dist.get(seen[-1], 99) != dist.get(seen[-2], 99) - 1:
                return False, f"{_a(name)} {want} steps from the player wandered {list(seen[-2])} -> {list(seen[-1])} instead of closing in"
        if game.state()["lives"] != lives:
            return False, f"the player lost a life while the {name} was still approaching"
        return True, f"{_a(name)} {want} steps away closed in step by step: {' -> '.join(str(list(c)) for c in seen)}"

    return Keypoint("chaser_chases", f"{_a(name).capitalize()} comes for the player within {radius} steps", run, mech)


def _guard_scene(m: _Map, vision: int):
    """(player cell, guard cell, face towards the player, face away) two tiles apart in the open."""
    dist = m.bfs(m.start)
    for cell, d in sorted(dist.items(), key=lambda kv: (kv[1], kv[0][1], kv[0][0])):
        if d < 3 or not m.standable(*cell):
            continue
        for k, (dx, dy, _l) in enumerate(STEP_DIRS):
            mid, g = (cell[0] + dx, cell[1] + dy), (cell[0] + 2 * dx, cell[1] + 2 * dy)
            behind = (g[0] + dx, g[1] + dy)
            if m.standable(*mid) and m.standable(*g) and vision >= 2:
                return cell, g, (k + 2) & 3, k, behind
    return None


def _guard_sees(spec: dict, levels: list[dict], config: dict, mech: str) -> Keypoint:
    guards = _level_enemies(levels, "patrol") or _spec_enemies(spec, "patrol")
    vision = int(config.get("vision", 3))
    m = _Map(levels[0])
    scene = _guard_scene(m, vision)
    name = _name(spec, "enemies", guards[0]["slug"]) if guards else "guard"

    def run(game: HeadlessGame) -> tuple[bool, str]:
        if not guards:
            return False, "the GDD asks for stealth, but no enemy of this build is a patrolling guard"
        if scene is None:
            return None, f"no open stretch on level 1 to stand {_a(name)} two tiles from the player"
        cell, g, toward, away, _ = scene
        _start_on(game, 0)
        _call(game, "movePlayerTo", cell[0], cell[1])
        lives = game.state()["lives"]
        _call(game, "placeEnemy", _enemy_src(guards[0], config, g[0], g[1], "patrol"), away)
        game.step(20)   # looking the other way (a sentry turns only every sentry_turn seconds)
        st = game.state()
        if st["lives"] != lives or _cell(game) != cell:
            return False, f"{_a(name)} looking away from the player still caught them ({st.get('last_loss')})"
        _call(game, "clearEnemies")
        _call(game, "placeEnemy", _enemy_src(guards[0], config, g[0], g[1], "patrol"), toward)
        n = _frames_until(game, f"__game.game.lives < {lives} || __game.game.status !== 'playing'", 30)
        st = game.state()
        if n < 0 or st["lives"] != lives - 1 or st.get("last_loss") != "spotted by a guard":
            return False, f"{_a(name)} 2 tiles away looking straight at the player did not spot them (lives {lives} -> {st['lives']}, {st.get('last_loss')})"
        if _cell(game) != m.start:
            return False, f"spotted, but the player was not sent back to the start (at {list(_cell(game))})"
        return True, f"{_a(name)} facing the player from 2 tiles spotted them: -1 life, back to the start; facing away it did not"

    return Keypoint("guard_sees", f"{_a(name).capitalize()} that sees the player costs a life and sends them back to the start", run, mech)


def _melee(spec: dict, levels: list[dict], config: dict, mech: str) -> Keypoint:
    m = _Map(levels[0])
    pool = _level_enemies(levels[:1]) or _level_enemies(levels) or spec.get("enemies") or []
    enemy = pool[0] if pool else None
    spot = _start_neighbour(m)
    name = _name(spec, "enemies", enemy["slug"]) if enemy else "enemy"
    hp = int((enemy or {}).get("hp") or config.get("enemy_hp", 1))

    def run(game: HeadlessGame) -> tuple[bool, str]:
        if enemy is None:
            return False, "the GDD asks for attacks, but this build has no enemies"
        if spot is None:
            return None, "no free cell next to the start to place an enemy on"
        cell, letter = spot
        _start_on(game, 0)
        st0 = game.state()
        src = _enemy_src(enemy, config, cell[0], cell[1], "static")
        src["hp"] = hp
        i = _call(game, "placeEnemy", src)
        points = game.js(f"__qaW().enemies[{i}].points")
        _walk(game, letter)   # walking into it swings at it (and turns the player towards it)
        hits = 1
        while game.js(f"__qaW().enemies[{i}].alive") and hits < hp + 2:
            game.step(int(60 * float(config.get("attack_cooldown", 0.25))) + 2)
            game.tap("action")
            hits += 1
        st = game.state()
        if game.js(f"__qaW().enemies[{i}].alive"):
            return False, f"{hits} attacks on an adjacent {name} ({hp} hp) left it standing (hp {game.js(f'__qaW().enemies[{i}].hp')})"
        if _cell(game) != m.start or st["lives"] != st0["lives"]:
            return False, f"attacking the {name} moved or hurt the player"
        if st["score"] - st0["score"] != points:
            return False, f"defeating the {name} gave {st['score'] - st0['score']} points (expected {points})"
        return True, f"an adjacent {name} fell after {hits} attack(s): +{points}"

    return Keypoint("melee", f"Attacking an adjacent {name} defeats it ({hp} hit{'s' if hp > 1 else ''})", run, mech)


def _patrol_route(m: _Map) -> list[tuple[int, int]] | None:
    """Three cells in a straight line of open floor, at least 4 steps from the start."""
    dist = m.bfs(m.start)
    for cell, d in sorted(dist.items(), key=lambda kv: (kv[1], kv[0][1], kv[0][0])):
        if d < 4:
            continue
        for dx, dy, _l in STEP_DIRS:
            route = [(cell[0] + k * dx, cell[1] + k * dy) for k in range(3)]
            if all(m.standable(*c) and dist.get(c, 0) >= 4 for c in route):
                return route
    return None


def _patrol_walks(spec: dict, levels: list[dict], config: dict, mech: str) -> Keypoint:
    """A patrolling enemy walks its route to the end, turns and comes back."""
    pool = _level_enemies(levels, "patrol") or _spec_enemies(spec, "patrol") or _level_enemies(levels) \
        or spec.get("enemies") or []
    enemy = pool[0] if pool else None
    route = _patrol_route(_Map(levels[0]))
    name = _name(spec, "enemies", enemy["slug"]) if enemy else "enemy"

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if enemy is None:
            return False, "the GDD asks for patrols, but this build has no enemies"
        if route is None:
            return None, "no straight stretch of open floor on level 1 to watch a patrol on"
        _start_on(game, 0)
        game.run("__game.game.invuln = 1e9")  # a guard that sees the player must not end the watch
        i = _call(game, "placeEnemy", _enemy_src(enemy, config, route[0][0], route[0][1], "patrol",
                                                 [list(c) for c in route]))
        seen = []
        for _ in range(int(60 * (6 / max(0.5, float(_enemy_src(enemy, config, 0, 0, "patrol")["speed"])) + 3))):
            game.step(1)
            c = tuple(game.js(f"[__qaW().enemies[{i}].cx, __qaW().enemies[{i}].cy]"))
            if not seen or seen[-1] != c:
                seen.append(c)
        ends = [k for k, c in enumerate(seen) if c == route[-1]]
        back = ends and any(c == route[0] for c in seen[ends[0]:])
        if not ends or not back:
            return False, f"the {name} on a 3-cell route visited {seen[:8]} (expected to reach {list(route[-1])} and come back)"
        if any(c not in route for c in seen):
            return False, f"the {name} left its route: {seen[:8]}"
        return True, f"the {name} walked its route {list(route[0])} -> {list(route[-1])} and back"

    return Keypoint("patrol", f"{_a(name).capitalize()} walks its patrol route back and forth", run, mech)


def _pacifist(spec: dict, levels: list[dict], config: dict, mech: str) -> Keypoint:
    """A hero who never fights: Space facing an adjacent enemy does nothing to it (and the HUD counts
    no foes); the only way past is not to be caught."""
    m = _Map(levels[0])
    pool = _level_enemies(levels[:1]) or _level_enemies(levels) or spec.get("enemies") or []
    enemy = pool[0] if pool else None
    spot = _start_neighbour(m)
    name = _name(spec, "enemies", enemy["slug"]) if enemy else "enemy"

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if enemy is None:
            return None, "this build has no enemies to leave unharmed"
        if spot is None:
            return None, "no free cell next to the start to place an enemy on"
        if config.get("attack"):
            return False, "the GDD's hero never fights, but this build has an attack"
        cell, letter = spot
        _start_on(game, 0)
        st0 = game.state()
        i = _call(game, "placeEnemy", _enemy_src(enemy, config, cell[0], cell[1], "static"))
        _call(game, "movePlayerTo", m.start[0], m.start[1], MOVES[letter][3])
        for _ in range(4):
            game.tap("action")
            game.step(int(60 * float(config.get("attack_cooldown", 0.25))) + 2)
        st = game.state()
        if not game.js(f"__qaW().enemies[{i}].alive"):
            return False, f"pressing Space facing an adjacent {name} defeated it: the hero should not fight"
        if st["score"] != st0["score"] or _cell(game) != m.start:
            return False, f"pressing Space facing a {name} changed the score or moved the player"
        return True, f"four presses of Space facing an adjacent {name} left it standing (no attack)"

    return Keypoint("pacifist", f"The hero never fights: Space does nothing to an adjacent {name}", run, mech)


def _exit_wins(levels: list[dict], mech: str) -> Keypoint:
    m = _Map(levels[0])
    ap = m.approach(m.exit)
    one = len(levels) == 1

    def run(game: HeadlessGame) -> tuple[bool, str]:
        if ap is None:
            return None, f"the exit at {list(m.exit)} has no free floor next to it"
        cell, letter = ap
        _start_on(game, 0)
        _call(game, "movePlayerTo", cell[0], cell[1], MOVES[letter][3])
        r = _walk(game, letter)
        if (r["x"], r["y"]) != m.exit and r["cleared"] < 1:
            return False, f"stepping {letter} onto the exit left the player at ({r['x']}, {r['y']})"
        n = _frames_until(game, "__game.game.status === 'won' || __game.game.levelIndex >= 1", 150)
        st = game.state()
        if n < 0:
            return False, f"the player stood on the exit of level 1 and the level did not end (status {st['status']}, level {st['level']})"
        return True, ("the game is won" if one else "level 1 cleared: level 2 started") + f" {n} frames after reaching the exit"

    return Keypoint("exit_wins", "Reaching the exit wins the level", run, mech)


def keypoints(spec: dict, config: dict, levels: list[dict]) -> list[Keypoint]:
    """The adventure checks this build's spec and levels call for.

    A check returns (False, why) when the game breaks the rule or the build lacks what the GDD
    asked for, and (None, why) when this level's layout leaves no room to stage the scene (skipped,
    not a fault of the game)."""
    if not levels:
        return []
    out: list[Keypoint] = []
    mech = lambda ids, default: (_mechanic(spec, ids) or {}).get("id", default)  # noqa: E731
    collect_m = _mechanic(spec, A._COLLECT_IDS)
    with_items = next((i for i, lv in enumerate(levels) if lv.get("items")), None)
    if with_items is not None:
        out.append(_collect(spec, levels, with_items, mech(A._COLLECT_IDS, "collect")))
    elif collect_m is not None and spec.get("items"):
        out.append(Keypoint("collect", "Picking up an item adds to the score",
                            lambda g: (False, "the GDD asks for collectibles but no level has any"), collect_m["id"]))
    keys_m = _mechanic(spec, A._KEYS_IDS)
    with_doors = next((i for i, lv in enumerate(levels) if lv.get("doors") and lv.get("keys")), None)
    if with_doors is not None:
        out.append(_key_pickup(levels, with_doors, config, mech(A._KEYS_IDS, "keys_doors")))
        out.append(_door_needs_key(levels, with_doors, mech(A._KEYS_IDS, "keys_doors")))
    elif keys_m is not None:
        out.append(Keypoint("door_needs_key", "A locked door blocks the way until its key is held, then opens",
                            lambda g: (False, "the GDD asks for keys and doors but no level has a locked door"), keys_m["id"]))
    if _level_enemies(levels) or spec.get("enemies"):
        if _level_enemies(levels):
            out.append(_enemy_hurts(spec, levels, config))
        chase_m = _mechanic(spec, A._CHASE_IDS)
        if chase_m is not None or _level_enemies(levels, "chaser"):
            out.append(_chaser_chases(spec, levels, config, mech(A._CHASE_IDS, "enemies_chase")))
        stealth_m = _mechanic(spec, A._VISION_IDS)
        if stealth_m is not None and int(config.get("vision", 0)) > 0:
            out.append(_guard_sees(spec, levels, config, stealth_m["id"]))
        if config.get("attack"):
            out.append(_melee(spec, levels, config, mech(A._ATTACK_IDS, "attack")))
        if _mechanic(spec, ("enemies_patrol",)) is not None:
            out.append(_patrol_walks(spec, levels, config, "enemies_patrol"))
        if _mechanic(spec, ("pacifist",)) is not None:
            out.append(_pacifist(spec, levels, config, "pacifist"))
    out.append(_exit_wins(levels, mech(("reach_exit", "exit", "escape"), "reach_exit")))
    for kp in out:
        kp.run = _reported(kp.run)
    return out


def _reported(run):
    """A check whose game code throws (or lacks the qa hooks) fails with the reason, not a crash."""
    def guarded(game: HeadlessGame) -> tuple[bool | None, str]:
        try:
            return run(game)
        except HeadlessError as exc:
            return False, str(exc)
    return guarded


__all__ = ["play_level_one", "keypoints", "rules_agree"]


# ---- rules agreement: one walk, the real game and the grid rules --------------------------------

AGREE_MOVES = 200

# Plays a list of taps (one direction per move: pressed for one frame, then released while the
# player walks the tile; after a lost life, also while the player is safe) on `lv`, loaded in
# place of level 1 and started fresh. Rows after every move: cell, keys held and doors open (bit
# per colour), score, lives, status, cleared, last loss. Stops once the level is cleared, the
# game ends, or a time limit comes near (the runtime's clock is not the genre's rule).
_AGREE_JS = """(function (lv, moves) {
  var rows = [], timeout = false;
  return __qa.onLevel(lv, function (G) {
    var limit = (G.spec && G.spec.time_limit) || 0;
    function row() { var w = __game.world(), p = w.p;
      return [p.cx, p.cy, p.moving ? 1 : 0, __qa.mask(w.keysHeld), __qa.mask(w.doorOpen), G.score, G.lives,
              G.status, G.cleared, G.lastLoss || null]; }
    function busy() { var w = __game.world(); return G.status === 'playing' && !G.cleared && (w.p.moving || G.invuln > 0); }
    var first = row();
    for (var i = 0; i < moves.length; i++) {
      if (limit && G.time > limit - 5) { timeout = true; break; }
      __game.press(moves[i], true); __game.step(1); __game.press(moves[i], false);
      for (var n = 0; n < 400 && busy(); n++) __game.step(1);
      rows.push(row());
      if (G.cleared || G.status !== 'playing') break;
    }
    return {first: first, rows: rows, timeout: timeout};
  });
})"""

_LETTER_ACTION = {"R": "right", "D": "down", "L": "left", "U": "up"}


class _GridWalk:
    """The Python side of one walk: the solver's grid rules (``rules.solve``: walls block, door i
    needs key i, keys are picked up by stepping on them and kept) plus what the level does on
    arrival (items and keys score, a potion heals up to max_lives or scores 20, the exit clears
    the level) and on a hazard (a life lost, back to the start, keys kept and doors open)."""

    def __init__(self, level: dict, config: dict, lives: int | None):
        self.w, self.h, self.grid = int(level["w"]), int(level["h"]), level["grid"]
        self.start = (int(level["start"][0]), int(level["start"][1]))
        self.exit = tuple(level.get("exit") or (self.w - 2, self.h - 2))
        self.doors = {(d["x"], d["y"]): int(d["key"]) for d in level.get("doors") or []}
        self.keys = {(k["x"], k["y"]): int(k["key"]) for k in level.get("keys") or []}
        self.items = {}
        for it in level.get("items") or []:
            pts = it.get("points")
            self.items[(it["x"], it["y"])] = pts if isinstance(pts, (int, float)) else 10
        self.potions = {(p["x"], p["y"]) for p in level.get("potions") or []}
        self.hazards = {(hz["x"], hz["y"]) for hz in level.get("hazards") or []}
        self.key_points = config.get("key_points", 50)
        self.max_lives = int(config.get("max_lives", 5))
        self.x, self.y = self.start
        self.mask = 1 << self.keys[self.start] if self.start in self.keys else 0  # as solve() starts
        self.opened = 0
        self.got: set = set()
        self.score, self.lives, self.status, self.cleared, self.event = 0, lives, "playing", False, ""

    def wall(self, x: int, y: int) -> bool:
        return not (0 <= x < self.w and 0 <= y < self.h) or self.grid[y][x] == "#"

    def blocked(self, x: int, y: int) -> bool:
        k = self.doors.get((x, y))
        return self.wall(x, y) or (k is not None and not (self.opened | self.mask) & (1 << k))

    def move(self, letter: str) -> None:
        dx, dy = MOVES[letter][:2]
        nx, ny = self.x + dx, self.y + dy
        self.event = ""
        if self.wall(nx, ny):
            self.event = "a wall"
            return
        k = self.doors.get((nx, ny))
        if k is not None and not self.opened & (1 << k):
            if not self.mask & (1 << k):
                self.event = f"the {KEY_NAMES[k & 3]} door, locked"
                return
            self.opened |= 1 << k
        if (nx, ny) in self.hazards:
            self.event = f"a hazard at ({nx}, {ny})"
            if self.lives is not None:
                self.lives -= 1
                if self.lives <= 0:
                    self.lives, self.status = 0, "lost"
                    return
            self.x, self.y = self.start
            return
        self.x, self.y = nx, ny
        c = (nx, ny)
        k = self.keys.get(c)
        if k is not None and not self.mask & (1 << k):
            self.mask |= 1 << k
            self.score += self.key_points
        if c in self.items and ("item", c) not in self.got:
            self.got.add(("item", c))
            self.score += self.items[c]
        if c in self.potions and ("potion", c) not in self.got:
            self.got.add(("potion", c))
            if self.lives is not None and self.lives < self.max_lives:
                self.lives += 1
            else:
                self.score += 20
        if c == self.exit:
            self.cleared = True


def _agree_walk(rng: random.Random, level: dict, config: dict, n: int) -> str:
    """n moves drawn from rng. Mostly an exploring walk: a random unseen neighbour, else the first
    step towards the nearest unseen tile or hazard (so it finds keys, doors, items and, twice at
    most, a hazard), keeping off the exit for the first three quarters; next to a locked door or a
    hazard, half the time it tries it; one move in five is any direction at all."""
    sim = _GridWalk(level, config, 99)
    seen = {(sim.x, sim.y)}
    out: list[str] = []
    hurt = 0
    late = False

    def cell(m: str) -> tuple[int, int]:
        return sim.x + MOVES[m][0], sim.y + MOVES[m][1]

    def free(c: tuple[int, int]) -> bool:
        return not sim.blocked(*c) and c not in sim.hazards and (c != sim.exit or late)

    def wanted(c: tuple[int, int]) -> bool:
        return c not in seen and (c not in sim.hazards or hurt < 2) and (c != sim.exit or late)

    def first_step_towards_wanted() -> str | None:
        here = (sim.x, sim.y)
        prev: dict = {here: None}
        queue = deque([here])
        while queue:
            c = queue.popleft()
            if c != here and wanted(c):
                while prev[c][0] != here:
                    c = prev[c][0]
                return prev[c][1]
            if c != here and (c in sim.hazards or (c == sim.exit and not late)):
                continue  # a goal, never a way through
            for m in "RDLU":
                nxt = (c[0] + MOVES[m][0], c[1] + MOVES[m][1])
                if nxt not in prev and not sim.blocked(*nxt):
                    prev[nxt] = (c, m)
                    queue.append(nxt)
        return None

    for i in range(n):
        late = i >= n * 3 // 4  # the exit ends the walk: keep away from it until late
        letter = None
        doors = [m for m in "RDLU" if cell(m) in sim.doors and sim.blocked(*cell(m))]
        burns = [m for m in "RDLU" if cell(m) in sim.hazards] if hurt < 2 else []
        if doors and rng.random() < 0.5:  # a locked door must stay shut
            letter = rng.choice(doors)
        elif burns and rng.random() < 0.5:
            letter = rng.choice(burns)
        elif rng.random() >= 0.2:
            fresh = [m for m in "RDLU" if free(cell(m)) and cell(m) not in seen]
            letter = rng.choice(fresh) if fresh else first_step_towards_wanted()
        letter = letter or rng.choice("RDLU")
        hurt += cell(letter) in sim.hazards
        out.append(letter)
        sim.move(letter)
        seen.add((sim.x, sim.y))
        if sim.cleared or sim.status != "playing":
            break
    return "".join(out)


def rules_agree(game: HeadlessGame, level: dict, config: dict, rng: random.Random) -> str | None:
    """A walk of up to 200 taps drawn from rng played on ``level`` (enemies left out: the solver's
    rules are the grid's) in the real adventure.js and by :class:`_GridWalk`. Compared after every
    move: the player's cell, keys held and doors open (by colour), score, lives, whether the level
    is cleared and the game's status. None when they agree to the end, else the first difference."""
    lv = dict(level, enemies=[])
    moves = _agree_walk(rng, lv, config, AGREE_MOVES)
    out = game.js(f"{_AGREE_JS}({json.dumps(lv)}, {json.dumps([_LETTER_ACTION[m] for m in moves])})")
    first, rows = out["first"], out["rows"]
    py = _GridWalk(lv, config, first[6])
    if (first[0], first[1], first[3]) != (py.x, py.y, py.mask):
        return (f"the player starts at ({first[0]}, {first[1]}) holding keys {first[3]:04b} in the game, at "
                f"({py.x}, {py.y}) holding {py.mask:04b} by the rules")
    for i, letter in enumerate(moves):
        if i >= len(rows):
            if out["timeout"]:
                return None
            return f"the game stopped after {i} moves while the rules play on"
        py.move(letter)
        js = rows[i]
        where = f"move {i + 1} ({MOVES[letter][2]}; recent moves {moves[max(0, i - 7):i + 1]})"
        if (js[0], js[1]) != (py.x, py.y):
            return (f"{where}: the player is at ({js[0]}, {js[1]}) in the game, at ({py.x}, {py.y}) by the rules"
                    + (f" (which met {py.event})" if py.event else ""))
        if (js[3], js[4]) != (py.mask, py.opened):
            return (f"{where}: keys held {js[3]:04b} and doors open {js[4]:04b} in the game, "
                    f"{py.mask:04b} and {py.opened:04b} by the rules")
        if (js[6], js[7]) != (py.lives, py.status):
            return (f"{where}: the game has {js[6]} lives and is {js[7]!r} (last loss {js[9]!r}), the rules "
                    f"{py.lives} lives, {py.status!r}" + (f" after {py.event}" if py.event else ""))
        if py.status != "playing":
            return None
        if js[2]:
            return f"{where}: the player is still walking in the game after 400 frames"
        if js[5] != py.score:
            return f"{where}: the score is {js[5]} in the game, {py.score} by the rules"
        if bool(js[8]) != py.cleared:
            return (f"{where}: " + ("the rules reach the exit but the game does not clear the level" if py.cleared
                                    else "the game clears the level where the rules do not reach the exit"))
        if py.cleared:
            return None
    if len(rows) > len(moves):
        return f"the game played {len(rows)} moves for {len(moves)} taps"
    return None
