"""Airflow plugin: newspipe store statistics inside the Airflow 3 UI.

Mounts a small FastAPI app in the API server under ``/newspipe``:

- ``GET /newspipe/``           an HTML page: articles per source and language
- ``GET /newspipe/api/stats``  the same as JSON (``pipeline.runner.store_stats()``)

The numbers come from the daily summary the ``newspipe_summary`` DAG keeps (a few
KB per day), never from the articles themselves: the page costs the same after a
year of hourly runs as on the first day.
- ``GET /newspipe/health``     liveness, no store access

and adds a "Newspipe store" entry to the UI's Browse menu (an external view,
rendered in the UI frame). Both data routes need an authenticated Airflow user:
the UI session cookie or an ``Authorization: Bearer <token>`` header from
``POST /auth/token``.

The store is whatever ``NEWSPIPE_STORE`` / ``NEWSPIPE_CONFIG_DIR`` say in the API
server's environment. Module import stays cheap: every Airflow component loads
plugins, and the pipeline is imported only when a request needs it.
"""

from __future__ import annotations

import html
import time
from typing import Any

from airflow.plugins_manager import AirflowPlugin
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.responses import HTMLResponse, JSONResponse

URL_PREFIX = "/newspipe"
_CACHE_SECONDS = 10.0
_cache: dict[str, Any] = {"at": 0.0, "stats": None}


async def require_user(request: Request) -> Any:
    """An authenticated Airflow user (bearer token or the UI session cookie), else 401/403."""
    from airflow.api_fastapi.auth.managers.base_auth_manager import COOKIE_NAME_JWT_TOKEN
    from airflow.api_fastapi.core_api.security import resolve_user_from_token

    auth = request.headers.get("authorization", "")
    token = auth[7:].strip() if auth.lower().startswith("bearer ") else request.cookies.get(COOKIE_NAME_JWT_TOKEN)
    return await resolve_user_from_token(token)


def _stats(refresh: bool = False) -> dict:
    now = time.monotonic()
    if refresh or _cache["stats"] is None or now - _cache["at"] > _CACHE_SECONDS:
        from pipeline import runner

        try:
            stats = runner.store_stats()
        except Exception as exc:  # show the problem, keep the API server up
            raise HTTPException(status_code=503,
                                detail=f"cannot read the newspipe store: {type(exc).__name__}: {exc}") from exc
        _cache.update(at=now, stats=stats)
    return _cache["stats"]


# The same words as `newspipe stats` (pipeline/storeview.py) and the README.
_LABELS = {"in_english": "in English", "translated": "translated", "last_fetched_at": "last fetched (UTC)",
           "share_translated": "share translated"}
_MEANING = ("in English: articles with English text, English originals and translations; "
            "translated: machine-translated only (ru, zh → en). Pages refused by robots.txt are skips, not failures.")


def _rows(stats: dict) -> list[dict]:
    """Flatten the stats into rows of source, language, articles (+ any other per-row counters)."""
    for key in ("by_source_language", "rows", "counts"):
        value = stats.get(key)
        if isinstance(value, list):
            return [dict(r) for r in value if isinstance(r, dict)]
        if isinstance(value, dict):
            stats = {"sources": value}
            break
    sources = stats.get("sources") or stats.get("by_source") or {}
    rows: list[dict] = []
    if isinstance(sources, dict):
        for source, per_lang in sources.items():
            if isinstance(per_lang, dict):
                langs = per_lang.get("languages", per_lang)
                for lang, n in langs.items():
                    if isinstance(n, (int, float)):
                        rows.append({"source": source, "language": lang, "articles": n})
            elif isinstance(per_lang, (int, float)):
                rows.append({"source": source, "language": "", "articles": per_lang})
    return rows


def _page(stats: dict) -> str:
    rows = _rows(stats)
    cols: list[str] = []
    for r in rows:
        for k in r:
            if k not in cols:
                cols.append(k)
    head = "".join(f"<th>{html.escape(_LABELS.get(c, c))}</th>" for c in cols)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape('' if r.get(c) is None else str(r.get(c)))}</td>" for c in cols) + "</tr>"
        for r in rows
    )
    scalars = {k: v for k, v in stats.items() if isinstance(v, (str, int, float)) or v is None}
    facts = "".join(f"<li><b>{html.escape(str(k))}</b>: {html.escape(str(v))}</li>" for k, v in scalars.items())
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" if rows else "<p>No articles stored yet.</p>"
    short = stats.get("days_read_short") or []
    if short:  # the same warning as `newspipe stats`
        table = (f"<p><b>Counts leave out an unreadable file on {len(short)} ingest day(s)</b> "
                 f"({html.escape(', '.join(short[:5]))}{', ...' if len(short) > 5 else ''}): "
                 "<code>newspipe store check --deep</code> names it.</p>") + table
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>newspipe store</title>
<style>
 body {{ font-family: system-ui, sans-serif; margin: 1.5rem; color: #222; }}
 table {{ border-collapse: collapse; }} th, td {{ border: 1px solid #ccc; padding: .3rem .7rem; text-align: left; }}
 th {{ background: #f3f3f3; }} td:last-child {{ text-align: right; }}
</style></head>
<body><h1>newspipe store</h1><ul>{facts}</ul>{table}
<p>{html.escape(_MEANING)}</p>
<p><a href="{URL_PREFIX}/api/stats">JSON</a></p></body></html>"""


def create_app() -> FastAPI:
    app = FastAPI(title="newspipe", description="newspipe store statistics", version="1")

    @app.get("/health")
    def health() -> dict:
        return {"status": "ok"}

    @app.get("/api/stats", dependencies=[Depends(require_user)])
    def stats(refresh: bool = False) -> JSONResponse:
        return JSONResponse(_stats(refresh))

    @app.get("/", response_class=HTMLResponse, dependencies=[Depends(require_user)])
    def index(refresh: bool = False) -> HTMLResponse:
        return HTMLResponse(_page(_stats(refresh)))

    return app


class NewspipePlugin(AirflowPlugin):
    name = "newspipe"
    fastapi_apps = [{"app": create_app(), "url_prefix": URL_PREFIX, "name": "newspipe store statistics"}]
    external_views = [
        {
            "name": "Newspipe store",
            "href": f"{URL_PREFIX}/",
            "destination": "nav",
            "category": "browse",
            "url_route": "newspipe",
        }
    ]
