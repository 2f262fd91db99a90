"""The extraction benchmark's plumbing: where held-out pages come from, outlets, per-outlet F1.
(Its figures are measured by ``python -m bench.bench_extract``, never asserted here.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import bench_extract as bench


def _pages(folder: Path, truth: dict) -> Path:
    (folder / "html").mkdir(parents=True)
    (folder / "ground-truth.json").write_text(json.dumps(truth, ensure_ascii=False), encoding="utf-8")
    for key in truth:
        (folder / "html" / f"{key}.html").write_text("<html><body><p>x</p></body></html>")
    return folder


def test_held_out_pages_come_from_the_option_then_the_environment(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANTIN_BENCH_DIR", str(tmp_path / "no-shared"))
    monkeypatch.delenv("BANTIN_VI_UNSEEN", raising=False)
    assert bench.unseen_dir(None) is None
    env = _pages(tmp_path / "env", {"1": {"url": "https://baochinhphu.vn/a.htm"}})
    monkeypatch.setenv("BANTIN_VI_UNSEEN", str(env))
    assert bench.unseen_dir(None) == env
    given = _pages(tmp_path / "given", {"1": {"url": "https://nld.com.vn/a.htm"}})
    assert bench.unseen_dir(str(given)) == given
    assert bench.unseen_dir(str(tmp_path / "missing")) == env


def test_f1_per_outlet_names_the_outlet_or_the_host(tmp_path: Path) -> None:
    truth = {
        "1": {"url": "https://m.dantri.com.vn/a.htm", "title": "A", "articleBody": "một hai ba bốn năm"},
        "2": {"url": "https://x.vn/b", "outlet": "Cổng TTĐT tỉnh Lâm Đồng", "title": "B",
              "articleBody": "sáu bảy tám chín mười"},
    }
    pages = bench._load("vi-unseen", _pages(tmp_path / "p", truth), quick=False)
    answers = {"https://m.dantri.com.vn/a.htm": "một hai ba bốn năm", "https://x.vn/b": "khác hẳn"}
    res = bench.run_set("stub", lambda html, url, sel: (answers[url], "", None, None), pages)
    assert res["per_outlet"] == {"Cổng TTĐT tỉnh Lâm Đồng": 0.0, "dantri.com.vn": 1.0}
