"""The one date parser, shared by discovery and extraction."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from hypothesis import example, given
from hypothesis import strategies as st

from pipeline import discover
from pipeline.datetimes import iso_written, parse_datetime, to_utc
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


def test_russian_and_chinese_written_dates_as_iso_days_for_the_guesser():
    assert iso_written("Опубликовано 14 мая 2025 г., 20:28") == "Опубликовано 2025-05-14 г., 20:28"
    assert iso_written("发布时间：2024年4月24日 23:52") == "发布时间：2024-04-24 23:52"
    assert iso_written("3 сент. 2023 и 2023 年 12 月 5 日") == "2023-09-03 и 2023-12-05"
    # not a day on any calendar, or no month name: left as written
    for kept in ("31 февраля 2024", "2024年13月1日", "14.05.2025", "May 14, 2025", "в 2024 году"):
        assert iso_written(kept) == kept


@given(st.text(max_size=90))
def test_any_text_parses_or_is_none(raw):
    assert iso_written(raw).count("-") >= raw.count("-")  # rewrites or keeps, never raises
    got = parse_datetime(raw)
    assert got is None or isinstance(got[0], datetime) and isinstance(to_utc(got[0]), datetime)


VISIT = datetime(2025, 5, 14, 9, 30, tzinfo=UTC)


def test_lines_written_relative_to_the_visit_in_english_russian_and_chinese():
    from pipeline.datetimes import written_ago

    assert written_ago("By Jane Roe · 3 hours ago", VISIT) == VISIT - timedelta(hours=3)
    assert written_ago("Updated an hour ago", VISIT) == VISIT - timedelta(hours=1)
    assert written_ago("45 mins ago", VISIT) == VISIT - timedelta(minutes=45)
    assert written_ago("2 days ago", VISIT) == VISIT - timedelta(days=2)
    assert written_ago("5 минут назад", VISIT) == VISIT - timedelta(minutes=5)
    assert written_ago("час назад", VISIT) == VISIT - timedelta(hours=1)
    assert written_ago("3 дня назад", VISIT) == VISIT - timedelta(days=3)
    assert written_ago("发布于 5小时前", VISIT) == VISIT - timedelta(hours=5)
    assert written_ago("2天前", VISIT) == VISIT - timedelta(days=2)
    # a day word with a time of day after it
    assert written_ago("Yesterday, 14:30", VISIT) == datetime(2025, 5, 13, 14, 30, tzinfo=UTC)
    assert written_ago("Сегодня, 08:15", VISIT) == datetime(2025, 5, 14, 8, 15, tzinfo=UTC)
    assert written_ago("вчера в 21:05", VISIT) == datetime(2025, 5, 13, 21, 5, tzinfo=UTC)
    assert written_ago("昨天 14:30", VISIT) == datetime(2025, 5, 13, 14, 30, tzinfo=UTC)
    # two days back, and the moment of the visit itself, alone on its line
    assert written_ago("前天 09:00", VISIT) == datetime(2025, 5, 12, 9, 0, tzinfo=UTC)
    assert written_ago("позавчера в 18:40", VISIT) == datetime(2025, 5, 12, 18, 40, tzinfo=UTC)
    assert written_ago("The day before yesterday at 7:15 PM", VISIT) == datetime(2025, 5, 12, 19, 15, tzinfo=UTC)
    assert written_ago("刚刚", VISIT) == VISIT and written_ago("Just now", VISIT) == VISIT and written_ago("Только что", VISIT) == VISIT
    assert written_ago("He had just now arrived, officials said.", VISIT) is None
    # without one it is when something happened, not a publication
    assert written_ago("The council voted yesterday to close the pier.", VISIT) is None
    assert written_ago("Вчера совет закрыл пирс.", VISIT) is None
    assert written_ago("Posted on May 12", VISIT) is None
    # a count of four digits or more is no count of a relative line ("минуту назад", "999天前" were read in it)
    assert written_ago("9999999999 минут назад", VISIT) is None and written_ago("99999999999天前", VISIT) is None
    assert written_ago("1234 hours ago", VISIT) is None and written_ago("Обновлено минуту назад", VISIT) == VISIT - timedelta(minutes=1)


def test_a_day_and_month_with_no_year_and_a_time_of_day_is_in_the_visits_year():
    from pipeline.datetimes import written_this_year

    assert written_this_year("5 мая, 14:30", VISIT) == datetime(2025, 5, 5, 14, 30, tzinfo=UTC)
    assert written_this_year("12:05, 14 мая", VISIT) == datetime(2025, 5, 14, 12, 5, tzinfo=UTC)  # within the zones' reach
    assert written_this_year("05月14日 08:00", VISIT) == datetime(2025, 5, 14, 8, 0, tzinfo=UTC)
    assert written_this_year("May 12, 6:30 PM", VISIT) == datetime(2025, 5, 12, 18, 30, tzinfo=UTC)
    assert written_this_year("12 May 18:30", VISIT) == datetime(2025, 5, 12, 18, 30, tzinfo=UTC)
    # a day still to come this year is last year's
    assert written_this_year("20 мая, 10:00", VISIT) == datetime(2024, 5, 20, 10, 0, tzinfo=UTC)
    # a year written anywhere, no time of day, or a day no calendar has: no such line
    for line in ("5 мая 2025, 14:30", "2025年05月14日 08:00", "5 мая", "May 12", "31 февраля, 10:00", "Updated 10:30 AM"):
        assert written_this_year(line, VISIT) is None, line


@given(st.text(max_size=60))
def test_any_text_gives_a_moment_this_year_or_none(raw):
    from pipeline.datetimes import written_this_year

    got = written_this_year(raw, VISIT)
    assert got is None or got <= VISIT + timedelta(hours=14)


# date-shaped text: the pieces of dates as pages write them, also out of range, in any order
DATEISH = st.lists(st.sampled_from(["2024", "-", "13", "T", "25:61:99", "Z", "+99:99", "+9999", "-12:00", "GMT", " ", "Mon, ", "Jan ",
                                    "99999", "9" * 30, "1e400", "Feb 30, ", "30 февраля ", "2024年13月40日", "минут назад",
                                    "天前", " hours ago", "вчера в 25:70", ".", "/", ":"]) | st.text(max_size=4),
                   max_size=8).map("".join)


def test_an_offset_of_a_day_or_more_or_a_year_past_any_calendar_is_no_instant():
    # "+9999" in a feed's RFC date made to_utc raise (the whole feed lost), dateutil's "+99:99" too,
    # and a year of twenty digits overflowed in email.utils
    for raw in ("Mon, 01 Jan 2024 10:00:00 +9999", "2024-01-02T10:00:00+99:99", "2024-01-02 10:00 +99:99",
                "Mon, 01 Jan " + "9" * 20 + " 10:00:00 GMT"):
        assert parse_datetime(raw) is None, raw
    assert parse_datetime("Mon, 01 Jan 2024 10:00:00 +0200") == (datetime(2024, 1, 1, 10, tzinfo=timezone(timedelta(hours=2))), True)
    assert discover.parse_date("Mon, 01 Jan 2024 10:00:00 +9999") is None


@given(DATEISH)
@example("-12:00" + "9" * 30)
def test_any_date_shaped_text_parses_or_is_none(raw):
    # '-12:00999...9' made dateutil raise decimal.InvalidOperation out of the parser
    from pipeline.datetimes import written_ago

    got = parse_datetime(raw)
    assert got is None or isinstance(to_utc(got[0]), datetime)
    assert discover.parse_date(raw) is None or discover.parse_date(raw).tzinfo is not None
    ago = written_ago(raw, VISIT)
    assert ago is None or ago <= VISIT + timedelta(days=1)


@given(st.text(max_size=60))
def test_any_line_is_read_relative_to_the_visit_or_not_at_all(text):
    from pipeline.datetimes import written_ago

    got = written_ago(text, VISIT)
    assert got is None or got <= VISIT + timedelta(days=1)
