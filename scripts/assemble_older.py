"""Join the readings of the older held-out stream (round 6) into real-labels.jsonl (issue 9).

    python scripts/assemble_older.py LABELS_DIR [real-labels.jsonl]

LABELS_DIR holds sample.jsonl (scripts/sample_older.py), two blind readings per batch
(answers-batchN-A.jsonl, answers-batchN-B.jsonl) and answers-third.jsonl, the third reading of
the items the two disagreed on. The final label is the two readings' when they agree, else the
majority of the three, else the third reading (marked ambiguous). Rows get split "older": a
second held-out stream, from other years and outlets, that nothing is trained or tuned on.
Re-running replaces the file's "older" rows and keeps every other row as it is.
"""
import glob
import json
import os
import sys
from collections import Counter

DEFINITIONS = "LABELLING.md@sha256:e85b62b17dd8"


def read(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]


def kappa(a, b):
    n = len(a)
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pe = sum((Counter(a)[k] / n) * (Counter(b)[k] / n) for k in set(a) | set(b))
    return (po - pe) / (1 - pe) if pe < 1 else 1.0


def main():
    folder = sys.argv[1]
    target = sys.argv[2] if len(sys.argv) > 2 else "digest/classify/data/real-labels.jsonl"
    sample = {r["id"]: r for r in read(os.path.join(folder, "sample.jsonl"))}
    first, second = {}, {}
    for path in sorted(glob.glob(os.path.join(folder, "answers-batch*-A.jsonl"))):
        first.update({r["id"]: r for r in read(path)})
    for path in sorted(glob.glob(os.path.join(folder, "answers-batch*-B.jsonl"))):
        second.update({r["id"]: r for r in read(path)})
    third_path = os.path.join(folder, "answers-third.jsonl")
    third = {r["id"]: r for r in read(third_path)} if os.path.exists(third_path) else {}
    ids = [i for i in sample if i in first and i in second]
    missing = [i for i in sample if i not in ids]
    a = [first[i]["label"] for i in ids]
    b = [second[i]["label"] for i in ids]
    rel_a = [x != "irrelevant" for x in a]
    rel_b = [x != "irrelevant" for x in b]
    print(f"{len(ids)} items read twice ({len(missing)} not); exact agreement "
          f"{sum(x == y for x, y in zip(a, b, strict=True)) / len(ids):.3f}, relevance agreement "
          f"{sum(x == y for x, y in zip(rel_a, rel_b, strict=True)) / len(ids):.3f}, relevance kappa {kappa(rel_a, rel_b):.3f}")
    rows, undecided = [], []
    for i in ids:
        la, lb = first[i]["label"], second[i]["label"]
        ambiguous = first[i].get("ambiguous") or second[i].get("ambiguous")
        if la == lb:
            label = la
        elif i in third:
            lc = third[i]["label"]
            votes = Counter([la, lb, lc])
            label, count = votes.most_common(1)[0]
            if count == 1:
                label = lc
                ambiguous = "relevance" if len({x != "irrelevant" for x in (la, lb, lc)}) > 1 else "section"
        else:
            undecided.append(i)
            continue
        s = sample[i]
        rows.append({
            "id": i, "split": "older", "label": label, "ambiguous": ambiguous,
            "title": s["title"], "lead": s.get("lead") or "", "url": s.get("url"),
            "outlet": s["outlet"], "published": s["published"], "sampled_as": s["sampled_as"],
            "round": 6, "labeller": "judgement: read twice blind by LLM editors (headline+lead), "
                                    "a third reading where they differed",
            "definitions": DEFINITIONS, "first_label": la, "second_label": lb,
            "provenance": f"{s['repo']}@{s['commit']}:{s['path']}",
        })
    if undecided:
        with open(os.path.join(folder, "to-read-third.jsonl"), "w", encoding="utf-8") as fh:
            for i in undecided:
                s = sample[i]
                fh.write(json.dumps({"id": i, "title": s["title"], "lead": s.get("lead") or "",
                                     "outlet": s["outlet"], "published": s["published"]},
                                    ensure_ascii=False) + "\n")
        print(f"{len(undecided)} disagreements need a third reading: {folder}/to-read-third.jsonl")
        return
    kept = [r for r in read(target) if r.get("split") != "older"]
    with open(target, "w", encoding="utf-8") as fh:
        for r in kept + rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(f"{len(rows)} older rows written to {target}: {dict(Counter(r['label'] for r in rows))}")


if __name__ == "__main__":
    main()
