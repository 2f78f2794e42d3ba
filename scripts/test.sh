#!/usr/bin/env sh
# The test job: set up, then run the whole suite.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
exec .venv/bin/python -m pytest "$@"
