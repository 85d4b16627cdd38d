"""A shop (genre "simulation", mode "shop"): the rule book, the generator and the solver.

The rules, integers only and the same as ``simulation.js`` plays them. A counter of ``n`` goods (the
GDD's own, each bought for ``cost`` and sold for ``price``) and, right of them, the shop door. Left /
Right move the cursor; Space on a good buys one for the shelf (refused when the purse is short or the
shelf holds ``shelf`` of it already); Space on the door opens the shop for the day: the day's customers
(``level.orders[day - 1]``, each wanting one good, shown on the board in the morning) come in turn and
buy what is on the shelf (coins and score), or leave empty-handed. Then the day ends. Coins reaching
``goal`` after a day win; the last day (``days``) closing short of it loses. Stock keeps overnight.

The generator draws the customers and plays :func:`restock` (each morning buy what today's customers
want, the best margins first, as far as the purse goes, then open) over the real rules; the goal is a
share of what that earns, so the same strategy is the proof.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from maestro.spec import LevelRequest

GOAL_SHARE = (75, 80, 85, 90)
MAX_PRESSES = 4000


@dataclass
class Shop:
    """One shop level under the rules of the module docstring."""

    goods: list[dict[str, Any]]
    shelf: int
    orders: list[list[int]]
    coins: int
    goal: int
    days: int
    stock: list[int]
    cursor: int = 0
    day: int = 1
    sold: int = 0
    missed: int = 0
    score: int = 0
    won: bool = False
    over: bool = False

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Shop":
        goods = [dict(g) for g in level["goods"]]
        return cls(goods=goods, shelf=int(level["shelf"]), orders=[list(map(int, o)) for o in level["orders"]],
                   coins=int(level["coins"]), goal=int(level["goal"]), days=int(level["days"]), stock=[0] * len(goods))

    def today(self) -> list[int]:
        return self.orders[self.day - 1] if 0 < self.day <= len(self.orders) else []

    def open_shop(self) -> str:
        """The day's customers buy what is on the shelf; the day ends."""
        for want in self.today():
            if self.stock[want] > 0:
                self.stock[want] -= 1
                price = int(self.goods[want]["price"])
                self.coins += price
                self.score += price
                self.sold += 1
            else:
                self.missed += 1
        if self.coins >= self.goal:
            self.won = True
        self.day += 1
        if self.day > self.days and not self.won:
            self.over = True
        return "open"

    def press(self, key: str) -> str:
        if self.won or self.over:
            return ""
        n = len(self.goods)
        if key in ("left", "right"):
            self.cursor = min(n, max(0, self.cursor + (1 if key == "right" else -1)))
            return "cursor"
        if key != "action":
            return ""
        if self.cursor == n:
            return self.open_shop()
        good = self.goods[self.cursor]
        if self.coins < int(good["cost"]):
            return "broke"
        if self.stock[self.cursor] >= self.shelf:
            return "full"
        self.coins -= int(good["cost"])
        self.stock[self.cursor] += 1
        return "buy"

    @property
    def lost(self) -> bool:
        """The level is lost (headless.LivesReplay's name for ``over``)."""
        return self.over

    @lost.setter
    def lost(self, value: bool) -> None:
        self.over = value


def restock(level: dict[str, Any]) -> tuple[Shop, list[str]]:
    """The proof strategy: each morning, for the goods today's customers want (best margin first), buy up
    to what they want as far as the purse and the shelf go, then open. Returns the shop and the keys."""
    shop = Shop.start(level)
    keys: list[str] = []

    def press(k: str) -> None:
        keys.append(k)
        shop.press(k)

    def go(i: int) -> None:
        while shop.cursor != i:
            press("right" if i > shop.cursor else "left")

    n = len(shop.goods)
    while not (shop.won or shop.over) and len(keys) < MAX_PRESSES:
        want = [shop.today().count(i) for i in range(n)]
        order = sorted(range(n), key=lambda i: (-(int(shop.goods[i]["price"]) - int(shop.goods[i]["cost"])), i))
        for i in order:
            need = min(want[i], shop.shelf) - shop.stock[i]
            if need > 0:
                go(i)
            for _ in range(max(0, need)):
                if shop.coins < int(shop.goods[i]["cost"]):
                    break
                press("action")
        go(n)
        press("action")
    return shop, keys


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """The GDD's goods, a season of customers (more each day and each level) and a goal the restocking
    strategy reaches."""
    i = min(req.index, 3)
    d = max(1.0, float(req.difficulty))
    goods = [dict(g) for g in config["goods"][:2 + min(i, 2)]]
    days = 5 + i
    orders = [[rng.randrange(len(goods)) for _ in range(2 + day + i)] for day in range(days)]
    level: dict[str, Any] = {"mode": "shop", "goods": goods, "shelf": 3 + i, "orders": orders, "days": days,
                             "coins": 2 * int(goods[0]["cost"]) + rng.randint(0, 3), "goal": 10 ** 9, "stage": req.index + 1}
    end, _keys = restock(level)
    share = min(95, GOAL_SHARE[min(req.index, len(GOAL_SHARE) - 1)] + int(5 * (d - 1)))
    level["goal"] = level["coins"] + max(5, (end.coins - level["coins"]) * share // 100 // 5 * 5)
    return level


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    end, keys = restock(level)
    if not end.won:
        return None
    return {"steps": len(keys), "keys": keys, "day": end.day, "coins": end.coins}


def describe(level: dict[str, Any]) -> str:
    goods = ", ".join(str(g["name"]) for g in level.get("goods") or [])
    customers = sum(len(o) for o in level.get("orders") or [])
    return (f"shop of {goods}; {customers} customers over {level.get('days')} days; "
            f"{level.get('coins')} coins to {level.get('goal')}")
