"""Hypothesis fuzzing of extract_article: random bytes, truncated and mutated HTML never raise."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.errors import InvalidInput
from digest.ingest.decode import decode_html
from digest.ingest.extract import GENERIC, Extracted, Selectors, extract_article

PAGES = sorted((Path(__file__).resolve().parent / "fixtures" / "pages").rglob("*.html"))
TEXTS = [decode_html(p.read_bytes()) for p in PAGES]
URLS = st.sampled_from(["https://vnexpress.net/a-1.html", "https://tuoitre.vn/b.htm", "", "not a url",
                        "https://baohaiduong.vn/x", "http://[::1", "https://dantri.com.vn/c.htm"])
SELECTORS = st.sampled_from([None, GENERIC, Selectors(body="article", drop=["div[", ".x"]),
                             Selectors(title="xpath://h1", body="xpath:count(//p)", date="p", author="strong")])

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check(out: Extracted) -> None:
    assert isinstance(out, Extracted)
    assert isinstance(out.title, str) and isinstance(out.text, str)
    assert all(isinstance(a, str) and a for a in out.authors)
    assert out.published_at is None or (isinstance(out.published_at, datetime)
                                        and out.published_at.utcoffset() is not None)
    if out.text:
        assert "\n\n\n" not in out.text and out.text == out.text.strip()


@FUZZ
@given(st.binary(max_size=4000), URLS)
def test_random_bytes(raw: bytes, url: str) -> None:
    try:
        html = decode_html(raw)
    except InvalidInput:
        html = raw.decode("utf-8", "replace")
    _check(extract_article(html, url, errors="raise"))


@FUZZ
@given(st.text(max_size=3000), URLS, SELECTORS)
def test_random_text(text: str, url: str, selectors) -> None:
    _check(extract_article(text, url, selectors=selectors, errors="raise"))


@FUZZ
@given(st.sampled_from(TEXTS), st.floats(0, 1), URLS, SELECTORS)
def test_truncated_pages(html: str, cut: float, url: str, selectors) -> None:
    _check(extract_article(html[: int(len(html) * cut)], url, selectors=selectors, errors="raise"))


@FUZZ
@given(st.sampled_from(TEXTS), st.lists(st.tuples(st.floats(0, 1), st.integers(0, 40),
                                                  st.sampled_from(["", "<", ">", "</div>", "<p>", "\x00",
                                                                   "<script>", "&#", "<!--", "]]>", "\ufffd",
                                                                   "<meta charset='x'>", '"'])),
                                        max_size=8), URLS)
def test_mutated_pages(html: str, edits, url: str) -> None:
    for where, length, insert in edits:
        at = int(len(html) * where)
        html = html[:at] + insert + html[at + length:]
    _check(extract_article(html, url, feed_date=datetime(2023, 5, 24), errors="raise"))
