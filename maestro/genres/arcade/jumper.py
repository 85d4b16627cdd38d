"""The arcade family's vertical jumper mode, "jumper" (Doodle Jump): the rules, the course generator and
the search that proves a course can be climbed.

The hero bounces by itself on every platform it lands on; Left / Right (or a finger on either half of
the screen) steer it, and the sides wrap (out on the left, in on the right). The view scrolls up as the
hero climbs and never down: falling off the bottom of the screen costs a life and starts the climb again
from the floor. Some platforms move to and fro, some break when landed on (no bounce), a spring
platform launches the hero far higher; the GDD's enemies hover in the column and touching one costs a
life. Reaching the course's finish height wins the level; the score is the height climbed (1 point each
10 px).

Integer arithmetic only, positions in 1/16 px (``U``), heights measured up from the floor; the same rules
as ``jumper.js`` (shipped after ``arcade.js``). One frame (``JumperSim.step``):

1. ``ready`` (the pause at the start and after a lost life): it runs down and nothing moves;
2. steering: ``x`` (the hero's centre) moves ``RUN`` units while Left or Right is held, wrapping at the
   sides (``x mod W``);
3. gravity: ``vy = max(vy - GRAVITY, -MAX_FALL)``; ``h += vy``;
4. falling, the highest platform whose top the hero's feet crossed this frame, overlapping it (moving
   platforms where they are on this frame), catches it: a breaking one breaks (the hero falls on), any
   other bounces it (``h`` = its top, ``vy = JUMP_V``, a spring platform ``SPRING_V``);
5. an enemy the hero's box touches costs a life (the climb again from the floor after ``ready``);
6. the view rises to keep the hero at most ``CAM_LINE`` above its bottom; the best height scores;
7. the hero wholly below the view costs a life; the frame counter advances; ``h >= finish`` wins.

Level format: ``{"mode": "jumper", "finish" (units), "platforms": [[x (left edge), top, kind, range],
...] (kind: 0 solid, 1 moving, 2 breaking, 3 spring, 4 the floor), "enemies": [[x, bottom, kind], ...],
"ready"}``. A moving platform is ``range`` units to the right of ``x`` at most: ``x + tri(f * MOVE)``.
"""

from __future__ import annotations

import random
import re
from typing import Any

from maestro.spec import GameSpec, LevelRequest

U = 16
W = 480 * U
SCREEN_BOTTOM = 262  # px: the screen row of the view's bottom height
HERO_W, HERO_H = 14 * U, 16 * U
PLAT_W = 44 * U
ENEMY = 16 * U
GRAVITY = 4
JUMP_V = 112  # a bounce: about 98 px up, 28 frames to the top
SPRING_V = 184  # about 265 px up
MAX_FALL = 160
RUN = 48
MOVE = 16
CAM_LINE = 130 * U
READY = 45
SCORE_STEP = 10 * U
SOLID, MOVING, BREAKING, SPRING, FLOOR = 0, 1, 2, 3, 4
SEARCH_FRAMES = 400_000  # simulated frames before a course is called impossible

_WORDS = re.compile(r"\bdoodle[- ]?jump\w*|\bvertical (?:jumper|jumping|climber)\b|\bjumper mode\b|"
                    r"\bjump(?:s|ing)?\s+(?:up(?:wards?)?\s+)?from\s+platform\s+to\s+platform(?:\s+upwards?|\s+up)?\b|"
                    r"\bbounc\w* (?:up(?:wards?)? )?from platform to platform\b|\bbounces? (?:ever )?upwards?\b",
                    re.I)
_FINISH = re.compile(r"\b(\d{2,5})\s*(?:m|metres|meters|px)\b", re.I)


def wants_jumper(text: str) -> bool:
    """The words of a vertical jumper: "Doodle Jump", "vertical jumper", "jump from platform to platform
    upwards"."""
    return bool(_WORDS.search(text or ""))


def _clamp(v: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, v))


def config_extra(spec: GameSpec, text: str) -> dict[str, Any]:
    """The jumper tunables: the GDD's enemies (hovering in the column, up to three kinds), the height a
    course ends at when the GDD gives one ("reach 500 m": 10 px a metre), the hero's name."""
    m = _FINISH.search(text)
    kinds = [{"slug": e.slug, "name": e.name} for e in [*spec.enemies, *spec.hazards][:3]]
    return {
        "finish_m": _clamp(int(m.group(1)), 60, 600) if m else 0,  # 0: the course grows with the level
        "enemy_kinds": kinds, "enemy_name": kinds[0]["name"] if kinds else "Monster",
        "hero_name": spec.player.name,
    }


# ---- the simulation ------------------------------------------------------------------------------


def tri(t: int, r: int) -> int:
    """A triangle wave 0..r..0 of period 2r (a moving platform's offset)."""
    if r <= 0:
        return 0
    t %= 2 * r
    return t if t <= r else 2 * r - t


def plat_x(p: list[int], f: int) -> int:
    return p[0] + tri(f * MOVE, p[3]) if p[2] == MOVING else p[0]


def across(x: int, left: int, width: int) -> int:
    """The hero's centre ``x`` less the middle of a thing at ``left`` of ``width``, the short way round
    the wrapping column."""
    d = (x - (left + width // 2)) % W
    return d - W if d > W // 2 else d


def overlaps(x: int, left: int, width: int) -> bool:
    return abs(across(x, left, width)) < (width + HERO_W) // 2


class JumperSim:
    """One course played by the rules of the module docstring (jumper.js's ``tick``)."""

    mode = "jumper"

    def __init__(self, level: dict[str, Any], config: dict[str, Any], lives: int | None = None) -> None:
        self.lives = int(lives if lives is not None else config.get("lives", 3))
        self.status, self.f, self.score, self.lost = "playing", 0, 0, 0
        self.finish = int(level["finish"])
        self.plats = [[int(v) for v in p] for p in level["platforms"]]
        self.enemies = [[int(v) for v in e] for e in level.get("enemies") or []]
        self.ready_frames = int(level.get("ready", READY))
        self.best = 0
        self.events: list[str] = []
        self.x = self.h = self.vy = self.cam = self.ready = 0
        self.broken: set[int] = set()
        self.reset()

    def reset(self) -> None:
        """The climb from the floor, the course whole again."""
        self.x, self.h, self.vy, self.cam, self.ready = W // 2, 0, 0, 0, self.ready_frames
        self.broken = set()

    def clone(self) -> "JumperSim":
        other = object.__new__(JumperSim)
        other.__dict__.update(self.__dict__)
        other.broken = set(self.broken)
        other.events = []
        return other

    def _land(self, h0: int) -> None:
        best = -1
        for i, p in enumerate(self.plats):
            top = p[1]
            if i in self.broken or not (self.h <= top <= h0) or (best >= 0 and top <= self.plats[best][1]):
                continue
            if p[2] == FLOOR or overlaps(self.x, plat_x(p, self.f), PLAT_W):
                best = i
        if best < 0:
            return
        p = self.plats[best]
        if p[2] == BREAKING:
            self.broken.add(best)
            self.events.append("crack")
            return
        self.h = p[1]
        self.vy = SPRING_V if p[2] == SPRING else JUMP_V
        self.events.append("spring" if p[2] == SPRING else "bounce")

    def _touches_enemy(self) -> bool:
        return any(overlaps(self.x, e[0], ENEMY) and self.h < e[1] + ENEMY and self.h + HERO_H > e[1]
                   for e in self.enemies)

    def _hurt(self, why: str) -> None:
        self.lives -= 1
        self.lost += 1
        self.events.append(why)
        if self.lives <= 0:
            self.lives, self.status = 0, "lost"
            return
        self.reset()

    def step(self, held: set[str] | frozenset[str] = frozenset(), pressed: set[str] | frozenset[str] | None = None) -> None:
        self.events = []
        if self.status != "playing":
            return
        if self.ready > 0:
            self.ready -= 1
            self.f += 1
            return
        d = (1 if "right" in held else 0) - (1 if "left" in held else 0)
        self.x = (self.x + d * RUN) % W
        self.vy = max(self.vy - GRAVITY, -MAX_FALL)
        h0 = self.h
        self.h += self.vy
        if self.vy < 0:
            self._land(h0)
        if self._touches_enemy():
            self._hurt("enemy")
            if self.status != "playing":
                return
        else:
            self.cam = max(self.cam, self.h - CAM_LINE)
            if self.h > self.best:
                self.score += self.h // SCORE_STEP - self.best // SCORE_STEP
                self.best = self.h
            if self.h + HERO_H < self.cam:
                self._hurt("fall")
                if self.status != "playing":
                    return
        self.f += 1
        if self.h >= self.finish:
            self.status = "won"


def replay(level: dict[str, Any], config: dict[str, Any], runs: list[list[Any]], lives: int | None = None) -> JumperSim:
    """Play a proof's held keys (``runs``: [[frames, key], ...]) to the end or the frame bound."""
    sim = JumperSim(level, config, lives)
    keys: list[str] = []
    for n, k in runs:
        keys.extend([str(k)] * int(n))
    limit = int(config.get("max_frames", 180 * 60))
    while sim.status == "playing" and sim.f < limit:
        k = keys[sim.f] if sim.f < len(keys) else ""
        sim.step({k} if k else set())
    return sim


# ---- the solver: a depth-first search from bounce to bounce ---------------------------------------


def _descent_frames(h: int, vy: int, top: int) -> int | None:
    """Frames from now until feet at ``h`` rising at ``vy`` come down through ``top`` (vertical rule
    alone), or None when the arc never reaches it."""
    for n in range(1, 400):
        vy = max(vy - GRAVITY, -MAX_FALL)
        h0, h = h, h + vy
        if vy < 0 and h <= top <= h0:
            return n
        if vy < 0 and h < top:
            return None
    return None


def _plans(sim: JumperSim) -> list[list[str]]:
    """The steering to try from a bounce: for each platform in reach, highest first, the key held for
    as many frames as it takes to be over it when the hero comes down to it, held early or late."""
    out: list[list[str]] = []
    seen: set[tuple[str, ...]] = set()
    cands = [(p[1], i) for i, p in enumerate(sim.plats)
             if p[2] not in (BREAKING, FLOOR) and i not in sim.broken and p[1] > sim.h - 60 * U]
    for _, i in sorted(cands, reverse=True):
        p = sim.plats[i]
        n = _descent_frames(sim.h, sim.vy, p[1])
        if n is None:
            continue
        dx = -across(sim.x, plat_x(p, sim.f + n - 1), PLAT_W)
        for way in (dx, dx - W if dx > 0 else dx + W):
            k = (abs(way) + RUN // 2) // RUN
            if k > n:
                continue
            key = "right" if way > 0 else "left"
            for plan in ([key] * k + [""] * (n - k), [""] * (n - k) + [key] * k):
                t = tuple(plan)
                if t not in seen:
                    seen.add(t)
                    out.append(plan)
    return out


def _flight(sim: JumperSim, plan: list[str], limit: int) -> tuple[JumperSim, list[str]] | None:
    """Play ``plan`` (then no key) until the next bounce or the win; None on a lost life or the bound."""
    s = sim.clone()
    keys: list[str] = []
    while s.f < limit:
        k = plan[len(keys)] if len(keys) < len(plan) else ""
        s.step({k} if k else set())
        keys.append(k)
        if s.lost != sim.lost or s.status == "lost":
            return None
        if s.status == "won" or "bounce" in s.events or "spring" in s.events:
            return s, keys
    return None


def _search(level: dict[str, Any], config: dict[str, Any]) -> list[str] | None:
    limit = int(config.get("max_frames", 180 * 60))
    sim = JumperSim(level, config)
    keys: list[str] = []
    while sim.status == "playing" and "bounce" not in sim.events and sim.f < limit:
        sim.step()
        keys.append("")
    if sim.status != "playing" or sim.lost:
        return None
    budget = [SEARCH_FRAMES]
    dead: set[tuple[int, int, int]] = set()

    def climb(s: JumperSim) -> list[str] | None:
        if s.status == "won":
            return []
        key = (s.h, s.x, s.f)
        if key in dead or budget[0] <= 0:
            return None
        for plan in _plans(s):
            got = _flight(s, plan, limit)
            budget[0] -= len(plan)
            if got is None:
                continue
            nxt, played = got
            if nxt.status != "won" and nxt.h <= s.h:
                continue  # only a higher platform is progress
            rest = climb(nxt)
            if rest is not None:
                return played + rest
            if budget[0] <= 0:
                return None
        dead.add(key)
        return None

    rest = climb(sim)
    return None if rest is None else keys + rest


def _runs(keys: list[str]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for k in keys:
        if out and out[-1][1] == k:
            out[-1][0] += 1
        else:
            out.append([1, k])
    return out


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A proof the course is climbed to its finish without a lost life: the key held each frame
    (``runs``), found by the bounce-to-bounce search, then replayed by the rules to be sure."""
    try:
        keys = _search(level, config)
        if keys is None:
            return None
        runs = _runs(keys)
        check = replay(level, config, runs)
        if check.status != "won" or check.lost or check.f != len(keys):
            return None  # the search and the rules disagree: never claim a course we can't climb
        return {"runs": runs, "steps": len(keys), "frames": len(keys), "score": check.score,
                "height": check.best // U}
    except (KeyError, ValueError, TypeError, IndexError, RecursionError):
        return None


# ---- generation ------------------------------------------------------------------------------------


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One course: a column of platforms up to the finish height (the GDD's, else higher each level),
    the gaps between them wider later on, more of them moving; breaking platforms as decoys between,
    now and then a spring, and the GDD's enemies hovering off the climb."""
    idx, d = int(req.index), float(req.difficulty)
    finish_px = int(config.get("finish_m") or 0) * 10 or 900 + 400 * idx
    # a GDD's time limit: no higher than can be climbed in time (about 1 px a frame)
    finish_px = _clamp(finish_px, 300, max(300, int(config.get("max_frames", 180 * 60)) - 2 * READY))
    finish = finish_px * U
    gap_lo, gap_hi = (30 + 4 * idx) * U, _clamp(58 + 6 * idx + int(6 * (d - 1.0)), 58, 80) * U
    p_move = min(0.5, 0.12 + 0.1 * idx)
    plats: list[list[int]] = [[0, 0, FLOOR, 0]]
    enemies: list[list[int]] = []
    kinds = len(config.get("enemy_kinds") or [])
    h, x = 0, W // 2 - PLAT_W // 2
    while h < finish - 40 * U:
        h += rng.randint(gap_lo, gap_hi)
        x = (x + rng.randint(-90, 90) * U) % W  # (a platform over a side wraps, as the hero does)
        r = rng.random()
        if r < p_move:
            plats.append([x, h, MOVING, rng.randint(30, 80) * U])
        elif r < p_move + 0.08 and h > 200 * U:
            plats.append([x, h, SPRING, 0])
        else:
            plats.append([x, h, SOLID, 0])
        if rng.random() < 0.3:  # a decoy that breaks, beside the climb
            bx = (x + W // 2 + rng.randint(-60, 60) * U) % W
            plats.append([bx, h - rng.randint(8, 20) * U, BREAKING, 0])
        if kinds and h > 300 * U and rng.random() < 0.12 + 0.04 * idx:
            ex = (x + W // 2 + rng.randint(-40, 40) * U) % W
            enemies.append([ex, h + 40 * U, rng.randrange(kinds)])
    return {"mode": "jumper", "finish": finish, "platforms": plats, "enemies": enemies, "ready": READY}


def describe(level: dict[str, Any]) -> str:
    plats = level.get("platforms") or []
    kinds = [p[2] for p in plats]
    return (f"jumper climb to {int(level.get('finish') or 0) // U} px: {len(plats) - 1} platforms "
            f"({kinds.count(MOVING)} moving, {kinds.count(BREAKING)} breaking, {kinds.count(SPRING)} springs), "
            f"{len(level.get('enemies') or [])} enemies")
