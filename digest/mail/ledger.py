"""The delivery ledger: one ``Delivery`` row per (bulletin, subscriber) and the SQL that moves
it (enqueue, claim, recover, requeue) plus what a run reports. The states and the guarantee
they give are described in digest.mail.send."""

from __future__ import annotations

import logging
import os
import socket
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import and_, func, literal, or_, select, update
from sqlalchemy.engine import Engine
from sqlmodel import col

from digest.bulletin.doc import BulletinDoc
from digest.config import settings
from digest.errors import BulletinNotFound, BulletinNotPublished, InvalidInput
from digest.store.db import dialect_insert
from digest.store.models import Bulletin, Delivery, Subscriber
from digest.text import utcnow

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8  # temporary failures before a delivery is given up
MAX_BACKOFF = timedelta(hours=24)
CLAIM_BATCH = 20  # rows claimed at once: small, so a dead claimer strands few and briefly
ENQUEUE_BATCH = 1000
_LIVE_WORKERS: set[str] = set()  # workers of this process that are still running
OUTCOMES = ("sent", "deferred", "failed", "skipped", "uncertain")


@dataclass
class SendReport:
    """What one ``send`` run did (this run's counts) and where the ledger stands now."""

    date: date
    bulletin_id: int
    sent: int = 0
    deferred: int = 0
    failed: int = 0
    skipped: int = 0
    uncertain: int = 0  # this run's connection losses during DATA
    enqueued: int = 0
    requeued_uncertain: int = 0
    dry_run: bool = False
    written: int = 0
    outbox: Path | None = None
    ledger: dict[str, int] = field(default_factory=dict)  # all rows of this bulletin by status
    uncertain_message_ids: list[str] = field(default_factory=list)  # first few, for the operator
    needs_smtputf8: int = 0  # this run's deferrals because the server lacks SMTPUTF8

    def as_dict(self) -> dict[str, Any]:
        return {k: (str(v) if isinstance(v, (Path, date)) else v) for k, v in self.__dict__.items()}


def load_published(engine: Engine, day: date) -> tuple[int, BulletinDoc]:
    """(bulletin id, document) of the published bulletin of ``day``; refuses a draft."""
    with engine.connect() as conn:
        row = conn.execute(
            select(col(Bulletin.id), col(Bulletin.status), col(Bulletin.snapshot)).where(col(Bulletin.date) == day)
        ).first()
    if row is None:
        raise BulletinNotFound(f"there is no bulletin for {day.isoformat()}")
    if row.status != "published" or not row.snapshot:
        raise BulletinNotPublished(
            f"the bulletin of {day.isoformat()} is a draft: publish it first (bantin publish --date {day.isoformat()})"
        )
    doc = BulletinDoc.from_json(row.snapshot, publisher=str(settings()["general"]["publisher"]))
    return int(row.id), doc


def enqueue(engine: Engine, bulletin_id: int, batch: int = ENQUEUE_BATCH) -> int:
    """Create a pending row for each confirmed subscriber without one; returns rows added."""
    last, added = 0, 0
    while True:
        with engine.connect() as conn:  # read first, apart: the write below starts its own transaction
            ids = conn.execute(
                select(col(Subscriber.id))
                .where(col(Subscriber.status) == "confirmed", col(Subscriber.id) > last)
                .order_by(col(Subscriber.id)).limit(batch)
            ).scalars().all()
        if not ids:
            return added
        high = cast(int, ids[-1])  # a primary key: never None
        with engine.begin() as conn:
            source = select(
                literal(bulletin_id), col(Subscriber.id), literal("pending"), literal(0)
            ).where(col(Subscriber.status) == "confirmed", col(Subscriber.id) > last, col(Subscriber.id) <= high)
            stmt = dialect_insert(conn)(Delivery).from_select(
                ["bulletin_id", "subscriber_id", "status", "attempts"], source
            ).on_conflict_do_nothing(index_elements=["bulletin_id", "subscriber_id"])
            added += max(conn.execute(stmt).rowcount or 0, 0)
        last = high


def _pid_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    try:  # a killed child not yet reaped is a zombie: it will never send again
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] == b"Z"
    except (OSError, IndexError):
        return False


def claimer_gone(claimed_by: str | None, claimed_at: datetime | None, now: datetime) -> bool:
    """Whether the process that claimed a row can no longer act on it.

    ``claimed_by`` is ``host:pid:nonce``. On this host the process is checked directly (and, for
    our own pid, whether that worker is still running); elsewhere a claim is presumed dead after
    ``[mail] claim_timeout_minutes``.
    """
    if not claimed_by:
        return True
    timeout = timedelta(minutes=settings().value("mail", "claim_timeout_minutes", float))
    try:
        host, pid_text, _nonce = claimed_by.rsplit(":", 2)
        pid = int(pid_text)
    except ValueError:
        return claimed_at is None or claimed_at < now - timeout
    if host == socket.gethostname():
        if pid == os.getpid():
            return claimed_by not in _LIVE_WORKERS
        return _pid_gone(pid)
    return claimed_at is None or claimed_at < now - timeout


def recover(engine: Engine, bulletin_id: int) -> None:
    """Release rows of claimers that are gone: ``claimed`` -> pending, ``sending`` -> uncertain."""
    now = utcnow()
    with engine.begin() as conn:
        owners = conn.execute(
            select(col(Delivery.claimed_by), func.max(col(Delivery.claimed_at)))
            .where(col(Delivery.bulletin_id) == bulletin_id, col(Delivery.status).in_(("claimed", "sending")))
            .group_by(col(Delivery.claimed_by))
        ).all()
    for owner, claimed_at in owners:
        if not claimer_gone(owner, claimed_at, now):
            continue
        owner_match = col(Delivery.claimed_by).is_(None) if owner is None else col(Delivery.claimed_by) == owner
        with engine.begin() as conn:
            conn.execute(
                update(Delivery)
                .where(col(Delivery.bulletin_id) == bulletin_id, col(Delivery.status) == "claimed", owner_match)
                .values(status="pending", claimed_by=None, claimed_at=None)
            )
            n = conn.execute(
                update(Delivery)
                .where(col(Delivery.bulletin_id) == bulletin_id, col(Delivery.status) == "sending", owner_match)
                .values(status="uncertain",
                        last_error="the sending process ended before the server's answer was recorded")
            ).rowcount
        if n:
            log.warning("%d deliveries left in 'sending' by %s are now 'uncertain'", n, owner)


def requeue_uncertain(engine: Engine, bulletin_id: int, message_ids: list[str] | None = None) -> int:
    """Operator's decision after checking the server's log: resend uncertain rows (all of them,
    or only those whose Message-ID is in ``message_ids``). Returns the rows requeued."""
    where = [col(Delivery.bulletin_id) == bulletin_id, col(Delivery.status) == "uncertain"]
    if message_ids is not None:
        wanted = [m if m.startswith("<") else f"<{m}>" for m in (x.strip() for x in message_ids) if m]
        where.append(col(Delivery.message_id).in_(wanted))
    with engine.begin() as conn:
        return int(conn.execute(
            update(Delivery).where(*where)
            .values(status="pending", claimed_by=None, claimed_at=None, next_attempt_at=None,
                    last_error="requeued by the operator after an uncertain delivery")
        ).rowcount or 0)


def check_uncertain_ids(engine: Engine, bulletin_id: int, day: date, message_ids: list[str]) -> None:
    """InvalidInput naming the Message-IDs that are no uncertain delivery of this bulletin (a
    typo, another day's id, or one already resent): nothing is requeued then."""
    wanted = {m if m.startswith("<") else f"<{m}>": m for m in (x.strip() for x in message_ids) if m}
    with engine.connect() as conn:
        found = set(conn.execute(
            select(Delivery.message_id).where(
                Delivery.bulletin_id == bulletin_id, Delivery.status == "uncertain",
                Delivery.message_id.in_(list(wanted)))  # type: ignore[union-attr]
        ).scalars())
    unknown = [raw for key, raw in wanted.items() if key not in found]
    if unknown or not wanted:
        raise InvalidInput(f"--resend {', '.join(unknown) or '(empty)'}: no uncertain delivery of the "
                           f"bulletin of {day.isoformat()} has this Message-ID (nothing was sent)")


def ledger_counts(engine: Engine, bulletin_id: int) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(col(Delivery.status), func.count()).where(col(Delivery.bulletin_id) == bulletin_id)
            .group_by(col(Delivery.status))
        ).all()
    return {status: int(n) for status, n in rows}


def uncertain_ids(engine: Engine, bulletin_id: int, limit: int = 20) -> list[str]:
    with engine.connect() as conn:
        return [m for m in conn.execute(
            select(col(Delivery.message_id)).where(col(Delivery.bulletin_id) == bulletin_id,
                                              col(Delivery.status) == "uncertain")
            .order_by(col(Delivery.id)).limit(limit)
        ).scalars() if m]


def _due(now: datetime, worker: str | None = None) -> Any:
    """Pending rows, and deferred rows whose backoff has passed. A row deferred by ``worker``
    itself waits for the next run (a 4xx is never retried within the run that got it)."""
    deferred = and_(col(Delivery.status) == "deferred",
                    or_(col(Delivery.next_attempt_at).is_(None), col(Delivery.next_attempt_at) <= now))
    if worker is not None:
        deferred = and_(deferred, or_(col(Delivery.claimed_by).is_(None), col(Delivery.claimed_by) != worker))
    return or_(col(Delivery.status) == "pending", deferred)


def due_count(engine: Engine, bulletin_id: int) -> int:
    with engine.connect() as conn:
        return int(conn.execute(
            select(func.count()).select_from(Delivery)
            .where(col(Delivery.bulletin_id) == bulletin_id, _due(utcnow()))
        ).scalar_one())


def claim(engine: Engine, bulletin_id: int, worker: str, n: int) -> list[tuple[int, int]]:
    """Atomically take up to ``n`` due rows for ``worker``: [(delivery id, subscriber id)]."""
    now = utcnow()
    with engine.begin() as conn:
        pick = (select(col(Delivery.id)).where(col(Delivery.bulletin_id) == bulletin_id, _due(now, worker))
                .order_by(col(Delivery.id)).limit(n))
        if conn.dialect.name == "postgresql":
            # A locking CTE is evaluated exactly once. (Written as ``id IN (subquery)`` the
            # planner may re-run the LIMIT subquery per row and, with SKIP LOCKED, update more
            # than n rows: a known PostgreSQL trap.)
            picked = pick.with_for_update(skip_locked=True).cte("picked")
            target: Any = col(Delivery.id) == picked.c.id
        else:
            # SQLite runs the statement under its single write lock: nobody else can claim
            # between the inner SELECT and the UPDATE.
            target = col(Delivery.id).in_(pick.scalar_subquery())
        # The outer WHERE repeats the condition, so a row is only ever taken while still due.
        rows = conn.execute(
            update(Delivery)
            .where(target, col(Delivery.bulletin_id) == bulletin_id, _due(now, worker))
            .values(status="claimed", claimed_by=worker, claimed_at=now)
            .returning(col(Delivery.id), col(Delivery.subscriber_id))
        ).all()
    return sorted((int(cast(int, a)), int(b)) for a, b in rows)  # RETURNING a primary key: never None
