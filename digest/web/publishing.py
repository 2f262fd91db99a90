"""What happens after an editor publishes: rebuild the readers' site, send or queue the e-mail.

Runs as a background task after the publish response, so a slow site build or SMTP server
never delays the editor and never undoes the publish (it is committed before). Each outcome is
kept in ``app.state.reports`` and shown on the bulletin's page.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from digest.config import settings
from digest.mail.ledger import SendReport
from digest.mail.send import send_bulletin
from digest.site.build import BuildReport, build_site
from digest.text import dmy, utcnow

log = logging.getLogger(__name__)
_lock = threading.Lock()
_site_lock = threading.Lock()  # one site build at a time in this process (two quick publishes)


@dataclass
class Outcome:
    task: str  # site | mail
    ok: bool
    message: str
    at: datetime = field(default_factory=utcnow)


def reports_for(app: Any, day: date) -> list[Outcome]:
    """The post-publish outcomes recorded for ``day`` (newest last)."""
    with _lock:
        return list(app.state.reports.get(day, []))


def is_running(app: Any, day: date) -> bool:
    with _lock:
        return day in app.state.running


def mark_running(app: Any, day: date) -> None:
    """Called before the publish response, so the page the editor lands on says "in progress"."""
    with _lock:
        app.state.running.add(day)
        app.state.reports[day] = []


def _add(app: Any, day: date, outcome: Outcome) -> None:
    with _lock:
        app.state.reports.setdefault(day, []).append(outcome)
    (log.info if outcome.ok else log.error)("%s %s: %s", day, outcome.task, outcome.message)


def rebuild_site(app: Any, day: date) -> None:
    try:
        with _site_lock:
            result = build_site(app.state.engine)
        _add(app, day, Outcome("site", True, f"Đã dựng lại trang web{_site_summary(result)}."))
    except Exception as exc:  # report, never raise: the publish stands
        log.exception("site rebuild after publishing %s failed", day)
        _add(app, day, Outcome("site", False, f"Dựng lại trang web thất bại: {exc}. "
                                              "Chạy lại: bantin site build"))


def _site_summary(result: BuildReport) -> str:
    """' (3 trang cập nhật, 2,4 giây, tại site/_build)' from a site build's report."""
    parts = [f"{len(result.pages_written)} trang cập nhật"]
    if result.seconds:
        parts.append(f"{result.seconds:.1f} giây".replace(".", ","))
    parts.append(f"tại {result.out_dir}")
    return f" ({', '.join(parts)})"


def send_mail(app: Any, day: date) -> None:
    iso = day.isoformat()
    try:
        result = send_bulletin(app.state.engine, day)
        _add(app, day, Outcome("mail", True, f"Đã gửi thư bản tin: {_summary(result)}."))
    except Exception as exc:
        log.exception("sending the bulletin of %s failed", day)
        _add(app, day, Outcome("mail", False, f"Gửi thư thất bại: {exc}. Gửi lại: bantin send --date {iso}"))


def _summary(result: SendReport) -> str:
    """'đã gửi 120, hoãn 2, lỗi 0, chưa rõ 0' from a send run's report."""
    return (f"đã gửi {result.sent}, hoãn {result.deferred}, lỗi {result.failed}, "
            f"chưa rõ {result.uncertain}")


def after_publish(app: Any, day: date) -> None:
    """Site rebuild and e-mail as the settings say; outcomes go to ``app.state.reports``."""
    mark_running(app, day)
    try:
        if settings().value("web", "rebuild_site_on_publish", bool):
            rebuild_site(app, day)
        if settings().value("mail", "send_on_publish", bool):
            send_mail(app, day)
        else:
            _add(app, day, Outcome("mail", True, f"Thư chưa gửi (theo cấu hình). Khi sẵn sàng, chạy: "
                                                 f"bantin send --date {day.isoformat()}"))
    finally:
        with _lock:
            app.state.running.discard(day)
    log.info("post-publish tasks for %s done", dmy(day))
