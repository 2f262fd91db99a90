"""Fleet crawl benchmark: ~3,400 simulated commune portals on loopback crawled by 1, 2 and 4
workers (``bantin crawl --queue``) into PostgreSQL through the shared Redis.

    python -m bench.bench_fleet [--quick] [--portals N] [--articles K] [--workers 1,2,4]

Each portal listens on its own loopback address (127.1.x.y, one port for all), answers every
request after 100-300 ms, and has a home page announcing its feed, a robots.txt and K article
pages (default 3,400 portals x 2 = 6,800 articles; --quick: 340). One portal in fifty is dead,
and others carry the demo's failure kinds (feed 404, broken feed, article 500, a timeout, a PDF,
an empty page, robots.txt disallowing the articles); one in ten has no feed configured (found
by autodiscovery on its home page). Politeness stays on: robots.txt obeyed, one request at a
time per host and 0.25 s between requests to a host, fleet-wide.

Reports per worker count: pages/s (article pages fetched / wall time, worker start included),
CPU seconds per 1,000 pages (all workers), peak memory per worker (VmHWM), Redis memory (peak
over the run, above what it used before) and the scaling efficiency against one worker. Needs
PostgreSQL at 127.0.0.1:5432 (db ``test``) and Redis at 127.0.0.1:6379; skipped, saying so,
without them.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import os
import random
import resource
import socket
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

PG = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
REDIS = "redis://127.0.0.1:6379/0"
PROVINCES = ("Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "TP Hồ Chí Minh", "Cần Thơ", "Lai Châu",
             "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
             "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh",
             "Hưng Yên", "Ninh Bình", "Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa",
             "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh", "Vĩnh Long", "Đồng Tháp", "Cà Mau",
             "An Giang")
# portal index % 50 -> what is wrong with it (the rest are healthy)
KINDS = {1: "dead", 2: "feed_404", 3: "bad_feed", 4: "article_500", 5: "timeout", 6: "pdf",
         7: "empty", 8: "robots"}
TIMEOUT = 4


def ip(i: int) -> str:
    return f"127.1.{i // 250}.{i % 250 + 1}"


def kind(i: int) -> str:
    return KINDS.get(i % 50, "ok")


# --------------------------------------------------------------------------- the portals
def _page(i: int, path: str, articles: int, port: int) -> tuple[int, str, bytes, float]:
    """(status, content type, body, extra delay) for one request to portal i."""
    from bench.bench_crawl import article_page

    k = kind(i)
    base = f"http://{ip(i)}:{port}"
    if path == "/robots.txt":
        if k == "robots":
            return 200, "text/plain", b"User-agent: *\nDisallow: /bai/\n", 0
        return 404, "text/plain", b"not found", 0
    if path == "/":
        html = ("<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
                f"<title>Cổng thông tin điện tử xã {i}</title><link rel='alternate' "
                f"type='application/rss+xml' href='{base}/rss'></head><body>Trang chủ</body></html>")
        return 200, "text/html; charset=utf-8", html.encode(), 0
    if path == "/rss":
        if k == "feed_404":
            return 404, "text/html", b"<html>not found</html>", 0
        if k == "bad_feed":
            return 200, "application/rss+xml", b"<html><body>Bao tri he thong</body></html>", 0
        items = "".join(f"<item><title>Tin {j}</title><link>{base}/bai/{j}.html</link>"
                        "<pubDate>Tue, 24 Nov 2026 08:00:00 +0700</pubDate></item>"
                        for j in range(articles))
        return 200, "application/rss+xml", (
            f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>Xã {i}"
            f"</title><link>{base}/</link>{items}</channel></rss>").encode(), 0
    if path.startswith("/bai/") and path.endswith(".html"):
        try:
            j = int(path[5:-5])
        except ValueError:
            return 404, "text/plain", b"not found", 0
        if j == 0 and k == "article_500":
            return 500, "text/html", b"<html>Internal Server Error</html>", 0
        if j == 0 and k == "timeout":
            return 200, "text/html", b"<html>late</html>", TIMEOUT + 2
        if j == 0 and k == "pdf":
            return 200, "application/pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + b"0" * 2000, 0
        if j == 0 and k == "empty":
            return 200, "text/html", b"", 0
        body = article_page(i * 1000 + j, random.Random(i * 1000 + j))
        return 200, "text/html; charset=utf-8", body, 0
    return 404, "text/plain", b"not found", 0


async def _handle(i: int, articles: int, port: int, reader: asyncio.StreamReader,
                  writer: asyncio.StreamWriter) -> None:
    rng = random.Random()
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            line = head.split(b"\r\n", 1)[0].decode("latin-1").split()
            path = line[1] if len(line) > 1 else "/"
            status, ctype, body, extra = _page(i, path, articles, port)
            await asyncio.sleep(rng.uniform(0.1, 0.3) + extra)  # a slow commune server
            writer.write(f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: "
                         f"{len(body)}\r\n\r\n".encode() + body)
            await writer.drain()
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


def _serve(portals: int, articles: int, port: int, ready: Any) -> None:
    os.setsid()  # its own scheduling group: the portals' CPU is not taken from the workers'

    async def main() -> None:
        servers = []
        for i in range(portals):
            if kind(i) == "dead":
                continue  # nothing listens: connection refused
            servers.append(await asyncio.start_server(
                lambda r, w, i=i: _handle(i, articles, port, r, w), ip(i), port,
                reuse_address=True, backlog=64))
        ready.set()
        await asyncio.Event().wait()

    asyncio.run(main())


def start_portals(portals: int, articles: int) -> tuple[multiprocessing.Process, int]:
    """The portals in a process of their own (their CPU is not the crawl's)."""
    with socket.socket() as sock:
        sock.bind((ip(0), 0))
        port = sock.getsockname()[1]
    ready = multiprocessing.Event()
    proc = multiprocessing.Process(target=_serve, args=(portals, articles, port, ready),
                                   daemon=True)
    proc.start()
    if not ready.wait(120):
        raise RuntimeError("portal server did not start")
    return proc, port


def write_sources(path: Path, portals: int, port: int) -> None:
    out = []
    for i in range(portals):
        base = f"http://{ip(i)}:{port}"
        name = f"Xã Thử Nghiệm {i:04d}"
        where = (f'homepage = "{base}/"' if i % 10 == 9 else f'feeds = ["{base}/rss"]')
        out.append(f'[[source]]\nname = "{name}"\nscope = "provincial"\n'
                   f'province = "{PROVINCES[i % len(PROVINCES)]}"\ncommune = "{name}"\n'
                   f'{where}\nallowed_domains = ["{ip(i)}"]\n')
    path.write_text("\n".join(out), encoding="utf-8")


# --------------------------------------------------------------------------- measuring
class Sampler:
    """Per-worker peak memory (VmHWM of each descendant) and Redis's peak used_memory."""

    def __init__(self, client: Any, skip: set[int]) -> None:
        from bench.memory import _hwm_kb

        self.hwm = _hwm_kb
        self.client, self.skip = client, skip
        self.peaks: dict[int, int] = {}
        self.redis_base = int(client.info("memory")["used_memory"])
        self.redis_peak = self.redis_base
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        from bench.memory import ChildrenPeak

        walker = ChildrenPeak()
        while not self.stop.is_set():
            for pid in walker._descendants() - self.skip:
                self.peaks[pid] = max(self.peaks.get(pid, 0), self.hwm(pid))
            try:
                self.redis_peak = max(self.redis_peak,
                                      int(self.client.info("memory")["used_memory"]))
            except Exception:  # noqa: BLE001 - a missed sample is no reason to stop the bench
                pass
            self.stop.wait(0.5)


def run_once(workers: int, sources: Path, tmp: Path) -> dict[str, Any]:
    """One fleet crawl into a fresh PostgreSQL schema and a fresh key prefix."""
    import redis
    from sqlalchemy import create_engine, text

    from digest import config
    from digest.ingest.fleet import run_fleet
    from digest.store import db

    schema = f"bench_fleet_{uuid.uuid4().hex[:8]}"
    prefix = f"bench-fleet-{uuid.uuid4().hex[:8]}"
    settings_file = tmp / f"settings-{workers}.toml"
    crawl = {"obey_robots": "true", "autothrottle": "false", "download_delay": "0.25",
             "concurrent_per_domain": "1", "concurrent_requests": "64",
             "download_timeout": str(TIMEOUT), "retry_times": "0"}
    for pair in filter(None, os.environ.get("BENCH_FLEET_CRAWL", "").split(";")):
        key, _, value = pair.partition("=")  # experiments: "download_delay=0.0;obey_robots=false"
        crawl[key.strip()] = value.strip()
    settings_file.write_text(
        "[crawl]\n" + "".join(f"{k} = {v}\n" for k, v in crawl.items())
        + f'[fleet]\nkey_prefix = "{prefix}"\nprogress_seconds = 100000.0\n', encoding="utf-8")
    config.use_settings(config.load_settings(settings_file))
    admin = create_engine(PG)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    db_url = f"{PG}?options=-csearch_path%3D{schema}"
    client = redis.Redis.from_url(REDIS)
    sampler = Sampler(client, skip={os.getpid(), *[c.pid for c in multiprocessing.active_children()
                                                   if c.pid]})
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    sampler.thread.start()
    started = time.perf_counter()
    try:
        report = run_fleet(db_url, sources, REDIS, workers=workers, progress=False)
    finally:
        wall = time.perf_counter() - started
        sampler.stop.set()
        sampler.thread.join()
        db.dispose_all()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        leftover = list(client.scan_iter(match=f"{prefix}:*"))
        if leftover:
            client.delete(*leftover)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    fetched = report.total("fetched")
    peaks = sorted(sampler.peaks.values(), reverse=True)[:workers]
    return {
        "workers": workers, "status": report.status, "seconds": round(wall, 1),
        "articles_fetched": fetched, "stored": report.total("stored"),
        "errors": dict(sorted(report.errors.items())),
        "pages_per_s": round(fetched / wall, 1),
        "cpu_seconds": round(cpu, 1),
        "cpu_ms_per_page": round(1000 * cpu / fetched, 1) if fetched else None,
        "peak_rss_mb_per_worker": round(max(peaks) / 1024, 1) if peaks else None,
        "redis_peak_mb_above_base": round((sampler.redis_peak - sampler.redis_base) / 1e6, 2),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = list(sys.argv[1:] if argv is None else argv)
    portals = 340 if "--quick" in args else 3400
    articles = 2
    counts = [1, 2, 4]
    if "--portals" in args:
        portals = int(args[args.index("--portals") + 1])
    if "--articles" in args:
        articles = int(args[args.index("--articles") + 1])
    if "--workers" in args:
        counts = [int(n) for n in args[args.index("--workers") + 1].split(",")]
    for host, port_ in (("127.0.0.1", 5432), ("127.0.0.1", 6379)):
        try:
            socket.create_connection((host, port_), timeout=1).close()
        except OSError:
            print(f"bench fleet skipped: nothing answers on {host}:{port_} "
                  "(needs PostgreSQL and Redis)")
            return {"skipped": f"no server on {host}:{port_}"}
    tmp = Path(tempfile.mkdtemp(prefix="bench-fleet-"))
    os.environ["BANTIN_DATA_DIR"] = str(tmp / "data")
    server, port = start_portals(portals, articles)
    sources = tmp / "sources.toml"
    write_sources(sources, portals, port)
    runs = []
    try:
        for n in counts:
            figures = run_once(n, sources, tmp)
            runs.append(figures)
            print(f"{n} worker(s): {figures['articles_fetched']} article pages in "
                  f"{figures['seconds']} s = {figures['pages_per_s']} pages/s, "
                  f"{figures['cpu_ms_per_page']} ms CPU/page, peak "
                  f"{figures['peak_rss_mb_per_worker']} MB/worker, Redis +"
                  f"{figures['redis_peak_mb_above_base']} MB ({figures['status']})", flush=True)
    finally:
        server.terminate()
    one = next((r for r in runs if r["workers"] == 1), None)
    for r in runs:
        r["speedup_vs_1"] = round(r["pages_per_s"] / one["pages_per_s"], 2) if one else None
    print("speed-up against one worker: "
          + ", ".join(f"{r['workers']}: {r['speedup_vs_1']}x" for r in runs)
          + f" (cpus {os.cpu_count()}, load average {os.getloadavg()[0]:.2f})")
    return {"portals": portals, "articles_per_portal": articles, "runs": runs,
            "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)}


if __name__ == "__main__":
    main()
