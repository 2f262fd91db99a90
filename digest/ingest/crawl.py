"""Run a crawl and record it: ``run_crawl(db_url, sources_file, ...) -> CrawlReport``.

Scrapy runs in a subprocess (``python -m spiders.run``) so one Python process can crawl many
times; it stores articles itself (one commit each) and streams JSON progress events back. This
side shows progress, records the run (CrawlRun, CrawlRunSource, CrawlError) and returns the
per-source counts. Killing either process loses nothing already stored.

SIGINT/SIGTERM to this process stop the subprocess gracefully (it finishes the articles in
hand); a second signal kills it. A run that did not end with Scrapy's "finished" is recorded as
"interrupted" (stopped) or "failed", never as "finished", and the spider commits a feed's
validators only once its articles are settled, so the next run resumes with nothing missing.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn
from rich.table import Table
from sqlmodel import Session, select

from digest.config import project_root, settings
from digest.errors import BantinError, ConfigError
from digest.ingest.sources import Source, load_sources, select_sources
from digest.ingest.status import effective
from digest.store.db import open_db
from digest.store.models import CrawlError, CrawlRun, CrawlRunSource
from digest.text import utcnow


@dataclass
class SourceCounts:
    """What one run did for one source."""

    source: str
    feed_items: int = 0
    fetched: int = 0
    stored: int = 0
    updated: int = 0
    skipped_known: int = 0
    errors: Counter[str] = field(default_factory=Counter)

    @property
    def error_total(self) -> int:
        return sum(self.errors.values())


@dataclass
class CrawlReport:
    """The outcome of :func:`run_crawl`; ``sources`` in the order they were crawled."""

    run_id: int
    status: str  # finished | failed | interrupted
    started_at: datetime
    finished_at: datetime
    sources: dict[str, SourceCounts]
    returncode: int | None = None
    log_file: Path | None = None
    message: str | None = None  # why a run stopped early, and what to do

    def total(self, name: str) -> int:
        """Sum of one count over all sources: ``report.total("stored")``."""
        return sum(getattr(c, name) for c in self.sources.values())

    @property
    def errors(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for counts in self.sources.values():
            out.update(counts.errors)
        return out

    def print(self, console: Console | None = None) -> None:
        """Print the per-source table (and where the log is) to ``console`` (default stderr)."""
        console = console or Console(stderr=True, width=None if sys.stderr.isatty() else 160)
        console.print(report_table(self))
        if self.log_file is not None:
            console.print(f"Scrapy log: {self.log_file}")


def _crawl_settings(overrides: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """[crawl] settings with lower-case overrides applied; UPPER-CASE keys go to Scrapy raw."""
    crawl = dict(settings()["crawl"])
    raw: dict[str, Any] = {}
    for key, value in (overrides or {}).items():
        if key.isupper():
            raw[key] = value
        elif key in crawl:
            crawl[key] = value
        else:
            raise ConfigError(f"unknown crawl setting {key!r} (known: {', '.join(sorted(crawl))})")
    return crawl, raw


def spider_spec(sources: list[Source], db_url: str, *, refresh: bool = False,
                crawl: dict[str, Any] | None = None, raw: dict[str, Any] | None = None,
                run_id: int | None = None) -> dict[str, Any]:
    """What the spider runs on (``spiders.feeds.FeedSpider(spec=...)``; JSON for the crawl
    subprocess): database URL, sources, refresh, [crawl] settings and raw Scrapy overrides."""
    return {"db_url": db_url, "sources": [s.to_json() for s in sources], "refresh": refresh,
            "crawl": dict(settings()["crawl"]) if crawl is None else crawl, "scrapy": raw or {},
            "run_id": run_id}


def standalone_spec(sources_file: str | Path | None = None, db_url: str | None = None,
                    refresh: bool = False) -> dict[str, Any]:
    """The spec of a spider started by Scrapy itself (``scrapy crawl feeds -a sources=FILE``):
    the enabled sources of the file (default: the configured one) into the settings' database,
    migrated first. Such a run records no CrawlRun; ``bantin crawl`` does."""
    db_url = db_url or settings().db_url
    open_db(db_url)
    return spider_spec(select_sources(load_sources(sources_file)), db_url, refresh=refresh)


class _Recorder:
    """Turns the subprocess's events into counts and CrawlError rows."""

    def __init__(self, engine: Any, run_id: int, sources: list[Source]) -> None:
        self.engine, self.run_id = engine, run_id
        self.counts = {s.name: SourceCounts(s.name) for s in sources}
        self.pending: list[CrawlError] = []
        self.last_flush = time.monotonic()
        self.queued = 0
        self.done_pages = 0
        self.finished = False
        self.close_reason: str | None = None

    def handle(self, event: dict[str, Any]) -> None:
        kind = event.get("t")
        name = event.get("source", "")
        if kind == "done":
            self.finished = True
            self.close_reason = event.get("reason") or self.close_reason
            return
        if kind == "closed":
            self.close_reason = str(event.get("reason") or "")
            return
        counts = self.counts.get(name)
        if counts is None:
            counts = self.counts[name] = SourceCounts(name)
        if kind == "feed":
            counts.feed_items += int(event.get("items") or 0)
        elif kind == "queued":
            self.queued += 1
        elif kind == "fetched":
            counts.fetched += 1
            self.done_pages += 1
        elif kind == "skipped_known":
            counts.skipped_known += int(event.get("n") or 0)
        elif kind == "saved":
            outcome = event.get("outcome")
            if outcome == "stored":
                counts.stored += 1
            elif outcome == "updated":
                counts.updated += 1
        elif kind == "error":
            err = str(event.get("kind") or "error")
            counts.errors[err] += 1
            if event.get("role") == "article":
                self.done_pages += 1
            self.pending.append(CrawlError(
                run_id=self.run_id, source=name, url=str(event.get("url") or ""), kind=err,
                message=str(event.get("message") or "")[:2000], at=utcnow()))
            if len(self.pending) >= 50 or time.monotonic() - self.last_flush > 2:
                self.flush()

    def flush(self) -> None:
        if self.pending:
            with Session(self.engine) as session:
                session.add_all(self.pending)
                session.commit()
            self.pending = []
        self.last_flush = time.monotonic()


INTERRUPTED = 4  # spiders.run's exit status when the spider did not finish
KEEP_LOGS = 30  # Scrapy logs of the newest runs kept under <data dir>/logs


class CrawlRunning(BantinError):
    """Another crawl is writing to the same database (e.g. an overlapping cron run)."""


def _db_tag(db_url: str) -> str:
    """A short name for a database: locks and logs of databases sharing a data dir differ."""
    return hashlib.sha1(db_url.encode()).hexdigest()[:12]


def _lock(db_url: str) -> Any:
    """An exclusive lock per database for the whole run; the kernel drops it if we are killed."""
    locks = settings().data_dir / "locks"
    locks.mkdir(parents=True, exist_ok=True)
    path = locks / f"crawl-{_db_tag(db_url)}.lock"
    handle = path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise CrawlRunning("another crawl is running against this database; wait for it to "
                           f"finish (its progress is in {settings().data_dir / 'logs'}/)") from None
    return handle


def _prune_logs(logs: Path) -> None:
    old = sorted(logs.glob("crawl-*.log"), key=lambda p: p.stat().st_mtime)[:-KEEP_LOGS]
    for path in old:
        path.unlink(missing_ok=True)


def _spawn(spec: dict[str, Any], log_file: Path) -> subprocess.Popen[str]:
    """Start ``spiders.run`` with the spec on its stdin (no file with the database URL in it
    is ever written, so none can be left behind by a kill)."""
    env = dict(os.environ)
    root = str(project_root())
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.setdefault("PYTHONIOENCODING", "utf-8")
    log = log_file.open("a", encoding="utf-8")
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "spiders.run", "-"], stdout=subprocess.PIPE,
            stderr=log, stdin=subprocess.PIPE, cwd=root, env=env, text=True, encoding="utf-8",
        )
    finally:
        log.close()
    assert proc.stdin is not None
    try:
        proc.stdin.write(json.dumps(spec, ensure_ascii=False))
        proc.stdin.close()
    except BrokenPipeError:  # it died at start-up: its stderr (the log) says why
        pass
    return proc


class _StopSignals:
    """While a crawl runs: the first SIGINT/SIGTERM asks the subprocess to stop (SIGTERM, a
    graceful Scrapy shutdown), the second kills it. Events keep being read meanwhile, so what it
    stored is still counted. Only the main thread can take signals; elsewhere this does nothing."""

    def __init__(self, proc: subprocess.Popen[str]) -> None:
        self.proc, self.received = proc, 0
        self.previous: dict[int, Any] = {}

    def _handle(self, signum: int, _frame: Any) -> None:
        self.received += 1
        try:
            if self.received == 1:
                self.proc.send_signal(signal.SIGTERM)
            else:
                self.proc.kill()
        except ProcessLookupError:
            pass

    def __enter__(self) -> _StopSignals:
        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self._handle)
        return self

    def __exit__(self, *exc: Any) -> None:
        for sig, handler in self.previous.items():
            signal.signal(sig, handler)


def run_crawl(
    db_url: str | None,
    sources_file: str | Path | None,
    names: list[str] | None = None,
    refresh: bool = False,
    overrides: dict[str, Any] | None = None,
    progress: bool = True,
) -> CrawlReport:
    """Crawl the sources (all enabled ones, or ``names``) into ``db_url`` and record the run.

    ``refresh`` refetches stored articles (and feeds without conditional GET); ``overrides``
    replaces [crawl] settings (lower-case keys, e.g. ``{"download_delay": 0}``) or passes raw
    Scrapy settings (UPPER-CASE keys). Progress goes to stderr when ``progress`` is true.
    """
    crawl, raw = _crawl_settings(overrides)
    db_url = db_url or settings().db_url
    engine = open_db(db_url)
    with Session(engine) as session:  # a source switched off (or on) in the web app
        sources = select_sources(effective(session, load_sources(sources_file)), names)
    lock = _lock(db_url)
    try:
        return _run(engine, db_url, sources, refresh, crawl, raw, progress)
    finally:
        lock.close()


def _run(engine: Any, db_url: str, sources: list[Source], refresh: bool, crawl: dict[str, Any],
         raw: dict[str, Any], progress: bool) -> CrawlReport:
    with Session(engine, expire_on_commit=False) as session:
        # We hold the lock, so a run still marked "running" was killed before it could finish.
        for stale in session.exec(select(CrawlRun).where(CrawlRun.status == "running")):
            stale.status = "interrupted"
            session.add(stale)
        run = CrawlRun(sources=[s.name for s in sources], refresh=refresh, status="running",
                       started_at=utcnow())
        session.add(run)
        session.commit()
        run_id = int(run.id or 0)
        started = run.started_at
    logs = settings().data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    _prune_logs(logs)
    log_file = logs / f"crawl-{_db_tag(db_url)}-{run_id}.log"
    spec = spider_spec(sources, db_url, refresh=refresh, crawl=crawl, raw=raw, run_id=run_id)
    recorder = _Recorder(engine, run_id, sources)
    proc = _spawn(spec, log_file)
    status = "failed"
    returncode: int | None = None
    try:
        with _StopSignals(proc) as stop:
            _pump(proc, recorder, progress, len(sources))
            returncode = proc.wait()
        if returncode == 0 and recorder.finished and recorder.close_reason == "finished":
            status = "finished"
        elif (stop.received or returncode < 0 or returncode == INTERRUPTED
              or recorder.close_reason == "shutdown"):
            status = "interrupted"
    except KeyboardInterrupt:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        status = "interrupted"
        raise
    finally:
        returncode = proc.poll()
        finished = utcnow()
        recorder.flush()
        _record(engine, run_id, status, finished, recorder.counts)
    return CrawlReport(run_id=run_id, status=status, started_at=started, finished_at=finished,
                       sources=recorder.counts, returncode=returncode, log_file=log_file)


def _pump(proc: subprocess.Popen[str], recorder: _Recorder, progress: bool, n_sources: int) -> None:
    """Read events until the subprocess closes its pipe, with a live progress bar."""
    assert proc.stdout is not None
    console = Console(stderr=True)
    show = progress and console.is_terminal
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                  MofNCompleteColumn(), console=console, transient=True, disable=not show) as bar:
        task = bar.add_task(f"crawling {n_sources} sources", total=None)
        for line in proc.stdout:
            try:
                event = json.loads(line)
            except ValueError:
                continue
            recorder.handle(event)
            stored = sum(c.stored + c.updated for c in recorder.counts.values())
            errors = sum(c.error_total for c in recorder.counts.values())
            bar.update(task, total=recorder.queued or None, completed=recorder.done_pages,
                       description=f"crawl: {stored} stored, {errors} errors")
    if progress and not show:
        console.print(f"crawl finished: {sum(c.stored for c in recorder.counts.values())} stored")


def _record(engine: Any, run_id: int, status: str, finished: datetime,
            counts: dict[str, SourceCounts]) -> None:
    with Session(engine) as session:
        run = session.get(CrawlRun, run_id)
        if run is not None:
            run.status, run.finished_at = status, finished
            session.add(run)
        for c in counts.values():
            session.add(CrawlRunSource(
                run_id=run_id, source=c.source, feed_items=c.feed_items, fetched=c.fetched,
                stored=c.stored, updated=c.updated, skipped_known=c.skipped_known,
                errors=dict(sorted(c.errors.items()))))
        session.commit()


def report_table(report: CrawlReport) -> Table:
    """The per-source table printed after a crawl."""
    table = Table(title=f"Crawl run {report.run_id}: {report.status}", title_justify="left")
    table.add_column("Source", no_wrap=True)
    for col in ("Feed items", "Fetched", "Stored", "Updated", "Known (skipped)"):
        table.add_column(col, justify="right")
    table.add_column("Errors by kind")
    for c in report.sources.values():
        errs = ", ".join(f"{k} {v}" for k, v in sorted(c.errors.items())) or "-"
        table.add_row(c.source, str(c.feed_items), str(c.fetched), str(c.stored), str(c.updated),
                      str(c.skipped_known), errs)
    table.add_section()
    errs = ", ".join(f"{k} {v}" for k, v in sorted(report.errors.items())) or "-"
    table.add_row("Total", *(str(report.total(n)) for n in
                             ("feed_items", "fetched", "stored", "updated", "skipped_known")), errs)
    return table
