"""The offline GDD parser: markdown text -> GameSpec, with no network and no LLM.

Deterministic (same text, same spec), tolerant (any heading style, tables, prose,
English first with small Spanish and Dutch tables) and safe (every string put into the
spec is plain text, capped; hostile input yields a spec or a GDDError, never a crash).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import PurePath

from maestro.errors import GDDError
from maestro.gdd.entities import extract_entities
from maestro.gdd.genre import MODE_LABEL, detect_genre
from maestro.gdd.levels import DEFAULTED_LEVELS, extract_levels
from maestro.gdd.lexicon import LANGUAGE_WORDS
from maestro.gdd.looks import place_named, setting_scene, with_looks
from maestro.gdd.markdown import Document, parse_markdown
from maestro.gdd.mechanics import Numbers, TimeEnd, detect_mechanics
from maestro.gdd.notes import collect_notes
from maestro.gdd.presentation import pick_art, pick_audio, pick_controls, setting_text
from maestro.gdd.reader import MAX_GDD_BYTES
from maestro.gdd.requirements import read_requirements
from maestro.gdd.stations import named_stations
from maestro.gdd.text import norm_key, plain, sentences, slugify, strip_bidi
from maestro.genres.registry import REGISTRY
from maestro.spec import GameSpec, LevelSpec

_TITLE_KEY = re.compile(r"^(?:game )?(?:title|titel|titulo|name of the game|game name|title of the game|nombre del juego|naam van het spel|project name|working title|game title|"
                        r"nome del gioco|titolo del gioco|nome do jogo|titulo do jogo|nom du jeu|titre du jeu|spielname|spieltitel)$")
_GENRE_KEY = re.compile(r"^(?:game )?(?:genre|genres|genero|type of game|game type|tags|category|soort spel)$")
_GENERIC_TITLE = re.compile(
    r"^(?:the )?(?:game design document|game design doc|design document|design notes|gdd|game design|readme|untitled|"
    r"tbd|document|my game|game|overview|title|notes|draft|game concept|concept|documento di design|documento de dise[nñ]o(?: de juego)?|"
    r"documento de design|documento de game design|spielkonzept|spelontwerp|document de conception|game design document voor|gamedesigndocument)$"
)
_GENERIC_SUFFIX = re.compile(r"\s*[-–—:|]?\s*(?:\(?gdd\)?|game design document|game design doc|design document|design notes|design doc|readme|pitch|one-pager|concept doc|feature checklist|checklist|spelontwerp|documento de dise[nñ]o)\s*[:\-–—]?\s*$", re.I)
_SUMMARY_SECTIONS = (
    "elevator pitch", "pitch", "high concept", "core concept", "concept", "descripcion", "description", "premise",
    "summary", "synopsis", "beschrijving", "overview", "story", "historia", "verhaal", "gameplay",
)
_WIN = re.compile(r"\b(?:win\w*|victory|reach(?:es|ing)? (?:the|a) (?:exit|flag|end|goal|door|amulet)|escap\w+|survive as long|ganar|gana|winnen|wint|llegar lo m[aá]s lejos)\b", re.I)
_LOSE = re.compile(r"\b(?:game (?:will be |is )?over|game ends|the game will end|lose (?:a|all|their|your) li(?:fe|ves)|you lose|dies\b|player dies|be caught|caught by|falls? off|touches (?:a|the) \w+|derrota|pierde\w*|verlies\w*|verliest)\b", re.I)
# Generous: a GDD file is capped at MAX_GDD_BYTES by the reader; text handed in directly
# (an API body) is cut here so the parse stays fast.
MAX_TEXT_CHARS = MAX_GDD_BYTES * 2


def _fields(doc: Document, key_re: re.Pattern[str]) -> list[tuple[str, bool]]:
    """Values of a field written as 'Key: value' or as a heading with the value under it."""
    out: list[tuple[str, bool]] = []
    for i, b in enumerate(doc.blocks):
        if b.key and b.value and key_re.match(norm_key(b.key)):
            out.append((b.value, b.bold_key or b.kind == "item"))
        elif b.kind == "heading" and key_re.match(norm_key(b.text)):
            path = b.section + (b.text,)
            under = [x for x in doc.blocks[i + 1: i + 12] if x.section[: len(path)] == path and x.kind in ("text", "item")]
            body = [x.text for x in under if x.kind == "item"] or [x.text for x in under]
            if body:
                out.append((", ".join(body[:6]), True))
    return out


# "Moss & Marrow — a post-mortem", "Eisrutsche – Spielkonzept": after a dash, what kind of document this is.
_DOC_DASH = re.compile(
    r"\s+[—–-]{1,2}\s+(?:(?:a|an|the|our|my|le|la|der|die|das|o|um|une?)\s+)?[^—–]{0,40}?\b(?:post-?mortem|change-?log|backlog|"
    r"(?:entity |feature |design )?sheet|design log|dev-?log|log|document\w*|dokument\w*|\w*konzept|concept|conception|notes|export|design|"
    r"gdd|readme|pitch|draft|wiki|board|spec|brief|projet|projeto|entwurf|one-pager)\b[^—–]*$", re.I)


# "Game design document voor Catastrophic Catastrophy", "GDD for Moon Jumper": the name follows the document's kind.
_DOC_PREFIX = re.compile(
    r"^(?:the |a |an )?(?:game design document|game design doc|design document|gdd|game concept|concept|pitch|documento de dise[nñ]o|"
    r"documento di design|documento de design|spielkonzept|spelontwerp|document de conception)\s*(?:[:\-–—|]\s*|\s(?:for|voor|of|de|del|para|pour|du|f[uü]r|von|di|del|do|da|per|van)\s+)"
    r"(?:(?:the|el|la|het|de|le|der|die|das|o|a|il|lo)\s+)?(?=\S)", re.I)
# "Spielname: Bürgermeister Run", "Project: Let's Go Rolling": a heading written as a field.
_HEADING_FIELD = re.compile(
    r"^(?:game ?name|game title|title|titel|t[ií]tulo|titolo|titre|name|nombre(?: del juego)?|nome(?: do jogo| del gioco)?|nom du jeu|spielname|spieltitel|"
    r"naam(?: van het spel)?|project(?: name)?|proyecto|projeto|progetto|projet|working title)\s*:\s*(\S.*)$", re.I)
# Headings that open a section, never a game's name.
_SECTION_HEADING = re.compile(
    r"^(?:introduc\w*|introdu[cç]\w*|introduzione|intro|einleitung|einfuhrung|inleiding|overview|game overview|objectives?|objetivos?|objectifs?|obiettivi|"
    r"description|descripcion|descricao|descrizione|beschreibung|beschrijving|summary|resumen|resumo|sommario|contents|table of contents|index|indice|"
    r"documentation|documentacion|about|premise|game concept|core concept|high concept|inhalt|inhoud|sommaire|preface|foreword|abstract|general|generalidades)$")
# A course or a team's project label: "CSCI 437 Game Development Final Project".
_PROJECT_LABEL = re.compile(r"\b(?:final|course|class|term|school|semester|capstone|group|team) project\b|\bgame development\b|^[A-Z]{2,5} ?\d{3}\b", re.I)


def _split_camel(t: str) -> str:
    """'GameDesignDocument' -> 'Game Design Document' (only a word that is nothing but joined capitalised words)."""
    return re.sub(r"\b(?:[A-Z][a-z]+){2,}\b", lambda m: re.sub(r"(?<=[a-z])(?=[A-Z])", " ", m.group(0)), t)


def _clean_title(raw: str) -> str:
    t = plain(raw, 120)
    t = re.sub(r"^[^\w\"'¿¡]+", "", t)  # "🔫 Hexfire Arena"
    t = re.sub(r"(?<=\w)[^\w!?.)\"'’]+$", "", t)  # "Garden Siege 🌻"
    t = re.sub(r"\s*[-–—:|(]?\s*\bv(?:er(?:sion)?\.?)?\s?\d+(?:\.\d+)*[a-z]?\)?\s*$", "", t, flags=re.I)  # "... v0.3"
    t = re.sub(r"\((?:working title|wip|tbd|provisional|[^)]{0,30})\)", "", t, flags=re.I)
    t = re.sub(r"\s*\([^)]*$", "", t)  # "Game Design Document (Credits: ..." cut off: the bracket is no name
    field = _HEADING_FIELD.match(t)
    if field:
        t = field.group(1)
    t = _DOC_PREFIX.sub("", t) or t
    t = re.sub(r"\s+by\s+.*$", "", t, flags=re.I) if len(t.split()) > 3 else t
    t = _GENERIC_SUFFIX.sub("", t)
    t = _DOC_DASH.sub("", t) or t
    t = re.sub(r"(?<=\w)[^\w!?.)\"'’]+$", "", t)  # "Samba Sprint 🥁 — GDD" once the suffix is gone
    t = re.sub(r"[\s.!?:;,\-–—|]+$", "", t).strip(" \"'*")
    if len(t) > 40:
        t = t[:40].rsplit(" ", 1)[0]
    return t.strip()


def _is_generic_title(t: str) -> bool:
    n = norm_key(_split_camel(t))
    # (A title in a script norm_key cannot fold, Cyrillic or CJK, is a name like any other.)
    return (bool(_GENERIC_TITLE.match(n)) or bool(_SECTION_HEADING.match(n)) or bool(_PROJECT_LABEL.search(t))
            or bool(_TITLE_KEY.match(n)) or bool(re.match(r"^(?:nome|name|nombre|nom|naam|titel|title) (?:a|to be|por|op te) (?:definir|defined|decide\w*|bepalen)$", n))
            or not re.search(r"[^\W\d_]", t))


def _is_label(raw: str) -> bool:
    """'first attempt: top-down shooter': a lowercase label and a colon is a note, not a name."""
    head, sep, _rest = plain(raw, 120).partition(":")
    return bool(sep) and bool(re.match(r"^[a-zà-ÿ]", head.strip())) and not _HEADING_FIELD.match(plain(raw, 120))


def _named_under(doc: Document, i: int) -> str:
    """The name under a section heading that opens a GDD ("Introduction"): a sub-heading right below it
    ("Connected Worlds"), or a name of two or more capitalised words opening its first sentence
    ("Dragon Run is ...", in any language)."""
    head = doc.blocks[i]
    path = head.section + (head.text,)
    for b in doc.blocks[i + 1: i + 4]:
        if b.section[: len(path)] != path:
            break
        if b.kind == "heading":
            t = _clean_title(b.text)
            if t and not _is_generic_title(t) and not b.text.rstrip().endswith(":") and len(t.split()) <= 6:
                return t
            continue
        if b.kind == "text":
            m = re.match(r"^((?:[A-Z][\w'’&-]*|of|the|de|del|la|el|di|da|do) ){1,4}(?=[a-zà-ÿ])", b.text + " ")
            words = m.group(0).split() if m else []
            while words and not words[-1][:1].isupper():
                words.pop()
            if len(words) >= 2 and sum(w[:1].isupper() for w in words) >= 2 and words[0].lower() not in ("the", "a", "an", "el", "la", "le", "il", "o", "de", "het"):
                return _clean_title(" ".join(words))
        break
    return ""


def find_title(doc: Document, source_name: str, genre_words: re.Pattern[str] | None = None) -> tuple[str, str]:
    """(title, where it came from)."""
    for value, _strong in sorted(_fields(doc, _TITLE_KEY), key=lambda f: not f[1]):
        t = _clean_title(value)
        if t and not _is_generic_title(t) and len(t.split()) <= 8 and len(plain(value, 300).split()) <= 12:
            return t, "title field"  # (a sentence under a "Game name" heading is no name)
    index = {id(b): i for i, b in enumerate(doc.blocks)}
    for b in doc.headings(1):
        i = index[id(b)]
        path = b.section + (b.text,)
        has_text = any(x.kind in ("text", "item", "row") for x in doc.blocks[i + 1:] if x.section[: len(path)] == path)
        if b.text.rstrip().endswith(":"):
            if has_text:
                break  # "Live Demo:" with its content: the sections have begun
            continue  # "Setup Game:" is a label, not a name
        t = _clean_title(b.text)
        if t and not _is_generic_title(t) and not _is_label(b.text) and not (genre_words and genre_words.fullmatch(norm_key(t))):
            return t, "heading"
        if _SECTION_HEADING.match(norm_key(t or b.text)):
            named = _named_under(doc, i)
            if named and not (genre_words and genre_words.fullmatch(norm_key(named))):
                return named, "heading"
        if has_text:
            break  # a heading with a section under it that is no name: the later ones are sections too
    # No H1: a GDD pasted from a doc tool often opens with its name as a bold line ("**🐀 RAT KING'S CELLAR 🐀**").
    if doc.blocks and not doc.headings(1) and doc.blocks[0].kind == "heading" and not doc.blocks[0].text.rstrip().endswith(":"):
        t = _clean_title(doc.blocks[0].text)
        if t and not _is_generic_title(t) and len(t.split()) <= 6 and not (genre_words and genre_words.fullmatch(norm_key(t))):
            return t, "heading"
        if _SECTION_HEADING.match(norm_key(t or doc.blocks[0].text)):
            named = _named_under(doc, 0)
            if named:
                return named, "heading"
    for b in doc.blocks[:3]:
        if b.kind == "text":
            m = re.match(r"^((?:[A-Z0-9][\w'’&-]*\s){0,3}[A-Z0-9][\w'’&-]*) (?:is|es|est|is een|ist) (?:a|an|un|una|een|ein|une)\b", b.text)
            if m and not _is_generic_title(m.group(1)):
                return _clean_title(m.group(1)), "first sentence"
            break
    # A plain first line that is only a name ("STARFALL ZERO", "KAASJACHT – spelontwerp").
    first = doc.blocks[0] if doc.blocks else None
    if first is not None and first.kind == "text" and not first.key and first.line <= 3:
        t = _clean_title(first.text)
        raw = _DOC_DASH.sub("", re.sub(r"\([^()]{0,120}\)", "", first.text)).rstrip("!? ")
        if t and not _is_generic_title(t) and len(raw.split()) <= 6 and not re.search(r"[.!?,;:]", raw):
            return t, "first line"
    stem = PurePath(source_name).stem if source_name else ""
    stem = re.sub(r"^[\d_\-. ]+", "", stem)
    t = _clean_title(re.sub(r"[_\-.]+", " ", _split_camel(stem)).title())
    if t and not _is_generic_title(t):
        return t, "file name"
    return "Untitled Game", "default"


def detect_language(body: str) -> str:
    words = re.findall(r"[^\W\d_]+", body[:100_000])
    if not words:
        return "other"
    sample = " ".join(words)
    counts = {lang: len(p.findall(sample)) for lang, p in LANGUAGE_WORDS.items()}
    best = max(sorted(counts), key=lambda k: counts[k])
    if counts[best] < 3 or counts[best] / len(words) < 0.04:
        return "other" if len(words) > 20 else "en"
    return best


def find_summary(doc: Document) -> str:
    def good(text: str) -> bool:
        return len(text.split()) >= 6 and not text.lower().startswith(("http", "[", "!"))

    for name in _SUMMARY_SECTIONS:
        for b in doc.blocks:
            if b.kind in ("text", "item") and b.section and norm_key(b.section[-1]).endswith(name) and good(b.text):
                if b.key and b.bold_key and len(b.value.split()) < 6:
                    continue
                return plain(" ".join(sentences(b.text)[:2]), 300)
    for b in doc.blocks:
        if b.kind in ("text", "item") and good(b.text) and not b.key:
            return plain(" ".join(sentences(b.text)[:2]), 300)
    return ""


def _conditions(doc: Document, pattern: re.Pattern[str], section_re: re.Pattern[str], limit: int = 3) -> list[str]:
    out: list[str] = []
    for b in doc.blocks:
        if b.kind not in ("text", "item"):
            continue
        in_section = any(section_re.search(norm_key(t)) for t in b.section[-1:])
        for s in sentences(b.value if b.key and b.value else b.text)[:20]:
            if (in_section or pattern.search(s)) and len(s) <= 300:
                c = plain(s, 120)
                if c and c not in out:
                    out.append(c)
            if len(out) >= limit:
                return out
    return out


def parse_gdd(text: str, genre: str | None = None, source_name: str = "") -> GameSpec:
    """Read a GDD's text into a GameSpec. ``genre`` forces one of the four genres."""
    if not isinstance(text, str):
        raise GDDError(f"GDD text must be a string, got {type(text).__name__}.", "Decode the file with read_gdd_bytes first.")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise GDDError("GDD text contains invalid characters (lone surrogates).", "Re-save it as UTF-8.") from None
    warnings: list[str] = []
    if len(text) > MAX_TEXT_CHARS:
        text = text[:MAX_TEXT_CHARS]
        warnings.append(f"The GDD is longer than {MAX_TEXT_CHARS} characters; only the start was read.")
    text = strip_bidi(text)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    doc = parse_markdown(text)
    body = "\n".join(b.text for b in doc.blocks if b.kind != "code")
    if not body.strip():
        warnings.append("The GDD has no readable text; everything below is a default.")

    language = detect_language(body)
    genre_fields = list(dict.fromkeys(v for v, _ in _fields(doc, _GENRE_KEY)))
    genre_field = "; ".join(genre_fields[:3])
    title, title_src = find_title(doc, source_name)
    first_h1 = next((b.text for b in doc.headings(1)), "")
    intro = " ".join(b.text for b in doc.blocks if b.kind in ("text", "item"))[:400]
    g = detect_genre(body, genre_field, f"{first_h1}\n{title}", forced=genre, intro=intro)
    if title_src == "heading" and re.fullmatch(r"(?:kart )?racing|tower defen[cs]e|platformer|shooter|puzzle|adventure", norm_key(title)):
        title, title_src = find_title(doc, source_name, re.compile(norm_key(title)))

    # Palette first: it names generated levels. The first level's theme counts most.
    first_theme = next((b.value for b in doc.blocks if b.key and norm_key(b.key) in ("theme", "tema", "thema")), "")
    art = pick_art(doc, body, g.genre, first_theme)
    found = extract_entities(doc, body, g.genre, g.mode, language, g.foreign)
    warnings += found.warnings
    # Where the game takes place: its setting sections, else a phrase of place in the opening lines
    # that say what it is ("Pip the mole runs through the old mine"). It names the levels the GDD only
    # counts and draws those whose own words name no place; "" when neither says (the palette decides).
    setting = setting_text(doc)
    place = setting_scene(setting, default="") or place_named(intro)
    levels, level_sources, level_warnings = extract_levels(doc, body, art.palette.name, g.genre, place)
    warnings += level_warnings
    first_target = levels[0].item_count if levels else None
    nums = detect_mechanics(body, g.genre, g.mode, found.items, found.enemies, found.hazards, first_target)
    warnings += nums.notes
    items = [it.model_copy(update={"points": nums.points_by_item.get(it.slug, it.points)}) for it in found.items]
    found.enemies = [e.model_copy(update={"points": nums.points_by_item[e.slug]}) if e.slug in nums.points_by_item else e for e in found.enemies]
    if levels and levels[0].enemy_count and found.enemies:
        found.enemies[0] = found.enemies[0].model_copy(update={"count": levels[0].enemy_count})
    if levels and levels[0].item_count and items:
        items[0] = items[0].model_copy(update={"count": levels[0].item_count})
    levels, warnings, time_ends_as = _timed_run(levels, warnings, nums)
    mechanic_ids = {m.id for m in nums.mechanics}
    found.enemies = _honour_chasing(found.enemies, nums.mechanics)

    goal_name = found.goal.name.lower() if found.goal else "exit"
    win = _conditions(doc, _WIN, re.compile(r"^(win|winning|victory|victoria|winst)\b"))
    lose = [c for c in _conditions(doc, _LOSE, re.compile(r"^(lose|losing|defeat|game over|derrota|verlies)\b")) if c not in win]
    if not win and time_ends_as:
        win = [f"Survive for {nums.time_limit} seconds" if time_ends_as == "win"
               else f"Score as many points as you can in {nums.time_limit} seconds"]
    if not win:
        win = [REGISTRY[g.genre].default_win.get(g.mode, "Reach the {goal}").format(goal=goal_name)]
    if not lose and REGISTRY[g.genre].lose_for(g.mode):
        lose = [REGISTRY[g.genre].lose_for(g.mode)]

    notes = collect_notes(doc, body, frozenset(REGISTRY[g.genre].delivers))
    if g.note and not g.note.startswith("Genre forced"):
        notes = [plain(g.note, 160)] + [n for n in notes if n != g.note][:29]
    summary = find_summary(doc) or plain(f"{title}: a {MODE_LABEL.get((g.genre, g.mode), g.genre)} where {found.player.name} plays.", 300)
    lives = nums.lives if nums.lives is not None else 3
    if genre_field:
        genre_source = plain(genre_field, 120)
    else:
        genre_source = plain(g.source, 120)

    # Looks and scenes last: they read the entities' and levels' words, for the genre's camera.
    spec = with_looks(setting=setting or place, spec=GameSpec(
        title=title,
        slug=slugify(title) or "game",
        genre=g.genre,
        genre_confidence=g.confidence,
        genre_source=genre_source,
        genre_note=plain(g.note, 200),
        mode=g.mode,
        summary=summary,
        player=found.player,
        enemies=found.enemies,
        items=items,
        hazards=found.hazards,
        goal=found.goal,
        mechanics=nums.mechanics,
        levels=levels,
        controls=pick_controls(body, g.genre, mechanic_ids),
        art=art,
        audio=pick_audio(doc, body, g.genre),
        win_conditions=win,
        lose_conditions=lose,
        lives=lives,
        time_limit=nums.time_limit,
        time_ends_as=time_ends_as,
        stations=named_stations(body) if (g.genre, g.mode) == ("simulation", "manage") else [],
        language=language,
        notes=notes,
        warnings=[plain(w, 200) for w in warnings],
        gdd_sha256=sha,
    ))
    return spec.model_copy(update={"requirements": read_requirements(doc, spec)})


def _timed_run(levels: list[LevelSpec], warnings: list[str], nums: Numbers) -> tuple[list[LevelSpec], list[str], TimeEnd]:
    """A run against the clock (the reader's TIMED_RUN words) is one timed stage when the GDD has no levels
    of its own (it counts none, or says one): (levels, warnings, GameSpec.time_ends_as), the warning that
    levels were made up dropped. A GDD with levels keeps them, and its clock stays a per-level limit."""
    defaulted = [w for w in warnings if w.startswith(DEFAULTED_LEVELS)]
    if nums.time_ends_as is None or not (defaulted or len(levels) == 1):
        return levels, warnings, None
    return levels[:1], [w for w in warnings if w not in defaulted], nums.time_ends_as


def _honour_chasing(enemies: list, mechanics: list) -> list:
    """The GDD says enemies chase, but no enemy was read as a chaser: make one chase, so the game
    does what the design asks. The enemy the chase sentence names wins; stealth guards that
    'chase once they spot you' stay guards (their sighting is the game's answer to that)."""
    chase = next((m for m in mechanics if m.id == "enemies_chase"), None)
    if chase is None or not enemies or any(e.behavior == "chaser" for e in enemies):
        return enemies
    stealth = any(m.id == "stealth" for m in mechanics)
    source = chase.source.lower()

    def named(e) -> bool:
        words = [w for w in re.findall(r"[\w']+", e.name.lower()) if len(w) > 2]
        return any(w.rstrip("s") in source for w in words)

    def may_chase(e) -> bool:
        return e.behavior != "shooter" and not (stealth and e.behavior == "patrol")

    pick = next((e for e in enemies if named(e) and may_chase(e)), None)
    if pick is None and not any(named(e) for e in enemies):  # the chaser has a name we did not read
        pick = next((e for e in enemies if may_chase(e)), None)
    if pick is None:
        return enemies
    return [e.model_copy(update={"behavior": "chaser"}) if e is pick else e for e in enemies]

