"""Platformer QA for the Geometry-Dash-like course (mode "dash", dash.py): three checks on the real
platformer.js, each on level 1 (or the first level with a jump pad) as the running game holds it.

* ``spike_kills``: running into a spike on the floor costs a life and restarts the attempt: the player is
  back at the start of the course (not at a checkpoint near the spike) and the HUD counts the attempt.
* ``block_landing``: running into a block's side costs a life ("block"); a jump timed by the Python rules
  lands on its top and the player slides along it, lives kept.
* ``jump_pad``: with no key pressed, running over a pad launches the player higher than any jump, onto the
  tower after it, lives kept.
"""

from __future__ import annotations

import json

from maestro.genres.base import Keypoint
from maestro.genres.headless import HeadlessGame, checked, fail_if
from maestro.genres.platformer import dash
from maestro.genres.platformer import rules as pf

TILE, SUB = pf.TILE, pf.SUB
HOOKS = "Maestro.genres.platformer.qa"
SNAPSHOT = f"{HOOKS}.snapshot(__game.game, __game.world())"
FLOOR_Y = dash.FLOOR * TILE - pf.PLAYER_H  # the top of a player standing on the floor (px)


def _snap(game: HeadlessGame) -> dict:
    return game.js(SNAPSHOT)


def _ready(game: HeadlessGame, level: int = 1) -> None:
    """Level ``level`` playing, its "ready" wait over, no safety from a lost life."""
    game.start(level)
    game.step(max(1, int(_snap(game)["freeze"] or 0)))
    game.run("__game.game.invuln = 0")


def _stand(game: HeadlessGame, x: float, y: float) -> None:
    game.run(f"""(function () {{ var G = __game.game, w = __game.world();
      {HOOKS}.movePlayer(G, w, {float(x)!r}, {float(y)!r}, 0); w.p.ground = true; w.freeze = 0; G.invuln = 0; }})()""")


def _run_until(game: HeadlessGame, frames: int, stop: str) -> dict:
    """Hands off, step until the JS condition ``stop`` (on ``s``, the state, ``q``, the qa snapshot) holds;
    the state, the snapshot and the highest point the player reached (smallest y, px)."""
    return game.js(f"""(function () {{
      var s = __game.state(), q = {SNAPSHOT}, top = q.p.y;
      for (var i = 0; i < {int(frames)}; i++) {{
        s = __game.step(1); q = {SNAPSHOT}; top = Math.min(top, q.p.y);
        if ({stop}) break;
      }}
      return {{s: s, q: q, top: top / {SUB}, frames: i}}; }})()""")


def _flat_before(level: dict, col: int, n: int) -> bool:
    """The ``n`` columns before ``col`` are bare floor (no pit, no block, no spike)."""
    rows = level.get("rows") or []
    spikes = {h["x"] for h in level.get("hazards") or []}
    return col - n >= 1 and all(rows[dash.FLOOR][c] == "#" and rows[dash.FLOOR - 1][c] == "." and c not in spikes
                                for c in range(col - n, col))


def _check_spike(game: HeadlessGame, lv1: dict) -> str:
    spike = next((h for h in lv1.get("hazards") or [] if h["y"] == dash.FLOOR - 1 and _flat_before(lv1, h["x"], 3)), None)
    fail_if(spike is None, "level 1 has no spike on the floor with a run-up before it")
    assert spike is not None
    _ready(game)
    start_x = float(lv1["start"][0])
    _stand(game, (spike["x"] - 3) * TILE + 2, FLOOR_Y)
    lives0 = game.state()["lives"]
    out = _run_until(game, 90, f"s.lives !== {int(lives0)} || s.status !== 'playing'")
    st, q = out["s"], out["q"]
    fail_if(lives0 - st["lives"] != 1 or st["last_loss"] != spike["slug"],
            f"running into the {spike['slug']} at column {spike['x']} cost {lives0 - st['lives']} lives "
            f"(expected 1), loss reason {st['last_loss']!r}")
    x = q["p"]["x"] / SUB
    fail_if(abs(x - start_x) > 0.5, f"after the {spike['slug']} the player is at x={x:.1f} px, not back at the "
            f"start of the course ({start_x:.0f} px)")
    hud = game.js("Maestro.genres.platformer.hud(__game.game, __game.world())") or ""
    fail_if("Attempt 2" not in hud, f"the HUD says {hud!r}, not 'Attempt 2'")
    fail_if(not q["freeze"], "the runner did not wait before the new attempt")
    return (f"running into the {spike['slug']} at column {spike['x']} cost a life; the attempt restarted at "
            f"x={x:.0f} px (the start) and the HUD counts it ({hud.strip()})")


def _landing_inputs(lv1: dict, config: dict, col: int, height: int) -> tuple[float, list[tuple[int, int]]] | None:
    """A standing x (px) before the block at ``col`` and the inputs (dir, keys) of a jump from there that
    lands on its top, by the Python rules: run, then press and hold the one button at the right frame."""
    sim = pf._Sim(lv1, config)
    top = (dash.FLOOR - height) * pf.TS - sim.ph
    x0 = (col - 4) * TILE + 2
    for wait in range(0, 40):
        st = [x0 * SUB, FLOOR_Y * SUB, 0, config["jumps"], config["coyote_frames"], 1]
        inputs: list[tuple[int, int]] = []
        for t in range(wait + 90):
            held = t >= wait
            x_before = st[0]
            pf.physics_step(sim.grid, config, sim.run, st, 1, held, t == wait)
            inputs.append((1, 1 if held else 0))
            if sim.dead(st) or sim.crashed(x_before, st):
                break
            if st[5] and t > wait:
                if st[1] == top:
                    return float(x0), inputs
                break
    return None


def _check_block(game: HeadlessGame, lv1: dict, config: dict) -> str:
    climb = int(lv1.get("climb_max") or 2)  # a block a jump lands on (a taller one is a pad's tower)
    block = next((b for b in lv1.get("blocks") or [] if b[1] >= 2 and b[2] <= climb and _flat_before(lv1, b[0], 5)), None)
    fail_if(block is None, "level 1 has no block with a run-up of bare floor before it")
    assert block is not None
    col, n, h = block
    _ready(game)
    _stand(game, (col - 3) * TILE + 2, FLOOR_Y)
    lives0 = game.state()["lives"]
    out = _run_until(game, 90, f"s.lives !== {int(lives0)} || s.status !== 'playing'")
    st = out["s"]
    fail_if(lives0 - st["lives"] != 1 or st["last_loss"] != dash.BLOCK_SLUG,
            f"running into the side of the {h}-tile block at column {col} cost {lives0 - st['lives']} lives "
            f"(expected 1), loss reason {st['last_loss']!r}")
    plan = _landing_inputs(lv1, config, col, h)
    fail_if(plan is None, f"the Python rules find no jump from before column {col} that lands on the block")
    assert plan is not None
    x0, inputs = plan
    _ready(game)
    _stand(game, x0, FLOOR_Y)
    lives0 = game.state()["lives"]
    rle = [[d, k, 1] for d, k in inputs]
    game.js(f"""(function (rle) {{ for (var r = 0; r < rle.length; r++) {{
      __game.press('up', rle[r][1] === 1); __game.step(1); }} __game.press('up', false); return 0; }})({json.dumps(rle)})""")
    top_y = (dash.FLOOR - h) * TILE - pf.PLAYER_H
    q = _snap(game)
    fail_if(not q["p"]["ground"] or abs(q["p"]["y"] / SUB - top_y) > 0.01,
            f"the jump timed by the rules did not land on the block: the player is at y={q['p']['y'] / SUB:.1f} px "
            f"({'standing' if q['p']['ground'] else 'in the air'}; the block's top is y={top_y} px)")
    x1 = q["p"]["x"] / SUB
    game.step(8)
    q2, st2 = _snap(game), game.state()
    fail_if(st2["lives"] != lives0, f"landing on the block cost a life ({st2['last_loss']!r})")
    fail_if(not q2["p"]["ground"] or q2["p"]["x"] / SUB <= x1 or abs(q2["p"]["y"] / SUB - top_y) > 0.01,
            "the player did not slide along the block's top after landing")
    return (f"running into the side of the {h}-tile block at column {col} cost a life ('block'); a jump pressed "
            f"{sum(1 for _, k in inputs if not k)} frames after standing at x={x0:.0f} px landed on its top (y={top_y} px) and the "
            f"player slid along it to x={q2['p']['x'] / SUB:.0f} px, lives kept")


def _check_pad(game: HeadlessGame, levels: list[dict], config: dict) -> str:
    where = next(((i, lv) for i, lv in enumerate(levels) if lv.get("pads")), None)
    fail_if(where is None, "no level has a jump pad")
    assert where is not None
    idx, lv = where
    rows = lv["rows"]
    col = next(c for c in range(len(rows[0])) if rows[dash.FLOOR - 1][c] == "^")
    fail_if(not _flat_before(lv, col, 3), f"the jump pad at column {col} has no run-up")
    _ready(game, idx + 1)
    _stand(game, (col - 3) * TILE + 2, FLOOR_Y)
    lives0 = game.state()["lives"]
    out = _run_until(game, 240, f"s.lives !== {int(lives0)} || s.status !== 'playing' || (q.p.ground && q.p.y < {(FLOOR_Y - 1) * SUB})")
    st, q = out["s"], out["q"]
    rise = FLOOR_Y - float(out["top"])
    jump = float(config["jump_height_px"])
    fail_if(st["lives"] != lives0, f"the pad's launch cost a life ({st['last_loss']!r})")
    fail_if(rise < 1.5 * jump, f"running over the pad with no key pressed rose {rise:.0f} px; a jump rises {jump:.0f} px")
    landed = q["p"]["y"] / SUB
    fail_if(not q["p"]["ground"] or landed >= FLOOR_Y, f"after the launch the player did not land on the tower (y={landed:.0f} px)")
    return (f"with no key pressed the pad at column {col} of level {idx + 1} launched the player {rise:.0f} px up "
            f"(a jump rises {jump:.0f} px) onto the tower {(FLOOR_Y - landed) / TILE:.0f} tiles high, lives kept")


def keypoints(spec: dict, config: dict, levels: list[dict], hero: str) -> list[Keypoint]:
    lv1 = levels[0] if levels else {}
    hazards = spec.get("hazards") or []
    hname = str((hazards[0] if hazards else {}).get("name") or "spike")
    return [
        Keypoint("spike_kills", f"Touching a {hname} costs a life and restarts the attempt from the start of the course",
                 checked(lambda g: _check_spike(g, lv1), _install), "spike_kills"),
        Keypoint("block_landing", f"{hero} lands on top of a block and slides along it; running into its side costs a life",
                 checked(lambda g: _check_block(g, lv1, config), _install), "block_landing"),
        Keypoint("jump_pad", f"A jump pad launches {hero} higher than any jump, onto a tower",
                 checked(lambda g: _check_pad(g, levels, config), _install), "jump_pad"),
    ]


def _install(game: HeadlessGame) -> None:
    """Nothing to install: the module's own qa hooks are there in every build."""
