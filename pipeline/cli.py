"""The `newspipe` command line.

Exit codes: 0 done; 1 the run failed (every source failed, or an unexpected error);
2 bad usage, configuration or input (one line names it); 3 nothing landed from a
non-empty input. An unexpected error is one line too; `-v` adds the traceback.
"""

from __future__ import annotations

import errno
import hashlib
import json
import logging
import sys
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import typer
from typer._click import ClickException, Context
from typer._click.exceptions import UsageError as TyperUsageError
from typer.core import TyperGroup

from .config import ConfigError, Settings, load_settings
from .demomodels import TEST_BANNER, install_demo_models
from .errors import UsageError, redact_text
from .runref import RunRef, SourceFailed

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_NOTHING_LANDED = 0, 1, 2, 3
_verbose = False


class _Handled(TyperGroup):
    """Every command's errors end here: one line on stderr and an exit code, never a traceback
    (unless -v). Typer's own usage errors (unknown flag, missing argument, a value out of
    range) keep their exit 2 and become one line too, instead of a usage box."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None, complete_var: str | None = None,
             standalone_mode: bool = True, windows_expand_args: bool = True, **extra: Any) -> Any:
        def call(standalone: bool) -> Any:
            return super(_Handled, self).main(args, prog_name, complete_var, standalone, windows_expand_args, **extra)

        if not standalone_mode:
            return call(False)
        try:
            code = call(False)
        except TyperUsageError as exc:
            if type(exc).__name__ == "NoArgsIsHelpError":  # `newspipe` alone: the help, as before
                return call(True)
            where = f" (see `{exc.ctx.command_path} --help`)" if exc.ctx is not None else ""
            typer.echo(f"error: {redact_text(' '.join(exc.format_message().split()))}{where}", err=True)
            sys.exit(exc.exit_code)
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            sys.exit(1)
        except ClickException as exc:
            typer.echo(f"error: {redact_text(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Context) -> object:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, ClickException):
            raise
        except (UsageError, ConfigError) as exc:
            _die(str(exc), EXIT_USAGE, exc)
        except KeyboardInterrupt:
            _die("interrupted", 130, None)
        except Exception as exc:  # noqa: BLE001 - the top-level handler
            _die(f"{type(exc).__name__}: {exc}" + ("" if _verbose else " (run with -v for the traceback)"), EXIT_FAILED, exc)
        return None


def _die(message: str, code: int, exc: BaseException | None) -> None:
    if _verbose and exc is not None:
        import traceback

        typer.echo(redact_text("".join(traceback.format_exception(exc))), err=True)
    typer.echo(f"error: {redact_text(message)}", err=True)
    raise typer.Exit(code)


app = typer.Typer(cls=_Handled, add_completion=False, no_args_is_help=True,
                  help="Multilingual news ingestion into a parquet store.")
log = logging.getLogger("newspipe")

REPO_ROOT = Path(__file__).resolve().parent.parent
_STORE_HELP = "store root: a path or fsspec URI (default: $NEWSPIPE_STORE, else store.root in settings, ./data)"
_CONFIG_HELP = "settings.yaml (default config/settings.yaml)"


def _setup_logging(verbose: bool) -> None:
    """Logs on stderr, drawn with the progress display on a terminal, plain lines elsewhere."""
    from .progress import setup_logging

    setup_logging(verbose)


def _console():
    from .progress import console

    return console()


@app.callback()
def main(verbose: bool = typer.Option(False, "--verbose", "-v", help="debug logging and tracebacks")) -> None:
    global _verbose
    _verbose = verbose
    _setup_logging(verbose)


def _settings(config: Path | None, store: str | None, extra: dict | None = None) -> Settings:
    """Settings from config.load_settings (the one resolution: file, environment, then these flags)."""
    overrides = dict(extra or {})
    if store:
        overrides["store.root"] = store
    try:
        settings = load_settings(config, overrides=overrides)
    except ConfigError as exc:
        _fail(str(exc))
        raise  # unreachable
    root = settings.store.root
    if "://" not in root and Path(root).exists() and not Path(root).is_dir():  # before any stage trips on it
        _fail(f"store {root} is a file, not a store folder (--store, NEWSPIPE_STORE or store.root)")
    return settings


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"error: {redact_text(message)}", err=True)
    raise typer.Exit(code)


def _when(value: str | None, flag: str) -> datetime | None:
    """An ISO 8601 time from a flag (naive = UTC), or UsageError naming the flag."""
    if value is None:
        return None
    try:
        dt = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(f"{flag}: not an ISO 8601 date or time: {value!r} (e.g. 2024-05-01 or 2024-05-01T06:00Z)") from None
    return dt.replace(tzinfo=UTC) if dt.tzinfo is None else dt.astimezone(UTC)


def _print_reports(reports: Sequence[Mapping[str, Any]]) -> None:
    from .storeview import run_table

    _console().print(run_table(reports))


def _run_sources(settings: Settings, names: list[str] | None, since: datetime | str | None,
                 until: datetime | str | None, translate: bool) -> list[RunRef | SourceFailed]:
    from . import runner
    from .progress import source_progress

    def iso(value: datetime | str | None) -> str | None:
        return value.isoformat() if isinstance(value, datetime) else value

    interval = runner.default_interval(iso(since), iso(until))
    log.info("run: interval %s .. %s into %s", interval.start.isoformat(), interval.end.isoformat(), settings.store.root)
    return runner.run_interval(interval.start, interval.end, sources=names, settings=settings, translate=translate,
                               progress_for=source_progress)


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
    settings = _settings(config, store, {"sources_file": str(sources_file)} if sources_file else None)
    start, end = _when(since, "--since"), _when(until, "--until")
    if start and end and end <= start:
        raise UsageError(f"--until {until} is not after --since {since}")
    from . import runner

    names = sources or None
    if not runner.get_sources(names, settings):  # validate before any work starts
        raise UsageError("no enabled sources to run (all are disabled)")
    reports = _run_sources(settings, names, start, end, not no_translate)
    if as_json:
        typer.echo(json.dumps(reports, default=str, indent=1))
    else:
        _print_reports(reports)
    if reports and all("error" in r for r in reports):
        raise typer.Exit(EXIT_FAILED)
    if _nothing_landed(reports):
        typer.echo("error: nothing landed although articles were discovered (see the skips in the run reports)", err=True)
        raise typer.Exit(EXIT_NOTHING_LANDED)


def _nothing_landed(reports: Sequence[Mapping[str, Any]]) -> bool:
    """Input was there (URLs discovered) but no row landed and none was already stored."""
    found = sum(r.get("discovered", 0) or 0 for r in reports)
    landed = sum((r.get("landed", 0) or 0) + (r.get("already_stored", 0) or 0)
                 + (r.get("already_stored_before_fetch", 0) or 0) for r in reports)
    return found > 0 and landed == 0


@app.command("ingest-files")
def ingest_files(
    manifest: Path = typer.Argument(..., exists=True, dir_okay=False, help="JSON Lines manifest {url, path} or a .warc/.warc.gz file"),
    store: str = typer.Option(..., help="store root"),
    config: Path | None = typer.Option(None, help="settings.yaml"),
    source: str = typer.Option("files", help="source name recorded on the rows"),
    no_translate: bool = typer.Option(False, "--no-translate"),
    allow_outside: bool = typer.Option(False, "--allow-outside",
                                       help="read page paths that resolve outside the manifest's folder"),
) -> None:
    """Process saved pages offline (archives, CC-NEWS, your own raw store)."""
    from . import runner
    from .rawstore import iter_manifest

    settings = _settings(config, store)
    digest = hashlib.sha256(str(manifest.resolve()).encode()).hexdigest()[:10]
    run_key = f"files-{manifest.name.split('.')[0]}-{digest}"
    pages = list(iter_manifest(manifest, allow_outside=allow_outside))
    log.info("ingest-files: %d page(s) from %s", len(pages), manifest)
    report = runner.ingest_pages(pages, run_key, source=source, settings=settings, translate=not no_translate)
    typer.echo(json.dumps(report, default=str, indent=1))
    land = report.get("land") or {}
    if pages and not (land.get("landed") or land.get("already_stored")):
        typer.echo(f"error: nothing landed from {manifest} ({report.get('skipped', 0)} page(s) skipped: "
                   f"{report.get('skip_reasons')})", err=True)
        raise typer.Exit(EXIT_NOTHING_LANDED)


@app.command()
def langid() -> None:
    """Read text lines on stdin; write one JSON object per line (language, confidence, route)."""
    from .errors import stdin_lines
    from .language import langid_stream

    langid_stream(stdin_lines(), sys.stdout)


@app.command()
def reprocess(
    since: str = typer.Option(..., help="start of the interval (ISO 8601 UTC)"),
    until: str = typer.Option(..., help="end of the interval (ISO 8601 UTC)"),
    sources: list[str] | None = typer.Option(None, "--sources", "-s"),
    store: str | None = typer.Option(None, help=_STORE_HELP),
    config: Path | None = typer.Option(None, help=_CONFIG_HELP),
    no_translate: bool = typer.Option(False, "--no-translate"),
) -> None:
    """Rebuild the articles of an interval from the raw pages kept, without the network."""
    from . import runner

    start, end = _when(since, "--since"), _when(until, "--until")
    if start and end and end <= start:
        raise UsageError(f"--until {until} is not after --since {since}")
    settings = _existing_store(config, store)  # the raw pages are in a store: a mistyped one is an error
    reports = runner.reprocess(start or since, end or until, sources or None, not no_translate, settings=settings)
    typer.echo(json.dumps(reports, default=str, indent=1))


def _existing_store(config: Path | None, store: str | None) -> Settings:
    """Settings of a store that exists: reading commands never create one."""
    from .storeview import missing_store

    settings = _settings(config, store)
    problem = missing_store(settings.store.root, settings.store.storage_options)
    if problem:
        _fail(problem)
    return settings


@app.command()
def stats(store: str | None = typer.Option(None, help=_STORE_HELP),
          config: Path | None = typer.Option(None, help=_CONFIG_HELP),
          as_json: bool = typer.Option(False, "--json", help="JSON on stdout, for machines")) -> None:
    """Articles per source and language in the store (in English, translated)."""
    from rich.console import Console

    from . import runner
    from .storeview import print_stats

    result = runner.store_stats(_existing_store(config, store), refresh=True)
    if as_json:
        typer.echo(json.dumps(result, default=str, indent=1))
    else:
        print_stats(result, Console())


@app.command()
def summary(store: str | None = typer.Option(None, help=_STORE_HELP),
            config: Path | None = typer.Option(None, help=_CONFIG_HELP),
            as_json: bool = typer.Option(False, "--json", help="JSON on stdout, for machines")) -> None:
    """Build summaries/daily_summary.parquet (articles per source, language and day) and show it."""
    from rich.console import Console

    from . import runner
    from .storeview import print_summary

    settings = _existing_store(config, store)
    result = runner.build_daily_summary(settings)
    rows: list[dict] = []
    if result["rows"]:
        import pyarrow.parquet as pq

        with runner.open_store(settings).fs.open(result["path"], "rb") as fh:
            rows = pq.read_table(fh).to_pylist()
    if as_json:
        typer.echo(json.dumps({**result, "summary": rows}, default=str))
    elif not rows:
        Console().print(f"Store {settings.store.root} holds no articles yet: the summary is empty.", soft_wrap=True)
    else:
        print_summary(rows, result["path"], Console())


@app.command()
def demo(
    store: Path = typer.Option(Path("data"), help="where the demo store goes"),
    port: int = typer.Option(8765, min=0, max=65535, help="port of the local news web; keep it fixed: article URLs, "
                             "and so their ids, include it (0 = any free port)"),
    keep_serving: bool = typer.Option(False, help="keep the news web running after the pass"),
) -> None:
    """Start the local news web on 127.0.0.1 and run the pipeline against it into ./data/."""
    import tempfile

    import yaml

    from .newsweb import NewsWeb

    if store.exists() and not store.is_dir():
        _fail(f"store {store} is a file, not a store folder (--store)")
    try:  # bind first: a port in use is one line and nothing created
        web = NewsWeb(port=port)
    except OSError as exc:
        if exc.errno != errno.EADDRINUSE:
            raise
        _fail(f"port {port} on 127.0.0.1 is in use (another `newspipe demo`?); pick another with --port N "
              "(0 = any free port; article ids follow the port, so keep one per store)")
    store = store.resolve()
    store.mkdir(parents=True, exist_ok=True)
    models_dir = install_demo_models(store / "_state" / "models")
    with web:
        log.info("demo: local news web at %s", web.base_url)
        with tempfile.TemporaryDirectory() as tmp:
            sources_path = Path(tmp) / "sources.yaml"
            sources_path.write_text(yaml.safe_dump(web.sources_config(), allow_unicode=True), encoding="utf-8")
            settings = _settings(None, str(store), {
                "sources_file": str(sources_path),
                "fetch.allowed_networks": [web.origin],  # the news web's own origin, no other port
                "fetch.delay_seconds": 0.0, "fetch.backoff_seconds": 0.2,
                "translation.models_dir": str(models_dir),
            })
            today = datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
            reports = _run_sources(settings, None, today - timedelta(days=3), today + timedelta(days=1), True)
        _print_reports(reports)
        _console().print(f"\n[bold yellow]{TEST_BANNER}[/bold yellow]")
        typer.echo(f"\nStore: {store}\nNext: .venv/bin/newspipe stats --store {store}   (articles per source and "
                   f"language; --json for machines)\n      .venv/bin/newspipe summary --store {store} (per day)")
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

from . import storecli  # noqa: E402 - store check/rebuild-registry, maintain, query

storecli.register(app)


@app.command()
def bench(
    what: str = typer.Argument("all", help="all | extraction | langid | translate | store | cost | pages"),
    eval_dir: Path | None = typer.Option(None, help="evaluation folder (default ../shared/eval)"),
    memory: int = typer.Option(5000, help="extraction: RSS growth over N pages (0 to skip)"),
    json_out: Path | None = typer.Option(None, "--json", help="also write every figure to this JSON file"),
    build: Path | None = typer.Option(None, "--build", help="store: only build a synthetic store of --runs runs here"),
    runs: int = typer.Option(1000, "--runs", help="store --build: hourly runs (30 sources per hour)"),
    rows: int = typer.Option(50, "--rows", help="store: rows per run"),
    sizes: str = typer.Option("1000,20000", "--sizes", help="store: store sizes (runs) measured in full"),
    no_year: bool = typer.Option(False, "--no-year", help="store: skip the year probe"),
    half: int | None = typer.Option(None, help="extraction: quality on one half (0 or 1) of the dev pages only"),
    no_speed: bool = typer.Option(False, "--no-speed", help="extraction: quality figures only"),
    fingerprints: Path | None = typer.Option(None, "--fingerprints", help="pages: write every dev page's F1 per probe here"),
    against: Path | None = typer.Option(None, "--against", help="pages: compare page by page with an earlier --fingerprints file"),
    with_bare: bool = typer.Option(False, "--bare", help="pages: also bare trafilatura on every page, and the pages below it"),
) -> None:
    """Print quality and speed figures against ../shared/eval next to the bare libraries."""
    if what == "store":
        from .bench.store import main as store_main

        argv = [f"--runs={runs}", f"--rows={rows}", f"--sizes={sizes}"] + (["--no-year"] if no_year else [])
        argv += ([f"--build={build}"] if build else []) + ([f"--json={json_out}"] if json_out else [])
        raise typer.Exit(store_main(argv))
    from .bench.__main__ import main as bench_main

    argv = [what, f"--memory={memory}"] + ([f"--eval-dir={eval_dir}"] if eval_dir else [])
    argv += ([f"--half={half}"] if half is not None else []) + (["--no-speed"] if no_speed else [])
    argv += ([f"--fingerprints={fingerprints}"] if fingerprints else []) + ([f"--against={against}"] if against else [])
    argv += ["--bare"] if with_bare else []
    raise typer.Exit(bench_main(argv + ([f"--json={json_out}"] if json_out else [])))


if __name__ == "__main__":
    app()
