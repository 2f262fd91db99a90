"""The mailing list: validate, add, import, list, confirm, unsubscribe and remove subscribers.

An address is stored twice: ``Subscriber.email`` is the unique *key* (local part lower-cased,
domain in its ASCII/punycode form) so that ``Thu.Ha@Ví-Dụ.VN`` and ``thu.ha@xn--...vn`` are one
subscriber, and ``display_email`` keeps what the person typed. Mail goes to
:func:`digest.mail.address.delivery_address` (the typed local part at the ASCII domain).

Statuses: ``pending`` (waiting for the double opt-in click), ``confirmed`` (receives bulletins),
``unsubscribed`` and ``bounced`` (never mailed).
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy import delete, func
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from digest.errors import InvalidInput
from digest.mail.address import normalise_address
from digest.store.db import session_scope
from digest.store.models import Delivery, Subscriber
from digest.text import nfc, utcnow

STATUSES = ("pending", "confirmed", "unsubscribed", "bounced")
Status = Literal["pending", "confirmed", "unsubscribed", "bounced"]


class DuplicateSubscriber(InvalidInput):
    """The address (compared without regard to case or IDNA form) is already on the list."""


class SubscriberNotFound(InvalidInput):
    pass


# --------------------------------------------------------------------------- queries
def find(session: Session, email: str) -> Subscriber | None:
    """The subscriber for ``email`` in any spelling (case, Unicode or punycode domain)."""
    try:
        key = normalise_address(email, allow_smtputf8=True).key
    except InvalidInput:
        key = nfc(email).strip().lower()
    return session.exec(select(Subscriber).where(Subscriber.email == key)).first()


def add_subscriber(engine: Engine, email: str, *, confirmed: bool = False,
                   status: Status | None = None) -> Subscriber:
    """Insert a new subscriber (``pending`` unless ``confirmed``); raises DuplicateSubscriber.

    Sending the confirmation message is the caller's decision (:func:`send_confirmation`).
    """
    address = normalise_address(email)
    if status is None:
        status = "confirmed" if confirmed else "pending"
    if status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    now = utcnow()
    sub = Subscriber(email=address.key, display_email=address.display, status=status, created_at=now,
                     confirmed_at=now if status == "confirmed" else None,
                     unsubscribed_at=now if status == "unsubscribed" else None)
    try:
        with session_scope(engine) as session:
            session.add(sub)
            session.flush()
            session.refresh(sub)
    except IntegrityError as exc:
        with session_scope(engine) as session:
            existing = session.exec(select(Subscriber).where(Subscriber.email == address.key)).first()
        shown = existing.display_email if existing else address.display
        state = existing.status if existing else "unknown"
        raise DuplicateSubscriber(f"{shown} is already on the list (status {state})") from exc
    return sub


@dataclass
class ImportLine:
    line: int
    email: str
    outcome: Literal["added", "duplicate", "invalid"]
    message: str = ""
    subscriber_id: int | None = None
    status: str | None = None


def import_csv(engine: Engine, source: Path | str | io.TextIOBase,
               default_status: Status = "pending") -> Iterator[ImportLine]:
    """Add every address of a CSV file (header ``email``, optional ``status``), one line at a time.

    Yields one ImportLine per data line: added, duplicate (already on the list or earlier in the
    file) or invalid (with the reason). A bad line never stops the rest; each added line is
    committed on its own, so an interrupted import can simply be run again.
    """
    handle: io.TextIOBase
    if isinstance(source, (str, Path)):
        # decoded whole and first: a file in the wrong encoding is refused before any line is added
        handle = io.StringIO(_csv_text(Path(source)), newline="")
        close = True
    else:
        handle, close = source, False
    try:
        reader = csv.DictReader(handle)
        for row in _rows(reader):
            yield from _import_row(engine, reader, row, default_status)
    finally:
        if close:
            handle.close()


def _csv_text(path: Path) -> str:
    """The file's text: UTF-8 (with or without BOM), or UTF-16/32 when it starts with their BOM.
    Anything else (Latin-1, Windows-1258...) is refused naming the first bad line."""
    data = path.read_bytes()
    encoding = "utf-8-sig"
    for boms, name in (((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE), "utf-32"),
                       ((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE), "utf-16")):
        if data.startswith(boms):
            encoding = name
            break
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise InvalidInput(f"line {line} is not {encoding.removesuffix('-sig').upper()} text: save the "
                           "file as 'CSV UTF-8' and import it again (nothing was imported)") from None


def _rows(reader: csv.DictReader) -> Iterator[dict[str, Any]]:  # type: ignore[type-arg]
    """The reader's rows, its header checked; a line csv cannot parse (a field over csv's
    size limit, say) stops with a one-line error: the lines before it are kept."""
    try:
        fields = [(f or "").strip().lower() for f in (reader.fieldnames or [])]
        if "email" not in fields:
            raise InvalidInput("the CSV file needs a header line with an 'email' column"
                               f" (found: {', '.join(f for f in fields if f) or 'nothing'})")
        reader.fieldnames = fields
        yield from reader
    except csv.Error as exc:
        raise InvalidInput(f"near line {reader.line_num + 1}: {exc}; the lines before it were imported, fix"
                           " it and run the import again (they will be skipped as duplicates)") from None


def _import_row(engine: Engine, reader: Any, row: dict[str, Any],
                default_status: Status) -> Iterator[ImportLine]:
    """The ImportLine of one CSV row (nothing for a blank line)."""
    line = reader.line_num
    raw = (row.get("email") or "").strip()
    status = (row.get("status") or "").strip().lower() or default_status
    if not raw and not any((v or "").strip() for v in row.values() if isinstance(v, str)):
        return  # blank line
    if status not in STATUSES:
        yield ImportLine(line, raw, "invalid", f"unknown status {status!r}")
        return
    try:
        sub = add_subscriber(engine, raw, status=status)  # type: ignore[arg-type]
    except DuplicateSubscriber as exc:
        yield ImportLine(line, raw, "duplicate", str(exc))
    except InvalidInput as exc:
        yield ImportLine(line, raw, "invalid", str(exc))
    else:
        yield ImportLine(line, raw, "added", "", sub.id, sub.status)


def iter_subscribers(engine: Engine, status: str | None = None, batch: int = 1000) -> Iterator[Subscriber]:
    """All subscribers (optionally of one status) in id order, read in keyset pages."""
    if status is not None and status not in STATUSES:
        raise InvalidInput(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    last = 0
    while True:
        with session_scope(engine) as session:
            query = select(Subscriber).where(Subscriber.id > last)  # type: ignore[operator]
            if status is not None:
                query = query.where(Subscriber.status == status)
            rows = list(session.exec(query.order_by(Subscriber.id).limit(batch)))  # type: ignore[arg-type]
        if not rows:
            return
        yield from rows
        last = rows[-1].id  # type: ignore[assignment]


def count_by_status(engine: Engine) -> dict[str, int]:
    with session_scope(engine) as session:
        rows = session.exec(select(Subscriber.status, func.count()).group_by(Subscriber.status)).all()
    counts = {s: 0 for s in STATUSES}
    counts.update({status: n for status, n in rows})
    return counts


def remove_subscriber(engine: Engine, email: str) -> Subscriber:
    """Delete a subscriber and their delivery history (for erasure requests).

    To stop mail but keep the record, unsubscribe instead.
    """
    with session_scope(engine) as session:
        sub = find(session, email)
        if sub is None:
            raise SubscriberNotFound(f"{email} is not on the list")
        session.exec(delete(Delivery).where(Delivery.subscriber_id == sub.id))  # type: ignore[arg-type]
        session.delete(sub)
    return sub


# --------------------------------------------------------------------------- state changes
def get_by_token_claim(session: Session, subscriber_id: int, email: str) -> Subscriber | None:
    """The subscriber a token names, only if the id still belongs to the same address."""
    sub = session.get(Subscriber, subscriber_id)
    if sub is None or sub.email != email:
        return None
    return sub


def confirm(engine: Engine, subscriber_id: int, email: str) -> Subscriber | None:
    """Double opt-in click: pending/unsubscribed -> confirmed. Idempotent; bounced stays bounced."""
    with session_scope(engine) as session:
        sub = get_by_token_claim(session, subscriber_id, email)
        if sub is None:
            return None
        if sub.status in ("pending", "unsubscribed"):
            sub.status = "confirmed"
            sub.confirmed_at = utcnow()
            sub.unsubscribed_at = None
            session.add(sub)
        return sub


def unsubscribe(engine: Engine, subscriber_id: int, email: str) -> Subscriber | None:
    """One-click unsubscribe: any status -> unsubscribed (bounced stays bounced). Idempotent."""
    with session_scope(engine) as session:
        sub = get_by_token_claim(session, subscriber_id, email)
        if sub is None:
            return None
        if sub.status in ("pending", "confirmed"):
            sub.status = "unsubscribed"
            sub.unsubscribed_at = utcnow()
            session.add(sub)
        return sub
