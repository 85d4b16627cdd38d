"""The prompts, as files in the package (maestro/llm/prompts/*.md), so a prompt is read and reviewed
as text and its change shows in a diff. ``prompt(name, **fields)`` fills its {placeholders}."""

from __future__ import annotations

import string
from functools import cache
from importlib import resources

PROMPTS = ("read_gdd", "repair", "write_rules")


@cache
def template(name: str) -> str:
    if name not in PROMPTS:
        raise KeyError(f"no prompt named {name!r} (prompts: {', '.join(PROMPTS)})")
    return resources.files("maestro.llm").joinpath("prompts", f"{name}.md").read_text(encoding="utf-8")


def fields(name: str) -> set[str]:
    """The placeholders a prompt needs."""
    return {f for _, f, _, _ in string.Formatter().parse(template(name)) if f}


def prompt(name: str, **values: str) -> str:
    missing = fields(name) - set(values)
    if missing:
        raise KeyError(f"prompt {name!r} needs {', '.join(sorted(missing))}")
    return template(name).format(**values)
