"""The rhythm bot, shared by both modes: it presses each key of the proof's presses for the one frame
the proof names (the frame the world's clock reaches with that step) through ``__qa.replay``, and
reads the mode's QA view of the world it last played (null before any frame)."""

from __future__ import annotations

from typing import Any

from maestro.genres.headless import Presses


def schedule_taps(schedule: list[list[Any]]) -> Presses:
    """A proof's [frame, key] presses as taps: the world's clock shows f - 1 before the step to f."""
    taps: dict[int, list[str]] = {}
    for f, key in schedule:
        taps.setdefault(int(f) - 1, []).append(str(key))
    return Presses(taps=taps)


def report_js(qa: str) -> str:
    """What the bot reads after level 1: ``qa``'s (the mode's QA object's) view of the world played last."""
    return "function (now, played) { return {view: played ? %s.view(__game.game, played) : null}; }" % qa
