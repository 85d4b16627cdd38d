"""Keyword tables the offline parser reads GDDs with (English first, small es / nl tables).

Kept apart from the logic so a new word is a one-line change. Every entry is a regex
fragment matched as a whole word, case-insensitively.
"""

from __future__ import annotations

from maestro.gdd.styles import compile_words
from maestro.genres.registry import REGISTRY

# --- genres ------------------------------------------------------------------------------
# (genre, weight, words), each genre's own (maestro.genres: Genre.words). A word's hits are capped
# (see genre.py) so one word repeated thirty times cannot outvote the rest of the document.
GENRE_WORDS: tuple[tuple[str, float, tuple[str, ...]], ...] = tuple(
    (g.name, weight, words) for g in REGISTRY.values() for weight, words in g.words)

# Genres a GDD may name, mapped to the nearest playable one when no registered genre builds that family
# (maestro.gdd.genre routes a label whose family is registered to that genre).
# (words, label, genre, mode, default player, default enemy, default item, why)
FOREIGN_GENRES: tuple[tuple[tuple[str, ...], str, str, str, str, str, str], ...] = (
    (("tower[- ]defen[cs]e", "td game"), "tower defense", "shooter", "fixed", "Tower", "Creep", "Gold Coin"),
    (("kart racing", "kart", "karts", "racing", "racer", "race", "carreras?"), "racing", "adventure", "rooms", "Kart", "Rival Kart", "Item Box"),
    (("match[- ]?3", "match[- ]three", "tetris(?:-like)?", "falling blocks", "tile[- ]matching", "bejeweled", "candy crush"), "match-3 / falling blocks", "puzzle", "exit", "", "", "Gem"),
    (("card game", "deck ?builder", "deck-building", "trading card", "tcg", "cartas"), "card game", "puzzle", "exit", "Hero", "", "Card"),
    (("farming", "farm", "idle games?", "idle clicker", "clicker games?", "time ?waster", "harvest\\w* (?:the |your |of )?crops?", "planting", "crops?", "granja", "boerderij"), "farming / idle", "adventure", "rooms", "Farmer", "Crow", "Crop"),
    (("strategy games?", "rts", "4x", "city builder", "tactics", "tactical", "wargames?", "turn[- ]based strategy", "fire emblem", "advance wars", "into the breach", "estrategia", "t[aá]ctic[oa]s?"), "strategy", "puzzle", "exit", "Commander", "", "Supply Crate"),
    # (Turns alone are no RPG: a sokoban is turn-based too.)
    (("turn[- ]based (?:rpg|combat|battles?|fights?|role[- ]playing)", "jrpg", "party rpg", "rpg"), "turn-based RPG",
     "adventure", "rooms", "Hero", "Skeleton", "Potion"),
    (("visual novel", "dating sim", "interactive fiction", "text adventure"), "visual novel", "adventure", "rooms", "Hero", "", "Letter"),
    (("fighting game", "fighter", "beat ?'?em ?up", "brawler"), "fighting", "platformer", "levels", "Fighter", "Brawler", "Heart"),
    (("sports?", "football", "soccer", "basketball", "golf", "tennis"), "sports", "adventure", "rooms", "Athlete", "Rival", "Ball"),
    (("rhythm game", "music game"), "rhythm", "shooter", "fixed", "Drum", "Note", "Star"),
    (("survival horror", "survival"), "survival", "adventure", "rooms", "Survivor", "Zombie", "Medkit"),
    (("horror",), "horror", "adventure", "rooms", "Survivor", "Shadow", "Candle"),
    (("sandbox", "simulation", "simulator"), "simulation", "adventure", "rooms", "Explorer", "", "Gem"),
)
FOREIGN_PATTERNS = tuple((compile_words(words), label, genre, mode, player, enemy, item) for words, label, genre, mode, player, enemy, item in FOREIGN_GENRES)

# Words naming one of the four playable genres directly (for the "Genre:" field).
DIRECT_GENRE = compile_words(
    ("platformers?", "platform", "plataformas?", "runner", "shooters?", "shmup", "adventure", "aventuras?", "avontuur", "puzzle", "puzzel", "denkspiel", "r[aä]tsel\\w*", "casse-t[eê]tes?", "quebra-cabe[cç]as?", "roguelike", "rougelike", "dungeon crawler", "maze", "stealth", "sokoban", "arcade")
)

MODE_WORDS = {
    # A runner needs a clear cue: the hero runs on its own, or the run never ends. "Side-scrolling" alone
    # is every classic platformer, so it is no cue.
    "runner": compile_words(("endless", "runner", "infinite", "infinito", "oneindig", "as far as possible", "how far can (?:you|u) get",
                             "(?:it )?never ends", "can'?t stop running", "never stops running",
                             "lo m[aá]s lejos posible", "falling to infinity")),
    "auto_run": compile_words(("auto[- ]?run\\w*", "auto[- ]?scroll\\w*", "runs? (?:automatically|on (?:his|her|its|their) own)",
                               "run \\(automatic\\)", "automatic(?:ally)? runs?", "never stops (?:scrolling|running|moving)",
                               "constant movement from right to left", "moving from right to left", "keeps? running")),
    "scrolling": compile_words(("scroll\\w*", "side[- ]?scroll\\w*", "vertical scroll\\w*", "desplaza\\w*", "endless", "infinite", "flappy", "lo m[aá]s lejos posible")),
    "fixed": compile_words(("fixed", "fixed shooter", "fire upward", "arena", "only fire up", "can only fire up", "space invaders", "galaga", "single screen", "fire up", "tower[- ]defen[cs]e")),
    "maze": compile_words(("mazes?", "labyrinths?", "laberintos?", "doolhof")),
    "sokoban": compile_words(("sokoban", "push(?:es|ing)? (?:the |every |each |all |a )?(?:blocks?|boxes|crates?|rocks?|barrels?|boulders?)", "crates?", "empujar", "duwen", "never (?:be )?pull\\w*", "push(?:es|ing)? (?:it|them) (?:one|a) (?:square|tile|space|cell)")),
}
FLYING = compile_words(("fly", "flying", "flies", "flight", "flappy", "seagull", "gaviota", "pavana", "bird", "birds", "volar", "vuela", "vliegen", "vogel", "plane", "airplane"))

# --- entities ------------------------------------------------------------------------------
ENEMY_WORDS = compile_words((
    "enem(?:y|ies)", "goombas?", "spiders?", "asteroids?", "monsters?", "guards?", "zombies?", "slimes?", "skeletons?",
    "bats?", "ghosts?", "robots?", "drones?", "eagles?", "ufos?", "bandits?", "orcs?", "goblins?", "wolf", "wolves",
    "snakes?", "bees?", "wasps?", "rats?", "bosses", "boss", "villains?", "invaders?", "aliens? ships?", "creeps?",
    "enemigos?", "esqueletos?", "[aá]guilas?", "ovnis?", "coches", "aviones", "avion", "barcos?", "delf[ií]n(?:es)?", "globos?", "bombas?",
    "vijand(?:en)?", "monsters?", "spinnen?", "mafia", "rivals?", "crows?", "birds?", "beetles?", "knights?", "soldiers?",
    "ghouls?", "pigeons?", "wardens?", "raiders?", "fox(?:es)?", "bears?", "grubs?", "scorpions?", "sharks?", "trolls?", "imps?", "demons?",
    "wraiths?", "vampires?", "werewolf", "werewolves", "mummy", "mummies", "cultists?", "thugs?", "sentr(?:y|ies)", "turrets?",
    "(?:security|surveillance|cctv) cameras?", "goalkeepers?", "lich", "liches", "platillos?(?: voladores?)?", "naves? (?:enemigas?|nodriza)",
    "fantasmas?", "murci[eé]lagos?", "ara[nñ]as?", "spoken", "ratten", "katten", "honden",
    "ennemis?", "gobelins?", "squelettes?", "chauves?-souris", "gegner", "skelette?", "fledermäuse", "fledermaus", "inimigos?", "esqueletos?",
))
ITEM_WORDS = compile_words((
    "coins?", "diamonds?", "gems?", "jewels?", "fruits?", "apples?", "bananas?", "pineapples?", "cherr(?:y|ies)", "potions?",
    "keys?", "stars?", "hearts?", "crystals?", "treasures?", "loot", "gold", "rings?", "orbs?", "power[- ]?ups?",
    "mushrooms?", "medkits?", "crates?", "boxes", "item ?box(?:es)?", "cards?", "crops?", "seeds?", "clickers?", "shards?",
    "acorns?", "embers?", "batter(?:y|ies)", "power cells?", "canisters?", "medals?", "nuggets?", "rupees?",
    "snowflakes?", "feathers?", "pearls?", "tokens?", "chips?", "flasks?", "scrolls?", "relics?", "artifacts?", "artefacts?",
    "bolts?", "gears?", "cogs?", "berr(?:y|ies)", "carrots?", "cheese", "kaas", "bottles?", "lanterns?", "shells?",
    "monedas?", "peces dorados", "pièces?(?: d'or)?", "pieces? d'or", "cl[eé]s?", "c(?:œ|oe)urs?", "graines?", "m[uü]nzen?", "schl[uü]ssel", "fisch(?:e)?",
    "moedas?", "chaves?", "notas? musica(?:l|is)", "cora[cç](?:[aã]o|[oõ]es)", "frutas?", "llaves?", "pociones?", "gemas?", "estrellas?", "munten?", "sleutels?", "sterren", "fruit",
    "chests?", "packages?", "parcels?", "grenades?",
    "monete", "moneta", "chiavi", "chiave", "gemme", "cofres?", "ba[uú]s?", "kisten?", "truhen?", "potenziamenti", "potenziamento",
))
HAZARD_WORDS = compile_words((
    "spikes?", "cact(?:us|i)", "traps?", "lava", "saws?", "thorns?", "brambles?", "cracks?", "holes?", "puddles?", "mines?", "acid", "lasers?",
    "obst[aá]culos?", "pinchos?", "trampas?", "val(?:len)?", "stekels?", "bombs?",
    "trappol[ae]", "ostacol[oi]", "spinat[aeio]", "spiked", "pu[lł]apk\\w*", "kolc\\w*", "przeszk[oó]d\\w*", "armadilhas?", "espinhos?",
))
GOAL_WORDS = compile_words((
    "flag", "exit", "door", "portal", "stairs", "staircase", "ladder", "igloo", "burrow", "skylight", "hatch", "finish ?line", "finishline", "treasure chest", "way out", "amulet(?: of \\w+)?",
    "salida", "puerta", "bandera", "uitgang", "deur", "vlag",
))
PLAYER_NOUNS = compile_words((
    "hero", "heroine", "boy", "girl", "man", "woman", "pirate", "knight", "thief", "ninja", "wizard", "cat", "dog", "fox",
    "robot", "spaceship", "ship", "kart", "car", "farmer", "explorer", "adventurer", "princess", "prince", "captain",
    "soldier", "alien boy", "astronaut", "bird", "seagull", "frog", "rabbit", "bunny", "penguin", "dragon",
))
# Words that name no thing a game can draw: never used as entity names.
GENERIC_NAMES = {
    "player", "players", "character", "characters", "main character", "the player", "enemy", "enemies", "item", "items",
    "object", "objects", "thing", "things", "user", "you", "it", "they", "he", "she", "player character", "platforms",
    "platform", "nature", "background", "background images", "npc", "npcs", "game", "level", "levels", "hud", "ui",
    "score", "scores", "name", "role", "description", "abilities", "animations", "unnamed protagonist", "protagonist",
    "jugador", "personaje", "speler", "joueur", "personnage", "spieler", "figur", "jogador", "personagem", "ennemi", "ennemis", "gegner", "inimigo", "inimigos", "objet", "objets", "enemigo", "enemigos", "vijand", "vijanden", "objeto", "objetos", "all", "more",
    "mechanics", "everything", "fruit", "fruits", "obstacle", "obstacles", "hazard", "hazards", "goal", "goals", "mission", "missions",
    "damage", "time", "points", "cut", "removed", "scrapped", "dropped", "deleted", "wip", "done", "puntos", "punten", "pts", "username", "password", "bullet", "bullets", "shot", "shots", "projectile", "projectiles", "any", "none of them", "highscore", "run", "runs", "round", "rounds", "move", "moves", "life", "lives", "hp", "health", "each", "every", "other", "rest", "way", "end", "start", "room", "rooms", "screen", "tile", "tiles", "grid", "board", "wall", "walls", "floor", "ground", "gameplay", "story", "menu", "scene", "scenes", "world", "map", "maps", "nothing", "none", "tbd", "todo", "art", "sound", "music", "animation", "assets",
    "unit", "units", "error", "errors", "bug fix", "exception", "crash", "glitch", "feature", "features",
    "uno", "una", "one", "ones", "um", "uma", "ein", "eine", "une",
    "information", "informacion", "información", "informação", "informacao", "informacji", "informazioni", "data", "datos", "dados",
    "obstáculo", "obstáculos", "obstaculo", "obstaculos", "ostacolo", "ostacoli", "nemico", "nemici", "monstros", "monstruos",
    "hindernis", "hindernisse", "przeszkody", "przeszkoda", "wrogowie", "przeciwnicy", "musuh", "rintangan", "oggetti", "oggetto", "itens",
    "card", "cards", "deck", "decks", "carta", "cartas", "karte", "karten", "kaart", "kaarten",
    "examples", "example", "exemplos", "exemplo", "ejemplos", "ejemplo", "exemples", "beispiele", "voorbeelden", "esempi",
}

# --- language --------------------------------------------------------------------------------
LANGUAGE_WORDS = {
    "en": compile_words(("the", "and", "is", "of", "to", "player", "with", "will", "game", "can", "enemies", "level", "this", "that", "jump")),
    "es": compile_words(("el", "la", "los", "las", "del", "que", "y", "se", "es", "jugador", "enemigos", "nivel", "saltar", "monedas", "vidas", "juego", "con", "para", "una", "por", "será", "habrá")),
    "nl": compile_words(("het", "een", "van", "zijn", "ik", "wat", "je", "worden", "speler", "vijanden", "torens", "levens", "golven", "spel", "niveau", "met", "voor", "wordt", "naar", "op", "springen", "munten")),
    "fr": compile_words(("le", "les", "des", "du", "et", "est", "une", "dans", "pour", "avec", "joueur", "ennemis?", "niveaux?", "vies",
                         "sauter", "pi[eè]ces?", "jeu", "qui", "sur", "pas", "au", "aux", "ce", "il", "elle", "on", "sont", "d'une?")),
    "de": compile_words(("der", "die", "das", "und", "ist", "ein", "eine", "einen", "nicht", "mit", "auf", "zu", "den", "dem", "spieler",
                         "gegner", "leben", "springen", "m[uü]nzen?", "spiel", "wird", "sich", "von", "im", "wenn", "oder", "man", "jede[rsn]?")),
    "pt": compile_words(("n[aã]o", "voc[eê]", "uma", "com", "do", "da", "dos", "das", "os", "em", "pra", "jogo", "jogador", "inimigos?",
                         "n[ií]vel", "n[ií]veis", "pular", "moedas?", "s[aã]o", "mas", "ao", "pelo", "pela", "tem", "[eé]", "fases")),
    "it": compile_words(("il", "della", "delle", "degli", "dei", "gli", "che", "per", "sono", "questo", "questa", "anche", "nel", "nella",
                         "giocatore", "nemici", "livello", "livelli", "gioco", "essere", "sar[aà]", "verr[aà]", "alla", "dal", "dalla")),
    "pl": compile_words(("si[eę]", "nie", "jest", "oraz", "kt[oó]r\\w*", "b[eę]dzie", "przez", "gracz\\w*", "poziom\\w*", "gry", "jako",
                         "tak", "tylko", "mo[zż]e", "kt[oó]ry", "czy", "dla", "przy", "jego", "postaci")),
}

# --- names are noun phrases ---------------------------------------------------------------
# A thing's name never holds a pronoun ("Rats ignore you" is a clause, not a rat) ...
NAME_PRONOUNS = frozenset({
    "you", "your", "yours", "yourself", "they", "them", "their", "theirs", "it", "its", "itself", "he", "him", "his",
    "she", "her", "hers", "we", "us", "our", "i", "me", "my", "this", "that", "these", "those",
})
# ... nor starts with an adverb ("Sometimes a bug drops ...") or an imperative verb ("Open Morvane's Spire").
# Only verbs that are rarely a thing's first word: "Fire Imp", "Guard" and "Rolling Boulder" stay names.
NAME_LEADING_ADVERBS = frozenset({
    "sometimes", "sometime", "often", "always", "usually", "never", "also", "then", "only", "just", "maybe", "probably",
    "perhaps", "rarely", "occasionally", "soon", "later", "again", "still", "even", "very", "really", "already",
    "almost", "randomly", "slowly", "quickly", "when", "if", "while", "once", "after", "before", "until", "because",
    "not", "no", "every", "each", "there", "here", "now", "how", "what", "why", "where", "who", "which",
})
NAME_LEADING_VERBS = frozenset({
    "open", "opens", "collect", "collects", "use", "uses", "find", "finds", "reach", "reaches", "pick", "picks", "grab",
    "grabs", "avoid", "avoids", "press", "click", "defeat", "defeats", "beat", "beats", "kill", "kills", "get", "gets",
    "go", "goes", "take", "takes", "make", "makes", "give", "gives", "unlock", "unlocks", "enter", "enters", "escape",
    "escapes", "explore", "explores", "protect", "protects", "save", "saves", "rescue", "rescues", "stomp", "stomps",
    "dodge", "dodges", "destroy", "destroys", "push", "pushes", "pull", "pulls", "hit", "hits", "tap", "hold", "holds",
    "ignore", "ignores", "fall", "falls", "walk", "walks", "touch", "touches", "lose", "loses", "gain", "gains",
    "restore", "restores", "heal", "heals", "refill", "refills", "deliver", "delivers", "visit", "visits", "return",
    "returns", "bring", "brings", "keep", "keeps", "try", "tries", "need", "needs", "must", "can", "will", "is", "are",
    "was", "were", "has", "have", "do", "does", "did", "be", "becomes", "become", "shows", "appears", "spawns",
    "include", "includes", "disappear", "disappears", "implement", "implements", "cannot", "can't",
})
