"""Saving extracted articles: validation, identity and idempotent upsert.

An article is keyed by ``url_key`` (sha1 of the canonical URL). Saving the same page again is a
no-op; on ``--refresh`` a changed body (content hash) updates the row. Each call commits on its
own, so a crawl killed half-way keeps everything saved before the kill.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

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


def save_article(engine: Engine, data: ArticleData, min_text_chars: int = 1) -> Outcome:
    """Insert or update one article and commit. Raises :class:`NotArticle` for a half-article."""
    title = clean_line(data.title)
    text = clean_text(data.text)
    reason = check_article(title, text, min_text_chars)
    if reason:
        raise NotArticle(reason)
    # Keyed by the link the feed gave (what the next run checks before requesting), so an
    # article behind a redirect is not fetched again every run.
    key = url_key(data.link or data.url)
    final_key = url_key(data.url)
    digest_ = content_hash(text)
    published = data.published_at
    date_source = data.date_source
    if published is None:
        # No date anywhere: the first-seen time, marked so (the editor sees "undated").
        published, date_source = utcnow(), UNDATED
    elif published.tzinfo is None:
        published = to_vn(published)
    authors = [clean_line(a) for a in data.authors if clean_line(a)]
    summary = clean_text(data.summary) or None
    now = utcnow()
    with Session(engine, expire_on_commit=False) as session:
        row = session.exec(select(Article).where(Article.url_key == key)).first()
        if row is None and final_key != key:
            row = session.exec(select(Article).where(Article.url_key == final_key)).first()
        if row is not None:
            if row.content_hash == digest_ and row.title == title:
                return "unchanged"
            row.title, row.text, row.content_hash = title, text, digest_
            row.authors = authors
            if date_source != UNDATED or row.published_at is None:
                row.published_at, row.date_source = published, date_source
            # else: still undated: it keeps the time it was first seen, so a re-fetch never
            # moves an old story into today's window
            row.summary = summary or row.summary
            row.extractor = data.extractor or row.extractor
            row.updated_at = now
            session.add(row)
            session.commit()
            return "updated"
        session.add(Article(
            url=clean_url(data.url), url_key=key, fetched_url=data.url, source=data.source,
            scope=data.scope, source_province=data.source_province, title=title, text=text,
            summary=summary, authors=authors, published_at=published, date_source=date_source,
            content_hash=digest_, feed_url=data.feed_url, extractor=data.extractor,
            fetched_at=now, updated_at=now,
        ))
        try:
            session.commit()
        except IntegrityError:
            # Another writer stored the same URL between our check and insert: theirs stands.
            session.rollback()
            return "unchanged"
        return "stored"


__all__ = ["UNDATED", "ArticleData", "NotArticle", "Outcome", "canonical_url", "check_article",
           "content_hash", "known_keys", "save_article"]
