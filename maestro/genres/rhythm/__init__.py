"""The rhythm family. Notes fall down 3 or 4 lanes toward a hit line and the player hits each one on
time (PERFECT / GOOD / MISS, combo and a combo multiplier, a groove meter that a run of misses
empties); the song's end with the meter alive wins the level. The chart is the melody of the music
Sonata composes for the game, with the same notes and tempo: a note for each melody onset, its lane
from its pitch; each level is denser, uses more lanes and scrolls faster.

"commands" (Patapon-like): four drums and a command book of four-beat patterns; a pattern drummed on
one measure's beats (the same beat grid, from the same music) is a command the units carry out on the
next measure: march toward the goal, attack the GDD's enemies standing in the way, defend against their
strikes, a special in fever. The goal before the song ends wins; the units falling or the song running
out loses (commands.py, commands.js, commands_qa.py).

rules.py: the charter, the judgement rules and the solver · rhythm.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Rhythm(Genre):
    name = "rhythm"
    modes = ("lanes", "commands")
    tiles = ()  # lanes, notes, the hit line and the meter are drawn from the palette
    # hit: a PERFECT · select: a GOOD · undo: a MISS · powerup: the combo multiplier goes up · step: a
    # press with no note in reach
    # (commands: step / blip / push / hit the four drums · select a command · powerup a command in fever ·
    # undo a broken pattern · jump march · shoot attack · door defend and a blocked strike · explode the
    # special and an enemy defeated)
    sounds = ("hit", "select", "undo", "powerup", "step", "blip", "push", "jump", "shoot", "door", "explode")
    labels = {"lanes": "rhythm game", "commands": "rhythm game of drum commands (Patapon-like)"}
    default_win = {"lanes": "Play each song to its end with the groove meter alive",
                   "commands": "Drum the units to the goal before the song ends"}
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
    # A command of the GDD's book, said as its four drums then what it does ("Tam Tam Tam Ra: march
    # forward"): the commands mode's keypoint of that action proves it.
    _PATTERN = r"^(?:[\w'-]+[ -]){3}[\w'-]+\s*[:=]\s*(?:[\w'-]+[ ,]+){0,6}?"
    terms = (
        (_PATTERN + r"(?:the )?special\b", "special_in_fever"),
        (_PATTERN + r"(?:march|advance|forward)", "pattern_triggers_action"),
        (_PATTERN + r"(?:attack|strike)", "attack_defeats_enemy"),
        (_PATTERN + r"(?:defen[cds]|shields?|guard|block)", "defend_blocks"),
    )

    def lose_for(self, mode: str) -> str:
        return "The units fall, or the song runs out before the goal" if mode == "commands" else self.default_lose

    def cast_for(self, mode: str) -> tuple[str, str, str, str]:
        return ("Drummer Squad", "Raider", "", "Goal Banner") if mode == "commands" else self.cast

    def mode_for(self, text: str) -> str:
        from maestro.genres.rhythm.rules import pick_mode

        return pick_mode(text)

    def script(self) -> str:
        # the lanes module (which registers the family) and, after it, the commands mode it hands to
        from importlib import resources

        folder = resources.files(type(self).__module__)
        return "\n".join(folder.joinpath(f).read_text(encoding="utf-8") for f in ("rhythm.js", "commands.js"))

    def view(self, mode: str, kind: str = "sprite") -> View:
        # The performer dances beside the lanes, seen from the side; the backdrop is a stage.
        return "top" if kind == "background" else "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.rhythm import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.rhythm import qa

        return qa
