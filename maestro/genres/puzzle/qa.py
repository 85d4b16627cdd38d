"""Query for the puzzle genre (grid, turn-based; modes "sokoban" and "exit").

The bot replays the Labyrinth solver's proof (``maestro.genres.puzzle.rules.solve``) through the REAL
game code, one key press per move (down for a frame, up for a frame), as a player taps keys.

Each keypoint loads a tiny hand-made room into the build's own game (it replaces level 1 in
``G.levels`` and starts it, so the genre module's real ``start``/``update``/``undo`` run with the
build's config and mode), presses keys and reads the board through the module's QA hook
``Maestro.genres.puzzle.qa.view`` (cells as [x, y]). A room is the smallest board that shows one
rule, so a check fails for one reason only, and each check also proves that a legal move right
next to the rule *does* happen (a game that ignores every key can't pass "the crate didn't move").
"""

from __future__ import annotations

import json
import random

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessError, HeadlessGame, checked, fail_if
from maestro.genres.puzzle import rules as rules

ACTION = {"U": "up", "D": "down", "L": "left", "R": "right"}
SETTLE_FRAMES = 200  # after the last move: the 1.5 s "Level complete!" transition is 90 frames

# One move as a player makes it: press for one frame, release for one frame. Returns what the bot
# and the checks need in one V8 round trip.
_JS_HELPERS = """
var __pz = {
  view: function () { var G = __game.game; return Maestro.genres.puzzle.qa.view(G, G.world); },
  move: function (a) {
    __game.press(a, true); __game.step(1); __game.press(a, false); var st = __game.step(1);
    var G = __game.game;
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score,
            last_loss: st.last_loss, view: (G.world ? __pz.view() : null)};
  },
  load: function (room) { __game.game.levels[0] = room; __game.start(1); return __pz.view(); }
};
"""

# A 7x5 room: floor inside a wall ring. Every keypoint room is drawn on it.
_ROWS = ["#######",
         "#.....#",
         "#.....#",
         "#.....#",
         "#######"]


def _install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.puzzle && Maestro.genres.puzzle.qa && Maestro.genres.puzzle.qa.view)"):
        raise HeadlessError("the puzzle module has no qa.view hook")
    if not game.js("typeof __pz !== 'undefined'"):
        game.run(_JS_HELPERS)


def _move(game: HeadlessGame, d: str) -> dict:
    return game.js(f"__pz.move({json.dumps(ACTION.get(d, d))})")


def _view(game: HeadlessGame) -> dict:
    return game.js("__pz.view()")


# ---- the bot -------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict, config: dict, max_frames: int | None = None) -> BotResult:
    """Replay the solver's path for level 1 through the real game; won when level 2 starts or the
    game is won (a 1-level game). Bounded: 2 frames a move plus the level-complete transition."""
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no way to win level 1 (blocked route or broken level)")
    path = proof["path"]
    budget = max_frames if max_frames is not None else 2 * len(path) + SETTLE_FRAMES
    frames = 0
    try:
        _install(game)
        st = game.level_one()
        if st["status"] != "playing":
            return BotResult(False, 0, f"level 1 doesn't start (status {st['status']!r})")
        for i, d in enumerate(path):
            if frames + 2 > budget:
                return BotResult(False, frames, f"ran out of frames after {i} of {len(path)} moves", i)
            before = _view(game)
            r = _move(game, d)
            frames += 2
            if r["status"] == "won" or r["level"] >= 2:
                return BotResult(True, frames, f"won after {i + 1} of {len(path)} moves", i + 1)
            if r["status"] != "playing":
                return BotResult(False, frames, f"move {i + 1} ({d}) ended the game: {r['status']}"
                                 + (f" ({r['last_loss']})" if r["last_loss"] else ""), i + 1)
            if r["view"]["moves"] != before["moves"] + 1:
                x, y = before["player"]
                why = f"; the level restarted ({r['last_loss']})" if r["view"]["moves"] == 0 and r["last_loss"] else ""
                return BotResult(False, frames, f"move {i + 1} of {len(path)} ({ACTION[d]} from ({x}, {y})) was "
                                 f"refused by the game although the solver's rules allow it{why}", i + 1)
        # the last move won: wait out the level-complete transition
        while frames < budget:
            st = game.step(10)
            frames += 10
            if st["status"] == "won" or st["level"] >= 2:
                return BotResult(True, frames, f"won level 1 in {len(path)} moves", len(path))
            if st["status"] != "playing":
                break
        v = _view(game) if st["level"] == 1 else None
        return BotResult(False, frames, f"all {len(path)} solver moves played but level 1 wasn't won "
                         f"(status {st['status']!r}" + (f", player at {tuple(v['player'])}" if v else "") + ")",
                         len(path))
    except HeadlessError as exc:
        return BotResult(False, frames, f"the game threw: {exc}")


# ---- keypoints -----------------------------------------------------------------------------------


def _room(mode: str, player, *, boxes=(), targets=(), exit=None, keys=(), doors=(), items=(), dangers=()) -> dict:
    """A 7x5 room that can't be won by accident: in sokoban mode a spare box stays off its target
    (a sokoban room without boxes is won by any move), in exit mode the exit is out of the way."""
    targets = list(targets) or [[5, 1]]
    if mode == "sokoban" and not boxes:
        boxes = [[5, 3]]
    return {"mode": mode, "width": 7, "height": 5, "rows": list(_ROWS), "player": list(player),
            "boxes": [list(b) for b in boxes], "targets": [list(t) for t in targets],
            "exit": list(exit) if exit else ([5, 1] if mode == "exit" else None),
            "keys": [list(k) for k in keys], "doors": [list(d) for d in doors],
            "items": list(items), "dangers": list(dangers), "box_slug": None,
            "name": "QA room", "seed": 1, "index": 0}


def _checked(fn):
    return checked(fn, _install)


def _names(spec: dict) -> dict[str, str]:
    out = {}
    for group in ("items", "hazards", "enemies"):
        for e in spec.get(group) or []:
            if e.get("slug"):
                out[e["slug"]] = e.get("name") or e["slug"]
    return out


def _either(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _mechanics(spec: dict) -> set[str]:
    return {m.get("id") for m in spec.get("mechanics") or [] if isinstance(m, dict)}


def keypoints(spec: dict, config: dict, levels: list[dict]) -> list[Keypoint]:
    mode = (levels[0].get("mode") if levels else None) or config.get("mode") or "sokoban"
    mech = _mechanics(spec)
    names = _names(spec)
    has_boxes = mode == "sokoban" or any(lv.get("boxes") for lv in levels)
    has_doors = any(lv.get("doors") or lv.get("keys") for lv in levels)
    box_name = next((names.get(lv["box_slug"], lv["box_slug"]) for lv in levels if lv.get("box_slug")), "crate")
    box_name = box_name.lower()
    win_mech = "reach_exit" if "reach_exit" in mech else None
    out: list[Keypoint] = []

    if has_boxes:
        @_checked
        def push_box(game):
            v = game.js(f"__pz.load({json.dumps(_room(mode, [1, 2], boxes=[[2, 2]]))})")
            fail_if(v["boxes"] != [[2, 2]], f"the {box_name} wasn't placed where the level put it: {v['boxes']}")
            r = _move(game, "R")
            v = r["view"]
            fail_if(v["player"] != [2, 2], f"walking into a {box_name} with space behind it didn't move the player "
                     f"(player at {tuple(v['player'])})")
            fail_if(v["boxes"] != [[3, 2]], f"walking into a {box_name} with space behind it didn't push it one cell "
                     f"(it is at {v['boxes']})")
            fail_if(v["pushes"] != 1, f"the push wasn't counted (pushes {v['pushes']})")
            return f"the push moved the player and the {box_name} one cell each"

        out.append(Keypoint("push_box", f"Walking into a {box_name} with free floor behind it pushes it one cell",
                            push_box, "push_blocks" if "push_blocks" in mech else None))

        @_checked
        def box_blocked(game):
            # row 1: two boxes in a row (a box never pushes a box); row 3: a box against the wall
            room = _room(mode, [1, 1], boxes=[[2, 1], [3, 1], [5, 3]], targets=[[1, 3]])
            v0 = game.js(f"__pz.load({json.dumps(room)})")
            r = _move(game, "R")
            fail_if(r["view"]["boxes"] != v0["boxes"] or r["view"]["player"] != [1, 1],
                     f"a {box_name} pushed into another {box_name} moved (boxes {r['view']['boxes']}, "
                     f"player {tuple(r['view']['player'])})")
            for d in "DDRRR":  # walk to (4, 3), beside the box at the wall; these moves must happen
                r = _move(game, d)
            fail_if(r["view"]["player"] != [4, 3], f"the player couldn't walk along open floor "
                     f"(at {tuple(r['view']['player'])} instead of (4, 3))")
            r = _move(game, "R")
            fail_if(r["view"]["boxes"] != v0["boxes"] or r["view"]["player"] != [4, 3],
                     f"a {box_name} pushed into a wall moved (boxes {r['view']['boxes']}, "
                     f"player {tuple(r['view']['player'])})")
            return f"neither the {box_name} against a {box_name} nor the {box_name} against the wall moved"

        out.append(Keypoint("box_blocked", f"A {box_name} against a wall or another {box_name} doesn't move",
                            box_blocked, "push_blocks" if "push_blocks" in mech else None))

    if mode == "sokoban":
        @_checked
        def boxes_on_targets_win(game):
            room = _room("sokoban", [1, 1], boxes=[[2, 1], [2, 3]], targets=[[3, 1], [3, 3]])
            game.js(f"__pz.load({json.dumps(room)})")
            score0 = game.state()["score"]
            r = _move(game, "R")
            fail_if(r["view"]["boxes"] != [[3, 1], [2, 3]], f"the first push didn't land (boxes {r['view']['boxes']})")
            fail_if(r["cleared"] or r["view"]["done"] or r["status"] != "playing",
                     f"the level was won with only one of two {box_name}s on a target")
            for d in "DLDR":
                r = _move(game, d)
            fail_if(r["view"]["boxes"] != [[3, 1], [3, 3]], f"the second {box_name} didn't reach its target "
                     f"(boxes {r['view']['boxes']})")
            fail_if(not (r["cleared"] >= 1 or r["status"] == "won"),
                     f"every {box_name} stands on a target but the level isn't won")
            fail_if(r["score"] <= score0, "winning the level gave no points")
            return f"won with both {box_name}s on targets, +{r['score'] - score0} points"

        out.append(Keypoint("boxes_on_targets_win", f"Putting every {box_name} on a target wins the level "
                            "(and not before)", boxes_on_targets_win, win_mech or ("push_blocks" if "push_blocks" in mech else None)))

    if mode == "exit":
        @_checked
        def exit_wins(game):
            game.js(f"__pz.load({json.dumps(_room('exit', [1, 2], exit=[3, 2]))})")
            r = _move(game, "R")
            fail_if(r["view"]["player"] != [2, 2], f"the player didn't move (at {tuple(r['view']['player'])})")
            fail_if(r["cleared"] or r["status"] != "playing", "the level was won before reaching the exit")
            r = _move(game, "R")
            fail_if(not (r["cleared"] >= 1 or r["status"] == "won"), "stepping onto the exit didn't win the level")
            return "stepping onto the exit won the level"

        out.append(Keypoint("exit_wins", "Reaching the exit wins the level", exit_wins, win_mech))

    if config.get("undo", True):
        @_checked
        def undo(game):
            game.js(f"__pz.load({json.dumps(_room(mode, [1, 2], boxes=[[2, 2]]))})")
            _move(game, "R")  # a push
            r = _move(game, "D")  # a plain step
            fail_if(r["view"]["player"] != [2, 3] or r["view"]["boxes"] != [[3, 2]],
                     f"setup moves didn't happen (player {tuple(r['view']['player'])}, boxes {r['view']['boxes']})")
            game.tap("undo")
            v = _view(game)
            fail_if(v["player"] != [2, 2] or v["boxes"] != [[3, 2]] or v["moves"] != 1,
                     f"one undo didn't take back exactly the last step (player {tuple(v['player'])}, "
                     f"boxes {v['boxes']}, moves {v['moves']})")
            game.tap("undo")
            v = _view(game)
            fail_if(v["player"] != [1, 2] or v["boxes"] != [[2, 2]] or v["moves"] != 0 or v["pushes"] != 0,
                     f"a second undo didn't take back the push (player {tuple(v['player'])}, boxes {v['boxes']}, "
                     f"moves {v['moves']}, pushes {v['pushes']})")
            return f"two undos restored the player and the {box_name}"

        out.append(Keypoint("undo", f"Undo takes back the last move, {box_name} pushes included", undo,
                            "undo" if "undo" in mech else None))

    if has_doors:
        @_checked
        def door_needs_key(game):
            room = _room(mode, [2, 2], keys=[[2, 3]], doors=[[3, 2]])
            game.js(f"__pz.load({json.dumps(room)})")
            r = _move(game, "R")
            fail_if(r["view"]["player"] != [2, 2] or r["view"]["doorsOpen"],
                     "a locked door let the player through without a key")
            r = _move(game, "D")
            fail_if(r["view"]["held"] != 1, f"stepping on the key didn't pick it up (keys held {r['view']['held']})")
            _move(game, "U")
            r = _move(game, "R")
            fail_if(r["view"]["player"] != [3, 2] or r["view"]["doorsOpen"] != 1,
                     f"holding a key, the player couldn't open the door (at {tuple(r['view']['player'])})")
            fail_if(r["view"]["held"] != 0, "opening the door didn't use up the key")
            return "the door stayed shut without a key and opened with one"

        out.append(Keypoint("door_needs_key", "A locked door opens only with a key, which it uses up",
                            door_needs_key, "keys_doors" if "keys_doors" in mech else None))

    dangers: dict[str, str] = {}
    for lv in levels:
        for d in lv.get("dangers") or []:
            dangers.setdefault(d.get("slug") or "hazard", d.get("kind") or "hazard")
    if dangers:
        slugs = list(dangers)[:4]

        @_checked
        def hazard_restarts(game):
            for slug in slugs:
                room = _room(mode, [1, 2], dangers=[{"x": 3, "y": 2, "slug": slug, "kind": dangers[slug]}])
                # With lives (a GDD that gives some), each danger must cost one, not the game.
                game.run("if (__game.game.lives !== null) __game.game.lives = 3; __game.game.invuln = 0;")
                game.js(f"__pz.load({json.dumps(room)})")
                r = _move(game, "R")
                fail_if(r["view"]["player"] != [2, 2], f"the player didn't move (at {tuple(r['view']['player'])})")
                r = _move(game, "R")
                name = names.get(slug, slug)
                fail_if(r["status"] != "playing", f"stepping on {name} ended the game ({r['status']}); "
                         "it should restart the level")
                fail_if(r["view"]["player"] != [1, 2] or r["view"]["moves"] != 0,
                         f"stepping on {name} didn't restart the level (player at {tuple(r['view']['player'])}, "
                         f"moves {r['view']['moves']})")
                fail_if(not r["last_loss"], f"stepping on {name} restarted without saying why")
            return "every kind of danger restarted the level"

        label = _either([names.get(s, s) for s in slugs])
        mech_id = "hazards" if "hazards" in mech else ("enemies" if "enemies" in mech else slugs[0])
        out.append(Keypoint("hazard_restarts", f"Stepping onto {label} restarts the level", hazard_restarts, mech_id))

    items: dict[str, int] = {}
    for lv in levels:
        for it in lv.get("items") or []:
            if isinstance(it.get("points"), (int, float)):
                items.setdefault(it.get("slug") or "item", int(it["points"]))
    items = {k: v for k, v in list(items.items())[:4] if v > 0}
    if items:
        @_checked
        def collect(game):
            row = [{"x": 2 + i, "y": 2, "slug": s, "points": p} for i, (s, p) in enumerate(items.items())]
            game.js(f"__pz.load({json.dumps(_room(mode, [1, 2], items=row))})")
            for it in row:
                s0 = game.state()["score"]
                r = _move(game, "R")
                name = names.get(it["slug"], it["slug"])
                fail_if(r["view"]["player"] != [it["x"], 2], f"the player couldn't step onto {name}")
                fail_if(r["score"] - s0 != it["points"],
                         f"collecting {name} added {r['score'] - s0} points, not {it['points']}")
            return "each collectible added its points"

        if len(items) == 1:
            (s, p), = items.items()
            label = f"Collecting a {names.get(s, s)} adds {p} to the score"
        else:
            label = "Collecting adds to the score: " + ", ".join(f"{names.get(s, s)} {p}" for s, p in items.items())
        out.append(Keypoint("collect", label, collect,
                            "collect" if "collect" in mech else next(iter(items))))

    limit = config.get("move_limit")
    if isinstance(limit, int) and 0 < limit <= 2000:
        @_checked
        def move_limit(game):
            game.js(f"__pz.load({json.dumps(_room(mode, [1, 2]))})")
            moves = "".join("R" if i % 2 == 0 else "L" for i in range(limit - 1))
            r = game.js("(function(ms){ var r; for (var i = 0; i < ms.length; i++) r = __pz.move(ms[i]); return r; })("
                        + json.dumps([ACTION[m] for m in moves]) + ")") if moves else {"view": _view(game)}
            fail_if(r["view"]["moves"] != limit - 1, f"{limit - 1} legal moves weren't all played "
                     f"(moves {r['view']['moves']})")
            d = "R" if r["view"]["player"] == [1, 2] else "L"
            r = _move(game, d)
            fail_if(r["view"]["moves"] != 0 or r["view"]["player"] != [1, 2] or r["status"] != "playing",
                     f"move {limit} of {limit} didn't restart the level (moves {r['view']['moves']})")
            return f"the level restarted after {limit} moves"

        out.append(Keypoint("move_limit", f"Running out of the {limit} allowed moves restarts the level", move_limit,
                            "move_limit" if "move_limit" in mech else None))
    return out


# ---- rules agreement: one key sequence, the real game and rules.move -------------------------------

AGREE_MOVES = 240

# Plays a list of actions (one move each: pressed for a frame, released for a frame, as the bot
# plays) on `lv`, loaded in place of level 1 and started fresh. Rows after every action: player
# [x, y], boxes [[x, y]...] (sorted), keys taken and doors open (a bit per key / door), keys held,
# moves, done, lives, status, cleared, last loss. Stops once the level is won or the game ends.
_AGREE_JS = """(function (lv, actions) {
  var rows = [], QA = Maestro.genres.puzzle.qa;
  return __qa.onLevel(lv, function (G) {
    function row() { var w = __game.world(), v = QA.view(G, w);
      return [v.player, v.boxes, __qa.mask(w.keyTaken), __qa.mask(w.doorOpen), v.held, v.moves, v.done ? 1 : 0,
              G.lives, G.status, G.cleared, G.lastLoss || null]; }
    var first = row();
    for (var i = 0; i < actions.length; i++) {
      __game.press(actions[i], true); __game.step(1); __game.press(actions[i], false); __game.step(1);
      rows.push(row());
      if (G.cleared || G.status !== 'playing' || __game.world().done) break;
    }
    return {first: first, rows: rows};
  });
})"""

_AGREE_ACTION = {"U": "up", "D": "down", "L": "left", "R": "right", "Z": "undo"}


class _Replay:
    """The Python side: ``rules.move`` on ``rules.Board`` (the solver's rules), plus what the level
    does around it: a danger costs the level (and a life when the game has lives) and restarts
    it, the move limit restarts it too, undo pops a bounded history of moves, nothing moves once
    the level is won."""

    def __init__(self, level: dict, config: dict, lives: int | None):
        self.board = rules.Board(level)
        self.mode = level.get("mode", "sokoban")
        self.start = (self.board.player, self.board.boxes, 0, 0)
        self.undo = config.get("undo") is not False
        self.cap = max(1, int(config.get("undo_limit") or 1000))
        self.limit = int(config.get("move_limit") or 0)
        self.lives = lives
        self.status = "playing"
        self.done = False
        self.event = ""
        self._restart()

    def _restart(self) -> None:
        self.state, self.moves, self.history = self.start, 0, []

    def _hurt(self, why: str) -> None:
        self.event = why
        if self.lives is not None:
            self.lives -= 1
            if self.lives <= 0:
                self.lives, self.status = 0, "lost"
                return
        self._restart()

    def act(self, a: str) -> None:
        self.event = ""
        if self.done:
            return
        if a == "Z":
            if self.undo and self.history:
                self.state, self.moves = self.history.pop()
                self.event = "undo"
            return
        b = self.board
        t = b.nb(self.state[0], a)
        if t >= 0 and b.floor[t] and b.danger[t]:
            self._hurt(f"a danger at {b.xy(t)}")
            return
        nxt = rules.move(b, self.state, a)
        if nxt is None:
            self.event = "blocked"
            return
        if len(self.history) >= self.cap:
            self.history.pop(0)
        self.history.append((self.state, self.moves))
        self.state, self.moves = nxt, self.moves + 1
        if rules.is_won(b, self.mode, self.state):
            self.done = True
        elif self.limit > 0 and self.moves >= self.limit:
            self._hurt("out of moves")

    def held(self) -> int:
        return self.state[2].bit_count() - self.state[3].bit_count()

    def view(self) -> tuple:
        b = self.board
        boxes = sorted((list(b.xy(c)) for c in self.state[1]), key=lambda p: (p[1], p[0]))
        return list(b.xy(self.state[0])), boxes, self.state[2], self.state[3], self.held(), self.moves


def rules_agree(game: HeadlessGame, level: dict, config: dict, rng: random.Random) -> str | None:
    """240 random key presses (arrows, and undo when the game has it) played on ``level`` in the
    real puzzle.js and through ``rules.move`` (:class:`_Replay`). Compared after every press: the
    player's cell, every box, which keys are taken and doors open, keys held, the move count,
    won, lives and the game's status. None when they agree to the end, else the first difference."""
    letters = "UDLRR" + ("UDLRZ" if config.get("undo") is not False else "UDLR")
    actions = [rng.choice(letters) for _ in range(AGREE_MOVES)]
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps([_AGREE_ACTION[a] for a in actions])})")
    first, rows = out["first"], out["rows"]
    py = _Replay(level, config, first[7])
    if tuple(first[:6]) != py.view():
        return f"the level starts differently: the game has {_pz_state(first)}, the rules {_pz_state(py.view())}"
    for i, a in enumerate(actions):
        if i >= len(rows):
            return f"the game stopped after {i} presses while the rules play on"
        py.act(a)
        js = rows[i]
        where = f"press {i + 1} ({_AGREE_ACTION[a]}; recent presses {''.join(actions[max(0, i - 7):i + 1])})"
        if (js[7], js[8]) != (py.lives, py.status):
            return (f"{where}: the game has {js[7]} lives and is {js[8]!r} (last loss {js[10]!r}), the rules "
                    f"{py.lives} lives, {py.status!r}" + (f" after {py.event}" if py.event else ""))
        if py.status != "playing":
            return None
        if tuple(js[:6]) != py.view():
            return (f"{where}: the game has {_pz_state(js)}, the rules {_pz_state(py.view())}"
                    + (f" (the rules: {py.event})" if py.event else ""))
        won = bool(js[6]) or bool(js[9]) or js[8] == "won"
        if won != py.done:
            return f"{where}: " + ("the rules win the level here but the game does not" if py.done
                                   else "the game wins the level where the rules do not")
        if won:
            return None
    if len(rows) > len(actions):
        return f"the game played {len(rows)} moves for {len(actions)} presses"
    return None


def _pz_state(v) -> str:
    p, boxes, keys, doors, held, moves = v[:6]
    return (f"player at {tuple(p)}, boxes {[tuple(b) for b in boxes]}, keys taken {keys:b}, doors open {doors:b}, "
            f"{held} keys held, {moves} moves")
