"""Small raster toolkit for procedural pixel art: colours, palettes, shape masks, shading.

Shapes are boolean masks over a pixel grid, built from float geometry (so one drawing scales to
16, 24 or 32 px). A drawing is a *label* image (uint8, 0 = transparent); labels are turned into
colours at the end through a lookup table, which keeps shading and outlines cheap numpy shifts.
"""

from __future__ import annotations

import re
from typing import Any, Iterable

import numpy as np

RGB = tuple[int, int, int]

# Used when a palette lacks a role (or gives an unreadable colour): a generator never crashes on
# a partial palette, it falls back to these.
DEFAULT_COLORS: dict[str, str] = {
    "sky": "#5c94fc",
    "sky2": "#b8e0ff",
    "ground": "#8b5a2b",
    "ground2": "#c68642",
    "wall": "#7a7a8c",
    "accent": "#f8b800",
    "player": "#e04040",
    "player2": "#3060d0",
    "enemy": "#8040c0",
    "enemy2": "#40a040",
    "item": "#f8d030",
    "item2": "#f08020",
    "hazard": "#c0c0c8",
    "goal": "#40c060",
    "ui": "#202030",
    "ui_text": "#ffffff",
    "shadow": "#1a1a2a",
}

_HEX = re.compile(r"^#?([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")


def parse_hex(value: Any, fallback: str = "#ff00ff") -> RGB:
    """'#rrggbb' or '#rgb' to an RGB tuple; anything unreadable gives the fallback."""
    m = _HEX.match(str(value).strip()) if isinstance(value, str) else None
    if not m:
        m = _HEX.match(fallback)
        assert m, fallback
    h = m.group(1)
    if len(h) == 3:
        h = "".join(c * 2 for c in h)
    return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))


def palette_colors(palette: Any) -> dict[str, str]:
    """Accept a Palette model, its dict dump ({'name', 'colors'}), a plain role dict or None."""
    if palette is None:
        return {}
    if hasattr(palette, "colors"):
        palette = palette.colors
    if isinstance(palette, dict) and isinstance(palette.get("colors"), dict):
        palette = palette["colors"]
    return {str(k): v for k, v in palette.items()} if isinstance(palette, dict) else {}


def color(palette: Any, *roles: str) -> RGB:
    """The first role the palette has (with a readable colour), else the default of the first role."""
    colors = palette_colors(palette)
    for role in roles:
        value = colors.get(role)
        if isinstance(value, str) and _HEX.match(value.strip()):
            return parse_hex(value)
    return parse_hex(DEFAULT_COLORS.get(roles[0], "#ff00ff") if roles else "#ff00ff")


def mix(a: RGB, b: RGB, t: float) -> RGB:
    return tuple(int(round(a[i] + (b[i] - a[i]) * t)) for i in range(3))  # type: ignore[return-value]


def ramp(base: RGB) -> list[RGB]:
    """Five tones of one colour: outline, dark, mid, light, highlight (hue-shifted, as pixel artists do)."""
    dark_target = (base[0] * 0.3 + 10, base[1] * 0.25 + 8, base[2] * 0.4 + 30)
    return [
        mix(base, tuple(int(c) for c in dark_target), 0.85),  # outline: dark, a little blue
        mix(base, tuple(int(c) for c in dark_target), 0.45),
        base,
        mix(base, (255, 250, 220), 0.35),
        mix(base, (255, 255, 240), 0.7),
    ]


# --- label images -------------------------------------------------------------------------------
# label = 1 + ramp_index * 5 + tone, tone in 0..4 (outline, dark, mid, light, highlight)
OUTLINE, DARK, MID, LIGHT, HIGH = range(5)


def label(ramp_index: int, tone: int) -> int:
    return 1 + ramp_index * 5 + tone


def render(labels: np.ndarray, ramps: list[list[RGB]]) -> np.ndarray:
    """Label image -> RGBA uint8 through the ramps' lookup table."""
    lut = np.zeros((256, 4), np.uint8)
    for ri, r in enumerate(ramps):
        for tone, rgb in enumerate(r):
            lut[label(ri, tone)] = (*rgb, 255)
    return lut[labels]


class Grid:
    """Pixel-centre coordinates of an h x w image, for building masks from float geometry."""

    def __init__(self, h: int, w: int) -> None:
        self.h, self.w = h, w
        self.y, self.x = np.mgrid[0:h, 0:w].astype(np.float64) + 0.5

    def ellipse(self, cx: float, cy: float, rx: float, ry: float) -> np.ndarray:
        return ((self.x - cx) / max(rx, 1e-6)) ** 2 + ((self.y - cy) / max(ry, 1e-6)) ** 2 <= 1.0

    def rect(self, x0: float, y0: float, x1: float, y1: float) -> np.ndarray:
        return (self.x >= x0) & (self.x < x1) & (self.y >= y0) & (self.y < y1)

    def ring(self, cx: float, cy: float, r_out: float, r_in: float) -> np.ndarray:
        d = np.hypot(self.x - cx, self.y - cy)
        return (d <= r_out) & (d > r_in)

    def segment(self, x0: float, y0: float, x1: float, y1: float, r: float) -> np.ndarray:
        """A thick line: every pixel centre within r of the segment (x0, y0)-(x1, y1)."""
        dx, dy = x1 - x0, y1 - y0
        t = np.clip(((self.x - x0) * dx + (self.y - y0) * dy) / max(dx * dx + dy * dy, 1e-9), 0.0, 1.0)
        return np.hypot(self.x - (x0 + t * dx), self.y - (y0 + t * dy)) <= r

    def polygon(self, points: Iterable[tuple[float, float]]) -> np.ndarray:
        """Even-odd point-in-polygon, vectorised over the grid."""
        pts = list(points)
        inside = np.zeros((self.h, self.w), bool)
        for (x0, y0), (x1, y1) in zip(pts, pts[1:] + pts[:1]):
            if y0 == y1:
                continue
            crosses = (self.y >= min(y0, y1)) & (self.y < max(y0, y1))
            xi = x0 + (self.y - y0) * (x1 - x0) / (y1 - y0)
            inside ^= crosses & (self.x < xi)
        return inside


def shift(mask: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """Move a mask by whole pixels; what leaves the frame is lost, what enters is empty."""
    out = np.zeros_like(mask)
    h, w = mask.shape
    ys, yd = (slice(0, h - dy), slice(dy, h)) if dy >= 0 else (slice(-dy, h), slice(0, h + dy))
    xs, xd = (slice(0, w - dx), slice(dx, w)) if dx >= 0 else (slice(-dx, w), slice(0, w + dx))
    out[yd, xd] = mask[ys, xs]
    return out


def dilate(mask: np.ndarray, diagonal: bool = False) -> np.ndarray:
    out = mask | shift(mask, 1, 0) | shift(mask, -1, 0) | shift(mask, 0, 1) | shift(mask, 0, -1)
    if diagonal:
        out |= shift(mask, 1, 1) | shift(mask, 1, -1) | shift(mask, -1, 1) | shift(mask, -1, -1)
    return out


def paint_shaded(labels: np.ndarray, mask: np.ndarray, ramp_index: int, light_rim: bool = True) -> None:
    """Fill a part in three tones: light where its top/left edge faces the light, dark at bottom/right."""
    labels[mask] = label(ramp_index, MID)
    dark = mask & ~(shift(mask, -1, 0) & shift(mask, 0, -1))  # a neighbour below/right is outside
    labels[dark] = label(ramp_index, DARK)
    if light_rim:
        lit = mask & ~(shift(mask, 1, 0) & shift(mask, 0, 1)) & ~dark  # neighbour above/left outside
        labels[lit] = label(ramp_index, LIGHT)


def outline(labels: np.ndarray, ramp_index: int, diagonal: bool = False) -> None:
    """Draw a dark outline in the transparent pixels around everything drawn so far."""
    solid = labels > 0
    labels[dilate(solid, diagonal) & ~solid] = label(ramp_index, OUTLINE)


def mirror_x(mask: np.ndarray) -> np.ndarray:
    """Make a mask left-right symmetric (the left half is kept and reflected)."""
    w = mask.shape[1]
    out = mask.copy()
    out[:, w - w // 2 :] = mask[:, : w // 2][:, ::-1]
    return out
