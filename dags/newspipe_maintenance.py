"""newspipe maintenance: compact closed days, apply retention, keep the registry in step.

Daily (``NEWSPIPE_MAINTENANCE_SCHEDULE``, default ``30 3 * * *`` UTC). Calls the same
code as ``newspipe maintain`` (``pipeline.maintenance``): every closed ingest day
(older than ``maintenance.compact_after_days``) becomes one file sorted by source,
run and time; raw WARC days and run reports past their retention are deleted. It
builds each day file without the store lock and takes the lock only to swap it in,
so ingest runs keep landing meanwhile.
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
from newspipe_common import default_args, start_date  # noqa: E402


@dag(
    dag_id="newspipe_maintenance",
    description="Compact closed days, retention of raw pages and run reports",
    schedule=os.environ.get("NEWSPIPE_MAINTENANCE_SCHEDULE", "").strip() or "30 3 * * *",
    start_date=start_date(),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=6),
    default_args={**default_args(), "retries": 1},
    tags=["newspipe"],
    doc_md=__doc__,
)
def newspipe_maintenance():
    @task
    def maintain() -> dict:
        from pipeline.maintenance import run_maintenance

        report = run_maintenance()
        return {k: report[k] for k in ("compacted", "raw_days_removed", "run_reports_removed", "problems", "seconds")}

    maintain()


newspipe_maintenance()
