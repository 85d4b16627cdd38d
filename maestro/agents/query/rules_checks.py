"""QA of rules modules (maestro.spec.rules): each module's own check, played on the real game code
with the module in it, and once more on the game without it. A check that passes without the module
proves nothing, so it fails: the rules must be what makes the difference."""

from __future__ import annotations

import json
import time
from typing import Any

from maestro.genres.headless import HeadlessError, HeadlessGame
from maestro.spec import Check
from maestro.spec.rules import RulesModule

_SCENARIO = """
(function (id, given, steps) {
  var G = __game.game;
  var mod = null;
  var all = (Maestro.rules || []);
  for (var i = 0; i < all.length; i++) if (all[i].id === id) mod = all[i];
  if (given.score !== null && given.score !== undefined) G.score = given.score;
  if (mod) { mod.__vars = mod.__vars || {}; for (var k in given.vars) mod.__vars[k] = given.vars[k]; }
  for (var j = 0; j < steps.length; j++) {
    if (steps[j].do === 'score') G.addScore(steps[j].n); else __game.step(steps[j].n);
  }
  return {score: G.score, vars: mod ? mod.__vars : {}, off: !!(mod && mod.__off), found: !!mod,
          errors: G.errors.slice(0, 3)};
})
"""


def run_check(game_js: str, data_js: str, module: RulesModule) -> dict[str, Any]:
    with HeadlessGame(game_js, data_js, autostart=True) as game:
        given = module.check.given.model_dump()
        steps = [s.model_dump() for s in module.check.steps]
        out: dict[str, Any] = game.js(f"({_SCENARIO})({json.dumps(module.id)}, {json.dumps(given)}, {json.dumps(steps)})")
        return out


def _meets(got: dict[str, Any], module: RulesModule) -> list[str]:
    want = module.check.expect
    wrong = []
    if got.get("score") != want.score:
        wrong.append(f"score {got.get('score')}, expected {want.score}")
    for key, value in want.vars.items():
        if got.get("vars", {}).get(key) != value:
            wrong.append(f"{key} = {got.get('vars', {}).get(key)!r}, expected {value!r}")
    return wrong


def rules_checks(spec: dict[str, Any], game_js: str, data_js: str, plain_js: str) -> list[Check]:
    """One keypoint per rules module: ``rules:<id>``, mapped to the requirement it builds."""
    out = []
    for raw in spec.get("rules") or []:
        t0 = time.perf_counter()
        module = RulesModule.model_validate(raw)
        requirement = f"{module.requirement} (rules module {module.id}: {module.summary})".replace(": )", ")")
        try:
            got = run_check(game_js, data_js, module)
            wrong = _meets(got, module)
            if not got.get("found"):
                passed, message = False, "the module did not register itself in the game"
            elif got.get("off"):
                passed, message = False, f"the module threw and was switched off: {'; '.join(got.get('errors') or [])}"
            elif wrong:
                passed, message = False, "its check failed: " + "; ".join(wrong)
            elif not _meets(run_check(plain_js, data_js, module), module):
                passed, message = False, "its check also holds without the module: it proves nothing"
            else:
                passed, message = True, "its check holds on the real game code, and fails without the module"
        except HeadlessError as exc:
            passed, message = False, f"the game threw during this check: {exc}"
        out.append(Check(id=module.term, category="keypoint", passed=passed, critical=False, requirement=requirement,
                         message=message, mechanic=module.term, seconds=round(time.perf_counter() - t0, 4)))
    return out
