"""The reader's things and places from the shapes GDDs write them in: colon-headed plain lines, captions over
bullet lists, kit sections, trap shops, lists of islands, level lists one level in. Snippets in our own words."""

from maestro.gdd import parse_gdd
from maestro.gdd.markdown import parse_markdown
from maestro.gdd.places import named_places


def named(entities) -> list[str]:
    return [e.name for e in entities if not e.stock]


def req_summaries(spec, kind: str) -> list[str]:
    return [r.summary for r in spec.requirements if r.kind == kind]


COLON_HEADED = """# Cellar Run

A top-down dungeon game: explore the cellar and survive.

## notes

monsters:

ghoul: shuffles towards the hero when it hears a noise
wisp: drifts between the lamps at random

weapon:
a crossbow that can be charged

monsters:
golem: stands still until a hero gets close
"""


def test_plain_lines_under_a_colon_only_role_line_are_its_entries():
    spec = parse_gdd(COLON_HEADED, genre="adventure")
    foes = named(spec.enemies)
    assert {"Ghoul", "Wisp", "Golem"} <= set(foes)
    assert "Monsters" not in foes  # the class word over them, not one more of them
    assert not any("crossbow" in n.lower() for n in foes)  # the weapon line closed the run
    assert "enemy: Wisp" in req_summaries(spec, "enemy")


def test_a_class_word_stays_the_enemy_when_nothing_else_is_named():
    spec = parse_gdd("# Siege\n\nA platformer. Enemies walk along the walls. Jump over the enemies to reach the flag.\n",
                     genre="platformer")
    assert named(spec.enemies) == ["Enemies"]


def test_an_irregular_plural_keeps_the_gdds_own_spelling():
    text = """# Dune Hop

A platformer in the desert.

## Levels
### Level 1: Dry Wash
- **Objectives**: Avoid cacti, reach the flag
- **Enemies**: 3 Scorpions, 2 Cacti
"""
    spec = parse_gdd(text, genre="platformer")
    assert "Cacti" in named(spec.hazards)  # "Cactus" is a word this GDD never writes
    assert "obstacle: Cacti" in req_summaries(spec, "obstacle")


ISLANDS = """# Salt Crown

A turn-based pirate RPG.

## Places

Every island has its own look.

- **Isla Tortuga**

A green island of turtles and palm trees.

- **Isla Niebla**

A grey island hidden in fog.

- **Isla de los Cuervos**

Black cliffs where crows nest.
"""


def test_a_list_of_names_sharing_a_place_noun_is_the_games_levels():
    assert named_places(parse_markdown(ISLANDS)) == ["Isla Tortuga", "Isla Niebla", "Isla de los Cuervos"]
    spec = parse_gdd(ISLANDS, genre="rpg")
    assert [lv.name for lv in spec.levels][:3] == ["Isla Tortuga", "Isla Niebla", "Isla de los Cuervos"]
    assert "level: Isla Niebla" in req_summaries(spec, "level")
    cast = [e.name for e in [*spec.enemies, *spec.items, *spec.hazards]]
    assert not any(name.startswith("Isla") for name in cast)  # a place to play, not a thing in it


def test_names_that_share_no_place_noun_are_no_levels():
    text = "## Crew\n\n- **Anne Bonny**\n- **Mary Read**\n"
    assert named_places(parse_markdown(text)) == []


def test_a_catalan_levels_section_lists_its_levels_one_level_in():
    text = """# Llibres Perduts

Un joc d'aventura: troba els llibres.

## 4. Nivells
- Cada nivell és una plaça.
- Els nivells previstos són:
  1. Plaça del Rellotge (Vic)
  2. Plaça Major de la Vila (Olot)
  3. Plaça Nova (Girona)
"""
    spec = parse_gdd(text, genre="adventure")
    assert [lv.name for lv in spec.levels] == ["Plaça del Rellotge", "Plaça Major de la Vila", "Plaça Nova"]


CARDS = """# Ember Deck

A deck-building card game against one foe at a time.

Example Cards - Basic
- Jab (1 energy, deal 2 damage)
- Guard (1 energy, block 3 damage)

Example Cards - Fire
- Cinder Rain (2 energy, deal 1 damage to all enemies)
- Scorch (3 energy, deal 8 damage)

Card Layout
- Cost Gem
- Card Name
"""


def test_a_caption_naming_a_kit_heads_the_list_below_it():
    spec = parse_gdd(CARDS, genre="card")
    items = named(spec.items)
    assert items[:4] == ["Jab", "Guard", "Cinder Rain", "Scorch"]
    # what a card does in brackets ("... all enemies") says nothing of what it is
    assert "Cinder Rain" not in named(spec.enemies)
    assert "Cost Gem" not in items  # "Card Layout" names no class of kit: its lines are the card's parts
    assert "Card" not in items and "Card Name" not in items


def test_the_subsections_of_a_cards_section_are_its_kinds_of_card():
    text = """# Arena Hands

A card game of duels.

## Cards

The cards are what you fight with. Besides damage, a card may heal.

### Blades
- Fast, short reach

### Bucklers
- Absorb a blocked hit
"""
    spec = parse_gdd(text, genre="card")
    items = named(spec.items)
    assert "Blade" in items and "Buckler" in items
    assert "Beside" not in items and "Besides" not in items  # prose under Cards tells how cards work


def test_traps_the_player_buys_and_places_are_items_not_hazards():
    text = """# Bridge Watch

A tower defense game: hold the bridge against waves of raiders.

## Trap Types
Traps are things the player can buy and place on the road to hurt raiders.

### Nails
Nails hurt raiders that walk over them.

### Tar Trap
Raiders in tar traps are slowed down.
"""
    spec = parse_gdd(text, genre="tower_defense")
    assert {"Nail", "Tar Trap"} <= set(named(spec.items))
    hazards = [h.lower() for h in named(spec.hazards)]
    assert not any("trap" in h or "nail" in h for h in hazards)  # "traps" said in passing is that kit, not a hazard besides


def test_a_trap_section_that_is_no_shop_still_lists_hazards():
    text = """# Pit Run

A platformer: run to the flag.

## Hazards
- Spike pit: kills on touch
- Saw blade: spins on a rail
"""
    spec = parse_gdd(text, genre="platformer")
    assert named(spec.items) == []
    assert {"Spike pit", "Saw blade"} <= set(named(spec.hazards))


# ---- second pass: obstacle sentences, tile blocks, kin the player picks up, code-defined cards, ordinal
# rooms, named scopes, the sports family's sections, a management game's stations ---------------------

def test_traps_in_the_form_of_things_are_obstacles_in_polish_and_english():
    text = """# Statek

Gra platformowa. Gracz steruje robotem na statku.

## Magazyn
Na poziomie ustawiono pułapki w postaci kolców i płomieni, które blokują drogę gracza.
"""
    spec = parse_gdd(text, genre="platformer")
    assert {"Kolców", "Płomieni"} <= set(named(spec.hazards))
    spec = parse_gdd("# Crag\n\nA platformer. The climb has hazards such as icicles and rockfalls, which knock you down.\n",
                     genre="platformer")
    assert {"Icicle", "Rockfall"} <= {n.rstrip("s") for n in named(spec.hazards)}


def test_a_block_of_a_stuff_that_kills_is_an_obstacle_and_a_block_that_is_hit_is_not():
    text = """# Elementos

Um jogo de quebra-cabeça em grade. O jogador coleta itens para mudar de elemento.

## Elementos
### Lama
A mecânica deste elemento é o bloco de lama, que elimina personagens que tentam atravessá-lo.
Quando um bloco de areia entra em contato com um bloco de lama, ambos são destruidos.
"""
    spec = parse_gdd(text, genre="puzzle")
    hazards = [n.lower() for n in named(spec.hazards)]
    assert "bloco de lama" in hazards
    assert "bloco de areia" not in hazards  # destroyed, not destroying


def test_short_subheadings_under_a_blocks_section_are_obstacles_but_sorting_headings_are_not():
    text = """# Grid Keep

A puzzle game on a grid: reach the flag.

## Blocks
### Pillar
Never moves; nothing can enter its tile.
### Gate
Acts like a pillar until the lever is pulled.

## Obstacles
### Single obstacles
Boulders roll down the slope.
### Possible pairings
Two boulders at once.
"""
    spec = parse_gdd(text, genre="puzzle")
    hazards = named(spec.hazards)
    assert {"Pillar", "Gate"} <= set(hazards)
    assert not any("pairing" in h.lower() for h in hazards)


def test_the_players_own_kind_picked_up_is_an_item_and_no_foe():
    text = """# Goo Line

A puzzle dungeon crawler. The user starts with one goo that they can use to move around the level.
Other goos are scattered around the map and the user can pick them up by colliding with them.
Ogres take more damage from green goos. There are two groups of enemies, ogres and imps.
"""
    spec = parse_gdd(text, genre="adventure")
    assert spec.player.name == "Goo"
    assert "Goo" in named(spec.items)
    assert not any("goo" in n.lower() for n in named(spec.enemies))
    assert {"Ogre", "Imp"} <= set(named(spec.enemies))


def test_cards_defined_in_a_code_block_under_a_card_heading_are_items():
    text = """# Star Deck

A deck building strategy game. Play cards to capture bases.

## Action Card Types
```javascript
{
    "Surveyor": {
        cost: 5,
        action: "scout"
    },
    "Ore Drill": {
        cost: 3,
        action: "gather"
    }
};
```
"""
    spec = parse_gdd(text, genre="puzzle")
    assert {"Surveyor", "Ore Drill"} <= set(named(spec.items))
    assert not any(n.lower() in ("cost", "action") for n in named(spec.items))


def test_rooms_told_by_their_order_are_the_levels():
    text = """# Dark Cellar

An escape room game in the dark. The first room is about the size of a wardrobe, with a dripping pipe.
The second room is larger and full of shelves, with a locked door at the top of the stairs.
"""
    spec = parse_gdd(text, genre="adventure")
    assert [lv.name for lv in spec.levels] == ["First room", "Second room"]


def test_scopes_a_wrapped_sentence_names_are_the_levels():
    text = """# Dragnet

A cooperative board game of investigation.

It is intended that one play session will cover three scopes: Wide,
   Middle, and Near.  Setup happens three times.
"""
    spec = parse_gdd(text, genre="puzzle")
    assert [lv.name for lv in spec.levels] == ["Wide", "Middle", "Near"]


SPORT = """# Reed Lake Open

Reed Lake Open is a fishing sports game. You are Ilse, an angler at the spring tournament.

## Mechanics
- Once a fish bites, reel it in: press when the marker is inside the tension window.
- A gust of wind pushes the arrow left, so aim against it.
- Time the jab: the punch lands when the ring glows.

## Fish
- Roach: small and quick
- Grey Zander: the lake's legend, makes long runs

## Targets
- Straw Target: the practice target at 20 paces
"""


def test_a_sports_gdds_fish_and_targets_sections_are_what_it_plays_against():
    spec = parse_gdd(SPORT)
    assert spec.genre == "sports"
    assert {"Roach", "Grey Zander", "Straw Target"} <= set(named(spec.enemies))
    # what the wind pushes and a punch that lands are no things to pick up
    assert not any(w in n.lower() for n in named(spec.items) for w in ("arrow", "punch"))


def test_a_common_sentence_opening_under_a_role_section_is_no_thing():
    text = """# Tubo

Un gioco platform. Il giocatore comanda uno scarafaggio che risale un tubo.

## Nemici e pericoli
Quindi la telecamera insegue il personaggio se supera il limite superiore.

- Trappole appiccicose?
"""
    spec = parse_gdd(text, genre="platformer")
    assert spec.language == "it"
    assert "Quindi" not in named(spec.enemies)
    assert "Trappole appiccicose" in named(spec.hazards)
