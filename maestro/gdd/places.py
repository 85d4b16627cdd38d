"""The places a GDD lists by one shared kind of place: "Skull Island", "Ghost Ship Island" ... or
"Isla Calavera", "Isla Pantano" ... set as headings or as bold-only lines. Such a list is the game's
map of areas (its levels), and none of its entries is a thing to draw, whatever its words
("Ghost Ship Island" is no ghost).
"""

from __future__ import annotations

import re

from maestro.gdd.markdown import Block, Document
from maestro.gdd.text import fold, plain

# Nouns that name a kind of area a game is played in, in the languages the shared GDDs are written in.
# (Not "room" or "level" alone: "Room 1 ... Room 2" is handled as numbered levels where it is one.)
_PLACE_NOUN = re.compile(
    r"(?:island|isle|isla|ilha|ile|insel|eiland|wyspa|pulau|isola|"
    r"world|mundo|monde|welt|wereld|swiat|mondo|"
    r"planet|planeta|planete|"
    r"zone|zona|area|region|regio|"
    r"realm|kingdom|reino|royaume|reich|koninkrijk|regno|"
    r"city|ciudad|cidade|ville|stadt|stad|citta|kota|miasto|"
    r"district|distrito|quartier|"
    r"sector|sektor|galaxy|galaxia|dimension|dimension)",
)
# A name after its place noun: a few words, the first capitalised, no digits, no sentence.
_MAX_WORDS = 6


def _name_line(b: Block) -> str:
    """The name a heading or a bold-only list line gives, or ''."""
    if b.kind == "heading":
        text = b.text
    elif b.kind == "item" and b.bold and plain(b.bold[0], 80).strip(" :") == plain(b.text, 80).strip(" :"):
        text = b.bold[0]
    else:
        return ""
    text = plain(text, 80).strip(" :.")
    words = text.split()
    if not 2 <= len(words) <= _MAX_WORDS or re.search(r"\d", text):
        return ""
    return text if words[0][:1].isupper() and words[-1][:1].isupper() else ""


def named_places(doc: Document) -> list[str]:
    """The longest list of sibling names (same section, same kind) that share one place noun, first or
    last, in the GDD's order: at least two, or nothing."""
    best: list[str] = []
    groups: dict[tuple[tuple[str, ...], str, int, str], list[str]] = {}
    for b in doc.blocks:
        name = _name_line(b)
        if not name:
            continue
        # "Isla Calavera" (the noun first) or "Skull Island" (the noun last)
        for noun in {fold(name.split()[0]), fold(name.split()[-1])}:
            if _PLACE_NOUN.fullmatch(noun):
                group = groups.setdefault((b.section, b.kind, b.level, noun), [])
                if name not in group:
                    group.append(name)
    for names in groups.values():
        if len(names) >= 2 and len(names) > len(best):
            best = names
    return best
