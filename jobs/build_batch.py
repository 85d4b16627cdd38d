"""Build many GDDs at once on a Ray cluster, through the same pipeline as `maestro build`.

    ray job submit --address http://HEAD:8265 --working-dir . --runtime-env jobs/runtime_env.yaml -- \\
        python jobs/build_batch.py --input s3://jam/gdds/ --output s3://jam/builds/ [--seeds 1,2,3]
    ray job submit ... -- python jobs/build_batch.py --input s3://jam/gdds.parquet --column gdd --output ...
    python jobs/build_batch.py --input examples/ --output ./batch-data      # directly, on a local Ray

Input: a folder of .md/.txt GDDs, or a Parquet table with a GDD column (and optional id, seed and
genre columns); any fsspec URI. Output: a Maestro store (the CLI's layout: projects/, catalog/)
plus batch/<id>.json (each item's last end) and batch/results-*.parquet (this run, the catalog's
schema). A re-run skips what is published, and what failed unless --retry-failed.

Exit code: 0 every build published and passed QA; 4 some failed (each with its reason in the
table and the catalog); 2 bad arguments or an input that cannot be read at all.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

# `python jobs/build_batch.py` puts jobs/ on the path, not the project: under `ray job submit
# --working-dir .` the project is the working folder, and its maestro/ is what must be imported.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="build_batch.py", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=__doc__.split("\n\n", 1)[1])
    p.add_argument("--input", required=True, help="a folder of GDDs or a .parquet table (local path or URI)")
    p.add_argument("--output", required=True, help="the store to publish into (local path or URI, e.g. s3://b/p)")
    p.add_argument("--column", default="gdd", help="the GDD column of a Parquet input (default: gdd)")
    p.add_argument("--seeds", help="comma-separated seeds: every GDD is built once per seed (default: 1, or "
                                   "a table's seed column)")
    p.add_argument("--genre", help="force the genre of every GDD (default: read from each)")
    p.add_argument("--retry-failed", action="store_true", help="build again what failed in an earlier run")
    p.add_argument("--max-in-flight", type=int, help="builds submitted at once (default: 2 per cluster CPU)")
    p.add_argument("--llm", action=argparse.BooleanOptionalAction, default=None,
                   help="also read every GDD with the model, as maestro build --llm (default: the llm.enabled "
                        "setting; the key comes from OPENAI_API_KEY in the job's environment)")
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from maestro.batch.inputs import read_items
    from maestro.batch.run import Batch, summary_table
    from maestro.config import load_settings
    from maestro.errors import MaestroError
    from maestro.pipeline.cluster import connect

    from maestro.spec.plan import SEED_MAX, check_seed

    try:
        seeds = [check_seed(int(s)) for s in args.seeds.split(",") if s.strip()] if args.seeds else None
    except (ValueError, MaestroError):
        print(f"error: --seeds must be whole numbers from 0 to {SEED_MAX} separated by commas, not {args.seeds!r}",
              file=sys.stderr)
        return 2
    if args.max_in_flight is not None and args.max_in_flight < 1:
        print("error: --max-in-flight must be 1 or more", file=sys.stderr)
        return 2
    output = args.output if "://" in args.output else os.path.abspath(args.output)
    try:
        settings = load_settings(storage=output, llm=None if args.llm is None else {"enabled": args.llm})
        t0 = time.perf_counter()
        # An input on the output's kind of store (s3:// and s3://) is read with the same options (the
        # endpoint, keys); any other input with its own defaults.
        same_store = "://" in args.input and args.input.split("://")[0] == output.split("://")[0]
        items = read_items(args.input, column=args.column, seeds=seeds, genre=args.genre,
                           storage_options=settings.storage_options if same_store else None)
        print(f"[batch] read {len(items)} item(s) from {args.input} in {time.perf_counter() - t0:.1f} s", flush=True)
        seconds, cluster = connect(settings)
        print(f"[batch] Ray: {cluster} (joined in {seconds:.1f} s); output: {output}", flush=True)
        summary = Batch(items, settings, retry_failed=args.retry_failed, max_in_flight=args.max_in_flight,
                        log=lambda line: print(line, flush=True)).run()
    except MaestroError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.exit_code
    print(summary_table(summary), flush=True)
    print(f"[batch] results: {summary.results_path}", flush=True)
    return 0 if summary.all_passed else 4


if __name__ == "__main__":
    sys.exit(main())
