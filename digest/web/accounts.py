"""Named editor accounts of the web app: add, list, remove, verify (argon2id).

A name is what the history shows (NFC, one space between words, at most 100 characters);
two names that differ only in case are the same account. Roles: ``editor`` curates and
publishes; ``admin`` also manages sources, mail and subscribers. Verification costs one argon2
hash even for an unknown name, so response time does not tell which names exist.
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlmodel import Session, col, select

from digest.errors import InvalidInput
from digest.store.models import EditorAccount
from digest.text import clean_line, utcnow

ROLES = ("editor", "admin")
MIN_PASSWORD = 8
MAX_NAME = 100
_DUMMY_HASH = PasswordHasher().hash("bantin: no such account")


@dataclass(frozen=True)
class Account:
    """What a session needs of an account: its name, role and a fingerprint of its hash
    (a changed password or a removed account ends the sessions made with the old one)."""

    name: str
    role: str
    fingerprint: str
    last_login_at: datetime | None = None
    created_at: datetime | None = None


def name_key(name: str) -> str:
    return clean_line(name).casefold()


def clean_name(name: str) -> str:
    value = clean_line(name)
    if not value:
        raise InvalidInput("an editor name cannot be empty")
    if len(value) > MAX_NAME:
        raise InvalidInput(f"an editor name of {len(value)} characters is too long ({MAX_NAME} at most)")
    return value


def _account(row: EditorAccount) -> Account:
    digest = hmac.new(b"bantin.account", row.password_hash.encode(), hashlib.sha256).hexdigest()[:24]
    return Account(row.name, row.role, digest, row.last_login_at, row.created_at)


def _row(session: Session, name: str) -> EditorAccount | None:
    return session.exec(select(EditorAccount).where(EditorAccount.name_key == name_key(name))).first()


def add(session: Session, name: str, password: str, role: str = "editor", replace: bool = False) -> Account:
    """Create the account ``name`` (or, with ``replace``, set its password and role)."""
    value = clean_name(name)
    if role not in ROLES:
        raise InvalidInput(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(f"use at least {MIN_PASSWORD} characters for the password")
    row = _row(session, value)
    if row is not None and not replace:
        raise InvalidInput(f"an editor named {row.name!r} already exists (--replace sets a new password)")
    if row is None:
        row = EditorAccount(name=value, name_key=name_key(value), password_hash="", role=role)
    row.password_hash = PasswordHasher().hash(password)
    row.role = role
    session.add(row)
    session.flush()
    return _account(row)


def remove(session: Session, name: str) -> Account:
    """Delete the account; its sessions end at their next request."""
    row = _row(session, name)
    if row is None:
        raise InvalidInput(f"no editor named {clean_line(name)!r}")
    account = _account(row)
    session.delete(row)
    session.flush()
    return account


def accounts(session: Session) -> list[Account]:
    """Every account, by name."""
    return [_account(r) for r in session.exec(select(EditorAccount).order_by(col(EditorAccount.name_key))).all()]


def find(session: Session, name: str) -> Account | None:
    row = _row(session, name)
    return _account(row) if row is not None else None


def exists(session: Session, name: str) -> bool:
    return _row(session, name) is not None


def verify(session: Session, name: str, password: str) -> Account | None:
    """The account when ``password`` is its password, else None (same cost either way)."""
    row = _row(session, name) if clean_line(name) else None
    hasher = PasswordHasher()
    try:
        hasher.verify(row.password_hash if row else _DUMMY_HASH, password or "")
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return None
    if row is None:
        return None
    if hasher.check_needs_rehash(row.password_hash):
        row.password_hash = hasher.hash(password)
    row.last_login_at = utcnow()
    session.add(row)
    return _account(row)
