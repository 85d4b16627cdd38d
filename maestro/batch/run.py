"""A batch: every item built through the same pipeline as the CLI, spread over the cluster.

Each build is a Ray task that runs one ``BuildSession`` (its work runs in the shared agent
actors); the driver keeps at most ``max_in_flight`` of them submitted (``ray.wait``), so it never
floods the cluster, and prints progress as each one ends. A task whose node is lost is retried by
Ray; one that still cannot finish is a failed row with the reason.

Idempotent: the output store keeps a ledger (``batch/<id>.json``, the item's last end). An item
whose project is published is skipped; one that failed is skipped unless ``retry_failed``; the rest
are built. A job killed half-way and submitted again loses nothing and duplicates nothing: what was
published stays, what was not is built again, and only a build that ends appends a catalog row.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from typing import Any, Callable

import ray

from maestro import metrics
from maestro.batch.inputs import BatchItem
from maestro.config import Settings
from maestro.spec import BuildRecord
from maestro.storage import ArtifactStore, Catalog
from maestro.version import __version__

Log = Callable[[str], None]


@dataclass
class ItemResult:
    item: BatchItem
    status: str  # published | failed
    qa: str | None = None  # passed | failed | skipped | None
    reason: str = ""
    seconds: float = 0.0
    fidelity: float | None = None
    skipped: str = ""  # why it was not built this time ("published before", "failed before")

    @property
    def passed(self) -> bool:
        return self.status == "published" and self.qa in ("passed", "skipped", None)


@dataclass
class BatchSummary:
    results: list[ItemResult] = field(default_factory=list)
    seconds: float = 0.0
    results_path: str = ""

    @property
    def all_passed(self) -> bool:
        return all(r.passed for r in self.results)


@ray.remote(num_cpus=0.05, max_retries=2, retry_exceptions=False)
def build_item(item: BatchItem, settings: Settings) -> BuildRecord:
    """One item through the CLI's pipeline (a task: Ray retries it if its node is lost)."""
    from maestro.pipeline.session import BuildRequest, BuildSession

    req = BuildRequest(text=item.text or "", source_name=item.name, seed=item.seed, genre=item.genre,
                       project_id=item.id)
    return BuildSession(req, settings).run()


class Batch:
    def __init__(self, items: list[BatchItem], settings: Settings, retry_failed: bool = False,
                 max_in_flight: int | None = None, log: Log = print) -> None:
        self.items, self.settings, self.retry_failed, self.log = items, settings, retry_failed, log
        self.store = ArtifactStore(settings.storage, settings.storage_options)
        self.max_in_flight = max_in_flight or _default_in_flight()
        self.done: list[ItemResult] = []
        self._built = self._to_build = 0  # builds ended / to build this run (for the progress line)
        self._t0 = time.perf_counter()

    # ---- the ledger ---------------------------------------------------------------------------
    def _ledger_path(self, item: BatchItem) -> str:
        return self.store.path("batch", f"{item.id}.json")

    def _before(self, item: BatchItem) -> ItemResult | None:
        """What an earlier run left for this item that this run keeps (None: build it)."""
        marker = self.store.published(item.id)
        if marker is not None:
            return ItemResult(item, marker.status, marker.qa_status, fidelity=marker.outcome()["qa_fidelity"],
                              skipped="published before", reason=marker.outcome()["error"])
        if self.retry_failed:
            return None
        try:
            ledger = json.loads(self.store.read_bytes(self._ledger_path(item)))
        except (FileNotFoundError, ValueError):
            return None
        if ledger.get("status") == "failed":
            return ItemResult(item, "failed", reason=ledger.get("reason", ""), skipped="failed before")
        return None

    def _end(self, result: ItemResult) -> None:
        self.store.write_bytes(self._ledger_path(result.item), json.dumps(
            {"status": result.status, "qa": result.qa, "reason": result.reason, "source": result.item.source,
             "seed": result.item.seed, "maestro_version": __version__}, sort_keys=True).encode())
        self.done.append(result)
        self._progress(result)

    # ---- the run ------------------------------------------------------------------------------
    def run(self) -> BatchSummary:
        todo, unreadable = [], []
        for item in self.items:
            before = self._before(item)
            if before is not None:
                self.done.append(before)
            else:
                (unreadable if item.error else todo).append(item)
        self.log(f"[batch] {len(self.items)} item(s): {len(self.done)} kept from an earlier run, {len(unreadable)} "
                 f"unreadable, {len(todo)} to build, at most {self.max_in_flight} at once")
        for item in unreadable:
            self._end(self._failed_row(item, item.error, 0.0))
        self._to_build = len(todo)
        in_flight: dict[Any, tuple[BatchItem, float]] = {}
        queue = list(reversed(todo))
        deadline_s = self.settings.timeout_seconds * 4  # a build's own waits each have a timeout
        while queue or in_flight:
            while queue and len(in_flight) < self.max_in_flight:
                item = queue.pop()
                in_flight[build_item.remote(item, self.settings)] = (item, time.perf_counter())
            metrics.queue_depth("batch", len(queue), len(in_flight))
            ready, _ = ray.wait(list(in_flight), num_returns=1, timeout=10.0)
            for ref in ready:
                item, started = in_flight.pop(ref)
                self._built += 1
                self._end(self._collect(ref, item, started))
            now = time.perf_counter()
            for ref, (item, started) in list(in_flight.items()):
                if now - started > deadline_s:
                    ray.cancel(ref, force=True)
                    in_flight.pop(ref)
                    self._built += 1
                    self._end(self._failed_row(item, f"did not end within {deadline_s:g} s", now - started))
        metrics.queue_depth("batch", 0, 0)
        summary = BatchSummary(self.done, time.perf_counter() - self._t0)
        summary.results_path = self._write_results()
        return summary

    def _collect(self, ref: Any, item: BatchItem, started: float) -> ItemResult:
        from maestro.pipeline.session import failure_reason

        seconds = time.perf_counter() - started
        try:
            record: BuildRecord = ray.get(ref, timeout=60)
        except Exception as exc:  # the session recorded its failed row; a lost task did not
            reason = failure_reason(exc)
            if isinstance(exc, (ray.exceptions.WorkerCrashedError, ray.exceptions.NodeDiedError,
                                ray.exceptions.TaskCancelledError, ray.exceptions.OwnerDiedError)):
                return self._failed_row(item, f"the build's worker was lost ({type(exc).__name__}): {reason}",
                                        seconds)
            return ItemResult(item, "failed", reason=reason, seconds=seconds)
        return ItemResult(item, record.status, record.qa_status, record.error, seconds, record.qa_fidelity)

    def _failed_row(self, item: BatchItem, reason: str, seconds: float) -> ItemResult:
        """A failed row in the catalog for an item no session recorded (unreadable, or lost)."""
        Catalog(self.store).append(BuildRecord(project_id=item.id, title=item.name, seed=item.seed, status="failed",
                                               error=reason[:500], maestro_version=__version__, seconds=seconds,
                                               not_understood=[f"source: {item.source}"]))
        return ItemResult(item, "failed", reason=reason, seconds=seconds)

    def _progress(self, result: ItemResult) -> None:
        elapsed = time.perf_counter() - self._t0
        published = sum(1 for r in self.done if r.status == "published")
        failed = len(self.done) - published
        rate = self._built / elapsed * 60 if elapsed > 0 and self._built else 0.0
        left = self._to_build - self._built
        eta = f"{left / rate * 60:.0f} s" if rate > 0 and left > 0 else "-"
        verdict = result.status + (f", QA {result.qa}" if result.qa else "") + (f": {result.reason[:120]}"
                                                                             if result.reason else "")
        self.log(f"[batch] {len(self.done)}/{len(self.items)} · {result.item.name} (seed {result.item.seed}) "
                 f"{verdict} in {result.seconds:.1f} s · {published} published, {failed} failed · "
                 f"{rate:.1f} builds/min · ETA {eta}")

    def _write_results(self) -> str:
        """This run's items as one Parquet table (the catalog's schema: each item's latest row)."""
        import io

        import pyarrow as pa
        import pyarrow.parquet as pq

        from maestro.storage.catalog import CATALOG_SCHEMA

        ids = {r.item.id for r in self.done}
        latest: dict[str, dict[str, Any]] = {}
        for row in Catalog(self.store).read().to_pylist():
            if row["project_id"] in ids:
                latest[row["project_id"]] = row  # the catalog reads oldest first
        rows = [latest[r.item.id] for r in self.done if r.item.id in latest]
        buf = io.BytesIO()
        pq.write_table(pa.Table.from_pylist(rows, schema=CATALOG_SCHEMA), buf)
        path = self.store.path("batch", f"results-{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}.parquet")
        self.store.write_bytes(path, buf.getvalue())
        return self.store.display(path)


def _default_in_flight() -> int:
    """Two builds per CPU of the cluster: a build mostly waits on its agents."""
    try:
        cpus = int(ray.cluster_resources().get("CPU", 2))
    except Exception:
        cpus = 2
    return max(2, 2 * cpus)


def summary_table(summary: BatchSummary) -> str:
    """The table printed at the end of the job's log."""
    rows = [("item", "seed", "status", "QA", "fidelity", "seconds", "note")]
    for r in summary.results:
        rows.append((r.item.name[:32], str(r.item.seed), r.status, r.qa or "-",
                     "-" if r.fidelity is None else f"{r.fidelity:.0%}", f"{r.seconds:.1f}",
                     (r.skipped + (": " if r.skipped and r.reason else "") + r.reason)[:70]))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    published = sum(1 for r in summary.results if r.status == "published")
    built = sum(1 for r in summary.results if not r.skipped and not r.item.error)
    rate = built / summary.seconds * 60 if summary.seconds else 0.0
    lines.append(f"{len(summary.results)} item(s): {published} published, {len(summary.results) - published} failed, "
                 f"{built} built this run in {summary.seconds:.1f} s ({rate:.1f} builds/min)")
    return "\n".join(lines)
