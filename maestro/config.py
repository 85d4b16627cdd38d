"""Settings: defaults, then a YAML file, then MAESTRO_* environment variables (highest).

    MAESTRO_STORAGE=s3://bucket/maestro     where builds and the catalog go (any fsspec URI)
    MAESTRO_RAY_ADDRESS=ray://head:10001    join a cluster instead of starting a local Ray
    MAESTRO_CONFIG=./maestro.yaml           the YAML file to read (default ./maestro.yaml if present)

A ./maestro.yaml found in the working folder (a cloned repository of GDDs, say) was not chosen by
the user: it may tune builds, but it never turns QA (or its browser pass) off and never points
Maestro at another Ray cluster. Those keys are ignored there, with a warning; set them through
MAESTRO_CONFIG, the environment or the command line. Commands say which file they read.
    MAESTRO_AGENTS__CANVAS__REPLICAS=8      size one agent kind (nested keys use "__")

See README.md ("Settings") for every key.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, SecretStr, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, SettingsError

from maestro.errors import ConfigError

AGENT_KINDS = ("orchestrator", "canvas", "sonata", "labyrinth", "codex", "builder", "query")


class AgentSize(BaseModel):
    model_config = ConfigDict(extra="forbid")
    replicas: int = Field(default=1, ge=1, le=256)
    num_cpus: float = Field(default=0.25, ge=0, le=64)
    memory_mb: int | None = Field(default=None, ge=64)
    max_restarts: int = Field(default=2, ge=-1)
    # Calls one actor runs at once. Only the Query agent gains from more than one: its checks mostly
    # wait on Chromium (other processes), so two builds' QA overlap in one actor, each with a Chromium
    # of its own; the generators are pure Python and would only share one GIL.
    max_concurrency: int = Field(default=1, ge=1, le=32)
    # Custom Ray resources (e.g. {"maestro_media": 1}): the actor lands only on nodes that have
    # them, as cluster.yaml's worker types do.
    resources: dict[str, float] = Field(default_factory=dict)


def _default_agents() -> dict[str, AgentSize]:
    # Fractional CPUs so that every agent fits on a 2-core laptop next to the driver;
    # a cluster raises replicas (e.g. canvas: 8) through the YAML file or env.
    return {
        "orchestrator": AgentSize(replicas=1, num_cpus=0.1),
        "canvas": AgentSize(replicas=1, num_cpus=0.35),
        "sonata": AgentSize(replicas=1, num_cpus=0.35),
        "labyrinth": AgentSize(replicas=1, num_cpus=0.35),
        "codex": AgentSize(replicas=1, num_cpus=0.1),
        "builder": AgentSize(replicas=1, num_cpus=0.1),
        "query": AgentSize(replicas=1, num_cpus=0.1, max_concurrency=2),
    }


class LLMSettings(BaseModel):
    """The optional LLM path (maestro.llm). Off unless asked for: with it off nothing is contacted and
    builds are byte-identical to a machine with no key. The key is read from the environment only
    (OPENAI_API_KEY or MAESTRO_LLM__API_KEY), never from a settings file."""

    model_config = ConfigDict(extra="forbid")
    enabled: bool = Field(default=False, description="read GDDs with the model too (maestro build --llm)")
    model: str = Field(default="gpt-4o-mini", min_length=1, max_length=200, description="the model's name")
    base_url: str | None = Field(default=None, description="an OpenAI-compatible server (vLLM, Ollama, llama.cpp); "
                                 "unset: OPENAI_BASE_URL, else OpenAI itself")
    api_key: SecretStr | None = Field(default=None, description="environment only; unset: OPENAI_API_KEY")
    max_tokens_per_build: int = Field(default=30_000, ge=1_000, le=2_000_000,
                                      description="tokens one build may spend; a call that would pass it is not made")
    timeout_s: float = Field(default=60.0, gt=0, le=600, description="longest wait for one model call")
    max_retries: int = Field(default=2, ge=0, le=8, description="retries (with backoff) on rate limits, 5xx, timeouts")
    usd_per_million_input_tokens: float | None = Field(default=None, ge=0, description="the model's price, for the "
                                                       "cost each build records; unset: no cost recorded")
    usd_per_million_output_tokens: float | None = Field(default=None, ge=0)

    def key(self) -> str | None:
        """The API key: the setting (from the environment), else OPENAI_API_KEY."""
        if self.api_key is not None and self.api_key.get_secret_value():
            return self.api_key.get_secret_value()
        return os.environ.get("OPENAI_API_KEY") or None

    def url(self) -> str | None:
        return self.base_url or os.environ.get("OPENAI_BASE_URL") or None

    def resolved(self) -> "LLMSettings":
        """These settings with the key and URL taken from this process's environment, for a process
        (an agent on a cluster) whose environment may not hold them."""
        key = self.key()
        return self.model_copy(update={"api_key": SecretStr(key) if key else None, "base_url": self.url()})

    def cost(self, input_tokens: int, output_tokens: int) -> float | None:
        if self.usd_per_million_input_tokens is None or self.usd_per_million_output_tokens is None:
            return None
        return round((input_tokens * self.usd_per_million_input_tokens
                      + output_tokens * self.usd_per_million_output_tokens) / 1e6, 8)

    def usable(self) -> bool:
        """Enabled, and with somewhere to send the calls: a key (OpenAI), or a local server's URL."""
        return self.enabled and (self.key() is not None or self.url() is not None)


IMPLICIT_FILE = "maestro.yaml"
# What a settings file the user did not name may not change: QA, and which cluster runs the build.
GUARDED_KEYS = ("qa", "qa_browser", "ray_address")


def settings_file() -> tuple[str, bool]:
    """The YAML file settings are read from, and whether the user named it (MAESTRO_CONFIG);
    ("", False) when there is none."""
    named = os.environ.get("MAESTRO_CONFIG")
    if named:
        return named, True
    return (IMPLICIT_FILE, False) if Path(IMPLICIT_FILE).is_file() else ("", False)


class _YamlSource(PydanticBaseSettingsSource):
    """Reads MAESTRO_CONFIG (or ./maestro.yaml when present, less its GUARDED_KEYS)."""

    ignored: list[str] = []  # the guarded keys the last implicit file set (load_settings reports them)

    def get_field_value(self, field, field_name):  # pragma: no cover - required by the ABC
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        path, named = settings_file()
        _YamlSource.ignored = []
        if not path:
            return {}
        try:
            loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist.", "Fix MAESTRO_CONFIG or create the file.") from None
        except yaml.YAMLError as exc:
            raise ConfigError(f"config file {path} is not valid YAML: {exc}".splitlines()[0]) from None
        if not isinstance(loaded, dict):
            raise ConfigError(f"config file {path} must hold a mapping of settings.")
        llm = loaded.get("llm")
        if isinstance(llm, dict) and "api_key" in llm:  # a key in a file ends up in a repository
            raise ConfigError(f"config file {path} sets llm.api_key: the key is read from the environment only.",
                              "Remove it from the file and set OPENAI_API_KEY (or MAESTRO_LLM__API_KEY).")
        if not named:
            _YamlSource.ignored = [k for k in GUARDED_KEYS if k in loaded]
            loaded = {k: v for k, v in loaded.items() if k not in GUARDED_KEYS}
        return loaded


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MAESTRO_", env_nested_delimiter="__", extra="forbid")

    storage: str = Field(default="./maestro-data", description="fsspec URI of the storage root")
    # The storage's fsspec options (s3: endpoint_url, key, secret, client_kwargs, ...). The store
    # opened with them travels with every call that writes, so an agent on another node (its
    # environment not this one's) writes where this process reads. repr=False: it may hold a secret.
    storage_options: dict[str, Any] = Field(default_factory=dict, repr=False,
                                            description="fsspec options of the storage, e.g. {endpoint_url: ...}")
    ray_address: str | None = Field(default=None, description="Ray cluster address; unset = local instance")
    ray_namespace: str = "maestro"
    seed: int = Field(default=1, ge=0, le=2**31 - 1, description="default build seed (maestro.spec.plan.SEED_MAX)")
    level_attempts: int = Field(default=12, ge=1, le=200, description="regenerations before a level fails")
    use_cache: bool = Field(default=True, description="reuse assets generated before (content-hash cache)")
    qa: bool = Field(default=True, description="play and check every build before publishing it")
    qa_rounds: int = Field(default=2, ge=0, le=10, description="repair rounds when QA fails")
    qa_browser: Literal["auto", "on", "off"] = Field(default="auto", description="Chromium pass: auto = when installed")
    qa_smoke_seconds: float = Field(default=20.0, ge=1, le=600, description="simulated seconds of headless play")
    timeout_seconds: float = Field(default=300.0, gt=0, le=86_400,
                                   description="longest wait for any one agent call before the build fails")
    agents: dict[str, AgentSize] = Field(default_factory=_default_agents)
    llm: LLMSettings = Field(default_factory=LLMSettings)
    # Where the settings came from (not settings themselves): the YAML file read, and the keys of an
    # implicit ./maestro.yaml that were ignored.
    _file: str = PrivateAttr(default="")
    _ignored: list[str] = PrivateAttr(default_factory=list)

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings, file_secret_settings):
        return (init_settings, env_settings, _YamlSource(settings_cls))

    def agent(self, kind: str) -> AgentSize:
        return self.agents.get(kind) or _default_agents()[kind]

    def provenance(self) -> list[str]:
        """Lines a command prints about where its settings came from (nothing without a file)."""
        if not self._file:
            return []
        lines = [f"settings: {self._file}"]
        if self._ignored:
            env = ", ".join(f"MAESTRO_{k.upper()}" for k in self._ignored)
            lines.append(f"warning: ignored {', '.join(self._ignored)} from ./{IMPLICIT_FILE} in this folder: a settings file "
                         f"you did not name may not change QA or the Ray cluster. Set them with {env}, or name the "
                         f"file with MAESTRO_CONFIG.")
        return lines


def load_settings(**overrides: Any) -> Settings:
    try:
        settings = Settings(**{k: v for k, v in overrides.items() if v is not None})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first.get("loc", ()))
        raise ConfigError(f"bad setting {where or '?'}: {first.get('msg')}.", "See README.md, section Settings.") from None
    except SettingsError as exc:  # a MAESTRO_* variable that should hold JSON (agents, storage_options) does not
        raise ConfigError(f"{exc}.", "Give that MAESTRO_* variable a JSON object, or set its keys one by one "
                                     "with '__' (MAESTRO_STORAGE_OPTIONS__ENDPOINT_URL=...).") from None
    unknown = set(settings.agents) - set(AGENT_KINDS)
    if unknown:
        raise ConfigError(f"unknown agent kind(s) in settings: {', '.join(sorted(unknown))}.",
                          f"Known kinds: {', '.join(AGENT_KINDS)}.")
    if settings.llm.enabled and not settings.llm.usable():
        raise ConfigError("the LLM path is on (llm.enabled / --llm) but there is no key and no server to call.",
                          "Set OPENAI_API_KEY, or point llm.base_url (or OPENAI_BASE_URL) at an OpenAI-compatible "
                          "server, or build without --llm.")
    merged = _default_agents()
    merged.update(settings.agents)
    settings.agents = merged
    settings._file = settings_file()[0]
    settings._ignored = list(_YamlSource.ignored)
    return settings
