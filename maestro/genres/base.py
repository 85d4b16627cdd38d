"""The Genre protocol: everything Maestro needs to know about one game family, in one place.

A genre is a package ``maestro/genres/<name>/`` holding the pieces that must change together:

- ``rules.py``   its tunables (``config_for``), level generator and solver — the same movement
                 rules as its JavaScript, so a solver's proof replays in the game;
- ``<name>.js``  its JavaScript module, shipped into every bundle of the genre next to the shared
                 runtime (``maestro/game/runtime.js``);
- ``qa.py``      its QA bot (plays level 1 on the real JavaScript) and keypoint checks.

Its ``__init__.py`` defines one subclass of :class:`Genre` that ties them together, and
``maestro/genres/registry.py`` lists it (one line). Nothing else in Maestro imports a genre's
modules by name: the Orchestrator, Labyrinth, Codex, Builder and Query reach a genre only through
this protocol, and ``tests/test_genre_conformance.py`` runs the same suite for every registered one.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Literal

from maestro.spec import GameSpec, LevelRequest

if TYPE_CHECKING:  # the headless runner imports V8; only the QA side needs it
    from maestro.genres.headless import HeadlessGame

View = Literal["side", "top"]


@dataclass
class BotResult:
    """What a genre's bot reports after playing level 1 on the real game code."""

    won: bool
    frames: int
    detail: str = ""
    path_steps: int = 0


@dataclass
class Keypoint:
    """One small check that one mechanic or entity of the design works in the real game.

    ``run`` gets a FRESH game (autostarted on level 1) and returns (passed, message): passed is
    True, False, or None when the check could not be shown in this build (skipped, with why).
    ``requirement`` is what a designer reads in the report; ``mechanic`` names the GameSpec
    mechanic id (or entity slug) it proves, so fidelity can be computed over the design's terms.
    """

    id: str
    requirement: str
    run: Callable[["HeadlessGame"], tuple[bool | None, str]] = field(repr=False)
    mechanic: str | None = None


class Genre(ABC):
    """One game family. Subclasses set the class attributes and implement the methods."""

    #: registry key, ``GameSpec.genre`` and the JS module's ``Maestro.registerGenre`` name
    name: ClassVar[str]
    #: the variants the family plays (``GameSpec.mode``); the first is the default
    modes: ClassVar[tuple[str, ...]]
    #: tile sprites its JS draws (each becomes a Canvas tile job)
    tiles: ClassVar[tuple[str, ...]]
    #: sound effects its JS plays (each becomes a Sonata sfx job, besides the runtime's own)
    sounds: ClassVar[tuple[str, ...]]

    # ---- rules: Python side of the game, shared bit for bit with the JS ------------------------

    @abstractmethod
    def config_for(self, spec: GameSpec) -> dict[str, Any]:
        """The family's tunables for this game, from the spec's mechanics (the GDD's numbers)
        plus defaults. Decided once at plan time; the JS reads them as ``data.config`` and the
        solver and bot use the very same values. Plain JSON values only."""

    @abstractmethod
    def generate_level(self, req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        """One candidate level (plain JSON) for the request. It need not be solvable: the
        Labyrinth regenerates until :meth:`solve` proves it."""

    @abstractmethod
    def solve(self, level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
        """A proof that the level can be completed under the game's real rules (a route, an input
        script, a kill budget...) as a JSON-able dict with at least ``steps``; None when there is
        none."""

    @abstractmethod
    def describe(self, level: dict[str, Any]) -> str:
        """One line about a level for the manifest and the report ("40x17, 6 items, 2 enemies")."""

    def view(self, mode: str, kind: str = "sprite") -> View:
        """How the camera sees this family: "side" or "top". Canvas draws sprites and scenes for
        it. ``kind`` is "sprite" or "background"."""
        return "top"

    # ---- code: the JS module --------------------------------------------------------------------

    def script(self) -> str:
        """The family's JavaScript module (``<package>/<name>.js``): a classic script that calls
        ``Maestro.registerGenre(name, module)``."""
        package = type(self).__module__
        return resources.files(package).joinpath(f"{self.name}.js").read_text(encoding="utf-8")

    # ---- QA: a bot and keypoints on the real JavaScript ----------------------------------------

    @abstractmethod
    def play_level_one(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any]) -> BotResult:
        """Drive the REAL game code (``game.press`` / ``game.step``) along a route the solver
        proves, until ``state().level`` becomes 2 or ``status`` becomes "won". Bounded frames."""

    @abstractmethod
    def keypoints(self, spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
        """One check per mechanic or entity of the spec this family can show."""

    @abstractmethod
    def rules_agree(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any],
                    rng: random.Random) -> str | None:
        """Play a recorded input sequence (drawn from ``rng``) on ``level`` in the real JS and in
        the Python rules; None when both end in the same place, else what differs. This is what
        keeps a solver's proof honest: the JS and the Python are two copies of one rule book."""
