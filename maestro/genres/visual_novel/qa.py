"""Query for the visual-novel family (mode "story").

The bot replays the Labyrinth's proof (``story.prove``: the choices that reach each of chapter 1's
endings) through the REAL game code as a player would: Action to skip the typing and to advance,
Down to the option and Action to pick it, Action on the ending; a press is one frame down and one
frame up. It plays the neutral ending first (the chapter must pass, for the neutral points), then
chapter 1 again from the start to the good ending. A Python copy of the rules
(:class:`story.Story`) follows along and after every press the game's view (node, typed characters,
highlight, flags, affinities, score, ending) is compared.

Each keypoint loads a chapter into the build's own game (in place of level 1, so the module's real
``start`` / ``update`` run), presses keys, picks with the number keys or clicks, and reads the scene
back through the module's QA hooks (``Maestro.genres.visual_novel.qa``); what should happen comes
from the Python rules on the same chapter, so a check fails when the rule is missing and when the
two rule books drift apart.
"""

from __future__ import annotations

import json
import random
from typing import Any

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import HeadlessError, HeadlessGame, checked, fail_if
from maestro.genres.visual_novel import story
from maestro.genres.visual_novel.story import Story

FRAMES_PER_PRESS = 2
SETTLE_FRAMES = 120  # after the good ending: the runtime's 1.5 s "Level complete!" is 90 frames
AGREE_PRESSES = 240

_JS_HELPERS = """
var __vn = {
  Q: function () { return Maestro.genres.visual_novel.qa; },
  view: function () { var G = __game.game; return G.world ? __vn.Q().view(G, G.world) : null; },
  scene: function () { var G = __game.game; return G.world ? __vn.Q().scene(G, G.world) : null; },
  out: function (st) {
    return {status: st.status, level: st.level, cleared: st.cleared, score: st.score, lives: st.lives,
            last_loss: st.last_loss, view: __vn.view(), scene: __vn.scene(), sfx: __game.audio().last_sfx};
  },
  // One press: a key down for a frame and up for one; pick<n> is the number key n + 1, click:x:y a click.
  key: function (a) {
    var G = __game.game;
    if (a.indexOf('pick') === 0) { __vn.Q().pick(G, parseInt(a.slice(4), 10)); __game.step(1); __game.step(1); }
    else if (a.indexOf('click:') === 0) {
      var p = a.split(':'); __vn.Q().click(G, parseFloat(p[1]), parseFloat(p[2])); __game.step(1); __game.step(1);
    } else { __game.press(a, true); __game.step(1); __game.press(a, false); __game.step(1); }
    return __vn.out(__game.state());
  },
  keys: function (list) {
    var r = __vn.out(__game.state()), trace = [];
    for (var i = 0; i < list.length; i++) { r = __vn.key(list[i]); trace.push(r.scene ? r.scene.node : null); }
    r.trace = trace;
    return r;
  },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __vn.out(__game.state()); },
  rect: function (k) { var G = __game.game; return __vn.Q().rect(G, G.world, k); },
  box: function () { return __vn.Q().box(); },
  agree: function (lv, keys) {
    var first = __vn.load(lv), rows = [];
    for (var i = 0; i < keys.length; i++) {
      var r = __vn.key(keys[i]);
      rows.push([r.status, r.cleared, r.lives, r.view]);
      if (r.status !== 'playing' || r.cleared > 0) break;
    }
    return {lives: first.lives, first: first.view, rows: rows};
  }
};
"""


def install(game: HeadlessGame) -> None:
    if not game.js("!!(window.Maestro && Maestro.genres.visual_novel && Maestro.genres.visual_novel.qa)"):
        raise HeadlessError("the visual_novel module has no qa hooks")
    if not game.js("typeof __vn !== 'undefined'"):
        game.run(_JS_HELPERS)


def call(game: HeadlessGame, fn: str, *args: Any) -> Any:
    return game.js(f"__vn.{fn}({', '.join(json.dumps(a) for a in args)})")


def differs(view: list[Any] | None, s: Story) -> str | None:
    """The first field where the game's view and the rules' state differ, in words; None if none."""
    if view is None:
        return "the game has no chapter running"
    for name, got, want in zip(("node", "typed characters", "highlight", "flags", "affinities", "score", "ending"),
                               view, s.view()):
        if got != want:
            return f"the {name} is {got!r} in the game, {want!r} by the rules"
    return None


# ---- the bot -------------------------------------------------------------------------------------

def _play(game: HeadlessGame, level: dict[str, Any], keys: list[str], what: str) -> tuple[dict[str, Any] | None, int, str]:
    """Press ``keys`` on chapter 1 of the real game from its start, the rules following along; the
    state once the chapter passed (None when it did not), the frames played and what went wrong."""
    st = game.level_one()
    if st["status"] != "playing":
        return None, 0, f"chapter 1 doesn't start (status {st['status']!r})"
    py = Story.start(level)
    why = differs(call(game, "view"), py)
    if why:
        return None, 0, f"chapter 1 starts differently from the rules: {why}"
    frames = 0
    for n, k in enumerate(keys):
        r = call(game, "key", k)
        py.press(k)
        frames += FRAMES_PER_PRESS
        if r["status"] == "won" or r["level"] >= 2 or r["cleared"] >= 1:
            return r, frames, ""
        if r["status"] != "playing":
            return None, frames, (f"on the way to the {what}, press {n + 1} ({k}) ended the game: {r['status']}"
                                  + (f" ({r['last_loss']})" if r["last_loss"] else ""))
        why = differs(r["view"], py)
        if why:
            return None, frames, f"on the way to the {what}, after press {n + 1} of {len(keys)} ({k}): {why}"
    return None, frames, f"all {len(keys)} presses to the {what} played but chapter 1 didn't pass"


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Play the proof's choices through chapter 1 of the real game: to its neutral ending first
    (when it has one: the chapter must pass, scoring the neutral points, not the good ones), then
    from the start again to its good ending; won when the good ending passes the chapter. Bounded:
    2 frames a press plus the level-complete wait, twice."""
    proof = story.prove(level)
    if proof is None:
        return BotResult(False, 0, "the search finds no way to the good ending of chapter 1")
    keys = story.plan_keys(level, proof["choices"])
    frames, said = 0, ""
    try:
        install(game)
        neutral = story.neutral_ending(level)
        if neutral is not None and str(neutral) in proof["endings"]:
            title = level["nodes"][neutral].get("title") or "neutral"
            way = story.plan_keys(level, proof["endings"][str(neutral)])
            before = game.level_one()["score"]
            passed, frames, why = _play(game, level, way, f"neutral ending {title!r}")
            if passed is None:
                return BotResult(False, frames, why)
            want = Story.start(level)
            for k in way:
                want.press(k)
            if want.ended != "neutral" or passed["score"] - before != want.score:
                return BotResult(False, frames, f"the neutral ending {title!r} passed chapter 1 with "
                                 f"{passed['score'] - before} points, the rules give {want.score}")
            game.step(SETTLE_FRAMES)
            said = f"passed chapter 1 by its neutral ending {title!r} ({want.score} points), then "
            game.start(1)  # chapter 1 again, from the start
        passed, more, why = _play(game, level, keys, "good ending")
        frames += more
        if passed is None:
            return BotResult(False, frames, why)
        game.step(SETTLE_FRAMES)
        return BotResult(True, frames, f"{said}reached the good ending of chapter 1 with the proof's "
                         f"{len(proof['choices'])} choices ({len(keys)} presses)", len(keys))
    except HeadlessError as exc:
        return BotResult(False, frames, f"the game threw: {exc}")


# ---- rules_agree ---------------------------------------------------------------------------------

def _presses(rng: random.Random) -> list[str]:
    """Random presses: mostly Action, now and then the highlight and the number keys."""
    keys = ["action"] * 8 + ["up", "down"] * 2 + [f"pick{k}" for k in range(story.MAX_PICK)]
    return [rng.choice(keys) for _ in range(AGREE_PRESSES)]


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """Random presses played on ``level`` in the real visual_novel.js and through the Python rules,
    compared after every press (node, typing, highlight, flags, affinities, score, ending, lives).
    None when they agree to the end, else the first difference. A bad ending costs a life and the
    chapter starts again in both (with lives), or ends the game; the good or the neutral ending (both
    pass the chapter) ends the check."""
    install(game)
    keys = _presses(rng)
    out = call(game, "agree", level, keys)
    lives, rows = out["lives"], out["rows"]
    py = Story.start(level)
    why = differs(out["first"], py)
    if why:
        return f"the chapter starts differently: {why}"
    for i, k in enumerate(keys):
        if i >= len(rows):
            return f"the game stopped after {i} presses while the rules play on"
        py.press(k)
        status, cleared, js_lives, view = rows[i]
        where = f"press {i + 1} ({k}; recent presses {' '.join(keys[max(0, i - 5):i + 1])})"
        if py.ended in story.PASSING or cleared or status == "won":
            if py.ended in story.PASSING and (cleared or status == "won"):
                return None if view is None or view[6] in ("", py.ended) else \
                    f"{where}: the rules reach the {py.ended} ending, the game the {view[6]} one"
            return f"{where}: the {'rules pass' if py.ended else 'game passes'} the chapter, the other does not"
        if py.ended == "bad":
            if lives is None or lives <= 1:
                return None if status == "lost" else f"{where}: the rules reach a bad ending, the game is {status}"
            lives -= 1
            if js_lives != lives:
                return f"{where}: after the bad ending the game has {js_lives} lives, the rules {lives}"
            py = Story.start(level)  # the chapter again, from the press's second frame
            py.frame([])
        elif status != "playing":
            return f"{where}: the game is {status} while the rules play on"
        why = differs(view, py)
        if why:
            return f"{where}: {why}"
    return None


# ---- keypoints -----------------------------------------------------------------------------------

def _guard(fn: Any) -> Any:
    return checked(fn, install)


def _scene_after(level: dict[str, Any], choices: list[int], k: int) -> int:
    """The node the rules show after ``choices`` and then option ``k`` of the choice reached."""
    s = Story.start(level)
    for key in story.plan_keys(level, choices):
        s.press(key)
    s.act("pick" + str(k))
    return s.node


def _first_choice(game: HeadlessGame, level: dict[str, Any]) -> dict[str, Any]:
    """Load the chapter and press on to its first choice, shown whole."""
    call(game, "load", level)
    out: dict[str, Any] = call(game, "keys", story.plan_keys(level, []))
    fail_if(out["scene"]["k"] != "choice", f"pressing on from the start reached a {out['scene']['k']}, not a choice")
    return out


def _companion(level: dict[str, Any], who: int) -> str:
    cast = level.get("cast") or []
    return str(cast[who - 1]["name"]) if 0 < who <= len(cast) else "a character"


def story_checks(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    level = levels[0]
    proof = story.prove(level) or {"choices": [], "endings": {}}
    nodes = level["nodes"]
    out: list[Keypoint] = []

    @_guard
    def choices_branch(game: HeadlessGame) -> str:
        at = _first_choice(game, level)
        node = at["scene"]["node"]
        a = call(game, "keys", ["action"])  # the first option, highlighted, picked with Enter
        call(game, "load", level)
        call(game, "keys", story.plan_keys(level, []))
        b = call(game, "keys", ["down", "action"])  # Down to the second, then Enter
        want_a, want_b = _scene_after(level, [], 0), _scene_after(level, [], 1)
        fail_if(a["scene"]["node"] != want_a, f"the first option led to node {a['scene']['node']}, the rules say {want_a}")
        fail_if(b["scene"]["node"] != want_b, f"the second option led to node {b['scene']['node']}, the rules say {want_b}")
        fail_if(want_a == want_b or a["scene"]["text"] == b["scene"]["text"],
                "both options of the first choice lead to the same scene")
        return (f"at choice {node} the two answers led to different scenes: "
                f"{a['scene']['text'][:40]!r} / {b['scene']['text'][:40]!r}")

    out.append(Keypoint("choices_branch", "Choices branch the story: two different answers lead to different scenes",
                        choices_branch))

    witness = story.divergent_check(level)

    def trace(choices: list[int]) -> list[int]:
        s = Story.start(level)
        nodes_shown = []
        for key in story.plan_keys(level, choices):
            s.press(key)
            nodes_shown.append(s.node)
        return nodes_shown

    @_guard
    def affinity_changes_scene(game: HeadlessGame) -> str | None:
        fail_if(witness is None, "no later scene of chapter 1 depends on an earlier choice")
        assert witness is not None
        seen = {}
        for way in ("yes", "no"):
            call(game, "load", level)
            r = call(game, "keys", story.plan_keys(level, witness[way]))
            fail_if(r["trace"] != trace(witness[way]), f"the game showed the scenes {r['trace']}, the rules {trace(witness[way])}")
            seen[way] = set(r["trace"])
        yes, no = witness["shown_yes"], witness["shown_no"]
        fail_if(yes not in seen["yes"] or no in seen["yes"], "the choices that earn the later scene did not show it")
        fail_if(no not in seen["no"] or yes in seen["no"], "the later scene was shown without the choice that earns it")
        cond = nodes[witness["check"]]
        what = f"the flag {cond['flag']!r}" if cond.get("flag") else f"{_companion(level, int(cond['who']))}'s affinity"
        return (f"{what}, set by an earlier choice, changed a later scene: "
                f"{str(nodes[yes].get('text', ''))[:40]!r} instead of {str(nodes[no].get('text', ''))[:40]!r}")

    who = int(nodes[witness["check"]].get("who") or 0) if witness else 0
    named = next((c for c in spec.get("enemies") or [] if not c.get("stock") and c.get("name") == _companion(level, who)),
                 None)
    out.append(Keypoint("affinity_changes_scene",
                        "A choice's affinity or flag changes a later scene"
                        + (f" (affinity with {named['name']})" if named else ""), affinity_changes_scene))

    def reach(game: HeadlessGame, ending: int) -> tuple[dict[str, Any], dict[str, Any]]:
        """Play the proof's choices to ``ending``: the state before the last press and after it."""
        keys = story.plan_keys(level, proof["endings"][str(ending)])
        call(game, "load", level)
        before = call(game, "keys", keys[:-1])
        after = call(game, "keys", keys[-1:])
        return before, after

    def settled(before: dict[str, Any], after: dict[str, Any], kind: str) -> str | None:
        if kind in story.PASSING:
            return None if (after["cleared"] >= 1 or after["status"] == "won") else \
                f"the {kind} ending did not pass the chapter (status {after['status']})"
        lost = after["status"] == "lost" or (before["lives"] is not None and after["lives"] < before["lives"])
        return None if lost else f"a bad ending did not lose (status {after['status']}, lives {after['lives']})"

    @_guard
    def every_ending_reachable(game: HeadlessGame) -> str:
        names = []
        for e in story.endings(level):
            fail_if(str(e) not in proof["endings"], f"the search finds no way to the ending {nodes[e].get('title')!r}")
            before, after = reach(game, e)
            fail_if(before["scene"]["node"] != e, f"the choices for {nodes[e]['title']!r} reached node "
                    f"{before['scene']['node']} in the game")
            why = settled(before, after, nodes[e]["kind"])
            fail_if(why is not None, str(why))
            names.append(f"{nodes[e]['title']} ({nodes[e]['kind']})")
        return f"all {len(names)} endings of chapter 1 reached on the real game: " + ", ".join(names)

    out.append(Keypoint("every_ending_reachable", "Every ending can be reached", every_ending_reachable))

    @_guard
    def good_ending_wins(game: HeadlessGame) -> str:
        good = story.good_ending(level)
        fail_if(good is None, "chapter 1 has no good ending")
        assert good is not None
        before, after = reach(game, good)
        fail_if(before["cleared"] or before["status"] != "playing", "the chapter was won before its ending was settled")
        why = settled(before, after, "good")
        fail_if(why is not None, str(why))
        return f"the good ending {nodes[good]['title']!r} won chapter 1"

    out.append(Keypoint("good_ending_wins", "The good ending wins the chapter", good_ending_wins))

    @_guard
    def neutral_ending_passes(game: HeadlessGame) -> str:
        neutral, good = story.neutral_ending(level), story.good_ending(level)
        fail_if(neutral is None, "chapter 1 has no neutral ending: its endings are only good or bad")
        assert neutral is not None and good is not None
        fail_if(str(neutral) not in proof["endings"], f"the search finds no way to the neutral ending "
                f"{nodes[neutral].get('title')!r}")
        before, after = reach(game, neutral)
        fail_if(before["scene"]["node"] != neutral, f"the choices for the neutral ending reached node "
                f"{before['scene']['node']} in the game")
        fail_if(before["cleared"] or before["status"] != "playing", "the chapter passed before its ending was settled")
        why = settled(before, after, "neutral")
        fail_if(why is not None, str(why))
        gained = after["score"] - before["score"]
        fail_if(gained != story.NEUTRAL_POINTS, f"the neutral ending scored {gained}, the rules give {story.NEUTRAL_POINTS}")
        best_before, best_after = reach(game, good)
        best = best_after["score"] - best_before["score"]
        fail_if(best <= gained, f"the good ending scored {best}, no more than the neutral one's {gained}")
        return (f"the neutral ending {nodes[neutral]['title']!r} passed chapter 1 for {gained} points "
                f"(the good ending {best})")

    out.append(Keypoint("neutral_ending_passes",
                        "An ending in between: the neutral ending passes the chapter, for fewer points than the good one",
                        neutral_ending_passes))

    @_guard
    def bad_ending_loses(game: HeadlessGame) -> str:
        bad = next(e for e in story.endings(level) if nodes[e]["kind"] == "bad")
        before, after = reach(game, bad)
        why = settled(before, after, "bad")
        fail_if(why is not None, str(why))
        fail_if(after["last_loss"] != f"ending: {nodes[bad]['title']}", f"the loss says {after['last_loss']!r}")
        if after["status"] == "playing":
            fresh = Story.start(level).view()
            fail_if([after["view"][i] for i in (0, 3, 4, 6)] != [fresh[i] for i in (0, 3, 4, 6)],
                    "after the lost life the chapter did not start again")
        return f"the bad ending {nodes[bad]['title']!r} lost the chapter" + (
            " (a life; the chapter started again)" if after["status"] == "playing" else "")

    out.append(Keypoint("bad_ending_loses", "A bad ending loses the chapter", bad_ending_loses))

    @_guard
    def dialogue_advances(game: HeadlessGame) -> str:
        first = call(game, "load", level)
        line = first["scene"]
        n = len(line["text"])
        game.step(n + 30)  # typed out in full, then a wait: a line never advances by itself
        waited = call(game, "scene")
        fail_if(waited["node"] != line["node"], "the dialogue advanced without a press")
        fail_if(call(game, "view")[1] != n, "the line did not type out in full")
        r = call(game, "key", "action")
        want = Story.start(level)
        want.shown = n
        want.press("action")
        fail_if(r["scene"]["node"] != want.node, f"Space went to node {r['scene']['node']}, the rules say {want.node}")
        fail_if(r["scene"]["node"] == line["node"], "Space did not advance the dialogue")
        box = call(game, "box")
        game.step(len(r["scene"]["text"]) + 2)
        c = call(game, "key", f"click:{box['x'] + 20}:{box['y'] + 20}")
        fail_if(c["scene"]["node"] == r["scene"]["node"], "a click on the text box did not advance the dialogue")
        return "the line waited typed out; Space advanced to the next line, and a click on the text box to the one after"

    out.append(Keypoint("dialogue_advances", "Dialogue advances on Space / Enter, a click or a tap", dialogue_advances))

    @_guard
    def text_skip(game: HeadlessGame) -> str:
        first = call(game, "load", level)
        n = len(first["scene"]["text"])
        fail_if(n < 8, "the first line is too short to see it type out")
        game.step(3)
        typing = call(game, "view")[1]
        fail_if(not 0 < typing < n, f"after 3 frames {typing} of {n} characters show: the text does not type out")
        r = call(game, "key", "action")
        fail_if(r["view"][1] != n, f"Space while typing showed {r['view'][1]} of {n} characters, not the whole line")
        fail_if(r["scene"]["node"] != first["scene"]["node"], "Space while typing skipped the line instead of showing it")
        return f"the line typed out ({typing} of {n} characters after 3 frames) and Space showed it whole without advancing"

    out.append(Keypoint("text_skip", "Text types out, and a press while it types shows it whole", text_skip))

    @_guard
    def pointer_picks(game: HeadlessGame) -> str:
        _first_choice(game, level)
        rect = call(game, "rect", 1)
        r = call(game, "key", f"click:{rect['x'] + rect['w'] // 2}:{rect['y'] + rect['h'] // 2}")
        want = _scene_after(level, [], 1)
        fail_if(r["scene"]["node"] != want, f"a click on the second option led to node {r['scene']['node']}, not {want}")
        return "a click (or tap) on the second option chose it"

    out.append(Keypoint("pointer_picks", "Mouse / touch plays: click or tap an option to choose it", pointer_picks,
                        mechanic="mouse"))

    @_guard
    def number_keys_pick(game: HeadlessGame) -> str:
        at = _first_choice(game, level)
        m = len(at["scene"]["options"])
        r = call(game, "key", f"pick{m - 1}")
        want = _scene_after(level, [], m - 1)
        fail_if(r["scene"]["node"] != want, f"key {m} led to node {r['scene']['node']}, not {want}")
        return f"the number key {m} chose option {m}"

    out.append(Keypoint("number_keys_pick", "Number keys 1-4 choose an option", number_keys_pick))
    return out


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    return story_checks(spec, config, levels)
