"""One known build pinned to its exact bytes.

Determinism tests compare two builds made by the same code and libraries, so they pass when both
change alike. This one compares against bytes recorded once: a change of encoder (zlib, PNG, WAV),
of a library (numpy, pydantic's JSON), or of any generator shows here. When a change of bytes is
intended, bump GENERATOR_VERSION if cached assets would go stale, and record the new hashes
(the failure message prints them).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from maestro.agents import orchestrator
from maestro.agents.generators import build_bundle
from maestro.gdd import parse_gdd, read_gdd_file

GDD = Path(__file__).resolve().parents[1] / "examples" / "crate_expectations.md"

PINNED = {
    "game/game.js": "7e6e3effce8af6da4ba0c245787f1b5f05773e33b0117476c660753f03fb17d6",
    "game/data.js": "e1e782028682056bdf0b7994eeecbf632466e846c79fae1bc504542e8b35ebc8",
    "crate-expectations.zip": "69d0d0b3562ba880d913afc74f067a5b47669ec11efe3a04d046a0b5e4b0429e",
}


def test_a_known_build_has_exactly_the_recorded_bytes():
    spec = parse_gdd(read_gdd_file(GDD), source_name=GDD.stem)
    plan = orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1))
    files = build_bundle(plan)
    got = {name: hashlib.sha256(files[name]).hexdigest() for name in PINNED}
    assert got == PINNED, f"the bytes of a known build changed; if intended, record: {got}"
