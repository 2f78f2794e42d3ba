#!/usr/bin/env sh
# The main job: set up, then start Airflow 3 on 127.0.0.1 (api-server, scheduler,
# dag-processor, triggerer) with the newspipe DAGs pointed at the local news web;
# the store is ./data/. Ctrl-C stops everything. Extra arguments go to the launcher.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
# The demo runs the ingest DAG daily (production default: hourly) so a backfill of
# the news web's three days is three runs; later arguments override this one.
exec .venv/bin/python scripts/airflow_stack.py --demo --schedule "0 0 * * *" "$@"
