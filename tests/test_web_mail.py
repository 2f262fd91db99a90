"""Mail and subscribers in the web app: a test message to an SMTP server on loopback (aiosmtpd)
from a real Chromium, send now with the ledger's counts polled in place, a scheduled send run
exactly once, and the subscribers page (counts, search, add, CSV import with a per-line report,
CSV export, remove) over plain HTTP."""

from __future__ import annotations

import email
import email.policy
import re
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from test_web_browser import ISO, PASSWORD, browser, engine, live  # noqa: F401 (fixtures)
from test_web_seed import DAY, LiveServer

from digest.store.db import session_scope
from digest.text import utcnow


@pytest.fixture
def smtp(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[list[str], bytes]]]:
    from aiosmtpd.controller import Controller

    received: list[tuple[list[str], bytes]] = []

    class Handler:
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
            received.append((list(envelope.rcpt_tos), envelope.original_content or envelope.content))
            return "250 2.0.0 queued"

    class Loopback(Controller):
        def _trigger_server(self) -> None:
            self.port = self.server.sockets[0].getsockname()[1]
            super()._trigger_server()

    server = Loopback(Handler(), hostname="127.0.0.1", port=0)
    server.start()
    monkeypatch.setenv("BANTIN_SMTP_URL", f"smtp://127.0.0.1:{server.port}")
    from digest import config

    config.use_settings(config.load_settings(None))
    try:
        yield received
    finally:
        server.stop()


def publish(engine: Engine) -> None:
    from digest.bulletin.publish import publish as do

    with session_scope(engine) as session:
        do(session, DAY, "Lan")


def subject_of(raw: bytes) -> str:
    return str(email.message_from_bytes(raw, policy=email.policy.default)["Subject"])


@pytest.mark.browser
def test_test_send_and_send_now_from_the_mail_page(browser: Any, live: LiveServer, engine: Engine,
                                                   smtp: list[tuple[list[str], bytes]]) -> None:
    from digest.mail.subscribers import add_subscriber

    publish(engine)
    add_subscriber(engine, "Độc.Giả@example.vn", confirmed=True)
    add_subscriber(engine, "cho@example.vn")  # pending: never mailed
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.on("dialog", lambda dialog: dialog.accept())
    page.goto(f"{live.url}/login")
    page.fill("input[name=username]", "Quản trị")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live.url}/mail")
    row = page.locator(f"#mail-{ISO}")
    row.locator("input[name=to]").fill("bien.tap@example.vn")
    page.click(f"#test-{ISO}")
    page.wait_for_load_state()
    assert not page.locator(".flash.err").count(), page.locator(".flash.err").inner_text()
    assert "Đã gửi thử bản tin ngày 24/5/2023: sent to bien.tap@example.vn through" in page.locator(".flash.ok").inner_text()
    assert len(smtp) == 1 and smtp[0][0] == ["bien.tap@example.vn"]
    assert subject_of(smtp[0][1]).startswith("[THỬ] Bản tin cải cách hành chính")
    assert page.locator(f"#mail-{ISO} input[name=to]").input_value() == "bien.tap@example.vn"  # remembered
    # Send now: in the background; the ledger's counts are polled in place.
    page.click(f"#send-{ISO}")
    page.wait_for_selector("#send-status.ok", timeout=30_000)
    cells = [c.strip() for c in page.locator(f"#mail-{ISO} td.num").all_inner_texts()]
    assert cells == ["1", "0", "0", "0", "0"], cells
    assert [r for r, _ in smtp[1:]] == [["Độc.Giả@example.vn"]]
    context.close()


def test_a_scheduled_send_runs_once_when_due(engine: Engine, smtp: list[tuple[list[str], bytes]]) -> None:
    from digest.errors import InvalidInput
    from digest.mail.schedule import run_due, schedule
    from digest.mail.subscribers import add_subscriber

    publish(engine)
    add_subscriber(engine, "doc.gia@example.vn", confirmed=True)
    soon = utcnow() + timedelta(minutes=5)
    with session_scope(engine) as session:
        with pytest.raises(InvalidInput, match="has passed"):
            schedule(session, DAY, utcnow() - timedelta(minutes=1), "Lan")
        schedule(session, DAY, soon, "Lan")
    assert run_due(engine) == []  # not yet
    ran = run_due(engine, now=soon + timedelta(seconds=1))
    assert ran == [(DAY, "đã gửi 1, hoãn 0, lỗi 0")]
    assert run_due(engine, now=soon + timedelta(minutes=1)) == []  # once
    assert len(smtp) == 1


@pytest.fixture
def admin(live: LiveServer) -> Iterator[tuple[httpx.Client, str]]:
    with httpx.Client(base_url=live.url, timeout=20) as client:
        assert client.post("/login", data={"username": "Quản trị", "password": PASSWORD}).status_code == 303
        token = re.search(r'name="csrf-token" content="([^"]+)"', client.get("/subscribers").text).group(1)
        yield client, token


def test_subscribers_page(admin: tuple[httpx.Client, str], engine: Engine) -> None:
    client, token = admin
    page = client.get("/subscribers").text
    assert "Không có địa chỉ nào." in page
    r = client.post("/subscribers/add", data={"csrf_token": token, "email": "Thu.Hà@Ví-Dụ.VN", "confirmed": "1"})
    assert r.status_code == 303
    assert "Đã thêm Thu.Hà@Ví-Dụ.VN (confirmed)." in client.get("/subscribers").text
    bad = client.post("/subscribers/add", data={"csrf_token": token, "email": "không phải địa chỉ"}, follow_redirects=True)
    assert "Không thêm được «không phải địa chỉ»" in bad.text
    csv_text = "email,status\nan@example.vn,confirmed\nthu.hà@ví-dụ.vn,\nhỏng@@x\nbinh@example.vn,lạ\n"
    r = client.post("/subscribers/import", data={"csrf_token": token, "default_status": "confirmed"},
                    files={"file": ("ban-doc.csv", csv_text.encode(), "text/csv")})
    assert r.status_code == 200
    assert "1 thêm, 1 trùng, 2 không hợp lệ" in r.text
    report = re.search(r'id="import-report".*?</section>', r.text, re.DOTALL).group(0)
    assert report.count("<tr class=\"outcome-") == 4 and "unknown status" in report
    counts = re.search(r'id="counts".*?</p>', client.get("/subscribers").text, re.DOTALL).group(0)
    assert re.search(r"đã xác nhận <b>2</b>", counts)
    found = client.get("/subscribers", params={"q": "an@"}).text
    assert "an@example.vn" in found and "Thu.Hà" not in found
    exported = client.get("/subscribers.csv")
    assert exported.headers["content-type"].startswith("text/csv")
    lines = exported.text.strip().splitlines()
    assert lines[0] == "email,status,created_at" and len(lines) == 3
    assert any(line.startswith("Thu.Hà@Ví-Dụ.VN,confirmed,") for line in lines)
    r = client.post("/subscribers/remove", data={"csrf_token": token, "email": "AN@example.vn"}, follow_redirects=True)
    assert "Đã xoá an@example.vn" in r.text
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM subscriber")).scalar_one() == 1
    # A page the editors' role may not open.
    assert client.get("/subscribers.csv").status_code == 200
