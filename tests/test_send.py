"""`send`: real SMTP on loopback (aiosmtpd), ledger on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select, update
from test_mail_helpers import DAY, add_bulletin, add_confirmed, sample_doc, smtp_server

from digest import config
from digest.errors import BulletinNotFound, BulletinNotPublished
from digest.mail.send import send_bulletin
from digest.mail.smtp import MailError, parse_smtp_url
from digest.mail.subscribers import add_subscriber
from digest.store.db import open_db
from digest.store.models import Delivery, Subscriber
from digest.text import utcnow


def use_mail_settings(tmp_path: Path, **mail: object) -> None:
    lines = ["[mail]"] + [f"{k} = {v!r}".replace("'", '"') for k, v in mail.items()]
    path = tmp_path / "mail-settings.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    config.use_settings(config.load_settings(path))


def statuses(engine, bulletin_id: int) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        rows = conn.execute(select(Delivery.status).where(Delivery.bulletin_id == bulletin_id)).scalars().all()
    out: dict[str, int] = {}
    for s in rows:
        out[s] = out.get(s, 0) + 1
    return out


def test_normal_send_headers_parts_and_idempotent_rerun(db_url: str) -> None:
    engine = open_db(db_url)
    bid = add_bulletin(engine)
    people = add_confirmed(engine, 4)
    add_subscriber(engine, "Thu.Hà@Ví-Dụ.VN", confirmed=True)
    add_subscriber(engine, "pending@example.vn")  # pending: must not receive the bulletin
    with smtp_server() as (server, box):
        report = send_bulletin(engine, DAY, smtp_url=server.url)
        assert (report.sent, report.deferred, report.failed, report.uncertain) == (5, 0, 0, 0)
        # a re-run sends nobody a second copy
        again = send_bulletin(engine, DAY, smtp_url=server.url)
        assert again.sent == 0 and again.ledger == {"sent": 5}
    for addr in people:
        assert box.count(addr) == 1
    idn_rcpt = "Thu.Hà@xn--v-d-rma6749a.vn"
    assert box.count(idn_rcpt) == 1, dict(box.messages)
    assert box.count("pending@example.vn") == 0
    assert statuses(engine, bid) == {"sent": 5}

    msg = box.parsed(people[0])
    doc = sample_doc()
    assert msg["Subject"] == doc.title == "Bản tin cải cách hành chính ngày 24/5/2023"
    assert msg["From"] and msg["Date"] and msg["List-Id"]
    assert re.fullmatch(r"<bantin\.2023-05-24\.b\d+\.s\d+\.[0-9a-f]{10}@localhost>", msg["Message-ID"])
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsub = re.fullmatch(r"<(http://127\.0\.0\.1:8000/unsubscribe/[\w.\-]+)>", msg["List-Unsubscribe"])
    assert unsub, msg["List-Unsubscribe"]
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    for body in (text, html):
        assert unsub.group(1) in body  # visible unsubscribe link in both parts
        assert "Đà Nẵng: Trả kết quả hồ sơ chậm phải xin lỗi dân, doanh nghiệp bằng văn bản" in body
        assert "(Baogiaothong.vn 24/5, Trang Trần)" in body
        assert "16:40, Thứ Tư, 24-5-2023" in body
        assert "Trung tâm Tin học - Công báo" in body
    assert "an toàn &amp; minh bạch &lt;đúng quy định&gt;" in html  # escaped
    # CSS inlined for Gmail/Outlook; only the dark-mode @media rule (which cannot be) stays in <style>
    assert 'style="' in html and all(block.strip().startswith("@media")
                                     for block in re.findall(r"<style>(.*?)</style>", html, re.S))
    assert 'href="#tin-2"' in html and 'id="tin-2"' in html  # numbered TOC -> anchors
    assert "CHỦ TRƯƠNG CẢI CÁCH" in text and "THẾ GIỚI" in text
    # the Message-ID is stable per (bulletin, subscriber)
    with engine.connect() as conn:
        stored = conn.execute(select(Delivery.message_id).join(Subscriber, Subscriber.id == Delivery.subscriber_id)
                              .where(Subscriber.email == people[0].lower())).scalar_one()
    assert stored == msg["Message-ID"]


def test_deferred_with_451_then_accepted_on_next_run(db_url: str, tmp_path: Path) -> None:
    engine = open_db(db_url)
    add_bulletin(engine)
    people = add_confirmed(engine, 6)
    greylisted = {people[1], people[4]}
    with smtp_server(defer_once=greylisted) as (server, box):
        first = send_bulletin(engine, DAY, smtp_url=server.url)
        assert (first.sent, first.deferred) == (4, 2)
        # not yet due (15 minutes backoff): an immediate re-run leaves them alone
        assert send_bulletin(engine, DAY, smtp_url=server.url).sent == 0
        with engine.begin() as conn:  # the backoff elapses (15 min, then doubling)
            due = conn.execute(select(Delivery.next_attempt_at).where(Delivery.status == "deferred")).scalars().all()
            assert len(due) == 2 and all(timedelta(minutes=14) < d - utcnow() <= timedelta(minutes=15) for d in due)
            conn.execute(update(Delivery).where(Delivery.status == "deferred")
                         .values(next_attempt_at=utcnow() - timedelta(seconds=1)))
        second = send_bulletin(engine, DAY, smtp_url=server.url)
        assert (second.sent, second.deferred) == (2, 0)
    assert all(box.count(p) == 1 for p in people)
    with engine.connect() as conn:
        attempts = conn.execute(select(Delivery.attempts).order_by(Delivery.subscriber_id)).scalars().all()
    assert attempts == [1, 2, 1, 1, 2, 1]


def test_connection_dropped_mid_batch_reconnects_and_loses_nobody(tmp_path: Path, engine) -> None:  # type: ignore[no-untyped-def]
    add_bulletin(engine)
    people = add_confirmed(engine, 12)
    with smtp_server(drop_every=5) as (server, box):
        report = send_bulletin(engine, DAY, smtp_url=server.url)
    assert report.sent == 12 and report.uncertain == 0
    assert box.drops >= 2 and box.connections >= 3
    assert all(box.count(p) == 1 for p in people)


def test_one_connection_carries_many_messages(tmp_path: Path, engine) -> None:  # type: ignore[no-untyped-def]
    use_mail_settings(tmp_path, max_per_connection=4)
    add_bulletin(engine)
    people = add_confirmed(engine, 10)
    with smtp_server() as (server, box):
        send_bulletin(engine, DAY, smtp_url=server.url)
    assert box.connections == 3  # 4 + 4 + 2
    assert sum(box.count(p) for p in people) == 10


@pytest.mark.parametrize("stored", [True, False])
def test_connection_lost_during_data_is_uncertain_not_resent(engine, stored: bool) -> None:  # type: ignore[no-untyped-def]
    bid = add_bulletin(engine)
    people = add_confirmed(engine, 5)
    victim = people[2]
    with smtp_server(drop_in_data={victim}, store_before_drop=stored) as (server, box):
        report = send_bulletin(engine, DAY, smtp_url=server.url)
        assert (report.sent, report.uncertain) == (4, 1)
        assert report.ledger == {"sent": 4, "uncertain": 1}
        assert len(report.uncertain_message_ids) == 1
        # a plain re-run never resends an uncertain row
        assert send_bulletin(engine, DAY, smtp_url=server.url).sent == 0
        assert box.count(victim) == (1 if stored else 0)
        if not stored:  # the operator checked the server's log: it never arrived
            from digest.errors import InvalidInput

            with pytest.raises(InvalidInput, match="not@this.one"):  # a typo is said, not ignored
                send_bulletin(engine, DAY, smtp_url=server.url, resend_uncertain=["<not@this.one>"])
            assert box.count(victim) == 0
            mid = report.uncertain_message_ids[0].strip("<>")  # as copied from the report
            again = send_bulletin(engine, DAY, smtp_url=server.url, resend_uncertain=[mid])
            assert again.requeued_uncertain == 1 and again.sent == 1
    assert all(box.count(p) == 1 for p in people)
    assert statuses(engine, bid) == ({"sent": 4, "uncertain": 1} if stored else {"sent": 5})


def test_5xx_bounces_after_threshold(tmp_path: Path, engine) -> None:  # type: ignore[no-untyped-def]
    use_mail_settings(tmp_path, bounce_threshold=2)
    days = [DAY, DAY + timedelta(days=1), DAY + timedelta(days=2)]
    for day in days:
        add_bulletin(engine, day)
    people = add_confirmed(engine, 3)
    bad = people[0]
    with smtp_server(reject={bad}) as (server, box):
        first = send_bulletin(engine, days[0], smtp_url=server.url)
        assert (first.sent, first.failed) == (2, 1)
        with engine.connect() as conn:
            row = conn.execute(select(Subscriber).where(Subscriber.email == bad.lower())).one()
        assert row.status == "confirmed" and row.bounce_count == 1 and "550" in row.last_bounce
        send_bulletin(engine, days[1], smtp_url=server.url)
        with engine.connect() as conn:
            status = conn.execute(select(Subscriber.status).where(Subscriber.email == bad.lower())).scalar_one()
        assert status == "bounced"
        third = send_bulletin(engine, days[2], smtp_url=server.url)
        assert (third.sent, third.failed) == (2, 0)  # a bounced address is no longer tried
    assert box.count(people[1]) == 3 and box.count(bad) == 0


def test_unsubscribed_after_queueing_is_skipped(engine) -> None:  # type: ignore[no-untyped-def]
    from digest.mail.ledger import enqueue

    bid = add_bulletin(engine)
    people = add_confirmed(engine, 3)
    assert enqueue(engine, bid) == 3
    assert enqueue(engine, bid) == 0  # idempotent
    with engine.begin() as conn:
        conn.execute(update(Subscriber).where(Subscriber.email == people[0].lower()).values(status="unsubscribed"))
    with smtp_server() as (server, box):
        report = send_bulletin(engine, DAY, smtp_url=server.url)
    assert (report.sent, report.skipped) == (2, 1)
    assert box.count(people[0]) == 0


def test_limit_then_rest(engine) -> None:  # type: ignore[no-untyped-def]
    add_bulletin(engine)
    people = add_confirmed(engine, 7)
    with smtp_server() as (server, box):
        assert send_bulletin(engine, DAY, smtp_url=server.url, limit=3).sent == 3
        assert send_bulletin(engine, DAY, smtp_url=server.url).sent == 4
    assert all(box.count(p) == 1 for p in people)


def test_draft_and_missing_bulletins_are_refused(engine) -> None:  # type: ignore[no-untyped-def]
    add_bulletin(engine, status="draft")
    add_confirmed(engine, 1)
    with pytest.raises(BulletinNotPublished):
        send_bulletin(engine, DAY, smtp_url="smtp://127.0.0.1:9")
    with pytest.raises(BulletinNotFound):
        send_bulletin(engine, date(2020, 1, 1), smtp_url="smtp://127.0.0.1:9")


def test_unreachable_server_loses_nothing(engine) -> None:  # type: ignore[no-untyped-def]
    import socket

    bid = add_bulletin(engine)
    add_confirmed(engine, 3)
    with socket.socket() as s:  # a port that is surely closed
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(MailError, match="cannot reach"):
        send_bulletin(engine, DAY, smtp_url=f"smtp://127.0.0.1:{port}")
    assert statuses(engine, bid) == {"pending": 3}  # claims released


def test_dry_run_writes_eml_and_leaves_the_ledger(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import email
    import email.policy

    bid = add_bulletin(engine)
    add_confirmed(engine, 3)
    report = send_bulletin(engine, DAY, dry_run=True)
    files = sorted(report.outbox.glob("*.eml"))  # type: ignore[union-attr]
    assert report.written == 3 and len(files) == 3
    assert str(report.outbox).startswith(str(tmp_path))
    msg = email.message_from_bytes(files[0].read_bytes(), policy=email.policy.default)
    assert msg["Subject"] == "Bản tin cải cách hành chính ngày 24/5/2023"
    assert statuses(engine, bid) == {}


def test_smtp_url_parsing() -> None:
    cfg = parse_smtp_url("smtps://b%E1%BA%A3n:p%40ss@mail.example.vn")
    assert (cfg.scheme, cfg.host, cfg.port, cfg.username, cfg.password) == ("smtps", "mail.example.vn", 465, "bản", "p@ss")
    assert parse_smtp_url("smtp://127.0.0.1:1025").port == 1025
    from digest.errors import ConfigError

    with pytest.raises(ConfigError):
        parse_smtp_url("http://x")


def test_claims_are_disjoint_and_bounded(db_url: str) -> None:
    from digest.mail.ledger import claim, enqueue

    engine = open_db(db_url)
    bid = add_bulletin(engine)
    add_confirmed(engine, 70)
    enqueue(engine, bid)
    first = claim(engine, bid, "host:1:a", 50)
    second = claim(engine, bid, "host:2:b", 50)
    third = claim(engine, bid, "host:3:c", 50)
    assert (len(first), len(second), third) == (50, 20, [])
    assert not {d for d, _ in first} & {d for d, _ in second}


def test_a_4xx_is_retried_by_the_next_run_not_the_same_one(engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    use_mail_settings(tmp_path, retry_backoff_minutes=0)  # due at once: still not retried in-run
    add_bulletin(engine)
    people = add_confirmed(engine, 2)
    with smtp_server(defer_always={people[0]}) as (server, box):
        for run in (1, 2, 3):
            report = send_bulletin(engine, DAY, smtp_url=server.url)
            assert report.deferred == 1
            with engine.connect() as conn:
                attempts = conn.execute(select(Delivery.attempts).where(Delivery.status == "deferred")).scalar_one()
            assert attempts == run
    assert box.count(people[1]) == 1 and box.count(people[0]) == 0


def test_claimer_liveness_rules() -> None:
    import os
    import socket
    import subprocess
    import sys

    from digest.mail.ledger import _LIVE_WORKERS, claimer_gone

    now = utcnow()
    here = socket.gethostname()
    # another host: presumed alive until the claim is older than claim_timeout_minutes (30)
    assert not claimer_gone("elsewhere:123:abcd", now - timedelta(minutes=29), now)
    assert claimer_gone("elsewhere:123:abcd", now - timedelta(minutes=31), now)
    # this host: the process itself is checked
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    assert claimer_gone(f"{here}:{int(done.stdout)}:abcd", now, now)
    # this process: alive only while that worker runs
    me = f"{here}:{os.getpid()}:live1234"
    assert claimer_gone(me, now, now)
    _LIVE_WORKERS.add(me)
    try:
        assert not claimer_gone(me, now - timedelta(days=1), now)
    finally:
        _LIVE_WORKERS.discard(me)


def test_connection_lost_at_the_data_command_is_retried_not_uncertain(engine) -> None:  # type: ignore[no-untyped-def]
    from test_mail_helpers import BareSMTP

    add_bulletin(engine)
    people = add_confirmed(engine, 4)
    with BareSMTP(drop_at_data=2) as server:
        report = send_bulletin(engine, DAY, smtp_url=server.url)
    assert (report.sent, report.uncertain) == (4, 0)  # no content was handed over: safe to retry
    assert all(server.received[p.lower()] == 1 for p in people)


@pytest.mark.parametrize("sample", [b"a\n.b\r\nc\r.d", b".x\r\n..y\r\nz", b"plain\r\nlines\r\n", b"x\r\n.\r\ny"])
def test_dot_stuffing_matches_smtplib(sample: bytes) -> None:
    import re as re_mod

    from digest.mail.smtp import _dot_stuff

    ref = re_mod.sub(rb"(?m)^\.", b"..", re_mod.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", sample))
    if not ref.endswith(b"\r\n"):
        ref += b"\r\n"
    assert _dot_stuff(sample) == ref + b".\r\n"
