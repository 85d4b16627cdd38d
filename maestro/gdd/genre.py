"""Pick one of the four playable genres, its mode, and say how sure we are.

Evidence, strongest first: the GDD's own "Genre:" field, its first title heading, then
keywords in the body. A genre Maestro cannot play (racing, tower defense, card game,
farming ...) is mapped to the nearest playable one, and the mapping is reported.

Choices worth knowing:
- tower defense -> fixed shooter: towers fire at waves of enemies walking in; the closest
  runtime is a fixed-position shooter with waves (not a puzzle: there is no solution).
- a maze with an exit and nothing to push -> adventure, mode "maze".
- a flying side-scroller that dodges obstacles (Flappy-like) -> shooter, mode "scrolling".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from maestro.errors import UnknownGenreError
from maestro.gdd.lexicon import DIRECT_GENRE, FLYING, FOREIGN_PATTERNS, GENRE_WORDS, MODE_WORDS
from maestro.gdd.styles import compile_words
from maestro.genres.registry import GENRE_NAMES as GENRES

GENRE_PATTERNS = tuple((genre, weight, compile_words(words)) for genre, weight, words in GENRE_WORDS)
PER_WORD_CAP = 3  # a word counts at most this many times
MODE_LABEL = {
    ("platformer", "levels"): "platformer",
    ("platformer", "runner"): "endless-runner platformer",
    ("shooter", "fixed"): "fixed shooter",
    ("shooter", "scrolling"): "scrolling shooter",
    ("adventure", "rooms"): "top-down adventure",
    ("adventure", "maze"): "top-down maze adventure",
    ("puzzle", "exit"): "grid puzzle",
    ("puzzle", "sokoban"): "block-pushing puzzle",
}


@dataclass(frozen=True)
class Foreign:
    label: str
    genre: str
    mode: str
    player: str
    enemy: str
    item: str


@dataclass
class GenreResult:
    genre: str
    mode: str
    confidence: float
    source: str
    note: str
    foreign: Foreign | None


def _score(text: str) -> dict[str, float]:
    scores = {g: 0.0 for g in GENRES}
    for genre, weight, pattern in GENRE_PATTERNS:
        counts: dict[str, int] = {}
        for m in pattern.finditer(text):
            word = m.group(0).lower()
            counts[word] = counts.get(word, 0) + 1
        scores[genre] += weight * sum(min(c, PER_WORD_CAP) for c in counts.values())
    return scores


def _find_foreign(text: str, min_hits: int) -> Foreign | None:
    best: tuple[int, int, Foreign] | None = None
    for idx, (pattern, label, genre, mode, player, enemy, item) in enumerate(FOREIGN_PATTERNS):
        hits = len(pattern.findall(text))
        if hits >= min_hits and (best is None or hits > best[0]):
            best = (hits, -idx, Foreign(label, genre, mode, player, enemy, item))
    return best[2] if best else None


_FINITE_LEVELS = re.compile(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)[ \t]+(?:[a-z]+[ \t]+)?"
    r"(?:levels|stages|worlds|zones|areas|floors|dungeons|chapters|niveles|niveaus|mundos)\b", re.I)
_NUMBERED_LEVEL = re.compile(r"\b(?:level|stage|world|nivel|niveau|mundo)[ \t]+(\d{1,2})\b", re.I)


def _finite_levels(text: str) -> bool:
    """The GDD counts its levels, or names two or more by number."""
    return bool(_FINITE_LEVELS.search(text)) or len(set(_NUMBERED_LEVEL.findall(text))) >= 2


def detect_mode(genre: str, text: str) -> str:
    def hits(mode: str) -> int:
        return len(MODE_WORDS[mode].findall(text))

    if genre == "platformer":
        # Running on its own is a runner whatever else the GDD says; "endless" is one unless the GDD
        # lays out a finite set of levels ("There are 6 levels", "Level 1 ... Level 2").
        if hits("auto_run"):
            return "runner"
        if hits("runner") and (hits("runner") >= 3 or not _finite_levels(text)):
            return "runner"
        return "levels"
    if genre == "shooter":
        return "scrolling" if hits("scrolling") > hits("fixed") else "fixed"
    if genre == "adventure":
        return "maze" if hits("maze") >= 2 else "rooms"
    return "sokoban" if hits("sokoban") else "exit"


def detect_genre(body: str, field: str, heading: str, forced: str | None = None, intro: str = "") -> GenreResult:
    """body: whole plain text; field: the GDD's genre field(s); heading: title + first H1;
    intro: the GDD's opening text ("Gem Garden is a match-3 game"), where a genre named once is meant."""
    if forced is not None:
        g = forced.strip().lower()
        if g not in GENRES:
            raise UnknownGenreError(f"Unknown genre '{forced}'.", f"Use one of: {', '.join(GENRES)}.")
        return GenreResult(g, detect_mode(g, body), 1.0, forced, f"Genre forced to '{g}' by the caller.", None)

    scores = _score(body)
    field_scores = _score(field)
    head_scores = _score(heading)
    for g in GENRES:
        scores[g] += 4.0 * field_scores[g] + 2.0 * head_scores[g]

    # A non-playable genre named in the field or the title outweighs body words; named only
    # in the body (twice or more) it is a hint.
    foreign = None
    strong = False
    if field and not DIRECT_GENRE.search(field):
        foreign = _find_foreign(field, 1)
        strong = foreign is not None
    if foreign is None and heading:
        foreign = _find_foreign(heading, 1)
        strong = foreign is not None
    if foreign is None and not DIRECT_GENRE.search(field):
        foreign = _find_foreign(body, 2)
    if foreign is None and intro and not field:
        m = re.search(r"\b(?:is|es|is een)\s+(?:a|an|un|una|een)\s+([^.]{0,60}?)\b(?:game|juego|spel)\b", intro, re.I)
        if m:
            foreign = _find_foreign(m.group(1), 1)
    if foreign is None and field:
        foreign = _find_foreign(field, 1)  # e.g. "Dungeon Crawler, Turn-Based": both direct and foreign
        strong = foreign is not None
    if foreign is not None:
        scores[foreign.genre] += 14.0 if strong else 5.0

    # A flying side-scroller dodging things plays best as a scrolling shooter.
    flying = len(FLYING.findall(body))
    if flying >= 2 and MODE_WORDS["scrolling"].search(body):
        scores["shooter"] += 4.0 + min(flying, 4)

    ranked = sorted(GENRES, key=lambda g: (-scores[g], GENRES.index(g)))
    top, second = scores[ranked[0]], scores[ranked[1]]
    genre = ranked[0] if top > 0 else "platformer"
    if top <= 0:
        confidence = 0.2
    else:
        margin = (top - second) / top
        confidence = 0.3 + 0.45 * margin + min(0.2, top / 100.0)
        if field_scores[genre] > 0:
            confidence += 0.15
        if foreign is not None and foreign.genre == genre:
            confidence = min(confidence, 0.6)
    confidence = round(max(0.05, min(0.99, confidence)), 2)

    mode = detect_mode(genre, body)
    if genre == "shooter" and flying >= 2 and MODE_WORDS["scrolling"].search(body):
        mode = "scrolling"
    if foreign is not None and foreign.genre == genre and genre not in ("adventure",) and mode != foreign.mode:
        mode = foreign.mode if not (genre == "shooter" and MODE_WORDS["scrolling"].search(field)) else mode

    source = field or (foreign.label if foreign else "")
    note = ""
    if foreign is not None and (strong or foreign.genre == genre):
        note = f"GDD genre '{foreign.label}' is built as a {MODE_LABEL.get((genre, mode), genre)} (nearest playable genre)."
    elif top <= 0:
        note = "No genre named or implied; built as a platformer (default)."
    return GenreResult(genre, mode, confidence, source, note, foreign if (foreign and foreign.genre == genre) else None)
