"""Generic article-link discovery on a listing page, for outlets with neither a feed nor a known
``link_selector``.

Vietnamese news sites name articles by a long slug of the headline, usually with a numeric id
or an ``.html``/``.htm`` ending (``/thu-tuc-hanh-chinh-mot-cap-...-post412345.html``,
``/...-20261124101530.htm``); section, tag and search pages have short slugs. So a link is
taken for an article when it stays on the outlet's domains and its last path segment is such a
slug. Precision matters more than recall: a wrong link costs one fetch and a ``not_article``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from digest.urls import in_domains

_ENDINGS = (".html", ".htm", ".vnp", ".ldo", ".tpo", ".aspx", ".php")
_ID = re.compile(r"(?:\d{5,}|post\d{3,}|-\d{3,})$")
# First path segments of navigation, not articles.
_NAV = {"tag", "tags", "tim-kiem", "search", "tac-gia", "author", "rss", "login", "dang-nhap",
        "lien-he", "gioi-thieu", "video", "podcast", "multimedia", "emagazine-list"}


def is_article_url(url: str, domains: Iterable[str]) -> bool:
    """Whether ``url`` looks like an article of an outlet on ``domains`` (see module doc)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not in_domains(url, tuple(domains)):
        return False
    segments = [s for s in parts.path.split("/") if s]
    if not segments or segments[0].lower() in _NAV:
        return False
    last = segments[-1].lower()
    ending = next((e for e in _ENDINGS if last.endswith(e)), "")
    stem = last[: len(last) - len(ending)] if ending else last
    words = [w for w in stem.split("-") if w]
    if len(words) < 4:
        return False
    return bool(ending) or bool(_ID.search(stem)) or len(words) >= 6


def discover_links(html: str, base_url: str, domains: Iterable[str],
                   limit: int | None = None) -> list[tuple[str, str]]:
    """(url, anchor text) of the article links of a listing page, in page order, each once
    (the longest anchor text of its links wins: image links come with none)."""
    import lxml.html

    try:
        root = lxml.html.fromstring(html)
    except Exception:  # an empty or unparsable page has no links, it is not a crash
        return []
    domains = tuple(domains)
    found: dict[str, str] = {}
    for anchor in root.iter("a"):
        href = (anchor.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = urljoin(base_url, href).split("#", 1)[0]
        if not is_article_url(url, domains):
            continue
        text = " ".join(anchor.text_content().split()) or (anchor.get("title") or "").strip()
        if url not in found:
            if limit is not None and len(found) >= limit:
                continue
            found[url] = text
        elif len(text) > len(found[url]):
            found[url] = text
    return list(found.items())
