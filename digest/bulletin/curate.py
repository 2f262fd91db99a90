"""Curation: the service layer the editors' web app and the ``bantin curate`` commands call.

Every function takes an open ``Session`` (the caller commits) and the bulletin's ``day``.
Every change writes a ``Change`` row (who, when, action, before, after); include, exclude,
pull_in and move also write a ``Label`` (training data for the classifier: exclude ->
relevant False; include, pull_in, move -> relevant True with the section). Mutating a
published bulletin raises ``BulletinAlreadyPublished``; unknown days, items or articles raise
``BulletinNotFound`` / ``InvalidInput`` with a message fit for the editor.

Positions are 1-based inside a section and count every item of the section, excluded ones
too, in the order ``candidates()`` lists them. ``trim_paragraphs`` keeps paragraph indexes of
the article's full text (``CandidateView.all_paragraphs``), so a trim can always be undone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from digest.bulletin.doc import BulletinDoc, Item, SectionBlock
from digest.bulletin.draft import (
    carried_query,
    get_bulletin,
    item_fields,
    local_headline,
    renumber,
    section_items,
    window,
    window_where,
)
from digest.classify.sections import ORDER, SECTION_KEYS, Section
from digest.config import settings
from digest.errors import (
    ArticleNotFound,
    BadPosition,
    BulletinAlreadyPublished,
    BulletinNotFound,
    EmptyHeadline,
    HeadlineTooLong,
    InvalidInput,
    ItemNotInBulletin,
    NoParagraphKept,
    NoSuchNumber,
    ParagraphOutOfRange,
    UnknownSection,
)
from digest.ingest.save import UNDATED
from digest.store.models import Article, Bulletin, BulletinItem, Change, Classification, Label
from digest.text import clean_line, paragraphs, stored_paragraphs, utcnow


# --------------------------------------------------------------------------- views
@dataclass
class Sibling:
    """Another outlet's report of the same story (same duplicate cluster)."""

    article_id: int
    outlet: str
    title: str
    url: str
    published_at: datetime | None


@dataclass
class CandidateView:
    """One item of the bulletin as the editor sees it (included or excluded)."""

    item_id: int
    article_id: int
    section: str
    position: int  # 1-based inside the section, excluded items counted
    number: int | None  # 1..N through the bulletin; None when excluded
    included: bool
    confidence: float
    outlet: str
    published_at: datetime | None
    headline: str
    url: str
    province: str | None
    author: str | None
    paragraphs: list[str]
    all_paragraphs: list[str]  # the article's full text, for trim_paragraphs indexes
    kept: list[int]  # indexes of all_paragraphs the item prints
    origin: str  # auto | editor
    edited: list[str]  # fields an editor changed
    cluster_key: str | None
    siblings: list[Sibling] = field(default_factory=list)
    source_date: date | None = None  # the day the citation prints (Vietnam time)
    # no date on the page or in the feed: published_at is only when the crawl first saw it
    undated: bool = False

    @property
    def citation(self) -> str:
        """The citation the item prints: '(Outlet 24/5, Author)'."""
        return Item(number=0, headline=self.headline, url=self.url, outlet=self.outlet,
                    source_date=self.source_date, author=self.author, province=self.province,
                    paragraphs=[]).citation


@dataclass
class LeftOutView:
    """An article of the window that is not in the bulletin, with why."""

    article_id: int
    title: str
    outlet: str
    url: str
    published_at: datetime | None
    relevant: bool | None  # None: not classified yet
    section: str | None
    province: str | None
    confidence: float
    reason: str  # irrelevant | unclassified | duplicate | carried
    cluster_key: str | None

    @property
    def relevance(self) -> float | None:
        """How likely the story belongs in the bulletin (None: not classified yet): the
        classifier's confidence is P(relevant) for every story, relevant or not, so the
        likeliest miss has the highest."""
        if self.relevant is None:
            return None
        return self.confidence


# --------------------------------------------------------------------------- lookups
def require_bulletin(session: Session, day: date) -> Bulletin:
    bulletin = get_bulletin(session, day)
    if bulletin is None:
        raise BulletinNotFound(
            f"no bulletin for {day.isoformat()}; draft it first (bantin draft --date {day.isoformat()})"
        )
    return bulletin


def require_draft(session: Session, day: date) -> Bulletin:
    bulletin = require_bulletin(session, day)
    if bulletin.status == "published":
        raise BulletinAlreadyPublished(
            f"the bulletin of {day.isoformat()} is published; reopen it to change it "
            f"(bantin publish --date {day.isoformat()} --reopen)"
        )
    return bulletin


def require_item(session: Session, bulletin: Bulletin, item_id: int) -> BulletinItem:
    item = session.get(BulletinItem, item_id)
    if item is None or item.bulletin_id != bulletin.id:
        raise ItemNotInBulletin(f"item {item_id} is not in the bulletin of {bulletin.date.isoformat()}")
    return item


def require_section(section: str) -> str:
    key = (section or "").strip().lower()
    if key not in SECTION_KEYS:
        raise UnknownSection(f"unknown section {section!r}; one of {', '.join(SECTION_KEYS)}")
    return key


def _publisher() -> str:
    return settings().value("general", "publisher", str)


# --------------------------------------------------------------------------- documents
def build_doc(session: Session, bulletin: Bulletin, include_excluded: bool = False) -> BulletinDoc:
    """The bulletin document from its current rows (drafts) - numbers 1..N over included items."""
    assert bulletin.id is not None
    by_section = section_items(session, bulletin.id)
    urls = _urls(session, [i.article_id for items in by_section.values() for i in items])
    blocks: list[SectionBlock] = []
    number = 0
    for key in ORDER:
        out: list[Item] = []
        for row in by_section.get(key.value, []):
            if not row.included and not include_excluded:
                continue
            if row.included:
                number += 1
            out.append(Item(
                number=number if row.included else 0,
                headline=row.headline, url=urls.get(row.article_id, ""), outlet=row.outlet,
                source_date=row.source_date, author=row.author, province=row.province,
                paragraphs=list(row.paragraphs), item_id=row.id, article_id=row.article_id,
                included=row.included,
            ))
        if out:
            blocks.append(SectionBlock(key, out))
    return BulletinDoc(date=bulletin.date, title=bulletin.title, published_at=bulletin.published_at,
                       sections=blocks, publisher=_publisher(), status=bulletin.status)


def load_doc(session: Session, day: date, include_excluded: bool = False) -> BulletinDoc:
    """The bulletin of ``day`` as a ``BulletinDoc``: a published one from its frozen snapshot
    (exactly what readers got), a draft from its current items. ``include_excluded`` adds the
    excluded items of a draft (``included=False``, ``number=0``) for the editor's view."""
    bulletin = require_bulletin(session, day)
    if bulletin.status == "published" and bulletin.snapshot:
        doc = BulletinDoc.from_json(bulletin.snapshot, publisher=_publisher())
        doc.status = "published"
        return doc
    return build_doc(session, bulletin, include_excluded)


def _urls(session: Session, article_ids: list[int]) -> dict[int, str]:
    if not article_ids:
        return {}
    rows = session.exec(select(Article.id, Article.url).where(col(Article.id).in_(article_ids))).all()
    return {r[0]: r[1] for r in rows}


def candidates(session: Session, day: date) -> list[CandidateView]:
    """Every item of the bulletin, excluded ones too, in section order then position, with the
    other articles of each item's duplicate cluster as ``siblings``."""
    bulletin = require_bulletin(session, day)
    assert bulletin.id is not None
    by_section = section_items(session, bulletin.id)
    rows = [i for key in SECTION_KEYS for i in by_section.get(key, [])]
    articles = {a.id: a for a in session.exec(
        select(Article).where(col(Article.id).in_([r.article_id for r in rows] or [-1]))).all()}
    clusters = {r.cluster_key for r in rows if r.cluster_key}
    sibs: dict[str, list[Sibling]] = {}
    if clusters:
        for art, cls in session.exec(
            select(Article, Classification)
            .join(Classification, col(Classification.article_id) == col(Article.id))
            .where(col(Classification.cluster_key).in_(clusters))
            .order_by(col(Article.published_at), col(Article.id))
        ).all():
            sibs.setdefault(str(cls.cluster_key), []).append(
                Sibling(art.id or 0, art.source, art.title, art.url, art.published_at))
    views: list[CandidateView] = []
    numbers = printed_numbers(r.included for r in rows)  # rows is bulletin order, as the loop
    for key in SECTION_KEYS:
        for pos, row in enumerate(by_section.get(key, []), start=1):
            art = articles.get(row.article_id)
            full = list(stored_paragraphs(art.text or "")) if art else list(row.paragraphs)
            views.append(CandidateView(
                item_id=row.id or 0, article_id=row.article_id, section=row.section, position=pos,
                number=next(numbers), included=row.included,
                confidence=row.confidence, outlet=row.outlet,
                published_at=art.published_at if art else None, headline=row.headline,
                url=art.url if art else "", province=row.province, author=row.author,
                paragraphs=list(row.paragraphs), all_paragraphs=full,
                kept=_kept_indexes(full, row.paragraphs), origin=row.origin,
                edited=list(row.edited), cluster_key=row.cluster_key,
                siblings=[s for s in sibs.get(row.cluster_key or "", []) if s.article_id != row.article_id],
                source_date=row.source_date,
                undated=bool(art is not None and art.date_source == UNDATED),
            ))
    return views


@dataclass
class Place:
    """Where an article stands in a bulletin: its item and printed number (None: excluded)."""

    item_id: int
    number: int | None


def places(session: Session, bulletin: Bulletin) -> dict[int, Place]:
    """Article id -> its ``Place``, numbered as ``candidates`` numbers the items, from four
    columns of the items (no article, no text): what a search result needs to say "#7"."""
    rows = session.exec(
        select(BulletinItem.id, BulletinItem.article_id, BulletinItem.section, BulletinItem.included)
        .where(BulletinItem.bulletin_id == bulletin.id)
        .order_by(col(BulletinItem.position), col(BulletinItem.id))
    ).all()
    by_section: dict[str, list[Any]] = {}
    for row in rows:
        by_section.setdefault(row[2], []).append(row)
    ordered = [row for key in SECTION_KEYS for row in by_section.get(key, [])]
    return {article_id: Place(item_id=item_id, number=number)
            for (item_id, article_id, _section, _included), number
            in zip(ordered, printed_numbers(row[3] for row in ordered), strict=True)}


def printed_numbers(included: Iterable[bool]) -> Iterator[int | None]:
    """The number each item is printed with, items in bulletin order (sections in ORDER, then
    position): one count through all sections; None for an excluded item."""
    number = 0
    for kept in included:
        if kept:
            number += 1
        yield number if kept else None


def _kept_indexes(full: list[str], kept: list[str]) -> list[int]:
    out, start = [], 0
    for para in kept:
        for idx in range(start, len(full)):
            if full[idx] == para:
                out.append(idx)
                start = idx + 1
                break
    return out


REASON_OF_RANK = {0: "duplicate", 1: "unclassified", 2: "irrelevant", 3: "carried"}


def left_out(session: Session, day: date, limit: int = 200) -> list[LeftOutView]:
    """Articles of the bulletin's window that are not in it: classified irrelevant, not yet
    classified, a duplicate of a printed story, or carried by an earlier bulletin. Near misses
    first, so an editor can pull a miss in: duplicates of printed stories, unclassified stories,
    stories judged irrelevant by falling P(relevant), then those an earlier bulletin carried;
    within each, by falling P(relevant), then newest first.

    Ranked and cut in the database: a day's window holds thousands of articles and the board
    shows the first hundred (``left_out_count`` counts them all)."""
    from sqlalchemy import and_, case, or_

    earlier = carried_query(day)
    carried_ids = select(earlier.subquery().c.article_id)
    carried_clusters = select(earlier.where(col(BulletinItem.cluster_key).is_not(None)).subquery().c.cluster_key)
    classified = col(Classification.article_id).is_not(None)
    carried = or_(col(Article.id).in_(carried_ids),
                  and_(col(Classification.cluster_key).is_not(None), col(Classification.cluster_key).in_(carried_clusters)))
    rank = case((~classified, 1), (carried, 3), (col(Classification.relevant).is_(True), 0), else_=2)
    relevance = case((classified, func.coalesce(col(Classification.confidence), 0.0)), else_=0.0)
    rows = session.exec(  # type: ignore[call-overload]
        select(Article.id, Article.title, Article.source, Article.url, Article.published_at,
               classified, Classification.relevant, Classification.section, Classification.province,
               Classification.confidence, Classification.cluster_key, rank)
        .join(Classification, col(Classification.article_id) == col(Article.id), isouter=True)
        .where(*_left_out_where(session, day))
        .order_by(rank, relevance.desc(), col(Article.published_at).desc(), col(Article.id))
        .limit(limit)
    ).all()
    return [
        LeftOutView(article_id=r[0], title=r[1], outlet=r[2], url=r[3], published_at=r[4],
                    relevant=r[6] if r[5] else None, section=r[7], province=r[8],
                    confidence=float(r[9] or 0.0), reason=REASON_OF_RANK[r[11]], cluster_key=r[10])
        for r in rows
    ]


def history(session: Session, day: date) -> list[Change]:
    """Every recorded change of the bulletin, oldest first."""
    bulletin = require_bulletin(session, day)
    return list(session.exec(
        select(Change).where(Change.bulletin_id == bulletin.id).order_by(col(Change.at), col(Change.id))
    ).all())


# --------------------------------------------------------------------------- recording
def _snapshot(item: BulletinItem) -> dict[str, Any]:
    return {"section": item.section, "position": item.position + 1, "included": item.included,
            "headline": item.headline, "author": item.author, "paragraphs": list(item.paragraphs)}


def record(session: Session, bulletin: Bulletin, action: str, editor: str,
           before: Any = None, after: Any = None, item: BulletinItem | None = None) -> Change:
    """Write one audit row and touch the bulletin."""
    now = utcnow()
    change = Change(bulletin_id=bulletin.id or 0, item_id=item.id if item else None,
                    editor=_editor(editor), action=action, before=before, after=after, at=now)
    session.add(change)
    bulletin.updated_at = now
    return change


def _editor(editor: str | None) -> str:
    return (clean_line(editor) or "cli")[:100]


def _label(session: Session, item: BulletinItem, relevant: bool, action: str, editor: str) -> None:
    art = session.get(Article, item.article_id)
    session.add(Label(
        article_id=item.article_id, title=art.title if art else item.headline,
        text=art.text if art else "\n\n".join(item.paragraphs), outlet=item.outlet,
        relevant=relevant, section=item.section if relevant else None,
        province=item.province if relevant else None, origin=action, editor=_editor(editor),
    ))


def _mark(item: BulletinItem, *names: str) -> None:
    # JSON column: assign a new list so SQLAlchemy sees the change.
    item.edited = sorted(set(item.edited) | set(names))


# --------------------------------------------------------------------------- actions
def include(session: Session, day: date, item_id: int, editor: str) -> BulletinItem:
    """Print an excluded item again (in its current place)."""
    return _set_included(session, day, item_id, editor, True)


def exclude(session: Session, day: date, item_id: int, editor: str) -> BulletinItem:
    """Leave an item out of the bulletin; it stays in the candidates list, and re-drafting
    does not bring it back."""
    return _set_included(session, day, item_id, editor, False)


def _set_included(session: Session, day: date, item_id: int, editor: str, value: bool) -> BulletinItem:
    bulletin = require_draft(session, day)
    item = require_item(session, bulletin, item_id)
    before = _snapshot(item)
    item.included = value
    _mark(item, "included")
    action = "include" if value else "exclude"
    record(session, bulletin, action, editor, before, _snapshot(item), item)
    _label(session, item, value, action, editor)
    session.flush()
    return item


def pull_in(session: Session, day: date, article_id: int, section: str, editor: str) -> BulletinItem:
    """Add an article the draft left out (irrelevant, duplicate, late...) at the end of
    ``section``. An article already in the bulletin is included and moved there instead."""
    bulletin = require_draft(session, day)
    key = require_section(section)
    art = session.get(Article, article_id)
    if art is None:
        raise ArticleNotFound(f"no article with id {article_id}")
    assert bulletin.id is not None
    existing = session.exec(select(BulletinItem).where(
        BulletinItem.bulletin_id == bulletin.id, BulletinItem.article_id == article_id)).first()
    by_section = section_items(session, bulletin.id)
    if existing is not None:
        before = _snapshot(existing)
        _place(by_section, existing, key, None)
        existing.included = True
        _mark(existing, "included", "section", "position")
        item = existing
    else:
        before = None
        cls = session.get(Classification, article_id)
        item = BulletinItem(bulletin_id=bulletin.id, article_id=article_id, origin="editor",
                            **item_fields(art, cls, key))
        item.position = len(by_section.get(key, []))
        session.add(item)
        session.flush()
    record(session, bulletin, "pull_in", editor, before, _snapshot(item), item)
    _label(session, item, True, "pull_in", editor)
    session.flush()
    return item


def _place(by_section: dict[str, list[BulletinItem]], item: BulletinItem, section: str,
           position: int | None) -> None:
    """Take ``item`` out of its section list and put it in ``section`` at 1-based ``position``
    (end when None), renumbering both lists. Checks come first: a refused move changes nothing."""
    if position is not None and position < 1:
        raise BadPosition(f"position must be 1 or more, got {position}")
    old = by_section.setdefault(item.section, [])
    if item in old:
        old.remove(item)
        renumber(old)
    target = by_section.setdefault(section, [])
    index = len(target) if position is None else min(position - 1, len(target))
    target.insert(index, item)
    item.section = section
    renumber(target)


def move(session: Session, day: date, item_id: int, section: str, editor: str,
         position: int | None = None) -> BulletinItem:
    """Move an item to another section (end of it, or 1-based ``position``). A local headline
    gains its place prefix, and loses it again when moved out of local (back to the article's
    own title); a headline an editor typed is left alone."""
    bulletin = require_draft(session, day)
    key = require_section(section)
    item = require_item(session, bulletin, item_id)
    assert bulletin.id is not None
    before = _snapshot(item)
    was_local = item.section == Section.LOCAL.value
    by_section = section_items(session, bulletin.id)
    _place(by_section, item, key, position)
    if "headline" not in item.edited:
        if key == Section.LOCAL.value:
            item.headline = local_headline(item.headline, item.province)
        elif was_local:
            article = session.get(Article, item.article_id)
            item.headline = clean_line(article.title) if article else item.headline
    _mark(item, "section", "position")
    record(session, bulletin, "move", editor, before, _snapshot(item), item)
    _label(session, item, True, "move", editor)
    session.flush()
    return item


def reorder(session: Session, day: date, item_id: int, position: int, editor: str) -> BulletinItem:
    """Put an item at 1-based ``position`` inside its section."""
    bulletin = require_draft(session, day)
    item = require_item(session, bulletin, item_id)
    assert bulletin.id is not None
    before = _snapshot(item)
    _place(section_items(session, bulletin.id), item, item.section, position)
    _mark(item, "position")
    record(session, bulletin, "reorder", editor, before, _snapshot(item), item)
    session.flush()
    return item


def move_up(session: Session, day: date, item_id: int, editor: str) -> BulletinItem:
    """One place earlier among the printed stories of its section (no-op at the top)."""
    return _step(session, day, item_id, editor, -1)


def move_down(session: Session, day: date, item_id: int, editor: str) -> BulletinItem:
    """One place later among the printed stories of its section (no-op at the bottom)."""
    return _step(session, day, item_id, editor, +1)


def _step(session: Session, day: date, item_id: int, editor: str, delta: int) -> BulletinItem:
    bulletin = require_draft(session, day)
    item = require_item(session, bulletin, item_id)
    assert bulletin.id is not None
    items = section_items(session, bulletin.id)[item.section]
    # Skip excluded neighbours for a printed item: the editor sees only printed ones.
    visible = [i for i in items if i.included or not item.included]
    idx = visible.index(item)
    if not 0 <= idx + delta < len(visible):
        return item
    neighbour = visible[idx + delta]
    before = _snapshot(item)
    items.remove(item)
    at = items.index(neighbour) + (0 if delta < 0 else 1)
    items.insert(at, item)
    renumber(items)
    _mark(item, "position")
    record(session, bulletin, "move_up" if delta < 0 else "move_down", editor, before, _snapshot(item), item)
    session.flush()
    return item


MAX_HEADLINE = 500  # a printed headline is a line or two; anything longer is a paste accident


def edit_headline(session: Session, day: date, item_id: int, headline: str, editor: str) -> BulletinItem:
    """Replace the headline (printed as typed, after whitespace clean-up)."""
    value = clean_line(headline)
    if not value:
        raise EmptyHeadline("a headline cannot be empty")
    if len(value) > MAX_HEADLINE:
        raise HeadlineTooLong(f"a headline of {len(value)} characters is too long ({MAX_HEADLINE} at most)")
    return _edit(session, day, item_id, editor, "headline", value)


def edit_author(session: Session, day: date, item_id: int, author: str | None, editor: str) -> BulletinItem:
    """Replace the citation's author; empty removes it ('(Outlet 24/5)')."""
    value = clean_line(author) or None
    if value is not None and len(value) > 300:
        raise InvalidInput(f"an author of {len(value)} characters is too long (300 at most)")
    return _edit(session, day, item_id, editor, "author", value)


def trim_paragraphs(session: Session, day: date, item_id: int, keep: list[int], editor: str) -> BulletinItem:
    """Print only the article paragraphs whose 0-based indexes are in ``keep`` (indexes of the
    article's full text, ``CandidateView.all_paragraphs``; order of the article is kept)."""
    bulletin = require_draft(session, day)
    item = require_item(session, bulletin, item_id)
    art = session.get(Article, item.article_id)
    full = paragraphs(art.text) if art else list(item.paragraphs)
    wanted = sorted(set(int(k) for k in keep))
    if not wanted:
        raise NoParagraphKept("keep at least one paragraph")
    bad = [k for k in wanted if not 0 <= k < len(full)]
    if bad:
        raise ParagraphOutOfRange(f"paragraph index out of range: {bad} (the article has {len(full)}: 0..{len(full) - 1})")
    return _edit(session, day, item_id, editor, "paragraphs", [full[k] for k in wanted], action="trim")


def _edit(session: Session, day: date, item_id: int, editor: str, name: str, value: Any,
          action: str | None = None) -> BulletinItem:
    bulletin = require_draft(session, day)
    item = require_item(session, bulletin, item_id)
    before = getattr(item, name)
    setattr(item, name, value)
    _mark(item, name)
    record(session, bulletin, action or f"edit_{name}", editor, {name: before}, {name: value}, item)
    session.flush()
    return item


# --------------------------------------------------------------------------- by printed number
def parse_item_ref(ref: str | int) -> tuple[str, int]:
    """('number', 7) for '#7' (the number the bulletin prints), ('id', 12) for '12' (an item id)."""
    text = str(ref).strip()
    kind = "number" if text.startswith("#") else "id"
    digits = text[1:].strip() if kind == "number" else text
    if not digits.isdigit() or int(digits) < 1:
        raise InvalidInput(f"{text!r} is neither an item id (12) nor a printed number (#7)")
    return kind, int(digits)


def resolve_item(session: Session, day: date, ref: str | int) -> int:
    """The item id ``ref`` names: an item id as is, or '#N' the item the bulletin prints as N."""
    kind, value = parse_item_ref(ref)
    if kind == "id":
        return value
    for view in candidates(session, day):
        if view.number == value:
            return view.item_id
    count = sum(1 for v in candidates(session, day) if v.number is not None)
    raise NoSuchNumber(f"the bulletin of {day.isoformat()} prints no #{value} (it has {count} stories)")


def move_to_number(session: Session, day: date, item_id: int, number: int, editor: str) -> BulletinItem:
    """Put an item where printed story ``number`` is now (in that story's section), so that it
    prints as ``number`` afterwards; the others shift by one."""
    views = candidates(session, day)
    target = next((v for v in views if v.number == number), None)
    if target is None:
        count = sum(1 for v in views if v.number is not None)
        raise NoSuchNumber(f"position must be a printed number from 1 to {count}, got {number}")
    if target.item_id == item_id:
        return require_item(session, require_draft(session, day), item_id)
    current = next((v for v in views if v.item_id == item_id), None)
    if current is not None and current.section == target.section:
        return reorder(session, day, item_id, target.position, editor)
    return move(session, day, item_id, target.section, editor, target.position)


def latest_change_id(session: Session, bulletin: Bulletin) -> int:
    """The id of the bulletin's newest change (0 when none): the version a view was made from."""
    value = session.exec(select(func.max(Change.id)).where(Change.bulletin_id == bulletin.id)).one()
    return int(value or 0)


def left_out_count(session: Session, day: date) -> int:
    """How many articles of the bulletin's window are not in it (``len(left_out(...))`` without
    building the list: what the board's header shows after an action that cannot change it)."""
    return int(session.exec(select(func.count()).select_from(Article).where(
        *_left_out_where(session, day))).one())


def _left_out_where(session: Session, day: date) -> tuple[Any, ...]:
    """The SQL conditions of "in the bulletin's window and not in the bulletin"."""
    bulletin = require_bulletin(session, day)
    in_bulletin = select(BulletinItem.article_id).where(BulletinItem.bulletin_id == bulletin.id)
    return (*window_where(*window(session, day)), col(Article.id).not_in(in_bulletin))
