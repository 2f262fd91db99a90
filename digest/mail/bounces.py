"""Asynchronous bounces: delivery-status notifications (RFC 3464) read from a mailbox.

A mail server that accepted a bulletin and later fails to deliver it sends a DSN back to the
envelope sender: ``multipart/report; report-type=delivery-status`` with one
``message/delivery-status`` part (per-recipient ``Final-Recipient``, ``Action``, ``Status``)
and usually the returned headers (``Message-ID`` of our message). As listmonk does:

- a *hard* bounce (``Action: failed`` with a permanent ``5.x.x`` status) marks the subscriber
  ``bounced`` at once (no more mail) and the bulletin's delivery row ``bounced``;
- a *soft* one (``delayed``, or a ``4.x.x`` status) is only counted in the report.

Reading is safe to repeat: a subscriber already bounced stays as is, so the same mailbox can be
processed again (or kept and re-read by cron). Messages that are not DSNs are skipped. Where the
messages come from (a Maildir folder, an mbox file, an IMAP or POP3 mailbox) and what becomes of
them once their bounces are committed is digest.mail.bounce_sources.
"""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import Message

from sqlalchemy import update
from sqlalchemy.engine import Engine
from sqlmodel import Session

from digest.mail.bounce_sources import Source
from digest.mail.subscribers import find
from digest.store.models import Delivery
from digest.text import utcnow

_STATUS = re.compile(r"^\s*([245])\.(\d{1,3})\.(\d{1,3})")


@dataclass
class Bounce:
    """One failed recipient of one DSN."""

    recipient: str
    action: str  # failed | delayed | ...
    status: str  # 5.1.1
    diagnostic: str = ""
    message_id: str | None = None  # our Message-ID, from the returned headers

    @property
    def hard(self) -> bool:
        return self.action == "failed" and self.status.startswith("5.")


@dataclass
class BounceReport:
    """What ``process`` did, for the command's summary."""

    messages: int = 0
    not_dsn: int = 0
    hard: int = 0
    soft: int = 0
    marked: list[str] = field(default_factory=list)  # addresses newly marked bounced
    unknown: list[str] = field(default_factory=list)  # recipients not on the list


def _fields(part: Message) -> list[Message]:
    """The field groups of a message/delivery-status part: the per-message group first, then
    one per recipient (each a header block)."""
    payload = part.get_payload()
    if isinstance(payload, list):  # the email package already split the groups
        return [p for p in payload if isinstance(p, Message)]
    text = payload if isinstance(payload, str) else ""
    return [email.message_from_string(block.strip() + "\n") for block in re.split(r"\r?\n\r?\n", text) if block.strip()]


def parse_dsn(msg: Message) -> list[Bounce]:
    """The recipients a DSN reports (empty when ``msg`` is not a delivery-status report)."""
    if msg.get_content_type() != "multipart/report" or \
            (msg.get_param("report-type") or "").lower() != "delivery-status":
        return []
    status_part = next((p for p in msg.walk() if p.get_content_type() == "message/delivery-status"), None)
    if status_part is None:
        return []
    returned = next((p for p in msg.walk() if p.get_content_type() in ("text/rfc822-headers", "message/rfc822")
                     and p is not msg), None)
    original_id = None
    if returned is not None:
        inner = returned.get_payload()
        if isinstance(inner, list) and inner:
            original_id = inner[0].get("Message-ID")
        elif isinstance(inner, str):
            match = re.search(r"(?im)^Message-ID:\s*(<[^>]+>)", inner)
            original_id = match.group(1) if match else None
    out = []
    for group in _fields(status_part)[1:] or _fields(status_part):
        recipient = str(group.get("Final-Recipient") or group.get("Original-Recipient") or "")
        if not recipient:
            continue
        address = recipient.split(";", 1)[-1].strip().strip("<>")
        status = _STATUS.match(str(group.get("Status") or ""))
        out.append(Bounce(
            recipient=address, action=str(group.get("Action") or "").strip().lower(),
            status=".".join(status.groups()) if status else "",
            diagnostic=" ".join(str(group.get("Diagnostic-Code") or "").split())[:500],
            message_id=str(original_id).strip() if original_id else None,
        ))
    return out


def process(engine: Engine, source: Source) -> BounceReport:
    """Apply the DSNs among ``source``'s messages to the list and the delivery ledger, one
    message at a time: its changes are committed before the source marks it processed."""
    report = BounceReport()
    for key, msg in source.messages():
        report.messages += 1
        bounces = parse_dsn(msg)
        if not bounces:
            report.not_dsn += 1
        else:
            with Session(engine) as session:
                for bounce in bounces:
                    if not bounce.hard:
                        report.soft += 1
                        continue
                    report.hard += 1
                    _apply(session, bounce, report)
                session.commit()
        source.recorded(key, bool(bounces))
    return report


def _apply(session: Session, bounce: Bounce, report: BounceReport) -> None:
    sub = find(session, bounce.recipient)
    if sub is None:
        report.unknown.append(bounce.recipient)
        return
    note = f"{bounce.status} {bounce.diagnostic}".strip()[:1000]
    if sub.status != "bounced":
        sub.status = "bounced"
        sub.bounce_count += 1
        sub.last_bounce = f"DSN {utcnow():%Y-%m-%d}: {note}"
        session.add(sub)
        report.marked.append(sub.display_email)
    if bounce.message_id:
        session.exec(update(Delivery).where(  # type: ignore[call-overload]
            Delivery.subscriber_id == sub.id, Delivery.message_id == bounce.message_id,
            Delivery.status.in_(("sent", "uncertain", "sending")),  # type: ignore[attr-defined]
        ).values(status="bounced", last_error=f"DSN {note}"[:1000]))
