"""Shooter levels: finite wave scripts, and a solver that proves each one can be survived.

Two modes (``spec.mode``):

* ``fixed``     (default) Space-Invaders / asteroid-defence: the ship moves in a band at the
                bottom of the screen and fires up; waves come down from the top.
* ``scrolling`` side-scrolling shmup / flappy-style: the player flies freely in the left part
                of the screen and fires right; waves come from the right.

Without a ``shoot`` mechanic the game is dodge-only: enemies are obstacles and surviving to
the end of the timeline wins.

Every enemy's position is a closed-form function of time (the same formulas live in
``maestro/genres/shooter/shooter.js``), and enemy fire is scheduled, not aimed, so the whole
level is deterministic. Positions are worked out in a mode-free frame: ``along`` is the
distance travelled from the spawn edge (-16 = just off-screen) and ``across`` the position
across the direction of travel; ``_to_screen`` maps them to screen pixels.

A level::

    {"mode": "fixed", "waves": [{"t": 2.0, "pattern": "sine", "kind": "enemy", "enemy": 0,
      "count": 5, "speed": 70.0, "hp": 1, "fire": false, "a": 0.5, "spacing": 24,
      "delay": 0.45, "amp": 60.0, "freq": 0.4, "xs": []}, ...],
     "items": [{"t": 6.0, "a": 0.3, "item": 0, "points": 25}],
     "start": [232, 246], "last_spawn": 21.3, "duration": 27.8}
"""

from __future__ import annotations

import math
import random
from typing import Any

import numpy as np

from maestro.spec import GameSpec, LevelEntity, LevelRequest


PATTERNS = ("line", "v", "sine", "rain", "column")
W, H, SPRITE, HUD = 480, 270, 16, 14
FPS = 60

FOCUS_FACTOR = 0.5  # the share of its speed a focused ship keeps when the GDD gives no number
# The longest clock a timed run's wave script fills (a longer one is cut to it: the solver's proof and the
# bot's flight grow with it).
TIMED_MAX_SECONDS = 180
TIMED_MAX_WAVES = 60
SPREAD_SLOPE = 0.3  # across speed between neighbouring bullets of a fan, as a share of the bullet speed

# Mechanic ids (and their parameter names) that mean "the player can fire".
SHOOT_IDS = ("shoot", "shooting", "fire", "projectile", "projectiles", "gun", "laser")


# ---- config ---------------------------------------------------------------------------------

def _num(params: dict, *names: str, default: float | None = None) -> float | None:
    for n in names:
        v = params.get(n)
        if isinstance(v, bool):
            continue
        if isinstance(v, (int, float)) and math.isfinite(v) and v > 0:
            return float(v)
    return default




def config_for(spec: GameSpec) -> dict:
    """The shooter's tunables: the GDD's numbers where it gave them, defaults otherwise."""
    mode = "scrolling" if (spec.mode or "").lower() == "scrolling" else "fixed"
    shoot = spec.params_of(*SHOOT_IDS)
    can_shoot = shoot is not None
    shoot = shoot or {}

    fire_rate = _num(shoot, "fire_rate", "rate", "shots_per_second", "rof", default=None)
    if fire_rate is None:
        interval = _num(shoot, "cooldown", "interval", "fire_interval", "reload", "delay")
        fire_rate = 1.0 / interval if interval else 6.0
    fire_rate = min(max(fire_rate, 0.5), 20.0)
    damage = min(max(_num(shoot, "damage", "power", default=1.0), 0.1), 1000.0)
    bullet_speed = min(max(_num(shoot, "bullet_speed", "projectile_speed", "speed", default=360.0), 120.0), 900.0)

    move = spec.params_of("move", "movement", "fly", "flight", "player_speed", "speed") or {}
    rel = spec.player.speed if spec.player.speed and spec.player.speed > 0 else 1.0
    player_speed = _num(move, "speed", "player_speed", "px_per_s", default=150.0 * rel)
    player_speed = min(max(player_speed, 60.0), 400.0)

    power = spec.params_of("powerup", "power_up", "powerups", "spread_shot")
    powerup_seconds = _num(power or {}, "duration", "seconds", "time", default=8.0) if power is not None else 0.0

    waves = spec.params_of("waves", "wave", "enemy_waves") or {}
    waves_base = int(min(max(_num(waves, "count", "waves", "per_level", default=4.0), 1), 12))

    item_points = 25
    if spec.items and spec.items[0].points:
        item_points = int(spec.items[0].points)
    collect = spec.params_of("collect", "collectibles", "score") or {}
    item_points = int(_num(collect, "points", "value", default=float(item_points)))
    kill_points = 10
    if spec.enemies and spec.enemies[0].points:
        kill_points = int(spec.enemies[0].points)

    max_level = 90.0
    timed = timed_seconds(spec)
    if timed:
        # A timed run: the waves fill the clock, gone a second before it runs out (the level lasts the clock).
        max_level = float(timed - 1)
    elif spec.time_limit:
        # The runtime takes a life at the time limit: a level must end well before it.
        max_level = float(max(10, min(max_level, spec.time_limit - 2)))

    if mode == "fixed":
        across = [0, W - SPRITE]
        along_len = H
        zone = [0, H - SPRITE - 56, W - SPRITE, H - SPRITE - 8]   # x0, y0, x1, y1 (player top-left)
    else:
        across = [HUD + 2, H - SPRITE]
        along_len = W
        zone = [0, HUD + 2, 200, H - SPRITE - 6]

    cfg: dict[str, Any] = {
        "mode": mode,
        "can_shoot": can_shoot,
        "W": W, "H": H, "sprite": SPRITE,
        "across": across, "along_len": along_len, "zone": zone,
        "player_speed": round(player_speed, 3),
        "fire_rate": round(fire_rate, 4),
        "bullet_damage": round(damage, 4),
        "bullet_speed": round(bullet_speed, 3),
        "max_player_bullets": 32,
        "player_hitbox": 8,
        "enemy_hitbox": 12,
        "enemy_speed": 60.0,
        "enemy_bullet_speed": 130.0,
        "enemy_bullet_size": 4,
        "enemy_fire_interval": 1.6,
        "enemy_fire_zone": 0.7,        # enemies fire only in the first 70% of their path
        "item_speed": 45.0,
        "item_points": item_points,
        "kill_points": kill_points,
        "pass_points": 10,             # dodge-only: per wave fully passed
        "powerup_seconds": round(float(powerup_seconds), 3),
        "scroll_speed": 40.0,
        "waves_base": waves_base,
        "max_level_seconds": max_level,
        "kill_efficiency": 0.5,        # share of the fire budget the solver counts on
        "solver_cell": 8,
        "solver_margin": 5,
        "lives": spec.lives,
    }
    patterns = spec.params_of("bullet_patterns")
    if patterns is not None:  # bullet hell: every enemy shot is a fan of bullets (only when asked)
        cfg["enemy_spread"] = int(min(max(_num(patterns, "spread", "bullets") or 3.0, 2.0), 7.0))
        cfg["enemy_spread_slope"] = SPREAD_SLOPE
    bombs = spec.params_of("bomb", "bombs")
    if bombs is not None:  # only when asked: a game without bombs keeps its bytes
        cfg["bombs"] = int(min(max(_num(bombs, "count", "bombs") or 3.0, 1.0), 9.0))
    focus = spec.params_of("focus")
    if focus is not None:  # held focus (Shift) moves the ship at this share of its speed; only when asked
        cfg["focus"] = round(min(max(_num(focus, "factor") or FOCUS_FACTOR, 0.1), 0.9), 4)
    if timed:  # one stage against the clock: the runtime's clock ends it (spec.time_ends_as), not the waves
        cfg["timed_run"] = {"seconds": timed, "ends_as": spec.time_ends_as}
    return cfg


def timed_seconds(spec: GameSpec) -> int:
    """The clock of a timed run (GameSpec.time_ends_as), capped at TIMED_MAX_SECONDS; 0 when the game
    is no timed run."""
    if not spec.time_limit or spec.time_ends_as is None:
        return 0
    return int(min(max(spec.time_limit, 10), TIMED_MAX_SECONDS))


def move_speed(cfg: dict, focused: bool) -> float:
    """The ship's speed in px/s: ``focus`` times its speed while focus is held (shooter.js the same)."""
    return cfg["player_speed"] * (cfg["focus"] if focused and cfg.get("focus") else 1)


# ---- the deterministic motion model (mirrored in shooter.js) -------------------------------

def _lohi(cfg: dict) -> tuple[float, float]:
    lo, hi = cfg["across"]
    return float(lo), float(hi)


def member_delay(wave: dict, i: int) -> float:
    return 0.0 if wave["pattern"] in ("line", "v") else i * wave.get("delay", 0.4)


def member_along0(wave: dict, i: int) -> float:
    if wave["pattern"] == "v":
        return -16.0 - abs(i - (wave["count"] - 1) / 2.0) * wave.get("spacing", 24) * 0.75
    return -16.0


def member_across(wave: dict, i: int, s: float, cfg: dict) -> float:
    lo, hi = _lohi(cfg)
    c = lo + wave.get("a", 0.5) * (hi - lo)
    p = wave["pattern"]
    if p in ("line", "v"):
        return c + (i - (wave["count"] - 1) / 2.0) * wave.get("spacing", 24)
    if p == "sine":
        return c + wave.get("amp", 0.0) * math.sin(2 * math.pi * wave.get("freq", 0.5) * s)
    if p == "rain":
        xs = wave.get("xs") or []
        return lo + (xs[i] if i < len(xs) else 0.5) * (hi - lo)
    return c  # column


def member_window(wave: dict, i: int, cfg: dict) -> tuple[float, float]:
    """Global [spawn, gone) times of member i: it exists while along <= along_len."""
    t0 = wave["t"] + member_delay(wave, i)
    if not wave.get("speed", 0) > 0:
        return t0, math.inf   # never leaves: a level with it never ends
    return t0, t0 + (cfg["along_len"] - member_along0(wave, i)) / wave["speed"]


def fire_phase(i: int, interval: float) -> float:
    return interval * (0.3 + 0.7 * ((i * 0.618) % 1.0))


def spread_drifts(cfg: dict) -> list[float]:
    """Across speeds (px/s) of the bullets of one enemy shot: [0.0] (one straight bullet), or with
    ``enemy_spread`` n a fan of n bullets, symmetric, SPREAD_SLOPE of the bullet speed apart (shooter.js
    spreadDrifts: the same list)."""
    n = int(cfg.get("enemy_spread") or 1)
    if n <= 1:
        return [0.0]
    step = cfg.get("enemy_spread_slope", SPREAD_SLOPE) * cfg["enemy_bullet_speed"]
    return [(k - (n - 1) / 2) * step for k in range(n)]


def member_bullets(wave: dict, i: int, cfg: dict) -> list[tuple[float, float, float, float]]:
    """Scheduled shots of member i: (global time, along of centre, across of centre, across speed)."""
    if not wave.get("fire") or wave.get("kind") == "hazard":
        return []
    interval = cfg["enemy_fire_interval"]
    t0, t1 = member_window(wave, i, cfg)
    out = []
    s = fire_phase(i, interval)
    limit = cfg["along_len"] * cfg["enemy_fire_zone"]
    a0 = member_along0(wave, i)
    while t0 + s < t1:
        al = a0 + wave["speed"] * s
        if 0 <= al <= limit:
            ac = member_across(wave, i, s, cfg) + 8.0
            out.extend((t0 + s, al + 8.0, ac, v) for v in spread_drifts(cfg))
        s += interval
    return out


def _to_screen(al: float, ac: float, cfg: dict) -> tuple[float, float]:
    """Top-left of a 16 px sprite from (along, across)."""
    if cfg["mode"] == "fixed":
        return ac, al
    return cfg["W"] - 16 - al, ac


def _center_to_screen(al: float, ac: float, cfg: dict) -> tuple[float, float]:
    if cfg["mode"] == "fixed":
        return ac, al
    return cfg["W"] - al, ac


def level_timing(waves: list[dict], cfg: dict) -> tuple[float, float]:
    """(last spawn time, time every member is gone)."""
    last_spawn, end = 0.0, 0.0
    for w in waves:
        for i in range(w["count"]):
            t0, t1 = member_window(w, i, cfg)
            last_spawn, end = max(last_spawn, t0), max(end, t1)
    return last_spawn, end


# ---- generation -----------------------------------------------------------------------------

_BEHAVIOR_PATTERNS = {
    "flyer": ("sine", "v", "sine"),
    "faller": ("rain", "column", "rain"),
    "shooter": ("line", "v"),
    "chaser": ("v", "sine"),
    "walker": ("line", "column"),
    "patrol": ("line", "column"),
    "static": ("rain", "column"),
}


def _wave_duration_on_screen(wave: dict, cfg: dict) -> tuple[float, float]:
    """[first member visible, last member leaves the visible area]."""
    along_len = cfg["along_len"]
    first, last = math.inf, -math.inf
    for i in range(wave["count"]):
        t0 = wave["t"] + member_delay(wave, i)
        a0 = member_along0(wave, i)
        enter = t0 + max(0.0, (0 - a0) / wave["speed"])
        leave = t0 + (along_len - 16 - a0) / wave["speed"]
        first, last = min(first, enter), max(last, leave)
    return first, last


def kill_budget(wave: dict, cfg: dict) -> float:
    """Damage the player can surely deal to this wave while it is on screen."""
    first, last = _wave_duration_on_screen(wave, cfg)
    return cfg["fire_rate"] * cfg["bullet_damage"] * max(0.0, last - first) * cfg["kill_efficiency"]


def _make_wave(rng: random.Random, cfg: dict, t: float, idx: int, d: float, kind: str, ref: int,
               behavior: str, speed_rel: float) -> list[dict]:
    lo, hi = _lohi(cfg)
    span = hi - lo
    speed = cfg["enemy_speed"] * max(0.4, min(speed_rel or 1.0, 2.5)) * (1 + 0.2 * (d - 1)) * rng.uniform(0.9, 1.1)
    speed = round(min(speed, cfg["enemy_speed"] * 3), 3)
    hp = 1 + int(max(0.0, d - 1)) if kind == "enemy" else 1
    fire = bool(cfg["can_shoot"] and kind == "enemy" and idx >= 1
                and (behavior == "shooter" or rng.random() < 0.2 + 0.1 * idx))
    if kind == "hazard":
        pats = ("line", "column") if cfg["mode"] == "scrolling" else ("rain", "column")
    else:
        pats = _BEHAVIOR_PATTERNS.get(behavior, PATTERNS)
    pattern = rng.choice(pats)
    base = {"t": round(t, 3), "pattern": pattern, "kind": kind, "enemy": ref, "count": 1,
            "speed": speed, "hp": hp, "fire": fire, "a": 0.5, "spacing": 24, "delay": 0.4,
            "amp": 0.0, "freq": 0.5, "xs": []}

    if kind == "hazard" and pattern == "line" and cfg["mode"] == "scrolling":
        # A pair of walls with a gap, like pipes: the gap narrows with the level.
        gap = max(72.0, 120.0 - 10.0 * idx)
        g0 = rng.uniform(lo + 8, hi + 16 - gap - 8)
        walls = []
        top_len, bot_start = g0 - lo, g0 + gap
        n_top = int(top_len // 16)
        n_bot = int((hi + 16 - bot_start) // 16)
        if n_top > 0:
            walls.append(dict(base, count=n_top, spacing=16,
                              a=round((lo + (n_top - 1) * 8 - lo) / span, 4)))
        if n_bot > 0:
            c = hi - (n_bot - 1) * 8
            walls.append(dict(base, count=n_bot, spacing=16, a=round((c - lo) / span, 4)))
        return walls

    if pattern in ("line", "v"):
        spacing = rng.choice((24, 28, 32))
        count = 5 if pattern == "v" else 3 + min(idx, 4) + rng.randint(0, 1)
        if pattern == "v" and idx >= 2:
            count = 7
        # always leave a wide free lane beside the formation
        max_count = int((span + 16 - 96 - 16) // spacing) + 1
        count = max(1, min(count, max_count))
        half = (count - 1) * spacing / 2
        c = rng.uniform(lo + half, hi - half)
        base.update(count=count, spacing=spacing, a=round((c - lo) / span, 4))
    elif pattern == "column":
        count = 3 + idx // 2 + rng.randint(0, 1)
        base.update(count=count, delay=round(rng.uniform(0.35, 0.5) * 60 / speed * 1.2, 3),
                    a=round(rng.uniform(0.05, 0.95), 4))
    elif pattern == "sine":
        count = 4 + idx // 2 + rng.randint(0, 1)
        amp = rng.uniform(0.12, 0.3) * span
        c = rng.uniform(lo + amp, hi - amp)
        base.update(count=count, delay=round(rng.uniform(0.4, 0.55), 3), amp=round(amp, 2),
                    freq=round(rng.uniform(0.25, 0.5), 3), a=round((c - lo) / span, 4))
    else:  # rain
        count = 5 + idx + rng.randint(0, 2)
        base.update(count=count, delay=round(rng.uniform(0.3, 0.5), 3),
                    xs=[round(rng.uniform(0.0, 1.0), 4) for _ in range(count)])

    if kind == "enemy" and cfg["can_shoot"]:
        # never ask for more damage than the player can surely deal while the wave is on screen
        budget = kill_budget(base, cfg)
        while base["hp"] > 1 and base["hp"] * base["count"] > budget * 0.8:
            base["hp"] -= 1
    return [base]


def _wave_span_seconds(wave: dict) -> float:
    return member_delay(wave, wave["count"] - 1)


def generate(req: LevelRequest, config: dict, rng: random.Random) -> dict:
    """One level's wave script; harder with req.index (more waves, faster, more hp, fire)."""
    cfg = config
    idx = int(req.index)
    d = float(req.difficulty)
    enemies = list(req.enemies) or [LevelEntity(slug="enemy", behavior="flyer", speed=1.0)]
    hazards = list(req.hazards)
    items = list(req.items)

    n_waves = min(cfg["waves_base"] + 2 * idx, 16)
    target = req.enemy_count
    if not target:
        counts = [e.count for e in enemies if e.count]
        target = int(sum(counts) * (1 + 0.3 * idx)) if counts else None
    max_t = cfg["max_level_seconds"] - 12.0
    timed = bool(cfg.get("timed_run"))

    waves: list[dict] = []
    t = 2.5
    total, w = 0, 0
    while w < (TIMED_MAX_WAVES if timed else 24):
        # A timed run: waves keep coming until the clock is nearly out, a step harder every 30 s.
        step = idx + min(3, int(t // 30)) if timed else idx
        if not timed and (total >= target or w >= 20 if target else w >= n_waves):
            break
        if t > max_t:
            break
        use_hazard = bool(hazards) and (rng.random() < (0.45 if not cfg["can_shoot"] else 0.25))
        if use_hazard:
            j = rng.randrange(len(hazards))
            new = _make_wave(rng, cfg, t, step, d, "hazard", j, "static", 1.0)
        else:
            j = w % len(enemies) if rng.random() < 0.6 else rng.randrange(len(enemies))
            e = enemies[j]
            new = _make_wave(rng, cfg, t, step, d, "enemy", j, e.behavior or "flyer",
                             float(e.speed or 1.0))
        waves.extend(new)
        total += sum(x["count"] for x in new if x["kind"] == "enemy")
        gap = max(1.6, 3.8 - 0.35 * step) * rng.uniform(0.85, 1.15)
        t += gap + max(_wave_span_seconds(x) for x in new) * 0.6
        w += 1

    last_spawn, end = level_timing(waves, cfg)
    n_items = req.item_count
    if n_items is None:
        n_items = (2 + idx) if items else 0
    n_items = max(0, min(int(n_items), 12))
    item_list = []
    for k in range(n_items):
        j = k % len(items) if items else 0
        pts = (items[j].points if items else None) or cfg["item_points"]
        item_list.append({"t": round(rng.uniform(3.0, max(3.5, last_spawn)), 3),
                          "a": round(rng.uniform(0.05, 0.95), 4), "item": j, "points": int(pts)})
    item_list.sort(key=lambda it: it["t"])

    zx0, zy0, zx1, zy1 = cfg["zone"]
    cell = cfg["solver_cell"]
    if cfg["mode"] == "fixed":
        start = [zx0 + ((zx1 - zx0) // cell // 2) * cell, zy0 + ((zy1 - zy0) // cell) * cell]
    else:
        start = [zx0 + 4 * cell, zy0 + ((zy1 - zy0) // cell // 2) * cell]
    return {
        "mode": cfg["mode"],
        "waves": waves,
        "items": item_list,
        "start": start,
        "last_spawn": round(last_spawn, 3),
        # a timed run's level lasts the clock: the solver proves the ship survives all of it
        "duration": float(cfg["timed_run"]["seconds"]) if timed else round(end + 0.5, 3),
    }


# ---- solving --------------------------------------------------------------------------------

def _step_frames(cfg: dict) -> int:
    """Frames per solver step: the player can cross one grid cell in one step."""
    return int(min(12, max(1, math.ceil(cfg["solver_cell"] * FPS / cfg["player_speed"]))))


def _member_box(e: tuple, t: float, cfg: dict) -> tuple[float, float, float, float]:
    w, i, t0, t1, a0 = e
    eb = cfg["enemy_hitbox"]
    off = (16 - eb) / 2
    s = t - t0
    x, y = _to_screen(a0 + w["speed"] * s, member_across(w, i, s, cfg), cfg)
    return (x + off, y + off, x + off + eb, y + off + eb)


def _bullet_box(b: tuple, t: float, cfg: dict) -> tuple[float, float, float, float]:
    tf, al, ac, vac = b
    bs = cfg["enemy_bullet_size"]
    cx, cy = _center_to_screen(al + cfg["enemy_bullet_speed"] * (t - tf), ac + vac * (t - tf), cfg)
    return (cx - bs / 2, cy - bs / 2, cx + bs / 2, cy + bs / 2)


def _swept_box(box_at, t_lo: float, t_hi: float, ta: float, tb: float, cfg: dict, curved: bool):
    """Hull of an entity's boxes over [ta, tb] clipped to its life [t_lo, t_hi] (None if dead)."""
    a, b = max(ta, t_lo), min(tb, t_hi)
    if a > b:
        return None
    n = 4 if curved else 1   # straight motion: the two ends bound the whole sweep
    boxes = [box_at(a + (b - a) * q / n) for q in range(n + 1)]
    return (min(x[0] for x in boxes), min(x[1] for x in boxes),
            max(x[2] for x in boxes), max(x[3] for x in boxes))


def _dodge(level: dict, cfg: dict) -> dict | None:
    """BFS over (time step, player cell): is there a collision-free path for the whole level?

    Conservative: enemies are never shot down, each step's obstacles are the union of their
    boxes over the step (inflated by solver_margin), and a move needs both the cell left and
    the cell entered to be clear for that whole step.
    """
    zx0, zy0, zx1, zy1 = cfg["zone"]
    cell = cfg["solver_cell"]
    nx, ny = int((zx1 - zx0) // cell) + 1, int((zy1 - zy0) // cell) + 1
    hb = cfg["player_hitbox"]
    ho = (16 - hb) / 2
    m = cfg["solver_margin"]
    sf = _step_frames(cfg)
    dt = sf / FPS
    duration = float(level["duration"])
    K = int(math.ceil(duration / dt))

    members, bullets = [], []
    for w in level["waves"]:
        for i in range(w["count"]):
            t0, t1 = member_window(w, i, cfg)
            members.append((w, i, t0, t1, member_along0(w, i)))
            bullets.extend(member_bullets(w, i, cfg))
    bs = cfg["enemy_bullet_size"]
    bullet_life = (cfg["along_len"] + bs + 32) / cfg["enemy_bullet_speed"]

    sx, sy = level["start"]
    cx0, cy0 = int(round((sx - zx0) / cell)), int(round((sy - zy0) / cell))
    if not (0 <= cx0 < nx and 0 <= cy0 < ny):
        return None

    reach = np.zeros((K + 1, ny, nx), dtype=bool)
    reach[0, cy0, cx0] = True
    blocked_all = np.zeros((K + 1, ny, nx), dtype=bool)
    members.sort(key=lambda e: e[2])
    bullets.sort(key=lambda b: b[0])
    for k in range(1, K + 1):
        ta, tb = (k - 1) * dt, k * dt
        blocked = blocked_all[k]
        boxes = []
        for e in members:
            if e[2] > tb:
                break
            if e[3] >= ta:
                bx = _swept_box(lambda tt, e=e: _member_box(e, tt, cfg), e[2], e[3], ta, tb, cfg,
                                e[0]["pattern"] == "sine")
                if bx:
                    boxes.append(bx)
        for bl in bullets:
            if bl[0] > tb:
                break
            if bl[0] + bullet_life >= ta:
                bx = _swept_box(lambda tt, bl=bl: _bullet_box(bl, tt, cfg), bl[0], bl[0] + bullet_life, ta, tb,
                                cfg, False)
                if bx:
                    boxes.append(bx)
        if boxes:
            for (bx0, by0, bx1, by1) in boxes:
                # cells whose player hitbox overlaps the inflated box
                lo_x = math.floor((bx0 - m - hb - ho - zx0) / cell) + 1
                hi_x = math.ceil((bx1 + m - ho - zx0) / cell) - 1
                lo_y = math.floor((by0 - m - hb - ho - zy0) / cell) + 1
                hi_y = math.ceil((by1 + m - ho - zy0) / cell) - 1
                if hi_x < 0 or hi_y < 0 or lo_x >= nx or lo_y >= ny:
                    continue
                blocked[max(0, lo_y):min(ny, hi_y + 1), max(0, lo_x):min(nx, hi_x + 1)] = True
        src = reach[k - 1] & ~blocked
        grown = src.copy()
        grown[1:, :] |= src[:-1, :]
        grown[:-1, :] |= src[1:, :]
        g2 = grown.copy()
        g2[:, 1:] |= grown[:, :-1]
        g2[:, :-1] |= grown[:, 1:]
        reach[k] = g2 & ~blocked
        if not reach[k].any():
            return None

    # walk back from any reachable cell at the end
    ys, xs = np.nonzero(reach[K])
    # prefer the cell closest to the start (a calm path)
    best = int(np.argmin(np.abs(ys - cy0) + np.abs(xs - cx0)))
    cy, cx = int(ys[best]), int(xs[best])
    cells = [(cx, cy)]
    for k in range(K, 0, -1):
        ok = reach[k - 1] & ~blocked_all[k]
        found = None
        for ddy, ddx in ((0, 0), (0, -1), (0, 1), (-1, 0), (1, 0), (-1, -1), (-1, 1), (1, -1), (1, 1)):
            py, px = cy + ddy, cx + ddx
            if 0 <= py < ny and 0 <= px < nx and ok[py, px]:
                found = (px, py)
                break
        if found is None:  # cannot happen: reach[k] came from such a cell
            return None
        cx, cy = found
        cells.append((cx, cy))
    cells.reverse()
    path = [[zx0 + x * cell, zy0 + y * cell] for (x, y) in cells]
    return {"path": path, "steps": K, "step_frames": sf, "grid": [nx, ny]}


def solve(level: dict, config: dict) -> dict | None:
    """A proof the level can be completed, or None.

    (a) finite timeline within max_level_seconds, (b) every wave's hp fits the player's kill
    budget while it is on screen (shooting games), (c) a collision-free path exists (BFS).
    """
    cfg = config
    waves = level.get("waves") or []
    if not waves:
        return None
    for w in waves:
        if w.get("pattern") not in PATTERNS or w.get("count", 0) < 1 or not (w.get("speed", 0) > 0):
            return None
        if w["pattern"] == "rain" and len(w.get("xs") or []) < w["count"]:
            return None
    last_spawn, end = level_timing(waves, cfg)
    if not math.isfinite(end) or end > cfg["max_level_seconds"] or float(level.get("duration", 0)) < end:
        return None
    if float(level["duration"]) > cfg["max_level_seconds"] + 1:
        return None

    budgets = []
    if cfg["can_shoot"]:
        for w in waves:
            if w.get("kind") == "hazard":
                continue
            need = w["hp"] * w["count"]   # hp is in damage units
            have = kill_budget(w, cfg)
            # each member alone must also be killable during its own time on screen
            first, last = _wave_duration_on_screen(dict(w, count=1), cfg)
            single = cfg["fire_rate"] * cfg["bullet_damage"] * (last - first) * cfg["kill_efficiency"]
            if need > have or w["hp"] > single:
                return None
            budgets.append(round(have - need, 2))

    proof = _dodge(level, cfg)
    if proof is None:
        return None
    proof["kill_slack"] = budgets
    proof["duration"] = level["duration"]
    proof["waves"] = len(waves)
    return proof


def describe(level: dict) -> str:
    waves = level.get("waves") or []
    n_enemies = sum(w["count"] for w in waves if w.get("kind") != "hazard")
    n_haz = sum(w["count"] for w in waves if w.get("kind") == "hazard")
    firing = sum(1 for w in waves if w.get("fire"))
    return (f"{level.get('mode', 'fixed')} shooter, {len(waves)} waves ({n_enemies} enemies, {n_haz} obstacles, "
            f"{firing} firing), {len(level.get('items') or [])} items, {level.get('duration', 0):.1f}s")


__all__ = ["config_for", "generate", "solve", "describe", "kill_budget"]

