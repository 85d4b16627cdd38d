"""RPG with turn-based battles (genre "rpg"): the rule book, the map generator and the solver.

A level is a small top-down map (a maze with some walls knocked out): the hero walks it one tile
per key press, picks up potions and treasure by stepping on them, and bumps into foes standing on
it, which starts a battle; the level is done on the exit tile, or, on the last level, by beating
the boss who stands on the exit. The JS module ``maestro/genres/rpg/rpg.js`` plays the very same
rules from the same numbers; :class:`World` is the Python copy of that rule book. There is no
randomness in a battle and every number is an integer, so the two agree bit for bit.

A battle, one round at a time (the hero picks from the menu, then everyone acts by speed, fastest
first, the hero first on a tie):

* Attack hits the target for ``max(1, atk - foe.df)``; Skill costs ``config.skill_cost`` MP and hits
  EVERY foe for ``max(1, atk + skill_power - foe.df)`` (refused without the MP); Item drinks a potion
  (``+potion_heal`` HP up to the maximum; refused with none left); Defend halves (rounded down) the
  damage the hero takes this round, whoever acts first; Flee ends a normal battle at once (the foe
  stays on the map) and is refused against the boss. A refused choice costs no round.
* A foe does what its pattern shows next (the pattern cycles): "attack" hits for
  ``max(1, atk - hero.df)``, "heavy" for ``max(1, 2 * atk - hero.df)``, "charge" does nothing (it is
  gathering strength), "heal" restores ``max_hp // 5`` of its own HP.
* All foes at 0 HP: the battle is won: their XP and points are gained and the foe leaves the map;
  ``xp >= lvl * xp_step`` levels the hero up (more max HP and HP, attack, max MP and MP). The hero
  at 0 HP loses the level (a life when the game has lives, else the game).

The controls: on the map the arrows move; in a battle up / down move the menu cursor (it wraps),
left / right switch the target among the living foes, action (Space / Enter) chooses.

Level format (JSON): ``{"mode", "w", "h", "grid": [rows of "#" / "."], "start": [x, y], "exit":
[x, y], "hero": {hp, mp, atk, df, spd, lvl, xp, potions}, "encounters": [{"x", "y", "boss",
"party": [{"slug", "hp", "atk", "df", "spd", "xp", "points", "pattern": [kind...]}]}], "pickups":
[{"x", "y", "kind": "potion" | "treasure", "slug", "points"}], "boss": bool}``.
"""

from __future__ import annotations

import random
import re
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from maestro.spec import GameSpec, LevelRequest

MODES = ("battles",)
MENU = ("Attack", "Skill", "Item", "Defend", "Flee")
DIRS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
PATTERNS = ("attack", "heavy", "charge", "heal")

# A GDD item that can be drunk or eaten is the game's potion; any other is treasure.
CONSUMABLE = re.compile(r"potion|elixir|ether|herb|tonic|heal|medic|remedy|salve|bandage|food|apple|bread|meat|"
                        r"soup|drink|flask|vial|mushroom|berr(?:y|ies)|pocion|poción|drank|trank|tisane", re.I)
BOSS_WORDS = re.compile(r"\bboss\b|\bfinal\b|\bking\b|\bqueen\b|\blord\b|\bdragon\b|\bjefe\b|\bendboss\b", re.I)


# ---- config ------------------------------------------------------------------------------------


def _num(params: dict[str, Any] | None, keys: tuple[str, ...], default: int, lo: int, hi: int) -> int:
    for k in keys:
        v = (params or {}).get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(min(hi, max(lo, v)))
    return default


def _hero_hp(spec: GameSpec) -> int:
    """The GDD's hit points when it asked for health with a number. Under 10 they are a platformer's
    hearts (or the reader's default of 3 for "restores health"), not an RPG hero's: then 30."""
    health = spec.mechanic("health")
    if health is not None and health.source:
        hp = _num(health.params, ("hp", "health", "max"), 30, 1, 999)
        return hp if hp >= 10 else 30
    return 30


MP_WORDS = re.compile(r"\b(\d{1,3})\s*(?:mp|mana(?: points)?|magic points)\b", re.I)


def _hero_mp(spec: GameSpec) -> int:
    """The GDD's magic points: a mana mechanic's number, else "14 MP" in the hero's description or
    the summary (the reader has no mana mechanic of its own), else 10."""
    mana = spec.params_of("mana", "energy")
    if mana:
        return _num(mana, ("mp", "mana", "max", "amount"), 10, 4, 99)
    said = MP_WORDS.search(f"{spec.player.description} {spec.summary}")
    return max(4, min(99, int(said.group(1)))) if said else 10


def _potion(spec: GameSpec) -> tuple[str, str | None]:
    """The potion's name and sprite: the GDD's first consumable item, else a plain Potion."""
    for item in spec.items:
        if CONSUMABLE.search(f"{item.name} {item.description}"):
            return item.name[:14], item.slug
    return "Potion", None


def _treasure(spec: GameSpec) -> list[dict[str, Any]]:
    potion = _potion(spec)[1]
    return [{"slug": i.slug, "name": i.name[:14], "points": int(i.points or 10)} for i in spec.items
            if i.slug != potion][:3]


def _skill_name(spec: GameSpec) -> str:
    """A spell the GDD names ("Fireball spell") names the skill; else Blaze."""
    for m in spec.mechanics:
        for v in m.params.values():
            if isinstance(v, str) and re.search(r"spell|skill|magic", v, re.I):
                return v[:10]
    return "Blaze"


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The tunables: the GDD's numbers (health HP, mana MP) where it gave them, its potion and
    treasure items, defaults otherwise."""
    potion_name, potion_slug = _potion(spec)
    return {
        "mode": spec.mode if spec.mode in MODES else MODES[0],
        "hero_hp": _hero_hp(spec),
        "hero_mp": _hero_mp(spec),
        "atk": 6, "df": 2, "spd": 5,
        "skill_name": _skill_name(spec), "skill_cost": 4, "skill_power": 3,
        "potion_name": potion_name, "potion_slug": potion_slug, "potion_heal": 15, "start_potions": 1,
        "treasure": _treasure(spec),
        "xp_step": 10, "hp_gain": 6, "atk_gain": 2, "mp_gain": 2,
        "width": 25, "height": 13,
        "foe_points": int(next((e.points for e in spec.enemies if e.points), None) or 25),
        "boss_points": 200, "exit_points": 100,
        "beam": 16, "max_rounds": 40,
    }


def hero_at(config: dict[str, Any], index: int) -> dict[str, int]:
    """The hero as level ``index`` starts: one level-up per level already played, better armour every
    second level, full HP and MP (each level is proven from here, whatever the last one left)."""
    hp = int(config["hero_hp"]) + index * int(config["hp_gain"])
    mp = int(config["hero_mp"]) + index * int(config["mp_gain"])
    return {"hp": hp, "max_hp": hp, "mp": mp, "max_mp": mp, "atk": int(config["atk"]) + index * int(config["atk_gain"]),
            "df": int(config["df"]) + index // 2, "spd": int(config["spd"]), "lvl": 1 + index, "xp": 0,
            "potions": int(config["start_potions"])}


# ---- the rule book -----------------------------------------------------------------------------


@dataclass
class Foe:
    slug: str
    hp: int
    max_hp: int
    atk: int
    df: int
    spd: int
    xp: int
    points: int
    pattern: list[str]
    step: int = 0

    def intent(self) -> str:
        return self.pattern[self.step % len(self.pattern)] if self.pattern else "attack"


@dataclass
class Battle:
    enc: int
    foes: list[Foe]
    boss: bool
    sel: int = 0
    target: int = 0
    round: int = 0

    def alive(self) -> list[int]:
        return [i for i, f in enumerate(self.foes) if f.hp > 0]


def hero_damage(power: int, foe_df: int) -> int:
    return max(1, power - foe_df)


def foe_damage(power: int, hero_df: int, defending: bool) -> int:
    dmg = max(1, power - hero_df)
    return dmg // 2 if defending else dmg


@dataclass
class World:
    """One level in play: the map, the hero, and the battle under way (if any)."""

    config: dict[str, Any]
    grid: list[str]
    x: int
    y: int
    exit: tuple[int, int]
    hero: dict[str, int]
    encounters: list[dict[str, Any]]
    beaten: list[bool]
    pickups: list[dict[str, Any]]
    taken: list[bool]
    battle: Battle | None = None
    won: bool = False
    lost: bool = False
    score: int = 0
    log: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, level: dict[str, Any], config: dict[str, Any]) -> "World":
        encs = list(level.get("encounters") or [])
        picks = list(level.get("pickups") or [])
        sx, sy = level["start"]
        ex, ey = level["exit"]
        return cls(config, list(level["grid"]), int(sx), int(sy), (int(ex), int(ey)), dict(level["hero"]),
                   encs, [False] * len(encs), picks, [False] * len(picks))

    def copy(self) -> "World":
        b = self.battle
        battle = None if b is None else Battle(b.enc, [Foe(**{**vars(f), "pattern": f.pattern}) for f in b.foes],
                                                b.boss, b.sel, b.target, b.round)
        return World(self.config, self.grid, self.x, self.y, self.exit, dict(self.hero), self.encounters,
                     list(self.beaten), self.pickups, list(self.taken), battle, self.won, self.lost, self.score)

    # ---- the map
    def wall(self, x: int, y: int) -> bool:
        return not (0 <= y < len(self.grid) and 0 <= x < len(self.grid[y])) or self.grid[y][x] == "#"

    def foe_at(self, x: int, y: int) -> int:
        for i, e in enumerate(self.encounters):
            if not self.beaten[i] and int(e["x"]) == x and int(e["y"]) == y:
                return i
        return -1

    def move(self, dx: int, dy: int) -> str:
        nx, ny = self.x + dx, self.y + dy
        if self.wall(nx, ny):
            return ""
        i = self.foe_at(nx, ny)
        if i >= 0:
            self.begin(i)
            return "battle"
        self.x, self.y = nx, ny
        for k, p in enumerate(self.pickups):
            if not self.taken[k] and int(p["x"]) == nx and int(p["y"]) == ny:
                self.taken[k] = True
                if p["kind"] == "potion":
                    self.hero["potions"] += 1
                else:
                    self.score += int(p.get("points") or 10)
        if (nx, ny) == self.exit:
            self.won = True
            self.score += int(self.config["exit_points"])
            return "exit"
        return "step"

    def begin(self, i: int) -> None:
        e = self.encounters[i]
        foes = [Foe(slug=str(f["slug"]), hp=int(f["hp"]), max_hp=int(f["hp"]), atk=int(f["atk"]), df=int(f["df"]),
                    spd=int(f["spd"]), xp=int(f["xp"]), points=int(f["points"]), pattern=list(f["pattern"]))
                for f in e["party"]]
        self.battle = Battle(i, foes, bool(e.get("boss")))

    # ---- a battle
    def choose(self) -> str:
        """The menu's selected entry, chosen; what happened ("refused", "fled", "round")."""
        b = self.battle
        assert b is not None
        what = MENU[b.sel]
        h = self.hero
        if what == "Skill" and h["mp"] < int(self.config["skill_cost"]):
            return "refused"
        if what == "Item" and h["potions"] <= 0:
            return "refused"
        if what == "Flee":
            if b.boss:
                return "refused"
            self.battle = None
            return "fled"
        self.play_round(what)
        return "round"

    def hero_acts(self, what: str) -> None:
        b, h = self.battle, self.hero
        assert b is not None
        if what == "Attack":
            living = b.alive()
            t = b.target if b.target in living else living[0]
            f = b.foes[t]
            f.hp = max(0, f.hp - hero_damage(h["atk"], f.df))
        elif what == "Skill":
            h["mp"] -= int(self.config["skill_cost"])
            for i in b.alive():
                f = b.foes[i]
                f.hp = max(0, f.hp - hero_damage(h["atk"] + int(self.config["skill_power"]), f.df))
        elif what == "Item":
            h["potions"] -= 1
            h["hp"] = min(h["max_hp"], h["hp"] + int(self.config["potion_heal"]))

    def foe_acts(self, f: Foe, defending: bool) -> None:
        kind, h = f.intent(), self.hero
        if kind == "attack":
            h["hp"] = max(0, h["hp"] - foe_damage(f.atk, h["df"], defending))
        elif kind == "heavy":
            h["hp"] = max(0, h["hp"] - foe_damage(2 * f.atk, h["df"], defending))
        elif kind == "heal":
            f.hp = min(f.max_hp, f.hp + f.max_hp // 5)
        f.step += 1

    def order(self) -> list[int]:
        """Who acts this round: -1 is the hero; by speed, fastest first, the hero first on a tie."""
        b = self.battle
        assert b is not None
        who = [(-self.hero["spd"], -1)] + [(-f.spd, i) for i, f in enumerate(b.foes)]
        return [i for _, i in sorted(who)]

    def play_round(self, what: str) -> None:
        b = self.battle
        assert b is not None
        defending = what == "Defend"
        for i in self.order():
            if i < 0:
                self.hero_acts(what)
                if not b.alive():
                    break
            elif b.foes[i].hp > 0:
                self.foe_acts(b.foes[i], defending)
                if self.hero["hp"] <= 0:
                    self.lost = True
                    return
        b.round += 1
        living = b.alive()
        if not living:
            self.end_battle()
        elif b.target not in living:
            b.target = living[0]

    def end_battle(self) -> None:
        b = self.battle
        assert b is not None
        self.beaten[b.enc] = True
        self.battle = None
        h = self.hero
        h["xp"] += sum(f.xp for f in b.foes)
        self.score += sum(f.points for f in b.foes)
        while h["xp"] >= h["lvl"] * int(self.config["xp_step"]):
            h["xp"] -= h["lvl"] * int(self.config["xp_step"])
            h["lvl"] += 1
            for k, gain in (("hp", "hp_gain"), ("mp", "mp_gain")):
                h["max_" + k] += int(self.config[gain])
                h[k] += int(self.config[gain])
            h["atk"] += int(self.config["atk_gain"])
        if b.boss:
            self.won = True

    # ---- the controls (what a key press does; the bot and rules_agree go through these)
    def press(self, key: str) -> str:
        if self.won or self.lost:
            return ""
        b = self.battle
        if b is None:
            return self.move(*DIRS[key]) if key in DIRS else ""
        if key in ("up", "down"):
            b.sel = (b.sel + (1 if key == "down" else -1)) % len(MENU)
        elif key in ("left", "right"):
            living = b.alive()
            at = living.index(b.target) if b.target in living else 0
            b.target = living[(at + (1 if key == "right" else -1)) % len(living)]
        elif key == "action":
            return self.choose()
        return ""


# ---- the generator -----------------------------------------------------------------------------


def _maze(w: int, h: int, rng: random.Random) -> list[list[str]]:
    """A recursive-backtracker maze on the odd cells, then a few walls knocked out for loops."""
    g = [["#"] * w for _ in range(h)]
    stack = [(1, 1)]
    g[1][1] = "."
    while stack:
        x, y = stack[-1]
        nbrs = [(x + dx, y + dy, dx, dy) for dx, dy in ((2, 0), (-2, 0), (0, 2), (0, -2))
                if 0 < x + dx < w - 1 and 0 < y + dy < h - 1 and g[y + dy][x + dx] == "#"]
        if not nbrs:
            stack.pop()
            continue
        nx, ny, dx, dy = rng.choice(nbrs)
        g[y + dy // 2][x + dx // 2] = "."
        g[ny][nx] = "."
        stack.append((nx, ny))
    for y in range(1, h - 1):
        for x in range(1, w - 1):
            if g[y][x] == "#" and (x + y) % 2 == 1 and rng.random() < 0.22:
                g[y][x] = "."
    return g


def _dist(grid: list[list[str]], start: tuple[int, int]) -> dict[tuple[int, int], int]:
    """Steps from ``start`` to every floor cell (BFS)."""
    seen = {start: 0}
    q = deque([start])
    while q:
        x, y = q.popleft()
        for dx, dy in DIRS.values():
            n = (x + dx, y + dy)
            if n not in seen and grid[n[1]][n[0]] != "#":
                seen[n] = seen[(x, y)] + 1
                q.append(n)
    return seen


def _roster(req: LevelRequest) -> tuple[list[str], str]:
    """The GDD's foes and its boss: the one whose slug says boss (or king, dragon...), else the
    last-named; a default foe when it names none."""
    slugs = [e.slug for e in req.enemies] or ["enemy"]
    boss = next((s for s in slugs if BOSS_WORDS.search(s.replace("_", " "))), slugs[-1])
    minions = [s for s in slugs if s != boss] or [boss]
    return minions, boss


def _foe(slug: str, kind: int, index: int, difficulty: float, rng: random.Random, points: int) -> dict[str, Any]:
    hard = int(2 * (difficulty - 1))
    cycle = [["attack", "attack", "charge", "heavy"], ["attack", "charge", "heavy"], ["attack", "attack"]][kind % 3]
    turn = rng.randint(0, len(cycle) - 1)  # where in its cycle the foe starts
    return {"slug": slug, "hp": 9 + 3 * index + hard + rng.randint(0, 4) + 2 * (kind % 2), "atk": 4 + index + rng.randint(0, 1),
            "df": 1 + index // 2, "spd": rng.choice((3, 4, 6, 7)), "xp": 5 + 2 * index, "points": points,
            "pattern": cycle[turn:] + cycle[:turn]}


def _boss(slug: str, index: int, difficulty: float, rng: random.Random, points: int) -> dict[str, Any]:
    return {"slug": slug, "hp": 30 + 6 * index + int(4 * (difficulty - 1)) + rng.randint(0, 4), "atk": 5 + index,
            "df": 2 + index // 2, "spd": 6, "xp": 20, "points": points,
            "pattern": ["attack", "charge", "heavy", "attack", "heal"]}


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One map: a maze, the hero's start, the exit at the far end, foes along the way, potions and
    treasure; on the last level the boss stands on the exit."""
    w, h = int(config["width"]), int(config["height"])
    g = _maze(w, h, rng)
    start = (1, 1)
    dist = _dist(g, start)
    exit_ = max(dist, key=lambda c: (dist[c], c[1], c[0]))
    boss = req.index == req.count - 1
    minions, boss_slug = _roster(req)
    n = max(1, min(6, int(req.enemy_count) if req.enemy_count else min(4, 2 + (req.index + 1) // 2)))
    free = sorted((c for c, d in dist.items() if d >= 3 and c != exit_), key=lambda c: (c[1], c[0]))
    rng.shuffle(free)
    used: set[tuple[int, int]] = {start, exit_}
    spots: list[tuple[int, int]] = []
    for c in free:
        if all(abs(c[0] - u[0]) + abs(c[1] - u[1]) > 2 for u in used):
            spots.append(c)
            used.add(c)
    encounters = []
    for k in range(min(n, len(spots))):
        size = 1 if req.index == 0 or rng.random() < 0.6 else 2
        party = [_foe(minions[(k + j) % len(minions)], k + j, req.index, req.difficulty, rng, int(config["foe_points"]))
                 for j in range(size)]
        x, y = spots[k]
        encounters.append({"x": x, "y": y, "boss": False, "party": party})
    if boss:
        encounters.append({"x": exit_[0], "y": exit_[1], "boss": True,
                           "party": [_boss(boss_slug, req.index, req.difficulty, rng, int(config["boss_points"]))]})
    rest = spots[len(encounters):]
    pickups = []
    potions = 1 + min(3, req.index)
    for x, y in rest[:potions]:
        pickups.append({"x": x, "y": y, "kind": "potion", "slug": config.get("potion_slug"), "points": 0})
    for k, (x, y) in enumerate(rest[potions:potions + 3]):
        treasure = list(config.get("treasure") or [])
        if not treasure:
            break
        t = treasure[k % len(treasure)]
        pickups.append({"x": x, "y": y, "kind": "treasure", "slug": t["slug"], "points": int(t["points"])})
    return {"mode": config.get("mode", MODES[0]), "w": w, "h": h, "grid": ["".join(r) for r in g],
            "start": list(start), "exit": list(exit_), "hero": hero_at(config, req.index),
            "encounters": encounters, "pickups": pickups, "boss": boss}


# ---- the solver --------------------------------------------------------------------------------


def _value(w: World) -> int:
    b = w.battle
    foe_hp = sum(f.hp for f in b.foes) if b else 0
    return 6 * w.hero["hp"] + w.hero["mp"] + 8 * w.hero["potions"] - 5 * foe_hp


def menu_keys(w: World, choice: int, target: int = -1) -> list[str]:
    """The presses that pick menu entry ``choice`` (and, for Attack, the foe ``target``)."""
    b = w.battle
    assert b is not None
    down = (choice - b.sel) % len(MENU)
    keys = ["down"] * down if down <= len(MENU) - down else ["up"] * (len(MENU) - down)
    if target >= 0:
        living = b.alive()
        at = living.index(b.target) if b.target in living else 0
        keys += ["right"] * ((living.index(target) - at) % len(living))
    return keys + ["action"]


def _choices(w: World) -> list[list[str]]:
    b = w.battle
    assert b is not None
    out = [menu_keys(w, 0, t) for t in b.alive()]
    if w.hero["mp"] >= int(w.config["skill_cost"]):
        out.append(menu_keys(w, 1))
    if w.hero["potions"] > 0 and w.hero["hp"] < w.hero["max_hp"]:
        out.append(menu_keys(w, 2))
    out.append(menu_keys(w, 3))
    return out


def _play(w: World, keys: list[str]) -> World:
    nxt = w.copy()
    for k in keys:
        nxt.press(k)
    return nxt


def win_battle(w: World) -> list[str] | None:
    """Beam search over the menu's choices, round by round; the surviving win with the most HP
    (then MP, then potions) is the proof: its key presses."""
    width, rounds = int(w.config.get("beam") or 16), int(w.config.get("max_rounds") or 40)
    beam: list[tuple[World, list[str]]] = [(w, [])]
    for _ in range(rounds):
        wins: list[tuple[World, list[str]]] = []
        nxt: dict[tuple[Any, ...], tuple[World, list[str]]] = {}
        for cur, keys in beam:
            for ks in _choices(cur):
                after = _play(cur, ks)
                if after.lost:
                    continue
                if after.battle is None:
                    wins.append((after, keys + ks))
                    continue
                b = after.battle
                key = (after.hero["hp"], after.hero["mp"], after.hero["potions"],
                       tuple((f.hp, f.step) for f in b.foes), b.target)
                if key not in nxt or len(keys + ks) < len(nxt[key][1]):
                    nxt[key] = (after, keys + ks)
        if wins:
            best = max(wins, key=lambda c: (c[0].hero["hp"], c[0].hero["mp"], c[0].hero["potions"], -len(c[1])))
            return best[1]
        if not nxt:
            return None
        ranked = sorted(nxt.values(), key=lambda c: (-_value(c[0]), len(c[1]), c[1]))
        beam = ranked[:width]
    return None


def _path(w: World, goal: tuple[int, int]) -> list[str] | None:
    """Arrow presses from the hero to ``goal`` (a free tile, or a foe to bump), avoiding the other
    foes standing on the map; shortest, ties broken by direction order."""
    blocked = {(int(e["x"]), int(e["y"])) for i, e in enumerate(w.encounters) if not w.beaten[i]}
    start = (w.x, w.y)
    prev: dict[tuple[int, int], tuple[tuple[int, int], str]] = {}
    q = deque([start])
    seen = {start}
    while q:
        c = q.popleft()
        if c == goal:
            out: list[str] = []
            while c != start:
                c, k = prev[c]
                out.append(k)
            return out[::-1]
        for k, (dx, dy) in DIRS.items():
            n = (c[0] + dx, c[1] + dy)
            if n in seen or w.wall(*n) or (n in blocked and n != goal) or (n == w.exit and n != goal):
                continue
            seen.add(n)
            prev[n] = (c, k)
            q.append(n)
    return None


def _next_goal(w: World) -> tuple[int, int] | None:
    """Where the proof goes next: the nearest potion or treasure, else the nearest foe (not the
    boss), else the exit."""
    picks = [(int(p["x"]), int(p["y"])) for i, p in enumerate(w.pickups) if not w.taken[i]]
    foes = [(int(e["x"]), int(e["y"])) for i, e in enumerate(w.encounters) if not w.beaten[i] and not e.get("boss")]
    for group in (picks, foes, [w.exit]):
        best: tuple[int, tuple[int, int]] | None = None
        for g in group:
            p = _path(w, g)
            if p is not None and (best is None or (len(p), g) < best):
                best = (len(p), g)
        if best is not None:
            return best[1]
    return None


def route(level: dict[str, Any], config: dict[str, Any]) -> tuple[list[str], World] | None:
    """Every key press of a win: walk to each pickup and foe in turn, win each battle by
    :func:`win_battle`, then walk to the exit (and beat the boss there)."""
    w = World.start(level, config)
    keys: list[str] = []
    for _ in range(200):
        if w.won:
            return keys, w
        goal = _next_goal(w)
        if goal is None:
            return None
        walk = _path(w, goal)
        if walk is None:
            return None
        for k in walk:
            w.press(k)
            keys.append(k)
            if w.battle is not None:
                fight = win_battle(w)
                if fight is None:
                    return None
                for fk in fight:
                    w.press(fk)
                keys += fight
                if w.battle is not None or w.lost:
                    return None
                break
    return None


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """The proof: the key presses of a win, checked by replaying them through the controls."""
    found = route(level, config)
    if found is None:
        return None
    keys, _ = found
    w = World.start(level, config)
    battles = 0
    for k in keys:
        if w.press(k) == "battle":
            battles += 1
    if not w.won:
        return None
    return {"steps": len(keys), "keys": keys, "battles": battles, "hp_left": w.hero["hp"], "lvl": w.hero["lvl"]}


def describe(level: dict[str, Any]) -> str:
    encs = level.get("encounters") or []
    foes = sum(len(e.get("party") or []) for e in encs)
    boss = next((e["party"][0]["slug"] for e in encs if e.get("boss")), None)
    return (f"{level.get('w')}x{level.get('h')} map, {len(encs)} encounters ({foes} foes)"
            + (f", boss {boss}" if boss else "") + f", {len(level.get('pickups') or [])} pickups")
