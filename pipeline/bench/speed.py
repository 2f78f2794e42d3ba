"""The extraction bench's speed and memory: pages/s next to bare trafilatura in one
process (interleaved page by page, so load from other processes hits both alike) and
with two workers, RSS growth over many pages, and the per-stage chart."""

from __future__ import annotations

import time
from pathlib import Path


def speed(pages: list[tuple[str, str]], rounds: int = 2) -> dict[str, float]:
    """Pages/s in one process (pipeline vs bare, interleaved per page so that load
    from other processes hits both alike, the one that goes first alternating so that
    neither always finds the page warm in the CPU caches) and with 2 worker processes."""
    import os

    import trafilatura

    from pipeline.config import ExtractSettings
    from pipeline.extract import extract_article, extract_many

    load_before = os.getloadavg()[0]
    t_ours = t_bare = 0.0
    n = 0
    for _ in range(rounds):
        for html, url in pages:
            if n % 2:
                t0 = time.perf_counter()
                trafilatura.extract(html, url=url)
                t1 = time.perf_counter()
                extract_article(html, url)
                t2 = time.perf_counter()
                t_bare += t1 - t0
                t_ours += t2 - t1
            else:
                t0 = time.perf_counter()
                extract_article(html, url)
                t1 = time.perf_counter()
                trafilatura.extract(html, url=url)
                t2 = time.perf_counter()
                t_ours += t1 - t0
                t_bare += t2 - t1
            n += 1
    one = n / t_ours
    # the single-process figure again, back to back with the 2-worker figure
    work = pages * rounds
    t0 = time.perf_counter()
    for html, url in work:
        extract_article(html, url)
    seq = len(work) / (time.perf_counter() - t0)
    settings = ExtractSettings()
    t0 = time.perf_counter()
    got = sum(1 for _ in extract_many(work, settings, workers=2))
    two = got / (time.perf_counter() - t0)
    return {
        "pipeline_pages_per_s_1proc": one,
        "bare_extract_pages_per_s_1proc": n / t_bare,
        "ratio_pipeline_vs_bare_1proc": one / (n / t_bare),
        "pipeline_pages_per_s_1proc_again": seq,
        "pipeline_pages_per_s_2workers": two,
        "ratio_2workers_vs_1proc": two / seq,
        "cpu_count": os.cpu_count() or 1,
        "load_average_1min_before": load_before,
        "load_average_1min_after": os.getloadavg()[0],
    }


def memory(pages: list[tuple[str, str]], count: int) -> dict[str, float]:
    import psutil

    from pipeline.extract import extract_article

    proc = psutil.Process()
    warm = min(200, count // 10 or 1)
    rss0 = 0
    for i in range(count):
        html, url = pages[i % len(pages)]
        extract_article(html, url)
        if i + 1 == warm:
            rss0 = proc.memory_info().rss
    rss1 = proc.memory_info().rss
    return {"pages": count, "rss_after_warmup_mb": rss0 / 2**20, "rss_end_mb": rss1 / 2**20, "rss_growth_mb": (rss1 - rss0) / 2**20}


def chart(stage: dict[str, float], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(stage)
    ms = [stage[k] * 1000 for k in names]
    fig, ax = plt.subplots(figsize=(6.4, 3.2), dpi=100)
    colors = ["#4c72b0"] * (len(names) - 1) + ["#999999"]
    ax.barh(names, ms, color=colors)
    ax.invert_yaxis()
    ax.set_xlabel("ms per page (dev pages, one process)")
    ax.set_title("extract_article time per stage")
    for y, v in enumerate(ms):
        ax.text(v, y, f" {v:.1f}", va="center", fontsize=8)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    plt.close(fig)
