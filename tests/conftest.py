"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from pipeline.newsweb import NewsWeb

#: The `today` of the shared news web: articles are dated NEWS_WEB_TODAY, -1 and -2 days.
NEWS_WEB_TODAY = date(2025, 6, 18)


@pytest.fixture(scope="session")
def news_web() -> Iterator[NewsWeb]:
    """The local news web (pipeline.newsweb), started once per session.

    Shared state: `hits` and the flaky page's 503 budget are consumed by whichever
    test comes first, and tests may assert that the robots-disallowed article was
    never fetched. Tests that need fresh state should start their own NewsWeb.
    """
    with NewsWeb(today=NEWS_WEB_TODAY) as web:
        yield web


REGISTRY_TABLES = ("ids", "files", "runs", "meta", "learned")


def pg_or_skip(pg_url: str) -> None:
    """Skip the test when the local PostgreSQL does not answer."""
    psycopg2 = pytest.importorskip("psycopg2")
    try:
        psycopg2.connect(pg_url, connect_timeout=3).close()
    except psycopg2.OperationalError as exc:
        pytest.skip(f"no PostgreSQL at {pg_url}: {exc}")


def drop_registry_tables(pg_url: str, prefix: str) -> None:
    """Drop a test's registry tables (`<prefix>_ids`, ...) from the shared PostgreSQL database."""
    import psycopg2

    conn = psycopg2.connect(pg_url)
    conn.autocommit = True
    with conn.cursor() as cur:
        for t in REGISTRY_TABLES:
            cur.execute(f"DROP TABLE IF EXISTS {prefix}_{t}")
    conn.close()


class CountedText(str):
    """A text that counts the searches (`find`) made of it: how often a page's text is
    read again, where one search too many a line makes a long page quadratic."""

    finds = 0

    def find(self, *args):  # type: ignore[no-untyped-def, override]
        self.finds += 1
        return super().find(*args)
