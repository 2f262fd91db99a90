"""What the machine got doubtful on a board: the flags a card shows and the board filters by.

- ``low``: the classifier's probability that the story belongs in the bulletin is under
  ``[web] doubt_confidence`` (the classifier's confidence is P(relevant) for every story, so a
  story it judged irrelevant and an editor pulled in shows how likely it thought it belonged);
- ``copies``: another outlet's copy of the story (same duplicate cluster) was classified into
  a different section;
- ``prefix``: the headline is not the article's title because the place-prefix rule changed
  it (and no editor has typed it since): "Hà Nội: Hà Nội ..." is caught here;
- ``source``: the story's outlet had crawl errors while this bulletin's window was crawled
  (our own deliberate skips - robots.txt, links outside the outlet's domains - are not errors).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from digest.classify.sections import Section
from digest.config import settings
from digest.store.models import Article, Bulletin, Classification, CrawlError
from digest.text import clean_line, utcnow

FLAGS = {
    "low": "độ tin cậy thấp",
    "copies": "bản sao khác mục",
    "prefix": "tiêu đề bị đổi",
    "source": "nguồn lỗi",
}


@dataclass
class Doubts:
    """Per item id: its flags (name -> explanation) and the probability it belongs."""

    flags: dict[int, dict[str, str]] = field(default_factory=dict)
    relevance: dict[int, float] = field(default_factory=dict)

    def get(self, item_id: int, default: Any = None) -> dict[str, str]:
        return self.flags.get(item_id, default if default is not None else {})


def threshold() -> float:
    return settings().value("web", "doubt_confidence", float)


def doubts(session: Session, bulletin: Bulletin, views: list[Any]) -> Doubts:
    """The flags of every story of ``views`` (``digest.bulletin.curate.CandidateView``): four queries."""
    out = Doubts()
    if not views:
        return out
    ids = {v.article_id for v in views} | {s.article_id for v in views for s in v.siblings}
    classes = {c.article_id: c for c in session.exec(
        select(Classification).where(col(Classification.article_id).in_(ids))).all()}
    titles = dict(session.exec(select(Article.id, Article.title).where(
        col(Article.id).in_([v.article_id for v in views]))).all())
    failures = source_failures(session, bulletin, {v.outlet for v in views})
    limit = threshold()
    for v in views:
        flags: dict[str, str] = {}
        cls = classes.get(v.article_id)
        # the classifier's confidence is P(relevant) for every story, relevant or not
        rel = cls.confidence if cls else float(v.confidence)
        out.relevance[v.item_id] = float(rel)
        if rel < limit:
            flags["low"] = f"Máy phân loại chỉ chắc {round(rel * 100)}% là tin thuộc bản tin."
        others = {classes[s.article_id].section for s in v.siblings
                  if s.article_id in classes and classes[s.article_id].relevant}
        others.discard(None)
        if others - {v.section}:
            names = ", ".join(Section(k).heading for k in sorted(others - {v.section}) if k in Section._value2member_map_)
            flags["copies"] = f"Bản của báo khác được xếp vào: {names or ', '.join(sorted(others))}."
        title = clean_line(titles.get(v.article_id) or "")
        if title and "headline" not in v.edited and clean_line(v.headline) != title:
            flags["prefix"] = f"Máy đã đổi tiêu đề gốc «{title}»."
        kinds = failures.get(v.outlet)
        if kinds:
            flags["source"] = "Nguồn này bị lỗi khi thu thập: " + ", ".join(
                f"{k} ×{n}" for k, n in kinds.most_common())
        if flags:
            out.flags[v.item_id] = flags
    return out


# Requests the crawl refused on purpose (spiders.errors): nothing went wrong at the outlet.
SKIPS = ("robots", "offsite")


def source_failures(session: Session, bulletin: Bulletin, outlets: set[str]) -> dict[str, Counter[str]]:
    """Crawl errors by kind per outlet, recorded while this bulletin's window was crawled (from
    its start to a day after its end, or now for an open window)."""
    if not outlets:
        return {}
    now = utcnow()
    start = bulletin.window_start or now - timedelta(days=1)
    end = (bulletin.window_end + timedelta(days=1)) if bulletin.window_end else now
    rows = session.exec(
        select(CrawlError.source, CrawlError.kind, func.count())
        .where(col(CrawlError.source).in_(outlets), col(CrawlError.at) >= start, col(CrawlError.at) <= end,
               col(CrawlError.kind).not_in(SKIPS))
        .group_by(col(CrawlError.source), col(CrawlError.kind))
    ).all()
    out: dict[str, Counter[str]] = {}
    for source, kind, count in rows:
        out.setdefault(source, Counter())[kind] = int(count)
    return out


def leads(session: Session, article_ids: list[int], limit: int = 280) -> dict[int, str]:
    """The opening paragraph of each article (its feed summary when the text has none),
    cut to ``limit`` characters: what an editor reads to decide on a left-out story. Stored text
    is already clean (paragraphs split by one blank line), so the first one is a split away."""
    if not article_ids:
        return {}
    rows = session.exec(select(Article.id, func.substr(Article.text, 1, limit + 40), Article.summary)
                        .where(col(Article.id).in_(article_ids))).all()
    return {int(art_id): _lead(head or "", summary or "", limit) for art_id, head, summary in rows}


@lru_cache(maxsize=1024)
def _lead(head: str, summary: str, limit: int) -> str:
    """The lead of one article, remembered: the board shows the same hundred on every load."""
    first = clean_line(head.split("\n\n", 1)[0]) or clean_line(summary.split("\n\n", 1)[0])
    return first if len(first) <= limit else first[: limit - 1].rstrip() + "…"
