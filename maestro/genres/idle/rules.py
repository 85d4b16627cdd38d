"""Idle / incremental games (genre "idle"): the rule book, the level generator and the solver.

The rules, integers only and the same as ``idle.js`` plays them, one step a frame (60 a second). The
shop's rows are the level's generators (``level.gens``: a base cost and a rate, the currency a second
each one owned makes) and then its upgrades (``level.upgrades``: a cost, a target -- a generator's index,
or -1 for the click -- and a factor). Per frame, in this order:

1. the cursor: ``up`` / ``down`` move it one row (wrapping round);
2. buying: ``right`` buys the cursor's row, then every ``buyN`` (number key N, a tapped row) buys row N
   (1-based) and puts the cursor there. A generator costs its ``cost``; once bought the next one costs
   ``max(cost + 1, (cost * GROWTH + 50) // 100)`` (x1.15, rounded). An upgrade is bought once, only when
   its generator is owned (the click's always), and multiplies that generator's rate (or the click) by
   its factor. A buy the bank cannot pay is refused and changes nothing;
3. clicking: every ``action`` (Space, a tap on the big thing) earns ``click * click_mult``;
4. income: ``acc += (clicks * click * click_mult * 60 + rate) * boost`` (rate: the sum of owned * rate *
   mult over the generators; boost: 100, plus ``prestige.bonus`` per prestige point), then
   ``acc // 6000`` is paid and ``acc % 6000`` kept, so a rate of 90 a second pays 1 and 2 on alternate
   frames and a click with no prestige point pays exactly ``click * click_mult``;
5. judgement: the bank reaching ``level.goal`` wins the milestone; frame ``level.frames`` without it loses.

Prestige, when the GDD asks for it (``level.prestige``: a name, ``need``, ``bonus``): the shop's last row.
Bought once ``run`` (what this run has earned) reaches ``need``, it gives ``run // need`` points and begins
anew: the bank, the generators, their prices, the upgrades and the click are as at the start.

The solver (:func:`greedy`) clicks every ``CLICK_EVERY`` frames (4 a second, a pace anyone keeps up) and
saves for the row that pays itself back soonest, walking the cursor there with Up / Down and buying with
Right, as long as it pays back before the clock runs out. Each level's goal is ``GOAL_SHARE`` % of the
bank that strategy ends with, so it is proved winnable, while doing nothing (no clicks, no income) or
clicking alone falls short.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from maestro.gdd.text import fold
from maestro.spec import GameSpec, LevelRequest

FPS = 60
GROWTH = 115  # each generator bought makes the next cost 115 % (rounded)
CLICK_EVERY = 15  # the strategy's clicks: every 15 frames, 4 a second
GOAL_SHARE = 80  # a goal is this share (%) of the bank the strategy ends with
MAX_ROWS = 9  # number keys 1-9
KEYS = ("up", "down", "right", "action")


def next_cost(cost: int) -> int:
    """What the next one of a generator costs once one more is owned (x1.15, rounded, always rising)."""
    return max(cost + 1, (cost * GROWTH + 50) // 100)


@dataclass
class Economy:
    """One milestone level under the rules of the module docstring."""

    gens: list[dict[str, int]]
    upgrades: list[dict[str, int]]
    click: int
    goal: int
    frames: int
    bank: int = 0
    earned: int = 0
    run: int = 0
    points: int = 0
    f: int = 0
    acc: int = 0
    cursor: int = 0
    clicks: int = 0
    click_mult: int = 1
    owned: list[int] = field(default_factory=list)
    cost: list[int] = field(default_factory=list)
    mult: list[int] = field(default_factory=list)
    bought: list[bool] = field(default_factory=list)
    prestige: dict[str, int] = field(default_factory=dict)
    won: bool = False
    over: bool = False

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Economy":
        gens = [{"cost": int(g["cost"]), "rate": int(g["rate"])} for g in level["gens"]]
        ups = [{"cost": int(u["cost"]), "target": int(u["target"]), "factor": int(u["factor"])}
               for u in level.get("upgrades") or []]
        pre = level.get("prestige") or {}
        prestige = {"need": int(pre["need"]), "bonus": int(pre["bonus"])} if pre else {}
        return cls(gens=gens, upgrades=ups, click=int(level["click"]), goal=int(level["goal"]),
                   frames=int(level["frames"]), bank=int(level.get("start") or 0),
                   owned=[0] * len(gens), cost=[g["cost"] for g in gens], mult=[1] * len(gens),
                   bought=[False] * len(ups), prestige=prestige)

    @property
    def rows(self) -> int:
        return len(self.gens) + len(self.upgrades) + (1 if self.prestige else 0)

    def boost(self) -> int:
        """Every earning's percentage: 100, plus the prestige bonus per point."""
        return 100 + (self.prestige.get("bonus", 0) * self.points if self.prestige else 0)

    def rate(self) -> int:
        """The currency a second the generators make now."""
        return sum(n * g["rate"] * m for n, g, m in zip(self.owned, self.gens, self.mult))

    def click_value(self) -> int:
        return self.click * self.click_mult

    def price(self, row: int) -> int | None:
        """What row ``row`` costs now; None when it cannot be bought (an upgrade bought, or locked)."""
        n = len(self.gens)
        if row < n:
            return self.cost[row]
        u = row - n
        if u == len(self.upgrades) and self.prestige:
            return 0 if self.run >= self.prestige["need"] else None
        if u >= len(self.upgrades) or self.bought[u]:
            return None
        target = self.upgrades[u]["target"]
        if target >= 0 and self.owned[target] == 0:
            return None
        return self.upgrades[u]["cost"]

    def buy(self, row: int) -> str:
        """Buy row ``row``: "buy", "upgrade", or "refused" (locked, bought, or the bank short)."""
        price = self.price(row) if 0 <= row < self.rows else None
        if price is None or self.bank < price:
            return "refused"
        n = len(self.gens)
        if row == n + len(self.upgrades):
            return self.begin_anew()
        self.bank -= price
        if row < n:
            self.owned[row] += 1
            self.cost[row] = next_cost(self.cost[row])
            return "buy"
        u = self.upgrades[row - n]
        self.bought[row - n] = True
        if u["target"] < 0:
            self.click_mult *= u["factor"]
        else:
            self.mult[u["target"]] *= u["factor"]
        return "upgrade"

    def begin_anew(self) -> str:
        """Prestige: points for this run, then everything as at the start but the points."""
        self.points += self.run // self.prestige["need"]
        self.bank = self.run = self.acc = 0
        self.owned = [0] * len(self.gens)
        self.cost = [g["cost"] for g in self.gens]
        self.mult = [1] * len(self.gens)
        self.bought = [False] * len(self.upgrades)
        self.click_mult = 1
        return "prestige"

    def step(self, keys: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
        """One frame with ``keys`` pressed on it (see the module docstring for their order); what
        happened last ("cursor", "buy", "upgrade", "refused", "click", "won", "lost" or "")."""
        if self.won or self.over:
            return ""
        what = ""
        keys = list(keys)
        self.f += 1
        rows = self.rows
        for k in keys:
            if k == "up":
                self.cursor = (self.cursor - 1 + rows) % rows
                what = "cursor"
            elif k == "down":
                self.cursor = (self.cursor + 1) % rows
                what = "cursor"
        if "right" in keys:
            what = self.buy(self.cursor)
        for k in keys:
            if k.startswith("buy") and k[3:].isdigit():
                row = int(k[3:]) - 1
                if 0 <= row < rows:
                    self.cursor = row
                    what = self.buy(row)
        clicks = sum(1 for k in keys if k == "action")
        if clicks:
            self.clicks += clicks
            what = what or "click"
        self.acc += (clicks * self.click_value() * FPS + self.rate()) * self.boost()
        pay, self.acc = divmod(self.acc, FPS * 100)
        self.bank += pay
        self.earned += pay
        self.run += pay
        if self.bank >= self.goal:
            self.won = True
            return "won"
        if self.f >= self.frames:
            self.over = True
            return "lost"
        return what


# ---- the greedy strategy (the proof) ---------------------------------------------------------------

def best_row(e: Economy) -> int | None:
    """The row the strategy saves for: the one whose price is paid back soonest by what it adds (income a
    second; the click's upgrade at the strategy's clicking pace), if that is before the clock runs out."""
    seconds_left = (e.frames - e.f) / FPS
    best: tuple[float, int] | None = None
    n = len(e.gens)
    for row in range(e.rows):
        price = e.price(row)
        if price is None:
            continue
        if row >= n + len(e.upgrades):
            continue  # prestige: never within one milestone (it empties the bank the goal counts)
        if row < n:
            gain = e.gens[row]["rate"] * e.mult[row]
        else:
            u = e.upgrades[row - n]
            if u["target"] < 0:
                gain = e.click_value() * (u["factor"] - 1) * FPS // CLICK_EVERY
            else:
                gain = e.owned[u["target"]] * e.gens[u["target"]]["rate"] * e.mult[u["target"]] * (u["factor"] - 1)
        if gain <= 0:
            continue
        # seconds until it is paid for (saving at the current pace) plus seconds it takes to pay back
        pace = e.rate() + e.click_value() * FPS / CLICK_EVERY
        wait = max(0.0, (price - e.bank) / pace) if pace > 0 else float("inf")
        payback = wait + price / gain
        if payback < seconds_left and (best is None or payback < best[0]):
            best = (payback, row)
    return best[1] if best else None


def plan_frame(e: Economy) -> list[str]:
    """The strategy's keys for the next frame of ``e``."""
    keys: list[str] = []
    if (e.f + 1) % CLICK_EVERY == 0:
        keys.append("action")
    row = best_row(e)
    if row is not None:
        if e.cursor != row:
            down = (row - e.cursor) % e.rows
            keys.insert(0, "down" if down <= e.rows - down else "up")
        elif e.bank >= (e.price(row) or 0):
            keys.insert(0, "right")
    return keys


def greedy(level: dict[str, Any]) -> tuple[Economy, dict[int, list[str]]]:
    """The strategy played frame by frame: the level's end and its taps (frame index -> keys)."""
    e = Economy.start(level)
    taps: dict[int, list[str]] = {}
    for i in range(e.frames + 1):
        if e.won or e.over:
            break
        keys = plan_frame(e)
        if keys:
            taps[i] = keys
        e.step(keys)
    return e, taps


def clicking_only(level: dict[str, Any]) -> Economy:
    """The level with only clicks at the strategy's pace (nothing bought)."""
    e = Economy.start(level)
    while not (e.won or e.over):
        e.step(["action"] if (e.f + 1) % CLICK_EVERY == 0 else [])
    return e


def idle(level: dict[str, Any]) -> Economy:
    """The level with nothing pressed at all."""
    e = Economy.start(level)
    while not (e.won or e.over):
        e.step([])
    return e


# ---- the GDD's names -----------------------------------------------------------------------------

_CURRENCY = (
    re.compile(r"\b(?:main |primary |only )?currency (?:is|called|named|of the game is) (?:the )?([a-z][a-z' -]{1,20}?)\b(?=[,.;:!)]| and | which | that |$)"),
    re.compile(r"\b(?:earn|gather|collect|make|generate|produce|accumulat\w*|bank)s? (?:as much |more |enough )?([a-z]{3,16}) "
               r"(?:by|as|per|each|every|from)\b"),
    re.compile(r"\b([a-z]{3,16}) (?:per|a|each) second\b"),
    re.compile(r"\bgains? of ([a-z]{3,16})\b"),
    re.compile(r"\b(?:to|and) (?:earn|collect|gather|bake|make|mine|harvest|grow|brew)s? ([a-z]{3,16})\b"),
)
_NOT_CURRENCY = frozenset({"the", "points", "point", "score", "more", "them", "it", "you", "player", "time", "game", "money",
                           "resources", "resource", "units", "things", "stuff", "gold", "currency", "currencies"})
_BIG = re.compile(r"\b(?:big|giant|huge|large|central|clickable|tappable)\b")
_CLICKED = re.compile(r"\b(?:big|giant|huge|large|central|clickable|tappable)\b|\bclick\w*|\btap\w*|\bpress\w*")
_PRESTIGE = re.compile(r"\bprestig\w*|\bascen(?:sion|d)\w*|\brebirths?\b|\breincarnat\w*|\bbegin(?:s|ning)? anew\b|"
                       r"\bstart(?:s|ing)? (?:over|anew)\b")
_PRESTIGE_NAMES = (("ascen", "Ascension"), ("rebirth", "Rebirth"), ("reincarnat", "Reincarnation"))
_STOCK_GENS = ("Helper", "Workshop", "Mill", "Factory")
_STOCK_UPS = ("Sharper Clicks", "Faster {g}", "Busier {g}")


def _words(spec: GameSpec) -> str:
    said = [spec.summary] + [r.words for r in spec.requirements if r.words]
    return fold(" \n ".join(said))


def currency_of(spec: GameSpec) -> str:
    """The GDD's currency: the one it calls its currency, else what it earns a second or by clicking; the
    currency mechanic's name when the GDD said it; else "Coins"."""
    text = _words(spec)
    for pattern in _CURRENCY:
        for m in pattern.finditer(text):
            word = m.group(1).strip()
            if word and word.split()[0] not in _NOT_CURRENCY and len(word.split()) <= 2:
                return word.title()
    for mech in spec.mechanics:
        name = str(mech.params.get("name") or "")
        if mech.id == "currency" and name and name.lower() in fold(mech.source):
            return name.title()
    return "Coins"


def _named(spec: GameSpec) -> list[tuple[str, str, str]]:
    """(name, slug, description) of the things the GDD names (Maestro's stock fill-ins left out; its goal
    is a milestone, never a thing to buy)."""
    out = [(e.name, e.slug, e.description) for e in spec.items if not e.stock]
    out += [(e.name, e.slug, e.description) for e in spec.enemies if not e.stock]
    return out


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The GDD's names: its currency, the big thing clicked, the generators bought (what it names beside
    the clicked thing, else the currency's own helpers and workshops) and their upgrades."""
    currency = currency_of(spec)
    money = fold(currency).rstrip("s")
    named = [t for t in _named(spec) if fold(t[0]).rstrip("s") != money]  # the currency is no thing to buy
    clicked = next(((n, s) for n, s, _ in named if _BIG.search(fold(n))), None) or \
        next(((n, s) for n, s, d in named if _CLICKED.search(fold(n + " " + d))), None)
    others = [(n, s) for n, s, _ in named if (n, s) != clicked]
    gens = [{"name": n, "slug": s} for n, s in others[:4]]
    for stock in _STOCK_GENS:  # the GDD's own when it names two or more, else the currency's helpers
        if len(gens) >= (2 if len(others) >= 2 else 3):
            break
        gens.append({"name": f"{currency} {stock}", "slug": ""})
    click_name, click_slug = clicked if clicked else (f"the {currency}", "")
    ups = [{"name": _STOCK_UPS[0], "target": -1}, {"name": _STOCK_UPS[1].format(g=gens[0]["name"]), "target": 0},
           {"name": _STOCK_UPS[2].format(g=gens[1]["name"]), "target": 1}]
    time_limit = int(spec.time_limit or 0)
    said = _PRESTIGE.search(_words(spec))
    prestige = next((name for stem, name in _PRESTIGE_NAMES if said and said.group(0).startswith(stem)), "Prestige") \
        if said else ""
    return {"currency": currency, "clicked": click_name, "clicked_slug": click_slug,
            "gens": gens, "upgrades": ups, "time_limit": time_limit, "prestige": prestige}


# ---- levels --------------------------------------------------------------------------------------

BASE = ((15, 1), (100, 6), (600, 30), (3500, 150))  # (cost, rate a second) of the four generators


def _nice(n: int) -> int:
    """``n`` rounded down to two significant digits (a goal a player reads at a glance)."""
    if n < 100:
        return max(1, n)
    scale: int = 10 ** (len(str(n)) - 2)
    return n // scale * scale


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A milestone: 60, 90, 120 seconds to bank the goal, the prices a little dearer each level."""
    i = min(req.index, 3)
    seconds = 60 + 30 * i
    limit = int(config.get("time_limit") or 0)
    if limit:  # the GDD's own time limit; ours ends a frame before the runtime's clock would
        seconds = max(20, min(seconds, limit - 1))
    dear = 100 + 10 * i + rng.randint(0, 10)
    names = config.get("gens") or [{"name": s, "slug": ""} for s in _STOCK_GENS]
    gens = [{"name": g["name"], "slug": g.get("slug", ""), "cost": BASE[k][0] * dear // 100, "rate": BASE[k][1]}
            for k, g in enumerate(names[:len(BASE)])]
    ups_cfg = config.get("upgrades") or []
    up_costs = (50 * dear // 100, 10 * gens[0]["cost"], 10 * gens[min(1, len(gens) - 1)]["cost"])
    ups = [{"name": u["name"], "target": int(u["target"]), "factor": 2, "cost": up_costs[k]}
           for k, u in enumerate(ups_cfg[:3]) if int(u["target"]) < len(gens)]
    level: dict[str, Any] = {"mode": "milestones", "gens": gens, "upgrades": ups, "click": 1, "start": 0,
                             "frames": seconds * FPS, "goal": 10 ** 12, "stage": req.index + 1}
    end, _ = greedy(level)
    goal = _nice(end.bank * GOAL_SHARE // 100)
    level["goal"] = goal
    if config.get("prestige"):  # a point for each quarter of the goal earned in a run, +25 % each
        level["prestige"] = {"name": config["prestige"], "need": max(1, goal // 4), "bonus": 25}
    return level


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    end, taps = greedy(level)
    if not end.won or clicking_only(level).won or idle(level).won:
        return None
    return {"steps": sum(len(k) for k in taps.values()), "taps": {str(f): k for f, k in taps.items()},
            "frames": end.f, "owned": end.owned}


def describe(level: dict[str, Any]) -> str:
    return (f"milestone: bank {level.get('goal')} in {int(level.get('frames') or 0) // FPS} s, "
            f"{len(level.get('gens') or [])} generators, {len(level.get('upgrades') or [])} upgrades")
