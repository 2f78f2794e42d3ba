"""Shared helpers for the Airflow tests: environments, the stack launcher, the REST API, the store."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DAGS = REPO / "dags"
STACK_SCRIPT = REPO / "scripts" / "airflow_stack.py"


def load_stack_module():
    spec = importlib.util.spec_from_file_location("newspipe_airflow_stack", STACK_SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def airflow_env(home: Path, **extra: str) -> dict[str, str]:
    """Environment for an Airflow CLI/python child with its own home and SQLite DB."""
    env = dict(os.environ)
    for key in [k for k in env if k.startswith("AIRFLOW__") or k.startswith("NEWSPIPE_")]:
        del env[key]
    env.update(
        AIRFLOW_HOME=str(home),
        AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__DAGS_FOLDER=str(DAGS),
        AIRFLOW__CORE__PLUGINS_FOLDER=str(REPO / "plugins"),
        AIRFLOW__DATABASE__SQL_ALCHEMY_CONN=f"sqlite:///{home}/airflow.db",
        PYTHONPATH=str(REPO),
    )
    env.update(extra)
    return env


def airflow(env: dict[str, str], *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "airflow", *args], env=env, capture_output=True, text=True,
                          timeout=timeout, cwd=env["AIRFLOW_HOME"])
    if proc.returncode != 0:
        raise AssertionError(f"airflow {' '.join(args)} failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}")
    return proc


def write_demo_config(directory: Path, web) -> tuple[Path, Path]:
    """settings.yaml allowing the loopback news web + its sources.yaml (same as the launcher's --demo)."""
    mod = load_stack_module()
    demo = mod.write_demo_config(directory, web.sources_config())
    return demo, demo / "sources.yaml"


def read_articles(store: Path, columns: tuple[str, ...] = ("article_id", "source", "published_at", "run_key")):
    """All rows of the articles table (every part file), as a pyarrow Table."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    files = sorted((store / "articles").glob("ingest_date=*/*.parquet"))
    tables = [pq.read_table(f, columns=list(columns)) for f in files]
    if not tables:
        return pa.table({c: [] for c in columns})
    return pa.concat_tables(tables)


# -- REST -----------------------------------------------------------------------------
class Api:
    def __init__(self, base_url: str, password_file: str | Path, username: str = "admin"):
        self.base_url = base_url.rstrip("/")
        password = json.loads(Path(password_file).read_text())[username]
        self.token = self.request("POST", "/auth/token", {"username": username, "password": password},
                                  auth=False)["access_token"]

    def request(self, method: str, path: str, body: Any = None, auth: bool = True, timeout: float = 30) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(self.base_url + path, data=data, method=method)
        req.add_header("Accept", "application/json")
        if data is not None:
            req.add_header("Content-Type", "application/json")
        if auth:
            req.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"{method} {path} -> {exc.code}: {exc.read()[:2000]!r}") from None
        return json.loads(raw) if raw else None

    def get(self, path: str) -> Any:
        return self.request("GET", path)

    def post(self, path: str, body: Any) -> Any:
        return self.request("POST", path, body)

    def create_backfill(self, body: dict, attempts: int = 20, wait: float = 3.0) -> Any:
        """POST /api/v2/backfills, asking again while Airflow on SQLite answers 503 "Database is locked",
        or 500 "Database error" when the lock shows on the audit log's insert (it refuses a backfill
        while the scheduler writes; a user clicks again, as docs/deployment.md says). The 500 comes
        after the backfill was committed: the next attempt then answers 409 "already a running
        backfill", and the backfill of this range that the refused attempt made is returned."""
        refused = False
        for attempt in range(1, attempts + 1):
            try:
                return self.post("/api/v2/backfills", body)
            except AssertionError as exc:
                if refused and "-> 409" in str(exc) and "already a running backfill" in str(exc):
                    made = self._running_backfill(body)
                    if made is not None:
                        return made
                locked = ("-> 503" in str(exc) and "Database is locked" in str(exc)) or \
                    ("-> 500" in str(exc) and "Database error" in str(exc))
                if not locked or attempt == attempts:
                    raise
                refused = True
                time.sleep(wait)

    def _running_backfill(self, body: dict) -> dict | None:
        """The DAG's backfill not yet completed over the range `body` asks for, if any."""
        def day(value: str) -> datetime:
            return datetime.fromisoformat(value.replace("Z", "+00:00"))

        listed = self.get(f"/api/v2/backfills?dag_id={body['dag_id']}")["backfills"]
        return next((bf for bf in listed if not bf.get("completed_at")
                     and day(bf["from_date"]) == day(body["from_date"]) and day(bf["to_date"]) == day(body["to_date"])), None)

    def dag_runs(self, dag_id: str) -> list[dict]:
        return self.get(f"/api/v2/dags/{dag_id}/dagRuns?limit=100&order_by=logical_date")["dag_runs"]

    def wait_runs(self, dag_id: str, predicate, timeout: float, poll: float = 3.0) -> list[dict]:
        deadline = time.monotonic() + timeout
        runs: list[dict] = []
        while time.monotonic() < deadline:
            runs = self.dag_runs(dag_id)
            if predicate(runs):
                return runs
            time.sleep(poll)
        raise AssertionError(f"timed out waiting for runs of {dag_id}: "
                             + json.dumps([(r["dag_run_id"], r["state"]) for r in runs]))

    def failed_tasks(self, dag_id: str, run_id: str) -> list[tuple[str, Any, str]]:
        tis = self.get(f"/api/v2/dags/{dag_id}/dagRuns/{urllib.parse.quote(run_id, safe='')}/taskInstances?limit=100")
        return [(t["task_id"], t.get("map_index"), t["state"]) for t in tis["task_instances"] if t["state"] != "success"]


# -- the stack launcher -----------------------------------------------------------------
def _pids_alive(pids: set[int]) -> set[int]:
    import psutil

    alive = set()
    for pid in pids:
        with contextlib.suppress(psutil.Error):
            p = psutil.Process(pid)
            if p.status() != psutil.STATUS_ZOMBIE:
                alive.add(pid)
    return alive


@contextlib.contextmanager
def running_stack(home: Path, *args: str, env: dict[str, str] | None = None, start_timeout: float = 300,
                  stop_timeout: float = 90) -> Iterator[dict]:
    """Run scripts/airflow_stack.py; yield its ready info; stop it and assert nothing is left behind."""
    import psutil

    cmd = [sys.executable, str(STACK_SCRIPT), "--home", str(home), "--port", "0", "--news-port", "0", *args]
    base_env = dict(env or os.environ)
    base_env.setdefault("PYTHONPATH", str(REPO))
    log_path = home.parent / f"{home.name}-launcher.log"
    proc = subprocess.Popen(cmd, env=base_env, cwd=str(REPO), stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True, start_new_session=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump():
        with open(log_path, "a") as fh:
            for line in proc.stdout:
                fh.write(line)
                fh.flush()
                lines.put(line)
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: set[int] = set()
    info: dict | None = None
    try:
        deadline = time.monotonic() + start_timeout
        while info is None:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                raise AssertionError(f"stack not ready in {start_timeout}s; see {log_path}") from None
            if line is None:
                raise AssertionError(f"stack launcher exited ({proc.wait()}); see {log_path}:\n"
                                     + log_path.read_text()[-3000:])
            if line.startswith("NEWSPIPE_STACK_READY "):
                info = json.loads(line.split(" ", 1)[1])
        info["launcher_log"] = str(log_path)
        yield info
    finally:
        with contextlib.suppress(psutil.Error):
            seen = {c.pid for c in psutil.Process(proc.pid).children(recursive=True)}
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=stop_timeout)
        except subprocess.TimeoutExpired as exc:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise AssertionError(f"launcher did not stop within {stop_timeout}s; see {log_path}") from exc
        if info is not None:
            seen |= set(info["pids"].values())
        left = _pids_alive(seen)
        for pid in left:  # do not leak them into the next test, but fail this one
            with contextlib.suppress(psutil.Error):
                psutil.Process(pid).kill()
        assert not left, f"processes left behind by the stack: {sorted(left)}"
