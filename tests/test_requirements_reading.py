"""The requirements the offline reader lists: structure, goal, lose, controls, characters, family.

Every GDD here is written for these tests."""

from __future__ import annotations

from maestro.gdd import parse_gdd
from maestro.gdd.requirements import family_of

CARD_GDD = """# Ember Hand

Ember Hand is a deck-building adventure game about a lantern keeper.

## Gameplay
Each turn you draw five cards and spend energy to play them.

## Goal
The goal is to reach the top of the lighthouse before the storm hits.

## Losing
If the keeper's flame goes out, you lose the run.

## Controls
Click a card to play it; press the Space key to end the turn.

## Characters
### Old Marrow
A grumpy ferryman who sells cards between floors.
"""

RUNNER_GDD = """# Moss Dash

Moss Dash is an endless runner where a snail races across rooftops.

## Gameplay
The snail runs on its own; jump over chimneys and collect dew drops.
The run never ends: survive as long as you can and beat your high score.

## Audio
A calm lo-fi music loop with soft splashes as sound effects.
"""

PONG_GDD = """# Bounce Lab

A pong style game where the ball obeys wind and gravity.

## Gameplay
Two paddles hit the ball across the screen.
"""


def _reqs(text: str):
    return parse_gdd(text, source_name="test.md").requirements


def test_card_game_is_its_own_family_whatever_genre_builds_it():
    spec = parse_gdd(CARD_GDD, source_name="ember.md")
    assert family_of(spec.genre, spec.genre_note) == "card"
    loop = [r for r in spec.requirements if r.kind == "core_loop"]
    assert loop and loop[0].family == "card"


def test_arcade_classic_named_as_the_model_is_arcade():
    spec = parse_gdd(PONG_GDD, source_name="bounce.md")
    assert family_of(spec.genre, spec.genre_note) == "arcade"


def test_goal_lose_controls_and_turns_are_read_with_their_words():
    reqs = _reqs(CARD_GDD)
    by_kind = {}
    for r in reqs:
        by_kind.setdefault(r.kind, []).append(r)
    assert any("lighthouse" in r.words for r in by_kind.get("goal", []) + by_kind.get("win", []))
    assert any("flame goes out" in r.words for r in by_kind.get("lose", []))
    assert any("Space" in r.words for r in by_kind.get("controls", []))
    assert any(r.term == "turns" for r in by_kind.get("structure", []))
    assert any("Marrow" in r.summary for r in by_kind.get("character", []))
    for r in reqs:
        assert r.where.line > 0 or r.kind == "core_loop"


def test_endless_structure_and_audio_are_requirements():
    reqs = _reqs(RUNNER_GDD)
    structure = [r for r in reqs if r.kind == "structure"]
    assert any(r.term in ("endless", "auto_run") for r in structure)
    assert any("music" in r.words.lower() for r in reqs if r.kind == "audio")


def test_reading_is_deterministic_and_ids_unique():
    a, b = _reqs(CARD_GDD), _reqs(CARD_GDD)
    assert [r.model_dump() for r in a] == [r.model_dump() for r in b]
    assert len({r.id for r in a}) == len(a)


def test_project_asides_are_not_requirements():
    text = RUNNER_GDD + "\n## Timeline\nWin the game jam and lose no sleep over the budget.\n"
    reqs = _reqs(text)
    assert not any(r.where.section == "Timeline" for r in reqs if r.kind in ("win", "lose", "goal"))


MECHANICS_GDD = """# Hop Lantern

🎮 Name of the game: Jump Lantern

Hop Lantern is a platformer about a firefly who guides moths home.

## Core Mechanics
- Glow burst
- Wind riding on warm air
- **Moth Trail:** moths that follow the firefly form a trail that lights the way
- Ember Shield: a short shield that burns away thorns
- Level 2 - Greenhouse: vines grow over the paths while you wait

## Flow
Game States - Menu → Playing → Won → Lost

## Story
Die Motten fliegen durch das alte Gewächshaus, die Nacht ist lang.
"""


def test_named_mechanics_are_read_from_bullets_and_keys_with_their_own_names():
    reqs = _reqs(MECHANICS_GDD)
    names = {r.summary for r in reqs if r.kind == "mechanic"}
    assert {"Glow burst", "Wind riding on warm air", "Moth Trail", "Ember Shield"} <= names
    shield = next(r for r in reqs if r.summary == "Ember Shield")
    assert "thorns" in shield.words and shield.where.section == "Core Mechanics"
    # a level named in a mechanics section is a level, not a mechanic
    assert any(r.kind == "level" and "Greenhouse" in r.summary for r in reqs)
    assert not any(r.kind == "mechanic" and "Greenhouse" in r.summary for r in reqs)
    assert len({r.id for r in reqs}) == len(reqs)


def test_title_lines_state_lists_and_articles_are_not_requirements():
    reqs = _reqs(MECHANICS_GDD)
    # "Name of the game: Jump Lantern" (behind an emoji) names the game; it asks for no jump mechanic
    assert not any(r.term == "jump" and "Name of the game" in r.words for r in reqs)
    # a list of screens is no rule for winning or losing
    assert not any(r.kind in ("win", "lose", "goal") and "→" in r.words for r in reqs)
    # the German article "die" says nothing about dying
    assert not any(r.kind == "lose" and "Motten" in r.words for r in reqs)


PLANS_GDD = """# Tide Keeper

Tide Keeper is a platformer about a crab who keeps the lighthouse lit.

## Gameplay
The crab climbs the rocks and collects pearls before the tide comes in.

## Art
TODO: pick a palette?
Implement the crab sprite sheet.
CrabController SpriteRenderer (write Property: sprite)
The look is hand-drawn pixel art in warm sunset colours.

## Controls
The Game is a small game.
Arrow keys move the crab; press Space to jump.

## Garden
Vines grow over the old lighthouse walls.

# Assets
## Sound
Soft ukulele music with splashy sound effects.
"""


def test_a_kind_is_said_by_a_design_sentence_not_a_todo_a_question_or_code():
    reqs = _reqs(PLANS_GDD)
    art = [r for r in reqs if r.kind == "art"]
    assert [r.words for r in art] == ["The look is hand-drawn pixel art in warm sunset colours."]
    # a sound section under "Assets" is still about the game's sound
    assert any("ukulele" in r.words for r in reqs if r.kind == "audio")
    controls = [r for r in reqs if r.kind == "controls"]
    assert controls and all("Arrow keys" in r.words for r in controls)
    for r in reqs:
        assert "TODO" not in r.words and "Controller" not in r.words and not r.words.endswith("?")


def test_vines_that_grow_ask_for_no_size_power_but_a_growing_hero_does():
    assert not any(r.summary == "growing and shrinking" for r in _reqs(PLANS_GDD))
    grown = _reqs(PLANS_GDD.replace("## Garden", "## Powers\nEating a sea star makes you grow twice as big.\n\n## Garden"))
    assert any(r.summary == "growing and shrinking" for r in grown)


CAST_GDD = """# Harbour Nights

Harbour Nights is a top-down adventure where the player, a young smuggler named Pip, runs crates past the guards.

## Characters
The **Harbourmaster**, a grumpy old sailor, gives Pip her first job.
Her rival **Captain Vell** tries to steal every crate.
The game features a cast of **colourful characters** and **Special Customers**.

## Foes of the bay
- Dock rats
- Sea serpents (they coil round the piers)
  - Fast
  - Loud

## Goal
Bring every crate to the lighthouse before dawn.
The old door in the storage list is just a prop.
"""


def test_named_people_of_a_characters_section_are_characters_and_groups_are_not():
    reqs = _reqs(CAST_GDD)
    names = {r.summary for r in reqs if r.kind == "character"}
    assert {"character: Harbourmaster", "character: Captain Vell"} <= names
    assert not any("characters" in n.lower() or "customers" in n.lower() for n in names)


def test_enemies_are_read_from_the_outer_bullets_of_an_enemies_section():
    reqs = _reqs(CAST_GDD)
    enemies = {r.summary for r in reqs if r.kind in ("enemy", "obstacle")}
    assert any("rats" in e.lower() for e in enemies) and any("Sea serpents" in e for e in enemies)
    assert not any(e.endswith(("Fast", "Loud")) for e in enemies)  # a nested bullet describes the one above
    assert len({r.id for r in reqs}) == len(reqs)


RULES_GDD = """# Lantern Moth

Lantern Moth is a top-down adventure about a moth lighting the lamps of a sleeping city.

## Gameplay
You can glide between rooftops to light each lamp with a touch.
Spiders will spin webs across the streets at night.
When the moth touches a web, a life is lost.
This section is described in more detail later.
We should add a map screen.
The game would be more than a maze.
Genre: something cosy
the line cut in two here
- Player movement with the keyboard
- Counter of lamps to find
- Glowing trails
  - The player can follow a glowing trail back to the nest.

## Abilities
The player can hide under a leaf. The player can shake off dust. The player can call a friend.
The player can dive for nectar. The player can hum a tune. The player can fold its wings.
"""


def test_rule_sentences_of_a_gameplay_section_are_mechanics_in_the_gdds_words():
    reqs = _reqs(RULES_GDD)
    rules = {r.words: r for r in reqs}
    glide = rules["You can glide between rooftops to light each lamp with a touch."]
    assert glide.kind == "mechanic" and glide.summary.startswith("glide between rooftops")
    assert "Spiders will spin webs across the streets at night." in rules
    assert rules["When the moth touches a web, a life is lost."].kind == "lose"
    assert "The player can follow a glowing trail back to the nest." in rules  # a nested bullet
    said = " ".join(r.words for r in reqs)
    for note in ("described in more detail", "We should", "more than a maze", "cut in two"):
        assert note not in said  # notes on the document, plans and broken lines are no rules
    assert len({r.id for r in reqs}) == len(reqs)


def test_rule_sentences_are_capped_per_section():
    reqs = _reqs(RULES_GDD)
    extra = [r for r in reqs if r.where.section == "Abilities"]
    assert 0 < len(extra) <= 4


def test_named_mechanics_get_the_id_their_words_say_and_movement_is_a_control():
    reqs = _reqs(RULES_GDD)
    counter = next(r for r in reqs if r.summary == "Counter of lamps to find")
    assert counter.term == "collect"  # a counter of things to find is collecting them
    moving = [r for r in reqs if "movement" in r.summary.lower()]
    assert moving and all(r.kind == "controls" for r in moving)  # basic movement is no mechanic of its own
    trails = next(r for r in reqs if r.summary == "Glowing trails")
    assert trails.term is None  # no mechanic Maestro builds: never an invented id


def test_reading_the_rules_is_deterministic():
    a = [(r.id, r.words, r.term) for r in _reqs(RULES_GDD)]
    b = [(r.id, r.words, r.term) for r in _reqs(RULES_GDD)]
    assert a == b


FIELDS_GDD = """# Pebble Keeper

Pebble Keeper is a platformer about a crab guarding its shell.

## Mechanics
- **Theme**: friendship and the tide
- **Screenshots**: none yet
- **The crab's goal**: keep every pebble on the beach until the tide turns
- **Shell bash**: the crab rams a gull with its shell
- If the crab touches a wave, the game is over.
"""


def test_a_mechanics_sections_template_fields_are_no_mechanics():
    reqs = _reqs(FIELDS_GDD)
    summaries = " ".join(r.summary for r in reqs if r.kind == "mechanic")
    assert "Theme" not in summaries and "Screenshots" not in summaries
    assert any(r.kind == "goal" and "keep every pebble" in r.words for r in reqs)
    assert any(r.kind == "lose" and "the game is over" in r.words for r in reqs)
    assert len({r.id for r in reqs}) == len(reqs)


def _mechanic_ids(md: str) -> set[str]:
    return {m.id for m in parse_gdd(md).mechanics}


def test_words_used_in_passing_are_no_mechanics():
    # "vida" as a lifetime or as low health, "point of view", combat's pace, a clock on the wall and a
    # game's name with "Dash" in it ask for no lives, score, melee, timer or dash.
    md = ("# Lantern Keeper\n\nUn juego de aventuras en el que cada partida es la vida completa de un farero.\n\n"
          "## Enemigos\nCangrejos: tanques con poca vida.\n\n"
          "## Gameplay\nA top-down point of view with fast-paced combat against crabs.\n"
          "The room has a desk, lamps, clock, rugs and shelves.\n"
          "Inspired by Geometry Dash and other classics.\n")
    ids = _mechanic_ids(md)
    assert not ids & {"melee", "timer", "sprint"}, ids
    assert "lives" not in ids or "Cada partida" not in next(m.source for m in parse_gdd(md).mechanics if m.id == "lives")
    reqs = {r.summary for r in parse_gdd("# Toon Boat\n\nA 2D racing game; the map is flat, the boats are 3D models "
                                         "and the 3D objects are toon shaded.\n").requirements}
    assert "3D or VR" not in reqs


def test_lives_swords_and_3d_said_as_rules_are_still_read():
    md = ("# Ember Run\n\nUn juego de plataformas.\n\n## Reglas\nEl jugador tiene 3 vidas. Si toca un pincho, "
          "pierde una vida.\n\n## Combat\nThe hero swings his sword at the slimes. A dash button gives a burst of speed.\n"
          "A countdown clock ticks on screen.\n")
    spec = parse_gdd(md)
    ids = {m.id for m in spec.mechanics}
    assert {"lives", "melee", "sprint", "timer"} <= ids, ids
    assert spec.lives == 3 or any(m.params.get("count") == 3 for m in spec.mechanics if m.id == "lives")
    one = _mechanic_ids("# Salto\n\nUn juego de plataformas. Si caes al agua pierdes una vida.\n")
    assert "lives" in one
    three_d = {r.summary for r in parse_gdd("# Cube Hall\n\nA 3D game played in first-person.\n").requirements}
    assert "3D or VR" in three_d
