"""Vehicles and other things that move without legs: ship, UFO, plane, car, tank, boat,
submarine, turret, and a tumbling rock.

Drawn in a 16-unit space (the grid is scaled by the frame size), so one drawing serves 16, 24 and
32 px. Seen from above, the ones that face a way are drawn nose-up and turned by the frame. Each
drawing is ``draw(frame, traits, phase, side)``: phase 0..3 animates it, side says the camera.
"""

from __future__ import annotations

import numpy as np

from maestro.agents.canvas.drawing import ACCENT, BLACK, FIRE, GLASS, MAIN, METAL, SECOND, WHITE, WOOD, UFrame
from maestro.media import raster as R


def _flame(f: UFrame, x: float, y: float, length: float, half: float, axis: str) -> None:
    """An exhaust flame from (x, y) going down (axis 'y') or left (axis 'x')."""
    g = f.g
    if axis == "y":
        outer = g.polygon([(x - half, y), (x + half, y), (x, y + length)])
        inner = g.polygon([(x - half * 0.45, y), (x + half * 0.45, y), (x, y + length * 0.55)])
    else:
        outer = g.polygon([(x, y - half), (x, y + half), (x - length, y)])
        inner = g.polygon([(x, y - half * 0.45), (x, y + half * 0.45), (x - length * 0.55, y)])
    f.flat(outer, FIRE, R.MID)
    f.flat(inner, ACCENT, R.HIGH)


def _wheel(f: UFrame, x: float, y: float, r: float, ph: int) -> None:
    g = f.g
    f.part(g.ellipse(x, y, r, r), BLACK)
    f.flat(g.ellipse(x, y, r * 0.45, r * 0.45), METAL, R.MID)
    ang = ph * np.pi / 4  # a spoke turning a quarter of a half-turn per frame
    f.flat(g.segment(x - np.cos(ang) * r * 0.8, y - np.sin(ang) * r * 0.8, x + np.cos(ang) * r * 0.8,
                     y + np.sin(ang) * r * 0.8, 0.45) & g.ellipse(x, y, r * 0.85, r * 0.85), METAL, R.LIGHT)


def draw_ship(f, tr, ph, side):
    g = f.g
    flick = [2.0, 3.2, 2.4, 3.6][ph]
    if side:  # nose to the right
        wing = g.polygon([(5.0, 8.5), (9.5, 8.5), (4.0, 13.4), (2.4, 13.4)])
        f.part(wing, SECOND)
        fin = g.polygon([(2.4, 7.0), (5.5, 7.0), (3.0, 3.0), (2.0, 3.0)])
        f.part(fin, SECOND)
        hull = g.polygon([(2.2, 6.4), (9.0, 5.6), (14.6, 8.6), (9.0, 10.8), (2.2, 10.6)])
        f.part(hull, MAIN)
        f.flat(hull & (g.y > 9.6), MAIN, R.DARK)
        f.part(g.ellipse(9.4, 7.4, 2.0, 1.2), GLASS)
        f.flat(g.rect(1.6, 7.2, 2.4, 10.0), METAL, R.DARK)
        _flame(f, 1.7, 8.6, flick, 1.6, "x")
    else:  # nose up
        wings = g.polygon([(8.0, 5.5), (14.6, 11.6), (14.6, 13.0), (8.0, 11.0), (1.4, 13.0), (1.4, 11.6)])
        f.part(wings, SECOND)
        hull = g.polygon([(8.0, 1.2), (10.4, 6.0), (10.4, 12.4), (5.6, 12.4), (5.6, 6.0)])
        f.part(hull, MAIN)
        f.flat(hull & (g.x > 9.3), MAIN, R.DARK)
        f.part(g.ellipse(8.0, 6.6, 1.2, 2.0), GLASS)
        f.flat(g.rect(1.4, 10.0, 2.4, 12.0) | g.rect(13.6, 10.0, 14.6, 12.0), ACCENT, R.MID)  # wing-tip guns
        _flame(f, 8.0, 12.4, flick, 1.8, "y")


def draw_ufo(f, tr, ph, side):
    g = f.g
    dy = [0.0, -0.6, 0.0, 0.6][ph]
    f.part(g.ellipse(8.0, 6.8 + dy, 3.6, 3.4) & (g.y < 8.4 + dy), GLASS)
    disc = g.ellipse(8.0, 9.4 + dy, 7.0, 2.6)
    f.part(disc, MAIN)
    f.flat(disc & (g.y > 10.4 + dy), MAIN, R.DARK)
    for k in range(4):  # running lights round the rim
        x = 3.2 + k * 3.2
        on = (k + ph) % 2 == 0
        f.flat(g.ellipse(x, 9.6 + dy, 0.7, 0.7), ACCENT if on else WHITE, R.HIGH if on else R.DARK)
    f.flat(g.rect(6.0, 11.8 + dy, 10.0, 12.8 + dy), METAL, R.DARK)


def draw_plane(f, tr, ph, side):
    g = f.g
    jet = tr["jet"]
    if side:
        f.part(g.polygon([(2.0, 8.0), (4.6, 8.0), (3.2, 3.4), (1.6, 3.4)]), SECOND)  # tail fin
        hull = g.ellipse(8.4, 8.6, 6.4, 2.2) | g.rect(2.0, 7.2, 8.0, 10.2)
        f.part(hull, MAIN)
        f.flat(hull & (g.y > 9.8), MAIN, R.DARK)
        f.part(g.polygon([(6.0, 9.0), (10.6, 9.0), (7.6, 12.8), (5.6, 12.8)]), SECOND)  # near wing
        f.part(g.ellipse(10.6, 7.4, 1.8, 1.1), GLASS)
        if jet:
            _flame(f, 1.8, 8.8, [1.6, 2.6, 2.0, 2.8][ph], 1.2, "x")
        else:  # a propeller blur at the nose, short and long in turn
            ln = [3.0, 1.2, 3.0, 1.2][ph]
            f.flat(g.rect(14.6, 8.6 - ln, 15.2, 8.6 + ln), METAL, R.LIGHT)
    else:
        wings = g.polygon([(8.0, 4.6), (15.0, 7.6), (15.0, 9.0), (8.0, 8.6), (1.0, 9.0), (1.0, 7.6)])
        tail = g.polygon([(8.0, 11.6), (11.4, 13.6), (11.4, 14.4), (4.6, 14.4), (4.6, 13.6)])
        f.part(wings | tail, SECOND)
        hull = g.ellipse(8.0, 7.6, 1.9, 6.4)
        f.part(hull, MAIN)
        f.part(g.ellipse(8.0, 5.2, 1.0, 1.6), GLASS)
        if jet:
            _flame(f, 8.0, 13.8, [1.0, 1.8, 1.3, 2.0][ph], 1.0, "y")
        else:
            ln = [3.4, 1.4, 3.4, 1.4][ph]
            f.flat(g.rect(8.0 - ln, 1.0, 8.0 + ln, 1.7), METAL, R.LIGHT)


def draw_car(f, tr, ph, side):
    g = f.g
    kart = tr["low"]
    if side:
        dy = 0.0
        if kart:  # low open kart with a driver's helmet
            f.part(g.ellipse(7.4, 6.8 + dy, 2.0, 2.0), SECOND)
            f.flat(g.rect(7.6, 6.0 + dy, 9.4, 7.2 + dy), GLASS, R.MID)
            body = g.polygon([(1.6, 9.0), (12.0, 9.0), (14.8, 10.4), (14.8, 11.8), (1.6, 11.8)]) | g.rect(1.6, 7.0, 3.0, 9.0)
        else:
            cab = g.polygon([(4.0, 8.0), (5.6, 4.6), (10.4, 4.6), (12.2, 8.0)])
            f.part(cab, SECOND)
            f.flat(g.polygon([(5.0, 7.8), (6.2, 5.6), (7.8, 5.6), (7.8, 7.8)]) | g.polygon([(8.6, 7.8), (8.6, 5.6), (10.0, 5.6), (11.2, 7.8)]), GLASS, R.MID)
            body = g.rect(1.4, 8.0, 14.8, 11.8) | g.ellipse(13.4, 9.8, 1.6, 1.9)
        f.part(body, MAIN)
        f.flat(g.rect(13.6, 9.0, 14.6, 10.0), ACCENT, R.HIGH)  # headlight
        for wx in (4.2, 11.6):
            _wheel(f, wx, 12.2, 2.3, ph)
    else:
        tread = ((g.y + ph * 0.75) % 1.5) < 0.75
        wheels = g.rect(2.8, 2.8, 4.8, 6.2) | g.rect(11.2, 2.8, 13.2, 6.2) | g.rect(2.8, 10.0, 4.8, 13.6) | g.rect(11.2, 10.0, 13.2, 13.6)
        f.part(wheels, BLACK)
        f.flat(wheels & tread, METAL, R.DARK)
        body = g.ellipse(8.0, 8.0, 4.2, 6.8) | g.rect(4.4, 3.0, 11.6, 13.4)
        f.part(body, MAIN)
        f.part(g.rect(5.4, 4.6, 10.6, 6.2), GLASS, rim=False)  # windscreen
        if kart:
            f.part(g.ellipse(8.0, 8.8, 2.0, 2.0), SECOND)
        else:
            f.part(g.rect(5.4, 7.0, 10.6, 11.0), SECOND, rim=False)  # roof
        f.flat(g.rect(4.8, 1.6, 6.2, 2.6) | g.rect(9.8, 1.6, 11.2, 2.6), ACCENT, R.HIGH)


def draw_tank(f, tr, ph, side):
    g = f.g
    if side:
        tread = g.ellipse(3.6, 11.6, 2.4, 2.4) | g.ellipse(12.4, 11.6, 2.4, 2.4) | g.rect(3.6, 9.2, 12.4, 14.0)
        f.part(tread, BLACK)
        f.flat(tread & (((g.x + ph * 0.75) % 1.5) < 0.75) & ((g.y < 10.0) | (g.y > 13.2)), METAL, R.DARK)
        for wx in (4.2, 8.0, 11.8):
            f.flat(g.ellipse(wx, 11.6, 1.2, 1.2), METAL, R.MID)
        hull = g.polygon([(1.6, 9.4), (2.8, 7.0), (13.4, 7.0), (14.6, 9.4)])
        f.part(hull, MAIN)
        f.part(g.rect(10.0, 4.8, 15.2, 6.0) if ph % 2 == 0 else g.rect(9.4, 4.8, 14.6, 6.0), METAL)  # barrel recoils
        f.part(g.ellipse(7.6, 6.4, 3.6, 2.6) & (g.y < 7.2), SECOND)
    else:
        treads = g.rect(2.0, 2.0, 5.0, 14.2) | g.rect(11.0, 2.0, 14.0, 14.2)
        f.part(treads, BLACK)
        f.flat(treads & (((g.y + ph * 0.75) % 1.5) < 0.75), METAL, R.DARK)
        f.part(g.rect(4.4, 3.6, 11.6, 13.2), MAIN)
        f.part(g.rect(7.2, 0.8 + (ph % 2) * 0.6, 8.8, 7.0), METAL)
        f.part(g.ellipse(8.0, 8.6, 2.8, 2.8), SECOND)


def draw_boat(f, tr, ph, side):
    g = f.g
    dy = [0.0, 0.5, 0.0, -0.5][ph]
    if side:
        f.part(g.rect(7.4, 1.4 + dy, 8.4, 9.6 + dy), WOOD)
        sail = g.polygon([(8.6, 2.0 + dy), (8.6, 8.6 + dy), (13.6 + (ph % 2) * 0.6, 8.6 + dy)])
        sail |= g.polygon([(7.2, 3.0 + dy), (7.2, 8.6 + dy), (3.0 - (ph % 2) * 0.6, 8.6 + dy)])
        f.part(sail, WHITE)
        f.flat(g.polygon([(8.4, 1.2 + dy), (11.4, 2.0 + dy), (8.4, 2.8 + dy)]), ACCENT, R.MID)  # pennant
        hull = g.polygon([(1.0, 9.2 + dy), (15.0, 9.2 + dy), (12.6, 13.2 + dy), (3.2, 13.2 + dy)])
        f.part(hull, MAIN)
        f.flat(hull & (np.abs(g.y - (10.6 + dy)) < 0.5), SECOND, R.MID)
        wave = np.abs(g.y - (14.2 + 0.5 * np.sin(g.x * 1.2 + ph * np.pi / 2))) < 0.5
        f.flat(wave & (g.x > 1.0) & (g.x < 15.0), GLASS, R.LIGHT)
    else:
        hull = g.polygon([(8.0, 0.8), (12.0, 5.0), (12.0, 13.2), (10.6, 14.8), (5.4, 14.8), (4.0, 13.2), (4.0, 5.0)])
        f.part(hull, MAIN)
        f.part(g.polygon([(8.0, 2.6), (10.6, 5.6), (10.6, 12.8), (5.4, 12.8), (5.4, 5.6)]), WOOD, rim=False)
        f.part(g.ellipse(8.0, 8.0, 1.0, 1.0), WOOD)
        f.part(g.rect(5.6 - (ph % 2) * 0.4, 7.4, 10.4 + (ph % 2) * 0.4, 9.0), WHITE)  # the boom and sail


def draw_submarine(f, tr, ph, side):
    g = f.g
    dy = [0.0, 0.4, 0.0, -0.4][ph]
    if side:
        f.part(g.rect(7.0, 4.4 + dy, 10.0, 7.6 + dy), SECOND)
        f.flat(g.rect(8.6, 2.2 + dy, 9.2, 4.6 + dy) | g.rect(8.6, 2.2 + dy, 10.4, 2.8 + dy), METAL, R.DARK)
        hull = g.ellipse(8.4, 9.6 + dy, 6.2, 3.0)
        f.part(hull, MAIN)
        for px in (6.2, 9.0, 11.8):
            f.part(g.ellipse(px, 9.2 + dy, 0.9, 0.9), GLASS, rim=False)
        blade = [3.0, 1.0, 3.0, 1.0][ph]
        f.flat(g.rect(1.2, 9.6 + dy - blade, 2.2, 9.6 + dy + blade), METAL, R.LIGHT)
        f.flat(g.ellipse(13.0 + ph * 0.4, 5.0 - ph * 0.8, 0.7, 0.7), GLASS, R.HIGH)  # a rising bubble
    else:
        f.part(g.ellipse(8.0, 8.0, 3.0, 6.8), MAIN)
        f.part(g.ellipse(8.0, 6.2, 1.6, 2.2), SECOND)
        blade = [2.6, 1.0, 2.6, 1.0][ph]
        f.flat(g.rect(8.0 - blade, 14.6, 8.0 + blade, 15.2), METAL, R.LIGHT)


def draw_turret(f, tr, ph, side):
    g = f.g
    recoil = 0.8 if ph % 2 else 0.0
    f.part(g.rect(7.0, 1.8 + recoil, 9.0, 8.0), METAL)  # the barrel, pointing up
    f.flat(g.rect(7.0, 1.8 + recoil, 9.0, 2.6 + recoil), METAL, R.DARK)
    if ph == 1:  # muzzle flash
        f.flat(g.polygon([(6.0, 1.8), (8.0, -0.2), (10.0, 1.8)]) & (g.y > 0.9), FIRE, R.LIGHT)
    if tr["tower"]:  # a stone tower with battlements and a cannon on top
        body = g.rect(3.4, 8.4, 12.6, 15.0)
        body |= g.rect(2.6, 6.4, 13.4, 8.8) & ~(((g.x - 2.6) % 2.7 > 1.35) & (g.y < 7.6))
        f.part(body, SECOND)
        f.flat(body & (g.y > 9.0) & ((np.floor(g.y / 1.5) % 2 == 0) & (g.x % 3.0 < 0.5) | (g.y % 1.5 < 0.45)), SECOND, R.DARK)
        f.flat(g.rect(7.2, 10.6, 8.8, 13.0) | g.ellipse(8.0, 10.6, 0.8, 0.8), BLACK, R.MID)
        f.part(g.ellipse(8.0, 7.0, 2.6, 2.2), MAIN)
    else:
        f.part(g.polygon([(2.6, 14.8), (4.4, 10.6), (11.6, 10.6), (13.4, 14.8)]), SECOND)
        dome = g.ellipse(8.0, 10.4, 4.4, 3.8) & (g.y < 11.0)
        f.part(dome, MAIN)
        f.flat(g.ellipse(6.6, 8.6, 0.8, 0.6), WHITE, R.MID)


def draw_rock(f, tr, ph, side):
    g = f.g
    cx, cy = 8.0, 8.0
    ang = ph * np.pi / 2  # a quarter turn per frame: four frames make one full tumble
    theta = np.arctan2(g.y - cy, g.x - cx) - ang
    r = tr["r"] * (1.0 + sum(a * np.cos(k * theta + p) for k, a, p in tr["lumps"]))
    d = np.hypot(g.x - cx, g.y - cy)
    rock = d <= r
    f.part(rock, MAIN)
    f.flat(rock & (d > r - 1.1) & (np.cos(np.arctan2(g.y - cy, g.x - cx) - np.pi / 4) > 0.2), MAIN, R.DARK)
    for cr, ca, cd in tr["craters"]:
        a = ca + ang
        x, y = cx + np.cos(a) * cd, cy + np.sin(a) * cd
        crater = g.ellipse(x, y, cr, cr) & rock
        f.flat(crater, MAIN, R.DARK)
        f.flat(crater & ~g.ellipse(x - 0.5, y - 0.5, cr, cr), MAIN, R.LIGHT)


VEHICLES = {"ship": draw_ship, "ufo": draw_ufo, "plane": draw_plane, "car": draw_car, "tank": draw_tank, "boat": draw_boat,
            "submarine": draw_submarine, "turret": draw_turret, "rock": draw_rock}
