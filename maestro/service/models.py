"""The service's typed boundaries: its settings (the Serve application's arguments), what a
client submits, and a project's state as the API answers it."""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Literal

from pydantic import Field

from maestro.spec import request_id
from maestro.spec.plan import SEED_MAX
from maestro.spec.base import Model

Status = Literal["queued", "reading", "generating", "checking", "repairing", "published", "failed"]
FINAL: tuple[str, ...] = ("published", "failed")

# The build's stage as the project's status a designer reads (the exact stage stays in `stage`).
STATUS_OF_STAGE: dict[str, Status] = {
    "ray_start": "queued", "agents_ready": "queued", "reading": "reading", "planning": "reading",
    "generating": "generating", "assembling": "generating", "checking": "checking",
    "repairing": "repairing", "publishing": "checking",
}


class ServiceArgs(Model):
    """Arguments of ``maestro.service:build_app`` (the ``args:`` of serve/config.yaml)."""

    storage: str | None = Field(default=None, description="fsspec URI of the store (default: MAESTRO_STORAGE, "
                                                          "else ./maestro-data), shared with the CLI and its catalog")
    builds_at_once: int = Field(default=2, ge=1, le=64, description="builds the runner runs at the same time; "
                                                                   "more wait as 'queued'")
    builder_cpus: float = Field(default=0.1, ge=0, le=8, description="CPUs the runner replica reserves (its "
                                                                     "builds' work runs in the agent actors)")


class Submission(Model):
    """What a client asks for: a GDD and, optionally, a seed and a genre."""

    gdd: str
    seed: int = Field(default=1, ge=0, le=SEED_MAX)
    genre: str | None = None

    @property
    def project_id(self) -> str:
        """Same GDD + seed + genre (+ same Maestro) -> same id, known before the GDD is read, so
        identical requests meet at one project."""
        return request_id(self.gdd, self.seed, self.genre)


class AgentProgress(Model):
    done: int = 0
    total: int = 0


class QASummary(Model):
    passed: bool
    score: float | None = None
    fidelity: float | None = None
    headline: str = ""
    failures: list[str] = Field(default_factory=list)


class ProjectState(Model):
    """One project as the API answers it; kept in the store beside its events, so a restarted
    replica or a redeploy answers the same."""

    id: str
    status: Status = "queued"
    stage: str | None = None
    reason: str = Field(default="", description="why it failed, in words a designer understands")
    seed: int = 1
    genre_asked: str | None = None
    created_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    updated_at: datetime = Field(default_factory=lambda: datetime.now(timezone.utc))
    attempts: int = Field(default=0, description="times a runner started this build (more than 1: resumed "
                                                 "after a runner restart)")
    read: dict | None = Field(default=None, description="what the Orchestrator read (the 'planned' event)")
    agents: dict[str, AgentProgress] = Field(default_factory=dict)
    timings: dict[str, float] = Field(default_factory=dict, description="seconds per stage (the build record's)")
    qa: QASummary | None = None
    build_seconds: float | None = None

    @property
    def final(self) -> bool:
        return self.status in FINAL
