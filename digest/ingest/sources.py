"""The sources file (``spiders/sources.toml``): load, validate, select.

Each ``[[source]]`` is one outlet. FORMAT.md fixes ``name``, ``scope``, ``province``, ``feeds`` and
``allowed_domains``; this project adds ``province_aliases``, ``listing_pages`` + ``link_selector``
(outlets without a feed), ``selectors`` (per-outlet extraction overrides), ``enabled``,
``homepage``, ``notes``, ``verified`` (when and how its URLs were last confirmed, e.g.
``"2026-10-06, live fetch (sonthkh-alt/hdndthkpi)"``; absent means unconfirmed) and
``date_order`` ("dmy" or "mdy": how its feeds write numeric dates, when the feed itself cannot
tell); ``homepage`` alone (its feeds are discovered there, else its sitemap, else it is read as a
listing page), ``sitemaps`` and ``commune``. A ``province`` on a central or foreign source is
accepted and ignored (FORMAT.md: "provincial sources only"). ``listing_pages`` without ``link_selector`` use generic article-link discovery. A malformed file raises :class:`SourcesError` naming the file, the
entry (index and name) and the key, so an operator can fix it without reading code.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from cssselect import GenericTranslator
from lxml import etree

from digest.config import default_sources_file
from digest.errors import SourcesError, UnknownSource
from digest.geo import gazetteer
from digest.text import clean_line, fold
from digest.urls import in_domains

log = logging.getLogger(__name__)

SCOPES = ("central", "provincial", "foreign")

# The 34 provincial-level units after the 2025 merger, in the official order (digest/geo owns them).
PROVINCES = gazetteer.provinces()


def canonical_province(name: str) -> str | None:
    """Today's name for ``name`` ('Thành phố Đà Nẵng', 'TPHCM', 'Thanh Hoá', 'Thừa Thiên Huế')
    or None, for a unit merged into another in 2025 too (the gazetteer decides)."""
    return gazetteer.today(name)


def _older_unit(name: str) -> tuple[str, str] | None:
    """(the pre-2025 unit's name, today's province) for a name of one of the 63 provinces
    before the 2025 merger ('Hải Dương' -> ('Hải Dương', 'Hải Phòng')), else None."""
    old = gazetteer.canonical(name)
    today = canonical_province(gazetteer.current_name(old) or "") if old else None
    return (old, today) if old and today else None


@dataclass(frozen=True)
class Selectors:
    """One outlet's extraction overrides from the sources file (each optional).

    Each is a CSS selector (a group ``"a, b"`` selects both, in document order) or, with an
    ``xpath:`` prefix, an XPath expression. ``drop`` lists blocks removed before extraction.
    """

    title: str | None = None
    body: str | None = None
    date: str | None = None
    author: str | None = None
    drop: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # callers may pass a list (TOML arrays, tests); a tuple keeps Source hashable
        object.__setattr__(self, "drop", tuple(self.drop))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> Selectors | None:
        """Build from a TOML table (``selectors = {title=..., body=..., drop=[...]}``)."""
        if not data:
            return None
        drop = data.get("drop") or []
        if isinstance(drop, str):
            drop = [drop]
        return cls(
            title=data.get("title") or None, body=data.get("body") or None,
            date=data.get("date") or None, author=data.get("author") or None,
            drop=tuple(str(d) for d in drop),
        )

    def is_empty(self) -> bool:
        """True when no selector is set (the generic extractor alone)."""
        return not (self.title or self.body or self.date or self.author or self.drop)


@dataclass(frozen=True)
class Source:
    """One outlet of the sources file, validated."""

    name: str
    scope: str
    allowed_domains: tuple[str, ...]
    feeds: tuple[str, ...] = ()
    province: str | None = None
    province_aliases: tuple[str, ...] = ()
    listing_pages: tuple[str, ...] = ()
    link_selector: str | None = None
    selectors: Selectors = field(default_factory=Selectors)
    enabled: bool = True
    homepage: str | None = None
    notes: str | None = None
    verified: str | None = None  # "2026-10-06, how": None means never confirmed
    date_order: str | None = None  # dmy | mdy for numeric feed dates; None: read off the feed
    sitemaps: tuple[str, ...] = ()
    commune: str | None = None  # a commune or ward's own portal

    @property
    def start_urls(self) -> tuple[str, ...]:
        return self.feeds + self.listing_pages

    def to_json(self) -> dict[str, Any]:
        """Plain data (handed to the crawl subprocess and printed by ``sources list``)."""
        return {
            "name": self.name, "scope": self.scope, "province": self.province,
            "province_aliases": list(self.province_aliases), "feeds": list(self.feeds),
            "allowed_domains": list(self.allowed_domains),
            "listing_pages": list(self.listing_pages), "link_selector": self.link_selector,
            "selectors": {"title": self.selectors.title, "body": self.selectors.body,
                          "date": self.selectors.date, "author": self.selectors.author,
                          "drop": list(self.selectors.drop)},
            "enabled": self.enabled, "homepage": self.homepage, "notes": self.notes,
            "verified": self.verified, "date_order": self.date_order,
            "sitemaps": list(self.sitemaps), "commune": self.commune,
        }


_KEYS: dict[str, Any] = {
    "name": str, "scope": str, "province": str, "province_aliases": list, "feeds": list,
    "allowed_domains": list, "listing_pages": list, "link_selector": str, "selectors": dict,
    "enabled": bool, "homepage": str, "notes": str, "verified": str, "date_order": str,
    "sitemaps": list, "commune": str,
}
DATE_ORDERS = ("dmy", "mdy")
_VERIFIED = re.compile(r"^\d{4}-\d{2}-\d{2}\b")
_SELECTOR_KEYS = {"title": str, "body": str, "date": str, "author": str, "drop": list}


class _Entry:
    """Error phrasing for one entry: '<file>: source #3 ("VTC.vn"): key 'feeds': ...'."""

    def __init__(self, path: Path, index: int, raw: dict[str, Any]) -> None:
        self.path, self.index = path, index
        name = raw.get("name")
        self.label = f"source #{index}" + (f" ({name!r})" if isinstance(name, str) else "")

    def error(self, key: str | None, message: str) -> SourcesError:
        where = f"{self.path}: {self.label}"
        if key is not None:
            where += f": key {key!r}"
        return SourcesError(f"{where}: {message}")


def _str_list(entry: _Entry, key: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise entry.error(key, "must be a list of non-empty strings")
    return tuple(v.strip() for v in value)


def _check_url(entry: _Entry, key: str, url: str, domains: tuple[str, ...]) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise entry.error(key, f"{url!r} is not an http(s) URL")
    try:
        parts.port  # noqa: B018 (the parse raises on a port out of range or not a number)
    except ValueError:
        raise entry.error(key, f"{url!r} has an invalid port") from None
    if not in_domains(url, domains):
        raise entry.error(key, f"{url!r} is outside allowed_domains {list(domains)}")


def _selector(entry: _Entry, key: str, value: str) -> str:
    value = value.strip()
    if not value:
        raise entry.error(key, "is empty")
    try:
        if value.startswith("xpath:"):
            etree.XPath(value[len("xpath:"):])
        else:
            GenericTranslator().css_to_xpath(value)
    except Exception as exc:  # cssselect/lxml raise several unrelated types for bad syntax
        raise entry.error(key, f"invalid selector {value!r}: {exc}") from None
    return value


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _parse_entry(path: Path, index: int, raw: Any) -> Source:
    if not isinstance(raw, dict):
        raise SourcesError(f"{path}: source #{index}: must be a table ([[source]])")
    entry = _Entry(path, index, raw)
    for key, value in raw.items():
        if key not in _KEYS:
            raise entry.error(key, f"unknown key (known: {', '.join(sorted(_KEYS))})")
        if not isinstance(value, _KEYS[key]):
            raise entry.error(key, f"must be {_KEYS[key].__name__}, got {type(value).__name__}")
    name = clean_line(raw.get("name"))
    if not name:
        raise entry.error("name", "missing or empty (the outlet as its citation prints it)")
    scope = raw.get("scope")
    if scope is None:
        raise entry.error("scope", f"missing (one of {', '.join(SCOPES)})")
    if scope not in SCOPES:
        raise entry.error("scope", f"{scope!r} is not one of {', '.join(SCOPES)}")
    province = None
    older: list[str] = []
    if "province" in raw:
        province = canonical_province(raw["province"])
        if province is None:
            # a pre-2025 name ("Bình Phước"): record today's unit, keep the old name as an alias
            old = _older_unit(raw["province"])
            if old is None:
                raise entry.error("province", f"{raw['province']!r} is not a province or city, "
                                              "today's (34) or before the 2025 merger (63)")
            province, older = old[1], [old[0]]
    if scope == "provincial" and province is None:
        raise entry.error("province", "missing: a provincial source needs its province")
    if scope != "provincial" and province is not None:
        # FORMAT.md: "provincial sources only" (its own example gives a central outlet one):
        # accepted, but a central or foreign outlet's stories are not that province's
        log.warning("%s: %s: a %s source's province (%s) is ignored", entry.path, entry.label, scope, province)
        province, older = None, []
    declared = [clean_line(a) for a in _str_list(entry, "province_aliases", raw.get("province_aliases", []))]
    for alias in declared:
        old = _older_unit(alias)
        if old is not None and province is not None and old[1] != province:
            raise entry.error("province_aliases", f"{alias!r} is part of {old[1]} today, not {province}")
    aliases = tuple(dict.fromkeys([*older, *declared]))
    domains = _str_list(entry, "allowed_domains", raw.get("allowed_domains", []))
    if not domains:
        raise entry.error("allowed_domains", "missing: list the outlet's domains")
    for domain in domains:
        if "/" in domain or ":" in domain.replace("::", "") or " " in domain:
            raise entry.error("allowed_domains", f"{domain!r} must be a bare host name")
    feeds = _str_list(entry, "feeds", raw.get("feeds", []))
    for url in feeds:
        _check_url(entry, "feeds", url, domains)
    listing = _str_list(entry, "listing_pages", raw.get("listing_pages", []))
    for url in listing:
        _check_url(entry, "listing_pages", url, domains)
    link_selector = raw.get("link_selector")
    if link_selector is not None:
        link_selector = _selector(entry, "link_selector", link_selector)
    verified = raw.get("verified")
    if verified is not None:
        verified = clean_line(verified)
        if not _VERIFIED.match(verified) or not _is_date(verified[:10]):
            raise entry.error("verified", f"{verified!r} must start with the date it was confirmed "
                                          "(YYYY-MM-DD, then how)")
    date_order = raw.get("date_order")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise entry.error("date_order", f"{date_order!r} is not one of {', '.join(DATE_ORDERS)}")
    sitemaps = _str_list(entry, "sitemaps", raw.get("sitemaps", []))
    for url in sitemaps:
        _check_url(entry, "sitemaps", url, domains)
    homepage = raw.get("homepage")
    if homepage is not None:
        _check_url(entry, "homepage", homepage, domains)
    enabled = raw.get("enabled", True)
    if enabled and not (feeds or listing or sitemaps or homepage):
        raise entry.error("feeds", "an enabled source needs feeds, listing_pages, sitemaps or a "
                                   "homepage (its feeds are then discovered)")
    selectors = Selectors()
    if "selectors" in raw:
        sel: dict[str, Any] = {}
        for key, value in raw["selectors"].items():
            full = f"selectors.{key}"
            if key not in _SELECTOR_KEYS:
                raise entry.error(full, f"unknown key (known: {', '.join(_SELECTOR_KEYS)})")
            if not isinstance(value, _SELECTOR_KEYS[key]):
                raise entry.error(full, f"must be {_SELECTOR_KEYS[key].__name__}")
            if key == "drop":
                sel[key] = tuple(_selector(entry, full, v) for v in _str_list(entry, full, value))
            else:
                sel[key] = _selector(entry, full, value)
        selectors = Selectors(**sel)
    return Source(
        name=name, scope=scope, allowed_domains=domains, feeds=feeds, province=province,
        province_aliases=aliases, listing_pages=listing, link_selector=link_selector,
        selectors=selectors, enabled=enabled, homepage=homepage, notes=raw.get("notes"),
        verified=verified, date_order=date_order, sitemaps=sitemaps, commune=clean_line(raw.get("commune")) or None,
    )


def load_sources(path: str | Path | None = None) -> list[Source]:
    """Every source of the file (disabled ones too), validated; default ``spiders/sources.toml``."""
    file = Path(path) if path else default_sources_file()
    if not file.exists():
        raise SourcesError(f"{file}: sources file does not exist")
    try:
        with file.open("rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise SourcesError(f"{file}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise SourcesError(f"{file}: not UTF-8: {exc}") from None
    extra = set(data) - {"source"}
    if extra:
        raise SourcesError(f"{file}: unknown top-level key {sorted(extra)[0]!r} "
                           "(entries are [[source]] tables)")
    raw = data.get("source", [])
    if not isinstance(raw, list) or not raw:
        raise SourcesError(f"{file}: no [[source]] entries")
    sources: list[Source] = []
    seen: dict[str, int] = {}
    feeds: dict[str, int] = {}
    for index, item in enumerate(raw, start=1):
        source = _parse_entry(file, index, item)
        key = fold(source.name)
        if key in seen:
            raise SourcesError(f"{file}: source #{index} ({source.name!r}): key 'name': duplicate "
                               f"of source #{seen[key]}")
        seen[key] = index
        for feed in source.feeds:
            # the crawl fetches a URL once, so the second source would silently get nothing
            if feeds.setdefault(feed, index) != index:
                raise SourcesError(f"{file}: source #{index} ({source.name!r}): key 'feeds': {feed!r} "
                                   f"is already a feed of source #{feeds[feed]}")
        sources.append(source)
    return sources


def select_sources(sources: Sequence[Source], names: Iterable[str] | None = None) -> list[Source]:
    """The enabled sources, or exactly those ``names`` (matched without case/diacritics;
    a named disabled source runs). An unknown name raises :class:`UnknownSource`."""
    wanted = [n for n in (names or []) if n.strip()]
    if not wanted:
        return [s for s in sources if s.enabled]
    by_key = {fold(s.name): s for s in sources}
    out: list[Source] = []
    for name in wanted:
        source = by_key.get(fold(name.strip()))
        if source is None:
            known = ", ".join(s.name for s in sources)
            raise UnknownSource(f"no source named {name!r} (known: {known})")
        if source not in out:
            out.append(source)
    return out


def source_from_json(data: dict[str, Any]) -> Source:
    """Inverse of :meth:`Source.to_json` (the crawl subprocess receives sources this way)."""
    sel = data.get("selectors") or {}
    return Source(
        name=data["name"], scope=data["scope"], province=data.get("province"),
        province_aliases=tuple(data.get("province_aliases") or ()),
        feeds=tuple(data.get("feeds") or ()), allowed_domains=tuple(data["allowed_domains"]),
        listing_pages=tuple(data.get("listing_pages") or ()),
        link_selector=data.get("link_selector"),
        selectors=Selectors.from_mapping(sel) or Selectors(),
        enabled=data.get("enabled", True), homepage=data.get("homepage"), notes=data.get("notes"),
        verified=data.get("verified"), date_order=data.get("date_order"),
        sitemaps=tuple(data.get("sitemaps") or ()), commune=data.get("commune"),
    )


def selectors_by_domain(sources: Iterable[Source]) -> dict[str, Selectors]:
    """Each outlet's selectors keyed by its own domain (its first ``allowed_domains`` entry).

    Only the first domain counts: a moved outlet (Nld.com.vn, now on tuoitre.vn/nld/) also lists
    its new host, whose own outlet's templates differ. Disabled sources count too: an entry may
    exist only to give the extractor an outlet's selectors.
    """
    out: dict[str, Selectors] = {}
    for source in sources:
        if not source.selectors.is_empty() and source.allowed_domains:
            out.setdefault(source.allowed_domains[0].lower(), source.selectors)
    return out


@lru_cache(maxsize=1)
def known_selectors() -> dict[str, Selectors]:
    """The shipped sources file's selectors by domain, for pages read outside a crawl of their
    own source (a source without selectors linking to another outlet, the benchmarks); {} if
    the file is broken."""
    try:
        return selectors_by_domain(load_sources())
    except SourcesError as exc:
        log.warning("%s: generic extraction only for pages without selectors", exc)
        return {}
