"""bantin crawl, articles and sources commands."""

from __future__ import annotations

import json
import os
import sys
from datetime import date

import click
from rich.console import Console
from rich.table import Table
from sqlmodel import Session, select

from digest.bulletin.days import parse_day
from digest.commands import engine_from
from digest.config import settings
from digest.errors import InvalidInput
from digest.ingest.crawl import run_crawl
from digest.ingest.fleet import (
    EXIT_REDIS_LOST,
    fleet_config,
    require_server_db,
    run_fleet,
    spawn_worker,
)
from digest.ingest.fleet_queue import Keys, connect, status
from digest.ingest.health import (
    check_sources,
    health_table,
    province_counts,
    province_rollup,
    province_summary,
    province_table,
    rollup_table,
)
from digest.ingest.sources import load_sources, select_sources
from digest.ingest.sources_import import import_sources
from digest.store.models import Article
from digest.text import to_vn, vn_midnight

SOURCES_HELP = "Sources file (TOML; default: spiders/sources.toml)."


def _console(stderr: bool = False) -> Console:
    """Full terminal width, or 200 columns when piped (tables of URLs stay readable in logs)."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, width=None if stream.isatty() else 200)


@click.command()
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help=SOURCES_HELP)
@click.option("--source", "names", multiple=True, help="Crawl only this source (repeatable).")
@click.option("--refresh", is_flag=True,
              help="Refetch stored articles too (updates those whose text changed).")
@click.option("--no-progress", is_flag=True, help="No progress bar.")
@click.option("--queue", "queue_url", metavar="redis://HOST:PORT/DB",
              help="Crawl with a fleet of workers sharing this Redis queue (resumes a stopped run).")
@click.option("--workers", type=click.IntRange(min=0), default=None,
              help="Local fleet workers to start with --queue (default: one per CPU).")
@click.pass_context
def crawl(ctx: click.Context, sources_file: str | None, names: tuple[str, ...], refresh: bool,
          no_progress: bool, queue_url: str | None, workers: int | None) -> None:
    """Fetch new articles from the outlets' feeds and listing pages into the database.

    Only URLs not yet stored are fetched, so running it every day costs only what is new.
    Ends with a per-source table: feed items, fetched, stored, skipped as known, errors by kind.
    With --queue, Scrapy workers share a Redis queue (scrapy-redis): this command starts
    --workers of them and `bantin crawl-worker` adds more from other machines (PostgreSQL).

    Example: bantin crawl --source VnExpress.net --source Tuoitre.vn
    Example: bantin --db postgresql://bantin@db/bantin crawl --queue redis://10.0.0.5:6379/0 --workers 4
    """
    if workers is not None and not queue_url:
        raise click.UsageError("--workers needs --queue")
    engine_from(ctx)  # migrate before the subprocess starts
    if queue_url:
        report = run_fleet(ctx.find_root().obj["db_url"], sources_file, queue_url,
                           workers=os.cpu_count() or 1 if workers is None else workers,
                           names=list(names) or None, refresh=refresh, progress=not no_progress)
    else:
        report = run_crawl(ctx.find_root().obj["db_url"], sources_file, list(names) or None,
                           refresh=refresh, progress=not no_progress)
    report.print(_console(stderr=True))
    if report.status == "interrupted":
        # a fleet run says why it stopped (Redis gone, workers' exit codes) in its own message
        raise click.ClickException(report.message or f"crawl interrupted: what it stored is kept "
                                   f"and the next run resumes the rest (log: {report.log_file})")
    if report.status != "finished":
        raise click.ClickException(report.message or f"crawl {report.status} (see {report.log_file})")


@click.command("crawl-worker")
@click.option("--queue", "queue_url", required=True, metavar="redis://HOST:PORT/DB",
              help="The fleet's Redis queue (as given to `bantin crawl --queue`).")
@click.option("--workers", type=click.IntRange(min=1), default=1, show_default=True,
              help="Worker processes to start on this machine.")
@click.pass_context
def crawl_worker(ctx: click.Context, queue_url: str, workers: int) -> None:
    """Join the fleet crawl queued in Redis from this machine, until the run is done.

    Needs the same --db (PostgreSQL) as the coordinator. Exits non-zero, saying so, when Redis
    goes away; the requests it held stay queued for the next run.

    Example: bantin --db postgresql://bantin@db/bantin crawl-worker --queue redis://10.0.0.5:6379/0
    """
    db_url = ctx.find_root().obj["db_url"]
    require_server_db(db_url, 2)  # the coordinator's machine writes too
    engine_from(ctx)
    connect(queue_url)  # one clear line now rather than N workers failing
    logs = settings().data_dir / "logs"
    procs = [spawn_worker(queue_url, db_url, logs / f"crawl-worker-{i}.log") for i in range(workers)]
    codes = [p.wait() for p in procs]
    if any(c == EXIT_REDIS_LOST for c in codes):
        raise click.ClickException(f"Redis at {queue_url} went away; the requests these workers "
                                   f"held stay queued (logs: {logs})")
    if any(codes):
        raise click.ClickException(f"workers exited with {codes} (logs: {logs})")
    click.echo(f"{workers} worker(s) finished: the fleet's queue is empty", err=True)


@click.command("crawl-status")
@click.option("--queue", "queue_url", required=True, metavar="redis://HOST:PORT/DB")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def crawl_status(queue_url: str, fmt: str) -> None:
    """The fleet's progress: queue depth, requests in flight and pages/s per worker.

    Example: watch -n 5 bantin crawl-status --queue redis://10.0.0.5:6379/0
    """
    st = status(connect(queue_url), Keys(str(fleet_config()["key_prefix"])))
    if fmt == "json":
        sys.stdout.write(json.dumps(st.to_json(), ensure_ascii=False) + "\n")
        return
    title = (f"run {st.run_id}: {st.queued} queued, {sum(st.in_flight.values())} in flight, "
             f"Redis {st.redis_memory_bytes / 1e6:.1f} MB" if st.run_id else "no crawl queued")
    table = Table(title=title, title_justify="left")
    for col in ("Worker", "Alive", "In flight", "Fetched", "Stored", "Errors", "Pages/s"):
        table.add_column(col)
    for name, w in st.workers.items():
        c = w["counts"]
        table.add_row(name, "yes" if w["alive"] else "no", str(st.in_flight.get(name, 0)),
                      str(c.get("fetched", 0)), str(c.get("stored", 0)), str(c.get("errors", 0)),
                      str(w["pages_per_s"]))
    _console().print(table)


def _parse_day(value: str | None) -> date | None:
    return None if value is None else parse_day(value, "--since", future=True)


def article_json(row: Article) -> dict[str, object]:
    """One stored article per FORMAT.md (``articles --format jsonl``)."""
    published = to_vn(row.published_at).isoformat() if row.published_at else None
    return {
        "url": row.url, "title": row.title, "outlet": row.source,
        "published_at": published, "authors": list(row.authors or []), "text": row.text,
        "id": row.id, "scope": row.scope, "source_province": row.source_province,
        "summary": row.summary, "date_source": row.date_source, "url_key": row.url_key,
        "content_hash": row.content_hash,
        "fetched_at": to_vn(row.fetched_at).isoformat() if row.fetched_at else None,
    }


@click.command()
@click.option("--since", help="Only articles published on or after this day (YYYY-MM-DD, Vietnam time).")
@click.option("--source", "names", multiple=True, help="Only this outlet (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "table"]), default="table",
              show_default=True)
@click.option("--limit", type=int, default=None, help="At most this many (newest first).")
@click.pass_context
def articles(ctx: click.Context, since: str | None, names: tuple[str, ...], fmt: str,
             limit: int | None) -> None:
    """List stored articles, newest first.

    Example: bantin articles --since 2023-05-23 --format jsonl > articles.jsonl
    """
    day = _parse_day(since)
    query = select(Article).order_by(Article.published_at.desc(), Article.id.desc())
    if day is not None:
        query = query.where(Article.published_at >= vn_midnight(day))
    if names:
        query = query.where(Article.source.in_(names))
    if limit:
        query = query.limit(limit)
    with Session(engine_from(ctx)) as session:
        if fmt == "jsonl":
            for row in session.exec(query):
                sys.stdout.write(json.dumps(article_json(row), ensure_ascii=False) + "\n")
            return
        table = Table()
        for col in ("Published", "Outlet", "Title", "Authors"):
            table.add_column(col)
        for row in session.exec(query):
            when = to_vn(row.published_at).strftime("%d/%m/%Y %H:%M") if row.published_at else "-"
            table.add_row(when, row.source, row.title, ", ".join(row.authors or []))
        _console().print(table)


@click.group()
def sources() -> None:
    """The outlets of the sources file: list them, check their feeds' health.

    Example: bantin sources check --timeout 5
    """


@sources.command("list")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help=SOURCES_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
def sources_list(sources_file: str | None, fmt: str) -> None:
    """List the sources (validating the file).

    Example: bantin sources list --sources spiders/sources.toml
    """
    items = load_sources(sources_file)
    if fmt == "json":
        for s in items:
            sys.stdout.write(json.dumps(s.to_json(), ensure_ascii=False) + "\n")
        return
    unconfirmed = sum(1 for s in items if not s.verified)
    table = Table(title=f"{len(items)} sources, {unconfirmed} with URLs never confirmed",
                  title_justify="left")
    for col in ("Name", "Scope", "Province", "Feeds", "Listing", "Selectors", "Enabled",
                "Verified"):
        table.add_column(col, overflow="fold")
    for s in items:
        listing = str(len(s.listing_pages))
        if s.listing_pages and not s.link_selector:
            listing += " (discovery)"
        table.add_row(s.name, s.scope, s.province or "-", str(len(s.feeds)), listing,
                      "yes" if not s.selectors.is_empty() else "-",
                      "yes" if s.enabled else "no",
                      s.verified or "UNCONFIRMED", style=None if s.verified else "yellow")
    _console().print(table)


@sources.command("check")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help=SOURCES_HELP)
@click.option("--source", "names", multiple=True, help="Only this source (repeatable).")
@click.option("--timeout", type=float, default=10.0, show_default=True, help="Seconds per request.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
def sources_check(ctx: click.Context, sources_file: str | None, names: tuple[str, ...],
                  timeout: float, fmt: str) -> None:
    """Fetch every feed and listing page once and report its health: HTTP status, items,
    newest item, last successful crawl, and what is wrong: moved to another host, a
    cookie/JavaScript challenge, stale (no new item for weeks), unreadable dates. Ends with the
    number of sources per province that answered. Dead feeds are reported, never fatal.

    Example: bantin sources check --source VnExpress.net --timeout 5
    """
    chosen = select_sources(load_sources(sources_file), list(names) or None)
    results = check_sources(engine_from(ctx), chosen, timeout=timeout)
    if fmt == "json":
        for r in results:
            sys.stdout.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
        return
    console = _console()
    console.print(health_table(results))
    counts = province_counts(results, chosen)
    if names:  # a partial check speaks only of the provinces it checked
        counts = {p: c for p, c in counts.items() if c[1]}
    if counts:
        console.print(province_table(counts))
        console.print(province_summary(counts), style="red" if any(ok == 0 for ok, _ in counts.values())
                      else None, soft_wrap=True)


@sources.command("health")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False), help=SOURCES_HELP)
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table")
@click.pass_context
def sources_health(ctx: click.Context, sources_file: str | None, fmt: str) -> None:
    """Source health rolled up by province, from the crawls already run (no request is made):
    sources whose newest crawl found items, failing ones (named), never crawled, and articles
    stored in the last 7 days.

    Example: bantin sources health --format json
    """
    rows = province_rollup(engine_from(ctx), load_sources(sources_file))
    if fmt == "json":
        for r in rows:
            sys.stdout.write(json.dumps(r.to_json(), ensure_ascii=False) + "\n")
        return
    _console().print(rollup_table(rows))


@sources.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False),
              help="Sources file to add to (created if missing; default: spiders/sources.toml).")
def sources_import(file: str, sources_file: str | None) -> None:
    """Add portals from a CSV file (name,url,province,commune,scope): one line, one source.

    Only the home page is needed: the crawl finds the portal's feeds, else its sitemap, else
    reads the home page as a listing page. Every line is reported as added, duplicate or
    invalid; a bad line never stops the rest, and a re-run adds nothing twice.

    Example: bantin sources import cong-xa-tay-ninh.csv
    """
    counts = {"added": 0, "duplicate": 0, "invalid": 0}
    try:
        for line in import_sources(file, sources_file):
            counts[line.outcome] += 1
            click.echo(f"line {line.line}: {line.outcome} {line.name}"
                       + (f" ({line.message})" if line.outcome == "added" else f": {line.message}"))
    except InvalidInput as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    click.echo(f"{counts['added']} added, {counts['duplicate']} duplicate, "
               f"{counts['invalid']} invalid")


commands: list[click.Command] = [crawl, crawl_worker, crawl_status, articles, sources]
