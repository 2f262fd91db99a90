"""Feed parsing (RSS 0.9x/1.0/2.0, Atom) with feedparser, reduced to what the crawl needs.

``parse_feed`` never raises: a malformed ("bozo") feed that still yields entries is used and
flagged; one that yields none is reported as broken with the parser's reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from digest.ingest.dates import Order, infer_order, parse_many
from digest.text import clean_line, clean_text, utcnow

_HTML_PAGE = re.compile(rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<!doctype\s+html|^\s*<html[\s>]", re.I | re.S)

@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str
    summary: str | None
    published_at: datetime | None  # aware; Vietnam time when the feed gives no offset
    guid: str | None = None


@dataclass(frozen=True)
class DateFailure:
    """An item whose date string could not be read (counted per source as ``bad_date``)."""

    link: str
    raw: str
    reason: str


@dataclass
class ParsedFeed:
    entries: list[FeedEntry] = field(default_factory=list)
    bozo: bool = False  # malformed XML (entries may still be usable)
    error: str | None = None  # the parser's complaint when bozo
    is_feed: bool = True  # False when the body is no feed at all (HTML page, empty, binary)
    date_failures: list[DateFailure] = field(default_factory=list)
    date_order: Order | None = None  # the day/month order used for numeric dates

    @property
    def newest(self) -> datetime | None:
        dates = [e.published_at for e in self.entries if e.published_at]
        return max(dates) if dates else None


def _link(entry: Any, base: str) -> str | None:
    link = entry.get("link")
    if not link:
        for item in entry.get("links") or []:
            if item.get("rel", "alternate") == "alternate" and item.get("href"):
                link = item["href"]
                break
    if not link:
        guid = entry.get("id")
        if guid and guid.startswith(("http://", "https://")) and entry.get("guidislink", True):
            link = guid
    if not link or not isinstance(link, str):
        return None
    link = urljoin(base, link.strip())
    return link if link.startswith(("http://", "https://")) else None


# Complaints about headers or declared charsets, not about the XML: not worth flagging.
_BENIGN = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)


def _raw_date(entry: Any) -> str | None:
    """The item's date as the outlet wrote it (feedparser's own reading is not used: it takes
    "+07" for seven minutes and drops month-first .NET dates)."""
    for key in ("published", "updated", "dc_date", "created"):
        value = entry.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def parse_feed(body: bytes | str, url: str = "", max_items: int | None = None,
               content_type: str | None = None, date_order: Order | None = None,
               fetched_at: datetime | None = None,
               fallback_order: Order | None = None) -> ParsedFeed:
    """Entries of a feed body (in the feed's order). Never raises.

    Numeric dates use ``date_order`` (the source's configured day/month order), else the order
    the feed's unambiguous items show, else ``fallback_order`` (what another feed of the same
    source showed); no entry is dated after ``fetched_at`` (default now).
    Date strings that cannot be read leave the entry undated and are listed in
    ``date_failures``."""
    try:
        if isinstance(body, str):
            body = body.encode("utf-8", "replace")
        if not body or not body.strip():
            return ParsedFeed(bozo=True, error="empty body", is_feed=False)
        headers = {"content-location": url} if url else {}
        headers["content-type"] = content_type or "application/xml"
        data = feedparser.parse(body, response_headers=headers)
        version = data.get("version") or ""
        bozo = bool(data.get("bozo")) and not isinstance(data.get("bozo_exception"), _BENIGN)
        error = str(data.get("bozo_exception") or "") or None if bozo else None
        items: list[tuple[str, Any]] = []
        seen: set[str] = set()
        for raw in data.get("entries") or []:
            link = _link(raw, url)
            if not link or link in seen:
                continue
            seen.add(link)
            items.append((link, raw))
            if max_items and len(items) >= max_items:
                break
        raws = [_raw_date(raw) for _, raw in items]
        order = date_order or infer_order(raws) or fallback_order
        dates, failures = parse_many(raws, order, fetched_at or utcnow())
        entries = [
            FeedEntry(link=link, title=clean_line(raw.get("title")),
                      summary=clean_text(_strip_tags(raw.get("summary") or "")) or None,
                      published_at=published, guid=raw.get("id") or None)
            for (link, raw), published in zip(items, dates, strict=False)
        ]
        is_feed = bool(version) or bool(entries)
        if not is_feed and _HTML_PAGE.match(body[:512]):
            # the usual case: the feed moved and the old address now serves a web page
            error = "an HTML page, not a feed (did the feed move? bantin sources check names moves)"
        elif not is_feed and not error:
            error = "not a feed (no RSS/Atom root element)"
        return ParsedFeed(entries=entries, bozo=bozo or not is_feed, error=error, is_feed=is_feed,
                          date_failures=[DateFailure(items[i][0], text, reason)
                                         for i, text, reason in failures],
                          date_order=order)
    except Exception as exc:  # feedparser is robust, but a crawl must never die on one feed
        return ParsedFeed(bozo=True, error=f"{type(exc).__name__}: {exc}", is_feed=False)


def _strip_tags(html: str) -> str:
    """Feed summaries often carry an <img> and a link: keep the words only."""
    if "<" not in html:
        return html
    try:
        import lxml.html

        return lxml.html.fromstring(f"<div>{html}</div>").text_content()
    except Exception:  # a summary that lxml cannot read is not worth failing a feed over
        return ""
