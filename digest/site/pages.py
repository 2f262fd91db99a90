"""The readers' site pages as text: bulletin pages, home, archive, section and province listings,
the Atom feed and the search page's facets.

Every page is Markdown for mkdocs whose body is one raw HTML block rendered by autoescaping
Jinja templates (``templates/site/``), so text from sources is escaped exactly once and never
reinterpreted as Markdown. The bulletin itself is the bulletin renderer's fragment
(``digest.bulletin.render.render_html(doc, standalone=False)``), the same one e-mail and export use.

Links are relative (the site works under any sub-path and from a local folder).
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache, partial
from typing import Any

import jinja2
from markupsafe import Markup

from digest.bulletin.doc import BulletinDoc
from digest.bulletin.identity import BULLETIN_DIR
from digest.bulletin.render import OtherBulletin, render_html
from digest.classify.sections import ORDER, Section
from digest.config import templates_dir
from digest.text import dmy, fold

SECTION_SLUGS = {s: re.sub(r"[^a-z0-9]+", "-", fold(s.heading)).strip("-") for s in ORDER}


def slug(value: str) -> str:
    """'Thừa Thiên Huế' -> 'thua-thien-hue' (ASCII, stable across builds)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-") or "khac"


@lru_cache(maxsize=8192)
def bulletin_path(day: date) -> str:
    """Docs path of a bulletin page: 'ban-tin/2023/05/24.md' (URL ban-tin/2023/05/24/)."""
    return f"{BULLETIN_DIR}/{day:%Y}/{day:%m}/{day:%d}.md"


def url_of(path: str) -> str:
    """Site-relative URL of a docs path with directory URLs: 'a/index.md' -> 'a/', 'a/b.md' -> 'a/b/'."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


@lru_cache(maxsize=65536)
def rel(from_path: str, to_url: str) -> str:
    """Relative link from the page of docs path ``from_path`` to the site URL ``to_url``."""
    path, _, fragment = to_url.partition("#")
    link = posixpath.relpath("/" + path, "/" + url_of(from_path))
    if path.endswith("/") or not path:
        link += "/"
    link = "./" if link == "./" else link.removeprefix("./")
    return link + (f"#{fragment}" if fragment else "")


@dataclass
class ItemSummary:
    number: int
    anchor: str
    headline: str
    section: Section
    province: str | None
    outlet: str


@dataclass
class BulletinSummary:
    """What listing pages and the feed need of a bulletin (the full text is not kept)."""

    day: date
    title: str
    stamp: str | None
    published: str | None
    items: list[ItemSummary] = field(default_factory=list)

    @property
    def path(self) -> str:
        return bulletin_path(self.day)

    @property
    def url(self) -> str:
        return url_of(bulletin_path(self.day))

    def to_json(self) -> dict[str, Any]:
        """Compact form kept in the build manifest (so unchanged bulletins are not re-read)."""
        return {"title": self.title, "stamp": self.stamp, "published": self.published,
                "items": [[i.number, i.headline, i.section.value, i.province, i.outlet]
                          for i in self.items]}

    @classmethod
    def from_json(cls, day: date, data: dict[str, Any]) -> BulletinSummary:
        return cls(day=day, title=data["title"], stamp=data.get("stamp"), published=data.get("published"),
                   items=[ItemSummary(n, f"tin-{n}", h, Section(sec), prov, outlet)
                          for n, h, sec, prov, outlet in data["items"]])

    @classmethod
    def of(cls, doc: BulletinDoc) -> BulletinSummary:
        return cls(
            day=doc.date, title=doc.title, stamp=doc.stamp,
            published=doc.published_at.isoformat() if doc.published_at else None,
            items=[ItemSummary(i.number, i.anchor, i.headline, block.key, i.province, i.outlet)
                   for block in doc.sections for i in block.items],
        )


@lru_cache(maxsize=4)
def _env(root: str) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root), autoescape=True, trim_blocks=True,
        lstrip_blocks=True, undefined=jinja2.StrictUndefined,
    )
    env.globals["fold"] = fold
    return env


def render(template: str, **ctx: Any) -> str:
    return _env(str(templates_dir())).get_template(f"site/{template}").render(**ctx)


def page(title: str, body: str, *, hide_nav: bool = True, description: str | None = None,
         **extra: Any) -> str:
    """A Markdown page for mkdocs: front matter, then the body as one raw HTML block. ``extra``
    goes to the front matter for the theme (``bulletin``, ``published``, ``feed``, ``feed_title``)."""
    meta: dict[str, Any] = {"title": title}
    if description:
        # the theme prints it unescaped into <meta content="...">: escape it here, once
        meta["description"] = _esc(description)
    meta.update({k: v for k, v in extra.items() if v is not None})
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    hide = ["toc", "navigation"] if hide_nav else ["toc"]
    lines.append("hide: [" + ", ".join(hide) + "]")
    lines += ["---", "", '<div class="bt-page">', body.strip(), "</div>", ""]
    return "\n".join(lines)


def _others(path: str, neighbours: Iterable[tuple[date, str]]) -> list[OtherBulletin]:
    return [OtherBulletin(title, rel(path, url_of(bulletin_path(day)))) for day, title in neighbours]


def bulletin_page(doc: BulletinDoc, neighbours: list[tuple[date, str]],
                  older: tuple[date, str] | None = None, newer: tuple[date, str] | None = None) -> str:
    """The page of one bulletin: links to the previous and next bulletins, then the bulletin
    fragment (title, stamp, A- A A+, numbered table of contents linking to the articles,
    'Về đầu trang', footer with other bulletins)."""
    path = bulletin_path(doc.date)
    body = render_html(doc, standalone=False, others=_others(path, neighbours),
                       others_url=rel(path, "luu-tru/"))
    nav = render("prevnext.html",
                 older={"href": rel(path, url_of(bulletin_path(older[0]))), "label": dmy(older[0])} if older else None,
                 newer={"href": rel(path, url_of(bulletin_path(newer[0]))), "label": dmy(newer[0])} if newer else None)
    headlines = "; ".join(i.headline for i in doc.items[:3])
    return page(doc.title, nav + body, description=f"{len(doc.items)} tin: {headlines}"[:300],
                bulletin=True, published=doc.published_at.isoformat() if doc.published_at else None)


def home_page(doc: BulletinDoc | None, neighbours: list[tuple[date, str]]) -> str:
    """Home: the latest bulletin in full, with a search box and links to the archive and feed."""
    path = "index.md"
    body = None
    if doc is not None:
        body = Markup(render_html(doc, standalone=False, others=_others(path, neighbours),
                                  others_url="luu-tru/"))
    html = render("home.html", body=body, search_href="tim-kiem/", archive_href="luu-tru/",
                  feed_href="feed.xml")
    title = doc.title if doc else "Bản tin cải cách hành chính"
    return page(title, html)


def _entry(from_path: str, b: BulletinSummary, i: ItemSummary) -> dict[str, Any]:
    href = rel(from_path, b.url)
    return {"href": f"{href}#{i.anchor}", "headline": i.headline, "outlet": i.outlet,
            "bulletin_href": href, "day_label": dmy(b.day), "day_iso": b.day.isoformat(),
            "province": i.province}


SECTION_LATEST = 60  # stories a section page lists before its months


def story_feed(path: str, title: str, stories: list[tuple[BulletinSummary, ItemSummary]],
               site_url: str, publisher: str, limit: int) -> str:
    """Atom feed of the latest ``limit`` stories of a section or province (newest first)."""
    entries = []
    for b, i in stories[:limit]:
        url = f"{b.url}#{i.anchor}"
        entries.append({"title": i.headline, "url": url,
                        "published": b.published or f"{b.day}T00:00:00+07:00",
                        "summary": _esc(f"{i.outlet}, {b.title}")})
    updated = entries[0]["published"] if entries else "1970-01-01T00:00:00+00:00"
    return render("feed.xml", site_url=site_url, site_title=title, publisher=publisher,
                  entries=entries, updated=updated, self_path=path)


@dataclass
class LazyPage:
    """A listing page whose text is rendered only when needed: ``key`` fingerprints everything
    it shows (the content hashes of the bulletins it covers), or is None for small pages that
    are simply rendered every time."""

    key: str | None
    make: Callable[[], str]


def _key(*parts: Any) -> str:
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False, default=str).encode()).hexdigest()


def listing_pages(bulletins: list[BulletinSummary], current_name: Any,
                  digests: dict[date, str], feed: dict[str, Any] | None = None) -> dict[str, LazyPage]:
    """Archive (by year and month), section and province pages from the bulletins' summaries
    (``bulletins`` newest first; ``digests`` their content hashes, which key the big pages so
    an unchanged month or province is not even rendered). ``current_name(province)`` maps a
    province to its current unit. ``feed`` (site_url, publisher, limit) adds an Atom feed per
    section and per province."""
    pages: dict[str, LazyPage] = {}
    by_month: dict[tuple[int, int], list[BulletinSummary]] = defaultdict(list)
    for b in bulletins:
        by_month[(b.day.year, b.day.month)].append(b)

    def digests_of(group: Iterable[BulletinSummary]) -> list[str]:
        return [digests.get(b.day, b.day.isoformat()) for b in group]

    def years_of(counts: dict[tuple[int, int], int], href_of: Any) -> list[dict[str, Any]]:
        years: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for (y, m), n in sorted(counts.items(), reverse=True):
            years[y].append({"month": m, "count": n, "href": href_of(y, m)})
        return [{"year": y, "months": ms} for y, ms in years.items()]

    # --- archive
    idx = "luu-tru/index.md"
    pages[idx] = LazyPage(None, lambda: page("Lưu trữ bản tin", render(
        "archive_index.html",
        years=years_of({k: len(v) for k, v in by_month.items()},
                       lambda y, m: rel(idx, f"luu-tru/{y}/{m:02d}/")))))
    for (y, m), group in by_month.items():
        path = f"luu-tru/{y}/{m:02d}.md"
        pages[path] = LazyPage(_key(path, digests_of(group)), partial(
            lambda path, y, m, group: page(f"Bản tin tháng {m}/{y}", render(
                "archive_month.html", year=y, month=m, up_href=rel(path, "luu-tru/"),
                bulletins=[{"day": b.day.day, "title": b.title, "stamp": b.stamp,
                            "href": rel(path, b.url), "stories": b.items} for b in group])),
            path, y, m, group))

    # --- sections: an index, one page per section listing its months, one page per month
    sec_idx = "chuyen-muc/index.md"
    summaries = []
    for section in ORDER:
        sslug = SECTION_SLUGS[section]
        sec_path = f"chuyen-muc/{sslug}/index.md"
        latest: list[dict[str, Any]] = []
        recent: list[tuple[BulletinSummary, ItemSummary]] = []
        counts: dict[tuple[int, int], int] = defaultdict(int)
        for b in bulletins:
            for i in b.items:
                if i.section is section:
                    counts[(b.day.year, b.day.month)] += 1
                    if len(latest) < 5:
                        latest.append(_entry(sec_idx, b, i))
                    if len(recent) < SECTION_LATEST:
                        recent.append((b, i))
        feed_path = f"chuyen-muc/{sslug}/feed.xml"
        if feed:
            pages[feed_path] = LazyPage(None, partial(story_feed, feed_path, section.heading, recent, **feed))
        for (y, m) in counts:
            mpath = f"chuyen-muc/{sslug}/{y}/{m:02d}.md"
            group = by_month[(y, m)]

            def month_page(mpath: str = mpath, y: int = y, m: int = m,
                           group: list[BulletinSummary] = group, section: Section = section,
                           sec_path: str = sec_path) -> str:
                entries = [_entry(mpath, b, i) for b in group for i in b.items if i.section is section]
                return page(f"{section.heading}: tháng {m}/{y}", render(
                    "section_month.html", heading=section.heading, year=y, month=m, entries=entries,
                    up_href=rel(mpath, "chuyen-muc/"), section_href=rel(mpath, url_of(sec_path))))

            pages[mpath] = LazyPage(_key(mpath, digests_of(group)), month_page)
        pages[sec_path] = LazyPage(None, partial(
            lambda sec_path, section, sslug, counts, recent, feed_path: page(section.heading, render(
                "section_index.html", heading=section.heading, up_href=rel(sec_path, "chuyen-muc/"),
                entries=[_entry(sec_path, b, i) for b, i in recent],
                feed_href=rel(sec_path, feed_path) if feed else None,
                years=years_of(counts, lambda y, m: rel(sec_path, f"chuyen-muc/{sslug}/{y}/{m:02d}/"))),  # noqa: B023 - y, m are the lambda's own
                feed=feed_path if feed else None, feed_title=section.heading),
            sec_path, section, sslug, dict(counts), recent, feed_path))
        summaries.append({"slug": sslug, "heading": section.heading, "count": sum(counts.values()),
                          "href": rel(sec_idx, f"chuyen-muc/{sslug}/"), "latest": latest})
    pages[sec_idx] = LazyPage(None, lambda: page("Chuyên mục", render("sections_index.html",
                                                                      sections=summaries)))

    # --- provinces, grouped by today's unit (a merged province's old stories join the new one)
    units: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    for b in bulletins:
        for i in b.items:
            if not i.province:
                continue
            if i.province not in names:
                names[i.province] = current_name(i.province) or i.province
            name = names[i.province]
            unit = units.setdefault(name, {"former": set(), "items": [], "days": []})
            if name != i.province:
                unit["former"].add(i.province)
            unit["items"].append((b, i))
            if not unit["days"] or unit["days"][-1] is not b:
                unit["days"].append(b)
    prov_idx = "dia-phuong/index.md"
    listed = []
    taken: set[str] = set()
    for name in sorted(units, key=fold):
        pslug = slug(name)
        while pslug in taken:  # two names folding alike still get distinct pages
            pslug += "-1"
        taken.add(pslug)
        ppath = f"dia-phuong/{pslug}.md"
        unit = units[name]
        former = sorted(unit["former"], key=fold)

        pfeed = f"dia-phuong/{pslug}/feed.xml"

        def province_page(ppath: str = ppath, name: str = name, unit: dict[str, Any] = unit,
                          former: list[str] = former, pfeed: str = pfeed) -> str:
            groups: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
            for b, i in unit["items"]:
                groups[(b.day.year, b.day.month)].append(_entry(ppath, b, i))
            return page(name, render(
                "province.html", name=name, former=former, up_href=rel(ppath, "dia-phuong/"),
                feed_href=rel(ppath, pfeed) if feed else None,
                groups=[{"year": y, "month": m, "entries": es} for (y, m), es in groups.items()]),
                feed=pfeed if feed else None, feed_title=f"Tin {name}")

        if feed:
            pages[pfeed] = LazyPage(_key(pfeed, name, feed, digests_of(unit["days"])), partial(
                story_feed, pfeed, f"{name}: tin cải cách hành chính", unit["items"], **feed))

        pages[ppath] = LazyPage(_key(ppath, name, former, digests_of(unit["days"])), province_page)
        listed.append({"name": name, "count": len(unit["items"]), "former": former,
                       "href": rel(prov_idx, f"dia-phuong/{pslug}/")})
    pages[prov_idx] = LazyPage(None, lambda: page("Tin theo địa phương", render(
        "provinces_index.html", provinces=listed)))
    return pages


def feed_xml(bulletins: list[BulletinSummary], site_url: str, site_title: str, publisher: str,
             limit: int) -> str:
    """Atom feed of the latest ``limit`` bulletins (newest first), absolute links on ``site_url``."""
    entries = []
    for b in bulletins[:limit]:
        url = b.url
        lis = "".join(
            f'<li><a href="{site_url}{url}#{i.anchor}">{_esc(i.headline)}</a></li>' for i in b.items)
        entries.append({"title": b.title, "url": url, "published": b.published or f"{b.day}T00:00:00+07:00",
                        "summary": f"<ol>{lis}</ol>"})
    updated = entries[0]["published"] if entries else "1970-01-01T00:00:00+00:00"
    return render("feed.xml", site_url=site_url, site_title=site_title, publisher=publisher,
                  entries=entries, updated=updated)


def _esc(value: str) -> str:
    return str(Markup.escape(value))


def search_facets(bulletins: list[BulletinSummary], current_name: Any) -> dict[str, Any]:
    """What the search page can filter by: sections (in order), provinces (today's units, as the
    province pages group them) and years, from the bulletins' summaries."""
    named = {i.province for b in bulletins for i in b.items if i.province}
    provinces = {current_name(p) or p for p in named}
    return {"sections": [{"slug": SECTION_SLUGS[s], "heading": s.heading} for s in ORDER],
            "provinces": sorted(provinces, key=fold),
            "years": sorted({b.day.year for b in bulletins}, reverse=True)}
