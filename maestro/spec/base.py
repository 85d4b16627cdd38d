"""What every boundary model shares: strict pydantic, and one canonical JSON for hashing."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict


class Model(BaseModel):
    """A boundary model: unknown fields are an error, so a typo never passes silently."""

    model_config = ConfigDict(extra="forbid")


def canonical_json(value: Any) -> str:
    """The one JSON encoding hashed into keys and ids: sorted keys, no spaces, ASCII only."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
