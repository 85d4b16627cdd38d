"""One way to call a model: a langchain chat model (``ChatOpenAI`` for OpenAI or any server speaking
its API; langchain's fake chat models in tests), asked for JSON in a schema, every answer cached by
a content hash, every token counted against the build's budget.

Why langchain: the reader is written against ``BaseChatModel``, so a recorded or fake model plugs in
without a network, and ``ChatOpenAI`` is the real openai client underneath (its timeouts, and its
retries with backoff on rate limits, 5xx and dropped connections, are the client's own).

Reproducible: the answer to the same (model, prompt, schema, inputs) is read back from the cache
(``llm-cache/`` in the storage), so a re-run of the same GDD + seed + model gives the same bytes
and spends nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from maestro.spec.base import canonical_json
from maestro.spec.reading import Usage

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from maestro.config import LLMSettings
    from maestro.storage import ArtifactStore

CACHE_DIR = "llm-cache"
# A rough count for the budget before a call is made (about 3.5 characters per token in English
# prose; fewer in other scripts, so 3 errs on the side of refusing).
CHARS_PER_TOKEN = 3
MAX_ANSWER_TOKENS = 4_000


class ModelUnavailable(Exception):
    """The model could not answer (timeout, rate limit after retries, server error, refused key,
    budget spent): the reader falls back to the offline reading and says why."""


@dataclass(frozen=True)
class Answer:
    text: str
    usage: Usage
    cached: bool


def chat_model(llm: "LLMSettings") -> "BaseChatModel":
    """The real model of the settings: the openai client via langchain, no streaming."""
    from langchain_openai import ChatOpenAI

    return ChatOpenAI(model=llm.model, base_url=llm.url(), api_key=llm.key() or "not-needed",
                      timeout=llm.timeout_s, max_retries=llm.max_retries, temperature=0,
                      max_completion_tokens=MAX_ANSWER_TOKENS)


class ModelClient:
    """Calls one model for one build: caches answers, counts tokens, refuses past the budget."""

    def __init__(self, model: "BaseChatModel", name: str, budget: int, store: "ArtifactStore | None" = None) -> None:
        self.model = model
        self.name = name
        self.budget = budget
        self.store = store
        self.usage = Usage()

    def key(self, messages: list[tuple[str, str]], schema: dict[str, Any]) -> str:
        return hashlib.sha256(canonical_json({"model": self.name, "messages": messages, "schema": schema}).encode()
                              ).hexdigest()

    def ask(self, messages: list[tuple[str, str]], schema: dict[str, Any], schema_name: str) -> Answer:
        """The model's answer (text meant to be JSON) to ``messages`` [(role, text)]."""
        key = self.key(messages, schema)
        hit = self._cached(key)
        if hit is not None:
            self.usage = self.usage.plus(Usage(cached_calls=1))
            return hit
        estimate = sum(len(text) for _, text in messages) // CHARS_PER_TOKEN + len(json.dumps(schema)) // CHARS_PER_TOKEN
        if self.usage.tokens + estimate + MAX_ANSWER_TOKENS > self.budget:
            raise ModelUnavailable(f"the build's token budget ({self.budget}) would be passed (about "
                                   f"{estimate} tokens to send, {self.usage.tokens} spent): raise "
                                   "llm.max_tokens_per_build")
        bound = self.model.bind(response_format={"type": "json_schema",
                                                 "json_schema": {"name": schema_name, "schema": schema}})
        try:
            reply = bound.invoke(messages)
        except Exception as exc:  # every way a call fails ends in the offline reading, with the reason
            raise ModelUnavailable(_why(exc)) from exc
        text = reply.content if isinstance(reply.content, str) else json.dumps(reply.content)
        meta = getattr(reply, "usage_metadata", None) or {}
        used = Usage(calls=1, input_tokens=int(meta.get("input_tokens", 0)),
                     output_tokens=int(meta.get("output_tokens", 0)))
        self.usage = self.usage.plus(used)
        answer = Answer(text=text, usage=used, cached=False)
        self._keep(key, answer)
        return answer

    # ---- the cache --------------------------------------------------------------------------
    def _path(self, key: str) -> str | None:
        return None if self.store is None else self.store.path(CACHE_DIR, key[:2], f"{key}.json")

    def _cached(self, key: str) -> Answer | None:
        path = self._path(key)
        if path is None or self.store is None:
            return None
        try:
            raw = json.loads(self.store.read_bytes(path))
            return Answer(text=str(raw["text"]), usage=Usage(**raw["usage"]), cached=True)
        except (FileNotFoundError, ValueError, KeyError, TypeError):
            return None

    def _keep(self, key: str, answer: Answer) -> None:
        path = self._path(key)
        if path is None or self.store is None:
            return
        try:
            self.store.write_bytes(path, canonical_json({"text": answer.text, "usage": answer.usage.model_dump(),
                                                         "model": self.name}).encode())
        except OSError:  # a cache that cannot be written costs a call next time, nothing more
            pass


def _why(exc: Exception) -> str:
    """A failed call, in one line a user can act on."""
    name = type(exc).__name__
    status = getattr(exc, "status_code", None)
    if "Timeout" in name:
        return "the model did not answer in time (llm.timeout_s)"
    if status == 429 or "RateLimit" in name:
        return "the model's server kept refusing for its rate limit (HTTP 429), after retries"
    if status in (401, 403) or "Authentication" in name or "PermissionDenied" in name:
        return f"the model's server refused the key (HTTP {status}): check OPENAI_API_KEY"
    if isinstance(status, int):
        return f"the model's server answered HTTP {status}, after retries"
    if "Connection" in name:
        return "the model's server could not be reached (llm.base_url / OPENAI_BASE_URL)"
    text = re.sub(r"\s+", " ", str(exc)).strip()
    return f"the model call failed: {name}: {text[:160]}"
