"""DuckDB over the store: the `articles` and `summaries` views analysts query.

Remote stores are read through the store's own fsspec filesystem (registered with
DuckDB), so the same credentials and endpoint serve the pipeline and the query.
"""

from __future__ import annotations

import duckdb

from .schema import ARTICLE_SCHEMA, SUMMARY_SCHEMA
from .store import Store
from .summary import SUMMARY_PATH


def _url(store: Store, rel: str) -> str:
    if store.is_local:
        return store.join(rel)
    proto = store.fs.protocol if isinstance(store.fs.protocol, str) else store.fs.protocol[0]
    return f"{proto}://{store.join(rel)}"


def _sql_str(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def connect(store: Store) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection with `articles` (all days, `ingest_date` from the folder) and
    `summaries` (the daily summary; empty until built)."""
    con = duckdb.connect()
    if not store.is_local:
        con.register_filesystem(store.fs)
    if any(store.list_day(d)[0] for d in store.days()):
        glob = _url(store, "articles/*/*.parquet")
        con.execute(f"CREATE VIEW articles AS SELECT * FROM read_parquet({_sql_str(glob)}, hive_partitioning = true, "
                    "union_by_name = true)")
    else:
        con.register("_empty_articles", ARTICLE_SCHEMA.empty_table())
        con.execute("CREATE VIEW articles AS SELECT *, NULL::DATE AS ingest_date FROM _empty_articles")
    if store.fs.exists(store.join(SUMMARY_PATH)):
        con.execute(f"CREATE VIEW summaries AS SELECT * FROM read_parquet({_sql_str(_url(store, SUMMARY_PATH))})")
    else:  # not built yet: an empty view with the summary's columns, not "table does not exist"
        con.register("_empty_summaries", SUMMARY_SCHEMA.empty_table())
        con.execute("CREATE VIEW summaries AS SELECT * FROM _empty_summaries")
    return con


_READ_ONLY = ("SELECT", "EXPLAIN")


def check_read_only(con: duckdb.DuckDBPyConnection, sql: str) -> None:
    """`newspipe query` reads: one SELECT (or EXPLAIN) statement. COPY ... TO, CREATE,
    ATTACH, INSERT and the like are refused with ValueError before anything runs."""
    statements = con.extract_statements(sql)
    if len(statements) != 1:
        raise ValueError(f"expected one SQL statement, got {len(statements)}")
    kind = statements[0].type.name
    if kind not in _READ_ONLY:
        raise ValueError(f"only SELECT (or EXPLAIN) statements are run, not {kind}; "
                         "to export, select to csv or json with --format")

