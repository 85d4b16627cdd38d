"""The grid-logic family: pure logic on a grid of cells. ``minesweeper``: reveal the safe cells of a
mined field, read the numbers (how many mines touch a cell), flag the mines; every board is no-guess
(a logic solver clears it from the marked first cell). ``lights_out``: pressing a light toggles it
and its four neighbours; turn every light off within the move limit (par + slack).

rules.py: tunables and dispatch · minesweeper.py / lights_out.py: each mode's rule book, generator
and solver · grid_logic.js: the game module · qa.py (mines_qa.py, lights_qa.py): bot and keypoints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules

_MINES = re.compile(r"mine ?sweep\w*|\bmines?\b|\bflag\w*|\breveal\w*|no[- ]guess", re.I)
_LIGHTS = re.compile(r"lights?[- ]out|\btoggl\w*|\blights?\b[^.]{0,30}\boff\b|\bneighbou?rs?\b", re.I)


class GridLogic(Genre):
    name = "grid_logic"
    modes = ("minesweeper", "lights_out")
    tiles = ()  # cells, numbers, flags, mines and lights are drawn from the palette
    # step: the cursor moved · blip: a cell opened / a light pressed · coin: a flood of cells, or the
    # board dark · push: a flag set or lifted · explode: a mine · undo: a flagged cell refused, or
    # the last move spent
    sounds = ("step", "blip", "coin", "push", "explode", "undo")
    labels = {"minesweeper": "minesweeper logic puzzle", "lights_out": "lights-out toggle puzzle"}
    default_win = {"minesweeper": "Reveal every cell without a mine",
                   "lights_out": "Turn every light off within the move limit"}
    default_lose = "Reveal a mine"
    palette, mood = "pastel", "calm"
    cast = ("Player", "", "", "")
    base_mechanics = ("score",)
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "waves", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol", "enemies_chase",
                       "reach_exit", "collect", "hazards", "powerup", "health", "melee", "undo"})
    # (Not "mines", "reveal", "flag" or "lights out" alone: a horror game titled Lights Out reveals
    # rooms, a platformer has mines and a goal flag.)
    words = (
        (3.0, ("mine ?sweeper\\w*", "mines? ?sweep\\w*", "flag(?:s|ging)? (?:the |all |every )?(?:hidden )?mines",
               "reveal(?:s|ing)? (?:the |a |all |every |each |safe )*(?:cells?|squares?|tiles?)",
               "lights?[- ]out (?:puzzles?|games?|clone|board|grid)", "(?:a|the) lights?[- ]out puzzle",
               "toggl\\w* (?:the |a |all |each )?lights?", "turn (?:all|every one) of the lights off",
               "turn (?:all |every )?(?:the )?lights off", "turn off (?:all|every) (?:the )?lights?",
               "(?:press|click|tap)\\w* (?:on )?(?:a|one|any) (?:light|lamp|lantern|bulb)s? and its (?:four )?neighbou?rs",
               "(?:press|click|tap)\\w* (?:on )?(?:a|one|any) (?:light|lamp|lantern|bulb) toggles?",
               "toggl\\w* (?:it|them) and (?:its|their) (?:four )?(?:neighbou?rs|adjacent)",
               "(?:lights?|lamps?|lanterns?|bulbs?) and (?:its|their) (?:four )?neighbou?rs")),
        (1.5, ("(?:adjacent|neighbou?ring|nearby) mines", "mines? (?:around|next to|adjacent|touching)",
               "how many mines", "no[- ]guess\\w*", "flood[- ]?fill\\w*", "safe cells?",
               "all (?:the )?lights (?:are )?off", "neighbou?ring lights", "logic grid",
               "(?:switch|flip|turn)(?:es|s|ed|ing)? (?:it |them )?(?:on or off|off or on)")),
    )
    defining = "grid_rules"
    delivers = {"mouse": "pointer_plays"}
    win_checks = ("all_safe_wins", "all_off_wins")
    lose_checks = ("mine_loses", "out_of_moves_loses")
    terms = (
        (r"\bfirst (?:click|reveal|tap|move)\b[^.]{0,40}\bsafe\b", "first_reveal_safe"),
        (r"\b(?:zero|empty|blank)\b[^.]{0,40}\b(?:open|reveal|flood)\w*", "zero_flood_fills"),
        (r"\bflag\w*\b[^.]{0,40}\bmines?\b", "flag_blocks_reveal"),
        (r"\bnumbers?\b[^.]{0,50}\bmines?\b", "grid_rules"),
        (r"\b(?:press|click|tap|toggl)\w*\b[^.]{0,40}\bneighbou?rs?\b", "grid_rules"),
    )

    def lose_for(self, mode: str) -> str:
        return "Run out of moves with a light still on" if mode == "lights_out" else "Reveal a mine"

    def mode_for(self, text: str) -> str:
        # Lights out when its words outnumber the minefield's; minesweeper is the family's default.
        return "lights_out" if len(_LIGHTS.findall(text or "")) > len(_MINES.findall(text or "")) else "minesweeper"

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "top"

    def rules(self) -> "GenreRules":
        from maestro.genres.grid_logic import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.grid_logic import qa

        return qa
