"""Keypoints every genre shares, checked on the bundle contract alone (a fresh game for each).

* restart_resets   restart puts score, lives, level and time back to where a new game starts
* last_life_loses  losing the last life ends the game (genres with lives)
* pause_freezes    pause stops the world; pausing again resumes it
* title_then_play  a game opened without autostart shows its title, and the action key starts it
* in_game_<slug>   each character and thing the GDD names is in the running game's world of some level
                   (the genre's code built it from the level data), so a requirement for it is
                   shown in the game, not just listed in the spec
* level_names      the running game's levels carry the names the GDD gave them
"""

from __future__ import annotations

import time
from typing import Any, Callable

from maestro.genres.headless import HeadlessError, HeadlessGame
from maestro.spec import Check

GameFactory = Callable[..., HeadlessGame]


def _run(cid: str, requirement: str, fn: Callable[[], tuple[bool | None, str]], *, critical: bool,
         mechanic: str | None = None) -> Check:
    t0 = time.perf_counter()
    try:
        passed, message = fn()
    except HeadlessError as exc:
        passed, message = False, f"the game threw while checking this: {exc}"
    except Exception as exc:  # a broken check is a failed check, never a crashed QA
        passed, message = False, f"the check could not run: {type(exc).__name__}: {exc}"
    return Check(id=cid, category="keypoint", passed=passed, critical=critical, requirement=requirement,
                 message=message, mechanic=mechanic, seconds=round(time.perf_counter() - t0, 4))


def _hold(game: HeadlessGame, action: str, frames: int) -> dict:
    game.press(action, True)
    state = game.step(frames)
    game.press(action, False)
    return state


def generic_keypoints(game_js: str, data_js: str, data: dict[str, Any]) -> list[Check]:
    spec = data.get("spec") or {}
    mechanics = {m.get("id") for m in spec.get("mechanics") or [] if isinstance(m, dict)}
    lives_start = spec.get("lives") or 3

    def fresh(**kw: Any) -> HeadlessGame:
        return HeadlessGame(game_js, data_js, **kw)

    def restart_resets() -> tuple[bool, str]:
        with fresh() as g:
            start = g.state()
            # Change the state both by playing and through the runtime's own hooks.
            for action in ("right", "up", "action", "left"):
                _hold(g, action, 45)
            # Hurt first: a genre may roll the score back to the level's start when a level restarts.
            g.run("var G = __game.game; G.invuln = 0; G.transition = 0; G.hurt('qa');")
            g.step(30)
            g.run("__game.game.addScore(123);")
            changed = g.step(1)
            after = g.js("__game.restart()")
            after = g.state() if not isinstance(after, dict) else after
            wrong = []
            for key in ("score", "lives", "level"):
                if after.get(key) != start.get(key):
                    wrong.append(f"{key} is {after.get(key)} after restart (a new game starts with {start.get(key)})")
            if not isinstance(after.get("time"), (int, float)) or after["time"] > 0.1:
                wrong.append(f"the clock shows {after.get('time')} s after restart instead of 0")
            if after.get("status") != "playing":
                wrong.append(f"the game is '{after.get('status')}' after restart, not playing")
            if changed.get("score") == start.get("score") and changed.get("lives") == start.get("lives"):
                return False, "could not change the score or lives to see whether restart resets them"
            return not wrong, ("Restarting does not start over: " + "; ".join(wrong)) if wrong else ""

    def last_life_loses() -> tuple[bool | None, str]:
        with fresh() as g:
            st = g.state()
            if st.get("lives") is None:
                return None, "skipped: this game has no lives"
            for _ in range(int(st["lives"]) + 2):
                g.run("var G = __game.game; G.invuln = 0; G.transition = 0; G.hurt('qa');")
                st = g.step(1)
                if st.get("status") != "playing":
                    break
            if st.get("status") != "lost":
                return False, (f"Losing every life does not end the game: after {lives_start} hits the game is "
                               f"'{st.get('status')}' with {st.get('lives')} lives")
            return True, ""

    def pause_freezes() -> tuple[bool, str]:
        with fresh() as g:
            g.step(10)
            g.press("right", True)
            paused = g.tap("pause")
            if paused.get("status") != "paused":
                return False, f"Pressing pause does not pause the game (it is '{paused.get('status')}')"
            later = g.step(60)
            g.press("right", False)
            problems = []
            if later.get("time") != paused.get("time"):
                problems.append(f"the clock kept running while paused ({paused.get('time')} s -> {later.get('time')} s)")
            if later.get("player") != paused.get("player"):
                problems.append("the player moved while paused")
            if later.get("status") != "paused":
                problems.append(f"the game left pause by itself ('{later.get('status')}')")
            resumed = g.tap("pause")
            resumed = g.step(30)
            if resumed.get("status") != "playing":
                problems.append(f"pressing pause again does not resume (the game is '{resumed.get('status')}')")
            elif resumed.get("time") == later.get("time"):
                problems.append("after resuming the clock does not move")
            return not problems, ("Pause does not work: " + "; ".join(problems)) if problems else ""

    def title_then_play() -> tuple[bool, str]:
        with fresh(autostart=False) as g:
            st = g.step(5)
            if st.get("status") != "title":
                return False, f"Without autostart the game should show its title screen, but it is '{st.get('status')}'"
            st = g.tap("action")
            st = g.step(2)
            if st.get("status") != "playing":
                return False, f"Pressing Space on the title screen does not start the game (it is '{st.get('status')}')"
            if st.get("level") != 1:
                return False, f"The game starts on level {st.get('level')} instead of level 1"
            return True, ""

    return [
        *cast_keypoints(fresh, spec),
        _run("restart_resets", "Restarting the game resets score, lives, level and time", restart_resets, critical=True),
        _run("last_life_loses", "Losing the last life ends the game", last_life_loses, critical=True,
             mechanic="lives" if "lives" in mechanics else None),
        _run("pause_freezes", "Pause stops the game and pausing again resumes it", pause_freezes, critical=False),
        _run("title_then_play", "The game opens on its title screen and Space starts it", title_then_play,
             critical=False),
    ]


# Every slug the running game shows, level by level: each sprite it draws (on a canvas that draws
# nothing: any method is a no-op) and any "slug" or "...Slug" field of its world, walked to a small
# depth (a genre may keep a thing off screen until the camera reaches it).
_WORLD_SLUGS = """
(function () {
  var G = __game.game, found = {}, levels = G.levels.length, draw = G.sprite, keepCtx = G.ctx;
  var nothing = new Proxy(function () {}, {get: function (t, k) { return k === 'width' || k === 'height' ? 0 : nothing; },
                                           set: function () { return true; }, apply: function () { return nothing; }});
  function seen(slug) { if (typeof slug === 'string' && !found[slug]) found[slug] = G.levelIndex + 1; }
  function walk(v, depth) {
    if (!v || depth > 4 || typeof v !== 'object') return;
    if (Array.isArray(v)) { for (var i = 0; i < v.length && i < 400; i++) walk(v[i], depth + 1); return; }
    for (var k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      var x = v[k];
      if (typeof x === 'string' && (k === 'slug' || /Slug$/.test(k))) seen(x);
      else if (typeof x === 'object') walk(x, depth + 1);
    }
  }
  G.ctx = nothing;
  G.sprite = function (slug) { seen(slug); return draw.apply(this, arguments); };
  try {
    for (var i = 0; i < levels; i++) { __game.start(i + 1); __game.step(2); walk(G.world, 0); }
  } finally { G.sprite = draw; G.ctx = keepCtx; }
  return {slugs: found, names: G.levels.map(function (l) { return l && l.name; })};
})()
"""


def spec_cast(spec: dict[str, Any]) -> list[dict[str, Any]]:
    """GameSpec.cast() for the spec as the bundle carries it (plain JSON): every entity with a slug."""
    cast = [spec.get("player"), *(spec.get("enemies") or []), *(spec.get("items") or []),
            *(spec.get("hazards") or []), spec.get("goal")]
    return [e for e in cast if isinstance(e, dict) and e.get("slug")]


def cast_keypoints(fresh: Callable[..., HeadlessGame], spec: dict[str, Any]) -> list[Check]:
    # Only what the GDD named (a requirement's term): a default Maestro invented, such as the "Exit" of a
    # crate puzzle won by covering targets, is no promise to the designer.
    asked = {r.get("term") for r in spec.get("requirements") or [] if isinstance(r, dict)}
    cast = [e for e in spec_cast(spec) if e["slug"] in asked]
    seen: dict[str, Any] = {}

    def world() -> dict[str, Any]:
        if not seen:
            with fresh() as g:
                seen.update(g.js(_WORLD_SLUGS) or {})
        return seen

    def present(entity: dict[str, Any]) -> Callable[[], tuple[bool, str]]:
        def check() -> tuple[bool, str]:
            slugs = world().get("slugs") or {}
            level = slugs.get(entity["slug"]) or slugs.get("tile_" + entity["slug"])  # a goal drawn as a tile
            if not level:
                return False, f"{entity.get('name')} is in the spec but in no level of the running game"
            return True, f"in level {level} of the running game"
        return check

    def level_names() -> tuple[bool | None, str]:
        wanted = [lv.get("name") for lv in spec.get("levels") or [] if isinstance(lv, dict)]
        got = world().get("names") or []
        if not wanted:
            return None, "skipped: the spec names no levels"
        if got[: len(wanted)] != wanted:
            return False, f"the game's levels are named {got}, the spec's {wanted}"
        return True, ""

    checks = [_run(f"in_game_{e['slug']}", f"{e.get('name')} ({e.get('kind')}) is in the game", present(e),
                   critical=False, mechanic=e["slug"]) for e in cast]
    checks.append(_run("level_names", "The game's levels carry the design's level names", level_names,
                       critical=False))
    return checks
