"""RulesModule: game rules no family has, written as a small script against the one extension point
of the runtime (maestro/game/rules_host.js), with the check that proves it on the real game code.

Made by the LLM path (maestro.llm.rules) for a requirement of the GDD that maps to nothing Maestro
builds; checked statically before it is accepted; played by QA (its check, the family's bot and the
headless play with it in the bundle); dropped, and the family's rules used, when QA fails with it.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from maestro.spec.base import Model

MAX_SOURCE = 4000  # characters: a rules module is a few hooks, not a game


class RulesState(Model):
    """What the check sets before it acts (unset: as the level starts)."""

    score: int | None = Field(default=None, ge=0, le=10_000_000)
    vars: dict[str, int | float | str | bool] = Field(default_factory=dict)


class RulesStep(Model):
    """One thing the check does: add points through the game's own scoring, or play frames."""

    do: Literal["score", "frames"]
    n: int = Field(ge=1, le=600, description="the points to add, or the frames to play (60 a second)")


class RulesExpect(Model):
    # The score is what the game shows: the check must say what it is after the steps (vars alone
    # would only show the module talking to itself).
    score: int = Field(ge=0)
    vars: dict[str, int | float | str | bool] = Field(default_factory=dict)


class RulesCheck(Model):
    given: RulesState = Field(default_factory=RulesState)
    steps: list[RulesStep] = Field(min_length=1, max_length=20)
    expect: RulesExpect


class RulesModule(Model):
    id: str = Field(pattern=r"^[a-z][a-z0-9-]{1,39}$", description="names its check: 'rules:<id>'")
    requirement: str = Field(min_length=1, max_length=80, description="the requirement's summary it builds")
    summary: str = Field(default="", max_length=200, description="what the rules do, in words")
    source: str = Field(min_length=1, max_length=MAX_SOURCE, description="a script calling Maestro.registerRules")
    check: RulesCheck

    @property
    def term(self) -> str:
        """The requirement's term, and the id of the keypoint that proves it."""
        return f"rules:{self.id}"
