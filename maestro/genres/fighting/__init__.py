"""The fighting family: a side-view fight against a CPU opponent whose style is the GDD's. ``duel``: between
two walls, light and heavy attacks take health, Down blocks, a knock-out or the round clock decides each
round, best of three. ``platform``: a platform fighter: hits add percent, knockback grows with it, a fighter
knocked past the blast zone loses a stock; air jumps to get back to the stage.

rules.py: the rule book (Match), the CPU, generator and solver (a scripted strategy played frame by frame)
· fighting.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Fighting(Genre):
    name = "fighting"
    modes = ("duel", "platform")
    tiles = ()  # the ring, the stage and the bars are drawn from the palette
    # hit + coin: a hit landed · step: a hit blocked · blip: a new round · shoot: the opponent's shot · powerup: a KO
    sounds = ("hit", "coin", "step", "blip", "shoot", "powerup")
    labels = {"duel": "one-on-one fighting game (health bars, best-of-three rounds)",
              "platform": "platform fighter (percent, knockback, ring-outs and stocks)"}
    default_win = {"duel": "Win two rounds against each opponent",
                   "platform": "Knock each opponent off the stage until its stocks are gone"}
    default_lose = "The opponent takes the match"
    palette, mood = "neon", "tense"
    cast = ("Fighter", "Rival", "", "")
    base_mechanics = ("melee", "jump", "timer", "score")
    drops = frozenset({"auto_run", "auto_scroll", "waves", "stealth", "falling_objects", "push_blocks", "keys_doors",
                       "sprint", "enemies_patrol", "enemies_chase", "reach_exit", "hazards", "powerup", "undo", "collect",
                       "bomb", "crouch", "shoot", "pacifist", "bullet_patterns", "focus", "currency"})
    words = (
        (3.0, ("fighting games?", "brawlers?", "beat ?'?em ?ups?", "one[- ]on[- ]one fights?", "versus fights?",
               "street fighter", "mortal kombat", "tekken", "smash bros\\w*", "platform fighters?", "fighter/platformer",
               "juego de lucha", "ring[- ]?outs?", "knock ?outs?", "best of three rounds")),
        # (Combos, blocks, rounds and stocks are every genre's words: only a fighter's own count here.)
        (2.0, ("punch(?:es)? and kicks?", "kicks? and punch(?:es)?", "special moves?", "knockback", "hitstun")),
        (1.0, ("fighters?", "uppercuts?", "hitbox\\w*", "roundhouse", "jabs?", "health bars?")),
    )
    defining = "attacks_land"
    delivers = {}  # no demand that only this family builds
    win_checks = ("ko_takes_round",)
    lose_checks = ("ring_out", "opponent_takes_match")
    terms = (
        # an action a GDD lists by its name alone ("Attack, Special, Jump, Shield, Grab"): the two this game has
        (r"^\s*(?:shield|block|guard)s?\s*$", "block_guards"),
        (r"^\s*attacks?\s*$", "attacks_land"),
        (r"\bknockback\b[^.]{0,80}\b(?:percent|damage)\b|\bpercent\w*\b[^.]{0,80}\b(?:knockback|launch\w*|farther|easier to)\b|"
         r"\beasier to hit you farther\b", "knockback_grows"),
        (r"\b(?:block\w*|shield\w*|guard\w*)\b[^.]{0,60}\b(?:attacks?|hits?|damage|incoming)\b", "block_guards"),
        (r"\b(?:light|heavy|strong|weak)\b[^.]{0,20}\b(?:attacks?|punch\w*|kicks?|hits?)\b|\bjabs?\b", "attacks_land"),
        (r"\bhealth bars?\b|\bhit points\b[^.]{0,40}\bfighters?\b", "attacks_land"),
        (r"\bbest (?:of|out of) (?:three|3)\b|\bfirst to (?:win )?(?:two|2) rounds\b|\bwins? (?:the )?round\b|"
         r"\bknock(?:s|ed)? (?:\w+ )?out\b", "ko_takes_round"),
        (r"\bround (?:timer|clock)\b|\btime runs? out\b[^.]{0,40}\bround\b", "rounds_follow"),
        (r"\b(?:fly|flies|flying|knocked|launched)\b[^.]{0,30}\boff(?:[- ]the)?[- ]screen\b|\bring[- ]?outs?\b|\bblast zones?\b",
         "ring_out"),
        (r"\btake each other'?s stocks\b|\b(?:lose|lost|take|takes)\b[^.]{0,20}\bstocks?\b", "ring_out"),
        (r"\b(?:aggressive|defensive|ranged|zon(?:er|ing))\b[^.]{0,40}\b(?:opponents?|rivals?|cpu|ai|fighters?|enem\w*)\b",
         "opponent_style"),
    )

    def lose_for(self, mode: str) -> str:
        return "Lose all your stocks" if mode == "platform" else self.default_lose

    def mode_for(self, text: str) -> str:
        from maestro.genres.fighting.rules import mode_of

        return mode_of(text)

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.fighting import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.fighting import qa

        return qa
