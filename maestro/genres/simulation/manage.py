"""A management shift (genre "simulation", mode "manage"): the rule book, the generator and the solver.

The loop most service and tycoon GDDs share: requests (the GDD's orders, patients, trains, guests ...)
arrive over the day, each needing one of the stations (its stove, ward, platform ...), and wait in a
queue while their patience lasts; the player sends each to its station, a station serves one request at
a time, serving pays, money buys upgrades that make a station faster; reach the money goal before the
day is out, and keep the reputation above zero.

The rules, integers only, one frame at a time, and the same as ``manage.js`` plays them. Per frame
(``f`` counts them): the keys first — Left / Right move the cursor over the stations (no wrap); Up
upgrades the station under it for ``upcost * (level + 1)`` coins (at most ``MAX_UP`` times; refused
when short); Space sends the waiting request for that station whose patience ends first (the earliest
to arrive on a tie) to it, when the station is free. Then every busy station works a frame; one that
finishes is paid its request's value (coins and score). Coins reaching ``goal`` win. Then requests
whose arrival frame has come join the queue, patience ``patience`` frames; then every waiting request
whose patience has run out walks away and costs one reputation: reputation at zero loses. The day's
last frame (``length``) passing short of the goal loses. A station of base time ``work`` serves in
``work * 2 // (2 + level)`` frames (its level 0, 1, 2: work, two thirds, half).

The generator draws the day's arrivals and plays :func:`dispatch` (each frame: walk to the free station
whose waiting request runs out soonest and send it; else buy the next upgrade the plan allows on the
busiest station) with 0, 1 ... upgrades over the real rules; the goal is a share of the best of them,
the starting reputation what that play loses plus two, so the same strategy is the proof, and doing
nothing loses (no coins by the end of the day).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

from maestro.spec import LevelRequest

MAX_UP = 2
GOAL_SHARE = (70, 75, 80, 85)
MAX_FRAMES = 20000
PLANS = (0, 1, 2, 3, 4)  # how many upgrades the dispatch strategy may buy


def work_time(work: int, up: int) -> int:
    return max(1, work * 2 // (2 + up))


def up_cost(upcost: int, up: int) -> int:
    return upcost * (up + 1)


@dataclass
class Manage:
    """One shift under the rules of the module docstring."""

    work: list[int]
    arrivals: list[list[int]]
    length: int
    goal: int
    upcost: int
    rep: int
    coins: int = 0
    f: int = 0
    cursor: int = 0
    nxt: int = 0
    queue: list[list[int]] = field(default_factory=list)  # [id, station, due frame, value]
    busy: list[int] = field(default_factory=list)
    job: list[int] = field(default_factory=list)
    up: list[int] = field(default_factory=list)
    served: int = 0
    missed: int = 0
    score: int = 0
    won: bool = False
    over: bool = False
    why: str = ""

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Manage":
        work = [int(s["work"]) for s in level["stations"]]
        n = len(work)
        return cls(work=work, arrivals=[list(map(int, a)) for a in level["arrivals"]], length=int(level["length"]),
                   goal=int(level["goal"]), upcost=int(level["upcost"]), rep=int(level["rep"]),
                   coins=int(level.get("coins", 0)), busy=[0] * n, job=[0] * n, up=[0] * n)

    def waiting_for(self, s: int) -> list[int] | None:
        """The request station ``s`` would take: the one whose patience ends first."""
        best = None
        for r in self.queue:
            if r[1] == s and (best is None or (r[2], r[0]) < (best[2], best[0])):
                best = r
        return best

    def _key(self, k: str) -> str:
        n = len(self.work)
        if k in ("left", "right"):
            self.cursor = min(n - 1, max(0, self.cursor + (1 if k == "right" else -1)))
            return "cursor"
        s = self.cursor
        if k == "up":
            if self.up[s] >= MAX_UP:
                return "full"
            cost = up_cost(self.upcost, self.up[s])
            if self.coins < cost:
                return "broke"
            self.coins -= cost
            self.up[s] += 1
            return "upgrade"
        if k == "action":
            if self.busy[s] > 0:
                return "busy"
            r = self.waiting_for(s)
            if r is None:
                return "idle"
            self.queue.remove(r)
            self.busy[s] = work_time(self.work[s], self.up[s])
            self.job[s] = r[3]
            return "serve"
        return ""

    def step(self, keys: set[str]) -> str:
        """One frame with ``keys`` pressed on it; what happened, in one word ("" for nothing)."""
        if self.won or self.over:
            return ""
        self.f += 1
        what = ""
        for k in ("left", "right", "up", "action"):
            if k in keys:
                what = self._key(k) or what
        for s in range(len(self.work)):
            if self.busy[s] > 0:
                self.busy[s] -= 1
                if self.busy[s] == 0:
                    self.coins += self.job[s]
                    self.score += self.job[s]
                    self.served += 1
                    self.job[s] = 0
                    what = "paid"
        if self.coins >= self.goal:
            self.won = True
            return "won"
        while self.nxt < len(self.arrivals) and self.arrivals[self.nxt][0] <= self.f:
            at, s, patience, value = self.arrivals[self.nxt]
            self.queue.append([self.nxt, s, self.f + patience, value])
            self.nxt += 1
            what = what or "arrive"
        gone = [r for r in self.queue if r[2] <= self.f]
        if gone:
            self.queue = [r for r in self.queue if r[2] > self.f]
            self.rep = max(0, self.rep - len(gone))
            self.missed += len(gone)
            what = "expire"
            if self.rep == 0:
                self.over, self.why = True, "reputation"
                return "lost"
        if self.f >= self.length:
            self.over, self.why = True, "day"
            return "lost"
        return what


def dispatch(level: dict[str, Any], upgrades: int = 2) -> tuple[Manage, dict[int, list[str]]]:
    """The proof strategy, one tap a frame: walk to the free station whose waiting request runs out
    soonest and send it; with nothing to send, buy (up to ``upgrades`` in all) the next upgrade of the
    station with the most requests of the day, walking there first. Returns the shift and the taps
    (frame before the step -> keys)."""
    m = Manage.start(level)
    taps: dict[int, list[str]] = {}
    n = len(m.work)
    demand = [sum(1 for a in m.arrivals if a[1] == s) for s in range(n)]
    order = sorted(range(n), key=lambda s: (-demand[s], s))
    bought = 0
    while not (m.won or m.over) and m.f < MAX_FRAMES:
        key = ""
        ready = [(r[2], r[0], s) for s in range(n) if m.busy[s] == 0 for r in [m.waiting_for(s)] if r is not None]
        target = -1
        if ready:
            target = min(ready)[2]
        elif bought < upgrades:
            s = next((s for s in order if m.up[s] < MAX_UP), -1)
            if s >= 0 and m.coins >= up_cost(m.upcost, m.up[s]):
                target = s
        if target >= 0:
            if target != m.cursor:
                key = "right" if target > m.cursor else "left"
            else:
                key = "action" if ready else "up"
                if key == "up":
                    bought += 1
        if key:
            taps[m.f] = [key]
        m.step({key} if key else set())
    return m, taps


def best_plan(level: dict[str, Any]) -> tuple[int, Manage]:
    """The number of upgrades with which :func:`dispatch` ends the day richest (the fewest on a tie)."""
    best: tuple[int, Manage] | None = None
    for k in PLANS:
        end, _ = dispatch(level, k)
        if best is None or end.coins > best[1].coins:
            best = (k, end)
    assert best is not None
    return best


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The GDD's stations, a day of arrivals (more and less patient each level), and a goal and a
    reputation the dispatch strategy meets."""
    i = min(req.index, 3)
    d = max(1.0, float(req.difficulty))
    names = config["stations"]
    n = min(len(names), 2 + i)
    stations = []
    for s in range(n):
        st = dict(names[s])
        st["work"] = rng.randint(110, 150) + 15 * s
        st["value"] = 4 + 3 * s
        stations.append(st)
    length = 2400 + 300 * i
    # requests come a little faster than the stations serve them at first: upgrades pay
    mean = 140 * (85 - 5 * i - int(5 * (d - 1))) // 100 // n
    gap_lo, gap_hi = max(12, mean * 7 // 10), max(20, mean * 13 // 10)
    arrivals: list[list[int]] = []
    t = 40
    while t < length - 360:
        s = rng.randrange(n)
        patience = rng.randint(300, 480) - 30 * i
        arrivals.append([t, s, patience, int(stations[s]["value"]) + rng.randint(0, 2)])
        t += rng.randint(gap_lo, gap_hi)
    level: dict[str, Any] = {"mode": "manage", "stations": stations, "arrivals": arrivals, "length": length,
                             "upcost": 8 + 4 * i, "coins": 0, "rep": 10 ** 6, "goal": 10 ** 9, "stage": req.index + 1}
    plan, end = best_plan(level)
    share = min(95, GOAL_SHARE[min(req.index, len(GOAL_SHARE) - 1)] + int(5 * (d - 1)))
    level["goal"] = max(5, end.coins * share // 100)
    level["rep"] = max(3, end.missed + 2)
    level["plan"] = plan
    return level


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    end, taps = dispatch(level, int(level.get("plan", 2)))
    if not end.won:
        return None
    return {"steps": sum(len(k) for k in taps.values()), "frames": end.f, "coins": end.coins,
            "served": end.served, "upgrades": sum(end.up)}


def describe(level: dict[str, Any]) -> str:
    names = ", ".join(str(s["name"]) for s in level.get("stations") or [])
    return (f"{len(level.get('arrivals') or [])} arrivals at {names} over {int(level.get('length', 0)) // 60} s; "
            f"a goal of {level.get('goal')}, reputation {level.get('rep')}")
