"""GDD text -> GameSpec: the offline reader and parser (no network, no LLM).

``parse_gdd`` is imported on first use: the parser compiles several hundred patterns (about half a
second of CPU), and a process that only reads a GDD file (the CLI's driver, which hands the text
to the Orchestrator agent) should not pay for it.
"""

from typing import TYPE_CHECKING, Any

from maestro.gdd.reader import MAX_GDD_BYTES, read_gdd_bytes, read_gdd_file

if TYPE_CHECKING:
    from maestro.gdd.parser import parse_gdd

__all__ = ["MAX_GDD_BYTES", "parse_gdd", "read_gdd_bytes", "read_gdd_file"]


def __getattr__(name: str) -> Any:
    if name == "parse_gdd":
        from maestro.gdd.parser import parse_gdd

        return parse_gdd
    raise AttributeError(f"module 'maestro.gdd' has no attribute {name!r}")
