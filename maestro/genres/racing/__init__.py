"""The racing family: top-down circuit races. The player's car and the rival racers (the GDD's
enemies) race laps of a closed track; a lap counts only after every checkpoint has been crossed in
order, off-road slows the car, boost pads and pickups lie on the road. Win a race by finishing the
last lap first; a rival finishing first loses the race (a life, then the race restarts).

rules.py: tunables, track generator, the fixed-step integer physics and its driving solver ·
racing.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Racing(Genre):
    name = "racing"
    modes = ("circuit",)
    tiles = ("floor",)  # the road surface; grass, kerbs, the start line and gates are drawn from the palette
    # blip: the countdown · step: a checkpoint · coin: a pickup · powerup: a boost pad · hit: a hazard
    # (oil, spikes) · door: a lap completed · hurt: a rival finishes first
    sounds = ("blip", "step", "coin", "powerup", "hit", "door", "hurt")
    labels = {"circuit": "top-down racing game"}
    default_win = {"circuit": "Finish the last lap first"}
    default_lose = "A rival finishes the race first (it costs a life)"
    palette, mood = "meadow", "upbeat"
    cast = ("Racer", "Rival", "Coin", "Finish Line")
    base_mechanics = ("lives", "score")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "push_blocks", "keys_doors", "stealth",
                       "fall_death", "undo", "melee", "falling_objects", "reach_exit", "enemies_chase", "shoot",
                       "enemies_patrol", "sprint", "waves", "currency"})
    words = (
        (3.0, ("racing", "race games?", "racers?", "karts?", "go-?karts?", "laps?", "race ?tracks?", "circuits?",
               "finish line", "carreras", "corrida", "rennspiel")),
        # (Not "drive" or "car" alone: an endless highway dodger drives cars too, without a race.)
        (1.5, ("races?", "tracks?", "checkpoints?", "rivals?", "boost pads?", "nitro", "pole position", "grand prix")),
    )
    defining = "laps_raced"
    delivers = {"laps": "lap_needs_checkpoints"}
    win_checks = ("laps_raced",)
    lose_checks = ("rival_first_loses",)

    def rules(self) -> "GenreRules":
        from maestro.genres.racing import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.racing import qa

        return qa
