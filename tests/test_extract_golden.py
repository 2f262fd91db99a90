"""Golden extraction tests on pages this project wrote (tests/fixtures/pages), imitating the
structures of real outlets: JSON-LD, bylines, captions, related boxes, share widgets, legacy
encodings, site-prefixed titles without <h1>, leads outside the body, Joomla's "PDF In E-mail".
Expected values live in tests/fixtures/expected/extract/*.json; ``drop_captions`` there says the
page is extracted as the crawl stores it, ``paragraphs`` pins the whole body."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from digest.ingest.decode import decode_html
from digest.ingest.extract import GENERIC, extract_article, selectors_for
from digest.text import nfc, paragraphs

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CASES = sorted((FIXTURES / "expected" / "extract").glob("*.json"))


def _load(case: Path) -> tuple[dict, str]:
    want = json.loads(case.read_text(encoding="utf-8"))
    raw = (FIXTURES / "pages" / want["page"]).read_bytes()
    return want, decode_html(raw, want.get("content_type"))


def _check_meta(out, want: dict) -> None:
    assert out.title == want["title"]
    assert out.published_at is not None and out.published_at.utcoffset() is not None
    assert out.published_at == datetime.fromisoformat(want["published_at"])
    assert out.authors == want["authors"]
    if "date_source" in want:
        assert out.date_source == want["date_source"]


def _check_body(text: str, want: dict) -> None:
    assert text == nfc(text), "body must be NFC"
    paras = paragraphs(text)
    assert text == "\n\n".join(paras), "paragraphs separated by exactly one blank line"
    assert paras[0] == want["first_paragraph"]
    if "paragraphs" in want:  # the whole body, paragraph by paragraph
        assert paras == want["paragraphs"]
    for snippet in want["contains"]:
        assert snippet in text, f"missing {snippet!r}"
    for snippet in want["not_contains"]:
        assert snippet not in text, f"should be gone: {snippet!r}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_page_as_crawled(case: Path) -> None:
    """The production path: known selectors for the domain where there are some."""
    want, html = _load(case)
    out = extract_article(html, want["url"], selectors=selectors_for(want["url"], None),
                          drop_captions=want.get("drop_captions", False))
    _check_meta(out, want)
    _check_body(out.text, want)


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_golden_page_generic_extractor(case: Path) -> None:
    """Without any selectors the generic extractor still gets every field right."""
    want, html = _load(case)
    out = extract_article(html, want["url"], selectors=GENERIC,
                          drop_captions=want.get("drop_captions", False))
    assert out.body_source in {"trafilatura", "readability", "jsonld"}
    _check_meta(out, want)
    _check_body(out.text, want)


def test_selectors_default_to_the_known_domain() -> None:
    want, html = _load(FIXTURES / "expected" / "extract" / "vnexpress-mot-cua-dien-tu-da-nang.json")
    assert extract_article(html, want["url"]).body_source == "selectors"
    assert extract_article(html, want["url"], selectors=GENERIC).body_source != "selectors"


def test_windows_1258_page_decodes_to_nfc_vietnamese() -> None:
    raw = (FIXTURES / "pages" / "legacy" / "quang-tri-chi-so-cchc.cp1258.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    html = decode_html(raw)  # no HTTP charset at all: the <meta> decides
    assert "Quảng Trị công bố chỉ số cải cách hành chính" in html
    assert html == nfc(html)
