"""The arcade family's jetpack mode, "jetpack" (Jetpack Joyride): the rules, the course generator and the
search that proves a course can be flown.

The hero runs right by itself (the course scrolls past its fixed column); holding the button (Space /
Up / a press) fires the jetpack and pushes it up, letting go lets gravity pull it back down to the
floor it runs on (neither the floor nor the ceiling hurts). Zappers (bars of electricity), missiles
(faster than the scroll) and lasers (a beam across the whole screen for a stretch of the course, after
a warning) come from the GDD's hazards and enemies; a hit costs a life and starts the run again.
Coins on the way score. Reaching the course's end distance wins the level.

Integer arithmetic only, positions in 1/16 px (``U``); the same rules as ``jetpack.js`` (shipped after
``arcade.js``). One frame (``JetpackSim.step``):

1. ``ready`` (the pause at the start and after a hit): holding the button ends it at once and is
   played this frame; else the timer runs down and nothing moves;
2. thrust held: ``vy = max(vy - THRUST, -MAX_UP)``; else ``vy = min(vy + GRAVITY, MAX_FALL)``;
   ``y += vy``, held between the ceiling and the floor (``vy = 0`` there);
3. the course scrolls ``speed`` units (``sx``);
4. every coin the hero's box touches is taken (``coin_points`` each);
5. a zapper (a box on the course), a missile (a box moving left at twice the scroll) or a firing laser
   (a band across the screen while ``on <= sx < off``) touching the hero's box is a hit: a life, and
   the run again from the start after ``ready``; no life left loses the game;
6. the frame counter advances; ``sx >= length`` wins the level.

Level format: ``{"mode": "jetpack", "speed", "length", "ready", "obstacles": [[kind, a, b, c, d, k],
...], "coins": [[x, y], ...]}``; a zapper ``[0, x, y, w, h, k]``, a missile ``[1, x, y, 0, 0, k]`` (on
screen at ``x - 2 sx``), a laser ``[2, on, off, y, h, k]``; ``k`` the GDD's obstacle kind it wears.
"""

from __future__ import annotations

import random
import re
from typing import Any

from maestro.spec import GameSpec, LevelRequest

U = 16
W = 480 * U
TOP = 16 * U
FLOOR = 250 * U  # the floor's top: the hero runs on it
HERO_X = 100 * U
HERO_W, HERO_H = 12 * U, 16 * U
COIN = 8 * U
MISSILE_W, MISSILE_H = 16 * U, 6 * U
GRAVITY = 5
THRUST = 8
MAX_UP = 64
MAX_FALL = 80
READY = 60
LASER_WARN = 120 * U  # scroll before a laser fires that its warning shows
ZAPPER, MISSILE, LASER = 0, 1, 2
START_Y = FLOOR - HERO_H
SEARCH_BUDGET = 200_000

_WORDS = re.compile(r"\bjet ?pack\w*|\bjetpack[- ]joyride\b|\bhold(?:s|ing)? (?:down )?(?:\w+ ){0,3}to (?:fly|thrust|rise|hover)\b|"
                    r"\bhold to fly\b|\brelease to (?:fall|drop|sink)\b", re.I)
_LASER = re.compile(r"\blasers?\b|\bbeams?\b|\brays?\b", re.I)
_MISSILE = re.compile(r"\bmissiles?\b|\brockets?\b|\bprojectiles?\b|\btorpedo\w*", re.I)
_LENGTH = re.compile(r"\b(\d{3,5})\s*(?:m|metres|meters)\b", re.I)
_COIN_POINTS = re.compile(r"\bcoins?\b[^.]{0,30}?\b(?:worth|scores?|gives?)\s+(\d{1,4})\b", re.I)


def wants_jetpack(text: str) -> bool:
    """The words of a jetpack flyer: "jetpack", "Jetpack Joyride", "hold to fly", "release to fall"."""
    return bool(_WORDS.search(text or ""))


def _clamp(v: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, v))


def kind_of(name: str) -> int:
    """What an obstacle of this name is on the course: a laser, a missile, else a zapper."""
    return LASER if _LASER.search(name) else MISSILE if _MISSILE.search(name) else ZAPPER


def config_extra(spec: GameSpec, text: str) -> dict[str, Any]:
    """The jetpack tunables: the obstacle kinds (the GDD's hazards and enemies, each a zapper, missile or
    laser by its name; all three when the GDD names none, zappers always), the course's length when the GDD gives one
    ("fly 800 m": 10 px a metre), what a coin is worth."""
    kinds = [{"slug": e.slug, "name": e.name, "kind": kind_of(e.name)} for e in [*spec.hazards, *spec.enemies][:4]]
    if not kinds:
        kinds = [{"slug": "", "name": n, "kind": k} for n, k in (("Zapper", ZAPPER), ("Missile", MISSILE),
                                                                 ("Laser", LASER))]
    elif all(k["kind"] != ZAPPER for k in kinds):  # a course of lasers or missiles alone is thin: zappers too
        kinds.append({"slug": "", "name": "Zapper", "kind": ZAPPER})
    m, pts = _LENGTH.search(text), _COIN_POINTS.search(text)
    coin = next((e for e in spec.items if re.search(r"\bcoins?\b", e.name, re.I)), spec.items[0] if spec.items else None)
    return {
        "obstacle_kinds": kinds, "length_m": _clamp(int(m.group(1)), 200, 5000) if m else 0,
        "coin_points": _clamp(int(pts.group(1)), 1, 1000) if pts else 1,
        "coin_slug": coin.slug if coin else "", "coin_name": coin.name if coin else "Coin",
        "hero_name": spec.player.name,
    }


# ---- the simulation ------------------------------------------------------------------------------


def fly(y: int, vy: int, thrust: bool) -> tuple[int, int]:
    """The hero's (y, vy) after one frame (rule 2)."""
    vy = max(vy - THRUST, -MAX_UP) if thrust else min(vy + GRAVITY, MAX_FALL)
    y += vy
    if y < TOP:
        y, vy = TOP, 0
    elif y > START_Y:
        y, vy = START_Y, 0
    return y, vy


def hit(obstacles: list[list[int]], y: int, sx: int) -> bool:
    """An obstacle touches the hero's box once the course has scrolled ``sx`` (rule 5)."""
    for o in obstacles:
        kind = o[0]
        if kind == LASER:
            if o[1] <= sx < o[2] and y < o[3] + o[4] and y + HERO_H > o[3]:
                return True
            continue
        if kind == MISSILE:
            left, top, w, h = o[1] - 2 * sx, o[2], MISSILE_W, MISSILE_H
        else:
            left, top, w, h = o[1] - sx, o[2], o[3], o[4]
        if left < HERO_X + HERO_W and left + w > HERO_X and y < top + h and y + HERO_H > top:
            return True
    return False


def coins_at(coins: list[list[int]], taken: set[int], y: int, sx: int) -> list[int]:
    """The coins (indices) the hero's box touches, not yet taken (rule 4)."""
    return [i for i, (cx, cy) in enumerate(coins) if i not in taken and cx - sx < HERO_X + HERO_W
            and cx - sx + COIN > HERO_X and y < cy + COIN and y + HERO_H > cy]


class JetpackSim:
    """One course played by the rules of the module docstring (jetpack.js's ``tick``)."""

    mode = "jetpack"

    def __init__(self, level: dict[str, Any], config: dict[str, Any], lives: int | None = None) -> None:
        self.lives = int(lives if lives is not None else config.get("lives", 3))
        self.status, self.f, self.score, self.lost = "playing", 0, 0, 0
        self.speed, self.length = int(level["speed"]), int(level["length"])
        self.obstacles = [[int(v) for v in o] for o in level["obstacles"]]
        self.coins = [[int(v) for v in c] for c in level.get("coins") or []]
        self.ready_frames = int(level.get("ready", READY))
        self.points = int(config.get("coin_points", 1))
        self.events: list[str] = []
        self.y = self.vy = self.sx = self.ready = 0
        self.taken: set[int] = set()
        self.reset()

    def reset(self) -> None:
        """The run from the start, on the floor, every coin back."""
        self.y, self.vy, self.sx, self.ready = START_Y, 0, 0, self.ready_frames
        self.taken = set()

    def step(self, held: set[str] | frozenset[str] = frozenset(), pressed: set[str] | frozenset[str] | None = None) -> None:
        self.events = []
        if self.status != "playing":
            return
        thrust = "action" in held or "up" in held
        if self.ready > 0 and not thrust:
            self.ready -= 1
            self.f += 1
            return
        self.ready = 0
        self.y, self.vy = fly(self.y, self.vy, thrust)
        self.sx += self.speed
        got = coins_at(self.coins, self.taken, self.y, self.sx)
        if got:
            self.taken.update(got)
            self.score += self.points * len(got)
            self.events.append("coin")
        if hit(self.obstacles, self.y, self.sx):
            self.lives -= 1
            self.lost += 1
            self.events.append("hit")
            if self.lives <= 0:
                self.lives, self.status = 0, "lost"
                return
            self.reset()
        self.f += 1
        if self.sx >= self.length:
            self.status = "won"


def replay(level: dict[str, Any], config: dict[str, Any], thrust: list[list[int]], lives: int | None = None) -> JetpackSim:
    """Play a proof (``thrust``: [[first frame, frames], ...] the button is held) to the end or the bound."""
    sim = JetpackSim(level, config, lives)
    on = {f for a, n in thrust for f in range(a, a + n)}
    limit = int(config.get("max_frames", 180 * 60))
    while sim.status == "playing" and sim.f < limit:
        sim.step({"action"} if sim.f in on else set())
    return sim


# ---- the solver: a depth-first search over (frame, y, vy), thrust or not each frame ---------------


def _aim(obstacles: list[list[int]], sx: int) -> int:
    """The middle of the widest free band at the next obstacle ahead (the ordering's target)."""
    for o in obstacles:
        kind = o[0]
        if kind == LASER:
            if o[2] <= sx or o[1] > sx + 200 * U:
                continue
            top, h = o[3], o[4]
        else:
            left = o[1] - (2 if kind == MISSILE else 1) * sx
            if left + (MISSILE_W if kind == MISSILE else o[3]) < HERO_X or left > HERO_X + 220 * U:
                continue
            top, h = o[2], (MISSILE_H if kind == MISSILE else o[4])
        above, below = top - TOP, FLOOR - (top + h)
        return (TOP + top) // 2 - HERO_H // 2 if above > below else (top + h + FLOOR) // 2 - HERO_H // 2
    return START_Y


def _search(level: dict[str, Any]) -> list[bool] | None:
    """The thrust decisions for each frame from the end of ``ready`` to the end of the course, or None.
    States known to lead to a hit whatever is done next are remembered (``dead``), so each is tried once."""
    obs = [[int(v) for v in o] for o in level["obstacles"]]
    speed, length = int(level["speed"]), int(level["length"])
    if speed <= 0:
        return None

    def order(y: int, vy: int, sx: int) -> list[bool]:
        target = _aim(obs, sx)
        return [True, False] if y + vy * 4 > target else [False, True]

    ys, vys = [START_Y], [0]
    choices = [order(START_Y, 0, 0)]
    path: list[bool] = []
    dead: set[tuple[int, int, int]] = set()
    budget = SEARCH_BUDGET
    while budget > 0:
        budget -= 1
        k = len(path)
        if not choices[-1]:
            dead.add((k, ys[-1], vys[-1]))
            if k == 0:
                return None
            for stack in (choices, ys, vys, path):
                stack.pop()
            continue
        thrust = choices[-1].pop(0)
        y, vy = fly(ys[-1], vys[-1], thrust)
        sx = (k + 1) * speed
        if (k + 1, y, vy) in dead or hit(obs, y, sx):
            continue
        path.append(thrust)
        if sx >= length:
            return path
        ys.append(y)
        vys.append(vy)
        choices.append(order(y, vy, sx))
    return None


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A proof the course is flown without a hit: the stretches of frames the button is held
    (``thrust``), found by the search after the ``ready`` pause, then replayed by the rules to be sure."""
    try:
        path = _search(level)
        if path is None:
            return None
        ready = int(level.get("ready", READY))
        if path[0]:
            ready = 0  # (a press ends the pause at once: the first thrust is on frame 0 of flight)
        thrust: list[list[int]] = []
        for i, on in enumerate(path):
            if not on:
                continue
            if thrust and thrust[-1][0] + thrust[-1][1] == ready + i:
                thrust[-1][1] += 1
            else:
                thrust.append([ready + i, 1])
        check = replay(level, config, thrust)
        frames = ready + len(path)
        if check.status != "won" or check.lost or check.f != frames:
            return None  # the search and the rules disagree: never claim a course we can't fly
        return {"thrust": thrust, "steps": frames, "frames": frames, "score": check.score,
                "coins": len(check.taken), "obstacles": len(level["obstacles"])}
    except (KeyError, ValueError, TypeError, IndexError):
        return None


# ---- generation ------------------------------------------------------------------------------------


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One course: obstacles of the GDD's kinds taking turns (more, closer and faster each level),
    zappers standing, lying or hanging, missiles at a height, lasers over one half of the screen, and
    rows of coins between them."""
    idx, d = int(req.index), float(req.difficulty)
    speed = _clamp(36 + 4 * idx + int(4 * (d - 1.0)), 32, 56)
    kinds = config.get("obstacle_kinds") or [{"kind": ZAPPER}]
    metres = int(config.get("length_m") or 0)
    spacing = _clamp(170 - 10 * idx, 120, 170) * U
    n = metres * 10 * U // spacing if metres else 10 + 4 * idx
    # a GDD's time limit: no longer a course than can be flown in time
    n = _clamp(n, 3, max(3, ((int(config.get("max_frames", 180 * 60)) - READY - 60) * speed - W) // spacing))
    obstacles: list[list[int]] = []
    coins: list[list[int]] = []
    x = W + 60 * U
    shift = rng.randrange(len(kinds))
    for i in range(n):
        k = (i + shift) % len(kinds)
        kind = int(kinds[k].get("kind", ZAPPER))
        if kind == LASER:
            half = rng.randrange(2)
            y0 = TOP + 8 * U if half == 0 else TOP + (FLOOR - TOP) // 2 + 8 * U
            obstacles.append([LASER, x - W // 2, x - W // 2 + 100 * U, y0, (FLOOR - TOP) // 2 - 16 * U, k])
        elif kind == MISSILE:
            # on screen at x - 2 sx: it reaches the hero's column when the course is at about x / 2 - 50 px
            obstacles.append([MISSILE, 2 * x - W // 2, rng.randint(TOP // U + 10, FLOOR // U - 20) * U, 0, 0, k])
        else:
            shape = rng.randrange(3)
            if shape == 0:  # standing
                h = rng.randint(70, 110) * U
                obstacles.append([ZAPPER, x, rng.randint(TOP // U + 30, FLOOR // U - h // U) * U, 8 * U, h, k])
            elif shape == 1:  # lying
                obstacles.append([ZAPPER, x, rng.randint(TOP // U + 40, FLOOR // U - 40) * U, 70 * U, 8 * U, k])
            else:  # from the ceiling or the floor
                h = rng.randint(90, 130) * U
                obstacles.append([ZAPPER, x, TOP if rng.randrange(2) else FLOOR - h, 8 * U, h, k])
        cy = rng.randint(TOP // U + 20, FLOOR // U - 20) * U
        for c in range(rng.randint(3, 6)):
            coins.append([x + spacing // 2 - 30 * U + c * 14 * U, cy])
        x += spacing + rng.randint(-20, 20) * U
    length = x + W // 4
    return {"mode": "jetpack", "speed": speed, "length": length, "ready": READY,
            "obstacles": obstacles, "coins": coins}


def describe(level: dict[str, Any]) -> str:
    obs = level.get("obstacles") or []
    kinds = [o[0] for o in obs]
    return (f"jetpack course of {int(level.get('length') or 0) // U} px: {kinds.count(ZAPPER)} zappers, "
            f"{kinds.count(MISSILE)} missiles, {kinds.count(LASER)} lasers, {len(level.get('coins') or [])} coins, "
            f"scrolling {int(level.get('speed') or 0) / U:g} px a frame")
