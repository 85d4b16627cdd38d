"""Query for the idle family (mode "milestones").

The bot taps the greedy strategy's keys (``rules.greedy``: clicks 4 times a second, Up / Down to the row
it saves for, Right to buy) on the world's own frames (``world().f``) in one V8 call.

Each keypoint loads a tiny hand-made level into the build's own game (in place of level 1, so the
module's real ``start`` / ``update`` run), presses keys (or number keys and taps, through the module's
QA hooks, the same queue its key and pointer listeners fill) frame by frame, and compares the game's
view with the Python rules (:class:`rules.Economy`) on the same level after every frame: a check fails
both when the rule is missing and when the two rule books drift apart.
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessError, HeadlessGame, Presses, checked, fail_if, replay_level_one
from maestro.genres.idle import rules
from maestro.genres.idle.rules import FPS, Economy, next_cost

SETTLE_FRAMES = 120  # the 1.5 s "Level complete!" transition is 90 frames
AGREE_FRAMES = 1500
FIELDS = ("f", "bank", "earned", "run", "points", "acc", "cursor", "clicks", "click_mult", "owned", "cost", "mult", "bought", "won", "over")

_JS_HELPERS = """
var __idle = {
  Q: function () { return Maestro.genres.idle.qa; },
  view: function () { var G = __game.game; return G.world ? __idle.Q().view(G, G.world) : null; },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __idle.view(); },
  // A level played frame by frame: plan[i] is the keys of frame i (runtime actions pressed for that frame
  // alone; "buyN" a number key, "tapX,Y" a tap at game pixel X,Y, both through the module's own queue).
  frames: function (lv, plan, n) {
    __idle.load(lv);
    var rows = [], G = __game.game, Q = __idle.Q();
    for (var i = 0; i < n; i++) {
      var ks = plan[i] || [], acts = [];
      ks.forEach(function (k) {
        if (k.indexOf('buy') === 0) Q.digit(G, G.world, parseInt(k.slice(3), 10));
        else if (k.indexOf('tap') === 0) { var xy = k.slice(3).split(','); Q.tap(G, G.world, +xy[0], +xy[1]); }
        else acts.push(k);
      });
      acts.forEach(function (k) { __game.press(k, true); });
      __game.step(1);
      acts.forEach(function (k) { __game.press(k, false); });
      var v = __idle.view();
      rows.push({view: v, status: G.status, cleared: G.cleared, last_loss: G.lastLoss || '', sfx: G.lastSfx || ''});
      if (G.status !== 'playing' || G.cleared > 0 || v.won || v.over) break;
    }
    return rows;
  }
};
"""


def install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.idle && Maestro.genres.idle.qa)"):
        raise HeadlessError("the idle module has no qa hooks")
    if not game.js("typeof __idle !== 'undefined'"):
        game.run(_JS_HELPERS)


def call(game: HeadlessGame, fn: str, *args: Any) -> Any:
    return game.js(f"__idle.{fn}({', '.join(json.dumps(a) for a in args)})")


def differs(view: dict[str, Any] | None, e: Economy) -> str | None:
    """The first field where the game's view and the rules' state differ, in words; None if none."""
    if view is None:
        return "the game has no level running"
    for k in FIELDS:
        want = getattr(e, k)
        if view.get(k) != want:
            return f"{k} is {str(view.get(k))[:120]} in the game, {str(want)[:120]} by the rules"
    if view.get("rate") != e.rate():
        return f"the rate is {view.get('rate')} a second in the game, {e.rate()} by the rules"
    return None


def play_frames(game: HeadlessGame, level: dict[str, Any], plan: dict[int, list[str]], n: int,
                rules_plan: dict[int, list[str]] | None = None) -> tuple[Economy, dict[str, Any]]:
    """``level`` played ``n`` frames (or to its end) in the game and in the rules with ``plan``
    (``rules_plan``: the same frames as the rules take them, where the game's are taps); the rules' state
    and the game's last row. Fails (AssertionError) on the first frame they differ."""
    rows = call(game, "frames", level, {str(i): k for i, k in plan.items()}, n)
    e = Economy.start(level)
    as_rules = rules_plan if rules_plan is not None else plan
    for i, row in enumerate(rows):
        e.step(as_rules.get(i, []))
        why = differs(row["view"], e)
        if why is not None:
            raise AssertionError(f"frame {i + 1}: the game and the rules differ: {why}")
    if len(rows) < n and not (e.won or e.over):
        raise AssertionError(f"the game stopped after {len(rows)} frames while the rules play on")
    return e, rows[-1] if rows else {"view": None, "status": "?", "cleared": 0, "last_loss": ""}


# ---- the bot --------------------------------------------------------------------------------------

def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Level 1 played by the greedy strategy on the real game; won when level 2 starts or the game is won."""
    end, taps = rules.greedy(level)
    if not end.won:
        return BotResult(False, 0, "the greedy strategy does not reach level 1's milestone")
    currency = config.get("currency") or "coins"
    report = "(function (now, played) { var w = played || now; return {bank: w ? w.bank : null, owned: w ? w.owned : null}; })"
    return replay_level_one(
        game, install, Presses(taps=taps), end.f + SETTLE_FRAMES, report=report,
        won=lambda out: (f"banked {level['goal']} {currency} in {end.f // FPS} of {level['frames'] // FPS} s "
                         f"({end.clicks} clicks, {sum(end.owned)} generators bought: {end.owned}) with the greedy "
                         f"strategy's {sum(map(len, taps.values()))} key presses"),
        lost=lambda out: f"the bank is at {out.get('bank')} of {level['goal']} {currency}",
        steps=sum(map(len, taps.values())))


# ---- rules_agree ---------------------------------------------------------------------------------

def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """Random input played on ``level`` in the real idle.js and through the Python rules, compared after
    every frame: clicks, cursor moves, Right and number keys on random frames, the bank, the income's
    remainder, the owned counts, the prices, the multipliers. The level starts with some currency banked
    so that buys happen early. None when they agree to the end, else the first difference."""
    install(game)
    lv = dict(level, start=int(level["gens"][0]["cost"]) * 6)
    rows = len(level["gens"]) + len(level.get("upgrades") or [])
    plan: dict[int, list[str]] = {}
    for i in range(AGREE_FRAMES):
        if rng.random() < 0.35:
            plan[i] = [rng.choice(["action", "action", "action", "up", "down", "right", f"buy{rng.randint(1, rows)}"])]
    try:
        play_frames(game, lv, plan, min(AGREE_FRAMES, int(lv["frames"])))
    except AssertionError as exc:
        return str(exc)
    return None


# ---- keypoints -----------------------------------------------------------------------------------

def qa_level(config: dict[str, Any], *, start: int = 0, goal: int = 10 ** 9, frames: int = 3600,
             click: int = 1) -> dict[str, Any]:
    """A milestone with the build's own generators at round prices: 10 and 40, rates 3 and 8 a second."""
    gens = (config.get("gens") or [{"name": "Helper"}, {"name": "Workshop"}])[:2]
    while len(gens) < 2:
        gens = gens + [{"name": "Workshop"}]
    return {"mode": "milestones", "name": "QA milestone", "seed": 1, "index": 0, "stage": 1,
            "gens": [{"name": gens[0].get("name"), "slug": gens[0].get("slug", ""), "cost": 10, "rate": 3},
                     {"name": gens[1].get("name"), "slug": gens[1].get("slug", ""), "cost": 40, "rate": 8}],
            "upgrades": [{"name": "Click x2", "target": -1, "factor": 2, "cost": 20},
                         {"name": "Helper x3", "target": 0, "factor": 3, "cost": 30}],
            "click": click, "start": start, "goal": goal, "frames": frames}


def _guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, install)


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    cur = str(config.get("currency") or "coins")
    thing = str(config.get("clicked") or "the big thing")
    gens = config.get("gens") or [{"name": "Helper"}]
    g0 = str(gens[0].get("name") or "Helper")

    @_guard
    def click_pays(game: HeadlessGame) -> str:
        lv = qa_level(config, click=3)
        e, row = play_frames(game, lv, {0: ["action"], 5: ["action"]}, 8)
        v = row["view"]
        fail_if(v["bank"] != 6 or v["clicks"] != 2, f"two clicks of 3 left the bank at {v['bank']} ({v['clicks']} clicks)")
        return f"Space on {thing} paid 3 {cur} a click (2 clicks: 0 -> {v['bank']})"

    out.append(Keypoint("click_pays", f"Clicking {thing} earns {cur}", click_pays, mechanic="score"))

    @_guard
    def generator_pays(game: HeadlessGame) -> str:
        lv = qa_level(config, start=10)
        e, row = play_frames(game, lv, {0: ["right"]}, 1 + 2 * FPS)
        v = row["view"]
        fail_if(v["owned"][0] != 1, f"Right with 10 {cur} bought {v['owned'][0]} of {g0}")
        fail_if(v["bank"] != 6, f"one {g0} at 3 a second left {v['bank']} {cur} after 2 s (6 by the rules)")
        fail_if(v["rate"] != 3, f"the game says {v['rate']} a second")
        return f"one {g0} bought with 10 {cur} earned 6 {cur} in 2 s with nothing pressed (3 a second)"

    out.append(Keypoint("generator_pays", f"{g0} and the other generators earn {cur} every second on their own",
                        generator_pays, mechanic="currency"))

    @_guard
    def cost_rises(game: HeadlessGame) -> str:
        lv = qa_level(config, start=100)
        e, row = play_frames(game, lv, {0: ["buy1"], 1: ["buy1"], 2: ["buy1"]}, 3)
        v = row["view"]
        c1, c2 = next_cost(10), next_cost(next_cost(10))
        fail_if(v["owned"][0] != 3, f"three buys of {g0} with 100 {cur} bought {v['owned'][0]}")
        fail_if(v["cost"][0] != next_cost(c2), f"the fourth {g0} costs {v['cost'][0]}")
        spent = 10 + c1 + c2
        fail_if(v["bank"] - v["earned"] != 100 - spent, f"the three cost {100 - (v['bank'] - v['earned'])} (by the rules {spent})")
        e2, row = play_frames(game, qa_level(config, start=5), {0: ["buy2"]}, 1)
        fail_if(row["view"]["owned"][1] != 0 or row["view"]["bank"] != 5, "a generator the bank cannot pay was bought")
        fail_if(row.get("sfx") != "undo", f"a refused buy sounds {row.get('sfx')!r}")
        return (f"number key 1 bought {g0} at 10, {c1}, {c2} {cur} (next {next_cost(c2)}): each one dearer; "
                f"one the bank can't pay is refused")

    out.append(Keypoint("cost_rises", "Each generator bought costs more than the last", cost_rises))

    @_guard
    def upgrade_multiplies(game: HeadlessGame) -> str:
        lv = qa_level(config, start=100)
        # buy one Helper (row 1), the click x2 (row 3), the Helper x3 (row 4); then click and wait a second
        plan = {0: ["buy1"], 1: ["buy3"], 2: ["buy4"], 3: ["action"]}
        e, row = play_frames(game, lv, plan, 4 + FPS)
        v = row["view"]
        fail_if(v["click_mult"] != 2, f"the click upgrade left the click at x{v['click_mult']}")
        fail_if(v["mult"][0] != 3 or v["rate"] != 9, f"the upgrade left {g0} at x{v['mult'][0]}, {v['rate']} a second")
        locked, row = play_frames(game, qa_level(config, start=100), {0: ["buy4"]}, 1)
        fail_if(row["view"]["bought"][1], f"an upgrade of {g0} was bought with none owned")
        return f"the click upgrade doubled a click (1 -> 2) and {g0}'s tripled its rate (3 -> 9 a second); locked until one is owned"

    out.append(Keypoint("upgrade_multiplies", "Upgrades multiply a generator's income or the click", upgrade_multiplies))

    @_guard
    def milestone_wins(game: HeadlessGame) -> str:
        lv = qa_level(config, goal=3)
        _, row = play_frames(game, lv, {0: ["action"], 3: ["action"]}, 5)
        fail_if(row["status"] != "playing" or row["cleared"], "two clicks of three already won")
        _, row = play_frames(game, lv, {0: ["action"], 3: ["action"], 6: ["action"]}, 8)
        fail_if(not (row["cleared"] >= 1 or row["status"] == "won"), f"banking the goal did not win ({row['status']})")
        return f"the third {cur} banked reached the milestone of 3 and won the level (not the second)"

    out.append(Keypoint("milestone_wins", f"Reach each milestone of {cur} to win the level", milestone_wins))

    @_guard
    def time_out_loses(game: HeadlessGame) -> str:
        lv = qa_level(config, goal=50, frames=120)
        e, row = play_frames(game, lv, {}, 121)
        fail_if(row["status"] != "lost", f"two seconds with nothing pressed left the game {row['status']!r}")
        fail_if("time" not in (row["last_loss"] or ""), f"the loss says {row['last_loss']!r}")
        fail_if(e.f != 120, f"the rules lost on frame {e.f}")
        return f"doing nothing banked no {cur}, and the clock running out lost the level"

    out.append(Keypoint("time_out_loses", "The clock running out short of the milestone loses", time_out_loses))

    @_guard
    def pointer_clicks(game: HeadlessGame) -> str:
        hx, hy, hr = game.js("Maestro.genres.idle.qa.layout.heart")
        sx, sy, sw, rh = game.js("Maestro.genres.idle.qa.layout.shop")
        lv = qa_level(config, start=10)
        heart, row1 = f"tap{hx},{hy}", f"tap{sx + sw // 2},{sy + rh // 2}"
        plan = {0: [heart], 1: [row1], 2: [f"tap{hx + hr + 40},{hy}"]}
        e, row = play_frames(game, lv, plan, 3, rules_plan={0: ["action"], 1: ["buy1"]})
        v = row["view"]
        fail_if(v["clicks"] != 1, f"a tap on {thing} made {v['clicks']} clicks")
        fail_if(v["owned"][0] != 1, f"a tap on {g0}'s row bought {v['owned'][0]}")
        return f"a tap (or mouse click) on {thing} clicked it, one on {g0}'s row bought it, one beside both did nothing"

    out.append(Keypoint("pointer_clicks", f"Click or tap {thing} and the shop's rows", pointer_clicks))

    @_guard
    def gdd_names(game: HeadlessGame) -> str:
        shown = game.js("[__game.game.cfg.currency, __game.game.cfg.clicked, __game.world().gens.map(function (g) { return g.name; })]")
        fail_if(shown[0] != config.get("currency"), f"the game counts {shown[0]!r}")
        fail_if(shown[1] != config.get("clicked"), f"the game's big thing is {shown[1]!r}")
        want = [g.get("name") for g in gens][:len(shown[2])]
        fail_if(shown[2] != want, f"the shop sells {shown[2]}")
        return f"{cur} earned by clicking {thing}; the shop sells {', '.join(shown[2])}"

    if config.get("prestige"):
        name = str(config["prestige"])

        @_guard
        def prestige_begins_anew(game: HeadlessGame) -> str:
            lv = dict(qa_level(config, start=10), prestige={"name": name, "need": 20, "bonus": 50})
            rows = len(lv["gens"]) + len(lv["upgrades"]) + 1
            plan: dict[int, list[str]] = {0: ["buy1"], 1: [f"buy{rows}"]}  # too early: refused
            plan.update({2 + i: ["action"] for i in range(40)})
            plan[42] = ["buy4"]  # the Helper x3 upgrade, then the prestige
            plan[43] = [f"buy{rows}"]
            plan.update({44 + i: ["action"] for i in range(4)})
            e, row = play_frames(game, lv, plan, 48)
            v = row["view"]
            fail_if(v["mult"] != [1, 1] or any(v["bought"]), f"{name} kept the upgrades ({v['mult']}, {v['bought']})")
            fail_if(v["points"] != e.points or e.points < 2, f"{name} gave {v['points']} points")
            fail_if(v["owned"][0] != 0 or v["cost"][0] != 10, f"{name} left {v['owned'][0]} of {g0} at {v['cost'][0]}")
            want = 4 * (100 + 50 * e.points) // 100
            fail_if(v["bank"] != want or want <= 4,
                    f"4 clicks at +{50 * e.points} % banked {v['bank']} {cur} after {name} ({want} by the rules)")
            return (f"{name} after {v['earned'] - v['bank']} {cur} earned gave {e.points} points and began anew ({g0} "
                    f"back to none at 10); at +{50 * e.points} % 4 clicks then banked {want}")

        out.append(Keypoint("prestige_begins_anew", f"{name}: begin anew for a lasting bonus", prestige_begins_anew))

    out.append(Keypoint("gdd_names", f"The game's own names: {cur}, {thing}", gdd_names))
    return out
