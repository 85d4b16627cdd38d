"""Headless Chromium for tests: open a bundle from file:// and drive it like a player."""

from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


def chromium_path() -> str | None:
    for name in (os.environ.get("MAESTRO_CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


@contextmanager
def launch():
    from playwright.sync_api import sync_playwright

    exe = chromium_path()
    if exe is None:
        raise RuntimeError("Chromium not found: install Debian's 'chromium' package (see .ci/run)")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


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
        return self.page.evaluate(
            """() => { const c = document.getElementById('game'); const d = c.getContext('2d')
                 .getImageData(0, 0, c.width, c.height).data; const s = new Set();
                 for (let i = 0; i < d.length; i += 16) s.add((d[i] << 16) | (d[i+1] << 8) | d[i+2]);
                 return s.size; }"""
        )

    def close(self) -> None:
        self.page.close()
