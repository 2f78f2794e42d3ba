"""What `newspipe stats`, `summary` and `run` print for a person: rich tables with the
words the README and the Airflow plugin use.

- "in English": articles that have English text, originals in English plus translations;
- "translated": machine-translated only (the row names its translation model);
- a page refused by policy (robots.txt, a blocked address) is "refused", not "failed".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import fsspec
from rich.console import Console
from rich.table import Table

# Column labels shared with the plugin page (plugins/newspipe_plugin.py) and the README.
LABELS = {
    "in_english": "in English",
    "translated": "translated",
    "articles": "articles",
    "last_fetched_at": "last fetched (UTC)",
}
# Fetch outcomes that are the pipeline obeying a rule, not a fault of the site or the network.
REFUSED_REASONS = frozenset({"robots_disallowed", "blocked_address", "blocked_scheme"})


def missing_store(root: str, storage_options: Mapping[str, Any] | None = None) -> str | None:
    """Why `root` is not a store to read, or None. Checked before opening one: opening a
    local store creates its _state folder, and reading commands must not create a store."""
    fs, path = fsspec.core.url_to_fs(root, **dict(storage_options or {}))
    if not fs.exists(path):
        return (f"no store at {root} (run `newspipe demo` or scripts/run.sh first, "
                "or point --store / NEWSPIPE_STORE at one)")
    if not fs.isdir(path):
        return f"{root} is a file, not a store folder"
    return None


def _cell(value: Any) -> str:
    return "" if value is None else str(value)


def print_stats(stats: Mapping[str, Any], console: Console) -> None:
    rows = stats.get("by_source_language") or []
    if not stats.get("articles"):
        console.print(f"Store {stats.get('root')} holds no articles yet.", soft_wrap=True)
        return
    table = Table(title=f"newspipe store {stats.get('root')}", title_justify="left")
    for key in ("source", "language", "articles", "in_english", "translated", "last_fetched_at"):
        table.add_column(LABELS.get(key, key), justify="right" if key in ("articles", "in_english", "translated") else "left")
    for r in rows:
        last = (r.get("last_fetched_at") or "")[:16].replace("T", " ")
        table.add_row(r.get("source"), r.get("language") or "?", _cell(r.get("articles")), _cell(r.get("in_english")),
                      _cell(r.get("translated")), last)
    console.print(table)
    days = stats.get("ingest_days")
    where = f" over {days} ingest day{'s' if days != 1 else ''}" if days is not None else ""
    console.print(f"{stats['articles']} articles{where}. "
                  "in English = English originals + translated; translated = machine-translated.", soft_wrap=True)
    short = stats.get("days_read_short")
    if short:
        console.print(f"[yellow]counts leave out an unreadable file on {len(short)} ingest day(s) ({', '.join(short[:5])}"
                      f"{', ...' if len(short) > 5 else ''}): `newspipe store check --deep` names it[/yellow]", soft_wrap=True)
    distinct = stats.get("distinct_ids")
    if distinct is not None and distinct != stats["articles"]:
        console.print(f"[yellow]{stats['articles'] - distinct} rows repeat an article id[/yellow]", soft_wrap=True)


def print_summary(rows: list[dict[str, Any]], path: str, console: Console) -> None:
    table = Table(title="articles per day (publication day, else fetch day)", title_justify="left")
    for key in ("day", "source", "language", "articles", "translated", "share translated"):
        table.add_column(key, justify="right" if key in ("articles", "translated", "share translated") else "left")
    for r in rows:
        table.add_row(_cell(r["day"]), r["source"], r["language"] or "?", _cell(r["articles"]), _cell(r["translated"]),
                      f"{r['share_translated']:.0%}")
    console.print(table)
    console.print(f"Written to {path} (translated = machine-translated).", soft_wrap=True)


def fetch_outcomes(report: Mapping[str, Any]) -> tuple[int, int]:
    """(failed, refused) pages of a run report's fetch stage."""
    skips = report.get("fetch_skips") or {}
    refused = sum(n for reason, n in skips.items() if reason in REFUSED_REASONS)
    failed = report.get("fetch_failed")
    return (max(0, int(failed) - refused) if failed is not None else 0), refused


def run_table(reports: Sequence[Mapping[str, Any]]) -> Table:
    """One row per source: pages found, fetched, failed (site or network), refused (robots.txt,
    blocked address), articles extracted, rows landed (of them new), already stored, translated."""
    table = Table(title="newspipe run", title_justify="left")
    cols = ("source", "found", "fetched", "failed", "refused", "articles", "landed", "new", "known", "translated")
    for col in cols:
        table.add_column(col, justify="left" if col == "source" else "right", no_wrap=col == "source")
    for r in reports:
        if "error" in r:
            table.add_row(r.get("source", "?"), f"[red]error: {r['error']}[/red]", *[""] * (len(cols) - 2))
            continue
        tr = r.get("translation") or {}
        failed, refused = fetch_outcomes(r)
        table.add_row(
            r.get("source", ""), _cell(r.get("discovered")), _cell(r.get("fetched")), str(failed), str(refused),
            _cell(r.get("extracted")), _cell(r.get("landed", 0)), _cell(r.get("new", 0)),
            str(r.get("already_stored", 0) + r.get("already_stored_before_fetch", 0)),
            _cell(tr.get("translated")),
        )
    table.caption = ("found: article URLs; refused: robots.txt or a blocked address (a rule kept, not a failure); "
                     "known: stored before; translated: machine-translated")
    return table
