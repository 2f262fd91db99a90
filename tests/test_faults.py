"""Fault suite: `bantin crawl` and `bantin send` stopped by kill -9, SIGTERM and Ctrl-C (SIGINT to
the process group) at several points, then run again: nothing is lost, nothing duplicated,
and a stopped run is recorded as stopped and exits non-zero.

The crawl's outlet answers with ETag and Last-Modified (and 304 to a matching If-None-Match),
and is slow, so a stop lands after the feed was read and before all its articles were stored:
the case where committing the feed's validators early lost the rest for good.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlmodel import Session
from test_mail_helpers import DAY, add_bulletin, add_confirmed, smtp_server
from test_send_process import ledger, spawn_send, wait_for

from digest.ingest.crawl import _db_tag, run_crawl
from digest.mail.send import send_bulletin
from digest.store.db import open_db
from digest.store.models import Article, CrawlRun, Delivery, FeedState
from tests.fixtures.crawl.pages import article_html, rss2
from tests.fixtures.crawl.server import Route, Site, serve

ROOT = Path(__file__).resolve().parent.parent
N = 8
FAST = {"download_delay": 0, "autothrottle": False, "download_timeout": 5, "retry_times": 0}


@pytest.fixture(scope="module")
def outlet() -> Iterator[Site]:
    """One slow outlet for the module: a feed with validators, N articles 0.3 s each."""
    site = Site("127.0.0.41")
    with serve([site]):
        for i in range(N):
            site.routes[f"/bai/{i}.html"] = Route(
                article_html(f"Tây Ninh: Thủ tục hành chính số {i}").encode(), delay=0.3)
        site.routes["/rss"] = Route(
            rss2([(site.url(f"/bai/{i}.html"), f"Thủ tục {i}") for i in range(N)]),
            content_type="application/rss+xml", etag=True)
        yield site


def stored(db_url: str) -> tuple[int, int]:
    with Session(open_db(db_url)) as session:
        rows = session.exec(select(func.count(Article.id))).one()[0]
        keys = session.exec(select(func.count(func.distinct(Article.url_key)))).one()[0]
    return int(rows), int(keys)


def statuses(db_url: str) -> list[str]:
    with Session(open_db(db_url)) as session:
        return list(session.exec(select(CrawlRun.status).order_by(CrawlRun.id)).scalars())


# (signal, stop once this many articles are stored; 0 = as soon as the first article is asked for)
CRAWL_STOPS = [(signal.SIGKILL, 3), (signal.SIGTERM, 0), (signal.SIGINT, 2)]


@pytest.mark.parametrize("sig,after", CRAWL_STOPS,
                         ids=[f"{signal.Signals(s).name}-after-{n}" for s, n in CRAWL_STOPS])
def test_stopped_crawl_resumes_with_nothing_missing(outlet: Site, tmp_path: Path, sig: int,
                                                    after: int) -> None:
    sources = tmp_path / "sources.toml"
    sources.write_text(f'[[source]]\nname = "Baotayninh.vn"\nscope = "provincial"\n'
                       f'province = "Tây Ninh"\nfeeds = ["{outlet.url("/rss")}"]\n'
                       f'allowed_domains = ["{outlet.host}"]\n', encoding="utf-8")
    config = tmp_path / "one.toml"
    config.write_text("[crawl]\ndownload_delay = 0\nautothrottle = false\n"
                      "concurrent_per_domain = 1\nconcurrent_requests = 1\n"
                      "store_batch = 2\n", encoding="utf-8")  # kills land between batches
    db_url = f"sqlite:///{tmp_path / 'crawl.sqlite3'}"
    open_db(db_url)
    asked_before = sum(outlet.hits(f"/bai/{i}.html") for i in range(N))
    env = dict(os.environ, BANTIN_CONFIG=str(config), PYTHONPATH=str(ROOT), TMPDIR=str(tmp_path))
    proc = subprocess.Popen(
        [sys.executable, "-m", "digest", "--db", db_url, "crawl", "--sources", str(sources),
         "--no-progress"], cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while (stored(db_url)[0] < after if after else
               sum(outlet.hits(f"/bai/{i}.html") for i in range(N)) == asked_before):
            assert proc.poll() is None, proc.communicate()[1].decode()
            assert time.monotonic() < deadline, "the crawl made no progress in 60 s"
            time.sleep(0.05)
    finally:
        os.killpg(proc.pid, sig)  # the CLI and its Scrapy subprocess, like Ctrl-C in a terminal
        _, err = proc.communicate(timeout=60)
    assert proc.returncode != 0, err.decode()
    assert stored(db_url)[0] < N, "stopped too late to test anything"
    recorded = statuses(db_url)
    left = list(tmp_path.glob("bantin-crawl-*"))
    report = run_crawl(db_url, sources, overrides=FAST, progress=False)
    assert report.status == "finished"
    assert stored(db_url) == (N, N), report.sources  # all of them, once each
    # its log is named after the database too: two databases sharing a data dir never share one
    assert report.log_file is not None and report.log_file.name == f"crawl-{_db_tag(db_url)}-2.log"
    if sig != signal.SIGKILL:
        # it had time to say so: recorded as interrupted, and one line on stderr
        assert recorded == ["interrupted"]
        assert "crawl interrupted" in err.decode() and "Traceback" not in err.decode()
        # one graceful stop, though the signal reached both processes and the CLI passes it on
        first = report.log_file.with_name(f"crawl-{_db_tag(db_url)}-1.log").read_text(encoding="utf-8")
        assert "shutting down gracefully" in first and "unclean shutdown" not in first, first[-3000:]
    assert not left, "a spec file (with the database URL) was left behind"
    assert statuses(db_url) == ["interrupted", "finished"]
    if sig != signal.SIGKILL:
        return
    with Session(open_db(db_url)) as session:  # now, and only now, the validators are kept
        state = session.get(FeedState, outlet.url("/rss"))
        assert state is not None and state.etag and state.last_modified
    again = run_crawl(db_url, sources, overrides=FAST, progress=False)
    assert again.status == "finished" and again.total("stored") == 0
    assert outlet.requests_to("/rss")[-1].get("if-none-match") == state.etag


SEND_STOPS = [(signal.SIGTERM, 5), (signal.SIGINT, 12), (signal.SIGKILL, 1)]


@pytest.mark.parametrize("sig,after", SEND_STOPS,
                         ids=[f"{signal.Signals(s).name}-after-{n}" for s, n in SEND_STOPS])
def test_stopped_send_then_rerun_mails_each_once(sqlite_url: str, tmp_path: Path, sig: int,
                                                 after: int) -> None:
    engine = open_db(sqlite_url)
    add_bulletin(engine)
    people = add_confirmed(engine, 20)
    with smtp_server(delay=0.03) as (server, box):
        proc = spawn_send(sqlite_url, server.url, tmp_path / "data")
        wait_for(lambda: sum(len(v) for v in box.messages.values()) >= after
                 or proc.poll() is not None)
        assert proc.poll() is None, proc.communicate()
        os.kill(proc.pid, sig)
        _, err = proc.communicate(timeout=60)
        assert proc.returncode != 0, err.decode()
        assert b"Traceback" not in err
        report = send_bulletin(engine, DAY, smtp_url=server.url)
        uncertain = [m for m, s in _rows(engine) if s == "uncertain"]
        if uncertain:  # a stop between the server's 250 and our commit: only the operator knows
            arrived = b"".join(raw for msgs in box.messages.values() for raw in msgs)
            lost = [m for m in uncertain if m.encode() not in arrived]
            if lost:
                report = send_bulletin(engine, DAY, smtp_url=server.url, resend_uncertain=lost)
    assert [box.count(p) for p in people] == [1] * 20
    final = ledger(engine)
    assert set(final) <= {"sent", "uncertain"} and final.get("uncertain", 0) <= 1, final
    assert report.ledger == final


def _rows(engine) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    with engine.connect() as conn:
        return [(m, s) for m, s in conn.execute(select(Delivery.message_id, Delivery.status))]
