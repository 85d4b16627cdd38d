"""Platformer QA for crouching and height-banded obstacles (rules.py cfg "duck" and "bands").

Both checks play the real platformer.js: a test copy of level 1's terrain with one obstacle, built by the
module's own start(), stepped frame by frame with the keys a player presses.

* ``duck_passes_under``: running into a head-high obstacle standing costs a life; running into it with
  Down held, the player crouches and passes under it with every life kept.
* ``banded_obstacles``: level 1 as the running game holds it has obstacles in at least two height bands,
  one pair of them at least; and each band hurts where it should: a ground one when stood on, a head-high
  one a standing player, a hanging one only a player who jumps into it (standing under it is safe).
"""

from __future__ import annotations

import json

from maestro.genres.base import Keypoint
from maestro.genres.headless import HeadlessGame, checked, fail_if
from maestro.genres.platformer import rules as pf

TILE, SUB = pf.TILE, pf.SUB
HOOKS = "Maestro.genres.platformer.qa"
PAIR_COLUMNS = 3  # banded obstacles this close (columns) come as a pair (rules._PAIR_OFFSET)


def _snap(game: HeadlessGame) -> dict:
    return game.js(f"{HOOKS}.snapshot(__game.game, __game.world())")


def _move(game: HeadlessGame, x: float, y: float) -> None:
    game.run(f"{HOOKS}.movePlayer(__game.game, __game.world(), {float(x)!r}, {float(y)!r}, 0)")


def _ground_row(level: dict, col: int) -> int | None:
    rows = level.get("rows") or []
    return next((r for r in range(len(rows)) if col < len(rows[r]) and rows[r][col] in "#="), None)


def _flat_run(level: dict, first: int, n: int) -> int | None:
    rows = level.get("rows") or []
    width = len(rows[0]) if rows else 0
    for c in range(max(1, first), width - n - 1):
        row = _ground_row(level, c)
        if row is not None and all(_ground_row(level, c + k) == row for k in range(n)):
            return c
    return None


def _arena(game: HeadlessGame, level: dict, hazards: list[dict]) -> None:
    """Level 1's terrain with only ``hazards``, started by the module's own start(), no wait, no safety,
    and lives to spare (each probe may cost one)."""
    lv = dict(level, items=[], enemies=[], hazards=hazards, grows=[])
    game.run(f"""(function () {{ var G = __game.game;
      G.world = Maestro.genres.platformer.start(G, {json.dumps(lv)}); G.invuln = 0; G.world.freeze = 0;
      G.lives = Math.max(G.lives, 5); }})()""")


def _ready(game: HeadlessGame) -> None:
    if game.state()["level"] != 1 or game.state()["status"] != "playing":
        game.start(1)


def _run_into(game: HeadlessGame, runner: bool, x: float, y: float, box: tuple[float, float], duck: bool) -> dict:
    """From standing at (x, y) px run right (by itself in a runner) until the player's left edge is past
    the obstacle's columns ``box`` (left, right px) or a life is lost; Down held when ``duck``. The last
    state, the lives at the start and whether the player was crouched at a frame it was under them."""
    left, past = box
    _move(game, x, y)
    game.step(1)
    lives0 = game.state()["lives"]
    out = game.js(f"""(function () {{
      var G = __game.game, crouched = false, s = __game.state(), q;
      __game.press('right', {str(not runner).lower()}); __game.press('down', {str(duck).lower()});
      for (var i = 0; i < 240; i++) {{
        s = __game.step(1); q = {HOOKS}.snapshot(G, __game.world());
        if (q.p.duck && q.p.x / {SUB} + {pf.PLAYER_W} > {left} && q.p.x / {SUB} < {past}) crouched = true;
        if (s.lives !== {int(lives0)} || s.status !== 'playing' || q.p.x / {SUB} > {past}) break;
      }}
      __game.press('right', false); __game.press('down', false);
      return {{s: s, crouched: crouched, x: q.p.x / {SUB}}}; }})()""")
    out["lives0"] = lives0
    return out


def _check_duck(game: HeadlessGame, lv1: dict, config: dict, slug: str) -> str:
    _ready(game)
    runner = config.get("mode") == "runner"
    col = _flat_run(lv1, 3, 10)
    fail_if(col is None, "level 1 has no flat stretch of 10 tiles to meet a head-high obstacle on")
    assert col is not None
    row = _ground_row(lv1, col) or 14
    obstacle = {"x": col + 6, "y": row - 1, "slug": slug, "band": "head"}
    box = pf.hazard_box(obstacle, config["bands"]["boxes"])
    cols = (box[0] / SUB, (box[0] + box[2]) / SUB)
    right = cols[1]
    start = ((col + 1) * TILE + 2, row * TILE - pf.PLAYER_H)
    _arena(game, lv1, [obstacle])
    standing = _run_into(game, runner, *start, cols, duck=False)
    lost = standing["lives0"] - standing["s"]["lives"]
    fail_if(lost != 1 or standing["s"]["last_loss"] != slug,
            f"running into the head-high {slug} standing cost {lost} lives (expected 1), loss reason "
            f"{standing['s']['last_loss']!r}")
    _arena(game, lv1, [obstacle])
    low = _run_into(game, runner, *start, cols, duck=True)
    kept = low["s"]["lives"] == low["lives0"]
    fail_if(not kept, f"crouching under the {slug} still cost a life ({low['s']['last_loss']!r})")
    fail_if(not low["crouched"], f"holding Down, the player was not crouching under the {slug}")
    fail_if(low["x"] <= right, f"the crouching player stopped at x={low['x']:.0f} px, before the {slug}'s far side ({right:.0f} px)")
    return (f"standing, the {slug} at head height cost a life; with Down held the player crouched "
            f"({config['duck']['h']} px tall instead of {pf.PLAYER_H}) and ran under it to x={low['x']:.0f} px, lives kept")


def _bands_in(hazards: list[dict]) -> tuple[dict[str, int], int]:
    """Obstacles per band ("overhead_low" is an overhead one) and the number of pairs: banded obstacles
    of two bands at most PAIR_COLUMNS apart."""
    count: dict[str, int] = {}
    placed = sorted(((int(h["x"]) // TILE, str(h.get("band") or "ground").split("_")[0]) for h in hazards))
    for _, band in placed:
        count[band] = count.get(band, 0) + 1
    pairs, i = 0, 0
    while i + 1 < len(placed):
        (c0, b0), (c1, b1) = placed[i], placed[i + 1]
        if c1 - c0 <= PAIR_COLUMNS and b0 != b1:
            pairs += 1
            i += 2
        else:
            i += 1
    return count, pairs


def _check_bands(game: HeadlessGame, lv1: dict, levels: list[dict], config: dict) -> str:
    _ready(game)
    running = game.js("__game.world().hazards.map(function (h) { return {x: h.x, slug: h.slug, band: h.band, box: h.box}; })")
    count, pairs = _bands_in(running)
    fail_if(len([b for b in count if count[b]]) < 2, f"level 1 has obstacles in only {sorted(count)} (two height bands at least expected)")
    fail_if(pairs < 1, f"level 1 sends its {sum(count.values())} obstacles one at a time: no pair of two bands")
    tried = []
    for band in ("ground", "head", "overhead"):
        h = next((x for x in running if str(x.get("band") or "ground").split("_")[0] == band), None)
        if h is None:
            continue
        col = int(h["x"]) // TILE
        row = _ground_row(lv1, col) or 14
        bx, by, bw, bh = h["box"]
        hazard = {"x": col, "y": row - 1, "slug": h["slug"], **({"band": h["band"]} if h.get("band") else {})}
        stand = (bx + bw / 2 - pf.PLAYER_W / 2, row * TILE - pf.PLAYER_H)
        _arena(game, lv1, [hazard])
        lives0 = game.state()["lives"]
        if band == "overhead":
            _move(game, *stand)
            st = game.step(2)
            fail_if(st["lives"] != lives0, f"standing under the hanging {h['slug']} cost a life")
            _move(game, stand[0], by + bh - 4)  # head 4 px into it, as a jump would bring it
            st = game.step(1)
            fail_if(st["lives"] != lives0 - 1, f"jumping into the hanging {h['slug']} cost {lives0 - st['lives']} lives (expected 1)")
            _arena(game, lv1, [hazard])
            lives0 = game.state()["lives"]
            _move(game, stand[0], by + bh - 14 - pf.PLAYER_H - 10)  # above it: its thread is in the way
            st = game.step(1)
            fail_if(st["lives"] != lives0 - 1, f"a jump over the hanging {h['slug']} passed it: it hangs on nothing")
            tried.append(f"hanging {h['slug']}: safe below, hurts a jump into it or over it (its thread)")
        else:
            _move(game, *stand)
            st = game.step(1)
            fail_if(st["lives"] != lives0 - 1 or st["last_loss"] != h["slug"],
                    f"standing in the {band} {h['slug']} cost {lives0 - st['lives']} lives (expected 1)")
            tried.append(f"{band} {h['slug']}: hurts a standing player")
    speeds = [int(lv.get("run") or 0) for lv in levels]
    rising = len(speeds) > 1 and all(b > a for a, b in zip(speeds, speeds[1:]))
    return (f"level 1 has {', '.join(f'{n} {b}' for b, n in sorted(count.items()))} obstacles, {pairs} pairs; "
            + "; ".join(tried) + (f"; the run speeds up level by level ({speeds[0] * 60 / SUB:.0f} to "
                                  f"{speeds[-1] * 60 / SUB:.0f} px/s)" if rising else ""))


def keypoints(spec: dict, config: dict, levels: list[dict], hero: str) -> list[Keypoint]:
    lv1 = levels[0] if levels else {}
    out: list[Keypoint] = []
    slugs: dict[str, str] = (config.get("bands") or {}).get("slugs") or {}
    if config.get("duck"):
        cast = (spec.get("hazards") or []) + (spec.get("enemies") or [])
        head = [e for e in cast if slugs.get(str(e.get("slug"))) == "head"]  # the GDD's first head-high one
        slug = str(head[0].get("slug")) if head else next((s for s, b in sorted(slugs.items()) if b == "head"), "bat")
        name = str(head[0].get("name") or slug) if head else slug
        out.append(Keypoint("duck_passes_under", f"Holding Down makes {hero} crouch and pass under a {name} that hits "
                            f"{hero} standing", checked(lambda g: _check_duck(g, lv1, config, slug), _install), "crouch"))
    asked = any(r.get("term") == "banded_obstacles" for r in spec.get("requirements") or [])
    if config.get("bands") and (asked or config.get("mode") == "runner"):  # a levels game's bands only serve its crouch
        out.append(Keypoint("banded_obstacles", "Obstacles come in height bands (on the ground, at head height, hanging "
                            "above), alone or in pairs, each hurting at its own height",
                            checked(lambda g: _check_bands(g, lv1, levels, config), _install), "banded_obstacles"))
    return out


def _install(game: HeadlessGame) -> None:
    """Nothing to install: the module's own qa hooks are there in every build."""

