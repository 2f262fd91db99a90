"""The ``bantin`` commands, one module per area; each exposes ``commands`` (a list of click
commands). May import anything in digest."""

from __future__ import annotations

import click
from sqlalchemy.engine import Engine

from digest.store.db import open_db


def engine_from(ctx: click.Context) -> Engine:
    """The migrated engine for the --db URL chosen on the command line."""
    return open_db(ctx.find_root().obj["db_url"])
