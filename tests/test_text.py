"""Vietnamese text helpers: NFC, folding, dates and stamps as the bulletin prints them."""

import unicodedata
from datetime import UTC, date, datetime

from hypothesis import given
from hypothesis import strategies as st

from digest.text import (
    _SPACES,
    VN_TZ,
    clean_line,
    clean_text,
    dm,
    dmy,
    fold,
    nfc,
    parse_vn_datetime,
    stamp,
    weekday_vi,
)


def test_nfc_composes_decomposed_vietnamese() -> None:
    decomposed = unicodedata.normalize("NFD", "Cải cách hành chính")
    assert decomposed != "Cải cách hành chính"
    assert nfc(decomposed) == "Cải cách hành chính"


def test_fold_strips_diacritics_and_d_stroke() -> None:
    assert fold("Đà Nẵng") == "da nang"
    assert fold("THỦ TỤC hành chính") == "thu tuc hanh chinh"


def test_clean_text_keeps_paragraphs_and_collapses_spaces() -> None:
    raw = "  Đoạn   một.\u00a0\n\n\n  Đoạn\thai. \r\n\r\n"
    assert clean_text(raw) == "Đoạn một.\n\nĐoạn hai."


def test_reference_stamp_and_title_parts() -> None:
    moment = datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)
    assert stamp(moment) == "16:40, Thứ Tư, 24-5-2023"
    assert stamp(moment.astimezone(UTC)) == "16:40, Thứ Tư, 24-5-2023"
    assert dmy(date(2023, 5, 24)) == "24/5/2023"
    assert dm(date(2023, 5, 4)) == "4/5"
    assert weekday_vi(date(2023, 5, 28)) == "Chủ Nhật"


def test_parse_vn_dates_day_first() -> None:
    assert parse_vn_datetime("Thứ Tư, 24/5/2023 16:40") == datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)
    assert parse_vn_datetime("Cập nhật: 24-05-2023") == datetime(2023, 5, 24, tzinfo=VN_TZ)
    assert parse_vn_datetime("16:40 24/05/2023 GMT+7") == datetime(2023, 5, 24, 16, 40, tzinfo=VN_TZ)
    assert parse_vn_datetime("ngày 3 tháng 2 năm 2024") == datetime(2024, 2, 3, tzinfo=VN_TZ)
    assert parse_vn_datetime("31/02/2023") is None
    assert parse_vn_datetime("không có ngày") is None


@given(st.text())
def test_parse_vn_datetime_never_raises(value: str) -> None:
    result = parse_vn_datetime(value)
    assert result is None or result.tzinfo is not None


@given(st.text())
def test_clean_text_is_idempotent_and_nfc(value: str) -> None:
    once = clean_text(value)
    assert clean_text(once) == once
    assert unicodedata.is_normalized("NFC", once)


# Every kind of space and break the two ways of collapsing whitespace might treat differently.
_SPACEY = st.text(alphabet=" \t\n\r\x0b\x0c\x1c\x1f\x85\xa0\u1680\u2000\u200a\u200b\u2028\u2029"
                           "\u202f\u205f\u3000\ufeffaăé\u0301x.", max_size=20)


@given(_SPACEY)
def test_clean_line_fast_path_equals_the_regex_definition(value: str) -> None:
    # clean_line splits and joins where that is the same as collapsing _SPACES (see its comment)
    slow = _SPACES.sub(" ", nfc(value).replace("\r", " ").replace("\n", " ")).strip()
    assert clean_line(value) == slow
