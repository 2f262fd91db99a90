"""Signed cookie sessions (itsdangerous), with the Secure flag decided per request.

Starlette's SessionMiddleware fixes ``Secure`` at start-up; editors may reach the app both on
loopback (http) and behind an https proxy, so the flag is set whenever the request itself is
https (uvicorn's proxy headers make ``scope["scheme"]`` reflect X-Forwarded-Proto from a trusted
proxy) or when settings()["web"]["secure_cookies"] says so. The cookie is always HttpOnly and
SameSite=Lax; its content is signed, not encrypted, so it holds no secrets beyond the CSRF token
that is only useful together with the cookie itself.
"""

from __future__ import annotations

import json
from typing import Any

from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

COOKIE_NAME = "bantin_session"


class Session(dict[str, Any]):
    """A dict that remembers whether it was changed during the request."""

    modified = False

    def __setitem__(self, key: str, value: Any) -> None:
        self.modified = True
        super().__setitem__(key, value)

    def __delitem__(self, key: str) -> None:
        self.modified = True
        super().__delitem__(key)

    def clear(self) -> None:
        self.modified = True
        super().clear()

    def pop(self, key: str, *default: Any) -> Any:  # type: ignore[override]
        self.modified = True
        return super().pop(key, *default)

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        self.modified = True
        super().update(*args, **kwargs)


class SessionMiddleware:
    """Loads ``scope["session"]`` from a signed cookie and writes it back when modified."""

    def __init__(
        self,
        app: ASGIApp,
        secret_key: str,
        max_age: int = 12 * 3600,
        always_secure: bool = False,
        cookie_name: str = COOKIE_NAME,
    ) -> None:
        self.app = app
        self.serializer = URLSafeTimedSerializer(secret_key, salt="bantin.web.session")
        self.max_age = max_age
        self.always_secure = always_secure
        self.cookie_name = cookie_name

    def _load(self, raw: str | None) -> Session:
        if not raw:
            return Session()
        try:
            data = self.serializer.loads(raw, max_age=self.max_age)
        except (BadSignature, ValueError, json.JSONDecodeError):
            return Session()  # tampered or expired: start afresh, never trust it
        return Session(data) if isinstance(data, dict) else Session()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        connection = HTTPConnection(scope)
        had_cookie = self.cookie_name in connection.cookies
        session = self._load(connection.cookies.get(self.cookie_name))
        scope["session"] = session
        secure = self.always_secure or scope.get("scheme") == "https"

        async def send_wrapper(message: Message) -> None:
            if message["type"] == "http.response.start" and session.modified:
                headers = MutableHeaders(scope=message)
                flags = "Path=/; HttpOnly; SameSite=Lax" + ("; Secure" if secure else "")
                if session:
                    value = self.serializer.dumps(dict(session))
                    headers.append(
                        "Set-Cookie", f"{self.cookie_name}={value}; Max-Age={self.max_age}; {flags}"
                    )
                elif had_cookie:
                    headers.append(
                        "Set-Cookie",
                        f"{self.cookie_name}=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; {flags}",
                    )
                headers.add_vary_header("Cookie")
            await send(message)

        await self.app(scope, receive, send_wrapper)
