"""Sports games (genre "sports"): the tunables from the GDD's words and the protocol's dispatch by mode.

The rule books, generators and solvers live one per mode: :mod:`.target` (archery, darts, a golf-like
shot: aim and power against the wind and the distance, a round of shots with a score to beat; proved by
a sighting strategy) and :mod:`.timing` (a reel or a bout: act while a moving marker is inside the
window, stamina spent on every miss, rounds against an opponent; proved by a timing strategy played frame
by frame). ``sports.js`` plays the same integer rules.
"""

from __future__ import annotations

import random
import re
from typing import Any

from maestro.gdd.text import fold
from maestro.genres.sports import target, timing
from maestro.spec import GameSpec, LevelRequest

MODES = ("target", "timing")

_RIVAL = re.compile(r"\b(?:rivals?|opponents?|(?:goal)?keepers?|goalies?|champions?|challengers?|contenders?|boxers?|fighters?|anglers?|"
                    r"competitors?|bosses|boss|champ)\b")
_TARGET = re.compile(r"\b(?:targets?|bullseyes?|bulls?-?eyes?|dart ?boards?|boards?|hoops?|pins?|holes?|flags?|"
                     r"rings?|baskets?|goals?|monsters?|marks?|balloons?|bottles?|cans?|apples?|bales?|dumm(?:y|ies)|butts?)\b")
_FISH = re.compile(r"\b(?:fish\w*|bass|trout|pike|carp|salmon|perch|catfish|marlin|tuna|eels?|cod|minnows?)\b")


# What the timing screen calls a hit, the opponent's fight, a guard and a dodge: a fish or a bout.
_REEL_WORDS = {"hit": "REEL", "fight": "FIGHT", "dodge": "GIVE LINE", "dodged": "LINE GIVEN"}
_BOUT_WORDS = {"hit": "HIT", "fight": "HEALTH", "dodge": "SLIP", "dodged": "SLIPPED"}


def _named(spec: GameSpec) -> list[tuple[str, str, str, str]]:
    """(name, slug, kind, description) of every entity the GDD names (Maestro's stock fill-ins left out)."""
    out = [(e.name, e.slug, "enemy", e.description) for e in spec.enemies if not e.stock]
    out += [(e.name, e.slug, "item", e.description) for e in spec.items if not e.stock]
    out += [(e.name, e.slug, "hazard", e.description) for e in spec.hazards if not e.stock]
    if spec.goal is not None and not spec.goal.stock:
        out.append((spec.goal.name, spec.goal.slug, "goal", spec.goal.description))
    return out


def _rival(named: list[tuple[str, str, str, str]]) -> tuple[str, str] | None:
    """The enemy the GDD calls the rival (opponent, champion ...): one whose own line says so ("Baron Hale,
    the rival archer") before one whose name is only the word ("Rival")."""
    enemies = [(n, s, d) for n, s, kind, d in named if kind == "enemy"]
    said = [(n, s) for n, s, d in enemies if _RIVAL.search(fold(d)) and not _RIVAL.fullmatch(fold(n))]
    bare = [(n, s) for n, s, d in enemies if _RIVAL.search(fold(n))]
    return (said or bare or [None])[0]


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The mode and the GDD's names: the rival (or opponent) and the targets (or the fish)."""
    mode = spec.mode if spec.mode in MODES else MODES[0]
    named = _named(spec)
    rival = _rival(named)
    if mode == "timing":
        fish = [(n, s) for n, s, _, _ in named if _FISH.search(fold(n))]
        foe = fish[0] if fish else rival or next(((n, s) for n, s, kind, _ in named if kind == "enemy"), None)
        name, slug = foe if foe else ("Opponent", "")
        angling = bool(fish or _FISH.search(fold(spec.summary)))
        words = _REEL_WORDS if angling else _BOUT_WORDS
        return {"mode": mode, "opponent": name, "opponent_slug": slug, "fish": angling, "words": dict(words)}
    # the targets: what the GDD names to shoot at (its monsters, its goal, things called targets, boards ...);
    # never the rival, nor a thing only called the rival
    targets = [{"name": n, "slug": s} for n, s, kind, _ in named
               if (n, s) != rival and not _RIVAL.search(fold(n)) and (kind in ("enemy", "goal") or _TARGET.search(fold(n)))]
    return {"mode": mode, "rival": rival[0] if rival else "", "rival_slug": rival[1] if rival else "",
            "targets": targets[:4] or [{"name": "Target"}]}


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    if config.get("mode") == "timing":
        return timing.generate(req, config, rng)
    return target.generate(req, config, rng)


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    if level.get("mode") == "timing":
        return timing.solve(level, config)
    return target.solve(level, config)


def describe(level: dict[str, Any]) -> str:
    if level.get("mode") == "timing":
        return timing.describe(level)
    return target.describe(level)
