"""Query for the fighting family (modes "duel" and "platform").

The bot holds the scripted strategy's keys (``rules.fight``, the level's proof) on the world's own frames
through the REAL game code. Each keypoint loads a small hand-made match into the build's own game (in
place of level 1, so the module's real ``start`` / ``update`` run), holds keys frame by frame, reads the
match back through the module's QA hook ``Maestro.genres.fighting.qa.view`` after every frame and compares
it with the Python rules (:class:`rules.Match`) on the same keys: a check fails both when the rule is
missing and when the two rule books drift apart.
"""

from __future__ import annotations

import json
import random
from typing import Any

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessGame, HeadlessError, Presses, checked, fail_if, replay_level_one
from maestro.genres.fighting.rules import (AIR_JUMP, BREAK, GRAVITY, HEALTH, MOVES, SUB, VARIANTS, Fighter, Match, fight,
                                           idle)

SETTLE_FRAMES = 120  # the 1.5 s "Level complete!" transition is 90 frames
AGREE_FRAMES = 2400

_JS_HELPERS = """
var __fg = {
  Q: function () { return Maestro.genres.fighting.qa; },
  view: function () { var G = __game.game; return G.world ? __fg.Q().view(G, G.world) : null; },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __fg.view(); },
  // A match played frame by frame: hold[i] the keys held on frame i (pressed as a stretch begins, let go as
  // it ends); a row after each frame, until the match ends or the level is left.
  frames: function (lv, hold, n) {
    __fg.load(lv);
    var rows = [], G = __game.game, held = {};
    for (var i = 0; i < n; i++) {
      var want = {};
      (hold[i] || []).forEach(function (k) { want[k] = true; });
      Object.keys(held).forEach(function (k) { if (!want[k]) { __game.press(k, false); delete held[k]; } });
      Object.keys(want).forEach(function (k) { if (!held[k]) { __game.press(k, true); held[k] = true; } });
      __game.step(1);
      var v = __fg.view();
      rows.push({view: v, status: G.status, cleared: G.cleared, last_loss: G.lastLoss || ''});
      if (G.status !== 'playing' || G.cleared > 0 || !v || v.won || v.over) break;
    }
    Object.keys(held).forEach(function (k) { __game.press(k, false); });
    return rows;
  }
};
"""


def install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.fighting && Maestro.genres.fighting.qa)"):
        raise HeadlessError("the fighting module has no qa hooks")
    if not game.js("typeof __fg !== 'undefined'"):
        game.run(_JS_HELPERS)


# ---- comparing the game with the rules ------------------------------------------------------------

FIELDS = ("f", "rf", "round", "pause", "hits", "taken", "blocked", "score", "won", "over", "last")
FIGHTER = ("x", "y", "vx", "vy", "face", "ground", "jumps", "act", "at", "stun", "block", "hp", "pct", "wins")


def _fighter(me: Fighter) -> list[Any]:
    return [getattr(me, k) for k in FIGHTER]


def differs(view: dict[str, Any] | None, m: Match) -> str | None:
    """The first field where the game's view and the rules' match differ, in words; None if none."""
    if view is None:
        return "the game has no match running"
    for k in FIELDS:
        if view.get(k) != getattr(m, k):
            return f"{k} is {view.get(k)!r} in the game, {getattr(m, k)!r} by the rules"
    for who, me in (("p", m.p), ("c", m.c)):
        for k, a, b in zip(FIGHTER, view[who], _fighter(me)):
            if a != b:
                return f"{'the player' if who == 'p' else 'the opponent'}'s {k} is {a!r} in the game, {b!r} by the rules"
    shot = [m.shot_x, m.shot_y, m.shot_dir, m.shot_cool]
    if view["shot"] != shot:
        return f"the shot is {view['shot']} in the game, {shot} by the rules"
    return None


def play_frames(game: HeadlessGame, level: dict[str, Any], hold: list[list[str]], n: int
                ) -> tuple[Match, list[dict[str, Any]]]:
    """``level`` played ``n`` frames (or to its end) in the game and in the rules with ``hold``; the rules'
    match and the game's rows. Fails (AssertionError) on the first frame they differ."""
    rows = game.js(f"__fg.frames({json.dumps(level)}, {json.dumps(hold)}, {int(n)})")
    m = Match.start(level)
    for i, row in enumerate(rows):
        m.step(set(hold[i]) if i < len(hold) else set())
        why = differs(row["view"], m)
        if why is not None:
            raise AssertionError(f"frame {i + 1}: the game and the rules differ: {why}")
    if len(rows) < n and not (m.won or m.over):
        raise AssertionError(f"the game stopped after {len(rows)} frames while the rules play on")
    return m, rows


# ---- the bot --------------------------------------------------------------------------------------

def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Level 1 played by the scripted strategy's keys on the real game; won when level 2 starts or the game
    is won."""
    found = None
    for variant in VARIANTS:
        end, hold = fight(level, variant)
        if end.won:
            found = (end, hold)
            break
    if found is None:
        return BotResult(False, 0, "the scripted strategy does not win level 1's match")
    end, hold = found
    report = ("(function (now, played) { var w = played || now; return {mine: w ? w.p.wins : null, "
              "theirs: w ? w.c.wins : null}; })")
    foe = level.get("opponent") or "the opponent"
    return replay_level_one(
        game, install, Presses(hold=hold), end.f + SETTLE_FRAMES, report=report,
        won=lambda out: f"beat {foe} ({level.get('style')}) {end.p.wins}-{end.c.wins} in {end.f} frames, "
                        f"{end.hits} hits landed and {end.blocked} blocked, with the scripted strategy's keys",
        lost=lambda out: f"the match stands {out.get('mine')}-{out.get('theirs')}",
        steps=sum(1 for keys in hold if keys))


# ---- rules_agree ---------------------------------------------------------------------------------

def random_hold(rng: random.Random, n: int) -> list[list[str]]:
    """Keys held in random stretches: walking, jumping, blocking, attacking, nothing."""
    choices = [[], ["left"], ["right"], ["right", "action"], ["up"], ["down"], ["action"], ["undo"], ["left", "up"],
               ["right", "undo"]]
    hold: list[list[str]] = []
    while len(hold) < n:
        keys = rng.choice(choices)
        hold += [list(keys)] * rng.randint(1, 20)
    return hold[:n]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """Random keys held on ``level`` in the real fighting.js and through the Python rules, compared after every
    frame (both fighters, the shot, the clocks, the rounds). None when they agree to the end, else the first
    difference."""
    install(game)
    try:
        play_frames(game, level, random_hold(rng, AGREE_FRAMES), AGREE_FRAMES)
    except AssertionError as exc:
        return str(exc)
    return None


# ---- keypoints -----------------------------------------------------------------------------------

def qa_level(config: dict[str, Any], **kw: Any) -> dict[str, Any]:
    """A match of the build's own mode against an opponent that stands still unless told otherwise."""
    lv = {"mode": config.get("mode", "duel"), "style": "still", "opponent": "QA dummy", "opponent_slug": "", "think": 8,
          "need": 2, "round": 1800, "air_jumps": int(config.get("air_jumps", 0)), "weight": 100, "cpu_hp": HEALTH,
          "stage": 1, "name": "QA match", "seed": 1, "index": 0}
    lv.update(kw)
    return lv


def walk_in(frames: int = 45) -> list[list[str]]:
    """Walk right from the spawn until the dummy is inside a jab's reach (120 px apart, 2 px a frame)."""
    return [["right"]] * frames


def _guard(fn: Any) -> Any:
    return checked(fn, install)


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    mode = config.get("mode", "duel")
    platform = mode == "platform"
    lv1 = levels[0]
    foe = str(lv1.get("opponent") or "the opponent")
    light, heavy = MOVES["light"], MOVES["heavy"]

    @_guard
    def attacks_land(game: HeadlessGame) -> str:
        lv = qa_level(config)
        hold = walk_in() + [["action"]] + [[]] * 20 + [["undo"]] + [[]] * 40
        m, rows = play_frames(game, lv, hold, len(hold))
        after_light = rows[45 + light[0]]["view"]["c"]
        after_heavy = rows[-1]["view"]["c"]
        if platform:
            fail_if(after_light[12] != light[3], f"a light attack in reach left the dummy at {after_light[12]}%")
            fail_if(after_heavy[12] != light[3] + heavy[3], f"a heavy attack after it left the dummy at {after_heavy[12]}%")
            what = f"{light[3]}% and {heavy[3]}% more"
        else:
            fail_if(after_light[11] != HEALTH - light[3], f"a light attack in reach left the dummy {after_light[11]} health")
            fail_if(after_heavy[11] != HEALTH - light[3] - heavy[3], f"a heavy attack left the dummy {after_heavy[11]} health")
            what = f"{light[3]} and {heavy[3]} health off its bar"
        fail_if(m.hits != 2, f"{m.hits} hits landed of 2")
        return f"Space (light) and Z (heavy) in reach landed: {what}"

    out.append(Keypoint("attacks_land", "Light and heavy attacks hit the opponent and hurt it", attacks_land, mechanic="melee"))

    @_guard
    def block_guards(game: HeadlessGame) -> str:
        lv = qa_level(config, style="aggressive", think=6)
        n = 360
        m, _ = play_frames(game, lv, [["down"]] * n, n)
        fail_if(m.blocked < 1, "holding Down blocked nothing the attacking opponent threw")
        fail_if(m.taken != 0 or m.p.hp != HEALTH or m.p.pct != 0, f"holding Down still took {m.taken} hits")
        bare, _ = play_frames(game, lv, [], n)
        fail_if(bare.taken < 1, "the attacking opponent hit nothing when nobody blocked (the check proves nothing)")
        return f"holding Down blocked {m.blocked} attacks and took none; standing still took {bare.taken} hits"

    out.append(Keypoint("block_guards", "Holding Down blocks the opponent's attacks", block_guards))

    @_guard
    def ko_takes_round(game: HeadlessGame) -> str:
        weak = {"pct0": 300} if platform else {"cpu_hp": light[3]}
        lv = qa_level(config, need=2, **weak)
        first = walk_in() + [["action"]] + [[]] * 60
        m, rows = play_frames(game, lv, first, len(first))
        fail_if(m.p.wins != 1 or m.round != 2 or rows[-1]["status"] != "playing",
                f"a knock-out left the match at {m.p.wins}-{m.c.wins}, round {m.round} ({rows[-1]['status']})")
        hold = first + [[]] * BREAK + walk_in() + [["action"]] + [[]] * 80
        m, rows = play_frames(game, lv, hold, len(hold))
        won = rows[-1]["cleared"] >= 1 or rows[-1]["status"] == "won"
        fail_if(not won or not m.won, f"the second knock-out did not take the match ({rows[-1]['status']})")
        how = "knocked past the blast zone" if platform else "knocked out"
        return f"the opponent {how} gave the player the round, the second such round the match ({m.p.wins}-{m.c.wins})"

    out.append(Keypoint("ko_takes_round", "A knock-out takes the round; the rounds needed take the match", ko_takes_round,
                        mechanic=None if platform else "health"))

    @_guard
    def rounds_follow(game: HeadlessGame) -> str:
        lv = qa_level(config, round=120)
        hold = walk_in() + [["action"]] + [[]] * 80
        m, rows = play_frames(game, lv, hold, len(hold))
        fail_if(m.p.wins != 1 or m.round != 2, f"the clock ran out ahead and the match is {m.p.wins}-{m.c.wins}")
        m, rows = play_frames(game, lv, [], 120 + BREAK + 125)
        fail_if(m.c.wins != 2 or not m.over, f"two level rounds timed out left the match {m.p.wins}-{m.c.wins}")
        ahead = "less percent" if platform else "more health"
        return f"a round's clock running out gave the round to the fighter with {ahead}; a level round goes to the opponent"

    out.append(Keypoint("rounds_follow", "The match is played in rounds: each has a clock, and when it runs out "
                                         "the fighter ahead takes the round and the next begins", rounds_follow,
                        mechanic="timer"))

    @_guard
    def jumps(game: HeadlessGame) -> str:
        lv = qa_level(config)
        hold = [["up"]] + [[]] * 60
        m, rows = play_frames(game, lv, hold, len(hold))
        ys = [r["view"]["p"][1] for r in rows]
        fail_if(max(ys) <= 0, "Up did not leave the ground")
        fail_if(ys[-1] != 0 or not rows[-1]["view"]["p"][5], "the fighter did not land again")
        return f"Up jumped {max(ys) // SUB} px high and the fighter landed"

    out.append(Keypoint("jumps", "Up jumps", jumps, mechanic="jump"))

    air = int(config.get("air_jumps", 0)) > 0

    @_guard
    def air_jump(game: HeadlessGame) -> str:
        lv = qa_level(config)
        hold = [["up"]] + [[]] * 10 + [["up"]] + [[]] * 60
        m, rows = play_frames(game, lv, hold, len(hold))
        vy = rows[11]["view"]["p"][3]
        if air:
            fail_if(vy != AIR_JUMP - GRAVITY, f"Up in the air did not jump again (vertical speed {vy})")
            return f"Up in the air jumped again ({int(config.get('air_jumps', 0))} air jump before landing)"
        fail_if(vy == AIR_JUMP - GRAVITY, "Up in the air jumped again, which this game has not")
        return "Up in the air does nothing: one jump from the ground"

    if air:
        out.append(Keypoint("air_jump", "Up in the air jumps again", air_jump, mechanic="double_jump"))

    if platform:
        @_guard
        def knockback_grows(game: HeadlessGame) -> str:
            hold = walk_in() + [["undo"]] + [[]] * 20
            seen = []
            for pct in (0, 90):
                m, rows = play_frames(game, qa_level(config, pct0=pct), hold, len(hold))
                seen.append(abs(rows[45 + heavy[0]]["view"]["c"][2]))
            fail_if(not seen[1] > seen[0] > 0, f"a heavy hit launched at {seen[0]} at 0% and {seen[1]} at 90%")
            return f"the same heavy hit launched the dummy at {seen[0]} at 0% and at {seen[1]} at 90%"

        out.append(Keypoint("knockback_grows", "Damage builds up as percent; knockback grows with it", knockback_grows))

        @_guard
        def ring_out(game: HeadlessGame) -> str:
            m, _ = play_frames(game, qa_level(config, air_jumps=0), [["left"]] * 150, 150)
            fail_if(m.c.wins != 1, f"walking off the stage's edge left the match {m.p.wins}-{m.c.wins}")
            fell = m.f
            hold = walk_in() + [["action"]] + [[]] * 60
            m, _ = play_frames(game, qa_level(config, pct0=300), hold, len(hold))
            fail_if(m.p.wins != 1, f"a hit at 300% left the match {m.p.wins}-{m.c.wins}")
            return (f"falling off the stage's edge lost the player a stock (frame {fell}); a hit at 300% launched "
                    f"the opponent past the blast zone and took one of its stocks")

        out.append(Keypoint("ring_out", "Flying off the screen past the blast zone, or falling below the stage, "
                                        "loses a stock", ring_out, mechanic="fall_death"))

    @_guard
    def opponent_takes_match(game: HeadlessGame) -> str:
        end = idle(lv1)
        fail_if(not end.over, "doing nothing does not lose level 1 by the rules")
        m, rows = play_frames(game, lv1, [], end.f + 2)
        fail_if(not m.over or rows[-1]["status"] != "lost", f"doing nothing left the game {rows[-1]['status']!r}")
        return f"doing nothing against {foe} lost the match {m.p.wins}-{m.c.wins} in {m.f} frames: the game is lost"

    lose = f"Losing all your stocks to {foe} loses the game" if platform else f"{foe} taking the match loses the game"
    out.append(Keypoint("opponent_takes_match", lose, opponent_takes_match, mechanic="lives" if platform else None))

    style = str(lv1.get("style"))

    @_guard
    def opponent_style(game: HeadlessGame) -> str:
        n = 300
        if style == "defensive":
            hold = walk_in(40) + [["action"], []] * 40
        else:
            hold = []
        m, rows = play_frames(game, lv1, hold, n)
        cs = [r["view"]["c"] for r in rows]
        dists = [abs(r["view"]["c"][0] - r["view"]["p"][0]) // SUB for r in rows]
        if style == "aggressive":
            first = next((i for i, c in enumerate(cs) if c[7]), None)
            if first is None:
                raise AssertionError(f"{foe} never attacked in {n} frames")
            return f"{foe} (aggressive) closed in from {dists[0]} px and attacked on frame {first + 1}"
        if style == "ranged":
            shots = sum(1 for a, b in zip(rows, rows[1:]) if a["view"]["shot"][0] < 0 <= b["view"]["shot"][0])
            fail_if(shots < 1, f"{foe} threw no shot in {n} frames")
            fail_if(min(dists) < 60, f"{foe} came within {min(dists)} px")
            return f"{foe} (ranged) kept {min(dists)} px away or more and threw {shots} shots"
        blocked = sum(1 for c in cs if c[10])
        fail_if(blocked < 1, f"{foe} never blocked the player's jabs")
        return f"{foe} (defensive) blocked on {blocked} frames while the player jabbed at it"

    said = any(o.get("said") for o in config.get("opponents") or [])
    out.append(Keypoint("opponent_style", f"{foe} fights in its own style ({style})" + (", as the GDD says" if said else ""),
                        opponent_style))

    @_guard
    def gdd_fighters(game: HeadlessGame) -> str:
        names = [o["name"] for o in config.get("opponents") or []]
        got = [lv.get("opponent") for lv in levels]
        fail_if(got[0] != names[0], f"level 1 is against {got[0]!r}, not {names[0]!r}")
        shown = game.js("__game.game.world && __game.game.world.foe")
        fail_if(shown != got[0], f"the game shows {shown!r}")
        return f"the opponents are the game's own, one a level: {', '.join(str(g) for g in got)}"

    out.append(Keypoint("gdd_fighters", f"The opponents are the game's own: {', '.join(o['name'] for o in config.get('opponents') or [])}",
                        gdd_fighters))
    return out

