"""Recognise an anti-bot cookie/JavaScript challenge served instead of a feed or an article.

Lao Động answers plain HTTP clients with a tiny page whose script sets a ``D1N`` cookie and
reloads; Cloudflare, Sucuri and Incapsula have their own. Such an answer is neither an empty nor
a broken feed, and the fix is an operator's (ask the outlet, or park the source), so it gets its
own failure kind, ``challenge``. bantin never runs the script or forges the cookie.
"""

from __future__ import annotations

import re

CHALLENGE_MESSAGE = ("the site answers with a cookie/JavaScript challenge instead of content "
                     "(not circumvented: ask the outlet or disable the source)")

# Vendor markers that only challenge pages carry.
_MARKERS = (b"d1n=", b"cf-browser-verification", b"challenge-platform", b"__cf_chl_", b"cf_chl_opt",
            b"sucuri_cloudproxy_js", b"_incapsula_resource", b"checking your browser")
_COOKIE_SCRIPT = re.compile(rb"document\.cookie\s*=", re.I)
_RELOAD = re.compile(rb"location\.(?:reload|replace|href|assign)|window\.location\s*=|location\s*=", re.I)
_SCRIPTS = re.compile(rb"<script\b.*?</script>", re.I | re.S)
_TAGS = re.compile(rb"<[^>]+>")
# Challenge pages are tiny; a real page that happens to set a cookie is not.
_MAX_CHALLENGE_BYTES = 64_000
_MAX_VISIBLE_CHARS = 300


def is_challenge(body: bytes | str | None) -> bool:
    """Whether ``body`` is a cookie/JavaScript challenge page rather than content."""
    if not body:
        return False
    data = body.encode("utf-8", "replace") if isinstance(body, str) else body
    if len(data) > _MAX_CHALLENGE_BYTES:
        return False
    head = data.lstrip()[:200].lower()
    if head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")):
        return False  # a feed, whatever its items say
    lowered = data.lower()
    if b"<script" not in lowered:
        return False
    if any(marker in lowered for marker in _MARKERS):
        return True
    if not (_COOKIE_SCRIPT.search(data) and _RELOAD.search(data)):
        return False
    visible = _TAGS.sub(b" ", _SCRIPTS.sub(b" ", data))
    return len(b" ".join(visible.split())) <= _MAX_VISIBLE_CHARS
