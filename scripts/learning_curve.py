"""Issue 9: would more labelled rows still lift the relevance stage? A learning curve.

Month-grouped 5-fold CV on the real train split (the product's folds): in each fold the shipped
relevance stage is fitted on a random fraction of the other months' rows (three draws each) and
scored on the held month group, whole; the section stage the same way on the relevant rows
(fitted, as the product's, with the written examples beside the drawn part). The slope at the
right end says what the next labelling round could buy.

    .venv/bin/python scripts/learning_curve.py [--fractions 0.25 0.5 0.75 1]
"""
from __future__ import annotations

import argparse
import random
import sys

import numpy as np

sys.path.insert(0, ".")
from digest.classify import classifier as c  # noqa: E402
from digest.classify import relevance_model as rm  # noqa: E402


def main() -> None:
    from sklearn.model_selection import GroupKFold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fractions", nargs="*", type=float, default=[0.25, 0.5, 0.75, 1.0])
    ap.add_argument("--draws", type=int, default=3)
    args = ap.parse_args()
    train = c.real_rows("train")
    y = np.array([r["relevant"] for r in train])
    months = [r["published"][:7] for r in train]
    docs = [rm.doc_of(r) for r in train]
    folds = list(GroupKFold(n_splits=c.CALIBRATION_FOLDS).split(np.arange(len(train)), groups=months))
    relevant = [r for r in train if r["relevant"]]
    written = [r for r in c.read_jsonl(c.TRAIN_FILE) if r.get("relevant") and r.get("section")]
    with c.features_memo():
        for fraction in args.fractions:
            figures = []
            for draw in range(args.draws if fraction < 1 else 1):
                p = np.zeros(len(train))
                for fit, held in folds:
                    fit = list(fit)
                    keep = sorted(random.Random(draw).sample(fit, round(fraction * len(fit))))
                    model = rm.make_pipeline().fit([docs[i] for i in keep], y[keep])
                    p[held] = model.predict_proba([docs[i] for i in held])[:, 1]
                op = rm.operating_points(y, p)
                figures.append((op["ap"], op["r95"]["precision"], op["best_f1"]["f1"]))
            ap_, r95, f1 = np.mean(figures, axis=0)
            n = round(fraction * len(train) * (c.CALIBRATION_FOLDS - 1) / c.CALIBRATION_FOLDS)
            print(f"{fraction:4.2f} of the rows (~{n} fitted): AP {ap_:.3f}  P at R>=.95 {r95:.3f}  "
                  f"best F1 {f1:.3f}  section {section_accuracy(relevant, written, fraction, args.draws):.3f}  "
                  f"(mean of {len(figures)})", flush=True)


def section_accuracy(real: list[dict], written: list[dict], fraction: float, draws: int) -> float:
    """Month-grouped CV accuracy of the section stage on the relevant train rows ``real``, each
    fold fitted on ``fraction`` of the other months' rows plus the written examples."""
    from sklearn.model_selection import GroupKFold

    months = [r["published"][:7] for r in real]
    accuracies = []
    for draw in range(draws if fraction < 1 else 1):
        right = 0
        for fit, held in GroupKFold(n_splits=c.CALIBRATION_FOLDS).split(real, groups=months):
            keep = random.Random(draw).sample(list(fit), round(fraction * len(fit)))
            rows = [real[i] for i in keep] + written
            model = rm.build().sec_factory().fit([rm.doc_of(r) for r in rows], [c.gold_label(r) for r in rows])
            guess = model.predict([rm.doc_of(real[i]) for i in held])
            right += sum(g == c.gold_label(real[i]) for g, i in zip(guess, held, strict=True))
        accuracies.append(right / len(real))
    return float(np.mean(accuracies))


if __name__ == "__main__":
    main()
