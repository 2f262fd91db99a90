"""Model selection for issue 9: compare approaches by grouped cross-validation on the TRAIN
split of the real labelled set only (never the test split). Prints relevance P/R/F1 at the
threshold each approach's out-of-fold predictions choose, and section accuracy.

    .venv/bin/python scripts/classifier_experiments.py real-labels.jsonl [--groups month|outlet]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter

import numpy as np

sys.path.insert(0, ".")
from digest.classify import relevance_model as rm  # noqa: E402
from digest.classify.features import memo  # noqa: E402


def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labels")
    ap.add_argument("--groups", default="month")
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()
    rows = [r for r in load(args.labels) if r["split"] == "train"]
    templ = [json.loads(l) for l in open("digest/classify/data/train.jsonl", encoding="utf-8")]
    from sklearn.model_selection import GroupKFold
    groups = [r["published"][:7] if args.groups == "month" else r["outlet"] for r in rows]
    y = np.array([r["label"] != "irrelevant" for r in rows])
    print(f"{len(rows)} train rows, {y.sum()} relevant; groups {Counter(groups).most_common(3)}...")
    for name, factory, use_templ in rm.CANDIDATES:
        if args.only and name not in args.only:
            continue
        t0 = time.time()
        oof = np.zeros(len(rows))
        sec_ok = sec_n = 0
        with memo():  # each story's features once across folds and stages
            for fit_idx, held_idx in GroupKFold(n_splits=5).split(rows, y, groups):
                fit = [rows[i] for i in fit_idx]
                model = factory()
                model.fit(fit, templ if use_templ else [])
                held = [rows[i] for i in held_idx]
                p_rel, secs = model.predict(held)
                oof[held_idx] = p_rel
                for r, s in zip(held, secs, strict=False):
                    if r["label"] != "irrelevant":
                        sec_n += 1
                        sec_ok += s == r["label"]
        m = rm.operating_points(y, oof)
        print(f"{name:<28} bestF1 {m['best_f1']['f1']:.3f} (P {m['best_f1']['precision']:.3f} R {m['best_f1']['recall']:.3f} t {m['best_f1']['threshold']:.2f}) | "
              f"R>=.95: P {m['r95']['precision']:.3f} t {m['r95']['threshold']:.2f} | AP {m['ap']:.3f} | section acc {sec_ok / sec_n:.3f} | {time.time() - t0:.0f}s",
              flush=True)


if __name__ == "__main__":
    main()
