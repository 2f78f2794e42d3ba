"""`newspipe demo`: lands en/ru/zh articles, ru/zh translated by the committed test models, and a rerun adds nothing."""

from __future__ import annotations

import socket

import duckdb
from typer.testing import CliRunner

from pipeline.cli import app


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _counts(store) -> dict:
    rows = duckdb.sql(
        f"SELECT language, count(*), count(DISTINCT article_id), count(text_en), count(title_en), "
        f"count(translation_model) FROM read_parquet('{store}/articles/**/*.parquet', hive_partitioning = true) "
        f"GROUP BY 1"
    ).fetchall()
    return {lang: rest for lang, *rest in rows}


def test_demo_lands_translated_articles_and_rerun_adds_nothing(tmp_path):
    store, port = tmp_path / "data", _free_port()
    runner = CliRunner()
    first = runner.invoke(app, ["demo", "--store", str(store), "--port", str(port)])
    assert first.exit_code == 0, first.output
    counts = _counts(store)
    for lang in ("en", "ru", "zh"):
        n, distinct, text_en, title_en, model = counts[lang]
        assert n == distinct >= 4
        assert text_en == title_en == n  # English is its own translation; ru/zh by the test models
        assert model == (0 if lang == "en" else n)
    second = runner.invoke(app, ["demo", "--store", str(store), "--port", str(port)])
    assert second.exit_code == 0, second.output
    assert _counts(store) == counts
