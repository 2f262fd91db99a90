"""Editor authentication: named accounts, the shared bootstrap password, login rate limiting,
session helpers.

Named accounts (``bantin editors add``, ``digest.web.accounts``) log in with their own name and
password; their session remembers a fingerprint of the account's hash, so removing the account
or changing its password ends its sessions. The shared password - BANTIN_EDITOR_PASSWORD
(settings().editor_password) or an argon2 hash in settings()["web"]["editor_password_hash"] -
still works as a bootstrap admin under any name that is not an account's, so a fresh install
can be reached before the first account exists. Plain passwords are compared in constant time
(HMAC digests of both sides, so neither content nor length leaks through timing); changing the
shared password logs its sessions out.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from starlette.requests import Request

from digest.config import settings
from digest.store.db import session_scope
from digest.text import clean_line
from digest.web.accounts import find

DEFAULT_EDITOR = "editor"
MAX_NAME = 100


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


class NotAllowed(Exception):
    """Raised by ``require_admin`` for an editor without the admin role."""


def log_in(request: Request, name: str, account: Any = None) -> None:
    """Start a fresh session (new CSRF token) for ``name`` - a named ``digest.web.accounts.Account``
    when given, else the shared password's bootstrap admin: never reuse a pre-login session."""
    credential = configured_credential()
    request.session.clear()
    data: dict[str, Any] = {"csrf": secrets.token_urlsafe(32), "since": int(time.time())}
    if account is not None:
        data.update({"editor": account.name, "account": account.fingerprint, "role": account.role})
    else:
        data.update({"editor": editor_name(name), "cred": credential.fingerprint if credential else "",
                     "role": "admin"})
    request.session.update(data)
    request.state.user = None


def log_out(request: Request) -> None:
    request.session.clear()


def current_user(request: Request) -> tuple[str, str] | None:
    """(name, role) of the logged-in editor, or None: no session, the account was removed or
    its password changed, or the shared password changed. Looked up once per request."""
    cached = getattr(request.state, "user", None)
    if cached is not None:
        return cached or None
    user = _session_user(request)
    request.state.user = user or ()
    return user


def _session_user(request: Request) -> tuple[str, str] | None:
    session = request.session
    name = session.get("editor")
    if not name:
        return None
    if session.get("account"):
        with session_scope(request.app.state.engine) as db:
            account = find(db, str(name))
        if account is None or not hmac.compare_digest(str(session["account"]), account.fingerprint):
            return None
        return account.name, account.role
    credential = configured_credential()
    if credential is None or not hmac.compare_digest(str(session.get("cred", "")), credential.fingerprint):
        return None
    return str(name), "admin"


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
