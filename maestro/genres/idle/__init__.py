"""The idle / incremental family: a clicker. Click (Space, a tap) the GDD's big thing to earn its currency
by hand; spend it on generators that earn it every second, each dearer the more you own (x1.15); upgrades
double a generator or the click. Each level is a milestone: bank the goal before the clock runs out. A GDD
that asks for prestige (ascension, rebirth) gets it: begin anew for points that raise every earning.

rules.py: the rule book (``Economy``), the GDD's names, the level generator and the solver (a greedy
buyer clicking 4 times a second) · idle.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Idle(Genre):
    name = "idle"
    modes = ("milestones",)
    tiles = ()  # the big thing, the shop's rows and the meters are drawn from the palette and the sprites
    # blip: a click · coin: a generator bought · powerup: an upgrade bought · undo: a buy refused ·
    # step: the shop's cursor moved
    sounds = ("blip", "coin", "powerup", "undo", "step")
    labels = {"milestones": "idle / incremental clicker (milestones against the clock)"}
    default_win = {"milestones": "Bank each milestone's goal before the clock runs out"}
    default_lose = "The clock runs out short of the milestone"
    palette, mood = "space", "calm"
    cast = ("Clicker", "", "Coin", "")
    base_mechanics = ("score", "currency")
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "waves", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol", "enemies_chase",
                       "reach_exit", "hazards", "powerup", "melee", "undo", "lives", "health", "collect", "bomb",
                       "crouch"})
    # The family said in so many words first, then the words of its loop.
    words = (
        (3.0, ("idle (?:games?|clickers?|tycoons?)", "incremental(?: games?)?", "clicker(?: games?)?",
               "cookie clicker", "adventure capitalist", "(?:auto|self)[- ]?generat\\w*", "per second",
               "click\\w* (?:the |on the )?(?:big|giant|huge) \\w+", "idle loop",
               "idle (?:income|gains?|progress\\w*|mechanics?)", "generat\\w* \\w+ (?:passively|continuously|automatically)",
               "automatically produc\\w*", "ticks? up automatically")),
        # (no lone "click" or "upgrade": every brief's input traces click, every game has upgrades)
        # (prestige weighs less: a tycoon or a roguelite has its prestige too)
        (2.0, ("prestig\\w*",)),
        (1.0, ("generators?", "passive income", "by itself", "offline earnings")),
    )
    defining = "generator_pays"
    # a shop (the generators bought with the currency); upgrades; the mouse (a click on the big thing or a row)
    delivers = {"shop": "cost_rises", "progression": "upgrade_multiplies", "mouse": "pointer_clicks"}
    win_checks = ("milestone_wins",)
    lose_checks = ("time_out_loses",)
    # (Order matters: the first that a sentence says wins.)
    terms = (
        (r"\bprestig\w*|\bascen(?:sion|d)\w*|\brebirths?\b|\breincarnat\w*", "prestige_begins_anew"),
        (r"\b(?:cost|price)s?\b[^.]{0,60}\b(?:rise|rising|increase|climb|grow|scale|not be linear|exponential)\w*|"
         r"\b(?:costs?|prices?) will not\b|\bexponentially more\b", "cost_rises"),
        (r"\bupgrades?\b", "upgrade_multiplies"),
        (r"\bclick\w* (?:on )?(?:the )?(?:big |giant |huge )?\w+|\btap\w* (?:on )?(?:the )?(?:big |giant )?\w+", "click_pays"),
        (r"\b(?:auto[- ]?generat\w*|generators?|per second|by itself|passive\w*|accumulat\w* automatically|"
         r"ticks? up automatically|idle loop)\b", "generator_pays"),
    )

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.idle import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.idle import qa

        return qa
