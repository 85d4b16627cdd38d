"""The Ray wiring: agents as named actors, one Ray task per asset job, the run of one project.

Everything that decides *what* to make lives in maestro.agents (plain Python, tested without
Ray). This module only decides *where* it runs:

- each agent kind is a pool of named actors (``maestro-canvas-0`` ...), sized from settings
  (replicas, CPUs, memory, restarts), created once per Ray cluster and reused by every build;
- every asset job is one actor task on its kind's pool (round-robin), with its own seed;
- the Builder actor receives the refs and assembles as they complete (``ray.wait``), then
  publishes; the driver watches the same refs to show progress.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any, Callable

import ray

from maestro import metrics
from maestro.agents import builder as builder_logic
from maestro.agents import orchestrator
from maestro.agents.generators import AGENT_OF_KIND, generate
from maestro.config import Settings, load_settings
from maestro.errors import BuildError, MaestroError
from maestro.spec import Asset, AssetJob, BuildPlan, BuildResult, GameSpec
from maestro.storage import ArtifactStore, Catalog

@dataclass
class Generated:
    """What an asset task returns: the asset, and how it was obtained."""

    asset: Asset
    agent: str
    seconds: float
    cached: bool = False


@dataclass(frozen=True)
class JobOptions:
    """Per-build settings a generator needs (actors are shared by builds with other settings)."""

    storage: str
    use_cache: bool = True
    level_attempts: int = 12


class GeneratorAgent:
    """Canvas, Sonata, Labyrinth and Codex share this shape: take a job, return an asset."""

    kind = ""

    def __init__(self) -> None:
        self.stores: dict[str, ArtifactStore] = {}

    def generate(self, job: AssetJob, opts: JobOptions) -> Generated:
        t0 = time.perf_counter()
        store = None
        if opts.use_cache:
            store = self.stores.get(opts.storage) or self.stores.setdefault(opts.storage, ArtifactStore(opts.storage))
            hit = store.cache_get(job.key)
            if hit is not None:
                return Generated(hit, self.kind, time.perf_counter() - t0, cached=True)
        asset = generate(job, opts.level_attempts)
        if store is not None:
            try:
                store.cache_put(asset)
            except Exception:  # a cache that cannot be written only costs speed next time
                pass
        seconds = time.perf_counter() - t0
        metrics.record_asset(self.kind, job.kind, seconds)
        return Generated(asset, self.kind, seconds)


class CanvasAgent(GeneratorAgent):
    kind = "canvas"


class SonataAgent(GeneratorAgent):
    kind = "sonata"


class LabyrinthAgent(GeneratorAgent):
    kind = "labyrinth"


class CodexAgent(GeneratorAgent):
    kind = "codex"


class OrchestratorAgent:
    def read(self, text: str, genre: str | None, source_name: str) -> GameSpec:
        from maestro.gdd import parse_gdd

        return parse_gdd(text, genre=genre, source_name=source_name)

    def plan(self, spec: GameSpec, seed: int, genre_forced: bool) -> BuildPlan:
        return orchestrator.plan(spec, seed, orchestrator.project_id(spec, seed, genre_forced))


class BuilderAgent:
    def assemble(self, plan: BuildPlan, refs: list) -> dict:
        """Add assets as their tasks complete (ray.wait), then write the bundle's files."""
        assembler = builder_logic.BundleAssembler(plan)
        pending = list(refs)
        cached = 0
        agent_seconds: dict[str, float] = {}
        while pending:
            done, pending = ray.wait(pending, num_returns=1)
            generated: Generated = ray.get(done[0])
            cached += int(generated.cached)
            agent_seconds[generated.agent] = agent_seconds.get(generated.agent, 0.0) + generated.seconds
            assembler.add(generated.asset)
        t0 = time.perf_counter()
        files = assembler.finish()
        eased = [f"level {int(a.name.removeprefix('level')) + 1}: {a.meta['eased']}"
                 for (kind, _), a in sorted(assembler.assets.items()) if kind == "level" and a.meta.get("eased")]
        return {"files": files, "build_seconds": time.perf_counter() - t0, "cached": cached,
                "agent_seconds": agent_seconds, "eased": eased}

    def publish(self, plan: BuildPlan, assembled: dict, qa: dict | None, store_uri: str) -> dict:
        """Publish the bundle and its QA report atomically (the report sits beside game/)."""
        files = dict(assembled["files"])
        if qa is not None:
            files.update(qa["files"])
        store = ArtifactStore(store_uri)
        record = {"project_id": plan.project_id, "title": plan.spec.title, "genre": plan.spec.genre,
                  "seed": plan.seed, "qa": (qa or {}).get("summary")}
        t1 = time.perf_counter()
        folder = store.publish(plan.project_id, files, record)
        return {"folder": folder, "zip": f"{folder}/{plan.spec.slug}.zip", "publish_seconds": time.perf_counter() - t1,
                "build_seconds": assembled["build_seconds"], "cached": assembled["cached"],
                "agent_seconds": assembled["agent_seconds"], "eased": assembled.get("eased", [])}


class QueryAgent:
    """Plays and checks a bundle before it is published (see maestro.agents.query)."""

    def check(self, plan: BuildPlan, assembled: dict, browser: bool | None, smoke_seconds: float) -> dict:
        from maestro.agents.query.qa import check_bundle

        game = {p[len("game/"):]: b for p, b in assembled["files"].items() if p.startswith("game/")}
        t0 = time.perf_counter()
        report, extra = check_bundle(game, browser=browser, smoke_seconds=smoke_seconds)
        seconds = time.perf_counter() - t0
        _safe(lambda: metrics.QA_SCORE.labels(genre=plan.spec.genre).set(report.score))
        return {
            "report": report.model_dump(mode="json"), "files": dict(extra), "seconds": seconds,
            "summary": {"passed": report.passed, "score": report.score, "fidelity": report.fidelity},
        }


AGENT_CLASSES = {
    "orchestrator": OrchestratorAgent, "canvas": CanvasAgent, "sonata": SonataAgent,
    "labyrinth": LabyrinthAgent, "codex": CodexAgent, "builder": BuilderAgent, "query": QueryAgent,
}


def ensure_ray(settings: Settings, **init_kwargs: Any) -> None:
    """Join the configured cluster, the job's cluster (RAY_ADDRESS), or start a local instance."""
    if ray.is_initialized():
        return
    if settings.ray_address:
        address = settings.ray_address
    elif os.environ.get("RAY_ADDRESS"):
        address = None  # inside `ray job submit`: join the cluster the job runs on
    else:
        address = "local"  # never silently join a cluster someone left running
    init_kwargs.setdefault("log_to_driver", False)
    init_kwargs.setdefault("configure_logging", False)
    try:
        ray.init(address=address, namespace=settings.ray_namespace, **init_kwargs)
    except ConnectionError as exc:
        raise MaestroError(f"cannot reach Ray at {address}: {exc}", "Check MAESTRO_RAY_ADDRESS.") from None


class Agents:
    """Handles to every agent actor of this cluster (created on first use, then reused)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cluster = ray.get_runtime_context().gcs_address
        self.pools: dict[str, list] = {}
        for kind, cls in AGENT_CLASSES.items():
            size = settings.agent(kind)
            remote_cls = ray.remote(cls)
            opts: dict[str, Any] = {
                "num_cpus": size.num_cpus, "max_restarts": size.max_restarts, "max_task_retries": 2,
                "lifetime": None, "get_if_exists": True,
            }
            if size.memory_mb:
                opts["memory"] = size.memory_mb * 1024 * 1024
            self.pools[kind] = [
                remote_cls.options(name=f"maestro-{kind}-{i}", **opts).remote() for i in range(size.replicas)
            ]
        self._next = {kind: 0 for kind in self.pools}

    def one(self, kind: str):
        pool = self.pools[kind]
        actor = pool[self._next[kind] % len(pool)]
        self._next[kind] += 1
        return actor


_AGENTS: Agents | None = None


def agents(settings: Settings) -> Agents:
    global _AGENTS
    if (_AGENTS is None or _AGENTS.settings.agents != settings.agents
            or _AGENTS.cluster != ray.get_runtime_context().gcs_address):
        _AGENTS = Agents(settings)
    return _AGENTS


ProgressFn = Callable[[str, dict[str, Any]], None]


@dataclass
class BuildRequest:
    text: str
    source_name: str = "GDD"
    seed: int | None = None
    genre: str | None = None
    storage: str | None = None
    force: bool = False


def run_build(req: BuildRequest, settings: Settings | None = None, progress: ProgressFn | None = None) -> BuildResult:
    """Build one project end to end on Ray. Returns published or failed, never half-written."""
    settings = settings or load_settings()
    if req.storage:
        settings = settings.model_copy(update={"storage": req.storage})
    if "://" not in settings.storage:  # workers may run elsewhere: hand them an absolute path
        settings = settings.model_copy(update={"storage": os.path.abspath(os.path.expanduser(settings.storage))})
    seed = settings.seed if req.seed is None else req.seed
    emit = progress or (lambda event, info: None)
    store = ArtifactStore(settings.storage)
    catalog = Catalog(store)
    t_start = time.perf_counter()
    ensure_ray(settings)
    pool = agents(settings)
    emit("stage", {"stage": "reading", "agent": "orchestrator"})
    orch = pool.one("orchestrator")
    spec: GameSpec = _get(orch.read.remote(req.text, req.genre, req.source_name))
    plan: BuildPlan = _get(orch.plan.remote(spec, seed, req.genre is not None))
    parse_seconds = time.perf_counter() - t_start
    emit("plan", {"spec": spec, "plan": plan})
    _safe(lambda: metrics.PROJECTS.labels(status="accepted").inc())

    existing = store.published_record(plan.project_id)
    if existing is not None and not req.force:
        emit("reused", {"project_id": plan.project_id})
        folder = store.project_dir(plan.project_id)
        return _result(plan, spec, "published", store, folder, time.perf_counter() - t_start, {}, reused=True)

    row_base = {"project_id": plan.project_id, "title": spec.title, "genre": spec.genre, "mode": spec.mode,
                "gdd_sha256": spec.gdd_sha256, "seed": seed, "parse_seconds": parse_seconds,
                "levels": len(spec.levels), "warnings": len(spec.warnings)}
    opts = JobOptions(storage=settings.storage, use_cache=settings.use_cache, level_attempts=settings.level_attempts)
    t_assets = time.perf_counter()
    try:
        refs, kind_of = [], {}
        for job in plan.jobs:
            agent = AGENT_OF_KIND[job.kind]
            ref = pool.one(agent).generate.remote(job, opts)
            refs.append(ref)
            kind_of[ref] = (agent, job)
        emit("fanout", {"jobs": len(refs), "per_agent": _count(kind_of.values())})
        repairs: list[str] = []
        qa: dict | None = None
        qa_seconds = 0.0
        rounds = settings.qa_rounds if settings.qa else 0
        seen: set = set()
        for round_ in range(rounds + 1):
            assembled_ref = pool.one("builder").assemble.remote(plan, refs)
            _watch([r for r in refs if r not in seen], kind_of, emit)
            seen.update(refs)
            if round_ == 0:
                assets_seconds = time.perf_counter() - t_assets
            emit("stage", {"stage": "assembling", "agent": "builder"})
            if not settings.qa:
                break
            emit("stage", {"stage": "checking", "agent": "query"})
            qa = _get(pool.one("query").check.remote(plan, assembled_ref, _qa_browser(settings), settings.qa_smoke_seconds))
            qa_seconds += qa["seconds"]
            emit("qa", {"round": round_, "summary": qa["summary"]})
            if qa["summary"]["passed"] or round_ == rounds:
                break
            revisions = orchestrator.revise(plan, qa["report"], round_ + 1)
            if not revisions:
                break
            for index, job, reason in revisions:
                agent = AGENT_OF_KIND[job.kind]
                ref = pool.one(agent).generate.remote(job, opts)
                if index < len(plan.jobs):  # regenerate: replace the job and its result
                    plan.jobs[index] = job
                    kind_of.pop(refs[index], None)
                    refs[index] = ref
                else:  # add an asset the plan lacked
                    plan.jobs.append(job)
                    refs.append(ref)
                kind_of[ref] = (agent, job)
                repairs.append(f"round {round_ + 1}: {reason}")
            emit("repair", {"round": round_ + 1, "jobs": [j.name for _, j, _ in revisions]})
        if qa is not None and repairs:  # the report was written before the repairs were known
            qa = _with_repairs(qa, repairs)
        built = _get(pool.one("builder").publish.remote(plan, assembled_ref, qa, settings.storage))
    except BaseException as exc:  # the project was accepted: record why it failed
        reason = "interrupted" if isinstance(exc, KeyboardInterrupt) else _reason(exc)
        catalog.append({**row_base, "status": "failed", "error": reason,
                        "seconds": time.perf_counter() - t_start})
        _safe(lambda: metrics.PROJECTS.labels(status="failed").inc())
        if not isinstance(exc, Exception):
            raise
        raise BuildError(f"build of '{spec.title}' failed: {reason}") from exc
    total = time.perf_counter() - t_start
    stage = {"parse": parse_seconds, "assets": assets_seconds, "build": built["build_seconds"],
             "qa": qa_seconds, "publish": built["publish_seconds"]}
    for name, secs in stage.items():
        _safe(lambda: metrics.STAGE_SECONDS.labels(stage=name).observe(secs))
    summary = (qa or {}).get("summary") or {}
    qa_passed = summary.get("passed", True)
    status = "published" if qa_passed else "failed"
    failures = (qa or {}).get("report", {}).get("failures", [])
    catalog.append({
        **row_base, "status": status, "error": "" if qa_passed else "QA: " + "; ".join(failures)[:500],
        "seconds": total, "assets_seconds": assets_seconds,
        "build_seconds": built["build_seconds"], "publish_seconds": built["publish_seconds"], "qa_seconds": qa_seconds,
        "assets": len(plan.jobs), "sprites": sum(1 for j in plan.jobs if j.kind in ("sprite", "tile", "icon")),
        "sounds": sum(1 for j in plan.jobs if j.kind in ("sfx", "music")), "cached_assets": built["cached"],
        "bundle_uri": store.display(built["folder"] + "/game"), "zip_uri": store.display(built["zip"]),
        "qa_status": ("passed" if qa_passed else "failed") if qa is not None else "skipped",
        "qa_score": summary.get("score"), "qa_fidelity": summary.get("fidelity"),
        "repairs": len((qa or {}).get("report", {}).get("repairs", [])),
    })
    _safe(lambda: metrics.PROJECTS.labels(status=status).inc())
    result = _result(plan, spec, status, store, built["folder"], total, stage)
    result.agent_seconds = built["agent_seconds"]
    result.cached_assets = built["cached"]
    result.warnings.extend(built["eased"])
    if qa is not None:
        result.qa_passed, result.qa_score, result.qa_fidelity = qa_passed, summary.get("score"), summary.get("fidelity")
        result.report_path = store.display(built["folder"] + "/report.html")
        result.qa_failures = list(failures)
        result.repairs = list(qa["report"].get("repairs", []))
    result.notes.append(f"{built['cached']} of {len(plan.jobs)} assets came from the cache")
    return result


def _watch(refs: list, kind_of: dict, emit: ProgressFn) -> None:
    """Report each asset task as it completes (the Builder consumes the same refs)."""
    pending = list(refs)
    while pending:
        done, pending = ray.wait(pending, num_returns=1, fetch_local=False)
        agent, job = kind_of[done[0]]
        emit("asset", {"agent": agent, "job": job.kind, "name": job.name})


def _qa_browser(settings: Settings) -> bool | None:
    return {"auto": None, "on": True, "off": False}[settings.qa_browser]


def _with_repairs(qa: dict, repairs: list[str]) -> dict:
    """Write the repairs the Orchestrator made into the final report files."""
    from maestro.agents.query.report import QualityReport, render_html

    report = QualityReport.model_validate(qa["report"])
    report.repairs = list(repairs)
    files = dict(qa["files"])
    files["report.json"] = report.to_json().encode()
    files["report.html"] = render_html(report).encode()
    return {**qa, "report": report.model_dump(mode="json"), "files": files}


def _get(ref):
    """ray.get that re-raises a user-facing error as itself, not wrapped in Ray's traceback."""
    try:
        return ray.get(ref)
    except ray.exceptions.RayTaskError as exc:
        cause = _root_cause(exc)
        if isinstance(cause, MaestroError):
            raise type(cause)(cause.message, cause.hint) from None
        raise


def _safe(fn) -> None:
    try:
        fn()
    except Exception:  # metrics must never break a build
        pass


def _count(pairs) -> dict[str, int]:
    out: dict[str, int] = {}
    for agent, _job in pairs:
        out[agent] = out.get(agent, 0) + 1
    return out


def _root_cause(exc: BaseException) -> BaseException:
    """Ray wraps a task's exception (in layers, across actors); the user wants the original."""
    while getattr(exc, "cause", None) is not None and exc.cause is not exc:
        exc = exc.cause
    return exc


def _reason(exc: BaseException) -> str:
    cause = _root_cause(exc)
    if isinstance(cause, MaestroError):
        return str(cause)
    text = str(cause).strip().splitlines()
    return (text[-1] if text else type(cause).__name__)[:300]


def _result(plan: BuildPlan, spec: GameSpec, status: str, store: ArtifactStore, folder: str, seconds: float,
            stage: dict[str, float], reused: bool = False) -> BuildResult:
    notes = ["reused the build made before from the same GDD and seed (use --force to rebuild)"] if reused else []
    return BuildResult(
        project_id=plan.project_id, title=spec.title, genre=spec.genre, status=status,
        bundle_uri=store.display(f"{folder}/game"), index_path=store.display(f"{folder}/game/index.html"),
        zip_uri=store.display(f"{folder}/{spec.slug}.zip"), levels=len(spec.levels), assets=len(plan.jobs),
        seconds=seconds, stage_seconds=stage, warnings=list(spec.warnings), notes=notes + list(spec.notes),
    )
