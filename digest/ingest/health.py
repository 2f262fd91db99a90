"""``bantin sources check``: is each feed alive? One plain GET per feed or listing page.

Real outlets move their feeds without notice and nothing can be checked from the build machine,
so operators need one table: HTTP status, items in the feed, newest item, last successful crawl.
Problems are named for what they are: ``moved to <url>`` (a permanent redirect to another host),
``challenge`` (a cookie/JavaScript wall), ``stale`` (newest item older than ``stale_days``),
``bad_date`` (item dates that cannot be read). A closing table counts, per province, the sources
that answered, so a province with no working source shows on day one.
Sequential httpx requests with a short timeout; a dead feed is a row, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import httpx
from rich.table import Table
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from digest.config import settings
from digest.ingest.challenge import is_challenge
from digest.ingest.feeds import parse_feed
from digest.ingest.links import discover_links
from digest.ingest.sources import PROVINCES, Source
from digest.store.models import Article, CrawlRun, CrawlRunSource, FeedState
from digest.text import to_vn, utcnow

PERMANENT = (301, 308)


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
    moved_to: str | None = None  # final URL of a permanent redirect to another host
    stale: bool = False  # newest item older than [crawl] stale_days
    bad_dates: int = 0  # items whose date string could not be read
    province: str | None = None

    @property
    def ok(self) -> bool:
        """Answered with usable content (it may still need attention: moved, stale)."""
        return self.error is None and self.status is not None and self.status < 400

    @property
    def healthy(self) -> bool:
        return self.ok and not self.moved_to and not self.stale and not self.bad_dates

    @property
    def problem(self) -> str:
        """What the operator should fix, in words ("" when nothing)."""
        parts = [self.error] if self.error else []
        if self.moved_to:
            parts.append(f"moved to {self.moved_to}")
        if self.stale and self.newest is not None:
            parts.append(f"stale: newest item {_when(self.newest)}")
        if self.bad_dates:
            parts.append(f"bad_date: {self.bad_dates} item date(s) unreadable")
        return "; ".join(parts)

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "url": self.url, "kind": self.kind, "status": self.status,
                "items": self.items, "newest": self.newest.isoformat() if self.newest else None,
                "error": self.error, "ok": self.ok,
                "last_success": self.last_success.isoformat() if self.last_success else None,
                "moved_to": self.moved_to, "stale": self.stale, "bad_dates": self.bad_dates,
                "province": self.province, "problem": self.problem}


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
    """Fetch each feed and listing page once (a source with neither: its home page) and
    describe its health."""
    crawl = settings()["crawl"]
    with Session(engine) as session:
        states = {s.url: s for s in session.exec(select(FeedState))}
    runs = _last_runs(engine)
    own = client is None
    client = client or httpx.Client(
        timeout=timeout, follow_redirects=True,
        headers={"User-Agent": str(crawl["user_agent"]), "Accept-Language": "vi,en;q=0.5"})
    results: list[FeedHealth] = []
    orders: dict[str, Any] = {}  # source -> day/month order one of its feeds showed
    try:
        for source in sources:
            pages = [(u, "feed") for u in source.feeds] + [(u, "listing") for u in source.listing_pages]
            if source.homepage and not pages:
                # a portal known by its home page alone (as `sources import` writes them): the
                # home page is what the crawl starts from, so it is what answers or not
                pages = [(source.homepage, "home")]
            for url, kind in pages:
                results.append(_check_one(client, source, url, kind, states.get(url), runs,
                                          timedelta(days=settings().value("crawl", "stale_days", float)),
                                          orders))
    finally:
        if own:
            client.close()
    return results


def _moved_to(response: httpx.Response) -> str | None:
    """The final URL when a permanent redirect took the request to another host."""
    first = response.history[0].request if response.history else response.request
    start = urlsplit(str(first.url)).hostname
    for hop in response.history:
        if hop.status_code in PERMANENT:
            final = str(response.url)
            if urlsplit(final).hostname != start:
                return final
    return None


def _check_one(client: httpx.Client, source: Source, url: str, kind: str,
               state: FeedState | None, runs: dict[str, datetime],
               stale_after: timedelta, orders: dict[str, Any]) -> FeedHealth:
    health = FeedHealth(source=source.name, url=url, kind=kind, province=source.province,
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
    health.moved_to = _moved_to(response)
    if is_challenge(response.content):
        health.error = "challenge"
        return health
    if response.status_code >= 400:
        health.error = f"http_{response.status_code}"
        return health
    if kind in ("listing", "home"):
        if source.link_selector and kind == "listing":
            health.items = count_links(response.text, source.link_selector)
            if not health.items:
                health.error = f"link_selector {source.link_selector!r} matches no link"
        else:
            health.items = len(discover_links(response.text, str(response.url),
                                              source.allowed_domains))
            if not health.items:
                health.error = "no article link found (generic discovery)"
        return health
    fetched = utcnow()
    parsed = parse_feed(response.content, str(response.url),
                        content_type=response.headers.get("content-type"),
                        date_order=source.date_order, fetched_at=fetched,  # type: ignore[arg-type]
                        fallback_order=orders.get(source.name))
    if parsed.date_order and not source.date_order:
        orders.setdefault(source.name, parsed.date_order)
    health.items = len(parsed.entries)
    health.newest = parsed.newest
    health.bad_dates = len(parsed.date_failures)
    health.stale = parsed.newest is not None and fetched - parsed.newest > stale_after
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
    bad = sum(1 for r in results if not r.healthy)
    table = Table(title=f"{len(results)} feeds checked, {bad} need attention", title_justify="left")
    for col in ("Source", "URL", "Status", "Items", "Newest item", "Last successful crawl", "Problem"):
        table.add_column(col, overflow="fold")
    for r in results:
        status = str(r.status) if r.status is not None else "-"
        style = None if r.healthy else ("yellow" if r.ok else "red")
        table.add_row(r.source, r.url, status, "-" if r.items is None else str(r.items),
                      _when(r.newest), _when(r.last_success), r.problem, style=style)
    return table


def province_counts(results: list[FeedHealth], sources: list[Source]) -> dict[str, tuple[int, int]]:
    """Per province (all 34, in the official order): (sources that answered, sources checked).
    A source answered when at least one of its feeds or listing pages gave usable content."""
    answered: dict[str, bool] = {}
    for r in results:
        answered[r.source] = answered.get(r.source, False) or r.ok
    counts = {p: (0, 0) for p in PROVINCES}
    for source in sources:
        if source.scope != "provincial" or source.province not in counts:
            continue
        ok, total = counts[source.province]
        counts[source.province] = (ok + int(answered.get(source.name, False)), total + 1)
    return counts


def province_table(counts: dict[str, tuple[int, int]]) -> Table:
    """Closing table of ``sources check``: provinces with no answering source in red."""
    table = Table(title="Sources that answered, per province", title_justify="left")
    for col in ("Province", "Answered", "Checked"):
        table.add_column(col)
    for province, (ok, total) in counts.items():
        table.add_row(province, str(ok), str(total), style="red" if ok == 0 else None)
    return table


def province_summary(counts: dict[str, tuple[int, int]]) -> str:
    """One line under the table: how many provinces have a working source, and which do not."""
    silent = [p for p, (ok, _) in counts.items() if ok == 0]
    line = f"{len(counts) - len(silent)} of {len(counts)} provinces have a source that answered"
    return line + (f"; none for: {', '.join(silent)}" if silent else "")


# --------------------------------------------------------------------------- roll-up by province
@dataclass
class ProvinceHealth:
    """How one province's sources (its communes' portals among them) fared in the crawls."""

    province: str  # "(central)" / "(foreign)" for sources without one
    sources: int = 0
    ok: int = 0  # the newest run found items for it
    failing: int = 0  # the newest run found nothing (dead, moved, blocked...)
    never: int = 0  # no run has crawled it yet
    stored_7d: int = 0  # articles stored from its sources in the last 7 days
    failing_names: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"province": self.province, "sources": self.sources, "ok": self.ok,
                "failing": self.failing, "never": self.never, "stored_7d": self.stored_7d,
                "failing_sources": self.failing_names}


def province_rollup(engine: Engine, sources: list[Source]) -> list[ProvinceHealth]:
    """Per province: sources that worked in their newest crawl, failing ones, never crawled,
    and articles stored in the last 7 days. From the database only (no request is made)."""
    with Session(engine) as session:
        newest = dict(session.exec(
            select(CrawlRunSource.source, func.max(CrawlRunSource.run_id))
            .group_by(CrawlRunSource.source)).all())
        found: dict[str, int] = {}
        if newest:
            rows = session.exec(select(CrawlRunSource.source, CrawlRunSource.run_id,
                                       CrawlRunSource.feed_items)).all()
            found = {name: items for name, run, items in rows if newest.get(name) == run}
        since = utcnow() - timedelta(days=7)
        stored = dict(session.exec(
            select(Article.source, func.count(Article.id)).where(Article.fetched_at >= since)
            .group_by(Article.source)).all())
    out: dict[str, ProvinceHealth] = {}
    for source in sources:
        key = source.province or f"({source.scope})"
        row = out.setdefault(key, ProvinceHealth(key))
        row.sources += 1
        row.stored_7d += int(stored.get(source.name, 0))
        if source.name not in found:
            row.never += 1
        elif found[source.name] > 0:
            row.ok += 1
        else:
            row.failing += 1
            row.failing_names.append(source.name)
    return sorted(out.values(), key=lambda r: (r.province.startswith("("), r.province))


def rollup_table(rows: list[ProvinceHealth]) -> Table:
    """The operator's roll-up: one row per province, failing sources named (first five)."""
    table = Table(title=f"{sum(r.sources for r in rows)} sources in {len(rows)} provinces",
                  title_justify="left")
    for col in ("Province", "Sources", "OK", "Failing", "Never crawled", "Stored (7 days)",
                "Failing sources"):
        table.add_column(col, overflow="fold")
    for r in rows:
        names = r.failing_names
        shown = ", ".join(names[:5]) + (f" (+{len(names) - 5})" if len(names) > 5 else "")
        table.add_row(r.province, str(r.sources), str(r.ok), str(r.failing), str(r.never),
                      str(r.stored_7d), shown, style="red" if r.failing else None)
    return table
