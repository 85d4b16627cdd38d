"""Still things: the shapes items, hazards and goals are drawn as (and icons and object tiles).

Each shape draws one frame at (cx, cy); frame 1 bobs, shines, spins or ripples. Which shape a
name calls for is the reader's decision (maestro.gdd.looks), never made here.
"""

from __future__ import annotations

from typing import Callable

import numpy as np

from maestro.agents.canvas.drawing import ACCENT, BLACK, LEAF, MAIN, METAL, SECOND, WHITE, WOOD, Frame
from maestro.media import raster as R


def _draw_coin(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    rx = (5.5 if frame == 0 else 3.0) * u  # frame 1 is the coin turned edge-on: it spins
    coin = g.ellipse(cx, cy, rx, 6.0 * u)
    f.part(coin, MAIN)
    inner = g.ellipse(cx, cy, max(rx - 1.8 * u, 0.6 * u), 4.2 * u)
    f.part(inner, SECOND, rim=False)
    f.flat(g.rect(cx - 0.5 * u, cy - 2.5 * u, cx + 0.6 * u, cy + 2.5 * u) & inner, MAIN, R.LIGHT)


def _draw_gem(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    top, mid_y, bot = cy - 5.5 * u, cy - 1.5 * u, cy + 6.0 * u
    gem = g.polygon([(cx - 3 * u, top), (cx + 3 * u, top), (cx + 6 * u, mid_y), (cx, bot), (cx - 6 * u, mid_y)])
    f.part(gem, MAIN)
    f.flat(gem & (g.y < mid_y) & (g.y >= top + 1), MAIN, R.LIGHT)  # the table catches the light
    f.flat(gem & g.polygon([(cx - 2 * u, mid_y), (cx + 2 * u, mid_y), (cx, bot)]), SECOND, R.MID)
    f.flat(gem & (np.abs(g.y - mid_y) < 0.5), MAIN, R.DARK)


def _draw_fruit(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    body = g.ellipse(cx - 1.6 * u, cy + 1.5 * u, 3.6 * u, 4.4 * u) | g.ellipse(cx + 1.6 * u, cy + 1.5 * u, 3.6 * u, 4.4 * u)
    f.part(body, MAIN)
    f.flat(g.ellipse(cx - 2.5 * u, cy - 0.5 * u, 0.9 * u, 1.2 * u), MAIN, R.HIGH)
    f.part(g.rect(cx - 0.5 * u, cy - 5.5 * u, cx + 0.6 * u, cy - 2.0 * u), WOOD)
    f.part(g.ellipse(cx + 2.3 * u, cy - 4.3 * u, 2.2 * u, 1.2 * u), LEAF)


def _draw_key(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    f.part(g.ring(cx - 3.0 * u, cy, 3.2 * u, 1.4 * u), MAIN)
    shaft = g.rect(cx - 0.2 * u, cy - 0.8 * u, cx + 6.5 * u, cy + 0.8 * u)
    shaft |= g.rect(cx + 3.0 * u, cy, cx + 4.3 * u, cy + 3.0 * u) | g.rect(cx + 5.2 * u, cy, cx + 6.5 * u, cy + 2.4 * u)
    f.part(shaft, MAIN)


def _draw_potion(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    glass = g.ellipse(cx, cy + 2.2 * u, 4.6 * u, 4.4 * u) | g.rect(cx - 1.4 * u, cy - 4.5 * u, cx + 1.4 * u, cy)
    f.part(glass, WHITE)
    f.part(g.ellipse(cx, cy + 2.2 * u, 4.6 * u, 4.4 * u) & (g.y > cy + 0.8 * u), MAIN)
    f.flat(g.ellipse(cx - 1.8 * u, cy + 1.0 * u, 0.8 * u, 1.1 * u), WHITE, R.HIGH)
    f.part(g.rect(cx - 1.8 * u, cy - 6.5 * u, cx + 1.8 * u, cy - 4.5 * u), WOOD)


def _draw_star(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    pts = []
    for i in range(10):
        r = (6.6 if i % 2 == 0 else 2.8) * u
        a = -np.pi / 2 + i * np.pi / 5
        pts.append((cx + r * np.cos(a), cy + 0.6 * u + r * np.sin(a)))
    star = g.polygon(pts)
    f.part(star, MAIN)
    f.flat(star & g.ellipse(cx, cy + 0.6 * u, 1.8 * u, 1.8 * u), MAIN, R.LIGHT)


def _draw_heart(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    heart = g.ellipse(cx - 2.8 * u, cy - 1.6 * u, 3.2 * u, 3.2 * u) | g.ellipse(cx + 2.8 * u, cy - 1.6 * u, 3.2 * u, 3.2 * u)
    heart |= g.polygon([(cx - 5.9 * u, cy - 0.8 * u), (cx + 5.9 * u, cy - 0.8 * u), (cx, cy + 6.2 * u)])
    f.part(heart, MAIN)
    f.flat(g.ellipse(cx - 3.2 * u, cy - 2.4 * u, 1.0 * u, 1.0 * u), MAIN, R.HIGH)


def _draw_orb(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    f.part(g.ellipse(cx, cy, 5.2 * u, 5.2 * u), MAIN)
    f.part(g.ellipse(cx + 0.8 * u, cy + 0.8 * u, 2.6 * u, 2.6 * u), SECOND, rim=False)
    f.flat(g.ellipse(cx - 2.2 * u, cy - 2.2 * u, 1.0 * u, 1.0 * u), WHITE, R.MID)


def _draw_amulet(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    chain = g.polygon([(cx - 5 * u, cy - 6.5 * u), (cx - 3.8 * u, cy - 6.5 * u), (cx, cy - 0.5 * u), (cx + 3.8 * u, cy - 6.5 * u),
                       (cx + 5 * u, cy - 6.5 * u), (cx, cy + 1.5 * u)])
    f.flat(chain, ACCENT, R.MID)
    f.part(g.ellipse(cx, cy + 2.5 * u, 4.2 * u, 4.2 * u), ACCENT)
    f.part(g.ellipse(cx, cy + 2.5 * u, 2.3 * u, 2.3 * u), MAIN)


def _draw_flag(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    px = cx - 4.5 * u
    f.part(g.rect(px, cy - 6.5 * u, px + 1.4 * u, f.s - 1.0), METAL)
    f.part(g.ellipse(px + 0.7 * u, cy - 6.8 * u, 1.2 * u, 1.2 * u), ACCENT)
    wave = np.sin((g.x - px) / (2.0 * u) + frame * np.pi) * 0.9 * u  # frame 1: the cloth ripples
    cloth = (g.x >= px + 1.4 * u) & (g.x < px + 10.0 * u) & (g.y >= cy - 6.0 * u + wave) & (g.y < cy - 0.5 * u + wave)
    f.part(cloth, MAIN)


def _draw_door(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    y0, y1 = 1.0 + 1.0 * u, f.s - 1.0
    door = g.rect(cx - 5.0 * u, y0 + 3.0 * u, cx + 5.0 * u, y1) | g.ellipse(cx, y0 + 3.5 * u, 5.0 * u, 3.6 * u)
    f.part(door, WOOD)
    inner = g.rect(cx - 3.5 * u, y0 + 3.5 * u, cx + 3.5 * u, y1) | g.ellipse(cx, y0 + 3.8 * u, 3.5 * u, 2.4 * u)
    f.part(inner, MAIN)
    f.flat(inner & (np.abs(g.x - cx) < 0.5), MAIN, R.DARK)
    f.part(g.ellipse(cx + 2.2 * u, y0 + 8.5 * u, 0.9 * u, 0.9 * u), ACCENT)


def _draw_spikes(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    n = 3
    base, w = f.s - 1.0, (f.s - 2.0) / n
    spikes = g.rect(1.0, base - 2.0 * u, f.s - 1.0, base)
    for i in range(n):
        x0 = 1.0 + i * w
        h = (9.0 + (1.5 if i == 1 else 0.0)) * u
        spikes |= g.polygon([(x0, base - 1.0 * u), (x0 + w / 2, base - h), (x0 + w, base - 1.0 * u)])
    f.part(spikes, MAIN)
    f.flat(spikes & (g.y >= base - 2.0 * u), MAIN, R.DARK)
    if frame == 1:  # a glint runs up the middle spike
        f.dot(cx, base - 8.0 * u, WHITE, R.HIGH)


def _draw_cactus(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    base = f.s - 1.0
    cactus = g.rect(cx - 2.0 * u, cy - 5.5 * u, cx + 2.0 * u, base) | g.ellipse(cx, cy - 5.5 * u, 2.0 * u, 1.5 * u)
    cactus |= g.rect(cx - 5.5 * u, cy - 0.5 * u, cx - 2.0 * u, cy + 1.3 * u) | g.rect(cx - 5.5 * u, cy - 3.5 * u, cx - 3.8 * u, cy + 1.3 * u)
    cactus |= g.rect(cx + 2.0 * u, cy + 1.0 * u, cx + 5.5 * u, cy + 2.8 * u) | g.rect(cx + 3.8 * u, cy - 2.0 * u, cx + 5.5 * u, cy + 2.8 * u)
    f.part(cactus, MAIN)
    for yy in range(2, 6):
        f.dot(cx - 0.5 * u + (yy % 2) * u, cy + (yy * 2 - 7) * u, WHITE, R.MID if frame == 0 else R.HIGH)


def _draw_saw(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    ang = np.arctan2(g.y - cy, g.x - cx) + frame * np.pi / 8  # frame 1 is turned half a tooth
    r = np.hypot(g.x - cx, g.y - cy)
    saw = r <= (5.0 + 1.6 * (((ang / (2 * np.pi / 8)) % 1.0) < 0.5)) * u
    f.part(saw, MAIN)
    f.part(g.ellipse(cx, cy, 1.6 * u, 1.6 * u), BLACK)


def _draw_flame(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    lean = (1.0 if frame else -1.0) * u
    outer = g.ellipse(cx, cy + 2.5 * u, 4.8 * u, 4.0 * u) | g.polygon([(cx - 4.6 * u, cy + 2 * u), (cx + lean, cy - 7 * u), (cx + 4.6 * u, cy + 2 * u)])
    f.part(outer, MAIN)
    inner = g.ellipse(cx, cy + 3.5 * u, 2.4 * u, 2.4 * u) | g.polygon([(cx - 2.3 * u, cy + 3 * u), (cx - lean, cy - 2 * u), (cx + 2.3 * u, cy + 3 * u)])
    f.part(inner, ACCENT, rim=False)


def _draw_clock(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    f.part(g.ellipse(cx, cy, 6.0 * u, 6.0 * u), MAIN)
    f.part(g.ellipse(cx, cy, 4.6 * u, 4.6 * u), WHITE, rim=False)
    f.flat(g.rect(cx - 0.5, cy - 3.5 * u, cx + 0.5 * u + 0.5, cy + 0.5), BLACK, R.MID)
    f.flat(g.rect(cx - 0.5, cy - 0.5, cx + 3.0 * u, cy + 0.5 * u + 0.5), BLACK, R.MID)


def _draw_skull(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    skull = g.ellipse(cx, cy - 1.0 * u, 5.8 * u, 5.0 * u) | g.rect(cx - 3.2 * u, cy + 2.0 * u, cx + 3.2 * u, cy + 5.8 * u)
    f.part(skull, WHITE)
    f.flat(g.ellipse(cx - 2.4 * u, cy, 1.5 * u, 1.6 * u) | g.ellipse(cx + 2.4 * u, cy, 1.5 * u, 1.6 * u), BLACK, R.MID)
    f.flat(g.rect(cx - 0.5 * u, cy + 2.2 * u, cx + 0.5 * u, cy + 3.2 * u) | (g.rect(cx - 2.5 * u, cy + 4.3 * u, cx + 2.5 * u, cy + 5.8 * u) & (np.floor(g.x / max(1.0, u)) % 2 == 0)), BLACK, R.MID)


def _draw_card(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    tilt = (0.6 if frame else 0.0) * u
    card = g.polygon([(cx - 4.2 * u + tilt, cy - 6.2 * u), (cx + 4.2 * u + tilt, cy - 6.2 * u), (cx + 4.2 * u - tilt, cy + 6.2 * u),
                      (cx - 4.2 * u - tilt, cy + 6.2 * u)])
    f.part(card, WHITE)
    pip = g.ellipse(cx - 1.1 * u, cy - 0.6 * u, 1.3 * u, 1.3 * u) | g.ellipse(cx + 1.1 * u, cy - 0.6 * u, 1.3 * u, 1.3 * u)
    pip |= g.polygon([(cx - 2.4 * u, cy - 0.2 * u), (cx + 2.4 * u, cy - 0.2 * u), (cx, cy + 2.8 * u)])  # a heart pip
    f.flat(pip, MAIN, R.MID)
    f.flat(g.rect(cx - 3.2 * u, cy - 5.2 * u, cx - 2.0 * u, cy - 3.6 * u) | g.rect(cx + 2.0 * u, cy + 3.6 * u, cx + 3.2 * u, cy + 5.2 * u), MAIN, R.DARK)


def _draw_chest(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    lid = g.ellipse(cx, cy - 1.0 * u, 6.2 * u, 3.6 * u) & (g.y < cy - 1.0 * u)
    box = g.rect(cx - 6.2 * u, cy - 1.0 * u, cx + 6.2 * u, cy + 5.6 * u)
    f.part(box | lid, WOOD)
    f.flat((box | lid) & (np.abs(g.y - (cy - 1.0 * u)) < 0.5 * u + 0.01), METAL, R.DARK)
    f.part(g.rect(cx - 4.6 * u, cy - 4.4 * u, cx - 3.2 * u, cy + 5.6 * u) | g.rect(cx + 3.2 * u, cy - 4.4 * u, cx + 4.6 * u, cy + 5.6 * u), ACCENT)
    f.part(g.rect(cx - 1.2 * u, cy - 1.8 * u, cx + 1.2 * u, cy + 1.2 * u), ACCENT)
    f.flat(g.rect(cx - 0.4 * u, cy - 0.6 * u, cx + 0.4 * u, cy + 0.8 * u), BLACK, R.MID)


def _draw_crystal(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    big = g.polygon([(cx, cy - 6.6 * u), (cx + 2.6 * u, cy - 3.4 * u), (cx + 2.4 * u, cy + 5.6 * u), (cx - 2.4 * u, cy + 5.6 * u), (cx - 2.6 * u, cy - 3.4 * u)])
    side = g.polygon([(cx - 4.6 * u, cy - 1.6 * u), (cx - 2.6 * u, cy + 0.4 * u), (cx - 2.6 * u, cy + 5.6 * u), (cx - 5.6 * u, cy + 5.6 * u), (cx - 6.0 * u, cy + 0.8 * u)])
    side |= g.polygon([(cx + 4.8 * u, cy - 0.2 * u), (cx + 6.0 * u, cy + 2.0 * u), (cx + 5.4 * u, cy + 5.6 * u), (cx + 2.6 * u, cy + 5.6 * u), (cx + 2.6 * u, cy + 1.6 * u)])
    f.part(side, SECOND)
    f.part(big, MAIN)
    f.flat(big & (g.x < cx) & (g.x >= cx - 1.0 * u), MAIN, R.HIGH)


def _draw_pineapple(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    for dx, h in ((-2.2, 3.4), (0.0, 5.0), (2.2, 3.4)):
        f.part(g.polygon([(cx + dx * u - 1.2 * u, cy - 2.0 * u), (cx + dx * 1.4 * u, cy - 2.0 * u - h * u), (cx + dx * u + 1.2 * u, cy - 2.0 * u)]), LEAF)
    body = g.ellipse(cx, cy + 2.2 * u, 4.0 * u, 4.8 * u)
    f.part(body, ACCENT)
    f.flat(body & ((np.abs(((g.x - g.y) / u) % 3.0 - 1.5) < 0.45) | (np.abs(((g.x + g.y) / u) % 3.0 - 1.5) < 0.45)), WOOD, R.MID)


def _draw_banana(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    outer = g.ellipse(cx + 1.0 * u, cy - 2.0 * u, 6.4 * u, 7.4 * u)
    inner = g.ellipse(cx + 2.6 * u, cy - 3.8 * u, 6.0 * u, 7.0 * u)
    banana = outer & ~inner & (g.y > cy - 5.0 * u)
    f.part(banana, ACCENT)
    f.flat(banana & (g.y < cy - 3.4 * u), WOOD, R.DARK)  # the dark tips


def _draw_cherry(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    f.flat(g.segment(cx - 2.6 * u, cy + 1.0 * u, cx + 1.0 * u, cy - 5.6 * u, 0.5 * u) | g.segment(cx + 2.8 * u, cy + 1.6 * u, cx + 1.0 * u, cy - 5.6 * u, 0.5 * u), WOOD, R.MID)
    f.part(g.ellipse(cx + 2.6 * u, cy - 5.4 * u, 2.0 * u, 1.0 * u), LEAF)
    for x, y in ((cx - 2.8 * u, cy + 3.0 * u), (cx + 2.8 * u, cy + 3.6 * u)):
        f.part(g.ellipse(x, y, 2.7 * u, 2.7 * u), MAIN)
        f.flat(g.ellipse(x - 1.0 * u, y - 1.0 * u, 0.7 * u, 0.7 * u), WHITE, R.MID)


def _draw_fish(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    flick = (0.8 if frame else -0.8) * u
    f.part(g.polygon([(cx - 3.6 * u, cy), (cx - 7.0 * u, cy - 3.4 * u + flick), (cx - 7.0 * u, cy + 3.4 * u + flick)]), SECOND)
    body = g.ellipse(cx + 0.8 * u, cy, 5.6 * u, 3.6 * u)
    f.part(body, MAIN)
    f.flat(body & (g.y > cy + 1.2 * u), MAIN, R.LIGHT)
    f.part(g.polygon([(cx - 1.0 * u, cy - 3.0 * u), (cx + 1.6 * u, cy - 5.4 * u), (cx + 2.6 * u, cy - 3.0 * u)]), SECOND)
    f.flat(g.rect(cx + 3.2 * u, cy - 1.6 * u, cx + 4.4 * u, cy - 0.4 * u), BLACK, R.MID)
    f.flat(g.segment(cx - 1.4 * u, cy - 2.2 * u, cx - 1.4 * u, cy + 2.2 * u, 0.4 * u), MAIN, R.DARK)  # the gill


def _draw_seed(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    seed = g.ellipse(cx, cy + 2.0 * u, 3.2 * u, 4.2 * u) & (g.y > cy - 1.0 * u)
    seed |= g.polygon([(cx - 2.6 * u, cy + 0.2 * u), (cx + 2.6 * u, cy + 0.2 * u), (cx, cy - 3.0 * u)])
    f.part(seed, WOOD)
    f.flat(seed & (np.abs(g.x - cx) < 0.5 * u) & (g.y > cy), WOOD, R.DARK)
    sprout = g.segment(cx, cy - 2.4 * u, cx, cy - 5.0 * u, 0.5 * u)
    sprout |= g.ellipse(cx + 2.0 * u, cy - 5.4 * u - (0.6 * u if frame else 0), 2.0 * u, 1.1 * u) | g.ellipse(cx - 1.8 * u, cy - 4.6 * u, 1.6 * u, 0.9 * u)
    f.part(sprout, LEAF)


def _draw_shield(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    shield = g.rect(cx - 5.4 * u, cy - 6.2 * u, cx + 5.4 * u, cy) | g.ellipse(cx, cy - 0.4 * u, 5.4 * u, 6.6 * u) & (g.y >= cy)
    shield |= g.polygon([(cx - 5.4 * u, cy), (cx + 5.4 * u, cy), (cx, cy + 6.6 * u)])
    f.part(shield, METAL)
    inner = g.rect(cx - 3.8 * u, cy - 4.8 * u, cx + 3.8 * u, cy) | g.polygon([(cx - 3.8 * u, cy), (cx + 3.8 * u, cy), (cx, cy + 4.6 * u)])
    f.part(inner, MAIN, rim=False)
    f.flat(inner & ((np.abs(g.x - cx) < 0.7 * u) | (np.abs(g.y - (cy - 1.6 * u)) < 0.7 * u)), ACCENT, R.MID)


def _draw_bolt(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    bolt = g.polygon([(cx + 1.6 * u, cy - 7.0 * u), (cx - 4.4 * u, cy + 1.0 * u), (cx - 0.2 * u, cy + 1.0 * u), (cx - 1.8 * u, cy + 7.0 * u),
                      (cx + 4.6 * u, cy - 1.6 * u), (cx + 0.4 * u, cy - 1.6 * u)])
    f.part(bolt, ACCENT)
    f.flat(bolt & (g.x < cx - 0.4 * u) & (g.y < cy + 1.0 * u), ACCENT, R.HIGH)


def _draw_powerup(f: Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    box = g.rect(cx - 5.8 * u, cy - 5.8 * u, cx + 5.8 * u, cy + 5.8 * u)
    f.part(box, MAIN)
    f.flat(box & ~g.rect(cx - 4.8 * u, cy - 4.8 * u, cx + 4.8 * u, cy + 4.8 * u), MAIN, R.DARK)
    arrow = g.polygon([(cx, cy - 4.0 * u), (cx + 3.6 * u, cy), (cx - 3.6 * u, cy)]) | g.rect(cx - 1.4 * u, cy - 0.2 * u, cx + 1.4 * u, cy + 3.8 * u)
    f.flat(arrow, WHITE, R.MID if frame == 0 else R.HIGH)
    f.flat(arrow & (g.x > cx + 0.6 * u), WHITE, R.DARK)


SHAPES: dict[str, Callable[[Frame, float, float, int, float], None]] = {
    "coin": _draw_coin, "gem": _draw_gem, "fruit": _draw_fruit, "key": _draw_key, "potion": _draw_potion,
    "star": _draw_star, "heart": _draw_heart, "orb": _draw_orb, "amulet": _draw_amulet, "flag": _draw_flag,
    "door": _draw_door, "spikes": _draw_spikes, "cactus": _draw_cactus, "saw": _draw_saw, "flame": _draw_flame,
    "clock": _draw_clock, "skull": _draw_skull, "card": _draw_card, "chest": _draw_chest, "crystal": _draw_crystal,
    "pineapple": _draw_pineapple, "banana": _draw_banana, "cherry": _draw_cherry, "fish": _draw_fish, "seed": _draw_seed,
    "shield": _draw_shield, "bolt": _draw_bolt, "powerup": _draw_powerup,
}
# Shapes that stand on the ground do not bob; they shine or ripple in place instead.
GROUNDED = {"flag", "door", "spikes", "cactus", "chest"}


def still_shape(shape: str, rng_v: float) -> str:
    """The shape drawn for a look's shape: "orb_or_gem" (a pickup the GDD gives no shape) is an orb
    or a gem, by the seed's draw ``rng_v``."""
    if shape == "orb_or_gem":
        return "gem" if rng_v < 0.5 else "orb"
    return shape


def draw_still(size: int, shape: str, frame: int, rng_v: float) -> np.ndarray:
    """One frame (0 or 1) of a still shape, outlined."""
    f = Frame(size)
    bob = 0 if shape in GROUNDED else -frame * max(1, round(f.u))
    SHAPES[shape](f, size / 2.0, size / 2.0 + bob, frame, rng_v)
    if frame == 1 and shape not in GROUNDED and shape not in ("coin", "saw", "flame"):
        sx, sy = size / 2.0 + 3.5 * f.u, size / 2.0 - 4.5 * f.u + bob  # a sparkle: the "shine" frame
        for ddx, ddy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
            f.dot(sx + ddx, sy + ddy, WHITE, R.HIGH)
    return f.finish()
