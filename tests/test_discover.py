"""A portal given by its home page alone: feed autodiscovery, sitemaps (index, news), the home
page as a last resort; and ``bantin sources import FILE.csv`` turning one CSV line into one
source."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from digest.ingest.crawl import run_crawl
from digest.ingest.discover import discover_feeds, parse_sitemap
from digest.ingest.sources import load_sources
from digest.store.db import open_db
from digest.store.models import Article
from tests.fixtures.crawl.pages import article_html, rss2
from tests.fixtures.crawl.server import Route, Site, free_port, serve

FAST = {"download_delay": 0, "autothrottle": False, "download_timeout": 4, "retry_times": 0,
        "concurrent_per_domain": 4}

HOME = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Cổng TTĐT xã</title>
<link rel="stylesheet" href="/s.css">
<link rel="alternate" type="application/rss+xml" title="Tin tức" href="/rss/tin-tuc.rss">
<link rel="alternate" type="application/atom+xml" href="https://other.example/atom.xml">
<link rel="alternate" hreflang="en" href="/en/">
<link rel="Alternate" type="application/rss+xml; charset=utf-8" href="/rss/tin-tuc.rss">
</head><body>{body}</body></html>"""

NEWS_SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>{old}</loc><news:news><news:publication><news:name>Xã</news:name>
    <news:language>vi</news:language></news:publication>
    <news:publication_date>2026-11-20T08:00:00+07:00</news:publication_date>
    <news:title>Một cửa xã: trả kết quả đúng hạn</news:title></news:news></url>
  <url><loc>{new}</loc><lastmod>2026-11-24</lastmod></url>
  <url><loc>mailto:x@y.vn</loc></url>
</urlset>"""


def test_discover_feeds_keeps_announced_feeds_only() -> None:
    page = HOME.format(body="")
    assert discover_feeds(page, "http://xa.vn/trang-chu") == [
        "http://xa.vn/rss/tin-tuc.rss", "https://other.example/atom.xml"]
    assert discover_feeds("<html><body>không có</body></html>", "http://xa.vn/") == []
    assert discover_feeds("", "http://xa.vn/") == []


def test_parse_sitemap_news_index_and_junk() -> None:
    body = NEWS_SITEMAP.format(old="http://xa.vn/a", new="http://xa.vn/b").encode()
    children, entries = parse_sitemap(body) or ([], [])
    assert children == []
    assert [e.link for e in entries] == ["http://xa.vn/b", "http://xa.vn/a"]  # newest first
    assert entries[1].title == "Một cửa xã: trả kết quả đúng hạn"
    assert entries[1].published_at is not None and entries[1].published_at.day == 20
    index = (b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
             b"<sitemap><loc>http://xa.vn/s-2025.xml</loc><lastmod>2025-01-01</lastmod></sitemap>"
             b"<sitemap><loc>http://xa.vn/s-2026.xml</loc><lastmod>2026-11-01</lastmod></sitemap>"
             b"</sitemapindex>")
    assert parse_sitemap(index) == (["http://xa.vn/s-2026.xml", "http://xa.vn/s-2025.xml"], [])
    assert parse_sitemap(b"<html><body>404</body></html>") is None
    assert parse_sitemap(b"") is None
    assert parse_sitemap(b"\x00\x01 binary") is None


def _portals(a: Site, b: Site, c: Site) -> None:
    # a: announces its feed on the home page
    a.routes["/"] = Route(HOME.format(body="<p>Trang chủ</p>").encode())
    a.routes["/tin/1.html"] = Route(article_html("Xã Tân Lập: tiếp nhận hồ sơ trực tuyến").encode())
    a.routes["/rss/tin-tuc.rss"] = Route(rss2([(a.url("/tin/1.html"), "Tin 1")]),
                                         content_type="application/rss+xml")
    # b: no feed, a sitemap index pointing to a news sitemap
    b.routes["/"] = Route("<html><head><title>Phường</title></head><body>x</body></html>".encode())
    b.routes["/sitemap.xml"] = Route(
        f"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'><sitemap>"
        f"<loc>{b.url('/news.xml')}</loc></sitemap></sitemapindex>".encode(),
        content_type="application/xml")
    b.routes["/news.xml"] = Route(NEWS_SITEMAP.format(
        old=b.url("/bai/cu.html"), new=b.url("/bai/moi.html")).encode(),
        content_type="application/xml")
    b.routes["/bai/cu.html"] = Route(article_html("Phường Hải Châu: một cửa đúng hạn").encode())
    b.routes["/bai/moi.html"] = Route(article_html("Phường Hải Châu: số hóa hồ sơ").encode())
    # c: neither feed nor sitemap: the home page is read as a listing page
    c.routes["/"] = Route(
        f"<html><body><a href='{c.url('/tin/xa-loc-hung-giai-quyet-thu-tuc-nhanh-20261124.html')}'>Tin 9</a></body></html>".encode())
    c.routes["/tin/xa-loc-hung-giai-quyet-thu-tuc-nhanh-20261124.html"] = Route(article_html("Xã Lộc Hưng: giải quyết thủ tục nhanh").encode())


def test_a_portal_needs_only_its_home_page(tmp_path: Path, sqlite_url: str, run_cli: Any) -> None:
    a, b, c = Site("127.0.0.46"), Site("127.0.0.47"), Site("127.0.0.48")
    with serve([a, b, c]):
        _portals(a, b, c)
        csv_file = tmp_path / "portals.csv"
        csv_file.write_text(textwrap.dedent(f"""\
            name,url,province,commune,scope
            Xã Tân Lập,{a.url('/')},Tây Ninh,Xã Tân Lập,
            Phường Hải Châu,{b.url('/')},Thành phố Đà Nẵng,Phường Hải Châu,provincial
            Xã Lộc Hưng,{c.url('/')},Long An,Xã Lộc Hưng,provincial
            Xã Chết,http://127.0.0.49:{free_port("127.0.0.49")}/,Tây Ninh,,
            Xã Hỏng,ftp://{c.host}/,Tây Ninh,,
            Xã Tân Lập,http://127.0.0.99/,Tây Ninh,,
            Xã Sai Cổng,http://127.0.0.50:99999/,Tây Ninh,,
            """), encoding="utf-8")
        sources = tmp_path / "sources.toml"
        result = run_cli("sources", "import", str(csv_file), "--sources", str(sources))
        assert result.output.splitlines() == [
            f"line 2: added Xã Tân Lập ({a.url('/')})",
            f"line 3: added Phường Hải Châu ({b.url('/')})",
            f"line 4: added Xã Lộc Hưng ({c.url('/')})",
            result.output.splitlines()[3],
            "line 6: invalid Xã Hỏng: url 'ftp://127.0.0.48/' is not an http(s) address",
            "line 7: duplicate Xã Tân Lập: a source named 'Xã Tân Lập'",
            "line 8: invalid Xã Sai Cổng: url 'http://127.0.0.50:99999/' has an invalid port",
            "4 added, 1 duplicate, 2 invalid",
        ]
        loaded = {s.name: s for s in load_sources(sources)}
        assert loaded["Xã Lộc Hưng"].province == "Tây Ninh"  # Long An merged into Tây Ninh
        assert loaded["Phường Hải Châu"].province == "Đà Nẵng"
        assert loaded["Xã Tân Lập"].commune == "Xã Tân Lập"
        again = run_cli("sources", "import", str(csv_file), "--sources", str(sources))
        assert result.output.splitlines()[3].startswith("line 5: added Xã Chết")
        assert again.output.splitlines()[-1] == "0 added, 5 duplicate, 2 invalid"
        assert sources.read_text(encoding="utf-8").count("[[source]]") == 4

        report = run_crawl(sqlite_url, sources, overrides=FAST, progress=False)
    assert report.status == "finished"
    assert report.sources["Xã Chết"].errors == {"connection": 1}
    with Session(open_db(sqlite_url)) as session:
        got = {(r.source, r.title) for r in session.exec(select(Article))}
    assert got == {
        ("Xã Tân Lập", "Xã Tân Lập: tiếp nhận hồ sơ trực tuyến"),
        ("Phường Hải Châu", "Phường Hải Châu: một cửa đúng hạn"),
        ("Phường Hải Châu", "Phường Hải Châu: số hóa hồ sơ"),
        ("Xã Lộc Hưng", "Xã Lộc Hưng: giải quyết thủ tục nhanh"),
    }
    assert a.hits("/sitemap.xml") == 0  # a feed was found: no need to look further
    assert b.hits("/news.xml") == 1

    health = run_cli("sources", "health", "--sources", str(sources),
                     "--format", "json")
    rows = [json.loads(line) for line in health.output.splitlines()]
    assert rows == [
        {"province": "Tây Ninh", "sources": 3, "ok": 2, "failing": 1, "never": 0, "stored_7d": 2,
         "failing_sources": ["Xã Chết"]},
        {"province": "Đà Nẵng", "sources": 1, "ok": 1, "failing": 0, "never": 0, "stored_7d": 2,
         "failing_sources": []},
    ]
