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
    labels = {"levels": "platformer", "runner": "endless-runner platformer"}
    default_win = {"levels": "Reach the {goal} at the end of each level",
                   "runner": "Run as far as possible and beat your best score"}
    default_lose = "Lose all lives (enemies, hazards, falling)"
    palette, mood = "meadow", "upbeat"
    cast = ("Hero", "Slime", "Coin", "Flag")
    base_mechanics = ("jump", "collect", "score", "lives")
    drops = frozenset({"push_blocks", "stealth", "auto_scroll", "keys_doors", "waves"})
    # Growing and shrinking: a power-up makes the player big, a hit shrinks it back (rules._extras).
    delivers = {"grow": "grow"}
    # Obstacles in height bands (rules._place_bands, proved by the "banded_obstacles" keypoint) as a GDD
    # says them: obstacles by height or height level, the bands named in turn, obstacles in combination.
    # Crouching itself is the reader's "crouch" mechanic.
    terms = (
        (r"\bobstac\w*\b.{0,60}\b(?:alturas?|heights?|bands?)\b"
         r"|\b(?:heights?|alturas?)\b.{0,40}\bobstac\w*"
         r"|^(?:primeiro|segundo|terceiro|primer|tercer|first|second|third) nivel\b.{0,120}\b(?:obstac\w*|altura)"
         r"|\bcombina[ct]\w*\b.{0,80}\b(?:obstac\w*|niveis|niveles|\+)", "banded_obstacles"),
    )
    words = (
        (3.0, ("platformers?", "jeu de plateformes?", "jogo de plataformas?", "jump ?(?:&|and|n) ?run", "platform games?",
               "platform game", "plataformas?", "platformspel", "endless runner", "runner", "side[- ]?scroll(?:er|ing)?",
               "jump ?n ?run", "metroidvania")),
        (1.5, ("platforms?", "jump\\w*", "double jump", "saltar", "salto", "springen", "sauter", "pular", "pulo", "mario",
               "endless", "infinite runner", "gravity")),
    )

    def mode_for(self, text: str) -> str:
        # Running on its own is a runner whatever else the GDD says; "endless" is one unless the GDD
        # lays out a finite set of levels ("There are 6 levels", "Level 1 ... Level 2").
        from maestro.gdd.genre import finite_levels
        from maestro.gdd.lexicon import MODE_WORDS

        if MODE_WORDS["auto_run"].search(text):
            return "runner"
        runner = len(MODE_WORDS["runner"].findall(text))
        return "runner" if runner and (runner >= 3 or not finite_levels(text)) else "levels"

    def rules(self) -> "GenreRules":
        from maestro.genres.platformer import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.platformer import qa

        return qa

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "side"
