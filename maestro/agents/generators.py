"""Which agent makes which kind of asset, and making one in this process.

This is what every asset task on Ray runs (maestro.pipeline), and, with ``build_bundle``, the whole
build without Ray: tests, benchmarks and QA experiments use the same code path as the actors.
"""

from __future__ import annotations

from maestro.agents import builder, canvas, codex, labyrinth, sonata
from maestro.spec import AGENT_OF_KIND, Asset, AssetJob, BuildPlan

__all__ = ["build_bundle", "generate"]


def generate(job: AssetJob, level_attempts: int = 12) -> Asset:
    """Run the generator of the agent that owns this kind of job."""
    agent = AGENT_OF_KIND[job.kind]
    if agent == "canvas":
        return canvas.generate(job)
    if agent == "sonata":
        return sonata.generate(job)
    if agent == "labyrinth":
        return labyrinth.generate(job, attempts=level_attempts)
    return codex.generate(job)


def build_bundle(plan: BuildPlan, level_attempts: int = 12) -> dict[str, bytes]:
    """Every job of the plan, one after another in this process, assembled into the project's files."""
    assembler = builder.BundleAssembler(plan)
    for job in plan.jobs:
        assembler.add(generate(job, level_attempts))
    return assembler.finish()
