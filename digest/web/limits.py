"""Request size limits, enforced while the body is read (not after it was buffered).

``BodyLimit`` refuses a request whose Content-Length is over the limit before reading a byte,
and stops one that sends more than it announced (or is chunked) as soon as the limit is passed,
so a huge POST costs the server at most the limit in memory. Small public forms get a smaller
limit by path prefix.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOO_LARGE = "Yêu cầu quá lớn."


class BodyLimit:
    """ASGI middleware: at most ``max_bytes`` of request body (``small`` maps path prefixes to
    smaller limits, e.g. ``{"/subscribe": 4096}``)."""

    def __init__(self, app: ASGIApp, max_bytes: int, small: dict[str, int] | None = None) -> None:
        self.app = app
        self.max_bytes = int(max_bytes)
        self.small = dict(small or {})

    def limit_for(self, path: str) -> int:
        for prefix, limit in self.small.items():
            if path == prefix or path.startswith(prefix.rstrip("/") + "/"):
                return min(limit, self.max_bytes)
        return self.max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope.get("path", ""))
        for name, value in scope.get("headers", []):
            if name == b"content-length":
                try:
                    announced = int(value)
                except ValueError:
                    announced = -1
                if announced < 0 or announced > limit:
                    response = PlainTextResponse(TOO_LARGE if announced >= 0 else "Bad Content-Length",
                                                 status_code=413 if announced >= 0 else 400,
                                                 headers={"Connection": "close"})
                    await response(scope, receive, send)
                    return
        received = 0

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    # the app's HTTPException handler turns this into its own 413 page
                    raise HTTPException(413, TOO_LARGE)
            return message

        await self.app(scope, limited_receive, send)
