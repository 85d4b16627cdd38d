"""How each thing in the game looks and where each level takes place, read from the GDD's words.

The reader decides here, once, what Canvas will draw: an enemy called "Robo Drone" gets the drone
body, a Spanish "nave" a ship, an item "Monedas" the coin shape, a level "Frozen Peaks" a snowy
scene. The decisions go into the GameSpec (``Entity.look``, ``LevelSpec.scene``), so an LLM reader
can make them instead; Canvas draws those values and never matches a word.

Every table is ordered, specific words first (the first match wins), and reads English, Spanish and
Dutch. The camera (side or top view) is the genre's, from the genre registry.
"""

from __future__ import annotations

import re
from typing import Any

from maestro.genres.registry import genre as genre_of
from maestro.spec.game import DEFAULT_SHAPE, Entity, GameSpec, LevelSpec, Look, Scene

# ---- bodies: the player and the enemies ----------------------------------------------------------

# A name (or a description) that names what a character is gets that body plan instead of the
# generic hero or creature: vehicles, rocks, flyers, ghosts, slimes, skeletons, spiders, robots, turrets.
BODY_WORDS: list[tuple[str, str]] = [
    (r"\bufos?\b|\bovnis?\b|saucer|platillo", "ufo"),
    (r"submarin|onderzee|\bsub\b|duikboot", "submarine"),
    (r"\btanks?\b|\btanques?\b", "tank"),
    (r"\bboats?\b|\bbarcos?\b|\bbotes?\b|galleon|galeón|sailboat|velero|yacht|canoe|pirate ship|\bschip\b|\bboot\b|zeilboot", "boat"),
    (r"spaceship|space ship|starship|star ship|rocket|cohete|\braket|ruimteschip|\bnaves?\b|fighter|interceptor|"
     r"\bships?\b|\bshuttle|\bcruiser|\bvessel|\bstarfighter", "ship"),
    (r"\bjets?\b|\bplanes?\b|airplane|aeroplane|avi[oó]n|aviones|vliegtuig|biplane|\bavioneta", "plane"),
    (r"\bcars?\b|\bcoches?\b|\bkarts?\b|\bautos?\b|racer|racecar|\btrucks?\b|cami[oó]n|\btaxi|\bbus\b|buggy|carro", "car"),
    (r"asteroid|meteor|boulder|\brocks?\b|\brocas?\b|piedra|\brots\b|\bsteen\b|\bkei\b|pedrusco", "rock"),
    (r"dragon|drag[oó]n|draak|wyvern|drake", "dragon"),
    (r"\bbats?\b|murci[eé]lago|vleermuis", "bat"),
    (r"\bwasps?\b|\bbees?\b|hornet|\bflies\b|\bfly\b|mosquito|avispa|abeja|\bmosca|\bwesp|\bbij\b|\bvlieg\b|insect", "insect"),
    (r"\bbirds?\b|eagle|[aá]guila|gull|gaviota|pavana|\bcrows?\b|raven|cuervo|\bowls?\b|parrot|loro|\bduck|pato|"
     r"p[aá]jaro|\baves?\b|vogel|meeuw|\bhawk|falcon|halc[oó]n|pigeon|paloma|\bkraai|\barend|\bpenguin|pelican|vulture|buitre", "bird"),
    (r"ghost|ghoul|spirit|phantom|wraith|spectre|specter|fantasma|esp[ií]ritu|\bgeest|spook|\bboo\b|banshee|poltergeist", "ghost"),
    (r"slime|\bblobs?\b|\bgoo\b|jelly|ooze|gelatin|\blimo\b|babosa|slijm|\bgel\b|medusa|jellyfish", "slime"),
    (r"skelet|esqueleto|\bbones\b|undead|lich\b", "skeleton"),
    (r"spider|ara[ñn]a|\bspin\b|\bspinnen\b|tarantula|tar[aá]ntula", "spider"),
    (r"\bdrones?\b|\bdron\b|quadcopter", "drone"),
    (r"robot|\bbots?\b|droid|\bmech\b|cyborg|\bautomaton|\bandroid", "robot"),
    (r"tower|turret|\btoren|\bcannon|ca[ñn][oó]n|\bkanon|\btorres?\b|torreta|artillery|\bgun\b", "turret"),
]

# One detail of a body plan, named anywhere in the name or description: (body plan, words, variant).
VARIANT_WORDS: list[tuple[str, str, str]] = [
    ("plane", r"jet|fighter|interceptor|caza", "jet"),
    ("car", r"kart", "kart"),
    ("turret", r"tower|toren|torre\b|torres", "tower"),
]

# The body when the words name none: in a shooter the player flies a ship and the enemies are
# craft ("Vanguard", "Normal"); a virtual pet is a creature ("genre/mode" keys first); elsewhere the
# generic hero and creature.
GENRE_DEFAULT_BODY: dict[str, dict[str, str]] = {"shooter": {"player": "ship", "enemy": "ufo"},
                                                 "simulation/pet": {"player": "creature"}}

# ---- still shapes: items, hazards and goals ------------------------------------------------------

SHAPE_WORDS: list[tuple[str, str]] = [
    (r"\bcards?\b|\bcartas?\b|\bkaart|\bnaipe|playing card|\bdeck\b|baraja", "card"),
    (r"\bchests?\b|treasure|tesoro|\bcofre|\bschat|\bkist|loot|item.?box|caja", "chest"),
    (r"coin|gold|money|cash|token|\brings?\b|moneda|\bmunt|\bgeld\b|\boro\b|dinero", "coin"),
    (r"crystal|cristal|kristal|\bshards?\b", "crystal"),
    (r"diamond|diamante|\bgems?\b|gema|\bedelsteen|jewel|joya|ruby|rub[ií]|emerald|esmeralda|sapphire|zafiro", "gem"),
    (r"pineapple|pi[ñn]a\b|ananas|anan[aá]s", "pineapple"),
    (r"banana|pl[aá]tano|banaan", "banana"),
    (r"cherr|cereza|kers", "cherry"),
    (r"\bfish|\bpez\b|\bpeces\b|\bvis\b|\bvissen|pescado|\bsalmon|\btuna|\bat[uú]n", "fish"),
    (r"\bseeds?\b|semilla|\bzaad|\bzaden|\bsprout|\bbrote", "seed"),
    (r"apple|manzana|\bappel|fruit|fruta|\bvrucht|berry|orange|naranja|peach|plum|tomato|food|comida|\bcrops?\b|cosecha", "fruit"),
    (r"\bkeys?\b|\bllaves?\b|\bsleutel", "key"),
    (r"potion|poci[oó]n|\bdrankje|bottle|botella|flask|elixir|vial|\bfles", "potion"),
    (r"shield|escudo|\bschild|armou?r|armadura", "shield"),
    (r"\bbolts?\b|lightning|thunder|\brayo|bliksem|energy|energ[ií]a|battery|bater[ií]a|\bzap", "bolt"),
    (r"power.?up|boost|upgrade|mejora|\bbonus", "powerup"),
    (r"\bstars?\b|estrella|\bster\b", "star"),
    (r"heart|coraz[oó]n|\bhart\b|\blife\b|\blives\b|\bvida|health|salud", "heart"),
    (r"amulet|amuleto|necklace|collar|talisman|medallion|pendant|relic|reliquia|idol", "amulet"),
    (r"flag|bandera|\bvlag|checkpoint|finish|meta\b|banner", "flag"),
    (r"door|puerta|\bdeur|exit|salida|\buitgang|gate|stairs|portal", "door"),
    (r"cactus", "cactus"),
    (r"\bsaws?\b|blade|buzz|sierra", "saw"),
    (r"fire|flame|lava|torch|burn|ember|\bfuego|llama\b|\bvuur|brasa|\bascua|\bhoguera", "flame"),
    (r"spike|pinchos?|\bp[uú]as?\b|thorn|trap|trampa|\bval\b|nail|spear|\bpit\b", "spikes"),
    (r"clock|reloj|\bklok|time|tiempo|hourglass|watch", "clock"),
    (r"skull|calavera|schedel|bone|death|muerte|poison|veneno", "skull"),
]

# ---- scenes: each level's backdrop and ground ----------------------------------------------------

SCENE_WORDS: list[tuple[str, str]] = [
    (r"space|galax|\bstars?\b|starfield|cosmic|cosmos|planet|alien|asteroid|orbit|[óo]rbita|sector|nebula|"
     r"\bmoons?\b|\blunar|espacio|espacial|ruimte|heelal|universe|universo|gal[aá]xia|estrellas|sterren|maan\b|luna\b", "space"),
    (r"lava|volcan|volc[aá]n|vulka|hell|magma|inferno|infierno|\bhel\b", "lava"),
    (r"cave|cueva|caverna|\bcovas?\b|h[öo]hle|jaskini|\bgua\b|\bgrot|dungeon|mazmorra|kerker|\bmine\b|\bmina\b|crypt|cripta|underground|tomb|castle|castillo|kasteel|cellar|s[oó]tano", "cave"),
    (r"\bsea\b|\bseas\b|ocean|oc[eé]ano|underwater|submarin\w*|bajo el agua|onder water|beach|playa|strand|island|isla|eiland|pirate|pirata|lake|lago|river|\br[ií]os?\b|"
     r"\bmar\b|marino|mar[ií]timo|\bzee\b|reef|coral|shore|costa|kust|harbou?r|puerto|haven", "sea"),
    (r"snow|nieve|sneeuw|\bice\b|\bhielo|\bijs\b|winter|invierno|frost|arctic|[aá]rtico|polar|mountain|monta[ñn]a|\bberg|"
     r"frozen|congelad|helad[oa]s?\b|bevroren|glaci|gletsjer|tundra|\bpeaks?\b|\bcumbres?\b", "snow"),
    (r"desert|desierto|woestijn|sand|arena|\bzand|dune|duna|egypt|canyon|ca[ñn][oó]n", "desert"),
    (r"city|ciudad|\bstad\b|urban|street|\bcalles?\b|straat|town|pueblo|cyber|neon|\bmetro\b|carretera|\broad|highway|autopista|\bweg\b", "city"),
    (r"forest|bosque|\bbos\b|jungle|jungla|selva|\bwoods?\b|\btrees?\b|[aá]rbol", "forest"),
    (r"night|noche|nacht|dark|oscur|donker|spooky|haunt|ghost|graveyard|cementerio|moonlit|midnight", "night"),
    (r"\bland\b|tierra|grass|hierba|\bgras\b|meadow|prado|weide|field|campo|hill|colina|heuvel|farm|granja|boerderij", "hills"),
]
DEFAULT_SCENE = "hills"
# A level whose own name and theme name no place (the stock names of generated levels often do not)
# is drawn where the GDD's palette puts the whole game: its setting, read from its art and setting words.
SCENE_OF_PALETTE = {"meadow": "hills", "desert": "desert", "space": "space", "ocean": "sea", "night": "night",
                    "horror": "night", "neon": "city", "pastel": "hills", "snow": "snow", "lava": "lava",
                    "dungeon": "cave", "retro": "hills"}

# A fixed shooter is played in space unless its level names a place with ground or sky.
NOT_SPACE = re.compile(r"\b(sky|skies|cielo|lucht|sea|mar|zee|ocean|oc[eé]ano|water|agua|city|ciudad|stad|land|tierra|forest|"
                       r"bosque|desert|desierto|clouds?|nubes?|hills?|grass|road|carretera|beach|playa)\b")

# What covers the ground tiles, from the first level's theme.
GROUND_TOP_WORDS: list[tuple[str, str]] = [
    (r"snow|ice|winter|frost|arctic|polar", "snow"),
    (r"desert|sand|dune|beach|egypt", "sand"),
    (r"lava|volcan|fire|hell|magma", "ash"),
    (r"cave|dungeon|mine|crypt|castle|underground|space|moon|planet|metal|factory|city", "stone"),
]
DEFAULT_GROUND_TOP = "grass"


def _words(*texts: Any) -> str:
    return " ".join(str(t or "") for t in texts).lower()


def _pick(text: str, table: list[tuple[str, str]], default: str) -> str:
    """The value of the first row whose words occur in the text."""
    for pattern, value in table:
        if re.search(pattern, text):
            return value
    return default


def body_for(*texts: Any) -> str:
    """The body plan the first text that names one names ('' when none does): pass the name
    first, then the description, so the name wins."""
    for text in texts:
        plan = _pick(_words(text), BODY_WORDS, "")
        if plan:
            return plan
    return ""


def variant_for(body: str, *texts: Any) -> str:
    """The detail of a body plan the texts ask for ("Jet fighter" -> jet), else "default"."""
    text = _words(*texts)
    return next((v for plan, pattern, v in VARIANT_WORDS if plan == body and re.search(pattern, text)), "default")


def shape_for(kind: str, *texts: Any) -> str:
    """The still shape the first text that names one names; else the kind's default shape."""
    for text in texts:
        shape = _pick(_words(text), SHAPE_WORDS, "")
        if shape:
            return shape
    return DEFAULT_SHAPE.get(kind, "orb_or_gem")


def scene_kind_for(*texts: Any, default: str = DEFAULT_SCENE) -> str:
    """The backdrop the texts name (a level's theme and name), else ``default`` (rolling hills)."""
    return _pick(_words(*texts), SCENE_WORDS, default)


def setting_scene(text: str, default: str = DEFAULT_SCENE) -> str:
    """The backdrop a setting section describes: the scene whose words it uses most (ties: the
    table's order), else ``default``. Counted, not the first word found: a haunted house whose
    setting mentions water dripping from a roof once is not set at sea."""
    low = _words(text)
    counts = [(len(re.findall(pattern, low)), -i, kind) for i, (pattern, kind) in enumerate(SCENE_WORDS)]
    n, _, kind = max(counts)
    return kind if n else default


# A phrase that puts the game somewhere: a preposition of place and the few words after it
# ("through the old mine", "en el bosque encantado", "dans la grotte").
_WHERE = re.compile(r"\b(?:in|inside|into|through|across|within|under|en|em|dans|im|nel|nella|no|na|door|durch)\s+"
                    r"((?:[^\W\d_]+\s+){0,3}[^\W\d_]+)")


def place_named(text: str) -> str:
    """The scene the first phrase of place in the text names ("Pip runs through the old mine" ->
    cave), "" when none does. Only such phrases count: a word of place elsewhere in a sentence
    ("a thousand stars of fame") says nothing of where the game is."""
    for m in _WHERE.finditer(_words(text)):
        kind = scene_kind_for(m.group(1), default="")
        if kind:
            return kind
    return ""


def ground_top_for(theme: str) -> str:
    """What covers the ground tiles of a level with this theme."""
    return _pick(_words(theme), GROUND_TOP_WORDS, DEFAULT_GROUND_TOP)


def _fixed_shooter(genre: str, mode: str) -> bool:
    return genre == "shooter" and mode != "scrolling"


def heading_for(genre: str, mode: str, kind: str) -> str:
    """Which way a vehicle points seen from above: up for the player of a fixed shooter (it fires
    up) and down for its enemies (waves come down); otherwise right (the game mirrors it to face left)."""
    if _fixed_shooter(genre, mode) and kind in ("player", "enemy"):
        return "up" if kind == "player" else "down"
    return "right"


def look_for(entity: Entity, genre: str, mode: str) -> Look:
    """The look of one entity: its body (player, enemies) or shape (items, hazards, goals) from its
    name first, then its description; the genre's camera and heading."""
    kind = entity.kind
    look = Look.default_for(kind)
    named = _words(entity.name, entity.slug)
    update: dict[str, str] = {"heading": heading_for(genre, mode, kind), "view": genre_of(genre).view(mode, "sprite")}
    if kind in ("player", "enemy"):
        defaults = GENRE_DEFAULT_BODY.get(f"{genre}/{mode}") or GENRE_DEFAULT_BODY.get(genre, {})
        body = body_for(named, entity.description) or defaults.get(kind, "") or look.body
        update.update(body=body, variant=variant_for(body, entity.name, entity.slug, entity.description))
    else:
        update["shape"] = shape_for(kind, named, entity.description)
    return Look.model_validate({**look.model_dump(), **update})


def scene_for(level: LevelSpec, genre: str, mode: str, setting: str = DEFAULT_SCENE) -> Scene:
    """The scene of one level: the backdrop its theme and name call for (a fixed shooter plays in
    space unless they name ground or sky), else the game's ``setting``; the ground top its theme
    calls for; the genre's camera."""
    words = " ".join(dict.fromkeys(t for t in (level.theme, level.name) if t))  # the same word twice adds nothing
    if _fixed_shooter(genre, mode) and not NOT_SPACE.search(words.lower()):
        kind = setting if setting not in ("hills", DEFAULT_SCENE) else "space"  # a sea battle stays at sea
    else:
        kind = scene_kind_for(words, default=setting)
    return Scene(kind=kind, ground_top=ground_top_for(level.theme), view=genre_of(genre).view(mode, "background"))


def with_looks(spec: GameSpec, setting: str = "") -> GameSpec:
    """The spec with every entity's look and every level's scene decided from its own words, for
    its genre and mode (run again after changing either). A level whose words name no place is set
    where the GDD's ``setting`` words put the game, else where its palette does."""
    def dress(entity: Entity) -> Entity:
        return entity.model_copy(update={"look": look_for(entity, spec.genre, spec.mode)})

    backdrop = setting_scene(setting, default=SCENE_OF_PALETTE.get(spec.art.palette.name, DEFAULT_SCENE))

    return spec.model_copy(update={
        "player": dress(spec.player),
        "enemies": [dress(e) for e in spec.enemies],
        "items": [dress(e) for e in spec.items],
        "hazards": [dress(e) for e in spec.hazards],
        "goal": dress(spec.goal) if spec.goal else None,
        "levels": [level.model_copy(update={"scene": scene_for(level, spec.genre, spec.mode, backdrop)})
                   for level in spec.levels],
    })
