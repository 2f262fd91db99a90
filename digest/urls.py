"""Canonical article URLs and their keys.

Two links to one article must give one key: tracking parameters, fragments, the http/https and
``www.`` variants, host case, default ports and query order are all folded away. The canonical
form keeps ``https`` (what outlets serve today) so a stored ``url`` is still a working link.
"""

from __future__ import annotations

import hashlib
import re
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

# Parameters that say where a reader came from, never which page they get.
TRACKING_PARAMS = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "igshid",
        "mc_cid", "mc_eid", "_ga", "_gl", "zarsrc", "zarsi", "zaloid", "ref", "ref_src",
        "refsrc", "spm", "cmpid", "s_cid", "ncid", "mkt_tok", "vero_id",
        "oly_anon_id", "oly_enc_id", "rb_clickid", "__twitter_impression", "_hsenc", "_hsmi",
        "itm_source", "itm_medium", "itm_campaign", "itm_content", "vnecampaign", "vn_source",
        "vn_medium", "vn_campaign", "vn_content", "vn_term", "rcv", "gidzl", "_openstat",
    }
)
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_", "hsa_", "at_")
_DEFAULT_PORTS = {"http": 80, "https": 443}
_MULTI_SLASH = re.compile(r"/{2,}")


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(_TRACKING_PREFIXES)


def canonical_url(url: str) -> str:
    """The canonical form of an article link: ``https://host/path?sorted-query`` without tracking.

    >>> canonical_url("HTTP://www.VnExpress.net/a-1.html?utm_source=fb&b=2&a=1#top")
    'https://vnexpress.net/a-1.html?a=1&b=2'
    """
    raw = url.strip()
    if raw.startswith("//"):
        raw = "https:" + raw
    parts = urlsplit(raw)
    scheme = parts.scheme.lower()
    if scheme in ("http", "https"):
        scheme = "https"
    host = (parts.hostname or "").lower().rstrip(".")
    try:
        host = host.encode("idna").decode("ascii") if host and not host.isascii() else host
    except UnicodeError:
        pass
    if host.startswith("www."):
        host = host[4:]
    port = parts.port if parts.port is not None else None
    netloc = host
    if port is not None and port not in (_DEFAULT_PORTS.get(parts.scheme.lower()), None):
        netloc = f"{host}:{port}"
    # Re-quote the path so "%C3%A1" and "á" give the same key; collapse accidental "//".
    path = quote(unquote(_MULTI_SLASH.sub("/", parts.path or "/")), safe="/:@!$&'()*+,;=-._~")
    query_pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    query = urlencode(sorted(query_pairs), doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))


def clean_url(url: str) -> str:
    """The link as fetched, minus tracking parameters and fragment (scheme and host kept, so it
    still works): what an article row shows and a bulletin links to."""
    parts = urlsplit(url.strip())
    query_pairs = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k)
    ]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query_pairs), ""))


def url_key(url: str) -> str:
    """sha1 hex of the canonical URL: the article's identity in the store."""
    return hashlib.sha1(canonical_url(url).encode("utf-8")).hexdigest()


def host_of(url: str) -> str:
    """Lower-case host without ``www.`` (empty for a relative or broken URL)."""
    try:
        host = (urlsplit(url.strip()).hostname or "").lower().rstrip(".")
    except ValueError:
        return ""
    return host[4:] if host.startswith("www.") else host


def in_domains(url: str, domains: tuple[str, ...] | list[str]) -> bool:
    """True when the URL's host is one of ``domains`` or a subdomain of one."""
    host = host_of(url)
    if not host:
        return False
    for domain in domains:
        d = domain.lower().lstrip(".")
        d = d[4:] if d.startswith("www.") else d
        if host == d or host.endswith("." + d):
            return True
    return False
