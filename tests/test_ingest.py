"""Saving articles: idempotent by canonical URL, updates on changed text, never a half-article;
on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from digest.ingest.save import (
    ArticleData,
    NotArticle,
    content_hash,
    known_keys,
    save_article,
    save_articles,
)
from digest.store.models import Article
from digest.text import VN_TZ
from digest.urls import url_key

TEXT = ("Sáng 24/5, UBND thành phố Đà Nẵng tổ chức hội nghị đánh giá công tác cải cách hành "
        "chính.\n\nThành phố đã số hóa 100% hồ sơ thủ tục hành chính.")


def data(**kw: object) -> ArticleData:
    base = dict(url="https://www.baodanang.vn/tin/1.html?utm_source=fb", source="Baodanang.vn",
                scope="provincial", source_province="Đà Nẵng", title="Đà Nẵng: Số hóa hồ sơ",
                text=TEXT, authors=("Thu Thảo - Hoàng Vũ",),
                published_at=datetime(2023, 5, 24, 8, 30, tzinfo=VN_TZ), summary="Tóm tắt")
    base.update(kw)
    return ArticleData(**base)  # type: ignore[arg-type]


def rows(engine: Engine) -> list[Article]:
    with Session(engine) as session:
        return list(session.exec(select(Article)))


def test_store_then_idempotent_then_update(any_engine: Engine) -> None:
    assert save_article(any_engine, data()) == "stored"
    assert save_article(any_engine, data(url="http://baodanang.vn/tin/1.html#c")) == "unchanged"
    assert len(rows(any_engine)) == 1
    row = rows(any_engine)[0]
    assert row.url == "https://www.baodanang.vn/tin/1.html"
    assert row.url_key == url_key("https://baodanang.vn/tin/1.html")
    assert row.authors == ["Thu Thảo - Hoàng Vũ"]
    assert row.published_at == datetime(2023, 5, 24, 1, 30, tzinfo=UTC)
    assert row.content_hash == content_hash(TEXT) and len(row.content_hash) == 64
    assert save_article(any_engine, data(text=TEXT + "\n\nĐoạn mới.")) == "updated"
    (row,) = rows(any_engine)
    assert row.text.endswith("Đoạn mới.")
    with Session(any_engine) as session:
        assert known_keys(session, [row.url_key, "0" * 40]) == {row.url_key}


def test_text_is_nfc_and_whitespace_normalised(any_engine: Engine) -> None:
    decomposed = "Ho\u0300a Bi\u0300nh  \u00a0 ca\u0309i ca\u0301ch\n\n\n" + TEXT
    save_article(any_engine, data(text=decomposed, title="  Ho\u0300a Bi\u0300nh  "))
    (row,) = rows(any_engine)
    assert row.title == "Hòa Bình"
    assert row.text.startswith("Hòa Bình cải cách\n\n")
    assert content_hash("a  b\n\nc") == content_hash("a b c")


def test_half_articles_are_refused(engine: Engine) -> None:
    with pytest.raises(NotArticle, match="title"):
        save_article(engine, data(title="  "), min_text_chars=10)
    with pytest.raises(NotArticle, match="too short"):
        save_article(engine, data(text="Ngắn."), min_text_chars=200)
    assert rows(engine) == []


def test_missing_date_is_fetch_time(engine: Engine) -> None:
    save_article(engine, data(published_at=None))
    (row,) = rows(engine)
    assert row.date_source == "fetched" and row.published_at is not None
    save_article(engine, data(url="https://baodanang.vn/2", published_at=datetime(2023, 5, 24, 9)))
    naive = [r for r in rows(engine) if r.url.endswith("/2")][0]
    assert naive.published_at == datetime(2023, 5, 24, 2, tzinfo=UTC)


def test_undated_article_keeps_its_first_seen_time_when_refetched(engine: Engine) -> None:
    save_article(engine, data(published_at=None))
    (first,) = rows(engine)
    assert save_article(engine, data(published_at=None, text=data().text + " Thêm một câu.")) == "updated"
    (again,) = rows(engine)
    # a re-fetch must not move an undated story into the day it was fetched again
    assert again.published_at == first.published_at and again.date_source == "fetched"
    dated = datetime(2023, 5, 24, 9, tzinfo=VN_TZ)
    assert save_article(engine, data(published_at=dated, text=data().text + " Khác.")) == "updated"
    (row,) = rows(engine)
    assert row.published_at == dated and row.date_source != "fetched"


def test_redirected_article_is_keyed_by_its_feed_link(engine: Engine) -> None:
    moved = data(url="https://baodanang.vn/tin/1-moi.html", link="http://baodanang.vn/tin/1.html")
    assert save_article(engine, moved) == "stored"
    (row,) = rows(engine)
    assert row.url_key == url_key("https://baodanang.vn/tin/1.html")  # what the next run checks
    assert row.url == "https://baodanang.vn/tin/1-moi.html"  # where readers are sent
    assert save_article(engine, moved) == "unchanged"
    assert len(rows(engine)) == 1


def test_a_batch_is_one_transaction_with_each_outcome_in_order(any_engine: Engine) -> None:
    save_article(any_engine, data())
    batch = [
        data(text=TEXT + "\n\nĐoạn mới."),  # the stored one, changed
        data(url="https://baodanang.vn/tin/2.html", title="  "),  # refused, the rest still saved
        data(url="https://baodanang.vn/tin/3.html"),
        data(url="https://baodanang.vn/tin/3.html#binh-luan"),  # the same page twice in one batch
    ]
    outcomes = save_articles(any_engine, batch, min_text_chars=10)
    assert outcomes[0] == "updated" and isinstance(outcomes[1], NotArticle)
    assert outcomes[2:] == ["stored", "unchanged"]
    assert sorted(r.url for r in rows(any_engine)) == ["https://baodanang.vn/tin/3.html",
                                                        "https://www.baodanang.vn/tin/1.html"]


def test_a_page_twice_in_a_new_batch_is_stored_once_with_its_last_text(any_engine: Engine) -> None:
    url = "https://baodanang.vn/tin/4.html"
    edited = TEXT + "\n\nĐoạn sửa."
    batch = [data(url=url), data(url=url, text=edited), data(url=url + "?utm_source=x", text=edited)]
    assert save_articles(any_engine, batch, min_text_chars=10) == ["stored", "updated", "unchanged"]
    (row,) = rows(any_engine)
    assert row.text.endswith("Đoạn sửa.") and row.authors == ["Thu Thảo - Hoàng Vũ"]
    assert row.fetched_at is not None and row.published_at == datetime(2023, 5, 24, 8, 30, tzinfo=VN_TZ)
