"""Bytes -> HTML text: HTTP charset, BOM, ``<meta>`` charset, then detection.

``decode_html(body, content_type)`` never guesses when the server or the page says what the
encoding is, and only falls back to charset-normalizer when neither does. Binary bodies (images,
PDF, archives, anything with NUL bytes) raise :class:`digest.errors.InvalidInput` whose message
starts with ``"binary"``, so the crawl can count them as binary responses rather than as pages
with no article.

Vietnamese specifics:
* ``windows-1258`` (the legacy Vietnamese code page) writes tone marks as combining characters,
  so its output is normalised to NFC; so is any page whose text arrives decomposed.
* ``iso-8859-1``/``latin-1``/``us-ascii`` labels are read as ``windows-1252`` (as browsers do):
  servers mislabel cp1252 pages as latin-1 and the C1 range would otherwise become controls.
* A server or page that names a single-byte code page (latin-1, cp1252, cp1258...) for bytes
  that are valid, non-ASCII UTF-8 is wrong far more often than right (a default Content-Type on
  a UTF-8 site; by chance, legacy text is almost never valid UTF-8), so UTF-8 wins there.
* Bytes that are not UTF-8 under a UTF-8 label (a server default over a legacy windows-1258
  page) are read by the page's own ``<meta>`` charset, else by detection: decoding them as
  UTF-8 would turn every accented letter into U+FFFD, for good.
* A generic latin-1/cp1252 label from the server gives way to a more specific ``<meta>``
  charset (windows-1258 above all): a Vietnamese page is never really written in cp1252.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

from digest.errors import InvalidInput

# Leading bytes of formats that are never HTML.
_MAGIC = (
    b"%PDF", b"\x89PNG", b"GIF87a", b"GIF89a", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b",
    b"BM", b"RIFF", b"\x00\x00\x01\x00", b"OggS", b"ID3", b"fLaC", b"\x7fELF", b"MZ",
    b"Rar!", b"7z\xbc\xaf", b"wOFF", b"wOF2", b"\xd0\xcf\x11\xe0", b"%!PS",
)
_BINARY_TYPES = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip",
                 "application/octet-stream", "application/x-", "application/vnd.", "application/msword")
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.IGNORECASE)
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET = re.compile(
    rb"<meta[^>]+?charset\s*=\s*[\"']?\s*([\w.:-]+)", re.IGNORECASE | re.DOTALL
)
# WHATWG: these labels mean windows-1252 in a browser.
_ALIASES = {
    "iso-8859-1": "windows-1252", "iso8859-1": "windows-1252", "latin1": "windows-1252",
    "latin-1": "windows-1252", "l1": "windows-1252", "us-ascii": "windows-1252",
    "ascii": "windows-1252", "cp819": "windows-1252", "ibm819": "windows-1252",
    "iso_8859-1": "windows-1252", "x-user-defined": "windows-1252",
    "utf8": "utf-8", "unicode-1-1-utf-8": "utf-8", "x-unicode20utf8": "utf-8",
    "cp1258": "windows-1258", "x-cp1258": "windows-1258",
    "tis-620": "windows-874", "iso-8859-11": "windows-874",
    "gb2312": "gb18030", "gbk": "gb18030", "x-gbk": "gb18030",
    # A page cannot really be UTF-16 if its meta tag was readable as ASCII.
    "utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
}
_LATIN1_FAMILY = {"windows-1252"}


def _norm_label(label: str | None) -> str | None:
    """A Python codec name for a charset label, or None when unknown."""
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    label = _ALIASES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return {"cp1252": "windows-1252", "cp1258": "windows-1258"}.get(name, name)


def http_charset(content_type: str | None) -> str | None:
    """The charset named in a Content-Type header value, as a codec name."""
    match = _HTTP_CHARSET.search(content_type or "")
    return _norm_label(match.group(1)) if match else None


def meta_charset(body: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` within its first 4 KB (after comments)."""
    head = re.sub(rb"<!--.*?-->", b"", body[:8192], flags=re.DOTALL)[:4096]
    match = _META_CHARSET.search(head)
    return _norm_label(match.group(1).decode("ascii", "ignore")) if match else None


def is_binary(body: bytes, content_type: str | None = None) -> bool:
    """True for images, PDF, archives and other bodies that are not text."""
    ctype = (content_type or "").split(";")[0].strip().lower()
    if ctype and ctype.startswith(_BINARY_TYPES) and not ctype.endswith(("+xml", "xhtml")):
        return True
    head = body[:1024]
    if head.lstrip().startswith(_MAGIC):
        return True
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return False  # UTF-16/32 text has NUL bytes by design
    return b"\x00" in head


def _finish(text: str, encoding: str) -> str:
    # cp1258 keeps tone marks as separate combining characters; some UTF-8 pages are decomposed too.
    if encoding == "windows-1258" or not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text.replace("\x00", "")


def _decode(body: bytes, encoding: str) -> str:
    return _finish(body.decode(encoding, errors="replace"), encoding)


def _strict_utf8(body: bytes) -> str | None:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mostly_broken(body: bytes) -> bool:
    """For bytes that are not valid UTF-8: whether they are not UTF-8 text at all, as a legacy
    page's are, rather than a UTF-8 page with a stray broken sequence or two (which stays
    UTF-8, its U+FFFD and all)."""
    text = body.decode("utf-8", errors="replace")
    return text.count("\ufffd") > max(2, sum(1 for ch in text if ord(ch) > 127) // 50)


def _by_label(body: bytes, label: str, from_http: bool) -> str:
    """``body`` decoded by its declared ``label``, unless the bytes contradict it (see the
    module docstring). ``from_http``: the label is the server's, so the page's ``<meta>`` may
    correct it. Each body is decoded once, twice only where the label proves wrong."""
    if label == "utf-8" or (_single_byte(label) and not body.isascii()):
        text = _strict_utf8(body)
        if text is not None:
            return _finish(text, "utf-8")
    if label == "utf-8":
        if not _mostly_broken(body):
            return _decode(body, "utf-8")
        page = meta_charset(body) if from_http else None
        return _decode(body, page if page and page != "utf-8" else _detect(body))
    if from_http and label in _LATIN1_FAMILY:
        page = meta_charset(body)
        if page and page not in _LATIN1_FAMILY and page != "utf-8":
            return _decode(body, page)
    return _decode(body, label)


@lru_cache(maxsize=64)
def _single_byte(encoding: str) -> bool:
    """Whether ``encoding`` maps each byte to one character (latin-1, cp125x, koi8...)."""
    if encoding.startswith("utf"):
        return False  # multi-byte; its invalid bytes would each pass as one character below
    try:
        return len(bytes(range(256)).decode(encoding, errors="replace")) == 256
    except LookupError:
        return False


def decode_html(body: bytes | str, content_type: str | None = None) -> str:
    """Decode an HTTP body to text: HTTP charset, then BOM, then ``<meta>``, then detection.

    Raises :class:`InvalidInput` ("binary ...") for binary bodies; never for undecodable bytes
    (those become U+FFFD). A ``str`` is returned as is (already decoded).
    """
    if isinstance(body, str):
        return body
    if not body:
        return ""
    if is_binary(body, content_type):
        raise InvalidInput(f"binary body ({(content_type or 'no content type').split(';')[0]})")
    declared = http_charset(content_type)
    if declared:
        return _by_label(body, declared, from_http=True)
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return _decode(body[len(bom):], encoding)
    declared = meta_charset(body)
    if declared:
        return _by_label(body, declared, from_http=False)
    text = _strict_utf8(body)
    return _finish(text, "utf-8") if text is not None else _decode(body, _detect(body))


def _detect(body: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(body[:200_000]).best()
    encoding = _norm_label(best.encoding) if best is not None else None
    return encoding or "windows-1252"
