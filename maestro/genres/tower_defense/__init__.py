"""The tower defense family. Waves of enemies walk a path across a grid from their spawn to the base; the
player places towers on build spots with the money kills earn, and upgrades them. Win by surviving every
wave of every level; each enemy that reaches the base costs a life.

rules.py: tunables, level generator, the fixed-step simulation and its solver · tower_defense.js: the game
module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class TowerDefense(Genre):
    name = "tower_defense"
    modes = ("path",)
    tiles = ("path", "wall")
    sounds = ("shoot", "hit", "explode", "coin", "powerup", "step", "blip", "hurt")
    labels = {"path": "tower defense"}
    default_win = {"path": "Survive every wave"}
    default_lose = "Enemies reach the base until no lives are left"
    palette, mood = "meadow", "heroic"
    cast = ("Tower", "Creep", "Gold Coin", "Base")
    base_mechanics = ("waves", "currency", "lives", "score")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "push_blocks", "keys_doors", "stealth",
                       "fall_death", "undo", "sprint", "melee", "falling_objects", "reach_exit", "enemies_chase",
                       "powerup"})
    words = (
        (3.0, ("tower[- ]?defen[cs]e", "td game", "defend the base", "defend (?:the|your) (?:castle|keep|village|core)",
               "defensa de torres", "torenverdediging", "turrets?", "creeps")),
        (1.5, ("towers", "waves", "build spots?", "tower upgrades?", "enemy path", "the base", "creep waves?")),
    )
    defining = "towers_stop_waves"
    # The home of placing and upgrading towers; the level is won after its last wave.
    delivers = {"towers": "towers_stop_waves"}
    win_checks = ("waves_in_order",)

    def rules(self) -> "GenreRules":
        from maestro.genres.tower_defense import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.tower_defense import qa

        return qa
