"""The Maestro service on Ray Serve: an HTTP API and a web page (``serve run serve/config.yaml``).

- models.py    the typed boundaries: the application's args, a submission, a project's state
- projects.py  projects in the store (state, events, resuming), pure logic, no Ray or HTTP
- runner.py    BuildRunner, the deployment that runs builds as BuildSessions
- app.py       MaestroAPI, the FastAPI ingress, and ``build_app`` (Serve's typed app builder)
- static/      the web page (no CDN: works offline)
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maestro.service.app import build_app

__all__ = ["build_app"]


def __getattr__(name: str) -> Any:
    # Serve imports maestro.service:build_app; the models stay importable without FastAPI loaded.
    if name == "build_app":
        from maestro.service.app import build_app

        return build_app
    raise AttributeError(f"module 'maestro.service' has no attribute {name!r}")
