"""What the model is asked to answer when it reads a GDD: one JSON object, validated part by part.

Each part of ``ModelReading`` is checked on its own (``validate_parts``), so a model that gets the
enemies wrong still gives its title and its requirements; a part that fails twice is the offline
reader's. The schema sent to the model is generated from these classes (``response_schema``), so
what is asked and what is accepted can never drift apart.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from maestro.spec.game import Behavior, BodyPlan, StillShape
from maestro.spec.requirements import Family, RequirementKind


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ModelThing(_Strict):
    name: str = Field(min_length=1, max_length=60, description="the GDD's own name for it")
    description: str = Field(default="", max_length=300, description="what the GDD says it is or does")
    behavior: Behavior = Field(default="static", description="how it moves; the player is 'player'")
    body: BodyPlan | None = Field(default=None, description="for the player and enemies: the body to draw")
    shape: StillShape | None = Field(default=None, description="for items, hazards and goals: the shape to draw")
    points: int | None = Field(default=None, ge=0, le=100_000)


class ModelRequirement(_Strict):
    kind: RequirementKind
    summary: str = Field(min_length=1, max_length=80, description="what is asked, in a few words")
    words: str = Field(default="", max_length=300, description="the GDD's own sentence for it, quoted")
    section: str = Field(default="", max_length=120, description="the heading it is under")
    defining: bool = Field(default=False, description="the mechanic that makes this game this game")


class ModelReading(_Strict):
    title: str = Field(min_length=1, max_length=80, description="the game's title (never a section heading)")
    family: Family = Field(description="the game family the core loop belongs to")
    summary: str = Field(default="", max_length=300, description="the game in one or two sentences")
    player: ModelThing
    enemies: list[ModelThing] = Field(default_factory=list, max_length=8)
    items: list[ModelThing] = Field(default_factory=list, max_length=8)
    hazards: list[ModelThing] = Field(default_factory=list, max_length=6)
    goal: ModelThing | None = None
    win: list[str] = Field(default_factory=list, max_length=3, description="the win conditions, in the GDD's words")
    lose: list[str] = Field(default_factory=list, max_length=3, description="the lose conditions")
    requirements: list[ModelRequirement] = Field(default_factory=list, max_length=40,
                                                 description="what a designer would check first, weightiest first")


# part of the spec -> the key of the answer that holds it
PART_KEYS: dict[str, str] = {
    "title": "title", "genre": "family", "summary": "summary", "player": "player", "enemies": "enemies",
    "items": "items", "hazards": "hazards", "goal": "goal", "win": "win", "lose": "lose",
    "requirements": "requirements",
}
# each key validated by its own field (type and limits), so one bad part spoils nothing else
_ADAPTERS: dict[str, TypeAdapter[Any]] = {
    key: TypeAdapter(Annotated[field.annotation, field])  # type: ignore[arg-type]
    for key, field in ModelReading.model_fields.items()
}


def response_schema() -> dict[str, Any]:
    """The JSON schema the model answers in (OpenAI's json_schema response format, strict off: the
    optional fields stay optional)."""
    return ModelReading.model_json_schema()


def validate_parts(answer: Any) -> tuple[dict[str, Any], dict[str, str]]:
    """(the parts that validated, by part name; the errors of the others, in one line each).
    A part the answer leaves out is an error only when the schema requires it."""
    if not isinstance(answer, dict):
        return {}, {part: f"the answer is a {type(answer).__name__}, not a JSON object" for part in PART_KEYS}
    good: dict[str, Any] = {}
    bad: dict[str, str] = {}
    for part, key in PART_KEYS.items():
        if key not in answer:
            if ModelReading.model_fields[key].is_required():
                bad[part] = f"'{key}' is missing"
            continue
        try:
            good[part] = _ADAPTERS[key].validate_python(answer[key])
        except ValidationError as exc:
            bad[part] = _one_line(exc, key)
    return good, bad


def _one_line(exc: ValidationError, key: str) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first.get("loc", ()))
    return f"'{key}{'.' + where if where else ''}': {first.get('msg')}"
