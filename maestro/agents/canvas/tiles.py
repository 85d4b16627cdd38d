"""Tiles: 16x16 (or size) level blocks. Drawn as label images over tile ramps:
MAIN = the tile's material, SECOND = its top/trim material, then the fixed ramps.

The ground's top (grass, snow, sand, ash, stone) is the scene's, decided by the reader.
"""

from __future__ import annotations

import numpy as np

from maestro.agents.canvas.drawing import ACCENT, BLACK, MAIN, SECOND, WHITE, WOOD, WOOD_RGB, Frame, make_ramps, rng_for, size_param
from maestro.agents.canvas.shapes import SHAPES
from maestro.media import raster as R
from maestro.media.png import encode_png

# What covers the top of the ground, in its usual colour.
TOP_COLORS = {"grass": (84, 176, 64), "snow": (236, 244, 252), "sand": (232, 200, 120), "ash": (96, 80, 80), "stone": (150, 150, 160)}


def _speckle(lab: np.ndarray, mask: np.ndarray, rng: np.random.Generator, ramp_index: int, dark: float, light: float) -> None:
    r = rng.random(lab.shape)
    lab[mask & (r < dark)] = R.label(ramp_index, R.DARK)
    lab[mask & (r > 1.0 - light)] = R.label(ramp_index, R.LIGHT)


def _tile_ground(f: Frame, rng: np.random.Generator, top: bool, grass_only: bool) -> None:
    s, u = f.s, f.u
    body = np.ones((s, s), bool)
    f.flat(body, MAIN, R.MID)
    _speckle(f.lab, body, rng, MAIN, 0.10, 0.05)
    if not top:
        return
    # a jagged lip: per-column depth, smoothed so it reads as tufts rather than noise
    depth = 3.0 * u + np.convolve(rng.uniform(-1.2, 1.8, s + 2) * u, np.ones(3) / 3, mode="valid")
    if grass_only:
        depth[:] = s
    lip = f.g.y < depth[None, :]
    f.flat(lip, SECOND, R.MID)
    _speckle(f.lab, lip, rng, SECOND, 0.08, 0.0)
    f.flat(lip & (f.g.y < 1.0 * u), SECOND, R.LIGHT)
    f.flat(lip & ~R.shift(lip, -1, 0), SECOND, R.DARK)  # the lip's lower edge casts a line
    if grass_only:  # blades: short dark strokes
        r = rng.random((s, s))
        f.flat((r < 0.08) | R.shift(r < 0.08, 1, 0), SECOND, R.DARK)


def _tile_blocks(f: Frame, rng: np.random.Generator, rows: int, cols: int) -> None:
    s = f.s
    bh, bw = s / rows, s / cols
    row = np.floor(f.g.y / bh)
    xs = f.g.x + (row % 2) * bw / 2  # every other course is offset by half a block
    f.flat(np.ones((s, s), bool), MAIN, R.MID)
    _speckle(f.lab, np.ones((s, s), bool), rng, MAIN, 0.06, 0.04)
    y_in, x_in = f.g.y - row * bh, xs % bw
    f.flat(y_in < 1.0, MAIN, R.LIGHT)
    f.flat((y_in >= bh - 1.0) | (x_in >= bw - 1.0), MAIN, R.OUTLINE)
    f.flat((x_in < 1.0) & (y_in < bh - 1.0), MAIN, R.LIGHT)


def _tile_crate(f: Frame) -> None:
    s, u, g = f.s, f.u, f.g
    full = np.ones((s, s), bool)
    f.flat(full, WOOD, R.MID)
    f.flat((np.floor(g.y / (4 * u)) % 2 == 0) & (g.y % (4 * u) < 1), WOOD, R.DARK)  # plank seams
    frame = ~g.rect(2 * u, 2 * u, s - 2 * u, s - 2 * u)
    cross = (np.abs(g.x - g.y) < 1.3 * u) | (np.abs(g.x - (s - g.y)) < 1.3 * u)
    f.part((frame | cross), WOOD)
    f.flat(g.rect(0, 0, s, 1) | g.rect(0, 0, 1, s), WOOD, R.LIGHT)
    f.flat(g.rect(0, s - 1, s, s) | g.rect(s - 1, 0, s, s), WOOD, R.OUTLINE)


def _tile_floor(f: Frame, rng: np.random.Generator, noise: float) -> None:
    s = f.s
    full = np.ones((s, s), bool)
    f.flat(full, MAIN, R.MID)
    _speckle(f.lab, full, rng, MAIN, noise, noise * 0.6)
    f.flat(f.g.rect(0, s - 1, s, s) | f.g.rect(s - 1, 0, s, s), MAIN, R.DARK)


def tile(params: dict, seed: int) -> tuple[bytes, dict]:
    """A level tile; solid tiles fill the square, objects (key, spike, ladder ...) keep transparency."""
    rng = rng_for(seed)
    size = size_param(params)
    kind = str(params.get("tile", "ground"))
    pal = params.get("palette")
    top = str(params.get("ground_top", "grass"))
    top = top if top in TOP_COLORS else "grass"
    ground, ground2, wall = R.color(pal, "ground"), R.color(pal, "ground2", "ground"), R.color(pal, "wall")
    accent = R.color(pal, "accent")
    main, second = ground, TOP_COLORS[top]
    f = Frame(size)
    g, u, s = f.g, f.u, size
    outlined = False
    if kind in ("ground", "grass"):
        if top == "stone":
            second = R.mix(ground2, (150, 150, 160), 0.4)
        _tile_ground(f, rng, True, kind == "grass")
    elif kind in ("floor", "path"):
        main = ground2 if kind == "floor" else R.mix(ground2, (230, 210, 160), 0.35)
        _tile_floor(f, rng, 0.05 if kind == "floor" else 0.12)
    elif kind == "wall":
        main = wall
        _tile_blocks(f, rng, 2, 2)
    elif kind == "brick":
        main = R.mix(wall, (176, 72, 48), 0.55)
        _tile_blocks(f, rng, 4, 2)
    elif kind == "platform":
        main, second = ground2, TOP_COLORS[top] if top != "stone" else R.mix(ground2, (200, 200, 210), 0.4)
        slab = g.rect(0, 1, s, 7 * u)
        f.part(slab, MAIN)
        f.flat(slab & (g.y < 1 + 1.5 * u), SECOND, R.MID)
        f.flat(slab & (g.y < 1 + 0.6 * u), SECOND, R.LIGHT)
        f.flat(slab & (np.abs(g.x - s / 2) < 0.5) & (g.y > 2.5 * u), MAIN, R.DARK)
        f.part(g.polygon([(3 * u, 7 * u), (s - 3 * u, 7 * u), (s / 2, 11 * u)]), MAIN)  # a bracket underneath
        outlined = True
    elif kind == "door":
        main = wall
        _tile_blocks(f, rng, 2, 2)
        door = g.rect(2 * u, 2 * u, s - 2 * u, s) | g.ellipse(s / 2, 5 * u, 6 * u, 4 * u)
        f.flat(door & (g.y < s), WOOD, R.OUTLINE)
        inner = g.rect(3 * u, 3 * u, s - 3 * u, s) | g.ellipse(s / 2, 5.5 * u, 5 * u, 3.5 * u)
        f.part(inner, WOOD)
        f.flat(inner & ((np.floor(g.x / (2.5 * u)) % 2) == 0) & (g.x % (2.5 * u) < 1), WOOD, R.DARK)
        f.part(g.rect(s / 2 - 2 * u, 8 * u, s / 2 + 2 * u, 12 * u), ACCENT)  # the lock
        f.flat(g.rect(s / 2 - 0.5 * u, 9 * u, s / 2 + 0.5 * u, 11.2 * u), BLACK, R.MID)
    elif kind == "exit":
        main = wall
        _tile_blocks(f, rng, 2, 2)
        hole = g.rect(2 * u, 2 * u, s - 2 * u, s - 1 * u)
        f.flat(hole, BLACK, R.MID)
        for i in range(4):  # stairs going down into the dark
            step = g.rect(2 * u + i * 3 * u, 4 * u + i * 3 * u, s - 2 * u, 4 * u + i * 3 * u + 3 * u) & hole
            f.flat(step, MAIN, [R.HIGH, R.LIGHT, R.MID, R.DARK][i])
            f.flat(step & (g.y < 4 * u + i * 3 * u + 1), WHITE, R.MID if i < 2 else R.DARK)
    elif kind == "box":
        main = R.mix(WOOD_RGB, accent, 0.2)
        _tile_crate(f)
    elif kind == "target":
        main = ground2
        _tile_floor(f, rng, 0.05)
        f.flat(g.ring(s / 2, s / 2, 6 * u, 3.8 * u) | g.ellipse(s / 2, s / 2, 1.6 * u, 1.6 * u), ACCENT, R.MID)
        f.flat(g.ring(s / 2, s / 2, 6.5 * u, 6 * u), ACCENT, R.DARK)
    elif kind == "water":
        main = R.mix(R.color(pal, "sky"), (40, 110, 210), 0.6)
        full = np.ones((s, s), bool)
        f.flat(full, MAIN, R.MID)
        f.flat(g.y > s * 0.6, MAIN, R.DARK)
        phase = rng.uniform(0, 2 * np.pi)
        for y0 in (3 * u, 10 * u):
            crest = np.abs(g.y - (y0 + 1.2 * u * np.sin(g.x / (2.5 * u) + phase))) < 0.6
            f.flat(crest, MAIN, R.LIGHT)
        f.flat(g.y < 1, MAIN, R.HIGH)
    elif kind == "ladder":
        rails = g.rect(2.5 * u, 0, 4.5 * u, s) | g.rect(s - 4.5 * u, 0, s - 2.5 * u, s)
        rungs = (g.x > 4 * u) & (g.x < s - 4 * u) & ((g.y % (4 * u)) < 1.5 * u) & ((g.y % (4 * u)) >= 0.2 * u)
        f.part(rails | rungs, WOOD)
        f.lab[:, 0] = f.lab[:, -1] = 0
    elif kind in ("spike", "key", "goal"):
        shape = {"spike": "spikes", "key": "key", "goal": "flag"}[kind]
        main = {"spike": R.color(pal, "hazard"), "key": R.color(pal, "item", "accent"), "goal": R.color(pal, "goal")}[kind]
        second = R.color(pal, "accent")
        SHAPES[shape](f, s / 2, s / 2, 0, 0.0)
        outlined = True
    else:  # an unknown tile name still gets a plain, readable block
        _tile_blocks(f, rng, 2, 1)
    if outlined:
        lab = f.finish()
    else:
        lab = f.lab
    return encode_png(R.render(lab, make_ramps(main, second, accent))), {"frames": 1, "w": size, "h": size}
