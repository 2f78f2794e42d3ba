"""The reference a run's stages pass along, typed.

A plain dict at run time, so it crosses Airflow's XCom as JSON and lands as the run
report (`_state/runs/<run key>.json`) unchanged; a TypedDict, so every stage and the
DAG name the same keys and mypy checks them. It holds the run's identity (which
locates its staging area) and, growing stage by stage, each stage's counts: never
records or page bodies. Light on purpose: the DAG file imports it at parse time.
"""

# no `from __future__ import annotations`: Python 3.11 reads NotRequired only from
# evaluated annotations, and the tests and TaskFlow read the keys at run time
from typing import Any, NotRequired, TypedDict


class RunRef(TypedDict):
    """One attempt of one run (`run_key`: source and interval; `attempt`: its staging
    folder), with each stage's figures once that stage has run."""

    run_key: str
    attempt: str
    source: str
    start: str  # the interval, ISO 8601 UTC
    end: str
    # discover
    discovered: NotRequired[int]
    discover_skips: NotRequired[dict[str, int]]  # reason -> URLs
    discover_counts: NotRequired[dict[str, int]]  # every feed or sitemap entry, kept or not
    # fetch
    fetched: NotRequired[int]
    fetch_failed: NotRequired[int]
    fetch_skips: NotRequired[dict[str, int]]
    already_stored_before_fetch: NotRequired[int]
    host_down: NotRequired[dict[str, int]]  # origin -> URLs skipped while its breaker was open
    raw_path: NotRequired[str | None]  # the WARC file of this attempt
    # extract, detect, translate
    extracted: NotRequired[int]
    extract_skips: NotRequired[dict[str, int]]
    languages: NotRequired[dict[str | None, int]]  # None: no language found
    detect_skips: NotRequired[dict[str, int]]
    translation: NotRequired[dict[str, Any]]  # enabled, counts, errors
    translate_skips: NotRequired[dict[str, int]]
    # land
    landed: NotRequired[int]
    new: NotRequired[int]
    already_stored: NotRequired[int]
    file: NotRequired[str | None]
    problems: NotRequired[list[str]]
    accounting: NotRequired[dict[str, Any]]  # discovered = rows + skipped, and what is unaccounted
    land: NotRequired[dict[str, Any]]  # the run report's `LandResult`
    skips: NotRequired[list[dict[str, Any]]]  # the run report's skipped URLs, each with stage and reason


class SourceFailed(TypedDict):
    """A source whose run raised (`runner.run_interval` goes on with the others): its
    name and the error, in place of its `RunRef`."""

    source: str
    error: str
