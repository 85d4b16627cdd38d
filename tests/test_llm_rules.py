"""Rules modules written by the model: refused when they reach beyond their API, proven by their own
check on the real game code (and failing it without the module), and the requirement they build
verified by that check."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from llm_server import RECORDINGS

from maestro.agents import codex, orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.qa import check_bundle
from maestro.gdd import read_gdd_file
from maestro.llm.client import ModelClient
from maestro.llm.reader import read_with_model
from maestro.llm.rules import compiles, problems

GDD = Path(__file__).parent / "fixtures" / "gdds" / "llm_reef_runner.md"
TEXT = read_gdd_file(GDD)
READING = json.loads((RECORDINGS / "reef_runner.json").read_text())["answer"]
COMBO = json.loads((RECORDINGS / "reef_runner_combo.json").read_text())["answer"]
NOT_WRITTEN = {"error": "no module for this one"}  # schema-invalid: that requirement gets none


def read(*rules_answers: object):
    # calls in order: the reading, then one per open mechanic: the combo (the GDD's defining one) first,
    # then "the current speeds up"
    texts = [json.dumps(READING)] + [json.dumps(a) for a in rules_answers]
    client = ModelClient(FakeListChatModel(responses=texts), "fake", 100_000)
    return read_with_model(TEXT, None, GDD.stem, client)


def qa(spec):
    plan = orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1))
    files = build_bundle(plan)
    report, _ = check_bundle(files, browser=False, smoke_seconds=10)
    return files, report


@pytest.mark.parametrize("source, why", [
    ("window.location = 'x'; Maestro.registerRules({id: 'a', step: function (R) {}});", "window"),
    ("Maestro.registerRules({id: 'a', step: function (R) { while (true) {} }});", "while"),
    ("Maestro.registerRules({id: 'a', step: function (R) { R.constructor.constructor('x')(); }});", "constructor"),
    ("Maestro.registerRules({id: 'a', step: function (R) { setTimeout(R.win, 0); }});", "setTimeout"),
    ("var x = 1;", "exactly once"),
])
def test_a_source_beyond_its_api_is_refused_before_it_runs(source, why):
    assert any(why in p for p in problems(source))


def test_a_word_in_a_string_is_no_name():
    src = "Maestro.registerRules({id: 'a', hud: function (R) { return 'window'; }, step: function (R) {}});"
    assert problems(src) == [] and compiles(src) == []


def test_a_module_must_register_known_hooks_that_are_functions():
    assert "no hook" in compiles("Maestro.registerRules({id: 'a', tick: function () {}});")[0]
    assert "not a function" in compiles("Maestro.registerRules({id: 'a', step: 3});")[0]
    assert "does not run" in compiles("Maestro.registerRules({id: 'a', step: function () {}")[0]


def test_the_models_rules_module_is_verified_on_the_real_game_code():
    spec = read(COMBO, NOT_WRITTEN, NOT_WRITTEN)
    assert [m.id for m in spec.rules] == ["pearl-combo"]
    combo = next(r for r in spec.requirements if r.summary.startswith("pearl combo"))
    assert combo.term == "rules:pearl-combo"
    files, report = qa(spec)
    assert b"rules module pearl-combo" in files["game/game.js"]
    check = next(c for c in report.checks if c.id == "rules:pearl-combo")
    assert check.passed is True and "fails without the module" in check.message
    result = next(r for r in report.requirements if r.requirement.id == combo.id)
    assert result.status == "verified" and result.check == "rules:pearl-combo"
    assert report.passed and report.bot.won  # the family still plays with the module in it
    assert combo.defining  # the GDD's defining mechanic, which no family has, built and verified
    assert any("speeds up" in n and "dropped" in n for n in spec.reading.notes)


def test_a_check_that_holds_without_the_module_proves_nothing():
    idle = copy.deepcopy(COMBO)
    idle["source"] = "Maestro.registerRules({id: 'pearl-combo', score: function (R, n) { return n; }});"
    idle["check"]["expect"] = {"score": 20}
    spec = read(idle, NOT_WRITTEN, NOT_WRITTEN)
    _, report = qa(spec)
    check = next(c for c in report.checks if c.id == "rules:pearl-combo")
    assert check.passed is False and "proves nothing" in check.message


def test_a_module_that_throws_is_switched_off_and_its_check_fails():
    broken = copy.deepcopy(COMBO)
    broken["source"] = "Maestro.registerRules({id: 'pearl-combo', score: function (R, n) { return R.nope(); }});"
    spec = read(broken, NOT_WRITTEN, NOT_WRITTEN)
    _, report = qa(spec)
    check = next(c for c in report.checks if c.id == "rules:pearl-combo")
    assert check.passed is False and "switched off" in check.message


def test_a_module_wrong_twice_is_dropped_with_the_reason():
    bad = copy.deepcopy(COMBO)
    bad["source"] = "Maestro.registerRules({id: 'pearl-combo', step: function (R) { fetch('http://x'); }});"
    spec = read(bad, bad, NOT_WRITTEN, NOT_WRITTEN)
    assert spec.rules == []
    assert any("pearl combo" in n and "fetch" in n for n in spec.reading.notes)
    combo = next(r for r in spec.requirements if r.summary.startswith("pearl combo"))
    assert combo.term is None


def test_without_rules_the_code_is_what_it_always_was():
    assert codex.game_js("platformer", []) == codex.game_js("platformer")
    assert "rules_host" not in codex.game_js("platformer") and "registerRules" not in codex.game_js("platformer")
