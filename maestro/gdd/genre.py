"""Pick one of the registered genres (maestro.genres.registry), its mode, and say how sure we are.

Evidence, strongest first: the GDD's own "Genre:" field, its first title heading, then
keywords in the body. A family a registered genre builds (card game, tower defense ...) is built
by it; one Maestro cannot play yet (racing, farming ...) is mapped to the nearest playable genre,
and the mapping is reported.

Choices worth knowing:
- a maze with an exit and nothing to push -> adventure, mode "maze".
- a flying side-scroller that dodges obstacles (Flappy-like) -> shooter, mode "scrolling".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from maestro.errors import UnknownGenreError
from maestro.gdd.requirements import FAMILY_OF_LABEL
from maestro.gdd.lexicon import DIRECT_GENRE, FLYING, FOREIGN_PATTERNS, GENRE_WORDS, MODE_WORDS
from maestro.gdd.styles import compile_words
from maestro.gdd.text import fold
from maestro.genres.registry import GENRE_NAMES as GENRES
from maestro.genres.registry import REGISTRY

GENRE_PATTERNS = tuple((genre, weight, compile_words(words)) for genre, weight, words in GENRE_WORDS)
PER_WORD_CAP = 3  # a word counts at most this many times
MODE_LABEL = {(name, mode): label for name, g in REGISTRY.items() for mode, label in g.labels.items()}


# The families a GDD names in so many words ("a deck-building game", "es un RPG por turnos"), folded text.
_FAMILY_NAMES: tuple[tuple[str, re.Pattern[str]], ...] = tuple((f, re.compile(p)) for f, p in (
    ("tower_defense", r"\btower[- ]?defen[cs]e\b|\bdefensa de torres\b|\btorenverdediging\b"),
    ("racing", r"\bracing\b|\bracer\b|\bkart\b|\brace game\b|\bcarreras\b|\bcorrida\b|\brennspiel\b|\bcourse\b(?= de)"),
    ("card", r"\bcard ?game\b|\bdeck[- ]?build\w*|\btrading card\b|\bjuego de cartas\b|\bjogo de cartas\b|"
             r"\bkaartspel\b|\bkartenspiel\b|\bjeu de cartes\b"),
    ("board", r"\bboard ?game\b|\bjuego de mesa\b|\bjogo de tabuleiro\b|\bbordspel\b|\bbrettspiel\b|\bjeu de societe\b|"
              r"(?<!auto[- ])\bchess\b|\bcheckers\b|\bdraughts\b|\bothello\b|\breversi\b|\bconnect[- ]?(?:four|4)\b|"
              r"\btic[- ]tac[- ]toe\b|\bnoughts and crosses\b"),
    ("idle", r"\bidle (?:game|clicker|tycoon)s?\b|\bincremental\b|\bclicker\b"),
    ("simulation", r"\btamagotchi\w*|\bvirtual pet\b|\bmascota virtual\b|\bbichinho virtual\b|\bfarming\b|"
                   r"\bfarm sim\w*|\bsimulat\w*|\bsimulador\b|\btycoon\b|\bmanagement\b|\blife sim\b|\bcity builder\b"),
    ("arcade", r"\bpong\b|\bpinball\b|\bbreakout\b|\barkanoid\b|\bflappy\b|\bone[- ]button\b|\bsnake game\b|"
               r"\bdoodle[- ]?jump\b|\bjetpack[- ]joyride\b"),
    ("rhythm", r"\brhythm\w*|\britmo\b|\brythme\b|\bmusic game\b"),
    ("visual_novel", r"\bvisual novel\b|\bdating sim\b|\binteractive fiction\b|\bnovela visual\b"),
    ("fighting", r"\bfighting game\b|\bfighter\b|\bbrawler\b|\bbeat ?'?em ?up\b|\bjuego de lucha\b"),
    ("tactics", r"\btactic\w*|\btactico\b|\bstrategy\b|\bwargame\w*|\bestrategia\b|\bstrategie\w*|\brts\b|\b4x\b"),
    # (Turns alone name no family: a sokoban is turn-based too.)
    ("rpg", r"\brpg\b|\brole[- ]?playing\b|\bjrpg\b|\bjuego de rol\b|\bturn[- ]based (?:combat|battles?|fights?)\b|"
            r"\bcombates? por turnos\b"),
    ("tile_puzzle", r"\bmatch[- ]?3\b|\bmatch[- ]three\b|\btetris\w*|\bfalling blocks\b|\b2048\b|\bmahjong\b"),
    ("sports", r"\bsports?\b|\bfootball\b|\bsoccer\b|\bbasketball\b|\bgolf\b|\btennis\b|\bdeportes?\b"),
    ("shooter", r"\bshooter\b|\bshoot ?'?em ?up\b|\bshmup\b|\bbullet[- ]?(?:hell|heaven)\b|\bjuego de naves\b|\bdisparos\b"),
    ("platformer", r"\bplatform(?:er|ing)?\b|\bplataformas?\b|\bjump ?(?:&|and|n) ?run\b|\bplateformes?\b|"
                   r"\bside[- ]?scroll\w*|\bmetroidvania\b|\bendless runner\b|\bplatformspel\b"),
    ("puzzle", r"\bpuzzles?\b|\bsokoban\b|\brompecabezas\b|\bpuzzel\b|\bquebra-cabecas?\b|\bcasse-tetes?\b"),
    ("adventure", r"\badventure\b|\baventuras?\b|\broguelike\b|\broguelite\b|\bdungeon crawler\b|\bstealth\b|"
                  r"\btop[- ]down\b|\bzelda\w*|\bavontuur\b|\bescape room\b|\bmaze\b|\blabyrinth\b"),
))
# The broad families a phrase often names beside the particular one it means ("a deck-building
# adventure game" is a card game, "a tower-defense puzzle" a tower defense): in a genre phrase every
# other family outranks these, and among the others the order of _FAMILY_NAMES decides.
BROAD_FAMILIES = ("platformer", "shooter", "adventure", "puzzle")
_MODIFIER = re.compile(r"^(?:-| )?(?:infused|inspired|flavou?red|themed|elements|influenced|like)\b")
_STATEMENT = re.compile(
    r"(?:\b(?:is|es|e|est|ist|is een|sera|will be|wird|adalah|jest|sara)|^(?:build|make|create)(?:\s+[^,.\n]{1,40},)?)\s+"
    r"(?:a|an|un|una|um|uma|een|ein|eine|une|sebuah)\s+([^.;:!?\n]{0,70})", re.M)
# A sentence that is a genre phrase: "Boat racing game with ...", "A deck building adventure game".
_GENRE_SENTENCE = re.compile(
    r"(?:^|[.!?\n]\s*(?:a|an|un|una|um|uma|een|ein|eine|une)\s+)([\w' -]{0,60}?\b(?:game|juego|jogo|jeu|spiel|spel|gra|gioco|clone|xogo))\b")
OPENING_CHARS = 3000
# A Geometry-Dash-like course, said so, states the platformer (its "dash" mode), whatever rhythm or
# one-button word the phrase has too (the platformer's dash words).
_DASH_PHRASE = re.compile(r"\bgeometry[- ]?dash[- ](?:like|style|clone)\b|\brhythm(?:[- ]based)? platform(?:er|ing)\b"
                          r"|\bone[- ]button (?:auto[- ]?)?runner\b")


def _named_family(text: str) -> str | None:
    """The family a genre phrase names: a particular family outranks a broad one ("a deck-building
    adventure game" is a card game), a modifier never counts ("rhythm-infused shooter"), else the head
    noun wins."""
    if _DASH_PHRASE.search(text):  # a one-button course of spikes and blocks is the platformer's, not arcade's
        return "platformer"
    hits = []
    for family, pattern in _FAMILY_NAMES:
        for m in pattern.finditer(text):
            hits.append((m.end(), family, bool(_MODIFIER.match(text[m.end():m.end() + 14]))))
    if not hits:
        return None
    hits = [h for h in hits if not h[2]] or hits
    foreign = [h for h in hits if h[1] not in BROAD_FAMILIES]
    if foreign:  # the most particular family: a deck-building strategy game is a card game
        order = [f for f, _ in _FAMILY_NAMES]
        return min(foreign, key=lambda h: order.index(h[1]))[1]
    return max(hits)[1]  # the last named: a phrase's head noun


def stated_family(field: str, intro: str, body: str = "") -> str | None:
    """The family the GDD states: its genre field, else the opening's "X is a ... game", else an arcade
    classic it names as its model (pong, pinball, Flappy Bird)."""
    family = _named_family(fold(field)) if field else None
    if family:
        return family
    opening = fold(intro or body[:OPENING_CHARS]) + "\n" + fold(body[:OPENING_CHARS])
    for pattern in (_STATEMENT, _GENRE_SENTENCE):
        for m in pattern.finditer(opening):
            family = _named_family(m.group(1))
            if family:
                return family
    if _ARCADE_MODEL.search(fold(body)):
        return "arcade"
    return None


# The label a stated family is noted with (maestro.gdd.requirements.FAMILY_OF_LABEL reads it back).
FAMILY_LABEL = {
    "tower_defense": "tower defense", "racing": "racing", "card": "card game", "board": "board game",
    "idle": "idle / incremental", "simulation": "simulation", "arcade": "arcade", "rhythm": "rhythm",
    "visual_novel": "visual novel", "fighting": "fighting", "tactics": "strategy", "rpg": "turn-based RPG",
    "tile_puzzle": "match-3 / falling blocks", "sports": "sports",
}
_ARCADE_MODEL = re.compile(r"\bpong\b|\bpinball\b|\bbreakout\b|\barkanoid\b|\bflappy\b|\bdoodle[- ]?jump\b|\bjetpack[- ]joyride\b")


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
    if best is None:
        return None
    own = FAMILY_OF_LABEL.get(best[2].label)
    if own in REGISTRY and own != best[2].genre:  # a family a registered genre builds is built by it
        return Foreign(best[2].label, own, "", "", "", "")
    return best[2]


_FINITE_LEVELS = re.compile(
    r"\b(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)[ \t]+(?:[a-z]+[ \t]+)?"
    r"(?:levels|stages|worlds|zones|areas|floors|dungeons|chapters|niveles|niveaus|mundos)\b", re.I)
_NUMBERED_LEVEL = re.compile(r"\b(?:level|stage|world|nivel|niveau|mundo)[ \t]+(\d{1,2})\b", re.I)


def finite_levels(text: str) -> bool:
    """The GDD counts its levels, or names two or more by number."""
    return bool(_FINITE_LEVELS.search(text)) or len(set(_NUMBERED_LEVEL.findall(text))) >= 2


def detect_mode(genre: str, text: str) -> str:
    """The mode the GDD's text asks of ``genre`` (each genre decides: maestro.genres: Genre.mode_for)."""
    return REGISTRY[genre].mode_for(text)


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
    if foreign is not None and foreign.mode and foreign.genre == genre and genre not in ("adventure",) and mode != foreign.mode:
        mode = foreign.mode if not (genre == "shooter" and MODE_WORDS["scrolling"].search(field)) else mode

    # The family the GDD states outranks incidental words: a game it calls a card game is one, built by
    # the genre of that family when one is registered, else noted as built by the nearest playable one.
    stated = stated_family(field, intro, body)
    # (Only for the families beyond the first four, whose words the genre scores above already weigh,
    # and only when the text has words of that genre's own play: a Flappy-like "arcade" game is no Pong.)
    if stated in REGISTRY and stated in FAMILY_LABEL and stated != genre and scores.get(stated, 0.0) > 0:
        genre, mode, confidence = stated, detect_mode(stated, body), max(confidence, 0.6)
    native = foreign is not None and foreign.genre == genre and not foreign.mode
    source = field or (foreign.label if foreign else "")
    note = ""
    if native:
        pass
    elif foreign is not None and (strong or foreign.genre == genre):
        note = f"GDD genre '{foreign.label}' is built as a {MODE_LABEL.get((genre, mode), genre)} (nearest playable genre)."
    elif top <= 0:
        note = "No genre named or implied; built as a platformer (default)."
    if stated in FAMILY_LABEL and stated != genre:
        note = f"GDD genre '{FAMILY_LABEL[stated]}' is built as a {MODE_LABEL.get((genre, mode), genre)} (nearest playable genre)."
    return GenreResult(genre, mode, confidence, source, note,
                       foreign if (foreign and foreign.genre == genre and not native) else None)
