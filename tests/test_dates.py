"""Feed dates as outlets write them: real captures (../shared/bench/feeds-real), our own fixtures
in the same formats, and properties (round trips, day/month order, never after the fetch)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from digest.ingest.dates import DateError, infer_order, parse_date, parse_many, resolve_published
from digest.ingest.feeds import parse_feed
from digest.text import VN_TZ, to_vn
from tests.conftest import SHARED
from tests.fixtures.crawl.pages import rss2_dated

FEEDS_REAL = SHARED / "bench" / "feeds-real"
CAPTURES = sorted(FEEDS_REAL.rglob("*.xml")) if FEEDS_REAL.is_dir() else []
FETCHED = datetime(2026, 10, 1, tzinfo=UTC)  # after every capture


def vn(*args: int) -> datetime:
    return datetime(*args, tzinfo=VN_TZ)  # type: ignore[misc]


# ------------------------------------------------------------------ real captures
@pytest.mark.skipif(not CAPTURES, reason=f"{FEEDS_REAL} not present (set BANTIN_SHARED)")
@pytest.mark.parametrize("path", CAPTURES, ids=lambda p: p.name)
def test_every_real_capture_dates_every_item(path) -> None:  # type: ignore[no-untyped-def]
    """Each item dated, as the wall-clock time the outlet wrote (all write Vietnam time), none
    dropped: the "+07" of VTV is hours, the .NET dates of Báo Chính phủ are month first."""
    body = path.read_bytes()
    parsed = parse_feed(body, "https://example.vn/rss", fetched_at=FETCHED)
    assert parsed.entries and not parsed.date_failures, parsed.date_failures
    raws = [e.get("published") for e in feedparser.parse(body).entries]
    assert len(raws) == len(parsed.entries)
    for entry, raw in zip(parsed.entries, raws, strict=False):
        when = entry.published_at
        assert when is not None and when.utcoffset() is not None, raw
        local = to_vn(when)
        assert local.year == 2026 and local.month == 9, (raw, when)
        clock = {local.strftime("%H:%M:%S"), f"{local.hour % 12 or 12}:{local:%M:%S}"}
        assert any(c in raw for c in clock), (raw, when)
        assert str(local.day) in raw, (raw, when)


@pytest.mark.skipif(not CAPTURES, reason=f"{FEEDS_REAL} not present (set BANTIN_SHARED)")
def test_real_capture_values() -> None:
    by_name = {p.name: parse_feed(p.read_bytes(), "https://x.vn/", fetched_at=FETCHED) for p in CAPTURES}
    assert {e.published_at for e in by_name["baochinhphu-1.xml"].entries} == {
        vn(2026, 9, 14, 18, 44), vn(2026, 9, 13, 20, 1)}
    assert by_name["baochinhphu-1.xml"].date_order == "mdy"
    assert vn(2026, 9, 14, 19, 46, 22) in {e.published_at for e in by_name["vtv-1.xml"].entries}
    assert vn(2026, 9, 15, 9, 2, 15) in {e.published_at for e in by_name["vietnambiz-1.xml"].entries}


# ------------------------------------------------------------------ our fixtures, same formats
def test_formats_outlets_write() -> None:
    cases = {
        "9/14/2026 6:44:00 PM": vn(2026, 9, 14, 18, 44),        # Báo Chính phủ, Tuổi Trẻ
        "9/14/2026 12:05:00 AM": vn(2026, 9, 14, 0, 5),
        "Mon, 14 Sep 2026 19:46:22 +07": vn(2026, 9, 14, 19, 46, 22),  # VTV
        "Tue, 15 Sep 2026 09:02:15 GMT+7": vn(2026, 9, 15, 9, 2, 15),  # vietnambiz
        "<![CDATA[Tue, 15 Sep 2026 09:02:15 GMT+7]]>": vn(2026, 9, 15, 9, 2, 15),
        "Mon, 14 Sep 26 09:13:00 +0700": vn(2026, 9, 14, 9, 13),  # Thanh Niên, two-digit year
        "Mon, 14 Sep 2026 18:48:23 +07:00": vn(2026, 9, 14, 18, 48, 23),
        "Mon, 14 Sep 2026 11:48:23 GMT": vn(2026, 9, 14, 18, 48, 23),
        "Mon, 14 Sep 2026 18:48:23 -0000": vn(2026, 9, 14, 18, 48, 23),  # "unknown": local
        "2026-09-14 18:48": vn(2026, 9, 14, 18, 48),               # no zone: Vietnam time
        "2026-09-14T11:48:23Z": vn(2026, 9, 14, 18, 48, 23),
        "14/09/2026 18:48": vn(2026, 9, 14, 18, 48),
        "Thứ hai, 14/9/2026, 18:48 (GMT+7)": vn(2026, 9, 14, 18, 48),
        "14/09/2026 - 18:48": vn(2026, 9, 14, 18, 48),
        "Mon, 14 Sep 2026 07:48:23 EDT": vn(2026, 9, 14, 18, 48, 23),  # foreign feeds' zone names
        "Mon, 14 Sep 2026 18:48:23 ICT": vn(2026, 9, 14, 18, 48, 23),
        "Sep 14, 2026 6:48 PM": vn(2026, 9, 14, 18, 48),
        "Thứ Hai, ngày 14 tháng 9 năm 2026": vn(2026, 9, 14),  # in words
        "Thứ hai, ngày 14 tháng 9 năm 2026 - 18:48": vn(2026, 9, 14, 18, 48),
    }
    for raw, expected in cases.items():
        assert parse_date(raw, not_after=FETCHED) == expected, raw


def test_unreadable_dates_raise() -> None:
    for raw in ("", "hôm qua", "Mon, 14 Foo 2026 10:00:00 +07", "31/02/2026", "14 Sep 2026 25:00 +07",
                "Mon, 14 Sep 2026 10:00:00 +25", "1/1/1900"):
        with pytest.raises(DateError):
            parse_date(raw)


def test_ambiguous_day_month_follows_the_feed() -> None:
    """8/12/2026 in a month-first feed is 12 August, even fetched after 8 December."""
    december = datetime(2026, 12, 10, tzinfo=UTC)
    items = [("https://a.vn/1.html", "Một", "9/14/2026 6:44:00 PM"),
             ("https://a.vn/2.html", "Hai", "8/12/2026 7:00:00 AM")]
    parsed = parse_feed(rss2_dated(items), fetched_at=december)
    assert parsed.date_order == "mdy"
    assert parsed.entries[1].published_at == vn(2026, 8, 12, 7)
    # nothing in the feed settles it: the configured order does
    alone = rss2_dated(items[1:])
    assert parse_feed(alone, fetched_at=december, date_order="mdy").entries[0].published_at == vn(2026, 8, 12, 7)
    assert parse_feed(alone, fetched_at=december, date_order="dmy").entries[0].published_at == vn(2026, 12, 8, 7)
    # neither: the reading that is not in the future
    september = datetime(2026, 9, 20, tzinfo=UTC)
    assert parse_feed(alone, fetched_at=september).entries[0].published_at == vn(2026, 8, 12, 7)


def test_bad_and_future_dates_are_failures_not_the_fetch_time() -> None:
    items = [("https://a.vn/1.html", "Một", "hôm qua"),
             ("https://a.vn/2.html", "Hai", "Mon, 14 Sep 2026 19:46:22 +07"),
             ("https://a.vn/3.html", "Ba", "Fri, 25 Dec 2026 08:00:00 +07"),
             ("https://a.vn/4.html", "Bốn", "Mon, 14 Sep 2026 19:46:22 +07")]
    parsed = parse_feed(rss2_dated(items), fetched_at=FETCHED)
    assert [e.published_at for e in parsed.entries] == [None, vn(2026, 9, 14, 19, 46, 22), None,
                                                        vn(2026, 9, 14, 19, 46, 22)]
    assert [(f.link, f.raw) for f in parsed.date_failures] == [
        ("https://a.vn/1.html", "hôm qua"), ("https://a.vn/3.html", "Fri, 25 Dec 2026 08:00:00 +07")]
    assert "after the fetch" in parsed.date_failures[1].reason


def test_resolve_published() -> None:
    fetched = vn(2026, 9, 20, 10)
    page, feed = vn(2026, 9, 19, 8), vn(2026, 9, 19, 9)
    assert resolve_published(page, "metadata", feed, fetched) == (page, "metadata", None)
    assert resolve_published(None, None, feed, fetched) == (feed, "feed", None)
    when, source, problem = resolve_published(vn(2027, 1, 1), "metadata", feed, fetched)
    assert (when, source) == (feed, "feed") and problem and "after the fetch" in problem
    # a few minutes of clock skew is clamped to the fetch, never kept in the future
    assert resolve_published(fetched + timedelta(minutes=3), "page", None, fetched)[0] == fetched
    assert resolve_published(None, None, None, fetched) == (None, None, None)


# ------------------------------------------------------------------ properties
MOMENTS = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
    lambda d: d.replace(microsecond=0, tzinfo=VN_TZ))
RFC_ZONES = {"+07": VN_TZ, "+0700": VN_TZ, "+07:00": VN_TZ, "GMT+7": VN_TZ, "GMT+07:00": VN_TZ,
             "GMT": UTC, "+0000": UTC, "Z": UTC, "": VN_TZ}


def rfc(moment: datetime, zone: str, two_digit_year: bool = False) -> str:
    year = f"{moment.year % 100:02d}" if two_digit_year else str(moment.year)
    return f"{moment:%a, %d %b} {year} {moment:%H:%M:%S} {zone}".strip()


def dotnet(moment: datetime, order: str) -> str:
    first, second = (moment.month, moment.day) if order == "mdy" else (moment.day, moment.month)
    hour = moment.hour % 12 or 12
    return f"{first}/{second}/{moment.year} {hour}:{moment:%M:%S} {'PM' if moment.hour >= 12 else 'AM'}"


@given(MOMENTS, st.sampled_from(sorted(RFC_ZONES)), st.booleans())
def test_rfc822_variants_round_trip(moment: datetime, zone: str, short_year: bool) -> None:
    local = moment.replace(tzinfo=RFC_ZONES[zone])
    assert parse_date(rfc(local, zone, short_year)) == local


@given(MOMENTS, st.sampled_from(["mdy", "dmy"]))
def test_numeric_dates_round_trip_with_their_order(moment: datetime, order: str) -> None:
    assert parse_date(dotnet(moment, order), order=order) == moment  # type: ignore[arg-type]


@given(st.lists(MOMENTS, min_size=1, max_size=20), st.sampled_from(["mdy", "dmy"]))
def test_inferred_order_is_never_the_wrong_one(moments: list[datetime], order: str) -> None:
    inferred = infer_order(dotnet(m, order) for m in moments)
    assert inferred in (order, None)
    if any(m.day > 12 for m in moments):
        assert inferred == order
    # so a whole feed parsed with its inferred order gets every date right
    dates, errors = parse_many([dotnet(m, order) for m in moments],
                               order=None if inferred is None else inferred)
    if inferred is not None:
        assert dates == moments and not errors


@given(MOMENTS, st.sampled_from(["mdy", "dmy"]))
def test_fetched_at_publication_the_right_reading_wins(moment: datetime, order: str) -> None:
    """An item fetched when it was published: the other reading is either later (the future)
    or earlier (not the nearest), so the order need not be known."""
    assert parse_date(dotnet(moment, order), not_after=moment) == moment


@given(st.one_of(MOMENTS.map(lambda m: dotnet(m, "mdy")), MOMENTS.map(lambda m: rfc(m, "+07")),
                 st.text(max_size=40)),
       MOMENTS, st.sampled_from([None, "mdy", "dmy"]))
def test_never_after_the_fetch_and_only_date_errors(raw: str, fetched: datetime,
                                                   order: str | None) -> None:
    try:
        value = parse_date(raw, order=order, not_after=fetched)  # type: ignore[arg-type]
    except DateError:
        return
    assert value <= fetched and value.utcoffset() is not None


@given(MOMENTS)
def test_two_digit_offsets_are_hours(moment: datetime) -> None:
    assume(moment.year < 2099)
    assert parse_date(rfc(moment, "+07")).utcoffset() == timedelta(hours=7)


def test_a_feed_that_cannot_tell_follows_its_sibling() -> None:
    december = datetime(2026, 12, 10, tzinfo=UTC)
    alone = rss2_dated([("https://a.vn/2.html", "Hai", "8/12/2026 7:00:00 AM")])
    parsed = parse_feed(alone, fetched_at=december, fallback_order="mdy")
    assert parsed.entries[0].published_at == vn(2026, 8, 12, 7) and parsed.date_order == "mdy"
    # the feed's own unambiguous items and the configured order both outrank the sibling's
    own = rss2_dated([("https://a.vn/1.html", "Một", "14/9/2026 18:44"),
                      ("https://a.vn/2.html", "Hai", "8/12/2026 7:00")])
    assert parse_feed(own, fetched_at=december, fallback_order="mdy").entries[1].published_at == vn(2026, 12, 8, 7)
    assert parse_feed(alone, fetched_at=december, date_order="dmy",
                      fallback_order="mdy").entries[0].published_at == vn(2026, 12, 8, 7)
