"""A build as a stream of typed events: what the CLI's progress display and the service's live view
consume (the metrics are recorded by the agents: see maestro.metrics). A ``BuildSession`` (maestro.pipeline.session) emits them in
order; every event carries the project id and the seconds since the session started."""

from __future__ import annotations

from typing import Annotated, Literal, Union

from pydantic import Field

from maestro.spec.base import Model
from maestro.spec.plan import AgentKind, AssetKind

Stage = Literal["ray_start", "agents_ready", "reading", "planning", "generating", "assembling", "checking",
                "repairing", "publishing"]


class _Event(Model):
    project_id: str = ""
    t: float = Field(default=0.0, description="seconds since the session started")


class StageStarted(_Event):
    type: Literal["stage"] = "stage"
    stage: Stage
    agent: AgentKind | None = None


class CastMember(Model):
    name: str
    role: str = Field(description="player, enemy, item, hazard or goal")


class RequirementRead(Model):
    kind: str
    summary: str
    term: str | None = Field(default=None, description="what the build uses for it; None: no family builds it")


class Planned(_Event):
    """What the Orchestrator read and planned: the live view shows it before any asset is made."""

    type: Literal["planned"] = "planned"
    title: str
    genre: str
    mode: str = ""
    levels: int
    jobs: int
    per_agent: dict[str, int] = Field(default_factory=dict, description="asset jobs per agent kind")
    cast: list[CastMember] = Field(default_factory=list)
    requirements: list[RequirementRead] = Field(default_factory=list)


class AssetDone(_Event):
    type: Literal["asset"] = "asset"
    agent: AgentKind
    kind: AssetKind
    name: str
    cached: bool = False
    seconds: float = 0.0


class QARound(_Event):
    type: Literal["qa"] = "qa"
    round: int = Field(description="0 = the first check, 1.. = after each repair")
    passed: bool
    score: float
    fidelity: float | None = None


class RepairMade(_Event):
    type: Literal["repair"] = "repair"
    round: int
    jobs: list[str] = Field(description="'kind/name' of every job submitted again")
    reasons: list[str]


class Reused(_Event):
    type: Literal["reused"] = "reused"
    folder: str


class Published(_Event):
    type: Literal["published"] = "published"
    status: Literal["published", "failed"] = Field(description="'failed': published as failed QA, with its report")
    index_path: str


class Failed(_Event):
    type: Literal["failed"] = "failed"
    reason: str


BuildEvent = Annotated[Union[StageStarted, Planned, AssetDone, QARound, RepairMade, Reused, Published, Failed],
                       Field(discriminator="type")]
