"""The tile-puzzle family's pair-matching solitaire mode "mahjong": its words (not the four-player
table game's), the faces from a GDD, the free-tile rule, picks, matches, mismatches, the shuffles and
the loss, the turtle layouts and their deals by reverse play, the solver's proof; keypoints and the
JS/Python agreement shown to FAIL on a deliberately broken game; and (marked browser) the game in a
real Chromium with the keys and the mouse. The bot, every keypoint and the agreement on a real
build run in the conformance suite (tile_puzzle-mahjong)."""

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
from maestro.genres.tile_puzzle import mahjong, mahjong_qa, qa, rules
from maestro.genres.tile_puzzle.mahjong import Geometry, Mahjong
from maestro.spec import LevelRequest

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"
GENRE = REGISTRY["tile_puzzle"]
CFG: dict[str, Any] = {"faces": [{"name": f"F{i}"} for i in range(34)], "solve_budget": mahjong.SOLVE_BUDGET}


def level(index: int = 0, seed: int = 0) -> dict[str, Any]:
    return rules.generate(LevelRequest(index=index, count=3, mode="mahjong"), dict(CFG, mode="mahjong"),
                          random.Random(seed))


def tiny(tiles: list[list[int]], faces: list[int], shuffles: int = 0) -> dict[str, Any]:
    return mahjong_qa._tiny(tiles, faces, shuffles)


# ---- the reader --------------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["A Mahjong solitaire game", "a mahjongg clone", "Shisen-Sho with cats",
                                  "pair-matching solitaire", "Match pairs of tiles; only free tiles can be taken",
                                  "A relaxing mahjong puzzle"])
def test_solitaire_words_pick_the_mahjong_mode(text: str) -> None:
    assert GENRE.mode_for(text) == "mahjong"


def test_the_table_game_and_the_other_modes_keep_their_modes() -> None:
    assert GENRE.mode_for("Mahjong for four players: draw a tile, discard one, call pung or chow") != "mahjong"
    assert GENRE.mode_for("A Tetris clone with falling blocks") == "falling"
    assert GENRE.mode_for("Swap gems to match three in a row, like Bejeweled") == "match3"
    assert GENRE.mode_for("Slide the tiles and merge them, like 2048") == "merge"
    assert GENRE.lose_for("mahjong").startswith("No free pair") and GENRE.lose_for("falling") == GENRE.default_lose


def test_the_solitaire_rule_sentences_name_their_keypoints() -> None:
    said = {"a tile is free when nothing rests on it and its left or right side is open": "blocked_refused",
            "when no free pair is left, a shuffle re-deals the tiles": "stuck_shuffles",
            "pick two free tiles with the same picture to clear them": "tiles_by_the_rules",
            "clear three lines to win the stage": None, "the board shuffles when no move is left": None}  # match-3 says that too
    for text, kp in said.items():
        assert GENRE.term_for(text) == kp, text
    assert GENRE.term_for("swap two gems; a swap that makes no line slides back") is None


@pytest.mark.parametrize("name", ["tile_puzzle_mahjong_tea_garden.md", "tile_puzzle_mahjong_plain.md"])
def test_our_gdds_read_as_mahjong_solitaire(name: str) -> None:
    spec = parse_gdd((FIXTURES / name).read_text(encoding="utf-8"))
    assert (spec.genre, spec.mode) == ("tile_puzzle", "mahjong")


def test_the_gdds_suits_name_the_faces_else_the_standard_set() -> None:
    spec = parse_gdd((FIXTURES / "tile_puzzle_mahjong_tea_garden.md").read_text(encoding="utf-8"))
    cfg = rules.config_for(spec)
    assert cfg["suit_names"] == ["Teapot", "Lotus", "Koi", "Lantern"]
    assert [f["name"] for f in cfg["faces"][:5]] == ["Teapot 1", "Lotus 1", "Koi 1", "Lantern 1", "Teapot 2"]
    assert cfg["faces"][0]["slug"] == "teapot" and len(cfg["faces"]) == 36
    plain = rules.config_for(parse_gdd((FIXTURES / "tile_puzzle_mahjong_plain.md").read_text(encoding="utf-8")))
    assert plain["suit_names"] == list(mahjong.SUITS) and plain["suit_slugs"] == []
    assert [f["name"] for f in plain["faces"][:3]] == ["Dots 1", "Bamboo 1", "Cracks 1"]
    assert plain["faces"][-1]["name"] == "White Dragon" and len(plain["faces"]) == 34
    other = rules.config_for(spec.model_copy(update={"mode": "match3"}))
    assert "faces" not in other  # the other modes' config stays as it was


# ---- the rule book ------------------------------------------------------------------------------

def test_a_tile_is_free_with_nothing_on_it_and_one_side_open() -> None:
    # a row of three, a tile on the middle one's right half, a wing beside the row at half height
    tiles = [(0, 0, 0), (2, 0, 0), (4, 0, 0), (3, 0, 1), (6, 1, 0)]
    geo = Geometry.of(tiles)
    alive = [True] * 5
    assert [geo.free(i, alive) for i in range(5)] == [True, False, False, True, True]
    assert geo.above[1] == (3,) and geo.above[2] == (3,) and geo.right[2] == (4,) and geo.left[4] == (2,)
    alive[3] = False  # the tile on top taken: the middle is still held on both sides
    assert [geo.free(i, alive) for i in range(3)] == [True, False, False]
    alive[4] = False  # the wing taken: the row's right end opens
    assert geo.free(2, alive) and not geo.free(1, alive)


def test_picks_blocked_select_deselect_mismatch_and_match() -> None:
    m = Mahjong.start(tiny([[0, 0, 0], [2, 0, 0], [4, 0, 0], [0, 4, 0], [2, 4, 0], [4, 4, 0]], [0, 1, 1, 0, 2, 2]))
    assert m.pick(1) == "blocked" and m.sel == -1
    assert m.pick(0) == "select" and m.pick(0) == "deselect" and m.sel == -1
    assert m.pick(0) == "select" and m.pick(2) == "mismatch" and m.sel == 2 and m.misses == 1 and m.moves == 0
    assert m.pick(0) == "mismatch" and m.pick(3) == "match"
    assert not m.alive[0] and not m.alive[3] and m.moves == 1 and m.score == mahjong.MATCH_POINTS
    assert m.free(m.cursor)  # the cursor moved on to a free tile


def test_the_cursor_walks_the_free_tiles_only() -> None:
    lv = level(0, 1)
    m = Mahjong.start(lv)
    free = m.free_tiles()
    seen = []
    for _ in range(len(free)):
        m.press("right")
        seen.append(m.cursor)
    assert sorted(seen) == sorted(free) and seen[-1] == free[0]
    m.press("left")
    assert m.cursor == free[-1]
    y0 = m.tiles[m.cursor][1]
    assert m.press("down") in ("", "cursor") and m.tiles[m.cursor][1] >= y0 and m.free(m.cursor)


def test_an_empty_board_wins() -> None:
    m = Mahjong.start(tiny([[0, 0, 0], [2, 0, 0]], [5, 5]))
    m.pick(0)
    assert m.pick(1) == "match" and m.won


def test_no_free_pair_spends_a_shuffle_then_loses() -> None:
    lv = tiny(mahjong_qa._STUCK_TILES, mahjong_qa._STUCK_FACES, shuffles=1)
    m = Mahjong.start(lv)
    m.pick(4)
    m.pick(5)
    assert (m.shuffled, m.shuffles, m.over) == (1, 0, False) and m.has_pair()
    assert sorted(m.faces[:4]) == [0, 0, 1, 1]  # the faces left, re-dealt over the tiles left
    m = Mahjong.start(dict(lv, shuffles=0))
    m.pick(4)
    m.pick(5)
    assert m.over and not m.won


# ---- layouts, deals and the solver -------------------------------------------------------------

def test_the_turtles_grow_with_the_stage_and_are_even() -> None:
    sizes = []
    for stage in (1, 2, 3, 4):
        tiles, cols, rows = mahjong.layout(stage)
        assert len(tiles) % 2 == 0 and len(set(tiles)) == len(tiles)
        assert max(t[2] for t in tiles) >= 2  # stacked: at least three layers
        sizes.append(len(tiles))
    assert sizes == sorted(sizes) and sizes[0] == 32 and sizes[2] > sizes[1] > sizes[0]


@pytest.mark.parametrize("index", [0, 1, 2])
def test_deals_are_seeded_solvable_and_the_proof_replays_to_a_win(index: int) -> None:
    lv = level(index, 3)
    assert json.dumps(level(index, 3)) == json.dumps(lv) and json.dumps(level(index, 4)) != json.dumps(lv)
    faces = lv["faces"]
    assert all(faces.count(f) % 2 == 0 for f in set(faces)) and lv["kinds"] == len(set(faces))
    proof = rules.solve(lv, CFG)
    assert proof is not None and proof["steps"] == len(lv["tiles"]) // 2 == len(proof["pairs"])
    m = Mahjong.start(lv)
    for a, b in proof["pairs"]:
        assert m.free(a) and m.free(b) and m.faces[a] == m.faces[b]
        m.pick(a)
        m.pick(b)
    assert m.won and m.shuffled == 0
    assert rules.describe(lv).startswith(f"mahjong solitaire: {len(lv['tiles'])} tiles")


def test_every_reverse_play_deal_has_a_solution() -> None:
    for seed in range(12):
        lv = level(1, seed)
        assert rules.solve(lv, CFG) is not None, seed


def test_the_solver_refuses_a_board_with_no_way_out() -> None:
    # two of a face, one lying on the other: never both free
    assert rules.solve(tiny([[0, 0, 0], [0, 0, 1], [4, 0, 0], [6, 0, 0]], [0, 0, 1, 1]), CFG) is None


# ---- keypoints and agreement on a real build, and on a broken one -------------------------------

@pytest.fixture(scope="module")
def built() -> dict[str, Any]:
    spec = parse_gdd((FIXTURES / "tile_puzzle_mahjong_tea_garden.md").read_text(encoding="utf-8"))
    plan = orchestrator.plan(spec, 5, orchestrator.project_id(spec, 5))
    files = build_bundle(plan)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return {"files": files, "data": data, "game_js": files["game/game.js"].decode("utf-8"),
            "data_js": files["game/data.js"].decode("utf-8")}


def _run_keypoints(b: dict[str, Any], game_js: str) -> dict[str, tuple[bool | None, str]]:
    d = b["data"]
    out = {}
    for kp in GENRE.keypoints(d["spec"], d["config"], d["levels"]):
        with HeadlessGame(game_js, b["data_js"]) as g:
            out[kp.id] = kp.run(g)
    return out


def test_the_fixture_builds_and_every_keypoint_passes(built: dict[str, Any]) -> None:
    got = _run_keypoints(built, built["game_js"])
    assert {"tiles_by_the_rules", "blocked_refused", "faces_must_match", "goal_wins", "stuck_shuffles",
            "stuck_loses", "pointer_plays", "hud_counts", "layout_grows", "suit_teapot"} <= set(got)
    assert all(ok for ok, _ in got.values()), {k: v for k, v in got.items() if not v[0]}


# Each break is one rule taken out of the real game; the keypoint proving that rule must fail.
BREAKS = {
    "blocked_refused": ("if (!jFree(w, i)) return 'blocked';", ""),
    "faces_must_match": ("if (w.faces[w.sel] !== w.faces[i]) {", "if (false) {"),
    "stuck_loses": ("if (w.shuffles <= 0) { w.over = true; return; }", "if (w.shuffles <= 0) return;"),
    "stuck_shuffles": ("w.shuffles--; w.shuffled++;\n      jReshuffle(w);", "w.shuffles--; w.shuffled++; return;"),
    "goal_wins": ("if (!w.alive.some(function (a) { return a; })) { w.won = true; return 'match'; }", ""),
}


@pytest.mark.parametrize("kp", sorted(BREAKS))
def test_a_keypoint_fails_when_its_rule_is_broken(built: dict[str, Any], kp: str) -> None:
    old, new = BREAKS[kp]
    assert built["game_js"].count(old) == 1, f"the break for {kp} no longer finds its rule"
    broken = built["game_js"].replace(old, new)
    d = built["data"]
    check = next(k for k in GENRE.keypoints(d["spec"], d["config"], d["levels"]) if k.id == kp)
    with HeadlessGame(broken, built["data_js"]) as g:
        passed, message = check.run(g)
    assert passed is False, f"{kp} passed on a game without its rule: {message}"


def _agree_seeds(lv: dict[str, Any], want: str) -> list[int]:
    """rng seeds whose recorded play ends as ``want`` ("shuffled" or "over") by the Python rules."""
    out = []
    for seed in range(80):
        _, views = mahjong_qa._events(lv, random.Random(seed))
        end = views[-1]
        if (want == "over" and end["over"]) or (want == "shuffled" and end["shuffled"] and not end["over"]):
            out.append(seed)
        if len(out) == 2:
            break
    return out


def test_js_and_python_agree_through_shuffles_and_a_loss(built: dict[str, Any]) -> None:
    d = built["data"]
    lv = dict(d["levels"][1], shuffles=1)
    shuffled, lost = _agree_seeds(lv, "shuffled"), _agree_seeds(dict(lv, shuffles=0), "over")
    assert shuffled and lost, "no recorded play reaches a shuffle or a loss (the check shows nothing)"
    with HeadlessGame(built["game_js"], built["data_js"]) as g:
        for seed in shuffled:
            assert GENRE.rules_agree(g, lv, d["config"], random.Random(seed)) is None
        for seed in lost:
            assert GENRE.rules_agree(g, dict(lv, shuffles=0), d["config"], random.Random(seed)) is None


def test_the_agreement_check_sees_a_drift(built: dict[str, Any]) -> None:
    d = built["data"]
    lv = dict(d["levels"][1], shuffles=1)
    seed = _agree_seeds(lv, "shuffled")[0]
    # the shuffle's re-deal drawn the other way round
    drifted = built["game_js"].replace("var a = free.splice(rng % free.length, 1)[0];",
                                       "var a = free.splice(free.length - 1 - rng % free.length, 1)[0];")
    assert drifted != built["game_js"]
    with HeadlessGame(drifted, built["data_js"]) as g:
        why = GENRE.rules_agree(g, lv, d["config"], random.Random(seed))
    assert why is not None and "faces" in why


def test_the_bot_wins_level_one_on_the_fixture(built: dict[str, Any]) -> None:
    d = built["data"]
    with HeadlessGame(built["game_js"], built["data_js"]) as g:
        result = qa.play_level_one(g, d["levels"][0], d["config"])
        assert g.errors() == []
    assert result.won, result.detail


# ---- in a real Chromium ----------------------------------------------------------------------------

@pytest.mark.browser
def test_in_chromium_the_keys_and_the_mouse_take_pairs(browser: Any, tmp_path: Path) -> None:
    from tests.browser import GamePage, click, fresh, world

    spec = parse_gdd((FIXTURES / "tile_puzzle_mahjong_plain.md").read_text(encoding="utf-8"))
    plan = orchestrator.plan(spec, 2, orchestrator.project_id(spec, 2))
    for name, blob in build_bundle(plan).items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(blob)
    g = GamePage(browser, tmp_path / "game")
    try:
        st = g.state()
        assert st["status"] == "playing" and (st["genre"], st["mode"]) == ("tile_puzzle", "mahjong")
        g.page.wait_for_timeout(200)
        assert g.canvas_colors() > 3
        fresh(g)
        lv = world(g, "w.level")
        m = Mahjong.start(lv)
        a, b = m.free_pairs()[0]
        for key in mahjong.pick_keys(m, a):  # real key presses walk the cursor and pick
            g.page.keyboard.press({"left": "ArrowLeft", "right": "ArrowRight", "action": "Space"}[key])
            g.page.evaluate("window.maestro.step(2)")
            m.press(key)
        assert world(g, "w.sel") == a
        r = world(g, f"Maestro.genres.tile_puzzle.qa.tile(null, w, {b})")
        click(g, r["x"] + r["w"] / 2, r["y"] + r["h"] / 2)  # the mouse picks the partner
        assert world(g, f"[w.alive[{a}], w.alive[{b}], w.moves]") == [False, False, 1]
        g.page.screenshot(path=str(tmp_path / "mahjong.png"))
        assert g.errors == []
    finally:
        g.close()
