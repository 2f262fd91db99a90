"""Public subscription endpoints on make_public_app(): double opt-in and RFC 8058 unsubscribe."""

from __future__ import annotations

import email
import email.policy
import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import httpx
from sqlalchemy import select

from digest.store.models import Subscriber
from digest.mail.send import send_bulletin
from digest.store.db import open_db
from digest.mail.subscribers import add_subscriber
from digest.mail.tokens import confirm_token, unsubscribe_token
from digest.web import public as web_public
from digest.web.public import make_public_app
from test_mail_helpers import DAY, LiveApp, add_bulletin, smtp_server


@pytest.fixture(autouse=True)
def _fresh_throttle() -> Iterator[None]:
    web_public._recent.clear()
    yield
    web_public._recent.clear()


@pytest.fixture
def client(engine) -> Iterator[httpx.Client]:  # type: ignore[no-untyped-def]
    """httpx against make_public_app() served by a real uvicorn on loopback."""
    with LiveApp(make_public_app(engine=engine)) as live, httpx.Client(base_url=live.url) as http:
        yield http


def status_of(engine, key: str) -> str | None:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return conn.execute(select(Subscriber.status).where(Subscriber.email == key)).scalar()


def link_in(text: str, kind: str) -> str:
    match = re.search(rf"https?://[^\s\"<>]+/{kind}/[\w.\-]+", text)
    assert match, text[:2000]
    return match.group(0)


def path_of(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_subscribe_confirm_over_real_smtp(engine, client: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    page = client.get("/subscribe")
    assert page.status_code == 200 and 'name="email"' in page.text and "Đăng ký" in page.text
    assert client.get("/subscribe/style.css").headers["content-type"].startswith("text/css")
    with smtp_server() as (server, box):
        monkeypatch.setenv("BANTIN_SMTP_URL", server.url)
        answer = client.post("/subscribe", data={"email": "  Thu.Hà@Ví-Dụ.VN "})
        assert answer.status_code == 200 and "kiểm tra hộp thư" in answer.text
        key = "thu.hà@xn--v-d-rma6749a.vn"
        assert status_of(engine, key) == "pending"
        rcpt = "Thu.Hà@xn--v-d-rma6749a.vn"
        assert box.count(rcpt) == 1
        mail = box.parsed(rcpt)
        assert mail["Subject"] == "Xác nhận đăng ký nhận Bản tin cải cách hành chính"
        text = mail.get_body(("plain",)).get_content()
        assert "Thu.Hà@Ví-Dụ.VN" in text and "72 giờ" in text
        url = link_in(text, "confirm")
        assert url in mail.get_body(("html",)).get_content()
        # asking again at once sends nothing more (the form cannot flood a mailbox) ...
        assert client.post("/subscribe", data={"email": "thu.hà@ví-dụ.vn"}).status_code == 200
        assert box.count(rcpt) == 1
        # ... later, a pending address gets its link again
        monkeypatch.setattr(web_public, "RESEND_AFTER_SECONDS", 0)
        assert client.post("/subscribe", data={"email": "thu.hà@ví-dụ.vn"}).status_code == 200
        assert box.count(rcpt) == 2
    confirmed = client.get(path_of(url))
    assert confirmed.status_code == 200 and "Đăng ký thành công" in confirmed.text
    assert status_of(engine, key) == "confirmed"
    assert client.get(path_of(url)).status_code == 200  # idempotent
    assert status_of(engine, key) == "confirmed"


def test_subscribe_without_smtp_writes_the_outbox(engine, client: httpx.Client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert client.post("/subscribe", data={"email": "ban.doc@example.vn"}).status_code == 200
    files = list((tmp_path / "data" / "outbox").glob("confirm-*.eml"))
    assert len(files) == 1
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    url = link_in(msg.get_body(("plain",)).get_content(), "confirm")
    assert client.get(path_of(url)).status_code == 200
    assert status_of(engine, "ban.doc@example.vn") == "confirmed"


def test_confirmed_address_gets_the_same_answer_and_no_mail(engine, client: httpx.Client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    add_subscriber(engine, "da.co@example.vn", confirmed=True)
    answer = client.post("/subscribe", data={"email": "DA.CO@example.vn"})
    assert answer.status_code == 200 and "kiểm tra hộp thư" in answer.text
    assert not (tmp_path / "data" / "outbox").exists()


@pytest.mark.parametrize("bad", ["khong-phai-email", "a@", "", "x" * 5000 + "@example.vn"])
def test_invalid_addresses_are_refused(engine, client: httpx.Client, bad: str) -> None:  # type: ignore[no-untyped-def]
    answer = client.post("/subscribe", data={"email": bad})
    assert answer.status_code == 400 and 'role="alert"' in answer.text
    with engine.connect() as conn:
        assert conn.execute(select(Subscriber)).first() is None


def test_expired_tampered_and_wrong_purpose_tokens_are_refused(engine, client: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    from itsdangerous.timed import TimestampSigner

    sub = add_subscriber(engine, "cu.tri@example.vn")
    real_now = time.time()
    with pytest.MonkeyPatch.context() as clock:  # signed 73 hours ago (time to live: 72)
        clock.setattr(TimestampSigner, "get_timestamp", lambda self: int(real_now - 73 * 3600))
        old = confirm_token(sub.id, sub.email)  # type: ignore[arg-type]
    expired = client.get(f"/confirm/{old}")
    assert expired.status_code == 400 and "hết hạn" in expired.text
    good = confirm_token(sub.id, sub.email)  # type: ignore[arg-type]
    tampered = good[:-3] + ("AAA" if not good.endswith("AAA") else "BBB")
    assert client.get(f"/confirm/{tampered}").status_code == 400
    # an unsubscribe token is not a confirmation token (different salts)
    assert client.get(f"/confirm/{unsubscribe_token(sub.id, sub.email)}").status_code == 400  # type: ignore[arg-type]
    # a token for a removed-and-reused id names nobody
    assert client.get(f"/confirm/{confirm_token(sub.id, 'someone@else.vn')}").status_code == 404  # type: ignore[arg-type]
    assert status_of(engine, "cu.tri@example.vn") == "pending"
    assert client.get(f"/confirm/{good}").status_code == 200
    assert status_of(engine, "cu.tri@example.vn") == "confirmed"


def test_unsubscribe_get_changes_nothing_post_is_one_click_and_idempotent(engine, client: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    sub = add_subscriber(engine, "Người.Đọc@example.vn", confirmed=True)
    token = unsubscribe_token(sub.id, sub.email)  # type: ignore[arg-type]
    page = client.get(f"/unsubscribe/{token}")
    assert page.status_code == 200 and 'method="post"' in page.text and "Người.Đọc@example.vn" in page.text
    assert client.head(f"/unsubscribe/{token}").status_code in (200, 405)
    assert status_of(engine, sub.email) == "confirmed"  # a link scanner unsubscribes nobody
    for _ in range(2):  # RFC 8058: body List-Unsubscribe=One-Click, no cookies, no login
        answer = client.post(f"/unsubscribe/{token}", content=b"List-Unsubscribe=One-Click",
                             headers={"Content-Type": "application/x-www-form-urlencoded"})
        assert answer.status_code == 200 and "huỷ đăng ký" in answer.text.lower()
        assert status_of(engine, sub.email) == "unsubscribed"
    # multipart body (also allowed by RFC 8058) and a bad token
    assert client.post(f"/unsubscribe/{token}", files={"List-Unsubscribe": (None, "One-Click")}).status_code == 200
    assert client.post(f"/unsubscribe/{token}x").status_code == 400
    assert client.get(f"/unsubscribe/{confirm_token(sub.id, sub.email)}").status_code == 400  # type: ignore[arg-type]


def test_list_unsubscribe_header_of_a_sent_bulletin_works(engine, client: httpx.Client) -> None:  # type: ignore[no-untyped-def]
    add_bulletin(engine)
    sub = add_subscriber(engine, "doc.gia@example.vn", confirmed=True)
    with smtp_server() as (server, box):
        send_bulletin(engine, DAY, smtp_url=server.url)
    mail = box.parsed("doc.gia@example.vn")
    header_url = re.fullmatch(r"<(.+)>", mail["List-Unsubscribe"]).group(1)  # type: ignore[union-attr]
    assert header_url in mail.get_body(("html",)).get_content()
    answer = client.post(path_of(header_url), content=b"List-Unsubscribe=One-Click",
                         headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert answer.status_code == 200
    assert status_of(engine, sub.email) == "unsubscribed"
