"""What one page costs: CPU seconds of long and hostile inputs at two sizes, ours next to
bare trafilatura, and how the time grows when the input is four times longer (about 4
when the cost is linear, 16 when it is quadratic).

One bad page must cost nothing else: a stage whose time grows with the square of a
page's length lets one page hold a worker for hours. `extract.max_cpu_seconds` bounds
extraction whatever the cause; these rows show where the time goes. Pages are written
here (no eval data). Run: `newspipe bench cost` or `python -m pipeline.bench cost`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from . import quiet_extraction_logs

URL = "https://news.example.com/2026/12/07/putin-xi-talks.html"
_PARA = ("President Vladimir Putin met Chinese leader Xi Jinping in Moscow on Monday for talks that both "
         "sides described as frank and productive, officials said.")
_RU = "Президент России провел переговоры с председателем КНР в Кремле. Стороны обсудили вопросы сотрудничества! "
_JA = "「行く。」と彼は言った。会談は二時間続いた。"
_ZH = "市政府今天宣布新的交通规划方案，将在明年春季开始实施"


def _page(head: str = "", body: str = "") -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Putin and Xi hold talks</title>{head}'
            f"</head><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav><main><article>"
            f"<h1>Putin and Xi hold talks</h1><p>{_PARA}</p><p>{_PARA} Again.</p>{body}</article></main></body></html>")


def _blind_page(body: str) -> str:
    """A page with no <p>, <article> or <main>: the passes read it blind."""
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Putin and Xi hold talks</title></head>'
            f"<body><div><div><a href='/'>Home</a></div><div>Putin and Xi hold talks</div><div>{_PARA}</div>{body}</div>"
            "</body></html>")


def _cases() -> dict[str, tuple[str, Callable[[int], Any], tuple[int, int]]]:
    """name -> (unit, input of size n, the two sizes)."""
    from pipeline.errors import redact_text
    from pipeline.translate.segment import segment_text

    return {
        "long article (paragraphs)": ("extract", lambda n: _page(body="".join(f"<p>{_PARA} {i}</p>" for i in range(n))),
                                      (1000, 4000)),
        "links in one paragraph": ("extract", lambda n: _page(body="<p>" + "<a href='/x'>a</a> " * n + "</p>"),
                                   (1250, 5000)),
        "author meta (characters)": ("extract", lambda n: _page(head=f'<meta name="author" content="{"Jane Roe and " * (n // 13)}">'),
                                     (10000, 40000)),
        # one element repeated: each repeat must not read the others again
        "'By' openers in one paragraph": ("extract", lambda n: _page(body="<p>" + "<span>By</span>" * n + "</p>"),
                                          (500, 2000)),
        "links to author pages (a staff list)": (
            "extract", lambda n: _page(body="<div>" + "".join(f"<a href='/author/writer-{i}'>Writer {i}</a> "
                                                              for i in range(n)) + "</div>"), (500, 2000)),
        "links to one author page in a line": (
            "extract", lambda n: _page(body="<div>" + "<a href='/author/jane-roe'>more</a> and " * n + "</div>"),
            (500, 2000)),
        "paragraphs each in a wrapper with a box": (
            "extract", lambda n: _page(body="".join(f"<div class='w'><div><a href='/t/{i}'>Tag {i}</a></div><p>{_PARA} {i}</p></div>"
                                                    for i in range(n))), (500, 2000)),
        "photos each in a box with its caption": (
            "extract", lambda n: _page(body="".join(f"<div class='b'><div><img src='/i/{i}.jpg'></div><p>Crowds on the pier on "
                                                    f"day {i}.</p><p>(AP Photo/Jane Roe)</p></div><p>{_PARA} {i}</p>"
                                                    for i in range(n))),
            (500, 2000)),
        "writers stated in JSON-LD (a paper's author list)": (
            "extract", lambda n: _page(head='<script type="application/ld+json">' + json.dumps(
                {"@type": "NewsArticle", "author": [{"@type": "Person", "name": f"Jane Roe{i}"} for i in range(n)]})
                + "</script>"), (2500, 10000)),
        "paragraphs in <div>s in <body>, a <textarea>": (
            "extract", lambda n: _page(body="<form><textarea></textarea></form></article></main>" + "".join(
                f"<div><b>reader{i}</b><p>I think {_PARA}</p></div>" for i in range(n)) + "<main><article>"),
            (1250, 5000)),
        "Chinese lines between <br>s (a listing)": (
            "extract", lambda n: _page(body="<div>" + "<br>".join(f"{i}号公告：{_ZH}" for i in range(n)) + "</div>"),
            (2500, 10000)),
        "Chinese lines of 2-3 characters between <br>s": (
            "extract", lambda n: _page(body="<div>" + "<br>".join(_ZH[i % 20:i % 20 + 2 + i % 2] for i in range(n)) + "</div>"),
            (5000, 20000)),
        "a page read blind: sentences and one-word lines in <div>s": (
            "extract", lambda n: _blind_page("".join(f"<div>{_PARA} {i}</div><div>w{i}</div>" for i in range(n))),
            (2000, 8000)),
        "Russian paragraph split (characters)": ("split", lambda n: lambda: segment_text(_RU * (n // len(_RU)), "ru"),
                                                 (16000, 64000)),
        "Japanese paragraph split (characters)": ("split", lambda n: lambda: segment_text(_JA * (n // len(_JA)), "ja"),
                                                  (16000, 64000)),
        "Chinese split of '...!' (characters)": ("split", lambda n: lambda: segment_text("...!" * (n // 4), "zh"),
                                                 (16000, 64000)),
        "credentials redacted in a message (characters)": ("split", lambda n: lambda: redact_text("a" * n),
                                                           (16000, 64000)),
    }


def _cpu(fn: Callable[[], Any]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def run(eval_root: str | Path | None = None, *, scale: float = 1.0) -> dict[str, Any]:
    """{case: {sizes, ours: [s, s], bare: [s, s] or None, growth_ours, growth_bare}}; `scale`
    shrinks the sizes (tests)."""
    import trafilatura

    from pipeline.extract import extract_article

    quiet_extraction_logs()
    extract_article(_page(), URL)  # warm up imports and caches
    out: dict[str, Any] = {}
    for case, (unit, make, sizes) in _cases().items():
        ns = [max(1, int(n * scale)) for n in sizes]
        ours: list[float] = []
        bare: list[float] = []
        for n in ns:
            made = make(n)
            if unit == "extract":
                ours.append(_cpu(partial(extract_article, made, URL)))
                bare.append(_cpu(partial(trafilatura.extract, made, url=URL)))
            else:
                ours.append(_cpu(made))
        out[case] = {"sizes": ns, "ours": ours, "bare": bare or None,
                     "growth_ours": ours[1] / ours[0] if ours[0] else None,
                     "growth_bare": bare[1] / bare[0] if bare and bare[0] else None}
    return out


def print_report(result: dict[str, Any]) -> None:
    print("cost of one page: CPU seconds at two sizes (x4), and the growth (4: linear, 16: quadratic)")
    print(f"{'input':48} {'sizes':>13} {'newspipe':>17} {'growth':>7} {'bare trafilatura':>17} {'growth':>7}")
    for case, r in result.items():
        ours = " / ".join(f"{t:.2f}" for t in r["ours"])
        bare = " / ".join(f"{t:.2f}" for t in r["bare"]) if r["bare"] else "-"
        g_ours = f"{r['growth_ours']:.1f}" if r["growth_ours"] else "-"
        g_bare = f"{r['growth_bare']:.1f}" if r["growth_bare"] else "-"
        print(f"{case:48} {r['sizes'][0]:>6}/{r['sizes'][1]:<6} {ours:>17} {g_ours:>7} {bare:>17} {g_bare:>7}")
