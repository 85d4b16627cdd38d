"""The Python side of the QA hooks every arcade mode's keypoints drive the real game with (``__ar``,
which qa.py installs): a room loaded in place of level 1, the world set through ``qa.set``, frames
run with keys held. Each returns the mode's ``qa.view`` of the world (with the state, for ``run``)."""

from __future__ import annotations

import json
from typing import Any

from maestro.genres.headless import HeadlessGame


def load(game: HeadlessGame, room: dict[str, Any]) -> dict[str, Any]:
    """``room`` started fresh in place of level 1, every key let go; its view."""
    view: dict[str, Any] = game.js(f"__ar.load({json.dumps(room)})")
    return view


def put(game: HeadlessGame, **o: Any) -> dict[str, Any]:
    """The world's fields ``o`` set (``qa.set``); the view."""
    view: dict[str, Any] = game.js(f"__ar.set({json.dumps(o)})")
    return view


def run(game: HeadlessGame, n: int, keys: tuple[str, ...] = ()) -> dict[str, Any]:
    """``n`` frames with ``keys`` held (stopping once the level is won or the game ends): the state,
    the view and the frames run."""
    out: dict[str, Any] = game.js(f"__ar.run({int(n)}, {json.dumps(list(keys))})")
    return out
