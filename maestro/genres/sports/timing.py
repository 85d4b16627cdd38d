"""A timing sport (genre "sports", mode "timing"): a fish reeled in, a boxing bout: the rule book, the
generator and the solver.

The rules, integers only and the same as ``sports.js`` plays them, one step a frame. A marker sweeps a
bar of ``BAR`` back and forth at ``level.speed`` a frame; the window is ``level.windows[hits % n]`` (its
low end) and ``level.width`` wide. Space lands a hit when the marker is inside the window (the opponent's
``fight`` drops by one, score ``HIT_POINTS``) and costs ``level.miss`` stamina when it is not; either way
Space rests ``COOL`` frames. The opponent strikes on the frames of a round listed in ``level.strikes``
(a tell shows ``TELL`` frames before): Down guards for ``GUARD`` frames for ``DODGE_COST`` stamina, and a
strike into a guard is dodged (``DODGE_POINTS``), else it takes ``level.pull`` stamina. A round is
``level.round`` frames; between rounds ``REST`` stamina comes back (up to ``STAMINA``). The opponent's
fight at zero wins; stamina at zero, or the last of ``level.rounds`` rounds ending, loses.

Per frame, in this order: the clock and the marker move, the rests count down, Space is judged, Down is
judged, the round's strike lands, then the bout is judged (won, lost, the round over).

The solver (:func:`timed`) presses Space on the first frame the marker is in the window and Down on the
frame of each strike: the proof, played frame by frame. Doing nothing loses (the rounds run out).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from maestro.spec import LevelRequest

BAR = 1000
STAMINA = 100
COOL = 18
GUARD = 12
TELL = 40
DODGE_COST = 3
REST = 30
HIT_POINTS = 10
DODGE_POINTS = 5


def sweep(pos: int, way: int, speed: int) -> tuple[int, int]:
    """The marker one frame on: it bounces off both ends of the bar."""
    pos += way * speed
    if pos >= BAR:
        return 2 * BAR - pos, -1
    if pos <= 0:
        return -pos, 1
    return pos, way


@dataclass
class Bout:
    """One bout under the rules of the module docstring."""

    speed: int
    width: int
    windows: list[int]
    strikes: list[int]
    round_frames: int
    rounds: int
    miss: int
    pull: int
    fight: int
    f: int = 0
    rf: int = 0
    round: int = 1
    pos: int = 0
    way: int = 1
    cool: int = 0
    guard: int = 0
    stamina: int = STAMINA
    hits: int = 0
    misses: int = 0
    dodged: int = 0
    taken: int = 0
    score: int = 0
    won: bool = False
    over: bool = False

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Bout":
        return cls(speed=int(level["speed"]), width=int(level["width"]), windows=[int(w) for w in level["windows"]],
                   strikes=[int(s) for s in level["strikes"]], round_frames=int(level["round"]),
                   rounds=int(level["rounds"]), miss=int(level["miss"]), pull=int(level["pull"]),
                   fight=int(level["fight"]))

    def window(self) -> int:
        return self.windows[self.hits % len(self.windows)]

    def step(self, keys: set[str] | frozenset[str]) -> str:
        """One frame with ``keys`` pressed on it; what happened ("hit", "miss", "guard", "dodge",
        "struck", "round", "won", "lost" or "")."""
        if self.won or self.over:
            return ""
        what = ""
        self.f += 1
        self.rf += 1
        self.pos, self.way = sweep(self.pos, self.way, self.speed)
        if self.cool > 0:
            self.cool -= 1
        if self.guard > 0:
            self.guard -= 1
        if "action" in keys and self.cool == 0:
            lo = self.window()
            self.cool = COOL
            if lo <= self.pos <= lo + self.width:
                self.hits += 1
                self.fight -= 1
                self.score += HIT_POINTS
                what = "hit"
            else:
                self.misses += 1
                self.stamina = max(0, self.stamina - self.miss)
                what = "miss"
        if "down" in keys and self.guard == 0:
            self.guard = GUARD
            self.stamina = max(0, self.stamina - DODGE_COST)
            what = what or "guard"
        if self.rf in self.strikes:
            if self.guard > 0:
                self.dodged += 1
                self.score += DODGE_POINTS
                what = "dodge"
            else:
                self.taken += 1
                self.stamina = max(0, self.stamina - self.pull)
                what = "struck"
        if self.fight <= 0:
            self.won = True
            return "won"
        if self.stamina <= 0:
            self.over = True
            return "lost"
        if self.rf >= self.round_frames:
            self.rf = 0
            self.round += 1
            self.stamina = min(STAMINA, self.stamina + REST)
            if self.round > self.rounds:
                self.over = True
                return "lost"
            what = "round"
        return what

    @property
    def lost(self) -> bool:
        return self.over


def plan_frame(b: Bout) -> list[str]:
    """The timing strategy's keys for the next frame of ``b``: Space when the marker will be in the
    window and Space is rested, Down when a strike lands on that frame and no guard is up."""
    pos, _ = sweep(b.pos, b.way, b.speed)
    keys = []
    lo = b.window()
    if max(0, b.cool - 1) == 0 and lo <= pos <= lo + b.width:
        keys.append("action")
    if (b.rf + 1) in b.strikes and max(0, b.guard - 1) == 0:
        keys.append("down")
    return keys


def timed(level: dict[str, Any]) -> tuple[Bout, dict[int, list[str]]]:
    """The proof strategy played frame by frame: the bout and the taps (frame index -> keys)."""
    b = Bout.start(level)
    taps: dict[int, list[str]] = {}
    limit = b.round_frames * b.rounds + 1
    for i in range(limit):
        if b.won or b.over:
            break
        keys = plan_frame(b)
        if keys:
            taps[i] = keys
        b.step(set(keys))
    return b, taps


def idle(level: dict[str, Any]) -> Bout:
    """The bout with nothing pressed at all."""
    b = Bout.start(level)
    while not (b.won or b.over):
        b.step(set())
    return b


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A bout against the GDD's opponent: a faster marker, a narrower window, more strikes and a tougher
    opponent each level."""
    i = min(req.index, 3)
    d = max(1.0, float(req.difficulty))
    width = 240 - 35 * i
    round_frames = 600
    n = 3 + i
    strikes: list[int] = []
    while len(strikes) < n:  # each far enough from the last for a tell and a guard to fit between
        s = rng.randrange(TELL + 20, round_frames - 20)
        if all(abs(s - t) > TELL + GUARD for t in strikes):
            strikes.append(s)
    level: dict[str, Any] = {
        "mode": "timing", "speed": 12 + 4 * i + rng.randint(0, 2), "width": width,
        "windows": [rng.randrange(0, BAR - width, 10) for _ in range(6)], "strikes": sorted(strikes),
        "round": round_frames, "rounds": 3, "miss": 12 + 2 * i, "pull": 14 + 3 * i,
        "fight": 12 + 4 * i + int(4 * (d - 1)), "opponent": config.get("opponent", "Opponent"), "stage": req.index + 1,
    }
    return level


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    end, taps = timed(level)
    if not end.won:
        return None
    return {"steps": sum(len(k) for k in taps.values()), "taps": {str(f): k for f, k in taps.items()},
            "frames": end.f, "round": end.round}


def describe(level: dict[str, Any]) -> str:
    return (f"timing bout: {level.get('fight')} hits to win in {level.get('rounds')} rounds, window "
            f"{level.get('width')}/{BAR}, marker speed {level.get('speed')}, {len(level.get('strikes') or [])} "
            f"strikes a round")
