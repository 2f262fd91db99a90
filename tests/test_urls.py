"""Canonical URLs: one key for every spelling of one article link."""

from __future__ import annotations

import pytest

from digest.urls import canonical_url, clean_url, host_of, in_domains, url_key

SAME = [
    "https://vnexpress.net/cai-cach-4608.html",
    "http://vnexpress.net/cai-cach-4608.html",
    "https://www.vnexpress.net/cai-cach-4608.html",
    "HTTPS://VnExpress.NET/cai-cach-4608.html",
    "https://vnexpress.net/cai-cach-4608.html#box_comment",
    "https://vnexpress.net/cai-cach-4608.html?utm_source=facebook&utm_campaign=x",
    "https://vnexpress.net/cai-cach-4608.html?fbclid=IwAR0abc",
    "https://vnexpress.net/cai-cach-4608.html?gclid=1&zarsrc=30&utm_medium=zalo",
    "https://vnexpress.net:443/cai-cach-4608.html",
    "  https://vnexpress.net/cai-cach-4608.html  ",
]


@pytest.mark.parametrize("variant", SAME)
def test_variants_share_one_key(variant: str) -> None:
    assert url_key(variant) == url_key(SAME[0])
    assert canonical_url(variant) == "https://vnexpress.net/cai-cach-4608.html"


def test_query_is_sorted_and_meaningful_params_kept() -> None:
    assert canonical_url("https://a.vn/tin?id=5&cat=2&utm_source=x") == "https://a.vn/tin?cat=2&id=5"
    assert url_key("https://a.vn/tin?id=5") != url_key("https://a.vn/tin?id=6")


def test_different_paths_differ_and_percent_encoding_folds() -> None:
    assert url_key("https://a.vn/x") != url_key("https://a.vn/y")
    assert canonical_url("https://a.vn/c%E1%BA%A3i") == canonical_url("https://a.vn/cải")


def test_non_default_port_is_kept() -> None:
    assert canonical_url("http://127.0.0.2:8080/a") == "https://127.0.0.2:8080/a"
    assert url_key("http://127.0.0.2:8080/a") != url_key("http://127.0.0.2:8081/a")


def test_clean_url_keeps_scheme_and_host() -> None:
    assert clean_url("http://www.a.vn/x?utm_source=1&p=2#c") == "http://www.a.vn/x?p=2"


def test_key_is_sha1_hex() -> None:
    key = url_key("https://a.vn/x")
    assert len(key) == 40 and int(key, 16) >= 0


def test_domains() -> None:
    assert host_of("https://WWW.Tuoitre.vn/a") == "tuoitre.vn"
    assert in_domains("https://cdn.tuoitre.vn/a", ["tuoitre.vn"])
    assert in_domains("https://tuoitre.vn/a", ["www.tuoitre.vn"])
    assert not in_domains("https://nottuoitre.vn/a", ["tuoitre.vn"])
    assert not in_domains("mailto:x@y", ["tuoitre.vn"])
