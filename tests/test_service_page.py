"""The service's web page in a real headless Chromium, against the real Ray Serve app: enter the
token, paste a GDD, build it, watch it publish, play the game in its iframe, download the zip,
and find the card in the gallery. Also: with auth on, a fresh page asks for the token first."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from tests.conftest import require_browser

pytestmark = [pytest.mark.browser, pytest.mark.ray]

GDD = """# Copper Lantern Run — Game Design Document

## Overview
- **Title**: Copper Lantern Run
- **Genre**: Platformer
- **Art Style**: Pixel art, warm copper and deep blue night colours
- **Mood**: Brisk and hopeful

A lamplighter's apprentice races over the rooftops of a sleepy harbour town to relight the lanterns
before the fog rolls in.

## Player
- **Name**: Wren
- Runs left and right and jumps between chimneys and awnings.
- Starts with **3 lives**.

## Enemies
- **Fog Wisp**: drifts back and forth along the roofs; jump on it from above for 50 points,
  touching it from the side costs a life.

## Items
- **Copper Coin**: worth 10 points. Collect 6 coins on every level.

## Levels
| Level | Name | Theme | Difficulty |
|-------|------|-------|------------|
| 1 | Harbour Roofs | city | Easy |
| 2 | Bell Tower Climb | night | Medium |

## Win and lose
- Reach the **lantern post** at the end of a level to clear it; clear level 2 to win.
- Falling off the roofs or touching a fog wisp costs a life; with no lives left the game is over.
"""

BUILD_TIMEOUT_MS = 120_000


def _page_errors(page, base: str) -> list[str]:
    """Console errors raised by the service page itself (its CSP violations included), not the game."""
    errors: list[str] = []

    def on_console(msg):
        url = (msg.location or {}).get("url", "")
        if msg.type == "error" and (url.rstrip("/") == base or url.startswith(base + "/static/")):
            errors.append(f"{msg.text} ({url})")

    page.on("console", on_console)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def test_token_form_shows_without_a_token(service, web_browser):
    require_browser()
    ctx = web_browser.new_context()
    try:
        page = ctx.new_page()
        page.goto(service.url)
        page.wait_for_selector("#auth", state="visible", timeout=15_000)
        assert page.locator("#token").get_attribute("type") == "password"
        # The gallery is not fetched without a token, and no 401 message is shown yet.
        assert page.locator("#cards li").count() == 0
        assert page.text_content("#auth-error") == ""
    finally:
        ctx.close()


def test_build_play_download_gallery(service, web_browser):
    require_browser()
    base = service.url.rstrip("/")
    ctx = web_browser.new_context(accept_downloads=True, viewport={"width": 1200, "height": 900})
    try:
        page = ctx.new_page()
        errors = _page_errors(page, base)
        page.goto(base + "/")
        page.wait_for_selector("#auth", state="visible", timeout=15_000)
        page.fill("#token", service.token)
        page.click("#auth button[type=submit]")
        page.wait_for_selector("#auth", state="hidden")

        page.fill("#gdd", GDD)
        page.fill("#seed", "7")
        page.click("#build-btn")
        page.wait_for_selector('#build[data-status="published"], #build[data-status="failed"]',
                               timeout=BUILD_TIMEOUT_MS)
        status = page.get_attribute("#build", "data-status")
        assert status == "published", (page.text_content("#status"), page.text_content("#reason"),
                                       page.text_content("#form-msg"))

        # What Maestro read: the title, the cast and at least one requirement row.
        assert "Copper Lantern Run" in page.text_content("#read-title")
        assert page.locator("#cast li").count() >= 1
        assert page.locator("#reqs tbody tr").count() >= 1
        assert page.locator("#qa .pass").count() == 1, page.text_content("#qa")

        # Play: the Play button focuses the iframe, real keys reach the game inside it.
        page.wait_for_selector("#play", state="visible")
        frame = page.locator("#game-frame").element_handle().content_frame()
        assert frame is not None
        # Predicates are functions, not strings: the game's CSP forbids the eval a string would need.
        frame.wait_for_function("() => window.maestro && window.maestro.ready === true", timeout=20_000)
        before = frame.evaluate("window.maestro.state()")
        assert before["status"] == "title", before
        page.click("#play-btn")
        # Focus reaches the (cross-origin, sandboxed) frame asynchronously: wait until it has it.
        frame.wait_for_function("() => document.hasFocus()", timeout=5_000)
        page.keyboard.press("Space")  # leaves the title screen
        page.wait_for_timeout(300)
        started = frame.evaluate("window.maestro.state()")
        assert started["status"] == "playing" and started["player"], started
        page.keyboard.down("ArrowRight")
        page.wait_for_timeout(1000)
        page.keyboard.up("ArrowRight")
        after = frame.evaluate("window.maestro.state()")
        assert after["frame"] > started["frame"], (started, after)
        assert after["player"]["x"] > started["player"]["x"], (started, after)  # the hero ran right
        assert frame.evaluate("window.maestro.errors.length") == 0, frame.evaluate("window.maestro.errors")

        # Download: a zip with the game's index.html inside.
        with page.expect_download(timeout=30_000) as dl:
            page.click("#download")
        data = Path(dl.value.path()).read_bytes()
        assert data[:2] == b"PK", data[:64]
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
        assert any(n == "index.html" or n.endswith("/index.html") for n in names), names

        # The report link opens in a new tab; the gallery lists the finished build.
        assert page.get_attribute("#report", "target") == "_blank"
        card = page.locator("#cards .card", has_text="Copper Lantern Run")
        card.first.wait_for(state="visible", timeout=15_000)
        assert "published" in card.first.text_content()
        assert errors == [], errors
    finally:
        ctx.close()
