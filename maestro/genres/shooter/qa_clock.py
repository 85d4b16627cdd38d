"""Query agent, shooter genre: the keypoints of a timed run (one stage against the runtime's clock).

A timed run (``spec.time_ends_as``, ``config["timed_run"]``) ends when the runtime's clock reaches 0: as a
win for a survival run, with the final score for a score attack; never as a lost life. Two checks on the
REAL game code:

* ``timed_run``: the ship made untouchable, hands off, the clock is played down to 0: the run must not end
  before it, must end right at it as "won" with the lives it had, and the HUD (drawn into a recording
  canvas) must count the seconds down and then say so;
* ``timed_run_loses``: the last life lost two seconds before the clock runs out is a lost game, and
  staying on past 0 does not turn it into a win.
"""

from __future__ import annotations

from typing import Any, Callable

import json

from maestro.genres.headless import HeadlessGame, clock_counted, clock_end_words, clock_shown_problem
from maestro.genres.shooter.qa import _NO_HOOKS, FPS, _has_hooks, _idle

KeypointRun = Callable[[HeadlessGame], tuple[bool | None, str]]  # what a Keypoint runs

# Plays the clock down hands off, the ship untouchable (nothing but the clock may end the run); the HUD's
# texts of one frame are read at `looks` (seconds) and once the run is over, from a canvas that records
# them (headless V8 has none: the runtime draws into whatever G.ctx is).
_PLAY_CLOCK = """(function (limit, looks, bonus) {
  var m = __game, G = m.game, noop = function () {};
  function texts() {
    var out = [], ctx = {fillRect: noop, strokeRect: noop, drawImage: noop, save: noop, restore: noop,
                         translate: noop, scale: noop, fillText: function (t) { out.push(String(t)); }};
    G.ctx = ctx; try { m.step(1); } finally { G.ctx = null; }
    return out;
  }
  G.addScore(bonus);   // a score the end must keep
  var lives0 = G.lives, score0 = G.score, seen = [], frames = 0, s = m.state(), max = Math.ceil((limit + 3) * 60);
  var k = 0;
  while (frames < max && s.status === 'playing') {
    G.invuln = 1e9;
    if (k < looks.length && G.time >= looks[k]) { var shown = texts(); seen.push([G.time, shown]); k++; frames++; s = m.state(); continue; }
    s = m.step(1); frames++;
  }
  G.invuln = 0;
  return {state: s, frames: frames, time: G.time, lives0: lives0, score0: score0, seen: seen,
          end: s.status === 'playing' ? [] : texts(), time_up: !!G.timeUp};
})"""

# Untouchable until two seconds before the clock runs out, then the last life is lost to an enemy on the
# ship; then the game is left to run past 0.
_LOSE_LATE = """(function (limit, QA) {
  var m = __game, G = m.game, s = m.state(), n = Math.floor((limit - 2) * 60);
  for (var f = 0; f < n && s.status === 'playing'; f++) { G.invuln = 1e9; s = m.step(1); }
  if (s.status !== 'playing') return {early: s, time: G.time};
  G.invuln = 0; G.lives = 1;
  QA.placeEnemyAtPlayer(G, m.world());
  var lost = m.step(2), at = G.time;
  var after = m.step(4 * 60);
  return {lost: lost, at: at, after: after};
})"""


def kp_timed_run(config: dict[str, Any]) -> KeypointRun:
    run_cfg = config.get("timed_run") or {}
    limit = float(run_cfg.get("seconds") or 0)
    ends_as = str(run_cfg.get("ends_as") or "win")
    looks = [1.5, round(limit / 2 + 0.5, 3)]
    bonus = 37

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not limit:
            return None, "not checked: the game has no timed run"
        _idle(game)
        out = game.js(f"{_PLAY_CLOCK}({limit}, {json.dumps(looks)}, {bonus})")
        s, t = out["state"], float(out["time"])
        if s["status"] == "playing":
            return False, f"the clock passed 0 ({t:.2f} s of a {limit:g} s run) and the run went on"
        if t < limit - 1e-6:
            return False, f"the run ended at {t:.2f} s, before the {limit:g} s clock ran out ({s['status']})"
        if t > limit + 2 / FPS:
            return False, f"the run ended at {t:.2f} s, after the {limit:g} s clock ran out"
        if s["status"] != "won" or s.get("last_loss"):
            return False, f"the clock running out ended the run as {s['status']!r} (reason {s.get('last_loss')!r}), not a win"
        if s["lives"] != out["lives0"] or s["score"] != out["score0"]:
            return False, (f"the clock's end changed lives {out['lives0']} -> {s['lives']} and score "
                           f"{out['score0']} -> {s['score']}")
        shown = clock_shown_problem(out, limit, looks, ends_as, s["score"])
        if shown:
            return False, shown
        counted = clock_counted(out, limit)
        return True, (f"the HUD counted down ({counted}); at {t:.2f} s the {limit:g} s clock ended the run as won "
                      f"({clock_end_words(ends_as)}, score {s['score']}, lives {s['lives']})")
    return run


def kp_timed_run_loses(config: dict[str, Any]) -> KeypointRun:
    limit = float((config.get("timed_run") or {}).get("seconds") or 0)

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not limit:
            return None, "not checked: the game has no timed run"
        if not _has_hooks(game):
            return _NO_HOOKS
        _idle(game)
        out = game.js(f"{_LOSE_LATE}({limit}, Maestro.genres.shooter.qa)")
        if "early" in out:
            return False, f"the run ended at {float(out['time']):.2f} s, before the check could lose its last life"
        lost, after, at = out["lost"], out["after"], float(out["at"])
        if lost["status"] != "lost" or not str(lost.get("last_loss") or "").startswith("hit by"):
            return False, (f"losing the last life at {at:.2f} s of {limit:g} s: status {lost['status']!r}, "
                           f"reason {lost.get('last_loss')!r}")
        if after["status"] != "lost":
            return False, f"after the clock ran out a lost run became {after['status']!r}"
        return True, f"the last life lost at {at:.2f} s of the {limit:g} s clock is game over, and stays so past 0"
    return run


__all__ = ["kp_timed_run", "kp_timed_run_loses"]
