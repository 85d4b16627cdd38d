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
    labels = {"exit": "grid puzzle", "sokoban": "block-pushing puzzle"}
    default_win = {"exit": "Reach the {goal}", "sokoban": "Push every crate onto a target"}
    default_lose = ""
    palette, mood = "pastel", "calm"
    cast = ("Keeper", "", "Crate", "Exit")
    base_mechanics = ("reach_exit", "undo")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "waves", "fall_death", "stealth",
                       "falling_objects"})
    words = (
        (3.0, ("puzzle games?", "puzzle", "denkspiel", "r[aä]tsel\\w*", "casse-t[eê]tes?", "quebra-cabe[cç]as?", "sokoban",
               "match[- ]?3", "tetris", "rompecabezas", "puzzel", "thinking game", "(?:can )?never (?:be )?pull\\w*",
               "push(?:es|ing)? (?:it|them) (?:one|a) (?:square|tile|space|cell)",
               "take back (?:his|her|your|the|a) (?:last )?move")),
        (1.5, ("puzzles", "push(?:es|ing)? (?:the )?(?:blocks?|boxes|crates?)", "boxes", "crates?", "grid", "tiles?", "moves?",
               "undo", "levers?", "switch(?:es)?", "solve\\w*", "clues?", "codes?", "logic")),
    )

    def mode_for(self, text: str) -> str:
        from maestro.gdd.lexicon import MODE_WORDS

        return "sokoban" if MODE_WORDS["sokoban"].search(text) else "exit"

    def rules(self) -> "GenreRules":
        from maestro.genres.puzzle import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.puzzle import qa

        return qa
