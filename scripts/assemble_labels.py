"""Join the sampled items with the labels read by the labellers into one versioned file."""
import collections
import glob
import hashlib
import json
import os
import sys

shared = "/work/shared/LABELLING.md"
ver = "LABELLING.md@sha256:" + hashlib.sha256(open(shared, "rb").read()).hexdigest()[:12]
items = {}
for f in ["labels/sample.jsonl", "labels/sample2.jsonl", "labels/sample3.jsonl"]:
    if os.path.exists(f):
        for l in open(f, encoding="utf-8"):
            d = json.loads(l); items[d["id"]] = d
out = []
for f in sorted(glob.glob("labels/out-*.tsv")):
    chunk = os.path.basename(f)[4:-4]
    rnd = {"0": 1, "1": 2, "2": 3}[chunk[0]] if len(chunk) == 3 else 1
    for line in open(f, encoding="utf-8"):
        i, lab, amb = line.rstrip("\n").split("\t")
        d = items[i]
        out.append({"id": i, "split": d["split"], "label": lab,
                    "ambiguous": None if amb == "-" else amb,
                    "title": d["title"], "lead": d["lead"], "url": d["url"], "outlet": d["outlet"],
                    "published": d["published"][:19], "sampled_as": d["stratum"], "round": rnd,
                    "labeller": f"judgement: read by labeller {chunk} (LLM editor, headline+lead)",
                    "definitions": ver, "provenance": d["source"]})
out.sort(key=lambda r: (r["published"], r["id"]))
with open(sys.argv[1], "w", encoding="utf-8") as fh:
    for r in out: fh.write(json.dumps(r, ensure_ascii=False) + "\n")

c = collections.Counter((r["split"], r["label"]) for r in out)
print(len(out), sorted(c.items()))
