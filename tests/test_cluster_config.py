"""cluster.yaml and deploy/cluster-local.yaml pass the preparation and schema validation that
`ray up` runs (no cloud is contacted), and say what Maestro needs of a cluster."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]


def _prepared(path: Path) -> dict:
    from ray.autoscaler._private.util import prepare_config, validate_config

    config = prepare_config(yaml.safe_load(path.read_text()))
    validate_config(config)
    return config


def test_the_cloud_cluster_is_valid_and_keeps_agents_off_the_head():
    config = _prepared(REPO / "cluster.yaml")
    types = config["available_node_types"]
    assert types[config["head_node_type"]]["resources"] == {"CPU": 0}
    assert "maestro_media" in types["media"]["resources"] and "maestro_qa" in types["qa"]["resources"]
    setup = " ".join(config["setup_commands"])
    assert "chromium" in setup and "pip install" in setup
    head = " ".join(config["head_start_ray_commands"])
    assert "--metrics-export-port=8080" in head and "--dashboard-host=0.0.0.0" in head
    assert all("--metrics-export-port=8080" in c for c in config["worker_start_ray_commands"] if "ray start" in c)


def test_the_on_premises_cluster_is_valid():
    config = _prepared(REPO / "deploy" / "cluster-local.yaml")
    assert config["provider"]["type"] == "local" and config["provider"]["worker_ips"]
    assert "--num-cpus=0" in " ".join(config["head_start_ray_commands"])
    assert "maestro_media" in " ".join(config["worker_start_ray_commands"])


def test_validation_can_fail():
    import jsonschema
    from ray.autoscaler._private.util import prepare_config, validate_config

    broken = copy.deepcopy(yaml.safe_load((REPO / "cluster.yaml").read_text()))
    broken["available_node_types"]["media"]["min_workers"] = "many"
    with pytest.raises(jsonschema.ValidationError, match="many"):
        validate_config(prepare_config(broken))
