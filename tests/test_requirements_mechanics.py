"""The reader's mechanics and structure: one structure per game, a time limit of each level as a
mechanic, rules in the sections about the game's things, keyed list items, GDDs that are one list, and
lines that are cut in two, planned for later or about the project rather than the game.

Every GDD here is written for these tests."""

from __future__ import annotations

from maestro.gdd import parse_gdd
from maestro.spec.requirements import Requirement


def reqs(text: str) -> list[Requirement]:
    return parse_gdd(text, source_name="mechanics.md").requirements


def of_kind(rs: list[Requirement], kind: str) -> list[Requirement]:
    return [r for r in rs if r.kind == kind]


def says(rs: list[Requirement], kind: str, words: str) -> bool:
    return any(r.kind == kind and words.lower() in r.words.lower() for r in rs)


TIMED_LEVELS = """# Clockwork Climb

## Gameplay
Clockwork Climb is a platformer of twelve levels. Each level is a tower of gears to climb.
You have one minute to clear each level.
The player jumps from gear to gear; every level adds faster gears.
The next level opens once the bell at the top is rung.
"""


def test_a_time_limit_of_each_level_is_a_timer_not_the_structure():
    rs = reqs(TIMED_LEVELS)
    structures = of_kind(rs, "structure")
    assert len(structures) == 1 and structures[0].term == "levels"
    timer = [r for r in rs if r.kind == "mechanic" and r.term == "timer"]
    assert timer and "one minute" in timer[0].words


WAVES = """# Harbour Watch

## Gameplay
Crabs come ashore in waves and march on the lighthouse. Each wave is larger than the last, and
between two waves the keeper repairs the walls. Survive 20 waves to keep the light burning.
Level 1 is a tutorial beach.
"""


def test_the_structure_the_gdd_says_most_is_the_one_listed():
    structures = of_kind(reqs(WAVES), "structure")
    assert [r.term for r in structures] == ["waves"]


HEADLESS = """Features the farm game must have, from the original we liked:
- Planting seeds on plots the player bought
- Raising hens and goats, fed every morning, for eggs and milk
- A mill that turns wheat into flour
- Selling goods at the village market for coins
"""


def test_a_gdd_that_is_one_list_lists_each_entry_as_a_mechanic():
    rs = reqs(HEADLESS)
    for words in ("Planting seeds", "Raising hens", "A mill that turns wheat"):
        assert says(rs, "mechanic", words), words


PHYSICS = """# Bounce Court

## Mechanic
Two paddles hit a heavy ball over a net.

## Tuning
1. Spin: the ball turns left or right with the direction it travels.
2. Air drag: a small force slows the ball on every frame.
"""


def test_a_keyed_list_item_in_a_section_on_the_game_names_a_mechanic():
    rs = reqs(PHYSICS)
    names = {r.summary for r in of_kind(rs, "mechanic")}
    assert {"Spin", "Air drag"} <= names


LANTERNS = """# Moth Night

## Overview
A short adventure in a dark garden.

## Lanterns
Lanterns hang along the garden paths. The player can light a lantern to scare the bats away.
Once lit, a lantern burns for ten seconds.
"""


def test_a_rule_in_a_section_named_after_a_thing_is_a_mechanic():
    assert says(reqs(LANTERNS), "mechanic", "The player can light a lantern")


CUT_AND_LATER = """# Tin Fleet

## Levels
Each map has a
different harbour and tide.

## Controls
- Arrow keys - steer the boat
- Spacebar - (Future) drop an anchor
"""


def test_a_line_cut_in_two_or_planned_for_later_asks_for_nothing():
    rs = reqs(CUT_AND_LATER)
    assert not any(r.words.rstrip().endswith("has a") for r in rs)
    assert not says(rs, "controls", "(Future)")


OBJECTIVES = """# Shell Seeker

## Overview
A crab walks the beach and jumps over waves of foam.
- Objectives: Collect 12 shells, reach the rock pool
"""


def test_collecting_said_as_the_objective_is_the_goal():
    rs = reqs(OBJECTIVES)
    assert says(rs, "goal", "Collect 12 shells")
    assert not says(rs, "mechanic", "Collect 12 shells")


NOT_ROUNDS = """# Berry Bakery

## Gameplay
The player bakes pies from the berries of the day. The chef picks the best of the harvest for
the morning pies. Each day ends when the oven cools down, and the next day begins at dawn.
Each shift at the counter brings new customers.
"""


def test_best_of_and_a_work_shift_are_no_rounds_and_no_key():
    rs = reqs(NOT_ROUNDS)
    assert not any(r.term == "rounds" for r in of_kind(rs, "structure"))
    assert not of_kind(rs, "controls")


PLANNED_GOALS = """# Pond Pong

## Our goals would be to:
Making the pond theme suit the game as a whole.

## Goal
Score seven points before the other frog does.
"""


def test_the_projects_goals_are_not_the_games_goal():
    rs = reqs(PLANNED_GOALS)
    assert says(rs, "goal", "Score seven points") or says(rs, "win", "Score seven points")
    assert not any("pond theme" in r.words for r in rs if r.kind in ("goal", "win"))
