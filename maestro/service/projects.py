"""Projects in the store: the pure logic under the service (no Ray, no HTTP).

Layout beside the CLI's (maestro.storage)::

    service/<id>/request.json   what was asked (written once, when the project is accepted)
    service/<id>/state.json     the project's state (maestro.service.models.ProjectState)
    service/<id>/events.json    every build event so far, in order (a late subscriber replays them)
    projects/<id>/...           the published build, as the CLI publishes it

The state lives in the store, not in a process: a restarted replica, a redeploy or a second
ingress replica answers the same, and a runner that starts finds the builds it must finish.
"""

from __future__ import annotations

import base64
import json
from datetime import datetime, timezone
from typing import Any

from maestro.service.models import STATUS_OF_STAGE, AgentProgress, ProjectState, QASummary, Submission
from maestro.spec import BuildRecord
from maestro.storage import ArtifactStore
from maestro.storage.store import is_safe_id

# Ids the API answers for: its own (p + 19 hex) and the CLI's (slug-hash) in the same store.
valid_id = is_safe_id


class ProjectBook:
    """Reads and writes the service's projects in one store."""

    def __init__(self, store: ArtifactStore) -> None:
        self.store = store

    def _path(self, project_id: str, name: str) -> str:
        if not valid_id(project_id):
            raise ValueError(f"bad project id {project_id!r}")
        return self.store.path("service", project_id, name)

    def _read(self, project_id: str, name: str) -> Any:
        try:
            return json.loads(self.store.read_bytes(self._path(project_id, name)))
        except (FileNotFoundError, NotADirectoryError):
            return None

    def _write(self, project_id: str, name: str, value: Any) -> None:
        self.store.write_bytes(self._path(project_id, name), json.dumps(value, sort_keys=True).encode())

    # ---- one project ----------------------------------------------------------------------
    def state(self, project_id: str) -> ProjectState | None:
        raw = self._read(project_id, "state.json")
        if raw is not None:
            return ProjectState.model_validate(raw)
        return self._published_elsewhere(project_id)

    def _published_elsewhere(self, project_id: str) -> ProjectState | None:
        """A build the CLI or a batch job published into the same store: answered as final."""
        marker = self.store.published(project_id)
        if marker is None:
            return None
        out = marker.outcome()
        return ProjectState(id=project_id, status=marker.status, stage=None, seed=marker.seed,
                            read={"title": marker.title, "genre": marker.genre},
                            qa=None if marker.qa is None else QASummary(
                                passed=bool(marker.passed), score=out["qa_score"], fidelity=out["qa_fidelity"],
                                headline=out["qa_headline"]),
                            reason=out["error"])

    def save(self, state: ProjectState) -> None:
        state.updated_at = datetime.now(timezone.utc)
        self._write(state.id, "state.json", state.model_dump(mode="json"))

    def request(self, project_id: str) -> Submission | None:
        raw = self._read(project_id, "request.json")
        return None if raw is None else Submission.model_validate(raw)

    def accept(self, sub: Submission) -> tuple[ProjectState, bool]:
        """The project for this submission, created (queued) when new; (state, created). One
        caller at a time (the runner holds a lock): identical requests meet at one project."""
        pid = sub.project_id
        existing = self._read(pid, "state.json")
        if existing is not None:
            return ProjectState.model_validate(existing), False
        self._write(pid, "request.json", sub.model_dump(mode="json"))
        state = ProjectState(id=pid, seed=sub.seed, genre_asked=sub.genre)
        self.save_events(pid, [])
        self.save(state)  # written last: a project with a state always has its request
        return state, True

    def events(self, project_id: str) -> list[dict[str, Any]]:
        return self._read(project_id, "events.json") or []

    def save_events(self, project_id: str, events: list[dict[str, Any]]) -> None:
        self._write(project_id, "events.json", events)

    def unfinished(self) -> list[str]:
        """Accepted projects that never reached a final state (their runner stopped): to resume."""
        base = self.store.path("service")
        try:
            entries = self.store.fs.ls(base, detail=False)
        except FileNotFoundError:
            return []
        out = []
        for entry in sorted(entries):
            pid = entry.rstrip("/").rsplit("/", 1)[-1]
            if not valid_id(pid):
                continue
            state = self._read(pid, "state.json")
            if state is not None and state.get("status") not in ("published", "failed"):
                out.append(pid)
        return out


def apply(state: ProjectState, event: dict[str, Any]) -> None:
    """Fold one build event (maestro.spec.events, as JSON) into the project's state."""
    kind = event.get("type")
    if kind == "stage":
        state.stage = event["stage"]
        state.status = STATUS_OF_STAGE.get(event["stage"], state.status)
    elif kind == "planned":
        state.read = {k: v for k, v in event.items() if k not in ("type", "project_id", "t")}
        state.agents = {agent: AgentProgress(total=n) for agent, n in sorted(event.get("per_agent", {}).items())}
    elif kind == "asset":
        progress = state.agents.setdefault(event["agent"], AgentProgress())
        progress.done = min(progress.done + 1, max(progress.total, progress.done + 1))
    elif kind == "qa":
        state.qa = QASummary(passed=event["passed"], score=event.get("score"), fidelity=event.get("fidelity"))
    elif kind == "failed":
        state.status, state.stage, state.reason = "failed", None, event.get("reason", "")


def finish(state: ProjectState, record: BuildRecord) -> None:
    """The final state from the build's record (published, or failed with the reason)."""
    state.status = record.status
    state.stage = None
    state.reason = record.error
    state.timings = {k: round(v, 4) for k, v in record.stage_seconds().items()}
    state.build_seconds = round(record.seconds, 4)
    if record.qa_status in ("passed", "failed"):
        state.qa = QASummary(passed=record.qa_status == "passed", score=record.qa_score, fidelity=record.qa_fidelity,
                             headline=record.qa_headline, failures=list(record.qa_failures))
    if state.read is None:  # a reused build emits no 'planned' event
        state.read = {"title": record.title, "genre": record.genre, "mode": record.mode, "levels": record.levels}


# ---- the gallery: a page of the catalog ---------------------------------------------------------
def catalog_page(table: Any, status: str | None, genre: str | None, limit: int,
                 cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
    """Newest first, one row per project (its latest build), filtered; the cursor is opaque to
    clients (the offset into this order)."""
    offset = decode_cursor(cursor)
    if table.num_rows:
        table = table.sort_by([("created_at", "descending"), ("project_id", "ascending")])
    seen: set[str] = set()
    rows = []
    for row in table.select(["project_id", "title", "genre", "status", "qa_status", "qa_score", "qa_fidelity",
                             "created_at"]).to_pylist():
        if row["project_id"] in seen:
            continue
        seen.add(row["project_id"])
        if (status and row["status"] != status) or (genre and row["genre"] != genre):
            continue
        rows.append(row)
    page = rows[offset:offset + limit]
    nxt = encode_cursor(offset + limit) if offset + limit < len(rows) else None
    return [{"id": r["project_id"], "title": r["title"], "genre": r["genre"], "status": r["status"],
             "qa_status": r["qa_status"], "qa_score": r["qa_score"], "qa_fidelity": r["qa_fidelity"],
             "created_at": r["created_at"].isoformat() if r["created_at"] else None} for r in page], nxt


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if not text.startswith("o:"):
            raise ValueError
        offset = int(text[2:])
        if offset < 0:
            raise ValueError
        return offset
    except (ValueError, UnicodeDecodeError):
        raise ValueError("bad cursor") from None
