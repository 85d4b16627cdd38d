"""Storage: atomic publish, the asset cache, and the Parquet catalog — locally and on a real
S3-speaking server (moto in server mode, started by the test)."""

from __future__ import annotations

import threading

import pyarrow as pa
import pytest

from maestro.errors import StorageError
from maestro.spec import Asset
from maestro.spec import BuildRecord
from maestro.storage import MARKER, ArtifactStore, Catalog


def _row(pid: str, **kw):
    row = {"project_id": pid, "title": "T", "genre": "puzzle", "status": "published", "seed": 1, "seconds": 1.0}
    row.update(kw)
    return BuildRecord(**row)


def test_publish_is_all_or_nothing_and_idempotent(tmp_path):
    store = ArtifactStore(str(tmp_path))
    files = {"game/index.html": b"<html>", "game/data.js": b"x", "g.zip": b"PK"}
    folder, fresh = store.publish("demo-0123456789", files, {"project_id": "demo-0123456789"})
    assert fresh and (tmp_path / "projects" / "demo-0123456789" / "game" / "index.html").read_bytes() == b"<html>"
    assert store.is_published("demo-0123456789")
    # A second publish of the same id changes nothing (a re-run, or a retried task), and says so.
    assert store.publish("demo-0123456789", {"game/index.html": b"other"}, {}) == (folder, False)
    assert (tmp_path / "projects" / "demo-0123456789" / "game" / "index.html").read_bytes() == b"<html>"
    # No staging folder or temp file is left behind.
    leftovers = [p.name for p in (tmp_path / "projects").iterdir() if p.name.startswith(".")]
    assert leftovers == []
    assert folder.endswith("demo-0123456789")
    assert store.list_projects() == ["demo-0123456789"]


def test_a_forced_publish_replaces_the_whole_project(tmp_path):
    store = ArtifactStore(str(tmp_path))
    store.publish("demo-0123456789", {"game/index.html": b"old", "game/old.js": b"x"}, {"v": 1})
    _, fresh = store.publish("demo-0123456789", {"game/index.html": b"new"}, {"v": 2}, replace=True)
    game = tmp_path / "projects" / "demo-0123456789" / "game"
    assert fresh and (game / "index.html").read_bytes() == b"new" and not (game / "old.js").exists()
    assert store.published_record("demo-0123456789") == {"v": 2}
    assert [p.name for p in (tmp_path / "projects").iterdir()] == ["demo-0123456789"]


def test_publish_refuses_unsafe_ids_and_paths(tmp_path):
    store = ArtifactStore(str(tmp_path))
    with pytest.raises(StorageError):
        store.publish("../evil", {"a": b""}, {})
    with pytest.raises(StorageError):
        store.publish("ok-id", {"../../etc/passwd": b""}, {})
    assert not (tmp_path / "projects").exists() or list((tmp_path / "projects").iterdir()) == []


def test_unpublished_folder_is_not_listed(tmp_path):
    store = ArtifactStore(str(tmp_path))
    (tmp_path / "projects" / "half-done").mkdir(parents=True)
    (tmp_path / "projects" / "half-done" / "index.html").write_text("x")
    assert store.list_projects() == []
    assert not store.is_published("half-done")


def test_cache_round_trip(tmp_path):
    store = ArtifactStore(str(tmp_path))
    asset = Asset(kind="sfx", name="jump", key="ab" * 16, generator="sonata.sfx", seed=3,
                  media_type="audio/wav", data=b"RIFF....", meta={"seconds": 0.2})
    assert store.cache_get(asset.key) is None
    store.cache_put(asset)
    got = store.cache_get(asset.key)
    assert got == asset
    with pytest.raises(StorageError):
        store.cache_get("../../x")


def test_catalog_concurrent_appends_lose_no_row(tmp_path):
    catalog = Catalog(ArtifactStore(str(tmp_path)))
    errors = []

    def write(i):
        try:
            catalog.append(_row(f"p{i:03d}", seconds=float(i)))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(i,)) for i in range(24)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    table = catalog.read()
    assert table.num_rows == 24
    assert sorted(table.column("project_id").to_pylist()) == [f"p{i:03d}" for i in range(24)]


def test_the_same_record_appended_twice_is_one_row_and_two_builds_are_two(tmp_path):
    """A retried Builder call (Ray re-runs it after losing a node) or the driver's fallback after a
    Builder that wrote the row and then timed out hands the same record again: still one row."""
    catalog = Catalog(ArtifactStore(str(tmp_path)))
    record = _row("p001", seconds=1.0)
    assert catalog.append(record) == catalog.append(record)
    assert catalog.read().num_rows == 1
    catalog.append(_row("p001", seconds=2.0))  # built again (--force): a row of its own
    assert catalog.read().num_rows == 2


def test_catalog_empty_has_schema(tmp_path):
    table = Catalog(ArtifactStore(str(tmp_path))).read()
    assert table.num_rows == 0
    assert "genre" in table.schema.names


def test_s3_publish_and_catalog(s3_server):
    opts = {"key": "testing", "secret": "testing", "client_kwargs": {"endpoint_url": s3_server}}
    import s3fs

    s3fs.S3FileSystem.clear_instance_cache()
    store = ArtifactStore("s3://maestro-test/builds", storage_options=opts)
    store.fs.mkdir("maestro-test")
    store.publish("demo-0123456789", {"game/index.html": b"<html>", "g.zip": b"PK"}, {"project_id": "demo"})
    assert store.is_published("demo-0123456789")
    assert store.read_bytes("maestro-test/builds/projects/demo-0123456789/game/index.html") == b"<html>"
    assert store.display(store.project_dir("demo-0123456789")).startswith("s3://maestro-test/")
    catalog = Catalog(store)
    catalog.append(_row("demo-0123456789"))
    catalog.append(_row("other-0123456789", status="failed", error="level 2 unsolvable"))
    table = catalog.read()
    assert table.num_rows == 2
    assert set(table.column("status").to_pylist()) == {"published", "failed"}
    assert isinstance(table, pa.Table)
    assert store.list_projects() == ["demo-0123456789"]
    assert MARKER in [p.rsplit("/", 1)[-1] for p in store.fs.ls("maestro-test/builds/projects/demo-0123456789")]


def test_catalog_reads_rows_written_before_new_columns(tmp_path):
    import pyarrow.parquet as pq

    store = ArtifactStore(str(tmp_path))
    old = pa.table({"project_id": ["old-0000000001"], "title": ["Old"], "status": ["published"]})
    (tmp_path / "catalog").mkdir()
    pq.write_table(old, tmp_path / "catalog" / "part-0000000000001-old-0000000001-aaaa.parquet")
    Catalog(store).append(_row("new-0000000001", qa_status="passed", qa_score=90.0))
    rows = {r["project_id"]: r for r in Catalog(store).read().to_pylist()}
    assert rows["old-0000000001"]["qa_status"] is None and rows["old-0000000001"]["title"] == "Old"
    assert rows["new-0000000001"]["qa_score"] == 90.0


def test_a_corrupt_catalog_file_is_skipped_and_named(tmp_path):
    store = ArtifactStore(str(tmp_path / "data"))
    catalog = Catalog(store)
    catalog.append(_row("good-0123456789"))
    bad = tmp_path / "data" / "catalog" / "part-9999999999999-bad-00000000.parquet"
    bad.write_bytes(b"PAR1 this is not parquet")
    table = catalog.read()
    assert table.column("project_id").to_pylist() == ["good-0123456789"]
    assert len(catalog.skipped) == 1 and "part-9999999999999-bad" in catalog.skipped[0]
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "maestro.cli", "catalog", "--json", "--out", str(tmp_path / "data")],
                         capture_output=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 0 and b"good-0123456789" in out.stdout
    assert b"skipped a catalog file" in out.stderr and b"part-9999999999999-bad" in out.stderr
