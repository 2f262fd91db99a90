"""Unit tests of the extraction pieces: selectors, filters, bylines, dates, titles, robustness."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from digest.extract import (
    Extracted,
    Selectors,
    extract_article,
    GENERIC,
    filter_paragraphs,
    is_caption,
    is_date_line,
    selectors_for,
    split_trailing_byline,
    vote,
)
from digest.extract_meta import clean_author, is_outlet_name, parse_date, strip_outlet_suffix
from digest.text import VN_TZ

PROSE = (
    "Ủy ban nhân dân tỉnh đã triển khai nhiều giải pháp cải cách thủ tục hành chính trong năm nay, "
    "giúp người dân và doanh nghiệp tiết kiệm thời gian, chi phí khi giải quyết hồ sơ. "
)


def _page(body: str, head: str = "") -> str:
    return f"<html><head><meta charset='utf-8'>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("bad", ["", "   ", "\x00\x01", "<html", "<<<>>>", "<?xml version='1.0' encoding='utf-8'?><a>", "é" * 50])
def test_bad_input_gives_empty_text_not_an_exception(bad: str) -> None:
    out = extract_article(bad, "https://example.vn/a.html")
    assert isinstance(out, Extracted)
    assert out.text == ""
    assert out.authors == []


def test_feed_date_used_when_page_has_none_and_is_made_vietnam_time() -> None:
    when = datetime(2023, 5, 24, 2, 0, tzinfo=timezone.utc)
    out = extract_article(_page(f"<article><p>{PROSE * 3}</p></article>"), "https://x.vn/a", feed_date=when)
    assert out.published_at == when and out.published_at.tzinfo is not None
    assert out.date_source == "feed"
    assert extract_article("", "https://x.vn/a", feed_date=when).date_source == "feed"


def test_explicit_selectors_win_and_drop_blocks() -> None:
    html = _page(
        "<h1>Tiêu đề chung chung của trang web</h1><div class='x-title'>Hà Nội: Giảm 30% thủ tục hành chính</div>"
        f"<div class='x-body'><p>{PROSE}</p><div class='ad'>QUẢNG CÁO mua ngay giá rẻ bất ngờ</div>"
        f"<p>{PROSE}Đoạn hai.</p></div><div class='x-by'>Thu Thảo - Hoàng Vũ</div>"
        "<span class='x-date'>Thứ Tư, 24/5/2023 16:40</span>"
    )
    sel = Selectors(title=".x-title", body="xpath://div[@class='x-body']", date=".x-date",
                    author=".x-by", drop=[".ad"])
    out = extract_article(html, "https://tinh.gov.vn/a", selectors=sel)
    assert out.title == "Hà Nội: Giảm 30% thủ tục hành chính"
    assert "QUẢNG CÁO" not in out.text
    assert out.text.count("\n\n") == 1
    assert out.authors == ["Thu Thảo - Hoàng Vũ"]
    assert out.published_at == datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)
    assert out.body_source == "selectors"


def test_selector_that_matches_nothing_falls_back_to_generic() -> None:
    html = _page(f"<h1>Một tiêu đề đủ dài để nhận</h1><article><p>{PROSE}</p><p>{PROSE}</p></article>")
    out = extract_article(html, "https://x.vn/a", selectors=Selectors(body=".nothing-here"))
    assert "Ủy ban nhân dân tỉnh" in out.text
    assert out.body_source != "selectors"


def test_bad_selector_does_not_raise() -> None:
    html = _page(f"<article><p>{PROSE * 3}</p></article>")
    out = extract_article(html, "https://x.vn/a", selectors=Selectors(body="p[[[", title="xpath:///"))
    assert "Ủy ban" in out.text


def test_selectors_for_prefers_explicit_then_known_domain() -> None:
    mine = Selectors(body=".mine")
    assert selectors_for("https://vnexpress.net/a.html", mine) is mine
    known = selectors_for("https://vnexpress.net/a-123.html")
    assert known is not None and known.body
    assert selectors_for("https://www.vnexpress.net/a.html") == known
    assert selectors_for("https://unknown-outlet.example/a") is None
    assert selectors_for("not a url") is None


def test_filter_paragraphs_drops_related_share_and_date_lines() -> None:
    paras = ["Tiêu đề bài", "Thứ Tư, 24/5/2023 16:40 (GMT+7)", PROSE, "Xem thêm: Bài khác ở đây",
             "TIN LIÊN QUAN", ">> Một liên kết", "Chia sẻ Facebook Zalo", PROSE + "hai"]
    assert filter_paragraphs(paras, title="Tiêu đề bài") == [PROSE, PROSE + "hai"]
    assert is_date_line("24-05-2023") and is_date_line("16:40 24/5/2023")
    assert not is_date_line("Ngày 24/5/2023, UBND tỉnh đã họp bàn về cải cách.")


@pytest.mark.parametrize(("lines", "names"), [
    (["Hà Thu (tổng hợp)"], ["Hà Thu"]),
    (["Theo Vân Anh / Lao Động"], ["Vân Anh"]),
    (["Trí Hòa", "Theo EW"], ["Trí Hòa"]),
    (["Theo Vân Anh", "Lao Động"], ["Vân Anh"]),
    (["NHẬT XUÂN, NGHI VŨ"], ["NHẬT XUÂN, NGHI VŨ"]),
    (["PV"], ["PV"]),
    (["T.N"], ["T.N"]),
])
def test_trailing_bylines_leave_the_body_and_become_authors(lines, names) -> None:
    body, found = split_trailing_byline([PROSE, *lines], [])
    assert body == [PROSE]
    assert found[:1] == names


def test_last_sentence_is_not_taken_for_a_byline() -> None:
    body, found = split_trailing_byline([PROSE, "Đây là câu kết của bài viết."], [])
    assert found == [] and len(body) == 2


def test_clean_author_and_outlet_names() -> None:
    assert clean_author("Theo Hồ Hương") == "Hồ Hương"
    assert clean_author("Trí Hòa / Theo EW") == "Trí Hòa"
    assert clean_author("Hà Thu (tổng hợp)") == "Hà Thu"
    for outlet in ("Baochinhphu Vn", "VnExpress", "https://www.facebook.com/x", "TUOI TRE ONLINE",
                   "Báo Pháp Luật TP. Hồ Chí Minh", "VCCorp.vn", "Lao Động"):
        assert is_outlet_name(outlet, "https://tuoitre.vn/a.htm"), outlet
    for person in ("Thu Thảo - Hoàng Vũ", "PV", "T.N", "NHẬT XUÂN, NGHI VŨ", "Trang Trần"):
        assert not is_outlet_name(person, "https://tuoitre.vn/a.htm"), person


def test_titles_lose_outlet_suffix() -> None:
    assert strip_outlet_suffix("Giá vàng giảm - VnExpress", "https://vnexpress.net/x") == "Giá vàng giảm"
    assert strip_outlet_suffix("Giá vàng giảm | Báo Dân trí", "https://dantri.com.vn/x") == "Giá vàng giảm"
    assert strip_outlet_suffix("Hà Nội - Hải Phòng: cao tốc mới", "https://x.vn") == "Hà Nội - Hải Phòng: cao tốc mới"


@pytest.mark.parametrize(("raw", "want"), [
    ("2023-05-24T16:40:00+07:00", datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)),
    ("2023-05-24T09:40:00Z", datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)),
    ("2025-10-11T10:02:08+0700", datetime(2025, 10, 11, 10, 2, 8, tzinfo=VN_TZ)),
    ("2026-03-07T00:01:00", datetime(2026, 3, 7, 0, 1, tzinfo=VN_TZ)),
    ("Thứ Tư, 24/5/2023 16:40", datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)),
    ("24-05-2023", datetime(2023, 5, 24, tzinfo=VN_TZ)),
    ("không phải ngày", None),
])
def test_parse_date_is_aware_and_day_first(raw, want) -> None:
    got = parse_date(raw)
    assert got == want
    if got:
        assert got.utcoffset() is not None


def test_vote_prefers_the_clean_subset_unless_the_extra_is_prose() -> None:
    article = [PROSE + str(i) for i in range(5)]
    junk = ["Trang chủ", "Đăng nhập", "Liên hệ quảng cáo"]
    assert vote(article + junk, article)[1] == "readability"
    more = [f"Đoạn {i} kể chuyện khác hẳn: người dân xã {i} đến bộ phận một cửa lúc sáng sớm, "
            "nộp hồ sơ trực tuyến và nhận kết quả ngay trong ngày mà không phải đi lại nhiều lần "
            "như trước đây." for i in range(5)]
    assert vote(article + more, article)[1] == "trafilatura"
    assert vote([], article)[1] == "readability"
    assert vote(article, [])[1] == "trafilatura"


def test_captions_kept_by_default_and_dropped_on_request() -> None:
    html = _page(
        "<h1>Đà Nẵng trả kết quả hồ sơ tại nhà cho người cao tuổi</h1>"
        f"<article class='body'><p>{PROSE}</p><figure><img src='a.jpg'>"
        "<figcaption>Người dân làm thủ tục tại bộ phận một cửa. Ảnh: Nguyễn Đông</figcaption></figure>"
        f"<p>{PROSE}Hết.</p><p>Cán bộ hướng dẫn người dân (Ảnh minh họa)</p><p>{PROSE}Thật vậy.</p></article>"
    )
    sel = Selectors(body="article.body")
    kept = extract_article(html, "https://x.vn/a", selectors=sel)
    assert "Ảnh: Nguyễn Đông" in kept.text
    for selectors in (sel, GENERIC):
        out = extract_article(html, "https://x.vn/a", selectors=selectors, drop_captions=True)
        assert "Ủy ban nhân dân" in out.text
        assert "Ảnh" not in out.text, selectors


@pytest.mark.parametrize(("para", "caption"), [
    ("Người dân làm thủ tục. Ảnh: Nguyễn Đông", True),
    ("Người dân làm thủ tục - Ảnh: NGỌC AN", True),
    ("(Ảnh minh họa)", True),
    ("Ảnh minh hoạ.", True),
    ("Chuyên gia nêu các sai sót phổ biến (Ảnh minh hoạ)", True),
    ("Ảnh hưởng của chính sách mới đến doanh nghiệp là rất lớn, theo các chuyên gia.", False),
    (PROSE, False),
])
def test_is_caption(para: str, caption: bool) -> None:
    assert is_caption(para) is caption


def test_page_date_skips_the_header_clock_and_prefers_the_article_date() -> None:
    html = _page(
        "<div id='header'><span class='date'>Thứ Bảy, 28/11/2026</span></div>"
        "<span id='currentDate' class='time'>28/11/2026 09:00</span>"
        "<h1>Quảng Ninh rút ngắn thời gian cấp phép xây dựng</h1>"
        "<div class='meta'><span class='date'>Thứ Tư, 24/05/2023 - 08:15</span></div>"
        f"<div class='content'><p>{PROSE}</p><p>{PROSE}</p></div>"
    )
    out = extract_article(html, "https://baoquangninh.vn/a.html", selectors=GENERIC)
    assert out.published_at == datetime(2023, 5, 24, 8, 15, tzinfo=VN_TZ)
    assert out.date_source == "page"


@pytest.mark.parametrize("label", ["Related Articles", "Tin Liên Quan", "Video Clip", "Xem Thêm", "Tags"])
def test_labels_are_not_bylines(label: str) -> None:
    body, found = split_trailing_byline([PROSE, label], [])
    assert found == []


def test_known_selectors_file_is_valid_css_for_every_outlet() -> None:
    from cssselect import GenericTranslator

    from digest.extract import known_selectors

    table = known_selectors()
    for domain in ("vnexpress.net", "tuoitre.vn", "dantri.com.vn", "baochinhphu.vn", "nld.com.vn",
                   "vietnamnet.vn", "cafef.vn", "baodautu.vn", "plo.vn"):
        sel = table[domain]
        assert sel.body and sel.title, domain
        for css in [sel.title, sel.body, sel.date, sel.author, *sel.drop]:
            if css and not css.startswith("xpath:"):
                GenericTranslator().css_to_xpath(css)  # raises on a malformed selector


def test_selectors_from_mapping() -> None:
    sel = Selectors.from_mapping({"body": "article", "drop": ".ad"})
    assert sel == Selectors(body="article", drop=[".ad"])
    assert Selectors.from_mapping({}) is None and Selectors.from_mapping(None) is None
