"""Background jobs the web app starts and the pages poll: "crawl now" (and the mail send).

One job of a kind at a time per app; each runs in a daemon thread and keeps its outcome (or its
one-line error) for the page. Progress is read from the database the job writes to, so a page
reloaded mid-run, or a second editor, sees the same numbers.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from digest.text import utcnow

log = logging.getLogger(__name__)


@dataclass
class Job:
    """One run of a background task."""

    kind: str
    started_at: datetime = field(default_factory=utcnow)
    started_by: str = ""
    finished_at: datetime | None = None
    result: Any = None
    error: str | None = None

    @property
    def running(self) -> bool:
        return self.finished_at is None


class Jobs:
    """The app's jobs by kind: ``start`` refuses a second one while the first runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._jobs: dict[str, Job] = {}

    def get(self, kind: str) -> Job | None:
        return self._jobs.get(kind)

    def start(self, kind: str, editor: str, work: Callable[[], Any]) -> Job | None:
        """Run ``work`` in a thread; None when a job of ``kind`` is already running."""
        with self._lock:
            current = self._jobs.get(kind)
            if current is not None and current.running:
                return None
            job = self._jobs[kind] = Job(kind, started_by=editor)

        def run() -> None:
            try:
                job.result = work()
            except Exception as exc:  # reported on the page, never lost in a thread
                log.exception("%s job failed", kind)
                job.error = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            finally:
                job.finished_at = utcnow()

        threading.Thread(target=run, name=f"bantin-{kind}", daemon=True).start()
        return job
