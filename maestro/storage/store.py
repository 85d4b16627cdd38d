"""The artifact store: an fsspec root (a local folder or any URI such as s3://), atomic publish, the asset cache.

Layout under the root::

    projects/<project_id>/game/...          the playable bundle (index.html, game.js, data.js, ...)
    projects/<project_id>/<slug>.zip        the same bundle zipped
    projects/<project_id>/_PUBLISHED.json   written last: a project without it is not published
    catalog/part-<time>-<id>-<nonce>.parquet one file per build, so concurrent builds lose no row
    cache/<k[:2]>/<key>.json                generated assets by content key (shared across projects)

Publishing is atomic: locally the project folder is staged beside its final place and renamed in
one step; on object stores every object is written whole and the marker is written last.
Keys come from hashes and slugs Maestro makes, never from user text.
"""

from __future__ import annotations

import base64
import contextlib
import errno
import json
import os
import re
import shutil
import uuid
from pathlib import PurePosixPath
from typing import Any

import fsspec

from maestro.errors import StorageError
from maestro.spec import Asset, PublishedMarker

SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9._-]{0,80}$")
MARKER = "_PUBLISHED.json"
STORAGE_HINT = "Check --out / MAESTRO_STORAGE: it must be a folder (or bucket) you can write to, with free space."


def storage_problem(exc: BaseException) -> str:
    """What a storage failure means, in a few words a user can act on."""
    if isinstance(exc, PermissionError):
        return "permission denied (read-only disk or folder?)"
    if isinstance(exc, (NotADirectoryError, FileExistsError)):
        return "a file is in the way where a folder must be"
    if isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return "no space left on the device"
    if isinstance(exc, OSError) and exc.errno == errno.EROFS:
        return "the file system is read-only"
    if isinstance(exc, FileNotFoundError):
        return "it does not exist and cannot be created (a missing bucket or mount?)"
    if type(exc).__name__ in ("EndpointConnectionError", "ConnectTimeoutError", "ClientConnectorError"):
        return "the storage server does not answer"
    if "NoSuchBucket" in str(exc):
        return "no such bucket"
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0][:200]}" if text else type(exc).__name__


def is_storage_failure(exc: BaseException) -> bool:
    """An exception from the storage layer rather than from Maestro's own logic."""
    module = type(exc).__module__
    return isinstance(exc, OSError) or module.startswith(("botocore", "aiobotocore", "s3fs", "fsspec", "aiohttp"))


def is_safe_id(project_id: str) -> bool:
    """A project id Maestro could have made (the only ones that ever reach a storage path)."""
    return bool(SAFE_ID.match(project_id)) and ".." not in project_id


def _check_id(project_id: str) -> str:
    if not is_safe_id(project_id):
        raise StorageError(f"refusing unsafe project id {project_id!r}.")
    return project_id


def _check_rel(path: str) -> str:
    p = PurePosixPath(path)
    if p.is_absolute() or any(part in ("", ".", "..") for part in p.parts):
        raise StorageError(f"refusing unsafe path {path!r} inside a project.")
    return str(p)


class ArtifactStore:
    def __init__(self, root: str, storage_options: dict[str, Any] | None = None) -> None:
        self.uri = root
        try:
            self.fs, path = fsspec.core.url_to_fs(root, **(storage_options or {}))
        except (ImportError, ValueError) as exc:
            raise StorageError(f"cannot open storage {root!r}: {exc}", "Check MAESTRO_STORAGE / --out.") from None
        self.local = "file" in (self.fs.protocol if isinstance(self.fs.protocol, tuple) else (self.fs.protocol,))
        self.root = os.path.abspath(path) if self.local else path.rstrip("/")

    def check_writable(self) -> None:
        """Prove the root takes a write (a probe object, removed again), so that a build meets a bad
        --out at its door, before Ray starts or any work is done. StorageError says why not."""
        probe = self.path(f".maestro-probe-{uuid.uuid4().hex}")
        made = []  # the folders the probe had to make, deepest last (none of them existed before)
        if self.local:
            folder = self.root
            while not os.path.exists(folder) and os.path.dirname(folder) != folder:
                made.append(folder)
                folder = os.path.dirname(folder)
        try:
            if self.local:
                os.makedirs(self.root, exist_ok=True)
            self.write_bytes(probe, b"maestro")
            self.fs.rm_file(probe)
            for folder in made:  # a probe changes nothing: the folders it made go again (a build makes them)
                with contextlib.suppress(OSError):
                    os.rmdir(folder)
        except Exception as exc:
            if not is_storage_failure(exc):
                raise
            raise StorageError(f"cannot write to the storage {self.uri!r}: {storage_problem(exc)}.", STORAGE_HINT) from None

    # ---- paths ----------------------------------------------------------------------------
    def path(self, *parts: str) -> str:
        return "/".join([self.root, *parts])

    def display(self, path: str) -> str:
        """A path a user can open: plain for local files, a URI otherwise."""
        if self.local:
            return path
        proto = self.fs.protocol[0] if isinstance(self.fs.protocol, tuple) else self.fs.protocol
        return f"{proto}://{path}"

    def project_dir(self, project_id: str) -> str:
        return self.path("projects", _check_id(project_id))

    # ---- bytes ----------------------------------------------------------------------------
    def write_bytes(self, path: str, data: bytes) -> None:
        """Write a whole object so that readers see the old state or the new, never half."""
        if self.local:
            folder = os.path.dirname(path)
            os.makedirs(folder, exist_ok=True)
            tmp = os.path.join(folder, f".tmp-{uuid.uuid4().hex}")
            try:
                with open(tmp, "wb") as fh:
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
                os.replace(tmp, path)
            except BaseException:  # a full disk must not leave a zero-byte .tmp file behind
                with contextlib.suppress(OSError):
                    os.unlink(tmp)
                raise
        else:
            self.fs.pipe_file(path, data)  # one PUT: S3 objects appear whole

    def read_bytes(self, path: str) -> bytes:
        return self.fs.cat_file(path)

    def exists(self, path: str) -> bool:
        return self.fs.exists(path)

    # ---- projects -------------------------------------------------------------------------
    def is_published(self, project_id: str) -> bool:
        return self.exists(self.path("projects", _check_id(project_id), MARKER))

    def published_record(self, project_id: str) -> dict[str, Any] | None:
        path = self.path("projects", _check_id(project_id), MARKER)
        try:
            return json.loads(self.read_bytes(path))
        except (FileNotFoundError, NotADirectoryError):
            return None

    def published(self, project_id: str) -> PublishedMarker | None:
        """The project's marker as a model; None when the project is not published."""
        raw = self.published_record(project_id)
        return None if raw is None else PublishedMarker.model_validate({"project_id": project_id, **raw})

    def publish(self, project_id: str, files: dict[str, bytes], record: dict[str, Any],
                replace: bool = False) -> tuple[str, bool]:
        """Publish a project's files at once. Returns (its folder, whether this call published it):
        a second publish of the same id changes nothing (a concurrent build of the same GDD and seed,
        a retried task) unless ``replace`` (``--force``), which puts the new files in its place."""
        final = self.project_dir(project_id)
        for rel in files:
            _check_rel(rel)
        marker = json.dumps(record, sort_keys=True, indent=1).encode()
        if self.is_published(project_id):
            if not replace:
                return final, False
            self._unpublish(project_id)
        if self.local:
            staging = self.path("projects", f".staging-{project_id}-{uuid.uuid4().hex[:8]}")
            try:
                for rel, data in sorted(files.items()):
                    self.write_bytes(os.path.join(staging, rel), data)
                self.write_bytes(os.path.join(staging, MARKER), marker)
                try:
                    os.rename(staging, final)  # atomic: the folder appears complete or not at all
                except OSError:
                    if not self.is_published(project_id):
                        raise
                    return final, False  # another build of the same id got there first
            finally:
                if os.path.isdir(staging):
                    shutil.rmtree(staging, ignore_errors=True)
        else:
            for rel, data in sorted(files.items()):
                self.write_bytes(f"{final}/{rel}", data)
            self.write_bytes(f"{final}/{MARKER}", marker)
        return final, True

    def _unpublish(self, project_id: str) -> None:
        """Take a published project out of the way of its rebuild: its marker goes first, so no reader
        ever takes the old files and the new for one project."""
        final = self.project_dir(project_id)
        if self.local:
            aside = self.path("projects", f".replaced-{project_id}-{uuid.uuid4().hex[:8]}")
            os.rename(final, aside)
            shutil.rmtree(aside, ignore_errors=True)
        else:
            self.fs.rm_file(f"{final}/{MARKER}")
            self.fs.rm(final, recursive=True)

    def list_projects(self) -> list[str]:
        base = self.path("projects")
        try:
            entries = self.fs.ls(base, detail=False)
        except FileNotFoundError:
            return []
        ids = [PurePosixPath(e.rstrip("/")).name for e in entries]
        return sorted(i for i in ids if SAFE_ID.match(i) and self.is_published(i))

    # ---- asset cache ----------------------------------------------------------------------
    def _cache_path(self, key: str) -> str:
        if not re.fullmatch(r"[0-9a-f]{16,64}", key):
            raise StorageError(f"bad cache key {key!r}")
        return self.path("cache", key[:2], f"{key}.json")

    def cache_get(self, key: str) -> Asset | None:
        try:
            raw = json.loads(self.read_bytes(self._cache_path(key)))
        except (FileNotFoundError, ValueError):
            return None
        raw["data"] = base64.b64decode(raw["data"])
        try:
            return Asset(**raw)
        except Exception:  # a cache entry from an older format is a miss, not an error
            return None

    def cache_put(self, asset: Asset) -> None:
        path = self._cache_path(asset.key)
        if self.exists(path):
            return
        raw = asset.model_dump(mode="python")
        raw["data"] = base64.b64encode(asset.data).decode()
        self.write_bytes(path, json.dumps(raw, sort_keys=True).encode())
