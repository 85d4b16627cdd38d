"""LLM path benchmark: what a model's reading costs and changes, on recorded responses.

    .venv/bin/python benchmarks/llm.py [--recordings tests/fixtures/llm] [--gdds DIR ...]

Every GDD whose text a recording matches (tests/llm_server.py's format: ``match`` is a text of the
GDD) is read twice — offline, and with the recorded model through the real openai client against
the loopback server — then built and checked (QA headless, no browser, no Ray). Per GDD: the model's
calls and tokens, the rules modules it wrote, the tool's fidelity for each reading, and where a
careful reading exists (tests/fixtures/truth/) the reading fidelity of each build. Nothing asserted.

A recording is a model's answer captured once; with no model reachable, only the recordings in the
repository are played.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO / "benchmarks"))

from fidelity import build_fidelity  # noqa: E402
from llm_server import RECORDINGS, ModelServer  # noqa: E402

from maestro.cli import read_spec  # noqa: E402
from maestro.config import load_settings  # noqa: E402
from maestro.gdd import parse_gdd, read_gdd_file  # noqa: E402
from maestro.gdd.truth import load, reading_fidelity  # noqa: E402
from maestro.genres.registry import genre  # noqa: E402

TRUTH = REPO / "tests" / "fixtures" / "truth"


def fidelity(spec):
    return build_fidelity(spec, chromium=None)  # the fidelity benchmark's own build, headless QA


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--recordings", type=Path, default=RECORDINGS)
    ap.add_argument("--gdds", type=Path, action="append",
                    default=[REPO / "tests" / "fixtures" / "gdds", REPO.parent / "shared" / "gdds"])
    args = ap.parse_args()
    matches = [json.loads(p.read_text())["match"] for p in sorted(args.recordings.glob("*.json"))]
    gdds = [p for d in args.gdds if d.is_dir() for p in sorted(d.glob("*.md"))]
    rows = []
    with ModelServer() as server, tempfile.TemporaryDirectory() as tmp:
        settings = load_settings(storage=tmp, llm={"enabled": True, "base_url": server.url, "model": "recorded",
                                                   "max_retries": 0})
        for path in gdds:
            text = read_gdd_file(path)
            if not any(m in text for m in matches):
                continue
            offline = parse_gdd(text, source_name=path.stem)
            read = read_spec(text, path.stem, None, settings)
            assert read.reading is not None
            truth_file = TRUTH / f"{path.stem}.json"
            truth = load(truth_file) if truth_file.exists() else None
            rows.append({
                "gdd": path.stem, "usage": read.reading.usage, "parts": len(read.reading.from_model()),
                "rules": [m.id for m in read.rules],
                "tool": (fidelity(offline), fidelity(read)),
                "reading": None if truth is None else tuple(
                    reading_fidelity(truth, s, genre(s.genre).view(s.mode)) for s in (offline, read)),
            })
    if not rows:
        print("no GDD matches a recording")
        return 0
    print(f"{'GDD':28} {'calls':>5} {'tokens in+out':>14} {'parts':>5} {'rules':18} {'tool fid. off→model':>20} "
          f"{'reading fid. off→model':>23}")
    for r in rows:
        u = r["usage"]
        tool = " → ".join("n/a" if f is None else f"{f:.0%}" for f in r["tool"])
        reading = "no careful reading" if r["reading"] is None else " → ".join(f"{f:.0%}" for f in r["reading"])
        print(f"{r['gdd'][:28]:28} {u.calls:5d} {f'{u.input_tokens}+{u.output_tokens}':>14} {r['parts']:5d} "
              f"{', '.join(r['rules']) or '-':18} {tool:>20} {reading:>23}")
    print(f"{len(rows)} GDD(s) with a recorded model answer (of {len(gdds)} GDDs looked at)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
