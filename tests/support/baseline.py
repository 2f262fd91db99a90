"""Quality floors kept as data: tests/quality_baseline.toml, one table per quality gate.

Each gate names the corpus it was measured on and that corpus's sha256, so a floor is only ever
compared with figures from the corpus it was set for: when a corpus changes, the gate fails and
says to re-measure and update the file (``python -m tests.support.baseline`` prints the hashes
as they are now).
"""

from __future__ import annotations

import hashlib
import os
import sys
import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent.parent
BASELINE = ROOT / "tests" / "quality_baseline.toml"


def bench_dir() -> Path:
    """The shared bench directory ($BANTIN_BENCH_DIR or ../shared/bench), present or not."""
    env = os.environ.get("BANTIN_BENCH_DIR")
    return Path(env) if env else ROOT.parent / "shared" / "bench"


def corpus_path(spec: str) -> Path:
    """A corpus entry of the baseline: relative to the repository, or ``bench:`` + a path under
    the shared bench directory."""
    if spec.startswith("bench:"):
        return bench_dir() / spec.removeprefix("bench:")
    return ROOT / spec


def corpus_sha256(specs: list[str]) -> str:
    """One hash over the files of the entries (directories walked in sorted order), with their
    relative names, so a renamed, added or edited file changes it."""
    h = hashlib.sha256()
    for spec in specs:
        top = corpus_path(spec)
        files = sorted(p for p in top.rglob("*") if p.is_file()) if top.is_dir() else [top]
        for path in files:
            h.update(f"{spec}/{path.relative_to(top).as_posix() if top.is_dir() else ''}\0".encode())
            h.update(path.read_bytes())
            h.update(b"\0")
    return h.hexdigest()


def load() -> dict[str, dict[str, Any]]:
    with BASELINE.open("rb") as fh:
        return tomllib.load(fh)


def gate(name: str) -> dict[str, Any]:
    """The floors of gate ``name``; fails the calling test when its corpus is not the one the
    floors were measured on."""
    import pytest

    entry = load()[name]
    now = corpus_sha256(entry["corpus"])
    if now != entry["sha256"]:
        pytest.fail(
            f"{name}: the corpus {entry['corpus']} changed since its floors were measured "
            f"(sha256 {now[:12]}…, baseline {entry['sha256'][:12]}…). Re-measure ({entry['measure']}), "
            f"set the floors and sha256 in {BASELINE.relative_to(ROOT)}.", pytrace=False)
    return dict(entry["floors"])


def ceilings(name: str) -> dict[str, Any]:
    """The ceilings of gate ``name`` (figures where lower is better), checked like its floors."""
    gate(name)
    return dict(load()[name].get("ceilings", {}))


def main() -> None:
    """Print each gate's corpus hash as it is now, beside the recorded one."""
    for name, entry in load().items():
        if not all(corpus_path(s).exists() for s in entry["corpus"]):
            print(f"{name}: corpus not on this machine")
            continue
        now = corpus_sha256(entry["corpus"])
        flag = "" if now == entry["sha256"] else "   <- changed"
        print(f"{name}: sha256 = \"{now}\"{flag}")


if __name__ == "__main__":
    sys.exit(main())
