"""The one date parser, shared by discovery and extraction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import given
from hypothesis import strategies as st

from pipeline import discover
from pipeline.datetimes import parse_datetime, to_utc
from pipeline.extract import jsonld


def test_forms_of_feeds_pages_and_outlets():
    msk = timezone(timedelta(hours=3))
    assert parse_datetime("2025-05-14T20:28:12+03:00") == (datetime(2025, 5, 14, 20, 28, 12, tzinfo=msk), True)
    assert parse_datetime("2024-01-05 10:00:00 +0300") == (datetime(2024, 1, 5, 10, tzinfo=msk), True)
    assert parse_datetime("Tue, 14 May 2025 20:28:00 MSK") == (datetime(2025, 5, 14, 20, 28, tzinfo=msk), True)
    assert parse_datetime("2024年04月24日23:52") == (datetime(2024, 4, 24, 23, 52), True)
    assert parse_datetime("14.05.2025, 20:28") == (datetime(2025, 5, 14, 20, 28), True)
    assert parse_datetime("14 мая 2025") == (datetime(2025, 5, 14), False)
    assert parse_datetime("2023-12-18T13:30:00.123456789Z") == (datetime(2023, 12, 18, 13, 30, 0, 123456, tzinfo=UTC), True)
    assert parse_datetime("1700000000") == (datetime.fromtimestamp(1700000000, UTC), True)
    for junk in ("", "soon", "12345", "Tuesday"):
        assert parse_datetime(junk) is None


def test_discovery_and_extraction_use_the_same_parser():
    assert jsonld.parse_datetime is parse_datetime
    assert discover.parse_date("14.05.2025, 20:28") == datetime(2025, 5, 14, 20, 28, tzinfo=UTC)
    assert discover.parse_date("0001-01-01T00:00:00Z") is None  # placeholder dates stay unknown


@given(st.text(max_size=90))
def test_any_text_parses_or_is_none(raw):
    got = parse_datetime(raw)
    assert got is None or isinstance(got[0], datetime) and isinstance(to_utc(got[0]), datetime)
