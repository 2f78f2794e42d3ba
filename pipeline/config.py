"""Validated configuration: `config/settings.yaml` (how to run) and
`config/sources.yaml` (what to ingest).

Every error names the file, the source (where there is one) and the field, and
is raised before any work starts.
"""

from __future__ import annotations

import ipaddress
import os
import re
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

CONFIG_DIR_ENV = "NEWSPIPE_CONFIG_DIR"
DEFAULT_CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"


_HOST_ENTRY = re.compile(r"^\.?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$")


class ConfigError(ValueError):
    """A configuration problem, with the place it was found."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value


class Source(_Strict):
    """One outlet: where its article lists live and how politely to fetch it."""

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    language: str | None = Field(default=None, description="expected language (ISO 639-1), a routing hint")
    feeds: list[str] = Field(default_factory=list, description="RSS or Atom URLs")
    sitemaps: list[str] = Field(default_factory=list, description="sitemap, sitemap index or news sitemap URLs")
    allowed_hosts: list[str] = Field(default_factory=list, description="hosts article URLs may live on; empty = hosts of the feeds")
    delay_seconds: float | None = Field(default=None, ge=0, description="per-host delay; default from settings")
    max_articles: int | None = Field(default=None, ge=1, description="cap on articles fetched per run")
    enabled: bool = True

    @field_validator("feeds", "sitemaps")
    @classmethod
    def _urls(cls, values: list[str]) -> list[str]:
        return [_check_http_url(v) for v in values]

    @model_validator(mode="after")
    def _has_entry_points(self) -> Source:
        if not self.feeds and not self.sitemaps:
            raise ValueError("needs at least one feed or sitemap")
        return self

    def hosts(self) -> set[str]:
        hosts = {h.lower() for h in self.allowed_hosts}
        if not hosts:
            hosts = {urlsplit(u).hostname.lower() for u in [*self.feeds, *self.sitemaps]}
        return hosts


class FetchSettings(_Strict):
    user_agent: str = "newspipe/0.1 (+https://github.com/newspipe/newspipe)"
    connect_timeout: float = Field(default=10.0, gt=0)
    read_timeout: float = Field(default=20.0, gt=0)
    total_timeout: float = Field(default=60.0, gt=0, description="wall-clock cap for one response, body included")
    max_bytes: int = Field(default=10_000_000, gt=0, description="cap on a decompressed body")
    max_redirects: int = Field(default=5, ge=0)
    retries: int = Field(default=3, ge=0)
    backoff_seconds: float = Field(default=1.0, ge=0)
    max_retry_after: float = Field(default=120.0, ge=0, description="longest Retry-After honoured")
    delay_seconds: float = Field(default=1.0, ge=0, description="default delay between requests to one host")
    per_host_concurrency: int = Field(default=1, ge=1)
    concurrency: int = Field(default=8, ge=1)
    respect_robots: bool = True
    allow_private_networks: bool = Field(default=False, description="allow loopback/private/link-local targets")
    allowed_networks: list[str] = Field(default_factory=list, description="CIDRs or hosts allowed even though private")

    @field_validator("allowed_networks")
    @classmethod
    def _networks(cls, values: list[str]) -> list[str]:
        # An entry that is neither would silently allow nothing (e.g. "10.0.0.0/33", "http://10.1.2.3/").
        for v in values:
            try:
                ipaddress.ip_network(v.strip().strip("[]"), strict=False)
            except ValueError:
                if not _HOST_ENTRY.match(v.strip()):
                    raise ValueError(f"not an IP network (CIDR) or host name: {v!r}") from None
        return values


class ExtractSettings(_Strict):
    favor_precision: bool = False
    favor_recall: bool = False
    min_text_chars: int = Field(default=200, ge=0)
    workers: int = Field(default=1, ge=0, description="processes for extraction; 0 = one per core")
    max_tasks_per_worker: int = Field(default=500, ge=1, description="recycle workers to bound memory")


class TranslationSettings(_Strict):
    enabled: bool = True
    models_dir: str | None = Field(
        default=None, description="argos packages dir; default $ARGOS_PACKAGES_DIR or ~/.local/share/argos-translate/packages")
    target: str = "en"
    sources: list[str] = Field(default_factory=lambda: ["ru", "zh"])
    device: Literal["cpu", "cuda", "auto"] = "cpu"
    inter_threads: int = Field(default=0, ge=0, description="batches decoded side by side; 0 = auto (2, or cores/4 beyond 8)")
    intra_threads: int = Field(default=0, ge=0, description="threads per batch; 0 = cores / inter_threads")
    compute_type: str = "default"
    beam_size: int = Field(default=2, ge=1)
    batch_size: int = Field(default=32, ge=1, description="sentences per translate_batch call, or tokens when batch_type is tokens")
    batch_type: Literal["examples", "tokens"] = "examples"
    max_input_tokens: int = Field(default=200, ge=8)
    max_decoding_ratio: float = Field(
        default=3.0, gt=0, description="first decoding cap ratio*input+10 tokens; a sentence cut there is retried alone up to 256+")
    cache: bool = True
    splitter: Literal["rules", "stanza"] = Field(
        default="rules", description="sentence splitter: built-in rules, or stanza (optional install, as upstream)")


class StoreSettings(_Strict):
    root: str = "./data"
    lock_url: str | None = Field(default=None, description="postgresql:// URL for a cross-machine commit lock; default a file lock")
    storage_options: dict[str, Any] = Field(default_factory=dict, description="fsspec options, e.g. endpoint, key")


class Settings(_Strict):
    fetch: FetchSettings = FetchSettings()
    extract: ExtractSettings = ExtractSettings()
    translation: TranslationSettings = TranslationSettings()
    store: StoreSettings = StoreSettings()


class SourcesFile(_Strict):
    sources: list[Source]

    @model_validator(mode="after")
    def _unique(self) -> SourcesFile:
        seen: set[str] = set()
        for s in self.sources:
            if s.name in seen:
                raise ValueError(f"duplicate source name {s.name!r}")
            seen.add(s.name)
        return self


def config_dir() -> Path:
    return Path(os.environ.get(CONFIG_DIR_ENV) or DEFAULT_CONFIG_DIR)


def _read_yaml(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: invalid YAML: {exc}") from None


def _format_errors(path: Path, exc: ValidationError, data: Any) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = []
        # Name sources by their name, not their index, where we can.
        if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
            try:
                name = data["sources"][loc[1]].get("name")
            except Exception:  # noqa: BLE001 - best effort naming
                name = None
            where.append(f"source {name!r}" if name else f"source #{loc[1] + 1}")
            loc = loc[2:]
        field = ".".join(str(p) for p in loc) or "(top level)"
        msg = err["msg"]
        if err["type"] == "extra_forbidden":
            msg = "unknown key"
        lines.append(f"{path}: {' '.join(where + ['field ' + repr(field)])}: {msg}")
    return "\n".join(lines)


def _validate(model: type[BaseModel], path: Path, data: Any) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(_format_errors(path, exc, data)) from None


def load_settings(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """Load settings; a missing default file means all defaults."""
    p = Path(path) if path else config_dir() / "settings.yaml"
    data: Any = {}
    if path or p.exists():
        data = _read_yaml(p) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: expected a mapping at the top level")
    for dotted, value in (overrides or {}).items():
        node = data
        *parents, leaf = dotted.split(".")
        for key in parents:
            node = node.setdefault(key, {})
        node[leaf] = value
    return _validate(Settings, p, data)


def load_sources(path: str | Path | None = None, names: list[str] | None = None) -> list[Source]:
    """Load enabled sources, optionally only the named ones (unknown names are an error)."""
    p = Path(path) if path else config_dir() / "sources.yaml"
    data = _read_yaml(p)
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: expected a mapping with a 'sources' list")
    sources = _validate(SourcesFile, p, data).sources
    if names:
        known = {s.name: s for s in sources}
        missing = [n for n in names if n not in known]
        if missing:
            raise ConfigError(f"{p}: unknown source(s): {', '.join(missing)}; known: {', '.join(sorted(known))}")
        return [known[n] for n in names]
    return [s for s in sources if s.enabled]
