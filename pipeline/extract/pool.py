"""extract_many: pages through recycled worker processes, results in input order."""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from itertools import islice

from ..config import ExtractSettings
from .article import Extracted, extract_article

LOG = logging.getLogger(__name__)

# ---------------------------------------------------------------- parallel


def _extract_chunk(chunk: list[tuple[str, str]], settings: ExtractSettings) -> list[Extracted | None]:
    out = []
    for html, url in chunk:
        try:
            out.append(extract_article(html, url, settings))
        except Exception:  # noqa: BLE001 - one bad page must not sink the batch
            LOG.exception("extraction failed: %s", url)
            out.append(None)
    return out


def _warm() -> None:
    import htmldate  # noqa: F401
    import trafilatura  # noqa: F401 - pay the import once per worker, before the first task


def extract_many(
    pages: Iterable[tuple[str, str]],
    settings: ExtractSettings | None = None,
    workers: int | None = None,
    *,
    chunk_size: int = 8,
) -> Iterator[Extracted | None]:
    """Extract `(html, url)` pages in worker processes; results in input order.

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
        for html, url in pages:
            try:
                yield extract_article(html, url, settings)
            except Exception:  # noqa: BLE001
                LOG.exception("extraction failed: %s", url)
                yield None
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
                pending.append(pool.submit(_extract_chunk, chunk, settings))
                while len(pending) >= window:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()

