"""The editor pages: bulletin list, a day's draft, per-story actions, preview, publish, history.

Every action works two ways: a plain HTML form POST answered with a 303 redirect back to the
page (no script needed), and the same form sent by htmx (``HX-Request: true``) answered with
the re-rendered board (or board + left-out list when ``HX-Target`` is ``workspace``), which
htmx swaps in place. Both call the same
``digest.bulletin.curate`` / ``digest.bulletin.publish`` functions the CLI uses.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, BackgroundTasks, Depends, Form, HTTPException
from sqlalchemy import func
from sqlmodel import Session, col, select
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from digest.bulletin import curate
from digest.bulletin import publish as bulletin_publish
from digest.bulletin import undo as undoing
from digest.bulletin.curate import (
    candidates,
    edit_author,
    edit_headline,
    history,
    left_out,
    load_doc,
    move_down,
    move_up,
    require_bulletin,
    trim_paragraphs,
)
from digest.bulletin.days import FIRST_DAY, check_day, last_day
from digest.bulletin.draft import draft_bulletin, window_counts
from digest.bulletin.render import render_html
from digest.classify.sections import SECTION_KEYS, Section
from digest.errors import (
    ArticleNotFound,
    BadPosition,
    BantinError,
    BulletinAlreadyPublished,
    BulletinNotFound,
    BulletinNotPublished,
    CannotUndo,
    DayNotYetCome,
    EditConflict,
    EmptyHeadline,
    HeadlineTooLong,
    InvalidInput,
    ItemNotInBulletin,
    NoParagraphKept,
    NoSuchNumber,
    NothingToPublish,
    NothingToUndo,
    ParagraphOutOfRange,
    UnknownSection,
)
from digest.ingest.status import last_crawl
from digest.store.db import session_scope
from digest.store.models import Bulletin, BulletinItem
from digest.text import dmy, to_vn, utcnow
from digest.web.auth import require_editor
from digest.web.doubt import FLAGS, doubts, leads
from digest.web.headers import PREVIEW_CSP
from digest.web.publishing import after_publish, is_running, mark_running, reports_for
from digest.web.routes_auth import safe_next
from digest.web.views import SECTION_SHORT, is_fetch, render

router = APIRouter()
DAY_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LEFT_OUT_LIMIT = 100  # the likeliest misses; the search page finds any other story

REASONS = {
    "duplicate": "trùng tin đã chọn",
    "unclassified": "chưa phân loại",
    "irrelevant": "máy cho là không liên quan",
    "carried": "đã đăng bản tin trước",
}
ACTIONS = {
    "include": "Đưa vào lại",
    "exclude": "Loại tin",
    "pull_in": "Lấy tin bị bỏ sót",
    "move": "Chuyển mục",
    "reorder": "Đổi thứ tự",
    "move_up": "Đưa lên",
    "move_down": "Đưa xuống",
    "edit_headline": "Sửa tiêu đề",
    "edit_author": "Sửa tác giả",
    "trim": "Cắt đoạn",
    "publish": "Xuất bản",
    "reopen": "Mở lại",
    "undo": "Hoàn tác",
}


# --------------------------------------------------------------------------- helpers
def parse_day(day: str) -> date:
    if not DAY_RE.match(day):
        raise HTTPException(status_code=404, detail="Ngày phải có dạng YYYY-MM-DD")
    try:
        chosen = date.fromisoformat(day)
    except ValueError as exc:
        raise HTTPException(status_code=404, detail="Ngày không hợp lệ") from exc
    try:
        return check_day(chosen)
    except InvalidInput as exc:
        raise HTTPException(status_code=400, detail=f"Ngày {dmy(chosen)} nằm ngoài khoảng cho phép "
                            f"({dmy(FIRST_DAY)} đến {dmy(last_day())}).") from exc


def vi_message(exc: BantinError, day: date) -> str:
    """The editor-facing Vietnamese message for a domain error."""
    if isinstance(exc, BulletinNotFound):
        return f"Chưa có bản tin ngày {dmy(day)}: hãy lập bản nháp trước."
    if isinstance(exc, BulletinAlreadyPublished):
        return f"Bản tin ngày {dmy(day)} đã xuất bản: bấm «Mở lại» nếu cần sửa."
    if isinstance(exc, BulletinNotPublished):
        return f"Bản tin ngày {dmy(day)} chưa xuất bản."
    if isinstance(exc, DayNotYetCome):
        return f"Chưa đến ngày {dmy(day)}: bản tin được lập vào đúng ngày của nó (hoặc cho một ngày đã qua)."
    for kind, message in INVALID_INPUT_VI.items():
        if isinstance(exc, kind):
            return message
    if isinstance(exc, InvalidInput):
        return f"Dữ liệu không hợp lệ: {exc}"
    return str(exc)


INVALID_INPUT_VI: dict[type[InvalidInput], str] = {
    NothingToPublish: "Bản tin chưa có tin nào để xuất bản.",
    EmptyHeadline: "Tiêu đề không được để trống.",
    HeadlineTooLong: "Tiêu đề quá dài (tối đa 500 ký tự).",
    NoParagraphKept: "Phải giữ ít nhất một đoạn.",
    ItemNotInBulletin: "Tin này không còn trong bản tin (có thể vừa có người thay đổi): hãy tải lại trang.",
    ArticleNotFound: "Không tìm thấy bài này trong kho tin: hãy tải lại trang.",
    UnknownSection: "Mục không hợp lệ.",
    BadPosition: "Vị trí phải từ 1 trở lên.",
    ParagraphOutOfRange: "Đoạn đã chọn không còn trong bài (bài vừa được cập nhật): hãy mở lại phần cắt đoạn.",
    NoSuchNumber: "Bản tin không in số thứ tự này: hãy nhập một số đang có trên bảng tin.",
    NothingToUndo: "Không còn thao tác nào của bạn để hoàn tác.",
    CannotUndo: "Thao tác này không hoàn tác được (đã hoàn tác, hoặc tin không còn).",
}


def _status_of(exc: BantinError) -> int:
    if isinstance(exc, BulletinNotFound):
        return 404
    if isinstance(exc, (BulletinAlreadyPublished, BulletinNotPublished, EditConflict)):
        return 409
    return 400


def _engine(request: Request) -> Any:
    return request.app.state.engine


def board_context(session: Session, day: date, flag: str = "", with_left_out: bool = True) -> dict[str, Any]:
    """Everything the board partial shows for ``day`` (raises BulletinNotFound). ``flag``
    (one of ``digest.web.doubt.FLAGS``) marks the stories without that doubt as filtered out.
    Without ``with_left_out`` only the left-out count is computed (an action on a printed
    story cannot change the list, and the board partial shows only its size)."""
    bulletin = require_bulletin(session, day)
    views = candidates(session, day)
    flags = doubts(session, bulletin, views)
    blocks = []
    for key in SECTION_KEYS:
        in_section = [v for v in views if v.section == key]
        printed = [v for v in in_section if v.included]
        blocks.append({
            "key": key,
            "heading": Section(key).heading,
            "short": SECTION_SHORT[key],
            "stories": in_section,  # excluded stories stay in place: nothing slides under the cursor
            "printed": printed,
            "excluded": [v for v in in_section if not v.included],
            "first": printed[0].item_id if printed else None,
            "last": printed[-1].item_id if printed else None,
        })
    # The likeliest misses first (``left_out`` ranks them, in the database), capped: the editor
    # looks for misses, so those must never fall off the end of the list.
    missed = left_out(session, day, limit=LEFT_OUT_LIMIT) if with_left_out else []
    missed_count = curate.left_out_count(session, day)
    printed_by_cluster = {
        v.cluster_key: v for v in views if v.cluster_key and v.included and v.number is not None
    }
    counts = {name: sum(1 for v in views if name in flags.get(v.item_id, {})) for name in FLAGS}
    return {
        "day": day,
        "iso": day.isoformat(),
        "bulletin": bulletin,
        "readonly": bulletin.status == "published",
        "version": curate.latest_change_id(session, bulletin),
        "blocks": blocks,
        "printed_count": sum(len(b["printed"]) for b in blocks),
        "left_out": missed,
        "left_out_count": missed_count,
        "leads": leads(session, [v.article_id for v in missed]),
        "duplicate_of": lambda v: printed_by_cluster.get(v.cluster_key) if v.cluster_key else None,
        "left_out_limit": LEFT_OUT_LIMIT,
        "reasons": REASONS,
        "default_section": _default_section,
        "flags": flags,
        "flag_names": FLAGS,
        "flag_counts": counts,
        "flag": flag if flag in FLAGS else "",
    }


def _default_section(view: Any) -> str:
    if view.section in SECTION_KEYS:
        return str(view.section)
    return "local" if view.province else "policy"


def _render_board(request: Request, day: date, flash: str | None = None, status_code: int = 200,
                  error: str | None = None, undo_id: int | None = None, board_only: bool = False) -> HTMLResponse:
    """The partial htmx swaps in: the board, or board + left-out list (#workspace) when the
    change may touch both (pull-in, re-draft, undo): htmx names its target in HX-Target.
    ``board_only``: the change turned out not to touch the left-out list (an undo of anything
    but a pull-in), so only the board is rendered and htmx is told to swap it instead."""
    asked = request.headers.get("hx-target") == "workspace"
    whole = asked and not board_only
    template = "partials/workspace.html" if whole else "partials/board.html"
    with session_scope(_engine(request)) as session:
        context = board_context(session, day, request.query_params.get("flag", ""), with_left_out=whole)
    response = render(request, template, status_code=status_code, flash=flash, partial=True,
                      error=error, undo_id=undo_id, **context)
    if asked and not whole:
        response.headers["HX-Retarget"] = "#board"
    return response


def form_version(version: str = Form("")) -> int | None:
    """The change id the editor's page was made from (hidden field), None when absent."""
    text = version.strip()
    return int(text) if text.isdigit() else None


def _act(
    request: Request,
    day: date,
    action: Callable[[Session], Any],
    message: Callable[[Any], str] | str,
    anchor: str | None = None,
    next_url: str | None = None,
    *,
    version: int | None = None,
    item_id: int | None = None,
    ordering: bool = False,
    undoable: bool = True,
    left_out_changed: Callable[[Any], bool] | None = None,
) -> Response:
    """Run one curation action and answer in the form the caller wants (partial or redirect).

    ``version`` (the page's newest change id) makes it a checked edit: when ``item_id`` (or,
    with ``ordering``, any story's place) changed since, the action is refused with a conflict
    message and the current board. The answer names the change just made, for its Undo button.
    ``left_out_changed(result)`` says whether the left-out list can have changed (default: it
    may have, when the page asks for it)."""
    undo_id: int | None = None
    board_only = False
    try:
        with session_scope(_engine(request)) as session:
            bulletin = require_bulletin(session, day)
            undoing.check_fresh(session, bulletin, version, item_id, ordering)
            before = curate.latest_change_id(session, bulletin)
            result = action(session)
            text = message(result) if callable(message) else message
            after = curate.latest_change_id(session, bulletin)
            if undoable and after > before:
                undo_id = after
            board_only = left_out_changed is not None and not left_out_changed(result)
    except EditConflict as exc:
        if is_fetch(request):
            return _render_board(request, day, error=str(exc), status_code=409)
        request.session["flash_error"] = str(exc)
        return RedirectResponse(f"/bulletins/{day.isoformat()}" + (f"#{anchor}" if anchor else ""),
                                status_code=303)
    except BantinError as exc:
        error = vi_message(exc, day)
        if is_fetch(request):
            return PlainTextResponse(error, status_code=_status_of(exc))
        request.session["flash_error"] = error
        return RedirectResponse(f"/bulletins/{day.isoformat()}", status_code=303)
    if is_fetch(request):
        return _render_board(request, day, flash=text, undo_id=undo_id, board_only=board_only)
    request.session["flash"] = text
    if undo_id:
        request.session["flash_undo"] = undo_id
    if next_url:  # the story's own edit page (no script): back to it
        target = safe_next(next_url)
    else:
        target = f"/bulletins/{day.isoformat()}" + (f"#{anchor}" if anchor else "")
    return RedirectResponse(target, status_code=303)


def _take_flash(request: Request) -> tuple[str | None, str | None]:
    session = request.session
    flash = session.pop("flash", None) if "flash" in session else None
    error = session.pop("flash_error", None) if "flash_error" in session else None
    return flash, error


def _take_undo(request: Request) -> int | None:
    """The change the last no-script action made, for the Undo button beside its message."""
    return request.session.pop("flash_undo", None) if "flash_undo" in request.session else None


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# --------------------------------------------------------------------------- list
@router.get("/", response_class=HTMLResponse)
def index(request: Request) -> Response:
    with session_scope(_engine(request)) as session:
        counts = dict(session.exec(
            select(BulletinItem.bulletin_id, func.count())
            .where(col(BulletinItem.included).is_(True))
            .group_by(col(BulletinItem.bulletin_id))
        ).all())
        rows = session.exec(select(Bulletin).order_by(col(Bulletin.date).desc()).limit(366)).all()
        bulletins = [
            {"day": b.date, "title": b.title, "status": b.status, "published_at": b.published_at,
             "updated_at": b.updated_at, "count": counts.get(b.id, 0)}
            for b in rows
        ]
    flash, error = _take_flash(request)
    today = to_vn(utcnow()).date()
    has_today = any(b["day"] == today for b in bulletins)
    return render(request, "index.html", bulletins=bulletins, today=today, has_today=has_today,
                  flash=flash, error=error)


@router.post("/draft")
def draft(request: Request, editor: str = Depends(require_editor), day: str = Form("")) -> Response:
    """Create (or refresh with newly crawled stories) the draft of ``day`` (default: today)."""
    chosen = parse_day(day) if day.strip() else to_vn(utcnow()).date()
    try:
        with session_scope(_engine(request)) as session:
            bulletin = draft_bulletin(session, chosen)
            count = len([i for i in session.exec(select(BulletinItem).where(
                BulletinItem.bulletin_id == bulletin.id, col(BulletinItem.included).is_(True))).all()])
    except BantinError as exc:
        request.session["flash_error"] = vi_message(exc, chosen)
        back = "/" if isinstance(exc, (BulletinNotFound, DayNotYetCome)) else f"/bulletins/{chosen.isoformat()}"
        return RedirectResponse(back, status_code=303)
    if count:
        request.session["flash"] = f"Đã lập bản nháp ngày {dmy(chosen)}: {count} tin."
    else:
        request.session["flash_error"] = f"Bản nháp ngày {dmy(chosen)} chưa có tin nào: " + _why_empty(request, chosen)
    return RedirectResponse(f"/bulletins/{chosen.isoformat()}", status_code=303)


def _why_empty(request: Request, day: date) -> str:
    """Why a draft has no story, in the editor's words: nothing crawled, nothing classified,
    nothing relevant - with the last crawl's time and failures."""
    with session_scope(_engine(request)) as session:
        held = window_counts(session, day)
        run, kinds, failed = last_crawl(session)
    if not held.articles:
        reason = f"không có bài nào đăng từ {to_vn(held.start):%H:%M %d/%m} đến {to_vn(held.end):%H:%M %d/%m}"
    elif held.classified < held.articles:
        reason = (f"{held.articles - held.classified}/{held.articles} bài trong khung giờ chưa được phân loại"
                  " (bantin classify)")
    else:
        reason = (f"máy không thấy bài nào trong {held.articles} bài thuộc diện cải cách hành chính"
                  f" ({held.relevant} liên quan đã đăng trước)")
    if run is None:
        crawl = "chưa thu thập lần nào"
    else:
        crawl = f"lần thu thập cuối lúc {to_vn(run.started_at):%H:%M %d/%m} ({run.status})"
        if kinds:
            crawl += ", lỗi " + ", ".join(f"{k} ×{n}" for k, n in kinds.most_common(4))
        if failed:
            crawl += "; không lấy được: " + ", ".join(failed[:6])
    return f"{reason}; {crawl}."


# --------------------------------------------------------------------------- one day
@router.get("/bulletins/{day}", response_class=HTMLResponse)
def bulletin_page(request: Request, day: str) -> Response:
    chosen = parse_day(day)
    flash, error = _take_flash(request)
    undo_id = _take_undo(request)
    view = request.query_params.get("view")
    if view in ("compact", "full"):  # the editor's choice, kept for the session
        request.session["view"] = view
    try:
        with session_scope(_engine(request)) as session:
            context = board_context(session, chosen, request.query_params.get("flag", ""))
            context["crawl"] = last_crawl(session)
    except BulletinNotFound:
        return render(request, "missing.html", status_code=404, day=chosen, iso=chosen.isoformat(),
                      flash=flash, error=error)
    return render(request, "bulletin.html", flash=flash, error=error, undo_id=undo_id,
                  compact=request.session.get("view") == "compact",
                  reports=reports_for(request.app, chosen), running=is_running(request.app, chosen),
                  **context)


@router.get("/bulletins/{day}/reports", response_class=HTMLResponse)
def reports(request: Request, day: str) -> Response:
    """The post-publish outcomes (site rebuild, e-mail) of ``day``: polled while running."""
    chosen = parse_day(day)
    return render(request, "partials/reports.html", iso=chosen.isoformat(),
                  reports=reports_for(request.app, chosen), running=is_running(request.app, chosen))


@router.get("/bulletins/{day}/board", response_class=HTMLResponse)
def board(request: Request, day: str) -> Response:
    chosen = parse_day(day)
    try:
        return _render_board(request, chosen)
    except BulletinNotFound as exc:
        return PlainTextResponse(vi_message(exc, chosen), status_code=404)


@router.get("/bulletins/{day}/items/{item_id}", response_class=HTMLResponse)
def item_page(request: Request, day: str, item_id: int, partial: int = 0) -> Response:
    """The full edit form of one story (headline, author, paragraphs): a page, or the panel."""
    chosen = parse_day(day)
    try:
        with session_scope(_engine(request)) as session:
            bulletin = require_bulletin(session, chosen)
            view = next((v for v in candidates(session, chosen) if v.item_id == item_id), None)
    except BulletinNotFound as exc:
        return PlainTextResponse(vi_message(exc, chosen), status_code=404)
    if view is None:
        return PlainTextResponse("Không có tin này trong bản tin.", status_code=404)
    context = {"day": chosen, "iso": chosen.isoformat(), "c": view,
               "readonly": bulletin.status == "published", "bulletin": bulletin}
    if partial:
        return render(request, "partials/trim.html", **context)
    flash, error = _take_flash(request)
    return render(request, "item.html", flash=flash, error=error, **context)


def _item_route(name: str) -> str:
    return f"/bulletins/{{day}}/items/{{item_id}}/{name}"


Version = Depends(form_version)


@router.post(_item_route("include"))
def include(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
            version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: curate.include(s, chosen, item_id, editor),
                lambda it: f"Đã đưa vào bản tin: {_short(it.headline)}", f"item-{item_id}",
                version=version, item_id=item_id)


@router.post(_item_route("exclude"))
def exclude(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
            version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: curate.exclude(s, chosen, item_id, editor),
                lambda it: f"Đã loại tin: {_short(it.headline)}", f"item-{item_id}",
                version=version, item_id=item_id)


@router.post(_item_route("move"))
def move(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
         section: str = Form(...), version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: curate.move(s, chosen, item_id, section, editor),
                lambda it: f"Đã chuyển sang {Section(it.section).heading}: {_short(it.headline)}",
                f"item-{item_id}", version=version, item_id=item_id)


@router.post(_item_route("up"))
def up(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
       version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: move_up(s, chosen, item_id, editor),
                lambda it: f"Đã đưa lên: {_short(it.headline)}", f"item-{item_id}",
                version=version, item_id=item_id, ordering=True)


@router.post(_item_route("down"))
def down(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
         version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: move_down(s, chosen, item_id, editor),
                lambda it: f"Đã đưa xuống: {_short(it.headline)}", f"item-{item_id}",
                version=version, item_id=item_id, ordering=True)


@router.post(_item_route("reorder"))
def reorder(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
            position: int = Form(...), version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: curate.reorder(s, chosen, item_id, position, editor),
                lambda it: f"Đã đặt tin ở vị trí {it.position + 1}: {_short(it.headline)}",
                f"item-{item_id}", version=version, item_id=item_id, ordering=True)


@router.post(_item_route("place"))
def place(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
          number: str = Form(""), version: int | None = Version) -> Response:
    """Move a story to printed number N ("#N": where that story is now, in its section)."""
    chosen = parse_day(day)
    text = number.strip().lstrip("#").strip()
    if not text.isdigit() or int(text) < 1:
        return _refuse(request, chosen, "Nhập số thứ tự trong bản tin (1, 2, 3…).")
    return _act(request, chosen, lambda s: curate.move_to_number(s, chosen, item_id, int(text), editor),
                lambda it: f"Đã chuyển tin tới số {int(text)}: {_short(it.headline)}",
                f"item-{item_id}", version=version, item_id=item_id, ordering=True)


@router.post(_item_route("headline"))
def headline(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
             headline: str = Form(""), next: str = Form(""), version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: edit_headline(s, chosen, item_id, headline, editor),
                lambda it: f"Đã sửa tiêu đề: {_short(it.headline)}", f"item-{item_id}", next or None,
                version=version, item_id=item_id)


@router.post(_item_route("author"))
def author(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
           author: str = Form(""), next: str = Form(""), version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: edit_author(s, chosen, item_id, author, editor),
                lambda it: f"Đã sửa tác giả: {it.author or '(không ghi)'}", f"item-{item_id}",
                next or None, version=version, item_id=item_id)


@router.post(_item_route("trim"))
def trim(request: Request, day: str, item_id: int, editor: str = Depends(require_editor),
         keep: list[int] = Form(default=[]), next: str = Form(""), version: int | None = Version) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: trim_paragraphs(s, chosen, item_id, keep, editor),
                lambda it: f"Đã giữ {len(it.paragraphs)} đoạn: {_short(it.headline)}",
                f"item-{item_id}", next or None, version=version, item_id=item_id)


@router.post("/bulletins/{day}/pull-in")
def pull_in(request: Request, day: str, editor: str = Depends(require_editor),
            article_id: int = Form(...), section: str = Form(...)) -> Response:
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: curate.pull_in(s, chosen, article_id, section, editor),
                lambda it: f"Đã đưa vào {Section(it.section).heading}: {_short(it.headline)}",
                None)


@router.post("/bulletins/{day}/undo")
def undo(request: Request, day: str, editor: str = Depends(require_editor),
         change_id: str = Form("")) -> Response:
    """Revert a change (the one named, else the editor's newest not yet undone)."""
    chosen = parse_day(day)
    wanted = int(change_id) if change_id.strip().isdigit() else None
    return _act(request, chosen, lambda s: undoing.undo(s, chosen, editor, wanted),
                lambda c: f"Đã hoàn tác ({undoing.ACTION_WORDS.get(str((c.after or {}).get('undid')), 'thao tác')}).",
                None, undoable=False,
                # only an undone pull-in puts a story back in the left-out list
                left_out_changed=lambda c: (c.after or {}).get("undid") == "pull_in")


def _refuse(request: Request, day: date, message: str) -> Response:
    """A bad form value: a one-line error, nothing changed."""
    if is_fetch(request):
        return PlainTextResponse(message, status_code=400)
    request.session["flash_error"] = message
    return RedirectResponse(f"/bulletins/{day.isoformat()}", status_code=303)


@router.post("/bulletins/{day}/redraft")
def redraft(request: Request, day: str, editor: str = Depends(require_editor)) -> Response:
    """Re-run the draft: keeps every editor change, adds stories crawled since."""
    chosen = parse_day(day)
    return _act(request, chosen, lambda s: draft_bulletin(s, chosen),
                "Đã cập nhật bản nháp với tin mới (giữ nguyên các sửa đổi).")


# --------------------------------------------------------------------------- preview / publish
@router.get("/bulletins/{day}/preview", response_class=HTMLResponse)
def preview(request: Request, day: str) -> Response:
    """Exactly the page readers get: the same ``render_html`` the site and export use."""
    chosen = parse_day(day)
    try:
        with session_scope(_engine(request)) as session:
            doc = load_doc(session, chosen)
    except BulletinNotFound as exc:
        return PlainTextResponse(vi_message(exc, chosen), status_code=404)
    html = render_html(doc, standalone=True)
    return HTMLResponse(html, headers={"Content-Security-Policy": preview_csp(html)})


@router.post("/bulletins/{day}/publish")
def publish(request: Request, background: BackgroundTasks, day: str,
            editor: str = Depends(require_editor)) -> Response:
    chosen = parse_day(day)
    try:
        with session_scope(_engine(request)) as session:
            doc = bulletin_publish.publish(session, chosen, editor)
            count = len(doc.items)
    except BantinError as exc:
        request.session["flash_error"] = vi_message(exc, chosen)
        return RedirectResponse(f"/bulletins/{chosen.isoformat()}", status_code=303)
    # The publish is committed above; site and e-mail run after the response, and their
    # failures are reported on the page, never undoing the publish.
    mark_running(request.app, chosen)
    background.add_task(after_publish, request.app, chosen)
    request.session["flash"] = f"Đã xuất bản bản tin ngày {dmy(chosen)} ({count} tin)."
    return RedirectResponse(f"/bulletins/{chosen.isoformat()}", status_code=303)


@router.post("/bulletins/{day}/reopen")
def reopen(request: Request, day: str, editor: str = Depends(require_editor)) -> Response:
    chosen = parse_day(day)
    try:
        with session_scope(_engine(request)) as session:
            bulletin_publish.reopen(session, chosen, editor)
    except BantinError as exc:
        request.session["flash_error"] = vi_message(exc, chosen)
        return RedirectResponse(f"/bulletins/{chosen.isoformat()}", status_code=303)
    request.session["flash"] = (
        f"Đã mở lại bản tin ngày {dmy(chosen)}: sửa xong hãy xuất bản lại. "
        "Bản đã gửi đi (trang web, thư) không tự thay đổi cho tới khi xuất bản lại."
    )
    return RedirectResponse(f"/bulletins/{chosen.isoformat()}", status_code=303)


@router.get("/bulletins/{day}/history", response_class=HTMLResponse)
def history_page(request: Request, day: str) -> Response:
    chosen = parse_day(day)
    try:
        with session_scope(_engine(request)) as session:
            changes = history(session, chosen)
            ids = {c.item_id for c in changes if c.item_id}
            headlines = {
                i.id: i.headline
                for i in session.exec(select(BulletinItem).where(col(BulletinItem.id).in_(ids or {-1}))).all()
            }
    except BulletinNotFound as exc:
        return render(request, "error.html", status_code=404, title="Không có bản tin",
                      message=vi_message(exc, chosen), back="/")
    rows = [
        {"at": c.at, "editor": c.editor, "action": ACTIONS.get(c.action, c.action),
         "item": headlines.get(c.item_id) if c.item_id else _snapshot_headline(c), "item_id": c.item_id,
         "changes": describe_change(c.before, c.after)}
        for c in reversed(changes)  # newest first: what an editor wants to check
    ]
    return render(request, "history.html", day=chosen, iso=chosen.isoformat(), rows=rows)


def _snapshot_headline(change: Any) -> str | None:
    """The headline a change recorded, for a story no longer in the bulletin (an undone pull-in)."""
    for state in (change.after, change.before):
        if isinstance(state, dict) and state.get("headline"):
            return str(state["headline"])
    return None


_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", re.DOTALL | re.IGNORECASE)


def preview_csp(html: str) -> str:
    """The preview runs exactly the page's own inline scripts (by hash: the A- A A+ control),
    nothing else, so it behaves like the published page without opening the editor's session
    to any script that text from a source might smuggle in."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    )
    return PREVIEW_CSP + (f"; script-src {hashes}" if hashes else "; script-src 'none'")


FIELD_LABELS = {
    "section": "mục", "position": "vị trí", "included": "được chọn", "headline": "tiêu đề",
    "author": "tác giả", "paragraphs": "số đoạn", "published_at": "giờ xuất bản", "items": "số tin",
}


def _show(name: str, value: Any) -> str:
    if value is None:
        return "—"
    if name == "section" and value in SECTION_KEYS:
        return SECTION_SHORT[value]
    if name == "paragraphs" and isinstance(value, list):
        return f"{len(value)} đoạn"
    if name == "included":
        return "có" if value else "không"
    if name == "published_at" and isinstance(value, str):
        try:
            local = to_vn(datetime.fromisoformat(value))
        except ValueError:
            return value
        return f"{local:%H:%M} {dmy(local.date())}"
    return str(value)


def describe_change(before: Any, after: Any) -> list[tuple[str, str, str]]:
    """(field, before, after) for the fields that differ, in Vietnamese."""
    b = before if isinstance(before, dict) else {}
    a = after if isinstance(after, dict) else {}
    out = []
    for name in [*b.keys(), *[k for k in a.keys() if k not in b]]:
        if name in ("undoes", "undid"):  # bookkeeping of an undo, not a field of the story
            continue
        if b.get(name) != a.get(name):
            out.append((FIELD_LABELS.get(name, name), _show(name, b.get(name)), _show(name, a.get(name))))
    return out
