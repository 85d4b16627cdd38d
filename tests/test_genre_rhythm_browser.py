"""The rhythm genre in a real Chromium: a bundle built like the pipeline builds it, level 1 played
with real arrow keys on the solver's schedule, a lane hit with a real mouse click, the canvas drawn."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.browser import GamePage, click, fresh, launch, world
from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.agents.query.static import load_data_js
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.genres.rhythm import rules

pytestmark = pytest.mark.browser

GDD = Path(__file__).resolve().parent / "fixtures" / "gdds" / "rhythm_moth_lantern.md"
ARROWS = {"left": "ArrowLeft", "down": "ArrowDown", "up": "ArrowUp", "right": "ArrowRight"}


@pytest.fixture(scope="module")
def browser(bundle):  # after the bundle: its data.js is read in V8, which refuses to run inside Playwright's loop
    with launch() as b:
        yield b


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> tuple[Path, dict[str, Any]]:
    spec = parse_gdd(read_gdd_file(GDD), source_name=GDD.stem)
    files = build_bundle(orchestrator.plan(spec, 3, orchestrator.project_id(spec, 3)))
    root = tmp_path_factory.mktemp("rhythm")
    for name, blob in files.items():
        if name.startswith("game/"):
            (root / name[5:]).parent.mkdir(parents=True, exist_ok=True)
            (root / name[5:]).write_bytes(blob)
    data, why = load_data_js(files["game/data.js"].decode("utf-8"))
    assert data is not None, why
    return root, data


@pytest.fixture()
def game(browser, bundle):
    g = GamePage(browser, bundle[0])
    yield g
    g.close()


def _step_to(g: GamePage, f: int) -> None:
    """Step until the world's clock reads ``f`` (bounded: a song that ended stops its clock)."""
    g.page.evaluate(f"(() => {{ const m = window.maestro; for (let i = 0; i < 20000 && m.world().f < {int(f)}; i++) "
                    "m.step(1); })()")


def test_level_one_is_won_with_real_keys_on_the_beat(game, bundle):
    _, data = bundle
    level, cfg = data["levels"][0], data["config"]
    proof = rules.solve(level, cfg)
    assert proof is not None
    fresh(game)
    for t, lane in proof["presses"]:
        _step_to(game, t - 1)
        key = ARROWS[rules.key_for(level, lane)]
        game.page.keyboard.down(key)
        game.page.evaluate("window.maestro.step(1)")
        game.page.keyboard.up(key)
    counts = world(game, "w.counts")
    assert counts == [len(proof["presses"]), 0, 0]
    _step_to(game, proof["frames"])
    st = game.state()
    assert st["cleared"] >= 1 or st["status"] == "won"
    assert st["score"] == proof["score"]
    assert game.errors == []


def test_a_click_on_a_lane_hits_its_note(game, bundle):
    fresh(game)
    notes = world(game, "Maestro.genres.rhythm.qa.view(window.maestro.game, w).notes")
    t, lane, _ = notes[0]
    x = world(game, f"Maestro.genres.rhythm.qa.laneCenter(window.maestro.game, w, {lane})")
    _step_to(game, t - 1)
    click(game, x, 200)
    assert world(game, "w.counts") == [1, 0, 0]
    assert game.errors == []


def test_the_lanes_notes_and_meter_are_drawn(game, bundle):
    fresh(game)
    _step_to(game, json.loads(json.dumps(world(game, "w.songStart"))) + 10)
    assert game.canvas_colors() > 12
    assert game.errors == []


def test_the_chart_follows_music_that_starts_late(game, bundle):
    """A browser decodes the music after the first key: when it starts 3 frames into the level,
    before any note shows, the chart moves 3 frames later with it."""
    level = bundle[1]["levels"][0]
    fresh(game)  # the level's world clock at 2
    game.page.evaluate("window.maestro.audio = () => ({music: true}); window.maestro.step(1)")
    assert world(game, "w.p") == -3
    want = [[t + 3, lane] for t, lane in rules.chart(level, 0)["notes"]]
    assert world(game, "w.notes.map(n => [n.t, n.lane])") == want
    assert game.errors == []


def test_after_a_pause_the_rest_of_the_song_follows_the_restarted_music(game, bundle):
    """The runtime starts its music over on resume: the notes still to come are charted again from
    the music's next bar line, and the song keeps its length in eighths."""
    level = bundle[1]["levels"][0]
    fresh(game)
    first = rules.chart(level, 0)["notes"][0][0]
    _step_to(game, first + 5)
    before = world(game, "[w.f, w.chart.s + w.chart.count, w.notes.filter(n => n.j < 0).length]")
    game.page.evaluate("window.maestro.press('pause', true); window.maestro.step(1); window.maestro.press('pause', false);"
                       "window.maestro.step(5); window.maestro.press('pause', true); window.maestro.step(1);"
                       "window.maestro.press('pause', false); window.maestro.step(1)")
    after = world(game, "[w.f, w.p, w.chart.count, w.notes.length ? w.notes[0].t : null, w.end]")
    f, p, count, first_new, end = after
    assert f == before[0] + 1 and p == -(f - 1)  # the music's frame 1 is this level frame
    assert first_new is None or first_new >= f + level["travel"] - 1
    assert count > 0 and end > f
    assert game.errors == []
