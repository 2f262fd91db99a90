"""The built readers' site in a real headless Chromium (Debian's /usr/bin/chromium, nothing
downloaded), served by a loopback http.server: table-of-contents links land on their stories,
"Về đầu trang" goes back up, A+ enlarges the text (remembered), an unaccented query finds accented
words, the phone layout fits 390px, print hides the controls. Screenshots go to test-artifacts/."""

from __future__ import annotations

import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Iterator

import pytest

from digest import config
from digest.site.build import build_site
from tests.support.site_fixtures import make_doc, store_published

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's /usr/bin/chromium is not installed")]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from digest.store.db import open_db

    root = tmp_path_factory.mktemp("site-browser")
    mp = pytest.MonkeyPatch()
    mp.setenv("BANTIN_DATA_DIR", str(root / "data"))
    config.use_settings(config.load_settings())
    engine = open_db(f"sqlite:///{root / 'site.sqlite3'}")
    docs = [make_doc(d, n_items=12) for d in (date(2026, 10, 30), date(2026, 11, 26), date(2026, 11, 27))]
    # a story only an accented word identifies, to search for without diacritics; in October,
    # so the search must go on from November's bundle to the older one
    docs[0].sections[0].items[0].headline = "Thủ tướng chỉ đạo đẩy nhanh phân cấp, ủy quyền cho địa phương"
    store_published(engine, docs)
    out = root / "out"
    build_site(engine, out_dir=out, full=True)
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(out)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()
    mp.undo()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _in_viewport(page: Any, selector: str) -> bool:
    return bool(page.eval_on_selector(selector, """e => { const r = e.getBoundingClientRect();
        return r.top >= 0 && r.top < window.innerHeight; }"""))


def test_toc_back_to_top_and_font_size(base_url: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "ban-tin/2026/11/26/")
    assert page.title().startswith("Bản tin cải cách hành chính ngày 26/11/2026")

    page.click('.bantin-toc a[href="#tin-9"]')
    page.wait_for_function("location.hash === '#tin-9'")
    page.wait_for_timeout(200)
    assert page.evaluate("window.scrollY") > 500
    assert _in_viewport(page, "#tin-9 .bantin-headline")
    # the headline is not hidden under Material's fixed header
    header_bottom = page.eval_on_selector(".md-header", "e => e.getBoundingClientRect().bottom")
    assert page.eval_on_selector("#tin-9 .bantin-headline", "e => e.getBoundingClientRect().top") >= header_bottom - 1

    page.click("#tin-9 .bantin-top a")
    page.wait_for_timeout(200)
    assert _in_viewport(page, ".bantin-title")
    assert page.evaluate("window.scrollY") < 300

    def size() -> float:
        return float(page.eval_on_selector(".bantin-item p", "e => parseFloat(getComputedStyle(e).fontSize)"))

    base = size()
    page.click("button[data-fontsize=larger]")
    bigger = size()
    assert bigger > base * 1.1
    page.goto(base_url)  # remembered on the next page too (localStorage)
    assert size() == pytest.approx(bigger)
    page.click("button[data-fontsize=reset]")
    assert size() == pytest.approx(base)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-home-desktop.png"))
    assert errors == []
    page.close()


def test_unaccented_search_finds_accented_words(base_url: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(base_url + "tim-kiem/")
    page.fill("#bt-q", "phan cap uy quyen")
    page.press("#bt-q", "Enter")
    page.wait_for_selector(".bt-result", timeout=30000)
    titles = page.locator(".bt-result-title").all_inner_texts()
    assert "Thủ tướng chỉ đạo đẩy nhanh phân cấp, ủy quyền cho địa phương" in titles
    marks = page.locator(".bt-result mark").all_inner_texts()
    assert any(m.lower() in ("phân", "cấp", "ủy", "quyền") for m in marks)
    # the result links to the story inside its bulletin
    href = page.locator(".bt-result-title", has_text="phân cấp, ủy quyền").first.get_attribute("href")
    assert href and href.endswith("/ban-tin/2026/10/30/#tin-1")

    page.fill("#bt-q", "thu tuc hanh chinh")
    page.press("#bt-q", "Enter")
    page.wait_for_function("document.querySelector('#bt-status').textContent.includes('thu tuc')"
                           " && document.querySelectorAll('#bt-results .bt-result').length > 0", timeout=30000)
    assert "thủ tục hành chính" in page.inner_text("#bt-results").lower()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-search.png"))

    page.goto(base_url + "tim-kiem/?q=xyzzy%20qwertz")
    page.wait_for_function("document.querySelector('#bt-status').textContent.startsWith('Không')", timeout=15000)
    assert errors == []
    page.close()


def test_phone_layout_and_print(base_url: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1)
    page.goto(base_url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.is_visible("text=Xem với cỡ chữ :")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "site-home-phone-390.png"))
    page.goto(base_url + "ban-tin/2026/11/27/#tin-3")
    page.wait_for_timeout(200)
    assert _in_viewport(page, "#tin-3 .bantin-headline")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "site-bulletin-phone-390.png"))
    page.emulate_media(media="print")
    assert not page.is_visible(".bantin-fontsize")
    assert not page.is_visible(".md-header")
    assert page.is_visible(".bantin-title")
    page.close()
