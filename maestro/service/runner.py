"""The build runner: the Serve deployment that runs the projects the API accepts.

One replica by design: it is the one writer of the projects' states, so identical requests meet
at one build without a distributed lock. It runs nothing heavy itself: each build is a
``BuildSession`` (maestro.pipeline.session) in one of its threads, whose work runs in the shared
agent actors, so ``builds_at_once`` bounds what the service asks of the cluster. A build is never
run inside an HTTP request.

When its replica starts (first deploy, a crash, a redeploy), it resumes every accepted project
that has no final state: an accepted project always ends published or failed with a reason.
"""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from ray import serve

from maestro import metrics
from maestro.config import load_settings
from maestro.service.models import ProjectState, ServiceArgs, Submission
from maestro.service.projects import ProjectBook, apply, finish
from maestro.storage import ArtifactStore

log = logging.getLogger("maestro.service")


class _Live:
    """One running project: its state and events, written to the store by the flusher (a build's
    thread never waits on storage for an event)."""

    def __init__(self, state: ProjectState, events: list[dict[str, Any]]) -> None:
        self.state, self.events, self.dirty = state, events, True
        # One write at a time per project, each of the newest snapshot: an older state can never
        # land after a newer one.
        self.writing = threading.Lock()


@serve.deployment(num_replicas=1, max_ongoing_requests=200, health_check_period_s=5)
class BuildRunner:
    def __init__(self, args: ServiceArgs) -> None:
        self.settings = load_settings(storage=args.storage)
        self.book = ProjectBook(ArtifactStore(self.settings.storage, self.settings.storage_options))
        self.lock = threading.RLock()  # submit() holds it while _start() takes it again
        self.live: dict[str, _Live] = {}
        self.running = 0  # builds a thread is running now (the rest of `live` wait for one)
        self.pool = ThreadPoolExecutor(max_workers=args.builds_at_once, thread_name_prefix="maestro-build")
        self._stop = threading.Event()
        threading.Thread(target=self._flusher, daemon=True, name="maestro-flush").start()
        resumed = self.book.unfinished()
        for pid in resumed:
            self._start(pid)
        if resumed:
            log.info("resuming %d unfinished project(s): %s", len(resumed), ", ".join(resumed))

    # ---- what the ingress calls -----------------------------------------------------------
    def submit(self, sub: Submission) -> tuple[ProjectState, bool]:
        """Accept a submission (or find the project it already is): returns at once."""
        with self.lock:
            live = self.live.get(sub.project_id)
            if live is not None:
                return live.state.model_copy(deep=True), False
            state, created = self.book.accept(sub)
            if created:
                self._start(state.id)
            return state, created

    def running(self) -> list[str]:
        with self.lock:
            return sorted(self.live)

    # ---- builds ---------------------------------------------------------------------------
    def _start(self, pid: str) -> None:
        state = self.book.state(pid)
        if state is None:
            return
        state.attempts += 1
        state.status, state.stage = "queued", None
        with self.lock:
            self.live[pid] = _Live(state, self.book.events(pid))
        self.pool.submit(self._run, pid)

    def _on_event(self, pid: str, event: Any) -> None:
        raw = event.model_dump(mode="json")
        raw["project_id"] = pid
        with self.lock:
            live = self.live[pid]
            live.events.append(raw)
            apply(live.state, raw)
            live.dirty = True

    def _run(self, pid: str) -> None:
        from maestro.pipeline.session import BuildRequest, BuildSession, failure_reason

        live = self.live[pid]
        sub = self.book.request(pid)
        with self.lock:
            self.running += 1
            self._depth()
        try:
            if sub is None:
                raise RuntimeError("the project's request is missing from the store")
            req = BuildRequest(text=sub.gdd, source_name="GDD", seed=sub.seed, genre=sub.genre, project_id=pid)
            record = BuildSession(req, self.settings, on_event=lambda ev: self._on_event(pid, ev)).run()
            with self.lock:
                finish(live.state, record)
        except Exception as exc:  # the session recorded a failed row; the project says why
            with self.lock:
                live.state.status, live.state.stage = "failed", None
                live.state.reason = live.state.reason or failure_reason(exc)
        finally:
            with self.lock:
                live.dirty = True
            self._flush(pid)
            with self.lock:
                self.live.pop(pid, None)
                self.running -= 1
                self._depth()

    def _depth(self) -> None:
        metrics.queue_depth("service", len(self.live) - self.running, self.running)

    # ---- the store ------------------------------------------------------------------------
    def _flush(self, pid: str) -> None:
        live = self.live.get(pid)
        if live is None:
            return
        with live.writing:
            with self.lock:
                if not live.dirty:
                    return
                live.dirty = False
                state, events = live.state.model_copy(deep=True), list(live.events)
            # Events first: a reader that sees a final state then finds every event before it.
            self.book.save_events(pid, events)
            self.book.save(state)

    def _flusher(self) -> None:
        while not self._stop.is_set():
            for pid in list(self.live):
                try:
                    self._flush(pid)
                except Exception:  # storage hiccup: the next round writes it again
                    log.exception("could not save project %s", pid)
                    with self.lock:
                        if pid in self.live:
                            self.live[pid].dirty = True
            time.sleep(0.1)

    def __del__(self) -> None:
        self._stop.set()
