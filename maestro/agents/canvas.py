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
    return [R.ramp(c) for c in (main, second, _WHITE, _BLACK, _LEAF, _METAL, _WOOD, accent, _GLASS, _FIRE)]


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
# Body plans: a sprite whose name (or description) names what it is gets that shape instead of
# the generic creature: vehicles, rocks, flyers, ghosts, slimes, skeletons, spiders, robots,
# turrets. Drawn in a 16-unit space (the grid is scaled by the frame size), so one drawing
# serves 16, 24 and 32 px; top-view vehicles are drawn nose-up and turned by swapping axes.
# =============================================================================================

GLASS, FIRE = 8, 9
_GLASS, _FIRE = (136, 208, 248), (248, 128, 32)

BODY_WORDS = [
    (r"\bufos?\b|\bovnis?\b|saucer|platillo", "ufo"),
    (r"submarin|onderzee|\bsub\b|duikboot", "submarine"),
    (r"\btanks?\b|\btanques?\b", "tank"),
    (r"\bboats?\b|\bbarcos?\b|\bbotes?\b|galleon|galeón|sailboat|velero|yacht|canoe|pirate ship|\bschip\b|\bboot\b|zeilboot", "boat"),
    (r"spaceship|space ship|starship|star ship|rocket|cohete|\braket|ruimteschip|\bnaves?\b|fighter|interceptor|"
     r"\bships?\b|\bshuttle|\bcruiser|\bvessel|\bstarfighter", "ship"),
    (r"\bjets?\b|\bplanes?\b|airplane|aeroplane|avi[oó]n|aviones|vliegtuig|biplane|\bavioneta", "plane"),
    (r"\bcars?\b|\bcoches?\b|\bkarts?\b|\bautos?\b|racer|racecar|\btrucks?\b|cami[oó]n|\btaxi|\bbus\b|buggy|carro", "car"),
    (r"asteroid|meteor|boulder|\brocks?\b|\brocas?\b|piedra|\brots\b|\bsteen\b|\bkei\b|pedrusco", "rock"),
    (r"dragon|drag[oó]n|draak|wyvern|drake", "dragon"),
    (r"\bbats?\b|murci[eé]lago|vleermuis", "bat"),
    (r"\bwasps?\b|\bbees?\b|hornet|\bflies\b|\bfly\b|mosquito|avispa|abeja|\bmosca|\bwesp|\bbij\b|\bvlieg\b|insect", "insect"),
    (r"\bbirds?\b|eagle|[aá]guila|gull|gaviota|pavana|\bcrows?\b|raven|cuervo|\bowls?\b|parrot|loro|\bduck|pato|"
     r"p[aá]jaro|\baves?\b|vogel|meeuw|\bhawk|falcon|halc[oó]n|pigeon|paloma|\bkraai|\barend|\bpenguin|pelican|vulture|buitre", "bird"),
    (r"ghost|ghoul|spirit|phantom|wraith|spectre|specter|fantasma|esp[ií]ritu|\bgeest|spook|\bboo\b|banshee|poltergeist", "ghost"),
    (r"slime|\bblobs?\b|\bgoo\b|jelly|ooze|gelatin|\blimo\b|babosa|slijm|\bgel\b|medusa|jellyfish", "slime"),
    (r"skelet|esqueleto|\bbones\b|undead|lich\b", "skeleton"),
    (r"spider|ara[ñn]a|\bspin\b|\bspinnen\b|tarantula|tar[aá]ntula", "spider"),
    (r"\bdrones?\b|\bdron\b|quadcopter", "drone"),
    (r"robot|\bbots?\b|droid|\bmech\b|cyborg|\bautomaton|\bandroid", "robot"),
    (r"tower|turret|\btoren|\bcannon|ca[ñn][oó]n|\bkanon|\btorres?\b|torreta|artillery|\bgun\b", "turret"),
]
VEHICLES = {"ship", "ufo", "plane", "car", "tank", "boat", "submarine", "turret"}


def body_for(*texts: Any) -> str:
    """The body plan a sprite's name (first) or description names; '' keeps the generic creature."""
    for text in texts:
        plan = _pick(_words(text), BODY_WORDS, "")
        if plan:
            return plan
    return ""


class _UFrame(_Frame):
    """A frame drawn in 16-unit coordinates; `heading` turns a nose-up drawing to face right or down."""

    def __init__(self, size: int, heading: str = "up") -> None:
        super().__init__(size)
        x, y = self.g.x / self.u, self.g.y / self.u
        if heading == "right":
            x, y = y, 16.0 - x
        elif heading == "down":
            y = 16.0 - y
        self.g.x, self.g.y = x, y


def _phase(i: int, n: int) -> int:
    """Animation phase 0..3 for frame i: enemies loop 0-3; the player's 7 frames are
    idle 0,1 / walk 0..3 / jump 2."""
    if n == 7:
        return [0, 1, 0, 1, 2, 3, 2][i]
    return i % 4


def _flame(f: _UFrame, x: float, y: float, length: float, half: float, axis: str) -> None:
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


def _wheel(f: _UFrame, x: float, y: float, r: float, ph: int) -> None:
    g = f.g
    f.part(g.ellipse(x, y, r, r), BLACK)
    f.flat(g.ellipse(x, y, r * 0.45, r * 0.45), METAL, R.MID)
    ang = ph * np.pi / 4  # a spoke turning a quarter of a half-turn per frame
    f.flat(g.segment(x - np.cos(ang) * r * 0.8, y - np.sin(ang) * r * 0.8, x + np.cos(ang) * r * 0.8,
                     y + np.sin(ang) * r * 0.8, 0.45) & g.ellipse(x, y, r * 0.85, r * 0.85), METAL, R.LIGHT)


def _body_ship(f, tr, ph, side):
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


def _body_ufo(f, tr, ph, side):
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


def _body_plane(f, tr, ph, side):
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


def _body_car(f, tr, ph, side):
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


def _body_tank(f, tr, ph, side):
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


def _body_boat(f, tr, ph, side):
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


def _body_submarine(f, tr, ph, side):
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


def _body_turret(f, tr, ph, side):
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


def _body_rock(f, tr, ph, side):
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


def _wing_pair(f, cx, cy, span, tip_dy, width, ramp, side, scallop=False):
    g = f.g
    wings = np.zeros_like(g.x, dtype=bool)
    if side:  # one wing seen edge-on from the side: rooted on the back, tip swinging up and down
        ty = cy + tip_dy * 1.2 - 1.6
        wings |= g.polygon([(cx - 3.0, cy + 0.4), (cx + 2.6, cy + 0.4), (cx + 0.2, ty + (1.0 if ty < cy else -1.0)), (cx - 4.2, ty)])
    for sgn in (() if side else (-1, 1)):
        tx = cx + sgn * span
        wings |= g.polygon([(cx - sgn * 0.2, cy - width / 2), (tx, cy + tip_dy - width * 0.6), (tx, cy + tip_dy + width * 0.3),
                            (cx - sgn * 0.2, cy + width / 2)])
    if scallop:
        wings &= ~(((g.x % 2.4) < 1.2) & (g.y > cy + tip_dy + width * 0.05))
    f.part(wings, ramp)


def _body_flyer(f, tr, ph, side, kind):
    g = f.g
    tip = [-4.4, -1.0, 2.6, -1.0][ph]  # wing tips: up, level, down, level
    bob = [0.0, 0.5, 1.0, 0.5][ph]
    cy = 8.4 + bob
    if kind == "insect":
        if side:
            f.part(g.ellipse(6.6, cy + 0.6, 3.6, 2.4), ACCENT)
            f.flat(g.ellipse(6.6, cy + 0.6, 3.6, 2.4) & ((g.x % 2.2) < 1.0), BLACK, R.MID)
            f.flat(g.polygon([(2.6, cy + 0.2), (2.6, cy + 1.2), (1.2, cy + 0.7)]), BLACK, R.MID)  # sting
            f.part(g.ellipse(11.0, cy - 0.2, 2.2, 2.0), BLACK)
            f.flat(g.ellipse(11.8, cy - 0.6, 0.8, 0.8), WHITE, R.MID)
            f.part(g.ellipse(7.4, cy - 2.6 + tip * 0.5, 2.2, 2.8), WHITE, rim=False)
        else:
            f.part(g.ellipse(8.0 - 3.0, cy - 1.8 + tip * 0.3, 2.8, 2.0) | g.ellipse(8.0 + 3.0, cy - 1.8 + tip * 0.3, 2.8, 2.0), WHITE, rim=False)
            body = g.ellipse(8.0, cy + 1.0, 2.4, 4.0)
            f.part(body, ACCENT)
            f.flat(body & ((g.y % 2.2) < 1.0) & (g.y > cy - 1.0), BLACK, R.MID)
            f.part(g.ellipse(8.0, cy - 3.6, 1.8, 1.6), BLACK)
        return
    if side:
        tail_x = 2.0
        body = g.ellipse(7.4, cy, 4.2, 2.6)
        if kind == "dragon":
            body |= g.polygon([(4.0, cy - 0.6), (4.0, cy + 1.6), (0.8, cy + 3.4)])  # tail
            body |= g.segment(10.4, cy - 0.6, 11.8, cy - 3.2, 1.2)  # neck
        else:
            body |= g.polygon([(4.0, cy - 1.0), (4.0, cy + 1.2), (tail_x - 0.6, cy + 1.8), (tail_x, cy - 1.4)])
        f.part(body, MAIN)
        hx, hy = (12.4, cy - 3.4) if kind == "dragon" else (11.8, cy - 1.6)
        if kind == "bat":
            hy = cy - 0.8
        head = g.ellipse(hx, hy, 2.4, 2.2)
        if kind == "bat":
            head |= g.polygon([(hx - 1.8, hy - 1.0), (hx - 1.2, hy - 3.8), (hx - 0.2, hy - 1.6)])
        if kind == "dragon":
            f.part(g.polygon([(hx - 1.6, hy - 1.2), (hx - 2.8, hy - 4.0), (hx - 0.6, hy - 1.8)]), ACCENT)
        f.part(head, MAIN)
        if kind in ("bird",):
            f.part(g.polygon([(hx + 1.8, hy - 0.8), (hx + 4.0, hy + 0.2), (hx + 1.8, hy + 1.0)]), ACCENT)
        if kind == "dragon":
            f.part(g.rect(hx + 1.0, hy - 0.4, hx + 3.6, hy + 1.2), MAIN)
        f.flat(g.rect(hx + 0.2, hy - 1.0, hx + 1.2, hy + 0.2), WHITE, R.MID)
        f.flat(g.rect(hx + 0.7, hy - 0.6, hx + 1.2, hy + 0.2), BLACK, R.MID)
        _wing_pair(f, 7.6, cy - 0.6, 6.0, tip, 3.2, SECOND, True, scallop=kind == "bat")
    else:
        span = 6.8 if tip < 0 else 7.2
        _wing_pair(f, 8.0, cy - 1.0, span, tip * 0.6, 3.4, SECOND, False, scallop=kind == "bat")
        body = g.ellipse(8.0, cy + 0.6, 2.6, 3.8)
        if kind == "bird":
            body |= g.polygon([(6.4, cy + 3.4), (9.6, cy + 3.4), (10.4, cy + 6.0), (5.6, cy + 6.0)])
        if kind == "dragon":
            body |= g.segment(8.0, cy + 3.0, 9.6, cy + 6.2, 0.8)
        f.part(body, MAIN)
        hy = cy - 3.4
        head = g.ellipse(8.0, hy, 2.2, 2.0)
        if kind == "bat":
            head |= g.polygon([(5.8, hy - 0.6), (6.4, hy - 3.4), (7.6, hy - 1.2)]) | g.polygon([(10.2, hy - 0.6), (9.6, hy - 3.4), (8.4, hy - 1.2)])
        f.part(head, MAIN)
        if kind == "bird":
            f.part(g.polygon([(7.2, hy + 1.4), (8.8, hy + 1.4), (8.0, hy + 3.2)]), ACCENT)
        f.flat(g.rect(6.4, hy - 0.8, 7.4, hy + 0.4) | g.rect(8.6, hy - 0.8, 9.6, hy + 0.4), WHITE, R.MID)
        f.flat(g.rect(6.9, hy - 0.4, 7.4, hy + 0.4) | g.rect(9.1, hy - 0.4, 9.6, hy + 0.4), BLACK, R.MID)


def _body_ghost(f, tr, ph, side):
    g = f.g
    bob = [0.0, -0.6, -1.0, -0.6][ph]
    top, bottom = 2.2 + bob, 13.6 + bob
    hem = bottom - 1.0 * (1 + np.sin(g.x * 1.7 + ph * np.pi / 2))
    sheet = g.ellipse(8.0, top + 4.8, 5.2, 4.8) | (g.rect(2.8, top + 4.8, 13.2, bottom + 1.0) & (g.y < hem))
    f.part(sheet, WHITE)
    f.flat(sheet & (g.x > 11.4), WHITE, R.DARK)
    sx = 0.8 if side else 0.0
    for ex in (6.0, 10.0):
        f.flat(g.ellipse(ex + sx, top + 5.0, 1.0, 1.5), BLACK, R.MID)
    f.flat(g.ellipse(8.0 + sx, top + 8.4, 1.0 + (ph % 2) * 0.4, 0.9 + (ph % 2) * 0.5), BLACK, R.MID)
    f.flat(g.ellipse(5.0, top + 3.0, 0.8, 0.8), MAIN, R.LIGHT)


def _body_slime(f, tr, ph, side):
    g = f.g
    sq = [0.0, 1.0, 0.0, -1.0][ph]  # squash, rest, stretch, rest
    rx, ry = 6.0 + sq * 0.8, 5.4 - sq * 1.0
    base = 14.6
    blob = g.ellipse(8.0, base, rx, ry * 2.0) & (g.y < base)
    blob |= g.ellipse(8.0, base - 0.4, rx + 0.4, 0.9)
    f.part(blob, MAIN)
    f.flat(blob & g.ellipse(8.0 - rx * 0.45, base - ry * 1.35, 1.0, 0.8), WHITE, R.MID)
    f.flat(blob & g.ellipse(8.0 - rx * 0.25, base - ry * 1.6, 0.6, 0.5), WHITE, R.MID)
    ey = base - ry * 0.9
    sx = 0.9 if side else 0.0
    for ex in (6.4, 9.6):
        f.flat(g.rect(ex + sx - 0.5, ey - 0.8, ex + sx + 0.5, ey + 0.9), BLACK, R.MID)
    f.flat(g.rect(7.2 + sx, ey + 1.8, 8.8 + sx, ey + 2.4), MAIN, R.OUTLINE)


def _body_skeleton(f, tr, ph, side):
    g = f.g
    stride = [0.0, 0.6, 1.6, -1.6][ph]
    bob = 0.5 if ph == 1 else 0.0
    bones = g.segment(6.6, 10.6, 6.6 - stride, 14.6, 0.6) | g.segment(9.4, 10.6, 9.4 + stride, 14.6, 0.6)  # legs
    bones |= g.segment(8.0, 6.0 + bob, 8.0, 10.8, 0.6)  # spine
    bones |= g.segment(5.2, 7.4 + bob, 4.2 + stride * 0.6, 11.0, 0.55) | g.segment(10.8, 7.4 + bob, 11.8 - stride * 0.6, 11.0, 0.55)  # arms
    for ry in (7.2, 8.6):
        bones |= g.rect(5.4, ry + bob, 10.6, ry + 0.8 + bob)  # ribs
    bones |= g.rect(6.0, 10.2, 10.0, 11.2)  # pelvis
    f.part(bones, WHITE)
    skull = g.ellipse(8.0, 3.6 + bob, 3.0, 2.6) | g.rect(6.2, 4.6 + bob, 9.8, 6.4 + bob)
    f.part(skull, WHITE)
    sx = 0.7 if side else 0.0
    f.flat(g.ellipse(6.8 + sx, 3.8 + bob, 0.8, 0.9) | g.ellipse(9.2 + sx, 3.8 + bob, 0.8, 0.9), BLACK, R.MID)
    f.flat(g.rect(7.0 + sx, 5.8 + bob, 9.0 + sx, 6.4 + bob) & ((g.x % 1.0) < 0.5), BLACK, R.MID)
    f.flat(g.rect(6.0, 10.2, 10.0, 11.2), MAIN, R.MID)  # a loincloth in the enemy colour


def _body_spider(f, tr, ph, side):
    g = f.g
    cy = 9.0
    legs = np.zeros_like(g.x, dtype=bool)
    for i in range(4):
        lift = (0.8 if (i + ph) % 2 == 0 else -0.4)  # legs step in alternate pairs
        for sgn in (-1, 1):
            kx, ky = 8.0 + sgn * (4.2 + i * 0.5), cy - 4.6 + i * 1.5 - lift
            fx, fy = 8.0 + sgn * (6.2 + (i % 2) * 0.4), cy - 1.4 + i * 2.0 - lift * 0.3
            legs |= g.segment(8.0, cy - 0.6 + i * 0.6, kx, ky, 0.48) | g.segment(kx, ky, fx, min(fy, 14.6), 0.48)
    f.part(legs, BLACK, rim=False)
    f.part(g.ellipse(8.0, cy + 2.0, 3.0, 3.0), MAIN)
    f.flat(g.ellipse(8.0, cy + 2.4, 0.8, 1.4), SECOND, R.MID)  # the mark on its back
    f.part(g.ellipse(8.0, cy - 1.8, 2.0, 1.6), MAIN)
    for ex in (7.0, 9.0):
        f.flat(g.rect(ex - 0.5, cy - 2.4, ex + 0.5, cy - 1.4), ACCENT, R.HIGH)


def _body_robot(f, tr, ph, side):
    g = f.g
    step = [0.0, 0.0, 1.0, -1.0][ph]
    bob = 0.5 if ph == 1 else 0.0
    f.part(g.rect(5.0, 11.6, 7.2, 14.8 - max(step, 0)) | g.rect(8.8, 11.6, 11.0, 14.8 - max(-step, 0)), METAL)
    body = g.rect(3.8, 7.0 + bob, 12.2, 12.0 + bob)
    f.part(body, MAIN)
    f.flat(g.rect(6.0, 8.4 + bob, 10.0, 10.4 + bob), METAL, R.MID)
    f.flat(g.rect(6.6 + ph % 2, 9.0 + bob, 7.6 + ph % 2, 9.8 + bob), ACCENT, R.HIGH)  # a blinking panel light
    f.part(g.rect(2.2, 7.6 + bob + step, 3.6, 11.0 + bob + step) | g.rect(12.4, 7.6 + bob - step, 13.8, 11.0 + bob - step), METAL)
    head = g.rect(4.6, 2.6 + bob, 11.4, 6.8 + bob)
    f.part(head, SECOND)
    sx = 0.8 if side else 0.0
    f.flat(g.rect(5.6 + sx, 3.8 + bob, 10.4 + sx, 5.4 + bob) & (g.x < 11.0), BLACK, R.MID)  # visor
    f.flat(g.rect(6.2 + sx, 4.2 + bob, 7.4 + sx, 5.0 + bob) | g.rect(8.6 + sx, 4.2 + bob, 9.8 + sx, 5.0 + bob), ACCENT, R.HIGH)
    f.flat(g.rect(7.6, 0.8 + bob, 8.4, 2.6 + bob), METAL, R.DARK)
    f.flat(g.ellipse(8.0, 1.0 + bob, 0.8, 0.8), FIRE if ph % 2 else ACCENT, R.LIGHT)


def _body_drone(f, tr, ph, side):
    g = f.g
    bob = [0.0, 0.6, 1.0, 0.6][ph]
    blade = [3.0, 1.0, 3.0, 1.0][ph]
    for rx in (3.4, 12.6):
        f.flat(g.rect(rx - blade, 3.6 + bob, rx + blade, 4.4 + bob), METAL, R.LIGHT)
        f.part(g.rect(rx - 0.6, 4.2 + bob, rx + 0.6, 6.4 + bob), METAL)
    f.part(g.rect(3.0, 6.2 + bob, 13.0, 7.4 + bob), METAL)
    body = g.ellipse(8.0, 8.6 + bob, 4.0, 3.0)
    f.part(body, MAIN)
    f.part(g.ellipse(8.0 + (0.8 if side else 0.0), 9.0 + bob, 1.6, 1.4), BLACK)
    f.flat(g.ellipse(8.4 + (0.8 if side else 0.0), 8.8 + bob, 0.6, 0.6), FIRE, R.LIGHT)
    f.flat(g.rect(6.6, 11.4 + bob, 7.2, 13.0 + bob) | g.rect(8.8, 11.4 + bob, 9.4, 13.0 + bob), METAL, R.DARK)


_BODIES = {
    "ship": _body_ship, "ufo": _body_ufo, "plane": _body_plane, "car": _body_car, "tank": _body_tank,
    "boat": _body_boat, "submarine": _body_submarine, "turret": _body_turret, "rock": _body_rock,
    "bird": lambda f, tr, ph, side: _body_flyer(f, tr, ph, side, "bird"),
    "bat": lambda f, tr, ph, side: _body_flyer(f, tr, ph, side, "bat"),
    "insect": lambda f, tr, ph, side: _body_flyer(f, tr, ph, side, "insect"),
    "dragon": lambda f, tr, ph, side: _body_flyer(f, tr, ph, side, "dragon"),
    "ghost": _body_ghost, "slime": _body_slime, "skeleton": _body_skeleton, "spider": _body_spider,
    "robot": _body_robot, "drone": _body_drone,
}
# Top-view drawings that face a direction are turned to the heading; the rest are seen the same way.
_HEADED = {"ship", "plane", "car", "tank", "boat", "submarine"}


def _body_traits(rng: np.random.Generator, plan: str, text: str) -> dict:
    return {
        "jet": bool(re.search(r"jet|fighter|interceptor|caza", text)) or bool(rng.random() < 0.5),
        "low": bool(re.search(r"kart", text)),
        "tower": bool(re.search(r"tower|toren|torre\b|torres", text)),
        "r": float(rng.uniform(5.2, 6.0)),
        "lumps": [(k, float(rng.uniform(0.05, 0.11)), float(rng.uniform(0, 2 * np.pi))) for k in (2, 3, 5)],
        "craters": [(float(rng.uniform(0.9, 1.5)), float(rng.uniform(0, 2 * np.pi)), float(rng.uniform(1.0, 3.2))) for _ in range(3)],
    }


def _draw_body(size: int, plan: str, traits: dict, i: int, n: int, side: bool, heading: str) -> np.ndarray:
    turn = heading if (not side and plan in _HEADED) else "up"
    f = _UFrame(size, turn)
    _BODIES[plan](f, traits, _phase(i, n), side)
    return f.finish()


# =============================================================================================
# Still things: items, hazards, goals and icons. Each shape draws one frame; frame 1 bobs/shines.
# =============================================================================================

SHAPE_WORDS = [
    (r"\bcards?\b|\bcartas?\b|\bkaart|\bnaipe|playing card|\bdeck\b|baraja", "card"),
    (r"\bchests?\b|treasure|tesoro|\bcofre|\bschat|\bkist|loot|item.?box|caja", "chest"),
    (r"coin|gold|money|cash|token|\brings?\b|moneda|\bmunt|\bgeld\b|\boro\b|dinero", "coin"),
    (r"crystal|cristal|kristal|\bshards?\b", "crystal"),
    (r"diamond|diamante|\bgems?\b|gema|\bedelsteen|jewel|joya|ruby|rub[ií]|emerald|esmeralda|sapphire|zafiro", "gem"),
    (r"pineapple|pi[ñn]a\b|ananas|anan[aá]s", "pineapple"),
    (r"banana|pl[aá]tano|banaan", "banana"),
    (r"cherr|cereza|kers", "cherry"),
    (r"\bfish|\bpez\b|\bpeces\b|\bvis\b|\bvissen|pescado|\bsalmon|\btuna|\bat[uú]n", "fish"),
    (r"\bseeds?\b|semilla|\bzaad|\bzaden|\bsprout|\bbrote", "seed"),
    (r"apple|manzana|\bappel|fruit|fruta|\bvrucht|berry|orange|naranja|peach|plum|tomato|food|comida|\bcrops?\b|cosecha", "fruit"),
    (r"\bkeys?\b|\bllaves?\b|\bsleutel", "key"),
    (r"potion|poci[oó]n|\bdrankje|bottle|botella|flask|elixir|vial|\bfles", "potion"),
    (r"shield|escudo|\bschild|armou?r|armadura", "shield"),
    (r"\bbolts?\b|lightning|thunder|\brayo|bliksem|energy|energ[ií]a|battery|bater[ií]a|\bzap", "bolt"),
    (r"power.?up|boost|upgrade|mejora|\bbonus", "powerup"),
    (r"\bstars?\b|estrella|\bster\b", "star"),
    (r"heart|coraz[oó]n|\bhart\b|\blife\b|\blives\b|\bvida|health|salud", "heart"),
    (r"amulet|amuleto|necklace|collar|talisman|medallion|pendant|relic|reliquia|idol", "amulet"),
    (r"flag|bandera|\bvlag|checkpoint|finish|meta\b|banner", "flag"),
    (r"door|puerta|\bdeur|exit|salida|\buitgang|gate|stairs|portal", "door"),
    (r"cactus", "cactus"),
    (r"\bsaws?\b|blade|buzz|sierra", "saw"),
    (r"fire|flame|lava|torch|burn|ember|\bfuego|llama\b|\bvuur|brasa|\bascua|\bhoguera", "flame"),
    (r"spike|pinchos?|\bp[uú]as?\b|thorn|trap|trampa|\bval\b|nail|spear|\bpit\b", "spikes"),
    (r"clock|reloj|\bklok|time|tiempo|hourglass|watch", "clock"),
    (r"skull|calavera|schedel|bone|death|muerte|poison|veneno", "skull"),
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


def _shape_card(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    tilt = (0.6 if frame else 0.0) * u
    card = g.polygon([(cx - 4.2 * u + tilt, cy - 6.2 * u), (cx + 4.2 * u + tilt, cy - 6.2 * u), (cx + 4.2 * u - tilt, cy + 6.2 * u),
                      (cx - 4.2 * u - tilt, cy + 6.2 * u)])
    f.part(card, WHITE)
    pip = g.ellipse(cx - 1.1 * u, cy - 0.6 * u, 1.3 * u, 1.3 * u) | g.ellipse(cx + 1.1 * u, cy - 0.6 * u, 1.3 * u, 1.3 * u)
    pip |= g.polygon([(cx - 2.4 * u, cy - 0.2 * u), (cx + 2.4 * u, cy - 0.2 * u), (cx, cy + 2.8 * u)])  # a heart pip
    f.flat(pip, MAIN, R.MID)
    f.flat(g.rect(cx - 3.2 * u, cy - 5.2 * u, cx - 2.0 * u, cy - 3.6 * u) | g.rect(cx + 2.0 * u, cy + 3.6 * u, cx + 3.2 * u, cy + 5.2 * u), MAIN, R.DARK)


def _shape_chest(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    lid = g.ellipse(cx, cy - 1.0 * u, 6.2 * u, 3.6 * u) & (g.y < cy - 1.0 * u)
    box = g.rect(cx - 6.2 * u, cy - 1.0 * u, cx + 6.2 * u, cy + 5.6 * u)
    f.part(box | lid, WOOD)
    f.flat((box | lid) & (np.abs(g.y - (cy - 1.0 * u)) < 0.5 * u + 0.01), METAL, R.DARK)
    f.part(g.rect(cx - 4.6 * u, cy - 4.4 * u, cx - 3.2 * u, cy + 5.6 * u) | g.rect(cx + 3.2 * u, cy - 4.4 * u, cx + 4.6 * u, cy + 5.6 * u), ACCENT)
    f.part(g.rect(cx - 1.2 * u, cy - 1.8 * u, cx + 1.2 * u, cy + 1.2 * u), ACCENT)
    f.flat(g.rect(cx - 0.4 * u, cy - 0.6 * u, cx + 0.4 * u, cy + 0.8 * u), BLACK, R.MID)


def _shape_crystal(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    big = g.polygon([(cx, cy - 6.6 * u), (cx + 2.6 * u, cy - 3.4 * u), (cx + 2.4 * u, cy + 5.6 * u), (cx - 2.4 * u, cy + 5.6 * u), (cx - 2.6 * u, cy - 3.4 * u)])
    side = g.polygon([(cx - 4.6 * u, cy - 1.6 * u), (cx - 2.6 * u, cy + 0.4 * u), (cx - 2.6 * u, cy + 5.6 * u), (cx - 5.6 * u, cy + 5.6 * u), (cx - 6.0 * u, cy + 0.8 * u)])
    side |= g.polygon([(cx + 4.8 * u, cy - 0.2 * u), (cx + 6.0 * u, cy + 2.0 * u), (cx + 5.4 * u, cy + 5.6 * u), (cx + 2.6 * u, cy + 5.6 * u), (cx + 2.6 * u, cy + 1.6 * u)])
    f.part(side, SECOND)
    f.part(big, MAIN)
    f.flat(big & (g.x < cx) & (g.x >= cx - 1.0 * u), MAIN, R.HIGH)


def _shape_pineapple(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    for dx, h in ((-2.2, 3.4), (0.0, 5.0), (2.2, 3.4)):
        f.part(g.polygon([(cx + dx * u - 1.2 * u, cy - 2.0 * u), (cx + dx * 1.4 * u, cy - 2.0 * u - h * u), (cx + dx * u + 1.2 * u, cy - 2.0 * u)]), LEAF)
    body = g.ellipse(cx, cy + 2.2 * u, 4.0 * u, 4.8 * u)
    f.part(body, ACCENT)
    f.flat(body & ((np.abs(((g.x - g.y) / u) % 3.0 - 1.5) < 0.45) | (np.abs(((g.x + g.y) / u) % 3.0 - 1.5) < 0.45)), WOOD, R.MID)


def _shape_banana(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    outer = g.ellipse(cx + 1.0 * u, cy - 2.0 * u, 6.4 * u, 7.4 * u)
    inner = g.ellipse(cx + 2.6 * u, cy - 3.8 * u, 6.0 * u, 7.0 * u)
    banana = outer & ~inner & (g.y > cy - 5.0 * u)
    f.part(banana, ACCENT)
    f.flat(banana & (g.y < cy - 3.4 * u), WOOD, R.DARK)  # the dark tips


def _shape_cherry(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    f.flat(g.segment(cx - 2.6 * u, cy + 1.0 * u, cx + 1.0 * u, cy - 5.6 * u, 0.5 * u) | g.segment(cx + 2.8 * u, cy + 1.6 * u, cx + 1.0 * u, cy - 5.6 * u, 0.5 * u), WOOD, R.MID)
    f.part(g.ellipse(cx + 2.6 * u, cy - 5.4 * u, 2.0 * u, 1.0 * u), LEAF)
    for x, y in ((cx - 2.8 * u, cy + 3.0 * u), (cx + 2.8 * u, cy + 3.6 * u)):
        f.part(g.ellipse(x, y, 2.7 * u, 2.7 * u), MAIN)
        f.flat(g.ellipse(x - 1.0 * u, y - 1.0 * u, 0.7 * u, 0.7 * u), WHITE, R.MID)


def _shape_fish(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    flick = (0.8 if frame else -0.8) * u
    f.part(g.polygon([(cx - 3.6 * u, cy), (cx - 7.0 * u, cy - 3.4 * u + flick), (cx - 7.0 * u, cy + 3.4 * u + flick)]), SECOND)
    body = g.ellipse(cx + 0.8 * u, cy, 5.6 * u, 3.6 * u)
    f.part(body, MAIN)
    f.flat(body & (g.y > cy + 1.2 * u), MAIN, R.LIGHT)
    f.part(g.polygon([(cx - 1.0 * u, cy - 3.0 * u), (cx + 1.6 * u, cy - 5.4 * u), (cx + 2.6 * u, cy - 3.0 * u)]), SECOND)
    f.flat(g.rect(cx + 3.2 * u, cy - 1.6 * u, cx + 4.4 * u, cy - 0.4 * u), BLACK, R.MID)
    f.flat(g.segment(cx - 1.4 * u, cy - 2.2 * u, cx - 1.4 * u, cy + 2.2 * u, 0.4 * u), MAIN, R.DARK)  # the gill


def _shape_seed(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    seed = g.ellipse(cx, cy + 2.0 * u, 3.2 * u, 4.2 * u) & (g.y > cy - 1.0 * u)
    seed |= g.polygon([(cx - 2.6 * u, cy + 0.2 * u), (cx + 2.6 * u, cy + 0.2 * u), (cx, cy - 3.0 * u)])
    f.part(seed, WOOD)
    f.flat(seed & (np.abs(g.x - cx) < 0.5 * u) & (g.y > cy), WOOD, R.DARK)
    sprout = g.segment(cx, cy - 2.4 * u, cx, cy - 5.0 * u, 0.5 * u)
    sprout |= g.ellipse(cx + 2.0 * u, cy - 5.4 * u - (0.6 * u if frame else 0), 2.0 * u, 1.1 * u) | g.ellipse(cx - 1.8 * u, cy - 4.6 * u, 1.6 * u, 0.9 * u)
    f.part(sprout, LEAF)


def _shape_shield(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    shield = g.rect(cx - 5.4 * u, cy - 6.2 * u, cx + 5.4 * u, cy) | g.ellipse(cx, cy - 0.4 * u, 5.4 * u, 6.6 * u) & (g.y >= cy)
    shield |= g.polygon([(cx - 5.4 * u, cy), (cx + 5.4 * u, cy), (cx, cy + 6.6 * u)])
    f.part(shield, METAL)
    inner = g.rect(cx - 3.8 * u, cy - 4.8 * u, cx + 3.8 * u, cy) | g.polygon([(cx - 3.8 * u, cy), (cx + 3.8 * u, cy), (cx, cy + 4.6 * u)])
    f.part(inner, MAIN, rim=False)
    f.flat(inner & ((np.abs(g.x - cx) < 0.7 * u) | (np.abs(g.y - (cy - 1.6 * u)) < 0.7 * u)), ACCENT, R.MID)


def _shape_bolt(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    bolt = g.polygon([(cx + 1.6 * u, cy - 7.0 * u), (cx - 4.4 * u, cy + 1.0 * u), (cx - 0.2 * u, cy + 1.0 * u), (cx - 1.8 * u, cy + 7.0 * u),
                      (cx + 4.6 * u, cy - 1.6 * u), (cx + 0.4 * u, cy - 1.6 * u)])
    f.part(bolt, ACCENT)
    f.flat(bolt & (g.x < cx - 0.4 * u) & (g.y < cy + 1.0 * u), ACCENT, R.HIGH)


def _shape_powerup(f: _Frame, cx: float, cy: float, frame: int, rng_v: float) -> None:
    u, g = f.u, f.g
    box = g.rect(cx - 5.8 * u, cy - 5.8 * u, cx + 5.8 * u, cy + 5.8 * u)
    f.part(box, MAIN)
    f.flat(box & ~g.rect(cx - 4.8 * u, cy - 4.8 * u, cx + 4.8 * u, cy + 4.8 * u), MAIN, R.DARK)
    arrow = g.polygon([(cx, cy - 4.0 * u), (cx + 3.6 * u, cy), (cx - 3.6 * u, cy)]) | g.rect(cx - 1.4 * u, cy - 0.2 * u, cx + 1.4 * u, cy + 3.8 * u)
    f.flat(arrow, WHITE, R.MID if frame == 0 else R.HIGH)
    f.flat(arrow & (g.x > cx + 0.6 * u), WHITE, R.DARK)


SHAPES: dict[str, Callable[[_Frame, float, float, int, float], None]] = {
    "coin": _shape_coin, "gem": _shape_gem, "fruit": _shape_fruit, "key": _shape_key, "potion": _shape_potion,
    "star": _shape_star, "heart": _shape_heart, "orb": _shape_orb, "amulet": _shape_amulet, "flag": _shape_flag,
    "door": _shape_door, "spikes": _shape_spikes, "cactus": _shape_cactus, "saw": _shape_saw, "flame": _shape_flame,
    "clock": _shape_clock, "skull": _shape_skull, "card": _shape_card, "chest": _shape_chest, "crystal": _shape_crystal,
    "pineapple": _shape_pineapple, "banana": _shape_banana, "cherry": _shape_cherry, "fish": _shape_fish, "seed": _shape_seed,
    "shield": _shape_shield, "bolt": _shape_bolt, "powerup": _shape_powerup,
}
# Shapes that stand on the ground do not bob; they shine or ripple in place instead.
GROUNDED = {"flag", "door", "spikes", "cactus", "chest"}


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
    plan = ""
    if role in ("player", "enemy"):
        plan = body_for(_words(params.get("name"), params.get("slug")), params.get("description"))
        hint = str(params.get("body_hint") or "")
        plan = plan or (hint if any(hint == p for _, p in BODY_WORDS) else "")
    if plan:
        text = _words(params.get("name"), params.get("slug"), params.get("description"))
        traits = _body_traits(rng, plan, text)
        heading = str(params.get("heading") or ("down" if role == "enemy" and not side else "up" if not side else "right"))
        n = 7 if role == "player" else 4
        frames = [_draw_body(size, plan, traits, i, n, side, heading) for i in range(n)]
        anims = ANIMS[role]
    elif role == "player":
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
    (r"space|galax|\bstars?\b|starfield|cosmic|cosmos|planet|alien|asteroid|orbit|[óo]rbita|sector|nebula|"
     r"\bmoons?\b|\blunar|espacio|espacial|ruimte|heelal|universe|universo|gal[aá]xia|estrellas|sterren|maan\b|luna\b", "space"),
    (r"lava|volcan|volc[aá]n|vulka|hell|magma|inferno|infierno|\bhel\b", "lava"),
    (r"cave|cueva|caverna|\bgrot|dungeon|mazmorra|kerker|\bmine\b|\bmina\b|crypt|cripta|underground|tomb|castle|castillo|kasteel|cellar|s[oó]tano", "cave"),
    (r"\bsea\b|\bseas\b|ocean|oc[eé]ano|water|agua|beach|playa|strand|island|isla|eiland|pirate|pirata|lake|lago|river|r[ií]o|"
     r"\bmar\b|marino|mar[ií]timo|\bzee\b|reef|coral|shore|costa|kust|harbou?r|puerto|haven", "sea"),
    (r"snow|nieve|sneeuw|\bice\b|\bhielo|\bijs\b|winter|invierno|frost|arctic|[aá]rtico|polar|mountain|monta[ñn]a|\bberg", "snow"),
    (r"desert|desierto|woestijn|sand|arena|\bzand|dune|duna|egypt|canyon|ca[ñn][oó]n", "desert"),
    (r"city|ciudad|\bstad\b|urban|street|calle|straat|town|pueblo|cyber|neon|metro|carretera|\broad|highway|autopista|\bweg\b", "city"),
    (r"forest|bosque|\bbos\b|jungle|jungla|selva|\bwoods?\b|\btrees?\b|[aá]rbol", "forest"),
    (r"night|noche|nacht|dark|oscur|donker|spooky|haunt|ghost|graveyard|cementerio|moonlit|midnight", "night"),
    (r"\bland\b|tierra|grass|hierba|\bgras\b|meadow|prado|weide|field|campo|hill|colina|heuvel|farm|granja|boerderij", "hills"),
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
        thresh = np.tile(_BAYER4, (h // 4 + 1, w // 4 + 1))[:h, :w]
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
    return Asset.made_by(job, "image/png", data, meta)


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
