"""GDD -> the requirements a designer checks first, each with the GDD's own words and where they are.

Two sources, so that what the reader read and what it could not build both count:
* what the spec holds and the GDD really says: the core loop, the player, each enemy, item, hazard
  and goal *named in the GDD*, every mechanic the GDD asked for, named levels, win and lose
  conditions, controls, setting, art and audio sections. A default Maestro invented (a "Flag" goal,
  a stock "Green Hills" level) is not a requirement: the GDD never asked for it.
* what the GDD asks for that no genre builds (maestro.gdd.demands): turn-based play, cards, laps,
  towers, dialogue ... each a requirement with no ``term``, which QA reports as not built.

``term`` says what in the build answers a requirement (a mechanic id, an entity slug, a level name,
a genre); QA (maestro.agents.query.fidelity) decides from the checks whether it was verified.
"""

from __future__ import annotations

import re
from dataclasses import replace

from maestro.gdd.demands import DEMANDS, demands_in
from maestro.gdd.markdown import Block, Document
from maestro.gdd.mechanics import DETECT
from maestro.gdd.text import fold, plain, sentences
from maestro.genres.registry import REGISTRY
from maestro.spec.game import Entity, GameSpec
from maestro.spec.requirements import FAMILIES, Requirement, RequirementKind, Where

MAX_WORDS = 200
MAX_REQUIREMENTS = 60

# The foreign-genre labels of maestro.gdd.lexicon, as families (the one place the two meet).
FAMILY_OF_LABEL = {
    "tower defense": "tower_defense", "racing": "racing", "match-3 / falling blocks": "tile_puzzle",
    "card game": "card", "farming / idle": "simulation", "turn-based RPG": "rpg", "visual novel": "visual_novel",
    "fighting": "fighting", "sports": "sports", "strategy": "tactics", "rhythm": "rhythm",
    "survival": "adventure", "horror": "adventure", "simulation": "simulation", "board game": "board",
    "idle / incremental": "idle", "arcade": "arcade", "tile puzzle": "tile_puzzle",
}
FAMILY_WORDS = {
    "platformer": "platformer", "shooter": "shooter", "adventure": "top-down adventure", "puzzle": "grid puzzle",
    "tactics": "turn-based tactics", "rpg": "RPG with turn-based battles", "card": "card game", "board": "board game",
    "racing": "racing game", "tower_defense": "tower defense", "rhythm": "rhythm game", "arcade": "arcade game",
    "tile_puzzle": "tile puzzle", "simulation": "simulation", "fighting": "fighting game", "sports": "sports game",
    "visual_novel": "visual novel", "idle": "idle game", "grid_logic": "grid logic puzzle", "other": "game",
}
assert set(FAMILY_WORDS) == set(FAMILIES)
# What makes a family that family: a GDD asking for a racing game asks for a race even when it never
# spells the rules out. For a family no genre builds, this is a defining requirement that ends "not
# built", so the fidelity of a card game built as a grid puzzle says what the designer lost.
FAMILY_DEFINES = {
    "tactics": "units moved and fought turn by turn on a map", "rpg": "turn-based battles with a menu of actions",
    "card": "a deck and a hand of cards played by their rules", "board": "a board and its pieces played by its rules",
    "racing": "racing rivals on a track, lap after lap", "tower_defense": "placing towers that stop waves on a path",
    "rhythm": "acting on the beat of the music", "arcade": "the arcade rules: bouncing balls, paddles, flippers",
    "tile_puzzle": "dropping, swapping or matching tiles", "simulation": "running a farm, a pet or a business over time",
    "fighting": "one-on-one fights with attacks and combos", "sports": "the sport's rules and scoring",
    "visual_novel": "story scenes with characters and choices", "idle": "resources that grow on their own over time",
    "grid_logic": "cells revealed or toggled by the logic of their neighbours",
    "other": "the game's own rules",
}

_SECTION = {
    "controls": re.compile(r"control|input|keys|teclas|controles|besturing|steuerung|commandes|comandos|sterowanie|"
                           r"kontrol|comandi|how to play|bediening", re.I),
    "setting": re.compile(r"setting|world|story|lore|ambient|escenario|mundo|historia|wereld|verhaal|monde|welt|"
                          r"environment|entorno|ambientaci|premise|premisa|narrative|narrativa|plot|trama|fabu|"
                          r"geschichte|histoire|enredo|cerita|storia|hintergrund", re.I),
    "art": re.compile(r"\bart\b|visual|graphic|gr[aá]fic|aesthetic|estilo|look|arte|kunst|style|grafik|grafi|"
                      r"sprite|pixel", re.I),
    "audio": re.compile(r"audio|sound|music|m[uú]sica|sonido|geluid|muziek|musique|^\W*(?:\d[\d.]*\s*)?(?:son|ton|som)\b|"
                        r"musik|d[zź]wi[eę]k|suara|sonor", re.I),
}
# Sections whose words are about the project, not the game: nothing in them is a requirement.
_ASIDE = re.compile(
    r"table of contents|\bcontents\b|[ií]ndice|inhalt|target audience|audience|p[uú]blico|inspiration|inspiraci|"
    r"reference|refer[eêé]nc|similar|competit|comparable|\btodo\b|to-do|changelog|change log|credits|cr[eé]ditos|"
    r"\bteam\b|equipo|monetiz|marketing|budget|presupuesto|schedule|timeline|cronograma|milestone|technical|"
    r"t[eé]cnic|engine|\bmotor\b|version|\bbugs?\b|known issues|roadmap|\bcut\b|scrapped|glossary|glosario|license|licen[cs]|"
    r"\bassets?\b|tools|herramientas|development|desarrollo|platforms?$|plataformas?$|sources|fuentes|"
    r"diagram|class|architecture|arquitectura|sprint|tasks|tareas|backlog|vrac|commit|stretch goals|"
    r"feedback|playtest|precio|price|costes|p[uú]blico objetivo|design goal", re.I)
# Sections on the things a game is made of: their headings, keys, rows and short bullets name them.
_THING_SECTION: dict[str, re.Pattern[str]] = {
    "enemy": re.compile(r"\benem|\bfoes?\b|monst|enemigo|inimigo|gegner|vijand|ennemi|nemici|musuh|wrog|"
                        r"przeciwni|adversar|villains?\b", re.I),
    "obstacle": re.compile(r"obstac|hazards?|\btraps?\b|trampas?|pericol|hindernis|pu[lł]apk|perigos|peligros|"
                           r"rintangan|danger", re.I),
    "item": re.compile(r"\bitems?\b|objects?\b|objetos?|objets?|pick-?ups?|power-?ups?|collectibles?|"
                       r"coleccionables|gegenst[aä]nde|voorwerpen|oggetti|przedmiot|weapons?\b|armas\b|"
                       r"equipment|equipamiento|potenziamenti|potenciadores", re.I),
}
# Words of a template's structure, never a thing's name: "Choice:", "Solution:", "Types".
_HOLDER = re.compile(r"^(?:keuze|oplossing|probleem|choice|solution|problem|options?|opciones|result|resultado|"
                     r"why|how|what|when|where)$|\btypes?\b|\btipos?\b|\bsoorten\b")
_FOE_NOT = re.compile(r"^(?:avoid|evit|dodge|esquiv|defeat|kill|derrot|mata|versla|vermeid|ontwijk)\w*")
# A name that is an enemy's, whatever section it is in.
_FOE = re.compile(r"\b(?:enem(?:y|ies)|foes?|inimig\w*|enemig\w*|gegner\w*|vijand\w*|ennemi\w*|nemic\w*|"
                  r"musuh|wrog\w*|przeciwni\w*)\b")
# Sections of a kind: their blocks are read as that kind's requirements.
_KIND_SECTION: dict[str, re.Pattern[str]] = {
    "goal": re.compile(r"\bgoal|objective|objetivo|obxectivo|objectiu|objectif|\baim\b|mission|miss[aã]o|misi[oó]n|\bdoel|\bziel|but du jeu|"
                       r"obiettiv|purpose|\bcel\b|\bcele\b|tujuan", re.I),
    "win": re.compile(r"\bwin|victory|victoria|vit[oó]ria|winning|winnen|gewinn|victoire|endings?\b|finales|"
                      r"zwyci|kemenangan|condiciones de victoria", re.I),
    "lose": re.compile(r"\blos[es]|losing|defeat|derrota|game ?over\b|fail|\bfalh|\bfallo|fracas|muerte|death|dying|verlie|"
                       r"d[ée]faite|pora[zż]|kekalahan|\bmorte\b|(?:se )?acaba el juego|\bse acaba\b|\bgame ends?\b|"
                       r"how (?:does )?the game end", re.I),
    "character": re.compile(r"character|personaje|personagem|personnage|charakter|karakter|\bnpcs?\b|\bboss|"
                            r"\bcast\b|postaci|\bjefes?\b|personaggi|tokoh|figuren|villain|antagonist|allies|"
                            r"companions?", re.I),
    "level": re.compile(r"\blevels?\b|\bstages?\b|\bworlds?\b|niveles|niveaus?|\bfases\b|\bmapas?\b|\bmaps?\b|"
                        r"\bzones?\b|\bareas?\b|poziom|lokacj|livelli|tracks|circuit|pistas|\bislands?\b|"
                        r"\bislas?\b|locations?|ubicaciones|lugares", re.I),
    "mechanic": re.compile(r"mechanic|mec[aá]nic|mechanik|m[ée]canique|meccanic|mechaniki|abilit|habilidad|"
                           r"f[aä]higkeit|capacit|umiej|\bskills?\b|\bpowers?\b|poderes|features|caracter[ií]sticas|"
                           r"\bsystems?\b|sistemas?|\bactions?\b|acciones|a[cç][oõ]es|kemampuan|fitur|moves|"
                           r"movimientos|combat|combate|kampf|battle|batalla|upgrades?|mejoras|gameplay|jugabilidad|jogabilidade|"
                           r"game ?loop|core loop|spielablauf|rozgrywka|gameplay loop|must[- ]haves?|should[- ]haves?|"
                           r"\bmoscow\b", re.I),
}
# The words that make a sentence about winning, losing, the goal ... (folded: no accents).
_SAYS = {
    "lose": re.compile(
        r"\bgame ?over\b|\bgame (?:will be|is) over\b|\blos(?:e|es|ing)\b|\blost (?:all|every|a life|one life|the game|the level|the run)\b|"
        r"\b(?:is|are|be|gets?) lost\b|\b(?:dies|died|dying)\b|"
        r"\b(?:you|player|hero|character|they|he|she|it|will|would|can|may|might|to|and|or|then)\s+die\b|\bdeath\b|\bdead\b|\bkill(?:s|ed)? (?:you|the player|him|her)|"
        r"\bperde[rsnu]?\b|\bpierde[sn]?\b|\bmuere[sn]?\b|\bmorre\b|\bverlier\w*|\bverloren\b|\bperd(?:u|re|s|ez)\b|"
        r"\bderrota\b|\bfin del juego\b|\bfim de jogo\b|\bends? the (?:game|run|level)\b|\bgame ends\b|\brun ends\b|"
        r"\bcaught\b|\bout of (?:lives|health|time)\b|\bmeurt\b|\bsterft\b|\bdood\b|\bstirbt\b|\beliminad[oa]\b|"
        r"\brestart\w*\b(?! button)|\bgagal\b|\bmati\b|\bkalah\b|\bginie\b|\bprzegr\w*|\b[sś]mier[cć]\w*|\bmorire\b|\bperso\b"),
    "win": re.compile(
        r"\bwin(?:s|ning)?\b|\bvictor\w*|\bbeat (?:the|every|all)\b|\bcomplet(?:e|es|ing) (?:the|all|every|each)\b|"
        r"\bfinish(?:es)? (?:the|all|every|each)\b|\bgana[rs]?\b|\bvence[rs]?\b|\bwinnen\b|\bwint\b|\bgagne[rz]?\b|"
        r"\bgewinn\w*|\bganha[rs]?\b|\bendings?\b|\bfinales\b|\bclear(?:s|ed)? (?:the|a|each|every|all)\b|"
        r"\bmenang\w*|\bwygr\w*|\bvinc\w*"),
    "goal": re.compile(
        r"\bgoal (?:is|of)\b|\bobjective (?:is|of)\b|\bobjetivo (?:es|del|de)\b|\baim (?:is|of)\b|\bas (?:many|much|far|long|high) as (?:possible|you can)\b|"
        r"\bobxectivo (?:do|e)\b|\bobjectiu (?:del|es)\b|\bobjectif (?:du|est)\b|\bget the high(?:est)? ?score\b|\bbeat (?:the|your) high ?score\b|\bdoel\b|\bziel\b|\bbut (?:du jeu|est)\b|\bobiettivo\b|\blo mas lejos\b|"
        r"\bmission is\b|\bthe point\b|\bmust (?:reach|collect|find|defeat|survive|escape|protect|get)\b|"
        r"\bhas to (?:reach|collect|find|defeat|survive|escape|protect|get)\b|\btujuan\b|\bcelem\b|\bcel gry\b|"
        r"\bzo ?veel mogelijk\b|\bso viele?\b|\bo maximo\b"),
    "controls": re.compile(
        r"\bwasd\b|\barrow ?keys?\b|\barrows\b|\bcursor(?:s| keys)?\b|\bspace ?bar\b|\bspacebar\b|\bkeyboard\b|"
        r"\bmouse\b|\bclick\w*|\btouch ?screen\b|\btouch controls?\b|\bgamepad\b|\bcontrollers?\b|\bjoystick\b|"
        r"\bthumbstick\b|\bpress(?:es|ing)? (?:the )?(?:\w+ )?(?:key|button)\b|\bteclas?\b|\bflechas\b|\braton\b|"
        r"\bteclado\b|\btoets\w*|\bpijltjes\w*|\bclavier\b|\bfleches\b|\b(?:les|des|la|une|aux|trois|deux) touches?\b|\btouches? (?:du|de|directionnelles)\b|\btastatur\b|\btasten?\b|"
        r"\bpfeiltasten\b|\bsetas\b|\bclique\w*|\bbotones\b|\bbuttons?\b|\b(?:left|right|press\w*|hold\w*) shift\b|"
        r"\bshift\b(?=\s*(?:[:+/–-]|keys?\b|buttons?\b|to (?:run|sprint|dash|crouch)))|\bctrl\b|"
        r"\bspacja\b|\bklawisz\w*|\bstrzalk\w*|\btombol\b|\bmouse\b|\bswipe\w*|\btap\b|\bdrag and drop\b"),
    "setting": re.compile(
        r"\btakes? place\b|\bset in\b|\bis set (?:in|on|during)\b|\bse desarrolla\b|\btiene lugar\b|\bspeelt zich af\b|\bspielt in\b|"
        r"\bse (?:deroule|passe)\b|\bse passa\b|\bambientad[oa]\b|\bambientat[oa]\b|\bsi svolge\b|\bberlatar\b|\blives in\b|\bvive en\b|\bworld of\b|\bmundo de\b|"
        r"\bin a (?:small |big |distant |far )?(?:town|village|city|kingdom|forest|world|planet|island|castle|dungeon)\b"),
    "art": re.compile(
        r"\bpixel ?art\b|\bpixelart\b|\bart style\b|\bpalette\b|\bcartoon\w*|\bhand[- ]drawn\b|\blow[- ]poly\b|"
        r"\b8[- ]bit\b|\b16[- ]bit\b|\bretro\b|\bestilo (?:visual|artistico|grafico)\b|\bcolou?r palette\b|"
        r"\bsprites?\b|\bpixel\w*|\bminimalis\w*|\bneon\b|\bwireframe\b|\bilustra\w*|\billustrat\w*"),
    "audio": re.compile(
        r"\bmusic\w*|\bsoundtrack\b|\bsound effects?\b|\bsfx\b|\bchiptune\b|\bmusica\b|\bsonidos?\b|"
        r"\befectos de sonido\b|\bmuziek\b|\bgeluid\w*|\bmusik\b|\bmusique\b|\bbande[- ]son\b|\btrilha\b|\bsounds?\b|"
        r"\bmuzyk\w*|\bd[zź]wi[eę]k\w*|\bsuara\b"),
    "character": re.compile(r"\bboss(?:es)?\b|\bjefes?(?: final)?\b|\bchefe\b|\bendboss\b|\bnpcs?\b|\bvillain\w*|"
                            r"\bantagonist\w*|\bcompanions?\b|\bmentor\b|\bshopkeeper\b|\bmerchant\b"),
}
# What a structure statement says (folded text), most telling first.
_STRUCTURE = (
    ("turns", "turn-based", re.compile(r"\bturn[- ]based\b|\bturnos?\b|\bpor turnos\b|\btour par tour\b|\brundenbasiert\w*|"
                                       r"\bbeurtelings\b|\bbeurt\w*|\b(?:each|every|per|your|enemy'?s?|player'?s?) turn\b|"
                                       r"\bend (?:of )?(?:the )?turn\b|\bturn order\b")),
    ("waves", "waves", re.compile(r"(?<!sound )(?<!blue )(?<!radio )(?<!ocean )(?<!brain )(?<!shock )\bwaves\b(?! along)|\b(?:each|every|next|per|first|last|final) wave\b|\bwaves? of (?:enem|foe|monst|zomb)\w*|"
                                  r"\bwave \d|\boleadas?\b|\bgolven\b|\bvagues d'ennemis\b|\bwellen\b|\bgelombang\b")),
    ("rounds", "rounds", re.compile(r"\brounds\b|\b(?:each|every|next|per|first|last|final|a|one) round\b|\brondas?\b|"
                                    r"\brondes?\b|\bbest of (?:\d+|three|five|seven)\b")),
    ("timed", "a time limit", re.compile(r"\btime limit\w*|\bcuenta atras\b|\btiempo limite\b|\b(?:one|un|1) (?:minute|minuto|minuut)\b|"
                                         r"\bcontrarreloj\b|\btemps limite\b|\bzeitlimit\b|\btijdslimiet\b|\bagainst the clock\b|"
                                         r"\bbefore (?:the )?time runs out\b|\btime runs out\b|\bodliczani\w*")),
    ("endless", "endless", re.compile(r"\bendless\w*|\binfinite\w*|\binfinit[oa]s?\b|\boneindig\w*|\bnever ends\b|"
                                      r"\bunendlich\w*|\bsans fin\b|\bsin fin\b|\bas far as (?:possible|you can)\b|"
                                      r"\bopen[- ]ended\b|\bno (?:levels|ending|end)\b|\bas long as (?:possible|you can)\b|"
                                      r"\blo mas lejos\b|\bhow far (?:you|the player|can)\b|\bsurviv\w* as long\b|\bsin niveles\b")),
    ("levels", "levels", re.compile(
        r"\b(?:\d{1,3}|two|three|four|five|six|seven|eight|nine|ten|several|multiple|many|dos|tres|cuatro|cinco|cien|"
        r"twee|drie|vier|vijf|deux|trois|quatre|cinq|zwei|drei|duas|varios|varias|verschillende|mehrere|plusieurs)\s+"
        r"(?:\w+\s+)?(?:levels|stages|worlds|niveles|niveaus|fases|screens|pantallas|tracks|maps|islands|islas|"
        r"chapters|missions|rooms|days|dias|scenarios|pages|paginas|areas|zones|levelu|poziom\w*|nivells|livelli)\b|"
        r"\b(?:each|every|next|cada|siguiente|proximo|proxima|volgende|elk|elke|jedes?|jeden|chaque|prochain|"
        r"ogni|setiap|kazd\w*)\s+(?:\w+\s+)?(?:level|stage|nivel|niveau|fase|screen|pantalla|track|map|island|isla|"
        r"day|dia|scenario|room|page|pagina|mission|chapter|world|mundo|nivell|livello|poziom\w*)\b|"
        r"\b(?:level|stage|nivel|niveau|fase|world|mundo|track|chapter|nivell|poziom)\s+(?:1|one|uno|i)\b|"
        r"\blevel (?:select|progression)\b")),
)


class _Locator:
    """Finds where in the GDD a name or a sentence is: its block, section and line."""

    def __init__(self, doc: Document) -> None:
        # A document opening on a top-level heading opens on its title ("Sprint 0 - Game Design Document",
        # "CSCI 437 Game Development Final Project"), not a section: its words never make the sections under
        # it asides (a later top-level heading, "Class Diagrams", still is one).
        first = next((b for b in doc.blocks if b.kind == "heading"), None)
        root = first.text if first is not None and first.level == 1 else None
        self.blocks = [replace(b, section=b.section[1:]) if len(b.section) > 1 and b.section[0] == root else b
                       for b in doc.blocks if b.kind != "code" and b.text.strip()]
        self.folded = [fold(b.text) for b in self.blocks]
        self.root = root
        # A GDD with no headings at all is one list of what the game has ("- sow seeds on bought land").
        self.headless = not any(b.kind == "heading" for b in self.blocks)

    def find(self, text: str, whole_word: bool = True) -> Block | None:
        key = fold(text).strip()
        if len(key) < 2:
            return None
        pattern = re.compile(r"(?<!\w)" + re.escape(key) + r"(?:e?s)?(?!\w)") if whole_word else None
        for block, low in zip(self.blocks, self.folded):
            if (pattern.search(low) if pattern else key in low):
                return block
        return None

    def section_first(self, pattern: re.Pattern[str]) -> Block | None:
        for block in self.blocks:
            if block.kind != "heading" and block.section and pattern.search(block.section[-1]) \
                    and not _aside(block) and len(block.text.strip()) > 3:
                return block
        return None

    def section_blocks(self, pattern: re.Pattern[str]) -> list[Block]:
        """Non-heading blocks whose nearest heading matches (an aside section is never one)."""
        return [b for b in self.blocks if b.kind != "heading" and b.section and pattern.search(b.section[-1])
                and not _aside(b)]

    def kind_blocks(self, kind: str) -> list[Block]:
        """The blocks of the kind's own sections: under a heading that names the kind. A section on art
        or sound under "Assets" is still about the game's look and sound."""
        pattern = _KIND_SECTION.get(kind) or _SECTION[kind]
        out = []
        for b in self.blocks:
            if b.kind == "heading" or not b.section or not (pattern.search(b.section[-1])
                                                            or (kind == "mechanic" and _under_mechanics(b.section))):
                continue
            if _ASIDE.search(b.section[-1]) or (len(b.section) > 1 and _ASIDE.search(b.section[-2])
                                                 and not (kind in ("art", "audio") and _ASSETS.search(b.section[-2]))):
                continue
            out.append(b)
        return out

    def describes(self, b: Block) -> bool:
        """A block of a section about the game that no other reader takes: not an aside, not the controls,
        setting, art or audio, not the levels, the characters, the goal, winning or losing; nor the lines
        under the document's title, its summary (the core loop's and the player's words)."""
        return b.kind != "heading" and bool(b.section) and b.section != (self.root,) and not _aside(b) \
            and not any(p.search(b.section[-1]) for p in _SECTION.values()) \
            and not any(_KIND_SECTION[k].search(b.section[-1]) for k in ("level", "character", "goal", "win", "lose"))

    def rule_blocks(self) -> list[tuple[Block, bool]]:
        """The blocks whose sentences may state a rule of play, each with whether it is in a section on
        mechanics (True) or in another section about the game ("Slimes", "Daily routine", "Idee"), where
        only a sentence shaped like a rule counts: a subject doing something, or an imperative."""
        if self.headless:
            return [(b, True) for b in self.blocks]
        own = {id(b) for b in self.kind_blocks("mechanic")}
        return [(b, id(b) in own) for b in self.blocks if id(b) in own or self.describes(b)]

    def sentences(self) -> list[tuple[Block, str]]:
        """Every sentence the GDD says about its game (asides left out), with its block."""
        out = []
        for block in self.blocks:
            if block.kind == "heading" or _aside(block):
                continue
            for sentence in sentences(_URL.sub("", plain(block.text, 2000))):
                out.append((block, sentence))
        return out


_ASSETS = re.compile(r"\bassets?\b|recursos|development|desarrollo", re.I)


def _under_mechanics(section: tuple[str, ...]) -> bool:
    """A subsection of a mechanics or gameplay section ("Gameplay > Movement", "Game Loop > Combat")
    that names no other kind of its own: its rules are the game's mechanics too."""
    if len(section) < 2 or not _KIND_SECTION["mechanic"].search(section[-2]):
        return False
    title = section[-1]
    return not (_ASIDE.search(title) or _PLAN_SECTION.search(title) or _PLAYER_SECTION.search(fold(title))
                or any(p.search(title) for k, p in _KIND_SECTION.items() if k != "mechanic")
                or any(p.search(title) for p in (*_THING_SECTION.values(), *_SECTION.values())))


def _aside(block: Block) -> bool:
    return any(_ASIDE.search(title) for title in block.section[-2:])


def _where(block: Block | None) -> Where:
    if block is None:
        return Where()
    return Where(section=plain(block.section[-1], 80) if block.section else "", line=block.line)


def _words(block: Block | None, needle: str = "") -> str:
    """The block's sentence that says ``needle`` (the whole block when none does or none is given):
    one block often asks for several things ("Collect 5 gems. 3 lives."), each with its own words."""
    if block is None:
        return ""
    if needle:
        key = fold(needle).strip()
        for sentence in sentences(plain(block.text, 2000)):
            if key and key in fold(sentence):
                return plain(sentence, MAX_WORDS)
    return plain(block.text, MAX_WORDS)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")[:40] or "x"


def family_of(genre: str, genre_note: str) -> str:
    """The family the GDD asks for: the foreign genre its note names (maestro.gdd.genre names there the
    family the GDD states), else the genre built."""
    m = re.match(r"GDD genre '([^']+)'", genre_note)
    if m and m.group(1) in FAMILY_OF_LABEL:
        return FAMILY_OF_LABEL[m.group(1)]
    return genre


# Spec mechanics a designer files under another kind: a chasing enemy is about the enemy, reaching the
# exit is the goal, running on its own is the structure.
MECHANIC_KIND: dict[str, RequirementKind] = {
    "enemies_patrol": "enemy", "enemies_chase": "enemy", "reach_exit": "goal", "auto_run": "structure",
    "fall_death": "lose", "waves": "structure",
}
# Mechanics that are a rule of their own even in words another requirement quotes ("A bullet hell shooter."
# asks for shooting and for bullet patterns; "Wolves patrol; one that sees you chases" for a wolf and a chase),
# and that a GDD may first name in an aside ("people who enjoy stealth games") before it says the rule (H7).
OWN_RULE_MECHANICS = frozenset({"bullet_patterns", "bomb", "focus", "enemies_chase", "stealth", "pacifist"})
# Demands a designer files under another kind than "mechanic".
DEMAND_KIND: dict[str, RequirementKind] = {"boss": "character", "mouse": "controls", "parallax": "art"}
_BOSS = re.compile(r"^(?:(?:final|end|last|big)\s+)?(?:boss(?:es)?|jefes?(?: final)?|chefe|endboss|boss finale)$")
_TITLE_KEY = re.compile(r"^(?:title|name|nombre|titulo|titel|nom|nome|tytul|judul|game ?name|name of the game)\b", re.I)

_PER_SECTION = 1  # sentences read from one kind's own section
_PER_KIND = 1  # sentences read from anywhere else that say something of that kind
_PER_NAMED_SECTION = 6
_SHORT_BULLET = 6
# "Level 2 - Cabins", "Poziom 3: Deck": a numbered level named in a section on mechanics.
_NUMBERED_LEVEL = re.compile(r"^(?:levels?|stages?|worlds?|niveles?|niveaux?|niveaus?|fases?|poziom\w*|livello|"
                             r"mundos?|zones?|areas?|chapters?|cap[ií]tulo)\s*\d{1,3}\b")
# "Menu → Playing → Won → Game Over": a list of screens or states, no rule for winning or losing.
_STATE_LIST = re.compile(r"(?:→|->|=>).*(?:→|->|=>)")  # words in a bullet that names a mechanic
_MIN_SENTENCE = 25  # "¿El objetivo?" says nothing yet  # names read from one section
_PLAYER_SECTION = re.compile(r"\bplayer|protagonist|jugador|speler|joueur|spieler|jogador|giocatore|gracz|"
                             r"main character|personaje principal|hero\b|heroe|gracz|graczem|pemain|giocatore")
# Field names a GDD's template uses ("Name:", "Description:", "Enemies:"): never the name of a thing.
_FIELD_WORDS = re.compile(
    r"^(?:name|names|role|description|descripcion|details?|abilities|animations?|enemies|enemigos|items?|objectives?|"
    r"difficulty|dificultad|how it works|type|types|stats?|notes?|nota|notka|examples?|ejemplos|overview|summary|"
    r"core mechanics|mechanics|mecanicas|units|story|historia|goal|objetivo|controls|controles|win condition|"
    r"lose condition|behaviou?r|comportamiento|speed|velocidad|health|vida|hp|damage|dano|cost|coste|reward|"
    r"special|effect|efecto|range|rango|audiencia|audience|plataformas?|platforms?|genero|genre|modos de juego|"
    r"estetica|graficos|graphics|music|musica|sound|sonido|art|arte|player movement|movement|movimiento)$")
_NOT_A_NAME = re.compile(r"\d{2,}|[€$%=(]|\bcollision|\balgorithm|\bdesign\b|\bterminolog|\bphase\b|\bfase de\b")


# A sentence that states no design: a to-do, a plan, a risk, a note or an example, a question.
_PLAN = re.compile(
    r"^(?:\W*(?:todo|to-do|to do|tbd|wip|implement\w*|add(?:ed|ing)?|create|make|replace|fix|refactor|set up|"
    r"setup|details?|risks?|risico\w*|riesgos?|risque|note|notes|nota|notka|e\.?g\.?|for example|example|"
    r"ejemplo|por ejemplo|p\. ?ej|zum beispiel|bijvoorbeeld|par exemple|maybe|perhaps|possibly|ideally|"
    r"could|might|idea|ideas|tal vez|quizas|future|stretch|optional|opcional|i|we|i'm|i've|we'll|we're|"
    r"if (?:we|i|there is time)|alternatively|screenshots?|zur? \d|step \d|sprint|week \d|"
    r"it (?:would|might|could) be (?:cool|nice|interesting|fun|good|great)|open to suggestions)\b|"
    r"\W*\((?:future|optional|todo|tbd)\))")
_CODE_LIKE = re.compile(
    r"\b[a-z]+[A-Z][a-z]\w*|\b[A-Z][a-z]+[A-Z][a-z]+\w*[A-Z]?|\b\w+_\w+\b|\(\)|::|[{}<>]|==|!=|\+=|;\s*$|https?:|www\.|"
    r"localhost|\.(?:js|py|cs|json|png|wav|mp3|ogg)\b|\((?:write|read|register)\b")
_PLACE = re.compile(
    r"\b(?:towns?|city|cities|village|kingdom|forest|woods|caves?|dungeons?|space|planets?|islands?|castle|"
    r"world|sea|ocean|desert|mountains?|farm|rooms?|house|mansion|school|library|sewers?|pipes?|jungle|galaxy|"
    r"universe|future|past|earth|orbit|underwater|hideout|basement|lab|laboratory|factory|station|ship|bar|"
    r"store|shop|museum|street|streets|ruins|temple|tower|hell|heaven|sky|ciudad|pueblo|reino|bosque|cuevas?|"
    r"mazmorras?|espacio|planeta|isla|islas|castillo|mundo|mar|desierto|montanas?|granja|habitacion|casa|"
    r"escuela|biblioteca|cloaca|stad|dorp|bos|grot|ruimte|eiland|kasteel|wereld|stadt|dorf|wald|hohle|"
    r"weltraum|insel|burg|welt|ville|foret|grotte|espace|ile|chateau|monde|cidade|floresta|caverna|espaco|"
    r"ilha|castelo|fazenda|cova|placa|places|squares?|kota|hutan|ruang\w*|miasto|statek|statku|citta|fogna\w*|"
    r"trang trai|nong trai)\b")
# A place the player is in, goes through or comes from ("traverse a dungeon", "nas paginas", "nel castello"): a
# sentence that says where the game is, though it never says "set in".
_IN_PLACE = re.compile(
    r"\b(?:in|inside|into|through|across|around|within|traverse|explore|explores|en|em|no|na|nos|nas|pelas?|pelos?|"
    r"dans|im|nel|nella|nello|nei|nelle|dentro|dalam|di)\s+(?:(?:a|an|the|un|una|uno|um|uma|el|la|los|las|le|les|l'|"
    r"der|die|das|dem|den|einem|einer|il|lo|gli|het|een|o|os|as|du|des|this|their|his|her|its|every|each)\s+)?"
    r"(?:[^\W\d_]+\s+){0,2}?" + _PLACE.pattern)
_KEYISH = re.compile(
    r"\b(?:[wasd]|up|down|left|right|arrow\w*|space|enter|esc|escape|shift|ctrl|key|keys|button|buttons|"
    r"tecla\w*|flecha\w*|izquierda|derecha|arriba|abajo|links|rechts|toets\w*|taste\w*|gauche|droite|"
    r"esquerda|direita|cima|baixo|trigger|trackpad|stick|touch|tap|mouse|click\w*|raton|clique\w*|setas|"
    r"cursor\w*|move\w*|jump\w*|shoot\w*|steer\w*|brake\w*|drag\w*)\b")


# Reaching a place: the words that make an exit, a door or a flag the goal.
_REACH = re.compile(r"\b(?:reach\w*|get(?:s|ting)? (?:to|back to)|find\w*|locate|exit|finish\w*|goal|objective\w*|"
                    r"escape (?:the|from the)|leave the|end of (?:the|each) (?:level|stage)|llega\w*|alcanza\w*|salida|"
                    r"meta\b|chega\w*|saida|bereik\w*|uitgang|erreich\w*|ausgang|atteind\w*|sortie|raggiung\w*|"
                    r"uscita|dotrz\w*|wyjsci\w*|win\w*|ganar|ganha\w*|to (?:win|pass|complete))\b")
# Sections that plan the project rather than describe the game: the next steps, the ideas for later.
_PLAN_SECTION = re.compile(r"expansion|advanced features|next steps|\bfuture\b|\bideas?\b|things i could|"
                           r"wish ?list|nice to have|\bmaybe\b|optional|possible features|\bux\b|"
                           r"our goals|goals would|work process|process|postmortem|retrospective|lessons", re.I)


# Words that make a bold phrase a group or a heading, not one person.
_GROUP = re.compile(r"\b(?:characters?|personajes?|personagens?|personnages?|charaktere?|karakters?|postaci|"
                    r"tokoh|cast|main|principal\w*|secondary|secundari\w*|supporting|npcs?|enem\w*|allies|"
                    r"customers?|clients?|members?|types?|tripulantes|crew|others?|special|unique|"
                    r"well-developed|protagonists?|villains?|antagonists?|przeciwnicy|wrogowie|enemigos|inimigos|gegner|"
                    r"vijanden|ennemis|nemici|musuh|bosses|jefes)\b")


# A section on how characters are made or grow, not who they are.
_NOT_CAST = re.compile(r"progres|design|diseno|desenho|sistema|system|stats?\b|estadist|creation|creacion|custom|"
                       r"select|animation|animacion|sprite")


def _plan(block: Block) -> bool:
    """Under a section that plans the project; a task ticked off there ("- [x] Sprint ability") is built."""
    return not block.done and any(_PLAN_SECTION.search(title) for title in block.section[-2:])


_CUT_TAIL = re.compile(r"(?:,|\b(?:the|a|of|to|and|or|with|for|el|la|los|las|del|het|een|les|des|und)\s*)$")
_LATER = re.compile(r"\((?:future|later|optional|tbd|todo|stretch[^)]*|not implemented[^)]*)\)", re.I)


def _cut(sentence: str, elsewhere: bool = True) -> bool:
    """A piece of a line cut in two, not a statement: it ends on a comma or an article ("Each map has a"),
    or it is marked for later ("Spacebar - (Future) activate ..."); and, read ``elsewhere`` than the
    kind's own section, the tail of a sentence begun on the line before (it starts in lower case)."""
    text = sentence.strip().rstrip(".")
    return bool(_CUT_TAIL.search(fold(text)) or _LATER.search(text)
                or (elsewhere and text[:1].islower()))


def _not_design(sentence: str, words: int = 2) -> bool:
    """A to-do, a plan, a risk, a question, a line of code or a class diagram, a link: no rule of the game;
    nor a sentence of fewer than ``words`` words."""
    text = sentence.strip()
    low = fold(text)
    return text.endswith("?") or text.startswith("¿") or bool(_PLAN.match(low)) or bool(_CODE_LIKE.search(text)) \
        or len(re.findall(r"[^\W\d_]{2,}", text)) < words


def _fits(kind: str, low: str, own: bool) -> bool:
    """A sentence that says something of its kind: controls name a key or an action, a setting a place."""
    if kind == "controls":
        return bool(_SAYS["controls"].search(low) or (own and _KEYISH.search(low)))
    if kind == "setting":
        return own or bool(_PLACE.search(low) and (_SAYS["setting"].search(low) or _IN_PLACE.search(low)))
    if kind == "art":
        return own or not _SAYS["audio"].search(low)
    if kind == "audio":
        return own or not _SAYS["art"].search(low)
    return True


def _other_kinds_section(block: Block, kind: str, low: str) -> bool:
    """A sentence in the section on another presentation kind that says that kind ("music ... 8-bit" in
    the audio section) is that kind's, not this one's."""
    title = block.section[-1] if block.section else ""
    return any(p.search(title) and _SAYS[k].search(low) for k, p in _SECTION.items() if k != kind) \
        and not _SECTION.get(kind, _NEVER).search(title)


_NEVER = re.compile(r"(?!)")
_URL = re.compile(r"\s*[-–:(]?\s*(?:https?://|www\.)\S+\)?")


def _name_of(block: Block) -> str:
    """The name a block gives a thing: a heading, a bold key, a key, a table's first cell."""
    if block.kind == "heading":
        return plain(block.text, 60)
    if block.kind == "row" and block.cells:
        return plain(block.cells[0], 60)
    if block.key:
        return plain(block.key, 60)
    if block.bold and fold(block.text).startswith(fold(block.bold[0])[:20]):
        return plain(block.bold[0], 60)
    return ""


def _is_name(key: str, kind: str) -> bool:
    """A short name, not a template's field, not a sentence, not a number or a formula."""
    from maestro.gdd.lexicon import GENERIC_NAMES

    if len(key) < 3 or len(key.split()) > (6 if kind == "mechanic" else 4) or key.endswith((".", "?")):
        return False
    return not (_FIELD_WORDS.match(key) or key in GENERIC_NAMES or _NOT_A_NAME.search(key)
                or any(p.search(key) for p in _SECTION.values()))


def _says_something(value: str) -> bool:
    """A key's value that describes a thing: words, not a price, a figure or nothing."""
    text = plain(value, 200)
    return len(re.findall(r"[^\W\d_]{2,}", text)) >= 1 and not re.match(r"^[\d\s.,:%€$£x×+-]+\b", text) \
        and not re.search(r"[€$£]", text)


def _short_bullet(block: Block, words: int = _SHORT_BULLET) -> bool:
    """A bullet that names one thing ("Dash", "Building structures for storage"), not a sentence."""
    if block.kind != "item" or block.key:
        return False
    text = re.sub(r"\([^)]*\)", "", plain(block.text, 200)).rstrip(" .;")
    return 0 < len(text.split()) <= words and not text.endswith("?") and "→" not in text


_THEME_KEY = re.compile(r"^(?:genre|genero|genere|gatunek|gattung|tematica|tema|theme|thema|themes|temat\w*|"
                        r"estilo|style|stijl|setting|ambientacion|mood|audiencia|audience|public\w*)\b")


_NOT_MECHANIC = re.compile(r"^(?:screenshots?|capturas?|publicidad|advertising|publicite|intereses|interests|"
                           r"player|players|jugador|xogador|jogador|speler|joueur|spieler|level|nivel|niveau|fase|"
                           r"stage|order of the game)$")


def _theme_field(block: Block) -> bool:
    """A template's field on the genre or the theme: a word there is no mechanic the GDD asks for."""
    return bool(block.key and _THEME_KEY.match(_bare(block.key)))


def _incidental(block: Block | None) -> bool:
    """A mechanic "read" from a title line, a heading or an aside is no mechanic the GDD asks for."""
    if block is None:
        return False
    return block.kind == "heading" or _aside(block) or bool(block.key and _TITLE_KEY.match(_bare(block.key)))


def _listed_as(blocks: list[Block], i: int) -> RequirementKind | None:
    """The kind of thing a bullet's list is said to hold by the line that opens it ("Special characters may
    also appear, including:"): that line is the nearest block before the list, outside it, ending in ":"."""
    item = blocks[i]
    for prev in reversed(blocks[max(0, i - 12):i]):
        if prev.section != item.section:
            return None
        if prev.kind == "item" and prev.level >= item.level:
            continue  # an earlier entry of the same list
        text = fold(plain(prev.text, 300)).rstrip()
        if not text.endswith(":"):
            return None
        if _KIND_SECTION["character"].search(text):
            return "character"
        thing: RequirementKind
        for thing in ("enemy", "obstacle", "item"):
            if _THING_SECTION[thing].search(text) or (thing == "item" and _TRINKET.search(text)):
                return thing
        return None
    return None


_TRINKET = re.compile(r"\btrinkets?\b|\bkeepsakes?\b|\bcollectables?\b|\bbaratijas?\b|\bbugigangas?\b")


def _singular(name: str) -> str:
    """"spikes", "spike" and "boxes", "box" alike: one thing, however many the GDD names."""
    return re.sub(r"(?:(?<=[sxz])es|(?<=ch)es|(?<=sh)es|(?<!s)s)$", "", name)


def _bare(text: str) -> str:
    """Folded text without the emoji, numbering and punctuation a template puts in front of it."""
    return re.sub(r"^[\W\d_]+", "", fold(text)).strip()


def _boss_kind(where: _Locator) -> RequirementKind:
    """A boss is one of the cast, a character, unless the GDD files it with its enemies (a "Boss enemy"
    entry in the section on enemies): then it is the strongest enemy."""
    boss = next(d.pattern for d in DEMANDS if d.id == "boss")
    for block in where.blocks:
        if _aside(block) or _plan(block) or not boss.search(fold(block.text)):
            continue
        if any(_THING_SECTION["enemy"].search(title) for title in block.section[-2:]):
            return "enemy"
    return "character"


def read_requirements(doc: Document, spec: GameSpec) -> list[Requirement]:
    where = _Locator(doc)
    boss_kind = _boss_kind(where)
    out: list[Requirement] = []
    seen: set[str] = set()
    said: set[tuple[str, str]] = set()

    def add(kind: RequirementKind, summary: str, block: Block | None, term: str | None, words: str | None = None,
            needle: str = "", shared: bool = False, **extra: object) -> None:
        """``shared``: words another requirement already quotes may ask for this one too (a demand)."""
        rid = f"{kind}:{_slug(summary)}"
        text = plain(words, MAX_WORDS) if words is not None else _words(block, needle)
        if kind == "structure" and any(r.kind == "structure" and r.term == term for r in out):
            return  # "3 levels" from the named levels and "levels" from a sentence are one structure
        if rid in seen or (kind, text) in said and text and not shared or len(out) >= MAX_REQUIREMENTS:
            return
        seen.add(rid)
        said.add((kind, text))
        out.append(Requirement(id=rid, kind=kind, summary=plain(summary, 80), words=text, where=_where(block),
                               term=term, **extra))  # type: ignore[arg-type]

    # The core loop: the family the GDD asks for, built by the genre the reader chose.
    family = family_of(spec.genre, spec.genre_note)
    loop_block = where.find(spec.genre_source, whole_word=False) if spec.genre_source else None
    loop_block = loop_block or where.find(spec.summary[:60], whole_word=False)
    add("core_loop", FAMILY_WORDS[family], loop_block, spec.genre if family == spec.genre else None,
        family=family, defining=True)
    if family in FAMILY_DEFINES:  # proved by the keypoint the family's genre names, when one builds it
        proof = REGISTRY[family].defining if family == spec.genre and family in REGISTRY else None
        add("mechanic", FAMILY_DEFINES[family], loop_block, proof, family=family, defining=True)

    # The things the game is made of, as the GDD names them.
    def entity(kind: RequirementKind, e: Entity, label: str) -> None:
        if e.stock:
            return  # Maestro's own fill-in: its word in the GDD ("a coin", said in passing) asks for nothing
        block = where.find(e.name)
        if block is not None and not _denied(_words(block, e.name), e.name):
            add(kind, f"{label}: {e.name}", block, e.slug, needle=e.name)

    entity("player", spec.player, "player")
    for e in spec.enemies:
        entity(boss_kind, e, boss_kind) if _BOSS.match(fold(e.name)) else entity("enemy", e, "enemy")
    for e in spec.hazards:
        entity("obstacle", e, "obstacle")
    for e in spec.items:
        entity("item", e, "item")
    if spec.goal is not None and not spec.goal.stock:
        # The goal a GDD names is one it says to reach: "reach the flag", not a door in a list of props.
        for block, sentence in where.sentences():
            if re.search(r"(?<!\w)" + re.escape(fold(spec.goal.name)) + r"(?!\w)", fold(sentence)) \
                    and (_REACH.search(fold(sentence)) or _SAYS["goal"].search(fold(sentence))
                         or _SAYS["win"].search(fold(sentence))) and not _not_design(sentence) \
                    and not sentence.lstrip().startswith("#"):
                add("goal", f"goal: {spec.goal.name}", block, spec.goal.slug, words=sentence)
                break

    # Mechanics the GDD asked for in words (a genre's defaults are not requirements).
    for m in spec.mechanics:
        if m.source:
            block = where.find(m.source[:60], whole_word=False)
            told = _words(block, m.source[:60]) if block is not None else ""
            if block is not None and _theme_field(block):
                # "Genre: shoot'em up", "Theme: ... life": the mechanic's words, if any, are elsewhere.
                # ("Genre: Sokoban" still asks for pushing blocks when nothing else says it).
                block, told = next(((b, t) for b, t in where.sentences() if not _theme_field(b)
                                    and DETECT[m.id].search(t)), (block, told))
                m = m.model_copy(update={"source": told})
            elif block is not None and m.id in OWN_RULE_MECHANICS - {"enemies_chase"} and (_incidental(block) or _plan(block)):
                # "people who enjoy stealth games" (the audience, an aside): the rule itself is said later.
                block, told = next(((b, t) for b, t in where.sentences() if not _incidental(b) and not _plan(b)
                                    and not _theme_field(b) and DETECT[m.id].search(t)), (block, told))
                m = m.model_copy(update={"source": told})
            if block is not None and not _incidental(block) and not _plan(block) and not told.rstrip().endswith("?") \
                    and not _CODE_LIKE.search(told) \
                    and not (m.id == "reach_exit" and not _REACH.search(fold(told))):
                kind = MECHANIC_KIND.get(m.id, "mechanic")
                if m.id in ("collect", "score") and _KIND_SECTION["goal"].search(block.key or (block.section[-1] if block.section else "")):
                    kind = "goal"  # "Objectives: collect 10 coins": what the goal counts, said as the goal
                add(kind, m.id.replace("_", " "), block, m.id, needle=m.source[:60], shared=m.id in OWN_RULE_MECHANICS)

    # Structure: an endless run, a time limit, waves, or levels the GDD counts or names.
    if spec.mode == "runner":
        add("structure", "endless run", where.find("endless") or where.find("runner"), "auto_run")
    if spec.time_limit is not None and spec.time_ends_as is not None:  # a timed run: said in the timer's words
        timer = spec.mechanic("timer")
        source = timer.source if timer is not None else ""
        run = "survival run" if spec.time_ends_as == "win" else "score attack"
        add("structure", f"{spec.time_limit} s {run}", where.find(source[:60], whole_word=False) if source else None,
            "timed", words=source or None)
    elif spec.time_limit is not None:
        add("structure", f"{spec.time_limit} s time limit", where.find(str(spec.time_limit)), "timer")
    named = [lv for lv in spec.levels if where.find(lv.name)]
    for lv in named:
        add("level", f"level: {lv.name}", where.find(lv.name), lv.name)
    if len(named) > 1:
        add("structure", f"{len(named)} levels", where.find(named[0].name), "levels")

    said_sentences = where.sentences()
    folded = [(block, sentence, fold(sentence)) for block, sentence in said_sentences]
    for kind, summary, pattern in _STRUCTURE:
        if kind == "endless" and spec.time_ends_as is not None:
            continue  # a run against the clock ends with it ("no levels, survive 90 s" is no endless run)
        for block, sentence, low in folded:
            if pattern.search(low) and block.kind != "row" and not _cut(sentence, elsewhere=False):
                add("structure", f"structure: {summary}", block, kind, words=sentence)
                break

    for cond in spec.win_conditions:
        block = where.find(cond[:50], whole_word=False)
        if block is not None and not _aside(block) and not _cut(cond) and not _STATE_LIST.search(cond) and (_SAYS["win"].search(fold(cond)) or _SAYS["goal"].search(fold(cond))
                                  or _KIND_SECTION["win"].search(block.section[-1] if block.section else "")):
            add("win", f"win: {cond}", block, "win")
    for cond in spec.lose_conditions:
        block = where.find(cond[:50], whole_word=False)
        if block is not None and not _aside(block) and not _cut(cond) and not _STATE_LIST.search(cond) \
                and _SAYS["lose"].search(fold(cond)):
            add("lose", f"lose: {cond}", block, "lose")

    # What the GDD's own sections on the goal, winning, losing, controls, setting, art and audio say,
    # then the sentences elsewhere that say it.
    def section_sentences(kind: str) -> list[tuple[Block, str]]:
        found = []
        for block in where.kind_blocks(kind):
            if _plan(block):
                continue  # "Our goals would be to: ...": the project's aims, not the game's
            for sentence in sentences(_URL.sub("", plain(block.text, 2000))):
                if len(sentence) > 3 and not _not_design(sentence):
                    found.append((block, sentence))
        return found

    for kind in ("goal", "win", "lose", "controls", "setting", "art", "audio", "character"):
        taken: dict[str, int] = {}
        candidates = section_sentences(kind) if kind != "character" else []
        if kind in ("controls", "setting", "art", "audio"):
            # The section's sentence that says it in the kind's own words first ("pixel art", "music").
            candidates.sort(key=lambda c: not (_SAYS[kind].search(fold(c[1]))
                                               or (kind == "setting" and _PLACE.search(fold(c[1])))))
        for block, sentence in candidates:
            low = fold(sentence)
            title = block.section[-1] if block.section else ""
            only_lose = kind == "lose" and not _KIND_SECTION["win"].search(title) and not _SAYS["win"].search(low)
            if kind in ("win", "lose") and not only_lose and not any(_SAYS[k].search(low) for k in ("win", "lose", "goal")):
                continue  # (a section on losing alone states its way of losing in any words: "If the minute passes")
            if not _fits(kind, low, own=True) or _cut(sentence, elsewhere=False) \
                    or (kind in ("win", "lose") and _STATE_LIST.search(sentence)):
                continue
            # A "win / lose" section holds both: each sentence goes where its words say.
            k = kind
            if kind in ("win", "lose", "goal"):
                k = "lose" if (_SAYS["lose"].search(low) or only_lose) and not _SAYS["win"].search(low) else \
                    ("win" if _SAYS["win"].search(low) else kind if kind != "lose" else "goal")
            if taken.get(k, 0) >= _PER_SECTION:
                continue
            add(k, f"{k}: {sentence}", block, k, words=sentence)  # type: ignore[arg-type]
            taken[k] = taken.get(k, 0) + 1
        if taken.get(kind):
            continue  # the kind's own section said it: a sentence elsewhere adds only noise
        count = 0
        for block, sentence, low in folded:
            if count >= _PER_KIND:
                break
            if len(sentence) >= _MIN_SENTENCE and (_SAYS[kind].search(low) or kind == "setting") \
                    and not _not_design(sentence) and not _cut(sentence) \
                    and not _other_kinds_section(block, kind, low) and _fits(kind, low, own=False) \
                    and not (kind == "win" and _SAYS["lose"].search(low)) \
                    and not (kind == "character" and _negated(low, _SAYS["character"].search(low))):
                k = boss_kind if kind == "character" and _SAYS["character"].search(low) \
                    and not re.search(r"\bnpcs?\b|villain|antagonist|companion|mentor|shopkeeper|merchant", low) else kind
                add(k, f"{k}: {sentence}", block, k, words=sentence)  # type: ignore[arg-type]
                count += 1

    # Named characters, levels and mechanics: the headings, keys and table rows of their sections, and
    # for mechanics the short bullets of a mechanics section ("Dash", "Wall slide", "Combo meter").
    player = fold(spec.player.name)
    cast = {fold(e.name) for e in [*spec.enemies, *spec.items, *spec.hazards]}
    terms = {r.term for r in out if r.term}
    per_section: dict[tuple[str, ...], int] = {}
    def top_level(section: tuple[str, ...]) -> int:
        """The outermost bullet depth of a section: a nested bullet describes the one above it."""
        return min((b.level for b in where.blocks if b.section == section and b.kind == "item"), default=0)

    for kind in ("character", "level", "mechanic", "enemy", "obstacle", "item"):
        pattern = _KIND_SECTION.get(kind) or _THING_SECTION[kind]
        for i, block in enumerate(where.blocks):
            if _aside(block) or not block.section:
                continue
            title = fold(block.section[-1])
            if block.text.lstrip().startswith("#") or (kind == "mechanic" and _SECTION["controls"].search(title)
                                                     and not re.search(r"mec[aá]ni|mechani", title)):
                continue  # a heading pasted as text; a key binding ("Left: run left") is a control
            if block.kind == "heading":
                if not pattern.search(title) or pattern.search(fold(block.text)):
                    continue
                nxt = next((b for b in where.blocks[i + 1:i + 4] if b.kind != "heading"), None)
                name, words = _name_of(block), _words(nxt) if nxt else ""
            elif kind == "level" or not (pattern.search(title) or (kind == "mechanic" and block.key and block.kind == "item"
                                                                   and not block.bold_key and where.describes(block)
                                                                   and not any(p.search(block.key) for k, p in _KIND_SECTION.items()
                                                                               if k != "mechanic"))):
                continue  # (a keyed list item, "Torque: a steady spin", names a mechanic in any section on the game)
            elif block.bold_key or block.kind == "row" or (kind == "mechanic" and block.key and block.kind == "item"):
                if block.key and not _says_something(block.value):
                    continue
                name, words = _name_of(block), _words(block)
            elif kind == "mechanic" and _short_bullet(block):
                name, words = plain(block.text, 60).rstrip(" .;:"), ""
            elif kind in _THING_SECTION and _short_bullet(block, 8) and block.level <= top_level(block.section):
                words = plain(block.text, MAX_WORDS)
                name = re.split(r"\s+[-–—(]|[:;,.(]", words, maxsplit=1)[0].strip()
            else:
                continue
            key = fold(name).strip(" :")
            rest = re.sub(r"^[^:]{1,60}:\s*", "", words) if words else ""
            if rest and (_PLAN.match(fold(rest)) or _denied(f"{name}: {rest}", name)):
                continue  # "Enemy Types: It would be cool to ...", "Multiplayer: it will not ...": none asked for
            if not _is_name(key, kind) or key == player or key in cast \
                    or (kind != "mechanic" and (_PLAN.match(key) or _HOLDER.search(key))):
                continue
            if kind in _THING_SECTION and (_singular(key) in {_singular(c) for c in cast}
                                           or (len(player) > 2 and player in key)):
                continue
            if kind == "character" and (_PLAYER_SECTION.search(title) or not name[:1].isupper() or _GROUP.search(key)
                                        or _NOT_CAST.search(title) or _PLAYER_SECTION.search(key)
                                        or (name.isupper() and len(name) > 3)):
                continue
            count = per_section.get(block.section, 0)
            if count >= _PER_NAMED_SECTION:
                continue
            text = f"{name}: {words}" if words and not fold(words).startswith(key) else words or name
            listed = _listed_as(where.blocks, i) if kind == "mechanic" and block.kind == "item" else None
            if listed is not None and not pattern.search(title):
                continue  # a keyed entry outside a mechanics section, in a list of characters or things: none
            if listed is not None:
                # "Special characters may appear, including:" / "trinkets, such as:" over the bullet: the list
                # says what its entries are, and a character or a trinket is no mechanic.
                per_section[block.section] = count + 1
                add(listed, f"{listed}: {name}", block, None, words=text)
                continue
            if kind == "mechanic" and _NUMBERED_LEVEL.match(key):
                # "Level 2 - Cabins: the trampolines ..." in a section on each level's mechanics: a level.
                per_section[block.section] = count + 1
                add("level", f"level: {name}", block, key, words=text)
                continue
            if kind == "mechanic" and _FOE.search(key) and not _FOE_NOT.search(key) and not _HOLDER.search(key) \
                    and not re.search(r"\bbehaviou?rs?\b", key):
                # "An enemy that walks a fixed route" under Mechanics: an enemy the GDD asks for.
                per_section[block.section] = count + 1
                add("enemy", f"enemy: {name}", block, _thing_term("enemy", fold(text), spec, mechanic_term(text)), words=text)
                continue
            if kind == "mechanic" and (_THEME_KEY.match(_bare(key)) or _ASIDE.search(key) or _NOT_MECHANIC.match(_bare(key))):
                continue  # "Theme: ...", "Screenshots: ...", "Player": a template's field, no mechanic
            told = next((k for k in ("lose", "goal") if _KIND_SECTION[k].search(key)), None) \
                or ("goal" if _SAYS["goal"].search(fold(text)) else None)
            if kind == "mechanic" and told and (words or _SAYS["goal"].search(key)):
                # "Failure states: neglected, the pet grows sad" under Mechanics: a rule of losing.
                per_section[block.section] = count + 1
                add(told, f"{told}: {words or name}", block, told, words=text)  # type: ignore[arg-type]
                continue
            if kind == "mechanic" and _MOVEMENT.match(_bare(key)):
                # Moving the character is the core loop's, no mechanic of its own; its keys are controls.
                if (_SAYS["controls"].search(fold(text)) or _KEYBOARD.search(fold(text))) and not any(
                        r.kind == "controls" and r.words and fold(r.words) in fold(text) for r in out):
                    per_section[block.section] = count + 1
                    add("controls", f"controls: {name}", block, "controls", words=text)
                continue
            if kind == "mechanic":
                term = mechanic_term(name)
                if term is not None and term in terms:
                    continue  # the spec's own mechanic, already listed with the GDD's words
                if spec.genre in REGISTRY and (term is None or term in REGISTRY[spec.genre].drops):
                    term = REGISTRY[spec.genre].term_for(fold(text)) or term  # a rule the family builds as it is said
                term = term or shared_term(fold(text))
                per_section[block.section] = count + 1
                add("mechanic", name, block, term, words=text)
                continue
            per_section[block.section] = count + 1
            add(kind, f"{kind}: {name}", block, key if kind == "level" else None,  # type: ignore[arg-type]
                words=text)

    # The people of a characters section set in bold in its prose or bullets ("the **Inspector**, who
    # ..."): the ones who are not the player, not a group ("main characters") and not already listed.
    named = {fold(r.summary.split(": ", 1)[-1]) for r in out if r.kind == "character"}
    for block in where.kind_blocks("character"):
        if _PLAYER_SECTION.search(fold(block.section[-1])) or _plan(block) or _NOT_CAST.search(fold(block.section[-1])):
            continue
        for bold in block.bold:
            name = plain(bold, 60).strip(" :.,;")
            key = fold(name)
            if not name[:1].isupper() or (name.isupper() and len(name) > 4) or key in named or key == player \
                    or not _is_name(key, "character") or _GROUP.search(key) \
                    or _PLAYER_SECTION.search(key) or len(key.split()) > 3:
                continue
            count = per_section.get(block.section, 0)
            if count >= _PER_NAMED_SECTION:
                break
            per_section[block.section] = count + 1
            named.add(key)
            add("character", f"character: {name}", block, None, needle=name)

    # The rules a mechanics or gameplay section states in prose or nested bullets ("The player can
    # climb ladders", "Enemies drop a coin when hit"): one requirement each, a few per section.
    terms = {r.term for r in out if r.term}
    # (a rule the player's or the core loop's words happen to quote is still a rule of its own)
    quoted = {fold(r.words) for r in out if r.words and r.kind not in ("player", "core_loop")}
    rules: dict[tuple[str, ...], int] = {}
    for block, own in where.rule_blocks():
        title = fold(block.section[-1]) if block.section else ""
        if _plan(block) or _incidental(block) or _SECTION["controls"].search(title) \
                or block.text.lstrip().startswith("#"):
            continue
        for n, sentence in enumerate(sentences(_URL.sub("", plain(block.text, 2000)))):
            low = fold(sentence)
            if rules.get(block.section, 0) >= (_PER_NAMED_SECTION if where.headless else _PER_RULE_SECTION):
                break
            # The first sentence of an entry in a headless GDD's list names a feature, whatever its shape.
            feature = where.headless and block.kind == "item" and n == 0
            if len(sentence) < _MIN_RULE or _not_design(sentence, 4) or not (feature or _rule(sentence, low)) \
                    or not (own or _RULE.search(low)) \
                    or any(low in q or q in low for q in quoted if len(q) > 20):
                continue
            term = mechanic_term(sentence)
            if term is not None and term in terms:
                continue  # the spec's own mechanic, already listed with the GDD's words
            if spec.genre in REGISTRY and (term is None or term in REGISTRY[spec.genre].drops):
                term = REGISTRY[spec.genre].term_for(low) or term  # a rule the family builds as it is said
            term = term or shared_term(low)
            summary = _rule_summary(sentence)
            if not summary:
                continue
            rules[block.section] = rules.get(block.section, 0) + 1
            quoted.add(low)
            kinds = _rule_kinds(low)
            for kind in kinds:
                if kind == "lose":
                    # "A life is lost when ..."; "... sends you back to the start": the shared check of where a
                    # lost life puts the player (maestro.agents.query.generic)
                    add("lose", f"lose: {sentence}", block, "hit_sends_back" if _BACK_TO_START.search(low) else "lose",
                        words=sentence)
                elif kind == "structure":
                    add("structure", "structure: levels", block, "levels", words=sentence)
                elif kind == "win":
                    add("win", f"win: {sentence}", block, "win", words=sentence)
                elif kind in ("obstacle", "enemy"):
                    add(kind, f"{kind}: {summary}", block, _thing_term(kind, low, spec, term),  # type: ignore[arg-type]
                        words=sentence)
            if not kinds:
                add("mechanic", summary, block, term, words=sentence)

    # What the GDD asks for that no genre builds.
    body = "\n".join(_URL.sub("", b.text) for b in where.blocks if not _aside(b) and not _plan(b))
    for demand, _first in demands_in(body):
        match = next((m for m in demand.pattern.finditer(body) if not _negated(body, m)), None)
        if match is None:
            continue  # "will not support multiplayer", "no boss fights": the GDD asks for it not to be
        kind = boss_kind if demand.id == "boss" else DEMAND_KIND.get(demand.id, "mechanic")
        # A mechanic asked for in words another mechanic quotes is still asked for ("grow twice as big" is no
        # double jump); mouse controls in the controls sentence are that sentence's, judged there.
        proof = REGISTRY[spec.genre].delivers.get(demand.id) if spec.genre in REGISTRY else None
        said_at = where.find(match.group(0)) or where.find(match.group(0), whole_word=False)
        add(kind, demand.summary, said_at, proof, shared=kind == "mechanic")
    return _one_structure(out, [low for block, _s, low in folded if block.kind != "heading"])


# What each structure requirement's term says the game is made of (the kinds of _STRUCTURE).
_STRUCTURE_OF_TERM = {"auto_run": "endless", "timer": "timed", "timed": "timed"}
# The plain word of each structure, in the GDD's languages (folded): how often a GDD says it tells
# which structure the game has when it says several ("each level has one minute" is a game of levels).
_STRUCTURE_WORD = {
    "turns": re.compile(r"\b(?:turns?|turnos?|tours?|beurt\w*|runde\w*|tury?|turni?|giliran)\b"),
    "waves": re.compile(r"\b(?:waves?|oleadas?|golf|golv\w*|vagues?|wellen?|ondate?|fale|gelombang)\b"),
    "rounds": re.compile(r"\b(?:rounds?|rondas?|rondes?|manches?|runden?|rundy?|round)\b"),
    "timed": re.compile(r"\b(?:time limit|timer|countdown|clock|minutes?|minutos?|minuten?|seconds?|segundos?|"
                        r"seconden|sekunden|tiempo|tempo|tijd|zeit|temps)\b"),
    "endless": re.compile(r"\b(?:endless\w*|infinite\w*|infinit[oa]s?|oneindig\w*|unendlich\w*|sans fin|sin fin|"
                          r"never ends|runner|auto-?run\w*)\b"),
    "levels": re.compile(r"\b(?:levels?|stages?|niveles?|nivel|niveaux?|niveaus?|fases?|nivells?|livell[oi]|"
                         r"poziom\w*)\b"),
}


def _one_structure(out: list[Requirement], said: list[str]) -> list[Requirement]:
    """A game has one structure: of the structures read ("levels", "a time limit", "endless"), keep the
    one the GDD says most often (the first read on a tie). A time limit that is not the structure is
    a rule of each level ("one minute for every level"): the timer mechanic."""
    found = [r for r in out if r.kind == "structure"]
    if len(found) < 2:
        return out
    def support(r: Requirement) -> float:
        if r.term == "timed" and not r.summary.startswith("structure: "):  # a timed run: the spec made the whole
            return float("inf")  # game one stage against the clock; its waves happen inside it, not the structure
        word = _STRUCTURE_WORD.get(_STRUCTURE_OF_TERM.get(r.term or "", r.term or ""))
        named = re.match(r"(\d+) levels$", r.summary)  # the levels the GDD names, each one said
        told = sum(1 for low in said if word is not None and word.search(low)) + (int(named.group(1)) if named else 0)
        # A structure the spec was built on (its waves, its named levels, a runner) weighs half again as much
        # as one a sentence only mentions.
        return told * (1.0 if r.summary.startswith("structure: ") else 1.5)

    keep = max(found, key=support)  # max keeps the first of equals
    kept: list[Requirement] = []
    for r in out:
        if r.kind != "structure" or r is keep:
            kept.append(r)
        elif _STRUCTURE_OF_TERM.get(r.term or "") == "timed" and not any(k.term == "timer" for k in kept):
            kept.append(r.model_copy(update={"id": "mechanic:time_limit", "kind": "mechanic", "summary": "time limit",
                                             "term": "timer"}))
    return kept


_PER_RULE_SECTION = 4  # rule sentences read from one mechanics section
# Words that deny what follows them in the same sentence ("no multiplayer", "nie będzie ... wieloosobowej").
_NEGATION = re.compile(r"\b(?:not|never|without|won't|wont|cannot|can't|nie|sin|sem|ohne|kein\w*|geen|niet|tidak|"
                       r"bukan|bez|nunca|jamais|jamas|sans|senza|non|ne)\b|\bno\s*$", re.I)


# A field's value that says the game will not have it ("Multiplayer: No", "... it will not support ...");
# a rule stated with a "not" ("Hardcore: characters do not come back") still describes the thing.
_DENYING_VALUE = re.compile(r"^(?:no|none|not|n/a|nope|nein|nee|non|nao|nie|tidak|sin|sem)\b|\bwill not\b|\bwon'?t\b|"
                            r"\bnot (?:be|have|support|include|planned)\w*|\bno (?:habra|tendra|sera)\b|"
                            r"\bnao (?:tera|havera|sera)\b|\bnie bedzie\b|\bwird (?:es )?(?:nicht|kein)\w*|\bgeen\b")


def _denied(sentence: str, name: str) -> bool:
    """The sentence names ``name`` only to deny it ("There are no boss fights")."""
    return _negated(fold(sentence), re.search(r"(?<!\w)" + re.escape(fold(name)) + r"(?!\w)", fold(sentence)))


def _negated(text: str, match: re.Match[str] | None) -> bool:
    """The words just before ``match``, in its own sentence, deny it; or it is a field or a heading
    ("Multiplayer: no, the game is narrative") whose value or first line does."""
    if match is None:
        return False
    before = re.split(r"[.!?\n:;]", text[max(0, match.start() - 60):match.start()])[-1]
    field = re.match(r"[^\w\n]{0,3}(?::|\s*\n)\W*([^\n]{0,80})", text[match.end():])
    return bool(_NEGATION.search(before) or (field and _DENYING_VALUE.search(fold(field.group(1)))))
# A rule that sends the player back: a way of losing, though it names no death ("pitfalls send you back to
# the beginning", "vuelves al inicio del nivel").
_BACK_TO_START = re.compile(
    r"\b(?:back to|return\w* to|respawn\w* (?:at|from)) (?:the )?(?:start|beginning|last checkpoint|checkpoint)\b|"
    r"\bsends? (?:you|them|him|her|the player) back\b|\bstart (?:the level )?over\b|"
    r"\b(?:vuelve\w*|volver|regresa\w*) al (?:inicio|principio|comienzo)\b|\bvolta\w* ao (?:inicio|comeco)\b|"
    r"\bzuruck zum (?:start|anfang)\b|\bterug naar (?:het )?(?:begin|start)\b|\bretour\w* au (?:debut|depart)\b|"
    r"\btorna\w* all'inizio\b|\bkembali ke awal\b|\bwraca\w* na (?:poczatek|start)\b")
# What a rule sentence is about, from the words before its verb: "Pitfalls send ...", "Enemies chase ...".
_RULE_HEAD = re.compile(r"^\W*(?:(?:must|should|could|will|would) (?:have|include|feature)|there (?:are|is|will be)|"
                        r"hay|habra|er zijn|es gibt|il y a|ci sono|ada)?\s*(?:(?:the|a|an|some|many|several|el|la|los|las|"
                        r"unos|unas|de|het|die|der|le|les|des|o|os|as|il|gli|i)\s+)?(\S+(?:\s+\S+)?)")
_PIT = re.compile(r"\bpit(?:s|falls?)?\b|\babyss\w*|\bchasms?\b|\bprecipic\w*")


def _hazard_name(text: str) -> bool:
    from maestro.gdd.lexicon import HAZARD_WORDS

    return bool(HAZARD_WORDS.search(text) or _PIT.search(text))


def _rule_kinds(low: str) -> list[str]:
    """The kinds a rule sentence states besides a mechanic: the obstacle or enemy it is about, and a way of
    losing it says; none for a plain mechanic."""
    from maestro.gdd.lexicon import ENEMY_WORDS

    kinds = []
    head = _RULE_HEAD.match(low)
    subject = head.group(1) if head else ""
    if _hazard_name(subject):
        kinds.append("obstacle")
    elif _FOE.search(subject) or ENEMY_WORDS.search(subject):
        kinds.append("enemy")
    elif re.match(r"(?:levels|stages|worlds|niveles|niveaux|niveaus|fases|livelli|poziomy)\b", subject):
        kinds.append("structure")  # "Must have levels that showcase the movement": a game of levels
    if (_SAYS["lose"].search(low) or _BACK_TO_START.search(low)) and not _SAYS["win"].search(low):
        kinds.append("lose")
    elif not kinds and _SAYS["win"].search(low) and re.search(r"\b(?:to|must|in order to|para|om te|um zu|pour)\s+"
                                                              r"(?:\w+\s+)?(?:win|ganar|winnen|gewinnen|gagner|vencer)\b", low):
        kinds.append("win")  # "Players need to go through the checkpoints in order to win the race"
    return kinds
_MIN_RULE = 20
# A sentence that states a rule: the player, a character or an enemy doing something, or an imperative.
_SUBJECT = (r"(?:the |a |an |each |every |all |el |la |los |las |le |les |de |het |der |die |das |o |os |a |as |"
            r"il |gli )?(?:player|players|users?|you|hero|heroine|character|characters|enemy|enemies|foes?|monsters?|"
            r"jugador\w*|personaje\w*|enemigos?|speler\w*|vijand\w*|joueur\w*|ennemis?|spieler\w*|gegner|"
            r"jogador\w*|inimigos?|giocatore|nemici|gracz\w*|pemain)")
_VERB = (r"(?:can|could|will|must|has to|have to|may|is able to|are able to|gets?|loses?|gains?|earns?|moves?|"
         r"jumps?|runs?|shoots?|collects?|picks?|attacks?|fights?|dies|dodges?|avoids?|climbs?|swims?|flies|"
         r"throws?|drops?|spawns?|chases?|follows?|walks?|uses?|controls?|finds?|takes?|deals?|starts?|has|have|"
         r"need to|needs to|puede\w*|debe\w*|tiene\w*|kan|kunnen|moet\w*|peut|peuvent|doit|kann|muss|pode\w*|"
         r"deve\w*|puo|possono|moze|bisa|dapat)")
_RULE = re.compile(r"^(?:\W*(?:when|if|once|after|each time|every time|cuando|si|als|wenn|quand|quando)\b[^,]{0,60},\s*)?"
                   + _SUBJECT + r"\s+(?:\w+\s+){0,2}?" + _VERB + r"\b"
                   r"|^\W*(?:tienes|puedes|debes|encuentras|recoges|controlas|saltas|disparas|"
                   r"juegas|pierdes|ganas|voce|tu peux|tu dois|du kannst|du musst|je kunt|je moet|jij)\b"
                   r"|^\W*(?:jump|run|collect|avoid|dodge|shoot|grab|find|climb|defeat|kill|destroy|push|pull|"
                   r"throw|build|place|use|explore|escape|survive|protect|catch|salta|recoge|evita|dispara|"
                   r"encuentra|usa|derrota|spring|verzamel|ontwijk|schiet|saute|ramasse|evite)\b")
_STOP_WORDS = frozenset(
    "the a an and or of to in on at by for with from as is are be can will must may that this these those it its "
    "their his her they you your player players el la los las un una y o de del en con por para que se es le les "
    "et du des un une de het een en van op met der die das und ein eine zu mit o os as um uma e do da dos das"
    .split())


# Basic movement named as a mechanic ("Player movement", "Moviment del personatge amb el teclat").
_MOVEMENT = re.compile(r"^(?:(?:player|character|hero|basic|personaje|personatge|personagem|jugador)\s+)?"
                       r"(?:movement|moving|moviment|movimiento|movimento|mouvement|deplacement|bewegung|beweging|"
                       r"ruch|poruszanie|pergerakan|direcional|directional|d-?pad)\b(?:\s+\S+){0,7}$")
_KEYBOARD = re.compile(r"\bteclat\b|\btastiera\b|\bklawiatur\w*|\bpapan ketik\b|\bdireciona\w*|\bdirectional\b|"
                       r"\bd-?pad\b|\bwasd\b|\bsetas\b|\bfletxes\b|\bfrecce\b")
# Words that name a mechanic Maestro builds beyond maestro.gdd.mechanics' own, in more languages: a
# counter of things to find is collecting them.
_MORE_TERMS: dict[str, re.Pattern[str]] = {
    "collect": re.compile(r"\b(?:counter|contador|comptador|contatore|zahler|teller|licznik)\b.{0,30}\b(?:to find|to collect|"
                          r"a trobar|a encontrar|por encontrar|para encontrar|a recoger|a recollir|da trovare|"
                          r"te vinden|zu finden|a coletar|a encontrar)\b|\bcolet\w*|\bcoleta\w*|\brecull\w*|"
                          r"\bramass\w*|\bsammel\w*|\braccogl\w*|\bzbier\w*|\bmengumpul\w*"),
    "double_jump": re.compile(r"\bdouble saut\b|\bdoppelsprung\b|\bpulo duplo\b|\bsalt doble\b|\bdoppio salto\b|"
                              r"\bpodwojny skok\b"),
    "jump": re.compile(r"\bsaut\w*|\bpula\w*|\bpulo\b|\bsalt(?:a|ar|en)\b|\bskok\w*|\blompat\w*"),
    "shoot": re.compile(r"\batira\w*|\bdispar\w*|\bstrzel\w*|\bspara\w*|\btembak\w*"),
}


def mechanic_term(text: str) -> str | None:
    """The mechanic id whose words ``text`` says (None when it names none Maestro builds)."""
    low = fold(text)
    return next((mid for mid, rx in DETECT.items() if rx.search(text)), None) \
        or next((mid for mid, rx in _MORE_TERMS.items() if rx.search(low)), None)


# What every Maestro game has, in a GDD's words, each with the id of the shared keypoint that plays it
# (maestro.agents.query.generic): a start screen Space leaves, pausing, moving left and right. Kept
# particular: a "main menu" with options or a level select is more than a title screen.
SHARED_TERMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:start|title|opening|splash)(?:ing)? ?(?:screen|page)\b|\bpantalla (?:de )?(?:inicio|titulo)\b|"
                r"\becra?n (?:titre|de titre|d'accueil|de demarrage)\b|\btela (?:inicial|de inicio|de titulo)\b|"
                r"\b(?:start|titel)(?:bildschirm|scherm)\b|\bschermata (?:iniziale|del titolo)\b|\bekran (?:startowy|tytulowy)\b|"
                r"\blayar (?:awal|judul)\b"), "title_then_play"),
    (re.compile(r"\bpaus(?:e|es|ed|ing|a|ar|ieren|eren)\b"), "pause_freezes"),
    (re.compile(r"\b(?:moves?|moving|walks?|walking|runs?|running|steer\w*)\b.{0,20}\bleft\b.{0,12}\bright\b|"
                r"\b(?:izquierda|esquerda|gauche|links|sinistra|lewo|kiri)\b.{0,16}"
                r"\b(?:derecha|direita|droite|rechts|destra|prawo|kanan)\b"), "move_left_right"),
)


def shared_term(low: str) -> str | None:
    """The shared keypoint whose words ``low`` (folded) says, else None."""
    return next((kp for pattern, kp in SHARED_TERMS if pattern.search(low)), None)


def _thing_term(kind: str, low: str, spec: GameSpec, term: str | None) -> str | None:
    """What in the build answers a rule about an obstacle or an enemy ("Pitfalls send you back", "Enemies
    chase you"): the mechanic the rule names when it is one of the thing's own, else the thing the spec
    holds under the rule's name, else for a pit the pit's check; None when it names nothing built."""
    own = ("hazards", "fall_death", "falling_objects") if kind == "obstacle" else ("enemies_chase", "enemies_patrol", "stealth")
    if term in own:
        return term
    family = REGISTRY[spec.genre].term_for(low) if spec.genre in REGISTRY else None
    if family is not None:
        return family  # a rule the family builds as it is said ("towers attack the enemies")
    things = spec.hazards if kind == "obstacle" else spec.enemies
    named = next((e for e in things if not e.stock and re.search(r"(?<!\w)" + re.escape(fold(e.name)) + r"(?!\w)", low)),
                 None)
    if named is not None:
        return named.slug
    return "fall_death" if kind == "obstacle" and _PIT.search(low) else None


# Words about the document or the project, not a rule of the game.
_META = re.compile(r"^(?:the|this|our|a|el|este|nuestro|un|het|dit|ons|een|o|este|le|ce|notre|das|dieses|unser)\s+"
                   r"(?:game|juego|spel|xogo|jeu|spiel|jogo|gioco|gra)\b"
                   r"|\b(?:the game|el juego|het spel|le jeu|das spiel|o jogo|o xogo)\s+(?:should|would|could|may|might|"
                   r"can|puede|podria|kan|zou|peut|pourrait|kann|konnte|pode|poderia)\b"
                   r"|\b(?:mechanics?|mecanicas?|mechanik\w*|gdd|section|seccion|sekcj\w*|implement\w*|i|we|my|our|should|"
                   r"would|planned|programaci\w*|programming|scene|escena|design\w*|diseno|test\w*|explained|"
                   r"described|descrit\w*|explica\w*|consol\w*|consider\w*|url|repository)\b"
                   r"|^(?:these|this|those|it|it's|deze|dit|die|estos|estas|esto|eso|ces|cela|ceci|diese|dieser)\b"
                   r"|\b(?:the|a|an|of|to|and|or|el|la|de|het|een|le|der|die|das)\W*$|^[^:]{1,30}:\s*(?:\S+\s*){1,3}$")
_MODAL = re.compile(r"\b(?:can|cannot|can't|will|must|may|allows?|lets?|has to|have to|needs? to|is able to|"
                    r"puede[ns]?|debe[ns]?|tiene[ns]? que|kan|kunnen|moet\w*|zal|zullen|peut|peuvent|doit|doivent|"
                    r"kann|konnen|muss|mussen|pode[ms]?|deve[ms]?|podera|puo|possono|moze|musi|bisa|dapat|harus)\b")
_PLAYERISH = re.compile(r"\b(?:you|your|player\w*|users?|jugador\w*|speler\w*|joueur\w*|spieler\w*|jogador\w*|xogador\w*|"
                        r"giocator\w*|gracz\w*|pemain)\b")


def _rule(sentence: str, low: str) -> bool:
    """A sentence that states a rule of play, not a note on the document or a line cut in two."""
    text = sentence.strip()
    if not text[:1].isupper() and not text[:1].isdigit() and not text.startswith(("¿", "¡", '"')):
        return False
    if text.endswith(":") or _META.search(low):
        return False
    return bool(_RULE.search(low) or _MODAL.search(low) or _PLAYERISH.search(low))


def _rule_summary(sentence: str, words: int = 6) -> str:
    """A short name for a rule, in the GDD's words: its first few content words."""
    text = re.sub(r"^\W*(?:must|should|could|will) have\b|[-–(\s]*\[?\b(?:done|todo|wip|tbd)\b\]?\)?\W*$", "",
                  plain(sentence, 200), flags=re.I)
    tokens = re.findall(r"[^\W_][\w'-]*", text)
    content = [t for t in tokens if fold(t) not in _STOP_WORDS]
    return " ".join(content[:words])
