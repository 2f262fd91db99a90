"""Notice when the SQLite file under a running app is deleted or replaced.

An open SQLite connection keeps using a deleted file's inode: edits would vanish with it, and a
new file at the same path would be silently ignored. ``DatabaseWatch`` compares the file's
identity with the one it had at start-up on every request and answers 503 once it changed.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from sqlalchemy.engine import Engine
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

log = logging.getLogger(__name__)
GONE = ("Tệp cơ sở dữ liệu đã bị xoá hoặc thay thế khi ứng dụng đang chạy: "
        "hãy khởi động lại bantin serve.")


def sqlite_file(engine: Engine) -> Path | None:
    """The database file of a file-backed SQLite engine, else None."""
    if engine.dialect.name != "sqlite":
        return None
    name = engine.url.database
    return Path(name).resolve() if name and name != ":memory:" else None


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino)


class DatabaseWatch:
    """ASGI middleware: 503 for every request once the SQLite file is gone or replaced."""

    def __init__(self, app: ASGIApp, engine: Engine) -> None:
        self.app = app
        self.path = sqlite_file(engine)
        self.identity = _identity(self.path) if self.path else None
        self.warned = False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and self.identity is not None:
            assert self.path is not None
            if _identity(self.path) != self.identity:
                if not self.warned:
                    log.error("database file %s was deleted or replaced: restart the server", self.path)
                    self.warned = True
                await PlainTextResponse(GONE, status_code=503)(scope, receive, send)
                return
        await self.app(scope, receive, send)
