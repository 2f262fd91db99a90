"""The spider's callbacks on saved responses (Scrapy's own HtmlResponse/TextResponse, no
download), the store pipeline's DropItem, and Scrapy's commands from the repository root."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.exceptions import DropItem
from scrapy.http import HtmlResponse, TextResponse, XmlResponse
from sqlmodel import Session, select

from digest.ingest.crawl import spider_spec
from digest.ingest.feeds import FeedEntry
from digest.ingest.save import ArticleData, save_article
from digest.ingest.sources import Source
from digest.store.db import open_db
from digest.store.models import Article
from spiders.events import Events
from spiders.feeds import FeedSpider
from spiders.pipelines import StorePipeline
from tests.fixtures.crawl.pages import PARAS, article_html, rss2
from tests.fixtures.crawl.server import Route, Site, serve

ROOT = Path(__file__).resolve().parent.parent
PAGES = ROOT / "tests" / "fixtures" / "pages"
EXPECTED = ROOT / "tests" / "fixtures" / "expected" / "extract"
FEED = "https://vnexpress.net/rss/thoi-su.rss"


class Recorded(Events):
    """Keeps the events instead of writing them to the parent's pipe."""

    def __init__(self) -> None:
        super().__init__(None)
        self.seen: list[dict[str, Any]] = []

    def emit(self, event: str, source: str, **fields: Any) -> None:
        self.seen.append({"t": event, "source": source, **fields})

    def kinds(self, event: str = "error") -> list[str]:
        return [e.get("kind", "") for e in self.seen if e["t"] == event]


@pytest.fixture
def spider(sqlite_url: str) -> FeedSpider:
    open_db(sqlite_url)
    source = Source(name="VnExpress", scope="central", allowed_domains=("vnexpress.net",),
                    feeds=(FEED,))
    return FeedSpider(spec=spider_spec([source], sqlite_url), events=Recorded())


def _article_response(url: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                      cls: type[TextResponse] = HtmlResponse) -> Any:
    entry = FeedEntry(link=url, title="", summary=None, published_at=None)
    request = scrapy.Request(url, meta={"source": "VnExpress", "role": "article", "feed_url": FEED,
                                        "entry": entry})
    return cls(url=url, body=body, headers={"Content-Type": content_type}, request=request)


def test_parse_article_on_a_saved_page_yields_the_article(spider: FeedSpider) -> None:
    want = json.loads((EXPECTED / "vnexpress-mot-cua-dien-tu-da-nang.json").read_text(encoding="utf-8"))
    body = (PAGES / want["page"]).read_bytes()
    items = list(spider.parse_article(_article_response(want["url"], body, want["content_type"])))
    assert len(items) == 1 and isinstance(items[0], ArticleData)
    item = items[0]
    assert (item.url, item.source, item.scope) == (want["url"], "VnExpress", "central")
    assert item.title == want["title"]
    assert item.text.startswith(want["first_paragraph"])
    assert item.published_at is not None and item.published_at.isoformat().startswith("2023-05-24")
    assert spider.events.kinds() == []  # type: ignore[attr-defined]


def test_parse_article_reports_empty_and_binary_pages(spider: FeedSpider) -> None:
    events: Recorded = spider.events  # type: ignore[assignment]
    assert list(spider.parse_article(_article_response("https://vnexpress.net/a.html", b""))) == []
    pdf = _article_response("https://vnexpress.net/b.pdf", b"%PDF-1.4\x00\x01", "application/pdf",
                            cls=TextResponse)
    assert list(spider.parse_article(pdf)) == []
    assert events.kinds()[0] == "empty" and len(events.kinds()) == 2


def test_parse_feed_follows_new_in_domain_links_only(spider: FeedSpider, sqlite_url: str) -> None:
    events: Recorded = spider.events  # type: ignore[assignment]
    known = "https://vnexpress.net/da-luu.html"
    save_article(open_db(sqlite_url), ArticleData(url=known, source="VnExpress", scope="central",
                                                  source_province=None, title="Đã lưu",
                                                  text="\n\n".join(PARAS)))
    body = rss2([("https://vnexpress.net/moi.html", "Tin mới"), (known, "Đã lưu"),
                 ("https://elsewhere.example/x.html", "Nơi khác")])
    request = scrapy.Request(FEED, meta={"source": "VnExpress", "role": "feed", "feed_url": FEED})
    response = XmlResponse(url=FEED, body=body, headers={"Content-Type": "application/rss+xml"},
                           request=request)
    out = list(spider.parse_feed(response))
    assert [r.url for r in out] == ["https://vnexpress.net/moi.html"]
    assert out[0].callback == spider.parse_article and out[0].meta["role"] == "article"
    assert "offsite" in events.kinds()
    assert [e["items"] for e in events.seen if e["t"] == "feed"] == [3]


def test_pipeline_drops_what_it_cannot_store(spider: FeedSpider, sqlite_url: str) -> None:
    events: Recorded = spider.events  # type: ignore[assignment]
    crawler = type("Crawler", (), {"spider": spider})()
    pipeline = StorePipeline(crawler)
    short = ArticleData(url="https://vnexpress.net/ngan.html", source="VnExpress", scope="central",
                        source_province=None, title="Tin ngắn", text="Quá ngắn.")
    with pytest.raises(DropItem):
        pipeline.process_item(short)
    assert events.kinds() == ["not_article"]
    good = ArticleData(url="https://vnexpress.net/du.html", source="VnExpress", scope="central",
                       source_province=None, title="Tin đủ dài", text="\n\n".join(PARAS))
    assert pipeline.process_item(good) is good
    pipeline.close_spider()  # the batch in hand is saved when the spider closes
    with Session(open_db(sqlite_url)) as session:
        assert [a.url for a in session.exec(select(Article))] == ["https://vnexpress.net/du.html"]


def _scrapy(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "scrapy", *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)


def test_scrapy_list_and_crawl_from_the_repository_root(tmp_path: Path) -> None:
    env = {**os.environ, "BANTIN_DATA_DIR": str(tmp_path / "data")}
    listed = _scrapy("list", env=env)
    assert listed.returncode == 0, listed.stderr[-2000:]
    assert listed.stdout.split() == ["feeds"]

    site = Site("127.0.0.31")
    site.routes["/robots.txt"] = Route(b"User-agent: *\nAllow: /\n", content_type="text/plain")
    with serve([site]):
        site.routes["/rss"] = Route(rss2([(site.url("/bai-1.html"), "Bài một")]),
                                    content_type="application/rss+xml")
        site.routes["/bai-1.html"] = Route(article_html("Tỉnh công bố kế hoạch cải cách").encode())
        sources = tmp_path / "sources.toml"
        sources.write_text(
            f'[[source]]\nname = "Thử"\nscope = "central"\nallowed_domains = ["{site.host}"]\n'
            f'feeds = ["{site.url("/rss")}"]\n', encoding="utf-8")
        db = f"sqlite:///{tmp_path / 'crawl.sqlite3'}"
        crawled = _scrapy("crawl", "feeds", "-a", f"sources={sources}", "-a", f"db={db}",
                          "-s", "DOWNLOAD_DELAY=0", "-s", "AUTOTHROTTLE_ENABLED=False", env=env)
    assert crawled.returncode == 0, crawled.stderr[-3000:]
    with Session(open_db(db)) as session:
        titles = [a.title for a in session.exec(select(Article))]
    assert titles == ["Tỉnh công bố kế hoạch cải cách"], crawled.stderr[-3000:]
