"""Quality gate on real Vietnamese pages: ../shared/bench/vi-real (measured, never copied here).

Floors are pinned a little under the measured figures (python -m bench.bench_extract --set vi-real:
generic 0.988, with known selectors 0.997, every title/date/author right) so a regression fails.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_extract", ROOT / "bench" / "bench_extract.py")
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

BENCH = bench.bench_dir()
pytestmark = pytest.mark.skipif(
    BENCH is None or not (BENCH / "vi-real" / "ground-truth.json").exists(),
    reason="no ../shared/bench/vi-real (or $BANTIN_BENCH_DIR) on this machine: quality gate not run",
)


@pytest.fixture(scope="module")
def pages():
    return bench._load("vi-real", BENCH, quick=False)


def test_vi_real_with_known_selectors(pages) -> None:
    res = bench.run_set("bantin+selectors", bench._cand_bantin, pages, use_selectors=True)
    assert res["f1"] >= 0.99, res
    n = len(pages)
    assert (res["title"], res["date"], res["author"]) == (f"{n}/{n}",) * 3, res["misses"]


def test_vi_real_generic_only(pages) -> None:
    res = bench.run_set("bantin", bench._cand_bantin, pages, use_selectors=False)
    assert res["f1"] >= 0.98, res
    assert res["precision"] >= 0.99, res
    n = len(pages)
    assert res["title"] == f"{n}/{n}" and res["date"] == f"{n}/{n}", res["misses"]
    assert int(res["author"].split("/")[0]) >= n - 1, res["misses"]
