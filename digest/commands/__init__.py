"""One module per command area; each exposes ``commands`` (a list of click commands)."""

from __future__ import annotations

import click
from sqlalchemy.engine import Engine

from digest.store import open_db


def engine_from(ctx: click.Context) -> Engine:
    """The migrated engine for the --db URL chosen on the command line."""
    return open_db(ctx.find_root().obj["db_url"])
