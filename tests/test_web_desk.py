"""The desk over HTTP (no script): doubt flags and their filter, leads of left-out stories,
the relevance a pulled-in story shows, move to #N, Undo beside the message, the version check."""

from __future__ import annotations

import re
from datetime import datetime

import httpx
from sqlalchemy import text
from sqlalchemy.engine import Engine
from test_web import ISO, client, engine, ids, item_by_title, login, server  # noqa: F401 (fixtures)

from digest.text import VN_TZ


def board(client: httpx.Client, query: str = "") -> str:
    r = client.get(f"/bulletins/{ISO}{query}")
    assert r.status_code == 200, r.text
    return r.text


def card(html: str, item_id: int) -> str:
    match = re.search(rf'<li class="item[^"]*" id="item-{item_id}".*?</li>', html, re.DOTALL)
    assert match, item_id
    return match.group(0)


def test_doubts_are_flagged_on_the_card_and_filterable(client: httpx.Client, engine: Engine) -> None:
    login(client)
    gtvt, dn = item_by_title(engine, "Bộ Giao thông"), item_by_title(engine, "Trả kết quả")
    with engine.begin() as conn:
        # The other outlet's copy of the GTVT story went to another section; Đà Nẵng's outlet failed.
        conn.execute(text("UPDATE classification SET section = 'management' WHERE article_id IN "
                          "(SELECT id FROM article WHERE source = 'Vnexpress.net')"))
        conn.execute(text("INSERT INTO crawl_error (source, url, kind, message, at) VALUES "
                          "('Baodanang.vn', 'https://baodanang.vn/feed', 'timeout', '', :at)"),
                     {"at": datetime(2023, 5, 24, 9, tzinfo=VN_TZ)})
        # The crawl's own skips at another outlet (robots.txt, a link off its domains) are no fault of it.
        for kind in ("robots", "offsite"):
            conn.execute(text("INSERT INTO crawl_error (source, url, kind, message, at) VALUES "
                              "('Baogiaothong.vn', 'https://baogiaothong.vn/x', :kind, '', :at)"),
                         {"kind": kind, "at": datetime(2023, 5, 24, 9, tzinfo=VN_TZ)})
    html = board(client)
    assert 'data-flag="copies"' in card(html, gtvt.item_id)
    assert 'data-flag="source"' not in card(html, gtvt.item_id)
    assert "QUẢN LÝ HÀNH CHÍNH" in card(html, gtvt.item_id)
    dn_card = card(html, dn.item_id)
    assert 'data-flag="prefix"' in dn_card and "Trả kết quả hồ sơ chậm phải xin lỗi người dân" in dn_card
    assert 'data-flag="source"' in dn_card and "timeout ×1" in dn_card
    assert 'data-flag="low"' not in dn_card  # 88%
    # The filter keeps every story on the page but marks those without the flag.
    filtered = board(client, "?flag=source")
    assert "filtered" not in card(filtered, dn.item_id).split(">")[0]
    assert "filtered" in card(filtered, gtvt.item_id).split(">")[0]


def test_left_out_stories_show_their_lead_and_a_pulled_in_one_its_relevance(
        client: httpx.Client, engine: Engine) -> None:
    token = login(client)
    html = board(client)
    assert "Đoạn mở đầu: Quảng Ninh rút ngắn thời gian cấp phép xây dựng" in html
    with engine.connect() as conn:
        qn = conn.execute(text("SELECT id FROM article WHERE title LIKE '%Quảng Ninh%'")).scalar_one()
    r = client.post(f"/bulletins/{ISO}/pull-in", data={"csrf_token": token, "article_id": qn, "section": "local"})
    assert r.status_code == 303
    pulled = item_by_title(engine, "Quảng Ninh")
    html = board(client)
    pulled_card = card(html, pulled.item_id)
    # Judged irrelevant with 80%: it belongs with 20%, flagged as doubtful (never "80%").
    assert "liên quan 20%" in pulled_card and 'data-flag="low"' in pulled_card
    # The message after a no-script action carries an Undo button for that change.
    assert 'id="undo-flash"' in html
    change = re.search(r'name="change_id" value="(\d+)"', html).group(1)
    r = client.post(f"/bulletins/{ISO}/undo", data={"csrf_token": token, "change_id": change})
    assert r.status_code == 303
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM bulletin_item JOIN article ON article.id = article_id "
                                 "WHERE article.title LIKE '%Quảng Ninh%'")).scalar_one() == 0


def test_move_to_number_and_a_stale_version_over_plain_forms(client: httpx.Client, engine: Engine) -> None:
    token = login(client)
    version = re.search(r'name="version" value="(\d+)"', board(client)).group(1)
    kl = item_by_title(engine, "Kỷ luật")
    r = client.post(f"/bulletins/{ISO}/items/{kl.item_id}/place",
                    data={"csrf_token": token, "version": version, "number": "#1"})
    assert r.status_code == 303
    assert item_by_title(engine, "Kỷ luật").number == 1
    for bad in ("0", "abc", "99"):
        r = client.post(f"/bulletins/{ISO}/items/{kl.item_id}/place",
                        data={"csrf_token": token, "number": bad}, headers={"HX-Request": "true"})
        assert r.status_code == 400 and r.text.count("\n") == 0, r.text
    # The same (now stale) version for another reorder is refused with the current board.
    sg = item_by_title(engine, "Singapore")
    r = client.post(f"/bulletins/{ISO}/items/{sg.item_id}/place",
                    data={"csrf_token": token, "version": version, "number": "1"},
                    headers={"HX-Request": "true"})
    assert r.status_code == 409
    assert "Thứ tự bản tin vừa được Lan thay đổi" in r.text and 'id="board"' in r.text
    assert item_by_title(engine, "Singapore").section == "world"


def test_find_any_story_and_pull_it_in(client: httpx.Client, engine: Engine) -> None:
    token = login(client)
    assert 'id="search-q"' in board(client)
    # Typed without diacritics: the story the classifier left out, and one already printed.
    page = client.get(f"/bulletins/{ISO}/search", params={"q": "quang ninh, cap phep"}).text
    hit = re.search(r'<li id="hit-(\d+)">.*?</li>', page, re.DOTALL)
    assert hit and "Đoạn mở đầu: Quảng Ninh rút ngắn thời gian cấp phép xây dựng" in hit.group(0)
    assert "liên quan 20%" in hit.group(0)
    printed = client.get(f"/bulletins/{ISO}/search", params={"q": "Kỷ luật cán bộ"}).text
    assert "đã có: số" in printed and 'id="pull-' not in printed
    r = client.post(f"/bulletins/{ISO}/pull-in", data={"csrf_token": token, "article_id": hit.group(1), "section": "local"})
    assert r.status_code == 303
    assert "Quảng Ninh" in item_by_title(engine, "Quảng Ninh").headline
    assert "đã có: số" in client.get(f"/bulletins/{ISO}/search", params={"q": "quảng ninh"}).text
    assert "0 tin khớp" in client.get(f"/bulletins/{ISO}/search", params={"q": "không có từ này"}).text
