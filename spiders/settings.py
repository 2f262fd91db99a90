"""Polite Scrapy defaults. ``spiders.run`` overlays the [crawl] settings of digest/defaults.toml
(user agent, concurrency, delays, timeouts), so operators tune the crawl there, not here."""

BOT_NAME = "bantin"
SPIDER_MODULES = ["spiders.feeds"]  # listed explicitly so discovery imports nothing else
NEWSPIDER_MODULE = "spiders"

USER_AGENT = "bantin/0.1 (+https://github.com/bantin/bantin; reform-bulletin crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
# Scrapy starts this many asyncio workers for every callback's output; ours yield one item or
# one feed's requests, and the default 100 cost ~15% of a crawl's CPU in tasks doing nothing.
CONCURRENT_ITEMS = 8
DOWNLOAD_DELAY = 0.5
DOWNLOAD_DELAY_JITTER = 0.5  # +-50% around DOWNLOAD_DELAY
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
DOWNLOAD_TIMEOUT = 20
DNS_TIMEOUT = 10  # a dead resolver must not stall the whole crawl for Scrapy's default 60 s
DOWNLOAD_MAXSIZE = 8_000_000
DOWNLOAD_WARNSIZE = 0
RETRY_ENABLED = True
RETRY_TIMES = 2
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
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
