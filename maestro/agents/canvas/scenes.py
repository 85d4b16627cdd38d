"""Backgrounds: a dithered sky and parallax silhouettes for the level's scene (hills, forest,
desert, snow, sea, cave, lava, city, night, space), or a ground texture seen from above.

The scene is the one the reader chose for the level (``LevelSpec.scene``); nothing here reads a word.
"""

from __future__ import annotations

import numpy as np

from maestro.agents.canvas.drawing import BAYER4, rng_for
from maestro.media import raster as R
from maestro.media.png import encode_png

SCENES = ("hills", "forest", "desert", "snow", "sea", "cave", "lava", "city", "night", "space")


def _value_noise(rng: np.random.Generator, n: int, step: float) -> np.ndarray:
    """Smooth 1-D noise in [0, 1]: random knots every `step` px, cosine-interpolated."""
    knots = rng.random(int(n / step) + 3)
    x = np.arange(n) / step
    i = np.floor(x).astype(int)
    t = (1 - np.cos((x - i) * np.pi)) / 2
    return knots[i] * (1 - t) + knots[i + 1] * t


def _noise2d(rng: np.random.Generator, h: int, w: int, cell: int) -> np.ndarray:
    """Smooth 2-D value noise in [0, 1] (bilinear over a coarse random grid)."""
    gh, gw = h // cell + 2, w // cell + 2
    knots = rng.random((gh, gw))
    y = np.arange(h) / cell
    x = np.arange(w) / cell
    yi, xi = np.floor(y).astype(int), np.floor(x).astype(int)
    ty, tx = (y - yi)[:, None], (x - xi)[None, :]
    a, b = knots[yi][:, xi], knots[yi][:, xi + 1]
    c, d = knots[yi + 1][:, xi], knots[yi + 1][:, xi + 1]
    return (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty


def _gradient(h: int, w: int, top: R.RGB, bottom: R.RGB, levels: int = 10) -> np.ndarray:
    """Vertical gradient in a few bands, dithered with a Bayer matrix (the retro look, and it packs well)."""
    t = np.linspace(0.0, 1.0, h)[:, None] * (levels - 1)
    thresh = np.tile(BAYER4, (h // 4 + 1, w // 4 + 1))[:h, :w]
    band = np.floor(t) + ((t - np.floor(t)) > thresh)
    k = (band / (levels - 1))[..., None]
    return np.asarray(top, np.float64) * (1 - k) + np.asarray(bottom, np.float64) * k


def _fill(img: np.ndarray, mask: np.ndarray, rgb: R.RGB) -> None:
    img[mask] = rgb


def _ridge(rng: np.random.Generator, w: int, base: float, amp: float, step: float, kind: str) -> np.ndarray:
    if kind == "mountains":  # sharp peaks: the max of random cones
        hgt = np.full(w, base * 0.6, np.float64)
        xs = np.arange(w)
        for _ in range(max(4, int(1.6 * w / step))):
            px, ph = rng.uniform(-40, w + 40), base + rng.uniform(0.4, 1.0) * amp
            hgt = np.maximum(hgt, ph - np.abs(xs - px) * rng.uniform(0.6, 1.2))
        return hgt
    return base + amp * (0.7 * _value_noise(rng, w, step) + 0.3 * _value_noise(rng, w, step / 3))


def background(params: dict, seed: int) -> tuple[bytes, dict]:
    """A full-screen backdrop (opaque) of the job's scene, or for layer >= 1 a transparent parallax foreground."""
    rng = rng_for(seed)
    w = min(max(int(params.get("width", 480) or 480), 16), 2048)
    h = min(max(int(params.get("height", 270) or 270), 16), 2048)
    pal = params.get("palette")
    scene = str(params.get("scene", "hills"))
    scene = scene if scene in SCENES else "hills"
    sky, sky2 = R.color(pal, "sky"), R.color(pal, "sky2", "sky")
    ground, ground2, wall = R.color(pal, "ground"), R.color(pal, "ground2", "ground"), R.color(pal, "wall")
    accent = R.color(pal, "accent")
    layer = int(params.get("layer", 0) or 0)
    g = R.Grid(h, w)
    if params.get("view", "side") == "top":
        return _top_background(rng, h, w, scene, ground, ground2, accent)
    if scene == "space":
        sky, sky2 = R.mix(sky, (4, 4, 14), 0.9), R.mix(sky2, (20, 12, 42), 0.9)
    elif scene == "night":
        sky, sky2 = R.mix(sky, (6, 6, 24), 0.75), R.mix(sky2, (30, 20, 60), 0.6)
    elif scene == "cave":
        sky, sky2 = R.mix(wall, (10, 10, 16), 0.75), R.mix(wall, (20, 16, 24), 0.45)
    elif scene == "lava":
        sky, sky2 = R.mix(sky, (30, 8, 8), 0.7), R.mix(sky2, (220, 80, 30), 0.6)
    img = _gradient(h, w, sky, sky2)
    horizon = sky2
    # sky decorations
    if scene in ("space", "night", "lava"):
        n = int(w * h / (220 if scene == "space" else 600))
        sx, sy = rng.integers(0, w, n), rng.integers(0, int(h * (0.9 if scene == "space" else 0.6)), n)
        bright = rng.uniform(0.4, 1.0, n)[:, None]
        img[sy, sx] = img[sy, sx] * (1 - bright) + np.array([255, 250, 230]) * bright
    if scene == "space" and rng.random() < 0.5:  # a soft nebula behind the stars
        cloud = _noise2d(rng, h, w, 90) * 0.8 + _noise2d(rng, h, w, 24) * 0.2
        tint = np.asarray(R.mix(accent, (150, 60, 200), 0.6), np.float64)
        thresh = np.tile(BAYER4, (h // 4 + 1, w // 4 + 1))[:h, :w]
        t = np.clip((cloud - 0.45) * 3.0, 0.0, 0.999) * 3  # three dithered bands of glow
        k = ((np.floor(t) + ((t - np.floor(t)) > thresh)) * 0.09)[..., None]
        img = img * (1 - k) + tint * k
        n = int(w * h / 900)  # a few bright stars on top of it
        sx, sy = rng.integers(0, w, n), rng.integers(0, h, n)
        img[sy, sx] = (255, 255, 255)
    elif scene == "space":
        pr, px, py = rng.uniform(0.08, 0.16) * h, rng.uniform(0.6, 0.85) * w, rng.uniform(0.2, 0.45) * h
        planet = g.ellipse(px, py, pr, pr)
        lit = planet & g.ellipse(px - pr * 0.35, py - pr * 0.35, pr * 1.05, pr * 1.05)
        _fill(img, planet, R.mix(accent, (20, 20, 40), 0.55))
        _fill(img, lit, accent)
        ring = g.ellipse(px, py, pr * 1.9, pr * 0.42) & ~g.ellipse(px, py, pr * 1.45, pr * 0.26)
        _fill(img, ring & ~(planet & (g.y < py)), R.mix(accent, (255, 255, 255), 0.4))  # behind the planet at the top
    elif scene == "night":
        mx, my, mr = rng.uniform(0.65, 0.9) * w, rng.uniform(0.12, 0.3) * h, 0.07 * h
        _fill(img, g.ellipse(mx, my, mr, mr) & ~g.ellipse(mx + mr * 0.45, my - mr * 0.2, mr, mr), (250, 246, 220))
    elif scene in ("desert", "hills", "sea", "snow", "forest", "city"):
        if scene == "desert":
            sxp, syp = rng.uniform(0.6, 0.9) * w, rng.uniform(0.15, 0.3) * h
            _fill(img, g.ellipse(sxp, syp, 0.08 * h, 0.08 * h), R.mix(accent, (255, 250, 200), 0.5))
        cloud = R.mix((255, 255, 255), sky2, 0.15)
        shade = R.mix(cloud, sky, 0.25)
        for _ in range(int(rng.integers(3, 6)) if scene != "desert" else 1):
            cx, cy, cw = rng.uniform(0, w), rng.uniform(0.08, 0.4) * h, rng.uniform(0.06, 0.12) * w
            puff = np.zeros((h, w), bool)
            for k in range(5):
                ox = (k - 2) * cw * 0.35
                puff |= g.ellipse(cx + ox, cy - (cw * 0.15 if k in (1, 2, 3) else 0) - (cw * 0.1 if k == 2 else 0), cw * 0.35, cw * 0.28)
            puff &= g.y < cy + cw * 0.12  # flat bottoms, as pixel clouds have
            _fill(img, puff, shade)
            _fill(img, puff & R.shift(puff, 2, 0) & R.shift(puff, 0, 2), cloud)
    # parallax silhouettes: far layer pale (atmosphere), near layer close to the ground colour
    far_col, near_col = R.mix(ground, horizon, 0.6), R.mix(ground, horizon, 0.2)
    ridge_kind = "mountains" if scene in ("snow", "lava", "night") else "hills"
    if scene == "cave":
        far_col, near_col = R.mix(wall, sky, 0.5), R.mix(wall, (12, 10, 16), 0.35)
    if scene == "desert":
        far_col, near_col = R.mix(ground2, horizon, 0.45), R.mix(ground2, ground, 0.3)
    if scene == "hills":  # grassy hills read as green whatever the palette's soil colour
        far_col, near_col = R.mix((96, 168, 80), horizon, 0.5), R.mix((72, 150, 64), ground, 0.25)
    far = g.y > h - _ridge(rng, w, h * 0.3, h * 0.3, 90, ridge_kind)[None, :]
    near = g.y > h - _ridge(rng, w, h * 0.12, h * 0.16, 60, "hills" if scene != "snow" else "mountains")[None, :]
    if scene == "city":
        far = np.zeros((h, w), bool)
        x = 0.0
        while x < w:  # a skyline of rectangles with lit windows
            bw, bh = rng.uniform(24, 60), rng.uniform(0.25, 0.6) * h
            far |= g.rect(x, h - bh, x + bw, h)
            x += bw + rng.uniform(0, 10)
        windows = far & ((g.x.astype(int) % 8) < 3) & ((g.y.astype(int) % 10) < 4) & (rng.random((h, w)) < 0.5)
    if scene == "cave":
        tips = np.zeros((h, w), bool)
        for _ in range(int(w / 24)):
            tx, tl, tw = rng.uniform(0, w), rng.uniform(0.08, 0.3) * h, rng.uniform(6, 16)
            tips |= g.polygon([(tx - tw, 0), (tx + tw, 0), (tx, tl)])
        far |= tips
    if scene == "space":  # open space: no ground at all
        far = np.zeros((h, w), bool)
        near = np.zeros((h, w), bool)
    if layer <= 0:
        _fill(img, far, far_col)
        if scene == "snow":
            _fill(img, far & ~R.shift(far, 14, 0) & (g.y < h * 0.62), (240, 246, 255))
        if scene == "city":
            _fill(img, windows, accent)
    if scene == "forest":
        for _ in range(int(w / 14)):
            tx = rng.uniform(0, w)
            base = h - (h * 0.12 + h * 0.16 * 0.5)
            th = rng.uniform(0.12, 0.22) * h
            near |= g.polygon([(tx - th * 0.3, base + 6), (tx, base - th), (tx + th * 0.3, base + 6)])
        near_col = R.mix((40, 110, 60), ground, 0.4)
    if scene == "sea":
        water = g.y > h * 0.68
        wcol = R.mix(sky, (30, 90, 170), 0.6)
        waves = water & (np.abs(((g.y - h * 0.68) % 12) - 3 - 2 * np.sin(g.x / 9 + g.y)) < 0.8)
        if layer <= 0:
            _fill(img, water, wcol)
            _fill(img, waves, R.mix(wcol, (255, 255, 255), 0.4))
        near &= g.y > h * 0.85
    if scene == "lava":
        glow = g.y > h * 0.9
        if layer <= 0:
            _fill(img, glow, (240, 96, 24))
            _fill(img, glow & (np.abs(np.sin(g.x / 7) + np.sin(g.x / 3.1)) > 1.4), (255, 200, 60))
        near_col = (40, 24, 24)
    if layer > 0:  # a transparent foreground strip for parallax
        rgba = np.zeros((h, w, 4), np.uint8)
        rgba[near] = (*near_col, 255)
        return encode_png(rgba), {"w": w, "h": h, "layer": layer}
    _fill(img, near, near_col)
    _fill(img, near & ~R.shift(near, 2, 0), R.mix(near_col, (255, 255, 255), 0.2))  # rim light on the ridge
    rgba = np.concatenate([np.clip(np.round(img), 0, 255).astype(np.uint8), np.full((h, w, 1), 255, np.uint8)], axis=2)
    return encode_png(rgba), {"w": w, "h": h, "layer": 0}


def _top_background(rng, h, w, scene, ground, ground2, accent) -> tuple[bytes, dict]:
    """Seen from above: a quiet, dithered ground texture with a few scattered details."""
    base = {"sea": (50, 110, 190), "snow": (226, 236, 246), "desert": R.mix(ground2, (232, 200, 120), 0.5),
            "space": (22, 20, 40), "hills": R.mix((96, 160, 72), ground2, 0.2), "forest": (70, 130, 60), "cave": R.mix(ground, (30, 28, 34), 0.5), "lava": (60, 36, 30)}.get(scene, ground2)
    dark, light = R.mix(base, (0, 0, 0), 0.12), R.mix(base, (255, 255, 255), 0.1)
    n = _noise2d(rng, h, w, 24) * 0.7 + _noise2d(rng, h, w, 7) * 0.3
    thresh = np.tile(BAYER4, (h // 4 + 1, w // 4 + 1))[:h, :w]
    level = np.floor(n * 2.999 + (thresh - 0.5) * 0.6).clip(0, 2).astype(int)
    img = np.array([dark, base, light], np.float64)[level]
    detail = {"hills": (70, 150, 60), "forest": (50, 120, 50), "sea": (200, 230, 255), "snow": (255, 255, 255),
              "desert": R.mix(base, (120, 90, 50), 0.5), "space": (240, 240, 255)}.get(scene, R.mix(base, (0, 0, 0), 0.3))
    k = int(w * h / 300)
    ys, xs = rng.integers(1, h - 1, k), rng.integers(1, w - 1, k)
    img[ys, xs] = detail
    img[ys - 1, xs] = detail if scene in ("hills", "forest") else img[ys - 1, xs]  # two-pixel tufts of grass
    rgba = np.concatenate([np.clip(np.round(img), 0, 255).astype(np.uint8), np.full((h, w, 1), 255, np.uint8)], axis=2)
    return encode_png(rgba), {"w": w, "h": h, "layer": 0}
