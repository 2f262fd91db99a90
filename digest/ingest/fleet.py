"""``bantin crawl --queue``: a crawl run by a fleet of Scrapy workers sharing a Redis queue.

The coordinator starts (or resumes) a run: it records the CrawlRun, puts the run's spec (sources
and [crawl] settings) in Redis, starts N local workers (``python -m spiders.run --fleet ...``),
shows the fleet's progress, and when the queue and every worker's processing hash are empty,
records the per-source counts and clears the run from Redis. Workers started elsewhere with
``bantin crawl-worker`` join the same run. A run whose workers stopped early (Redis went away,
workers killed) is left in Redis: the next ``bantin crawl --queue`` resumes it.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from sqlalchemy.engine import make_url
from sqlmodel import Session

from digest.config import project_root, settings
from digest.errors import BantinError
from digest.ingest.crawl import CrawlReport, SourceCounts, _crawl_settings, _lock, _record
from digest.ingest.fleet_queue import (
    Keys,
    QueueUnavailable,
    connect,
    finish_run,
    recover,
    source_counts,
    status,
)
from digest.ingest.sources import load_sources, select_sources
from digest.store.db import normalise_url, open_db
from digest.store.models import CrawlRun
from digest.text import utcnow

EXIT_REDIS_LOST = 4  # = spiders.fleet.EXIT_REDIS_LOST (digest imports no Scrapy)


ROBOTS_SETTINGS = ("robots_ttl_seconds", "robots_retry_seconds", "max_crawl_delay")


def fleet_config() -> dict[str, Any]:
    """The [fleet] settings (key_prefix, heartbeat_seconds, progress_seconds, and the robots.txt
    ones, which travel in the run's spec so every worker of the run reads robots.txt alike)."""
    out: dict[str, Any] = {"key_prefix": settings().value("fleet", "key_prefix", str)}
    for name in ("heartbeat_seconds", "progress_seconds", *ROBOTS_SETTINGS):
        out[name] = settings().value("fleet", name, float)
    return out


def require_server_db(db_url: str, writers: int) -> None:
    """More than one writing process needs PostgreSQL: SQLite serialises every writer, and a
    worker on another machine cannot reach a local file at all."""
    if writers > 1 and make_url(normalise_url(db_url)).get_backend_name() == "sqlite":
        raise BantinError("a fleet crawl with more than one worker needs PostgreSQL: "
                          "--db postgresql://USER@HOST/DB (SQLite stays the single-process store)")


def spawn_worker(queue_url: str, db_url: str, log_file: Path) -> subprocess.Popen[bytes]:
    """One local worker process, its output appended to ``log_file``."""
    cfg = fleet_config()
    env = dict(os.environ)
    root = str(project_root())
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    log_file.parent.mkdir(parents=True, exist_ok=True)
    with log_file.open("ab") as log:
        # A session of its own, like the separate machine a worker stands for: the kernel's
        # autogroup scheduler then shares CPU per worker, not per `bantin crawl`, and a
        # terminal's Ctrl-C reaches only the coordinator, which stops its workers itself.
        return subprocess.Popen(
            [sys.executable, "-m", "spiders.run", "--fleet", queue_url, db_url,
             str(cfg["key_prefix"]), str(cfg["heartbeat_seconds"])],
            stdout=log, stderr=log, stdin=subprocess.DEVNULL, cwd=root, env=env,
            start_new_session=True)


def _new_run(client: Any, keys: Keys, engine: Any, spec: dict[str, Any]) -> int:
    with Session(engine, expire_on_commit=False) as session:
        run = CrawlRun(sources=[s["name"] for s in spec["sources"]], refresh=spec["refresh"],
                       status="running", started_at=utcnow())
        session.add(run)
        session.commit()
        run_id = int(run.id or 0)
    finish_run(client, keys)  # leftovers of an abandoned run (its dupefilter above all)
    client.set(keys.spec, json.dumps({**spec, "run_id": run_id}, ensure_ascii=False))
    return run_id


def _mark(engine: Any, run_id: int, state: str) -> CrawlRun | None:
    with Session(engine, expire_on_commit=False) as session:
        run = session.get(CrawlRun, run_id)
        if run is not None:
            run.status = state
            if state != "running":
                run.finished_at = utcnow()
            session.add(run)
            session.commit()
        return run


def _counts(raw: dict[str, dict[str, int]]) -> dict[str, SourceCounts]:
    out: dict[str, SourceCounts] = {}
    for source, counters in sorted(raw.items()):
        c = out[source] = SourceCounts(source)
        c.feed_items = counters.get("feed_items", 0)
        c.fetched = counters.get("fetched", 0)
        c.stored = counters.get("stored", 0)
        c.updated = counters.get("updated", 0)
        c.skipped_known = counters.get("skipped_known", 0)
        c.errors = Counter({k[len("error:"):]: v for k, v in counters.items()
                            if k.startswith("error:")})
    return out


def progress_line(client: Any, keys: Keys, started: float) -> str:
    """queue depth, in flight, stored, and each worker's rate: one line for the log."""
    st = status(client, keys)
    flight = sum(st.in_flight.values())
    stored = sum(w["counts"].get("stored", 0) for w in st.workers.values())
    fetched = sum(w["counts"].get("fetched", 0) for w in st.workers.values())
    rates = " ".join(f"{name.rsplit('-', 1)[0]}:{w['pages_per_s']}/s"
                     for name, w in st.workers.items() if w["alive"])
    return (f"[{time.monotonic() - started:6.0f}s] queued {st.queued}, in flight {flight}, "
            f"fetched {fetched}, stored {stored} | {rates}")


def run_fleet(db_url: str | None, sources_file: str | Path | None, queue_url: str,
              workers: int = 2, names: list[str] | None = None, refresh: bool = False,
              overrides: dict[str, Any] | None = None, progress: bool = True) -> CrawlReport:
    """Start or resume the fleet run in ``queue_url`` with ``workers`` local workers and wait
    until the fleet has finished it (or stopped); the report holds the fleet's counts."""
    db_url = db_url or settings().db_url
    require_server_db(db_url, workers)
    crawl, raw = _crawl_settings(overrides)
    engine = open_db(db_url)
    client = connect(queue_url)
    keys = Keys(str(fleet_config()["key_prefix"]))
    lock = _lock(db_url + "|" + queue_url)
    console = Console(stderr=True)
    try:
        recovered = recover(client, keys)
        existing = client.get(keys.spec)
        if existing is not None:
            run_id = int(json.loads(existing)["run_id"])
            console.print(f"resuming crawl run {run_id}: {client.zcard(keys.requests)} requests "
                          f"queued ({recovered} taken back from stopped workers)")
            _mark(engine, run_id, "running")
        else:
            sources = select_sources(load_sources(sources_file), names)
            cfg = fleet_config()
            spec = {"sources": [s.to_json() for s in sources], "refresh": refresh,
                    "crawl": crawl, "scrapy": raw,
                    "robots": {name: cfg[name] for name in ROBOTS_SETTINGS}}
            run_id = _new_run(client, keys, engine, spec)
        started_at = utcnow()
        logs = settings().data_dir / "logs"
        procs = [spawn_worker(queue_url, db_url, logs / f"crawl-{run_id}-w{i}.log")
                 for i in range(workers)]
        try:
            codes = _wait(procs, client, keys, progress, console)
        except KeyboardInterrupt:
            # the workers were stopped and gave their requests back: the run can resume
            _mark(engine, run_id, "interrupted")
            raise
        return _conclude(engine, client, keys, run_id, started_at, codes, logs, queue_url)
    finally:
        lock.close()


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def _wait(procs: list[subprocess.Popen[bytes]], client: Any, keys: Keys, progress: bool,
          console: Console) -> list[int]:
    # workers run in sessions of their own: a SIGTERM (systemd, kill) to the coordinator must
    # stop them as Ctrl-C does, not leave them crawling unwatched
    main = threading.current_thread() is threading.main_thread()
    previous = signal.signal(signal.SIGTERM, _interrupt) if main else None
    started = time.monotonic()
    every = float(fleet_config()["progress_seconds"])
    last = started
    try:
        while any(p.poll() is None for p in procs):
            time.sleep(0.2)
            if progress and time.monotonic() - last >= every:
                last = time.monotonic()
                try:
                    console.print(progress_line(client, keys, started))
                except QueueUnavailable:
                    pass
                except Exception as exc:  # noqa: BLE001 - progress is a courtesy: never stop the crawl
                    console.print(f"(progress unavailable: {type(exc).__name__}: {exc})")
    except KeyboardInterrupt:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait()
        raise
    finally:
        if main:
            signal.signal(signal.SIGTERM, previous)
    return [int(p.returncode or 0) for p in procs]


def _conclude(engine: Any, client: Any, keys: Keys, run_id: int, started_at: Any,
              codes: list[int], logs: Path, queue_url: str) -> CrawlReport:
    lost = any(code == EXIT_REDIS_LOST for code in codes)
    try:
        st = status(client, keys)
        counts = _counts(source_counts(client, keys))
    except Exception as exc:  # noqa: BLE001 - Redis gone as the workers stopped
        st, counts, lost = None, {}, True
        reason = f"{type(exc).__name__}: {exc}"
    else:
        reason = ""
    finished_at = utcnow()
    if st is not None and st.done and not lost:
        _record(engine, run_id, "finished", finished_at, counts)
        finish_run(client, keys)
        state = "finished"
    else:
        state = "interrupted"
        _mark(engine, run_id, state)
    report = CrawlReport(run_id=run_id, status=state, started_at=started_at,
                         finished_at=finished_at, sources=counts,
                         returncode=max(codes) if codes else 0, log_file=logs)
    if state == "interrupted":
        why = (f"Redis at {queue_url} went away{': ' + reason if reason else ''}" if lost
               else f"workers stopped with exit codes {codes}")
        report.message = (f"crawl run {run_id} stopped ({why}); the unfinished requests stay in "
                          "Redis: run the same command again to resume")
    return report
