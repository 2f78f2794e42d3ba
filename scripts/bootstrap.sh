#!/usr/bin/env sh
# Make sure uv exists (installing it with pip if missing) and the locked environment is in place.
set -eu
cd "$(dirname "$0")/.."
if ! command -v uv >/dev/null 2>&1; then
  if ! python3 -m uv --version >/dev/null 2>&1; then
    echo "bootstrap: installing uv with pip" >&2
    python3 -m pip install --quiet --user uv 2>/dev/null || python3 -m pip install --quiet uv
  fi
  uv() { python3 -m uv "$@"; }
fi
uv sync --frozen --extra scale "$@"
