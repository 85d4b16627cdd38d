"""Structure a GDD asks for: "a single endless level" or "there are no levels" is one level (the reader's
level count), not the default three; a GDD that says nothing still gets the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.gdd import parse_gdd, read_gdd_file
from maestro.gdd.levels import level_count

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "mech_endless.md"


@pytest.mark.parametrize("text", [
    "There is a single endless level: run as far as you can.",
    "The game is just one long track.",
    "A timed run with no levels.",
    "There are no levels, only the run.",
    "One endless course across the dunes.",
])
def test_one_level_said_in_words(text):
    assert level_count(text)[0] == 1


@pytest.mark.parametrize("text", [
    "Jump over pits and collect coins.",
    "The hero goes up one level in the tower.",  # a step, not the whole game
    "Beat a single level 3 boss.",
    "There are 5 levels; a single level takes a minute.",
])
def test_other_words_are_no_single_level(text):
    assert level_count(text)[0] != 1


def test_a_single_endless_runner_builds_one_track():
    spec = parse_gdd(read_gdd_file(GDD), source_name="endless")
    assert spec.genre == "platformer" and spec.mode == "runner"
    assert len(spec.levels) == 1
    assert any(r.kind == "structure" and r.term in ("endless", "auto_run") for r in spec.requirements)
