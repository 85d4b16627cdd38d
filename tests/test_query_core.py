"""The Query agent's core on real bundles (built with the pure pipeline, no Ray): planted faults
are each caught, a clean build passes, and the report reads in plain words."""

from __future__ import annotations

import json
import re
import struct
import sys
import types

import pytest

from maestro.agents.query import qa as qa_mod
from maestro.genres.base import BotResult, Keypoint
from maestro.agents.query.qa import bundle_of, check_bundle
from maestro.agents.query.report import finalize, render_html
from maestro.spec import Check, QualityReport
from maestro.spec.requirements import Requirement, RequirementResult
from maestro.agents.query.smoke import contract_problems, smoke_play
from maestro.agents.query.static import static_checks
from tests.conftest import EXAMPLE_BY_GENRE
from tests.test_plan_and_assembly import GDD, _build

SMOKE = 12  # simulated seconds: enough for a fault planted at 3 s, quick enough for many bundles


@pytest.fixture(scope="module")
def bundles() -> dict[str, dict[str, bytes]]:
    out = {genre: bundle_of(_build(path.read_text(encoding="utf-8"), 1)) for genre, path in EXAMPLE_BY_GENRE.items()}
    out["tiny"] = bundle_of(_build(GDD, 3))
    return out


def by_id(report: QualityReport, cid: str) -> Check:
    return next(c for c in report.checks if c.id == cid)


def patched(files: dict[str, bytes], name: str, old: str, new: str, count: int = 1) -> dict[str, bytes]:
    text = files[name].decode()
    assert old in text, f"{old!r} not in {name}: the fault cannot be planted"
    return {**files, name: text.replace(old, new, count).encode()}


def with_data(files: dict[str, bytes], change) -> dict[str, bytes]:
    src = files["data.js"].decode()
    prefix = "window.MAESTRO_DATA = "
    assert src.startswith(prefix)
    data = json.loads(src[len(prefix):].strip().rstrip(";"))
    change(data)
    return {**files, "data.js": (prefix + json.dumps(data) + ";\n").encode()}


def failed_ids(report: QualityReport) -> set[str]:
    return {c.id for c in report.checks if c.passed is False}


# ---- a clean build passes -------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["platformer", "adventure", "puzzle", "shooter", "tiny"])
def test_clean_build_passes(bundles, name):
    report, out = check_bundle(bundles[name], browser=False, smoke_seconds=SMOKE)
    assert failed_ids(report) == set(), report.failures
    assert report.passed and report.score == 100.0
    assert set(out) == {"report.json", "report.html"}
    assert json.loads(out["report.json"])["passed"] is True
    ran = {c.id for c in report.checks if c.passed is not None}
    assert {"code_parses", "data_parses", "assets_named_exist", "levels_present", "no_network", "runs_without_errors",
            "state_contract", "restart_resets", "pause_freezes", "title_then_play"} <= ran
    assert report.figures["smoke_frames"] == SMOKE * 60
    for stage in ("static", "smoke", "generic_keypoints", "bot", "genre_keypoints", "total"):
        assert stage in report.figures
    if name != "puzzle":  # a puzzle has no lives: the check is skipped, and says why
        assert by_id(report, "last_life_loses").passed is True
    else:
        assert "no lives" in by_id(report, "last_life_loses").message


def test_static_checks_signature_and_clean_result(bundles):
    checks = static_checks(bundles["adventure"])
    assert checks and all(isinstance(c, Check) and c.category == "static" for c in checks)
    assert all(c.passed for c in checks), [c.message for c in checks if not c.passed]


# ---- planted faults ------------------------------------------------------------------------------
def test_code_that_throws_after_three_seconds_is_caught(bundles):
    src = bundles["tiny"]["game.js"].decode()
    bad_src, n = re.subn(r"function update\(G, (\w+), dt\) \{",
                         lambda m: m.group(0) + " if (G.time > 3) throw new Error('boom');", src, count=1)
    assert n == 1
    bad = {**bundles["tiny"], "game.js": bad_src.encode()}
    report, _ = check_bundle(bad, browser=False, smoke_seconds=SMOKE)
    check = by_id(report, "runs_without_errors")
    assert check.passed is False and check.critical
    assert "boom" in check.message and "crashed after" in check.message
    secs = float(re.search(r"after ([\d.]+) s", check.message).group(1))
    assert 3.0 <= secs <= 5.0  # the frame it happened at, to the chunk
    assert not report.passed


def test_asset_the_code_names_but_the_atlas_lacks_is_caught(bundles):
    bad = with_data(bundles["adventure"], lambda d: d["atlas"]["frames"].pop("tile_wall"))
    report, _ = check_bundle(bad, browser=False, smoke_seconds=2)
    named = by_id(report, "assets_named_exist")
    assert named.passed is False and "tile_wall" in named.message and named.critical
    assert by_id(report, "data_matches_manifest").passed is False
    assert not report.passed


def test_guarded_tile_missing_is_still_caught_against_the_manifest(bundles):
    bad = with_data(bundles["tiny"], lambda d: d["atlas"]["frames"].pop("tile_ground"))
    failed = {c.id: c for c in static_checks(bad) if c.passed is False}
    assert "data_matches_manifest" in failed and "tile_ground" in failed["data_matches_manifest"].message
    # the platformer draws its ground behind a hasSprite guard: not a missing name, a manifest mismatch
    assert "assets_named_exist" not in failed


def test_missing_sound_and_sprite_for_a_character(bundles):
    def change(d):
        d["sounds"].pop("jump")
        d["atlas"]["frames"].pop(d["roles"]["enemies"][0])
    failed = {c.id: c for c in static_checks(with_data(bundles["tiny"], change)) if c.passed is False}
    assert "jump" in failed["assets_named_exist"].message
    assert "characters_have_sprites" in failed


def test_network_url_is_caught(bundles):
    bad = {**bundles["tiny"], "game.js": bundles["tiny"]["game.js"]
           + b"\nvar lib = document.createElement('script'); lib.src = 'https://cdn.example.com/lib.js';\n"}
    report, _ = check_bundle(bad, browser=False, smoke_seconds=2)
    check = by_id(report, "no_network")
    assert check.passed is False and check.critical and "game.js line" in check.message
    assert not report.passed
    for snippet in (b"fetch('levels.json')", b"new XMLHttpRequest()", b"new WebSocket('ws://x')", b"import('./m.js')"):
        files = {**bundles["tiny"], "game.js": bundles["tiny"]["game.js"] + b"\n" + snippet + b";\n"}
        assert next(c for c in static_checks(files) if c.id == "no_network").passed is False, snippet


def test_todo_left_in_the_code_is_caught(bundles):
    bad = {**bundles["tiny"], "game.js": bundles["tiny"]["game.js"] + b"\n// TODO: finish the boss fight\n"}
    report, _ = check_bundle(bad, browser=False, smoke_seconds=2)
    check = by_id(report, "no_placeholders")
    assert check.passed is False and "TODO" in check.message
    assert report.score < 100  # not critical: the game still plays, but it costs score


def test_restart_that_does_not_reset_is_caught(bundles):
    bad = patched(bundles["tiny"], "game.js", "G.score = 0; G.lives = usesLives ? (spec.lives || 3) : null;", "")
    report, out = check_bundle(bad, browser=False, smoke_seconds=2)
    check = by_id(report, "restart_resets")
    assert check.passed is False and check.critical
    assert "Restarting does not start over" in check.message
    assert int(re.search(r"score is (\d+) after restart", check.message).group(1)) >= 123  # the score QA added
    assert not report.passed
    page = out["report.html"].decode()
    assert "Restarting does not start over" in page


def test_game_over_that_never_comes_is_caught(bundles, monkeypatch):
    monkeypatch.setattr(qa_mod, "_genre_module", lambda genre: (None, "genre checks left out of this test"))
    bad = patched(bundles["tiny"], "game.js", "G.lives = 0; G.status = 'lost';", "G.lives = 1;")
    report, _ = check_bundle(bad, browser=False, smoke_seconds=2)
    check = by_id(report, "last_life_loses")
    assert check.passed is False and "does not end the game" in check.message
    assert check.mechanic == "lives"
    lives = next(r for r in report.requirements if r.requirement.term == "lives")
    assert lives.status == "not_built" and "does not end the game" in lives.detail  # its check failed


def test_pause_that_does_not_freeze_is_caught(bundles):
    bad = patched(bundles["tiny"], "game.js", "if (G.status === 'paused') return;", "")
    report, _ = check_bundle(bad, browser=False, smoke_seconds=2)
    check = by_id(report, "pause_freezes")
    assert check.passed is False and "clock kept running" in check.message


def test_syntax_error_is_caught_without_crashing(bundles):
    bad = patched(bundles["tiny"], "game.js", "function newGame(level) {", "function newGame(level) {{ (")
    report, out = check_bundle(bad, browser=True, smoke_seconds=2)
    check = by_id(report, "code_parses")
    assert check.passed is False and "syntax error" in check.message and "line" in check.message
    assert by_id(report, "boots").passed is None
    assert not report.passed and report.bot.won is None
    assert all(c.passed is None for c in report.checks if c.category == "browser")
    assert "report.html" in out


def test_data_that_does_not_define_the_game_data_is_caught(bundles):
    bad = {**bundles["tiny"], "data.js": b"var somethingElse = 1;\n"}
    failed = {c.id: c for c in static_checks(bad) if c.passed is False}
    assert "MAESTRO_DATA" in failed["data_parses"].message


def test_missing_level_and_module_script_are_caught(bundles):
    bad = with_data(bundles["platformer"], lambda d: d["levels"].pop())
    bad["index.html"] = bad["index.html"].replace(b'<script src="game.js">', b'<script type="module" src="game.js">')
    failed = {c.id: c for c in static_checks(bad) if c.passed is False}
    assert "the design lists 3 levels but the game has 2" in failed["levels_present"].message
    assert "module" in failed["page_scripts"].message


def test_edited_file_is_reported_but_not_fatal(bundles):
    # A designer's hand edit changes game.js' checksum: reported, the build still passes.
    edited = patched(bundles["tiny"], "game.js", "var W = 480, H = 270", "var W = 480 , H = 270")
    report, _ = check_bundle(edited, browser=False, smoke_seconds=2)
    assert failed_ids(report) == {"manifest_checksums"}
    assert report.passed and report.score < 100


def test_state_contract_problems_are_named():
    good = {"status": "playing", "level": 1, "levels": 2, "player": {"x": 1, "y": 2}, "score": 0, "lives": 3, "time": 0.5}
    assert contract_problems(good) == []
    assert contract_problems({**good, "lives": None}) == []
    assert any("'score'" in p for p in contract_problems({k: v for k, v in good.items() if k != "score"}))
    assert any("status" in p for p in contract_problems({**good, "status": "dancing"}))
    assert any("level is 3" in p for p in contract_problems({**good, "level": 3}))
    assert any("player" in p for p in contract_problems({**good, "player": {"x": "a"}}))
    assert contract_problems([1]) != []


def test_broken_state_contract_is_caught(bundles):
    bad = patched(bundles["tiny"], "game.js", "status: G.status, level: G.levelIndex + 1,",
                  "status: G.status === 'playing' ? 'running' : G.status, level: G.levelIndex + 1,")
    r = smoke_play(bad["game.js"].decode(), bad["data.js"].decode(), seconds=2)
    check = next(c for c in r.checks if c.id == "state_contract")
    assert check.passed is False and "running" in check.message


# ---- genre modules: missing or broken never crash QA ------------------------------------------------
def test_missing_genre_module_is_a_skipped_check(bundles, monkeypatch):
    monkeypatch.setattr(qa_mod, "_genre_module", lambda genre: (None, f"no bot for the {genre} genre yet"))
    report, _ = check_bundle(bundles["tiny"], browser=False, smoke_seconds=2)
    bot = by_id(report, "bot_level_one")
    assert bot.passed is None and "no bot for the platformer genre yet" in bot.message
    assert report.bot.won is None and report.passed


def test_unregistered_genre_is_named_not_crashed():
    family, why = qa_mod._genre_module("knitting")
    assert family is None and "knitting" in why


def test_genre_qa_that_cannot_import_fails_the_bot_with_the_reason(bundles, monkeypatch):
    import maestro.genres.platformer as package

    monkeypatch.setitem(sys.modules, "maestro.genres.platformer.qa", None)  # importing it now raises ImportError
    monkeypatch.delattr(package, "qa", raising=False)  # ... even when an earlier test imported it
    report, _ = check_bundle(bundles["tiny"], browser=False, smoke_seconds=2)
    bot = by_id(report, "bot_level_one")
    assert bot.passed is False and "the bot itself failed" in bot.message and not report.passed


def test_broken_genre_bot_and_keypoints_fail_without_crashing(bundles, monkeypatch):
    def play_level_one(game, level, config):
        raise RuntimeError("bot fell over")

    def exploding(game):
        raise ValueError("keypoint fell over")

    def keypoints(spec, config, levels):
        return [Keypoint("collect", "Collecting a Gem adds to the score", lambda g: (False, "Collecting a Gem adds nothing"),
                         mechanic="collect"),
                Keypoint("jump", "The hero jumps", lambda g: (g.step(1)["status"] == "playing", ""), mechanic="jump"),
                Keypoint("boom", "Something", exploding, mechanic="slime")]

    fake = types.SimpleNamespace(play_level_one=play_level_one, keypoints=keypoints)
    monkeypatch.setattr(qa_mod, "_genre_module", lambda genre: (fake, ""))
    report, _ = check_bundle(bundles["tiny"], browser=False, smoke_seconds=2)
    bot = by_id(report, "bot_level_one")
    assert bot.passed is False and "bot fell over" in bot.message and report.bot.won is False
    assert by_id(report, "collect").message == "Collecting a Gem adds nothing"
    assert by_id(report, "jump").passed is True
    assert "keypoint fell over" in by_id(report, "boom").message
    # Fidelity is measured against the GDD's requirements (core loop 3; slime, gem, collect, lives, 2 levels 2
    # each): only lives is verified; a failed check is "not built" (the gem being on screen does not make a
    # failed collect check good), a bot that did not finish leaves the loop approximated.
    states = {r.requirement.id: r.status for r in report.requirements}
    assert states == {"core_loop:platformer": "approximated", "enemy:enemy_slime": "not_built",
                      "item:item_gem": "not_built", "mechanic:collect": "not_built", "mechanic:lives": "verified",
                      "structure:structure_levels": "approximated"}
    assert report.fidelity == round(2 / 13, 3)
    assert report.headline.startswith("Built 1 of 6 things your GDD asks for.")
    assert not report.passed  # a bot that cannot finish level 1 is critical


def test_a_winning_bot_is_reported(bundles, monkeypatch):
    def play_level_one(game, level, config):
        game.run("__game.game.win()")
        return BotResult(won=game.step(1)["level"] == 1 and True, frames=1, detail="won at once")

    monkeypatch.setattr(qa_mod, "_genre_module",
                        lambda genre: (types.SimpleNamespace(play_level_one=play_level_one), ""))
    report, _ = check_bundle(bundles["tiny"], browser=False, smoke_seconds=2)
    assert report.bot.won is True and by_id(report, "bot_level_one").passed is True
    assert "no keypoint checks for the platformer genre yet" in by_id(report, "platformer_keypoints").message


# ---- scoring and the page -------------------------------------------------------------------------
def _c(cid, passed, critical=False, category="static", mechanic=None):
    return Check(id=cid, category=category, passed=passed, critical=critical, requirement=cid,
                 message="" if passed else f"{cid} broke", mechanic=mechanic)


def test_scoring_rule():
    r = finalize(QualityReport(checks=[_c("a", True, True), _c("b", False), _c("c", None, True)]))
    assert r.score == 75.0 and r.passed and r.failures == ["b broke"]  # 3 of 4 weight; skipped ignored
    r = finalize(QualityReport(checks=[_c(f"ok{i}", True) for i in range(20)] + [_c("crit", False, True)]))
    assert r.score > 85 and not r.passed  # a critical failure fails whatever the score
    r = finalize(QualityReport(checks=[_c("a", True), _c("b", False), _c("c", False)]))
    assert r.score < 70 and not r.passed
    # Fidelity: the weighted share of the GDD's requirements verified; checks alone give none.
    assert finalize(QualityReport(checks=[_c("k1", True, category="keypoint", mechanic="jump")])).fidelity is None
    loop = Requirement(id="core_loop:x", kind="core_loop", summary="platformer", defining=True)
    jump = Requirement(id="mechanic:jump", kind="mechanic", summary="jump")
    cards = Requirement(id="mechanic:cards", kind="mechanic", summary="cards and decks")
    r = finalize(QualityReport(requirements=[
        RequirementResult(requirement=loop, status="verified", detail="bot won"),
        RequirementResult(requirement=jump, status="approximated", detail="no check"),
        RequirementResult(requirement=cards, status="not_built", detail="no genre builds it")]))
    assert r.fidelity == round(3 / 7, 3)  # approximated and not built count nothing
    assert r.headline == "Built 1 of 3 things your GDD asks for. Approximated: jump. Not built: cards and decks."


def test_report_html_is_readable_and_self_contained(bundles):
    report = finalize(QualityReport(
        project_id="p-1", title="Goomba <Land>", genre="platformer", thumbnail="thumbnail.png",
        repairs=["level 1 regenerated with a new seed"],
        checks=[_c("ok", True, category="headless"),
                Check(id="enemy_hurts", category="keypoint", passed=False, requirement="Touching a Goomba costs a life",
                      message="Touching a Goomba does not cost a life", mechanic="goomba"),
                _c("skip", None, category="browser")]))
    page = render_html(report)
    assert "Touching a Goomba does not cost a life" in page
    assert "Goomba &lt;Land&gt;" in page and "<Land>" not in page
    assert "✗" in page and "✓" in page and "–" in page
    assert "Failed" in page and "level 1 regenerated with a new seed" in page
    assert "src='thumbnail.png'" in page
    assert not re.search(r"https?://|<link|<script", page)
    assert QualityReport.model_validate_json(report.to_json()) == report


# ---- the browser pass ------------------------------------------------------------------------------
def test_browser_absent_is_skipped_not_failed(bundles, monkeypatch):
    from maestro.agents.query import browser_pass

    monkeypatch.setattr(browser_pass, "chromium_path", lambda: None)
    report, out = check_bundle(bundles["tiny"], browser=True, smoke_seconds=2)
    browser_checks = [c for c in report.checks if c.category == "browser"]
    assert browser_checks and all(c.passed is None and "Chromium is not installed" in c.message for c in browser_checks)
    assert report.passed and "thumbnail.png" not in out


@pytest.mark.browser
def test_browser_pass_on_a_real_chromium(bundles, browser):
    report, out = check_bundle(bundles["tiny"], browser=True, smoke_seconds=2, chromium=browser)
    checks = {c.id: c for c in report.checks if c.category == "browser"}
    assert set(checks) == {"browser_loads", "browser_draws", "browser_frames", "browser_input", "browser_audio"}
    assert all(c.passed for c in checks.values()), [c.message for c in checks.values()]
    png = out["thumbnail.png"]
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", png[16:24]) == (480, 270)
    assert report.thumbnail == "thumbnail.png" and "src='thumbnail.png'" in out["report.html"].decode()


@pytest.mark.browser
def test_browser_pass_hears_broken_music(bundles, browser):
    def break_music(data):
        data["music"] = "bm90IGEgc291bmQ="  # base64 of text: no decoder takes it

    report, _ = check_bundle(with_data(bundles["tiny"], break_music), browser=True, smoke_seconds=1, chromium=browser)
    audio = by_id(report, "browser_audio")
    assert audio.passed is False and "no music is playing" in audio.message and "sounds decoded" in audio.message
    assert by_id(report, "browser_input").passed  # the rest of the game still plays


@pytest.mark.browser
def test_browser_pass_catches_a_page_error(bundles, browser):
    bad = patched(bundles["tiny"], "game.js", "function render() {",
                  "function render() { if (G.frame > 30) throw new Error('draw failed');")
    report, _ = check_bundle(bad, browser=True, smoke_seconds=1, chromium=browser)
    loads = by_id(report, "browser_loads")
    assert loads.passed is False and "draw failed" in loads.message
