"""Finding a portal's articles without per-source configuration: the feeds a home page
announces (``<link rel="alternate" type="application/rss+xml" href=...>``) and sitemaps
(``<urlset>``, ``<sitemapindex>``, Google News ``<news:news>``).

Both never raise on bad input: an unparsable page has no feeds, a body that is no sitemap
gives ``None`` (the crawl then falls back to the next discovery step and says so).
"""

from __future__ import annotations

from datetime import datetime
from urllib.parse import urljoin

import lxml.etree
import lxml.html

from digest.ingest.dates import DateError, parse_date
from digest.ingest.feeds import FeedEntry
from digest.text import clean_line

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml",
              "application/feed+json", "application/xml", "text/xml")


def discover_feeds(html: str, base_url: str) -> list[str]:
    """Absolute URLs of the feeds a page announces, in page order, without duplicates."""
    try:
        root = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return []
    base = root.xpath("string(//base/@href)") or base_url
    found: list[str] = []
    for link in root.xpath("//link[@href]"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in FEED_TYPES:
            url = urljoin(urljoin(base_url, base), link.get("href").strip())
            if url.startswith(("http://", "https://")) and url not in found:
                found.append(url)
    return found


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _text(node: lxml.etree._Element, name: str) -> str | None:
    for child in node.iter():
        if _local(child.tag) == name and child.text and child.text.strip():
            return child.text.strip()
    return None


def parse_sitemap(body: bytes, limit: int = 200) -> tuple[list[str], list[FeedEntry]] | None:
    """(child sitemaps, newest first; article entries, newest first, at most ``limit``), or
    ``None`` when ``body`` is no sitemap. Dates come from ``news:publication_date`` or
    ``lastmod``; titles from ``news:title`` when the sitemap has them."""
    if not body.strip():
        return None
    parser = lxml.etree.XMLParser(recover=True, resolve_entities=False, no_network=True,
                                  huge_tree=False)
    try:
        root = lxml.etree.fromstring(body.strip(), parser)
    except lxml.etree.XMLSyntaxError:
        return None
    if root is None or _local(root.tag) not in ("urlset", "sitemapindex"):
        return None
    dated: list[tuple[datetime | None, str, str]] = []
    entries: list[tuple[datetime | None, FeedEntry]] = []
    for node in root:
        kind = _local(node.tag)
        loc = _text(node, "loc")
        if not loc or not loc.startswith(("http://", "https://")):
            continue
        when_raw = _text(node, "publication_date") or _text(node, "lastmod")
        when = None
        if when_raw:
            try:
                when = parse_date(when_raw)  # W3C datetime: ISO, or a bare day
            except DateError:
                when = None  # an unreadable date only costs the ordering
        if kind == "sitemap":
            dated.append((when, loc, ""))
        elif kind == "url":
            title = clean_line(_text(node, "title") or "")
            entries.append((when, FeedEntry(link=loc, title=title, summary=None,
                                            published_at=when)))
    # newest first, undated last; Python sorts are stable so page order breaks ties
    children = [loc for when, loc, _ in sorted(dated, key=lambda d: (d[0] is None, d[0] and
                                                                     -d[0].timestamp()))]
    entries.sort(key=lambda e: (e[0] is None, e[0] and -e[0].timestamp()))
    return children, [e for _, e in entries[:limit]]
