"""Failure kinds: one short word per way a request can fail, counted per source."""

from __future__ import annotations

from typing import Any

from scrapy import exceptions as sx
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet import error as tx

from digest.ingest.challenge import CHALLENGE_MESSAGE, is_challenge

_KINDS: list[tuple[tuple[type[BaseException], ...], str]] = [
    ((sx.CannotResolveHostError, tx.DNSLookupError), "dns"),
    ((sx.DownloadTimeoutError, tx.TimeoutError, tx.TCPTimedOutError), "timeout"),
    ((sx.DownloadConnectionRefusedError, tx.ConnectionRefusedError, tx.ConnectError,
      tx.ConnectionLost, tx.ConnectionDone), "connection"),
    ((sx.ResponseDataLossError,), "data_loss"),
    ((sx.DownloadCancelledError,), "too_large"),
]


def classify_failure(failure: Any) -> tuple[str, str]:
    """(kind, message) for a Twisted failure from a request errback."""
    exc = failure.value
    if isinstance(exc, HttpError):
        status = exc.response.status
        if is_challenge(exc.response.body):  # Cloudflare-style challenges come as 403/503
            return "challenge", f"HTTP {status}: {CHALLENGE_MESSAGE}"
        return f"http_{status}", f"HTTP {status}"
    if isinstance(exc, sx.IgnoreRequest):
        text = str(exc)
        if "robots" in text.lower() and "unreachable" in text.lower():
            return "robots_unreachable", text  # spiders.robots: 5xx or no answer, for now
        if "robots" in text.lower():
            return "robots", "forbidden by robots.txt"
        if "offsite" in text.lower() or "allowed" in text.lower():
            return "offsite", text or "outside allowed_domains"
        return "ignored", text or "request ignored"
    for types, kind in _KINDS:
        if isinstance(exc, types):
            return kind, f"{type(exc).__name__}: {exc}"[:500]
    name = type(exc).__name__
    if "Timeout" in name:
        return "timeout", f"{name}: {exc}"[:500]
    if "DNS" in name or "Resolve" in name:
        return "dns", f"{name}: {exc}"[:500]
    return "network", f"{name}: {exc}"[:500]


TRANSIENT = frozenset({"timeout", "connection", "dns", "data_loss", "network", "http_408",
                       "http_429", "robots_unreachable"})


def is_transient(kind: str) -> bool:
    """Failures worth retrying on the next run (server errors, network trouble)."""
    return kind in TRANSIENT or (kind.startswith("http_5") and len(kind) == 8)
