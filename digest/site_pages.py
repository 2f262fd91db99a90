"""The readers' site pages as text: bulletin pages, home, archive, section and province listings,
the Atom feed and the search sources pagefind indexes.

Every page is Markdown for mkdocs whose body is one raw HTML block rendered by autoescaping
Jinja templates (``templates/site/``), so text from sources is escaped exactly once and never
reinterpreted as Markdown. The bulletin itself is the bulletin renderer's fragment
(``digest.render.render_html(doc, standalone=False)``), the same one e-mail and export use.

Links are relative (the site works under any sub-path and from a local folder).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any, Iterable

import jinja2
from markupsafe import Markup

from digest.bulletin import BulletinDoc
from digest.config import templates_dir
from digest.render import OtherBulletin, render_html
from digest.sections import ORDER, Section
from digest.text import dmy, fold

BULLETIN_DIR = "ban-tin"
SECTION_SLUGS = {s: re.sub(r"[^a-z0-9]+", "-", fold(s.heading)).strip("-") for s in ORDER}


def slug(value: str) -> str:
    """'Thừa Thiên Huế' -> 'thua-thien-hue' (ASCII, stable across builds)."""
    return re.sub(r"[^a-z0-9]+", "-", fold(value)).strip("-") or "khac"


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


def page(title: str, body: str, *, hide_nav: bool = True, description: str | None = None) -> str:
    """A Markdown page for mkdocs: front matter, then the body as one raw HTML block."""
    meta = {"title": title}
    if description:
        meta["description"] = description
    lines = ["---"] + [f"{k}: {json.dumps(v, ensure_ascii=False)}" for k, v in meta.items()]
    hide = ["toc", "navigation"] if hide_nav else ["toc"]
    lines.append("hide: [" + ", ".join(hide) + "]")
    lines += ["---", "", '<div class="bt-page">', body.strip(), "</div>", ""]
    return "\n".join(lines)


def _others(path: str, neighbours: Iterable[tuple[date, str]]) -> list[OtherBulletin]:
    return [OtherBulletin(title, rel(path, url_of(bulletin_path(day)))) for day, title in neighbours]


def bulletin_page(doc: BulletinDoc, neighbours: list[tuple[date, str]]) -> str:
    """The page of one bulletin: the bulletin fragment (title, stamp, A- A A+, numbered table of
    contents linking to the articles, 'Về đầu trang', footer with other bulletins)."""
    path = bulletin_path(doc.date)
    body = render_html(doc, standalone=False, others=_others(path, neighbours),
                       others_url=rel(path, "luu-tru/"))
    return page(doc.title, body, description=f"{doc.title}: {len(doc.items)} tin")


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
    href = rel(from_path, url_of(b.path))
    return {"href": f"{href}#{i.anchor}", "headline": i.headline, "outlet": i.outlet,
            "bulletin_href": href, "day_label": dmy(b.day), "province": i.province}


def listing_pages(bulletins: list[BulletinSummary],
                  current_name: Any) -> dict[str, str]:
    """Archive (by year and month), section and province pages from the bulletins' summaries
    (``bulletins`` newest first). ``current_name(province)`` maps a province to its current unit."""
    pages: dict[str, str] = {}
    by_month: dict[tuple[int, int], list[BulletinSummary]] = defaultdict(list)
    for b in bulletins:
        by_month[(b.day.year, b.day.month)].append(b)

    def years_of(counts: dict[tuple[int, int], int], href_of: Any) -> list[dict[str, Any]]:
        years: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for (y, m), n in sorted(counts.items(), reverse=True):
            years[y].append({"month": m, "count": n, "href": href_of(y, m)})
        return [{"year": y, "months": ms} for y, ms in years.items()]

    # --- archive
    idx = "luu-tru/index.md"
    pages[idx] = page("Lưu trữ bản tin", render(
        "archive_index.html",
        years=years_of({k: len(v) for k, v in by_month.items()},
                       lambda y, m: rel(idx, f"luu-tru/{y}/{m:02d}/"))))
    for (y, m), group in by_month.items():
        path = f"luu-tru/{y}/{m:02d}.md"
        pages[path] = page(f"Bản tin tháng {m}/{y}", render(
            "archive_month.html", year=y, month=m, up_href=rel(path, "luu-tru/"),
            bulletins=[{"day": b.day.day, "title": b.title, "stamp": b.stamp,
                        "href": rel(path, url_of(b.path)), "stories": b.items} for b in group]))

    # --- sections: an index, one page per section listing its months, one page per month
    sec_idx = "chuyen-muc/index.md"
    summaries = []
    for section in ORDER:
        sslug = SECTION_SLUGS[section]
        sec_path = f"chuyen-muc/{sslug}/index.md"
        months: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        latest: list[dict[str, Any]] = []
        count = 0
        for b in bulletins:
            for i in b.items:
                if i.section is not section:
                    continue
                count += 1
                mpath = f"chuyen-muc/{sslug}/{b.day.year}/{b.day.month:02d}.md"
                months[(b.day.year, b.day.month)].append(_entry(mpath, b, i))
                if len(latest) < 5:
                    latest.append(_entry(sec_idx, b, i))
        for (y, m), entries in months.items():
            mpath = f"chuyen-muc/{sslug}/{y}/{m:02d}.md"
            pages[mpath] = page(f"{section.heading}: tháng {m}/{y}", render(
                "section_month.html", heading=section.heading, year=y, month=m, entries=entries,
                up_href=rel(mpath, "chuyen-muc/"), section_href=rel(mpath, url_of(sec_path))))
        pages[sec_path] = page(section.heading, render(
            "section_index.html", heading=section.heading, up_href=rel(sec_path, "chuyen-muc/"),
            years=years_of({k: len(v) for k, v in months.items()},
                           lambda y, m, s=sslug: rel(sec_path, f"chuyen-muc/{s}/{y}/{m:02d}/"))))
        summaries.append({"slug": sslug, "heading": section.heading, "count": count,
                          "href": rel(sec_idx, f"chuyen-muc/{sslug}/"), "latest": latest})
    pages[sec_idx] = page("Chuyên mục", render("sections_index.html", sections=summaries))

    # --- provinces, grouped by today's unit (a merged province's old stories join the new one)
    units: dict[str, dict[str, Any]] = {}
    for b in bulletins:
        for i in b.items:
            if not i.province:
                continue
            name = current_name(i.province) or i.province
            unit = units.setdefault(name, {"former": set(), "items": []})
            if name != i.province:
                unit["former"].add(i.province)
            unit["items"].append((b, i))
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
        groups: dict[tuple[int, int], list[dict[str, Any]]] = defaultdict(list)
        for b, i in unit["items"]:
            groups[(b.day.year, b.day.month)].append(_entry(ppath, b, i))
        former = sorted(unit["former"], key=fold)
        pages[ppath] = page(name, render(
            "province.html", name=name, former=former, up_href=rel(ppath, "dia-phuong/"),
            groups=[{"year": y, "month": m, "entries": es} for (y, m), es in groups.items()]))
        listed.append({"name": name, "count": len(unit["items"]), "former": former,
                       "href": rel(prov_idx, f"dia-phuong/{pslug}/")})
    pages[prov_idx] = page("Tin theo địa phương", render("provinces_index.html", provinces=listed))
    return pages


def feed_xml(bulletins: list[BulletinSummary], site_url: str, site_title: str, publisher: str,
             limit: int) -> str:
    """Atom feed of the latest ``limit`` bulletins (newest first), absolute links on ``site_url``."""
    entries = []
    for b in bulletins[:limit]:
        url = url_of(b.path)
        lis = "".join(
            f'<li><a href="{site_url}{url}#{i.anchor}">{_esc(i.headline)}</a></li>' for i in b.items)
        entries.append({"title": b.title, "url": url, "published": b.published or f"{b.day}T00:00:00+07:00",
                        "summary": f"<ol>{lis}</ol>"})
    updated = entries[0]["published"] if entries else "1970-01-01T00:00:00+00:00"
    return render("feed.xml", site_url=site_url, site_title=site_title, publisher=publisher,
                  entries=entries, updated=updated)


def _esc(value: str) -> str:
    return str(Markup.escape(value))


def search_sources(doc: BulletinDoc) -> dict[str, str]:
    """What pagefind indexes for one bulletin: one small page per story, named
    ``tin-N.html`` (the search page links it as the bulletin's ``#tin-N``), holding the
    story as written plus a folded copy."""
    return {f"{item.anchor}.html": render("search_source.html", doc=doc, item=item)
            for item in doc.items}
