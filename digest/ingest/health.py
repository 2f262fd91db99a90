"""``bantin sources check``: is each feed alive? One plain GET per feed or listing page.

Real outlets move their feeds without notice and nothing can be checked from the build machine,
so operators need one table: HTTP status, items in the feed, newest item, last successful crawl.
Sequential httpx requests with a short timeout; a dead feed is a row, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx
from rich.table import Table
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from digest.config import settings
from digest.ingest.feeds import parse_feed
from digest.store.models import CrawlRun, CrawlRunSource, FeedState
from digest.ingest.sources import Source
from digest.text import to_vn


@dataclass
class FeedHealth:
    source: str
    url: str
    kind: str  # feed | listing
    status: int | None = None
    items: int | None = None
    newest: datetime | None = None
    error: str | None = None
    last_success: datetime | None = None  # from FeedState (feeds) or the last run storing articles

    @property
    def ok(self) -> bool:
        return self.error is None and self.status is not None and self.status < 400

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "url": self.url, "kind": self.kind, "status": self.status,
                "items": self.items, "newest": self.newest.isoformat() if self.newest else None,
                "error": self.error, "ok": self.ok,
                "last_success": self.last_success.isoformat() if self.last_success else None}


def _last_runs(engine: Engine) -> dict[str, datetime]:
    """Per source: the finish time of the newest run that fetched anything for it."""
    with Session(engine) as session:
        rows = session.exec(
            select(CrawlRunSource.source, func.max(CrawlRun.finished_at))
            .join(CrawlRun, CrawlRun.id == CrawlRunSource.run_id)
            .where(CrawlRunSource.feed_items > 0)
            .group_by(CrawlRunSource.source)
        ).all()
    return {name: when for name, when in rows if when is not None}


def check_sources(engine: Engine, sources: list[Source], timeout: float = 10.0,
                  client: httpx.Client | None = None) -> list[FeedHealth]:
    """Fetch each feed and listing page once and describe its health."""
    crawl = settings()["crawl"]
    with Session(engine) as session:
        states = {s.url: s for s in session.exec(select(FeedState))}
    runs = _last_runs(engine)
    own = client is None
    client = client or httpx.Client(
        timeout=timeout, follow_redirects=True,
        headers={"User-Agent": str(crawl["user_agent"]), "Accept-Language": "vi,en;q=0.5"})
    results: list[FeedHealth] = []
    try:
        for source in sources:
            for url, kind in [(u, "feed") for u in source.feeds] + \
                             [(u, "listing") for u in source.listing_pages]:
                results.append(_check_one(client, source, url, kind, states.get(url), runs))
    finally:
        if own:
            client.close()
    return results


def _check_one(client: httpx.Client, source: Source, url: str, kind: str,
               state: FeedState | None, runs: dict[str, datetime]) -> FeedHealth:
    health = FeedHealth(source=source.name, url=url, kind=kind,
                        last_success=(state.last_success_at if state else None)
                        or runs.get(source.name))
    try:
        response = client.get(url)
    except httpx.TimeoutException:
        health.error = "timeout"
        return health
    except httpx.ConnectError as exc:
        text = str(exc).lower()
        dns = ("name or service", "nodename", "resolv", "getaddrinfo", "no address associated")
        health.error = "dns" if any(word in text for word in dns) else "connection"
        return health
    except httpx.HTTPError as exc:
        health.error = f"{type(exc).__name__}: {exc}"[:200]
        return health
    health.status = response.status_code
    if response.status_code >= 400:
        health.error = f"http_{response.status_code}"
        return health
    if kind == "listing":
        health.items = count_links(response.text, source.link_selector or "a")
        if not health.items:
            health.error = f"link_selector {source.link_selector!r} matches no link"
        return health
    parsed = parse_feed(response.content, str(response.url),
                        content_type=response.headers.get("content-type"))
    health.items = len(parsed.entries)
    health.newest = parsed.newest
    if not parsed.entries and (parsed.bozo or not parsed.is_feed):
        health.error = f"bad_feed: {parsed.error}"
    return health


def count_links(html: str, selector: str) -> int:
    """How many links a listing page's ``link_selector`` (CSS or "xpath:...") finds."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
        if selector.startswith("xpath:"):
            found = root.xpath(selector[len("xpath:"):])
        else:
            found = root.cssselect(selector)
    except Exception:  # unparsable page or selector: the row says "no link", never crashes
        return 0
    return sum(1 for node in found if isinstance(node, str) or node.get("href")
               or node.xpath(".//a[@href]")) if isinstance(found, list) else 0


def _when(value: datetime | None) -> str:
    return to_vn(value).strftime("%d/%m/%Y %H:%M") if value else "-"


def health_table(results: list[FeedHealth]) -> Table:
    """The operator's table: one row per feed or listing page."""
    bad = sum(1 for r in results if not r.ok)
    table = Table(title=f"{len(results)} feeds checked, {bad} need attention", title_justify="left")
    for col in ("Source", "URL", "Status", "Items", "Newest item", "Last successful crawl", "Problem"):
        table.add_column(col, overflow="fold")
    for r in results:
        status = str(r.status) if r.status is not None else "-"
        style = None if r.ok else "red"
        table.add_row(r.source, r.url, status, "-" if r.items is None else str(r.items),
                      _when(r.newest), _when(r.last_success), r.error or "", style=style)
    return table
