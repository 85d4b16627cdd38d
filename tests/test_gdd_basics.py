"""The basics of a GDD read right: the game's name, the player, and entities that are things in the game."""

from __future__ import annotations

from maestro.gdd import parse_gdd
from maestro.gdd.entities import is_fragment
from maestro.gdd.markdown import parse_markdown
from maestro.gdd.parser import find_title


def _cast(spec) -> list[str]:
    return [e.name.lower() for e in [*spec.enemies, *spec.items, *spec.hazards]]


def test_a_section_heading_is_no_title_the_name_under_it_is():
    md = "Introduction\n============\n\nPebble Panic\n------------\nA short arcade game about rolling stones.\n\nGameplay\n========\nRoll.\n"
    assert find_title(parse_markdown(md), "")[0] == "Pebble Panic"


def test_a_name_opening_the_introduction_is_the_title_in_any_language():
    md = "# Introducción\nCueva Loca trátase dun xogo curto. O xogador controla a un morcego que foxe da cova.\n\n## Mecánicas\n- saltar\n"
    spec = parse_gdd(md)
    assert spec.title == "Cueva Loca"
    assert "morcego" in spec.player.name.lower()


def test_the_document_kind_before_the_name_is_dropped():
    assert find_title(parse_markdown("# Game design document voor Kattenkwaad Kermis\n\nTekst.\n"), "")[0] == "Kattenkwaad Kermis"
    assert find_title(parse_markdown("# GameDesignDocument\n\nSome text.\n"), "tidal_drift.md")[0] == "Tidal Drift"
    assert find_title(parse_markdown("# Spielname: Turbo Tortoise\n\nText.\n"), "")[0] == "Turbo Tortoise"


def test_a_course_label_is_no_title():
    md = "# GAME 210 Game Development Final Project\n\nWe built a maze game.\n\n# Documentation\n\nMore.\n"
    assert find_title(parse_markdown(md), "maze_muncher.md")[0] == "Maze Muncher"


def test_name_colon_description_bullet_names_the_thing():
    md = ("# Hedge Hop\n\nA platformer. You play as **Quill**, a hedgehog.\n\n## Enemies\n"
          "- Thistle Beetle: crawls along branches and bites.\n- Moth Swarm: flutters around lamps.\n")
    spec = parse_gdd(md)
    assert spec.player.name == "Quill"
    names = [e.name for e in spec.enemies]
    assert "Thistle Beetle" in names and "Moth Swarm" in names


def test_role_word_and_name_as_a_key_names_the_player():
    md = "# Bolinho\n\n## Personagens\n- **Personagem Bolo:** O bolo é redondo e pula.\n"
    assert parse_gdd(md).player.name == "Bolo"


def test_a_function_word_never_becomes_an_enemy():
    md = ("# Kaasjacht\n\nDe speler bestuurt een muis. Je speelt met de pijltjestoetsen.\n\n## Vijanden\n"
          "- Met een kat die rondloopt\n- Katten jagen op de muis\n")
    spec = parse_gdd(md)
    assert "met" not in _cast(spec)
    assert is_fragment("Met", "nl") and is_fragment("Ship has", "en") and is_fragment("Enemies passing", "en")
    assert not is_fragment("Fire Imp", "en") and not is_fragment("Key", "en")


def test_controls_table_keys_never_become_things():
    md = ("# Orb Runner\n\nCollect orbs and avoid the spiders.\n\n## Controls\n\n| Key | Action |\n|---|---|\n"
          "| Arrow | move |\n| WASD | move |\n| Space | jump |\n| Shift | dash |\n")
    spec = parse_gdd(md)
    cast = _cast(spec)
    assert not {"arrow", "wasd", "space", "shift"} & set(cast)
    assert any("orb" in n for n in cast)


def test_an_unnamed_player_is_called_by_the_gdds_own_word():
    md = "# Turm\n\nEin Spiel, in dem der Spieler Türme baut. Der Spieler hat 20 Leben. Gegner kommen in Wellen.\n"
    assert parse_gdd(md).player.name.lower() in ("spieler", "player")


def test_a_place_called_something_is_not_the_player():
    md = ("# Last Call\n\nThe bar is in a city called Brasston. The protagonist is the Barkeep, a newcomer who runs a bar.\n"
          "Serve drinks and dodge the inspectors.\n")
    assert parse_gdd(md).player.name == "Barkeep"
