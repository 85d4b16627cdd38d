"""What each genre gives the Query agent: a bot that plays level 1, and keypoint checks.

Every genre has a module ``maestro.agents.query.genres.<genre>`` with:

    def play_level_one(game: HeadlessGame, level: dict, config: dict) -> BotResult
        Drive the REAL game code (game.press / game.step) along the route the Labyrinth solver
        proves for this level (re-run ``maestro.levels.<genre>.solve(level, config)`` to get it),
        until state().level becomes 2 or status becomes 'won' (a 1-level game). Bounded frames.

    def keypoints(spec: dict, config: dict, levels: list[dict]) -> list[Keypoint]
        One small check per mechanic/entity of the GameSpec that this genre can show, e.g.
        "collecting a Coin adds 10 to the score": put the game in a state (via the genre's
        ``qa`` hooks in its JS module, reachable as __game.game / __game.world()), step frames,
        assert the result. Each check gets a FRESH game (autostarted on level 1).

Keypoint ids are stable strings ("collect", "enemy_hurts", "exit_wins", "last_life_loses",
"restart_resets", "push_box", "door_needs_key", "undo", "jump", "shoot_kills", ...).
``requirement`` is what a designer reads in the report; ``mechanic`` names the GameSpec mechanic
(or entity slug) it proves, so the report can compute fidelity = passed requirements / all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from maestro.agents.query.headless import HeadlessGame


@dataclass
class BotResult:
    won: bool
    frames: int
    detail: str = ""
    path_steps: int = 0


@dataclass
class Keypoint:
    id: str
    requirement: str
    run: Callable[[HeadlessGame], tuple[bool, str]] = field(repr=False)
    mechanic: str | None = None
