"""The idle family (genre "idle", mode "milestones"): a clicker with generators, rising prices, upgrades and
milestones against the clock.

The GDD's words route an idle game here with its own names (currency, the big thing, the generators);
the Python rules click, buy, raise prices, multiply and pay income as the docstring of rules.py says;
every level is won by the greedy strategy and lost by doing nothing or by clicking alone; on the real
JavaScript the bot wins level 1, the JS and the rules agree, each keypoint passes and fails when its rule
is broken; (marked browser) level 1 won in a real Chromium with the keyboard (number keys and Space), and
the mouse clicks the big thing and buys from the shop.
"""

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
from maestro.genres.idle import rules
from maestro.genres.idle.rules import FPS, Economy, next_cost
from maestro.genres.registry import REGISTRY
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
SHARED = Path(__file__).resolve().parents[2] / "shared" / "gdds"
GENRE = REGISTRY["idle"]
BAKERY, REEF = "idle_moon_bakery.md", "idle_coral_reef.md"
SHOTS = Path("/tmp/h10shots")


def spec_of(name: str) -> Any:
    return parse_gdd((FIXTURES / name).read_text(encoding="utf-8"), source_name=name)


def req(index: int) -> LevelRequest:
    return LevelRequest(index=index, count=3, difficulty=1.0 + 0.3 * index)


def level(**kw: Any) -> dict[str, Any]:
    lv = {"mode": "milestones", "gens": [{"name": "A", "cost": 10, "rate": 3}, {"name": "B", "cost": 40, "rate": 8}],
          "upgrades": [{"name": "click", "target": -1, "factor": 2, "cost": 20},
                       {"name": "A x3", "target": 0, "factor": 3, "cost": 30}],
          "click": 1, "start": 0, "goal": 10 ** 9, "frames": 3600}
    lv.update(kw)
    return lv


# ---- words and config --------------------------------------------------------------------------

def test_the_fixture_gdds_route_to_idle_with_their_own_names() -> None:
    bakery = spec_of(BAKERY)
    assert (bakery.genre, bakery.mode, bakery.genre_note) == ("idle", "milestones", "")
    cfg = rules.config_for(bakery)
    assert (cfg["currency"], cfg["clicked"]) == ("Crumbs", "Giant Muffin")
    assert [g["name"] for g in cfg["gens"]] == ["Apprentice", "Star Oven", "Crater Mill"]
    reef = spec_of(REEF)
    assert reef.genre == "idle"
    cfg = rules.config_for(reef)
    assert (cfg["currency"], cfg["clicked"]) == ("Shells", "Big Pearl")
    assert [g["name"] for g in cfg["gens"]] == ["Diver", "Crab Crew"]  # the currency itself is no thing to buy


@pytest.mark.skipif(not (SHARED / "58_love_entity.md").is_file(), reason="the shared GDDs are not here")
def test_love_entity_is_built_as_an_idle_game_of_love_and_its_big_heart() -> None:
    spec = parse_gdd((SHARED / "58_love_entity.md").read_text(encoding="utf-8"), source_name="58_love_entity")
    assert (spec.genre, spec.genre_note) == ("idle", "")
    cfg = rules.config_for(spec)
    assert (cfg["currency"], cfg["clicked"]) == ("Love", "Big heart")


def test_other_games_stay_theirs() -> None:
    farm = parse_gdd("# Sunny Acres\nSunny Acres is a farming game: plant seeds, water the crops and harvest them to "
                     "sell at the market before the season ends.\n")
    assert farm.genre == "simulation"
    # every game has clicks and upgrades: they alone make no idle game
    shooter = parse_gdd("# Star Lance\nStar Lance is a shooter: click to fire at the drones, buy upgrades for your "
                        "ship between waves and beat the boss.\n")
    assert shooter.genre == "shooter"


# ---- the rules -----------------------------------------------------------------------------------

def test_a_click_pays_by_hand_and_income_pays_every_second_with_its_remainder_kept() -> None:
    e = Economy.start(level(click=2))
    e.step(["action"])
    assert (e.bank, e.clicks) == (2, 1)
    e = Economy.start(level(start=10))
    assert e.step(["right"]) == "buy" and e.owned == [1, 0] and e.bank == 0
    for _ in range(FPS):
        e.step([])
    assert e.bank == 3 and e.acc == 300  # 3 a second: 61 frames of 3 is 183 = 3 * 60 + 3 (in hundredths)
    e = Economy.start(level(start=60))
    e.step(["buy1"])
    e.step(["buy2"])
    assert e.rate() == 11
    bank, acc = e.bank, e.acc
    got = []
    for _ in range(FPS):
        before = e.bank
        e.step([])
        got.append(e.bank - before)
    assert e.bank - bank == 11 and e.acc == acc  # a second of 11 a second pays 11, one unit at a time
    assert max(got) == 1 and got.count(1) == 11


def test_each_generator_costs_more_than_the_last_and_a_short_bank_is_refused() -> None:
    assert [next_cost(c) for c in (1, 2, 10, 100, 1000)] == [2, 3, 12, 115, 1150]
    e = Economy.start(level(start=100))
    paid = []
    for _ in range(3):
        price = e.cost[0]
        e.step(["buy1"])
        paid.append(price)
    assert paid == [10, 12, 14] and e.owned[0] == 3 and e.cost[0] == 16
    e = Economy.start(level(start=5))
    assert e.step(["buy2"]) == "refused" and e.owned == [0, 0] and e.bank == 5


def test_an_upgrade_multiplies_once_and_waits_for_its_generator() -> None:
    e = Economy.start(level(start=100))
    assert e.step(["buy4"]) == "refused"  # A x3: none of A owned yet
    e.step(["buy1"])
    assert e.step(["buy4"]) == "upgrade" and e.mult[0] == 3 and e.rate() == 9
    bank = e.bank
    assert e.step(["buy4"]) == "refused" and e.bank >= bank  # bought once only
    e.step(["buy3"])
    e.step(["action"])
    assert e.click_mult == 2


def test_up_down_move_the_cursor_round_and_right_buys_its_row() -> None:
    e = Economy.start(level(start=100))
    e.step(["up"])
    assert e.cursor == 3  # wrapped to the last row
    e.step(["down"])
    e.step(["down"])
    assert e.cursor == 1
    e.step(["right"])
    assert e.owned == [0, 1]


def test_the_milestone_wins_and_the_clock_loses() -> None:
    e = Economy.start(level(goal=2))
    e.step(["action"])
    assert not e.won
    assert e.step(["action"]) == "won" and e.won
    e = Economy.start(level(goal=5, frames=30))
    results = [e.step([]) for _ in range(30)]
    assert results[-1] == "lost" and e.over and e.f == 30


def test_prestige_waits_for_its_need_then_begins_anew_with_points_that_raise_every_earning() -> None:
    lv = level(start=10, prestige={"name": "Rebirth", "need": 20, "bonus": 50})
    e = Economy.start(lv)
    e.step(["buy1"])
    assert e.step(["buy5"]) == "refused"  # the run has earned nothing yet
    for _ in range(45):
        e.step(["action"])
    assert e.run >= 45 and e.price(4) == 0
    assert e.step(["buy5"]) == "prestige"
    assert (e.points, e.bank, e.run, e.owned, e.cost, e.click_mult) == (2, 0, 0, [0, 0], [10, 40], 1)
    for _ in range(4):
        e.step(["action"])
    assert e.bank == 8  # +100 %: each click pays 2
    assert "prestige" not in rules.generate(req(0), rules.config_for(spec_of(BAKERY)), random.Random(0))
    assert "prestige_begins_anew" not in {k.id for k in GENRE.keypoints({}, rules.config_for(spec_of(BAKERY)), [])}


def test_a_gdd_that_asks_for_prestige_gets_it_and_its_levels_stay_proved() -> None:
    reef = spec_of(REEF)
    assert rules.config_for(reef)["prestige"] == "Rebirth"
    reef = reef.model_copy(update={"summary": "Dive, tap and ascend: ascension begins anew with a bonus.",
                                   "requirements": []})
    cfg = rules.config_for(reef)
    assert cfg["prestige"] == "Ascension"
    lv = rules.generate(req(0), cfg, random.Random(0))
    assert lv["prestige"] == {"name": "Ascension", "need": lv["goal"] // 4, "bonus": 25}
    assert rules.solve(lv, cfg) is not None


@pytest.mark.parametrize("index", [0, 1, 2])
def test_every_milestone_is_won_greedily_and_lost_by_doing_nothing_or_clicking_alone(index: int) -> None:
    cfg = rules.config_for(spec_of(BAKERY))
    lv = rules.generate(req(index), cfg, random.Random(index))
    end, taps = rules.greedy(lv)
    assert end.won and end.f <= lv["frames"] and sum(end.owned) >= 2
    assert rules.idle(lv).over and rules.idle(lv).bank == 0
    clicks = rules.clicking_only(lv)
    assert clicks.over and not clicks.won and clicks.bank < lv["goal"]
    proof = rules.solve(lv, cfg)
    assert proof is not None and proof["steps"] == sum(map(len, taps.values()))
    # a realistic pace: the strategy clicks 4 times a second and presses no more than one buy a frame
    assert max(len(k) for k in taps.values()) <= 2
    assert end.clicks <= end.f // rules.CLICK_EVERY + 1
    assert lv["frames"] == (60 + 30 * index) * FPS


def test_a_gdd_time_limit_shortens_the_milestone() -> None:
    cfg = dict(rules.config_for(spec_of(BAKERY)), time_limit=45)
    lv = rules.generate(req(0), cfg, random.Random(0))
    assert lv["frames"] == 44 * FPS and rules.solve(lv, cfg) is not None


# ---- on the real JavaScript ------------------------------------------------------------------------

def _files(name: str) -> dict[str, bytes]:
    spec = spec_of(name)
    return build_bundle(orchestrator.plan(spec, 5, orchestrator.project_id(spec, 5)))


@pytest.fixture(scope="module")
def bakery_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    files = _files(BAKERY)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return files, data


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


def test_the_bakery_is_won_by_its_bot_agrees_with_the_rules_and_passes_its_keypoints(bakery_bundle: Any) -> None:
    files, data = bakery_bundle
    assert data["config"]["currency"] == "Crumbs"
    with _game(files) as g:
        result = GENRE.play_level_one(g, data["levels"][0], data["config"])
        assert result.won, result.detail
        assert g.state()["level"] == 2
        for i, lv in enumerate(data["levels"]):
            assert GENRE.rules_agree(g, lv, data["config"], random.Random(i)) is None
        assert g.errors() == []
    kps = GENRE.keypoints(data["spec"], data["config"], data["levels"])
    assert {"click_pays", "generator_pays", "cost_rises", "upgrade_multiplies", "milestone_wins", "time_out_loses",
            "pointer_clicks"} <= {k.id for k in kps}
    for kp in kps:
        with _game(files) as g:
            passed, message = kp.run(g)
        assert passed is True, f"{kp.id}: {message}"


def test_doing_nothing_in_the_real_game_loses_level_one(bakery_bundle: Any) -> None:
    files, data = bakery_bundle
    with _game(files) as g:
        st = g.step(data["levels"][0]["frames"] + 5)
        assert st["status"] == "lost" and "time ran out" in st["last_loss"]
        assert st["score"] == 0


@pytest.mark.parametrize("kp_id, broken", [
    ("click_pays", ("m.acc += (p.clicks * clickValue(m) * FPS + rate(m))", "m.acc += (p.clicks * FPS + rate(m))")),
    ("generator_pays", ("* FPS + rate(m)) * boost(m);", "* FPS + 2 * rate(m)) * boost(m);")),
    ("cost_rises", ("m.owned[row]++; m.cost[row] = nextCost(m.cost[row]);", "m.owned[row]++;")),
    ("upgrade_multiplies", ("else m.mult[u.target] *= u.factor;", "else m.mult[u.target] += 1;")),
    ("upgrade_multiplies", ("if (t >= 0 && m.owned[t] === 0) return null;", "")),
    ("milestone_wins", ("if (m.bank >= m.goal) { m.won = true;", "if (m.bank > m.goal) { m.won = true;")),
    ("time_out_loses", ("if (m.f >= m.frames) { m.over = true;", "if (m.f >= m.frames + 9) { m.over = true;")),
    ("pointer_clicks", ("if (onHeart(x, y)) { w.queue.push({ click: 1 }); return 'click'; }", "")),
])
def test_a_keypoint_fails_on_a_broken_rule(bakery_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    assert _run(bakery_bundle, kp_id)[0] is True
    passed, message = _run(bakery_bundle, kp_id, broken)
    assert passed is False and message


@pytest.fixture(scope="module")
def reef_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    files = _files(REEF)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return files, data


@pytest.mark.parametrize("broken", [
    ("m.points += Math.floor(m.run / m.prestige.need);", "m.points += 1;"),
    ("m.mult = m.gens.map(function () { return 1; }); m.bought", "m.bought"),
    ("function boost(m) { return 100 + (m.prestige ? m.prestige.bonus * m.points : 0); }", "function boost(m) { return 100; }"),
])
def test_the_reefs_rebirth_is_built_and_its_keypoint_fails_on_a_broken_rule(reef_bundle: Any,
                                                                            broken: tuple[str, str]) -> None:
    files, data = reef_bundle
    assert data["config"]["prestige"] == "Rebirth" and data["levels"][0]["prestige"]["name"] == "Rebirth"
    assert _run(reef_bundle, "prestige_begins_anew")[0] is True
    passed, message = _run(reef_bundle, "prestige_begins_anew", broken)
    assert passed is False and message


def test_rules_agree_catches_a_drifted_rule(bakery_bundle: Any) -> None:
    files, data = bakery_bundle
    with _game(files, ("var FPS = 60, GROWTH = 115;", "var FPS = 60, GROWTH = 116;")) as g:
        found = [GENRE.rules_agree(g, data["levels"][0], data["config"], random.Random(seed)) for seed in range(3)]
    assert all(why is not None and "cost" in why for why in found)


def test_the_same_seed_gives_the_same_bytes(bakery_bundle: Any) -> None:
    files, _ = bakery_bundle
    again = _files(BAKERY)
    assert sorted(again) == sorted(files) and all(again[k] == files[k] for k in files)


# ---- in Chromium ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_level_one_is_won_with_the_keyboard_and_the_mouse_clicks_and_buys_in_chromium(tmp_path: Path,
                                                                                      browser: Any) -> None:
    from browser import GamePage, click, fresh, world

    SHOTS.mkdir(parents=True, exist_ok=True)
    files = _files(BAKERY)  # (built here: reading data.js in V8 inside Playwright's event loop is refused)
    for path, blob in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_bytes(blob)
    manifest = json.loads(files["game/manifest.json"])
    asset = next(a for a in manifest["assets"] if a["kind"] == "level" and a["name"] == "level0")
    lv = json.loads(files[f"game/{asset['path']}"])
    g = GamePage(browser, tmp_path / "game")
    assert g.state()["genre"] == "idle"
    g.page.evaluate("window.maestro.manual(true)")
    g.page.evaluate("window.maestro.start(1)")
    # the greedy strategy's proof on the real keyboard: Space clicks, Up / Down walk the shop, Right buys
    e = Economy.start(lv)
    keymap = {"action": "Space", "up": "ArrowUp", "down": "ArrowDown", "right": "ArrowRight"}
    shot = False
    while not (e.won or e.over):
        keys = rules.plan_frame(e)
        for k in keys:
            g.page.keyboard.press(keymap[k])
        g.page.evaluate("window.maestro.step(1)")
        e.step(keys)
        if not shot and sum(e.owned) >= 4:
            g.page.screenshot(path=str(SHOTS / "idle_playing.png"))
            shot = True
        if keys:
            view = world(g, "({bank: w.bank, owned: w.owned, cursor: w.cursor})")
            assert view == {"bank": e.bank, "owned": e.owned, "cursor": e.cursor}, f"frame {e.f}: the page and the rules differ"
    assert e.won
    st = g.page.evaluate("window.maestro.step(120)")
    assert st["level"] == 2, f"the strategy did not win level 1 in Chromium: {st}"
    g.close()
    # the mouse clicks the big thing and buys a row; a number key buys its row
    g = GamePage(browser, tmp_path / "game")
    fresh(g)
    for _ in range(40):
        click(g, 120, 146)
    assert world(g, "w.clicks") == 40 and world(g, "w.bank") >= 40
    g.page.keyboard.press("Digit1")
    g.page.evaluate("window.maestro.step(1)")
    assert world(g, "w.owned[0]") == 1, "the number key 1 didn't buy the first row"
    click(g, 252 + 111, 40 + 12)
    assert world(g, "w.owned[0]") == 2, "a click on the first row didn't buy it"
    g.page.evaluate("window.maestro.manual(false)")
    g.page.wait_for_timeout(300)
    assert g.canvas_colors() > 5
    g.page.screenshot(path=str(SHOTS / "idle_mouse.png"))
    assert g.errors == []
    g.close()
