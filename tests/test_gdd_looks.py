"""The reader decides how things look and where levels take place (maestro.gdd.looks); the spec
carries it (Entity.look, LevelSpec.scene); the planner hands it to Canvas, which draws it as told."""

from __future__ import annotations

import pytest

from maestro.agents import canvas, orchestrator
from maestro.gdd import looks, parse_gdd
from maestro.spec import Entity, GameSpec, LevelSpec
from maestro.spec.game import Look, Scene

SHOOTER = """# Robo Raid
Genre: shooter. A fixed shooter: waves of enemies come down and you shoot them.

## Player
Vanguard

## Enemies
- Robo Drone: zips across the screen
- Normal: a plain grunt

## Levels
1. Low Orbit
2. Cloud City
"""

PLATAFORMAS = """# Caverna
Género: plataformas. Salta entre plataformas y recoge monedas.

Jugador: Nave Roja

## Enemigos
- Murciélago: vuela en círculos
- Esqueleto: camina

## Objetos
- Monedas: 10 puntos

## Niveles
1. Frozen Peaks
2. Bosque
"""


def _by_name(spec: GameSpec) -> dict[str, Entity]:
    return {e.name: e for e in [spec.player, *spec.enemies, *spec.items, *spec.hazards, *([spec.goal] if spec.goal else [])]}


def test_the_reader_decides_bodies_headings_and_the_camera_of_a_fixed_shooter():
    spec = parse_gdd(SHOOTER)
    assert (spec.genre, spec.mode) == ("shooter", "fixed")
    enemies = {e.name: e.look for e in spec.enemies}
    assert enemies["Robo Drone"].body == "drone"
    assert enemies["Normal"].body == "ufo"  # a name that says nothing: a shooter's enemies are craft
    assert spec.player.look.body == "ship"  # ... and its player flies a ship
    assert spec.player.look.heading == "up" and all(look.heading == "down" for look in enemies.values())
    assert spec.player.look.view == "top" and spec.player.look.palette_role == "player"
    assert [level.scene.kind for level in spec.levels] == ["space", "city"]  # a fixed shooter plays in space ...
    assert all(level.scene.view == "side" for level in spec.levels)  # ... unless the level names a place


def test_the_reader_reads_spanish_names_and_level_names():
    spec = parse_gdd(PLATAFORMAS)
    assert spec.genre == "platformer"
    found = _by_name(spec)
    assert found["Nave Roja"].look.body == "ship"
    assert found["Murciélago"].look.body == "bat" and found["Esqueleto"].look.body == "skeleton"
    assert found["Monedas"].look.shape == "coin"
    assert spec.player.look.heading == "right" and spec.player.look.view == "side"
    assert [level.scene.kind for level in spec.levels] == ["snow", "forest"]


def test_a_platformer_hero_with_an_unknown_name_is_the_generic_humanoid():
    spec = parse_gdd("# Hop\nGenre: platformer.\n\nPlayer: Pip\n\n## Enemies\n- Goomba\n")
    assert spec.player.look.body == "humanoid"
    assert {e.look.body for e in spec.enemies} == {"creature"}


def test_looks_follow_the_genre_and_mode():
    spec = parse_gdd(SHOOTER)
    scrolling = looks.with_looks(spec.model_copy(update={"mode": "scrolling"}))
    assert scrolling.player.look.view == "side" and scrolling.player.look.heading == "right"
    assert scrolling.player.look.body == "ship"
    assert [level.scene.kind for level in scrolling.levels] == ["space", "city"]  # "Low Orbit" names space itself
    maze = looks.with_looks(spec.model_copy(update={"genre": "adventure", "mode": "maze"}))
    assert maze.player.look.view == "top" and maze.levels[0].scene.view == "top"
    assert maze.player.look.body == "ship" and {e.look.body for e in maze.enemies} == {"drone", "creature"}


@pytest.mark.parametrize("name,plan", [("Spaceship", "ship"), ("Rival Kart", "car"), ("Coches", "car"), ("Ovnis", "ufo"),
                                       ("Avion", "plane"), ("Asteroid", "rock"), ("Águilas", "bird"), ("Pavana", "bird"),
                                       ("Bat", "bat"), ("Wasp", "insect"), ("Dragon", "dragon"), ("Ghost", "ghost"),
                                       ("Slime", "slime"), ("Skeleton", "skeleton"), ("Araña", "spider"), ("Spin", "spider"),
                                       ("Drone", "drone"), ("Robo Drone", "drone"), ("Robot", "robot"), ("Tower", "turret"),
                                       ("toren", "turret"), ("Tank", "tank"), ("Barco", "boat"), ("Submarine", "submarine"),
                                       ("nave", "ship"), ("Vleermuis", "bat"), ("Spook", "ghost"),
                                       ("Hero", ""), ("Goomba", ""), ("Card", ""), ("Battle mage", ""), ("Bottle imp", "")])
def test_names_pick_body_plans(name, plan):
    assert looks.body_for(name) == plan


def test_the_name_wins_over_the_description_and_variants_come_from_both():
    assert looks.body_for("Scout ship", "shaped like an eagle") == "ship"
    assert looks.body_for("Scout", "shaped like an eagle") == "bird"
    assert looks.variant_for("plane", "Jet") == "jet" and looks.variant_for("plane", "Biplane") == "default"
    assert looks.variant_for("car", "Rival", "a go-kart") == "kart"
    assert looks.variant_for("turret", "Torre") == "tower" and looks.variant_for("turret", "Cannon") == "default"
    assert looks.variant_for("ship", "Jet") == "default"  # a variant belongs to its body plan


@pytest.mark.parametrize("name,shape", [("Gold Coin", "coin"), ("diamond", "gem"), ("red apple", "fruit"),
                                        ("rusty key", "key"), ("health potion", "potion"), ("star", "star"),
                                        ("heart", "heart"), ("spike pit", "spikes"), ("cactus", "cactus"),
                                        ("exit door", "door"), ("amulet of Yendor", "amulet"), ("flag", "flag"),
                                        ("banana", "banana"), ("plátano", "banana"), ("pineapple", "pineapple"),
                                        ("piña", "pineapple"), ("manzana", "fruit"), ("appel", "fruit"), ("cherry", "cherry"),
                                        ("carta", "card"), ("kaart", "card"), ("Card", "card"), ("semilla", "seed"),
                                        ("zaad", "seed"), ("crystal", "crystal"), ("ember", "flame"), ("fuego", "flame"),
                                        ("vuur", "flame"), ("treasure chest", "chest"), ("Power-up", "powerup"),
                                        ("shield", "shield"), ("bolt", "bolt"), ("Peces Dorados", "fish"), ("vis", "fish"),
                                        ("Monedas", "coin"), ("llave", "key"), ("Healing Potion", "potion")])
def test_names_pick_item_shapes(name, shape):
    assert looks.shape_for("item", name) == shape


def test_unnamed_shapes_are_the_kinds_default():
    assert looks.shape_for("item", "Widget") == "orb_or_gem"
    assert looks.shape_for("hazard", "Widget") == "spikes"
    assert looks.shape_for("goal", "Widget") == "flag"


@pytest.mark.parametrize("words,scene", [("Low Orbit", "space"), ("Red Moon", "space"), ("Espacio exterior", "space"),
                                         ("ruimte", "space"), ("Mar", "sea"), ("zee", "sea"), ("Tierra", "hills"),
                                         ("bosque", "forest"), ("woestijn", "desert"), ("grot", "cave"), ("castillo", "cave"),
                                         ("noche", "night"), ("Moonlit Street", "city"), ("sneeuw", "snow"),
                                         ("vulkaan", "lava"), ("carretera", "city"), ("Nebula Sector", "space"),
                                         ("Frozen Peaks", "snow"), ("The Big Glacier", "snow"), ("Cumbres heladas", "snow"),
                                         ("Grassland", "hills"), ("Nowhere", "hills")])
def test_scene_words_are_multilingual(words, scene):
    assert looks.scene_kind_for(words) == scene


def test_a_levels_scene_reads_its_theme_and_name_and_its_ground_top_the_theme():
    level = LevelSpec(name="Ice Palace", theme="winter")
    assert looks.scene_for(level, "platformer", "levels") == Scene(kind="snow", ground_top="snow", view="side")
    assert looks.scene_for(LevelSpec(name="Dune Sea", theme="desert"), "puzzle", "exit").ground_top == "sand"
    assert looks.scene_for(LevelSpec(name="Level 1"), "adventure", "maze") == Scene(kind="hills", ground_top="grass", view="top")
    # a fixed shooter is in space unless the words name sky, sea or land; a scrolling one reads them as any genre
    assert looks.scene_for(LevelSpec(name="Sector 7"), "shooter", "fixed").kind == "space"
    assert looks.scene_for(LevelSpec(name="Haunted Road"), "shooter", "fixed").kind == "city"
    assert looks.scene_for(LevelSpec(name="Level 1"), "shooter", "scrolling").kind == "hills"


def test_specs_without_looks_still_validate_with_the_kinds_defaults():
    spec = parse_gdd(SHOOTER)
    raw = spec.model_dump(mode="json")
    for ent in [raw["player"], *raw["enemies"], *raw["items"], *raw["hazards"], *([raw["goal"]] if raw["goal"] else [])]:
        del ent["look"]
    for level in raw["levels"]:
        del level["scene"]
    old = GameSpec.model_validate(raw)
    assert old.player.look == Look.default_for("player") and old.player.look.body == "humanoid"
    assert all(e.look.body == "creature" and e.look.palette_role == "enemy" for e in old.enemies)
    assert all(level.scene == Scene() for level in old.levels)
    assert Entity(name="Spikes", kind="hazard", slug="spikes").look.shape == "spikes"
    assert Entity(name="X", kind="goal", slug="x", look=Look(shape="door")).look.palette_role == "goal"


def test_the_plan_hands_canvas_the_decided_look_and_no_words():
    spec = parse_gdd(SHOOTER)
    plan = orchestrator.plan(spec, 1, "p")
    sprites = {j.name: j for j in plan.jobs if j.kind == "sprite"}
    for ent in [spec.player, *spec.enemies, *spec.items]:
        params = sprites[ent.slug].params
        assert not {"name", "slug", "description", "theme", "body_hint"} & set(params)
        if ent.kind in ("player", "enemy"):
            assert (params["body"], params["variant"], params["heading"]) == (ent.look.body, ent.look.variant, ent.look.heading)
        else:
            assert params["shape"] == ent.look.shape
        assert params["view"] == ent.look.view and params["palette_role"] == ent.look.palette_role
    backgrounds = [j for j in plan.jobs if j.kind == "background"]
    assert [j.params["scene"] for j in backgrounds] == [level.scene.kind for level in spec.levels]
    assert all("theme" not in j.params for j in plan.jobs if j.kind in ("background", "tile"))
    snowy = parse_gdd("# Peaks\nGenre: platformer.\n\n## Level 1: Frozen Peaks\n- Theme: snow\n\n"
                      "## Level 2: Lava Lake\n- Theme: volcano\n")
    assert [level.scene.ground_top for level in snowy.levels] == ["snow", "ash"]
    tiles = [j for j in orchestrator.plan(snowy, 1, "p").jobs if j.kind == "tile"]
    assert tiles and all(j.params["ground_top"] == "snow" for j in tiles)


def test_renaming_an_entity_without_changing_its_look_changes_nothing_canvas_is_given():
    spec = parse_gdd(SHOOTER)
    drone = spec.enemies[0]
    renamed = spec.model_copy(update={"enemies": [drone.model_copy(update={"name": "Tin Drone", "description": "new words"}),
                                                  *spec.enemies[1:]]})
    a = next(j for j in orchestrator.plan(spec, 1, "p").jobs if j.name == drone.slug)
    b = next(j for j in orchestrator.plan(renamed, 1, "p").jobs if j.name == drone.slug)
    assert a.params == b.params and canvas.generate(a).data == canvas.generate(b).data


def test_a_look_another_reader_decides_is_what_canvas_draws():
    """An LLM reader may decide looks its own way: the planner and Canvas follow the spec, not the words."""
    spec = parse_gdd(SHOOTER)
    drone = spec.enemies[0]
    dragon = drone.model_copy(update={"look": drone.look.model_copy(update={"body": "dragon"})})
    spec2 = spec.model_copy(update={"enemies": [dragon, *spec.enemies[1:]]})
    job_drone = next(j for j in orchestrator.plan(spec, 1, "p").jobs if j.name == drone.slug)
    job_dragon = next(j for j in orchestrator.plan(spec2, 1, "p").jobs if j.name == drone.slug)
    assert job_dragon.params["body"] == "dragon" and job_dragon.seed == job_drone.seed
    drawn = canvas.generate(job_dragon).data
    assert drawn != canvas.generate(job_drone).data
    assert drawn == canvas.generate(job_drone.model_copy(update={"params": {**job_drone.params, "body": "dragon"}})).data


MOLE_RUN = """# Mole Dash
Genre: platformer. Pip the mole runs and jumps through the old mine to get out. Three levels.

## Enemies
- Bat: flies at Pip
"""

SCENARIO = """# Paper Garden
Genre: platformer. Jump between paper flowers and collect seeds. Three levels.

## Setting
Each escenario is a folded paper garden; the scenario changes with the seasons, drawn in watercolor.
"""


def test_levels_a_gdd_only_counts_are_named_and_drawn_where_it_says_the_game_takes_place():
    spec = parse_gdd(MOLE_RUN)
    assert len(spec.levels) == 3
    assert {lv.scene.kind for lv in spec.levels} == {"cave"}, [(lv.name, lv.scene.kind) for lv in spec.levels]
    assert "Low Orbit" not in [lv.name for lv in spec.levels]


def test_words_that_only_contain_a_place_do_not_set_the_game_there():
    # "escenario", "scenario" hold "rio"; "watercolor" holds "water": none of them is a river or the sea.
    assert looks.setting_scene("Each escenario and scenario, in watercolor", default="") == ""
    assert {lv.scene.kind for lv in parse_gdd(SCENARIO).levels} != {"sea"}
    # A setting is where its words point most, not where one stray word does.
    assert looks.setting_scene("A haunted forest of old trees; a well of water in the woods.") == "forest"
