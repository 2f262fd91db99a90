"""Render every page and feed of the demo outlets in memory: article pages from each outlet's
own template, home and listing pages, RSS 2.0 / RSS 1.0 / Atom feeds, robots.txt, and the
deliberately broken routes listed in :data:`digest.demo.corpus.FAILURES`.

:func:`build_sites` returns, per outlet, a table ``route key -> Page``; the server only looks
pages up and applies the per-route behaviour (slow, conditional GET).
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import format_datetime
from functools import cache
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

from jinja2 import Environment, FileSystemLoader, select_autoescape

from digest.demo.corpus import (
    OUTLETS,
    DemoArticle,
    Outlet,
    articles_by_outlet,
)
from digest.text import weekday_vi

TEMPLATES = Path(__file__).resolve().parent / "templates"


@dataclass
class Page:
    """One route's response."""

    body: bytes
    content_type: str
    status: int = 200
    kind: str = "page"  # page | article | feed | robots | listing | failure
    slow: bool = False  # answer only after the server's slow delay
    last_modified: datetime | None = None  # feeds: for conditional GET

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:20] + '"'


def route_key(path_and_query: str) -> str:
    """Lookup key for a request target: path plus query parameters in sorted order, so a
    crawler that canonicalises (reorders) query strings still reaches the same page."""
    parts = urlsplit(path_and_query)
    path = parts.path or "/"
    if not parts.query:
        return path
    query = "&".join(f"{k}={v}" for k, v in sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return f"{path}?{query}"


_env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html"]),
                   keep_trailing_newline=True)

_CAPTIONS = {
    "policy": "Quang cảnh buổi làm việc. Ảnh: TL",
    "local": "Người dân làm thủ tục tại bộ phận tiếp nhận và trả kết quả. Ảnh: PV",
    "management": "Cán bộ, công chức trong giờ làm việc. Ảnh minh họa",
    "world": "Một trung tâm dịch vụ công ở nước ngoài. Ảnh: Tư liệu",
    None: "Ảnh minh họa. Ảnh: PV",
}
_CAT_NAMES = {"chinh-sach": "Chính sách", "dia-phuong": "Địa phương", "cong-vu": "Công vụ",
              "the-gioi": "Thế giới", "xa-hoi": "Xã hội"}
_CATS = {"policy": "chinh-sach", "local": "dia-phuong", "management": "cong-vu",
         "world": "the-gioi", None: "xa-hoi"}


def _jsonld(outlet: Outlet, art: DemoArticle, url: str) -> str:
    data = {
        "@context": "https://schema.org", "@type": "NewsArticle", "headline": art.title,
        "datePublished": art.published_at.isoformat(), "dateModified": art.published_at.isoformat(),
        "author": [{"@type": "Person", "name": art.author}] if art.author else [],
        "publisher": {"@type": "Organization", "name": outlet.title},
        "mainEntityOfPage": url, "description": art.paragraphs[0][:200],
    }
    # '</' must not close the script element early
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def render_article(outlet: Outlet, art: DemoArticle, related: list[DemoArticle], base: str) -> str:
    """The article page in the outlet's own template (NFC text)."""
    cat = _CATS.get(art.labels.section, "xa-hoi")
    url = art.url(base)
    html = _env.get_template(f"{outlet.template}.html").render(
        o=outlet, a=art, related=related, url=url, iso=art.published_at.isoformat(),
        weekday=weekday_vi(art.published_at.date()), jsonld=_jsonld(outlet, art, url),
        caption=art.extra.get("caption") or _CAPTIONS.get(art.labels.section, _CAPTIONS[None]),
        cat=cat, cat_name=_CAT_NAMES[cat],
    )
    return unicodedata.normalize("NFC", html)


_TONES = "\u0300\u0301\u0303\u0309\u0323"


def encode_cp1258(text: str) -> bytes:
    """windows-1258 bytes for NFC Vietnamese text. The code page has few precomposed letters, so
    a tone mark the page lacks is written as base letter + combining mark, as legacy
    Vietnamese sites did; a decoder must NFC-normalise to get the text back."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        decomposed = unicodedata.normalize("NFD", ch)
        # vowel quality (circumflex, breve, horn) stays precomposed: â ê ô ơ ư ă are in the
        # code page; the tone (grave, acute, tilde, hook, dot below) follows as a combining mark
        head = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in _TONES))
        tones = "".join(c for c in decomposed if c in _TONES)
        try:
            out += head.encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            out += ch.encode("cp1258", errors="xmlcharrefreplace")
    return bytes(out)


def _related(items: list[DemoArticle], art: DemoArticle, n: int = 3) -> list[DemoArticle]:
    i = items.index(art)
    picks = [a for a in items[i + 1:i + 1 + n] + items[max(0, i - n):i] if a.fetch == "ok"]
    return picks[:n]


def _rfc822(moment: datetime) -> str:
    return format_datetime(moment)  # aware Vietnam time -> 'Mon, 23 Nov 2026 08:15:00 +0700'


@dataclass(frozen=True)
class FeedItem:
    title: str
    link: str
    published_at: datetime
    summary: str
    author: str = ""
    category: str = ""


def _items(outlet: Outlet, arts: list[DemoArticle], base: str) -> list[FeedItem]:
    return [FeedItem(a.title, a.url(base), a.published_at, a.paragraphs[0], a.author,
                     _CAT_NAMES[_CATS.get(a.labels.section, "xa-hoi")]) for a in arts]


def rss2(outlet: Outlet, base: str, items: list[FeedItem], title_suffix: str = "",
         raw_title: str | None = None) -> str:
    """An RSS 2.0 feed (pubDate in RFC 822 with +0700)."""
    newest = max((i.published_at for i in items), default=None)
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">', "<channel>",
             f"<title>{raw_title or escape(outlet.title + title_suffix)}</title>",
             f"<link>{base}/</link>", "<description>Tin mới nhất</description>",
             "<language>vi-vn</language>"]
    if newest:
        lines.append(f"<lastBuildDate>{_rfc822(newest)}</lastBuildDate>")
    for it in items:
        lines += ["<item>", f"<title>{escape(it.title)}</title>", f"<link>{escape(it.link)}</link>",
                  f'<guid isPermaLink="true">{escape(it.link)}</guid>',
                  f"<pubDate>{_rfc822(it.published_at)}</pubDate>",
                  f"<description><![CDATA[{it.summary}]]></description>"]
        if it.category:
            lines.append(f"<category>{escape(it.category)}</category>")
        if it.author:
            lines.append(f"<dc:creator>{escape(it.author)}</dc:creator>")
        lines.append("</item>")
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines)


def atom(outlet: Outlet, base: str, items: list[FeedItem]) -> str:
    """An Atom 1.0 feed."""
    newest = max((i.published_at for i in items), default=datetime(2026, 11, 22, tzinfo=UTC))
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">',
             f"<title>{escape(outlet.title)}</title>", f'<link href="{base}/" rel="alternate"/>',
             f'<link href="{base}/feed.atom" rel="self"/>', f"<id>{base}/</id>",
             f"<updated>{newest.isoformat()}</updated>"]
    for it in items:
        lines += ["<entry>", f"<title>{escape(it.title)}</title>",
                  f'<link href="{escape(it.link)}" rel="alternate"/>', f"<id>{escape(it.link)}</id>",
                  f"<published>{it.published_at.isoformat()}</published>",
                  f"<updated>{it.published_at.isoformat()}</updated>",
                  f"<author><name>{escape(it.author or 'PV')}</name></author>",
                  f'<summary type="text">{escape(it.summary)}</summary>', "</entry>"]
    lines += ["</feed>", ""]
    return "\n".join(lines)


def rss1(outlet: Outlet, base: str, items: list[FeedItem]) -> str:
    """An RSS 1.0 (RDF) feed with dc:date."""
    lines = ['<?xml version="1.0" encoding="utf-8"?>',
             '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
             'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">',
             f'<channel rdf:about="{base}/rss.rdf">', f"<title>{escape(outlet.title)}</title>",
             f"<link>{base}/</link>", "<description>Tin giao thông, vận tải</description>",
             "<items><rdf:Seq>"]
    lines += [f'<rdf:li rdf:resource="{escape(it.link)}"/>' for it in items]
    lines += ["</rdf:Seq></items>", "</channel>"]
    for it in items:
        lines += [f'<item rdf:about="{escape(it.link)}">', f"<title>{escape(it.title)}</title>",
                  f"<link>{escape(it.link)}</link>", f"<description>{escape(it.summary)}</description>",
                  f"<dc:date>{it.published_at.isoformat()}</dc:date>",
                  f"<dc:creator>{escape(it.author)}</dc:creator>", "</item>"]
    lines += ["</rdf:RDF>", ""]
    return "\n".join(lines)


def robots_txt(outlet: Outlet) -> str:
    return (f"# robots.txt for {outlet.title}\nUser-agent: *\nDisallow: {outlet.robots_disallow}\n"
            "Disallow: /*?print=1\n\nUser-agent: BadBot\nDisallow: /\n")


@cache
def _inline(source: str):
    # compile each inline template once (building the sites is then mostly rendering)
    return _env.from_string(source)


def home_html(outlet: Outlet, arts: list[DemoArticle], base: str) -> str:
    env_t = _inline(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>{{ o.title }}</title>'
        '{% if feed %}<link rel="alternate" type="{{ feed_type }}" href="{{ feed }}">{% endif %}'
        '</head><body><h1>{{ o.title }}</h1><ul class="home-list">'
        '{% for a in arts %}<li><a href="{{ a.path }}">{{ a.title }}</a> '
        '<span>{{ a.published_at.strftime("%d/%m/%Y %H:%M") }}</span></li>{% endfor %}'
        '</ul></body></html>')
    feeds = FEEDS.get(outlet.name, [])
    feed = feeds[0][0] if feeds else None
    ftype = {"atom": "application/atom+xml", "rss1": "application/rdf+xml"}.get(
        outlet.feed_kind, "application/rss+xml")
    return env_t.render(o=outlet, arts=[a for a in arts if a.fetch == "ok"][:40], feed=feed,
                        feed_type=ftype)


LISTING_PAGE_SIZE = 5  # small, so the demo's listing outlet has several pages to follow


def listing_paths(count: int) -> list[str]:
    """Paths of the listing pages that hold ``count`` articles: /tin-tuc/, /tin-tuc/trang-2 ..."""
    pages = max(1, -(-count // LISTING_PAGE_SIZE))
    return ["/tin-tuc/" if n == 1 else f"/tin-tuc/trang-{n}" for n in range(1, pages + 1)]


def listing_html(outlet: Outlet, arts: list[DemoArticle], page: int, pages: int) -> str:
    """A listing page of the listing-only outlet: the article links sit in
    ``div.list-news article.story h3.story__title a``; menus and a 'most read' box hold other
    links a link selector must not pick."""
    chunk = arts[(page - 1) * LISTING_PAGE_SIZE: page * LISTING_PAGE_SIZE]
    return _inline(
        '<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Tin mới - {{ o.title }}'
        '{% if page > 1 %} - Trang {{ page }}{% endif %}</title></head><body>'
        '<header class="hd"><a href="/" class="hd__logo">{{ o.title }}</a><nav class="hd__nav">'
        '<a href="/tin-tuc/">Tin mới</a> <a href="/chinh-quyen/">Chính quyền</a> '
        '<a href="/du-lich/">Du lịch</a></nav></header>'
        '<div class="list-news">{% for a in chunk %}<article class="story">'
        '<h3 class="story__title"><a href="{{ a.path }}">{{ a.title }}</a></h3>'
        '<p class="story__sapo">{{ a.paragraphs[0][:160] }}...</p>'
        '<span class="story__time">{{ a.published_at.strftime("%d/%m/%Y %H:%M") }}</span>'
        '</article>{% endfor %}</div>'
        '<aside class="most-read"><h3>Đọc nhiều</h3>{% for a in chunk[:3] %}'
        '<h3 class="mr__title"><a href="{{ a.path }}?utm_source=docnhieu">{{ a.title }}</a></h3>'
        '{% endfor %}</aside>'
        '<div class="pagination">{% for p in range(1, pages + 1) %}'
        '<a href="/tin-tuc/{% if p > 1 %}trang-{{ p }}{% endif %}">{{ p }}</a> {% endfor %}</div>'
        '</body></html>').render(o=outlet, chunk=chunk, page=page, pages=pages)


GALLERY_PATH = "/news/anh/album-mua-hoa-da-quy-tren-cao-nguyen-777001.html"
EMPTY_PATH = "/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-12-888001.htm"
BINARY_PATH = "/tin-tuc/van-ban-huong-dan-chuyen-doi-so-888002.htm"
NOTFOUND_PATH = "/thoi-su/bai-viet-da-go-a404404.html"
OFFSITE_URL = "http://tin-lien-ket.invalid/bai-viet-ngoai-trang.html"
FEED_500 = "/rss/thong-bao.rss"
MALFORMED_FEED = "/feed/su-kien/"

# outlet -> [(feed path, what it holds)]; the first is the outlet's main feed.
FEEDS: dict[str, list[tuple[str, str]]] = {
    "Tinchinhphu.demo": [("/rss/tin-moi.rss", "all")],
    "Thoibao24h.demo": [("/rss/tin-moi-nhat.rss", "all"), ("/rss/thoi-su.rss", "reform")],
    "Phapluatso.demo": [("/feed.atom", "all")],
    "Giaothongvantai.demo": [("/rss.rdf", "all")],
    "Congvuso.demo": [("/rss/tin-tuc.rss", "all"), (FEED_500, "error")],
    "Thudotoday.demo": [("/rss/home.rss", "all")],
    "Saigonnhanh.demo": [("/rss/tin-moi.rss", "all")],
    "Hanbien.demo": [("/feed/", "all"), (MALFORMED_FEED, "malformed")],
    "Xuthanh24.demo": [("/rss/tin-moi.rss", "all")],
    "Caonguyen.demo": [("/rss/tin-tuc.rss", "bozo")],
    "Cuaviettin.demo": [("/index.php?format=feed&type=rss", "all")],
    "Vinhhalong.demo": [],
}
LINK_SELECTOR = "div.list-news article.story h3.story__title a"


_MINIMAL_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
                b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
                b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
                b"xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n"
                b"0000000101 00000 n \ntrailer<</Size 4/Root 1 0 R>>\nstartxref\n170\n%%EOF\n")

_GALLERY = """<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8">
<title>Album: Mùa hoa dã quỳ trên cao nguyên - Cao Nguyên Online</title></head><body>
<div class="head"><a href="/">Cao Nguyên Online</a></div>
<div class="gallery"><h1 class="title">Album: Mùa hoa dã quỳ trên cao nguyên</h1>
<figure><img src="/uploads/g1.jpg"><figcaption>Dã quỳ nở vàng ven đường. Ảnh: H'Yâm</figcaption></figure>
<figure><img src="/uploads/g2.jpg"><figcaption>Du khách chụp ảnh. Ảnh: H'Yâm</figcaption></figure>
<figure><img src="/uploads/g3.jpg"><figcaption>Hoàng hôn trên đồi. Ảnh: H'Yâm</figcaption></figure>
<figure><img src="/uploads/g4.jpg"><figcaption>Sương sớm. Ảnh: H'Yâm</figcaption></figure>
</div><div class="box-share">Chia sẻ</div></body></html>"""

_MALFORMED = ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
              "<title>Hàn Biên - Sự kiện</title><item><title>Lễ hội pháo hoa <b>quốc tế\n"
              "<description><![CDATA[Chương trình")


def _html(text: str) -> bytes:
    return text.encode("utf-8")


def build_sites(base_urls: dict[str, str]) -> dict[str, dict[str, Page]]:
    """Every outlet's routes, rendered once (the server looks them up by route key)."""
    by_outlet = articles_by_outlet()
    sites: dict[str, dict[str, Page]] = {}
    for outlet in OUTLETS:
        base = base_urls[outlet.name]
        arts = by_outlet[outlet.name]
        routes: dict[str, Page] = {}
        legacy = outlet.template == "cuaviet"
        for art in arts:
            html = render_article(outlet, art, _related(arts, art), base)
            if legacy:
                # charset only in <meta>: the HTTP header says nothing about it
                page = Page(encode_cp1258(html), "text/html", kind="article")
            else:
                page = Page(_html(html), "text/html; charset=utf-8", kind="article")
            page.slow = art.fetch == "slow"
            routes[route_key(art.path)] = page
        routes["/robots.txt"] = Page(robots_txt(outlet).encode(), "text/plain; charset=utf-8",
                                     kind="robots")
        home = home_html(outlet, arts, base)
        routes["/"] = Page(encode_cp1258(home) if legacy else _html(home),
                           "text/html" if legacy else "text/html; charset=utf-8")
        _add_feeds(outlet, base, arts, routes)
        if outlet.feed_kind == "listing":
            listed = [a for a in arts if a.fetch == "ok"]
            paths = listing_paths(len(listed))
            for n, path in enumerate(paths, start=1):
                routes[path] = Page(_html(listing_html(outlet, listed, n, len(paths))),
                                    "text/html; charset=utf-8", kind="listing")
        sites[outlet.name] = routes
    # the failure routes (FAILURES in corpus.py names each)
    sites["Caonguyen.demo"][GALLERY_PATH] = Page(_html(_GALLERY), "text/html; charset=utf-8",
                                                 kind="failure")
    sites["Xuthanh24.demo"][EMPTY_PATH] = Page(b"", "text/html; charset=utf-8", kind="failure")
    sites["Xuthanh24.demo"][BINARY_PATH] = Page(_MINIMAL_PDF, "application/pdf", kind="failure")
    sites["Congvuso.demo"][FEED_500] = Page(b"<h1>500 Internal Server Error</h1>",
                                            "text/html; charset=utf-8", status=500, kind="failure")
    sites["Hanbien.demo"][MALFORMED_FEED] = Page(
        _MALFORMED.encode() + b"\x00\xff\xfe garbage", "application/rss+xml", kind="failure")
    return sites


def _failure_items(outlet: Outlet, base: str) -> list[FeedItem]:
    """Feed items that lead to failure routes (placed among the real ones)."""
    at = datetime.fromisoformat
    if outlet.name == "Phapluatso.demo":
        return [FeedItem("Bài viết đã bị gỡ", base + NOTFOUND_PATH, at("2026-11-25T10:05:00+07:00"),
                         "Nội dung không còn tồn tại.", "PV")]
    if outlet.name == "Caonguyen.demo":
        return [FeedItem("Album: Mùa hoa dã quỳ trên cao nguyên", base + GALLERY_PATH,
                         at("2026-11-24T17:00:00+07:00"), "Chùm ảnh mùa hoa dã quỳ.", "H'Yâm")]
    if outlet.name == "Xuthanh24.demo":
        return [FeedItem("Thông báo lịch tiếp công dân tháng 12", base + EMPTY_PATH,
                         at("2026-11-26T07:30:00+07:00"), "Lịch tiếp công dân.", "VP"),
                FeedItem("Văn bản hướng dẫn chuyển đổi số", base + BINARY_PATH,
                         at("2026-11-25T15:00:00+07:00"), "Toàn văn hướng dẫn (PDF).", "VP")]
    if outlet.name == "Thoibao24h.demo":
        return [FeedItem("Đọc thêm trên trang đối tác", OFFSITE_URL, at("2026-11-24T20:00:00+07:00"),
                         "Liên kết tới trang ngoài.", "")]
    return []


def _add_feeds(outlet: Outlet, base: str, arts: list[DemoArticle], routes: dict[str, Page]) -> None:
    for path, holds in FEEDS[outlet.name]:
        if holds in ("error", "malformed"):
            continue
        chosen = [a for a in arts if holds != "reform" or a.labels.relevant]
        items = _items(outlet, chosen, base)
        if path == FEEDS[outlet.name][0][0]:
            items = sorted(items + _failure_items(outlet, base), key=lambda i: i.published_at,
                           reverse=True)
        newest = max(i.published_at for i in items)
        if outlet.feed_kind == "atom":
            body, ctype = atom(outlet, base, items), "application/atom+xml; charset=utf-8"
        elif outlet.feed_kind == "rss1":
            body, ctype = rss1(outlet, base, items), "application/rdf+xml; charset=utf-8"
        elif holds == "bozo":
            # not well-formed XML (raw '&', an HTML entity XML does not define), yet every item
            # is usable by a lenient parser: feedparser sets bozo and still returns the entries
            body = rss2(outlet, base, items, raw_title=f"{outlet.title} - Tin tức & Sự kiện&nbsp;")
            ctype = "application/rss+xml; charset=utf-8"
        else:
            body, ctype = rss2(outlet, base, items), "application/rss+xml; charset=utf-8"
        routes[route_key(path)] = Page(body.encode("utf-8"), ctype, kind="feed",
                                       last_modified=newest)
