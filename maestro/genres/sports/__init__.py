"""The sports family: a sport's own rules and scoring. ``target``: archery, darts, a golf-like shot: aim and
power against the wind and the distance, a round of shots at the GDD's targets with a rival's score to
beat. ``timing``: a fish reeled in or a boxing bout: Space while a sweeping marker is inside the window
wears the opponent down, a miss costs stamina, Down guards against the strikes the opponent telegraphs;
rounds run out.

rules.py: tunables and dispatch · target.py / timing.py: each mode's rule book, generator and solver (a
sighting strategy, a timing strategy played frame by frame) · sports.js: the game module · qa.py
(target_qa.py, timing_qa.py): bot and keypoints.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules

_TIMING = re.compile(r"\bbox(?:ing|er|ers)\b|\bpunch\w*|\bbouts?\b|\bjabs?\b|\bfish\w*|\bangl(?:er|ers|ing)\b|\breel\w*|"
                     r"\blures?\b|\bbites?\b|\bline tension\b|\bstamina\b|\btells?\b|\bdodg\w*|\bwrestl\w*|\bsumo\b|"
                     r"\bfenc(?:ing|er)\b|\bpesca\w*|\bboxeo\b|\bskat\w*|\btricks?\b|\bcombos?\b|\bbails?\b", re.I)
_TARGET = re.compile(r"\barch(?:er|ers|ery)\b|\barrows?\b|\bbows?\b|\bdarts?\b|\bgolf\w*|\btargets?\b|\bbull'?s?[- ]?eyes?\b|"
                     r"\baim\w*|\bwind\b|\bpenalt(?:y|ies)\b|\bkicks?\b|\bthrow\w*|\bshots?\b|\bputt\w*|\bbowling\b|"
                     r"\bjavelin\b|\bcurling\b|\bbasketball\b|\bhoops?\b|\bfree throws?\b", re.I)


class Sports(Genre):
    name = "sports"
    modes = ("target", "timing")
    tiles = ()  # the range, the target faces, the ring and the lake are drawn from the palette
    # step: aim / power changed, a guard raised · shoot: a shot let go · coin: a bullseye · hit: a ring hit,
    # a hit landed · undo: a miss · powerup: a strike dodged · blip: a new round
    sounds = ("step", "shoot", "coin", "hit", "undo", "powerup", "blip")
    labels = {"target": "target sport (aim and power against wind and distance)",
              "timing": "timing sport (a bout against an opponent)"}
    default_win = {"target": "Beat the rival's score before the shots run out",
                   "timing": "Wear the opponent down before the last round ends"}
    default_lose = "The shots run out short of the score to beat"
    palette, mood = "meadow", "upbeat"
    cast = ("Archer", "Rival", "", "")
    base_mechanics = ("score",)
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "waves", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol", "enemies_chase",
                       "reach_exit", "hazards", "powerup", "undo", "lives", "collect", "bomb", "crouch"})
    # The sport said in so many words first; a lone target or punch weighs little (shooters aim, brawlers punch).
    words = (
        (3.0, ("sports? games?", "archery", "archers?", "bow and arrows?", "darts", "dartboards?", "golf\\w*",
               "boxing", "boxers?", "boxing (?:ring|gym|match\\w*)", "fishing", "angling", "anglers?",
               "fishing (?:rods?|tournaments?|lines?)", "reel (?:it |them |the fish )?in", "penalty (?:kicks?|shoot-?outs?)",
               "bull'?s?[- ]?eyes?", "free throws?", "juego de deportes", "tiro con arco", "pesca")),
        (1.0, ("sports?", "arrows?", "jabs?", "uppercuts?", "fish", "lures?", "reels?", "power meter")),
    )
    defining = "sport_scores"
    delivers = {}  # no demand that only this family builds
    win_checks = ("score_to_beat_wins", "opponent_down_wins")
    lose_checks = ("shots_run_out_loses", "bout_lost")
    # (Order matters: the first that a sentence says wins.)
    terms = (
        (r"\bwind\b[^.]{0,60}\b(?:push|drift|affect|shift|blow|curv|bend|carr)\w*|\b(?:account|adjust)\w* for (?:the )?wind\b",
         "wind_drifts"),
        (r"\b(?:draw\w* the bow|power meter|power bar|aim\w* (?:and|with) power|angle and power)\b", "aim_and_power"),
        (r"\bbull'?s?[- ]?eyes?\b|\brings? (?:of the target )?scor\w*|\bscor\w* (?:is )?based on accuracy\b", "sport_scores"),
        (r"\b(?:dodg\w*|slip\w*|block\w*|give (?:it )?line)\b[^.]{0,40}\b(?:tells?|attacks?|punch\w*|strikes?|runs?)\b|"
         r"\btelegraph\w*", "dodge_guards"),
        (r"\bstamina\b[^.]{0,60}\b(?:deplet|drain|cost|spend|drop)\w*|\b(?:costs?|spends?|drains?) (?:\w+ )?stamina\b",
         "stamina_spent"),
        (r"\b(?:reel\w*|tension)\b[^.]{0,40}\b(?:mini-?game|timing|window|manage\w*)\b|\btiming (?:window|bar|meter)\b",
         "sport_scores"),
    )

    def lose_for(self, mode: str) -> str:
        return "Stamina runs out or the last round ends" if mode == "timing" else self.default_lose

    def cast_for(self, mode: str) -> tuple[str, str, str, str]:
        return ("Athlete", "Opponent", "", "") if mode == "timing" else self.cast

    def mode_for(self, text: str) -> str:
        # The mode whose words the text says most; the target on a tie (the family's first mode).
        timing, aimed = len(_TIMING.findall(text or "")), len(_TARGET.findall(text or ""))
        return "timing" if timing > aimed else "target"

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.sports import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.sports import qa

        return qa
