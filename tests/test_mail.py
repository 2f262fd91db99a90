"""The bulletin e-mail itself (anatomy, escaping, encodings) and the `bantin send` command."""

from __future__ import annotations

import email
import email.policy
import re
import time
from pathlib import Path

import pytest
from test_mail_helpers import (
    DAY,
    LoopbackController,
    Recorder,
    add_bulletin,
    add_confirmed,
    sample_doc,
    smtp_server,
)

from digest import config
from digest.bulletin.doc import BulletinDoc
from digest.mail.compose import BulletinMail, render_bodies
from digest.mail.send import send_bulletin
from digest.mail.subscribers import add_subscriber


def test_raw_message_is_7bit_well_formed_and_parses_back() -> None:
    mail = BulletinMail(sample_doc(), bulletin_id=7)
    raw = mail.raw(12, "ban.doc@example.vn", "Ban.Doc@example.vn")
    assert raw.isascii()  # 7-bit: survives any relay, with or without 8BITMIME
    assert all(len(line) <= 998 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert not msg.defects
    assert msg["Subject"] == "Bản tin cải cách hành chính ngày 24/5/2023"
    assert msg["From"].addresses[0].display_name == "Bản tin CCHC"
    assert msg["To"] == "Ban.Doc@example.vn"
    assert msg["Message-ID"] == mail.message_id_for(12) == mail.message(12, "k", "a@b.vn")["Message-ID"]
    assert [p.get_content_type() for p in msg.iter_parts()] == ["text/plain", "text/html"]
    assert all(p["Content-Transfer-Encoding"] == "base64" and p.get_content_charset() == "utf-8"
               for p in msg.iter_parts())


@pytest.mark.parametrize("subscriber_id", [1, 57, 123456])
def test_assembled_bodies_equal_a_full_render(subscriber_id: int) -> None:
    """The per-subscriber fast path (pre-encoded head + short tail) decodes to exactly the
    bodies a full render with that subscriber's link gives."""
    from digest.mail.tokens import read_unsubscribe_token

    doc = sample_doc()
    msg = BulletinMail(doc, 3).message(subscriber_id, "ai.do@example.vn", "Ai.Do@example.vn")
    link = msg["List-Unsubscribe"].strip("<>")  # its token carries the second it was signed
    assert read_unsubscribe_token(link.rsplit("/", 1)[1]).subscriber_id == subscriber_id
    text, html = render_bodies(doc, link)
    assert msg.get_body(("plain",)).get_content() == text
    assert msg.get_body(("html",)).get_content() == html


def test_bodies_follow_the_bulletin_anatomy() -> None:
    text, html = render_bodies(sample_doc(), "https://bantin.example.vn/unsubscribe/TOKEN")
    # title, stamp, TOC in section order, numbered straight through, then the sections again
    order = ["Bản tin cải cách hành chính ngày 24/5/2023", "16:40, Thứ Tư, 24-5-2023",
             "CHỦ TRƯƠNG CẢI CÁCH", "1. Sẽ ưu đãi phí", "CẢI CÁCH ĐỊA PHƯƠNG", "2. Đà Nẵng:",
             "THẾ GIỚI", "3. Hàn Quốc", "CHỦ TRƯƠNG CẢI CÁCH", "(Baogiaothong.vn 24/5, Trang Trần)",
             "(TTXVN/VietnamPlus.vn 23/5, Khánh Vân)", "Trung tâm Tin học - Công báo",
             "https://bantin.example.vn/unsubscribe/TOKEN"]
    pos = 0
    for piece in order:
        found = text.find(piece, pos)
        assert found >= 0, (piece, text)
        pos = found + len(piece)
    assert "QUẢN LÝ HÀNH CHÍNH" not in text  # empty section left out
    # plain text: one blank line between paragraphs, the citation closes the last one
    assert ("dịch vụ công trực tuyến.\n\nViệc thanh toán trực tuyến phải thuận tiện, an toàn & minh bạch"
            " <đúng quy định>. (Baogiaothong.vn 24/5, Trang Trần)\n") in text
    for n in (1, 2, 3):
        assert f'href="#tin-{n}"' in html and f'id="tin-{n}"' in html
    assert html.count("Về đầu trang") == 3
    assert 'href="https://baodanang.vn/tra-ket-qua-ho-so-cham.html"' in html


def test_hostile_content_is_escaped_and_bad_links_dropped() -> None:
    data = sample_doc().to_json()
    item = data["sections"][0]["items"][0]
    item["headline"] = '<script>alert("x")</script> Tin "nóng"'
    item["url"] = "javascript:alert(1)"
    item["paragraphs"] = ['<img src=x onerror=alert(1)> đoạn văn']
    text, html = render_bodies(BulletinDoc.from_json(data))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "javascript:" not in html and "javascript:" not in text


def test_smtputf8_recipient_is_delivered_when_the_server_supports_it(engine) -> None:  # type: ignore[no-untyped-def]
    add_bulletin(engine)
    add_subscriber(engine, "nguyễn.văn.a@ví-dụ.vn", confirmed=True)
    with smtp_server() as (server, box):
        assert send_bulletin(engine, DAY, smtp_url=server.url).sent == 1
    assert box.count("nguyễn.văn.a@xn--v-d-rma6749a.vn") == 1
    msg = box.parsed("nguyễn.văn.a@xn--v-d-rma6749a.vn")
    assert msg["To"] == "nguyễn.văn.a@xn--v-d-rma6749a.vn"


def test_smtputf8_recipient_waits_for_a_server_that_supports_it(engine) -> None:  # type: ignore[no-untyped-def]
    """A server without SMTPUTF8 is our shortcoming, not the reader's: the delivery is deferred
    with the reason (no bounce), and a later run through a server that has it delivers it."""
    from datetime import timedelta

    from sqlalchemy import select, update

    from digest.store.models import Delivery, Subscriber
    from digest.text import utcnow

    add_bulletin(engine)
    add_subscriber(engine, "nguyễn@example.vn", confirmed=True)
    add_confirmed(engine, 1)
    box = Recorder()
    controller = LoopbackController(box, enable_SMTPUTF8=False)
    controller.start()
    try:
        report = send_bulletin(engine, DAY, smtp_url=controller.url)
    finally:
        controller.stop()
    assert (report.sent, report.deferred, report.failed, report.needs_smtputf8) == (1, 1, 0, 1)
    with engine.begin() as conn:
        error = conn.execute(select(Delivery.last_error).where(Delivery.status == "deferred")).scalar_one()
        bounces = conn.execute(select(Subscriber.bounce_count).where(Subscriber.email == "nguyễn@example.vn")).scalar_one()
        conn.execute(update(Delivery).where(Delivery.status == "deferred")
                     .values(next_attempt_at=utcnow() - timedelta(seconds=1)))  # its backoff has passed
    assert "does not support SMTPUTF8" in error and bounces == 0
    with smtp_server() as (server, box2):
        again = send_bulletin(engine, DAY, smtp_url=server.url)
    assert (again.sent, again.deferred) == (1, 0) and box2.count("nguyễn@example.vn") == 1


def test_rate_limit_spaces_messages(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "rate.toml"
    path.write_text("[mail]\nrate_per_second = 10\n", encoding="utf-8")
    config.use_settings(config.load_settings(path))
    add_bulletin(engine)
    add_confirmed(engine, 5)
    with smtp_server() as (server, box):
        started = time.monotonic()
        send_bulletin(engine, DAY, smtp_url=server.url)
        elapsed = time.monotonic() - started
    assert elapsed >= 0.4  # a lower bound only: 5 messages at 10/s need 4 intervals


def test_cli_send_table_dry_run_and_refusals(run_cli, engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    add_bulletin(engine, status="draft")
    add_confirmed(engine, 3)
    draft = run_cli("send", "--date", DAY.isoformat(), ok=False)
    assert draft.exit_code != 0 and "draft" in draft.output and "Traceback" not in draft.output
    add_bulletin(engine, DAY.replace(day=25))
    day = DAY.replace(day=25).isoformat()
    nosmtp = run_cli("send", "--date", day, ok=False)
    assert nosmtp.exit_code != 0 and "BANTIN_SMTP_URL" in nosmtp.output

    dry = run_cli("send", "--date", day, "--dry-run").output
    assert "3 messages written to" in dry
    assert len(list((tmp_path / "data" / "outbox" / day).glob("*.eml"))) == 3

    with smtp_server() as (server, box):
        monkeypatch.setenv("BANTIN_SMTP_URL", server.url)
        out = run_cli("send", "--date", day, "--limit", "2").output
        assert re.search(r"sent\s*│\s*2\s*│\s*2", out), out
        out = run_cli("send", "--date", day).output
        assert re.search(r"sent\s*│\s*1\s*│\s*3", out), out
        for word in ("deferred", "failed", "skipped"):
            assert word in out
    assert sum(len(v) for v in box.messages.values()) == 3


def test_starttls_and_login_from_the_url(engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """STARTTLS (verified against a CA we trust for the test) and AUTH with the URL's
    percent-encoded credentials; [mail] starttls = "always" refuses a server without it."""
    import shutil
    import ssl
    import subprocess

    from aiosmtpd.smtp import AuthResult

    from digest.mail import smtp as smtp_mod
    from digest.mail.smtp import MailError

    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(cert, key)
    logins: list[tuple[bytes, bytes]] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        logins.append((auth_data.login, auth_data.password))
        return AuthResult(success=auth_data.password == "mật khẩu:1".encode(), handled=False)

    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the client trusts our test CA only
    smtp_mod._tls_context.cache_clear()
    add_bulletin(engine)
    people = add_confirmed(engine, 2)
    box = Recorder()
    controller = LoopbackController(box, tls_context=server_ctx, require_starttls=True,
                                    authenticator=authenticator, auth_require_tls=True)
    controller.start()
    try:
        url = f"smtp://bi%C3%AAn.t%E1%BA%ADp:m%E1%BA%ADt%20kh%E1%BA%A9u%3A1@127.0.0.1:{controller.port}"
        assert send_bulletin(engine, DAY, smtp_url=url).sent == 2
        add_bulletin(engine, DAY.replace(day=26))
        with pytest.raises(MailError, match="refused the login"):
            send_bulletin(engine, DAY.replace(day=26), smtp_url=url.replace("%3A1", "%3A2"))
    finally:
        controller.stop()
        smtp_mod._tls_context.cache_clear()
    assert logins[0] == ("biên.tập".encode(), "mật khẩu:1".encode())
    assert all(box.count(p) == 1 for p in people)  # the 26th: nothing sent, nothing lost
    assert sum(len(v) for v in box.messages.values()) == 2

    path = tmp_path / "tls.toml"
    path.write_text('[mail]\nstarttls = "always"\n', encoding="utf-8")
    config.use_settings(config.load_settings(path))
    add_bulletin(engine, DAY.replace(day=25))
    with smtp_server() as (plain, _):  # offers no STARTTLS
        with pytest.raises(MailError, match="does not offer STARTTLS"):
            send_bulletin(engine, DAY.replace(day=25), smtp_url=plain.url)


def test_password_never_goes_out_in_clear_under_auto(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A server offering AUTH but no STARTTLS gets no password under the default
    starttls = "auto"; only an explicit starttls = "never" allows a login in clear."""
    from aiosmtpd.smtp import AuthResult

    from digest.mail.smtp import MailError

    logins: list[bytes] = []

    def authenticator(server, session, envelope, mechanism, auth_data):  # type: ignore[no-untyped-def]
        logins.append(auth_data.password)
        return AuthResult(success=True, handled=False)

    add_bulletin(engine)
    people = add_confirmed(engine, 1)
    box = Recorder()
    controller = LoopbackController(box, authenticator=authenticator, auth_require_tls=False)
    controller.start()
    try:
        url = f"smtp://user:secret@127.0.0.1:{controller.port}"
        with pytest.raises(MailError, match="in clear"):
            send_bulletin(engine, DAY, smtp_url=url)
        assert logins == [] and box.count(people[0]) == 0
        path = tmp_path / "clear.toml"
        path.write_text('[mail]\nstarttls = "never"\n', encoding="utf-8")
        config.use_settings(config.load_settings(path))
        assert send_bulletin(engine, DAY, smtp_url=url).sent == 1
        assert logins == [b"secret"]
    finally:
        controller.stop()


def test_a_4xx_at_data_counts_once_toward_the_retry_limit(engine, run_cli, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    """Each real temporary refusal of DATA is one attempt: the row gives up after exactly
    MAX_ATTEMPTS of them, and says so; --resend with an unknown Message-ID is an error."""
    from sqlalchemy import select as sa_select
    from sqlalchemy import update

    from digest.mail.ledger import MAX_ATTEMPTS
    from digest.store.models import Delivery

    class Busy(Recorder):
        refusals = 0

        async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
            Busy.refusals += 1
            return "451 4.3.0 try again later"

    add_bulletin(engine)
    add_confirmed(engine, 1)
    with smtp_server(Busy()) as (server, _):
        for run in range(1, MAX_ATTEMPTS + 1):
            send_bulletin(engine, DAY, smtp_url=server.url)
            with engine.begin() as conn:
                attempts, status = conn.execute(sa_select(Delivery.attempts, Delivery.status)).one()
                assert attempts == run and Busy.refusals == run
                conn.execute(update(Delivery).values(next_attempt_at=None))  # due again now
        assert status == "failed"
        with engine.connect() as conn:
            assert f"after {MAX_ATTEMPTS} temporary" in conn.execute(sa_select(Delivery.last_error)).scalar()
        monkeypatch.setenv("BANTIN_SMTP_URL", server.url)
        result = run_cli("send", "--date", DAY.isoformat(), "--resend", "<no-such@id>", ok=False)
    assert result.exit_code == 1 and "no-such@id" in result.output and "no uncertain" in result.output
