#!/usr/bin/env sh
# The main job: set up, then run newspipe against the local news web into ./data/.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
exec .venv/bin/newspipe demo "$@"
