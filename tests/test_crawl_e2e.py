"""End-to-end crawl over real HTTP on loopback: Scrapy in a subprocess, one site per 127.0.0.N.

One module-scoped set of sites is crawled three times (first run, incremental re-run, --refresh)
and the assertions share those runs, to keep the suite fast.
"""

from __future__ import annotations

import json
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, select

from digest.ingest.crawl import CrawlReport, run_crawl
from digest.store.models import Article, CrawlError, CrawlRun, CrawlRunSource, FeedState
from tests.fixtures.crawl.pages import PARAS, article_html, atom, listing, rss1, rss2, to_cp1258
from tests.fixtures.crawl.server import Route, Site, free_port, serve

FAST = {"download_delay": 0, "autothrottle": False, "download_timeout": 4, "retry_times": 1,
        "max_response_bytes": 300_000,
        "concurrent_per_domain": 4}


def html(text: str, charset: str = "utf-8") -> Route:
    return Route(body=text.encode(charset), content_type=f"text/html; charset={charset}")


def build_sites() -> list[Site]:
    a = Site("127.0.0.21")  # RSS 2.0 with ETag, robots.txt, tracking params, offsite link
    b = Site("127.0.0.22")  # RSS 1.0
    c = Site("127.0.0.23")  # Atom
    d = Site("127.0.0.24")  # listing page only
    e = Site("127.0.0.25")  # every bad page kind behind one good feed
    f = Site("127.0.0.26")  # malformed feed (not XML at all) and a bozo feed with entries
    return [a, b, c, d, e, f]


def fill(sites: list[Site]) -> None:
    a, b, c, d, e, f = sites
    a.routes["/robots.txt"] = Route(b"User-agent: *\nDisallow: /private/\n", content_type="text/plain")
    for i in range(1, 4):
        a.routes[f"/tin/{i}.html"] = html(article_html(f"Hà Nội: Cải cách thủ tục số {i}"))
    a.routes["/private/mat.html"] = html(article_html("Trang bị chặn bởi robots"))
    a.routes["/rss/home.rss"] = Route(rss2([
        (a.url("/tin/1.html?utm_source=rss&utm_medium=feed"), "Tin 1"),
        (a.url("/tin/2.html"), "Tin 2"),
        (a.url("/tin/3.html#binh-luan"), "Tin 3"),
        (a.url("/tin/1.html"), "Tin 1 lặp lại"),
        (a.url("/private/mat.html"), "Bị chặn"),
        ("http://127.0.0.99:9/offsite.html", "Ngoài miền"),
    ]), content_type="application/rss+xml", etag=True)
    for i in range(1, 3):
        b.routes[f"/bai/{i}"] = html(article_html(f"Đà Nẵng: Một cửa điện tử {i}"))
    b.routes["/rss1.rdf"] = Route(rss1([(b.url(f"/bai/{i}"), f"B{i}") for i in range(1, 3)]),
                                  content_type="application/rdf+xml")
    for i in range(1, 3):
        c.routes[f"/atom/{i}.htm"] = html(article_html(f"Cần Thơ: Chuyển đổi số {i}"))
    c.routes["/feed.atom"] = Route(atom([(c.url(f"/atom/{i}.htm"), f"C{i}") for i in range(1, 3)]),
                                   content_type="application/atom+xml", etag=True)
    # the configured feed URL has moved: conditional GET must still work through the redirect
    c.routes["/old-feed"] = Route(b"", status=301, headers={"Location": c.url("/feed.atom")})
    for i in range(1, 3):
        d.routes[f"/tin-tuc/{i}.html"] = html(article_html(f"Huế: Dịch vụ công {i}"))
    d.routes["/tin-tuc"] = html(listing([(f"/tin-tuc/{i}.html", f"D{i}") for i in range(1, 3)]))
    d.routes["/gioi-thieu.html"] = html(article_html("Giới thiệu tòa soạn"))
    e.routes["/ok.html"] = html(article_html("Lâm Đồng: Trả hồ sơ đúng hạn"))
    e.routes["/500.html"] = Route(b"oops", status=500)
    e.routes["/slow.html"] = Route(article_html("Chậm").encode(), delay=9.0)
    e.routes["/empty.html"] = Route(b"")
    e.routes["/file.pdf"] = Route(b"%PDF-1.4\x00\x01\x02binary", content_type="application/pdf")
    e.routes["/nul.html"] = Route(b"<html>\x00\x00\x00\x00</html>", content_type="text/html")
    e.routes["/short.html"] = html(article_html("Ngắn", paras=["Chỉ một câu ngắn."]))
    e.routes["/huge.html"] = html(article_html("Quá lớn", paras=["Chữ " * 100] * 1000))
    e.routes["/moved.html"] = Route(b"", status=301, headers={"Location": e.url("/ok2.html")})
    e.routes["/ok2.html"] = html(article_html("Lâm Đồng: Bài đã chuyển địa chỉ"))
    e.routes["/notitle.html"] = html("<html><body>" + "<p>chữ</p>" * 5 + "</body></html>")
    legacy = article_html("Vĩnh Long: Tiếp nhận hồ sơ trực tuyến", charset="windows-1258")
    e.routes["/cp1258.html"] = Route(to_cp1258(legacy), content_type="text/html")
    e.routes["/rss"] = Route(rss2([(e.url(p), p) for p in (
        "/ok.html", "/404.html", "/500.html", "/slow.html", "/empty.html", "/file.pdf",
        "/nul.html", "/short.html", "/notitle.html", "/cp1258.html", "/huge.html",
        "/moved.html")]),
        content_type="application/rss+xml")
    f.routes["/broken.rss"] = Route(b"<html><body>Trang l\xe1\xbb\x97i</body></html>",
                                    content_type="application/rss+xml")
    f.routes["/bozo.rss"] = Route(rss2([(f.url("/bozo/1.html"), "F1")])[:-20],
                                  content_type="application/rss+xml")
    f.routes["/bozo/1.html"] = html(article_html("Gia Lai: Sắp xếp bộ máy"))


def sources_toml(sites: list[Site], dead_port: int) -> str:
    a, b, c, d, e, f = sites
    return textwrap.dedent(f"""\
        [[source]]
        name = "A.vn"
        scope = "central"
        feeds = ["{a.url('/rss/home.rss')}"]
        allowed_domains = ["{a.host}"]

        [[source]]
        name = "B.vn"
        scope = "provincial"
        province = "Đà Nẵng"
        province_aliases = ["Quảng Nam"]
        feeds = ["{b.url('/rss1.rdf')}"]
        allowed_domains = ["{b.host}"]

        [[source]]
        name = "C.vn"
        scope = "provincial"
        province = "Cần Thơ"
        feeds = ["{c.url('/old-feed')}"]
        allowed_domains = ["{c.host}"]

        [[source]]
        name = "D.vn"
        scope = "provincial"
        province = "Huế"
        listing_pages = ["{d.url('/tin-tuc')}"]
        link_selector = "ul.news a"
        allowed_domains = ["{d.host}"]

        [[source]]
        name = "E.vn"
        scope = "provincial"
        province = "Lâm Đồng"
        feeds = ["{e.url('/rss')}"]
        allowed_domains = ["{e.host}"]

        [[source]]
        name = "F.vn"
        scope = "central"
        feeds = ["{f.url('/broken.rss')}", "{f.url('/bozo.rss')}"]
        allowed_domains = ["{f.host}"]

        [[source]]
        name = "Nodns.vn"
        scope = "central"
        feeds = ["http://nosuchhost.invalid/rss"]
        allowed_domains = ["nosuchhost.invalid"]

        [[source]]
        name = "Dead.vn"
        scope = "central"
        feeds = ["http://127.0.0.27:{dead_port}/rss"]
        allowed_domains = ["127.0.0.27"]
        """)


@dataclass
class Runs:
    sites: list[Site]
    db_url: str
    sources_file: Path
    first: CrawlReport
    second: CrawlReport
    refresh: CrawlReport
    second_log: dict[str, int]
    first_log: dict[str, int]
    user_agents: set[str]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    from digest import config
    from digest.store import db as store

    tmp = tmp_path_factory.mktemp("crawl")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BANTIN_DATA_DIR", str(tmp / "data"))
        mp.delenv("BANTIN_DB", raising=False)
        mp.delenv("BANTIN_CONFIG", raising=False)
        config.use_settings(config.load_settings())
        sites = build_sites()
        with serve(sites):
            fill(sites)
            sources_file = tmp / "sources.toml"
            sources_file.write_text(sources_toml(sites, free_port("127.0.0.27")), encoding="utf-8")
            db_url = f"sqlite:///{tmp / 'crawl.sqlite3'}"
            first = run_crawl(db_url, sources_file, overrides=FAST, progress=False)
            first_log = {f"{s.host}{p}": s.hits(p) for s in sites for p, _ in s.log}
            agents = {h.get("user-agent", "") for s in sites for _, h in s.log}
            for site in sites:
                site.log.clear()
            second = run_crawl(db_url, sources_file, overrides=FAST, progress=False)
            second_log = {f"{s.host}{p}": s.hits(p) for s in sites for p, _ in s.log}
            second_headers = sites[0].requests_to("/rss/home.rss")
            # An outlet corrects an article: --refresh must pick the change up.
            sites[1].routes["/bai/1"] = html(article_html(
                "Đà Nẵng: Một cửa điện tử 1", paras=PARAS + ["Đoạn bổ sung sau khi đính chính."]))
            refresh = run_crawl(db_url, sources_file, names=["B.vn"], refresh=True,
                                overrides=FAST, progress=False)
            second_log["if-none-match"] = sum(1 for h in second_headers if "if-none-match" in h)
            yield Runs(sites, db_url, sources_file, first, second, refresh, second_log, first_log,
                       agents)
        store.dispose_all()
        config._current = None


def articles(db_url: str) -> list[Article]:
    from digest.store.db import open_db

    with Session(open_db(db_url)) as session:
        return list(session.exec(select(Article)))


def test_feeds_of_every_format_and_listing_pages_are_stored(runs: Runs) -> None:
    first = runs.first
    assert first.status == "finished"
    counts = first.sources
    assert counts["A.vn"].stored == 3  # utm/fragment/duplicate links folded to three articles
    assert counts["B.vn"].stored == 2  # RSS 1.0
    assert counts["C.vn"].stored == 2  # Atom
    assert counts["D.vn"].stored == 2  # listing page, nav links not followed
    assert counts["F.vn"].stored == 1  # bozo feed still used
    rows = articles(runs.db_url)
    by_title = {r.title: r for r in rows}
    d1 = by_title["Huế: Dịch vụ công 1"]
    assert d1.source == "D.vn" and d1.scope == "provincial" and d1.source_province == "Huế"
    assert d1.published_at is not None and d1.published_at.utcoffset() is not None
    assert "Ủy ban nhân dân tỉnh" in d1.text
    assert "Giới thiệu tòa soạn" not in by_title
    assert len({r.url_key for r in rows}) == len(rows)
    a1 = by_title["Hà Nội: Cải cách thủ tục số 1"]
    assert "utm_" not in a1.url and "#" not in a1.url


def test_robots_offsite_and_duplicates(runs: Runs) -> None:
    a = runs.sites[0]
    errors = runs.first.sources["A.vn"].errors
    assert a.hits("/private/mat.html") == 0
    assert errors["robots"] == 1
    assert errors["offsite"] == 1
    # three links to /tin/1.html (tracking parameters, duplicate item): fetched once
    assert sum(v for k, v in runs.first_log.items() if k.startswith(f"{a.host}/tin/1.html")) == 1
    assert runs.first_log[f"{a.host}/robots.txt"] == 1
    assert runs.user_agents == {"bantin/0.1 (+https://github.com/bantin/bantin; reform-bulletin crawler)"}


def test_each_bad_input_is_counted_against_its_source(runs: Runs) -> None:
    e = runs.first.sources["E.vn"]
    assert e.stored == 3  # ok.html, the windows-1258 page and the redirected one
    assert e.errors == {
        "http_404": 1, "http_500": 1, "timeout": 1, "empty": 1, "binary": 2, "not_article": 2,
        "too_large": 1,
    }
    f = runs.first.sources["F.vn"].errors
    assert f["bad_feed"] == 1 and f["bozo_feed"] == 1
    assert runs.first_log[f"{runs.sites[4].host}/500.html"] == 2  # retried once (retry_times=1)
    assert runs.first_log[f"{runs.sites[4].host}/404.html"] == 1  # a 404 is not retried
    dead = runs.first.sources["Dead.vn"]
    assert dead.errors == {"connection": 1} and dead.stored == 0
    assert runs.first.sources["Nodns.vn"].errors == {"dns": 1}
    rows = {r.title: r for r in articles(runs.db_url)}
    legacy = rows["Vĩnh Long: Tiếp nhận hồ sơ trực tuyến"]
    assert "Ủy ban nhân dân tỉnh vừa ban hành kế hoạch cải cách hành chính" in legacy.text
    assert not any(t in rows for t in ("Ngắn", "Chậm"))


def test_run_is_recorded_with_errors(runs: Runs) -> None:
    from digest.store.db import open_db

    with Session(open_db(runs.db_url)) as session:
        run = session.get(CrawlRun, runs.first.run_id)
        assert run is not None and run.status == "finished" and run.finished_at is not None
        per_source = {r.source: r for r in session.exec(
            select(CrawlRunSource).where(CrawlRunSource.run_id == runs.first.run_id))}
        assert per_source["E.vn"].errors["http_404"] == 1 and per_source["A.vn"].stored == 3
        kinds = [e.kind for e in session.exec(
            select(CrawlError).where(CrawlError.run_id == runs.first.run_id,
                                     CrawlError.source == "E.vn"))]
        assert sorted(kinds) == sorted(["http_404", "http_500", "timeout", "empty", "binary",
                                        "binary", "not_article", "not_article", "too_large"])
        state = session.get(FeedState, runs.sites[0].url("/rss/home.rss"))
        assert state is not None and state.etag and state.last_success_at is not None
        assert state.items == 6
        moved = session.get(FeedState, runs.sites[2].url("/old-feed"))  # keyed as configured
        assert moved is not None and moved.etag and moved.items == 2
        broken = session.get(FeedState, runs.sites[5].url("/broken.rss"))
        assert broken is not None and broken.last_error and broken.last_error.startswith("bad_feed")
        assert broken.etag is None and broken.last_success_at is None


def test_second_run_is_incremental_with_conditional_get(runs: Runs) -> None:
    second = runs.second
    assert second.status == "finished"
    assert runs.second_log["if-none-match"] == 1
    a = runs.sites[0]
    assert second.sources["A.vn"].feed_items == 0  # 304 Not Modified
    assert second.sources["C.vn"].feed_items == 0  # 304 through the redirect of a moved feed
    for name in ("A.vn", "B.vn", "C.vn", "D.vn", "F.vn"):
        assert second.sources[name].fetched == 0, name
        assert second.sources[name].stored == 0, name
    assert second.sources["B.vn"].skipped_known == 2
    assert second.sources["D.vn"].skipped_known == 2
    assert not any(k.startswith(f"{a.host}/tin/") for k in runs.second_log)
    assert len(articles(runs.db_url)) == 13
    assert second.sources["E.vn"].skipped_known == 3  # the redirected article too


def test_refresh_refetches_and_updates_changed_text(runs: Runs) -> None:
    b = runs.refresh.sources
    assert list(b) == ["B.vn"]
    assert b["B.vn"].fetched == 2 and b["B.vn"].updated == 1 and b["B.vn"].skipped_known == 0
    rows = [r for r in articles(runs.db_url) if r.source == "B.vn"]
    assert len(rows) == 2
    assert any("Đoạn bổ sung sau khi đính chính." in r.text for r in rows)


def test_articles_jsonl(runs: Runs, run_cli: Any) -> None:
    result = run_cli("articles", "--since", "2023-05-23", "--format", "jsonl", db=runs.db_url)
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert len(lines) == 13
    one = lines[0]
    for key in ("url", "title", "outlet", "published_at", "authors", "text"):
        assert key in one
    assert one["published_at"].endswith("+07:00")
    assert isinstance(one["authors"], list)
    later = run_cli("articles", "--since", "2030-01-01", "--format", "jsonl", db=runs.db_url)
    assert later.output == ""
