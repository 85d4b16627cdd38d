"""Settings: defaults, YAML file, MAESTRO_* environment (highest), clear errors."""

from __future__ import annotations

import pytest

from maestro.config import load_settings
from maestro.errors import ConfigError


@pytest.fixture(autouse=True)
def clean_env(monkeypatch, tmp_path):
    for key in list(__import__("os").environ):
        if key.startswith("MAESTRO_"):
            monkeypatch.delenv(key)
    monkeypatch.chdir(tmp_path)


def test_defaults_fit_a_laptop():
    s = load_settings()
    assert s.storage == "./maestro-data" and s.ray_address is None and s.seed == 1
    assert set(s.agents) == {"orchestrator", "canvas", "sonata", "labyrinth", "codex", "builder", "query"}
    # Every agent fits on two cores next to the driver.
    assert sum(a.num_cpus * a.replicas for a in s.agents.values()) < 2


def test_yaml_then_env(monkeypatch, tmp_path):
    (tmp_path / "maestro.yaml").write_text("storage: s3://bucket/x\nagents:\n  canvas: {replicas: 8, num_cpus: 1}\n")
    s = load_settings()
    assert s.storage == "s3://bucket/x"
    assert s.agents["canvas"].replicas == 8 and s.agents["sonata"].replicas == 1
    monkeypatch.setenv("MAESTRO_STORAGE", "/data/games")
    monkeypatch.setenv("MAESTRO_AGENTS__CANVAS__REPLICAS", "3")
    s = load_settings()
    assert s.storage == "/data/games" and s.agents["canvas"].replicas == 3
    assert load_settings(storage="/elsewhere").storage == "/elsewhere"


@pytest.mark.parametrize("yaml_text, needle", [
    ("agents:\n  painter: {replicas: 2}\n", "unknown agent kind"),
    ("level_attempts: 0\n", "level_attempts"),
    ("- just\n- a list\n", "mapping"),
    ("storage: [unclosed\n", "not valid YAML"),
    ("colour: blue\n", "colour"),
])
def test_bad_settings_say_what_is_wrong(tmp_path, yaml_text, needle):
    (tmp_path / "maestro.yaml").write_text(yaml_text)
    with pytest.raises(ConfigError, match=needle):
        load_settings()


def test_missing_config_file_named_by_env(monkeypatch):
    monkeypatch.setenv("MAESTRO_CONFIG", "/nope/maestro.yaml")
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings()


def test_a_settings_file_nobody_named_cannot_turn_qa_off_or_change_the_cluster(monkeypatch, tmp_path, capsys):
    # A ./maestro.yaml in a cloned folder of GDDs: it may tune builds, never QA or the Ray address.
    (tmp_path / "maestro.yaml").write_text("qa: false\nqa_browser: 'off'\nray_address: ray://10.0.0.9:10001\nseed: 5\n")
    s = load_settings()
    assert (s.qa, s.qa_browser, s.ray_address, s.seed) == (True, "auto", None, 5)
    said = " ".join(s.provenance())
    assert "settings: maestro.yaml" in said and "ignored qa, qa_browser, ray_address" in said
    assert "MAESTRO_QA" in said and "MAESTRO_CONFIG" in said
    # The CLI says so on stderr, before anything else happens.
    from maestro.cli import main

    main(["catalog"])
    assert "ignored qa, qa_browser, ray_address" in capsys.readouterr().err
    # Named by the user, the same file is obeyed in full; the environment also decides.
    monkeypatch.setenv("MAESTRO_CONFIG", str(tmp_path / "maestro.yaml"))
    s = load_settings()
    assert (s.qa, s.qa_browser, s.ray_address) == (False, "off", "ray://10.0.0.9:10001") and not s._ignored
    monkeypatch.delenv("MAESTRO_CONFIG")
    monkeypatch.setenv("MAESTRO_QA", "false")
    assert load_settings().qa is False


def test_no_settings_file_says_nothing():
    assert load_settings().provenance() == []
