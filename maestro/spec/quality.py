"""QualityReport: what the Query agent checked, what failed and why, a score and the fidelity.

The scoring rule lives with the Query agent (maestro.agents.query.report); these are the shapes
that cross from QA to the Orchestrator's repair round, the Builder, the catalog and the page.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, model_serializer

from maestro.spec.base import without_empty
from maestro.spec.reading import Reading
from maestro.spec.requirements import RequirementResult

Category = Literal["static", "headless", "bot", "keypoint", "browser"]
CATEGORIES: tuple[str, ...] = ("static", "headless", "bot", "keypoint", "browser")
CATEGORY_TITLES = {
    "static": "Files and code (static checks)",
    "headless": "Plays without crashing (headless play)",
    "bot": "A bot plays level 1",
    "keypoint": "Design requirements (keypoint checks)",
    "browser": "In a real browser",
}


class Check(BaseModel):
    id: str
    category: Category
    passed: bool | None = Field(description="True passed, False failed, None skipped")
    critical: bool = False
    requirement: str = Field(description="what is being checked, in a designer's words")
    message: str = Field(default="", description="what went wrong (or why skipped), in plain words")
    mechanic: str | None = Field(default=None, description="GameSpec mechanic id or entity slug it proves")
    missing: list[str] = Field(default_factory=list,
                               description="assets the code uses that the build lacks ('tile_lava', 'sfx:splash')")
    seconds: float = 0.0

    @property
    def skipped(self) -> bool:
        return self.passed is None


class BotSummary(BaseModel):
    won: bool | None = None
    frames: int = 0
    detail: str = ""


class QualityReport(BaseModel):
    project_id: str = ""
    title: str = ""
    genre: str = ""
    checks: list[Check] = Field(default_factory=list)
    score: float = 0.0
    fidelity: float | None = Field(default=None, description="weighted share of the GDD's requirements verified "
                                   "in the built game (maestro.spec.requirements); None: the bundle lists none")
    requirements: list[RequirementResult] = Field(default_factory=list,
                                                  description="every requirement of the GDD and what became of it")
    headline: str = Field(default="", description="'Built 9 of 14 things your GDD asks for. Not built: ...'")
    bot: BotSummary = Field(default_factory=BotSummary)
    passed: bool = False
    failures: list[str] = Field(default_factory=list)
    repairs: list[str] = Field(default_factory=list)
    thumbnail: str | None = None
    figures: dict[str, float] = Field(default_factory=dict)
    reading: Reading | None = Field(default=None, description="who read the GDD (the spec's reading); None: offline")

    @model_serializer(mode="wrap")
    def _without_offline_reading(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # a report of an offline reading reads as it did before the LLM path
        return without_empty(handler(self), "reading")

    def to_json(self) -> str:
        return self.model_dump_json(indent=2) + "\n"

    @property
    def status(self) -> str:
        return "passed" if self.passed else "failed"

    def summary(self) -> str:
        fid = "n/a" if self.fidelity is None else f"{self.fidelity:.0%}"
        bot = "skipped" if self.bot.won is None else ("won level 1" if self.bot.won else "did not win level 1")
        return (f"{self.title or self.project_id}: {'PASSED' if self.passed else 'FAILED'} — score {self.score:.0f}/100, "
                f"fidelity {fid}, bot {bot}")
