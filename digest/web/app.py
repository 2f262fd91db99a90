"""The editors' web app: ``create_app(db_url=None) -> FastAPI``, served by ``bantin serve``.

Layers, outermost first: security headers, signed-cookie sessions, then three routers:
``/login``+``/logout`` (no session needed), the editor pages (session + CSRF on every
state-changing request) and the public subscription endpoints of ``digest.web.public``.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import quote

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy.exc import SQLAlchemyError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from digest.config import settings
from digest.errors import (
    BantinError,
    BulletinAlreadyPublished,
    BulletinNotFound,
    BulletinNotPublished,
)
from digest.store.db import describe, open_db
from digest.web import (
    public,
    routes_auth,
    routes_bulletins,
    routes_mail,
    routes_search,
    routes_sources,
    routes_subscribers,
)
from digest.web.auth import (
    LoginLimiter,
    NotAllowed,
    NotAuthenticated,
    check_configured_password,
    require_editor,
)
from digest.web.csrf import CSRFError, verify_csrf
from digest.web.dbcheck import DatabaseWatch
from digest.web.headers import SecurityHeaders
from digest.web.jobs import Jobs
from digest.web.limits import BodyLimit
from digest.web.sessions import SessionMiddleware
from digest.web.views import is_fetch, render, static_dir

log = logging.getLogger(__name__)


def _failure_page(request: Request, status: int, title: str, message: str) -> Response:
    """The app's error page, or the message as plain text when even the page fails (it looks up
    the session in the very database that may be failing)."""
    if not is_fetch(request):
        try:
            return render(request, "error.html", status_code=status, title=title, message=message)
        except Exception:  # noqa: BLE001 - any failure here still owes the user an answer
            log.exception("the error page itself failed")
    return PlainTextResponse(message, status_code=status)


def create_app(db_url: str | None = None, sources_file: str | None = None,
               crawl_overrides: dict[str, Any] | None = None) -> FastAPI:
    """The editors' app on the database at ``db_url`` (default: settings().db_url); "crawl now"
    crawls ``sources_file`` (default spiders/sources.toml) with ``crawl_overrides``."""
    check_configured_password()
    app = FastAPI(title="bantin", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.engine = open_db(db_url)
    app.state.db_url = db_url
    app.state.limiter = LoginLimiter(settings().value("web", "login_attempts_per_minute", int))
    app.state.reports = {}  # day -> list of post-publish task outcomes, shown on the page
    app.state.running = set()  # days whose post-publish tasks are still running
    app.state.sources_file = sources_file
    app.state.crawl_overrides = crawl_overrides
    app.state.jobs = Jobs()  # crawl now, send now: one of each at a time

    app.add_middleware(
        SessionMiddleware,
        secret_key=settings().secret_key,
        max_age=int(settings().value("web", "session_hours", float) * 3600),
        always_secure=settings().value("web", "secure_cookies", bool),
    )
    # the board is repetitive HTML; level 6: a third less CPU than 9 on a 300 KB page, 3% larger
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(SecurityHeaders)
    app.add_middleware(DatabaseWatch, engine=app.state.engine)
    app.add_middleware(BodyLimit, **public.body_limits())  # outermost: nothing reads a body before it

    app.mount("/static", StaticFiles(directory=static_dir()), name="static")
    app.include_router(routes_auth.router)
    for editors in (routes_bulletins, routes_search):
        app.include_router(editors.router, dependencies=[Depends(require_editor), Depends(verify_csrf)])
    for admin in (routes_sources, routes_mail, routes_subscribers):  # each route requires an admin
        app.include_router(admin.router, dependencies=[Depends(verify_csrf)])
    app.include_router(public.router)

    @app.exception_handler(NotAuthenticated)
    async def _not_authenticated(request: Request, exc: NotAuthenticated) -> Response:
        if request.method == "GET" and not is_fetch(request):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target, safe='')}", status_code=303)
        return PlainTextResponse("Phiên đăng nhập đã hết hạn: hãy đăng nhập lại.", status_code=401)

    @app.exception_handler(NotAllowed)
    async def _not_allowed(request: Request, exc: NotAllowed) -> Response:
        message = "Trang này dành cho tài khoản quản trị (admin)."
        if is_fetch(request):
            return PlainTextResponse(message, status_code=403)
        return render(request, "error.html", status_code=403, title="Không có quyền", message=message, back="/")

    @app.exception_handler(CSRFError)
    async def _csrf_refused(request: Request, exc: CSRFError) -> Response:
        message = "Yêu cầu bị từ chối (thiếu hoặc sai mã chống giả mạo CSRF). Hãy tải lại trang rồi thử lại."
        if is_fetch(request):
            return PlainTextResponse(message, status_code=403)
        return render(request, "error.html", status_code=403, title="Bị từ chối", message=message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if is_fetch(request) or exc.status_code < 400:
            return PlainTextResponse(str(exc.detail), status_code=exc.status_code, headers=exc.headers)
        titles = {404: "Không tìm thấy trang", 405: "Thao tác không hợp lệ"}
        message = exc.detail if isinstance(exc.detail, str) and exc.detail not in ("Not Found", "Method Not Allowed") \
            else "Đường dẫn này không có trong ứng dụng biên tập."
        return render(request, "error.html", status_code=exc.status_code,
                      title=titles.get(exc.status_code, "Lỗi"), message=message, back="/")

    @app.exception_handler(SQLAlchemyError)
    async def _database_error(request: Request, exc: SQLAlchemyError) -> Response:
        # locked, gone, read-only...: the editor gets a page that says so, the log the detail
        log.error("database error on %s %s: %s", request.method, request.url.path, describe(exc))
        message = "Cơ sở dữ liệu đang bận hoặc không dùng được; thay đổi chưa được lưu. Hãy thử lại sau ít phút."
        return _failure_page(request, 503, "Chưa lưu được", message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        message = "Đã có lỗi không mong muốn; thay đổi có thể chưa được lưu. Chi tiết nằm trong nhật ký máy chủ."
        return _failure_page(request, 500, "Lỗi máy chủ", message)

    @app.exception_handler(BantinError)
    async def _domain_error(request: Request, exc: BantinError) -> Response:
        status = 404 if isinstance(exc, BulletinNotFound) else 409 if isinstance(
            exc, (BulletinAlreadyPublished, BulletinNotPublished)) else 400
        if is_fetch(request):
            return PlainTextResponse(str(exc), status_code=status)
        return render(request, "error.html", status_code=status, title="Không thực hiện được", message=str(exc))

    return app


def proxy_options() -> dict[str, object]:
    """uvicorn's proxy settings from [web] trusted_proxies: X-Forwarded-For/-Proto are believed
    only from those addresses (none by default), so a client cannot pick its own address (and
    dodge the login limits) by sending the header itself."""
    trusted = [str(a) for a in settings()["web"].get("trusted_proxies", [])]
    return {"proxy_headers": bool(trusted), "forwarded_allow_ips": trusted or None}
