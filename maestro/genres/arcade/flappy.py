"""The arcade family's one-button mode, "flappy" (Flappy Bird, the helicopter game): the rules, the
course generator and the solver.

A flyer stays at a fixed column while the course scrolls past it; gravity pulls it down and the one
button (Space / Up / a click or a tap) sets its climb speed at once. Each obstacle is a pair of pipes
(or the GDD's hazards) with a gap; passing a gap scores, touching a pipe or the ground costs a life and
starts the course again, and passing the last gap wins the level. Later courses have narrower gaps
and scroll faster.

Integer arithmetic only, positions in 1/16 px (``U``), the same rules as ``flappy*`` in
``maestro/genres/arcade/arcade.js``. One frame (``FlappySim.step``):

1. ``ready`` (the "get ready" pause at the start and after a crash): a flap ends it at once and is
   played this frame; else the timer runs down and nothing moves;
2. a flap sets ``vy = FLAP_V``; otherwise gravity adds ``GRAVITY`` up to ``MAX_FALL``; ``y += vy``;
   above the ceiling the flyer is held at it with ``vy = 0`` (the sky is not lethal);
3. the course scrolls ``speed`` units (``sx``); every gap whose right edge the flyer's left edge has
   reached is passed (``points`` each);
4. the flyer's box overlapping the ground or a pipe outside its gap is a crash: a life, and the
   course again from the start after ``ready``; no life left loses the game;
5. the frame counter advances; every gap passed wins the level.

Level format: ``{"mode": "flappy", "speed", "gap" (units high), "pipes": [[x, gap top], ...] (units,
on the course), "ready", "points", "kinds": [obstacle kind of each pipe, -1 plain]}``.
"""

from __future__ import annotations

import random
import re
from typing import Any

from maestro.spec import GameSpec, LevelRequest

U = 16
W, H, TOP = 480 * U, 270 * U, 16 * U
GROUND = 250 * U  # the ground's top edge
BIRD_X = 110 * U  # the flyer's left edge on screen (it never moves across)
BIRD = 12 * U  # its hit box, square
PIPE_W = 26 * U
GRAVITY = 5
FLAP_V = -84  # a flap: about 44 px of climb, the top of it 17 frames later
MAX_FALL = 120
READY = 60
FIRST_X = 340 * U  # the first pair of pipes: already in view while the course waits for the first flap
START_Y = TOP + (GROUND - TOP) // 2 - BIRD // 2
SEARCH_BUDGET = 150_000  # solver expansions before a course is called impossible

_NUM = r"(\d{1,3})"
_GAPS = re.compile(r"\b" + _NUM + r"\s+(?:\w+\s+){0,2}?(?:gaps?|pipes?|gates?|obstacles?|columns?|towers?|pillars?)\b", re.I)
_GAP_POINTS = re.compile(r"\b" + _NUM + r"\s*(?:points?|pts)\s+(?:for\s+)?(?:each|every|per|a)\b", re.I)
_PIPE_WORDS = re.compile(r"\b(?:pipes?|pillars?|columns?|towers?|poles?|posts?|gates?|chimneys?|spires?|trees?|"
                         r"stalactites?|stalagmites?|obstacles?)\b", re.I)
_FLAP_WORDS = re.compile(r"\bflappy\b|\bone[- ]button\b|\btap(?:s|ping)? to (?:flap|fly)\b|\bhelicopter game\b|"
                         r"\b(?:press|click|tap)\w* (?:\w+ ){0,3}to flap\b", re.I)


def wants_flappy(text: str) -> bool:
    """The words of a one-button flying game: "flappy", "one-button", "tap to flap", "helicopter game"."""
    return bool(_FLAP_WORDS.search(text or ""))


def _clamp(v: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, v))


def _obstacles(spec: GameSpec) -> tuple[list[dict[str, Any]], str]:
    """The kinds of obstacle on the course, each with its sprite (the GDD's hazards and enemies, those
    named like a pipe first; up to four, taking turns along the course), and the name a player reads
    for them: the first named like a pipe (an entity, else a character the GDD names like one), else
    the first kind, else "Pipe"."""
    ents = [*spec.hazards, *spec.enemies]
    ents.sort(key=lambda e: not _PIPE_WORDS.search(e.name))
    kinds = [{"slug": e.slug, "name": e.name} for e in ents[:4]]
    if kinds and _PIPE_WORDS.search(kinds[0]["name"]):
        return kinds, kinds[0]["name"]
    for r in spec.requirements:
        name = r.summary.split(":", 1)[1].strip() if r.id.startswith("character:") and ":" in r.summary else ""
        if name and _PIPE_WORDS.search(name):
            return kinds, name
    return kinds, kinds[0]["name"] if kinds else "Pipe"


def config_extra(spec: GameSpec, text: str) -> dict[str, Any]:
    """The flappy tunables: how many gaps a course has and what a gap scores (the GDD's numbers where
    it gives them), and the obstacles (``_obstacles``)."""
    m = _GAPS.search(text)
    pts = _GAP_POINTS.search(text)
    kinds, name = _obstacles(spec)
    return {
        "gaps": _clamp(int(m.group(1)), 3, 40) if m else 0,  # 0: the course grows with the level
        "gap_points": _clamp(int(pts.group(1)), 1, 10000) if pts else 1,
        "obstacles": kinds, "obstacle_name": name,
        "flyer_name": spec.player.name,
    }


# ---- the simulation ------------------------------------------------------------------------------


def fly(y: int, vy: int, flap: bool) -> tuple[int, int]:
    """The flyer's (y, vy) after one frame of flight (rule 2)."""
    vy = FLAP_V if flap else min(vy + GRAVITY, MAX_FALL)
    y += vy
    if y < TOP:
        y, vy = TOP, 0
    return y, vy


def passed_by(pipes: list[list[int]], sx: int, nxt: int) -> int:
    """The index of the first gap not yet passed once the course has scrolled ``sx`` (rule 3)."""
    while nxt < len(pipes) and sx + BIRD_X >= pipes[nxt][0] + PIPE_W:
        nxt += 1
    return nxt


def crashed(pipes: list[list[int]], gap: int, y: int, sx: int, nxt: int) -> bool:
    """The flyer's box touches the ground or a pipe outside its gap (rule 4)."""
    if y + BIRD > GROUND:
        return True
    left = sx + BIRD_X
    for px, gy in pipes[nxt:nxt + 2]:
        if left < px + PIPE_W and left + BIRD > px and (y < gy or y + BIRD > gy + gap):
            return True
    return False


class FlappySim:
    """One course played by the rules of the module docstring (arcade.js's ``flappyTick``)."""

    mode = "flappy"

    def __init__(self, level: dict[str, Any], config: dict[str, Any], lives: int | None = None) -> None:
        self.lives = int(lives if lives is not None else config.get("lives", 3))
        self.status, self.f, self.score, self.lost = "playing", 0, 0, 0
        self.speed, self.gap = int(level["speed"]), int(level["gap"])
        self.pipes = [[int(p[0]), int(p[1])] for p in level["pipes"]]
        self.ready_frames = int(level.get("ready", READY))
        self.points = int(level.get("points", config.get("gap_points", 1)))
        self.events: list[str] = []
        self.y = self.vy = self.sx = self.nxt = self.ready = 0
        self.reset()

    def reset(self) -> None:
        """The course from its start, the flyer waiting mid-air."""
        self.y, self.vy, self.sx, self.nxt, self.ready = START_Y, 0, 0, 0, self.ready_frames

    def step(self, held: set[str] | frozenset[str] = frozenset(), pressed: set[str] | frozenset[str] | None = None) -> None:
        self.events = []
        if self.status != "playing":
            return
        pressed = held if pressed is None else pressed
        flap = "action" in pressed or "up" in pressed
        if self.ready > 0 and not flap:
            self.ready -= 1
            self.f += 1
            return
        self.ready = 0
        self.y, self.vy = fly(self.y, self.vy, flap)
        if flap:
            self.events.append("flap")
        self.sx += self.speed
        nxt = passed_by(self.pipes, self.sx, self.nxt)
        if nxt > self.nxt:
            self.score += self.points * (nxt - self.nxt)
            self.events.append("gap")
        self.nxt = nxt
        if crashed(self.pipes, self.gap, self.y, self.sx, self.nxt):
            self.lives -= 1
            self.lost += 1
            self.events.append("crash")
            if self.lives <= 0:
                self.lives, self.status = 0, "lost"
                return
            self.reset()
        self.f += 1
        if self.nxt >= len(self.pipes):
            self.status = "won"


def replay(level: dict[str, Any], config: dict[str, Any], flaps: list[int], lives: int | None = None) -> FlappySim:
    """Play a proof (the frames a flap is pressed on) to the end or the frame bound."""
    sim = FlappySim(level, config, lives)
    on = set(flaps)
    limit = int(config.get("max_frames", 180 * 60))
    while sim.status == "playing" and sim.f < limit:
        sim.step({"action"} if sim.f in on else set())
    return sim


# ---- the solver: a depth-first search over (frame, y, vy), flap or not each frame -----------------


def _order(pipes: list[list[int]], gap: int, y: int, vy: int, sx: int, nxt: int) -> list[bool]:
    """Try the likelier choice first: flap once the falling flyer's middle is a quarter of a gap
    below the next gap's middle (a flap climbs about that much above it)."""
    target = pipes[nxt][1] + gap // 2 if nxt < len(pipes) else TOP + (GROUND - TOP) // 2
    return [True, False] if vy >= 0 and y + BIRD // 2 >= target + gap // 4 else [False, True]


def _search(level: dict[str, Any]) -> list[bool] | None:
    """The flap decisions for each frame of flight from the end of ``ready`` to the last gap, or None.
    States known to crash whatever is done next are remembered (``dead``), so each is tried once."""
    pipes = [[int(p[0]), int(p[1])] for p in level["pipes"]]
    gap, speed = int(level["gap"]), int(level["speed"])
    if not pipes or speed <= 0:
        return None
    ys, vys, nxts = [START_Y], [0], [0]
    choices = [_order(pipes, gap, START_Y, 0, 0, 0)]
    path: list[bool] = []
    dead: set[tuple[int, int, int]] = set()
    budget = SEARCH_BUDGET
    while budget > 0:
        budget -= 1
        k = len(path)
        if not choices[-1]:
            dead.add((k, ys[-1], vys[-1]))
            if k == 0:
                return None
            for stack in (choices, ys, vys, nxts, path):
                stack.pop()
            continue
        flap = choices[-1].pop(0)
        y, vy = fly(ys[-1], vys[-1], flap)
        sx = (k + 1) * speed
        nxt = passed_by(pipes, sx, nxts[-1])
        if (k + 1, y, vy) in dead or crashed(pipes, gap, y, sx, nxt):
            continue
        path.append(flap)
        if nxt >= len(pipes):
            return path
        ys.append(y)
        vys.append(vy)
        nxts.append(nxt)
        choices.append(_order(pipes, gap, y, vy, sx, nxt))
    return None


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A proof the course is flown without a crash: the frames a flap is pressed on (``flaps``),
    found by the search after the ``ready`` pause, then replayed by the rules to be sure."""
    try:
        path = _search(level)
        if path is None:
            return None
        ready = int(level.get("ready", READY))
        flaps = [ready + i for i, f in enumerate(path) if f]
        check = replay(level, config, flaps)
        frames = ready + len(path)
        if check.status != "won" or check.lost or check.f != frames:
            return None  # the search and the rules disagree: never claim a course we can't fly
        return {"flaps": flaps, "steps": frames, "frames": frames, "score": check.score,
                "gaps": len(level["pipes"])}
    except (KeyError, ValueError, TypeError, IndexError):
        return None


# ---- generation ------------------------------------------------------------------------------------


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One course: ``gaps`` pipe pairs (the GDD's count, else 6 more each level), each gap's middle
    within a climb or a drop of the last; later courses narrower and faster."""
    idx, d = int(req.index), float(req.difficulty)
    n = int(config.get("gaps") or 0) or 6 + 2 * idx
    speed = _clamp(32 + 4 * idx + int(4 * (d - 1.0)), 28, 56)
    gap = _clamp(80 - 6 * idx - int(6 * (d - 1.0)), 60, 84) * U
    spacing = _clamp(150 - 6 * idx, 120, 170) * U
    lo, hi = TOP + 24 * U + gap // 2, GROUND - 16 * U - gap // 2
    swing = _clamp(56 - 4 * idx, 36, 56) * U
    # a GDD's time limit (the runtime takes a life at it): no more gaps than can be flown in time
    room = (int(config.get("max_frames", 180 * 60)) - READY - 60) * speed - (FIRST_X + PIPE_W - BIRD_X)
    n = _clamp(n, 1, max(1, room // spacing + 1))
    pipes: list[list[int]] = []
    mid = (lo + hi) // 2
    x = FIRST_X
    for _ in range(n):
        mid = _clamp(mid + rng.randint(-swing, swing), lo, hi)
        pipes.append([x, mid - gap // 2])
        x += spacing
    kinds = len(config.get("obstacles") or [])
    shift = rng.randrange(kinds) if kinds else 0
    return {"mode": "flappy", "speed": speed, "gap": gap, "pipes": pipes, "ready": READY,
            "points": int(config.get("gap_points", 1)),
            # which obstacle guards each gap (drawing only): the kinds take turns
            "kinds": [(i + shift) % kinds if kinds else -1 for i in range(n)]}


def describe(level: dict[str, Any]) -> str:
    return (f"flappy course of {len(level.get('pipes') or [])} gaps, {int(level.get('gap') or 0) // U} px high, "
            f"scrolling {int(level.get('speed') or 0) / U:g} px a frame")
