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


def test_a_description_after_the_colon_never_becomes_names():
    md = ("# Ember Watch\n\n## Gameplay\nA turn-based tactics game on a small grid.\n\n## Characters\n"
          "- Ranger: the player's unit, quick but fragile\n- Gnoll: the enemy, rushes the closest ranger\n\n"
          "## Items\n- Bandage: heals a ranger\n")
    spec = parse_gdd(md)
    assert spec.player.name == "Ranger"
    assert [e.name for e in spec.enemies] == ["Gnoll"]
    assert not any("player" in n or "quick" in n or "rushes" in n for n in _cast(spec))


def test_a_list_after_a_class_key_still_names_each_thing():
    spec = parse_gdd("# Orchard Dash\n\nA platformer.\n\n## Items\n- Fruits: plums, pears, figs\n")
    assert {"plum", "pear", "fig"} <= set(_cast(spec))


def test_the_head_noun_says_what_a_thing_is():
    spec = parse_gdd("# Thicket\n\nA platformer in a wood.\n\n## Enemies\n- Thorn Wasp: flies in circles\n- Spike Trap: hidden in the grass\n")
    assert "thorn wasp" in [e.name.lower() for e in spec.enemies]
    assert "spike trap" in [h.name.lower() for h in spec.hazards]


def test_other_games_cited_as_inspiration_are_no_things():
    md = ("# Moth Run\n\nA platformer inspired by *Hollow Knight* and *Ori and the Blind Forest*, for fans of Dead Cells.\n\n"
          "## Inspiration\n### Super Meat Boy\nTight jumps, saws everywhere and a bandage to collect.\n\n"
          "## Enemies\n- Lantern Bug: drifts towards the moth\n")
    spec = parse_gdd(md)
    names = _cast(spec)
    assert "lantern bug" in names
    assert not any(w in n for n in names for w in ("hollow", "knight", "ori", "dead cells", "meat", "saw", "bandage"))


def test_romance_verb_phrases_are_no_names():
    assert is_fragment("Andam na direção", "pt")
    assert is_fragment("Zumbis seguem", "pt")
    assert is_fragment("Lodo pegajoso disminuye", "es")
    assert not is_fragment("Poción de curación", "es")
    assert not is_fragment("Esqueleto mago", "es")
    md = ("# Cova\n\nUm jogo de labirinto visto de cima.\n\n## Inimigos\n"
          "Inimigos andam numa linha reta até bater numa parede.\n\nAndam na direção do jogador quando o veem.\n")
    spec = parse_gdd(md)
    assert not any("andam" in n or "direção" in n for n in _cast(spec))


def test_a_bracketed_gloss_is_not_part_of_the_name():
    md = "# Mar\n\nUn juego de aventuras.\n\n## Objetos\nVendas (curan heridas), Pociones de vida.\n"
    names = _cast(parse_gdd(md))
    assert any(n.startswith("venda") for n in names) and not any("curan" in n for n in names)


def test_a_verb_after_its_infinitive_marker_is_no_hazard():
    md = "# Kat\n\nEen spel van bovenaf. De muizen proberen de kat aan te vallen en de kat moet ontsnappen uit het huis naar buiten.\n"
    assert not any("vallen" in n for n in _cast(parse_gdd(md)))


def test_compound_nouns_and_adjectives_are_no_enemies():
    md = ("# Arena\n\nA top-down arena game.\n\n## Weapons\n- Spears\n  - Long reach\n  - Low attack speed\n  - Fast attack animation\n\n"
          "## Enemies\nMultiple goblins attack in waves. Goblin attacks can be blocked.\n")
    names = [e.name.lower() for e in parse_gdd(md).enemies]
    assert "goblin" in names
    assert not any(n in ("low", "fast", "multiple goblin") for n in names)


def test_what_a_future_section_plans_is_not_in_the_game():
    md = ("# Tunnel\n\nA maze game: reach the exit.\n\n## Potential Next Steps\n- [ ] Collectibles - gems or coins to collect\n"
          "- [ ] Enemies - wandering bats\n")
    spec = parse_gdd(md)
    assert not any(w in n for n in _cast(spec) for w in ("coin", "bat"))


def test_a_shape_the_player_moves_is_the_player():
    md = "# Box Out\n\nA maze game.\n\n## Done\n- [x] Player rendering - Red square player drawn on the canvas\n- [x] Reach the exit\n"
    assert "square" in parse_gdd(md).player.name.lower()


def test_collective_is_not_collect():
    md = "# Realms\n\nA strategy game. Cards stand for the collective wisdom, crafts and riches of your people.\n"
    assert not any("wisdom" in n for n in _cast(parse_gdd(md)))


def test_nested_description_bullets_are_no_things():
    md = ("# Crypt Run\nA platformer. You are Mira, a grave keeper.\n\n## Enemies\n- Ghoul\n  - Fast\n  - Loud\n- Bat\n  - Slow\n"
          "\n## Items\n- Lantern\n  - Bright\n")
    spec = parse_gdd(md)
    assert [e.name for e in spec.enemies] == ["Ghoul", "Bat"]
    assert [e.name for e in spec.items] == ["Lantern"]


def test_nested_bullets_under_a_class_are_things():
    md = "# Bog\nA platformer. You are Pim, a frog.\n\n## Enemies\n- Flying foes\n  - Moth\n  - Gnat\n"
    assert {"moth", "gnat"} <= set(_cast(parse_gdd(md)))


def test_what_the_player_finds_or_collects_in_other_languages_is_an_item():
    ca = "# Biblio\nUn joc d'aventura. Ets la Nuri.\n\nExplora cada plaça i troba tots els llibres per rescatar la biblioteca!\n"
    assert any(n.startswith("llibre") for n in _cast(parse_gdd(ca)))
    it = "# Tubo\nUn platform. Il giocatore comanda Zeta, uno scarafaggio.\n\nDovrai saltare e raccogliere potenziamenti.\n"
    assert "potenziamenti" in _cast(parse_gdd(it))
    en = "# Acorns\nA platformer. You are Kip, a squirrel.\n\nFind the lost acorns before night falls.\n"
    assert "acorn" in _cast(parse_gdd(en))


def test_a_collectable_thing_is_an_item():
    md = "# Track\nA racing game. You drive Zip, a kart.\n\nNow and then a collectable crate appears on the track.\n"
    assert "crate" in [e.name.lower() for e in parse_gdd(md).items]


def test_what_the_player_dodges_or_defeats_in_other_languages_is_a_foe():
    it = "# Tubo\nUn platform. Il giocatore comanda Zeta, uno scarafaggio.\n\nDovrai schivare ragni/vespe e salire.\n"
    assert {"ragni", "vespe"} <= set(_cast(parse_gdd(it)))
    es = "# Cripta\nUn juego de plataformas. Eres Lía, una bruja.\n\nDerrota a los trasgos y esquiva las rocas.\n"
    assert {"trasgos", "rocas"} <= set(_cast(parse_gdd(es)))
    en = "# Moor\nA platformer. You are Ada, a knight.\n\nDefeat the wraiths to free the moor. Beat the level fast.\n"
    cast = _cast(parse_gdd(en))
    assert "wraith" in cast and "level" not in cast


def test_an_infinitive_or_an_adverb_after_avoid_is_no_thing():
    es = "# Barco\nUn juego de aventuras. Eres Lía, una capitana.\n\nEvita perder tripulantes y esquiva casi todas las rocas.\n"
    cast = _cast(parse_gdd(es))
    assert not any(n.startswith(("perder", "casi")) for n in cast)


def test_enemies_the_gdd_never_names_keep_the_gdds_own_word():
    md = ("# Kurz\nEin Jump and Run. Du bist Max.\n\nDer Spieler stirbt, wenn er von einem Gegner getroffen wird. "
          "Jeder Gegner kostet ein Leben.\n")
    assert [e.name for e in parse_gdd(md).enemies] == ["Gegner"]
    none = "# Calm\nA platformer. You are Kip.\n\nThere are no enemies. Jump between clouds and collect the stars.\n"
    assert all(e.name.lower() not in ("enemies", "enemy") for e in parse_gdd(none).enemies)


def test_a_table_of_enemies_is_kept_whole():
    rows = "\n".join(f"| {n} | fast |" for n in ("Ghoul", "Bat", "Wraith", "Troll", "Imp", "Lich", "Rat", "Spider"))
    md = f"# Crypt\nA platformer. You are Mira.\n\n## Enemies\n| Name | Notes |\n|---|---|\n{rows}\n"
    assert len(parse_gdd(md).enemies) == 8


def test_bidi_controls_never_reach_the_title():
    from maestro.gdd import parse_gdd

    spec = parse_gdd("# \u2067Evil\u2069 \u202eTitle\u202c\n\nA platformer where you jump.")
    assert spec.title == "Evil Title" and not any(0x2066 <= ord(c) <= 0x2069 or 0x202A <= ord(c) <= 0x202E
                                                  for c in spec.title + spec.slug)


def test_standard_input_is_read_up_to_the_limit_only(tmp_path):
    import subprocess
    import sys

    big = b"# Big\n" + b"word " * 200_000  # ~1 MB: refused after reading 256 KiB + 1
    run = subprocess.run([sys.executable, "-m", "maestro.cli", "spec", "-"], input=big, capture_output=True,
                         timeout=60, cwd=tmp_path)
    assert run.returncode == 2 and b"larger than the limit of 256 KiB" in run.stderr
