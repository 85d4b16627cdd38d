"""BuildPlan and what flows through the fan-out: asset jobs, level requests, assets.

GameSpec --plan--> BuildPlan (jobs, the genre config) --one Ray task per job--> GeneratedAsset.
Every job's params hold everything its generator reads (no hidden inputs), so its content key
names its output: the same key is the same bytes, in any build, on any machine.
"""

from __future__ import annotations

import hashlib
from typing import Any, Literal

from pydantic import Field

from maestro.spec.base import Model, canonical_json
from maestro.spec.game import GameSpec

AssetKind = Literal["sprite", "tile", "background", "icon", "sfx", "music", "level", "code"]
AgentKind = Literal["orchestrator", "canvas", "sonata", "labyrinth", "codex", "builder", "query"]

# Which agent makes which kind of asset (the fan-out sends each job to its kind's actors).
AGENT_OF_KIND: dict[str, str] = {
    "sprite": "canvas", "tile": "canvas", "icon": "canvas", "background": "canvas",
    "sfx": "sonata", "music": "sonata", "level": "labyrinth", "code": "codex",
}

# Bump when a generator's output for the same params+seed changes: it is part of the cache key.
GENERATOR_VERSION = "3"


# Seeds a build accepts: every one fits the catalog's int64 and the games' 32-bit generators.
SEED_MAX = 2**31 - 1


def check_seed(seed: int) -> int:
    """``seed`` when it is one a build accepts; ConfigError (exit 2) saying the range otherwise."""
    from maestro.errors import ConfigError

    if isinstance(seed, bool) or not isinstance(seed, int) or not 0 <= seed <= SEED_MAX:
        raise ConfigError(f"seed {seed!r} is out of range.", f"Use a whole number from 0 to {SEED_MAX}.")
    return seed


def request_id(text: str, seed: int, genre: str | None) -> str:
    """The id of a build as it is *asked* (the GDD's text, seed, forced genre, Maestro version),
    known before the GDD is read: the service and batch jobs name their projects by it, so the
    same request meets the same project (the CLI names its own from the spec: slug + hash)."""
    from maestro.version import __version__

    text_sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    key = f"{text_sha}:{seed}:{genre or ''}:{__version__}:{GENERATOR_VERSION}"
    return "p" + hashlib.sha256(key.encode()).hexdigest()[:19]


class AssetJob(Model):
    """One unit of generation: one Ray task. Its key names its output (a content-addressed cache)."""

    kind: AssetKind
    name: str = Field(description="slug, unique per kind within a build")
    generator: str = Field(description="dotted name of the generator function")
    params: dict[str, Any] = Field(default_factory=dict)
    seed: int

    @property
    def key(self) -> str:
        payload = canonical_json(
            {"k": self.kind, "n": self.name, "g": self.generator, "p": self.params, "s": self.seed, "v": GENERATOR_VERSION}
        )
        return hashlib.sha256(payload.encode()).hexdigest()[:32]

    @property
    def ident(self) -> tuple[str, str]:
        """(kind, name): unique within a plan; a repair replaces the job of the same ident."""
        return (self.kind, self.name)


class LevelEntity(Model):
    """An entity as a level generator sees it: which sprite, how it moves, how many, its worth."""

    slug: str
    behavior: str = "static"
    speed: float | None = None
    count: int | None = None
    points: int | None = None


class LevelRequest(Model):
    """What the Labyrinth is asked for: one level of the game, with the spec's entities and numbers."""

    index: int = Field(ge=0, description="0-based position in the game")
    count: int = Field(default=1, ge=1, description="levels in the game")
    name: str = ""
    theme: str = ""
    difficulty: float = 1.0
    mode: str = ""
    enemies: list[LevelEntity] = Field(default_factory=list)
    items: list[LevelEntity] = Field(default_factory=list)
    hazards: list[LevelEntity] = Field(default_factory=list)
    goal: LevelEntity | None = None
    enemy_count: int | None = None
    item_count: int | None = None
    mechanics: dict[str, dict[str, Any]] = Field(default_factory=dict)


class BuildPlan(Model):
    """Every job of one build, and the genre's tunables decided once at plan time (``config``:
    the JS reads them as ``data.config``; the Labyrinth's solver and the QA bot use the same)."""

    project_id: str
    seed: int
    spec: GameSpec
    config: dict[str, Any] = Field(default_factory=dict, description="the genre config (Genre.config_for)")
    jobs: list[AssetJob]

    def job(self, kind: str, name: str) -> AssetJob | None:
        return next((j for j in self.jobs if j.ident == (kind, name)), None)

    def revised(self, jobs: list[AssetJob]) -> "BuildPlan":
        """A new plan where each given job replaces the job of the same (kind, name), or is added.
        The plan it came from is left as it was."""
        by_ident = {j.ident: j for j in jobs}
        kept = [by_ident.pop(j.ident, j) for j in self.jobs]
        return self.model_copy(update={"jobs": kept + [j for j in jobs if j.ident in by_ident]})


class Asset(Model):
    """What a generator returns. ``data`` is the file's bytes (PNG, WAV, JSON, JS)."""

    kind: AssetKind
    name: str
    key: str
    generator: str
    seed: int
    media_type: str
    data: bytes
    meta: dict[str, Any] = Field(default_factory=dict, description="frames, sizes, durations, solver proof ...")

    @property
    def ident(self) -> tuple[str, str]:
        return (self.kind, self.name)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @classmethod
    def made_by(cls, job: AssetJob, media_type: str, data: bytes, meta: dict[str, Any] | None = None) -> "Asset":
        """The asset a job produced: it carries the job's identity (kind, name, key, generator, seed)."""
        return cls(kind=job.kind, name=job.name, key=job.key, generator=job.generator, seed=job.seed,
                   media_type=media_type, data=data, meta=meta or {})


class GeneratedAsset(Model):
    """What one asset task returns: the asset, which agent made it, how long it took, and whether
    it came from the content-hash cache."""

    asset: Asset
    agent: AgentKind
    seconds: float = 0.0
    cached: bool = False
