"""Feed parsing (RSS 0.9x/1.0/2.0, Atom) with feedparser, reduced to what the crawl needs.

``parse_feed`` never raises: a malformed ("bozo") feed that still yields entries is used and
flagged; one that yields none is reported as broken with the parser's reason.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any
from urllib.parse import urljoin

import feedparser

from digest.text import VN_TZ, clean_line, clean_text


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str
    summary: str | None
    published_at: datetime | None  # aware; Vietnam time when the feed gives no offset
    guid: str | None = None


@dataclass
class ParsedFeed:
    entries: list[FeedEntry] = field(default_factory=list)
    bozo: bool = False  # malformed XML (entries may still be usable)
    error: str | None = None  # the parser's complaint when bozo
    is_feed: bool = True  # False when the body is no feed at all (HTML page, empty, binary)

    @property
    def newest(self) -> datetime | None:
        dates = [e.published_at for e in self.entries if e.published_at]
        return max(dates) if dates else None


def _parse_date(raw: str | None, parsed: Any) -> datetime | None:
    """Feed date: the raw string when it parses (a missing offset means Vietnam time, which
    Vietnamese feeds usually intend), else feedparser's normalised UTC tuple."""
    if raw:
        text = raw.strip()
        value: datetime | None = None
        try:
            value = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            try:
                value = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                value = None
        if value is not None:
            if value.tzinfo is None:
                value = value.replace(tzinfo=VN_TZ)
            # RFC 822 "-0000" means "offset unknown": treat like no offset at all.
            elif text.endswith("-0000"):
                value = value.replace(tzinfo=VN_TZ)
            if 1990 <= value.year <= 2100:
                return value
    if parsed:
        try:
            return datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
        except (OverflowError, ValueError, TypeError, OSError):
            return None
    return None


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


def parse_feed(body: bytes | str, url: str = "", max_items: int | None = None,
               content_type: str | None = None) -> ParsedFeed:
    """Entries of a feed body (in the feed's order). Never raises."""
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
        entries: list[FeedEntry] = []
        seen: set[str] = set()
        for raw in data.get("entries") or []:
            link = _link(raw, url)
            if not link or link in seen:
                continue
            seen.add(link)
            summary = clean_text(_strip_tags(raw.get("summary") or "")) or None
            published = _parse_date(
                raw.get("published") or raw.get("updated") or raw.get("dc_date"),
                raw.get("published_parsed") or raw.get("updated_parsed"),
            )
            entries.append(FeedEntry(link=link, title=clean_line(raw.get("title")),
                                     summary=summary, published_at=published,
                                     guid=raw.get("id") or None))
            if max_items and len(entries) >= max_items:
                break
        is_feed = bool(version) or bool(entries)
        if not is_feed and not error:
            error = "not a feed (no RSS/Atom root element)"
        return ParsedFeed(entries=entries, bozo=bozo or not is_feed, error=error, is_feed=is_feed)
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
