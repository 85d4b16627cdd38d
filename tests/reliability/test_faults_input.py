"""Input a user (or a script) gets wrong: each ends in one clear line or a said change, never a
traceback, and nothing is changed silently."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from maestro.errors import GDDError
from maestro.gdd import parse_gdd

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "crate_expectations.md"


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS" and not k.startswith("MAESTRO_")}


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "maestro.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=_env())


@pytest.mark.parametrize("title, slug", [("Звёздный путь", "zvezdnyy-put"), ("星の旅", "xingnolu")],
                         ids=["cyrillic", "cjk"])
def test_a_title_in_another_script_is_kept_and_names_the_files(title, slug):
    spec = parse_gdd(f"# {title}\nA platformer: jump over the pits.", source_name="stdin")
    assert (spec.title, spec.slug) == (title, slug)


def test_numbers_beyond_what_a_game_holds_are_capped_and_said():
    spec = parse_gdd("# Big\nA platformer. Levels: 500. You have 999999999 lives.")
    assert len(spec.levels) == 10 and spec.lives == 99
    said = " ".join(spec.warnings)
    assert "asks for 500 levels" in said and "999999999 lives" in said


@pytest.mark.parametrize("seconds", ["inf", "nan", "-1", "1e9", "soon"])
def test_check_seconds_out_of_bounds_is_refused(tmp_path, seconds):
    done = _cli("check", str(tmp_path), "--seconds", seconds, cwd=tmp_path)
    assert done.returncode == 2 and "seconds must be a number from 1 to 600" in done.stderr
    assert "Traceback" not in done.stderr


def test_build_text_takes_bytes_and_refuses_other_types():
    import maestro

    with pytest.raises(GDDError, match="must be text"):
        maestro.build_text(12345)  # type: ignore[arg-type]
    with pytest.raises(GDDError, match="empty"):
        maestro.build_text(b"   ")


def test_sigterm_mid_build_is_a_failed_row_that_says_so(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "maestro.cli", "build", str(EXAMPLE), "--json"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env())
    deadline = time.time() + 120
    # Stop it once the build is accepted (its project has a place in the store), before it ends.
    while time.time() < deadline and proc.poll() is None and not (tmp_path / "maestro-data" / "cache").exists():
        time.sleep(0.05)
    accepted = (tmp_path / "maestro-data" / "cache").exists() and proc.poll() is None
    proc.send_signal(signal.SIGTERM)
    _out, err = proc.communicate(timeout=120)
    assert accepted, "the build ended before it could be stopped"
    assert proc.returncode != 0 and "Traceback" not in err, err[-2000:]
    rows = [json.loads(line) for line in _cli("catalog", "--json", cwd=tmp_path).stdout.splitlines()]
    assert [(r["status"], r["error"]) for r in rows] == [("failed", "stopped by SIGTERM")]


def test_gdd_text_is_never_console_markup(tmp_path):
    gdd = tmp_path / "markup.md"
    gdd.write_text("# Retro [v2.0] Edition\nA platformer. Jump over the [red]Slimes[/red] and the [/bold] pits.\n")
    done = _cli("spec", str(gdd), cwd=tmp_path)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr[-2000:]
    assert "Retro [v2.0] Edition" in done.stdout
