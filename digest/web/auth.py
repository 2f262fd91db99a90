"""Editor authentication: named accounts, the shared bootstrap password, login rate limiting,
session helpers.

Named accounts (``bantin editors add``, ``digest.web.accounts``) log in with their own name and
password. The shared password - BANTIN_EDITOR_PASSWORD (settings().editor_password) or an argon2
hash in settings()["web"]["editor_password_hash"] - still works as a bootstrap admin under any
name that is not an account's, so a fresh install can be reached before the first account
exists. Plain passwords are compared in constant time (HMAC digests of both sides, so neither
content nor length leaks through timing).

Sessions are server-side rows (``WebSession``): the signed cookie only names one by a random id,
so logout, expiry and a password change end a session for good, even for a saved copy of the
cookie. A session remembers a fingerprint of the credential it was opened with (the account's
hash, or the shared password): removing the account or changing its password ends its sessions.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import delete, or_
from sqlmodel import Session as DbSession
from sqlmodel import col
from starlette.requests import Request

from digest.config import settings
from digest.errors import ConfigError
from digest.store.models import WebSession
from digest.text import clean_line, utcnow
from digest.web.accounts import find

DEFAULT_EDITOR = "editor"
MAX_NAME = 100
MIN_PASSWORD = 8  # the same minimum as `bantin hash-password`


class NotAuthenticated(Exception):
    """Raised by the ``require_editor`` dependency; the app answers with a redirect or 401."""


@dataclass(frozen=True)
class Credential:
    kind: str  # "plain" | "argon2"
    value: str

    @property
    def fingerprint(self) -> str:
        key = settings().secret_key.encode()
        return hmac.new(key, f"{self.kind}:{self.value}".encode(), hashlib.sha256).hexdigest()[:24]


def configured_credential() -> Credential | None:
    """The editor credential in force, or None when none is configured (nobody can log in)."""
    plain = settings().editor_password
    if plain:
        return Credential("plain", plain)
    hashed = str(settings()["web"].get("editor_password_hash") or "").strip()
    if hashed:
        return Credential("argon2", hashed)
    return None


def check_configured_password() -> None:
    """ConfigError when BANTIN_EDITOR_PASSWORD is shorter than MIN_PASSWORD characters."""
    plain = settings().editor_password
    if plain is not None and len(plain) < MIN_PASSWORD:
        raise ConfigError(f"BANTIN_EDITOR_PASSWORD is too short: use at least {MIN_PASSWORD} characters")


def check_password(candidate: str, credential: Credential | None = None) -> bool:
    """True when ``candidate`` is the editor password; constant time for the plain password."""
    credential = credential or configured_credential()
    if credential is None or not candidate:
        return False
    if credential.kind == "plain":
        key = settings().secret_key.encode()
        given = hmac.new(key, candidate.encode(), hashlib.sha256).digest()
        wanted = hmac.new(key, credential.value.encode(), hashlib.sha256).digest()
        return hmac.compare_digest(given, wanted)
    try:
        return PasswordHasher().verify(credential.value, candidate)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def hash_password(password: str) -> str:
    """An argon2id hash for settings()["web"]["editor_password_hash"]."""
    return PasswordHasher().hash(password)


class LoginLimiter:
    """At most ``per_minute`` login attempts per client address in any sliding 60 s window."""

    def __init__(self, per_minute: int, window: float = 60.0) -> None:
        self.per_minute = max(1, int(per_minute))
        self.window = window
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def hit(self, client: str, now: float | None = None) -> float:
        """Record an attempt; 0 when allowed, else the seconds to wait before the next one."""
        now = time.monotonic() if now is None else now
        with self._lock:
            hits = self._hits.setdefault(client, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) >= self.per_minute:
                return max(1.0, hits[0] + self.window - now)
            hits.append(now)
            if len(self._hits) > 10_000:  # never grow without bound under a spray of addresses
                for key in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.window]:
                    del self._hits[key]
            return 0.0


def client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def editor_name(raw: str | None) -> str:
    """The name recorded in the history: cleaned, bounded, 'editor' when blank."""
    name = clean_line(raw)[:MAX_NAME]
    return name or DEFAULT_EDITOR


def _session_hours() -> float:
    return float(settings()["web"].get("session_hours", 12))


def _row_id(sid: str) -> str:
    """The row key for a cookie's session id: a leaked table does not yield live cookies."""
    return hashlib.sha256(sid.encode()).hexdigest()


def _engine(request: Request):  # type: ignore[no-untyped-def]
    return request.app.state.engine


class NotAllowed(Exception):
    """Raised by ``require_admin`` for an editor without the admin role."""


def log_in(request: Request, name: str, account: Any = None) -> None:
    """Start a fresh session (new id, new CSRF token) for ``name`` - a named
    ``digest.web.accounts.Account`` when given, else the shared password's bootstrap admin:
    never reuse a pre-login session."""
    if account is not None:
        who, fingerprint, role = account.name, account.fingerprint, account.role
    else:
        credential = configured_credential()
        who, role = editor_name(name), "admin"
        fingerprint = credential.fingerprint if credential else ""
    sid = secrets.token_urlsafe(32)
    now = utcnow()
    with DbSession(_engine(request)) as db:
        db.add(WebSession(id=_row_id(sid), account=who, credential=fingerprint,
                          created_at=now, last_seen_at=now,
                          expires_at=now + timedelta(hours=_session_hours())))
        db.commit()
    request.session.clear()
    request.session.update({"sid": sid, "csrf": secrets.token_urlsafe(32),
                            "since": int(time.time()), "named": account is not None})
    request.scope["_user"] = (who, role)


def log_out(request: Request) -> None:
    """End the session on the server (its cookie, kept anywhere, no longer works) and forget it."""
    sid = request.session.get("sid")
    if isinstance(sid, str) and sid:
        end_sessions(_engine(request), row_id=_row_id(sid))
    request.session.clear()
    request.scope["_user"] = None


def end_sessions(engine, row_id: str | None = None, account: str | None = None) -> int:  # type: ignore[no-untyped-def]
    """Delete one session (``row_id``), an account's sessions, or all of them, plus any expired
    ones; returns how many rows went."""
    stmt = delete(WebSession)
    if row_id is not None:
        stmt = stmt.where(or_(col(WebSession.id) == row_id, col(WebSession.expires_at) <= utcnow()))
    elif account is not None:
        stmt = stmt.where(or_(col(WebSession.account) == account,
                              col(WebSession.expires_at) <= utcnow()))
    with engine.begin() as conn:
        return int(conn.execute(stmt).rowcount or 0)


def current_user(request: Request) -> tuple[str, str] | None:
    """(name, role) of the logged-in editor, or None: no session, its row is gone (logged out),
    expired, its account was removed, or it was opened with a password no longer in force.
    Looked up once per request."""
    if "_user" in request.scope:
        return request.scope["_user"]  # type: ignore[no-any-return]
    sid = request.session.get("sid")
    user: tuple[str, str] | None = None
    if isinstance(sid, str) and sid:
        now = utcnow()
        with DbSession(_engine(request)) as db:
            row = db.get(WebSession, _row_id(sid))
            if row is not None:
                expected, role = _credential_of(db, row.account, bool(request.session.get("named")))
                valid = (expected is not None and row.expires_at > now
                         and hmac.compare_digest(row.credential, expected))
                if not valid:
                    db.delete(row)
                    db.commit()
                else:
                    user = (row.account, role)
                    if (now - row.last_seen_at).total_seconds() > 60:  # not a write per click
                        row.last_seen_at = now
                        db.add(row)
                        db.commit()
    request.scope["_user"] = user
    return user


def _credential_of(db: DbSession, name: str, named: bool) -> tuple[str | None, str]:
    """The fingerprint a session of ``name`` must carry to be valid, and the role it grants."""
    if named:
        account = find(db, name)
        return (account.fingerprint, account.role) if account is not None else (None, "")
    credential = configured_credential()
    return (credential.fingerprint if credential else None), "admin"


def current_editor(request: Request) -> str | None:
    """The logged-in editor's name, or None."""
    user = current_user(request)
    return user[0] if user else None


def require_editor(request: Request) -> str:
    """FastAPI dependency: the editor's name, or NotAuthenticated."""
    name = current_editor(request)
    if name is None:
        raise NotAuthenticated()
    return name


def require_admin(request: Request) -> str:
    """FastAPI dependency for sources, mail and subscribers: an admin's name."""
    user = current_user(request)
    if user is None:
        raise NotAuthenticated()
    if user[1] != "admin":
        raise NotAllowed()
    return user[0]
