"""The sources page in a real headless Chromium: every source with its last crawl, errors by
kind and trend; switching a source off (the crawl's selection then skips it); "crawl now" running a real
Scrapy crawl of loopback sites in the background, its progress polled in place; the board
saying when the last crawl ran and what failed."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from test_web_browser import ISO, PASSWORD, browser, engine  # noqa: F401 (fixtures)
from test_web_seed import LiveServer

from tests.fixtures.crawl.pages import article_html, rss2
from tests.fixtures.crawl.server import Route, Site, serve

pytestmark = pytest.mark.browser
FAST = {"download_delay": 0, "autothrottle": False, "download_timeout": 4, "retry_times": 0}


@pytest.fixture
def sites() -> Iterator[list[Site]]:
    good, broken = Site("127.0.0.61"), Site("127.0.0.62")
    with serve([good, broken]):
        for i in (1, 2):
            good.routes[f"/tin/{i}.html"] = Route(article_html(f"Hà Nội: Một cửa số {i}").encode())
        good.routes["/rss"] = Route(rss2([(good.url(f"/tin/{i}.html"), f"Tin {i}") for i in (1, 2)]),
                                    content_type="application/rss+xml")
        broken.routes["/rss"] = Route(b"gone", status=404)
        yield [good, broken]


@pytest.fixture
def live_sources(engine: Engine, sqlite_url: str, sites: list[Site], monkeypatch: pytest.MonkeyPatch,
                 tmp_path: Path) -> Iterator[LiveServer]:
    from digest import config
    from digest.web.app import create_app

    good, broken = sites
    file = tmp_path / "sources.toml"
    file.write_text(textwrap.dedent(f"""\
        [[source]]
        name = "Tốt.vn"
        scope = "central"
        feeds = ["{good.url('/rss')}"]
        allowed_domains = ["{good.host}"]

        [[source]]
        name = "Hỏng.vn"
        scope = "central"
        feeds = ["{broken.url('/rss')}"]
        allowed_domains = ["{broken.host}"]
        """), encoding="utf-8")
    monkeypatch.setenv("BANTIN_EDITOR_PASSWORD", PASSWORD)
    monkeypatch.setenv("BANTIN_DATA_DIR", str(tmp_path / "data"))
    config.use_settings(config.load_settings(None))
    with LiveServer(create_app(sqlite_url, sources_file=str(file), crawl_overrides=FAST)) as server:
        server.sources_file = str(file)  # type: ignore[attr-defined]
        yield server


def test_sources_page_switch_and_crawl_now(browser: Any, live_sources: LiveServer, engine: Engine,
                                           sites: list[Site]) -> None:
    good, broken = sites
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(60_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.goto(f"{live_sources.url}/login")
    page.fill("input[name=username]", "Quản trị")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live_sources.url}/bulletins/{ISO}")
    assert "Chưa thu thập lần nào." in page.locator("#crawl-status").inner_text()
    page.click("#crawl-status a[href='/sources']")
    rows = page.locator("#sources-table tbody tr")
    assert rows.count() == 2
    assert "Chưa thu thập lần nào." in page.locator("main").inner_text()

    # Crawl now: a real crawl in the background; the progress panel polls until it is done.
    page.click("#crawl-now")
    page.wait_for_selector("#crawl-progress p.ok", timeout=90_000)
    done = page.locator("#crawl-progress").inner_text()
    assert "2 bài mới" in done and "http_404" in done, done
    page.reload()
    good_row = page.locator("#sources-table tbody tr", has_text="Tốt.vn")
    bad_row = page.locator("#sources-table tbody tr", has_text="Hỏng.vn")
    assert "2 / 2" in good_row.inner_text()
    assert "▁▁▁▁▁▁█" in good_row.locator(".trend").inner_text()
    assert "http_404 ×1" in bad_row.inner_text()
    assert "bad" in (bad_row.get_attribute("class") or "")
    assert "không lấy được: Hỏng.vn" in page.locator("main").inner_text()

    # Switch the broken source off: every later crawl leaves it alone (the crawl selects its
    # sources with the same digest.ingest.status.effective, checked without a second crawl).
    bad_row.locator("button", has_text="Đang bật").click()
    page.wait_for_load_state()
    assert "Đã tắt nguồn Hỏng.vn" in page.locator(".flash.ok").inner_text()
    bad_row = page.locator("#sources-table tbody tr", has_text="Hỏng.vn")
    assert bad_row.locator("button[aria-pressed]").inner_text() == "Đang tắt"
    from digest.ingest.sources import load_sources, select_sources
    from digest.ingest.status import effective
    from digest.store.db import session_scope

    with session_scope(engine) as session:
        chosen = select_sources(effective(session, load_sources(live_sources.sources_file)))
        assert [s.name for s in chosen] == ["Tốt.vn"]
        assert [s.name for s in select_sources(effective(session, load_sources(live_sources.sources_file)),
                                               ["Hỏng.vn"])] == ["Hỏng.vn"]  # by name it still runs
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM article WHERE source = 'Tốt.vn'")).scalar_one() == 2
    page.goto(f"{live_sources.url}/bulletins/{ISO}")
    assert "Thu thập lần cuối" in page.locator("#crawl-status").inner_text()
    context.close()
    assert not problems, problems
