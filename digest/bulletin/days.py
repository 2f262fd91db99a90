"""The range of bulletin days any command or page accepts.

Dates outside it are typing accidents (0001-01-01, 9999-12-31) that would otherwise overflow
time-zone arithmetic or create absurd drafts: they get a clear one-line error instead.
"""

from __future__ import annotations

from datetime import date, timedelta

from digest.errors import InvalidInput
from digest.text import to_vn, utcnow

FIRST_DAY = date(2000, 1, 1)
AHEAD_DAYS = 366  # a typo guard for every date argument; drafting itself stops at today (draft.py)


def last_day() -> date:
    """The latest acceptable day: a year from today (Vietnam time)."""
    return to_vn(utcnow()).date() + timedelta(days=AHEAD_DAYS)


def check_day(day: date, what: str = "date") -> date:
    """``day`` when it lies between FIRST_DAY and a year from now; InvalidInput otherwise."""
    latest = last_day()
    if not FIRST_DAY <= day <= latest:
        raise InvalidInput(f"{what} {day.isoformat()} is out of range "
                           f"({FIRST_DAY.isoformat()} to {latest.isoformat()})")
    return day


def parse_day(value: str, what: str = "date", future: bool = False) -> date:
    """A YYYY-MM-DD string as a checked day; InvalidInput naming ``what`` otherwise.
    ``future``: any later day is fine too (a filter such as --since that simply finds nothing)."""
    try:
        day = date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise InvalidInput(f"{what} {value!r}: expected YYYY-MM-DD") from None
    if future and day > FIRST_DAY:
        return day
    return check_day(day, what)
