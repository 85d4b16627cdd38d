"""Headless Chromium for tests: open a bundle from file:// and drive it like a player."""

from __future__ import annotations

from pathlib import Path

# One way to find and start Chromium: the QA agent's (tests drive the same browser QA uses).
from maestro.agents.query.browser_pass import CANVAS_COLORS_JS, chromium_path, launch_chromium

launch = launch_chromium
__all__ = ["GamePage", "chromium_path", "launch"]


class GamePage:
    """One bundle open in a page, with the console errors it produced."""

    def __init__(self, browser, bundle_dir: Path, query: str = "?autostart=1&mute=1"):
        self.page = browser.new_page(viewport={"width": 960, "height": 600})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto((Path(bundle_dir) / "index.html").resolve().as_uri() + query)
        self.page.wait_for_function("window.maestro && window.maestro.ready === true", timeout=15000)

    def state(self) -> dict:
        return self.page.evaluate("window.maestro.state()")

    def hold(self, key: str, ms: int) -> dict:
        """Hold a real keyboard key for `ms` milliseconds of real time."""
        self.page.keyboard.down(key)
        self.page.wait_for_timeout(ms)
        self.page.keyboard.up(key)
        return self.state()

    def canvas_colors(self) -> int:
        """How many distinct colours the canvas shows (a blank canvas shows 1)."""
        return self.page.evaluate(CANVAS_COLORS_JS)

    def close(self) -> None:
        self.page.close()


# ---- driving a game page step by step (the genre browser tests) -----------------------------------

def fresh(g: GamePage, level: int = 1) -> dict:
    """Manual stepping from a new game at `level`, the opening banner stepped past."""
    g.page.evaluate("window.maestro.manual(true)")
    return g.page.evaluate(f"(window.maestro.start({level}), window.maestro.step(2))")


def world(g: GamePage, expr: str):
    """`expr` evaluated with `w` bound to the running game's world."""
    return g.page.evaluate(f"(() => {{ const w = window.maestro.world(); return {expr}; }})()")


def click(g: GamePage, x: float, y: float) -> None:
    """A mouse click at game pixel (x, y) of the 480x270 canvas, then a frame to take it in."""
    box = g.page.locator("#game").bounding_box()
    assert box is not None
    g.page.mouse.click(box["x"] + x * box["width"] / 480, box["y"] + y * box["height"] / 270)
    g.page.evaluate("window.maestro.step(1)")
