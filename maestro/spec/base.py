"""What every boundary model shares: strict pydantic, and one canonical JSON for hashing."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A boundary model: unknown fields are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


def without_empty(data: dict[str, Any], *keys: str) -> dict[str, Any]:
    """``data`` less those ``keys`` whose value is None or empty: fields added later (the LLM path's),
    so that a model without them serialises, and hashes, as it did before they existed."""
    for key in keys:
        if key in data and data[key] in (None, [], {}):
            del data[key]
    return data


def canonical_json(value: Any) -> str:
    """The one JSON encoding hashed into keys and ids: sorted keys, no spaces, ASCII only."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
