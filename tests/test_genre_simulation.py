"""The simulation family: a farm (till, sow with bought seed, water, harvest, sell, sleep; a coin goal by
the last day), a virtual pet (needs falling by the hour, care actions, stages grown while healthy,
neglect lost) and a shop (stock bought for the shelf, the day's customers served; a money goal). Its words and config from a GDD, the integer rules, the strategies that prove every
level (and that doing nothing loses), keypoints that fail on a broken game, the JS/Python agreement,
and (marked browser) both games in a real Chromium with the keys and the touch pad. The conformance
suite runs the bot, every keypoint and the agreement too, on its own GDD."""

from __future__ import annotations

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
from maestro.genres.simulation import farm, pet, rules, shop
from maestro.genres.simulation.farm import BED, BIN, SHOP, Farm
from maestro.genres.simulation.pet import Pet
from maestro.genres.simulation.shop import Shop
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
GENRE = REGISTRY["simulation"]
FARM_GDD, PET_GDD, SHOP_GDD = "simulation_farm_hillside.md", "simulation_pet_moss_sprite.md", "simulation_shop_lantern_bakery.md"


def req(index: int) -> LevelRequest:
    return LevelRequest(index=index, count=3, difficulty=1.0 + 0.3 * index)


def spec_of(name: str) -> Any:
    return parse_gdd((FIXTURES / name).read_text(encoding="utf-8"), source_name=name)


# ---- words and config --------------------------------------------------------------------------

def test_the_fixture_gdds_route_to_their_modes_with_their_own_crops_and_needs() -> None:
    hill = spec_of(FARM_GDD)
    assert (hill.genre, hill.mode) == ("simulation", "farm")
    assert [c["name"] for c in rules.config_for(hill)["crops"]] == ["Strawberry", "Potato", "Melon"]
    moss = spec_of(PET_GDD)
    assert (moss.genre, moss.mode) == ("simulation", "pet")
    cfg = rules.config_for(moss)
    assert cfg["needs"] == ["hunger", "happy", "energy"]
    assert cfg["action_names"] == {"hunger": "Feed", "happy": "Play", "energy": "Sleep"}
    bakery = spec_of(SHOP_GDD)
    assert (bakery.genre, bakery.mode) == ("simulation", "shop")
    assert [g["name"] for g in rules.config_for(bakery)["goods"]][:3] == ["Loaf", "Pretzel", "Honey cake"]


def test_a_portuguese_pet_keeps_its_own_words_and_a_farm_without_crops_gets_stock_ones() -> None:
    kinds, names, actions = rules.needs_of("Sistema de necessidades: Fome, felicidade, higiene. Alimentar, brincar, dar banho.")
    assert kinds == ["hunger", "happy", "clean"]
    assert names == {"hunger": "Fome", "happy": "Felicidade", "clean": "Higiene"}
    assert actions == {"hunger": "Alimentar", "happy": "Brincar", "clean": "Banho"}
    assert rules.crops_of("Plant crops and harvest them.") == ["Turnip", "Carrot", "Pumpkin"]
    assert rules.crops_of("We grow rice, then wheat.") == ["Rice", "Wheat", "Turnip"]


def test_games_that_only_mention_a_farm_or_a_harvest_are_not_simulations() -> None:
    survivor = ("# Void Harvest\nVoid Harvest is a survivor-like arena game: auto-attack the swarms, harvest the "
                "energy they drop and survive ten minutes.\n")
    assert parse_gdd(survivor).genre != "simulation"
    platformer = ("# Barn Dash\nA platformer: jump across the barn roofs of the old farm, stomp the crows and reach "
                  "the flag at the end of each level.\n")
    assert parse_gdd(platformer).genre == "platformer"


# ---- the farm's rules ----------------------------------------------------------------------------

CROPS = [{"name": "Turnip", "days": 1, "cost": 2, "price": 5}, {"name": "Melon", "days": 2, "cost": 5, "price": 13}]


def small_farm(**kw: Any) -> dict[str, Any]:
    lv = {"mode": "farm", "w": 2, "h": 3, "soil": [[0, 0], [0, 0], [0, 0]], "crops": CROPS, "coins": 6, "goal": 100,
          "days": 4, "ticks": 6}
    lv.update(kw)
    return lv


def act(f: Farm, x: int, y: int) -> str:
    for k in farm.walk(f.cx, f.cy, x, y):
        f.press(k)
    return f.press("action")


def test_till_sow_water_grow_harvest_and_sell() -> None:
    f = Farm.start(small_farm())
    assert [act(f, 0, 0), act(f, 0, 0), act(f, 0, 0)] == ["till", "sow", "water"]
    assert (f.coins, f.tick) == (4, 3)
    assert act(f, 0, 0) == ""  # already watered: nothing, no task spent
    assert f.tick == 3
    assert act(f, 2, BED) == "sleep" and (f.day, f.growth[0][0], f.wet[0][0]) == (2, 1, 0)
    assert act(f, 0, 0) == "harvest" and f.basket == [1, 0] and f.crop[0][0] == -1 and f.soil[0][0] == 1
    assert act(f, 2, BIN) == "sell" and (f.coins, f.score, f.basket) == (9, 5, [0, 0])
    assert act(f, 2, BIN) == "empty"


def test_a_dry_crop_waits_seeds_need_coins_and_the_clock_ends_the_day() -> None:
    f = Farm.start(small_farm(coins=3, ticks=4))
    act(f, 2, SHOP)
    assert f.sel == 1
    act(f, 0, 0)
    assert act(f, 0, 0) == "broke" and f.coins == 3 and f.crop[0][0] == -1  # a melon seed costs 5
    act(f, 2, SHOP)
    act(f, 0, 0)  # a turnip, left dry
    assert act(f, 1, 0) == "till" and act(f, 1, 0) == "broke"  # one coin left
    assert f.tick == 3
    act(f, 1, 1)  # the fourth task of four: the day ends by itself
    assert (f.day, f.tick, f.growth[0][0]) == (2, 0, 0)


def test_the_last_night_short_of_the_goal_loses_and_a_sale_that_reaches_it_wins() -> None:
    f = Farm.start(small_farm(days=2))
    act(f, 2, BED)
    assert not f.over
    act(f, 2, BED)
    assert f.over and not f.won
    g = Farm.start(small_farm(goal=9))
    for _ in range(3):
        act(g, 0, 0)
    act(g, 2, BED)
    act(g, 0, 0)
    assert act(g, 2, BIN) == "sell" and g.won and g.coins == 9


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_every_farm_is_won_by_its_planting_strategy_and_lost_by_sleeping(index: int) -> None:
    cfg = rules.config_for(spec_of(FARM_GDD))
    lv = rules.generate(req(index), cfg, random.Random(index))
    assert lv == rules.generate(req(index), cfg, random.Random(index))  # deterministic
    proof = rules.solve(lv, cfg)
    assert proof is not None and proof["day"] <= lv["days"]
    end, keys = farm.greedy(lv)
    assert end.won and keys == proof["keys"]
    assert lv["goal"] > lv["coins"]
    lazy = Farm.start(lv)
    for _ in range(lv["days"]):
        act(lazy, lazy.w, BED)
    assert lazy.over and not lazy.won


# ---- the pet's rules -----------------------------------------------------------------------------

def small_pet(**kw: Any) -> dict[str, Any]:
    lv = {"mode": "pet", "needs": [{"kind": "hunger", "rate": 5, "start": 50}, {"kind": "happy", "rate": 4, "start": 50},
                                   {"kind": "energy", "rate": 3, "start": 50}],
          "tick": 10, "grow": 2, "low": 25, "zero_hours": 2, "target": 3}
    lv.update(kw)
    return lv


def test_needs_fall_by_the_hour_and_care_restores_them_with_its_side_effects() -> None:
    p = Pet.start(small_pet())
    for _ in range(10):
        p.step(set())
    assert (p.vals, p.hour) == ([45, 46, 47], 1)
    assert p.step({"action"}) == "feed" and p.vals[0] == 80
    assert p.step({"action"}) == "" and p.vals[0] == 80  # busy
    p.step({"right"})
    for _ in range(pet.BUSY):
        p.step(set())
    assert p.hour == 2  # an hour passed while the pet was busy
    assert p.step({"action"}) == "play" and p.vals[1:] == [42 + 30, 44 - pet.PLAY_TIRES]


def test_healthy_hours_grow_the_pet_and_neglect_loses_it() -> None:
    p = Pet.start(small_pet(needs=[{"kind": "hunger", "rate": 1, "start": 90}, {"kind": "happy", "rate": 1, "start": 90}]))
    for _ in range(20):
        p.step(set())
    assert p.stage == 2 and not p.won
    for _ in range(20):
        p.step(set())
    assert p.won
    q = Pet.start(small_pet(needs=[{"kind": "hunger", "rate": 30, "start": 50}, {"kind": "happy", "rate": 1, "start": 90}]))
    for _ in range(30):
        q.step(set())
    assert (q.zero, q.over, q.stage) == (2, True, 1)


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_every_pet_is_raised_by_its_care_strategy_and_lost_when_left_alone(index: int) -> None:
    cfg = rules.config_for(spec_of(PET_GDD))
    lv = rules.generate(req(index), cfg, random.Random(index))
    proof = rules.solve(lv, cfg)
    assert proof is not None and proof["steps"] > 0
    alone = Pet.start(lv)
    while not (alone.won or alone.over):
        alone.step(set())
    assert alone.over and not alone.won


# ---- the shop's rules ----------------------------------------------------------------------------

GOODS = [{"name": "Loaf", "cost": 3, "price": 6}, {"name": "Pie", "cost": 5, "price": 11}]


def test_stock_is_bought_customers_buy_what_is_there_and_the_week_ends() -> None:
    s = Shop.start({"mode": "shop", "goods": GOODS, "shelf": 2, "orders": [[0, 0, 1], [1]], "days": 2, "coins": 7,
                    "goal": 100})
    assert [s.press("action"), s.press("action"), s.press("action")] == ["buy", "buy", "broke"]
    assert (s.stock, s.coins) == ([2, 0], 1)
    s.press("right")
    assert s.press("action") == "broke"
    s.coins = 20
    s.press("left")
    assert s.press("action") == "full"
    s.press("right")
    s.press("right")
    assert s.press("action") == "open" and (s.stock, s.sold, s.missed, s.coins, s.day) == ([0, 0], 2, 1, 32, 2)
    s.press("action")
    assert s.over and not s.won


@pytest.mark.parametrize("index", [0, 1, 2, 3])
def test_every_shop_is_won_by_restocking_and_lost_by_an_empty_shelf(index: int) -> None:
    cfg = rules.config_for(spec_of(SHOP_GDD))
    lv = rules.generate(req(index), cfg, random.Random(index))
    proof = rules.solve(lv, cfg)
    assert proof is not None
    end, keys = shop.restock(lv)
    assert end.won and keys == proof["keys"] and lv["goal"] > lv["coins"]
    idle = Shop.start(lv)
    idle.cursor = len(idle.goods)
    while not (idle.won or idle.over):
        idle.press("action")
    assert idle.over and not idle.won


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
def farm_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _build(FARM_GDD)


@pytest.fixture(scope="module")
def pet_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _build(PET_GDD)


@pytest.fixture(scope="module")
def shop_bundle() -> tuple[dict[str, bytes], dict[str, Any]]:
    return _build(SHOP_GDD)


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


def test_the_fixture_games_are_won_by_their_bots_and_agree_with_the_rules(farm_bundle: Any, pet_bundle: Any,
                                                                          shop_bundle: Any) -> None:
    for files, data in (farm_bundle, pet_bundle, shop_bundle):
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


@pytest.mark.parametrize("kp_id, broken", [
    ("crop_grows", ("if (c >= 0 && m.wet[y][x]) m.growth[y][x]", "if (c >= 0) m.growth[y][x]")),
    ("buy_costs_coins", ("if (m.coins < cost) return 'broke';", "")),
    ("harvest_sells", ("m.basket.forEach(function (n, i) { earned += n * m.crops[i].price; });",
                       "m.basket.forEach(function (n, i) { earned += n * m.crops[i].cost; });")),
    ("day_advances", ("function spend(m) { m.tick++; if (m.tick >= m.ticks && !m.won) night(m); }",
                      "function spend(m) { m.tick++; }")),
    ("coin_goal_wins", ("if (m.coins >= m.goal) m.won = true;", "")),
    ("days_run_out_loses", ("if (m.day > m.days && !m.won) m.over = true;", "")),
])
def test_a_farm_keypoint_fails_on_a_broken_rule(farm_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    assert _run(farm_bundle, kp_id)[0] is True
    passed, message = _run(farm_bundle, kp_id, broken)
    assert passed is False and message


@pytest.mark.parametrize("kp_id, broken", [
    ("need_decays", ("return Math.max(0, v - m.rates[i]);", "return Math.max(0, v - 1);")),
    ("care_restores", ("if (m.busy > 0) m.busy--;", "if (false) m.busy--;")),
    ("pet_grows", ("if (least >= m.low) {", "if (true) {")),
    ("grown_up_wins", ("if (m.stage >= m.target) { m.won = true; return 'grown'; }", "")),
    ("neglect_loses", ("if (m.zero >= m.zero_hours) { m.over = true; return 'neglect'; }", "")),
])
def test_a_pet_keypoint_fails_on_a_broken_rule(pet_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    assert _run(pet_bundle, kp_id)[0] is True
    passed, message = _run(pet_bundle, kp_id, broken)
    assert passed is False and message


@pytest.mark.parametrize("kp_id, broken", [
    ("buy_costs_coins", ("if (m.stock[m.cursor] >= m.shelf) return 'full';", "")),
    ("customer_buys", ("if (m.stock[want] > 0) {", "if (true) {")),
    ("day_advances", ("    m.day++;\n    if (m.day > m.days && !m.won) m.over = true;\n    return 'open';",
                      "    return 'open';")),
    ("coin_goal_wins", ("if (m.coins >= m.goal) m.won = true;\n    m.day++;", "m.day++;")),
])
def test_a_shop_keypoint_fails_on_a_broken_rule(shop_bundle: Any, kp_id: str, broken: tuple[str, str]) -> None:
    assert _run(shop_bundle, kp_id)[0] is True
    passed, message = _run(shop_bundle, kp_id, broken)
    assert passed is False and message


@pytest.mark.parametrize("which, broken", [
    ("farm", ("var c = m.crop[y][x], what;\n    if (m.soil[y][x] === GRASS) { m.soil[y][x] = TILLED; what = 'till'; }",
              "var c = m.crop[y][x], what;\n    if (m.soil[y][x] === GRASS) { m.soil[y][x] = TILLED; m.coins++; what = 'till'; }")),
    ("pet", ("var PLAY_TIRES = 8,", "var PLAY_TIRES = 9,")),
    ("shop", ("m.coins += price; m.score += price; m.sold++;", "m.coins += price + 1; m.score += price; m.sold++;")),
])
def test_rules_agree_catches_a_drifted_rule(farm_bundle: Any, pet_bundle: Any, shop_bundle: Any, which: str,
                                            broken: tuple[str, str]) -> None:
    files, data = {"farm": farm_bundle, "pet": pet_bundle, "shop": shop_bundle}[which]
    with _game(files, broken) as g:  # the conformance suite's three rng seeds: one of them finds it
        found = [GENRE.rules_agree(g, data["levels"][0], data["config"], random.Random(seed)) for seed in range(3)]
    assert any(why is not None for why in found)


# ---- in Chromium ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_both_modes_play_with_the_keyboard_and_the_touch_pad_in_chromium(tmp_path: Path, browser: Any) -> None:
    from browser import GamePage, fresh, world

    for name, gdd in (("farm", FARM_GDD), ("pet", PET_GDD), ("shop", SHOP_GDD)):
        files = _files(gdd)  # (built here: reading data.js in V8 inside Playwright's event loop is refused)
        out = tmp_path / name
        for path, blob in files.items():
            (out / path).parent.mkdir(parents=True, exist_ok=True)
            (out / path).write_bytes(blob)
        g = GamePage(browser, out / "game")
        assert g.state()["genre"] == "simulation"
        fresh(g)
        if name == "farm":
            g.page.keyboard.press("ArrowRight")
            g.page.evaluate("window.maestro.step(2)")
            g.page.keyboard.press("Space")
            g.page.evaluate("window.maestro.step(2)")
            assert world(g, "[w.cx, w.soil[0][1], w.tick]") == [1, 1, 1], "the keys didn't move and till"
        elif name == "shop":
            g.page.keyboard.press("Space")
            g.page.evaluate("window.maestro.step(2)")
            assert world(g, "w.stock[0]") == 1, "Space didn't buy stock"
        else:
            before = world(g, "w.vals[0]")
            g.page.keyboard.press("Space")
            g.page.evaluate("window.maestro.step(2)")
            assert world(g, "w.vals[0]") > before, "Space didn't feed the pet"
        g.close()
        # the touch pad: its buttons press the same actions
        g = GamePage(browser, out / "game", query="?autostart=1&mute=1&touch=1")
        fresh(g)
        g.page.locator('#touch [data-action="right"]').dispatch_event("pointerdown")
        g.page.evaluate("window.maestro.step(1)")
        g.page.locator('#touch [data-action="right"]').dispatch_event("pointerup")
        g.page.evaluate("window.maestro.step(1)")
        assert world(g, "w.mode === 'farm' ? w.cx : w.cursor") == 1, "the touch pad's arrow didn't move the cursor"
        g.page.evaluate("window.maestro.manual(false)")
        g.page.wait_for_timeout(200)
        assert g.canvas_colors() > 5
        g.page.screenshot(path=str(tmp_path / f"{name}.png"))
        assert g.errors == []
        g.close()
