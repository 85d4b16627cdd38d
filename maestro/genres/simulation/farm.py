"""Farming (genre "simulation", mode "farm"): the rule book, the generator and the solver.

The rules, integers only and the same as ``simulation.js`` plays them. The farm is ``w`` x ``h``
plots and, right of them, a column of three buildings: the seed shop (row 0), the market bin (row 1)
and the bed (row 2). Arrows move the cursor (free); Space acts on the cell under it:

- a grass plot is tilled; a tilled empty plot is sown with the selected crop, its seed bought for
  ``cost`` coins (refused when the purse is short); a growing crop not yet watered today is watered;
  a ripe crop (grown ``days`` nights) is harvested into the basket and the plot stays tilled;
- the shop selects the next crop (free); the bin sells the basket, each crop for its ``price``
  (coins and score); the bed ends the day.

Every act but selecting (and a refusal) spends one of the day's ``ticks``: the clock runs out and the
day ends as if slept. At night each watered crop grows one stage and the soil dries. Reaching the
level's ``goal`` coins (on a sale) wins; the night of the last day passing short of it loses.

The generator makes a farm and plays it with :func:`greedy` (harvest, sell, water, sow the crop that
earns most a day and still ripens in time, till for tomorrow, sleep) over the real rules; the goal is
a share of what that strategy earns, so the same strategy is the proof (:func:`solve` replays it).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from maestro.spec import LevelRequest

KEYS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
SHOP, BIN, BED = 0, 1, 2  # the building column's rows
GRASS, TILLED = 0, 1
GOAL_SHARE = (75, 80, 85, 90)  # percent of what the proof strategy earns, per stage
MAX_PRESSES = 4000

Grid = list[list[int]]


def _grid(w: int, h: int, v: int) -> Grid:
    return [[v] * w for _ in range(h)]


@dataclass
class Farm:
    """One farm level under the rules of the module docstring."""

    w: int
    h: int
    crops: list[dict[str, Any]]
    coins: int
    goal: int
    days: int
    ticks: int
    soil: Grid
    crop: Grid
    growth: Grid
    wet: Grid
    basket: list[int]
    cx: int = 0
    cy: int = 0
    sel: int = 0
    day: int = 1
    tick: int = 0
    score: int = 0
    won: bool = False
    over: bool = False
    last: str = ""

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Farm":
        w, h = int(level["w"]), int(level["h"])
        soil = [list(map(int, r)) for r in level.get("soil") or _grid(w, h, GRASS)]
        crops = [dict(c) for c in level["crops"]]
        return cls(w=w, h=h, crops=crops, coins=int(level["coins"]), goal=int(level["goal"]), days=int(level["days"]),
                   ticks=int(level["ticks"]), soil=soil, crop=_grid(w, h, -1), growth=_grid(w, h, 0),
                   wet=_grid(w, h, 0), basket=[0] * len(crops))

    # ---- the rules -------------------------------------------------------------------------------
    def ripe(self, x: int, y: int) -> bool:
        c = self.crop[y][x]
        return c >= 0 and self.growth[y][x] >= int(self.crops[c]["days"])

    def _spend(self) -> None:
        self.tick += 1
        if self.tick >= self.ticks and not self.won:
            self.night()

    def night(self) -> None:
        """The day ends: watered crops grow a stage, the soil dries, the next day starts; past the last
        day short of the goal, the level is lost."""
        for y in range(self.h):
            for x in range(self.w):
                c = self.crop[y][x]
                if c >= 0 and self.wet[y][x]:
                    self.growth[y][x] = min(int(self.crops[c]["days"]), self.growth[y][x] + 1)
                self.wet[y][x] = 0
        self.day += 1
        self.tick = 0
        if self.day > self.days and not self.won:
            self.over = True

    def act(self) -> str:
        """Space at the cursor: what happened ("till", "sow", "water", "harvest", "select", "sell",
        "sleep", "broke", "empty" or "")."""
        if self.won or self.over:
            return ""
        x, y = self.cx, self.cy
        if x == self.w:
            if y == SHOP:
                self.sel = (self.sel + 1) % len(self.crops)
                return "select"
            if y == BIN:
                earned = sum(n * int(c["price"]) for n, c in zip(self.basket, self.crops))
                if not earned:
                    return "empty"
                self.coins += earned
                self.score += earned
                self.basket = [0] * len(self.crops)
                if self.coins >= self.goal:
                    self.won = True
                self._spend()
                return "sell"
            if y == BED:
                self.night()
                return "sleep"
            return ""
        c = self.crop[y][x]
        if self.soil[y][x] == GRASS:
            self.soil[y][x] = TILLED
            what = "till"
        elif c < 0:
            cost = int(self.crops[self.sel]["cost"])
            if self.coins < cost:
                return "broke"
            self.coins -= cost
            self.crop[y][x], self.growth[y][x], self.wet[y][x] = self.sel, 0, 0
            what = "sow"
        elif self.ripe(x, y):
            self.basket[c] += 1
            self.crop[y][x], self.growth[y][x], self.wet[y][x] = -1, 0, 0
            what = "harvest"
        elif not self.wet[y][x]:
            self.wet[y][x] = 1
            what = "water"
        else:
            return ""
        self._spend()
        return what

    def press(self, key: str) -> str:
        if self.won or self.over:
            return ""
        if key in KEYS:
            dx, dy = KEYS[key]
            self.cx, self.cy = min(self.w, max(0, self.cx + dx)), min(self.h - 1, max(0, self.cy + dy))
            return "cursor"
        if key == "action":
            self.last = self.act()
            return self.last
        return ""

    @property
    def lost(self) -> bool:
        """The level is lost (headless.LivesReplay's name for ``over``)."""
        return self.over

    @lost.setter
    def lost(self, value: bool) -> None:
        self.over = value


def walk(cx: int, cy: int, x: int, y: int) -> list[str]:
    """The arrows from the cursor at (cx, cy) to (x, y)."""
    return ["right"] * max(0, x - cx) + ["left"] * max(0, cx - x) + ["down"] * max(0, y - cy) + ["up"] * max(0, cy - y)


# ---- the proof strategy ---------------------------------------------------------------------------

class _Player:
    """Presses keys on a Farm and records them."""

    def __init__(self, farm: Farm) -> None:
        self.farm = farm
        self.keys: list[str] = []

    def press(self, key: str) -> str:
        self.keys.append(key)
        return self.farm.press(key)

    def at(self, x: int, y: int) -> str:
        f = self.farm
        for k in walk(f.cx, f.cy, x, y):
            self.press(k)
        return self.press("action")


def best_crop(farm: Farm, money: int) -> int | None:
    """The crop that earns most a day, that the purse buys and that ripens by the last day; None if none."""
    left = farm.days - farm.day  # nights still to come before the last day
    fits = [(i, c) for i, c in enumerate(farm.crops) if int(c["cost"]) <= money and int(c["days"]) <= left]
    if not fits:
        return None
    return max(fits, key=lambda ic: ((int(ic[1]["price"]) - int(ic[1]["cost"])) * 1000 // int(ic[1]["days"]),
                                     -int(ic[1]["cost"])))[0]


def greedy(level: dict[str, Any]) -> tuple[Farm, list[str]]:
    """Play the level with the proof strategy until it is won or lost (or the press budget ends):
    each day harvest what is ripe, sell it, water what grows, sow the best crop on empty tilled plots,
    till grass for the next sowing, then sleep. Returns the farm at the end and the keys pressed."""
    farm = Farm.start(level)
    p = _Player(farm)
    plots = [(x, y) for y in range(farm.h) for x in range(farm.w)]
    while not (farm.won or farm.over) and len(p.keys) < MAX_PRESSES:
        day = farm.day

        def today(day: int = day) -> bool:
            return farm.day == day and not (farm.won or farm.over)

        for x, y in plots:
            if today() and farm.ripe(x, y):
                p.at(x, y)
        if today() and any(farm.basket):
            p.at(farm.w, BIN)
        for x, y in plots:
            if today() and farm.crop[y][x] >= 0 and not farm.ripe(x, y) and not farm.wet[y][x]:
                p.at(x, y)
        for x, y in plots:
            if not today() or farm.ticks - farm.tick < 2:
                break  # sow only what can be watered today too (sowing and watering are two tasks)
            if farm.soil[y][x] == TILLED and farm.crop[y][x] < 0:
                want = best_crop(farm, farm.coins)
                if want is None:
                    break
                while farm.sel != want:
                    p.at(farm.w, SHOP)
                p.at(x, y)
                if today():
                    p.at(x, y)
        for x, y in plots:
            if not today():
                break
            if farm.soil[y][x] == GRASS:
                p.at(x, y)
        if today():
            p.at(farm.w, BED)
    return farm, p.keys


# ---- the generator and the protocol ---------------------------------------------------------------

def _stage(req: LevelRequest) -> tuple[int, int, int, int, int]:
    """(plots wide, plots high, days, ticks a day, crops offered) for the request's place in the game."""
    i = min(req.index, 3)
    return 4 + (i >= 1), 3 + (i >= 2), 6 + i, 12 + 2 * i, 2 + i


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A farm of grass with a few tilled plots, the GDD's crops, a purse and a season; its goal is a
    share of what the proof strategy earns in the season (so :func:`solve` proves it)."""
    w, h, days, ticks, ncrops = _stage(req)
    d = max(1.0, float(req.difficulty))
    crops = [dict(c) for c in config["crops"][:max(1, ncrops)]]
    soil = _grid(w, h, GRASS)
    cells = [(x, y) for y in range(h) for x in range(w)]
    for x, y in rng.sample(cells, rng.randint(1, 3)):
        soil[y][x] = TILLED
    coins = rng.randint(3, 5) * int(crops[0]["cost"]) + rng.randint(0, 4)
    level = {"mode": "farm", "w": w, "h": h, "soil": soil, "crops": crops, "coins": coins, "days": days,
             "ticks": ticks, "goal": 10 ** 9, "stage": req.index + 1}
    end, _keys = greedy(level)
    share = min(95, GOAL_SHARE[min(req.index, len(GOAL_SHARE) - 1)] + int(5 * (d - 1)))
    gain = max(5, (end.coins - coins) * share // 100 // 5 * 5)
    level["goal"] = coins + gain
    return level


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    end, keys = greedy(level)
    if not end.won:
        return None
    return {"steps": len(keys), "keys": keys, "day": end.day, "coins": end.coins}


def describe(level: dict[str, Any]) -> str:
    crops = ", ".join(str(c["name"]) for c in level.get("crops") or [])
    return (f"farm {level.get('w')}x{level.get('h')} plots, {level.get('coins')} coins to {level.get('goal')} "
            f"in {level.get('days')} days of {level.get('ticks')} tasks; crops {crops}")
