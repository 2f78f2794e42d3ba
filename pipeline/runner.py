"""Glue between the stages, shared by the CLI and the Airflow DAGs.

Every stage reads what the previous one left in the store's staging area
(`_state/staging/<run_key>/<attempt>/`) and returns a small JSON-serializable dict, so a
DAG passes references through XCom, never payloads. Configuration is resolved once by
`config.load_settings` (settings.yaml, then the environment, then overrides) and
travels as `Settings`; the sources file it names is read from there:

- ``NEWSPIPE_CONFIG_DIR``: folder with settings.yaml and sources.yaml
- ``NEWSPIPE_SOURCES``: a sources YAML that overrides the folder's (`Settings.sources_file`)
- ``NEWSPIPE_STORE``: the store root (local path or fsspec URI)
"""

from __future__ import annotations

import contextlib
import json
import logging
import posixpath
import uuid
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

import pyarrow.parquet as pq

from .config import ConfigError, Settings, Source, load_settings, load_sources
from .record import ArticleRecord, article_id_for, records_to_table, table_to_records
from .runref import RunRef, SourceFailed
from .store import Store
from .urls import canonicalize, host_of

if TYPE_CHECKING:
    from .page import PageContext

log = logging.getLogger(__name__)


class Progress(Protocol):
    """A display of one source's run (pipeline.progress): told when a stage begins, then counts."""

    def __call__(self, done: int, total: int | None) -> None: ...

    def stage(self, name: str) -> None: ...


_KEY_FMT = "%Y%m%dT%H%M%SZ"


# -- configuration ---------------------------------------------------------------
def get_settings(settings: Settings | None = None) -> Settings:
    """`settings` as given, else resolved once from config/ and the environment (config.load_settings)."""
    return settings if settings is not None else load_settings()


def get_sources(names: list[str] | None = None, settings: Settings | None = None) -> list[Source]:
    return load_sources(get_settings(settings).sources_file or None, names=names)


def get_source(name: str, settings: Settings | None = None) -> Source:
    return get_sources([name], settings)[0]


def source_names(settings: Settings | None = None) -> list[str]:
    return [s.name for s in get_sources(None, settings)]


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
def _staging(store: Store, ref: RunRef, name: str) -> str:
    """Staging is per attempt: two attempts of one run never share files."""
    return store.join("_state", "staging", ref["run_key"], ref["attempt"], name)


def _write_records(store: Store, ref: RunRef, name: str, records: list[ArticleRecord]) -> str:
    path = _staging(store, ref, name)
    table, bad = to_table_isolated(records)
    if bad:
        records[:] = [r for r in records if all(r is not b for b, _ in bad)]
        _add_skips(store, ref, "record", ((r.url, reason) for r, reason in bad))
    store.write_atomic(table, path)
    return path


def _error(stage: str, exc: BaseException) -> str:
    """The skip reason for a page whose `stage` raised: `error:<stage>` with the exception class."""
    kind = getattr(exc, "kind", None) or type(exc).__name__  # extraction workers send the class by name
    return f"error:{stage}: {kind}: {str(exc)[:200]}"


def to_table_isolated(records: list[ArticleRecord]) -> tuple[Any, list[tuple[ArticleRecord, str]]]:
    """The records as one arrow table; a record that cannot convert is left out and returned
    with its reason (`error:record`), so one page never fails the batch."""
    try:
        return records_to_table(records), []
    except Exception:  # noqa: BLE001 - find the culprit(s) one by one
        good, bad = [], []
        for rec in records:
            try:
                records_to_table([rec])
                good.append(rec)
            except Exception as exc:  # noqa: BLE001
                log.warning("record %s cannot be stored: %s", rec.url, exc)
                bad.append((rec, _error("record", exc)))
        return records_to_table(good), bad


def _read_records(store: Store, path: str) -> list[ArticleRecord]:
    if not store.fs.exists(path):
        return []
    with store.fs.open(path, "rb") as fh:
        return table_to_records(pq.read_table(fh))


def reason_key(reason: str) -> str:
    """The counted kind of a skip reason: its first word, `error:<stage>` for errors."""
    parts = reason.split(":", 2)
    return ":".join(parts[:2]).strip() if parts[0] == "error" and len(parts) > 1 else parts[0]


def _add_skips(store: Store, ref: RunRef, stage: str, skips: Iterable[tuple[str, str]]) -> Counter:
    """Append skips (url, reason) to the run's skip log; return counts by reason."""
    from .fetch import redact_url  # URLs may carry user:password@; neither logs nor reports get it

    counts: Counter = Counter()
    lines = []
    for url, reason in skips:
        url = redact_url(url)
        counts[reason_key(reason)] += 1
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


def _stage(ref: RunRef, settings: Settings | None) -> _Stage:
    settings = get_settings(settings)
    interval, source = parse_run_key(ref["run_key"])
    return _Stage(settings, open_store(settings), ref["run_key"], interval, source)


def _ref(run_key: str) -> RunRef:
    """A new attempt of a run: the reference the stages pass along (small, XCom-friendly)."""
    interval, source = parse_run_key(run_key)
    attempt = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]
    return {"run_key": run_key, "attempt": attempt, "source": source, "start": interval.start.isoformat(),
            "end": interval.end.isoformat()}


# -- stages ----------------------------------------------------------------------
def stage_discover(source: str, start: str | datetime, end: str | datetime, *, settings: Settings | None = None) -> RunRef:
    """Find the source's article URLs for the interval; write them to staging."""
    from .discover import discover, dump_items
    from .fetch import Fetcher

    settings = get_settings(settings)
    src = get_source(source, settings)
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


def load_discovered(ref: RunRef, *, settings: Settings | None = None) -> list:
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


def stage_fetch(ref: RunRef, *, settings: Settings | None = None, progress: Progress | None = None) -> RunRef:
    """Fetch the discovered pages not stored yet; keep every response raw (WARC)."""
    from .fetch import Fetcher, breaker_key, redact_url
    from .rawstore import RawPage, RawWriter

    ctx = _stage(ref, settings)
    settings, store, run_key, interval, source = ctx.settings, ctx.store, ctx.run_key, ctx.interval, ctx.source
    src = get_source(source, settings)
    items = load_discovered(ref, settings=settings)
    # an id or alias stored by another run is never fetched again; a rerun of this run refetches its own
    known = store.known_ids({article_id_for(it.canonical_url) for it in items}, exclude_run_key=run_key)
    todo = [it for it in items if article_id_for(it.canonical_url) not in known]
    skips: list[tuple[str, str]] = [(it.url, "already_stored: stored by another run (as its id or an alias)")
                                    for it in items if article_id_for(it.canonical_url) in known]
    already = len(skips)
    fetched = 0
    host_down: Counter = Counter()
    if progress:
        progress(0, len(todo))
    writer = RawWriter(store, run_key, interval.ingest_date)
    try:
        with Fetcher(settings.fetch, host_delays=_host_delays(src)) as fetcher:
            for done, res in enumerate(fetcher.fetch_many([it.url for it in todo], kind="page"), 1):
                if res.ok:  # kept without user:password@, so raw pages and rows never hold credentials
                    writer.write(RawPage(url=redact_url(res.url), final_url=redact_url(res.final_url), status=res.status,
                                         headers=res.headers, body=res.body, fetched_at=res.fetched_at, source=source,
                                         redirects=[redact_url(u) for u in res.redirects]))
                    fetched += 1
                else:
                    if res.error == "host_down":
                        host_down[breaker_key(res.final_url)] += 1
                    skips.append((res.url, f"{res.error}: {res.detail or ''}".strip()))
                if progress:
                    progress(done, len(todo))
    finally:
        raw_path = writer.close()
    counts = _add_skips(store, ref, "fetch", skips)
    log.info("fetch %s: %d fetched, %d failed, %d already stored", source, fetched, len(skips) - already, already)
    if host_down:
        log.warning("fetch %s: hosts down, URLs skipped: %s", source, dict(host_down))
    return {**ref, "fetched": fetched, "fetch_failed": len(skips) - already, "fetch_skips": dict(counts),
            "already_stored_before_fetch": already, "host_down": dict(host_down), "raw_path": raw_path}


def extract_pages(pages: list[PageContext], settings: Settings) -> list[Any]:
    """The one call into extraction: per page an Extracted, None (no article) or the exception it raised.

    Each page's `fetched_at` reaches the date checks and picks its source's extraction
    profile valid then, so rebuilding from raw pages gives the same row. Also puts the
    page's own rel=canonical and og:url into its context (for identity).
    """
    from .extract import extract_many

    try:  # profiles come from the configured sources; a source no longer configured has none
        sources: dict[str, Source] = {s.name: s for s in get_sources(None, settings)}
    except Exception as exc:  # noqa: BLE001 - re-processing without a sources file: general rules only
        log.info("extract: no source profiles (%s)", exc)
        sources = {}
    items = [(c.html, c.final_url, c.fetched_at if c.visit_known else None, c.source) for c in pages]
    workers = settings.extract.workers if len(pages) > 1 else 1
    try:
        results: list[Any] = list(extract_many(items, settings.extract, workers=workers, sources=sources))
    except Exception as exc:  # noqa: BLE001 - a worker died (e.g. out of memory): redo page by page
        if workers == 1:
            raise
        log.warning("parallel extraction failed (%s: %s); extracting page by page", type(exc).__name__, exc)
        results = list(extract_many(items, settings.extract, workers=1, sources=sources))
    for ctx, ext in zip(pages, results):
        if ext is not None and not isinstance(ext, BaseException):
            ctx.canonical_url, ctx.og_url = ext.canonical_url, ext.og_url
    return results


def _record(ctx: PageContext, ext: Any) -> ArticleRecord:
    from .identity import decide_identity

    ident = decide_identity(ctx.requested_url, ctx.final_url, ctx.redirects, ctx.canonical_url, ctx.og_url)
    return ArticleRecord(
        url=ctx.requested_url, canonical_url=ident.canonical_url, source=ctx.source, fetched_at=ctx.fetched_at,
        title=ext.title, text=ext.text, published_at=ext.published_at, published_day=ext.published_day,
        authors=list(ext.authors or []),
        site_name=ext.site_name, description=ext.description, tags=list(ext.tags or []),
        image_url=ext.image_url, page_language=ext.page_language, final_url=ctx.final_url,
        aliases=ident.aliases, article_id=ident.article_id,
    )


def pages_to_records(pages: Iterable, source: str, settings: Settings, *,
                     hosts: set[str] | None = None) -> tuple[list[ArticleRecord], list[tuple[str, str]]]:
    """Decode, extract and identify raw pages into records (language not yet set).

    Every page ends as a record or a (url, reason) skip: an exception in any step is the
    skip `error:<step>` for that page alone. Pages that landed off the source's `hosts`
    are `off_host_redirect`. Two pages reaching one article are one record (the newest
    fetch) and, for a different requested URL, a counted `duplicate` skip.
    """
    from .page import PageContext
    from .urls import host_allowed

    contexts: list[PageContext] = []
    skips: list[tuple[str, str]] = []
    for page in pages:
        if isinstance(page, tuple):  # (url, reason) from a manifest
            skips.append(page)
            continue
        try:
            ctx = PageContext.from_raw(page, source)
            canonicalize(ctx.final_url)
        except ValueError as exc:
            skips.append((page.url, f"bad_url: {exc}"))
            continue
        except Exception as exc:  # noqa: BLE001
            skips.append((page.url, _error("decode", exc)))
            continue
        if hosts and not host_allowed(ctx.final_url, hosts):
            skips.append((ctx.requested_url, f"off_host_redirect: landed on {host_of(ctx.final_url)}, "
                                             "not in the source's allowed_hosts"))
            continue
        contexts.append(ctx)
    by_id: dict[str, ArticleRecord] = {}
    for ctx, ext in zip(contexts, extract_pages(contexts, settings)):
        if isinstance(ext, BaseException):
            skips.append((ctx.requested_url, _error("extract", ext)))
            continue
        if ext is None or not (ext.text or "").strip():
            skips.append((ctx.requested_url, "no_article: no article text found"))
            continue
        try:
            rec = _record(ctx, ext)
        except Exception as exc:  # noqa: BLE001
            skips.append((ctx.requested_url, _error("record", exc)))
            continue
        prev = by_id.get(rec.article_id)
        if prev is not None:
            keep, drop = (rec, prev) if rec.fetched_at >= prev.fetched_at else (prev, rec)
            keep.aliases = list(dict.fromkeys([*keep.aliases, *drop.aliases, *_alias_of(drop.url, keep)]))
            if drop.url != keep.url:  # another URL reaching the same article: one row, one counted skip
                skips.append((drop.url, f"duplicate: same article as {keep.canonical_url}"))
            rec = keep
        by_id[rec.article_id] = rec
    return list(by_id.values()), skips


def _alias_of(url: str, rec: ArticleRecord) -> list[str]:
    try:
        alias = canonicalize(url)
    except ValueError:
        return []
    return [] if alias == rec.canonical_url else [alias]


def _source_hosts(source: str, settings: Settings) -> set[str] | None:
    """The source's allowed_hosts: a page that redirected off them is not its article (the raw page stays)."""
    try:
        return get_source(source, settings).hosts()
    except Exception:  # noqa: BLE001 - re-processing a source no longer configured: no filter
        return None


def stage_extract(ref: RunRef, *, settings: Settings | None = None) -> RunRef:
    """Extract articles from every raw page the run kept (all attempts)."""
    from .rawstore import iter_raw, raw_files

    ctx = _stage(ref, settings)
    settings, store, run_key, source = ctx.settings, ctx.store, ctx.run_key, ctx.source
    records, skips = pages_to_records(iter_raw(store, raw_files(store, run_key)), source, settings,
                                      hosts=_source_hosts(source, settings))
    counts = _add_skips(store, ref, "extract", skips)
    _write_records(store, ref, "extracted.parquet", records)
    log.info("extract %s: %d articles, %d pages without one", source, len(records), len(skips))
    return {**ref, "extracted": len(records), "extract_skips": dict(counts)}


def detect_records(records: list[ArticleRecord], source_hint: str | None) -> list[tuple[str, str]]:
    """Route every record by language in place; a record whose detection raises is removed and
    returned as an `error:detect` skip."""
    from .language import detect_language

    skips: list[tuple[str, str]] = []
    kept = []
    for rec in records:
        try:
            res = detect_language(rec.text or "", title=rec.title, html_lang=rec.page_language, source_hint=source_hint)
        except Exception as exc:  # noqa: BLE001 - one page never costs another
            log.warning("language detection failed for %s: %s: %s", rec.url, type(exc).__name__, exc)
            skips.append((rec.url, _error("detect", exc)))
            continue
        rec.language, rec.language_confidence = res.language, res.confidence
        if res.route == "en":
            rec.title_en, rec.text_en = rec.title, rec.text
        kept.append(rec)
    records[:] = kept
    return skips


def _source_hint(source: str, settings: Settings) -> str | None:
    try:
        return get_source(source, settings).language
    except Exception:  # noqa: BLE001 - re-processing a source no longer configured
        return None


def stage_detect(ref: RunRef, *, settings: Settings | None = None) -> RunRef:
    ctx = _stage(ref, settings)
    store, source = ctx.store, ctx.source
    records = _read_records(store, _staging(store, ref, "extracted.parquet"))
    skips = detect_records(records, _source_hint(source, ctx.settings))
    counts = _add_skips(store, ref, "detect", skips)
    _write_records(store, ref, "detected.parquet", records)
    langs = Counter(r.language for r in records)
    log.info("detect %s: %s", source, dict(langs))
    return {**ref, "languages": dict(langs), "detect_skips": dict(counts)}


def translation_cache_path(store: Store) -> str:
    return store.local_state_path("translation_cache.sqlite")


def translate_in_place(records: list[ArticleRecord], settings: Settings, store: Store,
                       skips: list[tuple[str, str]] | None = None) -> dict:
    """Translate in place. If the batch raises, records are retried one by one and a record
    that still raises is removed and added to `skips` as `error:translate`."""
    from pathlib import Path

    from .translate import translate_records

    def one(batch: list[ArticleRecord]) -> dict:
        report = translate_records(batch, settings.translation, Path(translation_cache_path(store)))
        return report.as_dict() if hasattr(report, "as_dict") else dict(getattr(report, "__dict__", {}))

    try:
        return one(records)
    except Exception as exc:  # noqa: BLE001 - find the page(s) that raise; the others still translate
        log.warning("translation of the batch failed (%s: %s); translating record by record", type(exc).__name__, exc)
    kept: list[ArticleRecord] = []
    totals: Counter = Counter()
    errors = 0
    for rec in records:
        try:
            rep = one([rec])
        except Exception as exc:  # noqa: BLE001
            errors += 1
            if skips is not None:
                skips.append((rec.url, _error("translate", exc)))
            continue
        kept.append(rec)
        totals.update({k: v for k, v in rep.items() if isinstance(v, int) and not isinstance(v, bool)})
    records[:] = kept
    return {**totals, "errors": errors}


def stage_translate(ref: RunRef, *, settings: Settings | None = None) -> RunRef:
    """Translate ru/zh (configurable) into English; a missing model keeps records untranslated."""
    ctx = _stage(ref, settings)
    settings, store = ctx.settings, ctx.store
    records = _read_records(store, _staging(store, ref, "detected.parquet"))
    report: dict = {"enabled": settings.translation.enabled}
    skips: list[tuple[str, str]] = []
    if settings.translation.enabled and records:
        report = translate_in_place(records, settings, store, skips)
    counts = _add_skips(store, ref, "translate", skips)
    _write_records(store, ref, "translated.parquet", records)
    return {**ref, "translation": report, "translate_skips": dict(counts)}


def stage_land(ref: RunRef, *, settings: Settings | None = None) -> RunRef:
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
    report: RunRef = {**ref, "land": result.as_dict(), "skips": []}
    skip_path = _staging(store, ref, "skips.jsonl")
    if store.fs.exists(skip_path):
        report["skips"] = [json.loads(line) for line in store.fs.cat_file(skip_path).decode().splitlines() if line]
    # a record another run stored (met through a URL its row lacks: now a learned alias) is a counted
    # skip of this run, not a row; kept in the report only, so a retried landing does not count it twice
    dropped = set(result.dropped_ids)
    report["skips"] += [{"stage": "land", "url": r.url,
                         "reason": "already_stored: another run stored this article (met through this URL; later runs skip it)"}
                        for r in records if r.article_id in dropped]
    rows = [r for r in records if r.article_id not in dropped]
    report["accounting"] = account(load_discovered(ref, settings=ctx.settings), rows, report["skips"])
    if report["accounting"]["unaccounted"]:
        log.error("run %s: %d discovered URL(s) neither a row nor a counted skip: %s", run_key,
                  len(report["accounting"]["unaccounted"]), report["accounting"]["unaccounted"][:5])
    report_path = store.join("_state", "runs", f"{run_key}.json")
    store.fs.makedirs(posixpath.dirname(report_path), exist_ok=True)
    store.fs.pipe_file(report_path, json.dumps(report, ensure_ascii=False, indent=1, default=str).encode())
    with contextlib.suppress(FileNotFoundError):
        store.fs.rm(posixpath.dirname(skip_path), recursive=True)
    return {**ref, "landed": result.landed, "new": result.new, "already_stored": result.already_stored,
            "file": result.file, "problems": result.problems, "accounting": report["accounting"]}


def account(items: list, records: list[ArticleRecord], skips: list[dict]) -> dict[str, Any]:
    """Where every discovered URL went: a row (under its own id or as an alias) or a counted skip.

    `discovered == rows + skipped` when nothing is lost; the rest are listed in `unaccounted`.
    """
    from .fetch import redact_url

    def canon(url: str) -> str:
        try:
            return canonicalize(url)
        except ValueError:
            return url

    reached = {u for r in records for u in (redact_url(r.url), r.canonical_url, *r.aliases)}
    reached |= {canon(u) for u in reached}
    skipped = {redact_url(s["url"]) for s in skips}
    skipped |= {canon(u) for u in skipped}
    rows = skips_n = 0
    unaccounted = []
    for it in items:
        url = redact_url(it.url)
        if url in reached or canon(url) in reached:
            rows += 1
        elif url in skipped or canon(url) in skipped:
            skips_n += 1
        else:
            unaccounted.append(url)
    return {"discovered": len(items), "rows": rows, "skipped": skips_n, "unaccounted": unaccounted}


# -- whole runs ------------------------------------------------------------------
def run_source(source: str, start: str | datetime, end: str | datetime, *, settings: Settings | None = None,
               translate: bool = True, progress: Progress | None = None) -> RunRef:
    settings = get_settings(settings)
    if progress:
        progress.stage("discover")
    ref = stage_discover(source, start, end, settings=settings)
    if progress:
        progress.stage("fetch")
    ref = stage_fetch(ref, settings=settings, progress=progress)
    return process_raw(ref, settings=settings, translate=translate, progress=progress)


def process_raw(ref: RunRef, *, settings: Settings, translate: bool = True, progress: Progress | None = None) -> RunRef:
    """The offline half of a run: extract → detect → translate → land, from raw pages."""
    if progress:
        progress.stage("extract")
    ref = stage_extract(ref, settings=settings)
    if progress:
        progress.stage("detect")
    ref = stage_detect(ref, settings=settings)
    if translate:
        if progress:
            progress.stage("translate")
        ref = stage_translate(ref, settings=settings)
    if progress:
        progress.stage("land")
    return stage_land(ref, settings=settings)


def run_interval(start: str | datetime, end: str | datetime, *, sources: list[str] | None = None,
                 settings: Settings | None = None, translate: bool = True,
                 progress_for: Callable[[str], contextlib.AbstractContextManager[Progress]] | None = None) -> list[RunRef | SourceFailed]:
    """One pass over the sources; one failing source does not stop the others.

    `progress_for(source)` may open a per-source progress display (stages and fetch counts).
    """
    settings = get_settings(settings)
    names = sources or source_names(settings)
    reports: list[RunRef | SourceFailed] = []
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
              *, settings: Settings | None = None) -> list[RunRef]:
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
    from .fetch import redact_url

    records, skips = pages_to_records(pages, source, settings)
    skips += detect_records(records, None)
    translation: dict | None = None
    if translate and settings.translation.enabled and records:
        translation = translate_in_place(records, settings, store, skips)
    _, bad = to_table_isolated(records)
    if bad:
        records = [r for r in records if all(r is not b for b, _ in bad)]
        skips += [(r.url, reason) for r, reason in bad]
    skips = [(redact_url(url), reason) for url, reason in skips]  # a WARC's URLs may carry user:password@
    report: dict[str, Any] = {"run_key": run_key, "pages": len(records) + len(skips), "extracted": len(records),
                              "skipped": len(skips), "skip_reasons": dict(Counter(reason_key(r) for _, r in skips))}
    for url, reason in skips:
        log.warning("skip %s: %s", url, reason)
    if translation is not None:
        report["translation"] = translation
    result = store.land(records, run_key, ingest_date or datetime.now(UTC).date())
    report["land"] = result.as_dict()
    return report


def default_interval(since: str | datetime | None, until: str | datetime | None, hours: int = 24) -> Interval:
    end = _utc(until) if until else datetime.now(UTC).replace(microsecond=0)
    start = _utc(since) if since else end - timedelta(hours=hours)
    return Interval.of(start, end)


def build_daily_summary(settings: Settings | None = None) -> dict:
    from . import summary

    return summary.build_daily_summary(open_store(settings))


def store_stats(settings: Settings | None = None, *, refresh: bool = False) -> dict:
    """Counts from the summary; `refresh` first recounts the ingest days that changed (cheap when none did)."""
    from . import summary

    store = open_store(settings)
    if refresh:
        summary.build_daily_summary(store)
    return summary.store_stats(store)
