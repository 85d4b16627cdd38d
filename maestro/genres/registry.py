"""The registry of game families: one line per genre. Adding a genre is adding its package
(see maestro/genres/base.py) and one line here; nothing else in Maestro names a genre's modules."""

from __future__ import annotations

from maestro.errors import UnknownGenreError
from maestro.genres.adventure import Adventure
from maestro.genres.arcade import Arcade
from maestro.genres.base import Genre
from maestro.genres.board import Board
from maestro.genres.card import Card
from maestro.genres.fighting import Fighting
from maestro.genres.grid_logic import GridLogic
from maestro.genres.idle import Idle
from maestro.genres.platformer import Platformer
from maestro.genres.puzzle import Puzzle
from maestro.genres.racing import Racing
from maestro.genres.rhythm import Rhythm
from maestro.genres.rpg import Rpg
from maestro.genres.shooter import Shooter
from maestro.genres.simulation import Simulation
from maestro.genres.sports import Sports
from maestro.genres.tactics import Tactics
from maestro.genres.tile_puzzle import TilePuzzle
from maestro.genres.tower_defense import TowerDefense
from maestro.genres.visual_novel import VisualNovel

REGISTRY: dict[str, Genre] = {g.name: g for g in (
    Platformer(),
    Shooter(),
    Adventure(),
    Puzzle(),
    Card(),
    TowerDefense(),
    Arcade(),
    Rpg(),
    Racing(),
    Rhythm(),
    Board(),
    Tactics(),
    TilePuzzle(),
    GridLogic(),
    Simulation(),
    Sports(),
    Fighting(),
    Idle(),
    VisualNovel(),
)}

#: the names, in registry order (detection breaks ties in this order)
GENRE_NAMES: tuple[str, ...] = tuple(REGISTRY)


def genre(name: str) -> Genre:
    """The family registered as ``name``; UnknownGenreError (with the choices) when there is none."""
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownGenreError(f"Unknown genre '{name}'.", f"Use one of: {', '.join(GENRE_NAMES)}.") from None
