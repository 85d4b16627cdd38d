"""The catalog stays consistent with what is published: a published project always has its row,
whatever point a run was stopped at; a seed the catalog cannot hold is refused at the door."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from maestro.errors import ConfigError
from maestro.storage import ArtifactStore, Catalog

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "crate_expectations.md"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "RAY_ADDRESS" and not k.startswith("MAESTRO_")}
    return subprocess.run([sys.executable, "-m", "maestro.cli", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120, env=env)


def test_a_published_project_without_its_row_is_recorded_once(tmp_path):
    # A run killed between publishing and writing its row leaves exactly this.
    store = ArtifactStore(str(tmp_path / "data"))
    store.publish("orphan-0123456789", {"game/index.html": b"<html>"},
                  {"project_id": "orphan-0123456789", "title": "Orphan", "genre": "puzzle", "seed": 4,
                   "qa": {"passed": True, "score": 90.0, "fidelity": 0.5, "headline": "Built 1 of 2"}})
    first = _cli("catalog", "--json", "--out", str(tmp_path / "data"), cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    rows = [json.loads(line) for line in first.stdout.splitlines()]
    assert [(r["project_id"], r["status"], r["seed"], r["qa_fidelity"]) for r in rows] == [
        ("orphan-0123456789", "published", 4, 0.5)]
    assert "no catalog row" in first.stderr and "orphan-0123456789" in first.stderr
    again = _cli("catalog", "--json", "--out", str(tmp_path / "data"), cwd=tmp_path)
    assert len(again.stdout.splitlines()) == 1 and "no catalog row" not in again.stderr


@pytest.mark.ray
def test_a_rerun_records_the_row_a_stopped_run_never_wrote(ray_local, tmp_path):
    from maestro.config import load_settings
    from maestro.pipeline import BuildRequest, run_build

    settings = load_settings(storage=str(tmp_path), qa_browser="off")
    req = BuildRequest(text=EXAMPLE.read_text(), source_name="crate")
    built = run_build(req, settings)
    catalog = Catalog(ArtifactStore(str(tmp_path)))
    for part in (tmp_path / "catalog").glob("*.parquet"):
        part.unlink()  # as if the run had been killed right after publishing
    assert catalog.read().num_rows == 0
    again = run_build(req, settings)
    assert again.reused and any("recorded now" in n for n in again.build_notes)
    rows = catalog.read().to_pylist()
    assert [(r["project_id"], r["status"], r["qa_status"]) for r in rows] == [
        (built.project_id, built.status, built.qa_status)]
    assert run_build(req, settings).reused and catalog.read().num_rows == 1  # and never twice


@pytest.mark.parametrize("seed", [-1, 2**31, 10**30])
def test_a_seed_out_of_range_is_refused_before_anything_runs(tmp_path, seed):
    from maestro.pipeline import BuildRequest
    from maestro.pipeline.session import BuildSession

    with pytest.raises(ConfigError, match="out of range"):
        BuildSession(BuildRequest(text="# G\nA platformer.", seed=seed))
    done = _cli("build", str(EXAMPLE), "--seed", str(seed), cwd=tmp_path)
    assert done.returncode == 2 and "seed must be a whole number from 0 to 2147483647" in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "maestro-data").exists()
