"""The sources file: the shipped registry is valid and complete; a malformed file is reported
with the file, the entry and the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from digest.errors import SourcesError, UnknownSource
from digest.ingest.sources import (
    PROVINCES,
    canonical_province,
    load_sources,
    select_sources,
    selectors_by_domain,
)

GOOD = """
[[source]]
name = "Baogiaothong.vn"
scope = "central"
feeds = ["https://www.baogiaothong.vn/rss/thoi-su.rss"]
allowed_domains = ["baogiaothong.vn"]

[[source]]
name = "Baobinhphuoc.com.vn"
scope = "provincial"
province = "Đồng Nai"
province_aliases = ["Bình Phước"]
listing_pages = ["https://baobinhphuoc.com.vn/news/thoi-su"]
link_selector = "xpath://h3/a"
allowed_domains = ["baobinhphuoc.com.vn"]
selectors = { title = "h1.title", body = "div.content", drop = [".related", "figure"] }
enabled = false
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sources.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_pre_2025_province_name_is_recorded_as_todays_unit(tmp_path: Path) -> None:
    entry = ('[[source]]\nname = "Baohaiduong.vn"\nscope = "provincial"\nprovince = "{p}"\n'
             '{extra}allowed_domains = ["baohaiduong.vn"]\nfeeds = ["https://baohaiduong.vn/rss"]\n')
    source = load_sources(write(tmp_path, entry.format(p="Hải Dương", extra="")))[0]
    assert (source.province, source.province_aliases) == ("Hải Phòng", ("Hải Dương",))
    source = load_sources(write(tmp_path, entry.format(p="Dak Nong", extra='province_aliases = ["Đắk Nông"]\n')))[0]
    assert (source.province, source.province_aliases) == ("Lâm Đồng", ("Đắk Nông",))
    with pytest.raises(SourcesError, match="'Bình Phước' is part of Đồng Nai today, not Hải Phòng"):
        load_sources(write(tmp_path, entry.format(p="Hải Phòng", extra='province_aliases = ["Bình Phước"]\n')))
    with pytest.raises(SourcesError, match="'Atlantis' is not a province or city"):
        load_sources(write(tmp_path, entry.format(p="Atlantis", extra="")))


def test_good_file(tmp_path: Path) -> None:
    sources = load_sources(write(tmp_path, GOOD))
    assert [s.name for s in sources] == ["Baogiaothong.vn", "Baobinhphuoc.com.vn"]
    bp = sources[1]
    assert bp.province == "Đồng Nai" and bp.province_aliases == ("Bình Phước",)
    assert bp.selectors.drop == (".related", "figure") and not bp.enabled
    assert bp.selectors.body == "div.content"
    assert [s.name for s in select_sources(sources)] == ["Baogiaothong.vn"]
    assert [s.name for s in select_sources(sources, ["baobinhphuoc.com.vn"])] == [bp.name]
    with pytest.raises(UnknownSource, match="Nosuch.vn"):
        select_sources(sources, ["Nosuch.vn"])


BAD = [
    # (replace, with, expected pieces of the message)
    ('scope = "central"', 'scope = "national"', ["#1", "'Baogiaothong.vn'", "'scope'", "national"]),
    ('scope = "central"', 'scope = "central"\ncolour = "red"', ["#1", "'colour'", "unknown key"]),
    ('name = "Baogiaothong.vn"', 'name = 5', ["#1", "'name'", "must be str"]),
    ('name = "Baogiaothong.vn"\n', '', ["#1", "'name'", "missing"]),
    ('province = "Đồng Nai"\n', '', ["#2", "'Baobinhphuoc.com.vn'", "'province'", "provincial"]),
    ('province = "Đồng Nai"', 'province = "Bình Phuóc Xa"', ["#2", "'province'", "(34)", "(63)"]),
    ('feeds = ["https://www.baogiaothong.vn/rss/thoi-su.rss"]',
     'feeds = ["https://other.vn/rss"]', ["#1", "'feeds'", "allowed_domains"]),
    ('feeds = ["https://www.baogiaothong.vn/rss/thoi-su.rss"]',
     'feeds = "https://www.baogiaothong.vn/rss"', ["#1", "'feeds'", "must be list"]),
    ('name = "Baobinhphuoc.com.vn"', 'name = "baogiaothong.vn"', ["#2", "'name'", "duplicate"]),
    ('enabled = false', 'enabled = false\nverified = "recently"', ["#2", "'verified'", "YYYY-MM-DD"]),
    ('enabled = false', 'enabled = false\ndate_order = "ymd"', ["#2", "'date_order'", "dmy, mdy"]),
    ('enabled = false', 'enabled = false\nverified = "2026-13-06, live"', ["#2", "'verified'"]),
    ('link_selector = "xpath://h3/a"', 'link_selector = "h3 >> a["', ["#2", "'link_selector'", "invalid"]),
    ('drop = [".related", "figure"]', 'drop = [".related"], colour = "x"', ["#2", "'selectors.colour'"]),
    ('allowed_domains = ["baogiaothong.vn"]', 'allowed_domains = []', ["#1", "'allowed_domains'"]),
    ('enabled = false', 'enabled = "no"', ["#2", "'enabled'", "must be bool"]),
    ('feeds = ["https://www.baogiaothong.vn/rss/thoi-su.rss"]',
     'feeds = ["https://www.baogiaothong.vn:99999/rss/thoi-su.rss"]', ["#1", "'feeds'", "invalid port"]),
    ('listing_pages = ["https://baobinhphuoc.com.vn/news/thoi-su"]',
     'listing_pages = ["https://baobinhphuoc.com.vn:http/news"]', ["#2", "'listing_pages'", "invalid port"]),
    # one feed in two sources: the crawl fetches it once, so the second would silently get nothing
    ('allowed_domains = ["baobinhphuoc.com.vn"]',
     'allowed_domains = ["baobinhphuoc.com.vn", "baogiaothong.vn"]\nfeeds = ["https://www.baogiaothong.vn/rss/thoi-su.rss"]',
     ["#2", "'feeds'", "is already a feed of source #1"]),
]


@pytest.mark.parametrize(("old", "new", "pieces"), BAD)
def test_errors_name_file_entry_and_key(tmp_path: Path, old: str, new: str, pieces: list[str]) -> None:
    assert old in GOOD
    path = write(tmp_path, GOOD.replace(old, new, 1))
    with pytest.raises(SourcesError) as info:
        load_sources(path)
    message = str(info.value)
    assert str(path) in message
    for piece in pieces:
        assert piece in message, message


def test_file_level_errors(tmp_path: Path) -> None:
    with pytest.raises(SourcesError, match="does not exist"):
        load_sources(tmp_path / "missing.toml")
    with pytest.raises(SourcesError, match="not valid TOML"):
        load_sources(write(tmp_path, "[[source]\nname="))
    with pytest.raises(SourcesError, match="no \\[\\[source\\]\\]"):
        load_sources(write(tmp_path, "# empty\n"))


def test_province_spellings() -> None:
    assert len(PROVINCES) == 34
    assert canonical_province("Thành phố Hồ Chí Minh") == "TP Hồ Chí Minh"
    assert canonical_province("tỉnh Khánh Hoà") == "Khánh Hòa"
    assert canonical_province("Thừa Thiên Huế") == "Huế"
    assert canonical_province("Quảng Nam") is None  # merged into Đà Nẵng in 2025


# ---------------------------------------------------------------- the shipped registry
CENTRAL = ["Baochinhphu.vn", "VnExpress.net", "Tuoitre.vn", "Thanhnien.vn", "TTXVN/VietnamPlus.vn",
           "Baophapluat.vn", "VTC.vn", "Congan.com.vn", "Baogiaothong.vn", "Nhandan.vn",
           "Laodong.vn", "Dantri.com.vn", "Moha.gov.vn"]


@pytest.fixture(scope="module")
def shipped() -> list:  # type: ignore[type-arg]
    return load_sources()


def test_shipped_registry_has_the_central_outlets(shipped: list) -> None:  # type: ignore[type-arg]
    names = {s.name for s in shipped}
    assert set(CENTRAL) <= names
    assert all(s.scope == "central" for s in shipped if s.name in CENTRAL)


def test_shipped_registry_covers_twenty_provinces(shipped: list) -> None:  # type: ignore[type-arg]
    provinces = {s.province for s in shipped if s.scope == "provincial"}
    assert len(provinces) >= 20, sorted(provinces)
    assert provinces <= set(PROVINCES)
    for source in shipped:
        assert source.feeds or source.listing_pages, source.name
        for alias in source.province_aliases:
            assert canonical_province(alias) is None or canonical_province(alias) == source.province


def test_every_province_keeps_a_source_that_can_answer(shipped: list) -> None:  # type: ignore[type-arg]
    """Each of the 34 units has an enabled source with a confirmed URL or a listing page (the
    home page read by link discovery when no feed is known)."""
    for province in PROVINCES:
        mine = [s for s in shipped if s.enabled and s.scope == "provincial" and s.province == province]
        assert any(s.verified or s.listing_pages for s in mine), province


def test_shipped_registry_carries_the_evidenced_corrections(shipped: list) -> None:  # type: ignore[type-arg]
    by = {s.name: s for s in shipped}
    urls = {u for s in shipped if s.enabled for u in s.start_urls}
    assert not any(u.startswith("https://baochinhphu.vn/rss/") for u in urls)  # 404 there
    assert "https://baochinhphu.vn/home.rss" in urls and by["Baochinhphu.vn"].date_order == "mdy"
    assert by["Tuoitre.vn"].date_order == "mdy"
    assert not any("cand.com.vn" in u or "nld.com.vn" in u for u in urls)  # moved
    assert not any(u.startswith("https://vietnamnet.vn/rss/thoi-su") for u in urls)
    assert {"https://hanoimoi.vn/rss/xa-hoi", "https://baothanhhoa.vn/rss/thoi-su.xml",
            "https://baoquangninh.vn/rss/news/chinh-tri.rss",
            "https://www.vietnamplus.vn/rss/chinhtri-291.rss"} <= urls
    assert not by["Baoquangtri.vn"].feeds and by["Baoquangtri.vn"].link_selector
    assert not by["Baoquangnam.vn"].enabled and "baoquangnam.vn" in by["Baodanang.vn"].allowed_domains
    assert "https://phuyen.baodaklak.vn/" in by["Baodaklak.vn"].listing_pages
    confirmed = [s for s in shipped if s.verified]
    assert len(confirmed) >= 20 and all(s.verified[:4] == "2026" for s in confirmed)


def test_selectors_by_domain_takes_each_outlets_own_domain(tmp_path: Path) -> None:
    """A moved outlet's second host keeps its own outlet's selectors; disabled entries count."""
    path = write(tmp_path, """
[[source]]
name = "Nld.com.vn"
scope = "central"
allowed_domains = ["nld.com.vn", "tuoitre.vn"]
listing_pages = ["https://tuoitre.vn/nld/"]
selectors = { body = "div.nld" }

[[source]]
name = "Tuoitre.vn"
scope = "central"
allowed_domains = ["tuoitre.vn"]
selectors = { body = "div.tt" }
enabled = false
""")
    table = selectors_by_domain(load_sources(path))
    assert {d: s.body for d, s in table.items()} == {"nld.com.vn": "div.nld", "tuoitre.vn": "div.tt"}


def test_a_province_on_a_central_or_foreign_source_is_accepted_and_ignored(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """FORMAT.md: `province = ...  # provincial sources only`, in an example whose scope is
    central: the file loads, and the outlet's stories are not made that province's."""
    text = GOOD.replace('scope = "central"', 'scope = "central"\nprovince = "Quảng Trị"', 1)
    with caplog.at_level("WARNING"):
        central = load_sources(write(tmp_path, text))[0]
    assert central.scope == "central" and central.province is None and central.province_aliases == ()
    assert "a central source's province (Quảng Trị) is ignored" in caplog.text
