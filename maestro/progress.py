"""Live progress of a build, one row per agent (rich), on standard error."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

AGENT_LABELS = {
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

    def _task(self, agent: str, total: int | None = None):
        if agent not in self.tasks:
            self.tasks[agent] = self.progress.add_task(AGENT_LABELS.get(agent, agent), total=total, detail="")
        return self.tasks[agent]

    def update(self, event: str, info: dict[str, Any]) -> None:
        if not self.enabled:
            return
        if event == "stage" and info["agent"] == "orchestrator":
            self.progress.update(self._task("orchestrator", 2), detail="reading the GDD")
        elif event == "plan":
            spec, plan = info["spec"], info["plan"]
            self.progress.update(self._task("orchestrator", 2), completed=2,
                                 detail=f"{spec.title}: {spec.genre}, {len(spec.levels)} levels, {len(plan.jobs)} jobs")
        elif event == "reused":
            self.progress.update(self._task("builder", 1), completed=1, detail="already built: reused")
        elif event == "fanout":
            for agent, n in info["per_agent"].items():
                self.progress.update(self._task(agent, n), detail="queued")
            self._task("builder", 1)
        elif event == "asset":
            self.progress.update(self._task(info["agent"]), advance=1, detail=f"{info['job']} {info['name']}")
        elif event == "stage" and info["agent"] == "builder":
            self.progress.update(self._task("builder", 1), detail="packing the atlas, writing the bundle")
        elif event == "stage" and info["agent"] == "query":
            self.progress.update(self._task("query", 1), detail="playing the game headless, checking")
        elif event == "qa":
            q = info["summary"]
            verdict = "passed" if q["passed"] else "failed"
            self.progress.update(self._task("query", 1), completed=1 if q["passed"] else 0,
                                 detail=f"round {info['round'] + 1}: {verdict}, score {q['score']:.0f}, "
                                        + ("" if q["fidelity"] is None else f"fidelity {q['fidelity']:.0%}"))
        elif event == "repair":
            self.progress.update(self._task("labyrinth"), detail=f"repair round {info['round']}: {', '.join(info['jobs'])}")

    def done(self) -> None:
        if self.enabled and "builder" in self.tasks:
            self.progress.update(self.tasks["builder"], completed=1, detail="published")
