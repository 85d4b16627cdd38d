"""Platformer QA: a bot that plays level 1 with the real game code, and one check per mechanic.

The bot. The Labyrinth solver (``maestro.genres.platformer.rules.solve``) proves the terrain: an input
script that reaches the flag with the game's own integer physics. It ignores enemies (they are
the player's to dodge or stomp), so replaying it blindly walks into the first goomba. The bot
plans the same way -- the solver's macros (walk a tile, jump now, jump at the edge, air jumps at
the apex) from grounded states -- but in time: every enemy's patrol is forecast frame by frame
from the game's own snapshot (the same float arithmetic as ``updateEnemies`` in
platformer.js), a macro that touches an enemy is refused, and in "levels" mode the player may
also stand and wait for a walker to turn. A chaser depends on where the player is, so its state
travels with each search node. A stomp is allowed: the plan follows its bounce to the next landing
(a runner cannot wait, so on a short ledge with a walker it is the only way). Execution feeds
the plan frame by frame into the game (hold / release exactly as planned); if the game leaves the
plan (a life lost, or the plan ran out without the flag) the bot waits until the player stands
again and plans anew from the game's real state; with no enemy-free route at all it plays the
terrain route through the enemies. Everything is bounded (frames, searches, re-plans) and
deterministic.

The checks. Each one puts a fresh game in a situation with the module's ``qa`` hooks (read
the exact state, move the player), steps the real ``update()`` and reads the result: jumping,
the double jump, collecting, enemy contact, stomping, spikes, pits, the flag, and for the
runner, running by itself to the end of the track.
"""

from __future__ import annotations

import heapq
import json
import math
import random
import re
from typing import Any

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessGame, checked, fail_if
from maestro.genres.platformer import rules as pf

DT = 1 / 60
TILE = pf.TILE
SUB = pf.SUB
ENEMY_BOX = (2, 3, 12, 13)  # the hurting box of an enemy's 16x16 cell (platformer.js)
ITEM_BOX = (3, 3, 10, 10)

MAX_FRAMES = 12_000  # 200 s of game time for level 1
MAX_PLANS = 10  # the first plan plus re-plans after the game left the plan
MAX_EXPANDED = 3_000  # search nodes per plan
TIME_BUCKET = 12  # frames: the same tile reached this much later is a new search node
WAITS = (6, 20)  # frames a "levels" player may stand still for an enemy to pass

HOOKS = "Maestro.genres.platformer.qa"
SNAPSHOT = f"{HOOKS}.snapshot(__game.game, __game.world())"

# Feeds a plan (run-length [dir, keys, frames]; keys 1 = jump held, 2 = Down held) to the game, one
# real step per frame; stops at the first frame where a life is lost, the level is cleared or the game
# leaves "playing".
_PLAY_JS = """
var __qaPlay = function (rle) {
  var G = __game.game, lives = G.lives, cleared = G.cleared, lvl = G.levelIndex, n = 0;
  for (var r = 0; r < rle.length; r++) {
    var d = rle[r][0], h = rle[r][1], k = rle[r][2];
    for (var i = 0; i < k; i++) {
      __game.press('right', d > 0); __game.press('left', d < 0); __game.press('up', h === 1);
      __game.press('down', h === 2);
      __game.step(1); n++;
      if (G.lives !== lives || G.cleared !== cleared || G.levelIndex !== lvl || G.status !== 'playing') {
        r = rle.length; break;
      }
    }
  }
  __game.press('right', false); __game.press('left', false); __game.press('up', false);
  __game.press('down', false);
  return n;
};
"""


# ---- forecasting the enemies ------------------------------------------------------------------

def _enemy_frame(e: dict, x: float, y: float, d: int, t: float, ppx: float) -> tuple[float, float, int]:
    """One frame of updateEnemies() for one live enemy: same operations, same order."""
    if e["behavior"] == "static":
        return x, y, d
    speed = e["speed"]
    if e["behavior"] == "chaser" and abs(ppx - x) < 112:
        d = -1 if ppx < x else 1
        speed *= 1.5
    x += d * speed * DT
    if x <= e["min"]:
        x, d = e["min"], 1
    if x >= e["max"]:
        x, d = e["max"], -1
    if e["behavior"] == "flyer":
        y = e["y0"] + math.sin(t * 2.5 + e["phase"]) * 10
    return x, y, d


class _Forecast:
    """The game's clocks and every live enemy at each frame from a snapshot on (frame 0 = the
    first frame stepped after it). Enemies that move on their own are computed once, lazily;
    a chaser follows the player, so its state travels with each search node instead."""

    def __init__(self, snap: dict):
        self.live = [e for e in snap["enemies"] if e["alive"]]
        self.chasers = [k for k, e in enumerate(self.live) if e["behavior"] == "chaser"]
        self.free = [k for k, e in enumerate(self.live) if e["behavior"] != "chaser"]
        self.ts: list[float] = []
        self.inv: list[float] = []
        self._t, self._inv = float(snap["t"]), float(snap["invuln"] or 0)
        self.pos: dict[int, list[tuple[float, float]]] = {k: [] for k in self.free}
        self._st = {k: (float(self.live[k]["x"]), float(self.live[k]["y"]), int(self.live[k]["dir"])) for k in self.free}

    def extend(self, n: int) -> None:
        while len(self.ts) < n:
            self._t += DT
            if self._inv > 0:
                self._inv = max(0.0, self._inv - DT)
            self.ts.append(self._t)
            self.inv.append(self._inv)
            for k in self.free:
                x, y, d = _enemy_frame(self.live[k], *self._st[k], self._t, 0.0)
                self._st[k] = (x, y, d)
                self.pos[k].append((x, y))


def _touch(px: float, py: float, ex: float, ey: float) -> bool:
    return px < ex + ENEMY_BOX[0] + ENEMY_BOX[2] and px + pf.PLAYER_W > ex + ENEMY_BOX[0] \
        and py < ey + ENEMY_BOX[1] + ENEMY_BOX[3] and py + pf.PLAYER_H > ey + ENEMY_BOX[1]


# ---- the planner ----------------------------------------------------------------------------------

class _Planner:
    """The solver's search (best-first over standing states, the solver's own macros), in time
    and against the forecast enemies: side contact is refused, a stomp is followed through its
    bounce to the next landing (the enemy stays dead for the rest of that branch)."""

    def __init__(self, level: dict, cfg: dict, snap: dict, avoid: bool):
        p = snap["p"]
        self.start = [int(p["x"]), int(p["y"]), int(p["vy"]), int(p["jl"]), int(p["coy"]), 1]
        self.sim = pf._Sim(level, cfg)
        self.cfg = cfg
        self.avoid = avoid and any(e["alive"] for e in snap["enemies"])
        self.fc = _Forecast(snap)
        self.macro_cache: dict[tuple[int, int], list] = {}
        macros = pf._macros(self.sim)
        if not self.sim.runner:
            macros += [("wait", 0, 0, str(k)) for k in WAITS]
        self.macros = macros

    def _macro(self, st: list[int], macro) -> tuple[str | None, list[int], list[tuple[int, int]]]:
        if macro[0] == "wait":
            return "land", list(st), [(0, 0)] * int(macro[3])
        return pf._run_macro(self.sim, st, macro)

    def _expand(self, st: list[int]) -> list:
        key = (st[0], st[1])
        got = self.macro_cache.get(key)
        if got is None:
            got = []
            for m in self.macros:
                outcome, end, inputs = self._macro(st, m)
                if outcome is not None:
                    got.append((outcome, end, inputs))
            self.macro_cache[key] = got
        return got

    def _against_enemies(self, st: list[int], f0: int, ch: tuple, killed: frozenset, outcome: str,
                         end: list[int], inputs: list):
        """Replays a macro from standing state `st` at frame f0 with the enemies moving.
        Returns (outcome, end, inputs, chasers, killed), or None when an enemy hurts the player."""
        if not self.avoid:
            return outcome, end, inputs, ch, killed
        fc, sim, cfg = self.fc, self.sim, self.cfg
        s, chs, prev, i = list(st), list(ch), True, 0
        stomped_at = -1
        ins = list(inputs)
        while i < len(ins):
            d, h = ins[i]
            f = f0 + i
            fc.extend(f + 1)
            prev_bottom = (s[1] + sim.ph) / SUB
            pf.physics_step(sim.grid, cfg, sim.run, s, d, h == 1, h == 1 and not prev, h == 2)
            prev = h == 1
            px, py = s[0] / SUB, s[1] / SUB
            for j, k in enumerate(fc.chasers):
                chs[j] = _enemy_frame(fc.live[k], *chs[j], fc.ts[f], px)
            for k in range(len(fc.live)):
                if k in killed:
                    continue
                if k in fc.pos:
                    ex, ey = fc.pos[k][f]
                else:
                    ex, ey = chs[fc.chasers.index(k)][:2]
                if abs(ex - px) > 24 or not _touch(px, py, ex, ey):
                    continue
                if s[2] > 0 and prev_bottom <= ey + ENEMY_BOX[1] + 6:  # a stomp: the same test as update()
                    killed = killed | {k}
                    s[2] = -cfg["bounce_sub"]
                    if s[3] < cfg["jumps"] - 1:
                        s[3] = cfg["jumps"] - 1
                    s[5] = 0
                    stomped_at = i
                    del ins[i + 1:]
                elif fc.inv[f] <= 0:
                    return None
            if stomped_at >= 0 and i > stomped_at:
                if sim.won(s):
                    return "goal", s, ins, tuple(chs), killed
                if sim.dead(s):
                    return None
                if s[5]:
                    return "land", s, ins, tuple(chs), killed
            if stomped_at >= 0 and i == len(ins) - 1:
                if i - stomped_at > pf.MAX_MACRO_FRAMES:
                    return None
                ins.append((1 if sim.runner else d, h))  # after the bounce: keep the keys, drift down
            i += 1
        return outcome, end, ins, tuple(chs), killed

    def plan(self, freeze: int, budget: int) -> tuple[list[tuple[int, int]], list[int]] | None:
        """Inputs (one (dir, held) per frame, the runner's frozen frames first) from the
        snapshot's standing state to the flag, and the state they end in; None: no route."""
        sim, fc = self.sim, self.fc
        st0 = self.start
        ch0 = [(float(fc.live[k]["x"]), float(fc.live[k]["y"]), int(fc.live[k]["dir"])) for k in fc.chasers]
        if self.avoid and freeze:
            fc.extend(freeze)
            for f in range(freeze):
                for j, k in enumerate(fc.chasers):
                    ch0[j] = _enemy_frame(fc.live[k], *ch0[j], fc.ts[f], st0[0] / SUB)
        nodes: list[tuple[int, list[tuple[int, int]]]] = [(-1, [(0, 0)] * freeze)]
        bucket = (lambda f: f // TIME_BUCKET) if self.avoid else (lambda f: 0)
        seen = {(pf._key(sim, st0), bucket(freeze), frozenset())}
        heap = [(-st0[0], freeze, 0, st0, tuple(ch0), frozenset())]
        expanded = 0
        while heap and expanded < MAX_EXPANDED:
            _, f, idx, st, ch, killed = heapq.heappop(heap)
            expanded += 1
            for outcome, end, inputs in self._expand(st):
                if f + len(inputs) > budget:
                    continue
                got = self._against_enemies(st, f, ch, killed, outcome, end, inputs)
                if got is None:
                    continue
                outcome1, end1, inputs1, ch1, killed1 = got
                f1 = f + len(inputs1)
                if outcome1 == "goal":
                    chain = [inputs1]
                    k = idx
                    while k >= 0:
                        parent, ins = nodes[k]
                        chain.append(ins)
                        k = parent
                    return [i for part in reversed(chain) for i in part], end1
                key = (pf._key(sim, end1), bucket(f1), killed1)
                if key in seen:
                    continue
                seen.add(key)
                nodes.append((idx, inputs1))
                heapq.heappush(heap, (-end1[0], f1, len(nodes) - 1, end1, ch1, killed1))
        return None


def _rle(inputs: list[tuple[int, int]]) -> list[list[int]]:
    out: list[list[int]] = []
    for d, h in inputs:
        if out and out[-1][0] == d and out[-1][1] == h:
            out[-1][2] += 1
        else:
            out.append([d, h, 1])
    return out


def _step_until(game: HeadlessGame, frames: int, stop: str) -> dict:
    """Step up to `frames` frames with no new input, stopping after the first frame where the
    JS condition `stop` (on `s`, the state, and `q`, the qa snapshot) holds. Returns state()."""
    return game.js(f"""(function () {{
      var s = __game.state(), q;
      for (var i = 0; i < {int(frames)}; i++) {{
        s = __game.step(1); q = {SNAPSHOT};
        if ({stop}) break;
      }}
      return s; }})()""")


def _wait_until_standing(game: HeadlessGame, limit: int = 240) -> tuple[dict, int]:
    """Step with no input until the player stands (after a stomp bounce, a respawn, a fall)."""
    snap = game.js(SNAPSHOT)
    if snap["p"]["ground"] or snap["status"] != "playing" or snap["cleared"]:
        return snap, 0
    f0 = game.state()["frame"]
    st = _step_until(game, limit, "s.status !== 'playing' || q.cleared || q.p.ground")
    return game.js(SNAPSHOT), st["frame"] - f0


def play_level_one(game: HeadlessGame, level: dict, config: dict, max_frames: int = MAX_FRAMES) -> BotResult:
    proof = pf.solve(level, config)
    steps = int(proof["steps"]) if proof else 0
    game.run(_PLAY_JS)
    frames = 0
    notes: list[str] = []
    s0 = game.state()
    if s0["status"] != "playing" or s0["level"] != 1:
        return BotResult(False, 0, f"the game is not playing level 1 ({s0['status']}, level {s0['level']})", steps)
    for attempt in range(MAX_PLANS):
        snap, n = _wait_until_standing(game)
        frames += n
        if snap["cleared"] or snap["status"] != "playing":
            break
        if not snap["p"]["ground"]:
            return BotResult(False, frames, "the player never lands: " + "; ".join(notes), steps)
        planned = None
        for avoid in (True, False):
            planned = _Planner(level, config, snap, avoid).plan(int(snap["freeze"] or 0), max_frames - frames)
            if planned is not None:
                if not avoid:
                    notes.append("no enemy-free route: played through the enemies")
                break
        if planned is None:
            why = "the solver finds no route to the flag" if attempt == 0 else "no route from where the player stands"
            return BotResult(False, frames, "; ".join(notes + [why]), steps)
        inputs, end = planned
        ran = int(game.js(f"__qaPlay({json.dumps(_rle(inputs))})"))
        frames += ran
        snap = game.js(SNAPSHOT)
        if snap["cleared"] or snap["status"] == "won":
            break
        if snap["status"] != "playing":
            return BotResult(False, frames, "; ".join(notes + [f"the game ended: {snap['status']}"]), steps)
        if snap["lives"] != s0["lives"]:
            notes.append(f"lost a life at frame {frames} ({game.state().get('last_loss')})")
            s0 = game.state()
        elif ran == len(inputs):
            notes.append(f"the plan ended at x={end[0] / SUB:.1f} without the flag; the game is at x={snap['p']['x'] / SUB:.1f}")
        if frames >= max_frames:
            break
    else:
        return BotResult(False, frames, "; ".join(notes + ["gave up after re-planning"]), steps)
    # cleared: the runtime shows "Level complete!" then starts level 2 (or the game is won)
    st = game.state()
    if st["status"] == "playing" and st["level"] < 2:
        f0 = st["frame"]
        st = _step_until(game, 200, "s.status !== 'playing' || s.level >= 2")
        frames += st["frame"] - f0
    won = st["status"] == "won" or st["level"] >= 2
    detail = f"reached the flag in {frames} frames" if won else f"stopped: {st['status']} level {st['level']}"
    return BotResult(won, frames, "; ".join([detail] + notes), steps)


# ---- keypoints -------------------------------------------------------------------------------------

def _spec_dict(spec: Any) -> dict:
    return spec.model_dump() if hasattr(spec, "model_dump") else dict(spec or {})


def _mechanics(spec: dict) -> set[str]:
    return {m.get("id") for m in spec.get("mechanics") or [] if isinstance(m, dict)}


def _name(entity: dict | None, fallback: str) -> str:
    return (entity or {}).get("name") or fallback


def _snap(game: HeadlessGame) -> dict:
    return game.js(SNAPSHOT)


def _move(game: HeadlessGame, x: float, y: float, vy: float = 0.0) -> None:
    game.run(f"{HOOKS}.movePlayer(__game.game, __game.world(), {float(x)!r}, {float(y)!r}, {float(vy)!r})")


def _ready(game: HeadlessGame, level: int = 1) -> dict:
    """Level `level` playing, the runner's "ready" wait over, the player standing."""
    if game.state()["level"] != level or game.state()["status"] != "playing":
        game.start(level)
    snap = _snap(game)
    # one frame at least: the enemies' first update puts flyers on their wave
    game.step(max(1, int(snap["freeze"] or 0)))
    for _ in range(10):
        snap = _snap(game)
        if snap["p"]["ground"]:
            break
        game.step(1)
    return snap


def _hud_count(game: HeadlessGame) -> int | None:
    text = game.js("Maestro.genres.platformer.hud(__game.game, __game.world())") or ""
    m = re.search(r"(\d+)\s*/\s*\d+", text)
    return int(m.group(1)) if m else None


def _open_rise(cfg: dict, air_jumps: bool) -> float:
    """How high (px) a held jump from the ground rises in open air; with `air_jumps`, every air
    jump taken at the apex."""
    grid = pf._OpenAir()
    y0 = 40 * pf.TS
    st = [8 * pf.TS, y0, 0, cfg["jumps"], 0, 1]
    top, prev = y0, False
    for t in range(pf.MAX_MACRO_FRAMES):
        held = True
        if air_jumps and t > 0 and st[3] > 0 and st[2] >= 0 and prev:
            held = False
        pf.physics_step(grid, cfg, 0, st, 0, held, held and not prev)
        prev = held
        top = min(top, st[1])
        if t > 0 and st[1] >= y0:
            break
    return (y0 - top) / SUB


def _top_while_holding(game: HeadlessGame, key: str, frames: int, air_jump: bool) -> float:
    """Hold `key` from standing; with `air_jump`, release at the apex for one frame and press
    again. The highest point (smallest y, px) reached."""
    js = f"""(function () {{
      var qa = {HOOKS}, G = __game.game, top = __game.state().player.y, again = {str(not air_jump).lower()};
      __game.press({json.dumps(key)}, true);
      for (var i = 0; i < {int(frames)}; i++) {{
        var s = __game.step(1);
        if (s.status !== 'playing') break;
        top = Math.min(top, s.player.y);
        if (!again && i > 1 && qa.snapshot(G, __game.world()).p.vy >= 0) {{
          __game.press({json.dumps(key)}, false); s = __game.step(1); top = Math.min(top, s.player.y);
          __game.press({json.dumps(key)}, true); again = true;
        }}
      }}
      __game.press({json.dumps(key)}, false);
      return top; }})()"""
    return float(game.js(js))


def _solid(level: dict, tx: int, ty: int) -> bool:
    rows = level.get("rows") or []
    if tx < 0 or ty < 0 or ty >= len(rows) or tx >= len(rows[ty]):
        return tx < 0 or (ty < len(rows) and tx >= len(rows[ty]))
    return rows[ty][tx] in "#="


def _box_free(level: dict, x: float, y: float) -> bool:
    """The player's hitbox at (x, y) px overlaps no solid tile."""
    for tx in {int(x // TILE), int((x + pf.PLAYER_W - 1) // TILE)}:
        for ty in {int(y // TILE), int((y + pf.PLAYER_H - 1) // TILE)}:
            if _solid(level, tx, ty):
                return False
    return True


def _first_level_with(levels: list[dict], what: str) -> tuple[int, dict] | None:
    for i, lv in enumerate(levels):
        if lv.get(what):
            return i, lv
    return None


def _arena(game: HeadlessGame, level: dict, **entities: list) -> dict:
    """Level 1's terrain with only the given entities, built by the module's own start()."""
    lv = dict(level, **{"items": [], "enemies": [], "hazards": [], **entities})
    game.run(f"""(function () {{ var G = __game.game;
      G.world = Maestro.genres.platformer.start(G, {json.dumps(lv)}); G.invuln = 0; }})()""")
    return lv


def _ground_row(level: dict, col: int) -> int | None:
    rows = level.get("rows") or []
    for r in range(len(rows)):
        if _solid(level, col, r):
            return r
    return None


def keypoints(spec: Any, config: dict, levels: list[dict]) -> list[Keypoint]:
    spec = _spec_dict(spec)
    mech = _mechanics(spec)
    runner = config.get("mode") in ("runner", "dash")  # the dash course is a runner too
    lv1 = levels[0] if levels else {}
    hero = _name(spec.get("player"), "the player")
    out: list[Keypoint] = []
    single = _open_rise(config, False)

    def mech_or(mid: str, slug: str | None) -> str | None:
        return mid if mid in mech else slug

    # ---- jump ----
    def check_jump(game: HeadlessGame) -> tuple[bool, str]:
        rises = {}
        for key in pf.jump_keys(config):
            game.start(1)
            snap = _ready(game)
            y0 = snap["p"]["y"] / SUB
            rises[key] = y0 - _top_while_holding(game, key, 45, air_jump=False)
        need = max(2.0, 0.5 * single)
        ok = all(r >= need for r in rises.values())
        return ok, ", ".join(f"{k} rises {r:.1f} px" for k, r in rises.items()) + f" (a full jump is {single:.1f} px; at least {need:.1f} expected)"

    keys = "Up" if config.get("shoot") else "Up or Space"
    out.append(Keypoint("jump", f"Pressing {keys} makes {hero} jump", check_jump, "jump"))

    # ---- double jump ----
    if int(config.get("jumps") or 1) >= 2:
        double = _open_rise(config, True)

        def check_double(game: HeadlessGame) -> tuple[bool, str]:
            y0 = _ready(game)["p"]["y"] / SUB
            one = y0 - _top_while_holding(game, "up", 90, air_jump=False)
            game.start(1)
            y0 = _ready(game)["p"]["y"] / SUB
            two = y0 - _top_while_holding(game, "up", 120, air_jump=True)
            need = one + max(2.0, 0.4 * (double - single))
            return two >= need, f"one jump rises {one:.1f} px, a second jump in the air {two:.1f} px (at least {need:.1f} expected)"

        n = int(config["jumps"])
        out.append(Keypoint("double_jump", f"{hero} can jump {'again' if n == 2 else f'{n - 1} more times'} in mid-air to go higher",
                            check_double, mech_or("double_jump", None) or "double_jump"))

    # ---- collect ----
    items_spec = spec.get("items") or []
    where = _first_level_with(levels, "items")
    if items_spec or where or "collect" in mech:
        item_ent = items_spec[0] if items_spec else None

        def check_collect(game: HeadlessGame) -> tuple[bool, str]:
            if where is None:
                return False, "no level places any item to collect"
            idx, lv = where
            _ready(game, idx + 1)
            ranges = [(e["min"] - 2 * TILE, e["max"] + 2 * TILE) for e in lv.get("enemies") or []]
            it = next((i for i in lv["items"] if not any(a <= i["x"] <= b for a, b in ranges)), lv["items"][0])
            s0 = game.state()
            before, count0 = s0["score"], _hud_count(game)
            _move(game, it["x"] + ITEM_BOX[0] - 1, it["y"] + ITEM_BOX[1] - 2)
            st = game.step(1)
            gained, count1 = st["score"] - before, _hud_count(game)
            pts = int(it.get("points") or config.get("item_points") or 0)
            ok = gained == pts and pts > 0 and count0 is not None and count1 == count0 + 1 and st["lives"] == s0["lives"]
            return ok, f"touching the {it.get('slug')} at ({it['x']}, {it['y']}) added {gained} points (expected {pts}); HUD count {count0} -> {count1}"

        slug = (item_ent or {}).get("slug") or "item"
        pts = (item_ent or {}).get("points") or config.get("item_points")
        out.append(Keypoint("collect", f"Collecting a {_name(item_ent, 'item')} adds {pts} points and counts on the HUD",
                            check_collect, mech_or("collect", slug)))

    # ---- enemies: side touch hurts, landing on top stomps ----
    enemies_spec = spec.get("enemies") or []
    ewhere = _first_level_with(levels, "enemies")
    if enemies_spec or ewhere:
        ent = enemies_spec[0] if enemies_spec else None
        eslug = (ent or {}).get("slug") or "enemy"
        ename = _name(ent, "enemy")

        def enemy_setup(game: HeadlessGame) -> tuple[dict, dict, str]:
            """A fresh level with an enemy; returns (its snapshot, the level, a note)."""
            note = ""
            if ewhere is not None:
                idx, lv = ewhere
                _ready(game, idx + 1)
            else:
                lv = lv1
                _ready(game)
                col = 5
                row = _ground_row(lv, col) or 14
                e = {"x": col * TILE, "y": (row - 1) * TILE, "slug": eslug, "behavior": "static",
                     "min": col * TILE, "max": col * TILE, "speed": 0, "points": int(config.get("enemy_points") or 50)}
                lv = _arena(game, lv, enemies=[e])
                game.run("__game.world().freeze = 0")  # a runner's "ready" wait restarts with the test level
                note = f" (no level places a {ename}: checked on a test copy of level 1)"
            snap = _snap(game)
            live = [e for e in snap["enemies"] if e["alive"]]
            grounded = [e for e in live if e["behavior"] != "flyer"]
            return (grounded or live)[0], lv, note

        def check_enemy_hurts(game: HeadlessGame) -> tuple[bool, str]:
            e, lv, note = enemy_setup(game)
            lives0 = game.state()["lives"]
            y = e["y"] + ENEMY_BOX[1]
            x = e["x"] + ENEMY_BOX[0] - pf.PLAYER_W + 6  # 6 px into its left side
            if not _box_free(lv, x, y):
                x = e["x"] + ENEMY_BOX[0] + ENEMY_BOX[2] - 6  # into its right side
            _move(game, x, y)
            st = game.step(1)
            lost = lives0 - st["lives"]
            ok = lost == 1 and st["last_loss"] == e["slug"]
            return ok, f"walking into a {e['slug']} cost {lost} lives (expected 1), loss reason {st['last_loss']!r}{note}"

        def check_stomp(game: HeadlessGame) -> tuple[bool, str]:
            e, lv, note = enemy_setup(game)
            before, snap0 = game.state(), _snap(game)
            i = next(k for k, x in enumerate(snap0["enemies"]) if x["x"] == e["x"] and x["y"] == e["y"])
            _move(game, e["x"] + ENEMY_BOX[0], e["y"] + ENEMY_BOX[1] - pf.PLAYER_H - 2, 4.0)
            st = game.step(1)
            after = _snap(game)
            dead = not after["enemies"][i]["alive"]
            # (an item at the same spot may be collected in the same frame)
            gained = st["score"] - before["score"] - (after["itemPoints"] - snap0["itemPoints"])
            pts = int(e.get("points") or 0)
            ok = dead and gained == pts and pts > 0 and st["lives"] == before["lives"] and after["p"]["vy"] < 0
            return ok, (f"landing on a {e['slug']}: {'defeated' if dead else 'still alive'}, +{gained} points "
                        f"(expected {pts}), lives {before['lives']} -> {st['lives']}, "
                        f"{'bounced' if after['p']['vy'] < 0 else 'no bounce'}{note}")

        out.append(Keypoint("enemy_hurts", f"Touching a {ename} from the side costs a life", check_enemy_hurts, eslug))
        epts = (ent or {}).get("points") or config.get("enemy_points")
        out.append(Keypoint("stomp", f"Landing on a {ename} defeats it for {epts} points", check_stomp, eslug))

    out += _extra_keypoints(spec, config, levels, mech, hero)

    # ---- hazards ----
    hazards_spec = spec.get("hazards") or []
    hwhere = _first_level_with(levels, "hazards")
    if hazards_spec or hwhere or "hazards" in mech:
        hent = hazards_spec[0] if hazards_spec else None
        hname = _name(hent, "spikes")
        hslug = (hent or {}).get("slug") or "spikes"

        def check_hazard(game: HeadlessGame) -> tuple[bool, str]:
            note = ""
            if hwhere is not None:
                idx, lv = hwhere
                _ready(game, idx + 1)
                h = lv["hazards"][0]
            else:
                _ready(game)
                col = 4
                row = _ground_row(lv1, col) or 14
                h = {"x": col, "y": row - 1, "slug": hslug}
                _arena(game, lv1, hazards=[h])
                note = f" (no level places {hname}: checked on a test copy of level 1)"
            lives0 = game.state()["lives"]
            _move(game, h["x"] * TILE + 2, h["y"] * TILE + 2)
            st = game.step(1)
            lost = lives0 - st["lives"]
            ok = lost == 1 and st["last_loss"] == h["slug"]
            return ok, f"standing on {h['slug']} at tile ({h['x']}, {h['y']}) cost {lost} lives (expected 1), loss reason {st['last_loss']!r}{note}"

        out.append(Keypoint("hazard_hurts", f"Touching {hname} costs a life", check_hazard, mech_or("hazards", hslug)))

    # ---- pits ----
    def check_fall(game: HeadlessGame) -> tuple[bool, str]:
        rows = lv1.get("rows") or []
        width = len(rows[0]) if rows else 0
        pits = [c for c in range(1, width - 1) if not any(_solid(lv1, c, r) for r in range(len(rows)))]
        # away from patrolling enemies (a runner drifts right while it falls)
        near = [(e["min"] // TILE - 2, e["max"] // TILE + 3) for e in lv1.get("enemies") or []]
        pits.sort(key=lambda c: (any(a <= c <= b for a, b in near), c + 1 not in pits, c))
        _ready(game)
        note = ""
        if not pits:
            c, n = 4, 4 if config.get("dash") else 1  # the dash course's runner would crash into a 1-tile pit's wall
            carved = [r[:c] + "." * n + r[c + n:] for r in rows]
            _arena(game, dict(lv1, rows=carved), items=lv1.get("items") or [])
            pits, note = [c], " (level 1 has no pit: checked on a copy with one)"
        c = pits[0]
        lives0 = game.state()["lives"]
        # on the dash course a slow fall would meet the pit's far wall first (a crash): fall fast
        _move(game, c * TILE + 2, (len(rows) - 3) * TILE, 4.0 if config.get("dash") else 0.0)
        st = _step_until(game, 90, f"s.lives !== {int(lives0)} || s.status !== 'playing'")
        lost = lives0 - st["lives"]
        ok = lost == 1 and st["last_loss"] == "fell"
        return ok, f"falling into the pit at column {c} cost {lost} lives (expected 1), loss reason {st['last_loss']!r}{note}"

    out.append(Keypoint("fall_death", "Falling into a pit costs a life", check_fall, mech_or("fall_death", None)))

    goal = lv1.get("goal") or {}
    gname = _name(spec.get("goal"), "flag")
    if not runner:
        def check_exit(game: HeadlessGame) -> tuple[bool, str]:
            if not goal:
                return False, "level 1 has no flag"
            _ready(game)
            s0 = game.state()
            if s0["cleared"]:
                return False, "level 1 counts as cleared before the flag is reached"
            _move(game, goal["x"] * TILE + 2, goal["y"] * TILE + 2)
            st = _step_until(game, 120, "s.status !== 'playing' || s.level !== 1")
            want_next = st["levels"] > 1
            ok = (st["level"] == 2 and st["status"] == "playing") if want_next else st["status"] == "won"
            return ok, (f"touching the {gname} at tile ({goal['x']}, {goal['y']}): status {st['status']}, level {st['level']} of {st['levels']}, "
                        f"lives {s0['lives']} -> {st['lives']}")

        out.append(Keypoint("exit_wins", f"Reaching the {gname} completes the level", check_exit,
                            mech_or("reach_exit", (spec.get("goal") or {}).get("slug") or "goal")))
    else:
        run_px = int(lv1.get("run") or config["run_sub"]) / SUB

        def check_auto_run(game: HeadlessGame) -> tuple[bool, str]:
            snap = _snap(game)
            x0 = snap["p"]["x"] / SUB
            if snap["freeze"]:
                game.step(int(snap["freeze"]))
            waited = _snap(game)["p"]["x"] / SUB - x0
            st = game.step(20)
            dx = st["player"]["x"] - x0
            need = 0.6 * 20 * run_px
            return dx >= need and st["lives"] == snap["lives"], (
                f"with no key pressed the runner moved {dx:.1f} px in 20 frames after the start wait "
                f"(at least {need:.1f} expected; {waited:.1f} px during the wait)")

        def check_end(game: HeadlessGame) -> tuple[bool, str]:
            if not goal:
                return False, "level 1 has no end flag"
            _ready(game)
            gx, gy = int(goal["x"]), int(goal["y"])
            dist = 1
            for d in (4, 3, 2, 1):
                if all(_ground_row(lv1, c) == gy + 1 for c in range(gx - d, gx + 1)):
                    dist = d
                    break
            _move(game, (gx - dist) * TILE + 2, gy * TILE + 2)
            limit = int(dist * TILE / max(run_px, 0.1)) + 30
            st = _step_until(game, limit, "s.status !== 'playing' || s.level !== 1 || s.cleared")
            if st["cleared"] and st["status"] == "playing" and st["level"] == 1:
                st = _step_until(game, 120, "s.status !== 'playing' || s.level !== 1")
            ok = (st["level"] == 2 and st["status"] == "playing") if st["levels"] > 1 else st["status"] == "won"
            return ok, (f"running on its own from {dist} tiles before the {gname}: status {st['status']}, "
                        f"level {st['level']} of {st['levels']}")

        out.append(Keypoint("auto_run", f"{hero} runs forward by itself", check_auto_run, mech_or("auto_run", None) or "auto_run"))
        out.append(Keypoint("end_of_track_wins", f"Reaching the {gname} at the end of the track completes the level",
                            check_end, mech_or("reach_exit", (spec.get("goal") or {}).get("slug") or "goal")))
    return out



# ---- what a GDD adds: shooting, growing, enemies that chase on sight -----------------------------------

def _test_enemy(level: dict, col: int, slug: str, behavior: str, points: int, span: int = 0) -> dict:
    """An enemy standing on the ground of column `col` (patrolling `span` tiles either side)."""
    row = _ground_row(level, col) or 14
    return {"x": col * TILE, "y": (row - 1) * TILE, "slug": slug, "behavior": behavior,
            "min": (col - span) * TILE, "max": (col + span) * TILE, "speed": 40 if span else 0, "points": points}


def _flat_run(level: dict, first: int, n: int) -> int | None:
    """The first column from `first` on where `n` columns share one ground row (no pit, no step)."""
    rows = level.get("rows") or []
    width = len(rows[0]) if rows else 0
    for c in range(max(1, first), width - n - 1):
        row = _ground_row(level, c)
        if row is not None and all(_ground_row(level, c + k) == row for k in range(n)):
            return c
    return None


def _extra_keypoints(spec: dict, config: dict, levels: list[dict], mech: set[str], hero: str) -> list[Keypoint]:
    lv1 = levels[0] if levels else {}
    enemies_spec = spec.get("enemies") or []
    ent = enemies_spec[0] if enemies_spec else {}
    eslug, ename = ent.get("slug") or "enemy", _name(ent, "enemy")
    epts = int(config.get("enemy_points") or 50)
    out: list[Keypoint] = []
    if config.get("shoot"):
        out.append(Keypoint("shoot", f"Pressing Space makes {hero} fire ahead; a shot defeats a {ename} for {epts} points",
                            checked(lambda g: _check_shoot(g, lv1, eslug, epts), _install), "shoot"))
    if config.get("grow"):
        out.append(Keypoint("grow", f"A power-up makes {hero} big; a hit then shrinks {hero} back instead of costing a life",
                            checked(lambda g: _check_grow(g, lv1, eslug, epts), _install), "grow"))
    if "enemies_patrol" in mech:
        out.append(Keypoint("patrol", f"A {ename} walks its route back and forth, turning at each end",
                            checked(lambda g: _check_patrol(g, lv1, eslug, epts), _install), "enemies_patrol"))
    if config.get("duck") or config.get("bands"):
        from maestro.genres.platformer.qa_bands import keypoints as band_keypoints

        out += band_keypoints(spec, config, levels, hero)
    if config.get("dash"):
        from maestro.genres.platformer.qa_dash import keypoints as dash_keypoints

        out += dash_keypoints(spec, config, levels, hero)
    if config.get("timed_run"):
        from maestro.genres.platformer.qa_clock import keypoints as clock_keypoints

        out += clock_keypoints(config, levels)
    chasers = [e for e in enemies_spec if e.get("behavior") == "chaser"]
    if chasers or "enemies_chase" in mech:
        cslug = (chasers[0] if chasers else ent).get("slug") or eslug
        cname = _name(chasers[0] if chasers else ent, ename)
        out.append(Keypoint("chaser_chases", f"A {cname} patrols until it sees {hero} nearby, then runs at {hero}",
                            checked(lambda g: _check_chase(g, lv1, cslug, epts), _install), "enemies_chase"))
    return out


def _install(game: HeadlessGame) -> None:
    """Nothing to install: the module's own qa hooks are there in every build."""


def _check_shoot(game: HeadlessGame, lv1: dict, slug: str, pts: int) -> str:
    _ready(game)
    col = _flat_run(lv1, 1, 7)
    fail_if(col is None, "level 1 has no flat stretch of 7 tiles to shoot along")
    assert col is not None
    _arena(game, lv1, enemies=[_test_enemy(lv1, col + 5, slug, "static", pts)])
    game.run("__game.world().freeze = 0")  # a runner's "ready" wait restarts with the test level
    row = _ground_row(lv1, col) or 14
    _move(game, col * TILE + 2, row * TILE - pf.PLAYER_H)
    game.step(2)  # standing, facing right (the way a level starts)
    s0, y0 = game.state(), _snap(game)["p"]["y"]
    game.press("action", True)
    st = game.step(1)
    fired = _snap(game)["shots"]
    game.press("action", False)
    st = _step_until(game, 60, "s.score !== " + str(int(s0["score"])))
    after = _snap(game)
    fail_if(fired < 1, "pressing Space fired no shot")
    fail_if(after["enemies"][0]["alive"], f"a shot fired at a {slug} 4 tiles ahead never defeated it")
    gained = st["score"] - s0["score"]
    fail_if(gained != pts, f"defeating the {slug} with a shot gave {gained} points (expected {pts})")
    fail_if(st["lives"] != s0["lives"], "the player lost a life while shooting")
    fail_if(after["p"]["y"] < y0 - 2 * SUB, "Space made the player jump: with shooting only Up jumps")
    return f"Space fired {fired} shot; it flew 4 tiles and defeated the {slug} for {gained} points; the player stayed on the ground"


def _check_grow(game: HeadlessGame, lv1: dict, slug: str, pts: int) -> str:
    grows = lv1.get("grows") or []
    fail_if(not grows, "level 1 has no grow power-up")
    _ready(game)
    g = grows[0]
    col = _flat_run(lv1, 1, 3)
    fail_if(col is None, "level 1 has no flat ground to meet an enemy on")
    assert col is not None
    _arena(game, lv1, grows=[g], enemies=[_test_enemy(lv1, col + 1, slug, "static", pts)])
    game.run("__game.world().freeze = 0")  # a runner's "ready" wait restarts with the test level
    _move(game, g["x"] + 2, g["y"] + 2)
    game.step(1)
    big = _snap(game)
    fail_if(not big["big"], f"touching the power-up at ({g['x']}, {g['y']}) did not make the player big")
    lives0 = game.state()["lives"]
    e = _snap(game)["enemies"][0]
    _move(game, e["x"] + ENEMY_BOX[0] - pf.PLAYER_W + 6, e["y"] + ENEMY_BOX[1])
    st = game.step(1)
    small = _snap(game)
    fail_if(st["lives"] != lives0, f"a hit while big cost {lives0 - st['lives']} lives (expected none)")
    fail_if(small["big"], "a hit while big did not shrink the player")
    game.run("__game.game.invuln = 0")
    _move(game, e["x"] + ENEMY_BOX[0] - pf.PLAYER_W + 6, e["y"] + ENEMY_BOX[1])
    st = game.step(1)
    fail_if(st["lives"] != lives0 - 1, f"a hit while small again cost {lives0 - st['lives']} lives (expected 1)")
    return f"the power-up made the player big; a {slug}'s hit shrank it back with {lives0} lives kept; the next hit cost a life"


def _check_patrol(game: HeadlessGame, lv1: dict, slug: str, pts: int) -> str:
    snap = _ready(game)
    col = _flat_run(lv1, 8, 6)
    fail_if(col is None, "level 1 has no flat stretch of 6 tiles to watch an enemy on")
    assert col is not None
    _arena(game, lv1, enemies=[_test_enemy(lv1, col + 3, slug, "walker", pts, span=2)])
    game.run("__game.world().freeze = 100000")  # the player holds still; only the enemy's rule plays
    _move(game, snap["p"]["x"] / SUB, snap["p"]["y"] / SUB)
    lo, hi, turns, d0 = 1e9, -1e9, 0, None
    for _ in range(16):  # 16 x 10 frames: 107 px at 40 px/s, more than one way of the 64 px route
        game.step(10)
        e = _snap(game)["enemies"][0]
        lo, hi = min(lo, e["x"]), max(hi, e["x"])
        turns += d0 is not None and e["dir"] != d0
        d0 = e["dir"]
    a, b = (col + 1) * TILE, (col + 5) * TILE
    fail_if(turns < 1, f"the {slug} never turned on its {b - a} px route (x {lo:.0f} .. {hi:.0f})")
    fail_if(lo < a or hi > b, f"the {slug} left its route {a} .. {b} px (x {lo:.0f} .. {hi:.0f})")
    return f"the {slug} walked {lo:.0f} .. {hi:.0f} px on its route {a} .. {b} px and turned {turns} times"


def _check_chase(game: HeadlessGame, lv1: dict, slug: str, pts: int) -> str:
    snap = _ready(game)
    col = _flat_run(lv1, 10, 8)
    fail_if(col is None, "level 1 has no flat stretch of 8 tiles to watch an enemy on")
    assert col is not None
    # Patrolling columns col+1 .. col+5, more than 7 tiles from the player standing at the start.
    _arena(game, lv1, enemies=[_test_enemy(lv1, col + 3, slug, "chaser", pts, span=2)])
    # The player holds still (the "ready" wait, in which enemies still move): only the enemy's rule plays.
    game.run("__game.world().freeze = 100000")
    _move(game, snap["p"]["x"] / SUB, snap["p"]["y"] / SUB)
    game.step(1)
    x0 = _snap(game)["enemies"][0]["x"]
    game.step(20)
    x1 = _snap(game)["enemies"][0]["x"]
    fail_if(not x1 < x0, f"with the player far away the {slug} did not keep its patrol (x {x0:.1f} -> {x1:.1f})")
    # In sight, 4 tiles to its right: it turns and runs at the player, faster than it patrols.
    row = _ground_row(lv1, col) or 14
    _move(game, x1 + 4 * TILE, row * TILE - pf.PLAYER_H)
    game.step(1)
    a = _snap(game)["enemies"][0]["x"]
    game.step(10)
    b = _snap(game)["enemies"][0]["x"]
    fail_if(not b > a, f"with the player 4 tiles to its right the {slug} did not come for them (x {a:.1f} -> {b:.1f})")
    fail_if((b - a) / 10 <= 40 * 1.2 / 60, f"the {slug} came at patrol speed ({(b - a) * 6:.0f} px/s), not a chase")
    return f"far away the {slug} patrolled ({x0:.0f} -> {x1:.0f}); 4 tiles from the player it turned and ran at them ({a:.0f} -> {b:.0f}, {(b - a) * 6:.0f} px/s)"


# ---- rules agreement: one input script, the real game and physics_step -----------------------------

AGREE_FRAMES = 480  # 8 s of play per script
_AGREE_FIELDS = ("x", "y", "vy", "jumps left", "coyote", "grounded")

# Plays a run-length input script ([dir, up, action, frames]) on `lv` (loaded in place of level 1
# and started fresh), after the runner's "ready" wait. Rows: the exact player state after every
# frame ([x, y, vy, jl, coy, ground] in subpixels, then the runner's wait) and what the runtime
# says (lives, cleared, status, last loss). Stops once the level is cleared or the game ends.
_AGREE_JS = """(function (lv, script) {
  var QA = Maestro.genres.platformer.qa, rows = [], wait = 0;
  return __qa.onLevel(lv, function (G) {
    function row(s) { var p = s.p;
      return [p.x, p.y, p.vy, p.jl, p.coy, p.ground ? 1 : 0, s.freeze, G.lives, G.cleared, G.status, G.lastLoss || null]; }
    var s = QA.snapshot(G, __game.world());
    while (s.freeze > 0 && wait < 600) { __game.step(1); wait++; s = QA.snapshot(G, __game.world()); }
    var first = row(s);
    outer: for (var r = 0; r < script.length; r++) {
      for (var k = 0; k < script[r][3]; k++) {
        __game.press('right', script[r][0] > 0); __game.press('left', script[r][0] < 0);
        __game.press('up', !!script[r][1]); __game.press('action', !!script[r][2]);
        __game.press('down', !!script[r][4]);
        __game.step(1);
        rows.push(row(QA.snapshot(G, __game.world())));
        if (G.cleared || G.status !== 'playing') break outer;
      }
    }
    return {wait: wait, first: first, rows: rows};
  });
})"""


def _agree_script(rng: random.Random, frames: int, duck: bool = False) -> list[list[int]]:
    """A random run/jump script, run-length [dir, up, action, frames]: mostly running right,
    short and long jump presses, on both jump keys. In a game that crouches, a fifth column holds Down
    (a draw of its own, so a game without crouching plays the script it always did)."""
    out, n = [], 0
    while n < frames:
        k = min(frames - n, rng.randint(1, 24))
        row = [rng.choice((-1, 0, 1, 1, 1)), int(rng.random() < 0.4), int(rng.random() < 0.15), k]
        if duck:
            row.append(int(rng.random() < 0.35))
        out.append(row)
        n += k
    return out


class _Replay:
    """The Python side: physics_step every frame, plus what the level does to the player the way
    the solver sees it (pits and hazards cost a life, the flag clears the level) and what the
    runtime does after a loss (back to the last checkpoint passed, 1.5 s of safety during which
    hazards do not hurt and a pit only sends the player back; a runner waits again)."""

    def __init__(self, level: dict, config: dict, lives: int | None):
        self.cfg = config
        self.level = level
        self.sim = pf._Sim(level, config)
        self.st = pf._start_state(level, config)
        self.lives = lives
        self.invuln = 0.0
        self.freeze = 0
        self.status = "playing"
        self.cleared = False
        self.event = ""

    def _respawn(self) -> None:
        px, best = self.st[0] / SUB, list(self.level["start"])
        for cp in self.level.get("checkpoints") or []:
            if cp[0] <= px + 1 and cp[0] >= best[0]:
                best = list(cp)
        self.st = [int(best[0]) * SUB, int(best[1]) * SUB, 0, self.cfg["jumps"], self.cfg["coyote_frames"], 1]
        if self.sim.runner:
            self.freeze = int(self.cfg.get("runner_respawn_freeze", 30))

    def _hurt(self, why: str) -> bool:
        if self.invuln > 0:
            return False
        self.event = why
        if self.lives is not None:
            self.lives -= 1
            if self.lives <= 0:
                self.lives, self.status = 0, "lost"
                return True
        self._respawn()
        self.invuln = 1.5
        return True

    def frame(self, d: int, held: bool, pressed: bool, duck: bool = False) -> None:
        self.event = ""
        if self.invuln > 0:
            self.invuln = max(0.0, self.invuln - DT)
        if self.freeze > 0:
            self.freeze -= 1
            return
        sim, st = self.sim, self.st
        x_before = st[0]
        ducking = pf.physics_step(sim.grid, self.cfg, sim.run, st, 1 if sim.runner else d, held, pressed, duck)
        c = st[0] // pf.TS
        on_hazard = any(sim.overlaps(st, hb, ducking) for col in (c - 1, c, c + 1) for hb in sim.hazard_cols.get(col, ()))
        if on_hazard and self.invuln <= 0:
            self._hurt("hazard")
        elif sim.crashed(x_before, st) and self.invuln <= 0:
            self._hurt("block")
        elif st[1] >= sim.bottom:
            if not self._hurt("fell") and self.status == "playing":
                self._respawn()
                self.event = "fell (safe: back to the checkpoint)"
        elif sim.won(st):
            self.cleared = True


def rules_agree(game: HeadlessGame, level: dict, config: dict, rng: random.Random) -> str | None:
    """A random run/jump script (8 s) played on ``level`` in the real platformer.js and in Python:
    ``physics_step`` (the solver's integer physics) plus the level's pits, hazards, checkpoints and
    flag. Enemies are left out of the level: the solver's rules are the terrain's. Compared after
    every frame: the exact subpixel player state (x, y, vy, jumps left, coyote, grounded), the
    runner's wait, lives, whether the level is cleared and the game's status. None when they agree
    to the end, else the first difference."""
    lv = dict(level, enemies=[], grows=[])
    frames = AGREE_FRAMES
    limit = game.js("(__game.game.spec && __game.game.spec.time_limit) || 0") or 0
    if limit:  # the runtime's clock is not the genre's rule: stay clear of it
        frames = max(0, min(frames, int(float(limit) * 60) - 5))
    script = _agree_script(rng, frames, bool(config.get("duck")))
    out = game.js(f"{_AGREE_JS}({json.dumps(lv)}, {json.dumps(script)})")
    first, rows = out["first"], out["rows"]
    py = _Replay(lv, config, first[7])
    if first[:6] != py.st:
        return f"the player starts differently: the game has {_pf_state(first)}, the Python rules {_pf_state(py.st)}"
    prev_up = prev_act = False
    act_jumps = "action" in pf.jump_keys(config)  # with shooting, Space fires and does not jump
    f = 0
    for d, up, act, k, *down in script:
        for _ in range(k):
            up_b, act_b = bool(up), bool(act) and act_jumps
            py.frame(d, up_b or act_b, (up_b and not prev_up) or (act_b and not prev_act), bool(down and down[0]))
            prev_up, prev_act = up_b, act_b
            if f >= len(rows):
                return f"the game stopped after {f} frames ({rows[-1][9] if rows else '?'}) while the Python rules play on"
            js = rows[f]
            f += 1
            where = f"frame {f} of the script {_pf_inputs(script, f)}"
            if (js[7], js[9]) != (py.lives, py.status):
                return (f"{where}: the game has {js[7]} lives and is {js[9]!r} (last loss {js[10]!r}), the Python "
                        f"rules {py.lives} lives, {py.status!r}" + (f" after '{py.event}'" if py.event else "")
                        + f" (game {_pf_state(js)}; Python {_pf_state(py.st)})")
            if py.status != "playing":
                return None
            if js[:6] != py.st or js[6] != py.freeze:
                diff = [f"{name} {a} vs {b}" for name, a, b in zip(_AGREE_FIELDS + ("runner wait",), js[:7],
                                                                     py.st + [py.freeze]) if a != b]
                return (f"{where}: the game and the Python rules disagree on the player: " + ", ".join(diff)
                        + (f" (the Python rules: {py.event})" if py.event else "")
                        + f" (game {_pf_state(js)}; Python {_pf_state(py.st)})")
            cleared = bool(js[8]) or js[9] == "won"
            if cleared != py.cleared:
                return (f"{where}: " + ("the Python rules reach the flag here but the game does not clear the level"
                                        if py.cleared else "the game clears the level where the Python rules do not "
                                        "reach the flag") + f" ({_pf_state(py.st)})")
            if cleared:
                return None
    if f < len(rows):
        return f"the game played {len(rows)} frames for a {f}-frame script"
    return None


def _pf_state(st: list) -> str:
    return (f"x={st[0] / SUB:.3f} y={st[1] / SUB:.3f} px, vy={st[2]}, jumps left {st[3]}, coyote {st[4]}, "
            f"{'grounded' if st[5] else 'in the air'}")


def _pf_inputs(script: list[list[int]], frame: int) -> str:
    """The last few segments of the script up to `frame` (R/L/- run, U up held, A action held, D down held)."""
    done, segs = 0, []
    for d, up, act, k, *down in script:
        if done >= frame:
            break
        segs.append(f"{'R' if d > 0 else 'L' if d < 0 else '-'}{'U' if up else ''}{'A' if act else ''}"
                    f"{'D' if down and down[0] else ''}x{min(k, frame - done)}")
        done += k
    return "(" + " ".join(segs[-6:]) + ")"
