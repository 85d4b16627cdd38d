"""The service's pure parts, without Ray or HTTP: ids, folding events into a state, cursors,
and the refusal to serve other machines without a token."""

from __future__ import annotations

import pytest

from maestro.errors import ConfigError
from maestro.service.app import check_exposure
from maestro.service.models import ProjectState, Submission
from maestro.service.projects import ProjectBook, apply, decode_cursor, encode_cursor, valid_id
from maestro.storage import ArtifactStore


def test_the_same_request_is_the_same_project():
    a = Submission(gdd="# Hop\nA platformer.", seed=2)
    assert a.project_id == Submission(gdd="# Hop\nA platformer.", seed=2).project_id
    assert a.project_id != Submission(gdd="# Hop\nA platformer.", seed=3).project_id
    assert a.project_id != Submission(gdd="# Hop\nA platformer.", seed=2, genre="puzzle").project_id
    assert valid_id(a.project_id) and len(a.project_id) == 20


@pytest.mark.parametrize("bad", ["", "UPPER", "a..b", "../x", "a/b", "a" * 200, ".hidden", "p\x00"])
def test_bad_ids_are_refused(bad):
    assert not valid_id(bad)
    with pytest.raises(ValueError):
        ProjectBook(ArtifactStore("/tmp/never-written"))._path(bad, "state.json")


def test_events_fold_into_the_state():
    state = ProjectState(id="p" + "0" * 19)
    apply(state, {"type": "stage", "stage": "reading"})
    assert state.status == "reading"
    apply(state, {"type": "planned", "title": "Hop", "genre": "platformer", "levels": 2, "jobs": 3,
                  "per_agent": {"canvas": 2, "codex": 1}, "cast": [], "requirements": []})
    apply(state, {"type": "stage", "stage": "generating"})
    apply(state, {"type": "asset", "agent": "canvas"})
    assert state.status == "generating" and state.agents["canvas"].done == 1 and state.agents["canvas"].total == 2
    apply(state, {"type": "qa", "passed": False, "score": 40.0, "fidelity": 0.5, "round": 0})
    apply(state, {"type": "stage", "stage": "repairing"})
    assert state.status == "repairing" and state.qa.passed is False
    apply(state, {"type": "failed", "reason": "the bot could not finish level 1"})
    assert state.final and state.status == "failed" and state.reason.startswith("the bot")


def test_cursors_round_trip_and_bad_ones_are_refused():
    assert decode_cursor(encode_cursor(40)) == 40 and decode_cursor(None) == 0
    for bad in ("nope", encode_cursor(-1), "b246"):
        with pytest.raises(ValueError):
            decode_cursor(bad)


def test_no_token_means_loopback_only():
    check_exposure("127.0.0.1", None)
    check_exposure("0.0.0.0", "a-token")
    check_exposure(None, None)  # cannot tell: each request is still checked
    with pytest.raises(ConfigError, match="no API token"):
        check_exposure("0.0.0.0", None)
