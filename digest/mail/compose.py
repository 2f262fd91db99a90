"""Build the e-mails: the bulletin (text + CSS-inlined HTML alternative) and the opt-in message.

The bulletin is rendered once per send (``BulletinMail``): only the unsubscribe link differs
between subscribers, so the bodies are rendered and CSS-inlined once with a placeholder and each
message substitutes its own signed link. Memory and CPU per message stay flat.
"""

from __future__ import annotations

import base64
import email
import email.policy
import hashlib
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime, parseaddr
from functools import lru_cache
from html import escape
from typing import Any

import css_inline
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from digest.bulletin.doc import BulletinDoc
from digest.bulletin.identity import archive_url, bulletin_page_url, logo_file, palette, readers_url
from digest.bulletin.render import safe_url
from digest.config import settings, templates_dir
from digest.mail.address import delivery_address
from digest.mail.tokens import confirm_url, unsubscribe_url
from digest.text import utcnow

# 7bit transfer encodings for bodies (quoted-printable or base64, whichever is shorter), so the
# message survives any relay, 8BITMIME or not. SMTPUTF8 messages may carry UTF-8 headers.
POLICY = email.policy.SMTP.clone(cte_type="7bit")
POLICY_UTF8 = email.policy.SMTPUTF8.clone(cte_type="7bit")
_PLACEHOLDER = "BANTIN-UNSUBSCRIBE-URL-PLACEHOLDER"


@lru_cache(maxsize=4)
def _env(root: str) -> Environment:
    env = Environment(
        loader=FileSystemLoader(root),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["safe_url"] = safe_url  # only http(s) links reach a reader's mail app
    return env


def email_env() -> Environment:
    """Jinja environment over templates/email (HTML autoescaped, text not)."""
    return _env(str(templates_dir() / "email"))


def sender() -> tuple[str, str]:
    """(From header value, envelope sender address) from ``[mail] from_addr``."""
    from_addr = str(settings()["mail"]["from_addr"])
    return from_addr, parseaddr(from_addr)[1] or from_addr


def _domain() -> str:
    addr = sender()[1]
    return addr.rsplit("@", 1)[1] if "@" in addr else "localhost"


def list_name() -> str:
    return str(settings()["general"]["bulletin_title"])


def message_id(bulletin_id: int, day: Any, subscriber_id: int) -> str:
    """Stable per (bulletin, subscriber): a re-sent copy carries the same id, so mail systems that
    de-duplicate by Message-ID show one message."""
    tag = hashlib.sha1(f"{bulletin_id}:{day}:{subscriber_id}".encode()).hexdigest()[:10]
    return f"<bantin.{day}.b{bulletin_id}.s{subscriber_id}.{tag}@{_domain()}>"


def inline_css(html: str) -> str:
    """Move <style> rules into style="" attributes (Gmail and Outlook drop <style> blocks)."""
    # @media rules (dark mode) cannot be inlined: they stay in a <style> for the apps that read it
    inliner = css_inline.CSSInliner(keep_style_tags=False, keep_at_rules=True, load_remote_stylesheets=False)
    return inliner.inline(html)


def render_bodies(doc: BulletinDoc, unsubscribe: str = _PLACEHOLDER) -> tuple[str, str]:
    """(text, CSS-inlined HTML) of the bulletin e-mail with the given unsubscribe link."""
    env = email_env()
    site = readers_url()
    logo = logo_file()
    context = {
        "doc": doc,
        "c": palette(),
        # every link but unsubscribe goes to the readers' site, never to the editors' app
        "web_url": site + bulletin_page_url(doc.date),
        "archive_url": archive_url(),
        # mail apps do not show SVG: a raster logo only
        "logo_url": site + "assets/logo" + logo.suffix if logo.suffix.lower() in (".png", ".jpg", ".jpeg", ".gif") else "",
        "list_name": list_name(),
        "unsubscribe_url": unsubscribe,
    }
    text = env.get_template("bulletin.txt").render(context)
    html = inline_css(env.get_template("bulletin.html").render(context))
    return text, html


def _base_headers(msg: EmailMessage, subject: str, to_addr: str) -> None:
    from_header, _ = sender()
    msg["Subject"] = subject
    msg["From"] = from_header
    msg["To"] = to_addr
    reply_to = str(settings()["mail"].get("reply_to") or "")
    if reply_to:
        msg["Reply-To"] = reply_to
    msg["Date"] = format_datetime(utcnow())


def _new_message(to_addr: str) -> EmailMessage:
    return EmailMessage(policy=POLICY if to_addr.isascii() else POLICY_UTF8)


class BulletinMail:
    """A published bulletin ready to be addressed: ``.raw(...)`` / ``.message(...)`` per subscriber.

    The standard library's header machinery costs tens of milliseconds per message, which
    would dominate a 100,000-subscriber send. So the parts that are the same for everyone (the
    encoded Subject/From/List-Id headers, the rendered and CSS-inlined bodies) are prepared once
    with the ``email`` package, and each message is assembled from them: its own To, Date,
    Message-ID and List-Unsubscribe headers, and the two bodies with its own unsubscribe link,
    base64-encoded (7-bit safe through any relay). ``message()`` parses the result back into an
    ``EmailMessage`` for callers that want one; tests check that both agree.
    """

    def __init__(self, doc: BulletinDoc, bulletin_id: int) -> None:
        self.doc = doc
        self.bulletin_id = bulletin_id
        self.subject = doc.title
        self._text, self._html = render_bodies(doc)
        self.list_id = str(settings()["mail"]["list_id"])
        self._boundary = f"=_bantin_{hashlib.sha1(f'{bulletin_id}:{doc.date}'.encode()).hexdigest()[:16]}"
        common = EmailMessage(policy=POLICY)
        from_header, _ = sender()
        common["Subject"] = self.subject
        common["From"] = from_header
        reply_to = str(settings()["mail"].get("reply_to") or "")
        if reply_to:
            common["Reply-To"] = reply_to
        common["List-Id"] = self.list_id
        common["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
        common["Auto-Submitted"] = "auto-generated"
        common["Precedence"] = "bulk"
        common["MIME-Version"] = "1.0"
        common["Content-Type"] = f'multipart/alternative; boundary="{self._boundary}"'
        # The header block only: everything before the blank line.
        self._common = common.as_bytes(policy=POLICY).split(b"\r\n\r\n", 1)[0] + b"\r\n"
        self._parts = [_SplitBody(self._text, escape_url=False), _SplitBody(self._html, escape_url=True)]

    def message_id_for(self, subscriber_id: int) -> str:
        return message_id(self.bulletin_id, self.doc.date.isoformat(), subscriber_id)

    def raw(self, subscriber_id: int, email_key: str, to_addr: str, date: datetime | None = None) -> bytes:
        """The complete message for one subscriber as bytes (CRLF line ends), with RFC 8058
        one-click unsubscribe headers and a visible unsubscribe link in both bodies."""
        unsub = unsubscribe_url(subscriber_id, email_key)
        head = (
            f"To: {to_addr}\r\n"
            f"Date: {format_datetime(date or utcnow())}\r\n"
            f"Message-ID: {self.message_id_for(subscriber_id)}\r\n"
            f"List-Unsubscribe: <{unsub}>\r\n"
        ).encode()
        boundary = self._boundary.encode()
        parts = [head, self._common, b"\r\n"]
        for subtype, body in zip(("plain", "html"), self._parts, strict=False):
            parts += [
                b"--", boundary, b"\r\n",
                f'Content-Type: text/{subtype}; charset="utf-8"\r\n'.encode(),
                b"Content-Transfer-Encoding: base64\r\n\r\n",
                *body.encoded(unsub),
            ]
        parts += [b"--", boundary, b"--\r\n"]
        return b"".join(parts)

    def message(self, subscriber_id: int, email_key: str, to_addr: str,
                date: datetime | None = None) -> EmailMessage:
        """``raw()`` parsed into an EmailMessage."""
        parsed = email.message_from_bytes(self.raw(subscriber_id, email_key, to_addr, date),
                                          policy=email.policy.default)
        return parsed  # type: ignore[return-value]


def _b64_lines(data: bytes) -> bytes:
    """Base64 in 76-character CRLF lines (each line encodes exactly 57 input bytes)."""
    return base64.encodebytes(data).replace(b"\n", b"\r\n")


class _SplitBody:
    """A body whose only per-subscriber part is the unsubscribe link near its end.

    Everything before the link, cut at a multiple of 57 bytes, is base64-encoded once; each
    message encodes only the short remainder. Because base64 lines of 57 input bytes are
    independent, the concatenation is exactly the encoding of the whole body.
    """

    def __init__(self, template: str, escape_url: bool) -> None:
        head, sep, tail = template.partition(_PLACEHOLDER)
        data = head.encode("utf-8")
        cut = len(data) // 57 * 57
        self._head = _b64_lines(data[:cut])
        self._rest = data[cut:]
        self._tail = sep + tail
        self._escape = escape_url

    def encoded(self, url: str) -> tuple[bytes, bytes]:
        link = escape(url) if self._escape else url
        return self._head, _b64_lines(self._rest + self._tail.replace(_PLACEHOLDER, link).encode("utf-8"))


def confirmation_message(sub: Any) -> EmailMessage:
    """The double opt-in message with its signed, expiring link (``sub``: a Subscriber row)."""
    env = email_env()
    link = confirm_url(sub.id, sub.email)
    context = {
        "email": sub.display_email,
        "confirm_url": link,
        "ttl_hours": int(float(settings()["mail"]["confirm_ttl_hours"])),
        "list_name": list_name(),
        "publisher": str(settings()["general"]["publisher"]),
        "c": palette(),
    }
    to_addr = delivery_address(sub)
    msg = _new_message(to_addr)
    _base_headers(msg, f"Xác nhận đăng ký nhận {list_name()}", to_addr)
    msg["Message-ID"] = f"<bantin.confirm.s{sub.id}.{utcnow().timestamp():.0f}@{_domain()}>"
    msg["Auto-Submitted"] = "auto-generated"
    msg.set_content(env.get_template("confirm.txt").render(context), subtype="plain", charset="utf-8")
    msg.add_alternative(inline_css(env.get_template("confirm.html").render(context)), subtype="html",
                        charset="utf-8")
    return msg


def as_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=msg.policy)

