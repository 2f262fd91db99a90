"""``bantin sources check``: one row per feed with status, items, newest item and last success;
dead and broken feeds are rows, never crashes."""

from __future__ import annotations

import json
import re
import textwrap
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session

from digest.ingest.health import check_sources
from digest.ingest.sources import Source, load_sources
from digest.store.db import open_db
from digest.store.models import FeedState
from digest.text import VN_TZ
from tests.fixtures.crawl.pages import listing, rss2, source_entry
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
        crawled = datetime(2023, 5, 24, 9, 0, tzinfo=UTC)
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


def test_check_names_moves_challenges_staleness_and_counts_provinces(
        tmp_path: Path, run_cli: Any, sqlite_url: str) -> None:
    from datetime import timedelta

    from digest.ingest.health import province_counts
    from digest.text import utcnow
    from tests.fixtures.crawl.pages import challenge_page, rss2_dated

    old, new = Site("127.0.0.43"), Site("127.0.0.44")
    fresh = to_rfc(utcnow() - timedelta(hours=2))
    with serve([old, new]):
        new.routes["/rss/home.rss"] = Route(rss2_dated([(new.url("/a.html"), "A", fresh)]),
                                            content_type="application/rss+xml")
        old.routes["/rss/home.rss"] = Route(status=301, headers={"Location": new.url("/rss/home.rss")})
        old.routes["/local.rss"] = Route(status=301, headers={"Location": old.url("/feed.rss")})
        old.routes["/feed.rss"] = new.routes["/rss/home.rss"]
        new.routes["/frozen.rss"] = Route(rss2_dated([
            (new.url("/b.html"), "B", "Tue, 30 Jun 2026 10:00:00 +07")]),
            content_type="application/rss+xml")
        new.routes["/wall.rss"] = Route(challenge_page())
        new.routes["/cm-wall.rss"] = Route(challenge_page())
        new.routes["/net.rss"] = Route(rss2_dated([
            (new.url("/c.html"), "C", to_rfc(utcnow() - timedelta(hours=1))),
            (new.url("/d.html"), "D", "hôm qua")]), content_type="application/rss+xml")
        path = tmp_path / "sources.toml"
        path.write_text(textwrap.dedent(f"""\
            [[source]]
            name = "Old.vn"
            scope = "provincial"
            province = "Quảng Trị"
            feeds = ["{old.url('/rss/home.rss')}", "{old.url('/local.rss')}"]
            allowed_domains = ["{old.host}", "{new.host}"]
            verified = "2026-10-06, live fetch"

            [[source]]
            name = "New.vn"
            scope = "provincial"
            province = "Lâm Đồng"
            feeds = ["{new.url('/frozen.rss')}", "{new.url('/wall.rss')}", "{new.url('/net.rss')}"]
            allowed_domains = ["{new.host}"]

            [[source]]
            name = "Wall.vn"
            scope = "provincial"
            province = "Cà Mau"
            feeds = ["{new.url('/cm-wall.rss')}"]
            allowed_domains = ["{new.host}"]
            """), encoding="utf-8")
        sources = load_sources(path)
        rows = check_sources(open_db(sqlite_url), sources, timeout=2.0)
        by = {(r.source, r.url.rsplit("/", 1)[-1]): r for r in rows}
        moved = by[("Old.vn", "home.rss")]
        assert moved.ok and moved.moved_to == new.url("/rss/home.rss") and not moved.healthy
        assert moved.problem == f"moved to {new.url('/rss/home.rss')}"
        assert by[("Old.vn", "local.rss")].moved_to is None  # same host: not a move
        frozen = by[("New.vn", "frozen.rss")]
        assert frozen.ok and frozen.stale and frozen.problem == "stale: newest item 30/06/2026 10:00"
        wall = by[("New.vn", "wall.rss")]
        assert wall.error == "challenge" and not wall.ok
        net = by[("New.vn", "net.rss")]
        assert net.ok and net.items == 2 and net.bad_dates == 1 and "bad_date" in net.problem
        assert not net.stale
        counts = province_counts(rows, sources)
        assert counts["Quảng Trị"] == (1, 1) and counts["Lâm Đồng"] == (1, 1)
        assert counts["Cà Mau"] == (0, 1) and counts["Hà Nội"] == (0, 0) and len(counts) == 34

        table = run_cli("sources", "check", "--sources", str(path), "--timeout", "2").output
        assert f"moved to {new.url('/rss/home.rss')}" in table and "challenge" in table
        assert "2 of 34 provinces have a source that answered; none for: Hà Nội, Huế" in table
        assert "Cà Mau" in table.rsplit("none for:", 1)[1] and "Quảng Trị" not in table.rsplit("none for:", 1)[1]
        assert re.search(r"Cà Mau\s*│\s*0\s*│\s*1", table), table
        listed = run_cli("sources", "list", "--sources", str(path)).output
        assert "2026-10-06, live fetch" in listed and listed.count("UNCONFIRMED") == 2
        assert "2 with URLs never confirmed" in listed


def to_rfc(moment: datetime) -> str:
    from email.utils import format_datetime

    return format_datetime(moment.astimezone(VN_TZ).replace(microsecond=0))


def test_a_portal_known_by_its_home_page_is_checked(tmp_path: Path, run_cli: Any, sqlite_url: str) -> None:
    """`sources import` writes portals with a home page only: the check fetches it."""
    site = Site("127.0.0.45")
    dead = free_port("127.0.0.46")
    with serve([site]):
        site.routes["/"] = Route(listing([("/tin/xa-tan-lap-mot-cua-20261124.html", "Xã Tân Lập: một cửa")]).encode())
        path = tmp_path / "sources.toml"
        path.write_text(source_entry("Xã Tân Lập", province="Tây Ninh", homepage=site.url("/"),
                                     allowed_domains=[site.host]) + "\n"
                        + source_entry("Xã Chết", province="Cà Mau", homepage=f"http://127.0.0.46:{dead}/",
                                       allowed_domains=["127.0.0.46"]), encoding="utf-8")
        rows = check_sources(open_db(sqlite_url), load_sources(path), timeout=2.0)
        by = {r.source: r for r in rows}
        assert set(by) == {"Xã Tân Lập", "Xã Chết"} and {r.kind for r in rows} == {"home"}
        assert by["Xã Tân Lập"].ok and by["Xã Tân Lập"].items == 1
        assert not by["Xã Chết"].ok and by["Xã Chết"].error == "connection"
        table = run_cli("sources", "check", "--sources", str(path), "--timeout", "2").output
        assert "2 feeds checked, 1 need attention" in table
        assert "1 of 34 provinces have a source that answered" in table
