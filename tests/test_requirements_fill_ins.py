"""What the reader counts as the GDD's: Maestro's own fill-ins are not, a document's title is no section,
a ticked task is built, and a sentence that puts the player somewhere says the setting.

Every GDD here is written for these tests."""

from __future__ import annotations

from maestro.gdd import parse_gdd

# Names no enemy, no item and no goal.
BARE = """# Lantern Walk

Lantern Walk is a platformer. The hero jumps over pits on the way home.

## Controls
Arrow keys move, Space jumps.
"""

# The document's one title heading holds words of a project aside ("Sprint", "Development").
SPRINT_TITLE = """# Sprint 0 - Game Design Document : Moth Keeper

## Gameplay loop
- The player gathers moths in a glass jar.
- Survive as long as possible.

## Enemies
- Bat: swoops down at the jar
"""

# A plan section whose ticked tasks are in the game already.
TICKED = """# Reed Runner

Reed Runner is a top-down maze game.

## Next steps
### Gameplay expansions
- [x] Sprint ability - the player can sprint through the reeds, fast but reckless
- [ ] Grappling hook - the player could swing over the water one day
"""

SETTING = """# Rust Hollow

Rust Hollow is a top-down adventure. You explore a flooded dungeon beneath an old mill, room after room.

## Controls
Arrow keys move.
"""


def test_maestros_own_fill_ins_are_marked_and_never_requirements():
    spec = parse_gdd(BARE)
    fill_ins = [e for e in spec.cast() if e.stock]
    assert fill_ins, "a platformer that names no enemy still gets a stock one to build"
    assert {e.kind for e in fill_ins} >= {"enemy", "goal"}
    named = {r.term for r in spec.requirements if r.kind in ("enemy", "item", "obstacle", "goal", "player")}
    assert not named & {e.slug for e in fill_ins}, "a fill-in is Maestro's choice, not a requirement of the GDD"


def test_an_entity_the_gdd_names_is_no_fill_in_and_serialises_as_before():
    spec = parse_gdd(SPRINT_TITLE)
    bat = next(e for e in spec.enemies if e.name == "Bat")
    assert not bat.stock and "stock" not in bat.model_dump()
    stock = next(e for e in parse_gdd(BARE).cast() if e.stock)
    assert stock.model_dump()["stock"] is True


def test_a_documents_title_heading_makes_no_section_under_it_an_aside():
    spec = parse_gdd(SPRINT_TITLE)
    assert any(r.kind in ("win", "goal") and "as long as possible" in r.words for r in spec.requirements)
    assert any(r.kind == "mechanic" and "gathers moths" in r.words for r in spec.requirements)


def test_a_ticked_task_of_a_plan_section_is_read_and_an_open_one_is_not():
    spec = parse_gdd(TICKED)
    assert any(r.kind == "mechanic" and "sprint through the reeds" in r.words for r in spec.requirements)
    assert not any("Grappling" in r.words for r in spec.requirements)


def test_a_sentence_that_puts_the_player_in_a_place_is_the_setting():
    spec = parse_gdd(SETTING)
    setting = [r for r in spec.requirements if r.kind == "setting"]
    assert setting and "flooded dungeon" in setting[0].words
