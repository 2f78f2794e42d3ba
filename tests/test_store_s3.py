"""The object-store path end to end: an S3-compatible server on 127.0.0.1 (moto's
server mode, as s3fs's own tests use it), the registry and the landing lock on the
local PostgreSQL. Landing, a concurrent second lander, maintenance and
`newspipe query` all go through s3fs exactly as against a real bucket."""

from __future__ import annotations

import json
import multiprocessing as mp
import uuid
from datetime import UTC, date, datetime

import pytest
import yaml
from conftest import drop_registry_tables, pg_or_skip
from typer.testing import CliRunner

PG = "postgresql://127.0.0.1:5432/test"
DAYS = [date(2026, 11, 1), date(2026, 11, 2)]
LATER = date(2026, 12, 1)


@pytest.fixture()
def s3(monkeypatch):
    pytest.importorskip("s3fs")
    from moto.server import ThreadedMotoServer

    pg_or_skip(PG)
    for k, v in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(k, v)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    endpoint = f"http://{host}:{port}"
    options = {"key": "testing", "secret": "testing", "client_kwargs": {"endpoint_url": endpoint, "region_name": "us-east-1"}}
    import boto3

    bucket = f"news-{uuid.uuid4().hex[:8]}"
    boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1").create_bucket(Bucket=bucket)
    table = f"t_{uuid.uuid4().hex[:10]}"  # unique registry tables per test in the shared database
    yield {"root": f"s3://{bucket}/store", "options": options, "table": table}
    drop_registry_tables(PG, table)
    server.stop()


def _store(cfg: dict, **kw):
    from pipeline.store import Store

    return Store(cfg["root"], storage_options=cfg["options"], lock_url=PG, registry_table=cfg["table"], **kw)


def rec(n: int, title: str = "t"):
    from pipeline.record import ArticleRecord

    return ArticleRecord(url=f"https://news.example/a/{n}", canonical_url=f"https://news.example/a/{n}", source="s",
                         fetched_at=datetime(2026, 11, 1, 12, tzinfo=UTC), title=f"{title} {n}", text=f"body {n}",
                         language="en", published_at=datetime(2026, 11, 1, 9, tzinfo=UTC))


def _second_lander(cfg: dict, q) -> None:
    store = _store(cfg)
    total = 0
    for k in range(6):
        total += store.land([rec(1000 + 100 * k + i, "second") for i in range(15)], f"20261101T{k:02d}_b", DAYS[0]).landed
    q.put(total)


def test_object_store_landing_concurrent_lander_maintenance_and_query(s3, tmp_path, monkeypatch):
    from pipeline.cli import app
    from pipeline.maintenance import check, maintain
    from pipeline.store import Store, StoreConfigError

    store = _store(s3)
    assert store.land([rec(i) for i in range(10)], "20261101T00_a", DAYS[0]).landed == 10
    assert store.backend()["registry"].startswith("postgresql://127.0.0.1:5432/test#")

    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    other = ctx.Process(target=_second_lander, args=(s3, q))
    other.start()
    mine = 0
    for k in range(6):  # overlapping ids with the second lander: each lands once
        mine += store.land([rec(1000 + 100 * k + i, "first") for i in range(5, 20)], f"20261101T{k:02d}_c", DAYS[0]).landed
    store.land([rec(i) for i in range(50, 60)], "20261102T00_a", DAYS[1])
    other.join(120)
    assert other.exitcode == 0
    theirs = q.get(timeout=10)
    assert mine + theirs == 6 * 20  # ids 1000+100k .. +19 per k: 20 distinct per round, none lost or twice

    # a fresh worker pays no rebuild: the registry is shared in PostgreSQL
    fresh = _store(s3)
    reads: list[str] = []
    real = Store._read_entries
    monkeypatch.setattr(Store, "_read_entries", lambda self, p: reads.append(p) or real(self, p))
    assert fresh.known_ids([rec(3).article_id, rec(1005).article_id, rec(9999).article_id]) == {
        rec(3).article_id, rec(1005).article_id}
    assert reads == []

    # a lander with another lock is refused
    with pytest.raises(StoreConfigError, match="lock"):
        Store(s3["root"], storage_options=s3["options"]).land([rec(77)], "x", DAYS[0])

    report = maintain(fresh, today=LATER)
    assert {c["day"] for c in report["compacted"]} == {d.isoformat() for d in DAYS}
    files = fresh.article_files()
    assert len(files) == 2 and all("/compact-" in f for f in files)
    res = fresh.land([rec(0, "updated"), rec(99)], "20261101T00_a", DAYS[0])  # rerun after compaction
    assert res.replaced == 1 and res.new == 1 and res.landed == 11
    assert len(fresh.article_files()) == 2
    assert check(fresh, deep=True)["ok"]

    settings = tmp_path / "settings.yaml"
    settings.write_text(yaml.safe_dump({"store": {"root": s3["root"], "storage_options": s3["options"], "lock_url": PG,
                                                  "registry_table": s3["table"]}}))
    out = CliRunner().invoke(app, ["query", "SELECT count(*) AS n, count(DISTINCT article_id) AS d, "
                                   "count(*) FILTER (WHERE title = 'updated 0') AS u FROM articles",
                                   "--config", str(settings), "--format", "json"])
    assert out.exit_code == 0, out.output
    assert json.loads(out.stdout) == [{"n": 141, "d": 141, "u": 1}]  # 10 + 1 + 120 + 10, each once
