"""Scheduled sends: "send this bulletin's mail at 17:00", set in the web app.

``schedule`` stores (or moves, or clears) the time; ``run_due`` sends every schedule whose time
has come, each exactly once even with two runners (the row is claimed with a conditional UPDATE
before sending), and the send itself keeps the ledger's never-twice guarantee. ``bantin serve``
runs ``run_due`` every ``[mail] schedule_poll_seconds``; ``bantin send --scheduled`` runs it
from cron for installations without the web app running.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from digest.errors import BantinError, BulletinNotFound, BulletinNotPublished, InvalidInput
from digest.mail.send import send_bulletin
from digest.store.models import Bulletin, MailSchedule
from digest.text import utcnow


def schedule(session: Session, day: date, at: datetime | None, editor: str) -> MailSchedule | None:
    """Set the send time of the published bulletin of ``day`` (None clears a pending one)."""
    bulletin = session.exec(select(Bulletin).where(Bulletin.date == day)).first()
    if bulletin is None:
        raise BulletinNotFound(f"there is no bulletin for {day.isoformat()}")
    if bulletin.status != "published":
        raise BulletinNotPublished(f"the bulletin of {day.isoformat()} is a draft: publish it first")
    row = session.exec(select(MailSchedule).where(MailSchedule.bulletin_id == bulletin.id)).first()
    if row is not None and row.started_at is not None and row.finished_at is None:
        raise InvalidInput("the scheduled send is running now")
    if at is None:
        if row is not None and row.started_at is None:
            session.delete(row)
        return None
    if at.tzinfo is None:
        raise InvalidInput("a send time needs a time zone")
    if at <= utcnow():
        raise InvalidInput("the send time has passed: choose a later time, or send now")
    row = row or MailSchedule(bulletin_id=bulletin.id or 0)
    row.send_at, row.created_by, row.created_at = at, editor, utcnow()
    row.started_at = row.finished_at = row.outcome = None
    session.add(row)
    session.flush()
    return row


def run_due(engine: Engine, now: datetime | None = None) -> list[tuple[date, str]]:
    """Send every bulletin whose scheduled time has come; [(day, outcome)] of what ran."""
    now = now or utcnow()
    with Session(engine) as session:
        due = session.exec(select(MailSchedule.id, Bulletin.date).join(
            Bulletin, col(Bulletin.id) == col(MailSchedule.bulletin_id)).where(
            col(MailSchedule.send_at) <= now, col(MailSchedule.started_at).is_(None))).all()
    out = []
    for schedule_id, day in due:
        with engine.begin() as conn:  # claim: only one runner gets the row
            claimed = conn.execute(update(MailSchedule).where(
                col(MailSchedule.id) == schedule_id, col(MailSchedule.started_at).is_(None),
            ).values(started_at=utcnow())).rowcount
        if not claimed:
            continue
        try:
            report = send_bulletin(engine, day)
            outcome = (f"đã gửi {report.sent}, hoãn {report.deferred}, lỗi {report.failed}"
                       + (f", không chắc {report.uncertain}" if report.uncertain else ""))
        except BantinError as exc:
            outcome = f"lỗi: {exc}"
        except Exception as exc:  # noqa: BLE001 - recorded on the schedule, never lost
            outcome = f"lỗi: {str(exc).splitlines()[0] if str(exc) else type(exc).__name__}"
        with engine.begin() as conn:
            conn.execute(update(MailSchedule).where(col(MailSchedule.id) == schedule_id)
                         .values(finished_at=utcnow(), outcome=outcome))
        out.append((day, outcome))
    return out
