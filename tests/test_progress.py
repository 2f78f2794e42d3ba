"""The CLI's progress display: one line per stage, drawn with the logs, plain off a terminal."""

from __future__ import annotations

import io
import logging

import pytest
from rich.console import Console

from pipeline import progress


@pytest.fixture
def console(monkeypatch):
    def use(terminal: bool) -> io.StringIO:
        buf = io.StringIO()
        monkeypatch.setattr(progress, "_console", Console(file=buf, force_terminal=terminal, width=100,
                                                          color_system=None, legacy_windows=False))
        progress.setup_logging(False)
        return buf

    yield use
    logging.basicConfig(level=logging.WARNING, force=True)


def _run(fetch_total: int) -> None:
    log = logging.getLogger("pipeline.runner")
    with progress.source_progress("demo-ru") as display:
        display.stage("discover")
        log.info("discover demo-ru: %d article URLs", fetch_total)
        display.stage("fetch")
        display(0, fetch_total)
        for i in range(1, fetch_total + 1):
            display(i, fetch_total)
        log.info("fetch demo-ru: done")
        for stage in ("extract", "detect", "translate", "land"):
            display.stage(stage)


def test_off_a_terminal_each_stage_is_one_plain_line(console):
    buf = console(False)
    _run(3)
    lines = buf.getvalue().splitlines()
    stages = [line.split()[1] for line in lines if line.startswith("demo-ru: ")]
    assert stages == ["discover", "fetch", "extract", "detect", "translate", "land"]
    assert any(line.startswith("demo-ru: fetch done 3/3") for line in lines)
    assert "\x1b" not in buf.getvalue()  # no cursor movement in CI logs


def test_on_a_terminal_logs_print_above_a_line_per_stage_and_a_rerun_is_not_0_of_unknown(console):
    buf = console(True)
    _run(0)  # a rerun: nothing left to fetch
    out = buf.getvalue()
    final = out.split("\x1b[2K")[-1]  # what stays on screen after the last redraw
    rows = {line.split()[1]: line for line in final.splitlines() if line.startswith("demo-ru ")}
    assert list(rows) == ["discover", "fetch", "extract", "detect", "translate", "land"]
    assert "0/0" in rows["fetch"] and "0/?" not in out
    assert all("done" in rows[s] for s in ("extract", "detect", "translate", "land"))
    # each log record is printed once, on lines of its own, never glued to a bar
    assert out.count("discover demo-ru: 0 article URLs") == 1
    for line in out.splitlines():
        if "article URLs" in line:
            assert "━" not in line


def test_a_stage_that_raises_is_shown_failed_not_done(console):
    buf = console(False)
    with pytest.raises(RuntimeError), progress.source_progress("demo-zh") as display:
        display.stage("discover")
        display.stage("fetch")
        raise RuntimeError("network down")
    lines = [line for line in buf.getvalue().splitlines() if line.startswith("demo-zh: ")]
    assert lines[-1] == "demo-zh: fetch failed"
    assert not any(line.startswith("demo-zh: fetch done") for line in lines)
