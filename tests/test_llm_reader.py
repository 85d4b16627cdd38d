"""The LLM reader: the model's parts validated one by one, a repair round, the offline reading as the
floor, the cache, the budget; langchain's fake chat model (no network) and the real openai client
against a recorded OpenAI-compatible server on loopback (tests/llm_server.py)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from llm_server import RECORDINGS, ModelServer

from maestro.cli import read_spec
from maestro.config import load_settings
from maestro.errors import ConfigError
from maestro.gdd import parse_gdd, read_gdd_file
from maestro.llm.client import ModelClient
from maestro.llm.reader import parse_answer, read_with_model
from maestro.spec.reading import READING_PARTS
from maestro.storage import ArtifactStore

GDD = Path(__file__).parent / "fixtures" / "gdds" / "llm_reef_runner.md"
TEXT = read_gdd_file(GDD)
ANSWER = json.loads((RECORDINGS / "reef_runner.json").read_text())["answer"]


def fake(*answers: object) -> ModelClient:
    texts = [a if isinstance(a, str) else json.dumps(a) for a in answers]
    return ModelClient(FakeListChatModel(responses=texts), "fake", budget=50_000)


def test_the_models_parts_replace_what_the_offline_reader_got_wrong():
    offline = parse_gdd(TEXT, source_name=GDD.stem)
    spec = read_with_model(TEXT, None, GDD.stem, fake(ANSWER))
    assert offline.title != "Reef Runner" and spec.title == "Reef Runner" and spec.slug == "reef-runner"
    assert [e.name for e in spec.enemies] == ["Jellyfish"] and [h.name for h in spec.hazards] == ["Urchin"]
    assert spec.goal is not None and spec.goal.look.shape == "door"  # the shape the model chose is drawn
    assert spec.reading is not None and spec.reading.from_model() == list(READING_PARTS)
    assert any(d.startswith("title: offline") for d in spec.reading.differences)
    # what the generators depend on stays the offline reader's
    assert spec.levels == offline.levels and spec.mechanics == offline.mechanics and spec.art == offline.art


def test_the_models_requirements_map_to_what_the_game_builds_or_to_nothing():
    spec = read_with_model(TEXT, None, GDD.stem, fake(ANSWER))
    terms = {r.summary: r.term for r in spec.requirements}
    assert terms["enemy: Jellyfish that drift and sting"] == "jellyfish"
    assert terms["obstacle: Urchin"] == "urchin"
    assert terms["goal: the clam gate"] == "clam-gate"
    assert terms["the current speeds up with every pearl"] is None  # read, but nothing builds it: not built
    assert sum(r.kind == "core_loop" for r in spec.requirements) == 1


def test_a_wrong_part_is_asked_again_once_then_is_the_offline_readers():
    bad = copy.deepcopy(ANSWER)
    bad["enemies"] = [{"name": "Jellyfish", "behavior": "drifting"}]  # not a behaviour Maestro has
    bad["title"] = ""
    still_bad = copy.deepcopy(bad)
    still_bad["title"] = "Reef Runner"  # the repair fixes the title, not the enemies
    client = fake(bad, still_bad)
    spec = read_with_model(TEXT, None, GDD.stem, client, with_rules=False)
    offline = parse_gdd(TEXT, source_name=GDD.stem)
    assert spec.title == "Reef Runner" and spec.reading is not None
    assert spec.reading.parts["title"] == "model" and spec.reading.parts["enemies"] == "offline"
    assert [e.name for e in spec.enemies] == [e.name for e in offline.enemies]
    assert any("enemies" in n and "wrong twice" in n for n in spec.reading.notes)
    assert client.usage.calls == 2


def test_an_answer_that_is_not_json_is_repaired_or_read_offline():
    spec = read_with_model(TEXT, None, GDD.stem, fake("Sure! Here is the JSON: {title: Reef", "still no json"))
    offline = parse_gdd(TEXT, source_name=GDD.stem)
    assert spec.reading is not None and spec.reading.from_model() == []
    assert spec.title == offline.title and spec.requirements == offline.requirements
    assert all("not valid JSON" in n for n in spec.reading.notes)


def test_a_fenced_json_answer_is_read():
    good, bad = parse_answer("```json\n" + json.dumps(ANSWER) + "\n```")
    assert not bad and good["title"] == "Reef Runner"


def test_the_cache_answers_the_same_call_again_for_nothing(tmp_path):
    store = ArtifactStore(str(tmp_path))
    first = ModelClient(FakeListChatModel(responses=[json.dumps(ANSWER)]), "fake", 50_000, store)
    a = read_with_model(TEXT, None, GDD.stem, first, with_rules=False)
    # a model that would answer differently is never asked: the same call is answered from the cache
    second = ModelClient(FakeListChatModel(responses=["{}"]), "fake", 50_000, store)
    b = read_with_model(TEXT, None, GDD.stem, second, with_rules=False)
    assert a.model_dump(exclude={"reading"}) == b.model_dump(exclude={"reading"})
    assert second.usage.calls == 0 and second.usage.cached_calls == 1
    # another model is another key
    third = ModelClient(FakeListChatModel(responses=["{}"]), "other", 50_000, store)
    read_with_model(TEXT, None, GDD.stem, third, with_rules=False)
    assert third.usage.calls >= 1


def test_a_call_past_the_budget_is_not_made():
    client = ModelClient(FakeListChatModel(responses=[json.dumps(ANSWER)]), "fake", budget=1_000)
    spec = read_with_model(TEXT, None, GDD.stem, client)
    assert client.usage.calls == 0 and spec.reading is not None and spec.reading.from_model() == []
    assert "budget" in spec.reading.notes[0]
    assert spec.title == parse_gdd(TEXT, source_name=GDD.stem).title


def test_a_forced_genre_is_kept_whatever_the_model_reads():
    answer = dict(ANSWER, family="puzzle")
    spec = read_with_model(TEXT, "platformer", GDD.stem, fake(answer))
    assert spec.genre == "platformer" and spec.reading is not None
    assert any("--genre platformer decides" in n for n in spec.reading.notes)


def test_a_family_the_model_reads_is_built_by_its_genre():
    answer = dict(ANSWER, family="puzzle")
    spec = read_with_model(TEXT, None, GDD.stem, fake(answer))
    assert spec.genre == "puzzle"


# ---- the real openai client, against the recorded server -------------------------------------
@pytest.fixture
def server():
    with ModelServer() as srv:
        yield srv


def settings_for(server: ModelServer, tmp_path, **llm):
    return load_settings(storage=str(tmp_path), llm={"enabled": True, "base_url": server.url, "model": "recorded",
                                                     "max_retries": 1, "timeout_s": 5, **llm})


def test_the_recorded_model_reads_through_the_real_openai_client(server, tmp_path):
    spec = read_spec(TEXT, GDD.stem, None, settings_for(server, tmp_path))
    assert spec.title == "Reef Runner" and spec.reading is not None
    # the reading (1450 + 420) and the combo's rules module (900 + 260), both recorded
    assert spec.reading.usage.input_tokens == 2350 and spec.reading.usage.output_tokens == 680
    sent = server.requests[0]
    assert sent["model"] == "recorded" and sent["response_format"]["type"] == "json_schema"
    assert sent["messages"][1]["content"] == TEXT


@pytest.mark.parametrize("failure", ["429", "500", "timeout", "401"])
def test_every_failed_call_ends_in_the_offline_reading_with_the_reason(server, tmp_path, failure):
    if failure == "timeout":
        server.stall(3.0)
        server.stall(3.0)
        settings = settings_for(server, tmp_path, timeout_s=0.5)
    else:
        server.fail(int(failure), times=3)
        settings = settings_for(server, tmp_path)
    spec = read_spec(TEXT, GDD.stem, None, settings)
    offline = parse_gdd(TEXT, source_name=GDD.stem)
    assert spec.reading is not None and spec.reading.from_model() == []
    assert spec.model_dump(exclude={"reading"}) == offline.model_dump()
    why = spec.reading.notes[0]
    assert {"429": "rate limit", "500": "HTTP 500", "timeout": "in time", "401": "refused the key"}[failure] in why
    if failure in ("429", "500"):
        assert len(server.requests) == 2  # the client's own retry (max_retries=1), then the floor


def test_a_rate_limit_that_clears_is_retried_by_the_client(server, tmp_path):
    server.fail(429)
    spec = read_spec(TEXT, GDD.stem, None, settings_for(server, tmp_path))
    readings = [r for r in server.requests if "read game design documents" in r["messages"][0]["content"]]
    assert spec.title == "Reef Runner" and len(readings) == 2


def test_with_the_llm_path_off_nothing_is_contacted(server, tmp_path, monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    monkeypatch.setenv("OPENAI_BASE_URL", server.url)
    settings = load_settings(storage=str(tmp_path))
    spec = read_spec(TEXT, GDD.stem, None, settings)
    assert spec.reading is None and server.requests == []
    assert spec.model_dump_json() == parse_gdd(TEXT, source_name=GDD.stem).model_dump_json()
    assert "reading" not in spec.model_dump()  # an offline spec's JSON is as it was before the LLM path


def test_the_llm_path_on_with_nowhere_to_call_is_a_clear_error(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ConfigError, match="no key and no server"):
        load_settings(llm={"enabled": True})


def test_a_key_in_a_settings_file_is_refused(tmp_path, monkeypatch):
    path = tmp_path / "maestro.yaml"
    path.write_text("llm:\n  enabled: true\n  api_key: sk-leaked\n")
    monkeypatch.setenv("MAESTRO_CONFIG", str(path))
    with pytest.raises(ConfigError, match="environment only"):
        load_settings()
