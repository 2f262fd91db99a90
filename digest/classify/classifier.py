"""Does a story belong in the reform bulletin, in which section, about which province?

The model (:mod:`digest.classify.relevance_model`) answers in two stages, each a logistic
regression over the readable features of :mod:`digest.classify.features` (headline n-grams
with and without diacritics, reform-lexicon groups of headline and lead, gazetteer evidence and
their conjunctions, plus the lead's own words as a separately normalised, down-weighted block):
P(relevant), then P(section | relevant). It is trained offline on real news labelled by reading
(``digest/classify/data/real-labels.jsonl``, its train split) plus editors' corrections
(``Label`` rows) and stored with its version and what it was trained on; nothing is trained or
downloaded at run time. A story is relevant when P(relevant) reaches the threshold chosen at
training time on grouped cross-validation (recall 0.95, the editor's operating point), or the
one the settings fix. ``confidence`` is P(relevant) for every story. The province comes from
:mod:`digest.geo.gazetteer` (headline, then lead, then body; the outlet's own province only as
a weak prior); a headline naming three or more provinces is a round-up, about none of them.

Public interface::

    classify_one(title, text="", outlet=None, url=None) -> Prediction
    classify_many(items) -> list[Prediction]        # batch: one vectorisation for all
    classify_stored(engine, redo=False) -> dict     # articles without a Classification row
    train(out=None, engine=None) -> dict            # retrain; returns the model's metadata
    relevance_threshold(model) -> float             # the settings' fixed one, else the calibrated one
    load_model() -> Model                           # data-dir model first, else the bundled one
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlmodel import Session, select

from digest.classify import dedupe, keyword_baseline, relevance_model
from digest.classify.features import FEATURES_VERSION
from digest.classify.features import memo as features_memo
from digest.classify.sections import SECTION_KEYS
from digest.config import settings
from digest.errors import BantinError
from digest.geo import gazetteer
from digest.store.db import dialect_insert
from digest.store.models import Article, Classification, Label
from digest.text import clean_line, clean_text, fold

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent / "data"
BUNDLED_MODEL = DATA / "model.joblib"
TRAIN_FILE = DATA / "train.jsonl"  # the written (templated) examples
# Real news labelled by reading (see digest/data/REAL-LABELS.md): "train" rows teach the model,
# "test" rows (published 2026-06-01 onward) are the real test stream nothing is tuned on.
REAL_FILE = DATA / "real-labels.jsonl"
HELDOUT_FILE = DATA / "heldout.jsonl"
MODEL_FILENAME = "model.joblib"
NONE = "none"
LABELS = [*SECTION_KEYS, NONE]
CORRECTION_WEIGHT = 3.0
MAX_TEXT = 200_000  # characters of body read at most; a longer page is cut, never refused


class ModelError(BantinError):
    """The model file is missing or unreadable."""


@dataclass
class Prediction:
    """The classifier's answer for one story. ``confidence`` is P(relevant), for relevant and
    irrelevant stories alike (what the left-out list ranks by); ``section_confidence`` is
    P(section | relevant) for the section given (None when not relevant)."""

    relevant: bool
    section: str | None
    province: str | None
    confidence: float
    probabilities: dict[str, float] = field(default_factory=dict)
    model_version: str = ""
    section_confidence: float | None = None

    def contract(self) -> dict[str, Any]:
        """The ``classify --jsonl`` output object, exactly as FORMAT.md defines it."""
        return {
            "relevant": self.relevant,
            "section": self.section,
            "province": self.province,
            "confidence": round(self.confidence, 4),
        }


# ---------------------------------------------------------------------------- model file
@dataclass
class Model:
    """A trained pipeline plus what it was trained on; ``source`` says which file it came from."""

    pipeline: Any
    meta: dict[str, Any]
    source: Path

    @property
    def version(self) -> str:
        return str(self.meta["version"])

    def probabilities(self, docs: Sequence[tuple[str, str]]) -> list[dict[str, float]]:
        classes = [str(c) for c in self.pipeline.classes_]
        rows = self.pipeline.predict_proba(list(docs))
        return [dict(zip(classes, map(float, row), strict=False)) for row in rows]


def user_model_path() -> Path:
    """Where ``bantin train`` writes by default: the data dir, beside the database."""
    return settings().data_dir / MODEL_FILENAME


def load_model(path: str | Path | None = None) -> Model:
    """The model to use: ``path`` if given, else a retrained one in the data dir, else the bundled one."""
    if path is not None:
        return _load(Path(path))
    user = user_model_path()
    if user.exists():
        return _load(user)
    return _load(BUNDLED_MODEL)


@lru_cache(maxsize=4)
def _load_cached(path: str, mtime: float) -> Model:
    import joblib

    try:
        blob = joblib.load(path)
    except Exception as exc:  # a truncated or foreign file: say which one
        raise ModelError(f"cannot read model file {path}: {exc}") from exc
    if not isinstance(blob, dict) or "pipeline" not in blob or "meta" not in blob:
        raise ModelError(f"{path} is not a bantin model file")
    meta = blob["meta"]
    if meta.get("features_version") != FEATURES_VERSION:
        log.warning("%s was trained on features v%s, this code extracts v%s: retrain it (bantin train)",
                    path, meta.get("features_version"), FEATURES_VERSION)
    return Model(blob["pipeline"], meta, Path(path))


def _load(path: Path) -> Model:
    if not path.exists():
        raise ModelError(f"model file {path} does not exist (run `bantin train`)")
    return _load_cached(str(path), path.stat().st_mtime)


# ---------------------------------------------------------------------------- prediction
DEFAULT_THRESHOLD = 0.5


def relevance_threshold(model: Model) -> float:
    """Least relevance (1 - P(none)) for a story to be relevant: ``classify.relevance_threshold``
    from the settings when it is 0..1, else (negative, the default) the one calibrated when the
    model was trained, else 0.5."""
    configured = float(settings()["classify"]["relevance_threshold"])
    if configured >= 0:
        return configured
    return float(model.meta.get("relevance_threshold", DEFAULT_THRESHOLD))


_OUTLET_KEYS: list[tuple[str, str]] | None = None


def outlet_province(outlet: str | None) -> str | None:
    """A provincial outlet's province from its name ("Baohaiduong.vn" -> Hải Dương), else None."""
    global _OUTLET_KEYS
    if not outlet:
        return None
    if _OUTLET_KEYS is None:
        gaz = gazetteer.load()
        keys = []
        for unit in gaz.units.values():
            for form in (unit.name, *unit.aliases):
                key = re.sub(r"[^a-z]", "", fold(form))
                if len(key) >= 5:
                    keys.append((key, unit.name))
        _OUTLET_KEYS = sorted(keys, key=lambda kv: -len(kv[0]))
    squashed = re.sub(r"[^a-z]", "", fold(outlet))
    for key, unit in _OUTLET_KEYS:
        if key in squashed:
            return unit
    return None


def _host(url: Any) -> str | None:
    """The host of a URL ("baohaiduong.vn"), whose name may say a provincial outlet's province."""
    if not isinstance(url, str) or "//" not in url:
        return None

    try:
        return urlsplit(url).hostname
    except ValueError:
        return None


def _label(probs: dict[str, float], threshold: float) -> str:
    """'none' below the relevance threshold, else the likeliest section."""
    if 1.0 - probs.get(NONE, 0.0) < threshold:
        return NONE
    return max(SECTION_KEYS, key=lambda k: probs.get(k, 0.0))


ROUNDUP_UNITS = 3  # a headline naming this many provinces is a national round-up, not one place's story


def headline_units(title: str) -> int:
    """How many of today's provinces the headline names (districts and communes not counted)."""
    gaz = gazetteer.load()
    return len({gaz.units[m.unit].current for m in gaz.mentions(title) if not m.is_place})


def _decide(probs: dict[str, float], detection: gazetteer.Detection, version: str,
            threshold: float, title_units: int = 0) -> Prediction:
    p_relevant = 1.0 - probs.get(NONE, 0.0)
    if _label(probs, threshold) == NONE:
        return Prediction(False, None, None, p_relevant, probs, version)
    section = _label(probs, threshold)
    if section == "local" and title_units >= ROUNDUP_UNITS:
        # "Hà Nội, TPHCM, Đà Nẵng dẫn đầu chỉ số ..." ranks provinces nationally: policy
        section = "policy"
    province = None
    if title_units >= ROUNDUP_UNITS:
        pass  # a round-up of several provinces is about none of them in particular
    elif section == "local":
        province = detection.province
    elif section in ("policy", "management") and detection.in_title:
        # a provincial discipline case or a ministry visit that the headline pins to one place
        province = detection.province
    p_section = probs.get(section, 0.0) / p_relevant if p_relevant > 0 else 0.0
    return Prediction(True, section, province, p_relevant, probs, version, min(1.0, p_section))


MERGER_DAY = date(2025, 7, 1)


def _after_merger(published: Any) -> bool:
    """True for a story published on or after the 2025 merger of provinces."""
    if isinstance(published, str):
        try:
            published = datetime.fromisoformat(published.strip().replace("Z", "+00:00"))
        except ValueError:
            return False
    if isinstance(published, datetime):
        return published.date() >= MERGER_DAY
    if isinstance(published, date):
        return published >= MERGER_DAY
    return False


def _prepare(title: Any, text: Any) -> tuple[str, str]:
    title = clean_line(title if isinstance(title, str) else "")
    text = text if isinstance(text, str) else ""
    return title, clean_text(text[:MAX_TEXT])


def classify_many(items: Iterable[dict[str, Any]], model: Model | None = None) -> list[Prediction]:
    """Classify many stories at once (one vectorisation). Items: dicts with ``title`` and
    optional ``text``, ``outlet``, ``url``, ``outlet_province``."""
    model = model or load_model()
    items = list(items)
    docs = [_prepare(it.get("title"), it.get("text")) for it in items]
    if not docs:
        return []
    all_probs = model.probabilities(docs)
    threshold = relevance_threshold(model)
    out = []
    for item, (title, text), probs in zip(items, docs, all_probs, strict=False):
        outlet, url = item.get("outlet"), item.get("url")
        prior = (item.get("outlet_province") or outlet_province(outlet if isinstance(outlet, str) else None)
                 or outlet_province(_host(url)))
        detection = gazetteer.detect(title, text, prior, _after_merger(item.get("published_at")))
        out.append(_decide(probs, detection, model.version, threshold, headline_units(title)))
    return out


def classify_one(title: str, text: str = "", outlet: str | None = None, url: str | None = None,
                 *, outlet_province: str | None = None, model: Model | None = None) -> Prediction:
    """Classify one story: relevant?, section, province, confidence. Never raises on odd text."""
    item = {"title": title, "text": text, "outlet": outlet, "url": url, "outlet_province": outlet_province}
    return classify_many([item], model)[0]


def _contributions(pipeline: Any, doc: tuple[str, str], label: Any) -> tuple[list[tuple[str, float]], float]:
    """(feature, weight x value) of one story for ``label`` of a features+linear-classifier
    pipeline, and that label's intercept."""
    import numpy as np

    vec = pipeline[:-1].transform([doc]).tocsr()
    clf = pipeline[-1]
    classes = list(clf.classes_)
    coef = np.asarray(clf.coef_)
    intercept = np.asarray(clf.intercept_)
    if coef.shape[0] == 1:  # binary: one row, for the second class
        sign = 1.0 if label == classes[1] else -1.0
        row, icpt = coef[0] * sign, float(intercept[0]) * sign
    else:
        row, icpt = coef[classes.index(label)], float(intercept[classes.index(label)])
    names = pipeline[0].get_feature_names_out()
    return [(str(names[j]), float(v * row[j])) for j, v in zip(vec.indices, vec.data, strict=False)], icpt


def explain(title: str, text: str = "", model: Model | None = None, top: int = 12) -> dict[str, Any]:
    """The features that weighed most for the answer: [(feature, contribution), ...]. For the
    two-stage model, those of the relevance stage when the story is not relevant, else those of
    the section stage for its section."""
    model = model or load_model()
    doc = _prepare(title, text)
    probs = model.probabilities([doc])[0]
    pipe = model.pipeline
    if hasattr(pipe, "rel"):
        relevant = _label(probs, relevance_threshold(model)) != NONE
        label = max(SECTION_KEYS, key=lambda k: probs.get(k, 0.0)) if relevant else NONE
        contrib, icpt = (_contributions(pipe.sec, doc, label) if relevant
                         else _contributions(pipe.rel, doc, False))
    else:
        label = max(probs, key=probs.get)
        contrib, icpt = _contributions(pipe, doc, label)
    contrib.sort(key=lambda kv: -kv[1])
    against = sorted(contrib, key=lambda kv: kv[1])[:5]
    return {"label": label, "probabilities": probs, "for": contrib[:top],
            "against": [kv for kv in against if kv[1] < 0], "intercept": icpt}


# ---------------------------------------------------------------------------- training
def read_jsonl(path: str | Path) -> list[dict[str, Any]]:
    """Labelled examples from a JSON-lines file (title, text, relevant, section, province)."""
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise BantinError(f"{path}:{n}: not JSON ({exc.msg})") from exc
    return rows


def gold_label(row: dict[str, Any]) -> str:
    """'none' for an irrelevant story, else its section."""
    if not row.get("relevant", True) or not row.get("section"):
        return NONE
    return str(row["section"])


def correction_rows(engine: Any) -> list[dict[str, Any]]:
    """Editors' corrections (Label rows) as training examples; the newest label per article wins."""
    with Session(engine) as session:
        labels = session.exec(select(Label).order_by(Label.created_at, Label.id)).all()
    latest: dict[Any, dict[str, Any]] = {}
    for lab in labels:
        key = lab.article_id if lab.article_id is not None else ("title", lab.title)
        latest[key] = {"title": lab.title, "text": lab.text or "", "relevant": lab.relevant,
                       "section": lab.section, "province": lab.province}
    return list(latest.values())


def _sha256(rows: list[dict[str, Any]]) -> str:
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(row, ensure_ascii=False, sort_keys=True).encode())
        digest.update(b"\n")
    return digest.hexdigest()


CALIBRATION_FOLDS = 5
TARGET_RECALL = 0.95  # the editor's operating point: miss at most one relevant story in twenty


def real_rows(split: str | None = "train", path: str | Path | None = None) -> list[dict[str, Any]]:
    """The real labelled set's rows of ``split`` ("train", "test" or None for all), in the
    classifier's row shape (title, text, relevant, section) plus their own fields."""
    rows = []
    for r in read_jsonl(path or REAL_FILE):
        if split is None or r.get("split") == split:
            relevant = r["label"] != "irrelevant"
            rows.append({**r, "text": r.get("text") or r.get("lead") or "", "relevant": relevant,
                         "section": r["label"] if relevant else None})
    return rows


def threshold_for_recall(gold: Sequence[bool], p_relevant: Sequence[float],
                         recall: float = TARGET_RECALL) -> float:
    """The highest threshold whose recall on (gold, P(relevant)) is still at least ``recall``."""
    ranked = sorted((p for g, p in zip(gold, p_relevant, strict=False) if g), reverse=True)
    if not ranked:
        return DEFAULT_THRESHOLD
    keep = max(1, int(-(-recall * len(ranked) // 1)))  # ceil: that many relevant stories kept
    return math.floor(ranked[keep - 1] * 1e4) / 1e4  # rounded down: rounding up could drop that story


def out_of_fold_relevance(docs: list[tuple[str, str]], labels: list[str], weights: list[float],
                          groups: list[str | None], section_only: list[bool]) -> tuple[Any, Any, int] | None:
    """(gold, the relevance stage's out-of-fold score, folds) for the rows with a ``groups``
    value (their month; None for rows that are always fitted, never held out: written examples,
    editors' corrections). Folds are whole months, so a model is always judged on months it
    never saw. None when the rows are too few to judge."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    held_out = [i for i, g in enumerate(groups) if g is not None]
    always = [i for i, g in enumerate(groups) if g is None]
    gold = np.array([labels[i] != NONE for i in held_out])
    months = [groups[i] for i in held_out]
    if len(set(months)) < 2 or gold.sum() < 10:
        return None
    folds = min(CALIBRATION_FOLDS, len(set(months)))
    p_rel = np.zeros(len(held_out))
    for fit_pos, held_pos in GroupKFold(n_splits=folds).split(held_out, gold, months):
        fit = [held_out[i] for i in fit_pos] + always
        if len({labels[i] == NONE for i in fit if not section_only[i]}) < 2:
            return None  # some months hold only one kind: too few rows to judge
        model = relevance_model.build().fit_docs([docs[i] for i in fit], [labels[i] for i in fit],
                                 [weights[i] for i in fit], [section_only[i] for i in fit])
        p_rel[held_pos] = model.raw_relevance([docs[held_out[i]] for i in held_pos])
    return gold, p_rel, folds


def calibrate_threshold(docs: list[tuple[str, str]], labels: list[str], weights: list[float],
                        groups: list[str | None], section_only: list[bool],
                        oof: tuple[Any, Any, int] | None = None) -> tuple[float, dict[str, Any]]:
    """The relevance threshold, on the relevance stage's own score, at the editor's operating
    point (recall TARGET_RECALL), read off out-of-fold scores of the real rows
    (:func:`out_of_fold_relevance`, or ``oof`` when the caller has them). Returns the threshold
    and the out-of-fold figures at it."""
    if oof is None:
        oof = out_of_fold_relevance(docs, labels, weights, groups, section_only)
    if oof is None:
        return DEFAULT_THRESHOLD, {}
    gold, p_rel, folds = oof
    threshold = threshold_for_recall(gold, p_rel)
    guess = p_rel >= threshold
    tp = float((guess & gold).sum())
    figures = {"precision": round(float(tp / max(1, guess.sum())), 4), "recall": round(float(tp / gold.sum()), 4),
               "n": int(len(gold)), "relevant": int(gold.sum()), "folds": folds, "grouped_by": "month"}
    return threshold, figures


def _calibrate(pipeline: Any, oof: tuple[Any, Any, int] | None,
               drawn: list[bool]) -> dict[str, Any] | None:
    """Platt calibration of ``pipeline``'s relevance (set on it), fitted on the out-of-fold
    scores of the real rows drawn by strata: the active-learning rows were drawn by the model's
    own score, near its boundary, so they say how hard the boundary is, not how often a story
    with that score is relevant. ``drawn`` says which of the out-of-fold rows were drawn by
    strata. None (and the raw score stays) when there are too few rows."""
    if oof is None:
        return None
    gold, scores, _ = oof
    if len(drawn) != len(gold) or sum(drawn) < 50:
        return None
    import numpy as np

    mask = np.array(drawn)
    if gold[mask].sum() < 10:
        return None
    ab = relevance_model.fit_platt(scores[mask], gold[mask])
    pipeline.calibration = ab
    calibrated = relevance_model.platt(scores[mask], ab)
    brier = {name: round(float(calibration_figures(gold[mask], p)["brier"]), 4)
             for name, p in (("raw", scores[mask]), ("calibrated", calibrated))}
    return {"ab": ab, "meta": {
        "method": "Platt scaling of the relevance stage's score (sigmoid(a * logit(score) + b))",
        "a": round(ab[0], 4), "b": round(ab[1], 4),
        "fitted_on": f"out-of-fold scores of {int(mask.sum())} real train rows drawn by strata "
                     "(the active-learning rows left out)",
        "brier_out_of_fold": brier}}


def train(out: str | Path | None = None, engine: Any = None, train_file: str | Path | None = None,
          real_file: str | Path | None = None) -> dict[str, Any]:
    """Train the two-stage model (:mod:`digest.classify.relevance_model`) on the real labelled
    set's train split, the written examples where the chosen model uses them, and editors'
    corrections from ``engine``; write the model file. The relevance threshold is chosen on
    grouped cross-validation of the real rows (:func:`calibrate_threshold`).

    Returns the model's metadata (version, training-set SHA-256 and sizes)."""
    import joblib
    import sklearn

    real = real_rows("train", real_file)
    templated = read_jsonl(train_file or TRAIN_FILE) if relevance_model.TEMPLATED_FOR else []
    corrections = correction_rows(engine) if engine is not None else []
    rows = real + templated + corrections
    docs = [_prepare(r.get("title"), r.get("text")) for r in rows]
    labels = [gold_label(r) for r in rows]
    missing = set(LABELS) - set(labels)
    if missing:
        raise BantinError(f"training set has no example of {sorted(missing)}")
    # an editor's correction is a story of the outlets this desk reads, judged by the people the
    # bulletin serves: it weighs more than one labelled row
    weights = [1.0] * (len(real) + len(templated)) + [CORRECTION_WEIGHT] * len(corrections)
    # the written examples teach sections only unless the chosen model also learns relevance
    # from them (their reform words mean reform, which real news does not bear out)
    section_only = ([False] * len(real) + ["r" not in relevance_model.TEMPLATED_FOR] * len(templated)
                    + [False] * len(corrections))
    groups: list[str | None] = [str(r.get("published", ""))[:7] or None for r in real]
    groups += [None] * (len(templated) + len(corrections))
    with features_memo():  # each story's features once, not once per fold
        oof = out_of_fold_relevance(docs, labels, weights, groups, section_only)
        threshold, cv = calibrate_threshold(docs, labels, weights, groups, section_only, oof)
        pipeline = relevance_model.build().fit_docs(docs, labels, weights, section_only)
    drawn = [not str(r.get("sampled_as") or "").startswith("al")
             for r, g in zip(real, groups, strict=False) if g is not None]
    calibration = _calibrate(pipeline, oof, drawn)
    if calibration:
        # the same decisions, now in P(relevant): the calibration is monotonic
        threshold = math.floor(float(relevance_model.platt([threshold], calibration["ab"])[0]) * 1e4) / 1e4
    real_sha = _sha256(real)
    sha = _sha256(rows)
    gazetteer_sha = hashlib.sha256(gazetteer.DATA_FILE.read_bytes()).hexdigest()
    # the version names everything the model depends on: data, feature code, gazetteer, model
    build = hashlib.sha256(f"{sha}:{FEATURES_VERSION}:{gazetteer_sha}:{relevance_model.NAME}".encode()).hexdigest()
    now = datetime.now(UTC)
    meta = {
        "version": f"{relevance_model.NAME}-f{FEATURES_VERSION}-{now:%Y%m%d}-{build[:8]}",
        "features_version": FEATURES_VERSION,
        "gazetteer_sha256": gazetteer_sha,
        "algorithm": relevance_model.DESCRIPTION,
        "relevance_threshold": threshold,
        "threshold_rule": f"highest threshold keeping recall >= {TARGET_RECALL} on the out-of-fold scores"
                          + (", through the calibration" if calibration else ""),
        "cross_validation": cv,
        "calibration": calibration["meta"] if calibration else None,
        "trained_at": now.isoformat(timespec="seconds"),
        "train_sha256": sha,
        "real_train_sha256": real_sha,
        "templated_sha256": _sha256(templated) if templated else None,
        "correction_weight": CORRECTION_WEIGHT,
        "confidence": ("P(relevant), Platt-calibrated" if calibration else "P(relevant)")
                      + "; section_confidence: P(section | relevant)",
        "sizes": {"real": len(real), "bundled": len(templated), "corrections": len(corrections),
                  "total": len(rows), "per_label": dict(Counter(labels))},
        "sklearn": sklearn.__version__,
    }
    path = Path(out) if out else user_model_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    joblib.dump({"pipeline": pipeline, "meta": meta}, tmp, compress=3)
    os.replace(tmp, path)  # a reader never sees half a model
    path.with_suffix(".json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n")
    return {**meta, "path": str(path)}


# ---------------------------------------------------------------------------- evaluation
def scores(gold: Sequence[str], guess: Sequence[str]) -> tuple[dict[str, dict[str, float]], float]:
    """Per-class precision/recall/F1/support and the macro-F1 over the classes present in ``gold``."""
    per_class: dict[str, dict[str, float]] = {}
    for label in LABELS:
        tp = sum(1 for g, p in zip(gold, guess, strict=False) if g == label and p == label)
        fp = sum(1 for g, p in zip(gold, guess, strict=False) if g != label and p == label)
        fn = sum(1 for g, p in zip(gold, guess, strict=False) if g == label and p != label)
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per_class[label] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn}
    present = [l for l in LABELS if per_class[l]["support"]]
    macro = sum(per_class[l]["f1"] for l in present) / len(present) if present else 0.0
    return per_class, macro


def relevance_figures(gold: Sequence[str], guess: Sequence[str], section_guess: Sequence[str]) -> dict[str, Any]:
    """The editor's figures: relevance precision, recall and F1 (relevant = any section), and
    section accuracy on the relevant stories (``section_guess``: the likeliest section whatever
    the relevance verdict, so it measures the section choice alone)."""
    tp = sum(1 for g, p in zip(gold, guess, strict=False) if g != NONE and p != NONE)
    fp = sum(1 for g, p in zip(gold, guess, strict=False) if g == NONE and p != NONE)
    fn = sum(1 for g, p in zip(gold, guess, strict=False) if g != NONE and p == NONE)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    on_relevant = [(g, s) for g, s in zip(gold, section_guess, strict=False) if g != NONE]
    return {"n": len(gold), "relevant": tp + fn, "marked": tp + fp, "precision": prec, "recall": rec,
            "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
            "section_accuracy": (sum(g == s for g, s in on_relevant) / len(on_relevant)) if on_relevant else None}


def _editor_view(rows: list[dict[str, Any]], gold: list[str], guess: list[str],
                 preds: list[Prediction]) -> dict[str, Any]:
    """Model and keyword-baseline figures on ``rows``, and on their naturally sampled part
    (``sampled_as == "random"``) when the rows say how they were drawn."""
    sections = [max(SECTION_KEYS, key=lambda k: p.probabilities.get(k, 0.0)) for p in preds]
    base = [keyword_baseline.classify_row(r) for r in rows]
    base = [NONE if b == "irrelevant" else b for b in base]
    view = {"model": relevance_figures(gold, guess, sections),
            "baseline": relevance_figures(gold, base, [NONE if b == NONE else b for b in base])}
    natural = [i for i, r in enumerate(rows) if r.get("sampled_as") == "random"]
    if natural:
        pick = lambda xs: [xs[i] for i in natural]  # noqa: E731
        view["natural"] = {"model": relevance_figures(pick(gold), pick(guess), pick(sections)),
                           "baseline": relevance_figures(pick(gold), pick(base), pick(base))}
    return view


def evaluate(rows: list[dict[str, Any]], model: Model | None = None) -> dict[str, Any]:
    """Per-class precision/recall/F1, macro-F1, confusion matrix, province accuracy and the
    misclassified examples of labelled ``rows``."""
    model = model or load_model()
    preds = classify_many(rows, model)
    gold = [gold_label(r) for r in rows]
    guess = [p.section if p.relevant else NONE for p in preds]
    per_class, macro = scores(gold, guess)
    confusion = {g: {p: 0 for p in LABELS} for g in LABELS}
    for g, p in zip(gold, guess, strict=False):
        confusion[g][p] += 1
    rel_gold = [g != NONE for g in gold]
    rel_guess = [p != NONE for p in guess]
    rel_acc = sum(a == b for a, b in zip(rel_gold, rel_guess, strict=False)) / len(rows) if rows else 0.0
    prov_total = prov_ok = 0
    for row, pred, g in zip(rows, preds, gold, strict=False):
        if g == "local" and row.get("province"):
            prov_total += 1
            if gazetteer.canonical(row["province"]) == gazetteer.canonical(pred.province or ""):
                prov_ok += 1
            elif pred.province and gazetteer.current_name(row["province"]) == gazetteer.current_name(pred.province):
                prov_ok += 1  # "Bình Phước" for "Đồng Nai" after the merger: the same place today
    errors = [
        {"line": i + 1, "title": r.get("title", ""), "gold": g, "predicted": p,
         "confidence": round(pr.confidence, 3)}
        for i, (r, g, p, pr) in enumerate(zip(rows, gold, guess, preds, strict=False)) if g != p
    ]
    return {
        "editor": _editor_view(rows, gold, guess, preds),
        "n": len(rows), "model_version": model.version, "macro_f1": macro, "per_class": per_class,
        "confusion": confusion, "relevance_accuracy": rel_acc,
        "accuracy": sum(g == p for g, p in zip(gold, guess, strict=False)) / len(rows) if rows else 0.0,
        "province_accuracy": prov_ok / prov_total if prov_total else None,
        "province_n": prov_total, "errors": errors,
        "calibration": calibration_figures([g != NONE for g in gold], [p.confidence for p in preds]),
    }


def calibration_figures(gold: Sequence[bool], p_relevant: Sequence[float], bins: int = 10) -> dict[str, Any]:
    """How far the P(relevant) shown is from how often such stories are relevant: the Brier
    score, and the expected calibration error (ECE: the gap between mean P and the share
    relevant in ten bins of P, weighted by the bins' sizes)."""
    n = len(gold)
    if not n:
        return {"brier": None, "ece": None, "n": 0}
    brier = sum((p - g) ** 2 for g, p in zip(gold, p_relevant, strict=False)) / n
    by_bin: dict[int, list[tuple[bool, float]]] = {}
    for g, p in zip(gold, p_relevant, strict=False):
        by_bin.setdefault(min(int(p * bins), bins - 1), []).append((g, p))
    ece = sum(len(rows) / n * abs(sum(p for _, p in rows) / len(rows) - sum(g for g, _ in rows) / len(rows))
              for rows in by_bin.values())
    return {"brier": brier, "ece": ece, "n": n}


def format_editor_view(view: dict[str, Any]) -> list[str]:
    """Relevance precision/recall/F1 and section accuracy, the model beside the keyword list."""
    def row(name: str, m: dict[str, Any]) -> str:
        acc = f"{m['section_accuracy']:.3f}" if m["section_accuracy"] is not None else "-"
        return (f"  {name:<26}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}{acc:>10}"
                f"{m['relevant']:>10}{m['n']:>7}")
    lines = [f"  {'relevance':<26}{'precision':>10}{'recall':>8}{'F1':>7}{'section':>10}{'relevant':>10}{'n':>7}",
             row("model", view["model"]), row("keyword list", view["baseline"])]
    if "natural" in view:
        lines += [row("model, natural sample", view["natural"]["model"]),
                  row("keyword list, natural", view["natural"]["baseline"])]
    return lines


def format_report(report: dict[str, Any], max_errors: int = 30) -> str:
    """A plain-text rendering of :func:`evaluate`'s report."""
    lines = [f"{report['n']} examples, model {report['model_version']}", ""]
    lines += format_editor_view(report["editor"]) + [""]
    lines += [f"{'class':<12}{'precision':>10}{'recall':>9}{'F1':>8}{'support':>9}"]
    for label, m in report["per_class"].items():
        lines.append(f"{label:<12}{m['precision']:>10.3f}{m['recall']:>9.3f}{m['f1']:>8.3f}{m['support']:>9}")
    lines += ["", f"macro-F1 {report['macro_f1']:.3f}   accuracy {report['accuracy']:.3f}   "
                  f"relevance accuracy {report['relevance_accuracy']:.3f}"]
    cal = report.get("calibration") or {}
    if cal.get("brier") is not None:
        lines.append(f"P(relevant) calibration: Brier {cal['brier']:.4f}, "
                     f"expected calibration error {cal['ece']:.3f}")
    if report["province_accuracy"] is not None:
        lines.append(f"province accuracy on local stories {report['province_accuracy']:.3f} "
                     f"({report['province_n']} stories)")
    lines += ["", "confusion (rows gold, columns predicted):",
              " " * 12 + "".join(f"{p[:10]:>11}" for p in LABELS)]
    for g, row in report["confusion"].items():
        lines.append(f"{g:<12}" + "".join(f"{row[p]:>11}" for p in LABELS))
    errors = report["errors"]
    lines += ["", f"misclassified: {len(errors)}"]
    for err in errors[:max_errors]:
        lines.append(f"  line {err['line']}: gold {err['gold']}, predicted {err['predicted']} "
                     f"({err['confidence']:.2f}): {err['title'][:100]}")
    if len(errors) > max_errors:
        lines.append(f"  ... and {len(errors) - max_errors} more")
    return "\n".join(lines)


# ---------------------------------------------------------------------------- stored articles
def classify_stored(engine: Any, redo: bool = False, model: Model | None = None) -> dict[str, Any]:
    """Classify stored articles that have no Classification row (all of them with ``redo``),
    then cluster duplicates around them. Returns counts per section and the model version."""
    model = model or load_model()
    counts: Counter[str] = Counter()
    with Session(engine) as session:
        query = select(Article.id).order_by(Article.id)
        if not redo:
            query = query.where(Article.id.not_in(select(Classification.article_id)))  # type: ignore[union-attr]
        ids = list(session.exec(query).all())
        batch = 500  # articles held in memory at once; one vectorisation each
        for start in range(0, len(ids), batch):
            chunk = list(session.exec(select(Article).where(
                Article.id.in_(ids[start:start + batch])).order_by(Article.id)).all())  # type: ignore[union-attr]
            preds = classify_many(
                [{"title": a.title, "text": a.text, "outlet": a.source, "url": a.url,
                  "outlet_province": a.source_province, "published_at": a.published_at}
                 for a in chunk], model)
            now = datetime.now(UTC)
            rows = [{"article_id": article.id, "relevant": pred.relevant, "section": pred.section,
                     "province": pred.province, "confidence": pred.confidence,
                     "section_confidence": pred.section_confidence, "model_version": model.version,
                     "classified_at": now} for article, pred in zip(chunk, preds, strict=True)]
            counts.update(pred.section or NONE for pred in preds)
            if rows:
                # an upsert: a second `bantin classify` running at the same time (cron overlap)
                # writes the same answers instead of failing on the first one's new rows
                insert = dialect_insert(session.get_bind())(Classification).values(rows)
                session.execute(insert.on_conflict_do_update(
                    index_elements=["article_id"],
                    set_={key: insert.excluded[key] for key in rows[0] if key != "article_id"}))
            session.commit()
            session.expunge_all()  # the chunk's texts are done with: let them go
        clusters = dedupe.update_cluster_keys(session, ids) if ids else 0
        session.commit()
    return {"classified": sum(counts.values()), "per_section": {k: counts.get(k, 0) for k in LABELS},
            "clusters": clusters, "model_version": model.version, "model_file": str(model.source)}
