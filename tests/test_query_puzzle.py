"""Query for the puzzle genre: the bot and the keypoint checks run against real bundles, built by the
pure pipeline (no Ray) and played in embedded V8 (no browser). Planted faults in game.js / data.js
show that each check can fail, and fails for its own reason."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.genres.puzzle import qa as qa
from maestro.genres.headless import HeadlessGame
from maestro.gdd import parse_gdd
from maestro.genres.puzzle import rules as rules

ROOT = Path(__file__).resolve().parent.parent
SOKOBAN = "examples/crate_expectations.md"
GEMS = "tests/fixtures/gdds/held_out/match3_gems.md"            # exit mode (forced: it reads as tile_puzzle), doors later
IGLOO = "tests/fixtures/gdds/held_out_2/slide_to_the_igloo.md"  # exit mode, one level, hazards, gems
BARRELS = "tests/fixtures/gdds/held_out/sokoban_prose_barrels.md"
BOX_OFFICE = "tests/fixtures/gdds/held_out_2/box_office_sokoban.md"  # sokoban with a time limit


class Bundle:
    def __init__(self, game_js: str, data_js: str):
        self.game_js, self.data_js = game_js, data_js
        prefix = "window.MAESTRO_DATA = "
        assert data_js.startswith(prefix)
        self.data = json.loads(data_js[len(prefix):].rstrip().rstrip(";"))

    @property
    def spec(self) -> dict:
        return self.data["spec"]

    @property
    def config(self) -> dict:
        return self.data["config"]

    @property
    def levels(self) -> list[dict]:
        return self.data["levels"]

    def game(self) -> HeadlessGame:
        return HeadlessGame(self.game_js, self.data_js)

    def patched(self, old: str, new: str) -> "Bundle":
        """The same bundle with one planted fault in game.js (the text must be there exactly once)."""
        assert self.game_js.count(old) == 1, old
        return Bundle(self.game_js.replace(old, new), self.data_js)

    def with_data(self, edit) -> "Bundle":
        data = json.loads(json.dumps(self.data))
        edit(data)
        return Bundle(self.game_js, f"window.MAESTRO_DATA = {json.dumps(data)};\n")


_CACHE: dict[tuple[str, int, int], Bundle] = {}


def build(gdd: str, seed: int, levels: int = 3) -> Bundle:
    """The pipeline's bundle for a GDD, without Ray. Only the first few levels are built (the
    generator proves every level with the solver, the slow part); QA plays level 1 anyway."""
    key = (gdd, seed, levels)
    if key not in _CACHE:
        # the match-3 GDD reads as the tile_puzzle family now: forced here, as these test the puzzle's QA
        spec = parse_gdd((ROOT / gdd).read_text(encoding="utf-8"), source_name=Path(gdd).stem,
                         genre="puzzle" if gdd == GEMS else None)
        assert spec.genre == "puzzle"
        spec = spec.model_copy(update={"levels": spec.levels[:levels]})
        plan = orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed))
        files = build_bundle(plan)
        _CACHE[key] = Bundle(files["game/game.js"].decode(), files["game/data.js"].decode())
    return _CACHE[key]


@pytest.fixture(scope="module")
def soko() -> Bundle:
    return build(SOKOBAN, 1)


@pytest.fixture(scope="module")
def gems() -> Bundle:
    return build(GEMS, 1)


@pytest.fixture(scope="module")
def igloo() -> Bundle:
    return build(IGLOO, 1)


@pytest.fixture(scope="module")
def igloo_soko(igloo) -> Bundle:
    """The igloo build switched to sokoban mode: every keypoint room (doors, dangers, gems) in the
    other mode too."""
    def edit(d):
        d["config"]["mode"] = "sokoban"
        for lv in d["levels"]:
            lv["mode"] = "sokoban"
    return igloo.with_data(edit)


def play(b: Bundle, level: dict | None = None, **kw):
    with b.game() as g:
        result = qa.play_level_one(g, level if level is not None else b.levels[0], b.config, **kw)
        assert g.errors() == []
    return result


def run_keypoints(b: Bundle) -> dict[str, tuple[bool, str]]:
    out = {}
    for kp in qa.keypoints(b.spec, b.config, b.levels):
        with b.game() as g:  # every check gets a fresh game, autostarted on level 1
            out[kp.id] = kp.run(g)
    return out


def one_keypoint(b: Bundle, kid: str) -> tuple[bool, str]:
    kp = next(k for k in qa.keypoints(b.spec, b.config, b.levels) if k.id == kid)
    with b.game() as g:
        return kp.run(g)


# ---- the bot -------------------------------------------------------------------------------------


@pytest.mark.parametrize("gdd,seed", [(SOKOBAN, 1), (SOKOBAN, 2), (BARRELS, 3), (BOX_OFFICE, 4),
                                      (GEMS, 1), (GEMS, 3), (IGLOO, 1), (IGLOO, 5)])
def test_bot_wins_level_one_in_both_modes(gdd, seed):
    b = build(gdd, seed)
    path = rules.solve(b.levels[0], b.config)["path"]
    r = play(b)
    assert r.won, r.detail
    assert r.path_steps == len(path)
    assert r.frames <= 2 * len(path) + qa.SETTLE_FRAMES
    if len(b.levels) > 1:  # the next level really started
        with b.game() as g:
            qa.play_level_one(g, b.levels[0], b.config)
            assert g.state()["level"] == 2 and g.state()["status"] == "playing"


def test_bot_is_deterministic_and_bounded(gems):
    assert play(gems) == play(gems)
    short = play(gems, max_frames=6)
    assert not short.won and "ran out of frames" in short.detail and short.frames <= 6


def test_bot_wins_a_level_one_with_keys_doors_boxes_and_dangers(gems):
    # the browser test's hand-made room: spikes under the start, a key, a locked door, two boxes
    hand = {"mode": "exit", "width": 11, "height": 5,
            "rows": ["###########", "#....#....#", "#.........#", "#....#....#", "###########"],
            "player": [1, 1], "boxes": [[7, 2], [8, 2]], "targets": [], "exit": [9, 2], "keys": [[3, 3]],
            "doors": [[5, 2]], "items": [{"x": 2, "y": 2, "slug": "gem", "points": 25}],
            "dangers": [{"x": 1, "y": 2, "slug": "spikes", "kind": "hazard"}], "box_slug": None,
            "name": "Hand", "seed": 7, "index": 0}
    b = gems.with_data(lambda d: d["levels"].__setitem__(0, hand))
    r = play(b)
    assert r.won, r.detail


def _wall_in_player(level: dict) -> dict:
    rows = [list(r) for r in level["rows"]]
    x, y = level["player"]
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        rows[y + dy][x + dx] = "#"
    return dict(level, rows=["".join(r) for r in rows])


@pytest.mark.parametrize("which", ["soko", "gems"])
def test_bot_fails_when_the_route_is_blocked(which, request):
    b: Bundle = request.getfixturevalue(which)
    original = b.levels[0]
    blocked = b.with_data(lambda d: d["levels"].__setitem__(0, _wall_in_player(d["levels"][0])))
    # the game's level differs from the one the solver proved: the game refuses the first move
    r = play(blocked, original)
    assert not r.won and "refused by the game" in r.detail and r.path_steps == 1
    # the solver itself sees the blocked level: no route at all
    r = play(blocked, blocked.levels[0])
    assert not r.won and "no way to win" in r.detail


def test_bot_reports_a_danger_on_the_route(gems):
    path = rules.solve(gems.levels[0], gems.config)["path"]
    # a hazard on the 3rd cell of the route (not under a box the route pushes)
    lv = gems.levels[0]
    board = rules.Board(lv)
    state = (board.player, board.boxes, 0, 0)
    for d in path[:3]:
        state = rules.move(board, state, d)
    x, y = board.xy(state[0])
    trapped = gems.with_data(lambda d: d["levels"][0]["dangers"].append({"x": x, "y": y, "slug": "spikes", "kind": "hazard"}))
    r = play(trapped, lv)
    assert not r.won and "the level restarted (stepped on spikes)" in r.detail and r.path_steps == 3


# ---- keypoints -----------------------------------------------------------------------------------


def test_keypoints_follow_the_spec_and_levels(soko, gems, igloo):
    assert [k.id for k in qa.keypoints(soko.spec, soko.config, soko.levels)] == \
        ["push_box", "box_blocked", "boxes_on_targets_win", "undo"]
    gem_ids = [k.id for k in qa.keypoints(gems.spec, gems.config, gems.levels)]
    assert gem_ids[:4] == ["push_box", "box_blocked", "exit_wins", "undo"]
    assert ("door_needs_key" in gem_ids) == any(lv["doors"] for lv in gems.levels)
    assert ("collect" in gem_ids) == any(lv["items"] for lv in gems.levels)
    ids = [k.id for k in qa.keypoints(igloo.spec, igloo.config, igloo.levels)]
    assert "hazard_restarts" in ids and "exit_wins" in ids and "boxes_on_targets_win" not in ids
    assert ("door_needs_key" in ids) == any(lv["doors"] for lv in igloo.levels)
    first_only = [dict(igloo.levels[0], doors=[], keys=[])]
    assert "door_needs_key" not in [k.id for k in qa.keypoints(igloo.spec, igloo.config, first_only)]
    no_undo = dict(soko.config, undo=False)
    assert "undo" not in [k.id for k in qa.keypoints(soko.spec, no_undo, soko.levels)]
    kps = {k.id: k for k in qa.keypoints(igloo.spec, igloo.config, igloo.levels)}
    slugs = list(dict.fromkeys(d["slug"] for lv in igloo.levels for d in lv["dangers"]))
    names = {h["slug"]: h["name"] for h in igloo.spec["hazards"] + igloo.spec["enemies"]}
    assert kps["hazard_restarts"].requirement == \
        f"Stepping onto {qa._either([names[s] for s in slugs])} restarts the level"
    assert kps["hazard_restarts"].mechanic == "hazards" and kps["undo"].mechanic == "undo"
    item = igloo.levels[0]["items"][0]
    item_name = next(i["name"] for i in igloo.spec["items"] if i["slug"] == item["slug"])
    assert kps["collect"].requirement == f"Collecting a {item_name} adds {item['points']} to the score"
    box = {k.id: k for k in qa.keypoints(soko.spec, soko.config, soko.levels)}
    assert box["push_box"].mechanic == "push_blocks" and "crate" in box["push_box"].requirement


@pytest.mark.parametrize("which", ["soko", "gems", "igloo", "igloo_soko"])
def test_every_keypoint_passes_on_a_good_build_quickly(which, request):
    b: Bundle = request.getfixturevalue(which)
    if which == "igloo_soko":
        assert {"boxes_on_targets_win", "door_needs_key", "hazard_restarts", "collect"} <= \
            {k.id for k in qa.keypoints(b.spec, b.config, b.levels)}
    for kp in qa.keypoints(b.spec, b.config, b.levels):
        t = time.perf_counter()
        with b.game() as g:
            ok, detail = kp.run(g)
            assert g.errors() == []
        assert ok, f"{kp.id}: {detail}"
        assert time.perf_counter() - t < 0.2, kp.id


def test_move_limit_keypoint_when_the_config_has_one(soko):
    limited = soko.with_data(lambda d: d["config"].__setitem__("move_limit", 30))
    assert one_keypoint(limited, "move_limit")[0]
    assert play(limited).won
    broken = limited.patched("if (limit > 0 && world.moves >= limit) G.hurt('out of moves');", "")
    ok, detail = one_keypoint(broken, "move_limit")
    assert not ok and "didn't restart" in detail


FAULTS = [
    # (bundle, keypoint that must fail, old game.js text, planted fault)
    ("soko", "push_box", "world.boxAt[t] = -1; world.boxes[bi] = u; world.boxAt[u] = bi; world.pushes++;",
     "world.pushes++;"),
    ("soko", "push_box", "if (!boxCanEnter(world, u)) { world.flash = 0.12; return false; }",
     "{ world.flash = 0.12; return false; }"),
    ("soko", "box_blocked", "if (world.boxAt[u] >= 0 || u === world.exit) return false;",
     "if (u === world.exit) return false;"),
    ("gems", "box_blocked", "if (u < 0 || world.cells[u] !== FLOOR || world.dangerAt[u] >= 0) return false;",
     "if (u < 0 || world.dangerAt[u] >= 0) return false;"),
    ("soko", "boxes_on_targets_win", "(world.nTargets > 0 && boxesPlaced(world) === world.boxes.length)",
     "(world.nTargets > 0 && boxesPlaced(world) > 0)"),  # wins with the first crate
    ("soko", "boxes_on_targets_win", "(world.nTargets > 0 && boxesPlaced(world) === world.boxes.length)",
     "(world.nTargets > 0 && boxesPlaced(world) > world.boxes.length)"),  # never wins
    ("gems", "exit_wins", "(t === world.exit)", "(t === world.exit && false)"),
    ("soko", "undo", "world.boxes = s.boxes;", ""),
    ("gems", "undo", "world.p = s.p;", ""),
    ("gems", "door_needs_key", "if (world.held <= 0) { world.flash = 0.12; return false; }", ""),
    ("gems", "door_needs_key", "if (ki >= 0 && !world.keyTaken[ki]) { world.keyTaken[ki] = 1; world.held++;",
     "if (ki >= 0 && !world.keyTaken[ki]) { world.keyTaken[ki] = 1;"),
    ("igloo", "hazard_restarts", "G.hurt(dz.kind === 'enemy' ? 'caught by ' + dz.slug : 'stepped on ' + dz.slug);", ""),
    ("igloo", "hazard_restarts", "G.hurt(dz.kind === 'enemy' ? 'caught by ' + dz.slug : 'stepped on ' + dz.slug);",
     "G.gameOver('stepped on ' + dz.slug);"),
    ("igloo", "collect", "G.addScore(world.items[ii].points);", "G.addScore(1);"),
]


@pytest.mark.parametrize("which,kid,old,new", FAULTS, ids=[f"{f[1]}-{i}" for i, f in enumerate(FAULTS)])
def test_planted_fault_fails_its_keypoint(which, kid, old, new, request):
    good: Bundle = request.getfixturevalue(which)
    assert one_keypoint(good, kid)[0]
    ok, detail = one_keypoint(good.patched(old, new), kid)
    assert not ok and detail and detail != "ok", detail


@pytest.mark.parametrize("which,old,new", [
    ("soko", "(world.nTargets > 0 && boxesPlaced(world) === world.boxes.length)",
     "(world.nTargets > 0 && boxesPlaced(world) > world.boxes.length)"),
    ("gems", "(t === world.exit)", "(t === world.exit && false)"),
])
def test_bot_fails_when_the_win_rule_is_broken(which, old, new, request):
    b: Bundle = request.getfixturevalue(which)
    r = play(b.patched(old, new))
    assert not r.won and "wasn't won" in r.detail


def test_a_game_that_throws_or_lacks_the_hook_fails_cleanly(soko):
    throws = soko.patched("function tryMove(G, world, name) {", "function tryMove(G, world, name) { throw new Error('boom');")
    with throws.game() as g:
        r = qa.play_level_one(g, soko.levels[0], soko.config)
    assert not r.won and r.detail
    assert not run_keypoints(throws)["push_box"][0]
    hookless = soko.patched("qa: qa,", "")
    ok, detail = one_keypoint(hookless, "undo")
    assert not ok and "qa.view" in detail
