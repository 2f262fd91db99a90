"""spiders.stages: the crawl benchmark's CPU-per-stage accounting."""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

from spiders.events import Events
from spiders.stages import STAGES, StageClock


def test_stage_clock_charges_each_wrapped_call_to_its_stage(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    for module_name, attr in STAGES.values():  # restored after the test
        module = importlib.import_module(module_name)
        monkeypatch.setattr(module, attr, getattr(module, attr))
    monkeypatch.setattr(Events, "emit", Events.emit)
    import spiders.feeds
    import spiders.pipelines

    def busy(*args: object, **kwargs: object) -> int:
        return sum(i * i for i in range(300_000))

    monkeypatch.setattr(spiders.feeds, "extract_article", busy)
    clock = StageClock()
    clock.install()
    clock.loop_starts()
    spiders.feeds.extract_article("<html>", "http://x")
    spiders.pipelines.save_articles(None, [])  # an empty batch: nothing to do, still timed
    Events(None).emit("fetched", "x")
    figures = clock.write(tmp_path / "stages.json")

    assert json.loads((tmp_path / "stages.json").read_text()) == figures
    assert figures["extract"] > 0.005 > figures["store"]
    # figures are rounded to milliseconds: allow their rounding, not more
    assert figures["startup"] > 0 and figures["total"] >= figures["startup"] + figures["extract"] - 0.002
    assert figures["rest"] == pytest.approx(
        figures["total"] - figures["startup"] - sum(figures[s] for s in [*STAGES, "events"]), abs=0.01)
