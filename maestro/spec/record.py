"""BuildRecord: one build, in the one shape that the CLI summary, the Python API, the catalog row
and the catalog's Parquet schema all derive from.

Timings are per stage and honest: ``startup_seconds`` (the `maestro` process itself: interpreter
and imports, before the build starts; set by the CLI), ``ray_start_seconds`` (joining or starting Ray),
``agents_ready_seconds`` (the agent actors answering), then reading the GDD, planning, generating
the assets, assembling, QA and publishing, each measured on its own; ``seconds`` is the whole.
A stage that did not run (a reused build, QA off) is None, not 0.
"""

from __future__ import annotations

import types
import typing
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from maestro.spec.base import Model

if TYPE_CHECKING:
    import pyarrow as pa

STAGES: tuple[str, ...] = ("startup", "ray_start", "agents_ready", "parse", "plan", "assets", "assemble", "qa", "publish")


class PublishedMarker(Model):
    """What ``_PUBLISHED.json`` says of a project (written last by the Builder's publish): enough to
    answer for the project without its catalog row, and to re-make that row when it is missing."""

    project_id: str
    title: str = ""
    genre: str = ""
    seed: int = 1
    qa: dict[str, Any] | None = Field(default=None, description="passed, score, fidelity, headline; None: QA off")

    @property
    def passed(self) -> bool | None:
        return None if self.qa is None else self.qa.get("passed")

    @property
    def status(self) -> Literal["published", "failed"]:
        """A bundle published as failed QA (with its report) is a failed build."""
        return "failed" if self.passed is False else "published"

    @property
    def qa_status(self) -> Literal["passed", "failed"] | None:
        return None if self.passed is None else ("passed" if self.passed else "failed")

    def outcome(self) -> dict[str, Any]:
        """The BuildRecord fields the marker decides."""
        qa = self.qa or {}
        return {"status": self.status, "qa_status": self.qa_status, "qa_score": qa.get("score"),
                "qa_fidelity": qa.get("fidelity"), "qa_headline": qa.get("headline") or "",
                "error": "QA failed" if self.passed is False else ""}


class BuildRecord(Model):
    project_id: str
    title: str = ""
    genre: str = ""
    mode: str = ""
    gdd_sha256: str = ""
    seed: int = 1
    maestro_version: str = ""
    status: Literal["published", "failed"]
    error: str = Field(default="", description="why it failed, in words a designer understands")
    reused: bool = Field(default=False, description="an earlier build of the same GDD + seed was found and kept")
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    ray_cluster: str = Field(default="", description='where it ran: "local" (a private Ray of this build) or '
                                                    "the GCS address of the cluster it joined")

    seconds: float = Field(default=0.0, description="the whole: every stage below, startup included when set")
    startup_seconds: float | None = None
    ray_start_seconds: float | None = None
    agents_ready_seconds: float | None = None
    parse_seconds: float | None = None
    plan_seconds: float | None = None
    assets_seconds: float | None = None
    assemble_seconds: float | None = None
    qa_seconds: float | None = None
    publish_seconds: float | None = None

    levels: int = 0
    assets: int = 0
    sprites: int = 0
    sounds: int = 0
    cached_assets: int = 0

    qa_status: Literal["passed", "failed", "skipped"] | None = None
    qa_score: float | None = None
    qa_fidelity: float | None = Field(default=None, description="weighted share of the GDD's requirements verified "
                                      "in the built game (maestro.spec.requirements)")
    qa_headline: str = Field(default="", description="'Built 9 of 14 things your GDD asks for. Not built: ...'")
    qa_failures: list[str] = Field(default_factory=list)
    repairs: list[str] = Field(default_factory=list)

    genre_note: str = Field(default="", description="the GDD's genre was mapped to the nearest family")
    warnings: list[str] = Field(default_factory=list, description="what the build had to change (eased levels...)")
    not_understood: list[str] = Field(default_factory=list, description="the GDD's notes: kept, never dropped")
    build_notes: list[str] = Field(default_factory=list, description="how the build went (cache, reuse)")

    bundle_uri: str = ""
    index_path: str = ""
    zip_uri: str = ""
    report_path: str = ""
    agent_seconds: dict[str, float] = Field(default_factory=dict, description="generation time summed per agent")
    # The LLM path (maestro.llm): what the model read and what its calls cost; "" and 0 when read offline.
    llm_model: str = Field(default="", description="the model that read the GDD too; '': read offline")
    llm_parts: list[str] = Field(default_factory=list, description="the spec's parts taken from the model")
    llm_calls: int = 0
    llm_cached_calls: int = Field(default=0, description="calls answered from the cache (nothing spent)")
    llm_input_tokens: int = 0
    llm_output_tokens: int = 0
    llm_cost_usd: float | None = Field(default=None, description="from llm.usd_per_million_*_tokens when set")

    def stage_seconds(self) -> dict[str, float]:
        """The stages that ran, in order, with their seconds."""
        out = {}
        for stage in STAGES:
            value = getattr(self, f"{stage}_seconds")
            if value is not None:
                out[stage] = value
        return out

    @property
    def qa_passed(self) -> bool | None:
        return None if self.qa_status in (None, "skipped") else self.qa_status == "passed"

    def catalog_row(self) -> dict[str, Any]:
        """The record as one catalog row (every column of ``catalog_schema()``)."""
        return self.model_dump(mode="python")


def catalog_schema() -> "pa.Schema":
    """The catalog's Parquet schema, derived field by field from BuildRecord."""
    import pyarrow as pa

    def arrow_type(annotation: Any) -> Any:
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        origin = typing.get_origin(annotation)
        if origin in (typing.Union, types.UnionType):
            return arrow_type(args[0])
        if origin is Literal:
            return pa.string()
        if origin is list:
            return pa.list_(arrow_type(args[0]))
        if origin is dict:
            return pa.map_(arrow_type(args[0]), arrow_type(args[1]))
        return {str: pa.string(), int: pa.int64(), float: pa.float64(), bool: pa.bool_(),
                datetime: pa.timestamp("ms", tz="UTC")}[annotation]

    return pa.schema([(name, arrow_type(field.annotation)) for name, field in BuildRecord.model_fields.items()])
