"""One real crawl over loopback HTTP: outlets' date formats, unreadable and future dates counted
as ``bad_date``, undated articles kept as first seen, cookie/JavaScript challenges as their own
kind, a listing page read by generic link discovery."""

from __future__ import annotations

import textwrap
from datetime import datetime
from html import escape
from pathlib import Path

from sqlmodel import Session, select

from digest.ingest.crawl import run_crawl
from digest.store.db import open_db
from digest.store.models import Article, FeedState
from digest.text import VN_TZ
from tests.fixtures.crawl.pages import PARAS, article_html, challenge_page, rss2_dated
from tests.fixtures.crawl.server import Route, Site, serve

FAST = {"download_delay": 0, "autothrottle": False, "download_timeout": 4, "retry_times": 0}


def undated_page(title: str) -> Route:
    """An article page with no date anywhere (no metadata, no byline date)."""
    # no year in the text either: the extractor reads "năm 2023" as a page date
    body = "".join(f"<p>{escape(p.replace(' năm 2023', ''))}</p>" for p in PARAS)
    html = (f"<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>{escape(title)}"
            f"</title></head><body><article><h1>{escape(title)}</h1>{body}</article></body></html>")
    return Route(html.encode(), content_type="text/html; charset=utf-8")


def test_crawl_dates_challenges_and_discovery(tmp_path: Path, sqlite_url: str) -> None:
    gov, wall = Site("127.0.0.45"), Site("127.0.0.46")
    with serve([gov, wall]):
        gov.routes["/tin/ro-ngay.html"] = undated_page("Tin có ngày trong nguồn tin")
        gov.routes["/tin/khong-ngay.html"] = undated_page("Tin không rõ ngày")
        gov.routes["/tin/tuong-lai.html"] = Route(article_html(
            "Tin ghi ngày tương lai", date="2099-01-01T08:00:00+07:00").encode())
        gov.routes["/home.rss"] = Route(rss2_dated([
            (gov.url("/tin/ro-ngay.html"), "Rõ ngày", "9/14/2026 6:44:00 PM"),
            (gov.url("/tin/khong-ngay.html"), "Không rõ", "hôm qua"),
            (gov.url("/tin/tuong-lai.html"), "Tương lai", "9/13/2026 8:01:00 PM"),
        ]), content_type="application/rss+xml")
        wall.routes["/rss/home.rss"] = Route(challenge_page())
        wall.routes["/thoi-su"] = Route((
            "<html><body><nav><a href='/thoi-su'>Thời sự</a><a href='/tag/cai-cach'>Tag</a></nav>"
            "<a href='/thoi-su/tinh-don-gian-hoa-thu-tuc-hanh-chinh-post1001.html'>Một</a>"
            "<a href='/thoi-su/xa-phuong-mot-cua-dien-tu-toan-trinh-post1002.html'>Hai</a>"
            "<a href='/thoi-su/trang-bi-chan-boi-thu-thach-cookie-post1003.html'>Ba</a>"
            "</body></html>").encode())
        wall.routes["/thoi-su/tinh-don-gian-hoa-thu-tuc-hanh-chinh-post1001.html"] = Route(
            article_html("Tỉnh đơn giản hóa thủ tục hành chính").encode())
        wall.routes["/thoi-su/xa-phuong-mot-cua-dien-tu-toan-trinh-post1002.html"] = Route(
            article_html("Xã, phường: một cửa điện tử toàn trình").encode())
        wall.routes["/thoi-su/trang-bi-chan-boi-thu-thach-cookie-post1003.html"] = Route(
            challenge_page(), status=503)
        path = tmp_path / "sources.toml"
        path.write_text(textwrap.dedent(f"""\
            [[source]]
            name = "Gov.vn"
            scope = "central"
            feeds = ["{gov.url('/home.rss')}"]
            allowed_domains = ["{gov.host}"]

            [[source]]
            name = "Wall.vn"
            scope = "provincial"
            province = "Quảng Trị"
            feeds = ["{wall.url('/rss/home.rss')}"]
            listing_pages = ["{wall.url('/thoi-su')}"]
            allowed_domains = ["{wall.host}"]
            """), encoding="utf-8")
        report = run_crawl(sqlite_url, path, overrides=FAST, progress=False)

    assert report.status == "finished"
    g, w = report.sources["Gov.vn"], report.sources["Wall.vn"]
    # "hôm qua" in the feed, 2099 on the page: both counted, neither replaced silently
    assert g.stored == 3 and dict(g.errors) == {"bad_date": 2}
    assert w.stored == 2 and dict(w.errors) == {"challenge": 2}  # the feed and one article
    with Session(open_db(sqlite_url)) as session:
        rows = {a.title: a for a in session.exec(select(Article))}
        state = session.get(FeedState, wall.url("/rss/home.rss"))
    dated = rows["Tin có ngày trong nguồn tin"]
    assert (dated.published_at, dated.date_source) == (datetime(2026, 9, 14, 18, 44, tzinfo=VN_TZ), "feed")
    future = rows["Tin ghi ngày tương lai"]
    assert (future.published_at, future.date_source) == (datetime(2026, 9, 13, 20, 1, tzinfo=VN_TZ), "feed")
    undated = rows["Tin không rõ ngày"]
    assert undated.date_source == "fetched"
    assert abs((undated.published_at - undated.fetched_at).total_seconds()) < 5
    assert state is not None and state.last_error and state.last_error.startswith("challenge")
