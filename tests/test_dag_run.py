"""The ingest DAG end to end with ``dag.test()`` against the local news web.

A throwaway AIRFLOW_HOME with a migrated SQLite DB; the DAG runs in a child
interpreter (Airflow reads its configuration once per process) while the news
web is served from this one. Daily schedule, so one run covers one UTC day.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, datetime, time, timedelta

import pytest
from airflow_helpers import DAGS, airflow, airflow_env, read_articles, write_demo_config

pytestmark = pytest.mark.slow

RUN_DAG_TEST = r"""
import json, sys
from datetime import datetime
from airflow.dag_processing.dagbag import DagBag
from airflow.models.taskinstance import TaskInstance
from airflow.settings import Session

bag = DagBag(dag_folder=sys.argv[1])
assert not bag.import_errors, bag.import_errors
dag = bag.dags["newspipe_ingest"]
dr = dag.test(logical_date=datetime.fromisoformat(sys.argv[2]))
session = Session()
tis = session.query(TaskInstance).filter(TaskInstance.dag_id == dag.dag_id, TaskInstance.run_id == dr.run_id).all()
lands = []
for ti in tis:
    if ti.task_id == "source.land" and ti.state == "success":
        lands.append(ti.xcom_pull(task_ids="source.land", map_indexes=ti.map_index, session=session))
print("RESULT " + json.dumps({
    "state": str(dr.state), "run_id": dr.run_id,
    "interval": [dr.data_interval_start.isoformat(), dr.data_interval_end.isoformat()],
    "tasks": sorted((ti.task_id, ti.map_index, str(ti.state)) for ti in tis),
    "lands": lands,
}, default=str))
"""


@pytest.fixture(scope="module")
def news_web():
    from pipeline.newsweb import NewsWeb

    with NewsWeb(slow_seconds=0.2) as web:
        yield web


@pytest.fixture(scope="module")
def dag_env(tmp_path_factory, news_web):
    home = tmp_path_factory.mktemp("airflow_home")
    store = tmp_path_factory.mktemp("store")
    config_dir, sources = write_demo_config(tmp_path_factory.mktemp("config"), news_web)
    env = airflow_env(
        home,
        AIRFLOW__CORE__EXECUTOR="LocalExecutor",
        NEWSPIPE_SCHEDULE="0 0 * * *",
        NEWSPIPE_RETRIES="0",
        NEWSPIPE_CONFIG_DIR=str(config_dir),
        NEWSPIPE_SOURCES=str(sources),
        NEWSPIPE_STORE=str(store),
    )
    airflow(env, "db", "migrate")
    return env, store


def _dag_test(env: dict, logical_date: datetime) -> dict:
    proc = subprocess.run([sys.executable, "-c", RUN_DAG_TEST, str(DAGS), logical_date.isoformat()],
                          env=env, capture_output=True, text=True, timeout=900, cwd=env["AIRFLOW_HOME"])
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    assert proc.returncode == 0 and lines, f"dag.test failed:\n{proc.stdout[-5000:]}\n{proc.stderr[-5000:]}"
    return json.loads(lines[-1][len("RESULT "):])


def test_dag_test_lands_one_interval_and_rerun_adds_nothing(dag_env, news_web):
    env, store = dag_env
    # The day after the news web's newest articles, not the clock's: midnight UTC may pass.
    yesterday = news_web.today
    today = yesterday + timedelta(days=1)
    midnight = datetime.combine(today, time(0), tzinfo=UTC)

    # A manual run at today 00:00 covers the last complete day: [yesterday, today).
    first = _dag_test(env, midnight)
    assert first["state"] == "success", first["tasks"]
    assert first["interval"] == [(midnight - timedelta(days=1)).isoformat(), midnight.isoformat()]
    assert {t[0] for t in first["tasks"]} >= {"list_sources", "source.land"}
    assert len(first["lands"]) == 3, first["lands"]  # one mapped branch per demo source

    rows = read_articles(store).to_pylist()
    assert rows, "nothing landed"
    ids = [r["article_id"] for r in rows]
    assert len(ids) == len(set(ids))
    # The interval is respected: only yesterday's articles, and all of those that can be ingested.
    published = {r["published_at"].date() for r in rows if r["published_at"] is not None}
    assert published == {yesterday}, published
    expected = {a.title for a in news_web.articles_on(yesterday) if "disallowed" not in a.flags}
    assert len(rows) == len(expected), (len(rows), sorted(expected))
    assert {r["source"] for r in rows} <= {"demo-en", "demo-ru", "demo-zh"}

    # Rerunning the same interval replaces the run's own rows: nothing is added.
    second = _dag_test(env, midnight)
    assert second["state"] == "success", second["tasks"]
    rows2 = read_articles(store).to_pylist()
    assert sorted(r["article_id"] for r in rows2) == sorted(ids)
    assert sum(int(land.get("new") or 0) for land in second["lands"]) == 0, second["lands"]
