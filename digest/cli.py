"""The ``bantin`` command. Thin: each command parses options and calls one ``digest`` function.

Commands live in ``digest/commands/<area>.py``; each module exposes ``commands``.
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

import click
from sqlalchemy.exc import SQLAlchemyError

from digest.config import load_settings, use_settings
from digest.errors import BantinError
from digest.store.db import describe

COMMAND_MODULES = ["crawl", "classify", "bulletin", "site", "mail", "web", "editors", "demo"]


class BantinGroup(click.Group):
    """Turns domain errors, and the failures of the world around a command (the database
    stops answering or is locked, a file cannot be written), into one-line messages instead of
    tracebacks. ``-vv`` keeps the traceback for a bug report."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except BantinError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:
            # `bantin ... | head`: the reader has what it wanted; end quietly as Unix filters do
            # (141 = 128 + SIGPIPE), with stdout pointed at /dev/null so the exit flush is silent
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(141)
        except SQLAlchemyError as exc:
            if _debug(ctx):
                raise
            raise click.ClickException(f"database error: {describe(exc)}") from exc
        except OSError as exc:
            if _debug(ctx):
                raise
            where = f": {exc.filename}" if exc.filename else ""
            raise click.ClickException(f"{exc.strerror or exc}{where}") from exc


def _debug(ctx: click.Context) -> bool:
    return int(ctx.params.get("verbose") or 0) >= 2


@click.group(cls=BantinGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_url", envvar="BANTIN_DB", help="SQLAlchemy database URL (default: SQLite under ./data/).")
@click.option("--config", "config_file", envvar="BANTIN_CONFIG", type=click.Path(dir_okay=False),
              help="Settings file (TOML) overriding the shipped defaults.")
@click.option("-v", "--verbose", count=True, help="More log output (-vv for debug).")
@click.pass_context
def cli(ctx: click.Context, db_url: str | None, config_file: str | None, verbose: int) -> None:
    """bantin: the daily administrative-reform news bulletin.

    Example: bantin crawl && bantin classify && bantin draft --date 2023-05-24
    """
    logging.basicConfig(
        level=[logging.WARNING, logging.INFO, logging.DEBUG][min(verbose, 2)],
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    try:
        settings = load_settings(config_file)
    except BantinError as exc:
        raise click.ClickException(str(exc)) from exc
    use_settings(settings)
    ctx.obj = {"db_url": db_url or settings.db_url, "settings": settings}


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"digest.commands.{name}")
        for command in getattr(module, "commands", []):
            cli.add_command(command)


_register()


def main() -> None:
    cli(prog_name="bantin")


if __name__ == "__main__":
    main()
