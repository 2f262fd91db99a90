"""/login and /logout."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Depends, Form
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from digest.store.db import session_scope
from digest.web import auth
from digest.web.accounts import accounts, exists, verify
from digest.web.csrf import verify_csrf, verify_origin
from digest.web.views import render

log = logging.getLogger(__name__)
router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only same-site paths: never an open redirect to another host."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> Response:
    """No icon (the preview is the readers' page and names none): answer so browsers stop asking."""
    return Response(status_code=204, headers={"Cache-Control": "public, max-age=86400"})


def _configured(request: Request) -> bool:
    """Someone can log in: a shared password is set or an account exists."""
    if auth.configured_credential() is not None:
        return True
    with session_scope(request.app.state.engine) as db:
        return bool(accounts(db))


@router.get("/login")
def login_page(request: Request, next: str = "/", ended: str = "") -> Response:
    """``ended``: the editors' page sent the editor here because the session ended mid-work."""
    if auth.current_editor(request):
        return RedirectResponse(safe_next(next), status_code=303)
    return render(request, "login.html", next=safe_next(next), name="", configured=_configured(request),
                  ended=bool(ended))


@router.post("/login", dependencies=[Depends(verify_origin)])
def login(
    request: Request,
    password: str = Form(""),
    username: str = Form(""),
    name: str = Form(""),  # the field's name before named accounts: same meaning
    next: str = Form("/"),
) -> Response:
    who = username or name
    limiter: auth.LoginLimiter = request.app.state.limiter
    client = auth.client_address(request)
    wait = limiter.hit(client)
    if wait:
        log.warning("login rate limit hit by %s", client)
        response = render(
            request, "login.html", status_code=429, next=safe_next(next), name=who, configured=True,
            error=f"Quá nhiều lần đăng nhập. Hãy thử lại sau {int(wait) + 1} giây.",
        )
        response.headers["Retry-After"] = str(int(wait) + 1)
        return response
    credential = auth.configured_credential()
    with session_scope(request.app.state.engine) as db:
        account = verify(db, who, password)  # one argon2 check whether or not the name exists
        named = account is not None or (bool(who.strip()) and exists(db, who))
    if account is None and not named and credential is None and not _configured(request):
        return render(request, "login.html", status_code=503, next=safe_next(next), name=who,
                      configured=False, error="Chưa có tài khoản biên tập (bantin editors add TÊN).")
    # The shared password is a bootstrap admin under any name that is not an account's.
    if account is None and (named or not auth.check_password(password, credential)):
        log.warning("failed editor login from %s", client)
        request.session.clear()  # a wrong password leaves no session behind
        return render(request, "login.html", status_code=401, next=safe_next(next), name=who,
                      configured=True, error="Sai tên đăng nhập hoặc mật khẩu.")
    auth.log_in(request, who, account)
    return RedirectResponse(safe_next(next), status_code=303)


@router.post("/logout")
async def logout(request: Request) -> Response:
    """End the session. Needs the CSRF token while logged in; an expired session just goes to /login."""
    if auth.current_editor(request) is not None:
        await verify_csrf(request)
    auth.log_out(request)
    return RedirectResponse("/login", status_code=303)
