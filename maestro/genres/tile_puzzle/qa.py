"""Query for the tile-puzzle genre (modes "falling", "match3", "merge" and "mahjong"). The pair-matching
solitaire mode "mahjong" has its own bot, keypoints and agreement check in ``mahjong_qa.py``; the three
entry points below hand a mahjong level there.

The bot replays the Labyrinth solver's proof (``maestro.genres.tile_puzzle.rules.solve``) through the
REAL game code with the keyboard, a press being one frame down and one frame up:

* falling: per piece, Up once per rotation, Left / Right once per column, then Space (hard drop);
  gravity runs between the presses exactly as the solver simulated it;
* match3: per swap, arrows walk the cursor to the gem, Space picks it, then the arrow of the swap;
* merge: per slide, its arrow.

A Python copy of the rules (:class:`rules.Falling` / :class:`rules.Match3` / :class:`rules.Merge`) follows along, and after
each piece or swap the game's board is checked against the rules'.

Each keypoint loads a tiny hand-made level into the build's own game (it replaces level 1 in
``G.levels`` and starts it, so the module's real ``start`` / ``update`` run with the build's config),
presses keys and reads the level through the module's QA hook ``Maestro.genres.tile_puzzle.qa.view``;
the expected outcome is computed by the Python rules on the same level, so a check fails both when the
rule is missing and when the two rule books drift apart.
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessError, HeadlessGame, checked, fail_if
from maestro.genres.tile_puzzle import mahjong_qa, rules

SETTLE_FRAMES = 200  # after the winning move: the 1.5 s "Level complete!" transition is 90 frames
FRAMES_PER_PRESS = 2
AGREE_EVENTS = 160

_JS_HELPERS = """
var __tp = {
  view: function () { var G = __game.game; return G.world ? Maestro.genres.tile_puzzle.qa.view(G, G.world) : null; },
  out: function (st) {
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, lives: st.lives,
            last_loss: st.last_loss, view: __tp.view()};
  },
  hold: function (a, n) {
    __game.press(a, true); var st = __game.step(1);
    if (n > 1) st = __game.step(n - 1);
    __game.press(a, false); st = __game.step(1);
    return __tp.out(st);
  },
  key: function (a) { return __tp.hold(a, 1); },
  keys: function (list) { var r = __tp.out(__game.state()); for (var i = 0; i < list.length; i++) r = __tp.key(list[i]); return r; },
  wait: function (n) { return __tp.out(__game.step(n)); },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __tp.view(); },
  gesture: function (x0, y0, x1, y1) {
    var G = __game.game, n = Maestro.genres.tile_puzzle.qa.gesture(G, G.world, x0, y0, x1, y1), r = null;
    for (var i = 0; i < n; i++) r = __tp.out(__game.step(1));
    return r;
  },
  rect: function () { var G = __game.game; return Maestro.genres.tile_puzzle.qa.rect(G, G.world); },
  // The sprites one frame of the module's draw shows (on a canvas that draws nothing).
  sprites: function () {
    var G = __game.game, got = {}, draw = G.sprite, keep = G.ctx;
    var nothing = new Proxy(function () {}, {get: function (t, k) { return k === 'width' || k === 'height' ? 0 : nothing; },
                                             set: function () { return true; }, apply: function () { return nothing; }});
    G.ctx = nothing;
    G.sprite = function (slug) { got[slug] = true; return draw.apply(this, arguments); };
    try { Maestro.genres.tile_puzzle.draw(G, G.world, nothing); } finally { G.sprite = draw; G.ctx = keep; }
    return Object.keys(got);
  },
  agree: function (lv, events) {
    __tp.load(lv);
    var rows = [], lives = __game.state().lives;
    for (var i = 0; i < events.length; i++) {
      var r = __tp.hold(events[i][0], events[i][1]);
      var lost = r.status === 'lost' || r.lives !== lives;
      rows.push([r.status, r.cleared, r.view, lost]);
      if (lost || r.status !== 'playing' || r.cleared > 0 || (r.view && (r.view.won || r.view.over))) break;
    }
    return rows;
  }
};
"""


def _install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.tile_puzzle && Maestro.genres.tile_puzzle.qa)"):
        raise HeadlessError("the tile_puzzle module has no qa hooks")
    if not game.js("typeof __tp !== 'undefined'"):
        game.run(_JS_HELPERS)


def _call(game: HeadlessGame, fn: str, *args: Any) -> Any:
    return game.js(f"__tp.{fn}({', '.join(json.dumps(a) for a in args)})")


# ---- comparing the game with the rules ------------------------------------------------------------

FALLING_FIELDS = ("board", "kind", "rot", "x", "y", "fall", "queue", "rng", "lines", "score", "placed", "won", "over")
MATCH_FIELDS = ("board", "rng", "moves", "collected", "cx", "cy", "sel", "score", "won", "over")
MERGE_FIELDS = ("board", "rng", "target", "score", "moves", "won", "over")
State = rules.Falling | rules.Match3 | rules.Merge


def _py_view(s: State) -> dict[str, Any]:
    fields = FALLING_FIELDS if isinstance(s, rules.Falling) else MATCH_FIELDS if isinstance(s, rules.Match3) \
        else MERGE_FIELDS
    return {k: getattr(s, k) for k in fields}


def _differs(view: dict[str, Any] | None, s: State) -> str | None:
    if view is None:
        return "the game has no level running"
    py = _py_view(s)
    for k, v in py.items():
        if view.get(k) != v:
            if k == "board":
                rows = [y for y, (a, b) in enumerate(zip(view["board"], v)) if a != b]
                return f"the boards differ in rows {rows[:5]}"
            return f"{k} is {view.get(k)!r} in the game, {v!r} by the rules"
    return None


def _mirror(level: dict[str, Any], config: dict[str, Any]) -> State:
    if level.get("mode") == "match3":
        return rules.Match3.start(level)
    if level.get("mode") == "merge":
        return rules.Merge.start(level)
    return rules.Falling.start(level, config)


def _press(s: State, key: str, frames: int = 1) -> str:
    """What a press of ``frames`` frames does to the rules (the same press __tp.hold makes)."""
    if not isinstance(s, rules.Falling):
        return s.press(key)
    what = s.frame({key}, {key})
    for _ in range(frames - 1):
        what = s.frame(set(), {key}) or what
    return s.frame(set(), set()) or what


# ---- the bot -------------------------------------------------------------------------------------

def _plan(level: dict[str, Any], config: dict[str, Any], proof: dict[str, Any]) -> list[list[str]]:
    """The proof as key presses, one list per piece or swap."""
    if level.get("mode") == "match3":
        m = rules.Match3.start(level)
        out = []
        for x, y, d in proof["swaps"]:
            ks = rules.swap_keys(m, int(x), int(y), str(d))
            for k in ks:
                m.press(k)
            out.append(ks)
        return out
    if level.get("mode") == "merge":
        return [[str(d)] for d in proof["slides"]]
    return [rules.piece_keys(int(r), int(dx)) for r, dx in proof["moves"]]


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any],
                   max_frames: int | None = None) -> BotResult:
    """Replay the solver's pieces (or swaps) for level 1 through the real game; won when level 2
    starts or the game is won. Bounded: 2 frames a press plus the level-complete transition."""
    if level.get("mode") == "mahjong":
        return mahjong_qa.play_level_one(game, level, config, _install)
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to win level 1")
    plan = _plan(level, config, proof)
    budget = max_frames if max_frames is not None else FRAMES_PER_PRESS * sum(map(len, plan)) + SETTLE_FRAMES
    mirror = _mirror(level, config)
    what = {"match3": "swap", "merge": "slide"}.get(str(level.get("mode")), "piece")
    frames = 0
    try:
        _install(game)
        st = game.level_one()
        if st["status"] != "playing":
            return BotResult(False, 0, f"level 1 doesn't start (status {st['status']!r})")
        why = _differs(_call(game, "view"), mirror)
        if why:
            return BotResult(False, 0, f"level 1 starts differently from the rules: {why}")
        for n, ks in enumerate(plan):
            if frames + FRAMES_PER_PRESS * len(ks) > budget:
                return BotResult(False, frames, f"ran out of frames after {n} of {len(plan)} {what}s", n)
            r = _call(game, "keys", ks)
            for k in ks:
                _press(mirror, k)
            frames += FRAMES_PER_PRESS * len(ks)
            if r["status"] == "won" or r["level"] >= 2 or r["cleared"] >= 1:
                return BotResult(True, frames, f"won level 1 with {n + 1} {what}s ({sum(map(len, plan[:n + 1]))} "
                                 "presses)", n + 1)
            if r["status"] != "playing":
                return BotResult(False, frames, f"{what} {n + 1} ended the game: {r['status']}"
                                 + (f" ({r['last_loss']})" if r["last_loss"] else ""), n + 1)
            why = _differs(r["view"], mirror)
            if why:
                return BotResult(False, frames, f"after {what} {n + 1} of {len(plan)}: {why}", n + 1)
        return BotResult(False, frames, f"all {len(plan)} {what}s played but level 1 wasn't won", len(plan))
    except HeadlessError as exc:
        return BotResult(False, frames, f"the game threw: {exc}")


# ---- rules_agree ---------------------------------------------------------------------------------

def _events(level: dict[str, Any], rng: random.Random) -> list[list[Any]]:
    """Random presses: falling mixes taps, held shifts (auto-repeat) and held soft drops; match3 taps."""
    out: list[list[Any]] = []
    for _ in range(AGREE_EVENTS):
        if level.get("mode") == "match3":
            out.append([rng.choice(("left", "right", "up", "down", "action", "action")), 1])
            continue
        if level.get("mode") == "merge":
            out.append([rng.choice(("left", "right", "up", "down", "left", "down", "action")), 1])
            continue
        roll = rng.randint(0, 19)
        if roll < 3:
            out.append(["action", 1])
        elif roll < 6:
            out.append([rng.choice(("left", "right")), rng.randint(8, 24)])
        elif roll < 8:
            out.append(["down", rng.randint(2, 12)])
        else:
            out.append([rng.choice(("left", "right", "up", "up")), 1])
    return out


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """Random presses played on ``level`` in the real tile_puzzle.js and through the Python rules,
    compared after every press (the whole board, the piece or cursor, the bag or refill generator,
    lines, moves, gems and score). None when they agree to the end, else the first difference."""
    if level.get("mode") == "mahjong":
        return mahjong_qa.rules_agree(game, level, config, rng, _install)
    _install(game)
    events = _events(level, rng)
    rows = _call(game, "agree", level, events)
    py = _mirror(level, config)
    for i, (key, frames) in enumerate(events):
        if i >= len(rows):
            return f"the game stopped after {i} presses while the rules play on"
        _press(py, key, frames)
        status, cleared, view, lost = rows[i]
        where = f"press {i + 1} ({key} for {frames} frame{'s' if frames > 1 else ''})"
        if py.won or cleared or status == "won":
            if py.won and (cleared or status == "won"):
                return None
            return f"{where}: the {'rules win' if py.won else 'game wins'} the level, the other does not"
        if py.over or lost:
            return None if py.over and lost else \
                f"{where}: the {'rules lose' if py.over else 'game loses'} the level here, the other plays on"
        why = _differs(view, py)
        if why:
            return f"{where}: {why}"
    return None


# ---- keypoints -----------------------------------------------------------------------------------

def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


def _load(game: HeadlessGame, level: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = _call(game, "load", level)
    return out


def _keys(game: HeadlessGame, keys: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = _call(game, "keys", keys)
    return out


def _seed_for(config: dict[str, Any], first: int) -> int:
    """A bag seed whose first piece is ``first`` (0 = I, 2 = T ...)."""
    for s in range(1, 5000):
        if rules.Falling.start({"lines": 1, "gravity": 60, "bag_seed": s}, config).kind == first:
            return s
    return 1


def _well(config: dict[str, Any], filled: dict[int, list[int]]) -> list[list[int]]:
    """A 10x20 well whose row y holds blocks at the columns filled[y]."""
    w, h = int(config.get("well_w") or rules.WELL_W), int(config.get("well_h") or rules.WELL_H)
    return [[(8 if x in filled.get(y, []) else 0) for x in range(w)] for y in range(h)]


def _falling_level(config: dict[str, Any], board: list[list[int]], first: int, lines: int = 5,
                   gravity: int = 60) -> dict[str, Any]:
    return {"mode": "falling", "lines": lines, "gravity": gravity, "stage": 1, "board": board,
            "bag_seed": _seed_for(config, first), "name": "QA well", "seed": 1, "index": 0}


def _falling_checks(config: dict[str, Any], spec: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    w, h = int(config.get("well_w") or rules.WELL_W), int(config.get("well_h") or rules.WELL_H)
    sx = int(config.get("spawn_x") or rules.SPAWN_X)
    gap = list(range(sx, sx + 4))
    # the bottom row full but for the four columns under a flat I; a lone block above it
    clear_board = _well(config, {h - 1: [x for x in range(w) if x not in gap], h - 2: [0]})
    out: list[Keypoint] = []

    @_checked
    def tiles_by_the_rules(game: HeadlessGame) -> str:
        v = _load(game, _falling_level(config, clear_board, 0))
        fail_if(v["kind"] != 0, f"the first piece is {v['kind']}, not the I the bag seed promises")
        r = _keys(game, ["action"])["view"]
        fail_if(r["placed"] != 1, "Space did not drop and lock the piece")
        fail_if(r["lines"] != 1, f"a full bottom row cleared {r['lines']} lines, not 1")
        fail_if(r["board"][h - 1][0] == 0 or any(r["board"][h - 1][1:]) or any(r["board"][h - 2]),
                "after the clear the block above did not fall into the bottom row")
        fail_if(r["kind"] != v["queue"][0], f"the next piece is {r['kind']}, not the one previewed ({v['queue'][0]})")
        return "a hard-dropped I locked, the full row cleared, the block above fell a row and the previewed piece came next"

    out.append(Keypoint("tiles_by_the_rules", "A dropped piece locks, a full row clears and the rows above fall",
                        tiles_by_the_rules))

    @_checked
    def rotation_kicks(game: HeadlessGame) -> str:
        lv = _falling_level(config, _well(config, {}), 2)
        v = _load(game, lv)
        py = rules.Falling.start(lv, config)
        keys = ["up"] + ["left"] * 5 + ["up"]
        r = _keys(game, keys)["view"]
        for k in keys:
            _press(py, k)
        fail_if(r["rot"] != 2, f"the piece did not turn at the wall (rotation {r['rot']})")
        fail_if(r["x"] != py.x or r["rot"] != py.rot, f"the kick put the piece at x={r['x']}, the rules at x={py.x}")
        fail_if(min(c[0] for c in py.cells(py.kind, py.rot, py.x, py.y)) < 0 or v["x"] == r["x"],
                "the piece went through the wall or never reached it")
        return f"a T turned against the left wall by kicking one column right (x={r['x']})"

    out.append(Keypoint("rotation_kicks", "Up rotates the piece, and against a wall it kicks one column to fit",
                        rotation_kicks))

    @_checked
    def line_clear(game: HeadlessGame) -> str:
        holes = [sx + 1, sx + 2]  # under the O at spawn
        board = _well(config, {y: [x for x in range(w) if x not in holes] for y in (h - 1, h - 2)})
        _load(game, _falling_level(config, board, 1, lines=6))
        st0 = game.state()["score"]
        r = _keys(game, ["action"])
        fail_if(r["view"]["lines"] != 2, f"two full rows cleared {r['view']['lines']} lines, not 2")
        gained = r["score"] - st0
        fail_if(gained < 300, f"two rows at once scored {gained}, not at least 300")
        fail_if(any(any(row) for row in r["view"]["board"]), "the cleared rows left blocks behind")
        return f"an O filled two rows at once: both cleared for {gained} points"

    out.append(Keypoint("line_clear", "Rows cleared together score more (100 / 300 / 500 / 800)", line_clear,
                        mechanic="score"))

    @_checked
    def gravity_speeds_up(game: HeadlessGame) -> str:
        grav = [int(lv.get("gravity") or 0) for lv in levels]
        fail_if(len(grav) > 1 and grav[-1] >= grav[0], f"the last level falls no faster than the first ({grav})")
        lv = _falling_level(config, _well(config, {}), 2, gravity=grav[0] or 30)
        v = _load(game, lv)
        r = _call(game, "wait", grav[0] - 1)["view"]
        fail_if(r["y"] != v["y"], "the piece fell before its time")
        r = _call(game, "wait", 1)["view"]
        fail_if(r["y"] != v["y"] + 1, f"after {grav[0]} frames the piece is at row {r['y']}, not {v['y'] + 1}")
        r = _call(game, "hold", "down", 8)["view"]
        fail_if(r["y"] < v["y"] + 4, f"holding Down for 8 frames moved the piece only to row {r['y']}")
        return f"a row every {grav[0]} frames on level 1 ({grav[-1]} on the last); Down soft-drops"

    out.append(Keypoint("gravity_speeds_up", "Pieces fall on their own, faster each level, and Down drops them faster",
                        gravity_speeds_up))

    @_checked
    def seven_bag(game: HeadlessGame) -> str:
        lv = _falling_level(config, _well(config, {}), 0)
        v = _load(game, lv)
        first = [v["kind"]] + v["queue"][:6]
        fail_if(sorted(first) != list(range(7)), f"the first seven pieces {first} are not one of each")
        return "each bag of seven pieces holds every tetromino once; the next ones are previewed"

    out.append(Keypoint("seven_bag", "Pieces come in shuffled bags of all seven, the next one previewed", seven_bag))

    @_checked
    def top_out_loses(game: HeadlessGame) -> str:
        board = _well(config, {y: [x for x in range(1, w)] for y in range(2, h)})
        lv = _falling_level(config, board, 1)
        _load(game, lv)
        st0 = game.state()
        r = _keys(game, ["action"])
        lost = r["status"] == "lost" or (st0["lives"] is not None and r["lives"] < st0["lives"])
        fail_if(not lost, f"a stack up to the top did not lose (status {r['status']}, lives {r['lives']})")
        fail_if(r["last_loss"] != "topped out", f"the loss says {r['last_loss']!r}")
        return "a piece that could not spawn above the stack lost the level" + (
            " (a life)" if st0["lives"] is not None else "")

    out.append(Keypoint("top_out_loses", "The stack reaching the top loses", top_out_loses))

    @_checked
    def goal_wins(game: HeadlessGame) -> str:
        lv = _falling_level(config, clear_board, 0, lines=1)
        _load(game, lv)
        r = _keys(game, ["right"])
        fail_if(r["cleared"] or r["status"] == "won", "the level was won before any line was cleared")
        r = _keys(game, ["left", "action"])
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"clearing the 1 line asked did not win ({r['status']})")
        return "clearing the level's lines won it"

    out.append(Keypoint("goal_wins", "Clearing the lines the level asks for wins it", goal_wins))

    @_checked
    def pointer_plays(game: HeadlessGame) -> str:
        lv = _falling_level(config, _well(config, {}), 2)
        v = _load(game, lv)
        rect = _call(game, "rect")
        r = _call(game, "gesture", rect["x"] - 20, 100, rect["x"] - 20, 100)["view"]
        fail_if(r["x"] != v["x"] - 1, "a tap left of the well did not shift the piece left")
        mid = rect["x"] + rect["c"] * 5
        r = _call(game, "gesture", mid, 100, mid, 100)["view"]
        fail_if(r["rot"] != 1, "a tap on the well did not rotate the piece")
        r = _call(game, "gesture", mid, 60, mid, 160)["view"]
        fail_if(r["placed"] != 1, "a swipe down did not drop the piece")
        return "a tap beside the well shifted the piece, a tap on it rotated it, a swipe down dropped it"

    out.append(Keypoint("pointer_plays", "Mouse / touch plays: tap to shift or rotate, swipe down to drop", pointer_plays,
                        mechanic="mouse"))
    for kind, slug in enumerate(config.get("block_slugs") or []):
        if slug:
            out.append(_block_check(config, kind, str(slug), _name_of(spec, str(slug))))
    return out


def _name_of(spec: dict[str, Any], slug: str) -> str:
    return next((str(e.get("name") or slug) for e in spec.get("items") or [] if e.get("slug") == slug), slug)


def _block_check(config: dict[str, Any], kind: int, slug: str, name: str) -> Keypoint:
    @_checked
    def block(game: HeadlessGame) -> str:
        v = _load(game, _falling_level(config, _well(config, {}), kind))
        fail_if(v["kind"] != kind, f"the first piece is kind {v['kind']}, not {kind}")
        fail_if(slug not in _call(game, "sprites"), f"the falling {rules.PIECE_NAMES[kind]} piece does not show {name}")
        r = _keys(game, ["action"])["view"]
        got = sum(1 for row in r["board"] for c in row if c == kind + 1)
        fail_if(got != 4, f"the dropped {name} piece left {got} blocks of its kind, not 4")
        return f"the {rules.PIECE_NAMES[kind]} pieces are {name} blocks: one fell, showing {name}, and locked"

    return Keypoint(f"block_{slug}", f"{name} is a kind of falling block", block, mechanic=slug)


# ---- match3 keypoints ------------------------------------------------------------------------------

def _m3_level(board: list[list[int]], colors: int, kind: int = 0, count: int = 999, moves: int = 20,
              seed: int = 7) -> dict[str, Any]:
    return {"mode": "match3", "w": len(board[0]), "h": len(board), "colors": colors, "board": board,
            "refill_seed": seed, "moves": moves, "stage": 1, "goal": {"kind": kind, "count": count},
            "name": "QA board", "seed": 1, "index": 0}


def _find(colors: int, want: Callable[[rules.Match3, tuple[int, int, str]], bool],
          size: int = 7) -> tuple[dict[str, Any], tuple[int, int, str]]:
    """A dealt board and a valid swap on it that ``want`` accepts (searched over seeds, deterministic)."""
    for seed in range(1, 400):
        board, _ = rules.deal(size, size, colors, seed)
        lv = _m3_level(board, colors, seed=seed + 11)
        m = rules.Match3.start(lv)
        for sw in rules.valid_swaps(board):
            if want(m, sw):
                return lv, sw
    raise AssertionError("no board with the swap the check needs")


def _after(m: rules.Match3, sw: tuple[int, int, str]) -> rules.Match3:
    t = m.copy()
    t.swap(*sw)
    return t


def _do_swap(game: HeadlessGame, lv: dict[str, Any], sw: tuple[int, int, str]) -> tuple[dict[str, Any], rules.Match3]:
    """Load ``lv`` and make swap ``sw`` with the keys; returns (the game after, the rules after)."""
    _load(game, lv)
    m = rules.Match3.start(lv)
    ks = rules.swap_keys(m, *sw)
    r = _keys(game, ks)
    for k in ks:
        m.press(k)
    return r, m


def _invalid_swap(board: list[list[int]]) -> tuple[int, int, str]:
    for y in range(len(board)):
        for x in range(len(board[0]) - 1):
            if board[y][x] != board[y][x + 1] and not rules.swap_matches(board, x, y, 1, 0):
                return x, y, "right"
    raise AssertionError("every swap on the board makes a line")


def _match_checks(config: dict[str, Any], spec: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    colors = int(levels[0].get("colors") or 5) if levels else 5
    out: list[Keypoint] = []

    @_checked
    def tiles_by_the_rules(game: HeadlessGame) -> str:
        lv, sw = _find(colors, lambda m, s: _after(m, s).chain == 1)
        r, m = _do_swap(game, lv, sw)
        v = r["view"]
        why = _differs(v, m)
        fail_if(why is not None, f"after a swap making a line: {why}")
        fail_if(v["moves"] != lv["moves"] - 1 or sum(v["collected"]) < 3, "the line did not clear for a move")
        fail_if(any(c < 0 for row in v["board"] for c in row), "the board did not refill")
        bad = _invalid_swap(v["board"])
        m2 = rules.Match3.start({**lv, "board": v["board"]})
        m2.cx, m2.cy = v["cx"], v["cy"]
        ks = rules.swap_keys(m2, *bad)
        r2 = _keys(game, ks)["view"]
        fail_if(r2["board"] != v["board"] or r2["moves"] != v["moves"], "a swap making no line was not undone")
        return (f"a swap made a line: {sum(v['collected'])} gems cleared for a move and the board refilled; "
                "a swap making no line was undone and cost nothing")

    out.append(Keypoint("tiles_by_the_rules", "A swap that makes a line of three clears it and the board refills; "
                        "a swap that makes none is undone", tiles_by_the_rules))

    @_checked
    def cascades_score(game: HeadlessGame) -> str:
        lv, sw = _find(colors, lambda m, s: _after(m, s).chain >= 2)
        r, m = _do_swap(game, lv, sw)
        v = r["view"]
        fail_if(_differs(v, m) is not None, f"after a cascading swap: {_differs(v, m)}")
        fail_if(v["chain"] < 2, f"the swap cascaded {v['chain']} times in the game")
        fail_if(v["score"] <= 10 * sum(v["collected"]), "the cascade scored no bonus")
        return f"the gems that fell made new lines ({v['chain']} steps) for {v['score']} points"

    out.append(Keypoint("cascades_score", "Falling gems that make new lines clear again, each step scoring more",
                        cascades_score, mechanic="score"))

    @_checked
    def out_of_moves_loses(game: HeadlessGame) -> str:
        lv, sw = _find(colors, lambda m, s: True)
        st0 = game.state()
        r, _ = _do_swap(game, {**lv, "moves": 1}, sw)
        lost = r["status"] == "lost" or (st0["lives"] is not None and r["lives"] < st0["lives"])
        fail_if(not lost, f"the last move spent without the goal did not lose (status {r['status']})")
        fail_if(r["last_loss"] != "out of moves", f"the loss says {r['last_loss']!r}")
        return "spending the last move short of the goal lost the level"

    out.append(Keypoint("out_of_moves_loses", "Running out of moves before the goal loses", out_of_moves_loses))

    @_checked
    def goal_wins(game: HeadlessGame) -> str:
        lv, sw = _find(colors, lambda m, s: True)
        m = rules.Match3.start(lv)
        kind = next(k for k, n in enumerate(_after(m, sw).collected) if n >= 3)
        r, _ = _do_swap(game, {**lv, "goal": {"kind": kind, "count": 3}}, sw)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"collecting the gems asked did not win ({r['status']})")
        return "collecting the level's gems won it"

    out.append(Keypoint("goal_wins", "Collecting the gems the level asks for, within its moves, wins it", goal_wins))

    @_checked
    def pointer_plays(game: HeadlessGame) -> str:
        lv, (x, y, d) = _find(colors, lambda m, s: True)
        _load(game, lv)
        rect = _call(game, "rect")
        c = rect["c"]
        px, py_ = rect["x"] + x * c + c // 2, rect["y"] + y * c + c // 2
        dx, dy = rules.DIRS[d]
        r = _call(game, "gesture", px, py_, px + dx * c, py_ + dy * c)["view"]
        fail_if(r["moves"] != lv["moves"] - 1, "dragging a gem onto its neighbour did not swap them")
        return "dragging a gem onto its neighbour swapped them and cleared the line"

    out.append(Keypoint("pointer_plays", "Mouse / touch plays: tap or drag a gem onto its neighbour", pointer_plays,
                        mechanic="mouse"))

    kinds = config.get("kinds") or []
    for i, k in enumerate(kinds[:colors]):
        if k.get("slug"):
            out.append(_gem_check(colors, i, str(k["slug"]), str(k.get("name") or k["slug"])))
    return out


def _gem_check(colors: int, kind: int, slug: str, name: str) -> Keypoint:
    @_checked
    def gem(game: HeadlessGame) -> str:
        lv, sw = _find(colors, lambda m, s: _after(m, s).collected[kind] >= 3)
        r, m = _do_swap(game, lv, sw)
        got = r["view"]["collected"][kind]
        fail_if(got != m.collected[kind] or got < 3, f"a line of {name} counted {got} in the game, {m.collected[kind]} by the rules")
        return f"a line of {name} cleared and counted {got}"

    return Keypoint(f"gem_{slug}", f"{name} gems match in lines of three and count toward the goal", gem, mechanic=slug)


# ---- merge keypoints -------------------------------------------------------------------------------

def _merge_level(board: list[list[int]], target: int = 11, seed: int = 5) -> dict[str, Any]:
    return {"mode": "merge", "size": len(board), "board": board, "spawn_seed": seed, "target": target, "stage": 1,
            "name": "QA tiles", "seed": 1, "index": 0}


def _slide(game: HeadlessGame, lv: dict[str, Any], keys: list[str]) -> tuple[dict[str, Any], rules.Merge]:
    _load(game, lv)
    m = rules.Merge.start(lv)
    for k in keys:
        m.press(k)
    return _keys(game, keys), m


def _merge_checks(config: dict[str, Any], spec: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    out: list[Keypoint] = []
    row = [[1, 1, 2, 2], [0, 0, 0, 0], [3, 0, 3, 0], [0, 0, 0, 0]]

    @_checked
    def tiles_by_the_rules(game: HeadlessGame) -> str:
        r, m = _slide(game, _merge_level(row), ["left"])
        v = r["view"]
        fail_if(_differs(v, m) is not None, f"after a slide: {_differs(v, m)}")
        fail_if(v["board"][0][:2] != [2, 3] or v["board"][2][0] != 4, f"2 2 4 4 slid left made {v['board'][0]}, not 4 8")
        fail_if(sum(1 for rr in v["board"] for t in rr if t) != 4, "no new tile appeared after the slide")
        again = _keys(game, ["left"])["view"]
        if again["board"] == v["board"]:
            fail_if(again["moves"] != v["moves"], "a slide that moved nothing counted as a move")
        return "2 2 4 4 slid into 4 8 (each pair merged once), 8 and 8 merged into 16, and a new tile appeared"

    out.append(Keypoint("tiles_by_the_rules", "A slide moves every tile; equal tiles merge once and a new tile appears",
                        tiles_by_the_rules))

    @_checked
    def merge_scores(game: HeadlessGame) -> str:
        st0 = game.state()["score"]
        r, m = _slide(game, _merge_level(row), ["left"])
        gained = r["score"] - st0
        fail_if(gained != 4 + 8 + 16 or m.score != gained, f"merging into 4, 8 and 16 scored {gained}, not 28")
        return "each merge scored the new tile's value (4 + 8 + 16)"

    out.append(Keypoint("merge_scores", "A merge scores the value of the new tile", merge_scores, mechanic="score"))

    @_checked
    def goal_wins(game: HeadlessGame) -> str:
        t = int(levels[0].get("target") or 7) if levels else 7
        r, _ = _slide(game, _merge_level([[t - 1, t - 1, 0, 0], [0] * 4, [0] * 4, [0] * 4], target=t), ["left"])
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"making the {1 << t} tile did not win ({r['status']})")
        return f"merging two {1 << (t - 1)} tiles into {1 << t} won the level"

    out.append(Keypoint("goal_wins", "Making the level's tile wins it", goal_wins))

    @_checked
    def stuck_loses(game: HeadlessGame) -> str:
        board = [[3, 4, 3, 4], [4, 3, 4, 3], [3, 4, 3, 4], [5, 6, 5, 0]]
        st0 = game.state()
        r, m = _slide(game, _merge_level(board), ["right"])
        fail_if(not m.over, "the rules do not lose this board (the check is wrong)")
        lost = r["status"] == "lost" or (st0["lives"] is not None and r["lives"] < st0["lives"])
        fail_if(not lost, f"a full board with no merge left did not lose (status {r['status']})")
        return "a full board with no merge left lost the level"

    out.append(Keypoint("stuck_loses", "A full board with no merge left loses", stuck_loses))

    @_checked
    def pointer_plays(game: HeadlessGame) -> str:
        _load(game, _merge_level(row))
        rect = _call(game, "rect")
        y = rect["y"] + rect["c"]
        r = _call(game, "gesture", rect["x"] + 3 * rect["c"], y, rect["x"] + rect["c"] // 2, y)["view"]
        fail_if(r["moves"] != 1 or r["board"][0][:2] != [2, 3], "a swipe left did not slide the tiles left")
        return "a swipe left slid the tiles left"

    out.append(Keypoint("pointer_plays", "Mouse / touch plays: swipe to slide", pointer_plays, mechanic="mouse"))
    slug = str(config.get("tile_slug") or "")
    if slug:
        out.append(_tile_check(slug, _name_of(spec, slug), row))
    return out


def _tile_check(slug: str, name: str, row: list[list[int]]) -> Keypoint:
    @_checked
    def tile(game: HeadlessGame) -> str:
        _load(game, _merge_level(row))
        fail_if(slug not in _call(game, "sprites"), f"the tiles do not show {name}")
        r, m = _slide(game, _merge_level(row), ["left"])
        fail_if(r["view"]["board"] != m.board, f"two {name} tiles did not merge by the rules")
        return f"the tiles are {name}s: two of a value merged into one of double"

    return Keypoint(f"tile_{slug}", f"{name}s are the tiles that slide and merge", tile, mechanic=slug)


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    if config.get("mode") == "mahjong":
        return mahjong_qa.keypoints(spec, config, levels, _install)
    if config.get("mode") == "match3":
        return _match_checks(config, spec, levels)
    if config.get("mode") == "merge":
        return _merge_checks(config, spec, levels)
    return _falling_checks(config, spec, levels)
