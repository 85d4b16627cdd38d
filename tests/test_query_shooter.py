"""Query agent, shooter genre: the bot flies level 1 of real builds, every keypoint passes on a good
build, and planted faults (in game.js or in a level) make the right check fail.

Bundles are built with the pure pipeline (no Ray): parse_gdd -> orchestrator.plan -> every job's
generator -> BundleAssembler.finish(), and played in embedded V8 (HeadlessGame), no browser.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from maestro.agents import codex, orchestrator
from maestro.agents.generators import build_bundle
from maestro.genres.shooter import qa as Q
from maestro.genres.headless import HeadlessGame
from maestro.gdd import parse_gdd
from maestro.genres.shooter import rules as S


ROOT = Path(__file__).resolve().parents[1]
FIXED_GDD = (ROOT / "examples/orbit_guard.md").read_text(encoding="utf-8")                 # fixed, shoots
SCROLL_GDD = (ROOT / "tests/fixtures/gdds/topdown_shooter.md").read_text(encoding="utf-8")  # scrolling
BOSS_GDD = (ROOT / "tests/fixtures/gdds/held_out/bullet_hell_boss.md").read_text(encoding="utf-8")

DODGE_GDD = """# Comet Dodger
- **Genre**: Shooter (side-scrolling dodger)
- **Mode**: scrolling

Pilot a tiny probe through a comet storm. The screen scrolls automatically to the right.
Dodge the comets and the ice rocks. Catch star shards for 15 points. Survive each sector. 2 levels. 3 lives.
"""


def _build(text: str, seed: int, *, no_shoot: bool = False) -> tuple[str, str, dict]:
    spec = parse_gdd(text, source_name="qa-shooter")
    if no_shoot:
        # The offline parser gives every shooter a gun; a dodge-only spec (as the LLM reader or a
        # designer's edit can give) is the same spec without it.
        spec = spec.model_copy(update={"mechanics": [m for m in spec.mechanics if m.id not in S.SHOOT_IDS]})
    plan = orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed))
    files = build_bundle(plan)
    game_js, data_js = files["game/game.js"].decode(), files["game/data.js"].decode()
    return game_js, data_js, _data(data_js)


def _data(data_js: str) -> dict:
    return json.loads(data_js[data_js.index("=") + 1:].strip().rstrip(";"))


BUILDS = {  # name -> (gdd, seed, no_shoot)
    "fixed-1": (FIXED_GDD, 1, False), "fixed-2": (FIXED_GDD, 2, False), "fixed-3": (FIXED_GDD, 3, False),
    "scroll-1": (SCROLL_GDD, 1, False), "scroll-2": (SCROLL_GDD, 2, False), "scroll-3": (SCROLL_GDD, 3, False),
    "boss-1": (BOSS_GDD, 1, False), "boss-5": (BOSS_GDD, 5, False),
    "dodge-1": (DODGE_GDD, 1, True), "dodge-2": (DODGE_GDD, 2, True),
    "dodge-fixed-1": (FIXED_GDD, 4, True),
}


@pytest.fixture(scope="module")
def builds():
    cache: dict[str, tuple[str, str, dict]] = {}

    def get(name: str):
        if name not in cache:
            gdd, seed, no_shoot = BUILDS[name]
            cache[name] = _build(gdd, seed, no_shoot=no_shoot)
        return cache[name]
    return get


def _kp(data: dict, kid: str):
    found = [k for k in Q.keypoints(data["spec"], data["config"], data["levels"]) if k.id == kid]
    assert found, f"no keypoint {kid}"
    return found[0]


def _play(game_js: str, data_js: str):
    data = _data(data_js)
    with HeadlessGame(game_js, data_js) as g:
        return Q.play_level_one(g, data["levels"][0], data["config"]), g.state(), g.errors()


# ---- the bot ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", sorted(BUILDS))
def test_bot_wins_level_one(builds, name):
    game_js, data_js, data = builds(name)
    assert data["spec"]["genre"] == "shooter"
    result, state, errors = _play(game_js, data_js)
    assert result.won, result.detail
    assert state["level"] == 2 and state["status"] == "playing", state   # every build here has 2+ levels
    assert state["lives"] == data["spec"]["lives"], result.detail       # the solver's path is never hit
    assert errors == []
    assert 0 < result.path_steps and 0 < result.frames <= Q.MAX_LEVEL_FRAMES


def test_builds_cover_both_modes_with_and_without_shooting(builds):
    seen = {(builds(n)[2]["config"]["mode"], builds(n)[2]["config"]["can_shoot"]) for n in BUILDS}
    assert seen == {("fixed", True), ("scrolling", True), ("scrolling", False), ("fixed", False)}


def test_bot_is_deterministic(builds):
    game_js, data_js, _ = builds("scroll-1")
    first, second = _play(game_js, data_js)[0], _play(game_js, data_js)[0]
    assert first == second and first.won


def _wall_level(data: dict) -> dict:
    """Level 1 plus four full-width walls of obstacles: no route, and walls can't be shot."""
    cfg, level = data["config"], dict(data["levels"][0])
    lo, hi = cfg["across"]
    n = int((hi - lo) // 16) + 1
    walls = [{"t": 3.0 + 2.5 * k, "pattern": "line", "kind": "hazard", "enemy": 0, "count": n, "speed": 60.0,
              "hp": 1, "fire": False, "a": 0.5, "spacing": 16, "delay": 0.4, "amp": 0.0, "freq": 0.5, "xs": []}
             for k in range(4)]
    level["waves"] = list(level["waves"]) + walls
    last_spawn, end = S.level_timing(level["waves"], cfg)
    level.update(last_spawn=round(last_spawn, 3), duration=round(end + 0.5, 3))
    return level


@pytest.mark.parametrize("name", ["fixed-1", "dodge-1"])
def test_bot_fails_when_the_route_is_blocked(builds, name):
    game_js, _, data = builds(name)
    blocked = dict(data, levels=[_wall_level(data)] + data["levels"][1:])
    assert S.solve(blocked["levels"][0], data["config"]) is None
    result, state, _ = _play(game_js, codex.data_js(blocked))
    assert not result.won, result.detail
    assert state["level"] == 1 and state["status"] == "lost", state     # it really played, and lost
    assert "no safe route" in result.detail and "game over" in result.detail


# ---- keypoints on good builds ----------------------------------------------------------------

EXPECTED_IDS = {
    "fixed-1": {"shoot_kills", "enemy_hurts", "collect", "waves"},
    "scroll-1": {"shoot_kills", "enemy_hurts", "collect", "waves", "auto_scroll"},
    "dodge-1": {"enemy_hurts", "collect", "waves", "auto_scroll", "dodge_only"},
    "dodge-fixed-1": {"enemy_hurts", "collect", "waves", "dodge_only"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_IDS))
def test_every_keypoint_passes_on_a_good_build(builds, name):
    game_js, data_js, data = builds(name)
    kps = Q.keypoints(data["spec"], data["config"], data["levels"])
    assert {k.id for k in kps} == EXPECTED_IDS[name]
    assert len({k.id for k in kps}) == len(kps)
    for k in kps:
        assert k.requirement and k.requirement[0].isupper()
        with HeadlessGame(game_js, data_js) as g:
            t0 = time.perf_counter()
            ok, msg = k.run(g)
            took = time.perf_counter() - t0
            assert ok, f"{k.id}: {msg}"
            assert g.errors() == []
        assert took < 0.5, (k.id, took)   # ~0.2 s budget per check, with room for a slow CI box
    mechanics = {k.id: k.mechanic for k in kps}
    if "shoot_kills" in mechanics:
        assert mechanics["shoot_kills"] == "shoot"
    if "collect" in mechanics:
        assert mechanics["collect"] == "collect"


def test_keypoints_name_the_gdd_entities(builds):
    _, _, data = builds("boss-1")
    kps = {k.id: k for k in Q.keypoints(data["spec"], data["config"], data["levels"])}
    names = [e["name"] for e in data["spec"]["enemies"]]
    assert any(n in kps["shoot_kills"].requirement for n in names)
    assert data["spec"]["items"][0]["name"] in kps["collect"].requirement
    assert kps["enemy_hurts"].mechanic == data["spec"]["enemies"][0]["slug"]
    assert kps["auto_scroll"].mechanic == "auto_scroll"


# ---- planted faults ----------------------------------------------------------------------------

FAULTS = [  # (build, keypoint that must fail, text in game.js, replacement, what the fault is)
    ("fixed-1", "shoot_kills", "if (scored) { W.kills++; G.addScore(m.points); }", "if (scored) { W.kills++; }",
     "a kill scores nothing"),
    ("scroll-1", "shoot_kills", "m.hp -= C.damage;", "m.hp -= 0;", "bullets do no damage"),
    ("fixed-1", "enemy_hurts", "if (G.hurt('hit by ' + name)) {", "if (false) {", "contact costs nothing"),
    ("scroll-1", "enemy_hurts", "if (G.hurt('shot down'))", "if (false)", "enemy bullets are harmless"),
    ("fixed-1", "collect", "it.state = 2; W.caught++; G.addScore(it.points);", "it.state = 2; W.caught++;",
     "catching an item scores nothing"),
    ("dodge-1", "collect", "if (overlap(W.px + 2, W.py + 2, 12, 12, it.x + 2", "if (false && overlap(W.px + 2, W.py + 2, 12, 12, it.x + 2",
     "items can't be caught"),
    ("fixed-1", "waves", "W.won = true; G.win();", "W.won = true;", "the level never ends"),
    ("scroll-1", "waves", "t >= W.lastSpawn && W.remaining <= 0", "t >= 1", "the level ends before its waves"),
    ("fixed-1", "waves", "if (m.t0 > t) break;                  // sorted by spawn time",
     "if (m.t0 + 2 > t) break;", "waves spawn late"),
    ("scroll-1", "auto_scroll", "G.cam.x = C.mode === 'scrolling' ? t * C.scrollSpeed : 0;", "G.cam.x = 0;",
     "the view does not scroll"),
    ("dodge-1", "dodge_only", "if (C.canShoot) {\n      if (W.fireCd", "if (true) {\n      if (W.fireCd",
     "a dodge-only ship fires"),
    ("dodge-1", "dodge_only", "t >= W.duration - 0.5", "t >= W.duration + 60", "surviving the timeline never wins"),
]


@pytest.mark.parametrize("build,kid,old,new,what", FAULTS, ids=[f[4] for f in FAULTS])
def test_planted_fault_fails_the_right_keypoint(builds, build, kid, old, new, what):
    game_js, data_js, data = builds(build)
    assert game_js.count(old) == 1, "the fault must really be planted"
    broken = game_js.replace(old, new)
    kp = _kp(data, kid)
    with HeadlessGame(game_js, data_js) as g:
        assert kp.run(g)[0]
    with HeadlessGame(broken, data_js) as g:
        ok, msg = kp.run(g)
    assert not ok, f"{kid} passed with '{what}'"
    assert msg


def test_a_level_that_never_ends_fails_the_bot_too(builds):
    game_js, data_js, _ = builds("fixed-1")
    broken = game_js.replace("W.won = true; G.win();", "W.won = true;")
    result, state, _ = _play(broken, data_js)
    assert not result.won and state["level"] == 1 and "did not end" in result.detail
    assert result.frames <= Q.MAX_LEVEL_FRAMES


def test_a_genre_module_without_qa_hooks_skips_the_hooked_checks(builds):
    game_js, data_js, data = builds("fixed-1")
    broken = game_js.replace("usesLives: true, qa: qa", "usesLives: true")
    assert broken != game_js
    for kid in ("shoot_kills", "enemy_hurts", "collect"):
        with HeadlessGame(broken, data_js) as g:
            ok, msg = _kp(data, kid).run(g)
        assert ok is None and "qa hooks" in msg   # "not checked", never a false pass or fail
