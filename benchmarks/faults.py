"""The fault table: every case of the reliability suite (tests/reliability/), what it expects, what
happened, and the seconds to its verdict.

    .venv/bin/python benchmarks/faults.py [-k EXPR] [--json FILE]

Each case is a test of tests/reliability/ named for what it expects ("a full disk leaves no partial
file"); it is run by pytest exactly as `make test` runs it, and this script prints pytest's verdict
and duration per case from its JUnit XML. Targets (issue "Hostile input and faults"): every case
ends within its bound with success or a one-line message: 0 failures, 0 tracebacks, 0 hangs, 0
projects lost or uncatalogued, 0 network requests from a bundle under QA.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def _expected(name: str) -> str:
    """test_a_full_disk_leaves_no_partial_file[64k] -> 'a full disk leaves no partial file [64k]'"""
    base, _, param = name.partition("[")
    words = re.sub(r"^test_", "", base).replace("_", " ")
    return words + (f" [{param.rstrip(']')[:40]}]" if param else "")


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("-k", default="", help="only the cases whose name matches (pytest -k)")
    p.add_argument("--json", metavar="FILE", help="also write the table as JSON")
    args = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "faults.xml"
        cmd = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(REPO / "tests" / "reliability"),
               f"--junitxml={xml}"] + (["-k", args.k] if args.k else [])
        subprocess.run(cmd, cwd=REPO, capture_output=True, text=True)
        if not xml.exists():
            print("pytest wrote no results: run `make install-test` first", file=sys.stderr)
            return 2
        rows = []
        for case in ET.parse(xml).getroot().iter("testcase"):
            outcome = "passed"
            detail = ""
            for tag in ("failure", "error", "skipped"):
                found = case.find(tag)
                if found is not None:
                    outcome = {"failure": "FAILED", "error": "ERROR", "skipped": "skipped"}[tag]
                    detail = (found.get("message") or "").splitlines()[0][:90] if found.get("message") else ""
            rows.append({"file": case.get("classname", "").rsplit(".", 1)[-1].removeprefix("test_faults_"),
                         "expected": _expected(case.get("name", "")), "observed": outcome, "detail": detail,
                         "seconds": round(float(case.get("time") or 0), 1)})
    width = max((len(r["expected"]) for r in rows), default=20)
    print(f"{'area':<9} {'case (what it expects)':<{width}} {'observed':<9} {'s':>6}")
    for r in rows:
        print(f"{r['file']:<9} {r['expected']:<{width}} {r['observed']:<9} {r['seconds']:>6.1f}"
              + (f"  {r['detail']}" if r["detail"] else ""))
    bad = [r for r in rows if r["observed"] in ("FAILED", "ERROR")]
    skipped = [r for r in rows if r["observed"] == "skipped"]
    print(f"\n{len(rows)} cases: {len(rows) - len(bad) - len(skipped)} as expected, {len(bad)} not, "
          f"{len(skipped)} skipped; slowest verdict {max((r['seconds'] for r in rows), default=0):.1f} s")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
