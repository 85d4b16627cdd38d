"""Named palettes and audio moods the parser picks from keywords in the GDD.

Every palette defines every colour role listed in spec.Palette, so generators never
have to guess a missing colour.
"""

from __future__ import annotations

import re

ROLES = (
    "sky", "sky2", "ground", "ground2", "wall", "accent", "player", "player2", "enemy", "enemy2",
    "item", "item2", "hazard", "goal", "ui", "ui_text", "shadow",
)


def _pal(*colors: str) -> dict[str, str]:
    assert len(colors) == len(ROLES)
    return dict(zip(ROLES, colors))


#                       sky        sky2       ground     ground2    wall       accent     player     player2    enemy      enemy2     item       item2      hazard     goal       ui         ui_text    shadow
PALETTES: dict[str, dict[str, str]] = {
    "meadow": _pal("#8fd3ff", "#d8f1ff", "#5aa83c", "#8b5a2b", "#6b4a2b", "#ffd447", "#e8453c", "#2b59c3", "#7a3fa0", "#c05fd6", "#ffd700", "#ff9f1c", "#b0b8c0", "#ffffff", "#1d2b53", "#ffffff", "#1a1a2e"),
    "desert": _pal("#ffcf8a", "#fff0c9", "#d9a441", "#a86b2d", "#8c5a2b", "#e85d3a", "#2b7de9", "#f2f2f2", "#7b3f1d", "#c2410c", "#ffe14d", "#35c9a0", "#3f8f3a", "#b51f2e", "#5a2e0e", "#fff7e0", "#3b2410"),
    "space": _pal("#0b0d2a", "#1d1f4f", "#3a3f7a", "#23265a", "#4b4f9a", "#ff4fd8", "#e6f0ff", "#4fc3ff", "#ff5a36", "#ffa62b", "#ffe45e", "#7cff6b", "#ff2e63", "#7cffcb", "#12143a", "#e6f0ff", "#000000"),
    "ocean": _pal("#3cb7e6", "#a8e6ff", "#f2d59b", "#1f7a8c", "#145369", "#ff7b54", "#ffcf3f", "#ffffff", "#5b3fa8", "#e63946", "#ffd166", "#06d6a0", "#8d99ae", "#f4f1de", "#073b4c", "#ffffff", "#022b3a"),
    "night": _pal("#141b3c", "#2a3566", "#2f4a3a", "#1e2e25", "#3b3f58", "#ffd166", "#f4f4f8", "#5fa8ff", "#d7263d", "#ff8c42", "#ffe066", "#9be564", "#c2c2d6", "#7ae7ff", "#0d1126", "#e8ecff", "#05070f"),
    "horror": _pal("#120d12", "#2a1a24", "#2b2620", "#1a1612", "#3d3436", "#a4161a", "#d9d9d9", "#6c757d", "#7d1128", "#4a5d23", "#e9c46a", "#8ecae6", "#9d0208", "#3a86ff", "#0b090a", "#e5e5e5", "#000000"),
    "neon": _pal("#0d0221", "#261447", "#2e2157", "#541388", "#6a0dad", "#00f5d4", "#00bbf9", "#f15bb5", "#fee440", "#ff006e", "#00f5d4", "#9b5de5", "#ff006e", "#fee440", "#1b0a3c", "#f0f0ff", "#000000"),
    "pastel": _pal("#bde0fe", "#ffd6e8", "#b9fbc0", "#f1c0e8", "#cfbaf0", "#ff99c8", "#ff8fab", "#8ecae6", "#9d8df1", "#f4a261", "#ffe66d", "#98f5e1", "#ef476f", "#caffbf", "#6d597a", "#ffffff", "#4a4e69"),
    "snow": _pal("#cfe8ff", "#f4faff", "#f8fbff", "#a9c6de", "#7fa3c2", "#e63946", "#d62828", "#003049", "#5e60ce", "#48bfe3", "#ffd60a", "#4cc9f0", "#90e0ef", "#2a9d8f", "#1d3557", "#ffffff", "#22344a"),
    "lava": _pal("#2b0f0e", "#5c1a12", "#3d2b26", "#1f1512", "#57372b", "#ff7b00", "#4cc9f0", "#f1faee", "#9b2226", "#bb3e03", "#ffdd00", "#ffb703", "#ff4800", "#80ffdb", "#1a0a08", "#fff1e6", "#000000"),
    "dungeon": _pal("#1e1b24", "#2e2a38", "#4a4458", "#35303f", "#6b6378", "#f4a259", "#5bc0eb", "#fde74c", "#c3423f", "#9bc53d", "#fde74c", "#e55934", "#d7263d", "#9bc53d", "#141218", "#f2efe9", "#0a090c"),
    "retro": _pal("#9bbc0f", "#8bac0f", "#306230", "#0f380f", "#306230", "#8bac0f", "#0f380f", "#306230", "#0f380f", "#306230", "#0f380f", "#8bac0f", "#0f380f", "#306230", "#0f380f", "#9bbc0f", "#0f380f"),
}

# (palette, weight, keywords). Whole-word regexes, English first, then es / nl words.
PALETTE_KEYWORDS: tuple[tuple[str, float, tuple[str, ...]], ...] = (
    ("meadow", 1.0, ("grass", "grassland", "meadow", "hills", "forest", "bright colou?rs?", "colou?rful", "nature", "farm\\w*", "trees?", "bosque", "bos", "granja", "boerderij", "floresta", "for[eê]ts?", "wald", "foresta", "hutan", "fazenda", "ferme")),
    ("desert", 1.5, ("desert", "canyon", "sand", "cacti", "cactus", "desierto", "woestijn", "deserto", "d[ée]sert", "w[üu]ste", "pustyni\\w*", "gurun")),
    ("space", 1.5, ("space(?! ?(?:bar|button|key))", "spaceship", "asteroids?", "galaxy", "stars", "planet", "satellites?", "espacio", "ruimte", "espa[cç]o sideral", "weltraum", "kosmos\\w*", "luar angkasa", "gal[aá]xia")),
    ("ocean", 1.2, ("ocean", "sea", "underwater", "beach", "island", "pirates?", "mar", "zee", "playa", "strand", "mer", "meer", "mare", "morze", "laut", "oceano", "ilhas?", "[iî]les?")),
    ("night", 1.2, ("night", "night ?time", "moon", "dark", "flashlights?", "noche", "nacht", "noite", "nuit", "notte", "malam")),
    ("horror", 1.6, ("horror", "creepy", "spooky", "scary", "blood", "mafia", "cosmic horror", "terror")),
    ("neon", 2.0, ("neon", "cyberpunk", "synthwave", "glowing")),
    ("pastel", 1.5, ("pastel", "cute", "kawaii", "soft colou?rs?", "lindo", "schattig")),
    ("snow", 1.5, ("snow", "ice", "winter", "frozen", "nieve", "sneeuw", "neve", "neige", "schnee", "[sś]nieg\\w*", "salju")),
    ("lava", 1.5, ("lava", "volcano", "fire world", "inferno", "volc[aá]n", "vulkaan")),
    ("dungeon", 1.3, ("mazes?", "labyrinths?", "dungeons?", "castle", "caves?", "crypt", "roguelike", "rougelike", "mazmorra", "kerker", "covas?", "cuevas?", "cavernas?", "grottes?", "h[öo]hlen?", "grotta", "jaskini\\w*", "gua", "masmorras?", "donjons?")),
    ("retro", 0.8, ("game ?boy", "monochrome", "green screen")),
)

STYLE_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("neon", ("neon", "synthwave", "cyberpunk")),
    ("retro", ("retro", "8-bit", "8 bit", "chiptune", "arcade")),
    ("pixel", ("pixel", "pixel art", "pixelart", "sprites?")),
    ("cute", ("cute", "kawaii", "pastel", "cartoon", "dibujo animado")),
    ("dark", ("horror", "dark", "gloomy", "creepy")),
    ("flat", ("flat", "minimalist", "vector", "rectangle", "low poly")),
)

# mood -> (tempo, key, scale, wave, keywords)
MOODS: tuple[tuple[str, int, str, str, str, tuple[str, ...]], ...] = (
    ("upbeat", 140, "C", "major", "square", ("upbeat", "cheerful", "happy", "fun", "energetic", "catchy", "alegre", "vrolijk", "party", "fiesta")),
    ("calm", 90, "F", "pentatonic", "triangle", ("calm", "relax\\w*", "peaceful", "chill", "soothing", "ambient", "cozy", "tranquil\\w*", "rustig")),
    ("tense", 110, "A", "minor", "square", ("tense", "spannend", "tenso", "tension", "stress\\w*", "stealth", "suspense", "alarm", "danger\\w*", "urgent")),
    ("spooky", 80, "D", "phrygian", "saw", ("misterios[oa]", "oscur[oa]", "donker", "griezelig", "horror", "dark", "mysterious", "creepy", "spooky", "scary", "eerie", "sinister", "terror")),
    ("heroic", 120, "D", "dorian", "saw", ("epic", "heroic", "adventurous", "orchestral", "battle", "legend\\w*", "[eé]pic[oa]")),
    ("playful", 128, "G", "major", "square", ("playful", "silly", "quirky", "bouncy", "cartoon\\w*", "casual")),
)


def compile_words(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


PALETTE_PATTERNS = tuple((name, weight, compile_words(words)) for name, weight, words in PALETTE_KEYWORDS)
STYLE_PATTERNS = tuple((name, compile_words(words)) for name, words in STYLE_KEYWORDS)
MOOD_PATTERNS = tuple((m[0], m[1], m[2], m[3], m[4], compile_words(m[5])) for m in MOODS)

# Place names per palette, used to name levels when the GDD gives a count but no names.
LEVEL_NAMES: dict[str, tuple[str, ...]] = {
    "meadow": ("Green Hills", "Sunny Meadow", "Windy Ridge", "Forest Edge", "Mossy Glade", "River Bend", "Old Orchard", "High Pasture", "Stone Bridge", "Summit"),
    "desert": ("Dune Road", "Dry Canyon", "Cactus Flats", "Sun Temple", "Mirage Pass", "Red Mesa", "Oasis", "Bone Valley", "Sandstorm", "Pyramid"),
    "space": ("Low Orbit", "Asteroid Belt", "Red Moon", "Nebula", "Ice Comet", "Star Forge", "Dark Side", "Ring World", "Wormhole", "Core"),
    "ocean": ("Sandy Shore", "Coral Reef", "Kelp Forest", "Shipwreck", "Deep Trench", "Pearl Cove", "Storm Sea", "Lighthouse", "Sunken City", "Abyss"),
    "night": ("Moonlit Street", "Quiet Yard", "Back Alley", "Rooftops", "Old Station", "Warehouse", "Clock Tower", "Gallery", "Vault", "Dawn"),
    "horror": ("Basement", "Cellar", "Dark Hall", "Library", "Chapel", "Attic", "Crypt", "Boiler Room", "Asylum", "Way Out"),
    "neon": ("Grid City", "Neon Strip", "Data Stream", "Laser Alley", "Synth Tower", "Pulse Core", "Glitch Zone", "Night Drive", "Mainframe", "Overdrive"),
    "pastel": ("Candy Lane", "Cloud Garden", "Bubble Park", "Cotton Fields", "Rainbow Bridge", "Sugar Hills", "Toy Box", "Dream Pond", "Star Swing", "Sweet Home"),
    "snow": ("Frosty Path", "Ice Cave", "Pine Woods", "Frozen Lake", "Snow Peak", "Glacier", "Blizzard", "Aurora", "Crystal Hall", "Summit"),
    "lava": ("Ash Fields", "Magma Flow", "Fire Caves", "Obsidian Keep", "Ember Bridge", "Smoke Vent", "Lava Lake", "Burning Tower", "Caldera", "Core"),
    "dungeon": ("Entrance Hall", "Dark Cellar", "Old Crypt", "Spider Den", "Flooded Halls", "Guard Room", "Forgotten Vault", "Bone Pit", "Throne Room", "Deep Lair"),
    "retro": ("World 1", "World 2", "World 3", "World 4", "World 5", "World 6", "World 7", "World 8", "World 9", "World 10"),
}

# Place names per scene (maestro.gdd.looks.SCENE_WORDS), used instead of the palette's when the GDD
# says where its game takes place (a mole in an old mine gets tunnels, not "Low Orbit"). Each name
# carries its scene's words, so the levels are drawn where they are named.
PLACE_LEVEL_NAMES: dict[str, tuple[str, ...]] = {
    "space": LEVEL_NAMES["space"],
    "lava": LEVEL_NAMES["lava"],
    "cave": ("Cave Mouth", "Old Mine Shaft", "Dripping Cave", "Crystal Grotto", "Underground River", "Bat Cave",
             "Deep Mine", "Mushroom Cavern", "Collapsed Tunnel", "Underground Lake"),
    "sea": LEVEL_NAMES["ocean"],
    "snow": LEVEL_NAMES["snow"],
    "desert": LEVEL_NAMES["desert"],
    "city": ("Main Street", "Market Square", "Back Streets", "City Rooftops", "Old Town", "Harbour Road",
             "City Park", "Tram Depot", "City Hall", "Skyline"),
    "forest": ("Forest Edge", "Deep Woods", "Old Oak Trees", "Fern Hollow", "Misty Forest", "Woodcutter's Path",
               "Mossy Woods", "Forest River", "Ancient Trees", "Forest Heart"),
    "night": LEVEL_NAMES["night"],
    "hills": LEVEL_NAMES["meadow"],
}
