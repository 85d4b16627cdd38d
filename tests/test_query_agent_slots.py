"""The Query agent runs two builds' checks at once, each in a browser slot of its own (a thread
that owns one Chromium), and one build at a time always reuses the first slot's Chromium.

The actor class is used directly (Ray runs it as a threaded actor with max_concurrency=2; what is
tested here is that its methods are safe and useful to call concurrently)."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from maestro.config import Settings
from maestro.agents.query.qa import bundle_of
from maestro.pipeline.actors import QueryAgent
from tests.conftest import EXAMPLE_BY_GENRE, require_browser
from tests.test_plan_and_assembly import _build


@pytest.fixture(scope="module")
def two_bundles() -> list[dict[str, bytes]]:
    return [bundle_of(_build(EXAMPLE_BY_GENRE[genre].read_text(encoding="utf-8"), 1))
            for genre in ("puzzle", "platformer")]


def test_the_query_agent_is_sized_to_overlap_two_checks_by_default():
    assert Settings().agent("query").max_concurrency == 2
    assert all(Settings().agent(kind).max_concurrency == 1 for kind in ("canvas", "sonata", "labyrinth"))


def test_two_checks_at_once_each_get_a_chromium_and_one_at_a_time_reuse_the_first(two_bundles):
    require_browser()
    agent, release = QueryAgent(), threading.Event()
    try:
        assert agent.prepare(None) is True  # slot 0 launches its Chromium
        first = agent._slots[0]._chromium
        for files in two_bundles:  # one build at a time (the CLI): always slot 0, never a second launch
            report, _ = agent.check(files, None, 6.0, [])
            assert report.passed, report.failures
        assert len(agent._slots) == 1 and agent._slots[0]._chromium is first

        # Two at once: the second finds slot 0 busy and gets a slot (and a Chromium) of its own.
        started = threading.Barrier(2)
        original = agent._slots[0].run

        def held_run(work, browser):  # keep slot 0 busy until the second check has taken its slot
            started.wait(timeout=30)
            release.wait(timeout=60)
            return original(work, browser)

        agent._slots[0].run = held_run  # type: ignore[method-assign]
        with ThreadPoolExecutor(max_workers=2) as pool:
            a = pool.submit(agent.check, two_bundles[0], None, 6.0, [])
            started.wait(timeout=30)
            b = pool.submit(agent.check, two_bundles[1], None, 6.0, [])
            report_b, _ = b.result(timeout=120)  # finishes while slot 0 is still held
            assert len(agent._slots) == 2 and agent._slots[1]._chromium is not first
            release.set()
            report_a, _ = a.result(timeout=120)
        assert report_a.passed and report_b.passed, (report_a.failures, report_b.failures)
        browsers = [r for r in (report_a, report_b) if any(c.id.startswith("browser") for c in r.checks)]
        assert len(browsers) == 2  # both ran the browser pass, each in its own Chromium
        assert not agent._slots[0].busy and not agent._slots[1].busy
    finally:
        release.set()
        for slot in agent._slots:
            vars(slot).pop("run", None)  # the held slot 0 runs as itself again
            if slot._launched is not None:
                launched = slot._launched
                slot.run(lambda chromium, launched=launched: launched.__exit__(None, None, None), None)
