"""Peak memory of this process and of its child processes, measured so that exec resets it.

``getrusage().ru_maxrss`` survives ``exec``: a child forked from a large parent (say the
``make bench`` runner after it loaded the classifier) reports the parent's size as its own
peak. The kernel's VmHWM belongs to the address space and starts afresh at exec.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path


def _hwm_kb(pid: int | str = "self") -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def peak_kb() -> int:
    """Peak resident memory of this process since it was exec'd, in KiB (Linux)."""
    return _hwm_kb()


class ChildrenPeak:
    """Samples the VmHWM of every descendant process while running (a context manager);
    ``.kb`` is the largest seen. Misses at most the last ``interval`` of a child's life."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _descendants(self) -> set[int]:
        found: set[int] = set()
        todo = [os.getpid()]
        while todo:
            pid = todo.pop()
            for task in Path(f"/proc/{pid}/task").glob("*"):
                try:
                    kids = (task / "children").read_text().split()
                except OSError:
                    continue
                for kid in map(int, kids):
                    if kid not in found:
                        found.add(kid)
                        todo.append(kid)
        return found

    def _run(self) -> None:
        while not self._stop.is_set():
            for pid in self._descendants():
                self.kb = max(self.kb, _hwm_kb(pid))
            self._stop.wait(self.interval)

    def __enter__(self) -> ChildrenPeak:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
