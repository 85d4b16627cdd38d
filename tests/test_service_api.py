"""The Maestro service end to end, against the real Ray Serve HTTP server (conftest `service`):
submit, status, Server-Sent Events, dedup of identical requests, a runner replica killed
mid-build, the catalog's pages and stats, and hostile requests (size, auth, ids, paths, text)."""

from __future__ import annotations

import http.client
import json
import threading
import time
from urllib.parse import urlparse

import pytest
import requests


pytestmark = pytest.mark.ray

FINAL = ("published", "failed")

# Our own small GDDs (each test builds its own, so no test depends on another's order).
GDD_SKY = """# Sky Lantern Drift
Genre: platformer

You play Mira, a lantern keeper who jumps between floating roofs.
Collect 5 sparks in each level. Avoid the smoke wisps that drift left and right.
Reach the bell tower at the end of each of the 2 levels to win. Touching a wisp costs a life.
Controls: arrow keys to move, space to jump.
"""
GDD_REEF = """# Reef Sweeper
Genre: shooter

A small submarine guards a coral reef from waves of jellyfish.
Shoot the jellyfish before they reach the reef; collect pearls for points. 3 waves.
Lose when the submarine has no lives left.
"""


def _post(service, body, *, headers=None, params=None, token=True):
    h = dict(headers or {})
    if token:
        h.update(service.headers())
    return requests.post(f"{service.url}/api/projects", data=body, headers=h, params=params, timeout=30)


def _get(service, path, *, token=True, **kw):
    return requests.get(f"{service.url}{path}", headers=service.headers() if token else {}, timeout=30, **kw)


def _wait(service, pid, timeout=180.0, until=FINAL):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = _get(service, f"/api/projects/{pid}").json()
        if state["status"] in until:
            return state
        time.sleep(0.2)
    raise AssertionError(f"project {pid} did not reach {until} in {timeout} s: {state}")


def _sse(service, path, headers=None):
    """Every (event, data) of a Server-Sent Events stream until it ends."""
    out = []
    with requests.get(f"{service.url}{path}", headers={**service.headers(), **(headers or {})}, stream=True,
                      timeout=180) as resp:
        assert resp.status_code == 200 and resp.headers["content-type"].startswith("text/event-stream")
        event, data = None, []
        for line in resp.iter_lines(decode_unicode=True):
            if line.startswith("event: "):
                event = line[7:]
            elif line.startswith("data: "):
                data.append(line[6:])
            elif line == "" and event:
                out.append((event, json.loads("\n".join(data))))
                if event == "end":
                    break
                event, data = None, []
    return out


def _service_dirs(service):
    root = service.storage / "service"
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


# ---- the happy path ----------------------------------------------------------------------------
def test_health_says_what_a_client_needs(service):
    health = requests.get(f"{service.url}/healthz", timeout=10).json()
    assert health["ok"] and health["auth"] is True and "platformer" in health["genres"]
    assert health["max_gdd_bytes"] == 256 * 1024
    docs = requests.get(f"{service.url}/openapi.json", timeout=10).json()
    assert "/api/projects" in docs["paths"] and "/api/projects/{project_id}/events" in docs["paths"]


def test_submit_then_follow_to_published(service):
    t0 = time.monotonic()
    resp = _post(service, GDD_SKY.encode(), headers={"Content-Type": "text/markdown"}, params={"seed": 4})
    accept_s = time.monotonic() - t0
    assert resp.status_code == 202, resp.text
    body = resp.json()
    pid = body["id"]
    assert body["created"] is True and body["status"] in ("queued", "reading", "generating")
    assert accept_s < 5, "the build must not run inside the request"
    assert set(body["urls"]) == {"self", "events", "game", "report", "download", "thumbnail"}

    events = _sse(service, body["urls"]["events"])
    kinds = [e for e, _ in events]
    assert kinds[0] == "stage" and kinds[-1] == "end"
    assert "planned" in kinds and "asset" in kinds and "qa" in kinds and "published" in kinds
    assert kinds.index("planned") < kinds.index("asset") < kinds.index("qa") < kinds.index("published")
    planned = dict(events)["planned"]
    assert planned["title"] == "Sky Lantern Drift" and planned["genre"] == "platformer"
    assert any(c["name"] == "Mira" and c["role"] == "player" for c in planned["cast"])
    assert any(r["kind"] == "enemy" for r in planned["requirements"])
    final = events[-1][1]
    assert final["status"] == "published" and final["qa"]["passed"] is True
    assert 0 < final["qa"]["fidelity"] <= 1 and final["qa"]["headline"]
    assert {"parse", "plan", "assets", "qa", "publish"} <= set(final["timings"])
    total = sum(final["agents"][a]["total"] for a in final["agents"])
    assert total == planned["jobs"] and all(p["done"] == p["total"] for p in final["agents"].values())

    # A late subscriber replays everything; Last-Event-ID resumes after an event.
    again = _sse(service, body["urls"]["events"])
    assert [e for e, _ in again] == kinds
    resumed = _sse(service, body["urls"]["events"], headers={"Last-Event-ID": str(len(kinds) - 3)})
    assert [e for e, _ in resumed] == kinds[-2:]

    game = _get(service, body["urls"]["game"])
    assert game.status_code == 200 and b"<canvas" in game.content
    assert "sandbox allow-scripts" in game.headers["content-security-policy"]
    js = _get(service, body["urls"]["game"].replace("index.html", "game.js"))
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    report = _get(service, body["urls"]["report"])
    assert report.status_code == 200 and b"Sky Lantern Drift" in report.content
    assert _get(service, body["urls"]["thumbnail"]).content[:8] == b"\x89PNG\r\n\x1a\n"
    zipped = _get(service, body["urls"]["download"])
    assert zipped.content[:2] == b"PK" and "attachment" in zipped.headers["content-disposition"]

    # The same GDD + seed, as a multipart upload: the same project, not a second build.
    files = {"gdd": ("sky.md", GDD_SKY.encode(), "text/markdown")}
    same = requests.post(f"{service.url}/api/projects", files=files, data={"seed": "4"}, headers=service.headers(),
                         timeout=30)
    assert same.status_code == 202 and same.json()["id"] == pid and same.json()["created"] is False
    # ... and as JSON.
    js_same = _post(service, json.dumps({"gdd": GDD_SKY, "seed": 4}), headers={"Content-Type": "application/json"})
    assert js_same.json()["id"] == pid and js_same.json()["status"] == "published"

    listed = _get(service, "/api/projects", params={"genre": "platformer"}).json()
    assert pid in [item["id"] for item in listed["items"]]
    stats = _get(service, "/api/catalog/stats").json()
    assert any(g["genre"] == "platformer" and g["published"] >= 1 for g in stats["genres"])


def test_twenty_identical_submits_make_one_build(service):
    answers: list[requests.Response] = []
    body = GDD_REEF.encode()

    def submit():
        answers.append(_post(service, body, params={"seed": 11}))

    threads = [threading.Thread(target=submit) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 20 and all(a.status_code == 202 for a in answers), [a.text for a in answers]
    ids = {a.json()["id"] for a in answers}
    assert len(ids) == 1
    assert sum(a.json()["created"] for a in answers) == 1
    pid = ids.pop()
    final = _wait(service, pid)
    assert final["status"] == "published", final
    events = _get(service, f"/api/projects/{pid}/events").text
    assert events.count("event: planned") == 1 and events.count("event: published") == 1
    from maestro.storage import ArtifactStore, Catalog

    rows = [r for r in Catalog(ArtifactStore(str(service.storage))).read().to_pylist() if r["project_id"] == pid]
    assert len(rows) == 1


def test_a_runner_killed_mid_build_still_ends_and_is_listed(service):
    import ray

    resp = _post(service, GDD_REEF.encode(), params={"seed": 12})
    pid = resp.json()["id"]
    before = _wait(service, pid, timeout=60, until=("generating", "checking", *FINAL))
    assert before["status"] not in FINAL, "the build ended before the runner could be killed"
    runners = [a for a in ray.util.list_named_actors(all_namespaces=True)
               if "BuildRunner" in a["name"] and a["namespace"] == "serve"]
    assert runners, "the BuildRunner replica actor was not found"
    for actor in runners:
        ray.kill(ray.get_actor(actor["name"], namespace="serve"), no_restart=True)
    # Serve starts a new replica; it resumes every accepted project without a final state.
    final = _wait(service, pid, timeout=240)
    assert final["status"] == "published" or final["reason"], final
    assert final["attempts"] == 2, "the new runner replica resumed the build"
    events = _get(service, f"/api/projects/{pid}/events").text
    assert events.count('"stage": "ray_start"') == 2  # the first attempt's events are kept, then the second's
    listed = _get(service, "/api/projects", params={"limit": 100}).json()
    assert pid in [item["id"] for item in listed["items"]]


def test_pages_of_the_catalog(service):
    # Two projects at least (the ones the tests above made, or made now); every project is on
    # exactly one page.
    for gdd, seed in ((GDD_SKY, 4), (GDD_REEF, 11)):
        _wait(service, _post(service, gdd.encode(), params={"seed": seed}).json()["id"])
    seen: list[str] = []
    cursor = None
    for _ in range(20):
        params = {"limit": 1, **({"cursor": cursor} if cursor else {})}
        page = _get(service, "/api/projects", params=params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen))
    everything = [i["id"] for i in _get(service, "/api/projects", params={"limit": 100}).json()["items"]]
    assert seen == everything and len(everything) >= 2
    published = _get(service, "/api/projects", params={"status": "published", "limit": 100}).json()["items"]
    assert published and all(item["status"] == "published" for item in published)
    assert _get(service, "/api/projects", params={"cursor": "not-a-cursor"}).status_code == 400
    assert _get(service, "/api/projects", params={"status": "sleeping"}).status_code == 400
    assert _get(service, "/api/projects", params={"limit": 0}).status_code == 400


# ---- hostile or broken requests: a clear JSON error, and nothing written ---------------------------
def test_auth_is_required_and_keys_open_only_their_own_files(service):
    before = _service_dirs(service)
    assert _post(service, GDD_SKY.encode(), token=False).status_code == 401
    wrong = requests.post(f"{service.url}/api/projects", data=GDD_SKY.encode(),
                          headers={"Authorization": "Bearer nope"}, timeout=10)
    assert wrong.status_code == 401 and "token" in wrong.json()["error"]
    assert _get(service, "/api/projects", token=False).status_code == 401
    assert _service_dirs(service) == before

    listed = _get(service, "/api/projects").json()["items"]
    if listed:
        urls = listed[0]["urls"]
        assert "/k/" in urls["game"]
        assert requests.get(f"{service.url}{urls['thumbnail']}", timeout=10).status_code == 200  # the key opens it
        bare = urls["thumbnail"].split("/k/")[0] + "/thumbnail"
        assert requests.get(f"{service.url}{bare}", timeout=10).status_code == 401
        other = urls["thumbnail"].replace(listed[0]["id"], "p0000000000000000000", 1)
        assert requests.get(f"{service.url}{other}", timeout=10).status_code == 401


@pytest.mark.parametrize("body,ctype,status,words", [
    (b"x" * (256 * 1024 + 1), "text/plain", 413, "KiB"),
    (json.dumps({"gdd": "y" * (256 * 1024 + 10)}).encode(), "application/json", 413, "KiB"),
    (b'{"gdd": "A game \\ud800 with a lone surrogate"}', "application/json", 400, "surrogate"),
    (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "application/octet-stream", 400, "GDD"),
    (b"", "text/plain", 400, "empty"),
    (b'{"gdd": 5}', "application/json", 400, "gdd"),
    (b"{not json", "application/json", 400, "JSON"),
    (json.dumps({"gdd": GDD_SKY, "genre": "knitting"}).encode(), "application/json", 400, "genre"),
    (json.dumps({"gdd": GDD_SKY, "seed": "seven"}).encode(), "application/json", 400, "seed"),
    (json.dumps({"gdd": GDD_SKY, "seed": -1}).encode(), "application/json", 400, "seed"),
])
def test_bad_submissions_get_a_clear_error_and_change_nothing(service, body, ctype, status, words):
    before = _service_dirs(service)
    resp = _post(service, body, headers={"Content-Type": ctype})
    assert resp.status_code == status, resp.text
    err = resp.json()
    assert words.lower() in (err["error"] + err["hint"]).lower() and err["hint"]
    assert _service_dirs(service) == before


def test_bad_ids_and_traversal_never_reach_storage(service):
    for path in ("/api/projects/UPPER", "/api/projects/a..b", "/api/projects/" + "a" * 200,
                 "/api/projects/p0000000000000000000"):
        resp = _get(service, path)
        assert resp.status_code in (400, 404) and resp.json()["error"], path
    assert _get(service, "/api/projects/p0000000000000000000").status_code == 404
    listed = _get(service, "/api/projects").json()["items"]
    pid = listed[0]["id"] if listed else "p0000000000000000000"
    host = urlparse(service.url)
    for raw in (f"/api/projects/{pid}/game/../_PUBLISHED.json", f"/api/projects/{pid}/game/%2e%2e/_PUBLISHED.json",
                f"/api/projects/{pid}/game/..%2f..%2fservice", "/api/projects/%2e%2e/game/index.html",
                f"/api/projects/{pid}/game/%2fetc%2fpasswd"):
        conn = http.client.HTTPConnection(host.hostname, host.port, timeout=10)
        conn.request("GET", raw, headers=service.headers())  # sent as written: no client-side cleanup
        resp = conn.getresponse()
        data = resp.read()
        conn.close()
        assert resp.status in (400, 404), (raw, resp.status, data[:200])
        assert b"project_id" not in data and b"root:" not in data, raw
