"""Arcade levels (genre "arcade", modes "breakout", "pong", "flappy", "pinball", "jumper" and "jetpack"):
tunables, generation, the simulation, a solver. The one-button mode "flappy" has its own rules in
``flappy.py``, the pinball table its own in ``pinball.py``, the vertical jumper in ``jumper.py`` and the
jetpack flyer in ``jetpack.py``; this module hands their levels there (``generate``, ``solve``,
``describe``).

The game is real-time on a fixed 60 Hz step in integer arithmetic only (positions in 1/16 px, whole
velocities), so this module and ``maestro/genres/arcade/arcade.js`` are two copies of one rule book
that agree bit for bit, and a solver's proof (the keys held on each frame) replays in the browser.

One frame (``Sim.step``), in this order:

1. input: while serving, ``action`` launches the ball at once; the player's paddle moves ``paddle_speed``
   units while left / right (breakout) or up / down (pong) is held, clamped to the field;
2. pong only: the AI paddle moves up to ``ai_speed`` towards the ball while it comes its way past the
   first third of the field (towards the middle otherwise), ignoring gaps under ``AI_DEAD`` units;
3. serving: the ball rests (on the paddle in breakout, mid-field in pong); the serve timer runs down and
   launches it at zero (``launch``);
4. the ball moves along x, then along y. On each axis a wall reflects it (it is mirrored back inside);
   in breakout the first brick it overlaps (row-major) loses one hit point and the move on that axis is
   undone with the velocity flipped; a paddle it crosses into bounces it with an angle from where it
   hit (``_bounce``: five zones a half-paddle, ``TABLE``), every ``speedup_every`` paddle hits
   speeding the ball up by ``speedup`` units up to ``max_speed``;
5. a ball past the bottom (breakout) costs a life and serves again; past a side (pong) is a point to
   the other side and serves again; the frame counter advances; no brick left (breakout) or the
   player at ``points_to_win`` (pong) wins the level; the AI at ``points_to_win`` wins the match, which
   costs a life and starts the match again from 0-0.

Level format (JSON): breakout ``{"mode": "breakout", "cols", "rows", "ox", "oy", "bw", "bh" (units),
"bricks": [[hp or 0, ...] per row], "kinds": [[kind index, ...] per row], "speed", "paddle_w"}``; pong
``{"mode": "pong", "speed", "paddle_h", "ai_speed", "points_to_win"}``; both with ``"serve"`` frames.
"""

from __future__ import annotations

import random
import re
from typing import Any

from maestro.genres.arcade import flappy, jetpack, jumper, pinball
from maestro.spec import Entity, GameSpec, LevelRequest

MODES = ("breakout", "pong", "flappy", "pinball", "jumper", "jetpack")
# the modes whose rules live in a module of their own (generate, solve, describe), by name
_OWN_RULES: dict[str, Any] = {"flappy": flappy, "pinball": pinball, "jumper": jumper, "jetpack": jetpack}
U = 16  # units a pixel
W, H, TOP = 480 * U, 270 * U, 16 * U  # the field: the whole canvas below the 16 px HUD bar
BALL = 4 * U
FPS = 60
# the ball's direction for each zone of the paddle: (across, along) in eighths of its speed
TABLE = ((1, 8), (2, 8), (4, 7), (5, 6), (6, 5))
AI_DEAD = 2 * U
PADDLE_TOP = 254 * U  # breakout: the paddle's top edge
PADDLE_THICK = 5 * U
PONG_LEFT, PONG_RIGHT = 14 * U, 460 * U  # pong: the paddles' left edges
PONG_THICK = 6 * U
MAX_LEVEL_FRAMES = 180 * FPS

_NUM = r"(\d{1,3})"
_HITS = re.compile(r"\b" + _NUM + r"\s*(?:hits?|hit points|hp|strikes?)\b|\b(?:takes|needs)\s+" + _NUM, re.I)
_POINTS = re.compile(r"\b(?:worth|scores?|gives?)\s+" + _NUM + r"\s*(?:points?|pts)\b|\b" + _NUM + r"\s*(?:points?|pts)\b", re.I)
_TOUGH = re.compile(r"\b(?:armou?red|steel|metal|iron|stone|hard|tough|reinforced|strong|gold(?:en)?)\w*", re.I)
_WIN_AT = re.compile(r"\bfirst to\s+" + _NUM + r"|\b" + _NUM + r"\s*points?\s+(?:to win|wins)|\breach(?:es)?\s+"
                     + _NUM + r"\s*points?", re.I)
_SPEEDS_UP = re.compile(r"\b(?:speeds? up|faster|gets? quicker|accelerat\w*|speed increases|increases? (?:its |in )?speed)",
                        re.I)
_PONG = re.compile(r"\bpong\b|\bversus\b|\bopponent(?:'s)? paddle\b|\bai paddle\b|\bcomputer paddle\b|\bfirst to\s+\d+",
                   re.I)
_BALL_WORDS = ("ball", "puck", "orb", "comet", "pellet")


def _clamp(v: int, lo: int, hi: int) -> int:
    return max(lo, min(hi, v))


def pick_mode(text: str) -> str:
    """pinball for a pinball table ("pinball", "flippers", "plunger"), flappy for a one-button flying
    game ("flappy", "one-button", "tap to flap", "helicopter game"), pong when the words ask for a match
    against a paddle, else breakout; a vertical jumper ("Doodle Jump", "jump from platform to platform
    upwards") and a jetpack flyer ("jetpack", "hold to fly") before the one-button flyer, whose "one
    button" they may say too."""
    if pinball.wants_pinball(text):
        return "pinball"
    if jetpack.wants_jetpack(text):
        return "jetpack"
    if jumper.wants_jumper(text):
        return "jumper"
    if flappy.wants_flappy(text):
        return "flappy"
    return "pong" if _PONG.search(text or "") else "breakout"


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    m = pattern.search(text or "")
    if not m:
        return None
    return int(next(g for g in m.groups() if g is not None))


def _spec_text(spec: GameSpec) -> str:
    parts = [spec.summary, *spec.win_conditions, *spec.lose_conditions, *(m.source for m in spec.mechanics)]
    parts += [f"{r.summary}. {r.words}" for r in spec.requirements]
    parts += spec.notes  # sections the reader kept but did not use ("the ball speeds up ...")
    return " . ".join(p for p in parts if p)


def _is_ball(e: Entity) -> bool:
    return any(w in f"{e.name} {e.slug}".lower() for w in _BALL_WORDS)


def _brick_kind(e: Entity | None, i: int) -> dict[str, Any]:
    """One kind of brick: the GDD's hits and points where its words give them, else tougher by its words."""
    text = f"{e.name} {e.description}" if e else ""
    hits = _first_int(_HITS, text)
    hp = hits if hits else (3 if _TOUGH.search(text) else 1 + (i % 2 if e is not None else 0))
    hp = _clamp(hp, 1, 5)
    points = int(e.points) if e and e.points else _first_int(_POINTS, text)
    return {"slug": e.slug if e else "brick", "name": e.name if e else "Brick", "hp": hp,
            "points": _clamp(points, 1, 10000) if points else 10 * hp}


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The arcade tunables: the GDD's bricks (its items and enemies), ball, rival, points to win, lives."""
    mode = spec.mode if spec.mode in MODES else "breakout"
    text = _spec_text(spec)
    balls = [e for e in spec.items if _is_ball(e)]
    solid = [e for e in [*spec.items, *spec.enemies] if not _is_ball(e)][:5]
    kinds = [_brick_kind(e, i) for i, e in enumerate(solid)] or [_brick_kind(None, 0)]
    win_at = _first_int(_WIN_AT, text)
    speeds_up = bool(_SPEEDS_UP.search(text))
    rival = spec.enemies[0] if spec.enemies else None
    max_seconds = MAX_LEVEL_FRAMES // FPS
    if spec.time_limit:  # the runtime takes a life at the time limit: a proof must end before it
        max_seconds = _clamp(spec.time_limit - 3, 20, max_seconds)
    out = {
        "mode": mode, "unit": U, "width": W, "height": H, "top": TOP, "ball": BALL,
        "kinds": kinds,
        "ball_slug": balls[0].slug if balls else None, "ball_name": balls[0].name if balls else "Ball",
        "paddle_slug": spec.player.slug, "paddle_name": spec.player.name,
        "rival_slug": rival.slug if rival else None, "rival_name": rival.name if rival else "Rival",
        "points_to_win": _clamp(win_at, 1, 21) if win_at else 5,
        "points_asked": bool(win_at),
        "speeds_up": speeds_up,
        "speedup_every": 4 if speeds_up else 0, "speedup": 4,
        "paddle_speed": 5 * U, "serve": 60,
        "lives": int(spec.lives or 3),
        "max_frames": int(max_seconds * FPS),
    }
    if mode == "flappy":  # (only then: a breakout or pong build keeps its config byte for byte)
        out.update(flappy.config_extra(spec, text))
    if mode == "pinball":
        out.update(pinball.config_extra(spec, text, _is_ball))
    if mode == "jumper":
        out.update(jumper.config_extra(spec, text))
    if mode == "jetpack":
        out.update(jetpack.config_extra(spec, text))
    return out


# ---- the simulation ------------------------------------------------------------------------


class Sim:
    """One level played by the rules of the module docstring (the JS module's ``tick``)."""

    def __init__(self, level: dict[str, Any], config: dict[str, Any], lives: int | None = None) -> None:
        self.cfg, self.mode = config, str(level.get("mode", "breakout"))
        self.lives = int(lives if lives is not None else config.get("lives", 3))
        self.status, self.f, self.score = "playing", 0, 0
        self.base_speed = self.speed = int(level["speed"])
        self.max_speed = int(level.get("max_speed", self.speed))
        self.pspeed = int(config.get("paddle_speed", 5 * U))
        self.serve_frames = int(level.get("serve", config.get("serve", 60)))
        self.hits = self.serves = self.lost = self.broken = self.struck = 0
        self.me = self.ai = 0  # pong points
        self.events: list[str] = []
        self.ghost = False  # the solver's look-ahead: the paddle neither bounces nor misses the ball
        if self.mode == "pong":
            self.plen = int(level["paddle_h"])
            self.ai_speed = int(level["ai_speed"])
            self.to_win = int(level["points_to_win"])
            self.py = self.ay = TOP + (H - TOP) // 2
            self.bricks: list[list[int]] = []
        else:
            self.plen = int(level["paddle_w"])
            self.px = W // 2
            self.bricks = [list(map(int, row)) for row in level["bricks"]]
            self.ox, self.oy, self.bw, self.bh = (int(level[k]) for k in ("ox", "oy", "bw", "bh"))
            self.kinds = [list(map(int, row)) for row in level["kinds"]]
            self.points = [int(k["points"]) for k in config["kinds"]]
            self.left = sum(1 for row in self.bricks for hp in row if hp > 0)
        self.bx = self.by = self.vx = self.vy = 0
        self._rest()

    def clone(self) -> "Sim":
        twin = object.__new__(Sim)
        twin.__dict__.update(self.__dict__)
        twin.bricks = [row[:] for row in self.bricks]
        twin.events = []
        return twin

    # ---- serving -------------------------------------------------------------------------------
    def _rest(self) -> None:
        """The ball waits to be served: on the paddle (breakout) or mid-field (pong)."""
        self.serve = self.serve_frames
        self.speed = self.base_speed
        self.vx = self.vy = 0
        self._place()

    def _place(self) -> None:
        if self.mode == "pong":
            self.bx, self.by = W // 2 - BALL // 2, TOP + (H - TOP) // 2 - BALL // 2
        else:
            self.bx, self.by = self.px - BALL // 2, PADDLE_TOP - BALL

    def launch(self) -> None:
        self.serve = 0
        across, along = TABLE[2 + self.serves % 2]
        sign = 1 if self.serves % 2 == 0 else -1
        a, b = (self.speed * across) // 8, (self.speed * along) // 8
        if self.mode == "pong":
            self.vx, self.vy = -b, sign * a  # served towards the player
        else:
            self.vx, self.vy = sign * a, -b
        self.serves += 1

    # ---- the paddles ----------------------------------------------------------------------------
    def _move_paddle(self, held: set[str] | frozenset[str]) -> None:
        half = self.plen // 2
        if self.mode == "pong":
            d = (1 if "down" in held else 0) - (1 if "up" in held else 0)
            self.py = _clamp(self.py + d * self.pspeed, TOP + half, H - half)
        else:
            d = (1 if "right" in held else 0) - (1 if "left" in held else 0)
            self.px = _clamp(self.px + d * self.pspeed, half, W - half)

    def _move_ai(self) -> None:
        target = self.by + BALL // 2 if self.vx > 0 and self.bx > W // 3 else TOP + (H - TOP) // 2
        gap = target - self.ay
        if abs(gap) > AI_DEAD:
            step = min(self.ai_speed, abs(gap))
            self.ay += step if gap > 0 else -step
        half = self.plen // 2
        self.ay = _clamp(self.ay, TOP + half, H - half)

    def _bounce(self, offset: int, out_sign: int, cross: int, mine: bool = True) -> tuple[int, int]:
        """(along, across) velocity after a paddle hit ``offset`` units from its centre; the player's
        hits (not the rival's) count towards the speed-up."""
        self.hits += 1 if mine else 0
        every = int(self.cfg.get("speedup_every") or 0)
        if mine and every and self.hits % every == 0:
            self.speed = min(self.max_speed, self.speed + int(self.cfg.get("speedup", 4)))
        half = self.plen // 2
        zone = _clamp((offset * 5) // (half + 1), -4, 4)
        sign = -1 if zone < 0 else 1 if zone > 0 else (-1 if cross < 0 else 1)
        across, along = TABLE[abs(zone)]
        self.events.append("paddle")
        return out_sign * ((self.speed * along) // 8), sign * ((self.speed * across) // 8)

    # ---- the ball -----------------------------------------------------------------------------
    def _brick_at(self) -> tuple[int, int] | None:
        """The first brick (row-major) the ball overlaps."""
        c0, c1 = (self.bx - self.ox) // self.bw, (self.bx + BALL - 1 - self.ox) // self.bw
        r0, r1 = (self.by - self.oy) // self.bh, (self.by + BALL - 1 - self.oy) // self.bh
        for r in range(max(0, r0), min(len(self.bricks) - 1, r1) + 1):
            row = self.bricks[r]
            for c in range(max(0, c0), min(len(row) - 1, c1) + 1):
                if row[c] > 0:
                    return r, c
        return None

    def _hit_brick(self) -> bool:
        if self.mode != "breakout":
            return False
        rc = self._brick_at()
        if rc is None:
            return False
        r, c = rc
        self.bricks[r][c] -= 1
        self.struck += 1
        if self.bricks[r][c] == 0:
            self.left -= 1
            self.broken += 1
            self.score += self.points[self.kinds[r][c]] if self.kinds[r][c] < len(self.points) else 10
            self.events.append("break")
        else:
            self.events.append("brick")
        return True

    def _move_x(self) -> None:
        self.bx += self.vx
        if self.bx < 0 and self.mode == "breakout":
            self.bx, self.vx = -self.bx, -self.vx
            self.events.append("wall")
        elif self.bx + BALL > W and self.mode == "breakout":
            self.bx, self.vx = 2 * (W - BALL) - self.bx, -self.vx
            self.events.append("wall")
        elif self._hit_brick():
            self.bx -= self.vx
            self.vx = -self.vx
        elif self.mode == "pong" and not self.ghost:
            self._pong_paddles()

    def _pong_paddles(self) -> None:
        half = self.plen // 2
        top, bot = self.by, self.by + BALL
        if self.vx < 0 and self.bx <= PONG_LEFT + PONG_THICK < self.bx - self.vx \
                and top < self.py + half and bot > self.py - half:
            self.bx = PONG_LEFT + PONG_THICK
            self.vx, self.vy = self._bounce(self.by + BALL // 2 - self.py, 1, self.vy)
        elif self.vx > 0 and self.bx + BALL >= PONG_RIGHT > self.bx + BALL - self.vx \
                and top < self.ay + half and bot > self.ay - half:
            self.bx = PONG_RIGHT - BALL
            self.vx, self.vy = self._bounce(self.by + BALL // 2 - self.ay, -1, self.vy, mine=False)
            self.events.append("ai")

    def _move_y(self) -> None:
        self.by += self.vy
        if self.by < TOP:
            self.by, self.vy = 2 * TOP - self.by, -self.vy
            self.events.append("wall")
        elif self.mode == "pong" and self.by + BALL > H:
            self.by, self.vy = 2 * (H - BALL) - self.by, -self.vy
            self.events.append("wall")
        elif self._hit_brick():
            self.by -= self.vy
            self.vy = -self.vy
        elif self.mode == "breakout" and not self.ghost and self.vy > 0:
            half = self.plen // 2
            if self.by + BALL >= PADDLE_TOP > self.by + BALL - self.vy \
                    and self.bx < self.px + half and self.bx + BALL > self.px - half:
                self.by = PADDLE_TOP - BALL
                self.vy, self.vx = self._bounce(self.bx + BALL // 2 - self.px, -1, self.vx)

    def _outcome(self) -> None:
        if self.mode == "breakout":
            if self.by >= H and not self.ghost:
                self.lost += 1
                self.lives -= 1
                self.events.append("miss")
                if self.lives <= 0:
                    self.lives, self.status = 0, "lost"
                    return
                self._rest()
            return
        if self.ghost:
            return
        if self.bx + BALL < 0:
            self.ai += 1
            self.lost += 1
            self.events.append("miss")
            self._rest()
        elif self.bx > W:
            self.me += 1
            self.score += 100
            self.events.append("point")
            self._rest()

    # ---- one frame ---------------------------------------------------------------------------
    def step(self, held: set[str] | frozenset[str] = frozenset(), pressed: set[str] | frozenset[str] | None = None) -> None:
        """One frame: the input, then the world (nothing once the level is won or lost)."""
        self.events = []
        if self.status != "playing":
            return
        pressed = held if pressed is None else pressed
        if self.serve > 0 and "action" in pressed:
            self.launch()
        self._move_paddle(held)
        if self.mode == "pong":
            self._move_ai()
        if self.serve > 0:
            self._place()
            self.serve -= 1
            if self.serve == 0:
                self.launch()
        else:
            self._move_x()
            self._move_y()
            self._outcome()
        self.f += 1
        self._judge()

    def _judge(self) -> None:
        if self.status != "playing":
            return
        if self.mode == "breakout" and self.left <= 0:
            self.status = "won"
        elif self.mode == "pong" and self.me >= self.to_win:
            self.status = "won"
        elif self.mode == "pong" and self.ai >= self.to_win:
            self.lost += 1
            self.lives -= 1  # a lost match costs a life and is played again from 0-0
            self.events.append("match")
            if self.lives <= 0:
                self.lives, self.status = 0, "lost"
                return
            self.me = self.ai = 0
            self._rest()


def expand(runs: list[list[Any]]) -> list[str]:
    """The key held on each frame of a proof's ``runs`` ([[frames, key], ...], "" = none)."""
    out: list[str] = []
    for n, key in runs:
        out.extend([str(key)] * int(n))
    return out


def replay(level: dict[str, Any], config: dict[str, Any], runs: list[list[Any]], lives: int | None = None) -> Sim:
    """Play a proof's held keys frame by frame, then idle to the frame bound (or the end)."""
    sim = Sim(level, config, lives)
    keys = expand(runs)
    limit = int(config.get("max_frames", MAX_LEVEL_FRAMES))
    while sim.status == "playing" and sim.f < limit:
        k = keys[sim.f] if sim.f < len(keys) else ""
        sim.step({k} if k else set())
    return sim


# ---- the solver: a paddle that meets the ball where it will arrive, aimed by look-ahead ----------


def _arrival(sim: Sim, limit: int) -> tuple[int, int] | None:
    """(frames until, ball centre across the paddle's axis) when the ball next reaches the player's
    paddle line, the paddle being a ghost; None when it doesn't within ``limit`` frames (or a brick
    wall ends the level first)."""
    ghost = sim.clone()
    ghost.ghost = True
    for n in range(1, limit + 1):
        ghost.step(set())
        if ghost.status != "playing" or ghost.bx > W or ghost.bx + BALL < 0 or ghost.by > H:
            return None
        if ghost.serve == 0:
            if ghost.mode == "breakout" and ghost.vy > 0 and ghost.by + BALL >= PADDLE_TOP:
                return n, ghost.bx + BALL // 2
            if ghost.mode == "pong" and ghost.vx < 0 and ghost.bx <= PONG_LEFT + PONG_THICK:
                return n, ghost.by + BALL // 2
    return None


def _key_towards(sim: Sim, target: int) -> str:
    pos = sim.py if sim.mode == "pong" else sim.px
    if target - pos >= sim.pspeed:
        return "down" if sim.mode == "pong" else "right"
    if pos - target >= sim.pspeed:
        return "up" if sim.mode == "pong" else "left"
    return ""


def _segment(sim: Sim, offset: int, limit: int) -> tuple[Sim, list[str], int] | None:
    """Play from now until the ball has met the paddle ``offset`` units from its centre and come
    back to the paddle's line (or the level ends): the sim after it, its keys and what it gained;
    None when the ball is missed."""
    s = sim.clone()
    keys: list[str] = []
    arrival = _arrival(s, limit)
    if arrival is None:
        return None
    _, centre = arrival
    gain0 = s.struck + 10 * s.me
    bounced = False
    while s.status == "playing" and s.f < limit:
        k = "" if s.serve > 0 else _key_towards(s, centre - offset)
        s.step({k} if k else set())
        keys.append(k)
        if "miss" in s.events or s.status == "lost":
            return None
        if "paddle" in s.events and not bounced:
            # on its way out the ball can't meet the paddle: head for where it will come back
            bounced, offset = True, 0
            nxt = _arrival(s, limit) if s.mode == "breakout" else None  # in pong the rival decides it
            centre = nxt[1] if nxt is not None else (TOP + (H - TOP) // 2 if s.mode == "pong" else centre)
        if s.status == "won":
            break
        if bounced and _coming_back(s):
            break
    return s, keys, s.struck + 10 * s.me - gain0


def _coming_back(s: Sim) -> bool:
    """The ball is on its way back to the player with nothing left to hit before the paddle line."""
    if s.serve > 0:
        return True
    if s.mode == "pong":
        return s.vx < 0 and s.bx < W // 2
    low = s.oy + s.bh * len(s.bricks)
    return s.vy > 0 and s.by > low


def _offsets(sim: Sim, turn: int) -> list[int]:
    half = sim.plen // 2
    fracs = (6, -6, 3, -3, 8, -8, 0)
    k = turn % len(fracs)
    order = fracs[k:] + fracs[:k]
    return [half * f // 10 for f in order]


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    """A proof the level is won without missing the ball: the keys held on each frame (``runs``),
    found by playing it with a paddle that meets each ball where it will land, choosing where on the
    paddle it hits by looking one return ahead; replayed once more to be sure. A flappy course is
    proved by ``flappy.solve`` (the frames a flap is pressed on)."""
    own = _OWN_RULES.get(str(level.get("mode")))
    if own is not None:
        proof: dict[str, Any] | None = own.solve(level, config)
        return proof
    try:
        sim = Sim(level, config)
        limit = int(config.get("max_frames", MAX_LEVEL_FRAMES))
        keys: list[str] = []
        turn = 0
        while sim.status == "playing" and sim.f < limit:
            best: tuple[int, Sim, list[str]] | None = None
            for off in _offsets(sim, turn):
                seg = _segment(sim, off, limit)
                if seg is not None and (best is None or seg[2] > best[0]):
                    best = (seg[2], seg[0], seg[1])
            if best is None:
                return None
            turn += 1 if best[0] == 0 else 0
            sim = best[1]
            keys.extend(best[2])
        if sim.status != "won":
            return None
        runs = _runs(keys)
        check = replay(level, config, runs)
        if check.status != "won" or check.f != sim.f or check.lost:
            return None  # the search and the rules disagree: never claim a level we can't play
        return {"runs": runs, "steps": sim.f, "frames": sim.f, "score": sim.score,
                "bricks": sim.broken, "points": sim.me, "conceded": sim.ai}
    except (KeyError, ValueError, TypeError, IndexError, ZeroDivisionError):
        return None


def _runs(keys: list[str]) -> list[list[Any]]:
    out: list[list[Any]] = []
    for k in keys:
        if out and out[-1][1] == k:
            out[-1][0] += 1
        else:
            out.append([1, k])
    return out


# ---- generation ----------------------------------------------------------------------------------


def _clear_frames(hp: int) -> int:
    """About how long the solver's paddle takes to break one brick of ``hp`` hits (a lone tough brick
    is struck once a return; a wall of weak ones breaks in runs)."""
    return 60 * hp + 25 * hp * (hp - 1)


def _breakout(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    idx, d = int(req.index), float(req.difficulty)
    kinds: list[dict[str, Any]] = config["kinds"]
    cols, bw, bh = 12, 36 * U, 10 * U
    # a GDD's time limit leaves less time to clear the wall: fewer rows, fewer hits in all
    most = _clamp(int(config.get("max_frames", MAX_LEVEL_FRAMES)) // 1500, 1, 6)
    wanted = _clamp(3 + idx + int(d - 1.0), 1, most)
    budget = min(60 + 30 * idx + int(20 * (d - 1.0)), 30 * most)
    ox, oy = (W - cols * bw) // 2, TOP + 28 * U
    bricks: list[list[int]] = []
    kind_rows: list[list[int]] = []
    pattern, shift, hits, frames = rng.randrange(3), rng.randrange(len(kinds)), 0, 0
    clock = int(config.get("max_frames", MAX_LEVEL_FRAMES)) * 6 // 10
    for r in range(wanted):
        k = (r + shift) % len(kinds)  # the kinds take turns, so a wall of enough rows shows every one
        hp = int(kinds[k]["hp"])  # a brick takes the hits its GDD says
        row = [0 if (pattern == 1 and (r + c) % 4 == 0) or (pattern == 2 and c in (cols // 2 - 1, cols // 2) and r % 2)
               else hp for c in range(cols)]
        n = sum(1 for v in row if v)
        if bricks and (hits + n * hp > budget or frames + n * _clear_frames(hp) > clock):
            break
        if not bricks:  # tough bricks or a short clock: a sparser first row
            n = max(2, min(n, budget // hp, clock // _clear_frames(hp)))
            row = [hp if (c * n) % cols < n else 0 for c in range(cols)]
        hits += sum(row)
        frames += sum(1 for v in row if v) * _clear_frames(hp)
        bricks.append(row)
        kind_rows.append([k] * cols)
    rows = len(bricks)
    hurry = _clamp((MAX_LEVEL_FRAMES // 2 - int(config.get("max_frames", MAX_LEVEL_FRAMES))) // 200, 0, 16)
    speed = _clamp(40 + 4 * idx + int(8 * (d - 1.0)) + hurry, 32, 64)
    return {"mode": "breakout", "cols": cols, "rows": rows, "ox": ox, "oy": oy, "bw": bw, "bh": bh,
            "bricks": bricks, "kinds": kind_rows, "speed": speed, "max_speed": speed + 24,
            "paddle_w": _clamp(64 - 6 * idx, 40, 64) * U, "serve": int(config.get("serve", 60))}


def _pong(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    idx = int(req.index)
    speed = 48 + 4 * idx + rng.randrange(3) * 2
    return {"mode": "pong", "speed": speed, "max_speed": speed + 24, "paddle_h": 40 * U,
            "ai_speed": 18 + 3 * idx + rng.randrange(3), "points_to_win": int(config.get("points_to_win", 5)),
            "serve": int(config.get("serve", 60))}


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """One level for req: a wall of bricks (more rows and harder bricks later on), or a match against a
    quicker rival paddle; deterministic for the rng's seed."""
    mode = req.mode if req.mode in MODES else str(config.get("mode", "breakout"))
    if mode in _OWN_RULES:
        level: dict[str, Any] = _OWN_RULES[mode].generate(req, config, rng)
        return level
    return _pong(req, config, rng) if mode == "pong" else _breakout(req, config, rng)


def describe(level: dict[str, Any]) -> str:
    own = _OWN_RULES.get(str(level.get("mode")))
    if own is not None:
        line: str = own.describe(level)
        return line
    if level.get("mode") == "pong":
        return (f"pong match to {level.get('points_to_win')} points, ball speed {level.get('speed')}, "
                f"rival paddle speed {level.get('ai_speed')}")
    bricks = [hp for row in level.get("bricks") or [] for hp in row if hp > 0]
    return (f"{len(bricks)} bricks in {level.get('rows')} rows ({sum(bricks)} hits), ball speed "
            f"{level.get('speed')}, paddle {int(level.get('paddle_w') or 0) // U} px")
