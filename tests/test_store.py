"""The store's invariants: one row per article, runs own their files, atomic writes."""

from __future__ import annotations

import multiprocessing as mp
import os
import signal
import time
from datetime import UTC, date, datetime

import duckdb
import pyarrow.parquet as pq
import pytest
from conftest import drop_registry_tables, pg_or_skip

from pipeline.record import ArticleRecord, article_id_for, records_to_table
from pipeline.schema import ARTICLE_SCHEMA, SCHEMA_VERSION
from pipeline.store import TMP_PREFIX, Store, StoreConfigError

DAY = date(2026, 11, 20)


def rec(n: int, title: str = "t", source: str = "s") -> ArticleRecord:
    return ArticleRecord(
        url=f"https://news.example/a/{n}?utm_source=x", canonical_url=f"https://news.example/a/{n}",
        source=source, fetched_at=datetime(2026, 11, 20, 12, tzinfo=UTC), title=f"{title} {n}",
        text=f"body {n}", language="en", language_confidence=0.99,
        published_at=datetime(2026, 11, 20, 9, n % 60, tzinfo=UTC), authors=["A. Writer"],
    )


def ids(store: Store) -> list[str]:
    return store.read_articles(columns=["article_id"]).column("article_id").to_pylist()


def test_land_writes_hive_partition_readable_by_duckdb(tmp_path):
    store = Store(str(tmp_path))
    res = store.land([rec(1), rec(2)], "runA", DAY)
    assert res.landed == 2 and res.new == 2
    assert res.file.endswith("articles/ingest_date=2026-11-20/part-runA.parquet")
    con = duckdb.connect()
    rows = con.execute(
        f"SELECT ingest_date, count(*), min(schema_version) "
        f"FROM read_parquet('{tmp_path}/articles/**/*.parquet', hive_partitioning=true) GROUP BY 1"
    ).fetchall()
    assert rows == [(DAY, 2, SCHEMA_VERSION)]
    assert pq.read_schema(res.file).equals(ARTICLE_SCHEMA, check_metadata=False)


def test_rerun_replaces_own_output_and_keeps_what_it_stored(tmp_path):
    store = Store(str(tmp_path))
    store.land([rec(1), rec(2)], "runA", DAY)
    res = store.land([rec(2, title="updated"), rec(3)], "runA", DAY)
    assert sorted(ids(store)) == sorted({rec(i).article_id for i in (1, 2, 3)})
    assert res.replaced == 1 and res.new == 1 and res.landed == 3
    titles = set(store.read_articles(columns=["title"]).column("title").to_pylist())
    assert "updated 2" in titles and "t 2" not in titles
    assert len(store.article_files()) == 1


def test_other_runs_cannot_store_an_article_twice(tmp_path):
    store = Store(str(tmp_path))
    store.land([rec(1), rec(2)], "runA", DAY)
    res = store.land([rec(2), rec(3), rec(3)], "runB", date(2026, 11, 21))
    assert res.already_stored == 1 and res.duplicates_in_batch == 1 and res.landed == 1
    all_ids = ids(store)
    assert len(all_ids) == len(set(all_ids)) == 3


def test_empty_landing_writes_nothing(tmp_path):
    store = Store(str(tmp_path))
    store.land([rec(1)], "runA", DAY)
    res = store.land([rec(1)], "runB", DAY)
    assert res.file is None and res.landed == 0 and len(store.article_files()) == 1


def test_foreign_and_corrupt_files_are_reported_not_fatal(tmp_path):
    store = Store(str(tmp_path))
    store.land([rec(1)], "runA", DAY)
    part = tmp_path / "articles" / "ingest_date=2026-11-20"
    (part / "part-broken.parquet").write_bytes(b"PAR1 not really")
    (part / "notes.txt").write_text("hello")
    res = store.land([rec(2)], "runB", DAY)
    assert res.landed == 1
    assert any("unreadable" in p and "part-broken" in p for p in res.problems)
    assert any("foreign" in p and "notes.txt" in p for p in res.problems)
    assert (part / "part-broken.parquet").exists()  # left for a person to look at


def _land_worker(root: str, run_key: str, start: int, n: int, q) -> None:
    store = Store(root)
    res = store.land([rec(i) for i in range(start, start + n)], run_key, DAY)
    q.put(res.landed)


def test_concurrent_landings_leave_no_duplicates(tmp_path):
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    procs = [ctx.Process(target=_land_worker, args=(str(tmp_path), f"run{k}", k * 5, 20, q)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    all_ids = ids(Store(str(tmp_path)))
    assert len(all_ids) == len(set(all_ids)) == 35  # ids 0..34
    assert sum(q.get() for _ in procs) == 35


def _slow_writer(root: str) -> None:
    import pyarrow.parquet as pq_mod

    real = pq_mod.write_table

    def slow(table, where, **kw):
        where.write(b"PAR1partial")
        where.flush()
        time.sleep(60)
        real(table, where, **kw)

    pq_mod.write_table = slow
    Store(root).land([rec(i) for i in range(10)], "runKilled", DAY)


def test_sigkill_mid_write_leaves_no_visible_file_and_next_run_completes(tmp_path):
    ctx = mp.get_context("fork")
    p = ctx.Process(target=_slow_writer, args=(str(tmp_path),))
    p.start()
    part = tmp_path / "articles" / "ingest_date=2026-11-20"
    deadline = time.time() + 30
    while time.time() < deadline and not (part.exists() and any(x.name.startswith(TMP_PREFIX) for x in part.iterdir())):
        time.sleep(0.05)
    os.kill(p.pid, signal.SIGKILL)
    p.join()
    store = Store(str(tmp_path))
    assert store.article_files() == []
    con = duckdb.connect()
    with pytest.raises(duckdb.IOException):  # nothing matches *.parquet: no half file is visible
        con.execute(f"SELECT count(*) FROM read_parquet('{tmp_path}/articles/**/*.parquet')").fetchall()
    res = store.land([rec(i) for i in range(10)], "runKilled", DAY)  # lock was released by the kernel
    assert res.landed == 10
    assert not any(x.name.startswith(TMP_PREFIX) for x in part.iterdir())


# ---- the id registry: lookups per batch, the files stay the truth


def _count_reads(store: Store, monkeypatch) -> list[str]:
    seen: list[str] = []
    real = Store._read_entries

    def counting(self, path):
        seen.append(os.path.basename(path))
        return real(self, path)

    monkeypatch.setattr(Store, "_read_entries", counting)
    return seen


def test_landing_reads_only_new_or_changed_files_of_its_partitions(tmp_path, monkeypatch):
    store = Store(str(tmp_path))
    for i in range(5):
        store.land([rec(10 * i), rec(10 * i + 1)], f"run{i}", DAY)
    store.land([rec(500)], "other-day", date(2026, 11, 10))
    assert (tmp_path / "_state" / "registry.sqlite").exists()
    reads = _count_reads(store, monkeypatch)
    res = store.land([rec(0), rec(500), rec(99)], "run9", DAY)  # rec(0) is run0's, rec(500) another day's
    assert reads == []  # the registry answered; no file was read
    assert res.already_stored == 2 and res.new == 1
    other = Store(str(tmp_path))  # a fresh process: no rebuild, no reads
    res = other.land([rec(1), rec(78)], "run8", DAY)
    assert reads == [] and res.already_stored == 1
    path = tmp_path / "articles" / f"ingest_date={DAY.isoformat()}" / "part-run2.parquet"
    table = pq.read_table(path)
    dropped = rec(21).article_id
    assert dropped in table.column("article_id").to_pylist()
    time.sleep(0.01)
    pq.write_table(table.filter(pq_filter_not(table, dropped)), path)  # someone rewrites run2's file without rec(21)
    res = other.land([rec(21)], "run7", DAY)
    assert reads == ["part-run2.parquet"]  # the changed file of the partition, and only it
    assert res.new == 1  # the registry did not keep claiming an id the file no longer holds
    # an owner in a partition the landing does not touch is checked too, by its stamp
    far = tmp_path / "articles" / "ingest_date=2026-11-10" / "part-other-day.parquet"
    t = pq.read_table(far)
    time.sleep(0.01)
    pq.write_table(t.slice(0, 0), far)
    reads.clear()
    res = other.land([rec(500)], "run6", DAY)
    assert reads == ["part-other-day.parquet"] and res.new == 1
    all_ids = ids(store)
    assert len(all_ids) == len(set(all_ids))


def pq_filter_not(table, article_id):
    import pyarrow.compute as pc

    return pc.not_equal(table.column("article_id"), article_id)


def test_deleted_file_is_reported_and_a_damaged_registry_is_rebuilt(tmp_path):
    store = Store(str(tmp_path))
    store.land([rec(1)], "runA", DAY)
    store.land([rec(2)], "runB", DAY)
    os.remove(store.article_file("runA", DAY))
    res = store.land([rec(1)], "runC", DAY)
    assert res.new == 1  # runA's file is gone: its id is free again ...
    assert any("deleted outside newspipe" in p and "part-runA" in p for p in res.problems)  # ... and that is said
    store.registry.close()
    (tmp_path / "_state" / "registry.sqlite").write_bytes(b"not a database at all" * 100)
    for extra in ("registry.sqlite-wal", "registry.sqlite-shm"):
        (tmp_path / "_state" / extra).unlink(missing_ok=True)
    fresh = Store(str(tmp_path))
    res = fresh.land([rec(1), rec(2), rec(3)], "runD", DAY)
    assert res.already_stored == 2 and res.new == 1
    assert sorted(ids(fresh)) == sorted(rec(i).article_id for i in (1, 2, 3))
    assert list((tmp_path / "_state").glob("registry.sqlite.damaged-*"))  # set aside for a person, not deleted


def test_aliases_are_registered_and_count_as_stored(tmp_path):
    store = Store(str(tmp_path))
    a = rec(1)
    a.aliases = ["https://news.example/amp/1", "https://feeds.example/x?id=1"]
    store.land([a], "runA", DAY)
    amp_id = article_id_for("https://news.example/amp/1")
    assert store.known_ids([amp_id, a.article_id, rec(2).article_id]) == {amp_id, a.article_id}
    assert store.known_ids([amp_id, a.article_id], exclude_run_key="runA") == set()
    # another run reaching the article through its AMP URL stores nothing new
    b = ArticleRecord(url="https://news.example/amp/1", canonical_url="https://news.example/amp/1", source="s",
                      fetched_at=datetime(2026, 11, 21, tzinfo=UTC), title="t", text="x")
    c = rec(3)
    c.aliases = ["https://news.example/a/1"]  # or listing the stored article as one of its aliases
    res = store.land([b, c, rec(4)], "runB", DAY)
    assert res.already_stored == 2 and res.new == 1
    # the run's own rerun keeps its aliases registered
    store.land([a], "runA", DAY)
    assert store.known_ids([amp_id]) == {amp_id}


PG = "postgresql://127.0.0.1:5432/test"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_kw(request):
    """Store options for each registry backend (PostgreSQL: unique tables, dropped after)."""
    if request.param == "sqlite":
        yield {}
        return
    pg_or_skip(PG)
    import uuid

    table = f"t_{uuid.uuid4().hex[:10]}"
    yield {"lock_url": PG, "registry_table": table}
    drop_registry_tables(PG, table)


def test_an_alias_met_after_its_article_landed_is_remembered_not_refetched(tmp_path, store_kw):
    store = Store(str(tmp_path), **store_kw)
    x = rec(1)  # run A lands X from its feed URL
    store.land([x], "runA", DAY)
    a_file = store.article_file("runA", DAY)
    before = os.stat(a_file)
    # run B fetches X's AMP copy: identity maps it to X, so landing drops it ...
    amp = "https://news.example/amp/1"
    via_amp = rec(1)
    via_amp.url, via_amp.aliases = amp, [amp]
    res = store.land([via_amp], "runB", DAY)
    assert res.already_stored == 1 and res.new == 0 and res.aliases_learned == 1
    amp_id = article_id_for(amp)
    # ... and the store remembers the URL: no later run fetches it again
    assert store.known_ids([amp_id], exclude_run_key="runC") == {amp_id}
    assert Store(str(tmp_path), **store_kw).known_ids([amp_id, rec(2).article_id]) == {amp_id}  # a fresh process too
    assert store.known_ids([amp_id], exclude_run_key="runB") == {amp_id}  # B stored nothing: its rerun skips it
    assert store.known_ids([amp_id], exclude_run_key="runA") == set()  # X's own run refetches what it stored
    # no other run's file was rewritten, no row added
    assert store.article_files() == [a_file] and ids(store) == [x.article_id]
    after = os.stat(a_file)
    assert (after.st_mtime_ns, after.st_ino) == (before.st_mtime_ns, before.st_ino)
    # a URL a file already holds is not learned again (B meets X's feed URL: nothing new)
    assert store.land([rec(1)], "runB", DAY).aliases_learned == 0
    # when the article leaves the store, its learned alias stops counting
    os.remove(a_file)
    store.land([rec(2)], "runD", DAY)  # the landing notices the deletion
    assert store.known_ids([amp_id], exclude_run_key="runC") == set()


def test_learned_aliases_are_a_cache_check_ignores_maintenance_prunes_rebuild_drops(tmp_path, store_kw):
    from pipeline.maintenance import check, maintain

    store = Store(str(tmp_path), **store_kw)
    store.land([rec(1)], "runA", DAY)
    amp = "https://news.example/amp/1"
    via_amp = rec(1)
    via_amp.url, via_amp.aliases = amp, [amp]
    assert store.land([via_amp], "runB", DAY).aliases_learned == 1
    report = check(store, deep=True)  # not a difference between registry and files
    assert report["ok"] and report["learned_aliases"] == {"count": 1, "article_gone": 0}, report
    os.remove(store.article_file("runA", DAY))  # X leaves the store
    store.land([rec(2)], "runD", DAY)
    assert check(store)["learned_aliases"] == {"count": 1, "article_gone": 1}
    assert maintain(store, today=DAY)["learned_aliases_forgotten"] == 1
    assert check(store)["learned_aliases"]["count"] == 0
    # learned aliases are a cache: rebuild-registry drops them (the cost: one refetch)
    via_amp2 = rec(2)
    via_amp2.url, via_amp2.aliases = "https://news.example/amp/2", ["https://news.example/amp/2"]
    assert store.land([via_amp2], "runE", DAY).aliases_learned == 1
    assert store.rebuild_registry()["learned_aliases_dropped"] == 1
    assert store.known_ids([article_id_for("https://news.example/amp/2")]) == set()


def test_mixed_lock_backends_are_refused(tmp_path):
    Store(str(tmp_path)).land([rec(1)], "runA", DAY)
    other = Store(str(tmp_path), lock_url="postgresql://127.0.0.1:5432/test")
    with pytest.raises(StoreConfigError, match="lock"):
        other.land([rec(2)], "runB", DAY)
    with pytest.raises(StoreConfigError):
        other.known_ids([rec(1).article_id])
    assert sorted(ids(Store(str(tmp_path)))) == [rec(1).article_id]


def test_leftover_cleanup_spares_a_live_writers_file(tmp_path):
    import socket
    import subprocess
    import sys

    store = Store(str(tmp_path))
    store.land([rec(1)], "runA", DAY)
    part = tmp_path / "articles" / f"ingest_date={DAY.isoformat()}"
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
        host = socket.gethostname()
        live = part / f"{TMP_PREFIX}{host}~{sleeper.pid}~abc.inprogress"
        gone = part / f"{TMP_PREFIX}{host}~{int(dead.stdout)}~def.inprogress"
        old = part / f"{TMP_PREFIX}elsewhere~1~ghi.inprogress"
        for p in (live, gone, old):
            p.write_bytes(b"PAR1")
        os.utime(old, (time.time() - 7200, time.time() - 7200))
        store.land([rec(2)], "runB", DAY)
        assert live.exists() and not gone.exists() and not old.exists()
    finally:
        sleeper.kill()


def test_a_file_added_by_hand_in_any_day_is_seen_by_the_next_landing(tmp_path, monkeypatch):
    """Local stores: a partition folder changed outside newspipe is re-listed by the
    next landing wherever it lands (one stat per day), so hand edits never duplicate."""
    store = Store(str(tmp_path))
    store.land([rec(1)], "runA", date(2026, 11, 1))
    store.land([rec(2)], "runB", date(2026, 11, 2))
    reads = _count_reads(store, monkeypatch)
    store.land([rec(3)], "runC", date(2026, 11, 3))
    assert reads == []  # nothing changed by hand: no partition re-listed and read
    by_hand = tmp_path / "articles" / "ingest_date=2026-11-02" / "restored.parquet"
    copy = rec(5)
    copy.run_key = "restored-by-hand"
    pq.write_table(records_to_table([copy]), by_hand)
    res = store.land([rec(5), rec(6)], "runD", date(2026, 11, 3))
    assert reads == ["restored.parquet"]
    assert res.already_stored == 1 and res.new == 1
    all_ids = ids(store)
    assert len(all_ids) == len(set(all_ids)) == 5
