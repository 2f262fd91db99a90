"""E-mail addresses: validate one (syntax only), its unique key and display forms, and the
address mail is delivered to. Imports only config, errors, models and text."""

from __future__ import annotations

from dataclasses import dataclass

from email_validator import EmailNotValidError, validate_email

from digest.config import settings
from digest.errors import InvalidInput
from digest.store.models import Subscriber
from digest.text import nfc


@dataclass(frozen=True)
class Address:
    key: str  # unique, normalised: lower-case local part @ ASCII (punycode) domain
    display: str  # as typed (NFC, trimmed)
    smtputf8: bool  # the local part is non-ASCII: needs an SMTPUTF8 server


def normalise_address(raw: str, allow_smtputf8: bool | None = None) -> Address:
    """Validate ``raw`` (syntax only: no DNS here) and return its key and display forms.

    Internationalised domains are accepted and keyed by their punycode form. Internationalised
    local parts (``nguyễn@...``) are accepted only when ``[mail] smtputf8`` is true, because
    they can only be delivered through a server that supports SMTPUTF8.
    Raises InvalidInput with the validator's explanation.
    """
    if allow_smtputf8 is None:
        allow_smtputf8 = settings().value("mail", "smtputf8", bool)
    typed = nfc(raw).strip()
    if not typed:
        raise InvalidInput("empty e-mail address")
    try:
        result = validate_email(typed, check_deliverability=False, allow_smtputf8=allow_smtputf8)
    except EmailNotValidError as exc:
        message = str(exc)
        if not allow_smtputf8 and "before the @-sign are not supported" in message:
            message += (" (this list's mail server setup does not accept internationalised"
                        " addresses: set [mail] smtputf8 = true if it supports SMTPUTF8)")
        raise InvalidInput(f"{typed!r} is not a valid e-mail address: {message}") from exc
    key = f"{result.local_part.lower()}@{result.ascii_domain.lower()}"
    if len(key) > 320 or len(typed) > 320:
        raise InvalidInput(f"{typed!r} is too long for an e-mail address")
    return Address(key=key, display=typed, smtputf8=bool(result.smtputf8))


def delivery_address(sub: Subscriber) -> str:
    """Envelope/To address: the local part as typed at the ASCII domain of the key."""
    local = sub.display_email.rsplit("@", 1)[0]
    domain = sub.email.rsplit("@", 1)[1]
    return f"{local}@{domain}"


def needs_smtputf8(address: str) -> bool:
    return not address.isascii()
