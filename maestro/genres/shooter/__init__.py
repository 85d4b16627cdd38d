"""The shooter family. Shoot-'em-up: waves of enemies on scripted paths with scheduled fire; ``fixed`` fires up the
screen (Space-Invaders-like), ``scrolling`` flies sideways; dodge-only when the GDD has no shooting.

rules.py: tunables, level generator and solver · shooter.js: the game module · qa.py: bot and keypoints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from maestro.genres.base import Genre, View

if TYPE_CHECKING:
    from maestro.genres.base import GenreQA, GenreRules


class Shooter(Genre):
    name = "shooter"
    modes = ("fixed", "scrolling")
    tiles = ()  # the shooter draws sprites and particles only (no tile map)
    sounds = ("shoot", "hit", "explode", "hurt", "coin", "powerup")
    labels = {"fixed": "fixed shooter", "scrolling": "scrolling shooter"}
    default_win = {"fixed": "Clear every wave of enemies", "scrolling": "Survive to the end of each stage"}
    palette, mood = "space", "heroic"
    cast = ("Ship", "Drone", "Star", "")
    base_mechanics = ("shoot", "score", "lives")
    drops = frozenset({"jump", "double_jump", "push_blocks", "keys_doors", "stealth", "fall_death", "auto_run", "undo"})
    words = (
        (3.0, ("shooters?", "shoot ?'?em ?up", "shmup", "bullet hell", "space invaders", "galaga", "twin[- ]stick",
               "fixed shooter", "arena shooter", "disparos", "schietspel", "juego de naves")),
        (1.5, ("shoot\\w*", "asteroids?", "spaceships?", "bullets?", "rockets?", "lasers?", "fire (?:up\\w*|at|back)",
               "projectiles?", "waves? of", "shots?", "platillos? voladores?", "disparar", "dispara", "schieten", "naves?",
               "ovnis?", "ufos?", "flappy")),
    )

    def mode_for(self, text: str) -> str:
        from maestro.gdd.lexicon import MODE_WORDS

        scrolling, fixed = (len(MODE_WORDS[m].findall(text)) for m in ("scrolling", "fixed"))
        return "scrolling" if scrolling > fixed else "fixed"

    def rules(self) -> "GenreRules":
        from maestro.genres.shooter import rules

        return rules

    def qa(self) -> "GenreQA":
        from maestro.genres.shooter import qa

        return qa

    def view(self, mode: str, kind: str = "sprite") -> View:
        # A fixed shooter's sprites are seen from above (ships nose-up); a scrolling one's from the
        # side. A shooter's backdrop is always a sky or space scene painted from the side.
        return "side" if (kind == "background" or mode == "scrolling") else "top"
