"""Smoke play: run the real game code headless for a bounded time with a scripted player.

The script is deterministic (same bundle -> same run): it holds right, left, up, action and down in
turns, with taps drawn from a seeded RNG, restarts the game whenever it is won or lost, and after
every chunk of frames checks the bundle's ``state()`` contract. Every exception the code throws is
caught and reported with the frame it happened at.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field
from typing import Any

from maestro.genres.headless import HeadlessError, HeadlessGame, HeadlessTimeout
from maestro.spec import Check

FPS = 60
CHUNK = 60  # frames between contract checks (1 simulated second)
STATUSES = {"title", "playing", "paused", "won", "lost"}
# Each phase holds one direction for a while; the actions tapped in between come from the RNG.
PHASES = ("right", "right", "up", "right", "action", "left", "down", "right", "up", "left")
TAPS = ("action", "up", "left", "right", "down", "undo")


@dataclass
class SmokeResult:
    checks: list[Check]
    frames: int = 0
    seconds: float = 0.0
    restarts: int = 0
    figures: dict[str, Any] = field(default_factory=dict)
    froze: bool = False  # a call into the game never returned: the later stages would only wait too


def _num(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def contract_problems(state: Any) -> list[str]:
    """What in a state() answer breaks the bundle contract ([] when it is right)."""
    if not isinstance(state, dict):
        return [f"state() returned {type(state).__name__}, not an object"]
    out = []
    for key in ("status", "level", "levels", "player", "score", "lives", "time"):
        if key not in state:
            out.append(f"state() has no '{key}'")
    if out:
        return out
    if state["status"] not in STATUSES:
        out.append(f"status is '{state['status']}', not one of {sorted(STATUSES)}")
    if not isinstance(state["levels"], int) or state["levels"] < 1:
        out.append(f"levels is {state['levels']!r}, not a positive number")
    if not isinstance(state["level"], int) or not (1 <= state["level"] <= max(1, state["levels"] if isinstance(state["levels"], int) else 1)):
        out.append(f"level is {state['level']!r}, outside 1..{state['levels']}")
    p = state["player"]
    if p is not None and not (isinstance(p, dict) and _num(p.get("x")) and _num(p.get("y"))):
        out.append(f"player is {p!r}, not {{x, y}} numbers")
    if state["status"] == "playing" and p is None:
        out.append("player is missing while playing")
    if not _num(state["score"]):
        out.append(f"score is {state['score']!r}, not a number")
    if state["lives"] is not None and not _num(state["lives"]):
        out.append(f"lives is {state['lives']!r}, not a number or null")
    if not _num(state["time"]):
        out.append(f"time is {state['time']!r}, not a number")
    return out


def smoke_play(game_js: str, data_js: str, *, seconds: float = 30.0, seed: int = 1) -> SmokeResult:
    t0 = time.perf_counter()
    total = max(CHUNK, int(round(seconds * FPS)))
    rng = random.Random(seed)
    frame = 0
    restarts = 0
    crash: str | None = None
    contract: list[str] = []
    stuck: str | None = None
    runtime_errors: list[str] = []
    played_frames = 0

    try:
        game = HeadlessGame(game_js, data_js, autostart=True)
    except HeadlessError as exc:
        msg = f"The game does not start: {exc}"
        checks = [
            Check(id="boots", category="headless", passed=False, critical=True,
                  requirement="The game starts", message=msg),
            Check(id="runs_without_errors", category="headless", passed=None, critical=True,
                  requirement=f"The game runs {seconds:g} seconds of play without an error",
                  message="skipped: the game did not start"),
        ]
        return SmokeResult(checks, 0, time.perf_counter() - t0)

    held: str | None = None
    frozen = 0
    froze = False
    with game:
        try:
            state = game.state()
            contract += [f"at start: {p}" for p in contract_problems(state)]
            while frame < total and crash is None:
                phase = PHASES[(frame // (CHUNK * 2)) % len(PHASES)]
                if phase != held:
                    if held:
                        game.press(held, False)
                    game.press(phase, True)
                    held = phase
                before = state
                n = min(CHUNK, total - frame)
                # Random taps inside the chunk, at frames the RNG picks.
                done = 0
                for at in sorted(rng.sample(range(1, n), k=min(3, n - 1))):
                    if at > done:
                        game.step(at - done)
                        done = at
                    game.tap(rng.choice(TAPS))
                    done += 1
                if n > done:
                    state = game.step(n - done)
                else:
                    state = game.state()
                frame += n
                if before.get("status") == "playing" and state.get("status") == "playing":
                    played_frames += n
                    # A level change holds the clock for 1.5 s: only two frozen chunks in a row count.
                    frozen = frozen + 1 if state.get("time") == before.get("time") else 0
                    if frozen >= 2 and stuck is None:
                        stuck = f"the clock stopped at {state.get('time')} s while playing (frame {frame})"
                else:
                    frozen = 0
                for p in contract_problems(state):
                    if len(contract) < 5:
                        contract.append(f"frame {frame}: {p}")
                if state.get("status") in ("won", "lost"):
                    state = game.js("__game.restart()")
                    restarts += 1
            runtime_errors = game.errors()
        except HeadlessError as exc:
            froze = isinstance(exc, HeadlessTimeout)
            crash = f"The game {'froze' if froze else 'crashed'} after {frame / FPS:.1f} s of play (frame ~{frame}): {exc}"
            try:
                runtime_errors = game.errors()
            except HeadlessError:
                pass

    elapsed = time.perf_counter() - t0
    secs = frame / FPS
    checks = [
        Check(id="boots", category="headless", passed=True, critical=True, requirement="The game starts"),
        Check(id="runs_without_errors", category="headless", passed=crash is None and not runtime_errors, critical=True,
              requirement=f"The game runs {seconds:g} seconds of play without an error",
              message=crash or (f"the game reported errors: {'; '.join(runtime_errors[:3])}" if runtime_errors else ""),
              seconds=round(elapsed, 3)),
        Check(id="state_contract", category="headless", passed=None if crash and not contract else not contract,
              critical=True, requirement="The game reports its state (status, level, player, score, lives, time)",
              message="; ".join(contract[:5]) if contract else ("skipped: the game crashed first" if crash else "")),
        Check(id="time_advances", category="headless",
              passed=None if (crash or not played_frames) and stuck is None else stuck is None, critical=False,
              requirement="Time moves on while playing",
              message=stuck or ("skipped: no frame was played" if not played_frames else "")),
    ]
    return SmokeResult(checks, frame, elapsed, restarts,
                       {"frames": frame, "simulated_seconds": round(secs, 2), "restarts": restarts}, froze)
