"""The offline parser on GDDs it was not written against.

tests/fixtures/gdds/held_out/ holds GDDs in styles the shared set lacks (a one-paragraph
pitch, a jam README, numbered sections, setext + HTML, Spanish and Dutch prose ...). They
were written before the parser was tuned on them; their ground truth is below. The
examples/ GDDs are checked at the end.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from maestro.gdd import parse_gdd, read_gdd_file
from maestro.spec import GameSpec

ROOT = Path(__file__).resolve().parents[1]
HELD_OUT = ROOT / "tests" / "fixtures" / "gdds" / "held_out"
EXAMPLES = ROOT / "examples"


def _parse(path: Path) -> GameSpec:
    return parse_gdd(read_gdd_file(path), source_name=path.name)


def _has(entities, *words: str) -> bool:
    """Every word names (a substring of) some entity's name."""
    names = [e.name.lower() for e in entities]
    return all(any(w in n for n in names) for w in words)


def _find(entities, word: str):
    return next(e for e in entities if word in e.name.lower())


# file -> ground truth. player: accepted names (lowercase); enemies/items/hazards: words that must
# each appear in some name; points: item or enemy word -> points; others are spec fields.
TRUTH: dict[str, dict] = {
    "pitch_hedgehog.md": dict(genre="platformer", modes={"levels"}, player={"bramble"}, enemies=("fox", "crow"),
                              items=("acorn",), points={"acorn": 5}, lives=3, levels=6, goal="burrow"),
    "neon_dash_mechanics_table.md": dict(genre="platformer", modes={"runner"}, player={"volt"}, items=("battery",),
                                         points={"battery": 10}, lives=1, mechanics=("auto_run", "jump"),
                                         threats=("vent",), goal=None),
    "numbered_roguelike.md": dict(genre="adventure", modes={"rooms", "maze"}, player={"oskar"}, title="Ashen Depths",
                                  enemies=("rat", "ghoul"), items=("gold nugget",), points={"gold nugget": 15}, levels=5,
                                  mechanics=("melee", "health"), behaviors={"ghoul": "chaser"}, goal="ladder"),
    "jam_readme_arena.md": dict(genre="shooter", modes={"fixed", "scrolling"}, player={"sparky"}, title="Hexfire Arena",
                                enemies=("slime",), items=("coolant",), points={"slime": 100}, lives=3,
                                mechanics=("waves", "shoot"), waves=10),
    "stealth_museum.md": dict(genre="adventure", modes={"rooms"}, player={"vera nox", "vera"}, enemies=("guard",),
                              items=("coin",), points={"coin": 50}, lives=3, levels=4, mechanics=("stealth",),
                              behaviors={"guard": "patrol"}, goal="skylight"),
    "bullet_hell_boss.md": dict(genre="shooter", modes={"scrolling"}, player={"kestrel"}, enemies=("scout", "turret"),
                                items=("medal",), points={"medal": 1000, "scout": 100}, lives=3, levels=4, goal=None),
    "sokoban_prose_barrels.md": dict(genre="puzzle", modes={"sokoban"}, player={"higgins"}, items=("barrel",), levels=8,
                                     no_enemies=True, mechanics=("push_blocks", "undo")),
    "metroidvania_hollow.md": dict(genre="platformer", modes={"levels"}, player={"sable"}, enemies=("grub", "wasp"),
                                   items=("amber",), points={"amber": 10}, levels=3, mechanics=("double_jump",),
                                   threats=("spike",)),
    "zelda_like_dungeons.md": dict(genre="adventure", modes={"rooms"}, player={"ailo"}, enemies=("octorok", "moblin"),
                                   items=("rupee", "key"), levels=3, lives=3, mechanics=("keys_doors", "melee"),
                                   behaviors={"moblin": "chaser"}),
    "match3_gems.md": dict(genre="tile_puzzle", modes={"match3"}, levels=10, no_enemies=True),
    "sports_penalty.md": dict(genre="sports", modes={"target"}, player={"rico"}, enemies=("keeper",)),
    "cohete_es.md": dict(genre="shooter", modes={"fixed"}, language="es", player={"cohete", "cohete rojo"},
                         enemies=("platillo",), items=("estrella",), points={"estrella": 100, "platillo": 20}, lives=3,
                         waves=5, goal=None),
    "kaasdief_nl.md": dict(genre="adventure", modes={"rooms"}, language="nl", player={"mo", "muis mo"},
                           enemies=("kat", "hond"), items=("kaas",), points={"kaas": 10}, lives=3, levels=6,
                           goal="muizenhol"),
    "setext_html_maze.md": dict(genre="adventure", modes={"maze"}, player={"nila"}, title="Frostmaze",
                                enemies=("polar bear",), items=("snowflake",), points={"snowflake": 5}, lives=5,
                                levels=7, goal="igloo"),
}


def test_every_held_out_fixture_has_ground_truth():
    assert {p.name for p in HELD_OUT.glob("*.md")} == set(TRUTH)
    assert len(TRUTH) >= 12


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_held_out_gdd(name):
    t = TRUTH[name]
    spec = _parse(HELD_OUT / name)
    where = f"{name}: {spec.genre}/{spec.mode} player={spec.player.name} enemies={[e.name for e in spec.enemies]} " \
            f"items={[(i.name, i.points) for i in spec.items]} hazards={[h.name for h in spec.hazards]} " \
            f"goal={spec.goal.name if spec.goal else None}"
    assert spec.genre == t["genre"], where
    assert spec.mode in t["modes"], where
    if "title" in t:
        assert spec.title == t["title"], where
    if "language" in t:
        assert spec.language == t["language"], where
    if "player" in t:
        assert spec.player.name.lower() in t["player"], where
    assert _has(spec.enemies, *t.get("enemies", ())), where
    assert _has(spec.items, *t.get("items", ())), where
    assert _has(spec.enemies + spec.hazards, *t.get("threats", ())), where
    for word, points in t.get("points", {}).items():
        thing = next((e for e in spec.items + spec.enemies if word in e.name.lower()), None)
        assert thing is not None and thing.points == points, (word, where)
    for word, behavior in t.get("behaviors", {}).items():
        assert _find(spec.enemies, word).behavior == behavior, where
    if "lives" in t:
        assert spec.lives == t["lives"], where
    if "levels" in t:
        assert len(spec.levels) == t["levels"], [lv.name for lv in spec.levels]
    for mid in t.get("mechanics", ()):
        assert spec.has(mid), (mid, [m.id for m in spec.mechanics])
    if "waves" in t:
        assert spec.mechanic("waves").params["count"] == t["waves"]
    if "goal" in t:
        if t["goal"] is None:
            assert spec.goal is None, where
        else:
            assert spec.goal is not None and t["goal"] in spec.goal.name.lower(), where
    if "note" in t:
        assert t["note"] in spec.genre_note.lower(), spec.genre_note
    if t.get("no_enemies"):
        assert spec.enemies == [], where
    # Nothing named by a title or a level becomes a thing.
    title_words = {w.lower() for w in spec.title.split()}
    for e in spec.enemies + spec.items + spec.hazards:
        assert e.name.lower() not in title_words or e.name.lower() in spec.summary.lower(), (e.name, where)


# --- the examples shipped with Maestro ---------------------------------------------------------


def test_orbit_guard_is_a_fixed_shooter():
    spec = _parse(EXAMPLES / "orbit_guard.md")
    assert (spec.genre, spec.mode) == ("shooter", "fixed")
    assert spec.player.name == "Interceptor"
    raider = _find(spec.enemies, "raider")
    assert raider.name == "Raider drone" and raider.behavior in ("flyer", "shooter")
    assert raider.points == 25
    assert _find(spec.items, "power cell").name == "Power cell"
    assert not any(e.name.lower() == "guard" for e in spec.enemies + spec.items + spec.hazards)
    assert spec.lives == 3


def test_lantern_keeper_names_its_keeper_ghouls_and_stairs():
    spec = _parse(EXAMPLES / "lantern_keeper.md")
    assert spec.genre == "adventure"
    assert spec.player.name in ("Keeper", "Lantern Keeper")
    assert _find(spec.enemies, "ghoul").behavior == "chaser"
    assert _find(spec.enemies, "warden").behavior == "patrol"
    assert not _has(spec.enemies, "skeleton")
    assert _find(spec.items, "ember").points == 20
    assert _has(spec.items, "key")
    assert spec.goal is not None and spec.goal.name == "Stairs"
    assert spec.lives == 4 and len(spec.levels) == 3


def test_moss_and_meteors_thorns_are_a_hazard():
    spec = _parse(EXAMPLES / "moss_and_meteors.md")
    assert spec.genre == "platformer" and spec.player.name == "Pip"
    assert [e.name for e in spec.enemies] == ["Beetle"]
    assert _has(spec.hazards, "thorn")
    assert not _has(spec.items, "star")  # "Star Canopy" is a level name
    assert _find(spec.items, "seed").points == 10
    assert spec.goal is not None and spec.goal.name == "Flag"
    assert [lv.name for lv in spec.levels] == ["Mossy Start", "Crater Rim", "Star Canopy"]


def test_crate_expectations_given_name_wins():
    spec = _parse(EXAMPLES / "crate_expectations.md")
    assert (spec.genre, spec.mode) == ("puzzle", "sokoban")
    assert spec.player.name == "Boxbot"
    assert _has(spec.items, "crate") and spec.enemies == []
    assert len(spec.levels) == 4


@pytest.mark.parametrize("path", sorted(HELD_OUT.glob("*.md")) + sorted(EXAMPLES.glob("*.md")), ids=lambda p: p.name)
def test_held_out_parse_is_deterministic(path):
    text = read_gdd_file(path)
    assert parse_gdd(text).model_dump_json() == parse_gdd(text).model_dump_json()


@pytest.mark.parametrize(
    "text",
    [
        "**" * 20000,
        "1.1 " * 5000 + "\n" + "\n".join(f"{i}.{i} Section" for i in range(1, 99)),
        "<li>" * 5000 + "<b>" * 3000 + "</b>" * 3000,
        "You are " + "A" * 3000 + ". Collect " + "and " * 3000 + ". Avoid " + "the " * 3000,
        "Ghouls chase " * 3000 + "\nReach the " * 2000,
        "- **" + "x " * 3000 + "** chase the player\n" * 50,
    ],
)
def test_new_rules_survive_hostile_input(text):

    spec = parse_gdd(text)  # speed: benchmarks/components.py
    assert spec.player.name and all(len(e.name) <= 40 for e in spec.enemies + spec.items + spec.hazards)
    assert parse_gdd(text).model_dump_json() == spec.model_dump_json()
