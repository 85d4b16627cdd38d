"""Query for the manage mode: the bot (the dispatch strategy's taps on the world's own frames, in one V8
call), the frame-by-frame agreement of manage.js with :class:`manage.Manage`, and the keypoints, each a
small hand-made shift loaded into the build's own game (see qa.py) with the outcome the Python rules give
on the same shift."""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessGame, Presses, checked, fail_if, replay_level_one
from maestro.genres.simulation import manage
from maestro.genres.simulation.manage import Manage
from maestro.genres.simulation.qa import SETTLE_FRAMES, call, install

FIELDS = ("coins", "rep", "f", "cursor", "nxt", "queue", "busy", "job", "up", "served", "missed", "score", "won",
          "over")
AGREE_FRAMES = 1500

_AGREE_JS = """
var __mng = {
  agree: function (lv, taps, n) {
    __sim.load(lv);
    var rows = [], G = __game.game;
    for (var i = 0; i < n; i++) {
      var ks = taps[i] || [];
      ks.forEach(function (k) { __game.press(k, true); });
      __game.step(1);
      ks.forEach(function (k) { __game.press(k, false); });
      var v = __sim.view();
      rows.push([%s, G.status]);
      if (G.status !== 'playing' || G.cleared > 0 || v.won || v.over) break;
    }
    return rows;
  }
};
""" % ", ".join(f"v.{k}" for k in FIELDS)


def install_manage(game: HeadlessGame) -> None:
    install(game)
    if not game.js("typeof __mng !== 'undefined'"):
        game.run(_AGREE_JS)


def differs(view: dict[str, Any] | None, m: Manage) -> str | None:
    if view is None:
        return "the game has no level running"
    for k in FIELDS:
        if view.get(k) != getattr(m, k):
            return f"{k} is {str(view.get(k))[:120]} in the game, {str(getattr(m, k))[:120]} by the rules"
    return None


# ---- the bot -------------------------------------------------------------------------------------

def play_level_one(game: HeadlessGame, level: dict[str, Any]) -> BotResult:
    end, taps = manage.dispatch(level, int(level.get("plan", 2)))
    if not end.won:
        return BotResult(False, 0, "the dispatch strategy does not reach level 1's money goal")
    report = ("(function (now, played) { var w = played || now; return {coins: w ? w.coins : null, "
              "served: w ? w.served : null, f: w ? w.f : null}; })")
    return replay_level_one(
        game, install_manage, Presses(taps=taps), end.f + SETTLE_FRAMES, report=report,
        won=lambda out: f"earned {end.coins} of the {level['goal']} goal in {end.f} frames, {end.served} served, "
                        f"{end.missed} walked away, {sum(end.up)} upgrades, with the dispatch strategy's "
                        f"{sum(map(len, taps.values()))} taps",
        lost=lambda out: f"the shift has {out.get('coins')} of {level['goal']} after {out.get('f')} frames",
        steps=sum(map(len, taps.values())))


# ---- rules_agree ---------------------------------------------------------------------------------

def rules_agree(game: HeadlessGame, level: dict[str, Any], rng: random.Random) -> str | None:
    """Random taps (mostly Space, some arrows and Up) on random frames of ``level`` in the real manage.js
    and through the Python rules, compared after every frame. None when they agree to the end."""
    install_manage(game)
    taps = {i: [rng.choice(["left", "right", "up", "action", "action", "action"])]
            for i in range(AGREE_FRAMES) if rng.random() < 0.08}
    rows = game.js(f"__mng.agree({json.dumps(level)}, {json.dumps({str(i): k for i, k in taps.items()})}, {AGREE_FRAMES})")
    py = Manage.start(level)
    for i in range(AGREE_FRAMES):
        if i >= len(rows):
            return f"the game stopped after {i} frames while the rules play on"
        py.step(set(taps.get(i, [])))
        js = rows[i]
        for k, a in zip(FIELDS, js):
            if a != getattr(py, k):
                return f"frame {i + 1}: {k} is {str(a)[:120]} in the game, {str(getattr(py, k))[:120]} by the rules"
        if (js[-1] == "won") != py.won and not py.won:
            return f"frame {i + 1}: the game is {js[-1]} while the rules play on"
        if py.won or py.over:
            return None
    return None


# ---- keypoints -----------------------------------------------------------------------------------

def shift(config: dict[str, Any], arrivals: list[list[int]], *, work: int = 30, goal: int = 1000, rep: int = 5,
          length: int = 2000, upcost: int = 10, coins: int = 0) -> dict[str, Any]:
    """A shift at the build's own stations (their names from the GDD), each serving in ``work`` frames."""
    stations = [{**s, "work": work, "value": 5} for s in config["stations"][:2]]
    return {"mode": "manage", "stations": stations, "arrivals": arrivals, "length": length, "goal": goal, "rep": rep,
            "upcost": upcost, "coins": coins, "stage": 1, "name": "QA shift", "seed": 1, "index": 0}


class Hand:
    """Keys tapped and frames let pass on the game and on the rules alike."""

    def __init__(self, game: HeadlessGame, level: dict[str, Any]) -> None:
        self.game, self.py = game, Manage.start(level)
        call(game, "load", level)

    def tap(self, key: str) -> dict[str, Any]:
        self.py.step({key})
        self.py.step(set())
        out: dict[str, Any] = call(self.game, "key", key)
        self._same(out)
        return out

    def wait(self, frames: int) -> dict[str, Any]:
        for _ in range(frames):
            self.py.step(set())
        out: dict[str, Any] = call(self.game, "frames", frames)
        self._same(out)
        return out

    def _same(self, out: dict[str, Any]) -> None:
        why = differs(out["view"], self.py)
        fail_if(why is not None and out["status"] == "playing", f"the game and the rules differ: {why}")


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install_manage)


def manage_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    req = str(config.get("request") or "Request").lower()
    money = str(config.get("currency") or "Coins").lower()
    standing = str(config.get("standing") or "Reputation").lower()
    st = [str(s["name"]) for s in config["stations"]]

    @_guard
    def request_arrives(game: HeadlessGame) -> str:
        h = Hand(game, shift(config, [[20, 1, 300, 7]]))
        r = h.wait(19)
        fail_if(r["view"]["queue"] != [], f"a {req} is waiting before its arrival frame")
        r = h.wait(1)
        fail_if([q[1] for q in r["view"]["queue"]] != [1], f"no {req} for the {st[1]} arrived on frame 20")
        return f"a {req} for the {st[1]} joined the queue on its arrival frame (not before)"

    out.append(Keypoint("request_arrives", f"{req.capitalize()}s arrive over the shift and wait in a queue",
                        request_arrives))

    @_guard
    def patience_costs_reputation(game: HeadlessGame) -> str:
        h = Hand(game, shift(config, [[2, 0, 40, 7]], rep=3))
        r = h.wait(41)
        fail_if(r["view"]["rep"] != 3 or len(r["view"]["queue"]) != 1, f"the {req} left before its patience ran out")
        r = h.wait(1)
        fail_if(r["view"]["queue"] != [] or r["view"]["rep"] != 2 or r["view"]["missed"] != 1,
                f"a {req} past its patience: queue {r['view']['queue']}, {standing} {r['view']['rep']}")
        return f"a {req} left waiting past its patience walked away and cost one {standing} (3 -> 2)"

    out.append(Keypoint("patience_costs_reputation", f"A {req} whose patience runs out walks away and costs {standing}",
                        patience_costs_reputation))

    @_guard
    def serving_pays(game: HeadlessGame) -> str:
        h = Hand(game, shift(config, [[1, 0, 500, 7], [1, 0, 500, 9]], work=30))
        h.wait(2)
        r = h.tap("action")
        fail_if(r["view"]["busy"][0] != 28 or len(r["view"]["queue"]) != 1, f"Space at the {st[0]} did not start serving")
        r = h.tap("action")
        fail_if(len(r["view"]["queue"]) != 1, f"the busy {st[0]} took a second {req}")
        r = h.wait(25)
        fail_if(r["view"]["coins"] != 0, f"paid before the {st[0]} finished")
        r = h.wait(1)
        fail_if(r["view"]["coins"] != 7 or r["view"]["served"] != 1 or r["score"] < 7,
                f"serving paid {r['view']['coins']} {money}, not 7")
        return f"the {st[0]} served a {req} in 30 frames and paid its 7 {money}; busy, it took no second one"

    out.append(Keypoint("serving_pays", f"Sending a {req} to its station serves it and pays {money}", serving_pays,
                        mechanic="score"))

    @_guard
    def upgrade_speeds_up(game: HeadlessGame) -> str:
        h = Hand(game, shift(config, [[1, 0, 900, 7], [1, 0, 900, 7]], work=60, upcost=10, coins=25))
        h.wait(2)
        r = h.tap("up")
        fail_if(r["view"]["up"][0] != 1 or r["view"]["coins"] != 15, f"an upgrade cost {25 - r['view']['coins']}, not 10")
        r = h.tap("action")
        fail_if(r["view"]["busy"][0] != 38, f"after one upgrade the {st[0]} takes {r['view']['busy'][0] + 2} frames, not 40")
        r = h.tap("up")
        fail_if(r["view"]["up"][0] != 1 or r["view"]["coins"] != 15, "a second upgrade the purse could not pay for was bought")
        return f"an upgrade for 10 {money} made the {st[0]} serve in 40 frames instead of 60; the next (20) was refused at 15"

    out.append(Keypoint("upgrade_speeds_up", "Upgrades bought with money make a station faster", upgrade_speeds_up,
                        mechanic="currency"))

    @_guard
    def coin_goal_wins(game: HeadlessGame) -> str:
        h = Hand(game, shift(config, [[1, 0, 500, 6], [1, 0, 500, 6]], work=10, goal=12))
        h.wait(2)
        h.tap("action")
        r = h.wait(10)
        fail_if(r["cleared"] or r["status"] == "won", f"{r['view']['coins']} {money}, short of the goal, won")
        h.tap("action")
        r = h.wait(10)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"reaching the goal did not win ({r['status']})")
        return f"the second {req} served brought the purse to the 12-{money} goal and won (not the first)"

    out.append(Keypoint("coin_goal_wins", "Reach the money goal to win the shift", coin_goal_wins))

    @_guard
    def reputation_loses(game: HeadlessGame) -> str:
        h = Hand(game, shift(config, [[1, 0, 20, 5], [3, 1, 30, 5]], rep=2))
        r = h.wait(25)
        fail_if(r["status"] != "playing" or r["view"]["rep"] != 1, f"one {req} lost: {standing} {r['view']['rep']}, {r['status']}")
        r = h.wait(10)
        fail_if(r["status"] != "lost", f"{standing} at zero and the game is {r['status']!r}")
        fail_if(r["last_loss"] != "reputation ran out", f"the loss says {r['last_loss']!r}")
        return f"the second {req} to walk away took {standing} to zero and lost the shift"

    out.append(Keypoint("reputation_loses", f"{standing.capitalize()} at zero loses the shift", reputation_loses))

    @_guard
    def day_advances(game: HeadlessGame) -> str:
        h = Hand(game, shift(config, [], length=60))
        r = h.wait(59)
        fail_if(r["status"] != "playing", "the shift ended before its last frame")
        r = h.wait(1)
        fail_if(r["status"] != "lost" or r["last_loss"] != "the day ran out",
                f"the day's end short of the goal: {r['status']!r} ({r['last_loss']!r})")
        return "the shift's clock ran to its end and, short of the goal, the day was lost"

    out.append(Keypoint("day_advances", "The shift's clock runs: the day ends short of the goal, the game is lost",
                        day_advances))

    @_guard
    def gdd_stations(game: HeadlessGame) -> str:
        v = call(game, "load", levels[0])
        fail_if(v is None or v["mode"] != "manage", "level 1 is not a management shift")
        seen = game.js("__game.game.world.stations.map(function (s) { return s.name; })")
        want = [str(s["name"]) for s in levels[0]["stations"]]
        fail_if(seen != want or want != st[:len(want)], f"the running shift has stations {seen}")
        return f"level 1's stations are {', '.join(want)}; {req}s arrive and pay {money}"

    out.append(Keypoint("gdd_stations", f"The stations are the game's own: {', '.join(st)}", gdd_stations))
    return out
