"""Fold round 4 of the labelling (issue 9) into real-labels.jsonl.

Round 4 did three things, all by reading (LLM editors working from LABELLING.md; no keyword rule,
no classifier output shown to them; every batch mixed the three kinds so no labeller knew which
an item was):

- a second, independent reading of every TEST item, and of the train items whose first label
  was marked ambiguous or disagreed most with the model's out-of-fold score (confident learning
  on the train split only);
- a third reading of every item where the first two readings disagree; the final label is the
  majority of the three (the third when all differ, marked ambiguous);
- 2,000 new TRAIN items drawn by ``scripts/sample_round4.py`` (active learning, train months only),
  read once; those first read as management were read again under the corrected convention on
  appointments (see REAL-LABELS.md) and take the second reading.

Round 5 (same script): 2,533 more TRAIN items drawn by ``scripts/sample_active.py --round 5`` with
the model retrained on rounds 1-4, read once under the corrected convention (batches 11-14).

    python scripts/assemble_rounds45.py real-labels.jsonl STAGING_DIR OUT.jsonl
"""
import collections
import hashlib
import json
import sys

PREV, STAGING, OUT = sys.argv[1:4]
ver = "LABELLING.md@sha256:" + hashlib.sha256(open("/work/shared/LABELLING.md", "rb").read()).hexdigest()[:12]


def read(path):
    return [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]


key = json.load(open(f"{STAGING}/batch-key.json"))
second = {}
for b in range(1, 6):
    for d in read(f"{STAGING}/out-{b}.jsonl"):
        second[d["id"]] = (d, f"4{b:02d}")
third = {}
for b in (7, 8):
    for d in read(f"{STAGING}/out-{b}.jsonl"):
        third[d["id"]] = (d, f"4{b:02d}")

rows = read(PREV)
changed = collections.Counter()
for r in rows:
    if r["id"] not in second:
        continue
    s, s_who = second[r["id"]]
    readings = {"first": r["label"], "second": s["label"]}
    r["second_reading"] = {"label": s["label"], "ambiguous": s["ambiguous"], "labeller": s_who}
    if r["id"] in third:
        t, t_who = third[r["id"]]
        readings["third"] = t["label"]
        r["third_reading"] = {"label": t["label"], "ambiguous": t["ambiguous"], "labeller": t_who}
        votes = collections.Counter(readings.values()).most_common()
        final = votes[0][0] if votes[0][1] >= 2 else t["label"]
        if final != r["label"]:
            r["corrected"] = "majority of three readings" if votes[0][1] >= 2 else "third reading (all three differ)"
            r["first_label"] = r["label"]
            r["label"] = final
            r["ambiguous"] = t["ambiguous"] if final == t["label"] else s["ambiguous"]
            if votes[0][1] < 2:
                r["ambiguous"] = r["ambiguous"] or "relevance"
            changed[(r["split"], r["first_label"], final)] += 1

for sample in read(f"{STAGING}/round4.jsonl"):
    s, s_who = second[sample["id"]]
    label, amb, who = s["label"], s["ambiguous"], s_who
    row = {"id": sample["id"], "split": "train", "label": label, "ambiguous": amb,
           "title": sample["title"], "lead": sample["lead"], "url": sample["url"], "outlet": sample["outlet"],
           "published": sample["published"][:19], "sampled_as": sample["stratum"], "round": 4,
           "labeller": f"judgement: read by labeller {who} (LLM editor, headline+lead)",
           "definitions": ver, "provenance": sample["source"]}
    if sample["id"] in third:
        t, t_who = third[sample["id"]]
        row["first_label"] = label
        row["label"], row["ambiguous"] = t["label"], t["ambiguous"]
        row["labeller"] = f"judgement: read by labellers {who} then {t_who} (LLM editors, headline+lead)"
        if t["label"] != label:
            row["corrected"] = "second reading (corrected convention on appointments)"
            changed[("train-r4", label, t["label"])] += 1
    rows.append(row)

r5 = {}
for b in (11, 12, 13, 14):
    for d in read(f"{STAGING}/out-{b}.jsonl"):
        r5[d["id"]] = (d, f"5{b - 10:02d}")
for sample in read(f"{STAGING}/round5.jsonl"):
    s, who = r5[sample["id"]]
    rows.append({"id": sample["id"], "split": "train", "label": s["label"], "ambiguous": s["ambiguous"],
                 "title": sample["title"], "lead": sample["lead"], "url": sample["url"], "outlet": sample["outlet"],
                 "published": sample["published"][:19], "sampled_as": sample["stratum"], "round": 5,
                 "labeller": f"judgement: read by labeller {who} (LLM editor, headline+lead)",
                 "definitions": ver, "provenance": sample["source"]})

rows.sort(key=lambda r: (r["published"], r["id"]))
with open(OUT, "w", encoding="utf-8") as fh:
    for r in rows:
        fh.write(json.dumps(r, ensure_ascii=False) + "\n")
print(len(rows), "rows;", sum(changed.values()), "labels changed:")
for k, n in sorted(changed.items()):
    print(" ", k, n)
print(sorted(collections.Counter((r["split"], r["label"]) for r in rows).items()))
