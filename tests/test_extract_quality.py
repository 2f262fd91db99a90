"""Quality gate on real Vietnamese pages: ../shared/bench/vi-real (measured, never copied here).

Floors (tests/quality_baseline.toml) are pinned a little under the measured figures so a
regression fails.
"""

from __future__ import annotations

import pytest

from bench import bench_extract as bench
from tests.support import baseline

BENCH = bench.bench_dir()
pytestmark = pytest.mark.skipif(
    BENCH is None or not (BENCH / "vi-real" / "ground-truth.json").exists(),
    reason="no ../shared/bench/vi-real (or $BANTIN_BENCH_DIR) on this machine: quality gate not run",
)


@pytest.fixture(scope="module")
def pages():
    return bench._load("vi-real", BENCH, quick=False)


def test_vi_real_with_known_selectors(pages) -> None:
    floors = baseline.gate("extract_vi_real")
    res = bench.run_set("bantin+selectors", bench._cand_bantin, pages, use_selectors=True)
    assert res["f1"] >= floors["f1_selectors"], res
    n = len(pages)
    assert (res["title"], res["date"], res["author"]) == (f"{n}/{n}",) * 3, res["misses"]


def test_vi_real_generic_only(pages) -> None:
    floors = baseline.gate("extract_vi_real")
    res = bench.run_set("bantin", bench._cand_bantin, pages, use_selectors=False)
    assert res["f1"] >= floors["f1_generic"], res
    assert res["precision"] >= floors["precision_generic"], res
    n = len(pages)
    assert res["title"] == f"{n}/{n}" and res["date"] == f"{n}/{n}", res["misses"]
    assert int(res["author"].split("/")[0]) >= n - floors["author_misses_generic"], res["misses"]
