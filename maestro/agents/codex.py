"""Codex: writes the game's code — the shared runtime, the genre module, and the spec's data.

Pure logic. The bundle's code is assembled from hand-written JavaScript: the shared runtime
(``maestro/game/runtime.js``) and the genre's module (``maestro/genres/<genre>/<genre>.js``, via
its Genre), so that every build plays; what changes per game is the data (``data.js``: spec,
tunables, levels, atlas, sounds) the code reads.
"""

from __future__ import annotations

import html
import json
from importlib import resources
from typing import Any

from maestro.genres.registry import genre as genre_of
from maestro.spec import Asset, AssetJob

GAME_PACKAGE = "maestro.game"


def _read(name: str) -> str:
    return resources.files(GAME_PACKAGE).joinpath(name).read_text(encoding="utf-8")


def game_js(genre: str, rules: list[dict[str, str]] | None = None) -> str:
    """The whole program of a bundle: runtime, one genre module, and the boot call. With rules
    modules (the LLM path's, maestro.spec.rules), the rules host and each module come before the
    boot; without them the program is byte for byte what it always was."""
    runtime = _read("runtime.js")
    module = genre_of(genre).script()
    if not rules:
        return f"{runtime}\n{module}\nMaestro.autoBoot();\n"
    host = _read("rules_host.js")
    # Each module runs in its own function, seeing Maestro as a parameter; what else it may name is
    # decided before it gets here (maestro.llm.rules.problems).
    wrapped = "".join(f"/* rules module {r['id']} */\n(function (Maestro) {{\n{r['source']}\n}})"
                      f"((typeof window !== 'undefined' ? window : this).Maestro);\n" for r in rules)
    return f"{runtime}\n{module}\n{host}\n{wrapped}Maestro.wrapGenresWithRules();\nMaestro.autoBoot();\n"


def source_digest(genre: str) -> str:
    """A hash of the code a bundle of this genre ships: part of the code job's cache key, so a
    changed runtime or genre module is never served from the asset cache."""
    import hashlib

    return hashlib.sha256(game_js(genre).encode()).hexdigest()[:16]


def index_html(title: str, lang: str = "en") -> str:
    page = _read("index.html")
    return page.replace("{{title}}", html.escape(title, quote=True)).replace("{{lang}}", html.escape(lang or "en"))


def data_js(data: dict[str, Any]) -> str:
    # ensure_ascii keeps U+2028/2029 and any non-ASCII title safe inside a classic script.
    payload = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return f"window.MAESTRO_DATA = {payload};\n"


def bundle_files(genre: str, title: str, data: dict[str, Any], lang: str = "en") -> dict[str, bytes]:
    """The three files that make a playable page (assets are embedded in data.js)."""
    return {
        "index.html": index_html(title, lang).encode(),
        "game.js": game_js(genre).encode(),
        "data.js": data_js(data).encode(),
    }


def generate(job: AssetJob) -> Asset:
    """The 'code' asset job: game.js for the job's genre (and its rules modules, when it has some)."""
    code = game_js(job.params["genre"], job.params.get("rules")).encode()
    return Asset.made_by(job, "text/javascript", code, {"genre": job.params["genre"], "bytes": len(code)})
