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
    "game/game.js": "b80e82f1150efcf8614bf4c8c65b65d8da3f30ac447e39c4dae3610b2fb71a8f",
    "game/data.js": "743944a763f0bcf36ec0ef6d4943058331684fff68dfe12e0aa41fe351e47cee",
    "crate-expectations.zip": "75226bc8b60de549e173917164d645167cb40bb1926d1da31aacea37679d6c0f",
}


def test_a_known_build_has_exactly_the_recorded_bytes():
    spec = parse_gdd(read_gdd_file(GDD), source_name=GDD.stem)
    plan = orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1))
    files = build_bundle(plan)
    got = {name: hashlib.sha256(files[name]).hexdigest() for name in PINNED}
    assert got == PINNED, f"the bytes of a known build changed; if intended, record: {got}"
