"""Engine and session factory. SQLite (WAL) by default, any SQLAlchemy URL via --db/BANTIN_DB.

The schema is created and upgraded by Alembic, so every command starts with ``open_db``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError
from sqlmodel import Session, create_engine

from digest.config import settings
from digest.errors import ConfigError, DatabaseUnavailable

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def dialect_insert(bind: Any) -> Any:
    """The INSERT of ``bind``'s dialect (a Connection or Engine): both have ON CONFLICT, which
    the core one has not."""
    return pg_insert if bind.dialect.name == "postgresql" else sqlite_insert


def normalise_url(url: str) -> str:
    """Accept postgres:// and postgresql:// and use the psycopg 3 driver for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url[len("postgres://"):]
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url[len("postgresql://"):]
    return url


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")  # readers never block the crawl's writer
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def safe_url(url: str) -> str:
    """``url`` for messages: the password masked, and never a traceback's worth of text."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url if len(url) <= 200 else url[:200] + "…"


def describe(exc: BaseException) -> str:
    """A database error on one line: the driver's own first line, without SQLAlchemy's
    statement dump and background link."""
    inner = getattr(exc, "orig", None) or exc
    text = str(inner).strip().splitlines()
    return text[0] if text else type(inner).__name__


def make_engine(url: str | None = None) -> Engine:
    """A new engine for ``url`` (default: settings' database), creating SQLite's folder.
    A URL that is not one, or names a database we have no driver for, is a ConfigError."""
    url = normalise_url(url or settings().db_url)
    try:
        parsed = make_url(url)
    except (ArgumentError, ValueError):  # ValueError: a port that is not a number
        raise ConfigError(f"{safe_url(url)!r} is not a database URL (examples: "
                          "sqlite:///data/bantin.sqlite3, postgresql://user@host/db)") from None
    kwargs: dict[str, Any] = {}
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            try:
                Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseUnavailable(f"cannot create the folder of {parsed.database}: "
                                          f"{exc.strerror or exc}") from None
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
    else:
        kwargs["pool_pre_ping"] = True
    try:
        engine = create_engine(url, **kwargs)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise ConfigError(f"unsupported database URL {safe_url(url)!r}: use sqlite:/// or "
                          f"postgresql:// ({describe(exc)})") from None
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest Alembic revision (safe to call every time)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")


def open_db(url: str | None = None) -> Engine:
    """The process-wide engine for ``url``, migrated to head on first use."""
    key = normalise_url(url or settings().db_url)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = make_engine(key)
            try:
                migrate(engine)
            except SQLAlchemyError as exc:  # not a database, unreachable, locked, read-only...
                engine.dispose()
                raise DatabaseUnavailable(f"cannot open the database {safe_url(key)}: "
                                          f"{describe(exc)}") from None
            _engines[key] = engine
        return engine


def dispose_all() -> None:
    with _lock:
        for engine in _engines.values():
            engine.dispose()
        _engines.clear()


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """A session that commits on success and rolls back on error."""
    with Session(engine or open_db(), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
