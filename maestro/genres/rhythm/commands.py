"""The rhythm family's command mode, "commands" (Patapon-like): the player drums four-beat patterns on
the beat of the game's own music, and each pattern is a command the units carry out on the next
measure: march forward, attack, defend, and (when the GDD asks) a special. The units advance along a
side-scrolling field toward the goal; the GDD's enemies stand in the way and strike every few measures.

The beat grid is the lanes mode's (``rules.frame_of`` / ``rules.song_start``): the music's eighth ``E``
sounds at music frame ``frame_of(E, bpm)``; the song starts on the first bar line at least ``travel``
frames after the level starts at music frame ``p``; beat ``k`` of the song (``k = 4 * measure + b``) is
at level frame ``B(k) = frame_of(s + 2k, bpm) - p``. Judgement uses the lanes' windows (``good`` and
``perfect`` frames either side of a beat).

The rules, one frame at a time (:meth:`CommandSim.step`), integers only, mirrored in ``commands.js``:

1. ``f += 1``;
2. each drum pressed this frame (in drum order) is judged against the beat ``k`` within ``good``
   frames. None, a beat of the measure the units are acting in, a pattern that does not start on a
   measure's first beat, or a beat that is not the pattern's next one: the pattern BREAKS (the
   pattern is dropped, the combo drops to 0). Else the drum joins the pattern (PERFECT within
   ``perfect``, else GOOD). A fourth drum completes it: a pattern of the command book is a command
   (combo + 1, kept from the last command only when this one started on the chain beat; FEVER when
   the combo reaches ``fever_combo``; the special needs fever and spends it), acted on the next
   measure; any other pattern breaks;
3. a pattern whose next beat's window closed breaks; a chain beat (the first beat after the last
   action) whose window closed with no new pattern drops the combo to 0;
4. each beat ``k`` reached (``B(k) <= f``) ticks the field (:meth:`Field.on_beat`): the units act
   on each of the 4 beats of the action's measure (march ``march_step`` px, attack the first enemy
   in ``reach`` for ``attack_dmg``, both stronger in fever; defend guards the measure; special hits
   every enemy within ``special_reach`` on the first beat), then every living enemy in ``reach``
   strikes on the last beat of its measures (``m % every == at``), unless the units defend;
5. hp 0 loses ("the units fell"), the units at the goal win, the song's end loses ("the song ran out").

The field acts only on beats, so what happens on it does not depend on the phase ``p``: the solver
plans commands measure by measure on :class:`Field` and proves the plan by replaying its drums on
the exact beat frames through :class:`CommandSim` for several phases.

Level format: ``{"mode": "commands", "bpm", "loop", "travel", "measures", "goal", "enemies": [{"x",
"hp", "power", "every", "at", "kind", "boss"}], "name", "seed", "index"}``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from maestro.spec import GameSpec, LevelRequest

MODE = "commands"
FPS = 60
DRUM_KEYS = ("left", "up", "down", "right")  # drum i: its key, and zone i of four on a touch screen
ACTIONS = ("march", "attack", "defend", "special")
ACTION_NAMES = {"march": "March", "attack": "Attack", "defend": "Defend", "special": "Special"}
DEFAULT_BOOK = {"march": [0, 0, 0, 3], "attack": [3, 3, 0, 3], "defend": [1, 1, 0, 3], "special": [2, 2, 1, 1]}
TUNING: dict[str, int] = {
    "hp": 12, "march_step": 12, "march_fever": 18, "attack_dmg": 1, "attack_fever": 2, "reach": 48, "gap": 24,
    "special_dmg": 3, "special_reach": 160, "fever_combo": 3, "points_command": 100, "points_enemy": 500,
    "lead_in": 96,
}
MAX_MEASURES = 64
PLAN_BUDGET = 40_000  # measures simulated by the planner before a field is called unwinnable

_WANTS = re.compile(
    r"\bpatapon\w*|\b(?:drum(?:med|ming)?|rhythm(?:ic)?|beat) commands?\b|\bcommands? (?:on|to|in time with) the beats?\b|"
    r"\bdrum(?:s|med|ming)? (?:\w+ ){0,3}commands?\b|\bcommand (?:patterns?|input)\b|\bdrum patterns?\b|"
    r"\bpatterns? of (?:drum )?beats\b", re.I)
_ACTION_WORDS = {
    "march": r"march\w*|advance\w*|forward|walk|move",
    "attack": r"attack\w*|strike\w*|fight\w*|spear\w*|charge\w*",
    "defend": r"defen[cds]\w*|guard\w*|shields?|block\w*|retreat\w*",
    "special": r"special|miracle|summon\w*|super|ultimate|flare|magic",
}
_SPECIAL = re.compile(r"\b(?:special|miracle|summon\w*|ultimate|super (?:move|attack|command))\b", re.I)
_BOSS = re.compile(r"\bboss\w*\b", re.I)


def wants_commands(text: str) -> bool:
    """The words of a command rhythm game: "drum commands", "rhythm / beat commands", "commands on the
    beat", "Patapon", "command patterns"."""
    return bool(_WANTS.search(text or ""))


# ---- config -----------------------------------------------------------------------------------------


def _drum_names(text: str) -> list[str]:
    """The GDD's four drum names when it gives them ("**Tam** (left arrow)"), else the arrows."""
    names: list[str] = []
    for key in ("left", "up", "down", "right"):
        m = re.search(r"\b([A-Z][\w'-]{0,11})\**\s*\(\s*" + key + r"(?:[- ]arrow)?(?: key)?\s*\)", text)
        names.append(m.group(1) if m else "")
    return names if all(names) and len({n.lower() for n in names}) == 4 else []


def _book(text: str, drums: list[str], special: bool) -> list[dict[str, Any]]:
    """The command book: the GDD's own patterns (four drum names, then the action's words, on one
    line) where it writes them, else the default patterns; the special only when the GDD asks."""
    wanted = [a for a in ACTIONS if a != "special" or special]
    patterns: dict[str, list[int]] = {}
    if drums:
        index = {n.lower(): i for i, n in enumerate(drums)}
        word = "|".join(re.escape(n) for n in drums)
        seq = re.compile(r"\b((?:" + word + r")(?:[\s,-]+(?:" + word + r")){3})\b", re.I)
        for line in re.split(r"\n|[.;]\s", text):
            m = seq.search(line)
            if not m:
                continue
            rest = line[m.end():].lower()
            pattern = [index[w.lower()] for w in re.split(r"[\s,-]+", m.group(1)) if w][:4]
            for action in wanted:
                if action not in patterns and re.search(r"\b(?:" + _ACTION_WORDS[action] + r")\b", rest):
                    patterns[action] = pattern
                    break
    book = []
    taken: set[tuple[int, ...]] = set()
    for action in wanted:
        pattern = patterns.get(action) or DEFAULT_BOOK[action]
        if tuple(pattern) in taken:  # two actions never share a pattern
            pattern = DEFAULT_BOOK[action]
        taken.add(tuple(pattern))
        book.append({"id": action, "name": ACTION_NAMES[action], "pattern": list(pattern)})
    return book


def config_extra(spec: GameSpec, text: str) -> dict[str, Any]:
    """The command tunables: the drums, the command book, the field's numbers, who marches and who
    stands in the way (the GDD's player and enemies), and how long a song may last."""
    drums = _drum_names(text)
    special = bool(_SPECIAL.search(text))
    enemies = [e for e in spec.enemies if not re.fullmatch(r"boss", e.name.strip(), re.I)][:3] or spec.enemies[:3]
    return {
        **TUNING,
        "drums": drums or ["Left", "Up", "Down", "Right"], "drums_named": bool(drums),
        "book": _book(text, drums, special), "special": special,
        "unit_slug": spec.player.slug, "unit_name": spec.player.name,
        "enemy_kinds": [{"slug": e.slug, "name": e.name} for e in enemies],
        "boss": bool(_BOSS.search(text)), "max_measures": MAX_MEASURES,
        # the runtime restarts the level at its time limit: a song must end before it
        "max_frames": max(0, int(spec.time_limit or 0) - 3) * FPS,
    }


# ---- the field ------------------------------------------------------------------------------------


@dataclass
class Field:
    """The side-scrolling field the commands act on; it changes only on beats (rule 4)."""

    goal: int
    enemies: list[list[int]]  # [x, hp, power, every, at] per enemy, in x order
    hp: int
    x: int = 0
    kills: int = 0
    hurt: int = 0
    blocked: int = 0
    score: int = 0

    @classmethod
    def of(cls, level: dict[str, Any], config: dict[str, Any]) -> "Field":
        es = sorted(([int(e["x"]), int(e["hp"]), int(e["power"]), int(e["every"]), int(e["at"])]
                     for e in level.get("enemies") or []), key=lambda e: e[0])
        return cls(int(level["goal"]), es, int(config["hp"]))

    def copy(self) -> "Field":
        return Field(self.goal, [list(e) for e in self.enemies], self.hp, self.x, self.kills, self.hurt, self.blocked,
                     self.score)

    def front(self) -> list[int] | None:
        """The first living enemy (the units cannot pass one alive)."""
        return next((e for e in self.enemies if e[1] > 0), None)

    def _damage(self, e: list[int], dmg: int, config: dict[str, Any], events: list[str]) -> None:
        e[1] = max(0, e[1] - dmg)
        events.append("hit")
        if e[1] == 0:
            self.kills += 1
            self.score += int(config["points_enemy"])
            events.append("defeated")

    def on_beat(self, m: int, b: int, action: str, fever: bool, config: dict[str, Any]) -> list[str]:
        """Beat ``b`` (0-3) of measure ``m``: the units' action of this measure ("" none), then the
        enemies' strikes. Returns what happened ("march", "hit", "defeated", "strike", "blocked")."""
        events: list[str] = []
        t = self.front()
        if action == "march":
            limit = self.goal if t is None else min(self.goal, t[0] - int(config["gap"]))
            step = int(config["march_fever" if fever else "march_step"])
            nx = max(self.x, min(self.x + step, limit))
            if nx != self.x:
                events.append("march")
            self.x = nx
        elif action == "attack" and t is not None and t[0] - self.x <= int(config["reach"]):
            self._damage(t, int(config["attack_fever" if fever else "attack_dmg"]), config, events)
        elif action == "special" and b == 0:
            for e in self.enemies:
                if e[1] > 0 and e[0] - self.x <= int(config["special_reach"]):
                    self._damage(e, int(config["special_dmg"]), config, events)
        if b == 3:
            for e in self.enemies:
                if e[1] > 0 and m % e[3] == e[4] and e[0] - self.x <= int(config["reach"]):
                    if action == "defend":
                        self.blocked += 1
                        events.append("blocked")
                    else:
                        self.hp = max(0, self.hp - e[2])
                        self.hurt += 1
                        events.append("strike")
        return events

    def key(self) -> tuple[Any, ...]:
        return (self.x, self.hp, tuple(e[1] for e in self.enemies))


def book_of(config: dict[str, Any]) -> dict[tuple[int, ...], str]:
    return {tuple(int(d) for d in c["pattern"]): str(c["id"]) for c in config.get("book") or []}


# ---- the rule book ------------------------------------------------------------------------------------


def song_start(level: dict[str, Any], p: int) -> int:
    from maestro.genres.rhythm.rules import song_start as start

    return start(level, p)


def frame_of(eighth: int, bpm: float) -> int:
    from maestro.genres.rhythm.rules import frame_of as of

    return of(eighth, bpm)


@dataclass
class CommandSim:
    """One level as commands.js plays it, one frame per :meth:`step`."""

    level: dict[str, Any]
    config: dict[str, Any]
    phase: int = 0
    f: int = 0
    combo: int = 0
    best: int = 0
    score: int = 0
    counts: list[int] = field(default_factory=lambda: [0, 0, 0])  # perfect, good, breaks
    commands: int = 0
    pattern: list[int] = field(default_factory=list)
    pstart: int = -1  # the beat the pattern started on
    action: str = ""
    act_m: int = -1  # the measure the action plays in
    act_fever: bool = False
    chain: int = -1  # the beat the next pattern must start on to keep the combo
    next_beat: int = 0
    status: str = "playing"
    events: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.bpm = float(self.level["bpm"])
        self.s = song_start(self.level, self.phase)
        self.beats = 4 * int(self.level["measures"])
        self.end = self.beat_frame(self.beats)
        self.field = Field.of(self.level, self.config)
        self.book = book_of(self.config)

    def beat_frame(self, k: int) -> int:
        return frame_of(self.s + 2 * k, self.bpm) - self.phase

    def fever(self) -> bool:
        return self.combo >= int(self.config["fever_combo"])

    def _break(self) -> None:
        self.combo, self.pattern, self.pstart, self.chain = 0, [], -1, -1
        self.counts[2] += 1
        self.events.append("break")

    def _beat_near(self) -> int:
        good = int(self.config["good"])
        for k in (self.next_beat - 1, self.next_beat):
            if 0 <= k < self.beats and abs(self.beat_frame(k) - self.f) <= good:
                return k
        return -1

    def drum(self, d: int) -> None:
        """One drum, at this frame (rule 2)."""
        k = self._beat_near()
        if k < 0 or k // 4 == self.act_m:
            self._break()
            return
        if not self.pattern:
            if k % 4:
                self._break()
                return
            self.pstart = k
            if k != self.chain:
                self.combo = 0
            self.chain = -1
        elif k != self.pstart + len(self.pattern):
            self._break()
            return
        self.pattern.append(d)
        kind = 0 if abs(self.beat_frame(k) - self.f) <= int(self.config["perfect"]) else 1
        self.counts[kind] += 1
        self.events.append("drum")
        if len(self.pattern) == 4:
            self._complete()

    def _complete(self) -> None:
        cmd = self.book.get(tuple(self.pattern))
        m = self.pstart // 4
        if cmd is None or (cmd == "special" and self.combo + 1 < int(self.config["fever_combo"])):
            self._break()
            return
        self.pattern, self.pstart = [], -1
        self.combo += 1
        self.best = max(self.best, self.combo)
        self.action, self.act_m, self.act_fever = cmd, m + 1, self.fever()
        self.chain = 4 * (m + 2)
        self.commands += 1
        self.score += int(self.config["points_command"]) * (2 if self.act_fever else 1)
        if cmd == "special":
            self.combo = 0  # the special spends the fever
        self.events.append("command")

    def step(self, drums: list[int] | set[int] | tuple[int, ...] = ()) -> None:
        self.events = []
        if self.status != "playing":
            return
        self.f += 1
        for d in sorted(set(drums)):
            self.drum(d)
        good = int(self.config["good"])
        if self.pattern and self.f > self.beat_frame(self.pstart + len(self.pattern)) + good:
            self._break()
        if self.chain >= 0 and not self.pattern and self.f > self.beat_frame(self.chain) + good:
            self.combo, self.chain = 0, -1
        while self.next_beat < self.beats and self.beat_frame(self.next_beat) <= self.f:
            m, b = divmod(self.next_beat, 4)
            acting = self.action if self.act_m == m else ""
            self.events += self.field.on_beat(m, b, acting, self.act_fever, self.config)
            if b == 3 and self.act_m == m:
                self.action, self.act_m = "", -1
            self.next_beat += 1
        if self.field.hp <= 0:
            self.status = "lost"
        elif self.field.x >= self.field.goal:
            self.status = "won"
        elif self.f >= self.end:
            self.status = "lost"

    def total_score(self) -> int:
        return self.score + self.field.score

    def row(self) -> list[Any]:
        fl = self.field
        return [self.f, self.combo, self.total_score(), list(self.counts), self.commands, fl.x, fl.hp,
                [e[1] for e in fl.enemies], self.action, self.status]


def drums_for(keys: set[str]) -> list[int]:
    """The drums the keys pressed this frame beat."""
    return [i for i, k in enumerate(DRUM_KEYS) if k in keys]


# ---- the solver: commands planned measure by measure on the field, then replayed frame by frame -------


def _order(fl: Field, m: int, fever: bool, config: dict[str, Any], book: dict[str, list[int]]) -> list[str]:
    """The likelier choices first: defend when the front enemy in reach strikes next measure, attack an
    enemy in reach, the special in fever, else march; waiting a measure last."""
    t = fl.front()
    reach = int(config["reach"])
    prefs: list[str] = []
    if t is not None and t[0] - fl.x <= reach:
        strikes = (m + 1) % t[3] == t[4]
        if fever and "special" in book:
            prefs.append("special")
        prefs += ["defend", "attack"] if strikes else ["attack", "defend"]
    prefs.append("march")
    prefs += [a for a in ACTIONS if a in book and a not in prefs]
    return [a for a in prefs if a in book] + [""]


def _measure(fl: Field, m: int, action: str, fever: bool, config: dict[str, Any]) -> None:
    for b in range(4):
        fl.on_beat(m, b, action, fever, config)
        if fl.hp <= 0 or fl.x >= fl.goal:
            return


def plan(level: dict[str, Any], config: dict[str, Any], measures: int) -> list[list[Any]] | None:
    """The commands that win within ``measures`` measures: ``[[measure drummed, action], ...]``, by a
    depth-first search over the free measures (each: a command or a rest) with dead states remembered."""
    book = {str(c["id"]): list(c["pattern"]) for c in config.get("book") or []}
    fever_at = int(config["fever_combo"])
    budget = [PLAN_BUDGET]
    dead: set[tuple[Any, ...]] = set()

    def go(m: int, fl: Field, combo: int, chain: int) -> list[list[Any]] | None:
        if fl.x >= fl.goal:
            return []
        if fl.hp <= 0 or m >= measures - 1 or budget[0] <= 0:
            return None
        key = (m, fl.key(), min(combo, fever_at), chain == m)
        if key in dead:
            return None
        for choice in _order(fl, m, combo >= fever_at, config, book):
            budget[0] -= 1
            nxt = fl.copy()
            if not choice:
                _measure(nxt, m, "", False, config)
                found = go(m + 1, nxt, 0 if chain == m else combo, -1 if chain == m else chain)
                if found is not None:
                    return found
                continue
            c = (combo if chain == m else 0) + 1
            if choice == "special" and c < fever_at:
                continue
            fever = c >= fever_at
            _measure(nxt, m, "", False, config)  # the drumming measure: enemies strike, nobody acts
            if nxt.hp > 0:
                _measure(nxt, m + 1, choice, fever, config)
            found = go(m + 2, nxt, 0 if choice == "special" else c, m + 2)
            if found is not None:
                return [[m, choice], *found]
        dead.add(key)
        return None

    return go(0, Field.of(level, config), 0, -1)


def presses_of(level: dict[str, Any], config: dict[str, Any], commands: list[list[Any]], phase: int = 0) -> list[list[int]]:
    """The drums of a plan on their exact beat frames: ``[[level frame, drum], ...]``."""
    bpm, s = float(level["bpm"]), song_start(level, phase)
    book = {str(c["id"]): list(c["pattern"]) for c in config.get("book") or []}
    return [[frame_of(s + 2 * (4 * int(m) + i), bpm) - phase, int(d)]
            for m, action in commands for i, d in enumerate(book[str(action)])]


def replay(level: dict[str, Any], config: dict[str, Any], presses: list[list[int]], phase: int = 0) -> CommandSim:
    sim = CommandSim(level, config, phase)
    at: dict[int, list[int]] = {}
    for t, d in presses:
        at.setdefault(int(t), []).append(int(d))
    while sim.status == "playing" and sim.f <= sim.end:
        sim.step(at.get(sim.f + 1, []))
    return sim


def proof_phases(level: dict[str, Any]) -> list[int]:
    """A fresh start and the song starting at each bar of the music's loop."""
    bpm, loop, travel = float(level["bpm"]), int(level["loop"]), int(level["travel"])
    return sorted({0} | {frame_of(8 * b, bpm) - travel for b in range(1, loop // 8 + 1)})


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A winning schedule of commands, as drums on exact beat frames of a fresh start (``presses``),
    replayed through the frame rules to a win for every phase of ``proof_phases``; None when none."""
    try:
        commands = plan(level, config, int(level["measures"]))
        if not commands:
            return None
        for p in proof_phases(level):
            sim = replay(level, config, presses_of(level, config, commands, p), p)
            if sim.status != "won" or sim.counts[2]:
                return None  # the planner and the rules disagree: never claim a level we can't win
        presses = presses_of(level, config, commands)
        sim = replay(level, config, presses)
        return {"steps": len(presses), "presses": presses, "commands": commands, "frames": sim.f,
                "score": sim.total_score(), "hp_left": sim.field.hp, "best_combo": sim.best,
                "phases": len(proof_phases(level))}
    except (KeyError, ValueError, TypeError, IndexError):
        return None


# ---- generation ---------------------------------------------------------------------------------------


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random, bpm: float, loop: int) -> dict[str, Any]:
    """One field: 2 enemies on level 1 and one more each level, tougher and quicker to strike later, the
    last level's last one a boss when the GDD has one; the goal just past the last enemy. The song is as
    long as the planner's winning schedule and a quarter more (at least 4 measures of slack)."""
    idx = int(req.index)
    n = min(5, 2 + idx)
    kinds = max(1, len(config.get("enemy_kinds") or []))
    enemies: list[dict[str, Any]] = []
    x = 96 + 12 * rng.randrange(0, 4)
    for i in range(n):
        every = max(2, 4 - idx + rng.randrange(0, 2))
        enemies.append({"x": x, "hp": 3 + idx + rng.randrange(0, 2), "power": 2, "every": every,
                        "at": rng.randrange(every), "kind": (i + idx) % kinds, "boss": 0})
        x += 84 + 12 * rng.randrange(0, 5)
    if config.get("boss") and idx == max(0, req.count - 1):
        boss = enemies[-1]
        boss.update({"hp": 2 * boss["hp"], "power": 3, "every": 2, "at": rng.randrange(2), "boss": 1})
    cap = int(config["max_measures"])
    if int(config.get("max_frames") or 0):
        bar = frame_of(8, bpm)
        cap = max(4, min(cap, (int(config["max_frames"]) - int(config["lead_in"])) // (bar + 1) - 1))
    level: dict[str, Any] = {"mode": MODE, "bpm": bpm, "loop": loop, "travel": int(config["lead_in"]),
                             "measures": cap, "goal": x - 24, "enemies": enemies,
                             "name": req.name, "seed": rng.randrange(1, 2**31), "index": idx}
    found = plan(level, config, int(level["measures"]))
    if found is not None:
        used = int(found[-1][0]) + 2 if found else 0
        level["measures"] = min(cap, used + max(4, used // 4))
    return level


def describe(level: dict[str, Any]) -> str:
    es = level.get("enemies") or []
    boss = " (the last a boss)" if any(e.get("boss") for e in es) else ""
    return (f"command march of {int(level.get('goal') or 0)} px past {len(es)} enemies{boss}, "
            f"{int(level.get('measures') or 0)} measures at {float(level.get('bpm') or 0):g} bpm")
