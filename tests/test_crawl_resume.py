"""A crawl killed with SIGKILL loses nothing it stored and the next run completes the rest;
the same crawl on PostgreSQL; the ``bantin crawl`` command itself."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from digest.ingest.crawl import run_crawl
from digest.store.db import open_db
from digest.store.models import Article, CrawlRun, CrawlRunSource
from tests.fixtures.crawl.pages import article_html, listing, rss2, source_entry
from tests.fixtures.crawl.server import Route, Site, serve

ROOT = Path(__file__).resolve().parent.parent
FAST = {"download_delay": 0, "autothrottle": False, "download_timeout": 5, "retry_times": 0}




def fill(site: Site, n: int, delay: float) -> None:
    for i in range(n):
        site.routes[f"/bai/{i}.html"] = Route(
            article_html(f"Tây Ninh: Thủ tục số {i}").encode(), delay=delay)
    site.routes["/rss"] = Route(rss2([(site.url(f"/bai/{i}.html"), f"T{i}") for i in range(n)]),
                                content_type="application/rss+xml")


def write_sources(tmp: Path, site: Site, name: str = "Baotayninh.vn", **keys: object) -> Path:
    """One Tây Ninh source on ``site``: its /rss feed, unless ``keys`` say otherwise."""
    path = tmp / "sources.toml"
    path.write_text(source_entry(name, **{"province": "Tây Ninh", "province_aliases": ["Long An"],
                                          "feeds": [site.url("/rss")], "allowed_domains": [site.host],
                                          **keys}), encoding="utf-8")
    return path


def count(db_url: str) -> tuple[int, int]:
    with Session(open_db(db_url)) as session:
        rows = session.exec(select(func.count(Article.id))).one()
        keys = session.exec(select(func.count(func.distinct(Article.url_key)))).one()
    return int(rows), int(keys)


def test_kill_9_mid_crawl_then_resume(tmp_path: Path) -> None:
    n = 12
    site = Site("127.0.0.31")
    with serve([site]):
        fill(site, n, delay=0.4)
        sources = write_sources(tmp_path, site)
        config = tmp_path / "settings.toml"
        config.write_text("[crawl]\ndownload_delay = 0\nautothrottle = false\n"
                          "concurrent_per_domain = 1\nconcurrent_requests = 1\n"
                          # a commit per article, so the kill lands between two of them
                          "store_batch = 1\n", encoding="utf-8")
        db_url = f"sqlite:///{tmp_path / 'kill.sqlite3'}"
        open_db(db_url)
        env = dict(os.environ, BANTIN_CONFIG=str(config), PYTHONPATH=str(ROOT))
        proc = subprocess.Popen(
            [sys.executable, "-m", "digest", "--db", db_url, "crawl", "--sources", str(sources),
             "--no-progress"], cwd=ROOT, env=env, start_new_session=True,
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            deadline = time.monotonic() + 60
            while count(db_url)[0] < 3:
                assert proc.poll() is None, "crawl ended before it could be killed"
                assert time.monotonic() < deadline, "crawl stored nothing in 60 s"
                time.sleep(0.1)
        finally:
            os.killpg(proc.pid, signal.SIGKILL)  # the CLI and its Scrapy subprocess, at once
            proc.wait()
        stored_before, _ = count(db_url)
        assert 3 <= stored_before < n
        report = run_crawl(db_url, sources, overrides=FAST | {"concurrent_per_domain": 4},
                           progress=False)
        counts = report.sources["Baotayninh.vn"]
        assert counts.skipped_known == stored_before
        assert counts.stored == n - stored_before
        assert count(db_url) == (n, n)  # all stored, no duplicates
        with Session(open_db(db_url)) as session:
            statuses = [r.status for r in session.exec(select(CrawlRun).order_by(CrawlRun.id))]
        assert statuses == ["interrupted", "finished"]
        # each article page fetched once over both runs (a page in flight at the kill may be twice)
        fetched = sum(site.hits(f"/bai/{i}.html") for i in range(n))
        assert n <= fetched <= n + 1


@pytest.mark.postgres
def test_crawl_into_postgresql(pg_url: str, tmp_path: Path) -> None:
    site = Site("127.0.0.32")
    with serve([site]):
        fill(site, 3, delay=0)
        sources = write_sources(tmp_path, site)
        first = run_crawl(pg_url, sources, overrides=FAST, progress=False)
        second = run_crawl(pg_url, sources, overrides=FAST, progress=False)
    assert first.status == "finished" and first.total("stored") == 3
    assert second.total("stored") == 0 and second.total("skipped_known") == 3
    assert count(pg_url) == (3, 3)
    with Session(open_db(pg_url)) as session:
        runs = session.exec(select(CrawlRun).order_by(CrawlRun.id)).all()
        assert [r.status for r in runs] == ["finished", "finished"]
        per = session.exec(select(CrawlRunSource).where(CrawlRunSource.run_id == runs[0].id)).one()
        assert per.stored == 3 and per.feed_items == 3
        article = session.exec(select(Article)).first()
        assert article is not None and article.source_province == "Tây Ninh"
        assert article.published_at is not None and article.published_at.tzinfo is not None


def test_crawl_command_prints_the_table(tmp_path: Path, run_cli: Any, sqlite_url: str) -> None:
    site = Site("127.0.0.33")
    config = tmp_path / "fast.toml"
    config.write_text("[crawl]\ndownload_delay = 0\nautothrottle = false\n", encoding="utf-8")
    with serve([site]):
        fill(site, 2, delay=0)
        sources = write_sources(tmp_path, site)
        result = run_cli("--config", str(config), "crawl", "--sources", str(sources),
                         "--no-progress")
        assert "Baotayninh.vn" in result.output and "Total" in result.output
        assert count(sqlite_url) == (2, 2)
        bad = run_cli("crawl", "--sources", str(sources), "--source", "Nosuch.vn", ok=False)
        assert bad.exit_code != 0 and "no source named 'Nosuch.vn'" in bad.output
        broken = tmp_path / "broken.toml"
        broken.write_text('[[source]]\nname = "X.vn"\nscope = "national"\n', encoding="utf-8")
        bad = run_cli("crawl", "--sources", str(broken), ok=False)
        assert str(broken) in bad.output and "'scope'" in bad.output and "#1" in bad.output


def test_overlapping_crawls_are_refused(tmp_path: Path) -> None:
    from digest.ingest.crawl import CrawlRunning, _lock

    db_url = f"sqlite:///{tmp_path / 'lock.sqlite3'}"
    sources = tmp_path / "sources.toml"
    sources.write_text('[[source]]\nname = "A.vn"\nscope = "central"\n'
                       'feeds = ["http://127.0.0.35:9/rss"]\nallowed_domains = ["127.0.0.35"]\n',
                       encoding="utf-8")
    held = _lock(db_url)
    try:
        with pytest.raises(CrawlRunning, match="another crawl") as refused:
            run_crawl(db_url, sources, progress=False)
        # where its log really is: the data dir (BANTIN_DATA_DIR here), not ./data
        assert f"its progress is in {tmp_path / 'data' / 'logs'}/" in str(refused.value)
    finally:
        held.close()


def test_articles_scrapy_drops_are_reported_and_the_feed_still_settles(tmp_path: Path) -> None:
    """An article redirected off the outlet's domains, and one caught in a redirect loop, are
    dropped by Scrapy without a callback: each is counted as a failure of its source, and the
    feed's ETag is kept, so the next run gets a 304 instead of the whole feed again."""
    site, away = Site("127.0.0.36"), Site("127.0.0.37")
    with serve([site, away]):
        site.routes["/bai/0.html"] = Route(article_html("Tây Ninh: một cửa điện tử").encode())
        site.routes["/bai/di.html"] = Route(status=302, headers={"Location": away.url("/bai/den.html")})
        away.routes["/bai/den.html"] = Route(article_html("Trang ở nơi khác").encode())
        site.routes["/bai/vong-a.html"] = Route(status=302, headers={"Location": site.url("/bai/vong-b.html")})
        site.routes["/bai/vong-b.html"] = Route(status=302, headers={"Location": site.url("/bai/vong-a.html")})
        site.routes["/rss"] = Route(rss2([(site.url(p), p) for p in ("/bai/0.html", "/bai/di.html", "/bai/vong-a.html")]),
                                    content_type="application/rss+xml", etag=True)
        sources = write_sources(tmp_path, site)
        db_url = f"sqlite:///{tmp_path / 'drop.sqlite3'}"
        first = run_crawl(db_url, sources, overrides=FAST, progress=False)
        assert first.status == "finished" and first.total("stored") == 1
        assert first.errors["dropped"] == 2, first.errors
        assert away.hits("/bai/den.html") == 0  # never fetched from the other domain
        second = run_crawl(db_url, sources, overrides=FAST, progress=False)
        assert second.status == "finished" and second.errors["dropped"] == 0
        assert site.requests_to("/rss")[-1].get("if-none-match")  # asked conditionally...
        assert site.hits("/bai/di.html") == 1  # ...and got a 304: the dropped ones are not asked again


def test_a_long_listing_page_is_worked_through_over_runs(tmp_path: Path) -> None:
    """[crawl] max_feed_items caps the new articles asked for per page and run; the stored ones
    at the top of the page do not hide the rest: each run takes the next ones."""
    site = Site("127.0.0.38")
    with serve([site]):
        for i in range(25):
            site.routes[f"/tin/bai-so-{i}.html"] = Route(article_html(f"Tây Ninh: thủ tục số {i}").encode())
        site.routes["/thoi-su"] = Route(listing([(f"/tin/bai-so-{i}.html", f"Bài {i}") for i in range(25)]).encode())
        sources = write_sources(tmp_path, site, feeds=None, listing_pages=[site.url("/thoi-su")],
                                link_selector="ul.news a")
        db_url = f"sqlite:///{tmp_path / 'long.sqlite3'}"
        capped = {**FAST, "max_feed_items": 10}
        stored = [run_crawl(db_url, sources, overrides=capped, progress=False).total("stored") for _ in range(4)]
        assert stored == [10, 10, 5, 0]
        assert count(db_url) == (25, 25)


def test_an_answer_saying_retry_after_is_not_asked_again_at_once(tmp_path: Path) -> None:
    """A 503 or 429 with Retry-After is left for the next run (a transient failure), not hit
    again within the second; a plain 503 is still retried."""
    site = Site("127.0.0.39")
    with serve([site]):
        site.routes["/bai/ban.html"] = Route(status=503, headers={"Retry-After": "120"})
        site.routes["/bai/nhieu.html"] = Route(status=429, headers={"Retry-After": "3600"})
        site.routes["/bai/loi.html"] = Route(status=503)
        site.routes["/rss"] = Route(rss2([(site.url(p), p) for p in ("/bai/ban.html", "/bai/nhieu.html", "/bai/loi.html")]),
                                    content_type="application/rss+xml")
        report = run_crawl(f"sqlite:///{tmp_path / 'ra.sqlite3'}", write_sources(tmp_path, site),
                           overrides={**FAST, "retry_times": 2}, progress=False)
        assert (site.hits("/bai/ban.html"), site.hits("/bai/nhieu.html"), site.hits("/bai/loi.html")) == (1, 1, 3)
        assert report.errors["http_503"] == 2 and report.errors["http_429"] == 1
