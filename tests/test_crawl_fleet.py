"""The fleet crawl (``bantin crawl --queue``) on real Redis and PostgreSQL over loopback HTTP:
politeness holds across workers, a worker killed with -9 loses nothing, Redis going away stops
the crawl with a clear message and the next run resumes it; every article is stored once."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from digest.store.db import open_db
from digest.store.models import Article, CrawlError, CrawlRun
from tests.fixtures.crawl.pages import article_html, rss2
from tests.fixtures.crawl.server import Route, Site, serve

ROOT = Path(__file__).resolve().parent.parent
SHARED_REDIS = "redis://127.0.0.1:6379/0"


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def prefix() -> Iterator[str]:
    """A key prefix of this test's own on the shared Redis, deleted afterwards."""
    if not _answers("127.0.0.1", 6379):
        pytest.skip("no Redis answers on 127.0.0.1:6379; fleet crawl not tested here")
    import redis

    name = f"bantin-test-{uuid.uuid4().hex[:8]}"
    yield name
    client = redis.Redis.from_url(SHARED_REDIS)
    keys = list(client.scan_iter(match=f"{name}:*"))
    if keys:
        client.delete(*keys)


def fill(site: Site, n: int, delay: float) -> None:
    for i in range(n):
        site.routes[f"/bai/{i}.html"] = Route(
            article_html(f"Xã Tân Lập: thủ tục số {i} được giải quyết trực tuyến").encode(),
            delay=delay)
    site.routes["/rss"] = Route(rss2([(site.url(f"/bai/{i}.html"), f"T{i}") for i in range(n)]),
                                content_type="application/rss+xml")


def setup(tmp: Path, site: Site, prefix: str, per_domain: int, heartbeat: float,
          concurrent: int = 4) -> dict[str, str]:
    (tmp / "sources.toml").write_text(textwrap.dedent(f"""\
        [[source]]
        name = "Tanlap.tayninh.gov.vn"
        scope = "provincial"
        province = "Tây Ninh"
        commune = "Xã Tân Lập"
        feeds = ["{site.url('/rss')}"]
        allowed_domains = ["{site.host}"]
        """), encoding="utf-8")
    (tmp / "settings.toml").write_text(textwrap.dedent(f"""\
        [crawl]
        download_delay = 0
        autothrottle = false
        retry_times = 0
        download_timeout = 10
        concurrent_per_domain = {per_domain}
        concurrent_requests = {concurrent}
        obey_robots = true
        store_batch = 2
        [fleet]
        key_prefix = "{prefix}"
        heartbeat_seconds = {heartbeat}
        progress_seconds = 1
        """), encoding="utf-8")
    return dict(os.environ, BANTIN_CONFIG=str(tmp / "settings.toml"), PYTHONPATH=str(ROOT),
                BANTIN_DATA_DIR=str(tmp / "data"))


def crawl_cmd(db_url: str, tmp: Path, queue: str, workers: int) -> list[str]:
    return [sys.executable, "-m", "digest", "--db", db_url, "crawl", "--sources",
            str(tmp / "sources.toml"), "--queue", queue, "--workers", str(workers)]


def stored(db_url: str) -> tuple[int, int]:
    """(rows, distinct url keys) in the article table."""
    with Session(open_db(db_url)) as session:
        rows = session.exec(select(func.count(Article.id))).one()
        keys = session.exec(select(func.count(func.distinct(Article.url_key)))).one()
    return int(rows), int(keys)


def wait_for(check, what: str, timeout: float = 60) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.1)


def crawl_with_two_workers(pg_url: str, tmp: Path, env: dict[str, str], prefix: str,
                           gate: threading.Event) -> None:
    """``bantin crawl --queue --workers 2``, opening ``gate`` (the feed's) once both workers
    are up, so both take part however slowly the machine starts them; asserts it finished
    and that both workers stored articles."""
    import redis

    client = redis.Redis.from_url(SHARED_REDIS)
    open_db(pg_url)
    proc = subprocess.Popen(crawl_cmd(pg_url, tmp, SHARED_REDIS, 2), cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        wait_for(lambda: client.hlen(f"{prefix}:workers") == 2, "two workers")
        gate.set()
        out, _ = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, out[-3000:]
    logs = sorted((tmp / "data" / "logs").glob("crawl-*-w*.log"))
    assert len(logs) == 2, logs
    for log in logs:
        assert "'item_scraped_count'" in log.read_text(encoding="utf-8"), log


@pytest.mark.postgres
def test_two_workers_share_one_polite_limit(tmp_path: Path, pg_url: str, prefix: str) -> None:
    """Two workers, one slow domain, one request at a time allowed: the server never sees two."""
    n = 10
    site = Site("127.0.0.41")
    with serve([site]):
        fill(site, n, delay=0.25)
        # the feed answers once both workers are up, so both take part however slowly the
        # machine starts them (one worker alone would keep the limit without any lease)
        site.routes["/rss"].gate = threading.Event()
        env = setup(tmp_path, site, prefix, per_domain=1, heartbeat=5, concurrent=2)
        crawl_with_two_workers(pg_url, tmp_path, env, prefix, site.routes["/rss"].gate)
    assert stored(pg_url) == (n, n)
    assert site.peak == 1, f"{site.peak} requests at once reached the server (allowed: 1)"
    with Session(open_db(pg_url)) as session:
        assert [r.status for r in session.exec(select(CrawlRun))] == ["finished"]


@pytest.mark.postgres
def test_worker_killed_9_loses_nothing(tmp_path: Path, pg_url: str, prefix: str) -> None:
    """kill -9 a worker holding requests: they are taken back from its processing hash once its
    heartbeat expires, the other worker finishes them, and each article is stored once."""
    import redis

    n = 12
    site = Site("127.0.0.42")
    client = redis.Redis.from_url(SHARED_REDIS)
    with serve([site]):
        fill(site, n, delay=0.8)  # slow pages: the kill lands while downloads are in flight
        env = setup(tmp_path, site, prefix, per_domain=2, heartbeat=1.5)
        open_db(pg_url)
        proc = subprocess.Popen(crawl_cmd(pg_url, tmp_path, SHARED_REDIS, 2), cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            held: dict[str, int] = {}

            def victim() -> bool:
                if stored(pg_url)[0] < 2:
                    return False
                for key in client.scan_iter(match=f"{prefix}:processing:*"):
                    n_held = client.hlen(key)
                    if n_held:
                        held[key.decode().rsplit(":", 1)[1]] = n_held
                        return True
                return False

            wait_for(victim, "a worker holding requests after two articles are stored")
            worker = next(iter(held))
            pid = json.loads(client.hget(f"{prefix}:workers", worker))["pid"]
            os.kill(pid, signal.SIGKILL)
            out, _ = proc.communicate(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
    assert proc.returncode == 0, out[-3000:]
    assert stored(pg_url) == (n, n)
    # a finished run leaves nothing behind but per-host politeness keys, which expire
    left = {k.decode(): client.pttl(k) for k in client.scan_iter(match=f"{prefix}:*")}
    assert all(":lease:" in k or ":last:" in k or ":robots:" in k for k in left), left
    assert all(ttl > 0 for ttl in left.values()), left


@pytest.mark.postgres
def test_robots_txt_is_read_once_for_the_fleet(tmp_path: Path, pg_url: str, prefix: str) -> None:
    """Two workers, two portals: each robots.txt is fetched once for the whole fleet; a path it
    disallows is never requested by either worker; its Crawl-delay spaces the host's requests
    fleet-wide; a portal whose robots.txt answers 503 gets nothing else asked of it."""
    ok, down = Site("127.0.0.44"), Site("127.0.0.45")
    public = [f"/bai/{i}.html" for i in range(6)]
    private = [f"/bai/rieng/{i}.html" for i in range(2)]
    with serve([ok, down]):
        for path in public + private:
            ok.routes[path] = Route(article_html(
                f"Phường An Hội: một cửa liên thông trả hồ sơ {path}").encode())
        ok.routes["/rss"] = Route(rss2([(ok.url(p), p) for p in public + private]),
                                  content_type="application/rss+xml")
        ok.routes["/rss"].gate = threading.Event()  # until both workers are up
        ok.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /bai/rieng/\nCrawl-delay: 1\n",
                                         content_type="text/plain")
        down.routes["/robots.txt"] = Route(b"busy", status=503, content_type="text/plain")
        down.routes["/rss"] = Route(rss2([(down.url("/bai/0.html"), "T")]),
                                    content_type="application/rss+xml")
        env = setup(tmp_path, ok, prefix, per_domain=1, heartbeat=5, concurrent=2)
        (tmp_path / "sources.toml").write_text("".join(textwrap.dedent(f"""\
            [[source]]
            name = "{name}"
            scope = "provincial"
            province = "Đắk Lắk"
            feeds = ["{site.url('/rss')}"]
            allowed_domains = ["{site.host}"]
            """) for name, site in (("Phường An Hội", ok), ("Xã Ea Kao", down))),
            encoding="utf-8")
        # both workers crawl the portal, so both have to obey its robots.txt
        crawl_with_two_workers(pg_url, tmp_path, env, prefix, ok.routes["/rss"].gate)
    assert ok.hits("/robots.txt") == 1, "robots.txt fetched by each worker, not once for all"
    assert not [p for p, _ in ok.log if p.startswith("/bai/rieng/")], ok.log
    assert stored(pg_url) == (len(public), len(public))
    starts = sorted(t for t, p in ok.started if p != "/robots.txt")
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    # Crawl-delay: 1 over a download_delay of 0 (network jitter allowed for)
    assert min(gaps) > 0.7, gaps
    assert [p for p, _ in down.log] == ["/robots.txt"], down.log
    with Session(open_db(pg_url)) as session:
        kinds = {(e.source, e.kind) for e in session.exec(select(CrawlError))}
    assert ("Xã Ea Kao", "robots_unreachable") in kinds, kinds
    assert ("Phường An Hội", "robots") in kinds, kinds


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[tuple[str, callable]]:  # type: ignore[valid-type]
    """A redis-server of this test's own (AOF on, so a restart keeps the queue) and a function
    restarting it; never the shared one."""
    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("redis-server is not installed; Redis restart not tested here")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    data = tmp_path / "redis"
    data.mkdir()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(data),
            "--appendonly", "yes", "--save", "", "--daemonize", "no"]
    procs: list[subprocess.Popen[bytes]] = []

    def start() -> None:
        procs.append(subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for(lambda: _answers("127.0.0.1", port), "redis-server to listen", 20)

    start()
    yield f"redis://127.0.0.1:{port}/0", start
    for p in procs:
        if p.poll() is None:
            p.terminate()
            p.wait(10)


@pytest.mark.postgres
def test_redis_restart_stops_then_resumes(tmp_path: Path, pg_url: str, own_redis) -> None:  # type: ignore[no-untyped-def]
    import redis

    queue, start_redis = own_redis
    n = 12
    site = Site("127.0.0.43")
    with serve([site]):
        fill(site, n, delay=0.4)
        env = setup(tmp_path, site, "bantin", per_domain=1, heartbeat=1)
        open_db(pg_url)
        proc = subprocess.Popen(crawl_cmd(pg_url, tmp_path, queue, 1), cwd=ROOT, env=env,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        try:
            wait_for(lambda: stored(pg_url)[0] >= 2, "two stored articles")
            redis.Redis.from_url(queue).shutdown(save=True)  # AOF flushed, server gone
            out, _ = proc.communicate(timeout=60)
        finally:
            if proc.poll() is None:
                proc.kill()
        assert proc.returncode != 0
        assert "went away" in out and "run the same command again to resume" in out, out[-2000:]
        assert stored(pg_url)[0] < n
        start_redis()
        again = subprocess.run(crawl_cmd(pg_url, tmp_path, queue, 1), check=False, cwd=ROOT, env=env,
                               capture_output=True, text=True, timeout=120)
    assert again.returncode == 0, again.stderr[-3000:]
    assert "resuming crawl run" in again.stderr
    assert stored(pg_url) == (n, n)
    with Session(open_db(pg_url)) as session:
        runs = list(session.exec(select(CrawlRun)))
    assert [r.status for r in runs] == ["finished"], "the resumed run is the same run"
