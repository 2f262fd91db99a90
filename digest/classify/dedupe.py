"""One story reported by several outlets is one cluster; the bulletin cites one version of it.

Two articles are the same story when, published at most ``MAX_DAYS`` apart,

- their headline + lead + body are close as TF-IDF vectors (cosine >= the ``[classify]
  dedup_threshold`` setting) -- a rewritten headline over the same facts, or
- one contains most of the other's word 4-gram shingles (syndicated copy with a new lead), or
- published within a day, they are somewhat alike (cosine >= 0.3) and share at least two
  distinctive figures ("4.405 dịch vụ", "Nghị định 45/2020") -- two outlets' own reports,

and nothing says they are different stories: two stories whose headlines name different
provinces (two provinces' one-stop-shop news) stay apart however alike their wording, and so
do two that each give several figures but hardly share any (a daily weather or price report
reuses yesterday's wording with today's figures; copies of one story repeat its figures).

Which version the bulletin cites, :func:`representative`: the earliest published (by calendar
day in Vietnam), then a central official outlet (government portal, VNA/TTXVN, Nhân Dân ...),
then any central outlet, then the longer text, then the earlier time, then the URL.

``cluster_key`` (stored in Classification.cluster_key) is derived from the cluster's earliest
member (by time, then URL), so an outlet that reprints the story later does not change it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlmodel import select

from digest.config import settings
from digest.geo import gazetteer
from digest.store.models import Article, Classification
from digest.text import fold, nfc, to_vn

MAX_DAYS = 3
SHINGLE = 4
CONTAINMENT = 0.5
TEXT_CHARS = 4000

# Outlets the bulletin prefers to cite when several carried the story the same day.
OFFICIAL_OUTLETS = re.compile(
    r"chinhphu|baochinhphu|vgp|ttxvn|vietnamplus|vnanet|nhandan|qdnd|dangcongsan|tinchinhphu|quochoi",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W_]+")
_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
_YEAR = re.compile(r"(?:19|20)\d\d")
_TITLE_DATE = re.compile(r"(?<!\d)([0-3]?\d)/(1[0-2]|0?[1-9])(?![\d/])")
SHARED_FIGURES = 2  # distinctive figures two independent reports of one story share
SHARED_FIGURES_SIM = 0.3
MIN_NUMBERS = 3  # figures needed on both sides before differing figures count as evidence
NUMBER_OVERLAP = 0.2


def _get(obj: Any, *names: str, default: Any = None) -> Any:
    for name in names:
        if isinstance(obj, dict):
            if obj.get(name) is not None:
                return obj[name]
        elif getattr(obj, name, None) is not None:
            return getattr(obj, name)
    return default


@dataclass
class Doc:
    """What clustering needs to know of one article."""

    url: str
    title: str
    text: str
    published_at: datetime | None = None
    outlet: str = ""
    scope: str = ""

    @classmethod
    def of(cls, obj: Any) -> Doc:
        """From an Article row, a DemoArticle or a dict (title, text|paragraphs, url, ...)."""
        text = _get(obj, "text")
        if text is None:
            paras = _get(obj, "paragraphs", default=())
            text = "\n\n".join(paras)
        return cls(
            url=str(_get(obj, "url", "path", default="")),
            title=nfc(_get(obj, "title", default="")),
            text=nfc(text or ""),
            published_at=_get(obj, "published_at"),
            outlet=str(_get(obj, "outlet", "source", default="")),
            scope=str(_get(obj, "scope", default="")),
        )


def _words(text: str) -> list[str]:
    return [fold(w) for w in _WORD.findall(text)]


def _shingles(words: list[str]) -> set[int]:
    if len(words) < SHINGLE:
        return {hash(" ".join(words))} if words else set()
    return {hash(" ".join(words[i:i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)}


def _title_province(title: str) -> set[str]:
    """Provinces a headline names, as units (Đà Nẵng and Quảng Nam are two places in a 2023
    story); Huế and Thừa Thiên Huế are one place under two names."""
    gaz = gazetteer.load()
    return {"Huế" if m.unit == "Thừa Thiên Huế" else m.unit for m in gaz.mentions(title)}


def _within(a: datetime | None, b: datetime | None, days: float) -> bool:
    if a is None or b is None:
        return True
    return abs(a - b) <= timedelta(days=days)


def _close_in_time(a: datetime | None, b: datetime | None) -> bool:
    return _within(a, b, MAX_DAYS)


def cluster(items: Sequence[Any], threshold: float | None = None) -> list[list[int]]:
    """Group ``items`` (articles in any of Doc.of's forms) into stories: lists of indices."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if threshold is None:
        threshold = float(settings()["classify"]["dedup_threshold"])
    docs = [Doc.of(it) for it in items]
    n = len(docs)
    if n < 2:
        return [[i] for i in range(n)]
    bodies = [f"{d.title}\n{d.title}\n{d.text[:TEXT_CHARS]}" for d in docs]
    words = [_words(b) for b in bodies]
    vec = TfidfVectorizer(analyzer=lambda ws: ws + [f"{a}_{b}" for a, b in zip(ws, ws[1:], strict=False)],
                          sublinear_tf=True, min_df=1)
    try:
        matrix = vec.fit_transform(words)
    except ValueError:  # no words at all (empty titles and texts): nothing to match on
        return [[i] for i in range(n)]
    sims = (matrix @ matrix.T).tocoo()
    shingles = [_shingles(_words(d.text[:TEXT_CHARS])) for d in docs]
    provinces = [_title_province(d.title) for d in docs]
    # single digits ("1-0", "5 người") repeat by chance; longer figures identify a story
    numbers = [{x for x in _NUMBER.findall(f"{d.title} {d.text[:TEXT_CHARS]}") if len(x) > 1} for d in docs]
    title_dates = [set(_TITLE_DATE.findall(d.title)) for d in docs]
    # distinctive figures ("4.405", "100.000", "45/2020"): rarely shared by chance
    # (years are not: most of a year's stories name it)
    figures = [{x for x in nums if (len(x) >= 4 or not x.isdigit()) and not _YEAR.fullmatch(x)}
               for nums in numbers]

    parent = list(range(n))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j, sim in zip(sims.row, sims.col, sims.data, strict=False):
        if i >= j or sim < 0.2 or not words[i] or not words[j]:  # below 0.2 neither test can pass: skip the shingle work
            continue
        if not _close_in_time(docs[i].published_at, docs[j].published_at):
            continue
        if provinces[i] and provinces[j] and not provinces[i] & provinces[j]:
            continue  # different places named in the headlines: different stories
        if title_dates[i] and title_dates[j] and not title_dates[i] & title_dates[j]:
            continue  # "Thời tiết 23/11" and "Thời tiết 25/11": one report a day
        if len(numbers[i]) >= MIN_NUMBERS and len(numbers[j]) >= MIN_NUMBERS:
            # copies of one story repeat its figures; today's weather or gold price repeats
            # yesterday's wording with other figures
            overlap = len(numbers[i] & numbers[j]) / len(numbers[i] | numbers[j])
            if overlap < NUMBER_OVERLAP:
                continue
        same = sim >= threshold
        if not same and sim >= SHARED_FIGURES_SIM and _within(docs[i].published_at, docs[j].published_at, 1):
            # two outlets' own reports of one decree or statistic: other words, same figures
            same = len(figures[i] & figures[j]) >= SHARED_FIGURES
        if not same and shingles[i] and shingles[j]:
            inter = len(shingles[i] & shingles[j])
            same = inter / min(len(shingles[i]), len(shingles[j])) >= CONTAINMENT
        if same:
            parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(n):
        groups.setdefault(find(i), []).append(i)
    return sorted(groups.values(), key=lambda g: g[0])


def _day(moment: datetime | None) -> str:
    return to_vn(moment).date().isoformat() if moment else "9999-12-31"


def representative(cluster_articles: Sequence[Any]) -> Any:
    """The version the bulletin cites: earliest day published, then a central official outlet,
    then a central outlet, then the longer text, then the earlier time, then the URL."""
    if not cluster_articles:
        raise ValueError("representative() of an empty cluster")

    def key(obj: Any) -> tuple:
        doc = Doc.of(obj)
        official = bool(OFFICIAL_OUTLETS.search(doc.outlet or "") or OFFICIAL_OUTLETS.search(doc.url))
        central = doc.scope == "central" or official
        moment = doc.published_at.isoformat() if doc.published_at else "9999"
        return (_day(doc.published_at), not official, not central, -len(doc.text), moment, doc.url)

    return min(cluster_articles, key=key)


def cluster_key(cluster_articles: Sequence[Any]) -> str:
    """A stable key for a cluster: from its earliest member (time, then URL)."""
    docs = [Doc.of(a) for a in cluster_articles]
    first = min(docs, key=lambda d: (d.published_at.isoformat() if d.published_at else "9999", d.url))
    return "c" + hashlib.sha1(first.url.encode("utf-8")).hexdigest()[:15]


def pairwise_scores(gold: Sequence[str], clusters: Sequence[Sequence[int]]) -> dict[str, float]:
    """Pairwise precision/recall/F1 of ``clusters`` against gold story ids (one per item)."""
    predicted = {i: c for c, members in enumerate(clusters) for i in members}
    tp = fp = fn = 0
    n = len(gold)
    for i in range(n):
        for j in range(i + 1, n):
            same_gold = gold[i] == gold[j]
            same_pred = predicted[i] == predicted[j]
            tp += same_gold and same_pred
            fp += same_pred and not same_gold
            fn += same_gold and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": tp + fn,
            "predicted_pairs": tp + fp}


def update_cluster_keys(session: Any, article_ids: Sequence[int]) -> int:
    """Re-cluster the stored articles published around ``article_ids`` (MAX_DAYS either side) and
    write Classification.cluster_key for every classified one. Returns the number of stories
    told by more than one article."""
    ids = list(article_ids)
    dates: list[datetime] = []
    undated = False
    for start in range(0, len(ids), 1000):  # bounded IN lists (SQLite caps bound parameters)
        for published in session.exec(select(Article.published_at).where(
                Article.id.in_(ids[start:start + 1000]))).all():  # type: ignore[union-attr]
            if published is None:
                undated = True
            else:
                dates.append(published)
    query = select(Article)
    rows_query = select(Classification).join(Article, Article.id == Classification.article_id)
    if dates and not undated:
        span = timedelta(days=MAX_DAYS)
        window = (Article.published_at >= min(dates) - span, Article.published_at <= max(dates) + span)
        query = query.where(*window)
        rows_query = rows_query.where(*window)
    articles = list(session.exec(query.order_by(Article.id)).all())
    rows = {c.article_id: c for c in session.exec(rows_query).all()}
    multi = 0
    for members in cluster(articles):
        group = [articles[i] for i in members]
        key = cluster_key(group)
        multi += len(group) > 1
        for article in group:
            row = rows.get(article.id)
            if row is not None and row.cluster_key != key:
                row.cluster_key = key
                session.add(row)
    return multi
