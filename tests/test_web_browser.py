"""End to end in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright; no
browser is downloaded) against a real uvicorn server on 127.0.0.1 with a seeded SQLite database.

An editor logs in, moves a story to another section, reorders, edits a headline and an author,
trims paragraphs, excludes a story, pulls a missed one in and publishes; the published JSON
export must reflect every change, and the corrections must be stored as training labels.
Screenshots of each step go to test-artifacts/web/ (git-ignored).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from test_web_seed import DAY, LiveServer, seeded_copy

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "web"
PASSWORD = "biên tập viên"
ISO = DAY.isoformat()

pytestmark = pytest.mark.browser


@pytest.fixture
def browser() -> Iterator[Any]:
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is not installed (apt install chromium): browser test not run")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("the playwright Python package is not installed: browser test not run")
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    """The seeded, drafted test database (overrides conftest's empty one)."""
    from digest.store.db import open_db

    seeded_copy(sqlite_url)
    return open_db(sqlite_url)


@pytest.fixture
def live(engine: Engine, sqlite_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
         ) -> Iterator[LiveServer]:
    from digest import config
    from digest.web.app import create_app

    monkeypatch.setenv("BANTIN_EDITOR_PASSWORD", PASSWORD)
    conf = tmp_path / "bantin.toml"  # the post-publish site rebuild writes under tmp_path
    conf.write_text(f'[site]\nout_dir = "{tmp_path / "site"}"\n')
    config.use_settings(config.load_settings(conf))
    with LiveServer(create_app(sqlite_url)) as server:
        yield server


def item_id(engine: Engine, fragment: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text(
            "SELECT bulletin_item.id FROM bulletin_item JOIN article ON article.id = bulletin_item.article_id "
            "WHERE article.title LIKE :t"), {"t": f"%{fragment}%"}).scalar_one())


def article_id(engine: Engine, fragment: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT id FROM article WHERE title LIKE :t"),
                                {"t": f"%{fragment}%"}).scalar_one())


def test_editor_curates_and_publishes_in_a_real_browser(
    browser: Any, live: LiveServer, engine: Engine, run_cli: Any, tmp_path: Path
) -> None:
    site_dir = tmp_path / "site"  # where the live fixture's settings put the readers' site
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    # Every page of the context, the preview popup included (a CSP violation is a console error).
    context.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
               if msg.type in ("error", "warning") else None)
    page.on("dialog", lambda dialog: dialog.accept())  # the publish confirmation
    context.on("response", lambda resp: problems.append(f"HTTP {resp.status} {resp.url}")
               if resp.status >= 400 and not resp.url.endswith("/login") else None)

    def shot(name: str, full: bool = True) -> None:
        page.evaluate("window.scrollTo(0, 0)")  # sticky bars would otherwise land mid-page
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=full)

    # Log in (the login page is where an unauthenticated editor lands).
    page.goto(f"{live.url}/bulletins/{ISO}")
    assert "/login" in page.url
    page.fill("input[name=username]", "Trần Thu Hà")
    page.fill("input[name=password]", "wrong")
    page.click("button[type=submit]")
    assert page.locator(".flash.err").inner_text() == "Sai tên đăng nhập hoặc mật khẩu."
    problems.clear()  # the browser logs the intended 401 as a failed load
    page.fill("input[name=password]", PASSWORD)
    shot("01-login")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live.url}/bulletins/{ISO}")
    page.goto(f"{live.url}/")
    shot("02-index")
    page.click(f"a[href='/bulletins/{ISO}']")
    page.wait_for_url(f"{live.url}/bulletins/{ISO}")
    shot("03-draft")

    def board_changed(action: Any) -> None:
        """Run ``action`` and wait for the in-place board swap (a new #board element)."""
        page.evaluate("document.getElementById('board').dataset.old = '1'")
        action()
        page.wait_for_selector("#board:not([data-old])", state="attached")
        page.wait_for_function("!document.body.classList.contains('busy')")

    # 1. Move the Prime Minister's story from policy to management.
    pm = item_id(engine, "Thủ tướng")
    page.select_option(f"#section-{pm}", "management")
    board_changed(lambda: page.click(f"#move-{pm}"))
    assert page.locator(f"#sec-management #item-{pm}").count() == 1
    assert "Đã chuyển sang QUẢN LÝ HÀNH CHÍNH" in page.locator("#toast").inner_text()
    shot("04-moved")

    # 2. Reorder: in local, put Hải Dương above Đà Nẵng (up button).
    hd, dn = item_id(engine, "Hải Dương"), item_id(engine, "Trả kết quả")
    local = page.locator("#sec-local ol.items > li.item")
    before = [local.nth(i).get_attribute("id") for i in range(local.count())]
    assert before.index(f"item-{dn}") < before.index(f"item-{hd}")
    board_changed(lambda: page.click(f"#up-{hd}"))
    local = page.locator("#sec-local ol.items > li.item")
    after = [local.nth(i).get_attribute("id") for i in range(local.count())]
    assert after.index(f"item-{hd}") < after.index(f"item-{dn}")
    # Now first: its up button is disabled and keyboard focus moves to its down button.
    assert page.locator(f"#up-{hd}").is_disabled()
    assert page.evaluate("document.activeElement.id") == f"down-{hd}"

    # ... and by dragging: the Prime Minister's story (moved in last) onto the top of management.
    kl = item_id(engine, "Kỷ luật")
    management = page.locator("#sec-management ol.items > li.item")
    assert management.nth(0).get_attribute("id") == f"item-{kl}"
    board_changed(lambda: page.drag_and_drop(f"#drag-{pm}", f"#item-{kl}", target_position={"x": 40, "y": 4}))
    management = page.locator("#sec-management ol.items > li.item")
    assert [management.nth(i).get_attribute("id") for i in range(2)] == [f"item-{pm}", f"item-{kl}"]

    # 3. Edit a headline and the citation's author.
    gtvt = item_id(engine, "Bộ Giao thông")
    page.click(f"#edit-{gtvt} > summary")
    page.fill(f"#headline-{gtvt}", "Bộ GTVT: 100% dịch vụ công trực tuyến toàn trình")
    board_changed(lambda: page.click(f"#save-headline-{gtvt}"))
    assert page.locator(f"#item-{gtvt} .headline").inner_text() == "Bộ GTVT: 100% dịch vụ công trực tuyến toàn trình"
    assert page.locator(f"#edit-{gtvt}").get_attribute("open") is not None  # the panel stays open
    page.fill(f"#author-{gtvt}", "Trang Trần - Hà Anh")
    board_changed(lambda: page.click(f"#save-author-{gtvt}"))
    assert "(Baogiaothong.vn 24/5, Trang Trần - Hà Anh)" in page.locator(f"#item-{gtvt} .cite").inner_text()

    # 4. Trim paragraphs: keep the first and the last of four.
    page.click(f"#trim-{gtvt} > summary")
    boxes = page.locator(f"#trim-{gtvt} input[name=keep]")
    boxes.first.wait_for()
    assert boxes.count() == 4
    boxes.nth(1).uncheck()
    boxes.nth(2).uncheck()
    shot("05-editing")
    board_changed(lambda: page.click(f"#save-trim-{gtvt}"))
    assert "2/4 đoạn" in page.locator(f"#item-{gtvt} .paras").inner_text()

    # 5. Exclude a story.
    sg = item_id(engine, "Singapore")
    board_changed(lambda: page.click(f"#exclude-{sg}"))
    assert page.locator(f"#sec-world #item-{sg}.is-excluded").count() == 1

    # 6. Pull in a story the classifier left out.
    qn = article_id(engine, "Quảng Ninh")
    page.fill("input.filter", "quang ninh")  # accent-insensitive filter
    assert page.locator("#left-out-list > li:visible").count() == 1
    page.select_option(f"#missed-{qn} select", "local")
    board_changed(lambda: page.click(f"#pull-{qn}"))
    assert page.locator("#sec-local li.item .headline", has_text="Quảng Ninh").count() == 1
    shot("06-curated")

    # Mobile layout of the same board.
    phone = context.new_page()
    phone.set_viewport_size({"width": 390, "height": 844})
    phone.goto(f"{live.url}/bulletins/{ISO}")
    phone.screenshot(path=str(ARTIFACTS / "07-mobile.png"), full_page=False)
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # the compact board too: each story's line of outlet, time and flags wraps on a phone
    phone.goto(f"{live.url}/bulletins/{ISO}?view=compact")
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), \
        phone.evaluate("document.documentElement.scrollWidth")
    phone.close()

    # 7. Preview, then publish.
    with page.expect_popup() as popup_info:
        page.click("#preview-link")
    preview = popup_info.value
    preview.wait_for_load_state()
    assert "Bộ GTVT: 100% dịch vụ công trực tuyến toàn trình" in preview.content()
    if preview.locator("button", has_text="A+").count():  # the page's own script runs (CSP hash)
        size = preview.evaluate("getComputedStyle(document.querySelector('h1, h2, p')).fontSize")
        preview.locator("button", has_text="A+").first.click()
        preview.wait_for_timeout(100)
        assert preview.evaluate("getComputedStyle(document.querySelector('h1, h2, p')).fontSize") != size
    preview.screenshot(path=str(ARTIFACTS / "08-preview.png"), full_page=True)
    preview.close()
    page.click("#publish")
    page.wait_for_selector(".badge.pub")
    assert "Đã xuất bản bản tin ngày 24/5/2023" in page.locator(".flash.ok").inner_text()
    # The site rebuild ran after the response; its outcome (whatever it is) is on the page.
    page.wait_for_selector("#reports:not([data-poll]) li", timeout=30_000)  # polled in place
    reports = page.locator("#reports").inner_text()
    assert "bantin send --date 2023-05-24" in reports  # mail queued (send_on_publish = false)
    assert "Đã dựng lại trang web" in reports, reports
    assert (site_dir / "index.html").is_file()
    shot("09-published")
    page.goto(f"{live.url}/bulletins/{ISO}/history")
    assert page.locator("table.history tbody tr").count() >= 8
    assert "Trần Thu Hà" in page.locator("table.history").inner_text()
    shot("10-history")
    context.close()
    assert not problems, problems

    # The published export reflects every change.
    doc = json.loads(run_cli("export", "--date", ISO, "--format", "json").output)
    assert doc["published_at"]
    sections = {s["key"]: s["items"] for s in doc["sections"]}
    headlines = {s: [i["headline"] for i in items] for s, items in sections.items()}
    assert "Thủ tướng" in headlines["management"][0]  # moved there, then dragged to the top
    assert not any("Thủ tướng" in h for h in headlines["policy"])
    assert headlines["policy"][0] == "Bộ GTVT: 100% dịch vụ công trực tuyến toàn trình"
    gtvt_item = sections["policy"][0]
    assert gtvt_item["citation"] == "(Baogiaothong.vn 24/5, Trang Trần - Hà Anh)"
    assert len(gtvt_item["paragraphs"]) == 2 and gtvt_item["paragraphs"][1].startswith("Đoạn cuối")
    local_titles = headlines["local"]
    assert [i for i, h in enumerate(local_titles) if "Hải Dương" in h][0] < \
        [i for i, h in enumerate(local_titles) if "Trả kết quả" in h][0]
    assert any("Quảng Ninh" in h for h in local_titles)
    assert "world" not in sections  # its only story was excluded
    numbers = [i["number"] for s in doc["sections"] for i in s["items"]]
    assert numbers == list(range(1, len(numbers) + 1))

    # Every correction is a training label, with the editor's name.
    with engine.connect() as conn:
        labels = {(r.origin, bool(r.relevant), r.section, r.editor) for r in conn.execute(text(
            "SELECT origin, relevant, section, editor FROM label"))}
    assert ("move", True, "management", "Trần Thu Hà") in labels
    assert ("exclude", False, None, "Trần Thu Hà") in labels
    assert ("pull_in", True, "local", "Trần Thu Hà") in labels


def test_every_action_still_works_without_javascript(browser: Any, live: LiveServer, engine: Engine) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1000, "height": 800})
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live.url}/login")
    page.fill("input[name=username]", "Lan")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.goto(f"{live.url}/bulletins/{ISO}")
    sg = item_id(engine, "Singapore")
    page.select_option(f"#section-{sg}", "policy")
    page.click(f"#move-{sg}")  # a plain POST, then a redirect back to the story
    page.wait_for_url(f"{live.url}/bulletins/{ISO}#item-{sg}")
    assert page.locator(f"#sec-policy #item-{sg}").count() == 1
    assert "Đã chuyển sang CHỦ TRƯƠNG CẢI CÁCH" in page.locator(".flash.ok").inner_text()
    page.click(f"#exclude-{sg}")
    page.wait_for_load_state()
    assert page.locator(f"#sec-policy #item-{sg}.is-excluded").count() == 1
    # The paragraph panel is a page of its own without the script.
    page.goto(f"{live.url}/bulletins/{ISO}/items/{sg}")
    boxes = page.locator("input[name=keep]")
    boxes.nth(0).uncheck()
    page.click("button:has-text('Lưu các đoạn đã chọn')")
    page.wait_for_url(f"{live.url}/bulletins/{ISO}/items/{sg}")
    assert page.locator("input[name=keep]:checked").count() == 3
    page.screenshot(path=str(ARTIFACTS / "11-no-javascript-item.png"), full_page=True)
    context.close()
