"""Rounds 4 and 5 of the sample (issue 9): active learning on the TRAIN months only. The bundled
model (trained on the train split) scores every unlabelled pool item published before 2026-06-01;
items are drawn by bands of P(relevant), most from the uncertain middle and the high end, where
the editor's operating point is decided and where the false friends come from. The test months
are not touched.

    .venv/bin/python scripts/sample_active.py POOL.jsonl.gz real-labels.jsonl OUT.jsonl --round 4
    .venv/bin/python scripts/sample_active.py POOL.jsonl.gz real-labels.jsonl OUT.jsonl --round 5

Round 4 ran with the model of rounds 1-3, round 5 with the model retrained on rounds 1-4.
``--report`` in place of OUT draws nothing: it prints how many unlabelled train-month items the
bundled model puts in each band of P(relevant), i.e. what a further round could still draw.

    .venv/bin/python scripts/sample_active.py POOL.jsonl.gz real-labels.jsonl --report
"""
import gzip
import hashlib
import itertools
import json
import random
import sys
import unicodedata

sys.path.insert(0, ".")
from digest.classify.classifier import classify_many, load_model  # noqa: E402

POOL, PREV, OUT = (sys.argv[1:4] + [""])[:3]
REPORT = OUT == "--report"
ROUND = int(sys.argv[sys.argv.index("--round") + 1]) if "--round" in sys.argv else 4
rng = random.Random({4: 20261201, 5: 20261205}.get(ROUND, 20261200 + ROUND))
# (low, high, how many): round 5 takes everything left above 0.3
# later rounds draw as round 5 did (what is left of the uncertain band, all of the high one)
BANDS = {4: [(0.10, 0.30, 500), (0.30, 0.60, 700), (0.60, 0.90, 600), (0.90, 1.01, 200)]}.get(
    ROUND, [(0.08, 0.30, 1400), (0.30, 1.01, 10_000)])


def norm(s):
    return unicodedata.normalize("NFC", s or "")


def rid(url):
    return hashlib.sha1(url.encode()).hexdigest()[:10]


seen = {json.loads(line)["id"] for line in open(PREV, encoding="utf-8")}
titles = set()
items = []
with gzip.open(POOL, "rt", encoding="utf-8") as fh:
    for line in fh:
        d = json.loads(line)
        if d["published"] >= "2026-06-01" or rid(d["url"]) in seen:
            continue
        d["title"], d["summary"] = norm(d["title"]), norm(d.get("summary"))
        key = d["title"].lower().strip()
        if key in titles:  # the aggregator repeats stories across section feeds
            continue
        titles.add(key)
        items.append(d)
model = load_model()
preds = classify_many(({"title": d["title"], "text": d["summary"], "outlet": d["outlet"], "url": d["url"]}
                       for d in items), model=model)
if REPORT:
    edges = [0.0, 0.02, 0.05, 0.1, 0.2, 0.3, 0.6, 0.9, 1.01]
    print(f"{len(items):,} unlabelled train-month items (one per headline), by P(relevant):")
    for lo, hi in itertools.pairwise(edges):
        print(f"  {lo:.2f}-{min(hi, 1.0):.2f}: {sum(lo <= p.confidence < hi for p in preds):,}")
    sys.exit(0)
chosen = []
for lo, hi, n in BANDS:
    band = [d for d, p in zip(items, preds, strict=True) if lo <= p.confidence < hi]
    print(f"band {lo:.2f}-{hi:.2f}: {len(band)} -> {min(n, len(band))}", file=sys.stderr)
    chosen += [(f"al{lo:.1f}" if ROUND == 4 else f"al{ROUND}-{lo:.1f}", d) for d in rng.sample(band, min(n, len(band)))]
rng.shuffle(chosen)
with open(OUT, "w", encoding="utf-8") as out:
    for stratum, d in chosen:
        out.write(json.dumps({"id": rid(d["url"]), "split": "train", "stratum": stratum, "title": d["title"],
                              "lead": d["summary"], "url": d["url"], "outlet": d["outlet"],
                              "category": d["category"], "published": d["published"],
                              "source": "mnngoisaoxanh/tintuchangngay@" + d["commit"] + ":" + d["path"]},
                             ensure_ascii=False) + "\n")
