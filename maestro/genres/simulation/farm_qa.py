"""The farm keypoints: each loads a small hand-made farm into the build's own game (see qa.py), walks
the cursor and presses Space, and compares the game with the Python rules on the same farm."""

from __future__ import annotations

from typing import Any, Callable

from maestro.genres.base import Keypoint
from maestro.genres.headless import HeadlessGame, checked, fail_if
from maestro.genres.simulation.farm import BED, BIN, SHOP, TILLED, Farm, walk
from maestro.genres.simulation.qa import call, differs, install


def farm(config: dict[str, Any], *, coins: int = 20, goal: int = 500, days: int = 8, ticks: int = 20,
         tilled: tuple[tuple[int, int], ...] = ()) -> dict[str, Any]:
    """A 3x3 farm with the build's own crops (their names from the GDD)."""
    soil = [[TILLED if (x, y) in tilled else 0 for x in range(3)] for y in range(3)]
    return {"mode": "farm", "w": 3, "h": 3, "soil": soil, "crops": [dict(c) for c in config["crops"]], "coins": coins,
            "goal": goal, "days": days, "ticks": ticks, "stage": 1, "name": "QA farm", "seed": 1, "index": 0}


class Hand:
    """The keys pressed on the game and on the rules alike."""

    def __init__(self, game: HeadlessGame, level: dict[str, Any]) -> None:
        self.game, self.py = game, Farm.start(level)
        call(game, "load", level)

    def at(self, x: int, y: int, times: int = 1) -> dict[str, Any]:
        ks = walk(self.py.cx, self.py.cy, x, y) + ["action"] * times
        for k in ks:
            self.py.press(k)
        out: dict[str, Any] = call(self.game, "keys", ks)
        why = differs(out["view"], self.py)
        fail_if(why is not None and out["status"] == "playing", f"the game and the rules differ: {why}")
        return out


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install)


def farm_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    crops = config["crops"]
    first = crops[0]
    names = ", ".join(str(c["name"]) for c in crops)

    @_guard
    def buy_costs_coins(game: HeadlessGame) -> str:
        coins = int(first["cost"]) * 2 - 1  # enough for one seed, not two
        h = Hand(game, farm(config, coins=coins, tilled=((0, 0), (1, 0))))
        r = h.at(0, 0)
        v = r["view"]
        fail_if(v["crop"][0][0] != 0, f"Space on a tilled plot did not sow the selected crop ({v['crop'][0][0]})")
        fail_if(v["coins"] != coins - int(first["cost"]), f"the seed cost {coins - v['coins']} coins, not {first['cost']}")
        r = h.at(1, 0)
        v = r["view"]
        fail_if(v["crop"][0][1] != -1, "a seed was sown with too few coins to buy it")
        fail_if(v["coins"] != coins - int(first["cost"]), "a refused seed still changed the purse")
        r = h.at(3, SHOP)
        fail_if(len(crops) > 1 and r["view"]["sel"] != 1, "the seed shop did not select the next crop")
        return (f"sowing bought a {first['name']} seed for {first['cost']} coins; with {coins - int(first['cost'])} "
                f"left a second was refused; the shop picks the next crop ({names})")

    out.append(Keypoint("buy_costs_coins", "Seeds are bought with coins: a plot is sown only when the purse pays",
                        buy_costs_coins, mechanic="currency"))

    slow = max(range(len(crops)), key=lambda i: int(crops[i]["days"]))

    @_guard
    def crop_grows(game: HeadlessGame) -> str:
        h = Hand(game, farm(config, coins=100, tilled=((0, 0), (1, 0))))
        for _ in range(slow):
            h.at(3, SHOP)
        h.at(0, 0, times=2)  # sow and water
        h.at(1, 0)  # sow, left dry
        r = h.at(3, BED)
        v = r["view"]
        fail_if(v["day"] != 2, f"sleeping did not start day 2 (day {v['day']})")
        fail_if(v["growth"][0][0] != 1, f"the watered {crops[slow]['name']} did not grow overnight ({v['growth'][0][0]})")
        fail_if(v["growth"][0][1] != 0, "the unwatered crop grew too")
        fail_if(v["wet"][0][0] != 0, "the soil was still wet the next morning")
        need = int(crops[slow]["days"])
        for _ in range(need - 1):
            h.at(0, 0)
            r = h.at(3, BED)
        fail_if(r["view"]["growth"][0][0] != need, f"after {need} watered nights the crop is at stage {r['view']['growth'][0][0]}")
        return (f"a watered {crops[slow]['name']} grew a stage each night and ripened after {need}; "
                "a dry one did not grow")

    out.append(Keypoint("crop_grows", "Crops grow over the days when watered, and ripen", crop_grows))

    @_guard
    def harvest_sells(game: HeadlessGame) -> str:
        h = Hand(game, farm(config, coins=50, tilled=((0, 0),)))
        h.at(0, 0, times=2)
        for _ in range(int(first["days"])):
            h.at(3, BED)
            h.at(0, 0)  # water again (a ripe crop is harvested instead)
        v = h.py
        fail_if(v.basket[0] != 1, "the ripe crop was not harvested into the basket")
        coins = v.coins
        r = h.at(3, BIN)
        v2 = r["view"]
        fail_if(v2["basket"][0] != 0, "selling left the crop in the basket")
        fail_if(v2["coins"] != coins + int(first["price"]), f"selling paid {v2['coins'] - coins} coins, not {first['price']}")
        fail_if(r["score"] < int(first["price"]), "the sale did not score")
        return f"a ripe {first['name']} was harvested into the basket and sold at the bin for {first['price']} coins"

    out.append(Keypoint("harvest_sells", "Harvest ripe crops and sell them for coins", harvest_sells, mechanic="collect"))

    @_guard
    def day_advances(game: HeadlessGame) -> str:
        h = Hand(game, farm(config, ticks=3))
        r = h.at(3, BED)
        fail_if(r["view"]["day"] != 2, "the bed did not end the day")
        h.at(0, 0)
        h.at(1, 0)
        r = h.at(2, 0)
        v = r["view"]
        fail_if(v["day"] != 3 or v["tick"] != 0, f"the day's 3 tasks spent did not end the day (day {v['day']}, task {v['tick']})")
        return "sleeping ended the day, and so did spending the day's last task"

    out.append(Keypoint("day_advances", "In-game days pass: sleep, or the day's time runs out", day_advances))

    @_guard
    def coin_goal_wins(game: HeadlessGame) -> str:
        cost, price, days = int(first["cost"]), int(first["price"]), int(first["days"])
        goal = 2 * price  # from a purse of two seeds: two crops bought, grown and sold
        h = Hand(game, farm(config, coins=2 * cost, goal=goal, days=2 * days + 3, tilled=((0, 0), (1, 0))))

        def grow(x: int) -> dict[str, Any]:
            h.at(x, 0, times=2)  # sow and water
            for _ in range(days - 1):
                h.at(3, BED)
                h.at(x, 0)
            h.at(3, BED)
            h.at(x, 0)  # harvest
            return h.at(3, BIN)

        r = grow(0)
        fail_if(r["cleared"] or r["status"] == "won", f"a sale short of the goal ({r['view']['coins']} of {goal}) won")
        r = grow(1)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"reaching {goal} coins did not win ({r['status']})")
        return f"the sale that brought the purse to the {goal}-coin goal won the level (not the one before)"

    out.append(Keypoint("coin_goal_wins", "Reach the coin goal to win", coin_goal_wins))

    @_guard
    def days_run_out_loses(game: HeadlessGame) -> str:
        h = Hand(game, farm(config, days=2))
        r = h.at(3, BED)
        fail_if(r["status"] != "playing", "the first night of two already ended the game")
        r = h.at(3, BED)
        fail_if(r["status"] != "lost", f"the last day ended short of the goal and the game is {r['status']!r}")
        fail_if(r["last_loss"] != "the days ran out", f"the loss says {r['last_loss']!r}")
        return "the night of the last day, short of the coin goal, lost the game"

    out.append(Keypoint("days_run_out_loses", "The days run out before the goal: the game is lost", days_run_out_loses))

    @_guard
    def gdd_crops(game: HeadlessGame) -> str:
        lv = levels[0]
        v = call(game, "load", lv)
        fail_if(v is None or v["mode"] != "farm", "level 1 is not a farm")
        shown = [str(c["name"]) for c in lv["crops"]]
        fail_if(shown != [str(c["name"]) for c in crops[:len(shown)]], f"level 1 offers {shown}, not the game's crops")
        seen = game.js("__game.game.world.crops.map(function (c) { return c.name; })")
        fail_if(seen != shown, f"the running farm offers {seen}")
        return f"level 1 offers {', '.join(shown)} at the seed shop"

    out.append(Keypoint("gdd_crops", f"The crops are the game's own: {names}", gdd_crops))
    return out
