"""An OpenAI-compatible chat server on loopback that answers from recordings, for the LLM path's
tests: the real openai client (through langchain's ChatOpenAI) talks HTTP to it.

    with ModelServer() as server:
        server.answer({"title": ...})          # the next call's JSON answer
        server.fail(429), server.fail(500)     # the next calls' HTTP errors
        server.stall(3.0)                      # the next call answers after 3 s (a timeout)
        server.raw("{not json")                # the next call's content, as is
        ... LLMSettings(enabled=True, base_url=server.url, ...)

Scripted replies are used in order; with none left, a recording whose ``match`` text is in the
request's last user message answers (tests/fixtures/llm/*.json); else HTTP 404, so a test never
passes on an answer it did not choose. ``server.requests`` keeps every request body.
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

RECORDINGS = Path(__file__).parent / "fixtures" / "llm"


@dataclass
class Reply:
    status: int = 200
    content: str = ""
    delay: float = 0.0
    input_tokens: int = 1200
    output_tokens: int = 300


class ModelServer:
    def __init__(self) -> None:
        self.script: list[Reply] = []
        self.requests: list[dict[str, Any]] = []
        self.recordings = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(RECORDINGS.glob("*.json"))]
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (the stdlib's name)
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                reply = server._reply(body)
                if reply.delay:
                    time.sleep(reply.delay)
                if reply.status != 200:
                    data = json.dumps({"error": {"message": f"recorded HTTP {reply.status}", "type": "test"}}).encode()
                else:
                    data = json.dumps({
                        "id": "chatcmpl-test", "object": "chat.completion", "created": 0, "model": body.get("model", ""),
                        "choices": [{"index": 0, "finish_reason": "stop",
                                     "message": {"role": "assistant", "content": reply.content}}],
                        "usage": {"prompt_tokens": reply.input_tokens, "completion_tokens": reply.output_tokens,
                                  "total_tokens": reply.input_tokens + reply.output_tokens},
                    }).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    if reply.status == 429:
                        self.send_header("Retry-After", "0")
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting (a timeout test)
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def _reply(self, body: dict[str, Any]) -> Reply:
        with self.lock:
            self.requests.append(body)
            if self.script:
                return self.script.pop(0)
        user = next((m.get("content", "") for m in reversed(body.get("messages", [])) if m.get("role") == "user"), "")
        for rec in self.recordings:
            if rec["match"] in str(user):
                return Reply(content=json.dumps(rec["answer"]), input_tokens=rec.get("input_tokens", 1200),
                             output_tokens=rec.get("output_tokens", 300))
        return Reply(status=404)

    # ---- the script -------------------------------------------------------------------------
    def answer(self, obj: Any, **kw: Any) -> None:
        self.script.append(Reply(content=json.dumps(obj), **kw))

    def raw(self, content: str) -> None:
        self.script.append(Reply(content=content))

    def fail(self, status: int, times: int = 1) -> None:
        self.script += [Reply(status=status) for _ in range(times)]

    def stall(self, seconds: float, content: str = "{}") -> None:
        self.script.append(Reply(content=content, delay=seconds))

    def __enter__(self) -> "ModelServer":
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
