"""Levels from a GDD: named headings, level tables, level lists, or a count; else three.

Difficulty words map to a multiplier (easy 1.0, normal/medium 1.5, hard 2.0, expert 2.5);
without them difficulty rises 0.5 per level, so the last level is the hardest.
"""

from __future__ import annotations

import re

from maestro.gdd.entities import classify
from maestro.gdd.markdown import Document
from maestro.gdd.places import named_places
from maestro.gdd.styles import LEVEL_NAMES, PLACE_LEVEL_NAMES
from maestro.gdd.text import NUMBER_WORD_RE, clean_name, norm_key, plain, to_int
from maestro.spec import LevelSpec

MAX_LEVELS = 10
DEFAULT_LEVELS = 3
DEFAULTED_LEVELS = "The GDD describes no levels"  # the warning's opening (the parser's timed run reads it)

_LEVEL_HEAD = re.compile(r"^(?:level|nivel|n[ií]vel|nivell|niveau|livello|poziom|etap|stufe|stage|world|mundo|wereld|fase|etapa)\s*(\d{1,3})\s*(?:[:\-–—.)]\s*(.*))?$", re.I)
_LEVEL_SECTION = re.compile(r"^levels?$|^areas$|^zones$|^floors$|^dungeons$|^chapters$|level (design|overview|list)|^niveles$|^niveaus?$|diseno de (nivel|niveles)|^stages?$|^worlds?$|escenarios|^mapas?$|^maps?$|levelontwerp"
                            r"|^nivells$|^niveis$|^niveaux$|^livelli$|^poziomy$|^fases$|^etapas$|^mundos$|^welten$|^islands$|^islas$")
_LEVEL_COL = re.compile(r"^(level|nivel|niveau|stage|world|mundo|name|nombre|naam|map)")
_DIFFICULTY = (
    (re.compile(r"\b(very hard|expert|insane|extreme|nightmare|muy dif[ií]cil|zeer moeilijk)\b", re.I), 2.5),
    (re.compile(r"\b(hard|difficult|dif[ií]cil|moeilijk)\b", re.I), 2.0),
    (re.compile(r"\b(medium|normal|moderate|intermediate|media|gemiddeld)\b", re.I), 1.5),
    (re.compile(r"\b(easy|beginner|tutorial|f[aá]cil|makkelijk|simpel)\b", re.I), 1.0),
)
LEVEL_COUNT = re.compile(
    r"\b(\d{1,3}|" + NUMBER_WORD_RE + r")(?:[ \t]*[-–][ \t]*(\d{1,3}))?[ \t]+(?:different[ \t]+|unique[ \t]+|distinct[ \t]+|more[ \t]+)?(?:[a-z]+[ \t]+){0,2}"
    r"(levels|stages|worlds|layouts|maps|mazes|niveles|niveaus|niveaux|n[ií]veis|welten|mundos|fases|escenarios|floors|dungeons|areas|zones|sectors|rooms|kamers|salas|habitaciones|rounds|rondes|rondas|chapters|missions|islands|gardens|planets|galaxies)\b",
    re.I,
)
# Words that join a number to some other noun: "1 seal in levels 6-10" counts seals, not levels.
_NOT_FILLER = re.compile(r"^(?:in|of|per|on|at|for|with|from|to|and|or|the|a|an|each|every|between|across|over|into|by|than|more|after|before|until|de|en|van|het|del|la|el|por|cada)$", re.I)
# "4 LEVELS: SINGLE → DOUBLE" lists gun levels: "single" and "double" are no count.
_COUNT_WORD_RE = "|".join(w for w in NUMBER_WORD_RE.split("|") if w not in ("single", "double", "triple", "once", "twice", "thrice"))
_PLACES = r"(?:levels|stages|worlds|maps|floors|dungeons|chapters|missions|rounds|niveaux|n[ií]veis|fases|welten|Level)"
# "5 STAGES TOTAL", "there are 5 floors", "we shipped 12 levels", "es gibt 24 Level": a count said as the whole.
_TOTAL = re.compile(
    r"\b(\d{1,3})[ \t]+" + _PLACES + r"[ \t]+(?:in[ \t]+)?total\b"
    r"|\b(?:there (?:are|will be|were)|a total of|in total|we shipped|shipped|ships with|es gibt|insgesamt|il y a|h[aá]|existem|s[aã]o)[ \t]+(\d{1,3})[ \t]+" + _PLACES + r"\b",
    re.I,
)
_WAVES_TOTAL = re.compile(r"\b(\d{1,3})[ \t]+waves[ \t]+(?:in[ \t]+)?total\b|\b(?:a total of|there (?:are|will be))[ \t]+(\d{1,3})[ \t]+waves\b", re.I)
_SHIPPED = re.compile(r"\bwe shipped[ \t]+(\d{1,3})\b", re.I)
# "Level count: 8 buildings", "Number of levels: 12": a field says the count outright.
_COUNT_FIELD = re.compile(
    r"\b(?:level count|number of (?:levels|stages|worlds|maps|floors)|levels? total|total levels|(?:levels|stages|worlds)|"
    r"n(?:u|ú)mero de niveles|aantal (?:levels|niveaus))\s*[:=]\s*(?:about |around |~)?(\d{1,3}|" + _COUNT_WORD_RE + r")\b",
    re.I,
)
# "8 gardens (maps)", "10 oleadas (niveles)": whatever the places are called, the gloss says they are levels.
_GLOSSED = re.compile(
    r"\b(\d{1,3}|" + NUMBER_WORD_RE + r")[ \t]+[^\W\d_]+(?:[ \t]+[^\W\d_]+)?[ \t]*\((?:levels?|niveles|niveaus|stages?|maps?|mapas|worlds?|mundos)\)",
    re.I,
)
# "a single endless level", "just one long track", "there are no levels": the whole game is one level.
_SINGLE = re.compile(
    r"\b(?:a single|one single|only one|just one|one(?=[ \t]+(?:endless|infinite|long|continuous|never-ending)\b))[ \t]+"
    r"(?:(?:endless|infinite|long|continuous|never-ending|big|huge)[ \t]+)?(?:level|stage|course|track|run|map)\b(?![ \t]+\d)"
    r"|\b(?:there are no|with no|has no|without)[ \t]+(?:separate[ \t]+)?levels\b",
    re.I,
)
_FIELD = {
    "theme": re.compile(r"^(theme|tema|thema|setting|environment|entorno|omgeving|biome)$"),
    "objectives": re.compile(r"^(objectives?|goals?|objetivos?|doel(en)?|missions?|misi[oó]n|tasks?)$"),
    "enemies": re.compile(r"^(enemies|enemigos|vijanden|monsters)$"),
    "items": re.compile(r"^(items|collectibles|coins|objetos|monedas|munten)$"),
    "difficulty": re.compile(r"^(difficulty|dificultad|moeilijkheid(sgraad)?)$"),
}


def _difficulty(text: str) -> float | None:
    for pattern, value in _DIFFICULTY:
        if pattern.search(text):
            return value
    return None


def _count_things(text: str, kinds: tuple[str, ...]) -> tuple[int | None, str]:
    total, used = 0, []
    for m in re.finditer(r"(\d{1,4})\s+([^\d,;.]{2,40})", text):
        if classify(m.group(2)) in kinds or (kinds == ("enemy",) and not classify(m.group(2))):
            total += int(m.group(1))
            used.append(m.group(0).strip())
    return (total if used else None), ", ".join(used)


class _Draft:
    def __init__(self, name: str) -> None:
        self.name = name
        self.theme = ""
        self.difficulty: float | None = None
        self.objectives: list[str] = []
        self.enemy_count: int | None = None
        self.item_count: int | None = None
        self.sources: list[str] = []

    def take_field(self, key: str, value: str) -> None:
        k = norm_key(key)
        if _FIELD["theme"].match(k):
            self.theme = clean_name(value, 4)
        elif _FIELD["objectives"].match(k):
            self.objectives = [plain(p, 120) for p in re.split(r",|;", value) if p.strip()][:6]
            m = re.search(r"\b(?:collect|grab|gather|get|find|recoge\w*|verzamel\w*)\s+(\d{1,4})\b", value, re.I)
            if m:
                self.item_count = int(m.group(1))
                self.sources.append(m.group(0))
        elif _FIELD["enemies"].match(k):
            count, src = _count_things(value, ("enemy",))
            if count is not None:
                self.enemy_count = count
                self.sources.append(f"{key}: {src}")
        elif _FIELD["items"].match(k):
            m = re.search(r"\d{1,4}", value)
            if m:
                self.item_count = int(m.group(0))
        elif _FIELD["difficulty"].match(k):
            self.difficulty = _difficulty(value)

    def spec(self, index: int) -> LevelSpec:
        diff = self.difficulty if self.difficulty is not None else 1.0 + 0.5 * index
        return LevelSpec(
            name=plain(self.name, 40) or f"Level {index + 1}",
            theme=self.theme,
            difficulty=diff,
            objectives=self.objectives,
            enemy_count=self.enemy_count,
            item_count=self.item_count,
        )


def _from_headings(doc: Document) -> list[_Draft]:
    drafts: list[_Draft] = []
    for b in doc.blocks:
        if b.kind != "heading":
            continue
        m = _LEVEL_HEAD.match(b.text)
        if not m:
            continue
        draft = _Draft(clean_name(m.group(2) or "", 4) or f"Level {m.group(1)}")
        path = b.section + (b.text,)
        for x in doc.blocks:
            if x.section[: len(path)] == path and x.key and x.value:
                draft.take_field(x.key, x.value)
        drafts.append(draft)
    return drafts


def _from_tables(doc: Document) -> list[_Draft]:
    drafts: list[_Draft] = []
    for b in doc.blocks:
        if b.kind != "row" or not b.header:
            continue
        head = [norm_key(h) for h in b.header]
        in_levels = any(_LEVEL_SECTION.search(norm_key(t)) for t in b.section)
        numbered = in_levels and head and head[0] in ("", "no", "nr", "n", "num", "number") and re.fullmatch(r"\s*\d{1,3}\.?\s*", b.cells[0] if b.cells else "")
        if not head or not (re.match(r"^(level|nivel|niveau|stage|world|mundo)", head[0]) or (in_levels and _LEVEL_COL.match(head[0])) or numbered):
            continue
        cells = list(b.cells) + [""] * (len(head) - len(b.cells))
        first = cells[0]
        m = _LEVEL_HEAD.match(first)
        name_col = next((i for i, h in enumerate(head) if i and re.match(r"^(name|nombre|naam|title)", h)), None)
        name = cells[name_col] if name_col is not None else (m.group(2) if m and m.group(2) else first)
        if re.fullmatch(r"\d{1,3}", name.strip()):
            name = f"Level {name.strip()}"
        draft = _Draft(clean_name(name, 4) or first)
        for i, h in enumerate(head[1:], start=1):
            if i != name_col and i < len(cells) and cells[i]:
                draft.take_field(h, cells[i])
        drafts.append(draft)
    return drafts


def _from_lists(doc: Document) -> list[_Draft]:
    drafts: list[_Draft] = []
    for b in doc.blocks:
        if b.kind != "item" or b.level > 1:
            continue
        m = _LEVEL_HEAD.match(b.text)
        in_levels = any(_LEVEL_SECTION.search(norm_key(t)) for t in b.section)
        if m and (m.group(2) or in_levels):
            draft = _Draft(clean_name(m.group(2) or "", 4) or f"Level {m.group(1)}")
            drafts.append(draft)
        elif in_levels and b.key and len(b.key.split()) <= 3 and b.value and not _FIELD["theme"].match(norm_key(b.key)):
            draft = _Draft(clean_name(b.key, 3))
            draft.theme = clean_name(b.key, 3)
            drafts.append(draft)
    if drafts:
        return drafts
    # A plain list of names under "Levels" ("1. Bäckerei", "2. Marktplatz (crowded)"): each line is a level,
    # when every line of the list reads as a name (short, capitalised) rather than a rule.
    # The list may sit one level in, under a line that introduces it ("- The libraries are:" / "  1. ...").
    in_section = [b for b in doc.blocks if b.kind == "item" and b.level <= 1 and any(_LEVEL_SECTION.search(norm_key(t)) for t in b.section)]
    for depth in (0, 1):
        listed = [b for b in in_section if b.level == depth]
        heads = [re.split(r"\s[-–—:]\s|[(:]", b.text, maxsplit=1)[0].strip() for b in listed]
        if len(listed) >= 2 and all(_reads_as_name(h) for h in heads):
            return [_Draft(clean_name(h, 6)) for h in heads if clean_name(h, 6)]
    return drafts


def _reads_as_name(text: str) -> bool:
    """'Marktplatz', 'Biblioteca Pompeu Fabra', 'Pare Gual i Pujadas': capitalised words (joined by short
    lowercase ones), no digits, no sentence."""
    words = text.split()
    if not 0 < len(words) <= 5 or re.search(r"\d", text) or not words[0][:1].isupper():
        return False
    return len(words) <= 4 or all(w[:1].isupper() or (len(w) <= 3 and w.islower()) for w in words)


# "There are 3 levels: the Morning Tide, the Noon Market and the Evening Storm." — names in a sentence.
_NAMED_IN_SENTENCE = re.compile(
    r"\b(\d{1,2}|" + _COUNT_WORD_RE + r")[ \t]+(?:levels|stages|worlds|songs|rounds|courses|tracks|arenas|maps|"
    r"floors|chapters|zones|scopes|phases|acts|episodes|eras|missions|regions|areas|islands|planets|dungeons|scenarios)"
    r"[ \t]*(?::|—|–| - )[ \t]*([^.\n]{3,200})", re.I)


def _from_sentence(body: str) -> list[_Draft]:
    """Level names a sentence lists after its count, when every name reads as one (capitalised, short)
    and there are as many as it counts."""
    from maestro.gdd.text import to_int

    # (a hard-wrapped paragraph: "... will cover three scopes: Global,\n   Regional, and Local.")
    for m in _NAMED_IN_SENTENCE.finditer(re.sub(r"[ \t]*\n[ \t]*(?=\S)", " ", body)):
        count = to_int(m.group(1).lower())
        parts = [re.sub(r"^(?:the|a|an)\s+", "", p.strip(), flags=re.I) for p in re.split(r",|;|\band\b|\bthen\b", m.group(2))]
        names = [p for p in parts if p]
        if count and len(names) == count and all(n[:1].isupper() and len(n.split()) <= 4 for n in names):
            return [_Draft(clean_name(n, 4)) for n in names if clean_name(n, 4)]
    return []


# "The first room is about the size of a cupboard ... The Second Room is significantly larger": rooms by their order.
_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth")
_ORDINAL_PLACE = re.compile(r"\bthe (" + "|".join(_ORDINALS) + r") (room|floor|chamber|area|zone|cave|dungeon|island|world|arena)\b", re.I)


def _from_ordinals(body: str) -> list[_Draft]:
    """'First room', 'Second room': the places a GDD walks through by their order, when it names at least the
    first two of one kind of place and never numbers them otherwise."""
    said: dict[str, set[int]] = {}
    for m in _ORDINAL_PLACE.finditer(body):
        said.setdefault(m.group(2).lower(), set()).add(_ORDINALS.index(m.group(1).lower()))
    for noun, seen in sorted(said.items(), key=lambda kv: -len(kv[1])):
        run = 0
        while run in seen:
            run += 1
        if run >= 2:
            return [_Draft(f"{_ORDINALS[i].capitalize()} {noun}") for i in range(run)]
    return []


# "4 museums, each bigger than the last": whatever the places are called, that is a level count.
_EACH_BIGGER = re.compile(r"\b(\d{1,2}|" + NUMBER_WORD_RE + r")[ \t]+(?:[a-z]+[ \t]+)?[a-z]+s\b[^.\n]{0,40}?\beach (?:one )?(?:bigger|larger|harder|longer|tougher|more difficult|deeper)\b", re.I)


def level_count(text: str, genre: str = "") -> tuple[int | None, str]:
    """How many levels the GDD asks for, as it says it (unclamped), and the words that say so."""
    best: tuple[int, str] | None = None
    # In a shooter the waves are its levels ("20 waves total").
    for pattern in (_TOTAL, _WAVES_TOTAL if genre == "shooter" else None, _SHIPPED):
        m = pattern.search(text) if pattern else None
        if m:
            n = int(next(g for g in m.groups() if g))
            if n:
                return n, m.group(0)
    for pattern in (_COUNT_FIELD, _GLOSSED, _EACH_BIGGER):
        m = pattern.search(text)
        if m and to_int(m.group(1)):
            return max(1, to_int(m.group(1)) or 1), m.group(0)
    for m in LEVEL_COUNT.finditer(text):
        filler = m.group(0)[m.end(2) - m.start() if m.group(2) else m.end(1) - m.start(): m.start(3) - m.start()].split()
        if any(_NOT_FILLER.match(w) for w in filler):
            continue
        low = to_int(m.group(1))
        high = int(m.group(2)) if m.group(2) else None
        n = high or low
        if n and 1 <= n <= 99:
            best = best or (n, m.group(0))
    if best is None:
        single = _SINGLE.search(text)
        return (1, single.group(0)) if single else (None, "")
    return max(1, best[0]), best[1]


def extract_levels(doc: Document, body: str, palette: str, genre: str = "",
                   place: str = "") -> tuple[list[LevelSpec], list[str], list[str]]:
    """(levels, sources of numbers used, warnings). Levels the GDD counts but does not name are named
    after its ``place`` (a scene kind the GDD's setting names), else after its palette."""
    drafts = _from_headings(doc) or _from_tables(doc) or _from_lists(doc) or _from_sentence(body) \
        or _from_ordinals(body) or [_Draft(clean_name(n, 6)) for n in named_places(doc)]
    seen: set[str] = set()
    unique: list[_Draft] = []
    for d in drafts:
        if d.name.lower() not in seen:
            seen.add(d.name.lower())
            unique.append(d)
    drafts = unique[:MAX_LEVELS]
    count, count_src = level_count(body, genre)
    warnings: list[str] = []
    if count and count > MAX_LEVELS:
        warnings.append(f"The GDD asks for {count} levels; Maestro builds at most {MAX_LEVELS}, so the game has the "
                        f"first {MAX_LEVELS}.")
        count = MAX_LEVELS
    sources = [s for d in drafts for s in d.sources]
    if count_src:
        sources.append(count_src)
    target = max(len(drafts), count or 0) or DEFAULT_LEVELS
    stock = PLACE_LEVEL_NAMES.get(place) or LEVEL_NAMES.get(palette, LEVEL_NAMES["meadow"])
    names = [n for n in stock if n.lower() not in seen]
    if not drafts and not count:
        warnings.append(f"{DEFAULTED_LEVELS}; generating {DEFAULT_LEVELS} with rising difficulty.")
    while len(drafts) < min(target, MAX_LEVELS):
        drafts.append(_Draft(names[len(drafts) % len(names)] if names else f"Level {len(drafts) + 1}"))
    return [d.spec(i) for i, d in enumerate(drafts)], sources, warnings
