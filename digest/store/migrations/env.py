"""Alembic environment: runs on the connection handed over by digest.store.db.migrate,
or on BANTIN_DB / the default database when called from the alembic command line."""

from __future__ import annotations

from alembic import context
from sqlmodel import SQLModel

import digest.store.models  # noqa: F401  (registers the tables)
from digest.store.db import make_engine

target_metadata = SQLModel.metadata


def run() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:
        engine = make_engine()
        with engine.begin() as conn:
            _run_on(conn)
        return
    _run_on(connection)


def _run_on(connection: object) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,  # SQLite needs batch mode for ALTER
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


run()
