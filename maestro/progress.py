"""Live progress of a build, one row per agent (rich, on standard error), fed by the session's
typed events (maestro.spec.events)."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from maestro.spec import BuildEvent

AGENT_LABELS = {
    "ray": "Ray           cluster, agents",
    "orchestrator": "Orchestrator  reads the GDD, plans",
    "canvas": "Canvas        sprites, tiles, art",
    "sonata": "Sonata        sound effects, music",
    "labyrinth": "Labyrinth     levels, solvability",
    "codex": "Codex         game code",
    "builder": "Builder       assembles, publishes",
    "query": "Query         plays and checks (QA)",
}


class BuildProgress:
    def __init__(self, enabled: bool = True) -> None:
        self.enabled = enabled
        self.console = Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(), TextColumn("{task.description}"), BarColumn(bar_width=24), MofNCompleteColumn(),
            TextColumn("[dim]{task.fields[detail]}"), TimeElapsedColumn(), console=self.console, transient=False,
        )
        self.tasks: dict[str, Any] = {}

    def __enter__(self) -> "BuildProgress":
        if self.enabled:
            self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.enabled:
            self.progress.stop()

    def _row(self, agent: str, total: int | None = None, **update: Any) -> None:
        if agent not in self.tasks:
            self.tasks[agent] = self.progress.add_task(AGENT_LABELS.get(agent, agent), total=total, detail="")
        elif total is not None:
            update["total"] = total
        if "detail" in update:
            update["detail"] = escape(str(update["detail"]))  # GDD text is never rich markup
        self.progress.update(self.tasks[agent], **update)

    def update(self, event: BuildEvent) -> None:
        if not self.enabled:
            return
        if event.type == "stage":
            if event.stage == "ray_start":
                self._row("ray", 2, detail="starting or joining Ray")
            elif event.stage == "agents_ready":
                self._row("ray", 2, completed=1, detail="waking the agents")
            elif event.stage == "reading":
                self._row("ray", 2, completed=2, detail="ready")
                self._row("orchestrator", 2, detail="reading the GDD")
            elif event.stage == "assembling":
                self._row("builder", 2, completed=0, detail="packing the atlas, writing the bundle")
            elif event.stage == "checking":
                self._row("query", 1, completed=0, detail="playing the game headless and in Chromium, checking")
            elif event.stage == "publishing":
                self._row("builder", 2, completed=1, detail="publishing")
        elif event.type == "planned":
            self._row("orchestrator", 2, completed=2,
                      detail=f"{event.title}: {event.genre}, {event.levels} levels, {event.jobs} jobs")
            for agent, n in event.per_agent.items():
                self._row(agent, n, detail="queued")
        elif event.type == "asset":
            self._row(event.agent, advance=1, detail=f"{event.kind} {event.name}" + (" (cache)" if event.cached else ""))
        elif event.type == "qa":
            verdict = "passed" if event.passed else "failed"
            fid = "" if event.fidelity is None else f", fidelity {event.fidelity:.0%}"
            self._row("query", 1, completed=1 if event.passed else 0,
                      detail=f"round {event.round + 1}: {verdict}, score {event.score:.0f}{fid}")
        elif event.type == "repair":
            self._row("orchestrator", detail=f"repair round {event.round}: {', '.join(event.jobs)}")
        elif event.type == "reused":
            self._row("builder", 2, completed=2, detail="already built: reused")
        elif event.type == "published":
            self._row("builder", 2, completed=2, detail="published" if event.status == "published" else "published as failed QA")
        elif event.type == "failed":
            self._row("builder", 2, detail=f"failed: {event.reason}")
