"""A minimal PNG codec for the images Maestro draws itself (8-bit RGBA, no Pillow).

Encoding is deterministic: the filter of each row is chosen by a fixed rule (smallest sum of
absolute signed bytes, first filter wins ties) and zlib runs at level 9, so the same pixels
always give the same bytes - the bundle's content hashes rely on it.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(tag: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + tag + body + struct.pack(">I", zlib.crc32(tag + body) & 0xFFFFFFFF)


def _paeth(a: np.ndarray, b: np.ndarray, c: np.ndarray) -> np.ndarray:
    a = a.astype(np.int16)
    b = b.astype(np.int16)
    c = c.astype(np.int16)
    p = a + b - c
    pa, pb, pc = np.abs(p - a), np.abs(p - b), np.abs(p - c)
    return np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c)).astype(np.uint8)


def _filter_candidates(rows: np.ndarray, bpp: int) -> np.ndarray:
    """All five filtered versions of every row at once: shape (5, H, stride)."""
    cur = rows
    up = np.zeros_like(rows)
    up[1:] = rows[:-1]
    left = np.zeros_like(rows)
    left[:, bpp:] = rows[:, :-bpp]
    upleft = np.zeros_like(rows)
    upleft[1:, bpp:] = rows[:-1, :-bpp]
    avg = ((left.astype(np.uint16) + up.astype(np.uint16)) // 2).astype(np.uint8)
    return np.stack([cur, cur - left, cur - up, cur - avg, cur - _paeth(left, up, upleft)])


def encode_png(rgba: np.ndarray) -> bytes:
    """Encode an HxWx4 uint8 array as an 8-bit RGBA PNG with per-row best-of filters."""
    img = np.ascontiguousarray(rgba)
    if img.ndim != 3 or img.shape[2] != 4 or img.dtype != np.uint8:
        raise ValueError(f"encode_png wants an HxWx4 uint8 array, got {img.shape} {img.dtype}")
    h, w = img.shape[:2]
    if h == 0 or w == 0:
        raise ValueError("encode_png cannot write an empty image")
    rows = img.reshape(h, w * 4)
    cands = _filter_candidates(rows, 4)
    # The usual heuristic: treat filtered bytes as signed and keep the row with the smallest sum.
    cost = np.abs(cands.view(np.int8).astype(np.int32)).sum(axis=2)  # (5, H)
    best = np.argmin(cost, axis=0)  # argmin returns the first minimum: deterministic ties
    chosen = cands[best, np.arange(h)]
    raw = np.concatenate([best.astype(np.uint8)[:, None], chosen], axis=1).tobytes()
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 6, 0, 0, 0)
    return _SIGNATURE + _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b"")


def _unfilter(raw: bytes, h: int, stride: int, bpp: int) -> np.ndarray:
    data = np.frombuffer(raw, dtype=np.uint8)
    if data.size < h * (stride + 1):
        raise ValueError("PNG image data is truncated")
    data = data[: h * (stride + 1)].reshape(h, stride + 1)
    out = np.zeros((h, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.uint8)
    for y in range(h):
        ftype, line = int(data[y, 0]), data[y, 1:]
        if ftype == 0:
            row = line.copy()
        elif ftype == 2:
            row = line + prev
        elif ftype == 1:
            # Sub is a running sum per channel: a cumulative sum mod 256 decodes it in one go.
            row = (np.cumsum(line.reshape(-1, bpp).astype(np.int64), axis=0) & 0xFF).astype(np.uint8).ravel()
        elif ftype in (3, 4):
            # These depend on the already-decoded left neighbour: walk the row per pixel,
            # vectorised across the bpp channels.
            row = line.astype(np.int32)
            p = prev.astype(np.int32)
            for x in range(0, stride, bpp):
                a = row[x - bpp : x] if x else np.zeros(bpp, np.int32)
                b = p[x : x + bpp]
                if ftype == 1:
                    pred = a
                elif ftype == 3:
                    pred = (a + b) // 2
                else:
                    c = p[x - bpp : x] if x else np.zeros(bpp, np.int32)
                    pp = a + b - c
                    pa, pb, pc = np.abs(pp - a), np.abs(pp - b), np.abs(pp - c)
                    pred = np.where((pa <= pb) & (pa <= pc), a, np.where(pb <= pc, b, c))
                row[x : x + bpp] = (row[x : x + bpp] + pred) & 0xFF
            row = row.astype(np.uint8)
        else:
            raise ValueError(f"unknown PNG filter type {ftype}")
        out[y] = row
        prev = row
    return out


def decode_png(data: bytes) -> np.ndarray:
    """Decode an 8-bit non-interlaced RGBA (or RGB) PNG into an HxWx4 uint8 array."""
    if not data.startswith(_SIGNATURE):
        raise ValueError("not a PNG file (bad signature)")
    pos = len(_SIGNATURE)
    header = None
    idat = []
    while pos + 8 <= len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        tag = data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        pos += 12 + length
        if tag == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif tag == b"IDAT":
            idat.append(body)
        elif tag == b"IEND":
            break
    if header is None:
        raise ValueError("PNG has no IHDR chunk")
    w, h, depth, color, _comp, _filt, interlace = header
    if depth != 8 or color not in (2, 6) or interlace != 0:
        raise ValueError(f"unsupported PNG (depth {depth}, colour type {color}, interlace {interlace})")
    bpp = 4 if color == 6 else 3
    pixels = _unfilter(zlib.decompress(b"".join(idat)), h, w * bpp, bpp).reshape(h, w, bpp)
    if bpp == 3:
        pixels = np.concatenate([pixels, np.full((h, w, 1), 255, np.uint8)], axis=2)
    return pixels
