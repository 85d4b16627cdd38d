"""GDD text -> GameSpec: the offline reader and parser (no network, no LLM)."""

from maestro.gdd.parser import parse_gdd
from maestro.gdd.reader import MAX_GDD_BYTES, read_gdd_bytes, read_gdd_file

__all__ = ["MAX_GDD_BYTES", "parse_gdd", "read_gdd_bytes", "read_gdd_file"]
