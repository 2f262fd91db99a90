"""bantin mail commands: ``subscribers add|import|list|remove`` and ``send``."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from digest.commands import engine_from
from digest.config import settings
from digest.errors import InvalidInput
from digest.mail.bounce_sources import open_source
from digest.mail.bounces import process
from digest.mail.optin import send_confirmation
from digest.mail.schedule import run_due
from digest.mail.send import send_bulletin
from digest.mail.subscribers import (
    add_subscriber,
    count_by_status,
    import_csv,
    iter_subscribers,
    remove_subscriber,
)
from digest.store.db import session_scope
from digest.store.models import Subscriber

commands: list[click.Command] = []

STATUS_CHOICE = click.Choice(["pending", "confirmed", "unsubscribed", "bounced"])


def _stderr_console() -> Any:
    return Console(stderr=True)


@click.group("subscribers")
def subscribers() -> None:
    """The mailing list (double opt-in).

    Example: bantin subscribers add ban.doc@example.vn
    """


@subscribers.command("add")
@click.argument("email")
@click.option("--confirmed", is_flag=True, help="Skip the double opt-in (the person already agreed).")
@click.pass_context
def add_cmd(ctx: click.Context, email: str, confirmed: bool) -> None:
    """Add EMAIL. Without --confirmed it is pending and receives a confirmation link
    (written to <data dir>/outbox/ when BANTIN_SMTP_URL is not set).

    Example: bantin subscribers add "Thu.Hà@ví-dụ.vn"
    """
    engine = engine_from(ctx)
    sub = add_subscriber(engine, email, confirmed=confirmed)
    click.echo(f"added {sub.display_email} ({sub.status})")
    if not confirmed:
        try:
            where = send_confirmation(sub)
        except Exception as exc:  # the row is kept: say so, and how to recover
            raise click.ClickException(
                f"{sub.display_email} was added as pending, but the confirmation message could not be"
                f" sent: {exc}. Remove and add again once the mail server works."
            ) from exc
        click.echo(f"confirmation message: {where}")


@subscribers.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--default-status", type=STATUS_CHOICE, default="pending", show_default=True,
              help="Status for lines without a status column.")
@click.option("--no-confirmation-mail", is_flag=True,
              help="Do not send the opt-in message to imported pending addresses.")
@click.pass_context
def import_cmd(ctx: click.Context, file: str, default_status: str, no_confirmation_mail: bool) -> None:
    """Import a CSV file with an 'email' column (and optionally 'status'). Every line is reported
    as added, duplicate or invalid; a bad line never stops the rest, and a re-run is safe.

    Example: bantin subscribers import ban-doc.csv
    """
    engine = engine_from(ctx)
    counts = {"added": 0, "duplicate": 0, "invalid": 0}
    try:
        for line in import_csv(engine, file, default_status=default_status):  # type: ignore[arg-type]
            counts[line.outcome] += 1
            detail = f" ({line.status})" if line.outcome == "added" else f": {line.message}"
            click.echo(f"line {line.line}: {line.outcome} {line.email}{detail}")
            if line.outcome == "added" and line.status == "pending" and not no_confirmation_mail:
                with session_scope(engine) as session:
                    sub = session.get(Subscriber, line.subscriber_id)
                try:
                    click.echo(f"  confirmation message: {send_confirmation(sub)}")
                except Exception as exc:  # noqa: BLE001 - report and go on with the file
                    click.echo(f"  confirmation message NOT sent: {exc}", err=True)
    except InvalidInput as exc:
        raise click.ClickException(f"{file}: {exc}") from exc
    click.echo(f"{counts['added']} added, {counts['duplicate']} duplicate, {counts['invalid']} invalid")


@subscribers.command("list")
@click.option("--status", type=STATUS_CHOICE, default=None, help="Only this status.")
@click.option("--csv", "as_csv", is_flag=True, help="CSV (email,status,created_at) for re-import.")
@click.pass_context
def list_cmd(ctx: click.Context, status: str | None, as_csv: bool) -> None:
    """List subscribers (streamed, any size), then a count per status on stderr.

    Example: bantin subscribers list --status confirmed
    """
    engine = engine_from(ctx)
    if as_csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(["email", "status", "created_at"])
        for sub in iter_subscribers(engine, status=status):
            writer.writerow([sub.display_email, sub.status, sub.created_at.isoformat()])
            if buffer.tell() > 65536:  # stream: never hold the whole list
                click.echo(buffer.getvalue(), nl=False)
                buffer.seek(0)
                buffer.truncate()
        click.echo(buffer.getvalue(), nl=False)
        return
    for sub in iter_subscribers(engine, status=status):
        extra = f"  bounces={sub.bounce_count}" if sub.bounce_count else ""
        click.echo(f"{sub.display_email}\t{sub.status}\t{sub.created_at:%Y-%m-%d}{extra}")
    counts = count_by_status(engine)
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items()), err=True)


@subscribers.command("remove")
@click.argument("email")
@click.pass_context
def remove_cmd(ctx: click.Context, email: str) -> None:
    """Delete EMAIL and its delivery history (any spelling of the address).

    Example: bantin subscribers remove ban.doc@example.vn
    """
    sub = remove_subscriber(engine_from(ctx), email)
    click.echo(f"removed {sub.display_email}")


@click.command("send")
@click.option("--date", "day", required=True, type=click.DateTime(formats=["%Y-%m-%d"]),
              help="The bulletin's day (YYYY-MM-DD).")
@click.option("--dry-run", is_flag=True, help="Write .eml files to <data dir>/outbox/<date>/ instead.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="Send at most N messages this run.")
@click.option("--resend-uncertain", is_flag=True,
              help="Requeue every delivery whose outcome is unknown (check the server's log first).")
@click.option("--resend", "resend_ids", multiple=True, metavar="MESSAGE_ID",
              help="Requeue only the uncertain delivery with this Message-ID (repeatable).")
@click.pass_context
def send_cmd(ctx: click.Context, day: datetime, dry_run: bool, limit: int | None,
             resend_uncertain: bool, resend_ids: tuple[str, ...]) -> None:
    """E-mail the published bulletin of DATE to every confirmed subscriber (BANTIN_SMTP_URL).

    Safe to re-run and to run twice at once: nobody gets a second copy. Deliveries cut off
    between the server's acceptance and our record are reported as uncertain and not resent
    unless --resend-uncertain is given.

    Example: BANTIN_SMTP_URL=smtp://127.0.0.1:1025 bantin send --date 2023-05-24
    """
    engine = engine_from(ctx)
    console = _stderr_console()
    progress = Progress(TextColumn("[bold]gửi thư[/]"), BarColumn(), MofNCompleteColumn(),
                        TextColumn("{task.fields[tally]}"), TimeRemainingColumn(),
                        console=console, transient=False)
    tally: dict[str, int] = {}
    task: list[Any] = []

    def on_start(total: int) -> None:
        task.append(progress.add_task("send", total=total, tally=""))

    def on_outcome(outcome: str) -> None:
        tally[outcome] = tally.get(outcome, 0) + 1
        if task:
            progress.update(task[0], advance=1, tally=" ".join(f"{k}={v}" for k, v in sorted(tally.items())))

    site_url = str(settings()["general"]["site_url"])
    if not site_url.startswith("https://"):
        click.echo(f"note: [general] site_url is {site_url}: the unsubscribe links are not https, so"
                   " Gmail and other providers will not offer their one-click unsubscribe button.",
                   err=True)
    with progress:
        report = send_bulletin(engine, day.date(), dry_run=dry_run, limit=limit,
                               resend_uncertain=list(resend_ids) if resend_ids else resend_uncertain,
                               progress=on_outcome, on_start=on_start)
    _print_report(report)


def _print_report(report: Any) -> None:
    out = Console()
    if report.dry_run:
        click.echo(f"dry run: {report.written} messages written to {report.outbox}")
        return
    table = Table(title=f"Gửi bản tin {report.date.isoformat()}")
    table.add_column("result")
    table.add_column("this run", justify="right")
    table.add_column("all runs", justify="right")
    rows = ["sent", "deferred", "failed", "skipped"]
    if report.uncertain or report.ledger.get("uncertain"):
        rows.append("uncertain")
    for name in rows:
        table.add_row(name, str(getattr(report, name)), str(report.ledger.get(name, 0)))
    waiting = sum(report.ledger.get(s, 0) for s in ("pending", "claimed", "sending"))
    if waiting:
        table.add_row("in progress / waiting", "", str(waiting))
    out.print(table)
    if report.requeued_uncertain:
        click.echo(f"{report.requeued_uncertain} uncertain deliveries were requeued and tried again.", err=True)
    if report.ledger.get("uncertain"):
        click.echo(
            f"{report.ledger['uncertain']} deliveries are uncertain (the connection or process ended"
            " before the server's answer was recorded). They are NOT resent automatically. Check the"
            " mail server's log for these Message-IDs, then resend the ones that never arrived with"
            " --resend MESSAGE_ID (or all of them with --resend-uncertain):", err=True)
        for mid in report.uncertain_message_ids:
            click.echo(f"  {mid}", err=True)
    if report.needs_smtputf8:
        click.echo(f"{report.needs_smtputf8} addresses with a non-ASCII local part (nguyễn@...) need a mail"
                   " server with SMTPUTF8, which this one does not offer: deferred, not failed; send"
                   " through a server that has it, or set [mail] smtputf8 = false to refuse such"
                   " addresses at sign-up.", err=True)
    if report.ledger.get("deferred"):
        click.echo(f"{report.ledger['deferred']} deferred deliveries will be retried by the next run"
                   " once their backoff has passed.", err=True)


@click.command("bounces")
@click.argument("mailbox")
@click.option("--processed", default=None, metavar="POLICY",
              help="What becomes of a message once its bounces are recorded: flag (IMAP's default:"
                   " keyword $BantinProcessed, skipped by later runs), move:FOLDER (IMAP), delete"
                   " (POP3's default; IMAP too) or keep (files: the only choice). Only delivery"
                   " reports are moved or deleted; other mail stays.")
@click.option("--starttls", type=click.Choice(["auto", "always", "never"]), default=None,
              help="STARTTLS for imap:// and pop3:// (default: [mail] starttls). The password is"
                   " never sent in clear unless this is 'never'.")
@click.pass_context
def bounces_cmd(ctx: click.Context, mailbox: str, processed: str | None, starttls: str | None) -> None:
    """Mark hard bounces from delivery-status notifications (RFC 3464): the address becomes
    'bounced' (no more mail), soft bounces are only counted. MAILBOX is a Maildir folder, an
    mbox file, or a server mailbox: imap://USER:PASS@HOST[:PORT]/FOLDER (default INBOX),
    imaps://..., pop3://USER:PASS@HOST[:PORT] or pop3s://... (the password may instead be in
    $BANTIN_BOUNCES_PASSWORD, out of sight of ps). A message is flagged, moved or deleted only
    after its bounces are committed, so an interrupted run loses nothing and any run is safe
    to repeat.

    Examples: bantin bounces ~/Maildir/.bounces;
    bantin bounces imaps://bounces@mail.example.vn/INBOX --processed move:Processed
    """
    mode = starttls or settings().value("mail", "starttls", str).lower()
    with open_source(mailbox, processed, mode) as source:
        report = process(engine_from(ctx), source)
    click.echo(f"{report.messages} messages: {report.hard} hard bounces, {report.soft} soft, "
               f"{report.not_dsn} not delivery reports")
    for address in report.marked:
        click.echo(f"bounced: {address}")
    for address in report.unknown:
        click.echo(f"not on the list: {address}", err=True)


@click.command("send-due")
@click.pass_context
def send_due_cmd(ctx: click.Context) -> None:
    """Send the bulletins whose mail was scheduled in the web app and is due (for cron, where
    `bantin serve` is not running). Each schedule runs once, even with two runners.

    Example (crontab): */5 * * * * bantin send-due
    """
    for day, outcome in run_due(engine_from(ctx)):
        click.echo(f"{day.isoformat()}: {outcome}")


commands.extend([subscribers, send_cmd, send_due_cmd, bounces_cmd])
