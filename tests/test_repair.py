"""The Orchestrator's repair round: QA finds a level 1 the bot cannot finish, the level is
generated again with a new seed, and the rebuilt bundle passes. What cannot be fixed by new
content is reported, not hidden. Pure logic (the same the actors run), no Ray."""

from __future__ import annotations

import json

from maestro.agents import builder, labyrinth, orchestrator
from maestro.agents.generators import generate
from maestro.agents.query.qa import check_bundle
from maestro.gdd import parse_gdd
from maestro.spec import Asset, BotSummary, Check, QualityReport

GDD = "# Crate Drill\nA sokoban puzzle: push the crates onto the targets. 2 levels. Z undoes a move."


def _assets(plan):
    return {(j.kind, j.name): generate(j) for j in plan.jobs}


def _game(plan, assets) -> dict[str, bytes]:
    asm = builder.BundleAssembler(plan)
    for a in assets.values():
        asm.add(a)
    return {p[len("game/"):]: b for p, b in asm.finish().items() if p.startswith("game/")}


def _walled_in(asset: Asset) -> Asset:
    """Level 1 with walls all around the player: no route can exist."""
    level = json.loads(asset.data)
    x, y = level["player"]
    rows = [list(r) for r in level["rows"]]
    for dx, dy in ((1, 0), (-1, 0), (0, 1), (0, -1)):
        rows[y + dy][x + dx] = "#"
    level["rows"] = ["".join(r) for r in rows]
    level["boxes"] = [b for b in level["boxes"] if abs(b[0] - x) + abs(b[1] - y) != 1]
    return asset.model_copy(update={"data": json.dumps(level, sort_keys=True).encode()})


def test_a_broken_level_is_regenerated_and_the_build_passes():
    spec = parse_gdd(GDD)
    plan = orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1))
    assets = _assets(plan)
    assets[("level", "level0")] = _walled_in(assets[("level", "level0")])

    report, _ = check_bundle(_game(plan, assets), browser=False, smoke_seconds=5)
    assert not report.passed and report.bot.won is False

    revised, reasons = orchestrator.revise(plan, report, 1)
    changed = [j for j in revised.jobs if j.key not in {k.key for k in plan.jobs}]
    assert [(j.kind, j.name) for j in changed] == [("level", "level0")]
    assert changed[0].seed != plan.job("level", "level0").seed
    [reason] = reasons
    assert "level 1" in reason
    assert plan.job("level", "level0").seed != revised.job("level", "level0").seed  # a new plan; the old one kept
    plan = revised
    assets[("level", "level0")] = labyrinth.generate(changed[0])

    report, _ = check_bundle(_game(plan, assets), browser=False, smoke_seconds=5, repairs=[reason])
    assert report.passed and report.bot.won is True
    assert report.repairs == [reason]


def test_what_new_content_cannot_fix_is_not_retried():
    spec = parse_gdd(GDD)
    plan = orchestrator.plan(spec, 1, "p")
    report = QualityReport(bot=BotSummary(won=True), checks=[
        Check(id="no_network", category="static", passed=False, requirement="no network"),
        Check(id="code_parses", category="static", passed=False, requirement="the code parses"),
    ])
    revised, reasons = orchestrator.revise(plan, report, 1)
    assert revised == plan and reasons == []


def test_a_sound_the_code_plays_but_the_plan_forgot_is_added():
    spec = parse_gdd(GDD)
    plan = orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1))
    plan = plan.model_copy(update={"jobs": [j for j in plan.jobs if not (j.kind == "sfx" and j.name == "step")]})
    assets = _assets(plan)
    report, _ = check_bundle(_game(plan, assets), browser=False, smoke_seconds=5)
    failed = next(c for c in report.checks if c.id == "assets_named_exist")
    assert failed.passed is False and "sfx:step" in failed.missing and not report.passed

    revised, reasons = orchestrator.revise(plan, report, 1)
    added = [j for j in revised.jobs if plan.job(j.kind, j.name) is None]
    assert [(j.kind, j.name) for j in added] == [("sfx", "step")] and revised.jobs[-1].name == "step"
    assert any("step" in r for r in reasons)
    plan = revised
    for job in added:
        assets[job.ident] = generate(job)
    report, _ = check_bundle(_game(plan, assets), browser=False, smoke_seconds=5)
    assert report.passed, [c.message for c in report.checks if c.passed is False]
