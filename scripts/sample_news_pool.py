"""Draw the items to label from the news pool (issue 9).

Sampling (not labelling) uses word pools so rare classes and false friends are well
represented; every label is then given by reading the item.
Split by time: items published before 2026-06-01 are train, from 2026-06-01 test.
"""
import gzip
import hashlib
import json
import random
import re
import sys
import unicodedata

sys.path.insert(0, ".")
from scripts.word_pools import FALSE, MANAGEMENT, REFORM, WORLD  # noqa: E402

POOL = sys.argv[1]
OUT = sys.argv[2]
rng = random.Random(20261201)


def norm(s):
    return unicodedata.normalize("NFC", s or "")

items = []
with gzip.open(POOL, "rt", encoding="utf-8") as fh:
    for line in fh:
        d = json.loads(line)
        d["title"] = norm(d["title"]); d["summary"] = norm(d.get("summary"))
        items.append(d)

def has(rx, d):
    return re.search(rx, (d["title"] + " " + d["summary"]).lower()) is not None

def period(d):
    return "test" if d["published"] >= "2026-06-01" else "train"

buckets = {}
for d in items:
    p = period(d)
    kinds = []
    if d["category"] == "Thế giới":
        kinds.append("world-cat" if has(WORLD, d) else "world-other")
    elif has(REFORM, d):
        kinds.append("reform")
    elif has(MANAGEMENT, d):
        kinds.append("management")
    elif has(FALSE, d):
        kinds.append("false-friend")
    else:
        kinds.append("random")
    buckets.setdefault((p, kinds[0]), []).append(d)

quota = {
    ("train", "reform"): 1300, ("train", "management"): 600, ("train", "world-cat"): 350,
    ("train", "world-other"): 80, ("train", "false-friend"): 450, ("train", "random"): 520,
    ("test", "reform"): 380, ("test", "management"): 150, ("test", "world-cat"): 90,
    ("test", "world-other"): 30, ("test", "false-friend"): 150, ("test", "random"): 300,
}
chosen = []
for k, n in quota.items():
    pool = buckets.get(k, [])
    print(k, len(pool), "->", min(n, len(pool)), file=sys.stderr)
    chosen += [(k, d) for d in rng.sample(pool, min(n, len(pool)))]
rng.shuffle(chosen)
seen = set()
with open(OUT, "w", encoding="utf-8") as out:
    for k, d in chosen:
        key = d["url"]
        if key in seen:
            continue
        seen.add(key)
        rid = hashlib.sha1(key.encode()).hexdigest()[:10]
        out.write(json.dumps({"id": rid, "split": k[0], "stratum": k[1], "title": d["title"],
                              "lead": d["summary"], "url": d["url"], "outlet": d["outlet"],
                              "category": d["category"], "published": d["published"],
                              "source": "mnngoisaoxanh/tintuchangngay@" + d["commit"] + ":" + d["path"]},
                             ensure_ascii=False) + "\n")
print(len(seen), file=sys.stderr)
