"""The local stack (scripts/airflow_stack.py --demo) driven through the REST API.

Backfill three days (daily schedule, news web shifted one day back so all three
days have articles), then an overlapping backfill that reruns completed runs,
then a manual reprocess run; the store must hold every article exactly once.
Between the backfills the scheduler is killed and the launcher must restart it.
The launcher is stopped with SIGTERM and must leave no process behind.
"""

from __future__ import annotations

import json
import os
import signal
import time
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from pathlib import Path

import pytest
from airflow_helpers import Api, read_articles, running_stack

pytestmark = [pytest.mark.slow, pytest.mark.stack]

DAG = "newspipe_ingest"


def _done(expected: int, kind: str = "backfill"):
    def check(runs: list[dict]) -> bool:
        mine = [r for r in runs if r["run_type"] == kind]
        failed = [r for r in mine if r["state"] == "failed"]
        assert not failed, f"failed runs: {[r['dag_run_id'] for r in failed]}"
        return len(mine) >= expected and all(r["state"] == "success" for r in mine)

    return check


def _wait_backfill(api: Api, backfill_id: int, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        bf = api.get(f"/api/v2/backfills/{backfill_id}")
        if bf.get("completed_at"):
            return bf
        time.sleep(3)
    raise AssertionError(f"backfill {backfill_id} not completed in {timeout}s")


def _kill_scheduler_and_wait_for_restart(api: Api, info: dict, timeout: float = 180) -> None:
    old_pid = info["pids"]["scheduler"]
    killed_at = datetime.now(UTC)
    os.kill(old_pid, signal.SIGKILL)
    stack_json = Path(info["airflow_home"]) / "stack.json"
    deadline = time.monotonic() + timeout
    while True:
        pid = json.loads(stack_json.read_text())["pids"]["scheduler"]
        health = api.get("/api/v2/monitor/health")["scheduler"]
        beat = health.get("latest_scheduler_heartbeat")
        if pid != old_pid and health["status"] == "healthy" and beat and datetime.fromisoformat(beat) > killed_at:
            break
        assert time.monotonic() < deadline, f"scheduler not back in {timeout}s: pid {pid}, {health}"
        time.sleep(2)
    assert "restarting scheduler" in Path(info["launcher_log"]).read_text()
    info["pids"]["scheduler"] = pid


def test_backfill_three_days_rerun_and_no_duplicates(tmp_path: Path):
    home, store = tmp_path / "airflow_home", tmp_path / "store"
    # The news web's newest articles are one day old: the three complete days before today hold articles.
    args = ["--demo", "--demo-days-ago", "1", "--store", str(store), "--schedule", "0 0 * * *",
            "--no-unpause", "--parallelism", "4"]
    with running_stack(home, *args) as info:
        api = Api(info["url"], info["password_file"])
        deadline = time.monotonic() + 120
        while True:  # the DAG processor has to parse the files first
            try:
                api.get(f"/api/v2/dags/{DAG}")
                break
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

        # the day after the news web's newest articles, as the stack dated them when it started
        # (not the clock now: midnight UTC may have passed while the stack came up)
        today = datetime.combine(date.fromisoformat(info["demo_today"]) + timedelta(days=1), dtime(0), tzinfo=UTC)
        first = api.create_backfill({
            "dag_id": DAG, "from_date": (today - timedelta(days=3)).isoformat(),
            "to_date": (today - timedelta(days=1)).isoformat(), "max_active_runs": 3,
        })
        # Backfill runs are queued; the scheduler starts them once the DAG is unpaused. The
        # latest interval already belongs to the backfill, so no scheduled run competes.
        for dag_id in (DAG, "newspipe_summary", "newspipe_reprocess"):
            api.request("PATCH", f"/api/v2/dags/{dag_id}", {"is_paused": False})
        _wait_backfill(api, first["id"], timeout=900)
        runs = api.wait_runs(DAG, _done(3), timeout=60)
        backfill_runs = [r for r in runs if r["run_type"] == "backfill"]
        intervals = sorted((r["data_interval_start"], r["data_interval_end"]) for r in backfill_runs)
        assert len(backfill_runs) == 3 and len(set(intervals)) == 3, intervals
        for r in backfill_runs:
            assert api.failed_tasks(DAG, r["dag_run_id"]) == []
        rows = read_articles(store).to_pylist()
        ids = [r["article_id"] for r in rows]
        assert ids and len(ids) == len(set(ids))
        days = {r["published_at"].date() for r in rows if r["published_at"]}
        assert len(days) == 3, days  # articles of each of the three days

        # A scheduler that dies (Airflow's scheduler can crash on a race with the API
        # server) is restarted by the launcher; the stack carries on.
        _kill_scheduler_and_wait_for_restart(api, info)

        # Overlapping backfill over the last two days, rerunning completed runs.
        second = api.create_backfill({
            "dag_id": DAG, "from_date": (today - timedelta(days=2)).isoformat(),
            "to_date": (today - timedelta(days=1)).isoformat(), "reprocess_behavior": "completed",
            "max_active_runs": 2,
        })
        _wait_backfill(api, second["id"], timeout=900)
        runs = api.wait_runs(DAG, _done(3), timeout=120)
        assert all(r["state"] == "success" for r in runs), [(r["dag_run_id"], r["state"]) for r in runs]
        rows2 = read_articles(store).to_pylist()
        ids2 = [r["article_id"] for r in rows2]
        assert len(ids2) == len(set(ids2)), "duplicate article_id after the overlapping backfill"
        assert sorted(ids2) == sorted(ids)

        # Rebuild everything from raw pages (no network), by hand, with the Params form's keys.
        run = api.post("/api/v2/dags/newspipe_reprocess/dagRuns", {
            "logical_date": None,
            "conf": {"start": (today - timedelta(days=3)).isoformat(), "end": today.isoformat(),
                     "translate": False},
        })
        api.wait_runs("newspipe_reprocess", _done(1, kind="manual"), timeout=600)
        rows3 = read_articles(store).to_pylist()
        ids3 = [r["article_id"] for r in rows3]
        assert len(ids3) == len(set(ids3)) and sorted(ids3) == sorted(ids), run["dag_run_id"]

        # The Asset scheduled the summary DAG, which wrote the daily summary.
        def summary_settled(rs: list[dict]) -> bool:
            return any(r["state"] == "success" for r in rs) or (
                bool(rs) and all(r["state"] in ("success", "failed") for r in rs))

        summaries = api.wait_runs("newspipe_summary", summary_settled, timeout=300)
        assert any(r["run_type"] == "asset_triggered" for r in summaries)
        assert any(r["state"] == "success" for r in summaries), (
            "every newspipe_summary run failed (runner.build_daily_summary): "
            + str([api.failed_tasks("newspipe_summary", r["dag_run_id"]) for r in summaries]))
        assert (store / "summaries" / "daily_summary.parquet").exists()

        # The plugin serves the store statistics.
        stats = api.get("/newspipe/api/stats")
        assert stats
