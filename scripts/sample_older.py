"""Draw the older real news (2018-2020) to label as a second held-out stream (issue 9).

    python scripts/sample_older.py ITEMS.jsonl OUT.jsonl [N]

ITEMS.jsonl: real headlines and leads from public crawler outputs committed to GitHub (each line
with its repository, path and commit; see REAL-LABELS.md). Sampling, not labelling, uses the
word pools of round 1 (scripts/word_pools.py) so that reform, management and false-friend items are
well covered; a third of the draw is plain news matching none of them. Seeded.
"""
import json
import random
import re
import sys
import unicodedata

sys.path.insert(0, ".")
from scripts.word_pools import FALSE, MANAGEMENT, REFORM  # noqa: E402

QUOTAS = {"reform": 240, "management": 120, "false-friend": 40, "random": 200}


def main() -> None:
    src, out = sys.argv[1], sys.argv[2]
    scale = int(sys.argv[3]) / sum(QUOTAS.values()) if len(sys.argv) > 3 else 1.0
    rng = random.Random(20261201)
    buckets: dict[str, list[dict]] = {k: [] for k in QUOTAS}
    for line in open(src, encoding="utf-8"):
        d = json.loads(line)
        text = unicodedata.normalize("NFC", f"{d['title']} {d.get('lead') or ''}").lower()
        kind = ("reform" if re.search(REFORM, text) else "management" if re.search(MANAGEMENT, text)
                else "false-friend" if re.search(FALSE, text) else "random")
        buckets[kind].append(d)
    drawn = []
    for kind, quota in QUOTAS.items():
        pool = sorted(buckets[kind], key=lambda d: (d["published"], d["title"]))
        for d in rng.sample(pool, min(len(pool), round(quota * scale))):
            drawn.append({**d, "sampled_as": f"older-{kind}"})
    rng.shuffle(drawn)
    with open(out, "w", encoding="utf-8") as fh:
        for i, d in enumerate(drawn):
            fh.write(json.dumps({"id": f"o{i:04d}", **d}, ensure_ascii=False) + "\n")
    print({k: len(v) for k, v in buckets.items()}, "drawn", len(drawn))


if __name__ == "__main__":
    main()
