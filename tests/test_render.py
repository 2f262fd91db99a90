"""Rendering: the reference bulletin of 24/5/2023 rebuilt as data and compared with golden files
(json/html/md/txt; regenerate with `pytest --update-goldens`), its anatomy checked line by line
against the reference, and hostile source text that must never become live markup."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path

import pytest

from digest.bulletin.doc import BulletinDoc, Item, SectionBlock
from digest.bulletin.render import (
    OtherBulletin,
    export,
    md_escape,
    render_html,
    render_markdown,
    render_text,
    safe_url,
)
from digest.classify.sections import Section
from digest.errors import InvalidInput

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bulletins"
REFERENCE = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "ban-tin-cchc-2023-05-24.txt"


def load_source(path: Path) -> BulletinDoc:
    """A BulletinDoc from a *.source.json fixture, numbered 1..N through the sections."""
    data = json.loads(path.read_text(encoding="utf-8"))
    number = 0
    blocks = []
    for block in data["sections"]:
        items = []
        for raw in block["items"]:
            number += 1
            items.append(Item(number=number, headline=raw["headline"], url=raw["url"], outlet=raw["outlet"],
                              source_date=date.fromisoformat(raw["source_date"]), author=raw["author"],
                              province=raw["province"], paragraphs=raw["paragraphs"]))
        blocks.append(SectionBlock(Section(block["key"]), items))
    published = datetime.fromisoformat(data["published_at"]) if data["published_at"] else None
    return BulletinDoc(date=date.fromisoformat(data["date"]), title=f"Bản tin cải cách hành chính ngày "
                       f"{int(data['date'][8:])}/{int(data['date'][5:7])}/{data['date'][:4]}",
                       published_at=published, sections=blocks, publisher=data["publisher"],
                       status="published" if published else "draft")


@pytest.fixture
def reference_doc() -> BulletinDoc:
    return load_source(FIXTURES / "2023-05-24.source.json")


@pytest.mark.parametrize("fmt", ["json", "html", "md", "txt"])
def test_golden(reference_doc: BulletinDoc, fmt: str, update_goldens: bool) -> None:
    out = export(reference_doc, fmt)
    golden = FIXTURES / f"2023-05-24.{fmt}"
    if update_goldens or not golden.exists():
        golden.write_text(out, encoding="utf-8")
        if not update_goldens:
            pytest.fail(f"{golden.name} was missing and has been written; review it and re-run")
    assert out == golden.read_text(encoding="utf-8"), f"{golden.name} differs (pytest --update-goldens)"


def test_json_is_format_md(reference_doc: BulletinDoc) -> None:
    data = json.loads(export(reference_doc, "json"))
    assert data["date"] == "2023-05-24"
    assert data["title"] == "Bản tin cải cách hành chính ngày 24/5/2023"
    assert data["published_at"] == "2023-05-24T16:40:00+07:00"
    assert [s["key"] for s in data["sections"]] == ["policy", "local", "management", "world"]
    first = data["sections"][0]["items"][0]
    assert set(first) >= {"number", "headline", "url", "outlet", "source_date", "author", "province",
                          "paragraphs", "citation"}
    assert first["citation"] == "(Baogiaothong.vn 24/5, Trang Trần)"
    world = data["sections"][3]["items"][0]
    assert (world["number"], world["citation"]) == (12, "(TTXVN/VietnamPlus.vn 23/5, Khánh Vân)")
    reference_doc.published_at = None
    assert json.loads(export(reference_doc, "json"))["published_at"] is None


def _reference_lines() -> list[str]:
    from digest.text import clean_line

    return [clean_line(l) for l in REFERENCE.read_text(encoding="utf-8").splitlines() if clean_line(l)]


@pytest.mark.skipif(not REFERENCE.exists(), reason="the shared reference bulletin is not checked out here")
def test_text_follows_the_reference_order(reference_doc: BulletinDoc) -> None:
    """Title, stamp, then the contents numbered 1..12 split 1-2/3-9/10-11/12, as the reference."""
    ours = [l for l in render_text(reference_doc).splitlines() if l]
    ref = [l for l in _reference_lines() if l != "Xem với cỡ chữ : A- A A+"]
    head = 2 + 4 + 12  # title, stamp, four section headings, twelve numbered headlines
    normal = [re.sub(r"^(\d+)\.\s+", r"\1. ", l) for l in ref[:head]]
    assert ours[:head] == normal
    assert ours[2] == "CHỦ TRƯƠNG CẢI CÁCH" and ours[3:5] == [
        "1. Sẽ ưu đãi phí, lệ phí khi thực hiện dịch vụ công trực tuyến",
        "2. Mỗi ngày Cổng Dịch vụ công Quốc gia tiếp nhận, xử lý khoảng 100.000 hồ sơ, giao dịch"]
    # The body repeats the headings and headlines in the same order; every story ends with its
    # citation at the end of its last paragraph.
    body = ours[head:]
    assert [l for l in body if l in {b.heading for b in reference_doc.sections}] == [
        "CHỦ TRƯƠNG CẢI CÁCH", "CẢI CÁCH ĐỊA PHƯƠNG", "QUẢN LÝ HÀNH CHÍNH", "THẾ GIỚI"]
    assert body[-1] == "Trung tâm Tin học - Công báo"
    for item in reference_doc.items:
        idx = body.index(item.headline)
        assert body[idx + len(item.paragraphs)].endswith(" " + item.citation)
    # The citations are exactly the reference's.
    ref_cites = re.findall(r"\([^()]+ \d{1,2}/\d{1,2}, [^()]+\)\s*Về đầu trang", "\n".join(_reference_lines()))
    assert [c.split(")")[0] + ")" for c in ref_cites] == [i.citation for i in reference_doc.items]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)
        d = dict(attrs)
        if d.get("id"):
            self.ids.add(str(d["id"]))
        if tag == "a" and d.get("href"):
            self.hrefs.append(str(d["href"]))
        if tag == "script":
            self.scripts += 1


def test_html_anatomy(reference_doc: BulletinDoc) -> None:
    html = render_html(reference_doc, others=[OtherBulletin("Bản tin ngày 23/5/2023", "2023-05-23.html")])
    page = _Collector()
    page.feed(html)
    assert "<title>Bản tin cải cách hành chính ngày 24/5/2023</title>" in html
    assert "16:40, Thứ Tư, 24-5-2023" in html
    assert "Xem với cỡ chữ :" in html and ">A-<" in html and ">A<" in html and ">A+<" in html
    assert "--bantin-scale" in html and "localStorage" in html and "@media print" in html
    assert "@media (max-width" in html and 'name="viewport"' in html
    # no external asset: no stylesheet link, no src attribute, no @import or url() in the CSS
    assert "link" not in page.tags and not any(name == "src" for name, _ in page.attrs)
    assert "@import" not in html and "url(" not in html
    toc = [h for h in page.hrefs if h.startswith("#tin-")]
    assert toc == [f"#tin-{n}" for n in range(1, 13)]
    assert all(h[1:] in page.ids for h in toc)
    assert page.hrefs.count("#top") == 12 and "top" in page.ids
    assert html.count("Về đầu trang") == 12
    assert "Trung tâm Tin học - Công báo" in html and "Các tin khác" in html and 'href="2023-05-23.html"' in html
    # citation inside the last paragraph, linked to the source
    assert ('Văn phòng Chính phủ khẩn trương triển khai thực hiện nâng cấp' in html)
    assert re.search(r'phục vụ người dân, doanh nghiệp\. <a class="bantin-citation" href="https://baogiaothong\.vn/"'
                     r'[^>]*>\(Baogiaothong\.vn 24/5, Trang Trần\)</a></p>', html)
    fragment = render_html(reference_doc, standalone=False)
    assert fragment.lstrip().startswith("<article") and "<style>" not in fragment and "<script>" not in fragment


HOSTILE = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "Giá trị **đậm** [liên kết](javascript:alert(1)) & &amp; `mã`",
    "# không phải tiêu đề",
]


def hostile_doc() -> BulletinDoc:
    item = Item(number=1, headline='Tin <img src=x onerror="alert(1)"> giả', url="javascript:alert(1)",
                outlet="<b>Báo</b>", source_date=date(2023, 5, 24), author="<script>x</script>",
                province=None, paragraphs=list(HOSTILE))
    return BulletinDoc(date=date(2023, 5, 24), title="Bản tin cải cách hành chính ngày 24/5/2023",
                       published_at=None, sections=[SectionBlock(Section.POLICY, [item])])


def test_html_escapes_source_text() -> None:
    html = render_html(hostile_doc())
    page = _Collector()
    page.feed(html)
    assert "img" not in page.tags and "b" not in page.tags
    assert page.scripts == 1  # only our own font-size script
    assert not any(name.startswith("on") for name, _ in page.attrs)
    assert "javascript:" not in " ".join(page.hrefs)
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "Bản nháp, chưa phát hành" in html  # a draft shows no stamp


def test_markdown_escapes_source_text() -> None:
    md = render_markdown(hostile_doc())
    assert "<script>" not in md and "<img" not in md and "<b>" not in md
    assert not re.search(r"(?<!\\)\]\(javascript", md)  # a link only as escaped text
    assert "\\*\\*đậm\\*\\*" in md and "\\# không phải tiêu đề" in md
    import markdown  # mkdocs' renderer: what the site would print

    html = markdown.markdown(md)
    page = _Collector()
    page.feed(html)
    assert "script" not in page.tags and "img" not in page.tags
    assert "**đậm**" in html and "<strong>đậm" not in html and "<h1>không" not in html
    assert "javascript:" not in " ".join(page.hrefs)


def test_markdown_anatomy(reference_doc: BulletinDoc) -> None:
    import markdown

    html = markdown.markdown(render_markdown(reference_doc))
    page = _Collector()
    page.feed(html)
    assert [h for h in page.hrefs if h.startswith("#tin-")] == [f"#tin-{n}" for n in range(1, 13)]
    assert {f"tin-{n}" for n in range(1, 13)} <= page.ids and "top" in page.ids
    assert "TN&amp;MT" in html  # an ampersand in a headline stays text
    # each paragraph its own <p>, the citation linked at the end of the last one
    assert html.count("<p>") >= sum(len(i.paragraphs) for i in reference_doc.items) + 12
    assert re.search(r'doanh nghiệp\. <a href="https://baogiaothong\.vn/">\(Baogiaothong\.vn 24/5, Trang Trần\)</a></p>',
                     html)


def test_helpers() -> None:
    assert safe_url("https://a.vn/x?y=1") == "https://a.vn/x?y=1"
    assert safe_url("javascript:alert(1)") == "" and safe_url("data:text/html,x") == ""
    assert safe_url("//evil.example/x") == "" and safe_url("2023/05/24/") == ""
    assert safe_url("2023/05/24/", relative=True) == "2023/05/24/"
    assert md_escape("1. a <b> & c_d") == "1\\. a &lt;b&gt; & c\\_d"
    with pytest.raises(InvalidInput):
        export(hostile_doc(), "pdf")


def test_empty_bulletin_renders_in_every_format() -> None:
    doc = BulletinDoc(date=date(2023, 5, 24), title="Bản tin cải cách hành chính ngày 24/5/2023",
                      published_at=None, sections=[SectionBlock(Section.POLICY, [])])
    assert "Bản tin chưa có tin nào." in export(doc, "html")
    assert json.loads(export(doc, "json"))["sections"] == []
    assert "CHỦ TRƯƠNG" not in export(doc, "md") and "CHỦ TRƯƠNG" not in export(doc, "txt")


OUR_TAGS = {"article", "header", "h1", "h2", "h3", "p", "time", "div", "span", "button", "nav", "ol",
            "li", "a", "section", "footer", "ul"}


def test_any_source_text_stays_text() -> None:
    """Whatever a crawled page contains, the fragment holds only the template's own tags."""
    from hypothesis import given
    from hypothesis import settings as hsettings
    from hypothesis import strategies as st

    chunk = st.sampled_from(["<", ">", "&", '"', "'", "script", "img", " onerror=", "javascript:", "</p>",
                             "<!--", "]]>", "{{", "{%", "Đà Nẵng", "\n\n", "`", "*"])
    text = st.lists(chunk, max_size=12).map("".join)

    @hsettings(max_examples=60, deadline=None)
    @given(headline=text, para=text, author=text, url=text)
    def check(headline: str, para: str, author: str, url: str) -> None:
        item = Item(number=1, headline=headline, url=url, outlet="Báo", source_date=date(2023, 5, 24),
                    author=author, province=None, paragraphs=[para])
        doc = BulletinDoc(date=date(2023, 5, 24), title="T", published_at=None,
                          sections=[SectionBlock(Section.LOCAL, [item])])
        page = _Collector()
        page.feed(render_html(doc, standalone=False))
        assert set(page.tags) <= OUR_TAGS
        assert not any(name.startswith("on") for name, _ in page.attrs)
        assert all(h.startswith(("#", "http://", "https://")) or h == "" for h in page.hrefs)

    check()
