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
    labels = {"rooms": "top-down adventure", "maze": "top-down maze adventure"}
    default_win = {"rooms": "Reach the {goal}", "maze": "Find the {goal} of the maze"}
    palette, mood = "dungeon", "heroic"
    cast = ("Explorer", "Skeleton", "Gem", "Exit")
    base_mechanics = ("collect", "score", "lives", "reach_exit")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "fall_death", "push_blocks", "waves", "falling_objects"})
    words = (
        (3.0, ("locked doors?", "escape room", "adventure games?", "rpg", "roguelikes?", "rougelikes?", "rogue-?lite",
               "dungeon crawler", "zelda", "stealth", "sluipspel", "top[- ]down", "van bovenaf", "vista cenital", "zelda-?like",
               "action adventure", "overworld", "aventuras?", "avontuur", "action[- ]adventure", "action-aventure",
               "abenteuer\\w*", "mazes?", "labyrinths?", "laberintos?", "doolhof")),
        (1.5, ("dungeons?", "explore\\w*", "rooms?", "keys?", "guards?", "patrol\\w*", "monsters?", "quest", "potions?",
               "amulet", "loot", "evade", "sneak\\w*", "sluip\\w*", "melee", "swords?", "hide in shadows", "exit", "thief",
               "heist", "mazmorra", "kerker")),
    )

    def mode_for(self, text: str) -> str:
        from maestro.gdd.lexicon import MODE_WORDS

        return "maze" if len(MODE_WORDS["maze"].findall(text)) >= 2 else "rooms"

    def rules(self) -> "GenreRules":
        from maestro.genres.adventure import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.adventure import qa

        return qa
