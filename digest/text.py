"""Vietnamese text helpers: one normal form (NFC), whitespace, diacritic folding, dates and weekdays."""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

# Control characters except tab/newline; zero-width and BOM characters that break matching.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_BLANKS = re.compile(r"\n\s*\n+")


def nfc(value: str | None) -> str:
    """Unicode NFC with control and zero-width characters removed."""
    if not value:
        return ""
    return _CONTROL.sub("", unicodedata.normalize("NFC", value))


def clean_line(value: str | None) -> str:
    """NFC, one space between words, no line breaks: for titles, names, captions."""
    text = nfc(value)
    # str.split() breaks at every space _SPACES names, and at \r, \n and controls nfc() has
    # removed; it also breaks at these four, which _SPACES keeps. Without them (nearly every
    # line) split-and-join is the same and twice as fast: the extractor cleans every line.
    if "\x85" in text or "\u1680" in text or "\u2028" in text or "\u2029" in text:
        return _SPACES.sub(" ", text.replace("\r", " ").replace("\n", " ")).strip()
    return " ".join(text.split())


def clean_text(value: str | None) -> str:
    """NFC body text: paragraphs separated by one blank line, whitespace collapsed inside them."""
    text = nfc(value).replace("\r\n", "\n").replace("\r", "\n")
    paras = [clean_line(p) for p in _BLANKS.split(text)]
    # clean_line folds a single newline inside a paragraph into a space (a soft wrap); only a
    # blank line separates paragraphs. Empty paragraphs are dropped.
    return "\n\n".join(para for para in paras if para)


def paragraphs(text: str | None) -> list[str]:
    """Split body text into its paragraphs (blank-line separated)."""
    return [p for p in clean_text(text).split("\n\n") if p]


@lru_cache(maxsize=512)
def stored_paragraphs(text: str) -> tuple[str, ...]:
    """``paragraphs(text)``, remembered per text: the editors' board splits the same few dozen
    stored articles again on every answer, and cleaning is regex work on the whole text."""
    return tuple(paragraphs(text))


class _FoldTable(dict):
    """Each character's folded form, computed on first sight: a canonical decomposition is per
    character, so folding a string character by character equals folding it whole."""

    def __missing__(self, code: int) -> str:
        out = "".join(ch for ch in unicodedata.normalize("NFD", chr(code))
                      if unicodedata.category(ch) != "Mn")
        self[code] = out
        return out


_FOLD = _FoldTable({ord("đ"): "d"})


def fold(value: str | None) -> str:
    """Lower case without diacritics (đ -> d): for search and accent-insensitive matching."""
    # str.translate with a cached table: the extractor folds every short line it filters.
    return nfc(value).lower().translate(_FOLD)


WEEKDAYS = ["Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật"]


def weekday_vi(day: date) -> str:
    """Vietnamese weekday as the bulletin prints it: 'Thứ Tư', 'Chủ Nhật'."""
    return WEEKDAYS[day.weekday()]


def dmy(day: date, sep: str = "/") -> str:
    """24/5/2023 (no zero padding), as in the bulletin title."""
    return f"{day.day}{sep}{day.month}{sep}{day.year}"


def dm(day: date) -> str:
    """24/5, as in a citation."""
    return f"{day.day}/{day.month}"


def stamp(moment: datetime) -> str:
    """Publication stamp '16:40, Thứ Tư, 24-5-2023' in Vietnam time."""
    local = to_vn(moment)
    return f"{local:%H:%M}, {weekday_vi(local.date())}, {dmy(local.date(), '-')}"


def to_vn(moment: datetime) -> datetime:
    """An aware datetime in Asia/Ho_Chi_Minh; a naive one is taken as already Vietnam time."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=VN_TZ)
    return moment.astimezone(VN_TZ)


def vn_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0, 0), tzinfo=VN_TZ)


def utcnow() -> datetime:
    return datetime.now(UTC)


def parse_hhmm(value: str) -> time:
    hh, mm = value.strip().split(":")
    return time(int(hh), int(mm))


_VN_DATE = re.compile(
    r"(?<!\d)(?P<d>[0-3]?\d)\s*[/\-.]\s*(?P<m>[01]?\d)\s*[/\-.]\s*(?P<y>(?:19|20)\d\d)(?!\d)"
    r"(?:[^\d\n]{0,12}?(?P<H>[0-2]?\d)\s*[:hH]\s*(?P<M>[0-5]\d)(?:\s*:\s*(?P<S>[0-5]\d))?)?"
)
_VN_TIME_FIRST = re.compile(
    r"(?<!\d)(?P<H>[0-2]?\d)\s*[:hH]\s*(?P<M>[0-5]\d)(?:\s*:\s*(?P<S>[0-5]\d))?[^\d\n]{0,14}?"
    r"(?P<d>[0-3]?\d)\s*[/\-.]\s*(?P<m>[01]?\d)\s*[/\-.]\s*(?P<y>(?:19|20)\d\d)(?!\d)"
)
_VN_WORDS = re.compile(
    r"ngày\s+(?P<d>[0-3]?\d)\s+tháng\s+(?P<m>[01]?\d)\s+năm\s+(?P<y>(?:19|20)\d\d)", re.IGNORECASE
)


def parse_vn_datetime(text: str | None) -> datetime | None:
    """First day-first Vietnamese date in ``text``: 'Thứ Tư, 24/5/2023 16:40', '24-05-2023',
    '16:40 24/05/2023', 'ngày 24 tháng 5 năm 2023'. Aware (Asia/Ho_Chi_Minh) or None."""
    if not text:
        return None
    text = nfc(text)
    best: tuple[int, datetime] | None = None
    for pattern in (_VN_TIME_FIRST, _VN_DATE, _VN_WORDS):
        for match in pattern.finditer(text):
            parts = match.groupdict()
            try:
                hour = int(parts.get("H") or 0)
                minute = int(parts.get("M") or 0)
                second = int(parts.get("S") or 0)
                value = datetime(
                    int(parts["y"]), int(parts["m"]), int(parts["d"]), hour, minute, second,
                    tzinfo=VN_TZ,
                )
            except (ValueError, TypeError):
                continue
            if best is None or match.start() < best[0]:
                best = (match.start(), value)
            break
    return best[1] if best else None


def day_bounds(day: date) -> tuple[datetime, datetime]:
    start = vn_midnight(day)
    return start, start + timedelta(days=1)
