"""One build as a session: GDD -> spec -> plan -> assets -> bundle -> QA (-> repair) -> publish,
told as typed events (maestro.spec.events) and ending in one BuildRecord.

The session only decides the order of the stages and where each runs; the agents' logic is in
maestro.agents and the actors in maestro.pipeline.actors. An accepted build always ends published
(passed, or as failed QA with its report) or failed with a reason in the catalog: never lost.
"""

from __future__ import annotations

import os
import queue
import signal
import threading
import time
from collections import Counter
from dataclasses import dataclass
from typing import Any, Callable

import ray

from maestro import metrics
from maestro.config import Settings, load_settings
from maestro.errors import BuildError, MaestroError, StorageError
from maestro.pipeline.actors import JobOptions
from maestro.pipeline.cluster import Agents, agents, connect
from maestro.spec import (AGENT_OF_KIND, AssetDone, AssetJob, BuildEvent, BuildPlan, BuildRecord, Failed, GameSpec,
                          GeneratedAsset, Planned, Published, PublishedMarker, QARound, QualityReport, RepairMade, Reused, StageStarted)
from maestro.spec.events import CastMember, RequirementRead, Stage
from maestro.spec.plan import check_seed
from maestro.storage import ArtifactStore
from maestro.storage.store import STORAGE_HINT, is_storage_failure, storage_problem
from maestro.version import __version__

EventSink = Callable[[BuildEvent], None]


@dataclass
class BuildRequest:
    text: str
    source_name: str = "GDD"
    seed: int | None = None
    genre: str | None = None
    storage: str | None = None
    force: bool = False
    # The service names its projects by what was asked (before the GDD is read); None: the planner
    # names it from the spec (slug + hash), as the CLI does.
    project_id: str | None = None


class BuildSession:
    """Runs one build. ``on_event`` receives every event in order (the CLI's progress display, the
    service's live view)."""

    def __init__(self, req: BuildRequest, settings: Settings | None = None, on_event: EventSink | None = None,
                 startup_seconds: float | None = None) -> None:
        settings = settings or load_settings()
        if req.storage:
            settings = settings.model_copy(update={"storage": req.storage})
        if "://" not in settings.storage:  # workers may run elsewhere: hand them an absolute path
            settings = settings.model_copy(update={"storage": os.path.abspath(os.path.expanduser(settings.storage))})
        self.req = req
        self.settings = settings
        self.seed = check_seed(settings.seed if req.seed is None else req.seed)  # at the door: the catalog row holds it
        self.sinks: list[EventSink] = [on_event] if on_event else []  # metrics: the agents record them
        # The one store of this build, opened with the settings' options: the agents get this object
        # (not its URI), so every process that writes uses the same endpoint and keys.
        self.store = ArtifactStore(settings.storage, settings.storage_options)
        self.project_id = ""
        # The process's own start (interpreter, imports), when the caller measured it: it counts.
        self.startup_seconds = startup_seconds
        self._t0 = time.perf_counter() - (startup_seconds or 0.0)
        self._stage_t = self._t0

    # ---- events and timing ------------------------------------------------------------------
    def emit(self, event: BuildEvent) -> None:
        event.project_id = self.project_id
        event.t = round(time.perf_counter() - self._t0, 4)
        for sink in self.sinks:
            try:
                sink(event)
            except Exception:  # a broken display or metric must never break a build
                pass

    def _stage(self, stage: Stage, agent: str | None = None) -> None:
        self._stage_t = time.perf_counter()
        self.emit(StageStarted(stage=stage, agent=agent))  # type: ignore[arg-type]

    def _lap(self) -> float:
        return time.perf_counter() - self._stage_t

    def _get(self, ref: Any, what: str) -> Any:
        """ray.get with the session's timeout; a user-facing error comes back as itself."""
        try:
            return ray.get(ref, timeout=self.settings.timeout_seconds)
        except ray.exceptions.GetTimeoutError:
            raise BuildError(f"timed out after {self.settings.timeout_seconds:g} s waiting for {what}.",
                             "Raise MAESTRO_TIMEOUT_SECONDS, or check the cluster in the Ray dashboard.") from None
        except ray.exceptions.RayTaskError as exc:
            cause = root_cause(exc)
            if isinstance(cause, MaestroError):
                raise type(cause)(cause.message, cause.hint) from None
            raise

    # ---- the build ----------------------------------------------------------------------------
    def run(self) -> BuildRecord:
        settings, req = self.settings, self.req
        if req.genre is not None:  # bad input changes nothing: refused before any write
            from maestro.genres.registry import genre as genre_named

            genre_named(req.genre.strip().lower())
        self.store.check_writable()  # a bad --out fails here, before Ray starts
        self._stage("ray_start")
        ray_start, self.cluster = connect(settings)
        self._stage("agents_ready")
        pool = agents(settings)
        pool.ready(settings.timeout_seconds)
        agents_ready = self._lap()

        self._stage("reading", "orchestrator")
        orch = pool.one("orchestrator")
        llm = settings.llm.resolved() if settings.llm.usable() else None  # the key travels from this process
        spec: GameSpec = self._get(orch.read.remote(req.text, req.genre, req.source_name, llm, self.store),
                                   "the Orchestrator to read")
        parse = self._lap()
        self._stage("planning", "orchestrator")
        plan: BuildPlan = self._get(orch.plan.remote(spec, self.seed, req.genre is not None, req.project_id), "the plan")
        self.project_id = plan.project_id
        plan_s = self._lap()
        self.emit(Planned(title=spec.title, genre=spec.genre, mode=spec.mode, levels=len(spec.levels),
                          jobs=len(plan.jobs), per_agent=dict(Counter(AGENT_OF_KIND[j.kind] for j in plan.jobs)),
                          cast=[CastMember(name=e.name, role=e.kind) for e in spec.cast()],
                          requirements=[RequirementRead(kind=r.kind, summary=r.summary, term=r.term)
                                        for r in spec.requirements]))
        record = self._base_record(plan, {"startup": self.startup_seconds, "ray_start": ray_start, "agents_ready": agents_ready, "parse": parse,
                                           "plan": plan_s})

        existing = self.store.published(plan.project_id)
        if existing is not None and not req.force:
            return self._reused(record, plan, existing)
        try:
            return self._build(record, plan, pool)
        except BaseException as exc:  # the project was accepted: record why it failed
            reason = stop_reason(exc) or failure_reason(exc)
            record = record.model_copy(update={"status": "failed", "error": reason,
                                               "seconds": time.perf_counter() - self._t0})
            self._catalog(record, pool)
            self.emit(Failed(reason=reason))
            if not isinstance(exc, Exception):
                raise
            if is_storage_failure(root_cause(exc)):
                raise StorageError(f"build of '{spec.title}' failed writing to the storage {self.store.uri!r}: "
                                   f"{storage_problem(root_cause(exc))}.", STORAGE_HINT) from None
            raise BuildError(f"build of '{spec.title}' failed: {reason}") from exc

    def _build(self, record: BuildRecord, plan: BuildPlan, pool: Agents) -> BuildRecord:
        settings = self.settings
        opts = JobOptions(store=self.store, use_cache=settings.use_cache, level_attempts=settings.level_attempts)
        if settings.qa:  # QA's Chromium starts while the assets are made (its check waits for it)
            pool.one("query").prepare.remote(_qa_browser(settings))
        self._stage("generating")
        assets = {g.asset.ident: g for g in self._fan_out(pool, plan.jobs, opts)}
        assets_s = self._lap()
        assemble_s = qa_s = 0.0
        report: QualityReport | None = None
        qa_files: dict[str, bytes] = {}
        repairs: list[str] = []
        rounds = settings.qa_rounds if settings.qa else 0
        builder, query = pool.one("builder"), pool.one("query")
        for round_ in range(rounds + 1):
            self._stage("assembling", "builder")
            files = self._get(builder.assemble.remote(plan, [assets[j.ident].asset for j in plan.jobs]), "the Builder")
            assemble_s += self._lap()
            if not settings.qa:
                break
            self._stage("checking", "query")
            report, qa_files = self._get(
                query.check.remote(files, _qa_browser(settings), settings.qa_smoke_seconds, repairs), "QA")
            qa_s += self._lap()
            self.emit(QARound(round=round_, passed=report.passed, score=report.score, fidelity=report.fidelity))
            # A rules module (the LLM path's) whose own check failed goes, even when the rest passed:
            # the family's rules are the floor, and nothing unproven stays in the game.
            failed_rules = any(c.id.startswith("rules:") and c.passed is False for c in report.checks)
            if (report.passed and not failed_rules) or round_ == rounds:
                break
            revised, reasons = self._get(pool.one("orchestrator").revise.remote(plan, report, round_ + 1), "the revision")
            old_keys = {j.key for j in plan.jobs}
            again = [j for j in revised.jobs if j.key not in old_keys]  # only what changed is made again
            if not again:
                break
            self._stage("repairing")
            for generated in self._fan_out(pool, again, opts):
                assets[generated.asset.ident] = generated
            assets_s += self._lap()
            plan = revised
            repairs += [f"round {round_ + 1}: {r}" for r in reasons]
            self.emit(RepairMade(round=round_ + 1, jobs=[f"{j.kind}/{j.name}" for j in again], reasons=reasons))

        self._stage("publishing", "builder")
        summary = None if report is None else {"passed": report.passed, "score": report.score,
                                               "fidelity": report.fidelity, "headline": report.headline}
        folder, fresh = self._get(builder.publish.remote(plan, files, qa_files, self.store, summary,
                                                         self.req.force), "the Builder to publish")
        publish_s = self._lap()
        if not fresh:  # a concurrent build of the same GDD and seed published first: one project, one row
            marker = self.store.published(plan.project_id)
            if marker is not None:
                # (its row is that build's to write: recording it here too could make two)
                return self._reused(record, plan, marker, by="a concurrent build of the same GDD and seed", heal=False)
        cached = sum(1 for j in plan.jobs if assets[j.ident].cached)
        per_agent: dict[str, float] = {}
        for j in plan.jobs:
            g = assets[j.ident]
            per_agent[g.agent] = per_agent.get(g.agent, 0.0) + g.seconds
        qa_status = "skipped" if report is None else ("passed" if report.passed else "failed")
        record = record.model_copy(update={
            "status": "failed" if qa_status == "failed" else "published",
            "error": "" if report is None or report.passed else "QA: " + "; ".join(report.failures)[:500],
            "seconds": time.perf_counter() - self._t0, "assets_seconds": assets_s, "assemble_seconds": assemble_s,
            "qa_seconds": qa_s if report is not None else None, "publish_seconds": publish_s,
            "assets": len(plan.jobs), "cached_assets": cached, "agent_seconds": per_agent,
            "sprites": sum(1 for j in plan.jobs if j.kind in ("sprite", "tile", "icon")),
            "sounds": sum(1 for j in plan.jobs if j.kind in ("sfx", "music")),
            "qa_status": qa_status, "qa_score": None if report is None else report.score,
            "qa_fidelity": None if report is None else report.fidelity,
            "qa_headline": "" if report is None else report.headline,
            "qa_failures": [] if report is None else list(report.failures), "repairs": repairs,
            "warnings": record.warnings + _eased(plan, assets),
            "build_notes": [f"{cached} of {len(plan.jobs)} assets came from the cache"],
            "report_path": self.store.display(folder + "/report.html") if report is not None else "",
            **self._where(plan, folder),
        })
        self._catalog(record, pool)
        self.emit(Published(status=record.status, index_path=record.index_path))
        return record

    def _catalog(self, record: BuildRecord, pool: Agents) -> None:
        """The Builder appends the row and records the build's metrics; when it cannot (the failure
        may be the Builder's), this process does both, so an accepted build is never left out."""
        try:
            self._get(pool.one("builder").record.remote(record, self.store), "the catalog row")
        except Exception:
            from maestro.storage import Catalog

            metrics.record_build(record)
            try:
                Catalog(self.store).append(record)
            except Exception as exc:  # the storage itself is failing: the caller's error says so
                if not is_storage_failure(exc):
                    raise

    def _fan_out(self, pool: Agents, jobs: list[AssetJob], opts: JobOptions) -> list[GeneratedAsset]:
        """Every job on its agent kind's replicas (one ActorPool per kind, drained by one thread
        each so a slow kind never holds up another's next job); events as each asset arrives."""
        by_kind: dict[str, list[AssetJob]] = {}
        for job in jobs:
            by_kind.setdefault(AGENT_OF_KIND[job.kind], []).append(job)
        results: queue.Queue[GeneratedAsset | BaseException] = queue.Queue()
        timeout = self.settings.timeout_seconds

        def drain(kind: str, kind_jobs: list[AssetJob]) -> None:
            actors = pool.pool(kind)
            try:
                for job in kind_jobs:
                    actors.submit(lambda actor, j: actor.generate.remote(j, opts), job)
                while actors.has_next():
                    results.put(actors.get_next_unordered(timeout=timeout))
            except BaseException as exc:  # handed to the session's thread, which raises it
                results.put(exc)

        threads = [threading.Thread(target=drain, args=item, daemon=True, name=f"maestro-{item[0]}")
                   for item in by_kind.items()]
        for t in threads:
            t.start()
        out: list[GeneratedAsset] = []
        while len(out) < len(jobs):
            try:
                item = results.get(timeout=timeout + 5)
            except queue.Empty:
                raise BuildError(f"timed out after {timeout:g} s waiting for assets.",
                                 "Raise MAESTRO_TIMEOUT_SECONDS, or check the cluster in the Ray dashboard.") from None
            if isinstance(item, TimeoutError):
                raise BuildError(f"timed out after {timeout:g} s waiting for an asset.",
                                 "Raise MAESTRO_TIMEOUT_SECONDS, or check the cluster in the Ray dashboard.") from None
            if isinstance(item, BaseException):
                cause = root_cause(item)
                if isinstance(cause, MaestroError):
                    raise type(cause)(cause.message, cause.hint) from None
                raise item
            out.append(item)
            self.emit(AssetDone(agent=item.agent, kind=item.asset.kind, name=item.asset.name, cached=item.cached,
                                seconds=round(item.seconds, 4)))
        return out

    # ---- the record ---------------------------------------------------------------------------
    def _base_record(self, plan: BuildPlan, stages: dict[str, float | None]) -> BuildRecord:
        spec = plan.spec
        reading = spec.reading
        used = {} if reading is None else {
            "llm_model": reading.model, "llm_parts": reading.from_model(), "llm_calls": reading.usage.calls,
            "llm_cached_calls": reading.usage.cached_calls, "llm_input_tokens": reading.usage.input_tokens,
            "llm_output_tokens": reading.usage.output_tokens,
            "llm_cost_usd": self.settings.llm.cost(reading.usage.input_tokens, reading.usage.output_tokens)}
        return BuildRecord(
            project_id=plan.project_id, title=spec.title, genre=spec.genre, mode=spec.mode,
            gdd_sha256=spec.gdd_sha256, seed=plan.seed, maestro_version=__version__, status="failed",
            ray_cluster=self.cluster,
            levels=len(spec.levels), assets=len(plan.jobs), genre_note=spec.genre_note,
            warnings=list(spec.warnings), not_understood=list(spec.notes),
            **{f"{name}_seconds": value for name, value in stages.items()}, **used,
        )

    def _where(self, plan: BuildPlan, folder: str) -> dict[str, str]:
        return {"bundle_uri": self.store.display(f"{folder}/game"),
                "index_path": self.store.display(f"{folder}/game/index.html"),
                "zip_uri": self.store.display(f"{folder}/{plan.spec.slug}.zip")}

    def _reused(self, record: BuildRecord, plan: BuildPlan, marker: PublishedMarker,
                by: str = "the build made before from the same GDD and seed", heal: bool = True) -> BuildRecord:
        """The same GDD + seed + Maestro was published before: keep it (``--force`` rebuilds). When
        the run that published it was stopped before its catalog row, the row is written now."""
        from maestro.storage import Catalog

        folder = self.store.project_dir(plan.project_id)
        where = self._where(plan, folder)
        report = self.store.display(folder + "/report.html") if marker.qa is not None else ""
        notes = [f"reused {by} (use --force to rebuild)"]
        catalog = Catalog(self.store)
        if heal and not catalog.recorded(plan.project_id):
            catalog.record_published(marker, mode=record.mode, gdd_sha256=record.gdd_sha256, levels=record.levels,
                                     maestro_version=record.maestro_version, report_path=report, **where)
            notes.append("its catalog row was missing (the run that built it was stopped): recorded now")
        record = record.model_copy(update={
            **marker.outcome(), "reused": True, "seconds": time.perf_counter() - self._t0,
            "report_path": report, "build_notes": notes, **where,
        })
        self.emit(Reused(folder=self.store.display(folder)))
        return record


def run_build(req: BuildRequest, settings: Settings | None = None, on_event: EventSink | None = None,
              startup_seconds: float | None = None) -> BuildRecord:
    """Build one project end to end on Ray. Returns published or failed, never half-written."""
    return BuildSession(req, settings, on_event, startup_seconds).run()


def _eased(plan: BuildPlan, assets: dict[tuple[str, str], GeneratedAsset]) -> list[str]:
    """The levels the Labyrinth had to make easier than asked (its proof summary says so)."""
    levels = sorted((j for j in plan.jobs if j.kind == "level"), key=lambda j: int(j.params["req"]["index"]))
    return [f"level {int(j.params['req']['index']) + 1}: {assets[j.ident].asset.meta['eased']}"
            for j in levels if assets[j.ident].asset.meta.get("eased")]


def _qa_browser(settings: Settings) -> bool | None:
    return {"auto": None, "on": True, "off": False}[settings.qa_browser]


def root_cause(exc: BaseException) -> BaseException:
    """Ray wraps a task's exception (in layers, across actors); the user wants the original."""
    while getattr(exc, "cause", None) is not None and exc.cause is not exc:  # type: ignore[attr-defined]
        exc = exc.cause  # type: ignore[attr-defined]
    return exc


def stop_reason(exc: BaseException) -> str:
    """Why a build was stopped from outside (Ctrl-C, a signal, an exit), in words; "" when it was not.
    Ray's driver turns SIGTERM into SystemExit(15): that is a stop, not a failure whose reason is "15"."""
    if isinstance(exc, KeyboardInterrupt):
        return "interrupted (Ctrl-C)"
    if isinstance(exc, SystemExit):
        code = exc.code
        if isinstance(code, int) and code > 0:
            signum = code - 128 if code > 128 else code
            try:
                return f"stopped by {signal.Signals(signum).name}"
            except ValueError:
                pass
        return f"stopped (the process exited with {code!r})"
    return ""


def failure_reason(exc: BaseException) -> str:
    cause = root_cause(exc)
    if isinstance(cause, MaestroError):
        return str(cause)
    if is_storage_failure(cause):
        return f"storage: {storage_problem(cause)}"
    text = str(cause).strip().splitlines()
    return (text[-1] if text else type(cause).__name__)[:300]

