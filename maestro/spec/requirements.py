"""Requirements: what a GDD asks for, in the GDD's own words, and what became of each in the build.

The reader (maestro.gdd.requirements) lists the things a designer checks first; QA
(maestro.agents.query.fidelity) ends each one in one of three states, decided by what was really
built. Fidelity is the weighted share of *verified* requirements, so a mechanic the reader read but
no genre builds, or one the reader saw but could not map, lowers it: it is measured against the GDD,
never against the spec.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from maestro.spec.base import Model

RequirementKind = Literal[
    "core_loop",  # the genre and what the player does again and again
    "player", "enemy", "obstacle", "item", "goal", "win", "lose",
    "structure",  # levels, endless, timed, waves, rounds, turns
    "mechanic",  # a named mechanic: double jump, dash, crafting, turn-based battles ...
    "controls", "setting", "art", "audio",
    "level",  # a named level, stage or area
    "character",  # a named NPC or boss who is not the player
]
REQUIREMENT_KINDS: tuple[str, ...] = RequirementKind.__args__  # type: ignore[attr-defined]

# Kinds a reader may confuse without being wrong about the game: a spider "to avoid" is an enemy to
# one reader and an obstacle to another; "collect 10 gems" is the goal and the win.
KIND_GROUP: dict[str, str] = {"obstacle": "enemy", "win": "goal"}

# The game families a GDD may ask for. The first four are built today (maestro.genres); the others
# are recognised so that a tactics GDD is reported as a tactics GDD built as something else.
Family = Literal[
    "platformer", "shooter", "adventure", "puzzle",
    "tactics", "rpg", "card", "board", "racing", "tower_defense", "rhythm", "arcade", "tile_puzzle", "grid_logic",
    "simulation", "fighting", "sports", "visual_novel", "idle", "other",
]
FAMILIES: tuple[str, ...] = Family.__args__  # type: ignore[attr-defined]

# How much each kind weighs in fidelity. The core loop and the mechanics that define the game weigh
# most (a designer first asks "is it my game?"); the things a game is made of come next; presentation
# (controls, setting, art, audio, names) last. A requirement marked ``defining`` weighs DEFINING.
WEIGHTS: dict[str, float] = {
    "core_loop": 3.0,
    "player": 2.0, "enemy": 2.0, "obstacle": 1.5, "item": 2.0, "goal": 2.0, "win": 2.0, "lose": 1.5,
    "structure": 2.0, "mechanic": 2.0,
    "controls": 1.0, "setting": 1.0, "art": 1.0, "audio": 1.0, "level": 1.0, "character": 1.0,
}
DEFINING = 3.0

Status = Literal["verified", "approximated", "not_built"]
STATUS_WORDS = {"verified": "built and verified", "approximated": "approximated", "not_built": "not built"}


class Where(Model):
    """Where in the GDD a requirement was read: the section heading and the 1-based line."""

    section: str = ""
    line: int = Field(default=0, ge=0)


class Requirement(Model):
    id: str = Field(description="stable within one GDD: kind + a slug of what it asks")
    kind: RequirementKind
    summary: str = Field(description="what is asked, in a few words ('enemy: spider', 'double jump')")
    words: str = Field(default="", description="the GDD's own words for it (one sentence, capped)")
    where: Where = Field(default_factory=Where)
    defining: bool = Field(default=False, description="the mechanic that makes this game this game")
    family: Family | None = Field(default=None, description="for a core loop: the family the GDD asks for")
    term: str | None = Field(default=None, description="what the spec built for it: a mechanic id, an entity "
                             "slug, a level name ... None: the reader could not map it to anything Maestro builds")

    @property
    def weight(self) -> float:
        return max(WEIGHTS[self.kind], DEFINING if self.defining else 0.0)


class RequirementResult(Model):
    """One requirement and what became of it: the state and, in plain words, the evidence."""

    requirement: Requirement
    status: Status
    detail: str = Field(description="verified: the check that passed; approximated: what was built instead; "
                        "not built: why")
    check: str | None = Field(default=None, description="the id of the QA check that verified it")


def fidelity(results: list[RequirementResult]) -> float | None:
    """The weighted share of verified requirements (None when the GDD yielded none)."""
    total = sum(r.requirement.weight for r in results)
    if not total:
        return None
    return sum(r.requirement.weight for r in results if r.status == "verified") / total


def _label(req: Requirement, limit: int = 40) -> str:
    text = req.summary if len(req.summary) <= limit else req.summary[: limit - 1].rstrip() + "…"
    return text.rstrip(".")


def headline(results: list[RequirementResult], shown: int = 6) -> str:
    """The line a designer reads first: how many of the things the GDD asks for were built, then what
    was approximated and what was not built, the weightiest first."""
    verified = [r for r in results if r.status == "verified"]
    parts = [f"Built {len(verified)} of {len(results)} things your GDD asks for."]
    for status, words in (("approximated", "Approximated"), ("not_built", "Not built")):
        these = sorted((r for r in results if r.status == status), key=lambda r: -r.requirement.weight)
        if these:
            more = f" and {len(these) - shown} more" if len(these) > shown else ""
            parts.append(f"{words}: " + "; ".join(_label(r.requirement) for r in these[:shown]) + more + ".")
    return " ".join(parts)
