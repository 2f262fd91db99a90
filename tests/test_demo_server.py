"""The demo outlets over real HTTP on loopback: every page, every feed, every failure route."""

from __future__ import annotations

import errno
import re
import socket
import subprocess
import sys
import tomllib
import unicodedata
import urllib.robotparser
from collections.abc import Iterator
from urllib.parse import urlsplit

import feedparser
import httpx
import lxml.html
import pytest

from digest.demo import server as server_mod
from digest.demo.corpus import DEAD_OUTLET, OUTLETS, OUTLETS_BY_NAME, load_articles
from digest.demo.server import DemoServer, write_sources
from digest.demo.site import (
    BINARY_PATH,
    EMPTY_PATH,
    FEED_500,
    FEEDS,
    GALLERY_PATH,
    LINK_SELECTOR,
    MALFORMED_FEED,
    NOTFOUND_PATH,
    OFFSITE_URL,
)
from digest.ingest.sources import load_sources

ARTS = load_articles()


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer(slow_seconds=1.0) as server:
        yield server


@pytest.fixture(scope="module")
def client() -> Iterator[httpx.Client]:
    with httpx.Client(timeout=5) as c:
        yield c


def _feed(demo: DemoServer, client: httpx.Client, outlet: str, path: str):
    resp = client.get(demo.url(outlet, path))
    assert resp.status_code == 200
    return resp, feedparser.parse(resp.content)


def test_each_outlet_on_its_own_loopback_address(demo: DemoServer, client: httpx.Client):
    hosts = {urlsplit(u).hostname for u in demo.base_urls.values()}
    ports = {urlsplit(u).port for u in demo.base_urls.values()}
    assert len(hosts) == len(OUTLETS) and ports == {demo.port}
    for name, base in demo.base_urls.items():
        assert urlsplit(base).hostname == OUTLETS_BY_NAME[name].host
        home = client.get(base + "/")
        assert home.status_code == 200
        # routing is by the bound address: one outlet's page is not on another's host
    one = next(a for a in ARTS if a.outlet == "Hanbien.demo")
    assert client.get(demo.base_urls["Hanbien.demo"] + one.path).status_code == 200
    assert client.get(demo.base_urls["Thudotoday.demo"] + one.path).status_code == 404


def test_every_article_page_is_served_with_its_text(demo: DemoServer, client: httpx.Client):
    for art in ARTS:
        if art.fetch == "slow":
            continue
        resp = client.get(art.url(demo.base_urls[art.outlet]))
        assert resp.status_code == 200, art.key
        if art.outlet == "Cuaviettin.demo":
            assert resp.headers["content-type"] == "text/html"  # charset only in <meta>
            html = unicodedata.normalize("NFC", resp.content.decode("cp1258"))
            assert 'charset=windows-1258' in html
        else:
            assert resp.headers["content-type"] == "text/html; charset=utf-8"
            html = resp.content.decode("utf-8")
        doc = lxml.html.fromstring(html)
        text = unicodedata.normalize("NFC", doc.text_content())
        assert art.title in text, art.key
        for para in art.paragraphs:
            assert para in text, art.key
        assert art.author in text


def test_feeds_parse_and_list_the_outlets_articles(demo: DemoServer, client: httpx.Client):
    versions = {}
    for outlet in OUTLETS:
        for path, holds in FEEDS[outlet.name]:
            if holds in ("error", "malformed"):
                continue
            resp, parsed = _feed(demo, client, outlet.name, path)
            assert resp.headers.get("etag") and resp.headers.get("last-modified")
            if holds != "bozo":
                assert not parsed.bozo, (outlet.name, parsed.get("bozo_exception"))
            versions[outlet.feed_kind] = parsed.version
            links = {e.link for e in parsed.entries}
            mine = {a.url(demo.base_urls[outlet.name]) for a in ARTS if a.outlet == outlet.name
                    and (holds != "reform" or a.labels.relevant)}
            assert mine <= links, outlet.name
            for entry in parsed.entries:
                # RSS 1.0 dates (dc:date) come back as 'updated' in feedparser
                assert entry.title and (entry.get("published_parsed") or entry.get("updated_parsed"))
            if outlet.feed_kind == "rss2":
                dates = re.findall(rb"<pubDate>([^<]+)</pubDate>", resp.content)
                assert dates and all(re.fullmatch(rb"\w{3}, \d\d \w{3} 2026 \d\d:\d\d:\d\d \+0700", d)
                                     for d in dates)
    assert versions == {"rss2": "rss20", "atom": "atom10", "rss1": "rss10"}


def test_conditional_get_answers_304(demo: DemoServer, client: httpx.Client):
    url = demo.url("Tinchinhphu.demo", "/rss/tin-moi.rss")
    first = client.get(url)
    etag, last_mod = first.headers["etag"], first.headers["last-modified"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
    assert client.get(url, headers={"If-Modified-Since": last_mod}).status_code == 304
    assert client.get(url, headers={"If-None-Match": '"stale"'}).status_code == 200
    older = "Sun, 22 Nov 2026 00:00:00 GMT"
    assert client.get(url, headers={"If-Modified-Since": older}).status_code == 200


def test_failure_routes(demo: DemoServer, client: httpx.Client):
    # 404 behind a feed item
    _, atom = _feed(demo, client, "Phapluatso.demo", "/feed.atom")
    gone = demo.url("Phapluatso.demo", NOTFOUND_PATH)
    assert gone in {e.link for e in atom.entries}
    assert client.get(gone).status_code == 404
    # 500 feed
    assert client.get(demo.url("Congvuso.demo", FEED_500)).status_code == 500
    # malformed feed: nothing usable
    bad = feedparser.parse(client.get(demo.url("Hanbien.demo", MALFORMED_FEED)).content)
    assert bad.bozo and not [e for e in bad.entries if e.get("link")]
    # bozo but usable
    _, bozo = _feed(demo, client, "Caonguyen.demo", "/rss/tin-tuc.rss")
    assert bozo.bozo and len(bozo.entries) >= 5 and all(e.get("link") for e in bozo.entries)
    # a gallery: 200, no body paragraphs
    gallery = client.get(demo.url("Caonguyen.demo", GALLERY_PATH))
    assert gallery.status_code == 200
    assert not lxml.html.fromstring(gallery.text).xpath("//p")
    assert demo.url("Caonguyen.demo", GALLERY_PATH) in {e.link for e in bozo.entries}
    # empty body and binary, both linked from Xuthanh24's feed
    _, xt = _feed(demo, client, "Xuthanh24.demo", "/rss/tin-moi.rss")
    links = {e.link for e in xt.entries}
    empty = client.get(demo.url("Xuthanh24.demo", EMPTY_PATH))
    assert empty.status_code == 200 and empty.content == b"" and demo.url("Xuthanh24.demo", EMPTY_PATH) in links
    binary = client.get(demo.url("Xuthanh24.demo", BINARY_PATH))
    assert binary.headers["content-type"] == "application/pdf" and binary.content.startswith(b"%PDF")
    assert demo.url("Xuthanh24.demo", BINARY_PATH) in links
    # offsite link in a feed
    _, tb = _feed(demo, client, "Thoibao24h.demo", "/rss/tin-moi-nhat.rss")
    assert OFFSITE_URL in {e.link for e in tb.entries}
    # dead host: nothing listens there
    with pytest.raises(httpx.ConnectError):
        client.get(demo.dead_base_url + "/rss/tin-moi.rss")


def test_robots_disallows_an_article_the_feed_links(demo: DemoServer, client: httpx.Client):
    (art,) = [a for a in ARTS if a.fetch == "robots"]
    base = demo.base_urls[art.outlet]
    rules = urllib.robotparser.RobotFileParser()
    rules.parse(client.get(base + "/robots.txt").text.splitlines())
    assert not rules.can_fetch("bantin", art.url(base))
    feed_path = FEEDS[art.outlet][0][0]
    assert art.url(base) in {e.link for e in _feed(demo, client, art.outlet, feed_path)[1].entries}
    for other in ARTS:
        if other.fetch == "ok":
            ob = demo.base_urls[other.outlet]
            robots = urllib.robotparser.RobotFileParser()
            robots.parse(robots_txt_cache(client, ob))
            assert robots.can_fetch("bantin", other.url(ob)), other.key


_ROBOTS: dict[str, list[str]] = {}


def robots_txt_cache(client: httpx.Client, base: str) -> list[str]:
    if base not in _ROBOTS:
        _ROBOTS[base] = client.get(base + "/robots.txt").text.splitlines()
    return _ROBOTS[base]


def test_slow_route_exceeds_a_short_timeout(demo: DemoServer):
    (art,) = [a for a in ARTS if a.fetch == "slow"]
    url = art.url(demo.base_urls[art.outlet])
    with pytest.raises(httpx.ReadTimeout):
        httpx.get(url, timeout=0.5)
    assert httpx.get(url, timeout=5).status_code == 200  # it does answer, only late


def test_query_string_order_does_not_matter(demo: DemoServer, client: httpx.Client):
    art = next(a for a in ARTS if a.outlet == "Cuaviettin.demo")
    base = demo.base_urls[art.outlet]
    query = urlsplit(art.path).query.split("&")
    shuffled = urlsplit(art.path).path + "?" + "&".join(reversed(query))
    assert client.get(base + shuffled).status_code == 200


def test_listing_pages_link_every_article_of_the_listing_outlet(demo: DemoServer, client: httpx.Client):
    outlet = next(o for o in OUTLETS if o.feed_kind == "listing")
    found: list[str] = []
    pages = demo.listing_urls(outlet.name)
    assert len(pages) >= 2
    for url in pages:
        resp = client.get(url)
        assert resp.status_code == 200
        doc = lxml.html.fromstring(resp.text)
        found += [a.get("href") for a in doc.cssselect(LINK_SELECTOR)]
        assert len(doc.xpath("//a")) > len(doc.cssselect(LINK_SELECTOR))  # other links exist
    expected = [a.path for a in ARTS if a.outlet == outlet.name]
    assert sorted(found) == sorted(expected)
    assert FEEDS[outlet.name] == []


def test_write_sources_is_a_valid_sources_file(demo: DemoServer, tmp_path):
    path = write_sources(tmp_path / "demo" / "sources.toml", demo)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    entries = data["source"]
    assert len(entries) == len(OUTLETS) + 1
    for entry in entries:
        assert {"name", "scope", "feeds", "allowed_domains"} <= set(entry)
        assert entry["allowed_domains"] == [urlsplit(entry["homepage"]).hostname]
    by_name = {e["name"]: e for e in entries}
    assert by_name[DEAD_OUTLET.name]["feeds"] == [demo.dead_base_url + "/rss/tin-moi.rss"]
    listing = by_name["Vinhhalong.demo"]
    assert listing["feeds"] == [] and listing["link_selector"] == LINK_SELECTOR
    assert listing["listing_pages"] == demo.listing_urls("Vinhhalong.demo")
    assert by_name["Cuaviettin.demo"]["province_aliases"] == ["Quảng Bình", "Đông Hà", "Đồng Hới"]
    sources = load_sources(path)  # the project's own validation accepts it
    assert {s.name for s in sources} == set(by_name)


def test_port_clash_is_retried_and_explicit_port_fails(monkeypatch):
    # an explicit port already held on one outlet's address: a clear error, nothing left bound
    holder = socket.socket()
    holder.bind((OUTLETS[-1].host, 0))
    holder.listen()
    port = holder.getsockname()[1]
    try:
        with pytest.raises(OSError):
            DemoServer(port=port).start()
    finally:
        holder.close()
    # port 0: a clash on the first try is retried on another port
    calls = {"n": 0}
    real = DemoServer._bind_all

    def flaky(self, port):
        calls["n"] += 1
        if calls["n"] == 1:
            real(self, port)
            raise OSError(errno.EADDRINUSE, "Address already in use")
        real(self, port)

    monkeypatch.setattr(DemoServer, "_bind_all", flaky)
    with DemoServer() as server:
        assert calls["n"] == 2
        assert httpx.get(server.base_urls["Hanbien.demo"] + "/robots.txt").status_code == 200


def test_module_serves_by_hand_and_prints_addresses(tmp_path):
    proc = subprocess.Popen([sys.executable, "-m", "digest.demo.server", "--sources",
                             str(tmp_path / "s.toml")], stdout=subprocess.PIPE, text=True)
    try:
        lines = []
        for line in proc.stdout:
            lines.append(line)
            if line.startswith("Ctrl-C"):
                break
        out = "".join(lines)
        url = re.search(r"Hanbien\.demo\s+\S+\s+(http://127\.0\.0\.9:\d+)/feed/", out)
        assert url, out
        assert httpx.get(url.group(1) + "/feed/").status_code == 200
        assert (tmp_path / "s.toml").exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
    assert server_mod.__all__
