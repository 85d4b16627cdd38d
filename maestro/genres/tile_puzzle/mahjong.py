"""The tile-puzzle family's pair-matching solitaire mode, "mahjong" (Mahjong solitaire, Shisen-like
"match the free pairs"): the rule book, the deal (by reverse play, so every deal has a solution) and
the solver. ``tile_puzzle.js`` (its "mahjong" section) is the other copy of these rules, in the same
integers, so the two agree bit for bit.

The board. Tiles lie in layers; a tile sits at (x, y, z) in half-tile units (it covers x..x+2 and
y..y+2 on layer z), so a tile may straddle two below it, as the top of a turtle does. Tile ``j``
lies on tile ``i`` when z_j > z_i and both |x_j - x_i| < 2 and |y_j - y_i| < 2; it is i's left
neighbour when z_j = z_i, x_j = x_i - 2 and |y_j - y_i| < 2 (right: x_j = x_i + 2). A tile is
FREE when no tile lies on it and its left or its right side is open (no neighbour there).

Play. Left / Right move the cursor to the previous / next free tile in reading order (y, then x,
then the higher layer first, then the index; wrapping round); Up / Down to the nearest free tile in a
row above / below (the nearest row first, then the nearest column). Space / Enter picks the tile
under the cursor; a click or a tap picks the tile under the pointer. Picking a tile that is not free
is refused ("blocked"); picking the selected tile again drops it; picking a free tile of the same
face as the selected one removes both (a move, 10 points); picking one of another face is a
mismatch (it becomes the selection instead). An empty board wins. After a removal, when no free
pair is left, the level's shuffles are spent one by one (each re-deals the faces left over the tiles
left, by reverse play from ``level.shuffle_seed``) until a free pair shows; none left loses
("no moves left").

Reverse play (``deal``). From the tiles to fill, repeatedly take two tiles free among those still
to fill (MINSTD, ``s = s * 48271 % 2147483647``, draws the first among the free tiles in index order,
then the second among the rest), until none is left; the k-th pair taken gets the k-th face of the
pair list. Taking pairs away in that order is a solution, so the deal is solvable. A draw that leaves
a lone free tile is tried again (``DEAL_TRIES``); a shuffle that fails every try falls back to a
plain Fisher-Yates of the faces (a rescue, not a promise).

Level format: ``{"mode": "mahjong", "tiles": [[x, y, z], ...] (drawing order: layer, row, column),
"faces": [face index per tile], "kinds", "pairs", "shuffles", "shuffle_seed", "stage", "cols",
"rows"}``; the faces' names and looks are ``config.faces``.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from maestro.spec import GameSpec, LevelRequest

MODULUS = 2147483647
MULTIPLIER = 48271
DEAL_TRIES = 12  # draws tried by one deal (the generator asks for more: GENERATE_TRIES)
GENERATE_TRIES = 40
MATCH_POINTS = 10
SOLVE_BUDGET = 60_000  # search nodes before a deal is called unproved
MAX_SPARE = 6  # the solver's most straying from its ordering (limited discrepancy search)
MAX_COLS = 12

# The standard faces: three suits ranked 1-9, then the four winds and the three dragons.
SUITS = ("Dots", "Bamboo", "Cracks")
HONOURS = (("East Wind", "E", 3), ("South Wind", "S", 3), ("West Wind", "W", 3), ("North Wind", "N", 3),
           ("Red Dragon", "R", 4), ("Green Dragon", "G", 4), ("White Dragon", "Wh", 4))
# Each suit leans toward one palette role, so a build's tiles wear its palette.
SUIT_HUES = ("#c83838", "#2f8a46", "#2c5cb8", "#5a3c8c", "#b07a18", "#1f7f86")
SUIT_ROLES = ("enemy", "goal", "player", "enemy2", "accent", "item2")

_SOLO = re.compile(r"\bmahjongg?\s+solitaire\b|\bmahjongg\b|\bshisen\w*|\bpair[- ]matching\b|"
                   r"\bmatch(?:es|ing)? (?:the )?pairs of (?:\w+ )?tiles\b|\bfree tiles?\b|\btile solitaire\b", re.I)
_PLAIN = re.compile(r"\bmahjongg?\b", re.I)
# The four-player table game is another game: its words keep a plain "mahjong" from this mode.
_TABLE = re.compile(r"\b(?:four|4) players\b|\briichi\b|\bpungs?\b|\bchows?\b|\bkongs?\b|\bdiscard\w*|"
                    r"\bmahjong hands?\b|\bwinning hand\b|\bdraw (?:a|one) tile\b", re.I)


def mode_words(text: str) -> int:
    """How strongly ``text`` asks for pair-matching solitaire: the solitaire words count twice, a
    plain "mahjong" once unless the text is about the four-player table game."""
    solo = len(_SOLO.findall(text or ""))
    plain = len(_PLAIN.findall(text or "")) if not _TABLE.search(text or "") else 0
    return 2 * solo + plain


def lcg(s: int) -> int:
    return s * MULTIPLIER % MODULUS


def seed_of(v: Any) -> int:
    return int(v or 1) % (MODULUS - 1) + 1


# ---- config: the faces ------------------------------------------------------------------------

def _mix(a: str, b: str | None, wa: int = 6) -> str:
    """Hex colour ``a`` leaned toward ``b`` (wa/10 of a)."""
    if not b or not b.startswith("#") or len(b) != 7:
        return a
    ca = [int(a[i:i + 2], 16) for i in (1, 3, 5)]
    cb = [int(b[i:i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{(x * wa + y * (10 - wa)) // 10:02x}" for x, y in zip(ca, cb))


_GENERIC = re.compile(r"^(?:mahjong )?(?:tiles?|gems?|pieces?|stones?)$", re.I)


def suits_of(spec: GameSpec) -> list[tuple[str, str]]:
    """The GDD's own kinds of tile, (name, sprite slug): its items, but for a generic "Tile" (the
    family's word when the GDD names none); up to six."""
    return [(it.name[:12], it.slug) for it in spec.items if not _GENERIC.match(it.name.strip())][:6]


def faces_for(spec: GameSpec) -> list[dict[str, Any]]:
    """The tile faces. The GDD's kinds of tile (``suits_of``) are the suits, each ranked 1-9
    ("Lotus 3"), drawn with their sprites; otherwise the standard suits, winds and dragons. Ranks run
    across the suits (1 of each suit, then 2 ...) so even a small level shows every suit."""
    colors = dict(spec.art.palette.colors)
    own = suits_of(spec)
    hues = [_mix(h, colors.get(r), 7) for h, r in zip(SUIT_HUES, SUIT_ROLES)]
    faces: list[dict[str, Any]] = []
    suits = own or [(s, "") for s in SUITS]
    for rank in range(1, 10):
        for n, (name, slug) in enumerate(suits):
            faces.append({"name": f"{name} {rank}", "label": str(rank), "suit": n, "slug": slug,
                          "color": hues[n % len(hues)]})
    if not own:
        for name, label, suit in HONOURS:
            faces.append({"name": name, "label": label, "suit": suit, "slug": "", "color": hues[suit]})
    return faces


def config_extra(spec: GameSpec) -> dict[str, Any]:
    """The mahjong tunables: the faces and the suits' names (the HUD and the report read them)."""
    own = suits_of(spec)
    return {"faces": faces_for(spec), "suit_names": [n for n, _ in own] or list(SUITS),
            "suit_slugs": [s for _, s in own], "solve_budget": SOLVE_BUDGET}


# ---- the board's geometry ---------------------------------------------------------------------

Pos = tuple[int, int, int]


@dataclass(frozen=True)
class Geometry:
    """Who lies on whom and who flanks whom, computed once per board (the tiles never move)."""

    above: tuple[tuple[int, ...], ...]
    left: tuple[tuple[int, ...], ...]
    right: tuple[tuple[int, ...], ...]

    @classmethod
    def of(cls, tiles: list[Pos]) -> "Geometry":
        above: list[list[int]] = [[] for _ in tiles]
        left: list[list[int]] = [[] for _ in tiles]
        right: list[list[int]] = [[] for _ in tiles]
        for i, (x, y, z) in enumerate(tiles):
            for j, (x2, y2, z2) in enumerate(tiles):
                if i == j or abs(y2 - y) >= 2:
                    continue
                if z2 > z and abs(x2 - x) < 2:
                    above[i].append(j)
                elif z2 == z and x2 == x - 2:
                    left[i].append(j)
                elif z2 == z and x2 == x + 2:
                    right[i].append(j)
        return cls(tuple(map(tuple, above)), tuple(map(tuple, left)), tuple(map(tuple, right)))

    def free(self, i: int, alive: list[bool]) -> bool:
        if not alive[i] or any(alive[j] for j in self.above[i]):
            return False
        return not any(alive[j] for j in self.left[i]) or not any(alive[j] for j in self.right[i])


def layout(stage: int) -> tuple[list[Pos], int, int]:
    """A small turtle for ``stage``: a base of cols x rows without its corners and with a wing tile
    at each end of the middle, smaller layers stacked on it (one tile in from each side), and a cap
    on top: one tile straddling four when that makes the count even, else two. Grows with the stage
    (6x4 = 32 tiles, 8x5 = 62, 10x6 = 104, then 12x6 = 128). Returns (tiles, cols, rows)."""
    cols = min(MAX_COLS, 6 + 2 * (stage - 1))
    rows = min(6, 4 + (stage - 1))
    tiles: list[Pos] = []
    for y in range(rows):
        for x in range(cols):
            if (x in (0, cols - 1)) and (y in (0, rows - 1)):
                continue
            tiles.append((2 * x, 2 * y, 0))
    tiles += [(-2, rows - 1, 0), (2 * cols, rows - 1, 0)]
    z = 1
    while cols - 2 * z >= 2 and rows - 2 * z >= 1:
        tiles += [(2 * x, 2 * y, z) for y in range(z, rows - z) for x in range(z, cols - z)]
        z += 1
    if len(tiles) % 2:
        tiles.append((cols - 1, rows - 1, z))
    else:
        tiles += [(cols - 2, rows - 1, z), (cols, rows - 1, z)]
    tiles.sort(key=lambda t: (t[2], t[1], t[0]))
    return tiles, cols, rows


# ---- reverse play -----------------------------------------------------------------------------

def deal(geo: Geometry, fill: list[int], pair_faces: list[int], rng: int, tries: int = DEAL_TRIES,
         n: int | None = None) -> tuple[dict[int, int] | None, int]:
    """Faces for the tiles ``fill`` (ascending indices) by reverse play: ({tile: face}, rng), or
    (None, rng) when every try left a lone free tile. ``n``: how many tiles the board has."""
    size = n if n is not None else (max(fill) + 1 if fill else 0)
    for _ in range(tries):
        left = [False] * size
        for i in fill:
            left[i] = True
        order: list[int] = []
        while len(order) < len(fill):
            free = [i for i in fill if geo.free(i, left)]
            if len(free) < 2:
                break
            rng = lcg(rng)
            a = free.pop(rng % len(free))
            rng = lcg(rng)
            b = free[rng % len(free)]
            left[a] = left[b] = False
            order += [a, b]
        if len(order) == len(fill):
            return {t: pair_faces[k // 2] for k, t in enumerate(order)}, rng
    return None, rng


def shuffled(items: list[int], rng: int) -> tuple[list[int], int]:
    """Fisher-Yates on MINSTD, from the end (as the falling mode's bag)."""
    out = list(items)
    for i in range(len(out) - 1, 0, -1):
        rng = lcg(rng)
        j = rng % (i + 1)
        out[i], out[j] = out[j], out[i]
    return out, rng


# ---- the rule book ------------------------------------------------------------------------------

@dataclass
class Mahjong:
    """One solitaire board under the rules of the module docstring (tile_puzzle.js: the mahjong
    section)."""

    tiles: list[Pos]
    geo: Geometry
    faces: list[int]
    alive: list[bool]
    shuffles: int
    rng: int
    cursor: int = -1
    sel: int = -1
    moves: int = 0
    misses: int = 0
    shuffled: int = 0
    score: int = 0
    won: bool = False
    over: bool = False
    events: list[str] = field(default_factory=list)

    @classmethod
    def start(cls, level: dict[str, Any]) -> "Mahjong":
        tiles = [(int(t[0]), int(t[1]), int(t[2])) for t in level["tiles"]]
        m = cls(tiles=tiles, geo=Geometry.of(tiles), faces=[int(f) for f in level["faces"]],
                alive=[True] * len(tiles), shuffles=int(level.get("shuffles") or 0),
                rng=seed_of(level.get("shuffle_seed")))
        m.cursor = m.next_free(None)
        return m

    def copy(self) -> "Mahjong":
        return Mahjong(**{**vars(self), "faces": list(self.faces), "alive": list(self.alive), "events": []})

    # -- what is free
    def free(self, i: int) -> bool:
        return self.geo.free(i, self.alive)

    def key(self, i: int) -> tuple[int, int, int, int]:
        """Reading order: row, column, the higher layer first, the index."""
        x, y, z = self.tiles[i]
        return (y, x, -z, i)

    def free_tiles(self) -> list[int]:
        """The free tiles in reading order."""
        return sorted((i for i in range(len(self.tiles)) if self.free(i)), key=self.key)

    def free_pairs(self) -> list[tuple[int, int]]:
        """Every free pair of one face, (lower index, higher), in index order."""
        free = [i for i in range(len(self.tiles)) if self.free(i)]
        return [(a, b) for n, a in enumerate(free) for b in free[n + 1:] if self.faces[a] == self.faces[b]]

    def has_pair(self) -> bool:
        seen: set[int] = set()
        for i in range(len(self.tiles)):
            if self.free(i):
                if self.faces[i] in seen:
                    return True
                seen.add(self.faces[i])
        return False

    def pairs_left(self) -> int:
        return sum(self.alive) // 2

    def next_free(self, after: int | None) -> int:
        """The first free tile at or after tile ``after`` in reading order (wrapping), -1 if none."""
        order = self.free_tiles()
        if not order:
            return -1
        if after is None:
            return order[0]
        k = self.key(after)
        return next((i for i in order if self.key(i) >= k), order[0])

    # -- input
    def press(self, action: str) -> str:
        """One key press; what happened ("" when nothing did)."""
        if self.won or self.over:
            return ""
        if action == "action":
            return self.pick(self.cursor) if self.cursor >= 0 else ""
        if action in ("left", "right"):
            order = self.free_tiles()
            if not order:
                return ""
            at = order.index(self.cursor) if self.cursor in order else -1
            nxt = order[(at + (1 if action == "right" else -1)) % len(order)] if at >= 0 else order[0]
            if nxt == self.cursor:
                return ""
            self.cursor = nxt
            return "cursor"
        if action in ("up", "down"):
            if self.cursor < 0:
                return ""
            cx, cy, _ = self.tiles[self.cursor]
            sign = -1 if action == "up" else 1
            cand = [i for i in self.free_tiles() if (self.tiles[i][1] - cy) * sign > 0]
            if not cand:
                return ""
            self.cursor = min(cand, key=lambda i: (abs(self.tiles[i][1] - cy), abs(self.tiles[i][0] - cx), self.key(i)))
            return "cursor"
        return ""

    def pick(self, i: int) -> str:
        """Pick tile ``i`` (Space on the cursor, or a click): "blocked", "select", "deselect", "match",
        "mismatch", or "" (no tile there)."""
        if self.won or self.over or not (0 <= i < len(self.tiles)) or not self.alive[i]:
            return ""
        if not self.free(i):
            return "blocked"
        if self.sel < 0:
            self.sel = self.cursor = i
            return "select"
        if self.sel == i:
            self.sel = -1
            return "deselect"
        if self.faces[self.sel] != self.faces[i]:
            self.misses += 1
            self.sel = self.cursor = i
            return "mismatch"
        self.alive[self.sel] = self.alive[i] = False
        self.sel = -1
        self.moves += 1
        self.score += MATCH_POINTS
        self.cursor = self.next_free(i)
        if not any(self.alive):
            self.won = True
            return "match"
        self.settle()
        return "match"

    def settle(self) -> None:
        """No free pair left: spend the shuffles until one shows, else the level is lost."""
        while not self.has_pair():
            if self.shuffles <= 0:
                self.over = True
                return
            self.shuffles -= 1
            self.shuffled += 1
            self.reshuffle()

    def reshuffle(self) -> None:
        """The faces left, re-dealt over the tiles left by reverse play (a plain Fisher-Yates when
        every try fails); the selection drops and the cursor stays where it was if still free."""
        fill = [i for i in range(len(self.tiles)) if self.alive[i]]
        left = sorted(self.faces[i] for i in fill)
        pairs, self.rng = shuffled(left[0::2], self.rng)
        got, self.rng = deal(self.geo, fill, pairs, self.rng, DEAL_TRIES, len(self.tiles))
        if got is None:
            perm, self.rng = shuffled(left, self.rng)
            got = dict(zip(fill, perm))
        for t, f in got.items():
            self.faces[t] = f
        self.sel = -1
        self.cursor = self.next_free(self.cursor if self.cursor >= 0 else None)


def pick_keys(m: Mahjong, target: int) -> list[str]:
    """The Left / Right presses that bring the cursor to free tile ``target`` (the shorter way round),
    then Space."""
    order = m.free_tiles()
    if target not in order:
        return []
    at = order.index(m.cursor) if m.cursor in order else 0
    fwd = (order.index(target) - at) % len(order)
    back = len(order) - fwd
    keys = ["right"] * fwd if fwd <= back else ["left"] * back
    if m.cursor not in order:  # (never after a deal: the cursor is always a free tile)
        keys = ["right"] + keys
    return keys + ["action"]


# ---- the generator ------------------------------------------------------------------------------

def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A turtle for the stage, dealt by reverse play (so it has a solution), and the shuffles the
    level offers (3 at first, fewer later)."""
    stage = req.index + 1
    tiles, cols, rows = layout(stage)
    pairs = len(tiles) // 2
    nfaces = max(1, len(config.get("faces") or []))
    kinds = min(nfaces, (pairs + 1) // 2)  # two pairs of each face (four tiles), like the real set
    s = seed_of(rng.randint(1, MODULUS - 2))
    geo = Geometry.of(tiles)
    got: dict[int, int] | None = None
    while got is None:  # reverse play fails rarely (a lone free tile): the generator draws on
        pair_faces, s = shuffled([k % kinds for k in range(pairs)], s)
        got, s = deal(geo, list(range(len(tiles))), pair_faces, s, GENERATE_TRIES, len(tiles))
    d = max(1.0, float(req.difficulty))
    return {"mode": "mahjong", "tiles": [list(t) for t in tiles], "faces": [got[i] for i in range(len(tiles))],
            "kinds": kinds, "pairs": pairs, "cols": cols, "rows": rows, "stage": stage,
            "shuffles": max(1, 3 - req.index - int(d - 1.0)), "shuffle_seed": rng.randint(1, MODULUS - 2)}


# ---- the solver: depth-first over the pair removals, safe removals first ------------------------

class _Board:
    """The solver's board: the tiles alive as one integer (a bit a tile), each tile's blockers as
    masks, so a search node costs a few integer operations a tile."""

    def __init__(self, m: Mahjong) -> None:
        n = len(m.tiles)
        self.n, self.faces = n, list(m.faces)
        self.above = [sum(1 << j for j in m.geo.above[i]) for i in range(n)]
        self.left = [sum(1 << j for j in m.geo.left[i]) for i in range(n)]
        self.right = [sum(1 << j for j in m.geo.right[i]) for i in range(n)]
        # the tiles a tile holds down: those it lies on or flanks
        self.holds = [sum(1 << j for j in range(n) if i in m.geo.above[j] or i in m.geo.left[j] or i in m.geo.right[j])
                      for i in range(n)]
        self.z = [t[2] for t in m.tiles]
        # every tile resting on a tile, however high: one of them above the other, a face's last
        # two can never both be free
        over = [set(m.geo.above[i]) for i in range(n)]
        for i in sorted(range(n), key=lambda i: -m.tiles[i][2]):
            for j in list(over[i]):
                over[i] |= over[j]
        self.over = [sum(1 << j for j in over[i]) for i in range(n)]
        self.of_face: dict[int, int] = {}
        for i, f in enumerate(self.faces):
            self.of_face[f] = self.of_face.get(f, 0) | 1 << i

    def free(self, i: int, alive: int) -> bool:
        return (not alive & self.above[i]) and (not alive & self.left[i] or not alive & self.right[i])

    def free_tiles(self, alive: int) -> list[int]:
        return [i for i in range(self.n) if alive >> i & 1 and self.free(i, alive)]

    def weight(self, i: int, alive: int) -> int:
        """How much taking tile ``i`` opens up: the live tiles it holds down, then its height."""
        return 4 * bin(alive & self.holds[i]).count("1") + self.z[i]

    def hopeless(self, alive: int) -> bool:
        """No way left to empty the board, by the faces' stacking alone: a face whose last tiles
        cannot be paired without one lying over its partner, or faces whose last pairs wait on each
        other in a ring (a tile of each lies over a tile of the next)."""
        waits: dict[int, int] = {}  # a face's last pair -> the tiles lying over it
        for f, bits in self.of_face.items():
            left = alive & bits
            if not left:
                continue
            ts = [i for i in range(self.n) if left >> i & 1]
            if len(ts) == 2:
                a, b = ts
                if self.over[a] >> b & 1 or self.over[b] >> a & 1:
                    return True
                waits[f] = (self.over[a] | self.over[b]) & alive
            elif len(ts) == 4 and all(self._stacked(p, q) or self._stacked(r, s) for p, q, r, s in
                                      ((ts[0], ts[1], ts[2], ts[3]), (ts[0], ts[2], ts[1], ts[3]),
                                       (ts[0], ts[3], ts[1], ts[2]))):
                return True
        # a ring among the last pairs: depth-first over "waits on a tile of"
        state: dict[int, int] = {}

        def ring(f: int) -> bool:
            state[f] = 1
            for g in waits:
                if g != f and waits[f] & self.of_face[g] and (state.get(g) == 1 or (g not in state and ring(g))):
                    return True
            state[f] = 2
            return False

        return any(f not in state and ring(f) for f in waits)

    def _stacked(self, a: int, b: int) -> bool:
        return bool(self.over[a] >> b & 1 or self.over[b] >> a & 1)


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A proof the board can be emptied: the pairs (tile indices) taken in order. A face whose every
    tile left is free is taken without branching (that never spoils a solution); otherwise the free
    pairs are tried, those opening the most first, straying from that order at most 0, 1 ... MAX_SPARE
    times (limited discrepancy), boards known dead or hopeless (``_Board.hopeless``) skipped, within
    ``solve_budget`` nodes. Deterministic (the same level, the same proof); replayed by the rules."""
    budget = int(config.get("solve_budget") or SOLVE_BUDGET)
    bd = _Board(Mahjong.start(level))
    dead: dict[int, int] = {}  # a board -> the most spare it was searched with and failed
    path: list[tuple[int, int]] = []

    def search(alive: int, spare: int) -> bool:
        """Depth-first from ``alive``, straying from the heuristic's first choice at most ``spare``
        times (limited discrepancy: a good ordering wrong only now and then finds its way fast)."""
        nonlocal budget
        steps: list[tuple[int, int]] = []
        while True:
            if not alive:
                path.extend(steps)
                return True
            free = bd.free_tiles(alive)
            by: dict[int, list[int]] = {}
            for i in free:
                by.setdefault(bd.faces[i], []).append(i)
            safe = next((ts for f, ts in sorted(by.items()) if len(ts) % 2 == 0
                         and bin(alive & bd.of_face[f]).count("1") == len(ts)), None)
            if safe is None:
                break
            for k in range(0, len(safe), 2):
                alive &= ~(1 << safe[k] | 1 << safe[k + 1])
                steps.append((safe[k], safe[k + 1]))
        if dead.get(alive, -1) >= spare or budget <= 0 or bd.hopeless(alive):
            return False
        budget -= 1
        pairs = [(a, b) for ts in by.values() for n, a in enumerate(ts) for b in ts[n + 1:]]
        pairs.sort(key=lambda p: (-bd.weight(p[0], alive) - bd.weight(p[1], alive), p))
        for k, (a, b) in enumerate(pairs[:spare + 1]):
            n = len(path)
            path.extend(steps + [(a, b)])
            if search(alive & ~(1 << a | 1 << b), spare - (1 if k else 0)):
                return True
            del path[n:]
        dead[alive] = max(dead.get(alive, -1), spare)
        return False

    if not any(search((1 << bd.n) - 1, spare) for spare in range(MAX_SPARE + 1)):
        return None
    m = Mahjong.start(level)
    for a, b in path:
        m.cursor = a
        if m.pick(a) != "select" or m.pick(b) != "match":
            return None
    if not m.won:
        return None
    return {"steps": len(path), "pairs": [[a, b] for a, b in path], "score": m.score}


def describe(level: dict[str, Any]) -> str:
    tiles = level.get("tiles") or []
    layers = 1 + max((int(t[2]) for t in tiles), default=0)
    return (f"mahjong solitaire: {len(tiles)} tiles in {layers} layers, {level.get('kinds')} faces, "
            f"{level.get('shuffles')} shuffles")
