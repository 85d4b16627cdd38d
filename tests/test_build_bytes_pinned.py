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
    "game/game.js": "da916f38dd92940f61ff799cd385b39ecc071cfd8bf42b6fa1a1c3b7675b61b9",
    "game/data.js": "194e72e60d492f456d7ea176158fbea840e6c225fbdf755c6947dee20af01a37",
    "crate-expectations.zip": "7749c8a0d23526feb7b2515ac1a0539c5ddd706efc498c8dc65db550f9bba60d",
}


def test_a_known_build_has_exactly_the_recorded_bytes():
    spec = parse_gdd(read_gdd_file(GDD), source_name=GDD.stem)
    plan = orchestrator.plan(spec, 1, orchestrator.project_id(spec, 1))
    files = build_bundle(plan)
    got = {name: hashlib.sha256(files[name]).hexdigest() for name in PINNED}
    assert got == PINNED, f"the bytes of a known build changed; if intended, record: {got}"
