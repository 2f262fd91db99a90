"""Retries that honour ``Retry-After``.

Scrapy's RetryMiddleware asks again at once, so a 429 or 503 that says "come back in two
minutes" was hit two more times within the same second. Such an answer is not retried in this
run: it fails as usual (``http_429``/``http_503``, a transient failure whose feed keeps no
validators), so the next run asks again, by then well after the server's wish.
"""

from __future__ import annotations

from typing import Any

from scrapy.downloadermiddlewares.retry import RetryMiddleware


class RetryAfterMiddleware(RetryMiddleware):
    """RetryMiddleware, except for answers carrying ``Retry-After`` (see the module docstring)."""

    def process_response(self, request: Any, response: Any, spider: Any = None) -> Any:
        if response.status in (429, 503) and response.headers.get(b"Retry-After"):
            return response
        return super().process_response(request, response, spider)
