"""`newspipe store check|rebuild-registry`, `newspipe maintain` and `newspipe query`.

Registered on the main app with one line in pipeline/cli.py (`storecli.register(app)`).
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import typer

store_app = typer.Typer(no_args_is_help=True, help="Check and repair the store's id registry.")

_STORE = typer.Option(None, "--store", help="store root: a path or fsspec URI (default from settings)")
_CONFIG = typer.Option(None, "--config", help="settings.yaml (default config/settings.yaml)")


def _open(store: str | None, config: Path | None) -> Any:
    """Settings and Store of a store that exists: a mistyped --store (or no ./data) is one
    line and exit 2, never a new empty store created by a check, a query or maintenance."""
    from .cli import _existing_store
    from .store import open_store

    settings = _existing_store(config, store)
    return settings, open_store(settings.store)


def _fail(message: str) -> None:
    """One line, exit 2 (the CLI's own: messages never echo URL credentials)."""
    from .cli import _fail as fail

    fail(message)


@store_app.command("check")
def check_command(store: str | None = _STORE, config: Path | None = _CONFIG,
                  deep: bool = typer.Option(False, "--deep", help="also compare every file's ids (reads all files)")) -> None:
    """Compare the registry with the files; exit 1 when they differ (files added, deleted or changed by hand)."""
    from .maintenance import check
    from .store import StoreConfigError

    _, st = _open(store, config)
    try:
        report = check(st, deep=deep)
    except StoreConfigError as exc:
        _fail(str(exc))
        return
    typer.echo(json.dumps(report, indent=1))
    for p in report["deleted"]:
        typer.echo(f"deleted by hand (rows lost unless restored): {p}", err=True)
    for p in report["added"]:
        typer.echo(f"added by hand (not in the registry): {p}", err=True)
    for p in report["changed"]:
        typer.echo(f"changed by hand: {p}", err=True)
    for p in report["unreadable"]:
        typer.echo(f"unreadable (no query or count reads its articles): {p}; move it out of the store and "
                   "`newspipe reprocess` its run's interval from the raw pages", err=True)
    if not report["ok"]:
        typer.echo("registry and files differ: `newspipe store rebuild-registry` makes the registry match the files", err=True)
        raise typer.Exit(1)


@store_app.command("rebuild-registry")
def rebuild_command(store: str | None = _STORE, config: Path | None = _CONFIG) -> None:
    """Rebuild the id registry from the parquet files (streaming, one file at a time)."""
    from .store import StoreConfigError

    _, st = _open(store, config)
    try:
        typer.echo(json.dumps(st.rebuild_registry()))
    except StoreConfigError as exc:
        _fail(str(exc))


def maintain_command(store: str | None = _STORE, config: Path | None = _CONFIG,
                     dry_run: bool = typer.Option(False, "--dry-run", help="say what would be done, change nothing")) -> None:
    """Compact closed days, apply retention to raw pages and run reports, remove what no run owns."""
    from .maintenance import maintain
    from .store import StoreConfigError

    settings, st = _open(store, config)
    try:
        report = maintain(st, settings.maintenance, dry_run=dry_run)
    except StoreConfigError as exc:
        _fail(str(exc))
        return
    typer.echo(json.dumps(report, indent=1, default=str))


def query_command(sql: str = typer.Argument(..., help="SQL over the views `articles` and `summaries`"),
                  store: str | None = _STORE, config: Path | None = _CONFIG,
                  fmt: str = typer.Option("table", "--format", help="table | csv | json")) -> None:
    """Run DuckDB SQL over the store (views `articles` and `summaries`)."""
    import duckdb

    from .query import check_read_only, connect

    if fmt not in ("table", "csv", "json"):
        _fail(f"--format must be table, csv or json, not {fmt!r}")
    _, st = _open(store, config)
    if "summaries" in sql.lower():
        # the summary is built by the summary DAG, `stats` and `summary`; after `newspipe demo` or
        # `run` it may not exist or be behind: recount the days that changed (cheap when none did)
        import logging

        from .summary import build_daily_summary

        try:
            build_daily_summary(st)
        except Exception as exc:  # noqa: BLE001 - e.g. read-only credentials: query what is there
            logging.getLogger(__name__).warning("summary not brought up to date (%s: %s); querying the last one built",
                                                type(exc).__name__, exc)
    con = connect(st)
    try:
        check_read_only(con, sql)
        cur = con.execute(sql)
    except ValueError as exc:
        _fail(f"query refused: {exc}")
        return
    except duckdb.Error as exc:  # DuckDB adds the SQL and a caret on further lines: the first says it
        _fail("query failed: " + (str(exc).strip().splitlines() or [type(exc).__name__])[0])
        return
    columns = [d[0] for d in cur.description or []]
    rows = cur.fetchall()
    if fmt == "json":
        typer.echo(json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False, indent=1))
    elif fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(columns)
        w.writerows(rows)
    else:
        from rich.console import Console
        from rich.table import Table

        table = Table(show_lines=False)
        for c in columns:
            table.add_column(c)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        Console().print(table)


def register(app: typer.Typer) -> None:
    app.add_typer(store_app, name="store")
    app.command("maintain")(maintain_command)
    app.command("query")(query_command)
