"""QA can be neither hung nor fooled by a bundle: one that freezes, crawls, allocates without bound,
freezes the page at load or seconds into play, or does not match its manifest ends in a failed
check with its reason, within QA's bounds, and the process that checks it survives."""

from __future__ import annotations

import os
import tempfile
import time

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query import browser_pass
from maestro.agents.query.qa import check_bundle
from maestro.gdd import parse_gdd

GDD = "# Hostile Crates\nA sokoban puzzle with 2 levels: push every crate onto a target.\n"

# Appended to game.js: every genre module's frame update first runs HOSTILE (genre-agnostic).
WRAP = """;(function () { var g = Maestro.genres, t0 = Date.now(); Object.keys(g).forEach(function (k) {
  var m = g[k], u = m.update; m.update = function (G, W, dt) { %s; return u.apply(this, arguments); }; }); })();"""
SPIN = WRAP % "while (true) {}"
HOG = WRAP % "var hog = window.__hog = window.__hog || []; for (;;) { hog.push(new Array(1e6).fill(7)); }"
LATE_SPIN = WRAP % "if (Date.now() - t0 > 1500) { while (true) {} }"
# Just before the end of the pass's 3 s of play by the page's clock (the last frames it waits for).
LAST_SPIN = WRAP % "if (Date.now() - t0 > 2800) { while (true) {} }"
LOAD_FREEZE = "if (typeof document !== 'undefined') { while (true) {} }\n"


@pytest.fixture(scope="module")
def bundle() -> dict[str, bytes]:
    spec = parse_gdd(GDD, genre="puzzle")
    plan = orchestrator.plan(spec, 3, orchestrator.project_id(spec, 3))
    return {k.removeprefix("game/"): v for k, v in build_bundle(plan).items() if k.startswith("game/")}


def _with(files: dict[str, bytes], before: str = "", after: str = "") -> dict[str, bytes]:
    out = dict(files)
    out["game.js"] = before.encode() + files["game.js"] + after.encode()
    return out


def _failed(report) -> dict[str, str]:
    return {c.id: c.message for c in report.checks if c.passed is False}


def test_the_untouched_bundle_passes(bundle):
    report, _ = check_bundle(bundle, browser=False, own_build=True)
    assert report.passed, _failed(report)


def test_a_frame_loop_that_never_returns_fails_once_without_waiting_on_every_check(bundle):
    report, _ = check_bundle(_with(bundle, after=SPIN), browser=False)
    failed = _failed(report)
    assert not report.passed and "froze" in failed["runs_without_errors"]
    bot = next(c for c in report.checks if c.id == "bot_level_one")
    assert bot.passed is None and "froze" in bot.message  # the later stages did not each wait it out


def test_unbounded_allocation_is_a_failed_check_not_a_dead_process(bundle):
    report, _ = check_bundle(_with(bundle, after=HOG), browser=False)
    assert not report.passed and "memory limit" in _failed(report)["runs_without_errors"]


def test_a_manifest_mismatch_is_fatal_in_a_builds_own_qa_but_a_hand_edit_in_check(bundle):
    edited = _with(bundle, after="\n// a designer's comment\n")
    own, _ = check_bundle(edited, browser=False, own_build=True)
    by_hand, _ = check_bundle(edited, browser=False)
    mismatch = next(c for c in own.checks if c.id == "manifest_checksums")
    assert mismatch.passed is False and mismatch.critical and not own.passed
    assert "does not match its own manifest" in mismatch.message
    hand = next(c for c in by_hand.checks if c.id == "manifest_checksums")
    assert hand.passed is False and not hand.critical and by_hand.passed


@pytest.mark.browser
@pytest.mark.parametrize("case, before, after", [
    ("freezes the page at load", LOAD_FREEZE, ""),
    ("freezes the page 1.5 s into play", "", LATE_SPIN),
    ("freezes the page 2.8 s into play", "", LAST_SPIN),
], ids=["frozen at load", "frozen 1.5 s into play", "frozen 2.8 s into play"])
def test_a_page_that_stops_responding_fails_the_browser_pass(bundle, browser, case, before, after):
    result = browser_pass.browser_pass(_with(bundle, before, after), browser=browser)
    loads = next(c for c in result.checks if c.id == "browser_loads")
    assert loads.passed is False and loads.critical, case
    assert "stopped responding" in loads.message, (case, loads.message)
    # The shared browser is still usable for the next bundle.
    again = browser_pass.browser_pass(bundle, browser=browser)
    assert all(c.passed is not False for c in again.checks), [(c.id, c.message) for c in again.checks]


def test_temp_folders_of_a_killed_pass_are_removed_at_the_next_start():
    stale = tempfile.mkdtemp(prefix=browser_pass.TEMP_PREFIX)
    fresh = tempfile.mkdtemp(prefix=browser_pass.TEMP_PREFIX)
    old = time.time() - browser_pass.STALE_TEMP_S - 60
    os.utime(stale, (old, old))
    try:
        removed = browser_pass.remove_stale_temp()
        assert stale in removed and not os.path.exists(stale)
        assert os.path.exists(fresh)  # another pass may be using it right now
    finally:
        os.rmdir(fresh)
