"""The transports: an SMTP server (URL parsing, TLS, login, the connection) or, with none
configured, the outbox folder of .eml files; ``send_single`` for one transactional message.
Used by the bulletin run (digest.mail.send) and the opt-in (digest.mail.optin)."""

from __future__ import annotations

import base64
import os
import re
import smtplib
import socket
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from digest.config import settings
from digest.errors import BantinError, ConfigError
from digest.mail.compose import as_bytes, sender
from digest.text import utcnow


class MailError(BantinError):
    """The SMTP server cannot be used (unreachable, refuses our login or our sender address)."""


@dataclass(frozen=True)
class SmtpConfig:
    scheme: str  # smtp | smtps
    host: str
    port: int
    username: str | None = None
    password: str | None = None
    starttls: str = "auto"  # auto | always | never (smtp:// only)
    timeout: float = 60.0

    @property
    def label(self) -> str:
        return f"{self.scheme}://{self.host}:{self.port}"


def parse_smtp_url(url: str, starttls: str | None = None) -> SmtpConfig:
    """``smtp://user:pass@host:port`` or ``smtps://...``; STARTTLS from ``[mail] starttls``."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ("smtp", "smtps"):
        raise ConfigError(f"BANTIN_SMTP_URL must start with smtp:// or smtps://, not {url.split(':', 1)[0]!r}")
    if not parts.hostname:
        raise ConfigError("BANTIN_SMTP_URL has no host (example: smtp://127.0.0.1:1025)")
    mode = (starttls or settings().value("mail", "starttls", str)).lower()
    if mode not in ("auto", "always", "never"):
        raise ConfigError(f"[mail] starttls must be auto, always or never, not {mode!r}")
    try:
        port = parts.port or (465 if scheme == "smtps" else 25)
    except ValueError as exc:
        raise ConfigError(f"BANTIN_SMTP_URL has a bad port: {exc}") from exc
    return SmtpConfig(
        scheme=scheme, host=parts.hostname, port=port,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        starttls=mode,
    )


def _login(smtp: smtplib.SMTP, username: str, password: str) -> None:
    """AUTH with smtplib, except for non-ASCII credentials (which smtplib cannot encode): those
    go as AUTH PLAIN in UTF-8 (RFC 4616)."""
    if username.isascii() and password.isascii():
        smtp.login(username, password)
        return
    if "plain" not in smtp.esmtp_features.get("auth", "").lower().split():
        raise MailError("the SMTP user name or password is not ASCII, which needs AUTH PLAIN;"
                        " the server does not offer it")
    token = base64.b64encode(b"\0" + username.encode() + b"\0" + password.encode()).decode()
    code, text = smtp.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, text)


@lru_cache(maxsize=1)
def _tls_context() -> ssl.SSLContext:
    """Verifying TLS context, built once (loading the CA store costs ~0.1 s per build)."""
    return ssl.create_default_context()


def smtp_connect(cfg: SmtpConfig) -> smtplib.SMTP:
    """An open, greeted (and if configured, TLS-secured and logged-in) SMTP connection."""
    try:
        if cfg.scheme == "smtps":
            smtp: smtplib.SMTP = smtplib.SMTP_SSL(cfg.host, cfg.port, timeout=cfg.timeout,
                                                  context=_tls_context())
        else:
            smtp = smtplib.SMTP(cfg.host, cfg.port, timeout=cfg.timeout)
        # Without TCP_NODELAY the last partial segment of each message waits for the server's
        # delayed ACK (Nagle): about 40 ms lost per message on every connection.
        if smtp.sock is not None:
            smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        smtp.ehlo()
        secured = cfg.scheme == "smtps"
        if cfg.scheme == "smtp" and cfg.starttls != "never":
            if smtp.has_extn("starttls"):
                smtp.starttls(context=_tls_context())
                smtp.ehlo()
                secured = True
            elif cfg.starttls == "always":
                smtp.close()
                raise MailError(f"{cfg.label} does not offer STARTTLS and [mail] starttls = \"always\"")
        if cfg.username and not secured and cfg.starttls != "never":
            # "auto" only means "use TLS when offered": the password itself never goes out in
            # clear unless the operator said so explicitly (starttls = "never").
            smtp.close()
            raise MailError(f"{cfg.label} offers no STARTTLS: refusing to send the SMTP password"
                            " in clear (use smtps://, or set [mail] starttls = \"never\" for a"
                            " trusted network)")
        if cfg.username:
            _login(smtp, cfg.username, cfg.password or "")
    except smtplib.SMTPAuthenticationError as exc:
        raise MailError(f"{cfg.label} refused the login: {exc.smtp_code} {_text(exc.smtp_error)}") from exc
    except (OSError, smtplib.SMTPException) as exc:
        raise MailError(f"cannot reach the SMTP server {cfg.label}: {exc}") from exc
    return smtp


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def outbox_dir() -> Path:
    return settings().data_dir / "outbox"


def write_eml(msg: EmailMessage | bytes, path: Path) -> Path:
    """Write a message atomically (tmp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(msg if isinstance(msg, bytes) else as_bytes(msg))
    os.replace(tmp, path)
    return path


def send_single(msg: EmailMessage | bytes, to_addr: str, name: str, smtp_url: str | None = None) -> str:
    """Send one transactional message (e.g. the opt-in link, or a bulletin's test copy as the
    bytes ``BulletinMail.raw`` made), or write it to the outbox when no SMTP server is
    configured. Returns a one-line description of what happened."""
    url = smtp_url or settings().smtp_url
    if not url:
        stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
        path = write_eml(msg, outbox_dir() / f"{name}-{stamp}.eml")
        return f"no SMTP server configured (BANTIN_SMTP_URL): message written to {path}"
    cfg = parse_smtp_url(url)
    smtp = smtp_connect(cfg)
    try:
        options = ["SMTPUTF8"] if not to_addr.isascii() else []
        payload = msg if isinstance(msg, bytes) else as_bytes(msg)
        smtp.sendmail(sender()[1], [to_addr], payload, mail_options=options)
    except smtplib.SMTPException as exc:
        raise MailError(f"{cfg.label} did not accept the message to {to_addr}: {exc}") from exc
    finally:
        _quit(smtp)
    return f"sent to {to_addr} through {cfg.label}"


_LEADING_DOT = re.compile(rb"(?m)^\.")


def _dot_stuff(payload: bytes) -> bytes:
    """The DATA content as smtplib would send it: CRLF line ends, leading dots doubled, and the
    terminating <CRLF>.<CRLF>."""
    data = payload
    crlf = data.count(b"\r\n")
    if data.count(b"\n") != crlf or data.count(b"\r") != crlf:  # regexes only when needed:
        data = re.sub(rb"(?:\r\n|\n|\r(?!\n))", b"\r\n", data)  # they cost ~3 ms a message
    if data.startswith(b".") or b"\n." in data:
        data = _LEADING_DOT.sub(b"..", data)
    if not data.endswith(b"\r\n"):
        data += b"\r\n"
    return data + b".\r\n"


def _quit(smtp: smtplib.SMTP | None) -> None:
    if smtp is None:
        return
    try:
        smtp.quit()
    except (OSError, smtplib.SMTPException):
        smtp.close()
