"""`bantin bounces`: RFC 3464 delivery-status notifications from a Maildir folder and an mbox
file mark hard bounces (subscriber and delivery row), count soft ones, skip other mail, and a
second run changes nothing."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import text

from digest.mail.subscribers import add_subscriber


def dsn(recipient: str, action: str, status: str, message_id: str = "<b1.s1@bantin>") -> bytes:
    """A DSN as Postfix writes one: human part, delivery-status, returned headers."""
    boundary = "=_dsn_boundary"
    body = (
        f"--{boundary}\nContent-Type: text/plain; charset=utf-8\n\nThư không tới được {recipient}.\n\n"
        f"--{boundary}\nContent-Type: message/delivery-status\n\n"
        "Reporting-MTA: dns; mx.example.vn\n\n"
        f"Final-Recipient: rfc822; {recipient}\nAction: {action}\nStatus: {status}\n"
        f"Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected\n\n"
        f"--{boundary}\nContent-Type: text/rfc822-headers\n\n"
        f"From: bantin@localhost\nTo: {recipient}\nMessage-ID: {message_id}\nSubject: Ban tin\n\n"
        f"--{boundary}--\n")
    head = (f"From: MAILER-DAEMON@mx.example.vn\nTo: bantin@localhost\nSubject: Undelivered Mail Returned to Sender\n"
            f"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"{boundary}\"\n\n")
    return (head + body).encode()


def test_bounces_from_maildir_and_mbox(run_cli, engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for address in ("hong@example.vn", "cham@example.vn", "tot@example.vn"):
        add_subscriber(engine, address, confirmed=True)
    with engine.begin() as conn:  # the bulletin's ledger: our message to hong@ was sent
        conn.execute(text("INSERT INTO bulletin (date, status, title, created_at, updated_at) "
                          "VALUES ('2023-05-24', 'published', 'B', '2023-05-24', '2023-05-24')"))
        conn.execute(text("INSERT INTO delivery (bulletin_id, subscriber_id, status, attempts, message_id) "
                          "SELECT 1, id, 'sent', 1, '<b1.s1@bantin>' FROM subscriber WHERE email = 'hong@example.vn'"))
    box = mailbox.Maildir(str(tmp_path / "Maildir"), create=True)
    box.add(dsn("hong@example.vn", "failed", "5.1.1"))
    box.add(dsn("cham@example.vn", "delayed", "4.4.1"))
    box.add(dsn("la@example.vn", "failed", "5.1.1"))
    plain = EmailMessage()
    plain["Subject"] = "Cảm ơn bản tin"
    plain.set_content("Không phải thư báo lỗi.")
    box.add(plain)
    box.close()
    out = run_cli("bounces", str(tmp_path / "Maildir")).output
    assert "4 messages: 2 hard bounces, 1 soft, 1 not delivery reports" in out
    assert "bounced: hong@example.vn" in out and "not on the list: la@example.vn" in out
    with engine.connect() as conn:
        status = dict(conn.execute(text("SELECT email, status FROM subscriber")).all())
        delivery = conn.execute(text("SELECT status, last_error FROM delivery")).one()
    assert status == {"hong@example.vn": "bounced", "cham@example.vn": "confirmed", "tot@example.vn": "confirmed"}
    assert delivery[0] == "bounced" and "5.1.1" in delivery[1]
    # Again: nothing new is marked.
    again = run_cli("bounces", str(tmp_path / "Maildir")).output
    assert "bounced:" not in again
    # An mbox file works the same; a path that is neither gives a one-line error.
    mbox = mailbox.mbox(str(tmp_path / "bounces.mbox"))
    mbox.add(dsn("tot@example.vn", "failed", "5.2.1"))
    mbox.close()
    assert "bounced: tot@example.vn" in run_cli("bounces", str(tmp_path / "bounces.mbox")).output
    (tmp_path / "empty").mkdir()
    bad = run_cli("bounces", str(tmp_path / "empty"), ok=False)
    assert bad.exit_code != 0 and "not a Maildir folder" in bad.output
