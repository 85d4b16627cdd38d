"""The platformer family. Side-on running and jumping: platforms, pits, stompable enemies, a flag;
``runner`` mode scrolls by itself (an endless-runner course).

rules.py: tunables, level generator and solver · platformer.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Platformer(Genre):
    name = "platformer"
    modes = ("levels", "runner")
    tiles = ("ground", "ground_top", "platform")
    sounds = ("jump", "coin", "hit", "hurt", "start", "levelup", "win", "lose", "pause")

    def rules(self) -> "GenreRules":
        from maestro.genres.platformer import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.platformer import qa

        return qa

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "side"
