"""`bantin demo` end to end, as a new user runs it: serve the bundled outlets, crawl over HTTP,
classify, draft and publish every demo day, build the site, and say where to look. The
published bulletins are checked against the corpus's ground truth."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sqlmodel import Session, select

from digest.demo.corpus import expected_stories, load_articles
from digest.demo.pipeline import demo_days
from digest.store.models import Bulletin
from tests.support.site_fixtures import SEARCH_DONE, search_all

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path_factory.mktemp("demo")
    env = {**os.environ, "BANTIN_DATA_DIR": str(out / "data"), "BANTIN_SECRET_KEY": "demo-secret-0123456789abcdefghijklm"}
    # an operator's real database in the environment: the demo must leave it alone
    env["BANTIN_DB"] = f"sqlite:///{out / 'production.sqlite3'}"
    proc = subprocess.run(
        [sys.executable, "-m", "digest", "demo", "--out", str(out / "demo")],
        env=env, capture_output=True, text=True, timeout=600,
    )
    return proc, out / "demo"


def _bulletins(demo_dir: Path) -> list[Bulletin]:
    from digest.store.db import open_db

    with Session(open_db(f"sqlite:///{demo_dir / 'demo.sqlite3'}")) as s:
        return list(s.exec(select(Bulletin).order_by(Bulletin.date)))


def test_demo_runs_and_says_where_to_look(demo_run) -> None:  # type: ignore[no-untyped-def]
    proc, demo_dir = demo_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    match = re.search(r"file://(\S+index\.html)", proc.stderr)
    assert match, proc.stderr[-2000:]
    index = Path(match.group(1))
    assert index.is_file() and index.is_relative_to(demo_dir)
    assert "Bản tin cải cách hành chính ngày 27/11/2026" in index.read_text(encoding="utf-8")


def test_demo_never_touches_the_database_named_by_bantin_db(demo_run) -> None:  # type: ignore[no-untyped-def]
    proc, demo_dir = demo_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert not (demo_dir.parent / "production.sqlite3").exists()
    assert (demo_dir / "demo.sqlite3").is_file()


def test_the_app_the_demo_names_serves_its_site(demo_run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Run as the demo prints it, the editors' app accepts the demo site's subscribe box and its
    mail links to the demo site's pages (not to the app, which does not serve them)."""
    import httpx

    from digest import config
    from digest.bulletin.identity import readers_url
    from digest.store.db import open_db
    from digest.web.public import make_public_app
    from tests.test_mail_helpers import LiveApp

    proc, demo_dir = demo_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    site_url = re.search(r"serve it: python -m http\.server .*->\s+(\S+)", proc.stderr).group(1)  # type: ignore[union-attr]
    app_line = re.search(r"the editors' app: +(.*)", proc.stderr).group(1)  # type: ignore[union-attr]
    config_file = re.search(r"--config (\S+)", app_line).group(1)  # type: ignore[union-attr]
    db_url = re.search(r"--db (\S+) serve$", app_line).group(1)  # type: ignore[union-attr]
    config.use_settings(config.load_settings(config_file))
    assert readers_url() == site_url
    page = (demo_dir / "site" / "index.html").read_text(encoding="utf-8")
    action = re.search(r'<form class="bt-subscribe" method="post" action="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    with LiveApp(make_public_app(engine=open_db(db_url))) as live, httpx.Client(base_url=live.url) as http:
        answer = http.post(urlsplit(action).path, data={"email": "ban.doc@example.vn"},
                           headers={"Origin": site_url.rstrip("/")})
        assert answer.status_code == 200 and "kiểm tra hộp thư" in answer.text


def test_every_demo_day_is_published(demo_run) -> None:  # type: ignore[no-untyped-def]
    bulletins = _bulletins(demo_run[1])
    assert [b.date for b in bulletins] == demo_days()
    for b in bulletins:
        assert b.status == "published" and b.snapshot
        numbers = [i["number"] for s in b.snapshot["sections"] for i in s["items"]]
        assert numbers == list(range(1, len(numbers) + 1))


def test_bulletins_match_the_corpus_ground_truth(demo_run) -> None:  # type: ignore[no-untyped-def]
    """Reform stories in, ordinary news out, each story once across the whole run."""
    story_of = {a.path: a.labels.story_id for a in load_articles() if a.labels.relevant}
    section_of = {a.path: a.labels.section for a in load_articles() if a.labels.relevant}
    printed: Counter[str] = Counter()
    items = wrong_section = irrelevant = found = expected = 0
    ordinary: list[str] = []
    for b in _bulletins(demo_run[1]):
        paths = set()
        for section in b.snapshot["sections"]:
            for item in section["items"]:
                parts = urlsplit(item["url"])  # portals keep the article id in the query
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                paths.add(path)
                items += 1
                if path not in story_of:
                    irrelevant += 1
                    ordinary.append(item["headline"])
                    continue
                printed[story_of[path]] += 1
                wrong_section += section_of[path] != section["key"]
        for copies in expected_stories(b.date).values():
            expected += 1
            found += any(c.path in paths for c in copies)
    assert [s for s, n in printed.items() if n > 1] == []  # no story twice, not even across days
    assert ordinary == [], (irrelevant, items)  # no ordinary-news story in any published bulletin
    assert found / expected >= 0.90, (found, expected)
    assert wrong_section / items <= 0.05, (wrong_section, items)


def _stories_with(demo_dir: Path, pattern: str, folded: bool) -> set[str]:
    """Headlines of published stories where ``pattern``'s syllables stand together in one
    paragraph (or the headline), matched on the text as written or folded: the expectation the
    search page must meet, computed here independently of its index."""
    from digest.text import fold, nfc

    words = pattern.split()
    regex = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)")
    found = set()
    for b in _bulletins(demo_dir):
        for section in b.snapshot["sections"]:
            for item in section["items"]:
                runs = [item["headline"], *item["paragraphs"], item["citation"]]
                runs = [fold(r) if folded else nfc(r).lower() for r in runs]
                if any(regex.search(r) for r in runs):
                    found.add(item["headline"])
    return found


@pytest.mark.browser
@pytest.mark.skipif(not Path("/usr/bin/chromium").exists(), reason="Debian's /usr/bin/chromium is not installed")
def test_search_on_the_demo_site(demo_run) -> None:  # type: ignore[no-untyped-def]
    """Queries of each kind on the demo's own site, in Chromium: accented (exact), unaccented
    (folded), a multi-syllable phrase, and the true count of each."""
    import threading
    from functools import partial
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
    from urllib.parse import quote

    from playwright.sync_api import sync_playwright

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    demo_dir = demo_run[1]
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Quiet, directory=str(demo_dir / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/tim-kiem/?q="
    exact = _stories_with(demo_dir, "đà nẵng", folded=False)
    dang = _stories_with(demo_dir, "đảng", folded=False) | _stories_with(demo_dir, "đất đai", folded=False)
    assert exact and dang - exact, "the demo corpus no longer has the stories this test needs"
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox"])
            page = browser.new_page()
            for query, expected in [("Đà Nẵng", exact), ("da nang", _stories_with(demo_dir, "da nang", folded=True)),
                                    ("thủ tục hành chính", _stories_with(demo_dir, "thủ tục hành chính", folded=False)),
                                    ("cai cach", _stories_with(demo_dir, "cai cach", folded=True))]:
                status, titles, _ = search_all(page, base + quote(query))
                assert status.startswith(f"Có {len(expected)} tin khớp"), (query, status)
                assert len(titles) == len(expected) and set(titles) == expected, query
                if query == "Đà Nẵng":
                    assert not set(titles) & (dang - exact)  # Đảng, đất đai: not Đà Nẵng

            # a double tap on "more" (a phone, a slow page) loads the next page once, not twice
            expected = _stories_with(demo_dir, "cai cach", folded=True)
            assert 10 < len(expected) <= 20, "the demo corpus no longer gives this query two pages"
            page.goto(base + quote("cai cach"))
            page.wait_for_function(SEARCH_DONE, timeout=15000)
            page.dblclick("#bt-more")
            page.wait_for_selector("#bt-more", state="hidden")
            titles = page.locator(".bt-result-title").all_inner_texts()
            assert sorted(titles) == sorted(expected)
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
