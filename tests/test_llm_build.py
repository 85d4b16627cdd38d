"""The LLM path through a real build on Ray: the Orchestrator actor calls the recorded model over
HTTP with the real openai client; the game, its report, its catalog row and its project id say what
the model read and what it cost; a model that fails still ends in a published game, read offline."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from llm_server import ModelServer

from maestro.config import load_settings
from maestro.gdd import read_gdd_file
from maestro.pipeline import BuildRequest, run_build
from maestro.storage import ArtifactStore, Catalog

GDD = Path(__file__).parent / "fixtures" / "gdds" / "llm_reef_runner.md"
pytestmark = pytest.mark.ray


@pytest.fixture(scope="module")
def server():
    with ModelServer() as srv:
        yield srv


def build(server: ModelServer, storage: Path, llm: bool = True, **extra):
    settings = load_settings(storage=str(storage), qa_browser="off",
                             llm={"enabled": llm, "base_url": server.url, "model": "recorded", "max_retries": 1,
                                  "timeout_s": 5, "usd_per_million_input_tokens": 0.15,
                                  "usd_per_million_output_tokens": 0.6, **extra})
    req = BuildRequest(text=read_gdd_file(GDD), source_name=GDD.stem)
    return run_build(req, settings)


def test_a_build_read_by_the_model_says_so_everywhere(ray_local, server, tmp_path):
    record = build(server, tmp_path)
    assert record.status == "published" and record.title == "Reef Runner"
    assert record.llm_model == "recorded" and "enemies" in record.llm_parts
    # the reading and the combo's rules module (the speed-up's call is answered 404: not written)
    assert (record.llm_calls, record.llm_input_tokens, record.llm_output_tokens) == (2, 1450 + 900, 420 + 260)
    assert record.llm_cost_usd == pytest.approx((2350 * 0.15 + 680 * 0.6) / 1e6)
    folder = Path(record.index_path).parent
    spec = json.loads((folder / "spec.json").read_text())
    assert spec["title"] == "Reef Runner" and spec["reading"]["model"] == "recorded"
    assert [h["name"] for h in spec["hazards"]] == ["Urchin"]
    report = (folder.parent / "report.html").read_text()
    assert "Who read the GDD" in report and "recorded" in report
    row = Catalog(ArtifactStore(str(tmp_path))).read().to_pylist()[-1]
    assert row["llm_model"] == "recorded" and row["llm_input_tokens"] == 2350


def test_the_same_gdd_read_offline_is_another_project(ray_local, server, tmp_path):
    offline = build(server, tmp_path, llm=False)
    read = build(server, tmp_path)
    assert offline.project_id != read.project_id and offline.llm_model == ""


def test_a_rebuild_spends_nothing_the_cache_answers(ray_local, server, tmp_path):
    first = build(server, tmp_path)
    asked = len(server.requests)
    again = run_build(BuildRequest(text=read_gdd_file(GDD), source_name=GDD.stem, force=True),
                      load_settings(storage=str(tmp_path), qa_browser="off",
                                    llm={"enabled": True, "base_url": server.url, "model": "recorded"}))
    # only the call that failed before is made again (failures are not cached)
    again_asked = server.requests[asked:]
    assert again_asked and all("the current speeds up" in r["messages"][-1]["content"] for r in again_asked)
    assert again.llm_calls == 0 and again.llm_cached_calls == 2
    assert (Path(again.index_path).parent / "game.js").read_bytes() == (Path(first.index_path).parent / "game.js").read_bytes()
    assert (Path(again.index_path).parent / "data.js").read_bytes() == (Path(first.index_path).parent / "data.js").read_bytes()


def test_a_model_that_fails_still_ends_in_a_published_game(ray_local, server, tmp_path):
    server.fail(500, times=2)
    record = build(server, tmp_path)
    assert record.status == "published" and record.llm_model == "recorded" and record.llm_parts == []
    report = (Path(record.index_path).parent.parent / "report.html").read_text()
    assert "HTTP 500" in report


def test_a_rules_module_verified_in_the_build_and_one_that_fails_qa_is_dropped(ray_local, server, tmp_path):
    recorded = Path(__file__).parent / "fixtures" / "llm"
    # the reading, the combo's module (the defining mechanic's, asked first), then a module for "the
    # current speeds up" whose check does not hold
    server.answer(json.loads((recorded / "reef_runner.json").read_text())["answer"])
    server.answer(json.loads((recorded / "reef_runner_combo.json").read_text())["answer"])
    server.answer({"id": "current-speed", "requirement": "x", "summary": "faster with every pearl",
                   "source": "Maestro.registerRules({id: 'current-speed', score: function (R, n) { return n; }});",
                   "check": {"steps": [{"do": "score", "n": 10}], "expect": {"score": 999}}})
    record = build(server, tmp_path)
    assert record.status == "published" and record.qa_status == "passed"
    assert any("current-speed dropped" in r for r in record.repairs)
    folder = Path(record.index_path).parent
    spec = json.loads((folder / "spec.json").read_text())
    assert [m["id"] for m in spec["rules"]] == ["pearl-combo"]
    assert b"rules module pearl-combo" in (folder / "game.js").read_bytes()
    assert b"current-speed" not in (folder / "game.js").read_bytes()
    report = json.loads((folder.parent / "report.json").read_text())
    states = {r["requirement"]["summary"]: r["status"] for r in report["requirements"]}
    assert states["pearl combo: two pearls within two seconds score double"] == "verified"
    assert states["the current speeds up with every pearl"] == "not_built"
    assert any("current-speed dropped" in n for n in report["reading"]["notes"])
