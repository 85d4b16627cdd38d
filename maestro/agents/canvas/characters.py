"""The player and the enemies: the generic humanoid hero and blob creature (details from seeded
traits), and the body plans a look can ask for instead (vehicles, rocks, flyers, ghosts, slimes,
skeletons, spiders, robots, drones, turrets).

Each character is a strip of frames: 7 for the player (idle 2, walk 4, jump 1), 4 for an enemy
(a move loop). Canvas draws the body the job names; which body a name calls for is the reader's
decision (maestro.gdd.looks), never made here.
"""

from __future__ import annotations

import numpy as np

from maestro.agents.canvas.drawing import ACCENT, BLACK, FIRE, MAIN, METAL, SECOND, WHITE, Frame, UFrame, phase
from maestro.agents.canvas.vehicles import VEHICLES
from maestro.media import raster as R

ANIMS = {
    "player": {"idle": [0, 1], "walk": [2, 3, 4, 5], "jump": [6]},
    "enemy": {"move": [0, 1, 2, 3]},
}


# =============================================================================================
# The generic hero and creature, drawn per frame from seeded traits and a per-frame pose.
# =============================================================================================


def _eyes(f: Frame, cx: float, cy: float, gap: float, side: bool, angry: bool = False, one: bool = False) -> None:
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


def _humanoid_traits(rng: np.random.Generator) -> dict:
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
_HUMANOID_POSES = [
    (0, (0, 0), (0, 0), 0, False),  # idle0
    (1, (0, 0), (0, 0), 1, False),  # idle1: breathe down
    (0, (-1.5, 0), (1.5, 0), 1, False),  # walk0: stride
    (-1, (0, 1), (0, 0), 0, False),  # walk1: passing, body up
    (0, (1.5, 0), (-1.5, 0), -1, False),  # walk2: other stride
    (-1, (0, 0), (0, 1), 0, False),  # walk3
    (-1, (-1, 1.5), (1, 1.5), 0, True),  # jump: legs tucked, arms up
]


def _draw_humanoid(size: int, traits: dict, pose: tuple, side: bool) -> np.ndarray:
    f = Frame(size)
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


def _creature_traits(rng: np.random.Generator, behavior: str) -> dict:
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
_CREATURE_POSES = [(0, -1, 1, -1, 0.0), (-1, 0, 0, 0, 0.4), (0, 1, -1, 1, 0.0), (-1, 0, 0, 0, 0.4)]


def _draw_creature(size: int, traits: dict, pose: tuple, side: bool) -> np.ndarray:
    f = Frame(size)
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
    friendly = traits.get("friendly", False)
    _eyes(f, cx, eye_y, 2.0 * u, side, angry=not friendly, one=traits["one_eye"])
    if friendly:  # a smile and two blushing cheeks: the player's own creature (a pet), never a foe's scowl
        sx = 0.6 * u if side else 0.0
        my = eye_y + 2.4 * u
        smile = (g.rect(cx - 1.4 * u + sx, my, cx + 1.4 * u + sx, my + max(1.0, 0.6 * u))
                 | g.rect(cx - 2.0 * u + sx, my - 0.7 * u, cx - 1.2 * u + sx, my)
                 | g.rect(cx + 1.2 * u + sx, my - 0.7 * u, cx + 2.0 * u + sx, my)) & body
        f.flat(smile, BLACK, R.MID)
        for sgn in (-1, 1):
            f.flat(g.ellipse(cx + sgn * 3.3 * u + sx, my - 0.2 * u, 0.9 * u, 0.6 * u) & body, ACCENT, R.MID)
    if traits["teeth"]:
        my = eye_y + 2.5 * u
        mouth = g.rect(cx - 2.0 * u + (0.6 * u if side else 0), my, cx + 2.0 * u + (0.6 * u if side else 0), my + 1.2 * u) & body
        f.flat(mouth, BLACK, R.MID)
        teeth = mouth & (np.floor(g.x / max(1.0, u)) % 2 == 0) & (g.y < my + max(1.0, 0.6 * u))
        f.flat(teeth, WHITE, R.MID)
    return f.finish()


# =============================================================================================
# Creature body plans, in the same 16-unit space as the vehicles.
# =============================================================================================


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


def _draw_flyer(f, tr, ph, side, kind):
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


def _draw_ghost(f, tr, ph, side):
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


def _draw_slime(f, tr, ph, side):
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


def _draw_skeleton(f, tr, ph, side):
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


def _draw_spider(f, tr, ph, side):
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


def _draw_robot(f, tr, ph, side):
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


def _draw_drone(f, tr, ph, side):
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


BODY_PLANS = {
    **VEHICLES,
    "bird": lambda f, tr, ph, side: _draw_flyer(f, tr, ph, side, "bird"),
    "bat": lambda f, tr, ph, side: _draw_flyer(f, tr, ph, side, "bat"),
    "insect": lambda f, tr, ph, side: _draw_flyer(f, tr, ph, side, "insect"),
    "dragon": lambda f, tr, ph, side: _draw_flyer(f, tr, ph, side, "dragon"),
    "ghost": _draw_ghost, "slime": _draw_slime, "skeleton": _draw_skeleton, "spider": _draw_spider,
    "robot": _draw_robot, "drone": _draw_drone,
}
# Every body Canvas draws: the two generic ones and the plans.
BODIES = ("humanoid", "creature", *BODY_PLANS)
# Top-view drawings that face a direction are turned to the heading; the rest are seen the same way.
_HEADED = {"ship", "plane", "car", "tank", "boat", "submarine"}


def _plan_traits(rng: np.random.Generator, variant: str) -> dict:
    # The rng is drawn in the same order whatever the plan, so a plan's drawing depends only on the seed.
    return {
        "jet": variant == "jet" or (variant != "propeller" and bool(rng.random() < 0.5)),
        "low": variant == "kart",
        "tower": variant == "tower",
        "r": float(rng.uniform(5.2, 6.0)),
        "lumps": [(k, float(rng.uniform(0.05, 0.11)), float(rng.uniform(0, 2 * np.pi))) for k in (2, 3, 5)],
        "craters": [(float(rng.uniform(0.9, 1.5)), float(rng.uniform(0, 2 * np.pi)), float(rng.uniform(1.0, 3.2))) for _ in range(3)],
    }


def _draw_plan(size: int, plan: str, traits: dict, i: int, n: int, side: bool, heading: str) -> np.ndarray:
    turn = heading if (not side and plan in _HEADED) else "up"
    f = UFrame(size, turn)
    BODY_PLANS[plan](f, traits, phase(i, n), side)
    return f.finish()


def draw_character(rng: np.random.Generator, role: str, body: str, variant: str, behavior: str, size: int, side: bool,
                   heading: str) -> tuple[list[np.ndarray], dict]:
    """The label frames and animations of a player (7 frames) or an enemy (4 frames) with this body."""
    n = 7 if role == "player" else 4
    if body == "humanoid":
        traits = _humanoid_traits(rng)
        poses = _HUMANOID_POSES if n == 7 else _HUMANOID_POSES[2:6]  # an enemy loops the walk
        frames = [_draw_humanoid(size, traits, pose, side) for pose in poses]
    elif body == "creature":
        traits = _creature_traits(rng, behavior)
        if role == "player":  # the player's creature (a pet) is friendly: the same seeded draws, softened
            traits.update(friendly=True, teeth=False, belly=True, one_eye=False,
                          top="ears" if traits["top"] != "none" else "none")
        frames = [_draw_creature(size, traits, _CREATURE_POSES[phase(i, n)], side) for i in range(n)]
    else:
        traits = _plan_traits(rng, variant)
        frames = [_draw_plan(size, body, traits, i, n, side, heading) for i in range(n)]
    return frames, ANIMS["player" if n == 7 else "enemy"]
