"""Which kind a requirement is: rules that are about an obstacle, a way of losing or the levels; bosses;
lists whose opening line says what they hold; asks the GDD denies; subsections of a gameplay section.

Every GDD here is written for these tests."""

from __future__ import annotations

from maestro.gdd import parse_gdd


def kinds_of(text: str) -> list[tuple[str, str, str]]:
    spec = parse_gdd(text, source_name="kinds.md")
    return [(r.kind, r.summary, r.words) for r in spec.requirements]


def said(reqs: list[tuple[str, str, str]], kind: str, words: str) -> bool:
    return any(k == kind and words.lower() in w.lower() for k, _, w in reqs)


MUST_HAVE_GDD = """# Copper Hop

Copper Hop is a 2D platformer about a tin frog.

## Requirements
### Must have
1. Must have pits that send the player back to the beginning of the level - [done]
2. Must have levels that each show off one new trick - [done]
3. Must have a title screen and a pause menu
"""


def test_a_must_have_rule_about_pits_is_an_obstacle_and_a_way_of_losing() -> None:
    reqs = kinds_of(MUST_HAVE_GDD)
    assert said(reqs, "obstacle", "pits that send the player back")
    assert said(reqs, "lose", "pits that send the player back")
    assert said(reqs, "structure", "levels that each show off")
    assert said(reqs, "mechanic", "title screen")
    # the list's markers are no words of the rule's name
    assert not any(s.lower().startswith("have ") or s.lower().endswith("done") for _, s, _ in reqs)


BOSS_WITH_FOES_GDD = """# Gutter Kings

Gutter Kings is a top-down shooter in the sewers.

## Enemies
- **Rat**: runs at the player.
- **Boss**: a giant rat king who waits in the last tunnel.

## Gameplay
Shoot the rats and reach the last tunnel.
"""

BOSS_IN_STORY_GDD = """# Gutter Kings

Gutter Kings is a top-down shooter in the sewers.

## Enemies
- **Rat**: runs at the player.

## Story
At the end of the sewers the hero meets the final boss, the rat king, who once ruled the city.
"""


def test_a_boss_is_an_enemy_where_the_gdd_lists_it_with_its_enemies_and_a_character_elsewhere() -> None:
    with_foes = kinds_of(BOSS_WITH_FOES_GDD)
    assert any(k == "enemy" and "boss" in (s + w).lower() for k, s, w in with_foes)
    assert not any(k == "character" and "boss" in (s + w).lower() for k, s, w in with_foes)
    in_story = kinds_of(BOSS_IN_STORY_GDD)
    assert any(k == "character" and "boss" in (s + w).lower() for k, s, w in in_story)
    assert not any(k == "enemy" and "boss" in (s + w).lower() for k, s, w in in_story)


DENIED_GDD = """# Lone Lamp

Lone Lamp is a narrative top-down adventure in an empty lighthouse.

## Gameplay
The keeper climbs the tower and lights every lamp before dawn.

### Multiplayer
Because the game tells one person's story, it will not support playing together.

## Features
There are no boss fights: the only danger is the dark.
"""


def test_an_ask_the_gdd_denies_is_no_requirement() -> None:
    reqs = kinds_of(DENIED_GDD)
    assert not any("boss" in (s + w).lower() for k, s, w in reqs if k in ("character", "enemy", "mechanic"))
    assert not any(s.lower() == "multiplayer" for _, s, _ in reqs)


LEAD_IN_GDD = """# Last Orders

Last Orders is a bar management simulation set in a port town.

## Gameplay
- Guests come in, order a drink and pay for it.
- Special characters may also show up, including:
  - **The harbour master**
  - **Smugglers**
- Keepsakes can be earned by serving rare drinks, such as:
  - A brass compass
  - A ship in a bottle
"""


def test_a_lists_opening_line_says_what_its_entries_are() -> None:
    reqs = kinds_of(LEAD_IN_GDD)
    kinds = {s: k for k, s, _ in reqs}
    assert kinds.get("character: The harbour master") == "character"
    assert kinds.get("item: A brass compass") == "item"
    assert not any(k == "mechanic" and ("compass" in s.lower() or "harbour" in s.lower()) for k, s, _ in reqs)


SUBSECTION_GDD = """# Hex Tide

Hex Tide is a turn-based tactics game on a hex map.

## Gameplay
### Movement
Each unit can move up to three hexes in a turn.
Units cannot end their move on a hex held by another unit.
"""


def test_the_rules_of_a_gameplay_subsection_are_mechanics() -> None:
    reqs = kinds_of(SUBSECTION_GDD)
    assert said(reqs, "mechanic", "move up to three hexes")


NOT_STRUCTURE_GDD = """# Echo Walk

Echo Walk is a top-down adventure about a blind girl in a dark house.

## Story
She sees sounds as blue waves along the walls.

## Upgrades
- Lantern: lights a small circle, cost 40, +20 per level.
"""


def test_sound_waves_and_upgrade_levels_are_no_structure() -> None:
    reqs = kinds_of(NOT_STRUCTURE_GDD)
    assert not any(k == "structure" and t in s for k, s, _ in reqs for t in ("waves", "levels"))


SPIKES_GDD = """# Thorn Run

Thorn Run is a 2D platformer. Touching the spikes kills the hero.

## Objects
- Coins
- Spikes
"""


def test_spikes_listed_with_the_objects_stay_an_obstacle() -> None:
    reqs = kinds_of(SPIKES_GDD)
    assert not any(k == "item" and "spike" in s.lower() for k, s, _ in reqs)
