"""The demo corpus as data: counts the issue asks for, labels, NFC, syndicated copies."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter, defaultdict
from datetime import date, timedelta

from digest.demo import generate
from digest.demo.corpus import (
    DEAD_OUTLET,
    FAILURES,
    FIRST_DAY,
    LAST_MOMENT,
    OUTLETS,
    SECTIONS,
    articles_for_bulletin,
    expected_stories,
    failures,
    load_articles,
    parse_records,
)
from digest.demo.site import encode_cp1258
from digest.ingest.sources import PROVINCES, canonical_province

ARTS = load_articles()


def test_outlets_are_many_distinct_and_varied():
    assert len(OUTLETS) >= 10
    assert len({o.name for o in OUTLETS}) == len(OUTLETS)
    assert len({o.index for o in OUTLETS} | {DEAD_OUTLET.index}) == len(OUTLETS) + 1
    assert len({o.template for o in OUTLETS}) == len(OUTLETS)  # each its own markup
    scopes = Counter(o.scope for o in OUTLETS)
    assert scopes["central"] >= 3 and scopes["provincial"] >= 3
    kinds = Counter(o.feed_kind for o in OUTLETS)
    assert kinds["rss2"] >= 6 and kinds["atom"] == 1 and kinds["rss1"] == 1 and kinds["listing"] == 1
    for o in OUTLETS:
        if o.scope == "provincial":
            assert canonical_province(o.province) == o.province
        assert o.name.endswith(".demo")  # never a real outlet's name


def test_counts_days_and_sections():
    assert len(ARTS) >= 150
    assert all(FIRST_DAY <= a.published_at <= LAST_MOMENT for a in ARTS)
    assert all(a.published_at.utcoffset() == timedelta(hours=7) for a in ARTS)
    days = {a.published_at.date() for a in ARTS}
    for i in range(6):  # 22..27 Nov, every day has news
        assert date(2026, 11, 22) + timedelta(days=i) in days
    per_day = Counter(a.published_at.date() for a in ARTS)
    assert all(per_day[date(2026, 11, d)] >= 20 for d in range(23, 28))
    sections = Counter(a.labels.section for a in ARTS)
    for key in SECTIONS:
        assert sections[key] >= 5, key
    assert sections[None] >= 30  # ordinary news the bulletin must leave out
    assert all(a.outlet in {o.name for o in OUTLETS} for a in ARTS)
    assert all(len([a for a in ARTS if a.outlet == o.name]) >= 5 for o in OUTLETS)


def test_ordinary_news_covers_the_kinds_a_bulletin_skips():
    titles = " ".join(a.title.lower() for a in ARTS if not a.labels.relevant)
    for word in ("giá vàng", "xăng", "thời tiết", "thắng", "khởi tố", "mv", "phim", "bão"):
        assert word in titles, word
    # a crime story about an official is still not a reform story
    assert any(not a.labels.relevant and "chủ tịch" in a.text.lower() for a in ARTS)


def test_many_provinces_old_and_new_names():
    local = [a for a in ARTS if a.labels.section == "local"]
    assert all(a.labels.province for a in local)
    provinces = {a.labels.province for a in local}
    canonical = {canonical_province(p) for p in provinces} - {None}
    assert len(canonical) >= 25
    assert canonical <= set(PROVINCES)
    old = provinces - set(PROVINCES)
    assert {"Hải Dương", "Bình Phước"} <= old  # a few stories still use the pre-2025 names


def test_labels_are_consistent():
    for a in ARTS:
        lab = a.labels
        assert lab.relevant == (lab.section is not None), a.key
        assert lab.outlet == a.outlet
        if not lab.relevant:
            assert lab.province is None, a.key
        assert 3 <= len(a.paragraphs) <= 8, a.key
        assert 90 <= len(a.text.split()) <= 400, a.key
        assert a.author and a.title
    keys = [a.key for a in ARTS]
    assert len(keys) == len(set(keys))
    paths = [(a.outlet, a.path) for a in ARTS]
    assert len(paths) == len(set(paths))


def test_syndicated_pairs_share_facts_not_headlines():
    stories: dict[str, list] = defaultdict(list)
    for a in ARTS:
        stories[a.labels.story_id].append(a)
    pairs = [v for v in stories.values() if len(v) > 1]
    assert len(pairs) >= 8
    assert sum(1 for v in pairs if v[0].labels.relevant) >= 8
    for group in pairs:
        first, second = group[:2]
        assert first.outlet != second.outlet
        assert first.title != second.title
        assert first.paragraphs[0] != second.paragraphs[0]  # rewritten lead
        assert first.paragraphs[1:] == second.paragraphs[1:]  # same facts
        assert first.labels.section == second.labels.section
        assert first.labels.province == second.labels.province


def test_every_text_is_nfc():
    for a in ARTS:
        for text in (a.title, a.author, *a.paragraphs):
            assert unicodedata.is_normalized("NFC", text), a.key
            assert "  " not in text and text == text.strip()


def test_special_articles_and_failures_are_declared():
    fetch = Counter(a.fetch for a in ARTS)
    assert fetch["robots"] == 1 and fetch["slow"] == 1
    assert sum(1 for a in ARTS if not a.crawlable) == 2
    kinds = {f.kind for f in FAILURES}
    assert kinds == {"dead_host", "http_404", "feed_500", "timeout", "malformed_feed", "bozo_feed",
                     "not_article", "empty_body", "binary", "legacy_encoding", "robots", "offsite"}


def test_generated_file_is_up_to_date():
    committed = json.loads(generate.OUT.read_text(encoding="utf-8"))
    assert committed == json.loads(json.dumps(generate.build(), ensure_ascii=False))


def test_record_parser_reports_bad_records():
    text = "@@ one\noutlet: Hanbien.demo\nat: 2026-11-23 08:00\nsection: local\n# Tiêu đề\nĐoạn một.\n\nĐoạn hai.\n"
    (rec,) = parse_records(text, "x.txt")
    assert rec["title"] == "Tiêu đề" and rec["paragraphs"] == ["Đoạn một.", "Đoạn hai."]
    import pytest

    with pytest.raises(ValueError, match="x.txt: record two"):
        parse_records("@@ two\noutlet Hanbien.demo\n# T\nA\n", "x.txt")
    with pytest.raises(ValueError, match="no '# headline'"):
        parse_records("@@ three\nat: 2026-11-23 08:00\n", "x.txt")


def test_cp1258_encoding_round_trips_through_nfc():
    text = "Quảng Trị: Bộ phận một cửa tiếp nhận hồ sơ của người dân, Đồng Hới, ưu tiên, Nguyễn Thị Ỷ"
    raw = encode_cp1258(text)
    assert raw.decode("cp1258") != text  # tones as combining marks: a decoder must normalise
    assert unicodedata.normalize("NFC", raw.decode("cp1258")) == text
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        raise AssertionError("windows-1258 bytes must not pass as UTF-8")


def test_bulletin_windows_partition_the_corpus():
    days = [date(2026, 11, d) for d in range(23, 28)]
    seen = [a.key for d in days for a in articles_for_bulletin(d, crawlable_only=False)]
    # every article after 22/11 16:00 in exactly one window; the few before belong to 22/11's
    early = [a for a in ARTS if a.published_at <= articles_window_start()]
    assert 1 <= len(early) <= 6
    assert len(seen) == len(set(seen)) == len(ARTS) - len(early)
    for d in days:
        stories = expected_stories(d)
        assert len(stories) >= 12
        assert all(a.crawlable and a.labels.relevant for v in stories.values() for a in v)
        sections = {v[0].labels.section for v in stories.values()}
        assert sections == set(SECTIONS), d
    # a syndicated pair inside one window gives one story with two copies
    assert any(len(v) == 2 for d in days for v in expected_stories(d).values())


def articles_window_start():
    from digest.demo.corpus import bulletin_window

    return bulletin_window("2026-11-23")[0]


def test_failures_name_real_routes():
    by_kind = {f.kind: f for f in failures()}
    slow = next(a for a in ARTS if a.fetch == "slow")
    assert by_kind["timeout"].path == slow.path and by_kind["timeout"].outlet == slow.outlet
    robots = next(a for a in ARTS if a.fetch == "robots")
    assert by_kind["robots"].path == robots.path and by_kind["robots"].outlet == robots.outlet
