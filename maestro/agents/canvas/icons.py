"""HUD icons: hearts for lives, coins for score, keys, clocks, stars, in the colours players expect."""

from __future__ import annotations

import numpy as np

from maestro.agents.canvas.drawing import BLACK, BLACK_RGB, MAIN, SECOND, WHITE, WHITE_RGB, make_ramps, size_param
from maestro.agents.canvas.shapes import SHAPES, draw_still
from maestro.media import raster as R
from maestro.media.png import encode_png

ICONS_8 = {
    "heart": ".oo..oo.|ohlooddo|ollmmddo|olmmmmdo|.ommmdo.|..omdo..|...oo...|........",
    "coin": "..oooo..|.ollmmo.|olmssmdo|olmssmdo|olmssmdo|olmssmdo|.ommddo.|..oooo..",
    "key": ".ooo....|olmmoooo|om.mlllo|ommmoodo|.ooo.odo|.....oo.|........|........",
    "clock": "..oooo..|.owwwwo.|owwkwwwo|owwkwwwo|owwkkkwo|owwwwwwo|.owwwwo.|..oooo..",
    "star": "...oo...|...ol...|ooolmooo|olllmmdo|.ommmdo.|.omdomo.|.oo..oo.|........",
    "skull": ".oooooo.|owwwwwwo|owkwwkwo|owkwwkwo|owwwwwwo|.owkkwo.|.owwwwo.|..oooo..",
    "flag": "oo......|omooooo.|omlllmo.|ommmmdo.|omoooo..|om......|om......|oo......",
}
_ICON_CHARS = {"o": (MAIN, R.OUTLINE), "d": (MAIN, R.DARK), "m": (MAIN, R.MID), "l": (MAIN, R.LIGHT),
               "h": (MAIN, R.HIGH), "s": (SECOND, R.MID), "w": (WHITE, R.MID), "k": (BLACK, R.MID)}


def _icon_bitmap(rows: str) -> np.ndarray:
    lab = np.zeros((8, 8), np.uint8)
    for y, line in enumerate(rows.split("|")[:8]):
        for x, ch in enumerate(line[:8]):
            if ch in _ICON_CHARS:
                lab[y, x] = R.label(*_ICON_CHARS[ch])
    return lab


def icon(params: dict, seed: int) -> tuple[bytes, dict]:
    """A HUD icon (hearts for lives, coins for score ...) in the colour players expect of it."""
    size = size_param(params, 16)
    name = str(params.get("icon", "star"))
    shape = name if name in SHAPES else "orb"  # the icon names its shape; an unknown one is a plain orb
    pal = params.get("palette")
    colors = {
        "heart": ((224, 48, 64), (160, 24, 48)),
        "coin": (R.color(pal, "item"), R.color(pal, "item2", "item")),
        "key": (R.color(pal, "item2", "item"), R.color(pal, "item")),
        "clock": (R.color(pal, "ui_text"), R.color(pal, "ui")),
        "star": (R.color(pal, "accent"), R.color(pal, "item")),
        "skull": (WHITE_RGB, BLACK_RGB),
        "flag": (R.color(pal, "goal"), R.color(pal, "accent")),
    }.get(shape, (R.color(pal, "accent"), R.color(pal, "item")))
    if shape == "clock":
        colors = (R.mix(colors[1], (120, 120, 140), 0.5), colors[1])
    lab = _icon_bitmap(ICONS_8[shape]) if size == 8 and shape in ICONS_8 else draw_still(size, shape, 0, 0.0)
    rgba = R.render(lab, make_ramps(colors[0], colors[1], R.color(pal, "accent")))
    return encode_png(rgba), {"frames": 1, "w": size, "h": size}
