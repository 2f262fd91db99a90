"""Database tables (SQLModel). The schema is migrated with Alembic (digest/store/migrations).

Data flows one way: Article (crawled) -> Classification (classifier) -> BulletinItem (draft)
-> Bulletin (published) -> Delivery (e-mail). Datetimes are stored in UTC and read back aware.
"""



from datetime import date as Date
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from digest.store.dbtypes import UTCDateTime
from digest.text import utcnow


def _dt(**kw: Any) -> Any:
    return Field(sa_column=Column(UTCDateTime(), **kw))


def _dt_default(**kw: Any) -> Any:
    return Field(default_factory=utcnow, sa_column=Column(UTCDateTime(), nullable=False, **kw))


# --------------------------------------------------------------------------- crawl
class Article(SQLModel, table=True):
    """One stored article, keyed by the sha1 of its canonical URL (digest.urls.url_key)."""

    __tablename__ = "article"
    # updated_at: the search index finds the articles a refresh changed since its last sync
    __table_args__ = (Index("ix_article_published_at", "published_at"),
                      Index("ix_article_updated_at", "updated_at"))

    id: int | None = Field(default=None, primary_key=True)
    url: str = Field(sa_column=Column(Text, nullable=False))  # clean_url(): as fetched, minus tracking
    url_key: str = Field(max_length=40, unique=True, index=True)  # sha1(canonical URL)
    fetched_url: str = Field(sa_column=Column(Text, nullable=False))
    source: str = Field(max_length=200, index=True)  # sources.toml name == outlet as cited
    scope: str = Field(max_length=20, default="central")
    source_province: str | None = Field(default=None, max_length=100)
    title: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(sa_column=Column(Text, nullable=False))
    summary: str | None = Field(default=None, sa_column=Column(Text))  # feed description
    authors: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    published_at: datetime | None = _dt()
    date_source: str | None = Field(default=None, max_length=20)  # metadata|feed|page|fetched
    content_hash: str = Field(max_length=64, index=True)
    feed_url: str | None = Field(default=None, sa_column=Column(Text))
    extractor: str = Field(default="", max_length=60)
    fetched_at: datetime = _dt_default()
    updated_at: datetime = _dt_default()


class FeedState(SQLModel, table=True):
    """What we know of a feed or listing page: conditional-GET validators and health."""

    __tablename__ = "feed_state"

    url: str = Field(primary_key=True, max_length=1000)
    source: str = Field(max_length=200, index=True)
    etag: str | None = Field(default=None, max_length=500)
    last_modified: str | None = Field(default=None, max_length=100)
    last_status: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))
    items: int | None = None
    newest_item_at: datetime | None = _dt()
    last_checked_at: datetime | None = _dt()
    last_success_at: datetime | None = _dt()


class CrawlRun(SQLModel, table=True):
    __tablename__ = "crawl_run"

    id: int | None = Field(default=None, primary_key=True)
    started_at: datetime = _dt_default()
    finished_at: datetime | None = _dt()
    status: str = Field(default="running", max_length=20)  # running|finished|failed|interrupted
    sources: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    refresh: bool = False


class CrawlRunSource(SQLModel, table=True):
    """Per-source counts of one run."""

    __tablename__ = "crawl_run_source"
    __table_args__ = (UniqueConstraint("run_id", "source"),)

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="crawl_run.id", index=True)
    source: str = Field(max_length=200)
    feed_items: int = 0
    fetched: int = 0
    stored: int = 0
    updated: int = 0
    skipped_known: int = 0
    errors: dict[str, int] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class CrawlError(SQLModel, table=True):
    """One failure, logged against its source: kind is e.g. http_404, timeout, dns, bad_feed."""

    __tablename__ = "crawl_error"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int | None = Field(default=None, foreign_key="crawl_run.id", index=True)
    source: str = Field(max_length=200, index=True)
    url: str = Field(sa_column=Column(Text, nullable=False))
    kind: str = Field(max_length=40)
    message: str = Field(default="", sa_column=Column(Text, nullable=False))
    at: datetime = _dt_default()


# --------------------------------------------------------------------------- classify
class Classification(SQLModel, table=True):
    """The classifier's answer for one article (one row per article, replaced on --all)."""

    __tablename__ = "classification"

    article_id: int = Field(foreign_key="article.id", primary_key=True)
    relevant: bool
    section: str | None = Field(default=None, max_length=20)
    province: str | None = Field(default=None, max_length=100)
    # P(relevant) for every story, relevant or not: the left-out list ranks by it
    confidence: float = 0.0
    # P(section | relevant) for the section given; None when not relevant or classified before 0002
    section_confidence: float | None = None
    cluster_key: str | None = Field(default=None, max_length=64, index=True)
    model_version: str = Field(default="", max_length=80)
    classified_at: datetime = _dt_default()


class Label(SQLModel, table=True):
    """A human label (an editor's correction) used as training data by ``bantin train``."""

    __tablename__ = "label"

    id: int | None = Field(default=None, primary_key=True)
    article_id: int | None = Field(default=None, foreign_key="article.id", index=True)
    title: str = Field(sa_column=Column(Text, nullable=False))
    text: str = Field(default="", sa_column=Column(Text, nullable=False))
    outlet: str | None = Field(default=None, max_length=200)
    relevant: bool
    section: str | None = Field(default=None, max_length=20)
    province: str | None = Field(default=None, max_length=100)
    origin: str = Field(default="editor", max_length=40)  # editor action that produced it
    editor: str | None = Field(default=None, max_length=100)
    created_at: datetime = _dt_default()


# --------------------------------------------------------------------------- bulletin
class Bulletin(SQLModel, table=True):
    __tablename__ = "bulletin"

    id: int | None = Field(default=None, primary_key=True)
    date: Date = Field(unique=True, index=True)
    status: str = Field(default="draft", max_length=20)  # draft|published
    title: str = Field(max_length=300)
    window_start: datetime | None = _dt()
    window_end: datetime | None = _dt()
    published_at: datetime | None = _dt()
    snapshot: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON))  # frozen JSON
    created_at: datetime = _dt_default()
    updated_at: datetime = _dt_default()


class BulletinItem(SQLModel, table=True):
    """One candidate story of a bulletin; ``included`` ones are printed, numbered by position."""

    __tablename__ = "bulletin_item"
    __table_args__ = (UniqueConstraint("bulletin_id", "article_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id", index=True)
    article_id: int = Field(foreign_key="article.id", index=True)
    section: str = Field(max_length=20)
    position: int = 0  # order inside its section
    included: bool = True
    origin: str = Field(default="auto", max_length=20)  # auto | editor
    headline: str = Field(sa_column=Column(Text, nullable=False))
    paragraphs: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    author: str | None = Field(default=None, max_length=300)
    outlet: str = Field(max_length=200)
    province: str | None = Field(default=None, max_length=100)
    source_date: Date | None = None
    cluster_key: str | None = Field(default=None, max_length=64)
    confidence: float = 0.0
    edited: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Change(SQLModel, table=True):
    """Audit trail of editors' changes: who, when, before and after."""

    __tablename__ = "change"

    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id", index=True)
    item_id: int | None = Field(default=None, foreign_key="bulletin_item.id")
    editor: str = Field(default="cli", max_length=100)
    action: str = Field(max_length=40)
    before: Any | None = Field(default=None, sa_column=Column(JSON))
    after: Any | None = Field(default=None, sa_column=Column(JSON))
    at: datetime = _dt_default()


# --------------------------------------------------------------------------- editors
class EditorAccount(SQLModel, table=True):
    """A named editor of the web app (``bantin editors add``): argon2 hash, role editor|admin."""

    __tablename__ = "editor_account"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)  # as shown in the history
    name_key: str = Field(max_length=100, unique=True, index=True)  # case/space-folded, NFC
    password_hash: str = Field(max_length=300)
    role: str = Field(default="editor", max_length=20)
    created_at: datetime = _dt_default()
    last_login_at: datetime | None = _dt()


class SourceSetting(SQLModel, table=True):
    """An operator's switch for one source made in the web app: ``enabled = False`` parks it
    (the crawl skips it) without editing the sources file; no row means the file decides."""

    __tablename__ = "source_setting"

    name_key: str = Field(primary_key=True, max_length=200)  # digest.text.fold(name)
    name: str = Field(max_length=200)
    enabled: bool = True
    changed_by: str | None = Field(default=None, max_length=100)
    changed_at: datetime = _dt_default()


# --------------------------------------------------------------------------- mail
class Subscriber(SQLModel, table=True):
    __tablename__ = "subscriber"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)  # normalised, lower-case key
    display_email: str = Field(max_length=320)  # as the subscriber typed it
    status: str = Field(default="pending", max_length=20, index=True)
    created_at: datetime = _dt_default()
    confirmed_at: datetime | None = _dt()
    unsubscribed_at: datetime | None = _dt()
    bounce_count: int = 0
    last_bounce: str | None = Field(default=None, sa_column=Column(Text))


class Delivery(SQLModel, table=True):
    """One row per (bulletin, subscriber): the send's ledger, written before and after SMTP."""

    __tablename__ = "delivery"
    __table_args__ = (UniqueConstraint("bulletin_id", "subscriber_id"),)

    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id", index=True)
    subscriber_id: int = Field(foreign_key="subscriber.id", index=True)
    status: str = Field(default="pending", max_length=20, index=True)
    attempts: int = 0
    message_id: str | None = Field(default=None, max_length=300)
    claimed_by: str | None = Field(default=None, max_length=100)
    claimed_at: datetime | None = _dt()
    next_attempt_at: datetime | None = _dt()
    sent_at: datetime | None = _dt()
    last_code: int | None = None
    last_error: str | None = Field(default=None, sa_column=Column(Text))


# --------------------------------------------------------------------------- web
class WebSession(SQLModel, table=True):
    """A signed-in editor's session, kept server side so it can be ended: the cookie carries a
    random id whose sha256 is ``id``; no row, no session. Logout deletes the row; it also ends
    at ``expires_at`` and when the password it was opened with changes (``credential``)."""

    __tablename__ = "web_session"

    id: str = Field(primary_key=True, max_length=64)
    account: str = Field(max_length=100, index=True)  # the editor (named accounts: issue 11)
    credential: str = Field(max_length=64)  # fingerprint of the password in force at login
    created_at: datetime = _dt_default()
    last_seen_at: datetime = _dt_default()
    expires_at: datetime = Field(sa_column=Column(UTCDateTime(), nullable=False, index=True))


class MailSchedule(SQLModel, table=True):
    """A bulletin's mail send set for a time from the web app; run by ``bantin serve``'s
    scheduler or ``bantin send --scheduled`` (cron), once: ``started_at`` is claimed first."""

    __tablename__ = "mail_schedule"

    id: int | None = Field(default=None, primary_key=True)
    bulletin_id: int = Field(foreign_key="bulletin.id", unique=True)
    send_at: datetime = _dt_default()
    created_by: str = Field(default="", max_length=100)
    created_at: datetime = _dt_default()
    started_at: datetime | None = _dt()
    finished_at: datetime | None = _dt()
    outcome: str | None = Field(default=None, sa_column=Column(Text))
