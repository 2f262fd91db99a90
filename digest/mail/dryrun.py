"""``bantin send --dry-run``: write each subscriber's message to the outbox instead of sending,
touching no ledger row."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from digest.mail.address import delivery_address
from digest.mail.compose import BulletinMail
from digest.mail.ledger import SendReport
from digest.mail.smtp import outbox_dir, write_eml
from digest.mail.subscribers import iter_subscribers
from digest.store.models import Subscriber


def write_outbox(engine: Engine, mail: BulletinMail, report: SendReport, limit: int | None,
             progress: Callable[[str], None] | None, on_start: Callable[[int], None] | None) -> SendReport:
    folder = outbox_dir() / mail.doc.date.isoformat()
    report.outbox = folder
    if on_start:
        with engine.connect() as conn:
            total = int(conn.execute(select(func.count()).select_from(Subscriber)
                                     .where(Subscriber.status == "confirmed")).scalar_one())
        on_start(total if limit is None else min(total, limit))
    for sub in _limited(iter_subscribers(engine, status="confirmed"), limit):
        raw = mail.raw(sub.id, sub.email, delivery_address(sub))  # type: ignore[arg-type]
        write_eml(raw, folder / f"{sub.id}.eml")
        report.written += 1
        if progress:
            progress("written")
    return report


def _limited(items: Iterator[Any], limit: int | None) -> Iterator[Any]:
    for n, item in enumerate(items):
        if limit is not None and n >= limit:
            return
        yield item
