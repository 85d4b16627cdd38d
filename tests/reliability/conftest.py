"""Fixtures of the reliability suite: real faults made on purpose (a full or read-only file system,
a stopped S3 server, a killed process), each case ending in a clear verdict within its bound."""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _mount_tmpfs(where: Path, size: str, read_only: bool) -> None:
    opts = f"size={size}" + (",ro" if read_only else "")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, f"maestro-{uuid.uuid4().hex[:6]}", str(where)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or 'mount failed'}): needs root")


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator:
    """``tmpfs(size, read_only=False)`` mounts a real, small file system and returns its folder;
    every mount is undone at the end. Skips (with why) where mounting is not allowed."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mounted: list[Path] = []

    def make(size: str = "1m", read_only: bool = False) -> Path:
        where = tmp_path / f"fs-{len(mounted)}"
        where.mkdir()
        _mount_tmpfs(where, size, read_only)
        mounted.append(where)
        return where

    yield make
    for where in reversed(mounted):
        subprocess.run(["umount", "-l", str(where)], capture_output=True)
