"""The board family. Classic board games against a deterministic AI opponent, turn-based: connect
four (the default), tic-tac-toe, othello / reversi and checkers / draughts. One level is one game against the computer;
the AI searches deeper from level to level, and every level is proven winnable by a search over the
player's moves against that very AI.

rules.py: the rule books, the AI, the generator and the solver · board.js: the game module ·
qa.py: bot and keypoints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules

# The words a GDD uses for each game (lower-case text).
_MODE_WORDS = (
    ("othello", re.compile(r"\b(?:othello|reversi)\b")),
    ("tic_tac_toe", re.compile(r"\btic[- ]?tac[- ]?toe\b|\bnoughts? (?:and|&) crosses\b|\bthree in a row\b")),
    # Chess is not built: its nearest game here is checkers (pieces moved and captured on an 8x8 board);
    # the reader's "chess" demand says so (maestro.gdd.demands).
    ("checkers", re.compile(r"\bcheckers\b|\bdraughts\b|\bdamas\b|\bdame(?:spiel)?\b|(?<!auto[- ])\bchess\b")),
    ("connect_four", re.compile(r"\bconnect[- ]?(?:four|4)\b|\bfour in a row\b|\b4 in a row\b")),
)


class Board(Genre):
    name = "board"
    modes = ("connect_four", "tic_tac_toe", "othello", "checkers")
    tiles = ()  # the board, its cells and its pieces are drawn from the palette
    # select: the cursor moved · push: the player's piece placed · step: the AI's piece placed ·
    # coin: discs flipped or pieces taken · undo: an illegal move refused · door: a drawn game (the board resets)
    sounds = ("select", "push", "step", "coin", "undo", "door")
    labels = {"connect_four": "connect-four board game", "tic_tac_toe": "tic-tac-toe board game",
              "othello": "othello / reversi board game", "checkers": "checkers / draughts board game"}
    default_win = {"connect_four": "Connect four in a row before the AI does",
                   "tic_tac_toe": "Get three in a row before the AI does",
                   "othello": "Own more discs than the AI when the board is settled",
                   "checkers": "Take or block every piece of the AI's"}
    default_lose = "The AI wins the game"
    palette, mood = "pastel", "calm"
    cast = ("Player", "Rival", "", "")
    base_mechanics = ("score",)
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "waves", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol", "enemies_chase",
                       "reach_exit", "collect", "hazards", "powerup", "health"})
    words = (
        (3.0, ("board games?", "boardgames?", "connect[- ]?(?:four|4)", "four in a row", "tic[- ]?tac[- ]?toe",
               "noughts? (?:and|&) crosses", "othello", "reversi", "checkers", "draughts", "(?<!auto[- ])chess",
               "against the (?:ai|computer)", "opponent'?s move", "juego de mesa", "brettspiel", "bordspel")),
        # (Not "board", "pieces", "turns" or "opponent" alone: a ship's crew is on board, an auto-battler
        # fills the opponent's board, and every tactics game has turns.)
        (1.5, ("discs?", "in a row", "flips? (?:the )?(?:discs?|pieces?)", "bracket\\w*", "stalemate", "minimax",
               "game pieces?", "the board game")),
    )
    defining = "board_rules"
    # A board game is the home of turns: the AI moves only once the player has moved.
    delivers = {"turn_based": "ai_waits_turn"}
    win_checks = ("game_won",)

    def mode_for(self, text: str) -> str:
        # The game the text names first ("othello, not connect four"); none named: connect four.
        low = text.lower()
        found = [(m.start(), mode) for mode, pat in _MODE_WORDS for m in [pat.search(low)] if m]
        return min(found)[1] if found else self.modes[0]

    def view(self, mode: str, kind: str = "sprite") -> View:
        # The board is seen from above; the two sides' portraits face each other across it.
        return "top" if kind == "background" else "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.board import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.board import qa

        return qa
