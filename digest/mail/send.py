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
    claim,
    due_count,
    enqueue,
    ledger_counts,
    load_published,
    recover,
    requeue_uncertain,
    uncertain_ids,
)
from digest.mail.smtp import MailError, SmtpConfig, _dot_stuff, _quit, _text, parse_smtp_url, smtp_connect
from digest.store.models import Delivery, Subscriber
from digest.text import utcnow

log = logging.getLogger(__name__)

RECONNECTS_PER_MESSAGE = 3
_LIVE_WORKERS: set[str] = set()  # workers of this process that are still running
OUTCOMES = ("sent", "deferred", "failed", "skipped", "uncertain")


class MailError(BantinError):
    """The SMTP server cannot be used (unreachable, refuses our login or our sender address)."""


# --------------------------------------------------------------------------- SMTP
@dataclass(frozen=True)
class SmtpConfig:
    scheme: str  # smtp | smtps
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: str = "auto"  # auto | always | never (smtp:// only)
    timeout: float = 60.0

    @property
    def label(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def parse_smtp_url(url: str, starttls: str | None = None) -> SmtpConfig:
    """``smtp://user:pass@host:port`` or ``smtps://...``; STARTTLS from ``[mail] starttls``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("smtp", "smtps"):
        raise ConfigError(f"BANTIN_SMTP_URL must start with smtp:// or smtps://, not {url.split(':', 1)[0]!r}")
    if not parts.hostname:
        raise ConfigError("BANTIN_SMTP_URL has no host (example: smtp://127.0.0.1:1025)")
    mode = (starttls or str(settings()["mail"].get("starttls", "auto"))).lower()
    if mode not in ("auto", "always", "never"):
        raise ConfigError(f"[mail] starttls must be auto, always or never, not {mode!r}")
    try:
        port = parts.port or (465 if scheme == "smtps" else 25)
    except ValueError as exc:
        raise ConfigError(f"BANTIN_SMTP_URL has a bad port: {exc}") from exc
    return SmtpConfig(
        scheme=scheme, host=parts.hostname, port=port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        starttls=mode,
    )


def _login(smtp: smtplib.SMTP, username: str, password: str) -> None:
    """AUTH with smtplib, except for non-ASCII credentials (which smtplib cannot encode): those
    go as AUTH PLAIN in UTF-8 (RFC 4616)."""
    if username.isascii() and password.isascii():
        smtp.login(username, password)
        return
    if "plain" not in smtp.esmtp_features.get("auth", "").lower().split():
        raise MailError("the SMTP user name or password is not ASCII, which needs AUTH PLAIN;"
                        " the server does not offer it")
    token = base64.b64encode(b"\0" + username.encode() + b"\0" + password.encode()).decode()
    code, text = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, text)


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """Verifying TLS context, built once (loading the CA store costs ~0.1 s per build)."""
    return ssl.create_default_context()


def smtp_connect(cfg: SmtpConfig) -> smtplib.SMTP:
    """An open, greeted (and if configured, TLS-secured and logged-in) SMTP connection."""
    try:
        if cfg.scheme == "smtps":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout,
                                                  context=_tls_context())
        else:
            smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        # Without TCP_NODELAY the last partial segment of each message waits for the server's
        # delayed ACK (Nagle): about 40 ms lost per message on every connection.
        if smtp.sock is not None:
            smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        smtp.ehlo()
        if cfg.scheme == "smtp" and cfg.starttls != "never":
            if smtp.has_extn("starttls"):
                smtp.starttls(context=_tls_context())
                smtp.ehlo()
            elif cfg.starttls == "always":
                smtp.close()
                raise MailError(f"{cfg.label} does not offer STARTTLS and [mail] starttls = \"always\"")
        if cfg.username:
            _login(smtp, cfg.username, cfg.password or "")
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"{cfg.label} refused the login: {exc.smtp_code} {_text(exc.smtp_error)}") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"cannot reach the SMTP server {cfg.label}: {exc}") from exc
    return smtp


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def outbox_dir() -> Path:
    return settings().data_dir / "outbox"


def write_eml(msg: EmailMessage | bytes, path: Path) -> Path:
    """Write a message atomically (tmp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(msg if isinstance(msg, bytes) else as_bytes(msg))
    os.replace(tmp, path)
    return path


def send_single(msg: EmailMessage | bytes, to_addr: str, name: str, smtp_url: str | None = None) -> str:
    """Send one transactional message (e.g. the opt-in link, or a bulletin's test copy as the
    bytes ``BulletinMail.raw`` made), or write it to the outbox when no SMTP server is
    configured. Returns a one-line description of what happened."""
    url = smtp_url or settings().smtp_url
    if not url:
        stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
        path = write_eml(msg, outbox_dir() / f"{name}-{stamp}.eml")
        return f"no SMTP server configured (BANTIN_SMTP_URL): message written to {path}"
    cfg = parse_smtp_url(url)
    smtp = smtp_connect(cfg)
    try:
        options = ["SMTPUTF8"] if not to_addr.isascii() else []
        payload = msg if isinstance(msg, bytes) else as_bytes(msg)
        smtp.sendmail(sender()[1], [to_addr], payload, mail_options=options)
    except smtplib.SMTPException as exc:
        raise MailError(f"{cfg.label} did not accept the message to {to_addr}: {exc}") from exc
    finally:
        _quit(smtp)
    return f"sent to {to_addr} through {cfg.label}"


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _dot_stuff(payload: bytes) -> bytes:
    """The DATA content as smtplib would send it: CRLF line ends, leading dots doubled, and the
    terminating <CRLF>.<CRLF>."""
    data = payload
    crlf = data.count(b"\r\n")
    if data.count(b"\n") != crlf or data.count(b"\r") != crlf:  # regexes only when needed:
        data = re.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", data)  # they cost ~3 ms a message
    if data.startswith(b".") or b"\n." in data:
        data = _LEADING_DOT.sub(b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _quit(smtp: smtplib.SMTP | None) -> None:
    if smtp is None:
        return
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()


# --------------------------------------------------------------------------- report
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

    def as_dict(self) -> dict[str, Any]:
        return {k: (str(v) if isinstance(v, (Path, date)) else v) for k, v in self.__dict__.items()}


# --------------------------------------------------------------------------- ledger
def load_published(engine: Engine, day: date) -> tuple[int, BulletinDoc]:
    """(bulletin id, document) of the published bulletin of ``day``; refuses a draft."""
    with engine.connect() as conn:
        row = conn.execute(
            select(Bulletin.id, Bulletin.status, Bulletin.snapshot).where(Bulletin.date == day)
        ).first()
    if row is None:
        raise BulletinNotFound(f"there is no bulletin for {day.isoformat()}")
    if row.status != "published" or not row.snapshot:
        raise BulletinNotPublished(
            f"the bulletin of {day.isoformat()} is a draft: publish it first (bantin publish --date {day.isoformat()})"
        )
    doc = BulletinDoc.from_json(row.snapshot, publisher=str(settings()["general"]["publisher"]))
    return int(row.id), doc


def _insert(conn: Connection) -> Any:
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def enqueue(engine: Engine, bulletin_id: int, batch: int = ENQUEUE_BATCH) -> int:
    """Create a pending row for each confirmed subscriber without one; returns rows added."""
    last, added = 0, 0
    while True:
        with engine.connect() as conn:  # read first, apart: the write below starts its own transaction
            ids = conn.execute(
                select(Subscriber.id)
                .where(Subscriber.status == "confirmed", Subscriber.id > last)  # type: ignore[operator]
                .order_by(Subscriber.id).limit(batch)
            ).scalars().all()
        if not ids:
            return added
        high = ids[-1]
        with engine.begin() as conn:
            source = select(
                literal(bulletin_id), Subscriber.id, literal("pending"), literal(0)
            ).where(Subscriber.status == "confirmed", Subscriber.id > last, Subscriber.id <= high)  # type: ignore[operator]
            stmt = _insert(conn)(Delivery).from_select(
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
    timeout = timedelta(minutes=float(settings()["mail"].get("claim_timeout_minutes", 30)))
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
            select(Delivery.claimed_by, func.max(Delivery.claimed_at))
            .where(Delivery.bulletin_id == bulletin_id, Delivery.status.in_(("claimed", "sending")))  # type: ignore[attr-defined]
            .group_by(Delivery.claimed_by)
        ).all()
    for owner, claimed_at in owners:
        if not claimer_gone(owner, claimed_at, now):
            continue
        owner_match = Delivery.claimed_by.is_(None) if owner is None else Delivery.claimed_by == owner  # type: ignore[union-attr]
        with engine.begin() as conn:
            conn.execute(
                update(Delivery)
                .where(Delivery.bulletin_id == bulletin_id, Delivery.status == "claimed", owner_match)
                .values(status="pending", claimed_by=None, claimed_at=None)
            )
            n = conn.execute(
                update(Delivery)
                .where(Delivery.bulletin_id == bulletin_id, Delivery.status == "sending", owner_match)
                .values(status="uncertain",
                        last_error="the sending process ended before the server's answer was recorded")
            ).rowcount
        if n:
            log.warning("%d deliveries left in 'sending' by %s are now 'uncertain'", n, owner)


def requeue_uncertain(engine: Engine, bulletin_id: int, message_ids: list[str] | None = None) -> int:
    """Operator's decision after checking the server's log: resend uncertain rows (all of them,
    or only those whose Message-ID is in ``message_ids``). Returns the rows requeued."""
    where = [Delivery.bulletin_id == bulletin_id, Delivery.status == "uncertain"]
    if message_ids is not None:
        wanted = [m if m.startswith("<") else f"<{m}>" for m in (x.strip() for x in message_ids) if m]
        where.append(Delivery.message_id.in_(wanted))  # type: ignore[union-attr]
    with engine.begin() as conn:
        return int(conn.execute(
            update(Delivery).where(*where)
            .values(status="pending", claimed_by=None, claimed_at=None, next_attempt_at=None,
                    last_error="requeued by the operator after an uncertain delivery")
        ).rowcount or 0)


def ledger_counts(engine: Engine, bulletin_id: int) -> dict[str, int]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(Delivery.status, func.count()).where(Delivery.bulletin_id == bulletin_id)
            .group_by(Delivery.status)
        ).all()
    return {status: int(n) for status, n in rows}


def uncertain_ids(engine: Engine, bulletin_id: int, limit: int = 20) -> list[str]:
    with engine.connect() as conn:
        return [m for m in conn.execute(
            select(Delivery.message_id).where(Delivery.bulletin_id == bulletin_id,
                                              Delivery.status == "uncertain")
            .order_by(Delivery.id).limit(limit)
        ).scalars() if m]


def _due(now: datetime, worker: str | None = None) -> Any:
    """Pending rows, and deferred rows whose backoff has passed. A row deferred by ``worker``
    itself waits for the next run (a 4xx is never retried within the run that got it)."""
    deferred = and_(Delivery.status == "deferred",
                    or_(Delivery.next_attempt_at.is_(None), Delivery.next_attempt_at <= now))  # type: ignore[union-attr,operator]
    if worker is not None:
        deferred = and_(deferred, or_(Delivery.claimed_by.is_(None), Delivery.claimed_by != worker))  # type: ignore[union-attr]
    return or_(Delivery.status == "pending", deferred)


def due_count(engine: Engine, bulletin_id: int) -> int:
    with engine.connect() as conn:
        return int(conn.execute(
            select(func.count()).select_from(Delivery)
            .where(Delivery.bulletin_id == bulletin_id, _due(utcnow()))
        ).scalar_one())


def claim(engine: Engine, bulletin_id: int, worker: str, n: int) -> list[tuple[int, int]]:
    """Atomically take up to ``n`` due rows for ``worker``: [(delivery id, subscriber id)]."""
    now = utcnow()
    with engine.begin() as conn:
        pick = (select(Delivery.id).where(Delivery.bulletin_id == bulletin_id, _due(now, worker))
                .order_by(Delivery.id).limit(n))
        if conn.dialect.name == "postgresql":
            # A locking CTE is evaluated exactly once. (Written as ``id IN (subquery)`` the
            # planner may re-run the LIMIT subquery per row and, with SKIP LOCKED, update more
            # than n rows: a known PostgreSQL trap.)
            picked = pick.with_for_update(skip_locked=True).cte("picked")
            target: Any = Delivery.id == picked.c.id
        else:
            # SQLite runs the statement under its single write lock: nobody else can claim
            # between the inner SELECT and the UPDATE.
            target = Delivery.id.in_(pick.scalar_subquery())  # type: ignore[union-attr]
        # The outer WHERE repeats the condition, so a row is only ever taken while still due.
        rows = conn.execute(
            update(Delivery)
            .where(target, Delivery.bulletin_id == bulletin_id, _due(now, worker))
            .values(status="claimed", claimed_by=worker, claimed_at=now)
            .returning(Delivery.id, Delivery.subscriber_id)
        ).all()
    return sorted((int(a), int(b)) for a, b in rows)


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
        if attempts + 1 >= MAX_ATTEMPTS:
            self._finish(delivery_id, "failed", from_status=from_status, code=code, attempt=True,
                         error=f"gave up after {attempts + 1} temporary failures: {error}")
            return "failed"
        delay = min(self.backoff * (2 ** attempts), MAX_BACKOFF)
        # claimed_by stays ours, so this run does not claim the row again (see _due)
        self._finish(delivery_id, "deferred", from_status=from_status, code=code, error=error,
                     attempt=True, next_attempt_at=utcnow() + delay)
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
                self._finish(delivery_id, "failed", from_status="claimed", error=error, attempt=True)
                return "failed"
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


