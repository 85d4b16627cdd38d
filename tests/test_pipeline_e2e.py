"""End to end through a real local Ray: GDD -> agents -> published bundle + catalog row."""

from __future__ import annotations

import hashlib
import json
import re
import threading
import zipfile
from pathlib import Path

import pytest

import maestro
from maestro.errors import GDDError, StorageError
from maestro.storage import ArtifactStore, Catalog

pytestmark = pytest.mark.ray

GENRES = ("platformer", "adventure", "puzzle", "shooter")


def _game_dir(result) -> Path:
    return Path(result.bundle_uri)


def _hashes(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("genre", GENRES)
def test_each_example_builds_its_genre(example_builds, genre):
    result = example_builds[genre]
    assert result.status == "published"
    assert result.genre == genre
    game = _game_dir(result)
    for name in ("index.html", "game.js", "data.js", "spec.json", "manifest.json", "assets/atlas.png"):
        assert (game / name).is_file(), name
    assert Path(result.zip_uri).is_file()
    spec = json.loads((game / "spec.json").read_text())
    assert spec["genre"] == genre
    assert result.levels == len(spec["levels"]) >= 1


@pytest.mark.parametrize("genre", GENRES)
def test_bundle_is_self_contained(example_builds, genre):
    game = _game_dir(example_builds[genre])
    page = (game / "index.html").read_text()
    code = (game / "game.js").read_text()
    assert 'type="module"' not in page and "import " not in code.split("\n", 1)[0]
    # No network: no http(s) URL is loaded by the page or the code.
    assert not re.search(r"""src=["']https?://""", page)
    assert not re.search(r"""(fetch|XMLHttpRequest|importScripts)\s*\(""", code)
    data = (game / "data.js").read_text()
    assert data.startswith("window.MAESTRO_DATA = ")
    payload = json.loads(data[len("window.MAESTRO_DATA = "):].rstrip().rstrip(";"))
    assert payload["atlas"]["image"].startswith("data:image/png;base64,")
    assert payload["sounds"] and all(v.startswith("data:audio/wav;base64,") for v in payload["sounds"].values())
    assert payload["music"].startswith("data:audio/wav;base64,")
    assert len(payload["levels"]) == example_builds[genre].levels


@pytest.mark.parametrize("genre", GENRES)
def test_manifest_lists_every_asset_with_hash_and_seed(example_builds, genre):
    game = _game_dir(example_builds[genre])
    manifest = json.loads((game / "manifest.json").read_text())
    assert len(manifest["assets"]) == example_builds[genre].assets
    for entry in manifest["assets"]:
        assert entry["seed"] >= 0 and entry["generator"]
        data = (game / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
    kinds = {e["kind"] for e in manifest["assets"]}
    assert {"sprite", "icon", "sfx", "music", "level", "code", "background"} <= kinds
    for lv in (e for e in manifest["assets"] if e["kind"] == "level"):
        assert lv["meta"]["attempts"] >= 1 and lv["meta"]["steps"]  # the solver's proof
    with zipfile.ZipFile(example_builds[genre].zip_uri) as zf:
        names = zf.namelist()
    assert any(n.endswith("/index.html") for n in names)


def test_catalog_has_a_row_per_build(example_builds):
    table = Catalog(ArtifactStore(str(example_builds["_storage"]))).read()
    rows = {r["project_id"]: r for r in table.to_pylist()}
    for genre in GENRES:
        row = rows[example_builds[genre].project_id]
        assert row["status"] == "published" and row["genre"] == genre
        assert row["assets"] == example_builds[genre].assets and row["seconds"] > 0
        assert row["gdd_sha256"] and row["bundle_uri"].endswith("/game")


def test_same_gdd_same_seed_is_byte_identical(example_builds, tmp_path):
    # A fresh storage root: nothing cached, nothing reused — generated again from scratch.
    first = example_builds["puzzle"]
    again = maestro.build(Path(__file__).parents[1] / "examples" / "crate_expectations.md", storage=str(tmp_path))
    assert again.project_id == first.project_id
    assert _hashes(_game_dir(again)) == _hashes(_game_dir(first))
    assert Path(again.zip_uri).read_bytes() == Path(first.zip_uri).read_bytes()


def test_other_seed_gives_other_game(example_builds, tmp_path):
    other = maestro.build(Path(__file__).parents[1] / "examples" / "crate_expectations.md", storage=str(tmp_path), seed=99)
    assert other.project_id != example_builds["puzzle"].project_id
    a = json.loads((_game_dir(other) / "manifest.json").read_text())["files"]
    b = json.loads((_game_dir(example_builds["puzzle"]) / "manifest.json").read_text())["files"]
    assert a["data.js"] != b["data.js"]


def test_rebuild_reuses_published_and_cache(example_builds):
    storage = str(example_builds["_storage"])
    again = maestro.build(Path(__file__).parents[1] / "examples" / "orbit_guard.md", storage=storage)
    assert again.project_id == example_builds["shooter"].project_id
    assert any("reused" in n for n in again.build_notes)
    forced = maestro.build(Path(__file__).parents[1] / "examples" / "orbit_guard.md", storage=storage, force=True)
    assert any(n.startswith(f"{forced.assets} of {forced.assets} assets came from the cache") for n in forced.build_notes)


def test_concurrent_builds_lose_no_catalog_row(ray_local, tmp_path):
    texts = {
        "a": "# Ring Runner\nGenre: endless runner platformer. Jump over gaps, collect 5 coins.\n",
        "b": "# Vault Pusher\nA sokoban puzzle: push the crates onto the targets. 2 levels.\n",
        "c": "# Night Watch\nTop-down stealth adventure: avoid the guards, find the key, reach the exit.\n",
    }
    results, errors = {}, []

    def run(key):
        try:
            results[key] = maestro.build_text(texts[key], source_name=key, storage=str(tmp_path))
        except Exception as exc:  # pragma: no cover - asserted below
            errors.append(exc)

    threads = [threading.Thread(target=run, args=(k,)) for k in texts]
    for t in threads:
        t.start()
    for t in threads:
        t.join(300)
    assert errors == []
    table = Catalog(ArtifactStore(str(tmp_path))).read()
    assert sorted(table.column("project_id").to_pylist()) == sorted(r.project_id for r in results.values())
    assert set(table.column("status").to_pylist()) == {"published"}
    assert len(ArtifactStore(str(tmp_path)).list_projects()) == 3


@pytest.mark.parametrize("bad", ["", "   \n\t  ", "\x00\x01\x02binary" * 10])
def test_bad_input_writes_nothing(ray_local, tmp_path, bad):
    storage = tmp_path / "store"
    with pytest.raises(GDDError):
        maestro.build_text(bad, storage=str(storage))
    assert not storage.exists()


def test_unknown_genre_is_refused(ray_local, tmp_path):
    from maestro.errors import UnknownGenreError

    with pytest.raises(UnknownGenreError):
        maestro.build_text("# A game\nJump and run.", genre="knitting", storage=str(tmp_path / "s"))
    assert not (tmp_path / "s").exists()


def test_failed_build_is_recorded_with_reason(ray_local, tmp_path):
    # The projects folder cannot be created (a file is in the way): the build is accepted,
    # fails at publish as a storage error (exit 3), and the catalog says so and why. Nothing
    # half-written is left.
    storage = tmp_path / "store"
    storage.mkdir()
    (storage / "projects").write_text("not a folder")
    with pytest.raises(StorageError, match="a file is in the way") as err:
        maestro.build_text("# Blocked\nA sokoban puzzle: push crates onto targets.", storage=str(storage))
    assert "Blocked" in str(err.value)
    rows = Catalog(ArtifactStore(str(storage))).read().to_pylist()
    assert [r["status"] for r in rows] == ["failed"]
    assert rows[0]["error"] and rows[0]["title"] == "Blocked"
    assert (storage / "projects").read_text() == "not a folder"


@pytest.mark.parametrize("genre", GENRES)
def test_every_build_is_played_and_reported_before_publishing(example_builds, genre):
    result = example_builds[genre]
    project = _game_dir(result).parent
    report = json.loads((project / "report.json").read_text())
    assert report["passed"] is True and result.qa_passed is True
    assert report["bot"]["won"] is True, report["bot"]
    assert result.qa_score == report["score"] >= 70
    ids = {c["id"] for c in report["checks"] if c["passed"] is True}
    assert {"code_parses", "runs_without_errors", "bot_level_one", "restart_resets"} <= ids
    assert "Passed" in (project / "report.html").read_text()
    from maestro.agents.query.browser_pass import chromium_path

    if chromium_path() is not None:  # the browser pass ran: it left a screenshot
        assert (project / "thumbnail.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    row = next(r for r in Catalog(ArtifactStore(str(example_builds["_storage"]))).read().to_pylist()
               if r["project_id"] == result.project_id)
    assert row["qa_status"] == "passed" and row["qa_score"] == report["score"]
    assert row["qa_fidelity"] == report["fidelity"]
