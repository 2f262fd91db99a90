"""The built readers' site in a real headless Chromium (Debian's /usr/bin/chromium, nothing
downloaded), served by a loopback http.server: table-of-contents links land on their stories,
"Về đầu trang" goes back up, A+ enlarges the text (remembered), an unaccented query finds accented
words, the phone layout fits 390px, print hides the controls. Screenshots go to test-artifacts/."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from test_mail_helpers import LiveApp

from digest import config
from digest.site.build import build_site
from tests.support.site_fixtures import make_doc, search_all, store_published

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
    # the same syllables with other diacritics, and apart: what "Đà Nẵng" must not find
    for (d, s, i), headline, text in SEARCH_STORIES:
        item = docs[d].sections[s].items[i]
        item.headline, item.paragraphs = headline, [text]
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


SEARCH_STORIES = [
    ((1, 1, 0), "Đà Nẵng số hóa toàn bộ hồ sơ đất đai", "Thành phố Đà Nẵng hoàn thành số hóa."),
    ((2, 1, 0), "Đảng ủy khối họp bàn cải cách", "Nghị quyết về năng lực cán bộ, đất đai."),
    ((2, 1, 1), "Tỉnh đã nâng mức hỗ trợ cán bộ", "Việc đã nâng mức hỗ trợ được hoan nghênh."),
]


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
    assert "phân cấp, ủy quyền" in marks  # the phrase as written is marked, across its comma
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


def test_search_recovers_from_a_failed_fetch(base_url: str, browser: Any) -> None:
    """An index file that fails once (a phone losing its signal: the server answers 503) makes
    that search say the index could not be loaded; the same search submitted again fetches the
    file anew and finds the story, without reloading the page."""
    page = browser.new_page()
    failed: list[str] = []

    def fail_once(route: Any) -> None:
        if failed:
            route.continue_()
        else:
            failed.append(route.request.url)
            route.fulfill(status=503, body="busy")

    for index_file in ("bundles.json", "*/docs.json"):  # the list of bundles, then one bundle's index
        failed.clear()
        page.route(f"**/search/{index_file}", fail_once)
        page.goto(base_url + "tim-kiem/?q=phan%20cap%20uy%20quyen")
        page.wait_for_function("document.querySelector('#bt-status').textContent.startsWith('Không tải')",
                               timeout=15000)
        assert failed, index_file
        assert "kết nối mạng" in page.inner_text("#bt-status")  # over the web: the connection, try again
        page.press("#bt-q", "Enter")
        page.wait_for_function("document.querySelector('#bt-status').textContent.startsWith('Có')", timeout=15000)
        titles = page.locator(".bt-result-title").all_inner_texts()
        assert "Thủ tướng chỉ đạo đẩy nhanh phân cấp, ủy quyền cho địa phương" in titles, index_file
        page.unroute(f"**/search/{index_file}")
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


def _search(page: Any, base_url: str, query: str) -> tuple[str, list[str], list[str]]:
    return search_all(page, base_url + "tim-kiem/?" + query)  # a shared link runs its query on load


def test_search_means_what_was_typed(base_url: str, browser: Any) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    danang, dang, danang_folded = (h for _, h, _ in SEARCH_STORIES)

    status, titles, _ = _search(page, base_url, "q=%C4%90%C3%A0+N%E1%BA%B5ng")  # Đà Nẵng
    assert status.startswith("Có 1 tin khớp") and titles == [danang]  # not Đảng, đất đai, năng lực, đã nâng
    status, titles, _ = _search(page, base_url, "q=da+nang")  # folded: every spelling of "da nang"
    assert status.startswith("Có 2 tin khớp") and set(titles) == {danang, danang_folded}
    assert dang not in titles
    status, titles, _ = _search(page, base_url, "q=n%C4%83ng+l%E1%BB%B1c")  # năng lực: a phrase
    assert titles == [dang]
    status, titles, _ = _search(page, base_url, "q=l%E1%BB%B1c+n%C4%83ng")  # the same syllables reversed
    assert titles == [] and status.startswith("Không tìm thấy")

    # newest first by default; a filter narrows the true count
    status, titles, metas = _search(page, base_url, "q=thu+tuc+hanh+chinh")
    total = int(status.split()[1])
    days = [m.split(" · ")[0].removeprefix("Bản tin ngày ") for m in metas]
    assert len(titles) == total > 3
    assert days == sorted(days, key=lambda d: tuple(reversed([int(x) for x in d.split("/")])), reverse=True)
    status, _, metas = _search(page, base_url, "q=thu+tuc+hanh+chinh&muc=the-gioi&sort=lienquan")
    assert "THẾ GIỚI" in status and "liên quan" in status and metas and all("THẾ GIỚI" in m for m in metas)
    assert int(status.split()[1]) < total
    assert page.input_value("#bt-muc") == "the-gioi" and page.input_value("#bt-sort") == "lienquan"
    status, _, metas = _search(page, base_url, "q=thu+tuc+hanh+chinh&nam=2026&tinh=" + "H%E1%BA%A3i+Ph%C3%B2ng")
    assert metas and all(m.endswith("Hải Phòng") for m in metas)
    assert errors == []
    page.close()


# visible elements only: Material keeps the page title in the header at opacity 0 until scrolled
CONTRAST = """sel => [...document.querySelectorAll(sel)]
  .filter(e => e.getClientRects().length && getComputedStyle(e).opacity !== '0').map(e => {
  const rgb = s => (s.match(/[\\d.]+/g) || []).map(Number);
  const lum = c => { const v = c.slice(0, 3).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4; });
                     return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; };
  let bg = null;
  for (let n = e; n && !bg; n = n.parentElement) {
    const c = rgb(getComputedStyle(n).backgroundColor);
    if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) { bg = c; }
  }
  bg = bg || (matchMedia('(prefers-color-scheme: dark)').matches ? [0, 0, 0] : [255, 255, 255]);
  let fg = rgb(getComputedStyle(e).color);
  const a = (fg.length === 4 ? fg[3] : 1) * Number(getComputedStyle(e).opacity);
  fg = fg.slice(0, 3).map((x, i) => x * a + bg[i] * (1 - a));
  const [hi, lo] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  return [sel, e.textContent.trim().slice(0, 30), Math.round((hi + 0.05) / (lo + 0.05) * 100) / 100];
})"""


def _low_contrast(page: Any, selectors: list[str]) -> list[Any]:
    found = [r for sel in selectors for r in page.evaluate(CONTRAST, sel)]
    assert {r[0] for r in found} == set(selectors), "a checked element is missing"
    return [r for r in found if r[2] < 4.5]


SITE_TEXT = [".md-header__topic", ".md-tabs__link", ".bantin-title", ".bantin-stamp", ".bantin-toc a",
             ".bantin-item p", ".bantin-citation", ".bantin-top a", ".bt-subscribe label", ".bt-subscribe button",
             ".bt-footer-links a", ".bt-prevnext a"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_site_colours_meet_wcag_aa(base_url: str, browser: Any, scheme: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(base_url + "ban-tin/2026/11/26/")
    assert _low_contrast(page, SITE_TEXT) == []
    assert "Made with" not in page.content() and "Material for MkDocs" not in page.inner_text("body")
    assert page.inner_text("body").count(config.settings()["general"]["publisher"]) == 1
    # the subscribe box posts to the configured public endpoint
    form = page.locator("form.bt-subscribe")
    assert form.get_attribute("action") == "http://127.0.0.1:8000/subscribe"
    assert form.get_attribute("method") == "post" and page.locator("form.bt-subscribe input[name=email]").count() == 1
    page.goto(base_url + "chuyen-muc/cai-cach-dia-phuong/")
    assert _low_contrast(page, [".bt-entry a", ".bt-date", "h1", ".bt-subscribe label"]) == []
    page.close()


def test_mail_subscribe_page_and_app_share_the_colours(browser: Any, tmp_path: Path) -> None:
    from digest.mail.compose import render_bodies
    from digest.web.app import create_app

    page = browser.new_page(viewport={"width": 600, "height": 900})
    _, html = render_bodies(make_doc(date(2026, 11, 27), n_items=4), "http://127.0.0.1:8000/unsubscribe/T")
    page.set_content(html)
    assert _low_contrast(page, ["h1", ".stamp", ".toc a", ".toc-heading", ".headline", ".item p", ".citation",
                                ".top a", ".pre a", ".footer a"]) == []
    assert page.eval_on_selector(".toc a", "e => getComputedStyle(e).textDecorationLine") == "underline"
    page.set_viewport_size({"width": 390, "height": 844})
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "mail-390.png"), full_page=True)

    with LiveApp(create_app(f"sqlite:///{tmp_path / 'app.sqlite3'}")) as live:  # real uvicorn on loopback
        for doc_path, selectors in [("/subscribe", ["h1", ".brand", "label", "button", "p"]),
                                    ("/login", [".topbar a", "h1", "button"])]:
            page.goto(live.url + doc_path)
            assert _low_contrast(page, selectors) == [], doc_path
    brand = config.settings()["site"]["colors"]["brand"].lstrip("#")
    rgb = "rgb(" + ", ".join(str(int(brand[i:i + 2], 16)) for i in (0, 2, 4)) + ")"
    assert page.eval_on_selector(".topbar", "e => getComputedStyle(e).backgroundColor") == rgb
    page.close()
