"""bantin editors add|list|remove: the web app's named editor accounts (digest.web.accounts)."""

from __future__ import annotations

import sys

import click

from digest.commands import engine_from
from digest.store.db import session_scope
from digest.text import to_vn
from digest.web import accounts as acc


@click.group("editors")
def editors_group() -> None:
    """Named editor accounts for `bantin serve` (argon2; per-account sessions).

    Editors curate and publish; admins also manage sources, mail and subscribers.
    """


def _read_password() -> str:
    """From standard input when it is not a terminal (scripts), else prompted twice."""
    if not sys.stdin.isatty():
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True))


@editors_group.command("add")
@click.argument("name")
@click.option("--admin", is_flag=True, help="Give the admin role (sources, mail, subscribers).")
@click.option("--replace", is_flag=True, help="Set a new password (and role) for an existing account.")
@click.pass_context
def add_cmd(ctx: click.Context, name: str, admin: bool, replace: bool) -> None:
    """Add the editor NAME; the password is read from standard input when it is not a terminal.

    Example: printf '%s\\n' "$PASSWORD" | bantin editors add "Trần Thu Hà" --admin
    """
    password = _read_password()
    with session_scope(engine_from(ctx)) as s:
        account = acc.add(s, name, password, "admin" if admin else "editor", replace=replace)
    click.echo(f"{'updated' if replace else 'added'} {account.role} {account.name}")


@editors_group.command("list")
@click.pass_context
def list_cmd(ctx: click.Context) -> None:
    """Every account with its role and last login.  Example: bantin editors list"""
    with session_scope(engine_from(ctx)) as s:
        rows = acc.accounts(s)
    for a in rows:
        last = f"{to_vn(a.last_login_at):%d/%m/%Y %H:%M}" if a.last_login_at else "never"
        click.echo(f"{a.role:<7} {a.name}  (last login {last})")
    if not rows:
        click.echo("no editor account (the shared BANTIN_EDITOR_PASSWORD, if set, still logs in)")


@editors_group.command("remove")
@click.argument("name")
@click.pass_context
def remove_cmd(ctx: click.Context, name: str) -> None:
    """Remove the editor NAME; their sessions end at once.  Example: bantin editors remove Lan"""
    with session_scope(engine_from(ctx)) as s:
        account = acc.remove(s, name)
    click.echo(f"removed {account.name}")


commands: list[click.Command] = [editors_group]
