"""Grid tactics (genre "tactics"): the rule book, the map generator and the solver.

A level is a battle on a small grid map: the player's army on the left, the enemy's on the right.
Turn by turn, the player moves each of their units (up to its move points, paying each tile's
terrain cost) and then attacks a foe in range or waits; when every unit has acted (or the player
ends the turn) the enemy army acts, one unit after another, by a fixed AI. The JS module
``maestro/genres/tactics/tactics.js`` plays the very same rules from the same numbers;
:class:`World` is the Python copy of that rule book. Nothing is random and every number is an
integer, so the two agree bit for bit and the solver's proof replays in the game.

The rules:

* Terrain: ``.`` plain (cost 1, defence 0), ``f`` forest (cost 2, defence 1), ``h`` hill (cost 3,
  defence 2), ``~`` water and ``#`` rock (impassable). A unit reaches every tile whose cheapest path
  (Dijkstra over entering costs) costs at most its ``move``; no unit enters a tile another living
  unit stands on.
* An attack hits a foe at Manhattan distance ``rmin..rmax`` from the attacker for
  ``max(1, atk - foe.df - defence of the foe's tile)``; a unit at 0 HP is removed. There is no
  counter-attack.
* The enemy AI, unit by unit in list order: of every (reachable tile, player unit in range from
  it) it takes the attack that kills, else leaves the least HP, then costs the fewest move points,
  then the top-most, left-most tile, then the first target; with no attack in reach it moves to the
  reachable tile nearest (terrain cost, ignoring units) to any player unit, the cheapest on a tie.
* Waves: a unit with ``arrive`` N (the hold mode's reinforcements) marches onto its tile as turn N
  begins (a turn later if the tile is taken); until then it is off the map.
* Victory: "rout", every enemy unit defeated (none still to arrive); "hold", also surviving ``hold``
  enemy turns. Defeat: every player unit defeated.

The controls (what one press does; :meth:`World.press`): the arrows move the cursor; action
(Space / Enter) selects a ready unit under the cursor, then moves it to the tile under the cursor
(its own tile: it stays), then attacks the foe under the cursor or, on its own tile, waits; action
elsewhere while choosing a tile deselects. The end-turn key (the runtime's "undo": Z / U /
Backspace, the pad's arrow button) ends the player's turn at once.

Level format (JSON): ``{"mode", "w", "h", "grid": [rows], "units": [{"side": "player" | "enemy",
"slug", "cls", "x", "y", "hp", "max_hp", "atk", "df", "move", "rmin", "rmax", "points", "arrive"?}],
"hold": turns, "cursor": [x, y], "fog": bool, "sight": steps}``.

Fog of war (when the GDD asks for it): only tiles within ``sight`` steps of a player unit are shown,
and hidden foes are not drawn; it is a veil over the drawing, not a rule (:meth:`World.visible`).
"""

from __future__ import annotations

import heapq
import random
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from maestro.spec import GameSpec, LevelRequest

MODES = ("rout", "hold")
DIRS = {"left": (-1, 0), "right": (1, 0), "up": (0, -1), "down": (0, 1)}
END = "undo"  # the runtime action that ends the player's turn
#: terrain char -> (name, move cost or None when impassable, defence)
TERRAIN: dict[str, tuple[str, int | None, int]] = {
    ".": ("plain", 1, 0), "f": ("forest", 2, 1), "h": ("hill", 3, 2), "~": ("water", None, 0), "#": ("rock", None, 0),
}
INF = 1 << 20
SIGHT = 5  # under fog of war, a player unit sees the tiles this many steps (Manhattan) around it
Tile = tuple[int, int]

# The player's army: the GDD's player leads, two allies follow (a blade, a bow and a rider).
CLASSES: tuple[dict[str, Any], ...] = (
    {"cls": "Lead", "hp": 24, "atk": 8, "df": 2, "move": 4, "rmin": 1, "rmax": 1},
    {"cls": "Archer", "hp": 16, "atk": 7, "df": 0, "move": 4, "rmin": 2, "rmax": 2},
    {"cls": "Rider", "hp": 19, "atk": 7, "df": 1, "move": 6, "rmin": 1, "rmax": 1},
)
# The enemy's kinds, cycled over the GDD's enemies: a soldier, a slinger, a brute.
FOE_KINDS: tuple[dict[str, Any], ...] = (
    {"cls": "Soldier", "hp": 12, "atk": 6, "df": 1, "move": 4, "rmin": 1, "rmax": 1},
    {"cls": "Slinger", "hp": 10, "atk": 5, "df": 0, "move": 3, "rmin": 1, "rmax": 2},
    {"cls": "Brute", "hp": 17, "atk": 7, "df": 2, "move": 3, "rmin": 1, "rmax": 1},
)


# ---- config ------------------------------------------------------------------------------------


def _num(params: dict[str, Any] | None, keys: tuple[str, ...], default: int, lo: int, hi: int) -> int:
    for k in keys:
        v = (params or {}).get(k)
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            return int(min(hi, max(lo, v)))
    return default


FOG_WORDS = re.compile(r"\bfog of war\b|\bniebla de guerra\b|\bbrouillard de guerre\b|\bnebel des krieges\b", re.I)
HP_WORDS = re.compile(r"\b(\d{1,2})\s*(?:hp|hit points|health(?: points)?)\b", re.I)


def _lead_hp(spec: GameSpec) -> int:
    """The GDD's hit points for its leader when it gave a number worth a battle (10 or more; fewer
    are a platformer's hearts or the reader's default): a health mechanic's, else "28 HP" in the
    player's description; else the class default."""
    health = spec.mechanic("health")
    if health is not None and health.source:
        hp = _num(health.params, ("hp", "health", "max"), int(CLASSES[0]["hp"]), 1, 99)
        if hp >= 10:
            return hp
    said = HP_WORDS.search(spec.player.description)
    if said and 10 <= int(said.group(1)) <= 99:
        return int(said.group(1))
    return int(CLASSES[0]["hp"])


TURNS_WORDS = re.compile(r"\b(?:survive|hold(?: out| on| the line)?|last|defend\w*|endure)\b\D{0,30}?\b(\d{1,2})\s+"
                         r"(?:turns|rounds)\b", re.I)


def _hold_turns(spec: GameSpec) -> int | None:
    """The turns a hold battle lasts when the GDD says ("survive 8 turns"), else None."""
    text = " ".join([spec.summary, *spec.win_conditions, *(r.words for r in spec.requirements)])
    said = TURNS_WORDS.search(text)
    return max(2, min(15, int(said.group(1)))) if said else None


RANGED_WORDS = re.compile(r"\b(?:arch\w*|bows?|crossbow\w*|sling\w*|throw\w*|shoot\w*|spears?|javelins?|mages?|"
                          r"wizards?|casters?|gunners?|rifle\w*|ranged?|tiles away|from afar|at a distance)\b", re.I)
HEAVY_WORDS = re.compile(r"\b(?:brutes?|ogres?|trolls?|giants?|golems?|heav\w*|armou?r\w*|tanks?|knights?|"
                         r"juggernauts?|tough|sturdy|bulky|hulking|big)\b", re.I)


def _foe_kinds(spec: GameSpec) -> dict[str, int]:
    """Each GDD enemy's kind (0 soldier, 1 slinger, 2 brute) from its name and description: one that
    shoots or throws is a slinger, a big or armoured one a brute; else they take turns."""
    out: dict[str, int] = {}
    for n, e in enumerate(spec.enemies):
        about = e.description  # (a shared sentence may name the others: "Enemies: Skeleton, Bone Archer")
        for other in spec.enemies:
            if other.slug != e.slug and other.name:
                about = re.sub(re.escape(other.name), " ", about, flags=re.I)
        out[e.slug] = n % len(FOE_KINDS)
        for words in (e.name, about):
            if RANGED_WORDS.search(words) or HEAVY_WORDS.search(words):
                out[e.slug] = 1 if RANGED_WORDS.search(words) else 2
                break
    return out


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The tunables: the army (the GDD's player leads it, its HP where the GDD gave one), the GDD's
    melee damage for the lead, the points a defeated foe is worth, the map size, the solver's
    bounds."""
    army = [dict(c) for c in CLASSES]
    army[0]["hp"] = _lead_hp(spec)
    melee = spec.mechanic("melee")
    if melee is not None and melee.source:
        army[0]["atk"] = _num(melee.params, ("damage", "dmg", "power", "attack"), int(army[0]["atk"]), 3, 20)
    points = next((int(e.points) for e in spec.enemies if e.points), 50)
    fog = any(FOG_WORDS.search(f"{r.summary} {r.words}") for r in spec.requirements)
    return {
        "mode": spec.mode if spec.mode in MODES else MODES[0],
        "foe_kinds": _foe_kinds(spec),
        "army": army, "lead_name": spec.player.name[:14] or "Lead", "player_slug": spec.player.slug,
        "foe_points": points, "win_points": 200,
        "width": 16, "height": 11,
        "hold_base": 4, "hold_turns": _hold_turns(spec),
        "fog": fog, "sight": SIGHT,
        "beam": 5, "max_turns": 24,
    }


# ---- the rule book -----------------------------------------------------------------------------


@dataclass
class Unit:
    side: str
    slug: str
    cls: str
    x: int
    y: int
    hp: int
    max_hp: int
    atk: int
    df: int
    move: int
    rmin: int
    rmax: int
    points: int = 0
    arrive: int = 0  # a reinforcement: the turn it marches onto the map (0: there from the start)
    done: bool = False
    waiting: bool = False

    @classmethod
    def of(cls, u: dict[str, Any]) -> "Unit":
        return cls(str(u["side"]), str(u["slug"]), str(u.get("cls") or ""), int(u["x"]), int(u["y"]), int(u["hp"]),
                   int(u.get("max_hp") or u["hp"]), int(u["atk"]), int(u["df"]), int(u["move"]), int(u["rmin"]),
                   int(u["rmax"]), int(u.get("points") or 0), int(u.get("arrive") or 0),
                   waiting=int(u.get("arrive") or 0) > 0)

    def clone(self) -> "Unit":
        return Unit(**vars(self))

    @property
    def alive(self) -> bool:
        """On the map and standing (a reinforcement still on its way is neither)."""
        return self.hp > 0 and not self.waiting


@lru_cache(maxsize=64)
def _cells(grid: tuple[str, ...]) -> dict[Tile, tuple[str, int | None, int]]:
    """Every tile's terrain, once per map (the solver asks a million times)."""
    return {(x, y): TERRAIN.get(ch, TERRAIN["#"]) for y, row in enumerate(grid) for x, ch in enumerate(row)}


@lru_cache(maxsize=4096)
def _field(grid: tuple[str, ...], sources: tuple[Tile, ...]) -> dict[Tile, int]:
    """Multi-source Dijkstra: walking from a tile into its neighbour pays the neighbour's cost, so the
    value is what a unit pays to walk from the tile onto a source (callers never change the dict)."""
    cells = _cells(grid)
    best: dict[Tile, int] = {t: 0 for t in sources}
    heap = [(0, y, x) for x, y in sources]
    heapq.heapify(heap)
    while heap:
        c, y, x = heapq.heappop(heap)
        if c > best.get((x, y), INF):
            continue
        cost_here = cells[(x, y)][1] or 1
        for dx, dy in DIRS.values():
            n = (x + dx, y + dy)
            if n not in cells or cells[n][1] is None:
                continue
            nc = c + cost_here
            if nc < best.get(n, INF):
                best[n] = nc
                heapq.heappush(heap, (nc, n[1], n[0]))
    return best


def dist(a: Tile, b: Tile) -> int:
    return abs(a[0] - b[0]) + abs(a[1] - b[1])


@dataclass
class World:
    """One battle in play: the map, the units, the turn and the cursor."""

    config: dict[str, Any]
    grid: list[str]
    units: list[Unit]
    mode: str
    hold: int
    cx: int
    cy: int
    turn: int = 1
    sel: int = -1
    phase: str = "select"  # select: no unit chosen · move: choosing its tile · act: choosing its target
    won: bool = False
    lost: bool = False
    score: int = 0
    fog: bool = False
    sight: int = SIGHT
    log: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, level: dict[str, Any], config: dict[str, Any]) -> "World":
        units = [Unit.of(u) for u in level.get("units") or []]
        first = next((u for u in units if u.side == "player"), None)
        cx, cy = level.get("cursor") or ([first.x, first.y] if first else [0, 0])
        mode = str(level.get("mode") or config.get("mode") or MODES[0])
        return cls(config, list(level["grid"]), units, mode, int(level.get("hold") or 0), int(cx), int(cy),
                   fog=bool(level.get("fog")), sight=int(level.get("sight") or SIGHT))

    def copy(self) -> "World":
        return World(self.config, self.grid, [u.clone() for u in self.units], self.mode, self.hold, self.cx, self.cy,
                     self.turn, self.sel, self.phase, self.won, self.lost, self.score, self.fog, self.sight)

    # ---- the map
    @property
    def w(self) -> int:
        return len(self.grid[0]) if self.grid else 0

    @property
    def h(self) -> int:
        return len(self.grid)

    def terrain(self, x: int, y: int) -> tuple[str, int | None, int]:
        return _cells(tuple(self.grid)).get((x, y), TERRAIN["#"])

    def unit_at(self, x: int, y: int) -> int:
        for i, u in enumerate(self.units):
            if u.alive and u.x == x and u.y == y:
                return i
        return -1

    def side(self, side: str) -> list[int]:
        return [i for i, u in enumerate(self.units) if u.alive and u.side == side]

    def reach(self, i: int) -> dict[Tile, int]:
        """Every tile unit ``i`` can end its move on, with the move points it costs (Dijkstra)."""
        u = self.units[i]
        blocked = {(v.x, v.y) for k, v in enumerate(self.units) if v.alive and k != i}
        best: dict[Tile, int] = {(u.x, u.y): 0}
        heap = [(0, u.y, u.x)]
        while heap:
            c, y, x = heapq.heappop(heap)
            if c > best.get((x, y), INF):
                continue
            for dx, dy in DIRS.values():
                nx, ny = x + dx, y + dy
                cost = self.terrain(nx, ny)[1]
                if cost is None or (nx, ny) in blocked:
                    continue
                nc = c + cost
                if nc <= u.move and nc < best.get((nx, ny), INF):
                    best[(nx, ny)] = nc
                    heapq.heappush(heap, (nc, ny, nx))
        return best

    def field_to(self, side: str) -> dict[Tile, int]:
        """Terrain cost from every tile to the nearest living unit of ``side`` (units ignored)."""
        return _field(tuple(self.grid), tuple(sorted((self.units[i].x, self.units[i].y) for i in self.side(side))))

    def visible(self, x: int, y: int) -> bool:
        """Under fog of war only the tiles near a player unit are shown (and the foes on them); the
        fog hides, it changes no rule: the enemy AI plays the same either way."""
        if not self.fog:
            return True
        return any(dist((x, y), (u.x, u.y)) <= self.sight for u in self.units if u.alive and u.side == "player")

    def damage(self, a: Unit, d: Unit) -> int:
        return max(1, a.atk - d.df - self.terrain(d.x, d.y)[2])

    def in_range(self, a: Unit, at: Tile, d: Unit) -> bool:
        return a.rmin <= dist(at, (d.x, d.y)) <= a.rmax

    # ---- actions (the bot's solver and the keys both go through these)
    def move_unit(self, i: int, to: Tile) -> bool:
        if to not in self.reach(i):
            return False
        self.units[i].x, self.units[i].y = to
        return True

    def attack(self, i: int, t: int) -> int:
        a, d = self.units[i], self.units[t]
        dmg = self.damage(a, d)
        d.hp = max(0, d.hp - dmg)
        if not d.alive and d.side == "enemy":
            self.score += d.points
        return dmg

    def finish(self, i: int) -> None:
        """Unit ``i`` has acted; the rout is checked; the enemy acts once every unit has."""
        self.units[i].done = True
        self.sel, self.phase = -1, "select"
        if self.check_rout():
            return
        if all(self.units[k].done for k in self.side("player")):
            self.enemy_phase()

    def check_rout(self) -> bool:
        if not self.side("enemy") and not any(u.waiting for u in self.units if u.side == "enemy"):
            self.won = True
            self.score += int(self.config.get("win_points") or 0)
        return self.won

    def end_turn(self) -> None:
        self.sel, self.phase = -1, "select"
        self.enemy_phase()

    def enemy_phase(self) -> None:
        for i in list(self.side("enemy")):
            if not self.side("player"):
                break
            self.enemy_acts(i)
        if not self.side("player"):
            self.lost = True
            return
        self.turn += 1
        self.reinforce()
        for k in self.side("player"):
            self.units[k].done = False
        if self.mode == "hold" and self.turn > self.hold:
            self.won = True
            self.score += int(self.config.get("win_points") or 0)

    def reinforce(self) -> None:
        """Waves: each reinforcement due by this turn marches onto its tile, in list order; one whose
        tile is taken waits for the next turn."""
        for u in self.units:
            if u.waiting and u.arrive <= self.turn and self.unit_at(u.x, u.y) < 0:
                u.waiting = False

    def enemy_choice(self, i: int) -> tuple[Tile, int]:
        """Where enemy ``i`` goes and whom it attacks (-1: nobody), by the AI's fixed preferences."""
        e = self.units[i]
        reach = self.reach(i)
        best: tuple[Any, ...] | None = None
        pick: tuple[Tile, int] = ((e.x, e.y), -1)
        for (x, y), c in reach.items():
            for t in self.side("player"):
                p = self.units[t]
                if not self.in_range(e, (x, y), p):
                    continue
                dmg = self.damage(e, p)
                left = max(0, p.hp - dmg)
                key = (0 if left == 0 else 1, left, c, y, x, t)
                if best is None or key < best:
                    best, pick = key, ((x, y), t)
        if best is not None:
            return pick
        towards = self.field_to("player")
        key2 = min((towards.get(tile, INF), c, tile[1], tile[0]) for tile, c in reach.items())
        return (key2[3], key2[2]), -1

    def enemy_acts(self, i: int) -> None:
        to, t = self.enemy_choice(i)
        self.units[i].x, self.units[i].y = to
        if t >= 0:
            self.attack(i, t)

    # ---- the controls
    def press(self, key: str) -> str:
        """One key press; what happened ("", "cursor", "select", "move", "attack", "wait", "end",
        "cancel", "refused")."""
        if self.won or self.lost:
            return ""
        if key in DIRS:
            dx, dy = DIRS[key]
            nx, ny = min(self.w - 1, max(0, self.cx + dx)), min(self.h - 1, max(0, self.cy + dy))
            if (nx, ny) == (self.cx, self.cy):
                return ""
            self.cx, self.cy = nx, ny
            return "cursor"
        if key == END:
            if self.phase == "act":
                self.units[self.sel].done = True
            self.end_turn()
            return "end"
        if key == "action":
            return self.act_here()
        return ""

    def act_here(self) -> str:
        at = (self.cx, self.cy)
        k = self.unit_at(*at)
        if self.phase == "select":
            if k >= 0 and self.units[k].side == "player" and not self.units[k].done:
                self.sel, self.phase = k, "move"
                return "select"
            return "refused"
        u = self.units[self.sel]
        if self.phase == "move":
            if at == (u.x, u.y) or (k < 0 and self.move_unit(self.sel, at)):
                self.phase = "act"
                return "move"
            if k >= 0 and self.units[k].side == "player" and not self.units[k].done:
                self.sel = k
                return "select"
            self.sel, self.phase = -1, "select"
            return "cancel"
        # act
        if k == self.sel:
            self.finish(self.sel)
            return "wait"
        if k >= 0 and self.units[k].side == "enemy" and self.in_range(u, (u.x, u.y), self.units[k]):
            self.attack(self.sel, k)
            self.finish(self.sel)
            return "attack"
        return "refused"


# ---- the generator -----------------------------------------------------------------------------


def _connected(grid: list[list[str]], start: Tile) -> set[Tile]:
    h, w = len(grid), len(grid[0])
    seen = {start}
    stack = [start]
    while stack:
        x, y = stack.pop()
        for dx, dy in DIRS.values():
            n = (x + dx, y + dy)
            if 0 <= n[0] < w and 0 <= n[1] < h and n not in seen and TERRAIN[grid[n[1]][n[0]]][1] is not None:
                seen.add(n)
                stack.append(n)
    return seen


def _blob(grid: list[list[str]], ch: str, x: int, y: int, size: int, rng: random.Random, keep: set[int]) -> None:
    """A clump of ``ch`` grown by a random walk from (x, y), sparing the spawn columns ``keep``."""
    h, w = len(grid), len(grid[0])
    for _ in range(size):
        if 0 <= x < w and 0 <= y < h and x not in keep:
            grid[y][x] = ch
        dx, dy = rng.choice(list(DIRS.values()))
        x, y = min(w - 1, max(0, x + dx)), min(h - 1, max(0, y + dy))


def _terrain(w: int, h: int, index: int, difficulty: float, rng: random.Random) -> list[list[str]]:
    """Plains with forests and hills; later levels rougher, with a river (fords left open) or a lake
    and rocks. The spawn columns (the two at each side) stay plain."""
    g = [["."] * w for _ in range(h)]
    keep = {0, 1, w - 2, w - 1}
    rough = index + int(2 * (difficulty - 1))
    for _ in range(3 + rough):
        _blob(g, "f", rng.randrange(2, w - 2), rng.randrange(h), rng.randint(3, 7), rng, keep)
    for _ in range(1 + rough // 2):
        _blob(g, "h", rng.randrange(3, w - 3), rng.randrange(h), rng.randint(2, 4), rng, keep)
    if index >= 1 and rng.random() < 0.6:
        x = rng.randrange(w // 2 - 2, w // 2 + 2)
        fords = set(rng.sample(range(h), 3))
        for y in range(h):
            if y not in fords:
                g[y][x] = "~"
            x = min(w - 4, max(3, x + rng.choice((-1, 0, 0, 1))))
    else:
        _blob(g, "~", rng.randrange(4, w - 4), rng.randrange(1, h - 1), rng.randint(3, 6), rng, keep)
    for _ in range(2 + rough):
        g[rng.randrange(h)][rng.randrange(3, w - 3)] = "#"
    return g


def _spots(grid: list[list[str]], cols: range, n: int, rng: random.Random) -> list[Tile]:
    h = len(grid)
    free = [(x, y) for x in cols for y in range(h) if grid[y][x] == "."]
    free.sort(key=lambda t: (abs(2 * t[1] - (h - 1)), t[0], t[1]))  # the middle rows first
    pool = free[: max(n, 2 * n)]
    rng.shuffle(pool)
    return sorted(pool[:n], key=lambda t: (t[1], t[0]))


def _roster(req: LevelRequest) -> list[str]:
    return [e.slug for e in req.enemies] or ["enemy"]


def army_units(config: dict[str, Any], spots: list[Tile], lead_slug: str) -> list[dict[str, Any]]:
    out = []
    for k, (x, y) in enumerate(spots):
        c = dict(config["army"][k % len(config["army"])])
        c["cls"] = str(config.get("lead_name") or c["cls"]) if k == 0 else c["cls"]
        out.append({"side": "player", "slug": lead_slug, "x": x, "y": y, "max_hp": c["hp"], "points": 0, **c})
    return out


def foe_unit(slug: str, kind: int, index: int, difficulty: float, x: int, y: int, points: int) -> dict[str, Any]:
    k = dict(FOE_KINDS[kind % len(FOE_KINDS)])
    hp = int(k["hp"]) + 2 * index + int(2 * (difficulty - 1))
    return {"side": "enemy", "slug": slug, "x": x, "y": y, "hp": hp, "max_hp": hp, "points": points,
            "cls": k["cls"], "atk": int(k["atk"]) + index // 2, "df": k["df"], "move": k["move"],
            "rmin": k["rmin"], "rmax": k["rmax"]}


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One battle map: rougher terrain and more foes level by level; the player's three units on the
    left, the foes on the right, every spawn connected to every other."""
    w, h = int(config["width"]), int(config["height"])
    mode = str(config.get("mode") or MODES[0])
    g = _terrain(w, h, req.index, req.difficulty, rng)
    n_foes = int(req.enemy_count) if req.enemy_count else 3 + req.index + (1 if mode == "hold" else 0)
    n_foes = max(2, min(7, n_foes))
    mine = _spots(g, range(0, 2), len(config["army"]), rng)
    theirs = _spots(g, range(w - 2, w), n_foes, rng)
    reach = _connected(g, mine[0])
    for y in range(h):  # pockets nobody can walk into become rock: every open tile is part of the field
        for x in range(w):
            if TERRAIN[g[y][x]][1] is not None and (x, y) not in reach:
                g[y][x] = "#"
    slugs = _roster(req)
    units = army_units(config, mine, str(config.get("player_slug") or "player"))
    for k, (x, y) in enumerate(theirs):
        slug = slugs[k % len(slugs)]
        kinds = config.get("foe_kinds") or {}
        kind = int(kinds[slug]) if slug in kinds else k if len(slugs) == 1 else slugs.index(slug) + k // len(slugs)
        units.append(foe_unit(slug, kind, req.index, req.difficulty, x, y, int(config["foe_points"])))
    if mode == "hold":  # waves: two more foes march in from the right edge on turns 2 and 3
        edge = [(w - 1, y) for y in range(h) if g[y][w - 1] == "." and (w - 1, y) not in theirs]
        rng.shuffle(edge)
        for k, (x, y) in enumerate(sorted(edge[:2], key=lambda t: t[1])):
            slug = slugs[k % len(slugs)]
            kind = int((config.get("foe_kinds") or {}).get(slug, k))
            foe = foe_unit(slug, kind, req.index, req.difficulty, x, y, int(config["foe_points"]))
            units.append({**foe, "arrive": 2 + k})
    return {"mode": mode, "w": w, "h": h, "grid": ["".join(r) for r in g], "units": units,
            "hold": (int(config.get("hold_turns") or 0) or int(config.get("hold_base") or 4) + req.index)
            if mode == "hold" else 0,
            "cursor": [mine[0][0], mine[0][1]], "fog": bool(config.get("fog")), "sight": int(config.get("sight") or SIGHT)}


# ---- the solver --------------------------------------------------------------------------------

Action = tuple[int, Tile, int]  # unit, destination, target (-1: wait)
STYLES = ((0, 3), (1, 2), (4, 1), (8, 0))  # (how much a unit fears the foes' reach, how much it advances)


def threat(w: World, side: str = "enemy") -> dict[Tile, list[int]]:
    """For every tile, the enemies that could attack a unit standing there next enemy turn."""
    out: dict[Tile, list[int]] = {}
    for i in w.side(side):
        e = w.units[i]
        cover: set[Tile] = set()
        for (x, y) in w.reach(i):
            for dx in range(-e.rmax, e.rmax + 1):
                for dy in range(-e.rmax, e.rmax + 1):
                    if e.rmin <= abs(dx) + abs(dy) <= e.rmax:
                        cover.add((x + dx, y + dy))
        for t in cover:
            out.setdefault(t, []).append(i)
    return out


def _danger(w: World, u: Unit, at: Tile, threats: dict[Tile, list[int]]) -> int:
    defence = u.df + w.terrain(*at)[2]
    return sum(max(1, w.units[i].atk - defence) for i in threats.get(at, []) if w.units[i].alive)


def best_action(w: World, i: int, style: tuple[int, int], threats: dict[Tile, list[int]]) -> Action:
    """The unit's greedy choice: a kill, else the biggest hit, weighed against the damage it may take
    where it stands and how far it is from the foes."""
    u = w.units[i]
    fear, advance = style
    foes = w.side("enemy")
    best: tuple[int, int, int, int] | None = None
    pick: Action = (i, (u.x, u.y), -1)
    for at in sorted(w.reach(i), key=lambda t: (t[1], t[0])):
        danger = _danger(w, u, at, threats)
        base = -fear * danger - (40 * fear if danger >= u.hp else 0)
        near = min((dist(at, (w.units[f].x, w.units[f].y)) for f in foes), default=0)
        options = [(base - advance * near, -1)]
        for t in foes:
            d = w.units[t]
            if w.in_range(u, at, d):
                dmg = min(d.hp, max(1, u.atk - d.df - w.terrain(d.x, d.y)[2]))
                kill = dmg >= d.hp
                options.append((base + (400 if kill else 0) + 12 * dmg - d.hp + (30 * fear if kill else 0), t))
        for score, t in options:
            key = (score, -at[1], -at[0], -t)
            if best is None or key > best:
                best, pick = key, (i, at, t)
    return pick


def apply(w: World, a: Action) -> None:
    i, to, t = a
    w.move_unit(i, to)
    if t >= 0:
        w.attack(i, t)
    w.finish(i)


def turn_plans(w: World) -> list[tuple[list[Action], World]]:
    """Whole player turns from the greedy chooser: every style, over a few unit orders."""
    ready = [i for i in w.side("player") if not w.units[i].done]
    orders = [ready[k:] + ready[:k] for k in range(len(ready))] + [ready[::-1]]
    out: list[tuple[list[Action], World]] = []
    seen: set[tuple[Any, ...]] = set()
    at_start = threat(w)  # the same for every plan until a foe falls
    for order in orders:
        for style in STYLES:
            cur = w.copy()
            plan: list[Action] = []
            threats = at_start
            for i in order:
                if cur.won or cur.lost or not cur.units[i].alive:
                    break
                a = best_action(cur, i, style, threats)
                before = len(cur.side("enemy"))
                apply(cur, a)
                plan.append(a)
                if len(cur.side("enemy")) != before:
                    threats = threat(cur)
            sig = _sig(cur)
            if sig not in seen:
                seen.add(sig)
                out.append((plan, cur))
    return out


def _sig(w: World) -> tuple[Any, ...]:
    return (w.turn, w.won, w.lost, tuple((u.x, u.y, u.hp, u.waiting) for u in w.units))


def value(w: World) -> int:
    mine = [w.units[i] for i in w.side("player")]
    foes = [w.units[i] for i in w.side("enemy")]
    gap = sum(min((dist((f.x, f.y), (p.x, p.y)) for p in mine), default=0) for f in foes)
    if w.mode == "hold":
        return 80 * len(mine) + 4 * sum(p.hp for p in mine) - 2 * sum(f.hp for f in foes)
    return 60 * len(mine) + 3 * sum(p.hp for p in mine) - 4 * sum(f.hp for f in foes) - 40 * len(foes) - gap


def search(level: dict[str, Any], config: dict[str, Any]) -> list[list[Action]] | None:
    """Beam search over whole player turns against the fixed AI: the first turn some line wins is
    the proof (its turns' actions)."""
    width, turns = int(config.get("beam") or 5), int(config.get("max_turns") or 24)
    beam: list[tuple[World, list[list[Action]]]] = [(World.start(level, config), [])]
    for _ in range(turns):
        nxt: list[tuple[int, int, World, list[list[Action]]]] = []
        n = 0
        for cur, turns_so_far in beam:
            for plan, after in turn_plans(cur):
                if after.lost:
                    continue
                line = turns_so_far + [plan]
                if after.won:
                    return line
                nxt.append((-value(after), n, after, line))
                n += 1
        if not nxt:
            return None
        nxt.sort(key=lambda c: (c[0], c[1]))
        seen: set[tuple[Any, ...]] = set()
        beam = []
        for _, _, world, line in nxt:
            sig = _sig(world)
            if sig not in seen:
                seen.add(sig)
                beam.append((world, line))
            if len(beam) >= width:
                break
    return None


def cursor_keys(w: World, to: Tile) -> list[str]:
    dx, dy = to[0] - w.cx, to[1] - w.cy
    return (["right"] * dx if dx > 0 else ["left"] * -dx) + (["down"] * dy if dy > 0 else ["up"] * -dy)


def action_keys(w: World, a: Action) -> list[str]:
    """The presses that play ``a`` from the cursor where it is: to the unit, select, to the tile,
    move, then to the target (or back on the unit to wait), confirm."""
    i, to, t = a
    u = w.units[i]
    keys = cursor_keys(w, (u.x, u.y)) + ["action"]
    here = World(w.config, w.grid, [], w.mode, w.hold, u.x, u.y)
    keys += cursor_keys(here, to) + ["action"]
    here.cx, here.cy = to
    aim = (w.units[t].x, w.units[t].y) if t >= 0 else to
    return keys + cursor_keys(here, aim) + ["action"]


def proof_keys(level: dict[str, Any], config: dict[str, Any], line: list[list[Action]]) -> tuple[list[str], World]:
    """The whole line as key presses, played through the controls as they are produced."""
    w = World.start(level, config)
    keys: list[str] = []
    for plan in line:
        for a in plan:
            for k in action_keys(w, a):
                w.press(k)
                keys.append(k)
    return keys, w


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """The proof: the key presses of a win, found by :func:`search` and checked by replaying them
    through the controls."""
    line = search(level, config)
    if line is None:
        return None
    keys, w = proof_keys(level, config, line)
    if not w.won:
        return None
    lost = sum(1 for u in w.units if u.side == "player" and not u.alive)
    return {"steps": len(keys), "keys": keys, "turns": w.turn, "units_lost": lost,
            "actions": [[[a[0], list(a[1]), a[2]] for a in plan] for plan in line]}


def describe(level: dict[str, Any]) -> str:
    grid = level.get("grid") or []
    counts = {name: sum(row.count(ch) for row in grid) for ch, (name, _, _) in TERRAIN.items()}
    units = level.get("units") or []
    foes = sum(1 for u in units if u.get("side") == "enemy")
    mine = len(units) - foes
    hold = f", hold {level.get('hold')} turns" if level.get("mode") == "hold" else ""
    return (f"{level.get('w')}x{level.get('h')} map, {mine} units vs {foes} foes{hold}; "
            f"{counts['forest']} forest, {counts['hill']} hill, {counts['water']} water, {counts['rock']} rock")
