#!/usr/bin/env sh
# Make sure uv exists (installing it with pip if missing) and the locked environment is in place.
# Quiet when nothing changed (run.sh and test.sh call this every time); says what it does otherwise.
set -eu
cd "$(dirname "$0")/.."
if ! command -v uv >/dev/null 2>&1; then
  if ! python3 -m uv --version >/dev/null 2>&1; then
    echo "bootstrap: installing uv with pip" >&2
    python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  fi
  uv() { python3 -m uv "$@"; }
fi
if uv sync --frozen --extra scale --check --quiet "$@" 2>/dev/null; then
  exit 0
fi
echo "bootstrap: installing the locked environment into .venv (1.6 GB; about a minute from uv's cache)" >&2
uv sync --frozen --extra scale --quiet "$@"
echo "bootstrap: environment ready" >&2
