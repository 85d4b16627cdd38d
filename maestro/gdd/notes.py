"""What the GDD asks for that Maestro does not build: reported, never silently dropped."""

from __future__ import annotations

import re

from maestro.gdd.demands import demands_in
from maestro.gdd.markdown import Document
from maestro.gdd.text import norm_key, plain

MAX_NOTES = 30
MAX_NOTE_CHARS = 160

_API = re.compile(r"\bapi\b", re.I)
_ENGINE = re.compile(
    r"\b(unity|godot|unreal(?: engine)?|gamemaker|game maker|phaser ?\d?|pygame|construct \d|rpg maker|love2d|monogame)\b"
    r"(?:\s*(?:ver(?:sion)?\.?\s*)?(\d+(?:\.\d+)*[a-z]?\d*))?",
    re.I,
)
# Sections every genre understands; anything else with content is reported.
_UNDERSTOOD = re.compile(
    r"overview|title|titel|titulo|name|genre|genero|gameplay|jugabilidad|mechanic|mecanica|character|personaje|enem|"
    r"vijand|item|object|objeto|level|nivel|niveau|control|input|art|visual|audio|sound|music|sonido|story|historia|"
    r"verhaal|win|lose|victory|defeat|goal|mission|concept|pitch|description|descripcion|premise|summary|loop|"
    r"core|player|jugador|speler|scoring|score|movement|movimiento|beweging|theme|mood|world|setting|hud|interface|"
    r"scene|escenario|entit|torens|tower|wave|progress|element|animation|asset|camera|camara|obstacle|power|maze|"
    r"environment|puzzle|boundar|ficha|contenido|table of contents|toc|inspiration|references|referencias|"
    # the same sections in the other languages GDDs come in (pt, gl, ca, it, fr, de, pl, id)
    r"introduc|intro\b|xenero|genere|jogabilidade|xogabilidade|mecanique|spielmechanik|mechanik|personag|personatge|"
    r"personnage|figur|postac|karakter|inimig|nemic|ennemi|gegner|wrog|musuh|obst|objet|oggett|przedmiot|"
    r"poziom|livello|fase|etapa|controlli|commandes|steuerung|sterowanie|kontrol|grafic|grafik|arte\b|"
    r"musica|musique|musik|muzyk|suono|som\b|son\b|efectos|historia|histoire|geschichte|fabula|cerita|trasfondo|"
    r"fluxo|flujo|fluss|flux|caracter[ií]sticas|features|funktionen|fitur|obxectivo|objetivo|objectif|obiettivo|"
    r"ziel|cel\b|tujuan|vitoria|derrota|sconfitta|mundo|monde|welt|swiat|dunia|plataforma"
)


def _cap(note: str) -> str:
    return plain(note, MAX_NOTE_CHARS)


def collect_notes(doc: Document, body: str, delivered: frozenset[str] = frozenset()) -> list[str]:
    """What the GDD asks that was not understood or is not built; ``delivered``: the demand ids the
    chosen genre builds (maestro.genres: Genre.delivers), which are no note."""
    notes: list[str] = []

    def add(note: str) -> None:
        note = _cap(note)
        if note and note not in notes and len(notes) < MAX_NOTES:
            notes.append(note)

    for m in _ENGINE.finditer(body):
        name = " ".join(w.capitalize() if w.islower() else w for w in m.group(1).split())
        version = m.group(2) or ""
        add(f"{name}{' ' + version if version else ''} ignored: Maestro builds HTML5")
        break
    if _API.search(body):
        where = re.search(r"\b(microverse|firebase|supabase|leaderboard api|rest api)\b", body, re.I)
        add(f"Not built: scores fetched from an online API{' (' + where.group(1).capitalize() + ')' if where else ''}")
    for demand, _ in demands_in(body):
        if demand.id not in delivered:
            add(demand.note)
    # Sections with content that no extractor reads.
    counts: dict[tuple[str, ...], int] = {}
    first: dict[tuple[str, ...], str] = {}
    for b in doc.blocks:
        if b.kind in ("heading",) or not b.section:
            continue
        counts[b.section] = counts.get(b.section, 0) + 1
        first.setdefault(b.section, b.text)
    for path in counts:
        if any(_UNDERSTOOD.search(norm_key(t)) for t in path):
            continue
        title = plain(path[-1], 50)
        add(f"Section '{title}' not used: {plain(first[path], 90)}")
    return notes[:MAX_NOTES]
