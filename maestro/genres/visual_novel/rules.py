"""Visual novels (genre "visual_novel"): the tunables (the GDD's names the chapters are written
with) and the protocol. The rule book and the proof are :mod:`.story`, the chapter templates
:mod:`.chapters`; ``visual_novel.js`` plays the same rules."""

from __future__ import annotations

import random
import re
from typing import Any

from maestro.genres.visual_novel import chapters, story
from maestro.spec import GameSpec, LevelRequest

MODES = ("story",)
MAX_CAST = 4
MAX_NAME = 24

# Choices the GDD names in so many words: "whether to judge or forgive", "choose to trust or betray".
_CHOICE = re.compile(r"\b(?:whether to|choose (?:between|to)|decide (?:whether )?to|either)\s+([a-z]{3,12})\s+"
                     r"(?:or|and)\s+(?:to\s+)?([a-z]{3,12})\b", re.I)
_NOT_VERBS = frozenset({"the", "not", "you", "your", "them", "this", "that", "what", "which", "more", "less", "play",
                        "game", "games", "player", "players", "one", "two", "all", "any", "each", "both"})


def _spec_text(spec: GameSpec) -> str:
    """The GDD's own words the spec keeps: summary, rules, mechanics' sources, requirements, notes."""
    parts = [spec.summary, *spec.win_conditions, *spec.lose_conditions, *(m.source for m in spec.mechanics)]
    parts += [f"{r.summary}. {r.words}" for r in spec.requirements]
    parts += spec.notes
    return " . ".join(p for p in parts if p)


def named_choices(text: str) -> list[list[str]]:
    """The pairs of choices the text names (lower case, at most three, each once)."""
    out: list[list[str]] = []
    for m in _CHOICE.finditer(text or ""):
        a, b = m.group(1).lower(), m.group(2).lower()
        if a != b and not {a, b} & _NOT_VERBS and [a, b] not in out:
            out.append([a, b])
    return out[:3]


def _short(name: str) -> str:
    return str(name or "").strip()[:MAX_NAME]


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The names the chapters are written with: the player, the characters (the GDD's own first,
    the genre's stock one only when it names none), the items, the places (the levels' names, in
    order, so a scene's backdrop is the level of that place) and the choices the GDD names."""
    named = [e for e in spec.enemies if not e.stock] or list(spec.enemies)
    cast = [{"name": _short(e.name), "slug": e.slug} for e in named[:MAX_CAST]]
    items = [{"name": _short(e.name), "slug": e.slug}
             for e in ([i for i in spec.items if not i.stock] or spec.items)][:MAX_CAST]
    return {
        "mode": "story",
        "player": _short(spec.player.name),
        "player_slug": spec.player.slug,
        "cast": cast,
        "items": items,
        "places": [_short(lv.name) for lv in spec.levels],
        "choices": named_choices(_spec_text(spec)),
    }


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    return chapters.generate(req.index, req.count, float(req.difficulty), _short(req.name), config, rng)


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    return story.prove(level)


def describe(level: dict[str, Any]) -> str:
    nodes = level.get("nodes") or []
    kinds = [n.get("k") for n in nodes]
    good = sum(1 for n in nodes if n.get("k") == "end" and n.get("kind") == "good")
    neutral = sum(1 for n in nodes if n.get("k") == "end" and n.get("kind") == "neutral")
    return (f"chapter {level.get('chapter')} at {level.get('place') or '?'}: {kinds.count('say')} lines, "
            f"{kinds.count('choice')} choices, {kinds.count('end')} endings ({good} good"
            + (f", {neutral} neutral)" if neutral else ")"))
