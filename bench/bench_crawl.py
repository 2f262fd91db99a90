"""Crawl benchmark: crawl + extract + store throughput on a generated corpus served on loopback.

    python -m bench.bench_crawl [--quick] [--pages N]

Generates N article pages (default 5,000; --quick 500) over 10 outlets on 127.0.0.51-60, each
with feeds of 100 items, serves them from this process, and crawls them with politeness off
(no robots.txt, no AutoThrottle, no delay, high concurrency) into a fresh SQLite database.
Reports pages/s of the whole crawl (subprocess start included) and the crawl subprocess's peak
RSS (getrusage RUSAGE_CHILDREN), beside ``extract_article`` alone on the same pages, both per
CPU second too, and where the crawl process's CPU went (:mod:`spiders.stages`).
"""

from __future__ import annotations

import json
import os
import random
import resource
import sys
import tempfile
import threading
import time
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from bench.memory import ChildrenPeak

HOSTS = [f"127.0.0.{n}" for n in range(51, 61)]
PER_FEED = 100
WORDS = ("cải cách hành chính thủ tục hồ sơ trực tuyến người dân doanh nghiệp ủy ban nhân dân "
         "tỉnh thành phố sở ngành kế hoạch chuyển đổi số dịch vụ công một cửa liên thông cán bộ "
         "công chức kỷ luật thanh tra giải quyết đúng hạn số hóa kết quả đánh giá chỉ số hài lòng "
         "Đà Nẵng Hà Nội Cần Thơ Huế Quảng Ninh Nghệ An năm 2023 quý II triển khai").split()


def _sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(12, 28))]
    return words[0].capitalize() + " " + " ".join(words[1:]) + "."


def article_page(i: int, rng: random.Random) -> bytes:
    title = f"Bài {i}: " + " ".join(rng.choice(WORDS) for _ in range(9)).capitalize()
    paras = "".join(f"<p>{escape(' '.join(_sentence(rng) for _ in range(rng.randint(2, 4))))}</p>"
                    for _ in range(rng.randint(4, 9)))
    day = 20 + i % 7
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{escape(title)} | Báo Thử</title>"
        f"<meta property='og:title' content='{escape(title)}'>"
        f"<meta property='article:published_time' content='2023-05-{day}T08:{i % 60:02d}:00+07:00'>"
        "</head><body><header><nav><a href='/'>Trang chủ</a><a href='/thoi-su'>Thời sự</a>"
        "<a href='/kinh-te'>Kinh tế</a></nav></header><main><article>"
        f"<h1>{escape(title)}</h1><div class='meta'>Thứ Tư, {day}/5/2023 08:00 (GMT+7)</div>"
        f"<div class='detail'>{paras}</div><p class='author'>Minh Anh</p></article>"
        "<aside><h3>Tin liên quan</h3><ul>"
        + "".join(f"<li><a href='/bai-{i + k}.html'>Tin khác {k}</a></li>" for k in range(1, 6))
        + "</ul></aside></main><footer>Bản quyền © Báo Thử</footer></body></html>"
    ).encode("utf-8")


def build_corpus(pages: int) -> dict[str, dict[str, tuple[bytes, str]]]:
    """{host: {path: (body, content type)}}: pages spread over the hosts, feeds of 100 items."""
    rng = random.Random(20230524)
    sites: dict[str, dict[str, tuple[bytes, str]]] = {h: {} for h in HOSTS}
    for i in range(pages):
        sites[HOSTS[i % len(HOSTS)]][f"/bai-{i}.html"] = (article_page(i, rng), "text/html; charset=utf-8")
    return sites


def add_feeds(sites: dict[str, dict[str, tuple[bytes, str]]], port: int) -> dict[str, list[str]]:
    feeds: dict[str, list[str]] = {}
    for host, routes in sites.items():
        paths = sorted(p for p in routes if p.startswith("/bai-"))
        feeds[host] = []
        for n, start in enumerate(range(0, len(paths), PER_FEED)):
            items = "".join(
                f"<item><title>Bài {p}</title><link>http://{host}:{port}{p}</link>"
                "<pubDate>Wed, 24 May 2023 08:00:00 +0700</pubDate></item>"
                for p in paths[start:start + PER_FEED])
            body = (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T"
                    f"</title><link>http://{host}/</link>{items}</channel></rss>").encode()
            routes[f"/rss/{n}.rss"] = (body, "application/rss+xml")
            feeds[host].append(f"http://{host}:{port}/rss/{n}.rss")
    return feeds


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    routes: dict[str, tuple[bytes, str]] = {}

    def log_message(self, *args: Any) -> None:
        pass

    def do_GET(self) -> None:
        found = self.routes.get(self.path)
        body, ctype = found if found else (b"not found", "text/plain")
        try:
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass


def serve(sites: dict[str, dict[str, tuple[bytes, str]]]) -> tuple[list[ThreadingHTTPServer], int]:
    servers: list[ThreadingHTTPServer] = []
    port = 0
    for host in HOSTS:
        handler = type("H", (_Handler,), {"routes": sites[host]})
        server = ThreadingHTTPServer((host, port), handler)
        server.daemon_threads = True
        port = server.server_address[1]  # one port for every host
        servers.append(server)
        threading.Thread(target=server.serve_forever, daemon=True).start()
    return servers, port


# How the crawl process's CPU is reported (spiders.stages): "rest" is Scrapy and Twisted themselves
# (scheduling, HTTP client, middleware chains, signals) and the spider's code around the calls;
# "exit" what the process spent after Scrapy's loop (closing, interpreter shutdown).
_STAGE_ORDER = ("extract", "rest", "startup", "exit", "store", "feeds", "events", "decode", "store_lookup",
                "gc")


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = list(sys.argv[1:] if argv is None else argv)
    pages = 500 if "--quick" in args else 5000
    if "--pages" in args:
        pages = int(args[args.index("--pages") + 1])
    from digest import config
    from digest.ingest.crawl import run_crawl
    from digest.ingest.extract import extract_article

    tmp = Path(tempfile.mkdtemp(prefix="bench-crawl-"))
    os.environ.setdefault("BANTIN_DATA_DIR", str(tmp / "data"))
    config.use_settings(config.load_settings())
    sites = build_corpus(pages)
    # bind first (the port goes into the feeds), then fill the routes the handlers share
    servers, port = serve(sites)
    feeds = add_feeds(sites, port)
    sources = tmp / "sources.toml"
    sources.write_text("".join(
        f'[[source]]\nname = "Bench{n}.vn"\nscope = "central"\nfeeds = {feeds[h]!r}\n'
        f'allowed_domains = ["{h}"]\n\n'.replace("'", '"') for n, h in enumerate(HOSTS)),
        encoding="utf-8")
    db_url = f"sqlite:///{tmp / 'bench.sqlite3'}"
    overrides = {"obey_robots": False, "autothrottle": False, "download_delay": 0,
                 "concurrent_requests": 64, "concurrent_per_domain": 16, "retry_times": 0,
                 "max_feed_items": PER_FEED, "download_timeout": 60}
    stages_file = tmp / "stages.json"  # the crawl process's CPU per stage (spiders.stages)
    os.environ["BANTIN_CRAWL_STAGES"] = str(stages_file)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        with ChildrenPeak() as children:  # ru_maxrss of children would count this process at fork
            report = run_crawl(db_url, sources, overrides=overrides, progress=False)
    finally:
        del os.environ["BANTIN_CRAWL_STAGES"]
    crawl_s = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    peak_kb = children.kb
    # CPU seconds of the crawl subprocess: a figure that a busy shared machine distorts less
    crawl_cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    for server in servers:
        server.shutdown()
        server.server_close()

    bodies = [(f"http://{h}:{port}{p}", b) for h, r in sites.items() for p, (b, _) in r.items()
              if p.startswith("/bai-")]
    started, cpu_started = time.perf_counter(), time.process_time()
    for url, body in bodies:
        # the call the spider makes (captions dropped for storage), so the two rates compare
        extract_article(body.decode("utf-8"), url, None, None, drop_captions=True)
    extract_s = time.perf_counter() - started
    extract_cpu = time.process_time() - cpu_started

    fetched, stored = report.total("fetched"), report.total("stored")
    stages = json.loads(stages_file.read_text()) if stages_file.is_file() else {}
    if stages.get("total"):
        # what the process spent after its loop ended (closing, interpreter exit): rusage minus it
        stages["exit"] = round(max(0.0, crawl_cpu - stages["total"]), 3)
        stages["total"] = round(crawl_cpu, 3)
    figures = {
        "pages": pages, "fetched": fetched, "stored": stored, "errors": dict(report.errors),
        "crawl_seconds": round(crawl_s, 1), "crawl_pages_per_s": round(fetched / crawl_s, 1),
        "crawl_peak_rss_mb": round(peak_kb / 1024, 1),
        "crawl_cpu_seconds": round(crawl_cpu, 1),
        "crawl_pages_per_cpu_s": round(fetched / crawl_cpu, 1) if crawl_cpu else None,
        "extract_only_pages_per_cpu_s": round(len(bodies) / extract_cpu, 1) if extract_cpu else None,
        "extract_only_seconds": round(extract_s, 1),
        "extract_only_pages_per_s": round(len(bodies) / extract_s, 1),
        "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2),
        "crawl_cpu_by_stage": stages,
    }
    if figures["crawl_pages_per_cpu_s"] and figures["extract_only_pages_per_cpu_s"]:
        figures["crawl_vs_extract_only"] = round(
            figures["crawl_pages_per_cpu_s"] / figures["extract_only_pages_per_cpu_s"], 2)
    print(f"crawl+extract+store: {fetched} pages fetched, {stored} stored in {crawl_s:.1f} s "
          f"= {figures['crawl_pages_per_s']} pages/s (subprocess start included), "
          f"peak RSS of the crawl process {figures['crawl_peak_rss_mb']} MB")
    print(f"extract_article alone on the same pages: {figures['extract_only_pages_per_s']} pages/s")
    print(f"per CPU second: crawl {figures['crawl_pages_per_cpu_s']} pages "
          f"(crawl process {crawl_cpu:.1f} CPU s), extraction alone "
          f"{figures['extract_only_pages_per_cpu_s']} pages (load average {figures['load_avg_1m']})")
    if figures.get("crawl_vs_extract_only"):
        print(f"ratio crawl / extraction alone per CPU second: {figures['crawl_vs_extract_only']}")
    if stages.get("total"):
        print("crawl process CPU by stage: " + ", ".join(
            f"{name} {100 * stages[name] / stages['total']:.1f} %" for name in _STAGE_ORDER if name in stages)
            + f" (of {stages['total']:.1f} CPU s; gc runs inside the stages, not added to them)")
    if report.errors:
        print(f"errors: {dict(report.errors)}")
    return figures


if __name__ == "__main__":
    main()
