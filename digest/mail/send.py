"""Send a published bulletin to every confirmed subscriber: the sending loop over the delivery
ledger (SQL in digest.mail.ledger, transport in digest.mail.smtp, --dry-run in digest.mail.dryrun).

The ledger
==========
``Delivery`` holds one row per (bulletin, subscriber) (a unique constraint). A row moves::

    pending --claim--> claimed --MAIL/RCPT accepted--> sending --250 after DATA--> sent
       ^                  |                               |--4xx--> deferred (retried when due)
       |   (claimer gone) |                               |--5xx--> failed (+1 bounce)
       +------------------+                               +--connection lost / crash--> uncertain
    deferred (due, next run) --claim--> claimed ...   uncertain --(--resend ID)--> pending

1. *Enqueue*: each run inserts rows for all confirmed subscribers in batches of 1,000
   (``INSERT ... SELECT ... ON CONFLICT DO NOTHING``), so subscribers confirmed since the last
   run are added, nobody twice, and two runs enqueueing at once are harmless.
2. *Claim*: a small batch of due rows is taken with one conditional ``UPDATE ... WHERE status
   IN (pending, due deferred) ... RETURNING`` (PostgreSQL adds ``FOR UPDATE SKIP LOCKED``; on
   SQLite the single writer serialises the statement). Each row is claimed by one process only.
3. *Sending*: for each claimed row the envelope (MAIL FROM, RCPT TO) is sent first. Only when the
   server has accepted the recipient is the row moved ``claimed -> sending`` by a conditional
   UPDATE (``WHERE status='claimed' AND claimed_by=me``), **committed before DATA**. Then DATA;
   on the server's 250 the row becomes ``sent``, committed at once. One commit per state change.
   If the connection is lost before the server answers the DATA command with 354, no content
   was handed over: the row goes back to ``claimed`` and is retried on a new connection.

The guarantee, stated exactly
=============================
* **Never a second copy.** A message is only handed to the server (DATA) for a row this process
  has itself moved to ``sending``, and nothing ever moves a row out of ``sending``/``sent``
  automatically except to ``uncertain``. So no run, crash, re-run or concurrent run makes the
  software send the same (bulletin, subscriber) twice. The single exception is an operator's
  explicit ``--resend-uncertain``.
* **Nobody skipped.** A row that never reached ``sending`` (pending, claimed by a process that
  died or was interrupted, deferred) is sent by a later run: a claimer that is gone (a dead
  process on this host, or a claim older than ``[mail] claim_timeout_minutes``) loses its claims.
  Subscribers who confirm after a run are enqueued by the next run of the same bulletin.
* **The one window we cannot close.** From the moment the content is handed over (after the
  server's 354) until our commit of ``sent`` (the server's 250 in flight, a kill -9, a dropped
  connection, a power cut) we cannot know whether the server took the message. Such a row is
  left in ``sending`` and becomes ``uncertain`` (at once if this process saw the connection
  fail, else in the next run once this process is gone). It is **not resent automatically**:
  ``bantin send`` lists uncertain rows with their Message-ID (stable per bulletin and
  subscriber, stored in ``Delivery.message_id``); the operator checks the mail server's log and
  requeues the ones that never arrived with ``--resend MESSAGE_ID`` (or all with
  ``--resend-uncertain``). A resent copy carries the same Message-ID, which many mail systems
  use to drop duplicates. So: at most one copy, except after an explicit operator decision;
  exactly one copy for every row that does not end uncertain. With a real MTA the window is one
  round trip per message; the SIGKILL test shows it in practice.

SMTP answers
============
* 4xx (on MAIL, RCPT or DATA) -> ``deferred`` with exponential backoff from
  ``retry_backoff_minutes`` (``next_attempt_at``), retried by the next run once due; after
  ``MAX_ATTEMPTS`` temporary failures the row is ``failed``.
* A non-ASCII address and a server without SMTPUTF8 -> ``deferred`` like a 4xx, with no bounce
  counted: the shortcoming is our server's, and a run through one that has it delivers.
* 5xx on RCPT or DATA -> ``failed`` for this bulletin and the subscriber's ``bounce_count`` + 1;
  at ``bounce_threshold`` the subscriber becomes ``bounced`` and is no longer mailed.
* 5xx on MAIL FROM (the server refuses *us*) and authentication failures stop the run: nobody's
  row is touched, the claims are released.
* 421 or a dropped connection before the content is sent: reconnect and retry the same row.

One connection carries up to ``max_per_connection`` messages; ``rate_per_second`` (0 = no
limit) spaces them. Subscribers and rows are read in batches: memory does not grow with the list.
"""

from __future__ import annotations

import logging
import os
import smtplib
import socket
import time
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.engine import Engine
from sqlmodel import col

from digest.config import settings
from digest.errors import ConfigError
from digest.mail.address import delivery_address
from digest.mail.compose import BulletinMail, sender
from digest.mail.dryrun import write_outbox
from digest.mail.ledger import (
    _LIVE_WORKERS,
    CLAIM_BATCH,
    MAX_ATTEMPTS,
    MAX_BACKOFF,
    SendReport,
    check_uncertain_ids,
    claim,
    due_count,
    enqueue,
    ledger_counts,
    load_published,
    recover,
    requeue_uncertain,
    uncertain_ids,
)
from digest.mail.smtp import (
    MailError,
    SmtpConfig,
    _dot_stuff,
    _quit,
    _text,
    parse_smtp_url,
    smtp_connect,
)
from digest.store.models import Delivery, Subscriber
from digest.text import utcnow

log = logging.getLogger(__name__)

RECONNECTS_PER_MESSAGE = 3


# --------------------------------------------------------------------------- the run
class _Transient(Exception):
    """The connection broke before DATA: reconnect and retry the same row."""


class Sender:
    """One process's send loop over the claimed rows of one bulletin."""

    def __init__(self, engine: Engine, bulletin_id: int, mail: BulletinMail, cfg: SmtpConfig,
                 report: SendReport, limit: int | None = None,
                 progress: Callable[[str], None] | None = None) -> None:
        self.engine = engine
        self.bulletin_id = bulletin_id
        self.mail = mail
        self.cfg = cfg
        self.report = report
        self.limit = limit
        self.progress = progress
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        conf = settings()["mail"]
        self.max_per_connection = max(1, int(conf["max_per_connection"]))
        rate = float(conf["rate_per_second"])
        self.interval = 1.0 / rate if rate > 0 else 0.0
        self.bounce_threshold = max(1, int(conf["bounce_threshold"]))
        self.backoff = timedelta(minutes=float(conf["retry_backoff_minutes"]))
        self.from_addr = sender()[1]
        self.smtp: smtplib.SMTP | None = None
        self.on_connection = 0
        self.next_slot = 0.0
        self.attempted = 0
        self._stmts: dict[tuple[tuple[str, ...], bool], Any] = {}

    # -- connection
    def _connection(self) -> smtplib.SMTP:
        if self.smtp is not None and self.on_connection >= self.max_per_connection:
            self._disconnect()
        if self.smtp is None:
            self.smtp = smtp_connect(self.cfg)
            self.on_connection = 0
        return self.smtp

    def _disconnect(self, polite: bool = True) -> None:
        if self.smtp is not None:
            if polite:
                _quit(self.smtp)
            else:
                self.smtp.close()
        self.smtp = None

    def _pace(self) -> None:
        if self.interval:
            now = time.monotonic()
            if now < self.next_slot:
                time.sleep(self.next_slot - now)
            self.next_slot = max(now, self.next_slot) + self.interval

    # -- ledger writes (each its own committed transaction)
    def _finish(self, delivery_id: int, status: str, *, from_status: str, code: int | None = None,
                error: str | None = None, bounce_sub: int | None = None, attempt: bool = False,
                **extra: Any) -> bool:
        """Move one of our rows from ``from_status`` to ``status`` (conditional UPDATE, own
        commit); False when the row is no longer ours in that state. A 5xx also counts a bounce."""
        values: dict[str, Any] = {"status": status, "last_code": code, "last_error": error, **extra}
        params = {f"v_{k}": v for k, v in values.items()}
        params.update(d_id=delivery_id, d_from=from_status, d_worker=self.worker)
        with self.engine.begin() as conn:
            done = conn.execute(self._update_stmt(tuple(sorted(values)), attempt), params).rowcount
            if done and bounce_sub is not None:
                conn.execute(update(Subscriber).where(col(Subscriber.id) == bounce_sub)
                             .values(bounce_count=Subscriber.bounce_count + 1, last_bounce=error))
                conn.execute(update(Subscriber)
                             .where(col(Subscriber.id) == bounce_sub, col(Subscriber.status) == "confirmed",
                                    col(Subscriber.bounce_count) >= self.bounce_threshold)
                             .values(status="bounced"))
        return bool(done)

    def _update_stmt(self, keys: tuple[str, ...], attempt: bool) -> Any:
        """Statements built once per shape and reused: SQLAlchemy then skips re-building and
        re-keying them, which otherwise costs more than the SQLite commit itself."""
        stmt = self._stmts.get((keys, attempt))
        if stmt is None:
            values: dict[str, Any] = {k: bindparam(f"v_{k}") for k in keys}
            if attempt:
                values["attempts"] = Delivery.attempts + 1
            stmt = (update(Delivery)
                    .where(col(Delivery.id) == bindparam("d_id"), col(Delivery.status) == bindparam("d_from"),
                           col(Delivery.claimed_by) == bindparam("d_worker"))
                    .values(**values))
            self._stmts[(keys, attempt)] = stmt
        return stmt

    def _defer(self, delivery_id: int, attempts: int, code: int, error: str, from_status: str) -> str:
        """A temporary failure of attempt ``attempts + 1``. A row in "sending" had that attempt
        counted when it entered "sending": it is not counted a second time here."""
        count = from_status != "sending"
        if attempts + 1 >= MAX_ATTEMPTS:
            self._finish(delivery_id, "failed", from_status=from_status, code=code, attempt=count,
                         error=f"gave up after {attempts + 1} temporary failures: {error}")
            return "failed"
        delay = min(self.backoff * (2 ** attempts), MAX_BACKOFF)
        # claimed_by stays ours, so this run does not claim the row again (see _due)
        self._finish(delivery_id, "deferred", from_status=from_status, code=code, error=error,
                     attempt=count, next_attempt_at=utcnow() + delay)
        return "deferred"

    def release(self) -> None:
        """Give back rows claimed but not started (on exit, normal or not)."""
        with self.engine.begin() as conn:
            conn.execute(update(Delivery)
                         .where(col(Delivery.bulletin_id) == self.bulletin_id, col(Delivery.status) == "claimed",
                                col(Delivery.claimed_by) == self.worker)
                         .values(status="pending", claimed_by=None, claimed_at=None))

    # -- one message
    def _envelope(self, to_addr: str) -> tuple[str, int, str] | None:
        """MAIL FROM + RCPT TO. None when accepted, else (stage, code, text). Raises _Transient."""
        smtp = self._connection()
        options = []
        if not to_addr.isascii():
            if not smtp.has_extn("smtputf8"):
                return ("smtputf8", 0, f"{self.cfg.label} does not support SMTPUTF8, needed for {to_addr}")
            options = ["SMTPUTF8"]
        try:
            code, text = smtp.mail(self.from_addr, options)
            if code == 421:
                raise _Transient(f"server closing: {_text(text)}")
            if code != 250:
                smtp.rset()
                return ("mail", code, _text(text))
            code, text = smtp.rcpt(to_addr)
            if code == 421:
                raise _Transient(f"server closing: {_text(text)}")
            if code not in (250, 251):
                smtp.rset()
                return ("rcpt", code, _text(text))
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            raise _Transient(str(exc)) from exc
        return None

    def deliver(self, delivery_id: int, attempts: int, sub: Any) -> str:
        """Send one claimed row; returns its outcome (sent, deferred, failed, skipped, uncertain).

        A connection lost before the message content was handed over is retried on a new
        connection (up to RECONNECTS_PER_MESSAGE times, then MailError stops the run)."""
        if sub is None or sub.status != "confirmed":
            self._finish(delivery_id, "skipped", from_status="claimed",
                         error="subscriber no longer confirmed" if sub else "subscriber removed")
            return "skipped"
        self._pace()
        for tries in range(RECONNECTS_PER_MESSAGE + 1):
            try:
                return self._attempt(delivery_id, attempts, sub)
            except _Transient as exc:
                self._disconnect(polite=False)
                if tries == RECONNECTS_PER_MESSAGE:
                    raise MailError(f"{self.cfg.label} keeps dropping the connection: {exc}") from exc
                log.info("connection lost before the message was sent (%s); reconnecting", exc)
        raise AssertionError("unreachable")

    def _attempt(self, delivery_id: int, attempts: int, sub: Any) -> str:
        to_addr = delivery_address(sub)
        payload = self.mail.raw(sub.id, sub.email, to_addr)
        refused = self._envelope(to_addr)
        if refused is not None:
            stage, code, text = refused
            error = f"{stage} {code} {text}".strip()
            if stage == "smtputf8":
                # our server's shortcoming, not the recipient's: deferred like a 4xx (no bounce),
                # so a later run through a server that has SMTPUTF8 delivers it
                self.report.needs_smtputf8 += 1
                return self._defer(delivery_id, attempts, 0, error, "claimed")
            if stage == "mail" and code >= 500:
                raise MailError(f"{self.cfg.label} refused the sender {self.from_addr}: {code} {text}")
            if 400 <= code < 500:
                return self._defer(delivery_id, attempts, code, error, "claimed")
            self._finish(delivery_id, "failed", from_status="claimed", code=code, error=error,
                         bounce_sub=sub.id, attempt=True)
            return "failed"
        # The recipient is accepted: record that DATA is about to start, *before* starting it.
        if not self._finish(delivery_id, "sending", from_status="claimed", attempt=True,
                            message_id=self.mail.message_id_for(sub.id), claimed_at=utcnow()):
            self._reset()
            return "skipped"  # our claim was taken over (we were presumed dead): not ours to send
        self.attempted += 1
        smtp = self.smtp  # the connection that accepted the envelope, never a fresh one
        assert smtp is not None
        self.on_connection += 1
        try:
            code, reply = smtp.docmd("DATA")
        except (smtplib.SMTPServerDisconnected, OSError) as exc:
            # Lost before the server invited the content: nothing was delivered. Back to
            # "claimed" and round again on a new connection (bounded by the caller's retries).
            self._disconnect(polite=False)
            self.attempted -= 1
            if not self._finish(delivery_id, "claimed", from_status="sending", error=f"lost at DATA: {exc}"):
                return "skipped"
            raise _Transient(str(exc)) from exc
        if code != 354:  # refused before any content was sent: a definite answer
            self._reset()
            return self._answer(delivery_id, attempts, sub.id, code, _text(reply))
        try:
            # From here the server may hold the message: any failure leaves it "uncertain".
            smtp.send(_dot_stuff(payload))
            code, reply = smtp.getreply()
        except BaseException as exc:  # noqa: BLE001 - connection lost or interrupted mid-DATA
            self._disconnect(polite=False)
            self._finish(delivery_id, "uncertain", from_status="sending",
                         error=f"connection lost during DATA, delivery unknown: {exc!r}")
            if not isinstance(exc, (smtplib.SMTPException, OSError)):
                raise
            return "uncertain"
        return self._answer(delivery_id, attempts, sub.id, code, _text(reply))

    def _answer(self, delivery_id: int, attempts: int, subscriber_id: int, code: int, text: str) -> str:
        """Record the server's definite answer to DATA for a row in ``sending``."""
        if code == 250:
            self._finish(delivery_id, "sent", from_status="sending", code=code, sent_at=utcnow())
            return "sent"
        if 400 <= code < 500:
            if code == 421:
                self._disconnect(polite=False)
            return self._defer(delivery_id, attempts, code, f"data {code} {text}", "sending")
        self._finish(delivery_id, "failed", from_status="sending", code=code,
                     error=f"data {code} {text}", bounce_sub=subscriber_id)
        return "failed"

    def _reset(self) -> None:
        try:
            if self.smtp is not None:
                self.smtp.rset()
        except (smtplib.SMTPException, OSError):
            self._disconnect(polite=False)

    def run(self) -> None:
        _LIVE_WORKERS.add(self.worker)
        try:
            while self.limit is None or self.attempted < self.limit:
                want = CLAIM_BATCH if self.limit is None else min(CLAIM_BATCH, self.limit - self.attempted)
                batch = claim(self.engine, self.bulletin_id, self.worker, want)
                if not batch:
                    break
                subs, attempts = self._load(batch)
                for delivery_id, subscriber_id in batch:
                    if self.limit is not None and self.attempted >= self.limit:
                        break
                    outcome = self.deliver(delivery_id, attempts[delivery_id], subs.get(subscriber_id))
                    setattr(self.report, outcome, getattr(self.report, outcome) + 1)
                    if outcome == "uncertain":
                        self.report.uncertain_message_ids.append(
                            self.mail.message_id_for(subscriber_id))
                    if self.progress:
                        self.progress(outcome)
        finally:
            try:
                self.release()
            finally:
                _LIVE_WORKERS.discard(self.worker)
                self._disconnect()

    def _load(self, batch: list[tuple[int, int]]) -> tuple[dict[int, Any], dict[int, int]]:
        ids = [d for d, _ in batch]
        with self.engine.connect() as conn:
            subs = {row.id: row for row in conn.execute(
                select(col(Subscriber.id), col(Subscriber.email), col(Subscriber.display_email),
                       col(Subscriber.status))
                .where(col(Subscriber.id).in_([s for _, s in batch]))
            )}
            attempts: dict[Any, Any] = dict(conn.execute(
                select(col(Delivery.id), col(Delivery.attempts)).where(col(Delivery.id).in_(ids))
            ).all())
        return subs, {int(k): int(v) for k, v in attempts.items()}


def send_bulletin(engine: Engine, day: date, *, dry_run: bool = False, limit: int | None = None,
                  resend_uncertain: bool | list[str] = False, smtp_url: str | None = None,
                  progress: Callable[[str], None] | None = None,
                  on_start: Callable[[int], None] | None = None) -> SendReport:
    """Send the published bulletin of ``day`` to every confirmed subscriber (see module doc).

    ``dry_run`` writes one .eml per confirmed subscriber to ``<data_dir>/outbox/<date>/`` and
    leaves the ledger alone. ``limit`` caps the messages handed to the server in this run.
    ``resend_uncertain``: True requeues every uncertain row, a list of Message-IDs only those.
    ``progress`` is called with each row's outcome; ``on_start`` with the number of rows due.
    Raises BulletinNotFound, BulletinNotPublished, ConfigError or MailError.
    """
    bulletin_id, doc = load_published(engine, day)
    mail = BulletinMail(doc, bulletin_id)
    report = SendReport(date=day, bulletin_id=bulletin_id, dry_run=dry_run)
    if dry_run:
        return write_outbox(engine, mail, report, limit, progress, on_start)
    url = smtp_url or settings().smtp_url
    if not url:
        raise ConfigError("no SMTP server: set BANTIN_SMTP_URL (e.g. smtp://127.0.0.1:1025),"
                          " or use --dry-run to write the messages to the outbox")
    cfg = parse_smtp_url(url)
    report.enqueued = enqueue(engine, bulletin_id)
    recover(engine, bulletin_id)
    if resend_uncertain:
        chosen = None if resend_uncertain is True else list(resend_uncertain)
        if chosen is not None:
            check_uncertain_ids(engine, bulletin_id, day, chosen)
        report.requeued_uncertain = requeue_uncertain(engine, bulletin_id, chosen)
    if on_start:
        due = due_count(engine, bulletin_id)
        on_start(due if limit is None else min(due, limit))
    try:
        Sender(engine, bulletin_id, mail, cfg, report, limit, progress).run()
    finally:
        report.ledger = ledger_counts(engine, bulletin_id)
        if report.ledger.get("uncertain"):
            report.uncertain_message_ids = uncertain_ids(engine, bulletin_id)
    return report


