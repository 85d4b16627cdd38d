"""A wall-clock bound on a page in QA's Chromium: when a bundle's code never returns (a busy loop at
load or seconds into play), playwright's calls into the page wait for ever. The watchdog kills that
Chromium's renderer processes when time is up, so every pending call fails at once and the pass ends
with a verdict; the browser itself lives on for the next build.

Chromium is found by a marker switch QA launches it with (Chromium ignores switches it does not
know); its renderers are the descendants whose command line says ``--type=renderer``. Linux /proc
only: elsewhere the watchdog does nothing (and the pass is bounded by playwright's own timeouts).
"""

from __future__ import annotations

import os
import signal
import threading
import uuid
from pathlib import Path

MARKER_SWITCH = "--maestro-qa-browser"


def new_marker() -> str:
    return f"{MARKER_SWITCH}={os.getpid()}-{uuid.uuid4().hex[:12]}"


def _processes() -> dict[int, tuple[int, str]]:
    """{pid: (parent pid, command line)} of every process this user can see."""
    out: dict[int, tuple[int, str]] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            stat = (entry / "stat").read_text()
            cmd = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        out[int(entry.name)] = (ppid, cmd)
    return out


def renderer_pids(marker: str) -> list[int]:
    """The renderer processes of the Chromium launched with ``marker``."""
    procs = _processes()
    roots = {pid for pid, (_ppid, cmd) in procs.items() if marker in cmd and "--type=" not in cmd}
    found, frontier = [], set(roots)
    while frontier:
        children = {pid for pid, (ppid, _cmd) in procs.items() if ppid in frontier}
        found += [pid for pid in children if "--type=renderer" in procs[pid][1]]
        frontier = children
    return sorted(found)


def kill_renderers(marker: str) -> int:
    """Kill them (SIGKILL: a renderer in a busy loop answers nothing else); how many were killed."""
    killed = 0
    for pid in renderer_pids(marker):
        try:
            os.kill(pid, signal.SIGKILL)
            killed += 1
        except OSError:
            pass
    return killed


class Watchdog:
    """``with Watchdog(marker, seconds) as dog:`` kills the browser's renderers if the block is still
    running after ``seconds``; ``dog.fired`` says whether it had to."""

    def __init__(self, marker: str | None, seconds: float) -> None:
        self.marker, self.seconds, self.fired = marker, seconds, False
        self._timer = threading.Timer(seconds, self.fire)
        self._timer.daemon = True

    def fire(self) -> None:
        if self.marker:
            self.fired = True
            kill_renderers(self.marker)

    def __enter__(self) -> "Watchdog":
        if self.marker:
            self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
