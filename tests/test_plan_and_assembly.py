"""Orchestrator plan and Builder assembly as plain Python (no Ray): the same logic the actors run."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from maestro.agents import builder, codex, labyrinth, orchestrator
from maestro.agents.generators import generate
from maestro.gdd import parse_gdd

GDD = """# Tiny Hop
- **Genre**: Platformer
Hop over gaps and collect 5 gems. 2 levels. 3 lives. Avoid the slimes.
"""



def _build(text: str, seed: int) -> dict[str, bytes]:
    spec = parse_gdd(text, source_name="tiny")
    plan = orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed))
    asm = builder.BundleAssembler(plan)
    for job in reversed(plan.jobs):  # any completion order gives the same bundle
        asm.add(generate(job))
    return asm.finish()


def test_plan_covers_every_agent_with_distinct_seeds():
    spec = parse_gdd(GDD, source_name="tiny")
    plan = orchestrator.plan(spec, 7, orchestrator.project_id(spec, 7))
    kinds = {j.kind for j in plan.jobs}
    assert kinds == {"sprite", "tile", "icon", "background", "sfx", "music", "level", "code"}
    assert len({(j.kind, j.name) for j in plan.jobs}) == len(plan.jobs)
    assert len({j.seed for j in plan.jobs}) == len(plan.jobs)
    assert len([j for j in plan.jobs if j.kind == "level"]) == len(spec.levels) == 2
    sprites = {j.name for j in plan.jobs if j.kind == "sprite"}
    assert spec.player.slug in sprites and all(e.slug in sprites for e in spec.enemies)
    # A different seed changes every job's seed, not the jobs themselves.
    other = orchestrator.plan(spec, 8, "x")
    assert [(j.kind, j.name) for j in other.jobs] == [(j.kind, j.name) for j in plan.jobs]
    assert all(a.seed != b.seed for a, b in zip(plan.jobs, other.jobs))


def test_project_id_is_stable_and_safe():
    spec = parse_gdd(GDD)
    a = orchestrator.project_id(spec, 1)
    assert a == orchestrator.project_id(spec, 1)
    assert a != orchestrator.project_id(spec, 2)
    assert a != orchestrator.project_id(spec, 1, genre_forced=True)
    assert a.startswith("tiny-hop-") and all(c.isalnum() or c == "-" for c in a)


def test_assembly_is_deterministic_and_complete():
    first, second = _build(GDD, 3), _build(GDD, 3)
    assert first == second
    assert {"game/index.html", "game/game.js", "game/data.js", "game/spec.json", "game/manifest.json",
            "game/assets/atlas.png", "tiny-hop.zip"} <= set(first)
    manifest = json.loads(first["game/manifest.json"])
    for entry in manifest["assets"]:
        assert entry["path"] == "game.js" or f"game/{entry['path']}" in first
    zf = zipfile.ZipFile(io.BytesIO(first["tiny-hop.zip"]))
    assert sorted(zf.namelist()) == sorted(f"tiny-hop/{p[5:]}" for p in first if p.startswith("game/"))
    assert all(i.date_time == (1980, 1, 1, 0, 0, 0) for i in zf.infolist())


def test_assembler_refuses_missing_or_foreign_assets():
    spec = parse_gdd(GDD)
    plan = orchestrator.plan(spec, 1, "p")
    asm = builder.BundleAssembler(plan)
    with pytest.raises(ValueError, match="missing"):
        asm.finish()
    stray = codex.generate(plan.jobs[-1]).model_copy(update={"name": "not-planned"})
    with pytest.raises(ValueError, match="not part of the plan"):
        asm.add(stray)


def test_title_is_escaped_in_the_page():
    files = _build("# <script>alert(1)</script> Quest\nA sokoban puzzle: push crates.", 1)
    page = files["game/index.html"].decode()
    assert "<script>alert" not in page


def test_unsolvable_level_fails_with_a_clear_reason(monkeypatch):
    from maestro.genres.puzzle import rules as puzzle

    monkeypatch.setattr(puzzle, "solve", lambda level, config: None)
    spec = parse_gdd("# Stuck\nA sokoban puzzle: push crates onto targets.")
    plan = orchestrator.plan(spec, 1, "p")
    job = next(j for j in plan.jobs if j.kind == "level")
    with pytest.raises(labyrinth.UnsolvableLevelError, match="no solvable layout after 3 attempts"):
        labyrinth.generate(job, attempts=3)


def test_games_differ_but_share_generic_assets():
    a = parse_gdd(GDD)
    b = parse_gdd(GDD.replace("Tiny Hop", "Tiny Skip"))
    pa, pb = orchestrator.plan(a, 1, "a"), orchestrator.plan(b, 1, "b")
    seeds_a = {(j.kind, j.name): j.seed for j in pa.jobs}
    seeds_b = {(j.kind, j.name): j.seed for j in pb.jobs}
    assert seeds_a[("level", "level0")] != seeds_b[("level", "level0")], "each game gets its own levels"
    assert seeds_a[("music", "theme")] != seeds_b[("music", "theme")]
    assert seeds_a[("sfx", "jump")] == seeds_b[("sfx", "jump")], "sound effects are shared through the cache"


def test_labyrinth_eases_a_level_it_cannot_prove(monkeypatch):
    from maestro.genres.puzzle import rules as puzzle

    real_solve = puzzle.solve

    def solve_only_easy(level, config):  # only layouts generated at difficulty <= 1.5 are provable
        return real_solve(level, config) if level.get("_difficulty", 99) <= 1.5 else None

    real_generate = puzzle.generate

    def tagged(req, config, rng):
        return {**real_generate(req, config, rng), "_difficulty": req.difficulty}

    monkeypatch.setattr(puzzle, "solve", solve_only_easy)
    monkeypatch.setattr(puzzle, "generate", tagged)
    spec = parse_gdd("# Steep\nA sokoban puzzle with 4 levels: push crates onto targets.")
    plan = orchestrator.plan(spec, 1, "p")
    job = [j for j in plan.jobs if j.kind == "level"][-1]
    assert job.params["req"]["difficulty"] > 1.5
    asset = labyrinth.generate(job, attempts=2)
    level = json.loads(asset.data)
    assert level["difficulty"] <= 1.5 and "eased" in asset.meta
