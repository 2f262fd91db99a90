"""The editors' desk by keyboard in a real headless Chromium (Debian's /usr/bin/chromium) against
a real uvicorn server on 127.0.0.1: j/k, x and undo (key and toast button), 1-4, "move to #N",
e + Ctrl+Enter, ?, focus kept on a story after every action, the compact board's density at
1440x900, and two editors' sessions on one bulletin (the stale edit or drag gets the conflict
message and the current board, nothing is overwritten).
"""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from test_web_browser import ARTIFACTS, ISO, PASSWORD, browser, engine, item_id, live  # noqa: F401 (fixtures)
from test_web_seed import LiveServer

pytestmark = pytest.mark.browser


def log_in(browser: Any, live: LiveServer, name: str, compact: bool = True) -> tuple[Any, Any, list[str]]:
    context = browser.new_context(viewport={"width": 1440, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    problems: list[str] = []
    page.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    page.goto(f"{live.url}/login")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=username]", name)
    page.click("button[type=submit]")
    page.goto(f"{live.url}/bulletins/{ISO}" + ("?view=compact" if compact else ""))
    return context, page, problems


def swapped(page: Any, action: Any) -> None:
    """Run ``action`` (a key press) and wait for the board to be swapped in place."""
    page.evaluate("document.getElementById('board').dataset.old = '1'")
    action()
    page.wait_for_selector("#board:not([data-old])", state="attached")
    page.wait_for_function("!document.body.classList.contains('busy')")


def active(page: Any) -> str:
    return str(page.evaluate("document.activeElement.id || document.activeElement.tagName"))


def state(engine: Engine, fragment: str) -> tuple[str, int, bool, str]:
    with engine.connect() as conn:
        row = conn.execute(text(
            "SELECT bulletin_item.section, bulletin_item.position, bulletin_item.included, bulletin_item.headline "
            "FROM bulletin_item JOIN article ON article.id = bulletin_item.article_id WHERE article.title LIKE :t"),
            {"t": f"%{fragment}%"}).one()
    return str(row[0]), int(row[1]), bool(row[2]), str(row[3])


def test_keyboard_triage_with_undo_and_focus_kept(browser: Any, live: LiveServer, engine: Engine) -> None:
    context, page, problems = log_in(browser, live, "Trần Thu Hà")
    cards = page.locator("#board li.item")
    assert cards.count() == 6

    # Compact: one line a story, so at least 10 fit below the board's top at 1440x900.
    heights = page.evaluate("Array.from(document.querySelectorAll('#board li.item')).map(li => li.getBoundingClientRect().height)")
    top = page.evaluate("document.querySelector('#board li.item').getBoundingClientRect().top")
    assert max(heights) <= 34, heights
    assert top + 10 * max(heights) <= 900, (top, heights)
    focusable = page.evaluate("Array.from(document.querySelectorAll('#board a, #board button, #board input, #board select, #board summary'))"
                              ".filter(el => el.offsetParent !== null).length")
    assert focusable <= 6 * 2 + 20, focusable  # headline links + the bars; actions only on the current story

    # j/k move the current story; it is focused.
    first, second = cards.nth(0).get_attribute("id"), cards.nth(1).get_attribute("id")
    page.keyboard.press("j")
    assert active(page) == first
    page.keyboard.press("j")
    assert active(page) == second
    page.keyboard.press("k")
    page.keyboard.press("j")
    assert active(page) == second
    assert page.locator(f"#{second} .actions").is_visible()  # the current story shows its buttons
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "20-compact-keyboard.png"))

    # x excludes it in place (nothing slides), the next story becomes current, focus stays on a story.
    third = cards.nth(2).get_attribute("id")
    swapped(page, lambda: page.keyboard.press("x"))
    assert page.locator(f"#{second}.is-excluded").count() == 1
    assert page.locator("#board li.item").nth(1).get_attribute("id") == second
    assert active(page) == third
    assert "Đã loại tin" in page.locator("#toast").inner_text()
    assert page.locator("#toast-undo").is_visible()

    # u undoes it; focus is still on a story, never <body>.
    swapped(page, lambda: page.keyboard.press("u"))
    assert page.locator(f"#{second}.is-excluded").count() == 0
    assert "Đã hoàn tác" in page.locator("#toast").inner_text()
    assert active(page).startswith("item-")

    # The toast's Undo button works too (exclude by button, then click Undo).
    sg = item_id(engine, "Singapore")
    page.click(f"#item-{sg} .item-head .num")  # a tap on the story makes it current
    swapped(page, lambda: page.click(f"#exclude-{sg}"))
    assert active(page) == f"include-{sg}"  # the same place, the opposite button
    assert state(engine, "Singapore")[2] is False
    swapped(page, lambda: page.click("#toast-undo"))
    assert state(engine, "Singapore")[2] is True

    # 2 moves the current story to section 2 (local).
    pm = item_id(engine, "Thủ tướng")
    page.click(f"#item-{pm} .item-head .num")
    swapped(page, lambda: page.keyboard.press("2"))
    assert page.locator(f"#sec-local #item-{pm}").count() == 1
    assert active(page) == f"item-{pm}"
    assert state(engine, "Thủ tướng")[0] == "local"
    swapped(page, lambda: page.keyboard.press("u"))
    assert state(engine, "Thủ tướng")[0] == "policy"

    # "Move to #N": m focuses the number field; the story then prints as #1.
    kl = item_id(engine, "Kỷ luật")
    page.click(f"#item-{kl} .item-head .num")
    page.keyboard.press("m")
    assert active(page) == f"number-{kl}"
    page.keyboard.type("1")
    swapped(page, lambda: page.keyboard.press("Enter"))
    assert page.locator(f"#item-{kl} .num").inner_text() == "1"
    assert state(engine, "Kỷ luật")[0] == "policy"  # where #1 was
    assert active(page) == f"item-{kl}"  # the keys act on the story again, not in the number box

    # e edits the headline; Ctrl+Enter saves; focus comes back to the story.
    page.keyboard.press("e")
    assert active(page) == f"headline-{kl}"
    page.keyboard.press("Control+a")
    page.keyboard.type("Xử lý nghiêm cán bộ nhũng nhiễu")
    swapped(page, lambda: page.keyboard.press("Control+Enter"))
    assert state(engine, "Kỷ luật")[3] == "Xử lý nghiêm cán bộ nhũng nhiễu"
    assert page.locator(f"#item-{kl} .headline").inner_text() == "Xử lý nghiêm cán bộ nhũng nhiễu"
    assert active(page) == f"item-{kl}" and page.locator(f"#edit-{kl}[open]").count() == 0

    # ? lists the keys.
    page.keyboard.press("?")
    assert page.locator("#keys").is_visible()
    assert "hoàn tác" in page.locator("#keys").inner_text()
    page.keyboard.press("Escape")
    assert not page.locator("#keys").is_visible()
    context.close()
    assert not problems, problems


def test_a_stale_edit_from_a_second_session_gets_a_conflict(browser: Any, live: LiveServer, engine: Engine) -> None:
    ctx_a, lan, _ = log_in(browser, live, "Lan", compact=False)
    ctx_b, minh, _ = log_in(browser, live, "Minh", compact=False)
    gtvt = item_id(engine, "Bộ Giao thông")
    # Lan excludes the story; Minh's page still shows it printed and edits its headline.
    swapped(lan, lambda: lan.click(f"#exclude-{gtvt}"))
    minh.click(f"#edit-{gtvt} > summary")
    minh.fill(f"#headline-{gtvt}", "Tiêu đề của Minh")
    swapped(minh, lambda: minh.click(f"#save-headline-{gtvt}"))
    toast = minh.locator("#toast").inner_text()
    assert "vừa được Lan thay đổi (loại)" in toast, toast
    assert minh.locator(f"#item-{gtvt}.is-excluded").count() == 1  # the current state, shown
    assert state(engine, "Bộ Giao thông")[3] != "Tiêu đề của Minh"  # nothing overwritten
    # His wording is still in the field to apply again, and now up to date, it goes through.
    assert minh.locator(f"#edit-{gtvt}[open]").count() == 1
    assert minh.input_value(f"#headline-{gtvt}") == "Tiêu đề của Minh"
    swapped(minh, lambda: minh.click(f"#save-headline-{gtvt}"))
    assert state(engine, "Bộ Giao thông")[3] == "Tiêu đề của Minh"
    # A drag is checked like a form: Lan reorders local stories, Minh's page is stale and he drags.
    hd, dn = item_id(engine, "Hải Dương"), item_id(engine, "Trả kết quả")
    swapped(lan, lambda: lan.click(f"#up-{hd}"))
    lan_order = state(engine, "Hải Dương")[1], state(engine, "Trả kết quả")[1]
    swapped(minh, lambda: minh.drag_and_drop(f"#drag-{hd}", f"#item-{dn}", target_position={"x": 40, "y": 4}))
    toast = minh.locator("#toast").inner_text()
    assert "Lan" in toast, toast
    assert (state(engine, "Hải Dương")[1], state(engine, "Trả kết quả")[1]) == lan_order
    # Text typed and not yet saved survives an action on another story (the board re-renders).
    kl = item_id(engine, "Kỷ luật")
    minh.click(f"#edit-{kl} > summary")
    minh.fill(f"#headline-{kl}", "Kỷ luật công chức: tiêu đề đang sửa dở")
    swapped(minh, lambda: minh.click(f"#down-{hd}"))
    assert state(engine, "Hải Dương")[1] != lan_order[0]  # the move went through
    assert minh.input_value(f"#headline-{kl}") == "Kỷ luật công chức: tiêu đề đang sửa dở"
    assert "đang sửa dở" not in state(engine, "Kỷ luật")[3]  # typed, not saved
    ctx_a.close()
    ctx_b.close()


def test_a_session_ending_mid_edit_keeps_what_was_typed(browser: Any, live: LiveServer, engine: Engine) -> None:
    """The session ends (expiry or a logout elsewhere: the cookie is gone) while a headline is
    being typed: saving leads to the login page, which says why, and after logging in again the
    board has the typed headline back in its open panel, not saved until the editor saves."""
    ctx, page, problems = log_in(browser, live, "Lan", compact=False)
    kl = item_id(engine, "Kỷ luật")
    page.click(f"#edit-{kl} > summary")
    page.fill(f"#headline-{kl}", "Kỷ luật công chức: tiêu đề gõ trước khi phiên hết")
    ctx.clear_cookies()
    page.click(f"#save-headline-{kl}")
    page.wait_for_url("**/login?ended=1*")
    assert "Phiên làm việc đã kết thúc" in page.locator("p.flash.err").inner_text()
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=username]", "Lan")
    page.click("button[type=submit]")
    page.wait_for_url(f"**/bulletins/{ISO}")
    page.wait_for_function(f"document.getElementById('headline-{kl}').value.indexOf('phiên hết') > 0")
    assert page.locator(f"#edit-{kl}[open]").count() == 1
    assert "Đã điền lại nội dung đang gõ dở" in page.locator("#toast").inner_text()
    assert "phiên hết" not in state(engine, "Kỷ luật")[3]  # back in the field, not saved behind the editor's back
    swapped(page, lambda: page.click(f"#save-headline-{kl}"))
    assert state(engine, "Kỷ luật")[3] == "Kỷ luật công chức: tiêu đề gõ trước khi phiên hết"
    assert not [p for p in problems if "401" not in p], problems
    ctx.close()


def test_undo_stays_within_reach_on_a_phone(browser: Any, live: LiveServer, engine: Engine) -> None:
    """On a touch screen the toast's Undo goes after a few seconds; the header's button stays."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{live.url}/login")
    page.fill("input[name=password]", PASSWORD)
    page.fill("input[name=username]", "Lan")
    page.click("button[type=submit]")
    page.goto(f"{live.url}/bulletins/{ISO}")
    gtvt = item_id(engine, "Bộ Giao thông")
    swapped(page, lambda: page.tap(f"#exclude-{gtvt}"))
    assert state(engine, "Bộ Giao thông")[2] is False
    page.evaluate("document.getElementById('toast').hidden = true")  # as when its time is up
    assert page.locator("#undo-last-button").is_visible()
    swapped(page, lambda: page.tap("#undo-last-button"))
    assert state(engine, "Bộ Giao thông")[2] is True
    context.close()


def test_a_page_left_open_while_another_editor_publishes_shows_it_published(
        browser: Any, live: LiveServer, engine: Engine) -> None:
    """Minh acts on a page he opened before Lan published: he is told, and the whole page,
    header included, shows the bulletin published (no stale 'Bản nháp' and 'Xuất bản')."""
    ctx_a, lan, _ = log_in(browser, live, "Lan", compact=False)
    ctx_b, minh, _ = log_in(browser, live, "Minh", compact=False)
    lan.on("dialog", lambda dialog: dialog.accept())
    with lan.expect_navigation():
        lan.click("#publish")
    assert lan.locator(".badge.pub").count() == 1
    gtvt = item_id(engine, "Bộ Giao thông")
    with minh.expect_navigation():  # the answer shows a published bulletin: the page reloads
        minh.click(f"#exclude-{gtvt}")
    minh.wait_for_selector(".badge.pub")
    assert minh.locator("#publish").count() == 0 and minh.locator("#reopen").count() == 1
    assert minh.locator("#toast").is_visible() and minh.locator("#toast").inner_text().strip()
    assert state(engine, "Bộ Giao thông")[2] is True  # nothing changed behind the publication
    ctx_a.close()
    ctx_b.close()
