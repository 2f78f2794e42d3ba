"""extract_many: pages through recycled worker processes, results in input order."""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from itertools import islice
from typing import Any

from ..config import ExtractSettings
from .article import Extracted, extract_article
from .budget import cpu_budget

LOG = logging.getLogger(__name__)

# ---------------------------------------------------------------- parallel


Item = tuple[str, str] | tuple[str, str, datetime | None, Any]


class ExtractionFailed(Exception):
    """What one page's extraction raised, by class name and message: any exception
    travels back from a worker process this way (not every exception pickles)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(kind, message)
        self.kind, self.message = kind, message

    def __str__(self) -> str:
        return self.message


def _one(item: Item, settings: ExtractSettings, sources: Mapping[str, Any] | None = None) -> Extracted | ExtractionFailed | None:
    """One page: (html, url) or (html, url, fetched_at, source). The source (a
    config.Source, or its name looked up in `sources`) gives the profile valid when
    the page was fetched."""
    html, url = item[0], item[1]
    fetched_at = item[2] if len(item) > 2 else None
    source = item[3] if len(item) > 3 else None
    if isinstance(source, str):
        source = (sources or {}).get(source)
    profile = None
    if source is not None and hasattr(source, "profile_at"):
        profile = source.profile_at(fetched_at or datetime.now(UTC))
    try:
        with cpu_budget(settings.max_cpu_seconds):
            return extract_article(html, url, settings, fetched_at=fetched_at, profile=profile)
    except Exception as exc:  # one bad page must not sink the batch: the caller counts it as error:extract
        LOG.warning("extraction failed: %s: %s: %s", url, type(exc).__name__, exc)
        return ExtractionFailed(type(exc).__name__, str(exc)[:500])


def _extract_chunk(chunk: list[Item], settings: ExtractSettings,
                   sources: Mapping[str, Any] | None) -> list[Extracted | ExtractionFailed | None]:
    return [_one(item, settings, sources) for item in chunk]


def _warm() -> None:
    import htmldate  # noqa: F401
    import trafilatura  # noqa: F401 - pay the import once per worker, before the first task


def extract_many(
    pages: Iterable[Item],
    settings: ExtractSettings | None = None,
    workers: int | None = None,
    *,
    chunk_size: int = 8,
    sources: Mapping[str, Any] | None = None,
) -> Iterator[Extracted | ExtractionFailed | None]:
    """Extract `(html, url)` or `(html, url, fetched_at, source)` pages in worker
    processes; results in input order. `source` is a config.Source or a name in
    `sources` (name -> Source); its profile valid at `fetched_at` applies.

    Workers are recycled after about `settings.max_tasks_per_worker` pages (trafilatura
    and lxml grow over long runs); pages travel in chunks to keep IPC overhead low;
    at most a few chunks per worker are in flight so a long input streams.
    """
    settings = settings or ExtractSettings()
    if workers is None:
        workers = settings.workers
    if workers == 0:
        workers = os.cpu_count() or 1
    if workers <= 1:
        for item in pages:
            yield _one(item, settings, sources)
        return

    import multiprocessing as mp

    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["pipeline.extract", "trafilatura", "htmldate"])
    # Recycling: each pool ("generation") lives for about max_tasks_per_worker pages per
    # worker and is then replaced by a fresh one. (ProcessPoolExecutor's own
    # max_tasks_per_child can hang on CPython 3.11 when a worker retires mid-run.)
    per_generation = max(chunk_size, workers * settings.max_tasks_per_worker)
    window = workers * 3
    it = iter(pages)
    exhausted = False
    while not exhausted:
        with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_warm) as pool:
            pending: deque = deque()
            sent = 0
            while sent < per_generation:
                chunk = list(islice(it, min(chunk_size, per_generation - sent)))
                if not chunk:
                    exhausted = True
                    break
                sent += len(chunk)
                pending.append(pool.submit(_extract_chunk, chunk, settings, sources))
                while len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

