"""Query for the sports family (modes "target" and "timing").

Target: the bot replays the sighting strategy's keys (``target.sight``), the level's proof, through the
REAL game code, a press being one frame down and one up, with the rules (:class:`target.Range`) following
along and the game compared with them after every press. Timing: the bot taps the timing strategy's keys
(``timing.timed``) on the world's own frames (``world().f``) in one V8 call.

Each keypoint (target_qa.py, timing_qa.py) loads a tiny hand-made level into the build's own game (in
place of level 1, so the module's real ``start`` / ``update`` run), presses keys or lets frames pass, and
reads the level back through the module's QA hook ``Maestro.genres.sports.qa.view``; the expected outcome
comes from the Python rules on the same level, so a check fails both when the rule is missing and when
the two rule books drift apart.
"""

from __future__ import annotations

import json
import random
from typing import Any

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, LivesReplay, Presses, presses_recorder_js,
                                     replay_agrees, replay_level_one, replay_mirrored)
from maestro.genres.sports import target, timing
from maestro.genres.sports.target import Range
from maestro.genres.sports.timing import Bout

FRAMES_PER_PRESS = 2
SETTLE_FRAMES = 120  # the 1.5 s "Level complete!" transition is 90 frames
AGREE_PRESSES = 200
AGREE_FRAMES = 1800

_JS_HELPERS = """
var __sp = {
  Q: function () { return Maestro.genres.sports.qa; },
  view: function () { var G = __game.game; return G.world ? __sp.Q().view(G, G.world) : null; },
  out: function (st) {
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, last_loss: st.last_loss,
            view: __sp.view()};
  },
  key: function (a) { __game.press(a, true); __game.step(1); __game.press(a, false); return __sp.out(__game.step(1)); },
  keys: function (list) { var r = __sp.out(__game.state()); for (var i = 0; i < list.length; i++) r = __sp.key(list[i]); return r; },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __sp.view(); },
  // A timing level played frame by frame: taps[i] pressed for frame i alone; a row after each frame.
  frames: function (lv, taps, n) {
    __sp.load(lv);
    var rows = [], G = __game.game;
    for (var i = 0; i < n; i++) {
      var ks = taps[i] || [];
      ks.forEach(function (k) { __game.press(k, true); });
      __game.step(1);
      ks.forEach(function (k) { __game.press(k, false); });
      var v = __sp.view();
      rows.push({view: v, status: G.status, cleared: G.cleared, last_loss: G.lastLoss || ''});
      if (G.status !== 'playing' || G.cleared > 0 || v.won || v.over) break;
    }
    return rows;
  }
};
"""


def install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.sports && Maestro.genres.sports.qa)"):
        raise HeadlessError("the sports module has no qa hooks")
    if not game.js("typeof __sp !== 'undefined'"):
        game.run(_JS_HELPERS)


def call(game: HeadlessGame, fn: str, *args: Any) -> Any:
    return game.js(f"__sp.{fn}({', '.join(json.dumps(a) for a in args)})")


# ---- comparing the game with the rules ------------------------------------------------------------

TARGET_FIELDS = ("aim", "power", "shot", "score", "hits", "last", "won", "over")
TIMING_FIELDS = ("f", "rf", "round", "pos", "way", "cool", "guard", "stamina", "fight", "hits", "misses", "dodged",
                 "taken", "score", "won", "over")


def differs(view: dict[str, Any] | None, s: Range | Bout) -> str | None:
    """The first field where the game's view and the rules' state differ, in words; None if none."""
    if view is None:
        return "the game has no level running"
    for k in TARGET_FIELDS if isinstance(s, Range) else TIMING_FIELDS:
        want = getattr(s, k)
        if view.get(k) != want:
            return f"{k} is {str(view.get(k))[:120]} in the game, {str(want)[:120]} by the rules"
    return None


def play_frames(game: HeadlessGame, level: dict[str, Any], taps: dict[int, list[str]], n: int) -> tuple[Bout, dict[str, Any]]:
    """``level`` played ``n`` frames (or to its end) in the game and in the rules with ``taps``; the
    rules' bout and the game's last row. Fails (AssertionError) on the first frame they differ."""
    rows = call(game, "frames", level, {str(i): k for i, k in taps.items()}, n)
    b = Bout.start(level)
    for i, row in enumerate(rows):
        b.step(set(taps.get(i, [])))
        why = differs(row["view"], b)
        if why is not None:
            raise AssertionError(f"frame {i + 1}: the game and the rules differ: {why}")
    if len(rows) < n and not (b.won or b.over):
        raise AssertionError(f"the game stopped after {len(rows)} frames while the rules play on")
    return b, rows[-1] if rows else {"view": None, "status": "?", "cleared": 0, "last_loss": ""}


# ---- the bots -------------------------------------------------------------------------------------

def _press(game: HeadlessGame, key: str) -> dict[str, Any]:
    out: dict[str, Any] = call(game, "key", key)
    return out


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Level 1 played by the mode's proof strategy on the real game; won when level 2 starts or the game
    is won."""
    if level.get("mode") == "timing":
        return _play_timing(game, level)
    end, keys = target.sight(level)
    if not end.won:
        return BotResult(False, 0, "the sighting strategy does not beat level 1's score")
    result = replay_mirrored(
        game, install, keys, FRAMES_PER_PRESS * len(keys) + SETTLE_FRAMES, FRAMES_PER_PRESS,
        view="__sp.view()", press=_press, mirror=Range.start(level), differs=differs,
        won=lambda n: f"scored {end.score} of the {level['goal']} to beat in {end.shot} of {len(level['shots'])} shots "
                      f"with the sighting strategy's {n} key presses")
    if result.won:
        game.step(SETTLE_FRAMES)  # past the level-complete transition, into level 2
    return result


def _play_timing(game: HeadlessGame, level: dict[str, Any]) -> BotResult:
    end, taps = timing.timed(level)
    if not end.won:
        return BotResult(False, 0, "the timing strategy does not win level 1's bout")
    report = "(function (now, played) { var w = played || now; return {fight: w ? w.fight : null, round: w ? w.round : null}; })"
    return replay_level_one(
        game, install, Presses(taps=taps), end.f + SETTLE_FRAMES, report=report,
        won=lambda out: f"wore {level.get('opponent') or 'the opponent'} down in round {end.round} of {level['rounds']} "
                        f"({end.hits} hits, {end.dodged} strikes dodged) with the timing strategy's "
                        f"{sum(map(len, taps.values()))} taps",
        lost=lambda out: f"the opponent has {out.get('fight')} fight left in round {out.get('round')}",
        steps=sum(map(len, taps.values())))


# ---- rules_agree ---------------------------------------------------------------------------------

class _TargetReplay(LivesReplay[Range]):
    def row(self) -> list[Any]:
        return [getattr(self.rules, k) for k in TARGET_FIELDS]


_TARGET_RECORDER = presses_recorder_js("Maestro.genres.sports.qa", ", ".join(f"v.{k}" for k in TARGET_FIELDS))


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """Random input played on ``level`` in the real sports.js and through the Python rules, compared after
    every press (target: aim, power, the shot, where it crossed, the score) or every frame (timing: Space
    and Down tapped on random frames; the marker, the rests, stamina, the opponent's fight, the round).
    None when they agree to the end, else the first difference."""
    install(game)
    if level.get("mode") == "timing":
        taps = {i: [rng.choice(["action", "action", "down"])] for i in range(AGREE_FRAMES) if rng.random() < 0.06}
        try:
            play_frames(game, level, taps, AGREE_FRAMES)
        except AssertionError as exc:
            return str(exc)
        return None
    # Mostly aiming, then shooting now and then, so that every shot of the round is flown.
    keys = [rng.choice(["up", "down", "left", "right", "right", "up", "action"]) for _ in range(AGREE_PRESSES)]
    out = game.js(f"{_TARGET_RECORDER}({json.dumps(level)}, {json.dumps(keys)})")
    return replay_agrees(out["first"], out["rows"], keys, _TargetReplay(lambda: Range.start(level), None),
                         TARGET_FIELDS, "round", ("beat the score", "beats the score"))


# ---- keypoints -----------------------------------------------------------------------------------

def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    if config.get("mode") == "timing":
        from maestro.genres.sports.timing_qa import timing_checks

        return timing_checks(spec, config, levels)
    from maestro.genres.sports.target_qa import target_checks

    return target_checks(spec, config, levels)
