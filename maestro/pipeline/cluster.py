"""Where Maestro's agents live: joining Ray, and the agent actors shared by every driver.

Agents are **detached named actors in Maestro's namespace** (``maestro-<version>-canvas-0`` ...),
created on first use with ``get_if_exists`` and sized per kind from settings (replicas, CPUs,
memory, restarts). Detached, because the CLI, the Serve application and batch jobs are separate
drivers on one cluster: an actor owned by the driver that happened to create it would die with
that driver while other drivers still use it. Named by version, so a newer Maestro never calls
an older one's actors. On a one-shot local instance (``maestro build`` with no cluster) they end
with the instance; against a running cluster (``maestro up``) they stay warm between builds, and
``maestro down`` ends them.

Work is spread over a kind's replicas by ``ray.util.ActorPool`` (an idle replica gets the next
job), not by a hand-written round-robin; every wait carries a timeout.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import ray
from ray.util import ActorPool

from maestro.config import AGENT_KINDS, Settings
from maestro.errors import MaestroError
from maestro.pipeline import local_cluster
from maestro.pipeline.actors import AGENT_CLASSES
from maestro.version import __version__


class RayUnavailableError(MaestroError):
    exit_code = 3


def connect(settings: Settings, **init_kwargs: Any) -> tuple[float, str]:
    """Join the configured cluster, the job's cluster (RAY_ADDRESS), the one `maestro up` started,
    or start a private local instance. Returns the seconds it took (0 when this process was
    connected already) and which cluster it is ("local": a private instance of this process)."""
    global _private_instance
    if ray.is_initialized():  # joined or started by this process before (a test, a service, a job)
        return 0.0, _private_instance or str(ray.get_runtime_context().gcs_address)
    t0 = time.perf_counter()
    up = local_cluster.running()
    if settings.ray_address:
        address: str | None = settings.ray_address
    elif os.environ.get("RAY_ADDRESS"):
        address = None  # inside `ray job submit`: join the cluster the job runs on
    elif up is not None:
        address = up["address"]  # the cluster `maestro up` started (its agents are warm)
        if "RAY_AUTH_MODE" not in os.environ and up.get("auth_mode") == "token":
            _use_token_auth()
    else:
        address = "local"  # never silently join a cluster someone else left running
    if address not in (None, "local", "auto"):
        _probe(address)  # nothing listening there: say so in seconds, before ray.init waits for minutes
    init_kwargs.setdefault("log_to_driver", False)
    init_kwargs.setdefault("configure_logging", False)
    if address == "local":
        # A one-shot local instance: no dashboard process to start (it costs seconds and a core).
        init_kwargs.setdefault("include_dashboard", False)
    try:
        with _one_start_at_a_time(address == "local"), _lean_private_head(address == "local"):
            ray.init(address=address, namespace=settings.ray_namespace, **init_kwargs)
    except ConnectionError as exc:
        raise RayUnavailableError(f"cannot reach Ray at {address}: {exc}",
                                  "Check MAESTRO_RAY_ADDRESS, or start one with `maestro up`.") from None
    _private_instance = "local" if address == "local" else ""
    _arrow_serializers_on_demand()
    return time.perf_counter() - t0, _private_instance or str(ray.get_runtime_context().gcs_address)


def is_private_instance() -> bool:
    """Whether this process started the Ray it is connected to (ending it ends that Ray)."""
    return _private_instance == "local" and ray.is_initialized()


def _arrow_serializers_on_demand() -> None:
    """Ray registers its Arrow serializers in a driver's first call (``import pyarrow``, which loads
    numpy: a third of a second of CPU, on the critical path of every build, warm ones included),
    though no Maestro driver hands Arrow data to Ray. Registered as Ray does when this process has
    loaded pyarrow by then (a batch driver reading Parquet), skipped when it has not (pyarrow's own
    pickling still carries a table, only without Ray's zero-copy slicing fix)."""
    try:
        from ray._private import arrow_serialization
        register = arrow_serialization._register_custom_datasets_serializers
    except (ImportError, AttributeError):
        return
    if getattr(register, "_maestro_on_demand", False):
        return

    def when_loaded(context: Any) -> None:
        if "pyarrow" in sys.modules:
            register(context)

    when_loaded._maestro_on_demand = True  # type: ignore[attr-defined]
    arrow_serialization._register_custom_datasets_serializers = when_loaded


PROBE_SECONDS = 3.0


@contextmanager
def _one_start_at_a_time(starting: bool) -> Iterator[None]:
    """Private local instances start one at a time on a machine: four `maestro build`s started at
    once each boot a Ray, and on two cores three of four used to die with "node timed out during
    startup". The lock (a file lock, released by the OS if the process dies) is held only while Ray
    starts; the builds then run side by side."""
    if not starting:
        yield
        return
    import fcntl

    path = local_cluster.state_file().parent / "ray-start.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@contextmanager
def _lean_private_head(starting: bool) -> Iterator[None]:
    """A private one-shot instance without three Python processes that serve nothing in it.

    `ray.init(address="local")` starts, beside the GCS and the raylet, an autoscaler monitor (a
    single fixed node never scales), a log monitor (it forwards worker output to the driver, and
    Maestro sets ``log_to_driver=False``) and, with ``include_dashboard=False``, an API server that
    loads only Ray's usage-stats module, and ``ray.init`` waits for it to come up. Each imports
    Ray and its web stack: on two cores they cost about 2-3 s of CPU out of a ~20 s cold build,
    most of it while the agents are starting. And to choose the node agent's command line, Ray
    checks that the dashboard's packages are installed by importing them all in the driver (aiohttp,
    grpc, opentelemetry...: half a second of CPU, while nothing else can start); looking them up
    without importing them says the same.

    Ray offers no public switch for any of it, so this leans on three internals (``RayParams``'s
    ``no_monitor`` / ``include_log_monitor``, ``Node.start_api_server`` and
    ``get_dashboard_dependency_error``), and only while the private instance starts; where a Ray
    version lacks one, the instance simply starts as Ray always does. A cluster (`maestro up`, a
    job, the service) is never started through here and keeps all of its processes."""
    if not starting:
        yield
        return
    try:
        from ray._private import node as ray_node
        from ray._private import parameter as ray_parameter
        from ray._private import utils as ray_utils

        params_init = ray_parameter.RayParams.__init__
        start_api_server = ray_node.Node.start_api_server
        dependency_error = ray_utils.get_dashboard_dependency_error
    except (ImportError, AttributeError):
        yield
        return

    def lean_params(self: Any, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("no_monitor", True)
        kwargs.setdefault("include_log_monitor", False)
        params_init(self, *args, **kwargs)

    def no_api_server(self: Any, *, include_dashboard: bool | None, **kwargs: Any) -> None:
        if include_dashboard:  # asked for a dashboard after all: start it as Ray does
            start_api_server(self, include_dashboard=include_dashboard, **kwargs)

    def dependencies_found() -> ImportError | None:
        import importlib.util

        if all(importlib.util.find_spec(name) for name in _DASHBOARD_PACKAGES):
            return None
        return dependency_error()  # one is missing: let Ray import them and say which

    ray_parameter.RayParams.__init__ = lean_params  # type: ignore[method-assign]
    ray_node.Node.start_api_server = no_api_server  # type: ignore[method-assign]
    ray_utils.get_dashboard_dependency_error = dependencies_found
    try:
        yield
    finally:
        ray_parameter.RayParams.__init__ = params_init  # type: ignore[method-assign]
        ray_node.Node.start_api_server = start_api_server  # type: ignore[method-assign]
        ray_utils.get_dashboard_dependency_error = dependency_error


# The top-level packages ray.dashboard.optional_deps imports (Ray's test of a full install).
_DASHBOARD_PACKAGES = ("aiohttp", "aiohttp_cors", "grpc", "opencensus", "opentelemetry", "prometheus_client",
                       "pydantic")


def _probe(address: str) -> None:
    """A TCP connection to the address's host and port (GCS ``host:port`` or ``ray://host:port``)."""
    import socket

    hostport = address.split("://", 1)[-1].rstrip("/")
    host, _, port = hostport.rpartition(":")
    if not host or not port.isdigit():
        raise RayUnavailableError(f"the Ray address {address!r} is not host:port (or ray://host:port).",
                                  "Fix MAESTRO_RAY_ADDRESS, or unset it to use a local Ray.")
    try:
        with socket.create_connection((host, int(port)), timeout=PROBE_SECONDS):
            pass
    except OSError as exc:
        raise RayUnavailableError(f"no Ray answers at {address} ({exc.strerror or exc} after at most "
                                  f"{PROBE_SECONDS:g} s).",
                                  "Check MAESTRO_RAY_ADDRESS (is the cluster up, the port open?), or unset it "
                                  "to use a local Ray.") from None


# "local" once this process started a private instance of its own (connect() with no cluster).
_private_instance = ""


def _use_token_auth() -> None:
    """Join a token-auth cluster: Ray reads RAY_AUTH_MODE once at import, so refresh its config
    the way ray.init does for a new local cluster (the token itself is ~/.ray/auth_token)."""
    from ray._private.authentication.authentication_token_setup import _enable_token_auth

    _enable_token_auth()


def actor_name(kind: str, index: int) -> str:
    return f"maestro-{__version__}-{kind}-{index}"


class Agents:
    """Handles to every agent actor of this cluster (created on first use, then shared)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.cluster = ray.get_runtime_context().gcs_address
        self.actors: dict[str, list[Any]] = {}
        for kind in AGENT_KINDS:
            size = settings.agent(kind)
            opts: dict[str, Any] = {
                # max_task_retries=-1: a call to an agent whose node is lost is retried until the
                # agent is back (restarted elsewhere) or out of restarts; a bounded count is spent
                # in seconds, before the node is even declared dead. Every method is safe to run
                # twice, and every wait on a call has a timeout.
                "num_cpus": size.num_cpus, "max_restarts": size.max_restarts, "max_task_retries": -1,
                "lifetime": "detached", "get_if_exists": True, "namespace": settings.ray_namespace,
                "max_concurrency": size.max_concurrency,
            }
            if size.memory_mb:
                opts["memory"] = size.memory_mb * 1024 * 1024
            if size.resources:
                opts["resources"] = dict(size.resources)
            remote_cls = ray.remote(AGENT_CLASSES[kind])
            self.actors[kind] = [remote_cls.options(name=actor_name(kind, i), **opts).remote()
                                 for i in range(size.replicas)]

    def ready(self, timeout: float, warm: bool = False) -> None:
        """Wait until every actor answers (its process is up); ``warm`` also loads what each one's
        work needs (and launches QA's Chromium), as `maestro up` does once for every later build.
        An agent no node of this machine's cluster can host fails at once, with the numbers."""
        if not (self.settings.ray_address or os.environ.get("RAY_ADDRESS")):  # a cluster may grow nodes
            problem = unplaceable(self.settings, ray.nodes())
            if problem:
                raise RayUnavailableError(problem, "Lower that agent's num_cpus / memory_mb / resources in the "
                                                   "settings, or run on a cluster that has them.")
        refs = [a.ready.remote(warm) for actors in self.actors.values() for a in actors]
        try:
            ray.get(refs, timeout=timeout)
        except ray.exceptions.GetTimeoutError:
            problem = unplaceable(self.settings, ray.nodes())
            raise RayUnavailableError(f"the agents were not all up after {timeout:g} s"
                                      + (f": {problem}" if problem else " (the cluster is busy or short of room)."),
                                      "See the Ray dashboard's Actors page, or raise MAESTRO_TIMEOUT_SECONDS.") from None

    def one(self, kind: str) -> Any:
        """The agent of a kind that has one replica by design (orchestrator, builder, query)."""
        return self.actors[kind][0]

    def pool(self, kind: str) -> ActorPool:
        """A pool over the kind's replicas for one fan-out (ActorPool keeps its own bookkeeping)."""
        return ActorPool(self.actors[kind])


def unplaceable(settings: Settings, nodes: list[dict[str, Any]]) -> str:
    """Why some agent kind fits on no alive node ("" when every kind fits one): its CPUs, memory and
    custom resources per replica against each node's totals."""
    alive = [n.get("Resources") or {} for n in nodes if n.get("Alive")]
    for kind in AGENT_KINDS:
        size = settings.agent(kind)
        need = {"CPU": size.num_cpus, **size.resources}
        if size.memory_mb:
            need["memory"] = size.memory_mb * 1024 * 1024
        if any(all(have.get(k, 0.0) >= v for k, v in need.items() if v) for have in alive):
            continue
        biggest = {k: max((have.get(k, 0.0) for have in alive), default=0.0) for k in need}
        asks = ", ".join(f"{_amount(k, v)} {k}" for k, v in need.items() if v)
        has = ", ".join(f"{_amount(k, v)} {k}" for k, v in biggest.items() if need.get(k))
        return f"agent '{kind}' asks {asks} per replica, but no node has that (the most any node has: {has})"
    return ""


def _amount(key: str, value: float) -> str:
    return f"{value / 2**20:.0f} MB" if key == "memory" else f"{value:g}"


_AGENTS: Agents | None = None


def agents(settings: Settings) -> Agents:
    """This process's handles, made again when the cluster or the sizes changed."""
    global _AGENTS
    if (_AGENTS is None or _AGENTS.settings.agents != settings.agents
            or _AGENTS.settings.ray_namespace != settings.ray_namespace
            or _AGENTS.cluster != ray.get_runtime_context().gcs_address):
        _AGENTS = Agents(settings)
    return _AGENTS
