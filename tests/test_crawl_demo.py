"""Crawl the bundled demo corpus (digest.demo) once over loopback: every deliberate failure is
counted against its outlet with the right kind, every good article is stored, legacy-encoded
pages come out right; a second run re-requests only what failed for a transient reason."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlmodel import Session, select

from digest.ingest.crawl import CrawlReport, run_crawl
from digest.store.models import Article

KIND = {"dead_host": "connection", "http_404": "http_404", "feed_500": "http_500",
        "timeout": "timeout", "malformed_feed": "bad_feed", "bozo_feed": "bozo_feed",
        "not_article": "not_article", "empty_body": "empty", "binary": "binary",
        "robots": "robots", "offsite": "offsite"}
SETTINGS = {"download_timeout": 2, "download_delay": 0, "autothrottle": False, "retry_times": 0,
            "concurrent_per_domain": 4}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[CrawlReport, CrawlReport, str, list]]:  # type: ignore[type-arg]
    demo_server = pytest.importorskip("digest.demo.server")
    from digest import config
    from digest.store import db as store

    tmp = tmp_path_factory.mktemp("demo-crawl")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("BANTIN_DATA_DIR", str(tmp / "data"))
        mp.delenv("BANTIN_CONFIG", raising=False)
        config.use_settings(config.load_settings())
        with demo_server.DemoServer(slow_seconds=3.5) as server:
            sources = demo_server.write_sources(tmp / "sources.toml", server)
            db_url = f"sqlite:///{tmp / 'demo.sqlite3'}"
            first = run_crawl(db_url, sources, overrides=SETTINGS, progress=False)
            before = len(server.requests)
            second = run_crawl(db_url, sources, overrides=SETTINGS, progress=False)
            again = [p for _, _, p, _ in server.requests[before:]]
            yield first, second, db_url, again
        store.dispose_all()
        config._current = None


def test_every_failure_is_counted_against_its_outlet(demo) -> None:  # type: ignore[no-untyped-def]
    from digest.demo.corpus import failures

    first = demo[0]
    assert first.status == "finished"
    for failure in failures():
        if failure.kind == "legacy_encoding":
            continue
        assert failure.kind in KIND, f"new demo failure {failure.kind!r}: map it to a crawl error kind"
        kind = KIND[failure.kind]
        assert first.sources[failure.outlet].errors[kind] >= 1, (failure, first.sources[failure.outlet])
    # nothing else went wrong
    expected = {KIND[f.kind] for f in failures() if f.kind in KIND}
    assert set(first.errors) <= expected, first.errors


def test_good_articles_stored_once_and_decoded(demo) -> None:  # type: ignore[no-untyped-def]
    from digest.demo.corpus import load_articles

    first, _, db_url, _ = demo
    from digest.store.db import open_db

    with Session(open_db(db_url)) as session:
        rows = list(session.exec(select(Article)))
    assert len(rows) == first.total("stored") >= 150
    assert len({r.url_key for r in rows}) == len(rows)
    titles = {r.title for r in rows}
    ok = [a for a in load_articles() if a.fetch == "ok"]
    missing = [a.title for a in ok if a.title not in titles]
    assert len(missing) <= len(ok) // 20, missing[:5]  # titles may be trimmed by the extractor
    legacy = [r for r in rows if r.source == "Cuaviettin.demo"]
    assert legacy and all("\ufffd" not in r.text and "?" not in r.title for r in legacy)


def test_second_run_fetches_only_what_failed_transiently(demo) -> None:  # type: ignore[no-untyped-def]
    first, second, _, again = demo
    assert second.total("stored") == 0
    article_requests = [p for p in again if not p.endswith((".rss", ".xml", "/robots.txt", "/"))
                        and "/rss" not in p and "/feed" not in p]
    from digest.demo.corpus import failures

    slow = next(f for f in failures() if f.kind == "timeout")
    # the timed-out article is retried on the next run (and times out again), not forgotten
    assert second.sources[slow.outlet].errors["timeout"] == 1
    assert second.sources[slow.outlet].skipped_known == first.sources[slow.outlet].stored
    assert second.total("fetched") <= first.total("fetched") - first.total("stored") + 1
    assert len(article_requests) < 20, article_requests


def test_stored_text_carries_no_photo_captions(demo) -> None:  # type: ignore[no-untyped-def]
    """The bulletin prints stored text, and the reference bulletin has no photo captions."""
    from digest.demo.corpus import load_articles
    from digest.demo.site import _CAPTIONS
    from digest.store.db import open_db

    captions = set(_CAPTIONS.values()) | {a.extra["caption"] for a in load_articles() if a.extra.get("caption")}
    with Session(open_db(demo[2])) as session:
        texts = [r.text for r in session.exec(select(Article))]
    leaked = [c for c in captions for t in texts if c in t]
    assert not leaked, leaked[:3]
