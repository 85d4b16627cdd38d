"""The Maestro service: a FastAPI ingress on Ray Serve, and the typed application builder.

    serve run serve/config.yaml          # http://127.0.0.1:8000/ : the page, /api/..., /docs

Two deployments: ``MaestroAPI`` (this ingress, autoscaled, answers from the store) and
``BuildRunner`` (maestro.service.runner, one replica, runs the builds). Every answer comes from
the store, so any ingress replica answers the same, before and after a restart.

Security: with ``MAESTRO_API_TOKEN`` set, every /api route needs ``Authorization: Bearer <token>``
(game files, reports, zips and thumbnails also take a key in their path that the API hands out,
so an <iframe> or a link works without the header); without it, only loopback clients are
served. Bodies are capped at the CLI's GDD limit; ids and paths are checked before any storage
access; games are served sandboxed with a strict Content-Security-Policy.
"""


import asyncio
import hashlib
import hmac
import ipaddress
import json
import mimetypes
import os
from importlib import resources
from typing import Any, AsyncIterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from ray import serve
from ray.serve.handle import DeploymentHandle
from starlette.exceptions import HTTPException as StarletteHTTPException

from maestro.errors import ConfigError, MaestroError
from maestro.gdd.reader import MAX_GDD_BYTES, read_gdd_bytes
from maestro.genres.registry import GENRE_NAMES
from maestro.service.models import ProjectState, ServiceArgs, Submission
from maestro.service.projects import ProjectBook, catalog_page, valid_id
from maestro.service.runner import BuildRunner
from maestro.storage.store import _check_rel
from maestro.version import __version__

TOKEN_ENV = "MAESTRO_API_TOKEN"
# A JSON or multipart envelope around a GDD at the limit still fits; the GDD itself is checked
# against MAX_GDD_BYTES, the CLI's limit, after it is taken out.
BODY_LIMIT = MAX_GDD_BYTES + 64 * 1024
EVENT_POLL_S = 0.15

GAME_CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
            "media-src 'self' data: blob:; connect-src 'self' data: blob:; font-src 'self' data:; "
            "frame-ancestors 'self'; sandbox allow-scripts allow-pointer-lock")
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'; sandbox"
PAGE_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; frame-src 'self'; "
            "connect-src 'self'; frame-ancestors 'none'")
STATIC = ("index.html", "app.js", "app.css")

app = FastAPI(title="Maestro", version=__version__,
              description="Turn a game design document into a playable browser game. POST a GDD to "
                          "/api/projects, follow /api/projects/{id}/events, play /api/projects/{id}/game/.")


class ApiError(Exception):
    def __init__(self, status: int, error: str, hint: str = "") -> None:
        self.status, self.error, self.hint = status, error, hint


def _error(status: int, error: str, hint: str = "") -> JSONResponse:
    return JSONResponse({"error": error, "hint": hint}, status_code=status)


@app.exception_handler(ApiError)
async def _api_error(request: Request, exc: ApiError) -> JSONResponse:
    return _error(exc.status, exc.error, exc.hint)


@app.exception_handler(MaestroError)
async def _maestro_error(request: Request, exc: MaestroError) -> JSONResponse:
    return _error(400, exc.message, exc.hint)


@app.exception_handler(RequestValidationError)
async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0] if exc.errors() else {}
    where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
    return _error(400, f"bad request: {where or 'input'}: {first.get('msg', 'invalid')}.",
                  "See the API at /docs.")


@app.exception_handler(StarletteHTTPException)
async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    hint = "See the API at /docs." if exc.status_code in (404, 405) else ""
    return _error(exc.status_code, str(exc.detail), hint)


def _loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _bound_host() -> str | None:
    """The host Serve's HTTP proxies bind (its http_options); None when it cannot be told."""
    try:
        from ray.serve.context import _get_global_client  # no public API says it

        return str(_get_global_client().http_config.host)
    except Exception:
        return None


def check_exposure(host: str | None, token: str | None) -> None:
    """Refuse to start serving other machines without a token (the ingress then fails to start,
    and `serve run` / `serve status` say why). Each request is checked too (loopback only)."""
    if token is None and host is not None and not _loopback(host):
        raise ConfigError(f"the service would listen on {host} with no API token.",
                          f"Set {TOKEN_ENV} in the Ray nodes' environment, or set http_options.host to 127.0.0.1.")


# The request helpers come before the deployment: Serve pickles the ingress class by value when it
# is decorated, with the module globals defined by then.
async def _body(request: Request) -> bytes:
    """The request body, never more than BODY_LIMIT + 1 bytes read (413 past it)."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > BODY_LIMIT:
        raise ApiError(413, f"the request is {int(declared) // 1024} KiB; a GDD may be at most "
                            f"{MAX_GDD_BYTES // 1024} KiB.", "Shorten the GDD and send it again.")
    buf = bytearray()
    async for chunk in request.stream():
        buf += chunk
        if len(buf) > BODY_LIMIT:
            raise ApiError(413, f"the request is over {BODY_LIMIT // 1024} KiB; a GDD may be at most "
                                f"{MAX_GDD_BYTES // 1024} KiB.", "Shorten the GDD and send it again.")
    return bytes(buf)


async def _submission(request: Request) -> Submission:
    """Text, JSON or multipart, to one checked Submission (bad input: 400/413, nothing written)."""
    body = await _body(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fields: dict[str, Any] = dict(request.query_params)
    if ctype == "application/json":
        try:
            raw = json.loads(body)
        except (ValueError, UnicodeDecodeError):
            raise ApiError(400, "the body is not valid JSON.", 'Send {"gdd": "...", "seed": 1}.') from None
        if not isinstance(raw, dict) or not isinstance(raw.get("gdd"), str):
            raise ApiError(400, 'the JSON body needs a "gdd" string.', 'Send {"gdd": "...", "seed": 1}.')
        fields.update({k: v for k, v in raw.items() if v is not None})
        try:
            data = raw["gdd"].encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate (\ud800) survives JSON but is no text
            raise ApiError(400, "the GDD contains characters that are not valid Unicode (a lone surrogate).",
                           "Save the GDD as UTF-8 text and send it again.") from None
    elif ctype == "multipart/form-data":
        form = await _form(request, body)
        upload = form.get("gdd")
        if upload is None:
            raise ApiError(400, "the form has no 'gdd' field.", "Send the GDD file as the form field 'gdd'.")
        data = upload.encode("utf-8") if isinstance(upload, str) else await upload.read()
        fields.update({k: v for k, v in form.items() if k in ("seed", "genre") and isinstance(v, str) and v})
    else:
        data = body
    if len(data) > MAX_GDD_BYTES:
        raise ApiError(413, f"the GDD is {len(data) // 1024} KiB; the limit is {MAX_GDD_BYTES // 1024} KiB.",
                       "Shorten the GDD (remove embedded images, logs or appendices) and send it again.")
    text = read_gdd_bytes(data, "the GDD")  # binary, empty, undecodable: GDDError -> 400
    genre = fields.get("genre")
    if isinstance(genre, str):
        genre = genre.strip().lower() or None
        if genre == "auto":
            genre = None
    if genre is not None and genre not in GENRE_NAMES:
        raise ApiError(400, f"unknown genre {str(genre)[:40]!r}.", f"Use one of: {', '.join(GENRE_NAMES)}, or leave it out.")
    seed = fields.get("seed", 1)
    try:
        seed = int(seed)
    except (TypeError, ValueError):
        raise ApiError(400, f"seed must be a whole number, not {str(seed)[:20]!r}.",
                       "Leave the seed out (1), or send 0 to 2147483647.") from None
    if not 0 <= seed < 2**31:
        raise ApiError(400, "seed must be 0 to 2147483647.", "Leave the seed out to use 1.")
    return Submission(gdd=text, seed=seed, genre=genre)


async def _form(request: Request, body: bytes) -> Any:
    """Parse a multipart body already read (with its cap) through Starlette's parser."""
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        return await Request(request.scope, receive).form(max_files=1, max_fields=10)
    except Exception:
        raise ApiError(400, "the multipart form could not be read.", "Send the GDD as the form field 'gdd'.") from None


@serve.deployment(
    ray_actor_options={"num_cpus": 0.1},
    autoscaling_config={"min_replicas": 1, "max_replicas": 2, "target_ongoing_requests": 16},
    # A full replica answers 503 at once rather than queueing without bound.
    max_ongoing_requests=64, max_queued_requests=32,
)
@serve.ingress(app)
class MaestroAPI:
    def __init__(self, runner: DeploymentHandle, args: ServiceArgs) -> None:
        from maestro.config import load_settings
        from maestro.storage import ArtifactStore

        self.runner = runner
        self.settings = load_settings(storage=args.storage)
        self.store = ArtifactStore(self.settings.storage, self.settings.storage_options)
        self.book = ProjectBook(self.store)
        self.token = os.environ.get(TOKEN_ENV) or None
        check_exposure(_bound_host(), self.token)

    # ---- who may ask ----------------------------------------------------------------------
    def _key(self, project_id: str) -> str:
        assert self.token is not None
        return hmac.new(self.token.encode(), project_id.encode(), hashlib.sha256).hexdigest()[:32]

    def _authorize(self, request: Request, project_id: str | None = None, key: str | None = None) -> None:
        if self.token is None:
            client = request.client.host if request.client else None
            if not _loopback(client):
                raise ApiError(403, "this Maestro serves only its own machine (no API token is set).",
                               f"Set {TOKEN_ENV} on the service to serve other machines.")
            return
        if key is not None and project_id is not None and hmac.compare_digest(key, self._key(project_id)):
            return
        given = request.headers.get("authorization", "")
        if not (given.startswith("Bearer ") and hmac.compare_digest(given[7:].strip().encode(), self.token.encode())):
            raise ApiError(401, "missing or wrong API token.", "Send 'Authorization: Bearer <MAESTRO_API_TOKEN>'.")

    def _project(self, project_id: str) -> ProjectState:
        if not valid_id(project_id):
            raise ApiError(400, f"{project_id[:80]!r} is not a project id.",
                           "Use the id POST /api/projects answered with.")
        state = self.book.state(project_id)
        if state is None:
            raise ApiError(404, f"no project {project_id}.", "List projects with GET /api/projects.")
        return state

    def _urls(self, project_id: str) -> dict[str, str]:
        base = f"/api/projects/{project_id}"
        files = base if self.token is None else f"{base}/k/{self._key(project_id)}"
        return {"self": base, "events": f"{base}/events", "game": f"{files}/game/index.html",
                "report": f"{files}/report", "download": f"{files}/download", "thumbnail": f"{files}/thumbnail"}

    def _answer(self, state: ProjectState, **extra: Any) -> dict[str, Any]:
        return {**state.model_dump(mode="json"), "urls": self._urls(state.id), **extra}

    # ---- the page ---------------------------------------------------------------------------
    @app.get("/", include_in_schema=False)
    def page(self) -> Response:
        return self._static("index.html")

    @app.get("/static/{name}", include_in_schema=False)
    def static(self, name: str) -> Response:
        return self._static(name)

    def _static(self, name: str) -> Response:
        if name not in STATIC:
            raise ApiError(404, f"no page file {name[:80]!r}.", "Open / for the page.")
        data = resources.files("maestro.service").joinpath("static", name).read_bytes()
        media = {"html": "text/html", "js": "text/javascript", "css": "text/css"}[name.rsplit(".", 1)[1]]
        return Response(data, media_type=f"{media}; charset=utf-8",
                        headers={"Content-Security-Policy": PAGE_CSP, "X-Content-Type-Options": "nosniff"})

    @app.get("/healthz")
    async def healthz(self) -> dict[str, Any]:
        return {"ok": True, "version": __version__, "auth": self.token is not None, "genres": list(GENRE_NAMES),
                "max_gdd_bytes": MAX_GDD_BYTES}

    # ---- projects -----------------------------------------------------------------------------
    @app.post("/api/projects", status_code=202)
    async def create(self, request: Request) -> JSONResponse:
        """Submit a GDD: the body as text (seed and genre in the query), JSON {gdd, seed, genre},
        or a multipart form with a `gdd` file or field. 202 at once; the build runs on the cluster."""
        self._authorize(request)
        sub = await _submission(request)
        known = self.book.state(sub.project_id)  # a project already accepted: answered from the store
        if known is not None:
            return JSONResponse(self._answer(known, created=False), status_code=202)
        state, created = await self.runner.submit.remote(sub)  # the one writer decides new ones
        return JSONResponse(self._answer(state, created=created), status_code=202)

    # async: a state is one small read, cheaper on the loop than a hop to the threadpool
    @app.get("/api/projects/{project_id}")
    async def status(self, project_id: str, request: Request) -> dict[str, Any]:
        self._authorize(request)
        return self._answer(self._project(project_id))

    @app.get("/api/projects/{project_id}/events")
    async def events(self, project_id: str, request: Request) -> StreamingResponse:
        """Server-Sent Events: every build event from the first (a late subscriber replays them),
        then `end` with the final state. `Last-Event-ID` resumes after that event."""
        self._authorize(request)
        self._project(project_id)
        try:
            start = int(request.headers.get("last-event-id", "-1")) + 1
        except ValueError:
            start = 0
        return StreamingResponse(self._stream(project_id, max(start, 0)), media_type="text/event-stream",
                                 headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"})

    async def _stream(self, project_id: str, sent: int) -> AsyncIterator[str]:
        deadline = asyncio.get_running_loop().time() + max(600.0, self.settings.timeout_seconds * 4)
        while True:
            state = self.book.state(project_id)
            events = self.book.events(project_id)
            for i in range(sent, len(events)):
                yield f"id: {i}\nevent: {events[i].get('type', 'message')}\ndata: {json.dumps(events[i])}\n\n"
            sent = max(sent, len(events))
            if state is None or state.final:
                yield f"event: end\ndata: {json.dumps(self._answer(state) if state else {})}\n\n"
                return
            if asyncio.get_running_loop().time() > deadline:
                yield f"event: end\ndata: {json.dumps(self._answer(state))}\n\n"
                return
            await asyncio.sleep(EVENT_POLL_S)

    @app.get("/api/projects")
    def list_projects(self, request: Request, status: str | None = None, genre: str | None = None,
                      limit: int = 20, cursor: str | None = None) -> dict[str, Any]:
        """A page of the catalog, newest first, one row per project."""
        from maestro.storage import Catalog

        self._authorize(request)
        if status not in (None, "", "published", "failed"):
            raise ApiError(400, f"unknown status {status[:40]!r}.", "Use status=published or status=failed.")
        if genre not in (None, "", *GENRE_NAMES):
            raise ApiError(400, f"unknown genre {genre[:40]!r}.", f"Use one of: {', '.join(GENRE_NAMES)}.")
        if not 1 <= limit <= 100:
            raise ApiError(400, "limit must be 1 to 100.", "Page with next_cursor for more.")
        try:
            items, nxt = catalog_page(Catalog(self.store).read(), status or None, genre or None, limit, cursor)
        except ValueError:
            raise ApiError(400, "bad cursor.", "Pass the next_cursor of the previous page as it was.") from None
        return {"items": [{**item, "urls": self._urls(item["id"])} for item in items], "next_cursor": nxt}

    @app.get("/api/catalog/stats")
    def catalog_stats(self, request: Request) -> dict[str, Any]:
        """Builds, published, failed, mean seconds, QA score and fidelity per genre; the failures
        and why (pyarrow over the Parquet catalog)."""
        from maestro.storage import Catalog
        from maestro.storage.catalog import failures, stats

        self._authorize(request)
        table = Catalog(self.store).read()
        fails = [{**f, "created_at": f["created_at"].isoformat() if f.get("created_at") else None}
                 for f in failures(table)[:50]]
        return {"builds": table.num_rows, "genres": stats(table), "failures": fails}

    # ---- what a build made --------------------------------------------------------------------
    @app.get("/api/projects/{project_id}/game/{path:path}")
    @app.get("/api/projects/{project_id}/k/{key}/game/{path:path}", include_in_schema=False)
    def game(self, project_id: str, path: str, request: Request, key: str | None = None) -> Response:
        self._authorize(request, project_id, key)
        try:
            rel = _check_rel(path or "index.html")
        except MaestroError:
            raise ApiError(400, "bad path inside the game.", "Paths are relative to the game's folder.") from None
        media = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        if media.startswith("text/") or media in ("application/javascript", "application/json"):
            media += "; charset=utf-8"
        return self._file(project_id, f"game/{rel}", media, GAME_CSP)

    @app.get("/api/projects/{project_id}/report")
    @app.get("/api/projects/{project_id}/k/{key}/report", include_in_schema=False)
    def report(self, project_id: str, request: Request, key: str | None = None) -> Response:
        self._authorize(request, project_id, key)
        return self._file(project_id, "report.html", "text/html; charset=utf-8", REPORT_CSP)

    @app.get("/api/projects/{project_id}/thumbnail")
    @app.get("/api/projects/{project_id}/k/{key}/thumbnail", include_in_schema=False)
    def thumbnail(self, project_id: str, request: Request, key: str | None = None) -> Response:
        self._authorize(request, project_id, key)
        return self._file(project_id, "thumbnail.png", "image/png", REPORT_CSP)

    @app.get("/api/projects/{project_id}/download")
    @app.get("/api/projects/{project_id}/k/{key}/download", include_in_schema=False)
    def download(self, project_id: str, request: Request, key: str | None = None) -> Response:
        self._authorize(request, project_id, key)
        folder = self._published(project_id)
        zips = [p for p in self.store.fs.ls(folder, detail=False) if p.endswith(".zip")]
        if not zips:
            raise ApiError(404, f"project {project_id} has no zip.", "Rebuild it: POST its GDD again.")
        name = zips[0].rstrip("/").rsplit("/", 1)[-1]
        return Response(self.store.read_bytes(zips[0]), media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{name}"'})

    def _published(self, project_id: str) -> str:
        if not valid_id(project_id):
            raise ApiError(400, f"{project_id[:80]!r} is not a project id.", "Use the id POST /api/projects answered with.")
        if not self.store.is_published(project_id):
            state = self.book.state(project_id)
            raise ApiError(404, f"project {project_id} is not published"
                           + (f" (it is {state.status})." if state else "."),
                           "Follow /api/projects/{id}/events until it ends.")
        return self.store.project_dir(project_id)

    def _file(self, project_id: str, rel: str, media: str, csp: str) -> Response:
        folder = self._published(project_id)
        try:
            data = self.store.read_bytes(f"{folder}/{rel}")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            raise ApiError(404, f"no {rel} in project {project_id}.", "Use the urls the project's state lists.") from None
        return Response(data, media_type=media, headers={"Content-Security-Policy": csp,
                                                          "X-Content-Type-Options": "nosniff",
                                                          "Cache-Control": "private, max-age=3600"})


def bind(args: ServiceArgs, env: dict[str, str] | None = None) -> serve.Application:
    """The application graph; ``env`` reaches both replicas' environment (the tests' token)."""
    runtime = {"env_vars": env} if env else None
    runner_opts: dict[str, Any] = {"num_cpus": args.builder_cpus}
    api_opts: dict[str, Any] = {"num_cpus": 0.1}
    if runtime:
        runner_opts["runtime_env"] = api_opts["runtime_env"] = runtime
    runner = BuildRunner.options(ray_actor_options=runner_opts).bind(args)
    return MaestroAPI.options(ray_actor_options=api_opts).bind(runner, args)


def build_app(args: ServiceArgs | dict[str, Any]) -> serve.Application:
    """Serve's typed application builder: ``maestro.service:build_app`` with ``args:`` checked
    against ServiceArgs (serve/config.yaml). Serve hands a dict when it cannot resolve the
    annotation (a string annotation): it is validated here all the same."""
    return bind(ServiceArgs.model_validate(args))


# The application with its default args: what `serve build maestro.service.app:default_app` reads
# to write serve/config.yaml (whose import_path is then the builder, so args are checked).
default_app = build_app(ServiceArgs())
