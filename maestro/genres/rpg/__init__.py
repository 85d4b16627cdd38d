"""The rpg family. A small top-down map per level (grid moves, walls, potions and treasure to pick
up, the exit), foes standing on it, and turn-based battles with a menu (Attack, Skill, Item,
Defend, Flee) whenever the hero bumps into one; XP from battles levels the hero up, and the last
level's exit is guarded by the boss.

rules.py: the rule book, map generator and solver · rpg.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Rpg(Genre):
    name = "rpg"
    modes = ("battles",)
    tiles = ("floor", "wall", "exit")
    # step: a map move · select: a menu move · hit: an attack lands · powerup: a skill · coin: treasure
    # · key: a potion picked up / drunk · door: defend · undo: an action refused · explode: a foe felled
    sounds = ("step", "select", "hit", "powerup", "coin", "key", "door", "undo", "explode", "hurt")
    labels = {"battles": "turn-based RPG"}
    default_win = {"battles": "Defeat the boss guarding the {goal}"}
    default_lose = "The hero's HP reaches 0"
    palette, mood = "dungeon", "heroic"
    cast = ("Hero", "Slime", "Potion", "Exit")
    base_mechanics = ("health", "score", "reach_exit")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_chase", "enemies_patrol", "undo",
                       "hazards", "waves", "powerup"})
    words = (
        (3.0, ("turn[- ]based rpgs?", "jrpgs?", "turn[- ]based (?:battles?|combat|fights?)", "role[- ]playing(?: games?)?",
               "rpgs?", "battle menu", "final fantasy", "dragon quest", "pok[eé]mon", "juego de rol", "rollenspiel",
               "jeu de r[oô]le", "rollenspel")),
        # (Not "boss", "battle" or "hero": every family has those.)
        (1.5, ("party", "hp", "mp", "xp", "exp", "level(?:s|ing)? up", "potions?", "ethers?", "elixirs?", "spells?",
               "mana", "encounters?", "experience points?")),
    )
    defining = "battle_menu"
    delivers = {"turn_based": "battle_menu", "boss": "boss_battle", "mana": "skill_mp",
                "progression": "level_up", "inventory": "potion_heals"}
    win_checks = ("boss_battle",)

    def rules(self) -> "GenreRules":
        from maestro.genres.rpg import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.rpg import qa

        return qa
