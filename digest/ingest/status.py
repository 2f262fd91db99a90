"""Each source's health from what the crawls recorded, for the sources page and the board.

Nothing is fetched here (``bantin sources check`` does that): the last run that covered the
source, what it stored, its errors by kind, the articles stored per day over the last week
(the trend), and whether the source is switched on - the sources file decides unless an
operator switched it in the web app (``SourceSetting``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from digest.ingest.sources import Source
from digest.store.models import Article, CrawlError, CrawlRun, CrawlRunSource, SourceSetting
from digest.text import VN_TZ, fold, to_vn, utcnow

TREND_DAYS = 7


@dataclass
class SourceStatus:
    """One row of the sources page."""

    name: str
    scope: str
    enabled: bool
    switched_by: str | None  # who switched it in the app (None: as the sources file says)
    last_run_at: datetime | None = None
    last_run_status: str | None = None
    fetched: int = 0
    stored: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    total_articles: int = 0
    newest_article_at: datetime | None = None
    trend: list[int] = field(default_factory=list)  # stored per day, oldest first

    @property
    def failed(self) -> bool:
        """The last run stored nothing and recorded errors."""
        return bool(self.errors) and self.stored == 0


def settings_by_key(session: Session) -> dict[str, SourceSetting]:
    return {s.name_key: s for s in session.exec(select(SourceSetting)).all()}


def effective(session: Session, sources: Sequence[Source]) -> list[Source]:
    """``sources`` with ``enabled`` as switched in the web app (the file's value otherwise)."""
    switches = settings_by_key(session)
    out = []
    for source in sources:
        row = switches.get(fold(source.name))
        out.append(replace(source, enabled=row.enabled) if row is not None else source)
    return out


def switch(session: Session, source: Source, enabled: bool, editor: str) -> SourceSetting:
    """Turn a source on or off for the crawl (kept until switched again)."""
    key = fold(source.name)
    row = session.get(SourceSetting, key) or SourceSetting(name_key=key, name=source.name)
    row.enabled, row.changed_by, row.changed_at = enabled, editor, utcnow()
    session.add(row)
    session.flush()
    return row


def statuses(session: Session, sources: Sequence[Source], today: date | None = None) -> list[SourceStatus]:
    """Every source's row (file order), from a handful of grouped queries."""
    today = today or to_vn(utcnow()).date()
    switches = settings_by_key(session)
    names = [s.name for s in sources]
    last_run: dict[str, tuple[int, datetime | None, str]] = {}
    for name, run_id, started, status in session.exec(
        select(CrawlRunSource.source, CrawlRun.id, CrawlRun.started_at, CrawlRun.status)
        .join(CrawlRun, col(CrawlRun.id) == col(CrawlRunSource.run_id))
        .where(col(CrawlRunSource.source).in_(names))
        .order_by(col(CrawlRun.id))
    ).all():
        last_run[name] = (int(run_id), started, status)  # the newest wins
    counts = {(r.run_id, r.source): r for r in session.exec(select(CrawlRunSource).where(
        col(CrawlRunSource.run_id).in_({v[0] for v in last_run.values()} or {-1}))).all()}
    errors: dict[tuple[int, str], Counter[str]] = {}
    for run_id, source, kind, n in session.exec(
        select(CrawlError.run_id, CrawlError.source, CrawlError.kind, func.count())
        .where(col(CrawlError.run_id).in_({v[0] for v in last_run.values()} or {-1}))
        .group_by(col(CrawlError.run_id), col(CrawlError.source), col(CrawlError.kind))
    ).all():
        errors.setdefault((int(run_id or 0), source), Counter())[kind] = int(n)
    totals = {name: (int(n), newest) for name, n, newest in session.exec(
        select(Article.source, func.count(), func.max(Article.published_at))
        .where(col(Article.source).in_(names)).group_by(col(Article.source))).all()}
    since = datetime.combine(today - timedelta(days=TREND_DAYS - 1), datetime.min.time(), tzinfo=VN_TZ)
    per_day: dict[str, Counter[date]] = {}
    for name, fetched_at in session.exec(select(Article.source, Article.fetched_at).where(
            col(Article.source).in_(names), col(Article.fetched_at) >= since - timedelta(days=1))).all():
        per_day.setdefault(name, Counter())[to_vn(fetched_at).date()] += 1
    out = []
    for source in sources:
        row = switches.get(fold(source.name))
        status = SourceStatus(
            name=source.name, scope=source.scope,
            enabled=row.enabled if row is not None else source.enabled,
            switched_by=row.changed_by if row is not None else None,
        )
        run = last_run.get(source.name)
        if run is not None:
            status.last_run_at, status.last_run_status = run[1], run[2]
            c = counts.get((run[0], source.name))
            if c is not None:
                status.fetched, status.stored = c.fetched, c.stored + c.updated
                status.errors = Counter(c.errors) if c.errors else errors.get((run[0], source.name), Counter())
            else:
                status.errors = errors.get((run[0], source.name), Counter())
        status.total_articles, status.newest_article_at = totals.get(source.name, (0, None))
        days = per_day.get(source.name, Counter())
        status.trend = [days[today - timedelta(days=n)] for n in range(TREND_DAYS - 1, -1, -1)]
        out.append(status)
    return out


def last_crawl(session: Session) -> tuple[CrawlRun | None, Counter[str], list[str]]:
    """The newest crawl run, its errors by kind and the sources that stored nothing and failed."""
    run = session.exec(select(CrawlRun).order_by(col(CrawlRun.id).desc())).first()
    if run is None:
        return None, Counter(), []
    kinds: Counter[str] = Counter()
    failed = []
    for row in session.exec(select(CrawlRunSource).where(CrawlRunSource.run_id == run.id)).all():
        kinds.update(row.errors or {})
        if row.errors and row.stored + row.updated == 0:
            failed.append(row.source)
    if not kinds:
        for kind, n in session.exec(select(CrawlError.kind, func.count()).where(
                CrawlError.run_id == run.id).group_by(col(CrawlError.kind))).all():
            kinds[kind] = int(n)
    return run, kinds, sorted(failed)


def sparkline(values: list[int]) -> str:
    """▁▂▅█ for a short series (empty days as ▁)."""
    bars = "▁▂▃▄▅▆▇█"
    top = max(values or [0])
    if top == 0:
        return bars[0] * len(values)
    return "".join(bars[min(len(bars) - 1, round(v / top * (len(bars) - 1)))] for v in values)
