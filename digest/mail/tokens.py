"""Signed, timestamped tokens for the links in e-mails (itsdangerous, keyed by settings().secret_key).

Two purposes, two salts, so a confirmation token can never be replayed as an unsubscribe token
(or the reverse). A token carries the subscriber's id *and* normalised address: if the row is
deleted and the id reused, an old link matches nobody instead of acting on a stranger.

* confirm tokens expire after ``[mail] confirm_ttl_hours``;
* unsubscribe tokens are checked for their signature only: an unsubscribe link in a months-old
  message must still work (RFC 8058 and every anti-spam law expect it to), and unsubscribing is
  harmless and idempotent, so there is nothing an old link could abuse.
"""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from digest.config import settings
from digest.errors import InvalidInput

CONFIRM_SALT = "bantin.subscription.confirm"
UNSUBSCRIBE_SALT = "bantin.subscription.unsubscribe"


class TokenInvalid(InvalidInput):
    """The link was altered, belongs to another purpose, or was signed with another key."""


class TokenExpired(InvalidInput):
    """The link is authentic but too old (a confirmation link past its time to live)."""


@dataclass(frozen=True)
class TokenClaim:
    subscriber_id: int
    email: str  # normalised key (Subscriber.email)


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(settings().secret_key, salt=salt)


def _dump(salt: str, subscriber_id: int, email: str) -> str:
    return _serializer(salt).dumps({"s": int(subscriber_id), "e": email})


def _load(salt: str, token: str, max_age: int | None) -> TokenClaim:
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise TokenExpired("this link has expired; please subscribe again to get a new one") from exc
    except BadSignature as exc:
        raise TokenInvalid("this link is not valid (altered or incomplete)") from exc
    if not isinstance(data, dict) or not isinstance(data.get("s"), int) or not isinstance(data.get("e"), str):
        raise TokenInvalid("this link is not valid (unexpected content)")
    return TokenClaim(data["s"], data["e"])


def confirm_token(subscriber_id: int, email: str) -> str:
    """A token for the double opt-in link, valid ``confirm_ttl_hours``."""
    return _dump(CONFIRM_SALT, subscriber_id, email)


def read_confirm_token(token: str, max_age_seconds: int | None = None) -> TokenClaim:
    """Verify a confirmation token; raises TokenExpired or TokenInvalid."""
    if max_age_seconds is None:
        max_age_seconds = int(float(settings()["mail"]["confirm_ttl_hours"]) * 3600)
    return _load(CONFIRM_SALT, token, max_age_seconds)


def unsubscribe_token(subscriber_id: int, email: str) -> str:
    """A token for the one-click unsubscribe link (List-Unsubscribe header and message bodies)."""
    return _dump(UNSUBSCRIBE_SALT, subscriber_id, email)


def read_unsubscribe_token(token: str) -> TokenClaim:
    """Verify an unsubscribe token (signature only, no age limit); raises TokenInvalid."""
    return _load(UNSUBSCRIBE_SALT, token, None)


def site_link(path: str) -> str:
    """Absolute URL under ``[general] site_url`` (which may or may not end with a slash)."""
    base = str(settings()["general"]["site_url"]).rstrip("/")
    return f"{base}/{path.lstrip('/')}"


def confirm_url(subscriber_id: int, email: str) -> str:
    return site_link(f"confirm/{confirm_token(subscriber_id, email)}")


def unsubscribe_url(subscriber_id: int, email: str) -> str:
    return site_link(f"unsubscribe/{unsubscribe_token(subscriber_id, email)}")
