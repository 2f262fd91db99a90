"""Scrapy's side of the fleet crawl: scrapy-redis with a reliable queue and fleet-wide politeness.

scrapy-redis gives the shared scheduler queue and dupefilter. What it lacks, added here:

* :class:`ReliableQueue`: a pop moves the request into this worker's processing hash (one Lua
  step), and it leaves only when the request is finished: its callback's output consumed
  (:class:`AckMiddleware`), its article stored (``item_scraped``), its errback run, or it was
  replaced by a retry/redirect of itself. A worker killed with -9 leaves its requests there;
  :class:`FleetExtension` of any live worker (or the next ``bantin crawl --queue``) puts them
  back once the dead worker's heartbeat has expired.
* :class:`PoliteLeaseMiddleware`: a per-host lease in Redis, so ``concurrent_per_domain`` and
  ``download_delay`` hold for the whole fleet rather than per process.
* :class:`spiders.robots.FleetRobotsMiddleware`: robots.txt fetched once per origin for the
  whole fleet and shared through Redis (its ``Crawl-delay`` lengthens the host's lease).
* :class:`FleetEvents`: the spider's progress events become per-source counters in Redis and
  CrawlError rows in the database, since a worker on another machine has no pipe to a parent.

Redis going away stops the worker with one clear line and a non-zero exit; everything popped
and not finished is still in Redis (with persistence on) for the next run.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import socket
import time
import uuid
from collections import Counter, deque
from typing import Any

from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisError
from redis.exceptions import TimeoutError as RedisTimeoutError
from scrapy import Request, signals
from scrapy.exceptions import DontCloseSpider, IgnoreRequest
from scrapy_redis.queue import Base
from sqlmodel import Session
from twisted.internet import task

from digest.ingest.fleet_queue import LEASE, POP, RECOVER, ROBOTS, Keys, lease_host, recover
from digest.store.models import CrawlError
from digest.text import utcnow
from spiders.events import Events

log = logging.getLogger(__name__)
REDIS_DOWN = (RedisConnectionError, RedisTimeoutError)
EXIT_REDIS_LOST = 4  # spiders.run's exit code when Redis went away mid-run


def worker_name() -> str:
    """host-pid-random: unique across machines and restarts."""
    return f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"


def _fleet(spider: Any) -> FleetExtension:
    return spider.crawler.fleet  # type: ignore[no-any-return]


class ReliableQueue(Base):
    """scrapy-redis priority queue whose pop is a move into a per-worker processing hash.

    Requests are moved a few at a time (``BATCH``) and handed out from a local buffer: one
    round trip per batch rather than per request. The buffered ones are in the processing
    hash already, so a killed worker loses none, and a stopping one gives them back."""

    BATCH = 8  # small beside CONCURRENT_REQUESTS: a worker hoards little at the end of a run

    def __init__(self, server: Any, spider: Any, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.fleet = _fleet(spider)
        self._pop = server.register_script(POP)
        self.buffer: deque[tuple[bytes, bytes]] = deque()

    def __len__(self) -> int:
        try:
            return len(self.buffer) + int(self.server.zcard(self.key))
        except REDIS_DOWN as exc:
            self.fleet.lost(exc)
            return 0

    def push(self, request: Any) -> None:
        """Queue ``request``; a retry or redirect of a request this worker holds replaces it."""
        previous = request.meta.get("fleet_token")
        token = uuid.uuid4().hex[:16]
        request.meta["fleet_token"] = token
        member = token.encode() + b" " + self._encode_request(request)
        try:
            pipe = self.server.pipeline(transaction=True)
            pipe.zadd(self.key, {member: -request.priority})
            if previous:
                pipe.hdel(self.fleet.processing, previous)
            pipe.execute()
        except REDIS_DOWN as exc:
            # Not queued; its parent is still in our processing hash (its ack fails too), so
            # recovery re-runs the parent and this request is made again.
            self.fleet.lost(exc)

    def pop(self, timeout: int = 0) -> Any:
        """The best request, now held in this worker's processing hash (None: queue empty)."""
        if self.fleet.stopping:
            return None
        if not self.buffer:
            try:
                got = self._pop(keys=[self.key, self.fleet.processing, self.fleet.keys.workers],
                                args=[self.BATCH])
            except REDIS_DOWN as exc:
                self.fleet.lost(exc)
                return None
            self.buffer.extend(zip(got[::2], got[1::2], strict=True))
        if not self.buffer:
            return None
        token, data = self.buffer.popleft()
        request = self._decode_request(data)
        request.meta["fleet_token"] = token.decode()
        return request


class AckMiddleware:
    """Spider middleware: a request whose callback yielded no article is finished once its
    output (new requests, already queued in Redis by then) has been consumed; one that yielded
    an article is finished when the store pipeline is done with it (``item_scraped``)."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Any) -> AckMiddleware:
        return cls(crawler)

    async def process_spider_output(self, response: Any, result: Any) -> Any:
        """Pass the callback's output on; then finish its request unless an item follows."""
        items = False
        try:
            async for out in result:
                if not isinstance(out, Request):
                    items = True
                yield out
        except Exception:
            # a bug in the callback costs this page (reported as spider_error), not a loop
            # of workers retrying it for ever
            _fleet(self.crawler.spider).ack(response.request)
            raise
        if not items:
            _fleet(self.crawler.spider).ack(response.request)


class PoliteLeaseMiddleware:
    """Downloader middleware: wait for the host's fleet-wide lease before each download."""

    def __init__(self, crawler: Any) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.per_host = max(1, settings.getint("BANTIN_FLEET_PER_HOST", 1))
        self.delay_ms = int(settings.getfloat("BANTIN_FLEET_DELAY", 0.0) * 1000)
        self.ttl_ms = int((settings.getfloat("DOWNLOAD_TIMEOUT", 20) + 10) * 1000)

    @classmethod
    def from_crawler(cls, crawler: Any) -> PoliteLeaseMiddleware:
        return cls(crawler)

    async def process_request(self, request: Any) -> None:
        """Wait (without blocking the reactor) until the host's fleet-wide lease is ours."""
        fleet = _fleet(self.crawler.spider)
        host = lease_host(request.url)
        token = f"{fleet.worker}|{uuid.uuid4().hex[:12]}"
        while True:
            if fleet.stopping:
                raise IgnoreRequest("fleet stopping: Redis unavailable")
            # robots.txt's Crawl-delay (spiders.robots has read it before we get here) only
            # ever lengthens the configured delay
            delay = max(self.delay_ms, fleet.crawl_delay_ms.get(host, 0))
            try:
                wait = int(fleet.lease_script(
                    keys=[fleet.keys.lease(host), fleet.keys.last(host)],
                    args=[token, self.per_host, delay, self.ttl_ms, fleet.keys.alive("")]))
            except REDIS_DOWN as exc:
                fleet.lost(exc)
                raise IgnoreRequest("fleet stopping: Redis unavailable") from None
            if wait <= 0:
                break
            await asyncio.sleep(min(wait, 1000) / 1000)
        request.meta["fleet_lease"] = (host, token)

    def _release(self, request: Any) -> None:
        held = request.meta.pop("fleet_lease", None)
        if held:
            fleet = _fleet(self.crawler.spider)
            fleet.later(fleet.keys.lease(held[0]), held[1])

    def process_response(self, request: Any, response: Any) -> Any:
        """Give the host's lease back."""
        self._release(request)
        return response

    def process_exception(self, request: Any, exception: BaseException) -> None:
        """Give the host's lease back: a failed download holds no slot."""
        self._release(request)


class FleetEvents(Events):
    """Events counted into Redis (fleet and worker counters) and CrawlError rows (the db)."""

    FLUSH_EVERY = 2.0

    def __init__(self, fleet: FleetExtension) -> None:
        super().__init__(None)
        self.fleet = fleet
        self.counts: Counter[str] = Counter()  # "source|counter"
        self.worker: Counter[str] = Counter()
        self.errors: list[CrawlError] = []
        self.last = time.monotonic()

    def emit(self, event: str, source: str, **fields: Any) -> None:
        """Count one spider event (and keep an error for the database); flushed every 2 s."""
        if event == "feed":
            self.counts[f"{source}|feed_items"] += int(fields.get("items") or 0)
        elif event in ("fetched", "queued"):
            self.counts[f"{source}|{event}"] += 1
            self.worker[event] += 1
        elif event == "skipped_known":
            self.counts[f"{source}|skipped_known"] += int(fields.get("n") or 0)
        elif event == "saved":
            outcome = str(fields.get("outcome"))
            self.counts[f"{source}|{outcome}"] += 1
            self.worker[outcome] += 1
        elif event == "error":
            kind = str(fields.get("kind") or "error")
            self.counts[f"{source}|error:{kind}"] += 1
            self.worker["errors"] += 1
            self.errors.append(CrawlError(
                run_id=self.fleet.run_id, source=source, url=str(fields.get("url") or ""),
                kind=kind, message=str(fields.get("message") or "")[:2000], at=utcnow()))
        if time.monotonic() - self.last > self.FLUSH_EVERY or len(self.errors) >= 200:
            self.flush()

    def flush(self) -> None:
        """Counters to Redis, errors to the database; kept for the next try if Redis is down."""
        self.last = time.monotonic()
        if self.errors:
            with Session(self.fleet.spider.engine) as session:
                session.add_all(self.errors)
                session.commit()
            self.errors = []
        if not (self.counts or self.worker) or self.fleet.stopping:
            return
        try:
            pipe = self.fleet.server.pipeline(transaction=False)
            for key, n in self.counts.items():
                pipe.hincrby(self.fleet.keys.stats, key, n)
            for key, n in self.worker.items():
                pipe.hincrby(self.fleet.keys.wstats(self.fleet.worker), key, n)
            pipe.execute()
        except REDIS_DOWN as exc:
            self.fleet.lost(exc)
            return
        self.counts.clear()
        self.worker.clear()


class FleetExtension:
    """Heartbeat, seeding, recovery of dead workers, and when to stop (the fleet is done)."""

    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        crawler.fleet = self
        self.server = _client(settings)
        self.keys = Keys(settings.get("BANTIN_FLEET_PREFIX", "bantin"))
        self.worker = settings.get("BANTIN_FLEET_WORKER") or worker_name()
        self.processing = self.keys.processing(self.worker)
        self.heartbeat_s = settings.getfloat("BANTIN_FLEET_HEARTBEAT", 15.0)
        self.run_id = settings.getint("BANTIN_FLEET_RUN_ID", 0) or None
        self.lease_script = self.server.register_script(LEASE)
        self.robots_script = self.server.register_script(ROBOTS)
        self.recover_script = self.server.register_script(RECOVER)  # our own requests, back to the queue
        self.crawl_delay_ms: dict[str, int] = {}  # lease host -> robots.txt's Crawl-delay
        # acks and lease releases wait for the end of the reactor's turn and go together
        self.pending_acks: list[str] = []
        self.pending_releases: list[tuple[str, str]] = []
        self.flush_call: Any = None
        self.stopping = False
        self.lost_reason: str | None = None
        self.beat = task.LoopingCall(self.heartbeat)
        self.spider: Any = None
        crawler.signals.connect(self.opened, signal=signals.spider_opened)
        crawler.signals.connect(self.closed, signal=signals.spider_closed)
        crawler.signals.connect(self.idle, signal=signals.spider_idle)
        crawler.signals.connect(self.item_done, signal=signals.item_scraped)
        crawler.signals.connect(self.item_done, signal=signals.item_dropped)
        crawler.signals.connect(self.item_done, signal=signals.item_error)
        crawler.signals.connect(self.dropped, signal=signals.request_dropped)

    @classmethod
    def from_crawler(cls, crawler: Any) -> FleetExtension:
        return cls(crawler)

    # ------------------------------------------------------------------ life cycle
    def opened(self, spider: Any) -> None:
        """Register, start the heartbeat, take back dead workers' requests, seed the run."""
        self.spider = spider
        # An idle engine asks its scheduler for work every 5 s; a fleet worker must notice the
        # requests other workers queue sooner, or one worker ends up doing a small run alone.
        self.crawler.engine._SLOT_HEARTBEAT_INTERVAL = 0.5
        spider.events = FleetEvents(self)
        self.server.hset(self.keys.workers, self.worker, json.dumps(
            {"host": socket.gethostname(), "pid": os.getpid(), "started": time.time()}))
        self.heartbeat()
        self.beat.start(max(self.heartbeat_s / 3, 0.2), now=False)
        recover(self.server, self.keys)
        self.seed(spider)

    def seed(self, spider: Any) -> None:
        """Queue the run's feeds and listing pages, once per run, all or nothing."""
        if self.server.exists(self.keys.seeded):
            return
        if not self.server.set(self.keys.seed_lock, self.worker, nx=True, ex=120):
            return  # another worker is seeding; its requests arrive in one transaction
        try:
            if self.server.exists(self.keys.seeded):
                return
            queue = ReliableQueue(self.server, spider, self.keys.requests)
            pipe = self.server.pipeline(transaction=True)
            n = 0
            for request in spider.seed_requests():
                token = uuid.uuid4().hex[:16]
                request.meta["fleet_token"] = token
                pipe.zadd(self.keys.requests,
                          {token.encode() + b" " + queue._encode_request(request): -request.priority})
                n += 1
            pipe.set(self.keys.seeded, str(n))
            pipe.execute()
            log.info("fleet: seeded %d feeds and listing pages", n)
        finally:
            self.server.delete(self.keys.seed_lock)

    def heartbeat(self) -> None:
        """Say this worker is alive (and flush its counts), every third of the heartbeat."""
        try:
            self.server.set(self.keys.alive(self.worker), "1", px=int(self.heartbeat_s * 1000))
        except REDIS_DOWN as exc:
            self.lost(exc)
            return
        if self.spider is not None and isinstance(self.spider.events, FleetEvents):
            try:
                self.spider.events.flush()
                # a quiet spell must not hold feed states back for long either
                self.spider.flush_feed_states(older_than=self.spider.store_batch_seconds)
            except Exception as exc:  # noqa: BLE001 - the heartbeat must outlive a db hiccup
                log.warning("fleet: could not record counts/errors yet: %s", exc)

    def closed(self, spider: Any, reason: str) -> None:
        """Flush counts; give back anything still held (a Ctrl-C) and stop the heartbeat."""
        if self.beat.running:
            self.beat.stop()
        self.flush_finished()
        events = spider.events
        if isinstance(events, FleetEvents):
            events.flush()
        if self.stopping:
            return
        try:
            # a clean stop leaves nothing in flight; a non-empty hash (e.g. Ctrl-C) is
            # given back to the queue at once rather than after the heartbeat expires
            if self.server.hlen(self.processing):
                self.recover_script(
                    keys=[self.keys.requests, self.processing])
            self.server.delete(self.keys.alive(self.worker))
        except RedisError:
            pass

    def lost(self, exc: BaseException) -> None:
        """Redis is gone: stop this worker, saying so once."""
        if self.stopping:
            return
        self.stopping = True
        self.lost_reason = f"{type(exc).__name__}: {exc}"
        log.error("fleet: Redis unavailable (%s); stopping this worker", self.lost_reason)
        engine = self.crawler.engine
        if engine is not None and self.spider is not None:
            from twisted.internet import reactor

            reactor.callLater(0, engine.close_spider, self.spider, "redis_unavailable")

    # ------------------------------------------------------------------ finishing requests
    def ack(self, request: Any) -> None:
        """This request is finished: it leaves the processing hash (at the end of this turn of
        the reactor, with the other acks and lease releases of the turn)."""
        token = request.meta.get("fleet_token") if request is not None else None
        if not token or self.stopping:
            return
        self.pending_acks.append(token)
        self._schedule_flush()

    def later(self, lease_key: str, member: str) -> None:
        """Give a host's lease back (with this turn's acks; it also expires by itself)."""
        self.pending_releases.append((lease_key, member))
        self._schedule_flush()

    def _schedule_flush(self) -> None:
        if self.flush_call is None or not self.flush_call.active():
            from twisted.internet import reactor

            self.flush_call = reactor.callLater(0, self.flush_finished)

    def flush_finished(self) -> None:
        """Send the pending acks and lease releases in one round trip. A kill before this
        only means the finished requests are done again (the store keeps each article once)."""
        acks, self.pending_acks = self.pending_acks, []
        releases, self.pending_releases = self.pending_releases, []
        if self.stopping or not (acks or releases):
            return
        try:
            pipe = self.server.pipeline(transaction=False)
            if acks:
                pipe.hdel(self.processing, *acks)
            by_key: dict[str, list[str]] = {}
            for key, member in releases:
                by_key.setdefault(key, []).append(member)
            for key, members in by_key.items():
                pipe.zrem(key, *members)
            pipe.execute()
        except REDIS_DOWN as exc:
            self.lost(exc)

    def item_done(self, item: Any, response: Any = None, spider: Any = None, **_: Any) -> None:
        """The store pipeline is done with an article: its request is finished."""
        if response is not None:
            self.ack(response.request)

    def dropped(self, request: Any, spider: Any = None) -> None:
        """A retry/redirect the dupefilter refused: its original is finished."""
        self.ack(request)

    def idle(self, spider: Any) -> None:
        """Stay open while any live worker still holds requests (they may queue more)."""
        if self.stopping:
            return
        self.flush_finished()  # finished requests must not look held below
        try:
            if not self.server.exists(self.keys.seeded):
                # another worker is seeding (or died doing it: its lock lapses, we take over)
                self.seed(spider)
                raise DontCloseSpider
            recover(self.server, self.keys)
            if self.server.zcard(self.keys.requests):
                raise DontCloseSpider
            mine = self.server.hlen(self.processing)
            if mine:
                # idle here yet holding requests: their acks went missing; give them back
                self.recover_script(keys=[self.keys.requests, self.processing])
                raise DontCloseSpider
            for key in self.server.scan_iter(match=self.keys.processing("*"), count=500):
                if self.server.hlen(key):
                    raise DontCloseSpider
        except REDIS_DOWN as exc:
            self.lost(exc)


def _client(settings: Any) -> Any:
    import redis

    return redis.Redis.from_url(settings.get("REDIS_URL"), socket_timeout=10,
                                socket_connect_timeout=5)


def fleet_settings(queue_url: str, prefix: str, worker: str, run_id: int,
                   crawl: dict[str, Any], heartbeat_s: float,
                   robots: dict[str, Any] | None = None) -> dict[str, Any]:
    """Scrapy settings that turn a worker into a fleet member (``robots``: the run's [fleet]
    robots.txt settings, as the coordinator put them in the spec)."""
    from spiders import settings as project

    robots = robots or {}
    return {
        "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
        "SCHEDULER_QUEUE_CLASS": "spiders.fleet.ReliableQueue",
        "SCHEDULER_QUEUE_KEY": f"{prefix}:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{prefix}:dupefilter",
        "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
        "SCHEDULER_PERSIST": True,  # the queue belongs to the fleet, not to one worker
        "REDIS_URL": queue_url,
        "REDIS_PARAMS": {"socket_timeout": 10, "socket_connect_timeout": 5},
        "BANTIN_FLEET_PREFIX": prefix,
        "BANTIN_FLEET_WORKER": worker,
        "BANTIN_FLEET_RUN_ID": run_id,
        "BANTIN_FLEET_HEARTBEAT": heartbeat_s,
        "BANTIN_FLEET_PER_HOST": int(crawl["concurrent_per_domain"]),
        "BANTIN_FLEET_DELAY": float(crawl["download_delay"]),
        # the lease enforces the delay fleet-wide; a local one on top would only slow us down
        "DOWNLOAD_DELAY": 0,
        # robots.txt is the fleet's (spiders.robots), not each process's own
        "ROBOTSTXT_OBEY": False,
        "BANTIN_FLEET_ROBOTS": bool(crawl["obey_robots"]),
        "BANTIN_FLEET_ROBOTS_TTL": float(robots.get("robots_ttl_seconds", 86400)),
        "BANTIN_FLEET_ROBOTS_RETRY": float(robots.get("robots_retry_seconds", 300)),
        "BANTIN_FLEET_MAX_CRAWL_DELAY": float(robots.get("max_crawl_delay", 60)),
        # a dict set here replaces the project's: keep its switched-off parts (spiders.settings)
        "EXTENSIONS": {**project.EXTENSIONS, "spiders.fleet.FleetExtension": 0},
        "SPIDER_MIDDLEWARES": {**project.SPIDER_MIDDLEWARES, "spiders.fleet.AckMiddleware": 1},
        "DOWNLOADER_MIDDLEWARES": {**project.DOWNLOADER_MIDDLEWARES,
                                   "spiders.robots.FleetRobotsMiddleware": 101,
                                   "spiders.fleet.PoliteLeaseMiddleware": 960},
    }
