"""Grid-logic puzzles (genre "grid_logic"): the tunables and the protocol's dispatch by mode.

The rule books, generators and solvers live one per mode: :mod:`.minesweeper` (no-guess boards, a
logic solver's reveals and flags as the proof) and :mod:`.lights_out` (boards pressed from the dark
grid, solved by GF(2) elimination, the fewest presses as the proof). ``grid_logic.js`` plays the
same integer rules.
"""

from __future__ import annotations

import random
import re
from typing import Any

from maestro.genres.grid_logic import lights_out, minesweeper
from maestro.spec import GameSpec, LevelRequest

MODES = ("minesweeper", "lights_out")

_MINES = re.compile(r"\b(\d{1,3})\s+(?:hidden\s+)?(?:mines|bombs)\b", re.I)
_SIZE = re.compile(r"\b(\d{1,2})\s*(?:x|by|×)\s*(\d{1,2})\b(?=[^.]{0,30}\b(?:grid|board|field|cells|squares))", re.I)
_MOVES = re.compile(r"\b(?:within|in|only|at most)\s+(\d{1,2})\s+(?:moves|presses|taps)\b", re.I)


def _spec_text(spec: GameSpec) -> str:
    """The GDD's own words the spec keeps: summary, rules, mechanics' sources, requirements, notes."""
    parts = [spec.summary, *spec.win_conditions, *spec.lose_conditions, *(m.source for m in spec.mechanics)]
    parts += [f"{r.summary}. {r.words}" for r in spec.requirements]
    parts += spec.notes
    return " . ".join(p for p in parts if p)


def config_for(spec: GameSpec) -> dict[str, Any]:
    """The mode, and the GDD's numbers where it gives them: the mine count ("40 mines"), the grid
    ("a 12x10 grid"), a move limit ("within 12 moves"); 0 / None: the level's own default."""
    mode = spec.mode if spec.mode in MODES else MODES[0]
    text = _spec_text(spec)
    mines = _MINES.search(text)
    size = _SIZE.search(text)
    moves = _MOVES.search(text)
    grid: list[int] | None = None
    if size and mode == "minesweeper":
        grid = [max(5, min(minesweeper.MAX_W, int(size.group(1)))), max(5, min(minesweeper.MAX_H, int(size.group(2))))]
    return {
        "mode": mode,
        "mines": max(0, min(99, int(mines.group(1)))) if mines and mode == "minesweeper" else 0,
        "size": grid,
        "moves": max(0, min(60, int(moves.group(1)))) if moves and mode == "lights_out" else 0,
        "flag_slug": spec.items[0].slug if spec.items and mode == "minesweeper" else "",
    }


def generate(req: LevelRequest, config: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    if config.get("mode") == "lights_out":
        return lights_out.generate(req, config, rng)
    return minesweeper.generate(req, config, rng)


def solve(level: dict[str, Any], config: dict[str, Any]) -> dict[str, Any] | None:
    if level.get("mode") == "lights_out":
        return lights_out.solve(level, config)
    return minesweeper.solve(level, config)


def describe(level: dict[str, Any]) -> str:
    if level.get("mode") == "lights_out":
        return lights_out.describe(level)
    return minesweeper.describe(level)
