"""bantin web commands: ``bantin serve`` (the editors' app) and ``bantin hash-password``."""

from __future__ import annotations

import logging
import threading
import time

import click

from digest.commands import engine_from
from digest.config import settings
from digest.mail.schedule import run_due
from digest.store.db import session_scope
from digest.web.accounts import accounts
from digest.web.app import create_app, proxy_options
from digest.web.auth import MIN_PASSWORD, configured_credential, hash_password


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default: settings [web] host, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: settings [web] port, 8000; 0 picks a free one).")
@click.option("--sources", "sources_file", default=None, type=click.Path(dir_okay=False),
              help="The sources file the sources page and its 'crawl now' use (default spiders/sources.toml).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None, sources_file: str | None) -> None:
    """Run the editors' web app (curate, preview, publish) with uvicorn.

    Editors log in with their accounts (`bantin editors add NAME`); the shared password
    BANTIN_EDITOR_PASSWORD (or an argon2 hash in the settings' [web] editor_password_hash, from
    `bantin hash-password`) logs in as a bootstrap admin under any other name. Behind an https
    proxy, forward Host and X-Forwarded-Proto/-For and list the proxy's address in [web]
    trusted_proxies, so the session cookie is marked Secure, the CSRF origin check sees the
    public address and login limits count real clients (no address is trusted by default).

    Example: BANTIN_EDITOR_PASSWORD=... bantin serve --host 0.0.0.0 --port 8000
    """
    import uvicorn

    with session_scope(engine_from(ctx)) as db:
        has_accounts = bool(accounts(db))
    if configured_credential() is None and not has_accounts:
        raise click.ClickException(
            "no editor can log in: add an account (bantin editors add NAME), or set the shared "
            "BANTIN_EDITOR_PASSWORD, or put an argon2 hash (bantin hash-password) in the settings "
            "file as [web] editor_password_hash"
        )
    app = create_app(ctx.find_root().obj["db_url"], sources_file=sources_file)
    _start_scheduler(app.state.engine, settings().value("mail", "schedule_poll_seconds", float))
    uvicorn.run(
        app,
        host=host or settings().value("web", "host", str),
        port=settings().value("web", "port", int) if port is None else port,
        **proxy_options(),  # type: ignore[arg-type]
        log_level="info",
    )


def _start_scheduler(engine: object, interval: float) -> None:
    """Send scheduled mail when due (digest.mail.schedule), in a daemon thread of the server."""
    def loop() -> None:
        while True:
            try:
                for day, outcome in run_due(engine):  # type: ignore[arg-type]
                    logging.getLogger("bantin.schedule").info("scheduled send %s: %s", day, outcome)
            except Exception:  # a database hiccup: try again next round
                logging.getLogger("bantin.schedule").exception("scheduled sends failed")
            time.sleep(max(1.0, interval))

    threading.Thread(target=loop, name="bantin-mail-schedule", daemon=True).start()


@click.command("hash-password")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True,
              help="The editor password to hash (prompted when omitted).")
def hash_password_cmd(password: str) -> None:
    """Print an argon2 hash of the editor password for [web] editor_password_hash.

    Example: bantin hash-password >> my-settings-notes.txt
    """
    if len(password) < MIN_PASSWORD:
        raise click.ClickException(f"use at least {MIN_PASSWORD} characters for the editor password")
    click.echo(hash_password(password))


commands: list[click.Command] = [serve, hash_password_cmd]
