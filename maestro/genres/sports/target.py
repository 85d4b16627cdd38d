"""A target sport (genre "sports", mode "target"): archery, darts, a golf-like shot: the rule book, the
generator and the solver.

The rules, integers only and the same as ``sports.js`` plays them. Heights and distances are in
centimetres. The athlete shoots from ``LAUNCH`` cm above the ground at the level's targets, one shot
each (``level.shots``: a target's distance, the height of its centre, the wind of that shot). Up / Down
raise or lower the aim (``AIMS`` angles, 5 to 75 degrees), Right / Left draw more or less power
(``1..MAX_POWER``); both carry over to the next shot. Space shoots: the projectile starts at
``power * (CX, CY)[aim] // 2`` cm per tick, gravity takes ``GRAVITY`` from its climb and the wind adds
``wind * WIND`` to its speed every tick; where it crosses the target's distance (interpolated, floor division)
its height is compared with the target's centre: within ``ring`` cm scores ``RING_POINTS[0]``, within
two rings the second, three rings the third, else nothing (a miss, and landing short is a miss too).
Score reaching ``goal`` (the rival's score plus one) wins at once; the last shot short of it loses.

The solver (:func:`sight`) plays each shot at the aim and power that score most (the fewest key presses
from where the last shot left them on a tie): the proof. The goal is a share of what it scores and above
what shooting every arrow without aiming scores, so a player has to read the wind and the distance.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from maestro.spec import LevelRequest

# round(100 * cos / sin) of 5, 10, ... 75 degrees: the JS has the same two lists
CX = (100, 98, 97, 94, 91, 87, 82, 77, 71, 64, 57, 50, 42, 34, 26)
CY = (9, 17, 26, 34, 42, 50, 57, 64, 71, 77, 82, 87, 91, 94, 97)
AIMS = len(CX)
MAX_POWER = 20
GRAVITY = 50
WIND = 6  # cm a tick the speed gains (or loses) each tick for each point of wind
LAUNCH = 150
MAX_TICKS = 400
RING_POINTS = (10, 5, 2)
START_AIM, START_POWER = 6, 10
GOAL_SHARE = (55, 65, 75, 80)


def crossing(aim: int, power: int, wind: int, dist: int) -> int | None:
    """The height (cm) at which a shot crosses ``dist``; None when it lands (or stalls) short of it."""
    vx, vy = power * CX[aim] // 2, power * CY[aim] // 2
    x, y = 0, LAUNCH
    for _ in range(MAX_TICKS):
        if vx <= 0:
            return None
        nx, ny = x + vx, y + vy
        if nx >= dist:
            at = y + (ny - y) * (dist - x) // (nx - x)
            return at if at >= 0 else None
        if ny < 0:
            return None
        x, y = nx, ny
        vy -= GRAVITY
        vx += wind * WIND
    return None


def points(at: int | None, height: int, ring: int) -> int:
    """What a shot crossing at ``at`` scores on a target centred at ``height`` with rings ``ring`` wide."""
    if at is None:
        return 0
    off = abs(at - height)
    for k, pts in enumerate(RING_POINTS):
        if off <= ring * (k + 1):
            return pts
    return 0


@dataclass
class Range:
    """One round at the range under the rules of the module docstring."""

    shots: list[dict[str, int]]
    ring: int
    goal: int
    aim: int = START_AIM
    power: int = START_POWER
    shot: int = 0
    score: int = 0
    hits: int = 0
    last: int = -1  # the height the last shot crossed at; -1 none yet, -2 a shot that fell short
    won: bool = False
    over: bool = False
    results: list[int] = field(default_factory=list)

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Range":
        shots = [{"dist": int(s["dist"]), "height": int(s["height"]), "wind": int(s["wind"])} for s in level["shots"]]
        return cls(shots=shots, ring=int(level["ring"]), goal=int(level["goal"]),
                   aim=int(level.get("aim", START_AIM)), power=int(level.get("power", START_POWER)))

    def press(self, key: str) -> str:
        if self.won or self.over:
            return ""
        if key == "up":
            self.aim = min(AIMS - 1, self.aim + 1)
            return "aim"
        if key == "down":
            self.aim = max(0, self.aim - 1)
            return "aim"
        if key == "right":
            self.power = min(MAX_POWER, self.power + 1)
            return "power"
        if key == "left":
            self.power = max(1, self.power - 1)
            return "power"
        if key != "action":
            return ""
        s = self.shots[self.shot]
        at = crossing(self.aim, self.power, s["wind"], s["dist"])
        pts = points(at, s["height"], self.ring)
        self.last = -2 if at is None else at
        self.results.append(pts)
        self.score += pts
        self.hits += 1 if pts else 0
        self.shot += 1
        if self.score >= self.goal:
            self.won = True
        elif self.shot >= len(self.shots):
            self.over = True
        return "bull" if pts == RING_POINTS[0] else "hit" if pts else "miss"

    @property
    def lost(self) -> bool:
        """The round is lost (headless.LivesReplay's name for ``over``)."""
        return self.over

    @lost.setter
    def lost(self, value: bool) -> None:
        self.over = value


def best_shot(s: dict[str, int], ring: int, aim: int, power: int) -> tuple[int, int, int]:
    """(points, aim, power) of the best shot at ``s``, the nearest to (aim, power) in key presses on a tie."""
    best = (-1, 0, 0, 0)
    for a in range(AIMS):
        for p in range(1, MAX_POWER + 1):
            pts = points(crossing(a, p, s["wind"], s["dist"]), s["height"], ring)
            key = (pts, -(abs(a - aim) + abs(p - power)), -a, -p)
            if key > best:
                best = key
    return best[0], -best[2], -best[3]


def sight(level: dict[str, Any]) -> tuple[Range, list[str]]:
    """The proof strategy: each shot at its best aim and power, reached from the last. Returns the round
    and the keys pressed."""
    r = Range.start(level)
    keys: list[str] = []
    while not (r.won or r.over):
        _, a, p = best_shot(r.shots[r.shot], r.ring, r.aim, r.power)
        moves = ["up" if a > r.aim else "down"] * abs(a - r.aim) + ["right" if p > r.power else "left"] * abs(p - r.power)
        for k in moves + ["action"]:
            keys.append(k)
            r.press(k)
    return r, keys


def idle_score(level: dict[str, Any]) -> int:
    """What shooting every arrow without aiming (the aim and power the round starts with) scores."""
    r = Range.start(level)
    return sum(points(crossing(r.aim, r.power, s["wind"], s["dist"]), s["height"], r.ring) for s in r.shots)


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A round of shots at the GDD's targets: farther, windier and with tighter rings each level; the goal
    a share of what the sighting strategy scores."""
    i = min(req.index, 3)
    d = max(1.0, float(req.difficulty))
    names = list(config.get("targets") or [{"name": "Target"}])
    lo, hi = 2500 + 1000 * i, 5000 + 1500 * i
    shots = [{"dist": rng.randrange(lo, hi, 50), "height": rng.choice((60, 100, 150, 200, 260)),
              "wind": rng.randint(-(1 + i), 1 + i), "kind": rng.randrange(len(names))} for _ in range(6 + i)]
    level: dict[str, Any] = {"mode": "target", "shots": shots, "ring": 60 - 10 * i, "goal": 10 ** 9,
                             "aim": START_AIM, "power": START_POWER, "targets": names, "stage": req.index + 1}
    total = sum(best_shot(s, level["ring"], START_AIM, START_POWER)[0] for s in shots)
    share = min(95, GOAL_SHARE[i] + int(5 * (d - 1)))
    goal = max(idle_score(level) + 1, total * share // 100)
    if goal <= total:  # else no goal between idle shooting and the best round: the Labyrinth draws again
        level["goal"] = goal
    return level


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    end, keys = sight(level)
    if not end.won:
        return None
    return {"steps": len(keys), "keys": keys, "shots": end.shot, "score": end.score}


def describe(level: dict[str, Any]) -> str:
    shots = level.get("shots") or []
    far = max((int(s["dist"]) for s in shots), default=0)
    wind = max((abs(int(s["wind"])) for s in shots), default=0)
    return (f"target round: {len(shots)} shots out to {far // 100} m, wind up to {wind}; "
            f"{level.get('goal')} points to win")
