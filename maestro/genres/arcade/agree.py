"""The JS / Python rules agreement of every arcade mode, one procedure: a random script of held keys
(which keys are down on each frame) played on a level in the REAL game (``__qa.onLevel``, the mode's
``qa.view`` read after every frame) and in the mode's Python simulation, compared frame by frame.

A mode gives what is its own: the fields it compares (a JS array over ``v``, the world's view, ``G``
and ``score0``, the score at the start; the same row from its simulation), how its simulation takes a
frame's keys, and its words ("table", "balls" for pinball).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from maestro.genres.headless import HeadlessGame, first_difference

AGREE_FRAMES = 2400


class AgreeSim(Protocol):
    status: str


S = TypeVar("S", bound=AgreeSim)


def recorder_js(row: str, keys: Sequence[str]) -> str:
    """The JS function ``(lv, downs)``: ``lv`` played with ``downs[i]`` held on frame i (only ``keys``
    are pressed or let go), returning ``{first, rows}``, the ``row`` fields (then ``G.cleared``) before
    the first frame and after each, until the level is cleared or the game is no longer playing."""
    return """(function (lv, downs) {
  var QA = Maestro.genres.arcade.qa, acts = %s;
  return __qa.onLevel(lv, function (G) {
    var rows = [], cur = {}, score0 = G.score;
    function row() { var v = QA.view(G, G.world);
      return [%s, G.cleared]; }
    var first = row();
    for (var i = 0; i < downs.length; i++) {
      var want = downs[i];
      acts.forEach(function (a) { var on = want.indexOf(a) >= 0; if (on !== !!cur[a]) { __game.press(a, on); cur[a] = on; } });
      __game.step(1);
      rows.push(row());
      if (G.cleared || G.status !== 'playing') break;
    }
    return {first: first, rows: rows};
  });
})""" % (json.dumps(list(keys)), row)


def frames_agree(game: HeadlessGame, level: dict[str, Any], downs: list[list[str]], recorder: str,
                 start: Callable[[Any], S], step: Callable[[S, set[str], set[str]], None],
                 py_row: Callable[[S], list[Any]], fields: Sequence[str], *, what: str = "level",
                 lives: str = "lives") -> str | None:
    """Play ``downs`` on ``level`` through ``recorder`` (``recorder_js``) and in the simulation that
    ``start(lives at the start)`` makes, ``step(sim, keys held, keys pressed anew)`` a frame at a time;
    compare ``py_row(sim)`` with the game's ``fields`` after every frame. The rows' first three fields
    are the frame, lives and status. None when both end the same way (lost or won on the same frame),
    else the first difference in words."""
    out = game.js(f"{recorder}({json.dumps(level)}, {json.dumps(downs)})")
    first, rows = out["first"], out["rows"]
    sim = start(first[1])
    n = len(fields)
    if first[:n] != py_row(sim):
        return f"the {what} starts differently: {first_difference(fields, first, py_row(sim))}"
    prev: set[str] = set()
    for i, down in enumerate(downs):
        if i >= len(rows):
            return f"the game stopped after {i} frames while the rules play on"
        held = set(down)
        step(sim, held, held - prev)
        prev = held
        js, py = rows[i], py_row(sim)
        won_js = bool(js[n]) or js[2] == "won"
        if sim.status == "lost" or js[2] == "lost":
            if (js[1], js[2]) != (py[1], py[2]):
                return f"frame {i + 1}: the game has {js[1]} {lives} ({js[2]!r}), the rules {py[1]} ({py[2]!r})"
            return None
        if won_js or sim.status == "won":
            if won_js != (sim.status == "won"):
                return f"frame {i + 1}: " + (f"the rules win the {what} here but the game does not"
                                             if sim.status == "won" else f"the game wins the {what} where the rules do not")
            return None
        if js[:n] != py:
            return f"frame {i + 1} (keys {sorted(held)}): {first_difference(fields, js, py)}"
    return None
