"""The simulation family: running something over in-game time. ``farm``: till, sow (seed bought with
coins), water and harvest plots of the GDD's crops, sell the harvest at the bin, sleep to end the day
(or the day's tasks run out); reach the coin goal by the last day. ``pet``: a virtual pet's needs (the
GDD's own: hunger, happiness, energy, cleanliness) fall by the hour; feed, play, sleep and clean keep
them up; healthy hours grow the pet through its stages; a need at zero for too long loses. ``shop``:
buy the GDD's goods for the shelf, open the door and the day's customers buy them; reach the money goal
by the last day (the nearest mode for a tycoon: stock, prices, customers, a money goal). ``manage``:
requests (the GDD's orders, patients, trains ...) arrive over a shift and wait while their patience
lasts; send each to its station, serving pays, money buys faster stations; reach the money goal before
the day is out, and a request that walks away costs reputation (at zero the shift is lost).

rules.py: tunables and dispatch · farm.py / pet.py / shop.py / manage.py: each mode's rule book,
generator and solver (a planting / care / restocking / dispatch strategy played over the real rules) ·
simulation.js: the game module, manage.js: the manage mode's half of it (shipped after it) · qa.py
(farm_qa.py, pet_qa.py, shop_qa.py, manage_qa.py): bot and keypoints.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules

_PET = re.compile(r"tamagotchi\w*|virtual pet|\bpets?\b|bichinho|mascota|\bfome\b|\bhunger\b|\bhappiness\b|"
                  r"\bcleanliness\b|\bhygiene\b|\bhigiene\b|\bfeed(?:ing)?\b|\balimentar\b", re.I)
_SHOP = re.compile(r"\bshop\w*|\bstores?\b|\bcustomers?\b|\bstock\w*|\btycoon\b|\bshel(?:f|ves)\b|\bmerchant\w*|"
                   r"\bcounter\b|\bclients?\b|\bpatrons?\b|\bbar\b|\bcaf[eé]\b|\brestaurant\b|\bbusiness\b", re.I)
# The manage mode's core loop, said in so many words (arrivals that wait, are sent somewhere, run out of
# patience); a shop's customers who buy stock are the shop's.
_MANAGE = re.compile(r"\bimpatien\w*|\bpatience\b|\btriage\w*|\bqueu\w*|\bdispatch\w*|\brush hour\b|\bshifts?\b|"
                     r"\b(?:assign|rout|send|direct|allocat|dock|seat)\w* (?:each |every |the |them |it |incoming |arriving )?"
                     r"(?:\w+ )?(?:to|into) (?:a |an |the |their |its |free |open )?\w*|"
                     r"\b(?:orders?|patients?|customers?|guests?|visitors?|passengers?|trains?|ships?|requests?|cargo|"
                     r"creatures?|clients?|travell?ers?|leads?|messages?|transmissions?|crews?)\b[^.]{0,30}"
                     r"\b(?:arriv|approach|come in|pour in|stream in|pile up|wait)\w*|"
                     r"\b(?:arriv\w*|incoming) (?:orders?|patients?|customers?|guests?|visitors?|passengers?|trains?|ships?|"
                     r"requests?|cargo|creatures?|clients?|messages?|transmissions?|crews?)|\bstations?\b|\breputation\b|"
                     r"\btime pressure\b", re.I)
_FARM = re.compile(r"\bfarm\w*|\bcrops?\b|\bharvest\w*|\bplant(?:ing|s)?\b|\bseeds?\b|\bsow\w*|\bplots?\b|"
                   r"\bgranja\b|\bfazenda\b|\bcosecha\w*|\bcolheita\b", re.I)


class Simulation(Genre):
    name = "simulation"
    modes = ("farm", "pet", "shop", "manage")
    tiles = ()  # soil, crops, buildings, the pet's room and its meters are drawn from the palette
    # step: the cursor moved · blip: tilled, watered, a care action · push: a seed sown, stock bought ·
    # coin: a harvest or a sale · door: a night (the next day), the shop opened · powerup: the pet grows a
    # stage · undo: refused (no coins, a full shelf, nothing to sell) · hurt: a need at zero for an hour
    sounds = ("step", "blip", "push", "coin", "door", "powerup", "undo")
    labels = {"farm": "farming simulation", "pet": "virtual-pet simulation", "shop": "shop-keeping simulation",
              "manage": "management simulation"}
    default_win = {"farm": "Earn the season's coin goal by the last day",
                   "pet": "Keep the pet healthy until it grows up", "shop": "Earn the money goal by the last day",
                   "manage": "Earn the shift's money goal before the day is out"}
    default_lose = "The days run out before the goal"
    palette, mood = "meadow", "calm"
    cast = ("Farmer", "", "Seed", "")
    base_mechanics = ("score",)
    drops = frozenset({"jump", "double_jump", "auto_run", "auto_scroll", "shoot", "waves", "fall_death", "stealth",
                       "falling_objects", "push_blocks", "keys_doors", "sprint", "enemies_patrol", "enemies_chase",
                       "reach_exit", "hazards", "powerup", "melee", "undo", "lives", "health"})
    # The core loop said in so many words first; single farm or pet words weigh little (a platformer has
    # a farm level, a shooter harvests ore, procedural levels have seeds).
    words = (
        (3.0, ("farming (?:sim\\w*|games?)", "farm (?:sim\\w*|games?)", "virtual pets?", "tamagotchi\\w*",
               "bichinho (?:de estimacao )?virtual", "mascota virtual", "life sim\\w*",
               "plant\\w* (?:and|,) harvest\\w*", "harvest\\w* (?:and|,) sell\\w*", "grow (?:and sell )?crops",
               "(?:water|till|sow)\\w* (?:the |your )?(?:crops?|plots?|fields?|soil|seeds?)",
               "(?:plant|sow)\\w* (?:the |your |new )?seeds?", "(?:buy|purchas)\\w* seeds?",
               "(?:the |your |a )pet'?s needs", "(?:feed|feeding),? (?:and )?(?:play|playing)",
               "keep (?:your |the |a )?(?:virtual )?pet (?:alive|happy|healthy|fed)",
               "(?:hunger|fome|hambre),? (?:happiness|felicidade|felicidad)",
               "(?:run|runs|running|manage|manages|managing) (?:a |the |your |an? \\w+ )?(?:shop|store|bakery|cafe)",
               "(?:shop|store) management", "serve (?:the |your )?customers")),
        (1.0, ("crops?", "farm(?:er|ers|ing|land)", "pets?", "hunger", "happiness",
               "cleanliness", "hygiene", "necessidades", "higiene", "felicidade", "alimentar", "brincar",
               "granja", "fazenda", "cosecha\\w*", "colheita", "restock\\w*",
               # the manage mode's loop: arrivals that wait and are served before their patience runs out
               "impatien\\w*", "triage\\w*", "patience (?:runs?|meters?|timers?|bars?)",
               "(?:orders?|patients?|customers?|guests?|passengers?|trains?|requests?) (?:arriv\\w*|wait\\w*|pile up)",
               "(?:crews?|leads?|messages?|travell?ers?|creatures?|visitors?) arriv\\w*",
               "assign\\w* (?:\\w+ ){0,2}to (?:the |a |an |each |their |free )?(?:stations?|modules?|rooms?|desks?|wards?|"
               "platforms?|docks?|berths?|counters?|tables?|beds?|stories)", "(?:new|overcrowded|busy) stations?",
               "(?:reputation|trust|rating) (?:falls?|drops?|suffers?|attracts?|matters?)",
               "(?:build|earn|lose|cost)s? (?:\\w+ )?reputation")),
    )
    defining = "day_advances"
    # planting and harvesting; a day-night cycle (days that end in a night); a shop: the farm's seed shop,
    # the shop's own counter (both buy with coins)
    delivers = {"farming": "harvest_sells", "day_night": "day_advances", "shop": "buy_costs_coins"}
    win_checks = ("coin_goal_wins", "grown_up_wins")
    lose_checks = ("days_run_out_loses", "neglect_loses")
    # (Order matters: the first that a sentence says wins; watering is about growing, a care list about care.)
    terms = (
        (r"\bwater\w* (?:the |your )?(?:crops?|plants?|plots?|seeds?)|\bcrops? grow\w*|\bplant\w* (?:the )?crops?\b",
         "crop_grows"),
        (r"\bharvest\w*|\bcolheita\b|\bcosecha\w*|\b(?:trad|sell)\w* (?:the |your )?(?:crops?|produce|harvest)",
         "harvest_sells"),
        (r"\b(?:buy|purchas)\w* (?:the |new |more )?seeds?\b|\bseeds? (?:cost|are bought)", "buy_costs_coins"),
        (r"\b(?:grows?|plants?|sows?|farms?)\b[^.]{0,20}\b(?:strawberr|potato|melon|turnip|carrot|pumpkin|wheat|corn|"
         r"tomato|cabbage|lettuce|onion|sunflower|bean|pepper|grape)", "gdd_crops"),
        (r"\b(?:feed\w*|alimentar|brincar|banho|bath\w*|clean\w* (?:the |your )?pet)\b", "care_restores"),
        (r"\b(?:grows? up|grows? through (?:its |the )?stages|evolv\w*|evolucao|stages? of (?:life|growth))\b", "pet_grows"),
        (r"\bneglect\w*|\bnegligenciad\w*", "neglect_loses"),
        (r"\bcustomers?\b[^.]{0,50}\b(?:buy|purchas|pay|order)\w*|\b(?:serve|sell to) (?:the |your )?customers?",
         "customer_buys"),
        (r"\b(?:restock|stock (?:the |your )?shel(?:f|ves)|buy\w* (?:the |new )?stock)\b", "buy_costs_coins"),
        (r"\bneeds?\b[^.]{0,60}\b(?:decay|drop|fall|decrease|go down|over time)\w*", "need_decays"),
        (r"\b(?:hunger|happiness|energy|cleanliness|hygiene|fome|felicidade|higiene)\b", "need_decays"),
        (r"\b(?:each|every|per) (?:in-game )?day\b|\bdays? (?:pass|end)\w*", "day_advances"),
    )

    def lose_for(self, mode: str) -> str:
        if mode == "manage":
            return "Too many walk away unserved, or the day ends short of the goal"
        return "A need stays at zero for too long" if mode == "pet" else "The days run out before the goal"

    def cast_for(self, mode: str) -> tuple[str, str, str, str]:
        return {"pet": ("Pet", "", "", ""), "shop": ("Shopkeeper", "", "", ""),
                "manage": ("Manager", "", "", "")}.get(mode, self.cast)

    def mode_for(self, text: str) -> str:
        # The mode whose words the text says most; the farm on a tie (the family's first mode). The manage
        # mode only when its core loop outweighs the farm's, the pet's and the shop's words together and
        # is said at least four times (a shop's customers also arrive and wait).
        counts = {mode: len(p.findall(text or "")) for mode, p in (("farm", _FARM), ("pet", _PET), ("shop", _SHOP))}
        manage = len(_MANAGE.findall(text or ""))
        if manage >= 4 and manage > sum(counts.values()):
            return "manage"
        return max(self.modes[:3], key=lambda m: (counts[m], m == "farm"))

    def script(self) -> str:
        # simulation.js, then the manage mode's half, which adds itself to the registered module
        manage = resources.files(type(self).__module__).joinpath("manage.js").read_text(encoding="utf-8")
        return super().script() + "\n" + manage

    def view(self, mode: str, kind: str = "sprite") -> View:
        return "top" if mode == "farm" else "side"

    def rules(self) -> "GenreRules":
        from maestro.genres.simulation import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.simulation import qa

        return qa
