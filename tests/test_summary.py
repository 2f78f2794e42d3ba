"""Daily summary and store statistics over a small store."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyarrow.parquet as pq
from rich.console import Console

from pipeline.record import ArticleRecord
from pipeline.schema import SUMMARY_SCHEMA
from pipeline.store import Store
from pipeline.storeview import print_stats
from pipeline.summary import SUMMARY_PATH, build_daily_summary, store_stats


def _rec(n: int, source: str, lang: str, day: int | None, translated: bool) -> ArticleRecord:
    return ArticleRecord(
        url=f"https://x.example/{source}/{n}", canonical_url=f"https://x.example/{source}/{n}", source=source,
        fetched_at=datetime(2026, 11, 25, 23, tzinfo=UTC), title="t", text="x", language=lang,
        published_at=datetime(2026, 11, day, 12, tzinfo=UTC) if day else None,
        text_en="x" if translated or lang == "en" else None,
        translation_model="translate-ru_en 0.1" if translated else None,
    )


def test_daily_summary_counts_per_day_source_language_and_share_translated(tmp_path):
    store = Store(str(tmp_path))
    store.land([_rec(1, "tass", "ru", 24, True), _rec(2, "tass", "ru", 24, False), _rec(3, "tass", "uk", 24, False),
                _rec(4, "cnn", "en", 24, False), _rec(5, "cnn", "en", None, False)], "r1", date(2026, 11, 24))
    result = build_daily_summary(store)
    assert result["rows"] == 4
    table = pq.read_table(tmp_path / SUMMARY_PATH)
    assert table.schema.equals(SUMMARY_SCHEMA, check_metadata=False)
    rows = {(r["day"].isoformat(), r["source"], r["language"]): (r["articles"], r["translated"], r["share_translated"])
            for r in table.to_pylist()}
    assert rows == {
        ("2026-11-24", "tass", "ru"): (2, 1, 0.5),
        ("2026-11-24", "tass", "uk"): (1, 0, 0.0),
        ("2026-11-24", "cnn", "en"): (1, 0, 0.0),
        ("2026-11-25", "cnn", "en"): (1, 0, 0.0),  # no publication date: the fetch day
    }
    stats = store_stats(store)
    assert stats["articles"] == 5
    by = {(r["source"], r["language"]): r for r in stats["by_source_language"]}
    assert by[("tass", "ru")]["articles"] == 2 and by[("tass", "ru")]["translated"] == 1


def test_summary_of_an_empty_store_is_empty(tmp_path):
    store = Store(str(tmp_path))
    assert build_daily_summary(store)["rows"] == 0
    assert store_stats(store)["articles"] == 0


def test_summary_recounts_only_changed_days_reading_only_its_columns(tmp_path, monkeypatch):
    store = Store(str(tmp_path))
    for d in (20, 21, 22):
        store.land([_rec(d * 10 + i, "tass", "ru", d, i == 0) for i in range(3)], f"r{d}", date(2026, 11, d))
    first = build_daily_summary(store)
    assert first["days_recounted"] == 3
    calls: list[tuple] = []
    real = Store.read_articles

    def spy(self, columns=None, days=None, **kw):
        calls.append((tuple(columns or ()), tuple(days or ())))
        return real(self, columns, days, **kw)

    monkeypatch.setattr(Store, "read_articles", spy)
    assert build_daily_summary(store)["days_recounted"] == 0 and calls == []  # nothing changed: nothing read
    store.land([_rec(999, "cnn", "en", 21, False)], "r21b", date(2026, 11, 21))
    store.land([_rec(210, "tass", "ru", 21, True)], "r21", date(2026, 11, 21))  # a rerun replacing a row
    again = build_daily_summary(store)
    assert again["days_recounted"] == 1 and again["days_unchanged"] == 2
    assert [days for _, days in calls] == [("2026-11-21",)]
    assert "text_en" not in calls[0][0] and "text" not in calls[0][0]
    rows = {(r["day"].isoformat(), r["source"], r["language"]): (r["articles"], r["translated"])
            for r in pq.read_table(tmp_path / SUMMARY_PATH).to_pylist()}
    assert rows == {("2026-11-20", "tass", "ru"): (3, 1), ("2026-11-21", "tass", "ru"): (3, 1),
                    ("2026-11-21", "cnn", "en"): (1, 0), ("2026-11-22", "tass", "ru"): (3, 1)}
    stats = store_stats(store)  # the page's numbers come from the summary, not the articles
    calls.clear()
    assert store_stats(store)["articles"] == stats["articles"] == 10 and calls == []


def test_a_day_compacted_while_the_summary_reads_it_is_read_again(tmp_path, monkeypatch):
    """A read that listed the day before a compaction swap finds its files gone and
    counts the day short; the day's files changed under it, so it is read again."""
    from pipeline.config import MaintenanceSettings
    from pipeline.maintenance import maintain

    store = Store(str(tmp_path))
    for r in range(3):
        store.land([_rec(10 * r + i, "tass", "ru", 24, False) for i in range(4)], f"r{r}", date(2026, 11, 24))
    real = Store.read_articles
    calls: list[int] = []

    def read_during_a_swap(self, columns=None, days=None, **kw):
        table = real(self, columns, days, **kw)
        if not calls:  # the first read missed the files the swap took away, and the swap happened
            table = table.slice(0, 4)
            maintain(Store(str(tmp_path)), MaintenanceSettings(compact_after_days=1), today=date(2026, 12, 1))
        calls.append(table.num_rows)
        return table

    monkeypatch.setattr(Store, "read_articles", read_during_a_swap)
    build_daily_summary(store)
    rows = pq.read_table(tmp_path / SUMMARY_PATH).to_pylist()
    assert calls == [4, 12] and [r["articles"] for r in rows] == [12]


def test_a_day_read_short_is_counted_as_read_reported_and_recounted_until_mended(tmp_path, caplog):
    from pipeline.maintenance import check

    store = Store(str(tmp_path))
    store.land([_rec(1, "tass", "ru", 24, True), _rec(2, "tass", "ru", 24, False)], "r1", date(2026, 11, 24))
    store.land([_rec(3, "cnn", "en", 24, False)], "r2", date(2026, 11, 24))
    build_daily_summary(store)
    assert store_stats(store)["articles"] == 3 and "days_read_short" not in store_stats(store)
    # a disk fault truncates one file; a later landing that day recounts it
    bad = next(p for p in (tmp_path / "articles").rglob("*.parquet") if "r1" in p.name)
    bad.write_bytes(bad.read_bytes()[:100])
    store.land([_rec(4, "cnn", "en", 24, False)], "r3", date(2026, 11, 24))
    with caplog.at_level("WARNING"):
        first = build_daily_summary(store)
    assert "counted without 1 unreadable file(s) (articles/ingest_date=2026-11-24/part-r1.parquet)" in caplog.text
    stats = store_stats(store)
    assert stats["articles"] == 2 and stats["days_read_short"] == ["2026-11-24"]
    console = Console(record=True, width=200)
    print_stats(stats, console)
    assert "counts leave out an unreadable file on 1 ingest day(s) (2026-11-24)" in console.export_text()
    assert build_daily_summary(store)["days_recounted"] == 1 == first["days_recounted"]  # and again, until mended
    report = check(store, deep=True)
    assert not report["ok"] and report["unreadable"] == ["articles/ingest_date=2026-11-24/part-r1.parquet"]
    assert not report["added"] and not report["id_mismatch"]
    # the file set aside and the registry made to match: the day reads whole again
    bad.unlink()
    store.rebuild_registry()
    build_daily_summary(store)
    assert store_stats(store)["articles"] == 2 and "days_read_short" not in store_stats(store)
    assert build_daily_summary(store)["days_recounted"] == 0
