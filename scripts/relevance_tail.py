"""Issue 9: which relevant stories set the editor's threshold, and two ways tried to lift them.

Precision at recall 0.95 is decided by the lowest-scored 5 % of the relevant stories: the
threshold must go down to them. On the real train split's month-grouped CV (the product's
folds) this prints which sections those stories belong to, then scores, beside the shipped
relevance stage:

* a five-class model (policy / local / management / world / none) whose 1 - P(none) is the
  relevance, so each section has its own weights (a world story's words are not a local one's);
* the shipped stage also fitted on the written examples' world stories (train.jsonl), weighed as
  a real row or half of one, since real news has few world stories and they are most of the tail.

    .venv/bin/python scripts/relevance_tail.py
"""
from __future__ import annotations

import sys
from collections import Counter

import numpy as np

sys.path.insert(0, ".")
from digest.classify import classifier as c  # noqa: E402
from digest.classify import relevance_model as rm  # noqa: E402
from scripts.semantic_experiment import balanced_weights, lexical_out_of_fold, out_of_fold, show  # noqa: E402


def main() -> None:
    train = c.real_rows("train")
    y = np.array([r["relevant"] for r in train])
    label = np.array([c.gold_label(r) for r in train])
    months = [r["published"][:7] for r in train]
    docs = [rm.doc_of(r) for r in train]
    world = [rm.doc_of(r) for r in c.read_jsonl(c.TRAIN_FILE) if rm.label_of(r) == "world"]

    def tail(name: str, p: np.ndarray) -> None:
        show(name, y, p)
        t = c.threshold_for_recall(y, p)
        below = Counter(str(label[i]) for i in range(len(train)) if y[i] and p[i] < t)
        print(f"    below the recall-0.95 threshold: {dict(below)} (of {dict(Counter(str(x) for x in label[y]))})")

    def five_class(fit: np.ndarray, held: np.ndarray) -> np.ndarray:
        model = rm.make_pipeline().fit([docs[i] for i in fit], label[fit])
        return 1 - model.predict_proba([docs[i] for i in held])[:, list(model.classes_).index(c.NONE)]

    def with_world(weight: float):
        def fit_predict(fit: np.ndarray, held: np.ndarray) -> np.ndarray:
            w_pos, w_neg = balanced_weights(y[fit])  # by the real rows only
            model = rm.make_pipeline().set_params(clf__class_weight=None)
            model.fit([docs[i] for i in fit] + world, list(y[fit]) + [True] * len(world),
                      clf__sample_weight=[w_pos if t else w_neg for t in y[fit]] + [weight * w_pos] * len(world))
            return model.predict_proba([docs[i] for i in held])[:, 1]
        return fit_predict

    with c.features_memo():
        shipped = lexical_out_of_fold(docs, y, months)
        tail("shipped relevance stage", shipped)
        p = out_of_fold(five_class, len(train), months)
        tail("five-class, 1 - P(none)", p)
        show("  mean with the shipped stage", y, (p + shipped) / 2)
        for weight in (1.0, 0.5):
            tail(f"+ {len(world)} written world stories x{weight:g}", out_of_fold(with_world(weight), len(train), months))


if __name__ == "__main__":
    main()
