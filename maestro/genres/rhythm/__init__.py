"""The rhythm family. Notes fall down 3 or 4 lanes toward a hit line and the player hits each one on
time (PERFECT / GOOD / MISS, combo and a combo multiplier, a groove meter that a run of misses
empties); the song's end with the meter alive wins the level. The chart is the melody of the music
Sonata composes for the game, with the same notes and tempo: a note for each melody onset, its lane
from its pitch; each level is denser, uses more lanes and scrolls faster.

rules.py: the charter, the judgement rules and the solver · rhythm.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Rhythm(Genre):
    name = "rhythm"
    modes = ("lanes",)
    tiles = ()  # lanes, notes, the hit line and the meter are drawn from the palette
    # hit: a PERFECT · select: a GOOD · undo: a MISS · powerup: the combo multiplier goes up · step: a
    # press with no note in reach
    sounds = ("hit", "select", "undo", "powerup", "step")
    labels = {"lanes": "rhythm game"}
    default_win = {"lanes": "Play each song to its end with the groove meter alive"}
    default_lose = "Miss so many notes that the groove meter runs dry"
    palette, mood = "neon", "upbeat"
    cast = ("Dancer", "", "Note", "")
    base_mechanics = ("score", "health")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol",
                       "enemies_chase", "reach_exit", "undo", "collect", "hazards", "powerup", "melee",
                       "waves", "currency", "lives"})
    words = (
        (3.0, ("rhythm games?", "rhythm", "on the beat", "to the beat", "beatmaps?", "guitar hero", "dance dance",
               "osu!?", "note highway", "rock band", "taiko", "juego de ritmo", "jeu de rythme")),
        (1.5, ("notes", "combos?", "lanes", "beats?", "songs?", "tempo", "bpm", "perfect", "groove")),
    )
    defining = "hits_on_the_beat"
    # The home of playing to the beat of the music: a press on the beat is PERFECT, off it misses.
    delivers = {"rhythm": "hits_on_the_beat"}
    win_checks = ("song_end_wins",)

    def view(self, mode: str, kind: str = "sprite") -> View:
        # The performer dances beside the lanes, seen from the side; the backdrop is a stage.
        return "top" if kind == "background" else "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.rhythm import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.rhythm import qa

        return qa
