"""Storage: migrations build the schema on SQLite and PostgreSQL; datetimes come back aware."""

from datetime import datetime, timedelta, timezone

import pytest
from sqlmodel import select

from digest.store.db import migrate, session_scope
from digest.store.models import Article


def test_schema_matches_models(engine) -> None:  # type: ignore[no-untyped-def]
    """Alembic's head equals digest.store.models: a model change without a migration fails here."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlmodel import SQLModel

    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_roundtrip_aware_datetimes(any_engine) -> None:  # type: ignore[no-untyped-def]
    moment = datetime(2023, 5, 24, 16, 40, tzinfo=timezone(timedelta(hours=7)))
    with session_scope(any_engine) as s:
        s.add(Article(url="https://a.vn/1", url_key="k1", fetched_url="https://a.vn/1", source="A",
                      title="Tiêu đề", text="Nội dung", content_hash="h", published_at=moment,
                      authors=["Thu Thảo - Hoàng Vũ"]))
    with session_scope(any_engine) as s:
        row = s.exec(select(Article)).one()
    assert row.published_at == moment and row.published_at.tzinfo is not None
    assert row.authors == ["Thu Thảo - Hoàng Vũ"]


def test_migrate_is_idempotent(any_engine) -> None:  # type: ignore[no-untyped-def]
    migrate(any_engine)
    migrate(any_engine)


def test_naive_datetime_refused(engine) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Exception, match="naive"):
        with session_scope(engine) as s:
            s.add(Article(url="u", url_key="k", fetched_url="u", source="A", title="t", text="x",
                          content_hash="h", published_at=datetime(2023, 1, 1)))
