"""The day of publication as the page shows it lands next to the UTC instant (schema 1.2).

An evening story in Los Angeles is stated as 21:30-08:00: its instant is the next day in
UTC. Analysts counting a day's stories, and anyone comparing with what the outlet
printed, need the newsroom's day; `published_at` stays the instant in UTC.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
from typer.testing import CliRunner

from pipeline.config import MaintenanceSettings
from pipeline.maintenance import maintain
from pipeline.record import ArticleRecord
from pipeline.schema import ARTICLE_SCHEMA
from pipeline.store import Store
from pipeline.summary import SUMMARY_PATH, build_daily_summary

PARA = ("The council met late into the evening to settle the budget for the coming year, and the vote "
        "was closer than anyone in the chamber expected when the session opened. ")


def _page(headline: str, stated: str) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "headline": headline,
                     "datePublished": stated})
    return (f'<html><head><title>{headline}</title><script type="application/ld+json">{ld}</script></head>'
            f"<body><article><h1>{headline}</h1>" + "".join(f"<p>{PARA}{i}</p>" for i in range(5))
            + "</article></body></html>")


def _ingest(folder, entries: list[dict]) -> object:
    """`newspipe ingest-files` of a manifest of `entries` in `folder`; the store's path."""
    from pipeline.cli import app

    (folder / "m.jsonl").write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    store = folder / "store"
    res = CliRunner().invoke(app, ["ingest-files", str(folder / "m.jsonl"), "--store", str(store), "--no-translate"])
    assert res.exit_code == 0, res.output
    return store


def _days(store, key: str) -> dict:
    """{row's `key`: (published_day, published_at in UTC)} of the store's rows."""
    return {r[0]: (r[1], r[2]) for r in duckdb.sql(
        f"select {key}, published_day, published_at at time zone 'UTC' "
        f"from read_parquet('{store}/articles/**/*.parquet', union_by_name=true)").fetchall()}


def test_ingested_pages_keep_the_newsroom_day_beside_the_utc_instant(tmp_path):
    pages = {
        "la.html": ("Council passes budget", "2024-03-05T21:30:00-08:00"),  # Los Angeles evening: next day in UTC
        "bj.html": ("Summit opens in Beijing", "2024-03-06T01:30:00+08:00"),  # Beijing morning: previous day in UTC
        "utc.html": ("Markets close higher", "2024-03-05T12:00:00Z"),
    }
    lines = []
    for name, (headline, stated) in pages.items():
        (tmp_path / name).write_text(_page(headline, stated), encoding="utf-8")
        lines.append({"url": f"https://news.example/{name}", "path": name})
    store = _ingest(tmp_path, lines)
    assert _days(store, "title") == {
        "Council passes budget": (date(2024, 3, 5), datetime(2024, 3, 6, 5, 30)),
        "Summit opens in Beijing": (date(2024, 3, 6), datetime(2024, 3, 5, 17, 30)),
        "Markets close higher": (date(2024, 3, 5), datetime(2024, 3, 5, 12, 0)),
    }
    assert pq.read_schema(next((store / "articles").rglob("*.parquet"))).metadata[b"newspipe.schema_version"] == b"1.2"


def test_a_day_that_cannot_be_the_instants_is_replaced_by_the_utc_day():
    at = datetime(2024, 3, 5, 23, 0, tzinfo=UTC)
    assert ArticleRecord(url="u", canonical_url="u", source="s", fetched_at=at, published_at=at,
                         published_day="2024-03-06").published_day == date(2024, 3, 6)  # UTC+1 and beyond
    assert ArticleRecord(url="u", canonical_url="u", source="s", fetched_at=at, published_at=at,
                         published_day="2024-01-09").published_day == date(2024, 3, 5)  # no zone is that far off
    assert ArticleRecord(url="u", canonical_url="u", source="s", fetched_at=at, published_at=at).published_day == date(2024, 3, 5)
    assert ArticleRecord(url="u", canonical_url="u", source="s", fetched_at=at, published_day="2024-03-05").published_day is None


def _rec(n: int, at: datetime, day: date | None) -> ArticleRecord:
    return ArticleRecord(url=f"https://news.example/{n}", canonical_url=f"https://news.example/{n}", source="la",
                         fetched_at=at + timedelta(hours=2), title=f"t{n}", text="x", language="en",
                         published_at=at, published_day=day)


def test_summary_counts_the_day_the_page_shows_and_old_rows_by_their_utc_day(tmp_path):
    store = Store(str(tmp_path))
    evening = datetime(2026, 11, 10, 5, 30, tzinfo=UTC)  # 21:30 on the 9th in Los Angeles
    store.land([_rec(1, evening, date(2026, 11, 9)), _rec(2, evening + timedelta(hours=12), None)], "r1", date(2026, 11, 10))
    # a file written before schema 1.2: no published_day column at all
    old = pa.Table.from_pylist([_rec(3, evening, None).to_row()], schema=ARTICLE_SCHEMA).drop_columns(["published_day"])
    old_dir = tmp_path / "articles" / "ingest_date=2026-11-10"
    pq.write_table(old.replace_schema_metadata({b"newspipe.schema_version": b"1.1"}), old_dir / "old-1.1.parquet")
    build_daily_summary(store)
    rows = {r["day"].isoformat(): r["articles"] for r in pq.read_table(tmp_path / SUMMARY_PATH).to_pylist()}
    assert rows == {"2026-11-09": 1, "2026-11-10": 2}  # the 1.1 row falls back to its UTC day
    # compaction keeps the day of the new rows and leaves the old row's unknown
    maintain(store, MaintenanceSettings(compact_after_days=2), today=date(2026, 12, 1))
    files = list(old_dir.iterdir())
    assert len(files) == 1
    days = {r["title"]: r["published_day"] for r in pq.read_table(files[0]).to_pylist()}
    assert days == {"t1": date(2026, 11, 9), "t2": date(2026, 11, 10), "t3": None}


def test_saved_pages_are_dated_from_a_relative_line_only_when_the_manifest_gives_their_fetch_time(tmp_path):
    """An archive of saved pages read long after: "3 hours ago" on a page is three hours
    before its visit, which only the manifest's fetched_at can say; without it the line
    dates nothing (it would date the page to the moment of the reading)."""
    page = ("<html><head><title>Pier reopens</title></head><body><main><h1>Pier reopens</h1>"
            "<div class='meta'>By Jane Roe · 3 hours ago</div>" + "".join(f"<p>{PARA}{i}</p>" for i in range(5))
            + "</main></body></html>")
    (tmp_path / "pier.html").write_text(page, encoding="utf-8")
    store = _ingest(tmp_path, [{"url": "https://news.example/pier", "path": "pier.html", "fetched_at": "2024-03-05T10:00:00Z"},
                               {"url": "https://news.example/pier-copy", "path": "pier.html"}])
    got = _days(store, "url")
    assert got["https://news.example/pier"] == (date(2024, 3, 5), datetime(2024, 3, 5, 7, 0))
    assert got["https://news.example/pier-copy"] == (None, None)


def test_a_raw_page_without_its_fetch_time_keeps_that_through_the_raw_store(tmp_path):
    """Reprocessing gives the same row: a kept page whose visit was unknown comes back so."""
    from pipeline.rawstore import RawPage, RawWriter, iter_raw, raw_files
    from pipeline.store import Store

    store = Store(str(tmp_path))
    with RawWriter(store, "files-x", date(2024, 3, 5)) as writer:
        for known in (True, False):
            writer.write(RawPage(url=f"https://news.example/{known}", final_url=f"https://news.example/{known}", status=200,
                                 headers={}, body=b"<html></html>", fetched_at=datetime(2024, 3, 5, 10, tzinfo=UTC),
                                 visit_known=known))
    back = {p.url: p.visit_known for p in iter_raw(store, raw_files(store))}
    assert back == {"https://news.example/True": True, "https://news.example/False": False}
