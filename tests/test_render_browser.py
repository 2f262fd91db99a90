"""The standalone bulletin page in a real headless Chromium (Debian's, nothing downloaded):
the A- A A+ control scales the text and is remembered, TOC links land on their stories,
"Về đầu trang" goes back up, the layout fits a phone, and print hides the controls."""

from __future__ import annotations

import shutil
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from digest.bulletin.render import render_html
from tests.test_render import FIXTURES, load_source

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed here")]


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep test output clean
        pass


@pytest.fixture
def page_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    doc = load_source(FIXTURES / "2023-05-24.source.json")
    (tmp_path / "index.html").write_text(render_html(doc), encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(tmp_path)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/index.html"
    server.shutdown()
    server.server_close()


def test_font_size_toc_and_phone(page_url: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 390, "height": 800})
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.goto(page_url)

            def size() -> float:
                return float(page.eval_on_selector(".bantin-item p", "e => parseFloat(getComputedStyle(e).fontSize)"))

            assert page.is_visible("text=Xem với cỡ chữ :")
            base = size()
            page.click("button[data-fontsize=larger]")
            page.click("button[data-fontsize=larger]")
            bigger = size()
            assert bigger > base * 1.2
            page.reload()
            assert size() == pytest.approx(bigger), "the chosen size is remembered"
            page.click("button[data-fontsize=reset]")
            assert size() == pytest.approx(base)
            page.click("button[data-fontsize=smaller]")
            assert size() < base
            # the smallest step: A- is disabled rather than doing nothing
            assert page.is_disabled("button[data-fontsize=smaller]")

            # fits a phone: nothing wider than the screen
            assert page.evaluate("document.documentElement.scrollWidth") <= 390
            # TOC link 10 lands on story 10; back to top returns to the title
            page.click("a[href='#tin-10']")
            page.wait_for_function("location.hash === '#tin-10'")
            top = page.eval_on_selector("#tin-10", "e => e.getBoundingClientRect().top")
            assert 0 <= top < 100
            page.click("#tin-10 .bantin-top a")
            page.wait_for_function("window.scrollY < 50")
            page.screenshot(path=str(tmp_path / "bulletin-phone.png"), full_page=False)
            # print hides the controls and the back-to-top links
            page.emulate_media(media="print")
            assert not page.is_visible(".bantin-fontsize")
            assert not page.is_visible("#tin-1 .bantin-top")
            assert errors == []
        finally:
            browser.close()
