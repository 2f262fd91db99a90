"""Named editor accounts: the CLI, login by name and password, roles, per-account sessions."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import text
from test_web import ISO, engine, ids, server  # noqa: F401 (fixtures)
from test_web_seed import LiveServer

from digest.errors import InvalidInput
from digest.store.db import session_scope
from digest.web import accounts


def test_editors_add_list_remove(run_cli, engine) -> None:  # type: ignore[no-untyped-def]
    out = run_cli("editors", "add", "Trần Thu Hà", "--admin", input="mật khẩu dài\n").output
    assert "added admin Trần Thu Hà" in out
    run_cli("editors", "add", "Lan", input="khác hẳn 123\n")
    again = run_cli("editors", "add", "  trần  thu hà ", input="mật khẩu dài\n", ok=False)
    assert again.exit_code != 0 and "already exists" in again.output
    short = run_cli("editors", "add", "Minh", input="ngắn\n", ok=False)
    assert short.exit_code != 0 and "at least 8" in short.output
    listing = run_cli("editors", "list").output
    assert "admin   Trần Thu Hà" in listing and "editor  Lan" in listing
    with engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM editor_account WHERE name = 'Lan'")).scalar_one()
    assert stored.startswith("$argon2id$") and "khác" not in stored
    with session_scope(engine) as s:
        assert accounts.verify(s, "LAN", "khác hẳn 123") is not None
        assert accounts.verify(s, "Lan", "khác hẳn 12") is None
        assert accounts.verify(s, "Không có", "khác hẳn 123") is None
    assert "removed Lan" in run_cli("editors", "remove", "lan").output
    missing = run_cli("editors", "remove", "lan", ok=False)
    assert missing.exit_code != 0 and "no editor named" in missing.output
    with session_scope(engine) as s, pytest.raises(InvalidInput):
        accounts.add(s, " ", "mật khẩu dài")


def _login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    return client.post("/login", data={"username": username, "password": password})


def _token(client: httpx.Client) -> str:
    match = re.search(r'<meta name="csrf-token" content="([^"]+)"', client.get("/").text)
    assert match
    return match.group(1)


def test_named_login_roles_history_and_sessions_ending(server: LiveServer, engine, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    with session_scope(engine) as s:
        accounts.add(s, "Trần Thu Hà", "mật khẩu dài", "admin")
        accounts.add(s, "Lan", "khác hẳn 123")
    with httpx.Client(base_url=server.url, timeout=20) as lan, httpx.Client(base_url=server.url, timeout=20) as ha:
        assert _login(lan, "Lan", "sai mật khẩu").status_code == 401
        # The shared password cannot be used under an account's name ...
        assert _login(lan, "lan", "mật-khẩu đúng 123").status_code == 401
        assert _login(lan, "lan", "khác hẳn 123").status_code == 303
        assert _login(ha, "Trần Thu Hà", "mật khẩu dài").status_code == 303
        token = _token(lan)
        with engine.connect() as conn:
            item = conn.execute(text("SELECT id FROM bulletin_item ORDER BY id LIMIT 1")).scalar_one()
        r = lan.post(f"/bulletins/{ISO}/items/{item}/exclude", data={"csrf_token": token})
        assert r.status_code == 303
        history = lan.get(f"/bulletins/{ISO}/history").text
        assert "<td>Lan</td>" in history or ">Lan<" in history  # the account's own spelling
        # Roles: sources and subscribers pages are for admins.
        assert lan.get("/sources").status_code == 403
        assert ha.get("/sources").status_code == 200
        # Removing the account ends its session at the next request; Hà's stays.
        with session_scope(engine) as s:
            accounts.remove(s, "Lan")
        assert lan.get("/", follow_redirects=False).status_code == 303
        assert ha.get("/").status_code == 200
        # A new password for Hà ends the sessions made with the old one.
        with session_scope(engine) as s:
            accounts.add(s, "Trần Thu Hà", "mật khẩu mới dài", "admin", replace=True)
        assert ha.get("/", follow_redirects=False).status_code == 303
    # ... and the shared password still logs a bootstrap admin in under any other name.
    with httpx.Client(base_url=server.url, timeout=20) as boot:
        assert _login(boot, "Quản trị", "mật-khẩu đúng 123").status_code == 303
        assert boot.get("/sources").status_code == 200
