"""Find the player, enemies, items, hazards and goal a GDD names.

Evidence, strongest first: fields and lists under role sections ("Characters",
"Enemies", "Objects"), table rows with a type column ("Tipo: Enemigo"), sentences
("X is the player", "collect X", "avoid X", "reach the X"), then known nouns in lists.
Whatever the GDD does not name gets a genre default and a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from maestro.gdd.lexicon import ENEMY_WORDS, GENERIC_NAMES, GOAL_WORDS, HAZARD_WORDS, ITEM_WORDS, PLAYER_NOUNS
from maestro.gdd.markdown import Block, Document
from maestro.gdd.text import clean_name, norm_key, plain, sentences, singular, split_sentences, unique_slug
from maestro.spec import Entity

MAX_ENEMIES, MAX_ITEMS, MAX_HAZARDS = 4, 4, 3
MAX_CANDIDATES = 2000

_ROLE_SECTIONS = (
    ("player", re.compile(r"player character|^player$|protagonist|main character|^hero$|jugador|protagonista|^speler")),
    ("enemy", re.compile(r"\b(?:enem(?:y|ies)|monsters?|villains?|vijand(?:en)?|opponents?|boss(?:es)?|enemigos?)\b")),
    ("mixed", re.compile(r"character|personaje|entit|game elements|^cast$|elementos|personage")),
    ("hazard", re.compile(r"hazard|obstacle|trap|obstaculo")),
    ("item", re.compile(r"^items?\b|objects?\b|collectible|pickup|power-?ups?|objeto|voorwerp|^loot")),
)
_TYPE_WORDS = (
    ("player", re.compile(r"protagonist|player|jugador|speler|hero|main", re.I)),
    ("enemy", re.compile(r"enem|vijand|monster|boss", re.I)),
    ("hazard", re.compile(r"obst[aá]cul|obstacle|hazard|trap|trampa", re.I)),
    ("goal", re.compile(r"\bgoal\b|\bmeta\b|\bexit\b|\bdoel\b", re.I)),
    ("item", re.compile(r"objet|item|object|pickup|power|collect|voorwerp", re.I)),
)
_PLAYER_KEYS = {"player", "player character", "hero", "protagonist", "main character", "protagonista", "jugador", "speler", "hoofdpersoon"}
_ROLE_KEYS = {
    "enemies": "enemy", "enemy": "enemy", "enemigos": "enemy", "vijanden": "enemy", "monsters": "enemy",
    "items": "item", "power-ups": "item", "powerups": "item", "pickups": "item", "objects": "item", "objetos": "item",
    "collectibles": "item", "voorwerpen": "item", "hazards": "hazard", "obstacles": "hazard", "obstaculos": "hazard",
}
_NAME_KEYS = {"name", "nombre", "naam", "character", "enemy", "item"}
_ATTR_KEYS = re.compile(
    r"^(role|rol|type|tipo|description|descripcion|abilities|habilidades|animations?|hp|health|speed|damage|reward|"
    r"behaviou?r|attack|stats?|sprite|size|color|colour|notes?|weapon|points?|dev|design|qa|budget|timeline)$"
)
_MODIFIERS = {
    "red", "blue", "green", "yellow", "golden", "gold", "silver", "purple", "black", "white", "pink", "orange",
    "healing", "magic", "magical", "big", "small", "giant", "tiny", "flying", "deadly", "glowing", "poison", "evil",
    "space", "health", "power", "ice", "fire", "dark", "mini", "mega", "super", "rolling", "falling", "moving",
}
_STOP = {
    "as", "and", "or", "to", "from", "before", "after", "along", "that", "which", "who", "in", "on", "at", "with",
    "without", "throughout", "scattered", "while", "when", "for", "by", "is", "are", "will", "can", "the", "a", "an",
    "y", "para", "con", "en", "del", "de", "en", "om", "met", "possible", "possibly", "if", "but", "so", "into", "onto",
    "back", "home", "out", "away", "up", "down", "many", "much", "more", "lots", "lot", "several", "some", "all", "every", "each", "em", "them", "it", "its",
    "todas", "todos", "las", "los", "la", "el", "un", "una", "unos", "unas", "alle", "het", "een", "die", "deze",
}
_FALL = re.compile(r"\b(?:fall(?:s|ing|en)?(?: down)? (?:from|along)|drop(?:s|ping)? from|rain(?:s|ing)? (?:down|from)|caen desde|cae desde|vallen (?:uit|van))\b", re.I)
_FLY = re.compile(r"\b(vogel|p[aá]jaro|bird|eagle|[aá]guila|bat|ufo|ovni|plane|avi[oó]n|asteroid|drone|ship|nave|globo|balloon|fly|flies|flying|vuela|vliegt)", re.I)
_CHASE = re.compile(r"\b(chase|chases|chasing|hunt|hunts|follow|follows|persigue|achtervolg\w*)\b", re.I)
_PATROL = re.compile(r"\b(guard|guards|patrol\w*|pattrol\w*|route|waypoints?|vigilante|bewaker)\b", re.I)
_SHOOTS = re.compile(r"\b(shoots|fires|throws|dispara|schiet)\b", re.I)


@dataclass
class Candidate:
    name: str
    kind: str
    priority: int
    order: int
    description: str = ""
    explicit: bool = False  # the GDD said what it is (role field, type column, "(enemy)")
    collected: bool = False  # named in a "collect X" sentence: the item the game is about


@dataclass
class Found:
    player: Entity
    enemies: list[Entity] = field(default_factory=list)
    items: list[Entity] = field(default_factory=list)
    hazards: list[Entity] = field(default_factory=list)
    goal: Entity | None = None
    warnings: list[str] = field(default_factory=list)


def section_role(title: str) -> str:
    key = norm_key(title)
    if len(key.split()) > 3:
        return ""  # "Enemy & Wave System" is about code, not a list of enemies
    for role, pattern in _ROLE_SECTIONS:
        if pattern.search(key):
            return role
    return ""


def _role_of_path(path: tuple[str, ...]) -> str:
    for title in reversed(path):
        role = section_role(title)
        if role:
            return role
    return ""


def classify(name: str) -> str:
    """Kind of a thing from its name alone ('' when the lexicon does not know it)."""
    if GOAL_WORDS.fullmatch(name.strip()) or re.search(r"\b(amulet|finish ?line|flag)\b", name, re.I):
        return "goal"
    if HAZARD_WORDS.search(name):
        return "hazard"
    if ENEMY_WORDS.search(name):
        return "enemy"
    if ITEM_WORDS.search(name):
        return "item"
    return ""


def _kind_from_words(text: str) -> str:
    for kind, pattern in _TYPE_WORDS:
        if pattern.search(text):
            return kind
    return ""


def _is_generic(name: str) -> bool:
    low = name.lower().strip()
    return not low or low in GENERIC_NAMES or singular(low) in GENERIC_NAMES or len(low) < 2 or not re.search(r"[^\W\d_]", low)


def _phrase(text: str, max_words: int = 3) -> str:
    """Leading noun phrase: 'fruits as possible without' -> 'fruits'."""
    words = re.findall(r"[^\W_][\w'’-]*", text)
    out: list[str] = []
    for i, w in enumerate(words):
        low = w.lower()
        if low == "of" and out and i + 1 < len(words) and words[i + 1][:1].isupper():
            out.append(w)
            continue
        if low in _STOP or w.isdigit():
            if out:
                break
            continue
        out.append(w)
        if len(out) >= max_words:
            break
    while out and out[-1].lower() in ("of",):
        out.pop()
    return " ".join(out)


_PLAYER_SENTENCES = (
    re.compile(r"\bplayers? (?:controls?|plays? as|will control|is|takes? the role of|guides?)(?: the movements of)? (?:a|an|the) ([^.,;:()]{2,60})", re.I),
    re.compile(r"\byou(?:'re| are| play as| control) (?:a|an|the) ([^.,;:()]{2,60})", re.I),
    re.compile(r"\bmain character\s*[-:–]\s*([^.,;:()]{2,40})", re.I),
    re.compile(r"\b(?:named|called|llamad[oa]|genaamd|heet) ([A-ZÁÉÍÓÚ][\w'’-]+(?: [A-Z][\w'’-]+)?)"),
    re.compile(r"\bjugador controla (?:a |al |una |un |el |la )?([^.,;:()]{2,40})", re.I),
    re.compile(r"\bspeler (?:bestuurt|speelt als|is) (?:een |de |het )?([^.,;:()]{2,40})", re.I),
)
_PLAYER_PAREN = re.compile(r"([\w'’ -]{2,40}?)\s*\((?:[^()]{0,40}?)\b(?:player character|main character|the player|protagonist|protagonista)\b[^()]{0,20}\)", re.I)
_THIS_IS_PLAYER = re.compile(r"\b(?:this|he|she|it) is the (?:player|main character|protagonist)\b|\bes el protagonista\b|\bis de speler\b", re.I)
_COLLECT = re.compile(r"\b(?:collect\w*|grab\w*|gather\w*|pick(?:s|ing)? up|catch\w*|steal\w*|bring|loot|recoge\w*|recolecta\w*|recogida de|verzamel\w*)\s+([^.,;:!?()]{2,60})", re.I)
_AVOID = re.compile(r"\b(?:avoid\w*|dodg\w*|evad\w*|without touching|touch(?:es|ing)? (?:a|the)|esquiva\w*|sortear|ontwijk\w*)\s+(?:touching |hitting |falling on |the |all |these |those )*([^.,;:!?()]{2,60})", re.I)
_REACH = re.compile(r"\b(?:reach\w*|get to|escape through|go through|llegar a|bereik\w*)\s+(?:the |a |an |la |el |de )?([^.,;:!?()]{2,40})", re.I)


def _candidates(doc: Document) -> list[Candidate]:
    out: list[Candidate] = []
    order = 0

    def add(name: str, kind: str, priority: int, description: str = "", explicit: bool = False) -> None:
        nonlocal order
        if len(out) >= MAX_CANDIDATES:
            return  # a GDD naming thousands of things is pasted data; the first ones decide
        name = clean_name(name)
        if _is_generic(name) or not kind:
            return
        order += 1
        out.append(Candidate(name, kind, priority, order, plain(description, 160), explicit))

    # 0. Fields naming a role anywhere: "**Player**: Lancer, a starfighter", "Enemies: Wasps and Bombers".
    for b in doc.blocks:
        if not (b.key and b.value):
            continue
        key_role = section_role(b.key)
        if norm_key(b.key) in _PLAYER_KEYS:
            add(_phrase(b.value.split(",")[0]), "player", 0, b.value, explicit=True)
        elif norm_key(b.key) in _ROLE_KEYS and len(b.value) < 200:
            key_role = _ROLE_KEYS[norm_key(b.key)]
            for part in re.split(r",|;|\band\b|\by\b|\ben\b", b.value):
                name = _phrase(part)
                if name and not re.search(r"\d", name):
                    add(name, classify(name) if classify(name) in ("hazard", "goal") else key_role, 0, b.value, explicit=True)

    # 1. Role sections: a Name field per subsection, else one candidate per short list line.
    groups: dict[tuple[str, ...], list[Block]] = {}
    for b in doc.blocks:
        groups.setdefault(b.section, []).append(b)
    for path, blocks in groups.items():
        role = section_role(path[-1]) if path else ""
        if not role:
            # "### Captain Clown Nose" / "This is the player." under a Characters section.
            if path and _role_of_path(path[:-1]) and any(b.kind == "text" and _THIS_IS_PLAYER.search(b.text) for b in blocks):
                add(path[-1], "player", 0, explicit=True)
            continue
        fields = {norm_key(b.key): b.value for b in blocks if b.key and b.value}
        name = next((fields[k] for k in fields if k in _NAME_KEYS), "")
        if name:
            kind = _kind_from_words(fields.get("role", "") or fields.get("rol", "") or fields.get("type", "") or fields.get("tipo", ""))
            desc = fields.get("description", "") or fields.get("descripcion", "")
            kind = kind or (role if role != "mixed" else classify(name))
            if path and section_role(path[-1]) == "player":
                kind = "player"
            add(name, kind or "enemy", 0, desc, explicit=True)
            continue
        for b in blocks:
            if b.kind == "heading":
                continue
            if b.kind == "text":
                continue
            if b.kind != "item":
                continue
            k = norm_key(b.key)
            if b.key and _ATTR_KEYS.match(k):
                continue
            # "Fruits: apples, bananas, pineapples" -> three items of the key's kind.
            parts = re.split(r",|\band\b|\by\b|\ben\b", b.value) if b.key and b.value and "," in b.value else []
            if parts and all(0 < len(p.split()) <= 4 and not re.search(r"[\d:]", p) for p in parts):
                kind = classify(b.key) or (role if role not in ("mixed", "player") else "")
                for part in parts:
                    part_kind = kind or classify(part)
                    add(part, part_kind, 0, b.text)
                continue
            text = b.text
            annotated = re.search(r"\(([^)]{1,40})\)", text)
            kind = _kind_from_words(annotated.group(1)) if annotated else ""
            if not kind and b.key and b.value and len(b.value.split()) <= 5:
                kind = _kind_from_words(b.value)  # "Luna: la protagonista"
                annotated = annotated or (kind and True)
            name = clean_name(b.key if (b.key and b.bold_key) else text)
            if not b.bold_key:
                name = _phrase(name) or name  # "Slakken die heen en weer lopen" -> "Slakken"
            if not kind:
                if role == "mixed":
                    kind = classify(name) or ("player" if PLAYER_NOUNS.search(name) else "")
                elif role == "player":
                    kind = "player"
                else:
                    kind = classify(name) if classify(name) in ("goal", "hazard") and role == "item" else role
                    # A long sentence in an Objects list is prose, not a thing's name.
                    if role == "item" and not classify(name) and len(text.split()) > 4 and not b.bold_key:
                        kind = ""
            add(name, kind, 0, text, explicit=bool(annotated and kind))
        # Sub-headings inside a mixed section are things too ("### Red Diamond").
    for b in doc.blocks:
        if b.kind == "heading" and b.section and _role_of_path(b.section) in ("mixed", "item", "enemy") and not section_role(b.text):
            body = " ".join(x.text for x in groups.get(b.section + (b.text,), []) if x.kind == "text")
            if _THIS_IS_PLAYER.search(body):
                continue  # added above as the player
            role = _role_of_path(b.section)
            kind = classify(b.text) or (role if role != "mixed" else "")
            add(b.text, kind, 0, body)

    # 2. Tables with a type column (entity tables); tables under a role section.
    for b in doc.blocks:
        if b.kind != "row" or not b.header:
            continue
        head = [norm_key(h) for h in b.header]
        type_col = next((i for i, h in enumerate(head) if re.match(r"(type|tipo|role|rol|kind|soort|categor)", h)), None)
        name_col = next((i for i, h in enumerate(head) if re.match(r"(name|nombre|naam|entit|character|personaje)", h)), 0)
        cells = b.cells
        if name_col >= len(cells):
            continue
        role = _role_of_path(b.section)
        if type_col is not None and type_col < len(cells):
            kind = _kind_from_words(cells[type_col])
        elif role in ("enemy", "item", "hazard", "player"):
            kind = role
        else:
            continue
        desc = " ".join(c for i, c in enumerate(cells) if i not in (name_col, type_col))
        add(cells[name_col], kind, 0, desc, explicit=True)

    # 3. Sentences.
    collected: list[str] = []
    for b in doc.blocks:
        if b.kind in ("code",):
            continue
        low = b.text.lower()
        # Cheap substring checks first: most lines name no player and collect nothing.
        about_player = any(w in low for w in ("player", "you", "main character", "protagonist", "jugador", "speler"))
        about_things = any(w in low for w in ("collect", "grab", "steal", "bring", "loot", "gather", "pick", "catch", "recog", "recolect", "verzamel",
                                               "avoid", "dodg", "evad", "touch", "esquiv", "sortear", "ontwijk", "reach",
                                               "get to", "through", "llegar", "bereik"))
        if not (about_player or about_things):
            continue
        for sent in sentences(b.text)[:50]:
            m = _PLAYER_PAREN.search(sent) if about_player else None
            if m:
                add(_phrase(m.group(1).split("(")[-1], 3) if len(m.group(1).split()) > 3 else m.group(1), "player", 1)
            for pat in _PLAYER_SENTENCES if about_player else ():
                m = pat.search(sent)
                if m:
                    words = _phrase(m.group(1)).split()
                    while len(words) > 1 and re.search(r"(?:ing|ed)$", words[-1]):
                        words.pop()
                    add(" ".join(words), "player", 1)
            if not about_things:
                continue
            for m in _COLLECT.finditer(sent):
                collected.append(m.group(1).lower())
                name = _phrase(m.group(1))
                kind = classify(name)
                if kind in ("item", ""):
                    add(name, "item" if kind == "item" or b.kind in ("item", "row") else "", 1, sent)
            for m in _AVOID.finditer(sent):
                name = _phrase(m.group(1))
                kind = classify(name)
                add(name, kind if kind in ("enemy", "hazard") else "", 1, sent)
            for m in _REACH.finditer(sent):
                name = _phrase(m.group(1))
                if classify(name) == "goal":
                    add(name, "goal", 1, sent)

    # 4. Known nouns in lists, tables and headings (prose is too noisy for this).
    for b in doc.blocks:
        if b.kind == "code":
            continue
        scans = ((GOAL_WORDS, "goal"), (ENEMY_WORDS, "enemy"), (ITEM_WORDS, "item"), (HAZARD_WORDS, "hazard"))
        if b.kind == "row" and any(re.match(r"(type|tipo|role|rol|kind|soort)", norm_key(h)) for h in b.header):
            continue  # an entity table already said what each row is
        if b.kind not in ("item", "row", "heading") and len(b.text) > 80:
            scans = scans[:1]  # prose is too noisy for anything but goal words
        for pattern, kind in scans:
            for m in pattern.finditer(b.text):
                before = b.text[: m.start()].split()
                name = m.group(0)
                if before and before[-1].lower() in _MODIFIERS:
                    name = before[-1] + " " + name
                # A heading names a thing only when it is just that thing ("Card Skeleton" is not a skeleton).
                if b.kind in ("heading", "text") and kind != "goal" and norm_key(b.text) != norm_key(name):
                    continue
                add(name, kind, 2, b.text)
        # "The hero", "a cute boy": the player when nothing better names one.
    for b in doc.blocks:
        if b.kind == "code":
            continue
        for m in re.finditer(r"\b(?:the|a|an)\s+(?:(?:cute|little|young|brave|small|brave)\s+)*(" + PLAYER_NOUNS.pattern + r")", b.text, re.I):
            add(m.group(0), "player", 3)
    collected_text = "\n".join(sorted(set(collected)))
    for c in out:
        last = singular(c.name.split()[-1]).lower() if c.name.split() else ""
        c.collected = c.name.lower() in collected_text or singular(c.name).lower() in collected_text or bool(last and last in collected_text)
    return out


def _same_thing(a: str, b: str) -> bool:
    """'diamond' ~ 'red diamond', 'monedas' ~ 'monedas de oro': one word shared at either end."""
    return a.endswith(" " + b) or b.endswith(" " + a) or a.startswith(b + " ") or b.startswith(a + " ")


def _behavior(kind: str, name: str, context: str, genre: str, mode: str) -> str:
    if kind == "player":
        return "player"
    text = f"{name} {context}"
    if "falls from above" in context:
        return "faller"
    if kind in ("item", "hazard", "goal"):
        return "static"
    if genre == "shooter":
        return "shooter" if _SHOOTS.search(context) and not _FLY.search(name) else "flyer"
    if _FLY.search(name):
        return "flyer"
    if _CHASE.search(text) or (genre == "adventure" and re.search(r"monster|zombie|ghost|skeleton", name, re.I)):
        return "chaser"
    if _PATROL.search(text):
        return "patrol"
    if genre == "platformer":
        return "walker"
    return "patrol" if genre in ("adventure", "puzzle") else "walker"


GENRE_DEFAULTS = {
    # genre: (player, enemy, item, goal)
    "platformer": ("Hero", "Slime", "Coin", "Flag"),
    "shooter": ("Ship", "Drone", "Star", ""),
    "adventure": ("Explorer", "Skeleton", "Gem", "Exit"),
    "puzzle": ("Keeper", "", "Crate", "Exit"),
}


def extract_entities(doc: Document, body: str, genre: str, mode: str, language: str, foreign=None) -> Found:
    cands = sorted(_candidates(doc), key=lambda c: (c.priority, c.order))
    taken: set[str] = set()
    seen: dict[str, str] = {}
    warnings: list[str] = []
    by_kind: dict[str, list[Candidate]] = {"player": [], "enemy": [], "item": [], "hazard": [], "goal": []}
    for c in cands:
        name = singular(c.name) if language == "en" and c.kind != "player" else c.name
        key = name.lower()
        if key in seen:
            continue
        # "Diamond" after "Red Diamond": the same thing named shorter.
        if any(_same_thing(key, other.name.lower()) for other in by_kind[c.kind]):
            continue
        seen[key] = c.kind
        c.name = name
        by_kind[c.kind].append(c)
    # Explicitly typed things first; then the ones the lexicon knows; then the rest.
    for kind in ("enemy", "item", "hazard"):
        by_kind[kind].sort(key=lambda c: (not c.collected, c.priority, not c.explicit, c.order))
    caps = {"player": 1, "enemy": MAX_ENEMIES, "item": MAX_ITEMS, "hazard": MAX_HAZARDS, "goal": 1}
    by_kind = {k: v[: caps[k]] for k, v in by_kind.items()}

    context_of: dict[str, str] = {}
    falls: set[str] = set()
    for sent in split_sentences(body):
        low = sent.lower()
        fall = _FALL.search(low)
        for kind_list in by_kind.values():
            for c in kind_list:
                for variant in {c.name.lower(), c.name.lower() + "s", singular(c.name).lower()}:
                    pos = low.find(variant)
                    if pos < 0:
                        continue
                    if len(context_of.get(c.name, "")) < 400:
                        context_of[c.name] = context_of.get(c.name, "") + " " + sent
                    # Falls only when the thing itself is the subject of the fall, close before it.
                    if fall and 0 <= fall.start() - pos < 70:
                        falls.add(c.name)
                    break

    def make(c: Candidate | None, kind: str, name: str = "") -> Entity:
        name = (c.name if c else name)[:40]
        ctx = f"{c.description if c else ''} {context_of.get(name, '')}"
        if name in falls or (c and _FALL.search(c.description)):
            ctx += " falls from above"
        slug = unique_slug(name, taken, fallback=kind)
        return Entity(
            name=name, kind=kind, slug=slug, description=c.description if c else "",
            behavior=_behavior(kind, name, ctx, genre, mode),
        )

    d_player, d_enemy, d_item, d_goal = GENRE_DEFAULTS[genre]
    if foreign is not None:
        d_player, d_enemy, d_item = foreign.player or d_player, foreign.enemy, foreign.item or d_item
    if by_kind["player"]:
        player = make(by_kind["player"][0], "player")
    else:
        player = make(None, "player", d_player)
        warnings.append(f"The GDD names no player character; using a default '{d_player}'.")
    enemies = [make(c, "enemy") for c in by_kind["enemy"][:MAX_ENEMIES]]
    if not enemies and d_enemy:
        if genre == "adventure" and re.search(r"\bstealth|guards?\b", body, re.I):
            d_enemy = "Guard"
        enemies = [make(None, "enemy", d_enemy)]
        warnings.append(f"The GDD names no enemy; using a default '{d_enemy}'.")
    items = [make(c, "item") for c in by_kind["item"][:MAX_ITEMS]]
    if not items:
        d_item = "Crate" if genre == "puzzle" and mode == "sokoban" else ("Gem" if genre == "puzzle" else d_item)
        items = [make(None, "item", d_item)]
        warnings.append(f"The GDD names no collectible item; using a default '{d_item}'.")
    hazards = [make(c, "hazard") for c in by_kind["hazard"][:MAX_HAZARDS]]
    goal = make(by_kind["goal"][0], "goal") if by_kind["goal"] else None
    if genre == "shooter" or mode == "runner":
        goal = None  # nothing to reach: these games are about surviving and scoring
    if goal is None and d_goal and mode not in ("runner", "scrolling", "fixed"):
        goal = make(None, "goal", d_goal)
        warnings.append(f"The GDD names no goal; using a default '{d_goal}'.")
    return Found(player, enemies, items, hazards, goal, warnings)
