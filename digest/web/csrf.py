"""CSRF protection: a per-session synchronizer token plus an Origin check.

Every state-changing editor request must carry the session's token, either as the hidden form
field ``csrf_token`` (plain HTML forms) or as the ``X-CSRF-Token`` header (script requests).
A request whose Origin (or, lacking it, Referer) names another site is refused as well, which
also covers the login form (it has no session yet to hold a token). Refusals raise CSRFError,
which the app turns into a 403 before any handler runs, so nothing changes.
"""

from __future__ import annotations

import base64
import hmac
import logging
import secrets
from urllib.parse import urlsplit

from starlette.requests import Request

HEADER = "X-CSRF-Token"
FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
log = logging.getLogger(__name__)


class CSRFError(Exception):
    """The request lacks a valid CSRF token or comes from another origin."""


def token(request: Request) -> str:
    """The session's CSRF secret, created on first use (never printed as is: see ``masked``)."""
    value = request.session.get("csrf")
    if not value:
        value = secrets.token_urlsafe(32)
        request.session["csrf"] = value
    return str(value)


def masked(request: Request) -> str:
    """The CSRF token as printed in a page: the secret XOR a fresh random pad, pad first.

    Pages are gzip-compressed and also carry text from sources; a secret that is the same in
    every response could be guessed from compressed sizes (BREACH). A new pad per response makes
    the printed token different every time while it still proves the same secret."""
    secret = token(request).encode()
    pad = secrets.token_bytes(len(secret))
    return base64.urlsafe_b64encode(pad + bytes(a ^ b for a, b in zip(pad, secret, strict=False))).decode().rstrip("=")


def unmask(value: str) -> str | None:
    """The secret inside a printed token, or None when it is not one."""
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (ValueError, TypeError):
        return None
    if not raw or len(raw) % 2:
        return None
    half = len(raw) // 2
    try:
        return bytes(a ^ b for a, b in zip(raw[:half], raw[half:], strict=False)).decode("ascii")
    except UnicodeDecodeError:
        return None


def same_origin(request: Request) -> bool:
    """False when Origin/Referer is present and names a different scheme://host:port."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source or source == "null":
        # Browsers send Origin on every cross-site POST; its absence means a non-browser client
        # or a same-origin navigation, which the token check still covers.
        return source != "null"
    parts = urlsplit(source)
    here = request.url
    if (parts.scheme, parts.netloc.lower()) == (here.scheme, here.netloc.lower()):
        return True
    # Behind a reverse proxy this usually means the proxy does not pass the Host header and
    # X-Forwarded-Proto: say so, or every editor POST would fail without explanation.
    log.warning("refused a %s from origin %s: this app is %s://%s (a proxy must forward Host and "
                "X-Forwarded-Proto)", request.method, source, here.scheme, here.netloc)
    return False


async def verify_origin(request: Request) -> None:
    """FastAPI dependency for forms without a session token (login)."""
    if request.method not in SAFE_METHODS and not same_origin(request):
        raise CSRFError("cross-origin request")


async def verify_csrf(request: Request) -> None:
    """FastAPI dependency: refuse unsafe requests without the session's token."""
    if request.method in SAFE_METHODS:
        return
    if not same_origin(request):
        raise CSRFError("cross-origin request")
    expected = request.session.get("csrf")
    given = request.headers.get(HEADER)
    if not given:
        content_type = request.headers.get("content-type", "")
        if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
            form = await request.form()  # cached by Starlette: the handler reads the same form
            field = form.get(FIELD)
            given = field if isinstance(field, str) else None
    secret = unmask(given) if given else None
    if not expected or not secret or not hmac.compare_digest(str(expected), secret):
        raise CSRFError("missing or invalid CSRF token")
