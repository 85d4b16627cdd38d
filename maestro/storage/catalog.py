"""The Parquet catalog: one row per build, one file per row, so concurrent builds lose no row.

Its schema derives from BuildRecord (maestro.spec.record): the record, the row and the Parquet
columns are one shape. pyarrow is imported here only, so an agent that never reads the catalog
never loads it.
"""

from __future__ import annotations

import io
import time
import uuid

import pyarrow as pa
import pyarrow.parquet as pq

from maestro.spec import BuildRecord, catalog_schema
from maestro.storage.store import ArtifactStore, _check_id

CATALOG_SCHEMA = catalog_schema()


class Catalog:
    """One Parquet row per build, one file per row: appends never race, reads see every row."""

    def __init__(self, store: ArtifactStore) -> None:
        self.store = store
        self.dir = store.path("catalog")

    def append(self, record: BuildRecord) -> str:
        row = record.catalog_row()
        table = pa.Table.from_pylist([row], schema=CATALOG_SCHEMA)
        buf = io.BytesIO()
        pq.write_table(table, buf)
        name = f"part-{int(time.time() * 1000):013d}-{_check_id(record.project_id)}-{uuid.uuid4().hex[:8]}.parquet"
        path = f"{self.dir}/{name}"
        self.store.write_bytes(path, buf.getvalue())
        return path

    def read(self) -> pa.Table:
        try:
            files = sorted(f for f in self.store.fs.ls(self.dir, detail=False) if f.endswith(".parquet"))
        except FileNotFoundError:
            files = []
        tables = []
        for f in files:
            with self.store.fs.open(f, "rb") as fh:
                # One row per file: threads buy nothing, and Arrow's reader threads can abort
                # the process at interpreter exit (apache/arrow#34314).
                tables.append(_conform(pq.read_table(fh, use_threads=False)))
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

