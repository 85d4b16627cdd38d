"""The agents as Ray actors: thin shells over the pure logic in maestro.agents.

Each class here is what one named actor runs. It decides nothing about *what* to make (that is
maestro.agents, tested without Ray); it keeps what is worth keeping warm between builds (a
launched Chromium; fsspec keeps each storage's open handles) and measures its own work. Every method is safe to run
twice (a restarted actor re-runs a task): outputs are keyed by content hash or written create-only.

Each actor imports what its own work needs, inside its methods: every agent process imports this
module, and a Sonata need not load Canvas's numpy drawing or the catalog's pyarrow to start.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from maestro import metrics
from maestro.spec import Asset, AssetJob, BuildPlan, BuildRecord, GameSpec, GeneratedAsset, QualityReport

if TYPE_CHECKING:
    from maestro.config import LLMSettings
    from maestro.storage import ArtifactStore


class JobOptions:
    """Per-build settings a generator needs (actors are shared by builds with other settings).

    ``store`` is the build's own ArtifactStore, not its URI: it pickles with its fsspec options
    (an S3 endpoint, keys), so an agent started by another driver, on a node whose environment
    says nothing of them, writes where the build's driver reads (fsspec keeps one open
    filesystem per set of options in each process)."""

    def __init__(self, store: ArtifactStore, use_cache: bool = True, level_attempts: int = 12) -> None:
        self.store, self.use_cache, self.level_attempts = store, use_cache, level_attempts


class GeneratorAgent:
    """Canvas, Sonata, Labyrinth and Codex share this shape: take a job, return an asset."""

    kind = ""

    def ready(self, warm: bool = False) -> str:
        if warm:  # `maestro up`: load the generators now rather than on the first job
            from maestro.agents import generators  # noqa: F401
        return self.kind

    def generate(self, job: AssetJob, opts: JobOptions) -> GeneratedAsset:
        from maestro.agents.generators import generate

        t0 = time.perf_counter()
        store = opts.store if opts.use_cache else None
        if store is not None:
            hit = store.cache_get(job.key)
            if hit is not None:
                metrics.record_cache_hit(self.kind)
                return GeneratedAsset(asset=hit, agent=self.kind, seconds=time.perf_counter() - t0, cached=True)
        asset = generate(job, opts.level_attempts)
        if store is not None:
            try:
                store.cache_put(asset)
            except Exception:  # a cache that cannot be written only costs speed next time
                pass
        seconds = time.perf_counter() - t0
        metrics.record_asset(self.kind, job.kind, seconds)
        return GeneratedAsset(asset=asset, agent=self.kind, seconds=seconds)


class CanvasAgent(GeneratorAgent):
    kind = "canvas"


class SonataAgent(GeneratorAgent):
    kind = "sonata"


class LabyrinthAgent(GeneratorAgent):
    kind = "labyrinth"


class CodexAgent(GeneratorAgent):
    kind = "codex"


class OrchestratorAgent:
    """Reads the GDD, plans, and revises the plan after a failed QA round."""

    def ready(self, warm: bool = False) -> str:
        from maestro.agents import orchestrator  # noqa: F401  (the reader and planner: needed at once)
        from maestro.gdd import parse_gdd  # noqa: F401

        return "orchestrator"

    def read(self, text: str, genre: str | None, source_name: str, llm: LLMSettings | None = None,
             store: ArtifactStore | None = None) -> GameSpec:
        """The offline reading; with ``llm`` (resolved, usable), the model's reading on top of it."""
        if llm is None:
            from maestro.gdd import parse_gdd

            return parse_gdd(text, genre=genre, source_name=source_name)
        from maestro.llm.reader import read_with_llm

        return read_with_llm(text, genre, source_name, llm, store)

    def plan(self, spec: GameSpec, seed: int, genre_forced: bool, project: str | None = None) -> BuildPlan:
        from maestro.agents import orchestrator

        plan = orchestrator.plan(spec, seed, project or orchestrator.project_id(spec, seed, genre_forced))
        metrics.record_accepted(plan.spec.genre)
        return plan

    def revise(self, plan: BuildPlan, report: QualityReport, round_: int) -> tuple[BuildPlan, list[str]]:
        from maestro.agents import orchestrator

        if plan.spec.rules:  # the LLM path's rules modules go first: the family's own rules are the floor
            return orchestrator.drop_rules(plan, report)
        return orchestrator.revise(plan, report, round_)


class BuilderAgent:
    """Assembles the bundle from the generated assets and publishes it atomically (into the
    build's own store, handed over with its options: see JobOptions)."""

    def ready(self, warm: bool = False) -> str:
        if warm:
            from maestro.agents import builder  # noqa: F401
        return "builder"

    def assemble(self, plan: BuildPlan, assets: list[Asset]) -> dict[str, bytes]:
        """Every file of the project (maestro.agents.builder.BundleAssembler.finish)."""
        from maestro.agents.builder import BundleAssembler

        assembler = BundleAssembler(plan)
        for asset in assets:
            assembler.add(asset)
        return assembler.finish()

    def publish(self, plan: BuildPlan, files: dict[str, bytes], qa_files: dict[str, bytes], store: ArtifactStore,
                summary: dict[str, Any] | None, replace: bool = False) -> tuple[str, bool]:
        """Publish the bundle and its QA report at once (the report sits beside game/); returns the
        project's folder and whether this call published it (False: a concurrent build did)."""
        record = {"project_id": plan.project_id, "title": plan.spec.title, "genre": plan.spec.genre,
                  "seed": plan.seed, "qa": summary}
        return store.publish(plan.project_id, {**files, **qa_files}, record, replace=replace)

    def record(self, record: BuildRecord, store: ArtifactStore) -> str:
        """Append the build's row to the catalog (the Builder keeps pyarrow, not every driver) and
        record the build's metrics here, in a process that lives long enough to export them."""
        from maestro.storage import Catalog

        written = Catalog(store).append(record)
        metrics.record_build(record)
        return written


class QueryAgent:
    """Plays and checks a bundle before it is published (maestro.agents.query).

    The actor runs up to ``agents.query.max_concurrency`` checks at once (a threaded actor): a check
    mostly waits on Chromium, so two builds' QA overlap instead of queueing. Each check runs in a
    browser slot, a thread that owns one Chromium (Playwright's objects belong to the thread that
    made them) launched on the slot's first check and held open for the actor's life, so only the
    first check of each slot pays the launch. A check takes the first idle slot: one build at a time
    (the CLI) always uses slot 0, the one ``prepare`` and ``ready(warm=True)`` launch."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._slots: list[_BrowserSlot] = []

    def _run(self, work: Callable[[Any], Any], browser: bool | None) -> Any:
        with self._lock:
            slot = next((s for s in self._slots if not s.busy), None)
            if slot is None:
                slot = _BrowserSlot(len(self._slots))
                self._slots.append(slot)
            slot.busy = True
        try:
            return slot.run(work, browser)
        finally:
            with self._lock:
                slot.busy = False

    def ready(self, warm: bool = False) -> str:
        if warm:  # `maestro up`: load V8 and the checks, and launch Chromium, before the first build
            from maestro.agents.query import qa  # noqa: F401

            self._run(lambda chromium: None, None)
        return "query"

    def prepare(self, browser: bool | None) -> bool:
        """Launch Chromium ahead of the first check (the session asks while the assets are made)."""
        return bool(self._run(lambda chromium: chromium is not None, browser))

    def check(self, files: dict[str, bytes], browser: bool | None, smoke_seconds: float,
              repairs: list[str]) -> tuple[QualityReport, dict[str, bytes]]:
        from maestro.agents.query.qa import check_bundle

        def work(chromium: Any) -> tuple[QualityReport, dict[str, bytes]]:
            return check_bundle(files, browser=browser, smoke_seconds=smoke_seconds, repairs=repairs,
                                chromium=chromium, own_build=True)

        return self._run(work, browser)


class _BrowserSlot:
    """One thread and the Chromium it launched (see QueryAgent)."""

    def __init__(self, index: int) -> None:
        self.busy = False
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix=f"query-browser-{index}")
        self._chromium: Any = None
        self._launched: Any = None

    def run(self, work: Callable[[Any], Any], browser: bool | None) -> Any:
        return self._thread.submit(lambda: work(self._browser(browser))).result()

    def _browser(self, browser: bool | None) -> Any:  # on the slot's own thread
        if browser is False:
            return None
        if self._chromium is not None and self._chromium.is_connected():
            return self._chromium
        from maestro.agents.query.browser_pass import launch_chromium, unavailable_reason

        if unavailable_reason():
            return None
        try:
            self._launched = launch_chromium()  # held open for the actor's life
            self._chromium = self._launched.__enter__()
        except Exception:  # the browser pass itself reports why the browser could not run
            self._chromium = None
        return self._chromium


AGENT_CLASSES: dict[str, type] = {
    "orchestrator": OrchestratorAgent, "canvas": CanvasAgent, "sonata": SonataAgent,
    "labyrinth": LabyrinthAgent, "codex": CodexAgent, "builder": BuilderAgent, "query": QueryAgent,
}
