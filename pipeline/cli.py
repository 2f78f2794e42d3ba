"""The `newspipe` command line."""

from __future__ import annotations

import hashlib
import json
import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import typer

from .config import ConfigError, Settings, load_settings

app = typer.Typer(add_completion=False, no_args_is_help=True, help="Multilingual news ingestion into a parquet store.")
log = logging.getLogger("newspipe")

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_MODELS_DIR = REPO_ROOT / "tests" / "models"


def _setup_logging(verbose: bool) -> None:
    """Plain one-line logs on stderr: readable in a terminal, in CI and in Airflow."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)-7s %(name)s: %(message)s",
        datefmt="%H:%M:%S",
        stream=sys.stderr,
        force=True,
    )
    for noisy in ("httpx", "httpcore", "trafilatura", "htmldate", "urllib3", "charset_normalizer"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _console():
    from rich.console import Console

    return Console(stderr=True)


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="debug logging")) -> None:
    _setup_logging(verbose)


def _settings(config: Path | None, store: str | None, extra: dict | None = None) -> Settings:
    overrides = dict(extra or {})
    if store:
        overrides["store.root"] = store
    try:
        import os

        if store is None and os.environ.get("NEWSPIPE_STORE"):
            overrides["store.root"] = os.environ["NEWSPIPE_STORE"]
        return load_settings(config, overrides=overrides)
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def _progress(description: str) -> Iterator:
    """A progress bar on stderr; yields a callback (done, total)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=_console(), transient=False) as progress:
        task = progress.add_task(description, total=None)

        def update(done: int, total: int | None) -> None:
            progress.update(task, completed=done, total=total)

        yield update


def _print_reports(reports: list[dict]) -> None:
    from rich.table import Table

    table = Table(title="newspipe run")
    for col in ("source", "discovered", "fetched", "failed", "extracted", "landed (new)", "already stored", "translated"):
        table.add_column(col)
    for r in reports:
        if "error" in r:
            table.add_row(r.get("source", "?"), f"[red]error: {r['error']}[/red]", "", "", "", "", "", "")
            continue
        tr = r.get("translation") or {}
        table.add_row(
            r.get("source", ""), str(r.get("discovered", "")), str(r.get("fetched", "")), str(r.get("fetch_failed", "")),
            str(r.get("extracted", "")), f"{r.get('landed', 0)} ({r.get('new', 0)})",
            str(r.get("already_stored", 0) + r.get("already_stored_before_fetch", 0)),
            str(tr.get("translated_records", tr.get("translated", ""))),
        )
    _console().print(table)


def _run_sources(settings: Settings, names: list[str] | None, since: datetime | str | None,
                 until: datetime | str | None, translate: bool) -> list[dict]:
    from . import runner

    interval = runner.default_interval(since, until)
    log.info("run: interval %s .. %s into %s", interval.start.isoformat(), interval.end.isoformat(), settings.store.root)
    return runner.run_interval(interval.start, interval.end, sources=names, settings=settings, translate=translate,
                               progress_for=lambda name: _progress(f"{name}: fetching"))


@app.command()
def run(
    sources: list[str] | None = typer.Option(None, "--sources", "-s", help="source names (default: all enabled)"),
    since: str | None = typer.Option(None, help="interval start, ISO 8601 UTC (default: until - 24h)"),
    until: str | None = typer.Option(None, help="interval end, ISO 8601 UTC (default: now)"),
    store: str | None = typer.Option(None, help="store root: a path or fsspec URI (default from settings)"),
    config: Path | None = typer.Option(None, help="settings.yaml (default config/settings.yaml)"),
    sources_file: Path | None = typer.Option(None, "--sources-file", help="sources YAML (default config/sources.yaml)"),
    no_translate: bool = typer.Option(False, "--no-translate"),
    as_json: bool = typer.Option(False, "--json", help="print the run reports as JSON on stdout"),
) -> None:
    """One pass over the configured sources for an interval."""
    import os

    settings = _settings(config, store)
    if sources_file:
        os.environ["NEWSPIPE_SOURCES"] = str(sources_file)
    try:
        from . import runner

        names = sources or None
        runner.get_sources(names)  # validate before any work starts
        reports = _run_sources(settings, names, since, until, not no_translate)
    except (ConfigError, ValueError) as exc:
        _fail(str(exc))
        return
    if as_json:
        typer.echo(json.dumps(reports, default=str, indent=1))
    else:
        _print_reports(reports)
    if reports and all("error" in r for r in reports):
        raise typer.Exit(1)


@app.command("ingest-files")
def ingest_files(
    manifest: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSON Lines manifest {url, path} or a .warc/.warc.gz file"),
    store: str = typer.Option(..., help="store root"),
    config: Path | None = typer.Option(None, help="settings.yaml"),
    source: str = typer.Option("files", help="source name recorded on the rows"),
    no_translate: bool = typer.Option(False, "--no-translate"),
) -> None:
    """Process saved pages offline (archives, CC-NEWS, your own raw store)."""
    from . import runner
    from .rawstore import iter_manifest

    settings = _settings(config, store)
    digest = hashlib.sha256(str(manifest.resolve()).encode()).hexdigest()[:10]
    run_key = f"files-{manifest.name.split('.')[0]}-{digest}"
    pages = list(iter_manifest(manifest))
    log.info("ingest-files: %d page(s) from %s", len(pages), manifest)
    report = runner.ingest_pages(pages, run_key, source=source, settings=settings, translate=not no_translate)
    typer.echo(json.dumps(report, default=str, indent=1))


@app.command()
def langid() -> None:
    """Read text lines on stdin; write one JSON object per line (language, confidence, route)."""
    from .language import langid_stream

    langid_stream(sys.stdin, sys.stdout)


@app.command()
def reprocess(
    since: str = typer.Option(..., help="start of the interval (ISO 8601 UTC)"),
    until: str = typer.Option(..., help="end of the interval (ISO 8601 UTC)"),
    sources: list[str] | None = typer.Option(None, "--sources", "-s"),
    store: str | None = typer.Option(None),
    config: Path | None = typer.Option(None),
    no_translate: bool = typer.Option(False, "--no-translate"),
) -> None:
    """Rebuild the articles of an interval from the raw pages kept, without the network."""
    from . import runner

    settings = _settings(config, store)
    reports = runner.reprocess(since, until, sources or None, not no_translate, settings=settings)
    typer.echo(json.dumps(reports, default=str, indent=1))


@app.command()
def stats(store: str | None = typer.Option(None), config: Path | None = typer.Option(None)) -> None:
    """Articles per source and language in the store."""
    from . import runner

    typer.echo(json.dumps(runner.store_stats(_settings(config, store)), default=str, indent=1))


@app.command()
def summary(store: str | None = typer.Option(None), config: Path | None = typer.Option(None)) -> None:
    """Build summaries/daily_summary.parquet (articles per source, language and day)."""
    from . import runner

    typer.echo(json.dumps(runner.build_daily_summary(_settings(config, store)), default=str))


def install_demo_models(target: Path) -> Path:
    """Install the committed test models into `target` (never downloads); pairs already there are kept."""
    from .translate.models import install_from_file, list_models

    target.mkdir(parents=True, exist_ok=True)
    have = {(m.from_code, m.to_code) for m in list_models(target)}
    for pkg in sorted(TEST_MODELS_DIR.glob("translate-*_*-*.argosmodel")):
        pair = tuple(pkg.stem.split("-")[1].split("_", 1))  # translate-ru_en-test -> (ru, en)
        if pair not in have:
            install_from_file(pkg, target)
    return target


@app.command()
def demo(
    store: Path = typer.Option(Path("data"), help="where the demo store goes"),
    port: int = typer.Option(8765, help="port of the local news web; keep it fixed: article URLs, and so "
                             "their ids, include it (0 = any free port)"),
    keep_serving: bool = typer.Option(False, help="keep the news web running after the pass"),
) -> None:
    """Start the local news web on 127.0.0.1 and run the pipeline against it into ./data/."""
    import os
    import tempfile

    import yaml

    from .newsweb import NewsWeb

    store = store.resolve()
    store.mkdir(parents=True, exist_ok=True)
    models_dir = install_demo_models(store / "_state" / "models")
    settings = _settings(None, str(store), {
        "fetch.allowed_networks": ["127.0.0.1"], "fetch.delay_seconds": 0.0, "fetch.backoff_seconds": 0.2,
        "translation.models_dir": str(models_dir),
    })
    with NewsWeb(port=port) as web:
        log.info("demo: local news web at %s", web.base_url)
        with tempfile.TemporaryDirectory() as tmp:
            sources_path = Path(tmp) / "sources.yaml"
            sources_path.write_text(yaml.safe_dump(web.sources_config(), allow_unicode=True), encoding="utf-8")
            os.environ["NEWSPIPE_SOURCES"] = str(sources_path)
            today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
            reports = _run_sources(settings, None, today - timedelta(days=3), today + timedelta(days=1), True)
        _print_reports(reports)
        typer.echo(
            f"\nStore: {store}\nTry:\n  duckdb -c \"SELECT source, language, count(*) AS n, count(text_en) AS english "
            f"FROM read_parquet('{store}/articles/**/*.parquet', hive_partitioning = true) GROUP BY ALL ORDER BY ALL\""
        )
        if keep_serving:
            typer.echo(f"news web still serving at {web.base_url}; Ctrl-C to stop")
            try:
                import time

                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass


def _mount_translation() -> None:
    """`newspipe models ...` and `newspipe translate` come from the translation package."""
    try:
        from .translate import cli as tcli
    except ImportError:  # translation package not present
        return
    app.add_typer(tcli.models_app, name="models", help="List and install translation models (Argos packages).")

    @app.command()
    def translate(source: str = typer.Option(..., "--source", help="source language, e.g. ru"),
                  target: str = typer.Option("en", "--target")) -> None:
        """Translate stdin lines to stdout lines with the installed model."""
        tcli.translate_command(source, target)


_mount_translation()


@app.command()
def bench(
    what: str = typer.Argument("all", help="all | extraction | langid | translate | store"),
    eval_dir: Path | None = typer.Option(None, help="evaluation folder (default ../shared/eval)"),
    memory: int = typer.Option(5000, help="extraction: RSS growth over N pages (0 to skip)"),
    json_out: Path | None = typer.Option(None, "--json", help="also write every figure to this JSON file"),
    half: int | None = typer.Option(None, help="extraction: quality on one half (0 or 1) of the dev pages only"),
    no_speed: bool = typer.Option(False, "--no-speed", help="extraction: quality figures only"),
) -> None:
    """Print quality and speed figures against ../shared/eval next to the bare libraries."""
    from .bench.__main__ import main as bench_main

    argv = [what, f"--memory={memory}"] + ([f"--eval-dir={eval_dir}"] if eval_dir else [])
    argv += ([f"--half={half}"] if half is not None else []) + (["--no-speed"] if no_speed else [])
    raise typer.Exit(bench_main(argv + ([f"--json={json_out}"] if json_out else [])))


if __name__ == "__main__":
    app()
