"""GameSpec: everything Maestro read from a GDD, the one contract between the GDD and the rest.

Only ``maestro.gdd`` (the reader) makes one; everything after it reads it and never goes back to
the GDD's words.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field, SerializerFunctionWrapHandler, model_serializer, model_validator

from maestro.spec.base import Model, without_empty
from maestro.spec.reading import Reading
from maestro.spec.requirements import Requirement
from maestro.spec.rules import RulesModule

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


# ---- looks and scenes: how Canvas draws what the reader read -------------------------------------
# The reader (maestro.gdd.looks, or an LLM reader) decides them from the GDD's words; Canvas draws
# exactly these values and never reads a name or a description itself.

View = Literal["side", "top"]  # how the camera sees the game (maestro.genres: Genre.view)
Heading = Literal["up", "down", "right"]  # which way a vehicle's nose points when seen from above

# Bodies Canvas can draw for the player and the enemies. "humanoid" is the generic two-legged hero
# and "creature" the generic blob monster (their details vary with the seed); the rest are body
# plans a name asks for ("Spaceship" -> ship, "Murciélago" -> bat).
BodyPlan = Literal[
    "humanoid", "creature",
    "ship", "ufo", "plane", "car", "tank", "boat", "submarine", "turret", "rock",
    "bird", "bat", "insect", "dragon", "ghost", "slime", "skeleton", "spider", "robot", "drone",
]
# One detail of a body plan a name asks for: a plane with a "jet" or a "propeller", a "kart" (a low
# open car), a "tower" (a stone tower turret, not a dome). "default": the body's usual form (a
# plane's engine is then left to the seed).
BodyVariant = Literal["default", "jet", "propeller", "kart", "tower"]
# Still things (items, hazards, goals) are drawn as one of these shapes. "orb_or_gem" is a pickup
# the GDD gives no shape: a round orb or a cut gem, the seed picks.
StillShape = Literal[
    "orb_or_gem", "orb", "gem", "coin", "fruit", "key", "potion", "star", "heart", "amulet", "flag", "door",
    "spikes", "cactus", "saw", "flame", "clock", "skull", "card", "chest", "crystal", "pineapple", "banana",
    "cherry", "fish", "seed", "shield", "bolt", "powerup",
]
# Backdrops Canvas paints. "space" is open space: a starfield with no ground at all.
SceneKind = Literal["hills", "forest", "desert", "snow", "sea", "cave", "lava", "city", "night", "space"]
# What covers the top of the ground tiles.
GroundTop = Literal["grass", "snow", "sand", "ash", "stone"]

DEFAULT_SHAPE: dict[str, str] = {"item": "orb_or_gem", "hazard": "spikes", "goal": "flag"}


class Look(Model):
    """How Canvas draws one entity. The player and enemies are drawn as a ``body``; items,
    hazards and goals as a still ``shape``. Each wears its ``palette_role``'s colours."""

    body: BodyPlan = Field(default="creature", description="the body drawn for the player or an enemy")
    variant: BodyVariant = Field(default="default", description="a detail of the body plan the GDD asks for")
    shape: StillShape = Field(default="orb_or_gem", description="the shape drawn for an item, hazard or goal")
    palette_role: EntityKind | None = Field(
        default=None, description="whose palette colours it wears (player, enemy ...); None: its own kind's")
    heading: Heading = Field(default="right", description="where a vehicle's nose points when seen from above; "
                                                          "seen from the side it faces right (the game mirrors it)")
    view: View = Field(default="side", description="how the camera sees it: from the 'side' or from the 'top'")

    @classmethod
    def default_for(cls, kind: EntityKind) -> "Look":
        """The look of an entity of this kind whose words name nothing Canvas knows."""
        return cls(body="humanoid" if kind == "player" else "creature", shape=DEFAULT_SHAPE.get(kind, "orb_or_gem"),
                   palette_role=kind)


class Scene(Model):
    """Where a level takes place, as Canvas paints it: the backdrop and the ground tiles' top."""

    kind: SceneKind = Field(default="hills", description="the backdrop: hills, forest, snow, space (open space, no ground) ...")
    ground_top: GroundTop = Field(default="grass", description="what covers the ground tiles' top")
    view: View = Field(default="side", description="how the camera sees the backdrop: a 'side' view with sky and "
                                                   "horizon, or a ground texture seen from the 'top'")


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
    look: Look = Field(default_factory=Look, description="how Canvas draws it, decided by the reader; "
                                                         "when not given, the default look of its kind")
    stock: bool = Field(default=False, description="Maestro's own fill-in (the genre's stock cast) where the GDD "
                                                   "names none: kept for the build, never a requirement of the GDD")

    @model_serializer(mode="wrap")
    def _without_false_stock(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # An entity the GDD named serialises as it did before fill-ins were marked.
        data: dict[str, Any] = handler(self)
        if not data.get("stock"):
            data.pop("stock", None)
        return data

    @model_validator(mode="after")
    def _complete_look(self) -> "Entity":
        # A spec written before looks existed (or an entity made by hand) gets its kind's default
        # look; a look without colours wears its kind's.
        if "look" not in self.model_fields_set:
            self.look = Look.default_for(self.kind)
        elif self.look.palette_role is None:
            self.look = self.look.model_copy(update={"palette_role": self.kind})
        return self


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
    scene: Scene = Field(default_factory=Scene, description="where it takes place, decided by the reader")


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
    genre: str = Field(pattern=r"^[a-z][a-z0-9_]{0,31}$",
                       description="a registered genre (maestro.genres.registry); the GDD's own genre, when "
                                   "no family plays it, is mapped to the nearest and genre_note says so")
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
    time_ends_as: Literal["win", "score"] | None = Field(
        default=None, description="set for a timed run (one stage against the clock, no levels): the clock "
        "reaching 0 ends the run as a win ('win': survive it) or with the final score ('score': score attack), "
        "not as a lost life; None: time_limit is a per-level limit that costs a life")
    language: str = "en"
    notes: list[str] = Field(default_factory=list, description="GDD content that was not understood, kept verbatim-ish")
    requirements: list[Requirement] = Field(default_factory=list,
                                            description="what the GDD asks for, in its words (maestro.gdd.requirements)")
    warnings: list[str] = Field(default_factory=list)
    gdd_sha256: str = ""
    reading: Reading | None = Field(default=None, description="set when a model read the GDD too (maestro.llm): "
                                    "which parts are the model's and what they cost; None: read offline")
    rules: list[RulesModule] = Field(default_factory=list, description="rules no family has, written by the LLM "
                                     "path against the runtime's extension point (maestro/game/rules_host.js)")
    stations: list[str] = Field(default_factory=list, max_length=4, description="a management game's places "
                                "where its requests are served, as the GDD lists them, in its order (maestro.gdd.stations: "
                                "'stations: chopping board, stove, fryer'); []: the GDD lists none (the genre names them)")

    @model_serializer(mode="wrap")
    def _without_offline_reading(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # A spec read offline serialises as it did before the LLM path existed (and one without a timed
        # run as before time_ends_as did), so its builds (whose data.js and spec.json hold the spec) keep
        # their bytes; so does one whose GDD lists no stations.
        return without_empty(handler(self), "reading", "rules", "time_ends_as", "stations")

    def cast(self) -> list[Entity]:
        """Every entity of the game: the player, enemies, items, hazards and the goal."""
        return [self.player, *self.enemies, *self.items, *self.hazards, *([self.goal] if self.goal else [])]

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
