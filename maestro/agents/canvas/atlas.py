"""The sprite atlas: every sprite, tile and icon frame of a build packed into one PNG."""

from __future__ import annotations

from typing import Any

import numpy as np

from maestro.media.png import decode_png, encode_png


def pack_atlas(images: list[tuple[str, bytes, dict]]) -> tuple[bytes, dict]:
    """Pack sprite/tile/icon frames into one PNG (shelf packing, sorted by name, 1 px padding)."""
    rects: list[tuple[str, int, np.ndarray]] = []
    anims: dict[str, Any] = {}
    for name, data, meta in sorted(images, key=lambda t: t[0]):
        img = decode_png(data)
        n = max(1, int(meta.get("frames", 1) or 1))
        fw = int(meta.get("w", img.shape[1] // n) or img.shape[1] // n)
        fh = int(meta.get("h", img.shape[0]) or img.shape[0])
        for i in range(n):
            rects.append((name, i, img[:fh, i * fw : (i + 1) * fw]))
        anims[name] = meta.get("anims", {"idle": list(range(n))})
    pad = 1
    if not rects:
        return encode_png(np.zeros((1, 1, 4), np.uint8)), {"frames": {}, "anims": {}}
    widest = max(r[2].shape[1] for r in rects) + 2 * pad
    area = sum((r[2].shape[0] + 2 * pad) * (r[2].shape[1] + 2 * pad) for r in rects)
    width = 16
    while width < 1024 and (width < widest or width * width < area * 1.15):
        width *= 2
    width = max(width, widest)
    frames: dict[str, list[dict]] = {}
    x = y = shelf_h = 0
    placed = []
    for name, _i, img in rects:
        h, w = img.shape[:2]
        if x + w + 2 * pad > width:
            x, y, shelf_h = 0, y + shelf_h, 0
        placed.append((x + pad, y + pad, img))
        frames.setdefault(name, []).append({"x": x + pad, "y": y + pad, "w": w, "h": h})
        x += w + 2 * pad
        shelf_h = max(shelf_h, h + 2 * pad)
    atlas = np.zeros((y + shelf_h, width, 4), np.uint8)
    for px, py, img in placed:
        atlas[py : py + img.shape[0], px : px + img.shape[1]] = img
    return encode_png(atlas), {"frames": frames, "anims": anims}
