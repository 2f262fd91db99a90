"""/sources: every source's last crawl, items, errors by kind and trend; switch a source on or
off; "crawl now" in the background with progress. Admins only."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Form
from sqlalchemy import func
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from digest.errors import BantinError
from digest.ingest.crawl import run_crawl
from digest.ingest.sources import load_sources, select_sources
from digest.ingest.status import effective, last_crawl, sparkline, statuses, switch
from digest.store.db import session_scope
from digest.store.models import Article, CrawlError, CrawlRun
from digest.text import fold
from digest.web.auth import require_admin
from digest.web.views import is_fetch, render

router = APIRouter()


def _sources(request: Request) -> list[Any]:
    return load_sources(request.app.state.sources_file)


def crawl_progress(request: Request) -> dict[str, Any]:
    """The crawl job's state for the page: running with what it stored so far, or its outcome."""
    job = request.app.state.jobs.get("crawl")
    out: dict[str, Any] = {"job": job, "stored": 0, "errors": 0, "run": None}
    if job is None:
        return out
    with session_scope(request.app.state.engine) as session:
        run = session.exec(select(CrawlRun).where(col(CrawlRun.started_at) >= job.started_at)
                           .order_by(col(CrawlRun.id))).first()
        if run is not None:
            out["run"] = run
            out["stored"] = session.exec(select(func.count()).select_from(Article).where(
                col(Article.fetched_at) >= run.started_at)).one()
            out["errors"] = session.exec(select(func.count()).select_from(CrawlError).where(
                CrawlError.run_id == run.id)).one()
    return out


@router.get("/sources", response_class=HTMLResponse)
def sources_page(request: Request, editor: str = Depends(require_admin)) -> Response:
    with session_scope(request.app.state.engine) as session:
        rows = statuses(session, _sources(request))
        run, kinds, failed = last_crawl(session)
    flash = request.session.pop("flash", None) if "flash" in request.session else None
    error = request.session.pop("flash_error", None) if "flash_error" in request.session else None
    return render(request, "sources.html", rows=rows, run=run, kinds=kinds, failed=failed,
                  sparkline=sparkline, progress=crawl_progress(request), flash=flash, error=error)


@router.get("/sources/progress", response_class=HTMLResponse)
def progress(request: Request, editor: str = Depends(require_admin)) -> Response:
    """The crawl's progress panel, polled while it runs."""
    return render(request, "partials/crawl_progress.html", progress=crawl_progress(request))


@router.post("/sources/switch")
def switch_source(request: Request, editor: str = Depends(require_admin), name: str = Form(...),
                  enabled: str = Form(...)) -> Response:
    """Turn one source on or off for the next crawls (the sources file is left as it is)."""
    on = enabled == "1"
    source = next((s for s in _sources(request) if fold(s.name) == fold(name)), None)
    if source is None:
        request.session["flash_error"] = f"Không có nguồn «{name}» trong tệp nguồn."
        return RedirectResponse("/sources", status_code=303)
    with session_scope(request.app.state.engine) as session:
        switch(session, source, on, editor)
    request.session["flash"] = f"Đã {'bật' if on else 'tắt'} nguồn {source.name}."
    return RedirectResponse(f"/sources#src-{fold(source.name).replace(' ', '-')}", status_code=303)


@router.post("/sources/crawl")
def crawl_now(request: Request, editor: str = Depends(require_admin), name: str = Form("")) -> Response:
    """Start a crawl of every enabled source (or of ``name``) in the background."""
    app = request.app
    names = [name] if name.strip() else None
    try:
        with session_scope(app.state.engine) as session:
            chosen = select_sources(effective(session, _sources(request)), names)
    except BantinError as exc:
        request.session["flash_error"] = str(exc)
        return RedirectResponse("/sources", status_code=303)
    if not chosen:
        request.session["flash_error"] = "Không có nguồn nào đang bật để thu thập."
        return RedirectResponse("/sources", status_code=303)

    def work() -> Any:
        report = run_crawl(app.state.db_url, app.state.sources_file, names, progress=False,
                           overrides=app.state.crawl_overrides)
        return {"status": report.status, "stored": report.total("stored"),
                "errors": dict(report.errors), "run_id": report.run_id}

    job = app.state.jobs.start("crawl", editor, work)
    message = (f"Đang thu thập {len(chosen)} nguồn trong nền…" if job is not None
               else "Đang có một lượt thu thập chạy: hãy chờ nó xong.")
    if is_fetch(request):
        return render(request, "partials/crawl_progress.html", progress=crawl_progress(request))
    request.session["flash" if job is not None else "flash_error"] = message
    return RedirectResponse("/sources", status_code=303)
