"""``bantin sources check``: one row per feed with status, items, newest item and last success;
dead and broken feeds are rows, never crashes."""

from __future__ import annotations

import json
import textwrap
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlmodel import Session

from digest.ingest.health import check_sources
from digest.store.models import FeedState
from digest.ingest.sources import Source, load_sources
from digest.store.db import open_db
from digest.text import VN_TZ
from tests.fixtures.crawl.pages import listing, rss2
from tests.fixtures.crawl.server import Route, Site, free_port, serve


def test_sources_check(tmp_path: Path, run_cli: Any, sqlite_url: str) -> None:
    site = Site("127.0.0.41")
    dead = free_port("127.0.0.42")
    with serve([site]):
        site.routes["/rss"] = Route(rss2([(site.url("/a.html"), "A"), (site.url("/b.html"), "B")]),
                                    content_type="application/rss+xml")
        site.routes["/broken.rss"] = Route(b"<html>no feed</html>", content_type="text/html")
        site.routes["/slow.rss"] = Route(rss2([]), delay=3)
        site.routes["/tin"] = Route(listing([("/a.html", "A")]).encode())
        path = tmp_path / "sources.toml"
        path.write_text(textwrap.dedent(f"""\
            [[source]]
            name = "Baodanang.vn"
            scope = "provincial"
            province = "Đà Nẵng"
            feeds = ["{site.url('/rss')}", "{site.url('/gone.rss')}", "{site.url('/broken.rss')}",
                     "{site.url('/slow.rss')}"]
            listing_pages = ["{site.url('/tin')}"]
            link_selector = "li a"
            allowed_domains = ["{site.host}"]

            [[source]]
            name = "Dead.vn"
            scope = "central"
            feeds = ["http://127.0.0.42:{dead}/rss"]
            allowed_domains = ["127.0.0.42"]
            """), encoding="utf-8")
        engine = open_db(sqlite_url)
        crawled = datetime(2023, 5, 24, 9, 0, tzinfo=timezone.utc)
        with Session(engine) as session:
            session.add(FeedState(url=site.url("/rss"), source="Baodanang.vn",
                                  last_success_at=crawled))
            session.commit()
        rows = check_sources(engine, load_sources(path), timeout=1.0)
        by_url = {r.url.rsplit("/", 1)[-1]: r for r in rows if r.source == "Baodanang.vn"}
        good = by_url["rss"]
        assert good.ok and good.status == 200 and good.items == 2
        assert good.newest == datetime(2023, 5, 24, 1, 15, tzinfo=VN_TZ)
        assert good.last_success == crawled
        assert by_url["gone.rss"].status == 404 and by_url["gone.rss"].error == "http_404"
        assert by_url["broken.rss"].error and by_url["broken.rss"].error.startswith("bad_feed")
        assert by_url["slow.rss"].error == "timeout"
        assert by_url["tin"].kind == "listing" and by_url["tin"].ok and by_url["tin"].items == 1
        dead_row = [r for r in rows if r.source == "Dead.vn"][0]
        assert dead_row.error == "connection" and not dead_row.ok
        nodns = check_sources(engine, [Source(name="Nodns.vn", scope="central",
                                              allowed_domains=("nosuchhost.invalid",),
                                              feeds=("http://nosuchhost.invalid/rss",))],
                              timeout=1.0)
        assert nodns[0].error == "dns"

        result = run_cli("sources", "check", "--sources", str(path), "--timeout", "1",
                         "--source", "Dead.vn", "--format", "json")
        (line,) = result.output.splitlines()
        assert json.loads(line)["error"] == "connection"
        table = run_cli("sources", "check", "--sources", str(path), "--timeout", "1")
        assert "need attention" in table.output
        listed = run_cli("sources", "list", "--sources", str(path), "--format", "json")
        assert [json.loads(x)["name"] for x in listed.output.splitlines()] == ["Baodanang.vn", "Dead.vn"]
