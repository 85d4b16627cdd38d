"""The shop keypoints: each loads a small hand-made shop into the build's own game (see qa.py), buys
stock and opens the door, and compares the game with the Python rules on the same shop."""

from __future__ import annotations

from typing import Any, Callable

from maestro.genres.base import Keypoint
from maestro.genres.headless import HeadlessGame, checked, fail_if
from maestro.genres.simulation.qa import call, differs, install
from maestro.genres.simulation.shop import Shop


def shop_level(config: dict[str, Any], orders: list[list[int]], *, coins: int = 50, goal: int = 1000,
               shelf: int = 3) -> dict[str, Any]:
    """A shop with the build's own goods (their names from the GDD) and the given customers per day."""
    return {"mode": "shop", "goods": [dict(g) for g in config["goods"]], "shelf": shelf, "orders": orders,
            "days": len(orders), "coins": coins, "goal": goal, "stage": 1, "name": "QA shop", "seed": 1, "index": 0}


class Hand:
    """The keys pressed on the game and on the rules alike."""

    def __init__(self, game: HeadlessGame, level: dict[str, Any]) -> None:
        self.game, self.py = game, Shop.start(level)
        call(game, "load", level)

    def at(self, i: int, times: int = 1) -> dict[str, Any]:
        ks = ["right" if i > self.py.cursor else "left"] * abs(i - self.py.cursor) + ["action"] * times
        for k in ks:
            self.py.press(k)
        out: dict[str, Any] = call(self.game, "keys", ks)
        why = differs(out["view"], self.py)
        fail_if(why is not None and out["status"] == "playing", f"the game and the rules differ: {why}")
        return out

    def open(self) -> dict[str, Any]:
        return self.at(len(self.py.goods))


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install)


def shop_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    goods = config["goods"]
    first = goods[0]
    cost, price = int(first["cost"]), int(first["price"])
    names = ", ".join(str(g["name"]) for g in goods)

    @_guard
    def buy_costs_coins(game: HeadlessGame) -> str:
        dear = int(goods[1]["cost"])
        coins = 2 * cost + dear - 1  # two of the first good, then one coin short of the second (enough for a third first)
        h = Hand(game, shop_level(config, [[0]], coins=coins, shelf=2))
        r = h.at(0, times=2)
        fail_if(r["view"]["stock"][0] != 2 or r["view"]["coins"] != coins - 2 * cost,
                f"buying two {first['name']} gave stock {r['view']['stock'][0]} for {coins - r['view']['coins']} coins")
        r = h.at(0)
        fail_if(r["view"]["stock"][0] != 2 or r["view"]["coins"] != coins - 2 * cost, "a third was bought past the full shelf")
        r = h.at(1)
        fail_if(r["view"]["stock"][1] != 0, f"a {goods[1]['name']} was bought with too few coins")
        return (f"a {first['name']} cost {cost} coins for the shelf; a third past the shelf's 2 was refused, and a "
                f"{goods[1]['name']} the purse could not pay for")

    out.append(Keypoint("buy_costs_coins", "Stock is bought with coins for the shelf", buy_costs_coins,
                        mechanic="currency"))

    @_guard
    def customer_buys(game: HeadlessGame) -> str:
        h = Hand(game, shop_level(config, [[0, 0, 1], [0]], coins=cost))
        h.at(0)
        r = h.open()
        v = r["view"]
        fail_if(v["sold"] != 1 or v["missed"] != 2, f"with one {first['name']} on the shelf, {v['sold']} sold and {v['missed']} left")
        fail_if(v["coins"] != price, f"the sale paid {v['coins']} coins, not {price}")
        fail_if(r["score"] < price, "the sale did not score")
        return f"the day's first customer bought the only {first['name']} for {price}; the next two left empty-handed"

    out.append(Keypoint("customer_buys", "Customers come in and buy what is on the shelf", customer_buys, mechanic="score"))

    @_guard
    def day_advances(game: HeadlessGame) -> str:
        h = Hand(game, shop_level(config, [[0], [1], [0]]))
        h.at(0)
        r = h.open()
        fail_if(r["view"]["day"] != 2, "opening the shop did not end the day")
        fail_if(r["view"]["stock"][0] != 0, "the day's customer did not buy")
        h.at(0)
        r = h.at(1)  # stock bought on day 2 keeps until day 3's customer
        r = h.open()
        fail_if(r["view"]["day"] != 3 or r["view"]["stock"][0] != 1, "stock did not keep overnight")
        return "each opening of the shop served that day's customers and started the next day; stock kept overnight"

    out.append(Keypoint("day_advances", "In-game days pass: each opening serves a day of customers", day_advances))

    @_guard
    def coin_goal_wins(game: HeadlessGame) -> str:
        h = Hand(game, shop_level(config, [[0], [0], [0]], coins=cost, goal=2 * price - cost))
        h.at(0)
        r = h.open()
        fail_if(r["cleared"] or r["status"] == "won", f"a day short of the goal ({r['view']['coins']}) won")
        h.at(0)
        r = h.open()
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"reaching the goal did not win ({r['status']})")
        return f"the day that brought the purse to the {2 * price - cost}-coin goal won the level (not the one before)"

    out.append(Keypoint("coin_goal_wins", "Reach the money goal to win", coin_goal_wins))

    @_guard
    def days_run_out_loses(game: HeadlessGame) -> str:
        h = Hand(game, shop_level(config, [[0], [0]]))
        r = h.open()
        fail_if(r["status"] != "playing", "the first of two days already ended the game")
        r = h.open()
        fail_if(r["status"] != "lost", f"the last day closed short of the goal and the game is {r['status']!r}")
        fail_if(r["last_loss"] != "the days ran out", f"the loss says {r['last_loss']!r}")
        return "the last day closing short of the money goal lost the game"

    out.append(Keypoint("days_run_out_loses", "The days run out before the goal: the game is lost", days_run_out_loses))

    @_guard
    def gdd_goods(game: HeadlessGame) -> str:
        v = call(game, "load", levels[0])
        fail_if(v is None or v["mode"] != "shop", "level 1 is not a shop")
        seen = game.js("__game.game.world.goods.map(function (g) { return g.name; })")
        want = [str(g["name"]) for g in levels[0]["goods"]]
        fail_if(seen != want or want != [str(g["name"]) for g in goods[:len(want)]], f"the running shop sells {seen}")
        return f"level 1 sells {', '.join(want)}"

    out.append(Keypoint("gdd_goods", f"The goods are the game's own: {names}", gdd_goods))
    return out
