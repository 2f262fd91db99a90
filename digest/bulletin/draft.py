"""Draft the day's bulletin from classified articles.

``draft_bulletin(session, day)`` builds (or refreshes) the draft ``Bulletin`` of ``day``:

* **Window.** Stories published after the previous bulletin's cut-off and up to ``day``'s
  cut-off (``settings()["bulletin"]["cutoff"]``, default 16:00 Asia/Ho_Chi_Minh). A first
  bulletin (no earlier one in the database) takes ``day`` and the day before
  (``first_bulletin_days`` calendar days, from local midnight).
* **Not ahead.** A day after today (Vietnam time) is refused with ``DayNotYetCome``: its
  window would reach over the days between and take their stories.
* **No repeats.** A story an earlier bulletin carried, or a later published one (a day
  drafted late), is left out: same article, or same duplicate cluster ``cluster_key``.
* **One per cluster.** Of several outlets reporting one story, the representative is kept:
  the classifier's ``digest.classify.dedupe.representative`` rule (earliest day, then an official
  outlet, then a central one, then the longer text), or, without it, the earliest report,
  then the longer text, then the lower id.
* **Sections** in the fixed order (policy, local, management, world).
* **Order within a section** (``settings()["bulletin"]["order"]``):
  ``city_first`` (default): in every section, stories of the centrally-run cities
  (Hà Nội, TPHCM, Hải Phòng, Đà Nẵng, Cần Thơ, Huế) come first, then the rest; inside each
  group newest first. ``time``: newest first only.
* **Numbering** 1..N straight through all sections (done when the document is built,
  ``digest.bulletin.curate.load_doc``), so excluding or moving a story renumbers the rest.
* **Headlines** of ``local`` stories start with the place ("Đà Nẵng: ...") unless they
  already name it; paragraphs come from the article text.

Re-running on an unpublished draft keeps every editor change (pulled-in items, exclusions,
moves, order, edited headline/paragraphs/author) and only adds stories crawled since;
untouched automatic items are refreshed from their (possibly re-crawled) article, and
dropped when the article no longer qualifies. A published bulletin is refused with
``BulletinAlreadyPublished`` until it is reopened (``digest.bulletin.publish.reopen``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_
from sqlalchemy import inspect as sa_inspect
from sqlmodel import Session, col, select

from digest.bulletin.doc import bulletin_title
from digest.classify import dedupe
from digest.classify.sections import SECTION_KEYS, Section
from digest.config import settings
from digest.errors import BulletinAlreadyPublished, DayNotYetCome
from digest.geo import gazetteer
from digest.store.models import Article, Bulletin, BulletinItem, Classification
from digest.text import VN_TZ, clean_line, fold, paragraphs, parse_hhmm, to_vn, utcnow, vn_midnight

# The order the reference bulletin lists centrally-run cities in when several appear (a bulletin
# convention; which places are cities, and how each is written, is digest.geo's answer).
CITY_ORDER = ("Hà Nội", "TP Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế")
_LEAD = re.compile(r"^([^:]{2,40}):\s")


# --------------------------------------------------------------------------- places
def place_label(province: str | None) -> str | None:
    """How the bulletin prints a place: 'TP Hồ Chí Minh' -> 'TPHCM', 'Thừa Thiên Huế' -> 'Huế'
    (the gazetteer's short form of today's unit); a place it does not know as given."""
    if not province:
        return None
    name = clean_line(province)
    return gazetteer.short(gazetteer.today(name) or name)


def names_place(headline: str, province: str | None) -> bool:
    """True when ``headline`` already names ``province`` (accents and case ignored)."""
    if province and gazetteer.canonical(province) is not None:
        return gazetteer.load().names_place(headline, province)
    label = place_label(province)
    if not label:
        return False
    return re.search(rf"(?<!\w){re.escape(fold(label))}(?!\w)", fold(headline)) is not None


# Kinds of unit written in lower case inside a place's name: "Đặc khu Côn Đảo", "Thị xã Sơn Tây"
_UNIT_WORDS = ("dac khu", "thi xa", "thi tran", "thanh pho", "xa", "phuong", "huyen", "quan", "tinh")


def has_place_lead(headline: str) -> bool:
    """'Móng Cái: ...', 'TP.HCM: ...', 'Đặc khu Côn Đảo: ...': a lead of up to five words and a
    colon that names a place: every word capitalised, or a kind of unit followed by a name."""
    match = _LEAD.match(headline)
    if not match:
        return False
    words = match.group(1).split()
    if not 0 < len(words) <= 5 or not words[0][0].isupper():
        return False
    if all(w[0].isupper() for w in words):
        return True
    folded = fold(match.group(1))
    return any(folded.startswith(unit + " ") and words[-1][0].isupper() for unit in _UNIT_WORDS)


def _fallback_place_prefix(headline: str, province: str | None) -> str:
    headline = clean_line(headline)
    label = place_label(province)
    if not label or names_place(headline, label) or has_place_lead(headline):
        return headline
    return f"{label}: {headline}"


def local_headline(headline: str, province: str | None) -> str:
    """'Đà Nẵng: Trả kết quả ...' unless the headline already names the place.

    The gazetteer (digest.geo.gazetteer.place_prefix) decides for the places it knows; a place it
    does not know (a spelling it lacks) still gets its prefix here. A headline that already
    opens with a short "Something: " lead (a district, "Móng Cái: ...") is left as it is:
    "Quảng Ninh: Móng Cái: ..." reads badly."""
    if has_place_lead(clean_line(headline)):
        return clean_line(headline)
    if province and gazetteer.canonical(province) is not None:
        return clean_line(gazetteer.place_prefix(headline, province))
    return _fallback_place_prefix(headline, province)


def is_city(province: str | None) -> bool:
    """A centrally-run city (any spelling the gazetteer knows)."""
    return gazetteer.is_city(province)


# --------------------------------------------------------------------------- window
def cutoff_at(day: date) -> datetime:
    """``day``'s cut-off as an aware datetime (Asia/Ho_Chi_Minh)."""
    hhmm = parse_hhmm(settings().value("bulletin", "cutoff", str))
    return datetime.combine(day, hhmm, tzinfo=VN_TZ)


def previous_bulletin(session: Session, day: date) -> Bulletin | None:
    return session.exec(
        select(Bulletin).where(Bulletin.date < day).order_by(col(Bulletin.date).desc())
    ).first()


def window(session: Session, day: date) -> tuple[datetime, datetime, bool]:
    """(start, end, first): stories with start < published_at <= end (start inclusive when first)."""
    end = cutoff_at(day)
    prev = previous_bulletin(session, day)
    if prev is None:
        days = max(1, settings().value("bulletin", "first_bulletin_days", int))
        return vn_midnight(day - timedelta(days=days - 1)), end, True
    start = prev.window_end or cutoff_at(prev.date)
    return start, end, False


def in_window(published: datetime | None, start: datetime, end: datetime, first: bool) -> bool:
    if published is None:
        return False
    return (published >= start if first else published > start) and published <= end


# --------------------------------------------------------------------------- candidates
@dataclass
class Candidate:
    article: Article
    cls: Classification

    @property
    def cluster(self) -> str:
        return self.cls.cluster_key or f"article:{self.article.id}"

    @property
    def section(self) -> str:
        return section_of(self.cls)


def section_of(cls: Classification | None) -> str:
    """A valid section key for a classification (a relevant story with none goes by province)."""
    if cls is not None and cls.section in SECTION_KEYS:
        return str(cls.section)
    if cls is not None and cls.province:
        return Section.LOCAL.value
    return Section.POLICY.value


@dataclass
class WindowRow:
    """One article of the window, light: no body text (a day can hold thousands of articles)."""

    article_id: int
    published_at: datetime | None
    outlet: str
    title: str
    url: str
    classified: bool
    relevant: bool | None
    section: str | None
    province: str | None
    confidence: float
    cluster_key: str | None

    @property
    def cluster(self) -> str:
        return self.cluster_key or f"article:{self.article_id}"


def window_where(start: datetime, end: datetime, first: bool) -> tuple[Any, Any]:
    """The SQL conditions of "published in the window" (a day's first bulletin includes its
    start; the others begin just after the previous bulletin's end)."""
    lower = col(Article.published_at) >= start if first else col(Article.published_at) > start
    return lower, col(Article.published_at) <= end


def window_rows(session: Session, start: datetime, end: datetime, first: bool,
                relevant_only: bool = False) -> list[WindowRow]:
    """Every article published in the window with its classification fields (oldest first)."""
    query = (
        select(Article.id, Article.published_at, Article.source, Article.title, Article.url,
               Classification.article_id, Classification.relevant,
               Classification.section, Classification.province, Classification.confidence,
               Classification.cluster_key)
        .join(Classification, col(Classification.article_id) == col(Article.id), isouter=not relevant_only)
        .where(*window_where(start, end, first))
        .order_by(col(Article.published_at), col(Article.id))
    )
    if relevant_only:
        query = query.where(col(Classification.relevant).is_(True))
    return [
        WindowRow(article_id=r[0], published_at=r[1], outlet=r[2], title=r[3], url=r[4],
                  classified=r[5] is not None, relevant=r[6], section=r[7], province=r[8],
                  confidence=float(r[9] or 0.0), cluster_key=r[10])
        for r in session.exec(query).all()  # type: ignore[call-overload]
    ]


@dataclass
class WindowCounts:
    """What a day's window holds, to say why a draft came out empty."""

    start: datetime
    end: datetime
    articles: int
    classified: int
    relevant: int


def window_counts(session: Session, day: date) -> WindowCounts:
    """Articles published in ``day``'s window, how many are classified, how many relevant."""
    start, end, first = window(session, day)
    rows = window_rows(session, start, end, first)
    return WindowCounts(start, end, len(rows), sum(1 for r in rows if r.classified),
                        sum(1 for r in rows if r.classified and r.relevant))


def representative(session: Session, group: list[WindowRow]) -> WindowRow:
    """The one story kept of a duplicate cluster, by the classifier's citation rule
    (``digest.classify.dedupe.representative``)."""
    if len(group) == 1:
        return group[0]
    articles = session.exec(select(Article).where(
        col(Article.id).in_([r.article_id for r in group]))).all()
    chosen = dedupe.representative(list(articles))
    return next(row for row in group if row.article_id == chosen.id)


def carried_query(day: date) -> Any:
    """SELECT article_id, cluster_key of the stories included in any bulletin before ``day``,
    or in a published one after it (an earlier day drafted late must not print again what a
    later bulletin, drafted first with a window reaching back, has already carried)."""
    return (select(BulletinItem.article_id, BulletinItem.cluster_key)
            .join(Bulletin, col(Bulletin.id) == col(BulletinItem.bulletin_id))
            .where(or_(Bulletin.date < day, and_(Bulletin.date > day, col(Bulletin.status) == "published")),
                   col(BulletinItem.included).is_(True)))


def carried_before(session: Session, day: date) -> tuple[set[int], set[str]]:
    """Article ids and cluster keys of stories another bulletin carried (see carried_query)."""
    rows = session.exec(carried_query(day)).all()
    return {r[0] for r in rows}, {r[1] for r in rows if r[1]}


def eligible(session: Session, day: date) -> list[Candidate]:
    """Relevant, not carried before, one per cluster: the stories a fresh draft would print."""
    start, end, first = window(session, day)
    seen_ids, seen_clusters = carried_before(session, day)
    groups: dict[str, list[WindowRow]] = {}
    for row in window_rows(session, start, end, first, relevant_only=True):
        if row.article_id in seen_ids or (row.cluster_key and row.cluster_key in seen_clusters):
            continue
        groups.setdefault(row.cluster, []).append(row)
    chosen = [representative(session, group).article_id for group in groups.values()]
    out: list[Candidate] = []
    for i in range(0, len(chosen), 500):  # bounded IN lists
        batch = chosen[i:i + 500]
        for art, cls in session.exec(
            select(Article, Classification)
            .join(Classification, col(Classification.article_id) == col(Article.id))
            .where(col(Article.id).in_(batch))
        ).all():
            out.append(Candidate(art, cls))
    out.sort(key=lambda c: (c.article.published_at or start, c.article.id or 0))
    return out


# --------------------------------------------------------------------------- items
def author_of(article: Article) -> str | None:
    names = [clean_line(a) for a in (article.authors or []) if clean_line(a)]
    return " - ".join(names) or None


def item_fields(article: Article, cls: Classification | None, section: str) -> dict[str, Any]:
    """The printable fields of a new item, from its article. Its place is the classifier's; a
    local story the classifier placed nowhere takes its provincial outlet's (a policy or world
    story from a provincial paper is not that province's story)."""
    province = (cls.province if cls else None) or (
        article.source_province if section == Section.LOCAL.value else None)
    headline = clean_line(article.title)
    if section == Section.LOCAL.value:
        headline = local_headline(headline, province)
    paras = paragraphs(article.text) or paragraphs(article.summary)
    return {
        "section": section,
        "headline": headline,
        "paragraphs": paras,
        "author": author_of(article),
        "outlet": clean_line(article.source),
        "province": province,
        "source_date": to_vn(article.published_at).date() if article.published_at else None,
        "cluster_key": cls.cluster_key if cls else None,
        "confidence": float(cls.confidence) if cls else 0.0,
    }


def sort_key(item: BulletinItem, published: datetime | None) -> tuple[Any, ...]:
    """Ordering inside a section: see the module docstring."""
    newest_first = -(published or datetime(1970, 1, 1, tzinfo=VN_TZ)).timestamp()
    if settings().value("bulletin", "order", str) == "time":
        return (newest_first, item.article_id)
    if is_city(item.province):
        city = gazetteer.today(item.province) or gazetteer.canonical(item.province)
        rank = CITY_ORDER.index(city) if city in CITY_ORDER else len(CITY_ORDER)
        return (0, newest_first, rank, item.article_id)
    return (1, newest_first, item.article_id)


def touched(item: BulletinItem) -> bool:
    """An item an editor created or changed in any way: re-drafting never alters it."""
    return item.origin != "auto" or bool(item.edited)


# --------------------------------------------------------------------------- draft
def get_bulletin(session: Session, day: date) -> Bulletin | None:
    """The bulletin of ``day``, looked up once per session: an editor's action and the board
    it answers with ask for it half a dozen times."""
    return _remembered(session, "bulletin", day, lambda: session.exec(
        select(Bulletin).where(Bulletin.date == day)).first())


def _remembered(session: Session, kind: str, day: date, load: Callable[[], Bulletin | None]) -> Bulletin | None:
    """``load()``'s bulletin, kept in the session for ``day``. Only a found row the database
    holds (persistent) is reused: a rollback, or a bulletin created later in the session, is
    looked up again."""
    cache: dict[tuple[str, date], Bulletin] = session.info.setdefault("bulletins", {})
    known = cache.get((kind, day))
    if known is not None and sa_inspect(known).persistent:
        return known
    found = load()
    if found is not None:
        cache[(kind, day)] = found
    return found


def section_items(session: Session, bulletin_id: int) -> dict[str, list[BulletinItem]]:
    """All items of a bulletin (included or not) by section, in their order."""
    items = session.exec(
        select(BulletinItem).where(BulletinItem.bulletin_id == bulletin_id)
        .order_by(col(BulletinItem.position), col(BulletinItem.id))
    ).all()
    out: dict[str, list[BulletinItem]] = {key: [] for key in SECTION_KEYS}
    for item in items:
        out.setdefault(item.section, []).append(item)
    return out


def renumber(items: list[BulletinItem]) -> None:
    for pos, item in enumerate(items):
        item.position = pos


def draft_bulletin(session: Session, day: date, now: datetime | None = None) -> Bulletin:
    """Create or refresh the draft bulletin of ``day`` (see the module docstring for the rules).

    Safe to re-run: editor changes are kept and only new stories are added. Raises
    ``BulletinAlreadyPublished`` for a published bulletin (reopen it first).
    """
    now = now or utcnow()
    today = to_vn(now).date()
    if day > today:
        # its window would take the stories of the days between, which their own bulletins take too
        raise DayNotYetCome(f"{day.isoformat()} has not come yet (today is {today.isoformat()}, "
                            "Vietnam time): draft a bulletin on its day or later")
    start, end, _first = window(session, day)
    bulletin = get_bulletin(session, day)
    if bulletin is None:
        base = settings().value("general", "bulletin_title", str)
        bulletin = Bulletin(date=day, title=bulletin_title(day, base), created_at=now, updated_at=now)
        session.add(bulletin)
        session.flush()
    elif bulletin.status == "published":
        raise BulletinAlreadyPublished(
            f"the bulletin of {day.isoformat()} is published; reopen it first (bantin publish --date "
            f"{day.isoformat()} --reopen)"
        )
    assert bulletin.id is not None
    bulletin.window_start, bulletin.window_end = start, end
    bulletin.updated_at = now

    chosen = {c.article.id: c for c in eligible(session, day) if c.article.id is not None}  # stored rows
    by_section = section_items(session, bulletin.id)
    existing = {item.article_id: item for items in by_section.values() for item in items}
    covered_clusters = {item.cluster_key for item in existing.values() if item.cluster_key}
    published: dict[int, datetime | None] = {}

    # Untouched automatic items follow the data: refreshed, or dropped when no longer chosen.
    for key, items in list(by_section.items()):
        for item in list(items):
            if touched(item):
                continue
            cand = chosen.get(item.article_id)
            if cand is None:
                items.remove(item)
                session.delete(item)
                existing.pop(item.article_id, None)
                continue
            fields = item_fields(cand.article, cand.cls, cand.section)
            for name, value in fields.items():
                setattr(item, name, value)
            if item.section != key:  # the classifier changed its mind: follow it
                items.remove(item)
                by_section.setdefault(item.section, []).append(item)
    covered_clusters = {item.cluster_key for item in existing.values() if item.cluster_key}

    added: dict[str, list[BulletinItem]] = {}
    for art_id, cand in chosen.items():
        if art_id in existing or (cand.cls.cluster_key and cand.cls.cluster_key in covered_clusters):
            continue
        item = BulletinItem(bulletin_id=bulletin.id, article_id=art_id, origin="auto",
                            **item_fields(cand.article, cand.cls, cand.section))
        session.add(item)
        added.setdefault(item.section, []).append(item)
        published[art_id] = cand.article.published_at

    for key in set(by_section) | set(added):
        items, new = by_section.get(key, []), added.get(key, [])
        if not items and not new:
            continue
        for item in items:
            if item.article_id not in published:
                cand = chosen.get(item.article_id)
                published[item.article_id] = (cand.article.published_at if cand else
                                              session.get(Article, item.article_id).published_at)  # type: ignore[union-attr]
        if any("position" in item.edited or "section" in item.edited for item in items):
            # The editor arranged this section: keep their order, add new stories after it.
            ordered = items + sorted(new, key=lambda i: sort_key(i, published[i.article_id]))
        else:
            ordered = sorted(items + new, key=lambda i: sort_key(i, published[i.article_id]))
        renumber(ordered)
    session.flush()
    return bulletin
