"""The sports family: a target round (aim and power against the wind and the distance, rings that score,
a rival's score to beat before the shots run out) and a timing bout (Space inside a sweeping window wears
the opponent down, misses and guards cost stamina, Down dodges the telegraphed strikes, rounds run out).
Its words and config from a GDD, the integer rules, the strategies that prove every level (and that not
aiming, or doing nothing, loses), keypoints that fail on a broken game, the JS/Python agreement, and
(marked browser) both games won on level 1 in a real Chromium with the keys, and the touch pad. The
conformance suite runs the bot, every keypoint and the agreement too, on its own GDD."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.static import load_data_js
from maestro.gdd import parse_gdd
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY
from maestro.genres.sports import rules, target, timing
from maestro.genres.sports.target import LAUNCH, RING_POINTS, Range, crossing, points
from maestro.genres.sports.timing import COOL, DODGE_COST, GUARD, REST, STAMINA, Bout
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
GENRE = REGISTRY["sports"]
ARCHERY, BOXING, FISHING = ("sports_target_reed_archers.md", "sports_timing_harbor_bout.md",
                            "sports_timing_pike_lake.md")
SHOTS = Path("/tmp/h4shots")


def req(index: int) -> LevelRequest:
    return LevelRequest(index=index, count=3, difficulty=1.0 + 0.3 * index)


def spec_of(name: str) -> Any:
    return parse_gdd((FIXTURES / name).read_text(encoding="utf-8"), source_name=name)


# ---- words and config --------------------------------------------------------------------------

def test_the_fixture_gdds_route_to_their_modes_with_their_own_names() -> None:
    archery = spec_of(ARCHERY)
    assert (archery.genre, archery.mode, archery.genre_note) == ("sports", "target", "")
    cfg = rules.config_for(archery)
    assert cfg["rival"] == "Baron Hale"
    assert [t["name"] for t in cfg["targets"]][0] == "Straw Target"
    assert "Baron Hale" not in [t["name"] for t in cfg["targets"]]
    boxing = spec_of(BOXING)
    assert (boxing.genre, boxing.mode) == ("sports", "timing")
    assert rules.config_for(boxing)["opponent"] == "Iron Tess" and not rules.config_for(boxing)["fish"]
    fishing = spec_of(FISHING)
    assert (fishing.genre, fishing.mode) == ("sports", "timing")
    cfg = rules.config_for(fishing)
    assert (cfg["opponent"], cfg["fish"], cfg["words"]["hit"]) == ("Old Pike", True, "REEL")


def test_a_sport_named_in_so_many_words_picks_its_mode_and_other_games_stay_theirs() -> None:
    darts = parse_gdd("# Pub Darts\nPub Darts is a sports game: throw darts at the dartboard and hit the bullseye.\n")
    assert (darts.genre, darts.mode) == ("sports", "target")
    bout = parse_gdd("# Ring Kings\nRing Kings is a boxing game: punch when the timing bar lines up, dodge the jabs, mind your stamina.\n")
    assert (bout.genre, bout.mode) == ("sports", "timing")
    shooter = parse_gdd("# Star Lance\nStar Lance is a shooter: fly your ship, shoot the target drones, dodge the "
                        "asteroids and beat the boss at the end of each wave.\n")
    assert shooter.genre == "shooter"


# ---- the target's rules ------------------------------------------------------------------------

def one_shot(dist: int = 4000, height: int = 150, wind: int = 0, **kw: Any) -> dict[str, Any]:
    lv = {"mode": "target", "shots": [{"dist": dist, "height": height, "wind": wind}], "ring": 40, "goal": 100}
    lv.update(kw)
    return lv


def test_aim_and_power_move_and_stop_at_their_ends_and_carry_over() -> None:
    r = Range.start(one_shot(shots=[{"dist": 4000, "height": 150, "wind": 0}] * 2))
    assert [r.press("up"), r.press("right")] == ["aim", "power"] and (r.aim, r.power) == (7, 11)
    for _ in range(30):
        r.press("down")
        r.press("left")
    assert (r.aim, r.power) == (0, 1)
    assert r.press("action") == "miss" and r.last == -2  # power 1 falls short
    assert (r.shot, r.aim, r.power) == (1, 0, 1)


def test_a_shot_scores_by_its_rings_and_the_wind_moves_it() -> None:
    assert crossing(0, 1, 0, 4000) is None
    assert points(150, 150, 40) == 10 and points(190, 150, 40) == 10 and points(191, 150, 40) == 5
    assert points(270, 150, 40) == 2 and points(271, 150, 40) == 0 and points(None, 150, 40) == 0
    a, p = next((a, p) for a in range(15) for p in range(1, 21) if points(crossing(a, p, 0, 4000), 150, 40) == 10)
    calm, tail, head = (crossing(a, p, w, 4000) for w in (0, 3, -3))
    assert tail is not None and calm is not None and (head is None or head < calm < tail)  # a tailwind carries it higher
    # a shot leaves from the athlete's shoulder: a centimetre out it crosses at the launch height
    assert crossing(6, 10, 0, 1) == LAUNCH


def test_beating_the_score_wins_at_once_and_the_last_shot_short_loses() -> None:
    a, p = next((a, p) for a in range(15) for p in range(1, 21) if points(crossing(a, p, 0, 4000), 150, 40) == 10)
    r = Range.start(one_shot(shots=[{"dist": 4000, "height": 150, "wind": 0}] * 3, goal=10, aim=a, power=p))
    assert r.press("action") == "bull" and r.won and r.shot == 1
    assert r.press("action") == ""  # nothing after the win
    lost = Range.start(one_shot(shots=[{"dist": 4000, "height": 150, "wind": 0}] * 2, goal=11, aim=a, power=p))
    lost.press("action")
    assert not lost.over
    for _ in range(20):
        lost.press("left")  # power 1: short
    lost.press("action")
    assert lost.over and not lost.won and lost.score >= RING_POINTS[0]


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_every_round_is_won_by_sighting_and_lost_by_shooting_without_aiming(index: int) -> None:
    cfg = rules.config_for(spec_of(ARCHERY))
    lv = rules.generate(req(index), cfg, random.Random(index))
    proof = rules.solve(lv, cfg)
    assert proof is not None
    end, keys = target.sight(lv)
    assert end.won and keys == proof["keys"] and end.score >= lv["goal"]
    idle = Range.start(lv)
    while not (idle.won or idle.over):
        idle.press("action")
    assert idle.over and not idle.won
    assert lv["targets"] == cfg["targets"] and all(0 <= s["kind"] < len(cfg["targets"]) for s in lv["shots"])


# ---- the timing bout's rules -------------------------------------------------------------------

def bout(**kw: Any) -> dict[str, Any]:
    lv = {"mode": "timing", "speed": 20, "width": 200, "windows": [400], "strikes": [], "round": 600, "rounds": 3,
          "miss": 15, "pull": 20, "fight": 5}
    lv.update(kw)
    return lv


def test_the_marker_sweeps_and_bounces_and_space_hits_only_inside_the_window() -> None:
    b = Bout.start(bout())
    for _ in range(19):
        b.step(set())
    assert (b.pos, b.way) == (380, 1)
    assert b.step({"action"}) == "hit" and (b.pos, b.fight, b.score, b.cool) == (400, 4, 10, COOL)
    assert b.step({"action"}) == "" and b.fight == 4  # resting: a second press is nothing
    for _ in range(COOL):
        b.step(set())
    assert b.step({"action"}) == "miss" and b.stamina == STAMINA - 15 and b.fight == 4
    for _ in range(20):
        b.step(set())
    assert (b.f, b.pos, b.way) == (60, 800, -1)  # it bounced off the far end on frame 50


def test_a_guard_dodges_a_strike_an_open_one_takes_it_and_rounds_rest_and_run_out() -> None:
    b = Bout.start(bout(strikes=[30, 60], round=100, rounds=2))
    for i in range(60):  # Down on frame 19: its guard still up on frame 30, the strike's
        b.step({"down"} if i == 30 - GUARD else set())
    assert (b.dodged, b.taken, b.stamina) == (1, 1, STAMINA - DODGE_COST - 20)
    early = Bout.start(bout(strikes=[30], round=100))
    for i in range(31):  # a frame sooner, the guard is down again when the strike lands
        early.step({"down"} if i == 29 - GUARD else set())
    assert (early.dodged, early.taken) == (0, 1)
    for _ in range(40):
        b.step(set())
    assert b.round == 2 and b.stamina == min(STAMINA, STAMINA - DODGE_COST - 20 + REST)
    while not b.over:
        b.step(set())
    assert b.round == 3 and not b.won


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_every_bout_is_won_by_timing_and_lost_by_doing_nothing(index: int) -> None:
    cfg = rules.config_for(spec_of(BOXING))
    lv = rules.generate(req(index), cfg, random.Random(index))
    proof = rules.solve(lv, cfg)
    assert proof is not None
    end, taps = timing.timed(lv)
    assert end.won and {str(f): k for f, k in taps.items()} == proof["taps"]
    assert lv["opponent"] == "Iron Tess"
    idle = timing.idle(lv)
    assert idle.over and not idle.won
    mash = Bout.start(lv)  # Space on every frame it is rested: the misses wear the athlete out first
    while not (mash.won or mash.over):
        mash.step({"action"})
    assert mash.over and not mash.won


# ---- the fixtures built: the bot, keypoints that fail on a broken game, agreement ----------------

def _files(name: str) -> dict[str, bytes]:
    spec = spec_of(name)
    return build_bundle(orchestrator.plan(spec, 5, orchestrator.project_id(spec, 5)))


def _build(name: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    files = _files(name)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return files, data


@pytest.fixture(scope="module")
def archery_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _build(ARCHERY)


@pytest.fixture(scope="module")
def boxing_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _build(BOXING)


@pytest.fixture(scope="module")
def fishing_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _build(FISHING)


def _game(files: dict[str, bytes], broken: tuple[str, str] | None = None) -> HeadlessGame:
    game_js = files["game/game.js"].decode("utf-8")
    if broken:
        assert broken[0] in game_js
        game_js = game_js.replace(broken[0], broken[1])
    return HeadlessGame(game_js, files["game/data.js"].decode("utf-8"))


def _run(bundle: Any, kp_id: str, broken: tuple[str, str] | None = None) -> tuple[bool | None, str]:
    files, data = bundle
    kp = next(k for k in GENRE.keypoints(data["spec"], data["config"], data["levels"]) if k.id == kp_id)
    with _game(files, broken) as g:
        return kp.run(g)


def test_the_fixture_games_are_won_by_their_bots_and_agree_with_the_rules(archery_bundle: Any, boxing_bundle: Any,
                                                                          fishing_bundle: Any) -> None:
    for files, data in (archery_bundle, boxing_bundle, fishing_bundle):
        with _game(files) as g:
            result = GENRE.play_level_one(g, data["levels"][0], data["config"])
            assert result.won, result.detail
            assert g.state()["level"] == 2
            for i, level in enumerate(data["levels"]):
                assert GENRE.rules_agree(g, level, data["config"], random.Random(i)) is None
            assert g.errors() == []
        for kp in GENRE.keypoints(data["spec"], data["config"], data["levels"]):
            with _game(files) as g:
                passed, message = kp.run(g)
            assert passed is True, f"{kp.id}: {message}"


def test_doing_nothing_in_the_real_game_loses_the_bout(boxing_bundle: Any) -> None:
    files, data = boxing_bundle
    with _game(files) as g:
        lv = data["levels"][0]
        st = g.step(lv["round"] * lv["rounds"] + 5)
        assert st["status"] == "lost" and st["last_loss"] in ("the last round ended", "out of stamina")


@pytest.mark.parametrize("kp_id, broken", [
    ("aim_and_power", ("if (k === 'up') { m.aim = Math.min(AIMS - 1, m.aim + 1); return 'aim'; }",
                       "if (k === 'up') { m.aim = m.aim + 1; return 'aim'; }")),
    ("sport_scores", ("if (off <= ring * (k + 1)) return RING_POINTS[k];", "if (off <= ring * (k + 2)) return RING_POINTS[k];")),
    ("wind_drifts", ("vy -= GRAVITY; vx += wind * WIND;", "vy -= GRAVITY;")),
    ("score_to_beat_wins", ("if (m.score >= m.goal) m.won = true;", "if (m.score > m.goal) m.won = true;")),
    ("shots_run_out_loses", ("else if (m.shot >= m.shots.length) m.over = true;", "")),
])
def test_a_target_keypoint_fails_on_a_broken_rule(archery_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    assert _run(archery_bundle, kp_id)[0] is True
    passed, message = _run(archery_bundle, kp_id, broken)
    assert passed is False and message


@pytest.mark.parametrize("kp_id, broken", [
    ("sport_scores", ("if (lo <= m.pos && m.pos <= lo + m.width) {", "if (true) {")),
    ("stamina_spent", ("m.stamina = Math.max(0, m.stamina - DODGE_COST);", "m.stamina = Math.max(0, m.stamina);")),
    ("bout_lost", ("m.stamina = Math.max(0, m.stamina - m.miss);", "m.stamina = Math.max(1, m.stamina - m.miss);")),
    ("dodge_guards", ("if (m.guard > 0) { m.dodged++;", "if (m.guard > 99) { m.dodged++;")),
    ("opponent_down_wins", ("if (m.fight <= 0) { m.won = true; return 'won'; }", "")),
    ("bout_lost", ("if (m.round > m.rounds) { m.over = true;", "if (m.round > m.rounds + 9) { m.over = true;")),
])
def test_a_timing_keypoint_fails_on_a_broken_rule(boxing_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    assert _run(boxing_bundle, kp_id)[0] is True
    passed, message = _run(boxing_bundle, kp_id, broken)
    assert passed is False and message


@pytest.mark.parametrize("which, broken", [
    ("target", ("var AIMS = CX.length, MAX_POWER = 20, GRAVITY = 50,", "var AIMS = CX.length, MAX_POWER = 20, GRAVITY = 51,")),
    ("timing", ("var BAR = 1000, STAMINA = 100, COOL = 18,", "var BAR = 1000, STAMINA = 100, COOL = 17,")),
])
def test_rules_agree_catches_a_drifted_rule(archery_bundle: Any, boxing_bundle: Any, which: str,
                                            broken: tuple[str, str]) -> None:
    files, data = {"target": archery_bundle, "timing": boxing_bundle}[which]
    with _game(files, broken) as g:  # the conformance suite's three rng seeds: one of them finds it
        found = [GENRE.rules_agree(g, data["levels"][0], data["config"], random.Random(seed)) for seed in range(3)]
    assert any(why is not None for why in found)


# ---- in Chromium ------------------------------------------------------------------------------------

# Level 1's timing proof tapped through the contract's press() on the world's own frames, in the page.
_TAP_PROOF = """(taps) => {
  const m = window.maestro;
  for (let i = 0; i < 4000; i++) {
    const s = m.state(), w = m.world();
    if (s.level !== 1 || s.status !== 'playing') return s;
    const ks = taps[String(w.f)] || [];
    ks.forEach(k => m.press(k, true));
    m.step(1);
    ks.forEach(k => m.press(k, false));
  }
  return m.state();
}"""


@pytest.mark.browser
def test_both_modes_win_level_one_with_the_keyboard_and_play_with_the_touch_pad_in_chromium(tmp_path: Path,
                                                                                           browser: Any) -> None:
    from browser import GamePage, fresh, world

    SHOTS.mkdir(parents=True, exist_ok=True)
    keymap = {"up": "ArrowUp", "down": "ArrowDown", "left": "ArrowLeft", "right": "ArrowRight", "action": "Space"}
    for name, gdd in (("target", ARCHERY), ("timing", BOXING)):
        files = _files(gdd)  # (built here: reading data.js in V8 inside Playwright's event loop is refused)
        out = tmp_path / name
        for path, blob in files.items():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_bytes(blob)
        manifest = json.loads(files["game/manifest.json"])  # (the level's own file: data.js needs V8, see above)
        asset = next(a for a in manifest["assets"] if a["kind"] == "level" and a["name"] == "level0")
        level = json.loads(files[f"game/{asset['path']}"])
        g = GamePage(browser, out / "game")
        assert g.state()["genre"] == "sports"
        fresh(g)
        if name == "target":
            end, keys = target.sight(level)
            for i, k in enumerate(keys):  # the sighting proof on the real keyboard
                g.page.keyboard.press(keymap[k])
                g.page.evaluate("window.maestro.step(2)")
                if i == len(keys) // 2:
                    g.page.evaluate("window.maestro.step(30)")  # the last arrow's flight drawn
                    g.page.screenshot(path=str(SHOTS / f"{name}_mid_round.png"))
            st = g.page.evaluate("window.maestro.step(120)")
        else:
            end, taps = timing.timed(level)
            g.page.evaluate("window.maestro.start(1)")  # the proof counts frames from the level's first
            st = g.page.evaluate(_TAP_PROOF, {str(f): ks for f, ks in taps.items()})
            st = g.page.evaluate("window.maestro.step(120)")
        assert st["level"] == 2 or st["status"] == "won", f"{name}: the proof did not win level 1 in Chromium: {st}"
        assert st["score"] >= (level["goal"] if name == "target" else 0)
        g.close()
        # the keyboard and the touch pad: their buttons press the same actions
        g = GamePage(browser, out / "game", query="?autostart=1&mute=1&touch=1")
        fresh(g)
        action = "up" if name == "target" else "down"
        g.page.locator(f'#touch [data-action="{action}"]').dispatch_event("pointerdown")
        g.page.evaluate("window.maestro.step(1)")
        g.page.locator(f'#touch [data-action="{action}"]').dispatch_event("pointerup")
        g.page.evaluate("window.maestro.step(1)")
        if name == "target":
            assert world(g, "w.aim") == level["aim"] + 1, "the touch pad's Up didn't raise the aim"
        else:
            assert world(g, "w.guard") > 0, "the touch pad's Down didn't raise a guard"
        g.page.evaluate("window.maestro.manual(false)")
        g.page.wait_for_timeout(300)
        assert g.canvas_colors() > 5
        g.page.screenshot(path=str(SHOTS / f"{name}_playing.png"))
        assert g.errors == []
        g.close()
