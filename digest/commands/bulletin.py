"""bantin draft / publish / export / bulletin list|show / curate ...: thin wrappers over
digest.bulletin.draft, digest.bulletin.curate, digest.bulletin.publish and digest.bulletin.render."""

from __future__ import annotations

import getpass
import os
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import click
from sqlmodel import col, select

from digest.bulletin import curate as cur
from digest.bulletin.days import parse_day
from digest.bulletin.draft import draft_bulletin, window_counts
from digest.bulletin.publish import publish, reopen
from digest.bulletin.render import FORMATS, export
from digest.bulletin.undo import undo
from digest.classify.sections import SECTION_KEYS
from digest.commands import engine_from
from digest.errors import InvalidInput
from digest.store.db import session_scope
from digest.store.models import Bulletin
from digest.text import VN_TZ, parse_hhmm, stamp, to_vn

commands: list[click.Command] = []


def _default_editor() -> str:
    try:
        return os.environ.get("USER") or getpass.getuser() or "cli"
    except Exception:  # no passwd entry in some containers
        return "cli"


def _day(value: str) -> date:
    """--date as a day within digest.bulletin.days' range (a one-line error otherwise)."""
    return parse_day(value, "--date")


date_option = click.option("--date", "day", required=True, metavar="YYYY-MM-DD",
                           help="The bulletin's day (Asia/Ho_Chi_Minh).")
editor_option = click.option("--editor", default=_default_editor, show_default="$USER",
                             help="Who makes the change (recorded in the history).")


def _register(command: click.Command) -> click.Command:
    commands.append(command)
    return command


def _summary(doc_items: list[tuple[str, int]]) -> str:
    counts = Counter(section for section, _ in doc_items)
    return ", ".join(f"{key} {counts[key]}" for key in SECTION_KEYS if counts[key]) or "no story"


@_register
@click.command("draft")
@date_option
@click.pass_context
def draft_cmd(ctx: click.Context, day: str) -> None:
    """Draft (or refresh) the bulletin of DAY from the classified stories.

    Re-running keeps every editor change and adds stories crawled since.

    Example: bantin draft --date 2023-05-24
    """
    d = _day(day)
    with session_scope(engine_from(ctx)) as session:
        bulletin = draft_bulletin(session, d)
        doc = cur.load_doc(session, d)
        start, end = bulletin.window_start, bulletin.window_end
        held = window_counts(session, d)
    pairs = [(b.key.value, i.number) for b in doc.sections for i in b.items]
    click.echo(f"{doc.title}: {len(pairs)} stories ({_summary(pairs)}); "
               f"window {to_vn(start):%d/%m %H:%M} - {to_vn(end):%d/%m %H:%M}" if start and end else "")
    if not pairs:  # say why, as the editors' app does
        if not held.articles:
            why = "no article was published in the window (has the crawl run? bantin sources check)"
        elif held.classified < held.articles:
            why = f"{held.articles - held.classified} of its {held.articles} articles are not classified yet (bantin classify)"
        else:
            why = (f"of its {held.articles} articles, {held.relevant} are about administrative reform"
                   + (" and another bulletin carried them" if held.relevant else ""))
        click.echo(f"empty: {why}", err=True)


@_register
@click.command("publish")
@date_option
@click.option("--at", "at", metavar="HH:MM", help="Publication time on DAY (default: now, or the "
              "configured publish_time when DAY is not today).")
@click.option("--reopen", "do_reopen", is_flag=True, help="Reopen a published bulletin for changes.")
@editor_option
@click.pass_context
def publish_cmd(ctx: click.Context, day: str, at: str | None, do_reopen: bool, editor: str) -> None:
    """Freeze the bulletin of DAY with its publication time (or --reopen it).

    Example: bantin publish --date 2023-05-24 --at 16:40
    """
    d = _day(day)
    moment: datetime | None = None
    if at:
        try:
            moment = datetime.combine(d, parse_hhmm(at), tzinfo=VN_TZ)
        except ValueError as exc:
            raise click.BadParameter(f"{at!r} is not a time HH:MM", param_hint="--at") from exc
    with session_scope(engine_from(ctx)) as session:
        if do_reopen:
            reopen(session, d, editor)
            click.echo(f"reopened the bulletin of {d.isoformat()}: it is a draft again")
            return
        doc = publish(session, d, editor, at=moment)
    click.echo(f"published {doc.title} ({doc.stamp}): {len(doc.items)} stories")


@_register
@click.command("export")
@date_option
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="json", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False, writable=True),
              help="Write to FILE (atomically) instead of standard output.")
@click.pass_context
def export_cmd(ctx: click.Context, day: str, fmt: str, out: str | None) -> None:
    """Print the bulletin of DAY as json (FORMAT.md), html, md or txt.

    A published bulletin prints exactly as frozen; a draft prints its current state.

    Example: bantin export --date 2023-05-24 --format html --out ban-tin.html
    """
    d = _day(day)
    with session_scope(engine_from(ctx)) as session:
        text = export(cur.load_doc(session, d), fmt)
    if out is None:
        click.echo(text, nl=False)
        return
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
    click.echo(f"wrote {path}", err=True)


# --------------------------------------------------------------------------- bulletin list|show
@click.group("bulletin")
def bulletin_group() -> None:
    """List bulletins and show one."""


commands.append(bulletin_group)


@bulletin_group.command("list")
@click.option("--limit", default=30, show_default=True, help="How many of the newest.")
@click.pass_context
def list_cmd(ctx: click.Context, limit: int) -> None:
    """The newest bulletins: day, status, stories, publication stamp.

    Example: bantin bulletin list
    """
    with session_scope(engine_from(ctx)) as session:
        rows = session.exec(select(Bulletin).order_by(col(Bulletin.date).desc()).limit(limit)).all()
        lines = []
        for b in rows:
            n = len(cur.load_doc(session, b.date).items)
            when = stamp(b.published_at) if b.published_at else "-"
            lines.append(f"{b.date.isoformat()}  {b.status:<9}  {n:>3} stories  {when}")
    click.echo("\n".join(lines) if lines else "no bulletin yet (bantin draft --date YYYY-MM-DD)")


@bulletin_group.command("show")
@date_option
@click.option("--all", "show_all", is_flag=True, help="Also list excluded items.")
@click.pass_context
def show_cmd(ctx: click.Context, day: str, show_all: bool) -> None:
    """The bulletin's items with the ids curation commands take.

    Example: bantin bulletin show --date 2023-05-24
    """
    d = _day(day)
    with session_scope(engine_from(ctx)) as session:
        bulletin = cur.require_bulletin(session, d)
        views = cur.candidates(session, d)
        header = f"{bulletin.title} [{bulletin.status}"
        header += f", {stamp(bulletin.published_at)}]" if bulletin.published_at else "]"
    click.echo(header)
    section = None
    for v in views:
        if not v.included and not show_all:
            continue
        if v.section != section:
            section = v.section
            click.echo(f"\n{section.upper()}")
        num = f"{v.number:>3}." if v.number else "  -."
        flags = "" if v.included else " [excluded]"
        flags += f" [edited: {', '.join(v.edited)}]" if v.edited else ""
        click.echo(f"{num} {v.headline}  (item {v.item_id}, article {v.article_id}, {v.outlet}, "
                   f"P(relevant) {v.confidence:.2f}){flags}")


# --------------------------------------------------------------------------- curate
@click.group("curate")
def curate_group() -> None:
    """Editors' corrections from the shell; every change is recorded with --editor.

    ITEM is the number the bulletin prints, as #7 (quote it in the shell: '#7'), or an item
    id from `bantin bulletin show --date D --all` (excluded items have no number).
    """


commands.append(curate_group)


def _done(item_view: str) -> None:
    click.echo(item_view)


@curate_group.command("exclude")
@date_option
@click.argument("item_id", metavar="ITEM")
@editor_option
@click.pass_context
def exclude_cmd(ctx: click.Context, day: str, item_id: str, editor: str) -> None:
    """Leave item ITEM_ID out of the bulletin.  Example: bantin curate exclude --date 2023-05-24 12"""
    with session_scope(engine_from(ctx)) as s:
        item = cur.exclude(s, _day(day), cur.resolve_item(s, _day(day), item_id), editor)
        _done(f"excluded item {item.id}: {item.headline}")


@curate_group.command("include")
@date_option
@click.argument("item_id", metavar="ITEM")
@editor_option
@click.pass_context
def include_cmd(ctx: click.Context, day: str, item_id: str, editor: str) -> None:
    """Print an excluded item again.  Example: bantin curate include --date 2023-05-24 12"""
    with session_scope(engine_from(ctx)) as s:
        item = cur.include(s, _day(day), cur.resolve_item(s, _day(day), item_id), editor)
        _done(f"included item {item.id}: {item.headline}")


@curate_group.command("pull-in")
@date_option
@click.argument("article_id", type=int)
@click.option("--section", required=True, type=click.Choice(SECTION_KEYS))
@editor_option
@click.pass_context
def pull_in_cmd(ctx: click.Context, day: str, article_id: int, section: str, editor: str) -> None:
    """Add an article the draft left out (see `bantin curate left-out`).

    Example: bantin curate pull-in --date 2023-05-24 345 --section local
    """
    with session_scope(engine_from(ctx)) as s:
        item = cur.pull_in(s, _day(day), article_id, section, editor)
        _done(f"pulled in article {article_id} as item {item.id} ({section}): {item.headline}")


@curate_group.command("move")
@date_option
@click.argument("item_id", metavar="ITEM")
@click.option("--section", required=True, type=click.Choice(SECTION_KEYS))
@click.option("--position", type=int, help="1-based place in the section (default: last).")
@editor_option
@click.pass_context
def move_cmd(ctx: click.Context, day: str, item_id: str, section: str, position: int | None, editor: str) -> None:
    """Move an item to another section.  Example: bantin curate move --date 2023-05-24 12 --section local"""
    with session_scope(engine_from(ctx)) as s:
        item = cur.move(s, _day(day), cur.resolve_item(s, _day(day), item_id), section, editor, position)
        _done(f"moved item {item.id} to {item.section} #{item.position + 1}: {item.headline}")


@curate_group.command("reorder")
@date_option
@click.argument("item_id", metavar="ITEM")
@click.argument("position", type=int)
@editor_option
@click.pass_context
def reorder_cmd(ctx: click.Context, day: str, item_id: str, position: int, editor: str) -> None:
    """Put an item at POSITION (1-based) in its section.  Example: bantin curate reorder --date 2023-05-24 12 1"""
    with session_scope(engine_from(ctx)) as s:
        item = cur.reorder(s, _day(day), cur.resolve_item(s, _day(day), item_id), position, editor)
        _done(f"item {item.id} is now #{item.position + 1} in {item.section}")


@curate_group.command("up")
@date_option
@click.argument("item_id", metavar="ITEM")
@editor_option
@click.pass_context
def up_cmd(ctx: click.Context, day: str, item_id: str, editor: str) -> None:
    """Move an item one place up in its section.  Example: bantin curate up --date 2023-05-24 12"""
    with session_scope(engine_from(ctx)) as s:
        item = cur.move_up(s, _day(day), cur.resolve_item(s, _day(day), item_id), editor)
        _done(f"item {item.id} is now #{item.position + 1} in {item.section}")


@curate_group.command("down")
@date_option
@click.argument("item_id", metavar="ITEM")
@editor_option
@click.pass_context
def down_cmd(ctx: click.Context, day: str, item_id: str, editor: str) -> None:
    """Move an item one place down in its section.  Example: bantin curate down --date 2023-05-24 12"""
    with session_scope(engine_from(ctx)) as s:
        item = cur.move_down(s, _day(day), cur.resolve_item(s, _day(day), item_id), editor)
        _done(f"item {item.id} is now #{item.position + 1} in {item.section}")


@curate_group.command("headline")
@date_option
@click.argument("item_id", metavar="ITEM")
@click.argument("headline")
@editor_option
@click.pass_context
def headline_cmd(ctx: click.Context, day: str, item_id: str, headline: str, editor: str) -> None:
    """Replace an item's headline.  Example: bantin curate headline --date 2023-05-24 12 "Đà Nẵng: ..." """
    with session_scope(engine_from(ctx)) as s:
        item = cur.edit_headline(s, _day(day), cur.resolve_item(s, _day(day), item_id), headline, editor)
        _done(f"item {item.id}: {item.headline}")


@curate_group.command("trim")
@date_option
@click.argument("item_id", metavar="ITEM")
@click.option("--keep", required=True, metavar="0,1,4",
              help="0-based indexes of the article's paragraphs to print (see `curate paragraphs`).")
@editor_option
@click.pass_context
def trim_cmd(ctx: click.Context, day: str, item_id: str, keep: str, editor: str) -> None:
    """Print only some paragraphs of the article.  Example: bantin curate trim --date 2023-05-24 12 --keep 0,1,5"""
    try:
        indexes = [int(k) for k in keep.replace(" ", "").split(",") if k != ""]
    except ValueError as exc:
        raise click.BadParameter(f"{keep!r}: give comma-separated numbers, e.g. 0,1,5", param_hint="--keep") from exc
    with session_scope(engine_from(ctx)) as s:
        item = cur.trim_paragraphs(s, _day(day), cur.resolve_item(s, _day(day), item_id), indexes, editor)
        _done(f"item {item.id} prints {len(item.paragraphs)} paragraph(s)")


@curate_group.command("paragraphs")
@date_option
@click.argument("item_id", metavar="ITEM")
@click.pass_context
def paragraphs_cmd(ctx: click.Context, day: str, item_id: str) -> None:
    """The article's paragraphs with their indexes; * marks the printed ones.

    Example: bantin curate paragraphs --date 2023-05-24 12
    """
    with session_scope(engine_from(ctx)) as s:
        wanted = cur.resolve_item(s, _day(day), item_id)
        view = next((v for v in cur.candidates(s, _day(day)) if v.item_id == wanted), None)
    if view is None:
        raise InvalidInput(f"item {item_id} is not in the bulletin of {day}")
    for idx, para in enumerate(view.all_paragraphs):
        mark = "*" if idx in view.kept else " "
        click.echo(f"{mark}{idx:>3}  {para[:110]}{'...' if len(para) > 110 else ''}")


@curate_group.command("author")
@date_option
@click.argument("item_id", metavar="ITEM")
@click.argument("author")
@editor_option
@click.pass_context
def author_cmd(ctx: click.Context, day: str, item_id: str, author: str, editor: str) -> None:
    """Replace the citation's author ("" removes it).  Example: bantin curate author --date 2023-05-24 12 "Thu Thảo" """
    with session_scope(engine_from(ctx)) as s:
        item = cur.edit_author(s, _day(day), cur.resolve_item(s, _day(day), item_id), author, editor)
        _done(f"item {item.id}: author {item.author or '(none)'}")


@curate_group.command("place")
@date_option
@click.argument("item_id", metavar="ITEM")
@click.argument("number", type=click.IntRange(min=1))
@editor_option
@click.pass_context
def place_cmd(ctx: click.Context, day: str, item_id: str, number: int, editor: str) -> None:
    """Move an item to printed number NUMBER (the section of the story printed there now).

    Example: bantin curate place --date 2023-05-24 '#9' 2
    """
    with session_scope(engine_from(ctx)) as s:
        item = cur.move_to_number(s, _day(day), cur.resolve_item(s, _day(day), item_id), number, editor)
        _done(f"item {item.id}: {item.section} position {item.position + 1}")


@curate_group.command("undo")
@date_option
@click.option("--change", "change_id", type=int, default=None,
              help="The change to undo (ids in `curate history`); default: your newest one.")
@editor_option
@click.pass_context
def undo_cmd(ctx: click.Context, day: str, change_id: int | None, editor: str) -> None:
    """Undo a change (default: the newest one made as --editor that is not undone yet).

    Example: bantin curate undo --date 2023-05-24
    """
    with session_scope(engine_from(ctx)) as s:
        change = undo(s, _day(day), editor, change_id)
        after = change.after if isinstance(change.after, dict) else {}
        _done(f"undid change {after.get('undoes')} ({after.get('undid')})")


@curate_group.command("left-out")
@date_option
@click.option("--limit", default=50, show_default=True)
@click.pass_context
def left_out_cmd(ctx: click.Context, day: str, limit: int) -> None:
    """Articles of the window not in the bulletin, near misses first (ids for pull-in).

    Example: bantin curate left-out --date 2023-05-24
    """
    with session_scope(engine_from(ctx)) as s:
        rows = cur.left_out(s, _day(day), limit)
    for v in rows:
        click.echo(f"article {v.article_id:>6}  {v.reason:<12} P(relevant) {v.confidence:.2f}  {v.outlet}: {v.title}")
    if not rows:
        click.echo("nothing left out")


@curate_group.command("history")
@date_option
@click.pass_context
def history_cmd(ctx: click.Context, day: str) -> None:
    """Every recorded change: when, who, what.  Example: bantin curate history --date 2023-05-24"""
    with session_scope(engine_from(ctx)) as s:
        rows = cur.history(s, _day(day))
        lines = [f"{c.id:>5}  {to_vn(c.at):%d/%m/%Y %H:%M:%S}  {c.editor:<12} {c.action:<14} "
                 f"{'item ' + str(c.item_id) if c.item_id else ''}  {_brief(c.before)} -> {_brief(c.after)}"
                 for c in rows]
    click.echo("\n".join(lines) if lines else "no change recorded")


def _brief(value: object) -> str:
    text = "-" if value is None else str(value)
    return text if len(text) <= 80 else text[:77] + "..."
