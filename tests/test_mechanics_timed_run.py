"""A timed run with no levels ("survive for 40 seconds", "score as many points as you can in 30 seconds"): the
reader makes it one stage with ``time_limit`` and ``time_ends_as`` ("win" / "score"); the runtime's clock
counts down on the HUD and reaching 0 ends the run as won, not as a lost life; the shooter's waves fill the
clock and never end the stage themselves. The "timed_run" keypoint plays the clock to 0 on the real
JavaScript and "timed_run_loses" shows that dying first still loses; both fail on builds that get it wrong,
and fidelity reports the timed requirement delivered only when they passed."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.fidelity import judge
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.headless import HeadlessGame
from maestro.genres.shooter import qa, rules
from maestro.spec.quality import Check

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "mech_timed_run.md"
SCORE_ATTACK = """# Comet Tally
Genre: Shoot 'em up
You fly the **Skiff** against the **Comets**, enemies that fall in waves.
The whole game is a single stage against the clock. Score as many points as you can in 30 seconds.
Each comet destroyed is worth 10 points. You have 3 lives.
"""
CLOCK_WINS = "if (clockWins) { G.timeUp = true; G.win(); return; }"
OWN_WIN = "if (!W.won && !C.timedRun && t >= W.lastSpawn"
LAST_LIFE = "G.lives = 0; G.status = 'lost';"


def _build_text(text: str, name: str) -> dict:
    spec = parse_gdd(text, source_name=name)
    files = build_bundle(orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1)))
    data_js = files["game/data.js"].decode()
    data = json.loads(data_js[data_js.index("{"): data_js.rindex("}") + 1])
    return {"files": files, "game_js": files["game/game.js"].decode(), "data_js": data_js, **data}


@pytest.fixture(scope="module")
def built() -> dict:
    return _build_text(read_gdd_file(GDD), "timed")


@pytest.fixture(scope="module")
def score_attack() -> dict:
    return _build_text(SCORE_ATTACK, "score")


def _run(built: dict, kid: str, game_js: str | None = None) -> tuple[bool | None, str]:
    kp = next(k for k in qa.keypoints(built["spec"], built["config"], built["levels"]) if k.id == kid)
    with HeadlessGame(game_js or built["game_js"], built["data_js"]) as g:
        return kp.run(g)


def _broken(built: dict, anchor: str, instead: str) -> str:
    js = built["game_js"]
    assert js.count(anchor) == 1, anchor
    return js.replace(anchor, instead)


# ---- the reader --------------------------------------------------------------------------------------

def test_a_survival_run_is_one_stage_against_the_clock():
    spec = parse_gdd(read_gdd_file(GDD), source_name="timed")
    assert (spec.time_limit, spec.time_ends_as, len(spec.levels)) == (40, "win", 1)
    assert spec.params_of("timer") == {"direction": "down", "ends_as": "win", "seconds": 40}
    structure = [r for r in spec.requirements if r.kind == "structure"]
    assert any(r.term == "timed" and "survival" in r.summary for r in structure)
    assert not any(r.term == "endless" for r in structure)
    assert not any("describes no levels" in w for w in spec.warnings)
    assert json.loads(spec.model_dump_json())["time_ends_as"] == "win"


@pytest.mark.parametrize("sentence, expected", [
    ("Survive for 90 seconds.", (90, "win")),
    ("Stay alive for two minutes while the hail falls.", (120, "win")),
    ("Score as many points as you can in two minutes.", (120, "score")),
    ("You have 60 seconds to score as much as you can.", (60, "score")),
    ("A wave comes every 10 seconds; survive them all.", (None, None)),
    ("Survive three waves of drones.", (None, None)),
])
def test_the_words_of_a_run_against_the_clock(sentence, expected):
    spec = parse_gdd(f"# Run\nGenre: Shoot 'em up\nShoot the drones. {sentence}\n", source_name="x")
    assert (spec.time_limit, spec.time_ends_as) == expected


def test_a_gdd_with_levels_keeps_them_and_no_timed_run():
    spec = parse_gdd("# Run\nGenre: Shoot 'em up\nShoot the drones across 3 levels. Survive for 60 seconds.\n",
                     source_name="x")
    assert len(spec.levels) == 3 and spec.time_ends_as is None


def test_a_spec_without_a_timed_run_serialises_as_before():
    spec = parse_gdd("# Sky Guard\nGenre: Shoot 'em up\nShoot the drones in waves. 3 lives.\n", source_name="x")
    assert "time_ends_as" not in json.loads(spec.model_dump_json())
    assert "timed_run" not in rules.config_for(spec)


# ---- the build ---------------------------------------------------------------------------------------

def test_the_waves_fill_the_clock_and_the_stage_is_proven(built):
    cfg, (level,) = built["config"], built["levels"]
    assert built["spec"]["time_ends_as"] == "win" and cfg["timed_run"] == {"seconds": 40, "ends_as": "win"}
    assert level["duration"] == 40.0 and level["last_spawn"] > 40 - 20
    proof = rules.solve(level, cfg)
    assert proof is not None and proof["duration"] == 40.0


def test_the_bot_outlasts_the_clock_and_the_rules_agree(built):
    with HeadlessGame(built["game_js"], built["data_js"]) as g:
        result = qa.play_level_one(g, built["levels"][0], built["config"])
    assert result.won and "status won" in result.detail, result.detail
    for seed in (1, 2):
        with HeadlessGame(built["game_js"], built["data_js"]) as g:
            assert qa.rules_agree(g, built["levels"][0], built["config"], random.Random(seed)) is None


# ---- the keypoints on the real game, and on broken ones ------------------------------------------------

def test_the_clock_reaching_zero_wins_the_run(built):
    ok, msg = _run(built, "timed_run")
    assert ok is True, msg
    assert "TIME 39" in msg and "You survived!" in msg


def test_dying_before_zero_still_loses(built):
    ok, msg = _run(built, "timed_run_loses")
    assert ok is True, msg


def test_a_clock_that_costs_a_life_fails_the_timed_check(built):
    ok, msg = _run(built, "timed_run", _broken(built, CLOCK_WINS, ""))
    assert ok is False, msg


def test_waves_that_end_the_stage_before_the_clock_fail_the_timed_check(built):
    ok, msg = _run(built, "timed_run", _broken(built, OWN_WIN, "if (!W.won && t >= W.lastSpawn"))
    assert ok is False and "before" in msg, msg


def test_a_run_that_a_late_death_wins_fails_the_lose_check(built):
    js = _broken(built, LAST_LIFE, "G.lives = 0; G.status = clockWins ? 'won' : 'lost';")
    ok, msg = _run(built, "timed_run_loses", js)
    assert ok is False, msg


def test_a_score_attack_ends_with_the_final_score(score_attack):
    assert score_attack["spec"]["time_ends_as"] == "score" and len(score_attack["levels"]) == 1
    ok, msg = _run(score_attack, "timed_run")
    assert ok is True and "Time's up!" in msg, msg
    ok, msg = _run(score_attack, "timed_run_loses")
    assert ok is True, msg


# ---- fidelity ------------------------------------------------------------------------------------------

def _kp(cid: str, passed: bool | None, requirement: str = "") -> Check:
    return Check(id=cid, category="keypoint", passed=passed, requirement=requirement or cid, mechanic="timer")


def _rows(spec: dict, checks: list[Check]) -> dict[str, str]:
    return {r.requirement.term or r.requirement.kind: r.status for r in judge(spec, checks)}


def test_fidelity_says_timed_is_delivered_only_when_both_checks_passed(built):
    spec = built["spec"]
    won = _kp("timed_run", True, "Survive until the 40 seconds run out: the clock reaching 0 wins the run")
    loses = _kp("timed_run_loses", True)
    assert _rows(spec, [won, loses])["timed"] == "verified"
    assert _rows(spec, [won, loses])["timer"] == "verified"
    assert _rows(spec, [won, loses.model_copy(update={"passed": False})])["timed"] == "not_built"
    assert _rows(spec, [won.model_copy(update={"passed": False}), loses])["timer"] == "not_built"
    assert _rows(spec, [])["timed"] == "approximated"
    per_level = dict(spec, time_ends_as=None)
    row = next(r for r in judge(per_level, [won, loses]) if r.requirement.term == "timed")
    assert row.status == "approximated" and "per level" in row.detail


def test_the_reports_timed_rows_from_the_real_checks(built):
    checks = []
    for kp in qa.keypoints(built["spec"], built["config"], built["levels"]):
        if kp.id in ("timed_run", "timed_run_loses"):
            with HeadlessGame(built["game_js"], built["data_js"]) as g:
                passed, message = kp.run(g)
            checks.append(Check(id=kp.id, category="keypoint", passed=passed, requirement=kp.requirement,
                                message=message, mechanic=kp.mechanic))
    assert len(checks) == 2
    rows = {r.requirement.term: r for r in judge(built["spec"], checks)}
    assert rows["timed"].status == "verified" and rows["timed"].check == "timed_run"
    assert rows["timer"].status == "verified"


# ---- the platformer: a runner's course outlasts the clock, a levels game stands it out ----------------

PLATFORMER_GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "platformer_timed_runner.md"
RUN_FAR = """# Roof Run
- **Genre**: Endless runner
The cat runs by itself over the roofs. Jump the gaps. Run as far as you can in 90 seconds. 3 lives.
"""
LEVELS_SURVIVE = """# Gem Hunt
- **Genre**: Platformer
Run and jump through the cave. Survive for 30 seconds while the bats patrol. Collect gems (10 points each). 3 lives.
"""


@pytest.fixture(scope="module")
def platformer_runs() -> dict:
    return {"survive": _build_text(read_gdd_file(PLATFORMER_GDD), "pf_survive"), "far": _build_text(RUN_FAR, "pf_far"),
            "levels": _build_text(LEVELS_SURVIVE, "pf_levels")}


def _pf_run(built: dict, kid: str, game_js: str | None = None) -> tuple[bool | None, str]:
    from maestro.genres.platformer import qa as pf_qa

    kp = next(k for k in pf_qa.keypoints(built["spec"], built["config"], built["levels"]) if k.id == kid)
    with HeadlessGame(game_js or built["game_js"], built["data_js"]) as g:
        return kp.run(g)


def test_a_platformer_timed_run_is_read_and_sized_to_its_clock(platformer_runs):
    from maestro.genres.platformer import rules as pf

    survive, far, levels = platformer_runs["survive"], platformer_runs["far"], platformer_runs["levels"]
    assert (survive["spec"]["mode"], survive["config"]["timed_run"]) == ("runner", {"seconds": 45, "ends_as": "win"})
    assert far["config"]["timed_run"] == {"seconds": 90, "ends_as": "score", "distance_points": 1}
    assert (levels["spec"]["mode"], levels["config"]["timed_run"]["ends_as"]) == ("levels", "win")
    for built in (survive, far):
        (level,) = built["levels"]
        proof = pf.solve(level, built["config"])
        # the course is longer than the clock: its proven route reaches the flag only after 0
        assert proof is not None and proof["steps"] + proof["wait"] > built["config"]["timed_run"]["seconds"] * 60
    plain = parse_gdd("# Hop\n- **Genre**: Endless runner\nThe fox runs by itself. Jump the logs. 3 lives.\n", source_name="x")
    assert "timed_run" not in pf.config_for(plain)


@pytest.mark.parametrize("name", ["survive", "far", "levels"])
def test_the_platformer_clock_wins_and_a_late_death_loses(platformer_runs, name):
    built = platformer_runs[name]
    ok, msg = _pf_run(built, "timed_run")
    assert ok is True, msg
    assert ("Time's up!" if name == "far" else "You survived!") in msg
    ok, msg = _pf_run(built, "timed_run_loses")
    assert ok is True, msg
    with HeadlessGame(built["game_js"], built["data_js"]) as g:
        from maestro.genres.platformer import qa as pf_qa

        assert pf_qa.play_level_one(g, built["levels"][0], built["config"]).won


def test_a_platformer_clock_that_costs_a_life_fails(platformer_runs):
    built = platformer_runs["survive"]
    ok, msg = _pf_run(built, "timed_run", _broken(built, CLOCK_WINS, ""))
    assert ok is False, msg


def test_a_runner_course_shorter_than_the_clock_fails(platformer_runs):
    built = dict(platformer_runs["survive"])
    (level,) = built["levels"]
    cut = 150  # columns: the flag well before the clock's 45 s
    rows = [r[:cut - 4] + r[-4:] for r in level["rows"]]
    short = dict(level, rows=rows, width=len(rows[0]), goal=dict(level["goal"], x=len(rows[0]) - 4),
                 items=[i for i in level["items"] if i["x"] < (cut - 8) * 16],
                 hazards=[h for h in level["hazards"] if h["x"] < cut - 8],
                 enemies=[e for e in level["enemies"] if e["max"] < (cut - 8) * 16],
                 checkpoints=[c for c in level["checkpoints"] if c[0] < (cut - 8) * 16])
    data = json.loads(built["data_js"][built["data_js"].index("{"): built["data_js"].rindex("}") + 1])
    data["levels"] = [short]
    built.update(levels=[short], data_js="window.MAESTRO_DATA = " + json.dumps(data) + ";")
    ok, msg = _pf_run(built, "timed_run")
    assert ok is False and "before" in msg, msg


# ---- a real browser: the HUD counts down, the end screen ------------------------------------------------

@pytest.mark.browser
def test_the_clock_counts_down_and_wins_in_chromium(built, browser, tmp_path):
    from tests.browser import GamePage, fresh

    for name, blob in built["files"].items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(blob)
    g = GamePage(browser, tmp_path / "game")
    try:
        fresh(g)
        g.page.evaluate("(() => { const m = window.maestro; for (let i = 0; i < 20 * 60; i++) { m.game.invuln = 9; m.step(1); } })()")
        (tmp_path / "mid.png").write_bytes(g.page.locator("#game").screenshot())
        Path("/tmp/maestro_timed_mid.png").write_bytes((tmp_path / "mid.png").read_bytes())
        s = g.page.evaluate("(() => { const m = window.maestro; let s = m.state();"
                            " while (s.status === 'playing') { m.game.invuln = 9; s = m.step(1); } return s; })()")
        assert s["status"] == "won" and 40 <= s["time"] < 40.05, s
        Path("/tmp/maestro_timed_end.png").write_bytes(g.page.locator("#game").screenshot())
        assert not g.errors, g.errors
    finally:
        g.close()
