"""Public subscription endpoints on make_public_app(): double opt-in and RFC 8058 unsubscribe."""

from __future__ import annotations

import email
import email.policy
import re
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select
from test_mail_helpers import DAY, LiveApp, add_bulletin, smtp_server

from digest.mail.send import send_bulletin
from digest.mail.subscribers import add_subscriber
from digest.mail.tokens import confirm_token, unsubscribe_token
from digest.store.models import Subscriber
from digest.web.public import make_public_app


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
        from digest.web import throttle

        later = time.monotonic() + 121
        monkeypatch.setattr(throttle.time, "monotonic", lambda: later)
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


# --------------------------------------------------------------------------- abuse
def outbox(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "data" / "outbox").glob("confirm-*.eml"))


def asgi_client(app, host: str) -> httpx.AsyncClient:  # type: ignore[no-untyped-def]
    """A client as seen from ``host`` (the app's only notion of who is asking)."""
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app, client=(host, 50000)),
                             base_url="http://bantin.test")


def test_the_form_is_no_mail_cannon(engine, client: httpx.Client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """One client cannot mail a hundred strangers; posts from other sites are refused."""
    codes = [client.post("/subscribe", data={"email": f"nguoi.la{i}@example.vn"}).status_code
             for i in range(30)]
    assert codes[:10] == [200] * 10 and set(codes[10:]) == {429}
    assert len(outbox(tmp_path)) == 10
    refused = client.post("/subscribe", data={"email": "khac@example.vn"},
                          headers={"Origin": "https://evil.example"})
    assert refused.status_code == 403 and len(outbox(tmp_path)) == 10


def test_the_readers_site_on_its_own_host_may_post_the_form(engine, client: httpx.Client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The README's split: the app on one host, the readers' site (every page has the box) on another."""
    from digest import config

    user = tmp_path / "user.toml"
    user.write_text('[general]\nsite_url = "https://app.bantin.example.vn/"\n'
                    '[site]\nurl = "https://bantin.example.vn/"\n', encoding="utf-8")
    config.use_settings(config.load_settings(user))
    for origin, code in (("https://bantin.example.vn", 200), ("https://app.bantin.example.vn", 200),
                         ("http://bantin.example.vn", 403), ("https://bantin.example.vn.evil.example", 403)):
        answer = client.post("/subscribe", data={"email": f"doc.gia@{origin.split('//')[1]}.vn"},
                             headers={"Origin": origin})
        assert answer.status_code == code, (origin, answer.text[:300])
    page = client.post("/subscribe", data={"email": "ban.doc@example.vn"},
                       headers={"Referer": "https://bantin.example.vn/ban-tin/2026/11/27/"})
    assert page.status_code == 200 and "kiểm tra hộp thư" in page.text
    assert len(outbox(tmp_path)) == 3


def test_one_mailbox_gets_few_confirmations_whoever_asks(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    app = make_public_app(engine=engine)

    async def run() -> list[int]:
        codes = []
        for i in range(20):  # twenty clients, twenty sub-addresses of one mailbox
            async with asgi_client(app, f"10.0.0.{i + 1}") as http:
                r = await http.post("/subscribe", data={"email": f"muc.tieu+{i}@example.vn"})
                codes.append(r.status_code)
        return codes

    codes = asyncio.run(run())
    assert codes == [200] * 20  # "check your mailbox": it does hold a link
    assert len(outbox(tmp_path)) == 1


def test_mailbox_and_domain_limits_over_time(monkeypatch: pytest.MonkeyPatch) -> None:
    from digest.web import throttle

    now = [1000.0]
    monkeypatch.setattr(throttle.time, "monotonic", lambda: now[0])
    guard = throttle.SubscribeGuard({"subscribe_per_mailbox_per_day": 3,
                                     "subscribe_resend_after_seconds": 120,
                                     "subscribe_per_domain_per_hour": 5})
    seen = []
    for _ in range(6):  # the same address every 121 s: three a day, then no more
        seen.append(guard.admit(f"c{now[0]}", "an@example.vn")[0] is None)
        now[0] += 121
    assert seen == [True, True, True, False, False, False]
    refusal = guard.admit("c", "an@example.vn")[0]
    assert refusal is not None and refusal.reason == "mailbox" and refusal.wait > 80000
    domain = [guard.admit(f"d{i}", f"u{i}@other.vn")[0] for i in range(7)]
    assert [r is None for r in domain] == [True] * 5 + [False] * 2
    assert domain[5].reason == "domain"  # type: ignore[union-attr]


def test_a_failed_send_is_not_counted_as_sent(engine, client: httpx.Client, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import socket

    with socket.socket() as sock:  # a port nothing listens on: the mail server is down
        sock.bind(("127.0.0.1", 0))
        dead = sock.getsockname()[1]
    monkeypatch.setenv("BANTIN_SMTP_URL", f"smtp://127.0.0.1:{dead}")
    first = client.post("/subscribe", data={"email": "thu.lai@example.vn"})
    assert first.status_code == 503
    again = client.post("/subscribe", data={"email": "thu.lai@example.vn"})
    assert again.status_code == 503 and "kiểm tra hộp thư" not in again.text
    with smtp_server() as (server, box):
        monkeypatch.setenv("BANTIN_SMTP_URL", server.url)
        assert client.post("/subscribe", data={"email": "thu.lai@example.vn"}).status_code == 200
        assert box.count("thu.lai@example.vn") == 1


def test_request_bodies_are_limited_while_read(engine) -> None:  # type: ignore[no-untyped-def]
    """A 50 MB post is cut off after the limit: the server never holds the rest."""
    import asyncio

    app = make_public_app(engine=engine)
    sent = [0]

    async def body():  # type: ignore[no-untyped-def]
        for _ in range(800):
            sent[0] += 1
            yield b"email=" + b"x" * 65536

    async def run() -> tuple[int, int]:
        async with asgi_client(app, "10.1.0.1") as http:
            chunked = await http.post("/subscribe", content=body(),
                                      headers={"Content-Type": "application/x-www-form-urlencoded"})
            announced = await http.post("/subscribe", content=b"email=a%40b.vn",
                                        headers={"Content-Type": "application/x-www-form-urlencoded",
                                                 "Content-Length": str(200 * 1024 * 1024)})
        return chunked.status_code, announced.status_code

    assert asyncio.run(run()) == (413, 413)
    assert sent[0] <= 2  # read up to the limit, not to the end
    with engine.connect() as conn:
        assert conn.execute(select(Subscriber)).first() is None
