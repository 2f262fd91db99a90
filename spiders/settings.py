"""Scrapy settings: the crawl's knobs come from the [crawl] table of the bantin settings
(digest/defaults.toml, then the user's file), read here once by :func:`from_crawl`, so
operators tune the crawl there; this module adds what is Scrapy plumbing only. ``spiders.run``
applies :func:`from_crawl` again to the [crawl] table it was handed (``bantin --config``)."""

from typing import Any

from digest.config import settings


def from_crawl(crawl: dict[str, Any]) -> dict[str, Any]:
    """Scrapy settings from a [crawl] table."""
    agent = str(crawl["user_agent"])
    contact = str(crawl.get("contact_url") or "")
    if contact and contact not in agent:
        agent = f"{agent} (+{contact})"
    return {
        "USER_AGENT": agent,
        "ROBOTSTXT_OBEY": bool(crawl["obey_robots"]),
        "AUTOTHROTTLE_ENABLED": bool(crawl["autothrottle"]),
        "CONCURRENT_REQUESTS": int(crawl["concurrent_requests"]),
        "CONCURRENT_REQUESTS_PER_DOMAIN": int(crawl["concurrent_per_domain"]),
        "DOWNLOAD_DELAY": float(crawl["download_delay"]),
        "DOWNLOAD_DELAY_JITTER": 0.5 if float(crawl["download_delay"]) > 0 else 0,  # +-50%
        "DOWNLOAD_TIMEOUT": float(crawl["download_timeout"]),
        "RETRY_TIMES": int(crawl["retry_times"]),
        "DOWNLOAD_MAXSIZE": int(crawl["max_response_bytes"]),
    }


BOT_NAME = "bantin"
# the [crawl] table: user agent, robots, concurrency, delay, timeout, retries, size limit
globals().update(from_crawl(settings()["crawl"]))
SPIDER_MODULES = ["spiders.feeds"]  # listed explicitly so discovery imports nothing else
NEWSPIDER_MODULE = "spiders"

# Scrapy starts this many asyncio workers for every callback's output; ours yield one item or
# one feed's requests, and the default 100 cost ~15% of a crawl's CPU in tasks doing nothing.
CONCURRENT_ITEMS = 8
# Scrapy checks every callback for "return value in a generator" by reading its source with
# ast, and its cache misses on bound methods: 4-5% of a crawl's CPU for a warning about our
# own callbacks, which the tests cover.
WARN_ON_GENERATOR_RETURN_VALUE = False
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DNS_TIMEOUT = 10  # a dead resolver must not stall the whole crawl for Scrapy's default 60 s
DOWNLOAD_WARNSIZE = 0
RETRY_ENABLED = True
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False  # no listening port: the crawl is driven by digest.ingest.crawl
REDIRECT_MAX_TIMES = 5
# Vietnamese outlets serve gzip/deflate/br; Accept-Language avoids English editions.
DEFAULT_REQUEST_HEADERS = {
    "Accept": "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
              "application/xml;q=0.9,*/*;q=0.8",
    "Accept-Language": "vi,en;q=0.5",
}
ITEM_PIPELINES = {"spiders.pipelines.StorePipeline": 300}
# Scrapy parts the crawl never uses, off: each wraps every callback's output or handles every
# request. No page needs a Referer or HTTP auth, the sitemap depth is the spider's own meta (not
# DepthMiddleware's), and no memory limit is set. Scrapy's stats stay: the log's closing dump is
# what an operator reads per worker (and tests check).
# spiders.fleet adds its components to these same dicts.
SPIDER_MIDDLEWARES = {
    "scrapy.spidermiddlewares.referer.RefererMiddleware": None,
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
}
DOWNLOADER_MIDDLEWARES = {"scrapy.downloadermiddlewares.httpauth.HttpAuthMiddleware": None,
                          # the same place in the chain, minding Retry-After (spiders.retry)
                          "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
                          "spiders.retry.RetryAfterMiddleware": 550}
EXTENSIONS = {"scrapy.extensions.memusage.MemoryUsage": None}
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
