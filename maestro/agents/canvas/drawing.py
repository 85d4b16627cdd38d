"""What every Canvas drawing shares: the seeded randomness, colour ramps and the frame being drawn.

A drawing is a label image (see maestro.media.raster): each pixel names a ramp slot and a tone,
turned into colours at the end. The slots below are the same for sprites, icons and tiles.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from maestro.media import raster as R

# Ramp slots used by sprite/icon drawings (see raster.label). Fixed colours live next to the
# palette ones because some things read only in their usual colour (a green leaf, a white eye).
MAIN, SECOND, WHITE, BLACK, LEAF, METAL, WOOD, ACCENT, GLASS, FIRE = range(10)
WHITE_RGB, BLACK_RGB, LEAF_RGB, METAL_RGB, WOOD_RGB = (244, 244, 236), (24, 20, 32), (72, 176, 64), (168, 172, 188), (150, 96, 48)
GLASS_RGB, FIRE_RGB = (136, 208, 248), (248, 128, 32)

# 4x4 ordered-dither thresholds (the retro look, and it packs well).
BAYER4 = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float64) / 16.0 + 1 / 32


def rng_for(seed: int) -> np.random.Generator:
    """The only source of randomness of a drawing: the job's seed."""
    return np.random.Generator(np.random.PCG64(int(seed) & 0xFFFFFFFFFFFFFFFF))


def make_ramps(main: R.RGB, second: R.RGB, accent: R.RGB = (248, 184, 0)) -> list[list[R.RGB]]:
    """The colour ramps, in slot order: the drawing's own two colours and accent, then the fixed ones."""
    return [R.ramp(c) for c in (main, second, WHITE_RGB, BLACK_RGB, LEAF_RGB, METAL_RGB, WOOD_RGB, accent, GLASS_RGB, FIRE_RGB)]


def size_param(params: dict[str, Any], default: int = 16) -> int:
    """The job's square size in pixels, kept within 8..64."""
    try:
        s = int(params.get("size", default))
    except (TypeError, ValueError):
        s = default
    return min(max(s, 8), 64)


class Frame:
    """One sprite frame being drawn: label image plus the float geometry grid."""

    def __init__(self, size: int) -> None:
        self.s = size
        self.u = size / 16.0
        self.g = R.Grid(size, size)
        self.lab = np.zeros((size, size), np.uint8)

    def part(self, mask: np.ndarray, ramp_index: int, rim: bool = True) -> None:
        R.paint_shaded(self.lab, mask, ramp_index, rim)

    def flat(self, mask: np.ndarray, ramp_index: int, tone: int) -> None:
        self.lab[mask] = R.label(ramp_index, tone)

    def dot(self, x: float, y: float, ramp_index: int, tone: int) -> None:
        xi, yi = int(x), int(y)
        if 0 <= xi < self.s and 0 <= yi < self.s:
            self.lab[yi, xi] = R.label(ramp_index, tone)

    def finish(self) -> np.ndarray:
        # keep the outermost ring free so the outline always fits inside the frame
        self.lab[0, :] = self.lab[-1, :] = 0
        self.lab[:, 0] = self.lab[:, -1] = 0
        R.outline(self.lab, MAIN)
        return self.lab


class UFrame(Frame):
    """A frame drawn in 16-unit coordinates; `heading` turns a nose-up drawing to face right or down."""

    def __init__(self, size: int, heading: str = "up") -> None:
        super().__init__(size)
        x, y = self.g.x / self.u, self.g.y / self.u
        if heading == "right":
            x, y = y, 16.0 - x
        elif heading == "down":
            y = 16.0 - y
        self.g.x, self.g.y = x, y


def phase(i: int, n: int) -> int:
    """Animation phase 0..3 for frame i: enemies loop 0-3; the player's 7 frames are
    idle 0,1 / walk 0..3 / jump 2."""
    if n == 7:
        return [0, 1, 0, 1, 2, 3, 2][i]
    return i % 4
