"""The shooter family. Shoot-'em-up: waves of enemies on scripted paths with scheduled fire; ``fixed`` fires up the
screen (Space-Invaders-like), ``scrolling`` flies sideways; dodge-only when the GDD has no shooting.

rules.py: tunables, level generator and solver · shooter.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from maestro.genres.base import BotResult, Genre, Keypoint, View
from maestro.spec import GameSpec, LevelRequest

if TYPE_CHECKING:
    from maestro.genres.headless import HeadlessGame


class Shooter(Genre):
    name = "shooter"
    modes = ("fixed", "scrolling")
    tiles = ()  # the shooter draws sprites and particles only (no tile map)
    sounds = ("shoot", "hit", "explode", "hurt", "coin", "powerup")

    def config_for(self, spec: GameSpec) -> dict[str, Any]:
        from maestro.genres.shooter import rules

        return rules.config_for(spec)

    def generate_level(self, req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        from maestro.genres.shooter import rules

        return rules.generate(req, config, rng)

    def solve(self, level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
        from maestro.genres.shooter import rules

        return rules.solve(level, config)

    def describe(self, level: dict[str, Any]) -> str:
        from maestro.genres.shooter import rules

        return rules.describe(level)

    def view(self, mode: str, kind: str = "sprite") -> View:
        # A fixed shooter's sprites are seen from above (ships nose-up); a scrolling one's from the
        # side. A shooter's backdrop is always a sky or space scene painted from the side.
        return "side" if (kind == "background" or mode == "scrolling") else "top"

    # Each half is imported where it runs: the rules (numpy, for some) in the Orchestrator and the
    # Labyrinth, the QA half (the headless V8 runner) in the Query actor; the registry stays light.: loaded only where QA runs (the Query actor).
    def play_level_one(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any]) -> BotResult:
        from maestro.genres.shooter import qa

        return qa.play_level_one(game, level, config)

    def keypoints(self, spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
        from maestro.genres.shooter import qa

        return qa.keypoints(spec, config, levels)

    def rules_agree(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any],
                    rng: random.Random) -> str | None:
        from maestro.genres.shooter import qa

        return qa.rules_agree(game, level, config, rng)
