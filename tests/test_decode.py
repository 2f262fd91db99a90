"""decode_html: HTTP charset, BOM, <meta>, detection; legacy Vietnamese; binary bodies."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.errors import InvalidInput
from digest.ingest.decode import decode_html, http_charset, is_binary, meta_charset

VI = "Cải cách hành chính: Thủ tướng yêu cầu đẩy mạnh dịch vụ công trực tuyến toàn trình"


def _page(charset_meta: str = "", body: str = VI) -> str:
    return f"<html><head>{charset_meta}<title>t</title></head><body><p>{body}</p></body></html>"


def test_http_charset_wins_over_meta() -> None:
    raw = _page('<meta charset="windows-1258">').encode("utf-8")
    assert VI in decode_html(raw, "text/html; charset=UTF-8")


def test_meta_charset_used_when_http_is_silent() -> None:
    raw = _page('<meta http-equiv="Content-Type" content="text/html; charset=utf-8">').encode("utf-8")
    assert VI in decode_html(raw, "text/html")
    assert meta_charset(raw) == "utf-8"


def test_bom_wins_over_meta() -> None:
    raw = codecs.BOM_UTF8 + _page('<meta charset="iso-8859-1">').encode("utf-8")
    assert VI in decode_html(raw)
    utf16 = codecs.BOM_UTF16_LE + _page().encode("utf-16-le")
    assert VI in decode_html(utf16)


def test_windows_1258_combining_marks_become_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Thủ tướng")
    # cp1258 writes "ủ" as u + combining hook: encode that form by hand.
    raw = _page('<meta charset="windows-1258">', "Thu\u0309 tươ\u0301ng").encode("cp1258")
    text = decode_html(raw)
    assert "Thủ tướng" in text and decomposed not in text
    assert text == unicodedata.normalize("NFC", text)


def test_latin1_label_means_windows_1252() -> None:
    raw = _page('<meta charset="iso-8859-1">', "“once only” — café").encode("cp1252")
    assert "“once only” — café" in decode_html(raw)
    assert "“once only”" in decode_html(raw, "text/html; charset=ISO-8859-1")


def test_utf8_mislabelled_latin1_by_the_server_is_read_as_utf8() -> None:
    raw = _page().encode("utf-8")
    assert VI in decode_html(raw, "text/html; charset=iso-8859-1")


def test_detection_without_any_declaration() -> None:
    assert VI in decode_html(_page().encode("utf-8"))
    legacy = _page(body="Bản tin cải cách hành chính " * 20).encode("utf-8")
    assert "Bản tin" in decode_html(legacy, None)


def test_unknown_charset_label_falls_back_to_detection() -> None:
    raw = _page('<meta charset="x-no-such-charset">').encode("utf-8")
    assert VI in decode_html(raw)
    assert http_charset("text/html; charset=bogus") is None


@pytest.mark.parametrize("raw", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    b"\xff\xd8\xff\xe0\x00\x10JFIF",
    b"GIF89a\x01\x00\x01\x00",
    b"PK\x03\x04\x14\x00",
    b"<html>\x00\x00\x00 binary junk",
])
def test_binary_bodies_raise_invalid_input(raw: bytes) -> None:
    assert is_binary(raw)
    with pytest.raises(InvalidInput, match="^binary"):
        decode_html(raw)


def test_binary_content_type_raises_even_for_texty_bytes() -> None:
    with pytest.raises(InvalidInput, match="^binary"):
        decode_html(b"<html>not really</html>", "image/png")
    assert not is_binary(b"<html/>", "application/xhtml+xml")


def test_empty_and_str_inputs() -> None:
    assert decode_html(b"") == ""
    assert decode_html("đã giải mã") == "đã giải mã"


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from([None, "text/html", "text/html; charset=utf-8",
                                                   "text/html; charset=windows-1258", "text/html; charset=bogus",
                                                   "text/html; charset=iso-8859-1", "application/pdf"]))
def test_fuzz_decode_returns_text_or_invalid_input(raw: bytes, ctype: str | None) -> None:
    try:
        out = decode_html(raw, ctype)
    except InvalidInput as exc:
        assert str(exc).startswith("binary")
        return
    assert isinstance(out, str) and "\x00" not in out


def _cp1258(text: str) -> bytes:
    """``text`` as a legacy Vietnamese page holds it: letters cp1258 has (â, ơ, ư...) whole, the
    tone marks it has not as combining characters after them."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            for mark in marks:  # â, ê, ô, ă, ơ, ư are whole letters in cp1258
                whole = unicodedata.normalize("NFC", base + mark)
                if len(whole) == 1 and whole.encode("cp1258", "ignore"):
                    base = whole
                    marks.remove(mark)
                    break
            out.append((base + "".join(marks)).encode("cp1258"))
    return b"".join(out)


@pytest.mark.parametrize(("header", "meta", "encoding"), [
    ("utf-8", "windows-1258", "cp1258"),  # a UTF-8 server default over a legacy page
    ("utf-8", "", "cp1258"),  # no meta: detected, never U+FFFD for every accented letter
    ("iso-8859-1", "windows-1258", "cp1258"),  # the generic label gives way to the page's own
    ("windows-1258", "windows-1258", "utf-8"),  # a legacy label over UTF-8 bytes
    ("", "windows-1258", "utf-8"),
])
def test_a_charset_that_contradicts_the_bytes_does_not_garble_the_text(header: str, meta: str, encoding: str) -> None:
    words = "Quảng Ngãi tiếp nhận hồ sơ trực tuyến, Bình Dương cắt giảm thủ tục hành chính"
    page = _page(f'<meta charset="{meta}">' if meta else "", words)
    raw = page.encode("utf-8") if encoding == "utf-8" else _cp1258(page)
    text = decode_html(raw, f"text/html; charset={header}" if header else "text/html")
    if encoding == "cp1258" and not meta:
        assert "\ufffd" not in text  # detection may not find cp1258 itself, but loses nothing for good
        return
    assert words in text and "\ufffd" not in text


def test_a_utf8_page_with_one_broken_byte_stays_utf8() -> None:
    """One stray byte in a UTF-8 page is one U+FFFD, not a reason to read the page otherwise."""
    raw = _page('<meta charset="utf-8">', VI + " \xff " + VI).encode("utf-8").replace(b"\xc3\xbf", b"\xff")
    text = decode_html(raw, "text/html; charset=utf-8")
    assert text.count(VI) == 2 and text.count("\ufffd") == 1
