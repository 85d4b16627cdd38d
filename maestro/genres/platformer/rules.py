"""Platformer levels: generator, solver and tunables for ``maestro/genres/platformer/platformer.js``.

The physics is shared, bit for bit, with the JavaScript module: both sides run the same
fixed 60 Hz semi-implicit Euler step on *integers* (positions in 1/256 px "subpixels",
velocities in subpixels per frame), so there is no floating-point drift between a Python
simulation and the game. ``config_for`` turns the GDD's numbers (px/s, px/s^2) into those
integers once; the JS reads them from ``data.config`` and never recomputes them.

One frame (``physics_step`` here, ``physStep`` in the JS), in this order:

1. jump: if jump went down this frame and ``jumps_left > 0``: ``vy = -jump``, ``jumps_left -= 1``
2. variable height: jump not held while rising faster than ``cut`` -> ``vy = -cut``
3. ``vy = min(vy + gravity, max_fall)``; ``y += vy``; resolve against solid tiles (vertical)
4. ``x += dir * run``; resolve against solid tiles (horizontal)
5. ground probe: feet exactly on a solid tile top -> grounded, ``jumps_left = jumps``,
   ``coyote = coyote_frames``; airborne -> coyote counts down; when it runs out without a jump
   the ground jump is lost (``jumps_left = jumps - 1``)

The solver is a best-first search over *grounded* states (node = the tile the player stands
on). From each node it simulates the real step with concrete inputs for a set of macros
(walk one tile, jump now with several air-steering policies, run to the edge and jump; air
jumps at the apex when the spec allows multi-jump) and records every frame's input, so its
proof is an input script that replays exactly in the game. Hazards and pits kill a macro;
touching the goal ends the search. Enemies are not part of the proof: they are stompable
and the generator only puts them on long, flat stretches.

Level format (all JSON): ``rows`` (17 strings, '#' ground, '=' floating platform, '.' air),
``start`` (player top-left, px), ``goal`` {x, y} (tile), ``items`` [{x, y, slug, points}] (px,
top-left of a 16 px cell), ``enemies`` [{x, y, slug, behavior, min, max, speed, points}] (px),
``hazards`` [{x, y, slug}] (tiles), ``checkpoints`` [[x, y], ...] (player top-left, px),
``run`` (subpixels per frame for this level), ``collect_target``.
"""

from __future__ import annotations

import heapq
import math
import random
import re
from typing import Any

from maestro.gdd.text import fold
from maestro.spec import GameSpec, LevelEntity, LevelRequest


TILE = 16
ROWS = 17
SUB = 256  # subpixels per pixel
TS = TILE * SUB
FPS = 60

# Hitbox (px) of the player, relative to its top-left; the 16x16 sprite is drawn centred on it.
PLAYER_W = 12
PLAYER_H = 14
# Hazards hurt inside this box of their 16x16 cell (px): the visible spikes, not the air above.
HAZARD_BOX = (3, 6, 10, 10)
# The flag counts when the player touches this box of its cell (px), one tile taller than the cell.
GOAL_BOX = (2, -16, 12, 32)

MAX_MACRO_FRAMES = 300

# Crouching (cfg "duck", when the GDD asks for it): Down held on the ground lowers the hitbox to this
# height, feet where they were, for hazards and enemies (terrain still takes the full box).
DUCK_H = 8
# Height-banded obstacles (cfg "bands"): hurting boxes (px) relative to the left of the obstacle's
# column and the ground surface under it. "ground" is the plain hazard (HAZARD_BOX in its cell); "head"
# meets a standing player's head and passes over a crouching one (bottom 10 px up, DUCK_H is 8);
# "overhead" hangs above a standing player and meets only a jump (its height set by the jump: see
# _band_boxes).
HEAD_BOX = (2, -22, 12, 12)
HANG_TOP = 64  # px above the level's top row: a hanging obstacle's thread reaches past any jump
BANDS = ("ground", "head", "overhead")
# Hop lengths (frames the jump key is held) the solver tries where obstacles are banded: a short hop
# clears a ground obstacle under a hanging one.
HOPS = (1, 2, 3, 5, 8)


def timed_width(config: dict, run: int) -> int:
    """Columns a runner's course needs to outlast a timed run's clock (0 when there is none): its flag lies
    beyond where the run can get before the clock runs out, so the clock, not the flag, ends the run."""
    seconds = int((config.get("timed_run") or {}).get("seconds") or 0)
    if not seconds:
        return 0
    frames = seconds * FPS + int(config.get("runner_start_freeze", 0))
    return (frames * run) // TS + 24  # the start, the finish stretch and a margin past the clock


def _rnd(value: float) -> int:
    """Round half up: the JS uses Math.floor(v + 0.5); Python's round() rounds half to even."""
    return int(math.floor(value + 0.5))


# ---- tunables ----------------------------------------------------------------------------------



def _num(params: dict[str, Any] | None, *keys: str) -> float | None:
    if not params:
        return None
    for k in keys:
        v = params.get(k)
        if isinstance(v, bool):
            continue
        if isinstance(v, (int, float)) and math.isfinite(v) and v > 0:
            return float(v)
        if isinstance(v, str):
            try:
                f = float(v.strip())
            except ValueError:
                continue
            if math.isfinite(f) and f > 0:
                return f
    return None


def _clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


def config_for(spec: GameSpec) -> dict:
    """The platformer's tunables from the spec's mechanics (the GDD's numbers) plus defaults."""
    mode = (spec.mode or "levels").strip().lower()
    if mode in ("endless", "endless_runner", "auto_runner", "autorunner"):
        mode = "runner"
    # The Geometry-Dash-like course (mode "dash", dash.py) is a runner with its own course and rules.
    dash_course = mode == "dash"
    if dash_course:
        mode = "runner"
    if mode != "runner":
        mode = "levels"
    runner = mode == "runner"

    # Jumps: double_jump {jumps: 2|3}; triple_jump means 3.
    jumps = 1
    dj = spec.params_of("double_jump", "multi_jump", "air_jump")
    if dj is not None:
        jumps = int(_num(dj, "jumps", "count", "max_jumps") or 2)
    if spec.params_of("triple_jump") is not None:
        jumps = max(jumps, 3)
    jumps = int(_clamp(jumps, 1, 3))

    gravity = _num(spec.params_of("gravity"), "gravity", "value", "strength") or 1400.0
    gravity = _clamp(gravity, 400.0, 4000.0)

    jp = spec.params_of("jump", "high_jump", "jump_height")
    jump_velocity = _num(jp, "velocity", "jump_velocity", "speed") or 0.0
    jump_tiles = _num(jp, "height", "tiles", "jump_height")
    if not jump_velocity and jump_tiles:
        # A GDD height is in tiles; keep it in a playable band (1.5 .. 6 tiles).
        # apex of the discrete (60 Hz semi-implicit) arc: v^2/2g - v*dt/2 = h
        half = gravity / FPS / 2.0
        jump_velocity = half + math.sqrt(half * half + 2.0 * gravity * _clamp(jump_tiles, 1.5, 6.0) * TILE)
    if not jump_velocity:
        jump_velocity = 400.0
    jump_velocity = _clamp(jump_velocity, 150.0, 600.0)

    base_speed = 150.0 if runner else 110.0
    sp = spec.params_of("auto_run", "endless", "runner", "speed", "run", "move_speed")
    given = _num(sp, "speed", "run_speed", "value")
    if given is not None:
        # Small numbers are multipliers ("1.5x speed"), large ones px/s.
        base_speed = base_speed * given if given <= 5 else given
    if spec.player.speed:
        base_speed *= _clamp(spec.player.speed, 0.3, 3.0)
    run_speed = _clamp(base_speed, 50.0, 300.0)

    speedup = _num(sp, "speedup", "acceleration", "speed_increase")
    if speedup is None:
        speedup = 0.08 if runner else 0.0
    speedup = _clamp(speedup if speedup < 1 else speedup / 100.0, 0.0, 0.5)

    collect = spec.params_of("collect", "collect_items", "collect_coins", "collectibles")
    collect_target = int(_num(collect, "target", "count", "amount", "goal") or 0)
    collect_target = int(_clamp(collect_target, 0, 60))
    item_points = next((it.points for it in spec.items if it.points), None)
    item_points = int(item_points or _num(collect, "points", "score", "value") or 10)
    enemy_points = int(next((e.points for e in spec.enemies if e.points), None) or 50)

    cfg: dict[str, Any] = {
        "mode": mode,
        "tile": TILE,
        "rows": ROWS,
        # human units (px, px/s, px/s^2) -- what the GDD and a designer talk about
        "gravity": gravity,
        "jump_velocity": jump_velocity,
        "run_speed": run_speed,
        "max_fall": 360.0,
        "jumps": jumps,
        "coyote_frames": 6,
        "jump_cut": 3,  # releasing jump while rising caps the rise speed to jump_velocity / jump_cut
        "stomp_bounce": 0.7,  # of jump_velocity
        "enemy_speed": 40.0,
        "player_w": PLAYER_W,
        "player_h": PLAYER_H,
        "item_points": item_points,
        "enemy_points": enemy_points,
        "collect_target": collect_target,
        "runner_speedup": speedup,
        "runner_respawn_freeze": 30,  # frames the runner waits after a respawn
        "runner_start_freeze": 60,  # frames the runner waits when a level starts (inputs ignored)
        "sub": SUB,
    }
    cfg.update(_extras(spec, dash_course))
    timed = timed_seconds(spec)
    if timed:  # one run against the runtime's clock (spec.time_ends_as): the course outlasts it (qa_clock.py)
        cfg["timed_run"] = {"seconds": timed, "ends_as": spec.time_ends_as}
        if runner and spec.time_ends_as == "score":  # "as far as you can in 2 minutes": the distance scores
            cfg["timed_run"]["distance_points"] = DISTANCE_POINTS
    # Fixed-point values the simulation actually uses (JS and Python alike).
    cfg["g_sub"] = _rnd(gravity * SUB / (FPS * FPS))
    cfg["jump_sub"] = _rnd(jump_velocity * SUB / FPS)
    cfg["run_sub"] = _rnd(run_speed * SUB / FPS)
    cfg["max_fall_sub"] = min(_rnd(cfg["max_fall"] * SUB / FPS), TS // 2)
    cfg["cut_sub"] = cfg["jump_sub"] // cfg["jump_cut"]
    cfg["bounce_sub"] = _rnd(cfg["jump_sub"] * cfg["stomp_bounce"])
    if dash_course:
        from maestro.genres.platformer import dash

        dash.tune(cfg)
    height, dist = jump_reach(cfg, cfg["run_sub"])
    cfg["jump_height_px"] = height
    cfg["jump_dist_px"] = dist
    if "bands" in cfg:
        cfg["bands"]["boxes"] = _band_boxes(cfg)
    return cfg


SHOT_SPEED = 4  # px per frame (240 px/s)
SHOT_LIFE = 50  # frames: a shot flies 200 px, most of a screen
GROW_INVULN = 1.5  # seconds of safety after a hit shrinks the big player


# The longest clock a timed run's course is sized to (a longer one is cut to it: the course, its proof and
# the bot's run grow with it).
TIMED_MAX_SECONDS = 120
DISTANCE_POINTS = 1  # a score-attack runner's points for each new tile of distance (platformer.js update())


def timed_seconds(spec: GameSpec) -> int:
    """The clock of a timed run (GameSpec.time_ends_as: "survive 60 seconds", "as far as you can in 2
    minutes"), capped at TIMED_MAX_SECONDS; 0 when the game is no timed run."""
    if not spec.time_limit or spec.time_ends_as is None:
        return 0
    return int(min(max(spec.time_limit, 10), TIMED_MAX_SECONDS))


def _extras(spec: GameSpec, dash_course: bool = False) -> dict[str, Any]:
    """What the GDD adds to the plain platformer: shooting (the ``shoot`` mechanic: Space/X fire in the
    facing direction, Up alone jumps) and growing (the ``grow`` demand, proved by the "grow" keypoint: a
    power-up makes the player big, and a hit shrinks it back instead of costing a life). Keys appear
    only when asked for, so a game without them keeps its bytes."""
    out: dict[str, Any] = {}
    shoot = spec.params_of("shoot", "blaster", "fire")
    if shoot is not None:
        rate = _clamp(_num(shoot, "rate", "fire_rate", "shots_per_second") or 4.0, 1.0, 12.0)
        out["shoot"] = {"cooldown": max(5, _rnd(FPS / rate)), "speed": SHOT_SPEED, "life": SHOT_LIFE}
    if any(r.term == "grow" for r in spec.requirements):
        out["grow"] = {"points": 0, "invuln": GROW_INVULN}
    if dash_course:  # one button: the course has no crouching and no banded obstacles
        return out
    if spec.has("crouch"):
        out["duck"] = {"h": DUCK_H}
    if spec.has("crouch") or any(r.term == "banded_obstacles" for r in spec.requirements):
        out["bands"] = {"slugs": band_slugs(spec)}  # the boxes follow in config_for, from the jump
    return out


_OVERHEAD_WORDS = re.compile(r"\b(?:hang\w*|hung|ceiling|overhead|stalactit\w*|estalactit\w*|spiders?|aran\w*|colg\w*|"
                             r"pend\w*|teito|techo|teto|decke|plafond|chandelier\w*|icicles?)\b")
_HEAD_WORDS = re.compile(r"\b(?:fly\w*|flies|flew|bats?|birds?|morceg\w*|murcielag\w*|vol\w*|voa\w*|head|cabeza|cabeca|"
                         r"kopf|tete|fledermaus\w*|vogel|pajaro\w*|paxaro\w*|swoop\w*|arrows?|bullets?|fireballs?)\b")


def band_slugs(spec: GameSpec) -> dict[str, str]:
    """The band of each of the GDD's obstacles, from its own words (name and description): hanging from
    the ceiling -> "overhead", flying at the player -> "head", else "ground". The GDD's flying enemies join
    the head band as obstacles; with crouching asked for and no head-height obstacle named, the first
    obstacle that is not the first ground one flies at head height, so there is something to duck."""
    out: dict[str, str] = {}
    cast = [(h.slug, f"{h.name} {h.description}") for h in spec.hazards]
    cast += [(e.slug, f"{e.name} {e.description}") for e in spec.enemies if e.behavior == "flyer"]
    for slug, words in cast:
        low = fold(words)
        out[slug] = "overhead" if _OVERHEAD_WORDS.search(low) else "head" if _HEAD_WORDS.search(low) else "ground"
    if spec.has("crouch") and "head" not in out.values():
        spare = [slug for slug, band in out.items() if band == "ground"][1:]
        out[spare[0] if spare else "bat"] = "head"
    return out


def _band_boxes(cfg: dict) -> dict[str, Any]:
    """Each band's hurting box [dx, dy, w, h] relative to (column left, ground surface), px, and "hop":
    the shortest hop (frames the jump key is held) that stays above a ground obstacle long enough to
    pass over it at the game's slowest speed. The hanging box's bottom sits 4 px above that hop's top
    (the player's head at its apex), so the hop passes between a ground and a hanging obstacle and a
    full jump does not."""
    over = HAZARD_BOX[3] + 1  # feet this high clear a ground obstacle
    need = -(-(cfg["player_w"] + HAZARD_BOX[2] + 8) * SUB // max(1, cfg["run_sub"]))  # frames over it, 8 px spare
    hop, rise = 0, 0
    for k in range(1, 31):
        rise, above = _hop_arc(cfg, k, over)
        if above >= need:
            hop = k
            break
    bottom = cfg["player_h"] + max(rise + 4, 8)
    # Over a head-high obstacle a hanging one hangs lower: the gap between them (13 px) is less than the
    # player is tall, so that pair is crouched under, never jumped between.
    low = -HEAD_BOX[1] + cfg["player_h"] - 1
    return {"ground": [HAZARD_BOX[0], HAZARD_BOX[1] - TILE, HAZARD_BOX[2], HAZARD_BOX[3]],
            "head": list(HEAD_BOX), "overhead": [2, -bottom - 14, 12, 14], "overhead_low": [2, -low - 14, 12, 14],
            "hanging": ["overhead", "overhead_low"], "hop": hop}


def _hop_arc(cfg: dict, hold: int, over: int) -> tuple[int, int]:
    """(rise of the feet in px, frames with the feet more than `over` px up) of a jump whose key is held
    `hold` frames, in open air."""
    grid = _OpenAir()
    y0 = 40 * TS
    st = [8 * TS, y0, 0, cfg["jumps"], 0, 1]
    top, above = y0, 0
    for t in range(MAX_MACRO_FRAMES):
        physics_step(grid, cfg, 0, st, 0, t < hold, t == 0)
        top = min(top, st[1])
        above += y0 - st[1] > over * SUB
        if t > 0 and st[1] >= y0:
            break
    return (y0 - top) // SUB, above


def jump_keys(cfg: dict) -> tuple[str, ...]:
    """The keys that jump: Up and Space, or only Up when Space fires (platformer.js update())."""
    return ("up",) if cfg.get("shoot") else ("up", "action")


# ---- physics (mirrors physStep in platformer.js) ------------------------------------------------

class Grid:
    """Solid-tile lookup for a level. Columns outside the level are walls; rows outside are air."""

    __slots__ = ("w", "h", "solid", "pads")

    def __init__(self, rows: list[str]):
        self.h = len(rows)
        self.w = max((len(r) for r in rows), default=0)
        self.solid = [[c in "#=" for c in r.ljust(self.w, ".")] for r in rows]
        # jump pads ('^', the dash course's): air cells that launch a player standing in them
        self.pads = {(c, r) for r, row in enumerate(rows) if "^" in row for c, ch in enumerate(row) if ch == "^"}

    def at(self, tx: int, ty: int) -> bool:
        if tx < 0 or tx >= self.w:
            return True
        if ty < 0 or ty >= self.h:
            return False
        return self.solid[ty][tx]


def physics_step(grid: Grid, cfg: dict, run: int, st: list[int], direction: int, held: bool, pressed: bool,
                 duck: bool = False) -> bool:
    """One frame, in place. st = [x, y, vy, jumps_left, coyote, grounded] (subpixels). Returns whether the
    player crouches this frame: ``duck`` (Down held) and standing on the ground at the end of it."""
    pw, ph = cfg["player_w"] * SUB, cfg["player_h"] * SUB
    x, y, vy, jl, coy, _g = st
    if pressed and jl > 0:
        vy = -cfg["jump_sub"]
        jl -= 1
        coy = 0
    if not held and vy < -cfg["cut_sub"]:
        vy = -cfg["cut_sub"]
    vy += cfg["g_sub"]
    if vy > cfg["max_fall_sub"]:
        vy = cfg["max_fall_sub"]
    y += vy
    c0, c1 = x // TS, (x + pw - 1) // TS
    if vy > 0:
        row = (y + ph - 1) // TS
        if grid.at(c0, row) or grid.at(c1, row):
            y = row * TS - ph
            vy = 0
    elif vy < 0:
        row = y // TS
        if grid.at(c0, row) or grid.at(c1, row):
            y = (row + 1) * TS
            vy = 0
    vx = direction * run
    x += vx
    r0, r1 = y // TS, (y + ph - 1) // TS
    if vx > 0:
        col = (x + pw - 1) // TS
        if grid.at(col, r0) or grid.at(col, r1):
            x = col * TS - pw
    elif vx < 0:
        col = x // TS
        if grid.at(col, r0) or grid.at(col, r1):
            x = (col + 1) * TS
    feet = y + ph
    grounded = 0
    if feet % TS == 0:
        row = feet // TS
        if grid.at(x // TS, row) or grid.at((x + pw - 1) // TS, row):
            grounded = 1
    if grounded:
        jl = cfg["jumps"]
        coy = cfg["coyote_frames"]
        if grid.pads and cfg.get("dash"):
            # a jump pad under either foot launches the player (the ground jump is spent on it)
            pad_row = feet // TS - 1
            if (x // TS, pad_row) in grid.pads or ((x + pw - 1) // TS, pad_row) in grid.pads:
                vy, grounded, jl, coy = -cfg["dash"]["pad_sub"], 0, cfg["jumps"] - 1, 0
    elif coy > 0:
        coy -= 1
        if coy == 0 and jl == cfg["jumps"]:
            jl = cfg["jumps"] - 1
    st[0], st[1], st[2], st[3], st[4], st[5] = x, y, vy, jl, coy, grounded
    return bool(duck and grounded)


class _OpenAir(Grid):
    """No tiles at all: the arc of a jump with nothing in the way."""

    def __init__(self) -> None:
        super().__init__([])

    def at(self, tx: int, ty: int) -> bool:
        return False


def jump_reach(cfg: dict, run: int) -> tuple[int, int]:
    """(max rise, horizontal distance back at take-off height) of a full jump in open air, px.

    Full jump held, steering right, every air jump taken at the apex -- the arc the solver
    and the generator rely on.
    """
    grid = _OpenAir()
    y0 = 40 * TS
    st = [8 * TS, y0, 0, cfg["jumps"], 0, 0]
    held_prev = False
    top = y0
    for t in range(MAX_MACRO_FRAMES):
        held = True
        if t > 0 and st[3] > 0 and st[2] >= 0 and held_prev:
            held = False  # apex: release one frame, the next frame is a fresh press
        pressed = held and not held_prev
        held_prev = held
        physics_step(grid, cfg, run, st, 1, held, pressed)
        top = min(top, st[1])
        if t > 0 and st[1] >= y0:
            break
    return (y0 - top) // SUB, (st[0] - 8 * TS) // SUB


# ---- solver --------------------------------------------------------------------------------------

class _Sim:
    """Everything the solver needs about one level: grid, hazard and goal boxes, speed."""

    def __init__(self, level: dict, cfg: dict):
        self.cfg = cfg
        self.grid = Grid(level["rows"])
        self.run = int(level.get("run") or cfg["run_sub"])
        self.runner = level.get("mode", cfg.get("mode")) == "runner"
        # the dash course: running into the side of a block (the run held back) costs a life
        self.dash = bool(cfg.get("dash")) and self.runner
        self.pw, self.ph = cfg["player_w"] * SUB, cfg["player_h"] * SUB
        self.duck_h = int((cfg.get("duck") or {}).get("h") or cfg["player_h"]) * SUB
        self.bottom = self.grid.h * TS
        boxes = (cfg.get("bands") or {}).get("boxes") or {}
        self.hazards = [hazard_box(h, boxes) for h in level.get("hazards", [])]
        # bucket hazards by column for quick lookup
        self.hazard_cols: dict[int, list[tuple[int, int, int, int]]] = {}
        for hb in self.hazards:
            self.hazard_cols.setdefault(hb[0] // TS, []).append(hb)
        g = level.get("goal")
        gx, gy, gw, gh = GOAL_BOX
        self.goal = None if not g else ((g["x"] * TILE + gx) * SUB, (g["y"] * TILE + gy) * SUB, gw * SUB, gh * SUB)

    def overlaps(self, st: list[int], box: tuple[int, int, int, int], ducking: bool = False) -> bool:
        """The player's box (crouched: its lower DUCK_H, feet where they are) overlaps ``box``."""
        top, h = (st[1] + self.ph - self.duck_h, self.duck_h) if ducking else (st[1], self.ph)
        return st[0] < box[0] + box[2] and st[0] + self.pw > box[0] and top < box[1] + box[3] and top + h > box[1]

    def dead(self, st: list[int], ducking: bool = False) -> bool:
        if st[1] >= self.bottom:
            return True
        c = st[0] // TS
        for col in (c - 1, c, c + 1):
            for hb in self.hazard_cols.get(col, ()):
                if self.overlaps(st, hb, ducking):
                    return True
        return False

    def crashed(self, x_before: int, st: list[int]) -> bool:
        """On the dash course: this frame's run was held back by a wall (a block's or a platform's side)."""
        return self.dash and st[0] - x_before < self.run

    def won(self, st: list[int]) -> bool:
        return self.goal is not None and self.overlaps(st, self.goal)


def hazard_box(h: dict, boxes: dict) -> tuple[int, int, int, int]:
    """A hazard's hurting box in subpixels: its band's box over the ground of its column (cfg bands), or
    HAZARD_BOX in its cell (platformer.js hazardBox)."""
    name = h.get("band") or ""
    band = boxes.get(name)
    if band:
        y0, hgt = (h["y"] + 1) * TILE + band[1], band[3]
        if name in boxes.get("hanging", ()):  # it hangs from the ceiling on its thread: no way over it
            y0, hgt = -HANG_TOP, hgt + y0 + HANG_TOP
        return ((h["x"] * TILE + band[0]) * SUB, y0 * SUB, band[2] * SUB, hgt * SUB)
    hx, hy, hw, hh = HAZARD_BOX
    return ((h["x"] * TILE + hx) * SUB, (h["y"] * TILE + hy) * SUB, hw * SUB, hh * SUB)


def _start_state(level: dict, cfg: dict) -> list[int]:
    sx, sy = level["start"]
    return [int(sx) * SUB, int(sy) * SUB, 0, cfg["jumps"], cfg["coyote_frames"], 1]


def _macros(sim: _Sim) -> list[tuple[str, int, int, str]]:
    """(kind, pre_dir, air_dir, air_jumps) — see _run_macro."""
    jumps = sim.cfg["jumps"]
    scheds = ["none", "apex"] if jumps > 1 else ["none"]
    out: list[tuple[str, int, int, str]] = []
    if sim.runner:
        out.append(("walk", 1, 1, "none"))
        for s in scheds:
            out.append(("edge", 1, 1, s))
            out.append(("jump", 0, 1, s))
            out.append(("jump_half", 1, 1, s))
        if jumps > 1:
            out.append(("jump", 0, 1, "early"))
            out.append(("edge", 1, 1, "late"))
        return out + _band_macros(sim.cfg)
    for d in (1, -1):
        for s in scheds:
            out.append(("edge", d, d, s))
    for s in scheds:
        for air in ("R", "L", "0", "0R", "0L"):
            out.append(("jump", 0, {"R": 1, "L": -1, "0": 0, "0R": 2, "0L": -2}[air], s))
    out.append(("walk", 1, 0, "none"))
    out.append(("walk", -1, 0, "none"))
    return out + _band_macros(sim.cfg)


def _band_macros(cfg: dict) -> list[tuple[str, int, int, str]]:
    """Where the GDD asks for them: a tile walked crouching, and short hops (the jump key held a few
    frames, steering right). Games without them keep the macros, and so the proofs, they always had."""
    out: list[tuple[str, int, int, str]] = []
    if cfg.get("duck"):
        out.append(("duckwalk", 1, 0, "none"))
    if cfg.get("bands"):
        hop = int(cfg["bands"].get("boxes", {}).get("hop") or 0)
        out += [("hop", 0, 1, str(k)) for k in sorted(set(HOPS) | ({hop} if hop else set()))]
    return out


def _run_macro(sim: _Sim, st0: list[int], macro: tuple[str, int, int, str]):
    """Simulate one macro from a grounded state. Returns (outcome, state, inputs)
    with outcome 'land' | 'goal' | None (died / went nowhere). An input is (dir, keys): keys 1 = jump
    held, 2 = Down held (crouching), 0 = neither."""
    kind, pre_dir, air_dir, sched = macro
    cfg = sim.cfg
    st = list(st0)
    inputs: list[tuple[int, int]] = []  # (dir, held) per frame
    walk_frames = -(-TS // sim.run)
    # The previous macro may have ended with jump held: a new jump needs a release frame first.
    held_prev = True
    jumped = False
    apex_seen = False
    air_t = 0
    for t in range(MAX_MACRO_FRAMES):
        held = False
        direction = 0
        if not jumped:
            if kind in ("walk", "duckwalk"):
                direction = pre_dir if t < walk_frames else (1 if sim.runner else 0)
            elif kind in ("jump", "hop"):
                direction = 1 if sim.runner else 0
                if t >= 1:
                    jumped = True
            elif kind == "jump_half":
                direction = pre_dir
                if t >= walk_frames // 2:
                    jumped = True
            elif kind == "edge":
                direction = pre_dir
                if t > walk_frames * 6:
                    return None, st, inputs
                probe = list(st)
                physics_step(sim.grid, cfg, sim.run, probe, direction, False, False)
                if not probe[5] and t >= 1:
                    jumped = True
            if jumped:
                held = True
                air_t = 0
        if jumped:
            # steering in the air
            if air_dir in (2, -2):
                direction = (air_dir // 2) if apex_seen else 0
            else:
                direction = air_dir
            held = air_t < int(sched) if kind == "hop" else True
            if air_t > 0 and st[3] > 0 and sched != "none" and kind != "hop":
                want = False
                if sched == "apex" and st[2] >= 0:
                    want = True
                elif sched == "early" and st[2] >= -cfg["jump_sub"] // 2:
                    want = True
                elif sched == "late" and st[2] >= cfg["max_fall_sub"] // 2:
                    want = True
                if want and held_prev:
                    held = False  # release one frame so the next frame is a fresh press
            air_t += 1
        pressed = held and not held_prev
        duck = kind == "duckwalk"
        x_before = st[0]
        ducking = physics_step(sim.grid, cfg, sim.run, st, direction, held, pressed, duck)
        inputs.append((direction, 1 if held else 2 if duck else 0))
        held_prev = held
        if st[2] >= 0 and jumped and air_t > 1:
            apex_seen = True
        if sim.won(st):
            return "goal", st, inputs
        if sim.dead(st, ducking) or sim.crashed(x_before, st):
            return None, st, inputs
        if st[5]:
            if jumped and air_t > 1:
                return "land", st, inputs
            if kind in ("walk", "duckwalk") and t >= walk_frames - 1:
                return "land", st, inputs
    return None, st, inputs


def _key(sim: _Sim, st: list[int]) -> tuple[int, int]:
    return ((st[0] + sim.pw // 2) // TS, (st[1] + sim.ph) // TS)


def solve(level: dict, config: dict) -> dict | None:
    """Best-first search over grounded states with real physics; None when the goal is unreachable."""
    try:
        sim = _Sim(level, config)
        st0 = _start_state(level, config)
    except (KeyError, TypeError, ValueError, IndexError):
        return None
    if sim.goal is None or sim.run <= 0:
        return None
    wait = int(config.get("runner_start_freeze", 0)) if sim.runner else 0
    # settle on the ground first (the game starts with the player standing)
    start_inputs: list[tuple[int, int]] = []
    for _ in range(4):
        physics_step(sim.grid, config, sim.run, st0, 1 if sim.runner else 0, False, False)
        start_inputs.append((1 if sim.runner else 0, 0))
    if sim.won(st0):
        return _proof(level, start_inputs, [_key(sim, st0)], 0, wait)
    if sim.dead(st0) or not st0[5]:
        return None
    macros = _macros(sim)
    counter = 0
    start_key = _key(sim, st0)
    parents: dict[tuple[int, int], tuple[tuple[int, int] | None, list[tuple[int, int]]]] = {start_key: (None, start_inputs)}
    heap = [(-st0[0], counter, start_key, st0)]
    expanded = 0
    while heap:
        _, _, key, st = heapq.heappop(heap)
        expanded += 1
        if expanded > 6000:
            return None
        for macro in macros:
            outcome, end, inputs = _run_macro(sim, st, macro)
            if outcome is None:
                continue
            if outcome == "goal":
                chain = [inputs]
                keys = [key]
                k: tuple[int, int] | None = key
                while k is not None:
                    parent, ins = parents[k]
                    chain.append(ins)
                    if parent is not None:
                        keys.append(parent)
                    k = parent
                flat = [i for part in reversed(chain) for i in part]
                return _proof(level, flat, list(reversed(keys)), expanded, wait)
            nk = _key(sim, end)
            if nk in parents:
                continue
            parents[nk] = (key, inputs)
            counter += 1
            heapq.heappush(heap, (-end[0], counter, nk, end))
    return None


def _proof(level: dict, inputs: list[tuple[int, int]], keys: list[tuple[int, int]], expanded: int,
           wait: int = 0) -> dict:
    rle: list[list[int]] = []
    for d, h in inputs:
        if rle and rle[-1][0] == d and rle[-1][1] == h:
            rle[-1][2] += 1
        else:
            rle.append([d, h, 1])
    # wait: frames at the level start during which the game ignores input (the runner's "ready")
    return {"steps": len(inputs), "inputs": rle, "path": [list(k) for k in keys], "expanded": expanded,
            "wait": wait}


# ---- generator -----------------------------------------------------------------------------------

def _pick_slugs(entries: list[LevelEntity], total: int, rng: random.Random) -> list[LevelEntity]:
    """`total` entries, each kind as often as its GDD count says (at least once)."""
    if not entries or total <= 0:
        return []
    pool: list[LevelEntity] = []
    for e in entries:
        pool.extend([e] * max(1, int(e.count or 1)))
    rng.shuffle(pool)
    return [pool[i % len(pool)] for i in range(total)]


def generate(req: LevelRequest, config: dict, rng: random.Random) -> dict:
    """One level. Width, gap size, climbs, hazards and enemies grow with req.difficulty."""
    if config.get("dash"):
        from maestro.genres.platformer import dash

        return dash.generate(req, config, rng)
    runner = config.get("mode") == "runner"
    diff = max(1.0, float(req.difficulty or 1.0))
    index = int(req.index)
    run = int(config["run_sub"])
    if runner:
        run = min(_rnd(run * (1.0 + config.get("runner_speedup", 0.0) * index)), 10 * SUB)
    height_px, dist_px = jump_reach(config, run)
    # Proven reach with a margin: gaps in whole tiles the full jump clears from the edge.
    # An edge jump clears a gap of (arc distance + player width) less a margin.
    safe_gap = max(1, (dist_px + PLAYER_W - 10) // TILE)
    safe_up = max(1, (height_px - 4) // TILE)
    gap_max = int(_clamp(1 + int(diff), 1, safe_gap))
    up_max = int(_clamp(1 + int(diff // 1.5), 1, min(safe_up, 4)))

    if runner:
        width = max(int(_clamp(110 + (diff - 1.0) * 40, 110, 260)), timed_width(config, run))
    else:
        width = int(_clamp(60 + (diff - 1.0) * 20, 60, 140))
    ground_level = 14
    heights: list[int | None] = [None] * width  # surface row per column, None = pit
    platforms: list[tuple[int, int, int]] = []  # (x0, x1 exclusive, row)
    hazards: list[dict] = []
    flats: list[tuple[int, int, int]] = []  # stretches for enemies (x0, x1 excl, row)
    arcs: list[tuple[int, int, int]] = []  # gap arcs for coins: (edge x tile, row, width)

    hazard_slugs = [h.slug for h in req.hazards if h.slug] or ["spikes"]
    bands = config.get("bands") or {}
    if bands:  # the terrain's own spikes are the ground band's; the others come in _place_bands
        band_of = bands.get("slugs") or {}
        hazard_slugs = [h for h in hazard_slugs if band_of.get(h, "ground") == "ground"] or ["spikes"]
    placed = [0]

    def next_hazard() -> str:
        """Every hazard the GDD names, in turn (a random pick left some out of every level). The
        seeded pick is still drawn, so the level's layout stays the one the seed always gave."""
        rng.choice(hazard_slugs)
        slug = hazard_slugs[(placed[0] + req.index) % len(hazard_slugs)]
        placed[0] += 1
        return slug

    def ground(x0: int, n: int, row: int) -> None:
        for c in range(x0, min(width, x0 + n)):
            heights[c] = row

    start_len = 6
    ground(0, start_len, ground_level)
    x = start_len
    row = ground_level
    end_len = 8
    spike_chance = 0.0 if diff < 1.4 else min(0.55, 0.15 + 0.12 * (diff - 1))
    if runner:
        spike_chance = min(0.6, 0.25 + 0.1 * (diff - 1))
    while x < width - end_len - 2:
        kind = rng.random()
        if kind < 0.45:
            # gap then ground at a new height
            gap = rng.randint(1, gap_max)
            dh = rng.randint(-2, up_max)
            if gap >= safe_gap - 0 and dh > 0:
                dh = 0  # the widest gaps only at the same height or lower
            new_row = int(_clamp(row - dh, 8, 15))
            arcs.append((x, row, gap))
            x += gap
            row = new_row
            n = rng.randint(4, 8) if runner else rng.randint(3, 9)
            ground(x, n, row)
            if n >= 7 and rng.random() < spike_chance:
                c = x + rng.randint(3, n - 3)
                hazards.append({"x": c, "y": row - 1, "slug": next_hazard()})
            elif n >= 5:
                flats.append((x, x + n, row))
            x += n
        elif kind < 0.65 and not runner or kind < 0.55 and runner:
            # flat stretch, maybe with spikes to jump over
            n = rng.randint(5, 10)
            ground(x, n, row)
            spikes_here = n >= 6 and rng.random() < spike_chance * 1.6
            if spikes_here:
                w = 1 if diff < 2.5 else rng.randint(1, 2)
                sx = x + rng.randint(2, n - w - 2)
                for c in range(sx, sx + w):
                    hazards.append({"x": c, "y": row - 1, "slug": next_hazard()})
            else:
                flats.append((x, x + n, row))
            x += n
        elif kind < 0.82 and not runner:
            # step up or down without a gap
            dh = rng.choice([d for d in range(-2, up_max + 1) if d != 0] or [1])
            row = int(_clamp(row - dh, 8, 15))
            n = rng.randint(3, 7)
            ground(x, n, row)
            x += n
        else:
            # a pit crossed on floating platforms
            pit = rng.randint(3, 4) + min(3, int(diff))
            xs = x
            px = x + rng.randint(1, min(gap_max, 2))
            prow = row
            last_end = x
            while px < xs + pit - 1:
                plen = rng.randint(2, 4)
                prow = int(_clamp(prow - rng.randint(-1, min(up_max, 2)), max(7, row - 4), row))
                if runner:
                    prow = int(_clamp(prow, row - 2, row))
                platforms.append((px, min(px + plen, xs + pit), prow))
                last_end = min(px + plen, xs + pit)
                px = last_end + rng.randint(1, min(gap_max, 2))
            arcs.append((last_end, prow, max(1, xs + pit - last_end)))
            x = xs + pit
            row = int(_clamp(prow + rng.randint(0, 1), 8, 15))
            n = rng.randint(4, 7)
            ground(x, n, row)
            x += n
    # finish: flat run with the flag
    ground(x, width - x, row)
    goal_x = width - 4
    goal = {"x": goal_x, "y": row - 1, "slug": req.goal.slug if req.goal else "flag"}
    # the finish stretch must be one height up to the level end
    for c in range(x, width):
        heights[c] = row

    if bands:
        _place_bands(heights, hazards, bands, diff, index, goal_x, rng, bool(config.get("duck")))
        # enemies patrol elsewhere: under a hanging obstacle a stomp's bounce would meet its thread
        banded = {h["x"] for h in hazards if h.get("band")}
        flats = [f for f in flats if not banded & set(range(f[0] - 1, f[1] + 1))]

    # grid rows
    grid = [["."] * width for _ in range(ROWS)]
    for c, h in enumerate(heights):
        if h is None:
            continue
        for r in range(h, ROWS):
            grid[r][c] = "#"
    for x0, x1, prow in platforms:
        for c in range(x0, x1):
            grid[prow][c] = "="
    rows = ["".join(r) for r in grid]

    start = [2 * TILE + (TILE - PLAYER_W) // 2, ground_level * TILE - PLAYER_H]
    # checkpoints: the second tile of every ground run (the player respawns there after a loss)
    hazard_cols = {hz["x"] for hz in hazards}
    checkpoints = []
    for c in range(1, goal_x - 2):
        if heights[c] is not None and heights[c - 1] is None and heights[c + 1] == heights[c] \
                and heights[c + 2] == heights[c] and not hazard_cols & {c, c + 1, c + 2}:
            checkpoints.append([(c + 1) * TILE + (TILE - PLAYER_W) // 2, heights[c] * TILE - PLAYER_H])
    checkpoints.insert(0, list(start))

    # enemies on flat stretches (never in the first screen)
    enemy_total = req.enemy_count
    if enemy_total is None:
        enemy_total = sum(int(e.count or 0) for e in req.enemies) or int(round(1 + diff * 1.5))
    if not req.enemies:
        enemy_total = 0
    enemy_total = int(_clamp(enemy_total + int((diff - 1) * 1.5), 0, 30))
    spots = [f for f in flats if f[0] >= 10 and f[1] <= goal_x - 2]
    for x0, x1, prow in platforms:
        if x1 - x0 >= 4:
            spots.append((x0, x1, prow))
    rng.shuffle(spots)
    enemies: list[dict] = []
    for e, spot in zip(_pick_slugs(req.enemies, enemy_total, rng), spots):
        x0, x1, prow = spot
        speed = config["enemy_speed"] * float(e.speed or 1.0) * (1.0 + 0.1 * (diff - 1))
        behavior = e.behavior or "walker"
        ex = rng.randint(x0, x1 - 1) * TILE
        ey = prow * TILE - TILE
        if behavior == "flyer":
            ey -= 2 * TILE
        enemies.append({"x": ex, "y": ey, "slug": e.slug, "behavior": behavior, "min": x0 * TILE,
                        "max": x1 * TILE - TILE, "speed": round(_clamp(speed, 10.0, 160.0), 2),
                        "points": int(config["enemy_points"])})

    # items: above the ground, over the gaps along the jump arc, on platforms
    item_entries = req.items or [LevelEntity(slug="coin", points=config["item_points"])]
    target = int(config.get("collect_target") or 0)
    want = req.item_count
    if want is None:
        want = sum(int(i.count or 0) for i in item_entries) or int(6 + 3 * diff)
    want = int(_clamp(max(int(want), target), 1, 80))
    taken: set[tuple[int, int]] = {(h["x"] * TILE, h["y"] * TILE) for h in hazards}
    spots_px: list[tuple[int, int]] = []

    def add(px: int, py: int) -> None:
        if (px, py) not in taken and 0 <= px < (width - 1) * TILE and TILE <= py < ROWS * TILE:
            c, r = px // TILE, py // TILE
            if grid[r][c] not in "#=":
                taken.add((px, py))
                spots_px.append((px, py))

    for ex, erow, gw in arcs:  # coins over gaps: a hump one tile above the take-off row
        for k in range(gw + 2):
            lift = 2 if 0 < k < gw + 1 else 1
            add((ex - 1 + k) * TILE, (erow - 1 - lift) * TILE)
    for x0, x1, prow in platforms:
        for c in range(x0, x1):
            add(c * TILE, (prow - 1) * TILE)
    flat_cols = [c for c in range(4, goal_x - 1) if heights[c] is not None]
    rng.shuffle(flat_cols)
    for c in flat_cols:
        add(c * TILE, (heights[c] - 1) * TILE)  # type: ignore[operator]
    spots_px = spots_px[: max(want, 1)]
    if len(spots_px) < want:
        want = len(spots_px)
    spots_px.sort()
    items = []
    for (px, py), entry in zip(spots_px, _pick_slugs(item_entries, len(spots_px), rng)):
        items.append({"x": px, "y": py, "slug": entry.slug,
                      "points": int(entry.points or config["item_points"])})

    level = {
        "mode": "runner" if runner else "levels",
        "width": width,
        "height": ROWS,
        "rows": rows,
        "start": start,
        "goal": goal,
        "items": items,
        "enemies": enemies,
        "hazards": hazards,
        "checkpoints": checkpoints,
        "run": run,
        "collect_target": min(target, len(items)) if target else 0,
        "gap_max": gap_max,
        "climb_max": up_max,
    }
    if config.get("grow"):
        level["grows"] = _grow_spots(heights, hazards, items, goal_x)
    return level


# Banded groups: which bands come together, and where (columns after the group's first).
_PAIRS = (("ground", "head"), ("ground", "overhead"), ("head", "overhead"))
_PAIR_OFFSET = {("ground", "head"): (0, 3), ("ground", "overhead"): (0, 0), ("head", "overhead"): (0, 0)}


def _place_bands(heights: list[int | None], hazards: list[dict], bands: dict, diff: float, index: int, goal_x: int,
                 rng: random.Random, duck: bool) -> None:
    """Obstacles in height bands on flat ground, alone or in pairs, from the GDD's own obstacles (cfg
    bands "slugs"): more of them, closer together and more often paired from level to level. A head-high
    obstacle under a hanging one can only be crouched under, so that pair comes only with crouching."""
    by_band = {b: sorted(s for s, v in (bands.get("slugs") or {}).items() if v == b) for b in BANDS}
    if not by_band["ground"]:
        by_band["ground"] = sorted({h["slug"] for h in hazards})[:1] or ["spikes"]
    singles = [(b,) for b in BANDS if by_band[b]]
    pairs = [p for p in _PAIRS if all(by_band[b] for b in p) and (duck or p != ("head", "overhead"))]
    p_group = min(0.9, 0.5 + 0.1 * (diff - 1) + 0.05 * index)
    p_pair = min(0.75, 0.35 + 0.1 * (diff - 1) + 0.05 * index)
    spacing = max(3, 8 - int(diff) - index)  # free columns after a group
    near = {h["x"] for h in hazards}
    c = 12
    while c < goal_x - 8:
        group = rng.choice(pairs) if pairs and rng.random() < p_pair else rng.choice(singles)
        offsets = _PAIR_OFFSET.get(group, (0,))  # type: ignore[arg-type]
        span = range(c - 2, c + max(offsets) + 3)  # flat ground from 2 columns before to 2 after
        row = heights[c]
        if row is None or any(heights[k] != row for k in span) or near & set(span) or rng.random() >= p_group:
            c += 1
            continue
        for band, dx in zip(group, offsets):
            box = "overhead_low" if group == ("head", "overhead") and band == "overhead" else band
            hazards.append({"x": c + dx, "y": row - 1, "slug": rng.choice(by_band[band]), "band": box})
        c += max(offsets) + spacing + 1


def _grow_spots(heights: list[int | None], hazards: list[dict], items: list[dict], goal_x: int) -> list[dict]:
    """One grow power-up early in the level, on the ground where nothing else is: the first column from
    the fifth on with ground under it and no hazard or item in its cell. Chosen without the rng, so the
    rest of the level is the one the seed always gave."""
    used = {(h["x"], h["y"]) for h in hazards} | {(it["x"] // TILE, it["y"] // TILE) for it in items}
    for c in range(4, max(4, goal_x - 2)):
        row = heights[c]
        if row is not None and (c, row - 1) not in used:
            return [{"x": c * TILE, "y": (row - 1) * TILE, "slug": "grow"}]
    return []


def describe(level: dict) -> str:
    rows = level.get("rows") or []
    width = level.get("width") or (len(rows[0]) if rows else 0)
    pits = 0
    if rows:
        bottom = rows[-1]
        pits = sum(1 for i, c in enumerate(bottom) if c == "." and (i == 0 or bottom[i - 1] != "."))
    return (f"{width}x{len(rows)} {level.get('mode', 'levels')} platformer, {pits} pits, "
            f"{len(level.get('hazards', []))} hazards, {len(level.get('enemies', []))} enemies, "
            f"{len(level.get('items', []))} items, max gap {level.get('gap_max', '?')}")
