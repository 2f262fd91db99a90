"""Saving extracted articles: validation, identity and idempotent upsert.

An article is keyed by ``url_key`` (sha1 of the canonical URL). Saving the same page again is a
no-op; on ``--refresh`` a changed body (content hash) updates the row. ``save_article`` commits
one article; ``save_articles`` a batch in one transaction (what the crawl uses: a crawl killed
half-way loses at most the batch in hand, which the next run fetches again).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import insert
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from digest.store.models import Article
from digest.text import clean_line, clean_text, nfc, to_vn, utcnow
from digest.urls import canonical_url, clean_url, url_key

Outcome = Literal["stored", "updated", "unchanged"]

UNDATED = "fetched"  # date_source of an article whose date is its first-seen time


@dataclass(frozen=True)
class ArticleData:
    """Everything the store needs about one fetched article (spider -> store contract)."""

    url: str  # the URL the page was fetched from (after redirects)
    source: str
    scope: str
    source_province: str | None
    title: str
    text: str
    authors: tuple[str, ...] = ()
    published_at: datetime | None = None
    date_source: str | None = None
    summary: str | None = None
    feed_url: str | None = None
    extractor: str = ""
    link: str | None = None  # the link as the feed listed it, when a redirect changed it


class NotArticle(ValueError):
    """The page lacks what an article needs (title, enough text): never stored."""


def content_hash(text: str) -> str:
    """sha256 of the text in NFC with all whitespace runs folded to one space."""
    return hashlib.sha256(" ".join(nfc(text).split()).encode("utf-8")).hexdigest()


def check_article(title: str, text: str, min_text_chars: int) -> str | None:
    """Why this is not an article (None when it is): missing title or too little text.

    The one check of what gets stored, on the title and text as :func:`save_article` cleaned
    them (the crawl's pipeline reports the refusal as "not_article")."""
    if not title:
        return "no title"
    length = len(text)
    if length < min_text_chars:
        return f"text too short: {length} < {min_text_chars} characters"
    return None


def known_keys(session: Session, keys: Iterable[str]) -> set[str]:
    """The subset of ``keys`` already stored (checked before a page is requested)."""
    wanted = list(dict.fromkeys(keys))
    found: set[str] = set()
    for start in range(0, len(wanted), 500):  # keep IN lists well under driver limits
        chunk = wanted[start:start + 500]
        found.update(session.exec(select(Article.url_key).where(Article.url_key.in_(chunk))))
    return found


@dataclass(frozen=True)
class _Prepared:
    data: ArticleData
    key: str
    final_key: str
    title: str
    text: str
    digest: str
    published: datetime
    date_source: str | None
    authors: list[str]
    summary: str | None


def _prepare(data: ArticleData, min_text_chars: int) -> _Prepared:
    title = clean_line(data.title)
    text = clean_text(data.text)
    reason = check_article(title, text, min_text_chars)
    if reason:
        raise NotArticle(reason)
    published = data.published_at
    date_source = data.date_source
    if published is None:
        # No date anywhere: the first-seen time, marked so (the editor sees "undated").
        published, date_source = utcnow(), UNDATED
    elif published.tzinfo is None:
        published = to_vn(published)
    # Keyed by the link the feed gave (what the next run checks before requesting), so an
    # article behind a redirect is not fetched again every run.
    return _Prepared(
        data=data, key=url_key(data.link or data.url), final_key=url_key(data.url), title=title,
        text=text, digest=content_hash(text), published=published, date_source=date_source,
        authors=[clean_line(a) for a in data.authors if clean_line(a)],
        summary=clean_text(data.summary) or None,
    )


def _changes(item: _Prepared, title: str, content_hash: str, summary: str | None,
             extractor: str | None, published_at: datetime | None) -> dict | None:
    """What a re-fetched copy changes in a row holding these values; None when nothing."""
    if content_hash == item.digest and title == item.title:
        return None
    out = dict(title=item.title, text=item.text, content_hash=item.digest, authors=item.authors,
               summary=item.summary or summary, extractor=item.data.extractor or extractor)
    if item.date_source != UNDATED or published_at is None:
        out.update(published_at=item.published, date_source=item.date_source)
    # else: still undated: it keeps the time it was first seen, so a re-fetch never
    # moves an old story into today's window
    return out


def _held(rows: dict, item: _Prepared) -> Any:  # an Article, or a pending row's dict
    """The row ``rows`` holds for this article, under its key or its final URL's key."""
    return rows.get(item.key) or rows.get(item.final_key)


def _update(session: Session, item: _Prepared, row: Article, now: datetime) -> Outcome:
    """Apply a re-fetched copy to its stored row in ``session``."""
    changes = _changes(item, row.title, row.content_hash, row.summary, row.extractor, row.published_at)
    if changes is None:
        return "unchanged"
    for column, value in {**changes, "updated_at": now}.items():
        setattr(row, column, value)
    session.add(row)
    return "updated"


def _apply(session: Session, item: _Prepared, rows: dict[str, Article], now: datetime) -> Outcome:
    """Insert or update one prepared article in ``session`` (``rows``: stored rows by key)."""
    row = _held(rows, item)
    if row is not None:
        return _update(session, item, row, now)
    row = Article(**_new_row(item, now))
    session.add(row)
    rows[item.key] = row  # a second copy in the same batch finds it
    return "stored"


def _new_row(item: _Prepared, now: datetime) -> dict:
    """The column values of a new article row."""
    data = item.data
    return dict(
        url=clean_url(data.url), url_key=item.key, fetched_url=data.url, source=data.source,
        scope=data.scope, source_province=data.source_province, title=item.title, text=item.text,
        summary=item.summary, authors=item.authors, published_at=item.published,
        date_source=item.date_source, content_hash=item.digest, feed_url=data.feed_url,
        extractor=data.extractor, fetched_at=now, updated_at=now,
    )


def _apply_new(item: _Prepared, pending: dict[str, dict], now: datetime) -> Outcome:
    """A batch's article not stored before: its row waits in ``pending`` (by key) for one
    multi-row INSERT; a second copy in the same batch updates it as :func:`_apply` would."""
    row = _held(pending, item)
    if row is None:
        pending[item.key] = _new_row(item, now)
        return "stored"
    changes = _changes(item, row["title"], row["content_hash"], row["summary"], row["extractor"],
                       row["published_at"])
    if changes is None:
        return "unchanged"
    row.update(changes)
    return "updated"


def _stored_rows(session: Session, keys: Iterable[str]) -> dict[str, Article]:
    wanted = list(dict.fromkeys(keys))
    rows: dict[str, Article] = {}
    for start in range(0, len(wanted), 500):  # keep IN lists well under driver limits
        chunk = wanted[start:start + 500]
        for row in session.exec(select(Article).where(Article.url_key.in_(chunk))):
            rows[row.url_key] = row
    return rows


def save_article(engine: Engine, data: ArticleData, min_text_chars: int = 1) -> Outcome:
    """Insert or update one article and commit. Raises :class:`NotArticle` for a half-article."""
    item = _prepare(data, min_text_chars)
    with Session(engine, expire_on_commit=False) as session:
        rows = _stored_rows(session, (item.key, item.final_key))
        outcome = _apply(session, item, rows, utcnow())
        if outcome == "unchanged":
            return outcome
        try:
            session.commit()
        except IntegrityError:
            # Another writer stored the same URL between our check and insert: theirs stands.
            session.rollback()
            return "unchanged"
        return outcome


def save_articles(engine: Engine, batch: list[ArticleData],
                  min_text_chars: int = 1) -> list[Outcome | NotArticle]:
    """:func:`save_article` for a batch in one transaction: one look-up, one commit.

    Returns each article's outcome, or the :class:`NotArticle` saying why it was refused, in
    order. A commit per article was a sixth of a crawl's CPU (measured with cProfile on
    ``bench.bench_crawl``). When another writer stored one of the URLs meanwhile, the batch is
    rolled back and saved one by one, so the others still land.
    """
    prepared: list[_Prepared | NotArticle] = []
    for data in batch:
        try:
            prepared.append(_prepare(data, min_text_chars))
        except NotArticle as exc:
            prepared.append(exc)
    items = [p for p in prepared if isinstance(p, _Prepared)]
    if not items:
        return list(prepared)  # type: ignore[arg-type]
    with Session(engine, expire_on_commit=False) as session:
        rows = _stored_rows(session, (k for p in items for k in (p.key, p.final_key)))
        now = utcnow()
        # New articles (nearly all of a crawl's) go in as plain rows, one INSERT for the batch:
        # an ORM object per article cost more than the rest of the store.
        pending: dict[str, dict] = {}
        outcomes = {id(p): _update(session, p, row, now) if (row := _held(rows, p)) is not None
                    else _apply_new(p, pending, now) for p in items}
        try:
            if pending:
                session.execute(insert(Article), list(pending.values()))
            session.commit()
        except IntegrityError:
            session.rollback()
            outcomes = {id(p): save_article(engine, p.data, min_text_chars) for p in items}
    return [p if isinstance(p, NotArticle) else outcomes[id(p)] for p in prepared]


__all__ = ["UNDATED", "ArticleData", "NotArticle", "Outcome", "canonical_url", "check_article",
           "content_hash", "known_keys", "save_article", "save_articles"]
