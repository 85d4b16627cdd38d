"""Small text helpers: safe names, slugs, sentences, numbers written as words."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from maestro.gdd.markdown import clean_inline

MAX_NAME = 40

_ARTICLES = {
    "a", "an", "the", "some", "one", "its", "his", "her", "their", "your", "our", "my",
    "el", "la", "los", "las", "un", "una", "unos", "unas",  # es
    "de", "het", "een",  # nl
}
_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "fifty": 50, "hundred": 100,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "seis": 6, "diez": 10,
    "een": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "tien": 10,
    "once": 1, "twice": 2, "thrice": 3, "single": 1, "double": 2, "triple": 3,
}
NUMBER_WORD_RE = "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))


def to_int(token: str) -> int | None:
    token = token.strip().lower()
    if token.isdigit():
        return int(token[:9])
    return _NUMBER_WORDS.get(token)


@lru_cache(maxsize=8192)
def plain(text: str, limit: int = 300) -> str:
    """Plain one-line text safe to put in the spec: no markup, tags or control characters."""
    text = clean_inline(str(text))
    text = re.sub(r"[<>]", "", text)  # a stray '<' or '>' could re-form a tag downstream
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) > limit:
        cut = text[: limit - 1].rsplit(" ", 1)[0]
        text = (cut if len(cut) > limit // 2 else text[: limit - 1]) + "…"
    return text


def _strip_symbols(text: str) -> str:
    # Drop emoji and other symbols (keep letters, digits, spaces and a few joiners).
    return "".join(ch for ch in text if ch.isalnum() or ch in " -'&.") if text else text


@lru_cache(maxsize=8192)
def clean_name(text: str, max_words: int = 3) -> str:
    """A short human name: 'the big red Goomba (enemy)' -> 'Big Red Goomba'."""
    text = plain(text, 200)
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", text)
    text = re.sub(r"^\s*#?\d+(?:\.\d+)*[.)]?\s*", "", text)  # "15. Class Diagrams", "#2 Jump"
    text = re.split(r"\s[-–—:]\s|[:;,.!?/|]\s|[:;,!?|(]", text + " ", maxsplit=1)[0]
    text = _strip_symbols(text)
    words = [w for w in text.replace(".", " ").split() if w.strip("-'&")]
    while words and words[0].lower() in _ARTICLES:
        words.pop(0)
    # "Marrow's heart": a possessive ends the name ("Queen's Throne" keeps its noun).
    for i, w in enumerate(words[:max_words]):
        if re.search(r"['’]s?$", w) and i == min(len(words), max_words) - 1:
            words = words[:i] + [re.sub(r"['’]s?$", "", w)]
            break
    words = [w for w in words[:max_words] if w]
    while words and words[-1].lower() in _ARTICLES | {"and", "or", "of", "y", "en", "o", "with"}:
        words.pop()
    # ALL-CAPS writing ("HIVE QUEEN") is shouting, not the name's spelling: "Hive Queen" ("UFO" alone stays).
    letters = [ch for ch in "".join(words) if ch.isalpha()]
    if len(letters) > 3 and all(ch.isupper() for ch in letters):
        words = [w if re.search(r"\d", w) else w.title() for w in words]
    name = " ".join(words)
    if name and name[0].islower():
        name = name[:1].upper() + name[1:]  # "raider drones" -> "Raider drones", as written
    return name[:MAX_NAME].strip()


def slugify(text: str, max_len: int = MAX_NAME) -> str:
    """'Звёздный путь' -> 'zvezdnyy-put' (anyascii transliterates every script, so a title in
    Cyrillic or CJK names its files instead of vanishing)."""
    ascii_text = anyascii(unicodedata.normalize("NFC", text))
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:max_len].strip("-")


def unique_slug(text: str, taken: set[str], fallback: str = "thing") -> str:
    base = slugify(text) or fallback
    slug, n = base, 2
    while slug in taken:
        suffix = f"-{n}"
        slug = base[: MAX_NAME - len(suffix)].rstrip("-") + suffix
        n += 1
    taken.add(slug)
    return slug


_IRREGULAR = {"stairs": "Stairs", "species": "Species", "cacti": "Cactus", "mice": "Mouse", "geese": "Goose", "enemies": "Enemy", "leaves": "Leaf", "knives": "Knife"}


@lru_cache(maxsize=4096)
def singular(name: str) -> str:
    """English plural -> singular on the last word ('Red Diamonds' -> 'Red Diamond')."""
    words = name.split()
    if not words:
        return name
    last = words[-1]
    low = last.lower()
    if low in _IRREGULAR:
        rep = _IRREGULAR[low]
        last = rep if last[:1].isupper() else rep.lower()
    elif low.endswith("ies") and len(low) > 4:
        last = last[:-3] + "y"
    elif low.endswith(("ches", "shes", "sses", "xes")):
        last = last[:-2]
    elif low.endswith("s") and not low.endswith(("ss", "us", "is")) and len(low) > 3:
        last = last[:-1]
    return " ".join(words[:-1] + [last])


def sentences(text: str) -> list[str]:
    """Split prose into sentences (good enough for GDD prose, never raises)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z¿¡\"'(0-9])", text)
    return [p.strip() for p in parts if p.strip()]


def split_sentences(body: str, limit: int = 300_000) -> list[str]:
    """Sentences of a multi-line body: lines first (GDD lists have no full stops), then prose."""
    out: list[str] = []
    for line in body[:limit].split("\n"):
        out.extend(sentences(line))
    return out


@lru_cache(maxsize=4096)
def norm_key(text: str) -> str:
    """'🎮️ Name of the game' -> 'name of the game' (for matching keys and headings)."""
    text = re.sub(r"\(.*?\)", " ", fold(text))
    text = re.sub(r"^[\s\d.#)\-]+", "", re.sub(r"[^a-z0-9 &/-]+", " ", text))
    return re.sub(r"\s+", " ", text).strip()


def fold(text: str) -> str:
    """Lowercase without accents, so 'Dragón' matches 'dragon'."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Bidirectional controls (embeddings, overrides, isolates, marks): in a title or a name they
# reorder what a reader sees (a page <title>, the catalog, a terminal) and mean nothing to a game.
BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def strip_bidi(text: str) -> str:
    return text.translate(BIDI_CONTROLS)
