"""Public subscription pages: subscribe (double opt-in), confirm, and RFC 8058 unsubscribe.

``router`` is mounted by the editors' app (``digest.web.app``); ``make_public_app()`` serves it
alone (tests, and ``bantin serve`` when the editors' app is unavailable). The database engine is
``request.app.state.engine`` when the app set one, else the settings' database.

* ``GET /subscribe`` shows the form, ``POST /subscribe`` (field ``email``) adds a pending
  subscriber and mails the confirmation link. The answer is the same whether or not the address
  was already subscribed, so the form reveals nobody's membership. Posts from other sites are
  refused, and ``digest.web.throttle`` bounds the mail it can cause per client, per mailbox,
  per domain and overall (429 with Retry-After beyond that).
* ``GET /confirm/{token}`` confirms (the token is signed and expires after
  ``[mail] confirm_ttl_hours``).
* ``GET /unsubscribe/{token}`` only shows a page with a button: link scanners and prefetchers
  that follow links in mail unsubscribe nobody.
* ``POST /unsubscribe/{token}`` unsubscribes: RFC 8058 one-click (mail providers POST
  ``List-Unsubscribe=One-Click``), no login, idempotent (a second POST answers 200 as well).
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs, urlsplit

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from sqlalchemy.engine import Engine
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from digest.bulletin.identity import css_variables, logo_file, readers_url
from digest.config import settings, templates_dir
from digest.errors import InvalidInput
from digest.mail.address import normalise_address
from digest.mail.optin import subscribe_request
from digest.mail.subscribers import confirm as do_confirm
from digest.mail.subscribers import get_by_token_claim
from digest.mail.subscribers import unsubscribe as do_unsubscribe
from digest.mail.tokens import TokenExpired, read_confirm_token, read_unsubscribe_token
from digest.store.db import open_db, session_scope
from digest.store.models import Subscriber
from digest.web.auth import client_address
from digest.web.csrf import same_origin
from digest.web.limits import BodyLimit
from digest.web.throttle import SubscribeGuard

log = logging.getLogger(__name__)
router = APIRouter()
MAX_FORM_BYTES = 4096
_guards_lock = threading.Lock()


def _guard(request: Request) -> Any:
    """The app's sign-up limits (one set per app, made on first use)."""
    guard = getattr(request.app.state, "subscribe_guard", None)
    if guard is None:
        with _guards_lock:
            guard = getattr(request.app.state, "subscribe_guard", None)
            if guard is None:
                guard = request.app.state.subscribe_guard = SubscribeGuard(settings()["web"])
    return guard


def _allowed_origin(request: Request) -> bool:
    """Same origin as this app, or the readers' site (it may carry the form); no Origin/Referer
    at all is a non-browser client, which the rate limits cover."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if source and source != "null":
        parts = urlsplit(source)
        # the app's public address and the readers' site, whose every page carries the box
        for base in (str(settings()["general"]["site_url"]), readers_url()):
            site = urlsplit(base)
            if (parts.scheme, parts.netloc.lower()) == (site.scheme, site.netloc.lower()):
                return True
    return same_origin(request)


@lru_cache(maxsize=4)
def _env(root: str) -> Environment:
    return Environment(loader=FileSystemLoader(root), autoescape=select_autoescape(["html"]),
                       undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)


def _page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    env = _env(str(templates_dir() / "public"))
    context.setdefault("list_name", str(settings()["general"]["bulletin_title"]))
    context.setdefault("publisher", str(settings()["general"]["publisher"]))
    return HTMLResponse(env.get_template(name).render(context), status_code=status)


def _engine(request: Request) -> Engine:
    engine = getattr(request.app.state, "engine", None)
    return engine if engine is not None else open_db()


async def _form_field(request: Request, name: str) -> str:
    """One field of a small urlencoded or multipart form. Its size is bounded while it is read
    (``digest.web.limits.BodyLimit``, 413 beyond); this check covers an app mounted without it."""
    received = bytearray()
    limit = int(settings()["web"].get("max_form_bytes", MAX_FORM_BYTES))
    async for chunk in request.stream():
        received += chunk
        if len(received) > limit:
            raise HTTPException(413, "Yêu cầu quá lớn.")
    body = bytes(received)
    ctype = request.headers.get("content-type", "")
    if ctype.startswith("application/x-www-form-urlencoded"):
        values = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).get(name)
        return values[0] if values else ""
    if ctype.startswith("multipart/form-data"):
        form = await request.form()
        value = form.get(name)
        return value if isinstance(value, str) else ""
    return ""


@router.get("/subscribe/style.css", include_in_schema=False)
def stylesheet() -> Response:
    css = css_variables() + (templates_dir() / "public" / "public.css").read_text(encoding="utf-8")
    return Response(css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/identity.css", include_in_schema=False)
def identity_stylesheet() -> Response:
    """The publisher's colours for the editors' app (templates/identity/app.css over [site.colors])."""
    css = css_variables(dark=False) + (templates_dir() / "identity" / "app.css").read_text(encoding="utf-8")
    return Response(css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})


@router.get("/identity/logo", include_in_schema=False)
def identity_logo() -> Response:
    """The publisher's logo ([site] logo) for the subscribe pages."""
    logo = logo_file()
    kinds = {".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
             ".gif": "image/gif", ".webp": "image/webp"}
    return Response(logo.read_bytes(), media_type=kinds.get(logo.suffix.lower(), "application/octet-stream"),
                    headers={"Cache-Control": "public, max-age=3600"})


@router.get("/subscribe", response_class=HTMLResponse)
def subscribe_form() -> HTMLResponse:
    """The sign-up form."""
    return _page("subscribe.html", email="", error=None)


@router.post("/subscribe", response_class=HTMLResponse)
async def subscribe(request: Request) -> HTMLResponse:
    """Add a pending subscriber and send the confirmation link (double opt-in)."""
    if not _allowed_origin(request):
        return _page("message.html", 403, title="Bị từ chối",
                     text="Biểu mẫu đăng ký phải được gửi từ chính trang đăng ký.", subscribe_link=True)
    email = (await _form_field(request, "email")).strip()
    if not email:
        return _page("subscribe.html", 400, email="", error="Vui lòng nhập địa chỉ e-mail.")
    try:
        address = normalise_address(email)
    except InvalidInput as exc:
        log.info("subscribe refused: %s", exc)
        return _page("subscribe.html", 400, email=email,
                     error="Địa chỉ e-mail không hợp lệ. Vui lòng kiểm tra lại.", detail=str(exc))
    guard, client = _guard(request), client_address(request)
    refusal, stamp = guard.admit(client, address.key)
    if refusal is not None and refusal.reason == "mailbox":
        # that mailbox got a link moments (or a few times today) ago: true to say "check it"
        log.info("subscribe: no new confirmation for %s (sent recently)", address.key)
        return _page("subscribe_sent.html", email=email)
    if refusal is not None:
        log.warning("subscribe limited (%s) for %s -> %s", refusal.reason, client, address.key)
        response = _page("subscribe.html", 429, email=email,
                         error="Đã có quá nhiều yêu cầu đăng ký. Nếu đã đăng ký, hãy kiểm tra hộp "
                               f"thư; nếu không, vui lòng thử lại sau {int(refusal.wait) // 60 + 1} phút.")
        response.headers["Retry-After"] = str(int(refusal.wait) + 1)
        return response
    try:
        _, outcome = await run_in_threadpool(subscribe_request, _engine(request), email)
    except InvalidInput as exc:
        guard.forget(client, address.key, stamp)
        log.info("subscribe refused: %s", exc)
        return _page("subscribe.html", 400, email=email,
                     error="Địa chỉ e-mail không hợp lệ. Vui lòng kiểm tra lại.", detail=str(exc))
    except Exception:  # the mail server failed: say so, the person can simply try again
        guard.forget(client, address.key, stamp)  # nothing went out: a retry is not a resend
        log.exception("confirmation message not sent")
        return _page("subscribe.html", 503, email=email,
                     error="Chưa gửi được thư xác nhận. Vui lòng thử lại sau ít phút.")
    log.info("subscribe %s: %s", email, outcome)
    return _page("subscribe_sent.html", email=email)


@router.get("/confirm/{token}", response_class=HTMLResponse)
def confirm(token: str, request: Request) -> HTMLResponse:
    """Double opt-in: a valid, unexpired link confirms the subscription (idempotent)."""
    try:
        claim = read_confirm_token(token)
    except TokenExpired:
        return _page("message.html", 400, title="Liên kết đã hết hạn",
                     text="Liên kết xác nhận này đã hết hạn. Vui lòng đăng ký lại để nhận liên kết mới.",
                     subscribe_link=True)
    except InvalidInput:
        return _page("message.html", 400, title="Liên kết không hợp lệ",
                     text="Liên kết xác nhận không đúng hoặc không đầy đủ. Hãy sao chép toàn bộ liên kết trong thư.",
                     subscribe_link=True)
    sub = do_confirm(_engine(request), claim.subscriber_id, claim.email)
    if sub is None:
        return _page("message.html", 404, title="Không tìm thấy đăng ký",
                     text="Địa chỉ này không còn trong danh sách. Vui lòng đăng ký lại.", subscribe_link=True)
    if sub.status == "bounced":
        return _page("message.html", 409, title="Không thể xác nhận",
                     text="Thư gửi tới địa chỉ này đã nhiều lần bị trả lại, nên chúng tôi tạm ngừng gửi.",
                     subscribe_link=False)
    return _page("message.html", title="Đăng ký thành công",
                 text=f"Cảm ơn bạn! Địa chỉ {sub.display_email} sẽ nhận {_list_name()} hằng ngày.",
                 subscribe_link=False)


def _list_name() -> str:
    return str(settings()["general"]["bulletin_title"])


def _unsubscribe_claim(token: str) -> Any:
    return read_unsubscribe_token(token)


@router.get("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe_page(token: str, request: Request) -> HTMLResponse:
    """Show the address and a button; changes nothing (link scanners must not unsubscribe)."""
    try:
        claim = _unsubscribe_claim(token)
    except InvalidInput:
        return _page("message.html", 400, title="Liên kết không hợp lệ",
                     text="Liên kết huỷ đăng ký không đúng hoặc không đầy đủ.", subscribe_link=False)
    with session_scope(_engine(request)) as session:
        sub: Subscriber | None = get_by_token_claim(session, claim.subscriber_id, claim.email)
    if sub is None or sub.status in ("unsubscribed", "bounced"):
        return _page("message.html", title="Bạn đã huỷ đăng ký",
                     text="Địa chỉ này không còn nhận bản tin.", subscribe_link=True)
    return _page("unsubscribe.html", email=sub.display_email, action=f"/unsubscribe/{token}")


@router.post("/unsubscribe/{token}", response_class=HTMLResponse)
def unsubscribe(token: str, request: Request) -> HTMLResponse:
    """RFC 8058 one-click unsubscribe (also the button of the GET page). No login; idempotent.

    The body (``List-Unsubscribe=One-Click``) is accepted but not required: the signed token
    alone identifies the subscriber.
    """
    try:
        claim = _unsubscribe_claim(token)
    except InvalidInput:
        return _page("message.html", 400, title="Liên kết không hợp lệ",
                     text="Liên kết huỷ đăng ký không đúng hoặc không đầy đủ.", subscribe_link=False)
    sub = do_unsubscribe(_engine(request), claim.subscriber_id, claim.email)
    shown = sub.display_email if sub is not None else "này"
    return _page("message.html", title="Bạn đã huỷ đăng ký",
                 text=f"Địa chỉ {shown} sẽ không nhận {_list_name()} nữa.", subscribe_link=True)


def make_public_app(db_url: str | None = None, engine: Engine | None = None) -> FastAPI:
    """A small app serving only the public subscription pages (tests, ``bantin serve`` fallback)."""
    app = FastAPI(title="bantin public", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine = engine if engine is not None else open_db(db_url)
    app.add_middleware(BodyLimit, **body_limits())
    app.include_router(router)
    return app


def body_limits() -> dict[str, Any]:
    """``BodyLimit`` options from [web]: every request, and the small public forms."""
    web = settings()["web"]
    small = int(web.get("max_form_bytes", 8192))
    return {"max_bytes": int(web.get("max_request_bytes", 1 << 20)),
            "small": {"/subscribe": small, "/login": small, "/unsubscribe": small}}
