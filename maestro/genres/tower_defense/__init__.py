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


# A tower in the GDD's words (the terms below)
TOWER_WORDS = r"(?:towers?|torens?|torres?|turrets?|tourelles?)"

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
    # Rules the family builds as GDDs say them, each proved by its keypoint (qa.py): towers built that
    # attack the walkers, upgraded, paid for; enemies coming in waves.
    terms = (
        (r"\b(?:currency|gold|money|coins?|geld|goud|dinero|oro|munten)\b.{0,40}\b(?:place|build|buy|bouw\w*|ko(?:o)?p\w*|"
         r"compra\w*|construi\w*)", "build_costs_currency"),
        (r"\b(?:builds?|plac\w*|bouw\w*|construi\w*|coloca\w*)\b.{0,30}\b" + TOWER_WORDS + r"|\b" + TOWER_WORDS +
         r"\b.{0,40}\b(?:attack\w*|shoot\w*|fire\w*|target\w*|aanval\w*|schiet\w*|zoeken|dispar\w*|atac\w*)", "towers_stop_waves"),
        (r"\b(?:enem(?:y|ies)|vijanden|enemigos|creeps|monsters?)\b.{0,30}\bwaves?\b|\bwaves?\b.{0,30}\b(?:enem(?:y|ies)|vijanden)\b",
         "waves_in_order"),
        (r"\bupgrad\w*\b.{0,30}\b" + TOWER_WORDS + r"|\b" + TOWER_WORDS + r"\b.{0,30}\bupgrad\w*", "upgrade_improves"),
    )

    def rules(self) -> "GenreRules":
        from maestro.genres.tower_defense import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.tower_defense import qa

        return qa
