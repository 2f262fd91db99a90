"""The Scrapy adapter: one generic spider (``spiders.feeds``) for every outlet in sources.toml.

``digest`` never imports this package; the crawl runs it in a subprocess (``python -m spiders.run``).
"""
