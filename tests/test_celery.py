"""The ingest DAG under CeleryExecutor: PostgreSQL metadata DB, Redis broker.

Uses the services CI runs on 127.0.0.1 (PostgreSQL 5432 with trust auth, Redis
6379); skipped with the reason when they are unreachable. A fresh database
``newspipe_airflow_test`` is created for the run (and dropped afterwards); the
landing lock is a PostgreSQL advisory lock as in the scale-out deployment.

Override with NEWSPIPE_TEST_PG (libpq keywords for the admin connection) and
NEWSPIPE_TEST_REDIS_URL.
"""

from __future__ import annotations

import os
import socket
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest
from airflow_helpers import Api, read_articles, running_stack

pytestmark = [pytest.mark.slow, pytest.mark.celery]

PG = os.environ.get("NEWSPIPE_TEST_PG", "host=127.0.0.1 port=5432 user=postgres dbname=postgres")
REDIS_URL = os.environ.get("NEWSPIPE_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")
DB_NAME = "newspipe_airflow_test"


def _pg_admin():
    psycopg2 = pytest.importorskip("psycopg2", reason="psycopg2 missing: install the 'scale' extra")
    try:
        conn = psycopg2.connect(PG, connect_timeout=3)
    except psycopg2.OperationalError as exc:
        pytest.skip(f"PostgreSQL unreachable ({PG}): {str(exc).strip()}")
    conn.autocommit = True
    return conn


def _redis_ok() -> None:
    pytest.importorskip("celery", reason="celery missing: install the 'scale' extra")
    pytest.importorskip(
        "asyncpg",
        reason="asyncpg missing: Airflow 3 also opens an async engine (postgresql+asyncpg) on a PostgreSQL "
        "metadata DB; it belongs in the 'scale' extra",
    )
    pytest.importorskip("airflow.providers.celery", reason="apache-airflow-providers-celery missing: 'scale' extra")
    import celery.backends.database as celery_db

    if not hasattr(celery_db, "retry"):
        from importlib.metadata import version

        import celery

        pytest.skip(
            f"celery {celery.__version__} removed celery.backends.database.retry, which "
            f"apache-airflow-providers-celery {version('apache-airflow-providers-celery')} imports: "
            "the Celery worker cannot start; pin celery<5.7 in the 'scale' extra"
        )
    from urllib.parse import urlsplit

    parts = urlsplit(REDIS_URL)
    try:
        with socket.create_connection((parts.hostname, parts.port or 6379), timeout=3) as s:
            s.sendall(b"PING\r\n")
            if not s.recv(16).startswith(b"+PONG"):
                pytest.skip(f"Redis at {REDIS_URL} did not answer PING")
    except OSError as exc:
        pytest.skip(f"Redis unreachable ({REDIS_URL}): {exc}")


# The stack's start-up (at most 300 s) and the wait for the DAG to parse (120 s), with margin.
STACK_TO_UNPAUSE_SECONDS = 480


def _clear_of_midnight(seconds: float) -> None:
    """Wait past midnight UTC if it is less than `seconds` away, so that the day the stack
    dates its news web on and the day the scheduler runs first follow from one clock reading."""
    now = datetime.now(UTC)
    midnight = datetime.combine(now.date() + timedelta(days=1), dtime(0), tzinfo=UTC)
    if (midnight - now).total_seconds() < seconds:
        time.sleep((midnight - now).total_seconds() + 5)


@pytest.fixture
def fresh_database():
    _redis_ok()
    conn = _pg_admin()
    params = conn.get_dsn_parameters()
    with conn.cursor() as cur:
        cur.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        cur.execute(f"CREATE DATABASE {DB_NAME}")
    host, port, user = params.get("host", "127.0.0.1"), params.get("port", "5432"), params.get("user", "postgres")
    try:
        yield f"postgresql+psycopg2://{user}@{host}:{port}/{DB_NAME}", f"postgresql://{user}@{host}:{port}/{DB_NAME}"
    finally:
        with conn.cursor() as cur:
            cur.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.close()


def test_ingest_runs_on_celery_workers(tmp_path: Path, fresh_database):
    sqlalchemy_url, lock_url = fresh_database
    home, store = tmp_path / "airflow_home", tmp_path / "store"
    # The news web's newest articles are one day old, so at any hour (even just after midnight
    # UTC, before the day's articles are out) the latest complete day holds articles, all past.
    # That day is the one the stack dated them on only if midnight does not pass before the
    # scheduler picks its day, so start well clear of it.
    _clear_of_midnight(STACK_TO_UNPAUSE_SECONDS)
    args = ["--demo", "--demo-days-ago", "1", "--store", str(store), "--schedule", "0 0 * * *",
            "--executor", "celery",
            "--sql-alchemy-conn", sqlalchemy_url, "--broker-url", REDIS_URL, "--store-lock-url", lock_url,
            "--parallelism", "3", "--no-triggerer", "--no-unpause"]
    with running_stack(home, *args) as info:
        assert info["executor"] == "CeleryExecutor"
        api = Api(info["url"], info["password_file"])
        deadline = time.monotonic() + 120
        while True:
            try:
                api.get("/api/v2/dags/newspipe_ingest")
                break
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)
        # Unpausing lets the scheduler create the run for the latest complete day (catchup is off).
        api.request("PATCH", "/api/v2/dags/newspipe_ingest", {"is_paused": False})

        def finished(runs: list[dict]) -> bool:
            sched = [r for r in runs if r["run_type"] == "scheduled"]
            return bool(sched) and sched[-1]["state"] in ("success", "failed")

        runs = api.wait_runs("newspipe_ingest", finished, timeout=900)
        run = [r for r in runs if r["run_type"] == "scheduled"][-1]
        assert run["state"] == "success", api.failed_tasks("newspipe_ingest", run["dag_run_id"])
        # The day the news web's newest articles are on, as the stack dated them at start-up (not
        # the clock now: the run may finish after midnight UTC), is the latest complete day.
        day = datetime.combine(date.fromisoformat(info["demo_today"]), dtime(0), tzinfo=UTC)
        assert datetime.fromisoformat(run["data_interval_start"]) == day, run
        assert datetime.fromisoformat(run["data_interval_end"]) == day + timedelta(days=1), run

        rows = read_articles(store).to_pylist()
        ids = [r["article_id"] for r in rows]
        assert ids and len(ids) == len(set(ids))
        assert {r["published_at"].date() for r in rows if r["published_at"]} == {day.date()}

        worker_log = Path(info["logs"]) / "celery-worker.log"
        text = worker_log.read_text(errors="replace")
        assert "newspipe_ingest" in text, "the Celery worker did not execute the ingest tasks"
