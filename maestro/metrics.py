"""Maestro's own metrics, exported through Ray's metrics agent (Prometheus + dashboard Grafana).

Ray's metrics API is used rather than a separate prometheus_client server so that every actor on
every node reports into the same place the Ray dashboard already scrapes. Metrics are created on
first use (they need a connected Ray) and are no-ops when Ray is not running.

They are recorded by the agents, which outlive every build, not by the driver that runs the build:
Ray exports a process's metrics every few seconds, and a `maestro build` driver lives one or two, so
what it recorded last (the build's outcome) was lost more often than not. The Orchestrator counts a
project accepted when it plans it; the generators count their assets
and cache hits; the Builder records the outcome, stage timings, QA score and fidelity when it writes
the catalog row, and the repair rounds it took (the driver records them itself only when the
Builder could not).
"""

from __future__ import annotations

from typing import Any

STAGE_BOUNDARIES = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120]


class _Metric:
    def __init__(self, kind: str, name: str, description: str, tag_keys: tuple[str, ...], **extra: Any) -> None:
        self.kind, self.name, self.description, self.tag_keys, self.extra = kind, name, description, tag_keys, extra
        self._impl = None

    def _get(self):
        if self._impl is None:
            import ray
            from ray.util import metrics as rm

            if not ray.is_initialized():
                return None
            cls = {"counter": rm.Counter, "histogram": rm.Histogram, "gauge": rm.Gauge}[self.kind]
            self._impl = cls(self.name, description=self.description, tag_keys=self.tag_keys, **self.extra)
        return self._impl

    def labels(self, **tags: str) -> "_Bound":
        return _Bound(self, {k: str(v) for k, v in tags.items()})


class _Bound:
    def __init__(self, metric: _Metric, tags: dict[str, str]) -> None:
        self.metric, self.tags = metric, tags

    def inc(self, value: float = 1.0) -> None:
        impl = self.metric._get()
        if impl is not None:
            impl.inc(value, tags=self.tags)

    def observe(self, value: float) -> None:
        impl = self.metric._get()
        if impl is not None:
            impl.observe(value, tags=self.tags)

    def set(self, value: float) -> None:
        impl = self.metric._get()
        if impl is not None:
            impl.set(value, tags=self.tags)


PROJECTS = _Metric("counter", "maestro_projects", "Projects by outcome (accepted, published, failed) and genre",
                   ("status", "genre"))
STAGE_SECONDS = _Metric("histogram", "maestro_stage_seconds", "Seconds per pipeline stage", ("stage",),
                        boundaries=STAGE_BOUNDARIES)
ASSETS = _Metric("counter", "maestro_assets", "Assets generated, by agent and kind", ("agent", "kind"))
ASSET_SECONDS = _Metric("histogram", "maestro_asset_seconds", "Seconds to generate one asset", ("agent",),
                        boundaries=STAGE_BOUNDARIES)
CACHE_HITS = _Metric("counter", "maestro_cache_hits", "Assets taken from the cache instead of generated", ("agent",))
REPAIRS = _Metric("counter", "maestro_repairs", "Repair rounds after a failed QA check", ())
QA_SCORE = _Metric("gauge", "maestro_qa_score", "Last QA score per genre", ("genre",))
QA_FIDELITY = _Metric("gauge", "maestro_qa_fidelity", "Last fidelity to the GDD per genre (0-1)", ("genre",))
LLM_TOKENS = _Metric("counter", "maestro_llm_tokens", "Tokens the model's reading spent, by direction (input, "
                     "output) and model", ("direction", "model"))
LLM_CALLS = _Metric("counter", "maestro_llm_calls", "Model calls, by whether the cache answered", ("cached", "model"))
QUEUE_DEPTH = _Metric("gauge", "maestro_queue_depth", "Builds waiting or running, by where they were asked "
                      "(service, batch)", ("where", "state"))


def record_asset(agent: str, kind: str, seconds: float) -> None:
    try:
        ASSETS.labels(agent=agent, kind=kind).inc()
        ASSET_SECONDS.labels(agent=agent).observe(seconds)
    except Exception:  # metrics must never break a build
        pass


def record_accepted(genre: str) -> None:
    try:
        PROJECTS.labels(status="accepted", genre=genre or "?").inc()
    except Exception:  # metrics must never break a build
        pass


def record_cache_hit(agent: str) -> None:
    try:
        CACHE_HITS.labels(agent=agent).inc()
    except Exception:  # metrics must never break a build
        pass




def record_build(record: Any) -> None:
    """A finished build: its outcome by genre, its repair rounds, its stage timings
    (BuildRecord.stage_seconds), its QA score and fidelity."""
    try:
        PROJECTS.labels(status=record.status, genre=record.genre or "?").inc()
        rounds = {note.split(":", 1)[0] for note in record.repairs}  # "round 2: ..." (BuildSession)
        if rounds:
            REPAIRS.labels().inc(len(rounds))
        for stage, seconds in record.stage_seconds().items():
            STAGE_SECONDS.labels(stage=stage).observe(seconds)
        if record.qa_score is not None:
            QA_SCORE.labels(genre=record.genre).set(record.qa_score)
        if record.qa_fidelity is not None:
            QA_FIDELITY.labels(genre=record.genre).set(record.qa_fidelity)
        if record.llm_model:
            model = record.llm_model
            LLM_TOKENS.labels(direction="input", model=model).inc(record.llm_input_tokens)
            LLM_TOKENS.labels(direction="output", model=model).inc(record.llm_output_tokens)
            LLM_CALLS.labels(cached="no", model=model).inc(record.llm_calls)
            LLM_CALLS.labels(cached="yes", model=model).inc(record.llm_cached_calls)
    except Exception:  # metrics must never break a build
        pass


def queue_depth(where: str, waiting: int, running: int) -> None:
    try:
        QUEUE_DEPTH.labels(where=where, state="waiting").set(waiting)
        QUEUE_DEPTH.labels(where=where, state="running").set(running)
    except Exception:  # metrics must never break a build
        pass
