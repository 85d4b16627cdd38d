"""Shared fixtures: one local Ray per test session, one Chromium per module, example builds."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
# Both `from tests.browser import ...` and `from browser import ...` work in test modules.
for _p in (str(REPO), str(REPO / "tests")):
    if _p not in sys.path:
        sys.path.insert(0, _p)
import netguard  # noqa: E402  (tests/ is on the path only from the lines above)

netguard.install()
EXAMPLES = REPO / "examples"
SHARED_GDDS = REPO.parent / "shared" / "gdds"

EXAMPLE_BY_GENRE = {
    "platformer": EXAMPLES / "moss_and_meteors.md",
    "adventure": EXAMPLES / "lantern_keeper.md",
    "puzzle": EXAMPLES / "crate_expectations.md",
    "shooter": EXAMPLES / "orbit_guard.md",
}


@pytest.fixture(autouse=True)
def _no_network_beyond_loopback():
    """A test that tried to reach beyond loopback fails, even when its client swallowed the refusal."""
    before = len(netguard.refused)
    yield
    tried = netguard.refused[before:]
    if tried:
        pytest.fail(f"the test tried to reach the network beyond loopback: {', '.join(sorted(set(tried)))}")


def shared_gdds() -> list[Path]:
    return sorted(p for p in SHARED_GDDS.glob("*.md") if p.name.lower() != "readme.md")


def require_shared() -> Path:
    """The shared GDD folder beside the checkout: skipped (with why) on a user's clone without it,
    a failure where CI says it must be there (MAESTRO_REQUIRE_SHARED=1, as .ci/run sets)."""
    if not SHARED_GDDS.is_dir() or not shared_gdds():
        if os.environ.get("MAESTRO_REQUIRE_SHARED") == "1":
            pytest.fail(f"the shared GDDs are required (MAESTRO_REQUIRE_SHARED=1) but {SHARED_GDDS} is absent")
        pytest.skip(f"the shared GDD folder {SHARED_GDDS} is absent (it sits beside the checkout in CI)")
    return SHARED_GDDS


@pytest.fixture
def shared_dir() -> Path:
    return require_shared()


def require_browser():
    """Skip when Chromium is absent, unless CI says a browser is required (then fail)."""
    from tests.browser import chromium_path

    if chromium_path() is None:
        if os.environ.get("MAESTRO_REQUIRE_BROWSER") == "1":
            pytest.fail("Chromium is required (MAESTRO_REQUIRE_BROWSER=1) but was not found")
        pytest.skip("Chromium not installed (apt-get install chromium)")


@pytest.fixture(scope="session")
def ray_local():
    """One local Ray instance for the whole session (init ~5 s), never a stray cluster."""
    import ray

    os.environ.pop("RAY_ADDRESS", None)
    if not ray.is_initialized():
        ray.init(address="local", num_cpus=2, include_dashboard=False, namespace="maestro",
                 log_to_driver=False, configure_logging=False)
    yield ray
    ray.shutdown()


@pytest.fixture(scope="session")
def example_builds(ray_local, tmp_path_factory):
    """Each example GDD built once through the real pipeline: {genre: BuildResult}."""
    import maestro

    storage = tmp_path_factory.mktemp("maestro-data")
    results = {}
    for genre, path in EXAMPLE_BY_GENRE.items():
        results[genre] = maestro.build(path, storage=str(storage))
    results["_storage"] = storage
    return results


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from tests.browser import launch

    with launch() as b:
        yield b


@pytest.fixture(scope="module")
def web_browser():
    """Chromium that may speak HTTP (QA's is offline): for the service's web page."""
    require_browser()
    from tests.browser import launch

    with launch(offline=False) as b:
        yield b


class Service:
    """The real Maestro service (Ray Serve HTTP on loopback) that the service tests share."""

    def __init__(self, url: str, token: str, storage: Path) -> None:
        self.url, self.token, self.storage = url, token, storage

    def headers(self, **extra: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}", **extra}


@pytest.fixture(scope="session")
def service(ray_local, tmp_path_factory):
    """One Serve application for the whole session, on a free loopback port, with an API token
    (a replica's CPU share is set: on 2 cores a default replica's whole CPU would not fit)."""
    import secrets
    import socket

    from ray import serve

    from maestro.service.app import bind
    from maestro.service.models import ServiceArgs

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    storage = tmp_path_factory.mktemp("service-data")
    token = "test-" + secrets.token_hex(12)
    serve.start(http_options={"host": "127.0.0.1", "port": port})
    serve.run(bind(ServiceArgs(storage=str(storage)), env={"MAESTRO_API_TOKEN": token}), name="maestro",
              route_prefix="/")
    yield Service(f"http://127.0.0.1:{port}", token, storage)
    serve.shutdown()


@pytest.fixture(scope="session")
def s3_server():
    """A real S3-speaking HTTP server (moto in server mode) on a loopback port, for the session."""
    import socket
    import subprocess
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = os.path.join(os.path.dirname(sys.executable), "moto_server")
    proc = subprocess.Popen([exe, "-H", "127.0.0.1", "-p", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/moto-api/", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:  # pragma: no cover
        proc.kill()
        pytest.fail("moto_server did not start")
    yield url
    proc.terminate()
    proc.wait(10)
