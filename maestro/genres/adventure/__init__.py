"""The adventure family. Top-down exploration: a maze or rooms with keys and colour-coded doors, patrolling guards with
vision cones, chasers, melee and potions (roguelikes, dungeons and stealth games).

rules.py: tunables, level generator and solver · adventure.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from maestro.genres.base import BotResult, Genre, Keypoint
from maestro.spec import GameSpec, LevelRequest

if TYPE_CHECKING:
    from maestro.genres.headless import HeadlessGame


class Adventure(Genre):
    name = "adventure"
    modes = ("maze", "rooms")
    tiles = ("floor", "floor2", "wall", "door", "door_open", "key", "potion", "exit")
    sounds = ("start", "step", "coin", "key", "door", "powerup", "hit", "explode", "hurt", "lose", "win", "levelup", "pause")

    def config_for(self, spec: GameSpec) -> dict[str, Any]:
        from maestro.genres.adventure import rules

        return rules.config_for(spec)

    def generate_level(self, req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        from maestro.genres.adventure import rules

        return rules.generate(req, config, rng)

    def solve(self, level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
        from maestro.genres.adventure import rules

        return rules.solve(level, config)

    def describe(self, level: dict[str, Any]) -> str:
        from maestro.genres.adventure import rules

        return rules.describe(level)

    # Each half is imported where it runs: the rules (numpy, for some) in the Orchestrator and the
    # Labyrinth, the QA half (the headless V8 runner) in the Query actor; the registry stays light.: loaded only where QA runs (the Query actor).
    def play_level_one(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any]) -> BotResult:
        from maestro.genres.adventure import qa

        return qa.play_level_one(game, level, config)

    def keypoints(self, spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
        from maestro.genres.adventure import qa

        return qa.keypoints(spec, config, levels)

    def rules_agree(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any],
                    rng: random.Random) -> str | None:
        from maestro.genres.adventure import qa

        return qa.rules_agree(game, level, config, rng)
