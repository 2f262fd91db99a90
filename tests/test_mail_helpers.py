"""Shared pieces of the mail tests (no tests here): a real SMTP server on loopback, a published
bulletin with real Vietnamese content, and subscriber helpers."""

from __future__ import annotations

import asyncio
import email
import email.policy
import threading
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from sqlalchemy import insert
from sqlalchemy.engine import Engine

from digest.bulletin.doc import BulletinDoc, Item, SectionBlock, bulletin_title
from digest.classify.sections import Section
from digest.store.db import session_scope
from digest.store.models import Bulletin, Subscriber
from digest.text import utcnow

ROOT_DIR = Path(__file__).resolve().parent.parent
DAY = date(2023, 5, 24)
PUBLISHED_AT = datetime(2023, 5, 24, 9, 40, tzinfo=UTC)  # 16:40 in Vietnam


def sample_doc(day: date = DAY) -> BulletinDoc:
    """A bulletin shaped like the reference issue of 24/5/2023 (real headlines and text)."""
    items = {
        Section.POLICY: [
            Item(1, "Sẽ ưu đãi phí, lệ phí khi thực hiện dịch vụ công trực tuyến",
                 "https://www.baogiaothong.vn/se-uu-dai-phi-le-phi-dich-vu-cong-truc-tuyen.html",
                 "Baogiaothong.vn", date(2023, 5, 24), "Trang Trần", None,
                 ["Thủ tướng Chính phủ yêu cầu các bộ, ngành nghiên cứu chính sách ưu đãi phí, lệ phí "
                  "để khuyến khích người dân, doanh nghiệp thực hiện dịch vụ công trực tuyến.",
                  "Việc thanh toán trực tuyến phải thuận tiện, an toàn & minh bạch <đúng quy định>."]),
        ],
        Section.LOCAL: [
            Item(2, "Đà Nẵng: Trả kết quả hồ sơ chậm phải xin lỗi dân, doanh nghiệp bằng văn bản",
                 "https://baodanang.vn/tra-ket-qua-ho-so-cham.html", "Baodanang.vn", date(2023, 5, 23),
                 "PV", "Đà Nẵng",
                 ["UBND thành phố Đà Nẵng yêu cầu cơ quan, đơn vị trả kết quả hồ sơ thủ tục hành chính "
                  "trễ hẹn phải gửi văn bản xin lỗi tổ chức, cá nhân."]),
        ],
        Section.WORLD: [
            Item(3, "Hàn Quốc bổ sung luật buộc các nghị sỹ phải kê khai tài sản ảo",
                 "https://www.vietnamplus.vn/han-quoc-ke-khai-tai-san-ao.vnp", "TTXVN/VietnamPlus.vn",
                 date(2023, 5, 23), "Khánh Vân", None,
                 ["Ủy ban Tư vấn Thẩm định về Đạo đức sẽ tiến hành kiểm tra và gửi ý kiến đến nghị sỹ "
                  "liên quan và đại diện đảng tại Quốc hội trước ngày 31/7."]),
        ],
    }
    return BulletinDoc(
        date=day, title=bulletin_title(day), published_at=PUBLISHED_AT,
        sections=[SectionBlock(key, its) for key, its in items.items()], status="published",
    )


def add_bulletin(engine: Engine, day: date = DAY, status: str = "published") -> int:
    doc = sample_doc(day)
    snapshot = doc.to_json()
    if status != "published":
        snapshot = None
    with session_scope(engine) as session:
        row = Bulletin(date=day, status=status, title=doc.title,
                       published_at=PUBLISHED_AT if status == "published" else None, snapshot=snapshot)
        session.add(row)
        session.flush()
        return int(row.id)  # type: ignore[arg-type]


def add_confirmed(engine: Engine, n: int, domain: str = "example.vn", start: int = 0) -> list[str]:
    """n confirmed subscribers in one statement: addresses user<i>@domain."""
    now = utcnow()
    rows = [{"email": f"user{i}@{domain}", "display_email": f"User{i}@{domain}", "status": "confirmed",
             "created_at": now, "confirmed_at": now, "bounce_count": 0} for i in range(start, start + n)]
    with engine.begin() as conn:
        conn.execute(insert(Subscriber), rows)
    return [f"User{i}@{domain}" for i in range(start, start + n)]


# --------------------------------------------------------------------------- SMTP on loopback
class LoopbackController(Controller):
    """aiosmtpd's Controller bound to an ephemeral port (port 0) on 127.0.0.1."""

    def __init__(self, handler: Any, **kw: Any) -> None:
        super().__init__(handler, hostname="127.0.0.1", port=0, **kw)

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


class Recorder:
    """Stores every accepted message per recipient; can misbehave on purpose.

    defer_once: recipients answered 451 on their first RCPT, accepted later.
    reject: recipients always answered 550.
    drop_every: close the connection (no answer) at the MAIL FROM after this many messages
    on one connection.
    drop_in_data: recipients whose DATA makes the server vanish; ``store_before_drop`` says
    whether the message was kept first (an MTA that queued it but never answered).
    delay: seconds to wait after storing a message, before answering 250 (a slow server).
    hold_until: answer no DATA until this many connections were opened (forces overlap).
    """

    def __init__(self, *, defer_once: set[str] | None = None, reject: set[str] | None = None,
                 drop_every: int | None = None, drop_in_data: set[str] | None = None,
                 store_before_drop: bool = True, delay: float = 0.0, hold_until: int = 0,
                 defer_always: set[str] | None = None) -> None:
        self.messages: dict[str, list[bytes]] = defaultdict(list)
        self.defer_once = {a.lower() for a in (defer_once or set())}
        self.reject = {a.lower() for a in (reject or set())}
        self.defer_always = {a.lower() for a in (defer_always or set())}
        self.drop_every = drop_every
        self.drop_in_data = {a.lower() for a in (drop_in_data or set())}
        self.store_before_drop = store_before_drop
        self.delay = delay
        self.hold_until = hold_until  # answer no DATA before this many connections were made
        self.deferred: set[str] = set()
        self.connections = 0
        self.drops = 0
        self.lock = threading.Lock()
        self._per_session: dict[int, int] = defaultdict(int)

    async def handle_EHLO(self, server: Any, session: Any, envelope: Any, hostname: str,
                          responses: list[str]) -> list[str]:
        session.host_name = hostname
        with self.lock:
            self.connections += 1
        return responses

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        if self.drop_every and self._per_session[id(session)] >= self.drop_every:
            with self.lock:
                self.drops += 1
            server.transport.close()
            return "421 4.3.2 going away"
        envelope.mail_from = address
        envelope.mail_options.extend(options)
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str,
                          options: list[str]) -> str:
        key = address.lower()
        if key in self.reject:
            return f"550 5.1.1 <{address}>: user unknown"
        if key in self.defer_always:
            return "452 4.2.2 mailbox full"
        with self.lock:
            if key in self.defer_once and key not in self.deferred:
                self.deferred.add(key)
                return "451 4.7.1 greylisted, try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        rcpts = [r.lower() for r in envelope.rcpt_tos]
        dropping = any(r in self.drop_in_data for r in rcpts)
        if not dropping or self.store_before_drop:
            with self.lock:
                for rcpt in rcpts:
                    self.messages[rcpt].append(envelope.original_content or envelope.content)
        self._per_session[id(session)] += 1
        if dropping:
            self.drop_in_data -= set(rcpts)  # vanish once per such recipient
            with self.lock:
                self.drops += 1
            server.transport.close()
            return "451 never seen"
        waited = 0.0
        while self.connections < self.hold_until and waited < 60:
            await asyncio.sleep(0.01)
            waited += 0.01
        if self.delay:
            await asyncio.sleep(self.delay)
        return "250 2.0.0 queued"

    def count(self, address: str) -> int:
        return len(self.messages.get(address.lower(), []))

    def parsed(self, address: str) -> EmailMessage:
        raw = self.messages[address.lower()][-1]
        return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


@contextmanager
def smtp_server(handler: Recorder | None = None, **kw: Any) -> Iterator[tuple[LoopbackController, Recorder]]:
    handler = handler or Recorder(**kw)
    controller = LoopbackController(handler, enable_SMTPUTF8=True)
    controller.start()
    try:
        yield controller, handler
    finally:
        controller.stop()


# --------------------------------------------------------------------------- HTTP on loopback
class LiveApp:
    """A real uvicorn server for an ASGI app on 127.0.0.1 (port chosen by the OS), in a thread."""

    def __init__(self, app: object) -> None:
        import uvicorn

        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                                    lifespan="off", ws="none"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.url = ""

    def __enter__(self) -> LiveApp:
        import time

        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.01)
        self.url = f"http://127.0.0.1:{self.server.servers[0].sockets[0].getsockname()[1]}"
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


# --------------------------------------------------------------------------- a bare SMTP server
class BareSMTP:
    """A minimal threaded SMTP server (socketserver) for misbehaviour aiosmtpd has no hook for:
    ``drop_at_data`` connections are closed when the DATA command arrives, before 354."""

    def __init__(self, drop_at_data: int = 0) -> None:
        import socketserver

        outer = self
        self.drop_at_data = drop_at_data
        self.received: dict[str, int] = defaultdict(int)
        self.lock = threading.Lock()

        class Handler(socketserver.StreamRequestHandler):
            def handle(self) -> None:
                rcpts: list[str] = []
                self.wfile.write(b"220 bare ESMTP\r\n")
                for line in self.rfile:
                    verb = line[:4].upper()
                    if verb == b"EHLO":
                        self.wfile.write(b"250-bare\r\n250 8BITMIME\r\n")
                    elif verb == b"RCPT":
                        rcpts.append(line.split(b":", 1)[1].strip().strip(b"<>").decode().lower())
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"DATA":
                        with outer.lock:
                            drop = outer.drop_at_data > 0
                            outer.drop_at_data -= 1 if drop else 0
                        if drop:
                            return  # the connection closes before 354
                        self.wfile.write(b"354 go on\r\n")
                        for body in self.rfile:
                            if body == b".\r\n":
                                break
                        with outer.lock:
                            for r in rcpts:
                                outer.received[r] += 1
                        rcpts = []
                        self.wfile.write(b"250 OK\r\n")
                    elif verb == b"QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 OK\r\n")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self.server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"smtp://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> BareSMTP:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
