"""Progress events from the crawl subprocess to ``digest.ingest.crawl``: one JSON object a line on a
private pipe (the original stdout; stray prints are sent to stderr)."""

from __future__ import annotations

import json
import os
import sys
from typing import IO, Any


class Events:
    """Writes events; if the parent is gone (broken pipe) the crawl stops: nobody records it."""

    def __init__(self, stream: IO[str] | None) -> None:
        self.stream = stream

    @classmethod
    def take_stdout(cls) -> Events:
        """Keep fd 1 for events and point ``sys.stdout`` (and fd 1 users) at stderr."""
        sys.stdout.flush()
        events_fd = os.dup(1)
        os.dup2(2, 1)
        return cls(os.fdopen(events_fd, "w", encoding="utf-8", buffering=1))

    def emit(self, event: str, source: str, **fields: Any) -> None:
        if self.stream is None:
            return
        try:
            self.stream.write(json.dumps({"t": event, "source": source, **fields},
                                         ensure_ascii=False, default=str) + "\n")
        except (BrokenPipeError, ValueError, OSError):
            # The parent that records this run was killed: everything is already committed,
            # so stop at once rather than crawl for nobody.
            os._exit(3)
