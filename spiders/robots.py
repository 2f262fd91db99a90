"""robots.txt for a whole fleet: fetched once per origin by one worker, shared through Redis.

Scrapy's RobotsTxtMiddleware keeps its parsed robots.txt in the process, so N workers fetch
every host's robots.txt N times, and each decides alone. :class:`FleetRobotsMiddleware` (used
instead of it by fleet workers) asks Redis first: the first worker to need an origin's
robots.txt takes a lock, fetches it (through the fleet-wide lease like any request), and stores
the verdict with its expiry; the others wait for that verdict rather than fetch their own.

What an answer means follows RFC 9309 (as Google reads robots.txt), which is stricter than
Scrapy's middleware (that one parses whatever body it got, and allows everything on errors):

* 2xx: the rules apply (``Crawl-delay`` for our user agent is honoured by the fleet's lease);
* 4xx other than 429: robots.txt is "unavailable": everything is allowed;
* 5xx, 429 and network errors (refused, timeout, DNS): "unreachable": nothing is crawled on that
  origin for now; the verdict expires after ``robots_retry_seconds`` and is asked again;
* redirects are followed (Scrapy's RedirectMiddleware, up to its REDIRECT_MAX_TIMES).

Verdicts of 2xx and 4xx answers are kept ``robots_ttl_seconds`` (RFC 9309: at most 24 hours),
so hourly runs share one fetch per origin a day.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from protego import Protego
from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.http.request import NO_CALLBACK

from digest.ingest.fleet_queue import lease_host
from spiders.errors import classify_failure

log = logging.getLogger(__name__)
MAX_BODY = 500 * 1024  # RFC 9309: parse at least the first 500 KiB; ignore the rest


@dataclass
class Verdict:
    """The fleet's reading of one origin's robots.txt."""

    state: str  # rules | allow | unreachable
    body: str = ""  # the robots.txt (state "rules")
    why: str = ""  # e.g. "HTTP 503", "connection: ..." (state "unreachable")
    crawl_delay: float = 0.0  # seconds, for our user agent (0: none given)

    def to_json(self) -> str:
        return json.dumps({"state": self.state, "body": self.body, "why": self.why,
                           "crawl_delay": self.crawl_delay}, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: bytes | str) -> Verdict:
        data = json.loads(raw)
        return cls(state=str(data["state"]), body=str(data.get("body") or ""),
                   why=str(data.get("why") or ""), crawl_delay=float(data.get("crawl_delay") or 0))


def verdict_of(status: int | None, body: bytes, error: str | None, user_agent: str,
               max_crawl_delay: float) -> Verdict:
    """RFC 9309's reading of one robots.txt answer (``status`` None: ``error`` says what failed)."""
    if status is None:
        return Verdict("unreachable", why=error or "no answer")
    if 200 <= status < 300:
        text = body[:MAX_BODY].decode("utf-8", errors="replace")
        try:
            delay = Protego.parse(text).crawl_delay(user_agent) or 0.0
        except Exception:  # noqa: BLE001 - a robots.txt we cannot read has no delay for us
            delay = 0.0
        return Verdict("rules", body=text, crawl_delay=min(max(float(delay), 0.0), max_crawl_delay))
    if status == 429 or status >= 500:
        return Verdict("unreachable", why=f"HTTP {status}")
    return Verdict("allow")  # 3xx left over (too many redirects) or 4xx: unavailable


@dataclass
class _Known:
    verdict: Verdict
    parser: Protego | None
    expires: float  # time.monotonic()


class FleetRobotsMiddleware:
    """Downloader middleware (before the lease): obey the fleet's shared verdict on each
    origin's robots.txt, fetching it for the fleet when no worker has yet."""

    DOWNLOAD_PRIORITY = 1000  # as Scrapy's: robots.txt before anything else in the queue

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.enabled = settings.getbool("BANTIN_FLEET_ROBOTS", False)
        self.user_agent = str(settings.get("ROBOTSTXT_USER_AGENT") or settings.get("USER_AGENT"))
        self.ttl_ms = int(settings.getfloat("BANTIN_FLEET_ROBOTS_TTL", 86400) * 1000)
        self.retry_ms = int(settings.getfloat("BANTIN_FLEET_ROBOTS_RETRY", 300) * 1000)
        self.max_delay = settings.getfloat("BANTIN_FLEET_MAX_CRAWL_DELAY", 60.0)
        timeout = settings.getfloat("DOWNLOAD_TIMEOUT", 20)
        retries = settings.getint("RETRY_TIMES", 0) if settings.getbool("RETRY_ENABLED") else 0
        # long enough for a lease wait plus every try of the download, redirects included
        self.lock_ms = int((timeout * (retries + 2) + 10) * 1000)
        self.known: dict[str, _Known] = {}
        self.pending: dict[str, asyncio.Future[_Known]] = {}
        self.fetched = 0  # robots.txt downloads this worker made for the fleet

    @classmethod
    def from_crawler(cls, crawler: Any) -> FleetRobotsMiddleware:
        return cls(crawler)

    async def process_request(self, request: Any) -> None:
        """Raise IgnoreRequest for a request robots.txt forbids, or whose origin's robots.txt
        is unreachable for now."""
        if not self.enabled or request.meta.get("dont_obey_robotstxt"):
            return
        parts = urlsplit(request.url)
        if parts.scheme not in ("http", "https"):
            return
        known = await self._known(f"{parts.scheme}://{parts.netloc.lower()}")
        verdict = known.verdict
        if verdict.state == "unreachable":
            raise IgnoreRequest(f"robots.txt unreachable ({verdict.why}): origin not crawled "
                                "for now")
        if known.parser is not None and not known.parser.can_fetch(request.url, self.user_agent):
            raise IgnoreRequest("Forbidden by robots.txt")

    async def _known(self, origin: str) -> _Known:
        known = self.known.get(origin)
        if known is not None and known.expires > time.monotonic():
            return known
        waiting = self.pending.get(origin)
        if waiting is not None:  # this worker is already asking: one question per origin
            return await asyncio.shield(waiting)
        future: asyncio.Future[_Known] = asyncio.get_running_loop().create_future()
        self.pending[origin] = future
        try:
            known = await self._shared(origin)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # retrieved: no "never retrieved" warning if nobody waits
            raise
        finally:
            self.pending.pop(origin, None)
        future.set_result(known)
        self.known[origin] = known
        fleet = self.crawler.fleet
        fleet.crawl_delay_ms[lease_host(origin)] = int(known.verdict.crawl_delay * 1000)
        return known

    async def _shared(self, origin: str) -> _Known:
        """The fleet's verdict from Redis; fetched by this worker if none is there and no live
        worker is fetching it."""
        from spiders.fleet import REDIS_DOWN

        fleet = self.crawler.fleet
        keys = [fleet.keys.robots(origin), fleet.keys.robots_lock(origin)]
        pause = 0.05
        while True:
            if fleet.stopping:
                raise IgnoreRequest("fleet stopping: Redis unavailable")
            try:
                got = fleet.robots_script(keys=keys, args=[fleet.worker, self.lock_ms,
                                                           fleet.keys.alive("")])
            except REDIS_DOWN as exc:
                fleet.lost(exc)
                raise IgnoreRequest("fleet stopping: Redis unavailable") from None
            if int(got[0]) == 1:
                return self._make(Verdict.from_json(got[1]), int(got[2]))
            if int(got[0]) == 2:
                break
            await asyncio.sleep(pause)  # another worker is fetching it
            pause = min(pause * 2, 1.0)
        verdict = await self._fetch(origin)
        ttl = self.retry_ms if verdict.state == "unreachable" else self.ttl_ms
        if fleet.stopping:  # a download cut short by the stop proves nothing about the host
            raise IgnoreRequest("fleet stopping: Redis unavailable")
        try:
            pipe = fleet.server.pipeline(transaction=True)
            pipe.set(keys[0], verdict.to_json(), px=ttl)
            pipe.delete(keys[1])
            pipe.execute()
        except REDIS_DOWN as exc:
            fleet.lost(exc)
            raise IgnoreRequest("fleet stopping: Redis unavailable") from None
        return self._make(verdict, ttl)

    async def _fetch(self, origin: str) -> Verdict:
        request = Request(f"{origin}/robots.txt", priority=self.DOWNLOAD_PRIORITY,
                          meta={"dont_obey_robotstxt": True}, callback=NO_CALLBACK)
        self.fetched += 1
        self.crawler.stats.inc_value("robotstxt/request_count")
        try:
            response = await self.crawler.engine.download_async(request)
        except IgnoreRequest as exc:
            if self.crawler.fleet.stopping:
                raise
            # refused by our own rules (an offsite redirect): as if there were none
            log.info("robots.txt of %s not fetched (%s): everything allowed", origin, exc)
            return Verdict("allow")
        except Exception as exc:  # noqa: BLE001 - any failure to get an answer: unreachable
            kind, message = classify_failure(_Failure(exc))
            return verdict_of(None, b"", f"{kind}: {message}"[:300], self.user_agent,
                              self.max_delay)
        self.crawler.stats.inc_value(f"robotstxt/response_status_count/{response.status}")
        return verdict_of(response.status, response.body or b"", None, self.user_agent,
                          self.max_delay)

    def _make(self, verdict: Verdict, ttl_ms: int) -> _Known:
        parser = None
        if verdict.state == "rules":
            try:
                parser = Protego.parse(verdict.body)
            except Exception:  # noqa: BLE001 - unparseable rules forbid nothing (as Scrapy)
                parser = None
        # a verdict with no expiry left (ttl -1/-2: it just lapsed) is used for this request only
        return _Known(verdict, parser, time.monotonic() + max(ttl_ms, 0) / 1000)


class _Failure:
    """The one attribute :func:`classify_failure` reads of a Twisted failure."""

    def __init__(self, exc: BaseException) -> None:
        self.value = exc
