"""Challenge pages are recognised (and only they); generic link discovery finds article links on
a listing page and leaves navigation alone."""

from __future__ import annotations

from digest.ingest.challenge import is_challenge
from digest.ingest.links import discover_links, is_article_url
from tests.fixtures.crawl.pages import PARAS, article_html, challenge_page, rss2

CLOUDFLARE = (b"<!DOCTYPE html><html><head><title>Just a moment...</title></head><body>"
              b"<script src='/cdn-cgi/challenge-platform/h/b/orchestrate/jsch/v1'></script></body></html>")


def test_challenges_are_recognised() -> None:
    assert is_challenge(challenge_page())
    assert is_challenge(challenge_page("visitor_token"))  # the shape, not only Lao Động's name
    assert is_challenge(CLOUDFLARE)
    assert is_challenge(challenge_page().decode())


def test_content_is_not_a_challenge() -> None:
    page = article_html("Cải cách thủ tục hành chính").replace(
        "</body>", "<script>document.cookie='consent=1'; location.href='#top';</script></body>")
    assert not is_challenge(page)  # a real article that sets a cookie
    assert not is_challenge(rss2([("https://a.vn/1.html", "Tin")]))
    assert not is_challenge(b"") and not is_challenge(None)
    assert not is_challenge(b"<html><body>not found</body></html>")
    assert not is_challenge("<html><body><p>" + " ".join(PARAS) + "</p></body></html>")


LISTING = """<html><body>
<nav><a href="/">Trang chủ</a> <a href="/thoi-su/">Thời sự</a> <a href="/tag/cai-cach-hanh-chinh">Tag</a>
<a href="/tim-kiem?q=thu-tuc-hanh-chinh-mot-cua-dien-tu">Tìm</a></nav>
<div class="list">
<a class="card-img" href="/chinh-tri/tinh-uy-quan-triet-nghi-quyet-ve-sap-xep-bo-may-post412345.html"><img src="x.jpg"></a>
<a class="h3" href="/chinh-tri/tinh-uy-quan-triet-nghi-quyet-ve-sap-xep-bo-may-post412345.html">Tỉnh ủy quán triệt nghị quyết về sắp xếp bộ máy</a>
<a href="https://baoquangtri.vn/xa-hoi/mot-cua-dien-tu-giup-nguoi-dan-tiet-kiem-thoi-gian-20261124101530.htm">Một cửa điện tử</a>
<a href="https://baoquangtri.vn/thoi-su/chuyen-doi-so-cap-xa-nam-2026-198765">Chuyển đổi số cấp xã</a>
<a href="https://other.vn/thoi-su/bai-viet-o-trang-khac-hoan-toan-post1.html">Trang khác</a>
<a href="/video/clip-ve-cai-cach-thu-tuc-hanh-chinh-post999.html">Video</a>
<a href="#binh-luan">Bình luận</a> <a href="javascript:void(0)">x</a>
</div></body></html>"""


def test_generic_discovery_finds_articles_only() -> None:
    found = discover_links(LISTING, "https://baoquangtri.vn/chinh-tri/", ["baoquangtri.vn"])
    assert found == [
        ("https://baoquangtri.vn/chinh-tri/tinh-uy-quan-triet-nghi-quyet-ve-sap-xep-bo-may-post412345.html",
         "Tỉnh ủy quán triệt nghị quyết về sắp xếp bộ máy"),  # the image link's empty text loses
        ("https://baoquangtri.vn/xa-hoi/mot-cua-dien-tu-giup-nguoi-dan-tiet-kiem-thoi-gian-20261124101530.htm",
         "Một cửa điện tử"),
        ("https://baoquangtri.vn/thoi-su/chuyen-doi-so-cap-xa-nam-2026-198765", "Chuyển đổi số cấp xã"),
    ]
    assert len(discover_links(LISTING, "https://baoquangtri.vn/", ["baoquangtri.vn"], limit=1)) == 1
    assert discover_links("", "https://baoquangtri.vn/", ["baoquangtri.vn"]) == []
    assert not is_article_url("https://baoquangtri.vn/thoi-su/", ["baoquangtri.vn"])
    assert not is_article_url("https://baoquangtri.vn/chinh-tri/tin-moi.html", ["baoquangtri.vn"])
