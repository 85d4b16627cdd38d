"""The puzzle family. Grid puzzle, turn-based: push crates onto targets (``sokoban``) or reach the exit (``exit``),
with keys, doors, dangers and undo.

rules.py: tunables, level generator and solver · puzzle.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Puzzle(Genre):
    name = "puzzle"
    modes = ("sokoban", "exit")
    tiles = ("floor", "wall", "target", "crate", "crate_on", "door", "key", "exit")
    sounds = ("start", "step", "push", "select", "key", "door", "coin", "undo", "hurt", "levelup", "win", "pause")

    def rules(self) -> "GenreRules":
        from maestro.genres.puzzle import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.puzzle import qa

        return qa
