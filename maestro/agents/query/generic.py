"""Keypoints every genre shares, checked on the bundle contract alone (a fresh game for each).

* restart_resets   restart puts score, lives, level and time back to where a new game starts
* last_life_loses  losing the last life ends the game (genres with lives)
* pause_freezes    pause stops the world; pausing again resumes it
* title_then_play  a game opened without autostart shows its title, and the action key starts it
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
        _run("restart_resets", "Restarting the game resets score, lives, level and time", restart_resets, critical=True),
        _run("last_life_loses", "Losing the last life ends the game", last_life_loses, critical=True,
             mechanic="lives" if "lives" in mechanics else None),
        _run("pause_freezes", "Pause stops the game and pausing again resumes it", pause_freezes, critical=False),
        _run("title_then_play", "The game opens on its title screen and Space starts it", title_then_play,
             critical=False),
    ]
