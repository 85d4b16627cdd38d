"""Keypoints every genre shares, checked on the bundle contract alone (a fresh game for each).

* restart_resets   restart puts score, lives, level and time back to where a new game starts
* last_life_loses  losing the last life ends the game (genres with lives)
* pause_freezes    pause stops the world; pausing again resumes it
* title_then_play  a game opened without autostart shows its title, and the action key starts it
* in_game_<slug>   each character and thing the GDD names is in the running game's world of some level
                   (the genre's code built it from the level data), so a requirement for it is
                   shown in the game, not just listed in the spec
* level_names      the running game's levels carry the names the GDD gave them

Run only where a requirement of the GDD is mapped to them (its ``term`` is the check's id, or for the
levels and the clock the structure it proves), so a game whose GDD asks for none pays nothing:
* move_left_right  holding Right moves the player right and holding Left moves it back
* hit_sends_back   a lost life puts the player back at the start of the level (or its last checkpoint)
* sprint_is_faster holding Space (the sprint key, where a genre builds one) makes the player faster
* levels_in_order  finishing a level starts the next, and finishing the last one wins the game
* time_limit_costs_life  a per-level clock (no timed run) running out costs a life and starts again
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
        *asked_keypoints(fresh, spec),
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


# The keypoints below prove what a GDD says of every game in words the reader maps to them
# (maestro.gdd.requirements: SHARED_TERMS, the rules of losing that send the player back, the levels
# and the clock); a requirement's term names the check, or the structure it proves.
ASKED_BY = {"move_left_right": ("move_left_right",), "hit_sends_back": ("hit_sends_back",), "sprint_is_faster": ("sprint",),
            "levels_in_order": ("levels",), "time_limit_costs_life": ("timer", "timed")}


# Frames before the player is moved: a runner waits a second ("ready") before it runs. Then it is walked
# WALK px (a tile and a half), far enough to tell apart from where it started, too short to reach a pit.
SETTLE = 65
WALK = 24


def _near(a: dict | None, b: dict | None, dx: float, dy: float) -> bool:
    return bool(a and b and abs(a["x"] - b["x"]) <= dx and abs(a["y"] - b["y"]) <= dy)


def asked_keypoints(fresh: GameFactory, spec: dict[str, Any]) -> list[Check]:
    asked = {r.get("term") for r in spec.get("requirements") or [] if isinstance(r, dict)}
    wanted = [cid for cid, terms in ASKED_BY.items() if asked & set(terms)]
    hurt = "var G = __game.game; G.invuln = 0; G.transition = 0; G.hurt('qa');"

    def walk(g: HeadlessGame, action: str, start: dict) -> dict | None:
        """Hold ``action`` until the player is WALK px away (at most a second); None when a life was lost
        on the way (a runner falling into the first pit): where it ended says nothing of walking."""
        g.press(action, True)
        try:
            for _ in range(60):
                st = g.step(1)
                if st.get("lives") != start.get("lives") or st.get("status") != "playing" or st.get("last_loss"):
                    return None
                if not _near(start["player"], st["player"], WALK, 1e9):
                    break
            return st
        finally:
            g.press(action, False)

    def move_left_right() -> tuple[bool | None, str]:
        with fresh() as g:
            start = g.step(SETTLE)
            if start.get("player") is None:
                return None, "skipped: this game has no player that walks"
            right = walk(g, "right", start)
            left = walk(g, "left", right) if right is not None else None
            if right is None or left is None:
                return None, "skipped: the player lost a life while the check walked it"
            x0, x1, x2 = start["player"]["x"], right["player"]["x"], left["player"]["x"]
            if x1 <= x0:
                return False, f"holding Right does not move the player right (x {x0} -> {x1})"
            if x2 >= x1:
                return False, f"holding Left does not move the player back left (x {x1} -> {x2})"
            return True, f"x {x0} -> {x1} holding Right, -> {x2} holding Left"

    def hit_sends_back() -> tuple[bool | None, str]:
        with fresh() as g:
            start = g.step(1)  # where the level puts the player, one frame in (as after a lost life below)
            if start.get("player") is None or start.get("status") != "playing":
                return None, "skipped: this game has no player on a level to send back"
            away = walk(g, "right", g.step(SETTLE))
            if away is None or _near(start["player"], away["player"], WALK - 1, 8):
                return None, "skipped: could not move the player away from the start to see where a lost life puts it"
            g.run(hurt)
            after = g.step(1)
            if start.get("lives") is not None and after.get("lives") != start["lives"] - 1:
                return False, f"a hit did not cost one life (lives {start['lives']} -> {after.get('lives')})"
            if after.get("status") != "playing" or after.get("level") != start.get("level"):
                return False, f"after a lost life the game is '{after.get('status')}' on level {after.get('level')}"
            if not _near(start["player"], after["player"], 4, 16):
                return False, (f"after a lost life the player is at {after['player']}, not back at the start "
                               f"{start['player']} (it had got to {away['player']})")
            return True, f"walked to {away['player']}, then a lost life put the player back at {after['player']}"

    def sprint_is_faster() -> tuple[bool | None, str]:
        if "sprint" not in {m.get("id") for m in spec.get("mechanics") or [] if isinstance(m, dict)}:
            # a family without a sprint key (a fighter's Space attacks): knockback is no sprint
            return None, "skipped: the game has no sprint key"

        def frames_to_walk(run: bool) -> int | None:
            with fresh() as g:
                start = g.step(SETTLE)
                if start.get("player") is None:
                    return None
                if run:
                    g.press("action", True)
                g.press("right", True)
                for n in range(1, 90):
                    st = g.step(1)
                    if st.get("lives") != start.get("lives") or st.get("last_loss"):
                        return None
                    if not _near(start["player"], st["player"], 2 * WALK, 1e9):
                        return n
                return 90

        walked, ran = frames_to_walk(False), frames_to_walk(True)
        if walked is None or ran is None:
            return None, "skipped: the player cannot be walked here without losing a life"
        if ran >= walked:
            return False, f"holding Space does not make the player faster ({2 * WALK} px in {walked} frames walking, {ran} running)"
        return True, f"{2 * WALK} px in {ran} frames running, {walked} walking"

    def levels_in_order() -> tuple[bool | None, str]:
        with fresh() as g:
            st = g.step(1)
            n = int(st.get("levels") or 0)
            if n < 2:
                return None, "skipped: the game has one level"
            for level in range(1, n + 1):
                if st.get("level") != level or st.get("status") != "playing":
                    return False, f"level {level} should be playing, but the game is '{st.get('status')}' on level {st.get('level')}"
                g.run("var G = __game.game; G.transition = 0; G.win();")
                # the runtime's 1.5 s "level complete" banner, then the next level starts
                st = g.step(100)
            if st.get("status") != "won":
                return False, f"finishing the last of {n} levels leaves the game '{st.get('status')}', not won"
            return True, f"{n} levels, each started when the one before was finished; the last one wins"

    def time_limit_costs_life() -> tuple[bool | None, str]:
        limit = spec.get("time_limit")
        if not limit or spec.get("time_ends_as"):
            return None, "skipped: the game has no per-level time limit"
        with fresh() as g:
            start = g.step(2)
            g.run(f"__game.game.time = {float(limit) - 0.05};")
            after = g.step(5)
            lost = start.get("lives") is None or after.get("lives") == start["lives"] - 1
            if after.get("last_loss") != "time" or not lost:
                return False, (f"the {limit} s clock ran out with lives {start.get('lives')} -> {after.get('lives')}, "
                               f"loss reason {after.get('last_loss')!r}")
            if not isinstance(after.get("time"), (int, float)) or after["time"] > 1:
                return False, f"after the clock ran out it shows {after.get('time')} s, not a fresh {limit} s"
            return True, f"at {limit} s a life is lost and the clock starts again"

    player = str((spec.get("player") or {}).get("name") or "the player")
    made = {
        "move_left_right": (f"Holding Right moves {player} right and holding Left moves it back", move_left_right),
        "hit_sends_back": (f"A lost life puts {player} back at the start of the level (or its last checkpoint)",
                           hit_sends_back),
        "sprint_is_faster": (f"Holding Space makes {player} run faster", sprint_is_faster),
        "levels_in_order": ("Finishing a level starts the next one, and finishing the last wins the game",
                            levels_in_order),
        "time_limit_costs_life": (f"When the {spec.get('time_limit')} s clock runs out a life is lost and the clock "
                                  "starts again", time_limit_costs_life),
    }
    return [_run(cid, made[cid][0], made[cid][1], critical=False) for cid in wanted]


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
