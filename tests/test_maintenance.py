"""Maintenance and the registry over time: compaction keeps runs owning their rows,
hand edits are reported, and landers and maintenance can run at once."""

from __future__ import annotations

import json
import multiprocessing as mp
import os
import socket
import threading
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import MaintenanceSettings
from pipeline.maintenance import check, maintain
from pipeline.record import ArticleRecord
from pipeline.store import DayCompactor, Store

DAYS = [date(2026, 11, 1), date(2026, 11, 2), date(2026, 11, 3)]
LATER = date(2026, 12, 1)  # every day above is closed by then


def rec(n: int, title: str = "t", source: str = "s") -> ArticleRecord:
    return ArticleRecord(url=f"https://news.example/a/{n}", canonical_url=f"https://news.example/a/{n}", source=source,
                         fetched_at=datetime(2026, 11, 1, 12, tzinfo=UTC), title=f"{title} {n}", text=f"body {n}",
                         language="en", published_at=datetime(2026, 11, 1, 9, n % 60, tzinfo=UTC))


def rows(root) -> list[dict]:
    return Store(str(root)).read_articles(columns=["article_id", "title", "run_key"]).to_pylist()


def files(root, day: date) -> list[str]:
    return sorted(p.name for p in (root / "articles" / f"ingest_date={day.isoformat()}").iterdir())


def _fill(root) -> Store:
    store = Store(str(root))
    for d, day in enumerate(DAYS):
        for r in range(3):
            store.land([rec(100 * d + 10 * r + i) for i in range(4)], f"{day:%Y%m%d}T0{r}_src{r}", day)
    return store


def test_compaction_leaves_one_sorted_file_per_closed_day_and_every_row_once(tmp_path):
    store = _fill(tmp_path)
    before = sorted((r["article_id"], r["title"], r["run_key"]) for r in rows(tmp_path))
    report = maintain(store, MaintenanceSettings(compact_after_days=2), today=DAYS[2] + timedelta(days=1))
    assert [c["day"] for c in report["compacted"]] == [DAYS[0].isoformat()]  # only days 2+ days old are closed
    assert len(files(tmp_path, DAYS[0])) == 1 and files(tmp_path, DAYS[0])[0].startswith("compact-")
    assert len(files(tmp_path, DAYS[1])) == 3
    maintain(store, MaintenanceSettings(compact_after_days=2), today=LATER)
    assert all(len(files(tmp_path, d)) == 1 for d in DAYS)
    assert sorted((r["article_id"], r["title"], r["run_key"]) for r in rows(tmp_path)) == before
    compacted = tmp_path / "articles" / f"ingest_date={DAYS[1].isoformat()}" / files(tmp_path, DAYS[1])[0]
    run_keys = pq.read_table(compacted, columns=["run_key"]).column("run_key").to_pylist()
    assert run_keys == sorted(run_keys)  # sorted for pruning
    assert check(Store(str(tmp_path)), deep=True)["ok"]


def test_rerun_after_compaction_replaces_that_runs_rows_inside_the_day_file(tmp_path):
    store = _fill(tmp_path)
    maintain(store, today=LATER)
    run = f"{DAYS[1]:%Y%m%d}T01_src1"  # owned rec(110..113)
    res = Store(str(tmp_path)).land([rec(110, "updated"), rec(111, "updated"), rec(199)], run, DAYS[1])
    assert res.replaced == 2 and res.new == 1 and res.landed == 5  # 112, 113 kept from before
    assert files(tmp_path, DAYS[1]) and len(files(tmp_path, DAYS[1])) == 1  # still one file, swapped whole
    got = rows(tmp_path)
    assert len(got) == len({r["article_id"] for r in got}) == 37
    mine = {r["title"] for r in got if r["run_key"] == run}
    assert mine == {"updated 110", "updated 111", "t 112", "t 113", "t 199"}
    others = [r for r in got if r["run_key"] != run]
    assert len(others) == 32 and all(r["title"].startswith("t ") for r in others)
    # a new run on a compacted day gets its own file; the next maintenance folds it in
    Store(str(tmp_path)).land([rec(120), rec(300)], f"{DAYS[1]:%Y%m%d}T09_src9", DAYS[1])
    assert len(files(tmp_path, DAYS[1])) == 2
    maintain(Store(str(tmp_path)), today=LATER)
    assert len(files(tmp_path, DAYS[1])) == 1
    got = rows(tmp_path)
    assert len(got) == len({r["article_id"] for r in got}) == 38  # rec(120) was another run's: not twice


def test_reprocess_after_compaction_applies_every_update(tmp_path, monkeypatch):
    """A reprocess lands each run again with new versions of its rows: after compaction
    it must still replace them all (0 duplicates, 0 stale rows)."""
    store = _fill(tmp_path)
    maintain(store, today=LATER)
    before = rows(tmp_path)
    by_run: dict[str, list[dict]] = {}
    for r in before:
        by_run.setdefault(r["run_key"], []).append(r)
    fresh = Store(str(tmp_path))
    for run, rs in by_run.items():
        day = date(int(run[:4]), int(run[4:6]), int(run[6:8]))
        nums = [int(r["title"].split()[1]) for r in rs]
        res = fresh.land([rec(n, "v2") for n in nums], run, day)
        assert res.replaced == len(nums) and res.new == 0
    after = rows(tmp_path)
    assert sorted(r["article_id"] for r in after) == sorted(r["article_id"] for r in before)
    assert all(r["title"].startswith("v2 ") for r in after)
    assert all(len(files(tmp_path, d)) == 1 for d in DAYS)


def test_check_reports_files_deleted_or_added_by_hand_and_rebuild_fixes_the_registry(tmp_path):
    _fill(tmp_path)
    cli = CliRunner()
    ok = cli.invoke(app, ["store", "check", "--store", str(tmp_path), "--deep"])
    assert ok.exit_code == 0, ok.output
    day = tmp_path / "articles" / f"ingest_date={DAYS[0].isoformat()}"
    gone = day / f"part-{DAYS[0]:%Y%m%d}T00_src0.parquet"
    gone.unlink()
    (tmp_path / "articles" / "ingest_date=2026-10-30").mkdir()
    pq.write_table(pq.read_table(day / f"part-{DAYS[0]:%Y%m%d}T01_src1.parquet").slice(0, 1),
                   tmp_path / "articles" / "ingest_date=2026-10-30" / "by-hand.parquet")
    res = cli.invoke(app, ["store", "check", "--store", str(tmp_path)])
    assert res.exit_code == 1
    report = json.loads(res.stdout)
    assert report["deleted"] == [f"articles/ingest_date={DAYS[0].isoformat()}/{gone.name} (4 articles)"]
    assert report["added"] == ["articles/ingest_date=2026-10-30/by-hand.parquet"]
    assert "deleted by hand" in res.stderr
    res = cli.invoke(app, ["store", "rebuild-registry", "--store", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout.strip().splitlines()[-1])["problems"] == 1  # the copied row: a duplicate id, reported
    assert cli.invoke(app, ["store", "check", "--store", str(tmp_path)]).exit_code == 0
    # the deleted file's ids are free again; the copy by hand holds its id: never landed twice
    again = Store(str(tmp_path)).land([rec(0), rec(10)], "late", DAYS[2])
    assert again.new == 1 and again.already_stored == 1


def test_maintain_dry_run_changes_nothing_and_retention_removes_old_raw_days_and_reports(tmp_path):
    store = _fill(tmp_path)
    for d in ("2025-01-01", "2026-11-29"):
        folder = tmp_path / "raw" / f"ingest_date={d}"
        folder.mkdir(parents=True)
        (folder / "run--x.warc.gz").write_bytes(b"x")
    runs = tmp_path / "_state" / "runs"
    runs.mkdir(parents=True)
    (runs / "old.json").write_text("{}")
    (runs / "new.json").write_text("{}")
    os.utime(runs / "old.json", (time.time() - 100 * 86400,) * 2)
    snapshot = sorted(str(p) for p in tmp_path.rglob("*") if "_state" not in p.parts)
    res = CliRunner().invoke(app, ["maintain", "--store", str(tmp_path), "--dry-run"])
    assert res.exit_code == 0, res.output
    plan = json.loads(res.stdout)
    assert len(plan["compacted"]) == 3 and plan["raw_days_removed"] == ["raw/ingest_date=2025-01-01"]
    assert sorted(str(p) for p in tmp_path.rglob("*") if "_state" not in p.parts) == snapshot
    settings = MaintenanceSettings(raw_retention_days=365, report_retention_days=90)
    done = maintain(store, settings, today=date(2026, 12, 1))
    assert done["raw_days_removed"] == ["raw/ingest_date=2025-01-01"] and done["run_reports_removed"] == 1
    assert (tmp_path / "raw" / "ingest_date=2026-11-29").exists() and (runs / "new.json").exists()


def test_query_command_formats(tmp_path, monkeypatch):
    _fill(tmp_path)
    cli = CliRunner()
    res = cli.invoke(app, ["query", "SELECT ingest_date, count(*) AS n FROM articles GROUP BY ALL ORDER BY ALL",
                           "--store", str(tmp_path), "--format", "json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [{"ingest_date": d.isoformat(), "n": 12} for d in DAYS]
    res = cli.invoke(app, ["query", "SELECT count(DISTINCT article_id) AS n FROM articles", "--store", str(tmp_path),
                           "--format", "csv"])
    assert res.stdout.splitlines() == ["n", "36"]
    res = cli.invoke(app, ["query", "SELECT nope FROM articles", "--store", str(tmp_path)])
    assert res.exit_code == 2 and "query failed" in res.stderr
    # the README's summaries query right after landing (no `newspipe summary` yet): it said
    # "Table with name summaries does not exist"
    assert not (tmp_path / "summaries").exists()
    from pipeline.query import connect

    assert connect(Store(str(tmp_path))).execute("SELECT count(*) FROM summaries").fetchone() == (0,)
    res = cli.invoke(app, ["query", "SELECT sum(articles) AS n FROM summaries", "--store", str(tmp_path), "--format", "csv"])
    assert res.exit_code == 0, res.output
    assert res.stdout.splitlines() == ["n", "36"]
    def read_only(store):
        raise PermissionError("read-only credentials")

    import pipeline.summary

    monkeypatch.setattr(pipeline.summary, "build_daily_summary", read_only)  # a reader that may not write
    res = cli.invoke(app, ["query", "SELECT sum(articles) AS n FROM summaries", "--store", str(tmp_path), "--format", "csv"])
    assert res.exit_code == 0 and res.stdout.splitlines() == ["n", "36"], res.output  # the summary built above
    res = cli.invoke(app, ["query", 'SELECT "http://u:hunter2@h.example/" FROM articles', "--store", str(tmp_path)])
    assert res.exit_code == 2 and "hunter2" not in res.output and "<redacted>@h.example" in res.stderr, res.output


def test_query_runs_only_reads(tmp_path):
    """`newspipe query` is for reading: COPY ... TO, writes and several statements are refused
    before anything runs, so an analyst's typo cannot write files or change the store."""
    _fill(tmp_path)
    cli = CliRunner()
    target = tmp_path / "out.csv"
    for sql in (f"COPY (SELECT * FROM articles) TO '{target}'", "CREATE TABLE t AS SELECT 1",
                f"ATTACH '{tmp_path / 'x.db'}' AS x", "SELECT 1; SELECT 2"):
        res = cli.invoke(app, ["query", sql, "--store", str(tmp_path)])
        assert res.exit_code == 2 and "query refused" in res.stderr, (sql, res.output)
    assert not target.exists() and not (tmp_path / "x.db").exists()
    res = cli.invoke(app, ["query", "EXPLAIN SELECT count(*) FROM articles", "--store", str(tmp_path)])
    assert res.exit_code == 0, res.output
    res = cli.invoke(app, ["query", "SELEC", "--store", str(tmp_path)])  # DuckDB's message spans lines (LINE 1: ^^^)
    assert res.exit_code == 2 and res.stderr.strip().splitlines() == ['error: query failed: Parser Error: syntax error at or near "SELEC"']


# ---- two landers and maintenance at once (processes)


def _lander(root: str, worker: int, q) -> None:
    store = Store(root)
    landed = []
    for k in range(10):
        day = DAYS[k % 3]
        base = 1000 * k + 10 * worker  # the two landers overlap on half their ids
        batch = [rec(base + i, f"w{worker}") for i in range(20)]
        store.land(batch, f"{day:%Y%m%d}T{k:02d}_w{worker}", day)
        if k % 3 == 0:  # a rerun with new versions
            store.land([rec(base + i, f"w{worker}-again") for i in range(20)], f"{day:%Y%m%d}T{k:02d}_w{worker}", day)
        landed.extend(r.article_id for r in batch)
    q.put(landed)


def _maintainer(root: str, q) -> None:
    store = Store(root)
    n = 0
    for _ in range(8):
        n += len(maintain(store, MaintenanceSettings(compact_after_days=1), today=LATER)["compacted"])
        time.sleep(0.05)
    q.put(n)


def test_two_landers_and_maintenance_concurrently_lose_and_duplicate_nothing(tmp_path):
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_lander, args=(str(tmp_path), w, q)) for w in (0, 1)]
    procs.append(ctx.Process(target=_maintainer, args=(str(tmp_path), q)))
    for p in procs:
        p.start()
    con = duckdb.connect()
    glob = f"{tmp_path}/articles/**/*.parquet"
    seen: set[str] = set()
    reads = retried = 0
    errors: dict[str, int] = {}
    while any(p.is_alive() for p in procs):
        try:
            got = con.execute(f"SELECT article_id FROM read_parquet('{glob}')").fetchall()
        except duckdb.Error as exc:  # nothing yet, or a file replaced between listing and reading: read again
            retried += 1
            errors[str(exc)[:60]] = errors.get(str(exc)[:60], 0) + 1
            continue
        ids = [g[0] for g in got]
        reads += 1
        assert len(ids) == len(set(ids)), "a reader saw an article twice"
        assert seen <= set(ids), "a reader missed an article it saw before"
        seen = set(ids)
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    results = [q.get(timeout=10) for _ in procs]
    attempted = {i for r in results if isinstance(r, list) for i in r}
    final = [r["article_id"] for r in rows(tmp_path)]
    assert len(final) == len(set(final)), "duplicated"
    assert set(final) == attempted, "lost"
    assert reads > 0
    print(f"reader: {reads} consistent reads, {retried} retried; compactions: {[r for r in results if isinstance(r, int)]}; {errors}")
    assert check(Store(str(tmp_path)), deep=True)["ok"]


def test_pipeline_reprocess_of_compacted_days_replaces_every_row(news_web, tmp_path, monkeypatch):
    """The real path: hourly-like runs over the local news web, maintenance compacts
    their days, then `newspipe_reprocess` rebuilds them from the raw pages with a
    changed extraction: every row is the new version, none twice, none lost."""
    import yaml
    from conftest import NEWS_WEB_TODAY

    from pipeline import runner
    from pipeline.config import load_settings

    sources = tmp_path / "sources.yaml"
    sources.write_text(yaml.safe_dump(news_web.sources_config(), allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("NEWSPIPE_SOURCES", str(sources))
    settings = load_settings(overrides={"store.root": str(tmp_path / "store"), "fetch.allowed_networks": [news_web.origin],
                                        "fetch.delay_seconds": 0.0, "fetch.backoff_seconds": 0.1,
                                        "translation.models_dir": str(tmp_path / "no-models")})
    days = [NEWS_WEB_TODAY - timedelta(days=2), NEWS_WEB_TODAY - timedelta(days=1)]
    for d in days:
        start = datetime(d.year, d.month, d.day, tzinfo=UTC)
        runner.run_interval(start, start + timedelta(days=1), settings=settings, translate=False)
    root = tmp_path / "store"
    before = {r["article_id"]: r for r in rows(root)}
    assert before
    store = runner.open_store(settings)
    maintain(store, today=NEWS_WEB_TODAY + timedelta(days=30))
    assert all(len(files(root, d)) == 1 and files(root, d)[0].startswith("compact-") for d in days)

    real = runner.pages_to_records

    def changed_extraction(pages, source, s, **kwargs):
        records, skips = real(pages, source, s, **kwargs)
        for r in records:
            r.title = f"{r.title} [v2]"
        return records, skips

    monkeypatch.setattr(runner, "pages_to_records", changed_extraction)
    start = datetime(days[0].year, days[0].month, days[0].day, tzinfo=UTC)
    reports = runner.reprocess(start, start + timedelta(days=2), translate=False, settings=settings)
    assert reports
    after = rows(root)
    assert len(after) == len({r["article_id"] for r in after}), "a reprocess after compaction duplicated rows"
    assert {r["article_id"] for r in after} == before.keys()
    assert all(r["title"].endswith(" [v2]") for r in after), "a reprocess after compaction left stale rows"


def test_a_landing_while_a_day_is_being_compacted_is_not_lost(tmp_path, monkeypatch):
    """Compaction builds the day file without the lock; a run landing into that day
    meanwhile makes it start again instead of swapping its rows away."""
    store = _fill(tmp_path)
    real = DayCompactor._stage_compacted
    calls = []

    def stage_then_land(self, day, *args, **kw):
        staged = real(self, day, *args, **kw)
        if not calls:
            Store(str(tmp_path)).land([rec(700), rec(701)], f"{DAYS[0]:%Y%m%d}T23_late", DAYS[0])
        calls.append(day)
        return staged

    monkeypatch.setattr(DayCompactor, "_stage_compacted", stage_then_land)
    report = store.compact_day(DAYS[0].isoformat())
    assert report["action"] == "compacted" and len(calls) == 2  # built twice: the first one missed the late run
    assert report["rows"] == 14 and len(files(tmp_path, DAYS[0])) == 1
    got = [r["article_id"] for r in rows(tmp_path)]
    assert len(got) == len(set(got)) == 38 and rec(700).article_id in got
    # the discarded build is gone; the swapped-out day stays a minute for readers that listed it
    assert [p.name.split("~")[0] for p in (tmp_path / "_state" / "compact").iterdir()] == ["retired"]


def test_a_reader_that_listed_a_day_before_its_swap_fails_and_never_counts_it_wrong(tmp_path, monkeypatch):
    """DuckDB lists a folder, then looks each listed name up (silently skipping a name it
    cannot find), then opens the files in no fixed order. A reader that listed the day
    just before the swap, or opened the folder then and reads it after, must get an
    error (and read again), never the day missing or twice; a reader after the swap
    gets every row once."""
    store = _fill(tmp_path)
    day = DAYS[0].isoformat()
    day_dir = tmp_path / "articles" / f"ingest_date={day}"
    want = sorted(r["article_id"] for r in store.read_articles(["article_id"], [day]).to_pylist())
    real_stage, real_grace = DayCompactor._stage_compacted, DayCompactor._swap_grace
    seen: dict[str, Any] = {}

    def stage_while_a_reader_lists(self, d, *args, **kw):
        seen["listed"] = sorted(os.listdir(day_dir))
        seen["fd"] = os.open(day_dir, os.O_RDONLY | os.O_DIRECTORY)
        return real_stage(self, d, *args, **kw)

    def right_after_the_swap(self, until):
        listed = seen["listed"]
        assert all((day_dir / n).exists() for n in listed)  # found: not skipped silently
        for n in listed:
            with pytest.raises(pa.ArrowInvalid):
                pq.read_table(day_dir / n)
        for files_ in ([str(day_dir / n) for n in listed], f"{tmp_path}/articles/**/*.parquet"):
            with pytest.raises(duckdb.Error):
                duckdb.sql(f"SELECT count(*) FROM read_parquet({files_!r})").fetchall()
        assert sorted(os.listdir(seen["fd"])) == listed  # the old folder, opened before, is still whole
        free = Store(str(tmp_path)).lock
        free.timeout = 0.0
        with free.hold():  # the grace holds no lock: a landing goes on meanwhile
            pass
        real_grace(self, until)

    monkeypatch.setattr(DayCompactor, "_stage_compacted", stage_while_a_reader_lists)
    monkeypatch.setattr(DayCompactor, "_swap_grace", right_after_the_swap)
    try:
        assert store.compact_day(day)["action"] == "compacted"
    finally:
        os.close(seen["fd"])
    assert len(seen["listed"]) == 3
    after = os.listdir(day_dir)
    assert len(after) == 1 and after[0].startswith("compact-")
    got = duckdb.sql(f"SELECT article_id FROM read_parquet('{tmp_path}/articles/**/*.parquet') "
                     f"WHERE ingest_date = '{day}'").fetchall()
    assert sorted(g[0] for g in got) == want
    retired = list((tmp_path / "_state" / "compact").glob(f"retired~*/ingest_date={day}/*.parquet"))
    assert sorted(p.name for p in retired) == seen["listed"]  # kept a minute for readers that opened them


def test_maintenance_leaves_each_days_old_names_going_while_it_compacts_the_next(tmp_path, monkeypatch):
    """A pass over many closed days waits the swap's grace once, not once a day: the
    placeholders of a day go in a thread while the next day is built, and all are gone
    when maintenance returns."""
    store = _fill(tmp_path)
    real_stage, real_grace, real_after = DayCompactor._stage_compacted, DayCompactor._swap_grace, DayCompactor._after_grace
    real_settle = Store.settle
    waiting: list[tuple[threading.Event, list[str]]] = []  # a grace's event, and what ended its wait
    swapped: list[str] = []

    def after_grace(self, day, placeholders):
        swapped.append(day)
        real_after(self, day, placeholders)

    def release(by_what):
        deadline = time.monotonic() + 10
        while len(waiting) < len(swapped) and time.monotonic() < deadline:  # the grace's thread has begun
            time.sleep(0.01)
        for event, by in waiting:
            by.append(by_what)
            event.set()

    def stage(self, day, *args, **kw):
        release("the next day's build")
        return real_stage(self, day, *args, **kw)

    def grace(self, until):
        event, by = threading.Event(), []
        waiting.append((event, by))
        if not event.wait(10):  # until a later day's build begins (it never would if the grace held up the pass)
            by.insert(0, "nothing: it held up the pass")
        real_grace(self, until)

    def settle(self):
        release("settle")
        real_settle(self)

    monkeypatch.setattr(DayCompactor, "_after_grace", after_grace)
    monkeypatch.setattr(DayCompactor, "_stage_compacted", stage)
    monkeypatch.setattr(DayCompactor, "_swap_grace", grace)
    monkeypatch.setattr(Store, "settle", settle)
    rep = maintain(store, MaintenanceSettings(compact_after_days=1), today=LATER)
    assert len(rep["compacted"]) == len(DAYS) == len(waiting) >= 2
    assert [by[0] for _, by in waiting] == ["the next day's build"] * (len(DAYS) - 1) + ["settle"]
    for day in DAYS:  # settled: only the compacted file is left in each day
        assert [p.name.split("-")[0] for p in (tmp_path / "articles" / f"ingest_date={day.isoformat()}").iterdir()] == ["compact"]
        # and the registry saw the folder as it is after the placeholders went: the next
        # landing has no day to re-check
        assert store.registry.get_meta(f"dir:{day.isoformat()}") == store.dir_stamp(day.isoformat())


def test_swapped_out_days_and_dead_compactions_are_removed_later_live_ones_never(tmp_path):
    store = _fill(tmp_path)
    base = tmp_path / "_state" / "compact"
    dead = mp.get_context("spawn").Process(target=time.sleep, args=(0,))
    dead.start()
    dead.join()
    host = socket.gethostname()
    names = {"old": f"retired~{time.time_ns() - 120 * 10**9}~a", "fresh": f"retired~{time.time_ns()}~b",
             "dead": f"{host}~{dead.pid}~c", "live": f"{host}~{os.getpid()}~d"}
    for name in names.values():
        (base / name / "ingest_date=2026-11-01").mkdir(parents=True)
        (base / name / "ingest_date=2026-11-01" / "part-x.parquet").write_bytes(b"x")
    assert store.clean_compaction_leftovers() == 2
    assert sorted(p.name for p in base.iterdir()) == sorted([names["fresh"], names["live"]])
    maintain(store, MaintenanceSettings(compact_after_days=1), today=LATER)  # compacts, and removes nothing fresh
    left = sorted(p.name for p in base.iterdir())
    assert names["fresh"] in left and names["live"] in left and len(left) == 2 + len(DAYS)
