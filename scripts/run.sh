#!/usr/bin/env sh
# The main job: set up, then start Airflow 3 on 127.0.0.1 (api-server, scheduler,
# dag-processor, triggerer) with the newspipe DAGs pointed at the local news web;
# the store is ./data/. Ctrl-C stops everything. Extra arguments go to the launcher.
set -eu
cd "$(dirname "$0")/.."
sh scripts/bootstrap.sh
# The demo runs the ingest DAG daily (production default: hourly) and dates the news
# web's articles over the three complete days before today, so a UI backfill of the
# last three days is three runs that land every article. Real translation models when they
# are installed or the Argos index answers (--models auto); later arguments override.
exec .venv/bin/python scripts/airflow_stack.py --demo --schedule "0 0 * * *" --demo-days-ago 1 --models auto "$@"
