"""Where ``bantin bounces`` reads delivery-status notifications from: a Maildir folder or an mbox
file on disk, or a mailbox on a server by URL (``imap://``, ``imaps://``, ``pop3://``,
``pop3s://``, standard library ``imaplib`` / ``poplib``).

Each source yields ``(key, message)`` pairs and is told, through ``recorded(key, is_dsn)``, once
a message's bounces are committed to the database. Only then is the message flagged, moved or
deleted on the server, so a run cut off anywhere loses nothing: what was not yet marked is read
again by the next run, and applying a bounce twice changes nothing (digest.mail.bounces).

After-processing policies (``processed``):

- ``flag`` (IMAP's default): every message read gets the keyword ``$BantinProcessed`` (not
  ``\\Seen``: a person reading the mailbox still sees it unread); runs skip flagged messages.
- ``move:FOLDER`` (IMAP): delivery reports are moved to FOLDER (created when missing); other
  mail gets the keyword and stays.
- ``delete``: delivery reports are deleted (IMAP: ``\\Deleted`` then ``UID EXPUNGE`` of those
  only; POP3's default: ``DELE``, which the server applies at ``QUIT``); other mail stays.
- ``keep`` (files' only policy): nothing changes on the mailbox; re-reading is harmless.

TLS: ``imaps://`` / ``pop3s://`` connect over TLS; for ``imap://`` / ``pop3://`` STARTTLS
follows ``starttls`` (``auto``: when offered, ``always``, ``never``) like the SMTP transport,
and the password never goes out in clear unless ``starttls`` is ``never``. A password may be
left out of the URL and given in ``BANTIN_BOUNCES_PASSWORD`` instead (a URL on the command
line is visible to every user of the machine in ``ps``).
"""

from __future__ import annotations

import email
import email.policy
import imaplib
import mailbox
import os
import poplib
import re
import ssl
from collections.abc import Iterator
from email.message import Message
from pathlib import Path
from types import TracebackType
from urllib.parse import unquote, urlsplit

from digest.errors import BantinError, InvalidInput

KEYWORD = "$BantinProcessed"
SCHEMES = ("imap", "imaps", "pop3", "pop3s")
PASSWORD_ENV = "BANTIN_BOUNCES_PASSWORD"


class MailboxError(BantinError):
    """The mail server cannot be used (unreachable, refuses the login, or a command)."""


class Source:
    """Messages to read, each with a key; what to do with one once its bounces are recorded."""

    label = ""

    def messages(self) -> Iterator[tuple[str, Message]]:
        raise NotImplementedError

    def recorded(self, key: str, dsn: bool) -> None:
        """Called after the message's bounces are committed (``dsn``: it was a delivery report)."""

    def close(self) -> None:
        """End the session; for POP3 this is when the server applies the deletions."""

    def __enter__(self) -> Source:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()


def _parse(raw: bytes) -> Message:
    return email.message_from_bytes(raw, policy=email.policy.compat32)


class FileSource(Source):
    """A Maildir folder or an mbox file, left as it is (policy ``keep``)."""

    def __init__(self, path: Path) -> None:
        if path.is_dir():
            if not (path / "cur").is_dir() and not (path / "new").is_dir():
                raise InvalidInput(f"{path}: not a Maildir folder (no cur/ or new/)")
            self.box: mailbox.Mailbox = mailbox.Maildir(str(path), factory=None, create=False)
        elif path.is_file():
            self.box = mailbox.mbox(str(path), create=False)
        else:
            raise InvalidInput(f"{path}: no such Maildir folder or mbox file")
        self.label = str(path)

    def messages(self) -> Iterator[tuple[str, Message]]:
        for key in self.box.iterkeys():
            yield str(key), _parse(self.box.get_bytes(key))


def _policy(processed: str | None, scheme: str) -> tuple[str, str | None]:
    """(policy, folder) for ``processed`` on a source of ``scheme`` (None: the default)."""
    default = {"imap": "flag", "pop3": "delete", "file": "keep"}[scheme]
    text = (processed or default).strip()
    policy, _, folder = text.partition(":")
    allowed = {"imap": ("flag", "move", "delete"), "pop3": ("delete", "keep"), "file": ("keep",)}[scheme]
    if policy not in allowed:
        where = {"imap": "an IMAP mailbox", "pop3": "a POP3 mailbox", "file": "a Maildir folder or mbox file"}[scheme]
        raise InvalidInput(f"--processed {text!r} does not apply to {where}: use one of "
                           + ", ".join("move:FOLDER" if a == "move" else a for a in allowed))
    if policy == "move":
        if not folder.strip():
            raise InvalidInput("--processed move:FOLDER needs a folder name (example: move:Bounces)")
        return policy, folder.strip()
    return policy, None


def open_source(spec: str, processed: str | None = None, starttls: str = "auto",
                timeout: float = 60.0) -> Source:
    """The source ``spec`` names: a mailbox URL (``imap[s]://user:pass@host:port/MAILBOX``,
    ``pop3[s]://user:pass@host:port``) or a path to a Maildir folder or mbox file."""
    scheme = spec.split("://", 1)[0].lower() if "://" in spec else ""
    if not scheme:
        _policy(processed, "file")
        return FileSource(Path(spec).expanduser())
    if scheme not in SCHEMES:
        raise InvalidInput(f"{spec.split('://', 1)[0]}:// is not a mailbox URL: use imap://, imaps://, pop3:// or pop3s://")
    if starttls not in ("auto", "always", "never"):
        raise InvalidInput(f"starttls must be auto, always or never, not {starttls!r}")
    parts = urlsplit(spec)
    if not parts.hostname:
        raise InvalidInput(f"{scheme}:// URL has no host (example: {scheme}://bounces@127.0.0.1/)")
    if not parts.username:
        raise InvalidInput(f"{scheme}:// URL has no user name (example: {scheme}://bounces@mail.example.vn/)")
    password = unquote(parts.password) if parts.password is not None else os.environ.get(PASSWORD_ENV)
    if password is None:
        raise InvalidInput(f"no password: put it in the URL or in ${PASSWORD_ENV}")
    try:
        port = parts.port
    except ValueError as exc:
        raise InvalidInput(f"bad port in the mailbox URL: {exc}") from exc
    user = unquote(parts.username)
    secure = scheme.endswith("s")
    if scheme.startswith("imap"):
        policy, folder = _policy(processed, "imap")
        name = unquote(parts.path.lstrip("/")) or "INBOX"
        return ImapSource(parts.hostname, port or (993 if secure else 143), user, password, name,
                          secure=secure, starttls=starttls, policy=policy, folder=folder, timeout=timeout)
    if parts.path.strip("/"):
        raise InvalidInput("a POP3 URL names no mailbox: POP3 has only one (drop the path)")
    policy, _ = _policy(processed, "pop3")
    return Pop3Source(parts.hostname, port or (995 if secure else 110), user, password,
                      secure=secure, starttls=starttls, policy=policy, timeout=timeout)


def _tls() -> ssl.SSLContext:
    """A verifying context (the system's CAs, or $SSL_CERT_FILE)."""
    return ssl.create_default_context()


def _refuse_clear(label: str, offered: bool, starttls: str) -> None:
    if starttls == "always" and not offered:
        raise MailboxError(f"{label} does not offer STARTTLS and starttls is \"always\"")
    if not offered and starttls != "never":
        # "auto" means "use TLS when offered": the password never goes out in clear unless
        # the operator said so explicitly.
        raise MailboxError(f"{label} offers no STARTTLS: refusing to send the password in clear"
                           " (use imaps:// or pop3s://, or --starttls never on a trusted network)")


def _imap_quote(name: str) -> str:
    """A mailbox name as an IMAP quoted string (ASCII only: no modified UTF-7 here)."""
    if not name.isascii():
        raise InvalidInput(f"mailbox name {name!r}: use an ASCII name (IMAP folder names outside"
                           " ASCII need modified UTF-7, which this command does not write)")
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ImapSource(Source):
    """One IMAP mailbox; messages not yet marked by an earlier run, oldest first."""

    def __init__(self, host: str, port: int, user: str, password: str, name: str, *, secure: bool,
                 starttls: str, policy: str, folder: str | None, timeout: float) -> None:
        scheme = "imaps" if secure else "imap"
        self.label = f"{scheme}://{host}:{port}/{name}"
        self.policy, self.folder = policy, folder
        self.deleted: list[str] = []  # UIDs marked \\Deleted by this run, expunged at the end
        try:
            if secure:
                self.imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(host, port, ssl_context=_tls(), timeout=timeout)
            else:
                self.imap = imaplib.IMAP4(host, port, timeout=timeout)
                offered = "STARTTLS" in self.imap.capabilities
                if offered and starttls != "never":
                    self.imap.starttls(ssl_context=_tls())
                else:
                    _refuse_clear(self.label, offered, starttls)
            self._login(user, password)
            self.imap.capability()  # the server's capabilities after login (MOVE, UIDPLUS)
            typ, data = self.imap.select(_imap_quote(name))
            if typ != "OK":
                raise MailboxError(f"{self.label}: cannot open the mailbox: {_text(data)}")
            permanent = b" ".join(x for x in self.imap.response("PERMANENTFLAGS")[1] if isinstance(x, bytes))
            if b"\\*" not in permanent and KEYWORD.encode() not in permanent:
                raise MailboxError(f"{self.label} does not keep keywords, so read messages cannot be"
                                   " told apart: use --processed delete or --processed move:FOLDER")
            if folder:
                self.imap.create(_imap_quote(folder))  # NO when it exists already: fine
        except (OSError, imaplib.IMAP4.error) as exc:
            self.close()
            raise MailboxError(f"cannot use {self.label}: {exc}") from exc

    def _login(self, user: str, password: str) -> None:
        """LOGIN, except for non-ASCII credentials (imaplib sends LOGIN in ASCII only): those go
        as AUTHENTICATE PLAIN in UTF-8 (RFC 4616)."""
        if user.isascii() and password.isascii():
            self.imap.login(user, password)
            return
        if "AUTH=PLAIN" not in self.imap.capabilities:
            raise MailboxError(f"{self.label}: the user name or password is not ASCII, which needs"
                               " AUTHENTICATE PLAIN; the server does not offer it")
        token = b"\0" + user.encode() + b"\0" + password.encode()
        self.imap.authenticate("PLAIN", lambda _challenge: token)

    def _ok(self, what: str, result: tuple[str, list[object]]) -> list[object]:
        typ, data = result
        if typ != "OK":
            raise MailboxError(f"{self.label}: {what} failed: {_text(data)}")
        return data

    def messages(self) -> Iterator[tuple[str, Message]]:
        try:
            found = self._ok("SEARCH", self.imap.uid("SEARCH", "UNDELETED", "UNKEYWORD", KEYWORD))
            uids = [u.decode() for u in (found[0] or b"").split()] if isinstance(found[0], bytes) else []
            for uid in uids:
                # BODY.PEEK: reading does not set \Seen
                data = self._ok("FETCH", self.imap.uid("FETCH", uid, "(BODY.PEEK[])"))
                raw = next((part[1] for part in data if isinstance(part, tuple)), None)
                if isinstance(raw, bytes):
                    yield uid, _parse(raw)
        except (OSError, imaplib.IMAP4.error) as exc:
            raise MailboxError(f"{self.label}: {exc}") from exc

    def recorded(self, key: str, dsn: bool) -> None:
        try:
            if dsn and self.policy == "move" and self.folder:
                if "MOVE" in self.imap.capabilities:
                    self._ok("MOVE", self.imap.uid("MOVE", key, _imap_quote(self.folder)))
                    return
                self._ok("COPY", self.imap.uid("COPY", key, _imap_quote(self.folder)))
                self._delete(key)
            elif dsn and self.policy == "delete":
                self._delete(key)
            else:
                self._ok("STORE", self.imap.uid("STORE", key, "+FLAGS.SILENT", f"({KEYWORD})"))
        except (OSError, imaplib.IMAP4.error) as exc:
            raise MailboxError(f"{self.label}: {exc}") from exc

    def _delete(self, key: str) -> None:
        self._ok("STORE", self.imap.uid("STORE", key, "+FLAGS.SILENT", "(\\Deleted)"))
        self.deleted.append(key)

    def close(self) -> None:
        imap = getattr(self, "imap", None)
        if imap is None:
            return
        try:
            if self.deleted and imap.state == "SELECTED":
                if "UIDPLUS" in imap.capabilities:  # only ours, not what others marked \Deleted
                    imap.uid("EXPUNGE", ",".join(self.deleted))
                else:
                    imap.expunge()
            imap.logout()
        except (OSError, imaplib.IMAP4.error):
            pass  # what was not expunged is \Deleted, skipped by the next run's search
        self.imap = None  # type: ignore[assignment]


class Pop3Source(Source):
    """The one POP3 mailbox; delivery reports are deleted (policy ``delete``) or kept."""

    def __init__(self, host: str, port: int, user: str, password: str, *, secure: bool,
                 starttls: str, policy: str, timeout: float) -> None:
        scheme = "pop3s" if secure else "pop3"
        self.label = f"{scheme}://{host}:{port}"
        self.policy = policy
        self.ended = False
        try:
            if secure:
                self.pop: poplib.POP3 = poplib.POP3_SSL(host, port, context=_tls(), timeout=timeout)
            else:
                self.pop = poplib.POP3(host, port, timeout=timeout)
                try:
                    offered = "STLS" in self.pop.capa()
                except poplib.error_proto:
                    offered = False  # no CAPA: no STLS either
                if offered and starttls != "never":
                    self.pop.stls(context=_tls())
                else:
                    _refuse_clear(self.label, offered, starttls)
            self.pop.user(user)  # poplib sends UTF-8
            self.pop.pass_(password)
        except (OSError, poplib.error_proto) as exc:
            self.close()
            raise MailboxError(f"cannot use {self.label}: {_text(exc.args[0] if exc.args else exc)}") from exc

    def messages(self) -> Iterator[tuple[str, Message]]:
        try:
            count, _size = self.pop.stat()
            for number in range(1, count + 1):
                _resp, lines, _octets = self.pop.retr(number)
                yield str(number), _parse(b"\r\n".join(lines) + b"\r\n")
        except (OSError, poplib.error_proto) as exc:
            raise MailboxError(f"{self.label}: {exc}") from exc

    def recorded(self, key: str, dsn: bool) -> None:
        if dsn and self.policy == "delete":
            try:
                self.pop.dele(int(key))  # applied by the server at QUIT only
            except (OSError, poplib.error_proto) as exc:
                raise MailboxError(f"{self.label}: {exc}") from exc

    def close(self) -> None:
        pop = getattr(self, "pop", None)
        if pop is None or self.ended:
            return
        self.ended = True
        try:
            pop.quit()
        except (OSError, poplib.error_proto):
            pop.close()  # no QUIT, no deletion: the next run reads those messages again


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, list):
        return " ".join(_text(v) for v in value)
    return re.sub(r"\s+", " ", str(value))
