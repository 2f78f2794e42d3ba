"""Progress of a CLI run, drawn together with the logs.

On a terminal: one rich console for both, the log lines scroll above a live display
that has one line per stage of the current source ("demo-ru  fetch  ━━━━  5/5"),
so neither writes over the other. Elsewhere (CI, pipes, Airflow): no bar, one plain
line per finished stage. The runner reports stages through `stage(name)` and fetch
counts through `progress(done, total)`.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from rich.console import Console

_console: Console | None = None
NOISY_LOGGERS = ("httpx", "httpcore", "trafilatura", "htmldate", "urllib3", "charset_normalizer")


def console() -> Console:
    """The one stderr console shared by the logs and the progress display."""
    global _console
    if _console is None:
        _console = Console(stderr=True)
    return _console


def on_terminal() -> bool:
    return console().is_terminal


def setup_logging(verbose: bool) -> None:
    """Logs on stderr: through rich on a terminal (they share the console with the progress
    display), plain one-line records elsewhere (CI, files, Airflow)."""
    level = logging.DEBUG if verbose else logging.INFO
    handler: logging.Handler
    if on_terminal():
        from rich.logging import RichHandler

        handler = RichHandler(console=console(), show_path=False, markup=False, rich_tracebacks=False,
                              log_time_format="%H:%M:%S")
        handler.setFormatter(logging.Formatter("%(name)s: %(message)s"))
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)-7s %(name)s: %(message)s", datefmt="%H:%M:%S"))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    for noisy in NOISY_LOGGERS:
        logging.getLogger(noisy).setLevel(logging.WARNING)


class StageProgress:
    """The display of one source's run: a line per stage, counts where the stage has them."""

    def __init__(self, source: str, live: Any | None):
        self.source = source
        self.live = live  # a rich Progress, or None off a terminal
        self.task: Any = None
        self.name: str | None = None
        self.done = 0
        self.total: int | None = None
        self.started = time.monotonic()

    def stage(self, name: str) -> None:
        """A new stage begins: the previous one is finished."""
        self.finish()
        self.name, self.done, self.total, self.started = name, 0, None, time.monotonic()
        if self.live is not None:
            self.task = self.live.add_task(name, total=None, source=self.source, count="")

    def __call__(self, done: int, total: int | None) -> None:
        self.done, self.total = done, total
        if self.live is not None and self.task is not None:
            self.live.update(self.task, completed=done, total=total, count=f"{done}/{total}" if total is not None else f"{done}")

    def finish(self, failed: bool = False) -> None:
        if self.name is None:
            return
        count = f"{self.done}/{self.total}" if self.total is not None else ""
        if failed:
            if self.live is not None and self.task is not None:
                self.live.update(self.task, count="failed")
            else:
                console().print(f"{self.source}: {self.name} failed", soft_wrap=True, highlight=False)
            self.name = None
            return
        if self.live is not None and self.task is not None:
            # a stage without counts (or with nothing to do, as fetch on a rerun) is shown done, not "0/?"
            total = self.total if self.total else 1
            self.live.update(self.task, completed=total, total=total, count=count or "done")
        else:
            console().print(f"{self.source}: {self.name} done {count} ({time.monotonic() - self.started:.1f} s)".replace("  ", " "),
                            soft_wrap=True, highlight=False)
        self.name = None


@contextmanager
def _finishing(display: StageProgress) -> Iterator[StageProgress]:
    """Close the display's last stage as done, or as failed when the run raised."""
    try:
        yield display
    except BaseException:
        display.finish(failed=True)
        raise
    display.finish()


@contextmanager
def source_progress(source: str) -> Iterator[StageProgress]:
    """The progress display of one source's run (see the module docstring)."""
    if not on_terminal():
        with _finishing(StageProgress(source, None)) as display:
            yield display
        return
    from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("{task.fields[source]:<12}"), TextColumn("{task.description:<9}"), BarColumn(),
               TextColumn("{task.fields[count]:>7}"), TimeElapsedColumn())
    with Progress(*columns, console=console(), transient=False) as live, _finishing(StageProgress(source, live)) as display:
        yield display
