"""Labyrinth: levels, each proven completable by a search over the game's real movement rules.

The genre modules (maestro.genres.<genre>.rules) generate one level and solve it; this agent keeps
regenerating with fresh seeds until the solver finds a route, and records the proof.
"""

from __future__ import annotations

import json
import random

from maestro.errors import BuildError
from maestro.genres.registry import genre as genre_of
from maestro.spec import Asset, AssetJob, LevelRequest, canonical_json


class UnsolvableLevelError(BuildError):
    pass


def _rng(seed: int, attempt: int) -> random.Random:
    return random.Random(seed * 1_000_003 + attempt)


def _easier(difficulty: float) -> list[float]:
    """The difficulties to try, hardest first: the one asked for, then easier steps down to 1."""
    steps = [difficulty]
    while steps[-1] > 1.0:
        steps.append(max(1.0, round(steps[-1] * 0.75, 3)))
    return steps


def build_level(genre: str, req: LevelRequest, config: dict, seed: int, attempts: int = 12) -> tuple[dict, dict]:
    """Returns (level, proof summary). Regenerates with fresh seeds until the solver proves a
    route; when a difficulty yields none, eases it step by step (the summary says so) rather
    than fail the whole game. Raises UnsolvableLevelError only when even difficulty 1 fails."""
    family = genre_of(genre)
    asked = float(req.difficulty)
    tried = 0
    for difficulty in _easier(asked):
        attempt_req = req.model_copy(update={"difficulty": difficulty})
        for _attempt in range(attempts):
            level = family.generate_level(attempt_req, config, _rng(seed, tried))
            tried += 1
            proof = family.solve(level, config)
            if proof is not None:
                level = dict(level)
                level.update({"name": req.name, "theme": req.theme, "seed": seed + tried - 1,
                              "difficulty": difficulty, "index": req.index})
                summary = {"attempts": tried, "steps": proof.get("steps"), "describe": family.describe(level)}
                if difficulty != asked:
                    summary["eased"] = f"difficulty {asked:g} had no solvable layout; built at {difficulty:g}"
                return level, summary
    raise UnsolvableLevelError(
        f"level {req.index + 1} ({req.name}) had no solvable layout after {tried} attempts.",
        "Try another --seed or fewer/easier levels in the GDD.",
    )


def generate(job: AssetJob, attempts: int = 12) -> Asset:
    p = job.params
    level, summary = build_level(p["genre"], LevelRequest.model_validate(p["req"]), p["config"], job.seed, attempts)
    data = canonical_json(level).encode()
    json.loads(data)  # the bundle embeds it: it must be plain JSON
    return Asset.made_by(job, "application/json", data, summary)
