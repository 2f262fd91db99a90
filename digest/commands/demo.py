"""bantin demo: the whole pipeline, offline, on the bundled demo corpus."""

from __future__ import annotations

import click

from digest.demo.pipeline import run_demo

commands: list[click.Command] = []


@click.command("demo")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Where to put the demo's database, sources file and site (default: <data dir>/demo).")
@click.option("--keep", is_flag=True, help="Keep serving the demo outlets after the run (Ctrl-C to stop).")
@click.pass_context
def demo(ctx: click.Context, out_dir: str | None, keep: bool) -> None:
    """Serve the bundled demo outlets on 127.0.0.x, crawl them, classify, draft and publish every
    day's bulletin, build the readers' site, and say where to look.

    Uses its own database under the demo folder unless --db is given on this command line
    (BANTIN_DB is ignored), so a real database is never touched. Safe to re-run: each run starts from a fresh demo database.

    Example: bantin demo
    """
    root = ctx.find_root()
    # Only `bantin --db URL demo` names a database for the demo: BANTIN_DB is the operator's
    # real database, which the demo must never fill with its articles and bulletins.
    explicit_db = root.get_parameter_source("db_url") == click.core.ParameterSource.COMMANDLINE
    run_demo(out_dir=out_dir, db_url=root.obj["db_url"] if explicit_db else None, keep_serving=keep)


commands.append(demo)
