"""Query for the rhythm family's command mode: a bot that plays level 1, keypoint checks and the JS /
Python agreement, all on the real JavaScript (commands.js, reached through
``Maestro.rhythmModes.commands.qa``).

The bot re-runs the solver (``commands.solve``), whose proof is a schedule of commands as drums on
exact beat frames of a fresh start, and presses each drum's key on its frame. Each keypoint loads a
small field of its own (in place of level 1, with the build's config: its windows, drums, command book
and field numbers) at the build's tempo, drums chosen patterns on chosen frames and reads the world.
"""

from __future__ import annotations

import json
import random
from typing import Any, Callable

from maestro.genres.base import BotResult, Keypoint
from maestro.genres.headless import (HeadlessError, HeadlessGame, before_time_limit, checked, fail_if, replay_level_one,
                                     spec_mechanics)
from maestro.genres.rhythm import commands
from maestro.genres.rhythm.bot import report_js, schedule_taps

QA = "Maestro.rhythmModes.commands.qa"
SETTLE_FRAMES = 150
AGREE_FRAMES = 3000
KEYS = commands.DRUM_KEYS
NEVER = 9999  # an enemy's strike period in a check where it must not strike

_JS_HELPERS = """
var __rc = {
  view: function () { var G = __game.game; return G.world && G.world.mode === 'commands' ? %(qa)s.view(G, G.world) : null; },
  load: function (lv) { __qa.release(); __game.game.levels[0] = lv; __game.start(1); return __rc.view(); },
  beat: function (k) { var G = __game.game; return %(qa)s.beatFrame(G, G.world, k); },
  // n frames; taps[f] = the keys pressed on the frame the world's clock reaches f (released after it),
  // or 'tap:z' for a pointer tap on zone z. Stops when the level ends.
  run: function (n, taps) {
    var G = __game.game, s = __game.state(), c0 = s.cleared, i;
    for (i = 0; i < n; i++) {
      var w = G.world, a = (w && taps[w.f + 1]) || [];
      a.forEach(function (k) {
        var m = /^tap:(\\d+)$/.exec(k);
        if (m) %(qa)s.tap(G, w, (+m[1] + 0.5) * G.W / 4); else __game.press(k, true);
      });
      s = __game.step(1);
      a.forEach(function (k) { if (k.indexOf(':') < 0) __game.press(k, false); });
      if (s.status !== 'playing' || s.cleared !== c0) { i++; break; }
    }
    return {state: s, view: __rc.view(), frames: i};
  }
};
""" % {"qa": QA}

_REPORT = report_js(QA)


def _install(game: HeadlessGame) -> None:
    if not game.js(f"!!(window.Maestro && Maestro.rhythmModes && Maestro.rhythmModes.commands && {QA} && {QA}.view)"):
        raise HeadlessError("the rhythm module has no commands mode (Maestro.rhythmModes.commands.qa)")
    if not game.js("typeof __rc !== 'undefined'"):
        game.run(_JS_HELPERS)


def _checked(fn: Callable[[HeadlessGame], str | None]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    return checked(fn, _install)


# ---- the bot -----------------------------------------------------------------------------------------


def play_level_one(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any]) -> BotResult:
    """Replay the solver's drums for level 1 on their beat frames in the real game; won when level 2
    starts or the game is won."""
    proof = commands.solve(level, config)
    if proof is None:
        return BotResult(False, 0, "the solver finds no winning schedule of commands for level 1")
    presses = [[t, KEYS[d]] for t, d in proof["presses"]]
    said = " ".join(str(a) for _, a in proof["commands"])

    def won(out: dict[str, Any]) -> str:
        v = out["view"] or {}
        return (f"drummed {len(proof['commands'])} commands on the beat ({said}) and led the units to the goal "
                f"with {v.get('hp')} HP left, {v.get('kills')} enemies defeated")

    def lost(out: dict[str, Any]) -> str:
        v = out["view"] or {}
        return (f"the solver's {len(proof['commands'])} commands were drummed but level 1 wasn't won: the game is "
                f"{out['state']['status']!r} at frame {v.get('f')} with the units at x {v.get('x')} of "
                f"{v.get('goal')}, HP {v.get('hp')}, counts {v.get('counts')}")

    return replay_level_one(game, _install, schedule_taps(presses), int(proof["frames"]) + SETTLE_FRAMES,
                            fresh=True, report=_REPORT, steps=len(presses), won=won, lost=lost)


# ---- keypoint fields -------------------------------------------------------------------------------------


def _field(config: dict[str, Any], level: dict[str, Any], enemies: list[dict[str, Any]], goal: int = 2000,
           measures: int = 12) -> dict[str, Any]:
    """A QA field at the build's tempo: the units at 0, ``enemies`` in the way, the goal at ``goal``."""
    return {"mode": commands.MODE, "bpm": level["bpm"], "loop": level["loop"], "travel": int(config["lead_in"]),
            "measures": measures, "goal": goal, "enemies": enemies, "name": "QA field", "seed": 1, "index": 0}


def _enemy(x: int, hp: int = 99, power: int = 2, every: int = NEVER, at: int = NEVER - 1) -> dict[str, Any]:
    return {"x": x, "hp": hp, "power": power, "every": every, "at": at, "kind": 0, "boss": 0}


def _load(game: HeadlessGame, lv: dict[str, Any]) -> dict[str, Any]:
    view: dict[str, Any] = game.js(f"__rc.load({json.dumps(lv)})")
    return view


def _run(game: HeadlessGame, n: int, taps: dict[int, list[str]] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = game.js(f"__rc.run({int(n)}, {json.dumps({str(k): v for k, v in (taps or {}).items()})})")
    return out


def _run_to(game: HeadlessGame, frame: int, taps: dict[int, list[str]] | None = None) -> dict[str, Any]:
    """Play until the world's clock reads ``frame``."""
    v = game.js("__rc.view()")
    return _run(game, max(0, frame - int(v["f"])), taps)


def _beats(lv: dict[str, Any]) -> Callable[[int], int]:
    """Beat k's level frame in a fresh load (music frame 0: the load restarts the game)."""
    s, bpm = commands.song_start(lv, 0), float(lv["bpm"])
    return lambda k: commands.frame_of(s + 2 * k, bpm)


def _book(config: dict[str, Any]) -> dict[str, list[int]]:
    return {str(c["id"]): [int(d) for d in c["pattern"]] for c in config.get("book") or []}


def _drum(lv: dict[str, Any], pattern: list[int], measure: int, nudge: dict[int, int] | None = None) -> dict[int, list[str]]:
    """The taps of ``pattern`` on measure ``measure``'s beats (``nudge``: frames off for some of them)."""
    at = _beats(lv)
    out: dict[int, list[str]] = {}
    for i, d in enumerate(pattern):
        out.setdefault(at(4 * measure + i) + (nudge or {}).get(i, 0), []).append(KEYS[d])
    return out


def _merge(*taps: dict[int, list[str]]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for t in taps:
        for k, v in t.items():
            out.setdefault(k, []).extend(v)
    return out


def keypoints(spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
    if not levels:
        return []
    lv0 = levels[0]
    mech = spec_mechanics(spec)
    book = _book(config)
    out = [
        Keypoint("hits_on_the_beat", "A drum on the beat counts toward a command (PERFECT, a little off GOOD); a drum "
                 "off the beat breaks the pattern", _hits_on_the_beat(config, lv0), "rhythm" if "rhythm" in mech else None),
        Keypoint("pattern_triggers_action", "A command's pattern drummed on one measure's beats makes the units carry it "
                 "out on the next measure (march: they advance)", _pattern_triggers_action(config, lv0), None),
        Keypoint("off_beat_breaks_combo", "A pattern with a drum off the beat triggers nothing and resets the combo",
                 _off_beat_breaks_combo(config, lv0), None),
        Keypoint("wrong_pattern_breaks", "A pattern that is no command of the book triggers nothing and resets the combo",
                 _wrong_pattern_breaks(config, lv0), None),
        Keypoint("attack_defeats_enemy", "The attack command strikes the enemy in reach on each beat until it is defeated",
                 _attack_defeats(config, lv0), "melee" if "melee" in mech else None),
        Keypoint("defend_blocks", "An enemy's strike hurts the units, unless they defend on that measure",
                 _defend_blocks(config, lv0), None),
        Keypoint("fever_strengthens", f"{config['fever_combo']} commands in a row bring FEVER: the units march farther",
                 _fever(config, lv0), "score" if "score" in mech else None),
        Keypoint("exit_wins", "Reaching the goal wins the level", _goal_wins(config, lv0), None),
        Keypoint("last_life_loses", "When the units' health runs out the game is lost", _units_fall(config, lv0),
                 "health" if "health" in mech else None),
        Keypoint("song_runs_out_loses", "When the song ends before the units reach the goal the game is lost",
                 _song_runs_out(config, lv0), None),
        Keypoint("tap_a_drum", "A tap (mouse or touch) on one of the four zones beats that zone's drum",
                 _tap_a_drum(config, lv0), None),
        Keypoint("beat_follows_music", "The beats are the game's own music: its tempo, on its bar lines",
                 _beat_follows_music(config, lv0), None),
    ]
    if "special" in book:
        out.append(Keypoint("special_in_fever", "The special command works only in fever and strikes every enemy in sight",
                            _special(config, lv0), None))
    player = (spec.get("player") or {}).get("slug")
    if player and player == config.get("unit_slug"):
        out.append(Keypoint(f"units_{player}", f"{(spec.get('player') or {}).get('name') or player} march on the field",
                            _units(str(player)), str(player)))
    for i, kind in enumerate(config.get("enemy_kinds") or []):
        if any(int(e.get("kind", -1)) == i for lv in levels for e in lv.get("enemies") or []):
            out.append(Keypoint(f"enemy_{kind['slug']}", f"{kind['name']} stands in the units' way until attacked down",
                                _enemy_kind(config, levels, i, str(kind["slug"])), str(kind["slug"])))
    return out


def _hits_on_the_beat(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    good = int(config["good"])

    @_checked
    def check(game: HeadlessGame) -> str:
        march = _book(config)["march"]
        lv = _field(config, lv0, [])
        _load(game, lv)
        r = _run_to(game, _beats(lv)(3) + good + 1, _drum(lv, march, 0, {1: good}))
        v = r["view"]
        fail_if(v["counts"][:2] != [3, 1], f"three drums on the beat and one {good} frames late were judged "
                f"{v['counts'][:2]} (perfect/good), not [3, 1]")
        fail_if(v["commands"] != 1, "the four drums on the beat made no command")
        _load(game, lv)
        r = _run_to(game, _beats(lv)(1) + good + 2, _drum(lv, march[:2], 0, {1: good + 1}))
        v = r["view"]
        fail_if(v["counts"][2] < 1 or v["pattern"], f"a drum {good + 1} frames off the beat didn't break the pattern "
                f"(broken {v['counts'][2]}, pattern {v['pattern']})")
        return f"on the beat: PERFECT; {good} frames off: GOOD; {good + 1} frames off: the pattern breaks"
    return check


def _pattern_triggers_action(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    step = int(config["march_step"])

    @_checked
    def check(game: HeadlessGame) -> str:
        lv = _field(config, lv0, [])
        at = _beats(lv)
        _load(game, lv)
        r = _run_to(game, at(4) - 1, _drum(lv, _book(config)["march"], 0))
        v = r["view"]
        fail_if(v["commands"] != 1 or v["action"] != "march", f"the march pattern made no march command "
                f"({v['commands']} commands, action {v['action']!r})")
        fail_if(v["x"] != 0, f"the units moved to {v['x']} while the pattern was drummed")
        v = _run_to(game, at(7))["view"]
        fail_if(v["x"] != 4 * step, f"the units stand at {v['x']} after the march measure, not {4 * step}")
        return f"the march pattern on measure 1 moved the units {step} px on each beat of measure 2 (to {v['x']})"
    return check


def _off_beat_breaks_combo(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    good = int(config["good"])

    @_checked
    def check(game: HeadlessGame) -> str:
        march = _book(config)["march"]
        lv = _field(config, lv0, [])
        at = _beats(lv)
        _load(game, lv)
        taps = _merge(_drum(lv, march, 0), _drum(lv, march, 2), _drum(lv, march, 4, {2: good + 2}))
        v = _run_to(game, at(20) - 1, taps)["view"]
        fail_if(v["commands"] != 2, f"{v['commands']} commands were made, not the two on the beat")
        fail_if(v["combo"] != 0, f"the off-beat pattern left the combo at {v['combo']}")
        x = v["x"]
        v = _run_to(game, at(24) - 1)["view"]
        fail_if(v["x"] != x or v["commands"] != 2, f"the off-beat pattern still moved the units ({x} -> {v['x']})")
        return f"after a combo of 2, a drum {good + 2} frames off the beat broke the pattern: combo 0, no march"
    return check


def _wrong_pattern_breaks(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        known = {tuple(p) for p in _book(config).values()}
        wrong = next(list(p) for p in ([0, 1, 2, 3], [3, 2, 1, 0], [1, 2, 1, 2], [0, 1, 0, 1]) if tuple(p) not in known)
        lv = _field(config, lv0, [])
        at = _beats(lv)
        _load(game, lv)
        v = _run_to(game, at(11) + 1, _merge(_drum(lv, _book(config)["march"], 0), _drum(lv, wrong, 2)))["view"]
        fail_if(v["commands"] != 1, f"{v['commands']} commands were made: the wrong pattern counted")
        fail_if(v["combo"] != 0 or v["counts"][2] < 1, f"the wrong pattern left the combo at {v['combo']}")
        x = v["x"]
        v = _run_to(game, at(16) - 1)["view"]
        fail_if(v["x"] != x, "the wrong pattern moved the units")
        return f"the pattern {wrong} (no command) triggered nothing and reset the combo"
    return check


def _attack_defeats(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    dmg, reach = int(config["attack_dmg"]), int(config["reach"])

    @_checked
    def check(game: HeadlessGame) -> str:
        lv = _field(config, lv0, [_enemy(reach, hp=4 * dmg)])
        at = _beats(lv)
        _load(game, lv)
        v = _run_to(game, at(4), _drum(lv, _book(config)["attack"], 0))["view"]
        fail_if(v["enemies"][0] != 3 * dmg, f"the attack's first beat left the enemy at {v['enemies'][0]} HP, not {3 * dmg}")
        v = _run_to(game, at(7))["view"]
        fail_if(v["enemies"][0] != 0 or v["kills"] != 1, f"four strikes left the enemy at {v['enemies'][0]} HP")
        return f"the attack struck the enemy {reach} px ahead for {dmg} on each beat of the next measure: defeated"
    return check


def _defend_blocks(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    reach, power, hp = int(config["reach"]), 2, int(config["hp"])

    @_checked
    def check(game: HeadlessGame) -> str:
        lv = _field(config, lv0, [_enemy(reach, power=power, every=2, at=1)])  # it strikes on measure 2's last beat
        at = _beats(lv)
        _load(game, lv)
        v = _run_to(game, at(7), _drum(lv, _book(config)["defend"], 0))["view"]
        fail_if(v["hp"] != hp or v["blocked"] != 1, f"defending, the units went {hp} -> {v['hp']} HP ({v['blocked']} blocked)")
        _load(game, lv)
        v = _run_to(game, at(7))["view"]
        fail_if(v["hp"] != hp - power, f"undefended, the strike took the units {hp} -> {v['hp']} HP, not -{power}")
        return f"the enemy's strike took {power} HP from the units, and nothing when they defended that measure"
    return check


def _fever(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    n, step, fast = int(config["fever_combo"]), int(config["march_step"]), int(config["march_fever"])

    @_checked
    def check(game: HeadlessGame) -> str:
        march = _book(config)["march"]
        lv = _field(config, lv0, [], measures=2 * n + 4)
        at = _beats(lv)
        _load(game, lv)
        v = _run_to(game, at(8 * (n - 1) + 4) - 1, _merge(*(_drum(lv, march, 2 * i) for i in range(n))))["view"]
        fail_if(v["x"] != 4 * step * (n - 1), f"{n - 1} marches brought the units to {v['x']}, not {4 * step * (n - 1)}")
        fail_if(v["combo"] != n or not v["fever"], f"{n} commands in a row made a combo of {v['combo']} without fever")
        x = v["x"]
        v = _run_to(game, at(8 * (n - 1) + 7))["view"]
        fail_if(v["x"] - x != 4 * fast, f"the march in fever moved {v['x'] - x} px, not {4 * fast}")
        return f"commands {n} in a row: FEVER, and the march went {4 * fast} px instead of {4 * step}"
    return check


def _special(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    n, dmg = int(config["fever_combo"]), int(config["special_dmg"])

    @_checked
    def check(game: HeadlessGame) -> str:
        book = _book(config)
        far = int(config["special_reach"])
        lv = _field(config, lv0, [_enemy(far - 40), _enemy(far)], goal=4000, measures=2 * n + 6)
        at = _beats(lv)
        _load(game, lv)
        v = _run_to(game, at(8) - 1, _drum(lv, book["special"], 0))["view"]
        fail_if(v["commands"] != 0, "the special was accepted without fever")
        _load(game, lv)
        taps = _merge(*(_drum(lv, book["defend"], 2 * i) for i in range(n - 1)), _drum(lv, book["special"], 2 * (n - 1)))
        v = _run_to(game, at(8 * (n - 1) + 4), taps)["view"]
        fail_if(v["commands"] != n, f"after {n - 1} commands the special in fever wasn't accepted ({v['commands']} commands)")
        fail_if(v["enemies"] != [99 - dmg, 99 - dmg], f"the special left the enemies at {v['enemies']}, not {99 - dmg} each")
        return f"without fever the special is refused; in fever it struck both enemies in sight for {dmg}"
    return check


def _goal_wins(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    step = int(config["march_step"])

    @_checked
    def check(game: HeadlessGame) -> str:
        lv = _field(config, lv0, [], goal=4 * step)
        at = _beats(lv)
        _load(game, lv)
        r = _run_to(game, at(7) - 1, _drum(lv, _book(config)["march"], 0))
        fail_if(r["state"]["status"] != "playing" or r["state"]["cleared"], "the level ended before the units reached the goal")
        r = _run(game, 1)
        st = r["state"]
        fail_if(not (st["cleared"] >= 1 or st["status"] == "won"), f"the units at {r['view']['x']} (goal {4 * step}) "
                "didn't win the level")
        return f"one march brought the units to the goal ({4 * step} px) and the level was won on that beat"
    return check


def _units_fall(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    hp, reach = int(config["hp"]), int(config["reach"])

    @_checked
    def check(game: HeadlessGame) -> str:
        half = -(-hp // 2)
        lv = _field(config, lv0, [_enemy(reach, power=half, every=1, at=0)])
        at = _beats(lv)
        _load(game, lv)
        r = _run_to(game, at(3))
        fail_if(r["state"]["status"] != "playing" or r["view"]["hp"] != hp - half,
                f"after one strike of {half} the units have {r['view']['hp']} HP and the game is {r['state']['status']!r}")
        r = _run_to(game, at(7))
        fail_if(r["state"]["status"] != "lost", f"the units' health is {r['view']['hp']} but the game is {r['state']['status']!r}")
        return f"two strikes of {half} took the units' {hp} HP and the game was lost ({r['state'].get('last_loss')})"
    return check


def _song_runs_out(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        lv = _field(config, lv0, [], measures=2)
        end = _beats(lv)(8)
        _load(game, lv)
        r = _run_to(game, end - 1)
        fail_if(r["state"]["status"] != "playing", "the game ended before the song did")
        r = _run(game, 2)
        fail_if(r["state"]["status"] != "lost", f"the song ended (frame {end}) but the game is {r['state']['status']!r}")
        return f"the 2-measure song ended at frame {end} with the goal not reached: lost ({r['state'].get('last_loss')})"
    return check


def _tap_a_drum(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        march = _book(config)["march"]
        lv = _field(config, lv0, [])
        at = _beats(lv)
        _load(game, lv)
        taps = {at(i): [f"tap:{d}"] for i, d in enumerate(march)}
        v = _run_to(game, at(3) + 1, taps)["view"]
        fail_if(v["commands"] != 1, f"the march pattern tapped on the zones made no command (pattern {v['pattern']})")
        return f"taps on zones {march} drummed the march command"
    return check


def _beat_follows_music(config: dict[str, Any], lv0: dict[str, Any]) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        from maestro.genres.rhythm.rules import melody

        bpm, loop, _ = melody(config)
        fail_if(float(lv0["bpm"]) != bpm or int(lv0["loop"]) != loop, f"level 1 beats at {lv0['bpm']} bpm, the music plays {bpm}")
        game.run("__qa.release(); __game.start(1); __game.step(1);")
        v = game.js("__rc.view()")
        fail_if(v["p"] != 0, f"a fresh game put level 1 at music frame {v['p']}, not 0")
        s = commands.song_start(lv0, 0)
        fail_if(s % 8 != 0 or v["s"] != s, f"the song starts on eighth {v['s']}, not on the bar line {s}")
        got = game.js(f"[{','.join(f'__rc.beat({k})' for k in range(0, 16))}]")
        want = [commands.frame_of(s + 2 * k, bpm) for k in range(16)]
        fail_if(got != want, f"the game's beats {got[:4]}... are not the music's {want[:4]}...")
        return f"beats every 2 eighths of the music at {bpm:g} bpm from its bar line {s // 8}"
    return check


def _units(slug: str) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    @_checked
    def check(game: HeadlessGame) -> str:
        v = game.js("__rc.view()")
        fail_if(v is None or v["unit"] != slug, f"the units are {v and v['unit']!r}, not {slug!r}")
        fail_if(not game.js(f"!!((__game.game.data.atlas || {{}}).frames || {{}})[{json.dumps(slug)}]"),
                f"the atlas has no sprite {slug}")
        return f"{slug} marches on the field"
    return check


def _enemy_kind(config: dict[str, Any], levels: list[dict[str, Any]], kind: int,
                slug: str) -> Callable[[HeadlessGame], tuple[bool | None, str]]:
    step, gap = int(config["march_step"]), int(config["gap"])

    @_checked
    def check(game: HeadlessGame) -> str:
        where, e = next((i, e) for i, lv in enumerate(levels) for e in lv.get("enemies") or [] if int(e.get("kind", -1)) == kind)
        fail_if(not game.js(f"!!((__game.game.data.atlas || {{}}).frames || {{}})[{json.dumps(slug)}]"),
                f"the atlas has no sprite {slug}")
        lv = _field(config, levels[0], [dict(e, x=gap + 2 * step, every=NEVER, at=NEVER - 1)])
        _load(game, lv)
        v = _run_to(game, _beats(lv)(7), _drum(lv, _book(config)["march"], 0))["view"]
        fail_if(v["x"] != 2 * step, f"a march toward the {slug} {gap + 2 * step} px ahead ended at {v['x']}, not "
                f"{2 * step} (it should stop the units {gap} px short of it)")
        return f"{slug} (level {where + 1}, {e['hp']} HP) stopped the march {gap} px short of it"
    return check


# ---- rules agreement -----------------------------------------------------------------------------------

_AGREE_JS = """(function (lv, downs) {
  var QA = %s, keys = %s;
  return __qa.onLevel(lv, function (G) {
    var rows = [], cur = {};
    function row() {
      var v = QA.view(G, G.world);
      return [v.f, v.combo, v.score, v.counts, v.commands, v.x, v.hp, v.enemies, v.action, v.status];
    }
    for (var i = 0; i < downs.length; i++) {
      var want = downs[i];
      keys.forEach(function (a) { var on = want.indexOf(a) >= 0; if (on !== !!cur[a]) { __game.press(a, on); cur[a] = on; } });
      __game.step(1);
      rows.push(row());
      if (G.cleared || G.status !== 'playing') break;
    }
    return rows;
  });
})""" % (QA, json.dumps(list(KEYS)))


def _script(rng: random.Random, level: dict[str, Any], config: dict[str, Any], frames: int) -> list[list[str]]:
    """Which keys are down each frame: the solver's drums (or a march pattern every other measure),
    nudged off the beat now and then, some skipped or swapped, with stray drums and held keys."""
    proof = commands.solve(level, config)
    if proof is not None:
        presses = proof["presses"]
    else:
        presses = commands.presses_of(level, config, [[m, "march"] for m in range(0, int(level["measures"]), 2)])
    downs: list[list[str]] = [[] for _ in range(frames)]
    good = int(config["good"])
    for t, d in presses:
        r = rng.random()
        if r < 0.06:
            continue
        t2 = t + (rng.randint(-good - 3, good + 3) if r < 0.2 else 0)
        d2 = rng.randrange(4) if r > 0.95 else d
        for k in range(max(1, t2), min(frames, t2 + rng.randint(1, 3))):
            downs[k - 1].append(KEYS[d2])
    for _ in range(frames // 120):
        downs[rng.randrange(frames)].append(rng.choice(KEYS))
    return downs


def rules_agree(game: HeadlessGame, level: dict[str, Any], config: dict[str, Any], rng: random.Random) -> str | None:
    """A key script played on ``level`` in the real commands.js and in ``commands.CommandSim``, compared
    after every frame (frame, combo, score, perfect/good/broken, commands, units' x and HP, enemies' HP,
    action, status). None when they agree to the end."""
    sim = commands.CommandSim(level, config, 0)
    frames = before_time_limit(game, min(AGREE_FRAMES, sim.end + 5))
    downs = _script(rng, level, config, frames)
    rows = game.js(f"{_AGREE_JS}({json.dumps(level)}, {json.dumps(downs)})")
    prev: set[str] = set()
    for i, down in enumerate(downs):
        if sim.status != "playing":
            return None
        if i >= len(rows):
            return f"the game stopped after {i} frames while the rules play on"
        held = set(down)
        sim.step(commands.drums_for(held - prev))
        prev = held
        js, py = rows[i], sim.row()
        if js != py:
            return (f"frame {i + 1} (keys {sorted(held)}): the game has {js}, the rules {py} "
                    "(frame, combo, score, counts, commands, x, hp, enemies, action, status)")
    return None
