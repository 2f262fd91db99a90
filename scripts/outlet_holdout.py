"""Issue 9: does the model hold up on an outlet it never saw, in months it never saw?

The real labelled set has three outlet families (Tuổi Trẻ, VnExpress, Thanh Niên; each with
its section feeds). For each, ``bantin train``'s own procedure (threshold from month-grouped
CV, Platt calibration) is run on the train split WITHOUT that outlet's rows; the model is then
scored on that outlet's items of the real test stream, beside the bundled model (which saw the
outlet's earlier months) and the keyword list on the same items. Nothing is tuned here.

    .venv/bin/python scripts/outlet_holdout.py
"""
from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, ".")
from digest.classify import classifier as c  # noqa: E402

OUTLETS = ("Tuổi Trẻ", "VnExpress", "Thanh Niên")


def family(row: dict) -> str:
    return str(row.get("outlet") or "").split(" - ")[0]


def line(name: str, fig: dict) -> str:
    return (f"  {name:34s} P {fig['precision']:.3f}  R {fig['recall']:.3f}  F1 {fig['f1']:.3f}  "
            f"section {fig['section_accuracy']:.3f}  ({fig['relevant']} relevant of {fig['n']})")


def main() -> None:
    rows = c.read_jsonl(c.REAL_FILE)
    bundled = c.load_model(c.BUNDLED_MODEL)
    with tempfile.TemporaryDirectory() as tmp:
        for outlet in OUTLETS:
            kept = [r for r in rows if not (r.get("split") == "train" and family(r) == outlet)]
            real_file = Path(tmp) / "real.jsonl"
            real_file.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in kept))
            meta = c.train(out=Path(tmp) / "model.joblib", real_file=real_file)
            held = [r for r in c.real_rows("test") if family(r) == outlet]
            print(f"{outlet}: trained on {meta['sizes']['real']} train rows of the other two outlets; "
                  f"its {len(held)} test-stream items", flush=True)
            unseen = c.evaluate(held, c.load_model(meta["path"]))["editor"]
            seen = c.evaluate(held, bundled)["editor"]
            print(line("outlet never seen (time + outlet)", unseen["model"]))
            print(line("bundled (outlet's earlier months)", seen["model"]))
            print(line("keyword list", seen["baseline"]), flush=True)


if __name__ == "__main__":
    main()
