"""Query for the rhythm genre: a bot that plays level 1 and keypoint checks on the real JavaScript.

The bot re-runs the solver (``maestro.genres.rhythm.rules.solve``), whose proof is the perfect input
schedule of a fresh start: a lane at each note's frame. It presses that lane's key on exactly that
frame of the REAL game (one V8 call, through ``__game.press`` / ``__game.step`` only) and plays on to
the song's end: the judgement is integer arithmetic in both copies of the rules.

Each keypoint loads a small song into the build's own game (in place of level 1, with the build's
config: its windows, points, combo and meter), presses keys (or taps a lane) at chosen frames and
reads the world through the module's QA hook ``Maestro.genres.rhythm.qa.view``. The chart check
compares the build's level 1 as the game charts it with Sonata's score of the build's music job.
"""

from __future__ import annotations

import json
import math
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, before_time_limit, checked, fail_if, replay_level_one,
                                     spec_mechanics)
from maestro.genres.rhythm import commands_qa, rules
from maestro.genres.rhythm.bot import report_js, schedule_taps

QA = "Maestro.genres.rhythm.qa"
SETTLE_FRAMES = 150  # after the song: the runtime's 1.5 s 'Level complete!' pause, then level 2
KEYS = ("left", "down", "up", "right")

_JS_HELPERS = """
var __rh = {
  view: function () { var G = __game.game; return G.world ? Maestro.genres.rhythm.qa.view(G, G.world) : null; },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __rh.view(); },
  // n frames; taps[f] = the keys tapped on the frame the world's clock reaches f (pressed before that
  // step, released after it), or 'click:k' for a pointer tap on lane k. Stops when the level ends.
  run: function (n, taps) {
    var G = __game.game, QA = Maestro.genres.rhythm.qa, s = __game.state(), c0 = s.cleared, i;
    for (i = 0; i < n; i++) {
      var w = G.world, a = (w && taps[w.f + 1]) || [];
      a.forEach(function (k) {
        var m = /^click:(\\d+)$/.exec(k);
        if (m) QA.click(G, w, QA.laneCenter(G, w, +m[1])); else __game.press(k, true);
      });
      s = __game.step(1);
      a.forEach(function (k) { if (k.indexOf(':') < 0) __game.press(k, false); });
      if (s.status !== 'playing' || s.cleared !== c0) { i++; break; }
    }
    return {state: s, view: __rh.view(), frames: i};
  }
};
"""

_REPORT = report_js(QA)


def _install(game: HeadlessGame) -> None:
    if not game.js(f"!!(window.Maestro && Maestro.genres.rhythm && {QA} && {QA}.view)"):
        raise HeadlessError("the rhythm module has no qa.view hook")
    if not game.js("typeof __rh !== 'undefined'"):
        game.run(_JS_HELPERS)


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


# ---- the bot -------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Replay the solver's perfect schedule for level 1 in the real game; won when level 2 starts or
    the game is won. Bounded: the song's frames and a little more. (commands_qa for a commands level.)"""
    if level.get("mode") == "commands":
        return commands_qa.play_level_one(game, level, config)
    proof = rules.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no winning schedule for level 1 (an empty or unplayable chart)")
    presses = [[t, rules.key_for(level, lane)] for t, lane in proof["presses"]]

    def won(out: dict[str, Any]) -> str:
        v = out["view"] or {}
        return (f"played the song of level 1: {len(presses)} notes hit on the beat ({v.get('counts')} "
                f"perfect/good/miss), best combo {v.get('best')}")

    def lost(out: dict[str, Any]) -> str:
        v = out["view"] or {}
        return (f"the solver's {len(presses)} presses were played but level 1 wasn't won: the game is "
                f"{out['state']['status']!r} at frame {v.get('f')} with {v.get('counts')} perfect/good/miss and "
                f"the meter at {v.get('meter')}")

    # fresh: a game of its own, whose music starts with it (music frame 0)
    return replay_level_one(game, _install, schedule_taps(presses), int(proof["frames"]) + SETTLE_FRAMES,
                            fresh=True, report=_REPORT, steps=len(presses), won=won, lost=lost)


# ---- keypoint songs ----------------------------------------------------------------------------------


def _song(config: dict[str, Any], count: int, lanes: int = 4, every: int = 2,
          mines: list[list[int]] | None = None) -> dict[str, Any]:
    """A QA song at the build's tempo: ``count`` notes, one every ``every`` eighths (at least a beat
    apart in time: 24 frames), cycling through the lanes, in one loop long enough to hold them."""
    bpm = float(rules.melody(config)[0])
    step = max(every, math.ceil((2 * int(config["good"]) + 8) * bpm / 1800))
    loop = rules.BAR * (-(-(count * step + 2) // rules.BAR))
    notes = [[i * step, i % lanes, 60 + i % lanes] for i in range(count)]
    return {"mode": "lanes", "lanes": lanes, "bpm": bpm, "loop": loop, "reps": 1, "travel": 60, "notes": notes,
            "mines": [[int(e), int(lane)] for e, lane in (mines or [])],
            "onsets": count, "name": "QA song", "seed": 1, "index": 0, "phase": 0}


def _load(game: HeadlessGame, song: dict[str, Any]) -> dict[str, Any]:
    view: dict[str, Any] = game.js(f"__rh.load({json.dumps(song)})")
    return view


def _run(game: HeadlessGame, n: int, taps: dict[int, list[str]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__rh.run({int(n)}, {json.dumps({str(k): v for k, v in (taps or {}).items()})})")
    return out


def _times(song: dict[str, Any]) -> list[list[int]]:
    chart: list[list[int]] = rules.chart(song, 0)["notes"]
    return chart


def _slugs(spec: dict[str, Any], group: str) -> set[str]:
    return {str(e["slug"]) for e in spec.get(group) or [] if isinstance(e, dict) and e.get("slug")}


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    if config.get("mode") == "commands":
        return commands_qa.keypoints(spec, config, levels)
    mech = spec_mechanics(spec)
    out = [
        Keypoint("hits_on_the_beat", "A press on the beat scores PERFECT, a little off the beat GOOD, and off the "
                 "beat the note is missed", _hits_on_the_beat(config), "rhythm" if "rhythm" in mech else None),
        Keypoint("miss_breaks_combo", "A note not hit becomes a MISS: the combo breaks and the groove meter drains",
                 _miss_breaks_combo(config), None),
        Keypoint("combo_multiplies", f"Every {config['combo_step']} hits in a row raise the score multiplier "
                 f"(up to x{config['mult_max']})", _combo_multiplies(config), "score" if "score" in mech else None),
        # (the id fidelity reads a GDD's lose rule by: here the groove meter is the family's life)
        Keypoint("last_life_loses", "Missing note after note drains the groove meter; when it is empty the game is lost",
                 _meter_empty_loses(config), "health" if "health" in mech else None),
        Keypoint("song_end_wins", "Reaching the song's end with the meter alive wins the level", _song_end_wins(config),
                 None),
        Keypoint("tap_a_lane", "A tap (mouse or touch) on a lane hits that lane's note", _tap_a_lane(config), None),
    ]
    if levels:
        out.append(Keypoint("chart_follows_music", "The notes are the game's own music: every note is an onset of its "
                            "melody, at the music's tempo, higher notes to the right", _chart_follows_music(config, levels[0]),
                            None))
    player = (spec.get("player") or {}).get("slug")
    if player and player == config.get("performer"):
        out.append(Keypoint(f"performer_{player}", f"{(spec.get('player') or {}).get('name') or player} performs beside "
                            "the lanes", _performer(config, str(player)), str(player)))
    mine = config.get("mine_slug")
    if mine and mine in _slugs(spec, "hazards") | _slugs(spec, "enemies"):
        out.append(Keypoint(f"mine_{mine}", f"A {config.get('mine_name') or mine} falls in a lane from level 2 on: a press "
                            "on it breaks the combo and drains the meter; let it pass and nothing happens",
                            _mine_hurts(config), str(mine)))
    note = config.get("note_slug")
    if note and note in _slugs(spec, "items"):
        out.append(Keypoint(f"note_{note}", f"The notes wear the {config.get('note_name') or note}", _note_sprite(config, note),
                            str(note)))
    return out


def _hits_on_the_beat(config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    good, perfect = int(config["good"]), int(config["perfect"])

    @_checked
    def check(game: HeadlessGame) -> str:
        song = _song(config, 3)
        notes = _times(song)
        v = _load(game, song)
        fail_if(v["f"] != 0, f"the song starts with its clock at {v['f']}")
        (t0, l0), (t1, l1), (t2, l2) = notes
        taps = {t0: [KEYS[l0]], t1 + good: [KEYS[l1]], t2 + good + 1: [KEYS[l2]]}
        r = _run(game, t0 - 1)
        fail_if(r["view"]["counts"] != [0, 0, 0], f"before the first note's frame notes were judged: {r['view']['counts']}")
        r = _run(game, 1, taps)
        v = r["view"]
        fail_if(v["counts"] != [1, 0, 0], f"a press on the beat (frame {t0}) was judged {v['counts']} (perfect/good/miss), "
                "not PERFECT")
        fail_if(v["score"] != int(config["points_perfect"]), f"a PERFECT scored {v['score']}, not {config['points_perfect']}")
        r = _run(game, t2 + good + 4 - t0, taps)
        v = r["view"]
        fail_if(v["counts"][1] != 1, f"a press {good} frames after the beat (more than {perfect}) wasn't GOOD: {v['counts']}")
        fail_if(v["counts"][2] != 1 or v["notes"][2][2] != 2,
                f"a press {good + 1} frames off the beat still hit the note: {v['counts']}")
        return (f"on the beat: PERFECT (+{config['points_perfect']}); {good} frames late: GOOD; {good + 1} frames late: "
                "MISS")
    return check


def _miss_breaks_combo(config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    good, drain = int(config["good"]), int(config["meter_miss"])

    @_checked
    def check(game: HeadlessGame) -> str:
        song = _song(config, 4)
        notes = _times(song)
        _load(game, song)
        taps = {t: [KEYS[lane]] for t, lane in notes[:3]}
        r = _run(game, notes[2][0] + 1, taps)
        v = r["view"]
        fail_if(v["combo"] != 3, f"three notes hit on the beat made a combo of {v['combo']}, not 3")
        meter = v["meter"]
        r = _run(game, notes[3][0] + good - v["f"])
        fail_if(r["view"]["counts"][2] != 0, "the fourth note was missed before its window closed")
        r = _run(game, 1)
        v = r["view"]
        fail_if(v["counts"][2] != 1 or v["notes"][3][2] != 2, f"a note left alone wasn't a MISS ({v['counts']})")
        fail_if(v["combo"] != 0, f"the miss left the combo at {v['combo']}")
        fail_if(v["meter"] != meter - drain, f"the miss took the meter {meter} -> {v['meter']}, not -{drain}")
        return f"combo 3 broke to 0 on the miss, {good + 1} frames after the note; the meter fell by {drain}"
    return check


def _combo_multiplies(config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    step, pts = int(config["combo_step"]), int(config["points_perfect"])

    @_checked
    def check(game: HeadlessGame) -> str:
        if int(config["mult_max"]) < 2:
            raise AssertionError("the multiplier is capped at x1: a combo never multiplies")
        song = _song(config, step + 1)
        notes = _times(song)
        _load(game, song)
        taps = {t: [KEYS[lane]] for t, lane in notes}
        r = _run(game, notes[step - 1][0] + 1, taps)
        before = r["view"]["score"]
        fail_if(before != step * pts, f"{step} PERFECTs scored {before}, not {step} x {pts}")
        r = _run(game, notes[step][0] - r["view"]["f"] + 1, taps)
        v = r["view"]
        fail_if(v["combo"] != step + 1, f"the combo is {v['combo']}, not {step + 1}")
        fail_if(v["score"] - before != 2 * pts, f"hit {step + 1} of the combo scored {v['score'] - before}, not 2 x {pts}")
        return f"{step} PERFECTs scored {pts} each; the {step + 1}th, at combo {step}, scored {2 * pts} (x2)"
    return check


def _meter_empty_loses(config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    start, drain, good = int(config["meter_start"]), int(config["meter_miss"]), int(config["good"])
    needed = -(-start // drain)

    @_checked
    def check(game: HeadlessGame) -> str:
        song = _song(config, needed + 2)
        notes = _times(song)
        _load(game, song)
        r = _run(game, notes[needed - 2][0] + good + 1)
        fail_if(r["state"]["status"] != "playing", f"the game ended after {needed - 1} misses, before the meter was empty")
        r = _run(game, notes[needed - 1][0] + good + 2 - r["view"]["f"])
        v, st = r["view"], r["state"]
        fail_if(v["counts"][2] != needed, f"{v['counts'][2]} notes were missed, not {needed}")
        fail_if(v["meter"] != 0, f"{needed} misses left the meter at {v['meter']}")
        fail_if(st["status"] != "lost", f"the meter is empty but the game is {st['status']!r}")
        return f"{needed} misses in a row drained the meter {start} -> 0 and the game was lost ({st.get('last_loss')})"
    return check


def _song_end_wins(config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        song = _song(config, 3)
        ch = rules.chart(song, 0)
        _load(game, song)
        taps = {t: [KEYS[lane]] for t, lane in ch["notes"]}
        r = _run(game, ch["end"] - 1, taps)
        st = r["state"]
        fail_if(st["cleared"] or st["status"] != "playing", f"the level ended at frame {r['view']['f']}, before the song's "
                f"end at {ch['end']}")
        r = _run(game, 2)
        st, v = r["state"], r["view"]
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), f"the song ended (frame {v['f']}) with the meter at "
                f"{v['meter']} but the level isn't won")
        fail_if(v["f"] != ch["end"], f"the level was won at frame {v['f']}, not at the song's end {ch['end']}")
        return f"all notes hit, the level was won at the song's end (frame {ch['end']}) with the meter at {v['meter']}"
    return check


def _tap_a_lane(config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        song = _song(config, 2)
        (t0, l0), (t1, l1) = _times(song)
        _load(game, song)
        r = _run(game, t1 + 1, {t0: [f"click:{l0}"], t1: [f"click:{(l1 + 1) % 4}"]})
        v = r["view"]
        fail_if(v["counts"][0] != 1, f"a tap on lane {l0 + 1} at its note's frame didn't hit it ({v['counts']})")
        fail_if(v["notes"][1][2] >= 0, "a tap on the wrong lane hit the note")
        return f"a tap on lane {l0 + 1} hit its note PERFECT; a tap on another lane didn't"
    return check


def _chart_follows_music(config: dict[str, Any], level: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        bpm, loop, onsets = rules.melody(config)
        pitch = dict(onsets)
        fail_if(float(level["bpm"]) != bpm, f"level 1 is charted at {level['bpm']} bpm, the music plays {bpm}")
        fail_if(int(level["loop"]) != loop, f"level 1's loop is {level['loop']} eighths, the music's {loop}")
        for e, _lane, midi in level["notes"]:
            fail_if(pitch.get(e) != midi, f"the note at eighth {e} is no melody onset of the music (pitch {midi})")
        ranked = sorted(level["notes"], key=lambda n: n[2])
        fail_if(any(a[1] > b[1] for a, b in zip(ranked, ranked[1:])), "a higher note sits left of a lower one")
        game.run("__qa.release(); __game.start(1); __game.step(1);")
        v = game.js("__rh.view()")
        want = rules.chart(level, 0)
        got = [[t, lane] for t, lane, _ in v["notes"]]
        fail_if(v["p"] != 0, f"a fresh game charted level 1 at music frame {v['p']}, not 0")
        fail_if(got != want["notes"] or v["end"] != want["end"], "the game's chart of level 1 differs from the music's "
                f"onsets: {got[:4]}... vs {want['notes'][:4]}...")
        frames = game.js(f"[{','.join(f'{QA}.frameOf({e}, {bpm!r})' for e in range(0, loop, 7))}]")
        fail_if(frames != [rules.frame_of(e, bpm) for e in range(0, loop, 7)], "the game puts the music's eighths "
                "at other frames than the music's tempo")
        return (f"{len(got)} notes of level 1 are the melody's onsets at {bpm:g} bpm (of {len(onsets)} in the loop), "
                f"each at frame floor(eighth x 1800 / bpm + 1/2)")
    return check


def _mine_hurts(config: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    drain, gain = int(config["meter_miss"]), int(config["meter_perfect"])

    @_checked
    def check(game: HeadlessGame) -> str:
        probe = _song(config, 3)
        step = probe["notes"][1][0]
        song = _song(config, 3, mines=[[1, 3], [step + 1, 3]])
        ch = rules.chart(song, 0)
        (t0, l0), (m0, ml0), (m1, _ml1) = ch["notes"][0], ch["mines"][0], ch["mines"][1]
        _load(game, song)
        r = _run(game, m0 + 1, {t0: [KEYS[l0]], m0: [KEYS[ml0]]})
        v = r["view"]
        fail_if(v["counts"][0] != 1, f"the note before the mine wasn't hit ({v['counts']})")
        fail_if(v["minesHit"] != 1 or v["mines"][0][2] != 1, "a press on the mine didn't set it off")
        fail_if(v["combo"] != 0, f"setting off the mine left the combo at {v['combo']}")
        want = int(config["meter_start"]) + gain - drain
        fail_if(v["meter"] != min(want, int(config["meter_max"])), f"the mine took the meter to {v['meter']}, not {want}")
        t1, l1 = ch["notes"][1]
        r = _run(game, m1 + int(config["good"]) + 2 - v["f"], {t1: [KEYS[l1]]})  # the next note hit, the mine let by
        v = r["view"]
        fail_if(v["counts"][0] != 2, f"the note beside the second mine wasn't hit ({v['counts']})")
        fail_if(v["minesHit"] != 1 or v["mines"][1][2] or v["meter"] != min(want + gain, int(config["meter_max"])),
                f"a mine left alone still hurt (meter {v['meter']}, {v['minesHit']} mines set off)")
        return f"pressed, the mine broke the combo and took {drain} from the meter; the one left alone did nothing"
    return check


def _performer(config: dict[str, Any], slug: str) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        v = game.js("__rh.view()")
        fail_if(v["performer"] != slug, f"the performer is {v['performer']!r}, not {slug!r}")
        fail_if(not game.js(f"!!((__game.game.data.atlas || {{}}).frames || {{}})[{json.dumps(slug)}]"),
                f"the atlas has no sprite {slug}")
        return f"{slug} dances beside the lanes"
    return check


def _note_sprite(config: dict[str, Any], slug: str) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        v = game.js("__rh.view()")
        fail_if(v["noteSlug"] != slug, f"the notes wear {v['noteSlug']!r}, not {slug!r}")
        fail_if(not game.js(f"!!((__game.game.data.atlas || {{}}).frames || {{}})[{json.dumps(slug)}]"),
                f"the atlas has no sprite {slug}")
        return f"every falling note wears the {slug} sprite"
    return check


# ---- rules agreement: one input script, the real game and rules.Sim -------------------------------

AGREE_FRAMES = 3000

_AGREE_JS = """(function (lv, downs) {
  var QA = Maestro.genres.rhythm.qa, keys = %s;
  return __qa.onLevel(lv, function (G) {
    var rows = [], cur = {};
    function row() { var v = QA.view(G, G.world); return [v.f, v.meter, v.combo, v.score, v.counts, v.minesHit, v.status]; }
    for (var i = 0; i < downs.length; i++) {
      var want = downs[i];
      keys.forEach(function (a) { var on = want.indexOf(a) >= 0; if (on !== !!cur[a]) { __game.press(a, on); cur[a] = on; } });
      __game.step(1);
      rows.push(row());
      if (G.cleared || G.status !== 'playing') break;
    }
    return rows;
  });
})""" % json.dumps(list(KEYS))


def _script(rng: random.Random, level: dict[str, Any], frames: int) -> list[list[str]]:
    """Which keys are down each frame: the perfect schedule, nudged off the beat now and then, with
    some notes skipped, stray presses, presses on mines and held keys, so every judgement shows up."""
    downs: list[list[str]] = [[] for _ in range(frames)]
    for t, lane in rules.chart(level, 0)["notes"]:
        r = rng.random()
        if r < 0.15:
            continue
        t2 = t + (rng.randint(-9, 9) if r < 0.5 else 0)
        hold = rng.randint(1, 3)
        for k in range(max(1, t2), min(frames, t2 + hold)):
            downs[k - 1].append(rules.key_for(level, lane))
    for t, lane in rules.chart(level, 0)["mines"]:
        at = t - 1 + rng.randint(-1, 1)
        if rng.random() < 0.5 and 0 <= at < frames:
            downs[at].append(rules.key_for(level, lane))
    for _ in range(frames // 40):
        downs[rng.randrange(frames)].append(rng.choice(KEYS))
    return downs


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A key script (the schedule nudged, skipped and padded with stray presses) played on ``level``
    in the real rhythm.js and in ``rules.Sim``, compared after every frame: the frame, meter, combo,
    score, perfect/good/miss counts and status. None when they agree to the end. (commands_qa for a
    commands level.)"""
    if level.get("mode") == "commands":
        return commands_qa.rules_agree(game, level, config, rng)
    frames = before_time_limit(game, min(AGREE_FRAMES, rules.chart(level, 0)["end"] + 5))
    downs = _script(rng, level, frames)
    rows = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(downs)})")
    sim = rules.Sim(level, config, 0)
    prev: set[str] = set()
    for i, down in enumerate(downs):
        if sim.status != "playing":
            return None
        if i >= len(rows):
            return f"the game stopped after {i} frames while the rules play on"
        held = set(down)
        sim.step(rules.lanes_for(level, held - prev))
        prev = held
        js, py = rows[i], sim.row()
        if js != py:
            return (f"frame {i + 1} (keys {sorted(held)}): the game has {js}, the rules {py} "
                    "(frame, meter, combo, score, counts, mines set off, status)")
    return None
