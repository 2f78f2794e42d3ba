#!/usr/bin/env python
"""Run a local Airflow 3 stack for newspipe with one command.

    uv run python scripts/airflow_stack.py [--demo] [--port 8080]

What it does:

* AIRFLOW_HOME defaults to ./airflow_home (gitignored); the DAGs and plugins
  folders point at this repository; SQLite metadata DB; LocalExecutor (or
  CeleryExecutor with ``--executor celery``); examples off.
* Everything binds 127.0.0.1: the API server gets ``--host 127.0.0.1``; the
  scheduler and triggerer run with ``--skip-serve-logs`` (Airflow's log servers
  would bind every interface; with one machine the API server reads the log
  files directly).
* ``airflow db migrate``, creates the ``newspipe_fetch`` pool, starts
  api-server, scheduler, dag-processor and triggerer (and a Celery worker) as
  children, each in its own process group; waits for /api/v2/monitor/health;
  unpauses the newspipe DAGs; prints the URL and the password file.
* A component that exits after start-up is restarted (its process group killed
  first), like a service manager would; one that exits ``--max-restarts`` times
  (default 5) within 10 minutes stops the stack. Each restart is logged with the
  component's last log lines, and stack.json gets the new pid.
* Ctrl-C / SIGTERM: SIGTERM to every process group, wait, SIGKILL what is left
  (including grandchildren that left their group); nothing stays behind.
* ``--demo`` also serves the local news web (pipeline.newsweb) and points the
  DAGs at it: a sources YAML and a settings.yaml allowing 127.0.0.1 are written
  under $AIRFLOW_HOME/demo; the store defaults to ./data.

When ready it prints ``NEWSPIPE_STACK_READY <json>`` and writes the same JSON to
``$AIRFLOW_HOME/stack.json`` (URL, port, password file, pids; with ``--demo`` the day
the news web dates its newest articles, ``demo_today``).
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
# every newspipe DAG: maintenance too, or a long-running local stack never compacts its
# closed days (a year of hourly runs is 263,000 files)
DAG_IDS = ("newspipe_ingest", "newspipe_reprocess", "newspipe_summary", "newspipe_maintenance")
FETCH_POOL = "newspipe_fetch"
PASSWORD_FILE = "simple_auth_manager_passwords.json.generated"


def log(msg: str) -> None:
    print(f"[airflow_stack] {msg}", flush=True)


def banner(msg: str) -> None:
    """A message that must not scroll by unnoticed."""
    import textwrap

    rule = "=" * 78
    print("\n".join([rule, *textwrap.wrap(msg, 76, initial_indent="  ", subsequent_indent="  "), rule]), flush=True)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pdeathsig() -> None:
    """In the child: get SIGTERM if the launcher dies, and start a new session (own process group)."""
    os.setsid()
    with contextlib.suppress(Exception):
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def airflow_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "airflow", *args]


# -- HTTP helpers -------------------------------------------------------------------
def http_json(method: str, url: str, body: Any = None, token: str | None = None, timeout: float = 10.0) -> Any:
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    with urllib.request.urlopen(req, timeout=timeout) as resp:
        raw = resp.read()
    return json.loads(raw) if raw else None


def get_token(base_url: str, home: Path, username: str = "admin") -> str:
    if not (home / PASSWORD_FILE).exists():  # --all-admins: no users, tokens without credentials
        return http_json("GET", f"{base_url}/auth/token")["access_token"]
    passwords = json.loads((home / PASSWORD_FILE).read_text())
    res = http_json("POST", f"{base_url}/auth/token", {"username": username, "password": passwords[username]})
    return res["access_token"]


# -- configuration ------------------------------------------------------------------
# Airflow signs its JWTs with HS512, and PyJWT warns (InsecureKeyLengthWarning, once per
# process) about an HMAC key shorter than the hash: 64 bytes. 64 random bytes, url-safe.
KEY_BYTES = 64


def stack_keys(secrets_file: Path) -> dict[str, str]:
    """The API secret and JWT keys, kept across restarts (sessions and tokens stay valid);
    keys written by an older launcher that are too short are replaced."""
    keys: dict[str, str] = {}
    if secrets_file.exists():
        keys = json.loads(secrets_file.read_text())
    if all(len(keys.get(k, "")) >= KEY_BYTES for k in ("jwt", "api")):
        return keys
    keys = {"jwt": secrets.token_urlsafe(KEY_BYTES), "api": secrets.token_urlsafe(KEY_BYTES)}
    secrets_file.write_text(json.dumps(keys))
    secrets_file.chmod(0o600)
    return keys


def build_env(args: argparse.Namespace, home: Path, port: int) -> dict[str, str]:
    env = dict(os.environ)
    base_url = f"http://127.0.0.1:{port}"
    keys = stack_keys(home / "stack_secrets.json")
    env.update(
        {
            "AIRFLOW_HOME": str(home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor" if args.executor == "celery" else "LocalExecutor",
            "AIRFLOW__CORE__PARALLELISM": str(args.parallelism),
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{base_url}/execution/",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": args.sql_alchemy_conn or f"sqlite:///{home / 'airflow.db'}",
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__PORT": str(port),
            "AIRFLOW__API__BASE_URL": base_url,
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW__API__SECRET_KEY": keys["api"],
            "AIRFLOW__API_AUTH__JWT_SECRET": keys["jwt"],
            # Log servers are skipped (--skip-serve-logs); should one start anyway, give it a free port.
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(free_port()),
            "AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK": "False",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_HOST": "127.0.0.1",
            "AIRFLOW__SCHEDULER__SCHEDULER_HEALTH_CHECK_SERVER_PORT": str(free_port()),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
            "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH", "")) if p),
        }
    )
    if args.all_admins:
        env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_ALL_ADMINS"] = "True"
    if args.executor == "celery":
        env["AIRFLOW__CELERY__BROKER_URL"] = args.broker_url
        env["AIRFLOW__CELERY__RESULT_BACKEND"] = args.result_backend or (
            "db+" + env["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
        )
        env["AIRFLOW__CELERY__WORKER_CONCURRENCY"] = str(args.parallelism)
    if args.schedule:
        env["NEWSPIPE_SCHEDULE"] = args.schedule
    if args.store:
        env["NEWSPIPE_STORE"] = args.store if "://" in args.store else str(Path(args.store).resolve())
    return env


def write_demo_config(home: Path, sources_config: dict, lock_url: str | None = None,
                      models_dir: Path | None = None) -> Path:
    """A config dir for the demo: settings allowing the loopback news web, and its sources;
    translation from `models_dir`, or the committed test models."""
    import yaml

    sources_config = json.loads(json.dumps(sources_config))  # plain copies: no YAML anchors/aliases
    demo = home / "demo"
    demo.mkdir(parents=True, exist_ok=True)
    settings: dict[str, Any] = {}
    default_settings = REPO / "config" / "settings.yaml"
    if default_settings.exists():
        settings = yaml.safe_load(default_settings.read_text()) or {}
    fetch = settings.setdefault("fetch", {})
    from urllib.parse import urlsplit

    # the demo web's own origin(s) (host:port), nothing else private: not even other ports of 127.0.0.1
    fetch["allowed_networks"] = sorted({urlsplit(u).netloc for s in sources_config.get("sources", [])
                                        for u in [*s.get("feeds", []), *s.get("sitemaps", [])]})
    fetch["delay_seconds"] = 0.0
    fetch["retries"] = 1
    from pipeline.demomodels import install_demo_models  # the committed test models translate ru/zh offline

    settings.setdefault("translation", {})["models_dir"] = str(models_dir or install_demo_models(demo / "models"))
    store = settings.setdefault("store", {})
    store.pop("root", None)  # NEWSPIPE_STORE decides
    if lock_url:
        store["lock_url"] = lock_url  # landing serialized across machines (PostgreSQL advisory lock)
    (demo / "settings.yaml").write_text(
        "# Written by scripts/airflow_stack.py --demo: the local news web is on 127.0.0.1.\n"
        + yaml.safe_dump(settings, sort_keys=False)
    )
    (demo / "sources.yaml").write_text(
        "# Written by scripts/airflow_stack.py --demo for the local news web.\n"
        + yaml.safe_dump(sources_config, sort_keys=False, allow_unicode=True)
    )
    return demo


# -- processes ----------------------------------------------------------------------
class Stack:
    def __init__(self, home: Path, env: dict[str, str]):
        self.home = home
        self.env = env
        self.procs: dict[str, subprocess.Popen] = {}
        self.cmds: dict[str, list[str]] = {}
        self.restarts: dict[str, list[float]] = {}  # name -> monotonic times of restarts
        self.logs = home / "stack_logs"
        self.logs.mkdir(parents=True, exist_ok=True)

    def run_once(self, name: str, cmd: list[str], timeout: float = 600) -> None:
        out = self.logs / f"{name}.log"
        with open(out, "ab") as fh:
            proc = subprocess.Popen(cmd, env=self.env, cwd=str(self.home), stdout=fh, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, preexec_fn=_pdeathsig)
            try:
                rc = proc.wait(timeout=timeout)
            except BaseException:
                self._kill_group(proc, signal.SIGKILL)
                proc.wait()
                raise
        if rc != 0:
            tail = out.read_text(errors="replace")[-3000:]
            raise RuntimeError(f"{' '.join(cmd[2:])} failed with exit code {rc}; see {out}:\n{tail}")

    def start(self, name: str, cmd: list[str]) -> None:
        fh = open(self.logs / f"{name}.log", "ab")  # lives as long as the child
        proc = subprocess.Popen(cmd, env=self.env, cwd=str(self.home), stdout=fh, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, preexec_fn=_pdeathsig)
        fh.close()
        self.procs[name] = proc
        self.cmds[name] = cmd
        log(f"started {name} (pid {proc.pid}); log: {self.logs / (name + '.log')}")

    def restart(self, name: str, *, max_restarts: int, window: float = 600.0) -> bool:
        """Start a component that died again, unless it died `max_restarts` times within
        `window` seconds (then it is broken, not unlucky: the caller shuts down).

        A supervisor's job: an Airflow scheduler can crash on a race with the API server
        (e.g. a run deleted while a backfill with reprocessing is created) and a
        service manager would restart it; so does this launcher."""
        now = time.monotonic()
        recent = [t for t in self.restarts.get(name, []) if now - t < window]
        if len(recent) >= max_restarts:
            return False
        proc = self.procs[name]
        self._kill_group(proc, signal.SIGKILL)  # children the dead component left (task runners)
        tail = (self.logs / f"{name}.log").read_text(errors="replace").strip().splitlines()[-3:]
        log(f"{name} exited ({proc.returncode}); last log lines: {' | '.join(line[:200] for line in tail)}")
        self.restarts[name] = recent + [now]
        log(f"restarting {name} ({len(recent) + 1} of at most {max_restarts} in {window / 60:.0f} min)")
        self.start(name, self.cmds[name])
        return True

    def dead(self) -> dict[str, int]:
        return {n: p.returncode for n, p in self.procs.items() if p.poll() is not None}

    @staticmethod
    def _kill_group(proc: subprocess.Popen, sig: int) -> None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, sig)

    def descendants(self) -> set[int]:
        try:
            import psutil
        except ImportError:  # pragma: no cover - psutil is a project dependency
            return set()
        pids: set[int] = set()
        for proc in self.procs.values():
            with contextlib.suppress(psutil.Error):
                pids.update(c.pid for c in psutil.Process(proc.pid).children(recursive=True))
        return pids

    def stop(self, timeout: float = 30.0) -> None:
        if not self.procs:
            return
        log("stopping ...")
        leftovers = self.descendants()
        # Stop the producers of work first and the API server last: running tasks report
        # their final state through it. The scheduler waits for running tasks on the first
        # SIGTERM and stops waiting on the second.
        first = [n for n in self.procs if n != "api-server"]
        order = first + [n for n in self.procs if n == "api-server"]
        for name in first:
            self._kill_group(self.procs[name], signal.SIGTERM)
        deadline = time.monotonic() + timeout
        self._wait(first, time.monotonic() + min(10.0, timeout / 2))
        for name in first:
            if self.procs[name].poll() is None:
                self._kill_group(self.procs[name], signal.SIGTERM)
        self._wait(first, deadline)
        if "api-server" in self.procs:
            self._kill_group(self.procs["api-server"], signal.SIGTERM)
            self._wait(["api-server"], max(deadline, time.monotonic() + 10.0))
        for name in order:
            if self.procs[name].poll() is None:
                log(f"{name} did not stop within {timeout:.0f}s: SIGKILL")
        for name in order:  # the group may outlive its leader (children still running)
            self._kill_group(self.procs[name], signal.SIGKILL)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self.procs[name].wait(timeout=5)
        leftovers |= self.descendants()
        self._reap(leftovers)
        self.procs.clear()
        log("stopped")

    def _wait(self, names: list[str], deadline: float) -> None:
        for name in names:
            proc = self.procs[name]
            if proc.poll() is not None:
                continue
            t0 = time.monotonic()
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=max(0.05, deadline - time.monotonic()))
            if proc.poll() is not None:
                log(f"{name} exited ({proc.returncode}) after {time.monotonic() - t0:.1f}s")

    @staticmethod
    def _reap(pids: set[int]) -> None:
        try:
            import psutil
        except ImportError:  # pragma: no cover
            return
        alive = []
        for pid in pids:
            with contextlib.suppress(psutil.Error):
                p = psutil.Process(pid)
                p.kill()
                alive.append(p)
        psutil.wait_procs(alive, timeout=5)


def wait_healthy(stack: Stack, base_url: str, timeout: float, need: tuple[str, ...]) -> dict:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        if stack.dead():
            raise RuntimeError(f"component(s) exited during start-up: {stack.dead()}; logs in {stack.logs}")
        try:
            last = http_json("GET", f"{base_url}/api/v2/monitor/health", timeout=5)
            if all((last.get(k) or {}).get("status") == "healthy" for k in need):
                return last
        except (urllib.error.URLError, OSError, ValueError) as exc:
            last = repr(exc)
        time.sleep(1)
    raise TimeoutError(f"stack not healthy after {timeout:.0f}s: {last}")


def unpause_dags(base_url: str, home: Path, dag_ids: tuple[str, ...], timeout: float) -> list[str]:
    token = get_token(base_url, home)
    deadline = time.monotonic() + timeout
    pending = list(dag_ids)
    while pending and time.monotonic() < deadline:
        for dag_id in list(pending):
            try:
                http_json("PATCH", f"{base_url}/api/v2/dags/{dag_id}?update_mask=is_paused", {"is_paused": False}, token)
                pending.remove(dag_id)
            except urllib.error.HTTPError as exc:
                if exc.code != 404:  # 404: not parsed yet
                    raise
        if pending:
            time.sleep(1)
    if pending:
        log(f"warning: not parsed within {timeout:.0f}s, left paused: {', '.join(pending)}")
    return [d for d in dag_ids if d not in pending]


def _parser(add_help: bool = True) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0], add_help=add_help,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--demo", action="store_true", help="serve the local news web and ingest from it")
    p.add_argument("--news-port", type=int, default=8766,
                   help="with --demo: port of the local news web (default %(default)s, fixed: article URLs, and so "
                        "their ids, must stay the same across restarts; `newspipe demo` uses 8765; 0 = any free port)")
    p.add_argument("--port", type=int, default=8080,
                   help="API server / UI port on 127.0.0.1 (default %(default)s; 0 = any free port)")
    p.add_argument("--home", default=os.environ.get("AIRFLOW_HOME") or "./airflow_home",
                   help="AIRFLOW_HOME (default %(default)s)")
    p.add_argument("--demo-days-ago", type=int, default=0,
                   help="with --demo: the news web's newest articles are this many days old (default %(default)s)")
    p.add_argument("--models", choices=("auto", "real", "test"), default="test",
                   help="with --demo: translation models (default %(default)s). auto: real Argos ru/zh→en packages if "
                        "installed, or installed now if the Argos index answers within 4 s, else the test models; "
                        "real: those or an error; test: the committed test models (placeholder English)")
    p.add_argument("--store", default=None, help="NEWSPIPE_STORE for the tasks (default: env, or ./data with --demo)")
    p.add_argument("--store-lock-url", default=None,
                   help="with --demo: store.lock_url (postgresql://...) for the landing lock across machines")
    p.add_argument("--schedule", default=None,
                   help="NEWSPIPE_SCHEDULE cron for the ingest DAG (default %(default)s; None = hourly)")
    p.add_argument("--executor", choices=("local", "celery"), default="local", help="default %(default)s")
    p.add_argument("--sql-alchemy-conn", default=None, help="metadata DB URL (default SQLite in AIRFLOW_HOME)")
    p.add_argument("--broker-url", default="redis://127.0.0.1:6379/0",
                   help="Celery broker with --executor celery (default %(default)s)")
    p.add_argument("--result-backend", default=None, help="Celery result backend (default db+<metadata DB>)")
    p.add_argument("--parallelism", type=int, default=4,
                   help="task slots: LocalExecutor processes / Celery concurrency (default %(default)s)")
    p.add_argument("--pool-slots", type=int, default=4, help=f"slots of the {FETCH_POOL} pool (default %(default)s)")
    p.add_argument("--no-unpause", action="store_true", help="leave the newspipe DAGs paused")
    p.add_argument("--all-admins", action="store_true", help="no login: every visitor is admin (local demos only)")
    p.add_argument("--no-triggerer", action="store_true", help="do not start a triggerer (newspipe defers nothing)")
    p.add_argument("--max-restarts", type=int, default=5,
                   help="restart a component that exits after start-up, up to this many times in 10 minutes "
                        "(default %(default)s)")
    p.add_argument("--start-timeout", type=float, default=240.0, help="seconds (default %(default)s)")
    p.add_argument("--stop-timeout", type=float, default=30.0, help="seconds (default %(default)s)")
    return p


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The arguments; `--help` shows as defaults the values given before it, so that
    `scripts/run.sh --help` shows what run.sh really passes (its daily schedule, days ago 1)."""
    argv = sys.argv[1:] if argv is None else argv
    parser = _parser()
    if "-h" in argv or "--help" in argv:
        given, _ = _parser(add_help=False).parse_known_args([a for a in argv if a not in ("-h", "--help")])
        parser.set_defaults(**vars(given))
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    home = Path(args.home).resolve()
    home.mkdir(parents=True, exist_ok=True)
    port = args.port or free_port()
    base_url = f"http://127.0.0.1:{port}"

    stopping = {"flag": False}

    def on_signal(signum, _frame):
        if stopping["flag"]:
            return
        stopping["flag"] = True
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    with contextlib.ExitStack() as resources:
        stack: Stack | None = None
        models_banner: str | None = None
        demo_today: date | None = None  # the day the demo news web dates its newest articles
        try:
            if args.demo and not args.store and not os.environ.get("NEWSPIPE_STORE"):
                args.store = str(Path("data").resolve())
            env = build_env(args, home, port)
            if args.demo:
                from datetime import datetime, timedelta

                from pipeline.newsweb import NewsWeb

                demo_today = datetime.now(UTC).date() - timedelta(days=args.demo_days_ago)
                web = resources.enter_context(NewsWeb(port=args.news_port, today=demo_today))
                from pipeline.demomodels import choose_models

                models = choose_models(args.models, home / "demo" / "models")
                log(f"translation models: {models.kind} ({models.why})")
                models_banner = models.banner
                demo = write_demo_config(home, web.sources_config(), lock_url=args.store_lock_url,
                                         models_dir=models.models_dir)
                env["NEWSPIPE_CONFIG_DIR"] = str(demo)
                env["NEWSPIPE_SOURCES"] = str(demo / "sources.yaml")
                log(f"local news web at {web.base_url}; demo config in {demo}")
            stack = Stack(home, env)
            log(f"AIRFLOW_HOME={home}")
            log("airflow db migrate ...")
            stack.run_once("db-migrate", airflow_cmd("db", "migrate"))
            stack.run_once("pool", airflow_cmd("pools", "set", FETCH_POOL, str(args.pool_slots),
                                               "newspipe network stages (politeness across runs)"))
            stack.start("api-server", airflow_cmd("api-server", "--host", "127.0.0.1", "--port", str(port)))
            stack.start("scheduler", airflow_cmd("scheduler", "--skip-serve-logs"))
            stack.start("dag-processor", airflow_cmd("dag-processor"))
            need = ["metadatabase", "scheduler", "dag_processor"]
            if not args.no_triggerer:
                stack.start("triggerer", airflow_cmd("triggerer", "--skip-serve-logs"))
                need.append("triggerer")
            if args.executor == "celery":
                stack.start("celery-worker", airflow_cmd("celery", "worker", "--skip-serve-logs",
                                                         "--concurrency", str(args.parallelism)))
            wait_healthy(stack, base_url, args.start_timeout, tuple(need))
            unpaused = [] if args.no_unpause else unpause_dags(base_url, home, DAG_IDS, args.start_timeout)
            info = {
                "url": base_url,
                "port": port,
                "airflow_home": str(home),
                "password_file": str(home / PASSWORD_FILE),
                "username": "admin",
                "store": env.get("NEWSPIPE_STORE"),
                "sources": env.get("NEWSPIPE_SOURCES"),
                "executor": env["AIRFLOW__CORE__EXECUTOR"],
                "unpaused": unpaused,
                "launcher_pid": os.getpid(),
                "pids": {n: p.pid for n, p in stack.procs.items()},
                "logs": str(stack.logs),
                # the day a backfill of the demo's days is counted from, as the news web was
                # started (the stack takes minutes to come up: midnight UTC may pass meanwhile)
                "demo_today": demo_today.isoformat() if demo_today else None,
            }
            (home / "stack.json").write_text(json.dumps(info, indent=1))
            login = "no login: --all-admins" if args.all_admins else f"user admin, password in {home / PASSWORD_FILE}"
            log(f"Airflow UI: {base_url}  ({login})")
            if models_banner:
                banner(models_banner)
            print("NEWSPIPE_STACK_READY " + json.dumps(info), flush=True)
            while True:
                for name in stack.dead():
                    if not stack.restart(name, max_restarts=args.max_restarts):
                        log(f"{name} keeps exiting ({stack.procs[name].returncode}); shutting down "
                            f"(logs in {stack.logs})")
                        return 1
                    info["pids"] = {n: p.pid for n, p in stack.procs.items()}
                    (home / "stack.json").write_text(json.dumps(info, indent=1))
                time.sleep(1)
        except KeyboardInterrupt:
            log("interrupted")
            return 0
        except Exception as exc:  # report, then clean up
            log(f"error: {exc}")
            return 1
        finally:
            # Ignore further signals while cleaning up so a second Ctrl-C cannot orphan children.
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            signal.signal(signal.SIGTERM, signal.SIG_IGN)
            if stack is not None:
                stack.stop(args.stop_timeout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
