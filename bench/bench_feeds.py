"""Feed dates: how fast they are read, and how many real items get the date the outlet wrote.

    python -m bench.bench_feeds [--quick]

  * ``parse_date``: strings per second over the formats outlets write (month-first .NET, ``+07``,
    ``GMT+7``, two-digit years, ISO, day-first), each with the never-after-the-fetch check;
  * ``parse_feed``: items per second on a generated 200-item feed in each format (feedparser
    included, as in a crawl);
  * the real captures of ../shared/bench/feeds-real (or $BANTIN_BENCH_DIR/feeds-real): items,
    items dated, unreadable dates.
"""

from __future__ import annotations

import argparse
import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from digest.ingest.dates import parse_date
from digest.ingest.feeds import parse_feed
from digest.text import VN_TZ

ROOT = Path(__file__).resolve().parent.parent
FETCHED = datetime(2026, 10, 1, tzinfo=UTC)
START = datetime(2026, 9, 1, 6, 0, tzinfo=VN_TZ)

FORMATS = {
    "dotnet_mdy": lambda m: f"{m.month}/{m.day}/{m.year} {m.hour % 12 or 12}:{m:%M:%S} {'PM' if m.hour >= 12 else 'AM'}",
    "rfc_+07": lambda m: f"{m:%a, %d %b %Y %H:%M:%S} +07",
    "rfc_+07:00": lambda m: f"{m:%a, %d %b %Y %H:%M:%S} +07:00",
    "gmt+7": lambda m: f"{m:%a, %d %b %Y %H:%M:%S} GMT+7",
    "two_digit_year": lambda m: f"{m:%a, %d %b %y %H:%M:%S} +0700",
    "iso": lambda m: m.isoformat(),
    "dmy": lambda m: f"{m:%d/%m/%Y %H:%M}",
}


def _moments(n: int) -> list[datetime]:
    return [START + timedelta(minutes=37 * i) for i in range(n)]


def _feed(name: str, moments: list[datetime]) -> bytes:
    items = "".join(
        f"<item><title>Tin số {i}</title><link>https://a.vn/tin-{i}.html</link>"
        f"<description>Tóm tắt {i}</description><pubDate>{FORMATS[name](m)}</pubDate></item>"
        for i, m in enumerate(moments))
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>T</title>"
            f"<link>https://a.vn/</link><description>d</description>{items}</channel></rss>").encode()


def _captures() -> list[Path]:
    env = os.environ.get("BANTIN_BENCH_DIR")
    base = Path(env) if env else ROOT.parent / "shared" / "bench"
    folder = base / "feeds-real"
    return sorted(folder.rglob("*.xml")) if folder.is_dir() else []


def main(argv: list[str]) -> dict:
    parser = argparse.ArgumentParser(prog="bench_feeds")
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    args, _ = parser.parse_known_args(argv)
    n = 2_000 if args.quick else 20_000
    moments = _moments(500)
    strings = [FORMATS[name](moments[i % len(moments)]) for i in range(n) for name in FORMATS][:n]
    started = time.perf_counter()
    for text in strings:
        parse_date(text, not_after=FETCHED)
    per_s = n / (time.perf_counter() - started)
    print(f"parse_date: {per_s:,.0f} strings/s ({n} strings, {len(FORMATS)} formats)")
    results: dict = {"parse_date_per_s": round(per_s), "parse_feed_items_per_s": {}, "captures": {}}
    rounds = 2 if args.quick else 10
    for name in FORMATS:
        body = _feed(name, moments[:200])
        started = time.perf_counter()
        for _ in range(rounds):
            parsed = parse_feed(body, "https://a.vn/rss", fetched_at=FETCHED)
        rate = 200 * rounds / (time.perf_counter() - started)
        assert len(parsed.entries) == 200 and not parsed.date_failures, name
        results["parse_feed_items_per_s"][name] = round(rate)
        print(f"parse_feed {name:15s}: {rate:,.0f} items/s")
    for path in _captures():
        parsed = parse_feed(path.read_bytes(), "https://a.vn/rss", fetched_at=FETCHED)
        dated = sum(1 for e in parsed.entries if e.published_at)
        results["captures"][path.name] = {"items": len(parsed.entries), "dated": dated,
                                          "unreadable": len(parsed.date_failures),
                                          "order": parsed.date_order}
        print(f"capture {path.name:20s}: {dated}/{len(parsed.entries)} dated, "
              f"{len(parsed.date_failures)} unreadable, order {parsed.date_order or '-'}")
    if not results["captures"]:
        print("no ../shared/bench/feeds-real here (or $BANTIN_BENCH_DIR): captures not read")
    return results


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
