"""Query for the tile-puzzle family's pair-matching solitaire mode "mahjong": the bot, the keypoints
and the JS/Python agreement, on the real game code.

The bot replays the solver's proof (``mahjong.solve``: the pairs taken, in order) with the keyboard:
for each tile, Left / Right walk the cursor over the free tiles to it (the shorter way round), Space
picks it. A Python copy of the rules (:class:`mahjong.Mahjong`) follows along, and after every pair
the game's board (faces, tiles left, cursor, selection, moves, shuffles, the shuffle generator) is
checked against it.

Each keypoint loads a level into the build's own game (its level 1, or a tiny hand-made board for
the end of a game: two tiles to win, a row that leaves no free pair), acts through the keys or the
pointer path, and reads the world back through ``Maestro.genres.tile_puzzle.qa``; what should
happen is computed by the Python rules on the same level, so a check fails both when the rule is
missing and when the two rule books drift apart.
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessError, HeadlessGame, checked, fail_if
from maestro.genres.tile_puzzle import mahjong
from maestro.genres.tile_puzzle.mahjong import Mahjong

FRAMES_PER_PRESS = 2
SETTLE_FRAMES = 200
AGREE_EVENTS = 160
FIELDS = ("faces", "alive", "cursor", "sel", "moves", "misses", "shuffles", "shuffled", "rng", "score", "won", "over")

Install = Callable[[HeadlessGame], None]

# Beside the family's __tp helpers (qa.py): a pick as the pointer path hands it on, a click at a
# point, where a tile can be clicked, and the agreement replay.
_JS = """
var __mj = {
  w: function () { return __game.game.world; },
  pick: function (i) {
    Maestro.genres.tile_puzzle.qa.pick(__game.game, __mj.w(), i);
    __game.step(1);
    return __tp.out(__game.state());
  },
  click: function (x, y) { return __tp.gesture(x, y, x, y); },
  // A point on tile i's face that a click reaches (no other tile drawn over it), or null.
  spot: function (i) {
    var G = __game.game, w = __mj.w(), QA = Maestro.genres.tile_puzzle.qa, r = QA.tile(G, w, i);
    for (var fy = 5; fy >= 1; fy--) for (var fx = 1; fx <= 5; fx++) {
      var x = Math.floor(r.x + r.w * fx / 6), y = Math.floor(r.y + r.h * fy / 6);
      if (QA.hit(G, w, x, y) === i) return [x, y];
    }
    return null;
  },
  hud: function () { var G = __game.game; return Maestro.genres.tile_puzzle.hud(G, G.world); },
  sfx: function () { return __game.game.lastSfx || ''; },
  agree: function (lv, events) {
    __tp.load(lv);
    var rows = [], lives = __game.state().lives;
    for (var i = 0; i < events.length; i++) {
      var e = events[i], r = e[0] === 'pick' ? __mj.pick(e[1]) : __tp.hold(e[1], 1);
      var lost = r.status === 'lost' || r.lives !== lives;
      rows.push([r.status, r.cleared, r.view, lost]);
      if (lost || r.status !== 'playing' || r.cleared > 0 || (r.view && (r.view.won || r.view.over))) break;
    }
    return rows;
  }
};
"""


def _installer(install: Install) -> Install:
    def run(game: HeadlessGame) -> None:
        install(game)
        if not game.js("typeof __mj !== 'undefined'"):
            game.run(_JS)
    return run


def _call(game: HeadlessGame, fn: str, *args: Any) -> Any:
    return game.js(f"{fn}({', '.join(json.dumps(a) for a in args)})")


def py_view(m: Mahjong) -> dict[str, Any]:
    """The rules' state as the game's QA view shows it (copies: the rules play on)."""
    return {k: (list(v) if isinstance(v, list) else v) for k in FIELDS for v in (getattr(m, k),)}


def differs(view: dict[str, Any] | None, m: Mahjong) -> str | None:
    """The first field where the game's view and the rules differ, in words; None when they agree."""
    if view is None:
        return "the game has no level running"
    for k, v in py_view(m).items():
        if view.get(k) != v:
            if k in ("faces", "alive"):
                at = [i for i, (a, b) in enumerate(zip(view.get(k) or [], v)) if a != b]
                return f"the tiles' {k} differ at tiles {at[:6]}"
            return f"{k} is {view.get(k)!r} in the game, {v!r} by the rules"
    return None


def _lost(r: dict[str, Any], lives0: int | None) -> bool:
    return r["status"] == "lost" or (lives0 is not None and r["lives"] is not None and r["lives"] < lives0)


# ---- the bot -------------------------------------------------------------------------------------

def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], install: Install) -> BotResult:
    """Take the proof's pairs with the keys, in order; won when level 2 starts or the game is won."""
    proof = mahjong.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to empty level 1")
    pairs = [(int(a), int(b)) for a, b in proof["pairs"]]
    m = Mahjong.start(level)
    frames = presses = 0
    try:
        _installer(install)(game)
        st = game.level_one()
        if st["status"] != "playing":
            return BotResult(False, 0, f"level 1 doesn't start (status {st['status']!r})")
        why = differs(_call(game, "__tp.view"), m)
        if why:
            return BotResult(False, 0, f"level 1 starts differently from the rules: {why}")
        for n, (a, b) in enumerate(pairs):
            keys: list[str] = []
            for t in (a, b):
                ks = mahjong.pick_keys(m, t)
                if not ks:
                    return BotResult(False, frames, f"pair {n + 1}: tile {t} is not free by the rules", n)
                for k in ks:
                    m.press(k)
                keys += ks
            r = _call(game, "__tp.keys", keys)
            presses += len(keys)
            frames += FRAMES_PER_PRESS * len(keys)
            if r["status"] == "won" or r["level"] >= 2 or r["cleared"] >= 1:
                return BotResult(True, frames, f"won level 1: took all {len(pairs)} pairs with {presses} presses "
                                 "(arrows over the free tiles, Space)", n + 1)
            if r["status"] != "playing":
                return BotResult(False, frames, f"pair {n + 1} ended the game: {r['status']}"
                                 + (f" ({r['last_loss']})" if r["last_loss"] else ""), n + 1)
            why = differs(r["view"], m)
            if why:
                return BotResult(False, frames, f"after pair {n + 1} of {len(pairs)}: {why}", n + 1)
        return BotResult(False, frames, f"all {len(pairs)} pairs taken but level 1 wasn't won", len(pairs))
    except HeadlessError as exc:
        return BotResult(False, frames, f"the game threw: {exc}")


# ---- rules agreement -----------------------------------------------------------------------------

def _events(level: dict[str, Any], rng: random.Random) -> tuple[list[list[Any]], list[dict[str, Any]]]:
    """A recorded play (drawn from ``rng``, decided along the way by the Python rules) and the rules'
    view after each event: arrows, Space, picks of any tile (blocked ones too) and, now and then, a
    free pair taken, so matches, mismatches and shuffles all happen."""
    m = Mahjong.start(level)
    events: list[list[Any]] = []
    views: list[dict[str, Any]] = []

    def do(e: list[Any]) -> None:
        if e[0] == "pick":
            m.pick(int(e[1]))
        else:
            m.press(str(e[1]))
        events.append(e)
        views.append(py_view(m))

    while len(events) < AGREE_EVENTS and not (m.won or m.over):
        roll = rng.randint(0, 19)
        if roll < 7:
            do(["key", rng.choice(("left", "right", "up", "down"))])
        elif roll < 10:
            do(["key", "action"])
        elif roll < 13:
            alive = [i for i, a in enumerate(m.alive) if a]
            do(["pick", rng.choice(alive)])
        else:
            pairs = m.free_pairs()
            if pairs:
                a, b = rng.choice(pairs)
                for t in (a, b):
                    if not (m.won or m.over) and len(events) < AGREE_EVENTS:
                        do(["pick", t])
    return events, views


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random,
                install: Install) -> str | None:
    """A recorded play on ``level`` in the real tile_puzzle.js and in ``mahjong.Mahjong``, compared
    after every event (every tile's face and whether it is left, cursor, selection, moves, misses,
    shuffles and their generator, score); None when they agree to the end, else the first difference."""
    _installer(install)(game)
    events, views = _events(level, rng)
    rows = _call(game, "__mj.agree", level, events)
    for i, e in enumerate(events):
        if i >= len(rows):
            return f"the game stopped after {i} events while the rules play on"
        status, cleared, view, lost = rows[i]
        py = views[i]
        where = f"event {i + 1} ({e[0]} {e[1]})"
        if py["won"] or cleared or status == "won":
            if py["won"] and (cleared or status == "won"):
                return None
            return f"{where}: the {'rules win' if py['won'] else 'game wins'} the level, the other does not"
        if py["over"] or lost:
            return None if py["over"] and lost else \
                f"{where}: the {'rules lose' if py['over'] else 'game loses'} the level here, the other plays on"
        for k, v in py.items():
            if view.get(k) != v:
                return f"{where}: {k} is {str(view.get(k))[:120]} in the game, {str(v)[:120]} by the rules"
    return None


# ---- keypoints -----------------------------------------------------------------------------------

def _tiny(tiles: list[list[int]], faces: list[int], shuffles: int = 0, seed: int = 7) -> dict[str, Any]:
    return {"mode": "mahjong", "tiles": tiles, "faces": faces, "kinds": len(set(faces)), "pairs": len(tiles) // 2,
            "cols": 4, "rows": 3, "stage": 1, "shuffles": shuffles, "shuffle_seed": seed,
            "name": "QA tiles", "seed": 1, "index": 0}


# A row of four whose free ends differ (A B A B) and a pair beside it: once the pair is taken no free
# pair is left.
_STUCK_TILES = [[0, 0, 0], [2, 0, 0], [4, 0, 0], [6, 0, 0], [0, 4, 0], [2, 4, 0]]
_STUCK_FACES = [0, 1, 0, 1, 2, 2]


def _blocked(m: Mahjong) -> tuple[int | None, list[int]]:
    """A tile held on both sides with nothing on it (None: none), and the tiles with another on it."""
    side = next((i for i in range(len(m.tiles)) if m.alive[i] and not m.free(i) and not m.geo.above[i]), None)
    return side, [i for i in range(len(m.tiles)) if m.alive[i] and m.geo.above[i]]


def _other_face(m: Mahjong) -> tuple[int, int] | None:
    free = m.free_tiles()
    return next(((a, b) for a in free for b in free if m.faces[a] != m.faces[b]), None)


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]],
              install: Install) -> list[Keypoint]:
    level = levels[0]
    faces = config.get("faces") or []
    noun = "tile"
    out: list[Keypoint] = []

    def guard(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
        return checked(fn, _installer(install))

    def load(game: HeadlessGame, lv: dict[str, Any]) -> dict[str, Any]:
        view: dict[str, Any] = _call(game, "__tp.load", lv)
        return view

    def keys(game: HeadlessGame, ks: list[str]) -> dict[str, Any]:
        r: dict[str, Any] = _call(game, "__tp.keys", ks)
        return r

    def pick(game: HeadlessGame, i: int) -> dict[str, Any]:
        r: dict[str, Any] = _call(game, "__mj.pick", i)
        return r

    def name(m: Mahjong, i: int) -> str:
        f = m.faces[i]
        return str(faces[f].get("name")) if f < len(faces) else f"face {f}"

    @guard
    def tiles_by_the_rules(game: HeadlessGame) -> str:
        m = Mahjong.start(level)
        v = load(game, level)
        fail_if(differs(v, m) is not None, f"level 1 starts differently from the rules: {differs(v, m)}")
        a, b = m.free_pairs()[0]
        ks = mahjong.pick_keys(m, a)
        for k in ks:
            m.press(k)
        r = keys(game, ks)
        fail_if(r["view"]["sel"] != a, f"Space on a free {noun} did not select it")
        fail_if(_call(game, "__mj.sfx") != "select", "selecting a tile played no select sound")
        ks = mahjong.pick_keys(m, b)
        for k in ks:
            m.press(k)
        score0 = r["score"]
        r = keys(game, ks)
        w = r["view"]
        fail_if(w["alive"][a] or w["alive"][b], f"the free pair of {name(m, a)} was not taken")
        fail_if(w["moves"] != 1 or w["pairs_left"] != len(m.tiles) // 2 - 1, "taking a pair did not count a move")
        fail_if(r["score"] - score0 != mahjong.MATCH_POINTS, f"a pair scored {r['score'] - score0}")
        fail_if(_call(game, "__mj.sfx") != "coin", "a pair taken played no match sound")
        fail_if(differs(w, m) is not None, f"after a pair: {differs(w, m)}")
        return (f"Space on two free {name(m, a)} tiles took them both ({w['pairs_left']} pairs left, "
                f"+{mahjong.MATCH_POINTS}), and the cursor moved on to a free tile")

    out.append(Keypoint("tiles_by_the_rules", "Two free tiles of the same face, picked one after the other, "
                        "are taken off the board", tiles_by_the_rules))

    @guard
    def blocked_refused(game: HeadlessGame) -> str:
        m = Mahjong.start(level)
        load(game, level)
        side, under = _blocked(m)
        # a covered tile the pointer can reach: part of it shows beside the tile on it
        spots = ((t, _call(game, "__mj.spot", t)) for t in under)
        covered, spot_c = next(((t, p) for t, p in spots if p is not None), (None, None))
        fail_if(side is None and covered is None, "level 1 has no blocked tile to try (the check is wrong)")
        said = []
        for t, how in ((side, "held on both sides"), (covered, "with a tile on it")):
            if t is None:
                continue
            spot: Any = spot_c if t == covered else _call(game, "__mj.spot", t)
            fail_if(spot is None, f"the {noun} {how} cannot be clicked anywhere (drawn under others)")
            r = _call(game, "__mj.click", spot[0], spot[1])["view"]
            fail_if(r["sel"] == t, f"a click picked a {noun} {how}")
            fail_if(r["alive"] != m.alive, "a click on a blocked tile changed the board")
            said.append(how)
        r = pick(game, side if side is not None else int(covered or 0))
        fail_if(r["view"]["sel"] != -1, "a blocked tile was selected")
        fail_if(_call(game, "__mj.sfx") != "undo", "a blocked tile picked played no refusal sound")
        order = m.free_tiles()
        seen = set()
        for _ in range(len(order)):
            seen.add(keys(game, ["right"])["view"]["cursor"])
        fail_if(not seen <= set(order), f"the arrows put the cursor on tiles that are not free: {sorted(seen - set(order))}")
        fail_if(seen != set(order), f"Right visited {len(seen)} of the {len(order)} free tiles")
        return (f"a {noun} {' and one '.join(said)} could not be picked (a refusal sound), and Right walked the "
                f"cursor over the {len(order)} free tiles only")

    out.append(Keypoint("blocked_refused", "A tile with another on it, or held on both sides, cannot be picked; "
                        "the cursor moves over the free tiles only", blocked_refused))

    @guard
    def faces_must_match(game: HeadlessGame) -> str:
        m = Mahjong.start(level)
        load(game, level)
        ab = _other_face(m)
        fail_if(ab is None, "level 1 shows no two free tiles of different faces (the check is wrong)")
        assert ab is not None
        a, b = ab
        pick(game, a)
        r = pick(game, b)["view"]
        fail_if(not (r["alive"][a] and r["alive"][b]), f"{name(m, a)} and {name(m, b)} were taken as a pair")
        fail_if(r["moves"] != 0 or r["misses"] != 1, "a mismatch counted as a move (or not as a miss)")
        fail_if(r["sel"] != b, "after a mismatch the second tile is not the one selected")
        fail_if(_call(game, "__mj.sfx") != "undo", "a mismatch played no mismatch sound")
        return f"{name(m, a)} then {name(m, b)}: no pair, both stayed and {name(m, b)} became the pick"

    out.append(Keypoint("faces_must_match", "Two tiles of different faces do not match", faces_must_match))

    @guard
    def goal_wins(game: HeadlessGame) -> str:
        lv = _tiny([[0, 0, 0], [2, 0, 0], [0, 4, 0], [2, 4, 0]], [0, 0, 1, 1])
        load(game, lv)
        r = pick(game, 0)
        r = pick(game, 1)
        fail_if(r["cleared"] >= 1 or r["status"] == "won", "the level was won with tiles still on the board")
        pick(game, 2)
        r = pick(game, 3)
        fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), f"the empty board did not win ({r['status']})")
        return "taking the last pair emptied the board and won the level (not one pair before)"

    out.append(Keypoint("goal_wins", "An empty board wins the level", goal_wins))

    @guard
    def stuck_shuffles(game: HeadlessGame) -> str:
        lv = _tiny(_STUCK_TILES, _STUCK_FACES, shuffles=1)
        m = Mahjong.start(lv)
        m.pick(4)
        m.pick(5)
        fail_if(m.shuffled != 1 or m.over, "the rules do not shuffle this board (the check is wrong)")
        load(game, lv)
        pick(game, 4)
        r = pick(game, 5)
        w = r["view"]
        fail_if(r["status"] != "playing", f"the board with a shuffle left ended the level ({r['status']})")
        fail_if(w["shuffled"] != 1 or w["shuffles"] != 0, "no free pair was left but the tiles were not shuffled")
        fail_if(differs(w, m) is not None, f"after the shuffle: {differs(w, m)}")
        fail_if(not any(w["faces"][i] == w["faces"][j] for i in w["free"] for j in w["free"] if i < j),
                "after the shuffle there is still no free pair")
        fail_if("SHUFFLES 0" not in _call(game, "__mj.hud"), "the HUD does not show the shuffles left")
        return "with no free pair left the level spent its shuffle: the tiles were re-dealt with a free pair"

    out.append(Keypoint("stuck_shuffles", "When no free pair is left, the level's shuffles re-deal the tiles",
                        stuck_shuffles))

    @guard
    def stuck_loses(game: HeadlessGame) -> str:
        lv = _tiny(_STUCK_TILES, _STUCK_FACES, shuffles=0)
        m = Mahjong.start(lv)
        m.pick(4)
        m.pick(5)
        fail_if(not m.over, "the rules do not lose this board (the check is wrong)")
        lives0 = game.state()["lives"]
        load(game, lv)
        pick(game, 4)
        r = pick(game, 5)
        fail_if(not _lost(r, lives0), f"no free pair and no shuffle left did not lose (status {r['status']})")
        fail_if(r["last_loss"] != "no moves left", f"the loss says {r['last_loss']!r}")
        return "no free pair and no shuffle left lost the level (no moves left)" + (
            " (a life)" if lives0 is not None else "")

    out.append(Keypoint("stuck_loses", "No free pair left and no shuffle to spend loses", stuck_loses))

    @guard
    def pointer_plays(game: HeadlessGame) -> str:
        m = Mahjong.start(level)
        load(game, level)
        a, b = m.free_pairs()[0]
        for t in (a, b):
            spot = _call(game, "__mj.spot", t)
            fail_if(spot is None, f"the free tile {t} cannot be clicked")
            r = _call(game, "__mj.click", spot[0], spot[1])
        w = r["view"]
        fail_if(w["alive"][a] or w["alive"][b], "clicking two free tiles of one face did not take them")
        return f"a click on each of two free {name(m, a)} tiles took the pair"

    out.append(Keypoint("pointer_plays", "Mouse / touch plays: click or tap a free tile to pick it", pointer_plays,
                        mechanic="mouse"))

    @guard
    def hud_counts(game: HeadlessGame) -> str:
        m = Mahjong.start(level)
        load(game, level)
        hud = str(_call(game, "__mj.hud"))
        want = f"PAIRS {len(m.tiles) // 2}"
        fail_if(want not in hud or f"SHUFFLES {m.shuffles}" not in hud or "MOVES 0" not in hud,
                f"the HUD says {hud!r}, not the pairs, moves and shuffles")
        a, b = m.free_pairs()[0]
        pick(game, a)
        pick(game, b)
        hud = str(_call(game, "__mj.hud"))
        fail_if(f"PAIRS {len(m.tiles) // 2 - 1}" not in hud or "MOVES 1" not in hud,
                f"after a pair the HUD says {hud!r}")
        return f"the HUD counts the pairs left, the moves and the shuffles ({hud.split('   ')[0]})"

    out.append(Keypoint("hud_counts", "The HUD shows the pairs left, the moves and the shuffles", hud_counts))

    for n, slug in enumerate(config.get("suit_slugs") or []):
        if slug:
            out.append(_suit_check(level, n, str(slug), str((config.get("suit_names") or [slug])[n]), install))
    if len(levels) > 1:
        out.append(_grows(levels))
    return out


def _suit_check(level: dict[str, Any], suit: int, slug: str, name: str, install: Install) -> Keypoint:
    def check(game: HeadlessGame) -> str:
        faces = game.js("__game.game.cfg.faces") or []
        on_board = [i for i, f in enumerate(level["faces"]) if f < len(faces) and faces[f].get("suit") == suit]
        if not on_board:
            return f"(level 1 deals no {name} tile)"
        _call(game, "__tp.load", level)
        fail_if(slug not in _call(game, "__tp.sprites"), f"the {name} tiles do not show {name}")
        return f"{len(on_board)} tiles of level 1 are {name} tiles, drawn with the {name} picture"

    return Keypoint(f"suit_{slug}", f"{name} is a suit of tiles", checked(check, _installer(install)), mechanic=slug)


def _grows(levels: list[dict[str, Any]]) -> Keypoint:
    a, b = levels[0], levels[1]

    def check(game: HeadlessGame) -> tuple[bool | None, str]:
        na, nb = len(a["tiles"]), len(b["tiles"])
        if nb <= na:
            return False, f"level 2 has {nb} tiles, level 1 {na}: not bigger"
        try:
            game.start(2)
            v = game.js("Maestro.genres.tile_puzzle.qa.view(__game.game, __game.game.world)")
        except HeadlessError as exc:
            return False, f"the game threw: {exc}"
        if len(v["alive"]) != nb:
            return False, f"level 2 starts with {len(v['alive'])} tiles, not its {nb}"
        return True, f"level 2 stacks more tiles ({na} -> {nb})"

    return Keypoint("layout_grows", "Later levels stack bigger layouts", check)
