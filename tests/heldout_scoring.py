"""Scoring the offline parser against a held-out set's truth.json (shared by the held-out tests).

A field is right when the spec matches what the GDD clearly states; names match loosely (one inside
the other, or the same up to a plural 's'). Sets are held to per-field totals, never per file.
"""

from __future__ import annotations

import json
from pathlib import Path

from maestro.gdd import parse_gdd, read_gdd_file
from maestro.spec import GameSpec

MAX_LEVELS = 10


def load_truth(folder: Path) -> list[dict]:
    return json.loads((folder / "truth.json").read_text())


def parse(path: Path) -> GameSpec:
    return parse_gdd(read_gdd_file(path), source_name=path.name)


def match(a: str | None, b: str | None) -> bool:
    a, b = (a or "").lower().strip(), (b or "").lower().strip()
    return bool(a and b and (a in b or b in a or a.rstrip("s") == b.rstrip("s")))


def score(truth: dict, spec: GameSpec) -> dict[str, bool]:
    """Field -> right or wrong, for the fields this truth entry states."""
    out = {"genre": spec.genre == truth["genre"], "title": match(spec.title, truth["title"])}
    if truth.get("mode"):
        out["mode"] = spec.mode == truth["mode"]
    if truth.get("player"):
        out["player"] = match(spec.player.name, truth["player"])
    if truth.get("enemies"):
        out["enemy"] = any(match(e.name, x) for e in spec.enemies + spec.hazards for x in truth["enemies"])
    if truth.get("items"):
        out["item"] = any(match(e.name, x) for e in spec.items for x in truth["items"])
    numbers = truth.get("numbers", {})
    if "lives" in numbers:
        out["lives"] = spec.lives == numbers["lives"]
    if "levels" in numbers:
        out["levels"] = len(spec.levels) == min(numbers["levels"], MAX_LEVELS)
    return out


def below_thresholds(folder: Path, truth: list[dict], thresholds: dict[str, int]) -> dict[str, str]:
    """The fields whose hits over the whole set fall below their threshold, with the files missed."""
    hits = {k: 0 for k in thresholds}
    misses: dict[str, list[str]] = {k: [] for k in thresholds}
    for entry in truth:
        for field, ok in score(entry, parse(folder / entry["file"])).items():
            if field in hits:
                hits[field] += ok
                if not ok:
                    misses[field].append(entry["file"])
    return {k: f"{hits[k]} < {thresholds[k]} (missed: {misses[k]})" for k in thresholds if hits[k] < thresholds[k]}


def names(spec: GameSpec) -> list[str]:
    return [e.name for e in [spec.player, *spec.enemies, *spec.items, *spec.hazards] + ([spec.goal] if spec.goal else [])]
