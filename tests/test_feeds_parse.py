"""Feed parsing: RSS 0.9x/1.0/2.0 and Atom, Vietnamese dates, bozo feeds, and a fuzz that no
exception ever escapes ``parse_feed``."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.ingest.feeds import parse_feed
from digest.text import VN_TZ
from digest.urls import in_domains
from tests.fixtures.crawl.pages import atom, rss1, rss2

ITEMS = [("https://a.vn/1.html", "Cải cách thủ tục"), ("https://a.vn/2.html", "Một cửa")]

RSS091 = b"""<?xml version="1.0"?><rss version="0.91"><channel><title>T</title>
<link>https://a.vn/</link><description>d</description><language>vi</language>
<item><title>Tin c\xc5\xa9</title><link>https://a.vn/old.html</link><description>x</description></item>
</channel></rss>"""


def test_rss2_rss1_atom_rss091() -> None:
    for body, n in ((rss2(ITEMS), 2), (rss1(ITEMS), 2), (atom(ITEMS), 2), (RSS091, 1)):
        parsed = parse_feed(body, "https://a.vn/rss")
        assert len(parsed.entries) == n, body[:60]
        assert not parsed.bozo and parsed.is_feed
    first = parse_feed(rss2(ITEMS)).entries[0]
    assert first.title == "Cải cách thủ tục" and first.link == "https://a.vn/1.html"
    assert first.published_at == datetime(2023, 5, 24, 0, 15, tzinfo=VN_TZ)
    assert parse_feed(RSS091).entries[0].title == "Tin cũ"


def test_dates_without_offset_are_vietnam_time() -> None:
    body = (b"<rss version='2.0'><channel><item><title>x</title><link>https://a.vn/x</link>"
            b"<pubDate>2023-05-24 16:40:00</pubDate></item><item><title>y</title>"
            b"<link>https://a.vn/y</link><pubDate>Wed, 24 May 2023 09:40:00 GMT</pubDate></item>"
            b"</channel></rss>")
    x, y = parse_feed(body).entries
    assert x.published_at == datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)
    assert y.published_at == datetime(2023, 5, 24, 9, 40, tzinfo=UTC)
    assert x.published_at == y.published_at


def test_relative_links_are_resolved_and_duplicates_dropped() -> None:
    body = (b"<rss version='2.0'><channel><item><title>x</title><link>/tin/1.html</link></item>"
            b"<item><title>x again</title><link>/tin/1.html</link></item></channel></rss>")
    parsed = parse_feed(body, "https://b.vn/rss/home.rss")
    assert [e.link for e in parsed.entries] == ["https://b.vn/tin/1.html"]


def test_truncated_feed_keeps_entries_and_is_flagged() -> None:
    body = rss2(ITEMS)[:-30]
    parsed = parse_feed(body)
    assert parsed.bozo and len(parsed.entries) == 2 and parsed.error


def test_not_a_feed() -> None:
    for body in (b"", b"   ", b"<html><body>404</body></html>", b"\x00\x01\x02\xff"):
        parsed = parse_feed(body)
        assert parsed.entries == [] and not parsed.is_feed and parsed.error


def test_max_items() -> None:
    many = [(f"https://a.vn/{i}", f"t{i}") for i in range(50)]
    assert len(parse_feed(rss2(many), max_items=10).entries) == 10


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=2000))
def test_fuzz_random_bytes(body: bytes) -> None:
    parsed = parse_feed(body, "https://a.vn/rss")
    assert all(e.link.startswith(("http://", "https://")) for e in parsed.entries)


_SEED = rss2(ITEMS) + atom(ITEMS)


@settings(max_examples=50, deadline=None)
@given(st.integers(0, len(_SEED)), st.integers(0, len(_SEED)), st.binary(max_size=40))
def test_fuzz_truncated_and_mutated_xml(cut: int, at: int, junk: bytes) -> None:
    for base in (rss2(ITEMS), rss1(ITEMS), atom(ITEMS)):
        body = base[: cut % (len(base) + 1)]
        mutated = base[: at % (len(base) + 1)] + junk + base[at % (len(base) + 1):]
        for candidate in (body, mutated):
            parsed = parse_feed(candidate, "https://a.vn/rss")
            for entry in parsed.entries:
                assert entry.published_at is None or entry.published_at.tzinfo is not None


REAL_FEEDS = sorted((Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "vi-real"
                     / "feeds").glob("*.xml"))


@pytest.mark.skipif(not REAL_FEEDS, reason="../shared/bench/vi-real/feeds not present")
def test_real_vnexpress_feeds() -> None:
    """Saved VnExpress feeds: every item with a vnexpress.net link, a title, an aware date and a
    summary without the thumbnail markup."""
    total = 0
    for path in REAL_FEEDS:
        parsed = parse_feed(path.read_bytes(), "https://vnexpress.net/rss/tin-moi-nhat.rss")
        assert parsed.is_feed, path.name
        for entry in parsed.entries:
            assert in_domains(entry.link, ["vnexpress.net"]), entry.link  # kinhdoanh. too
            assert entry.link == entry.link.strip() and entry.title
            assert entry.published_at is not None and entry.published_at.utcoffset() is not None
            assert entry.summary is None or "<" not in entry.summary
        total += len(parsed.entries)
    assert total >= 70


def test_a_web_page_at_a_feed_address_is_named_as_such() -> None:
    """The usual reason a feed stops parsing: it moved, and its old address serves a web page."""
    from digest.ingest.feeds import parse_feed

    page = "\n<!DOCTYPE html>\n<html lang='vi'><head><title>Trang chủ</title></head><body><p>Tin</p></body></html>".encode()
    parsed = parse_feed(page, "https://baotayninh.vn/rss/thoi-su.rss")
    assert not parsed.is_feed and not parsed.entries
    assert parsed.error is not None and parsed.error.startswith("an HTML page, not a feed")
    assert parse_feed(b"<rss version='2.0'><channel></channel></rss>", "https://x.vn/rss").error is None
