"""Model selection for issue 9: compare approaches by grouped cross-validation on the TRAIN
split of the real labelled set only (never the test split). Prints relevance P/R/F1 at the
threshold each approach's out-of-fold predictions choose, and section accuracy.

    .venv/bin/python scripts/classifier_experiments.py real-labels.jsonl [--groups month|outlet]

Besides the product's candidates (digest.classify.relevance_model.CANDIDATES), two approaches
that need the `experiments` extra (`pip install -e '.[experiments]'`) are compared for relevance:
gradient-boosted trees (LightGBM) over the word + character n-grams and today's features, and a
fastText classifier trained here (word bigrams). Neither ships: see REAL-LABELS.md.
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


class FastText:
    """fastText supervised relevance (trained here, nothing downloaded), scikit-learn shaped."""

    def fit(self, docs, y):
        import os
        import tempfile

        import fasttext
        with tempfile.NamedTemporaryFile("w", delete=False, suffix=".txt", encoding="utf-8") as f:
            for d, rel in zip(docs, y, strict=True):
                f.write(("__label__rel " if rel else "__label__irr ") + self._text(d) + "\n")
        self.model = fasttext.train_supervised(f.name, verbose=0, thread=1, seed=1, epoch=25, lr=0.5,
                                               wordNgrams=2, dim=50)
        os.unlink(f.name)
        return self

    @staticmethod
    def _text(d):
        return (d[0] + " . " + d[0] + " . " + d[1][:600]).lower().replace("\n", " ")

    def predict_proba(self, docs):
        # model.f.predict: fasttext-wheel 0.9.2's own predict() fails under NumPy 2
        p = [dict((lab, pr) for pr, lab in self.model.f.predict(self._text(d), 2, 0.0, "strict")).get("__label__rel", 0.0)
             for d in docs]
        return np.column_stack([1 - np.array(p), np.array(p)])


def lightgbm_relevance():
    import lightgbm
    return rm.pipe(rm.ngram_union(lexicon=True),
                   lightgbm.LGBMClassifier(n_estimators=600, learning_rate=0.05, num_leaves=31, min_child_samples=10,
                                           colsample_bytree=0.3, subsample=0.8, subsample_freq=1,
                                           is_unbalance=True, verbose=-1, n_jobs=1))


EXTRA = {"lightgbm(words+chars+lex)": lightgbm_relevance, "fasttext(words 1-2)": FastText}


def relevance_only(name, factory, rows, y, groups):
    """Out-of-fold P(relevant) of a relevance-only model; None when its package is missing."""
    from sklearn.model_selection import GroupKFold
    docs = [rm.doc_of(r) for r in rows]
    oof = np.zeros(len(rows))
    try:
        with memo():
            for fit_idx, held_idx in GroupKFold(n_splits=5).split(rows, y, groups):
                model = factory().fit([docs[i] for i in fit_idx], y[fit_idx])
                oof[held_idx] = model.predict_proba([docs[i] for i in held_idx])[:, 1]
    except ImportError as e:
        print(f"{name:<28} skipped: {e} (pip install -e '.[experiments]')")
        return None
    return oof


OOF: dict = {}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("labels")
    ap.add_argument("--groups", default="month")
    ap.add_argument("--only", nargs="*")
    ap.add_argument("--test", action="store_true",
                    help="also fit on the whole train split and score the real test stream at the threshold "
                         "the out-of-fold predictions chose (recall >= .95 on train): reported, never tuned on")
    args = ap.parse_args()
    everything = load(args.labels)
    rows = [r for r in everything if r["split"] == "train"]
    test = [r for r in everything if r["split"] == "test"]
    y_test = np.array([r["label"] != "irrelevant" for r in test])

    def on_test(name, p_test, threshold, secs=None):
        guess = p_test >= threshold
        tp = float((guess & y_test).sum())
        prec, rec = tp / max(1, guess.sum()), tp / y_test.sum()
        sec = ""
        if secs is not None:
            rel = [(s, r["label"]) for s, r in zip(secs, test, strict=True) if r["label"] != "irrelevant"]
            sec = f" section acc {sum(a == b for a, b in rel) / len(rel):.3f}"
        print(f"  test stream at t {threshold:.3f}: P {prec:.3f} R {rec:.3f} F1 {2 * prec * rec / max(1e-9, prec + rec):.3f}"
              f" | AP {rm.operating_points(y_test, p_test)['ap']:.3f}{sec}", flush=True)
    templ = [json.loads(l) for l in open("digest/classify/data/train.jsonl", encoding="utf-8")]
    from sklearn.model_selection import GroupKFold
    groups = [r["published"][:7] if args.groups == "month" else r["outlet"] for r in rows]
    y = np.array([r["label"] != "irrelevant" for r in rows])
    print(f"{len(rows)} train rows, {y.sum()} relevant; groups {Counter(groups).most_common(3)}...")
    for name, factory in EXTRA.items():
        if args.only and name not in args.only:
            continue
        t0 = time.time()
        oof = relevance_only(name, factory, rows, y, groups)
        if oof is None:
            continue
        OOF[name] = oof
        m = rm.operating_points(y, oof)
        print(f"{name:<28} bestF1 {m['best_f1']['f1']:.3f} | R>=.95: P {m['r95']['precision']:.3f} | AP {m['ap']:.3f} "
              f"| (relevance only) | {time.time() - t0:.0f}s", flush=True)
        if args.test:
            model = factory().fit([rm.doc_of(r) for r in rows], y)
            on_test(name, model.predict_proba([rm.doc_of(r) for r in test])[:, 1], m["r95"]["threshold"])
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
        OOF[name] = oof
        print(f"{name:<28} bestF1 {m['best_f1']['f1']:.3f} (P {m['best_f1']['precision']:.3f} R {m['best_f1']['recall']:.3f} t {m['best_f1']['threshold']:.2f}) | "
              f"R>=.95: P {m['r95']['precision']:.3f} t {m['r95']['threshold']:.2f} | AP {m['ap']:.3f} | section acc {sec_ok / sec_n:.3f} | {time.time() - t0:.0f}s",
              flush=True)
        if args.test:
            with memo():
                model = factory()
                model.fit(rows, templ if use_templ else [])
                p_test, secs = model.predict(test)
            on_test(name, p_test, m["r95"]["threshold"], secs)
    if len(OOF) > 1:  # the mean of every pair measured: does an ensemble pay?
        names = list(OOF)
        for i, a in enumerate(names):
            for b in names[i + 1:]:
                m = rm.operating_points(y, (OOF[a] + OOF[b]) / 2)
                print(f"mean({a}, {b}): R>=.95: P {m['r95']['precision']:.3f} | AP {m['ap']:.3f}")


if __name__ == "__main__":
    main()
