"""Serve the demo outlets over real HTTP on loopback, each on its own address 127.0.0.N.

    with DemoServer() as server:          # port chosen free at start
        server.base_urls["Hanbien.demo"]  # 'http://127.0.0.9:40123'
        write_sources(tmp / "sources.toml", server)

``python -m digest.demo.server [--port P]`` serves it by hand and prints the addresses.
"""

from __future__ import annotations

import argparse
import errno
import json
import socket
import threading
import time
from datetime import UTC
from email.utils import format_datetime, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from digest.demo.corpus import DEAD_OUTLET, OUTLETS, OUTLETS_BY_NAME, Outlet, load_articles
from digest.demo.site import FEEDS, LINK_SELECTOR, Page, build_sites, listing_paths, route_key

__all__ = ["DemoServer", "write_sources", "serve", "sources_toml"]

# per-source extraction overrides written into the demo sources file
SELECTORS: dict[str, dict[str, str]] = {"Congvuso.demo": {"title": "div.ArticleTitle"}}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = False  # a clash must fail loudly so we retry another port

    def __init__(self, addr: tuple[str, int], demo: DemoServer, outlet: Outlet) -> None:
        self.demo, self.outlet = demo, outlet
        super().__init__(addr, _Handler)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "bantin-demo/1.0"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib name)
        if self.server.demo.verbose:
            super().log_message(format, *args)

    def do_HEAD(self) -> None:
        self._answer(head=True)

    def do_GET(self) -> None:
        self._answer(head=False)

    def _answer(self, head: bool) -> None:
        demo, outlet = self.server.demo, self.server.outlet
        page = demo.sites[outlet.name].get(route_key(self.path))
        if page is None:
            status = self._send(404, "text/html; charset=utf-8",
                                "<h1>404 - Không tìm thấy trang</h1>".encode(), head)
        elif page.slow and demo._stopping.wait(demo.slow_seconds):
            return  # shutting down: drop the slow request
        elif page.kind == "feed":
            status = self._feed(page, head)
        else:
            status = self._send(page.status, page.content_type, page.body, head)
        demo._record(outlet.name, self.command, self.path, status)

    def _feed(self, page: Page, head: bool) -> int:
        """Feeds answer conditional GET: 304 when If-None-Match (or, without it,
        If-Modified-Since) shows the client already has this version."""
        last_mod = format_datetime(page.last_modified.astimezone(UTC), usegmt=True)
        extra = {"ETag": page.etag, "Last-Modified": last_mod, "Cache-Control": "max-age=60"}
        inm = self.headers.get("If-None-Match")
        ims = self.headers.get("If-Modified-Since")
        fresh = False
        if inm is not None:
            fresh = page.etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
        elif ims:
            try:
                since = parsedate_to_datetime(ims)
                fresh = since is not None and since >= page.last_modified.replace(microsecond=0)
            except (TypeError, ValueError):
                fresh = False
        if fresh:
            return self._send(304, None, b"", True, extra)
        return self._send(200, page.content_type, page.body, head, extra)

    def _send(self, status: int, ctype: str | None, body: bytes, head: bool,
              extra: dict[str, str] | None = None) -> int:
        try:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            if not head and status != 304:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (e.g. a timeout): nothing to do
        return status


class DemoServer:
    """All demo outlets on loopback: outlet *i* on ``127.0.0.<index>``, one port for all.

    ``port=0`` picks a free port (retrying if another address already holds it);
    ``slow_seconds`` is how long the slow route waits before answering (bounded; ``stop()``
    cuts it short). Use as a context manager, or ``start()`` / ``stop()``.
    """

    def __init__(self, port: int = 0, slow_seconds: float = 5.0, verbose: bool = False,
                 attempts: int = 20) -> None:
        self.requested_port, self.slow_seconds, self.verbose = port, slow_seconds, verbose
        self.attempts = attempts
        self.port = 0
        self.base_urls: dict[str, str] = {}
        self.sites: dict[str, dict[str, Page]] = {}
        self.requests: list[tuple[str, str, str, int]] = []  # (outlet, method, path, status)
        self._servers: list[_Server] = []
        self._threads: list[threading.Thread] = []
        self._stopping = threading.Event()
        self._lock = threading.Lock()

    # -- lifecycle ----------------------------------------------------------------------
    def start(self) -> DemoServer:
        if self._servers:
            return self
        last_error: OSError | None = None
        for _ in range(self.attempts if self.requested_port == 0 else 1):
            try:
                self._bind_all(self.requested_port)
                break
            except OSError as exc:
                self._close_all()
                if exc.errno == errno.EADDRNOTAVAIL:
                    raise OSError(exc.errno, f"demo server: cannot bind {exc}; the demo needs the "
                                  "whole 127.0.0.0/8 loopback range (as on Linux)") from exc
                if exc.errno not in (errno.EADDRINUSE, errno.EACCES):
                    raise
                last_error = exc
        else:
            raise OSError(f"demo server: could not bind a common port: {last_error}")
        self.base_urls = {o.name: f"http://{o.host}:{self.port}" for o in OUTLETS}
        self.sites = build_sites(self.base_urls)
        for srv in self._servers:
            thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2},
                                      name=f"demo-{srv.outlet.name}", daemon=True)
            thread.start()
            self._threads.append(thread)
        return self

    def _bind_all(self, port: int) -> None:
        first, *rest = OUTLETS
        srv = _Server((first.host, port), self, first)
        self._servers.append(srv)
        self.port = srv.server_address[1]
        for outlet in rest:
            self._servers.append(_Server((outlet.host, self.port), self, outlet))
        if _answers(DEAD_OUTLET.host, self.port):
            # something else listens where the dead host must stay dead: try another port
            raise OSError(errno.EADDRINUSE, f"{DEAD_OUTLET.host}:{self.port} is in use")

    def _close_all(self) -> None:
        for srv in self._servers:
            srv.server_close()
        self._servers = []

    def stop(self) -> None:
        """Stop serving and release every address (safe to call twice)."""
        self._stopping.set()
        # shut the servers down together: each waits for its own poll interval
        stoppers = [threading.Thread(target=srv.shutdown) for srv in self._servers]
        for stopper in stoppers:
            stopper.start()
        for stopper in stoppers:
            stopper.join(timeout=5)
        for thread in self._threads:
            thread.join(timeout=5)
        self._close_all()
        self._threads = []

    def __enter__(self) -> DemoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- helpers ------------------------------------------------------------------------
    def listing_urls(self, outlet: str) -> list[str]:
        """The listing pages of a feedless outlet (empty for the others)."""
        if OUTLETS_BY_NAME[outlet].feed_kind != "listing":
            return []
        count = sum(1 for a in load_articles() if a.outlet == outlet and a.fetch == "ok")
        return [self.base_urls[outlet] + p for p in listing_paths(count)]

    @property
    def dead_base_url(self) -> str:
        """The dead-host source's base URL: a loopback address nothing listens on."""
        return f"http://{DEAD_OUTLET.host}:{self.port}"

    def url(self, outlet: str, path: str) -> str:
        return self.base_urls[outlet] + path

    def feed_urls(self, outlet: str) -> list[str]:
        return [self.base_urls[outlet] + path for path, _ in FEEDS[outlet]]

    def _record(self, outlet: str, method: str, path: str, status: int) -> None:
        with self._lock:
            self.requests.append((outlet, method, path, status))

    def requested(self, outlet: str | None = None) -> list[str]:
        """Paths requested so far (of one outlet, or all)."""
        with self._lock:
            return [p for o, _, p, _ in self.requests if outlet is None or o == outlet]


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def _toml_str(value: str) -> str:
    # JSON string syntax is valid TOML basic-string syntax for these values
    return json.dumps(value, ensure_ascii=False)


def _toml_list(values: list[str]) -> str:
    return "[" + ", ".join(_toml_str(v) for v in values) + "]"


def sources_toml(server: DemoServer) -> str:
    """The sources file text (FORMAT.md schema) for the running demo outlets."""
    out = ["# Demo sources, written by digest.demo.server.write_sources for a running DemoServer.",
           f"# Port {server.port}; each outlet answers on its own loopback address.", ""]

    def entry(outlet: Outlet, base: str, feeds: list[str], notes: str, **more: object) -> None:
        out.append("[[source]]")
        out.append(f"name = {_toml_str(outlet.name)}")
        out.append(f"scope = {_toml_str(outlet.scope)}")
        if outlet.province:
            out.append(f"province = {_toml_str(outlet.province)}")
        if outlet.province_aliases:
            out.append(f"province_aliases = {_toml_list(list(outlet.province_aliases))}")
        out.append(f"feeds = {_toml_list(feeds)}")
        out.append(f"allowed_domains = {_toml_list([outlet.host])}")
        for key, value in more.items():
            out.append(f"{key} = {_toml_list(value) if isinstance(value, list) else _toml_str(str(value))}")
        if outlet.name in SELECTORS:
            # exercises per-source overrides: this old CMS repeats the site name in <title>
            pairs = ", ".join(f"{k} = {_toml_str(v)}" for k, v in SELECTORS[outlet.name].items())
            out.append(f"selectors = {{ {pairs} }}")
        out.append(f"homepage = {_toml_str(base + '/')}")
        out.append(f"notes = {_toml_str(notes)}")
        out.append("")

    for outlet in OUTLETS:
        base = server.base_urls[outlet.name]
        if outlet.feed_kind == "listing":
            entry(outlet, base, [], "demo outlet without a feed: listing pages only",
                  listing_pages=server.listing_urls(outlet.name), link_selector=LINK_SELECTOR)
        else:
            entry(outlet, base, server.feed_urls(outlet.name),
                  f"demo outlet, {outlet.feed_kind} feed, template {outlet.template}")
    entry(DEAD_OUTLET, server.dead_base_url, [server.dead_base_url + "/rss/tin-moi.rss"],
          "demo dead host: nothing listens on this address")
    return "\n".join(out)


def write_sources(path: str | Path, server: DemoServer) -> Path:
    """Write a sources.toml for the running demo (every outlet plus the dead host)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(sources_toml(server), encoding="utf-8")
    return path


def serve(port: int = 0, slow_seconds: float = 5.0, sources: str | Path | None = None,
          verbose: bool = False, print_fn=print) -> None:
    """Serve the demo outlets until Ctrl-C, printing each outlet's address (and writing a
    sources file when ``sources`` is given)."""
    with DemoServer(port=port, slow_seconds=slow_seconds, verbose=verbose) as server:
        print_fn(f"Demo outlets on port {server.port}:")
        for name, base in server.base_urls.items():
            outlet = OUTLETS_BY_NAME[name]
            feeds = FEEDS[name]
            where = feeds and base + feeds[0][0] or server.listing_urls(name)[0]
            print_fn(f"  {name:<22} {outlet.scope:<10} {where}")
        print_fn(f"  {DEAD_OUTLET.name:<22} dead host  {server.dead_base_url}/rss/tin-moi.rss")
        if sources:
            print_fn(f"Sources file: {write_sources(sources, server)}")
        print_fn("Ctrl-C to stop.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m digest.demo.server",
                                     description="Serve the bantin demo outlets on loopback.")
    parser.add_argument("--port", type=int, default=0, help="port for every outlet (default: free)")
    parser.add_argument("--slow", type=float, default=5.0, help="seconds the slow route waits")
    parser.add_argument("--sources", help="also write a sources.toml here")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    serve(port=args.port, slow_seconds=args.slow, sources=args.sources, verbose=args.verbose)


if __name__ == "__main__":
    main()
