"""The parquet store: Hive-partitioned article files and an id registry beside them.

Layout under the store root (a local path or any fsspec URI, e.g. s3://bucket/news):

    articles/ingest_date=YYYY-MM-DD/part-<run_key>.parquet   a run's rows (open days)
    articles/ingest_date=YYYY-MM-DD/compact-<token>.parquet   a closed day, compacted
    raw/ingest_date=YYYY-MM-DD/<run_key>--<stamp>.warc.gz      every fetched page, as fetched
    summaries/daily_summary.parquet                           derived tables
    _state/store.json                                         lock and registry backends of this store
    _state/registry.sqlite                                    the id registry (local stores)
    _state/                                                   locks, staging, run reports, caches

Invariants (see design.md) and how they hold:
- One article, one row: landing is serialized by a store lock; under it the
  lander asks the registry (pipeline.registry) which ids and alias ids of its batch
  another run owns and drops those rows. The registry is checked against a listing
  of only the partitions the landing touches, and the files of the owners it
  relies on are checked too, so a stale registry costs a re-read, never a duplicate.
  The other ids of a dropped row (a URL met after its article landed) become
  learned aliases in the registry, which `known_ids` answers too: later runs do not
  fetch them again, and no other run's file is rewritten to hold them.
- A run owns its rows, found by the `run_key` column, not the file name: a rerun
  replaces what it landed before (in its own file, or inside a compacted day file)
  and keeps what it does not bring again.
- Readers never see a partial write: files are written under a hidden temporary
  name (`.tmp-*.inprogress`, matched by no `*.parquet` glob) and renamed into place;
  a compacted day replaces its folder in one swap that a reader listing the old
  folder cannot miss (see `DayCompactor.compact_day`).

Modules: `articles` (the Store: paths, reading, the registry kept in step, landing),
`compaction` (closed days rewritten and swapped in), `lock` (one writer at a time),
`files` (temporary names that carry their writer; the atomic folder exchange).
"""

from .articles import PART_PREFIX, LandResult, Store, StoreConfigError, TableStore, open_store
from .compaction import COMPACT_PREFIX, DayCompactor
from .files import TMP_PREFIX
from .lock import StoreLock

__all__ = ["COMPACT_PREFIX", "PART_PREFIX", "TMP_PREFIX", "DayCompactor", "LandResult", "Store", "StoreConfigError",
           "StoreLock", "TableStore", "open_store"]
