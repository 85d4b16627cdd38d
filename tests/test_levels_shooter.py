"""Shooter levels: config from the GDD, deterministic wave scripts, and a solver that refuses
levels nobody could survive."""

from __future__ import annotations

import json
import math
import random

import pytest

from maestro.genres.shooter import rules as S
from maestro.spec import ArtStyle, AudioMood, Entity, GameSpec, LevelRequest, Mechanic, Palette


def make_spec(mode: str = "fixed", shoot: dict | None = None, player_speed: float | None = None,
              time_limit: int | None = None, hazards: bool = True) -> GameSpec:
    mechanics = [Mechanic(id="shoot", params=shoot)] if shoot is not None else []
    return GameSpec(
        title="Asteroid Shooter", slug="asteroid-shooter", genre="shooter", genre_confidence=0.9, mode=mode,
        player=Entity(name="Spaceship", kind="player", slug="spaceship", behavior="player", speed=player_speed),
        enemies=[Entity(name="Asteroid", kind="enemy", slug="asteroid", behavior="faller", points=30),
                 Entity(name="Drone", kind="enemy", slug="drone", behavior="shooter")],
        items=[Entity(name="Satellite", kind="item", slug="satellite", points=50)],
        hazards=[Entity(name="Rock", kind="hazard", slug="rock")] if hazards else [],
        mechanics=mechanics, time_limit=time_limit,
        art=ArtStyle(palette=Palette(name="space", colors={"sky": "#000010"})), audio=AudioMood(),
    )


def make_req(spec: GameSpec, index: int, count: int = 5) -> LevelRequest:
    return LevelRequest.model_validate({
        "index": index, "count": count, "name": f"Sector {index + 1}", "theme": "space",
        "difficulty": 1.0 + 0.5 * index, "mode": spec.mode,
        "enemies": [{"slug": e.slug, "behavior": e.behavior, "speed": e.speed, "count": e.count} for e in spec.enemies],
        "items": [{"slug": i.slug, "points": i.points, "count": i.count} for i in spec.items],
        "hazards": [{"slug": h.slug} for h in spec.hazards],
        "goal": None, "enemy_count": None, "item_count": None,
        "mechanics": {m.id: m.params for m in spec.mechanics},
    })


SPECS = {
    "fixed-shoot": make_spec("fixed", {"fire_rate": 5}),
    "scrolling-shoot": make_spec("scrolling", {"fire_rate": 6, "damage": 1}),
    "scrolling-dodge": make_spec("scrolling", None),
    "fixed-dodge": make_spec("fixed", None),
}


# ---- config ---------------------------------------------------------------------------------

def test_config_reads_the_gdd_numbers():
    cfg = S.config_for(make_spec("scrolling", {"fire_rate": 4, "damage": 2, "bullet_speed": 500},
                                 player_speed=1.5, time_limit=40))
    assert cfg["mode"] == "scrolling" and cfg["can_shoot"] is True
    assert cfg["fire_rate"] == 4 and cfg["bullet_damage"] == 2 and cfg["bullet_speed"] == 500
    assert cfg["player_speed"] == pytest.approx(225.0)            # 1.5 x the 150 px/s default
    assert cfg["max_level_seconds"] == 38                          # the runtime takes a life at 40 s
    assert cfg["item_points"] == 50 and cfg["kill_points"] == 30   # from the entities' points


def test_config_cooldown_defaults_and_dodge_only():
    assert S.config_for(make_spec("fixed", {"cooldown": 0.25}))["fire_rate"] == pytest.approx(4.0)
    plain = S.config_for(make_spec("", None))
    assert plain["mode"] == "fixed" and plain["can_shoot"] is False
    assert plain["fire_rate"] == 6.0 and plain["max_level_seconds"] == 90.0
    json.dumps(plain)


# ---- generation -----------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(SPECS))
def test_generate_is_deterministic_and_json(name):
    spec = SPECS[name]
    cfg = S.config_for(spec)
    a = S.generate(make_req(spec, 2), cfg, random.Random(42))
    b = S.generate(make_req(spec, 2), cfg, random.Random(42))
    c = S.generate(make_req(spec, 2), cfg, random.Random(43))
    assert a == b and a != c
    assert json.loads(json.dumps(a)) == a
    assert a["mode"] == cfg["mode"]
    assert all(w["pattern"] in S.PATTERNS for w in a["waves"])
    assert "waves" in S.describe(a)


@pytest.mark.parametrize("name", sorted(SPECS))
def test_generated_levels_are_solvable(name):
    spec = SPECS[name]
    cfg = S.config_for(spec)
    solved, runs = 0, 0
    for index in range(4):
        for seed in range(5):
            level = S.generate(make_req(spec, index), cfg, random.Random(seed * 31 + index))
            proof = S.solve(level, cfg)
            runs += 1
            if proof is None:
                continue
            solved += 1
            assert len(proof["path"]) == proof["steps"] + 1
            assert proof["path"][0] == level["start"]
            x0, y0, x1, y1 = cfg["zone"]
            assert all(x0 <= x <= x1 and y0 <= y <= y1 for x, y in proof["path"])
            assert json.loads(json.dumps(proof)) == proof
    assert solved >= runs * 0.8


def _level_stats(spec, index):
    cfg = S.config_for(spec)
    out = []
    for seed in range(6):
        lv = S.generate(make_req(spec, index), cfg, random.Random(seed))
        enemies = [w for w in lv["waves"] if w["kind"] == "enemy"]
        out.append((len({w["t"] for w in lv["waves"]}), sum(w["hp"] * w["count"] for w in enemies),
                    sum(w["speed"] for w in lv["waves"]) / len(lv["waves"]), sum(1 for w in enemies if w["fire"])))
    return [sum(col) / len(col) for col in zip(*out)]


def test_difficulty_rises_with_the_level_index():
    spec = SPECS["fixed-shoot"]
    first, third, fifth = _level_stats(spec, 0), _level_stats(spec, 2), _level_stats(spec, 4)
    assert first[0] < third[0] < fifth[0]          # more waves
    assert first[1] < third[1] < fifth[1]          # more total hp
    assert first[2] < third[2] < fifth[2]          # faster
    assert first[3] == 0 and fifth[3] > 0          # enemy fire from level 2 on


def test_enemy_count_from_the_gdd_is_respected():
    spec = SPECS["fixed-shoot"]
    cfg = S.config_for(spec)
    req = make_req(spec, 0).model_copy(update={"enemy_count": 30})
    lv = S.generate(req, cfg, random.Random(1))
    assert sum(w["count"] for w in lv["waves"] if w["kind"] == "enemy") >= 30


# ---- the solver rejects what nobody could survive -----------------------------------------

def _wave(**kw):
    w = {"t": 2.0, "pattern": "line", "kind": "enemy", "enemy": 0, "count": 5, "speed": 60.0, "hp": 1,
         "fire": False, "a": 0.5, "spacing": 24, "delay": 0.4, "amp": 0.0, "freq": 0.5, "xs": []}
    w.update(kw)
    return w


def _level(cfg, waves):
    last_spawn, end = S.level_timing(waves, cfg)
    zx0, zy0, zx1, zy1 = cfg["zone"]
    c = cfg["solver_cell"]
    start = ([zx0 + ((zx1 - zx0) // c // 2) * c, zy0 + ((zy1 - zy0) // c) * c] if cfg["mode"] == "fixed"
             else [zx0 + 4 * c, zy0 + ((zy1 - zy0) // c // 2) * c])
    return {"mode": cfg["mode"], "waves": waves, "items": [], "start": start,
            "last_spawn": last_spawn, "duration": round(end + 0.5, 3)}


def full_wall(cfg, t=2.0):
    lo, hi = cfg["across"]
    n = int((hi - lo) // 16) + 1
    return _wave(t=t, count=n, spacing=16, a=0.5, kind="hazard")


@pytest.mark.parametrize("name", ["fixed-shoot", "scrolling-dodge"])
def test_solver_rejects_an_unavoidable_full_width_wall(name):
    cfg = S.config_for(SPECS[name])
    easy = _level(cfg, [_wave(count=3)])
    assert S.solve(easy, cfg) is not None                       # the same level minus the wall is fine
    walled = _level(cfg, [_wave(count=3), full_wall(cfg, t=6.0)])
    assert S.solve(walled, cfg) is None
    # a wall that leaves a wide lane is fine
    lane = dict(full_wall(cfg, t=6.0))
    lane["count"] -= 6
    lane["a"] = 0.0 + (lane["count"] - 1) * 8 / (cfg["across"][1] - cfg["across"][0])
    assert S.solve(_level(cfg, [lane]), cfg) is not None


def test_solver_rejects_a_wave_beyond_the_kill_budget():
    cfg = S.config_for(SPECS["fixed-shoot"])
    ok = _level(cfg, [_wave(count=4, hp=2)])
    assert S.solve(ok, cfg) is not None
    tank = _level(cfg, [_wave(count=4, hp=60)])
    assert S.kill_budget(tank["waves"][0], cfg) < 4 * 60
    assert S.solve(tank, cfg) is None
    # the same hp is fine when nobody has to shoot it (dodge-only game)
    dodge_cfg = S.config_for(SPECS["fixed-dodge"])
    assert S.solve(_level(dodge_cfg, [_wave(count=4, hp=60)]), dodge_cfg) is not None


def test_solver_rejects_broken_timelines():
    cfg = S.config_for(SPECS["fixed-shoot"])
    assert S.solve(_level(cfg, []), cfg) is None                             # nothing to play
    assert S.solve(_level(cfg, [_wave(t=cfg["max_level_seconds"])]), cfg) is None   # too long
    assert S.solve(_level(cfg, [_wave(speed=0.0)]), cfg) is None             # never ends
    assert S.solve(_level(cfg, [_wave(pattern="spiral")]), cfg) is None


def test_solver_sees_enemy_fire():
    """A firing wave sweeping the whole band (rain from every column) is deadlier than a silent one."""
    cfg = S.config_for(SPECS["fixed-shoot"])
    n = 40
    silent = _wave(pattern="rain", count=n, delay=0.05, speed=30.0, xs=[i / (n - 1) for i in range(n)], hp=1)
    # silent slow rain across the whole width is itself a wall: unavoidable
    assert S.solve(_level(cfg, [silent]), cfg) is None
    # one shooter high up, firing straight down, is avoidable by stepping aside
    shooter = _wave(pattern="column", count=1, speed=20.0, fire=True, a=0.5)
    proof = S.solve(_level(cfg, [shooter]), cfg)
    assert proof is not None
    assert S.member_bullets(shooter, 0, cfg)                      # it does fire
    xs = [p[0] for p in proof["path"]]
    centre = cfg["across"][0] + 0.5 * (cfg["across"][1] - cfg["across"][0])
    # the path leaves the bullets' column at some point
    assert any(abs(x - centre) > 12 for x in xs)


# ---- the proof really avoids every hit, checked frame by frame -----------------------------

def _hits_on_path(level, cfg, proof):
    """Frame-by-frame replay of the proof path against the exact (uninflated) hitboxes."""
    sf = proof["step_frames"]
    path = proof["path"]
    hb = cfg["player_hitbox"]
    ho = (16 - hb) / 2
    eb = cfg["enemy_hitbox"]
    eo = (16 - eb) / 2
    bs = cfg["enemy_bullet_size"]
    members, bullets = [], []
    for w in level["waves"]:
        for i in range(w["count"]):
            members.append((w, i, *S.member_window(w, i, cfg), S.member_along0(w, i)))
            bullets.extend(S.member_bullets(w, i, cfg))
    hits = 0
    for f in range((len(path) - 1) * sf + 1):
        k, r = divmod(f, sf)
        a = path[k]
        b = path[min(k + 1, len(path) - 1)]
        q = r / sf
        px, py = a[0] + (b[0] - a[0]) * q, a[1] + (b[1] - a[1]) * q
        t = f / S.FPS
        for (w, i, t0, t1, a0) in members:
            if t0 <= t <= t1:
                s = t - t0
                x, y = S._to_screen(a0 + w["speed"] * s, S.member_across(w, i, s, cfg), cfg)
                if px + ho < x + eo + eb and px + ho + hb > x + eo and py + ho < y + eo + eb and py + ho + hb > y + eo:
                    hits += 1
        for (tf, al, ac, vac) in bullets:
            if t >= tf:
                cx, cy = S._center_to_screen(al + cfg["enemy_bullet_speed"] * (t - tf), ac + vac * (t - tf), cfg)
                if px + ho < cx + bs / 2 and px + ho + hb > cx - bs / 2 and py + ho < cy + bs / 2 and py + ho + hb > cy - bs / 2:
                    hits += 1
    return hits


@pytest.mark.parametrize("name", ["fixed-shoot", "scrolling-shoot"])
def test_solver_path_is_collision_free_frame_by_frame(name):
    spec = SPECS[name]
    cfg = S.config_for(spec)
    checked = 0
    for seed in range(3):
        level = S.generate(make_req(spec, 2), cfg, random.Random(seed))
        proof = S.solve(level, cfg)
        if proof is None:
            continue
        assert _hits_on_path(level, cfg, proof) == 0
        checked += 1
    assert checked >= 2
    # and the replay does see hits when the player just sits still through a wall
    lv = _level(cfg, [full_wall(cfg)])
    still = {"path": [lv["start"]] * (int(math.ceil(lv["duration"] * S.FPS / 4)) + 1), "step_frames": 4}
    assert _hits_on_path(lv, cfg, still) > 0
