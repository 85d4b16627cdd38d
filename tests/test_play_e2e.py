"""Every genre's real build, opened from file:// in headless Chromium and played with real input."""

from __future__ import annotations

import pytest

from browser import GamePage

pytestmark = [pytest.mark.ray, pytest.mark.browser]

GENRES = ("platformer", "adventure", "puzzle", "shooter")
KEYS = ("ArrowRight", "ArrowLeft", "ArrowUp", "ArrowDown")


def _moves_with(g: GamePage, press) -> bool:
    before = g.state()["player"]
    for key in KEYS:
        press(key)
        after = g.state()["player"]
        if after != before:
            return True
    return False


@pytest.mark.parametrize("genre", GENRES)
def test_game_plays_from_disk(browser, example_builds, genre):
    g = GamePage(browser, example_builds[genre].bundle_uri)
    try:
        state = g.state()
        assert state["status"] == "playing" and state["level"] == 1
        assert state["levels"] == example_builds[genre].levels
        assert state["player"] is not None
        g.page.wait_for_timeout(300)
        assert g.canvas_colors() > 8, "the canvas draws a scene, not a blank"
        assert g.state()["frame"] > 0 or g.state()["time"] > 0, "frames advance"
        assert _moves_with(g, lambda key: g.hold(key, 350)), "arrow keys move the player"
        assert g.errors == []
        offline = [u for u in g.requests if not u.startswith(("file:", "data:"))]
        assert offline == [], "the bundle must not touch the network"
    finally:
        g.close()


@pytest.mark.parametrize("genre", GENRES)
def test_title_pause_and_touch(browser, example_builds, genre):
    g = GamePage(browser, example_builds[genre].bundle_uri, query="?touch=1&mute=1")
    try:
        assert g.state()["status"] == "title"
        assert g.page.locator("#touch").is_visible()
        g.page.locator("#touch [data-action=action]").dispatch_event("pointerdown")
        g.page.wait_for_timeout(100)
        g.page.locator("#touch [data-action=action]").dispatch_event("pointerup")
        g.page.wait_for_function("window.maestro.state().status === 'playing'", timeout=3000)

        def touch(key):
            action = {"ArrowRight": "right", "ArrowLeft": "left", "ArrowUp": "up", "ArrowDown": "down"}[key]
            btn = g.page.locator(f"#touch [data-action={action}]")
            btn.dispatch_event("pointerdown")
            g.page.wait_for_timeout(350)
            btn.dispatch_event("pointerup")

        assert _moves_with(g, touch), "the touch pad moves the player"
        g.page.keyboard.press("KeyP")
        g.page.wait_for_timeout(100)
        paused = g.state()
        assert paused["status"] == "paused"
        g.page.wait_for_timeout(300)
        assert g.state()["time"] == paused["time"], "time stands still while paused"
        g.page.keyboard.press("KeyP")
        g.page.wait_for_timeout(100)
        assert g.state()["status"] == "playing"
        assert g.errors == []
    finally:
        g.close()
