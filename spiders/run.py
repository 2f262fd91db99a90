"""Crawl subprocess: ``python -m spiders.run SPEC.json``.

``digest.ingest.crawl.run_crawl`` writes the spec (database URL, sources, [crawl] settings, refresh,
raw Scrapy overrides) and reads progress events from this process's stdout. Running Scrapy in
its own process lets one Python process crawl many times (Twisted's reactor cannot restart).
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


def scrapy_settings(crawl: dict[str, Any], raw: dict[str, Any] | None = None) -> Settings:
    """Scrapy settings from the [crawl] table (plus raw UPPER-CASE overrides)."""
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    settings.setdict(from_crawl(crawl), priority="cmdline")
    if raw:
        settings.setdict(raw, priority="cmdline")
    return settings


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    spec = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    events = Events.take_stdout()
    from spiders.feeds import FeedSpider  # after the fd swap: imports may print

    settings = scrapy_settings(spec["crawl"], spec.get("scrapy"))
    process = CrawlerProcess(settings)
    # Scrapy leaves its loggers at NOTSET and filters in the handler, so every request built
    # debug records nobody reads (2 % of a crawl's CPU): filter at the logger instead.
    logging.getLogger("scrapy").setLevel(settings.get("LOG_LEVEL") or "INFO")
    process.crawl(FeedSpider, spec=spec, events=events)
    profile_to = os.environ.get("BANTIN_CRAWL_PROFILE")  # developers: cProfile output file
    if profile_to:
        import cProfile
        import time

        # CPU time, not wall time: the crawl's figure is pages per CPU-second, and on a busy
        # machine wall time charges blocking (pipe writes, fsync) to whatever waits.
        profiler = cProfile.Profile(time.process_time)
        profiler.runcall(process.start)
        profiler.dump_stats(profile_to)
    else:
        process.start()
    events.emit("done", "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
