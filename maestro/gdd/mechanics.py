"""Mechanics and the numbers that tune them ("3 lives", "double jump", "70 points for a fruit").

Each detector looks for its words sentence by sentence and keeps the first sentence that
asked for it as the mechanic's ``source``; a number taken from the GDD always comes with
the text it came from.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any, Literal

from maestro.gdd.catalog import params_for
from maestro.gdd.text import NUMBER_WORD_RE, plain, split_sentences, to_int
from maestro.genres.registry import REGISTRY
from maestro.spec import Entity, Mechanic

_N = r"(\d{1,5}|" + NUMBER_WORD_RE + r")"
_NEGATED = re.compile(r"(?:\bno|\bwithout|\bnot|\bnever|\bnor|\bgeen|\bsin|\bni)\s+(?:\w+\s+){0,2}$", re.I)


def _w(*words: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(words) + r")(?![\w-])", re.I)


DETECT: dict[str, re.Pattern[str]] = {
    "jump": _w("jump\\w*", "saltar", "salta", "salto", "springen", "springt", "spring"),
    "double_jump": _w("double[- ]jump\\w*", "triple[- ]jump\\w*", "jump twice", "twice", "thrice", "doble salto", "dubbele sprong"),
    "collect": _w("collect\\w*", "grab\\w*", "gather\\w*", "pick(?:s|ing)? up", "catch(?:es|ing)?", "recoge\\w*", "recolect\\w*", "recogida", "verzamel\\w*", "coins?", "monedas"),
    # "vida"/"leven" alone is life in any sense ("poca vida" is low health, "la vida completa" a lifetime):
    # a life counts as a mechanic when it is counted, lost or won; plural lives ("vidas", "levens") are counted.
    "lives": _w("\\d+ lives", "\\w+ chances", "one life", "lives ?:", "extra li(?:fe|ves)", "lose (?:a|all|one|their|your) li(?:fe|ves)",
                "li(?:fe|ves) (?:counter|system|left|lost)", "(?<!salvar )(?<!salvan )vidas", "levens",
                "(?:pierd\\w*|perd\\w*|rest[ao]\\w*|quit\\w*|gan[ah]\\w*|tira\\w*|cuesta\\w*|custa\\w*) (?:una|uma) vida",
                "(?:una|uma) vida (?:extra|m[aá]s|mais)", "vida extra", "(?:een|één) leven (?:kwijt|minder|verlie\\w*|erbij)",
                "verlie\\w* (?:een|één|je|zijn|haar) leven"),
    "health": _w("health", "hit ?points", "health bar", "salud", "gezondheid", "hearts"),
    # A clock in a list of furniture ("lamps, clock, wall decorations") is decor, not a timer.
    "timer": _w("timer", "time limit", "countdown", "(?<!, )clock(?!,)", "contrarreloj", "tijdslimiet", "elapsed time", "against the clock"),
    # "point of view", "points of interest", "point-and-click" are no points scored.
    "score": _w("score\\w*", "points?(?! of (?:view|interest|no return))(?![- ]and[- ]click)", "puntuaci[oó]n", "puntos", "punten", "high ?score"),
    "enemies_patrol": _w("patrol\\w*", "pattrol\\w*", "walks? back and forth", "move left/right", "waypoints?", "walking enemy"),
    # "scavenger hunt" / "treasure hunt" are searches, not enemies hunting the player.
    "enemies_chase": _w("chase\\w*", "(?<!scavenger )(?<!treasure )hunt\\w*", "follows? the player", "persigue\\w*", "achtervolg\\w*"),
    "shoot": _w("shoot\\w*", "fire up", "disparar?", "dispara", "schieten", "schiet", "blasters?"),
    "auto_run": _w("endless", "runner", "auto[- ]?run\\w*", "infinite", "constant movement from right to left", "as far as possible", "falling to infinity"),
    "auto_scroll": _w("scroll\\w*", "desplaza\\w*", "side[- ]?scroll\\w*"),
    # A key only counts next to a door or a lock (not "arrow keys", "key event").
    "keys_doors": _w("locked doors?", "unlock\\w*", "keys? (?:to|that) (?:opens?|unlocks?)", "doors? (?:is|are) locked", "puertas? cerradas?", "llaves?", "sleutels?"),
    "push_blocks": _w("push(?:es|ing)? (?:the )?(?:blocks?|boxes|crates?)", "sokoban", "empujar", "duwen"),
    "undo": _w("undo", "rewind", "take back (?:a|the|your|his|her|their) (?:last )?moves?", "deshacer", "ongedaan"),
    "reach_exit": _w("reach(?:es|ing)? the (?:exit|flag|end|goal|door|portal)", "level exit", "way out", "find the (?:single )?exit", "escape", "llegar a la meta", "finish ?line", "uitgang"),
    "fall_death": _w("falls? off", "falling into", "fall into", "avoid falling", "falling to infinity", "caer al vac[ií]o"),
    # "fast-paced combat", "close-quarter combat" (a shooter's) or "tactical combat" say how fights feel, not that
    # they are fought up close; a swordfish ("pez espada") is no sword.
    "melee": _w("melee", "(?<!sword)(?<!pez )(?:swords?|espadas?)", "swing\\w* (?:a|his|her|their|the|your) (?:\\w+ )?(?:sword|axe|club|pickaxe|hammer|staff)",
                "attacks? (?:an |the )?(?:adjacent|nearby) enem\\w*", "by walking into (?:it|them)", "hack and slash",
                "(?<!fast-paced )(?<!fast paced )(?<!close-quarter )(?<!close-quarters )(?<!close quarter )(?<!tactical )"
                "(?<!strategic )(?<!frenetic )(?<!intense )combat",
                "fight(?:s|ing)? (?:the |an )?enem\\w*", "kill (?:it|them) by walking", "zwaard"),
    "stealth": _w("stealth", "sluip\\w*", "sneak\\w*", "vision cone", "flashlights?", "line of sight", "be caught", "caught by", "evade these guards", "sigilo"),
    # "Geometry Dash", "Moss Dash": a dash in a name is no dash; a dash said in lower case, or with a key, is.
    "sprint": _w("sprint(?:s|ing)?(?= ability| button| key)", "sprinting", "can sprint", "to sprint",
                "(?-i:dash(?:es|ing)?)", "(?:to|can|will|a|the) dash", "dash (?:ability|button|key|move)", "run faster", "correr m[aá]s"),
    "waves": _w("waves?", "oleadas?", "golven", "golf"),
    "powerup": _w("power[- ]?ups?", "upgrades?", "potions?", "boosts?", "mejoras?"),
    "hazards": _w("spikes?", "traps?", "lava", "cact(?:us|i)", "obstacles?", "obst[aá]culos", "pinchos", "hazards?"),
    "falling_objects": _w("falls? from", "fallen down from", "falling from", "fall along", "rain(?:s|ing)? (?:down|from)", "caen desde", "vallen uit", "drop from the sky"),
    "difficulty_levels": _w("easy, normal,? (?:or|and) hard", "difficulty (?:levels|modes|settings)", "choose the easy", "easy/normal/hard", "easy, medium,? (?:or|and) hard"),
    "currency": _w("gold", "money", "currency", "coins? to (?:buy|spend)", "geld", "dinero", "oro"),
    # A hero who never fights ("Nyx cannot fight", "a pacifist run", "there are no weapons").
    "pacifist": _w("pacifist\\w*", "cannot fight", "can't fight", "can not fight", "never fights?", "not fight",
                   "no (?:attacks?|combat|fighting|weapons?)", "without (?:fighting|weapons|attacking)",
                   "(?:cannot|can't|can not|never) (?:attack|kill|hurt) (?:anyone|anything|enemies|the guards|guards)"),
    # Bullet hell: enemies fill the screen with patterns of bullets.
    "bullet_patterns": _w("bullet[- ]hell\\w*", "danmaku", "bullet (?:patterns?|curtains?|spreads?)", "curtain fire",
                          "spread (?:shots?|fire|patterns?) of (?:enemy )?bullets", "(?:fans?|waves?|patterns?|rings?) of bullets"),
    # The player's screen-clearing bomb (a shoot'em up's), not a bomb an enemy drops or a bomb to defuse.
    "bomb": _w("(?:smart|screen[- ]clearing|mega|panic) bombs?", "bombs? (?:that|which|to) (?:clears?|destroys?|wipes?)",
               "(?:use|press|trigger|set off|detonate|launch|fire) (?:a |one |the |your )?bombs?",
               "\\d+ bombs?", "(?:one|two|three|four|five) bombs", "bomb (?:key|button|count|stock)", "screen[- ]clear\\w*"),
    # Focus (slow) movement: holding a key slows the ship for precise dodging. "Slow" alone is not it (mud
    # slows you down): it is a focus, a slow mode, or a slow move the player holds a key for.
    "focus": _w("focus(?:ed)? (?:mode|key|button|movement|moves?|speed|shot)", "(?:hold|holding|press|pressing) "
                "(?:down )?(?:the )?(?:left )?shift", "slow[- ]?(?:mode|move key|movement key)",
                "precis(?:e|ion) (?:movement|moves|dodg\\w*|control|mode|flying)",
                "(?:shows?|showing|reveals?|revealing|displays?) (?:the |its |your |a )?(?:tiny |small )?hit ?box"),
    # Crouching as the player's action (a platformer's: platformer rules "duck"), not "crouch down in a
    # jumpsquat" or a duck that quacks: ducking under something, a crouch key, the GDD's own verb.
    "crouch": _w("(?:can|to|will|may|must|or|and|then) (?:crouch|duck)", "crouch(?:es|ing)? (?:under|beneath|to avoid)",
                 "duck(?:s|ing)? (?:under|beneath|to avoid)", "crouch (?:key|button|action)", "crouching",
                 "agach\\w*", "b(?:ü|u)cken", "ducken", "s'accroupir", "se baisser"),
}

# ---- Issue 11 (second list): more words for mechanics the genres build, so a GDD that says them in these
# words gets the requirement (kept apart from the recall edits above).
_MORE_WORDS: dict[str, tuple[str, ...]] = {
    # "The player is unable to kill or disable guards permanently": a hero who never fights.
    "pacifist": ("(?:unable to|cannot|can't|can not|never) (?:kill|hurt|disable|harm)(?: or (?:kill|hurt|disable|harm))? "
                 "(?:any |the )?(?:guards?|wardens?|sentr(?:y|ies)|enem\\w*|monsters?|foes?|anyone|anybody|people)",),
}
for _mid, _extra in _MORE_WORDS.items():
    DETECT[_mid] = re.compile(DETECT[_mid].pattern + "|" + _w(*_extra).pattern, re.I)
# The player's search is no enemy's chase: "the player hunts for a key".
DETECT["enemies_chase"] = re.compile(DETECT["enemies_chase"].pattern.replace(
    r"(?<!treasure )hunt\w*", r"(?<!treasure )hunt\w*(?!\s+for\b)"), re.I)
assert r"hunt\w*(?!\s+for\b)" in DETECT["enemies_chase"].pattern
# One minute for each level, said with a word for one ("Tienes un minuto para superar cada nivel", "you have a
# minute to finish each level"): the per-level time limit (the runtime's clock, the "timer" mechanic).
_LEVEL_MINUTE = re.compile(
    r"\b(?:a|one|un|uno|una|1)\s+(?:minute|minuto|minuut|minute)\b[^.]{0,40}?\b(?:to (?:finish|complete|beat|clear|pass)"
    r"|para (?:superar|completar|terminar|pasar|acabar)|per level|each level|every level|cada nivel|por nivel)\b", re.I)

# A run against the clock, said as what the player does until it runs out: survive it ("survive for 90
# seconds", "stay alive for two minutes") or score in it ("score as many points as you can in two minutes").
_CLOCK = r"(?<!every )(?<!each )(?<!per )\b" + _N + r"[ \t-]*(seconds?|secs?|minutes?|mins?)\b"
_SURVIVE = r"\b(?:surviv\w*|stay alive|keep alive|hold out|outlast|last out)\b"
_SCORE_RUN = (r"\bscore attack\b|\bas (?:many|much) (?:points )?as (?:you can|possible)\b|"
              r"\bscore as (?:much|many|high) as\b|\bthe highest score you can\b|\bas far as (?:you can|possible)\b")
TimeEnd = Literal["win", "score"] | None  # GameSpec.time_ends_as
TIMED_RUN: tuple[tuple[TimeEnd, re.Pattern[str]], ...] = (
    ("win", re.compile(_SURVIVE + r"[^.]{0,40}?" + _CLOCK + "|" + _CLOCK + r"[^.]{0,40}?" + _SURVIVE, re.I)),
    ("score", re.compile("(?:" + _SCORE_RUN + r")[^.]{0,40}?" + _CLOCK + "|" + _CLOCK + r"[^.]{0,40}?(?:" + _SCORE_RUN + ")",
                         re.I)),
)


MAX_LIVES = 99  # the most lives a GDD's number gives (the HUD counts to two digits)


@dataclass
class Numbers:
    lives: int | None = None
    time_limit: int | None = None
    #: "win" / "score" when the GDD says the run is one against the clock (TIMED_RUN); the parser keeps
    #: it only for a GDD without levels (GameSpec.time_ends_as)
    time_ends_as: TimeEnd = None
    mechanics: list[Mechanic] = field(default_factory=list)
    points_by_item: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what was changed from the GDD's numbers, and why


class _Sentences:
    """Sentences joined once, so a pattern is one regex pass instead of one per sentence."""

    def __init__(self, sents: list[str]) -> None:
        self.sents = sents
        self.lower = [s.lower() for s in sents]
        self.text = "\n".join(sents)
        self.starts: list[int] = []
        pos = 0
        for s in sents:
            self.starts.append(pos)
            pos += len(s) + 1

    def first(self, pattern: re.Pattern[str]) -> str:
        # A negated mention ("no timer", "there are no enemies", "without lives") asks for nothing.
        for m in pattern.finditer(self.text):
            if _NEGATED.search(self.text[max(0, m.start() - 24): m.start()]):
                continue
            return plain(self.sents[bisect.bisect_right(self.starts, m.start()) - 1], 200)
        return ""

    def having(self, *needles: str) -> list[str]:
        """Sentences that contain one of the needles (lowercase): a cheap filter before a costly regex."""
        return [s for s, low in zip(self.sents, self.lower) if any(n in low for n in needles)]


def _first(pattern: re.Pattern[str], sents: _Sentences) -> str:
    return sents.first(pattern)


def _num(pattern: str, sents: list[str], lo: int = 1, hi: int = 100_000) -> tuple[int | None, str]:
    rx = re.compile(pattern, re.I)
    for s in sents:
        for m in rx.finditer(s):
            n = to_int(m.group(1))
            if n is not None and lo <= n <= hi:
                return n, plain(s, 200)
    return None, ""


def _mentions(name: str, low: str) -> list[int]:
    """Where a thing is named in a sentence: its full name, else its first or last word (plural or not)."""
    name = name.lower()
    words = name.split()
    keys = [name, name.rstrip("s")] + ([words[0], words[-1]] if len(words) > 1 else [])
    out: list[int] = []
    for k in keys:
        stem = k[:-1] if k.endswith("s") and len(k) > 4 else k
        if len(stem) < 3:
            continue
        out += [m.start() for m in re.finditer(r"(?<![\w-])" + re.escape(stem) + r"(?:s|es)?(?![\w-])", low)]
        if out:
            break
    return out


def _nearest_named(things: list[Entity], low: str, at: int) -> Entity | None:
    """The thing named closest to a number in a sentence ("Each raider destroyed is worth 25 points")."""
    best: tuple[int, int, Entity] | None = None
    for idx, t in enumerate(things):
        for pos in _mentions(t.name, low):
            d = abs(pos - at) if at >= 0 else pos
            if best is None or (d, idx) < best[:2]:
                best = (d, idx, t)
    return best[2] if best else None


def _timed_run(sents: _Sentences, out: Numbers, found: dict[str, tuple[dict[str, Any], str]]) -> None:
    """A run against the clock (TIMED_RUN): its seconds become the time limit, and the timer says how
    the clock ends the run ("ends_as": "win" for survival, "score" for a score attack)."""
    for ends_as, pattern in TIMED_RUN:
        for s in sents.having("sec", "min"):
            m = pattern.search(s)
            if m is None or _NEGATED.search(s[max(0, m.start() - 24): m.start()]):
                continue
            value = next(g for g in m.groups() if g)
            unit = next(g for g in m.groups()[m.groups().index(value) + 1:] if g)
            n = to_int(value)
            seconds = (n or 0) * (60 if unit.lower().startswith("min") else 1)
            if 10 <= seconds <= 3600:
                out.time_limit, out.time_ends_as = seconds, ends_as
                found["timer"] = ({"seconds": seconds, "direction": "down", "ends_as": ends_as}, plain(s, 200))
                return


_FOCUS_FACTOR = ((re.compile(r"\bhalf\b", re.I), 0.5), (re.compile(r"\ba third\b|\bone third\b", re.I), 1 / 3),
                 (re.compile(r"\ba quarter\b|\bone quarter\b", re.I), 0.25))


def _focus_factor(sents: list[str]) -> float | None:
    """The share of its speed a focused ship keeps, from a sentence about focus or slow movement:
    "half speed", "40% of its speed", "a third"."""
    for s in sents:
        if not re.search(r"focus|slow|precis|shift", s, re.I):
            continue
        m = re.search(r"\b(\d{1,2})\s*%", s)
        if m and 5 <= int(m.group(1)) <= 95:
            return int(m.group(1)) / 100
        for pattern, value in _FOCUS_FACTOR:
            if pattern.search(s):
                return round(value, 4)
    return None


def detect_mechanics(body: str, genre: str, mode: str, items: list[Entity], enemies: list[Entity], hazards: list[Entity],
                     level_item_target: int | None) -> Numbers:
    sents = [s for s in split_sentences(body) if len(s) < 2000][:5000]
    joined = _Sentences(sents)
    found: dict[str, tuple[dict, str]] = {}

    for mid, pattern in DETECT.items():
        src = _first(pattern, joined)
        if src:
            found[mid] = ({}, src)

    out = Numbers()
    # lives: "3 lives", "20 lives", "2 vidas", "lives: 3"
    life_sents = joined.having("lives", "vidas", "levens", "hearts", "chances", "life", "tries", "vies", "leben")
    # Lives said as lives win over hearts ("Osric has 6 hearts ... you only get 1 life": hearts are health).
    n, src = _num(_N + r"[ \t]+(?:extra[ \t]+)?(?:lives|vidas|levens|vies|leben)\b", life_sents, 1, 99)
    if n is None:
        n, src = _num(r"\b(?:only (?:get |have |has )?|just )(?:a )?(one|1|single)[ \t]+life\b", life_sents, 1, 1)
    if n is None:
        n, src = _num(_N + r"[ \t]+(?:extra[ \t]+)?(?:hearts|chances|tries)\b", life_sents, 1, 99)
    if n is None:
        n, src = _num(r"\b(?:a |only )?(one|1|single)[ \t]+life\b", life_sents, 1, 1)
    if n is None:
        n, src = _num(r"\b(?:lives|vidas|levens)\s*[:=|]\s*(\d{1,2}|" + NUMBER_WORD_RE + r")\b", life_sents, 1, 99)
    if n is None and mode == "pinball":  # a pinball table's lives are its balls: "you get 5 balls"
        n, src = _num(_N + r"[ \t]+(?:extra[ \t]+)?balls\b", joined.having("balls"), 1, 99)
    if n is None:  # "999999999 lives": more than a game can count is kept as the most it can, and said
        big, src = _num(r"\b(\d{3,30})[ \t]+(?:extra[ \t]+)?(?:lives|vidas|levens|vies|leben)\b", life_sents, 100, 10**30)
        if big is not None:
            n = MAX_LIVES
            out.notes.append(f"The GDD gives {big} lives; the game keeps {MAX_LIVES}, the most it counts.")
    if n is not None:
        out.lives = n
        found["lives"] = ({"count": n}, src)
    # health
    n, src = _num(r"\b(?:player|you|hero)\b[^.]{0,40}?\b(\d{1,4})\s*(?:hp|health|hit ?points)\b", joined.having("hp", "health", "hit"), 1, 1000)
    if n is not None:
        found["health"] = ({"hp": n}, src)
    # timer: "60 seconds", "2 minutes" next to a limit word
    limit_words = r"(?:time limit|timer|within|in under|before time|countdown|limit|contrarreloj|tijdslimiet|per level|to finish|to complete)"
    time_sents = joined.having("sec", "min", "segund")
    for unit, mult in (("seconds?|secs?|segundos?|seconden", 1), ("minutes?|mins?|minutos?|minuten", 60)):
        rx = re.compile(limit_words + r"[^.]{0,40}?" + _N + r"\s*(?:" + unit + r")\b|" + _N + r"\s*(?:" + unit + r")\b[^.]{0,30}?" + limit_words, re.I)
        for s in time_sents:
            m = rx.search(s)
            if m and not re.search(r"countdown start|starting the race|cooldown", s, re.I):
                val = to_int(m.group(1) or m.group(2) or "")
                if val and 5 <= val * mult <= 3600:
                    out.time_limit = val * mult
                    found["timer"] = ({"seconds": val * mult, "direction": "down"}, plain(s, 200))
                    break
        if out.time_limit:
            break
    if out.time_limit is None:  # "un minuto para superar cada nivel" (_LEVEL_MINUTE)
        s = next((s for s in joined.having("min") if _LEVEL_MINUTE.search(s)), "")
        if s:
            out.time_limit = 60
            found["timer"] = ({"seconds": 60, "direction": "down"}, plain(s, 200))
    _timed_run(joined, out, found)
    if "timer" in found and out.time_limit is None:
        found["timer"] = ({"direction": "up", "seconds": 0}, found["timer"][1])
    # jumps: "double jump" -> 2; "triple jump" / "thrice" / "three times" -> 3
    jump_sents = joined.having("jump")
    n, src = _num(r"\b(\w+)[- ]jump", jump_sents, 2, 5)
    tri, tri_src = _num(r"\bjump\w*[^.]{0,40}?\b(thrice|three times)\b", jump_sents, 3, 3)
    if tri:
        found["double_jump"] = ({"jumps": 3}, tri_src)
    elif n and n >= 2:
        found["double_jump"] = ({"jumps": n}, src)
    elif "double_jump" in found:
        found["double_jump"] = ({"jumps": 2}, found["double_jump"][1])
    # waves: "10 waves", "every 10 waves"
    n, src = _num(_N + r"[ \t]+(?:waves|oleadas|golven)\b", joined.having("wave", "oleada", "golven"), 1, 999)
    if n is not None:
        found["waves"] = ({"count": n}, src)
    # currency: "200 gold"
    n, src = _num(r"\b(\d{1,6})\s+(?:gold|coins to spend|geld|oro|dinero)\b", joined.having("gold", "coins", "geld", "oro", "dinero"), 1, 10**6)
    if n is not None:
        found["currency"] = ({"start": n, "name": "gold"}, src)
    # points: "10 points each time the pirate overlaps a red diamond", "70 points for a fruit", "1 coin = 10 score"
    point_rx = re.compile(r"\b(\d{1,6})\s*(?:points?|pts|score|puntos|punten)\b", re.I)
    eq_rx = re.compile(r"\b1\s+([\w ]{2,30}?)\s*=\s*(\d{1,6})\s*(?:points?|score|pts)?", re.I)
    first_points: tuple[int, str] | None = None
    for s in joined.having("point", "pts", "score", "puntos", "punten", "="):
        pairs: list[tuple[int, str]] = []
        m = eq_rx.search(s)
        if m:
            pairs.append((int(m.group(2)), m.group(1)))
        for m in point_rx.finditer(s):
            if re.search(r"\btop\s*$", s[: m.start()], re.I):
                continue
            pairs.append((int(m.group(1)), s))
        for value, where in pairs:
            if value <= 0:
                continue
            low = where.lower()
            at = low.find(str(value))
            target = _nearest_named(items + enemies, low, at)
            if target is not None:
                targets = [target]
            elif re.search(r"fruit|coin|item|collect|pick|gem|diamond|star|treasure|objeto|moneda|munt", low):
                targets = items  # "70 points for a fruit": every collectible of that kind
            else:
                targets = []
            for t in targets:
                if t.slug not in out.points_by_item:
                    out.points_by_item[t.slug] = value
                    first_points = first_points or (value, plain(s, 200))
    if first_points:
        found["score"] = ({}, first_points[1])
    # Falling things: catch the good, avoid the bad.
    if "falling_objects" in found or any(e.behavior == "faller" for e in enemies + items):
        src = found.get("falling_objects", ({}, ""))[1]
        found["falling_objects"] = ({"catch": items[0].slug if items else "item", "avoid": enemies[0].slug if enemies else "enemy"}, src)
    if hazards and "hazards" not in found:
        found["hazards"] = ({}, hazards[0].name)
    if mode == "runner":
        found.setdefault("auto_run", ({}, ""))
        found.pop("auto_scroll", None)
    if mode == "scrolling":
        found.setdefault("auto_scroll", ({}, found.get("auto_run", ({}, ""))[1]))
        found.pop("auto_run", None)
    if mode == "sokoban":
        found.setdefault("push_blocks", ({}, ""))
    if mode == "maze" or genre in ("adventure", "puzzle"):
        found.setdefault("reach_exit", ({}, ""))
    if genre == "shooter":
        src = found.get("shoot", ({}, ""))[1]
        direction = "up" if mode == "fixed" else "any"
        if re.search(r"only fire up|fire up|shoot up", body, re.I):
            direction = "up"
        found["shoot"] = ({"direction": direction}, src)
    elif genre == "platformer" and "shoot" in found:
        # A platformer's hero fires the way it faces (Space fires, Up jumps: platformer rules._extras).
        found["shoot"] = ({"direction": "facing"}, found["shoot"][1])
    # Only the shooter builds a bomb (shooter rules.config_for "bombs"); elsewhere the word asks for nothing built.
    if genre == "shooter" and "bomb" in found:
        n, src = _num(_N + r"[ \t]+(?:smart[ \t]+)?bombs?\b", joined.having("bomb"), 1, 9)
        found["bomb"] = ({"count": n} if n is not None else {}, src or found["bomb"][1])
    else:
        found.pop("bomb", None)
    # Only the shooter fires bullet patterns (shooter rules.config_for "enemy_spread").
    if genre != "shooter":
        found.pop("bullet_patterns", None)
    # Only the shooter moves slower while focus is held (shooter rules.config_for "focus"); a bullet hell
    # has it by the genre's habit (asked for in no words of its own: no requirement of the GDD's).
    if genre == "shooter" and ("focus" in found or "bullet_patterns" in found):
        src = found.get("focus", ({}, ""))[1]
        factor = _focus_factor(joined.having("focus", "slow", "precis", "shift")) if src else None
        found["focus"] = ({"factor": factor} if factor is not None else {}, src)
    else:
        found.pop("focus", None)
    if genre != "platformer":  # only the platformer crouches (platformer rules._extras "duck")
        found.pop("crouch", None)
    # Only the adventure plays a hero who never fights (adventure rules: no attack, guards are sneaked past).
    if genre == "adventure" and "pacifist" in found:
        found.pop("melee", None)
    else:
        found.pop("pacifist", None)
    if any(e.behavior == "patrol" for e in enemies):
        found.setdefault("enemies_patrol", ({}, ""))
    if any(e.behavior == "chaser" for e in enemies):
        found.setdefault("enemies_chase", ({}, ""))
    if genre == "platformer" and "fall_death" not in found and mode == "runner":
        found["fall_death"] = ({}, "")
    # collect: the item, its points, a target from "Collect 10 coins"
    if items:
        params = {"item": items[0].slug, "points": out.points_by_item.get(items[0].slug, 10)}
        src = found.get("collect", ({}, ""))[1]
        n, nsrc = _num(r"\b(?:collect|grab|gather|recoge\w*|recolecta\w*|verzamel\w*)\s+(\d{1,4})\s+(?!points?\b|pts\b)", joined.having("collect", "grab", "gather", "recoge", "recolecta", "verzamel"), 1, 999)
        if n is not None:
            params["target"] = n
            src = nsrc
        elif level_item_target:
            params["target"] = level_item_target
        if "collect" in found or genre in ("platformer", "adventure") or "score" in found:
            found["collect"] = (params, src)
    if "lives" in found and out.lives is None:
        out.lives = None
    for mid in REGISTRY[genre].base_mechanics:
        found.setdefault(mid, ({}, ""))

    blocked = REGISTRY[genre].drops
    order = list(DETECT)
    for mid in sorted(found, key=order.index):
        if mid in blocked:
            continue
        params, src = found[mid]
        out.mechanics.append(Mechanic(id=mid, params=params_for(mid, params), source=src))
    return out
