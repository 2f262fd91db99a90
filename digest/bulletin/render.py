"""Render a ``BulletinDoc`` with the Jinja templates in ``templates/`` (``config.templates_dir()``).

HTML is autoescaped: text from sources never becomes live markup; Markdown escapes HTML and
Markdown syntax (``md`` filter); links from sources must be http(s) (``safe_url``), so a
``javascript:`` URL in a crawled page is dropped. Templates receive only the document.

``render_html(doc)`` is a standalone page (CSS and the A- A A+ script inlined, no external
asset); ``render_html(doc, standalone=False)`` is the ``<article class="bantin">`` fragment
for pages that bring ``templates/static/bulletin.css`` and ``bulletin.js`` themselves
(``static_files()``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from digest.bulletin.doc import BulletinDoc
from digest.bulletin.identity import archive_url, css_variables
from digest.config import templates_dir
from digest.errors import InvalidInput

FORMATS = ("json", "html", "md", "txt")
EXTENSIONS = {"json": "json", "html": "html", "md": "md", "txt": "txt"}


@dataclass
class OtherBulletin:
    """A link in the footer's "Các tin khác" list."""

    title: str
    url: str


def safe_url(value: str | None, relative: bool = False) -> str:
    """``value`` if it is an absolute http(s) URL (or, with ``relative``, a relative link);
    otherwise "" so templates print no link at all."""
    if not value:
        return ""
    url = value.strip()
    if any(ch in url for ch in "\x00\r\n\t") or url != url.strip():
        return ""
    parts = urlsplit(url)
    if parts.scheme in ("http", "https") and parts.netloc:
        return url
    if relative and not parts.scheme and not parts.netloc and not url.startswith("//"):
        return url
    return ""


_MD_SPECIAL = re.compile(r"([\\`*_\[\]{}|])")
_MD_LINE_START = re.compile(r"^(\s*)([#>+\-=])", re.MULTILINE)
_MD_ORDERED = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


def md_escape(value: Any) -> str:
    """Text safe to put in Markdown: HTML tags and entities are neutralised, Markdown syntax
    characters backslash-escaped, so it renders exactly as written and never as markup."""
    text = "" if value is None else str(value)
    text = _ENTITY_LIKE.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    text = _MD_SPECIAL.sub(r"\\\1", text)
    text = _MD_ORDERED.sub(r"\1\\\2", text)
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)


def _autoescape(name: str | None) -> bool:
    # HTML (and unnamed string templates) always escape; .md.j2/.txt.j2 escape their own way.
    return name is None or not name.endswith((".md.j2", ".txt.j2"))


@lru_cache(maxsize=4)
def _environment(root: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root),
        autoescape=_autoescape,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["safe_url"] = safe_url
    env.filters["md"] = md_escape
    return env


def environment() -> jinja2.Environment:
    """The Jinja environment over ``templates/`` (cached per templates folder)."""
    return _environment(str(templates_dir()))


def static_files() -> dict[str, Path]:
    """The bulletin's own CSS and JS (for pages that link them instead of inlining)."""
    static = templates_dir() / "static"
    return {"bulletin.css": static / "bulletin.css", "bulletin.js": static / "bulletin.js"}


def _context(doc: BulletinDoc, others: Iterable[OtherBulletin] | None, others_url: str | None
             ) -> dict[str, Any]:
    if others_url is None:
        others_url = safe_url(archive_url())
    return {"doc": doc, "others": list(others or []), "others_url": safe_url(others_url, relative=True)}


def render_html(doc: BulletinDoc, standalone: bool = True, *, others: Iterable[OtherBulletin] | None = None,
                others_url: str | None = None) -> str:
    """HTML of the bulletin: a whole page (``standalone``) or the embeddable fragment.
    ``others`` fills the footer's "Các tin khác" list; ``others_url`` (default: the readers'
    site's archive, ``[site] url`` + "luu-tru/") is where its heading links."""
    env = environment()
    ctx = _context(doc, others, others_url)
    if not standalone:
        return env.get_template("_bulletin.html").render(ctx)
    files = static_files()
    # Our own files, inlined verbatim: the page works from a file:// path or an e-mail.
    ctx["css"] = Markup(css_variables() + files["bulletin.css"].read_text(encoding="utf-8"))
    ctx["js"] = Markup(files["bulletin.js"].read_text(encoding="utf-8"))
    return env.get_template("bulletin.html").render(ctx)


def render_markdown(doc: BulletinDoc, *, others: Iterable[OtherBulletin] | None = None,
                    others_url: str | None = None) -> str:
    """Markdown of the bulletin (same anatomy as the HTML; source text escaped)."""
    return _tidy(environment().get_template("bulletin.md.j2").render(_context(doc, others, others_url)))


def render_text(doc: BulletinDoc) -> str:
    """Plain text in the reference's order: title, stamp, numbered contents, body, publisher."""
    return _tidy(environment().get_template("bulletin.txt.j2").render(_context(doc, None, "")))


def render_json(doc: BulletinDoc) -> str:
    """The FORMAT.md JSON, UTF-8 (not \\u-escaped), 2-space indent."""
    return json.dumps(doc.to_json(), ensure_ascii=False, indent=2) + "\n"


def _tidy(text: str) -> str:
    # Templates stay readable with loops on their own lines; the output gets single blank lines.
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def export(doc: BulletinDoc, fmt: str) -> str:
    """The bulletin in one of ``FORMATS`` (json, html, md, txt)."""
    fmt = (fmt or "").lower()
    if fmt == "json":
        return render_json(doc)
    if fmt == "html":
        return render_html(doc)
    if fmt in ("md", "markdown"):
        return render_markdown(doc)
    if fmt in ("txt", "text"):
        return render_text(doc)
    raise InvalidInput(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
