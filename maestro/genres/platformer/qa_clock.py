"""Platformer QA for a timed run (``spec.time_ends_as``, cfg "timed_run"): one level against the runtime's
clock, which ends the run as a win ("win": survive it) or with the final score ("score"), never as a lost
life. Two checks on the real platformer.js (the shooter's qa_clock is the same pair for its ship):

* ``timed_run``: the player made untouchable and the enemies gone, so that nothing but the clock may end
  the run, level 1 is played down to 0: a runner along the solver's own proof (so the course is shown to
  outlast the clock: its flag lies beyond where the run gets before 0), a levels game standing still. The
  run must not end before 0, must end right at it as "won" with the lives and the score it had, and the
  HUD (drawn into a recording canvas) must count the seconds down and then say so.
* ``timed_run_loses``: the last life lost (a fall) two seconds before the clock runs out is a lost game,
  and staying on past 0 does not turn it into a win.
"""

from __future__ import annotations

import json

from maestro.genres.base import Keypoint
from maestro.genres.headless import HeadlessGame, clock_counted, clock_end_words, clock_shown_problem
from maestro.genres.platformer import rules as pf

FPS = 60

# Plays the clock down on level 1 from its start, the player untouchable and the enemies gone: frame by
# frame the proof's inputs (run-length [dir, keys, frames], after the runner's "ready" wait; none for a
# levels game). The HUD's texts of one frame are read at `looks` (seconds) and once the run is over, from a
# canvas that records them (headless V8 has none: the runtime draws into whatever G.ctx is).
_PLAY_CLOCK = """(function (limit, looks, rle) {
  var m = __game, G = m.game, noop = function () {};
  function texts() {
    var out = [], ctx = {fillRect: noop, strokeRect: noop, drawImage: noop, save: noop, restore: noop,
                         beginPath: noop, moveTo: noop, lineTo: noop, closePath: noop, fill: noop, arc: noop,
                         translate: noop, scale: noop, fillText: function (t) { out.push(String(t)); }};
    G.ctx = ctx; try { return [m.step(1), out]; } finally { G.ctx = null; }
  }
  m.world().enemies.forEach(function (e) { e.alive = false; });
  var lives0 = G.lives, seen = [], frames = 0, s = m.state(), max = Math.ceil((limit + 3) * 60);
  var k = 0, r = 0, n = 0, before = G.score, x = 0;
  while (frames < max && s.status === 'playing') {
    G.invuln = 1e9;
    var w = m.world(), d = 0, h = 0;
    if (!w.freeze && r < rle.length) { d = rle[r][0]; h = rle[r][1]; if (++n >= rle[r][2]) { r++; n = 0; } }
    m.press('right', d > 0); m.press('left', d < 0); m.press('up', h === 1); m.press('down', h === 2);
    before = G.score; x = w.p.x / w.P.sub;
    if (k < looks.length && G.time >= looks[k]) { var got = texts(); s = got[0]; seen.push([G.time, got[1]]); k++; }
    else s = m.step(1);
    frames++;
  }
  ['right', 'left', 'up', 'down'].forEach(function (a) { m.press(a, false); });
  G.invuln = 0;
  return {state: s, frames: frames, time: G.time, lives0: lives0, before: before, seen: seen, x: x,
          end: s.status === 'playing' ? [] : texts()[1], time_up: !!G.timeUp, proof_left: rle.length - r};
})"""

# Untouchable until two seconds before the clock runs out, then the last life is lost to a fall (the player
# put under the level); then the game is left to run past 0.
_LOSE_LATE = """(function (limit) {
  var m = __game, G = m.game, s = m.state(), n = Math.floor((limit - 2) * 60);
  for (var f = 0; f < n && s.status === 'playing'; f++) { G.invuln = 1e9; s = m.step(1); }
  if (s.status !== 'playing') return {early: s, time: G.time};
  G.invuln = 0; G.lives = 1;
  var w = m.world();
  Maestro.genres.platformer.qa.movePlayer(G, w, w.p.x / w.P.sub, w.H * 16 + 2, 0);
  var lost = m.step(2), at = G.time;
  var after = m.step(4 * 60);
  return {lost: lost, at: at, after: after};
})"""


def _idle(game: HeadlessGame) -> None:
    """Level 1 from its very start: the clock at 0."""
    game.start(1)


def kp_timed_run(config: dict, levels: list[dict]):
    run_cfg = config.get("timed_run") or {}
    limit = float(run_cfg.get("seconds") or 0)
    ends_as = str(run_cfg.get("ends_as") or "win")
    looks = [1.5, round(limit / 2 + 0.5, 3)]
    lv1 = levels[0] if levels else {}
    runner = config.get("mode") in ("runner", "dash")

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not limit:
            return None, "not checked: the game has no timed run"
        proof = pf.solve(lv1, config) if runner else None
        if runner and proof is None:
            return False, "the solver finds no route along level 1 to play the clock down on"
        _idle(game)
        out = game.js(f"{_PLAY_CLOCK}({limit}, {json.dumps(looks)}, {json.dumps(proof['inputs'] if proof else [])})")
        s, t = out["state"], float(out["time"])
        if s["status"] == "playing":
            return False, f"the clock passed 0 ({t:.2f} s of a {limit:g} s run) and the run went on"
        if t < limit - 1e-6:
            return False, (f"the run ended at {t:.2f} s, before the {limit:g} s clock ran out ({s['status']}, "
                           f"x={float(out['x']):.0f} px)")
        if t > limit + 2 / FPS:
            return False, f"the run ended at {t:.2f} s, after the {limit:g} s clock ran out"
        if s["status"] != "won" or not out["time_up"]:
            return False, f"the clock running out ended the run as {s['status']!r} (reason {s.get('last_loss')!r}), not a win"
        if s["lives"] != out["lives0"] or s["score"] != out["before"]:
            return False, (f"the clock's end changed lives {out['lives0']} -> {s['lives']} and score "
                           f"{out['before']} -> {s['score']}")
        shown = clock_shown_problem(out, limit, looks, ends_as, s["score"])
        if shown:
            return False, shown
        if runner and not out["proof_left"]:
            return False, "the proof's route ran out before the clock: the course does not outlast it"
        counted = clock_counted(out, limit)
        where = (f"running the proven route, still {lv1.get('width', 0) * pf.TILE - float(out['x']):.0f} px short of "
                 "the flag" if runner else "standing still")
        return True, (f"the HUD counted down ({counted}); {where}, at {t:.2f} s the {limit:g} s clock ended the run "
                      f"as won ({clock_end_words(ends_as)}, score {s['score']}, lives {s['lives']})")
    return run


def kp_timed_run_loses(config: dict):
    limit = float((config.get("timed_run") or {}).get("seconds") or 0)

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not limit:
            return None, "not checked: the game has no timed run"
        _idle(game)
        out = game.js(f"{_LOSE_LATE}({limit})")
        if "early" in out:
            return False, f"the run ended at {float(out['time']):.2f} s, before the check could lose its last life"
        lost, after, at = out["lost"], out["after"], float(out["at"])
        if lost["status"] != "lost" or lost.get("last_loss") != "fell":
            return False, (f"losing the last life at {at:.2f} s of {limit:g} s: status {lost['status']!r}, "
                           f"reason {lost.get('last_loss')!r}")
        if after["status"] != "lost":
            return False, f"after the clock ran out a lost run became {after['status']!r}"
        return True, f"the last life lost at {at:.2f} s of the {limit:g} s clock is game over, and stays so past 0"
    return run


def keypoints(config: dict, levels: list[dict]) -> list[Keypoint]:
    seconds, ends_as = config["timed_run"]["seconds"], config["timed_run"]["ends_as"]
    ending = "wins the run" if ends_as == "win" else "ends the run with the final score"
    return [
        Keypoint("timed_run", f"Survive until the {seconds} seconds run out: the clock counts down and reaching 0 "
                 f"{ending}", kp_timed_run(config, levels), "timer"),
        Keypoint("timed_run_loses", f"Losing the last life before the {seconds} seconds run out still loses",
                 kp_timed_run_loses(config), "timer"),
    ]
