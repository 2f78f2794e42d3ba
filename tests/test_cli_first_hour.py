"""What a new user sees from `stats`, `summary` and `demo`: tables for people, JSON on request,
one clear line when the store or the port is not right, nothing created by reading."""

from __future__ import annotations

import json
import socket
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.record import ArticleRecord
from pipeline.store import Store
from pipeline.storeview import run_table


def _rec(n: int, lang: str, translated: bool) -> ArticleRecord:
    return ArticleRecord(
        url=f"https://x.example/{lang}/{n}", canonical_url=f"https://x.example/{lang}/{n}", source=f"src-{lang}",
        fetched_at=datetime(2026, 11, 25, 23, tzinfo=UTC), title="t", text="x", language=lang,
        published_at=datetime(2026, 11, 24, 12, tzinfo=UTC),
        text_en="x" if translated or lang == "en" else None,
        translation_model="translate-ru_en 0.1" if translated else None,
    )


@pytest.fixture
def store(tmp_path) -> str:
    root = tmp_path / "store"
    Store(str(root)).land([_rec(1, "en", False), _rec(2, "en", False), _rec(3, "ru", True), _rec(4, "ru", False)],
                          "r1", date(2026, 11, 24))
    return str(root)


@pytest.mark.parametrize("command", [["stats"], ["summary"], ["query", "SELECT 1"], ["maintain"], ["store", "check"],
                                     ["store", "rebuild-registry"],
                                     ["reprocess", "--since", "2026-11-01", "--until", "2026-11-02"]], ids=" ".join)
def test_a_missing_store_is_an_error_naming_it_and_nothing_is_created(tmp_path, monkeypatch, command):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NEWSPIPE_STORE", raising=False)
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 2
    assert "no store at ./data" in result.output and "--store" in result.output
    assert "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []  # no ./data/ (query, maintain and store check used to create one)
    other = CliRunner().invoke(app, [*command, "--store", str(tmp_path / "nowhere")])
    assert other.exit_code == 2 and "nowhere" in other.output
    assert not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("command", ["stats", "summary"])
def test_an_empty_store_says_so(tmp_path, command):
    (tmp_path / "empty").mkdir()
    result = CliRunner().invoke(app, [command, "--store", str(tmp_path / "empty")])
    assert result.exit_code == 0
    assert "holds no articles yet" in result.output
    assert not (tmp_path / "empty" / "summaries").exists()  # reading an empty store writes no summary
    assert list((tmp_path / "empty").iterdir()) == []  # nor its _state/ (opening a store made it)
    result = CliRunner().invoke(app, ["query", "SELECT 1 AS one", "--store", str(tmp_path / "empty")])
    assert result.exit_code == 0 and list((tmp_path / "empty").iterdir()) == []
    result = CliRunner().invoke(app, ["store", "check", "--store", str(tmp_path / "empty")])
    assert result.exit_code == 0 and json.loads(result.stdout)["ok"] and list((tmp_path / "empty").iterdir()) == []


def test_stats_prints_a_table_with_in_english_and_translated_apart(store):
    result = CliRunner().invoke(app, ["stats", "--store", store], env={"COLUMNS": "150"})
    assert result.exit_code == 0, result.output
    assert "in English" in result.output and "translated" in result.output
    rows = [line for line in result.output.splitlines() if "src-" in line]
    cells = {line.split("│")[1].strip(): [c.strip() for c in line.split("│")[2:6]] for line in rows}
    # en: 2 articles, both in English, none machine-translated; ru: 2 articles, 1 translated
    assert cells == {"src-en": ["en", "2", "2", "0"], "src-ru": ["ru", "2", "1", "1"]}
    assert "4 articles over 1 ingest day." in result.output  # from the summary: no file count (was "in ? files")
    assert "?" not in result.output


def test_stats_json_is_for_machines(store):
    result = CliRunner().invoke(app, ["stats", "--store", store, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    by = {r["language"]: (r["articles"], r["in_english"], r["translated"]) for r in data["by_source_language"]}
    assert by == {"en": (2, 2, 0), "ru": (2, 1, 1)}


def test_summary_prints_a_table_and_json_on_request(store):
    table = CliRunner().invoke(app, ["summary", "--store", store], env={"COLUMNS": "150"})
    assert table.exit_code == 0, table.output
    assert "2026-11-24" in table.output and "share translated" in table.output and "50%" in table.output
    machine = CliRunner().invoke(app, ["summary", "--store", store, "--json"])
    data = json.loads(machine.stdout)
    assert data["rows"] == 2
    assert {(r["language"], r["articles"], r["translated"]) for r in data["summary"]} == {("en", 2, 0), ("ru", 2, 1)}


def test_demo_with_its_port_in_use_is_one_line_naming_port(tmp_path):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = CliRunner().invoke(app, ["demo", "--store", str(tmp_path / "data"), "--port", str(port)])
    assert result.exit_code == 2
    assert result.output.strip().count("\n") == 0, result.output
    assert f"port {port}" in result.output and "--port" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "data").exists()


def test_run_table_counts_a_robots_refusal_as_refused_not_failed():
    report = {"source": "s", "discovered": 5, "fetched": 3, "fetch_failed": 2,
              "fetch_skips": {"robots_disallowed": 1, "http_503": 1}, "extracted": 3, "landed": 3, "new": 3}
    from rich.console import Console

    console = Console(width=200, record=True)
    console.print(run_table([report]))
    row = next(line for line in console.export_text().splitlines() if line.startswith("│ s "))
    cells = [c.strip() for c in row.split("│")[1:-1]]
    assert cells[:5] == ["s", "5", "3", "1", "1"]  # found, fetched, failed 1 (the 503), refused 1 (robots.txt)


def test_demo_with_a_port_out_of_range_is_bad_usage(tmp_path):
    """--port 99999 was an OverflowError from bind() and exit 1."""
    result = CliRunner().invoke(app, ["demo", "--store", str(tmp_path / "data"), "--port", "99999"])
    assert result.exit_code == 2 and "--port" in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("args, needle", [
    (["query"], "Missing argument 'sql'"),
    (["run", "--nope"], "No such option: --nope"),
    (["run", "--since"], "'--since' requires an argument"),
    (["stats", "extra"], "unexpected extra argument"),
    (["nosuch"], "No such command 'nosuch'"),
    (["ingest-files", "/nonexistent/m.jsonl", "--store", "x"], "does not exist"),
])
def test_typer_usage_errors_are_one_line_exit_2(args, needle):
    """The README promises one line on stderr for every bad input; Typer drew a 5-line usage box."""
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, (result.exit_code, result.output)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and needle in lines[0], lines
    assert "╭" not in result.output


def test_newspipe_alone_still_shows_the_help():
    result = CliRunner().invoke(app, [])
    assert "Usage: " in result.output and "query" in result.output and "error:" not in result.output


@pytest.mark.parametrize("command", [["run", "-s", "tass"], ["demo", "--port", "0"], ["reprocess", "--since", "2026-11-01",
                                     "--until", "2026-11-02"], ["stats"], ["query", "SELECT 1"], ["maintain"],
                                     ["store", "check"]], ids=lambda c: c[0])
def test_a_store_that_is_a_file_is_one_line_before_any_work(tmp_path, command):
    """`run --store FILE` failed every source with a NotADirectoryError traceback in the log (exit 1),
    `demo` and `ingest-files` with FileExistsError/NotADirectoryError."""
    not_a_folder = tmp_path / "store.txt"
    not_a_folder.write_text("keep me")
    result = CliRunner().invoke(app, [*command, "--store", str(not_a_folder)])
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stderr.strip().splitlines() == [f"error: store {not_a_folder} is a file, not a store folder"
                                                  + (" (--store)" if command[0] == "demo" else
                                                     " (--store, NEWSPIPE_STORE or store.root)")]
    assert not_a_folder.read_text() == "keep me"
