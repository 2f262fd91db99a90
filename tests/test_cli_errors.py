"""Bad input and a broken world get one clear line and a non-zero exit, never a traceback, and
lose nothing: unusable databases, wrong-encoding or oversized CSVs, absurd dates, unwritable
outputs. Then a bounded fuzz of the CLI's inputs (dates, database URLs, CSVs) with Hypothesis.
"""

from __future__ import annotations

import string
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from digest.store.db import open_db
from digest.store.models import Subscriber

FUZZ = settings(max_examples=25, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def one_line_error(result: Any) -> str:
    """The message of a failed command, checked to be a single line without a traceback."""
    assert result.exit_code not in (0, None), result.output
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines and lines[-1].startswith("Error: "), result.output
    assert "Traceback" not in result.output and len(lines) <= 3, result.output
    return lines[-1]


@pytest.mark.parametrize("url,expected", [
    ("sqlite:///{tmp}/corrupt.db", "file is not a database"),
    ("postgresql://bantin:hemmelig@127.0.0.1:1/x", "cannot open the database"),
    ("notaurl", "is not a database URL"),
    ("foo://bar/x", "unsupported database URL"),
    ("sqlite:////proc/nope/x.db", "cannot create the folder"),
])
def test_unusable_databases_are_one_line(run_cli: Any, tmp_path: Path, url: str, expected: str) -> None:
    (tmp_path / "corrupt.db").write_bytes(b"this is no database, just text\n" * 100)
    message = one_line_error(run_cli("articles", db=url.format(tmp=tmp_path), ok=False))
    assert expected in message
    assert "hemmelig" not in message  # a password in the URL is never printed
    assert (tmp_path / "corrupt.db").read_bytes().startswith(b"this is no database")


def test_a_locked_database_is_one_line(run_cli: Any, sqlite_url: str, tmp_path: Path) -> None:
    import sqlite3

    engine = open_db(sqlite_url)
    conf = tmp_path / "c.toml"
    conf.write_text("", encoding="utf-8")
    holder = sqlite3.connect(engine.url.database, timeout=0)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        from digest.store import db as store

        store.dispose_all()  # a fresh engine with a short busy timeout, as another process
        original = store._sqlite_pragmas

        def impatient(dbapi_conn: Any, record: Any) -> None:
            original(dbapi_conn, record)
            dbapi_conn.execute("PRAGMA busy_timeout=100")

        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(store, "_sqlite_pragmas", impatient)
            message = one_line_error(run_cli("subscribers", "add", "a@example.vn", ok=False))
    finally:
        holder.rollback()
        holder.close()
    assert "locked" in message


@pytest.mark.parametrize("args", [("draft", "--date", "0001-01-01"), ("draft", "--date", "9999-12-31"),
                                  ("articles", "--since", "0001-01-01"), ("articles", "--since", "1999-12-31"),
                                  ("articles", "--since", "24/5/2023")])
def test_absurd_dates_are_refused(run_cli: Any, args: tuple[str, ...]) -> None:
    message = one_line_error(run_cli(*args, ok=False))
    assert args[1] in message


def test_site_build_into_a_non_directory(run_cli: Any) -> None:
    message = one_line_error(run_cli("site", "build", "--out", "/dev/null", ok=False))
    assert "/dev/null" in message


@pytest.mark.parametrize("content,expected", [
    ("email\nan@example.vn\njosé@example.vn\n".encode("latin-1"), "line 3 is not UTF-8"),
    ("email\nthu.hà@example.vn\n".encode("cp1258"), "line 2 is not UTF-8"),
    (b"email,name\nan@example.vn,x\nbinh@example.vn," + b"x" * 300_000 + b"\n", "field larger"),
])
def test_bad_csv_files_are_one_line_and_lose_nothing(run_cli: Any, sqlite_url: str, tmp_path: Path,
                                                      content: bytes, expected: str) -> None:
    path = tmp_path / "list.csv"
    path.write_bytes(content)
    result = run_cli("subscribers", "import", "--no-confirmation-mail", str(path), ok=False)
    with open_db(sqlite_url).connect() as conn:
        stored = conn.execute(select(Subscriber.email)).scalars().all()
    assert expected in one_line_error(result)
    if "field larger" in expected:
        assert stored == ["an@example.vn"]  # the line before is kept; a re-run skips it
    else:
        assert stored == []  # refused before any line was added


def test_utf16_csv_with_bom_is_read(run_cli: Any, sqlite_url: str, tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    path.write_bytes("email\nthu.hà@example.vn\n".encode("utf-16"))
    run_cli("subscribers", "import", "--no-confirmation-mail", str(path))
    with open_db(sqlite_url).connect() as conn:
        assert conn.execute(select(Subscriber.display_email)).scalars().all() == ["thu.hà@example.vn"]


# --------------------------------------------------------------------------- fuzz
@FUZZ
@given(st.one_of(st.dates().map(str), st.text(string.digits + "-/ T:", max_size=14),
                 st.text(max_size=12)))
def test_fuzz_dates(run_cli: Any, value: str) -> None:
    """Any --date/--since: a result or one line, never a traceback."""
    for args in (("draft", "--date", value), ("articles", "--since", value, "--limit", "1")):
        result = run_cli(*args, ok=False)
        if result.exit_code != 0:
            one_line_error(result)


@FUZZ
@given(st.one_of(
    st.text(max_size=40),
    st.builds(lambda scheme, rest: f"{scheme}://{rest}",
              st.sampled_from(["sqlite", "postgresql", "postgres", "mysql", "http", "x", ""]),
              st.text(string.ascii_letters + string.digits + ":/@.%?=", max_size=30))))
def test_fuzz_database_urls(run_cli: Any, tmp_path: Path, url: str) -> None:
    """Any --db: works (a new SQLite file somewhere under the test folder) or says why."""
    if url.startswith("sqlite") or "\x00" in url or not url.strip() or url.startswith("-"):
        return  # a valid relative SQLite path would litter the checkout; NUL/option-like args are click's
    if "127.0.0.1" not in url and ("postgres" in url):
        url = url.split("://", 1)[0] + "://127.0.0.1:1/x"  # never reach for another host
    result = run_cli("articles", "--limit", "1", db=url, ok=False)
    if result.exit_code != 0:
        one_line_error(result)


@FUZZ
@given(st.lists(st.one_of(st.emails(), st.text(max_size=30)), max_size=6),
       st.sampled_from(["utf-8", "utf-16", "latin-1"]))
def test_fuzz_subscriber_csvs(run_cli: Any, tmp_path: Path, cells: list[str], encoding: str) -> None:
    path = tmp_path / "fuzz.csv"
    text = "email\n" + "\n".join('"' + c.replace('"', '""') + '"' for c in cells) + "\n"
    path.write_bytes(text.encode(encoding, "replace"))
    result = run_cli("subscribers", "import", "--no-confirmation-mail", str(path), ok=False)
    if result.exit_code != 0:
        one_line_error(result)


def test_output_cut_short_by_a_pipe_ends_quietly(sqlite_url: str) -> None:
    """`bantin articles --format jsonl | head -1`: the reader leaves early; no "Error: Broken
    pipe", no traceback, and the status a Unix filter ends with (128 + SIGPIPE)."""
    import os
    import subprocess
    import sys
    from datetime import UTC, datetime

    from digest.store.db import session_scope
    from digest.store.models import Article

    with session_scope(open_db(sqlite_url)) as session:
        for i in range(600):  # ~150 KB of lines: well over a pipe's 64 KiB buffer
            url = f"https://bao.vn/thoi-su/bai-{i}.html"
            session.add(Article(url=url, url_key=f"k{i}", fetched_url=url, source="Bao.vn",
                                title=f"Cải cách thủ tục hành chính, bài số {i}", text="Đoạn văn. " * 20,
                                published_at=datetime(2026, 11, 27, 8, tzinfo=UTC), content_hash=f"h{i}"))
    proc = subprocess.Popen([sys.executable, "-m", "digest", "--db", sqlite_url, "articles", "--format", "jsonl",
                             "--limit", "600"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ))
    assert proc.stdout is not None and proc.stdout.readline().startswith(b"{")
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 141 and err.decode() == "", err.decode()[-2000:]
