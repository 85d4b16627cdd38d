"""Canvas agent: procedural pixel art for a game (sprites, tiles, backgrounds, icons, atlas).

Every generator is a pure function of (params, seed): the same job gives byte-identical PNGs,
which is what lets the build cache assets by content hash. Randomness comes only from a
numpy Generator seeded by the job.
"""

from __future__ import annotations

import re
from typing import Any, Callable

import numpy as np

from maestro.media import raster as R
from maestro.media.png import decode_png, encode_png
from maestro.spec import Asset, AssetJob

# Ramp slots used by sprite/icon drawings (see raster.label). Fixed colours live next to the
# palette ones because some things read only in their usual colour (a green leaf, a white eye).
MAIN, SECOND, WHITE, BLACK, LEAF, METAL, WOOD, ACCENT = range(8)
_WHITE, _BLACK, _LEAF, _METAL, _WOOD = (244, 244, 236), (24, 20, 32), (72, 176, 64), (168, 172, 188), (150, 96, 48)

ROLE_COLORS = {
    "player": ("player", "player2"),
    "enemy": ("enemy", "enemy2"),
    "item": ("item", "item2"),
    "hazard": ("hazard", "shadow"),
    "goal": ("goal", "accent"),
}


def _rng(seed: int) -> np.random.Generator:
    return np.random.Generator(np.random.PCG64(int(seed) & 0xFFFFFFFFFFFFFFFF))


def _ramps(main: R.RGB, second: R.RGB, accent: R.RGB = (248, 184, 0)) -> list[list[R.RGB]]:
    return [R.ramp(c) for c in (main, second, _WHITE, _BLACK, _LEAF, _METAL, _WOOD, accent)]


def _words(*texts: Any) -> str:
    return " ".join(str(t or "") for t in texts).lower()


def _pick(text: str, table: list[tuple[str, str]], default: str) -> str:
    """First shape whose keyword occurs in the text (tables are ordered: specific words first)."""
    for pattern, shape in table:
        if re.search(pattern, text):
            return shape
    return default


# =============================================================================================
# Creatures: player and enemies, drawn per frame from seeded traits and a per-frame pose.
# =============================================================================================


class _Frame:
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


def _eyes(f: _Frame, cx: float, cy: float, gap: float, side: bool, angry: bool = False, one: bool = False) -> None:
    """Eye whites with a pupil looking the way the sprite faces (right in side view, at us from the top)."""
    u = f.u
    ew, eh = max(2, int(round(1.6 * u))), max(2, int(round(2.0 * u)))
    if one:
        ew += 1
    shift_x = int(round(0.6 * u)) if side else 0
    for ex in ([cx] if one else [cx - gap, cx + gap]):
        x0, y0 = int(round(ex - ew / 2)) + shift_x, int(round(cy - eh / 2))
        f.flat(f.g.rect(x0, y0, x0 + ew, y0 + eh), WHITE, R.MID)
        pw = max(1, int(round(0.8 * u)))
        px = x0 + ew - pw if side else x0 + (ew - pw) // 2 + (1 if one else 0)
        f.flat(f.g.rect(px, y0 + eh - max(1, int(round(eh * 0.6))), px + pw, y0 + eh), BLACK, R.MID)
        if angry:  # a brow pixel over the inner corner slants the look: reads as hostile at 16 px
            inner = x0 + ew - 1 if (one or ex < cx) else x0
            f.dot(inner, y0, BLACK, R.MID)
            f.dot(inner + (-1 if (one or ex < cx) else 1) * (ew - 1), y0 - 1, BLACK, R.MID)


def _player_traits(rng: np.random.Generator) -> dict:
    return {
        "head_r": float(rng.uniform(3.4, 4.1)),
        "torso_w": float(rng.uniform(5.0, 7.0)),
        "torso_h": float(rng.uniform(3.5, 4.5)),
        "accessory": str(rng.choice(["none", "hat", "ears", "antenna", "hair", "cap"])),
        "hat_h": float(rng.uniform(1.5, 2.5)),
        "ear_w": float(rng.uniform(1.2, 2.0)),
        "belt": bool(rng.random() < 0.5),
    }


# pose: (dy body bob, (left leg dx, left lift), (right leg dx, right lift), arm swing, arms up)
_PLAYER_POSES = [
    (0, (0, 0), (0, 0), 0, False),  # idle0
    (1, (0, 0), (0, 0), 1, False),  # idle1: breathe down
    (0, (-1.5, 0), (1.5, 0), 1, False),  # walk0: stride
    (-1, (0, 1), (0, 0), 0, False),  # walk1: passing, body up
    (0, (1.5, 0), (-1.5, 0), -1, False),  # walk2: other stride
    (-1, (0, 0), (0, 1), 0, False),  # walk3
    (-1, (-1, 1.5), (1, 1.5), 0, True),  # jump: legs tucked, arms up
]


def _draw_player(size: int, traits: dict, pose: tuple, side: bool) -> np.ndarray:
    f = _Frame(size)
    u, g, cx = f.u, f.g, size / 2.0
    dy, (ldx, llift), (rdx, rlift), swing, arms_up = pose
    if not side:  # seen from the front, a striding leg shows as a lifted one
        llift, rlift = max(llift, 1.0 if ldx < 0 else 0.0), max(rlift, 1.0 if rdx < 0 else 0.0)
        ldx = rdx = 0.0
    leg_h = 3.0 * u
    yb = size - 1.0  # feet rest on the row above the outline row
    legs = g.rect(cx - 2.6 * u + ldx * u, yb - leg_h - llift * u, cx - 0.6 * u + ldx * u, yb - llift * u)
    legs |= g.rect(cx + 0.6 * u + rdx * u, yb - leg_h - rlift * u, cx + 2.6 * u + rdx * u, yb - rlift * u)
    f.part(legs, SECOND)
    th, tw = traits["torso_h"] * u, traits["torso_w"] * u
    ty1 = yb - leg_h + 0.6 * u + dy
    ty0 = ty1 - th
    torso = ((np.abs(g.x - cx) / (tw / 2)) ** 4 + (np.abs(g.y - (ty0 + ty1) / 2) / (th / 2)) ** 4) <= 1.0
    f.part(torso, SECOND)
    if traits["belt"]:
        f.flat(torso & g.rect(0, ty1 - 1.6 * u, size, ty1 - 0.6 * u), SECOND, R.DARK)
    # arms swing opposite to the legs; raised for a jump
    aw = 1.4 * u
    if arms_up:
        arms = g.rect(cx - tw / 2 - aw, ty0 - 2.5 * u, cx - tw / 2 + 0.2 * u, ty0 + 1 * u)
        arms |= g.rect(cx + tw / 2 - 0.2 * u, ty0 - 2.5 * u, cx + tw / 2 + aw, ty0 + 1 * u)
    else:
        arms = g.rect(cx - tw / 2 - aw + 0.3 * u, ty0 + 0.6 * u + swing * u, cx - tw / 2 + 0.3 * u, ty0 + 3.4 * u + swing * u)
        arms |= g.rect(cx + tw / 2 - 0.3 * u, ty0 + 0.6 * u - swing * u, cx + tw / 2 + aw - 0.3 * u, ty0 + 3.4 * u - swing * u)
    f.part(arms, MAIN)
    hr = traits["head_r"] * u
    top_room = {"hat": traits["hat_h"], "cap": 1.2, "ears": 1.6, "antenna": 2.0, "hair": 0.8}.get(traits["accessory"], 0.0)
    hy = max(ty0 - hr * 0.55, 1.0 + hr + top_room * u) + dy
    head = g.ellipse(cx, hy, hr, hr * 0.95)
    acc = traits["accessory"]
    if acc == "ears":
        ew = traits["ear_w"] * u
        for sgn in (-1, 1):
            ex = cx + sgn * hr * 0.6
            head |= g.polygon([(ex - ew, hy - hr * 0.5), (ex + sgn * 0.3 * u, hy - hr - 1.6 * u), (ex + ew, hy - hr * 0.5)])
    f.part(head, MAIN)
    if acc == "hat":
        f.part(g.rect(cx - hr - 0.8 * u, hy - hr * 0.55, cx + hr + 0.8 * u, hy - hr * 0.55 + 1.0 * u)
               | g.rect(cx - hr * 0.7, hy - hr * 0.55 - traits["hat_h"] * u, cx + hr * 0.7, hy - hr * 0.5), SECOND)
    elif acc == "cap":
        cap = g.ellipse(cx, hy - hr * 0.35, hr * 1.02, hr * 0.75) & (g.y < hy - hr * 0.3)
        cap |= g.rect(cx, hy - hr * 0.45, cx + hr + (1.6 * u if side else 0.5 * u), hy - hr * 0.2)
        f.part(cap, SECOND)
    elif acc == "antenna":
        f.flat(g.rect(cx - 0.5 * u, hy - hr - 1.8 * u, cx + 0.5 * u, hy - hr + 0.5 * u), MAIN, R.DARK)
        f.part(g.ellipse(cx, hy - hr - 1.6 * u, 1.1 * u, 1.1 * u), ACCENT)
    elif acc == "hair":
        f.part(g.ellipse(cx, hy - hr * 0.45, hr * 1.05, hr * 0.7) & (g.y < hy - hr * 0.35), SECOND)
    _eyes(f, cx, hy + 0.2 * u, 1.5 * u, side)
    return f.finish()


def _enemy_traits(rng: np.random.Generator, behavior: str) -> dict:
    k = rng.integers(3, 7, size=2)
    wings = behavior == "flyer" or bool(rng.random() < 0.15 and behavior not in ("walker", "patrol"))
    small = 0.75 if wings else 1.0  # flyers keep room in the frame for their wings
    return {
        "rx": float(rng.uniform(4.6, 6.0)) * small,
        "ry": float(rng.uniform(4.0, 5.2)) * small,
        "wobble": [(int(k[i]), float(rng.uniform(0.02, 0.07))) for i in range(2)],
        "top": str(rng.choice(["none", "horns", "spikes", "ears"])),
        "one_eye": bool(rng.random() < 0.25),
        "teeth": bool(rng.random() < 0.6),
        "belly": bool(rng.random() < 0.6),
        "wings": wings,
        "horn_h": float(rng.uniform(1.5, 2.6)),
    }


# pose: (dy, left foot dx, right foot dx, wing phase -1 up .. 1 down, squash)
_ENEMY_POSES = [(0, -1, 1, -1, 0.0), (-1, 0, 0, 0, 0.4), (0, 1, -1, 1, 0.0), (-1, 0, 0, 0, 0.4)]


def _draw_enemy(size: int, traits: dict, pose: tuple, side: bool) -> np.ndarray:
    f = _Frame(size)
    u, g, cx = f.u, f.g, size / 2.0
    dy, lfx, rfx, wing, squash = pose
    flying = traits["wings"]
    if flying:  # flyers hover: no feet, bob more
        dy = dy - 1
    rx, ry = (traits["rx"] + squash * 0.5) * u, (traits["ry"] - squash * 0.5) * u
    # a blob whose radius varies with the angle from the vertical axis: cos terms only, so the
    # silhouette is mirror-symmetric whatever the seed
    def radius(theta):
        return 1.0 + sum(a * np.cos(k * theta) for k, a in traits["wobble"])

    feet_h = 2.0 * u
    cy = size - 1.0 - (feet_h if not flying else 3.0 * u) - ry * radius(np.pi) + 0.8 * u + dy
    theta = np.arctan2(g.x - cx, -(g.y - cy))
    body = ((g.x - cx) / rx) ** 2 + ((g.y - cy) / ry) ** 2 <= radius(theta) ** 2
    if not flying:
        feet = g.rect(cx - 3.5 * u + lfx * u, size - 1 - feet_h - 1.0 * u, cx - 1.0 * u + lfx * u, size - 1.0)
        feet |= g.rect(cx + 1.0 * u + rfx * u, size - 1 - feet_h - 1.0 * u, cx + 3.5 * u + rfx * u, size - 1.0)
        f.part(feet, SECOND)
    else:  # wings flap: tip high, level, low, level
        tip = cy + wing * 3.5 * u - 1.0 * u
        for sgn in (-1, 1):
            x_in, x_out = cx + sgn * rx * 0.5, cx + sgn * (rx + 3.0 * u)
            f.part(g.polygon([(x_in, cy - 2.0 * u), (x_out, tip - 1.0 * u), (x_out, tip + 1.5 * u), (x_in, cy + 1.5 * u)]), SECOND)
    top = traits["top"]
    if top == "horns":
        for sgn in (-1, 1):
            bx = cx + sgn * rx * 0.5
            f.part(g.polygon([(bx - 1.2 * u, cy - ry * 0.7), (bx + sgn * 1.0 * u, cy - ry - traits["horn_h"] * u), (bx + 1.2 * u, cy - ry * 0.7)]), SECOND)
    elif top == "spikes":
        for i in (-1, 0, 1):
            bx = cx + i * rx * 0.45
            f.part(g.polygon([(bx - 1.3 * u, cy - ry * 0.8), (bx, cy - ry - (1.8 - abs(i) * 0.5) * u), (bx + 1.3 * u, cy - ry * 0.8)]), SECOND)
    elif top == "ears":
        for sgn in (-1, 1):
            body |= g.ellipse(cx + sgn * rx * 0.7, cy - ry * 0.75, 1.5 * u, 1.8 * u)
    f.part(body, MAIN)
    if traits["belly"] and not traits["teeth"]:
        f.part(g.ellipse(cx, cy + ry * 0.55, rx * 0.5, ry * 0.35) & body, SECOND, rim=False)
    eye_y = cy - ry * 0.2
    _eyes(f, cx, eye_y, 2.0 * u, side, angry=True, one=traits["one_eye"])
    if traits["teeth"]:
        my = eye_y + 2.5 * u
        mouth = g.rect(cx - 2.0 * u + (0.6 * u if side else 0), my, cx + 2.0 * u + (0.6 * u if side else 0), my + 1.2 * u) & body
        f.flat(mouth, BLACK, R.MID)
        teeth = mouth & (np.floor(g.x / max(1.0, u)) % 2 == 0) & (g.y < my + max(1.0, 0.6 * u))
        f.flat(teeth, WHITE, R.MID)
    return f.finish()


# =============================================================================================
# Still things: items, hazards, goals and icons. Each shape draws one frame; frame 1 bobs/shines.
# =============================================================================================

SHAPE_WORDS = [
    (r"coin|gold|money|cash|token|ring", "coin"),
    (r"diamond|gem|crystal|jewel|ruby|emerald|sapphire|shard", "gem"),
    (r"apple|fruit|cherry|berry|orange|peach|plum|tomato|food", "fruit"),
    (r"key", "key"),
    (r"potion|bottle|flask|elixir|vial", "potion"),
    (r"star", "star"),
    (r"heart|life|health", "heart"),
    (r"amulet|necklace|talisman|medallion|pendant|relic|idol", "amulet"),
    (r"flag|checkpoint|finish|banner", "flag"),
    (r"door|exit|gate|stairs|portal", "door"),
    (r"cactus", "cactus"),
    (r"saw|blade|buzz", "saw"),
    (r"fire|flame|lava|torch|burn", "flame"),
    (r"spike|thorn|trap|nail|spear|pit", "spikes"),
    (r"clock|time|hourglass|watch", "clock"),
    (r"skull|bone|death|poison", "skull"),
]
ROLE_DEFAULT_SHAPE = {"item": "orb", "hazard": "spikes", "goal": "flag"}


def _shape_coin(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    rx = (5.5 if frame == 0 else 3.0) * u  # frame 1 is the coin turned edge-on: it spins
    coin = g.ellipse(cx, cy, rx, 6.0 * u)
    f.part(coin, MAIN)
    inner = g.ellipse(cx, cy, max(rx - 1.8 * u, 0.6 * u), 4.2 * u)
    f.part(inner, SECOND, rim=False)
    f.flat(g.rect(cx - 0.5 * u, cy - 2.5 * u, cx + 0.6 * u, cy + 2.5 * u) & inner, MAIN, R.LIGHT)


def _shape_gem(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    top, mid_y, bot = cy - 5.5 * u, cy - 1.5 * u, cy + 6.0 * u
    gem = g.polygon([(cx - 3 * u, top), (cx + 3 * u, top), (cx + 6 * u, mid_y), (cx, bot), (cx - 6 * u, mid_y)])
    f.part(gem, MAIN)
    f.flat(gem & (g.y < mid_y) & (g.y >= top + 1), MAIN, R.LIGHT)  # the table catches the light
    f.flat(gem & g.polygon([(cx - 2 * u, mid_y), (cx + 2 * u, mid_y), (cx, bot)]), SECOND, R.MID)
    f.flat(gem & (np.abs(g.y - mid_y) < 0.5), MAIN, R.DARK)


def _shape_fruit(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    body = g.ellipse(cx - 1.6 * u, cy + 1.5 * u, 3.6 * u, 4.4 * u) | g.ellipse(cx + 1.6 * u, cy + 1.5 * u, 3.6 * u, 4.4 * u)
    f.part(body, MAIN)
    f.flat(g.ellipse(cx - 2.5 * u, cy - 0.5 * u, 0.9 * u, 1.2 * u), MAIN, R.HIGH)
    f.part(g.rect(cx - 0.5 * u, cy - 5.5 * u, cx + 0.6 * u, cy - 2.0 * u), WOOD)
    f.part(g.ellipse(cx + 2.3 * u, cy - 4.3 * u, 2.2 * u, 1.2 * u), LEAF)


def _shape_key(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    f.part(g.ring(cx - 3.0 * u, cy, 3.2 * u, 1.4 * u), MAIN)
    shaft = g.rect(cx - 0.2 * u, cy - 0.8 * u, cx + 6.5 * u, cy + 0.8 * u)
    shaft |= g.rect(cx + 3.0 * u, cy, cx + 4.3 * u, cy + 3.0 * u) | g.rect(cx + 5.2 * u, cy, cx + 6.5 * u, cy + 2.4 * u)
    f.part(shaft, MAIN)


def _shape_potion(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    glass = g.ellipse(cx, cy + 2.2 * u, 4.6 * u, 4.4 * u) | g.rect(cx - 1.4 * u, cy - 4.5 * u, cx + 1.4 * u, cy)
    f.part(glass, WHITE)
    f.part(g.ellipse(cx, cy + 2.2 * u, 4.6 * u, 4.4 * u) & (g.y > cy + 0.8 * u), MAIN)
    f.flat(g.ellipse(cx - 1.8 * u, cy + 1.0 * u, 0.8 * u, 1.1 * u), WHITE, R.HIGH)
    f.part(g.rect(cx - 1.8 * u, cy - 6.5 * u, cx + 1.8 * u, cy - 4.5 * u), WOOD)


def _shape_star(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    pts = []
    for i in range(10):
        r = (6.6 if i % 2 == 0 else 2.8) * u
        a = -np.pi / 2 + i * np.pi / 5
        pts.append((cx + r * np.cos(a), cy + 0.6 * u + r * np.sin(a)))
    star = g.polygon(pts)
    f.part(star, MAIN)
    f.flat(star & g.ellipse(cx, cy + 0.6 * u, 1.8 * u, 1.8 * u), MAIN, R.LIGHT)


def _shape_heart(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    heart = g.ellipse(cx - 2.8 * u, cy - 1.6 * u, 3.2 * u, 3.2 * u) | g.ellipse(cx + 2.8 * u, cy - 1.6 * u, 3.2 * u, 3.2 * u)
    heart |= g.polygon([(cx - 5.9 * u, cy - 0.8 * u), (cx + 5.9 * u, cy - 0.8 * u), (cx, cy + 6.2 * u)])
    f.part(heart, MAIN)
    f.flat(g.ellipse(cx - 3.2 * u, cy - 2.4 * u, 1.0 * u, 1.0 * u), MAIN, R.HIGH)


def _shape_orb(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    f.part(g.ellipse(cx, cy, 5.2 * u, 5.2 * u), MAIN)
    f.part(g.ellipse(cx + 0.8 * u, cy + 0.8 * u, 2.6 * u, 2.6 * u), SECOND, rim=False)
    f.flat(g.ellipse(cx - 2.2 * u, cy - 2.2 * u, 1.0 * u, 1.0 * u), WHITE, R.MID)


def _shape_amulet(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    chain = g.polygon([(cx - 5 * u, cy - 6.5 * u), (cx - 3.8 * u, cy - 6.5 * u), (cx, cy - 0.5 * u), (cx + 3.8 * u, cy - 6.5 * u),
                       (cx + 5 * u, cy - 6.5 * u), (cx, cy + 1.5 * u)])
    f.flat(chain, ACCENT, R.MID)
    f.part(g.ellipse(cx, cy + 2.5 * u, 4.2 * u, 4.2 * u), ACCENT)
    f.part(g.ellipse(cx, cy + 2.5 * u, 2.3 * u, 2.3 * u), MAIN)


def _shape_flag(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    px = cx - 4.5 * u
    f.part(g.rect(px, cy - 6.5 * u, px + 1.4 * u, f.s - 1.0), METAL)
    f.part(g.ellipse(px + 0.7 * u, cy - 6.8 * u, 1.2 * u, 1.2 * u), ACCENT)
    wave = np.sin((g.x - px) / (2.0 * u) + frame * np.pi) * 0.9 * u  # frame 1: the cloth ripples
    cloth = (g.x >= px + 1.4 * u) & (g.x < px + 10.0 * u) & (g.y >= cy - 6.0 * u + wave) & (g.y < cy - 0.5 * u + wave)
    f.part(cloth, MAIN)


def _shape_door(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    y0, y1 = 1.0 + 1.0 * u, f.s - 1.0
    door = g.rect(cx - 5.0 * u, y0 + 3.0 * u, cx + 5.0 * u, y1) | g.ellipse(cx, y0 + 3.5 * u, 5.0 * u, 3.6 * u)
    f.part(door, WOOD)
    inner = g.rect(cx - 3.5 * u, y0 + 3.5 * u, cx + 3.5 * u, y1) | g.ellipse(cx, y0 + 3.8 * u, 3.5 * u, 2.4 * u)
    f.part(inner, MAIN)
    f.flat(inner & (np.abs(g.x - cx) < 0.5), MAIN, R.DARK)
    f.part(g.ellipse(cx + 2.2 * u, y0 + 8.5 * u, 0.9 * u, 0.9 * u), ACCENT)


def _shape_spikes(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
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


def _shape_cactus(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    base = f.s - 1.0
    cactus = g.rect(cx - 2.0 * u, cy - 5.5 * u, cx + 2.0 * u, base) | g.ellipse(cx, cy - 5.5 * u, 2.0 * u, 1.5 * u)
    cactus |= g.rect(cx - 5.5 * u, cy - 0.5 * u, cx - 2.0 * u, cy + 1.3 * u) | g.rect(cx - 5.5 * u, cy - 3.5 * u, cx - 3.8 * u, cy + 1.3 * u)
    cactus |= g.rect(cx + 2.0 * u, cy + 1.0 * u, cx + 5.5 * u, cy + 2.8 * u) | g.rect(cx + 3.8 * u, cy - 2.0 * u, cx + 5.5 * u, cy + 2.8 * u)
    f.part(cactus, MAIN)
    for yy in range(2, 6):
        f.dot(cx - 0.5 * u + (yy % 2) * u, cy + (yy * 2 - 7) * u, WHITE, R.MID if frame == 0 else R.HIGH)


def _shape_saw(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    ang = np.arctan2(g.y - cy, g.x - cx) + frame * np.pi / 8  # frame 1 is turned half a tooth
    r = np.hypot(g.x - cx, g.y - cy)
    saw = r <= (5.0 + 1.6 * (((ang / (2 * np.pi / 8)) % 1.0) < 0.5)) * u
    f.part(saw, MAIN)
    f.part(g.ellipse(cx, cy, 1.6 * u, 1.6 * u), BLACK)


def _shape_flame(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    lean = (1.0 if frame else -1.0) * u
    outer = g.ellipse(cx, cy + 2.5 * u, 4.8 * u, 4.0 * u) | g.polygon([(cx - 4.6 * u, cy + 2 * u), (cx + lean, cy - 7 * u), (cx + 4.6 * u, cy + 2 * u)])
    f.part(outer, MAIN)
    inner = g.ellipse(cx, cy + 3.5 * u, 2.4 * u, 2.4 * u) | g.polygon([(cx - 2.3 * u, cy + 3 * u), (cx - lean, cy - 2 * u), (cx + 2.3 * u, cy + 3 * u)])
    f.part(inner, ACCENT, rim=False)


def _shape_clock(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    f.part(g.ellipse(cx, cy, 6.0 * u, 6.0 * u), MAIN)
    f.part(g.ellipse(cx, cy, 4.6 * u, 4.6 * u), WHITE, rim=False)
    f.flat(g.rect(cx - 0.5, cy - 3.5 * u, cx + 0.5 * u + 0.5, cy + 0.5), BLACK, R.MID)
    f.flat(g.rect(cx - 0.5, cy - 0.5, cx + 3.0 * u, cy + 0.5 * u + 0.5), BLACK, R.MID)


def _shape_skull(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    skull = g.ellipse(cx, cy - 1.0 * u, 5.8 * u, 5.0 * u) | g.rect(cx - 3.2 * u, cy + 2.0 * u, cx + 3.2 * u, cy + 5.8 * u)
    f.part(skull, WHITE)
    f.flat(g.ellipse(cx - 2.4 * u, cy, 1.5 * u, 1.6 * u) | g.ellipse(cx + 2.4 * u, cy, 1.5 * u, 1.6 * u), BLACK, R.MID)
    f.flat(g.rect(cx - 0.5 * u, cy + 2.2 * u, cx + 0.5 * u, cy + 3.2 * u) | (g.rect(cx - 2.5 * u, cy + 4.3 * u, cx + 2.5 * u, cy + 5.8 * u) & (np.floor(g.x / max(1.0, u)) % 2 == 0)), BLACK, R.MID)


SHAPES: dict[str, Callable[[_Frame, float, float, int, float], None]] = {
    "coin": _shape_coin, "gem": _shape_gem, "fruit": _shape_fruit, "key": _shape_key, "potion": _shape_potion,
    "star": _shape_star, "heart": _shape_heart, "orb": _shape_orb, "amulet": _shape_amulet, "flag": _shape_flag,
    "door": _shape_door, "spikes": _shape_spikes, "cactus": _shape_cactus, "saw": _shape_saw, "flame": _shape_flame,
    "clock": _shape_clock, "skull": _shape_skull,
}
# Shapes that stand on the ground do not bob; they shine or ripple in place instead.
GROUNDED = {"flag", "door", "spikes", "cactus"}


def _draw_still(size: int, shape: str, frame: int, rng_v: float) -> np.ndarray:
    f = _Frame(size)
    bob = 0 if shape in GROUNDED else -frame * max(1, round(f.u))
    SHAPES[shape](f, size / 2.0, size / 2.0 + bob, frame, rng_v)
    if frame == 1 and shape not in GROUNDED and shape not in ("coin", "saw", "flame"):
        sx, sy = size / 2.0 + 3.5 * f.u, size / 2.0 - 4.5 * f.u + bob  # a sparkle: the "shine" frame
        for ddx, ddy in ((0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)):
            f.dot(sx + ddx, sy + ddy, WHITE, R.HIGH)
    return f.finish()


def shape_for(role: str, *texts: Any) -> str:
    """Which still shape fits an entity: its name/slug first, then its description, then the role."""
    for text in texts:
        shape = _pick(_words(text), SHAPE_WORDS, "")
        if shape:
            return shape
    return ROLE_DEFAULT_SHAPE.get(role, "orb")


# =============================================================================================
# Public generators
# =============================================================================================

ANIMS = {
    "player": {"idle": [0, 1], "walk": [2, 3, 4, 5], "jump": [6]},
    "enemy": {"move": [0, 1, 2, 3]},
}


def _size(params: dict, default: int = 16) -> int:
    try:
        s = int(params.get("size", default))
    except (TypeError, ValueError):
        s = default
    return min(max(s, 8), 64)


def sprite(params: dict, seed: int) -> tuple[bytes, dict]:
    """A character or object as a horizontal strip of animation frames."""
    rng = _rng(seed)
    role = str(params.get("role", "item"))
    role = role if role in ROLE_COLORS else "item"
    size = _size(params)
    side = params.get("view", "side") != "top"
    pal = params.get("palette")
    main_role, second_role = ROLE_COLORS[role]
    main = R.color(pal, main_role)
    second = R.color(pal, second_role, main_role) if role != "hazard" else R.mix(main, (40, 40, 60), 0.5)
    ramps = _ramps(main, second, R.color(pal, "accent"))
    if role == "player":
        traits = _player_traits(rng)
        frames = [_draw_player(size, traits, pose, side) for pose in _PLAYER_POSES]
        anims = ANIMS["player"]
    elif role == "enemy":
        traits = _enemy_traits(rng, str(params.get("behavior", "walker")))
        frames = [_draw_enemy(size, traits, pose, side) for pose in _ENEMY_POSES]
        anims = ANIMS["enemy"]
    else:
        shape = shape_for(role, _words(params.get("name"), params.get("slug")), params.get("description"))
        v = float(rng.random())
        if shape == "orb" and v < 0.5:  # unnamed items vary with the seed between orb and gem
            shape = "gem"
        frames = [_draw_still(size, shape, i, v) for i in range(2)]
        anims = {"idle": [0, 1]}
    strip = np.concatenate([R.render(lab, ramps) for lab in frames], axis=1)
    return encode_png(strip), {"frames": len(frames), "w": size, "h": size, "anims": anims}


# At 8 px a geometric drawing loses its shape to the outline; these are drawn by hand.
# o outline, d dark, m mid, l light, h highlight, s second colour, w white, k black.
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
    size = _size(params, 16)
    name = str(params.get("icon", "star"))
    shape = name if name in SHAPES else shape_for("item", name)
    pal = params.get("palette")
    colors = {
        "heart": ((224, 48, 64), (160, 24, 48)),
        "coin": (R.color(pal, "item"), R.color(pal, "item2", "item")),
        "key": (R.color(pal, "item2", "item"), R.color(pal, "item")),
        "clock": (R.color(pal, "ui_text"), R.color(pal, "ui")),
        "star": (R.color(pal, "accent"), R.color(pal, "item")),
        "skull": (_WHITE, _BLACK),
        "flag": (R.color(pal, "goal"), R.color(pal, "accent")),
    }.get(shape, (R.color(pal, "accent"), R.color(pal, "item")))
    if shape == "clock":
        colors = (R.mix(colors[1], (120, 120, 140), 0.5), colors[1])
    lab = _icon_bitmap(ICONS_8[shape]) if size == 8 and shape in ICONS_8 else _draw_still(size, shape, 0, 0.0)
    rgba = R.render(lab, _ramps(colors[0], colors[1], R.color(pal, "accent")))
    return encode_png(rgba), {"frames": 1, "w": size, "h": size}


# =============================================================================================
# Tiles: 16x16 (or size) level blocks. Drawn as label images over tile ramps:
# MAIN = the tile's material, SECOND = its top/trim material, then the fixed ramps.
# =============================================================================================

THEME_TOPS = [
    (r"snow|ice|winter|frost|arctic|polar", "snow"),
    (r"desert|sand|dune|beach|egypt", "sand"),
    (r"lava|volcan|fire|hell|magma", "ash"),
    (r"cave|dungeon|mine|crypt|castle|underground|space|moon|planet|metal|factory|city", "stone"),
]
TOP_COLORS = {"grass": (84, 176, 64), "snow": (236, 244, 252), "sand": (232, 200, 120), "ash": (96, 80, 80), "stone": (150, 150, 160)}


def _top_kind(theme: str) -> str:
    return _pick(_words(theme), THEME_TOPS, "grass")


def _speckle(lab: np.ndarray, mask: np.ndarray, rng: np.random.Generator, ramp_index: int, dark: float, light: float) -> None:
    r = rng.random(lab.shape)
    lab[mask & (r < dark)] = R.label(ramp_index, R.DARK)
    lab[mask & (r > 1.0 - light)] = R.label(ramp_index, R.LIGHT)


def _tile_ground(f: _Frame, rng: np.random.Generator, top: bool, grass_only: bool) -> None:
    s, u = f.s, f.u
    body = np.ones((s, s), bool)
    f.flat(body, MAIN, R.MID)
    _speckle(f.lab, body, rng, MAIN, 0.10, 0.05)
    if not top:
        return
    # a jagged lip: per-column depth, smoothed so it reads as tufts rather than noise
    depth = 3.0 * u + np.convolve(rng.uniform(-1.2, 1.8, s + 2) * u, np.ones(3) / 3, mode="valid")
    if grass_only:
        depth[:] = s
    lip = f.g.y < depth[None, :]
    f.flat(lip, SECOND, R.MID)
    _speckle(f.lab, lip, rng, SECOND, 0.08, 0.0)
    f.flat(lip & (f.g.y < 1.0 * u), SECOND, R.LIGHT)
    f.flat(lip & ~R.shift(lip, -1, 0), SECOND, R.DARK)  # the lip's lower edge casts a line
    if grass_only:  # blades: short dark strokes
        r = rng.random((s, s))
        f.flat((r < 0.08) | R.shift(r < 0.08, 1, 0), SECOND, R.DARK)


def _tile_blocks(f: _Frame, rng: np.random.Generator, rows: int, cols: int) -> None:
    s = f.s
    bh, bw = s / rows, s / cols
    row = np.floor(f.g.y / bh)
    xs = f.g.x + (row % 2) * bw / 2  # every other course is offset by half a block
    f.flat(np.ones((s, s), bool), MAIN, R.MID)
    _speckle(f.lab, np.ones((s, s), bool), rng, MAIN, 0.06, 0.04)
    y_in, x_in = f.g.y - row * bh, xs % bw
    f.flat(y_in < 1.0, MAIN, R.LIGHT)
    f.flat((y_in >= bh - 1.0) | (x_in >= bw - 1.0), MAIN, R.OUTLINE)
    f.flat((x_in < 1.0) & (y_in < bh - 1.0), MAIN, R.LIGHT)


def _tile_crate(f: _Frame) -> None:
    s, u, g = f.s, f.u, f.g
    full = np.ones((s, s), bool)
    f.flat(full, WOOD, R.MID)
    f.flat((np.floor(g.y / (4 * u)) % 2 == 0) & (g.y % (4 * u) < 1), WOOD, R.DARK)  # plank seams
    frame = ~g.rect(2 * u, 2 * u, s - 2 * u, s - 2 * u)
    cross = (np.abs(g.x - g.y) < 1.3 * u) | (np.abs(g.x - (s - g.y)) < 1.3 * u)
    f.part((frame | cross), WOOD)
    f.flat(g.rect(0, 0, s, 1) | g.rect(0, 0, 1, s), WOOD, R.LIGHT)
    f.flat(g.rect(0, s - 1, s, s) | g.rect(s - 1, 0, s, s), WOOD, R.OUTLINE)


def _tile_floor(f: _Frame, rng: np.random.Generator, noise: float) -> None:
    s = f.s
    full = np.ones((s, s), bool)
    f.flat(full, MAIN, R.MID)
    _speckle(f.lab, full, rng, MAIN, noise, noise * 0.6)
    f.flat(f.g.rect(0, s - 1, s, s) | f.g.rect(s - 1, 0, s, s), MAIN, R.DARK)


def tile(params: dict, seed: int) -> tuple[bytes, dict]:
    """A level tile; solid tiles fill the square, objects (key, spike, ladder ...) keep transparency."""
    rng = _rng(seed)
    size = _size(params)
    kind = str(params.get("tile", "ground"))
    pal, theme = params.get("palette"), str(params.get("theme", ""))
    top = _top_kind(theme)
    ground, ground2, wall = R.color(pal, "ground"), R.color(pal, "ground2", "ground"), R.color(pal, "wall")
    accent = R.color(pal, "accent")
    main, second = ground, TOP_COLORS[top]
    f = _Frame(size)
    g, u, s = f.g, f.u, size
    outlined = False
    if kind in ("ground", "grass"):
        if top == "stone":
            second = R.mix(ground2, (150, 150, 160), 0.4)
        _tile_ground(f, rng, True, kind == "grass")
    elif kind in ("floor", "path"):
        main = ground2 if kind == "floor" else R.mix(ground2, (230, 210, 160), 0.35)
        _tile_floor(f, rng, 0.05 if kind == "floor" else 0.12)
    elif kind == "wall":
        main = wall
        _tile_blocks(f, rng, 2, 2)
    elif kind == "brick":
        main = R.mix(wall, (176, 72, 48), 0.55)
        _tile_blocks(f, rng, 4, 2)
    elif kind == "platform":
        main, second = ground2, TOP_COLORS[top] if top != "stone" else R.mix(ground2, (200, 200, 210), 0.4)
        slab = g.rect(0, 1, s, 7 * u)
        f.part(slab, MAIN)
        f.flat(slab & (g.y < 1 + 1.5 * u), SECOND, R.MID)
        f.flat(slab & (g.y < 1 + 0.6 * u), SECOND, R.LIGHT)
        f.flat(slab & (np.abs(g.x - s / 2) < 0.5) & (g.y > 2.5 * u), MAIN, R.DARK)
        f.part(g.polygon([(3 * u, 7 * u), (s - 3 * u, 7 * u), (s / 2, 11 * u)]), MAIN)  # a bracket underneath
        outlined = True
    elif kind == "door":
        main = wall
        _tile_blocks(f, rng, 2, 2)
        door = g.rect(2 * u, 2 * u, s - 2 * u, s) | g.ellipse(s / 2, 5 * u, 6 * u, 4 * u)
        f.flat(door & (g.y < s), WOOD, R.OUTLINE)
        inner = g.rect(3 * u, 3 * u, s - 3 * u, s) | g.ellipse(s / 2, 5.5 * u, 5 * u, 3.5 * u)
        f.part(inner, WOOD)
        f.flat(inner & ((np.floor(g.x / (2.5 * u)) % 2) == 0) & (g.x % (2.5 * u) < 1), WOOD, R.DARK)
        f.part(g.rect(s / 2 - 2 * u, 8 * u, s / 2 + 2 * u, 12 * u), ACCENT)  # the lock
        f.flat(g.rect(s / 2 - 0.5 * u, 9 * u, s / 2 + 0.5 * u, 11.2 * u), BLACK, R.MID)
    elif kind == "exit":
        main = wall
        _tile_blocks(f, rng, 2, 2)
        hole = g.rect(2 * u, 2 * u, s - 2 * u, s - 1 * u)
        f.flat(hole, BLACK, R.MID)
        for i in range(4):  # stairs going down into the dark
            step = g.rect(2 * u + i * 3 * u, 4 * u + i * 3 * u, s - 2 * u, 4 * u + i * 3 * u + 3 * u) & hole
            f.flat(step, MAIN, [R.HIGH, R.LIGHT, R.MID, R.DARK][i])
            f.flat(step & (g.y < 4 * u + i * 3 * u + 1), WHITE, R.MID if i < 2 else R.DARK)
    elif kind == "box":
        main = R.mix(_WOOD, accent, 0.2)
        _tile_crate(f)
    elif kind == "target":
        main = ground2
        _tile_floor(f, rng, 0.05)
        f.flat(g.ring(s / 2, s / 2, 6 * u, 3.8 * u) | g.ellipse(s / 2, s / 2, 1.6 * u, 1.6 * u), ACCENT, R.MID)
        f.flat(g.ring(s / 2, s / 2, 6.5 * u, 6 * u), ACCENT, R.DARK)
    elif kind == "water":
        main = R.mix(R.color(pal, "sky"), (40, 110, 210), 0.6)
        full = np.ones((s, s), bool)
        f.flat(full, MAIN, R.MID)
        f.flat(g.y > s * 0.6, MAIN, R.DARK)
        phase = rng.uniform(0, 2 * np.pi)
        for y0 in (3 * u, 10 * u):
            crest = np.abs(g.y - (y0 + 1.2 * u * np.sin(g.x / (2.5 * u) + phase))) < 0.6
            f.flat(crest, MAIN, R.LIGHT)
        f.flat(g.y < 1, MAIN, R.HIGH)
    elif kind == "ladder":
        rails = g.rect(2.5 * u, 0, 4.5 * u, s) | g.rect(s - 4.5 * u, 0, s - 2.5 * u, s)
        rungs = (g.x > 4 * u) & (g.x < s - 4 * u) & ((g.y % (4 * u)) < 1.5 * u) & ((g.y % (4 * u)) >= 0.2 * u)
        f.part(rails | rungs, WOOD)
        f.lab[:, 0] = f.lab[:, -1] = 0
    elif kind in ("spike", "key", "goal"):
        shape = {"spike": "spikes", "key": "key", "goal": "flag"}[kind]
        main = {"spike": R.color(pal, "hazard"), "key": R.color(pal, "item", "accent"), "goal": R.color(pal, "goal")}[kind]
        second = R.color(pal, "accent")
        SHAPES[shape](f, s / 2, s / 2, 0, 0.0)
        outlined = True
    else:  # an unknown tile name still gets a plain, readable block
        _tile_blocks(f, rng, 2, 1)
    if outlined:
        lab = f.finish()
    else:
        lab = f.lab
    ramps = _ramps(main, second, accent)
    return encode_png(R.render(lab, ramps)), {"frames": 1, "w": size, "h": size}


# =============================================================================================
# Backgrounds: a dithered sky and parallax silhouettes chosen by theme keywords.
# =============================================================================================

SCENES = [
    (r"space|galaxy|star|cosmic|planet|alien|asteroid", "space"),
    (r"lava|volcan|hell|magma|inferno", "lava"),
    (r"cave|dungeon|mine|crypt|underground|tomb|castle", "cave"),
    (r"sea|ocean|water|beach|island|pirate|lake|river", "sea"),
    (r"snow|ice|winter|frost|arctic|polar|mountain", "snow"),
    (r"desert|sand|dune|egypt", "desert"),
    (r"city|urban|street|town|cyber|neon|metro", "city"),
    (r"forest|jungle|wood|tree", "forest"),
    (r"night|dark|spooky|haunt|ghost|graveyard|moon", "night"),
]
_BAYER4 = np.array([[0, 8, 2, 10], [12, 4, 14, 6], [3, 11, 1, 9], [15, 7, 13, 5]], np.float64) / 16.0 + 1 / 32


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
    thresh = np.tile(_BAYER4, (h // 4 + 1, w // 4 + 1))[:h, :w]
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
    """A full-screen backdrop (opaque), or for layer >= 1 a transparent parallax foreground."""
    rng = _rng(seed)
    w = min(max(int(params.get("width", 480) or 480), 16), 2048)
    h = min(max(int(params.get("height", 270) or 270), 16), 2048)
    pal = params.get("palette")
    theme = str(params.get("theme", ""))
    scene = _pick(_words(theme), SCENES, "hills")
    sky, sky2 = R.color(pal, "sky"), R.color(pal, "sky2", "sky")
    ground, ground2, wall = R.color(pal, "ground"), R.color(pal, "ground2", "ground"), R.color(pal, "wall")
    accent = R.color(pal, "accent")
    layer = int(params.get("layer", 0) or 0)
    g = R.Grid(h, w)
    if params.get("view", "side") == "top":
        return _top_background(rng, h, w, scene, ground, ground2, accent)
    if scene in ("space", "night"):
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
    if scene == "space":
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
    thresh = np.tile(_BAYER4, (h // 4 + 1, w // 4 + 1))[:h, :w]
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
    return Asset(kind=job.kind, name=job.name, key=job.key, generator=job.generator, seed=job.seed,
                 media_type="image/png", data=data, meta=meta)


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
