"""The adventure family. Top-down exploration: a maze or rooms with keys and colour-coded doors, patrolling guards with
vision cones, chasers, melee and potions (roguelikes, dungeons and stealth games).

rules.py: tunables, level generator and solver · adventure.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Adventure(Genre):
    name = "adventure"
    modes = ("maze", "rooms")
    tiles = ("floor", "floor2", "wall", "door", "door_open", "key", "potion", "exit")
    sounds = ("start", "step", "coin", "key", "door", "powerup", "hit", "explode", "hurt", "lose", "win", "levelup", "pause")

    def rules(self) -> "GenreRules":
        from maestro.genres.adventure import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.adventure import qa

        return qa
