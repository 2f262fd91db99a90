"""bantin site commands: build the readers' site."""

from __future__ import annotations

import click

from digest.commands import engine_from
from digest.site.build import build_site


@click.group("site")
def site_group() -> None:
    """The readers' site (mkdocs + Material, a static phrase index for search)."""


@site_group.command("build")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Output folder (default: settings [site] out_dir).")
@click.option("--full", is_flag=True, help="Rebuild every page and the whole search index.")
@click.pass_context
def build_cmd(ctx: click.Context, out_dir: str | None, full: bool) -> None:
    """Build or update the site from the published bulletins.

    Only what changed is rebuilt (a manifest of content hashes sits beside the output);
    --full rebuilds everything.

    Example: bantin site build --out /var/www/bantin
    """
    report = build_site(engine_from(ctx), out_dir=out_dir, full=full)
    click.echo(report.summary())
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    click.echo(f"open: {report.index_html}")


commands: list[click.Command] = [site_group]
