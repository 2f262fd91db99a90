"""Shared fixtures: an isolated settings/data dir per test, SQLite and PostgreSQL engines."""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from sqlalchemy import text
from sqlalchemy.engine import Engine

from tests.support.network import no_network_beyond_loopback  # noqa: F401  (autouse fixture)

# Property tests check behaviour, not speed: no per-example deadline, and no "too slow" health
# check, so a loaded CI machine cannot turn them red (timings belong in `make bench`).
hypothesis_settings.register_profile(
    "bantin", deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
hypothesis_settings.load_profile("bantin")

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# ../shared beside the checkout; BANTIN_SHARED points elsewhere (a worktree one level deeper)
SHARED = Path(os.environ.get("BANTIN_SHARED") or ROOT.parent / "shared")
PG_BASE = os.environ.get("BANTIN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Each test gets its own data dir and default settings; no secrets leak in from the shell."""
    from digest import config
    from digest.store import db as store

    for var in ("BANTIN_DB", "BANTIN_CONFIG", "BANTIN_SMTP_URL", "BANTIN_EDITOR_PASSWORD"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("BANTIN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BANTIN_SECRET_KEY", "test-secret-key-0123456789abcdefghij")
    config.use_settings(config.load_settings())
    yield
    config._current = None
    store.dispose_all()


def _pg_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'data' / 'test.sqlite3'}"


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh schema in the local PostgreSQL `test` database, dropped afterwards."""
    if not _pg_reachable():
        pytest.skip("no PostgreSQL server answers on 127.0.0.1:5432; PostgreSQL path not tested here")
    from sqlalchemy import create_engine

    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_BASE)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    sep = "&" if "?" in PG_BASE else "?"
    yield f"{PG_BASE}{sep}options=-csearch_path%3D{schema}"
    from digest.store import db as store

    store.dispose_all()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgres"])
def db_url(request: pytest.FixtureRequest) -> str:
    """Runs a test once on SQLite and once on PostgreSQL (skipped, saying so, without a server)."""
    if request.param == "sqlite":
        return request.getfixturevalue("sqlite_url")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def engine(sqlite_url: str) -> Engine:
    from digest.store.db import open_db

    return open_db(sqlite_url)


@pytest.fixture
def any_engine(db_url: str) -> Engine:
    from digest.store.db import open_db

    return open_db(db_url)


@pytest.fixture
def run_cli(sqlite_url: str):  # type: ignore[no-untyped-def]
    """Invoke ``bantin`` in-process against the test database."""
    from digest.cli import cli

    def run(*args: str, input: str | None = None, db: str | None = None, ok: bool = True) -> Result:
        result = CliRunner().invoke(cli, ["--db", db or sqlite_url, *args], input=input, catch_exceptions=False)
        if ok:
            assert result.exit_code == 0, result.output
        return result

    return run


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="Rewrite golden files under tests/fixtures from the current output.")


@pytest.fixture
def update_goldens(request: pytest.FixtureRequest) -> bool:
    """True under `pytest --update-goldens`: golden tests rewrite their files instead of comparing."""
    return bool(request.config.getoption("--update-goldens"))
