"""Issue 9, item 4: how many editors' corrections on a new outlet's style lift precision?

The outlet family VnExpress (its front page and section feeds) plays the new outlet: the model
is trained on the real train split WITHOUT any VnExpress row, then again with k VnExpress
train-split rows folded in exactly as ``bantin train`` folds editors' corrections (weight
CORRECTION_WEIGHT), k = 0, 50, 100, 200, 400: a random draw of the outlet's rows, or (``--pick errors``) of
the rows the base model gets wrong, which is what an editor corrects on the board. Each model is scored on the real test stream's
VnExpress items at its own threshold chosen on the base model's grouped CV (recall 0.95), so
only the corrections differ.

    .venv/bin/python scripts/desk_corrections.py [--ks 0 50 100 200 400] [--seeds 0 1]
"""
from __future__ import annotations

import argparse
import random
import sys

import numpy as np

sys.path.insert(0, ".")
from digest.classify import classifier as c  # noqa: E402
from digest.classify import relevance_model  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--ks", nargs="*", type=int, default=[0, 50, 100, 200, 400])
    ap.add_argument("--seeds", nargs="*", type=int, default=[0, 1])
    ap.add_argument("--pick", choices=["random", "errors"], default="random",
                    help="corrections drawn from all the outlet's rows, or from those the base model gets wrong "
                         "(what an editor actually corrects: stories wrongly drafted, misses pulled in)")
    args = ap.parse_args()
    new = lambda r: str(r.get("outlet", "")).startswith("VnExpress")  # noqa: E731
    train = c.real_rows("train")
    base = [r for r in train if not new(r)]
    pool = [r for r in train if new(r)]
    test = [r for r in c.real_rows("test") if new(r)]
    templated = c.read_jsonl(c.TRAIN_FILE) if relevance_model.TEMPLATED_FOR else []
    section_only_t = ["r" not in relevance_model.TEMPLATED_FOR] * len(templated)

    def fit(corrections: list[dict]) -> object:
        rows = base + templated + corrections
        docs = [c._prepare(r.get("title"), r.get("text")) for r in rows]
        labels = [c.gold_label(r) for r in rows]
        weights = [1.0] * (len(base) + len(templated)) + [c.CORRECTION_WEIGHT] * len(corrections)
        only = [False] * len(base) + section_only_t + [False] * len(corrections)
        return docs, labels, weights, only

    docs, labels, weights, only = fit([])
    groups = [str(r["published"])[:7] for r in base] + [None] * len(templated)
    with c.features_memo():
        threshold, cv = c.calibrate_threshold(docs, labels, weights, groups, only)
    gold = np.array([r["relevant"] for r in test])
    tdocs = [c._prepare(r.get("title"), r.get("text")) for r in test]
    print(f"new outlet: VnExpress*; base train {len(base)} rows (no VnExpress), pool {len(pool)} "
          f"VnExpress train rows, test {len(test)} VnExpress items ({gold.sum()} relevant); "
          f"threshold {threshold} (base CV {cv})")
    if args.pick == "errors":
        with c.features_memo():
            base_model = relevance_model.build().fit_docs(docs, labels, weights, only)
            p_pool = base_model.relevance([c._prepare(r.get("title"), r.get("text")) for r in pool])
        pool = [r for r, p in zip(pool, p_pool, strict=False) if (p >= threshold) != r["relevant"]]
        print(f"corrections drawn from the {len(pool)} VnExpress train rows the base model gets wrong")
    for k in args.ks:
        figures = []
        for seed in (args.seeds if k else args.seeds[:1]):
            corr = random.Random(seed).sample(pool, min(k, len(pool)))
            with c.features_memo():
                model = relevance_model.build().fit_docs(*fit(corr))
            p = model.relevance(tdocs)
            guess = p >= threshold
            tp = float((guess & gold).sum())
            figures.append((tp / max(1, guess.sum()), tp / gold.sum()))
        prec = np.mean([f[0] for f in figures])
        rec = np.mean([f[1] for f in figures])
        print(f"k={k:<4} corrections: precision {prec:.3f}  recall {rec:.3f}  (mean of {len(figures)})", flush=True)


if __name__ == "__main__":
    main()
