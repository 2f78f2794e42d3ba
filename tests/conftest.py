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
