"""``bantin sources import FILE.csv``: one CSV line per portal becomes one ``[[source]]``.

Columns (header required, UTF-8 with or without BOM): ``name, url, province, commune, scope``.
A portal needs only its home page: the crawl discovers its feeds (``<link rel="alternate">``),
else its sitemap, else reads the home page as a listing page. Every line is reported as added,
duplicate (same name, or a site another source already crawls) or invalid (why); bad lines
never stop the rest. The sources file is rewritten atomically and only with lines that pass the
same validation as the file itself, so a re-run adds nothing twice and a crash loses nothing.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from digest.config import default_sources_file
from digest.errors import InvalidInput
from digest.geo.gazetteer import current_name
from digest.ingest.sources import SCOPES, canonical_province, load_sources
from digest.text import clean_line, fold

COLUMNS = ("name", "url", "province", "commune", "scope")


@dataclass(frozen=True)
class ImportLine:
    """The outcome of one CSV line."""

    line: int
    outcome: str  # added | duplicate | invalid
    name: str
    message: str = ""


def _host(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower()
    return host.removeprefix("www.")


def _toml_str(value: str) -> str:
    """A TOML basic string (JSON's escaping is valid TOML for these)."""
    import json

    return json.dumps(value, ensure_ascii=False)


def _entry(name: str, url: str, scope: str, province: str | None, commune: str | None) -> str:
    host = urlsplit(url).hostname or ""
    domains = [host.lower()]
    bare = host.lower()[4:] if host.lower().startswith("www.") else None
    if bare:
        domains.append(bare)  # portals redirect between www. and the bare name
    lines = ["[[source]]", f"name = {_toml_str(name)}", f"scope = {_toml_str(scope)}"]
    if province:
        lines.append(f"province = {_toml_str(province)}")
    if commune:
        lines.append(f"commune = {_toml_str(commune)}")
    lines.append(f"homepage = {_toml_str(url)}")
    lines.append("allowed_domains = [" + ", ".join(_toml_str(d) for d in domains) + "]")
    return "\n".join(lines) + "\n"


def _rows(text: str) -> Iterator[tuple[int, dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(text))
    header = [clean_line(h).lower() for h in (reader.fieldnames or [])]
    missing = [c for c in ("name", "url") if c not in header]
    if missing:
        raise InvalidInput(f"no {', '.join(missing)} column (header: {', '.join(COLUMNS)})")
    reader.fieldnames = header
    for row in reader:
        yield reader.line_num, {k: clean_line(v or "") for k, v in row.items() if k}


def _check(row: dict[str, str]) -> tuple[str, str, str, str | None, str | None]:
    """(name, url, scope, province, commune) or InvalidInput saying what is wrong."""
    name, url = row.get("name", ""), row.get("url", "")
    if not name:
        raise InvalidInput("empty name")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(f"url {url!r} is not an http(s) address")
    try:
        parts.port  # noqa: B018 (raises on a port out of range)
    except ValueError:
        raise InvalidInput(f"url {url!r} has an invalid port") from None
    province = None
    if row.get("province"):
        # a pre-2025 province ("Long An") is filed under the unit it merged into ("Tây Ninh")
        province = canonical_province(row["province"]) or canonical_province(
            current_name(row["province"]) or "")
        if province is None:
            raise InvalidInput(f"province {row['province']!r} is not one of the 34 provinces "
                               "and cities (post-2025 names)")
    commune = row.get("commune") or None
    scope = (row.get("scope") or ("provincial" if province else "")).lower()
    if scope not in SCOPES:
        raise InvalidInput(f"scope {scope or '(empty)'!r} is not one of {', '.join(SCOPES)}")
    if scope == "provincial" and province is None:
        raise InvalidInput("a provincial source needs its province")
    return name, url, scope, province, commune


def import_sources(csv_file: str | Path, target: str | Path | None = None) -> Iterator[ImportLine]:
    """Append the CSV's new portals to the sources file ``target`` (default spiders/sources.toml,
    created if missing), yielding one :class:`ImportLine` per data line; the file is replaced
    once, at the end, after the result has been validated whole."""
    path = Path(csv_file)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput("file does not exist") from None
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    target_path = Path(target) if target else default_sources_file()
    existing = load_sources(target_path) if target_path.exists() else []
    names = {fold(s.name): s.name for s in existing}
    hosts = {_host(u): s.name for s in existing
             for u in (s.homepage, *s.feeds, *s.listing_pages, *s.sitemaps) if u}
    added: list[str] = []
    for number, row in _rows(text):
        try:
            name, url, scope, province, commune = _check(row)
        except InvalidInput as exc:
            yield ImportLine(number, "invalid", row.get("name", ""), str(exc))
            continue
        if fold(name) in names:
            yield ImportLine(number, "duplicate", name, f"a source named {names[fold(name)]!r}")
            continue
        if _host(url) in hosts:
            yield ImportLine(number, "duplicate", name, f"{_host(url)} is crawled as "
                                                         f"{hosts[_host(url)]!r}")
            continue
        names[fold(name)] = name
        hosts[_host(url)] = name
        added.append(_entry(name, url, scope, province, commune))
        yield ImportLine(number, "added", name, url)
    if added:
        _append(target_path, added)


def _append(target: Path, entries: list[str]) -> None:
    old = target.read_text(encoding="utf-8") if target.exists() else ""
    new = old + ("\n" if old and not old.endswith("\n\n") else "") + "\n".join(entries)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".sources-", suffix=".toml", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(new)
        load_sources(tmp)  # the whole file must still load before it replaces the old one
        os.replace(tmp, target)
    except BaseException:  # SourcesError included: the old file stays as it was
        Path(tmp).unlink(missing_ok=True)
        raise
