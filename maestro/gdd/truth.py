"""A careful reading of a GDD, written by a person: the yardstick the reader is calibrated against.

``tests/fixtures/truth/<gdd stem>.yaml`` holds one per shared GDD (its README documents the fields).
This module loads and validates them, matches the reader's requirements against them, and says
whether a built game delivers each one (the "reading" fidelity ``benchmarks/fidelity.py`` prints
beside the tool's own).

    python -m maestro.gdd.truth tests/fixtures/truth/*.yaml     # validate files, one line each
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import Field, ValidationError, field_validator

from maestro.gdd.text import fold
from maestro.spec.base import Model
from maestro.spec.game import GameSpec
from maestro.spec.requirements import DEFINING, KIND_GROUP, WEIGHTS, Family, Requirement, RequirementKind

Structure = Literal["levels", "endless", "timed", "waves", "rounds", "turns", "single"]
NEED_KEYS = {"family", "view", "mechanic", "entity", "as", "behavior", "level", "scene", "structure", "mood", "art",
             "controls", "none"}


class TruthRequirement(Model):
    kind: RequirementKind
    what: str = Field(min_length=3, description="in our own words")
    match: list[str] = Field(default_factory=list)
    defining: bool = False
    needs: dict[str, Any] = Field(default_factory=dict)

    @field_validator("needs")
    @classmethod
    def _known_needs(cls, value: dict[str, Any]) -> dict[str, Any]:
        unknown = set(value) - NEED_KEYS
        if unknown:
            raise ValueError(f"unknown needs {sorted(unknown)}; known: {sorted(NEED_KEYS)}")
        return value

    @property
    def weight(self) -> float:
        return max(WEIGHTS[self.kind], DEFINING if self.defining else 0.0)

    def matches(self, req: Requirement, family: str | None = None) -> bool:
        """The reader's requirement is this one: a compatible kind, and one of our terms in its text.
        A core loop is also this one when the reader read the GDD's family (``family``) right."""
        if KIND_GROUP.get(req.kind, req.kind) != KIND_GROUP.get(self.kind, self.kind):
            return False
        if self.kind == "core_loop" and family is not None and req.family == family:
            return True
        if self.defining and req.defining and family is not None and req.family == family:
            return True  # the family's own defining mechanic, which the reader infers from the family
        if not self.match:
            return True
        text = fold(f"{req.summary} {req.words} {req.term or ''}")
        return any(fold(term) in text for term in self.match)


class Truth(Model):
    gdd: str
    language: str = Field(min_length=2, max_length=3)
    title: str | None
    player: list[str] = Field(default_factory=list)
    family: Family
    view: Literal["side", "top"] | None = None
    structure: Structure
    requirements: list[TruthRequirement] = Field(min_length=3)


def load(path: Path) -> Truth:
    return Truth.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))


def _has(values: Any, wanted: Any) -> bool:
    wanted = wanted if isinstance(wanted, list) else [wanted]
    return all(w in values for w in wanted)


def delivered(need: dict[str, Any], spec: GameSpec, view: str) -> bool:
    """Whether a game built from ``spec`` (seen from ``view``) has what ``need`` asks for."""
    if "none" in need:
        return False
    if "family" in need:
        families = need["family"] if isinstance(need["family"], list) else [need["family"]]
        if spec.genre not in families:
            return False
    if "view" in need and need["view"] != view:
        return False
    if "mechanic" in need and not _has([m.id for m in spec.mechanics], need["mechanic"]):
        return False
    if "entity" in need:
        term = fold(str(need["entity"]))
        found = [e for e in spec.cast() if term in fold(e.name)
                 and need.get("as", e.kind) == e.kind and need.get("behavior", e.behavior) == e.behavior]
        if not found:
            return False
    if "level" in need and not any(fold(str(need["level"])) in fold(f"{lv.name} {lv.theme}") for lv in spec.levels):
        return False
    if "scene" in need and not any(lv.scene.kind == need["scene"] for lv in spec.levels):
        return False
    if "structure" in need:
        built = {"levels": len(spec.levels) > 1, "endless": spec.mode == "runner",
                 "timed": spec.time_limit is not None, "waves": spec.has("waves")}
        if not built.get(need["structure"], False):
            return False
    if "mood" in need and spec.audio.mood != need["mood"]:
        return False
    if need.get("art") and not spec.art.source:
        return False
    if "controls" in need and not _has(list(spec.controls), need["controls"]):
        return False
    return True


def reading_fidelity(truth: Truth, spec: GameSpec, view: str) -> float:
    """The weighted share of the careful reading's requirements that the built game delivers."""
    total = sum(r.weight for r in truth.requirements)
    return sum(r.weight for r in truth.requirements if delivered(r.needs, spec, view)) / total


def main(argv: list[str]) -> int:
    bad = 0
    for name in argv:
        try:
            truth = load(Path(name))
            print(f"ok    {name}: {len(truth.requirements)} requirements, family {truth.family}")
        except (ValidationError, yaml.YAMLError, OSError) as exc:
            bad += 1
            print(f"BAD   {name}: {exc}")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
