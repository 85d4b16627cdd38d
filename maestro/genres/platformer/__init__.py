"""The platformer family. Side-on running and jumping: platforms, pits, stompable enemies, a flag;
``runner`` mode scrolls by itself (an endless-runner course); ``dash`` is a runner on one button through a
Geometry-Dash-like course of spikes, blocks and jump pads (dash.py, qa_dash.py).

rules.py: tunables, level generator and solver · platformer.js: the game module · qa.py: bot and keypoints ·
qa_clock.py: a timed run's keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Platformer(Genre):
    name = "platformer"
    modes = ("levels", "runner", "dash")
    tiles = ("ground", "ground_top", "platform")
    sounds = ("jump", "coin", "hit", "hurt", "start", "levelup", "win", "lose", "pause")
    labels = {"levels": "platformer", "runner": "endless-runner platformer",
              "dash": "one-button dash course (Geometry-Dash-like)"}
    default_win = {"levels": "Reach the {goal} at the end of each level",
                   "runner": "Run as far as possible and beat your best score",
                   "dash": "Reach the end of each course"}
    default_lose = "Lose all lives (enemies, hazards, falling)"
    palette, mood = "meadow", "upbeat"
    cast = ("Hero", "Slime", "Coin", "Flag")
    base_mechanics = ("jump", "collect", "score", "lives")
    drops = frozenset({"push_blocks", "stealth", "auto_scroll", "keys_doors", "waves"})
    # Growing and shrinking: a power-up makes the player big, a hit shrinks it back (rules._extras).
    delivers = {"grow": "grow"}
    # Rules the family builds as a GDD says them. The dash course's (each proved by its qa_dash keypoint; a
    # levels game has no such keypoint, and reports them not built): a spike that restarts the attempt,
    # blocks landed on whose sides crash, jump pads. Then obstacles in height bands (rules._place_bands,
    # proved by the "banded_obstacles" keypoint): obstacles by height or height level, the bands named in
    # turn, obstacles in combination; crouching itself is the reader's "crouch" mechanic.
    terms = (
        (r"\bspikes?\b.{0,80}\b(?:restart\w*|attempts?|shatter\w*|crash\w*)\b"
         r"|\b(?:restart\w*|attempts?)\b.{0,60}\bspikes?\b", "spike_kills"),
        (r"\b(?:land\w*|stand\w*|slid\w*|run\w*) (?:on )?(?:top of )?(?:the )?blocks?\b"
         r"|\bsides? of (?:a |the )?blocks?\b|\bblocks?\b.{0,60}\bsides?\b", "block_landing"),
        (r"\b(?:jump|bounce|launch|spring) ?pads?\b", "jump_pad"),
        (r"\bobstac\w*\b.{0,60}\b(?:alturas?|heights?|bands?)\b"
         r"|\b(?:heights?|alturas?)\b.{0,40}\bobstac\w*"
         r"|^(?:primeiro|segundo|terceiro|primer|tercer|first|second|third) nivel\b.{0,120}\b(?:obstac\w*|altura)"
         r"|\bcombina[ct]\w*\b.{0,80}\b(?:obstac\w*|niveis|niveles|\+)", "banded_obstacles"),
    )
    words = (
        # The dash course said so ("a Geometry Dash-like", "rhythm platformer", "one-button runner"; dash.py)
        (3.0, ("geometry[- ]?dash[- ](?:like|style|clone)", "rhythm(?:[- ]based)? platform(?:er|ing)",
               "one[- ]button (?:auto[- ]?)?runner")),
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
        from maestro.genres.platformer.dash import wants_dash

        if wants_dash(text):
            return "dash"
        if MODE_WORDS["auto_run"].search(text):
            return "runner"
        runner = len(MODE_WORDS["runner"].findall(text))
        return "runner" if runner and (runner >= 3 or not finite_levels(text)) else "levels"

    def cast_for(self, mode: str) -> tuple[str, str, str, str]:
        # A dash course has spikes and blocks, no enemies to stomp: no stock enemy is made up for it.
        return ("Hero", "", "Coin", "Flag") if mode == "dash" else self.cast

    def rules(self) -> "GenreRules":
        from maestro.genres.platformer import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.platformer import qa

        return qa

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "side"
