"""The puzzle family. Grid puzzle, turn-based: push crates onto targets (``sokoban``) or reach the exit (``exit``),
with keys, doors, dangers and undo.

rules.py: tunables, level generator and solver · puzzle.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from maestro.genres.base import BotResult, Genre, Keypoint
from maestro.spec import GameSpec, LevelRequest

if TYPE_CHECKING:
    from maestro.genres.headless import HeadlessGame


class Puzzle(Genre):
    name = "puzzle"
    modes = ("sokoban", "exit")
    tiles = ("floor", "wall", "target", "crate", "crate_on", "door", "key", "exit")
    sounds = ("start", "step", "push", "select", "key", "door", "coin", "undo", "hurt", "levelup", "win", "pause")

    def config_for(self, spec: GameSpec) -> dict[str, Any]:
        from maestro.genres.puzzle import rules

        return rules.config_for(spec)

    def generate_level(self, req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        from maestro.genres.puzzle import rules

        return rules.generate(req, config, rng)

    def solve(self, level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
        from maestro.genres.puzzle import rules

        return rules.solve(level, config)

    def describe(self, level: dict[str, Any]) -> str:
        from maestro.genres.puzzle import rules

        return rules.describe(level)

    # Each half is imported where it runs: the rules (numpy, for some) in the Orchestrator and the
    # Labyrinth, the QA half (the headless V8 runner) in the Query actor; the registry stays light.: loaded only where QA runs (the Query actor).
    def play_level_one(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any]) -> BotResult:
        from maestro.genres.puzzle import qa

        return qa.play_level_one(game, level, config)

    def keypoints(self, spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
        from maestro.genres.puzzle import qa

        return qa.keypoints(spec, config, levels)

    def rules_agree(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any],
                    rng: random.Random) -> str | None:
        from maestro.genres.puzzle import qa

        return qa.rules_agree(game, level, config, rng)
