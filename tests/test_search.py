"""Find any crawled story (digest.web.search): with or without diacritics, prefixes, all words,
newest first, articles stored or updated later found too; SQLite (FTS5) and PostgreSQL."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from digest.store.db import session_scope
from digest.store.models import Article
from digest.text import VN_TZ, utcnow
from digest.web.search import search, words


def add(engine, title: str, hours: int, text: str = "Đoạn mở đầu.\n\nĐoạn hai.", source: str = "Baomoi.vn") -> int:  # type: ignore[no-untyped-def]
    url = f"https://x.example.vn/{hashlib.sha1(title.encode()).hexdigest()[:10]}"
    with session_scope(engine) as s:
        art = Article(url=url, url_key=hashlib.sha1(url.encode()).hexdigest(), fetched_url=url, source=source,
                      title=title, text=text, published_at=datetime(2026, 11, 20, tzinfo=VN_TZ) + timedelta(hours=hours),
                      content_hash=hashlib.sha256(text.encode()).hexdigest())
        s.add(art)
        s.flush()
        return int(art.id or 0)


def test_search_folds_diacritics_and_keeps_up_with_new_articles(any_engine) -> None:  # type: ignore[no-untyped-def]
    old = add(any_engine, "Quảng Ninh rút ngắn thời gian cấp phép xây dựng", 1,
              "Tỉnh Quảng Ninh cắt giảm thủ tục hành chính.\n\nĐoạn hai.")
    new = add(any_engine, "Đà Nẵng: trả kết quả thủ tục hành chính qua bưu điện", 5)
    add(any_engine, "Giá vàng hôm nay", 3)
    assert words("  Thủ-tục (hành) \"chính\" OR *") == ["thu", "tuc", "hanh", "chinh", "or"]
    assert [h.article_id for h in search(any_engine, "thu tuc hanh chinh")] == [new, old]  # newest first
    assert [h.article_id for h in search(any_engine, "thủ tục")] == [new, old]
    assert [h.article_id for h in search(any_engine, "da nang")] == [new]  # đ folds to d
    assert [h.article_id for h in search(any_engine, "quang nin")] == [old]  # prefixes
    hit = search(any_engine, "QUẢNG NINH")[0]
    assert hit.lead == "Tỉnh Quảng Ninh cắt giảm thủ tục hành chính." and hit.outlet == "Baomoi.vn"
    assert search(any_engine, "quang ninh da nang") == []  # every word required
    assert search(any_engine, "   ") == [] and search(any_engine, '"*') == []
    # A story crawled after the index was built, and one whose text changed, are found.
    later = add(any_engine, "Hải Phòng số hóa hồ sơ", 9)
    assert [h.article_id for h in search(any_engine, "so hoa")] == [later]
    with session_scope(any_engine) as s:
        art = s.get(Article, old)
        art.text, art.updated_at = "Bản cập nhật: liên thông điện tử.", utcnow() + timedelta(seconds=1)
    assert [h.article_id for h in search(any_engine, "lien thong")] == [old]


def test_an_index_built_before_the_prefix_indexes_is_rebuilt(engine) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import text

    add(engine, "Cần Thơ công khai thủ tục hành chính", 1)
    with engine.begin() as conn:  # the index as an earlier version built it, synced and empty
        conn.execute(text("CREATE VIRTUAL TABLE article_fts USING fts5(doc, tokenize = 'unicode61 remove_diacritics 0')"))
        conn.execute(text("CREATE TABLE article_search_sync (id INTEGER PRIMARY KEY, max_id INTEGER NOT NULL, synced_at TEXT NOT NULL)"))
        conn.execute(text("INSERT INTO article_search_sync VALUES (1, 999, '9999')"))
    assert [h.title for h in search(engine, "co")] == ["Cần Thơ công khai thủ tục hành chính"]
    with engine.connect() as conn:
        assert "prefix" in conn.execute(text("SELECT sql FROM sqlite_master WHERE name = 'article_fts'")).scalar()


def test_diacritics_typed_are_honoured_and_words_stand_together(any_engine) -> None:  # type: ignore[no-untyped-def]
    """The readers' site's rules: "Đà Nẵng" is not "đã nâng"; "da nang" is both; the words typed
    are a phrase, and commas separate phrases that must all be there."""
    city = add(any_engine, "Đà Nẵng số hóa hồ sơ đất đai", 1, "Thành phố Đà Nẵng đã hoàn thành số hóa.\n\nĐoạn hai.")
    raise_ = add(any_engine, "Vĩnh Long đề ra giải pháp", 2, "Tỉnh đã nâng chất lượng phục vụ người dân.\n\nĐoạn hai.")
    apart = add(any_engine, "Nâng cao năng lực cán bộ", 3, "Đà tăng trưởng của tỉnh giữ vững.\n\nĐoạn hai.")
    assert [h.article_id for h in search(any_engine, "Đà Nẵng")] == [city]
    assert [h.article_id for h in search(any_engine, "đã nâng")] == [raise_]
    assert [h.article_id for h in search(any_engine, "da nang")] == [raise_, city]  # newest first
    assert search(any_engine, "tinh nang") == []  # both words in one story, but apart: no phrase
    assert [h.article_id for h in search(any_engine, "nâng cao, đà tăng")] == [apart]  # two phrases
    assert search(any_engine, "nâng cao, Đà Nẵng") == []
    assert [h.article_id for h in search(any_engine, "Đà Nẵ")] == [city]  # the last word's start
