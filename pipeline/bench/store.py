"""Store benchmark: the issue-11 goal figures at 1,000 / 20,000 runs and a year.

    newspipe bench store                                  every figure, in one run
    newspipe bench store --build DIR --runs N --rows R    only build a synthetic store

A synthetic store is exactly what N hourly landings of 30 sources leave behind
(`part-<run_key>.parquet` per run, the registry, store.json), with realistic rows
(about 3 KB of text each, en/ru/zh, `text_en` filled, one alias in four), written
directly (no landing) so 20,000 runs build in a few minutes. A year (262,800 runs,
13 M rows) is too big to build here: the year figures come from a probe, a store
whose registry holds a year of ids and 365 compacted days of entries, with one open
day of real files; landing, the "already stored?" check and the summary touch only
the registry, the open day and the partials, which is what the probe has in full.

Every figure runs in a fresh process (peak RSS is that process's own).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.errors import UsageError

SOURCES = 30
START = datetime(2026, 1, 1, tzinfo=UTC)
YEAR_RUNS = 365 * 24 * SOURCES
_LANGS = ("en", "ru", "zh")
_KEY_FMT = "%Y%m%dT%H%M%SZ"

_EN = ("government minister said report market shares city police court election president company "
       "week people year health officials border talks energy prices climate said would could").split()
_RU = ("правительство министр заявил рынок город полиция суд выборы президент компания неделя люди "
       "год здоровье чиновники граница переговоры энергия цены климат").split()
_ZH = list("政府部长表示市场城市警察法院选举总统公司本周人们今年健康官员边境谈判能源价格气候发展经济合作")


def _sentences(rng: np.random.Generator, words: list[str], n: int, joiner: str, size: int) -> list[str]:
    idx = rng.integers(0, len(words), size=(n, size))
    return [joiner.join(words[i] for i in row) + ("。" if joiner == "" else ".") for row in idx]


class _Texts:
    """Pools of 3 KB texts per language (drawn from random sentences); a run takes 50 of
    them at random, so a file never repeats a text and building costs no string work."""

    def __init__(self, seed: int = 7, pool: int = 3000):
        rng = np.random.default_rng(seed)
        self.rng = rng
        sentences = {"en": _sentences(rng, _EN, 4000, " ", 14), "ru": _sentences(rng, _RU, 4000, " ", 12),
                     "zh": _sentences(rng, _ZH, 4000, "", 30)}
        per_text = {"en": 30, "ru": 25, "zh": 34}  # ~3 KB of UTF-8 each
        self.pools: dict[str, pa.Array] = {}
        for lang, sents in sentences.items():
            idx = rng.integers(0, len(sents), size=(pool, per_text[lang])).tolist()
            self.pools[lang] = pa.array(["\n".join([sents[j] for j in row]) for row in idx], pa.string())

    def texts(self, lang: str, n: int) -> pa.Array:
        pool = self.pools[lang]
        return pool.take(pa.array(self.rng.choice(len(pool), size=n, replace=False)))


def run_key_of(i: int) -> tuple[str, date]:
    """The i-th run: hourly intervals, 30 sources per hour."""
    start = START + timedelta(hours=i // SOURCES)
    end = start + timedelta(hours=1)
    return f"{start.strftime(_KEY_FMT)}_{end.strftime(_KEY_FMT)}_src{i % SOURCES:02d}", start.date()


def _run_table(i: int, rows: int, texts: _Texts) -> pa.Table:
    from pipeline.record import article_id_for
    from pipeline.schema import ARTICLE_SCHEMA, SCHEMA_VERSION

    run_key, day = run_key_of(i)
    src = f"src{i % SOURCES:02d}"
    lang = _LANGS[i % SOURCES % 3]
    at = START + timedelta(hours=i // SOURCES)
    urls = [f"https://{src}.example/{i}/{n}" for n in range(rows)]
    text = texts.texts(lang, rows)
    text_en = text if lang == "en" else texts.texts("en", rows)
    published = [at + timedelta(minutes=(n * 7) % 60) for n in range(rows)]
    cols: dict[str, Any] = {
        "article_id": [article_id_for(u) for u in urls], "url": urls, "canonical_url": urls, "source": [src] * rows,
        "title": pc.utf8_slice_codeunits(text, 0, 80), "text": text, "language": [lang] * rows, "language_confidence": [0.99] * rows,
        "published_at": published, "authors": [["A. Writer"]] * rows, "title_en": pc.utf8_slice_codeunits(text_en, 0, 80),
        "text_en": text_en, "translation_model": [None if lang == "en" else f"translate-{lang}_en-1.9"] * rows,
        "content_hash": [f"{n:064x}" for n in range(rows)], "fetched_at": [at + timedelta(minutes=30)] * rows,
        "schema_version": [SCHEMA_VERSION] * rows, "site_name": [src] * rows,
        "description": pc.utf8_slice_codeunits(text, 0, 200),
        "tags": [["world"]] * rows, "image_url": [None] * rows, "page_language": [lang] * rows, "final_url": urls,
        "run_key": [run_key] * rows, "aliases": [[f"{u}?amp=1"] if n % 4 == 0 else [] for n, u in enumerate(urls)],
        "published_day": [p.date() for p in published],
    }
    table = pa.table(cols, schema=ARTICLE_SCHEMA)
    del day
    return table.sort_by([("published_at", "ascending"), ("article_id", "ascending")])


def build(root: str, runs: int, rows: int, *, first: int = 0, progress: bool = True) -> dict[str, Any]:
    """Write `runs` runs as landings would (files, registry, store.json), fast."""
    from pipeline.record import article_id_for
    from pipeline.registry import stamp_of
    from pipeline.store import Store

    t0 = time.perf_counter()
    store = Store(root)
    store.check_backend()
    texts = _Texts()
    files: list[tuple[str, str, str, int]] = []
    ids: list[tuple[str, str, str]] = []
    total_bytes = 0
    for i in range(first, first + runs):
        table = _run_table(i, rows, texts)
        run_key, day = run_key_of(i)
        rel = f"articles/ingest_date={day.isoformat()}/part-{run_key}.parquet"
        path = store.join(rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        pq.write_table(table, path, compression="zstd")
        files.append((rel, day.isoformat(), stamp_of(store.fs.info(path)), rows))
        d = table.select(["article_id", "aliases"]).to_pydict()
        for aid, al in zip(d["article_id"], d["aliases"]):
            ids.append((aid, run_key, rel))
            ids.extend((article_id_for(a), run_key, rel) for a in al)
        total_bytes += os.path.getsize(path)
        if len(files) >= 2000:
            store.registry.bulk_load(files, ids)
            files, ids = [], []
            if progress:
                print(f"  built {i + 1 - first}/{runs} runs ({time.perf_counter() - t0:.0f}s)", file=sys.stderr, flush=True)
    store.registry.bulk_load(files, ids)
    with store.registry.transaction() as cur:
        store.registry.set_meta(cur, "built", "synthetic")
        for d in store.days():  # the folder stamps landings record
            store.record_dir(cur, d, store.dir_stamp(d))
    return {"runs": runs, "rows": runs * rows, "bytes": total_bytes, "seconds": time.perf_counter() - t0}


# -- figures, each in a fresh process ------------------------------------------------
_PROBE = r"""
import json, sys, time, resource
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS"):
            return int(line.split()[1]) / 1024
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM"):
            return int(line.split()[1]) / 1024
from pipeline.bench.store import probe_main
print(json.dumps(probe_main(json.loads(sys.argv[1]), rss, hwm)))
"""


def _in_fresh_process(args: dict[str, Any]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", _PROBE, json.dumps(args)], capture_output=True, text=True, timeout=3600)
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def probe_main(args: dict[str, Any], rss: Any, hwm: Any) -> dict[str, Any]:
    """One measurement in this (fresh) process."""
    import pyarrow  # noqa: F401 - imported before the baseline: every caller has it loaded

    from pipeline.record import ArticleRecord
    from pipeline.store import Store

    what = args["what"]
    store = Store(args["root"] if "root" in args else args["roots"][0])
    if what == "land":
        texts = _Texts(seed=args["seed"])
        lands: dict[int, dict[str, Any]] = {}
        for k in range(args.get("repeat", 3)):
            t = _run_table(args["run"] + k, 50, texts)
            records = [ArticleRecord.from_row(r) for r in t.to_pylist()]
            day = run_key_of(args["run"] + k)[1]
            base_rss = rss()
            held: list[float] = []
            real_hold = store.lock.hold

            import contextlib

            @contextlib.contextmanager
            def timed_hold(real_hold=real_hold, held=held):
                with real_hold():
                    t0 = time.perf_counter()
                    try:
                        yield
                    finally:
                        held.append(time.perf_counter() - t0)

            store.lock.hold = timed_hold  # type: ignore[method-assign]
            t0 = time.perf_counter()
            res = store.land(records, run_key_of(args["run"] + k)[0], day)
            lands[k] = {"seconds": time.perf_counter() - t0, "lock_held": sum(held), "rss_delta_mb": hwm() - base_rss,
                        "new": res.new}
        return {"first": lands[0], "median_lock_held": sorted(v["lock_held"] for v in lands.values())[len(lands) // 2],
                "max_rss_delta_mb": max(v["rss_delta_mb"] for v in lands.values())}
    if what == "known":
        from pipeline.record import article_id_for

        stored = [f"https://src{(args['run'] - k) % SOURCES:02d}.example/{args['run'] - k}/{n}" for k in range(1, 6) for n in range(50)]
        new = [f"https://new.example/{n}" for n in range(500 - len(stored))]
        ids = [article_id_for(u) for u in stored + new]
        base = rss()
        t0 = time.perf_counter()
        got = store.known_ids(ids)
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        store.known_ids(ids)
        return {"first_seconds": first, "warm_seconds": time.perf_counter() - t0, "known": len(got),
                "rss_delta_mb": hwm() - base}
    if what == "summary":
        from pipeline.summary import build_daily_summary

        base = rss()
        t0 = time.perf_counter()
        rep = build_daily_summary(store)
        return {"seconds": time.perf_counter() - t0, "rss_delta_mb": hwm() - base, "peak_rss_mb": hwm(),
                "days_recounted": rep["days_recounted"]}
    if what == "duckdb":
        import duckdb

        con = duckdb.connect()
        out: dict[str, Any] = {}
        queries: dict[str, dict[str, str]] = {}
        for root in args["roots"]:
            glob = f"{root}/articles/**/*.parquet"
            t0 = time.perf_counter()
            n = con.execute(f"SELECT count(*) FROM glob('{glob}')").fetchall()[0][0]
            out[root] = {"files": n, "listing_seconds": time.perf_counter() - t0}
            src = f"read_parquet('{glob}', hive_partitioning = true)"
            queries[root] = {
                "aggregate": f"SELECT source, language, count(*) AS articles, count(text_en) AS in_english FROM {src} "
                             "GROUP BY ALL ORDER BY ALL",
                "one_day_like": f"SELECT count(*) FROM {src} WHERE ingest_date = '{args['day']}' "
                                "AND text_en LIKE '%border talks%'",
            }
        times: dict[tuple[str, str], list[float]] = {}
        for r in range(8):  # alternate the layouts so machine noise hits both alike; the first pass warms up
            for root in args["roots"]:
                for name, q in queries[root].items():
                    t0 = time.perf_counter()
                    con.execute(q).fetchall()
                    if r:
                        times.setdefault((root, name), []).append(time.perf_counter() - t0)
        for (root, name), ts in times.items():
            out[root][f"{name}_seconds"] = sorted(ts)[len(ts) // 2]
        return out
    if what == "maintain":
        from pipeline.maintenance import maintain

        t0 = time.perf_counter()
        rep = maintain(store, today=date(2099, 1, 1))
        return {"seconds": time.perf_counter() - t0, "days": len(rep["compacted"]), "peak_rss_mb": hwm()}
    raise ValueError(what)


def _ideal_copy(root: str, ideal: str) -> None:
    """The same rows, one file per day written plainly (the layout readers like best)."""
    for part in sorted(os.listdir(os.path.join(root, "articles"))):
        src = os.path.join(root, "articles", part)
        table = pa.concat_tables([pq.read_table(os.path.join(src, f)) for f in sorted(os.listdir(src))])
        os.makedirs(os.path.join(ideal, "articles", part), exist_ok=True)
        pq.write_table(table, os.path.join(ideal, "articles", part, "day.parquet"), compression="zstd")


def _size(root: str, runs: int, rows: int, ideal: bool) -> dict[str, Any]:
    fig: dict[str, Any] = {"runs": runs}
    print(f"building {runs} runs x {rows} rows ...", file=sys.stderr, flush=True)
    fig["build"] = build(root, runs, rows)
    last = runs  # the next run lands into the newest (open) day
    fig["land"] = _in_fresh_process({"what": "land", "root": root, "run": last, "seed": 11})
    fig["known_ids_500"] = _in_fresh_process({"what": "known", "root": root, "run": last})
    fig["summary_first"] = _in_fresh_process({"what": "summary", "root": root})
    day = run_key_of(runs // 2)[1].isoformat()
    fig["duckdb_before"] = _in_fresh_process({"what": "duckdb", "roots": [root], "day": day})[root]
    fig["maintain"] = _in_fresh_process({"what": "maintain", "root": root})
    if ideal:
        ideal_root = root.rstrip("/") + "-ideal"
        _ideal_copy(root, ideal_root)
        both = _in_fresh_process({"what": "duckdb", "roots": [root, ideal_root], "day": day})
        fig["duckdb_after"], fig["duckdb_ideal"] = both[root], both[ideal_root]
        shutil.rmtree(ideal_root, ignore_errors=True)
    fig["land_after_maintenance"] = _in_fresh_process({"what": "land", "root": root, "run": last + 3, "seed": 12})
    fig["summary_incremental"] = _in_fresh_process({"what": "summary", "root": root})
    return fig


def build_year_probe(root: str, rows: int = 50, ndays: int = 365) -> dict[str, Any]:
    """A registry holding a year of ids (365 compacted days), one open day of real files,
    and summary partials for 365 days."""
    from pipeline.registry import id_key
    from pipeline.store import Store
    from pipeline.summary import PARTIAL_SCHEMA, PARTIALS_PATH, SUMMARY_PATH

    t0 = time.perf_counter()
    store = Store(root)
    store.check_backend()
    reg = store.registry
    conn = reg._connect()
    days = [(START + timedelta(days=d)).date() for d in range(ndays)]
    per_day = SOURCES * 24 * rows
    per_day_ids = int(per_day * 1.25)  # one alias in four
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO newspipe_files (file_id, path, day, stamp, nrows) VALUES (?, ?, ?, 'probe', ?)",
                     [(d + 1, f"articles/ingest_date={day.isoformat()}/compact-probe.parquet", day.isoformat(), per_day)
                      for d, day in enumerate(days[:-1])])
    conn.executemany("INSERT INTO newspipe_runs (run_id, run_key) VALUES (?, ?)",
                     [(i + 1, run_key_of(i)[0]) for i in range(ndays * 24 * SOURCES)])
    rng = np.random.default_rng(3)
    for d in range(len(days) - 1):
        # ids are uniformly random in the real store; inserted in order here to build fast
        keys = np.sort(rng.integers(0, 2**63, size=per_day_ids, dtype=np.int64).astype(">u8"))
        prefix = np.uint16(d).astype(">u2").tobytes()
        run0 = d * SOURCES * 24
        conn.executemany("INSERT INTO newspipe_ids (id, run_id, file_id) VALUES (?, ?, ?)",
                         ((prefix + k.tobytes() + b"\x00" * 6, run0 + 1 + (j % (SOURCES * 24)), d + 1)
                          for j, k in enumerate(keys)))
        if d % 30 == 0:
            print(f"  year probe: registry day {d}/{ndays} ({time.perf_counter() - t0:.0f}s)", file=sys.stderr, flush=True)
    conn.execute("COMMIT")
    del id_key
    # the open (last) day: real files of its first 23 hours
    open_first = (len(days) - 1) * SOURCES * 24
    build(root, SOURCES * 23, rows, first=open_first, progress=False)
    # summary partials of the closed days, as the summary keeps them
    n = (len(days) - 1) * SOURCES
    partials = pa.table({
        "ingest_date": [d.isoformat() for d in days[:-1] for _ in range(SOURCES)], "version": ["probe"] * n,
        "day": [d for d in days[:-1] for _ in range(SOURCES)], "source": [f"src{s:02d}" for _ in days[:-1] for s in range(SOURCES)],
        "language": [_LANGS[s % 3] for _ in days[:-1] for s in range(SOURCES)], "articles": [24 * rows] * n,
        "translated": [24 * rows] * n, "last_fetched_at": [START] * n,
    }, schema=PARTIAL_SCHEMA)
    os.makedirs(os.path.dirname(store.join(PARTIALS_PATH)), exist_ok=True)
    pq.write_table(partials, store.join(PARTIALS_PATH))
    os.makedirs(os.path.dirname(store.join(SUMMARY_PATH)), exist_ok=True)
    pq.write_table(pa.table({"x": [1]}), store.join(SUMMARY_PATH))
    # versions: make the closed days match what day_versions computes, so only the open day is recounted
    from pipeline.summary import day_versions

    versions = day_versions(store)
    partials = partials.set_column(1, "version", pa.array([versions[d] for d in partials.column("ingest_date").to_pylist()]))
    pq.write_table(partials, store.join(PARTIALS_PATH))
    return {"ids": reg.count_ids(), "seconds": time.perf_counter() - t0}


def _year(root: str, ndays: int = 365) -> dict[str, Any]:
    print(f"building the year probe (registry of {ndays} days, one open day of files) ...", file=sys.stderr, flush=True)
    runs = ndays * 24 * SOURCES
    fig: dict[str, Any] = {"runs": runs, "probe": build_year_probe(root, ndays=ndays)}
    last = runs - SOURCES  # the last hour of the open day
    fig["land"] = _in_fresh_process({"what": "land", "root": root, "run": last, "seed": 13})
    fig["known_ids_500"] = _in_fresh_process({"what": "known", "root": root, "run": last})
    fig["summary_incremental"] = _in_fresh_process({"what": "summary", "root": root})
    return fig


def run(eval_root: Any = None, *, sizes: tuple[int, ...] = (1000, 20000), rows: int = 50, year: bool = True,
        workdir: str | None = None) -> dict[str, Any]:
    del eval_root  # synthetic data: no evaluation set needed
    base = tempfile.mkdtemp(prefix="newspipe-bench-store-", dir=workdir)
    figures: dict[str, Any] = {"rows_per_run": rows}
    try:
        for n in sizes:
            root = os.path.join(base, f"s{n}")
            figures[str(n)] = _size(root, n, rows, ideal=True)
            shutil.rmtree(root, ignore_errors=True)
        if year:
            figures["year"] = _year(os.path.join(base, "year"))
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return figures


def print_report(fig: dict[str, Any]) -> None:
    print(f"store at scale ({fig['rows_per_run']} rows per run, ~3 KB text + text_en each; every figure in a fresh process)")
    print(f"{'runs':>8} | {'land (lock held)':>17} | {'+RSS':>7} | {'known_ids 500':>13} | {'summary (incr.)':>16} |"
          f" {'files before/after':>18} | {'README aggregate before/after/ideal':>40}")
    for key in [k for k in fig if k not in ("rows_per_run",)]:
        f = fig[key]
        land = f["land_after_maintenance"] if "land_after_maintenance" in f else f["land"]
        held = land["median_lock_held"]
        summ = f["summary_incremental"]
        if "duckdb_after" in f:
            b, a, i = f["duckdb_before"], f["duckdb_after"], f["duckdb_ideal"]
            files = f"{b['files']}/{a['files']}"
            agg = (f"{b['aggregate_seconds'] * 1000:.0f} / {a['aggregate_seconds'] * 1000:.0f} / "
                   f"{i['aggregate_seconds'] * 1000:.0f} ms ({a['aggregate_seconds'] / i['aggregate_seconds']:.2f}x)")
        else:
            files, agg = "(probe)", "(probe: one file per day, as above)"
        print(f"{f['runs']:>8} | {held * 1000:>14.0f} ms | {land['max_rss_delta_mb']:>4.0f} MB | "
              f"{f['known_ids_500']['warm_seconds'] * 1000:>10.1f} ms | {summ['seconds']:>6.2f}s {summ['peak_rss_mb']:>4.0f} MB |"
              f" {files:>18} | {agg:>40}")
        if "build" in f:
            bd = f["build"]
            print(f"{'':>8}   built in {bd['seconds']:.0f}s ({bd['bytes'] / 2**30:.2f} GiB); maintenance "
                  f"{f['maintain']['seconds']:.0f}s for {f['maintain']['days']} day(s); file listing "
                  f"{f['duckdb_before']['listing_seconds'] * 1000:.0f} -> {f['duckdb_after']['listing_seconds'] * 1000:.0f} ms;"
                  f" first land in a fresh process {f['land']['first']['seconds'] * 1000:.0f} ms")
            print(f"{'':>8}   one-day LIKE on text_en: {b['one_day_like_seconds'] * 1000:.0f} ms before, "
                  f"{a['one_day_like_seconds'] * 1000:.0f} ms after, {i['one_day_like_seconds'] * 1000:.0f} ms ideal "
                  f"({a['one_day_like_seconds'] / i['one_day_like_seconds']:.2f}x); landing before maintenance "
                  f"{f['land']['median_lock_held'] * 1000:.0f} ms")
        else:
            print(f"{'':>8}   probe: registry of {f['probe']['ids']:,} ids built in {f['probe']['seconds']:.0f}s;"
                  f" first land in a fresh process {f['land']['first']['seconds'] * 1000:.0f} ms")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="newspipe bench store", description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", default=None, help="only build a synthetic store here")
    ap.add_argument("--runs", type=int, default=1000)
    ap.add_argument("--rows", type=int, default=50)
    ap.add_argument("--sizes", default="1000,20000", help="store sizes (runs) measured in full")
    ap.add_argument("--no-year", action="store_true", help="skip the year probe")
    ap.add_argument("--json", default=None)
    args = ap.parse_args(argv)
    if args.runs < 1 or args.rows < 1:
        raise UsageError(f"--runs and --rows must be at least 1 (got --runs {args.runs}, --rows {args.rows})")
    if args.build:
        # synthetic rows written into a real store would mix with its articles and own ids
        if os.path.exists(args.build) and (not os.path.isdir(args.build) or os.listdir(args.build)):
            raise UsageError(f"--build {args.build}: not an empty folder; the synthetic store needs a new or empty one")
        print(json.dumps(build(args.build, args.runs, args.rows)))
        return 0
    figures = run(sizes=tuple(int(s) for s in args.sizes.split(",") if s), rows=args.rows, year=not args.no_year)
    print_report(figures)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(figures, fh, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
