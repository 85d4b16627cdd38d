"""Maestro: turn a game design document into a playable browser game, with agents on Ray.

    import maestro
    result = maestro.build("my_game.md")          # or maestro.build_text(text)
    print(result.index_path)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from maestro.version import __version__

__all__ = ["__version__", "build", "build_text"]

if TYPE_CHECKING:  # pragma: no cover
    from maestro.spec import BuildRecord


def build_text(text: str | bytes, *, source_name: str = "GDD", seed: int | None = None, genre: str | None = None,
               storage: str | None = None, force: bool = False, progress: Any = None) -> "BuildRecord":
    """Build a game from GDD text on Ray (a local instance starts when none is connected)."""
    from maestro.gdd import read_gdd_bytes
    from maestro.pipeline import BuildRequest, run_build

    from maestro.errors import GDDError

    if isinstance(text, (bytes, bytearray)):  # the bytes of a file: decoded as a file's would be
        raw = bytes(text)
    elif isinstance(text, str):
        try:
            raw = text.encode("utf-8")
        except UnicodeEncodeError:
            raise GDDError(f"{source_name} contains characters that are not valid Unicode (lone surrogates).",
                           "Save the GDD as UTF-8 text.") from None
    else:
        raise GDDError(f"{source_name} must be text (str) or bytes, not {type(text).__name__}.",
                       "Pass the GDD's text, or use maestro.build(path) for a file.")
    text = read_gdd_bytes(raw, source_name)
    req = BuildRequest(text=text, source_name=source_name, seed=seed, genre=genre, storage=storage, force=force)
    return run_build(req, on_event=progress)


def build(path: str | Path, **kwargs: Any) -> "BuildRecord":
    """Build a game from a GDD file. Keyword arguments as for build_text."""
    from maestro.gdd import read_gdd_file

    text = read_gdd_file(path)
    kwargs.setdefault("source_name", Path(path).stem)
    return build_text(text, **kwargs)
