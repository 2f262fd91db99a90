"""Crawl subprocess: ``python -m spiders.run -`` (spec on stdin) or ``... SPEC.json``, or a fleet
worker: ``python -m spiders.run --fleet QUEUE_URL DB_URL PREFIX HEARTBEAT_S`` (see spiders.fleet).

``digest.ingest.crawl.run_crawl`` pipes the spec (database URL, sources, [crawl] settings, refresh,
raw Scrapy overrides) to stdin, so no file holding the database URL is left behind when the
crawl is killed, and reads progress events from this process's stdout. Running Scrapy in its
own process lets one Python process crawl many times (Twisted's reactor cannot restart).

Exit status: 0 when the spider closed as "finished"; ``INTERRUPTED`` when it was stopped
(SIGTERM/SIGINT: Scrapy closes it as "shutdown") or closed for any other reason.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from spiders.events import Events
from spiders.settings import from_crawl

log = logging.getLogger(__name__)


class _StopOnceProcess(CrawlerProcess):
    """Scrapy's process, except that a second stop signal does not force an unclean shutdown.
    A terminal's Ctrl-C (or a service manager's SIGTERM) reaches the whole process group: this
    process and ``bantin crawl``, which passes it on as SIGTERM, so two arrive for one request
    to stop, and the second used to throw away the articles in hand. Insisting is the parent's
    job: a second Ctrl-C there sends SIGKILL."""

    def _signal_kill(self, signum: int, _: Any) -> None:
        log.info("signal %s again: already stopping gracefully", signum)


def scrapy_settings(crawl: dict[str, Any], raw: dict[str, Any] | None = None) -> Settings:
    """Scrapy settings from the [crawl] table (plus raw UPPER-CASE overrides)."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.setdict(from_crawl(crawl), priority="cmdline")
    if raw:
        settings.setdict(raw, priority="cmdline")
    return settings


INTERRUPTED = 4


def fleet_main(queue_url: str, db_url: str, prefix: str, heartbeat_s: float) -> int:
    """One fleet worker: the run's spec comes from Redis, requests from the shared queue."""
    from digest.ingest.fleet_queue import Keys, QueueUnavailable, connect
    from spiders.fleet import EXIT_REDIS_LOST, fleet_settings, worker_name

    try:
        client = connect(queue_url)
    except QueueUnavailable as exc:
        print(f"bantin worker: {exc}", file=sys.stderr)
        return EXIT_REDIS_LOST
    keys = Keys(prefix)
    raw_spec = client.get(keys.spec)
    if raw_spec is None:
        print(f"bantin worker: no crawl is queued in {queue_url} (start one with "
              "`bantin crawl --queue URL`)", file=sys.stderr)
        return 0
    spec = json.loads(raw_spec)
    spec.update(db_url=db_url, fleet=True)
    worker = worker_name()
    from spiders.feeds import FeedSpider

    settings = scrapy_settings(spec["crawl"], spec.get("scrapy"))
    settings.setdict(fleet_settings(queue_url, prefix, worker, int(spec["run_id"]),
                                    spec["crawl"], heartbeat_s, spec.get("robots")),
                    priority="cmdline")
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(FeedSpider)
    process.crawl(crawler, spec=spec)
    _start(process, f"-{worker}")
    fleet = getattr(crawler, "fleet", None)
    if fleet is not None and fleet.lost_reason:
        print(f"bantin worker {worker}: stopped, Redis at {queue_url} went away "
              f"({fleet.lost_reason}); unfinished requests stay queued: run the crawl again "
              "to resume", file=sys.stderr)
        return EXIT_REDIS_LOST
    return 0


def _filter_at_loggers(settings: Settings) -> None:
    """Scrapy leaves the root and its own loggers at NOTSET and filters in its handler, so
    every request (Scrapy) and every article (readability) built debug records nobody reads,
    2-4% of a crawl's CPU: filter at the loggers instead (after CrawlerProcess has installed
    its handler and the crawler its settings, each of which resets the root level). What is
    written to the log is unchanged."""
    level = settings.get("LOG_LEVEL") or "INFO"
    logging.getLogger().setLevel(level)
    logging.getLogger("scrapy").setLevel(level)


def _start(process: CrawlerProcess, suffix: str) -> None:
    """Run the crawl; under $BANTIN_CRAWL_PROFILE (developers), in cProfile, its output in that
    file (a fleet worker's: the file name followed by ``-WORKER``)."""
    _filter_at_loggers(process.settings)
    profile_to = os.environ.get("BANTIN_CRAWL_PROFILE")
    if not profile_to:
        process.start()
        return
    import cProfile
    import time

    # CPU time, not wall time: the crawl's figure is pages per CPU-second, and on a busy
    # machine wall time charges blocking (pipe writes, fsync) to whatever waits.
    profiler = cProfile.Profile(time.process_time)
    profiler.runcall(process.start)
    profiler.dump_stats(profile_to + suffix)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if args and args[0] == "--fleet":
        # --fleet QUEUE_URL DB_URL PREFIX HEARTBEAT_S
        return fleet_main(args[1], args[2], args[3], float(args[4]))
    if args[0] == "-":
        spec = json.loads(sys.stdin.read())
    else:
        spec = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    events = Events.take_stdout()
    from spiders.feeds import FeedSpider  # after the fd swap: imports may print

    settings = scrapy_settings(spec["crawl"], spec.get("scrapy"))
    process = _StopOnceProcess(settings)
    stages_to = os.environ.get("BANTIN_CRAWL_STAGES")  # bench.bench_crawl: CPU per stage
    clock = None
    if stages_to:
        from spiders.stages import StageClock

        clock = StageClock()
        clock.install()
    crawler = process.create_crawler(FeedSpider)
    process.crawl(crawler, spec=spec, events=events)
    if clock is not None:
        clock.loop_starts()
    _start(process, "")
    if clock is not None and stages_to:
        clock.write(stages_to)
    reason = getattr(crawler.spider, "close_reason", None)
    events.emit("done", "", reason=reason)
    return 0 if reason == "finished" else INTERRUPTED


if __name__ == "__main__":
    raise SystemExit(main())
