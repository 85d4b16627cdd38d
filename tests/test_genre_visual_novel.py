"""The visual-novel family: its words, its config from a GDD (names and the choices it names), the
story rules (typing, skip, advance, choices, affinity, flags, checks), chapters generated and
proven (every ending reachable, the good and the neutral one too, no dead end), keypoints that fail
on a broken game, the bot on a built fixture (through the neutral ending, then the good one), and (marked browser) the game in a real Chromium with the keys,
the number keys and the mouse. The bot, every keypoint and the JS/Python agreement also run in the
conformance suite."""

from __future__ import annotations

import copy
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
from maestro.genres.visual_novel import chapters, qa, rules, story
from maestro.genres.visual_novel.story import Story
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
GENRE = REGISTRY["visual_novel"]
CONFIG = {"mode": "story", "player": "Ada", "player_slug": "ada", "cast": [{"name": "Lina", "slug": "lina"}],
          "items": [{"name": "Brass Key", "slug": "brass-key"}], "places": ["Harbour", "Lighthouse", "Storm"],
          "choices": []}


def chapter(index: int = 0, seed: int = 1, config: dict[str, Any] | None = None) -> dict[str, Any]:
    cfg = config or CONFIG
    return chapters.generate(index, 3, 1.0 + 0.3 * index, cfg["places"][index], cfg, random.Random(seed))


# ---- words and config --------------------------------------------------------------------------

def test_the_fixture_gdds_route_to_the_visual_novel_with_their_words() -> None:
    letters = parse_gdd((FIXTURES / "visual_novel_lantern_letters.md").read_text(encoding="utf-8"))
    assert (letters.genre, letters.mode) == ("visual_novel", "story")
    cfg = rules.config_for(letters)
    assert cfg["places"] == [lv.name for lv in letters.levels] and len(cfg["places"]) == 3
    assert cfg["choices"] == [["stay", "leave"]]  # "decide whether to stay or leave"
    lv = rules.generate(req(0, letters.levels[0].name), cfg, random.Random(3))
    climax = [n for n in lv["nodes"] if n["k"] == "choice"][-1]
    assert sorted(o["text"] for o in climax["options"]) == ["Leave.", "Stay."]
    house = parse_gdd((FIXTURES / "visual_novel_quiet_house.md").read_text(encoding="utf-8"))
    assert house.genre == "visual_novel" and house.player.name == "Mara"
    assert "Mara" in json.dumps(rules.generate(req(0, "Attic"), rules.config_for(house), random.Random(1)))


def req(index: int, name: str) -> LevelRequest:
    return LevelRequest(index=index, count=3, name=name, mode="story", difficulty=1.0 + 0.3 * index)


def test_named_choices_are_short_words_only() -> None:
    assert rules.named_choices("You must decide whether to judge or forgive. Choose between trust and betray.") == [
        ["judge", "forgive"], ["trust", "betray"]]
    assert rules.named_choices("whether to play or not") == []  # no verbs of the story


def test_an_adventure_with_dialogue_is_no_visual_novel() -> None:
    text = ("# Cave Quest\nA top-down adventure: explore the caves, talk to NPCs, find the keys that open the doors "
            "and reach the exit of each of the 3 levels while avoiding bats.\n")
    assert parse_gdd(text).genre != "visual_novel"
    text = "# Tea Date\nA short dating sim with branching story paths and multiple endings.\n"
    assert parse_gdd(text).genre == "visual_novel"


# ---- the rules ---------------------------------------------------------------------------------

def test_text_types_out_a_press_shows_it_whole_and_the_next_advances() -> None:
    lv = chapter()
    s = Story.start(lv)
    n = len(s.text())
    s.frame([])
    s.frame([])
    assert s.shown == 2 * story.SPEED < n
    assert s.act("action") == "step" and s.shown == n and s.node == 0  # the skip
    for _ in range(30):
        s.frame([])
    assert s.node == 0  # a line never advances by itself
    s.act("action")
    assert s.node == lv["nodes"][0]["next"] and s.shown == 0


def test_choices_move_the_highlight_set_affinity_and_flags_and_checks_read_them() -> None:
    lv = chapter()
    s = Story.start(lv)
    for key in story.plan_keys(lv, []):
        s.press(key)
    ask = lv["nodes"][s.node]
    assert ask["k"] == "choice" and s.full()
    warm = next(k for k, o in enumerate(ask["options"]) if o["aff"][1] > 0)
    cold = 1 - warm
    s.act("down")
    assert s.cursor == 1
    s.act("down")
    assert s.cursor == 0  # wraps
    assert s.act("pick" + str(warm)) == "coin" and s.aff == [1] and s.score == story.AFF_POINTS
    t = Story.start(lv)
    for key in story.plan_keys(lv, [cold]):
        t.press(key)
    assert t.aff == [-1] and t.score == 0
    item = lv["nodes"][t.node]
    take = next(k for k, o in enumerate(item["options"]) if o["flag"] == "item")
    assert t.act(f"pick{take}") == "key" and t.flags == ["item"]
    assert t.act("pick9") == ""  # no such option


@pytest.mark.parametrize("index", [0, 1, 2])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_every_chapter_is_proven_with_every_ending_reachable(index: int, seed: int) -> None:
    lv = chapter(index, seed)
    assert json.dumps(lv) == json.dumps(chapter(index, seed))
    proof = story.prove(lv)
    assert proof is not None
    assert sorted(int(e) for e in proof["endings"]) == story.endings(lv) and len(proof["endings"]) == 5
    assert sorted(lv["nodes"][int(e)]["kind"] for e in proof["endings"]) == ["bad", "bad", "bad", "good", "neutral"]
    for e, choices in proof["endings"].items():  # each way, replayed by the rules, ends at its ending
        s = Story.start(lv)
        for key in story.plan_keys(lv, choices):
            s.press(key)
        assert s.ended == lv["nodes"][int(e)]["kind"]
    assert proof["steps"] == len(story.plan_keys(lv, proof["choices"]))
    assert lv["bonds"] == (1 if index == 0 else 2)  # later chapters need more of the companion's trust


def test_the_neutral_ending_lies_between_the_good_and_the_bad_ones() -> None:
    lv = chapter()
    proof = story.prove(lv)
    assert proof is not None
    neutral, good = story.neutral_ending(lv), story.good_ending(lv)
    assert neutral is not None and good is not None
    played = {}
    for e in (neutral, good):
        s = Story.start(lv)
        for key in story.plan_keys(lv, proof["endings"][str(e)]):
            s.press(key)
        played[lv["nodes"][e]["kind"]] = s
    # Faced with the companion's trust but without the item: the choices land in between.
    assert played["neutral"].ended == "neutral" and "item" not in played["neutral"].flags
    assert played["good"].ended == "good" and "item" in played["good"].flags
    assert played["neutral"].aff == played["good"].aff  # the same trust: the item alone makes the difference
    assert played["good"].score - played["neutral"].score == story.GOOD_POINTS - story.NEUTRAL_POINTS > 0
    assert "good" not in [lv["nodes"][e]["kind"] for e in story.endings(lv) if e != good]


def test_the_proof_refuses_an_unreachable_ending_and_a_dead_end() -> None:
    lv = chapter()
    assert story.prove(lv) is not None
    climax = [n for n in lv["nodes"] if n["k"] == "choice"][-1]
    flee = next(o for o in climax["options"] if lv["nodes"][o["next"]]["k"] == "end")
    unreachable = copy.deepcopy(lv)
    next(o for o in [n for n in unreachable["nodes"] if n["k"] == "choice"][-1]["options"]
         if o["next"] == flee["next"])["next"] = story.good_ending(lv)
    assert story.prove(unreachable) is None
    loop = copy.deepcopy(lv)
    loop["nodes"][1]["next"] = 0  # the first two lines forever
    assert story.prove(loop) is None


# ---- keypoints fail on a broken game -------------------------------------------------------------

def _bundle(gdd: str = "visual_novel_lantern_letters.md") -> tuple[dict[str, bytes], dict[str, Any]]:
    spec = parse_gdd((FIXTURES / gdd).read_text(encoding="utf-8"))
    plan = orchestrator.plan(spec, 5, orchestrator.project_id(spec, 5))
    files = build_bundle(plan)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return files, data


BREAKS = {
    "text_skip": ("if (key === 'action') { w.shown = text(w).length; return 'step'; }", "if (key === 'action') { return ''; }"),
    "affinity_changes_scene": ("return n.flag ? w.flags.indexOf(n.flag) >= 0 : w.aff[n.who - 1] >= n.min;",
                               "return n.flag ? w.flags.indexOf(n.flag) >= 0 : true;"),
    "choices_branch": ("if (key === 'action') return pick(G, w, w.cursor);", "if (key === 'action') return pick(G, w, 0);"),
    "pointer_picks": ("if (x >= r.x && x < r.x + r.w", "if (false && x >= r.x && x < r.x + r.w"),
    "bad_ending_loses": ("else if (G.lives !== null) G.hurt(why);\n    else G.gameOver(why);", ""),
    # The neutral ending lost like a bad one: the endings only good or bad again.
    "neutral_ending_passes": ("function passes(w) { return w.ended === 'good' || w.ended === 'neutral'; }",
                              "function passes(w) { return w.ended === 'good'; }"),
}
NEUTRAL_AS_GOOD = ("w.ended === 'neutral' ? NEUTRAL_POINTS : 0", "w.ended === 'neutral' ? GOOD_POINTS : 0")


@pytest.mark.parametrize("kp_id", sorted(BREAKS))
def test_keypoints_fail_on_a_game_that_breaks_their_rule(kp_id: str) -> None:
    files, data = _bundle()
    game_js = files["game/game.js"].decode("utf-8")
    old, new = BREAKS[kp_id]
    assert old in game_js
    broken = game_js.replace(old, new)
    kps = {kp.id: kp for kp in GENRE.keypoints(data["spec"], data["config"], data["levels"])}
    with HeadlessGame(game_js, files["game/data.js"].decode("utf-8")) as g:
        assert kps[kp_id].run(g)[0] is True
    with HeadlessGame(broken, files["game/data.js"].decode("utf-8")) as g:
        passed, message = kps[kp_id].run(g)
    assert passed is False, message


def test_a_neutral_ending_scored_like_the_good_one_fails_its_keypoint() -> None:
    files, data = _bundle()
    game_js = files["game/game.js"].decode("utf-8")
    assert NEUTRAL_AS_GOOD[0] in game_js
    kp = next(kp for kp in GENRE.keypoints(data["spec"], data["config"], data["levels"]) if kp.id == "neutral_ending_passes")
    with HeadlessGame(game_js.replace(*NEUTRAL_AS_GOOD), files["game/data.js"].decode("utf-8")) as g:
        passed, message = kp.run(g)
    assert passed is False and "neutral ending scored 100" in message, message


def test_the_bot_reaches_the_good_ending_of_a_fixture_and_the_rules_agree() -> None:
    files, data = _bundle("visual_novel_quiet_house.md")
    game_js, data_js = files["game/game.js"].decode("utf-8"), files["game/data.js"].decode("utf-8")
    with HeadlessGame(game_js, data_js) as g:
        result = GENRE.play_level_one(g, data["levels"][0], data["config"])
        assert result.won, result.detail
        assert "neutral ending 'Half Told'" in result.detail and "then reached the good ending" in result.detail
        assert g.state()["level"] == 2
    broken = game_js.replace(*BREAKS["neutral_ending_passes"])
    with HeadlessGame(broken, data_js) as g:  # a neutral ending that loses: the bot says so
        result = GENRE.play_level_one(g, data["levels"][0], data["config"])
        assert not result.won and "neutral ending 'Half Told'" in result.detail, result.detail
    with HeadlessGame(game_js, data_js) as g:
        assert qa.rules_agree(g, data["levels"][1], data["config"], random.Random(4)) is None


# ---- in Chromium ------------------------------------------------------------------------------------

@pytest.mark.browser
def test_the_story_plays_with_keys_number_keys_and_the_mouse_in_chromium(tmp_path: Path, browser: Any) -> None:
    from browser import GamePage, click, fresh, world

    spec = parse_gdd((FIXTURES / "visual_novel_lantern_letters.md").read_text(encoding="utf-8"))
    files = build_bundle(orchestrator.plan(spec, 5, orchestrator.project_id(spec, 5)))
    # (No V8 here to read data.js: Playwright's loop is running. The level files are data.js's levels.)
    manifest = json.loads(files["game/manifest.json"])
    level_path = next(a["path"] for a in manifest["assets"] if a["kind"] == "level" and a["name"] == "level0")
    data = {"levels": [json.loads(files[f"game/{level_path}"])]}
    for name, blob in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(blob)
    g = GamePage(browser, tmp_path / "game")
    assert g.state()["genre"] == "visual_novel"
    fresh(g)
    g.page.keyboard.press("Space")  # the skip
    g.page.evaluate("window.maestro.step(2)")
    assert world(g, "[w.node, w.shown === w.nodes[0].text.length]") == [0, True]
    g.page.keyboard.press("Enter")
    g.page.evaluate("window.maestro.step(2)")
    assert world(g, "w.node") == data["levels"][0]["nodes"][0]["next"]
    for key in story.plan_keys(data["levels"][0], [])[2:]:  # on to the first choice
        g.page.keyboard.press("Space" if key == "action" else "ArrowDown")
        g.page.evaluate("window.maestro.step(2)")
    ask = world(g, "w.node")
    assert data["levels"][0]["nodes"][ask]["k"] == "choice"
    g.page.keyboard.press("Digit2")
    g.page.evaluate("window.maestro.step(2)")
    second = data["levels"][0]["nodes"][ask]["options"][1]["next"]
    assert world(g, "w.node") == second, "the number key 2 did not pick the second option"
    g.page.screenshot(path=str(tmp_path / "after_pick.png"))
    fresh(g)
    for key in story.plan_keys(data["levels"][0], []):
        g.page.keyboard.press("Space" if key == "action" else "ArrowDown")
        g.page.evaluate("window.maestro.step(2)")
    rect = g.page.evaluate("Maestro.genres.visual_novel.qa.rect(window.maestro.game, window.maestro.world(), 0)")
    click(g, rect["x"] + rect["w"] / 2, rect["y"] + rect["h"] / 2)
    g.page.evaluate("window.maestro.step(1)")
    assert world(g, "w.node") == data["levels"][0]["nodes"][ask]["options"][0]["next"], "a click did not pick"
    g.page.evaluate("window.maestro.manual(false)")
    g.page.wait_for_timeout(200)
    assert g.canvas_colors() > 5
    assert g.errors == []
    g.close()
