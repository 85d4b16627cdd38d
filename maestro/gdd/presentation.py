"""How the game looks, sounds and is played: palette, audio mood, controls."""

from __future__ import annotations

import re

from maestro.gdd.markdown import Document
from maestro.gdd.styles import MOOD_PATTERNS, PALETTE_PATTERNS, PALETTES, STYLE_PATTERNS
from maestro.gdd.text import norm_key, plain, sentences
from maestro.genres.registry import REGISTRY
from maestro.spec import ArtStyle, AudioMood, Palette

_ART_SECTION = re.compile(r"\bart\b|visual|graphic|look|style|estilo|arte|stijl|aesthetic|theme|mood|tema|sfeer|environment|setting")
# Where a GDD says where its game takes place (a level's own words still win for that level).
_SETTING_SECTION = re.compile(r"setting|world|environment|ambient|escenario|ambientaci|mundo|entorno|wereld|omgeving|"
                              r"monde|welt|cen[aá]rio|ambiente|lokacj|swiat|dunia|lugar|location")
_AUDIO_SECTION = re.compile(r"audio|music|sound|musica|sonido|geluid|muziek|sfx")


def section_text(doc: Document, pattern: re.Pattern[str]) -> str:
    parts = []
    matches: dict[tuple[str, ...], bool] = {}
    for b in doc.blocks:
        if b.kind == "code":
            continue
        if b.section not in matches:
            matches[b.section] = any(pattern.search(norm_key(t)) for t in b.section)
        if b.kind == "heading" and pattern.search(norm_key(b.text)):
            parts.append(b.text)
        elif matches[b.section] or (b.key and pattern.search(norm_key(b.key))):
            parts.append(b.text)
    return "\n".join(parts)


def pick_art(doc: Document, body: str, genre: str, first_theme: str = "") -> ArtStyle:
    art_text = section_text(doc, _ART_SECTION)
    scores: dict[str, float] = {}
    for name, weight, pattern in PALETTE_PATTERNS:
        hits = min(len(pattern.findall(body)), 4) + 2 * min(len(pattern.findall(art_text)), 3) + 3 * len(pattern.findall(first_theme))
        if hits:
            scores[name] = hits * weight
    palette = max(sorted(scores), key=lambda k: scores[k]) if scores else REGISTRY[genre].palette
    style = "pixel"
    style_src = ""
    for text in (art_text, body):
        for name, pattern in STYLE_PATTERNS:
            m = pattern.search(text)
            if m:
                style, style_src = name, m.group(0)
                break
        if style_src:
            break
    pixel = 16
    if re.search(r"\b(hd|high[- ]res\w*|detailed (?:art|sprites|graphics)|hi-?res)\b", art_text or body, re.I):
        pixel = 32
    elif re.search(r"\b16[- ]bit\b", body, re.I):
        pixel = 24
    source = plain(f"{style_src} / palette {palette}" if style_src else f"palette {palette}", 120)
    return ArtStyle(style=style, palette=Palette(name=palette, colors=dict(PALETTES[palette])), pixel_size=pixel, source=source)


def pick_audio(doc: Document, body: str, genre: str) -> AudioMood:
    audio_text = section_text(doc, _AUDIO_SECTION)
    best: tuple[float, int, str] | None = None
    for idx, (mood, *_rest, pattern) in enumerate(MOOD_PATTERNS):
        score = 3 * len(pattern.findall(audio_text)) + min(len(pattern.findall(body)), 4)
        if score and (best is None or score > best[0]):
            best = (score, -idx, mood)
    mood = best[2] if best else REGISTRY[genre].mood
    entry = next(m for m in MOOD_PATTERNS if m[0] == mood)
    _, tempo, key, scale, wave, pattern = entry
    source = ""
    for s in sentences(audio_text + "\n" + body[:100_000]):
        if pattern.search(s):
            source = plain(s, 160)
            break
    if re.search(r"8[- ]?bit|chiptune|chip ?tune|retro|nes\b|game ?boy", body, re.I):
        wave = "square"
        source = source or "8-bit"
    # A tempo and a key the GDD states outrank the mood's (a rhythm game is charted from this music).
    stated = _BPM.search(audio_text) or _BPM.search(body)
    if stated and 40 <= int(stated.group(1)) <= 240:
        tempo, source = int(stated.group(1)), source or plain(stated.group(0), 160)
    named = _KEY.search(audio_text) or _KEY.search(body)
    if named:
        key, scale = named.group(1).upper() + named.group(2).replace("♯", "#").replace("♭", "b"), named.group(3).lower()
    return AudioMood(mood=mood, tempo_bpm=tempo, key=key, scale=scale, wave=wave, source=source)


_BPM = re.compile(r"\b(\d{2,3})\s*(?:bpm|beats per minute)\b", re.I)
# "in G major", "key of A minor", "en Re menor" is left alone (note names differ by language)
_KEY = re.compile(r"\b(?:in|key of)\s+([A-G])([#b♯♭]?)\s+(major|minor)\b")


def pick_controls(body: str, genre: str, mechanic_ids: set[str]) -> dict[str, str]:
    low = body.lower()
    wasd = bool(re.search(r"\bwasd\b", low))
    arrows = bool(re.search(r"\barrow(?:s| keys?)\b|\bcursor(?:s| keys)\b|\bkeyboard cursors\b|\bflechas\b|\bpijl\w*", low))
    move_keys = (["WASD"] if wasd else []) + (["Arrows"] if arrows else [])
    for k in ("Arrows", "WASD"):
        if k not in move_keys:
            move_keys.append(k)
    controls = {"move": "/".join(move_keys)}
    space = bool(re.search(r"\bspace(?: ?bar| button| key)?\b|\bspatie\b|barra espaciadora", low)) and "space" not in re.findall(r"outer space|in space|into space|space ship", low)
    if genre == "platformer":
        jump_up = re.search(r"\bup\b[^.\n]{0,30}\bjump", low)
        controls["jump"] = "Up/W/Space" if jump_up or not space else "Space/Up/W"
    elif genre == "shooter":
        controls["fire"] = "Space/Enter"
    elif genre == "adventure":
        controls["action"] = "Space/Enter"
    else:
        controls["undo"] = "Z/Backspace"
        controls["restart"] = "R"
    if "sprint" in mechanic_ids:
        controls["sprint"] = "Shift"
    if "focus" in mechanic_ids:  # the runtime's "focus" action (held)
        controls["focus"] = "Shift (hold)"
    if re.search(r"\bmouse\b|\brat[oó]n\b|\bmuis\b", low):
        controls["aim" if genre == "shooter" else "point"] = "Mouse"
    if re.search(r"\btouch\b|\btap\b|\bswipe\b|\bt[aá]ctil\b|\btouchscreen\b", low):
        controls["touch"] = "On-screen buttons"
    controls["pause"] = "P/Escape"
    return controls


def setting_text(doc: Document) -> str:
    """What the GDD's setting / world / environment sections say (for the backdrop of generated levels)."""
    return section_text(doc, _SETTING_SECTION)
