"""Find the player, enemies, items, hazards and goal a GDD names.

Evidence, strongest first: fields and lists under role sections ("Characters",
"Enemies", "Objects", "Cards", a plain "monsters:" line, a caption like "Example Cards - Fire"), table rows with a type column ("Tipo: Enemigo"), sentences
("X is the player", "collect X", "avoid X", "reach the X"), then known nouns in lists.
Whatever the GDD does not name gets a genre default and a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from maestro.gdd.lexicon import (
    ENEMY_WORDS, GENERIC_NAMES, GOAL_WORDS, HAZARD_WORDS, ITEM_WORDS, NAME_LEADING_ADVERBS, NAME_LEADING_VERBS,
    NAME_PRONOUNS, PLAYER_NOUNS,
)
from maestro.gdd.markdown import Block, Document
from maestro.gdd.obstacles import CLASS as _OBSTACLE_CLASS
from maestro.gdd.obstacles import class_forms, harmful_tiles
from maestro.gdd.places import named_places
from maestro.gdd.text import clean_name, fold, norm_key, plain, sentences, singular, split_sentences, unique_slug
from maestro.genres.registry import REGISTRY
from maestro.spec import Entity

MAX_ENEMIES, MAX_ITEMS, MAX_HAZARDS = 6, 6, 4
MAX_LISTED = 10  # things a GDD lists outright (a table of enemies, a Name field each) are kept up to this many
MAX_CANDIDATES = 2000

# What a player holds, plays or equips, by its class: a section or a list line of these names the GDD's items.
_KIT_CLASS = (r"(?:cards|weapons|spells|equipment|gear|armou?r|shields|potions|tools|relics|cartas|cartes|karten|kaarten|"
              r"armas|armes|waffen|wapens|hechizos|sorts)")
_ROLE_SECTIONS = (
    ("player", re.compile(r"player character|^player$|protagonist|main character|^hero$|jugador|protagonista|^speler|^joueur$|^personnage$|^spieler(?:figur)?$|^jogador$|^personagem$")),
    ("enemy", re.compile(r"\b(?:enem(?:y|ies)|monsters?|villains?|vijand(?:en)?|opponents?|boss(?:es)?|enemigos?|ennemis?|gegner|inimigos?|bad guys|baddies|"
                         r"nemic[oi]|wrog(?:owie)?|przeciwni(?:k|cy))\b")),
    # What the player plays against in a sport: the targets it shoots at, the fish it lands.
    ("enemy", re.compile(r"^(?:targets|fish|fishes|catch(?:es)?|species|dianas|blancos|cibles|peces|peixes|poissons|fische|bersagli)$")),
    ("mixed", re.compile(r"character|personaje|entit|game elements|^cast$|elementos|personage|spielelemente|elements du jeu")),
    ("hazard", re.compile(r"hazard|obstacle|trap|obstaculo|hindernis|pericol|przeszkod|pu ?l?apk|zagrozen|trappol|ostacol|peligro|perigo|armadilh|gefahr|gevar|danger|"
                          r"^(?:blocks|tiles|blocos|bloques|blocs|blocke|blokken|blocchi|kafelki|bloki)\b")),
    ("item", re.compile(r"^items?\b|objects?\b|collectible|pickup|power-?ups?|objeto|voorwerp|^loot|^objets?\b|^itens\b|coletave(?:l|is)|sammel|^things (?:you|to) (?:collect|pick up|find)$|"
                        r"^(?:cards|cartas|cartes|karten|kaarten)$")),  # (= _KIT_SECTION)
)
_TYPE_WORDS = (
    ("player", re.compile(r"protagonist|player|jugador|speler|hero|main|joueur|spieler|jogador", re.I)),
    ("enemy", re.compile(r"enem|vijand|monster|boss|gegner|inimig", re.I)),
    ("hazard", re.compile(r"obst[aá]cul|obstacle|hazard|trap|trampa", re.I)),
    ("goal", re.compile(r"\bgoal\b|\bmeta\b|\bexit\b|\bdoel\b", re.I)),
    ("item", re.compile(r"objet|item|object|pickup|power|collect|voorwerp", re.I)),
)
_PLAYER_KEYS = {"player", "player character", "hero", "protagonist", "main character", "protagonista", "jugador", "speler", "hoofdpersoon",
                "joueur", "personnage", "heros", "spieler", "spielfigur", "held", "heldin", "jogador", "personagem", "player ship"}
_ROLE_KEYS = {
    "enemies": "enemy", "enemy": "enemy", "enemigos": "enemy", "vijanden": "enemy", "monsters": "enemy",
    "ennemis": "enemy", "gegner": "enemy", "inimigos": "enemy", "objets": "item", "itens": "item",
    "items": "item", "power-ups": "item", "powerups": "item", "pickups": "item", "objects": "item", "objetos": "item",
    "collectibles": "item", "voorwerpen": "item", "hazards": "hazard", "obstacles": "hazard", "obstaculos": "hazard",
}
_NAME_KEYS = {"name", "nombre", "naam", "character", "enemy", "item"}
_PLAYER_NAME_KEYS = _NAME_KEYS | {"ship", "vehicle", "avatar", "hero", "heroine", "craft", "protagonist", "mech", "car", "kart", "personaje"}
_HAZARD_DESC = re.compile(r"^(?:an? |the )?(?:spikes?|traps?|lava|acid|pits?|holes?|static|stationary|sharp|poison\w*|thorn\w*)\b|\bon the (?:ground|floor)\b|\b(?:does not|doesn't|never) move", re.I)
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
    "y", "para", "con", "en", "del", "de", "om", "met", "possible", "possibly", "if", "but", "so", "into", "onto",
    "back", "home", "out", "away", "up", "down", "many", "much", "more", "lots", "lot", "several", "some", "all", "every", "each", "em", "them", "it", "its",
    "todas", "todos", "las", "los", "la", "el", "un", "una", "unos", "unas", "alle", "het", "een", "die", "deze",
    "too", "than", "then", "que", "dat", "named", "called", "where", "whose", "there", "here", "also", "only", "just",
    "you", "your", "he", "she", "they", "his", "her", "their", "not", "never", "once", "inside", "under", "over", "across",
    "around", "through", "between", "near", "behind", "against", "per", "via", "like", "such", "other", "any",
    "far", "yet", "ever", "instead", "together", "anymore", "already", "again",
    "mentres", "mientras", "mentre", "enquanto", "pendant", "während", "podczas", "saat", "casi", "quasi", "quase", "presque",
    "si", "ganas", "gana", "da", "dan", "tienes", "hay", "cada", "als", "je", "elk", "elke",
    # pt / it / ca / fr / de / pl / id joiners: "cabeça com ...", "polisi atau tentara yang ..."
    "com", "sem", "e", "ou", "che", "di", "senza", "amb", "sense", "et", "avec", "sans", "qui", "und", "oder", "mit",
    "ohne", "der", "das", "dem", "den", "z", "i", "lub", "atau", "yang", "dengan", "untuk", "tanpa",
}
# Determiners and articles a name never starts with, in the languages GDDs are written in.
_DETERMINERS = frozenset({
    "a", "an", "the", "some", "one", "el", "la", "los", "las", "un", "una", "unos", "unas", "de", "het", "een", "o", "os", "as",
    "um", "uma", "uns", "umas", "il", "lo", "gli", "le", "uno", "les", "une", "des", "du", "der", "die", "das", "ein", "eine",
    "einen", "einem", "ciertos", "ciertas", "cierto", "cierta", "certos", "certas", "algunos", "algunas", "alguns", "algumas",
    "varios", "varias", "vários", "várias", "todos", "todas", "cada", "otros", "otras", "outros", "outras", "estos", "estas",
    "esses", "essas", "these", "those", "many", "several", "other", "certain", "various", "alcuni", "alcune", "altri", "altre",
    "certains", "certaines", "plusieurs", "autres", "einige", "andere", "sommige", "enkele", "seorang", "sebuah", "satu",
    "multiple", "numerous", "countless", "few", "múltiples", "múltiplos", "multiples", "meerdere", "mehrere",
})
# Words for the one the player controls, when the GDD gives it no name: the GDD's own word is its name.
_CHARACTER_WORDS = re.compile(
    r"\b(?:protagonist|protagonista|character|personaje|personagem|personnage|personatge|personaggio|spielfigur|hauptfigur|"
    r"avatar|h[eé]ro[se]?|heroe|her[oó]i|held|postać|tokoh|nhân vật)\b", re.I)
_PLAYER_WORDS = re.compile(
    r"\b(?:player|jugador|jogador|speler|joueur|spieler|giocatore|xogador|jugador|gracz|pemain|người chơi)\b", re.I)
# "a city called Korgis", "una ciudad llamada X": a place's name is not the player's.
_PLACE_CALLED = re.compile(
    r"\b(?:city|town|village|country|planet|world|kingdom|island|realm|land|region|bar|shop|store|tavern|inn|restaurant|company|"
    r"school|street|forest|mountain|valley|castle|dungeon|level|stage|map|ship|station|ciudad|pueblo|planeta|mundo|reino|isla|"
    r"cidade|vila|stad|dorp|ville|royaume|stadt|dorf|welt)\s+(?:\w+\s+)?(?:named|called|llamad[oa]|chamad[oa]|genaamd|appel[ée]e?|nomm[ée]e?|namens)\s*$", re.I)
# "the player's paddle": what the player has is the player, unless it is a quality or a counter.
_PLAYER_OWNS = re.compile(r"\b(?:the )?player(?:'s|’s) ([a-z][a-z-]{2,20})\b|\b(?:het|de) ([a-z][a-z-]{2,20}) van de speler\b"
                          r"|\b(?:el|la) ([a-z][a-z-]{2,20}) del jugador\b|\b(?:o|a) ([a-z][a-z-]{2,20}) do jogador\b"
                          r"|\b(?:each|every|the) player (?:needs to |must |can |will |gets to |has to )?(?:select|choose|pick|control|steer|drive|pilot)s? (?:their|his|her|its|a|an) ([a-z][a-z-]{2,20})\b", re.I)
# "The unnamed protagonist is what the player will control": the GDD's role word, said outright.
_ROLE_CONTROLLED = re.compile(r"\b(?:the |an? )?(?:unnamed |nameless )?(" + _CHARACTER_WORDS.pattern + r") is (?:what|who|the one) the player (?:will )?(?:controls?|plays?)\b"
                              r"|\bthe player (?:will )?(?:controls?|plays? as) (?:the |an? )?(?:unnamed |nameless )?(" + _CHARACTER_WORDS.pattern + r")", re.I)
_NOT_OWNED_BODY = frozenset({
    "health", "hp", "life", "lives", "score", "scores", "points", "turn", "turns", "input", "inputs", "position", "speed", "movement",
    "movements", "moves", "move", "hand", "deck", "attention", "choice", "choices", "goal", "goals", "progress", "inventory", "stats",
    "level", "levels", "experience", "money", "gold", "resources", "actions", "action", "perspective", "view", "camera", "skill",
    "skills", "ability", "abilities", "name", "own", "team", "base", "side", "control", "controls", "death", "time", "journey",
    "decisions", "mind", "interest", "power", "powers", "energy", "stamina", "mana", "attack", "attacks", "damage", "weapon",
    "weapons", "cards", "units", "territory", "location", "direction", "path", "screen", "home", "favor", "favour", "leven", "levens", "beurt", "vida", "vidas", "puntos", "pontos", "turno", "mano", "mão", "posição", "posición",
})
# "Ada, the player, new in town", "Ada (you)", "Ada — la protagonista": a characters list says who the player is.
_PLAYER_APPOSITION = re.compile(
    r"^\s*(?:,|\(|[—–-]|:)\s*(?:(?:is|es|est|ist|[eé]|who is)\s+)?(?:(?:the|your|a|el|la|o|le|der|die|de|il|un|una|um|uma)\s+)?"
    r"(?:you\b|t[uú]\b|voc[eê]\b|vous\b|du\b|jij\b|player(?: character)?\b|protagonist[ae]?\b|main character\b|hero(?:ine)?\b|"
    r"jugador[a]?\b|jogador[a]?\b|joueur|joueuse|spieler(?:in)?\b|speler\b|giocatore\b|personaje principal|personagem principal|"
    r"personnage principal|hauptfigur|hoofdpersoon|protagoniste?\b)", re.I)
# A person's given name: capitalised words ("Captain Rowe", "Lina"), not a class ("Townsfolk" is one word too,
# so the lexicon's words and plurals are left out).
_GIVEN_NAME = re.compile(r"^(?:[A-ZÀ-Þ][\w'’-]+)(?: (?:of|de|van|von|the|la|le|da|del|di|du) [A-ZÀ-Þ][\w'’-]+| [A-ZÀ-Þ][\w'’-]+){0,2}$")
# The people of a story when the GDD gives them no names: "interviewing suspects", "the classmates and mentors".
_STORY_PEOPLE = re.compile(
    r"\b(?:suspects?|witness(?:es)?|classmates?|mentors?|survivors?|callers?|field agents?|informants?|love interests?|"
    r"companions?|rivals?|villagers|townsfolk|spirits|girls|boys|sospechosos?|testigos?|suspeitos?|testemunhas?|"
    r"suspects|t[ée]moins?|verd[aä]chtige[n]?|zeugen|verdachten|getuigen)\b", re.I)
# The things a story turns on: what the player finds, reads, keeps or gives (letters, keys, clues, keepsakes).
_STORY_THINGS = re.compile(
    r"(?:(?<=the )[A-ZÀ-Þ][a-zà-ÿ]+ )?\b(?:(?:torn |folded |old |faded |sealed |coded |love )?letters?|notes?|diar(?:y|ies)|journals?|photo(?:graph)?s?|keepsakes?|clues?|"
    r"evidence|lockets?|rings?|keys?|(?:coded )?messages?|ciphers?|candles?|ouija board|"
    r"cartas?|pistas?|diarios?|llaves?|fotos?|lettres?|indices?|cl[ée]s?|briefe|hinweise?|schl[uü]ssel|brieven?|aanwijzingen|sleutels?|"
    r"chaves?|bilhetes?|lembran[cç]as?)(?![\w-])", re.I)
_STORY_THING_CUE = re.compile(
    r"\b(?:find\w*|found|examin\w*|read\w*|reveal\w*|keep\w*|kept|giv\w*|carr\w*|open\w*|hid\w*|discover\w*|uncover\w*|"
    r"inventory|evidence|clues?|object\w*|belongings|item\w*|holds?|encuentr\w*|encontr\w*|trouv\w*|find\w*|vind\w*|lee\w*|l[êe]\w*|lit)\b", re.I)


# Verbs that end a subject noun phrase ("Grubs crawl along branches" -> "Grubs").
_VERB_STEMS = (
    "walk", "run", "fly", "flie", "crawl", "chase", "patrol", "shoot", "fire", "float", "drop", "swoop", "charge", "dive",
    "jump", "move", "hop", "wander", "roam", "guard", "spit", "throw", "explode", "bounce", "appear", "spawn", "restore",
    "heal", "give", "make", "open", "grant", "cost", "hurt", "deal", "take", "follow", "hunt", "attack", "sleep", "wake",
    "come", "pour", "sit", "stand", "hang", "roll", "slide", "blast", "spray", "rain", "fall", "prowl", "stalk", "lurk",
    "flutter", "sweep", "refill", "buy", "unlock", "increase", "decrease", "add", "count", "grow", "bite", "sting", "block",
    "hide", "wait", "live", "turn", "get", "become", "stay", "keep", "let", "show", "try", "need", "must", "can", "will",
    "may", "should", "would", "could", "is", "are", "was", "were", "has", "have", "had", "do", "does", "did", "tak",
    "ends", "end", "break", "burst", "clear", "kill", "destroy", "damage", "pace", "circle", "loop", "dash", "swim",
)
_VERB_RE = re.compile(r"^(?:" + "|".join(_VERB_STEMS) + r")(?:s|es|ed|d|ing|ning|ping)?$", re.I)
_FALL = re.compile(r"\b(?:fall(?:s|ing|en)?(?: down)? (?:from|along)|drop(?:s|ping)? from|rain(?:s|ing)? (?:down|from)|caen desde|cae desde|vallen (?:uit|van))\b", re.I)
_FLY = re.compile(r"\b(vogel|p[aá]jaro|bird|eagle|[aá]guila|bat|ufo|ovni|plane|avi[oó]n|asteroid|drone|ship|nave|globo|balloon|fly|flies|flying|vuela|vliegt)", re.I)
_CHASE = re.compile(r"\b(chase|chases|chasing|hunt|hunts|follow|follows|charges?|charging|pursues?|stalks?|come after|towards (?:you|the player)|persigue\w*|achtervolg\w*|rent achter)\b", re.I)
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
    # "Bugs (enemies)", "Gegner (Enemies)": the gloss in brackets says what the section lists.
    glosses = [norm_key(g) for g in re.findall(r"\(([^()]{1,30})\)", title)]
    for text in [key] + [g for g in glosses if 0 < len(g.split()) <= 2]:
        for role, pattern in _ROLE_SECTIONS:
            if pattern.search(text):
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
    # The head noun (the last word) says what a thing is: a "Bramble Beetle" is a beetle, a "Spike Trap" a trap.
    words = name.split()
    if len(words) > 1:
        head = words[-1].strip("'’.,!?")
        for pattern, kind in ((ENEMY_WORDS, "enemy"), (HAZARD_WORDS, "hazard"), (ITEM_WORDS, "item")):
            if pattern.fullmatch(head):
                return kind
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


# The languages whose commonest words are function words a thing's name never starts or ends with.
_FUNCTION_LANGS = ("en", "es", "pt", "fr", "de", "nl", "it", "ca", "pl", "id")
_CONTROL_NAME = re.compile(
    r"^(?:wasd|arrows?|arrow keys?|cursor keys?|space ?bar|space|shift|ctrl|control key|alt|enter|esc|escape|tab|backspace|"
    r"mouse|(?:left |right |middle )?(?:mouse )?click|lmb|rmb|joystick|gamepad|controller|d-?pad|thumbstick|trigger|bumper|"
    r"[a-z0-9] ?key|keys? [a-z0-9]|buttons?|[a-z0-9] button|button [a-z0-9]|teclas?(?: \w+)?|flechas?|setas?|fletxes|"
    r"pfeiltasten?|tasten?|toetsen?|pijltjes(?:toetsen)?|frecce|tasti)$", re.I)


# Words that join a noun phrase's parts ("Poción de curación", "Rivals of Aether", "Jack in the Box").
_NAME_JOINERS = frozenset({"of", "the", "de", "del", "do", "da", "dos", "das", "di", "della", "du", "des", "d", "van", "von", "der", "la", "el", "in", "on"})
_ROMANCE_VERB = re.compile(r"[^\W\d_]{2,}(?:am|em|an|en|yen|ye|iene|ienen)", re.I)
_ROMANCE_NOT_VERB = re.compile(r".*(?:agem|igem|ugem|men|joven|orden|origen)$", re.I)


@lru_cache(maxsize=16)
def _function_words(language: str) -> frozenset[str]:
    """The commonest words of a language (wordfreq): articles, prepositions, pronouns, auxiliaries.
    English always counts (GDDs mix it in); for a language the reader does not know, all of them."""
    try:
        from wordfreq import top_n_list
    except ImportError:  # pragma: no cover - wordfreq is a dependency; without it only _STOP applies
        return frozenset()
    langs = {"en", language} if language in _FUNCTION_LANGS else set(_FUNCTION_LANGS)
    words: set[str] = set()
    for lang in sorted(langs):
        words.update(top_n_list(lang, 50 if lang in ("en", language) else 30))
    return frozenset(words)


def is_fragment(name: str, language: str = "en") -> bool:
    """A name that is no thing in the game: a function word ('met' is Dutch 'with'), a control ('Arrow',
    'WASD'), a clause ('Ship has', 'Andam na direção', 'Enemies passing', 'Implemented')."""
    words = [w.strip("'’.,").lower() for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return True
    if _CONTROL_NAME.match(" ".join(words)):
        return True
    common = _function_words(language)
    if words[0] in common or words[-1] in common or words[0] in _STOP or words[-1] in _STOP:
        # "Of cards", "Inimigos seguem uma": a multi-word name never starts or ends with a function word.
        return len(words) > 1 or not classify(name)
    # "Andam na direção": a function word inside a name is a clause's ("Poción de curación" keeps its "de").
    if any(w in common and w not in _NAME_JOINERS for w in words[1:-1]):
        return True
    # "Inimigos seguem", "Fango disminuye": a Romance verb after the name (3rd person, -am/-em/-an/-en/-ye/-iene).
    if language in ("es", "pt", "gl", "ca") and len(words) > 1 and any(
            _ROMANCE_VERB.fullmatch(w) and not _ROMANCE_NOT_VERB.match(w) for w, raw in zip(words[1:], name.split()[1:]) if raw[:1].islower()):
        return True
    # "Top-down 2D camera": a view, not a thing.
    if any(re.fullmatch(r"top-?down|[23]d|isometric|side-?view|first-person|third-person|birds?-eye", w) for w in words):
        return True
    if len(words) == 1 and len(words[0]) <= 2:
        return not classify(name)
    # "Enemies passing", "Button activated", "Implemented": a verb form ends the clause.
    last = words[-1]
    if re.fullmatch(r"[^\W\d_]{4,}(?:ed|ing)", last) and not classify(last) and (len(words) > 1 or last.endswith("ed")):
        return True
    return False


def _is_person(name: str, text: str) -> bool:
    """'Lina', 'Captain Rowe': a given name as the GDD writes it (capitalised there: a bullet's 'satellites'
    is no one), not a heading's word such as 'Scoring'."""
    if not name or not _GIVEN_NAME.match(name) or _is_generic(name) or name not in text:
        return False
    last = name.split()[-1].lower()
    return not (len(name.split()) == 1 and re.search(r"(?:ing|tion|ment|ness)$", last))


def _titled(name: str) -> bool:
    """'Captain Rowe', 'Princess Ida': a role word as a given name's title names a person of the cast,
    not what the player is ('Captain' alone, 'Pirate Girl' may be)."""
    words = name.split()
    return len(words) > 1 and bool(PLAYER_NOUNS.fullmatch(words[0])) and all(w[:1].isupper() for w in words) \
        and not any(PLAYER_NOUNS.fullmatch(w) for w in words[1:])


def _strip_determiners(text: str) -> str:
    """'Ciertos objetos' -> 'objetos', 'Uma cabeça' -> 'cabeça': a name starts after its determiners."""
    words = text.split()
    while len(words) > 1 and words[0].lower().strip("*_") in _DETERMINERS:
        words.pop(0)
    return " ".join(words)


def _role_word(body: str) -> str:
    """The GDD's own word for the one the player controls ('Character', 'Jogador', 'Spieler'), or ''."""
    said = _ROLE_CONTROLLED.search(body)
    if said:
        word = (said.group(1) or said.group(2)).lower()
        return word[:1].upper() + word[1:]
    chars = [m.group(0) for m in _CHARACTER_WORDS.finditer(body)]
    players = [m.group(0) for m in _PLAYER_WORDS.finditer(body)]
    words = chars if chars and len(chars) >= len(players) else players
    if not words:
        return ""
    counts: dict[str, int] = {}
    for w in words:
        counts[w.lower()] = counts.get(w.lower(), 0) + 1
    best = max(sorted(counts), key=lambda k: counts[k])
    return best[:1].upper() + best[1:]


def _owned_body(body: str) -> str:
    """'the player's paddles' (twice or more): what the player has is what it is, when the GDD names nothing else."""
    owned: set[str] = set()
    for m in _PLAYER_OWNS.finditer(body):
        w = next(g for g in m.groups() if g).lower()
        if w in _NOT_OWNED_BODY or singular(w) in _NOT_OWNED_BODY or singular(w) in GENERIC_NAMES or w in GENERIC_NAMES:
            continue
        # "the player's discard pile": the first half of a compound is not what the player has.
        nxt = re.match(r"\s+([a-z]+)\b", body[m.end():])
        if m.group(1) and nxt and nxt.group(1) not in _function_words("en") and not _VERB_RE.match(nxt.group(1)) \
                and not nxt.group(1).endswith("s") and nxt.group(1) not in _STOP:
            continue
        owned.add(w)
    # What the GDD talks about most among what the player has ("huisdier", not "vaardigheden" said twice).
    counts = {w: len(re.findall(r"\b" + re.escape(singular(w)), body, re.I)) for w in owned}
    best = max(sorted(counts), key=lambda k: counts[k]) if counts else ""
    if not best or counts[best] < 3:
        return ""
    best = singular(best)
    return best[:1].upper() + best[1:]


def _is_generic(name: str) -> bool:
    low = name.lower().strip()
    return not low or low in GENERIC_NAMES or singular(low) in GENERIC_NAMES or len(low) < 2 or not re.search(r"[^\W\d_]", low)


def is_noun_phrase(name: str) -> bool:
    """A name a game can draw is a noun phrase: no pronoun ('Rats ignore you'), no leading adverb
    ('Sometimes') or imperative verb ('Open Morvane's Spire')."""
    words = [w.strip("'’-&.").lower() for w in name.split()]
    words = [w for w in words if w]
    if not words:
        return False
    if any(w in NAME_PRONOUNS for w in words):
        return False
    if len(words) > 1 and re.fullmatch(r"[^\W\d_]{3,}mente", words[0]):
        return False  # "Verticalmente os obstáculos": a Romance adverb leads a clause, not a name
    return words[0] not in NAME_LEADING_ADVERBS and words[0] not in NAME_LEADING_VERBS


def _phrase(text: str, max_words: int = 3) -> str:
    """Leading noun phrase: 'fruits as possible without' -> 'fruits', 'Vendas (detiene ...)' -> 'Vendas'."""
    text = re.split(r"[(\[]", text, maxsplit=1)[0]
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
        if out and _VERB_RE.match(w) and (w[:1].islower() or w.isupper() and len(w) > 1):
            break  # "Grubs crawl along ..." -> "Grubs"
        out.append(w)
        if len(out) >= max_words:
            break
    while out and out[-1].lower() in ("of",):
        out.pop()
    return " ".join(out)


# Given names first: "a warehouse robot called Boxbot" is Boxbot.
_PLAYER_NAMED = (
    re.compile(r"\b(?:named|called|llamad[oa]|genaamd|heet|nomm[ée]e?|appel[ée]e?|namens|chamad[oa]) ([A-ZÁÉÍÓÚ][\w'’-]+(?: [A-Z][\w'’-]+)?)"),
    # "Le joueur incarne Pommeline", "O personagem, Zeca, ...", "Der kleine Pinguin Pingo": a given name after a role word.
    re.compile(r"(?i:\b(?:le joueur incarne|tu incarnes|vous incarnez|on incarne|der spieler (?:spielt|steuert)|du spielst|man spielt|o jogador (?:controla|[eé])|voc[eê] (?:controla|[eé]|joga com)|"
               r"(?:o|a) (?:personagem|protagonista)(?: principal)?|le (?:personnage|h[eé]ros)(?: principal)?|la h[eé]ro[iï]ne|die (?:hauptfigur|spielfigur)|der held)),? ([A-ZÁÉÍÓÚ][\w'’-]+)"),
    re.compile(r"\b(?:Der|Die|Das|Le|La|O|A) (?:kleine |petite? |pequen[oa] |junge |jeune )?(?:Pinguin|Hund|Katze|Fuchs|Hase|Roboter|Ritter|pingouin|chien|chat|renard|lapin|chevalier|pinguim|cachorro|gato|raposa|coelho|cavaleiro|menino|menina|garçon|fille|Junge|Mädchen) ([A-ZÁÉÍÓÚ][\w'’-]+)\b"),
    re.compile(r"(?i:\bplayer(?: ship| character)?\s*=(?: the| an?)?|\byou (?:[a-z]+ ){1,2}as|\byou(?:'re|’re| are| play as| played as| control| play| will play as| take control of)|\bplay(?:ing|ed)? as|\bje speelt(?: als)?|\bjij bent|\beres|\bjuegas como|\bcontrolas a) ([A-ZÁÉÍÓÚ][\w'’-]+(?: (?!The\b|And\b)[A-Z][\w'’-]+){0,2})"),
    # "The player is Granny Rose, but ...": a given name, not "the player is a ..." (a description).
    re.compile(r"(?i:\bthe player(?: character)? is|\bthe player plays|\bthe hero is) ([A-ZÁÉÍÓÚ][\w'’-]+(?: (?!The\b|And\b|But\b)[A-Z][\w'’-]+){0,2})"),
)
# All-lowercase writing: "you're rosa and you drive a food truck". Only a bare word that reads as a
# name (no article, not a state like "dead" or "stuck"), and only when nothing better names the player.
_PLAYER_LOWER = re.compile(r"\byou(?:'re|’re| are| play as| play) ([a-z][a-z'’-]{2,15})(?= and\b| who\b|,| -)")
_NOT_A_NAME = frozenset({
    "dead", "alive", "alone", "free", "safe", "stuck", "done", "able", "ready", "lost", "out", "back", "here", "there", "not",
    "now", "still", "so", "very", "too", "also", "just", "only", "in", "on", "at", "the", "fast", "slow", "small", "big",
    "new", "old", "first", "last", "next", "immune", "invincible", "hit", "hurt", "caught", "trapped", "armed", "weak",
    "strong", "faster", "slower", "stronger", "bigger", "smaller", "one", "two", "three", "all", "both", "some", "any",
    "always", "never", "inside", "outside", "home", "late", "early", "sure", "left", "right", "up", "down", "it", "them",
})
_PLAYER_SENTENCES = (
    re.compile(r"\bplayers? (?:controls?|plays? as|will control|is|takes? the role of|guides?)(?: the movements of)? (?:a|an|the) ([^.,;:()]{2,60})", re.I),
    re.compile(r"\byou(?:'re|’re| are| play as| control| play| will play as) (?:a|an|the|your) ([^.,;:()]{2,60})", re.I),
    re.compile(r"\bmain character\s*[-:–]\s*([^.,;:()]{2,40})", re.I),
    re.compile(r"\b(?:jugador controla|manejas|controlas|eres|juegas como) (?:a |al |una |un |el |la )?(?:peque[nñ][oa] |joven )?([^.,;:()]{2,40})", re.I),
    re.compile(r"\b(?:speler bestuurt|speler speelt als|je speelt) (?:een |de |het )?(?:kleine |jonge )?([^.,;:()]{2,40})", re.I),
    # "de speler is dood": without an article the word after "is" says how the player is, not what.
    re.compile(r"\b(?:speler is|jij bent|je bent) (?:een |de |het )(?:kleine |jonge )?([^.,;:()]{2,40})", re.I),
    # "The protagonist is the Bartender", "you impersonate a bartender", "a horror story, starring a ghost".
    re.compile(r"\b(?:the (?:protagonist|main character|hero|heroine|player character) is|you (?:impersonate|embody|portray)|puts? you in the shoes of|"
               r"you (?:step|slip) into the shoes of|starring|you take on the role of|you play the role of) (?:a|an|the) ([^.,;:()]{2,60})", re.I),
    re.compile(r"\b(?:the |an? )?((?:unnamed |nameless )?[a-z][\w-]{2,20}) is what the player (?:will )?controls?\b", re.I),
    # Abstract games: "Blue rectangle player", "the player rectangle", "the player is a small square".
    re.compile(r"\b((?:(?:small|big|little|blue|red|green|yellow|white|black|orange|purple|pink|grey|gray) ){0,2}(?:rectangle|square|circle|cube|dot|triangle)) player\b"
               r"|\bplayer(?: is an?)? ((?:(?:small|big|little|blue|red|green|yellow|white|black|orange|purple|pink|grey|gray) ){0,2}(?:rectangle|square|circle|cube|dot|triangle))\b", re.I),
    # "The user starts with one slime that they can use to move around": what the player moves is the player.
    re.compile(r"\b(?:starts?|begins?) (?:the game )?with (?:one|a|an|a single) ([a-z][\w-]{2,20})\b[^.;]{0,60}?\b(?:that|which) (?:they|you|he|she|the (?:user|player)) "
               r"(?:can |will )?(?:use to (?:move|control)|control|steer|move|drive|pilot)\b", re.I),
    # gl / pt / es / it / ca / fr / de / pl / id: "O xogador controla a un dragonciño", "Il giocatore comanda uno scarafaggio".
    re.compile(r"\b(?:o xogador|el jugador|o jogador|il giocatore|el jugador|le joueur|der spieler|die spielerin|gracz|pemain)\s+"
               r"(?:controla|comanda|controlla|maneja|guia|gu[ií]a|dirige|encarna|interpreta|impersona|incarne|contr[oô]le|dirige|steuert|spielt|"
               r"jest|steruje|kieruje|gra jako|wciela si[eę] w|mengendalikan|memainkan|mengontrol|berperan sebagai|adalah)\s+"
               r"(?:(?:a|al|un|una|uno|um|uma|o|el|la|il|lo|le|l'|einen|eine|ein|den|die|das|seorang|satu|sebuah|orang|tokoh|"
               r"pequen[oa]|peque[nñ][oa]|piccol[oa]|petite?|kleinen?|jove|joven|jovem|giovane)\s+)*([^.,;:()]{2,40})", re.I),
    re.compile(r"\b(?:il personaggio(?: principale)?|el personaje(?: principal)?|o personagem(?: principal)?|el protagonista|il protagonista|o protagonista|"
               r"a protagonista|la protagonista|el personatge(?: principal)?|le personnage(?: principal)?|die hauptfigur|die spielfigur)\s+"
               r"(?:[eèé]|es|est|ist|sar[aà]|ser[aá]|será)\s+(?:(?:a|un|una|uno|um|uma|o|el|la|il|lo|le|ein|eine|einen)\s+)+([^.,;:()]{2,40})", re.I),
)
# "Nuestra capitana y protagonista de esta historia, Morgan Blackwater, ...": a given name after the role word and a comma.
_PROTAGONIST_COMMA = re.compile(r"\b(?:protagonist[ae]?|main character|hero(?:ine)?|personagem principal|personaje principal)\b[^.,;:()]{0,30},\s+([A-ZÁÉÍÓÚ][\w'’-]+(?: [A-Z][\w'’-]+)?)(?=[,.;:]| (?:is|es|est|[eé])\b)", re.I)
# "**Personagem Tama:** ...", "Character Kit: a courier": a role word then a given name, as a key.
_ROLE_NAMED_KEY = re.compile(r"^(?:personagem|personaje|personatge|personaggio|personnage|character|protagonist|protagonista|hero|held|heldin|spielfigur)\s+([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)$", re.I)
# Whoever has the lives or the hit points is the player: "the keeper's 4 lives", "Oskar starts with 10 HP".
_LIVES_OWNER = re.compile(
    r"\b(?:the |a )?([A-Za-z][\w-]{2,20})(?:'s|’s) (?:\w+ )?(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten) (?:lives|hearts|hp|hit points|chances)\b"
    r"|\b([A-Z][\w-]{2,20}) (?:has|starts with|begins with|gets|heeft|tiene|empieza con) (?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|drie|vier|vijf|tres|cuatro|cinco) "
    r"(?:\w+ )?(?:lives|hearts|hp|hit points|chances|masks|levens|vidas|health)\b"
)
# "Higgins can walk", "Oskar moves one tile": a capitalised name doing player things.
_NAME_ACTS = re.compile(r"(?<![.!?]\s)(?<!^)(?<!\bof )(?<!\bin )(?<!\bto )(?<!\bfrom )(?<!\bat )\b([A-Z][a-z][\w-]{1,20}) (?:can|must|has to|needs to|moves|walks|runs|jumps|pushes|shoots|sneaks) (?!be\b|not be\b|also be\b)")
_ENEMY_VERBS = (
    r"chas(?:e|es|ing)|hunts?|prowls?|patrol(?:s|ling)?|swoops?|charg(?:e|es)(?: at)?|crawls? (?:towards?|after|at)|spits?|flutters?|"
    r"roams?|wanders?|attacks?|bites?|stings?|dives? at|stalks?|lurks?|walks? (?:fixed |set )?routes?|guard (?:the|every)|"
    r"pursues?|ambush\w*|persiguen?|patrull\w*|achtervolg\w*|rent achter|loopt \w+ (?:rondje|route)|sweep back and forth|shoot at (?:you|the player)|fire back"
)
_SUBJECT_VERB = re.compile(
    r"(?:^|[,;:(]\s*|\b(?:and|while|but|then|where|y|en|o)\s+)(?:the |some |a |an |tiny |small |giant |big |de |het |los |las |el |la )?"
    r"((?:[A-Za-zÀ-ÿ][\w'’-]*\s+){0,1}[A-Za-zÀ-ÿ][\w'’-]*)\s+(?:" + _ENEMY_VERBS + r")\b"
    # "Smash attacks can be charged": a noun followed by its own verb, not a thing that attacks.
    r"(?!\s+(?:can|will|must|should|may|might|could|would|are|is|were|was|have|has|deal|do|cost|take|use)\b)"
    # "Low attack speed", "charge time": the verb is a noun's first half.
    r"(?!\s+(?:speed|damage|range|rate|power|animations?|button|key|cooldown|pattern|stats?|type|mode|phase|time|bonus|radius|area|moves?|sounds?|sfx|effects?|sprites?|icons?)\b)"
)
_THREAT = re.compile(
    r"\b(?:enem\w*|avoid\w*|dodg\w*|chas\w*|attack\w*|hurt\w*|damag\w*|kill\w*|li(?:fe|ves)|health|hp|patrol\w*|shoot(?:s|ing)?|dispar\w*|derrib\w*|vidas?|levens?|schiet\w*|"
    r"fires? (?:at|back)|dangerous|hits?|bit(?:e|es)|sting\w*|costs?|lose|loses|die|dies|death|hostile|boss\w*|fight\w*|defeat\w*|destroy\w*|"
    r"stomp\w*|spotted|caught|game over|is over|touching (?:one|it|them|a|an|the)|prowl\w*|swoop\w*|hunt\w*|vijand\w*|enemigo\w*|pierdes?|verlies\w*|raak)\b",
    re.I,
)
_ITEM_CUE = re.compile(r"\b(?:collect(?:s|ed|ing|ion|ions|ables?|ibles?)?\b|pick(?:s|ed|ing)? up|grab\w*|gather\w*|pocket\w*|worth|points?|bonus|gain\w*|restores?|refills?|heals?|"
                       r"drops?|loot|puntos|punten|recoge\w*|verzamel\w*|pak\w*)\b", re.I)
_GOAL_CUE = re.compile(r"\b(?:to (?:win|finish|exit|escape|continue|go deeper|descend|advance|leave|complete|clear)|to the next|"
                       r"end of (?:each|the|every) (?:level|stage|floor|room|map)|te winnen|para ganar|wins?\b|goal)", re.I)
# Sections that plan the project, not the game: nothing named there is a thing in the game.
_IGNORED_SECTIONS = re.compile(r"\b(?:open questions?|questions|todo|to do|ideas|future|later|stretch|backlog|credits|build|install\w*|"
                               r"roadmap|schedule|timeline|team|license|changelog|references?|inspiration|tech\w*|platforms?$|budget|"
                               r"levels?|stages?|worlds?|areas|maps?|niveles|niveaus|progression|controls?|controles|besturing|art|audio|music|sound|look|feel|style|estilo|presentation)\b")
_NO_ENEMIES = re.compile(r"\b(?:there are no|no|without)\s+(?:enemies|monsters|opponents|enemigos|vijanden)\b|\bgeen vijanden\b|\bsin enemigos\b", re.I)
_PLAYER_PAREN = re.compile(r"([\w'’ -]{2,40}?)\s*\((?:[^()]{0,40}?)\b(?:player character|main character|the player|protagonist|protagonista)\b[^()]{0,20}\)", re.I)
_THIS_IS_PLAYER = re.compile(r"\b(?:this|he|she|it) is the (?:player|main character|protagonist)\b|\bes el protagonista\b|\bis de speler\b", re.I)
# Collect verbs in the other languages GDDs are written in: raccogli (it), recolhe / coleta (pt), ramasse (fr),
# sammle (de), recull / agafa (ca), zbieraj (pl), kumpulkan (id).
_FOREIGN_COLLECT = (r"raccogli\w*|raccatt\w*|recolh\w*|colet(?:a|e|ar|am|em)\b|coletando|ramass\w*|sammel\w*|sammle\w*|einsammel\w*|"
                    r"recull\w*|agaf[ae]\w*")
# Find verbs: what the player finds in the plural is an item ("find the lost books", "troba tots els llibres").
_FIND_VERBS = (r"find(?:s|ing)?|troba(?:r|s|u|m|n|t)?|trova(?:re|te|no|i)?|encuentra(?:s|n)?|encontrar?|encontra(?:s|m)|"
               r"trouve(?:r|z|s|nt)?|finde(?:n|t|st)?")
_COLLECT_ARTICLES = (r"(?:all |every |the |some |alle |de |het |los |las |todas? |todos |tots |totes |els |les |tutt[ie] |i |gli |le |"
                     r"os |as |tous |toutes |die |den |wszystkie |semua |lost |missing |hidden )*")
_COLLECT = re.compile(r"\b(?:collect(?:s|ed|ing|ion|ions|ables?|ibles?)?\b|grab\w*|gather\w*|pick(?:s|ing)? up|pocket\w*|catch\w*|steal\w*|bring|loot|recoge\w*|recolecta\w*|recogida de|atrapa\w*|verzamel\w*|pak(?:t|ken)?|zbier\w*|kumpul\w*|mengumpul\w*|"
                      + _FOREIGN_COLLECT + r")\s+" + _COLLECT_ARTICLES + r"(?!it\b|them\b|one\b|ones\b|la\b|lo\b|ze\b|het\b)([^.,;:!?()]{2,60})", re.I)
_STRONG_COLLECT = re.compile(r"^(?:collect|grab|gather|pick|pocket|recoge|recolecta|verzamel|pak|" + _FOREIGN_COLLECT + ")", re.I)
# What the player fights: "defeat the wraiths", "derrota a los trolls", "sconfiggi i ragni", "besiege die Gegner".
_FIGHT = re.compile(
    r"\b(?:defeat(?:s|ed|ing)?|fight(?:s|ing)? (?:off |against )?|kill(?:s|ed|ing)?|slay(?:s|ing)?|destroy(?:s|ed|ing)?(?= (?:those|these|the|all) )|battl(?:e|es|ing) (?:against )?|"
    r"derrota\w*|lucha\w* contra|combat[ei]\w* (?:contra |contre |i |gli |le )?|vence\w*|sconfigg\w*|uccid\w*|"
    r"besieg\w*|bek[aä]mpf\w*|vecht\w* tegen|versla\w*|pokona\w*|zabij\w*|kalahkan|mengalahkan)\s+"
    r"(?:all |every |the |these |those |a |an |los |las |a los |a las |les |des |i |gli |le |die |den |de |het |os |as |tutt[ie] i |"
    r"wszystkich |semua |waves of |hordes of |groups of |swarms of |pesky |evil |nasty )*(?!it\b|them\b|one\b|him\b|her\b)([^.,;:!?()]{2,60})", re.I)
_COLLECTIBLE_THING = re.compile(
    r"\b(?:(?:an?|the|each|every|some) (?:collect[ai]ble|pick-?up)|(?:collect[ai]bles|pick-?ups|power-?ups|coleccionables|colet[aá]veis|"
    r"verzamelobjecten|sammelobjekte) (?:include|includes|are|such as|like)|(?:objetos|itens|objets|objekte|oggetti) coleccionables?)"
    r"\s+(?:the |a |an |some |of |for |los |las |os |as |les |die |gli |i |le )*(?!it\b|them\b|one\b)([^.;:!?()]{2,60})", re.I)
_FOREIGN_COLLECT_RE = re.compile(r"^(?:recoge|recolecta|atrapa|verzamel|pak|" + _FOREIGN_COLLECT + ")", re.I)
_FIND_THINGS = re.compile(r"\b(?:" + _FIND_VERBS + r")\s+" + _COLLECT_ARTICLES + r"(?!it\b|them\b|one\b|ones\b|out\b|way\b|ways\b)([^.,;:!?()]{2,60})", re.I)
_PUSH = re.compile(r"\b(?:push\w*|pull\w*|shov\w*|empuj\w*|duw\w*)\s+(?:every |each |all |the |a |an |one |de |het |la |el )*(?!it\b|them\b|into\b|onto\b|to\b|through\b|against\b|back\b|along\b|forward\b|up\b|down\b)([^.,;:!?()]{2,40})", re.I)
_AVOID = re.compile(r"\b(?:avoid\w*|dodg\w*|evad\w*|without touching|touch(?:es|ing)? (?:a|the)|esquiva\w*|sortear|ontwijk\w*|"
                    r"schiv\w*|evita\w*|[ée]vite\w*|[ée]viter|desvi[ae]\w*|ausweich\w*|weich\w* aus|unika\w*|omija\w*|hindari\w*|menghindari)\s+"
                    r"(?:touching |hitting |falling on |the |all |these |those |de |het |los |las |la |el |i |gli |le |les |os |as |die |den |tutt[ie] )*([^.,;:!?()]{2,60})", re.I)
_REACH = re.compile(r"\b(?:reach(?:es|ing)?|get (?:back )?to|gets (?:back )?to|return(?:s|ing)? to|head(?:s)? (?:back )?to|escape through|go through|make it (?:back )?to|llegar a|vuelve a|bereik\w*|(?:ga|loop|ren|keer) (?:terug )?naar)\s+(?:the |a |an |la |el |de |het |its |his |her |your )?([^.,;:!?()]{2,40})", re.I)
_FIND = re.compile(r"\bfind(?:s|ing)?\s+(?:the |a |an )?([^.,;:!?()]{2,40})", re.I)


_ROLE_OK = re.compile(r"\b(?:enem\w*|items?|objects?|pickups?|collectibles?|hazards?|obstacles?|characters?|cast|win\w*|lose|losing|goal)\b")


def _level_names(doc: Document) -> set[str]:
    """Words of level names ("Star Canopy"): a level's name never makes a thing."""
    names: set[str] = set()
    for b in doc.blocks:
        if b.kind == "row" and b.header and re.match(r"^(level|nivel|niveau|stage|world|mundo|map|area|zone)", norm_key(b.header[0])):
            for h, c in zip(b.header, b.cells):
                if re.match(r"^(level|nivel|niveau|stage|world|name|nombre|naam|title)", norm_key(h)):
                    names.update(w.lower() for w in re.findall(r"[^\W\d_]+", c))
                    names.update(singular(w).lower() for w in re.findall(r"[^\W\d_]+", c))
    return names


# Sections that plan what the game may get one day: what they name is not in the game yet.
_FUTURE_SECTIONS = re.compile(r"\b(?:(?:potential|possible|future) (?:next steps?|features?|additions?|ideas?|expansions?)|next steps?|future|"
                              r"backlog|wish ?list|nice to have|roadmap|todo|to do|open questions?|if time allows|post[- ]launch)\b")
# Sections about other games (what inspired this one): their things are not this game's.
_REFERENCE_SECTIONS = re.compile(r"\b(?:inspir\w*|referen\w*|refer[eê]nci\w*|influen\w*|similar games|comparable games|competit\w*|"
                                 r"competi[cç]\w*|prior art|related (?:games|work)|bronnen\w*|sources|fuentes|fontes)\b")
# "Inspired by Vampire Survivors", "fans of Rivals of Aether": another game's name. After a weak cue ("like",
# "such as") only an emphasised name or one with "series" is a game's ("enemies like Slimes" are this game's).
_TITLE = r"((?:[A-Z0-9][\w'’!.-]*)(?:(?::| -)? (?:(?:of|the|in|to|on|a)\b|[A-Z0-9][\w'’!.-]*)){0,6})"
_REFERENCE_CUE = re.compile(
    r"(?i:\b(?:inspired by|inspiration from|influenced by|fans of|fan of|à la|in the (?:style|vein|spirit) of|"
    r"reminiscent of|(?:twist|take|spin|riff) on|inspirado (?:en|por)|inspirad[oa] (?:em|por)|inspir(?:é|ée|és) (?:par|de)|"
    r"(?:laten )?inspireren door|ge[iï]nspireerd (?:door|op)|inspiriert (?:von|durch)|ispirato a)\s+(?:the )?)" + _TITLE)
_WEAK_REFERENCE_CUE = re.compile(
    r"(?i:\b(?:similar to|such as|much like|exactly (?:like|as)|just like|like|see|as in|comme dans|zoals|wie in|come in|como en)"
    r"(?: in)?\s+(?:the )?)" + _TITLE)
_TITLE_JOIN = re.compile(r"^(?:,| or| and| y| o| en| ou| oder| of| e)\s+(?:the )?" + _TITLE)


def _aside(section: tuple[str, ...], root: str = "") -> bool:
    """Under a section about other games or about what this one may get one day."""
    return any(t != root and (_REFERENCE_SECTIONS.search(norm_key(t)) or _FUTURE_SECTIONS.search(norm_key(t))) for t in section)


def _reference_titles(doc: Document) -> set[str]:
    """Names of other games the GDD cites ('inspired by Vampire Survivors'), lowercased: never things in this game."""
    titles: set[str] = set()

    def keep(title: str) -> None:
        words = title.strip(" .,:;-").split()
        while words and words[-1].lower() in ("of", "the", "and", "in", "to", "on", "a", "series", "games", "game"):
            words.pop()
        if words and len(" ".join(words)) > 2 and not (len(words) == 1 and words[0].lower() in GENERIC_NAMES):
            titles.add(" ".join(words).lower().rstrip("."))

    for b in doc.blocks:
        if b.kind == "code":
            continue
        if any(_REFERENCE_SECTIONS.search(norm_key(t)) for t in b.section):
            if b.kind == "heading" and len(b.text.split()) <= 6 and not _REFERENCE_SECTIONS.search(norm_key(b.text)):
                keep(plain(b.text, 80))
            for phrase in b.bold:
                if phrase[:1].isupper() and len(phrase.split()) <= 6 and norm_key(phrase) != norm_key(b.key):
                    keep(phrase)
        emphasised = {p.lower() for p in b.bold}
        cited = list(_REFERENCE_CUE.finditer(b.text))
        cited += [m for m in _WEAK_REFERENCE_CUE.finditer(b.text)
                  if m.group(1).lower() in emphasised or re.match(r"\s+(?:series|games?|franchise)\b", b.text[m.end():])]
        for m in cited:
            keep(m.group(1))
            rest = b.text[m.end():]
            for _ in range(4):
                j = _TITLE_JOIN.match(rest)
                if not j:
                    break
                keep(j.group(1))
                rest = rest[j.end():]
    return titles


def _in_title(name: str, titles: set[str]) -> bool:
    """'Vampire Survivors' and 'Shovel Knight' are other games' names ('Vampire' alone may be this game's)."""
    low = name.lower().strip()
    for t in titles:
        if low == t or singular(low) == singular(t) or (" " in low and low in t):
            return True
    return False


def _lists_things(key: str, parts: list[str]) -> bool:
    """'Fruits: apples, bananas, pineapples' lists things; 'Knight: the player's unit, slow but tough'
    describes one. A list's key is a class (plural, or a role word) and its parts are bare names:
    no article, no verb, no 'but'."""
    k = norm_key(key)
    if not (k in _ROLE_KEYS or singular(k) != k or classify(key) == "" and len(k.split()) > 1):
        return False
    for part in parts:
        words = [w.lower() for w in re.findall(r"[^\W\d_][\w'’-]*", part)]
        if not words or words[0] in _DETERMINERS or words[0] in NAME_PRONOUNS:
            return False
        if any(w in ("but", "pero", "mas", "mais", "aber", "maar", "ma") for w in words):
            return False
        if any(_VERB_RE.match(w) for w in words[1:]) or _VERB_RE.match(words[0]) and len(words) > 1:
            return False
        if any(re.search(r"(?:'s|’s)$", w) for w in words):
            return False
    return True


def _describes_parent(b: Block, blocks: list[Block]) -> bool:
    """'- Ghoul' then '  - Fast', '  - Loud': a short nested bullet under a thing's own bullet describes
    that thing. Under a class ('- Flying enemies:', '- Slimes') nested bullets are things of that class."""
    if b.level <= 0 or b.key or classify(b.text):
        return False
    i = next(j for j, x in enumerate(blocks) if x is b)
    parent = next((p for p in reversed(blocks[:i]) if p.kind == "item" and p.level < b.level), None)
    if parent is None or parent.text.rstrip().endswith(":") or parent.key and not parent.value:
        return False
    name = norm_key(parent.key or parent.text)
    if not name or name in _ROLE_KEYS or section_role(parent.key or parent.text) or singular(name) != name:
        return False  # "- Enemies" / "  - Ghoul", "- Slimes" / "  - Green slime"
    return len(b.text.split()) <= 3 and len(name.split()) <= 4


def _split_things(text: str) -> list[str]:
    """'the cat and the dog' -> ['cat', 'dog'] (names of things joined by and / or / en / y)."""
    return [p for p in re.split(r",|/|\band\b|\bor\b|\ben\b|\bof\b(?= de | het )|\by\b|\bo\b|\be\b|\bi\b|\bet\b|\bund\b|\bou\b", text) if p.strip()]


def _bold_kind(phrase: str, text: str, low: str) -> str:
    """What a bold word is, from the verbs around it (rule of thumb, nearest cue wins)."""
    known = classify(phrase)
    pl = phrase.lower()
    pos = low.find(pl)
    if pos < 0:
        return known if known in ("enemy", "hazard", "goal") else ""
    before, after = low[max(0, pos - 60): pos], low[pos + len(pl): pos + len(pl) + 60]
    if re.search(r"\b(?:you are|you're|you’re|play(?:ed)? as|you (?:control|fly|pilot|drive|steer|ride)|called|named|your)\s+(?:an? |the )?(?:\w+ ){0,2}$", before):
        if not known or known == "enemy" and re.search(r"\byour\s*$", before):
            return "player"
    if re.search(r"\b(?:reach|get (?:back )?to|return to|head to|find)\s+(?:the |a |an )?$", before) and (known in ("goal", "") and _GOAL_CUE.search(after + " " + low)):
        return "goal"
    if known:
        return known
    if re.search(r"^\s*(?:\w+\s+){0,2}(?:" + _ENEMY_VERBS + r")\b", after) or re.search(r"\b(?:avoid|dodge|evade|fight|defeat|kill|destroy|stomp on|shoot)\s+(?:the |all |every )?$", before):
        return "enemy"
    # The rest of its sentence: "**the Cinema Mouse**: in levels 11+ a mouse runs back and forth ...",
    # "**ticket stubs** lying on some tiles. Pick them up for 10 points each."
    rest = low[pos + len(pl): pos + len(pl) + 160]
    if not re.search(r"platform|elevator|\blift|conveyor|door|wall", pl) and re.search(
            r"\b(?:runs?|walks?|moves?|drives?|rolls?|hops?|waddl\w+|paces?|goes|go|fl(?:y|ies)|crawls?|swims?|slides?)(?: \w+)? back and forth\b"
            r"|\bif (?:it|one|a \w+|the \w+) (?:touches|bumps into|catches|hits|bites)\b|\b(?:is|are) (?:an? )?enem(?:y|ies)\b", rest):
        return "enemy"
    if re.search(r"\b(?:collect|pick up|grab|gather|pocket|find|loot|catch)\s+(?:the |all |every |some )?(?:\w+ )?$", before) or re.search(r"^\s*\(?\s*(?:\d+ points|worth)", after):
        return "item"
    if re.search(r"^[^.!?]{0,60}[.!?]?\s*(?:pick|collect|grab) (?:it|them|one|these) up\b|^[^.!?]{0,60}[.!?]?\s*(?:pick (?:it|them|one|these) up|collect (?:it|them))"
                 r"|^[^.!?]{0,80}\b\d+ (?:points|pts) (?:each|apiece)\b", rest):
        return "item"
    if re.search(r"^\s*(?:\w+\s+){0,3}(?:hurts?|kills?|costs? (?:a|one) li)", after):
        return "hazard"
    return ""


# Who pushes, when the pushed thing is one to move about: the player, or no one named (an imperative, a rule).
_PUSHERS = frozenset({"you", "player", "players", "hero", "heroine", "character", "can", "must", "may", "will", "should", "to",
                      "and", "then", "or", "cannot", "can't", "never", "only", "also", "just", "by", "jugador", "speler", "jogador"})
_PICKED_BY_PRONOUN = re.compile(r"\b(?:can |may |must |will )?(?:pick(?:s|ed)? (?:them|these) up|collect(?:s|ed)? (?:them|these)|grab(?:s|bed)? (?:them|these))\b", re.I)


def _reads_as_clause(name: str, language: str) -> bool:
    """'Además', 'Quindi la telecamera', 'Gioco dovrebbe', 'Zagrożeń środowiskowych': a sentence's opening (an
    adverb, a modal verb: among a language's very commonest words) or a class of obstacles, not a thing."""
    words = name.split()
    if not words or _OBSTACLE_CLASS.match(words[0]):
        return bool(words)
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a dependency
        return False
    langs = {"en", language} if language in _FUNCTION_LANGS else {"en"}
    if classify(name):
        return False
    freq = max(zipf_frequency(words[0].lower(), lang) for lang in sorted(langs))
    last = max(zipf_frequency(words[-1].lower(), lang) for lang in sorted(langs)) if len(words) > 1 and words[-1][:1].islower() else 0.0
    return freq >= 5.6 or last >= 5.3


def _sentence_candidates(sent: str, b: Block, add, collected: list[str], lowercase_doc: bool = False, language: str = "en") -> None:
    low = sent.lower()
    # Player: given names first, then descriptions ("you are a warehouse robot").
    for i, pat in enumerate(_PLAYER_NAMED):
        for m in pat.finditer(sent):
            # "a city called Korgis" names a place, not the player.
            if not i and _PLACE_CALLED.search(sent[: m.start(1)]):
                continue
            add(m.group(1), "player", 1)
    for m in _PROTAGONIST_COMMA.finditer(sent):
        add(m.group(1), "player", 1)
    m = _PLAYER_PAREN.search(sent)
    if m:
        add(_phrase(m.group(1).split("(")[-1], 3) if len(m.group(1).split()) > 3 else m.group(1), "player", 1)
    for pat in _PLAYER_SENTENCES:
        m = pat.search(sent)
        if m:
            words = _phrase(next(g for g in m.groups() if g)).split()
            while len(words) > 1 and re.search(r"(?:ing|ed)$", words[-1]):
                words.pop()
            add(" ".join(words), "player", 2)
    for m in _LIVES_OWNER.finditer(sent):
        # "the keeper's 4 lives" names the player; "the garden's 20 hearts" may be anything's: a given
        # (capitalised) name is sure, a common noun a guess.
        owner = m.group(1) or m.group(2)
        add(owner, "player", 1 if owner[:1].isupper() else 2)
    for m in _PLAYER_LOWER.finditer(sent) if lowercase_doc else ():
        word = m.group(1)
        if word not in _NOT_A_NAME and not re.search(r"(?:ing|ed|ly|ful|less|ous|ive|able|est|er)$", word):
            add(word, "player", 3)
    for m in _NAME_ACTS.finditer(sent):
        add(m.group(1), "player", 2)
    # Enemies: the subject of a hunting verb ("Ghouls chase the keeper", "Foxes prowl").
    for m in _SUBJECT_VERB.finditer(sent):
        name = m.group(1)
        if re.match(r"(?i)(?:.* )?(?:scavenger|treasure|egg|easter)$", name):  # a "scavenger hunt" is a search
            continue
        if not re.match(r"(?i)(?:you|it|they|he|she|we|player|players|that|which|who|this|these|those|each|one|also|then|can|will|enemies|que|die|dat|qui|any|every|no|some|all|most|both|either)\b", name.split()[-1]) \
                and not re.match(r"(?i)(?:any|every|no|some|all|each)\b", name):
            kind = classify(name)
            add(name.split()[-1] if len(name.split()) > 1 and name.split()[0].lower() in _STOP else name,
                kind if kind in ("enemy", "hazard") else "enemy", 1, sent)
    # "Other slimes are scattered around the map and the user can pick them up": the sentence's subject is picked up.
    if _PICKED_BY_PRONOUN.search(sent):
        name = _phrase(re.sub(r"^\W*(?:other|more|extra|additional|some|all|the|these|those)\s+", "", sent, flags=re.I))
        if name and classify(name) in ("item", "enemy", "") and re.search(r"[^s]s$|ies$", name.split()[-1]):
            collected.append(name.lower())
            add(name, "picked", 1, sent)  # an item, which may share the player's name ("Slime" picks up slimes)
    # Obstacles by their shape: "traps in the form of spikes and flames", "the water block, which kills".
    for part in class_forms(sent):
        name = _phrase(part)
        if name and classify(name) in ("hazard", "") and not _reads_as_clause(name, language):
            add(name, "hazard", 1, sent)
    for part in class_forms(sent, foes=True):
        name = _phrase(part)
        if name and classify(name) in ("enemy", "") and not _reads_as_clause(name, language) \
                and (classify(name) or re.search(r"[^s]s$|ies$|[^\W\d_]{3,}[ie]$", name.split()[-1])):
            add(name, "enemy", 1, sent)
    for name in harmful_tiles(sent):
        add(name, "hazard", 1, sent)
    if not any(w in low for w in ("collect", "grab", "steal", "bring", "loot", "gather", "pick", "catch", "pocket", "recog", "recolect",
                                  "verzamel", "pak", "atrapa", "avoid", "dodg", "evad", "touch", "esquiv", "sortear", "ontwijk",
                                  "reach", "get to", "back to", "return", "head", "through", "llegar", "bereik", "naar", "find",
                                  "push", "pull", "shov", "empuj", "duw", "raccog", "raccatt", "recolh", "colet", "ramass", "sammel",
                                  "sammle", "recull", "agaf", "zbier", "kumpul", "troba", "trova", "encuentra", "encontra", "trouve",
                                  "finde", "znajd", "temukan", "collectible", "collectable", "pickup", "pick-up", "power-up", "powerup", "defeat", "fight", "kill", "slay", "destroy",
                                  "battl", "derrot", "lucha", "combat", "vence", "sconfig", "uccid", "besieg", "kämpf", "kampf", "vecht",
                                  "versla", "pokona", "zabij", "kalahkan", "schiv", "evit", "évit", "desvi", "weich", "unika", "omija", "hindar")):
        return
    for m in _COLLECT.finditer(sent):
        collected.append(m.group(1).lower())
        if re.match(r"(?:and|or|en|y|o|from|with|for)\b", m.group(1), re.I):
            continue  # "pick up and move objects"
        for i, part in enumerate(_split_things(m.group(1))[:3]):
            if i and classify(_phrase(part)) != "item":
                continue  # "collect coins and death scenes": only the first thing is surely collected
            name = _phrase(part)
            kind = classify(name)
            # An unknown word is an item when collected in the plural or for points ("pick up snowflakes").
            strong = _FOREIGN_COLLECT_RE.match(m.group(0)) or _STRONG_COLLECT.match(m.group(0)) and (re.search(r"[^s]s$|ies$", name.lower()) or _ITEM_CUE.search(part + " " + sent[m.end():m.end() + 40]) and re.search(r"\b\d+\s*(?:points?|pts|puntos|punten)\b|\bworth\b", sent))
            if kind in ("item", ""):
                add(name, "item" if kind == "item" or b.kind in ("item", "row") or strong else "", 1, sent)
    for m in _FIGHT.finditer(sent):
        first = m.group(1).split()[0].lower() if m.group(1).split() else ""
        if first in _STOP or first in ("until", "till", "unless", "quickly", "easily", "instantly", "off", "back", "o", "e", "i", "et", "und", "en"):
            continue  # "kill at high percents", "fight back": no foe named
        for part in _split_things(m.group(1))[:3]:
            name = _phrase(part)
            kind = classify(name)
            # An unknown word is a foe only in the plural ("defeat the wraiths"; not "beat the level").
            plural = re.search(r"[^s]s$|ies$", name.lower()) or not re.match(r"(?:defeat|fight|kill|slay|battl)", m.group(0), re.I) \
                and re.fullmatch(r"[^\W\d_]{4,}[sie]", name.split()[-1].lower() if name else "")
            if name and (kind == "enemy" or not kind and plural and not re.search(r"(?:ing|ndo|mente)$", name.lower())):
                add(name, "enemy", 1 if kind else 2, sent)
    for m in _COLLECTIBLE_THING.finditer(sent):
        # "a collectable package appears", "collectibles include speed boosts, shields": named as collectible.
        for part in _split_things(m.group(1))[:3]:
            name = _phrase(part)
            if name and classify(name) in ("item", "") and not re.match(r"(?:is|are|will|can|appear\w*|spawn\w*)$", name.split()[0], re.I):
                collected.append(name.lower())
                add(name, "item", 1, sent)
    for m in _FIND_THINGS.finditer(sent):
        # "find the lost books", "troba tots els llibres": found in the plural, a thing to collect (not the exit).
        if re.match(r"(?:and|or|en|y|o|e|i|et|und|from|with|for|out|that|what|how|where|a way)\b", m.group(1), re.I):
            continue
        name = _phrase(_split_things(m.group(1))[0]) if _split_things(m.group(1)) else ""
        kind = classify(name)
        if re.search(r"\b(?:boundar\w*|edges?|limits?|borders?|answers?|solutions?|paths?|routes?|ways?|secrets?|means|"
                     r"friends?|allies|places?|spots?|locations?|rooms?|areas?|levels?|exits?)$", name, re.I):
            continue  # "find the boundaries of the level": no thing to pick up
        if name and kind in ("item", "") and re.search(r"[^s]s$|ies$", name.lower()) and not _GOAL_CUE.search(sent[m.start(1):]):
            collected.append(name.lower())
            add(name, "item", 1 if kind == "item" else 2, sent)
    for m in _PUSH.finditer(sent):
        name = _phrase(m.group(1))
        # "A gust of wind pushes the arrow left": pushed by a thing of the world, not by the player.
        pusher = re.findall(r"[\w'’]+", sent[: m.start()].lower())[-1:]
        if pusher and pusher[0] not in _PUSHERS and classify(name) != "item":
            continue
        # "push every crate", "never pull a barrel" (a pushed thing has an article; "push button" does not).
        if classify(name) == "item" or (not classify(name) and re.search(r"\s(?:every|each|all|the|a|an|one|de|het|la|el)\s+\S+$", m.group(0)[: m.start(1) - m.start() + len(m.group(1).split()[0])] if m.group(1).split() else "")):
            add(name, "item", 1, sent)
    for m in _AVOID.finditer(sent):
        if re.match(r"(?:or|and|to|falling|being|getting|o|y|en)\b", m.group(1), re.I):
            continue  # "avoid falling", "avoid or deceive the guards"
        foreign_verb = not re.match(r"(?:avoid|dodg|evad|without|touch)", m.group(0), re.I)
        articled = bool(re.search(r"\s(?:the|all|these|those|de|het|los|las|la|el)\s+$", m.group(0)[: m.start(1) - m.start()]))
        for part in _split_things(m.group(1))[:3]:
            name = _phrase(part)
            kind = classify(name)
            if foreign_verb and not kind and re.match(r"[^\W\d_]+(?:ar|er|ir|are|ere|ire)(?:se|si)?$", name.split()[0] if name else "x"):
                continue  # "evitar perder tripulantes": an infinitive, not a thing
            # After "schivare", "evitar": an unknown word is a thing in a plural's shape ("ragni", "vespe", "rocas").
            foreign_plural = foreign_verb and bool(re.fullmatch(r"[^\W\d_]{4,}[sie]", name.split()[-1].lower() if name else "")) \
                and not re.search(r"(?:ndo|ndose|nte|ente|mente)$", name.lower())
            if not kind and not (articled or foreign_plural or re.search(r"[^s]s$", name.lower())) or re.search(r"ing$", name.lower()):
                continue  # an unknown word is a thing to avoid only as "the X" or a plural
            add(name, kind if kind in ("enemy", "hazard") else ("enemy" if not kind else ""), 1 if kind else 2, sent)
    for m in _REACH.finditer(sent):
        name = _phrase(m.group(1))
        kind = classify(name)
        if kind == "goal" or (not kind and (_GOAL_CUE.search(sent) or b.section and re.search(r"win|goal|objective|victor", norm_key(b.section[-1])))):
            add(name, "goal", 1, sent)
    for m in _FIND.finditer(sent):
        name = _phrase(m.group(1))
        if classify(name) in ("goal", "") and _GOAL_CUE.search(sent[m.start(1):]):
            add(name, "goal", 1, sent)


_PLAYER_PLACES = re.compile(r"\b(?:the |a )?(?:players?|you) (?:can |may |will |must |get to |is able to |are able to )?"
                            r"(?:buy|purchase|place|lay|deploy|put down|set down|build)\b", re.I)
_KIT_SECTION = re.compile(r"cards|cartas|cartes|karten|kaarten")
_KIT_LINE = re.compile(r"\b" + _KIT_CLASS + r"\b")
# A named object in code: '"Scientists": {', "'Fire Imp': {", 'Slime = {' (a name, then what it holds).
_CODE_ENTRY = re.compile(r"""^(?:["']([A-Za-zÀ-ÿ][\w '’-]{1,30})["']|([A-Z][A-Za-z]+(?: [A-Z][A-Za-z]+)?))\s*[:=]\s*[{\[(]\s*$""")
_CAPTION_LEVEL = 7  # a plain line read as a heading: deeper than any markdown heading, and no thing itself


def _field_headed(doc: Document) -> Document:
    """Plain lines under a plain line that is only a role word and a colon ("monsters:" then
    "beast: wanders between set points") read as a section of that role: the colon line is its heading,
    each "name: what it does" line one of its entries. Written as text, not bullets, so the parser
    kept them flat; a heading, a bullet or another colon-only line ends the run."""
    blocks: list[Block] = []
    under: tuple[str, ...] | None = None
    entries = "text"  # what the run's entries are written as
    for i, b in enumerate(doc.blocks):
        opens = b.kind == "text" and b.key and not b.value and len(b.key.split()) <= 2
        if opens:
            under = b.section + (b.key,) if section_role(b.key) in ("enemy", "item", "hazard") else None
            entries = "text"
            blocks.append(replace(b, kind="heading", text=b.key, key="", level=_CAPTION_LEVEL) if under else b)
            continue
        # "Example Cards - Fire" over a bullet list: a caption naming a class of kit heads the bullets below it.
        nxt = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        kit = _KIT_LINE.search(norm_key(b.text)) if b.kind == "text" and not b.key and len(b.text.split()) <= 6 \
            and not b.text.rstrip().endswith((".", ":", "?", "!")) and nxt is not None and nxt.kind == "item" else None
        if kit:
            under, entries = b.section + (kit.group(0),), "item"
            blocks.append(replace(b, kind="heading", level=_CAPTION_LEVEL))
            continue
        if under is not None and entries == "item" and b.kind == "item" and b.section == under[:-1]:
            blocks.append(replace(b, section=under))
            continue
        if b.kind != "text" or under is None or b.section != under[:-1] or entries != "text":
            under = None
            blocks.append(b)
            continue
        # "beast: ..." is an entry; "etat 1: ..." (a number in the key) and plain prose describe one above it.
        entry = bool(b.key and b.value and len(b.key.split()) <= 3 and not re.search(r"\d", b.key))
        blocks.append(replace(b, section=under, kind="item" if entry else "text"))
    return Document(blocks=blocks)


def _candidates(doc: Document, language: str = "en", story: bool = False) -> list[Candidate]:
    """``story``: the genre tells a story, so the GDD's people (named or not) and the things its plot
    turns on are its cast and its items."""
    out: list[Candidate] = []
    order = 0
    doc = _field_headed(doc)

    titles = _reference_titles(doc)
    # The one top-level heading is the document's title ("Barrow Deep — backlog"), not a section.
    tops = [b for b in doc.blocks if b.kind == "heading" and b.level == 1]
    root = tops[0].text if len(tops) == 1 else ""

    def add(name: str, kind: str, priority: int, description: str = "", explicit: bool = False) -> None:
        nonlocal order
        if len(out) >= MAX_CANDIDATES:
            return  # a GDD naming thousands of things is pasted data; the first ones decide
        name = clean_name(_strip_determiners(clean_name(name)))
        if _is_generic(name) or not kind or not is_noun_phrase(name):
            return
        if kind != "player" and is_fragment(name, language):
            # "Inimigos seguem uma": the clause's subject, when the lexicon knows it, is the thing.
            words = name.split()
            name = next((" ".join(words[:k]) for k in range(len(words) - 1, 0, -1)
                         if classify(" ".join(words[:k])) and not is_fragment(" ".join(words[:k]), language)), "")
            if not name or _is_generic(name):
                return
        if kind != "player" and _in_title(name, titles):
            return  # a clause, a control, or another game's name ("inspired by Vampire Survivors")
        order += 1
        out.append(Candidate(name, kind, priority, order, plain(description, 160), explicit))

    # 0. Fields naming a role anywhere: "**Player**: Lancer, a starfighter", "Enemies: Wasps and Bombers".
    for i, b in enumerate(doc.blocks):
        if b.kind == "item" and b.key and not b.value and norm_key(b.key) in _PLAYER_KEYS:
            # "- Player:" with what it is on the nested line below ("- a head with googly eyes on a spring").
            nxt = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
            if nxt is not None and nxt.kind == "item" and nxt.level > b.level and not nxt.key:
                add(_phrase(_strip_determiners(nxt.text)), "player", 0, nxt.text, explicit=True)
            continue
        if not (b.key and b.value):
            continue
        named = _ROLE_NAMED_KEY.match(plain(b.key, 80))
        if named:
            add(named.group(1), "player", 0, b.value, explicit=True)
            continue
        key_role = section_role(b.key)
        if norm_key(b.key) in _PLAYER_KEYS:
            add(_phrase(b.value.split(",")[0]), "player", 0, b.value, explicit=True)
        elif norm_key(b.key) in _ROLE_KEYS and len(b.value) < 200:
            key_role = _ROLE_KEYS[norm_key(b.key)]
            for part in re.split(r",|;|\band\b|\by\b|\ben\b", b.value):
                name = _phrase(part)
                after = part.split(name, 1)[-1].split()[:1] if name else []
                if after and after[0].lower() in _DETERMINERS - {"de", "o", "as"}:
                    continue  # "Obstáculos: Implementase un sistema de ...": a verb, then its object
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
        name_keys = _PLAYER_NAME_KEYS if role == "player" else _NAME_KEYS
        name = next((fields[k] for k in fields if k in name_keys), "")
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
            if b.kind == "text" and role in ("enemy", "item", "hazard"):
                # Prose under "Enemies": its bold words and the subject of its first sentence.
                for phrase in b.bold:
                    add(phrase, classify(phrase) if classify(phrase) in ("hazard", "goal") else role, 1, b.text)
                if _KIT_SECTION.fullmatch(norm_key(path[-1])):
                    continue  # prose under "Cards" tells how cards work; the cards are its list's lines
                first = sentences(b.text)[:1]
                # "👾 DRONE — FLIES IN STRAIGHT LINES": a name, a dash, then what it does.
                lead = re.match(r"^[^\w\[(]*([A-ZÀ-Þ][^—–:\[\]()]{0,40}?)\s+(?:[—–]|-{1,2})\s+\S", first[0]) if first else None
                if lead and len(lead.group(1).split()) <= 4 and not b.key:
                    add(lead.group(1), role, 1, b.text)
                elif first and not b.key and not first[0][:1].islower() and not _reads_as_clause(_phrase(first[0]), language):
                    add(_phrase(first[0]), role, 1, b.text)  # ("place on the map ..." goes on a line above)
                for m in re.finditer(r"\b(?:the|a|an) ((?:[A-Z][\w'’-]+ ?){1,3})", b.text):
                    add(m.group(1), role, 1, b.text)
                continue
            if b.kind != "item":
                continue
            k = norm_key(b.key)
            if b.key and _ATTR_KEYS.match(k):
                continue
            if _describes_parent(b, blocks):
                continue  # "- Ghoul" / "  - Fast": a nested word describes the thing above it
            # "Fruits: apples, bananas, pineapples" -> three items of the key's kind.
            parts = re.split(r",|\band\b|\by\b|\ben\b", b.value) if b.key and b.value and "," in b.value else []
            if parts and all(0 < len(p.split()) <= 4 and not re.search(r"[\d:]", p) for p in parts) and _lists_things(b.key, parts):
                kind = classify(b.key) or (role if role not in ("mixed", "player") else "")
                for part in parts:
                    part_kind = kind or classify(part)
                    add(part, part_kind, 0, b.text)
                continue
            text = b.text
            key, value, bold_key = b.key, b.value, b.bold_key
            # "**Jar lid** — 10 points each": a bold name and a dash is a field like "Jar lid: ...".
            lead = re.match(r"^" + re.escape(b.bold[0]) + r"\s*[—–-]+\s+(\S.*)$", text) if b.bold and not key else None
            if lead and len(b.bold[0].split()) <= 4:
                key, value, bold_key = b.bold[0], lead.group(1), True
            # "a tennis ball = 50 points", "Spinner — drifts toward you": a name, then what it is.
            eq = re.match(r"^([^=—–:()]{2,40}?)\s+(?:=|—|–)\s+(\S.*)$", text) if not key else None
            if eq and len(eq.group(1).split()) <= 4:
                key, value = eq.group(1), eq.group(2)
            # "(boss)" says what a thing is only right after its name, not as "(stretch goal)" at the end.
            annotated = re.match(r"^[^()]{1,40}?\s*\(([^)]{1,40})\)", text)
            # (a bracket that says what it does, "(2 energy, hits all enemies)", says nothing of what it is)
            kind = _kind_from_words(annotated.group(1)) if annotated and len(annotated.group(1).split()) <= 3 else ""
            first_clause = re.split(r"[,;.(—–]|\s-\s", value)[0].split() if value else []
            if not kind and key and value and 0 < len(first_clause) <= 4 and not any(_VERB_RE.match(w) for w in first_clause):
                # "Luna: la protagonista", "Knight: the player's unit, slow but tough" (the type word
                # leads its first clause; "dropped by enemies" says nothing of Gold)
                kind = _kind_from_words(" ".join(first_clause[:2]))
                annotated = annotated or (kind and True)
            # "Medals: 1000 points each" names a Medal, bold or not.
            keyed = bool(key and value and len(key.split()) <= 3 and not re.search(r"\d", key))
            name = clean_name(key if (key and (bold_key or keyed)) else text)
            if not (bold_key or keyed):
                name = _phrase(name) or name  # "Slakken die heen en weer lopen" -> "Slakken"
            desc = value if keyed else text
            if not kind and role == "mixed" and name and _PLAYER_APPOSITION.match(text[text.find(name) + len(name):] if name in text else ""):
                kind, annotated = "player", True  # "Ada, the player, new in town"
            if not kind:
                if role == "mixed":
                    kind = classify(name) or ("player" if PLAYER_NOUNS.search(name) and not _titled(name) else "")
                    # "Captain Rowe, the gruff harbour master", "Lina": one of the cast, not a thing.
                    kind = kind or ("character" if _is_person(name, text) else "")
                elif role == "player":
                    kind = "player"
                else:
                    kind = classify(name) if classify(name) in ("goal", "hazard") and role in ("item", "enemy") else role
                    # "Thorns: spikes on the ground" under Enemies is a hazard.
                    if role == "enemy" and _HAZARD_DESC.search(desc.strip()):
                        kind = "hazard"
                    # A long sentence in an Objects list is prose, not a thing's name.
                    if role == "item" and not classify(name) and len(text.split()) > 4 and not (bold_key or keyed):
                        # ... unless the name is the sentence's subject ("a dog treat gives you one more life").
                        after = re.search(re.escape(name) + r"\s+([\w'’]+)", text, re.I) if name else None
                        # ... or a name and what it does in brackets ("Fire Lotus (3 energy, 10 damage)").
                        glossed = bool(name) and len(name.split()) <= 3 and name[:1].isupper() \
                            and re.match(re.escape(name) + r"\s*\(", text) is not None
                        if not glossed and not (after and _VERB_RE.match(after.group(1)) and len(name.split()) <= 3):
                            kind = ""
            add(name, kind, 0, text, explicit=bool(annotated and kind))
        # Sub-headings inside a mixed section are things too ("### Red Diamond").
    for b in doc.blocks:
        if b.kind == "heading" and b.level != _CAPTION_LEVEL and b.section \
                and _role_of_path(b.section) in ("mixed", "item", "enemy", "hazard") \
                and (not section_role(b.text) or _role_of_path(b.section) == "hazard"):
            body = " ".join(x.text for x in groups.get(b.section + (b.text,), []) if x.kind == "text")
            if _THIS_IS_PLAYER.search(body):
                continue  # added above as the player
            role = _role_of_path(b.section)
            placed = False
            if role == "hazard":
                # "Traps: things the player can buy and place": the player's own kit, so items (a "Glue
                # Trap" among them too). Other hazard sections are read by their lists, as before.
                said = " ".join(x.text for x in groups.get(b.section, []) if x.kind == "text")
                placed = bool(_PLAYER_PLACES.search(said))
                # Otherwise a short sub-heading is one obstacle ("### Parede" under "Blocos"); the rest
                # ("### Design notes") is read by its lists, as before.
                # ("### Individual obstacles" beside "### Possible combinations": the sub-headings sort, not name.)
                sorts = any(x.kind == "heading" and x.section == b.section and section_role(x.text) for x in doc.blocks)
                if not placed and (sorts or len(b.text.split()) > 3 or re.search(r"\d", b.text) or _reads_as_clause(b.text, language)):
                    continue
            kind = "item" if placed else ("hazard" if role == "hazard" and classify(b.text) != "goal" else "") \
                or classify(b.text) or (role if role != "mixed" else "")
            if not kind and role == "mixed" and _is_person(clean_name(b.text), b.text):
                kind = "character"  # "### Lina" under Characters
            # The kinds of card under "Cards", the traps of a trap shop: listed outright, like a type column.
            listed = placed or bool(_KIT_SECTION.fullmatch(norm_key(b.section[-1])))
            add(b.text, kind, 0, body, explicit=listed and bool(kind))

    # 1b. Code under a heading of cards or of a role ("Action Card Types" over ```{"Scientists": {cost: 5, ...}```):
    # each object the code defines by name is one of them, listed outright.
    for b in doc.blocks:
        if b.kind != "code" or not b.section:
            continue
        entry = _CODE_ENTRY.match(b.text.strip())
        if not entry:
            continue
        title = norm_key(b.section[-1])
        role = _role_of_path(b.section)
        kind = "item" if _KIT_LINE.search(title) or re.search(r"\b(?:card|carta|carte|karte|kaart)\b", title) else \
            (role if role in ("enemy", "item", "hazard") else "")
        if kind:
            add(entry.group(1) or entry.group(2), classify(entry.group(1) or entry.group(2)) if kind == "hazard" else kind, 0, b.text, explicit=True)

    # 2. Tables with a type column (entity tables); tables under a role section.
    stats_tables: set[tuple] = set()
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
        elif re.match(r"^(?:character|hero|party member|protagonist|personaje|personage)s?$", head[name_col]):
            # "Character | HP | ATK" (a stats table): its first row is the one the player starts as.
            if (b.header, b.section) not in stats_tables:
                stats_tables.add((b.header, b.section))
                add(cells[name_col], "player", 2, "", explicit=False)
            continue
        else:
            continue
        desc = " ".join(c for i, c in enumerate(cells) if i not in (name_col, type_col))
        add(cells[name_col], kind, 0, desc, explicit=True)

    # 3. Sentences.
    collected: list[str] = []
    level_names = _level_names(doc)
    # All-lowercase writing ("you're rosa and you drive a food truck"): most lines start in lowercase.
    starts = [b.text.lstrip("*_ ")[:1] for b in doc.blocks if b.kind in ("text", "item") and b.text.lstrip("*_ ")[:1].isalpha()]
    lowercase_doc = bool(starts) and sum(c.islower() for c in starts) > len(starts) / 2
    for b in doc.blocks:
        if b.kind in ("code", "heading"):
            continue
        if any(_IGNORED_SECTIONS.search(norm_key(t)) and not _ROLE_OK.search(norm_key(t)) for t in b.section[-1:]) and b.kind == "row":
            continue
        if _aside(b.section, root):
            # What other games do ("Inspiration: in Vampire Survivors bosses drop loot"), what this one may
            # get one day ("Potential next steps: collectibles, keys or coins"): only the player is read there.
            for sent in sentences(b.text)[:50]:
                _sentence_candidates(sent, b, lambda n, k, *a, **kw: add(n, k, *a, **kw) if k == "player" else None, [], lowercase_doc)
            continue
        low = b.text.lower()
        for sent in sentences(b.text)[:50]:
            _sentence_candidates(sent, b, add, collected, lowercase_doc, language)
        # Bold words: the verbs around them say what they are.
        for phrase in b.bold[:10]:
            phrase = re.sub(r"^\s*\[[^\]]{0,20}\]\s*", "", phrase)  # "[card] arena art": the tag is the board's, not the thing's
            if not phrase:
                continue
            kind = _bold_kind(phrase, b.text, low)
            if kind:
                add(phrase, kind, 1, b.text)

    # 4. Known nouns in lists, tables and headings (prose is too noisy for this).
    for b in doc.blocks:
        if b.kind == "code" or b.text.rstrip().endswith("?"):
            continue
        sec_role = _role_of_path(b.section)
        if sec_role == "player" or _aside(b.section, root) or any(
                _IGNORED_SECTIONS.search(norm_key(t)) and not _ROLE_OK.search(norm_key(t)) for t in b.section):
            continue  # "daily challenge seed?", a level called "Star Canopy", the player's own kit
        scans = ((GOAL_WORDS, "goal"), (ENEMY_WORDS, "enemy"), (ITEM_WORDS, "item"), (HAZARD_WORDS, "hazard"))
        if b.kind == "row" and any(re.match(r"(type|tipo|role|rol|kind|soort)", norm_key(h)) for h in b.header):
            continue  # an entity table already said what each row is
        prose = b.kind not in ("item", "row", "heading") and len(b.text) > 80
        for pattern, kind in scans:
            for m in pattern.finditer(b.text):
                before = b.text[: m.start()].split()
                name = m.group(0)
                if name.lower() in level_names:
                    continue
                if b.text[m.start() - 1: m.start()] == "[" and b.text[m.end(): m.end() + 1] == "]":
                    continue  # "[card] ...": a tag, not a thing
                if before and before[-1].lower() in ("to", "te", "zu") and name[:1].islower():
                    continue  # "proberen aan te vallen", "to trap": a verb after its infinitive marker
                if any(b.text[m.start(): m.start() + len(t)].lower() == t for t in titles):
                    continue  # "inspired by vampire survivors": a word of another game's name
                # "your interceptor guards a station": a verb, not a guard; "arrow keys" are not keys.
                if re.match(r"\s+(?:a|an|the|his|her|their|its|every|all|any|your|each)\b", b.text[m.end():]) and before and not before[-1][:1].isupper():
                    continue
                if re.match(r"\s+of\s+(?:the|a|an|its|this|that|every|each)\b", b.text[m.end():]) and re.fullmatch(r"(?i)hearts?", name):
                    continue  # "the heart of the loop": an idiom, not a heart to collect
                if before and before[-1].lower() in ("arrow", "cursor", "wasd", "any", "hot", "number", "function", "control", "the arrow"):
                    continue
                if before and re.match(r"(?i)(?:shoot|fire|fires|shoots|shooting|firing|dodges?|dodging)$", before[-1]):
                    continue  # "shoots lasers", "dodges bullets": projectiles, not things on the map
                if before and len(b.text.split()) <= 3 and before[-1][:1].isupper() and before[-1].lower() not in _MODIFIERS:
                    continue  # "Card Skeleton" names a card, not a skeleton
                if prose:
                    # In prose the sentence around the word is its context, not the whole paragraph.
                    start = max(b.text.rfind(". ", 0, m.start()), b.text.rfind("; ", 0, m.start()), -1) + 1
                    end = min([x for x in (b.text.find(". ", m.end()), b.text.find("; ", m.end())) if x >= 0] or [len(b.text)])
                    context = b.text[start:end]
                else:
                    context = b.text
                if before and before[-1].lower() in _MODIFIERS:
                    name = before[-1] + " " + name
                # A heading names a thing only when it is just that thing ("Card Skeleton" is not a skeleton).
                if b.kind == "heading" and kind != "goal" and norm_key(b.text) != norm_key(name):
                    continue
                if kind == "goal":
                    if prose and not _GOAL_CUE.search(context):
                        continue
                elif sec_role != kind:
                    # Outside its own section a known noun needs a reason: a threat next to an enemy,
                    # a pick-up cue next to an item, or being the line's subject.
                    subject = len(before) <= 3
                    cue = {"enemy": _THREAT, "item": _ITEM_CUE, "hazard": _THREAT}[kind]
                    if sec_role in ("enemy", "item", "hazard") and not subject:
                        continue  # "spray bullets in rings" under Enemies is no ring
                    if prose and not cue.search(context):
                        continue
                    if not prose and not subject and not cue.search(context):
                        continue
                    if kind == "enemy" and not cue.search(context) and len(b.text.split()) > 4:
                        continue
                won = kind == "goal" and re.search(r"\bwin|\bvictory|\bto finish", context, re.I)
                add(name, kind, 1 if won else 2, b.text)
    if story:
        _story_candidates(doc, root, add, language)
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


# "Ada, a lighthouse keeper's apprentice", "Rowe, the harbour master": a given name set off by its description.
_APPOSITION = re.compile(r"(?<![.!?:]\s)(?<!^)\b([A-ZÀ-Þ][a-zà-ÿ'’-]{1,20}(?: [A-ZÀ-Þ][a-zà-ÿ'’-]{1,20})?), "
                         r"(?:the|a|an|his|her|your|their|el|la|un|una|o|um|uma|le|der|die|de|het|een) ([a-zà-ÿ'’ -]{3,60})")


_CALLED = re.compile(r"\b(?:named|called|llamad[oa]|chamad[oa]|nomm[ée]e?|appel[ée]e?|genaamd|namens)\s+([A-ZÀ-Þ][a-zà-ÿ'’-]+)")


def _story_candidates(doc: Document, root: str, add, language: str) -> None:
    """The cast and the props of a story: named people set off by a description, bold names under a
    characters section, the people it speaks of by their part (suspects, classmates) and the things
    the player finds, reads or keeps (letters, keys, clues)."""
    common = _function_words(language)
    # The game's own name ("**Keepsake**, a quiet visual novel") is no one in it.
    titles = {norm_key(plain(b.text, 80)) for b in doc.blocks if b.kind == "heading" and b.level == 1}
    for i, b in enumerate(doc.blocks):
        # "a girl named Elsie", also where a hard-wrapped line ends on "named" (the name opens the next block).
        nxt = doc.blocks[i + 1] if i + 1 < len(doc.blocks) else None
        joined = b.text + (" " + nxt.text if nxt is not None and nxt.kind == b.kind == "text" and nxt.section == b.section else "")
        for m in _CALLED.finditer(joined) if b.kind != "code" else ():
            if m.start() < len(b.text):
                add(m.group(1), "character", 2, joined)
        if b.kind == "code" or _aside(b.section, root) or any(
                _IGNORED_SECTIONS.search(norm_key(t)) and not _ROLE_OK.search(norm_key(t)) for t in b.section):
            continue
        in_cast = _role_of_path(b.section) == "mixed"
        for sent in sentences(b.text)[:50]:
            for m in _APPOSITION.finditer(sent):
                name, said = m.group(1), m.group(2)
                if name.split()[0].lower() in common or classify(name) or _is_generic(name) or any(norm_key(name) in t for t in titles):
                    continue  # "However, the ...", "Coins, the ...": no person
                add(name, "player" if _PLAYER_APPOSITION.match(", the " + said) else "character", 2, sent)
            if _STORY_THING_CUE.search(sent):
                for m in _STORY_THINGS.finditer(sent):
                    add(m.group(0), "item", 2, sent)
            for m in _STORY_PEOPLE.finditer(sent):
                word = singular(m.group(0).lower())
                add(word[:1].upper() + word[1:], "character", 3, sent)
        if in_cast:
            for phrase in b.bold[:10]:
                if _is_person(phrase, phrase) and not classify(phrase):
                    add(phrase, "character", 1, b.text)


def _same_thing(a: str, b: str) -> bool:
    """'diamond' ~ 'red diamond', 'monedas' ~ 'monedas de oro': one word shared at either end."""
    if a.endswith(" " + b) or b.endswith(" " + a) or a.startswith(b + " ") or b.startswith(a + " "):
        return True
    # "platillo" ~ "platillos voladores": a one-word name that is the other's first word, plural or not.
    wa, wb = a.split(), b.split()
    if wa and wb and (len(wa) == 1 or len(wb) == 1):
        return singular(wa[0]) == singular(wb[0]) or wa[0].rstrip("s") == wb[0].rstrip("s")
    return False


def _near(name: str, context: str) -> str:
    """Clauses of the context that mention the thing ('Ghouls chase ...; wardens patrol ...')."""
    low = name.lower()
    keys = {low, singular(low), low.split()[-1] if low.split() else low, singular(low.split()[-1]) if low.split() else low}
    for splitter in (r"[.;,!?:]\s*|\n|\band\b", r"[.;!?]\s*|\n"):
        parts = [c for c in re.split(splitter, context) if any(k and k in c.lower() for k in keys)]
        near = " ".join(parts)
        if parts and (_CHASE.search(near) or _PATROL.search(near) or _SHOOTS.search(near) or _FLY.search(near)):
            return near
    return context


def _behavior(kind: str, name: str, context: str, genre: str, mode: str) -> str:
    if kind == "player":
        return "player"
    falls = "falls from above" in context
    context = _near(name, context) + (" falls from above" if falls else "")
    text = f"{name} {context}"
    if "falls from above" in context:
        return "faller"
    if kind in ("item", "hazard", "goal"):
        return "static"
    if genre == "shooter":
        return "shooter" if _SHOOTS.search(context) and not _FLY.search(name) else "flyer"
    if _FLY.search(name) or re.search(r"\b(?:fl(?:y|ies)|flutter\w*|swoop\w*|hover\w*) ", context, re.I) and genre == "platformer":
        return "flyer"
    if _CHASE.search(text) or (genre == "adventure" and re.search(r"monster|zombie|ghost|skeleton", name, re.I)):
        return "chaser"
    if _PATROL.search(text):
        return "patrol"
    if genre == "platformer":
        return "walker"
    return "patrol" if genre in ("adventure", "puzzle") else "walker"


# The class words a GDD calls its enemies by, when it names no kind of enemy.
_ENEMY_CLASS = re.compile(r"\b(?:enem(?:y|ies)|foes?|enemigos?|inimigos?|gegner|vijand(?:en)?|ennemis?|nemic[oi]|musuh|"
                          r"wrog(?:owie|ów|a|i)?|przeciwni(?:k|cy|ków))\b", re.I)
_ENEMY_SINGULAR = {"enemies": "enemy", "foes": "foe", "enemigos": "enemigo", "inimigos": "inimigo", "vijanden": "vijand",
                   "ennemis": "ennemi", "nemici": "nemico", "wrogowie": "wróg", "wrogów": "wróg", "wroga": "wróg", "wrogi": "wróg",
                   "przeciwnicy": "przeciwnik", "przeciwników": "przeciwnik"}


# Words for a whole class of foes, never one kind of them.
_CLASS_WORD = re.compile(_ENEMY_CLASS.pattern + r"|\b(?:monsters|monstres|monstruos|monstros|mostri|potwory|baddies|bad guys)\b", re.I)


def _said(name: str, body: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body, re.I) is not None


def _enemy_word(doc: Document) -> str:
    """The GDD's own word for its enemies ('Gegner', 'Enemy'), when it speaks of them at least twice
    outside asides and never says there are none; '' otherwise."""
    tops = [b for b in doc.blocks if b.kind == "heading" and b.level == 1]
    root = tops[0].text if len(tops) == 1 else ""
    text = "\n".join(b.text for b in doc.blocks if b.kind != "code" and not _aside(b.section, root)
                     and not any(_IGNORED_SECTIONS.search(norm_key(t)) and not _ROLE_OK.search(norm_key(t)) for t in b.section))
    if _NO_ENEMIES.search(text):
        return ""
    counts: dict[str, int] = {}
    forms: dict[str, dict[str, int]] = {}
    for m in _ENEMY_CLASS.finditer(text):
        form = m.group(0).lower()
        w = _ENEMY_SINGULAR.get(form, form)
        counts[w] = counts.get(w, 0) + 1
        forms.setdefault(w, {}).setdefault(form, 0)
        forms[w][form] += 1
    if sum(counts.values()) < 2:
        return ""
    best = max(sorted(counts), key=lambda k: counts[k])
    # The form the GDD writes most ("enemies" when it never says "enemy"), so the name is found in its text.
    best = max(sorted(forms[best]), key=lambda k: forms[best][k])
    return best[:1].upper() + best[1:]




def extract_entities(doc: Document, body: str, genre: str, mode: str, language: str, foreign=None) -> Found:
    # A genre that tells its game in dialogue plays its GDD's people as its cast (the enemy slot).
    story = "dialogue" in REGISTRY[genre].delivers
    cands = sorted(_candidates(doc, language, story), key=lambda c: (c.priority, c.order))
    taken: set[str] = set()
    seen: dict[str, str] = {}
    warnings: list[str] = []
    by_kind: dict[str, list[Candidate]] = {"player": [], "enemy": [], "item": [], "hazard": [], "goal": [], "character": []}
    if not story:
        cands = [c for c in cands if c.kind != "character"]  # a person who is no foe is no thing to draw here
    # "Isla Barco Fantasma" in a list of islands is a place to play, not a ghost.
    places = {fold(n) for n in named_places(doc)}
    cands = [c for c in cands if fold(c.name) not in places]
    # "Monsters" beside a Beast and a Zombie is what they all are, not one more of them.
    named_foes = [c for c in cands if c.kind == "enemy" and not _CLASS_WORD.fullmatch(c.name.strip())]
    if named_foes:
        cands = [c for c in cands if not (c.kind == "enemy" and _CLASS_WORD.fullmatch(c.name.strip()))]
    picked = [c for c in cands if c.kind == "picked"]
    cands = [c for c in cands if c.kind != "picked"]
    for c in cands:
        name = singular(c.name) if language == "en" and c.kind not in ("player", "character") else c.name
        if name != c.name and not _said(name, body) and not re.fullmatch(re.escape(name) + r"e?s", c.name, re.I):
            name = c.name  # "Cacti" stays as written when the GDD never says "cactus": its name is found in its text
        key = name.lower()
        if key in seen:
            continue
        # "Diamond" after "Red Diamond": the same thing named shorter.
        if any(_same_thing(key, other.name.lower()) for other in by_kind[c.kind]):
            continue
        seen[key] = c.kind
        c.name = name
        by_kind[c.kind].append(c)
    for c in picked:
        c.kind, c.name = "item", singular(c.name) if language == "en" else c.name
        key = c.name.lower()
        if seen.get(key) in (None, "player") and not any(_same_thing(key, o.name.lower()) for o in by_kind["item"]):
            seen.setdefault(key, "item")
            by_kind["item"].append(c)
    # "Green slime" beside a player who is a Slime and slimes to pick up: the player's own kind, no foe.
    kin = singular(by_kind["player"][0].name.split()[-1]).lower() if by_kind["player"] and by_kind["player"][0].name.split() else ""
    if kin and any(singular(c.name.split()[-1]).lower() == kin for c in by_kind["item"] if c.name.split()):
        by_kind["enemy"] = [c for c in by_kind["enemy"] if not c.name.split() or singular(c.name.split()[-1]).lower() != kin]
    # "Mines" said in passing where a list names "Land Mines" as the player's kit: that item, not a hazard too.
    kit = {singular(c.name.split()[-1]).lower() for c in by_kind["item"] if c.priority == 0 and c.name.split()}
    by_kind["hazard"] = [c for c in by_kind["hazard"] if c.priority == 0 or singular(c.name).lower() not in kit]
    # Explicitly typed things first; then the ones the lexicon knows; then the rest.
    # Among the weakest (known nouns met in lists), what the GDD speaks of more often goes first: "Potions"
    # said six times beats "Gold" said twice.
    said_times: dict[str, int] = {}
    for c in cands:
        if c.name.split():
            head = singular(c.name.split()[-1]).lower()
            said_times[head] = said_times.get(head, 0) + 1

    def often(c: Candidate) -> int:
        return -said_times.get(singular(c.name.split()[-1]).lower(), 0) if c.priority >= 2 and c.name.split() else 0
    for kind in ("enemy", "item", "hazard"):
        by_kind[kind].sort(key=lambda c: (not c.collected, c.priority, not c.explicit, often(c), c.order))
    caps = {"player": 1, "enemy": MAX_ENEMIES, "item": MAX_ITEMS, "hazard": MAX_HAZARDS, "goal": 1, "character": MAX_ENEMIES}
    by_kind["character"].sort(key=lambda c: (c.priority, c.order))
    # "You are Mara ... a boy named Tobias": in a story the other given names read as the player are its people.
    others = [c for c in by_kind["player"][1:] if c.priority <= 1 and _is_person(c.name, body)] if story else []
    # Past the cap, only what the GDD lists outright (a type column, a role field) is kept, up to MAX_LISTED.
    by_kind = {k: v[: caps[k]] + ([c for c in v[caps[k]:] if c.explicit and c.priority == 0][: MAX_LISTED - caps[k]]
                                  if k in ("enemy", "item", "hazard") else []) for k, v in by_kind.items()}

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

    def make(c: Candidate | None, kind: str, name: str = "", stock: bool = False) -> Entity:
        """``stock``: a fill-in of Maestro's own (the genre's cast) where the GDD names none."""
        name = (c.name if c else name)[:40]
        ctx = f"{c.description if c else ''} {context_of.get(name, '')}"
        if name in falls or (c and _FALL.search(c.description)):
            ctx += " falls from above"
        slug = unique_slug(name, taken, fallback=kind)
        return Entity(
            name=name, kind=kind, slug=slug, description=c.description if c else "",
            behavior=_behavior(kind, name, ctx, genre, mode), stock=stock,
        )

    d_player, d_enemy, d_item, d_goal = REGISTRY[genre].cast_for(mode)
    if foreign is not None:
        d_player, d_enemy, d_item = foreign.player or d_player, foreign.enemy, foreign.item or d_item
    # A plain shooter's player with no name flies the genre's ship: its word "player" would lose the body.
    own = _owned_body(body) or ("" if genre == "shooter" and foreign is None else _role_word(body))
    if by_kind["player"]:
        player = make(by_kind["player"][0], "player")
    elif own:
        # The GDD names no character: its own word for what the player controls beats a genre's guess.
        player = make(None, "player", own)
        warnings.append(f"The GDD gives the player no name; calling it '{own}', the GDD's own word.")
    else:
        player = make(None, "player", d_player, stock=True)
        warnings.append(f"The GDD names no player character; using a default '{d_player}'.")
    # A story's people come first, then its foes; elsewhere a character who is no foe is no thing to draw.
    cast = by_kind["character"] if story else []
    cast = others + cast
    enemies = [make(c, "enemy") for c in (cast + by_kind["enemy"])[:max(MAX_ENEMIES, len(by_kind["enemy"]))]]
    own_enemy = "" if enemies else _enemy_word(doc)
    if own_enemy:
        # The GDD speaks of enemies but names none: its own word ("Gegner", "Enemy") beats a genre's guess.
        enemies = [make(None, "enemy", own_enemy)]
        warnings.append(f"The GDD gives its enemies no name; calling them '{own_enemy}', the GDD's own word.")
    if not enemies and d_enemy:
        if genre == "adventure" and re.search(r"\bstealth|guards?\b", body, re.I):
            d_enemy = "Guard"
        enemies = [make(None, "enemy", d_enemy, stock=True)]
        warnings.append(f"The GDD names no enemy; using a default '{d_enemy}'.")
    items = [make(c, "item") for c in by_kind["item"]]
    if not items:
        d_item = "Crate" if genre == "puzzle" and mode == "sokoban" else ("Gem" if genre == "puzzle" else d_item)
    if not items and d_item:  # (a family with no default item, a board game, gets none)
        items = [make(None, "item", d_item, stock=True)]
        warnings.append(f"The GDD names no collectible item; using a default '{d_item}'.")
    hazards = [make(c, "hazard") for c in by_kind["hazard"]]
    goal = make(by_kind["goal"][0], "goal") if by_kind["goal"] else None
    if genre == "shooter" or mode == "runner":
        goal = None  # nothing to reach: these games are about surviving and scoring
    if goal is None and d_goal and mode not in ("runner", "scrolling", "fixed"):
        goal = make(None, "goal", d_goal, stock=True)
        warnings.append(f"The GDD names no goal; using a default '{d_goal}'.")
    return Found(player, enemies, items, hazards, goal, warnings)
