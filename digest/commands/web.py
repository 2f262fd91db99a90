"""bantin web commands: ``bantin serve`` (the editors' app) and ``bantin hash-password``."""

from __future__ import annotations

import click

from digest.config import settings
from digest.web.app import create_app, proxy_options
from digest.web.auth import MIN_PASSWORD, configured_credential, hash_password


@click.command("serve")
@click.option("--host", default=None, help="Address to listen on (default: settings [web] host, 127.0.0.1).")
@click.option("--port", default=None, type=int, help="Port (default: settings [web] port, 8000; 0 picks a free one).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Run the editors' web app (curate, preview, publish) with uvicorn.

    The editor password comes from BANTIN_EDITOR_PASSWORD, or an argon2 hash in the settings'
    [web] editor_password_hash (make one with `bantin hash-password`). Behind an https proxy,
    forward Host and X-Forwarded-Proto/-For and list the proxy's address in [web]
    trusted_proxies, so the session cookie is marked Secure, the CSRF origin check sees the
    public address and login limits count real clients (no address is trusted by default).

    Example: BANTIN_EDITOR_PASSWORD=... bantin serve --host 0.0.0.0 --port 8000
    """
    import uvicorn

    if configured_credential() is None:
        raise click.ClickException(
            "no editor password: set BANTIN_EDITOR_PASSWORD, or put an argon2 hash "
            "(bantin hash-password) in the settings file as [web] editor_password_hash"
        )
    app = create_app(ctx.find_root().obj["db_url"])
    uvicorn.run(
        app,
        host=host or settings().value("web", "host", str),
        port=settings().value("web", "port", int) if port is None else port,
        **proxy_options(),  # type: ignore[arg-type]
        log_level="info",
    )


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
