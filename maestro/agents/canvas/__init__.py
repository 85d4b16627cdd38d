"""Canvas agent: procedural pixel art for a game (sprites, tiles, backgrounds, icons, atlas).

Canvas only draws what the spec says: a job's params carry the look the reader decided (a body, a
shape, a scene, a ground top, the camera), never a name or a description to read again. Every
generator is a pure function of (params, seed): the same job gives byte-identical PNGs, which is
what lets the build cache assets by content hash. Randomness comes only from a numpy Generator
seeded by the job.

    sprites.py     player / enemy / item strips   characters.py, vehicles.py   the bodies
    shapes.py      still shapes                   icons.py    HUD icons
    tiles.py       level tiles                    scenes.py   backgrounds
    atlas.py       packing frames into one PNG    drawing.py  what they all share
"""

from __future__ import annotations

from typing import Callable

from maestro.agents.canvas.atlas import pack_atlas
from maestro.agents.canvas.characters import BODIES
from maestro.agents.canvas.icons import icon
from maestro.agents.canvas.scenes import SCENES, background
from maestro.agents.canvas.shapes import SHAPES
from maestro.agents.canvas.sprites import sprite
from maestro.agents.canvas.tiles import TOP_COLORS, tile
from maestro.spec import Asset, AssetJob

GENERATORS: dict[str, Callable[[dict, int], tuple[bytes, dict]]] = {
    "sprite": sprite,
    "tile": tile,
    "background": background,
    "icon": icon,
}


def generate(job: AssetJob) -> Asset:
    """Run the generator for the job's kind and wrap its PNG as an Asset."""
    if job.kind not in GENERATORS:
        raise ValueError(f"Canvas cannot draw assets of kind {job.kind!r}; it draws {sorted(GENERATORS)}")
    data, meta = GENERATORS[job.kind](job.params, job.seed)
    return Asset.made_by(job, "image/png", data, meta)


__all__ = ["BODIES", "GENERATORS", "SCENES", "SHAPES", "TOP_COLORS", "background", "generate", "icon", "pack_atlas",
           "sprite", "tile"]
