"""scripts/run.sh and the launcher's start-up: quiet, long keys, help that shows what run.sh passes."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from airflow_helpers import load_stack_module

REPO = Path(__file__).resolve().parent.parent


def test_keys_are_long_enough_for_hs512_and_kept_across_restarts(tmp_path):
    mod = load_stack_module()
    path = tmp_path / "stack_secrets.json"
    keys = mod.stack_keys(path)
    assert min(len(keys["jwt"]), len(keys["api"])) >= 64 and keys["jwt"] != keys["api"]
    assert mod.stack_keys(path) == keys  # same keys on the next start: sessions stay valid
    path.write_text(json.dumps({"jwt": "short", "api": "short"}))  # written by an older launcher
    renewed = mod.stack_keys(path)
    assert min(len(renewed["jwt"]), len(renewed["api"])) >= 64


def test_help_shows_the_values_run_sh_passes_as_defaults(capsys):
    mod = load_stack_module()
    run_sh = (REPO / "scripts" / "run.sh").read_text()
    passed = run_sh.split("airflow_stack.py", 1)[1].split('"$@"')[0]
    assert "--demo-days-ago 1" in passed and "--models auto" in passed
    with pytest.raises(SystemExit):
        mod.parse_args(["--demo", "--demo-days-ago", "1", "--models", "auto", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "many days old (default 1)" in text
    assert "(default auto)" in text
    with pytest.raises(SystemExit):
        mod.parse_args(["--help"])
    assert "many days old (default 0)" in " ".join(capsys.readouterr().out.split())
    args = mod.parse_args([])
    assert args.news_port == 8766 and args.models == "test"  # not newspipe demo's 8765


@pytest.mark.skipif(shutil.which("sh") is None, reason="no sh")
def test_bootstrap_is_silent_when_the_environment_is_in_sync():
    proc = subprocess.run(["sh", "scripts/bootstrap.sh"], cwd=REPO, capture_output=True, text=True, timeout=120)
    if proc.returncode != 0 or "installing the locked environment" in proc.stderr:
        pytest.skip(f"the environment was not in sync with uv.lock here: {proc.stderr[-300:]}")
    assert proc.stdout == "" and proc.stderr == ""
