"""Shared, parse-time-cheap definitions for the newspipe DAGs.

Nothing here imports the pipeline or touches the network: the DAG processor
imports this module on every parse. Everything heavy happens inside tasks
(``from pipeline import runner`` in the task body).

Environment (read at parse time by the DAG processor and by the workers, so set
it the same way for every Airflow component):

``NEWSPIPE_SCHEDULE``          cron of the ingest DAG (default ``0 * * * *``, hourly)
``NEWSPIPE_START_DATE``        first data interval (ISO date, default 2026-01-01)
``NEWSPIPE_CATCHUP``           ``true`` to create runs for every missed interval (default off)
``NEWSPIPE_MAX_ACTIVE_RUNS``   concurrent ingest runs (default 4)
``NEWSPIPE_RETRIES``           task retries (default 3, exponential backoff)
``NEWSPIPE_RETRY_DELAY``       first retry delay in seconds (default 60)
``NEWSPIPE_FETCH_POOL``        pool for the network stages (default ``newspipe_fetch``;
                               empty = ``default_pool``)
``NEWSPIPE_FETCH_PARALLELISM`` cap on concurrent fetch tasks over all runs (default 4)
``NEWSPIPE_STORE``             store root; also names the Asset the ingest lands into
"""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta

from airflow.sdk import Asset

FETCH_POOL_DEFAULT = "newspipe_fetch"
FETCH_POOL_SLOTS_DEFAULT = 4
ASSET_NAME = "newspipe_articles"


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    return value in ("1", "true", "yes", "on")


def schedule_cron() -> str:
    return os.environ.get("NEWSPIPE_SCHEDULE", "").strip() or "0 * * * *"


def start_date() -> datetime:
    value = os.environ.get("NEWSPIPE_START_DATE", "").strip() or "2026-01-01"
    dt = datetime.fromisoformat(value)
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt


def fetch_pool() -> str:
    value = os.environ.get("NEWSPIPE_FETCH_POOL")
    if value is None:
        return FETCH_POOL_DEFAULT
    return value.strip() or "default_pool"


def store_uri() -> str:
    """The store root as a URI (local paths become file:// URIs)."""
    root = os.environ.get("NEWSPIPE_STORE", "").strip() or "./data"
    if "://" in root:
        return root.rstrip("/")
    return "file://" + os.path.abspath(root)


def store_asset() -> Asset:
    """The articles table of the store; the ingest and reprocess DAGs update it."""
    return Asset(
        name=ASSET_NAME,
        uri=f"{store_uri()}/articles",
        group="newspipe",
        extra={"layout": "articles/ingest_date=YYYY-MM-DD/part-<run_key>.parquet"},
    )


def default_args() -> dict:
    return {
        "owner": "newspipe",
        "retries": env_int("NEWSPIPE_RETRIES", 3),
        "retry_delay": timedelta(seconds=env_int("NEWSPIPE_RETRY_DELAY", 60)),
        "retry_exponential_backoff": 2.0,
        "max_retry_delay": timedelta(minutes=30),
        "execution_timeout": timedelta(hours=2),
    }
