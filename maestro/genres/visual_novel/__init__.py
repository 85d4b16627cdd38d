"""The visual-novel family: a branching story told in scenes -- a backdrop from the GDD's places, the
speaking character's portrait, a text box typed out (a press shows it whole) -- with choices that
branch the story and win or lose a character's affinity or set a flag that a later scene reads,
and several endings: the good one wins the chapter, the neutral one in between passes it for fewer
points, a bad one loses it. A chapter per level, each written offline from templates with the GDD's
names and proven by a search over the real rules.

rules.py: tunables and the protocol · chapters.py: the chapter templates · story.py: the rule book
and the proof · visual_novel.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class VisualNovel(Genre):
    name = "visual_novel"
    modes = ("story",)
    tiles = ()  # backdrops are the levels' backgrounds; portraits the characters' sprites
    # step: the typing skipped or the highlight moved · blip: the next line · door: a scene at another
    # place · select: an option picked · coin: a character's affinity won · undo: affinity lost · key: a
    # flag set (an item taken)
    sounds = ("step", "blip", "door", "coin", "undo", "key")
    labels = {"story": "branching visual novel"}
    default_win = {"story": "Reach the good (or at least the neutral) ending of every chapter"}
    default_lose = "Reach a bad ending"
    palette, mood = "pastel", "calm"
    cast = ("Wanderer", "Stranger", "Keepsake", "")
    base_mechanics = ("score",)
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "waves", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol", "enemies_chase",
                       "reach_exit", "collect", "hazards", "powerup", "health", "melee", "undo", "timer", "bomb",
                       "bullet_patterns", "focus", "crouch", "pacifist", "currency", "difficulty_levels"})
    # (Not "story", "dialogue" or "choice" alone: an RPG or an adventure has those too.)
    words = (
        (3.0, ("visual novels?", "dating sims?", "interactive fiction", "novelas? visual(?:es)?", "ren'?py",
               "branching (?:story|stories|narratives?|dialogues?|plot|paths?)", "choose[- ]your[- ]own[- ]adventure",
               "(?:multiple|several|different|branching) endings", "(?:good|bad|true|secret) endings?")),
        (1.5, ("affinity", "dialogue (?:choices?|options?|trees?)", "story choices?", "choices? (?:that )?matter",
               "relationship (?:points?|meters?|values?)", "romance(?: routes?| options?)?", "narrat\\w+ choices?",
               "text box(?:es)?", "character portraits?", "endings")),
    )
    defining = "choices_branch"
    delivers = {"dialogue": "dialogue_advances", "mouse": "pointer_picks", "cutscenes": "dialogue_advances"}
    win_checks = ("good_ending_wins",)
    lose_checks = ("bad_ending_loses",)
    terms = (
        (r"\b(?:choices?|decisions?|options?)\b[^.]{0,60}\b(?:branch\w*|change\w*|shape\w*|affect\w*|lead\w*)\b",
         "choices_branch"),
        (r"\bbranch\w*\b[^.]{0,40}\b(?:story|stories|narrative|plot|paths?|dialogue)\b", "choices_branch"),
        (r"\b(?:affinity|relationship|bond\w*|trust|friendship|romance)\b[^.]{0,60}\b(?:choices?|answers?|respon\w+)\b",
         "affinity_changes_scene"),
        (r"\b(?:choices?|answers?|respon\w+)\b[^.]{0,60}\b(?:affinity|relationship|bond\w*|trust|friendship)\b",
         "affinity_changes_scene"),
        (r"\b(?:multiple|several|different|many|\d|two|three|four|five)\s+(?:\w+\s+)?endings\b", "every_ending_reachable"),
        (r"\b(?:good|true|happy|best)\s+ending\b", "good_ending_wins"),
        (r"\b(?:neutral|normal|mixed|bittersweet|middle)\s+ending\b", "neutral_ending_passes"),
        (r"\b(?:bad|sad|tragic|worst)\s+ending\b", "bad_ending_loses"),
        (r"\b(?:typewriter|typed out|types? out|text (?:scroll|crawl)\w*)\b", "text_skip"),
        (r"\bskip\w*\b[^.]{0,30}\b(?:text|dialogue|lines?)\b", "text_skip"),
    )

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.visual_novel import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.visual_novel import qa

        return qa
