"""Dates as Vietnamese outlets write them in feeds: one strict parser, no silent fallbacks.

Seen in real feeds: RFC 822 with ``+0700``, ``+07:00``, ``+07`` (two-digit offset, which the
standard library reads as seven *minutes*), ``GMT+7``, two-digit years (``14 Sep 26``), .NET
month-first dates without a zone (``9/14/2026 6:44:00 PM``, Báo Chính phủ, Tuổi Trẻ), ISO 8601.
A missing zone means Vietnam time. Day/month order of numeric dates is per source: configured,
else read off the feed's unambiguous items (:func:`infer_order`), else the reading that is not
after the fetch and nearest to it. No result is ever after ``not_after`` (the fetch time): a
string that cannot be read, or only as a future date, raises :class:`DateError` so the caller
counts it instead of replacing it with the fetch time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone, tzinfo
from typing import Literal

from digest.text import VN_TZ

Order = Literal["dmy", "mdy"]
ORDERS: tuple[Order, ...] = ("dmy", "mdy")

# A publisher's clock a few minutes ahead of ours is skew, not a wrong date: clamp it.
SKEW = timedelta(minutes=10)

_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}

_TIME = r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?\s*(?P<ampm>[AaPp]\.?[Mm]\.?|SA|CH)?"
# Zone: "Z", "GMT", "UTC", "ICT", "+07", "+0700", "+07:00", "GMT+7", "UTC+07:00", "(GMT+7)".
# Named zones of foreign feeds, hours east of UTC ("ICT" is Vietnam's own).
_NAMED = {"Z": 0, "GMT": 0, "UTC": 0, "UT": 0, "ICT": 7, "WIB": 7, "SGT": 8, "HKT": 8, "JST": 9,
          "KST": 9, "BST": 1, "CET": 1, "CEST": 2, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5,
          "MST": -7, "MDT": -6, "PST": -8, "PDT": -7}
_ZONE = (r"(?P<zone>\(?(?:(?:GMT|UTC|UT)?\s*(?P<sign>[+-])\s*(?P<zh>\d{1,2})(?::?(?P<zm>\d{2}))?"
         r"|(?P<name>" + "|".join(sorted(_NAMED, key=len, reverse=True)) + r"))\)?)")
_RFC = re.compile(
    r"^(?:[A-Za-z]{2,9}\.?,?\s*)?(?P<d>\d{1,2})[\s-]+(?P<mon>[A-Za-z]{3,9})\.?[\s-]+(?P<y>\d{2}|\d{4})"
    rf"(?:[\sT,]+{_TIME})?\s*{_ZONE}?$")
_MDY_WORDS = re.compile(  # "Sep 14, 2026 6:44 PM" (English month first)
    r"^(?:[A-Za-z]{2,9}\.?,?\s*)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})"
    rf"(?:[\s,]+(?:at\s+)?{_TIME})?\s*{_ZONE}?$")
_ISO = re.compile(
    r"^(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    rf"(?:[T\s]+{_TIME})?\s*{_ZONE}?$")
_YMD = re.compile(rf"^(?P<y>\d{{4}})[/.](?P<m>\d{{1,2}})[/.](?P<d>\d{{1,2}})(?:[\sT,]+{_TIME})?\s*{_ZONE}?$")
_NUMERIC = re.compile(
    r"^(?:[^\d]{0,20}?)(?P<a>\d{1,2})[/.-](?P<b>\d{1,2})[/.-](?P<y>\d{4}|\d{2})"
    rf"(?:[\s,|-]+(?:lúc\s+)?{_TIME})?\s*{_ZONE}?$")
# "Thứ năm, ngày 25 tháng 5 năm 2023 - 16:40": the date in words, as some Vietnamese feeds write it
_VN_WORDS = re.compile(
    r"^(?:[^\d]{0,24}?)ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:năm\s+|,\s*|/\s*)(?P<y>\d{4})"
    rf"(?:[\s,|-]+(?:lúc\s+)?{_TIME})?\s*{_ZONE}?$", re.IGNORECASE)
_CDATA = re.compile(r"^<!\[CDATA\[(.*)\]\]>$", re.S)


class DateError(ValueError):
    """A date string that cannot be read as a moment at or before the fetch."""


def _clean(text: str) -> str:
    value = " ".join(str(text).split())
    match = _CDATA.match(value)
    return " ".join(match.group(1).split()) if match else value


def _year(raw: str) -> int:
    year = int(raw)
    # Two-digit years (Thanh Niên's "14 Sep 26"): news is never from the last century here.
    return 2000 + year if len(raw) == 2 else year


def _zone(match: re.Match[str]) -> tzinfo:
    zone = match.group("zone")
    if not zone:
        return VN_TZ
    if match.group("sign"):
        hours, minutes = int(match.group("zh")), int(match.group("zm") or 0)
        if hours > 14 or minutes > 59:
            raise DateError(f"offset {zone!r} is out of range")
        if hours == 0 and minutes == 0 and match.group("sign") == "-":
            return VN_TZ  # RFC 822 "-0000": offset unknown, i.e. no zone at all
        delta = timedelta(hours=hours, minutes=minutes)
        return timezone(-delta if match.group("sign") == "-" else delta)
    hours = _NAMED[match.group("name")]
    return VN_TZ if hours == 7 else timezone(timedelta(hours=hours))


def _clock(match: re.Match[str]) -> tuple[int, int, int]:
    if not match.group("H"):
        return 0, 0, 0
    hour, minute, second = int(match.group("H")), int(match.group("M")), int(match.group("S") or 0)
    ampm = (match.group("ampm") or "").replace(".", "").upper()
    if ampm:
        if not 1 <= hour <= 12:
            raise DateError(f"hour {hour} with {ampm}")
        pm = ampm in ("PM", "CH")
        hour = (hour % 12) + (12 if pm else 0)
    return hour, minute, second


def _build(year: int, month: int, day: int, match: re.Match[str]) -> datetime:
    hour, minute, second = _clock(match)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=_zone(match))
    except ValueError as exc:
        raise DateError(str(exc)) from None


def _numeric_fields(text: str) -> tuple[int, int] | None:
    """(first, second) number of a d/m/y or m/d/y date, or None for other shapes."""
    match = _NUMERIC.match(_clean(text))
    return (int(match.group("a")), int(match.group("b"))) if match else None


def infer_order(raws: Iterable[str | None]) -> Order | None:
    """The day/month order the unambiguous dates of one feed show (a first number above 12 is
    a day, a second above 12 is a day); None when no item settles it. The majority wins."""
    votes = {"dmy": 0, "mdy": 0}
    for raw in raws:
        fields = _numeric_fields(raw) if raw else None
        if fields is None:
            continue
        first, second = fields
        if first > 12 >= second:
            votes["dmy"] += 1
        elif second > 12 >= first:
            votes["mdy"] += 1
    if not votes["dmy"] and not votes["mdy"]:
        return None
    return "mdy" if votes["mdy"] > votes["dmy"] else "dmy"


def _candidates(match: re.Match[str], order: Order | None) -> list[datetime]:
    first, second, year = int(match.group("a")), int(match.group("b")), _year(match.group("y"))
    if first > 12 or second > 12 or first == second:
        day, month = (first, second) if first > 12 or first == second else (second, first)
        return [_build(year, month, day, match)]
    readings = [order] if order else list(ORDERS)
    out = []
    for reading in readings:
        day, month = (first, second) if reading == "dmy" else (second, first)
        out.append(_build(year, month, day, match))
    return out


def parse_date(text: str, order: Order | None = None,
               not_after: datetime | None = None) -> datetime:
    """The aware moment ``text`` names (Vietnam time when it has no zone).

    ``order`` settles numeric dates whose day and month are both 12 or less; without it the
    reading nearest before ``not_after`` wins (and "dmy", the Vietnamese habit, when no
    ``not_after`` is given). Raises :class:`DateError` for anything else, including a moment
    more than a few minutes after ``not_after`` (a few minutes ahead is clamped to it)."""
    value = _clean(text)
    if not value:
        raise DateError("empty date")
    found: list[datetime] | None = None
    if match := _RFC.match(value):
        month = _MONTHS.get(match.group("mon")[:3].lower())
        if month is None:
            raise DateError(f"unknown month {match.group('mon')!r} in {value!r}")
        found = [_build(_year(match.group("y")), month, int(match.group("d")), match)]
    elif (match := _MDY_WORDS.match(value)) and match.group("mon")[:3].lower() in _MONTHS:
        found = [_build(int(match.group("y")), _MONTHS[match.group("mon")[:3].lower()],
                        int(match.group("d")), match)]
    elif (match := _ISO.match(value)) or (match := _YMD.match(value)):
        found = [_build(int(match.group("y")), int(match.group("m")), int(match.group("d")), match)]
    elif match := _NUMERIC.match(value):
        found = _candidates(match, order)
    elif match := _VN_WORDS.match(unicodedata.normalize("NFC", value)):
        found = [_build(int(match.group("y")), int(match.group("m")), int(match.group("d")), match)]
    if not found:
        raise DateError(f"unrecognised date {value[:80]!r}")
    found = [d for d in found if 1990 <= d.year <= 2100]
    if not found:
        raise DateError(f"year out of range in {value[:80]!r}")
    if not_after is None:
        return found[0]
    limit = not_after + SKEW
    past = [d for d in found if d <= limit]
    if not past:
        raise DateError(f"{value[:80]!r} is after the fetch ({not_after.isoformat()})")
    return min(max(past), not_after)


def parse_many(raws: list[str | None], order: Order | None = None,
               not_after: datetime | None = None
               ) -> tuple[list[datetime | None], list[tuple[int, str, str]]]:
    """Parse one feed's dates with one day/month order (``order``, else inferred from them).

    Returns the dates (None where an item has no date string or it failed) and the failures as
    (index, raw string, reason)."""
    order = order or infer_order(raws)
    dates: list[datetime | None] = []
    errors: list[tuple[int, str, str]] = []
    for index, raw in enumerate(raws):
        if raw is None or not str(raw).strip():
            dates.append(None)
            continue
        try:
            dates.append(parse_date(raw, order, not_after))
        except DateError as exc:
            dates.append(None)
            errors.append((index, str(raw), str(exc)))
    return dates, errors


def resolve_published(page: datetime | None, page_source: str | None, feed: datetime | None,
                      fetched_at: datetime) -> tuple[datetime | None, str | None, str | None]:
    """An article's publication moment: the page's own date, else the feed's; never after the
    fetch. Returns (moment, where it came from, problem): a page date after the fetch is
    dropped for the feed's and reported; (None, None, None) when neither source has a date
    (the store then keeps the first-seen time, marked "fetched")."""
    problem = None
    if page is not None and page > fetched_at + SKEW:
        problem = f"page date {page.isoformat()} is after the fetch: ignored"
        page = None
    if page is not None:
        return min(page, fetched_at), page_source or "metadata", problem
    if feed is not None and feed <= fetched_at + SKEW:
        return min(feed, fetched_at), "feed", problem
    return None, None, problem
