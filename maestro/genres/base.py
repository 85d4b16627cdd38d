"""The Genre protocol: everything Maestro needs to know about one game family, in one place.

A genre is a package ``maestro/genres/<name>/`` holding the pieces that must change together:

- ``rules.py``   its tunables (``config_for``), level generator and solver — the same movement
                 rules as its JavaScript, so a solver's proof replays in the game;
- ``<name>.js``  its JavaScript module, shipped into every bundle of the genre next to the shared
                 runtime (``maestro/game/runtime.js``);
- ``qa.py``      its QA bot (plays level 1 on the real JavaScript) and keypoint checks.

Its ``__init__.py`` defines one subclass of :class:`Genre` that declares the family (name, modes,
tiles, sounds) and hands over its two halves, ``rules()`` and ``qa()``, each a module that
satisfies the :class:`GenreRules` / :class:`GenreQA` protocol below (mypy checks it); and
``maestro/genres/registry.py`` lists it (one line). Nothing else in Maestro imports a genre's
modules by name: the Orchestrator, Labyrinth, Codex, Builder and Query reach a genre only through
this protocol, and ``tests/test_genre_conformance.py`` runs the same suite for every registered one.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any, Callable, ClassVar, Literal, Protocol

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


class GenreRules(Protocol):
    """The Python half of a family (its ``rules.py``): the same rules as its JavaScript."""

    def config_for(self, spec: GameSpec) -> dict[str, Any]:
        """The family's tunables for this game, from the spec's mechanics (the GDD's numbers)
        plus defaults. Decided once at plan time; the JS reads them as ``data.config`` and the
        solver and bot use the very same values. Plain JSON values only."""
        ...

    def generate(self, req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        """One candidate level (plain JSON) for the request. It need not be solvable: the
        Labyrinth regenerates until ``solve`` proves it."""
        ...

    def solve(self, level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
        """A proof that the level can be completed under the game's real rules (a route, an input
        script, a kill budget...) as a JSON-able dict with at least ``steps``; None when there is
        none."""
        ...

    def describe(self, level: dict[str, Any]) -> str:
        """One line about a level for the manifest and the report ("40x17, 6 items, 2 enemies")."""
        ...


class GenreQA(Protocol):
    """The QA half of a family (its ``qa.py``): a bot and keypoints on the real JavaScript."""

    def play_level_one(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any]) -> BotResult:
        """Drive the REAL game code (``game.press`` / ``game.step``) along a route the solver
        proves, until ``state().level`` becomes 2 or ``status`` becomes "won". Bounded frames."""
        ...

    def keypoints(self, spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
        """One check per mechanic or entity of the spec this family can show."""
        ...

    def rules_agree(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any],
                    rng: random.Random) -> str | None:
        """Play a recorded input sequence (drawn from ``rng``) on ``level`` in the real JS and in
        the Python rules; None when both end in the same place, else what differs. This is what
        keeps a solver's proof honest: the JS and the Python are two copies of one rule book."""
        ...


class Genre(ABC):
    """One game family: what the rest of Maestro may ask of it. A subclass sets the class
    attributes and returns its two halves; the methods below hand each question to the half
    that answers it. Each half is imported where it runs (inside ``rules()`` / ``qa()``): the rules
    (numpy, for some) in the Orchestrator and the Labyrinth, the QA half (the headless V8 runner)
    in the Query actor, so the registry itself stays light."""

    #: registry key, ``GameSpec.genre`` and the JS module's ``Maestro.registerGenre`` name; also the
    #: family of ``maestro.spec.requirements.FAMILIES`` it delivers (a GDD asking for that family is
    #: built by this genre)
    name: ClassVar[str]
    #: the variants the family plays (``GameSpec.mode``); the first is the default
    modes: ClassVar[tuple[str, ...]]
    #: tile sprites its JS draws (each becomes a Canvas tile job)
    tiles: ClassVar[tuple[str, ...]]
    #: sound effects its JS plays (each becomes a Sonata sfx job, besides the runtime's own)
    sounds: ClassVar[tuple[str, ...]]

    # ---- what the reader (maestro/gdd/) needs to know of the family: declared here, so that a new
    # family is its package and one registry line, and no table in the reader names a genre ----------
    #: a designer's words for each mode ("endless-runner platformer"); every mode has one
    labels: ClassVar[dict[str, str]]
    #: the win condition said when the GDD says none, per mode ("{goal}" is the goal's name)
    default_win: ClassVar[dict[str, str]]
    #: the lose condition said when the GDD says none ("" when the family has none)
    default_lose: ClassVar[str] = "Lose all lives"
    #: the palette and the music mood when the GDD names none (maestro.gdd.styles / MOOD_PATTERNS)
    palette: ClassVar[str] = "pastel"
    mood: ClassVar[str] = "calm"
    #: names used when the GDD names none: (player, enemy, item, goal); "" = the family has none
    cast: ClassVar[tuple[str, str, str, str]] = ("Hero", "", "", "")
    #: mechanics (maestro.gdd.catalog ids) every game of the family has, asked for or not
    base_mechanics: ClassVar[tuple[str, ...]] = ()
    #: mechanics its runtime cannot use: the GDD's word for one is read, and reported not built
    drops: ClassVar[frozenset[str]] = frozenset()
    #: words that point the reader to this family: (weight, regex fragments), strongest first
    words: ClassVar[tuple[tuple[float, tuple[str, ...]], ...]] = ()
    #: the keypoint id that proves the family's defining requirement (maestro.gdd.requirements:
    #: FAMILY_DEFINES, e.g. "a deck and a hand of cards played by their rules"); None: the bot does
    defining: ClassVar[str | None] = None
    #: what the family builds of the things no other family does (maestro.gdd.demands ids: "cards",
    #: "turn_based", "towers" ...), each with the keypoint id that proves it in the built game: such a
    #: demand is then a requirement QA can verify, not a "Not built" note
    delivers: ClassVar[dict[str, str]] = {}
    #: keypoint ids that prove the family's win rule (beside the shared exit / waves / crates checks)
    win_checks: ClassVar[tuple[str, ...]] = ()
    #: keypoint ids that prove the family's lose rule (beside the shared last-life check): a stack
    #: that tops out, a hand with no moves left
    lose_checks: ClassVar[tuple[str, ...]] = ()
    #: rules the family builds as GDDs say them, each a (regex over folded text, keypoint id): a rule
    #: sentence of the GDD that matches ("forests slow your units down") is a requirement that
    #: keypoint proves, instead of one nothing is mapped to. Keep the patterns particular: a match is
    #: a claim that this family builds what the sentence says.
    terms: ClassVar[tuple[tuple[str, str], ...]] = ()

    def term_for(self, text: str) -> str | None:
        """The keypoint id of the first of ``terms`` that ``text`` (folded) says, else None."""
        import re

        return next((kp for pattern, kp in self.terms if re.search(pattern, text)), None)

    def lose_for(self, mode: str) -> str:
        """The lose condition said when the GDD says none, for a mode (a family whose modes lose
        differently overrides this)."""
        return self.default_lose

    def cast_for(self, mode: str) -> tuple[str, str, str, str]:
        """The names used when the GDD names none, for a mode (see ``cast``)."""
        return self.cast

    def mode_for(self, text: str) -> str:
        """The mode a GDD's plain text asks for (the first mode unless the family says otherwise)."""
        return self.modes[0]

    @abstractmethod
    def rules(self) -> GenreRules:
        """The family's ``rules`` module."""

    @abstractmethod
    def qa(self) -> GenreQA:
        """The family's ``qa`` module."""

    def view(self, mode: str, kind: str = "sprite") -> View:
        """How the camera sees this family: "side" or "top". The reader decides sprite and scene
        looks for it. ``kind`` is "sprite" or "background"."""
        return "top"

    def script(self) -> str:
        """The family's JavaScript module (``<package>/<name>.js``): a classic script that calls
        ``Maestro.registerGenre(name, module)``."""
        package = type(self).__module__
        return resources.files(package).joinpath(f"{self.name}.js").read_text(encoding="utf-8")

    # ---- what the agents ask (see GenreRules and GenreQA for what each answer means) ----------

    def config_for(self, spec: GameSpec) -> dict[str, Any]:
        return self.rules().config_for(spec)

    def generate_level(self, req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
        return self.rules().generate(req, config, rng)

    def solve(self, level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
        return self.rules().solve(level, config)

    def describe(self, level: dict[str, Any]) -> str:
        return self.rules().describe(level)

    def play_level_one(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any]) -> BotResult:
        return self.qa().play_level_one(game, level, config)

    def keypoints(self, spec: dict[str, Any], config: dict[str, Any], levels: list[dict[str, Any]]) -> list[Keypoint]:
        return self.qa().keypoints(spec, config, levels)

    def rules_agree(self, game: "HeadlessGame", level: dict[str, Any], config: dict[str, Any],
                    rng: random.Random) -> str | None:
        return self.qa().rules_agree(game, level, config, rng)
