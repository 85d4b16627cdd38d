"""The title screen of every family tells the player what the game really is: who they are, what
the others on screen are to them (foes to avoid in an action game; characters to win over in a
visual novel, a pet to feed, cards to play, an opponent to beat...) and the family's own controls,
every line inside the title box. The words are read from the real game code, drawn headless at the
title into a canvas that records what it is asked to write."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.gdd import parse_gdd
from maestro.genres.headless import HeadlessGame

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "gdds"
ACTION_WORDS = {"avoid", "collect"}
BOX_CHARS = 72  # the title box is 432 px wide; the 10 px font is 6 px a character

# A canvas that records every line of text written on it (x, y, the font), and draws nothing.
RECORDER = """
var __texts = [];
__game.game.ctx = new Proxy({}, {
  get: function (t, k) {
    if (k === 'fillText') return function (s, x, y) { __texts.push([String(s), x, y, t.font, t.fillStyle]); };
    if (k === 'measureText') return function (s) { return { width: String(s).length * 6 }; };
    if (k in t) return t[k];
    return function () {};
  },
  set: function (t, k, v) { t[k] = v; return true; }
});
"""


def title_texts(gdd: Path) -> tuple[dict[str, Any], list[list[Any]]]:
    """The spec and the lines the title screen writes (the shadow pass left out)."""
    spec = parse_gdd(gdd.read_text(encoding="utf-8"))
    files = build_bundle(orchestrator.plan(spec, 5, orchestrator.project_id(spec, 5)))
    with HeadlessGame(files["game/game.js"].decode("utf-8"), files["game/data.js"].decode("utf-8"),
                      autostart=False) as g:
        g.run(RECORDER)
        assert g.js("__game.step(0).status") == "title"
        texts = g.js("__texts")
    return {"genre": spec.genre, "mode": spec.mode}, [t for t in texts if t[4] != "rgba(0,0,0,0.7)"]


def cast_words(texts: list[list[Any]]) -> list[str]:
    """The words under the cast's sprites (the second line under each, at y 139)."""
    return [t[0] for t in texts if t[2] == 139]


# (fixture, genre, mode, the words under the cast, a word of the controls)
FAMILIES = [
    ("visual_novel_lantern_letters.md", "visual_novel", "story", ["you", "win over", "win over", "find", "find"], "choose"),
    ("simulation_pet_moss_sprite.md", "simulation", "pet", ["your pet", "feed it"], "care action"),
    ("simulation_farm_hillside.md", "simulation", "farm", ["you", "grow"], "harvests"),
    ("simulation_shop_lantern_bakery.md", "simulation", "shop", ["you", "sell", "sell"], "customers"),
    ("card_ember_vault.md", "card", "deckbuilder", ["you", "defeat", "defeat", "play", "play"], "plays it"),
    ("board_harbor_four.md", "board", "connect_four", ["you", "opponent"], "drops a piece"),
    ("tactics_ironvale.md", "tactics", "rout", ["you", "defeat", "defeat"], "moves and attacks"),
    ("tactics_lastwatch.md", "tactics", "hold", ["you", "hold off", "hold off"], "moves and attacks"),
    ("rhythm_tide_drums.md", "rhythm", "lanes", ["you", "hit"], "note hits the line"),
    ("tile_puzzle_crystal_hollow.md", "tile_puzzle", "match3", ["you", "match", "match"], "swaps"),
    ("tile_puzzle_mahjong_tea_garden.md", "tile_puzzle", "mahjong", ["you", "pair", "pair"], "two of a face"),
    ("grid_logic_lantern_night.md", "grid_logic", "lights_out", ["you"], "presses a light"),
]


@pytest.mark.parametrize("fixture,genre,mode,words,control", FAMILIES, ids=[f[0][:-3] for f in FAMILIES])
def test_each_familys_title_screen_says_its_own_roles_and_controls(fixture: str, genre: str, mode: str,
                                                                   words: list[str], control: str) -> None:
    spec, texts = title_texts(FIXTURES / fixture)
    assert (spec["genre"], spec["mode"]) == (genre, mode)
    got = cast_words(texts)
    assert got[:len(words)] == words and len(got) == len(words), got
    assert not ACTION_WORDS & set(got), f"a {genre} title screen speaks of {ACTION_WORDS & set(got)}"
    lines = [t[0] for t in texts]
    assert any(control in line for line in lines), lines
    for t in texts:
        if t[3] == "10px monospace":
            assert len(t[0]) <= BOX_CHARS, f"{t[0]!r} runs out of the title box"


def test_an_action_games_title_screen_keeps_avoid_and_collect_and_its_layout() -> None:
    spec, texts = title_texts(ROOT / "examples" / "moss_and_meteors.md")
    assert spec["genre"] == "platformer"
    got = cast_words(texts)
    assert got[0] == "you" and "avoid" in got and "collect" in got, got
    help_lines = [t for t in texts if t[3] == "10px monospace"]
    assert len(help_lines) == 1 and help_lines[0][2] == 166  # a short help stays one line where it was
    assert any(t[0].startswith("P pause") and t[2] == 182 for t in texts)


def test_a_long_help_wraps_into_two_lines_inside_the_box() -> None:
    _, texts = title_texts(FIXTURES / "tactics_ironvale.md")
    help_lines = [t for t in texts if t[3] == "10px monospace"]
    assert len(help_lines) == 2 and help_lines[0][2] < help_lines[1][2] < 182
    joined = " ".join(t[0] for t in help_lines)
    assert joined == "Arrows move the cursor, Space selects, moves and attacks, Z ends the turn (or click tiles)"
    pause = next(t for t in texts if t[0].startswith("P pause"))
    assert pause[2] > help_lines[1][2] + 10  # the next line moved down, not over the help
