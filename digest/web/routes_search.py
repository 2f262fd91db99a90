"""/bulletins/{day}/search?q=: any crawled story, in the bulletin's window or before, found
with or without diacritics, each with its lead, where it stands (printed as #N, excluded,
carried by an earlier bulletin, judged irrelevant) and a form to pull it into the day's draft."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from digest.bulletin.curate import places, require_bulletin
from digest.errors import BulletinNotFound
from digest.store.db import session_scope
from digest.store.models import Bulletin, BulletinItem, Classification
from digest.web.routes_bulletins import _default_section, parse_day, vi_message
from digest.web.search import MAX_RESULTS, search
from digest.web.views import render

router = APIRouter()


def _standing(session: Any, bulletin: Bulletin, hits: list[Any]) -> dict[int, dict[str, Any]]:
    """Per hit: its place in this bulletin, the earlier bulletin that printed it, its class."""
    ids = [h.article_id for h in hits] or [-1]
    day = bulletin.date
    here = places(session, bulletin)
    carried = {}
    for article_id, when in session.exec(
        select(BulletinItem.article_id, Bulletin.date).join(Bulletin, col(Bulletin.id) == col(BulletinItem.bulletin_id))
        .where(col(BulletinItem.article_id).in_(ids), col(BulletinItem.included).is_(True), Bulletin.date != day)
    ).all():
        carried[article_id] = when
    classes = {c.article_id: c for c in session.exec(
        select(Classification).where(col(Classification.article_id).in_(ids))).all()}
    out = {}
    for h in hits:
        cls = classes.get(h.article_id)
        rel = None if cls is None else cls.confidence  # P(relevant), relevant or not
        out[h.article_id] = {"view": here.get(h.article_id), "carried": carried.get(h.article_id),
                             "relevance": rel, "section": _default_section(cls) if cls else "policy"}
    return out


@router.get("/bulletins/{day}/search", response_class=HTMLResponse)
def search_page(request: Request, day: str, q: str = "") -> Response:
    chosen = parse_day(day)
    query = q.strip()[:200]
    engine = request.app.state.engine
    hits = search(engine, query) if query else []
    try:
        with session_scope(engine) as session:
            bulletin = require_bulletin(session, chosen)
            standing = _standing(session, bulletin, hits)
    except BulletinNotFound as exc:
        return render(request, "error.html", status_code=404, title="Không có bản tin",
                      message=vi_message(exc, chosen), back="/")
    return render(request, "search.html", day=chosen, iso=chosen.isoformat(), q=query, hits=hits,
                  standing=standing, readonly=bulletin.status == "published", limit=MAX_RESULTS)
