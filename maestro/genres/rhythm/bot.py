"""The rhythm bot's frame loop in JavaScript, shared by both modes: it holds each key of the
proof's presses for the one frame the proof names, until level 1 ends or the frames run out, and
returns the state, the frames played and the mode's QA view of the world (null before any frame)."""

from __future__ import annotations


def bot_js(qa: str) -> str:
    """The loop as a JS function ``(presses, maxFrames)``; ``qa`` names the mode's QA object (its
    ``view(game, world)``)."""
    return """(function (presses, maxFrames) {
  var m = __game, s = m.state(), frames = 0, w, at = {};
  presses.forEach(function (p) { (at[p[0]] = at[p[0]] || []).push(p[1]); });
  while (frames < maxFrames && s.level === 1 && s.status === 'playing') {
    w = m.world();
    var a = (w && !w.done) ? (at[w.f + 1] || []) : [];
    a.forEach(function (k) { m.press(k, true); });
    s = m.step(1); frames++;
    a.forEach(function (k) { m.press(k, false); });
  }
  var v = w ? %s.view(m.game, w) : null;
  return {state: s, frames: frames, view: v};
})""" % qa
