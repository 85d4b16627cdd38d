"""Reading: where a spec's parts came from when a model read the GDD too (maestro.llm).

The offline reader always reads the GDD; with the LLM path on, a model reads it as well and each part
of the spec (title, genre, cast, win and lose, requirements) is taken from the model when its answer
validated, else from the offline reading. ``Reading`` says which, why, what the two readings disagree
on, and what the model calls cost. A spec read offline has no Reading (``GameSpec.reading`` is None,
and its JSON is the same as before the LLM path existed).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from maestro.spec.base import Model

# The parts of a spec a model may read. Everything else (levels, mechanics' numbers, art, audio,
# controls) stays the offline reader's: the genres' generators depend on their exact forms.
READING_PARTS: tuple[str, ...] = ("title", "genre", "summary", "player", "enemies", "items", "hazards", "goal",
                                  "win", "lose", "requirements")
Source = Literal["model", "offline"]


class Usage(Model):
    """What the model calls of one build cost. A call answered from the cache costs nothing again."""

    calls: int = Field(default=0, ge=0, description="calls sent to the model")
    cached_calls: int = Field(default=0, ge=0, description="calls answered from the cache (no tokens spent)")
    input_tokens: int = Field(default=0, ge=0)
    output_tokens: int = Field(default=0, ge=0)

    @property
    def tokens(self) -> int:
        return self.input_tokens + self.output_tokens

    def plus(self, other: "Usage") -> "Usage":
        return Usage(calls=self.calls + other.calls, cached_calls=self.cached_calls + other.cached_calls,
                     input_tokens=self.input_tokens + other.input_tokens,
                     output_tokens=self.output_tokens + other.output_tokens)


class Reading(Model):
    model: str = Field(description="the model that read the GDD (llm.model)")
    parts: dict[str, Source] = Field(default_factory=dict, description="each part of READING_PARTS: who read it")
    notes: list[str] = Field(default_factory=list, description="why a part is the offline reading's, in words")
    differences: list[str] = Field(default_factory=list, description="where the two readings disagree")
    usage: Usage = Field(default_factory=Usage)

    def from_model(self) -> list[str]:
        return [p for p in READING_PARTS if self.parts.get(p) == "model"]
