"""The Ray wiring: where the agents run (cluster.py), the actors themselves (actors.py), and one
build as a session of typed events (session.py). The agents' logic is in maestro.agents.

Names are loaded on first use: an agent's worker process imports maestro.pipeline.actors, and
should not pay for the session's imports (Ray, the driver's modules) on top of its own.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from maestro.pipeline.session import BuildRequest, BuildSession, run_build

__all__ = ["BuildRequest", "BuildSession", "run_build"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from maestro.pipeline import session

        return getattr(session, name)
    raise AttributeError(f"module 'maestro.pipeline' has no attribute {name!r}")
