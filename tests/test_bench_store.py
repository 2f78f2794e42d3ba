"""The synthetic store of `newspipe bench store --build` is what landings leave."""

from __future__ import annotations

import os

from pipeline.bench.store import _run_table, _Texts, build, run_key_of
from pipeline.maintenance import check
from pipeline.record import ArticleRecord
from pipeline.registry import id_of_key
from pipeline.store import Store


def _registry(store: Store) -> set[tuple[str, str, str]]:
    rows = store.registry._query("SELECT i.id, r.run_key, f.path FROM {p}_ids i JOIN {p}_runs r ON r.run_id = i.run_id "
                                 "JOIN {p}_files f ON f.file_id = i.file_id")
    return {(id_of_key(k), rk, path) for k, rk, path in rows}


def test_built_store_equals_the_store_landings_leave(tmp_path):
    built = Store(str(tmp_path / "built"))
    build(built.root, 40, 6, progress=False)
    landed = Store(str(tmp_path / "landed"))
    texts = _Texts()
    for i in range(40):
        table = _run_table(i, 6, texts)
        run_key, day = run_key_of(i)
        res = landed.land([ArticleRecord.from_row(r) for r in table.to_pylist()], run_key, day)
        assert res.new == 6
    rel = lambda s: sorted(os.path.relpath(f, s.path) for f in s.article_files())  # noqa: E731
    assert rel(built) == rel(landed) and len(rel(built)) == 40
    assert _registry(built) == _registry(landed)  # article ids and alias ids, same runs, same files
    assert len(_registry(built)) == 40 * 6 + 40 * 2  # one alias in four rows (rows 0 and 4 of each run)
    assert check(built, deep=True)["ok"]
    again = built.land([ArticleRecord.from_row(r) for r in _run_table(7, 6, _Texts(seed=99)).to_pylist()], "other", run_key_of(39)[1])
    assert again.already_stored == 6 and again.new == 0


def test_build_refuses_a_folder_that_holds_anything(tmp_path):
    """`bench store --build` into a real store mixed synthetic rows and ids into its articles."""
    from typer.testing import CliRunner

    from pipeline.cli import app

    real = Store(str(tmp_path / "real"))
    build(real.root, 2, 3, progress=False)
    before = sorted(p.name for p in (tmp_path / "real").rglob("*.parquet"))
    cli = CliRunner()
    res = cli.invoke(app, ["bench", "store", "--build", real.root, "--runs", "3", "--rows", "2"])
    assert res.exit_code == 2 and "not an empty folder" in res.stderr and res.stderr.count("\n") == 1, res.output
    assert sorted(p.name for p in (tmp_path / "real").rglob("*.parquet")) == before
    res = cli.invoke(app, ["bench", "store", "--build", str(tmp_path / "new"), "--runs", "3", "--rows", "-1"])
    assert res.exit_code == 2 and "--rows -1" in res.stderr and not (tmp_path / "new").exists()
    (tmp_path / "empty").mkdir()
    res = cli.invoke(app, ["bench", "store", "--build", str(tmp_path / "empty"), "--runs", "3", "--rows", "2"])
    assert res.exit_code == 0, res.output
    assert len(list((tmp_path / "empty").rglob("*.parquet"))) == 3
