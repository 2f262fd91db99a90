"""`bantin send` as real processes: killed with SIGKILL mid-run then run again, and two at once.

Each ends with every confirmed subscriber holding exactly one copy at the SMTP server.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from test_mail_helpers import DAY, ROOT_DIR, add_bulletin, add_confirmed, smtp_server

from digest.mail.send import send_bulletin
from digest.store.db import open_db
from digest.store.models import Delivery, Subscriber


def spawn_send(db_url: str, smtp_url: str, data_dir: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("BANTIN_")}
    env.update(BANTIN_SMTP_URL=smtp_url, BANTIN_DATA_DIR=str(data_dir), BANTIN_SECRET_KEY="test-secret-key-0123456789abcdefghij")
    return subprocess.Popen(
        [sys.executable, "-m", "digest.cli", "--db", db_url, "send", "--date", DAY.isoformat(), *extra],
        cwd=ROOT_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )


def wait_for(predicate, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.01)


def ledger(engine) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        rows = conn.execute(select(Delivery.status)).scalars().all()
    return {s: rows.count(s) for s in set(rows)}


def test_sigkill_mid_run_then_rerun_sends_each_exactly_once(sqlite_url: str, tmp_path: Path) -> None:
    # SQLite only, to keep the suite short: the recovery rules do not depend on the database,
    # and PostgreSQL's claims are exercised by the two-process test below.
    db_url = sqlite_url
    engine = open_db(db_url)
    add_bulletin(engine)
    people = add_confirmed(engine, 30)
    # A slow server: it keeps each message, then takes 40 ms to say 250, so the kill most likely
    # lands in the window between the server's acceptance and our commit of "sent".
    with smtp_server(delay=0.03) as (server, box):
        for stop_at in (6, 15):
            proc = spawn_send(db_url, server.url, tmp_path / "data")
            wait_for(lambda: sum(len(v) for v in box.messages.values()) >= stop_at or proc.poll() is not None)  # noqa: B023 - called at once
            assert proc.poll() is None, proc.communicate()
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
            assert proc.returncode == -signal.SIGKILL
        mid = ledger(engine)
        assert mid.get("sent", 0) >= 13 and mid.get("pending", 0) + mid.get("claimed", 0) > 0, mid
        report = send_bulletin(engine, DAY, smtp_url=server.url)
        # The operator's check: an uncertain row whose message never reached the server (a kill
        # in the middle of transferring DATA, rare) is resent by its Message-ID, and only it.
        never_arrived = []
        with engine.connect() as conn:
            rows = conn.execute(select(Delivery.message_id, Subscriber.display_email)
                                .join(Subscriber, Subscriber.id == Delivery.subscriber_id)
                                .where(Delivery.status == "uncertain")).all()
        for message_id, address in rows:
            if box.count(address) == 0:
                never_arrived.append(message_id)
        if never_arrived:
            again = send_bulletin(engine, DAY, smtp_url=server.url, resend_uncertain=never_arrived)
            assert again.requeued_uncertain == again.sent == len(never_arrived)
            report = again
    counts = [box.count(p) for p in people]
    assert counts == [1] * 30, counts
    final = ledger(engine)
    # rows cut off after the server took them stay uncertain, never resent
    assert final.get("sent", 0) + final.get("uncertain", 0) == 30 and set(final) <= {"sent", "uncertain"}
    assert report.ledger == final and final.get("uncertain", 0) <= 2


def test_two_send_processes_at_once(db_url: str, tmp_path: Path) -> None:
    engine = open_db(db_url)
    add_bulletin(engine)
    people = add_confirmed(engine, 40)
    with smtp_server(delay=0.01, hold_until=2) as (server, box):
        procs = [spawn_send(db_url, server.url, tmp_path / "data") for _ in range(2)]
        outputs = [p.communicate(timeout=90) for p in procs]
        for proc, (_out, err) in zip(procs, outputs, strict=False):
            assert proc.returncode == 0, err.decode()
    assert [box.count(p) for p in people] == [1] * 40
    assert ledger(engine) == {"sent": 40}
    with engine.connect() as conn:
        workers = set(conn.execute(select(Delivery.claimed_by)).scalars())
    assert len(workers) == 2, workers  # both processes really sent (claims of 20 rows at a time)
    assert b"sent" in outputs[0][0] and b"sent" in outputs[1][0]
