"""`make bench`: run every bench/bench_<area>.py and keep a copy of what they print.

    python -m bench.run [AREA ...] [OPTIONS]   e.g. python -m bench.run extract classify --quick

Each module exposes ``main(argv: list[str]) -> dict`` printing a human summary and returning the
figures; they are written together to bench/results/latest.json.
"""

from __future__ import annotations

import importlib
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    known = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    areas = [a for a in argv if a in known] or known
    options = [a for a in argv if a not in known]  # e.g. --quick, --sizes 1000: passed on to each
    results: dict[str, object] = {}
    for area in areas:
        module = importlib.import_module(f"bench.bench_{area}")
        print(f"\n=== bench {area} ===", flush=True)
        started = time.perf_counter()
        results[area] = module.main(list(options))
        print(f"(bench {area}: {time.perf_counter() - started:.1f}s)", flush=True)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.json").write_text(json.dumps(results, ensure_ascii=False, indent=2, default=str))
    print(f"\nfigures written to {out / 'latest.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
