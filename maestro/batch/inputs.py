"""What a batch builds: GDD files in a folder, or the rows of a Parquet table, times seeds.

Any fsspec URI (a local folder, ``s3://bucket/gdds/``, ``s3://bucket/gdds.parquet``). A file or row
that is not a usable GDD is an item with its reason (it ends as a failed row), never a crash.
Items are named by ``request_id`` (the GDD's text, seed, genre, Maestro version): a re-run of the
same input finds the same projects.
"""

from __future__ import annotations

import hashlib
import os
from typing import Any

import fsspec
from pydantic import Field

from maestro.errors import GDDError, MaestroError
from maestro.gdd.reader import MAX_GDD_BYTES, read_gdd_bytes
from maestro.genres.registry import GENRE_NAMES
from maestro.spec import request_id
from maestro.spec.base import Model

GDD_SUFFIXES = (".md", ".markdown", ".txt")


class BatchInputError(MaestroError):
    exit_code = 2


class BatchItem(Model):
    id: str = Field(description="request_id of (text, seed, genre); for an unreadable input, of its bytes")
    source: str = Field(description="where it came from: a file's URI, or 'table.parquet row 3 (id)'")
    name: str = Field(description="a short name for tables: the file's stem or the row's id")
    seed: int = 1
    genre: str | None = None
    text: str | None = Field(default=None, description="the GDD; None when it could not be read")
    error: str = Field(default="", description="why the input is not a usable GDD")


def _item(text_or_error: str | GDDError, raw: bytes, source: str, name: str, seed: int, genre: str | None) -> BatchItem:
    if genre is not None and genre not in GENRE_NAMES:
        text_or_error = GDDError(f"unknown genre {genre!r}", f"Use one of: {', '.join(GENRE_NAMES)}.")
    if isinstance(text_or_error, GDDError):
        digest = hashlib.sha256(raw).hexdigest()
        return BatchItem(id=request_id(f"unreadable:{digest}", seed, genre), source=source, name=name, seed=seed,
                         genre=genre, error=str(text_or_error))
    return BatchItem(id=request_id(text_or_error, seed, genre), source=source, name=name, seed=seed, genre=genre,
                     text=text_or_error)


def _decode(raw: bytes, source: str) -> str | GDDError:
    try:
        return read_gdd_bytes(raw, source)
    except GDDError as exc:
        return exc


def read_items(uri: str, column: str = "gdd", seeds: list[int] | None = None, genre: str | None = None,
               storage_options: dict[str, Any] | None = None) -> list[BatchItem]:
    """Every item of the input, once each (the same GDD + seed twice is one item)."""
    try:
        fs, path = fsspec.core.url_to_fs(uri, **(storage_options or {}))
        is_dir = fs.isdir(path)
        exists = is_dir or fs.exists(path)
    except (ImportError, ValueError, OSError) as exc:
        raise BatchInputError(f"cannot open the input {uri!r}: {exc}", "Check --input (a folder or a .parquet file).") from None
    if not exists:
        raise BatchInputError(f"the input {uri!r} does not exist.", "Check --input (a folder or a .parquet file).")
    proto = fs.protocol[0] if isinstance(fs.protocol, tuple) else fs.protocol
    shown = (lambda p: p) if proto in ("file", "local") else (lambda p: f"{proto}://{p}")
    if is_dir:
        items = _from_folder(fs, path, shown, seeds or [1], genre)
    elif path.endswith(".parquet"):
        items = _from_table(fs, path, shown(path), column, seeds, genre)
    else:
        raise BatchInputError(f"{uri!r} is neither a folder nor a .parquet file.",
                              "Pass a folder of .md/.txt GDDs, or a Parquet table with --column.")
    unique: dict[str, BatchItem] = {}
    for item in items:
        unique.setdefault(item.id, item)
    return list(unique.values())


def _from_folder(fs: Any, path: str, shown: Any, seeds: list[int], genre: str | None) -> list[BatchItem]:
    files = sorted(f for f in fs.find(path) if f.lower().endswith(GDD_SUFFIXES)
                   and not f.rsplit("/", 1)[-1].lower().startswith("readme"))
    if "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,)):
        # A link out of the folder (to ~/.ssh, /etc) is not the user's GDD: never read it.
        root = os.path.realpath(path)
        files = [f for f in files if os.path.commonpath([root, os.path.realpath(f)]) == root]
    items = []
    for f in files:
        name = f.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        try:
            size = fs.size(f)
            raw = b"" if size > MAX_GDD_BYTES else fs.cat_file(f)
            decoded = (GDDError(f"{name} is over the {MAX_GDD_BYTES // 1024} KiB limit.", "Shorten it.")
                       if size > MAX_GDD_BYTES else _decode(raw, name))
        except OSError as exc:
            raw, decoded = f.encode(), GDDError(f"cannot read {shown(f)}: {exc}")
        items += [_item(decoded, raw, shown(f), name, seed, genre) for seed in seeds]
    return items


def _from_table(fs: Any, path: str, shown: str, column: str, seeds: list[int] | None,
                genre: str | None) -> list[BatchItem]:
    import pyarrow.parquet as pq

    try:
        with fs.open(path, "rb") as fh:
            table = pq.read_table(fh, use_threads=False)
    except Exception as exc:  # not Parquet, truncated, unreadable
        raise BatchInputError(f"cannot read the table {shown}: {exc}", "Pass a Parquet file.") from None
    if column not in table.column_names:
        raise BatchInputError(f"the table {shown} has no column {column!r} (it has: {', '.join(table.column_names)}).",
                              "Name the GDD column with --column.")
    items = []
    for i, row in enumerate(table.to_pylist()):
        value = row[column]
        raw = value if isinstance(value, bytes) else (value or "").encode("utf-8", "surrogatepass")
        row_id = str(row.get("id") if row.get("id") is not None else i)
        source, name = f"{shown} row {i} ({row_id})", row_id
        row_genre = row.get("genre") or genre
        row_genre = row_genre.strip().lower() if isinstance(row_genre, str) else None
        row_seeds = seeds or [int(row["seed"]) if row.get("seed") is not None else 1]
        decoded = _decode(raw, f"row {i}") if value is not None else GDDError(f"row {i} has no GDD (null).")
        items += [_item(decoded, raw, source, name, seed, row_genre) for seed in row_seeds]
    return items
