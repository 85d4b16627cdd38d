"""Sprites: a character or a still thing as a horizontal strip of animation frames.

The job's params say everything drawn (its look, from ``Entity.look``): the body of the player or
an enemy, the shape of an item, hazard or goal, whose palette colours it wears, the camera and the
heading. A value Canvas does not know falls back to the role's default look.
"""

from __future__ import annotations

import numpy as np

from maestro.agents.canvas.characters import BODIES, draw_character
from maestro.agents.canvas.drawing import make_ramps, rng_for, size_param
from maestro.agents.canvas.shapes import SHAPES, draw_still, still_shape
from maestro.media import raster as R
from maestro.media.png import encode_png
from maestro.spec.game import Look

# The palette colours each role wears: (main, second).
ROLE_COLORS = {
    "player": ("player", "player2"),
    "enemy": ("enemy", "enemy2"),
    "item": ("item", "item2"),
    "hazard": ("hazard", "shadow"),
    "goal": ("goal", "accent"),
}
HEADINGS = ("up", "down", "right")


def _choice(params: dict, key: str, allowed, default: str) -> str:
    value = params.get(key)
    return value if isinstance(value, str) and value in allowed else default


def sprite(params: dict, seed: int) -> tuple[bytes, dict]:
    """A character (player: 7 frames, enemy: 4) or a still thing (2 frames), as one PNG strip."""
    rng = rng_for(seed)
    role = _choice(params, "role", ROLE_COLORS, "item")
    default = Look.default_for(role)
    size = size_param(params)
    side = params.get("view", "side") != "top"
    pal = params.get("palette")
    colors = _choice(params, "palette_role", ROLE_COLORS, role)
    main_role, second_role = ROLE_COLORS[colors]
    main = R.color(pal, main_role)
    second = R.color(pal, second_role, main_role) if colors != "hazard" else R.mix(main, (40, 40, 60), 0.5)
    ramps = make_ramps(main, second, R.color(pal, "accent"))
    if role in ("player", "enemy"):
        body = _choice(params, "body", BODIES, default.body)
        fallback_heading = "right" if side else ("down" if role == "enemy" else "up")
        heading = _choice(params, "heading", HEADINGS, fallback_heading)
        frames, anims = draw_character(rng, role, body, str(params.get("variant", "default")),
                                       str(params.get("behavior", "walker")), size, side, heading)
    else:
        shape = _choice(params, "shape", (*SHAPES, "orb_or_gem"), default.shape)
        v = float(rng.random())
        shape = still_shape(shape, v)
        frames = [draw_still(size, shape, i, v) for i in range(2)]
        anims = {"idle": [0, 1]}
    strip = np.concatenate([R.render(lab, ramps) for lab in frames], axis=1)
    return encode_png(strip), {"frames": len(frames), "w": size, "h": size, "anims": anims}
