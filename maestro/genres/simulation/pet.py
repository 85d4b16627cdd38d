"""Virtual pet (genre "simulation", mode "pet"): the rule book, the generator and the solver.

The rules, integers only and frame by frame the same as ``simulation.js`` plays them. The pet has
two to four needs (``level.needs``: the GDD's own, each one of hunger / happiness / energy /
cleanliness), each 0..100, and one care action per need (feed, play, sleep, clean) on a row of
buttons. Per frame: Left / Right move the button cursor; Space does the action under it unless the
pet is still busy with the last one (``BUSY`` frames): the need rises by its ``restore`` (to 100 at
most), and playing tires (energy -PLAY_TIRES) and eating soils (cleanliness -FEED_SOILS) where the
pet has those needs. Every ``tick`` frames an hour passes: each need falls by its ``rate`` (to 0 at
least); an hour with a need at 0 counts toward neglect (``zero_hours`` such hours in a row lose the
level), an hour with every need at ``low`` or more is a healthy hour, and ``grow`` healthy hours make
the pet grow a stage. Reaching ``level.target`` (a stage number) wins.

The solver plays :func:`care_for` (walk to the lowest need once it has room for the action's restore,
and act) over the real rules, frame by frame; its taps are the proof and the bot's script.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from maestro.spec import LevelRequest

NEEDS = ("hunger", "happy", "energy", "clean")  # the need kinds, in the order of their actions
ACTIONS = {"hunger": "feed", "happy": "play", "energy": "sleep", "clean": "clean"}
RESTORE = {"hunger": 35, "happy": 30, "energy": 40, "clean": 40}
PLAY_TIRES, FEED_SOILS = 8, 6
BUSY = 12  # frames the pet is busy after an action
TICK_FRAMES = 30  # an in-game hour: half a second at 60 frames a second
FULL = 100
MAX_FRAMES = 20000


@dataclass
class Pet:
    """One virtual-pet level under the rules of the module docstring."""

    kinds: list[str]
    rates: list[int]
    vals: list[int]
    tick: int
    grow: int
    low: int
    zero_hours: int
    target: int
    cursor: int = 0
    busy: int = 0
    f: int = 0
    hour: int = 0
    age: int = 0
    stage: int = 1
    zero: int = 0
    won: bool = False
    over: bool = False
    last: str = ""

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Pet":
        needs = level["needs"]
        return cls(kinds=[str(n["kind"]) for n in needs], rates=[int(n["rate"]) for n in needs],
                   vals=[int(n["start"]) for n in needs], tick=int(level["tick"]), grow=int(level["grow"]),
                   low=int(level["low"]), zero_hours=int(level["zero_hours"]), target=int(level["target"]))

    def _lower(self, kind: str, by: int) -> None:
        if kind in self.kinds:
            i = self.kinds.index(kind)
            self.vals[i] = max(0, self.vals[i] - by)

    def care(self, i: int) -> str:
        """The action of button ``i``."""
        kind = self.kinds[i]
        self.vals[i] = min(FULL, self.vals[i] + RESTORE[kind])
        if kind == "happy":
            self._lower("energy", PLAY_TIRES)
        elif kind == "hunger":
            self._lower("clean", FEED_SOILS)
        self.busy = BUSY
        return ACTIONS[kind]

    def hour_passes(self) -> str:
        self.hour += 1
        self.vals = [max(0, v - r) for v, r in zip(self.vals, self.rates)]
        if min(self.vals) == 0:
            self.zero += 1
            if self.zero >= self.zero_hours:
                self.over = True
                return "neglect"
            return "starving"
        self.zero = 0
        if min(self.vals) >= self.low:
            self.age += 1
            if self.age >= self.grow:
                self.age = 0
                self.stage += 1
                if self.stage >= self.target:
                    self.won = True
                    return "grown"
                return "grow"
        return "hour"

    def step(self, pressed: set[str] | list[str]) -> str:
        """One frame with these keys newly pressed: what happened ("" when nothing did)."""
        if self.won or self.over:
            return ""
        self.f += 1
        what = ""
        n = len(self.kinds)
        if "left" in pressed:
            self.cursor, what = (self.cursor + n - 1) % n, "cursor"
        if "right" in pressed:
            self.cursor, what = (self.cursor + 1) % n, "cursor"
        if self.busy > 0:
            self.busy -= 1
        elif "action" in pressed:
            what = self.care(self.cursor)
        if self.f % self.tick == 0:
            passed = self.hour_passes()
            what = passed if passed != "hour" or what in ("", "cursor") else what
        self.last = what or self.last
        return what

    # the turn-based helpers (headless.LivesReplay) read these
    @property
    def lost(self) -> bool:
        """The level is lost (headless.LivesReplay's name for ``over``)."""
        return self.over

    @lost.setter
    def lost(self, value: bool) -> None:
        self.over = value


def care_for(level: dict[str, Any]) -> tuple[Pet, dict[int, list[str]]]:
    """The proof strategy, frame by frame: when the pet is free, the need with the lowest value that
    has room for its action's restore is walked to (one arrow a frame, the short way round) and cared
    for. Returns the pet at the end and the taps (frame before the step -> keys)."""
    pet = Pet.start(level)
    taps: dict[int, list[str]] = {}
    n = len(pet.kinds)
    while not (pet.won or pet.over) and pet.f < MAX_FRAMES:
        key = ""
        wants = [i for i in range(n) if pet.vals[i] <= FULL - RESTORE[pet.kinds[i]] + 5]
        if wants:
            i = min(wants, key=lambda j: (pet.vals[j], j))
            if i != pet.cursor:
                key = "right" if (i - pet.cursor) % n <= (pet.cursor - i) % n else "left"
            elif pet.busy == 0:
                key = "action"
        if key:
            taps[pet.f] = [key]
        pet.step({key} if key else set())
    return pet, taps


# ---- the generator and the protocol ---------------------------------------------------------------

def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The GDD's needs with hourly decay rates (faster each level), a start, and the stage to reach."""
    i = min(req.index, 3)
    d = max(1.0, float(req.difficulty))
    needs = []
    fewer = 2 * (len(NEEDS) - len(config["needs"]))  # fewer needs to mind: each falls faster
    for kind in config["needs"]:
        needs.append({"kind": kind, "rate": rng.randint(4, 8) + 2 * i + int(d - 1) + fewer, "start": rng.randint(45, 75)})
    return {"mode": "pet", "needs": needs, "tick": TICK_FRAMES, "grow": 6 + 2 * i, "low": 25, "zero_hours": 3,
            "target": min(len(config["stages"]) - 1, 3 + i), "stage": req.index + 1}


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    pet, taps = care_for(level)
    if not pet.won:
        return None
    return {"steps": sum(len(k) for k in taps.values()), "frames": pet.f, "hours": pet.hour,
            "taps": {str(f): k for f, k in taps.items()}}


def describe(level: dict[str, Any]) -> str:
    needs = ", ".join(f"{n['kind']} -{n['rate']}/h" for n in level.get("needs") or [])
    return f"pet to stage {level.get('target')}, {level.get('grow')} healthy hours a stage; needs {needs}"
