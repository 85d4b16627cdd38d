"""Batch builds (``jobs/build_batch.py``): inputs.py reads what to build (a folder of GDDs or a
Parquet table, any fsspec URI, times seeds); run.py builds every item as a Ray task through the
CLI's pipeline, bounded in flight, idempotent across re-runs."""
