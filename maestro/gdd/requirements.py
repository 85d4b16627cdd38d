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

from maestro.gdd.demands import demands_in
from maestro.gdd.markdown import Block, Document
from maestro.gdd.text import fold, plain
from maestro.spec.game import Entity, GameSpec
from maestro.spec.requirements import FAMILIES, Requirement, RequirementKind, Where

MAX_WORDS = 200
MAX_REQUIREMENTS = 60

# The foreign-genre labels of maestro.gdd.lexicon, as families (the one place the two meet).
FAMILY_OF_LABEL = {
    "tower defense": "tower_defense", "racing": "racing", "match-3 / falling blocks": "tile_puzzle",
    "card game": "card", "farming / idle": "simulation", "turn-based RPG": "rpg", "visual novel": "visual_novel",
    "fighting": "fighting", "sports": "sports", "strategy": "tactics", "rhythm": "rhythm",
    "survival": "adventure", "horror": "adventure", "simulation": "simulation",
}
FAMILY_WORDS = {
    "platformer": "platformer", "shooter": "shooter", "adventure": "top-down adventure", "puzzle": "grid puzzle",
    "tactics": "turn-based tactics", "rpg": "RPG with turn-based battles", "card": "card game", "board": "board game",
    "racing": "racing game", "tower_defense": "tower defense", "rhythm": "rhythm game", "arcade": "arcade game",
    "tile_puzzle": "tile puzzle", "simulation": "simulation", "fighting": "fighting game", "sports": "sports game",
    "visual_novel": "visual novel", "idle": "idle game", "other": "game",
}
assert set(FAMILY_WORDS) == set(FAMILIES)

_SECTION = {
    "controls": re.compile(r"control|input|keys|teclas|controles|besturing|steuerung|commandes|comandos", re.I),
    "setting": re.compile(r"setting|world|story|lore|ambient|escenario|mundo|historia|wereld|verhaal|monde|welt|"
                          r"environment|entorno|ambientaci", re.I),
    "art": re.compile(r"\bart\b|visual|graphic|gr[aá]fic|aesthetic|estilo|look|arte|kunst|style", re.I),
    "audio": re.compile(r"audio|sound|music|m[uú]sica|sonido|geluid|muziek|musique|son\b|musik|ton\b", re.I),
}


class _Locator:
    """Finds where in the GDD a name or a sentence is: its block, section and line."""

    def __init__(self, doc: Document) -> None:
        self.blocks = [b for b in doc.blocks if b.kind != "code" and b.text.strip()]
        self.folded = [fold(b.text) for b in self.blocks]

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
            if block.kind != "heading" and block.section and pattern.search(block.section[-1]):
                return block
        return None


def _where(block: Block | None) -> Where:
    if block is None:
        return Where()
    return Where(section=plain(block.section[-1], 80) if block.section else "", line=block.line)


def _words(block: Block | None) -> str:
    return plain(block.text, MAX_WORDS) if block is not None else ""


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(text)).strip("_")[:40] or "x"


def family_of(genre: str, genre_note: str) -> str:
    """The family the GDD asks for: the foreign genre its note names, else the genre built."""
    m = re.match(r"GDD genre '([^']+)'", genre_note)
    if m and m.group(1) in FAMILY_OF_LABEL:
        return FAMILY_OF_LABEL[m.group(1)]
    return genre


def read_requirements(doc: Document, spec: GameSpec) -> list[Requirement]:
    where = _Locator(doc)
    out: list[Requirement] = []
    seen: set[str] = set()

    def add(kind: RequirementKind, summary: str, block: Block | None, term: str | None, **extra: object) -> None:
        rid = f"{kind}:{_slug(summary)}"
        if rid in seen or len(out) >= MAX_REQUIREMENTS:
            return
        seen.add(rid)
        out.append(Requirement(id=rid, kind=kind, summary=plain(summary, 80), words=_words(block), where=_where(block),
                               term=term, **extra))  # type: ignore[arg-type]

    # The core loop: the family the GDD asks for, built by the genre the reader chose.
    family = family_of(spec.genre, spec.genre_note)
    loop_block = where.find(spec.genre_source, whole_word=False) if spec.genre_source else None
    loop_block = loop_block or where.find(spec.summary[:60], whole_word=False)
    add("core_loop", FAMILY_WORDS[family], loop_block, spec.genre if family == spec.genre else None,
        family=family, defining=True)

    # The things the game is made of, as the GDD names them.
    def entity(kind: RequirementKind, e: Entity, label: str) -> None:
        block = where.find(e.name)
        if block is not None:
            add(kind, f"{label}: {e.name}", block, e.slug)

    entity("player", spec.player, "player")
    for e in spec.enemies:
        entity("enemy", e, "enemy")
    for e in spec.hazards:
        entity("obstacle", e, "obstacle")
    for e in spec.items:
        entity("item", e, "item")
    if spec.goal is not None:
        entity("goal", spec.goal, "goal")

    # Mechanics the GDD asked for in words (a genre's defaults are not requirements).
    for m in spec.mechanics:
        if m.source:
            add("mechanic", m.id.replace("_", " "), where.find(m.source[:60], whole_word=False), m.id)

    # Structure: an endless run, a time limit, waves, or levels the GDD counts or names.
    if spec.mode == "runner":
        add("structure", "endless run", where.find("endless") or where.find("runner"), "auto_run")
    if spec.time_limit is not None:
        add("structure", f"{spec.time_limit} s time limit", where.find(str(spec.time_limit)), "timer")
    named = [lv for lv in spec.levels if where.find(lv.name)]
    for lv in named:
        add("level", f"level: {lv.name}", where.find(lv.name), lv.name)
    if len(named) > 1:
        add("structure", f"{len(named)} levels", where.find(named[0].name), "levels")

    for cond in spec.win_conditions:
        block = where.find(cond[:50], whole_word=False)
        if block is not None:
            add("win", f"win: {cond}", block, "win")
    for cond in spec.lose_conditions:
        block = where.find(cond[:50], whole_word=False)
        if block is not None:
            add("lose", f"lose: {cond}", block, "lose")

    # Presentation: what the GDD's own sections on controls, setting, art and audio say.
    for kind in ("controls", "setting", "art", "audio"):
        block = where.section_first(_SECTION[kind])
        if block is not None:
            add(kind, kind, block, kind)  # type: ignore[arg-type]

    # What the GDD asks for that no genre builds.
    body = "\n".join(where.blocks[i].text for i in range(len(where.blocks)))
    for demand, match in demands_in(body):
        add("mechanic", demand.summary, where.find(match.group(0), whole_word=False), None)
    return out
