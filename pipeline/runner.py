"""Glue between the stages, shared by the CLI and the Airflow DAGs.

Every stage reads what the previous one left in the store's staging area
(`_state/staging/<run_key>/<attempt>/`) and returns a small JSON-serializable dict, so a
DAG passes references through XCom, never payloads. Configuration comes from
`config/` and the environment:

- ``NEWSPIPE_CONFIG_DIR``: folder with settings.yaml and sources.yaml
- ``NEWSPIPE_SOURCES``: a sources YAML that overrides the folder's
- ``NEWSPIPE_STORE``: the store root (local path or fsspec URI)
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import posixpath
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, ContextManager

import pyarrow.parquet as pq

from .config import ConfigError, Settings, Source, load_settings, load_sources
from .record import ArticleRecord, article_id_for, records_to_table, table_to_records
from .store import Store
from .urls import canonicalize

log = logging.getLogger(__name__)

Progress = Callable[[int, int | None], None]  # (done, total)

_KEY_FMT = "%Y%m%dT%H%M%SZ"


# -- configuration ---------------------------------------------------------------
def get_settings(settings: Settings | None = None) -> Settings:
    if settings is not None:
        return settings
    overrides = {}
    if os.environ.get("NEWSPIPE_STORE"):
        overrides["store.root"] = os.environ["NEWSPIPE_STORE"]
    return load_settings(overrides=overrides)


def get_sources(names: list[str] | None = None) -> list[Source]:
    return load_sources(os.environ.get("NEWSPIPE_SOURCES") or None, names=names)


def get_source(name: str) -> Source:
    return get_sources([name])[0]


def source_names(settings: Settings | None = None) -> list[str]:
    return [s.name for s in get_sources()]


def open_store(settings: Settings | None = None) -> Store:
    from .store import open_store as store_from_settings

    return store_from_settings(get_settings(settings).store)


# -- intervals and run keys ------------------------------------------------------
def _utc(value: str | datetime) -> datetime:
    dt = value if isinstance(value, datetime) else datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


@dataclass(frozen=True)
class Interval:
    """A data interval [start, end) in UTC."""

    start: datetime
    end: datetime

    @classmethod
    def of(cls, start: str | datetime, end: str | datetime) -> Interval:
        s, e = _utc(start), _utc(end)
        if e <= s:
            raise ValueError(f"interval end {e.isoformat()} is not after start {s.isoformat()}")
        return cls(s, e)

    @property
    def ingest_date(self) -> date:
        return self.start.date()

    def contains(self, when: datetime) -> bool:
        return self.start <= when < self.end


def make_run_key(interval: Interval, source: str) -> str:
    return f"{interval.start.strftime(_KEY_FMT)}_{interval.end.strftime(_KEY_FMT)}_{source}"


def parse_run_key(run_key: str) -> tuple[Interval, str]:
    start, end, source = run_key.split("_", 2)
    return Interval.of(datetime.strptime(start, _KEY_FMT), datetime.strptime(end, _KEY_FMT)), source


# -- staging ---------------------------------------------------------------------
def _staging(store: Store, ref: dict, name: str) -> str:
    """Staging is per attempt: two attempts of one run never share files."""
    return store.join("_state", "staging", ref["run_key"], ref["attempt"], name)


def _write_records(store: Store, ref: dict, name: str, records: list[ArticleRecord]) -> str:
    path = _staging(store, ref, name)
    store.write_atomic(records_to_table(records), path)
    return path


def _read_records(store: Store, path: str) -> list[ArticleRecord]:
    if not store.fs.exists(path):
        return []
    with store.fs.open(path, "rb") as fh:
        return table_to_records(pq.read_table(fh))


def _add_skips(store: Store, ref: dict, stage: str, skips: Iterable[tuple[str, str]]) -> Counter:
    """Append skips (url, reason) to the run's skip log; return counts by reason."""
    from .fetch import redact_url  # URLs may carry user:password@; neither logs nor reports get it

    counts: Counter = Counter()
    lines = []
    for url, reason in skips:
        url = redact_url(url)
        counts[reason.split(":", 1)[0]] += 1
        lines.append(json.dumps({"stage": stage, "url": url, "reason": reason}, ensure_ascii=False))
        log.info("skip [%s] %s: %s", stage, url, reason)
    if lines:
        path = _staging(store, ref, "skips.jsonl")
        store.fs.makedirs(posixpath.dirname(path), exist_ok=True)
        old = store.fs.cat_file(path) if store.fs.exists(path) else b""
        store.fs.pipe_file(path, old + ("\n".join(lines) + "\n").encode())
    return counts


@dataclass(frozen=True)
class _Stage:
    """What every stage after discovery works from: settings, store and the run's identity."""

    settings: Settings
    store: Store
    run_key: str
    interval: Interval
    source: str


def _stage(ref: dict, settings: Settings | None) -> _Stage:
    settings = get_settings(settings)
    interval, source = parse_run_key(ref["run_key"])
    return _Stage(settings, open_store(settings), ref["run_key"], interval, source)


def _ref(run_key: str, **extra: Any) -> dict[str, Any]:
    """A new attempt of a run: the reference the stages pass along (small, XCom-friendly)."""
    interval, source = parse_run_key(run_key)
    attempt = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    return {"run_key": run_key, "attempt": attempt, "source": source, "start": interval.start.isoformat(),
            "end": interval.end.isoformat(), **extra}


# -- stages ----------------------------------------------------------------------
def stage_discover(source: str, start: str | datetime, end: str | datetime, *, settings: Settings | None = None) -> dict:
    """Find the source's article URLs for the interval; write them to staging."""
    from .discover import discover, dump_items
    from .fetch import Fetcher

    settings = get_settings(settings)
    src = get_source(source)
    interval = Interval.of(start, end)
    run_key = make_run_key(interval, source)
    store = open_store(settings)
    with Fetcher(settings.fetch, host_delays=_host_delays(src)) as fetcher:
        found = discover(src, interval.start, interval.end, fetcher)
    ref = _ref(run_key)
    path = _staging(store, ref, "discovered.jsonl")
    store.fs.makedirs(posixpath.dirname(path), exist_ok=True)
    with store.fs.open(path, "w", encoding="utf-8") as fh:
        dump_items(found.items, fh)
    skips = _add_skips(store, ref, "discover", ((s.url, s.reason) for s in found.skips))
    log.info("discover %s: %d article URLs for %s .. %s", source, len(found.items), interval.start, interval.end)
    # counts include entries dropped before they became article URLs (no_link, off_host, out_of_window,
    # max_articles_cut, ...): the run report accounts for every feed/sitemap entry, not just the kept ones
    return {**ref, "discovered": len(found.items), "discover_skips": dict(skips), "discover_counts": dict(found.counts)}


def load_discovered(ref: dict, *, settings: Settings | None = None) -> list:
    """The DiscoveredItems an attempt's discover stage wrote."""
    from .discover import load_items

    store = open_store(settings)
    path = _staging(store, ref, "discovered.jsonl")
    if not store.fs.exists(path):
        return []
    with store.fs.open(path, "r", encoding="utf-8") as fh:
        return load_items(fh)


def _host_delays(src: Source) -> dict[str, float]:
    if src.delay_seconds is None:
        return {}
    return {h: src.delay_seconds for h in src.hosts()}


def stage_fetch(ref: dict, *, settings: Settings | None = None, progress: Progress | None = None) -> dict:
    """Fetch the discovered pages not stored yet; keep every response raw (WARC)."""
    from .fetch import Fetcher, redact_url
    from .rawstore import RawPage, RawWriter

    ctx = _stage(ref, settings)
    settings, store, run_key, interval, source = ctx.settings, ctx.store, ctx.run_key, ctx.interval, ctx.source
    src = get_source(source)
    items = load_discovered(ref, settings=settings)
    stored = store.known_ids(article_id_for(it.canonical_url) for it in items)
    todo = [it for it in items if article_id_for(it.canonical_url) not in stored]
    already = len(items) - len(todo)
    skips: list[tuple[str, str]] = []
    fetched = 0
    writer = RawWriter(store, run_key, interval.ingest_date)
    try:
        with Fetcher(settings.fetch, host_delays=_host_delays(src)) as fetcher:
            for done, res in enumerate(fetcher.fetch_many([it.url for it in todo], kind="page"), 1):
                if res.ok:  # kept without user:password@, so raw pages and rows never hold credentials
                    writer.write(RawPage(url=redact_url(res.url), final_url=redact_url(res.final_url), status=res.status,
                                         headers=res.headers, body=res.body, fetched_at=res.fetched_at, source=source))
                    fetched += 1
                else:
                    skips.append((res.url, f"{res.error}: {res.detail or ''}".strip()))
                if progress:
                    progress(done, len(todo))
    finally:
        raw_path = writer.close()
    counts = _add_skips(store, ref, "fetch", skips)
    log.info("fetch %s: %d fetched, %d failed, %d already stored", source, fetched, len(skips), already)
    return {**ref, "fetched": fetched, "fetch_failed": len(skips), "fetch_skips": dict(counts),
            "already_stored_before_fetch": already, "raw_path": raw_path}


def pages_to_records(pages: Iterable, source: str, settings: Settings) -> tuple[list[ArticleRecord], list[tuple[str, str]]]:
    """Decode and extract raw pages into records (language not yet set)."""
    from .charset import decode_html
    from .extract import extract_many

    latest: dict[str, Any] = {}
    skips: list[tuple[str, str]] = []
    for page in pages:
        if isinstance(page, tuple):  # (url, reason) from a manifest
            skips.append(page)
            continue
        try:
            canon = canonicalize(page.final_url or page.url)
        except ValueError as exc:
            skips.append((page.url, f"bad_url: {exc}"))
            continue
        prev = latest.get(canon)
        if prev is None or page.fetched_at >= prev[1].fetched_at:
            latest[canon] = (canon, page)
    entries = list(latest.values())
    htmls = []
    for canon, page in entries:
        decoded = decode_html(page.body, page.headers.get("content-type"))
        htmls.append((decoded.text, page.final_url or page.url))
    records: list[ArticleRecord] = []
    results = extract_many(htmls, settings.extract, workers=settings.extract.workers)
    for (canon, page), ext in zip(entries, results):
        if ext is None or not (ext.text or "").strip():
            skips.append((page.url, "no_article: no article text found"))
            continue
        records.append(ArticleRecord(
            url=page.url, canonical_url=canon, source=page.source or source, fetched_at=page.fetched_at,
            title=ext.title, text=ext.text, published_at=ext.published_at, authors=list(ext.authors or []),
            site_name=ext.site_name, description=ext.description, tags=list(ext.tags or []),
            image_url=ext.image_url, page_language=ext.page_language, final_url=page.final_url,
        ))
    return records, skips


def _drop_off_host(records: list[ArticleRecord], source: str, skips: list[tuple[str, str]]) -> list[ArticleRecord]:
    """Pages that redirected off the source's allowed_hosts are not its articles (the raw page stays kept)."""
    from .urls import host_allowed, host_of

    try:
        hosts = get_source(source).hosts()
    except Exception:  # noqa: BLE001 - re-processing a source no longer configured: no filter
        return records
    kept = []
    for rec in records:
        if rec.final_url and not host_allowed(rec.final_url, hosts):
            skips.append((rec.url, f"off_host_redirect: landed on {host_of(rec.final_url)}, not in the source's allowed_hosts"))
        else:
            kept.append(rec)
    return kept


def stage_extract(ref: dict, *, settings: Settings | None = None) -> dict:
    """Extract articles from every raw page the run kept (all attempts)."""
    from .rawstore import iter_raw, raw_files

    ctx = _stage(ref, settings)
    settings, store, run_key, source = ctx.settings, ctx.store, ctx.run_key, ctx.source
    records, skips = pages_to_records(iter_raw(store, raw_files(store, run_key)), source, settings)
    records = _drop_off_host(records, source, skips)
    _write_records(store, ref, "extracted.parquet", records)
    counts = _add_skips(store, ref, "extract", skips)
    log.info("extract %s: %d articles, %d pages without one", source, len(records), len(skips))
    return {**ref, "extracted": len(records), "extract_skips": dict(counts)}


def detect_records(records: list[ArticleRecord], source_hint: str | None) -> None:
    from .language import detect_language

    for rec in records:
        res = detect_language(rec.text or "", title=rec.title, html_lang=rec.page_language, source_hint=source_hint)
        rec.language, rec.language_confidence = res.language, res.confidence
        if res.route == "en":
            rec.title_en, rec.text_en = rec.title, rec.text


def _source_hint(source: str) -> str | None:
    try:
        return get_source(source).language
    except Exception:  # noqa: BLE001 - re-processing a source no longer configured
        return None


def stage_detect(ref: dict, *, settings: Settings | None = None) -> dict:
    ctx = _stage(ref, settings)
    store, source = ctx.store, ctx.source
    records = _read_records(store, _staging(store, ref, "extracted.parquet"))
    detect_records(records, _source_hint(source))
    _write_records(store, ref, "detected.parquet", records)
    langs = Counter(r.language for r in records)
    log.info("detect %s: %s", source, dict(langs))
    return {**ref, "languages": dict(langs)}


def translation_cache_path(store: Store) -> str:
    return store.local_state_path("translation_cache.sqlite")


def translate_in_place(records: list[ArticleRecord], settings: Settings, store: Store) -> dict:
    from pathlib import Path

    from .translate import translate_records

    report = translate_records(records, settings.translation, Path(translation_cache_path(store)))
    return report.as_dict() if hasattr(report, "as_dict") else dict(getattr(report, "__dict__", {}))


def stage_translate(ref: dict, *, settings: Settings | None = None) -> dict:
    """Translate ru/zh (configurable) into English; a missing model keeps records untranslated."""
    ctx = _stage(ref, settings)
    settings, store = ctx.settings, ctx.store
    records = _read_records(store, _staging(store, ref, "detected.parquet"))
    report: dict = {"enabled": settings.translation.enabled}
    if settings.translation.enabled and records:
        report = translate_in_place(records, settings, store)
    _write_records(store, ref, "translated.parquet", records)
    return {**ref, "translation": report}


def stage_land(ref: dict, *, settings: Settings | None = None) -> dict:
    """Land the run's records (idempotent per run key) and write the run report."""
    ctx = _stage(ref, settings)
    store, run_key, interval = ctx.store, ctx.run_key, ctx.interval
    records: list[ArticleRecord] = []
    for name in ("translated.parquet", "detected.parquet"):
        path = _staging(store, ref, name)
        if store.fs.exists(path):
            records = _read_records(store, path)
            break
    result = store.land(records, run_key, interval.ingest_date)
    report = {**ref, "land": result.as_dict(), "skips": []}
    skip_path = _staging(store, ref, "skips.jsonl")
    if store.fs.exists(skip_path):
        report["skips"] = [json.loads(line) for line in store.fs.cat_file(skip_path).decode().splitlines() if line]
    report_path = store.join("_state", "runs", f"{run_key}.json")
    store.fs.makedirs(posixpath.dirname(report_path), exist_ok=True)
    store.fs.pipe_file(report_path, json.dumps(report, ensure_ascii=False, indent=1, default=str).encode())
    with contextlib.suppress(FileNotFoundError):
        store.fs.rm(posixpath.dirname(skip_path), recursive=True)
    return {**ref, "landed": result.landed, "new": result.new, "already_stored": result.already_stored,
            "file": result.file, "problems": result.problems}


# -- whole runs ------------------------------------------------------------------
def run_source(source: str, start: str | datetime, end: str | datetime, *, settings: Settings | None = None,
               translate: bool = True, progress: Progress | None = None) -> dict:
    settings = get_settings(settings)
    ref = stage_discover(source, start, end, settings=settings)
    ref = stage_fetch(ref, settings=settings, progress=progress)
    return process_raw(ref, settings=settings, translate=translate)


def process_raw(ref: dict, *, settings: Settings, translate: bool = True) -> dict:
    """The offline half of a run: extract → detect → translate → land, from raw pages."""
    ref = stage_extract(ref, settings=settings)
    ref = stage_detect(ref, settings=settings)
    if translate:
        ref = stage_translate(ref, settings=settings)
    return stage_land(ref, settings=settings)


def run_interval(start: str | datetime, end: str | datetime, *, sources: list[str] | None = None,
                 settings: Settings | None = None, translate: bool = True,
                 progress_for: Callable[[str], ContextManager[Progress]] | None = None) -> list[dict]:
    """One pass over the sources; one failing source does not stop the others.

    `progress_for(source)` may open a per-source progress display yielding the fetch callback.
    """
    settings = get_settings(settings)
    names = sources or source_names()
    reports = []
    for name in names:
        try:
            with progress_for(name) if progress_for else contextlib.nullcontext(None) as progress:
                reports.append(run_source(name, start, end, settings=settings, translate=translate, progress=progress))
        except ConfigError:
            raise  # a configuration problem is everyone's problem: stop before more work
        except Exception as exc:  # noqa: BLE001 - isolate outlets
            log.exception("source %s failed", name)
            reports.append({"source": name, "error": f"{type(exc).__name__}: {exc}"})
    return reports


def reprocess(start: str | datetime, end: str | datetime, sources: list[str] | None = None, translate: bool = True,
              *, settings: Settings | None = None) -> list[dict]:
    """Rebuild the articles of runs whose interval starts in [start, end) from raw pages only."""
    from .rawstore import raw_files, run_key_of

    settings = get_settings(settings)
    window = Interval.of(start, end)
    store = open_store(settings)
    keys = sorted({run_key_of(p) for p in raw_files(store)})
    reports = []
    for key in keys:
        try:
            interval, source = parse_run_key(key)
        except ValueError:
            continue
        if not window.contains(interval.start) or (sources and source not in sources):
            continue
        reports.append(process_raw(_ref(key), settings=settings, translate=translate))
    log.info("reprocess %s .. %s: %d run(s) rebuilt from raw pages", window.start, window.end, len(reports))
    return reports


def ingest_pages(pages: Iterable, run_key: str, *, source: str = "files", settings: Settings | None = None,
                 translate: bool = True, ingest_date: date | None = None) -> dict:
    """Process saved pages (manifest or WARC) into the store under one run key."""
    settings = get_settings(settings)
    store = open_store(settings)
    records, skips = pages_to_records(pages, source, settings)
    detect_records(records, None)
    report: dict[str, Any] = {"run_key": run_key, "pages": len(records) + len(skips), "extracted": len(records),
                              "skipped": len(skips), "skip_reasons": dict(Counter(r.split(":", 1)[0] for _, r in skips))}
    for url, reason in skips:
        log.warning("skip %s: %s", url, reason)
    if translate and settings.translation.enabled and records:
        report["translation"] = translate_in_place(records, settings, store)
    result = store.land(records, run_key, ingest_date or datetime.now(UTC).date())
    report["land"] = result.as_dict()
    return report


def default_interval(since: str | None, until: str | None, hours: int = 24) -> Interval:
    end = _utc(until) if until else datetime.now(UTC).replace(microsecond=0)
    start = _utc(since) if since else end - timedelta(hours=hours)
    return Interval.of(start, end)


def build_daily_summary(settings: Settings | None = None) -> dict:
    from . import summary

    return summary.build_daily_summary(open_store(settings))


def store_stats(settings: Settings | None = None) -> dict:
    from . import summary

    return summary.store_stats(open_store(settings))
