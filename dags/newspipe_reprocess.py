"""newspipe reprocess: rebuild articles from the raw pages already stored.

Trigger it by hand (UI "Trigger" with the form, or the REST API with ``conf``)
after a fix to extraction, language routing or translation. It reads only the
WARC files under ``<store>/raw/``; it never touches the network. Every run
whose interval *starts* in [start, end) is rebuilt and replaces what that run
had landed (a run owns its interval), so nothing is duplicated.
"""

from __future__ import annotations

import os
import sys
from datetime import timedelta

from airflow.sdk import Param, dag, get_current_context, task

# newspipe_common lives beside this file; Airflow puts the DAGs folder on sys.path,
# a plain DagBag (tests, other bundles) may not.
if os.path.dirname(os.path.abspath(__file__)) not in sys.path:
    sys.path.append(os.path.dirname(os.path.abspath(__file__)))
from newspipe_common import default_args, start_date, store_asset  # noqa: E402


@dag(
    dag_id="newspipe_reprocess",
    description="Rebuild parquet from stored raw pages (no network)",
    schedule=None,
    start_date=start_date(),
    catchup=False,
    max_active_runs=1,
    dagrun_timeout=timedelta(hours=12),
    default_args={**default_args(), "retries": 0},
    params={
        "start": Param(
            "2026-01-01T00:00:00+00:00",
            type="string",
            format="date-time",
            description="First interval start to rebuild (UTC, inclusive)",
        ),
        "end": Param(
            "2026-01-02T00:00:00+00:00",
            type="string",
            format="date-time",
            description="Rebuild intervals starting before this (UTC, exclusive)",
        ),
        "sources": Param(
            None,
            type=["null", "array"],
            items={"type": "string"},
            description="Only these sources (empty = all sources found in the raw store)",
        ),
        "translate": Param(True, type="boolean", description="Run translation again"),
    },
    tags=["newspipe"],
    doc_md=__doc__,
)
def newspipe_reprocess():
    @task(outlets=[store_asset()])
    def reprocess() -> dict:
        from pipeline import runner

        params = get_current_context()["params"]
        reports = runner.reprocess(
            params["start"],
            params["end"],
            sources=list(params.get("sources") or []) or None,
            translate=bool(params.get("translate", True)),
        )
        runs = [
            {k: r.get(k) for k in ("run_key", "source", "landed", "new", "already_stored", "file")} for r in reports
        ]
        return {"runs": runs, "rebuilt": len(runs), "landed": sum(int(r.get("landed") or 0) for r in reports)}

    reprocess()


newspipe_reprocess()
