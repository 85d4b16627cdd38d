"""The fighting family: a side-view duel (health bars, best of three rounds, a round timer) and a platform
fighter (percent that makes knockback grow, ring-outs past the blast zone, stocks), each against a CPU
opponent whose style (aggressive, defensive, ranged) is the GDD's. Its words and config from a GDD, the
integer rules, the strategy that proves every level (and that doing nothing loses), keypoints that fail on
a broken game, the JS/Python agreement, and (marked browser) level 1 won in a real Chromium, the keyboard
and the touch pad pressing the fighter's moves. The conformance suite runs the bot, every keypoint and the
agreement too, on its own GDD."""

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
from maestro.genres.fighting import rules
from maestro.genres.fighting.rules import BREAK, HEALTH, MOVES, SUB, Match
from maestro.genres.headless import HeadlessGame
from maestro.genres.registry import REGISTRY
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
GENRE = REGISTRY["fighting"]
DUEL, PLATFORM = "fighting_duel_lantern_alley.md", "fighting_platform_cloud_ring.md"
SHOTS = Path("/tmp/h8shots")


def spec_of(name: str) -> Any:
    return parse_gdd((FIXTURES / name).read_text(encoding="utf-8"), source_name=name)


def level(mode: str = "duel", **kw: Any) -> dict[str, Any]:
    lv = {"mode": mode, "style": "still", "think": 8, "need": 2, "round": 1800, "air_jumps": 0, "weight": 100,
          "cpu_hp": HEALTH}
    lv.update(kw)
    return lv


def play(lv: dict[str, Any], hold: list[list[str]]) -> Match:
    m = Match.start(lv)
    for keys in hold:
        m.step(set(keys))
    return m


WALK_IN = [["right"]] * 45  # 120 px apart at the start, 2 px a frame: inside a jab's reach


# ---- words and config --------------------------------------------------------------------------

def test_the_fixture_gdds_route_to_their_modes_with_their_fighters_and_styles() -> None:
    duel = spec_of(DUEL)
    assert (duel.genre, duel.mode, duel.genre_note, duel.player.name) == ("fighting", "duel", "", "Kestrel")
    cfg = rules.config_for(duel)
    assert [(o["name"], o["style"], o["said"]) for o in cfg["opponents"]] == [
        ("Brick Mahone", "aggressive", True), ("Sister Vey", "defensive", True), ("Old Ash", "ranged", True)]
    assert (cfg["need"], cfg["air_jumps"]) == (2, 0)
    platform = spec_of(PLATFORM)
    assert (platform.genre, platform.mode, platform.player.name) == ("fighting", "platform", "Pip")
    cfg = rules.config_for(platform)
    assert [(o["name"], o["style"]) for o in cfg["opponents"]] == [("Gale Hound", "aggressive"), ("Mistwarden", "ranged")]
    assert (cfg["need"], cfg["air_jumps"]) == (2, 1)  # "2 lives, its stocks"; a platform fighter jumps again in the air
    levels = [rules.generate(LevelRequest(index=i, count=3), cfg, random.Random(i)) for i in range(3)]
    assert [lv["opponent"] for lv in levels] == ["Gale Hound", "Mistwarden", "Gale Hound"]
    assert levels[0]["think"] > levels[2]["think"]  # the third opponent reacts faster


def test_a_fighting_game_named_so_is_built_as_one_and_other_games_stay_theirs() -> None:
    fight = parse_gdd("# Dock Brawl\nDock Brawl is a fighting game: two fighters trade punches and kicks over three "
                      "rounds.\n\n## Enemies\n- Hook: a defensive sailor who blocks and counters\n")
    assert (fight.genre, fight.mode) == ("fighting", "duel")
    assert rules.config_for(fight)["opponents"][0]["style"] == "defensive"
    smash = parse_gdd("# Sky Scrap\nSky Scrap is a platform fighter: knock your rivals off the stage to take their stocks.\n")
    assert (smash.genre, smash.mode) == ("fighting", "platform")
    boxing = spec_of("sports_timing_harbor_bout.md")  # a boxing sport: its timing bout, not a brawl
    assert (boxing.genre, boxing.mode) == ("sports", "timing")
    hop = parse_gdd("# Pebble Hop\nPebble Hop is a platformer. Pebble jumps between lily pads and avoids herons.\n")
    assert hop.genre == "platformer"


# ---- the rules ---------------------------------------------------------------------------------

def test_light_and_heavy_attacks_in_reach_take_health_and_a_press_attacks_once() -> None:
    m = play(level(), WALK_IN + [["action"]] * 40)  # Space held: one light attack, not one every 14 frames
    assert (m.hits, m.c.hp) == (1, HEALTH - MOVES["light"][3])
    m = play(level(), WALK_IN + [["action"]] + [[]] * 20 + [["undo"]] + [[]] * 40)
    assert m.hits == 2 and m.c.hp == HEALTH - MOVES["light"][3] - MOVES["heavy"][3]
    far = play(level(), [["action"]] + [[]] * 20)  # 120 px away: out of reach
    assert (far.hits, far.c.hp) == (0, HEALTH)


def test_holding_down_blocks_the_attacks_it_faces() -> None:
    lv = level(style="aggressive", think=6)
    guarded = play(lv, [["down"]] * 400)
    assert guarded.blocked >= 2 and guarded.taken == 0 and guarded.p.hp == HEALTH
    open_ = play(lv, [[]] * 400)
    assert open_.taken >= 2 and open_.p.hp < HEALTH


def test_knockback_grows_with_percent_in_the_platform_fighter() -> None:
    launched = []
    for pct in (0, 50, 120):
        m = play(level("platform", pct0=pct), WALK_IN + [["undo"]] + [[]] * MOVES["heavy"][0])
        assert m.c.pct == pct + MOVES["heavy"][3] and m.c.hp == HEALTH  # percent, not health
        launched.append(abs(m.c.vx))
    assert launched[0] < launched[1] < launched[2]
    heavier = play(level("platform", pct0=120, weight=200), WALK_IN + [["undo"]] + [[]] * MOVES["heavy"][0])
    assert abs(heavier.c.vx) < launched[2]  # weight makes it smaller


def test_a_ring_out_or_a_fall_takes_a_stock_and_the_stocks_needed_take_the_match() -> None:
    m = play(level("platform", pct0=300, need=2), WALK_IN + [["action"]] + [[]] * 60)
    assert (m.p.wins, m.c.wins, m.round, m.won) == (1, 0, 2, False)
    assert m.c.x > rules.ARENA or m.c.y < 0  # it flew, it was not judged on the stage
    m = play(level("platform", pct0=300, need=2), WALK_IN + [["action"]] + [[]] * (60 + BREAK) + WALK_IN + [["action"]] + [[]] * 60)
    assert m.won
    fell = play(level("platform"), [["left"]] * 120)
    assert fell.c.wins == 1 and fell.p.pct == 0
    walled = play(level("duel"), [["left"]] * 200)  # the duel's ring has walls: no falling out of it
    assert walled.c.wins == 0 and walled.p.x == rules.WALL_L + rules.HALF


def test_a_knock_out_takes_the_round_and_the_clock_gives_it_to_the_fighter_ahead() -> None:
    m = play(level(cpu_hp=MOVES["light"][3]), WALK_IN + [["action"]] + [[]] * 10)
    assert (m.p.wins, m.round, m.pause > 0) == (1, 2, True)
    ahead = play(level(round=120), WALK_IN + [["action"]] + [[]] * 80)
    assert (ahead.p.wins, ahead.c.wins) == (1, 0)
    level_round = play(level(round=120), [[]] * 121)
    assert (level_round.p.wins, level_round.c.wins) == (0, 1)  # a tie goes to the opponent


def test_every_style_of_opponent_is_beaten_by_the_strategy_and_beats_a_player_who_does_nothing() -> None:
    for mode in rules.MODES:
        for style in rules.STYLES:
            cfg = {"mode": mode, "opponents": [{"name": "Foe", "slug": "", "style": style}], "need": 2, "air_jumps": 1}
            for i in range(3):
                lv = rules.generate(LevelRequest(index=i, count=3), cfg, random.Random(i))
                proof = rules.solve(lv, cfg)
                assert proof is not None, f"{mode}/{style} level {i + 1} has no proof"
                replayed = play(lv, rules.unruns(proof["runs"]))
                assert replayed.won and replayed.f == proof["frames"]
                assert rules.idle(lv).over, f"{mode}/{style} level {i + 1}: doing nothing does not lose"


def test_the_styles_play_as_they_say() -> None:
    def opening(style: str, hold: list[list[str]]) -> list[Match]:
        m, seen = Match.start(level(style=style)), []
        for keys in hold:
            m.step(set(keys))
            seen.append(Match(**{**m.__dict__, "p": rules.Fighter(**m.p.__dict__), "c": rules.Fighter(**m.c.__dict__)}))
        return seen

    aggressive = opening("aggressive", [[]] * 120)
    assert any(s.c.act for s in aggressive) and aggressive[-1].c.x < rules.SPAWN_R
    ranged = opening("ranged", [[]] * 200)
    assert any(s.shot_x >= 0 for s in ranged) and not any(s.c.act for s in ranged)
    assert min(abs(s.c.x - s.p.x) for s in ranged) >= 100 * SUB
    defensive = opening("defensive", [["right"]] * 40 + [["action"], []] * 40)
    assert any(s.c.block for s in defensive)


# ---- the built game ------------------------------------------------------------------------------

def _files(name: str) -> dict[str, bytes]:
    spec = spec_of(name)
    return build_bundle(orchestrator.plan(spec, 3, orchestrator.project_id(spec, 3)))


def _build(name: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    files = _files(name)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return files, data


@pytest.fixture(scope="module")
def duel_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _build(DUEL)


@pytest.fixture(scope="module")
def platform_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _build(PLATFORM)


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


def test_the_fixture_games_are_won_by_their_bots_pass_their_keypoints_and_agree_with_the_rules(
        duel_bundle: Any, platform_bundle: Any) -> None:
    for files, data in (duel_bundle, platform_bundle):
        assert [lv["opponent"] for lv in data["levels"]][:2] == [o["name"] for o in data["config"]["opponents"]][:2]
        with _game(files) as g:
            result = GENRE.play_level_one(g, data["levels"][0], data["config"])
            assert result.won, result.detail
            assert g.state()["level"] == 2
            for i, lv in enumerate(data["levels"]):
                assert GENRE.rules_agree(g, lv, data["config"], random.Random(i)) is None
            assert g.errors() == []
        ids = []
        for kp in GENRE.keypoints(data["spec"], data["config"], data["levels"]):
            ids.append(kp.id)
            with _game(files) as g:
                passed, message = kp.run(g)
            assert passed is True, f"{kp.id}: {message}"
        assert {"attacks_land", "block_guards", "ko_takes_round", "rounds_follow", "opponent_style"} <= set(ids)
        assert ("knockback_grows" in ids) == ("ring_out" in ids) == (data["config"]["mode"] == "platform")


def test_the_gdds_time_limit_is_each_rounds_clock_not_the_whole_matchs() -> None:
    spec = parse_gdd("# Alley Kings\nAlley Kings is a fighting game. Each round has a 20 second round timer. Best of "
                     "three rounds.\n\n## Enemies\n- Rook: a defensive boxer who blocks and counters\n")
    assert (spec.genre, spec.time_limit, rules.config_for(spec)["round_seconds"]) == ("fighting", 20, 20)
    files = build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))
    data, _ = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None
    lv = data["levels"][0]
    assert lv["round"] == 20 * 60 - 1  # a round ends a frame before the runtime's clock would
    with _game(files) as g:
        result = GENRE.play_level_one(g, lv, data["config"])
        assert result.won, result.detail
    assert result.frames > 20 * 60 * 1.5  # a match longer than the time limit, never cut short by it


def test_doing_nothing_in_the_real_game_loses_the_match(duel_bundle: Any) -> None:
    files, data = duel_bundle
    with _game(files) as g:
        st = g.step(rules.idle(data["levels"][0]).f + 5)
        assert st["status"] == "lost" and st["last_loss"] in ("knocked out", "time ran out behind")


@pytest.mark.parametrize("kp_id, broken", [
    ("attacks_land", ("me.hp = Math.max(0, me.hp - damage); kb = bkb;", "me.hp = Math.max(0, me.hp - 1); kb = bkb;")),
    ("block_guards", ("if (d.block && d.face === -side) {", "if (false) {")),
    ("ko_takes_round", ("if (out(m, m.c) && !out(m, m.p)) return takeRound(m, true, 'ko');", "")),
    ("rounds_follow", ("var ahead = m.mode === 'duel' ? m.p.hp > m.c.hp", "var ahead = m.mode === 'duel' ? m.p.hp < m.c.hp")),
    ("opponent_style", ("if (dist > (MOVES.light[2] - 4) * SUB) keys[toward] = true;\n      else keys[fdiv(m.f, m.think) % 3 === 2 ? 'undo' : 'action'] = true;",
                        "if (dist > (MOVES.light[2] - 4) * SUB) keys[toward] = true;")),
    ("jumps", ("if (me.ground) { me.vy = JUMP; me.ground = false; }", "if (me.ground) { me.vy = 0; }")),
])
def test_a_duel_keypoint_fails_on_a_broken_rule(duel_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    assert _run(duel_bundle, kp_id)[0] is True
    passed, message = _run(duel_bundle, kp_id, broken)
    assert passed is False and message


@pytest.mark.parametrize("kp_id, broken", [
    ("knockback_grows", ("kb = fdiv((bkb + fdiv(skb * me.pct, 100)) * 100, m.weight);", "kb = fdiv(bkb * 100, m.weight);")),
    ("ring_out", ("return me.x < -BLAST_X || me.x > ARENA + BLAST_X || me.y < -BLAST_Y;", "return false;")),
    ("air_jump", ("else if (me.jumps > 0) { me.vy = AIR_JUMP; me.jumps--; }", "")),
    ("opponent_takes_match", ("if (winner.wins >= m.need) {", "if (winner.wins >= m.need + 9) {")),
])
def test_a_platform_keypoint_fails_on_a_broken_rule(platform_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    assert _run(platform_bundle, kp_id)[0] is True
    passed, message = _run(platform_bundle, kp_id, broken)
    assert passed is False and message


def test_rules_agree_catches_a_drifted_rule(platform_bundle: Any) -> None:
    files, data = platform_bundle
    with _game(files, ("var GRAVITY = 5, MAX_FALL", "var GRAVITY = 6, MAX_FALL")) as g:
        found = [GENRE.rules_agree(g, data["levels"][0], data["config"], random.Random(seed)) for seed in range(3)]
    assert all(why is not None and "frame" in why for why in found)


def test_the_same_seed_gives_the_same_bytes(duel_bundle: Any) -> None:
    files, _ = duel_bundle
    again, _ = _build(DUEL)
    assert {k: v for k, v in again.items()} == files


# ---- in Chromium ------------------------------------------------------------------------------------

# Level 1's proof held through the contract's press() on the world's own frames, in the page.
_HOLD_PROOF = """(hold) => {
  const m = window.maestro, held = {};
  for (let i = 0; i < 20000; i++) {
    const s = m.state(), w = m.world();
    if (s.level !== 1 || s.status !== 'playing') return s;
    const want = {};
    (hold[w.f] || []).forEach(k => { want[k] = true; });
    Object.keys(held).forEach(k => { if (!want[k]) { m.press(k, false); delete held[k]; } });
    Object.keys(want).forEach(k => { if (!held[k]) { m.press(k, true); held[k] = true; } });
    m.step(1);
  }
  return m.state();
}"""


@pytest.mark.browser
def test_both_modes_win_level_one_and_the_keyboard_and_touch_pad_fight_in_chromium(tmp_path: Path, browser: Any) -> None:
    from browser import GamePage, fresh, world

    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, gdd in (("duel", DUEL), ("platform", PLATFORM)):
        files = _files(gdd)  # (built here: reading data.js in V8 inside Playwright's event loop is refused)
        out = tmp_path / name
        for path, blob in files.items():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_bytes(blob)
        manifest = json.loads(files["game/manifest.json"])
        asset = next(a for a in manifest["assets"] if a["kind"] == "level" and a["name"] == "level0")
        lv = json.loads(files[f"game/{asset['path']}"])
        proof = rules.solve(lv, {})
        assert proof is not None
        g = GamePage(browser, out / "game")
        assert g.state()["genre"] == "fighting"
        fresh(g)
        g.page.evaluate("window.maestro.start(1)")  # the proof counts frames from the level's first
        st = g.page.evaluate(_HOLD_PROOF, rules.unruns(proof["runs"]))
        st = g.page.evaluate("window.maestro.step(120)")
        assert st["level"] == 2 or st["status"] == "won", f"{name}: the proof did not win level 1 in Chromium: {st}"
        assert st["score"] > 0
        g.close()
        # the keyboard: Space is a light attack, Z a heavy one, Down (held) a block
        g = GamePage(browser, out / "game")
        fresh(g)
        for key, want in (("Space", "'light'"), ("KeyZ", "'heavy'")):
            g.page.keyboard.down(key)
            g.page.evaluate("window.maestro.step(1)")
            g.page.keyboard.up(key)
            assert world(g, f"w.p.act === {want}"), f"{key} did not start a {want} attack"
            g.page.evaluate("window.maestro.step(40)")
        g.page.keyboard.down("ArrowDown")
        g.page.evaluate("window.maestro.step(2)")
        assert world(g, "w.p.block || w.p.stun > 0")
        g.page.keyboard.up("ArrowDown")
        g.page.evaluate("window.maestro.step(30)")
        g.page.screenshot(path=str(SHOTS / f"{name}_keyboard.png"))
        assert g.errors == []
        g.close()
        # the touch pad: its buttons press the same actions (the A button a light attack, the undo button a heavy)
        g = GamePage(browser, out / "game", query="?autostart=1&mute=1&touch=1")
        fresh(g)
        for action, expr in (("action", "w.p.act === 'light'"), ("undo", "w.p.act === 'heavy'")):
            g.page.locator(f'#touch [data-action="{action}"]').dispatch_event("pointerdown")
            g.page.evaluate("window.maestro.step(1)")
            g.page.locator(f'#touch [data-action="{action}"]').dispatch_event("pointerup")
            assert world(g, expr), f"the touch pad's {action} did not attack"
            g.page.evaluate("window.maestro.step(40)")
        g.page.evaluate("window.maestro.manual(false)")
        g.page.wait_for_timeout(600)
        assert g.canvas_colors() > 5
        g.page.screenshot(path=str(SHOTS / f"{name}_playing.png"))
        assert g.errors == []
        g.close()
