"""Query agent, shooter genre: a bot that flies level 1 and keypoint checks of the GDD's mechanics.

The bot re-runs the Labyrinth solver (``maestro.genres.shooter.rules.solve``), which proves a collision-free
dodge path through the level's deterministic wave script, and steers the REAL ship along it with the
same actions a player presses (arrows + fire held), frame by frame, until the game says level 1 is
won. The follower loop runs inside V8 (one call, not 5 Python round trips a frame) but only through
the public API: ``__game.press`` / ``__game.step`` / ``__game.state``.

The keypoints use the genre's QA hooks (``Maestro.genres.shooter.qa``) to put an enemy, a bullet or
an item in a known place, then let the real ``update()`` play a few frames and check the outcome
(score, lives, kills, what the world says).
"""

from __future__ import annotations

import json
import math
import random

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessGame
from maestro.genres.shooter import rules as S

FPS = 60
# After the path ends: the last members leave the screen, then the 1.5 s "Level complete!" banner.
TAIL_FRAMES = 6 * FPS
# config max_level_seconds is at most 90, a timed run's clock at most S.TIMED_MAX_SECONDS
MAX_LEVEL_FRAMES = int((S.TIMED_MAX_SECONDS + 30) * FPS)

QA = "Maestro.genres.shooter.qa"
W_ = "__game.world()"
G_ = "__game.game"

# Drives the ship along the solver's path: one cell per `sf` frames, arrows towards the next
# waypoint (with a dead band so it does not jitter), fire held when the game can shoot.
FOLLOW_JS = """(function (path, sf, shoot, eps, tail, maxFrames) {
  var m = __game, s0 = m.state(), lvl = s0.level, lives0 = s0.lives, frames = 0, hits = 0, lastLives = lives0;
  function done(s) { return s.level !== lvl || s.status !== 'playing'; }
  function release() { ['left', 'right', 'up', 'down', 'action'].forEach(function (a) { m.press(a, false); }); }
  var s = s0;
  outer: for (var k = 1; k < path.length; k++) {
    for (var f = 0; f < sf; f++) {
      var w = m.world(), dx = path[k][0] - w.px, dy = path[k][1] - w.py;
      m.press('right', dx > eps); m.press('left', dx < -eps);
      m.press('down', dy > eps); m.press('up', dy < -eps);
      m.press('action', shoot);
      s = m.step(1); frames++;
      if (s.lives !== lastLives) { hits++; lastLives = s.lives; }
      if (done(s) || frames >= maxFrames) break outer;
    }
  }
  var pathEnd = m.state(), kills = m.world() ? m.world().kills : 0;
  release();
  if (shoot) m.press('action', true);   // keep firing at stragglers while the level winds down
  for (var i = 0; i < tail && !done(s) && frames < maxFrames; i++) {
    s = m.step(1); frames++;
    if (s.lives !== lastLives) { hits++; lastLives = s.lives; }
  }
  release();
  return {end: s, path_end: pathEnd, frames: frames, hits: hits, kills: kills};
})"""


def _can_shoot(spec: dict, config: dict) -> bool:
    return bool(config.get("can_shoot")) or _mechanic(spec, *S.SHOOT_IDS) is not None


def _mechanic(spec: dict, *ids: str) -> str | None:
    for m in spec.get("mechanics") or []:
        if m.get("id") in ids:
            return m["id"]
    return None


def _target_enemy(spec: dict, level: dict) -> dict:
    """The enemy kind the shoot check places: the one of level 1's first enemy wave."""
    ref = next((int(w.get("enemy") or 0) for w in level.get("waves") or [] if w.get("kind") != "hazard"), 0)
    enemies = spec.get("enemies") or []
    return (enemies[ref] if ref < len(enemies) else (enemies[0] if enemies else {})) or {}


def _world(game: HeadlessGame, expr: str):
    return game.js(f"(function (G, W) {{ return {expr}; }})({G_}, {W_})")


def _hook(game: HeadlessGame, call: str) -> None:
    game.run(f"(function (G, W, QA) {{ {call}; }})({G_}, {W_}, {QA})")


# Game code without the QA hooks (an older build, or custom code) cannot be put in the state these
# checks need: that is "not checked", not "broken", so the report shows it as skipped.
_NO_HOOKS = (None, "not checked: this game's shooter module has no qa hooks")


def _has_hooks(game: HeadlessGame) -> bool:
    return bool(game.js(f"!!(window.Maestro && Maestro.genres.shooter && {QA})"))


# ---- the bot -------------------------------------------------------------------------------

def play_level_one(game: HeadlessGame, level: dict, config: dict) -> BotResult:
    """Fly the solver's dodge path through level 1 (fire held) until the game moves on to level 2
    or says 'won'. Deterministic and bounded: at most the level's timeline plus a short tail."""
    s = game.state()
    if s.get("status") != "playing" or s.get("level") != 1:
        s = game.start(1)
    lives0 = s.get("lives")
    shoot = bool(config.get("can_shoot", True))
    proof = S.solve(level, config)
    if proof is not None:
        path, sf, how = proof["path"], int(proof["step_frames"]), "followed the solver's dodge path"
    else:
        # No proof: still play it for real (stand at the start, firing) so the report says what
        # happens in the game, not just what the solver thinks.
        sf = S._step_frames(config)
        steps = int(math.ceil(float(level.get("duration") or 60.0) * FPS / sf))
        path = [list(level.get("start") or [s["player"]["x"], s["player"]["y"]])] * (steps + 1)
        how = "solver found no safe route; held position"
    eps = float(config.get("player_speed", 150.0)) / 120.0
    out = game.js(f"{FOLLOW_JS}({json.dumps(path)}, {sf}, {json.dumps(shoot)}, {eps}, {TAIL_FRAMES}, {MAX_LEVEL_FRAMES})")
    end = out["end"]
    won = end.get("level", 1) >= 2 or end.get("status") == "won"
    errors = game.errors()
    if errors:
        won = False
    lost_lives = (lives0 - end["lives"]) if isinstance(lives0, int) and isinstance(end.get("lives"), int) else 0
    detail = (f"{how}: {len(path) - 1} steps x {sf} frames, {out['frames']} frames played, "
              f"{out['kills']} kills, {out['hits']} hits taken, lives {lives0}->{end.get('lives')}, "
              f"status {end.get('status')} on level {end.get('level')}")
    if end.get("status") == "lost":
        detail += f" (game over: {end.get('last_loss')})"
    elif not won:
        detail += " (level 1 did not end)"
    if errors:
        detail += f"; JS errors: {errors[:3]}"
    if won and lost_lives:
        detail += f"; the solver's path was hit {out['hits']} time(s): game and solver disagree"
    return BotResult(won=won, frames=int(out["frames"]), detail=detail, path_steps=len(path) - 1)


# ---- keypoints -----------------------------------------------------------------------------

def _idle(game: HeadlessGame) -> None:
    for a in ("left", "right", "up", "down", "action"):
        game.press(a, False)


def _kp_shoot_kills(spec: dict, config: dict, level: dict):
    """A stationary enemy 80 px down the line of fire: untouched while the ship holds fire off,
    destroyed with the GDD's points once it fires."""
    sp = _target_enemy(spec, level)
    expected = (sp or {}).get("points") or config.get("kill_points", 10)
    dist = 80.0
    hits = math.ceil(1.0 / max(0.01, float(config.get("bullet_damage", 1.0))))
    budget = dist / float(config.get("bullet_speed", 360.0)) + hits / float(config.get("fire_rate", 6.0)) + 0.25
    chunks = max(1, math.ceil(budget * FPS / 5))

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not _has_hooks(game):
            return _NO_HOOKS
        _idle(game)
        _hook(game, f"W.__qaEnemy = QA.placeEnemyAhead(G, W, {dist}, {{hp: 1}})")
        s0, k0 = game.state(), _world(game, "W.kills")
        game.step(30)
        if _world(game, "W.__qaEnemy.state") != 1:
            return False, "the enemy vanished without being shot"
        game.press("action", True)
        s = game.state()
        for _ in range(chunks):
            s = game.step(5)
            if _world(game, "W.__qaEnemy.state") != 1:
                break
        game.press("action", False)
        return _judge_kill(game, s0, s, k0, expected, budget)
    return run


def _judge_kill(game: HeadlessGame, s0: dict, s: dict, k0: int, expected, budget: float) -> tuple[bool | None, str]:
    state, kills = _world(game, "W.__qaEnemy.state"), _world(game, "W.kills")
    gained = s["score"] - s0["score"]
    if state != 2:
        shots = _world(game, "W.pb.filter(function (b) { return b.on; }).length")
        return False, f"the enemy ahead survived {budget:.2f} s of fire (state {state}, {shots} bullets in flight)"
    if kills != k0 + 1:
        return False, f"kill counter went {k0} -> {kills}"
    if gained != expected:
        return False, f"destroying it added {gained} points, expected {expected}"
    if s["lives"] != s0["lives"]:
        return False, "the ship lost a life while firing at a distant enemy"
    return True, f"destroyed the enemy ahead for {gained} points"


def _kp_enemy_hurts(check_bullet: bool):
    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not _has_hooks(game):
            return _NO_HOOKS
        _idle(game)
        game.run("__game.game.lives = Math.max(__game.game.lives, 3)")   # room for two hits
        s0 = game.state()
        game.step(5)
        if game.state()["lives"] != s0["lives"]:
            return False, "lost a life with nothing touching the ship"
        _hook(game, "QA.placeEnemyAtPlayer(G, W)")
        s1 = game.step(2)
        if s1["lives"] != s0["lives"] - 1:
            return False, f"an enemy on the ship: lives {s0['lives']} -> {s1['lives']}, expected one lost"
        if s1["status"] != "playing" or not str(s1.get("last_loss") or "").startswith("hit by"):
            return False, f"after the enemy hit: status {s1['status']}, reason {s1.get('last_loss')!r}"
        msg = f"contact: lives {s0['lives']} -> {s1['lives']}"
        if check_bullet:
            game.step(int(1.6 * FPS))       # the invulnerability after a hit runs out
            if _world(game, "G.invuln") > 0:
                return False, "the ship stays invulnerable after a hit"
            _hook(game, "QA.placeBulletAtPlayer(G, W)")
            s2 = game.step(2)
            if s2["lives"] != s1["lives"] - 1 or s2.get("last_loss") != "shot down":
                return False, (f"an enemy bullet on the ship: lives {s1['lives']} -> {s2['lives']}, "
                               f"reason {s2.get('last_loss')!r}")
            msg += f"; bullet: lives {s1['lives']} -> {s2['lives']}"
        return True, msg
    return run


def _kp_collect(level: dict, config: dict):
    items = level.get("items") or []
    expected = (items[0].get("points") if items else None) or config.get("item_points", 25)

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        return _collect(game, expected)
    return run


def _collect(game: HeadlessGame, expected) -> tuple[bool | None, str]:
    if not _has_hooks(game):
        return _NO_HOOKS
    _idle(game)
    s0 = game.state()
    c0 = _world(game, "W.caught")
    # the item drifting past far from the ship is not caught ...
    _hook(game, "var x = W.C.mode === 'fixed' ? (W.px > W.C.W / 2 ? 40 : W.C.W - 60) : W.px + 200;"
                "var y = W.C.mode === 'fixed' ? W.py : (W.py > W.C.H / 2 ? 40 : W.C.H - 60);"
                "W.__qaItem = QA.placeItemAt(G, W, 0, x, y)")
    s = game.step(1)
    if _world(game, "W.__qaItem.state") == 2 or s["score"] != s0["score"]:
        return False, "an item far from the ship was caught"
    # ... the same item on the ship is
    _hook(game, "W.__qaItem = QA.placeItemAtPlayer(G, W, 0)")
    s = game.step(1)
    gained = s["score"] - s0["score"]
    if _world(game, "W.__qaItem.state") != 2 or _world(game, "W.caught") != c0 + 1:
        return False, "an item touching the ship was not caught"
    if gained != expected:
        return False, f"catching the item added {gained} points, expected {expected}"
    return True, f"caught an item for {gained} points"


def _survive_timeline(game: HeadlessGame, level: dict) -> dict:
    """Play the whole level invulnerable, hands off; when did each member spawn, when did it end."""
    return game.js("""(function (dur) {
      var m = __game, G = m.game, W = m.world(), lvl = m.state().level;
      var spawned = {}, firstAlive = null, wonAt = null, lastSpawnSeen = 0, maxFrames = Math.ceil((dur + 4) * 60);
      for (var f = 0; f < maxFrames; f++) {
        G.invuln = 1e9;
        var s = m.step(1), w = m.world();
        if (w !== W) { wonAt = wonAt === null ? W.t : wonAt; break; }
        if (s.status !== 'playing') { wonAt = W.t; break; }
        if (G.cleared >= lvl && wonAt === null) { wonAt = W.t; }
        for (var i = 0; i < W.members.length; i++) {
          var mm = W.members[i];
          if (mm.state >= 1 && spawned[i] === undefined) {
            spawned[i] = W.t; lastSpawnSeen = W.t;
            if (firstAlive === null) firstAlive = W.t;
          }
        }
        if (wonAt !== null) break;
      }
      G.invuln = 0;
      var late = [], n = 0;
      for (var j = 0; j < W.members.length; j++) {
        var q = W.members[j];
        if (spawned[j] === undefined) continue;
        n++;
        if (Math.abs(spawned[j] - q.t0) > 1 / 60 + 1e-6) late.push([q.t0, spawned[j]]);
      }
      var left = W.members.filter(function (q) { return q.state === 0 || q.state === 1; }).length;
      return {spawned: n, total: W.members.length, late: late.slice(0, 3), first: firstAlive,
              last: lastSpawnSeen, won_at: wonAt, left: left, remaining: W.remaining, t: W.t,
              state: m.state(), bullets: W.pb.filter(function (b) { return b.on; }).length};
    })(%s)""" % float(level.get("duration") or 60.0))


def _kp_waves(level: dict, config: dict):
    waves = level.get("waves") or []
    starts = sorted({float(w.get("t", 0)) for w in waves})
    last_spawn, end = S.level_timing(waves, config) if waves else (0.0, 0.0)
    # In a timed run the clock, not the last wave, ends the level (qa_clock checks that it does).
    ends_by = float(config["timed_run"]["seconds"]) if config.get("timed_run") else end

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        _idle(game)
        if not waves:
            return False, "level 1 has no waves"
        out = _survive_timeline(game, level)
        if out["won_at"] is not None and out["won_at"] < last_spawn - 1e-6:
            return False, (f"the level ended at {out['won_at']:.2f} s, before its last wave spawned "
                           f"({last_spawn:.2f} s; {out['spawned']} of {out['total']} enemies appeared)")
        if out["spawned"] != out["total"]:
            return False, f"only {out['spawned']} of {out['total']} enemies ever appeared"
        if out["late"]:
            return False, f"enemies appeared off their schedule (due, seen): {out['late']}"
        if out["first"] is None or out["first"] < starts[0] - 1e-6:
            return False, f"the first wave appeared at {out['first']}, due at {starts[0]}"
        if out["won_at"] is None:
            return False, (f"the level never ended: {out['left']} enemies still pending or on screen "
                           f"after {out['t']:.1f} s (timeline {end:.1f} s)")
        if out["left"] or out["remaining"] > 0:
            return False, f"the level ended with {out['left']} enemies still on screen"
        if out["won_at"] > ends_by + 1.0:
            return False, f"the level ended at {out['won_at']:.2f} s, {out['won_at'] - ends_by:.1f} s after it should ({ends_by:.2f} s)"
        return True, (f"{len(starts)} waves, {out['total']} enemies spawned on schedule from {out['first']:.2f} s "
                      f"to {out['last']:.2f} s; level ended at {out['won_at']:.2f} s")
    return run


def _kp_auto_scroll(config: dict):
    speed = float(config.get("scroll_speed", 40.0))

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        _idle(game)
        before = _world(game, "{cam: G.cam.x, stars: W.stars.map(function (s) { return s.x; }), p: [W.px, W.py]}")
        game.step(FPS)
        after = _world(game, "{cam: G.cam.x, stars: W.stars.map(function (s) { return s.x; }), p: [W.px, W.py]}")
        moved = after["cam"] - before["cam"]
        if moved < 0.5 * speed:
            return False, f"without input the view scrolled {moved:.1f} px in 1 s (expected ~{speed:.0f})"
        drift = sum(1 for a, b in zip(before["stars"], after["stars"]) if abs(a - b) > 1e-6)
        if drift < len(before["stars"]) // 2:
            return False, f"the background did not move ({drift}/{len(before['stars'])} stars moved)"
        if before["p"] != after["p"]:
            return False, f"the ship moved by itself: {before['p']} -> {after['p']}"
        return True, f"the world scrolled {moved:.1f} px in 1 s with no input"
    return run


def _kp_dodge_only(level: dict, config: dict):
    duration = float(level.get("duration") or 0.0)

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        _idle(game)
        lives0 = game.state()["lives"]
        game.press("action", True)
        game.step(30)
        shots = _world(game, "W.pb.filter(function (b) { return b.on; }).length")
        game.press("action", False)
        if shots:
            return False, f"a dodge-only game fired {shots} bullets"
        out = _survive_timeline(game, level)
        s = out["state"]
        if out["won_at"] is None:
            return False, f"surviving {out['t']:.1f} s of a {duration:.1f} s timeline did not win"
        if out["won_at"] < duration - 0.5 - 1e-6:
            return False, f"the level ended at {out['won_at']:.2f} s, before its timeline ({duration:.2f} s)"
        if s["lives"] != lives0:
            return False, f"lives changed while invulnerable: {lives0} -> {s['lives']}"
        return True, f"survived the {duration:.1f} s timeline, level ended at {out['won_at']:.2f} s"
    return run


# Three stationary enemies far from the ship and two enemy bullets in flight away from it, placed in
# screen terms for either mode; returns the enemies' indices in W.members.
_BOMB_SCENE = """(function (G, W, QA) {
  var C = W.C, fixed = C.mode === 'fixed', out = [];
  var spots = fixed ? [[100, 40], [232, 60], [360, 40]] : [[300, 40], [340, 120], [380, 200]];
  for (var i = 0; i < spots.length; i++) out.push(QA.placeEnemyAt(G, W, spots[i][0], spots[i][1]));
  for (var k = 0, n = 0; k < W.eb.length && n < 2; k++) {
    var b = W.eb[k]; if (b.on) continue;
    b.on = true; b.tf = W.t; b.vac = 0; b.al = 30 + 20 * n; b.ac = fixed ? 150 + 150 * n : 60 + 100 * n; n++;
  }
  return out.map(function (m) { return W.members.indexOf(m); });
})"""


def _kp_bomb(config: dict):
    """A bomb destroys every enemy on screen for its points and clears the enemy bullets; the stock
    counts down from the GDD's number and an empty stock does nothing."""
    stock = int(config.get("bombs") or 0)

    def alive(game: HeadlessGame) -> int:
        return int(_world(game, "W.members.filter(function (m) { return m.state === 1 && !m.hazard; }).length"))

    def bullets(game: HeadlessGame) -> int:
        return int(_world(game, "W.eb.filter(function (b) { return b.on; }).length"))

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not _has_hooks(game):
            return _NO_HOOKS
        _idle(game)
        game.run("__game.game.invuln = 99")  # nothing placed may cost a life while the check looks
        game.js(f"{_BOMB_SCENE}({G_}, {W_}, {QA})")
        before, score0, shots0 = alive(game), game.state()["score"], bullets(game)
        if before < 3 or shots0 < 2:
            return False, f"the test scene did not come up ({before} enemies, {shots0} bullets)"
        game.press("undo", True)
        s = game.step(1)
        game.press("undo", False)
        after, shots1, left = alive(game), bullets(game), int(_world(game, "W.bombs"))
        if after or shots1:
            return False, f"a bomb left {after} of {before} enemies and {shots1} of {shots0} bullets"
        if s["score"] <= score0:
            return False, "the enemies a bomb destroyed scored nothing"
        if left != stock - 1:
            return False, f"the bomb stock went {stock} -> {left} (expected {stock - 1})"
        game.run("__game.world().bombs = 0")
        game.js(f"{_BOMB_SCENE}({G_}, {W_}, {QA})")
        game.step(1)
        game.press("undo", True)
        game.step(1)
        game.press("undo", False)
        if alive(game) < 3:
            return False, "with no bombs left, Z still cleared the screen"
        return True, (f"Z destroyed {before} enemies (+{s['score'] - score0} points) and {shots0} bullets; "
                      f"bombs {stock} -> {left}; with none left Z does nothing")
    return run


# One stationary enemy of the level's kind, set to fire on the next frame (no other enemy bullet in flight).
_SPREAD_SCENE = """(function (G, W, QA) {
  var fixed = W.C.mode === 'fixed';
  for (var k = 0; k < W.eb.length; k++) W.eb[k].on = false;
  var m = QA.placeEnemyAt(G, W, fixed ? 232 : 300, fixed ? 40 : 120);
  m.w.fire = true; m.nextFire = 0;
  return true;
})"""
_BULLETS = "W.eb.filter(function (b) { return b.on; }).map(function (b) { return [b.x, b.y]; })"


def _kp_spread(config: dict):
    """An enemy's shot is a fan: ``enemy_spread`` bullets side by side that drift apart evenly, the way
    the solver's schedule (rules.spread_drifts) has them."""
    n = int(config.get("enemy_spread") or 1)
    drifts = S.spread_drifts(config)
    fixed = config.get("mode") != "scrolling"

    def run(game: HeadlessGame) -> tuple[bool | None, str]:
        if not _has_hooks(game):
            return _NO_HOOKS
        _idle(game)
        game.run("__game.game.invuln = 99")
        game.js(f"{_SPREAD_SCENE}({G_}, {W_}, {QA})")
        game.step(1)
        fired = _world(game, _BULLETS)
        if len(fired) != n:
            return False, f"one enemy shot put {len(fired)} bullets in flight (expected a fan of {n})"
        game.step(30)
        later = _world(game, _BULLETS)
        across = sorted(b[0] if fixed else b[1] for b in later)
        along = {round(b[1] if fixed else b[0], 6) for b in later}
        gaps = [b - a for a, b in zip(across, across[1:])]
        age = float(_world(game, "W.t - Math.max.apply(null, W.eb.filter(function (b) { return b.on; }).map(function (b) { return b.tf; }))"))
        want = (drifts[1] - drifts[0]) * age  # the fan opens at the drift step per second of flight
        if len(later) != n or len(along) != 1 or any(abs(g - want) > 0.01 for g in gaps):
            return False, f"half a second later the bullets are at {later} (expected {n} in a row, {want:.1f} px apart)"
        return True, f"one enemy shot is a fan of {n} bullets, {want:.1f} px apart after 0.5 s"
    return run


def keypoints(spec: dict, config: dict, levels: list[dict]) -> list[Keypoint]:
    level = levels[0] if levels else {}
    waves = level.get("waves") or []
    enemies = spec.get("enemies") or []
    items = spec.get("items") or []
    shoot = _can_shoot(spec, config)
    enemy_name = (enemies[0].get("name") if enemies else None) or "an enemy"
    out: list[Keypoint] = []
    if shoot:
        target = _target_enemy(spec, level).get("name") or enemy_name
        out.append(Keypoint(
            "shoot_kills", f"Firing at {target} in front of the ship destroys it and adds its points",
            _kp_shoot_kills(spec, config, level), _mechanic(spec, *S.SHOOT_IDS) or "shoot"))
    if enemies or spec.get("hazards") or waves:
        fires = shoot and any(w.get("fire") for lv in levels for w in (lv.get("waves") or []))
        what = f"{enemy_name} or an enemy bullet" if fires else enemy_name
        out.append(Keypoint("enemy_hurts", f"{what[0].upper()}{what[1:]} touching the ship costs a life",
                            _kp_enemy_hurts(fires), enemies[0].get("slug") if enemies else None))
    if items or _mechanic(spec, "collect") or level.get("items"):
        item_name = (items[0].get("name") if items else None) or "an item"
        out.append(Keypoint("collect", f"Catching {item_name} adds its points to the score", _kp_collect(level, config),
                            _mechanic(spec, "collect") or (items[0].get("slug") if items else None)))
    if waves:
        ends = "the clock ends the stage" if config.get("timed_run") else "the level ends when they are done"
        out.append(Keypoint("waves", f"The level's waves spawn over time and {ends}",
                            _kp_waves(level, config), _mechanic(spec, "waves", "wave", "enemy_waves")))
    if config.get("mode") == "scrolling" or (spec.get("mode") or "") == "scrolling" or _mechanic(spec, "auto_scroll"):
        out.append(Keypoint("auto_scroll", "The world scrolls by itself, without input", _kp_auto_scroll(config),
                            _mechanic(spec, "auto_scroll")))
    if int(config.get("enemy_spread") or 1) > 1:
        out.append(Keypoint("bullet_spread", f"Enemies fire fans of {config['enemy_spread']} bullets (bullet hell)",
                            _kp_spread(config), _mechanic(spec, "bullet_patterns") or "bullet_patterns"))
    if config.get("bombs"):
        out.append(Keypoint("bomb", f"Z sets off a bomb ({config['bombs']} in stock) that clears the screen of enemies and bullets",
                            _kp_bomb(config), _mechanic(spec, "bomb") or "bomb"))
    if config.get("focus"):
        from maestro.genres.shooter.qa_focus import kp_focus

        out.append(Keypoint("focus", f"Holding Shift (focus) slows the ship to {config['focus']:g} of its speed and "
                            "shows its hitbox", kp_focus(config), _mechanic(spec, "focus") or "focus"))
    if config.get("timed_run"):
        from maestro.genres.shooter.qa_clock import kp_timed_run, kp_timed_run_loses

        seconds, ends_as = config["timed_run"]["seconds"], config["timed_run"]["ends_as"]
        ending = "wins the run" if ends_as == "win" else "ends the run with the final score"
        out.append(Keypoint("timed_run", f"Survive until the {seconds} seconds run out: the clock counts down and "
                            f"reaching 0 {ending}", kp_timed_run(config), "timer"))
        out.append(Keypoint("timed_run_loses", f"Losing the last life before the {seconds} seconds run out still "
                            "loses", kp_timed_run_loses(config), "timer"))
    if not shoot and waves:
        out.append(Keypoint("dodge_only", "With no shooting, surviving to the end of the level's timeline wins",
                            _kp_dodge_only(level, config), None))
    return out


__all__ = ["play_level_one", "keypoints", "rules_agree"]


# ---- rules agreement: one flight, the real game and the motion model --------------------------------

AGREE_MAX_SECONDS = 40.0  # level 1's whole timeline (plus a second) when it is shorter
_EB_POOL = 160  # enemy bullets in flight at most (shooter.js MAX_EBULLETS)
_TOL = 1e-6

# Flies a run-length script ([dx, dy, frames, focus held], no fire) on `lv` (loaded in place of level 1 and
# started fresh). Rows after every frame: ship top-left, lives, status, cleared, invulnerability,
# live enemies [wave index, member index, x, y] and enemy bullets [x, y] (centres). Stops once the
# level is cleared or the game ends.
_AGREE_JS = """(function (lv, script) {
  var rows = [];
  return __qa.onLevel(lv, function (G) {
    function row() { var W = __game.world(), m = [], b = [], i;
      for (i = 0; i < W.members.length; i++) { var e = W.members[i];
        if (e.state === 1) m.push([W.waves.indexOf(e.w), e.i, e.x, e.y]); }
      for (i = 0; i < W.eb.length; i++) if (W.eb[i].on) b.push([W.eb[i].x, W.eb[i].y]);
      return [W.px, W.py, G.lives, G.status, G.cleared, G.invuln, m, b, G.lastLoss || null]; }
    var first = row();
    outer: for (var r = 0; r < script.length; r++) {
      for (var k = 0; k < script[r][2]; k++) {
        __game.press('right', script[r][0] > 0); __game.press('left', script[r][0] < 0);
        __game.press('down', script[r][1] > 0); __game.press('up', script[r][1] < 0);
        __game.press('focus', !!script[r][3]);
        __game.step(1);
        rows.push(row());
        if (G.cleared || G.status !== 'playing') break outer;
      }
    }
    return {first: first, rows: rows};
  });
})"""


def _overlap(ax: float, ay: float, aw: float, ah: float, bx: float, by: float, bw: float, bh: float) -> bool:
    return ax < bx + bw and ax + aw > bx and ay < by + bh and ay + ah > by


class _Flight:
    """The Python side of one flight: the ship's movement in its zone, every member on the rules'
    closed-form path (``member_along0`` / ``member_across`` / ``member_window``), scheduled fire
    (``fire_phase`` and the fire zone, as ``member_bullets``), the solver's hit boxes, and what
    the runtime does on a hit (a life, 1.5 s of safety, the shots in flight cleared, a rammed
    enemy destroyed). Same operations in the same order as shooter.js, frame by frame."""

    def __init__(self, level: dict, cfg: dict, lives: int | None, start: list):
        self.cfg = cfg
        self.interval = float(cfg["enemy_fire_interval"])
        members = []
        for wi, w in enumerate(level.get("waves") or []):
            for j in range(int(w["count"])):
                members.append({"wi": wi, "i": j, "w": w, "t0": float(w.get("t", 0)) + S.member_delay(w, j),
                                "a0": S.member_along0(w, j), "state": 0, "hazard": w.get("kind") == "hazard",
                                "x": -99.0, "y": -99.0, "next": S.fire_phase(j, self.interval)})
        members.sort(key=lambda m: m["t0"])  # stable, as Array.prototype.sort
        self.members = members
        self.remaining = len(members)
        self.last_spawn = max([float(level.get("last_spawn") or 0)] + [m["t0"] for m in members])
        dur = level.get("duration")
        self.duration = float(dur) if isinstance(dur, (int, float)) else self.last_spawn + 10
        self.slots: list[list[float] | None] = [None] * _EB_POOL
        self.px, self.py = float(start[0]), float(start[1])
        self.t = 0.0
        self.invuln = 0.0
        self.lives = lives
        self.status = "playing"
        self.cleared = False
        self.won = False
        self.event = ""

    def _hurt(self, why: str) -> bool:
        if self.status != "playing" or self.invuln > 0:
            return False
        self.event = why
        if self.lives is not None:
            self.lives -= 1
            if self.lives <= 0:
                self.lives, self.status = 0, "lost"
                return True
        self.slots = [None] * _EB_POOL
        self.invuln = 1.5
        return True

    def frame(self, dx: int, dy: int, focus: bool = False) -> None:
        cfg, dt = self.cfg, 1 / 60
        self.event = ""
        if self.invuln > 0:
            self.invuln = max(0.0, self.invuln - dt)
        self.t += dt
        t = self.t
        z = cfg["zone"]
        speed = S.move_speed(cfg, focus)
        self.px = max(z[0], min(z[2], self.px + dx * speed * dt))
        self.py = max(z[1], min(z[3], self.py + dy * speed * dt))
        phb, ehb = cfg["player_hitbox"], cfg["enemy_hitbox"]
        poff, eoff = (16 - phb) / 2, (16 - ehb) / 2
        hx, hy = self.px + poff, self.py + poff
        along_len = cfg["along_len"]
        fire_limit = along_len * cfg["enemy_fire_zone"]
        for m in self.members:
            if m["t0"] > t:
                break
            if m["state"] == 0:
                m["state"] = 1
            if m["state"] != 1:
                continue
            w = m["w"]
            s = t - m["t0"]
            al = m["a0"] + w["speed"] * s
            if al > along_len:
                m["state"] = 3
                self.remaining -= 1
                continue
            m["x"], m["y"] = S._to_screen(al, S.member_across(w, m["i"], s, cfg), cfg)
            if w.get("fire") and not m["hazard"]:
                while s >= m["next"]:
                    fs = m["next"]
                    fal = m["a0"] + w["speed"] * fs
                    if 0 <= fal <= fire_limit:
                        for vac in S.spread_drifts(cfg):  # one bullet, or a fan (shooter.js the same)
                            k = next((k for k, b in enumerate(self.slots) if b is None), None)
                            if k is not None:
                                self.slots[k] = [m["t0"] + fs, fal + 8, S.member_across(w, m["i"], fs, cfg) + 8,
                                                 0.0, 0.0, vac]
                    m["next"] += self.interval
            if (self.invuln <= 0 and _overlap(hx, hy, phb, phb, m["x"] + eoff, m["y"] + eoff, ehb, ehb)
                    and self._hurt(f"hit by wave {m['wi']} member {m['i']}")):
                if not m["hazard"]:  # rammed: it explodes too
                    m["state"] = 2
                    self.remaining -= 1
                if self.status != "playing":
                    return
        bs, ebs = cfg["enemy_bullet_size"], cfg["enemy_bullet_speed"]
        for k in range(_EB_POOL):
            b = self.slots[k]
            if b is None:
                continue
            bal = b[1] + ebs * (t - b[0])
            if bal - bs / 2 > along_len:
                self.slots[k] = None
                continue
            b[3], b[4] = S._center_to_screen(bal, b[2] + b[5] * (t - b[0]), cfg)
            if (self.invuln <= 0 and _overlap(hx, hy, phb, phb, b[3] - bs / 2, b[4] - bs / 2, bs, bs)
                    and self._hurt("shot down")):
                self.slots[k] = None
                if self.status != "playing":
                    return
        if (not self.won and not cfg.get("timed_run") and t >= self.last_spawn and self.remaining <= 0
                and (cfg.get("can_shoot") is not False or t >= self.duration - 0.5)):
            self.won = self.cleared = True


def _agree_flight(rng: random.Random, frames: int, focus: bool = False) -> list[list[int]]:
    """Rows [dx, dy, frames] (and, in a game with focus, whether it is held: a fourth draw, so that a game
    without focus flies the script it always did)."""
    out, n = [], 0
    while n < frames:
        k = min(frames - n, rng.randint(4, 40))
        row = [rng.choice((-1, 0, 1)), rng.choice((-1, 0, 1)), k]
        if focus:
            row.append(int(rng.random() < 0.5))
        out.append(row)
        n += k
    return out


def _close(a: float, b: float) -> bool:
    return abs(float(a) - float(b)) <= _TOL


def rules_agree(game: HeadlessGame, level: dict, config: dict, rng: random.Random) -> str | None:
    """A random flight (arrows only, no fire) through ``level``'s whole timeline in the real
    shooter.js and in the Python motion model (:class:`_Flight`). Compared after every frame:
    the ship's position, lives, status, whether the level is cleared, the safety time after a
    hit, every live enemy's position (by wave and member) and every enemy bullet's position (to
    1e-6 px). None when they agree to the end, else the first difference."""
    seconds = min(float(level.get("duration") or 30.0) + 1.0, AGREE_MAX_SECONDS)
    frames = int(seconds * 60)
    limit = game.js("(__game.game.spec && __game.game.spec.time_limit) || 0") or 0
    if limit:  # the runtime's clock is not the genre's rule: stay clear of it
        frames = max(0, min(frames, int(float(limit) * 60) - 5))
    script = _agree_flight(rng, frames, bool(config.get("focus")))
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(script)})")
    first, rows = out["first"], out["rows"]
    start = level.get("start") or first[:2]
    py = _Flight(level, config, first[2], start)
    if not (_close(first[0], py.px) and _close(first[1], py.py)):
        return f"the ship starts at ({first[0]}, {first[1]}) in the game but at ({py.px}, {py.py}) by the rules"
    f = 0
    for dx, dy, k, *held in script:
        for _ in range(k):
            py.frame(dx, dy, bool(held and held[0]))
            if f >= len(rows):
                return f"the game stopped after {f} frames while the Python rules fly on"
            js = rows[f]
            f += 1
            why = _flight_diff(js, py)
            if why:
                return f"frame {f} (t={py.t:.3f} s, arrows {dx:+d},{dy:+d}): {why}"
            if py.status != "playing" or py.cleared:
                return None
    if f < len(rows):
        return f"the game played {len(rows)} frames for a {f}-frame script"
    return None


def _flight_diff(js: list, py: _Flight) -> str | None:
    px, pyy, lives, status, cleared, inv, members, bullets, loss = js
    if not (_close(px, py.px) and _close(pyy, py.py)):
        return f"the ship is at ({px:.4f}, {pyy:.4f}) in the game, ({py.px:.4f}, {py.py:.4f}) by the rules"
    if (lives, status) != (py.lives, py.status):
        return (f"the game has {lives} lives and is {status!r} (last loss {loss!r}), the rules {py.lives} lives, "
                f"{py.status!r}" + (f" ({py.event})" if py.event else " (no hit by the rules)"))
    if bool(cleared) != py.cleared:
        return ("the rules clear the level here but the game does not" if py.cleared
                else "the game clears the level where the rules do not")
    if abs(float(inv) - py.invuln) > 1e-9:
        return f"the ship is safe for {inv:.4f} s in the game, {py.invuln:.4f} s by the rules"
    want = {(m["wi"], m["i"]): (m["x"], m["y"]) for m in py.members if m["state"] == 1}
    got = {(wi, i): (x, y) for wi, i, x, y in members}
    if set(got) != set(want):
        extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
        return (f"different enemies are alive: only in the game {extra[:4]}, only by the rules {missing[:4]} "
                "(wave, member)")
    for key, (x, y) in got.items():
        wx, wy = want[key]
        if not (_close(x, wx) and _close(y, wy)):
            return f"wave {key[0]} member {key[1]} is at ({x:.4f}, {y:.4f}) in the game, ({wx:.4f}, {wy:.4f}) by the rules"
    want_b = sorted((b[3], b[4]) for b in py.slots if b is not None)
    got_b = sorted((x, y) for x, y in bullets)
    if len(got_b) != len(want_b):
        return f"{len(got_b)} enemy bullets fly in the game, {len(want_b)} by the rules' fire schedule"
    for (x, y), (wx, wy) in zip(got_b, want_b):
        if not (_close(x, wx) and _close(y, wy)):
            return f"an enemy bullet is at ({x:.4f}, {y:.4f}) in the game, ({wx:.4f}, {wy:.4f}) by the rules"
    return None
