"""newspipe summary: rebuild ``<store>/summaries/daily_summary.parquet``.

Scheduled on the store Asset: it runs after ingest (or reprocess) lands new
data. Several updates that arrive while a summary is queued collapse into one
run: it recounts only the ingest days whose files changed since the last build
(reading only the columns it needs), so that is safe and its cost follows the
changed days, not the store.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta

from airflow.sdk import dag, task

# newspipe_common lives beside this file; Airflow puts the DAGs folder on sys.path,
# a plain DagBag (tests, other bundles) may not.
if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from newspipe_common import default_args, start_date, store_asset  # noqa: E402


@dag(
    dag_id="newspipe_summary",
    description="Per-day, per-source, per-language article counts",
    schedule=[store_asset()],
    start_date=start_date(),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=2),
    default_args={**default_args(), "retries": 1},
    tags=["newspipe"],
    doc_md=__doc__,
)
def newspipe_summary():
    @task
    def build_daily_summary() -> dict:
        from pipeline import runner

        return runner.build_daily_summary()

    build_daily_summary()


newspipe_summary()
