"""The rhythm family's command mode ("commands", Patapon-like): its words, its config from a GDD (the
drums and the command book the GDD names), the integer rules (patterns on the beat, breaks, the chain
and fever, march / attack / defend / special, the goal, the units falling, the song running out), the
solver, keypoints that fail on a broken rule, and (marked browser) the game in a real Chromium with
real arrow keys. The bot, every keypoint and the JS/Python agreement also run in the conformance suite
(rhythm-commands)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.static import load_data_js
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY
from maestro.genres.rhythm import commands, commands_qa, rules
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "gdds"
EMBER = FIXTURES / "rhythm_commands_ember_march.md"
REED = FIXTURES / "rhythm_commands_reed_patrol.md"

CFG: dict[str, Any] = {**rules.DEFAULTS, **commands.TUNING, "mode": "commands", "max_frames": 0,
                       "max_measures": commands.MAX_MEASURES,
                       "book": [{"id": a, "name": a, "pattern": p} for a, p in commands.DEFAULT_BOOK.items()]}
MARCH, ATTACK, DEFEND, SPECIAL = (commands.DEFAULT_BOOK[a] for a in commands.ACTIONS)


def field(enemies: list[dict[str, Any]] | None = None, goal: int = 2000, measures: int = 12) -> dict[str, Any]:
    # 120 bpm: a beat every 30 frames; the song starts on bar 1 (frame 120: the lead-in is 96 frames)
    return {"mode": "commands", "bpm": 120.0, "loop": 64, "travel": 96, "measures": measures, "goal": goal,
            "enemies": enemies or [], "name": "t", "seed": 1, "index": 0}


def foe(x: int, hp: int = 99, power: int = 2, every: int = 999, at: int = 998) -> dict[str, Any]:
    return {"x": x, "hp": hp, "power": power, "every": every, "at": at, "kind": 0, "boss": 0}


def beat(k: int) -> int:
    return 120 + 30 * k


def drums(pattern: list[int], measure: int, nudge: dict[int, int] | None = None) -> dict[int, list[int]]:
    return {beat(4 * measure + i) + (nudge or {}).get(i, 0): [d] for i, d in enumerate(pattern)}


def play(level: dict[str, Any], taps: dict[int, list[int]], until: int, cfg: dict[str, Any] | None = None) -> commands.CommandSim:
    sim = commands.CommandSim(level, cfg or CFG)
    while sim.status == "playing" and sim.f < until:
        sim.step(taps.get(sim.f + 1, []))
    return sim


def merged(*parts: dict[int, list[int]]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for p in parts:
        for k, v in p.items():
            out.setdefault(k, []).extend(v)
    return out


# ---- the reader: words and config ------------------------------------------------------------------


def test_command_words_pick_the_commands_mode_and_lane_games_keep_lanes() -> None:
    g = REGISTRY["rhythm"]
    assert g.modes == ("lanes", "commands")
    for text in ("A Patapon-like game", "drum commands to your army", "rhythm commands for a squad",
                 "issue beat commands", "commands on the beat make them march", "each command pattern is four beats",
                 "drum a four-beat command"):
        assert g.mode_for(text) == "commands", text
    for text in ("Notes fall down four lanes", "a drummer keeps the beat on a shell drum", "hit the notes on the beat",
                 "tap to the rhythm of the song"):
        assert g.mode_for(text) == "lanes", text
    for name in ("rhythm_moth_lantern.md", "rhythm_tide_drums.md"):
        spec = parse_gdd(read_gdd_file(FIXTURES / name), source_name=name)
        assert (spec.genre, spec.mode) == ("rhythm", "lanes"), name


def test_the_fixture_gdds_read_as_command_games_with_their_drums_and_book() -> None:
    spec = parse_gdd(read_gdd_file(EMBER), source_name=EMBER.stem)
    assert (spec.genre, spec.mode) == ("rhythm", "commands")
    cfg = rules.config_for(spec)
    assert cfg["drums"] == ["Tam", "Bo", "Ki", "Ra"] and cfg["drums_named"]
    book = {c["id"]: c["pattern"] for c in cfg["book"]}
    # the GDD's own patterns: "Ra Ra Ki Ra: attack", "Ki Bo Ki Bo: ... special"
    assert book == {"march": [0, 0, 0, 3], "attack": [3, 3, 2, 3], "defend": [1, 1, 0, 3], "special": [2, 1, 2, 1]}
    assert cfg["boss"] and [k["name"] for k in cfg["enemy_kinds"]] == ["Ash Crawler", "Cinder Golem"]
    assert cfg["unit_name"] == "Lantern Band"
    plain = rules.config_for(parse_gdd(read_gdd_file(REED), source_name=REED.stem))
    assert plain["mode"] == "commands" and not plain["drums_named"] and not plain["special"]
    assert [c["id"] for c in plain["book"]] == ["march", "attack", "defend"]  # no special unless asked
    lanes = rules.config_for(parse_gdd(read_gdd_file(FIXTURES / "rhythm_moth_lantern.md")))
    assert "book" not in lanes  # a lanes build keeps its config


# ---- the rules ---------------------------------------------------------------------------------------


def test_a_pattern_on_the_beat_acts_on_the_next_measure() -> None:
    sim = play(field(), drums(MARCH, 0), beat(4) - 1)
    assert sim.commands == 1 and sim.action == "march" and sim.field.x == 0 and sim.counts == [4, 0, 0]
    sim = play(field(), drums(MARCH, 0), beat(7))
    assert sim.field.x == 4 * CFG["march_step"] and sim.action == ""


def test_good_is_near_the_beat_and_off_it_the_pattern_breaks() -> None:
    good = CFG["good"]
    sim = play(field(), drums(MARCH, 0, {1: good, 2: -good}), beat(7))
    assert sim.counts == [2, 2, 0] and sim.commands == 1
    sim = play(field(), drums(MARCH, 0, {2: good + 1}), beat(7))
    assert sim.commands == 0 and sim.counts[2] >= 1 and sim.field.x == 0


def test_a_wrong_pattern_or_drumming_over_the_action_breaks_the_combo() -> None:
    sim = play(field(), merged(drums(MARCH, 0), drums([0, 1, 2, 3], 2)), beat(16))
    assert sim.commands == 1 and sim.combo == 0 and sim.field.x == 4 * CFG["march_step"]
    sim = play(field(), merged(drums(MARCH, 0), {beat(5): [0]}), beat(7))
    assert sim.combo == 0 and sim.counts[2] == 1 and sim.field.x == 4 * CFG["march_step"]  # the action goes on


def test_the_chain_builds_fever_and_a_rest_drops_it() -> None:
    n = CFG["fever_combo"]
    sim = play(field(measures=16), merged(*(drums(MARCH, 2 * i) for i in range(n))), beat(8 * (n - 1) + 7))
    assert sim.best == n and sim.field.x == 4 * CFG["march_step"] * (n - 1) + 4 * CFG["march_fever"]
    sim = play(field(), merged(drums(MARCH, 0), drums(MARCH, 3)), beat(15))
    assert sim.combo == 1 and sim.best == 1  # a measure's rest between them: the chain started again


def test_attack_defeats_and_the_march_stops_at_a_living_enemy() -> None:
    reach, gap = CFG["reach"], CFG["gap"]
    sim = play(field([foe(reach, hp=4)]), drums(ATTACK, 0), beat(7))
    assert sim.field.enemies[0][1] == 0 and sim.field.kills == 1
    assert sim.total_score() == CFG["points_command"] + CFG["points_enemy"]
    sim = play(field([foe(gap + 20)]), drums(MARCH, 0), beat(7))
    assert sim.field.x == 20


def test_a_strike_hurts_unless_the_units_defend() -> None:
    hit = field([foe(CFG["reach"], power=3, every=2, at=1)])
    assert play(hit, {}, beat(7)).field.hp == CFG["hp"] - 3
    sim = play(hit, drums(DEFEND, 0), beat(7))
    assert sim.field.hp == CFG["hp"] and sim.field.blocked == 1
    out = play(field([foe(CFG["reach"] + 1, power=3, every=2, at=1)]), {}, beat(7))
    assert out.field.hp == CFG["hp"]  # out of reach: no strike


def test_the_special_needs_fever() -> None:
    sim = play(field([foe(100)]), drums(SPECIAL, 0), beat(7))
    assert sim.commands == 0 and sim.field.enemies[0][1] == 99
    n = CFG["fever_combo"]
    taps = merged(*(drums(DEFEND, 2 * i) for i in range(n - 1)), drums(SPECIAL, 2 * (n - 1)))
    sim = play(field([foe(100), foe(CFG["special_reach"] + 1)], measures=16), taps, beat(8 * (n - 1) + 7))
    assert [e[1] for e in sim.field.enemies] == [99 - CFG["special_dmg"], 99] and sim.combo == 0


def test_the_goal_wins_the_units_falling_and_the_song_ending_lose() -> None:
    assert play(field(goal=4 * CFG["march_step"]), drums(MARCH, 0), 10_000).status == "won"
    fall = play(field([foe(CFG["reach"], power=CFG["hp"], every=1, at=0)]), {}, 10_000)
    assert fall.status == "lost" and fall.field.hp == 0 and fall.f == beat(3)
    out = play(field(measures=2), {}, 10_000)
    assert out.status == "lost" and out.f == beat(8)


# ---- levels and the solver -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def planned() -> Any:
    spec = parse_gdd(read_gdd_file(EMBER), source_name=EMBER.stem)
    return orchestrator.plan(spec, 3, orchestrator.project_id(spec, 3))


def _levels(plan: Any) -> list[dict[str, Any]]:
    return [rules.generate(LevelRequest.model_validate(j.params["req"]), plan.config, random.Random(j.seed))
            for j in plan.jobs if j.kind == "level"]


def test_every_level_is_proved_on_the_musics_beats_and_harder_later(planned: Any) -> None:
    bpm, loop, _ = rules.melody(planned.config)
    levels = _levels(planned)
    assert levels == _levels(planned)  # same seed, same levels
    for i, lv in enumerate(levels):
        assert lv["mode"] == "commands" and lv["bpm"] == bpm and lv["loop"] == loop
        proof = rules.solve(lv, planned.config)
        assert proof is not None and proof["steps"] == len(proof["presses"]) == 4 * len(proof["commands"])
        assert proof["phases"] >= 2
        end = commands.replay(lv, planned.config, proof["presses"])
        assert end.status == "won" and end.counts == [proof["steps"], 0, 0]
        assert rules.describe(lv).startswith("command march")
        if i:
            assert len(lv["enemies"]) > len(levels[i - 1]["enemies"])
    assert levels[-1]["enemies"][-1]["boss"] == 1  # the GDD's boss guards the last gate


def test_the_solver_refuses_a_field_it_cannot_win() -> None:
    assert commands.solve(field([foe(60, hp=999, power=6, every=1, at=0)], measures=20), CFG) is None
    assert commands.solve(field(goal=4000, measures=6), CFG) is None


# ---- the real game: keypoints that fail on a broken rule, and rules agreement -------------------------


@pytest.fixture(scope="module")
def built(planned: Any) -> tuple[str, str, dict[str, Any]]:
    files = build_bundle(planned)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return files["game/game.js"].decode("utf-8"), files["game/data.js"].decode("utf-8"), data


def _keypoint(data: dict[str, Any], kp_id: str) -> Any:
    return next(k for k in REGISTRY["rhythm"].keypoints(data["spec"], data["config"], data["levels"]) if k.id == kp_id)


@pytest.mark.parametrize("kp_id, rule, broken", [
    ("defend_blocks", "if (action === 'defend') { w.blocked++;", "if (false) { w.blocked++;"),
    ("off_beat_breaks_combo", "w.combo = 0; w.pattern = []; w.pstart = -1; w.chain = -1; w.counts[2]++;",
     "w.pattern = []; w.pstart = -1; w.chain = -1; w.counts[2]++;"),
    ("attack_defeats_enemy", "damage(G, w, t, fev ? cfg.attack_fever | 0 : cfg.attack_dmg | 0);", ""),
    ("exit_wins", "else if (w.x >= w.goal) {", "else if (w.x > w.goal + 1) {"),
])
def test_a_keypoint_fails_when_its_rule_is_broken(built: tuple[str, str, dict[str, Any]], kp_id: str, rule: str,
                                                  broken: str) -> None:
    game_js, data_js, data = built
    kp = _keypoint(data, kp_id)
    with HeadlessGame(game_js, data_js) as g:
        assert kp.run(g)[0] is True
    assert game_js.count(rule) == 1
    with HeadlessGame(game_js.replace(rule, broken), data_js) as g:
        passed, message = kp.run(g)
    assert passed is False and message


def test_the_rules_agree_and_a_changed_js_rule_is_caught(built: tuple[str, str, dict[str, Any]]) -> None:
    game_js, data_js, data = built
    level = data["levels"][0]
    with HeadlessGame(game_js, data_js) as g:
        assert commands_qa.rules_agree(g, level, data["config"], random.Random(5)) is None
    rule = "w.x = Math.max(w.x, Math.min(w.x + (fev ? cfg.march_fever | 0 : cfg.march_step | 0), limit));"
    assert game_js.count(rule) == 1
    with HeadlessGame(game_js.replace(rule, rule.replace("w.x + (", "w.x + 1 + (")), data_js) as g:
        why = commands_qa.rules_agree(g, level, data["config"], random.Random(5))
    assert why is not None and "the game has" in why


def test_the_bot_wins_level_one(built: tuple[str, str, dict[str, Any]]) -> None:
    game_js, data_js, data = built
    with HeadlessGame(game_js, data_js) as g:
        result = REGISTRY["rhythm"].play_level_one(g, data["levels"][0], data["config"])
        assert result.won, result.detail
        assert g.state()["level"] == 2 or g.state()["status"] == "won"
        assert g.errors() == []


# ---- a real browser --------------------------------------------------------------------------------------


@pytest.mark.browser
def test_real_arrow_keys_drum_a_march_in_chromium(tmp_path: Path, built: tuple[str, str, dict[str, Any]],
                                                  planned: Any) -> None:
    from browser import GamePage, fresh, launch, world

    files = build_bundle(planned)
    for name, blob in files.items():
        if name.startswith("game/"):
            (tmp_path / name[5:]).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name[5:]).write_bytes(blob)
    keys = {"left": "ArrowLeft", "up": "ArrowUp", "down": "ArrowDown", "right": "ArrowRight"}
    book = {c["id"]: c["pattern"] for c in built[2]["config"]["book"]}
    with launch() as browser:
        g = GamePage(browser, tmp_path)
        fresh(g)
        for i, d in enumerate(book["march"]):
            t = world(g, f"Maestro.rhythmModes.commands.qa.beatFrame(window.maestro.game, w, {i})")
            g.page.evaluate(f"(() => {{ const m = window.maestro; while (m.world().f < {t - 1}) m.step(1); }})()")
            g.page.keyboard.down(keys[commands.DRUM_KEYS[d]])
            g.page.evaluate("window.maestro.step(1)")
            g.page.keyboard.up(keys[commands.DRUM_KEYS[d]])
        assert world(g, "w.commands") == 1 and world(g, "w.counts") == [4, 0, 0]
        t = world(g, "Maestro.rhythmModes.commands.qa.beatFrame(window.maestro.game, w, 7)")
        g.page.evaluate(f"(() => {{ const m = window.maestro; while (m.world().f < {t + 20}) m.step(1); }})()")
        assert world(g, "w.x") == 4 * built[2]["config"]["march_step"]
        assert g.canvas_colors() > 8
        g.page.locator("#game").screenshot(path=str(tmp_path / "commands.png"))
        assert g.errors == []
        g.close()


def test_after_a_pause_the_beats_follow_the_restarted_music(built: tuple[str, str, dict[str, Any]]) -> None:
    """The runtime starts its music over on resume: the rest of the song is re-anchored on the music's
    next bar line (from the next measure), and a command drummed on the new beats still works."""
    game_js, data_js, data = built
    qa = "Maestro.rhythmModes.commands.qa"
    with HeadlessGame(game_js, data_js) as g:
        g.step(300)
        for _ in range(2):  # pause, then resume: the music restarts from its beginning
            g.press("pause", True)
            g.step(1)
            g.press("pause", False)
            g.step(5)
        f, nxt, p, k0 = g.js("(function () { var w = __game.world(); return [w.f, w.next, w.p, w.k0]; })()")
        assert k0 % 4 == 0 and k0 == nxt and p < 0
        start = g.js(f"{qa}.beatFrame(__game.game, __game.world(), {k0})")
        assert start > f and (start + p) % rules.frame_of(8, data["levels"][0]["bpm"]) <= 1  # on a bar line
        march = next(c["pattern"] for c in data["config"]["book"] if c["id"] == "march")
        for i, d in enumerate(march):
            t = g.js(f"{qa}.beatFrame(__game.game, __game.world(), {k0 + i})")
            while g.js("__game.world().f") < t - 1:
                g.step(1)
            g.press(commands.DRUM_KEYS[d], True)
            g.step(1)
            g.press(commands.DRUM_KEYS[d], False)
        assert g.js("__game.world().commands") == 1
        assert g.errors() == []
