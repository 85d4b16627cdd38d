"""Fighting games (genre "fighting"): the rule book, the CPU opponent, the generator and the solver.

Two modes share one rule book, integers only and the same as ``fighting.js`` plays them, one step a frame:

- ``duel``: a side-view one-on-one between two walls; hits take health, a fighter at 0 health is knocked
  out, the first to ``level.need`` round wins (best of three) takes the match;
- ``platform``: a platform fighter on a floating stage; hits add percent, and knockback grows with the
  percent (``(BKB + SKB * percent / 100) * 100 / weight``); a fighter knocked past the blast zone (or who
  falls under the stage) loses a stock, the first to take ``level.need`` stocks wins.

Units: positions in 1/16 px (``SUB``), x from 0 to ``ARENA``, y up from the floor (0). Per frame, in this
order: the clocks (a break after a knock-out counts down, then both fighters are put back), the CPU picks
its keys from the state at the start of the frame, each fighter reads its keys (player first: hitstun,
then a running attack, else block / walk / jump / light / heavy, a press being a key down now and not on
the frame before), each moves (gravity, landing, walls or the stage's edges, drag), each faces the other
unless busy, each attack on its active frame hits or is blocked (player's first), the CPU's shot flies,
then the round is judged: a knock-out, else the round clock running out (the fighter with more health,
or less percent, takes it; a tie goes to the opponent).

The opponent's style comes from the GDD's words: ``aggressive`` (closes in and attacks), ``defensive``
(keeps a distance, blocks an attack it sees coming, punishes a whiff) or ``ranged`` (keeps away and
throws shots). It re-decides every ``level.think`` frames, so a faster opponent is a harder one; ``still``
(QA's own levels) presses nothing.

The solver (:func:`fight`) plays a scripted strategy frame by frame (block what is coming, walk in, jab,
finish with a heavy) in a few variants and keeps the first that wins: the proof is its keys, frame by
frame. Doing nothing loses (:func:`idle`): every opponent attacks, and a round that times out level goes
to the opponent.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from maestro.gdd.text import fold
from maestro.spec import GameSpec, LevelRequest

MODES = ("duel", "platform")

SUB = 16
ARENA = 480 * SUB
WALL_L, WALL_R = 24 * SUB, 456 * SUB   # duel: the ring's walls
STAGE_L, STAGE_R = 96 * SUB, 384 * SUB  # platform: the stage's edges
BLAST_X, BLAST_Y = 48 * SUB, 160 * SUB  # platform: past the arena by this much, or this far under the stage
HALF = 10 * SUB
WALK = 2 * SUB
JUMP = 6 * SUB
AIR_JUMP = 5 * SUB
GRAVITY = 5
MAX_FALL = 8 * SUB
GROUND_DRAG, AIR_DRAG = 4, 1
HEIGHT = 40 * SUB                       # how far apart in height a hit still lands
BREAK = 60                              # frames between a knock-out and the next round
HEALTH = 100
SPAWN_L, SPAWN_R = 180 * SUB, 300 * SUB

#: (startup = the active frame, total frames, reach in px, damage, base knockback, scaling knockback)
MOVES: dict[str, tuple[int, int, int, int, int, int]] = {
    "light": (5, 14, 36, 6, 24, 40),
    "heavy": (12, 30, 46, 14, 40, 110),
}
SHOT_SPEED = 4 * SUB
SHOT_DAMAGE, SHOT_KNOCK, SHOT_COOL = 8, 20, 70
BLOCK_STUN, BLOCK_PUSH = 8, SUB
HIT_POINTS = 10   # the score a landed hit is worth
KO_POINTS = 100   # ... and a knock-out

KEYS = ("left", "right", "up", "down", "action", "undo")  # the runtime's names: Space light, Z (or Shift) heavy
STYLES = ("aggressive", "defensive", "ranged")


@dataclass
class Fighter:
    x: int
    face: int
    y: int = 0
    vx: int = 0
    vy: int = 0
    ground: bool = True
    jumps: int = 0
    act: str = ""
    at: int = 0
    stun: int = 0
    block: bool = False
    hp: int = HEALTH
    pct: int = 0
    wins: int = 0
    prev: frozenset[str] = frozenset()


@dataclass
class Match:
    """One match against one opponent under the rules of the module docstring."""

    mode: str
    style: str
    think: int
    need: int
    round_frames: int
    air_jumps: int
    weight: int
    cpu_hp: int
    pct0: int = 0
    p: Fighter = field(default_factory=lambda: Fighter(SPAWN_L, 1))
    c: Fighter = field(default_factory=lambda: Fighter(SPAWN_R, -1))
    f: int = 0
    rf: int = 0
    round: int = 1
    pause: int = 0
    plan: frozenset[str] = frozenset()
    shot_x: int = -1
    shot_y: int = 0
    shot_dir: int = 0
    shot_cool: int = SHOT_COOL
    hits: int = 0
    taken: int = 0
    blocked: int = 0
    score: int = 0
    last: str = ""
    won: bool = False
    over: bool = False

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Match":
        m = cls(mode=str(level["mode"]), style=str(level["style"]), think=int(level["think"]), need=int(level["need"]),
                round_frames=int(level["round"]), air_jumps=int(level["air_jumps"]), weight=int(level["weight"]),
                cpu_hp=int(level["cpu_hp"]), pct0=int(level.get("pct0", 0)))
        m.c.hp, m.c.pct = m.cpu_hp, m.pct0
        m.p.jumps = m.c.jumps = m.air_jumps
        return m

    # ---- the CPU -------------------------------------------------------------------------------
    def cpu_keys(self) -> frozenset[str]:
        """The opponent's keys for this frame, re-decided every ``think`` frames from the state."""
        if self.style == "still":
            return frozenset()
        c, p = self.c, self.p
        if self.mode == "platform" and not (STAGE_L <= c.x <= STAGE_R):  # off the stage: back to it
            back = {"right" if c.x < STAGE_L else "left"}
            if c.vy < 0 and c.jumps > 0 and "up" not in c.prev:
                back.add("up")
            return frozenset(back)
        if self.f % self.think != 0:
            return self.plan
        dist = abs(p.x - c.x)
        toward = "right" if p.x > c.x else "left"
        away = "left" if toward == "right" else "right"
        coming = p.act != "" and p.at < MOVES[p.act][0] and dist <= (MOVES[p.act][2] + 8) * SUB
        keys: set[str] = set()
        if self.style == "aggressive":
            if dist > (MOVES["light"][2] - 4) * SUB:
                keys.add(toward)
            else:
                keys.add("undo" if (self.f // self.think) % 3 == 2 else "action")
        elif self.style == "defensive":
            if coming:
                keys.add("down")
            elif p.stun > 0 or (p.act != "" and p.at >= MOVES[p.act][0]):
                if dist <= MOVES["light"][2] * SUB:
                    keys.add("action")
                else:
                    keys.add(toward)
            elif dist > (MOVES["light"][2] - 4) * SUB:
                keys.add(toward)
            elif (self.f // self.think) % 2 == 0:
                keys.add("action")
            else:
                keys.add("down")
        else:  # ranged
            lo, hi = (WALL_L, WALL_R) if self.mode == "duel" else (STAGE_L, STAGE_R)
            wall = c.x <= lo + 40 * SUB or c.x >= hi - 40 * SUB
            if dist < 110 * SUB and not wall:
                keys.add(away)
            elif dist < MOVES["light"][2] * SUB:
                keys.add("action")
            elif dist > 220 * SUB:
                keys.add(toward)
            elif self.shot_x < 0 and self.shot_cool == 0:
                keys.add("undo")
        keys = {k for k in keys if k not in c.prev or k in ("left", "right", "down")}  # a press needs a release
        self.plan = frozenset(keys)
        return self.plan

    # ---- one fighter -----------------------------------------------------------------------------
    def control(self, me: Fighter, keys: frozenset[str], cpu: bool) -> None:
        pressed = keys - me.prev
        me.prev = keys
        me.block = False
        if me.stun > 0:
            me.stun -= 1
            return
        if me.act:
            me.at += 1
            if me.at >= MOVES[me.act][1]:
                me.act, me.at = "", 0
            return
        if "down" in keys and me.ground:
            me.block = True
            me.vx = 0
            return
        me.vx = WALK * (("right" in keys) - ("left" in keys))
        if "up" in pressed:
            if me.ground:
                me.vy, me.ground = JUMP, False
            elif me.jumps > 0:
                me.vy, me.jumps = AIR_JUMP, me.jumps - 1
        if "action" in pressed:
            me.act, me.at = "light", 0
        elif "undo" in pressed:
            if cpu and self.style == "ranged":
                if self.shot_x < 0 and self.shot_cool == 0:
                    self.shot_x, self.shot_y, self.shot_dir = me.x + me.face * HALF, me.y, me.face
                    self.shot_cool = SHOT_COOL
            else:
                me.act, me.at = "heavy", 0
        if me.act and me.ground:
            me.vx = 0

    def move(self, me: Fighter) -> None:
        if not me.ground:
            me.vy = max(-MAX_FALL, me.vy - GRAVITY)
        me.x += me.vx
        ny = me.y + me.vy
        if not me.ground:
            if ny <= 0 <= me.y and me.vy <= 0 and (self.mode == "duel" or STAGE_L <= me.x <= STAGE_R):
                me.y, me.vy, me.ground, me.jumps = 0, 0, True, self.air_jumps
            else:
                me.y = ny
        elif self.mode == "platform" and not STAGE_L <= me.x <= STAGE_R:
            me.ground = False  # walked (or was knocked) off the stage's edge
        if self.mode == "duel":
            me.x = min(WALL_R - HALF, max(WALL_L + HALF, me.x))
        drag = GROUND_DRAG if me.ground else AIR_DRAG
        if me.stun > 0 or me.block or me.act:
            me.vx = me.vx - drag if me.vx > drag else me.vx + drag if me.vx < -drag else 0

    def hurt(self, me: Fighter, damage: int, bkb: int, skb: int, side: int) -> None:
        """``me`` hit from ``side`` (+1: pushed right): health or percent, knockback and hitstun."""
        if self.mode == "duel":
            me.hp = max(0, me.hp - damage)
            kb = bkb
            me.vx, me.vy = side * kb, kb // 3
        else:
            me.pct = min(999, me.pct + damage)
            kb = (bkb + skb * me.pct // 100) * 100 // self.weight
            me.vx, me.vy = side * kb, kb // 2
        me.ground = me.vy <= 0 and me.ground
        me.stun = 8 + kb // 4
        me.act, me.at, me.block = "", 0, False

    def strike(self, a: Fighter, d: Fighter, attacker_is_player: bool) -> None:
        if not a.act or a.at != MOVES[a.act][0]:
            return
        _, _, reach, damage, bkb, skb = MOVES[a.act]
        dx = d.x - a.x
        if abs(dx) > reach * SUB or (dx * a.face < 0) or abs(d.y - a.y) > HEIGHT:
            return
        side = 1 if dx >= 0 else -1
        if d.block and d.face == -side:
            d.stun = BLOCK_STUN
            d.vx = side * BLOCK_PUSH
            d.block = True
            self.blocked += 0 if attacker_is_player else 1
            self.last = "block"
            return
        self.hurt(d, damage, bkb, skb, side)
        if attacker_is_player:
            self.hits += 1
            self.score += HIT_POINTS
        else:
            self.taken += 1
        self.last = "hit" if attacker_is_player else "hurt"

    def fly_shot(self) -> None:
        if self.shot_cool > 0:
            self.shot_cool -= 1
        if self.shot_x < 0:
            return
        self.shot_x += self.shot_dir * SHOT_SPEED
        p = self.p
        if abs(self.shot_x - p.x) <= 12 * SUB and abs(self.shot_y - p.y) <= 30 * SUB:
            if p.block and p.face == self.shot_dir * -1:
                p.stun, p.vx = BLOCK_STUN, self.shot_dir * BLOCK_PUSH
                p.block = True
                self.blocked += 1
                self.last = "block"
            else:
                self.hurt(p, SHOT_DAMAGE, SHOT_KNOCK, SHOT_KNOCK, self.shot_dir)
                self.taken += 1
                self.last = "hurt"
            self.shot_x = -1
        elif self.shot_x < 0 or self.shot_x > ARENA:
            self.shot_x = -1

    def out(self, me: Fighter) -> bool:
        if self.mode == "duel":
            return me.hp <= 0
        return me.x < -BLAST_X or me.x > ARENA + BLAST_X or me.y < -BLAST_Y

    def reset(self) -> None:
        for me, x, face in ((self.p, SPAWN_L, 1), (self.c, SPAWN_R, -1)):
            me.x, me.y, me.vx, me.vy, me.face, me.ground, me.jumps = x, 0, 0, 0, face, True, self.air_jumps
            me.act, me.at, me.stun, me.block = "", 0, 0, False
        if self.mode == "duel":
            self.p.hp, self.c.hp = HEALTH, self.cpu_hp
        self.shot_x, self.shot_cool, self.rf, self.plan = -1, SHOT_COOL, 0, frozenset()

    def take_round(self, player: bool, why: str) -> str:
        winner, loser = (self.p, self.c) if player else (self.c, self.p)
        winner.wins += 1
        if self.mode == "platform":
            loser.pct = 0 if player is False else self.pct0
        if player:
            self.score += KO_POINTS
        self.last = why
        if winner.wins >= self.need:
            self.won, self.over = player, not player
            return "won" if player else "lost"
        self.round += 1
        self.pause = BREAK
        return "round"

    # ---- one frame ----------------------------------------------------------------------------------
    def step(self, keys: set[str] | frozenset[str]) -> str:
        """One frame with the player's ``keys`` held; what happened ("hit", "hurt", "block", "round",
        "won", "lost" or "")."""
        if self.won or self.over:
            return ""
        self.f += 1
        self.last = ""
        if self.pause > 0:
            self.pause -= 1
            self.p.prev = frozenset(k for k in keys if k in KEYS)
            if self.pause == 0:
                self.reset()
            return ""
        self.rf += 1
        cpu = self.cpu_keys()
        self.control(self.p, frozenset(k for k in keys if k in KEYS), False)
        self.control(self.c, cpu, True)
        for me in (self.p, self.c):
            self.move(me)
        for me, other in ((self.p, self.c), (self.c, self.p)):
            if not me.act and me.stun == 0:
                me.face = 1 if other.x >= me.x else -1
        self.strike(self.p, self.c, True)
        self.strike(self.c, self.p, False)
        self.fly_shot()
        what = self.last
        if self.out(self.c) and not self.out(self.p):
            return self.take_round(True, "ko")
        if self.out(self.p):
            return self.take_round(False, "ko")
        if self.rf >= self.round_frames:
            ahead = self.p.hp > self.c.hp if self.mode == "duel" else self.p.pct < self.c.pct
            return self.take_round(ahead, "time")
        return what


# ---- the solver -----------------------------------------------------------------------------------

#: the strategy's variants: (block what is coming, finish with heavies, keep jabbing up close)
VARIANTS = ((True, True, True), (True, False, True), (True, True, False), (False, True, True))


def plan_frame(m: Match, variant: tuple[bool, bool, bool]) -> set[str]:
    """The scripted strategy's keys for the next frame of ``m``."""
    guard, heavy, jab = variant
    p, c = m.p, m.c
    keys: set[str] = set()
    toward = "right" if c.x > p.x else "left"
    if m.mode == "platform" and not (STAGE_L <= p.x <= STAGE_R):
        keys.add("right" if p.x < STAGE_L else "left")
        if p.vy < 0 and p.jumps > 0 and "up" not in p.prev:
            keys.add("up")
        return keys
    dist = abs(c.x - p.x)
    threat = c.act != "" and c.at < MOVES[c.act][0] and dist <= (MOVES[c.act][2] + 12) * SUB
    shot = m.shot_x >= 0 and abs(m.shot_x - p.x) <= 40 * SUB and (m.shot_x - p.x) * m.shot_dir < 0
    if guard and (threat or shot) and p.ground:
        return {"down"}
    if dist > (MOVES["light"][2] - 6) * SUB:
        keys.add(toward)
        return keys
    if p.act or p.stun:
        return keys
    if heavy and (c.stun > 6 or (c.hp <= MOVES["heavy"][3] and m.mode == "duel")) and "undo" not in p.prev:
        keys.add("undo")
    elif jab and "action" not in p.prev:
        keys.add("action")
    elif not jab and "undo" not in p.prev:
        keys.add("undo")
    return keys


def fight(level: dict[str, Any], variant: tuple[bool, bool, bool]) -> tuple[Match, list[list[str]]]:
    """The strategy played frame by frame: the match and the keys held on each frame."""
    m = Match.start(level)
    hold: list[list[str]] = []
    limit = m.round_frames * (2 * m.need - 1) + BREAK * 2 * m.need + 10
    for _ in range(limit):
        if m.won or m.over:
            break
        keys = plan_frame(m, variant)
        hold.append(sorted(keys))
        m.step(keys)
    return m, hold


def idle(level: dict[str, Any]) -> Match:
    """The match with nothing pressed at all."""
    m = Match.start(level)
    limit = m.round_frames * (2 * m.need - 1) + BREAK * 2 * m.need + 10
    for _ in range(limit):
        if m.won or m.over:
            break
        m.step(set())
    return m


def runs(hold: list[list[str]]) -> list[list[Any]]:
    """Keys frame by frame as [frames, "key+key"] runs (the proof's compact form)."""
    out: list[list[Any]] = []
    for keys in hold:
        k = "+".join(keys)
        if out and out[-1][1] == k:
            out[-1][0] += 1
        else:
            out.append([1, k])
    return out


def unruns(rs: list[list[Any]]) -> list[list[str]]:
    return [str(k).split("+") if k else [] for n, k in rs for _ in range(int(n))]


# ---- the GDD's words ------------------------------------------------------------------------------

_STYLE_WORDS = {
    "ranged": re.compile(r"\b(?:ranged?|projectiles?|fireballs?|throws?|throwing|shoots?|zon(?:er|ing)|from afar|at a distance|"
                         r"keeps? (?:its |his |her |their )?distance|long[- ]range|spells?|arrows?|knives)\b"),
    "defensive": re.compile(r"\b(?:defensive\w*|blocks?|blocking|guards?|guarding|patient|counter\w*|turtl\w*|parr\w*|"
                            r"shields?|waits?|careful|cautious)\b"),
    "aggressive": re.compile(r"\b(?:aggressive\w*|rush\w*|relentless|berserk\w*|charg\w*|brawl\w*|wild|reckless|presses|"
                             r"pressure|slams?|heavy hitter|all[- ]out|fast|quick|furious)\b"),
}
_PLATFORM = re.compile(r"\bring[- ]?outs?\b|\bstocks?\b|\bblast zones?\b|\bknock(?:ed|s)? (?:\w+ )?off\b|\boff[- ]the[- ]screen\b|"
                       r"\boff[- ]screen\b|\bpercent\w*\b|\bplatform(?:ing)?[- ]fight\w*\b|\bfighter/platformer\b|\bsmash bros\w*\b|"
                       r"\bedge of the stage\b|\bfall\w* (?:off|below) the stage\b")
_STOCKS = re.compile(r"\b(\d|one|two|three|four|five) (?:stocks?|lives)\b")
_BEST_OF = re.compile(r"\bbest (?:of|out of) (three|five|3|5)\b|\bfirst to (?:win )?(two|three|2|3) rounds\b")
_NUM = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_SECONDS = re.compile(r"\b(\d{2,3}|twenty|thirty|forty|forty[- ]five|fifty|sixty|ninety|ninety[- ]nine)[- ]seconds?\b")
_SECONDS_WORDS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "ninety": 90}
ROUND_SECONDS = 30


def round_seconds(spec: GameSpec) -> int:
    """A round's clock: the GDD's time limit, else the seconds its own timer sentence says (10..99), else
    ROUND_SECONDS. (A time limit is the round's here: fighting.js keeps the runtime's level clock at zero
    between rounds, and a round ends a frame before that clock would.)"""
    if spec.time_limit and 10 <= spec.time_limit <= 99:
        return int(spec.time_limit)
    timer = spec.mechanic("timer")
    if timer is None or not timer.source:
        return ROUND_SECONDS
    said = int(timer.params.get("seconds") or 0)
    m = _SECONDS.search(fold(timer.source))
    if not said and m:
        word = m.group(1).replace(" ", "-")
        said = int(word) if word.isdigit() else _SECONDS_WORDS.get(word.split("-")[0], 0) + (
            {"five": 5, "nine": 9}.get(word.split("-")[-1], 0) if "-" in word else 0)
    return said if 10 <= said <= 99 else ROUND_SECONDS


def _int(word: str) -> int:
    return int(word) if word.isdigit() else _NUM[word]


def style_of(text: str) -> str | None:
    """The style a fighter's own words give it (the first of ranged, defensive, aggressive said), else None."""
    low = fold(text)
    found = [(m.start(), style) for style, pat in _STYLE_WORDS.items() for m in [pat.search(low)] if m]
    return min(found)[1] if found else None


def mode_of(text: str) -> str:
    """"platform" when the text says a platform fighter's words twice or more (ring-outs, stocks, percent,
    knocked off the stage ...: one "percent" alone is no platform fighter), else "duel"."""
    return "platform" if len(_PLATFORM.findall(fold(text or ""))) >= 2 else "duel"


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The mode, the opponents (the GDD's named enemies, each with the style its own words give it, else the
    next of aggressive, defensive, ranged), how many round wins (or stocks) take the match, the air jumps."""
    mode = spec.mode if spec.mode in MODES else MODES[0]
    foes = [e for e in spec.enemies if not e.stock] or list(spec.enemies)
    opponents = []
    for i, e in enumerate(foes[:3]):
        said = style_of(f"{e.description}")
        opponents.append({"name": e.name, "slug": e.slug, "style": said or STYLES[i % 3], "said": bool(said)})
    if not opponents:
        opponents = [{"name": "Rival", "slug": "", "style": "aggressive", "said": False}]
    text = fold(" ".join([spec.summary, *spec.win_conditions, *spec.lose_conditions, *spec.notes,
                     *(r.words for r in spec.requirements)]))
    need = 2
    best = _BEST_OF.search(text)
    if best:
        got = best.group(1) or best.group(2)
        need = (_int(got) + 1) // 2 if best.group(1) else _int(got)
    stocks = _STOCKS.search(text)
    if mode == "platform":  # the stocks each side has: the GDD's number of them (or of lives), else 3
        need = _int(stocks.group(1)) if stocks else spec.lives if spec.has("lives") else 3
    air = 1 if mode == "platform" or spec.has("double_jump") else 0
    return {"mode": mode, "opponents": opponents, "need": max(1, min(5, need)), "air_jumps": air,
            "round_seconds": round_seconds(spec), "player": spec.player.name}


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """Level i is a match against the GDD's i-th opponent (round the list again, tougher): a quicker
    opponent with more health each level."""
    i = min(req.index, 5)
    opponents = config.get("opponents") or [{"name": "Rival", "slug": "", "style": "aggressive"}]
    foe = opponents[req.index % len(opponents)]
    return {"mode": config.get("mode", "duel"), "style": foe["style"], "opponent": foe["name"],
            "opponent_slug": foe.get("slug", ""), "think": max(4, 12 - 3 * i + rng.randint(0, 1)),
            "need": int(config.get("need", 2)), "round": 60 * int(config.get("round_seconds", ROUND_SECONDS)) - 1, "air_jumps": int(config.get("air_jumps", 0)),
            "weight": 100, "cpu_hp": HEALTH + 20 * i, "stage": req.index + 1}


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    for k, variant in enumerate(VARIANTS):
        end, hold = fight(level, variant)
        if end.won:
            if not idle(level).over:
                return None  # a level that doing nothing does not lose proves nothing
            return {"steps": sum(1 for keys in hold if keys), "variant": k, "runs": runs(hold), "frames": end.f,
                    "rounds": end.round, "hits": end.hits}
    return None


def describe(level: dict[str, Any]) -> str:
    what = "stocks" if level.get("mode") == "platform" else "rounds"
    return (f"{level.get('mode')} vs {level.get('opponent')} ({level.get('style')}, reacts every {level.get('think')} "
            f"frames): first to {level.get('need')} {what}, {int(level.get('round', 0)) // 60} s a round")
