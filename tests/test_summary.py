"""Daily summary and store statistics over a small store."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pyarrow.parquet as pq

from pipeline.record import ArticleRecord
from pipeline.schema import SUMMARY_SCHEMA
from pipeline.store import Store
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
    assert stats["articles"] == stats["distinct_ids"] == 5
    by = {(r["source"], r["language"]): r for r in stats["by_source_language"]}
    assert by[("tass", "ru")]["articles"] == 2 and by[("tass", "ru")]["translated"] == 1


def test_summary_of_an_empty_store_is_empty(tmp_path):
    store = Store(str(tmp_path))
    assert build_daily_summary(store)["rows"] == 0
    assert store_stats(store)["articles"] == 0
