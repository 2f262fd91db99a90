"""The demo corpus as data: outlets, articles with ground-truth labels, and the failure routes.

Articles live in ``data/articles/*.txt`` (hand-written, one record per article) and
``data/generated.json`` (routine stories produced by :mod:`digest.demo.generate`, committed so
nothing is built at run time). A record in a ``.txt`` file looks like::

    @@ chinhphu-dvc-100k
    outlet: Tinchinhphu.demo
    at: 2026-11-23 08:15
    author: Thu Thảo - Hoàng Vũ
    section: policy            # policy | local | management | world | none (not for the bulletin)
    province: Đà Nẵng          # optional, as the text names it
    story: dvc-portal          # optional; syndicated copies share it
    fetch: robots              # optional: ok | robots | slow
    # Headline
    First paragraph.

    Second paragraph.

A syndicated copy may say ``copy_of: <key>``: it gets its own headline and lead paragraph and
the remaining paragraphs of the original (a rewritten lead, same facts), as outlets do.
"""

from __future__ import annotations

import json
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path

from digest.text import VN_TZ, fold

DATA_DIR = Path(__file__).resolve().parent / "data"
SECTIONS = ("policy", "local", "management", "world")

# The demo's time window: bulletin days 23..27 Nov 2026, each cut off at 16:00 Vietnam time.
FIRST_DAY = datetime(2026, 11, 22, 12, 0, tzinfo=VN_TZ)
LAST_MOMENT = datetime(2026, 11, 27, 16, 0, tzinfo=VN_TZ)
BULLETIN_DAYS = ("2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27")
CUTOFF = "16:00"


@dataclass(frozen=True)
class Outlet:
    """One fictional outlet: how a citation names it, where it is served, how it looks."""

    name: str  # as a citation prints it: "(Tinchinhphu.demo 24/11, PV)"
    scope: str  # central | provincial
    province: str | None
    index: int  # served on 127.0.0.<index>
    template: str  # digest/demo/templates/<template>.html
    feed_kind: str  # rss2 | atom | rss1 | listing | none
    title: str  # the outlet's own masthead
    robots_disallow: str  # one disallowed path prefix in its robots.txt
    province_aliases: tuple[str, ...] = ()

    @property
    def host(self) -> str:
        return f"127.0.0.{self.index}"


OUTLETS: list[Outlet] = [
    Outlet("Tinchinhphu.demo", "central", None, 2, "chinhphu", "rss2",
           "Tin Chính phủ điện tử", "/noi-bo/"),
    Outlet("Thoibao24h.demo", "central", None, 3, "thoibao", "rss2",
           "Thời báo 24h", "/tim-kiem/"),
    Outlet("Phapluatso.demo", "central", None, 4, "phapluat", "atom",
           "Pháp luật số", "/quan-tri/"),
    Outlet("Giaothongvantai.demo", "central", None, 5, "giaothong", "rss1",
           "Giao thông Vận tải điện tử", "/ban-in/"),
    Outlet("Congvuso.demo", "central", None, 6, "congvu", "rss2",
           "Công vụ số - Tin Nội vụ", "/Admin/"),
    Outlet("Thudotoday.demo", "provincial", "Hà Nội", 7, "thudo", "rss2",
           "Thủ đô Today", "/tai-khoan/"),
    Outlet("Saigonnhanh.demo", "provincial", "TP Hồ Chí Minh", 8, "saigon", "rss2",
           "Sài Gòn Nhanh", "/api/"),
    Outlet("Hanbien.demo", "provincial", "Đà Nẵng", 9, "hanbien", "rss2",
           "Hàn Biên - Tin Đà Nẵng", "/wp-admin/", ("Quảng Nam",)),
    Outlet("Xuthanh24.demo", "provincial", "Thanh Hóa", 10, "xuthanh", "rss2",
           "Xứ Thanh 24", "/bao-in/"),
    Outlet("Caonguyen.demo", "provincial", "Đắk Lắk", 11, "caonguyen", "rss2",
           "Cao Nguyên Online", "/private/", ("Phú Yên", "Buôn Ma Thuột")),
    Outlet("Cuaviettin.demo", "provincial", "Quảng Trị", 12, "cuaviet", "rss2",
           "Cửa Việt Tin", "/administrator/", ("Quảng Bình", "Đông Hà", "Đồng Hới")),
    Outlet("Vinhhalong.demo", "provincial", "Quảng Ninh", 13, "vinhhalong", "listing",
           "Vịnh Hạ Long Online", "/quan-ly/", ("Hạ Long",)),
]

# A source the demo lists whose host never answers: a loopback address nothing binds.
DEAD_OUTLET = Outlet("Tinhaiphong.demo", "provincial", "Hải Phòng", 250, "none", "rss2",
                     "Tin Hải Phòng", "/", ("Hải Dương",))

OUTLETS_BY_NAME: dict[str, Outlet] = {o.name: o for o in OUTLETS}


@dataclass(frozen=True)
class Labels:
    """Ground truth for the classifier and bulletin tests."""

    relevant: bool
    section: str | None
    province: str | None
    story_id: str
    outlet: str


@dataclass(frozen=True)
class DemoArticle:
    key: str
    outlet: str
    path: str  # URL path on the outlet's host, starting with "/"
    published_at: datetime  # aware, Asia/Ho_Chi_Minh
    title: str
    paragraphs: tuple[str, ...]
    author: str
    labels: Labels
    fetch: str = "ok"  # ok | robots (disallowed by robots.txt) | slow (answers after the timeout)
    number: int = 0  # the outlet's numeric article id (appears in the path)
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def crawlable(self) -> bool:
        """True when a polite crawler with a 2 s timeout should store this article."""
        return self.fetch == "ok"

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)

    def url(self, base: str) -> str:
        """Absolute URL given the outlet's base URL (``DemoServer.base_urls[outlet]``)."""
        return base.rstrip("/") + self.path


@dataclass(frozen=True)
class Failure:
    """One deliberately broken route: which outlet shows it, where, and what a crawler sees."""

    kind: str  # dead_host | http_404 | feed_500 | timeout | malformed_feed | bozo_feed |
    # not_article | empty_body | binary | legacy_encoding | robots | offsite
    outlet: str
    path: str  # path on the outlet's host (or the full URL for offsite)
    expect: str  # what a crawler should do with it


def slugify(title: str, limit: int = 80) -> str:
    """URL slug the way Vietnamese CMSs make them: folded diacritics, hyphens."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold(title)).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


def _number(key: str) -> int:
    # Stable across edits of other records: derived from the record key only.
    return 100000 + zlib.crc32(key.encode()) % 900000


_CAT = {"policy": "chinh-sach", "local": "dia-phuong", "management": "cong-vu",
        "world": "the-gioi", None: "xa-hoi"}


def article_path(outlet: Outlet, key: str, title: str, published: datetime,
                 section: str | None, fetch: str) -> str:
    """Each outlet's own URL scheme (realistic variety for canonical-URL handling)."""
    num = _number(key)
    slug = slugify(title)
    if fetch == "robots":
        return f"{outlet.robots_disallow}{slug}-{num}.htm"
    t = outlet.template
    cat = _CAT.get(section, "xa-hoi")
    if t == "chinhphu":
        return f"/{cat}/{slug}-{num}.htm"
    if t == "thoibao":
        return f"/{slug}-{num}.html"
    if t == "phapluat":
        return f"/{cat}/{slug}-a{num}.html"
    if t == "giaothong":
        return f"/{slug}-d{num}.html"
    if t == "congvu":
        return f"/tin-tuc/chi-tiet.aspx?id={num}"
    if t == "thudo":
        return f"/{cat}/{slug}-{num}.html"
    if t == "saigon":
        return f"/{slug}-post{num}.html"
    if t == "hanbien":
        return f"/{published:%Y/%m}/{slug}/"
    if t == "xuthanh":
        return f"/tin-tuc/{slug}-{num}.htm"
    if t == "caonguyen":
        return f"/news/{cat}/{slug}-{num}.html"
    if t == "cuaviet":
        return f"/index.php?option=com_content&view=article&id={num}&catid=9"
    if t == "vinhhalong":
        return f"/tin-tuc/{slug}-{num}"
    raise ValueError(f"unknown template {t!r}")


_HEADER = re.compile(r"^([a-z_]+):\s*(.*?)\s*(?:#.*)?$")


def _nfc(value: str) -> str:
    return unicodedata.normalize("NFC", value.strip())


def parse_records(text: str, where: str) -> list[dict]:
    """Parse one ``.txt`` data file into raw records (see the module docstring)."""
    records: list[dict] = []
    for chunk in re.split(r"^@@\s*", text, flags=re.M)[1:]:
        lines = chunk.splitlines()
        rec: dict = {"key": lines[0].strip(), "where": where}
        i = 1
        while i < len(lines) and not lines[i].startswith("# "):
            line = lines[i].strip()
            i += 1
            if not line:
                continue
            m = _HEADER.match(line)
            if not m:
                raise ValueError(f"{where}: record {rec['key']}: bad header line {line!r}")
            rec[m.group(1)] = _nfc(m.group(2))
        if i >= len(lines):
            raise ValueError(f"{where}: record {rec['key']}: no '# headline' line")
        rec["title"] = _nfc(lines[i][2:])
        body = "\n".join(lines[i + 1:])
        rec["paragraphs"] = [_nfc(" ".join(p.split())) for p in re.split(r"\n\s*\n", body)
                             if p.strip()]
        records.append(rec)
    return records


def _raw_records() -> list[dict]:
    records: list[dict] = []
    for path in sorted((DATA_DIR / "articles").glob("*.txt")):
        records.extend(parse_records(path.read_text(encoding="utf-8"), path.name))
    generated = DATA_DIR / "generated.json"
    if generated.exists():
        for rec in json.loads(generated.read_text(encoding="utf-8")):
            rec = {k: (_nfc(v) if isinstance(v, str) else v) for k, v in rec.items()}
            rec["paragraphs"] = [_nfc(p) for p in rec["paragraphs"]]
            rec["where"] = "generated.json"
            records.append(rec)
    return records


def _build(rec: dict, by_key: dict[str, dict]) -> DemoArticle:
    where = f"{rec['where']}: record {rec['key']}"
    outlet = OUTLETS_BY_NAME.get(rec.get("outlet", ""))
    if outlet is None:
        raise ValueError(f"{where}: unknown outlet {rec.get('outlet')!r}")
    published = datetime.strptime(rec["at"], "%Y-%m-%d %H:%M").replace(tzinfo=VN_TZ)
    paragraphs = list(rec["paragraphs"])
    section = rec.get("section")
    province = rec.get("province") or None
    story = rec.get("story") or rec["key"]
    if rec.get("copy_of"):
        orig = by_key[rec["copy_of"]]
        # A syndicated copy: own headline and lead, the original's remaining paragraphs;
        # labels follow the original unless the copy says otherwise.
        paragraphs = paragraphs[:1] + list(orig["paragraphs"][1:])
        section = section or orig.get("section")
        province = province or orig.get("province") or None
        story = orig.get("story") or orig["key"]
    if section not in SECTIONS + ("none",):
        raise ValueError(f"{where}: section must be one of {SECTIONS + ('none',)}")
    section_value = None if section == "none" else section
    fetch = rec.get("fetch", "ok")
    return DemoArticle(
        key=rec["key"],
        outlet=outlet.name,
        path=article_path(outlet, rec["key"], rec["title"], published, section_value, fetch),
        published_at=published,
        title=rec["title"],
        paragraphs=tuple(paragraphs),
        author=rec.get("author", ""),
        labels=Labels(
            relevant=section_value is not None,
            section=section_value,
            # the classifier contract: province is null where the story is not for the bulletin
            province=province if section_value else None,
            story_id=story,
            outlet=outlet.name,
        ),
        fetch=fetch,
        number=_number(rec["key"]),
        extra={"place": province, **{k: rec[k] for k in ("caption",) if k in rec}},
    )


@lru_cache(maxsize=1)
def _articles() -> tuple[DemoArticle, ...]:
    records = _raw_records()
    by_key: dict[str, dict] = {}
    for rec in records:
        if rec["key"] in by_key:
            raise ValueError(f"{rec['where']}: duplicate record key {rec['key']!r}")
        by_key[rec["key"]] = rec
    out = [_build(rec, by_key) for rec in records]
    out.sort(key=lambda a: (a.published_at, a.outlet, a.key))
    return tuple(out)


def load_articles() -> list[DemoArticle]:
    """Every demo article (all outlets, oldest first), with its ground-truth labels."""
    return list(_articles())


def articles_by_outlet() -> dict[str, list[DemoArticle]]:
    """Outlet name -> its articles, newest first (feed order)."""
    out: dict[str, list[DemoArticle]] = {o.name: [] for o in OUTLETS}
    for art in reversed(_articles()):
        out[art.outlet].append(art)
    return out


def bulletin_window(day: str | date) -> tuple[datetime, datetime]:
    """The stories a bulletin of ``day`` covers: after the previous day's 16:00 cut-off, up to
    this day's 16:00 (Vietnam time)."""
    d = date.fromisoformat(day) if isinstance(day, str) else day
    end = datetime.combine(d, time(16, 0), tzinfo=VN_TZ)
    return end - timedelta(days=1), end


def articles_for_bulletin(day: str | date, crawlable_only: bool = True) -> list[DemoArticle]:
    """Articles published in ``day``'s bulletin window (those a crawl can store, by default)."""
    start, end = bulletin_window(day)
    return [a for a in _articles() if start < a.published_at <= end
            and (a.crawlable or not crawlable_only)]


def expected_stories(day: str | date) -> dict[str, list[DemoArticle]]:
    """Ground truth for a bulletin day: story id -> its crawlable relevant copies (one story,
    one bulletin item, whichever outlet is cited)."""
    out: dict[str, list[DemoArticle]] = {}
    for art in articles_for_bulletin(day):
        if art.labels.relevant:
            out.setdefault(art.labels.story_id, []).append(art)
    return out


def failures() -> list[Failure]:
    """:data:`FAILURES` with the slow and the robots-disallowed article's real paths filled in."""
    by_fetch = {a.fetch: a for a in _articles() if a.fetch != "ok"}
    out = []
    for f in FAILURES:
        if f.kind == "timeout":
            f = Failure(f.kind, f.outlet, by_fetch["slow"].path, f.expect)
        elif f.kind == "robots":
            f = Failure(f.kind, f.outlet, by_fetch["robots"].path, f.expect)
        out.append(f)
    return out


# The deliberate failures (issue 2, point 5), each on one outlet and one route.
FAILURES: list[Failure] = [
    Failure("dead_host", DEAD_OUTLET.name, "/rss/tin-moi.rss",
            "connection refused: counted as an error for that source, others go on"),
    Failure("http_404", "Phapluatso.demo", "/thoi-su/bai-viet-da-go-a404404.html",
            "linked from the Atom feed, answers 404"),
    Failure("feed_500", "Congvuso.demo", "/rss/thong-bao.rss", "feed answers 500"),
    Failure("timeout", "Saigonnhanh.demo", "(the article with fetch=slow)",
            "article answers only after DemoServer.slow_seconds (5 s): over a 2 s timeout"),
    Failure("malformed_feed", "Hanbien.demo", "/feed/su-kien/",
            "broken, truncated XML with no usable item"),
    Failure("bozo_feed", "Caonguyen.demo", "/rss/tin-tuc.rss",
            "not well-formed (a raw '&' and an undefined entity) but every item is usable"),
    Failure("not_article", "Caonguyen.demo", "/news/anh/album-mua-hoa-da-quy-tren-cao-nguyen-777001.html",
            "a photo gallery with captions and no body text: no article stored"),
    Failure("empty_body", "Xuthanh24.demo", "/tin-tuc/thong-bao-lich-tiep-cong-dan-thang-12-888001.htm",
            "200 with an empty body"),
    Failure("binary", "Xuthanh24.demo", "/tin-tuc/van-ban-huong-dan-chuyen-doi-so-888002.htm",
            "200 with PDF bytes (application/pdf)"),
    Failure("legacy_encoding", "Cuaviettin.demo", "(every page of the outlet)",
            "windows-1258 bytes, charset only in <meta>, tones as combining marks"),
    Failure("robots", "Tinchinhphu.demo", "/noi-bo/ (the article with fetch=robots)",
            "linked from the feed but disallowed by robots.txt: never fetched"),
    Failure("offsite", "Thoibao24h.demo", "http://tin-lien-ket.invalid/bai-viet-ngoai-trang.html",
            "feed item on a host outside allowed_domains: never fetched"),
]
