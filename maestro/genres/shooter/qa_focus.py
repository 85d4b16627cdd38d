"""Query agent, shooter genre: the "focus" keypoint (a bullet hell's slow, precise movement).

Holding the runtime's "focus" action (Shift) moves the ship at ``config["focus"]`` of its speed and draws
its hitbox. The check flies the REAL ship the same number of frames with focus released and held, and
compares both distances with the Python rules (``rules.move_speed``); then it draws one frame of the real
``draw()`` into a recording canvas to see the hitbox drawn while focus is held, and not once released.
"""

from __future__ import annotations

from typing import Any, Callable

from maestro.genres.headless import HeadlessGame
from maestro.genres.shooter import rules as S
from maestro.genres.shooter.qa import _NO_HOOKS, FPS, _has_hooks, _hook, _idle, _world

KeypointRun = Callable[[HeadlessGame], tuple[bool | None, str]]  # what a Keypoint runs

FRAMES = 20  # one flight: short enough to stay inside the zone at any speed the config allows
_TOL = 1e-6

# The rectangles one real draw() of the world fills, on a canvas that only records them (headless V8 has
# no canvas; the runtime's sprites draw nothing without one, the genre's own rectangles are all here).
DRAWN_RECTS = """(function () {
  var rects = [], noop = function () {};
  var ctx = {fillRect: function (x, y, w, h) { rects.push([x, y, w, h]); }, strokeRect: noop, fillText: noop,
             drawImage: noop, save: noop, restore: noop, translate: noop, scale: noop};
  Maestro.genres.shooter.draw(__game.game, __game.world(), ctx);
  return rects;
})()"""


def _hitbox_drawn(game: HeadlessGame, phb: int) -> bool:
    """Whether one real draw() now fills the ship's phb x phb hitbox where the collision code has it."""
    off = (16 - phb) / 2
    x, y = _world(game, f"[Math.round(W.px + {off}), Math.round(W.py + {off})]")
    return any(list(r[:4]) == [x, y, phb, phb] for r in game.js(DRAWN_RECTS))


def _flight(game: HeadlessGame, focus: bool, phb: int) -> tuple[float, bool, bool]:
    """From the left of the zone's centre, right held for FRAMES frames (focus held or not): the distance
    flown, whether the world says it is focused, and whether the hitbox is drawn."""
    _hook(game, "var z = W.C.zone; QA.movePlayerTo(G, W, Math.round((z[0] + z[2]) / 2) - 40, Math.round((z[1] + z[3]) / 2))")
    x0 = float(_world(game, "W.px"))
    game.press("focus", focus)
    game.press("right", True)
    game.step(FRAMES)
    moved = float(_world(game, "W.px")) - x0
    focused = bool(_world(game, "W.focused"))
    drawn = _hitbox_drawn(game, phb)
    game.press("right", False)
    game.press("focus", False)
    return moved, focused, drawn


def kp_focus(config: dict[str, Any]) -> KeypointRun:
    """Focus held moves the ship at ``focus`` times its speed and shows its hitbox; released, full speed."""
    factor = float(config.get("focus") or 0)
    phb = int(config.get("player_hitbox", 8))
    want_full = S.move_speed(config, False) * FRAMES / FPS
    want_slow = S.move_speed(config, True) * FRAMES / FPS

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not _has_hooks(game):
            return _NO_HOOKS
        _idle(game)
        game.run("__game.game.invuln = 99")  # nothing may hit the ship while it is measured
        full, focused_full, drawn_full = _flight(game, False, phb)
        slow, focused_slow, drawn_slow = _flight(game, True, phb)
        if abs(full - want_full) > _TOL:
            return False, f"without focus the ship flew {full:.4f} px in {FRAMES} frames, expected {want_full:.4f}"
        if abs(slow - want_slow) > _TOL:
            return False, (f"with focus held the ship flew {slow:.4f} px in {FRAMES} frames, expected {want_slow:.4f} "
                           f"({factor:g} x {full:.4f})")
        if focused_full or not focused_slow:
            return False, f"the game says focused={focused_full} with Shift released, {focused_slow} with it held"
        if not drawn_slow:
            return False, f"with focus held no {phb}x{phb} hitbox was drawn on the ship"
        game.step(1)
        if drawn_full or _hitbox_drawn(game, phb):
            return False, "the hitbox is drawn with focus released"
        return True, (f"focus held: {slow:.2f} px in {FRAMES} frames against {full:.2f} px released "
                      f"(x{slow / full:.2f}, the GDD's {factor:g}); the {phb}x{phb} hitbox shows while held")
    return run


__all__ = ["kp_focus"]
