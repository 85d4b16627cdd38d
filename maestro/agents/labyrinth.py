"""Labyrinth: levels, each proven completable by a search over the game's real movement rules.

The genre modules (maestro.levels.<genre>) generate one level and solve it; this agent keeps
regenerating with fresh seeds until the solver finds a route, and records the proof.
"""

from __future__ import annotations

import json
import random

from maestro.agents.orchestrator import genre_module
from maestro.errors import BuildError
from maestro.spec import Asset, AssetJob, canonical_json


class UnsolvableLevelError(BuildError):
    pass


def _rng(seed: int, attempt: int) -> random.Random:
    return random.Random(seed * 1_000_003 + attempt)


def build_level(genre: str, req: dict, config: dict, seed: int, attempts: int = 12) -> tuple[dict, dict]:
    """Returns (level, proof). Raises UnsolvableLevelError when no attempt is solvable."""
    mod = genre_module(genre)
    for attempt in range(attempts):
        level = mod.generate(req, config, _rng(seed, attempt))
        proof = mod.solve(level, config)
        if proof is not None:
            level = dict(level)
            level.update({"name": req["name"], "theme": req.get("theme", ""), "seed": seed + attempt,
                          "difficulty": req["difficulty"], "index": req["index"]})
            summary = {"attempts": attempt + 1, "steps": proof.get("steps"), "describe": mod.describe(level)}
            return level, summary
    raise UnsolvableLevelError(
        f"level {req['index'] + 1} ({req['name']}) had no solvable layout after {attempts} attempts.",
        "Try another --seed or fewer/easier levels in the GDD.",
    )


def generate(job: AssetJob, attempts: int = 12) -> Asset:
    p = job.params
    level, summary = build_level(p["genre"], p["req"], p["config"], job.seed, attempts)
    data = canonical_json(level).encode()
    json.loads(data)  # the bundle embeds it: it must be plain JSON
    return Asset(kind="level", name=job.name, key=job.key, generator=job.generator, seed=job.seed,
                 media_type="application/json", data=data, meta=summary)
