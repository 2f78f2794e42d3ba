"""Raw pages as WARC files, kept before anything parses them.

Each fetch attempt of a run writes its own file
`raw/ingest_date=D/<run_key>--<stamp>.warc.gz`, so a rerun never overwrites what
an earlier attempt fetched (nothing fetched is lost). Records are gzip members
written one by one: a file cut short by a crash still yields every complete page.
"""

from __future__ import annotations

import gzip
import io
import json
import logging
import posixpath
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .store import TMP_PREFIX, Store

log = logging.getLogger(__name__)

# Headers that describe the wire encoding, not the payload we keep (decoded).
_DROP_HEADERS = {"content-encoding", "transfer-encoding", "content-length", "connection", "set-cookie"}
_INPROGRESS = ".inprogress"


@dataclass
class RawPage:
    url: str  # as requested
    final_url: str
    status: int
    headers: dict[str, str]
    body: bytes
    fetched_at: datetime
    source: str | None = None
    redirects: list[str] = field(default_factory=list)  # hops between url and final_url
    # False for a page file whose manifest gives no fetched_at: now stands in for the
    # store's rows, but nothing on the page is dated from it ("3 hours ago")
    visit_known: bool = True


def _warc_date(dt: datetime) -> str:
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class RawWriter:
    """Appends fetched pages to this attempt's WARC file."""

    def __init__(self, store: Store, run_key: str, ingest_date: date):
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        folder = store.partition_dir(store.raw_dir, ingest_date)
        store.fs.makedirs(folder, exist_ok=True)
        self.store = store
        self.final_path = posixpath.join(folder, f"{run_key}--{stamp}.warc.gz")
        self.tmp_path = posixpath.join(folder, f"{TMP_PREFIX}{run_key}--{stamp}.warc.gz{_INPROGRESS}")
        self._fh: IO[bytes] = store.fs.open(self.tmp_path, "wb")
        self._writer = WARCWriter(self._fh, gzip=True)
        self.count = 0

    def write(self, page: RawPage) -> None:
        headers = [(k, v) for k, v in page.headers.items() if k.lower() not in _DROP_HEADERS]
        headers.append(("Content-Length", str(len(page.body))))
        http_headers = StatusAndHeaders(f"{page.status} {'OK' if page.status == 200 else 'Status'}", headers, protocol="HTTP/1.1")
        warc_headers = {
            "WARC-Date": _warc_date(page.fetched_at),
            "WARC-Newspipe-Requested-URI": page.url,
        }
        if page.source:
            warc_headers["WARC-Newspipe-Source"] = page.source
        if page.redirects:  # identity needs the hops: each is an alias of the article
            warc_headers["WARC-Newspipe-Redirects"] = json.dumps(page.redirects)
        if not page.visit_known:  # WARC-Date is when it was read, not fetched: date nothing from it
            warc_headers["WARC-Newspipe-Visit-Unknown"] = "true"
        record = self._writer.create_warc_record(
            page.final_url, "response", payload=io.BytesIO(page.body), http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
        self._writer.write_record(record)
        self._fh.flush()
        self.count += 1

    def close(self) -> str | None:
        """Publish the file under its final name; an empty attempt leaves nothing."""
        self._fh.close()
        if self.count == 0:
            self.store.fs.rm(self.tmp_path)
            return None
        self.store.fs.mv(self.tmp_path, self.final_path)
        return self.final_path

    def __enter__(self) -> RawWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def raw_files(store: Store, run_key: str | None = None, include_interrupted: bool = True) -> list[str]:
    """WARC files of a run (or all), including those a crashed attempt left unfinished."""
    if not store.fs.exists(store.raw_dir):
        return []
    out = []
    for p in store.fs.find(store.raw_dir):
        name = posixpath.basename(p)
        interrupted = name.startswith(TMP_PREFIX) and name.endswith(_INPROGRESS)
        if interrupted and not include_interrupted:
            continue
        bare = name[len(TMP_PREFIX):] if interrupted else name
        if not (bare.endswith(".warc.gz") or bare.endswith(".warc.gz" + _INPROGRESS) or bare.endswith(".warc")):
            continue
        if run_key is None or bare.startswith(run_key + "--"):
            out.append(p)
    return sorted(out)


def run_key_of(path: str) -> str:
    name = posixpath.basename(path)
    if name.startswith(TMP_PREFIX):
        name = name[len(TMP_PREFIX):]
    return name.split("--", 1)[0]


def iter_warc(stream: IO[bytes], default_source: str | None = None) -> Iterator[RawPage]:
    """Response records of a WARC stream; a truncated tail ends iteration with a warning."""
    try:
        for rec in ArchiveIterator(stream):
            if rec.rec_type != "response":
                continue
            url = rec.rec_headers.get_header("WARC-Target-URI")
            if not url:  # a damaged or foreign file: no page to give back
                log.warning("raw: response record without WARC-Target-URI skipped")
                continue
            status = 200
            headers: dict[str, str] = {}
            if rec.http_headers is not None:
                try:
                    status = int(rec.http_headers.get_statuscode() or 200)
                except ValueError:
                    status = 200
                headers = {k.lower(): v for k, v in rec.http_headers.headers}
            body = rec.content_stream().read()
            when = rec.rec_headers.get_header("WARC-Date")
            try:
                fetched = datetime.fromisoformat(when.replace("Z", "+00:00")) if when else datetime.now(UTC)
            except ValueError:
                fetched = datetime.now(UTC)
            try:
                hops = json.loads(rec.rec_headers.get_header("WARC-Newspipe-Redirects") or "[]")
                redirects = [str(h) for h in hops] if isinstance(hops, list) else []
            except ValueError:
                redirects = []
            yield RawPage(
                url=rec.rec_headers.get_header("WARC-Newspipe-Requested-URI") or url,
                final_url=url,
                status=status,
                headers=headers,
                body=body,
                fetched_at=fetched,
                source=rec.rec_headers.get_header("WARC-Newspipe-Source") or default_source,
                redirects=redirects,
                visit_known=rec.rec_headers.get_header("WARC-Newspipe-Visit-Unknown") != "true",
            )
    except Exception as exc:  # noqa: BLE001 - truncated or damaged archive
        log.warning("raw: WARC stream ended early (%s); complete records before it were read", exc)


def iter_raw(store: Store, paths: Iterable[str]) -> Iterator[RawPage]:
    for path in paths:
        try:
            fh = store.fs.open(path, "rb")
        except FileNotFoundError:
            # an attempt running at the same time published its in-progress file meanwhile
            name = posixpath.basename(path)
            if not (name.startswith(TMP_PREFIX) and name.endswith(_INPROGRESS)):
                raise
            path = posixpath.join(posixpath.dirname(path), name[len(TMP_PREFIX):-len(_INPROGRESS)])
            if not store.fs.exists(path):
                log.warning("raw: %s vanished while reading; skipped", name)
                continue
            fh = store.fs.open(path, "rb")
        with fh:
            yield from iter_warc(fh)


def iter_manifest(manifest: Path, *, allow_outside: bool = False) -> Iterator[RawPage | tuple[str, str]]:
    """Pages of a JSON Lines manifest ({"url", "path"} relative to its folder) or a WARC file.

    Yields RawPage, or (url, reason) for a line that had to be skipped. A page path must
    resolve (symlinks followed) inside the manifest's folder unless `allow_outside`: a
    manifest from elsewhere must not make us read /etc/passwd or ../secrets. Raises
    UsageError when the manifest itself is not UTF-8 JSON Lines text.
    """
    from .errors import UsageError
    from .fetch import redact_url

    name = manifest.name.lower()
    if name.endswith((".warc", ".warc.gz")):
        with open(manifest, "rb") as fh:
            yield from iter_warc(fh, default_source=None)
        return
    base = manifest.parent.resolve()
    with open(manifest, encoding="utf-8") as fh:
        lineno = 0
        while True:
            try:
                line = fh.readline()
            except UnicodeDecodeError as exc:
                raise UsageError(f"{manifest}: line {lineno + 1} is not UTF-8 text ({exc.reason} at byte {exc.start})") from None
            if not line:
                break
            lineno += 1
            line = line.strip()
            if not line:
                continue
            where = f"{manifest}:{lineno}"
            try:
                entry = json.loads(line)
            except ValueError as exc:
                yield (where, f"bad_manifest_line: not JSON: {exc}")
                continue
            if not isinstance(entry, dict) or not isinstance(entry.get("url"), str) or not isinstance(entry.get("path"), str):
                yield (where, 'bad_manifest_line: needs {"url": string, "path": string}')
                continue
            url, rel = redact_url(entry["url"]), entry["path"]
            if "\x00" in rel:
                yield (url, f"bad_path: NUL in page path ({where})")
                continue
            try:
                path = (base / rel).resolve()
            except (OSError, RuntimeError, ValueError) as exc:
                yield (url, f"bad_path: {rel!r}: {exc}")
                continue
            if not allow_outside and not path.is_relative_to(base):
                yield (url, f"outside_manifest_dir: {rel!r} resolves outside {base} (--allow-outside to permit)")
                continue
            try:
                data = path.read_bytes()
                if path.name.endswith(".gz"):
                    data = gzip.decompress(data)
            except (OSError, EOFError, ValueError, gzip.BadGzipFile) as exc:
                yield (url, f"unreadable page file {rel}: {exc}")
                continue
            fetched, known = datetime.now(UTC), False
            if entry.get("fetched_at"):
                try:
                    fetched, known = datetime.fromisoformat(str(entry["fetched_at"]).replace("Z", "+00:00")), True
                except ValueError:
                    pass
            source = entry.get("source")
            yield RawPage(url=url, final_url=url, status=200, headers={}, body=data,
                          fetched_at=fetched, source=source if isinstance(source, str) else None, visit_known=known)
