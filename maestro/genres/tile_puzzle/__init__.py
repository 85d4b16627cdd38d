"""The tile-puzzle family: falling blocks (``falling``, Tetris-like: seven tetrominoes from a seeded
7-bag, rotation with wall kicks, soft and hard drop, line clears, faster falls each level) and
swap-the-gems (``match3``: swap neighbours to make lines of three, cascades, refills from a seeded
generator, a gem goal within a move limit) and sliding tiles (``merge``, 2048-like: equal tiles merge,
seeded spawns, reach the level's tile) and pair-matching solitaire (``mahjong``: a layered turtle of
tiles, take free pairs of one face until the board is empty; deals made by reverse play, shuffles when
no free pair is left; mahjong.py, mahjong_qa.py).

rules.py: the rule book, level generator and solver · tile_puzzle.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules

_MATCH3 = re.compile(r"match[- ]?(?:3|three)|three in a row|swap\w*|\bgems?\b|jewel\w*|candy crush|bejeweled|"
                     r"tile[- ]matching", re.I)
_MERGE = re.compile(r"\b2048\b|\bmerg\w*|\bslid\w* (?:the |all )?tiles?|\bthrees\b", re.I)
_FALLING = re.compile(r"tetris\w*|tetromino\w*|falling blocks?|line clears?|clear(?:s|ing)? (?:the )?lines|"
                      r"rows? (?:clear|vanish)\w*", re.I)


class TilePuzzle(Genre):
    name = "tile_puzzle"
    modes = ("falling", "match3", "merge", "mahjong")
    tiles = ()  # the well and the board are drawn from the palette: shaded blocks and gems
    # step: a shift, a rotation or the cursor · push: a piece locks · coin: rows or a line cleared ·
    # powerup: a cascade · select: a gem picked · undo: a swap with no line, undone (merge: step a slide,
    # coin a merge; mahjong: step the cursor, select a tile picked or dropped, coin a pair taken, undo a
    # mismatch or a blocked tile, powerup a shuffle)
    sounds = ("step", "push", "coin", "powerup", "select", "undo")
    labels = {"falling": "falling-blocks puzzle", "match3": "match-3 puzzle", "merge": "sliding-tiles merge puzzle",
              "mahjong": "pair-matching solitaire (mahjong)"}
    default_win = {"falling": "Clear the lines each level asks for", "match3": "Collect the gems each level asks for",
                   "merge": "Merge tiles up to the tile each level asks for",
                   "mahjong": "Clear every tile from the board, a free pair at a time"}
    default_lose = "The stack reaches the top, or no move is left"
    palette, mood = "neon", "upbeat"
    cast = ("Player", "", "Gem", "")  # the item names match3's first kind of gem
    base_mechanics = ("score",)
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "waves", "fall_death", "stealth",
                       "push_blocks", "keys_doors", "sprint", "enemies_patrol", "enemies_chase", "reach_exit",
                       "undo", "collect", "hazards", "powerup", "health"})
    words = (
        (3.0, ("tetris\\w*", "tetromino(?:e?s)?", "falling blocks?", "line clears?", "match[- ]?3", "match[- ]three",
               "three in a row", "swap (?:two |adjacent )?(?:tiles|gems|jewels)", "bejeweled", "candy crush",
               "tile puzzles?", "tile[- ]matching", "block puzzles?", "2048", "merge (?:the |equal |two )?tiles")),
        # pair-matching solitaire (mode "mahjong"): its own names, not the four-player table game's
        (3.0, ("mahjongg? solitaire", "mahjongg", "shisen(?:[- ]?sho)?", "pair[- ]matching solitaire",
               "match(?:es|ing)? (?:the )?pairs of (?:\\w+ )?tiles", "tile solitaire")),
        (1.5, ("cascades?", "hard drop", "soft drop", "move limit", "slid\\w* tiles?", "mahjong", "free tiles?")),
    )
    defining = "tiles_by_the_rules"
    # Mouse / touch plays it (tap, drag, swipe), proved on the module's pointer path.
    delivers = {"mouse": "pointer_plays"}
    win_checks = ("goal_wins",)
    lose_checks = ("top_out_loses", "out_of_moves_loses", "stuck_loses")
    # Pair-matching solitaire's rules as GDDs say them (only its words: free tiles, open sides, shuffles
    # when no pair is left), each proved by a mahjong keypoint.
    terms = (
        (r"\bnothing (?:rests|lies|sits) on\b.{0,80}\bsides? (?:is |are )?open\b|\bfree tiles?\b.{0,60}"
         r"\b(?:covered|blocked|on top)\b", "blocked_refused"),
        # (a pair, not a move: a match-3 board with no move left is re-dealt too, and has no such check)
        (r"\bshuffles?\b.{0,60}\bno (?:free )?pairs?\b|\bno free pairs?\b.{0,60}\bshuffles?\b", "stuck_shuffles"),
        (r"\b(?:two|a pair of) free tiles\b.{0,40}\bsame\b", "tiles_by_the_rules"),
    )

    def lose_for(self, mode: str) -> str:
        return "No free pair is left once the shuffles are spent" if mode == "mahjong" else self.default_lose

    def cast_for(self, mode: str) -> tuple[str, str, str, str]:
        return ("Player", "", "Tile", "") if mode == "mahjong" else self.cast

    def mode_for(self, text: str) -> str:
        from maestro.genres.tile_puzzle.mahjong import mode_words

        m3, fall, merge = len(_MATCH3.findall(text)), len(_FALLING.findall(text)), len(_MERGE.findall(text))
        solitaire = mode_words(text)
        if solitaire and solitaire >= max(m3, fall, merge):
            return "mahjong"
        if merge > max(m3, fall):
            return "merge"
        return "match3" if m3 > fall else "falling"

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "top"

    def rules(self) -> "GenreRules":
        from maestro.genres.tile_puzzle import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.tile_puzzle import qa

        return qa
