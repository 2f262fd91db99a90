"""Publish (freeze) and reopen a bulletin.

``publish`` stores the bulletin's FORMAT.md JSON in ``Bulletin.snapshot``: from then on every
reader-facing output (export, site, e-mail) renders that frozen document, and curation refuses
changes until ``reopen``.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlmodel import Session

from digest.bulletin.curate import build_doc, record, require_bulletin
from digest.bulletin.doc import BulletinDoc
from digest.config import settings
from digest.errors import BulletinAlreadyPublished, BulletinNotPublished, NothingToPublish
from digest.text import VN_TZ, parse_hhmm, to_vn, utcnow


def default_publish_time(day: date, now: datetime | None = None) -> datetime:
    """When no time is given: now, if it is ``day`` in Vietnam; otherwise (catching up on an
    earlier day, or preparing ahead) ``day`` at ``settings()["bulletin"]["publish_time"]``,
    so the stamp always shows the bulletin's own day."""
    now = now or utcnow()
    if to_vn(now).date() == day:
        return now
    hhmm = parse_hhmm(settings().value("bulletin", "publish_time", str))
    return datetime.combine(day, hhmm, tzinfo=VN_TZ)


def publish(session: Session, day: date, editor: str, at: datetime | None = None) -> BulletinDoc:
    """Freeze the draft of ``day``: status published, ``published_at`` = ``at`` (aware; naive
    is read as Vietnam time) or ``default_publish_time``, ``snapshot`` = the JSON export.

    Raises BulletinNotFound (no draft), BulletinAlreadyPublished, InvalidInput (no story printed).
    """
    bulletin = require_bulletin(session, day)
    if bulletin.status == "published":
        raise BulletinAlreadyPublished(
            f"the bulletin of {day.isoformat()} was already published at "
            f"{to_vn(bulletin.published_at).strftime('%H:%M %d-%m-%Y') if bulletin.published_at else '?'}"
        )
    moment = to_vn(at) if at is not None else default_publish_time(day)
    doc = build_doc(session, bulletin)
    if not doc.items:
        raise NothingToPublish(f"the bulletin of {day.isoformat()} has no story to publish")
    doc.published_at = moment
    doc.status = "published"
    bulletin.status = "published"
    bulletin.published_at = moment
    bulletin.snapshot = doc.to_json()
    record(session, bulletin, "publish", editor, None, {"published_at": moment.isoformat(),
                                                       "items": len(doc.items)})
    session.flush()
    return doc


def reopen(session: Session, day: date, editor: str) -> None:
    """Turn a published bulletin back into a draft so it can be changed (and published again)."""
    bulletin = require_bulletin(session, day)
    if bulletin.status != "published":
        raise BulletinNotPublished(f"the bulletin of {day.isoformat()} is not published")
    before = {"published_at": to_vn(bulletin.published_at).isoformat() if bulletin.published_at else None}
    bulletin.status = "draft"
    bulletin.published_at = None
    bulletin.snapshot = None
    record(session, bulletin, "reopen", editor, before, None)
    session.flush()
