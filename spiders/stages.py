"""Where a crawl's CPU goes: process time per stage, for ``bench.bench_crawl``.

With ``BANTIN_CRAWL_STAGES=FILE`` in its environment, ``spiders.run`` wraps the calls the spider
and the store pipeline make (extraction, feed parsing, decoding, the store, progress events),
times the garbage collector, and writes the CPU seconds of each to FILE (JSON) when the crawl
ends: ``startup`` (imports, settings, the spider's set-up, until Scrapy's loop starts),
``total``, and what the stages leave: Scrapy and Twisted themselves (scheduling, the HTTP
client, middleware chains, signals) and our spider code around the calls. The wrappers cost
about a microsecond a call; nothing is wrapped without the variable.
"""

from __future__ import annotations

import functools
import gc
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

# stage -> (module, attribute): the names as the spider and the pipeline look them up
STAGES: dict[str, tuple[str, str]] = {
    "extract": ("spiders.feeds", "extract_article"),
    "feeds": ("spiders.feeds", "parse_feed"),
    "decode": ("spiders.feeds", "decode_html"),
    "store": ("spiders.pipelines", "save_articles"),
    "store_lookup": ("spiders.feeds", "known_keys"),
}


class StageClock:
    """CPU seconds per stage of this process (see the module docstring)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = dict.fromkeys([*STAGES, "events", "gc"], 0.0)
        self.started = 0.0  # process time counts from the start of the process: imports too
        self.loop_started: float | None = None
        self._gc_started = 0.0

    def install(self) -> None:
        """Wrap the stages' functions and the events writer, and time the collector."""
        import importlib

        from spiders.events import Events

        for stage, (module_name, attr) in STAGES.items():
            module = importlib.import_module(module_name)
            setattr(module, attr, self._timed(stage, getattr(module, attr)))
        Events.emit = self._timed("events", Events.emit)  # type: ignore[method-assign]
        gc.callbacks.append(self._on_gc)

    def _timed(self, stage: str, fn: Callable[..., Any]) -> Callable[..., Any]:
        seconds = self.seconds

        @functools.wraps(fn)
        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                seconds[stage] += time.process_time() - started

        return timed

    def _on_gc(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._gc_started = time.process_time()
        else:
            self.seconds["gc"] += time.process_time() - self._gc_started

    def loop_starts(self) -> None:
        """Scrapy's loop is about to run: what came before is start-up."""
        self.loop_started = time.process_time()

    def write(self, path: str | Path) -> dict[str, float]:
        """Write (and return) the figures, in CPU seconds."""
        gc.callbacks.remove(self._on_gc)
        now = time.process_time()
        out = {"total": now - self.started,
               "startup": (self.loop_started or now) - self.started, **self.seconds}
        # the collector runs inside the stages too: it is reported, not subtracted again
        out["rest"] = out["total"] - out["startup"] - sum(v for k, v in self.seconds.items() if k != "gc")
        figures = {k: round(v, 3) for k, v in out.items()}
        Path(path).write_text(json.dumps(figures), encoding="utf-8")
        return figures
