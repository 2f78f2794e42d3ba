"""newspipe ingest: discover → fetch → extract → detect → translate → land, per source.

One DAG run per data interval (hourly by default, ``NEWSPIPE_SCHEDULE`` for any
cron). The per-source task group is mapped over the enabled sources, so one
failing outlet fails only its own branch. Stages pass small dicts (run key and
counters: `pipeline.runref.RunRef`) through XCom; the data itself stays in the store's
staging area.

This file only wires `pipeline.runner`; it imports nothing heavy and touches no
network at parse time (the runner is imported inside each task).
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta

from airflow.sdk import CronDataIntervalTimetable, Param, dag, get_current_context, task, task_group

from pipeline.runref import RunRef  # a TypedDict, light: the stages' reference, typed (also at run time, for TaskFlow)

# newspipe_common lives beside this file; Airflow puts the DAGs folder on sys.path,
# a plain DagBag (tests, other bundles) may not.
if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from newspipe_common import (
    FETCH_POOL_SLOTS_DEFAULT,
    default_args,
    env_bool,
    env_int,
    fetch_pool,
    schedule_cron,
    start_date,
    store_asset,
)  # noqa: E402

FETCH_POOL = fetch_pool()
FETCH_PARALLELISM = env_int("NEWSPIPE_FETCH_PARALLELISM", FETCH_POOL_SLOTS_DEFAULT)


def _interval() -> tuple[str, str]:
    """The run's data interval as ISO UTC strings.

    Scheduled and backfill runs carry one. A run triggered without a logical
    date has none: use the last complete interval of the schedule before it.
    """
    ctx = get_current_context()
    start, end = ctx.get("data_interval_start"), ctx.get("data_interval_end")
    if start is None or end is None or start == end:
        import pendulum
        from airflow.timetables.interval import CronDataIntervalTimetable as CoreCron

        run_after = pendulum.instance(ctx["dag_run"].run_after)  # the timetable API takes pendulum's DateTime
        interval = CoreCron(schedule_cron(), timezone="UTC").infer_manual_data_interval(run_after=run_after)
        start, end = interval.start, interval.end
    return start.isoformat(), end.isoformat()


@dag(
    dag_id="newspipe_ingest",
    description="Ingest news from the configured sources, one data interval per run",
    schedule=CronDataIntervalTimetable(schedule_cron(), timezone="UTC"),
    start_date=start_date(),
    catchup=env_bool("NEWSPIPE_CATCHUP", False),
    max_active_runs=env_int("NEWSPIPE_MAX_ACTIVE_RUNS", 4),
    max_active_tasks=env_int("NEWSPIPE_MAX_ACTIVE_TASKS", 16),
    dagrun_timeout=timedelta(hours=6),
    default_args=default_args(),
    params={
        "sources": Param(
            None,
            type=["null", "array"],
            items={"type": "string"},
            description="Only these sources (empty = every enabled source in the sources file)",
        ),
    },
    tags=["newspipe"],
    doc_md=__doc__,
)
def newspipe_ingest():
    @task(retries=1)
    def list_sources() -> list[str]:
        from pipeline import runner

        wanted = list(get_current_context()["params"].get("sources") or [])
        names = runner.source_names()
        if wanted:
            unknown = sorted(set(wanted) - set(names))
            if unknown:
                raise ValueError(f"unknown or disabled source(s): {', '.join(unknown)}; known: {', '.join(names)}")
            names = [n for n in names if n in wanted]
        return names

    @task_group(group_id="source")
    def per_source(source: str):
        # discover and fetch hit the network: they share the fetch pool, and fetch
        # is capped over all runs so parallel intervals do not hammer one host.
        @task(pool=FETCH_POOL)
        def discover(source: str) -> RunRef:
            from pipeline import runner

            start, end = _interval()
            return runner.stage_discover(source, start, end)

        @task(pool=FETCH_POOL, max_active_tis_per_dag=FETCH_PARALLELISM)
        def fetch(ref: RunRef) -> RunRef:
            from pipeline import runner

            return runner.stage_fetch(ref)

        @task
        def extract(ref: RunRef) -> RunRef:
            from pipeline import runner

            return runner.stage_extract(ref)

        @task
        def detect(ref: RunRef) -> RunRef:
            from pipeline import runner

            return runner.stage_detect(ref)

        @task
        def translate(ref: RunRef) -> RunRef:
            from pipeline import runner

            return runner.stage_translate(ref)

        @task(outlets=[store_asset()])
        def land(ref: RunRef) -> RunRef:
            from pipeline import runner

            result = runner.stage_land(ref)
            result.pop("skips", None)
            return result

        # TaskFlow calls pass XComArgs where the functions take the dicts they resolve to
        return land(translate(detect(extract(fetch(discover(source))))))  # type: ignore[arg-type]

    per_source.expand(source=list_sources())


newspipe_ingest()
