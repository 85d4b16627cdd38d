"""The tactics family. Grid battles, turn by turn (Fire Emblem / Advance Wars-like): terrain with move
costs and defence (plain, forest, hill; water and rock block), the player's army of three units
(the GDD's player leads an archer and a rider) against the GDD's enemies, each unit moving within
its move points and then attacking a foe in range or waiting; then the enemy army acts by a fixed AI
that goes for the weakest unit it can reach. Modes: "rout" (defeat every foe) and "hold" (survive a
number of enemy turns while waves of reinforcements march in, or rout them all). Fog of war, when
the GDD asks for it, hides what is far from the army.

rules.py: the rule book, map generator and solver · tactics.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from maestro.genres.base import Genre

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules

_HOLD = re.compile(r"\b(?:survive|hold (?:out|the line|the fort|on)|defend (?:the|your) (?:fort|base|castle|keep)|"
                   r"last (?:\d+|several|a few) turns)\b", re.I)


class Tactics(Genre):
    name = "tactics"
    modes = ("rout", "hold")
    # grass: plain (forests and hills are drawn over it) · path: a hill's slope · water · wall: rock
    tiles = ("grass", "path", "water", "wall")
    # select: a unit picked / the cursor · step: a unit moves · hit: an attack lands · explode: a unit
    # falls · undo: an order refused · door: the turn passes · hurt: a unit of the army is hit
    sounds = ("select", "step", "hit", "explode", "undo", "door", "hurt")
    labels = {"rout": "turn-based tactics", "hold": "turn-based tactics (hold the line)"}
    default_win = {"rout": "Defeat every enemy unit", "hold": "Hold out for the given turns (or rout the enemy)"}
    default_lose = "Every unit of the army is defeated"
    palette, mood = "meadow", "heroic"
    cast = ("Commander", "Raider", "", "")
    base_mechanics = ("health", "score", "melee")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol", "enemies_chase",
                       "reach_exit", "undo", "collect", "hazards", "powerup", "timer"})
    words = (
        (3.0, ("tactics", "tactical", "turn[- ]based strateg(?:y|ies)", "strategy rpgs?", "srpg", "grid[- ]based combat",
               "fire emblem", "advance wars", "into the breach", "wargames?", "t[aá]cticas?", "estrategia por turnos")),
        (1.5, ("units?", "squads?", "army", "armies", "move range", "attack range", "terrain", "grid", "battlefield",
               "troops?", "soldiers?", "commanders?")),
    )
    defining = "units_fight_by_turns"
    delivers = {"turn_based": "turn_based", "fog": "fog_hides"}
    win_checks = ("rout_wins", "hold_survives")
    terms = (
        (r"\bterrain\b.{0,60}\b(?:slow|cost|block|defen[cs]e)|\b(?:forests?|hills?|mountains?|swamps?)\b.{0,40}"
         r"\b(?:slow|cost|more move|extra move)", "terrain_costs"),
        (r"\b(?:on|during) (?:your|the player'?s) turn\b|\bselect (?:one of )?(?:your )?units?\b.{0,40}\bmove\b",
         "units_fight_by_turns"),
        (r"\b(?:enemy|enemies|foes?|the ai)\b.{0,30}\b(?:attack|target)s?\b.{0,30}\b(?:weakest|lowest hp)\b",
         "ai_attacks_weakest"),
    )

    def mode_for(self, text: str) -> str:
        return "hold" if _HOLD.search(text) else "rout"

    def rules(self) -> "GenreRules":
        from maestro.genres.tactics import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.tactics import qa

        return qa
