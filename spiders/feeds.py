"""FeedSpider: one generic spider for every outlet of the sources file.

Feeds (conditional GET) and listing pages give article links; links outside the source's
allowed domains or already stored (unless ``refresh``) are never requested; each article page is
checked (empty, binary, not an article), extracted and handed to the store pipeline. Every
failure is reported as an ``error`` event with a kind, and never stops the other sources.

A feed's new ETag/Last-Modified is committed only once every article it listed is settled
(stored, or failed for good): a crawl stopped any way before that (kill -9, SIGTERM, Ctrl-C,
power loss) leaves the old validators, so the next run gets the full feed, not a 304, and
follows what is still missing.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from datetime import datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.http import Response, TextResponse
from sqlmodel import Session, select

from digest.errors import InvalidInput
from digest.ingest.challenge import CHALLENGE_MESSAGE, is_challenge
from digest.ingest.crawl import standalone_spec
from digest.ingest.dates import resolve_published
from digest.ingest.decode import decode_html
from digest.ingest.discover import discover_feeds, parse_sitemap
from digest.ingest.extract import extract_article
from digest.ingest.feeds import FeedEntry, parse_feed
from digest.ingest.links import discover_links
from digest.ingest.save import ArticleData, known_keys
from digest.ingest.sources import Source, source_from_json
from digest.store.db import make_engine
from digest.store.models import FeedState
from digest.text import utcnow
from digest.urls import in_domains, url_key
from spiders.errors import classify_failure, is_transient
from spiders.events import Events

HTML_TYPES = ("text/html", "application/xhtml", "text/plain", "application/xml", "text/xml")


# A listing page is read this many times deeper than [crawl] max_feed_items, which caps the new
# articles asked for per page and run: the stored ones at its top must not hide the rest forever.
LINKS_PER_NEW = 5


class FeedSpider(scrapy.Spider):
    name = "feeds"

    def __init__(self, spec: dict[str, Any] | None = None, events: Events | None = None,
                 sources: str | None = None, db: str | None = None, refresh: str | None = None,
                 **kw: Any) -> None:
        """``spec`` from ``digest.ingest.crawl`` (``bantin crawl``); without one, as Scrapy starts
        it from the repository root: ``scrapy crawl feeds [-a sources=FILE] [-a db=URL]
        [-a refresh=1]`` (the configured sources file and database by default)."""
        super().__init__(**kw)
        if spec is None:
            spec = standalone_spec(sources, db, refresh=str(refresh or "").lower() in ("1", "true", "yes"))
        self.spec = spec
        self.sources = [source_from_json(d) for d in spec["sources"]]
        self.by_name = {s.name: s for s in self.sources}
        self.refresh = bool(spec.get("refresh"))
        crawl = spec["crawl"]
        self.min_text_chars = int(crawl["min_text_chars"])
        self.max_feed_items = int(crawl["max_feed_items"])
        self.max_discovered_feeds = int(crawl["max_discovered_feeds"])
        self.max_sitemap_children = int(crawl["max_sitemap_children"])
        self.store_batch = max(1, int(crawl["store_batch"]))
        self.store_batch_seconds = float(crawl["store_batch_seconds"])
        # digest.ingest.crawl migrated the database before starting us: a plain engine will do.
        self.engine = make_engine(spec["db_url"])
        self.events = events or Events(None)
        # OffsiteMiddleware drops any request (redirects included) outside these.
        self.allowed_domains = sorted({d for s in self.sources for d in s.allowed_domains})
        self.date_orders: dict[str, Any] = {}  # source -> day/month order its feeds showed
        # validator bookkeeping (see the module docstring)
        self.new_validators: dict[str, tuple[str | None, str | None]] = {}
        self.waiting: dict[str, set[str]] = {}  # article key -> feeds waiting for it
        self.asked: dict[str, tuple[str, str]] = {}  # article key -> (source, url), once asked for
        self.outstanding: Counter[str] = Counter()  # feed url -> articles not yet settled
        self.unsettled_feeds: set[str] = set()  # a transient failure: keep no validators
        # FeedState changes not yet committed (url -> column -> value, in order): saved in
        # batches like the articles, a transaction per feed was a sixth of a feed's CPU
        self.feed_updates: dict[str, dict[str, Any]] = {}
        self.feed_updates_since = 0.0
        self.close_reason: str | None = None

    def closed(self, reason: str) -> None:
        """Scrapy's close hook: "finished" only when every request ran (not on a signal).
        The store pipeline has saved its last batch by now, so the feeds' last states go too."""
        self.close_reason = reason
        if reason == "finished" and not self.spec.get("fleet"):
            # (a fleet's articles may be fetched by another worker: not ours to count)
            self._report_dropped()
        try:
            self.flush_feed_states()
        except Exception:  # a database gone at the very end costs feed health, not the run
            self.logger.exception("could not save the feeds' last states")
        self.events.emit("closed", "", reason=reason)

    def _report_dropped(self) -> None:
        """Articles asked for that neither arrived nor failed by the end of a finished run:
        Scrapy dropped them without a word (a redirect off the outlet's domains, or back to a
        URL already asked for: a loop). Each is a failure of its source, and settled, so its
        feeds get their new validators instead of being fetched whole on every run."""
        for key in list(self.waiting):
            source, url = self.asked.get(key, ("?", ""))
            self.events.emit("error", source, url=url, kind="dropped", role="article",
                             message="redirected off the outlet's allowed_domains, or in a loop")
            self.settle(key)

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> FeedSpider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.on_spider_error, signal=scrapy.signals.spider_error)
        return spider

    def on_spider_error(self, failure: Any, response: Response, spider: Any) -> None:
        """A bug in a callback costs that page only; it is counted like any other failure."""
        source = response.meta.get("source", "?") if response is not None else "?"
        self.events.emit("error", source, url=getattr(response, "url", ""), kind="spider_error",
                         message=f"{type(failure.value).__name__}: {failure.value}"[:500],
                         role=response.meta.get("role") if response is not None else None)
        if response is not None and response.meta.get("role") == "article":
            self.settle(response.meta.get("key"), transient=True)

    # ------------------------------------------------------------------ start
    async def start(self) -> AsyncIterator[Any]:
        if self.spec.get("fleet"):
            return  # a fleet's seeds are queued in Redis once per run (spiders.fleet)
        for request in self.seed_requests():
            yield request

    def seed_requests(self) -> Iterator[scrapy.Request]:
        """The run's first requests: feeds (conditional GET), listing pages, sitemaps, and the
        home page of a source that has none of these (its feeds are discovered there)."""
        urls = [u for s in self.sources for u in s.feeds]
        with Session(self.engine) as session:
            states = {f.url: f for f in session.exec(select(FeedState).where(FeedState.url.in_(urls)))}
        for source in self.sources:
            for url in source.feeds:
                yield self._feed_request(source, url, states.get(url))
            for url in source.listing_pages:
                yield scrapy.Request(
                    url, callback=self.parse_listing, errback=self.on_error, dont_filter=True,
                    priority=10, meta={"source": source.name, "role": "listing", "feed_url": url},
                )
            for url in source.sitemaps:
                yield self._sitemap_request(source, url)
            if not (source.feeds or source.listing_pages or source.sitemaps) and source.homepage:
                yield scrapy.Request(
                    source.homepage, callback=self.parse_home, errback=self.on_error,
                    dont_filter=True, priority=10,
                    meta={"source": source.name, "role": "home", "feed_url": source.homepage})

    def _feed_request(self, source: Source, url: str, state: FeedState | None) -> scrapy.Request:
        headers: dict[str, str] = {}
        if state is not None and not self.refresh:
            if state.etag:
                headers["If-None-Match"] = state.etag
            if state.last_modified:
                headers["If-Modified-Since"] = state.last_modified
        return scrapy.Request(
            url, callback=self.parse_feed, errback=self.on_error, headers=headers,
            dont_filter=True, priority=10,
            meta={"source": source.name, "role": "feed", "feed_url": url,
                  "handle_httpstatus_list": [304]},
        )

    def _sitemap_request(self, source: Source, url: str, depth: int = 0) -> scrapy.Request:
        return scrapy.Request(
            url, callback=self.parse_sitemap, errback=self.on_error, dont_filter=True,
            priority=10 - depth,
            meta={"source": source.name, "role": "sitemap", "feed_url": url, "depth": depth})

    def _ack(self, request: Any) -> None:
        """Fleet mode: this request is finished (see spiders.fleet); a no-op otherwise."""
        fleet = getattr(self.crawler, "fleet", None) if hasattr(self, "crawler") else None
        if fleet is not None:
            fleet.ack(request)

    # ------------------------------------------------------------------ discovery
    def parse_home(self, response: Response) -> Any:
        """A source given only by its home page: follow the feeds it announces
        (``<link rel="alternate" type="application/rss+xml">``), else its sitemap.xml, else
        read the home page itself as a listing page."""
        source = self.by_name[response.meta["source"]]
        if not isinstance(response, TextResponse):
            self.events.emit("error", source.name, url=response.url, kind="binary",
                             message="home page is not HTML")
            return
        feeds = discover_feeds(response.text, response.url)
        feeds = [u for u in feeds if in_domains(u, source.allowed_domains)]
        self.events.emit("discovered", source.name, url=response.url, feeds=len(feeds))
        if feeds:
            for url in feeds[:self.max_discovered_feeds]:
                yield self._feed_request(source, url, None)
            return
        root = f"{urlsplit(response.url).scheme}://{urlsplit(response.url).netloc}"
        request = self._sitemap_request(source, root + "/sitemap.xml")
        request.meta["fallback_listing"] = response.url
        request.meta["handle_httpstatus_all"] = True  # a missing sitemap is expected here
        yield request

    def parse_sitemap(self, response: Response) -> Any:
        """sitemap.xml, sitemap indexes (newest children first) and Google News sitemaps."""
        source = self.by_name[response.meta["source"]]
        fallback = response.meta.get("fallback_listing")
        body = response.body or b""
        parsed = parse_sitemap(body, self.max_feed_items) if response.status < 400 else None
        if parsed is None:
            if fallback:  # discovery: no sitemap either, read the home page as a listing
                yield scrapy.Request(
                    fallback, callback=self.parse_listing, errback=self.on_error,
                    dont_filter=True, priority=10,
                    meta={"source": source.name, "role": "listing", "feed_url": fallback})
                return
            self.events.emit("error", source.name, url=response.url, kind="bad_sitemap",
                             message="not a sitemap (no <urlset> or <sitemapindex>)")
            return
        children, entries = parsed
        depth = int(response.meta.get("depth") or 0)
        if children and depth < 2:
            for url in children[:self.max_sitemap_children]:
                if in_domains(url, source.allowed_domains):
                    yield self._sitemap_request(source, url, depth + 1)
        self.events.emit("feed", source.name, url=response.url, status=response.status,
                         items=len(entries), sitemap=True)
        yield from self._follow(source, response.url, entries)

    # ------------------------------------------------------------------ feeds and listings
    def parse_feed(self, response: Response) -> Any:
        source = self.by_name[response.meta["source"]]
        # The URL as configured (meta survives redirects): FeedState is keyed by it.
        feed_url = response.meta.get("feed_url") or response.url
        if response.status == 304:
            self._feed_state(source, feed_url, 304, response, None, None)
            self.events.emit("feed", source.name, url=feed_url, status=304, items=0)
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1") or None
        parsed = parse_feed(response.body, response.url, self.max_feed_items, content_type,
                            date_order=source.date_order, fetched_at=utcnow(),  # type: ignore[arg-type]
                            fallback_order=self.date_orders.get(source.name))
        if parsed.date_order and not source.date_order:
            # one outlet, one CMS: a feed whose items are all ambiguous (days 1-12) follows
            # the order its sibling feeds showed in this run
            self.date_orders.setdefault(source.name, parsed.date_order)
        for failure in parsed.date_failures:
            # counted per source; the entry stays undated rather than taking the fetch time
            self.events.emit("error", source.name, url=failure.link, kind="bad_date",
                             message=f"{failure.reason} (feed {feed_url})"[:500])
        if not parsed.entries and is_challenge(response.body):
            # a cookie/JavaScript challenge, not a broken feed: reported, never circumvented
            self._feed_state(source, feed_url, response.status, response, 0, None,
                             error=f"challenge: {CHALLENGE_MESSAGE}", success=False)
            self.events.emit("error", source.name, url=feed_url, kind="challenge",
                             message=CHALLENGE_MESSAGE)
            return
        if not parsed.entries:
            if parsed.is_feed and not parsed.bozo:
                # A valid feed with no items today: healthy, nothing to do.
                self._feed_state(source, feed_url, response.status, response, 0, None)
                self._promote_if_settled(feed_url)
                self.events.emit("feed", source.name, url=feed_url, status=response.status, items=0)
                return
            message = parsed.error or "no entries"
            self._feed_state(source, feed_url, response.status, response, 0, None,
                             error=f"bad_feed: {message}", success=False)
            self.events.emit("error", source.name, url=feed_url, kind="bad_feed", message=message)
            return
        if parsed.bozo:
            # Malformed XML that still yielded entries: used, but flagged for the operator.
            self.events.emit("error", source.name, url=feed_url, kind="bozo_feed",
                             message=f"{parsed.error} ({len(parsed.entries)} entries used)")
        self._feed_state(source, feed_url, response.status, response, len(parsed.entries),
                         parsed.newest)
        self.events.emit("feed", source.name, url=feed_url, status=response.status,
                         items=len(parsed.entries))
        yield from self._follow(source, feed_url, parsed.entries)
        self._promote_if_settled(feed_url)

    def parse_listing(self, response: Response) -> Any:
        source = self.by_name[response.meta["source"]]
        if not isinstance(response, TextResponse):
            self.events.emit("error", source.name, url=response.url, kind="binary",
                             message="listing page is not HTML")
            return
        if is_challenge(response.body):
            self.events.emit("error", source.name, url=response.url, kind="challenge",
                             message=CHALLENGE_MESSAGE)
            return
        selector = source.link_selector
        if selector is None:
            # no feed and no known selector: generic article-link discovery
            found = discover_links(response.text, response.url, source.allowed_domains,
                                   self.max_feed_items * LINKS_PER_NEW)
            entries = [FeedEntry(link=link, title=title, summary=None, published_at=None)
                       for link, title in found]
            self.events.emit("feed", source.name, url=response.url, status=response.status,
                             items=len(entries), listing=True)
            if not entries:
                self.events.emit("error", source.name, url=response.url, kind="bad_listing",
                                 message="no article link found (generic discovery)")
            yield from self._follow(source, response.url, entries)
            return
        if selector.startswith("xpath:"):
            nodes = response.xpath(selector[len("xpath:"):])
        else:
            nodes = response.css(selector)
        entries: list[FeedEntry] = []
        seen: set[str] = set()
        for node in nodes:
            if isinstance(node.root, str):  # "a::attr(href)" or "xpath://a/@href"
                href = node.root
            else:
                href = node.xpath("@href").get() or node.xpath(".//a/@href").get()
            if not href or not isinstance(href, str):
                continue
            link = urljoin(response.url, href.strip())
            if link.startswith(("http://", "https://")) and link not in seen:
                seen.add(link)
                title = " ".join(node.xpath("string(.)").get("").split())
                entries.append(FeedEntry(link=link, title=title, summary=None, published_at=None))
            if len(entries) >= self.max_feed_items * LINKS_PER_NEW:
                break
        self.events.emit("feed", source.name, url=response.url, status=response.status,
                         items=len(entries), listing=True)
        if not entries:
            self.events.emit("error", source.name, url=response.url, kind="bad_listing",
                             message=f"link_selector {selector!r} matched no links")
        yield from self._follow(source, response.url, entries)

    def _follow(self, source: Source, feed_url: str, entries: list[FeedEntry]) -> Any:
        """Requests for entries not yet stored, inside the source's domains."""
        keyed: list[tuple[str, FeedEntry]] = []
        for entry in entries:
            if not in_domains(entry.link, source.allowed_domains):
                self.events.emit("error", source.name, url=entry.link, kind="offsite",
                                 message="link outside allowed_domains: not followed")
                continue
            keyed.append((url_key(entry.link), entry))
        known: set[str] = set()
        if not self.refresh and keyed:
            with Session(self.engine) as session:
                known = known_keys(session, [k for k, _ in keyed])
        skipped = new = 0
        for key, entry in keyed:
            if key in known:
                skipped += 1
                continue
            if key in self.waiting:  # still in flight for another feed: wait for it too
                if feed_url not in self.waiting[key]:
                    self.waiting[key].add(feed_url)
                    self.outstanding[feed_url] += 1
                continue
            if key in self.asked:  # listed twice (two feeds, two sources): fetch once
                continue
            if new >= self.max_feed_items:
                # the cap counts new articles: the rest come on later runs, so this feed keeps
                # no validators (a 304 next time would hide them)
                self.unsettled_feeds.add(feed_url)
                break
            new += 1
            self.asked[key] = (source.name, entry.link)
            self.waiting[key] = {feed_url}
            self.outstanding[feed_url] += 1
            self.events.emit("queued", source.name, url=entry.link)
            yield scrapy.Request(
                entry.link, callback=self.parse_article, errback=self.on_error,
                meta={"source": source.name, "role": "article", "feed_url": feed_url,
                      "entry": entry, "key": key},
            )
        if skipped:
            self.events.emit("skipped_known", source.name, n=skipped)

    # ------------------------------------------------------------------ articles
    def parse_article(self, response: Response) -> Any:
        """The article for the store pipeline (which settles it once saved), or an error event
        (settled here: a page that is not an article will not become one by asking again)."""
        item = None
        for item in self._article(response):
            yield item
        if not isinstance(item, ArticleData):
            self.settle(response.meta.get("key"))

    def _article(self, response: Response) -> Any:
        source = self.by_name[response.meta["source"]]
        entry: FeedEntry = response.meta["entry"]
        url = response.url
        self.events.emit("fetched", source.name, url=url)
        body = response.body or b""
        if not body.strip():
            self.events.emit("error", source.name, url=url, kind="empty", message="empty body")
            return
        content_type = response.headers.get("Content-Type", b"").decode("latin-1").lower()
        mime = content_type.split(";")[0].strip()
        if (mime and not mime.startswith(HTML_TYPES)) or b"\x00" in body[:4096]:
            self.events.emit("error", source.name, url=url, kind="binary",
                             message=f"not an HTML page ({mime or 'NUL bytes in body'})")
            return
        try:
            html = self._decode(response, content_type or None)
        except InvalidInput as exc:  # digest.ingest.decode's own binary sniffing
            self.events.emit("error", source.name, url=url, kind="binary", message=str(exc))
            return
        except Exception as exc:  # a decoder bug must cost one page, not the crawl
            self.events.emit("error", source.name, url=url, kind="decode",
                             message=f"{type(exc).__name__}: {exc}")
            return
        if is_challenge(body):
            self.events.emit("error", source.name, url=url, kind="challenge",
                             message=CHALLENGE_MESSAGE)
            return
        selectors = None if source.selectors.is_empty() else source.selectors
        try:
            # stored text feeds the bulletin, which carries no photo captions (the
            # extractor keeps them by default, as the benchmarks' ground truth does)
            extracted = extract_article(html, url, selectors, entry.published_at, drop_captions=True,
                                        errors="raise")
        except Exception as exc:  # one page's extraction failure is recorded and counted
            self.events.emit("error", source.name, url=url, kind="extract_error",
                             message=f"{type(exc).__name__}: {exc}"[:500])
            return
        # Whether this is an article (title, enough text) is the store's call, made once:
        # save_article refuses it and the pipeline reports "not_article".
        title = extracted.title or entry.title
        published, date_source, problem = resolve_published(
            extracted.published_at, extracted.date_source, entry.published_at, utcnow())
        if problem:
            self.events.emit("error", source.name, url=url, kind="bad_date", message=problem)
        yield ArticleData(
            url=url, source=source.name, scope=source.scope, source_province=source.province,
            title=title, text=extracted.text, authors=tuple(extracted.authors),
            published_at=published, date_source=date_source,
            summary=entry.summary or extracted.description, feed_url=response.meta["feed_url"],
            extractor="extract_article", link=entry.link if entry.link != url else None,
        )

    def _decode(self, response: Response, content_type: str | None) -> str:
        return decode_html(response.body, content_type)

    # ------------------------------------------------------------------ failures and state
    def on_error(self, failure: Any) -> None:
        request = failure.request
        try:
            self._report_failure(failure, request)
        finally:
            self._ack(request)

    def _report_failure(self, failure: Any, request: Any) -> None:
        source = request.meta.get("source", "?")
        kind, message = classify_failure(failure)
        self.events.emit("error", source, url=request.url, kind=kind, message=message,
                         role=request.meta.get("role"))
        if request.meta.get("role") == "feed" and source in self.by_name:
            status = getattr(getattr(failure.value, "response", None), "status", None)
            self._feed_state(self.by_name[source], request.meta.get("feed_url") or request.url,
                             status, None, None, None,
                             error=f"{kind}: {message}", success=False)
        elif request.meta.get("role") == "article":
            transient = is_transient(kind)
            if transient:
                self._forget_validators(request.meta.get("feed_url"))
            self.settle(request.meta.get("key"), transient=transient)

    # ------------------------------------------------------------------ validators
    def settle(self, key: str | None, transient: bool = False) -> None:
        """One article is done with (saved, or failed); a feed whose articles are all settled
        gets its new validators. ``transient``: it may pass next time, so its feeds keep none."""
        feeds = self.waiting.pop(key, set()) if key else set()
        for feed_url in feeds:
            self.outstanding[feed_url] -= 1
            if transient:
                self.unsettled_feeds.add(feed_url)
            self._promote_if_settled(feed_url)

    def _promote_if_settled(self, feed_url: str) -> None:
        if self.outstanding[feed_url] > 0 or feed_url not in self.new_validators:
            return
        etag, modified = self.new_validators.pop(feed_url)
        if feed_url in self.unsettled_feeds:
            return
        # queued after the articles' own commit (settle follows the save), so a crash can only
        # lose the promotion, never commit it before the articles
        self._update_feed(feed_url, etag=etag, last_modified=modified)

    def _forget_validators(self, feed_url: str | None) -> None:
        """An article failed for a reason that may pass (timeout, 5xx...): drop the feed's
        ETag/Last-Modified so the next run gets the full feed (not a 304) and retries it."""
        if feed_url:
            self._update_feed(feed_url, etag=None, last_modified=None)

    def _feed_state(self, source: Source, url: str, status: int | None,
                    response: Response | None, items: int | None, newest: datetime | None,
                    error: str | None = None, success: bool = True) -> None:
        """Remember validators and health of a feed (saved with the next batch)."""
        now = utcnow()
        changes: dict[str, Any] = {"source": source.name, "last_status": status,
                                   "last_checked_at": now, "last_error": error}
        if success:
            changes["last_success_at"] = now
        if not success:
            # Never keep validators of a broken answer: a 304 would then hide the breakage.
            changes["etag"] = changes["last_modified"] = None
        elif response is not None and status == 200:
            # Kept aside until the feed's articles are settled (_promote_if_settled).
            etag = response.headers.get("ETag")
            modified = response.headers.get("Last-Modified")
            self.new_validators[url] = (etag.decode("latin-1")[:500] if etag else None,
                                        modified.decode("latin-1")[:100] if modified else None)
        if items is not None and status != 304:
            changes["items"] = items
        if newest is not None:
            changes["newest_item_at"] = newest
        self._update_feed(url, create=True, **changes)

    def _update_feed(self, url: str, create: bool = False, **changes: Any) -> None:
        """Queue changes to a feed's FeedState (``create``: the row is made if missing; else
        changes to a feed with no row are dropped, as before it was ever checked)."""
        if not self.feed_updates:
            self.feed_updates_since = time.monotonic()
        pending = self.feed_updates.setdefault(url, {})
        if create:
            pending["_create"] = True
        pending.update(changes)  # later changes win, as successive commits would
        if len(self.feed_updates) >= self.store_batch or \
                time.monotonic() - self.feed_updates_since >= self.store_batch_seconds:
            self.flush_feed_states()

    def flush_feed_states(self, older_than: float = 0.0) -> None:
        """Commit the queued FeedState changes in one transaction (``older_than``: only if the
        oldest has waited that many seconds)."""
        if older_than and time.monotonic() - self.feed_updates_since < older_than:
            return
        updates, self.feed_updates = self.feed_updates, {}
        if not updates:
            return
        with Session(self.engine) as session:
            found = {s.url: s for s in session.exec(
                select(FeedState).where(FeedState.url.in_(list(updates))))}
            for url, changes in updates.items():
                state = found.get(url)
                if state is None:
                    if not changes.get("_create"):
                        continue
                    state = FeedState(url=url, source=changes["source"])
                for name, value in changes.items():
                    if name != "_create":
                        setattr(state, name, value)
                session.add(state)
            session.commit()
