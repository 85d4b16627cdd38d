"""The typed contracts between Maestro's stages.

GDD text --parse--> GameSpec --plan--> BuildPlan --fan out--> Asset --build--> bundle.

Every model here is plain pydantic so it can cross a Ray boundary, be written as JSON
into a bundle (``spec.json``, ``manifest.json``) and be read back unchanged.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

# The genres the runtime can actually play. Anything else a GDD names is mapped to the
# nearest of these and the mapping is reported (GameSpec.genre_note).
Genre = Literal["platformer", "shooter", "adventure", "puzzle"]
GENRES: tuple[str, ...] = ("platformer", "shooter", "adventure", "puzzle")

EntityKind = Literal["player", "enemy", "item", "hazard", "goal"]

# Behaviours the genre modules know how to animate. The parser picks the closest.
Behavior = Literal[
    "player",  # controlled by the player
    "walker",  # walks on platforms / along a line, turns at edges and walls
    "patrol",  # walks a fixed route back and forth (adventure guards)
    "chaser",  # moves towards the player when it sees it
    "flyer",  # flies in a wave / sine pattern (shooter, platformer)
    "shooter",  # fires at the player
    "static",  # does not move (spikes, items, goals)
    "faller",  # falls from the top of the screen (catch/avoid games)
]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Entity(Model):
    """A thing in the game as the GDD names it (the hero, a goomba, a coin)."""

    name: str
    kind: EntityKind
    slug: str = Field(description="safe identifier derived from the name; used as sprite key")
    description: str = ""
    behavior: Behavior = "static"
    count: int | None = Field(default=None, description="how many per level, when the GDD says")
    points: int | None = Field(default=None, description="score for collecting / defeating it")
    speed: float | None = Field(default=None, description="relative speed, 1.0 = genre default")


class Mechanic(Model):
    """One entry of the mechanic catalog (maestro.gdd.catalog) with its parameters."""

    id: str
    params: dict[str, int | float | str | bool] = Field(default_factory=dict)
    source: str = Field(default="", description="the GDD text that asked for it ('' = default)")


class LevelSpec(Model):
    name: str
    theme: str = ""
    difficulty: float = Field(default=1.0, description="1.0 = first level; rises per level")
    objectives: list[str] = Field(default_factory=list)
    enemy_count: int | None = None
    item_count: int | None = None


class Palette(Model):
    name: str
    # Hex colours "#rrggbb" keyed by role. Roles every generator relies on:
    # sky, sky2, ground, ground2, wall, accent, player, player2, enemy, enemy2,
    # item, item2, hazard, goal, ui, ui_text, shadow
    colors: dict[str, str]


class ArtStyle(Model):
    style: str = "pixel"  # pixel | flat | retro | cute | dark | neon ...
    palette: Palette
    pixel_size: int = Field(default=16, description="sprite size in pixels (square)")
    source: str = ""


class AudioMood(Model):
    mood: str = "upbeat"  # upbeat | calm | tense | dark | heroic | playful | spooky
    tempo_bpm: int = 120
    key: str = "C"  # tonic note name
    scale: Literal["major", "minor", "pentatonic", "dorian", "phrygian"] = "major"
    wave: Literal["square", "triangle", "saw", "sine"] = "square"
    source: str = ""


class GameSpec(Model):
    """Everything the rest of the pipeline knows about the game."""

    title: str
    slug: str
    genre: Genre
    genre_confidence: float = Field(ge=0.0, le=1.0)
    genre_source: str = Field(default="", description="the GDD's own words for the genre")
    genre_note: str = Field(default="", description="set when the GDD's genre was mapped to the nearest one")
    mode: str = Field(default="", description="genre variant: 'runner' (platformer), 'scrolling'/'fixed' (shooter), 'maze'/'rooms' (adventure), 'sokoban'/'exit' (puzzle)")
    summary: str = ""
    player: Entity
    enemies: list[Entity] = Field(default_factory=list)
    items: list[Entity] = Field(default_factory=list)
    hazards: list[Entity] = Field(default_factory=list)
    goal: Entity | None = None
    mechanics: list[Mechanic] = Field(default_factory=list)
    levels: list[LevelSpec] = Field(default_factory=list)
    controls: dict[str, str] = Field(default_factory=dict, description="action -> keys, e.g. {'jump': 'Up/W/Space'}")
    art: ArtStyle
    audio: AudioMood
    win_conditions: list[str] = Field(default_factory=list)
    lose_conditions: list[str] = Field(default_factory=list)
    lives: int = 3
    time_limit: int | None = Field(default=None, description="seconds per level, when the GDD sets one")
    language: str = "en"
    notes: list[str] = Field(default_factory=list, description="GDD content that was not understood, kept verbatim-ish")
    warnings: list[str] = Field(default_factory=list)
    gdd_sha256: str = ""

    def mechanic(self, mechanic_id: str) -> Mechanic | None:
        return next((m for m in self.mechanics if m.id == mechanic_id), None)

    def has(self, mechanic_id: str) -> bool:
        return self.mechanic(mechanic_id) is not None

    def params_of(self, *mechanic_ids: str) -> dict[str, Any] | None:
        """A copy of the params of the first of these mechanics (aliases) the spec has, or None."""
        for mechanic_id in mechanic_ids:
            found = self.mechanic(mechanic_id)
            if found is not None:
                return dict(found.params)
        return None


AssetKind = Literal["sprite", "tile", "background", "icon", "sfx", "music", "level", "code"]

# Bump when a generator's output for the same params+seed changes: it is part of the cache key.
GENERATOR_VERSION = "2"


def canonical_json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)


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


class BuildPlan(Model):
    project_id: str
    seed: int
    spec: GameSpec
    jobs: list[AssetJob]


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
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @classmethod
    def made_by(cls, job: AssetJob, media_type: str, data: bytes, meta: dict[str, Any] | None = None) -> "Asset":
        """The asset a job produced: it carries the job's identity (kind, name, key, generator, seed)."""
        return cls(kind=job.kind, name=job.name, key=job.key, generator=job.generator, seed=job.seed,
                   media_type=media_type, data=data, meta=meta or {})


class BuildResult(Model):
    project_id: str
    title: str
    genre: str
    status: Literal["published", "failed"]
    bundle_uri: str = ""
    index_path: str = ""
    zip_uri: str = ""
    levels: int = 0
    assets: int = 0
    seconds: float = 0.0
    stage_seconds: dict[str, float] = Field(default_factory=dict)
    agent_seconds: dict[str, float] = Field(default_factory=dict, description="generation time summed per agent")
    cached_assets: int = 0
    qa_passed: bool | None = None
    qa_score: float | None = None
    qa_fidelity: float | None = None
    qa_failures: list[str] = Field(default_factory=list)
    repairs: list[str] = Field(default_factory=list)
    report_path: str = ""
    warnings: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    error: str = ""
