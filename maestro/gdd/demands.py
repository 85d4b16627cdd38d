"""Things GDDs ask for that no Maestro genre builds yet: each becomes a requirement that ends
"not built" (and a line in the spec's not-understood notes), never a silent omission.

One table, two readers: maestro.gdd.notes turns a hit into a note, maestro.gdd.requirements into a
requirement carrying the sentence that asked. A pattern is matched whole-word, case-insensitively;
English first, with the common words of the other languages the shared GDDs are written in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Demand:
    id: str
    summary: str  # what a designer would call it: "turn-based battles"
    note: str  # the not-understood note, as the spec has always said it
    pattern: re.Pattern[str]


def _d(id: str, summary: str, note: str, pattern: str) -> Demand:
    return Demand(id, summary, note, re.compile(pattern, re.I))


DEMANDS: tuple[Demand, ...] = (
    _d("multiplayer", "multiplayer", "Not built: multiplayer / PvP",
       r"\bmultiplayer\b|\bpvp\b|player vs\.? player|two[- ]player|2[- ]player|\bco-?op\b|\bmultijugador\b"
       r"|\bmultijogador\b|\bmultijoueur\b|\bmehrspieler\b|\blocal versus\b"),
    _d("leaderboard", "a leaderboard", "Not built: leaderboard",
       r"\bleaderboards?\b|\bscoreboard\b|top \d+ (?:scores|scorers)|\bhigh ?score table\b|\bclasificaci[oó]n\b"
       r"|\branking\b|\bclassement\b|\bbestenliste\b"),
    _d("shop", "a shop or unlockables", "Not built: shop/unlockables",
       r"\bshop\b|\bin-game store\b|\btienda\b|\bwinkel\b|\bunlockables?\b|\bdesbloquea\w*|\bcomprar\b"
       r"|\bpurchas\w* (?:with|from|in|for|upgrades?|items?|new|more|them)\b|\b(?:can|to) (?:be )?purchas\w*"
       r"|\bloja\b|\bboutique\b|\bnegozio\b|\bmagasin\b"),
    _d("three_d", "3D or VR", "Not built: VR / 3D (Maestro builds 2D games)",
       # 3D said of models, objects or designs ("3D Models", "objetos 3D", "ships are in 3D") is an art style of a
       # 2D game, not a 3D game.
       r"\bvr\b|virtual reality|first[- ]person"
       r"|(?<!objetos )(?<!objeto )(?<!modelos )(?<!modelo )(?<!are in )(?<!is in )(?<!em )\b3d\b"
       r"(?![ -](?:models?|modell?\w*|objects?|objetos?|assets?|designs?|desings?|art|sprites?|renders?|print\w*)\b)"),
    _d("turn_based", "turn-based play", "Not built: turn-based combat (built as real-time)",
       r"\bturn[- ]based\b|\bturnos\b|\bpor turnos\b|\btour par tour\b|\brundenbasiert\w*|\ba turni\b|\bbeurt\w*"
       r"|\bturn order\b|\bplayer'?s turn\b|\benemy'?s turn\b"),
    _d("cards", "cards and decks", "Not built: cards, decks and dice",
       r"\bcards?\b.{0,40}\bdecks?\b|\bdecks?\b.{0,40}\bcards?\b|\bcartas?\b.{0,40}\bmazos?\b|\bbaralho\b|\bdeck ?build\w*"),
    _d("dice", "dice", "Not built: cards, decks and dice", r"\bdice\b|\bdados\b|\bw[üu]rfel\w*|\bdés\b(?= \w)"),
    _d("saving", "saving progress", "Not built: saving progress or scores",
       r"\bsave (?:the )?(?:game|progress|score)\b|\blocal ?storage\b|\bsave system\b|\bsave points?\b|\bguardar partida\b"),
    _d("dialogue", "NPCs and dialogue", "Not built: NPCs and dialogue",
       r"\bnpcs?\b|\bdialog(?:ue)?s?\b|\bdi[aá]logos?\b|\bspeak to\b|\btalk to\b|\bvoice acting\b|\bconversations?\b"),
    _d("progression", "upgrades, skill trees and inventories", "Not built: upgrades, customisation and inventories",
       r"\bpassive tree\b|\bskill tree\b|\bupgrade (?:cost|menu|tree|system)\b|\blevel(?:s|ling|ing)? up\b"
       r"|\b(?:weapon|character|kart|car|ship|avatar|outfit|deck)s? customi[sz]\w*"
       r"|\bcustomi[sz]\w* (?:\w+ ){0,2}(?:them|characters?|karts?|cars?|weapons?|ships?|avatars?|outfits?|skins?"
       r"|colou?rs?|looks?)\b"
       r"|\bexperience points\b|\bxp\b"),
    _d("inventory", "an inventory", "Not built: upgrades, customisation and inventories",
       r"\binventor(?:y|ies|io|ário|aire)\b"),
    _d("crafting", "crafting", "Not built: upgrades, customisation and inventories",
       r"(?<!hand-)(?<!hand )\bcraft(?:ing|ed|s)?\b|\bfabrica(?:r|ción)\b|\bcrafteo\b"),
    _d("achievements", "achievements", "Not built: achievements", r"\bachievements?\b|\blogros\b|\bconquistas\b"),
    _d("towers", "placing and upgrading towers", "Not built: placing and upgrading towers (the player defends directly)",
       r"\bplace/upgrade towers\b|\b(?:build|place|upgrade)s? (?:\w+ ){0,3}(?:towers|turrets|defen[cs]es)\b"
       r"|\bplaceable spots\b|\btower swap\b|\btorres?\b|\bverteidigungst[üu]rme\b"),
    _d("laps", "laps and checkpoints", "Not built: laps and checkpoints (race rules)",
       r"\blaps?\b|\bvueltas?\b|\bcheckpoints?\b.{0,40}\brac\w*|\brac\w*.{0,40}\bcheckpoints?\b"),
    _d("farming", "planting and harvesting", "Not built: planting/harvesting in real time",
       r"\bplanting\b|\bharvest\w*|\bcosecha\w*|\bsembrar\b|\bcolheita\b|\bplantar\b|\btakes actual time\b"),
    _d("cutscenes", "cutscenes", "Not built: cutscenes and credits",
       r"\bcutscenes?\b|\bcinem[aá]tic\w*|\bcredits scene\b|\broll of credits\b"),
    _d("rhythm", "playing to the rhythm", "Not built: playing to the beat of the music",
       r"\brhythm\w*|\britmo\b|\brythme\b|\bon the beat\b|\bto the beat\b|\bbeats?\b.{0,30}\bmusic\b|\bnotes? (?:chart|highway)\b"),
    _d("boss", "a boss fight", "Not built: boss fights (bosses play as ordinary enemies)",
       r"\bboss(?:es)?\b|\bjefe final\b|\bjefes?\b|\bchefe\b|\bendboss\b|\bfinal enemy\b"),
    _d("wall_jump", "wall jumping", "Not built: wall jumping", r"\bwall[- ]?jump\w*|\bwall[- ]?climb\w*|\bwall slide\b"),
    _d("grapple", "a grappling hook", "Not built: a grappling hook", r"\bgrappl\w*|\bhook ?shot\b|\bgancho\b"),
    _d("grow", "growing and shrinking", "Not built: growing and shrinking",
       # The player or a power changes size: "the hero grows", "a mushroom makes you grow", "shrink to fit";
       # vines, crops and risks that grow are no size power.
       r"\b(?:player|character|hero|heroine|you|he|she|avatar|jugador|personaje|protagonista|jogador)\s+"
       r"(?:\w+\s+){0,3}?(?:grows?|shrinks?|growing|shrinking|crece|encoge|cresce|encolhe)\b(?! (?:up|older))"
       r"|\b(?:make|makes|making|let|lets)\s+(?:you|the player|the hero|him|her|it)\s+(?:grow|shrink)\b"
       r"|\b(?:grow|shrink)\w*\s+(?:\w+\s+)?(?:in size|bigger|smaller|giant|tiny|to (?:a )?(?:giant|tiny|half))\b"
       r"|\bsize[- ](?:chang|power|shift)\w*|\b(?:change|changes|changing) (?:its |their |your |his |her )?size\b"
       r"|\bcambiar de tama[ñn]o\b|\bencoge\w*|\bencolhe\w*"),
    _d("day_night", "a day-night cycle", "Not built: a day-night cycle", r"\bday[- /]night\b|\bd[ií]a y noche\b"),
    _d("quests", "quests", "Not built: quests and side quests", r"\bquests?\b|\bside ?missions?\b|\bmisiones secundarias\b"),
    _d("mana", "magic and mana", "Not built: magic points and spells", r"\bmana\b|\bspells?\b|\bhechizos?\b|\bmagia\b"),
    _d("fog", "fog of war", "Not built: fog of war and hidden units", r"\bfog of war\b|\bniebla de guerra\b"),
    # Chess has no game of its own: the board family plays its nearest, checkers (an auto-chess is an
    # auto-battler, not chess).
    _d("chess", "chess", "Not built: chess (the board family plays checkers instead)",
       r"(?<!auto[- ])(?<!auto)\bchess\b|\bajedrez\b|\bxadrez\b|\bschach\b|\b[eé]checs\b"),
    _d("pinball", "pinball flippers", "Not built: pinball flippers and table physics", r"\bflippers?\b|\bpinball\b"),
    _d("paddle", "paddles and a bouncing ball", "Not built: paddles and a bouncing ball",
       r"\bpaddles?\b|\bpong\b|\bbreakout\b|\barkanoid\b|\bbrick breaker\b"),
    _d("mouse", "mouse controls", "Simplified: mouse controls are played with the keyboard or touch",
       r"\bmouse\b|\brat[oó]n\b|\bsouris\b|\bmuis\b|\bmaus\b|\bclick(?:s|ing)? (?:on|the|to)\b"),
    _d("parallax", "parallax backgrounds", "Simplified: parallax backgrounds are drawn as one layer", r"\bparallax\b"),
)


def demands_in(text: str) -> list[tuple[Demand, re.Match[str]]]:
    """Each demand the text makes, with its first match."""
    out = []
    for demand in DEMANDS:
        m = demand.pattern.search(text)
        if m:
            out.append((demand, m))
    return out
