"""Double opt-in: a sign-up (the public form, ``bantin subscribers add``) adds a pending
subscriber and sends the confirmation link. Sits above the list, composing and sending."""

from __future__ import annotations

from sqlalchemy.engine import Engine

from digest.mail.address import delivery_address
from digest.mail.compose import confirmation_message
from digest.mail.smtp import send_single
from digest.mail.subscribers import DuplicateSubscriber, add_subscriber, find
from digest.store.db import session_scope
from digest.store.models import Subscriber


def send_confirmation(sub: Subscriber) -> str:
    """Send (or, with no SMTP server configured, write to the outbox) the opt-in message.

    Returns a one-line description of where it went.
    """
    message = confirmation_message(sub)
    return send_single(message, delivery_address(sub), name=f"confirm-{sub.id}")


def subscribe_request(engine: Engine, email: str) -> tuple[Subscriber, str]:
    """The public form: add as pending, or re-send the link to a pending/unsubscribed address.

    A confirmed or bounced address gets no mail (and the caller shows the same page either way,
    so the form never reveals who is subscribed). Returns (subscriber, what happened).
    """
    try:
        sub = add_subscriber(engine, email)
    except DuplicateSubscriber:
        with session_scope(engine) as session:
            sub = find(session, email)  # type: ignore[assignment]
        if sub is None:  # removed in between: try once more
            sub = add_subscriber(engine, email)
        elif sub.status in ("confirmed", "bounced"):
            return sub, "already"
    return sub, send_confirmation(sub)
