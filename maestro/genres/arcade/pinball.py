"""The arcade family's pinball mode: a tilted table seen from above, its rules, the table generator and
the solver that proves a table's target score can be reached.

Gravity pulls the ball down the table; two flippers at the bottom (Left / Right) bat it back up; a
plunger in the lane on the right launches each ball (Space / Enter held pulls it back, released shoots:
the longer the pull, the harder); bumpers kick the ball away and score; a bank of drop targets drops one
by one and, cleared, gives a bonus and stands up again; slingshots above the flippers kick; the drain
between the flippers loses the ball. Reaching the table's target score (this level's own points) wins
it; the last ball drained loses the game. Later tables are steeper, kick harder and ask for more.

Integer arithmetic only, positions in 1/1024 px (``PU``), velocities in units per sub-step, ``SUB``
sub-steps a frame: the same rules as ``pinball*`` in ``maestro/genres/arcade/arcade.js``. All geometry
(walls, slingshots, bumpers, targets, the flippers' angle tables) is integers in the level, so the JS
never computes a sine. One frame (``PinballSim.step``):

1. input: each flipper aims up while its key is held, down otherwise; with the ball on the plunger,
   ``action`` held pulls it back one notch a frame (up to ``PULL_MAX``) and its release launches the
   ball at ``launch + notches * launch_step`` units a sub-step, straight up the lane;
2. ``SUB`` times: each flipper turns one step of its angle table towards its aim; the ball (unless it
   rests on the plunger) gains ``gravity``, is held to ``VMAX``, moves, and is pushed out of every
   collider it overlaps, in order: walls, slingshots, bumpers, standing targets, flippers
   (``collide``: circle against a capsule, reflected with the collider's restitution, plus its kick
   (slingshots, bumpers) or its surface's speed (a turning flipper));
3. a ball below ``DRAIN_Y`` is drained: a ball lost (the last one loses) and the next waits on the plunger;
4. a cleared target bank stands up again ``RESET_FRAMES`` after its bonus; the frame counter advances;
   the level's score at its ``target`` wins.

The speed cap and the sub-steps keep the ball from tunnelling: a ball moves at most ``VMAX`` (3 px) a
sub-step and a flipper's tip at most one step of its table (about 2.3 px), less than the 6 px between
the ball's centre and any collider's core when they touch.

Level format: ``{"mode": "pinball", "gravity", "target", "walls", "slings", "bumpers", "targets",
"flippers": [{"x", "y", "tips": [[dx, dy], ...]}, left, right], "lane": [x, plunger y, wall x],
"launch", "launch_step", "points": {bumper, sling, target, bonus}, "kick", "sling_kick",
"bumper_kinds", "target_kinds"}`` (segments ``[ax, ay, bx, by]``, bumpers ``[x, y, r]``, units).
"""

from __future__ import annotations

import math
import random
import re
from typing import Any, Callable

from maestro.spec import GameSpec, LevelRequest

PU = 1024  # units a pixel
SUB = 4  # sub-steps a frame
BALL_R = 4 * PU
VMAX = 3 * PU  # units a sub-step (12 px a frame)
NQ = 1024  # a unit normal's length
TQ = 4096  # where along a segment, in 1/TQ of it
E_DEN = 16  # restitutions are in sixteenths
E_WALL, E_FLIP, E_TARGET = 9, 5, 8
WALL_R, SLING_R, TARGET_R, FLIP_R = 1 * PU, 2 * PU, 2 * PU, 4 * PU
FLIP_STEPS = 16  # a flipper's angle table: rest (0) to up (FLIP_STEPS), one step a sub-step
FLIP_LEN = 36
PULL_MAX = 30
RESET_FRAMES = 60
DRAIN_Y = 274 * PU
MID_X = 230  # the lower table's middle (px): the drain
PIVOT_Y = 232
LANE_X, PLUNGER_Y, LANE_WALL = 336, 256, 326  # px
ZONE_Y = 176 * PU  # the solver's flipper zone: below this line ...
ZONE_X = (150 * PU, 310 * PU)  # ... and between these
SEARCH_FRAMES = 250_000  # frames the solver simulates before a table is called unwinnable (about 25 s)
IDLE_RUN = 3  # choices in a row that score nothing before the search cuts that line

_SCORE = re.compile(r"\b(?:reach|score|get|earn|make)\w*\s+(?:at least\s+|a score of\s+)?(\d{3,6})\s*(?:points?|pts)\b",
                    re.I)
_PINBALL_WORDS = re.compile(r"\bpinball\b|\bflippers?\b|\bplunger\b", re.I)


def wants_pinball(text: str) -> bool:
    """The words of a pinball table: "pinball", "flippers", "plunger"."""
    return bool(_PINBALL_WORDS.search(text or ""))


def _clamp(v: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, v))


def _kinds(ents: list[Any]) -> list[dict[str, str]]:
    return [{"slug": e.slug, "name": e.name} for e in ents[:4]]


_THE_BALL = re.compile(r"\bthe (?:pin)?ball\b", re.I)
_BUMPS = re.compile(r"\bbump\w*|\bbounc\w*|\bkicks?\b|\brepel\w*", re.I)


def _character(spec: GameSpec, pattern: re.Pattern[str]) -> str:
    """The name of a character the GDD describes in ``pattern``'s words (not an entity of the spec)."""
    for r in spec.requirements:
        if r.id.startswith("character:") and ":" in r.summary and pattern.search(r.words or ""):
            return r.summary.split(":", 1)[1].strip()
    return ""


def config_extra(spec: GameSpec, text: str, is_ball: Callable[[Any], bool]) -> dict[str, Any]:
    """The pinball tunables: the first table's target (the GDD's "reach N points" where it says one);
    the ball (the GDD's item that is one, else the player, wearing its sprite); the bumpers (its enemies
    and hazards, else a character that bumps or bounces, by name) and the drop targets (its other
    items), each wearing their sprites on the table."""
    m = _SCORE.search(text)
    balls = [e for e in spec.items if is_ball(e) or _THE_BALL.search(e.description or "")]
    ball = balls[0] if balls else spec.player
    bumpers = _kinds([*spec.enemies, *spec.hazards])
    targets = _kinds([e for e in spec.items if e not in balls])
    return {
        "target_score": _clamp(int(m.group(1)), 500, 50000) if m else 0,  # 0: the table's own
        "ball_slug": ball.slug, "ball_name": ball.name if ball.name and ball is not spec.player else "Ball",
        "bumper_kinds": bumpers, "target_kinds": targets,
        "bumper_name": bumpers[0]["name"] if bumpers else _character(spec, _BUMPS) or "Bumper",
        "target_name": targets[0]["name"] if targets else "Drop target",
    }


# ---- the simulation ------------------------------------------------------------------------------


def collide(b: list[int], ax: int, ay: int, bx: int, by: int, r: int, e: int, kick: int,
            svx: int = 0, svy: int = 0) -> int:
    """Push the ball ``b`` = [x, y, vx, vy] out of the capsule (segment a-b, radius ``r``) it overlaps
    and reflect it: restitution ``e`` sixteenths, plus ``kick`` units along the normal, relative to a
    surface moving (``svx``, ``svy``). 0: no contact; 1: touching, moving away; 2: a hit."""
    x, y = b[0], b[1]
    rr = BALL_R + r
    if x < min(ax, bx) - rr or x > max(ax, bx) + rr or y < min(ay, by) - rr or y > max(ay, by) + rr:
        return 0
    dx, dy = bx - ax, by - ay
    l2 = dx * dx + dy * dy
    dot = (x - ax) * dx + (y - ay) * dy
    tq = 0 if l2 == 0 or dot <= 0 else TQ if dot >= l2 else dot * TQ // l2
    cx, cy = ax + dx * tq // TQ, ay + dy * tq // TQ
    ex, ey = x - cx, y - cy
    d2 = ex * ex + ey * ey
    if d2 >= rr * rr:
        return 0
    if d2 == 0:  # dead centre: out along the segment's left normal (up, for a flat one)
        ex, ey = (dy, -dx) if l2 else (0, -1)
        d = math.isqrt(ex * ex + ey * ey)
    else:
        d = math.isqrt(d2)
    nx, ny = ex * NQ // d, ey * NQ // d
    b[0], b[1] = cx + nx * rr // NQ, cy + ny * rr // NQ
    vn = ((b[2] - svx) * nx + (b[3] - svy) * ny) // NQ
    if vn >= 0:
        return 1
    j = (-vn) * (E_DEN + e) // E_DEN + kick
    b[2] += nx * j // NQ
    b[3] += ny * j // NQ
    return 2


def cap(b: list[int]) -> None:
    """Hold the ball's speed to VMAX."""
    s2 = b[2] * b[2] + b[3] * b[3]
    if s2 > VMAX * VMAX:
        s = math.isqrt(s2)
        b[2], b[3] = b[2] * VMAX // s, b[3] * VMAX // s


class PinballSim:
    """One table played by the rules of the module docstring (arcade.js's ``pinballTick``)."""

    mode = "pinball"

    def __init__(self, level: dict[str, Any], config: dict[str, Any], lives: int | None = None) -> None:
        self.lives = int(lives if lives is not None else config.get("lives", 3))
        self.status, self.f, self.score, self.lost = "playing", 0, 0, 0
        self.gravity, self.target = int(level["gravity"]), int(level["target"])
        self.walls = [tuple(int(v) for v in s) for s in level["walls"]]
        self.slings = [tuple(int(v) for v in s) for s in level["slings"]]
        self.bumpers = [tuple(int(v) for v in s) for s in level["bumpers"]]
        self.targets = [tuple(int(v) for v in s) for s in level["targets"]]
        self.flips = [(int(fl["x"]), int(fl["y"]), [(int(t[0]), int(t[1])) for t in fl["tips"]])
                      for fl in level["flippers"]]
        self.lane_x, self.plunger_y, self.lane_wall = (int(v) for v in level["lane"])
        self.launch, self.launch_step = int(level["launch"]), int(level["launch_step"])
        self.kick, self.sling_kick = int(level["kick"]), int(level["sling_kick"])
        pts = level["points"]
        self.p_bumper, self.p_sling = int(pts["bumper"]), int(pts["sling"])
        self.p_target, self.p_bonus = int(pts["target"]), int(pts["bonus"])
        self.up = [1] * len(self.targets)
        self.reset_in = 0
        self.ang = [0, 0]  # each flipper's step in its table
        self.pull = 0
        self.hits = {"bumper": 0, "sling": 0, "target": 0, "bonus": 0, "flipper": 0}
        self.events: list[str] = []
        self.ball = [0, 0, 0, 0]
        self.ready = True
        self.rest()

    def clone(self) -> "PinballSim":
        twin = object.__new__(PinballSim)
        twin.__dict__.update(self.__dict__)
        twin.up, twin.ang, twin.ball = self.up[:], self.ang[:], self.ball[:]
        twin.hits = dict(self.hits)
        twin.events = []
        return twin

    def rest(self) -> None:
        """The ball waits on the plunger."""
        self.ball = [self.lane_x, self.plunger_y, 0, 0]
        self.ready, self.pull = True, 0

    # ---- one sub-step ---------------------------------------------------------------------------
    def _substep(self, aim: tuple[bool, bool]) -> None:
        turned = []
        for i in (0, 1):
            a0 = self.ang[i]
            a1 = min(FLIP_STEPS, a0 + 1) if aim[i] else max(0, a0 - 1)
            self.ang[i] = a1
            turned.append(a0)
        if self.ready:
            return
        b = self.ball
        b[3] += self.gravity
        cap(b)
        b[0] += b[2]
        b[1] += b[3]
        if b[0] > self.lane_wall and b[1] >= self.plunger_y and b[3] >= 0:
            self.rest()  # down the lane onto the plunger: it waits there for a launch
            return
        for s in self.walls:
            collide(b, s[0], s[1], s[2], s[3], WALL_R, E_WALL, 0)
        for s in self.slings:
            if collide(b, s[0], s[1], s[2], s[3], SLING_R, E_WALL, self.sling_kick) == 2:
                self.score += self.p_sling
                self.hits["sling"] += 1
                self.events.append("sling")
        for c in self.bumpers:
            if collide(b, c[0], c[1], c[0], c[1], c[2], E_WALL, self.kick) == 2:
                self.score += self.p_bumper
                self.hits["bumper"] += 1
                self.events.append("bumper")
        for k, s in enumerate(self.targets):
            if self.up[k] and collide(b, s[0], s[1], s[2], s[3], TARGET_R, E_TARGET, 0) == 2:
                self.up[k] = 0
                self.score += self.p_target
                self.hits["target"] += 1
                self.events.append("target")
                if not any(self.up):
                    self.score += self.p_bonus
                    self.hits["bonus"] += 1
                    self.events.append("bonus")
                    self.reset_in = RESET_FRAMES
        for i, (px, py, tips) in enumerate(self.flips):
            t0, t1 = tips[turned[i]], tips[self.ang[i]]
            # the surface's speed where the ball touches: the tip's move, scaled by how far out it is
            tq = self._along(px, py, t1)
            svx, svy = (t1[0] - t0[0]) * tq // TQ, (t1[1] - t0[1]) * tq // TQ
            if collide(b, px, py, px + t1[0], py + t1[1], FLIP_R, E_FLIP, 0, svx, svy) == 2:
                self.hits["flipper"] += 1
                self.events.append("flipper")

    def _along(self, px: int, py: int, tip: tuple[int, int]) -> int:
        """How far along a flipper (0..TQ) the ball's closest point is."""
        dx, dy = tip
        l2 = dx * dx + dy * dy
        dot = (self.ball[0] - px) * dx + (self.ball[1] - py) * dy
        return 0 if l2 == 0 or dot <= 0 else TQ if dot >= l2 else dot * TQ // l2

    # ---- one frame ---------------------------------------------------------------------------
    def step(self, held: set[str] | frozenset[str] = frozenset(), pressed: set[str] | frozenset[str] | None = None) -> None:
        self.events = []
        if self.status != "playing":
            return
        aim = ("left" in held, "right" in held)
        for i in (0, 1):
            if aim[i] and self.ang[i] == 0:
                self.events.append("flip")
        if self.ready:
            if "action" in held:
                self.pull = min(PULL_MAX, self.pull + 1)
            elif self.pull > 0:
                self.ball[3] = -(self.launch + self.pull * self.launch_step)
                self.ready, self.pull = False, 0
                self.events.append("launch")
        for _ in range(SUB):
            self._substep(aim)
        if not self.ready and self.ball[1] > DRAIN_Y:
            self.lives -= 1
            self.lost += 1
            self.events.append("drain")
            if self.lives <= 0:
                self.lives, self.status = 0, "lost"
                return
            self.rest()
        if self.reset_in > 0:
            self.reset_in -= 1
            if self.reset_in == 0:
                self.up = [1] * len(self.targets)
        self.f += 1
        if self.score >= self.target:
            self.status = "won"


def replay(level: dict[str, Any], config: dict[str, Any], inputs: list[list[Any]], lives: int | None = None,
           limit: int | None = None) -> PinballSim:
    """Play a proof (``inputs``: [frame, key, 1 down / 0 up], in order) to the end or the frame bound."""
    sim = PinballSim(level, config, lives)
    held: set[str] = set()
    i = 0
    bound = int(limit if limit is not None else config.get("max_frames", 180 * 60))
    while sim.status == "playing" and sim.f < bound:
        while i < len(inputs) and int(inputs[i][0]) <= sim.f:
            _, key, down = inputs[i]
            (held.add if down else held.discard)(str(key))
            i += 1
        sim.step(frozenset(held))
    return sim


# ---- the solver: flipper timing searched where the ball reaches the flippers --------------------


HOLD = 14  # frames a flip is held
DELAYS = (0, 3, 6, 9, 12, 16, 20)
PULLS = (30, 22, 14, 6)
SEGMENT_CAP = 900  # frames without a decision: the ball is stuck somewhere


def _in_zone(sim: PinballSim) -> bool:
    b = sim.ball
    return not sim.ready and b[1] > ZONE_Y and ZONE_X[0] < b[0] < ZONE_X[1] and b[3] >= 0


def _options(sim: PinballSim) -> list[tuple[str, int, int]]:
    """(key, wait, hold) choices at a decision: a pull of the plunger, or the near flipper after a wait."""
    if sim.ready:
        return [("action", 0, p) for p in PULLS]
    side = "left" if sim.ball[0] < MID_X * PU else "right"
    return [(side, d, HOLD) for d in DELAYS] + [("", 0, 0)]


def _play(sim: PinballSim, option: tuple[str, int, int], limit: int) -> tuple[PinballSim, list[list[Any]], str]:
    """Play one choice from a decision to the next decision (or the end): the sim after it, its inputs
    and how it ended: "won", "lost", "drained", "stuck" or "next". The next decision comes once the
    choice is played out and the ball is back on the plunger or falls in the flipper zone (for the
    choice of not flipping: once it has been out of the zone first)."""
    s = sim.clone()
    key, wait, hold = option
    start, drained, was_out = s.f, False, bool(key)
    inputs: list[list[Any]] = [[start + wait, key, 1], [start + wait + hold, key, 0]] if key else []
    while s.status == "playing" and s.f < limit:
        k = s.f - start
        down = bool(key) and wait <= k < wait + hold
        s.step(frozenset((key,)) if down else frozenset())
        drained = drained or "drain" in s.events
        if s.status != "playing":
            break
        if k + 1 > wait + hold:
            if drained:
                return s, inputs, "drained"
            zone = _in_zone(s)
            if s.ready or (zone and was_out):
                return s, inputs, "next"
            was_out = was_out or not zone
        if k > SEGMENT_CAP:
            return s, inputs, "stuck"
    if s.status == "won":
        return s, inputs, "won"
    return s, inputs, "lost" if s.status == "lost" else "stuck"


def _search(level: dict[str, Any], config: dict[str, Any], limit: int) -> tuple[list[list[Any]], PinballSim] | None:
    """A depth-first search over decisions (plunger pulls, flipper timings), the likeliest first: a
    choice that wins, then one that keeps the ball and scores (the most points first), then one that
    keeps it without scoring, then one that drains it while balls are left. A run of choices that score
    nothing is cut (the ball juggled on a flipper is no progress); the search gives up after
    ``SEARCH_FRAMES`` simulated frames. Returns the inputs that win and the end state."""
    root = PinballSim(level, config)
    budget = [SEARCH_FRAMES]
    # A launch from the plunger plays the same way from the same table (the targets standing): each is
    # tried once, or a weak pull that falls back into the lane would be tried for ever.
    launched: set[tuple[Any, ...]] = set()

    def children(s: PinballSim, idle: int) -> list[tuple[PinballSim, list[list[Any]], int]]:
        out: list[tuple[int, int, int, PinballSim, list[list[Any]], int]] = []
        for opt in _options(s):
            if s.ready:
                key = (opt[2], tuple(s.up), s.reset_in, s.ang[0], s.ang[1])
                if key in launched:
                    continue
                launched.add(key)
            child, inputs, how = _play(s, opt, limit)
            budget[0] -= child.f - s.f
            gain = child.score - s.score
            rank = {"won": 0, "next": 1 if gain > 0 else 2, "drained": 3}.get(how)
            if rank is None or (rank == 2 and idle >= IDLE_RUN):
                continue
            out.append((rank, -gain, len(out), child, inputs, 0 if gain > 0 else idle + 1))
        out.sort(key=lambda t: t[:3])
        return [(c[3], c[4], c[5]) for c in out]

    stack: list[tuple[list[list[Any]], list[tuple[PinballSim, list[list[Any]], int]]]] = [([], children(root, 0))]
    while stack and budget[0] > 0:
        path, kids = stack[-1]
        if not kids:
            stack.pop()
            continue
        child, inputs, idle = kids.pop(0)
        if child.status == "won":
            return path + inputs, child
        stack.append((path + inputs, children(child, idle)))
    return None


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A proof the table's target is reached before the balls run out: the flipper and plunger inputs
    (``inputs``: [frame, key, 1 down / 0 up]) found by the search, replayed by the rules to be sure."""
    try:
        limit = int(config.get("max_frames", 180 * 60))
        found = _search(level, config, limit)
        if found is None:
            return None
        inputs, end = found
        check = replay(level, config, inputs)
        if check.status != "won" or check.f != end.f or check.score != end.score:
            return None  # the search and the rules disagree: never claim a table we can't win
        return {"inputs": inputs, "steps": end.f, "frames": end.f, "score": end.score, "target": end.target,
                "balls_lost": end.lost, "bumpers": end.hits["bumper"], "bonuses": end.hits["bonus"]}
    except (KeyError, ValueError, TypeError, IndexError, ZeroDivisionError):
        return None


# ---- the table -----------------------------------------------------------------------------------


def _p(x: float, y: float) -> list[int]:
    return [int(round(x * PU)), int(round(y * PU))]


def _seg(a: tuple[float, float], b: tuple[float, float]) -> list[int]:
    return _p(*a) + _p(*b)


def _arch() -> list[list[int]]:
    """The top of the table: a half circle (15-degree chords) from the left wall over to the right."""
    pts = [(240 + 106 * math.cos(math.radians(180 + 15 * i)), 124 + 106 * math.sin(math.radians(180 + 15 * i)))
           for i in range(13)]
    pts = [(round(x), round(y)) for x, y in pts]
    return [_seg(pts[i], pts[i + 1]) for i in range(12)]


def _flipper(x: int, side: int, rest_deg: float, up_deg: float) -> dict[str, Any]:
    """A flipper pivoting at (x, PIVOT_Y): its tip at each step from rest to up (side -1 points left)."""
    tips = []
    for i in range(FLIP_STEPS + 1):
        a = math.radians(rest_deg + (up_deg - rest_deg) * i / FLIP_STEPS)
        tips.append([int(round(side * FLIP_LEN * math.cos(a) * PU)), int(round(FLIP_LEN * math.sin(a) * PU))])
    return {"x": x * PU, "y": PIVOT_Y * PU, "tips": tips}


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One table: the fixed frame (arch, walls, lane, inlanes, slingshots, flippers), three bumpers and a
    bank of drop targets placed with a little jitter; later tables steeper, with more bumpers, harder
    kicks and a higher target."""
    idx, d = int(req.index), float(req.difficulty)
    walls = _arch() + [
        _seg((134, 124), (134, 192)),  # the left wall
        _seg((346, 124), (346, 262)),  # the lane's outer wall
        _seg((LANE_WALL, 104), (LANE_WALL, 262)),  # the lane's inner wall
        _seg((LANE_WALL, 262), (346, 262)),  # under the plunger
        _seg((134, 192), (182, 228)),  # the inlanes, down onto the flippers
        _seg((LANE_WALL, 192), (278, 228)),
        # the slingshots' backs and undersides: a triangle above each inlane, the ball rolls under it
        _seg((152, 150), (152, 180)), _seg((152, 180), (172, 195)),
        _seg((308, 150), (308, 180)), _seg((308, 180), (288, 195)),
    ]
    slings = [_seg((152, 150), (172, 195)), _seg((308, 150), (288, 195))]
    n_bumpers = _clamp(3 + idx, 3, 5)
    spots = [(196, 84), (264, 84), (230, 122), (176, 124), (284, 124)][:n_bumpers]
    bumpers = [_p(x + rng.randint(-6, 6), y + rng.randint(-6, 6)) + [10 * PU] for x, y in spots]
    n_targets = _clamp(3 + idx // 2, 3, 4)
    ty = 158 + rng.randint(-4, 4)
    x0 = MID_X - (n_targets * 16 - 4) // 2
    targets = [_seg((x0 + 16 * k, ty), (x0 + 16 * k + 12, ty)) for k in range(n_targets)]
    flippers = [_flipper(MID_X - 44, 1, 30, -26), _flipper(MID_X + 44, -1, 30, -26)]
    base = int(config.get("target_score") or 0) or 6000
    target = int(base * (1.0 + 0.75 * idx + 0.3 * (d - 1.0)) // 100 * 100)
    # a GDD's time limit: no more points than the solver scores in two thirds of it (it makes 4 to 10
    # a frame; 3 leaves room)
    room = int(config.get("max_frames", 180 * 60)) * 2 // 3
    target = max(500, min(target, room * 3 // 100 * 100))
    bk, tk = len(config.get("bumper_kinds") or []), len(config.get("target_kinds") or [])
    return {
        "mode": "pinball", "gravity": _clamp(5 + idx + int(d - 1.0), 5, 8), "target": target,
        "walls": walls, "slings": slings, "bumpers": bumpers, "targets": targets, "flippers": flippers,
        "lane": [LANE_X * PU, PLUNGER_Y * PU, LANE_WALL * PU],
        "launch": 1800, "launch_step": 40,
        "kick": _clamp(1400 + 150 * idx, 1400, 2000), "sling_kick": 900 + 100 * idx,
        "points": {"bumper": 100, "sling": 10, "target": 200, "bonus": 1000 * (1 + idx)},
        # which of the GDD's kinds each bumper and target wears (drawing only; -1 plain)
        "bumper_kinds": [i % bk if bk else -1 for i in range(n_bumpers)],
        "target_kinds": [i % tk if tk else -1 for i in range(n_targets)],
    }


def describe(level: dict[str, Any]) -> str:
    return (f"pinball table to {level.get('target')} points, gravity {level.get('gravity')}, "
            f"{len(level.get('bumpers') or [])} bumpers, {len(level.get('targets') or [])} drop targets")
