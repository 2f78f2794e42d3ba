"""DAG integrity: every DAG file parses, fast, without network or heavy imports.

Each check runs in a fresh interpreter (a DAG processor imports files in a
process that already has Airflow loaded; so do we, then time the file alone).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
DAGS = REPO / "dags"
DAG_FILES = sorted(p for p in DAGS.glob("*.py") if p.name != "newspipe_common.py")
PARSE_BUDGET_S = 5.0

# Imported only inside tasks; never at parse time.
HEAVY = [
    "pipeline.runner", "pipeline.store", "pipeline.extract", "pipeline.fetch", "pipeline.translate",
    "trafilatura", "lxml.html", "ctranslate2", "sentencepiece", "argostranslate", "lingua", "langdetect",
    "pyarrow", "pyarrow.dataset", "pyarrow.parquet", "duckdb", "warcio", "s3fs", "pandas", "polars",
]

GUARDED_IMPORT = r"""
import importlib.util, json, socket, sys, time

def _blocked(*args, **kwargs):
    raise RuntimeError(f"network access at parse time: {args[1:] or kwargs}")

import airflow.sdk  # noqa: E402 - the DAG processor has the SDK loaded already
from airflow.dag_processing.dagbag import DagBag  # noqa: E402,F401

socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.socket.sendto = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
socket.gethostbyname = _blocked

path, heavy = sys.argv[1], json.loads(sys.argv[2])
before = set(sys.modules)
t0 = time.perf_counter()
spec = importlib.util.spec_from_file_location("dagfile_under_test", path)
mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(mod)
elapsed = time.perf_counter() - t0
from airflow.sdk import DAG  # noqa: E402
dags = sorted(v.dag_id for v in vars(mod).values() if isinstance(v, DAG))
new = sorted(set(sys.modules) - before)
print(json.dumps({"seconds": elapsed, "heavy": [m for m in heavy if m in sys.modules], "new_modules": len(new)}))
"""


def _env(tmp: str, **extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        AIRFLOW_HOME=tmp,
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{tmp}/airflow.db",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


@pytest.fixture(scope="module")
def airflow_home():
    with tempfile.TemporaryDirectory(prefix="newspipe-dagtest-") as tmp:
        yield tmp


def test_dag_files_exist():
    assert {p.name for p in DAG_FILES} >= {"newspipe_ingest.py", "newspipe_reprocess.py", "newspipe_summary.py",
                                           "newspipe_maintenance.py"}


@pytest.mark.parametrize("path", DAG_FILES, ids=lambda p: p.name)
def test_dag_file_parses_fast_offline_and_light(path: Path, airflow_home: str):
    proc = subprocess.run(
        [sys.executable, "-c", GUARDED_IMPORT, str(path), json.dumps(HEAVY)],
        env=_env(airflow_home), capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, f"{path.name} failed to import:\n{proc.stderr[-4000:]}"
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"{path.name}: parsed in {result['seconds']:.3f}s, {result['new_modules']} new modules")
    assert result["heavy"] == [], f"{path.name} imports heavy modules at parse time: {result['heavy']}"
    assert result["seconds"] < PARSE_BUDGET_S, f"{path.name} took {result['seconds']:.2f}s to parse"


DAGBAG_CHECK = r"""
import json, sys
from airflow.dag_processing.dagbag import DagBag
bag = DagBag(dag_folder=sys.argv[1])
out = {"errors": {k: v[-2000:] for k, v in bag.import_errors.items()}, "dags": {}}
for dag_id, dag in bag.dags.items():
    dag.validate()
    tasks = {}
    for t in dag.tasks:
        tasks[t.task_id] = {
            "pool": t.pool, "retries": t.retries, "backoff": t.retry_exponential_backoff,
            "max_active_tis_per_dag": t.max_active_tis_per_dag,
            "outlets": [getattr(o, "name", str(o)) for o in t.outlets],
            "mapped": type(t).__name__.startswith("Mapped") or bool(getattr(t, "get_closest_mapped_task_group", lambda: None)()),
            "upstream": sorted(t.upstream_task_ids),
        }
    out["dags"][dag_id] = {
        "timetable": type(dag.timetable).__name__,
        "summary": getattr(dag.timetable, "expression", None),
        "catchup": dag.catchup,
        "max_active_runs": dag.max_active_runs,
        "params": sorted(dag.params.keys()),
        "tags": sorted(dag.tags),
        "tasks": tasks,
        "schedule_assets": [a.name for a in dag.timetable.asset_condition.objects]
            if getattr(dag.timetable, "asset_condition", None) is not None else [],
    }
print(json.dumps(out))
"""


def _dagbag(airflow_home: str, **env: str) -> dict:
    proc = subprocess.run(
        [sys.executable, "-c", DAGBAG_CHECK, str(DAGS)],
        env=_env(airflow_home, **env), capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_dagbag_has_no_import_errors_and_the_expected_shape(airflow_home: str):
    bag = _dagbag(airflow_home)
    assert bag["errors"] == {}
    assert set(bag["dags"]) == {"newspipe_ingest", "newspipe_reprocess", "newspipe_summary", "newspipe_maintenance"}

    ingest = bag["dags"]["newspipe_ingest"]
    assert ingest["timetable"] == "CronDataIntervalTimetable"
    assert ingest["summary"] == "0 * * * *"  # hourly by default
    assert ingest["catchup"] is False
    assert 1 <= ingest["max_active_runs"] <= 8
    stages = ["discover", "fetch", "extract", "detect", "translate", "land"]
    tasks = ingest["tasks"]
    assert set(tasks) == {"list_sources", *(f"source.{s}" for s in stages)}
    for prev, nxt in zip(stages, stages[1:]):
        assert tasks[f"source.{nxt}"]["upstream"] == [f"source.{prev}"]
    assert tasks["source.discover"]["upstream"] == ["list_sources"]
    assert all(tasks[f"source.{s}"]["mapped"] for s in stages), "per-source stages must be mapped"
    assert tasks["source.fetch"]["pool"] == "newspipe_fetch"
    assert tasks["source.fetch"]["max_active_tis_per_dag"]
    assert tasks["source.fetch"]["retries"] >= 1 and tasks["source.fetch"]["backoff"]
    assert tasks["source.land"]["outlets"] == ["newspipe_articles"]

    reprocess = bag["dags"]["newspipe_reprocess"]
    assert reprocess["timetable"] == "NullTimetable"
    assert set(reprocess["params"]) >= {"start", "end", "sources", "translate"}
    assert reprocess["tasks"]["reprocess"]["outlets"] == ["newspipe_articles"]

    summary = bag["dags"]["newspipe_summary"]
    assert summary["timetable"] == "AssetTriggeredTimetable"
    assert summary["schedule_assets"] == ["newspipe_articles"]

    maintenance = bag["dags"]["newspipe_maintenance"]
    assert maintenance["timetable"] == "CronTriggerTimetable"
    assert maintenance["summary"] == "30 3 * * *"  # daily
    assert maintenance["catchup"] is False and maintenance["max_active_runs"] == 1
    assert set(maintenance["tasks"]) == {"maintain"}


def test_schedule_and_pool_come_from_the_environment(airflow_home: str):
    bag = _dagbag(airflow_home, NEWSPIPE_SCHEDULE="30 2 * * *", NEWSPIPE_FETCH_POOL="", NEWSPIPE_CATCHUP="true")
    ingest = bag["dags"]["newspipe_ingest"]
    assert ingest["summary"] == "30 2 * * *"
    assert ingest["catchup"] is True
    assert ingest["tasks"]["source.fetch"]["pool"] == "default_pool"


def test_plugin_imports_light_and_registers_app(airflow_home: str):
    code = r"""
import json, sys
sys.path.insert(0, sys.argv[1])
import newspipe_plugin as p
heavy = [m for m in ("pipeline.runner", "pyarrow", "trafilatura", "duckdb") if m in sys.modules]
from fastapi.testclient import TestClient
client = TestClient(p.create_app())
print(json.dumps({"heavy": heavy, "prefix": p.NewspipePlugin.fastapi_apps[0]["url_prefix"],
  "views": [v["href"] for v in p.NewspipePlugin.external_views],
  "health": client.get("/health").json(), "stats_noauth": client.get("/api/stats").status_code,
  "rows": p._rows({"by_source_language": [{"source": "a", "language": "en", "articles": 2}]}),
  "rows_nested": p._rows({"sources": {"a": {"en": 1, "ru": 2}}}),
  "short": "unreadable file on 1 ingest day(s)</b> (2026-11-24)" in p._page({"days_read_short": ["2026-11-24"]}),
  "whole": "unreadable" not in p._page({})}))
"""
    proc = subprocess.run([sys.executable, "-c", code, str(REPO / "plugins")], env=_env(airflow_home),
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-4000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["heavy"] == []
    assert out["prefix"] == "/newspipe" and out["views"] == ["/newspipe/"]
    assert out["health"] == {"status": "ok"}
    assert out["stats_noauth"] == 401
    assert out["rows"] == [{"source": "a", "language": "en", "articles": 2}]
    assert len(out["rows_nested"]) == 2
    assert out["short"] and out["whole"]  # a day counted without an unreadable file says so
