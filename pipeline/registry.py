"""The id registry: which run, day and file own each article id and alias id.

Landing must know, for the ids of one batch, whether another run already stored
them; the fetch stage asks the same for 500 candidate URLs. Both questions are
answered by an indexed lookup here (SQLite under `_state/` for a local store,
PostgreSQL when several machines land), so their cost follows the batch, not the
store. The parquet files stay the truth: every file's stamp (size, mtime, inode or
ETag) is kept, the lander re-reads the files of the partitions it touches whose
stamp differs, `newspipe store check` compares everything and
`newspipe store rebuild-registry` rebuilds it from the files.

Beside the ids of the files, the registry keeps learned aliases: a URL first met
after its article landed (a run fetched an AMP copy or a short link, and landing
dropped it as already stored) maps to an id the files hold. They are not in any
file (a run owns its rows; nobody rewrites another run's file to add an alias), so
they are a cache: an entry counts only while its owner id is in the files,
maintenance prunes the others, and `rebuild-registry` drops them all (the cost is
one refetch per alias).

Writes happen only under the store lock; lookups need no lock (SQLite in WAL mode,
PostgreSQL's MVCC).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

PENDING = "pending"  # stamp of a file whose write is in flight (or crashed): never trusted
_CHUNK = 500


def stamp_of(info: dict[str, Any]) -> str:
    """What changes when a file is replaced: size, modification time, inode or ETag."""
    parts = [info.get("size"), info.get("mtime") or info.get("LastModified") or info.get("last_modified"),
             info.get("ino") or info.get("ETag") or info.get("etag") or info.get("generation")]
    return "|".join("" if p is None else str(p) for p in parts)


def id_key(article_id: str) -> bytes:
    """Ids are 32 hex digits: 16 bytes in the index. Anything else keeps its text, made
    17+ bytes long so it can never equal a hex id."""
    if len(article_id) == 32:
        with contextlib.suppress(ValueError):
            return bytes.fromhex(article_id)
    return b"\x00" * 17 + article_id.encode("utf-8")


def id_of_key(key: bytes) -> str:
    key = bytes(key)
    return key.hex() if len(key) == 16 else key[17:].decode("utf-8")


@dataclass(frozen=True)
class FileEntry:
    path: str  # relative to the store root, e.g. articles/ingest_date=D/part-<run>.parquet
    day: str
    stamp: str
    rows: int


class Registry:
    """ids(id -> run, file), files(path -> day, stamp, rows), runs(run_key), meta."""

    def __init__(self, *, sqlite_path: str | None = None, pg_url: str | None = None, table_prefix: str = "newspipe"):
        if bool(sqlite_path) == bool(pg_url):
            raise ValueError("a registry needs exactly one of sqlite_path or pg_url")
        self.sqlite_path = sqlite_path
        self.pg_url = pg_url
        self.p = table_prefix
        self._conn: Any = None

    @property
    def kind(self) -> str:
        return "postgresql" if self.pg_url else "sqlite"

    # -- connection --------------------------------------------------------------
    def _connect(self) -> Any:
        if self._conn is not None:
            return self._conn
        if self.pg_url:
            import psycopg2  # scale-out extra

            conn = psycopg2.connect(self.pg_url)
            conn.autocommit = False
        else:
            assert self.sqlite_path
            os.makedirs(os.path.dirname(self.sqlite_path) or ".", exist_ok=True)
            conn = sqlite3.connect(self.sqlite_path, timeout=60, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")  # a registered landing survives a power cut
        self._conn = conn
        self._create(conn)
        return conn

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(Exception):
                self._conn.close()
            self._conn = None

    def _sql(self, text: str) -> str:
        text = text.replace("{p}", self.p)
        return text.replace("?", "%s") if self.pg_url else text

    def _create(self, conn: Any) -> None:
        blob = "BYTEA" if self.pg_url else "BLOB"
        serial = "BIGSERIAL PRIMARY KEY" if self.pg_url else "INTEGER PRIMARY KEY"
        without_rowid = "" if self.pg_url else " WITHOUT ROWID"
        stmts = [
            f"CREATE TABLE IF NOT EXISTS {{p}}_files (file_id {serial}, path TEXT UNIQUE NOT NULL, "
            "day TEXT NOT NULL, stamp TEXT NOT NULL, nrows BIGINT NOT NULL)",
            "CREATE INDEX IF NOT EXISTS {p}_files_day ON {p}_files (day)",
            f"CREATE TABLE IF NOT EXISTS {{p}}_runs (run_id {serial}, run_key TEXT UNIQUE NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {{p}}_ids (id {blob} PRIMARY KEY, run_id BIGINT NOT NULL, "
            f"file_id BIGINT NOT NULL){without_rowid}",
            "CREATE INDEX IF NOT EXISTS {p}_ids_run ON {p}_ids (run_id)",
            "CREATE INDEX IF NOT EXISTS {p}_ids_file ON {p}_ids (file_id)",
            "CREATE TABLE IF NOT EXISTS {p}_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            # learned aliases: alias id -> an id the files hold (owner), the run that met it, when
            f"CREATE TABLE IF NOT EXISTS {{p}}_learned (alias_id {blob} PRIMARY KEY, owner_id {blob} NOT NULL, "
            f"run_key TEXT NOT NULL, learned_at TEXT NOT NULL){without_rowid}",
        ]
        if self.pg_url:
            cur = conn.cursor()
            # two first connections may race to create: serialize on an advisory lock
            cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (f"{self.p}-create",))
            for s in stmts:
                cur.execute(self._sql(s))
            conn.commit()
        else:
            for s in stmts:
                conn.execute(self._sql(s))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Any]:
        conn = self._connect()
        if self.pg_url:
            cur = conn.cursor()
            try:
                yield cur
                conn.commit()
            except BaseException:
                conn.rollback()
                raise
        else:
            cur = conn.cursor()
            cur.execute("BEGIN IMMEDIATE")
            try:
                yield cur
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise

    def _query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
        conn = self._connect()
        if self.pg_url:
            with conn.cursor() as cur:
                cur.execute(self._sql(sql), tuple(params))
                rows = cur.fetchall()
            conn.commit()  # end the read transaction: the next read sees new landings
            return rows
        return conn.execute(self._sql(sql), tuple(params)).fetchall()

    def _many(self, cur: Any, sql: str, rows: list[tuple]) -> None:
        if not rows:
            return
        if self.pg_url:
            from psycopg2.extras import execute_batch

            execute_batch(cur, self._sql(sql), rows, page_size=1000)
        else:
            cur.executemany(self._sql(sql), rows)

    # -- meta ----------------------------------------------------------------------
    def get_meta(self, key: str) -> str | None:
        rows = self._query("SELECT value FROM {p}_meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def meta_prefix(self, prefix: str) -> dict[str, str]:
        rows = self._query("SELECT key, value FROM {p}_meta WHERE key LIKE ?", (prefix + "%",))
        return {k[len(prefix):]: v for k, v in rows}

    def del_meta(self, cur: Any, key: str) -> None:
        cur.execute(self._sql("DELETE FROM {p}_meta WHERE key = ?"), (key,))

    def set_meta(self, cur: Any, key: str, value: str) -> None:
        cur.execute(self._sql("DELETE FROM {p}_meta WHERE key = ?"), (key,))
        cur.execute(self._sql("INSERT INTO {p}_meta (key, value) VALUES (?, ?)"), (key, value))

    # -- lookups -------------------------------------------------------------------
    def _in_chunks(self, keys: list[bytes]) -> Iterator[tuple[str, list[Any]]]:
        """(`?,?,…` placeholders, bound parameters) per chunk of keys for an IN list."""
        for lo in range(0, len(keys), _CHUNK):
            chunk = keys[lo:lo + _CHUNK]
            yield ",".join("?" * len(chunk)), [psql_bytes(k) for k in chunk] if self.pg_url else list(chunk)

    def _rows_for(self, ids: Iterable[str], sql: str) -> Iterator[tuple]:
        """Rows of `sql` (its `{marks}` an IN list) for the ids, queried in chunks of
        bound parameters; the first column comes back as an id string."""
        for marks, params in self._in_chunks(list({id_key(i): None for i in ids})):
            for key, *rest in self._query(sql.replace("{marks}", marks), params):
                yield (id_of_key(key), *rest)

    def owners(self, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
        """id -> (run_key, file path) for the ids the registry knows."""
        sql = ("SELECT i.id, r.run_key, f.path FROM {p}_ids i JOIN {p}_runs r ON r.run_id = i.run_id "
               "JOIN {p}_files f ON f.file_id = i.file_id WHERE i.id IN ({marks})")
        return {aid: (run_key, path) for aid, run_key, path in self._rows_for(ids, sql)}

    def learned_owners(self, ids: Iterable[str]) -> dict[str, str]:
        """alias id -> run_key owning its article, for learned aliases whose owner id the
        files still hold (an entry whose article is gone counts for nothing)."""
        sql = ("SELECT l.alias_id, r.run_key FROM {p}_learned l JOIN {p}_ids i ON i.id = l.owner_id "
               "JOIN {p}_runs r ON r.run_id = i.run_id WHERE l.alias_id IN ({marks})")
        return dict(self._rows_for(ids, sql))

    def count_learned(self) -> tuple[int, int]:
        """(learned aliases, of which their owner id is no longer in the files)."""
        total = int(self._query("SELECT count(*) FROM {p}_learned")[0][0])
        stale = int(self._query("SELECT count(*) FROM {p}_learned l WHERE NOT EXISTS "
                                "(SELECT 1 FROM {p}_ids i WHERE i.id = l.owner_id)")[0][0])
        return total, stale

    def files(self, day: str | None = None) -> dict[str, FileEntry]:
        sql = "SELECT path, day, stamp, nrows FROM {p}_files" + (" WHERE day = ?" if day else "")
        return {r[0]: FileEntry(*r) for r in self._query(sql, (day,) if day else ())}

    def files_of_run(self, run_key: str) -> list[str]:
        rows = self._query("SELECT DISTINCT f.path FROM {p}_ids i JOIN {p}_files f ON f.file_id = i.file_id "
                           "JOIN {p}_runs r ON r.run_id = i.run_id WHERE r.run_key = ?", (run_key,))
        return sorted(r[0] for r in rows)

    def ids_of_file(self, path: str) -> set[str]:
        rows = self._query("SELECT i.id FROM {p}_ids i JOIN {p}_files f ON f.file_id = i.file_id WHERE f.path = ?", (path,))
        return {id_of_key(r[0]) for r in rows}

    def prune_runs(self, cur: Any) -> int:
        """Forget runs that own no id any more (their rows were replaced or removed)."""
        cur.execute(self._sql("DELETE FROM {p}_runs WHERE NOT EXISTS "
                              "(SELECT 1 FROM {p}_ids i WHERE i.run_id = {p}_runs.run_id)"))
        return int(cur.rowcount or 0)

    def learn(self, cur: Any, aliases: dict[str, str], run_key: str, when: str) -> int:
        """Remember alias id -> owner id (an id the files hold) for aliases no file holds;
        a newer sighting replaces an older one. Returns how many were written."""
        keys = {id_key(a): id_key(o) for a, o in aliases.items()}
        taken = self._taken(cur, list(keys))
        b = psql_bytes if self.pg_url else bytes
        values = [(b(a), b(o), run_key, when) for a, o in keys.items() if a not in taken]
        self._many(cur, "INSERT INTO {p}_learned (alias_id, owner_id, run_key, learned_at) VALUES (?, ?, ?, ?) "
                        "ON CONFLICT (alias_id) DO UPDATE SET owner_id = excluded.owner_id, run_key = excluded.run_key, "
                        "learned_at = excluded.learned_at", values)
        return len(values)

    def prune_learned(self, cur: Any) -> int:
        """Forget learned aliases whose owner id left the files (its article is gone), and
        those a file now holds itself."""
        cur.execute(self._sql("DELETE FROM {p}_learned WHERE NOT EXISTS "
                              "(SELECT 1 FROM {p}_ids i WHERE i.id = {p}_learned.owner_id) "
                              "OR EXISTS (SELECT 1 FROM {p}_ids i WHERE i.id = {p}_learned.alias_id)"))
        return int(cur.rowcount or 0)

    def days(self) -> list[str]:
        return sorted(r[0] for r in self._query("SELECT DISTINCT day FROM {p}_files"))

    def count_ids(self) -> int:
        return int(self._query("SELECT count(*) FROM {p}_ids")[0][0])

    # -- updates (under the store lock) ------------------------------------------
    def _file_id(self, cur: Any, path: str, day: str, stamp: str, rows: int) -> int:
        cur.execute(self._sql("SELECT file_id FROM {p}_files WHERE path = ?"), (path,))
        found = cur.fetchone()
        if found:
            cur.execute(self._sql("UPDATE {p}_files SET day = ?, stamp = ?, nrows = ? WHERE file_id = ?"),
                        (day, stamp, rows, found[0]))
            return int(found[0])
        if self.pg_url:
            cur.execute(self._sql("INSERT INTO {p}_files (path, day, stamp, nrows) VALUES (?, ?, ?, ?) RETURNING file_id"),
                        (path, day, stamp, rows))
            return int(cur.fetchone()[0])
        cur.execute(self._sql("INSERT INTO {p}_files (path, day, stamp, nrows) VALUES (?, ?, ?, ?)"), (path, day, stamp, rows))
        return int(cur.lastrowid)

    def _run_ids(self, cur: Any, run_keys: Iterable[str]) -> dict[str, int]:
        out: dict[str, int] = {}
        for rk in set(run_keys):
            cur.execute(self._sql("SELECT run_id FROM {p}_runs WHERE run_key = ?"), (rk,))
            found = cur.fetchone()
            if not found:
                if self.pg_url:
                    cur.execute(self._sql("INSERT INTO {p}_runs (run_key) VALUES (?) RETURNING run_id"), (rk,))
                    found = cur.fetchone()
                else:
                    cur.execute(self._sql("INSERT INTO {p}_runs (run_key) VALUES (?)"), (rk,))
                    found = (cur.lastrowid,)
            out[rk] = int(found[0])
        return out

    def set_file(self, cur: Any, path: str, day: str, stamp: str, entries: list[tuple[str, str]]) -> list[str]:
        """Make `path` hold exactly `entries` (id, run_key). Ids another file owns are
        left to it and returned (duplicates on disk, for the caller to report)."""
        cur.execute(self._sql("SELECT file_id FROM {p}_files WHERE path = ?"), (path,))
        old = cur.fetchone()
        if old:
            cur.execute(self._sql("DELETE FROM {p}_ids WHERE file_id = ?"), (old[0],))
        rows = len({i for i, _ in entries})
        fid = self._file_id(cur, path, day, stamp, rows)
        runs = self._run_ids(cur, (rk for _, rk in entries))
        keys = {id_key(i): runs[rk] for i, rk in entries}
        taken = self._taken(cur, list(keys))
        values = [(psql_bytes(k) if self.pg_url else k, rid, fid) for k, rid in keys.items() if k not in taken]
        self._many(cur, "INSERT INTO {p}_ids (id, run_id, file_id) VALUES (?, ?, ?)", values)
        return [id_of_key(k) for k in taken]

    def _taken(self, cur: Any, keys: list[bytes]) -> set[bytes]:
        taken: set[bytes] = set()
        for marks, params in self._in_chunks(keys):
            cur.execute(self._sql(f"SELECT id FROM {{p}}_ids WHERE id IN ({marks})"), params)
            taken.update(bytes(r[0]) for r in cur.fetchall())
        return taken

    def set_stamp(self, cur: Any, path: str, stamp: str) -> None:
        cur.execute(self._sql("UPDATE {p}_files SET stamp = ? WHERE path = ?"), (stamp, path))

    def drop_file(self, cur: Any, path: str) -> None:
        cur.execute(self._sql("SELECT file_id FROM {p}_files WHERE path = ?"), (path,))
        old = cur.fetchone()
        if old:
            cur.execute(self._sql("DELETE FROM {p}_ids WHERE file_id = ?"), (old[0],))
            cur.execute(self._sql("DELETE FROM {p}_files WHERE file_id = ?"), (old[0],))

    def move_day(self, cur: Any, old_paths: list[str], new_path: str, day: str, stamp: str, rows: int) -> None:
        """After compaction: every id of `old_paths` now lives in `new_path`."""
        fid = self._file_id(cur, new_path, day, stamp, rows)
        for path in old_paths:
            cur.execute(self._sql("SELECT file_id FROM {p}_files WHERE path = ?"), (path,))
            old = cur.fetchone()
            if old and int(old[0]) != fid:
                cur.execute(self._sql("UPDATE {p}_ids SET file_id = ? WHERE file_id = ?"), (fid, old[0]))
                cur.execute(self._sql("DELETE FROM {p}_files WHERE file_id = ?"), (old[0],))

    def clear(self, cur: Any) -> int:
        """Empty every table; returns how many learned aliases went (they are in no file)."""
        cur.execute(self._sql("SELECT count(*) FROM {p}_learned"))
        dropped = int(cur.fetchone()[0])
        for t in ("ids", "files", "runs", "meta", "learned"):
            cur.execute(self._sql(f"DELETE FROM {{p}}_{t}"))
        return dropped

    def bulk_load(self, files: list[tuple[str, str, str, int]], ids: list[tuple[str, str, str]]) -> None:
        """Fast path for synthetic stores and rebuilds: files (path, day, stamp, rows) and
        ids (id, run_key, path) that are known to be new."""
        with self.transaction() as cur:
            fids = {path: self._file_id(cur, path, day, stamp, rows) for path, day, stamp, rows in files}
            runs = self._run_ids(cur, {rk for _, rk, _ in ids})
            values = [(psql_bytes(id_key(i)) if self.pg_url else id_key(i), runs[rk], fids[path]) for i, rk, path in ids]
            self._many(cur, "INSERT INTO {p}_ids (id, run_id, file_id) VALUES (?, ?, ?)", values)


def psql_bytes(key: bytes) -> Any:
    import psycopg2

    return psycopg2.Binary(key)
