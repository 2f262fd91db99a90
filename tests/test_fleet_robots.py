"""How a fleet reads one robots.txt answer (RFC 9309, as Google does): rules on 2xx with their
Crawl-delay, everything allowed on 4xx, nothing crawled for now on 5xx, 429 or no answer."""

from __future__ import annotations

from spiders.errors import classify_failure, is_transient
from spiders.robots import Verdict, verdict_of

UA = "bantin/1.0 (+https://bantin.example/bot)"


def test_2xx_rules_apply_with_their_crawl_delay() -> None:
    body = b"User-agent: *\nDisallow: /bai/rieng/\nCrawl-delay: 2.5\n"
    v = verdict_of(200, body, None, UA, max_crawl_delay=60)
    assert v.state == "rules" and v.crawl_delay == 2.5 and "Disallow: /bai/rieng/" in v.body
    assert Verdict.from_json(v.to_json()) == v


def test_crawl_delay_is_capped_and_read_for_our_agent() -> None:
    body = (b"User-agent: otherbot\nCrawl-delay: 5\n\n"
            b"User-agent: *\nCrawl-delay: 3600\n")
    assert verdict_of(200, body, None, UA, max_crawl_delay=60).crawl_delay == 60
    assert verdict_of(200, b"User-agent: *\nDisallow:\n", None, UA, 60).crawl_delay == 0


def test_4xx_means_no_robots_txt_everything_allowed() -> None:
    for status in (401, 403, 404, 410):
        assert verdict_of(status, b"<html>not found</html>", None, UA, 60).state == "allow"


def test_5xx_429_and_no_answer_mean_unreachable_for_now() -> None:
    for status in (429, 500, 503):
        v = verdict_of(status, b"User-agent: *\nDisallow:\n", None, UA, 60)
        assert v.state == "unreachable" and v.why == f"HTTP {status}"
    v = verdict_of(None, b"", "connection: refused", UA, 60)
    assert v.state == "unreachable" and v.why == "connection: refused"


def test_an_unreachable_robots_txt_is_its_own_transient_failure_kind() -> None:
    from scrapy.exceptions import IgnoreRequest

    class F:
        value = IgnoreRequest("robots.txt unreachable (HTTP 503): origin not crawled for now")

    kind, _ = classify_failure(F())
    assert kind == "robots_unreachable" and is_transient(kind)

    class G:
        value = IgnoreRequest("Forbidden by robots.txt")

    assert classify_failure(G())[0] == "robots" and not is_transient("robots")
