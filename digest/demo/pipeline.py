"""The demo run: serve the bundled outlets, then crawl -> classify -> draft, the desk's pass,
publish -> site. The desk's pass plays the editor from the corpus's ground truth: it leaves out
the ordinary news the classifier let through (and prints it), as an editor does on the board.

Each stage is the same library call the CLI makes, so the demo exercises the real pipeline.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from rich.console import Console

from digest import config
from digest.bulletin.draft import draft_bulletin
from digest.bulletin.identity import readers_url
from digest.bulletin.publish import publish
from digest.classify.classifier import classify_stored
from digest.config import settings
from digest.demo.server import DemoServer, write_sources
from digest.ingest.crawl import run_crawl
from digest.site.build import build_site
from digest.store.db import open_db, session_scope
from digest.text import VN_TZ, parse_hhmm

# wide enough for the crawl table when stderr is a log file, not a terminal
console = Console(stderr=True, width=None if sys.stderr.isatty() else 150)

DEMO_FIRST_DAY = date(2026, 11, 23)
DEMO_LAST_DAY = date(2026, 11, 27)


def demo_days() -> list[date]:
    days = (DEMO_LAST_DAY - DEMO_FIRST_DAY).days + 1
    return [DEMO_FIRST_DAY + timedelta(days=i) for i in range(days)]


def _corpus_path(url: str) -> str:
    """A stored article's URL as the demo corpus names it (portals keep the id in the query)."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def desk_pass(session: object, day: date) -> list[str]:
    """The demo's editor: exclude from the day's draft every story the corpus's ground truth
    calls ordinary news, exactly as an editor would on the board (each exclusion is stored as a
    correction for ``bantin train``). Returns the excluded headlines: what the classifier let
    through, printed so the demo shows its errors rather than hiding them."""
    from sqlmodel import Session, select

    from digest.bulletin.curate import exclude
    from digest.bulletin.draft import get_bulletin
    from digest.demo.corpus import load_articles
    from digest.store.models import Article, BulletinItem

    assert isinstance(session, Session)
    ordinary = {a.path for a in load_articles() if not a.labels.relevant}
    bulletin = get_bulletin(session, day)
    if bulletin is None:
        return []
    rows = session.exec(select(BulletinItem, Article).join(Article, Article.id == BulletinItem.article_id)
                        .where(BulletinItem.bulletin_id == bulletin.id, BulletinItem.included.is_(True))).all()  # type: ignore[union-attr,attr-defined]
    out = []
    for item, article in rows:
        if _corpus_path(article.url) in ordinary:
            exclude(session, day, item.id, editor="demo-desk")
            out.append(article.title)
    return out


def _bantin_command() -> str:
    """How the user can call bantin again: the script beside this Python (.venv/bin/bantin),
    relative to the working directory when it lies inside it."""
    script = Path(sys.executable).parent / "bantin"
    if not script.exists():
        return "bantin"
    try:
        return str(script.relative_to(Path.cwd()))
    except ValueError:
        return str(script)


def _demo_config(out: Path, site_url: str) -> str:
    """`` --config FILE`` for the commands the demo prints, or '' when the user's own settings
    already name the readers' site. Without it the editors' app would take its own address for
    the site: the site's subscribe box would be refused as foreign and the mail's "Xem trên web"
    would point at the app, which does not serve the bulletin pages."""
    current = settings()
    if current.user_file is not None or str(current["site"]["url"]).strip():
        return ""
    path = out / "demo.toml"
    path.write_text("# written by `bantin demo`: its readers' site is served on its own port\n"
                    f'[site]\nurl = "{site_url}"\n', encoding="utf-8")
    return f" --config {path.resolve()}"


@contextmanager
def _demo_site_url() -> Iterator[str]:
    """The readers' site address for the demo build: ``[site] url``, else ``[demo] site_url`` (the
    loopback port the demo tells you to serve it on), so its feeds, OpenGraph links and e-mail
    links point at the readers' site and not at the editors' app on ``[general] site_url``."""
    current = settings()
    if str(current["site"]["url"]).strip():
        yield readers_url()
        return
    data = current.as_dict()
    data["site"]["url"] = str(current["demo"]["site_url"])
    config.use_settings(config.Settings(data, current.user_file))
    try:
        yield readers_url()
    finally:
        config.use_settings(current)


def run_demo(out_dir: str | Path | None = None, db_url: str | None = None,
             keep_serving: bool = False) -> Path:
    """Run the whole pipeline on the demo corpus; returns the built site's index.html."""
    out = Path(out_dir) if out_dir else settings().data_dir / "demo"
    if db_url is None:
        # a fresh demo database each run, so re-running is safe and repeatable
        for name in ("demo.sqlite3", "demo.sqlite3-wal", "demo.sqlite3-shm"):
            (out / name).unlink(missing_ok=True)
        db_url = f"sqlite:///{(out / 'demo.sqlite3').resolve()}"
    out.mkdir(parents=True, exist_ok=True)
    engine = open_db(db_url)

    with DemoServer() as server:
        sources_file = write_sources(out / "sources.toml", server)
        console.rule("[bold]1/5 crawl")

        report = run_crawl(db_url, sources_file, overrides={"download_timeout": 2}, progress=sys.stderr.isatty())
        report.print(console) if hasattr(report, "print") else console.print(report)

        console.rule("[bold]2/5 classify")

        counts = classify_stored(engine, redo=True)
        console.print(counts)

        console.rule("[bold]3/5 draft and 4/5 publish, day by day")

        publish_time = parse_hhmm(settings()["bulletin"]["publish_time"])
        for day in demo_days():
            at = datetime.combine(day, publish_time, tzinfo=VN_TZ)
            with session_scope(engine) as session:
                draft_bulletin(session, day, now=at)
            with session_scope(engine) as session:
                for title in desk_pass(session, day):
                    console.print(f"  the desk leaves out ordinary news the classifier let through: {title}")
            with session_scope(engine) as session:
                doc = publish(session, day, editor="demo", at=at)
            console.print(f"{day:%d/%m/%Y}: {len(doc.items)} stories published")

        console.rule("[bold]5/5 readers' site")

        site_out = out / "site"
        if site_out.exists():
            shutil.rmtree(site_out)
        with _demo_site_url() as site_url:
            build_site(engine, out_dir=site_out, full=True)
        index = (site_out / "index.html").resolve()

        last = demo_days()[-1]
        bantin = _bantin_command() + _demo_config(out, site_url)
        console.print()
        console.print(f"[bold green]Done.[/] Open the readers' site: file://{index}", soft_wrap=True)
        port = urlsplit(site_url).port or 80
        # soft_wrap: commands stay one line to copy, whatever the width of a log or terminal
        console.print(f"  serve it: python -m http.server -d {site_out.resolve()} {port}  ->  {site_url}",
                      soft_wrap=True)
        console.print(f"  a bulletin as JSON: {bantin} --db {db_url} export --date {last} --format json",
                      soft_wrap=True)
        console.print(f"  the editors' app:   BANTIN_EDITOR_PASSWORD=demo-editor {bantin} --db {db_url} serve",
                      soft_wrap=True)
        if keep_serving:
            console.print("Demo outlets still served (Ctrl-C to stop):")
            for name, url in server.base_urls.items():
                console.print(f"  {name}: {url}")
            try:
                import time

                while True:
                    time.sleep(3600)
            except KeyboardInterrupt:
                pass
    return index
