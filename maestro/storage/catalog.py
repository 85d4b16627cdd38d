"""The Parquet catalog: one row per build, one file per row, so concurrent builds lose no row.

Its schema derives from BuildRecord (maestro.spec.record): the record, the row and the Parquet
columns are one shape. pyarrow is imported here only, so an agent that never reads the catalog
never loads it.
"""

from __future__ import annotations

import hashlib
import io
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from maestro.spec import BuildRecord, PublishedMarker, catalog_schema
from maestro.storage.store import ArtifactStore, _check_id

CATALOG_SCHEMA = catalog_schema()


class Catalog:
    """One Parquet row per build, one file per row: appends never race, reads see every row."""

    def __init__(self, store: ArtifactStore) -> None:
        self.store = store
        self.dir = store.path("catalog")
        # Files the last read() could not use (corrupt, foreign, half-copied), each with why: they
        # are skipped, so one bad file never hides every other build.
        self.skipped: list[str] = []

    def append(self, record: BuildRecord) -> str:
        """Write the record's row. The file's name derives from the record itself (when it was made,
        the project, a digest of its fields), so appending the same record again — a Builder call Ray
        retries after losing a node, the driver's fallback after a Builder that timed out having
        written it — rewrites the same file with the same bytes instead of adding a second row."""
        row = record.catalog_row()
        table = pa.Table.from_pylist([row], schema=CATALOG_SCHEMA)
        buf = io.BytesIO()
        pq.write_table(table, buf)
        made = int(record.created_at.timestamp() * 1000)
        digest = hashlib.sha256(record.model_dump_json().encode()).hexdigest()[:12]
        name = f"part-{made:013d}-{_check_id(record.project_id)}-{digest}.parquet"
        path = f"{self.dir}/{name}"
        self.store.write_bytes(path, buf.getvalue())
        return path

    def _names(self) -> list[str]:
        try:
            return [f.rsplit("/", 1)[-1] for f in self.store.fs.ls(self.dir, detail=False)]
        except FileNotFoundError:
            return []

    def recorded(self, project_id: str, names: list[str] | None = None) -> bool:
        """Some row of the catalog is about ``project_id`` (its file name says so: no file is read);
        ``names``: the catalog's file names, when the caller listed them already."""
        return any(f"-{_check_id(project_id)}-" in name for name in (self._names() if names is None else names))

    def record_published(self, marker: PublishedMarker, **fields: Any) -> str:
        """Append the row of a project that was published but never recorded (a run stopped between
        publishing and its row), made from its marker: a published project always has its row."""
        note = "recorded after the fact: the run that published it ended before writing its row"
        return self.append(BuildRecord(project_id=marker.project_id, title=marker.title, genre=marker.genre,
                                       seed=marker.seed, **marker.outcome(),
                                       build_notes=[note], **fields))

    def heal(self) -> list[str]:
        """Record every published project the catalog has no row for; returns their ids."""
        names = self._names()
        healed = []
        for pid in self.store.list_projects():
            if self.recorded(pid, names):
                continue
            marker = self.store.published(pid)
            if marker is not None:
                folder = self.store.project_dir(pid)
                self.record_published(marker, index_path=self.store.display(f"{folder}/game/index.html"),
                                      bundle_uri=self.store.display(f"{folder}/game"))
                healed.append(pid)
        return healed

    def read(self) -> pa.Table:
        try:
            files = sorted(f for f in self.store.fs.ls(self.dir, detail=False) if f.endswith(".parquet"))
        except FileNotFoundError:
            files = []
        tables = []
        self.skipped = []
        for f in files:
            try:
                with self.store.fs.open(f, "rb") as fh:
                    # One row per file: threads buy nothing, and Arrow's reader threads can abort
                    # the process at interpreter exit (apache/arrow#34314).
                    tables.append(_conform(pq.read_table(fh, use_threads=False)))
            except (pa.ArrowException, OSError, ValueError) as exc:
                self.skipped.append(f"{self.store.display(f)}: {str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__}")
        if not tables:
            return CATALOG_SCHEMA.empty_table()
        return pa.concat_tables(tables).sort_by([("created_at", "ascending"), ("project_id", "ascending")])


def _conform(table: pa.Table) -> pa.Table:
    """A row written by an older Maestro lacks newer columns, or holds one in an older type (a count
    where a list is now): those read as null; columns it has that are gone are dropped."""
    columns = []
    for f in CATALOG_SCHEMA:
        column = pa.nulls(table.num_rows, f.type)
        if f.name in table.column_names:
            try:
                column = table.column(f.name).cast(f.type)
            except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
                pass
        columns.append(column)
    return pa.Table.from_arrays(columns, schema=CATALOG_SCHEMA)


# ---- questions over the catalog (the CLI's `maestro catalog --stats/--failures`, the service's stats) ----
def stats(table: pa.Table) -> list[dict]:
    """Per genre: builds, published, failed, mean seconds, and mean QA score / fidelity when the
    catalog has those columns. Computed with pyarrow (group_by + aggregate)."""
    if table.num_rows == 0:
        return []
    status = table.column("status")
    cols = {
        "genre": pc.fill_null(table.column("genre"), "?"),
        "published": pc.cast(pc.equal(status, "published"), pa.int64()),
        "failed": pc.cast(pc.equal(status, "failed"), pa.int64()),
        "seconds": table.column("seconds"),
    }
    aggs = [("genre", "count"), ("published", "sum"), ("failed", "sum"), ("seconds", "mean")]
    for name in ("qa_score", "qa_fidelity", "qa_seconds"):
        if name in table.column_names:
            cols[name] = pc.cast(table.column(name), pa.float64())
            aggs.append((name, "mean"))
    if "qa_status" in table.column_names:
        cols["qa_passed"] = pc.cast(pc.equal(table.column("qa_status"), "passed"), pa.int64())
        aggs.append(("qa_passed", "sum"))
    # use_threads=False: a tiny table, and Arrow worker threads can abort the process at exit.
    grouped = pa.table(cols).group_by("genre", use_threads=False).aggregate(aggs).sort_by("genre")
    out = []
    for r in grouped.to_pylist():
        row = {"genre": r["genre"], "builds": r["genre_count"], "published": r["published_sum"] or 0,
               "failed": r["failed_sum"] or 0, "mean_seconds": r["seconds_mean"]}
        for name in ("qa_score", "qa_fidelity", "qa_seconds"):
            if f"{name}_mean" in r:
                row[f"mean_{name}"] = r[f"{name}_mean"]
        if "qa_passed_sum" in r:
            row["qa_passed"] = r["qa_passed_sum"] or 0
        out.append(row)
    return out


def failures(table: pa.Table) -> list[dict]:
    """The failed builds, newest first, with the reason recorded for each."""
    if table.num_rows == 0:
        return []
    mask = pc.equal(table.column("status"), "failed")
    if "qa_status" in table.column_names:
        mask = pc.or_kleene(mask, pc.equal(table.column("qa_status"), "failed"))
    failed = table.filter(pc.fill_null(mask, False)).sort_by([("created_at", "descending")])
    keep = [c for c in ("created_at", "project_id", "title", "genre", "status", "qa_status", "qa_score", "error")
            if c in failed.column_names]
    return failed.select(keep).to_pylist()
