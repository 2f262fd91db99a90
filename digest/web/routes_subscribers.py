"""/subscribers: counts by status, search, add, import a CSV file with a per-line report,
export CSV, remove. Admins only; the same digest.mail.subscribers functions as the CLI."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from fastapi import APIRouter, Depends, File, Form, UploadFile
from sqlalchemy import func, or_
from sqlmodel import col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response, StreamingResponse

from digest.errors import InvalidInput
from digest.mail.optin import send_confirmation
from digest.mail.subscribers import (
    STATUSES,
    add_subscriber,
    count_by_status,
    import_csv,
    iter_subscribers,
    remove_subscriber,
)
from digest.store.db import session_scope
from digest.store.models import Subscriber
from digest.text import nfc
from digest.web.auth import require_admin
from digest.web.views import render

router = APIRouter()
PAGE = 100
MAX_IMPORT_BYTES = 5 * 1024 * 1024


def _flash(request: Request) -> tuple[str | None, str | None]:
    s = request.session
    return (s.pop("flash", None) if "flash" in s else None, s.pop("flash_error", None) if "flash_error" in s else None)


@router.get("/subscribers", response_class=HTMLResponse)
def subscribers_page(request: Request, editor: str = Depends(require_admin), q: str = "",
                     status: str = "") -> Response:
    return _page(request, q, status)


def _page(request: Request, q: str = "", status: str = "", report: dict | None = None) -> Response:
    engine = request.app.state.engine
    query = select(Subscriber)
    text = nfc(q).strip().lower()[:200]
    if text:
        like = f"%{text}%"
        query = query.where(or_(col(Subscriber.email).like(like), func.lower(col(Subscriber.display_email)).like(like)))
    if status in STATUSES:
        query = query.where(Subscriber.status == status)
    with session_scope(engine) as session:
        rows = session.exec(query.order_by(col(Subscriber.id).desc()).limit(PAGE)).all()
        matching = session.exec(select(func.count()).select_from(query.subquery())).one()
    flash, error = _flash(request)
    return render(request, "subscribers.html", rows=rows, counts=count_by_status(engine), q=q,
                  status=status if status in STATUSES else "", statuses=STATUSES, matching=matching,
                  page=PAGE, report=report, flash=flash, error=error)


@router.post("/subscribers/add")
def add(request: Request, editor: str = Depends(require_admin), email: str = Form(""),
        confirmed: str = Form("")) -> Response:
    try:
        sub = add_subscriber(request.app.state.engine, email, confirmed=confirmed == "1")
    except InvalidInput as exc:
        request.session["flash_error"] = f"Không thêm được «{email.strip()[:200]}»: {exc}"
        return RedirectResponse("/subscribers", status_code=303)
    message = f"Đã thêm {sub.display_email} ({sub.status})."
    if sub.status == "pending":
        try:
            message += f" Thư xác nhận: {send_confirmation(sub)}."
        except Exception as exc:  # noqa: BLE001 - the row stays; say what happened
            message += f" Chưa gửi được thư xác nhận: {exc}."
    request.session["flash"] = message
    return RedirectResponse("/subscribers", status_code=303)


@router.post("/subscribers/import")
async def import_file(request: Request, editor: str = Depends(require_admin),
                      file: UploadFile = File(...), default_status: str = Form("pending")) -> Response:
    """Every line reported as added, duplicate or invalid; a bad line never stops the rest."""
    raw = await file.read(MAX_IMPORT_BYTES + 1)
    if len(raw) > MAX_IMPORT_BYTES:
        request.session["flash_error"] = "Tệp CSV lớn hơn 5 MB: hãy dùng lệnh bantin subscribers import."
        return RedirectResponse("/subscribers", status_code=303)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        request.session["flash_error"] = "Tệp CSV phải là UTF-8."
        return RedirectResponse("/subscribers", status_code=303)
    status = default_status if default_status in STATUSES else "pending"
    lines, counts = [], {"added": 0, "duplicate": 0, "invalid": 0}
    try:
        for line in import_csv(request.app.state.engine, io.StringIO(text, newline=""), default_status=status):  # type: ignore[arg-type]
            counts[line.outcome] += 1
            if len(lines) < 500:  # the first lines in the page; the counts cover them all
                lines.append([line.line, line.email[:200], line.outcome, line.message[:200]])
    except InvalidInput as exc:
        request.session["flash_error"] = f"{file.filename}: {exc}"
        return RedirectResponse("/subscribers", status_code=303)
    # The report is this answer's page (re-sending the form is harmless: lines become duplicates).
    request.session["flash"] = (f"Đã nhập {file.filename}: {counts['added']} thêm mới, "
                                f"{counts['duplicate']} trùng, {counts['invalid']} không hợp lệ.")
    return _page(request, report={"file": (file.filename or "")[:200], "counts": counts, "lines": lines})


@router.get("/subscribers.csv")
def export(request: Request, editor: str = Depends(require_admin), status: str = "") -> Response:
    """The list as CSV (email,status,created_at), streamed: the format `subscribers import` reads."""
    engine = request.app.state.engine

    def rows() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["email", "status", "created_at"])
        for sub in iter_subscribers(engine, status=status if status in STATUSES else None):
            writer.writerow([sub.display_email, sub.status, sub.created_at.isoformat()])
            if buffer.tell() > 65536:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(rows(), media_type="text/csv; charset=utf-8",
                             headers={"Content-Disposition": 'attachment; filename="subscribers.csv"'})


@router.post("/subscribers/remove")
def remove(request: Request, editor: str = Depends(require_admin), email: str = Form("")) -> Response:
    try:
        sub = remove_subscriber(request.app.state.engine, email)
    except InvalidInput as exc:
        request.session["flash_error"] = str(exc)
    else:
        request.session["flash"] = f"Đã xoá {sub.display_email} và lịch sử gửi thư của địa chỉ này."
    return RedirectResponse("/subscribers", status_code=303)
