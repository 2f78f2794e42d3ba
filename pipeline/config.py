"""Validated configuration: `config/settings.yaml` (how to run) and
`config/sources.yaml` (what to ingest).

Every error names the file, the source (where there is one) and the field, and
is raised before any work starts.
"""

from __future__ import annotations

import ipaddress
import os
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

CONFIG_DIR_ENV = "NEWSPIPE_CONFIG_DIR"
DEFAULT_CONFIG_DIR = Path(__file__).resolve().parent.parent / "config"


_HOST_ENTRY = re.compile(r"^\.?[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*\.?$")


class ConfigError(ValueError):
    """A configuration problem, with the place it was found (never the credentials of a URL in it)."""

    def __init__(self, message: str) -> None:
        from .errors import redact_text

        super().__init__(redact_text(message))


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_http_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {value!r}")
    return value


class ExtractionProfile(_Strict):
    """How to read one outlet's pages, as fundus does per publisher: selectors (XPath, or
    simple CSS: tag, .class, #id, [attr=value], descendants) for the parts whose
    markup the general rules get wrong. Every field is optional; an empty one leaves
    that part to the general rules. `valid_from`/`valid_until` bound the layout's
    life, so reprocessing old raw pages picks the profile valid when they were fetched."""

    body: list[str] = Field(default_factory=list, description="elements holding the article text, page order")
    drop: list[str] = Field(default_factory=list, description="elements removed before the body is read")
    title: list[str] = Field(default_factory=list, description="element whose text is the headline (first match)")
    date: list[str] = Field(default_factory=list, description="element giving the publication date (its datetime/content or text)")
    author: list[str] = Field(default_factory=list, description="elements whose texts name the authors")
    timezone: str | None = Field(default=None, description="IANA zone of dates the page prints without one (Asia/Shanghai)")
    valid_from: datetime | None = Field(default=None, description="first fetch time the layout applies to (inclusive)")
    valid_until: datetime | None = Field(default=None, description="fetch time from which it no longer applies")

    @field_validator("body", "drop", "title", "date", "author")
    @classmethod
    def _selectors(cls, values: list[str]) -> list[str]:
        from .selectors import compile_selector

        for v in values:
            compile_selector(v)  # raises ValueError naming the selector
        return values

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str | None) -> str | None:
        if value is not None:
            from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError):
                raise ValueError(f"unknown time zone {value!r} (use an IANA name such as Europe/Moscow)") from None
        return value

    def valid_at(self, when: datetime) -> bool:
        lo, hi, at = _aware(self.valid_from), _aware(self.valid_until), when if when.tzinfo else when.replace(tzinfo=UTC)
        return (lo is None or lo <= at) and (hi is None or at < hi)


def _aware(dt: datetime | None) -> datetime | None:
    """Naive times in profiles mean UTC."""
    return dt.replace(tzinfo=UTC) if dt is not None and dt.tzinfo is None else dt


def profile_at(profiles: list[ExtractionProfile], when: datetime) -> ExtractionProfile | None:
    """The profile valid at `when` (the latest starting one if several are)."""
    valid = [p for p in profiles if p.valid_at(when)]
    if not valid:
        return None
    return max(valid, key=lambda p: _aware(p.valid_from) or datetime.min.replace(tzinfo=UTC))


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
    profiles: list[ExtractionProfile] = Field(default_factory=list, description="extraction profiles for this outlet's layouts")

    def profile_at(self, when: datetime) -> ExtractionProfile | None:
        return profile_at(self.profiles, when)

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
            hosts = {(urlsplit(u).hostname or "").lower() for u in [*self.feeds, *self.sitemaps]} - {""}
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
    max_crawl_delay: float = Field(default=30.0, ge=0, description="longest robots.txt Crawl-delay honoured; a longer "
                                   "one (a day, 'inf') spaces that host's requests this far apart, with a warning")
    delay_seconds: float = Field(default=1.0, ge=0, description="default delay between requests to one host")
    per_host_concurrency: int = Field(default=1, ge=1)
    concurrency: int = Field(default=8, ge=1)
    respect_robots: bool = True
    host_down_after: int = Field(default=3, ge=1, description="consecutive connect failures after which a host's "
                                 "remaining URLs in the run are skipped as host_down")
    allow_private_networks: bool = Field(default=False, description="allow loopback/private/link-local targets")
    allowed_networks: list[str] = Field(default_factory=list, description="origins allowed even though private: "
                                        "address, CIDR or host, with :port (no port = 80 and 443 only)")

    @field_validator("allowed_networks")
    @classmethod
    def _networks(cls, values: list[str]) -> list[str]:
        # An entry that is neither would silently allow nothing (e.g. "10.0.0.0/33", "http://10.1.2.3/").
        from .netguard import parse_entry  # here, not at the top: netguard imports this module

        for v in values:
            try:
                target, _ports = parse_entry(v)
            except ValueError as exc:
                raise ValueError(f"not an origin (address, CIDR or host name, optionally :port): {v!r} ({exc})") from None
            try:
                ipaddress.ip_network(target, strict=False)
            except ValueError:
                if not _HOST_ENTRY.match(target):
                    raise ValueError(f"not an IP network (CIDR) or host name: {v!r}") from None
        return values


class ExtractSettings(_Strict):
    favor_precision: bool = False
    favor_recall: bool = False
    min_text_chars: int = Field(default=120, ge=0, description="a story is at least this long (a CJK character counts three)")
    workers: int = Field(default=1, ge=0, description="processes for extraction; 0 = one per core")
    max_tasks_per_worker: int = Field(default=500, ge=1, description="recycle workers to bound memory")
    max_cpu_seconds: float = Field(
        default=30.0, ge=0, description="CPU seconds one page's extraction may use before it is skipped as error:extract (0: no limit)")


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
    max_text_chars: int = Field(
        default=100_000, ge=0,
        description="a longer text is left untranslated and counted (a page of megabytes would hold the stage for hours); 0: no limit")
    splitter: Literal["rules", "stanza"] = Field(
        default="rules", description="sentence splitter: built-in rules, or stanza (optional install, as upstream)")


class StoreSettings(_Strict):
    root: str = "./data"
    lock_url: str | None = Field(default=None, description="postgresql:// URL for a cross-machine commit lock; default a file lock")
    storage_options: dict[str, Any] = Field(default_factory=dict, description="fsspec options, e.g. endpoint, key")
    registry_url: str | None = Field(
        default=None, description="postgresql:// URL of the id registry; default the lock_url when that is PostgreSQL, "
                                  "else SQLite in _state/ (local stores)")
    registry_table: str | None = Field(default=None, description="table name prefix in PostgreSQL; default newspipe_<hash of root>")
    row_group_rows: int = Field(default=16_384, ge=1024, description="rows per row group in compacted day files")


class MaintenanceSettings(_Strict):
    """What `newspipe maintain` and the daily newspipe_maintenance DAG do."""

    compact_after_days: int = Field(default=2, ge=1, description="compact ingest days older than this many days")
    raw_retention_days: int | None = Field(default=365, ge=1, description="delete raw WARC days older than this; null = keep")
    report_retention_days: int | None = Field(default=90, ge=1, description="delete run reports older than this; null = keep")
    staging_retention_days: int = Field(default=7, ge=1, description="delete staging of runs that never landed after this")


class Settings(_Strict):
    # the sources YAML; default sources.yaml beside settings.yaml ($NEWSPIPE_SOURCES, `--sources-file`)
    sources_file: str | None = None
    fetch: FetchSettings = FetchSettings()
    extract: ExtractSettings = ExtractSettings()
    translation: TranslationSettings = TranslationSettings()
    store: StoreSettings = StoreSettings()
    maintenance: MaintenanceSettings = MaintenanceSettings()


class SourcesFile(_Strict):
    sources: list[Source]

    @model_validator(mode="after")
    def _unique(self) -> SourcesFile:
        if not self.sources:  # a run over nothing would succeed silently
            raise ValueError("no sources: the list is empty")
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
    except yaml.YAMLError as exc:  # PyYAML's message spans lines (context, caret): one line, with the position
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ConfigError(f"{path}: invalid YAML{where}: {problem}") from None


def _format_errors(path: Path, exc: ValidationError, data: Any) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = []
        # Name sources by their name, not their index, where we can.
        if len(loc) >= 2 and loc[0] == "sources" and isinstance(loc[1], int):
            try:
                name = data["sources"][loc[1]].get("name")
            except Exception:  # best effort naming
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


STORE_ENV = "NEWSPIPE_STORE"
SOURCES_ENV = "NEWSPIPE_SOURCES"


def load_settings(path: str | Path | None = None, overrides: dict[str, Any] | None = None) -> Settings:
    """The one configuration resolution: settings.yaml (`path`, else the config folder's;
    a missing default file means all defaults), then the environment ($NEWSPIPE_STORE,
    $NEWSPIPE_SOURCES), then `overrides` (dotted keys, e.g. from command-line flags)."""
    p = Path(path) if path else config_dir() / "settings.yaml"
    data: Any = {}
    if path or p.exists():
        data = _read_yaml(p) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: expected a mapping at the top level")
    env = {"store.root": os.environ.get(STORE_ENV, "").strip(), "sources_file": os.environ.get(SOURCES_ENV, "").strip()}
    for dotted, value in [*((k, v) for k, v in env.items() if v), *(overrides or {}).items()]:
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
