"""Maestro's metrics reach Prometheus: after real builds, the node's metrics export port (what a
Prometheus server or the Ray dashboard's Grafana scrapes) serves them, parsed with
prometheus_client's own parser."""

from __future__ import annotations

import time
import urllib.request

import pytest

pytestmark = pytest.mark.ray


def _scrape(port: int) -> dict:
    from prometheus_client.parser import text_string_to_metric_families

    text = urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10).read().decode()
    return {f.name: f for f in text_string_to_metric_families(text)}


def test_build_metrics_are_scraped_from_the_export_port(ray_local, example_builds):
    from maestro import metrics

    metrics.queue_depth("batch", 2, 1)
    port = ray_local.nodes()[0]["MetricsExportPort"]
    wanted = {"ray_maestro_projects", "ray_maestro_stage_seconds", "ray_maestro_assets", "ray_maestro_qa_fidelity",
              "ray_maestro_qa_score", "ray_maestro_queue_depth", "ray_maestro_asset_seconds"}
    def published_of(families: dict) -> list:
        return [s for s in families["ray_maestro_projects"].samples
                if s.labels.get("status") == "published" and s.name.endswith("_total")]

    deadline, families = time.monotonic() + 60, {}
    while time.monotonic() < deadline:  # each process (the Builder's) exports every few seconds
        families = _scrape(port)
        if wanted <= set(families) and len({s.labels["genre"] for s in published_of(families)}) >= 4:
            break
        time.sleep(2)
    assert wanted <= set(families), sorted(n for n in families if "maestro" in n)
    published = published_of(families)
    assert {s.labels["genre"] for s in published} >= {"platformer", "puzzle", "shooter", "adventure"}
    assert sum(s.value for s in published) >= 4
    stages = {s.labels.get("stage") for s in families["ray_maestro_stage_seconds"].samples}
    assert {"parse", "assets", "qa", "publish"} <= stages
    agents = {s.labels.get("agent") for s in families["ray_maestro_assets"].samples}
    assert {"canvas", "sonata", "labyrinth", "codex"} <= agents  # recorded inside the agent actors
    fidelity = [s.value for s in families["ray_maestro_qa_fidelity"].samples]
    assert fidelity and all(0 < v <= 1 for v in fidelity)
    depth = {(s.labels["where"], s.labels["state"]): s.value for s in families["ray_maestro_queue_depth"].samples}
    assert depth[("batch", "waiting")] == 2 and depth[("batch", "running")] == 1


def test_the_grafana_dashboard_asks_only_for_metrics_maestro_records():
    import json
    import re
    from pathlib import Path

    from maestro import metrics

    names = {f"ray_{m.name}" for m in vars(metrics).values() if isinstance(m, metrics._Metric)}
    board = json.loads((Path(__file__).resolve().parents[1] / "deploy" / "grafana" / "maestro.json").read_text())
    asked = set()
    for panel in board["panels"]:
        for target in panel["targets"]:
            asked |= {re.sub(r"_(total|bucket|sum|count)$", "", n) for n in re.findall(r"ray_maestro_\w+", target["expr"])}
    assert asked == names  # every metric has a panel, and no panel asks for one that does not exist
