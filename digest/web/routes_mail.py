"""/mail: per published bulletin, the delivery ledger's counts (sent, deferred, bounced,
uncertain, waiting); a test message to the editor's own address; send now (in the background,
progress polled) or at a chosen time. Admins only; the same digest.mail.send functions as the CLI."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Depends, Form
from sqlalchemy import func
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from digest.config import settings
from digest.errors import BantinError
from digest.mail.address import normalise_address
from digest.mail.compose import BulletinMail
from digest.mail.ledger import load_published
from digest.mail.schedule import schedule as set_schedule
from digest.mail.send import send_bulletin
from digest.mail.smtp import send_single
from digest.store.db import session_scope
from digest.store.models import Bulletin, Delivery, MailSchedule
from digest.text import VN_TZ, dmy, to_vn
from digest.web.auth import require_admin
from digest.web.routes_bulletins import parse_day
from digest.web.views import render

router = APIRouter()
BULLETINS = 20
# Ledger statuses as the page groups them.
GROUPS = {"sent": ("sent",), "deferred": ("deferred",), "bounced": ("failed", "bounced"),
          "uncertain": ("uncertain",), "waiting": ("pending", "claimed", "sending")}


def ledgers(session: Any, ids: list[int]) -> dict[int, dict[str, int]]:
    """Per bulletin id: its delivery rows counted by the page's groups (one query)."""
    out: dict[int, dict[str, int]] = {i: {g: 0 for g in GROUPS} for i in ids}
    for bulletin_id, status, n in session.exec(
        select(Delivery.bulletin_id, Delivery.status, func.count())
        .where(col(Delivery.bulletin_id).in_(ids or [-1])).group_by(col(Delivery.bulletin_id), col(Delivery.status))
    ).all():
        group = next((g for g, members in GROUPS.items() if status in members), "waiting")
        out[bulletin_id][group] += int(n)
    return out


def _context(request: Request) -> dict[str, Any]:
    with session_scope(request.app.state.engine) as session:
        rows = session.exec(select(Bulletin).where(Bulletin.status == "published")
                            .order_by(col(Bulletin.date).desc()).limit(BULLETINS)).all()
        ids = [b.id for b in rows if b.id is not None]
        counts = ledgers(session, ids)
        schedules = {s.bulletin_id: s for s in session.exec(
            select(MailSchedule).where(col(MailSchedule.bulletin_id).in_(ids or [-1]))).all()}
    return {"bulletins": rows, "counts": counts, "schedules": schedules, "job": request.app.state.jobs.get("send"),
            "smtp": bool(settings().smtp_url), "test_to": request.session.get("test_to", ""),
            "vn_input": vn_input}


def _back(request: Request, message: str, ok: bool = True) -> Response:
    request.session["flash" if ok else "flash_error"] = message
    return RedirectResponse("/mail", status_code=303)


@router.get("/mail", response_class=HTMLResponse)
def mail_page(request: Request, editor: str = Depends(require_admin)) -> Response:
    s = request.session
    flash = s.pop("flash", None) if "flash" in s else None
    error = s.pop("flash_error", None) if "flash_error" in s else None
    return render(request, "mail.html", flash=flash, error=error, **_context(request))


@router.get("/mail/progress", response_class=HTMLResponse)
def progress(request: Request, editor: str = Depends(require_admin)) -> Response:
    """The ledger table, polled while a send runs."""
    return render(request, "partials/mail_ledger.html", **_context(request))


@router.post("/mail/{day}/test")
def test_send(request: Request, day: str, editor: str = Depends(require_admin), to: str = Form("")) -> Response:
    """The bulletin as subscribers get it, to one address (not on the list, not in the ledger)."""
    chosen = parse_day(day)
    try:
        address = normalise_address(to)
        bulletin_id, doc = load_published(request.app.state.engine, chosen)
        mail = BulletinMail(doc, bulletin_id)
        raw = retitle(mail.raw(0, address.key, address.display), f"[THỬ] {mail.subject}")
        where = send_single(raw, address.display, f"test-{chosen.isoformat()}")
    except BantinError as exc:
        return _back(request, f"Không gửi thử được: {exc}", ok=False)
    except OSError as exc:
        return _back(request, f"Không kết nối được máy chủ thư: {exc}", ok=False)
    request.session["test_to"] = address.display
    return _back(request, f"Đã gửi thử bản tin ngày {dmy(chosen)}: {where}.")


@router.post("/mail/{day}/send")
def send_now(request: Request, day: str, editor: str = Depends(require_admin)) -> Response:
    """Send to every confirmed subscriber in the background (never anyone twice)."""
    chosen = parse_day(day)
    engine = request.app.state.engine

    def work() -> Any:
        report = send_bulletin(engine, chosen)
        return {"day": chosen.isoformat(), "sent": report.sent, "deferred": report.deferred,
                "failed": report.failed, "uncertain": report.uncertain}

    job = request.app.state.jobs.start("send", editor, work)
    if job is None:
        return _back(request, "Đang có một lượt gửi thư chạy: hãy chờ nó xong.", ok=False)
    job.result = {"day": chosen.isoformat()}
    return _back(request, f"Đang gửi bản tin ngày {dmy(chosen)} trong nền…")


@router.post("/mail/{day}/schedule")
def schedule(request: Request, day: str, editor: str = Depends(require_admin), at: str = Form(""),
             clear: str = Form("")) -> Response:
    """Send at ``at`` (YYYY-MM-DDTHH:MM, Vietnam time), or clear the scheduled time."""
    chosen = parse_day(day)
    when: datetime | None = None
    if not clear:
        try:
            when = datetime.fromisoformat(at.strip()).replace(tzinfo=VN_TZ)
        except ValueError:
            return _back(request, "Giờ gửi phải có dạng ngày và giờ (ví dụ 2026-12-01T17:00).", ok=False)
    try:
        with session_scope(request.app.state.engine) as session:
            set_schedule(session, chosen, when, editor)
    except BantinError as exc:
        return _back(request, f"Không hẹn giờ được: {exc}", ok=False)
    if when is None:
        return _back(request, f"Đã bỏ hẹn giờ gửi bản tin ngày {dmy(chosen)}.")
    local = to_vn(when)
    return _back(request, f"Sẽ gửi bản tin ngày {dmy(chosen)} lúc {local:%H:%M} {dmy(local.date())}.")


def retitle(raw: bytes, subject: str) -> bytes:
    """``raw`` (a message as BulletinMail.raw makes it: CRLF, folded headers) with its Subject
    replaced; the bodies stay byte for byte what subscribers get."""
    from email.header import Header

    head, body = raw.split(b"\r\n\r\n", 1)
    kept, in_subject = [], False
    for line in head.split(b"\r\n"):
        if in_subject and line[:1] in (b" ", b"\t"):
            continue  # a folded continuation of the old Subject
        in_subject = line.lower().startswith(b"subject:")
        if not in_subject:
            kept.append(line)
    encoded = Header(subject, "utf-8", header_name="Subject").encode(linesep="\r\n")
    kept.append(b"Subject: " + encoded.encode("ascii"))
    return b"\r\n".join(kept) + b"\r\n\r\n" + body


def vn_input(value: datetime | None) -> str:
    """A datetime-local input's value in Vietnam time."""
    return f"{to_vn(value):%Y-%m-%dT%H:%M}" if value else ""


