"""The readers' site built for real (mkdocs + Material + our search index) from published bulletins:
home, archive, bulletin pages, feed, sitemap, section and province pages, escaping, no
external assets, and incremental rebuilds that touch only what changed."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import feedparser
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from digest import config
from digest.bulletin.doc import BulletinDoc
from digest.site.build import BuildReport, build_site, staging_dir
from digest.site.pages import SECTION_SLUGS, slug
from digest.store.models import Bulletin
from tests.support.site_fixtures import make_doc, store_published

DAYS = [date(2026, 10, 30), date(2026, 10, 31), date(2026, 11, 2), date(2026, 11, 3)]
NASTY = 'Hà Nội: <script>alert("x")</script> **đậm** [bấm](javascript:alert(1)) & <b>thẻ</b>'


def nasty_doc(day: date) -> BulletinDoc:
    """A bulletin whose source text carries markup that must reach readers as text."""
    doc = make_doc(day, n_items=6)
    local = next(b for b in doc.sections if b.key.value == "local")
    item = local.items[0]
    item.headline = NASTY
    item.province = "Bình Dương"  # merged into TP Hồ Chí Minh in 2025
    item.paragraphs = ["<img src=x onerror=alert(2)> Người dân # không phải 1. chờ đợi", *item.paragraphs]
    return doc


def docs() -> list[BulletinDoc]:
    return [make_doc(d, n_items=6) for d in DAYS] + [nasty_doc(date(2026, 11, 4))]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, BuildReport, Engine]]:
    """One small site shared by the read-only checks (building costs seconds)."""
    from digest.store.db import open_db

    root = tmp_path_factory.mktemp("site")
    mp = pytest.MonkeyPatch()
    mp.setenv("BANTIN_DATA_DIR", str(root / "data"))
    config.use_settings(config.load_settings())
    engine = open_db(f"sqlite:///{root / 'site.sqlite3'}")
    store_published(engine, docs())
    report = build_site(engine, out_dir=root / "out", full=True)
    yield root / "out", report, engine
    mp.undo()


def read(out: Path, url: str) -> str:
    return (out / url / "index.html").read_text(encoding="utf-8")


def all_html(out: Path) -> Iterator[tuple[Path, str]]:
    for path in out.rglob("*.html"):
        yield path, path.read_text(encoding="utf-8")


def test_home_is_the_latest_bulletin(site: tuple[Path, BuildReport, Engine]) -> None:
    out, report, _ = site
    assert report.full and report.bulletins == 5
    home = read(out, "")
    assert 'lang="vi"' in home
    h1 = re.findall(r'<h1 class="bantin-title">(.*?)</h1>', home)
    assert h1 == ["Bản tin cải cách hành chính ngày 4/11/2026"]
    assert "16:40, Thứ Tư, 4-11-2026" in home
    assert "Xem với cỡ chữ :" in home and 'data-fontsize="larger"' in home
    # the footer links the older bulletins and the archive
    assert 'href="ban-tin/2026/11/03/"' in home and 'href="luu-tru/"' in home


def test_bulletin_pages_have_numbered_toc_and_back_to_top(site: tuple[Path, BuildReport, Engine]) -> None:
    out, _, _ = site
    for day in DAYS:
        html = read(out, f"ban-tin/{day:%Y/%m/%d}")
        numbers = [int(n) for n in re.findall(r'<li value="(\d+)"><a href="#tin-\d+">', html)]
        assert numbers == list(range(1, 7))
        for n in numbers:
            assert f'id="tin-{n}"' in html
        assert html.count("Về đầu trang") == 6
        assert f"ngày {day.day}/{day.month}/{day.year}" in html


def test_archive_by_year_and_month(site: tuple[Path, BuildReport, Engine]) -> None:
    out, _, _ = site
    archive = read(out, "luu-tru")
    assert "Năm 2026" in archive
    assert 'href="2026/10/"' in archive and 'href="2026/11/"' in archive
    october = read(out, "luu-tru/2026/10")
    assert "ngày 30/10/2026" in october and "ngày 31/10/2026" in october
    assert "ngày 2/11/2026" not in october
    november = read(out, "luu-tru/2026/11")
    for d in (2, 3, 4):
        assert f"ngày {d}/11/2026" in november
    assert 'href="../../../ban-tin/2026/11/03/#tin-1"' in november


def test_feed_is_valid_atom(site: tuple[Path, BuildReport, Engine]) -> None:
    out, _, _ = site
    raw = (out / "feed.xml").read_text(encoding="utf-8")
    feed = feedparser.parse(raw)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.title for e in feed.entries][:2] == [
        "Bản tin cải cách hành chính ngày 4/11/2026", "Bản tin cải cách hành chính ngày 3/11/2026"]
    assert len(feed.entries) == 5
    assert feed.entries[0].link == "http://127.0.0.1:8000/ban-tin/2026/11/04/"
    assert feed.entries[0].published_parsed[:3] == (2026, 11, 4)
    assert "<script>alert" not in raw  # escaped inside the HTML summary


def test_sitemap_lists_pages(site: tuple[Path, BuildReport, Engine]) -> None:
    out, _, _ = site
    locs = re.findall(r"<loc>(.*?)</loc>", (out / "sitemap.xml").read_text(encoding="utf-8"))
    for day in DAYS:
        assert f"http://127.0.0.1:8000/ban-tin/{day:%Y/%m/%d}/" in locs
    assert "http://127.0.0.1:8000/luu-tru/2026/10/" in locs
    assert "http://127.0.0.1:8000/" in locs


def test_section_and_province_pages(site: tuple[Path, BuildReport, Engine]) -> None:
    out, _, engine = site
    sections = read(out, "chuyen-muc")
    for key_slug in SECTION_SLUGS.values():
        assert f'href="{key_slug}/"' in sections
    local = SECTION_SLUGS[next(s for s in SECTION_SLUGS if s.value == "local")]
    assert "Tháng 11/2026" in read(out, f"chuyen-muc/{local}")
    month = read(out, f"chuyen-muc/{local}/2026/11")
    assert "&lt;script&gt;" in month
    try:
        from digest.geo.gazetteer import current_name
        unit = current_name("Bình Dương") or "Bình Dương"
    except ImportError:
        unit = "Bình Dương"
    provinces = read(out, "dia-phuong")
    assert f'href="{slug(unit)}/"' in provinces
    page = read(out, f"dia-phuong/{slug(unit)}")
    assert "&lt;script&gt;alert" in page
    if unit != "Bình Dương":
        assert "Bình Dương" in page  # the former name is shown with the merged unit


def test_source_text_is_escaped_everywhere(site: tuple[Path, BuildReport, Engine]) -> None:
    out, _, _ = site
    pages = list(all_html(out))
    assert len(pages) > 20
    for path, html in pages:
        assert '<script>alert("x")' not in html, path
        assert "<img src=x" not in html, path
        assert "javascript:alert" not in html.replace("[bấm](javascript:alert(1))", ""), path
    bulletin = read(out, "ban-tin/2026/11/04")
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; **đậm** [bấm](javascript:alert(1)) &amp; &lt;b&gt;thẻ&lt;/b&gt;" in bulletin
    assert "&lt;img src=x onerror=alert(2)&gt; Người dân # không phải 1. chờ đợi" in bulletin


def test_no_external_assets(site: tuple[Path, BuildReport, Engine]) -> None:
    out, _, _ = site
    for path, html in all_html(out):
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, path
        for tag in re.findall(r"<(?:script|link)\b[^>]*>", html):
            assert not re.search(r'(?:src|href)="(?:https?:)?//', tag) or 'rel="canonical"' in tag, (path, tag)


def test_search_bundles(site: tuple[Path, BuildReport, Engine]) -> None:
    out, report, _ = site
    # latest bulletin 4/11/2026: November alone, the year's earlier months together
    assert report.bundles_indexed == ["2026-11", "2026-truoc"]
    listed = json.loads((out / "search" / "bundles.json").read_text())
    assert listed["bundles"] == ["2026-11", "2026-truoc"]
    assert [s["slug"] for s in listed["sections"]] == list(SECTION_SLUGS.values()) and listed["years"] == [2026]
    meta = json.loads((out / "search" / "2026-11" / "docs.json").read_text())
    assert meta["days"] == ["2026-11-04", "2026-11-03", "2026-11-02"] and len(meta["docs"]) == 4 * meta["stories"]
    assert not (out / "search" / "search_index.json").exists()  # Material's single index is off
    source = json.loads((staging_dir(out) / "search" / "2026-11-04.json").read_text(encoding="utf-8"))
    assert source["url"] == "ban-tin/2026/11/04/" and source["stories"][0]["n"] == 1


def _mtimes(out: Path) -> dict[str, int]:
    return {str(p.relative_to(out)): p.stat().st_mtime_ns for p in out.rglob("index.html")}


def test_incremental_rebuild_touches_only_what_changed(engine: Engine, tmp_path: Path) -> None:
    days = [date(2025, 12, 30), date(2025, 12, 31), date(2026, 1, 2)]
    store_published(engine, [make_doc(d, n_items=4) for d in days])
    out = tmp_path / "out"
    first = build_site(engine, out_dir=out)
    assert first.full  # nothing built yet: a full build
    before = _mtimes(out)

    again = build_site(engine, out_dir=out)
    assert not again.full and again.pages_written == [] and again.bundles_indexed == []
    assert _mtimes(out) == before

    store_published(engine, [make_doc(date(2026, 1, 3), n_items=4)])
    step = build_site(engine, out_dir=out)
    assert not step.full
    assert "ban-tin/2026/01/03.md" in step.pages_written and "index.md" in step.pages_written
    assert "ban-tin/2025/12/30.md" not in step.pages_written  # too far back to list it
    assert step.bundles_indexed == ["2026-01"]  # 2025's search bundle is kept as it was
    after = _mtimes(out)
    assert after["ban-tin/2025/12/30/index.html"] == before["ban-tin/2025/12/30/index.html"]
    assert after["luu-tru/2025/12/index.html"] == before["luu-tru/2025/12/index.html"]
    assert after["index.html"] != before["index.html"]
    assert "ngày 3/1/2026" in read(out, "") and "ngày 3/1/2026" in read(out, "luu-tru/2026/01")

    # a bulletin republished with a corrected headline: its page and the listings follow
    fixed = make_doc(date(2025, 12, 30), n_items=4)
    fixed.sections[0].items[0].headline = "Tiêu đề đã sửa sau khi phát hành lại"
    store_published(engine, [fixed])
    redo = build_site(engine, out_dir=out)
    assert "ban-tin/2025/12/30.md" in redo.pages_written and "luu-tru/2025/12.md" in redo.pages_written
    assert redo.bundles_indexed == ["2025"]
    assert "Tiêu đề đã sửa sau khi phát hành lại" in read(out, "ban-tin/2025/12/30")
    assert "Tiêu đề đã sửa sau khi phát hành lại" in read(out, "luu-tru/2025/12")

    # an editor reopens a bulletin: its page leaves the site
    with Session(engine) as session:
        row = session.exec(select(Bulletin).where(Bulletin.date == date(2026, 1, 2))).one()
        row.status = "draft"
        session.add(row)
        session.commit()
    gone = build_site(engine, out_dir=out)
    assert "ban-tin/2026/01/02.md" in gone.pages_removed
    assert not (out / "ban-tin/2026/01/02").exists()
    assert "ngày 2/1/2026" not in read(out, "luu-tru/2026/01")

    full = build_site(engine, out_dir=out, full=True)
    assert full.full and full.bundles_indexed == ["2025", "2026-01"]
    assert len([p for p in full.pages_written if p.startswith("ban-tin/")]) == 3


def test_cli_site_build_on_empty_archive(run_cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "empty"
    result = run_cli("site", "build", "--out", str(out))
    assert "0 bulletins" in result.output and str(out / "index.html") in result.output
    assert "Chưa có bản tin nào được phát hành." in read(out, "")
    assert json.loads((out / "search" / "bundles.json").read_text())["bundles"] == []


def test_not_found_page_is_vietnamese_with_ways_back(site: tuple[Path, BuildReport, Engine]) -> None:
    """Served for any missing address, at any depth: so its links start at the site's root."""
    out, _, _ = site
    page = (out / "404.html").read_text(encoding="utf-8")
    assert "<title>Không tìm thấy trang · Bản tin cải cách hành chính</title>" in page
    assert "<h1>Không tìm thấy trang</h1>" in page and "Not found" not in page
    links = dict((label, href) for href, label in re.findall(r'<li><a href="([^"]+)">([^<]+)</a></li>', page))
    assert links == {"Bản tin mới nhất": "http://127.0.0.1:8000/",
                     "Lưu trữ các bản tin theo năm, tháng": "/luu-tru/", "Tìm kiếm": "/tim-kiem/"}
