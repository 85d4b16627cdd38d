"""Where builds go: an fsspec store (a local folder or any URI such as s3://), atomic publish, the
content-hash asset cache (store.py), and the Parquet catalog of every build (catalog.py)."""

from typing import Any

from maestro.storage.store import MARKER, ArtifactStore

__all__ = ["ArtifactStore", "CATALOG_SCHEMA", "Catalog", "MARKER"]


def __getattr__(name: str) -> Any:  # the catalog (and pyarrow) load on first use
    if name in ("Catalog", "CATALOG_SCHEMA"):
        from maestro.storage import catalog

        return getattr(catalog, name)
    raise AttributeError(f"module 'maestro.storage' has no attribute {name!r}")
