"""Sliding-window rate limits for the public sign-up form (so it cannot be used to mail-bomb
anyone): per client address, per recipient mailbox (``user+tag@`` counts as ``user@``), per
recipient domain, and overall. Counts live in this process (``bantin serve`` is one process).
"""

from __future__ import annotations

import threading
import time
from collections import deque
from dataclasses import dataclass
from typing import Any


class SlidingWindow:
    """At most ``limit`` hits per key in any ``seconds``-long window."""

    def __init__(self, limit: int, seconds: float) -> None:
        self.limit, self.seconds = max(1, int(limit)), float(seconds)
        self._hits: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def check(self, key: str, now: float) -> float:
        """0 when ``key`` may have one more hit now, else the seconds until it may."""
        with self._lock:
            hits = self._hits.get(key)
            if not hits:
                return 0.0
            while hits and hits[0] <= now - self.seconds:
                hits.popleft()
            if len(hits) < self.limit:
                return 0.0
            return max(1.0, hits[0] + self.seconds - now)

    def add(self, key: str, now: float) -> None:
        with self._lock:
            self._hits.setdefault(key, deque()).append(now)
            if len(self._hits) > 10_000:  # never grow without bound under a spray of keys
                for old in [k for k, v in self._hits.items() if not v or v[-1] <= now - self.seconds]:
                    del self._hits[old]

    def remove(self, key: str, at: float) -> None:
        """Take back the hit made at ``at`` (the mail it allowed was not sent after all)."""
        with self._lock:
            hits = self._hits.get(key)
            if hits and at in hits:
                hits.remove(at)


def mailbox_key(address_key: str) -> str:
    """One key per mailbox: sub-addresses (``user+anything@``) reach the same one."""
    local, _, domain = address_key.rpartition("@")
    return f"{local.split('+', 1)[0]}@{domain}"


@dataclass
class Refusal:
    """Why a sign-up is refused now and for how long (seconds)."""

    reason: str  # client | mailbox | domain | total
    wait: float


class SubscribeGuard:
    """All the sign-up limits together; ``admit`` checks every one before counting any."""

    def __init__(self, web: dict[str, Any]) -> None:
        resend = float(web.get("subscribe_resend_after_seconds", 120))
        self.windows: dict[str, list[SlidingWindow]] = {
            "client": [SlidingWindow(int(web.get("subscribe_per_client_per_hour", 10)), 3600)],
            "mailbox": [SlidingWindow(1, resend),
                        SlidingWindow(int(web.get("subscribe_per_mailbox_per_day", 3)), 86400)],
            "domain": [SlidingWindow(int(web.get("subscribe_per_domain_per_hour", 30)), 3600)],
            "total": [SlidingWindow(int(web.get("subscribe_total_per_hour", 300)), 3600)],
        }

    def admit(self, client: str, address_key: str) -> tuple[Refusal | None, float]:
        """(None, stamp) when this sign-up may mail now (and it is counted), else (Refusal, 0)."""
        now = time.monotonic()
        keys = {"client": client, "mailbox": mailbox_key(address_key),
                "domain": address_key.rpartition("@")[2], "total": "*"}
        for reason, windows in self.windows.items():
            wait = max(w.check(keys[reason], now) for w in windows)
            if wait:
                return Refusal(reason, wait), 0.0
        for reason, windows in self.windows.items():
            for w in windows:
                w.add(keys[reason], now)
        return None, now

    def forget(self, client: str, address_key: str, stamp: float) -> None:
        """Undo ``admit`` for the recipient (nothing was mailed); the client's try still counts."""
        keys = {"mailbox": mailbox_key(address_key), "domain": address_key.rpartition("@")[2],
                "total": "*"}
        for reason, key in keys.items():
            for w in self.windows[reason]:
                w.remove(key, stamp)
