"""Build the readers' site: mkdocs + Material for the pages, our own static index for search.

``build_site(engine)`` is incremental: a manifest of content hashes (kept in a staging folder
next to the output, ``.<out>-src/``) says which generated pages changed; only those are written,
and mkdocs rebuilds only pages whose source is newer than their output (its ``dirty`` mode).
Listing pages, the feed and the sitemap are regenerated from the bulletins' summaries each time;
search re-indexes only the bundles whose stories changed (see ``digest.site.search``). A change of the site's shell (theme
files, templates, settings) or ``full=True`` rebuilds everything.

Published bulletins are read from ``Bulletin.snapshot`` (the FORMAT.md JSON) only.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Text, cast, func, select
from sqlalchemy.engine import Engine
from sqlmodel import Session

from digest.bulletin import identity
from digest.bulletin.doc import BulletinDoc
from digest.bulletin.render import static_files
from digest.config import project_root, settings, site_dir, templates_dir
from digest.errors import BantinError
from digest.geo.gazetteer import current_name
from digest.site import pages
from digest.site import search as site_search
from digest.store.models import Bulletin

log = logging.getLogger(__name__)

MANIFEST_VERSION = 2  # 2: own search index instead of pagefind
MARKER = ".bantin-build.json"
NEIGHBOURS = (2, 3)  # footer "Các tin khác": up to 2 newer and 3 older bulletins


class SiteBuildError(BantinError):
    """The site could not be built."""


@dataclass
class BuildReport:
    """What one build did. ``pages_written`` are docs paths whose content changed."""

    out_dir: Path
    full: bool
    bulletins: int = 0
    pages_written: list[str] = field(default_factory=list)
    pages_removed: list[str] = field(default_factory=list)
    bundles_indexed: list[str] = field(default_factory=list)
    seconds: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    @property
    def index_html(self) -> Path:
        return self.out_dir / "index.html"

    def summary(self) -> str:
        kind = "full" if self.full else "incremental"
        return (f"{kind} build of {self.bulletins} bulletins in {self.seconds:.1f}s: "
                f"{len(self.pages_written)} pages written, {len(self.pages_removed)} removed, "
                f"search re-indexed: {', '.join(self.bundles_indexed) or 'nothing'}"
                f" -> {self.out_dir}")


def _sha(text: str | bytes) -> str:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return hashlib.sha1(data).hexdigest()


def _shell_files() -> list[Path]:
    """Files whose change alters every page: the mkdocs shell, the site and bulletin templates."""
    root = site_dir()
    files = [root / "mkdocs.yml"]
    for sub in (root / "overrides", root / "docs", templates_dir() / "site", templates_dir() / "static"):
        files += sorted(p for p in sub.rglob("*") if p.is_file())
    files += sorted(templates_dir().glob("_*.html"))
    # the code that turns documents into pages: an upgrade re-renders everything once
    package = Path(__file__).resolve().parent.parent
    files += [package / name for name in ("site/pages.py", "bulletin/render.py", "bulletin/doc.py", "text.py")]
    return [f for f in files if f.exists()]


def _shell_hash(site_url: str) -> str:
    h = hashlib.sha1()
    for path in _shell_files():
        h.update(path.name.encode())
        h.update(path.read_bytes())
    general = settings()["general"]
    site = {k: v for k, v in settings()["site"].items() if k != "out_dir"}  # identity, URLs, feed size
    for value in (site_url, general["publisher"], general["bulletin_title"],
                  json.dumps(site, sort_keys=True, default=str), str(MANIFEST_VERSION)):
        h.update(value.encode())
    return h.hexdigest()


def _site_url() -> str:
    return identity.readers_url()


def default_out_dir() -> Path:
    out = Path(str(settings()["site"]["out_dir"]))
    return out if out.is_absolute() else project_root() / out


def staging_dir(out_dir: Path) -> Path:
    """Generated mkdocs sources and the manifest live beside the output, never inside it
    (a full mkdocs build empties the output folder)."""
    return out_dir.parent / f".{out_dir.name}-src"


def _write_if_changed(path: Path, text: str) -> bool:
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)
    return True


def _published_rows(engine: Engine) -> list[tuple[date, str, str]]:
    """(day, title, fingerprint) of every published bulletin, newest first, without reading
    the snapshots: the fingerprint (publication time, last change, snapshot length) tells
    whether a bulletin may have changed since the last build (publish and reopen touch
    ``updated_at``)."""
    size = func.length(cast(Bulletin.snapshot, Text))
    with Session(engine) as session:
        rows = session.execute(
            select(Bulletin.date, Bulletin.title, Bulletin.published_at, Bulletin.updated_at, size)
            .where(Bulletin.status == "published", Bulletin.snapshot.is_not(None))  # type: ignore[union-attr]
            .order_by(Bulletin.date.desc())  # type: ignore[attr-defined]
        ).all()
    return [(d, t, f"{p}|{u}|{n}") for d, t, p, u, n in rows]


def _stream_docs(engine: Engine, days: list[date] | None = None) -> Iterator[tuple[BulletinDoc, str]]:
    """Published bulletins (newest first) as documents with their snapshot hash, a few rows at a
    time so a five-year archive never sits in memory at once."""
    publisher = str(settings()["general"]["publisher"])
    stmt = (select(Bulletin.snapshot)
            .where(Bulletin.status == "published", Bulletin.snapshot.is_not(None))  # type: ignore[union-attr]
            .order_by(Bulletin.date.desc()))  # type: ignore[attr-defined]
    if days is not None:
        if not days:
            return
        stmt = stmt.where(Bulletin.date.in_(days))  # type: ignore[attr-defined]
    with Session(engine) as session:
        result = session.execute(stmt.execution_options(yield_per=64))
        for (snapshot,) in result:
            data = snapshot if isinstance(snapshot, dict) else json.loads(snapshot)
            digest = _sha(json.dumps(data, sort_keys=True, ensure_ascii=False))
            try:
                doc = BulletinDoc.from_json(data, publisher=publisher)
            except (KeyError, ValueError, TypeError) as exc:
                log.warning("skipping a published bulletin with an unreadable snapshot: %s", exc)
                continue
            yield doc, digest


def _current_name_fn() -> Any:
    def safe(name: str) -> str | None:
        try:
            return current_name(name)
        except Exception:  # a gazetteer problem must not break the readers' site
            return None

    return safe


def _run_mkdocs(docs: Path, out_dir: Path, site_url: str, dirty: bool, report: BuildReport) -> None:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            msg = record.getMessage()
            if record.levelno >= logging.WARNING and "dirty" not in msg:
                report.warnings.append(msg)

    mk_log = logging.getLogger("mkdocs")
    handler = Collect()
    old_propagate, old_level = mk_log.propagate, mk_log.level
    mk_log.addHandler(handler)
    mk_log.propagate = False  # mkdocs' INFO chatter and the expected "dirty build" warning
    mk_log.setLevel(logging.WARNING)
    try:
        general, site = settings()["general"], settings()["site"]
        extra = {"publisher": str(general["publisher"]), "subscribe_url": identity.subscribe_url(),
                 "logo": "assets/logo" + identity.logo_file().suffix, "og_image": str(site["og_image"]),
                 "generator": False}
        config = load_config(config_file=str(site_dir() / "mkdocs.yml"), docs_dir=str(docs),
                             site_dir=str(out_dir), site_url=site_url,
                             site_name=str(general["bulletin_title"]), extra=extra)
        _cache_theme_templates(config, docs.parent / "jinja-cache")
        config.plugins["bantin-spool"] = _spool_plugin(docs.parent / "mkdocs-spool.bin")
        build(config, dirty=dirty)
    except MkDocsException as exc:
        raise SiteBuildError(f"mkdocs could not build the site: {exc}") from exc
    finally:
        mk_log.removeHandler(handler)
        mk_log.propagate, mk_log.level = old_propagate, old_level


def _spool_plugin(spool: Path) -> Any:
    """A mkdocs plugin that keeps one page's text in memory at a time. mkdocs converts every
    page before it renders any, holding all their Markdown and HTML at once (~250 MB for five
    years of bulletins, twice the rest of the build): each page's HTML waits on disk between
    the two passes instead."""
    from mkdocs.plugins import BasePlugin

    class Spool(BasePlugin):  # type: ignore[type-arg]
        # one append-only file and (offset, length) per page: no file per page to create and delete
        def on_pre_build(self, config: Any) -> None:
            spool.parent.mkdir(parents=True, exist_ok=True)
            self.file = open(spool, "w+b")  # noqa: SIM115 - closed in on_post_build
            self.where: dict[str, tuple[int, int]] = {}

        def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
            data = html.encode("utf-8")
            self.file.seek(0, os.SEEK_END)
            self.where[page.file.src_uri] = (self.file.tell(), len(data))
            self.file.write(data)
            page.markdown = ""  # read again by nothing after conversion
            return ""

        def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
            spot = self.where.pop(page.file.src_uri, None)
            if spot is not None:
                self.file.seek(spot[0])
                page.content = self.file.read(spot[1]).decode("utf-8")
            return context

        def on_post_page(self, output: str, page: Any, config: Any) -> str:
            page.content = None
            return output

        def on_post_build(self, config: Any) -> None:
            self.file.close()
            spool.unlink(missing_ok=True)

        def on_build_error(self, error: Exception) -> None:
            self.on_post_build(None)

    return Spool()


def _cache_theme_templates(config: Any, cache_dir: Path) -> None:
    """Keep Material's compiled templates between builds: compiling them is most of the fixed
    cost of an incremental build (seconds on a busy machine)."""
    import jinja2

    theme = config.theme
    make_env = theme.get_env
    cache_dir.mkdir(parents=True, exist_ok=True)

    def get_env() -> jinja2.Environment:
        env = make_env()
        env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache_dir))
        return env

    theme.get_env = get_env


def _copy_shell_docs(docs: Path) -> list[str]:
    """Hand-written pages and assets from ``site/docs`` plus the bulletin's own CSS/JS."""
    written = []
    src_root = site_dir() / "docs"
    for src in sorted(p for p in src_root.rglob("*") if p.is_file()):
        rel = src.relative_to(src_root).as_posix()
        if _write_bytes_if_changed(docs / rel, src.read_bytes()):
            written.append(rel)
    for name, src in static_files().items():
        if _write_bytes_if_changed(docs / "assets" / "bantin" / name, src.read_bytes()):
            written.append(f"assets/bantin/{name}")
    logo = identity.logo_file()
    generated = {"assets/identity.css": identity.css_variables().encode(),
                 f"assets/logo{logo.suffix}": logo.read_bytes()}
    for rel_path, data in generated.items():
        if _write_bytes_if_changed(docs / rel_path, data):
            written.append(rel_path)
    return written


def _write_bytes_if_changed(path: Path, data: bytes) -> bool:
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def _neighbours(index: list[tuple[date, str]], pos: int) -> list[tuple[date, str]]:
    newer, older = NEIGHBOURS
    return index[max(0, pos - newer):pos] + index[pos + 1:pos + 1 + older]


def build_site(engine: Engine, out_dir: str | Path | None = None, full: bool = False) -> BuildReport:
    """Build (or update) the readers' site from published bulletins into ``out_dir`` (default
    ``settings()["site"]["out_dir"]``). Incremental unless ``full`` or the shell changed.
    Safe to re-run; a run that changes nothing writes nothing."""
    out = (Path(out_dir) if out_dir else default_out_dir()).resolve()
    stage = staging_dir(out)
    stage.mkdir(parents=True, exist_ok=True)
    # One build at a time per output (the editor's publish and a cron'd CLI run may overlap).
    with open(stage / "build.lock", "w") as lock:
        try:
            import fcntl

            fcntl.flock(lock, fcntl.LOCK_EX)
        except ImportError:  # not POSIX: no lock
            pass
        return _build(engine, out, stage, full)


def _build(engine: Engine, out: Path, stage: Path, full: bool) -> BuildReport:
    started = time.perf_counter()
    docs, search_src = stage / "docs", stage / "search"
    manifest_path = stage / "manifest.json"
    site_url = _site_url()
    shell = _shell_hash(site_url)

    manifest: dict[str, Any] = {}
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        except ValueError:
            manifest = {}
    marker = out / MARKER
    marker_ok = marker.exists() and marker.read_text(encoding="utf-8") == manifest.get("build_id")
    if (manifest.get("version") != MANIFEST_VERSION or manifest.get("shell") != shell
            or not marker_ok or not (out / "index.html").exists()):
        full = True
    if full:
        manifest = {}
        shutil.rmtree(docs, ignore_errors=True)
        shutil.rmtree(search_src, ignore_errors=True)
    report = BuildReport(out_dir=out, full=full)
    old_pages: dict[str, str] = dict(manifest.get("pages", {}))
    old_bulletins: dict[str, str] = dict(manifest.get("bulletins", {}))
    new_pages: dict[str, str] = {}
    new_bulletins: dict[str, str] = {}
    t = time.perf_counter()

    def put(path: str, text: str, key: str | None = None) -> None:
        """Write a docs page when its content key changed since the last build."""
        key = key or _sha(text)
        new_pages[path] = key
        if old_pages.get(path) != key or not (docs / path).exists():
            _write_if_changed(docs / path, text)
            report.pages_written.append(path)

    report.pages_written += _copy_shell_docs(docs)

    # 1. bulletin pages: rendered only when the snapshot or the footer's neighbours changed.
    #    Snapshots are read only for bulletins whose fingerprint moved (or whose page must be
    #    redone); the others' summaries and hashes come from the manifest's cache.
    rows = _published_rows(engine)
    index = [(day, title) for day, title, _ in rows]
    report.bulletins = len(index)
    position = {day: i for i, (day, _) in enumerate(index)}
    cache: dict[str, Any] = dict(manifest.get("cache", {}))
    new_cache: dict[str, Any] = {}
    changed_days: set[date] = set()

    def page_key(digest: str, pos: int) -> str:
        neighbours = _neighbours(index, pos)
        return _sha(digest + json.dumps([(d.isoformat(), t_) for d, t_ in neighbours], ensure_ascii=False))

    need: set[date] = set()
    for pos, (day, _title, fp) in enumerate(rows):
        hit = cache.get(day.isoformat())
        path = pages.bulletin_path(day)
        if (hit is None or hit["fp"] != fp or old_pages.get(path) != page_key(hit["digest"], pos)
                or not (docs / path).exists() or not (search_src / f"{day.isoformat()}.json").exists()):
            need.add(day)
        else:
            new_cache[day.isoformat()] = hit
    if rows:
        need.add(rows[0][0])  # the home page prints the latest bulletin in full
    latest: BulletinDoc | None = None
    current_name = _current_name_fn()
    fingerprints = {day: fp for day, _, fp in rows}
    for doc, digest in _stream_docs(engine, None if len(need) == len(rows) else sorted(need)):
        if doc.date not in position:
            continue
        day_key = doc.date.isoformat()
        path = pages.bulletin_path(doc.date)
        key = page_key(digest, position[doc.date])
        if old_pages.get(path) != key or not (docs / path).exists():
            pos = position[doc.date]
            older = index[pos + 1] if pos + 1 < len(index) else None
            newer = index[pos - 1] if pos > 0 else None
            put(path, pages.bulletin_page(doc, _neighbours(index, pos), older, newer), key)
        else:
            new_pages[path] = key
        src_file = search_src / f"{day_key}.json"
        if old_bulletins.get(day_key) != digest or not src_file.exists():
            source = site_search.source_of(doc, pages.url_of(path), current_name)
            _write_if_changed(src_file, json.dumps(source, ensure_ascii=False))
            changed_days.add(doc.date)
        if position[doc.date] == 0:
            latest = doc
        new_cache[day_key] = {"fp": fingerprints[doc.date], "digest": digest,
                              "summary": pages.BulletinSummary.of(doc).to_json()}
    summaries: list[pages.BulletinSummary] = []
    for day, _ in index:
        hit = new_cache.get(day.isoformat())
        if hit is None:  # an unreadable snapshot (logged): left out
            continue
        new_bulletins[day.isoformat()] = hit["digest"]
        if (day.isoformat() not in old_bulletins) and day not in changed_days:
            changed_days.add(day)
        new_pages.setdefault(pages.bulletin_path(day), page_key(hit["digest"], position[day]))
        summaries.append(pages.BulletinSummary.from_json(day, hit["summary"]))
    report.timings["bulletin_pages"] = time.perf_counter() - t

    # 2. home, listings, feed: regenerated from summaries, written only if they differ.
    t = time.perf_counter()
    home_neighbours = index[1:1 + sum(NEIGHBOURS)]
    put("index.md", pages.home_page(latest, home_neighbours))
    digests = {date.fromisoformat(k): v for k, v in new_bulletins.items()}
    feed = {"site_url": site_url, "publisher": str(settings()["general"]["publisher"]),
            "limit": int(settings()["site"]["feed_items"])}
    for path, lazy in pages.listing_pages(summaries, current_name, digests, feed).items():
        if lazy.key is not None and old_pages.get(path) == lazy.key and (docs / path).exists():
            new_pages[path] = lazy.key  # nothing it shows has changed: not even rendered
        else:
            put(path, lazy.make(), lazy.key)
    general = settings()["general"]
    put("feed.xml", pages.feed_xml(summaries, site_url, str(general["bulletin_title"]),
                                   str(general["publisher"]), int(settings()["site"]["feed_items"])))
    report.timings["listing_pages"] = time.perf_counter() - t

    # 3. pages that no longer exist (a bulletin reopened, a month emptied): sources and output.
    for path in sorted(set(old_pages) - set(new_pages)):
        (docs / path).unlink(missing_ok=True)
        target = out / pages.url_of(path) if path.endswith(".md") else out / path
        if path.endswith(".md"):
            shutil.rmtree(target, ignore_errors=True)
        else:
            target.unlink(missing_ok=True)
        report.pages_removed.append(path)
    for day_key in set(old_bulletins) - set(new_bulletins):
        day = date.fromisoformat(day_key)
        (search_src / f"{day_key}.json").unlink(missing_ok=True)
        changed_days.add(day)

    # 4. mkdocs: everything on a full build, only newer sources otherwise.
    t = time.perf_counter()
    if full or report.pages_written or report.pages_removed:
        _run_mkdocs(docs, out, site_url, dirty=not full, report=report)
    report.timings["mkdocs"] = time.perf_counter() - t

    # 5. search: re-index the bundles whose stories changed (all of them on a full build).
    t = time.perf_counter()
    bundles: dict[str, str] = {}
    if index:
        latest_day = index[0][0]
        bundles = {day.isoformat(): site_search.bundle_of(day, latest_day) for day, _ in index}
    old_bundles: dict[str, str] = dict(manifest.get("bundle_of", {}))
    newest: dict[str, str] = {}
    for day_key, bundle in bundles.items():
        newest[bundle] = max(day_key, newest.get(bundle, ""))
    wanted = sorted(newest, key=lambda b: newest[b], reverse=True)  # newest bundle first
    if full:
        todo = set(wanted)
    else:
        todo = {bundles.get(d.isoformat()) or old_bundles.get(d.isoformat()) for d in changed_days}
        todo |= {old_bundles[k] for k in old_bundles if bundles.get(k) != old_bundles[k]}
        todo |= {bundles[k] for k in bundles if old_bundles.get(k) != bundles[k]}
        todo |= {b for b in wanted if not site_search.bundle_ready(out, b)}
    for bundle in sorted(b for b in todo if b):
        if bundle in wanted:
            days = [k for k in sorted(bundles, reverse=True) if bundles[k] == bundle and k in new_bulletins]
            site_search.index_bundle([search_src / f"{k}.json" for k in days], out, bundle)
            report.bundles_indexed.append(bundle)
        else:
            site_search.drop_bundle(out, bundle)
    site_search.write_bundles_list(out, wanted, pages.search_facets(summaries, current_name))
    report.timings["search"] = time.perf_counter() - t

    build_id = _sha(f"{time.time_ns()}{shell}")
    _write_if_changed(manifest_path, json.dumps(
        {"version": MANIFEST_VERSION, "shell": shell, "build_id": build_id,
         "pages": new_pages, "bulletins": new_bulletins, "bundle_of": bundles, "cache": new_cache},
        ensure_ascii=False))
    marker.write_text(build_id, encoding="utf-8")
    report.seconds = time.perf_counter() - started
    return report
