"""The reader's cast for story GDDs: who the player plays, the other people and the things the plot turns on."""

from pathlib import Path

from maestro.gdd import parse_gdd, read_gdd_file

FIXTURES = Path(__file__).parent / "fixtures" / "gdds"


def spec_of(name: str, genre: str | None = None):
    return parse_gdd(read_gdd_file(FIXTURES / name), genre=genre, source_name=name)


def names(entities) -> list[str]:
    return [e.name for e in entities if not e.stock]


def test_the_characters_list_says_who_the_player_is_not_the_first_title():
    spec = spec_of("visual_novel_lantern_letters.md")
    assert spec.genre == "visual_novel"
    assert spec.player.name == "Ada"  # "Ada, the player", not "Captain Rowe" for his title
    assert names(spec.enemies)[:2] == ["Captain Rowe", "Lina"]
    assert "Brass Key" in names(spec.items)


def test_a_spanish_characters_list_gives_the_protagonist_and_the_cast():
    spec = spec_of("cast_harbor_letters_es.md", genre="visual_novel")  # ("cartas" routes it to cards)
    assert spec.player.name == "Sofía"
    assert names(spec.enemies)[:2] == ["Capitán Ibarra", "Nerea"]
    assert any("Llave" in n for n in names(spec.items))


def test_prose_names_the_player_the_people_and_the_props():
    spec = spec_of("cast_night_archive.md")
    assert spec.genre == "visual_novel"
    assert spec.player.name == "Juno"
    cast = names(spec.enemies)
    assert cast[0] == "Tobias" and "Suspect" in cast
    items = " ".join(names(spec.items)).lower()
    assert "letter" in items and "diary" in items
    assert "seed" not in items  # "seed any random numbers" is a verb, no seed to collect


def test_the_quiet_house_reads_the_girl_named_on_the_next_line():
    spec = spec_of("visual_novel_quiet_house.md")
    assert spec.player.name == "Mara"
    assert names(spec.enemies) == ["Elsie"]


def test_a_family_not_told_in_dialogue_draws_no_person_as_a_foe():
    spec = spec_of("visual_novel_lantern_letters.md", genre="platformer")
    assert spec.player.name == "Ada"
    assert not {"Captain Rowe", "Lina", "Townsfolk"} & set(names(spec.enemies))
