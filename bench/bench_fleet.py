"""Fleet crawl benchmark: ~3,400 simulated commune portals on loopback crawled by 1, 2 and 4
workers (``bantin crawl --queue``) into PostgreSQL through the shared Redis.

    python -m bench.bench_fleet [--quick] [--portals N] [--articles K] [--workers 1,2,4]
                                [--json FILE]

Each portal listens on its own loopback address (127.1.x.y, one port for all), answers every
request after 100-300 ms from pages rendered before the clock starts, and has a home page
announcing its feed, a robots.txt and K article pages (default 3,400 portals x 6 = 20,400
articles; --quick: 340 portals). One portal in fifty is dead, and others carry the demo's
failure kinds (feed 404, broken feed, article 500, a timeout, a PDF, an empty page, robots.txt
disallowing the articles); one in ten has no feed configured (found by autodiscovery on its
home page). Politeness stays on: robots.txt obeyed (fetched once per portal for the fleet), one
request at a time per host and 0.25 s between requests to a host, fleet-wide.

Reports per worker count: pages/s (article pages fetched / wall time, worker start included),
CPU per article page of the workers and of everything else the crawl made the machine do (the
portals' server, Redis, the PostgreSQL backends, the coordinator), peak memory per worker
(VmHWM), Redis memory (peak over the run, above what it used before), the load average, when
the first and last articles were stored, and the speed-up against one worker: measured, and
CPU-normalised (from CPU per page, which a busy machine disturbs far less than wall time; see
:func:`projection`). Needs PostgreSQL at 127.0.0.1:5432 (db ``test``) and Redis at
127.0.0.1:6379; skipped, saying so, without them.
"""

from __future__ import annotations

import asyncio
import json
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
from datetime import UTC
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


def _response(status: int, ctype: str, body: bytes) -> bytes:
    return (f"HTTP/1.1 {status} X\r\nContent-Type: {ctype}\r\nContent-Length: {len(body)}"
            "\r\n\r\n").encode() + body


class Portal(asyncio.Protocol):
    """One connection to portal i: each request answered from the pre-rendered pages after
    100-300 ms (a slow commune server), in order. A bare protocol, not asyncio streams: the
    portals share the workers' two cores, so the less CPU they take the truer the bench."""

    def __init__(self, pages: dict[str, tuple[bytes, float]], rng: random.Random) -> None:
        self.pages, self.rng = pages, rng
        self.buffer = b""
        self.free_at = 0.0  # answers leave in request order
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        loop = asyncio.get_running_loop()
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            line = self.buffer[:self.buffer.find(b"\r\n")].split()
            self.buffer = self.buffer[end + 4:]
            path = line[1].decode("latin-1") if len(line) > 1 else "/"
            response, extra = self.pages.get(path) or (NOT_FOUND, 0.0)
            at = max(loop.time() + self.rng.uniform(0.1, 0.3) + extra, self.free_at)
            self.free_at = at
            loop.call_at(at, self._send, response)

    def _send(self, response: bytes) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.write(response)


NOT_FOUND = _response(404, "text/plain", b"not found")


def render(i: int, articles: int, port: int) -> dict[str, tuple[bytes, float]]:
    """Every page of portal i, as full HTTP responses (with the extra delay of each)."""
    pages = {}
    for path in ("/robots.txt", "/", "/rss", *(f"/bai/{j}.html" for j in range(articles))):
        status, ctype, body, extra = _page(i, path, articles, port)
        pages[path] = (_response(status, ctype, body), extra)
    return pages


def _serve(portals: int, articles: int, port: int, ready: Any) -> None:
    os.setsid()  # its own scheduling group: the portals' CPU is not taken from the workers'

    async def main() -> None:
        loop = asyncio.get_running_loop()
        rng = random.Random(2025)
        servers = []
        for i in range(portals):
            if kind(i) == "dead":
                continue  # nothing listens: connection refused
            pages = render(i, articles, port)  # before the clock starts, not per request
            servers.append(await loop.create_server(
                lambda pages=pages: Portal(pages, rng), ip(i), port,
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
    if not ready.wait(600):  # 20,000 pages rendered first
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
TICK = os.sysconf("SC_CLK_TCK")


def proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a live process has used, from /proc (0 if gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICK


def redis_cpu(client: Any) -> float:
    """CPU seconds the Redis server has used (INFO cpu; other clients' work included)."""
    info = client.info("cpu")
    return float(info["used_cpu_user"]) + float(info["used_cpu_sys"])


class Sampler:
    """Per-worker peak memory (VmHWM of each descendant) and Redis's peak used_memory."""

    def __init__(self, client: Any, skip: set[int], pg: Any = None, app: str = "") -> None:
        from bench.memory import _hwm_kb

        self.hwm = _hwm_kb
        self.client, self.skip = client, skip
        self.pg, self.app = pg, app
        self.peaks: dict[int, int] = {}
        self.pg_cpu: dict[int, float] = {}  # backend pid -> CPU seconds, last seen
        self.loads: list[float] = []
        self.cpu = 0.0  # this thread's own CPU: the bench's, not the coordinator's
        self.redis_base = int(client.info("memory")["used_memory"])
        self.redis_peak = self.redis_base
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        from bench.memory import ChildrenPeak

        walker = ChildrenPeak()
        started = time.thread_time()
        while not self.stop.is_set():
            for pid in walker._descendants() - self.skip:
                self.peaks[pid] = max(self.peaks.get(pid, 0), self.hwm(pid))
            try:
                self.redis_peak = max(self.redis_peak,
                                      int(self.client.info("memory")["used_memory"]))
            except Exception:  # noqa: BLE001 - a missed sample is no reason to stop the bench
                pass
            self.sample_pg()
            self.loads.append(os.getloadavg()[0])
            self.cpu = time.thread_time() - started
            self.stop.wait(1.0)

    def sample_pg(self) -> None:
        """CPU of the PostgreSQL backends serving this run (found by application_name); a
        backend's last half second before it exits is missed."""
        if self.pg is None:
            return
        from sqlalchemy import text

        try:
            with self.pg.connect() as conn:
                pids = [int(r[0]) for r in conn.execute(text(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = :a"),
                    {"a": self.app})]
        except Exception:  # noqa: BLE001 - a missed sample is no reason to stop the bench
            return
        for pid in pids:
            cpu = proc_cpu(pid)
            if cpu:
                self.pg_cpu[pid] = max(self.pg_cpu.get(pid, 0.0), cpu)


def run_once(workers: int, sources: Path, tmp: Path, server_pid: int) -> dict[str, Any]:
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
    # application_name: the sampler finds this run's PostgreSQL backends by it
    db_url = f"{PG}?options=-csearch_path%3D{schema}&application_name={schema}"
    client = redis.Redis.from_url(REDIS)
    sampler = Sampler(client, skip={os.getpid(), *[c.pid for c in multiprocessing.active_children()
                                                   if c.pid]}, pg=admin, app=schema)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    server_before, redis_before = proc_cpu(server_pid), redis_cpu(client)
    commands_before = int(client.info("stats")["total_commands_processed"])
    own_before = time.process_time()
    load_before = os.getloadavg()[0]
    sampler.thread.start()
    started = time.perf_counter()
    started_at = time.time()
    timeline: dict[str, float | None] = {}
    try:
        report = run_fleet(db_url, sources, REDIS, workers=workers, progress=False)
    finally:
        wall = time.perf_counter() - started
        server_cpu = proc_cpu(server_pid) - server_before
        redis_used = redis_cpu(client) - redis_before
        commands = int(client.info("stats")["total_commands_processed"]) - commands_before
        sampler.stop.set()
        sampler.thread.join()
        own_cpu = time.process_time() - own_before - sampler.cpu
        with admin.begin() as conn:
            # when the first and the last article were stored: the crawl's steady part lies
            # between, worker start, seeding, feeds before and the slowest hosts after
            first, last = conn.execute(text(
                f'SELECT min(fetched_at), max(fetched_at) FROM "{schema}".article')).one()
        for name, at in (("first_article_s", first), ("last_article_s", last)):
            if at is not None and at.tzinfo is None:
                at = at.replace(tzinfo=UTC)
            timeline[name] = round(at.timestamp() - started_at, 1) if at is not None else None
        db.dispose_all()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()
        leftover = list(client.scan_iter(match=f"{prefix}:*"))
        if leftover:
            client.delete(*leftover)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    # context switches of the workers: involuntary ones are preemption (the cores were short)
    switches = {"voluntary": after.ru_nvcsw - before.ru_nvcsw,
                "involuntary": after.ru_nivcsw - before.ru_nivcsw}
    fetched = report.total("fetched")
    peaks = sorted(sampler.peaks.values(), reverse=True)[:workers]
    pg_cpu = sum(sampler.pg_cpu.values())
    # everything this crawl made the machine do: workers, the portals' server, Redis,
    # PostgreSQL's backends, and this process (coordinator, sampler)
    total = cpu + server_cpu + redis_used + pg_cpu + own_cpu

    def per_page(seconds: float) -> float | None:
        return round(1000 * seconds / fetched, 2) if fetched else None

    return {
        "workers": workers, "status": report.status, "seconds": round(wall, 1),
        "articles_fetched": fetched, "stored": report.total("stored"),
        "errors": dict(sorted(report.errors.items())),
        "pages_per_s": round(fetched / wall, 1),
        "timeline": timeline,
        "cpu_seconds": round(cpu, 1),
        "cpu_ms_per_page": per_page(cpu),
        "sampler_cpu_seconds": round(sampler.cpu, 2),  # the bench's own, counted nowhere
        "cpu_ms_per_page_by_process": {
            "workers": per_page(cpu), "portal_server": per_page(server_cpu),
            "redis": per_page(redis_used), "postgresql": per_page(pg_cpu),
            "coordinator": per_page(own_cpu), "all": per_page(total)},
        "cores_busy": round(total / wall, 2),
        "redis_commands_per_page": round(commands / fetched, 1) if fetched else None,
        "worker_context_switches_per_page": {
            k: round(v / fetched, 1) for k, v in switches.items()} if fetched else None,
        "peak_rss_mb_per_worker": round(max(peaks) / 1024, 1) if peaks else None,
        "redis_peak_mb_above_base": round((sampler.redis_peak - sampler.redis_base) / 1e6, 2),
        "load_avg_1m": {"start": round(load_before, 2), "end": round(os.getloadavg()[0], 2),
                        "mean": round(sum(sampler.loads) / len(sampler.loads), 2)
                        if sampler.loads else None},
    }


def projection(run: dict[str, Any], one: dict[str, Any] | None, cores: int) -> dict[str, Any]:
    """Speed-ups from CPU per page alone, which a busy machine disturbs far less than wall
    time. With w = workers' CPU per page and a = everything's (portals, Redis, PostgreSQL,
    coordinator included), W single-threaded workers on C cores crawl at most
    min(W / w, C / a) pages per second; "each worker a core" is W / w alone (the portals,
    Redis and PostgreSQL elsewhere, as in production)."""
    if one is None or not run["cpu_ms_per_page"] or not one["cpu_ms_per_page"]:
        return {}
    w, a = run["cpu_ms_per_page"], run["cpu_ms_per_page_by_process"]["all"]
    w1, a1 = one["cpu_ms_per_page"], one["cpu_ms_per_page_by_process"]["all"]
    n = run["workers"]
    alone = 1000 * min(1 / w1, cores / a1)
    return {"speedup_each_worker_a_core": round(n * w1 / w, 2),
            "speedup_on_this_machine": round(1000 * min(n / w, cores / a) / alone, 2),
            "pages_per_s_on_this_machine": round(1000 * min(n / w, cores / a), 1)}


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = list(sys.argv[1:] if argv is None else argv)
    portals = 340 if "--quick" in args else 3400
    articles = 6  # 3,400 portals x 6: ~20,000 article pages, as the issue asks
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
            figures = run_once(n, sources, tmp, int(server.pid or 0))
            runs.append(figures)
            by = figures["cpu_ms_per_page_by_process"]
            print(f"{n} worker(s): {figures['articles_fetched']} article pages in "
                  f"{figures['seconds']} s = {figures['pages_per_s']} pages/s, "
                  f"{figures['cpu_ms_per_page']} ms CPU/page in workers "
                  f"(server {by['portal_server']}, Redis {by['redis']}, PostgreSQL "
                  f"{by['postgresql']}, coordinator {by['coordinator']}: all {by['all']}; "
                  f"{figures['cores_busy']} cores busy), peak "
                  f"{figures['peak_rss_mb_per_worker']} MB/worker, Redis +"
                  f"{figures['redis_peak_mb_above_base']} MB, "
                  f"{figures['redis_commands_per_page']} Redis commands/page, worker context "
                  f"switches/page {figures['worker_context_switches_per_page']}, "
                  f"load {figures['load_avg_1m']}, "
                  f"articles stored from {figures['timeline'].get('first_article_s')} s to "
                  f"{figures['timeline'].get('last_article_s')} s "
                  f"({figures['status']})", flush=True)
    finally:
        server.terminate()
    one = next((r for r in runs if r["workers"] == 1 and r["pages_per_s"]), None)
    cores = os.cpu_count() or 1
    for r in runs:
        r["speedup_vs_1"] = round(r["pages_per_s"] / one["pages_per_s"], 2) if one else None
        r["cpu_bound_projection"] = projection(r, one, cores)
    print("speed-up against one worker, measured: "
          + ", ".join(f"{r['workers']}: {r['speedup_vs_1']}x" for r in runs)
          + f" (cpus {cores}, load average {os.getloadavg()[0]:.2f})")
    print("CPU-normalised (a crawl bound by CPU, on a quiet machine): "
          + ", ".join(f"{r['workers']}: {p['speedup_each_worker_a_core']}x with a core per "
                      f"worker, {p['speedup_on_this_machine']}x on {cores} cores shared with "
                      "the portals, Redis and PostgreSQL"
                      for r in runs if (p := r["cpu_bound_projection"])))
    out = {"portals": portals, "articles_per_portal": articles, "runs": runs,
           "cpus": os.cpu_count(), "load_avg_1m": round(os.getloadavg()[0], 2)}
    if "--json" in args:
        Path(args[args.index("--json") + 1]).write_text(json.dumps(out, indent=1) + "\n")
    return out


if __name__ == "__main__":
    main()
