"""The platformer's Geometry-Dash-like course (mode "dash"): a runner on one button, its own course.

The player runs by itself (the runner's rules, rules.physics_step) and one button (Up, Space or a tap)
jumps, always to the same height (releasing never cuts a jump: ``tune``). The course is made of the
pieces such games are made of, on a flat floor:

* spikes on the floor, one to three in a row (``spikes``), and on top of blocks;
* blocks to land on and run along, one or two tiles high, alone or as a stair (``block``, ``stairs``);
  running into a block's side is a crash: it costs a life, like a spike (rules._Sim.crashed, and the
  same test in platformer.js update());
* a bridge: floating platforms ('=') over a bed of spikes, jumped onto and run along (``bridge``);
* a jump pad ('^' in the rows, a cell of air on the floor) that launches the player onto a tower
  taller than any jump (``tower``; rules.physics_step launches, platformer.js physStep the same);
* a pit now and then (``pit``).

A lost life restarts the attempt from the start of the course (the level's only checkpoint is its
start), as such games do. Each piece is placed where the jump the config gives can pass it; the
Labyrinth's solver (rules.solve) proves the whole course with the real physics, and the course is
drawn again from a new seed when it cannot.
"""

from __future__ import annotations

import random
import re
from typing import Any, Callable

from maestro.genres.platformer import rules as pf
from maestro.spec import LevelEntity, LevelRequest

TILE, SUB, TS = pf.TILE, pf.SUB, pf.TS
FLOOR = 14  # the floor's surface row
PAD_BOOST = 1.45  # a jump pad launches this many times a jump's speed (about twice its height)
BLOCK_SLUG = "block"  # the loss reason of a crash into a block's side (platformer.js says the same)

# A GDD that asks for such a course in so many words (Genre.mode_for; maestro.gdd.genre reads the same
# phrases as stating the platformer family). "Geometry Dash" named as one game among others that inspired
# a runner ("inspired by games like Geometry Dash or the Dinosaur Game") is no such statement.
DASH_WORDS = re.compile(
    r"\bgeometry[- ]?dash[- ](?:like|style|clone|inspired)\b|\b(?:an?|the) geometry[- ]?dash\b"
    r"|\b(?:in the style of|a clone of|just like) geometry[- ]?dash\b"
    r"|\brhythm(?:[- ]based)? platform(?:er|ing)\b|\bone[- ]button (?:auto[- ]?)?runner\b"
    r"|\bjump (?:on|to) the beat\b.{0,80}\bspikes?\b|\bspikes?\b.{0,80}\bjump (?:on|to) the beat\b", re.I | re.S)


def wants_dash(text: str) -> bool:
    return bool(DASH_WORDS.search(text or ""))


def tune(cfg: dict[str, Any]) -> None:
    """The dash course's own numbers, in place: a jump pad's launch, and jumps of one height (a cut that
    never comes: no rising speed is faster than a pad's launch)."""
    pad = pf._rnd(cfg["jump_sub"] * PAD_BOOST)
    cfg["mode"] = "dash"  # its levels are runner levels ("mode": "runner"), on this course
    cfg["dash"] = {"pad_sub": pad}
    cfg["jump_cut"] = 1
    cfg["cut_sub"] = pad


def _arc(cfg: dict, run: int, vy0: int) -> list[tuple[int, int]]:
    """(dx, rise) px of the player's feet, frame by frame, from a launch at ``vy0`` in open air, back down
    to the launch height."""
    st = [0, 40 * TS, 0, 0, 0, 0]
    st[2] = -vy0
    out = []
    grid = pf._OpenAir()
    for _ in range(pf.MAX_MACRO_FRAMES):
        # a launch already under way: no press, held (a cut never comes on this course)
        pf.physics_step(grid, cfg, run, st, 1, True, False)
        out.append((st[0] // SUB, (40 * TS - st[1]) // SUB))
        if st[1] >= 40 * TS:
            break
    return out


class _Course:
    """The course being laid out: the floor's height per column (None: a pit), platforms, spikes, pads."""

    def __init__(self, width: int, slugs: list[str]):
        self.width = width
        self.heights: list[int | None] = [FLOOR] * width
        self.platforms: list[tuple[int, int, int]] = []  # (x0, x1 exclusive, row)
        self.hazards: list[dict] = []
        self.pads: list[tuple[int, int]] = []  # (column, row of the pad's cell)
        self.spots: list[tuple[int, int]] = []  # item cells (column, row)
        self._slugs, self._n = slugs, 0

    def spike(self, col: int, row: int) -> None:
        slug = self._slugs[self._n % len(self._slugs)]
        self._n += 1
        self.hazards.append({"x": col, "y": row, "slug": slug})


def generate(req: LevelRequest, config: dict, rng: random.Random) -> dict:
    """One dash course: pieces drawn in turn (harder and closer together from level to level) with a
    stretch of bare floor between them, the flag at the end."""
    diff = max(1.0, float(req.difficulty or 1.0))
    index = int(req.index)
    run = min(pf._rnd(int(config["run_sub"]) * (1.0 + config.get("runner_speedup", 0.0) * index)), 10 * SUB)
    height_px, dist_px = pf.jump_reach(config, run)
    launch = _arc(config, run, int(config["dash"]["pad_sub"]))
    up_max = max(1, min(2, (height_px - 8) // TILE))  # a block one jump lands on, with room to spare
    spikes_max = max(1, min(3, 1 + int(diff), (dist_px - pf.PLAYER_W - 8) // TILE))
    gap_max = max(2, min(4, (dist_px + pf.PLAYER_W - 12) // TILE))
    width = max(int(pf._clamp(100 + (diff - 1.0) * 30 + 10 * index, 100, 240)), pf.timed_width(config, run))
    slugs = [h.slug for h in req.hazards if h.slug] or ["spikes"]
    course = _Course(width, slugs)
    start_run = 8
    end_len = 10
    space = (max(3, 7 - int(diff)), max(5, 10 - int(diff)))  # bare floor between pieces

    def spikes(x: int) -> int:
        k = rng.randint(1, spikes_max)
        for c in range(x, x + k):
            course.spike(c, FLOOR - 1)
        course.spots.append((x + k // 2, FLOOR - 4))  # an orb at the top of the jump over them
        return k

    def block(x: int) -> int:
        h = rng.randint(1, up_max)
        n = rng.randint(4, 7)
        top = FLOOR - h
        for c in range(x, x + n):
            course.heights[c] = top
        if n >= 6 and diff >= 2 and rng.random() < 0.5:  # a spike on top, jumped on the block
            course.spike(x + n // 2, top - 1)
        else:
            course.spots.append((x + n // 2, top - 1))
        return n

    def stairs(x: int) -> int:
        c = x
        for step in range(1, up_max + 1 + (1 if diff >= 2.5 and up_max < 3 else 0)):
            n = rng.randint(3, 4)
            for k in range(c, c + n):
                course.heights[k] = FLOOR - step
            c += n
        course.spots.append((c - 2, course.heights[c - 1] - 1))  # type: ignore[operator]
        return c - x

    def bridge(x: int) -> int:
        bed = rng.randint(4, 5 + int(diff))
        row = FLOOR - rng.randint(2, 3)
        for c in range(x + 1, x + 1 + bed):
            course.spike(c, FLOOR - 1)
        course.platforms.append((x, x + bed + 1, row))
        course.spots.append((x + bed // 2, row - 1))
        return bed + 2

    def pit(x: int) -> int:
        gap = rng.randint(2, gap_max)
        for c in range(x, x + gap):
            course.heights[c] = None
        return gap

    def tower(x: int) -> int:
        # the pad, then the tower where the launch comes down on its top from above
        h = rng.randint(3, 4)
        over = next((i for i, (_, rise) in enumerate(launch) if rise >= h * TILE + 4), None)
        if over is None:
            return spikes(x)
        # the player's right edge reaches column x + 1 + k as its feet pass the tower's top
        k = max(2, (launch[over][0] + pf.PLAYER_W) // TILE + 1)
        n = rng.randint(4, 6)
        if x + 1 + k + n >= width - end_len - 4:
            return spikes(x)
        course.pads.append((x, FLOOR - 1))
        for c in range(x + 1 + k, x + 1 + k + n):
            course.heights[c] = FLOOR - h
        course.spots.append((x + 1 + k + n // 2, FLOOR - h - 1))
        return 1 + k + n

    pieces: list[tuple[float, Callable[[int], int]]] = [(3.0, spikes), (2.0, block), (1.0, stairs), (1.0, bridge),
                                                         (0.6, pit), (1.0 if diff >= 1.5 or index else 0.5, tower)]
    weights = [w for w, _ in pieces]
    x, placed = start_run, 0
    while x < width - end_len - 14:
        piece = rng.choices([p for _, p in pieces], weights)[0]
        if placed == 2:  # every course has a jump pad (the third piece), drawn or not
            piece = tower
        x += piece(x)
        placed += 1
        x += rng.randint(*space)
    return _level(req, config, course, run, x, width, up_max, gap_max, rng)


def _level(req: LevelRequest, config: dict, course: _Course, run: int, end: int, width: int, up_max: int,
           gap_max: int, rng: random.Random) -> dict:
    grid = [["."] * width for _ in range(pf.ROWS)]
    for c, h in enumerate(course.heights):
        if h is None:
            continue
        for r in range(h, pf.ROWS):
            grid[r][c] = "#"
    for x0, x1, row in course.platforms:
        for c in range(x0, x1):
            grid[row][c] = "="
    for c, r in course.pads:
        grid[r][c] = "^"
    rows = ["".join(r) for r in grid]
    goal_x = width - 4
    goal = {"x": goal_x, "y": FLOOR - 1, "slug": req.goal.slug if req.goal else "flag"}
    start = [2 * TILE + (TILE - pf.PLAYER_W) // 2, FLOOR * TILE - pf.PLAYER_H]
    taken = {(h["x"], h["y"]) for h in course.hazards} | set(course.pads)
    entries = req.items or [LevelEntity(slug="coin", points=config["item_points"])]
    want = req.item_count
    if want is None:
        want = sum(int(i.count or 0) for i in entries) or int(5 + 2 * float(req.difficulty or 1.0))
    cells = [s for s in course.spots if s not in taken and 0 < s[1] < pf.ROWS and grid[s[1]][s[0]] == "."]
    cells = sorted(set(cells))[: max(1, int(want))]
    items = [{"x": c * TILE, "y": r * TILE, "slug": e.slug, "points": int(e.points or config["item_points"])}
             for (c, r), e in zip(cells, pf._pick_slugs(entries, len(cells), rng))]
    target = int(config.get("collect_target") or 0)
    return {
        "mode": "runner",
        "course": "dash",
        "width": width,
        "height": pf.ROWS,
        "rows": rows,
        "start": start,
        "goal": goal,
        "items": items,
        "enemies": [],
        "hazards": course.hazards,
        # a lost life restarts the attempt: the start is the course's only checkpoint
        "checkpoints": [list(start)],
        "run": run,
        "collect_target": min(target, len(items)) if target else 0,
        "gap_max": gap_max,
        "climb_max": up_max,
        "pads": len(course.pads),
        "blocks": _blocks(course.heights),
    }


def _blocks(heights: list[int | None]) -> list[list[int]]:
    """The raised stretches of the floor, [first column, columns, height in tiles]: what the keypoints
    find a block by."""
    out: list[list[int]] = []
    c = 0
    while c < len(heights):
        h = heights[c]
        if h is not None and h < FLOOR:
            n = 1
            while c + n < len(heights) and heights[c + n] == h:
                n += 1
            out.append([c, n, FLOOR - h])
            c += n
        else:
            c += 1
    return out
