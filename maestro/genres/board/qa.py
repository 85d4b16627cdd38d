"""Query for the board genre (board games against an AI; modes "connect_four", "tic_tac_toe", "othello").

The bot replays the Labyrinth solver's proof (``maestro.genres.board.rules.solve``: the player's moves
of a game the level's AI loses) through the REAL game code as a player would: for each move, left /
right (and up / down on a grid) presses bring the cursor to the move, then action places it; the bot
then waits for the AI's reply. A Python :class:`rules.Match` follows along, and after every move the
game's board must be the rules' board (so the AI replied exactly as the solver predicted).

Each keypoint loads a small QA level (level 1 replaced in ``G.levels`` and started, so ``board.js``'s
real ``start``/``update`` run with the build's config) and, where it needs a position, injects the
cells through the module's QA hook ``Maestro.genres.board.qa.set``; it presses keys and reads the game
through ``qa.view``. Each check also proves that the legal action right next to the rule *does*
happen (a game that ignores every key can't pass "the illegal move was refused").
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.board import rules
from maestro.genres.board.rules import AI, DRAW, EMPTY, PLAYER, Match, Rules
from maestro.genres.headless import HeadlessError, HeadlessGame, checked, fail_if, spec_mechanics

SETTLE_FRAMES = 200  # after the winning move: the 1.5 s "Level complete!" transition is 90 frames
FRAMES_PER_PRESS = 2
AGREE_PRESSES = 140
_PRESSES = ("left", "right", "up", "down", "action", "action")

# One press as a player makes it (down a frame, up a frame); `settle` then steps until it is the
# player's turn again (the AI has replied) or the game is over. Each returns what the bot and the
# checks need in one V8 round trip.
_JS_HELPERS = """
var __bd = {
  view: function () { var G = __game.game; return Maestro.genres.board.qa.view(G, G.world); },
  settle: function (limit) {
    var st = __game.state(), G = __game.game, n = 0;
    while (n < limit && G.status === 'playing' && G.world && !G.world.result && G.world.turn !== 1) {
      st = __game.step(1); n++;
    }
    return n;
  },
  out: function (frames) {
    var st = __game.state(), G = __game.game;
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, lives: st.lives,
            last_loss: st.last_loss, frames: frames, view: (G.world ? __bd.view() : null)};
  },
  key: function (a, limit) {
    __game.press(a, true); __game.step(1); __game.press(a, false); __game.step(1);
    return __bd.out(2 + __bd.settle(limit));
  },
  raw: function (a) { __game.press(a, true); __game.step(1); __game.press(a, false); __game.step(1); return __bd.out(2); },
  keys: function (list, limit) { var r = null, f = 0; for (var i = 0; i < list.length; i++) { r = __bd.key(list[i], limit); f += r.frames; } r.frames = f; return r; },
  load: function (lv, limit) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __bd.out(__bd.settle(limit)); },
  set: function (s) { var G = __game.game; return Maestro.genres.board.qa.set(G, G.world, s); },
  ai: function () { var G = __game.game; return Maestro.genres.board.qa.ai(G, G.world); },
  steps: function (n) { __game.step(n); return __bd.out(n); }
};
"""


def _install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.board && Maestro.genres.board.qa && Maestro.genres.board.qa.view)"):
        raise HeadlessError("the board module has no qa.view hook")
    if not game.js("typeof __bd !== 'undefined'"):
        game.run(_JS_HELPERS)


def _limit(config: dict[str, Any]) -> int:
    """Frames to wait for the AI: its think time, twice over when the player must pass (othello)."""
    return 4 * int(config.get("think_frames", 18)) + 8


def _call(game: HeadlessGame, expr: str) -> dict[str, Any]:
    out: dict[str, Any] = game.js(expr)
    return out


def _key(game: HeadlessGame, a: str, config: dict[str, Any]) -> dict[str, Any]:
    return _call(game, f"__bd.key({json.dumps(a)}, {_limit(config)})")


def _keys(game: HeadlessGame, keys: list[str], config: dict[str, Any]) -> dict[str, Any]:
    return _call(game, f"__bd.keys({json.dumps(keys)}, {_limit(config)})")


def _load(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
    return _call(game, f"__bd.load({json.dumps(level)}, {_limit(config)})")


def _set(game: HeadlessGame, cells: list[int], turn: int = PLAYER, cx: int | None = None, cy: int | None = None) -> dict[str, Any]:
    s: dict[str, Any] = {"cells": cells, "turn": turn}
    if cx is not None:
        s["cx"] = cx
    if cy is not None:
        s["cy"] = cy
    return _call(game, f"__bd.set({json.dumps(s)})")


def _differs(view: dict[str, Any], m: Match) -> str | None:
    """What the game shows that the rules don't (board, turn, result), or None."""
    if view["cells"] != m.cells:
        diff = [i for i, (a, b) in enumerate(zip(view["cells"], m.cells)) if a != b]
        return f"the boards differ at cells {diff[:6]} (game {[view['cells'][i] for i in diff[:6]]}, rules {[m.cells[i] for i in diff[:6]]})"
    if view["result"] != m.result:
        return f"the game's result is {view['result']}, the rules' {m.result}"
    if not m.result and view["turn"] != m.turn:
        return f"it is side {view['turn']}'s turn in the game, side {m.turn}'s by the rules"
    return None


# ---- the bot -------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], max_frames: int | None = None) -> BotResult:
    """Replay the solver's moves for level 1 through the real game; won when level 2 starts or the
    game is won (a 1-level game). Bounded: 2 frames a press, the AI's think time per move, and the
    level-complete transition."""
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no winning game against the level 1 AI")
    moves = [int(mv) for mv in proof["moves"]]
    mirror = Match.start(level, config)
    per_move = FRAMES_PER_PRESS * (mirror.rules.cols + mirror.rules.rows + 1) + _limit(config)
    budget = max_frames if max_frames is not None else per_move * len(moves) + SETTLE_FRAMES + _limit(config)
    frames = 0
    try:
        _install(game)
        st = game.state()
        if st["status"] != "playing" or st["level"] != 1:
            game.start(1)
        r = _call(game, f"__bd.out(__bd.settle({_limit(config)}))")
        frames += r["frames"]
        if r["status"] != "playing":
            return BotResult(False, frames, f"level 1 doesn't start (status {r['status']!r})")
        why = _differs(r["view"], mirror)
        if why:
            return BotResult(False, frames, f"level 1 starts differently from the rules: {why}")
        for n, mv in enumerate(moves):
            if frames + per_move > budget:
                return BotResult(False, frames, f"ran out of frames after {n} of {len(moves)} moves", n)
            ks = mirror.keys_to(mv)
            for k in ks:
                mirror.press(k)
            r = _keys(game, ks, config)
            frames += r["frames"]
            if r["status"] == "won" or r["level"] >= 2 or r["cleared"] >= 1:
                break
            if r["status"] != "playing":
                return BotResult(False, frames, f"move {n + 1} ended the game: {r['status']} ({r['last_loss']})", n + 1)
            why = _differs(r["view"], mirror)
            if why:
                return BotResult(False, frames, f"after move {n + 1} of {len(moves)} ({mv}) the game and the rules "
                                 f"part: {why}", n + 1)
        while frames < budget:
            st = game.step(10)
            frames += 10
            if st["status"] == "won" or st["level"] >= 2:
                return BotResult(True, frames, f"won level 1 in {len(moves)} moves against AI depth {mirror.depth}",
                                 len(moves))
            if st["status"] != "playing":
                break
        return BotResult(False, frames, f"all {len(moves)} solver moves played but level 1 wasn't won "
                         f"(status {st['status']!r})", len(moves))
    except HeadlessError as exc:
        return BotResult(False, frames, f"the game threw: {exc}")


# ---- keypoints -----------------------------------------------------------------------------------


def _qa_level(mode: str, depth: int = 1, first: int = PLAYER) -> dict[str, Any]:
    r = Rules.of({}, mode)
    return {"game": mode, "cols": r.cols, "rows": r.rows, "depth": depth, "first": first,
            "order": list(range(r.moves_count)), "opening": [], "name": "QA game", "seed": 1, "index": 0}


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


def _mirror(level: dict[str, Any], config: dict[str, Any], cells: list[int] | None = None, turn: int = PLAYER,
            cx: int | None = None, cy: int | None = None) -> Match:
    m = Match.start(level, config)
    if cells is not None:
        m.cells, m.turn, m.result, m.last, m.plies, m.history = list(cells), turn, 0, -1, 0, []
    if cx is not None:
        m.cx = cx
    if cy is not None:
        m.cy = cy
    return m


def _draw_position(r: Rules) -> tuple[list[int], int]:
    """A board one move from full in which the player's last move leaves no line (and, in othello,
    leaves the discs level): (cells, the move)."""
    if r.mode == "tic_tac_toe":
        return [1, 2, 1, 1, 2, 2, 2, 1, 0], 8
    if r.mode == "othello":
        cells = [EMPTY] + [AI, PLAYER] + [EMPTY] * 61
        for c in (8, 9):
            cells[c] = PLAYER
        rest = [c for c in range(r.size) if c not in (0, 1, 2, 8, 9)]
        for i, c in enumerate(rest):
            cells[c] = PLAYER if i < 27 else AI
        return cells, 0
    for shift in range(4):  # columns in pairs, rows alternating: no four anywhere
        cells = [PLAYER if ((x // 2) + y + shift) % 2 == 0 else AI for y in range(r.rows) for x in range(r.cols)]
        if any(r.line_through(cells, c) for c in range(r.size)):
            continue
        top = next((x for x in range(r.cols) if cells[x] == PLAYER), None)
        if top is not None:
            cells[top] = EMPTY
            return cells, top
    raise ValueError("no drawn board for this size")


def _win_position(r: Rules) -> tuple[list[int], int]:
    """A board on which the player's next move wins: (cells, the winning move)."""
    cells = [EMPTY] * r.size
    if r.mode == "checkers":  # the AI's last man, one jump away
        return _cells(r, {42: PLAYER, 35: AI}), 42 * r.size + 28
    if r.mode == "othello":
        cells = [PLAYER] * r.size
        cells[0], cells[1] = EMPTY, AI
        return cells, 0
    if r.gravity:
        bottom = (r.rows - 1) * r.cols
        for x in range(r.line - 1):
            cells[bottom + x] = PLAYER
            cells[bottom - r.cols + x] = AI
        return cells, r.line - 1
    for x in range(r.line - 1):
        cells[x] = PLAYER
        cells[r.cols + x] = AI
    return cells, r.line - 1


def _threat_position(r: Rules) -> tuple[list[int], int]:
    """The AI to move, the player one move from a line (the AI has none): (cells, the block)."""
    cells = [EMPTY] * r.size
    if r.gravity:
        bottom = (r.rows - 1) * r.cols
        for x in range(r.line - 1):
            cells[bottom + x] = PLAYER
        for x in range(r.line - 2):
            cells[bottom - r.cols + x] = AI
        return cells, r.line - 1
    for x in range(r.line - 1):
        cells[x] = PLAYER
    cells[r.size // 2] = AI
    return cells, r.line - 1


def _cursor_of(r: Rules, move: int) -> tuple[int, int]:
    """Where the cursor stands to play ``move`` (in checkers: on the piece that moves)."""
    if r.mode == "checkers":
        move //= r.size
    return (move, 0) if r.gravity else (move % r.cols, move // r.cols)


def _cells(r: Rules, pieces: dict[int, int]) -> list[int]:
    cells = [EMPTY] * r.size
    for c, v in pieces.items():
        cells[c] = v
    return cells


def _rules_setup(r: Rules) -> tuple[list[int], tuple[int, int], list[str], int, str]:
    """A position, the cursor, presses that try an illegal move there, the legal move next to it, and
    what the illegal move was."""
    if r.mode == "checkers":  # a capture is due: the man at (2, 5) may not just step to (1, 4)
        cells = _cells(r, {42: PLAYER, 35: AI, 46: PLAYER, 1: AI})
        return cells, (2, 5), ["action", "left", "up", "action"], 42 * r.size + 28, "a plain step while a capture is due"
    if r.mode == "othello":
        cells = r.initial()
        return cells, (0, 0), ["action"], r.legal(cells, PLAYER)[0], "a disc that flips nothing"
    if r.gravity:
        cells = _cells(r, {y * r.cols: PLAYER if y % 2 else AI for y in range(r.rows)})
        return cells, (0, 0), ["action"], 1, "a full column"
    cells = _cells(r, {r.size // 2: AI})
    return cells, (r.cols // 2, r.rows // 2), ["action"], r.size // 2 + 1, "a taken cell"


def _move_name(r: Rules, move: int) -> str:
    """A move as a designer reads it: column 4, cell (2, 1), (3, 2) to (4, 3)."""
    def at(c: int) -> str:
        return f"({c % r.cols}, {c // r.cols})"
    if r.mode == "checkers":
        return f"{at(move // r.size)} to {at(move % r.size)}"
    return f"column {move + 1}" if r.gravity else f"cell {at(move)}"


def _raw(game: HeadlessGame, keys: list[str]) -> dict[str, Any]:
    """Presses without waiting for the AI (one frame down, one up, each)."""
    out: dict[str, Any] = {}
    for k in keys:
        out = _call(game, f"__bd.raw({json.dumps(k)})")
    return out


def _names(spec: dict[str, Any], config: dict[str, Any]) -> tuple[str, str | None]:
    foe = (spec.get("enemies") or [None])[0] or {}
    return str(config.get("opponent") or foe.get("name") or "Rival"), foe.get("slug")


def _kp_board_rules(mode: str, config: dict[str, Any], rival: str) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode)
        r = Rules.of(config, mode)
        _load(game, lv, config)
        cells, (bx, by), bad_keys, good, bad_what = _rules_setup(r)
        v0 = _set(game, cells, PLAYER, bx, by)
        m = _mirror(lv, config, cells, PLAYER, bx, by)
        for k in bad_keys:
            m.press(k)
        res = _raw(game, bad_keys)
        fail_if(res["view"]["cells"] != v0["cells"] or res["view"]["plies"] != 0 or res["view"]["turn"] != PLAYER,
                f"an illegal move ({bad_what}) was played")
        fail_if(not res["view"]["refused"], f"the illegal move ({bad_what}) wasn't refused")
        expect_cells = r.play(cells, PLAYER, good)[0]
        ks = m.keys_to(good)
        for k in ks:
            m.press(k)
        after = _raw(game, ks)
        fail_if(after["view"]["plies"] < 1 or after["view"]["cells"] == v0["cells"],
                f"a legal move was refused (move {good}, cursor at {(after['view']['cx'], after['view']['cy'])})")
        fail_if(after["view"]["cells"] != expect_cells,
                "the piece wasn't placed by the rules: " + ("it didn't drop to the lowest free cell" if r.gravity else
                                                           "the bracketed discs didn't flip" if r.mode == "othello" else
                                                           "the jumped piece wasn't taken" if r.mode == "checkers" else
                                                           "it isn't on the chosen cell"))
        done = _call(game, f"__bd.out(__bd.settle({_limit(config)}))")
        why = _differs(done["view"], m)
        fail_if(done["view"]["plies"] != 2, f"{rival} didn't reply with one move (plies {done['view']['plies']})")
        fail_if(why is not None, f"{rival}'s reply isn't the rules' one: {why}")
        what = {"connect_four": "dropped to the bottom of its column", "tic_tac_toe": "took the chosen cell",
                "checkers": "jumped and took the enemy piece",
                "othello": f"flipped {sum(1 for x, y in zip(v0['cells'], expect_cells) if x == AI and y == PLAYER)} disc(s)"}
        return (f"the illegal move ({bad_what}) was refused, the legal one {what[r.mode]}, and {rival} replied "
                f"with {_move_name(r, m.history[-1])}")
    return run


def _kp_game_won(mode: str, config: dict[str, Any]) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode)
        r = Rules.of(config, mode)
        _load(game, lv, config)
        cells, mv = _win_position(r)
        cx, cy = _cursor_of(r, mv)
        _set(game, cells, PLAYER, cx, cy)
        score0 = game.state()["score"]
        st = game.step(30)
        fail_if(st["cleared"] or st["status"] != "playing", "the game was won before the winning move")
        res = _raw(game, _mirror(_qa_level(mode), config, cells, PLAYER, cx, cy).keys_to(mv))
        fail_if(res["view"]["result"] != PLAYER, f"the winning move didn't win (result {res['view']['result']})")
        fail_if(not (res["cleared"] >= 1 or res["status"] == "won"), "the game is won but the level isn't")
        fail_if(res["score"] <= score0, "winning gave no points")
        how = {"othello": "most discs on a settled board", "checkers": "taking the rival's last piece"}.get(
            r.mode, f"{r.line} in a row")
        return f"{how} won the level, +{res['score'] - score0} points"
    return run


def _kp_ai_blocks(mode: str, config: dict[str, Any], rival: str) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode, depth=2)
        r = Rules.of(config, mode)
        _load(game, lv, config)
        cells, block = _threat_position(r)
        _set(game, cells, AI)
        v = _call(game, f"__bd.out(__bd.settle({_limit(config)}))")["view"]
        fail_if(v["plies"] != 1, f"{rival} didn't move on its turn (plies {v['plies']})")
        fail_if(v["history"] != [block], f"{rival} at depth 2 played {v['history']} instead of blocking the line at {block}")
        return f"{rival} (depth 2) blocked the player's {r.line - 1} in a row at move {block}"
    return run


def _kp_ai_corner(mode: str, config: dict[str, Any], rival: str) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode, depth=1)
        r = Rules.of(config, mode)
        _load(game, lv, config)
        cells = r.initial()
        cells[1], cells[2] = PLAYER, AI
        _set(game, cells, AI)
        v = _call(game, f"__bd.out(__bd.settle({_limit(config)}))")["view"]
        fail_if(v["plies"] != 1, f"{rival} didn't move on its turn (plies {v['plies']})")
        fail_if(v["history"] != [0], f"{rival} played {v['history']} instead of taking the open corner")
        fail_if(v["cells"][1] != AI, "the disc bracketed by the corner move didn't flip")
        return f"{rival} took the open corner and flipped the bracketed disc"
    return run


def _kp_ai_captures(mode: str, config: dict[str, Any], rival: str) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode, depth=1)
        r = Rules.of(config, mode)
        _load(game, lv, config)
        _set(game, _cells(r, {19: AI, 7: AI, 28: PLAYER, 56: PLAYER}), AI)
        v = _call(game, f"__bd.out(__bd.settle({_limit(config)}))")["view"]
        fail_if(v["plies"] != 1, f"{rival} didn't move on its turn (plies {v['plies']})")
        fail_if(v["history"] != [19 * r.size + 37], f"{rival} played {v['history']} instead of the capture it must take")
        fail_if(v["cells"][28] != EMPTY, "the jumped piece wasn't taken")
        return f"{rival} took the capture it was bound to and the jumped piece left the board"
    return run


def _kp_king(mode: str, config: dict[str, Any]) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode)
        r = Rules.of(config, mode)
        _load(game, lv, config)
        cells = _cells(r, {10: PLAYER, 23: AI})
        _set(game, cells, PLAYER, 2, 1)
        m = _mirror(lv, config, cells, PLAYER, 2, 1)
        v = _raw(game, m.keys_to(10 * r.size + 1))["view"]
        fail_if(v["plies"] != 1, "the man's step to the far row wasn't played")
        fail_if(v["cells"][1] != rules.KING[PLAYER], f"a man reaching the far row wasn't crowned (cell holds {v['cells'][1]})")
        return "the man that reached the far row was crowned king"
    return run


def _kp_draw(mode: str, config: dict[str, Any]) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode)
        r = Rules.of(config, mode)
        start = _load(game, lv, config)["view"]["cells"]
        cells, mv = _draw_position(r)
        cx, cy = _cursor_of(r, mv)
        _set(game, cells, PLAYER, cx, cy)
        res = _call(game, "__bd.raw('action')")
        fail_if(res["view"]["result"] != DRAW, f"filling the board without a winner isn't a draw (result {res['view']['result']})")
        fail_if(res["cleared"] or res["status"] != "playing", "a drawn game counted as won")
        later = _call(game, f"__bd.steps({int(config.get('end_frames', 75)) + 10})")
        fail_if(later["cleared"] or later["level"] != 1, "a drawn game moved on to the next level")
        fail_if(later["view"]["cells"] != start or later["view"]["plies"] != 0 or later["view"]["result"] != 0,
                "after a draw the board didn't reset for a new game")
        fail_if(later["lives"] != res["lives"], "a drawn game cost a life")
        return "a full board with no winner was a draw, and the board reset for the same level"
    return run


def _kp_turn(mode: str, config: dict[str, Any], rival: str) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode)
        v0 = _load(game, lv, config)["view"]
        idle = _call(game, "__bd.steps(120)")["view"]
        fail_if(idle["cells"] != v0["cells"] or idle["plies"] != 0 or idle["turn"] != PLAYER,
                f"{rival} moved (or the board changed) while it was the player's turn")
        m = Match.start(lv, config)
        mv = m.rules.legal(m.cells, PLAYER)[0]
        ks = m.keys_to(mv)
        for k in ks[:-1]:
            _call(game, f"__bd.raw({json.dumps(k)})")
        placed = _call(game, "__bd.raw('action')")["view"]
        fail_if(placed["plies"] != 1, f"the player's move wasn't placed (plies {placed['plies']})")
        fail_if(placed["turn"] != AI, "after the player's move it isn't the AI's turn")
        done = _call(game, f"__bd.out(__bd.settle({_limit(config)}))")["view"]
        fail_if(done["plies"] != 2 or done["turn"] != PLAYER, f"{rival} didn't take exactly one turn after the player's "
                f"move (plies {done['plies']}, turn {done['turn']})")
        return f"the board stood still for 120 frames until the player moved; then {rival} took one turn"
    return run


def _kp_ai_wins(mode: str, config: dict[str, Any], rival: str, lives: bool) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode, depth=1)
        r = Rules.of(config, mode)
        _load(game, lv, config)
        if r.mode == "checkers":  # the player's last man, one jump from the AI's
            cells = _cells(r, {19: AI, 28: PLAYER})
        else:
            cells, _mv = _win_position(r)
            cells = [AI if c == PLAYER else PLAYER if c == AI else c for c in cells]
        before = _set(game, cells, AI)
        st0 = game.state()
        v = _call(game, f"__bd.out(__bd.settle({_limit(config)}))")
        fail_if(v["view"]["result"] != AI, f"{rival}'s winning move didn't win (result {v['view']['result']})")
        later = _call(game, f"__bd.steps({int(config.get('end_frames', 75)) + 10})")
        fail_if(later["cleared"], "the level was cleared although the AI won")
        if lives:
            fail_if(later["lives"] != (st0["lives"] or 0) - 1, f"losing the game didn't cost a life (lives {later['lives']})")
        fail_if(later["status"] == "playing" and later["view"]["cells"] == before["cells"],
                "after the loss the game didn't start again")
        how = {"othello": "took the last discs", "checkers": "took the player's last piece"}.get(r.mode, "completed its line")
        return f"{rival} {how} and won; " + ("a life was lost" if lives else "the game started again")
    return run


def _kp_restart(mode: str, config: dict[str, Any]) -> Callable[[HeadlessGame], str | None]:
    def run(game: HeadlessGame) -> str:
        lv = _qa_level(mode)
        v0 = _load(game, lv, config)["view"]
        m = Match.start(lv, config)
        played = _keys(game, m.keys_to(m.rules.legal(m.cells, PLAYER)[0]), config)["view"]
        fail_if(played["plies"] < 2, "the setup move wasn't played")
        game.tap("restart")
        v = _call(game, "__bd.view()")
        fail_if(v["cells"] != v0["cells"] or v["plies"] != 0, "restart didn't put the board back as it started")
        return "after two moves, restart put the board back to its start"
    return run


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    mode = str((levels[0].get("game") if levels else None) or config.get("mode") or rules.MODES[0])
    rival, slug = _names(spec, config)
    mech = spec_mechanics(spec)
    r = Rules.of(config, mode)
    lives = "lives" in mech
    rule_words = {"connect_four": "a piece drops to the lowest free cell of its column",
                  "tic_tac_toe": "a mark takes an empty cell",
                  "othello": "a disc must bracket a line of the opponent's discs, which flip",
                  "checkers": "a capture is compulsory and the jumped piece is taken"}[mode]
    out = [
        Keypoint("board_rules", f"An illegal move is refused, {rule_words}, and {rival} replies with a legal move",
                 _checked(_kp_board_rules(mode, config, rival)), None),
        Keypoint("game_won", {"othello": "Owning the most discs when neither side can move",
                              "checkers": "Leaving the rival no move (taking its last piece)"}.get(mode, f"{r.line} in a row")
                 + " wins the game and the level",
                 _checked(_kp_game_won(mode, config)), "score" if "score" in mech else None),
        Keypoint("ai_waits_turn", f"{rival} moves only after the player's move (turn-based)",
                 _checked(_kp_turn(mode, config, rival)), None),
    ]
    if mode == "othello":
        out.append(Keypoint("ai_takes_corner", f"{rival} plays to win: it takes an open corner",
                            _checked(_kp_ai_corner(mode, config, rival)), slug))
    elif mode == "checkers":
        out.append(Keypoint("ai_captures", f"{rival} takes a capture when one is due (captures are compulsory)",
                            _checked(_kp_ai_captures(mode, config, rival)), slug))
        out.append(Keypoint("king_crowned", "A man that reaches the far row is crowned king (and moves both ways)",
                            _checked(_kp_king(mode, config)), None))
    else:
        out.append(Keypoint("ai_blocks", f"{rival} (depth 2 and up) blocks the player's immediate line",
                            _checked(_kp_ai_blocks(mode, config, rival)), slug))
    if mode != "checkers":  # a checkers game ends only when a side cannot move: it has no draw
        out.append(Keypoint("draw_replays", "A full board with no winner is a draw: the same level is played again",
                            _checked(_kp_draw(mode, config)), None))
    out += [
        Keypoint("ai_win_loses", f"When {rival} wins the game the player " + ("loses a life" if lives else "plays it again"),
                 _checked(_kp_ai_wins(mode, config, rival, lives)), "lives" if lives else None),
        Keypoint("restart_board", "Restart puts the board back as the level started",
                 _checked(_kp_restart(mode, config)), None),
    ]
    return out


# ---- the JS and the Python rules agree -------------------------------------------------------------

_AGREE_JS = """
(function (lv, keys, limit) {
  var first = __bd.load(lv, limit).view, rows = [];
  function row(v) { return [v.cells.join(''), v.turn, v.result, v.cx, v.cy, v.plies, v.sel]; }
  for (var i = 0; i < keys.length; i++) {
    var r = __bd.key(keys[i], limit);
    if (!r.view) break;
    rows.push(row(r.view).concat([r.status, r.cleared]));
    if (r.view.result || r.status !== 'playing' || r.cleared) break;
  }
  return {first: row(first), rows: rows};
})
"""


def _row(m: Match) -> list[Any]:
    return ["".join(map(str, m.cells)), m.turn, m.result, m.cx, m.cy, m.plies, m.sel]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """Random presses (arrows and action) played on ``level`` in the real board.js and through
    :class:`rules.Match`, compared after every press (and the AI's reply): the board, whose turn, the
    result, the cursor, the piece picked up (checkers) and the move count. None when they agree to the end of the game or the
    presses, else the first difference."""
    _install(game)
    keys = [rng.choice(_PRESSES) for _ in range(AGREE_PRESSES)]
    out = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(keys)}, {_limit(config)})")
    m = Match.start(level, config)
    if out["first"] != _row(m):
        return f"the game starts differently: game {out['first']}, rules {_row(m)}"
    for i, k in enumerate(keys):
        if i >= len(out["rows"]):
            return f"the game stopped after {i} presses while the rules play on"
        m.press(k)
        js = out["rows"][i]
        if js[:7] != _row(m):
            where = f"press {i + 1} ({k}; recent {' '.join(keys[max(0, i - 5):i + 1])})"
            return f"{where}: game {js[:7]}, rules {_row(m)}"
        if m.result:
            won = js[7] == "won" or bool(js[8])
            if won != (m.result == PLAYER):
                return f"press {i + 1}: the rules end the game with {m.result} but the game's level is {'won' if won else 'not won'}"
            return None
    return None
