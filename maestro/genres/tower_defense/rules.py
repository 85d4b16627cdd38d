"""Tower defense levels (genre "tower_defense", mode "path"): tunables, generation, the simulation, a solver.

The game is real-time but runs on a fixed 60 Hz step with integer arithmetic only, so this module and
``maestro/genres/tower_defense/tower_defense.js`` are two copies of one rule book that agree bit for
bit, and a solver's proof (an input script) replays exactly in the browser.

The rules, one frame (``Sim.step``), in this order:

1. input: the first newly pressed arrow moves the build cursor one cell (a held arrow repeats after
   ``repeat_delay`` frames, then every ``repeat_rate`` frames); ``undo`` (Z / U / the touch pad's
   undo button) selects the next tower type; ``action`` (Space / Enter) on the cursor's cell builds
   the selected tower on a free build spot, or upgrades the tower standing there: each only when
   the money covers the cost, else it is refused and nothing changes;
2. spawns: wave ``w`` spawns member ``j`` at frame ``w.at + j * w.gap`` at distance 0 of the path;
3. movement: every enemy advances ``speed`` units along the path (``CELL`` units a cell); one that
   reaches the path's end gets to the base: it is removed and costs a life (0 lives: the game is lost);
4. towers, in build order: a cooling tower counts down; a ready one shoots the enemy in range that is
   furthest along the path (ties: the one spawned first), taking ``damage`` hit points and waiting
   ``rate`` frames; a kill pays its ``bounty`` in money and its ``points`` in score;
5. the dead are removed; the frame counter advances; once every wave has spawned and no enemy is
   left, the level is won.

Positions are integers: a cell (x, y) has its centre at (x * CELL, y * CELL) and an enemy ``d`` units
along the path lies between two path cells; a tower reaches it when dx² + dy² <= range².

Level format (JSON): ``{"mode": "path", "width", "height", "path": [[x, y], ...] (4-connected, from the
spawn on the left edge to the base on the right edge), "spots": [[x, y]], "blocked": [{"x", "y",
"slug"}] (scenery no tower can use), "cursor": [x, y], "money": int, "waves": [{"at", "gap", "count",
"enemy", "hp", "speed", "bounty", "points"}], "last_spawn": int, "duration": int}`` (frames).
"""

from __future__ import annotations

import random
import re
from collections import deque
from typing import Any

from maestro.spec import Entity, GameSpec, LevelRequest

MODES = ("path",)
CELL = 240  # distance units per cell: speeds are whole units per frame
COLS, ROWS = 30, 14  # the grid fills the 480x224 play area below the HUD bar, 16 px a cell
FPS = 60
ORDER = ("left", "right", "up", "down")
STEP = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
MAX_LEVEL_FRAMES = 150 * FPS  # a level ends within this, or the solver calls it unwinnable

# Names that make a spec item a tower type rather than a pickup.
TOWER_WORDS = ("tower", "turret", "cannon", "ballista", "catapult", "mortar", "tesla", "archer", "sentry",
               "gun", "bastion", "obelisk", "defender")

# ---- config -----------------------------------------------------------------------------------

_NUM = r"(\d+(?:\.\d+)?)"
_HP = re.compile(r"\b(?:hp|health|hit ?points|life)\b\s*[:=]?\s*" + _NUM, re.I)
_SPEED = re.compile(r"\bspeed\b\s*[:=]?\s*" + _NUM, re.I)
_REWARD = re.compile(r"\b(?:reward|bounty|drops?|worth|loot)\b\s*[:=]?\s*" + _NUM + r"|" + _NUM
                     + r"\s*(?:gold|coins?|money|credits?)\b", re.I)
_COST = re.compile(r"\b(?:cost|price|costs)\b\s*[:=]?\s*" + _NUM + r"|" + _NUM + r"\s*(?:gold|coins?|money|credits?)\b", re.I)
_DAMAGE = re.compile(r"\b(?:damage|dmg|power|attack)\b\s*[:=]?\s*" + _NUM, re.I)
_RANGE = re.compile(r"\brange\b\s*[:=]?\s*" + _NUM, re.I)
_FAST = re.compile(r"\b(?:fast|quick|swift|rapid|speedy|runner|scout|agile)\w*", re.I)
_SLOW = re.compile(r"\b(?:slow|heavy|armou?red|tank|big|giant|brute|troll|golem|ogre)\w*", re.I)
_BOSS = re.compile(r"\bboss\w*", re.I)

DEFAULT_TOWERS: tuple[dict[str, Any], ...] = (
    {"name": "Arrow Tower", "cost": 50, "damage": (2, 3, 5), "range": (600, 660, 720), "rate": (30, 26, 22),
     "upgrade": (0, 40, 70)},
    {"name": "Cannon", "cost": 80, "damage": (6, 9, 14), "range": (480, 540, 600), "rate": (72, 66, 60),
     "upgrade": (0, 60, 90)},
)
BASE_HP, BASE_SPEED, BASE_BOUNTY, BASE_POINTS = 6, 6, 5, 10


def _first(pattern: re.Pattern[str], text: str) -> float | None:
    m = pattern.search(text or "")
    if not m:
        return None
    return float(next(g for g in m.groups() if g is not None))


def _clamp(v: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, v))


def _is_tower(e: Entity) -> bool:
    return any(w in f"{e.name} {e.slug}".lower() for w in TOWER_WORDS)


def _enemy_stats(e: Entity | None, i: int) -> dict[str, Any]:
    """One enemy kind: the GDD's numbers (HP, speed in cells a second, reward) where its words give
    them, else a kind shaped by its words (fast, heavy, boss) or by its place in the list."""
    text = f"{e.name} {e.description}" if e else ""
    hp_mul, speed_mul = 1.0, 1.0
    if _BOSS.search(text):
        hp_mul, speed_mul = 6.0, 0.6
    elif _FAST.search(text) or (e is not None and not _SLOW.search(text) and i % 3 == 1):
        hp_mul, speed_mul = 0.6, 1.6
    elif _SLOW.search(text) or i % 3 == 2:
        hp_mul, speed_mul = 2.5, 0.6
    hp = _first(_HP, text)
    cells_per_s = _first(_SPEED, text)
    rel = float(e.speed) if e is not None and e.speed else 1.0
    speed = cells_per_s * CELL / FPS if cells_per_s else BASE_SPEED * speed_mul * rel
    bounty = _first(_REWARD, text)
    return {
        "slug": e.slug if e else "creep", "name": e.name if e else "Creep",
        "hp": int(_clamp(round(hp if hp else BASE_HP * hp_mul), 1, 100000)),
        "speed": int(_clamp(round(speed), 2, 24)),
        "bounty": int(_clamp(round(bounty if bounty else BASE_BOUNTY * max(1.0, hp_mul ** 0.5)), 1, 10000)),
        "points": int(e.points) if e and e.points else int(BASE_POINTS * max(1.0, hp_mul ** 0.5)),
    }


def _tower_type(base: dict[str, Any], slug: str, name: str, text: str, hp_scale: float) -> dict[str, Any]:
    """One tower type with its levels (index 0 = as built): the GDD's cost, damage and range where
    its words give them, the defaults (damage scaled to the enemies' hit points) otherwise."""
    cost = _first(_COST, text)
    damage = _first(_DAMAGE, text)
    rng = _first(_RANGE, text)
    d0 = base["damage"][0]
    dmg = [max(1, round((damage or d0 * hp_scale) * d / d0)) for d in base["damage"]]
    r0 = base["range"][0]
    ranges = [int(_clamp(round((rng * CELL if rng else r0) * r / r0), CELL, 6 * CELL)) for r in base["range"]]
    c = int(_clamp(round(cost) if cost else base["cost"], 1, 100000))
    ups = [round(u * c / base["cost"]) for u in base["upgrade"]]
    levels = [{"damage": int(dmg[k]), "range": ranges[k], "rate": int(base["rate"][k]), "cost": int(ups[k] if k else 0)}
              for k in range(len(base["damage"]))]
    return {"slug": slug, "name": name, "cost": c, "levels": levels}


def _towers(spec: GameSpec, hp_scale: float) -> list[dict[str, Any]]:
    """The tower types: the towers the GDD lists as items, else the two defaults. A tower the reader
    filed as an enemy ("place turrets ...") is still a tower: one more type beside the GDD's, or the
    sprite of a default type."""
    items = [e for e in spec.items if _is_tower(e)]
    misread = [e for e in spec.enemies if _is_tower(e)]
    if items:
        return [_tower_type(DEFAULT_TOWERS[i % len(DEFAULT_TOWERS)], e.slug, e.name, e.description, hp_scale)
                for i, e in enumerate((items + misread)[:4])]
    looks = [e.slug for e in misread] or [spec.player.slug]
    out = [_tower_type(base, looks[i % len(looks)], base["name"], "", hp_scale) for i, base in enumerate(DEFAULT_TOWERS)]
    extra = misread[len(DEFAULT_TOWERS):4]
    out += [_tower_type(DEFAULT_TOWERS[i % len(DEFAULT_TOWERS)], e.slug, e.name, e.description, hp_scale)
            for i, e in enumerate(extra)]
    return out


def _money_word(name: str) -> str:
    """What a drop is counted in: "Gold Coin" -> gold, "Shell" -> shells."""
    if "gold" in name.lower():
        return "gold"
    word = name.split()[-1].lower()
    return word if word.endswith("s") else word + "s"


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The tower defense tunables: the GDD's enemies, towers, money, waves and lives, defaults otherwise."""
    walkers = [e for e in spec.enemies if not _is_tower(e)][:6]  # a "Turret" never walks the road
    enemies = [_enemy_stats(e, i) for i, e in enumerate(walkers)] or [_enemy_stats(None, 0)]
    # Default towers are tuned for 6-HP creeps: a GDD with 100-HP enemies gets towers that hit as hard.
    median_hp = sorted(e["hp"] for e in enemies)[len(enemies) // 2]
    hp_scale = max(1.0, median_hp / BASE_HP)
    towers = _towers(spec, hp_scale)
    currency = spec.mechanic("currency")
    money = int((currency.params.get("start") or 0) if currency else 0)
    pickups = [e for e in spec.items if not _is_tower(e) and e.name.strip()]
    # The money is called what the GDD calls it; said nowhere, it is named after what kills drop.
    if currency is not None and currency.source:
        money_name = str(currency.params.get("name") or "gold")
    else:
        money_name = _money_word(pickups[0].name) if pickups else "gold"
    waves = spec.mechanic("waves")
    waves_asked = int(waves.params.get("count") or 0) if waves is not None and waves.source else 0
    cheapest = min(t["cost"] for t in towers)
    max_seconds = MAX_LEVEL_FRAMES // FPS
    if spec.time_limit:  # the runtime takes a life at the time limit: every level must end before it
        max_seconds = int(_clamp(spec.time_limit - 3, 20, max_seconds))
    return {
        "mode": "path",
        "cell": CELL, "cols": COLS, "rows": ROWS, "tile": 16, "top": 16,
        "towers": towers,
        "enemies": enemies,
        # enough for two of the cheapest towers on level 1, whatever the GDD's prices
        "start_money": int(_clamp(money, 2 * cheapest, 1_000_000)) if money else max(120, 2 * cheapest + cheapest // 2),
        "money_name": money_name[:12].capitalize(),
        "waves_asked": int(_clamp(waves_asked, 0, 12)),
        "build_frames": 240,  # calm before the first wave
        "wave_pause": 180,  # frames between one wave's last spawn and the next wave
        "repeat_delay": 12, "repeat_rate": 5,  # a held arrow: cursor repeat, in frames
        "lives": int(spec.lives or 3),
        "pickup_slug": pickups[0].slug if pickups else None,
        "pickups": [e.slug for e in pickups[:4]],  # what kills drop, in turn (drawing only)
        "max_frames": int(max_seconds * FPS),
    }


# ---- the simulation ------------------------------------------------------------------------


class Enemy:
    __slots__ = ("id", "kind", "hp", "maxhp", "d", "speed", "bounty", "points", "slug")

    def __init__(self, eid: int, wave: dict[str, Any], slug: str) -> None:
        self.id, self.kind = eid, int(wave["enemy"])
        self.hp = self.maxhp = int(wave["hp"])
        self.d, self.speed = 0, int(wave["speed"])
        self.bounty, self.points, self.slug = int(wave["bounty"]), int(wave["points"]), slug


class Tower:
    __slots__ = ("id", "x", "y", "type", "level", "cd")

    def __init__(self, tid: int, x: int, y: int, ttype: int) -> None:
        self.id, self.x, self.y, self.type, self.level, self.cd = tid, x, y, ttype, 0, 0


def spawn_table(level: dict[str, Any]) -> dict[int, list[int]]:
    """frame -> the waves (by index, in order) that spawn a member at that frame."""
    table: dict[int, list[int]] = {}
    for wi, w in enumerate(level["waves"]):
        for j in range(int(w["count"])):
            table.setdefault(int(w["at"]) + j * int(w["gap"]), []).append(wi)
    return table


def last_spawn(level: dict[str, Any]) -> int:
    """The frame of the last spawn (0 without any), as the JS module counts it."""
    return max(spawn_table(level), default=0)


def path_point(path: list[tuple[int, int]], d: int) -> tuple[int, int]:
    """Integer position (units) of the point ``d`` units along the path."""
    i = d // CELL
    if i >= len(path) - 1:
        x, y = path[-1]
        return x * CELL, y * CELL
    r = d - i * CELL
    (x0, y0), (x1, y1) = path[i], path[i + 1]
    return x0 * CELL + (x1 - x0) * r, y0 * CELL + (y1 - y0) * r


class Sim:
    """One level played by the rules of the module docstring (the JS module's ``tick``/``input``)."""

    def __init__(self, level: dict[str, Any], config: dict[str, Any], lives: int | None = None) -> None:
        self.cfg = config
        self.types: list[dict[str, Any]] = config["towers"]
        self.path = [(int(p[0]), int(p[1])) for p in level["path"]]
        self.end = (len(self.path) - 1) * CELL
        self.w, self.h = int(level.get("width", COLS)), int(level.get("height", ROWS))
        self.spots = {(int(s[0]), int(s[1])) for s in level["spots"]}
        self.waves: list[dict[str, Any]] = level["waves"]
        self.spawns = spawn_table(level)
        self.last = last_spawn(level)
        self.slugs = [e["slug"] for e in config["enemies"]]
        self.money = int(level["money"])
        self.lives = int(lives if lives is not None else config.get("lives", 3))
        self.status = "playing"
        self.f = 0
        self.enemies: list[Enemy] = []
        self.towers: list[Tower] = []
        self.tower_at: dict[tuple[int, int], Tower] = {}
        cx, cy = level.get("cursor") or level["spots"][0]
        self.cursor = (int(cx), int(cy))
        self.sel = 0
        self.hold: str | None = None
        self.repeat = 0
        self.next_id = 0
        self.kills = self.leaks = self.score = self.shots = 0
        self.events: list[str] = []

    # ---- stats -----------------------------------------------------------------------------
    def stats(self, t: Tower) -> dict[str, int]:
        level: dict[str, int] = self.types[t.type]["levels"][t.level]
        return level

    def wave_now(self) -> int:
        """Waves started so far (the HUD's "Wave n/N")."""
        return sum(1 for w in self.waves if int(w["at"]) <= self.f)

    # ---- input -----------------------------------------------------------------------------
    def _move(self, name: str) -> None:
        dx, dy = STEP[name]
        x = min(self.w - 1, max(0, self.cursor[0] + dx))
        y = min(self.h - 1, max(0, self.cursor[1] + dy))
        self.cursor = (x, y)

    def act(self, x: int, y: int) -> str:
        """Build on a free spot or upgrade a tower at (x, y); what happened ("build", "upgrade",
        "poor", "max", "nospot")."""
        t = self.tower_at.get((x, y))
        if t is not None:
            levels = self.types[t.type]["levels"]
            if t.level + 1 >= len(levels):
                return "max"
            cost = int(levels[t.level + 1]["cost"])
            if self.money < cost:
                return "poor"
            self.money -= cost
            t.level += 1
            return "upgrade"
        if (x, y) not in self.spots:
            return "nospot"
        cost = int(self.types[self.sel]["cost"])
        if self.money < cost:
            return "poor"
        self.money -= cost
        t = Tower(len(self.towers), x, y, self.sel)
        self.towers.append(t)
        self.tower_at[(x, y)] = t
        return "build"

    def input(self, pressed: set[str] | frozenset[str], held: set[str] | frozenset[str]) -> None:
        d = next((a for a in ORDER if a in pressed), None)
        if d is not None:
            self.hold, self.repeat = d, int(self.cfg.get("repeat_delay", 12))
            self._move(d)
        else:
            if self.hold is not None and self.hold not in held:
                self.hold = next((a for a in ORDER if a in held), None)
                self.repeat = int(self.cfg.get("repeat_delay", 12))
            if self.hold is not None:
                self.repeat -= 1
                if self.repeat <= 0:
                    self.repeat = int(self.cfg.get("repeat_rate", 5))
                    self._move(self.hold)
        if "undo" in pressed:
            self.sel = (self.sel + 1) % len(self.types)
        if "action" in pressed:
            self.events.append(self.act(*self.cursor))

    # ---- one frame ---------------------------------------------------------------------------
    def tick(self) -> None:
        for wi in self.spawns.get(self.f, ()):
            w = self.waves[wi]
            kind = int(w["enemy"])
            self.enemies.append(Enemy(self.next_id, w, self.slugs[kind] if kind < len(self.slugs) else "creep"))
            self.next_id += 1
        kept: list[Enemy] = []
        for e in self.enemies:
            e.d += e.speed
            if e.d >= self.end:
                self.leaks += 1
                self.lives -= 1
                self.events.append("leak")
                if self.lives <= 0:
                    self.lives, self.status = 0, "lost"
                    return
            else:
                kept.append(e)
        self.enemies = kept
        for t in self.towers:
            if t.cd > 0:
                t.cd -= 1
                if t.cd > 0:
                    continue
            self._shoot(t)
        self.enemies = [e for e in self.enemies if e.hp > 0]
        self.f += 1
        if self.f > self.last and not self.enemies:
            self.status = "won"

    def _shoot(self, t: Tower) -> None:
        st = self.stats(t)
        r2 = int(st["range"]) ** 2
        tx, ty = t.x * CELL, t.y * CELL
        best: Enemy | None = None
        for e in self.enemies:
            if e.hp <= 0 or (best is not None and e.d <= best.d):
                continue
            ex, ey = path_point(self.path, e.d)
            if (ex - tx) ** 2 + (ey - ty) ** 2 <= r2:
                best = e
        if best is None:
            return
        best.hp -= int(st["damage"])
        t.cd = int(st["rate"])
        self.shots += 1
        if best.hp <= 0:
            self.money += best.bounty
            self.score += best.points
            self.kills += 1
            self.events.append("kill")

    def step(self, pressed: set[str] | frozenset[str] = frozenset(), held: set[str] | frozenset[str] | None = None) -> None:
        """One frame: the input, then the world (nothing once the level is won or lost)."""
        self.events = []
        if self.status != "playing":
            return
        self.input(pressed, pressed if held is None else held)
        self.tick()


def replay(level: dict[str, Any], config: dict[str, Any], taps: list[list[Any]], lives: int | None = None,
           max_frames: int | None = None) -> Sim:
    """Play an input script (``[[frame, action], ...]``: one tap, pressed for that frame) to the end."""
    sim = Sim(level, config, lives)
    by_frame: dict[int, set[str]] = {}
    for f, a in taps:
        by_frame.setdefault(int(f), set()).add(str(a))
    limit = int(max_frames or config.get("max_frames", MAX_LEVEL_FRAMES))
    while sim.status == "playing" and sim.f < limit:
        keys = by_frame.get(sim.f, set())
        sim.step(keys, keys)
    return sim


# ---- the solver: a simulated placement strategy ---------------------------------------------------


def _coverage(path: list[tuple[int, int]], x: int, y: int, rng: int) -> int:
    """Path cells whose centre a tower at (x, y) reaches."""
    r2 = rng * rng
    return sum(1 for px, py in path if ((px - x) * CELL) ** 2 + ((py - y) * CELL) ** 2 <= r2)


class _Planner:
    """Chooses the next build or upgrade for one strategy, by damage per frame over the path covered,
    per unit of money."""

    def __init__(self, sim: Sim, strategy: str) -> None:
        self.sim, self.strategy = sim, strategy
        self.cov: dict[tuple[int, int, int], int] = {}

    def _cov(self, x: int, y: int, rng: int) -> int:
        key = (x, y, rng)
        if key not in self.cov:
            self.cov[key] = _coverage(self.sim.path, x, y, rng)
        return self.cov[key]

    def _power(self, x: int, y: int, lv: dict[str, Any]) -> float:
        return int(lv["damage"]) * self._cov(x, y, int(lv["range"])) / int(lv["rate"])

    def choose(self) -> tuple[str, int, int, int] | None:
        sim = self.sim
        types = sim.types
        allowed = range(len(types))
        if self.strategy in ("cheap", "strong"):
            order = sorted(allowed, key=lambda k: int(types[k]["cost"]))
            allowed = range(order[0], order[0] + 1) if self.strategy == "cheap" else range(order[-1], order[-1] + 1)
        best: tuple[float, tuple[str, int, int, int]] | None = None
        free = sorted(s for s in sim.spots if s not in sim.tower_at)
        for (x, y) in free:
            for k in allowed:
                cost = int(types[k]["cost"])
                if cost <= sim.money:
                    v = self._power(x, y, types[k]["levels"][0]) / cost
                    if best is None or v > best[0]:
                        best = (v, ("build", x, y, k))
        if self.strategy == "spread" and free and best is not None:
            return best[1]
        for t in sim.towers:
            levels = types[t.type]["levels"]
            if t.level + 1 < len(levels) and int(levels[t.level + 1]["cost"]) <= sim.money:
                gain = self._power(t.x, t.y, levels[t.level + 1]) - self._power(t.x, t.y, levels[t.level])
                v = gain / int(levels[t.level + 1]["cost"])
                if best is None or v > best[0]:
                    best = (v, ("upgrade", t.x, t.y, t.type))
        if best is None or best[0] <= 0:
            return None
        return best[1]


def taps_for(cursor: tuple[int, int], sel: int, n_types: int, op: str, x: int, y: int, ttype: int) -> list[str]:
    """The key taps that carry out one build or upgrade from the cursor and the selected type."""
    dx, dy = x - cursor[0], y - cursor[1]
    keys = ["right" if dx > 0 else "left"] * abs(dx) + ["down" if dy > 0 else "up"] * abs(dy)
    if op == "build":
        keys += ["undo"] * ((ttype - sel) % n_types)
    return keys + ["action"]


STRATEGIES = ("value", "spread", "cheap", "strong")


def _play(level: dict[str, Any], config: dict[str, Any], strategy: str) -> tuple[Sim, list[list[Any]]]:
    sim = Sim(level, config)
    planner = _Planner(sim, strategy)
    queue: deque[str] = deque()
    taps: list[list[Any]] = []
    limit = int(config.get("max_frames", MAX_LEVEL_FRAMES))
    while sim.status == "playing" and sim.f < limit:
        if not queue:
            plan = planner.choose()
            if plan is not None:
                op, x, y, k = plan
                queue.extend(taps_for(sim.cursor, sim.sel, len(sim.types), op, x, y, k))
        keys: set[str] = set()
        if queue:
            a = queue.popleft()
            keys = {a}
            taps.append([sim.f, a])
        sim.step(keys, keys)
        if sim.leaks:
            break
    return sim, taps


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A proof the level can be won with no enemy reaching the base: the input script of the first
    placement strategy that wins (``taps``: [[frame, action]]), replayed once more to be sure."""
    try:
        if len(level["path"]) < 2 or not level["spots"] or not level["waves"]:
            return None
        if last_spawn(level) >= int(config.get("max_frames", MAX_LEVEL_FRAMES)):
            return None
        for strategy in STRATEGIES:
            sim, taps = _play(level, config, strategy)
            if sim.status == "won" and sim.leaks == 0:
                check = replay(level, config, taps)
                if check.status != "won" or check.leaks or check.f != sim.f:
                    return None  # the search and the rules disagree: never claim a level we can't play
                return {"taps": taps, "steps": sim.f, "frames": sim.f, "strategy": strategy,
                        "towers": len(sim.towers), "upgrades": sum(t.level for t in sim.towers),
                        "kills": sim.kills, "money_left": sim.money}
    except (KeyError, ValueError, TypeError, IndexError):
        return None
    return None


# ---- generation ----------------------------------------------------------------------------------


def _carve_path(rng: random.Random, w: int, h: int, turns: int) -> list[tuple[int, int]]:
    """A road from the left edge to the right edge: horizontal runs joined by vertical legs at
    columns at least three apart, so it never touches itself."""
    y = rng.randint(2, h - 3)
    path = [(0, y)]
    x = 0
    cols = sorted(rng.sample(range(3, w - 3), min(turns, (w - 6) // 3))) if turns else []
    legs: list[int] = []
    for c in cols:
        if not legs or c - legs[-1] >= 3:
            legs.append(c)
    for c in legs:
        while x < c:
            x += 1
            path.append((x, y))
        ny = y
        while abs(ny - y) < 3:
            ny = rng.randint(1, h - 2)
        step = 1 if ny > y else -1
        while y != ny:
            y += step
            path.append((x, y))
    while x < w - 1:
        x += 1
        path.append((x, y))
    return path


def _pick_spots(rng: random.Random, path: list[tuple[int, int]], w: int, h: int, n: int,
                reach: int) -> list[tuple[int, int]]:
    """Build spots beside the road, the ones that cover most of it first, spread out."""
    on = set(path)
    near = {(x + dx, y + dy) for x, y in path for dx in (-1, 0, 1) for dy in (-1, 0, 1)}
    cand = [c for c in near if c not in on and 0 < c[0] < w - 1 and 0 <= c[1] < h]
    scored = sorted(cand, key=lambda c: (-_coverage(path, c[0], c[1], reach), rng.random()))
    chosen: list[tuple[int, int]] = []
    for c in scored:
        if len(chosen) >= n:
            break
        if all(max(abs(c[0] - s[0]), abs(c[1] - s[1])) >= 2 for s in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: (c[1], c[0]))


def _waves(req: LevelRequest, config: dict[str, Any], rng: random.Random, path_len: int) -> list[dict[str, Any]]:
    idx, d = int(req.index), float(req.difficulty)
    kinds: list[dict[str, Any]] = config["enemies"]
    n = int(config.get("waves_asked") or 0) or min(6, 3 + idx)
    at = int(config["build_frames"])
    out = []
    for k in range(n):
        kind = 0 if k == 0 else rng.randrange(min(len(kinds), 1 + k))
        e = kinds[kind]
        if req.enemy_count:
            count = max(1, round(int(req.enemy_count) / n))
        else:
            count = max(2, round((3 + 1.2 * k + 1.5 * idx) * (0.75 + 0.25 * d)))
        count = min(count, 24)
        hp = max(1, round(e["hp"] * (1.0 + 0.18 * k + 0.3 * (d - 1.0))))
        speed = int(e["speed"])
        gap = max(10, -(-CELL * 4 // (3 * speed)))  # a cell and a third apart
        out.append({"at": at, "gap": gap, "count": count, "enemy": kind, "hp": hp, "speed": speed,
                    "bounty": int(e["bounty"]), "points": int(e["points"])})
        at += (count - 1) * gap + int(config["wave_pause"])
    return out


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One level for req: a road (longer and bendier on early levels), build spots beside it, and
    waves that grow with the level and its difficulty; deterministic for the rng's seed."""
    idx, d = int(req.index), float(req.difficulty)
    w, h = int(config.get("cols", COLS)), int(config.get("rows", ROWS))
    turns = max(2, 5 - idx + rng.randint(0, 1))
    path = _carve_path(rng, w, h, turns)
    reach = min(int(t["levels"][0]["range"]) for t in config["towers"])
    spots = _pick_spots(rng, path, w, h, max(6, 11 - idx - int(d - 1.0)), reach)
    waves = _waves(req, config, rng, len(path))
    taken = set(path) | set(spots)
    blocked = []
    hazards = [hz.slug for hz in req.hazards]
    if hazards:
        free = [(x, y) for y in range(h) for x in range(w) if (x, y) not in taken]
        rng.shuffle(free)
        for i, (x, y) in enumerate(free[: 3 + idx]):
            blocked.append({"x": x, "y": y, "slug": hazards[i % len(hazards)]})
    walk = (len(path) - 1) * CELL
    # a level must end inside the time the runtime allows (a GDD's time limit): drop the last waves
    while len(waves) > 1 and max(spawn_table({"waves": waves})) + walk // min(int(wv["speed"]) for wv in waves) \
            >= int(config.get("max_frames", MAX_LEVEL_FRAMES)):
        waves.pop()
    slowest = min(int(wv["speed"]) for wv in waves)
    last = max(spawn_table({"waves": waves}), default=0)
    return {
        "mode": "path", "width": w, "height": h,
        "path": [list(p) for p in path], "spots": [list(s) for s in spots], "blocked": blocked,
        "cursor": list(spots[0]) if spots else [1, 1],
        "money": int(config["start_money"]) + 25 * idx,
        "waves": waves, "last_spawn": last, "duration": last + -(-(len(path) - 1) * CELL // slowest),
    }


def describe(level: dict[str, Any]) -> str:
    waves = level.get("waves") or []
    enemies = sum(int(w.get("count", 0)) for w in waves)
    return (f"{level.get('width')}x{level.get('height')} path of {len(level.get('path') or [])} cells, "
            f"{len(level.get('spots') or [])} build spots, {len(waves)} waves ({enemies} enemies), "
            f"{level.get('money')} to spend")
